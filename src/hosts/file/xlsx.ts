/**
 * The file host: the same read-all / apply-plan port as the Office host, over an .xlsx held
 * in memory with ExcelJS. Works in Node (CLI, batch) and in the browser (web page).
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { INPUTS } from '../../catalogue/inputs';
import { colIndex } from '../../catalogue/layout';
import { locationOf, parseRange } from '../../core/address';
import { mergeMarks, pageOrientation } from '../../core/hostDecisions';
import {
  BorderState,
  decodeState,
  EDGES,
  encodeState,
  FillState,
  MARK_BORDER,
  MARK_FILL,
  markedNote,
  markInNote,
  MarkRecord,
  OWNER_NAME,
  restoredBorder,
  restoredFill,
  restoredNote,
  STATE_COLUMNS,
  STATE_SHEET,
} from '../../core/markState';
import { DefinedNameEntry, MAX_NAMED_CELLS, resolveNames } from '../../core/names';
import { SHEET_FONT_CHARSET, STYLES } from '../../core/styles';
import { internalLinksAsLocations } from './links';
import { withoutCommentRels } from './notes';
import { colLetters, decodeCodes, escapeCodes, relationships, relsPathOf, resolveTarget } from './ooxml';
import type { CellLookup, DirectBook } from './directRead';
import type { CellValue, Diagnostic, OutCell, Plan, RawReading, SheetPlan } from '../../core/types';

/** A loaded workbook with the defined names exactly as the file stores them. */
export interface XlsxBook {
  wb: ExcelJS.Workbook;
  /** Raw definedNames of xl/workbook.xml (ExcelJS drops #REF!, constants and scopes). */
  names: DefinedNameEntry[];
  /** Names kept away from ExcelJS (see {@link withoutFragileNames}), written back unchanged on save. */
  setAside?: SetAsideName[];
  /**
   * The sheets whose notes (comments) ExcelJS could not parse (e.g. as openpyxl writes them): the
   * workbook was read without them. Writing into the package keeps them; an ExcelJS re-save does not.
   */
  notesUnread?: string[];
}

interface SetAsideName {
  name: string;
  /** As stored in the XML (still escaped). */
  body: string;
  /** Sheet of a sheet-scoped name. */
  scope?: string;
}

const XML_ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
};
const unescapeXml = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (m) => XML_ENTITIES[m]);
const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const sheetNamesIn = (xml: string) =>
  [...xml.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => unescapeXml(m[1]));

interface DefinedNameElement {
  /** Offsets of the whole element in the XML. */
  start: number;
  end: number;
  attrs: string;
  /** Still escaped. */
  body: string;
}

/**
 * Every `<definedName>` of workbook.xml in one linear scan (a regex with a lazy body is quadratic
 * over self-closing tags: 120,000 of them took 85 s). A self-closing element has an empty body.
 */
export function scanDefinedNames(xml: string): DefinedNameElement[] {
  const out: DefinedNameElement[] = [];
  let at = xml.indexOf('<definedNames');
  if (at < 0) return out;
  for (;;) {
    const start = xml.indexOf('<definedName', at);
    if (start < 0) break;
    const after = xml.charCodeAt(start + 12);
    // `<definedNames>` itself, or another element starting with the same letters.
    if (
      after !== 0x20 &&
      after !== 0x3e &&
      after !== 0x2f &&
      after !== 0x09 &&
      after !== 0x0a &&
      after !== 0x0d
    ) {
      at = start + 12;
      continue;
    }
    const close = xml.indexOf('>', start);
    if (close < 0) break;
    if (xml.charCodeAt(close - 1) === 0x2f) {
      out.push({ start, end: close + 1, attrs: xml.slice(start + 12, close - 1), body: '' });
      at = close + 1;
      continue;
    }
    const endTag = xml.indexOf('</definedName>', close);
    if (endTag < 0) break; // unterminated: nothing further can close either
    out.push({
      start,
      end: endTag + 14,
      attrs: xml.slice(start + 12, close),
      body: xml.slice(close + 1, endTag),
    });
    at = endTag + 14;
  }
  return out;
}

