/**
 * What each stage of the engine produces. The stages are declared in catalogues and run in order:
 * model → indicators → scores → checks → report → plan. Later stages read earlier results only
 * through these types.
 */
import type Decimal from 'decimal.js';
import type { FindingSeverity, Severity } from './types';

/** One input a result used: the name, its label, its value as shown, and the cell. */
export interface Operand {
  name: string;
  label: string;
  /** Decimal for numbers, string for text, null when blank or unusable. */
  value: Decimal | string | boolean | null;
  /** `Sheet!A1`, when the input resolved to a cell. */
  address?: string;
  /** What a numeric value is (renderers format by it); absent for text, or when the catalogue declares it. */
  kind?: QuantityKind;
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
  /** The inputs whose blank or unusable value left it uncomputed (an optional blank line is not among them). */
  missing?: Operand[];
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
  /** The verified score; 0 and left out of every total when the line is 待核实 (`missing`). */
  score: Decimal;
  /** 扣分原因, empty when full marks. */
  deduction?: string;
  /** Department's own claimed score for this line, if given (for a 待核实 line: 自报、未核实). */
  claimed?: Decimal;
  /** How a claim not written for this line was read off its 二级's claim (e.g. `二级指标“资产管理”自评满分`). */
  claimBasis?: string;
  /** For a 待核实 line: the inputs to fill so it can be scored. */
  missingInputs?: Operand[];
  /** Why claimed and computed differ. */
  claimDiffers?: string;
  /** True when no score could be determined (e.g. a qualitative score not entered): the line is 待核实. */
  missing?: boolean;
  /**
   * True when the score is a share of the 二级's own score, split by points, the unit having scored only the 二级 and
   * below its full marks: the 二级 is verified as a whole; the split is not the unit's score for the line.
   */
  groupShare?: boolean;
  /**
   * Questioned inputs (src/core/doubt.ts) whose every candidate value gives this same score, taken together: the
   * line is verified either way.
   */
  sameEitherWay?: string[];
  /**
   * The most the line scores under any reading of its questioned inputs (each as stated or as a finding gives it),
   * where every reading can be scored: a 待核实 line's 至多 (ceilingOf), below full marks where no reading gives them.
   */
  most?: Decimal;
  /**
   * The readings `most` is the most of, where it is below full marks: each combination of the questioned inputs'
   * values, and what it gives.
   */
  readings?: LineReading[];
  /**
   * Set on a line that has a score but is not verified (src/core/verify.ts): then `missing` is true and `score`
   * 0 like any 待核实 line, and this holds the score as the stated figures (or the unit's own score) give it.
   */
  unverified?: Unverified;
}

/** One reading of a line's questioned inputs: each input's value, the indicator and the points they give. */
export interface LineReading {
  figures: { name: string; value: Decimal }[];
  indicatorValue: Decimal | null;
  score: Decimal;
}

/**
 * Why a scored line is 待核实 though nothing is blank, each distinct from 待补 (missing data):
 * - 所用数据有误: an input is party to an 错误;
 * - 数据口径不一未说明: an input differs from the table it should come from (口径 提示) and the unit wrote no reason;
 * - 缺评价依据: a qualitative score with no 说明 and no 履职情况 item behind it, or its declared measure blank;
 * - 与单位所述问题不符: full marks on a qualitative line the unit's own 存在问题 text says fell short.
 */
export type UnverifiedReason = '所用数据有误' | '数据口径不一未说明' | '缺评价依据' | '与单位所述问题不符';

export interface Unverified {
  reason: UnverifiedReason;
  /** The score as the stated figures or the unit's own scoring give it (按所列数据 / 单位自评). */
  score: Decimal;
  /** What that score deducted, as the line said before it was moved to 待核实. */
  deduction?: string;
  /** The inputs in question, each with the id of the finding that questions it (所用数据有误 / 数据口径不一未说明). */
  inputs?: Array<Operand & { finding: string; findingTitle: string }>;
  /** The unit's own sentence that contradicts full marks (与单位所述问题不符). */
  quote?: string;
  /** What evidence is missing, where a declared measure is blank (缺评价依据): `服务对象满意度调查结果未填列`. */
  detail?: string;
}

