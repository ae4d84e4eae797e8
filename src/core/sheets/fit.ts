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

/** Whether a UTF-16 code unit is CJK or full-width (two column-width units). */
function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6)
  );
}

/** Display width of a string in column-width units: CJK and full-width characters count two. */
export function textUnits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A surrogate pair is one character (never wide: every wide range is in the BMP).
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n += isWide(c) ? 2 : 1;
  }
  return n;
}

/** Lines a text takes in a cell `units` wide. */
export function linesFor(text: string, units: number): number {
  const w = Math.max(MIN_UNITS, units - 1);
  return text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(textUnits(line) / w)), 0);
}

/**
 * The lines a growing text takes, kept as it grows one character at a time: what {@link linesFor}
 * gives for the whole, in constant time per character (re-measuring the whole on each addition
 * made a 1 MB cell quadratic).
 */
class LineCount {
  /** Lines of the finished line breaks. */
  private closed = 0;
  /** Units of the line still open. */
  private open = 0;
  constructor(private readonly w: number) {}
  get lines(): number {
    return this.closed + Math.max(1, Math.ceil(this.open / this.w));
  }
  /** Adds the character at `s[i]` (and its low surrogate); the index of the next character. */
  add(s: string, i: number): number {
    const c = s.charCodeAt(i);
    if (c === 0x0a) {
      this.closed += Math.max(1, Math.ceil(this.open / this.w));
      this.open = 0;
      return i + 1;
    }
    this.open += isWide(c) ? 2 : 1;
    const d = s.charCodeAt(i + 1);
    return c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? i + 2 : i + 1;
  }
  copy(): LineCount {
    const c = new LineCount(this.w);
    c.closed = this.closed;
    c.open = this.open;
    return c;
  }
}

/**
 * A text cut into pieces that each show whole in the tallest row `units` wide: after a sentence
 * (。；！？ or a line break) where one ends within the piece, else where the piece is full. One piece
 * when the text fits. Linear in the text: each sentence is measured at most twice.
 */
export function splitToRows(text: string, units: number, maxLines = MAX_ROW_LINES): string[] {
  if (linesFor(text, units) <= maxLines) return [text];
  const w = Math.max(MIN_UNITS, units - 1);
  const pieces: string[] = [];
  let current: string[] = [];
  let count = new LineCount(w);
  const flush = () => {
    const piece = current.join('').replace(/\n+$/, '');
    if (piece) pieces.push(piece);
    current = [];
    count = new LineCount(w);
  };
  /** `count` with `s` added, or undefined as soon as it no longer fits. */
  const withAdded = (from: LineCount, s: string): LineCount | undefined => {
    const c = from.copy();
    for (let i = 0; i < s.length;) {
      i = c.add(s, i);
      if (c.lines > maxLines) return undefined;
    }
    return c;
  };
  for (const sentence of text.match(/[^。；！？\n]*(?:[。；！？]+[”’」）)]*|\n|$)/g) ?? [text]) {
    if (!sentence) continue;
    const grown = withAdded(count, sentence);
    if (grown) {
      current.push(sentence);
      count = grown;
      continue;
    }
    flush();
    // A sentence longer than a whole row: cut where the row is full (at least one character a piece).
    let start = 0;
    let c = new LineCount(w);
    for (let i = 0; i < sentence.length;) {
      const next = c.add(sentence, i);
      if (c.lines > maxLines && i > start) {
        pieces.push(sentence.slice(start, i));
        start = i;
        c = new LineCount(w);
        continue;
      }
      i = next;
    }
    current = [sentence.slice(start)];
    count = c;
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