function rawDefinedNames(xml: string): DefinedNameEntry[] {
  const sheets = sheetNamesIn(xml);
  return scanDefinedNames(xml)
    .map((m) => {
      const name = /\bname="([^"]*)"/.exec(m.attrs);
      const local = /\blocalSheetId="(\d+)"/.exec(m.attrs);
      return {
        name: name ? unescapeXml(name[1]) : '',
        formula: unescapeXml(m.body),
        scope: local ? (sheets[Number(local[1])] ?? `#${local[1]}`) : undefined,
      };
    })
    .filter((e) => e.name && !e.name.startsWith('_xlnm.') && e.name !== OWNER_NAME);
}

/** The raw defined names of a workbook.xml (for the bounded Node reader, which picks the sheets to load). */
export const definedNamesOf = rawDefinedNames;

/** Cells a name's ranges cover. */
function cellsCovered(formula: string): number {
  let cells = 0;
  for (const m of formula.matchAll(/\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})/gi)) {
    const rows = Math.abs(Number(m[4]) - Number(m[2])) + 1;
    const cols = Math.abs(colIndex(m[3]) - colIndex(m[1])) + 1;
    cells += rows * cols;
  }
  return cells;
}

/** A workbook-scoped `Sheet!$A$1[:$B$2]`: the only kind of name ExcelJS writes back as it was read. */
const PLAIN_RANGE = /^(?:'(?:[^']|'')+'|[^'!,"]+)!\$?[A-Z]{1,3}\$?\d{1,7}(?::\$?[A-Z]{1,3}\$?\d{1,7})?$/i;

/**
 * workbook.xml without the names ExcelJS cannot hold, and those names. ExcelJS drops #REF!,
 * constants, whole columns and sheet scopes on save, and expands every name into a map of its
 * cells, so a legacy `$A$1:$IV$65536` takes a minute and `$A$1:$XFD$1048576` exhausts memory.
 * The set-aside names are still read (and reported) from the raw XML and written back on save.
 */
function withoutFragileNames(xml: string): { xml: string; setAside: SetAsideName[] } {
  const sheets = sheetNamesIn(xml);
  const setAside: SetAsideName[] = [];
  const parts: string[] = [];
  let from = 0;
  const elements = scanDefinedNames(xml);
  // A name defined twice at one scope: ExcelJS would keep the last; both are written back as they were.
  const globalCount = new Map<string, number>();
  for (const el of elements) {
    if (/\blocalSheetId=/.test(el.attrs)) continue;
    const key = (/\bname="([^"]*)"/.exec(el.attrs)?.[1] ?? '').toLowerCase();
    globalCount.set(key, (globalCount.get(key) ?? 0) + 1);
  }
  for (const el of elements) {
    const name = unescapeXml(/\bname="([^"]*)"/.exec(el.attrs)?.[1] ?? '');
    const formula = unescapeXml(el.body).trim().replace(/^=/, '');
    const local = /\blocalSheetId="(\d+)"/.exec(el.attrs);
    const huge = cellsCovered(formula) > MAX_NAMED_CELLS;
    // Print areas and titles (_xlnm.*) are ExcelJS's own business unless they are huge.
    const duplicate = local === null && (globalCount.get(name.toLowerCase()) ?? 0) > 1;
    const fragile = !name.startsWith('_xlnm.') && (duplicate || local !== null || !PLAIN_RANGE.test(formula));
    if (!huge && !fragile) continue;
    setAside.push({ name, body: el.body, scope: local ? sheets[Number(local[1])] : undefined });
    parts.push(xml.slice(from, el.start));
    from = el.end;
  }
  parts.push(xml.slice(from));
  const kept = parts.join('');
  return { xml: kept, setAside };
}

