/**
 * The cells of the sheets holding our names, read straight from their XML (Node: evaluate, batch), each
 * value as ExcelJS gives it to the model: ExcelJS building a whole workbook of objects was most of the
 * cost of reading a workbook. What this reader cannot be sure to read as ExcelJS does (a sheet name
 * ExcelJS refuses, a cell without its reference, CDATA, overlapping merges, a shared string of mixed
 * runs …) it declines, and ExcelJS reads the file as before, so every file reads as it did.
 */
import type { CellValue } from '../../core/types';
import type { DefinedNameEntry } from '../../core/names';
import { attr, colLetters, colNumber, decodeCodes, MAIN_NS, prefixFor, unescapeXml } from './ooxml';
import type { ReadParts } from './package';

// ExcelJS's own rules, so a date, a number format and a decoded text come out exactly as it gives them.
const excelUtils = require('exceljs/lib/utils/utils') as {
  isDateFmt(fmt: string | undefined): boolean;
  excelToDate(v: unknown, date1904: boolean): Date;
  xmlDecode(text: string): string;
};
const defaultFormat = (
  require('exceljs/lib/xlsx/xform/style/numfmt-xform') as {
    getDefaultFmtCode(id: number): string | undefined;
  }
).getDefaultFmtCode;

/** A cell as reading sees it: its value, whether it is a formula without a saved result, the merge covering it. */
export interface CellRead {
  value: CellValue;
  uncomputed: boolean;
  /** The top-left cell of the merge covering this cell, when it is another cell. */
  master?: string;
}

/** Cells by sheet and 0-based row and column; undefined when the workbook has no such sheet. */
export interface CellLookup {
  hasSheet(sheet: string): boolean;
  at(sheet: string, r: number, c: number): CellRead;
}

/** A workbook read for its inputs only, without ExcelJS. */
export interface DirectBook {
  names: DefinedNameEntry[];
  cells: CellLookup;
  notesUnread?: undefined;
}

/** The file holds something this reader does not take as ExcelJS does: ExcelJS reads it. */
class Declined extends Error {}
const decline = (why: string): never => {
  throw new Declined(why);
};

/** A cell's content as the XML has it. */
interface RawCell {
  t?: string;
  s?: string;
  v?: string;
  /** The formula's text, or '' for a formula element without text that is still a formula (shared, array). */
  f?: string;
  /** An inline string's text. */
  is?: string;
}

