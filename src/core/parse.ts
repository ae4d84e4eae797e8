/**
 * Cell values as accountants type them → typed values, or a Chinese diagnostic naming the cell.
 *
 * "1,234.56", "1234.56万元", full-width digits, "（12.30）" and "-12.30", "-" / "—" (zero),
 * blank (distinct from zero), "91.30%", numbers stored as text, error values.
 */
import type Decimal from 'decimal.js';
import type { InputKind } from '../catalogue/types';
import { D } from './decimal';
import type { CellValue, Diagnostic } from './types';

export interface ParseContext {
  /** Defined name the cell belongs to. */
  name: string;
  /** Chinese label of the figure. */
  label: string;
  /** `Sheet!A1`. */
  address?: string;
}

export interface ParseResult {
  value: Decimal | string | boolean | null;
  blank: boolean;
  diagnostic?: Diagnostic;
  /** A rate or an amount typed as text: the decimal places it was stated to (“99.30%” → 2, “-0.8” → 1), which a number loses. */
  decimals?: number;
  /** An amount typed with the unit 元 (“1234.56元”): the number as typed. The value stays unusable; its siblings tell which unit was meant. */
  yuan?: Decimal;
}

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
const WIDE = /[\uFF01-\uFF5E\u3000]/;
const DASHES = /^[-－—–─]{1,2}$/;
const ERROR_TEXT = /^#(REF!|DIV\/0!|VALUE!|N\/A|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|BUSY!)$/i;

/** Full-width ASCII (０-９，．％（）－) to half-width, ideographic space to space. */
export function toHalfWidth(s: string): string {
  // Most text has neither: tested once instead of copied twice.
  if (!WIDE.test(s)) return s;
  return s.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

function where(ctx: ParseContext): string {
  return `${ctx.address ?? ctx.name}（${ctx.label}）`;
}

function fail(
  ctx: ParseContext,
  code: string,
  what: string,
  severity: Diagnostic['severity'] = '错误'
): ParseResult {
  return {
    value: null,
    blank: false,
    diagnostic: { code, severity, message: `${where(ctx)}：${what}`, name: ctx.name, address: ctx.address },
  };
}

function shown(v: CellValue): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && v !== null) return v.error;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'; // as Excel shows a logical value
  return String(v);
}

const EXPECTED: Record<InputKind, string> = {
  amount: '应填金额（万元），如 1234.56',
  count: '应填人数或个数（非负整数），如 18',
  rate: '应填百分比，如 91.30%',
  score: '应填得分（非负数），如 5',
  year: '应填四位年度，如 2021',
  flag: '应填“是”或“否”',
  date: '应填日期，如 2021-12-31',
  text: '应填文字',
};

/**
 * The plausible magnitude of each numeric kind, checked before any Decimal is formatted: a
 * typed `1e999999999` is cheap to hold but formatting it builds a billion-digit string.
 * Amounts in 万元 (a trillion 万元 is beyond any department), rates in percentage points,
 * counts of people or items, scores in points.
 */
export const NUMERIC_BOUNDS: Partial<Record<InputKind, { max: number; text: string }>> = {
  amount: { max: 1e12, text: '超过一万亿万元' },
  rate: { max: 1e6, text: '绝对值超过 1000000%' },
  count: { max: 1e8, text: '超过一亿' },
  score: { max: 1e4, text: '超过 10000 分' },
};

/** Decimal exponents beyond this (either way) are not figures anyone typed on purpose. */
export const MAX_EXPONENT = 30;

/** Longest numeric text accepted (a cell may hold 32,767 characters). */
const MAX_NUMBER_TEXT = 64;