/** Puts the set-aside names back into a saved workbook (sheet-scoped ones only if their sheet is still there). */
async function restoreNames(bytes: Uint8Array, setAside: SetAsideName[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = (await zip.file('xl/workbook.xml')!.async('string')).replace(/<definedNames\/>/, '');
  const sheets = sheetNamesIn(xml);
  const elements = setAside
    .filter((n) => n.scope === undefined || sheets.includes(n.scope))
    .map(
      (n) =>
        `<definedName name="${escapeXml(n.name)}"${n.scope === undefined ? '' : ` localSheetId="${sheets.indexOf(n.scope)}"`}>${n.body}</definedName>`
    )
    .join('');
  const patched = xml.includes('</definedNames>')
    ? xml.replace('</definedNames>', `${elements}</definedNames>`)
    : xml.replace('</sheets>', `</sheets><definedNames>${elements}</definedNames>`);
  zip.file('xl/workbook.xml', patched);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const notAWorkbook = (detail: string) =>
  new Error(`无法打开工作簿：文件不是有效的 .xlsx（${detail}）。请用 Excel 或 WPS 另存为 .xlsx 后重试`);

/** Loads an .xlsx from bytes. Throws a Chinese error when the bytes are not a workbook. */
export async function loadXlsx(data: ArrayBuffer | Uint8Array): Promise<XlsxBook> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    throw notAWorkbook('文件已损坏、不完整，或是 .xls、.csv、.txt 等其他格式');
  }
  const xml = await zip.file('xl/workbook.xml')?.async('string');
  if (xml === undefined) throw notAWorkbook('压缩包中没有 xl/workbook.xml，可能是 .docx 等其他文件');
  const { xml: safe, setAside } = withoutFragileNames(xml);
  let input: ArrayBuffer | Uint8Array = data;
  if (setAside.length > 0) {
    zip.file('xl/workbook.xml', safe);
    input = await zip.generateAsync({ type: 'uint8array' });
  }
  let wb = new ExcelJS.Workbook();
  let notesUnread: string[] | undefined;
  try {
    await wb.xlsx.load(input as ArrayBuffer);
  } catch {
    // Notes ExcelJS cannot parse (openpyxl's comments parts) fail the whole load: read without them.
    const stripped = await withoutNotes(zip, xml);
    wb = new ExcelJS.Workbook();
    try {
      if (!stripped.sheets.length) throw new Error('no notes');
      // ExcelJS's types name a Buffer; it reads any byte array (as for `input` above).
      await wb.xlsx.load((await zip.generateAsync({ type: 'uint8array' })) as unknown as ArrayBuffer);
      notesUnread = stripped.sheets;
    } catch {
      // ExcelJS's own messages are English internals; the user is told what it means.
      throw notAWorkbook('工作簿内部结构无法解析，文件可能已损坏');
    }
  }
  return { wb, names: rawDefinedNames(xml), setAside, ...(notesUnread ? { notesUnread } : {}) };
}

/** Takes the notes (comments relationships) off every sheet of the zip; the sheets that had them. */
async function withoutNotes(zip: JSZip, workbookXml: string): Promise<{ sheets: string[] }> {
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  const sheets: string[] = [];
  for (const m of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
    const rid = /\s[\w.-]+:id\s*=\s*"([^"]*)"/.exec(m[0])?.[1];
    const rel = relationships(rels).find((r) => r.id === rid);
    if (!rel) continue;
    const relsPath = relsPathOf(resolveTarget('xl/workbook.xml', rel.target));
    const text = await zip.file(relsPath)?.async('string');
    const kept = text === undefined ? undefined : withoutCommentRels(text);
    if (text === undefined || kept === text) continue;
    zip.file(relsPath, kept!);
    sheets.push(unescapeXml(/\sname\s*=\s*"([^"]*)"/.exec(m[0])?.[1] ?? ''));
  }
  return { sheets };
}

/** A new, empty workbook. */
export function newXlsx(): XlsxBook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '绩效自评助手';
  return { wb, names: [] };
}

/**
 * ExcelJS writes a text holding `_xHHHH_` as it is, which Excel reads as the character U+HHHH (and
 * ExcelJS decodes it on reading): the shared strings and notes get the escape OOXML asks for.
 */
