/**
 * One worksheet part edited cell by cell: a cell's style index set (the element created when the
 * file has none) and set back, every other byte of the part as the file had it.
 */
import type { DigestCell } from '../../core/markState';
import {
  attr,
  colLetters,
  colNumber,
  decodeCodes,
  findElement,
  inner,
  REL_NS,
  richText,
  Span,
  startTag,
  unescapeXml,
} from './ooxml';

export class SheetXmlError extends Error {}

interface RowAt extends Span {
  r: number;
}

export class SheetXml {
  private readonly rows = new Map<number, RowAt>();
  private readonly order: number[] = [];
  private readonly changed = new Map<number, string | null>();
  private readonly data: Span & { body: Span };

  constructor(
    private readonly xml: string,
    private readonly sheet: string
  ) {
    const data = findElement(xml, 'sheetData');
    if (!data) throw new SheetXmlError(`工作表“${sheet}”缺少单元格数据（sheetData）`);
    this.data = { ...data, body: inner(xml, data) };
    let implied = 0;
    const re = /<row\b(?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(\/?)>/g;
    re.lastIndex = this.data.body.start;
    for (let m = re.exec(xml); m && m.index < this.data.body.end; m = re.exec(xml)) {
      const r = Number(attr(m[0], 'r') ?? implied + 1);
      implied = r;
      const end = m[1] ? m.index + m[0].length : xml.indexOf('</row>', m.index) + 6;
      this.rows.set(r, { start: m.index, end, r });
      this.order.push(r);
      re.lastIndex = end;
    }
  }

  private rowXml(r: number): string | undefined {
    if (this.changed.has(r)) return this.changed.get(r) ?? undefined;
    const at = this.rows.get(r);
    return at ? this.xml.slice(at.start, at.end) : undefined;
  }

  /** The cell element in a row's XML, located by its reference. */
  private cellIn(row: string, ref: string): Span | undefined {
    const i = row.indexOf(` r="${ref}"`);
    if (i < 0) {
      // Cells without a reference cannot be located safely: refuse rather than add a second one.
      const cells = row.match(/<c[\s>/]/g)?.length ?? 0;
      const refs = row.match(/<c\b[^>]*\sr="/g)?.length ?? 0;
      if (cells !== refs)
        throw new SheetXmlError(
          `工作表“${this.sheet}”第 ${ref.replace(/^[A-Z]+/, '')} 行的单元格没有标注位置，无法只改动要标记的单元格`
        );
      return undefined;
    }
    const start = row.lastIndexOf('<c', i);
    const close = row.indexOf('>', i);
    const end = row.charCodeAt(close - 1) === 0x2f ? close + 1 : row.indexOf('</c>', close) + 4;
    return { start, end };
  }

  /** A cell's style index (null when the attribute is absent) and whether its element (and row) exist. */
  cell(r: number, c: number): { s: number | null; exists: boolean; rowExists: boolean } {
    const row = this.rowXml(r);
    if (row === undefined) return { s: null, exists: false, rowExists: false };
    const at = this.cellIn(row, `${colLetters(c)}${r}`);
    if (!at) return { s: null, exists: false, rowExists: true };
    const s = attr(startTag(row, at.start), 's');
    return {
      s: s === undefined ? null : Number(s),
      exists: true,
      rowExists: true,
    };
  }

  /** Sets a cell's style index (null: no attribute), creating the cell and its row when absent. */
  setStyle(r: number, c: number, s: number | null): void {
    const ref = `${colLetters(c)}${r}`;
    const row = this.rowXml(r);
    const bare = `<c r="${ref}"${s === null ? '' : ` s="${s}"`}/>`;
    if (row === undefined) {
      this.changed.set(r, `<row r="${r}">${bare}</row>`);
      return;
    }
    const at = this.cellIn(row, ref);
    if (at) {
      const tag = startTag(row, at.start);
      // In place when the attribute is there (so setting it back restores the bytes), else after r.
      const next =
        s === null
          ? tag.replace(/\ss="\d*"/, '')
          : /\ss="\d*"/.test(tag)
            ? tag.replace(/(\ss=")\d*"/, `$1${s}"`)
            : tag.replace(/(\sr="[^"]*")/, `$1 s="${s}"`);
      this.changed.set(r, row.slice(0, at.start) + next + row.slice(at.start + tag.length));
      return;
    }
    if (row.endsWith('/>')) {
      this.changed.set(r, `${row.slice(0, -2)}>${bare}</row>`);
      return;
    }
    // Before the first cell to its right, or last.
    let insert = row.lastIndexOf('</row>');
    for (const m of row.matchAll(/<c\b[^>]*\sr="([A-Z]+)\d+"/g))
      if (colNumber(m[1]) > c) {
        insert = m.index;
        break;
      }
    this.changed.set(r, row.slice(0, insert) + bare + row.slice(insert));
  }

  /**
   * Takes out a cell element exactly as {@link setStyle} created it (no value, this style), and its
   * row when that is left exactly as created; anything else is left.
   */
  removeCreated(r: number, c: number, s: number | null, rowToo: boolean): boolean {
    const ref = `${colLetters(c)}${r}`;
    const row = this.rowXml(r);
    if (row === undefined) return false;
    const bare = `<c r="${ref}"${s === null ? '' : ` s="${s}"`}/>`;
    if (rowToo && row === `<row r="${r}">${bare}</row>`) {
      this.changed.set(r, null);
      return true;
    }
    const at = this.cellIn(row, ref);
    if (!at || row.slice(at.start, at.end) !== bare) return false;
    this.changed.set(r, row.slice(0, at.start) + row.slice(at.end));
    return true;
  }

  get dirty(): boolean {
    return this.changed.size > 0;
  }

  toXml(): string {
    if (!this.dirty) return this.xml;
    const added = [...this.changed.keys()].filter((r) => !this.rows.has(r)).sort((a, b) => a - b);
    const parts: string[] = [];
    const { body } = this.data;
    let at = body.start;
    let next = 0;
    for (const r of this.order) {
      const span = this.rows.get(r)!;
      parts.push(this.xml.slice(at, span.start));
      while (next < added.length && added[next] < r) parts.push(this.changed.get(added[next++]) ?? '');
      parts.push(this.changed.has(r) ? (this.changed.get(r) ?? '') : this.xml.slice(span.start, span.end));
      at = span.end;
    }
    parts.push(this.xml.slice(at, body.end));
    while (next < added.length) parts.push(this.changed.get(added[next++]) ?? '');
    const rows = parts.join('');
    if (body.start === body.end && this.xml.charCodeAt(this.data.end - 2) === 0x2f) {
      // `<sheetData/>`
      const open = startTag(this.xml, this.data.start).slice(0, -2);
      return `${this.xml.slice(0, this.data.start)}${open}>${rows}</sheetData>${this.xml.slice(this.data.end)}`;
    }
    return this.xml.slice(0, body.start) + rows + this.xml.slice(body.end);
  }
}

// ------------------------------------------------------------------ reading cells

/**
 * Every cell of a worksheet part with a value or a formula (0-based places), in one pass: text from
 * the shared strings, inline strings or formula results, numbers, booleans, errors. A cell without a
 * reference follows the one before it in its row.
 */
export function sheetCells(xml: string, sharedStrings: string[]): DigestCell[] {
  const out: DigestCell[] = [];
  let row = 0;
  for (const m of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    row = Number(attr(`<row ${m[1]}>`, 'r') ?? row + 1);
    let col = -1;
    for (const c of (m[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const tag = `<c ${c[1]}>`;
      const ref = attr(tag, 'r');
      col = ref ? colNumber(ref.replace(/\d+$/, '')) : col + 1;
      const body = c[2] ?? '';
      const t = attr(tag, 't');
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value: DigestCell['value'] = null;
      if (t === 's') value = sharedStrings[Number(v)] ?? null;
      else if (t === 'inlineStr') value = richText(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
      else if (v !== undefined)
        value =
          t === 'str'
            ? decodeCodes(unescapeXml(v))
            : t === 'b'
              ? v === '1'
              : t === 'e'
                ? { error: v }
                : Number(v);
      const formula = /<f[\s>/]/.test(body);
      if (formula || (value !== null && value !== '')) out.push({ row: row - 1, col, value, formula });
    }
  }
  return out;
}

// ------------------------------------------------------------------ the sheet's legacy drawing (notes)

/** Children of a worksheet that come after `legacyDrawing` (CT_Worksheet order). */
const AFTER_LEGACY = new Set([
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
  'mc:AlternateContent',
]);
const TAG =
  /<(\/?)([\w:.-]+)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>/g;

/** The worksheet's top-level children after sheetData: name and span. */
function tailChildren(xml: string): Array<Span & { name: string }> {
  const data = findElement(xml, 'sheetData');
  const out: Array<Span & { name: string }> = [];
  if (!data) return out;
  let depth = 0;
  let open: { name: string; start: number } | undefined;
  TAG.lastIndex = data.end;
  for (let m = TAG.exec(xml); m; m = TAG.exec(xml)) {
    if (!m[2]) continue;
    if (m[1]) {
      depth--;
      if (depth < 0) break; // </worksheet>
      if (depth === 0 && open)
        out.push({
          name: open.name,
          start: open.start,
          end: m.index + m[0].length,
        });
    } else if (m[4]) {
      if (depth === 0) out.push({ name: m[2], start: m.index, end: m.index + m[0].length });
    } else {
      if (depth === 0) open = { name: m[2], start: m.index };
      depth++;
    }
  }
  return out;
}

/** The `<legacyDrawing r:id>` of a worksheet: its relationship id and span. */
export function legacyDrawingOf(xml: string): (Span & { id: string; xml: string }) | undefined {
  const el = tailChildren(xml).find((e) => e.name.replace(/^\w+:/, '') === 'legacyDrawing');
  if (!el) return undefined;
  const text = xml.slice(el.start, el.end);
  const id = /\s[\w.-]+:id\s*=\s*"([^"]*)"/.exec(text)?.[1];
  return id ? { ...el, id, xml: text } : undefined;
}

/** The element we add to point a worksheet at its notes' drawing. */
export function legacyDrawingXml(xml: string, rid: string): string {
  const root = xml.slice(0, xml.indexOf('>', xml.indexOf('<worksheet')) + 1);
  const declared = new RegExp(`\\sxmlns:r\\s*=\\s*"${REL_NS.replace(/[./]/g, '\\$&')}"`).test(root);
  return declared ? `<legacyDrawing r:id="${rid}"/>` : `<legacyDrawing xmlns:r="${REL_NS}" r:id="${rid}"/>`;
}

/** The worksheet with `element` placed where legacyDrawing belongs. */
export function withLegacyDrawing(xml: string, element: string): string {
  const after = tailChildren(xml).find((e) => AFTER_LEGACY.has(e.name));
  const at = after ? after.start : xml.lastIndexOf('</');
  return xml.slice(0, at) + element + xml.slice(at);
}
