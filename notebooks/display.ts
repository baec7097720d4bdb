/**
 * Notebook helpers: a jsdom `document` for the project's chart functions, and `show`, which
 * sends an SVG chart, an HTML element or a value to the notebook as rich output. `show` awaits
 * `Deno.jupyter.display`, so the figure is sent while the cell is still running (a cell's
 * final-value result can arrive after the kernel reports idle and be lost under heavy load).
 */
import { JSDOM } from "jsdom";
import { svgToString } from "../src/chart/export.ts";

/** A detached document the chart functions draw into. */
export const document: Document = new JSDOM("<!doctype html><html><body></body></html>").window.document;

declare const Deno: {
  jupyter: { display(bundle: Record<string, string>, options: { raw: boolean }): Promise<void> };
};

/**
 * Display a chart (`<svg>`, as image/svg+xml), another element (as HTML), or any other value
 * (as text: strings as they are, the rest as indented JSON).
 */
export async function show(value: unknown): Promise<void> {
  const isElement = typeof value === "object" && value !== null && "outerHTML" in value;
  const bundle = !isElement
    ? { "text/plain": typeof value === "string" ? value : JSON.stringify(value, null, 2) }
    : (value as Element).localName === "svg"
      ? { "image/svg+xml": svgToString(value as SVGSVGElement) }
      : { "text/html": (value as Element).outerHTML };
  await Deno.jupyter.display(bundle, { raw: true });
}
