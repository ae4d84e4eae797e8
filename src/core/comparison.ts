/**
 * One comparison decided: the stated figures summed, the tolerance their rounding allows, and a unit slip
 * (元 among 万元) spotted. A blank can confirm but never accuse: when the stated figures hold with the blanks
 * read as 0, the comparison is 成立（空白按 0 计）; otherwise a blank stands for an unknown non-negative figure,
 * so the comparison is 不成立 only when no figures in the blanks could make it hold, and 无法核实 when some could.
 */
import type Decimal from 'decimal.js';
import type { Comparison, Term } from '../catalogue/contract';
import type { InputKind } from '../catalogue/types';
import { D, sum, ZERO } from './decimal';
import type { CheckOutcome, Operand } from './results';

const TEN_THOUSAND = new D(10000);

export function present(ts: Term[]): Term[] {
  return ts.filter((t) => t.operand.value !== null);
}

function blank(ts: Term[]): Term[] {
  return ts.filter((t) => t.operand.value === null);
}

export function total(ts: Term[]): Decimal {
  return sum(present(ts).map((t) => (t.operand.value as Decimal).times(t.sign)));
}

export interface Evaluated {
  outcome: CheckOutcome;
  /** The stated figures agree within the tolerance (blanks left out). */
  holds: boolean;
  L: Decimal;
  R: Decimal;
  tol: Decimal;
  tolNote: string;
  kind: InputKind;
  /** Blank or unusable terms that keep it undecided (无法核实), or that could not have saved it (不成立). */
  missing: Operand[];
  /** The blanks read as 0 to confirm it (成立（空白按 0 计）). */
  blanksAsZero?: Operand[];
  /** The side that sums stated terms only, its blanks left out (only when `missing` is not empty). */
  partial?: 'left' | 'right';
  /** A term that, read in 万元 instead of 元 (or the reverse), makes the identity hold. */
  slip?: { term: Term; factor: 'div' | 'mul' };
}

/** Why a comparison was not evaluated: nothing stated to compare, or the rule's side cannot be computed. */
export type Undecided = { outcome: '无法核实'; missing: Operand[]; unavailable?: string };

function tolerance(
  c: Comparison,
  all: Term[],
  kind: InputKind,
  perTerm: Decimal
): { tol: Decimal; tolNote: string } {
  const amounts = all.filter((t) => t.kind === 'amount').length;
  if (c.tolerance)
    return {
      tol: c.tolerance,
      tolNote:
        c.toleranceNote ??
        (kind === 'rate'
          ? `容差 ±${c.tolerance.toString()} 个百分点（所列比率保留两位小数的四舍五入误差）`
          : `容差 ±${c.tolerance.toString()}`),
    };
  if (amounts > 0) {
    const tol = D.max(perTerm.times(amounts), perTerm.times(2));
    return {
      tol,
      tolNote: `容差 ±${tol.toString()}（${amounts} 个金额各按 ±${perTerm.toString()} 的四舍五入误差计）`,
    };
  }
  return { tol: ZERO, tolNote: '容差 0（人数、年度应完全相等）' };
}

/**
 * A blank term stands for an unknown non-negative figure: which way blanks could move `diff`
 * (left − right over the stated terms). A blank on the left with sign +1, or on the right with sign
 * −1, can only raise it; the others can only lower it.
 */
function blankMoves(c: Comparison): { up: boolean; down: boolean } {
  const moves = [
    ...blank(c.left).map((t) => t.sign),
    ...(c.rightValue === undefined ? blank(c.right).map((t) => -t.sign) : []),
  ];
  return { up: moves.some((m) => m > 0), down: moves.some((m) => m < 0) };
}

/** Whether some non-negative figures in the blanks could make the comparison hold. */
function reconcilable(c: Comparison, diff: Decimal, tol: Decimal): boolean {
  const { up, down } = blankMoves(c);
  if (c.relation === '≤') return down || diff.lte(tol);
  if (up && down) return true;
  if (up) return diff.lte(tol);
  if (down) return diff.gte(tol.neg());
  return diff.abs().lte(tol);
}

export function evaluateComparison(c: Comparison, perTerm: Decimal): Evaluated | Undecided {
  const left = present(c.left);
  const blankLeft = blank(c.left);
  const blankRight = c.rightValue === undefined ? blank(c.right) : [];
  const missing = [...blankLeft, ...blankRight].map((t) => t.operand);
  if (c.unavailable || c.rightValue === null) {
    const blanks = (c.context ?? []).filter((o) => o.value === null);
    return { outcome: '无法核实', missing: [...missing, ...blanks], unavailable: c.unavailable };
  }
  const all = [...left, ...present(c.right)];
  // Nothing stated at all: nothing to confirm (the completeness count names these blanks).
  if (all.length === 0 && c.rightValue === undefined) return { outcome: '无法核实', missing };
  const L = total(c.left);
  const R = c.rightValue ?? total(c.right);
  const kind = c.left[0]?.kind ?? 'amount';
  const { tol, tolNote } = tolerance(c, all, kind, perTerm);
  const diff = L.minus(R);
  // The stated figures agree with the blanks read as 0.
  const holds = c.relation === '=' ? diff.abs().lte(tol) : diff.lte(tol);
  const oneSideBlank =
    (c.left.length > 0 && left.length === 0) ||
    (c.rightValue === undefined && c.right.length > 0 && present(c.right).length === 0);
  if (missing.length > 0 && holds)
    return { outcome: '成立', holds, L, R, tol, tolNote, kind, missing: [], blanksAsZero: missing };
  // Nothing stated on one side, and 0 there does not confirm: nothing to compare.
  if (oneSideBlank) return { outcome: '无法核实', missing };
  let outcome: CheckOutcome;
  if (missing.length === 0) outcome = holds ? '成立' : '不成立';
  // The stated figures already contradict each other, whatever non-negative figures the blanks hold.
  else outcome = reconcilable(c, diff, tol) ? '无法核实' : '不成立';
  const out: Evaluated = { outcome, holds, L, R, tol, tolNote, kind, missing };
  if (missing.length > 0) out.partial = blankRight.length > 0 ? 'right' : 'left';
  if (
    outcome === '不成立' &&
    c.relation === '=' &&
    c.rightValue === undefined &&
    all.every((t) => t.kind === 'amount')
  ) {
    // A figure typed in 元 among 万元 figures: rescaling that one term makes the identity hold.
    for (const factor of ['div', 'mul'] as const) {
      for (const t of all) {
        const v = t.operand.value as Decimal;
        // Too small to tell a unit slip from an ordinary mismatch.
        if (v.abs().lte(tol) || (factor === 'div' && v.abs().div(TEN_THOUSAND).lte(tol))) continue;
        const scaled = factor === 'div' ? v.div(TEN_THOUSAND) : v.times(TEN_THOUSAND);
        const side = c.left.includes(t) ? 1 : -1;
        const d2 = diff.minus(v.minus(scaled).times(t.sign).times(side));
        if (d2.abs().lte(tol.plus(perTerm.times(2)))) {
          out.slip = { term: t, factor };
          break;
        }
      }
      if (out.slip) break;
    }
  }
  return out;
}