/** A number in a string as typed: separators, parentheses for negatives, a trailing unit. */
function numberIn(text: string, units: string[]): { n: Decimal; unit: string; percent: boolean } | null {
  let s = toHalfWidth(text).trim().replace(/\s+/g, '');
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1];
  }
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1);
  }
  let unit = '';
  for (const u of units) {
    if (s.endsWith(u)) {
      unit = u;
      s = s.slice(0, -u.length);
      break;
    }
  }
  if (!percent && s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1);
  }
  // Thousands separators only in their proper places: 1,234.56 but not 1,19.
  if (s.includes(',')) {
    if (!/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return null;
    s = s.replace(/,/g, '');
  }
  const m = /^[-+]?(\d+\.?\d*|\.\d+)(?:[eE]([-+]?\d+))?$/.exec(s);
  if (!m) return null;
  // The exponent as written decides before Decimal parses it (a 10-digit exponent is not a figure).
  if (
    m[2] !== undefined &&
    (m[2].replace(/^[-+]?0*/, '').length > 3 || Math.abs(Number(m[2])) > MAX_EXPONENT * 2)
  )
    return { n: new D(m[2].startsWith('-') ? '1e-999' : '1e999'), unit, percent };
  let n = new D(s);
  if (negative) {
    if (n.isNegative()) return null;
    n = n.negated();
  }
  return { n, unit, percent };
}

