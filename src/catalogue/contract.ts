/**
 * The contract the check catalogue (src/catalogue/checks.ts) is written against: types only, so the
 * catalogue declares and src/core/checks.ts interprets, and no code runs from the catalogue into the core.
 */
import type Decimal from 'decimal.js';
import type { Model } from '../core/model';
import type {
  IndicatorResult,
  Operand,
  QuantityKind,
  ScoreLine,
  ScoreSheet,
  SlipFactor,
} from '../core/results';
import type { FindingSeverity, Severity } from '../core/types';
import type { InputKind } from './types';

/** What a check is about; CHECK_FAMILIES in src/catalogue/checks.ts gives their order. */
export type CheckFamily =
  '输入' | '年度' | '单位' | '合计' | '平衡' | '一致' | '衔接' | '部分' | '口径' | '预算' | '比率' | '评分';

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
  /** The problem when this comparison fails, in place of the check's title (a row, a column, a rate with its figures). */
  title?: string;
  /** The checked figure's name ("结转结余变动率"), for a title the figures decide (a sign error). */
  name?: string;
  relation: '=' | '≤';
  left: Term[];
  right: Term[];
  /** A right side that is not a sum of cells (a recomputed rate, a score from the rulebook). */
  rightValue?: Decimal | null;
  /** Why the right side cannot be computed, when no blank is the reason (then the finding is a 提示 saying so). */
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
  /** Only where the catalogue decides per comparison (a claimed score over the rules is 错误, under them 提示). */
  severity?: Severity;
  nextStep?: string;
  /** Keys of comparisons of the same check this one follows from: if one of them fails, this nests under it. */
  follows?: string[];
}

/** A finding that is not a comparison of figures (a missing input, a row naming an unknown parent). */
export interface Notice {
  type: 'notice';
  key: string;
  /** The problem, in place of the check's title. */
  title?: string;
  /** Where the catalogue decides per notice: an unreadable cell is 错误, a blank input 待补. */
  severity?: FindingSeverity;
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
  /** The score sheet, for a check that declares `readsScores`; null for every other check. */
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
  /** A figure with its unit, as every surface writes it ("1,500.00 万元", "98.50%", "2.00 分"). */
  quantity(value: Decimal, kind: QuantityKind): string;
  /** The most the rules can give these score lines, each 待核实 line at its 至多 (src/core/scoring.ts, ceilingOf). */
  ceiling(lines: readonly ScoreLine[]): Decimal;
}

export interface CheckDecl {
  /** Stable id, e.g. `sum.本年收入合计`: explanations (出错说明) are keyed by it. */
  id: string;
  /** What is compared, in words that pass no judgement ("财政拨款本年收入合计与基本、项目支出之和"): how a check ended is said of it. */
  subject: string;
  /** The problem when the check fails, in the reader's words ("财政拨款本年收入合计与基本、项目支出之和不一致"). */
  title: string;
  family: CheckFamily;
  /** The family's severity (FAMILY_SEVERITY), or the check's own where the catalogue says why. */
  severity: Severity;
  /** 比率: an 错误 when a computed indicator or score reads the figures, else a 提示 (the consequence rule). */
  byConsequence?: boolean;
  /** Where a finding's severity is its own (a diagnostic, a claim), how: docs/checks.md shows it beside the severity. */
  severityNote?: string;
  /** Catalogue names (scalars or tables) the check reads. */
  operands: string[];
  /**
   * The check compares the score sheet (ctx.scores, null for the others): it alone runs again when the scores are
   * verified (src/core/engine.ts); the others' comparisons do not change.
   */
  readsScores?: boolean;
  /** One next step, in Chinese (a comparison may override it). */
  nextStep: string;
  run(ctx: CheckContext): Outcome[];
}