export interface ScoreGroup {
  level: 1 | 2;
  name: string;
  points: Decimal;
  /** Verified points of its lines. */
  score: Decimal;
  /** Points of its 待核实 lines (absent: none). */
  pending?: Decimal;
  claimed?: Decimal;
  /** Parent 一级 for a 二级 group. */
  parent?: string;
}

export type Grade = '优' | '良' | '中' | '差';

export interface ScoreSheet {
  lines: ScoreLine[];
  groups: ScoreGroup[];
  /** 核实得分: the sum of the verified line scores. */
  total: Decimal;
  /** 待核实分值: the points of the lines that could not be scored (absent: none). */
  pendingPoints?: Decimal;
  points: Decimal;
  /** The grade the verified points already reach. */
  grade: Grade;
  /** The grade reached if every 待核实 point were earned (absent or equal to `grade`: the grade is certain). */
  gradeAtMost?: Grade;
  claimedTotal?: Decimal;
  /** The lowest total of each grade the sheet was graded with (so a report stating another total grades it alike). */
  bands?: Record<'优' | '良' | '中', Decimal>;
}

/** What a figure is, so every surface formats it alike (万元 with 2 decimals, %, 人, 分, 年). */
export type QuantityKind = 'amount' | 'rate' | 'count' | 'score' | 'year';

/** A number with its kind: a finding's figures are data, turned into words only by a renderer. */
export interface Quantity {
  value: Decimal;
  kind: QuantityKind;
}

/**
 * What a finding says, as data (compare ESLint's messageId + data). Renderers per surface
 * (cell note, 问题清单, pane card, CLI, report sentence, 审核意见) turn it into words.
 * - mismatch: a stated figure differs from what the rule gives (应为 / 实为 / 差额);
 * - exceeds: a part or an actual exceeds its upper bound (上限 / 实为 / 超出);
 * - unitSlip: one figure typed in 元 among 万元 (or the reverse);
 * - signReversed: a stated rate has the wrong sign;
 * - cannotVerify: the rule cannot be evaluated because inputs are blank (无法核实, `missing` names them);
 * - notice: anything else (an invalid cell, an unknown parent row); `detail` holds its words.
 */
export type FindingKind = 'mismatch' | 'exceeds' | 'unitSlip' | 'signReversed' | 'cannotVerify' | 'notice';

/** How a unit slip is mended (see Finding.slip). */
export type SlipFactor = 'div' | 'mul' | 'unit';

/** The three outcomes of a check (and of a score line's evidence). */
export type CheckOutcome = '成立' | '不成立' | '无法核实';

/** A term of a sum by its place among the finding's operands (`at`): −1 for a figure subtracted. */
export interface SignedTerm {
  at: number;
  sign: 1 | -1;
}

