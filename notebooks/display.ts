/**
 * Notebook helpers: a jsdom `document` for the project's chart functions, and `show`, which
 * sends an SVG chart, an HTML element or a value to the notebook as rich output. `show` awaits
 * the kernel's broadcast, so the figure is sent while the cell is still running (a cell's
 * final-value result can arrive after the kernel reports idle and be lost under heavy load).
 *
 * A chart travels as three representations, so every viewer renders it:
 * - `image/svg+xml`: the SVG without an XML declaration, with its alt text (the chart's own
 *   title and description) in the output metadata, which nbconvert 7 puts on its `<img>`;
 * - `text/html`: the same SVG inline (its `<title>` and `<desc>` are its accessible name).
 *   Viewers prefer HTML; Debian's nbconvert 6 sanitises `image/svg+xml` down to its text but
 *   passes HTML through, so this is what makes the figure appear there;
 * - `text/plain`: the alt text, for terminals and text-only viewers.
 */
import { JSDOM } from "jsdom";
import { svgToString } from "../src/chart/export.ts";

/** A detached document the chart functions draw into. */
export const document: Document = new JSDOM("<!doctype html><html><body></body></html>").window.document;

declare const Deno: {
  jupyter: { broadcast(type: string, content: Record<string, unknown>): Promise<void> };
};

/** The chart's alt text: its title and description, one line. */
export function altText(svg: SVGSVGElement): string {
  const part = (name: string) => svg.querySelector(`:scope > ${name}`)?.textContent?.trim() ?? "";
  const text = [part("title"), part("desc")].filter(Boolean).join(". ");
  return text.replace(/\s+/g, " ") || "Chart";
}

/** The standalone SVG text without its `<?xml …?>` declaration (nbconvert 6 cannot take one). */
export function svgMarkup(svg: SVGSVGElement): string {
  return svgToString(svg).replace(/^<\?xml[^>]*\?>\s*/, "").trim();
}

/** The output bundle and metadata for a value. */
export function bundleFor(value: unknown): { data: Record<string, string>; metadata: Record<string, unknown> } {
  const isElement = typeof value === "object" && value !== null && "outerHTML" in value;
  if (!isElement) {
    return { data: { "text/plain": typeof value === "string" ? value : JSON.stringify(value, null, 2) }, metadata: {} };
  }
  const element = value as Element;
  if (element.localName !== "svg") return { data: { "text/html": element.outerHTML }, metadata: {} };
  const svg = element as SVGSVGElement;
  const markup = svgMarkup(svg);
  const alt = altText(svg);
  return {
    data: { "image/svg+xml": markup, "text/html": markup, "text/plain": alt },
    metadata: { "image/svg+xml": { alt } },
  };
}

/**
 * Display a chart (`<svg>`: SVG, inline HTML and alt text), another element (as HTML), or any
 * other value (as text: strings as they are, the rest as indented JSON).
 */
export async function show(value: unknown): Promise<void> {
  const { data, metadata } = bundleFor(value);
  await Deno.jupyter.broadcast("display_data", { data, metadata, transient: {} });
}
