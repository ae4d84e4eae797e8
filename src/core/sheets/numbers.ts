/**
 * Figures in the add-in's sheets: the number format of each kind of quantity (as the template formats the
 * inputs) and the number a cell stores. The words around them come from the one formatter,
 * src/core/render/quantity.ts, so a note or a card says 1,500.00 where the cell shows 1,500.00.
 */
import { fixed } from '../decimal';
import { QUANTITY_DECIMALS } from '../render/quantity';
import type { Quantity, QuantityKind } from '../results';

export { grouped, QUANTITY_UNIT } from '../render/quantity';

/** Excel number format per kind; rates are percentage points (91.30 means 91.30%). */
export const QUANTITY_FORMAT: Record<QuantityKind, string> = {
  amount: '#,##0.00',
  rate: '0.00"%"',
  count: '0',
  score: '0.00',
  year: '0',
};

/** The number a cell of this kind stores, rounded as displayed. */
export function quantityNumber(q: Quantity): number {
  return Number(fixed(q.value, QUANTITY_DECIMALS[q.kind]));
}
