/**
 * Decisions both hosts (office.js and .xlsx files) must make alike, made here once: how a sheet is
 * printed, and what one mark says when several findings land on the same cell.
 */
import { normaliseAddress } from './address';
import type { CellMark, SheetPlan } from './types';

/** Sheets wider than this many characters of column width print landscape. */
export const LANDSCAPE_ABOVE_CHARS = 110;

/** Accountants print the output sheets: A4, one page wide, landscape when the sheet is wide. */
export function pageOrientation(sheet: Pick<SheetPlan, 'columnWidths' | 'orientation'>): 'portrait' | 'landscape' {
  // A sheet sized to fit one page says which way it fits (src/core/sheets/fit.ts).
  if (sheet.orientation) return sheet.orientation;
  const width = (sheet.columnWidths ?? []).reduce((a, b) => a + b, 0);
  return width > LANDSCAPE_ABOVE_CHARS ? 'landscape' : 'portrait';
}

/**
 * Several findings on one cell make one mark: the cell's address normalised, the worse severity,
 * every message once, in the order found. Marks whose address cannot be read are dropped.
 */
export function mergeMarks(marks: CellMark[]): CellMark[] {
  const out = new Map<string, CellMark>();
  for (const m of marks) {
    const address = normaliseAddress(m.address);
    if (!address) continue;
    const prev = out.get(address);
    if (!prev) out.set(address, { ...m, address });
    else {
      const severity = m.severity === '错误' ? '错误' : prev.severity;
      const note = prev.note.split('\n').includes(m.note) ? prev.note : `${prev.note}\n${m.note}`;
      out.set(address, { ...prev, severity, note });
    }
  }
  return [...out.values()];
}