async function textCodesEscaped(zip: JSZip): Promise<void> {
  for (const name of Object.keys(zip.files))
    if (/^xl\/(?:sharedStrings|comments\d*)\.xml$/.test(name)) {
      const xml = await zip.file(name)!.async('string');
      const escaped = escapeCodes(xml);
      if (escaped !== xml) zip.file(name, escaped);
    }
}

export async function saveXlsx(book: XlsxBook): Promise<Uint8Array> {
  const bytes = new Uint8Array(await book.wb.xlsx.writeBuffer());
  const zip = await JSZip.loadAsync(bytes);
  await internalLinksAsLocations(zip);
  await textCodesEscaped(zip);
  const linked = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  return book.setAside?.length ? restoreNames(linked, book.setAside) : linked;
}

// ------------------------------------------------------------------ reading

/** ExcelJS cell value → the host-neutral CellValue. */
export function cellValueOf(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('error' in v) return { error: String((v as ExcelJS.CellErrorValue).error) };
    if ('formula' in v || 'sharedFormula' in v) {
      const r = (v as ExcelJS.CellFormulaValue).result;
      if (r === undefined || r === null) return null;
      // A string result (t="str") is an ST_Xstring, which ExcelJS leaves coded: `_x000D_` is a carriage return.
      if (typeof r === 'string') return decodeCodes(r);
      return cellValueOf(r as ExcelJS.CellValue);
    }
    if ('richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
    // A hyperlink's text may itself be rich text.
    if ('text' in v) return cellValueOf((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
  }
  return String(v);
}

/** A workbook as reading takes it: loaded by ExcelJS, or read straight from its sheets (directRead.ts, Node). */
export type InputBook = XlsxBook | DirectBook;

/** The cells of a workbook ExcelJS loaded, as reading looks at them. */
function excelCells(wb: ExcelJS.Workbook): CellLookup {
  return {
    hasSheet: (sheet) => wb.getWorksheet(sheet) !== undefined,
    at(sheet, r, c) {
      const cell = wb
        .getWorksheet(sheet)!
        .getRow(r + 1)
        .getCell(c + 1);
      const v = cell.value;
      // ExcelJS gives a merged cell's other cells the top-left value.
      if (cell.isMerged && cell.master.address !== cell.address)
        return { value: cellValueOf(v), uncomputed: false, master: cell.master.address };
      const uncomputed =
        v !== null &&
        typeof v === 'object' &&
        ('formula' in v || 'sharedFormula' in v) &&
        (v as ExcelJS.CellFormulaValue).result == null;
      return { value: cellValueOf(v), uncomputed };
    },
  };
}

const cellsOf = (book: InputBook): CellLookup => ('cells' in book ? book.cells : excelCells(book.wb));

/** A cell's value as recorded in the state (to recognise the marked cell later); null when its sheet is not there. */
export function valueKeyAt(book: InputBook, address: string): string | null {
  const r = parseRange(address);
  const cells = cellsOf(book);
  if (!r || !cells.hasSheet(r.sheet)) return null;
  return JSON.stringify(cells.at(r.sheet, r.top, r.left).value ?? null);
}

/** Reads every catalogue name (or the given names) in one pass. Never throws on bad names. */
export function readInputs(book: InputBook, wanted: string[] = INPUTS.map((d) => d.name)): RawReading {
  const { resolved, diagnostics } = resolveNames(book.names, wanted);
  const inputs: RawReading['inputs'] = {};
  const extra: Diagnostic[] = [...diagnostics];
  const cells = cellsOf(book);
  for (const name of wanted) {
    const r = resolved.get(name)!;
    if (!r.address) {
      inputs[name] = { name, diagnostic: r.diagnostic };
      continue;
    }
    const range = parseRange(r.address)!;
    if (!cells.hasSheet(range.sheet)) {
      inputs[name] = {
        name,
        diagnostic: {
          code: 'name-sheet-missing',
          severity: '错误',
          message: `名称 ${name} 指向的工作表“${range.sheet}”不存在；请重新绑定`,
          name,
        },
      };
      continue;
    }
    const values: CellValue[][] = [];
    const uncomputed: string[] = [];
    let mergedInto: string | undefined;
    for (let r0 = range.top; r0 <= range.bottom; r0++) {
      const line: CellValue[] = [];
      for (let c0 = range.left; c0 <= range.right; c0++) {
        const cell = cells.at(range.sheet, r0, c0);
        // Excel (and the Office host) hold a merged cell's other cells empty.
        if (cell.master !== undefined) {
          mergedInto ??= cell.master;
          line.push(null);
          continue;
        }
        if (cell.uncomputed) uncomputed.push(`${colLetters(c0)}${r0 + 1}`);
        line.push(cell.value);
      }
      values.push(line);
    }
    const at = `${range.sheet}!`;
    let diagnostic: Diagnostic | undefined;
    if (uncomputed.length > 0)
      diagnostic = {
        code: 'formula-no-result',
        severity: '错误',
        message: `${at}${uncomputed[0]}${uncomputed.length > 1 ? ` 等 ${uncomputed.length} 个单元格` : ''}（名称 ${name}）是公式，但文件中没有保存计算结果（文件可能由其他程序生成，未经 Excel 计算），无法读取数值；请在 Excel 或 WPS 中打开并保存后再评价`,
        name,
        address: `${at}${uncomputed[0]}`,
      };
    else if (mergedInto && range.top === range.bottom && range.left === range.right)
      diagnostic = {
        code: 'merged-input',
        severity: '错误',
        message: `${r.address}（名称 ${name}）与 ${at}${mergedInto} 合并在一起，显示的是 ${mergedInto} 的内容，输入单元格本身为空；请取消合并后在 ${r.address} 中重新填写`,
        name,
        address: r.address,
      };
    inputs[name] = { name, address: r.address, values, ...(diagnostic && { diagnostic }) };
  }
  return { inputs, diagnostics: extra };
}

// ------------------------------------------------------------------ writing

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFBFBFBF' } };

/** A style object ExcelJS may share between cells (frozen: a change to one cell must never reach the others). */
function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/**
 * One style object per (named style, number format): ExcelJS remembers the style id of an object it has
 * seen, so cells that share the object skip rendering their style again on save (most of writing our sheets).
 */
const sharedStyles = new Map<string, Partial<ExcelJS.Style>>();

function styleOf(name: OutCell['style'], numFmt: string | undefined): Partial<ExcelJS.Style> {
  const key = `${name ?? ''}\u0000${numFmt ?? ''}`;
  const known = sharedStyles.get(key);
  if (known) return known;
  const s = name ? STYLES[name] : {};
  const style: Partial<ExcelJS.Style> = {};
  if (s.font || s.bold || s.size || s.color || s.underline)
    style.font = {
      ...(s.font && { name: s.font, charset: SHEET_FONT_CHARSET }),
      bold: s.bold,
      size: s.size ?? 11,
      color: s.color ? { argb: argb(s.color) } : undefined,
      underline: s.underline,
    };
  if (s.fill) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(s.fill) } };
  if (s.wrap || s.align) style.alignment = { wrapText: s.wrap, horizontal: s.align, vertical: 'top' };
  if (s.border) style.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  if (s.outline) {
    const thick: Partial<ExcelJS.Border> = { style: 'medium', color: { argb: argb(s.outline) } };
    style.border = { top: thick, left: thick, bottom: thick, right: thick };
  }
  if (numFmt) style.numFmt = numFmt;
  // Bounded: the styles are declared (core/styles) and the number formats come from the catalogue.
  if (sharedStyles.size < 1000) sharedStyles.set(key, deepFreeze(style));
  return style;
}

