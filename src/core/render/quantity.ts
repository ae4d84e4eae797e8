/**
 * The one formatter of figures, used by every surface (cell note, 问题清单, pane card, CLI line, 审核意见,
 * finding titles): amounts in 万元 with 2 decimals, rates in %, differences of rates in 个百分点, counts in
 * 人, scores in 分, years in 年, a minus written −, half-up. Digits as the cells show them (thousands
 * separators); a document (the 审核意见) writes them as 公文 do, without separators. Rounding is for display only.
 */
import type Decimal from 'decimal.js';
import { INPUT_BY_NAME, tableOfSheet } from '../../catalogue/inputs';
import { fixed } from '../decimal';
import type { Operand, Quantity, QuantityKind } from '../results';

/** Decimals shown per kind. */
export const QUANTITY_DECIMALS: Record<QuantityKind, number> = {
  amount: 2,
  rate: 2,
  count: 0,
  score: 2,
  year: 0,
};

/** The unit written after a figure of each kind (a rate carries its % in its digits). */
export const QUANTITY_UNIT: Record<QuantityKind, string> = {
  amount: '万元',
  rate: '%',
  count: '人',
  score: '分',
  year: '年',
};

/** Digits with thousands separators, rounded half-up for display ("1,500.00", "−450.00"; `signed`: "+0.50"). */
export function grouped(x: Decimal, dp: number, signed = false): string {
  const s = fixed(x, dp);
  const negative = s.startsWith('-');
  const [int, frac] = (negative ? s.slice(1) : s).split('.');
  const body = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
  const zero = /^[0.,]+$/.test(body);
  if (negative && !zero) return `−${body}`;
  return signed && !zero ? `+${body}` : body;
}

/** How digits are written: as the cells show them (`1,500.00`), or as a document writes them (`1500.00`). */
export type DigitStyle = 'cell' | 'document';

function digits(x: Decimal, kind: QuantityKind, style: DigitStyle = 'cell'): string {
  // A year is a label, not a magnitude: no separator (2021, not 2,021); a fraction of a count or year keeps its decimals.
  const dp = kind === 'year' || kind === 'count' ? (x.isInteger() ? 0 : 2) : QUANTITY_DECIMALS[kind];
  return style === 'document' || kind === 'year' ? fixed(x, dp).replace(/^-/, '−') : grouped(x, dp);
}

/** A text's grouped digits as a document writes them: `1,500.00 万元` → `1500.00 万元`. */
export function documentDigits(text: string): string {
  return text.replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
}

/** A value as its cell shows it, without the unit but with a rate's %: `1,234.56`, `95.00%`, `20`, `2.00`, `2021`. */
export function formatValue(x: Decimal, kind: QuantityKind, style: DigitStyle = 'cell'): string {
  return kind === 'rate' ? `${digits(x, kind, style)}%` : digits(x, kind, style);
}

/** A figure with its unit: `1,500.00 万元`, `98.50%`, `12 人`, `2.00 分`, `2021 年`. */
export function formatQuantity(q: Quantity, style: DigitStyle = 'cell'): string {
  const shown = formatValue(q.value, q.kind, style);
  return q.kind === 'rate' ? shown : `${shown} ${QUANTITY_UNIT[q.kind]}`;
}

/** A gap's size with its unit, a rate's in percentage points: `450.00 万元`, `0.07 个百分点`, `1 人`. */
export function formatGap(q: Quantity, style: DigitStyle = 'cell'): string {
  const size = q.value.abs();
  return q.kind === 'rate'
    ? `${digits(size, 'rate', style)} 个百分点`
    : formatQuantity({ ...q, value: size }, style);
}

/** A difference with its sign and unit: `−450.00 万元`, `+0.07 个百分点`, `+1 人`, `+0.50 分`. */
export function formatDifference(q: Quantity, style: DigitStyle = 'cell'): string {
  const shown = formatGap(q, style);
  if (/^[0.,]+(\s|$)/.test(shown)) return shown;
  return `${q.value.isNegative() ? '−' : '+'}${shown}`;
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

/** An operand's figure with its own unit (never the unit of the finding it is shown in), or null when not a number. */
export function operandQuantity(o: Operand): Quantity | null {
  const v = o.value;
  return v !== null && typeof v === 'object' ? { value: v, kind: operandKind(o) } : null;
}

/** An operand's value as shown beside its cell: a figure with its unit, “text”, 是/否, or （空）. */
export function operandValue(o: Operand): string {
  const v = o.value;
  if (v === null) return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return `“${v}”`;
  return formatQuantity({ value: v, kind: operandKind(o) });
}

/** `Sheet!A1 label value`, as findings list their cells. */
export function operandText(o: Operand): string {
  return `${o.address ?? '（未定位）'} ${o.label} ${operandValue(o)}`;
}

/** `Sheet!A1 label` (or the label alone), naming a cell without its value. */
export function operandPlace(o: Operand): string {
  return `${o.address ?? ''} ${o.label}`.trim();
}

/** The table an operand is read from ("财政拨款表"), by its catalogue name or its cell's sheet. */
export function operandTable(o: Operand): string | undefined {
  const d = INPUT_BY_NAME.get(o.name);
  const sheet = d?.sheet ?? /^'?([^'!]+)'?!/.exec(o.address ?? '')?.[1];
  return sheet ? tableOfSheet(sheet) : undefined;
}

/** An operand's label with its table ("财政拨款表·日常公用经费"), for operands whose labels alone read alike. */
export function tableQualified(o: Operand): string {
  const bare = o.label.replace(/^其中：/, '');
  const table = operandTable(o);
  return table && !bare.startsWith(table) ? `${table}·${bare}` : bare;
}
