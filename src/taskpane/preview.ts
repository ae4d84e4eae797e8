/**
 * A read-only look at the cells around one cell, for the web page, which cannot select a cell in a
 * sheet it only holds as a file: the values as the sheet displays them (number formats applied).
 */

/** The cells around a cell: a few rows and columns, values as displayed. */
export interface CellPreview {
  sheet: string;
  /** The cell asked for (`B7`; a range's top-left cell). */
  cell: string;
  /** Column letters shown, left to right. */
  columns: string[];
  rows: Array<{ row: number; cells: string[] }>;
  /** Where the cell is among `rows` and `columns`. */
  at: { row: number; column: number };
}

/** Rows shown above and below the cell, and columns either side (column A, the labels, always). */
export const PREVIEW_ROWS = 3;
export const PREVIEW_COLUMNS = 2;

/** The window around 0-based `row`, `col`: row indexes and column indexes, column A first. */
export function previewWindow(row: number, col: number): { rows: number[]; cols: number[] } {
  const rows: number[] = [];
  for (let r = Math.max(0, row - PREVIEW_ROWS); r <= row + PREVIEW_ROWS; r++) rows.push(r);
  const cols = new Set<number>([0]);
  const first = Math.max(0, Math.min(col - PREVIEW_COLUMNS, col));
  for (let c = first; c <= col + PREVIEW_COLUMNS; c++) cols.add(c);
  return { rows, cols: [...cols].sort((a, b) => a - b) };
}

/** Digits with thousands separators when the format groups (`#,##0.00`). */
function digits(x: number, decimals: number, group: boolean): string {
  const [int, frac] = x.toFixed(decimals).split('.');
  const body = group ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : int;
  return frac ? `${body}.${frac}` : body;
}

/** A format section's literal text: quoted strings and escaped characters as written; colours, padding and fills dropped. */
function literal(s: string): string {
  return s
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_./g, '')
    .replace(/\*./g, '')
    .replace(/"([^"]*)"|\\(.)/g, (_, q: string | undefined, c: string | undefined) => q ?? c ?? '');
}

/**
 * A number as Excel displays it under `numFmt` — the formats workbooks of this kind use: General,
 * fixed decimals, thousands separators, percent, quoted units, and a negative section. Anything
 * else shows the number as is: a preview, not a renderer of every format.
 */
export function formatNumber(x: number, numFmt?: string | null): string {
  const general = () => String(Number(x.toPrecision(15)));
  if (!numFmt || /^general$/i.test(numFmt.trim()) || numFmt === '@') return general();
  const sections = numFmt.split(';');
  const negative = x < 0 && sections.length > 1;
  const zero = x === 0 && sections.length > 2;
  const section = zero ? sections[2] : negative ? sections[1] : sections[0];
  const value = negative ? Math.abs(x) : x;
  // The number part outside quotes: the first run of 0 # ? , .
  const unquoted = section.replace(/"[^"]*"|\\./g, (m) => '\uE000'.repeat(m.length));
  const m = unquoted.match(/[0#?][0#?,]*(\.[0#?]*)?/);
  if (!m || m.index === undefined) return literal(section) || general();
  const percent = /%/.test(unquoted.replace(/\uE000/g, ''));
  const decimals = m[1] ? m[1].length - 1 : 0;
  // The percent sign outside quotes scales the number and is written after it; a quoted one is text.
  const text = (t: string) => literal(t.replace(/"[^"]*"|\\.|%/g, (x) => (x === '%' ? '' : x)));
  const before = text(section.slice(0, m.index));
  const after = text(section.slice(m.index + m[0].length));
  const shown = digits(percent ? value * 100 : value, decimals, m[0].includes(','));
  return `${before}${shown}${percent ? '%' : ''}${after}`;
}
