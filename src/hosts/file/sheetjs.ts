/**
 * The formats people have besides .xlsx — .xls as the 部门决算 software exports it (BIFF8), WPS .et,
 * .xlsb, .ods and 标文通 UOS — read with SheetJS (the npm build @e965/xlsx; see README “其他格式”) and
 * turned into an .xlsx workbook the file host then handles as any other: the same reading, checks
 * and result sheets. These inputs are read only; a result is always a new .xlsx.
 *
 * What is carried over: every sheet (name, visibility, column widths, row heights), each cell's
 * value and number format, merged areas and every defined name. A formula is carried as the result
 * the file saved (a formula with no saved result stays a formula without one, which the reader
 * reports). Fills, borders, fonts, comments, charts and macros are not carried.
 *
 * Browser-safe: no Node module; src/hosts/file/formats.ts tells the format and the Node host bounds
 * zipped packages before they reach here (src/hosts/file/otherFormats.ts).
 */
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import type { DefinedNameEntry } from '../../core/names';
import { saveXlsx, XlsxBook } from './xlsx';
import { containerOf, formatName, OtherFormat } from './formats';

export type { OtherFormat } from './formats';

/** A file the reader refuses; the message is Chinese and says why. */
export class OtherFormatError extends Error {
  constructor(
    message: string,
    readonly code: 'damaged' | 'encrypted' | 'too-large' | 'not-workbook'
  ) {
    super(message);
  }
}

/** Largest file of these formats read: a 决算 export is well under 5 MB. */
export const MAX_OTHER_BYTES = 32 * 2 ** 20;
/** Rows read per sheet; a sheet with more is refused, not cut (the .xls format holds 65,536). */
export const MAX_OTHER_ROWS = 100_000;
/** Cells (with a value) of the whole workbook: what an .xlsx result is written for (as package.ts bounds .xlsx). */
export const MAX_OTHER_CELLS = 800_000;
const MAX_MERGES = 100_000;

/** What a compound file holds: a workbook (.xls, .et), an encrypted .xlsx, something else (.doc …), or a damaged one. */
export function compoundKindOf(bytes: Uint8Array): 'xls' | 'encrypted' | 'other' | 'damaged' {
  let cfb: ReturnType<typeof XLSX.CFB.read>;
  try {
    cfb = quietly(() => XLSX.CFB.read(bytes, { type: 'array' }));
  } catch {
    // A directory that does not parse: still say so when the encryption stream's name is there.
    return hasUtf16(bytes, 'EncryptedPackage') ? 'encrypted' : 'damaged';
  }
  if (XLSX.CFB.find(cfb, 'EncryptedPackage') || XLSX.CFB.find(cfb, '/encryption')) return 'encrypted';
  if (XLSX.CFB.find(cfb, '/Workbook') || XLSX.CFB.find(cfb, '/Book')) return 'xls';
  return 'other';
}