function styleCell(cell: ExcelJS.Cell, out: OutCell): void {
  const s = out.style ? STYLES[out.style] : {};
  cell.style = styleOf(out.style, out.numFmt ?? s.numFmt);
}

function writeCell(ws: ExcelJS.Worksheet, r: number, c: number, out: OutCell): void {
  const cell = ws.getCell(r + 1, c + 1);
  if (out.formula !== undefined) cell.value = { formula: out.formula } as ExcelJS.CellFormulaValue;
  else if ((out.link || out.href) && typeof out.value === 'string')
    cell.value = {
      text: out.value,
      hyperlink: out.href ?? `#${locationOf(out.link!, { firstCell: true })}`,
    } as ExcelJS.CellHyperlinkValue;
  // ExcelJS writes strings as shared strings, never as formulas, so "=SUM(A1)" stays text.
  // An empty string is an empty cell, as Excel stores it.
  else cell.value = out.value === '' ? null : (out.value ?? null);
  styleCell(cell, out);
}

export function writeSheet(wb: ExcelJS.Workbook, plan: SheetPlan): void {
  const existing = wb.getWorksheet(plan.name);
  if (existing && plan.onExisting === 'keep') return;
  // Replace whole: remove and re-add. The new sheet goes to the end, so as every output sheet is rewritten
  // in plan order they stay together, in that order, after the user's sheets.
  if (existing) wb.removeWorksheet(existing.id);
  const ws = wb.addWorksheet(plan.name, {
    state: plan.visibility ?? 'visible',
    views: plan.freezeRows ? [{ state: 'frozen', ySplit: plan.freezeRows }] : undefined,
  });
  plan.columnWidths?.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  // Accountants print these: A4, one page wide, oriented as the core decides for both hosts.
  ws.pageSetup = {
    paperSize: 9,
    orientation: pageOrientation(plan),
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: plan.pagesTall ?? 0,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(plan.printTitleRows ? { printTitlesRow: `1:${plan.printTitleRows}` } : {}),
  };
  if (plan.groupedColumns) {
    for (let c = plan.groupedColumns.first; c <= plan.groupedColumns.last; c++) {
      const col = ws.getColumn(c + 1);
      col.outlineLevel = 1;
      col.hidden = true;
    }
    ws.properties.outlineLevelCol = 1;
  }
  plan.rows.forEach((line, r) => line.forEach((out, c) => out && writeCell(ws, r, c, out)));
  for (const [row, h] of Object.entries(plan.rowHeights ?? {})) ws.getRow(Number(row) + 1).height = h;
  for (const m of plan.merges ?? []) ws.mergeCells(m);
  // ExcelJS cannot write charts; the Office host draws plan.chart.
}

