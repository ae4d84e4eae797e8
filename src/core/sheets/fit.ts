/**
 * Row heights that show wrapped text. Neither LibreOffice nor Excel on a printer re-measures rows
 * written by a program, so each row is sized from its text: lines per cell from the column width
 * (in Excel's character units, a CJK character taking two), the tallest cell deciding.
 */
import { parseRange } from '../address';
import { a1 } from '../../catalogue/layout';
import { LEGEND, STYLES } from '../styles';
import type { OutCell, SheetPlan } from '../types';

/** Points per line of 11 pt text (Excel's default row is 15 pt for one line at 11 pt). */
const LINE = 14.5;
const PADDING = 3;
/** A column never shows fewer characters than this, whatever its width. */
const MIN_UNITS = 2;

/**
 * Excel's tallest row, in points (409.5 in its dialog). Taller heights are clamped by Excel and
 * refused by other readers, so every height written is capped here; a text taller than this is
 * cut into continuation rows where it is written ({@link splitToRows}), never left hidden.
 */
export const MAX_ROW_POINTS = 409;
/** Lines of 11 pt text the tallest row shows. */
export const MAX_ROW_LINES = Math.floor((MAX_ROW_POINTS - PADDING) / LINE);

/** A row's height for `lines` lines of 11 pt text, at most {@link MAX_ROW_POINTS}. */
export function rowPoints(lines: number): number {
  return Math.min(MAX_ROW_POINTS, Math.round(lines * LINE + PADDING));
}

/** Display width of a string in column-width units: CJK and full-width characters count two. */
export function textUnits(s: string): number {
  let n = 0;
  for (const ch of s)
    n += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(
      ch
    )
      ? 2
      : 1;
  return n;
}

/** Lines a text takes in a cell `units` wide. */
export function linesFor(text: string, units: number): number {
  const w = Math.max(MIN_UNITS, units - 1);
  return text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(textUnits(line) / w)), 0);
}

/**
 * A text cut into pieces that each show whole in the tallest row `units` wide: after a sentence
 * (。；！？ or a line break) where one ends within the piece, else where the piece is full. One piece
 * when the text fits.
 */
export function splitToRows(text: string, units: number, maxLines = MAX_ROW_LINES): string[] {
  if (linesFor(text, units) <= maxLines) return [text];
  const fits = (s: string) => linesFor(s, units) <= maxLines;
  const pieces: string[] = [];
  let current = '';
  const flush = () => {
    const piece = current.replace(/\n+$/, '');
    if (piece) pieces.push(piece);
    current = '';
  };
  for (const sentence of text.match(/[^。；！？\n]*(?:[。；！？]+[”’」）)]*|\n|$)/g) ?? [text]) {
    if (!sentence) continue;
    if (fits(current + sentence)) {
      current += sentence;
      continue;
    }
    flush();
    // A sentence longer than a whole row: cut where the row is full.
    let rest = sentence;
    while (!fits(rest)) {
      let n = 1;
      while (n < rest.length && fits(rest.slice(0, n + 1))) n++;
      pieces.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    current = rest;
  }
  flush();
  return pieces;
}

/**
 * The legend of the mark colours as one row of a sheet whose columns are `widths` wide: each entry
 * merged over as many columns as its words need, so none is clipped or wrapped in a narrow column.
 * `row` is the row's 0-based index; returns the cells and the merges (`A40:C40`).
 */
export function legendRow(widths: number[], row: number): { cells: OutCell[]; merges: string[] } {
  const cells: OutCell[] = [];
  const merges: string[] = [];
  let col = 0;
  for (const l of LEGEND) {
    const need = textUnits(l.text) + 2;
    const first = col;
    let span = widths[col] ?? 9;
    while (span < need && col + 1 < widths.length) span += widths[++col];
    cells[first] = { value: l.text, style: l.style };
    for (let c = first + 1; c <= col; c++) cells[c] = { style: l.style };
    if (col > first) merges.push(`${a1(row, first)}:${a1(row, col)}`);
    col++;
  }
  return { cells, merges };
}

function shownText(cell: OutCell): string {
  if (cell.value === null || cell.value === undefined) return '';
  return String(cell.value);
}

/** The plan with rowHeights for every row whose wrapped text needs more than one line (explicit heights kept). */
export function fitRows(plan: SheetPlan, defaultWidth = 9): SheetPlan {
  const widths = plan.columnWidths ?? [];
  const widthOf = (c: number) => widths[c] ?? defaultWidth;
  // A merged cell is as wide as its columns; a cell merged over several rows shares their height (skipped).
  const spans = new Map<string, number>();
  const tall = new Set<string>();
  for (const m of plan.merges ?? []) {
    const r = parseRange(`x!${m}`);
    if (!r) continue;
    if (r.bottom > r.top) tall.add(`${r.top}:${r.left}`);
    let w = 0;
    for (let c = r.left; c <= r.right; c++) w += widthOf(c);
    spans.set(`${r.top}:${r.left}`, w);
  }
  const heights: Record<number, number> = {};
  plan.rows.forEach((row, r) => {
    let lines = 1;
    row.forEach((cell, c) => {
      if (!cell || tall.has(`${r}:${c}`)) return;
      const style = cell.style ? STYLES[cell.style] : undefined;
      if (!style?.wrap) return;
      const size = style.size ?? 11;
      const n = Math.ceil((linesFor(shownText(cell), spans.get(`${r}:${c}`) ?? widthOf(c)) * size) / 11);
      lines = Math.max(lines, n);
    });
    if (lines > 1) heights[r] = rowPoints(lines);
  });
  const rowHeights: Record<number, number> = { ...heights, ...(plan.rowHeights ?? {}) };
  for (const r of Object.keys(rowHeights))
    rowHeights[Number(r)] = Math.min(MAX_ROW_POINTS, rowHeights[Number(r)]);
  const onePage = (['portrait', 'landscape'] as const).find((o) => fitsOnePage({ ...plan, rowHeights }, o));
  return { ...plan, rowHeights, ...(onePage && { pagesTall: 1, orientation: onePage }) };
}

/** Points per unit of column width (a '0' of 11 pt text plus padding, as Excel counts it). */
const POINTS_PER_UNIT = 5.6;
/** A4 less the margins the hosts set (0.5 in at the sides, 0.6 in top and bottom), in points. */
const PRINTABLE = { portrait: { width: 523, height: 755 }, landscape: { width: 770, height: 509 } };
/** Shrinking a sheet to one page is worth it up to this much overflow (no page of three rows). */
const ONE_PAGE_SLACK = 1.3;

/** Whether the sheet, once fitted to the page width, is at most a little taller than one page. */
export function fitsOnePage(plan: SheetPlan, orientation: 'portrait' | 'landscape'): boolean {
  const widthUnits = (plan.columnWidths ?? []).reduce((a, b) => a + b, 0);
  const page = PRINTABLE[orientation];
  const scale = Math.min(1, page.width / Math.max(1, widthUnits * POINTS_PER_UNIT));
  let height = 0;
  for (let r = 0; r < plan.rows.length; r++) height += plan.rowHeights?.[r] ?? 15;
  return height * scale <= page.height * ONE_PAGE_SLACK;
}
