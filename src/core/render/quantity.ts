/**
 * Figures in words, one way on every surface: amounts in 万元 with 2 decimals, rates in %, counts and
 * years whole, scores in 分; a minus is written −. Rounding is for display only.
 */
import type Decimal from 'decimal.js';
import { INPUT_BY_NAME } from '../../catalogue/inputs';
import { fixed, money } from '../decimal';
import type { Operand, Quantity, QuantityKind } from '../results';

function plain(x: Decimal, kind: QuantityKind): string {
  switch (kind) {
    case 'rate':
      return `${fixed(x, 2)}%`;
    case 'count':
    case 'year':
      return x.isInteger() ? x.toFixed(0) : fixed(x, 2);
    case 'score':
      return `${fixed(x, 2)}分`;
    default:
      return money(x);
  }
}

/** A value of a kind, e.g. `1234.56`, `91.30%`, `20`, `2.00分`, `−3.70`. */
export function formatValue(x: Decimal, kind: QuantityKind): string {
  return plain(x, kind).replace(/^-/, '−');
}

export function formatQuantity(q: Quantity): string {
  return formatValue(q.value, q.kind);
}

/** A difference with its sign: `+0.50`, `−412.86`, `+0.07 个百分点`. */
export function formatDifference(q: Quantity): string {
  const body = q.kind === 'rate' ? `${fixed(q.value.abs(), 2)} 个百分点` : formatValue(q.value.abs(), q.kind);
  return `${q.value.isNegative() && !q.value.isZero() ? '−' : '+'}${body}`;
}

const QUANTITY_KINDS: readonly string[] = [
  'amount',
  'rate',
  'count',
  'score',
  'year',
] satisfies QuantityKind[];

/** An input's kind as a figure's kind, or undefined for text, flags and dates. */
export function asQuantityKind(kind: string): QuantityKind | undefined {
  return QUANTITY_KINDS.includes(kind) ? (kind as QuantityKind) : undefined;
}

/** What an operand's number is: as it says, else as the catalogue declares its name, else an amount. */
export function operandKind(o: Operand): QuantityKind {
  if (o.kind) return o.kind;
  const d = INPUT_BY_NAME.get(o.name);
  return (d?.type === 'scalar' && asQuantityKind(d.kind)) || 'amount';
}

/** An operand's value as shown beside its cell: a figure, “text”, 是/否, or （空）. */
export function operandValue(o: Operand): string {
  const v = o.value;
  if (v === null) return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return `“${v}”`;
  return formatValue(v, operandKind(o));
}

/** `Sheet!A1 label value`, as findings list their cells. */
export function operandText(o: Operand): string {
  return `${o.address ?? '（未定位）'} ${o.label} ${operandValue(o)}`;
}

/** `Sheet!A1 label` (or the label alone), naming a cell without its value. */
export function operandPlace(o: Operand): string {
  return `${o.address ?? ''} ${o.label}`.trim();
}