function defineNames(book: XlsxBook, names: NonNullable<Plan['names']>): void {
  for (const { name, address } of names) {
    const existing = book.wb.definedNames.getRanges(name).ranges;
    for (const loc of existing) book.wb.definedNames.remove(loc, name);
    book.wb.definedNames.add(address, name);
    book.names = [
      ...book.names.filter((e) => e.name !== name || e.scope !== undefined),
      { name, formula: address },
    ];
    book.setAside = book.setAside?.filter((e) => e.name !== name || e.scope !== undefined);
  }
}

// ------------------------------------------------------------------ marks

function fillState(cell: ExcelJS.Cell): FillState {
  const f = cell.fill as ExcelJS.Fill | undefined;
  if (!f || (f.type === 'pattern' && f.pattern === 'none')) return { kind: 'none' };
  if (f.type === 'pattern' && f.pattern === 'solid' && f.fgColor?.argb && !f.bgColor)
    return { kind: 'solid', color: `#${f.fgColor.argb.slice(2)}` };
  return { kind: 'other', raw: JSON.stringify(f) };
}

function setFill(cell: ExcelJS.Cell, state: FillState): void {
  // Assign a fresh style object: ExcelJS shares style objects between cells of a loaded file.
  const style = { ...cell.style };
  if (state.kind === 'none') delete style.fill;
  else
    style.fill =
      state.kind === 'solid'
        ? { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(state.color) } }
        : (JSON.parse(state.raw) as ExcelJS.Fill);
  cell.style = style;
}

