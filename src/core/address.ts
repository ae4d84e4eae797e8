/**
 * `Sheet!A1:B2` addresses: parse, normalise, step into a range, and write them. Every address the
 * hosts, renderers and outputs write is formatted here, in one of three forms:
 * - display (`formatRange`): `Sheet!A1`, unquoted, no `$` — findings, notes, reports, the pane;
 * - location (`locationOf`): `'Sheet'!A1`, always quoted — hyperlinks and selections in either host;
 * - absolute (`absolute`): `Sheet!$A$1`, quoted only where Excel needs it — defined names, formulas.
 */
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

/**
 * Addresses parsed so far: the same few hundred (the catalogue's names, the checks' operands) are parsed
 * thousands of times per workbook. Bounded: emptied when full. Callers get a copy of the entry.
 */
const PARSED = new Map<string, RangeRef | null>();
const PARSED_MAX = 4096;

/** Parses `Sheet!A1`, `'My Sheet'!$A$1:$B$2`, `=Sheet!A1`. Returns null for anything else. */
export function parseRange(address: string): RangeRef | null {
  let r = PARSED.get(address);
  if (r === undefined) {
    r = parseRangeText(address);
    if (PARSED.size >= PARSED_MAX) PARSED.clear();
    PARSED.set(address, r);
  }
  return r && { ...r };
}

function parseRangeText(address: string): RangeRef | null {
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
  return {
    sheet,
    top: Math.min(r1, r2),
    bottom: Math.max(r1, r2),
    left: Math.min(c1, c2),
    right: Math.max(c1, c2),
  };
}

/** A sheet name Excel would read as a cell (`A1`, `XFD1048576`, `R1C1`, `R`, `C`) must be quoted. */
const CELL_LIKE = /^([A-Za-z]{1,3}\d+|[Rr]\d*[Cc]?\d*|[Cc]\d*)$/;

/**
 * Sheet name as a formula needs it: plain when letters (CJK included), digits and `_` only, not
 * starting with a digit and not readable as a cell; otherwise in quotes, an apostrophe doubled.
 */
export function quoteSheet(sheet: string): string {
  const plain = /^[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff.]*$/.test(sheet) && !CELL_LIKE.test(sheet);
  return plain ? sheet : quoted(sheet);
}

function quoted(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

function cells(r: RangeRef, cell: (row: number, col: number) => string, firstCell: boolean): string {
  const start = cell(r.top, r.left);
  const end = cell(r.bottom, r.right);
  return firstCell || start === end ? start : `${start}:${end}`;
}

/** `Sheet!A1` or `Sheet!A1:B2`, unquoted, no `$` (the display form used in findings). */
export function formatRange(r: RangeRef): string {
  return `${r.sheet}!${cells(r, a1, false)}`;
}

/**
 * The location a hyperlink or a selection goes to: `'Sheet'!A1` (or `…!A1:B2`), the sheet always
 * quoted, no `$`; `firstCell` keeps the top-left cell only. An address that does not parse is returned as is.
 */
export function locationOf(address: string, options: { firstCell?: boolean } = {}): string {
  const r = parseRange(address);
  return r ? `${quoted(r.sheet)}!${cells(r, a1, options.firstCell === true)}` : address;
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
  return formatRange({
    sheet: r.sheet,
    top: r.top + row,
    bottom: r.top + row,
    left: r.left + col,
    right: r.left + col,
  });
}

/** Address for use in an Excel formula or hyperlink: `'Sheet'!$A$1`. */
export function absolute(address: string): string {
  const r = parseRange(address);
  if (!r) return address;
  const abs = (row: number, col: number) => a1(row, col).replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
  return `${quoteSheet(r.sheet)}!${cells(r, abs, false)}`;
}
