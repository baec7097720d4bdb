/**
 * XML in and out for SBML: fast-xml-parser reads a document into a small ordered element tree
 * (MathML needs child order), and `el` writes escaped markup. No XML parsing happens here beyond
 * calling the library.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One element: local name, prefix, attributes as written, children and text in document order. */
export interface XmlElement {
  /** Local name (`apply`, `species`), without any namespace prefix. */
  readonly name: string;
  readonly prefix: string;
  /** Attributes by their name as written (`id`, `xmlns:fbc`, `fbc:required`). */
  readonly attrs: Readonly<Record<string, string>>;
  /** Child elements and text, in document order. */
  readonly content: readonly (XmlElement | string)[];
}

/** Raised for input that is not well-formed XML. */
export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
  processEntities: true,
  htmlEntities: false,
});

type Raw = Record<string, unknown>;

function convert(raw: Raw): XmlElement | string | undefined {
  if ('#text' in raw) return String(raw['#text']);
  const tag = Object.keys(raw).find((k) => k !== ':@');
  if (tag === undefined || tag.startsWith('?') || tag.startsWith('!')) return undefined;
  const colon = tag.indexOf(':');
  const attrs = (raw[':@'] as Record<string, unknown> | undefined) ?? {};
  const children = (raw[tag] as Raw[] | undefined) ?? [];
  const content: (XmlElement | string)[] = [];
  for (const c of children) {
    const x = convert(c);
    if (x !== undefined && x !== '') content.push(x);
  }
  return {
    name: colon < 0 ? tag : tag.slice(colon + 1),
    prefix: colon < 0 ? '' : tag.slice(0, colon),
    attrs: Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, String(v)])),
    content,
  };
}

/**
 * Parse a document and return its root element.
 * @throws XmlError with the parser's line and message for malformed input, or for DTD entity
 *   declarations (refused, so no document can expand itself)
 */
export function parseXml(text: string): XmlElement {
  if (/<!ENTITY/i.test(text)) throw new XmlError('entity declarations (<!ENTITY …>) are not supported');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlError(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const raw = parser.parse(text) as Raw[];
  const root = raw.map(convert).find((x): x is XmlElement => typeof x === 'object');
  if (!root) throw new XmlError('no root element');
  return root;
}

/** Child elements of `e` with local name `name` (all children when omitted). */
export function children(e: XmlElement, name?: string): XmlElement[] {
  return e.content.filter(
    (c): c is XmlElement => typeof c === 'object' && (name === undefined || c.name === name),
  );
}

/** The first child element named `name`. */
export function child(e: XmlElement, name: string): XmlElement | undefined {
  return children(e, name)[0];
}

/** Elements of `list` under `e`: `listOf(model, 'listOfSpecies', 'species')`. */
export function listOf(e: XmlElement, list: string, item: string): XmlElement[] {
  return children(e, list).flatMap((l) => children(l, item));
}

/** The text directly inside `e`, trimmed. */
export function textOf(e: XmlElement): string {
  return e.content
    .filter((c): c is string => typeof c === 'string')
    .join(' ')
    .trim();
}

/** All text under `e`, depth first, whitespace collapsed (for notes). */
export function deepText(e: XmlElement): string {
  const parts: string[] = [];
  const walk = (x: XmlElement | string) => {
    if (typeof x === 'string') parts.push(x);
    else x.content.forEach(walk);
  };
  walk(e);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Escape text for an attribute value or element content. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A child for `el`: markup already built, or nothing. */
export type Markup = string | undefined | false;

/**
 * Write one element. Attribute values are escaped; undefined attributes are left out; children
 * are markup strings (from `el` or `text`).
 */
export function el(
  name: string,
  attrs: Readonly<Record<string, string | number | boolean | undefined>> = {},
  ...kids: readonly Markup[]
): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  const body = kids.filter((k): k is string => typeof k === 'string' && k !== '');
  return body.length === 0 ? `<${name}${a}/>` : `<${name}${a}>${body.join('')}</${name}>`;
}

/** Escaped text content for `el`. */
export function text(value: string): string {
  return escapeXml(value);
}