/** A cell's four outer edges in the mark state's words; a colour other than ARGB (theme, indexed) is kept as its JSON. */
function borderState(cell: ExcelJS.Cell): BorderState {
  const b = (cell.border ?? {}) as Partial<ExcelJS.Borders>;
  const edge = (e: Partial<ExcelJS.Border> | undefined) => ({
    style: e?.style ?? 'none',
    color:
      !e?.style || !e.color ? null : e.color.argb ? `#${e.color.argb.slice(-6)}` : JSON.stringify(e.color),
  });
  return Object.fromEntries(EDGES.map((e) => [e, edge(b[e])])) as BorderState;
}

function setBorder(cell: ExcelJS.Cell, state: BorderState): void {
  const border: Partial<ExcelJS.Borders> = { ...(cell.border ?? {}) };
  for (const e of EDGES) {
    const { style, color } = state[e];
    if (style === 'none') delete border[e];
    else
      border[e] = {
        style: style as ExcelJS.BorderStyle,
        ...(color
          ? {
              color: color.startsWith('{')
                ? (JSON.parse(color) as Partial<ExcelJS.Color>)
                : { argb: argb(color) },
            }
          : {}),
      };
  }
  // A fresh style object, as setFill does.
  cell.style = { ...cell.style, border };
}

function noteText(cell: ExcelJS.Cell): string | null {
  const n = cell.note as unknown;
  if (n === undefined || n === null) return null;
  if (typeof n === 'string') return n;
  const texts = (n as { texts?: Array<{ text: string }> }).texts;
  return texts ? texts.map((t) => t.text).join('') : null;
}

function setNote(cell: ExcelJS.Cell, note: string | null): void {
  if (note !== null) {
    cell.note = note;
    return;
  }
  // ExcelJS has no API to delete a note; a loaded cell also keeps it in its value model,
  // so drop the comment and re-create the value (unchanged) without it.
  const value = cell.value;
  (cell as unknown as { _comment?: unknown })._comment = undefined;
  cell.value = value;
}

export function cellAt(wb: ExcelJS.Workbook, address: string): ExcelJS.Cell | null {
  const r = parseRange(address);
  const ws = r && wb.getWorksheet(r.sheet);
  return r && ws ? ws.getCell(r.top + 1, r.left + 1) : null;
}

function stateSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  return wb.getWorksheet(STATE_SHEET) ?? wb.addWorksheet(STATE_SHEET, { state: 'veryHidden' });
}

function readState(wb: ExcelJS.Workbook): MarkRecord[] {
  const ws = wb.getWorksheet(STATE_SHEET);
  if (!ws) return [];
  const values: CellValue[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const line: CellValue[] = [];
    for (let c = 1; c <= STATE_COLUMNS; c++) line.push(cellValueOf(row.getCell(c).value));
    values.push(line);
  });
  return decodeState(values);
}

function writeState(wb: ExcelJS.Workbook, records: MarkRecord[]): void {
  const old = wb.getWorksheet(STATE_SHEET);
  if (old) wb.removeWorksheet(old.id);
  if (records.length === 0) return;
  const ws = stateSheet(wb);
  // Columns 5 on: how the mark was attached (the Office host's; empty here), what to check before undoing it, the cell's own border.
  const rows = encodeState(records);
  rows.forEach((line, r) =>
    line.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue))
  );
}

/** A cell's value as recorded in the state (to recognise the marked cell later). */
export const valueKey = (cell: ExcelJS.Cell) => JSON.stringify(cellValueOf(cell.value) ?? null);

/**
 * The state sheet is in the user's hands (and a received workbook's may be forged): only records of
 * single cells inside our named inputs are acted on; the rest are ignored and counted.
 */