function hasUtf16(bytes: Uint8Array, text: string): boolean {
  const needle = Array.from(text).flatMap((ch) => [ch.charCodeAt(0), 0]);
  const limit = Math.min(bytes.length, 1 << 20) - needle.length;
  outer: for (let i = 0; i <= limit; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

export const ENCRYPTED =
  '无法打开工作簿：工作簿设有打开密码（已加密）；请在 Excel 或 WPS 中取消密码后另存，再重试';

/** SheetJS's English errors, told as what they mean for the file. */
function readProblem(e: unknown, what: string): OtherFormatError {
  const msg = String((e as Error)?.message ?? e);
  if (/password|encrypt/i.test(msg)) return new OtherFormatError(ENCRYPTED, 'encrypted');
  return new OtherFormatError(
    `无法打开工作簿：文件不是有效的${what}，可能已损坏或不完整；请用 Excel 或 WPS 打开并另存为 .xlsx 后重试`,
    'damaged'
  );
}

/** SheetJS writes warnings about unusual content to the console; what the user is told comes from us. */
function quietly<T>(run: () => T): T {
  const saved = { error: console.error, warn: console.warn, log: console.log };
  console.error = console.warn = console.log = () => undefined;
  try {
    return run();
  } finally {
    Object.assign(console, saved);
  }
}

/** Parses the bytes of one of the formats, bounded. */
export function parseOther(bytes: Uint8Array, format: OtherFormat, file = ''): XLSX.WorkBook {
  const what = formatName(format, file);
  if (bytes.length > MAX_OTHER_BYTES)
    throw new OtherFormatError(
      `${what}文件有 ${(bytes.length / 2 ** 20).toFixed(0)} MB，超过可读取的上限 ${MAX_OTHER_BYTES / 2 ** 20} MB`,
      'too-large'
    );
  const options: XLSX.ParsingOptions = {
    dense: true,
    cellDates: true,
    cellNF: true,
    cellHTML: false,
    cellStyles: false,
    sheetRows: MAX_OTHER_ROWS + 1,
  };
  let wb: XLSX.WorkBook;
  try {
    // Flat XML is handed over as text: SheetJS decodes it as UTF-8 then, whatever the CJK in its tags.
    wb = quietly(() =>
      containerOf(bytes) === 'xml'
        ? XLSX.read(new TextDecoder('utf-8').decode(bytes), { ...options, type: 'string' })
        : XLSX.read(bytes, { ...options, type: 'array' })
    );
  } catch (e) {
    throw readProblem(e, what);
  }
  if (!wb || !Array.isArray(wb.SheetNames) || wb.SheetNames.length === 0)
    throw new OtherFormatError(
      `无法打开工作簿：${what}文件中没有工作表，可能已损坏，或不是电子表格`,
      'damaged'
    );
  for (const name of wb.SheetNames) {
    const full = wb.Sheets[name]?.['!fullref'];
    if (full && XLSX.utils.decode_range(full).e.r >= MAX_OTHER_ROWS)
      throw new OtherFormatError(
        `工作表“${name}”超过 ${MAX_OTHER_ROWS} 行，超出可处理的范围；请删除不需要的行或工作表后另存重试`,
        'too-large'
      );
  }
  return wb;
}

// ------------------------------------------------------------------ to an .xlsx

/** Excel's sheet-name rules: at most 31 characters, none of []:*?/\ , not quoted at either end. */
function excelSheetName(name: string, taken: Set<string>): string {
  let base = name.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '');
  base = (base || 'Sheet').slice(0, 31);
  let out = base;
  for (let i = 2; taken.has(out.toLowerCase()); i++)
    out = `${base.slice(0, 31 - String(i).length - 2)}(${i})`;
  taken.add(out.toLowerCase());
  return out;
}

const quoteSheet = (name: string) =>
  /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A name's reference with renamed sheets renamed in it. */
function renameIn(ref: string, renamed: Map<string, string>): string {
  let out = ref;
  for (const [from, to] of renamed) {
    const quoted = `'${from.replace(/'/g, "''")}'!`;
    out = out.split(quoted).join(`${quoteSheet(to)}!`);
    if (!/[\s'!]/.test(from))
      out = out.replace(
        new RegExp(`(^|[^\\p{L}\\p{N}_'])${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}!`, 'gu'),
        `$1${quoteSheet(to)}!`
      );
  }
  return out;
}

function cellValue(c: XLSX.CellObject): ExcelJS.CellValue | undefined {
  const formulaOnly = c.f !== undefined && (c.v === undefined || c.v === null);
  if (formulaOnly) return { formula: String(c.f) } as ExcelJS.CellFormulaValue;
  switch (c.t) {
    case 'n':
      return typeof c.v === 'number' && Number.isFinite(c.v) ? c.v : { error: '#NUM!' };
    case 's':
      return typeof c.v === 'string' ? c.v : String(c.v ?? '');
    case 'b':
      return Boolean(c.v);
    case 'd':
      return c.v instanceof Date && !Number.isNaN(c.v.getTime()) ? c.v : undefined;
    case 'e':
      return { error: (c.w ?? '#N/A') as ExcelJS.CellErrorValue['error'] };
    default:
      return undefined; // stubs: blank cells
  }
}

/** The workbook as ExcelJS holds it, with every defined name set aside to be written as it was. */
export function toXlsxBook(wb: XLSX.WorkBook): XlsxBook {
  const out = new ExcelJS.Workbook();
  out.creator = '绩效自评助手';
  const taken = new Set<string>();
  const renamed = new Map<string, string>();
  const finalNames: string[] = [];
  let cells = 0;
  wb.SheetNames.forEach((name, index) => {
    const sheetName = excelSheetName(name, taken);
    if (sheetName !== name) renamed.set(name, sheetName);
    finalNames.push(sheetName);
    const hidden = wb.Workbook?.Sheets?.[index]?.Hidden;
    const ws = out.addWorksheet(sheetName, {
      state: hidden === 2 ? 'veryHidden' : hidden === 1 ? 'hidden' : 'visible',
    });
    const src = wb.Sheets[name];
    const data = (src?.['!data'] ?? []) as Array<Array<XLSX.CellObject | undefined> | undefined>;
    data.forEach((row, r) => {
      if (!row) return;
      row.forEach((c, col) => {
        if (!c) return;
        const v = cellValue(c);
        if (v === undefined) return;
        if (++cells > MAX_OTHER_CELLS)
          throw new OtherFormatError(
            `工作簿的单元格超过 ${MAX_OTHER_CELLS} 个，超出可处理的范围；请另存一份只含填报表的工作簿后重试`,
            'too-large'
          );
        const cell = ws.getCell(r + 1, col + 1);
        cell.value = v;
        if (c.z && c.z !== 'General' && typeof c.z === 'string') cell.numFmt = c.z;
      });
    });
    (src?.['!cols'] ?? []).forEach((col, i) => {
      const width = col?.wch ?? col?.width;
      if (width) ws.getColumn(i + 1).width = width;
      if (col?.hidden) ws.getColumn(i + 1).hidden = true;
    });
    (src?.['!rows'] ?? []).forEach((row, i) => {
      if (row?.hpt) ws.getRow(i + 1).height = row.hpt;
      if (row?.hidden) ws.getRow(i + 1).hidden = true;
    });
    for (const m of (src?.['!merges'] ?? []).slice(0, MAX_MERGES)) {
      if (m.s.r === m.e.r && m.s.c === m.e.c) continue;
      try {
        ws.mergeCells(m.s.r + 1, m.s.c + 1, m.e.r + 1, m.e.c + 1);
      } catch {
        // Overlapping areas (only a damaged file has them): the first one stands.
      }
    }
  });
  // Every name goes into workbook.xml as the file states it (scopes, constants and #REF! included):
  // the .xlsx is then read as any other, by the same bounded reader.
  const setAside: NonNullable<XlsxBook['setAside']> = [];
  const names: DefinedNameEntry[] = [];
  for (const n of wb.Workbook?.Names ?? []) {
    if (!n?.Name || typeof n.Ref !== 'string') continue;
    const ref = renameIn(n.Ref.replace(/^=/, ''), renamed);
    const scope = typeof n.Sheet === 'number' ? finalNames[n.Sheet] : undefined;
    setAside.push({ name: n.Name, body: escapeXml(ref), scope });
    names.push({ name: n.Name, formula: ref, scope });
  }
  return { wb: out, names, setAside };
}

/** One of the formats, read and written as an .xlsx package. */
export async function otherToXlsx(bytes: Uint8Array, format: OtherFormat, file = ''): Promise<Uint8Array> {
  return saveXlsx(toXlsxBook(parseOther(bytes, format, file)));
}
