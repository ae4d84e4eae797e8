/**
 * The formats people have besides .xlsx — .xls as the 部门决算 software exports it (BIFF8), WPS .et,
 * .xlsb, .ods and 标文通 UOS — read with SheetJS (the npm build @e965/xlsx; see README “其他格式”) and
 * written as an .xlsx package the file host then reads as any other: the same bounded reader, checks
 * and result sheets. These inputs are read only; a result is always a new .xlsx.
 *
 * What is carried over: every sheet (name, visibility, column widths), each cell's value, number
 * format and formula with the result the file saved (a formula saved without one stays so, and the
 * reader reports it), merged areas and every defined name with its scope. Fills, borders, fonts,
 * comments, charts and macros are not carried.
 *
 * Browser-safe: no Node module; src/hosts/file/formats.ts tells the format and the Node host bounds
 * zipped packages before they reach here (src/hosts/file/otherFormats.ts).
 */
import * as XLSX from '@e965/xlsx';
import { containerOf, formatName, OtherFormat } from './formats';

export type { OtherFormat } from './formats';

/** A file the reader refuses; the message is Chinese and says why. */
export class OtherFormatError extends Error {
  constructor(
    message: string,
    readonly code: 'damaged' | 'encrypted' | 'too-large'
  ) {
    super(message);
  }
}

/** Largest file of these formats read: a 决算 export is well under 5 MB. */
export const MAX_OTHER_BYTES = 32 * 2 ** 20;
/** Rows read per sheet; a sheet with more is refused, not cut (the .xls format holds 65,536). */
export const MAX_OTHER_ROWS = 100_000;
/** Cells (with a value) of the whole workbook: 288,000 cells of .xls take about 680 MB and 3.5 s of CPU to evaluate (a 决算 export has some 50,000). */
export const MAX_OTHER_CELLS = 300_000;
const MAX_MERGES = 100_000;
/** An .ods table body (content.xml) inflated. */
const MAX_ODS_CONTENT_BYTES = 128 * 2 ** 20;
/** Excel's columns (A … XFD). */
const MAX_COLUMNS = 16_384;

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
    cellText: false, // formatted text is not needed, and costs a third of the parse
    cellHTML: false,
    cellStyles: false,
    sheetRows: MAX_OTHER_ROWS + 1,
  };
  if (format === 'ods') checkOdsRepeats(bytes, what);
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

/**
 * OpenDocument compresses repetition into attributes: a row repeated a million times, a cell repeated
 * 16,000 times, in a few hundred bytes. SheetJS writes every repeated cell that holds a value, past
 * its row bound too, so the cells the file stands for are counted from its content before it parses.
 */
function checkOdsRepeats(bytes: Uint8Array, what: string): void {
  let xml: string;
  if (containerOf(bytes) === 'xml') xml = new TextDecoder('utf-8').decode(bytes);
  else {
    let content: Uint8Array | undefined;
    try {
      const cfb = quietly(() => XLSX.CFB.read(bytes, { type: 'array' }));
      content = XLSX.CFB.find(cfb, 'content.xml')?.content as Uint8Array | undefined;
    } catch (e) {
      throw readProblem(e, what);
    }
    if (!content) return; // SheetJS says what is missing
    if (content.length > MAX_ODS_CONTENT_BYTES)
      throw new OtherFormatError(
        `${what}的表格内容解压后超过 ${MAX_ODS_CONTENT_BYTES / 2 ** 20} MB，超出可处理的范围`,
        'too-large'
      );
    xml = new TextDecoder('utf-8').decode(content);
  }
  if (cellsStoodFor(xml) > MAX_OTHER_CELLS)
    throw new OtherFormatError(
      `${what}中重复的行列展开后超过 ${MAX_OTHER_CELLS} 个单元格，超出可处理的范围；请删除多余的行列后另存重试`,
      'too-large'
    );
}

const ODS_TAG = /<(\/?)table:(table-row|table-cell)\b([^>]*?)(\/?)>/g;
const ROWS_REPEATED = /table:number-rows-repeated="(\d+)"/;
const COLUMNS_REPEATED = /table:number-columns-repeated="(\d+)"/;
const times = (attrs: string, re: RegExp) => Math.max(1, Number(re.exec(attrs)?.[1] ?? 1));

/** Cells with content an ODS table body stands for, repeats expanded (stops counting past the bound). */
export function cellsStoodFor(xml: string): number {
  let total = 0;
  let rows = 1;
  let inRow = 0;
  for (const [, close, kind, attrs, selfClosing] of xml.matchAll(ODS_TAG)) {
    if (kind === 'table-row') {
      if (selfClosing) continue;
      if (!close) {
        rows = times(attrs, ROWS_REPEATED);
        inRow = 0;
        continue;
      }
      total += rows * inRow;
      if (total > MAX_OTHER_CELLS) return total;
    } else if (!close && (!selfClosing || /office:value-type=/.test(attrs)))
      inRow += times(attrs, COLUMNS_REPEATED);
  }
  return total;
}

