/**
 * Decisions both hosts (office.js and .xlsx files) must make alike, made here once: how a sheet is
 * printed, and what one mark says when several findings land on the same cell.
 */
import { normaliseAddress } from './address';
import type { CellMark, Plan, SheetPlan } from './types';

/** Sheets wider than this many characters of column width print landscape. */
export const LANDSCAPE_ABOVE_CHARS = 110;

/** Accountants print the output sheets: A4, one page wide, landscape when the sheet is wide. */
export function pageOrientation(
  sheet: Pick<SheetPlan, 'columnWidths' | 'orientation'>
): 'portrait' | 'landscape' {
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

/**
 * The plan with some output sheets under other names (ours takes a free name when a user's sheet holds
 * the one we want): each sheet, the links into it, the names defined on it and the sheet to activate
 * follow. Formulas are the catalogue's, written over defined names, and need no change.
 */
export function renameSheets(plan: Plan, renames: ReadonlyMap<string, string>): Plan {
  if (renames.size === 0) return plan;
  const moved = (address: string) => {
    const bang = address.lastIndexOf('!');
    const to = bang > 0 ? renames.get(address.slice(0, bang)) : undefined;
    return to ? `${to}${address.slice(bang)}` : address;
  };
  return {
    ...plan,
    sheets: plan.sheets.map((s) => ({
      ...s,
      name: renames.get(s.name) ?? s.name,
      rows: s.rows.map((row) => row.map((c) => (c?.link ? { ...c, link: moved(c.link) } : c))),
    })),
    names: plan.names?.map((n) => ({ ...n, address: moved(n.address) })),
    ...(plan.activate ? { activate: renames.get(plan.activate) ?? plan.activate } : {}),
  };
}