/** Long text shown in a message: its start and its length. */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 20)}……` : text;
}

/** Parse one cell as the kind of input it is declared to be. */
export function parseCell(v: CellValue, kind: InputKind, ctx: ParseContext): ParseResult {
  if (v === null || v === undefined || (typeof v === 'string' && toHalfWidth(v).trim() === '')) {
    return { value: null, blank: true };
  }
  if (typeof v === 'object' && !(v instanceof Date)) {
    return fail(ctx, 'error-value', `单元格是错误值 ${v.error}，${EXPECTED[kind]}；请检查公式或引用`);
  }
  if (typeof v === 'string' && ERROR_TEXT.test(v.trim())) {
    return fail(ctx, 'error-value', `单元格是错误值 ${v.trim()}，${EXPECTED[kind]}；请检查公式或引用`);
  }
  switch (kind) {
    case 'text':
      return { value: v instanceof Date ? shown(v) : String(v).trim(), blank: false };
    case 'flag':
      return parseFlag(v, ctx);
    case 'date':
      return parseDate(v, ctx);
    default:
      return parseNumeric(v, kind, ctx);
  }
}

/** The decimal places a number typed as text was written to. */
function decimalsOf(text: string): number {
  return /\.(\d+)/.exec(toHalfWidth(text))?.[1].length ?? 0;
}

function parseNumeric(v: CellValue, kind: InputKind, ctx: ParseContext): ParseResult {
  if (typeof v === 'boolean' || v instanceof Date) {
    return fail(ctx, 'not-a-number', `单元格内容“${shown(v)}”不是数字，${EXPECTED[kind]}`);
  }
  let n: Decimal;
  let percent = false;
  let unit = '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return fail(ctx, 'not-a-number', `单元格数值无效，${EXPECTED[kind]}`);
    n = new D(v);
  } else {
    const text = toHalfWidth(String(v)).trim();
    if (DASHES.test(text)) return { value: new D(0), blank: false };
    const units =
      kind === 'amount'
        ? ['万元', '元']
        : kind === 'count'
          ? ['人', '名', '个', '项']
          : kind === 'year'
            ? ['年度', '年']
            : kind === 'score'
              ? ['分']
              : [];
    if (text.length > MAX_NUMBER_TEXT)
      return fail(
        ctx,
        'not-a-number',
        `单元格内容“${clip(text)}”不是数字（共 ${text.length} 个字符），${EXPECTED[kind]}`
      );
    const got = numberIn(text, units);
    if (!got) return fail(ctx, 'not-a-number', `单元格内容“${v}”不是数字，${EXPECTED[kind]}`);
    ({ n, percent, unit } = got);
  }
  const bound = NUMERIC_BOUNDS[kind];
  const magnitude = kind === 'rate' && typeof v === 'number' && n.isFinite() ? n.times(100) : n;
  const tooLarge =
    !n.isFinite() ||
    (!n.isZero() && n.e > MAX_EXPONENT) ||
    (bound !== undefined && magnitude.abs().greaterThanOrEqualTo(bound.max));
  if (tooLarge || (!n.isZero() && n.e < -MAX_EXPONENT)) {
    if (kind === 'amount' && tooLarge && n.isFinite() && n.e <= MAX_EXPONENT)
      return fail(
        ctx,
        'amount-too-large',
        `金额 ${shown(v)} 万元大得不合理（超过一万亿万元），请检查是否多输了位数或单位`
      );
    const why = tooLarge ? (bound ? `（${bound.text}）` : '') : '（小数位过多）';
    return fail(
      ctx,
      'number-out-of-range',
      `数值 ${clip(shown(v))} 超出合理范围${why}，${EXPECTED[kind]}；请检查是否多输了位数或误用了科学计数法`
    );
  }
  switch (kind) {
    case 'amount':
      if (percent)
        return fail(ctx, 'percent-in-amount', `单元格内容“${shown(v)}”是百分比，${EXPECTED.amount}`);
      if (unit === '元')
        return {
          ...fail(
            ctx,
            'unit-yuan',
            `单元格写的单位是“元”（${shown(v)}），本表金额单位为万元；请换算为万元后填写（元 ÷ 10000）`
          ),
          yuan: n,
        };
      return { value: n, blank: false, ...(typeof v === 'string' ? { decimals: decimalsOf(v) } : {}) };
    case 'rate':
      // Excel keeps 91.30% as 0.913; text "91.30%" is already in points.
      if (typeof v === 'number') {
        const points = n.times(100);
        if (n.abs().greaterThan(10)) {
          return {
            value: points,
            blank: false,
            diagnostic: {
              code: 'rate-scale',
              severity: '提示',
              message: `${where(ctx)}：数值 ${shown(v)} 按百分比格式理解为 ${points.toFixed()}%；如本意是 ${shown(v)}%，请填“${shown(v)}%”`,
              name: ctx.name,
              address: ctx.address,
            },
          };
        }
        return { value: points, blank: false };
      }
      return { value: n, blank: false, decimals: decimalsOf(String(v)) };
    case 'count':
      if (percent) return fail(ctx, 'not-a-count', `单元格内容“${shown(v)}”是百分比，${EXPECTED.count}`);
      if (n.isNegative())
        return fail(ctx, 'negative-count', `人数或个数不能为负（${shown(v)}），${EXPECTED.count}`);
      if (!n.isInteger())
        return fail(ctx, 'not-a-count', `人数或个数应为整数（${shown(v)}），${EXPECTED.count}`);
      return { value: n, blank: false };
    case 'score':
      if (percent || n.isNegative())
        return fail(ctx, 'bad-score', `得分“${shown(v)}”无效，${EXPECTED.score}`);
      return { value: n, blank: false };
    case 'year':
      if (!n.isInteger() || n.lessThan(1949) || n.greaterThan(2100))
        return fail(ctx, 'bad-year', `年度“${shown(v)}”无效，${EXPECTED.year}`);
      return { value: n, blank: false };
    default:
      return { value: n, blank: false };
  }
}

const YES = new Set(['是', 'y', 'yes', 'true', '√', '✓', '✔', '1', '已完成', '完成', '按时', '达标']);
const NO = new Set(['否', 'n', 'no', 'false', '×', '✗', '✘', 'x', '0', '未完成', '未按时', '未达标']);

function parseFlag(v: CellValue, ctx: ParseContext): ParseResult {
  if (typeof v === 'boolean') return { value: v, blank: false };
  const t = toHalfWidth(String(v instanceof Date ? shown(v) : v))
    .trim()
    .toLowerCase();
  if (YES.has(t)) return { value: true, blank: false };
  if (NO.has(t)) return { value: false, blank: false };
  return fail(ctx, 'not-a-flag', `单元格内容“${shown(v)}”无法识别，${EXPECTED.flag}`);
}

function parseDate(v: CellValue, ctx: ParseContext): ParseResult {
  if (v instanceof Date) return { value: v.toISOString().slice(0, 10), blank: false };
  if (typeof v === 'number' && v > 20000 && v < 80000) {
    // Excel serial date (1900 system).
    const ms = Math.round((v - 25569) * 86400000);
    return { value: new Date(ms).toISOString().slice(0, 10), blank: false };
  }
  const t = toHalfWidth(String(v)).trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?)?\s*月?$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : undefined];
    // The day must exist in that month (2021-02-30 is a typo, not 3 月 2 日).
    const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    if (mo >= 1 && mo <= 12 && (d === undefined || (d >= 1 && d <= daysInMonth))) {
      const pad = (x: number) => String(x).padStart(2, '0');
      return { value: d === undefined ? `${y}-${pad(mo)}` : `${y}-${pad(mo)}-${pad(d)}`, blank: false };
    }
  }
  return fail(ctx, 'not-a-date', `单元格内容“${shown(v)}”不是日期，${EXPECTED.date}`);
}
