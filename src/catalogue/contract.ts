/**
 * The contract the check catalogue (src/catalogue/checks.ts) is written against: types only, so the
 * catalogue declares and src/core/checks.ts interprets, and no code runs from the catalogue into the core.
 */
import type Decimal from 'decimal.js';
import type { Model } from '../core/model';
import type { IndicatorResult, Operand, ScoreSheet, SlipFactor } from '../core/results';
import type { Severity } from '../core/types';
import type { InputKind } from './types';

/** What a check is about; CHECK_FAMILIES in src/catalogue/checks.ts gives their order. */
export type CheckFamily =
  '输入' | '年度' | '单位' | '合计' | '平衡' | '一致' | '衔接' | '部分' | '预算' | '比率' | '评分';

/** A figure on one side of a comparison. */
export interface Term {
  operand: Operand;
  /** −1 for a figure subtracted (支出 in a balance). */
  sign: 1 | -1;
  /** Decides the tolerance and the display (only amounts carry ±0.005 of rounding). */
  kind: InputKind;
}

/**
 * `Σ left  relation  Σ right`: the left side is the figure being checked (a stated total, a part,
 * a stated rate); the right side is what the rule says it should be (its parts, the whole, a
 * recomputation). Blank terms count as 0 and carry no rounding.
 */
export interface Comparison {
  type: 'comparison';
  /** Makes the finding id unique when one check yields several comparisons (a column, a row). */
  key?: string;
  /** Appended to the check's title for this comparison. */
  subject?: string;
  relation: '=' | '≤';
  left: Term[];
  right: Term[];
  /** A right side that is not a sum of cells (a recomputed rate, a score from the rulebook). */
  rightValue?: Decimal | null;
  /** Why the right side cannot be computed (then the finding is a 提示 saying so). */
  unavailable?: string;
  /** The rule in words, e.g. `本年收入合计 = 基本支出 + 项目支出`. */
  statement: string;
  /** Fixed tolerance (rates, scores); by default 0.005 per amount term, at least 0.01. */
  tolerance?: Decimal;
  /** Why that tolerance, in words, when the default wording does not fit (a rate's stated precision). */
  toleranceNote?: string;
  /** Cells shown and marked besides the terms (a rate's inputs, the figures a year labels). */
  context?: Operand[];
  /** Cells whose error would break this comparison (for folding cascades); default: every term. */
  suspects?: Operand[];
  severity?: Severity;
  nextStep?: string;
  /** Keys of comparisons of the same check this one follows from: if one of them fails, this nests under it. */
  follows?: string[];
}

/** A finding that is not a comparison of figures (a missing input, a row naming an unknown parent). */
export interface Notice {
  type: 'notice';
  key: string;
  severity?: Severity;
  /** What is wrong, in Chinese. */
  what: string;
  operands: Operand[];
  nextStep?: string;
  /** A figure in the wrong unit: the finding is a unit slip (family 单位) blaming this operand. */
  slip?: { operand: Operand; factor: SlipFactor };
}

export type Outcome = Comparison | Notice;

export interface CheckContext {
  model: Model;
  indicators: IndicatorResult[];
  scores: ScoreSheet | null;
  /** A scalar name as a term. */
  term(name: string, sign?: 1 | -1): Term;
  operand(name: string): Operand;
  /** An indicator by id (quotes and spaces ignored). */
  indicator(id: string): IndicatorResult | undefined;
  /** A decimal in the engine's one configuration (the catalogue declares, it does not compute with its own). */
  decimal(value: string | number): Decimal;
  /** Percentage points as reports write them ("91.30%"). */
  percent(points: Decimal): string;
  /** Amounts as reports write them ("1234.56"). */
  money(amount: Decimal): string;
}

export interface CheckDecl {
  /** Stable id, e.g. `sum.本年收入合计`: explanations (出错说明) are keyed by it. */
  id: string;
  title: string;
  family: CheckFamily;
  severity: Severity;
  /** Catalogue names (scalars or tables) the check reads. */
  operands: string[];
  /** One next step, in Chinese (a comparison may override it). */
  nextStep: string;
  run(ctx: CheckContext): Outcome[];
}
