/**
 * Export a chart: `svgToString` gives a standalone SVG file (namespace declared, every style
 * already inline as attributes, white background), and `svgToPngBlob` rasterises it in a browser.
 */
import { roundGeometry, SVG_NS } from './frame.ts';

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Defaults of the exporters, declared once. */
export const EXPORT_DEFAULTS = Object.freeze({
  /** Background painted behind the chart in exported files (`null`: transparent). */
  background: '#FFFFFF' as string | null,
  /** PNG pixels per SVG pixel. */
  scale: 2,
});

/** Options of `svgToString`. */
export interface SvgExportOptions {
  /** Background colour, or `null` for transparent (default white). */
  readonly background?: string | null;
}

interface SerializerWindow {
  XMLSerializer?: new () => XMLSerializer;
}

/**
 * Serialise a chart as a standalone SVG document (XML declaration, `xmlns`, inline styling) that
 * opens in any viewer. The chart itself is not modified.
 */
export function svgToString(svg: SVGSVGElement, options: SvgExportOptions = {}): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  roundGeometry(clone);
  clone.setAttributeNS(XMLNS_NS, 'xmlns', SVG_NS);
  const background = options.background === undefined ? EXPORT_DEFAULTS.background : options.background;
  if (background) {
    const doc = clone.ownerDocument;
    const rect = doc.createElementNS(SVG_NS, 'rect');
    rect.setAttribute('class', 'eol-export-background');
    rect.setAttribute('width', '100%');
    rect.setAttribute('height', '100%');
    rect.setAttribute('fill', background);
    // After <title> and <desc>, which stay first for accessibility.
    let anchor: ChildNode | null = clone.firstChild;
    while (anchor && (anchor.nodeName === 'title' || anchor.nodeName === 'desc')) anchor = anchor.nextSibling;
    clone.insertBefore(rect, anchor);
  }
  const view = svg.ownerDocument.defaultView as SerializerWindow | null;
  const Serializer = view?.XMLSerializer ?? (globalThis as SerializerWindow).XMLSerializer;
  if (!Serializer) throw new Error('cannot export SVG: no XMLSerializer in this environment');
  const text = new Serializer().serializeToString(clone);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`;
}

/**
 * Rasterise a chart to a PNG `Blob` at `scale` × its size. **Browser only**: it needs an `<img>`
 * that decodes SVG and a `<canvas>` with `toBlob` (jsdom and Node have neither).
 * @throws Error (as a rejected promise) for an invalid scale or when the browser cannot rasterise
 */
export async function svgToPngBlob(svg: SVGSVGElement, scale: number = EXPORT_DEFAULTS.scale): Promise<Blob> {
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0) {
    throw new Error(`invalid scale: ${String(scale)} (PNG export; must be a number > 0)`);
  }
  const width = Number(svg.getAttribute('width'));
  const height = Number(svg.getAttribute('height'));
  if (!(width > 0 && height > 0)) {
    throw new Error(
      `invalid chart size: ${svg.getAttribute('width')}×${svg.getAttribute('height')} (PNG export)`,
    );
  }
  const doc = svg.ownerDocument;
  const img = doc.createElement('img');
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () =>
      reject(new Error('PNG export failed: the browser could not load the chart as an image'));
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgToString(svg))}`;
  });
  const canvas = doc.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('PNG export failed: no 2-D canvas in this environment (browser only)');
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise<Blob>((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (blob) resolve(blob);
      else reject(new Error('PNG export failed: the canvas produced no image'));
    }, 'image/png');
  });
}
