/**
 * Small, linear helpers over the XML of an OOXML package, for editing parts in place: only the
 * bytes we mean to change move, everything else in a part stays as the file had it.
 */

export const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
export const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

/**
 * A cell's or note's text as OOXML stores it (ST_Xstring): `_xHHHH_` in a `<t>` stands for the character
 * U+HHHH (Excel writes a carriage return as `_x000D_`), so a text that holds such a pattern itself has its
 * underscore written `_x005F_`; else Excel would show `_x000D_` typed by the user as a line break.
 */
export const escapeCodes = (s: string) =>
  s.includes('_x') ? s.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_') : s;
/** The text an ST_Xstring stands for: each `_xHHHH_` is its character (see {@link escapeCodes}). */
export const decodeCodes = (s: string) =>
  s.includes('_x')
    ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    : s;

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};
export function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (m, e: string) => {
    if (e[0] !== '#') return NAMED[e.toLowerCase()] ?? m;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/**
 * The pattern of an attribute by name, compiled once: attr runs per cell and per defined name, and
 * compiling a pattern each time was most of its cost. Names are the code's own, so the cache stays small.
 */
const ATTR_PATTERNS = new Map<string, RegExp>();
const attrPattern = (name: string) => {
  let re = ATTR_PATTERNS.get(name);
  if (!re) {
    re = new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    if (ATTR_PATTERNS.size < 256) ATTR_PATTERNS.set(name, re);
  }
  return re;
};

/** An attribute of a start tag (the text `<x a="1" …>`), unescaped. */
export function attr(tag: string, name: string): string | undefined {
  const m = attrPattern(name).exec(tag);
  return m ? unescapeXml(m[1] ?? m[2]) : undefined;
}

/** The start tag with the attribute set (replaced in place, or added last). */
export function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*)(?:"[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, `$1"${escapeAttr(value)}"`);
  const end = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, end)} ${name}="${escapeAttr(value)}"${tag.slice(end)}`;
}

export function dropAttr(tag: string, name: string): string {
  return tag.replace(new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"[^"]*"|'[^']*')`), '');
}

export interface Span {
  start: number;
  end: number;
}

/** The start tag of an element at `start`. */
export function startTag(xml: string, start: number): string {
  return xml.slice(start, xml.indexOf('>', start) + 1);
}

const isNameEnd = (c: number) =>
  c === 0x20 || c === 0x3e || c === 0x2f || c === 0x09 || c === 0x0a || c === 0x0d;

/** The first `<tag …>…</tag>` or `<tag …/>` at or after `from` (the tag never nests in itself). */
export function findElement(xml: string, tag: string, from = 0, to = xml.length): Span | undefined {
  let at = from;
  for (;;) {
    const start = xml.indexOf(`<${tag}`, at);
    if (start < 0 || start >= to) return undefined;
    if (!isNameEnd(xml.charCodeAt(start + tag.length + 1))) {
      at = start + tag.length + 1;
      continue;
    }
    const close = xml.indexOf('>', start);
    if (close < 0) return undefined;
    if (xml.charCodeAt(close - 1) === 0x2f) return { start, end: close + 1 };
    const endTag = xml.indexOf(`</${tag}>`, close);
    if (endTag < 0) return undefined;
    return { start, end: endTag + tag.length + 3 };
  }
}

/** Every `<tag>` element between `from` and `to`, in order (the tag never nests in itself). */
export function elements(xml: string, tag: string, from = 0, to = xml.length): Span[] {
  const out: Span[] = [];
  let at = from;
  for (;;) {
    const e = findElement(xml, tag, at, to);
    if (!e || e.end > to) return out;
    out.push(e);
    at = e.end;
  }
}

/** The inner text span of a non-self-closing element (empty at its end for a self-closing one). */
export function inner(xml: string, e: Span): Span {
  const close = xml.indexOf('>', e.start) + 1;
  if (xml.charCodeAt(close - 2) === 0x2f) return { start: close, end: close };
  return { start: close, end: xml.lastIndexOf('</', e.end - 1) };
}

/** The visible text of a rich-text body (`<t>` of runs; phonetic runs left out). */
export function richText(xml: string): string {
  const body = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g))
    out += m[1] ? decodeCodes(unescapeXml(m[1])) : '';
  return out;
}

/** A plain-text body: one run (ExcelJS and others read runs only), spaces and line breaks kept. */
export const plainTextXml = (text: string) =>
  `<r><t xml:space="preserve">${escapeText(escapeCodes(text))}</t></r>`;

/** Replaces spans (non-overlapping, any order) of a text at once. */
export function splice(xml: string, edits: Array<Span & { text: string }>): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    parts.push(xml.slice(at, e.start), e.text);
    at = e.end;
  }
  parts.push(xml.slice(at));
  return parts.join('');
}

/** The namespace prefix (with colon) a root element uses for a namespace, or undefined. */
export function prefixFor(xml: string, ns: string): string | undefined {
  const root = xml.slice(
    0,
    xml.indexOf('>', xml.indexOf('<', xml.startsWith('<?') ? xml.indexOf('?>') + 2 : 0)) + 1
  );
  for (const m of root.matchAll(/\sxmlns(?::([\w.-]+))?\s*=\s*"([^"]*)"/g))
    if (m[2] === ns) return m[1] ? `${m[1]}:` : '';
  return undefined;
}

/** Column letters → 0-based index, and back. */
export function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
export function colLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_TYPE = {
  worksheet: `${REL_NS}/worksheet`,
  comments: `${REL_NS}/comments`,
  vml: `${REL_NS}/vmlDrawing`,
};
export const CONTENT_TYPE = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
};

/** Relationships of a .rels part. */
export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
  /** The element's text as it stands in the part. */
  xml: string;
}

export function relationships(rels: string): Relationship[] {
  return [...rels.matchAll(/<Relationship\b[^>]*?\/>|<Relationship\b[^>]*?>[\s\S]*?<\/Relationship>/g)].map(
    (m) => ({
      id: attr(m[0], 'Id') ?? '',
      type: attr(m[0], 'Type') ?? '',
      target: attr(m[0], 'Target') ?? '',
      external: attr(m[0], 'TargetMode') === 'External',
      xml: m[0],
    })
  );
}

/** A relationship target resolved against its source part (`xl/worksheets/sheet1.xml` + `../comments1.xml`). */
export function resolveTarget(source: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = source.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`. */
export const relsPathOf = (part: string) => part.replace(/([^/]+)$/, '_rels/$1.rels');

/** A path relative from one part's folder to another part (`xl/worksheets/sheet1.xml` → `../comments1.xml`). */
export function relativeTarget(source: string, part: string): string {
  const from = source.split('/').slice(0, -1);
  const to = part.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...Array(from.length - i).fill('..'), ...to.slice(i)].join('/');
}

export const EMPTY_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
