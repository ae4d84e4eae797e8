/**
 * A host-neutral view of one sheet for recognition: values as a grid, merged areas expanded so
 * that every cell of a merged header reads as the header, and label text normalised so that the
 * variants real 决算 tables use (full/half-width brackets, spaces, numbering, quotes) compare equal.
 */
import type { CellValue } from '../core/types';
import { toHalfWidth } from '../core/parse';

/** A merged area, 0-based and inclusive. */
export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** One sheet as a host reads it: its name, its used values row-major from A1, and its merged areas. */
export interface ImportSheet {
  name: string;
  cells: CellValue[][];
  merges?: Merge[];
}

/** Sheets larger than this are read only up to it: a 决算 table is a few hundred rows at most. */
export const MAX_ROWS = 5000;
export const MAX_COLS = 60;

// Leading numbering: 一、 (一) 1. 1、 （1） ①, and “其中：”.
const NUMBERING =
  /^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+(?:\.\d+)*[、.．](?!\d)|[①-⑳]|其中[:：]?)+/;

/** Label text as compared: half-width, no spaces, no quotes or brackets' width differences, no leading numbering. */
export function normalise(v: CellValue | undefined): string {
  if (v === null || v === undefined || typeof v !== 'string') return '';
  let s = toHalfWidth(v)
    // Spaces, and the invisible ones \s leaves (zero-width space, joiners, word joiner) that a pasted label carries.
    .replace(/[\s\u00a0\u200b-\u200d\u2060]+/g, '')
    .replace(/[“”"'‘’「」]/g, '')
    .replace(/[（【〔[]/g, '(')
    .replace(/[）】〕\]]/g, ')')
    .replace(/：/g, ':');
  for (let i = 0; i < 3; i++) {
    const next = s.replace(NUMBERING, '');
    if (next === s) break;
    s = next;
  }
  return s;
}

/** A cell that holds a number (or a number typed as text, or a dash meaning zero). */
export function isNumberLike(v: CellValue | undefined): boolean {
  if (typeof v === 'number') return true;
  if (typeof v !== 'string') return false;
  const s = toHalfWidth(v).trim().replace(/,/g, '');
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(s) || /^\(\d+\.?\d*\)$/.test(s) || /^[-－—–]{1,2}$/.test(s);
}

export function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** A sheet with merged areas expanded, bounded to {@link MAX_ROWS} × {@link MAX_COLS}. */
export class Grid {
  readonly rows: number;
  readonly cols: number;
  private readonly owner = new Map<string, [number, number]>();

  constructor(readonly sheet: ImportSheet) {
    this.rows = Math.min(sheet.cells.length, MAX_ROWS);
    this.cols = Math.min(
      MAX_COLS,
      Math.max(0, ...sheet.cells.slice(0, this.rows).map((r) => r?.length ?? 0))
    );
    for (const m of sheet.merges ?? []) {
      for (let r = m.top; r <= Math.min(m.bottom, this.rows - 1); r++)
        for (let c = m.left; c <= Math.min(m.right, this.cols - 1); c++)
          if (r !== m.top || c !== m.left) this.owner.set(`${r},${c}`, [m.top, m.left]);
    }
  }

  /** The value as typed in the cell itself (a merged area's value only in its top-left cell). */
  raw(r: number, c: number): CellValue {
    return this.sheet.cells[r]?.[c] ?? null;
  }

  /** The value as the reader sees it: cells inside a merged area read as its top-left cell. */
  value(r: number, c: number): CellValue {
    const o = this.owner.get(`${r},${c}`);
    return o ? this.raw(o[0], o[1]) : this.raw(r, c);
  }

  /** True for a cell covered by a merged area but not its top-left cell. */
  covered(r: number, c: number): boolean {
    return this.owner.has(`${r},${c}`);
  }

  text(r: number, c: number): string {
    return normalise(this.value(r, c));
  }

  /** Normalised text of the whole row, cells joined. */
  rowText(r: number): string {
    let s = '';
    for (let c = 0; c < this.cols; c++) if (!this.covered(r, c)) s += this.text(r, c);
    return s;
  }
}