// ------------------------------------------------------------------ to an .xlsx

/** Excel's sheet-name rules: at most 31 characters, none of []:*?/\ or control characters, not quoted at either end, not “History”. */
function excelSheetName(name: string, taken: Set<string>): string {
  let base = name
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[[\]:*?/\\]/g, '_')
    .replace(/^'+|'+$/g, '');
  base = (base || 'Sheet').slice(0, 31);
  if (base.toLowerCase() === 'history') base = `${base}_`;
  let out = base;
  for (let i = 2; taken.has(out.toLowerCase()); i++)
    out = `${base.slice(0, 31 - String(i).length - 2)}(${i})`;
  taken.add(out.toLowerCase());
  return out;
}

const quoteSheet = (name: string) =>
  /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;

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

/** Error codes as BIFF, XLSB and SheetJS store them. */
const ERRORS: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

/**
 * The parsed workbook made fit for an .xlsx, in place: sheet names Excel accepts (names that point at
 * a renamed sheet follow it), error cells with their text, and no cell past Excel's last column or the
 * rows read (only a damaged record puts one there); bounded in cells.
 */
function fitForXlsx(wb: XLSX.WorkBook): void {
  const taken = new Set<string>();
  const renamed = new Map<string, string>();
  let cells = 0;
  const sheets: XLSX.WorkBook['Sheets'] = {};
  wb.SheetNames = wb.SheetNames.map((name) => {
    const sheetName = excelSheetName(name, taken);
    if (sheetName !== name) renamed.set(name, sheetName);
    const ws = wb.Sheets[name] ?? {};
    sheets[sheetName] = ws;
    const data = (ws['!data'] ?? []) as Array<Array<XLSX.CellObject | undefined> | undefined>;
    // SheetJS's writer expects a row array for every row of the sheet's range, empty rows too.
    const last = ws['!ref'] ? Math.min(XLSX.utils.decode_range(ws['!ref']).e.r, MAX_OTHER_ROWS) : -1;
    for (let r = 0; r <= last; r++) data[r] ??= [];
    data.forEach((row, r) => {
      if (!row) return;
      if (row.length > MAX_COLUMNS || r > MAX_OTHER_ROWS)
        throw new OtherFormatError(
          `无法打开工作簿：工作表“${name}”中有位置超出范围的单元格（第 ${r + 1} 行第 ${row.length} 列），文件可能已损坏`,
          'damaged'
        );
      for (const c of row) {
        if (!c) continue;
        if (++cells > MAX_OTHER_CELLS)
          throw new OtherFormatError(
            `工作簿的单元格超过 ${MAX_OTHER_CELLS} 个，超出可处理的范围；请另存一份只含填报表的工作簿后重试`,
            'too-large'
          );
        if (c.t === 'e' && !c.w) c.w = ERRORS[Number(c.v)] ?? '#N/A';
        if (c.t === 'n' && typeof c.v === 'number' && !Number.isFinite(c.v))
          Object.assign(c, { t: 'e', v: 0x24, w: '#NUM!' });
      }
    });
    if (ws['!merges'])
      ws['!merges'] = ws['!merges']
        .slice(0, MAX_MERGES)
        .filter((m) => m.e.c < MAX_COLUMNS && m.e.r <= MAX_OTHER_ROWS);
    if (ws['!cols']) ws['!cols'] = ws['!cols'].slice(0, MAX_COLUMNS);
    return sheetName;
  });
  wb.Sheets = sheets;
  if (renamed.size && wb.Workbook?.Names)
    for (const n of wb.Workbook.Names) if (typeof n.Ref === 'string') n.Ref = renameIn(n.Ref, renamed);
}

/**
 * One of the formats, read and written as an .xlsx package (by SheetJS's own writer: values, number
 * formats, merges, defined names with their scopes, column widths, hidden sheets).
 */
export function otherToXlsx(bytes: Uint8Array, format: OtherFormat, file = ''): Uint8Array {
  const wb = parseOther(bytes, format, file);
  fitForXlsx(wb);
  try {
    // Type 'array' gives an ArrayBuffer.
    const out = quietly(
      () =>
        XLSX.write(wb, {
          type: 'array',
          bookType: 'xlsx',
          compression: false,
          cellDates: true,
        }) as ArrayBuffer
    );
    return new Uint8Array(out);
  } catch (e) {
    throw readProblem(e, formatName(format, file));
  }
}