export interface Finding {
  /** Finding id: the check id, plus `.key` when one check yields several. Stable: 出错说明 rows are keyed by it. */
  id: string;
  /** The check id as written in the catalogue. */
  rule: string;
  /** The check's family (合计, 平衡, 一致, …; 单位 for a unit slip, 输入 for input diagnostics). */
  family: string;
  /** The problem in the reader's words (no formula signs), e.g. `本年收入合计与各项收入之和不一致`. */
  title: string;
  severity: FindingSeverity;
  kind: FindingKind;
  /** The rule as a statement in words, e.g. `本年收入合计等于各项收入之和`. */
  statement?: string;
  /** What the rule says the checked figure should be (应为 / 上限). */
  expected?: Quantity;
  /** What the workbook states for it (实为). */
  computed?: Quantity;
  /** computed − expected. */
  difference?: Quantity;
  /** The tolerance used, and why (e.g. `3 个金额各按 ±0.005 的四舍五入误差计`). */
  tolerance?: Quantity;
  toleranceBasis?: string;
  /** Every cell the finding concerns (terms, then context), each with its value. */
  operands: Operand[];
  /**
   * The stated terms of each side, with their signs, by their place in `operands`, when the right side is a sum
   * of cells rather than a computed value: the 审核意见 writes `合计 1050.00 万元，基本支出 600.00 + 项目支出
   * 900.00 = 1500.00 万元`. Places, not copies: a sum over a table's rows is not carried twice.
   */
  sides?: { left: SignedTerm[]; right: SignedTerm[] };
  /** The cell to check first: the likely wrong figure (the root cell of a fold, the slipped figure). */
  primary?: Operand;
  /** For cannotVerify: the inputs that are blank or unusable, to fill in; for a 不成立, the blanks that could not have saved it. */
  missing?: Operand[];
  /**
   * Which figure sums a side with blank terms left out (`expected`: the right side, `computed`: the left): it is
   * what the entered lines add up to, never the table's total, and no surface states it as one.
   */
  partial?: 'expected' | 'computed';
  /**
   * The correction the data show: `operand` should read `to`, because the other figures agree on it
   * (`because`, in words: "收支总表一般公共预算财政拨款收入 1500.00 万元、基本支出与项目支出之和 1500.00 万元").
   */
  correction?: { operand: Operand; to: Quantity; because: string };
  /**
   * For unitSlip: the figure and how to mend it: `div` ÷ 10000 (typed in 元), `mul` × 10000 (the others may be in
   * 元), `unit` keep the number and make the unit 万元 (typed “…元” though it has the size of its 万元 siblings).
   */
  slip?: { operand: Operand; factor: SlipFactor };
  /**
   * Figures of this failed identity that two independent sources agree on (src/core/doubt.ts, confirmFigures),
   * each with the identity that holds and confirms it (`by`, a check id): stated as fact, never put in doubt.
   */
  confirmed?: Array<{ name: string; by: string }>;
  /**
   * Figures outside this identity that an identity that holds states as one of its figures in doubt (the same number
   * in another table: src/core/doubt.ts, confirmFigures), each with the figure it copies (`of`) and that identity
   * (`by`): in doubt with it.
   */
  copies?: Array<{ name: string; of: string; by: string }>;
  /** Words that cannot be data (a notice's text, a parse diagnostic's message), without title or 建议. */
  detail?: string;
  /** One next step, in Chinese, stated once. */
  nextStep: string;
  /** Findings that follow from this one (cascade folded under its root). */
  consequences?: Finding[];
  /** The department's explanation (出错说明), when given. */
  explanation?: string;
  /**
   * What the finding's figures feed: indicator ids, and `评分：<三级指标>` for the score lines computed
   * from them (a 比率 finding with nothing here is a 提示: the consequence rule).
   */
  affects?: string[];
}

/**
 * How one comparison of a check ended (a check yields one per column, row or project). A blank can confirm
 * but never accuse: when reading the blanks as 0 makes it hold, it is 成立 with those blanks in `blanksAsZero`
 * (成立（空白按 0 计）); otherwise 无法核实 names the inputs to fill in `missing`.
 */
export interface CheckResult {
  /** The comparison's id: the check id, plus `.key` when the check yields several (as its finding's id). */
  id: string;
  /** The check id. */
  rule: string;
  family: string;
  outcome: CheckOutcome;
  /** Blank or unusable inputs that stop the comparison from being decided (无法核实), or that it left out. */
  missing: Operand[];
  /** The blanks read as 0 to confirm it (成立（空白按 0 计）). */
  blanksAsZero?: Operand[];
}

/** How a whole check ended: 不成立 if any comparison fails, else 无法核实 if any cannot be decided, else 成立. */
export interface CheckSummary {
  rule: string;
  family: string;
  /** What the check compares, passing no judgement: the outcome is said of it. */
  subject: string;
  /** The problem when it fails. */
  title: string;
  severity: Severity;
  outcome: CheckOutcome;
  /** The outcome as read: `成立`, `成立（空白按 0 计）`, `不成立` or `无法核实`. */
  outcomeText: string;
  /** Every input missing in any comparison of the check (or, when it compared nothing, its blank inputs). */
  missing: Operand[];
  /** The blanks read as 0 where that confirmed a comparison. */
  blanksAsZero?: Operand[];
}
