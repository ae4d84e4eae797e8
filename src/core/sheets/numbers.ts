/**
 * Figures as the sheets show them, for every surface that must agree with a cell: the number format
 * of each kind of quantity (as the template formats the inputs), its unit, and the same figure as
 * text with thousands separators, so a note or a card says 1,193.05 where the cell shows 1,193.05.
 */
import type Decimal from 'decimal.js';
import { fixed } from '../decimal';
import type { Quantity, QuantityKind } from '../results';

/** Excel number format per kind; rates are percentage points (91.30 means 91.30%). */
export const QUANTITY_FORMAT: Record<QuantityKind, string> = {
  amount: '#,##0.00',
  rate: '0.00"%"',
  count: '0',
  score: '0.00',
  year: '0',
};

export const QUANTITY_UNIT: Record<QuantityKind, string> = {
  amount: '万元',
  rate: '%',
  count: '人',
  score: '分',
  year: '年',
};

const DECIMALS: Record<QuantityKind, number> = { amount: 2, rate: 2, count: 0, score: 2, year: 0 };

/** Digits with thousands separators, rounded half-up for display ("1,193.05", "−412.86"). */
export function grouped(x: Decimal, dp: number, signed = false): string {
  const s = fixed(x, dp);
  const negative = s.startsWith('-');
  const [int, frac] = (negative ? s.slice(1) : s).split('.');
  const body = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
  const zero = /^[0.,]+$/.test(body);
  if (negative && !zero) return `−${body}`;
  return signed && !zero ? `+${body}` : body;
}

/** A figure as its cell shows it, without the unit ("1,193.05", "99.52%", "21", "2021"). */
export function quantityDigits(q: Quantity, signed = false): string {
  const digits = q.kind === 'year' ? fixed(q.value, 0) : grouped(q.value, DECIMALS[q.kind], signed);
  return q.kind === 'rate' ? `${digits}%` : digits;
}

/** A figure with its unit ("1,193.05 万元", "99.52%", "21 人", "3.00 分"). */
export function quantityText(q: Quantity, signed = false): string {
  const digits = quantityDigits(q, signed);
  return q.kind === 'rate' || q.kind === 'year' ? digits : `${digits} ${QUANTITY_UNIT[q.kind]}`;
}

/** The number a cell of this kind stores, rounded as displayed. */
export function quantityNumber(q: Quantity): number {
  return Number(fixed(q.value, DECIMALS[q.kind]));
}
