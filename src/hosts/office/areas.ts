/**
 * One call for many cells of equal setting: a RangeAreas (`worksheet.getRanges("A1,B3:C4,…")`,
 * ExcelApi 1.9) takes a format once for all of them, where a Range per cell costs an object path,
 * its format path and an action each in the request. Before 1.9, one Range per address.
 */
import type { Capabilities } from './capabilities';

/**
 * Addresses per RangeAreas call, as characters of the joined address. Kept modest: Excel's limit on
 * the address string of getRanges is not documented, and each call still carries hundreds of cells.
 */
export const AREAS_CHARS = 2_000;

/** Cuts addresses into comma-joined lists of at most `max` characters (an address longer than that stands alone). */
export function areaLists(addresses: string[], max = AREAS_CHARS): string[] {
  const out: string[] = [];
  let current = '';
  for (const a of addresses) {
    if (current && current.length + 1 + a.length > max) {
      out.push(current);
      current = '';
    }
    current = current ? `${current},${a}` : a;
  }
  if (current) out.push(current);
  return out;
}

/** Applies `set` to the cells at `addresses` (sheet-local A1) of `ws`: over RangeAreas where Excel has them, else per range. */
export function forAreas(
  ws: Excel.Worksheet,
  addresses: string[],
  can: Capabilities,
  set: (target: Excel.Range | Excel.RangeAreas) => void
): void {
  if (can.rangeAreas) for (const list of areaLists(addresses)) set(ws.getRanges(list));
  else for (const a of addresses) set(ws.getRange(a));
}
