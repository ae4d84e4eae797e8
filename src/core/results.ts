/**
 * What each stage of the engine produces. The stages are declared in catalogues and run in order:
 * model → indicators → scores → checks → report → plan. Later stages read earlier results only
 * through these types.
 */
import type Decimal from 'decimal.js';
import type { Severity } from './types';

/** One input a result used: the name, its label, its value as shown, and the cell. */
export interface Operand {
  name: string;
  label: string;
  /** Decimal for numbers, string for text, null when blank or unusable. */
  value: Decimal | string | boolean | null;
  /** `Sheet!A1`, when the input resolved to a cell. */
  address?: string;
}

export interface IndicatorResult {
  /** Stable id, the indicator's Chinese name, e.g. `在职人员控制率`. */
  id: string;
  label: string;
  /** Formula in words, e.g. `在职人员数 ÷ 编制数 × 100%`. */
  formula: string;
  /** Which regional variant was used, e.g. `湖南口径`. */
  variant?: string;
  /** Value in percentage points (91.30 means 91.30%), or null when it cannot be computed. */
  value: Decimal | null;
  /** Why not, in Chinese ("编制数为 0，无法计算"). Set exactly when value is null. */
  unavailable?: string;
  operands: Operand[];
  /** A live Excel formula over the named inputs (without `=`), where one exists. */
  excelFormula?: string;
}

export interface ScoreLine {
  /** 一级 / 二级 / 三级 names. */
  level1: string;
  level2: string;
  level3: string;
  points: Decimal;
  /** The rule in words, as the 评分标准 column shows it. */
  standard: string;
  /** Indicator id when the rule is computed from one. */
  indicator?: string;
  /** Indicator value (points) shown in the 指标值 column. */
  indicatorValue?: Decimal | null;
  score: Decimal;
  /** 扣分原因, empty when full marks. */
  deduction?: string;
  /** Department's own claimed score for this line, if given. */
  claimed?: Decimal;
  /** Why claimed and computed differ. */
  claimDiffers?: string;
  /** True when no score could be determined (e.g. a qualitative score not entered). */
  missing?: boolean;
}

export interface ScoreGroup {
  level: 1 | 2;
  name: string;
  points: Decimal;
  score: Decimal;
  claimed?: Decimal;
  /** Parent 一级 for a 二级 group. */
  parent?: string;
}

export type Grade = '优' | '良' | '中' | '差';

export interface ScoreSheet {
  lines: ScoreLine[];
  groups: ScoreGroup[];
  total: Decimal;
  points: Decimal;
  grade: Grade;
  claimedTotal?: Decimal;
}

export interface Finding {
  /** Rule id, e.g. `sum.收入合计`. Stable across runs: explanations are keyed by it. */
  id: string;
  rule: string;
  /** Chinese title of the rule. */
  title: string;
  severity: Severity;
  /** Full Chinese message: what should hold, expected, computed, difference, tolerance, operands. */
  message: string;
  expected?: Decimal;
  computed?: Decimal;
  difference?: Decimal;
  tolerance?: Decimal;
  operands: Operand[];
  /** One next step, in Chinese. */
  nextStep: string;
  /** Findings that follow from this one (cascade folded under its root). */
  consequences?: Finding[];
  /** The department's explanation (出错说明), when given. */
  explanation?: string;
}