const EMPTY: CellRead = { value: null, uncomputed: false };
const NAMED_OK = /&(?!(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/;

const xmlChar = (code: number) =>
  code === 0x9 ||
  code === 0xa ||
  code === 0xd ||
  (code >= 0x20 && code <= 0xd7ff) ||
  (code >= 0xe000 && code <= 0xfffd) ||
  (code >= 0x10000 && code <= 0x10ffff);

/** Character data as an XML parser hands it over (entities resolved); declined where a parser would refuse it or normalise line ends. */
function textOf(raw: string): string {
  if (raw.includes('\r') || raw.includes(']]>')) decline('line ends or ]]>');
  if (!raw.includes('&')) return raw;
  if (NAMED_OK.test(raw)) decline('entity');
  for (const m of raw.matchAll(/&#(x?)([0-9a-fA-F]+);/g))
    if (!xmlChar(parseInt(m[2], m[1] ? 16 : 10))) decline('character reference');
  return unescapeXml(raw);
}

/** ExcelJS decodes `_xHHHH_` (upper-case hex only) in `<t>` of shared strings and runs. */
const exceljsCodes = (s: string) =>
  s.includes('_x')
    ? s.replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    : s;

const ATTRS = String.raw`((?:\s+[^\s=<>/]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*`;
const T_ONLY = new RegExp(String.raw`^\s*<t\b${ATTRS}(?:\/>|>([^<]*)<\/t>)\s*$`);
const RUN = new RegExp(
  String.raw`\s*<r>\s*(?:<rPr>[\s\S]*?<\/rPr>\s*|<rPr\s*\/>\s*)?<t\b${ATTRS}(?:\/>|>([^<]*)<\/t>)\s*<\/r>`,
  'y'
);

/** A body without its phonetic runs and properties (ExcelJS reads neither), in one pass. */
function withoutPhonetics(body: string): string {
  if (!body.includes('<rPh') && !body.includes('<phoneticPr')) return body;
  let out = '';
  let at = 0;
  // The next of each, looked for again only once passed: linear however many there are.
  let rPh = body.indexOf('<rPh');
  let pr = body.indexOf('<phoneticPr');
  for (;;) {
    if (rPh >= 0 && rPh < at) rPh = body.indexOf('<rPh', at);
    if (pr >= 0 && pr < at) pr = body.indexOf('<phoneticPr', at);
    const next = rPh < 0 ? pr : pr < 0 ? rPh : Math.min(rPh, pr);
    if (next < 0) return out + body.slice(at);
    const gt = body.indexOf('>', next);
    const selfClosing = gt > 0 && body[gt - 1] === '/';
    const end =
      next === rPh ? (selfClosing ? -1 : body.indexOf('</rPh>', gt) + 6) : selfClosing ? gt + 1 : -1;
    if (end < next + 2) return decline('phonetic run or properties');
    out += body.slice(at, next);
    at = end;
  }
}

/** The first element `tag` of a part, whole (empty when there is none), found without a regex over the part. */
function firstBlock(xml: string, tag: string): string {
  const open = new RegExp(`<${tag}[\\s>/]`).exec(xml);
  if (!open) return '';
  const gt = xml.indexOf('>', open.index);
  if (gt < 0) return decline(`${tag} not closed`);
  if (xml[gt - 1] === '/') return '';
  const end = xml.indexOf(`</${tag}>`, gt);
  return end < 0 ? decline(`${tag} not closed`) : xml.slice(open.index, end);
}

/** A shared string's text as ExcelJS reads it: one `<t>`, or runs (phonetic runs left out); anything else declined. */
function sharedString(body: string): string {
  const plain = withoutPhonetics(body);
  const t = T_ONLY.exec(plain);
  if (t) return exceljsCodes(textOf(t[2] ?? ''));
  let out = '';
  let runs = 0;
  RUN.lastIndex = 0;
  for (let m = RUN.exec(plain); m; m = RUN.exec(plain)) {
    out += exceljsCodes(textOf(m[2] ?? ''));
    runs++;
    if (RUN.lastIndex === plain.length) break;
  }
  if (runs === 0 || plain.slice(RUN.lastIndex).trim() !== '') decline('shared string');
  return out;
}

/** The kept entries of a pruned shared-strings part (see package.ts), by index. */
function sharedStrings(xml: string | undefined): Map<number, string> {
  const out = new Map<number, string>();
  if (!xml) return out;
  if (/<!\[CDATA\[|<!--/.test(xml)) decline('CDATA or comment in shared strings');
  let index = 0;
  for (const m of xml.matchAll(/<si\b[^>]*?(\/>|>([\s\S]*?)<\/si>)/g)) {
    if (m[1] !== '/>' && m[2] !== undefined && m[2] !== '') out.set(index, sharedString(m[2]));
    index++;
  }
  return out;
}

/** For each cell style, whether ExcelJS reads a number in it as a date. */
function dateStyles(styles: string): boolean[] {
  const formats = new Map<number, string>();
  const numFmts = firstBlock(styles, 'numFmts');
  for (const m of numFmts.matchAll(/<numFmt\b[^>]*>/g)) {
    const code = attr(m[0], 'formatCode');
    if (code === undefined) decline('numFmt without formatCode');
    formats.set(parseInt(attr(m[0], 'numFmtId') ?? '', 10), code!.replace(/[\\](.)/g, '$1'));
  }
  const xfs = firstBlock(styles, 'cellXfs');
  return [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = parseInt(attr(m[0], 'numFmtId') ?? '', 10);
    return id ? excelUtils.isDateFmt(formats.get(id) || defaultFormat(id)) : false;
  });
}

/** Why ExcelJS refuses a sheet name (it then fails to load the workbook), or undefined. */
const badSheetName = (name: string, seen: Set<string>) =>
  name === '' ||
  name === 'History' ||
  /[*?:/\\[\]]/.test(name) ||
  /(^')|('$)/.test(name) ||
  name.length > 31 ||
  seen.has(name.toLowerCase());

const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The attributes `r`, `t` and `s` of a start tag's attribute text, in one pass (the first of each, as attr() finds it). */
function rts(attrs: string): { r?: string; t?: string; s?: string } {
  const out: { r?: string; t?: string; s?: string } = {};
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(attrs); m; m = ATTR.exec(attrs)) {
    const name = m[1];
    if ((name === 'r' || name === 't' || name === 's') && out[name] === undefined)
      out[name] = unescapeXml(m[2] ?? m[3]);
  }
  return out;
}

const ROW = new RegExp(String.raw`<row\b${ATTRS}(\/?)>`, 'y');
const CELL = new RegExp(String.raw`<c\b${ATTRS}(\/?)>`, 'y');
const SPACE = /\s*/y;
const REF = /^([A-Z]{1,3})([1-9]\d{0,6})$/;

/** The cells of one sheet's `<sheetData>` by row and column (1-based row, 0-based column), as ExcelJS places them. */
function sheetRows(xml: string): Map<number, Map<number, RawCell>> {
  if (prefixFor(xml, MAIN_NS) !== '') decline('sheet namespace');
  const open = xml.indexOf('<sheetData');
  if (open < 0) decline('no sheetData');
  const gt = xml.indexOf('>', open);
  const rows = new Map<number, Map<number, RawCell>>();
  if (xml[gt - 1] === '/') return rows;
  const end = xml.indexOf('</sheetData>', gt);
  if (end < 0) decline('sheetData not closed');
  const data = xml.slice(gt + 1, end);
  if (/<!\[CDATA\[|<!--|<\?/.test(data)) decline('CDATA, comment or instruction in cells');
  let at = 0;
  const skip = () => {
    SPACE.lastIndex = at;
    SPACE.exec(data);
    at = SPACE.lastIndex;
  };
  for (skip(); at < data.length; skip()) {
    ROW.lastIndex = at;
    const row = ROW.exec(data);
    if (!row) return decline('not a row');
    const r = Number(rts(row[1]).r);
    if (!Number.isInteger(r) || r < 1 || r > 1_048_576) decline('row number');
    const cells = new Map<number, RawCell>();
    rows.set(r, cells); // a row given twice: ExcelJS keeps the last
    at = ROW.lastIndex;
    if (row[2] === '/') continue;
    const close = data.indexOf('</row>', at);
    if (close < 0) decline('row not closed');
    for (skip(); at < close; skip()) {
      CELL.lastIndex = at;
      const c = CELL.exec(data);
      if (!c || CELL.lastIndex > close) return decline('not a cell');
      const tag = rts(c[1]);
      const ref = REF.exec(tag.r ?? '');
      if (!ref || Number(ref[2]) !== r) decline('cell reference');
      const col = colNumber(ref![1]);
      if (col >= 16_384) decline('column');
      at = CELL.lastIndex;
      let body = '';
      if (c[2] !== '/') {
        const endCell = data.indexOf('</c>', at);
        if (endCell < 0 || endCell > close) decline('cell not closed');
        body = data.slice(at, endCell);
        at = endCell + 4;
      }
      const cell = cellOf(tag, body);
      // A cell with neither value nor style is not added by ExcelJS (it keeps what was there).
      if (cell) cells.set(col, cell);
    }
    at = close + 6;
  }
  return rows;
}

const F = new RegExp(String.raw`<f\b${ATTRS}(?:\/>|>([^<]*)<\/f>)`);
const V = /<v(?:\s[^>]*)?(?:\/>|>([^<]*)<\/v>)/;
const IS = /<is>([\s\S]*?)<\/is>/;

/** A cell element's content; undefined for a cell ExcelJS leaves out (no value, no formula, no style). */
function cellOf(tag: { t?: string; s?: string }, body: string): RawCell | undefined {
  const cell: RawCell = { t: tag.t, s: tag.s };
  let rest = body;
  const f = F.exec(rest);
  if (f) {
    const text = f[2] ? textOf(f[2]) : undefined;
    if (text !== undefined || attr(`<f ${f[1]}>`, 't') !== undefined) cell.f = text ?? '';
    rest = rest.replace(f[0], '');
  }
  const v = V.exec(rest);
  if (v) {
    if (v[1]) cell.v = textOf(v[1]);
    rest = rest.replace(v[0], '');
  }
  const is = IS.exec(rest);
  if (is) {
    const t = T_ONLY.exec(is[1]);
    if (!t || cell.t !== 'inlineStr' || v) decline('inline string');
    if (t![2]) cell.is = textOf(t![2]);
    rest = rest.replace(is[0], '');
  }
  if (rest.trim() !== '') decline('cell content');
  const styled = cell.s !== undefined && parseInt(cell.s, 10) > 0;
  if (cell.f === undefined && cell.v === undefined && cell.is === undefined && !styled) return undefined;
  return cell;
}

/** The merges of a sheet: each covered cell other than the top-left → the top-left's address. */
function mergesOf(xml: string): Map<string, string> {
  const covered = new Map<string, string>();
  const block = firstBlock(xml.slice(xml.indexOf('</sheetData>')), 'mergeCells');
  for (const m of block.matchAll(/<mergeCell\b[^>]*>/g)) {
    const ref = /^([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})$/.exec(attr(m[0], 'ref') ?? '');
    if (!ref) return decline('merge reference');
    const [c1, c2] = [colNumber(ref[1]), colNumber(ref[3])].sort((a, b) => a - b);
    const [r1, r2] = [Number(ref[2]), Number(ref[4])].sort((a, b) => a - b);
    if (r1 < 1 || (r2 - r1 + 1) * (c2 - c1 + 1) + covered.size > 200_000) decline('merges too large');
    const master = `${colLetters(c1)}${r1}`;
    for (let r = r1; r <= r2; r++)
      for (let c = c1; c <= c2; c++) {
        const key = `${r},${c}`;
        if (covered.has(key)) decline('overlapping merges');
        covered.set(key, master);
      }
  }
  return covered;
}

/** Reads the sheets holding our names straight from their XML, or undefined when ExcelJS must read the file. */
export function readDirect(parts: ReadParts, names: DefinedNameEntry[]): DirectBook | undefined {
  try {
    const seen = new Set<string>();
    for (const s of parts.sheets) {
      if (badSheetName(s.name, seen) || s.name.includes('&')) decline('sheet name');
      seen.add(s.name.toLowerCase());
    }
    const date1904 = /<workbookPr\b[^>]*\sdate1904\s*=\s*["']1["']/.test(parts.workbookXml);
    const strings = sharedStrings(parts.sharedStrings);
    const dates = dateStyles(parts.styles);
    const sheets = new Map<
      string,
      { rows: Map<number, Map<number, RawCell>>; merges: Map<string, string> }
    >();
    for (const s of parts.sheets)
      sheets.set(
        s.name,
        s.xml ? { rows: sheetRows(s.xml), merges: mergesOf(s.xml) } : { rows: new Map(), merges: new Map() }
      );
    // Every string a cell refers to is kept (package.ts) and read above; a cell declines here, not later.
    const read = (raw: RawCell): CellRead => {
      const style = raw.s === undefined ? NaN : parseInt(raw.s, 10);
      const date = style > 0 && dates[style] === true;
      if (raw.f !== undefined) {
        let result: CellValue | undefined;
        if (raw.v !== undefined) {
          // A string result is an ST_Xstring (`_x000D_` a carriage return, `_x005F_` an underscore), as cellValueOf reads it.
          result =
            raw.t === 'str'
              ? decodeCodes(excelUtils.xmlDecode(raw.v))
              : raw.t === 'b'
                ? parseInt(raw.v, 10) !== 0
                : raw.t === 'e'
                  ? { error: raw.v }
                  : parseFloat(raw.v);
          if (date) result = excelUtils.excelToDate(result, date1904);
        }
        return result === undefined
          ? { value: null, uncomputed: true }
          : { value: result, uncomputed: false };
      }
      const text = raw.is ?? raw.v;
      if (text === undefined) return EMPTY;
      switch (raw.t) {
        case 'inlineStr':
          return { value: text, uncomputed: false };
        case 's': {
          if (!/^\s*\d+\s*$/.test(text)) decline('shared string index');
          const shared = strings.get(parseInt(text, 10));
          return shared === undefined
            ? decline('shared string missing')
            : { value: shared, uncomputed: false };
        }
        case 'str':
          return { value: excelUtils.xmlDecode(text), uncomputed: false };
        case 'b':
          return { value: parseInt(text, 10) !== 0, uncomputed: false };
        case 'e':
          return { value: { error: text }, uncomputed: false };
        default: {
          const n = parseFloat(text);
          return { value: date ? excelUtils.excelToDate(n, date1904) : n, uncomputed: false };
        }
      }
    };
    const values = new Map<string, Map<string, CellRead>>();
    for (const [name, sheet] of sheets) {
      const byCell = new Map<string, CellRead>();
      for (const [r, cells] of sheet.rows) for (const [c, raw] of cells) byCell.set(`${r},${c}`, read(raw));
      values.set(name, byCell);
    }
    return {
      names,
      cells: {
        hasSheet: (sheet) => sheets.has(sheet),
        at(sheet, r, c) {
          const key = `${r + 1},${c}`;
          const master = sheets.get(sheet)?.merges.get(key);
          const cells = values.get(sheet);
          if (master === undefined || master === `${colLetters(c)}${r + 1}`) return cells?.get(key) ?? EMPTY;
          // ExcelJS gives a merged cell the top-left cell's value.
          const top = REF.exec(master)!;
          const value = cells?.get(`${top[2]},${colNumber(top[1])}`)?.value ?? null;
          return { value, uncomputed: false, master };
        },
      },
    };
  } catch (e) {
    if (e instanceof Declined) return undefined;
    throw e;
  }
}