export function trustedRecords(
  book: XlsxBook,
  records: MarkRecord[]
): { trusted: MarkRecord[]; ignored: MarkRecord[] } {
  const { resolved } = resolveNames(
    book.names,
    INPUTS.map((d) => d.name)
  );
  const ranges = [...resolved.values()]
    .flatMap((r) => (r.address ? [parseRange(r.address)!] : []))
    .filter(Boolean);
  const trusted: MarkRecord[] = [];
  const ignored: MarkRecord[] = [];
  for (const rec of records) {
    const at = parseRange(rec.address);
    const inside =
      at !== null &&
      at.top === at.bottom &&
      at.left === at.right &&
      at.top < 1_048_576 &&
      at.left < 16_384 &&
      ranges.some(
        (r) =>
          r.sheet === at.sheet &&
          at.top >= r.top &&
          at.top <= r.bottom &&
          at.left >= r.left &&
          at.left <= r.right
      );
    (inside ? trusted : ignored).push(rec);
  }
  return { trusted, ignored };
}

/** What clearing did: cells restored, records ignored (outside our inputs), cells left alone (their value changed). */
export interface ClearReport {
  restored: number;
  ignored: string[];
  moved: string[];
}

/**
 * Takes Jixiao's marks off: on each recorded cell still holding the value it had when marked, Jixiao's
 * fill goes back to the cell's own (a fill the user changed stays) and Jixiao's text leaves the note
 * (the user's own text stays). Values are never touched.
 */
export function clearMarksReport(book: XlsxBook): ClearReport {
  const { trusted, ignored } = trustedRecords(book, readState(book.wb));
  const moved: string[] = [];
  for (const rec of trusted) {
    const cell = cellAt(book.wb, rec.address);
    if (!cell) continue;
    const fill = restoredFill(fillState(cell), rec);
    const note = markInNote(rec) ? restoredNote(noteText(cell), rec) : undefined;
    const border = restoredBorder(borderState(cell), rec);
    // A changed value alone is the user's correction; a changed value with neither Jixiao's fill nor its
    // text is another cell that moved to this address (rows inserted or deleted): left alone.
    if (
      rec.value !== undefined &&
      valueKey(cell) !== rec.value &&
      fill === undefined &&
      border === undefined &&
      (note === undefined || rec.written === undefined)
    ) {
      moved.push(rec.address);
      continue;
    }
    if (fill) setFill(cell, fill);
    if (border) setBorder(cell, border);
    // A mark the Office host put in a comment left the cell's own note alone (ExcelJS cannot see threaded comments).
    if (note !== undefined) setNote(cell, note);
  }
  writeState(book.wb, []);
  return { restored: trusted.length - moved.length, ignored: ignored.map((r) => r.address), moved };
}

/** Restores every cell Jixiao marked (see {@link clearMarksReport}); the number of cells restored. */
export function clearMarks(book: XlsxBook): number {
  return clearMarksReport(book).restored;
}

function applyMarks(book: XlsxBook, marks: Plan['marks']): void {
  clearMarks(book);
  const records: MarkRecord[] = [];
  // One mark per cell, as the Office host writes it (several findings on a cell share it).
  for (const m of mergeMarks(marks)) {
    const cell = cellAt(book.wb, m.address);
    if (!cell) continue;
    const own = noteText(cell);
    const written = markedNote(own, m.note);
    const outline = MARK_BORDER[m.severity];
    const border = outline ? { border: borderState(cell) } : {};
    records.push({
      address: m.address,
      fill: fillState(cell),
      note: own,
      severity: m.severity,
      written,
      value: valueKey(cell),
      ...border,
    });
    setFill(cell, { kind: 'solid', color: MARK_FILL[m.severity] });
    if (outline) setBorder(cell, { top: outline, bottom: outline, left: outline, right: outline });
    setNote(cell, written);
  }
  writeState(book.wb, records);
}

/** Applies a plan: output sheets, names, then marks (previous marks restored first). */
export function applyPlan(book: XlsxBook, plan: Plan): void {
  for (const s of plan.sheets) writeSheet(book.wb, s);
  if (plan.names) defineNames(book, plan.names);
  applyMarks(book, plan.marks);
  if (plan.activate) {
    const idx = book.wb.worksheets.findIndex((w) => w.name === plan.activate);
    if (idx >= 0)
      book.wb.views = [
        { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: idx, visibility: 'visible' },
      ];
  }
}
