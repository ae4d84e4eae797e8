/** `Sheet!A1:B2` addresses: parse, normalise, and step into a range. */
import { a1, colIndex } from '../catalogue/layout';

export interface RangeRef {
  sheet: string;
  /** 0-based, inclusive. */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** Parses `Sheet!A1`, `'My Sheet'!$A$1:$B$2`, `=Sheet!A1`. Returns null for anything else. */
export function parseRange(address: string): RangeRef | null {
  let s = address.trim().replace(/^=/, '');
  const bang = s.lastIndexOf('!');
  if (bang < 0) return null;
  let sheet = s.slice(0, bang);
  s = s.slice(bang + 1);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  const [from, to = from] = s.split(':');
  const m1 = CELL.exec(from);
  const m2 = CELL.exec(to);
  if (!sheet || !m1 || !m2) return null;
  const r1 = Number(m1[2]) - 1;
  const r2 = Number(m2[2]) - 1;
  const c1 = colIndex(m1[1]);
  const c2 = colIndex(m2[1]);
  return { sheet, top: Math.min(r1, r2), bottom: Math.max(r1, r2), left: Math.min(c1, c2), right: Math.max(c1, c2) };
}

/** Sheet name as a formula needs it: quoted when not a plain identifier. */
export function quoteSheet(sheet: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/** `Sheet!A1` or `Sheet!A1:B2`, unquoted, no `$` (the display form used in findings). */
export function formatRange(r: RangeRef): string {
  const start = a1(r.top, r.left);
  const end = a1(r.bottom, r.right);
  return `${r.sheet}!${start === end ? start : `${start}:${end}`}`;
}

/** Normalises any accepted address to the display form. */
export function normaliseAddress(address: string): string | null {
  const r = parseRange(address);
  return r ? formatRange(r) : null;
}

/** Address of the cell at (row, col) offsets inside a range. */
export function cellIn(range: string, row: number, col: number): string | undefined {
  const r = parseRange(range);
  if (!r) return undefined;
  return `${r.sheet}!${a1(r.top + row, r.left + col)}`;
}

/** Address for use in an Excel formula or hyperlink: `'Sheet'!$A$1`. */
export function absolute(address: string): string {
  const r = parseRange(address);
  if (!r) return address;
  const abs = (row: number, col: number) => a1(row, col).replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
  const start = abs(r.top, r.left);
  const end = abs(r.bottom, r.right);
  return `${quoteSheet(r.sheet)}!${start === end ? start : `${start}:${end}`}`;
}
