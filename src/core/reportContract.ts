/**
 * What the report catalogue (src/catalogue/report/) writes against: the shapes of a section
 * declaration, of its content, and of the writer it receives. Types only — the catalogue imports
 * nothing else from the core, so declarations never pull machinery in and no import circle forms.
 */
import type Decimal from 'decimal.js';
import type { Model } from './model';
import type { Finding, IndicatorResult, Operand, ScoreLine, ScoreSheet } from './results';
import type { ParsedCell } from './types';
import type { OwnLine, OwnScores } from './voice';

export type { Model } from './model';
export type { Finding, IndicatorResult, Operand, ScoreLine, ScoreSheet } from './results';
export type { ParsedCell } from './types';
export type { OwnGroup, OwnLine, OwnScores } from './voice';

// ---------------------------------------------------------------- blocks

export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  /** The named inputs behind its numbers and words. */
  sources: Operand[];
  /**
   * How the paragraph is set: `signature` lines are right-aligned without indent (落款); `annex` (the
   * 附件 line) keeps with the 落款 below it; a `lead` (a method or an introduction to the entries below)
   * keeps with the paragraph after it.
   */
  style?: 'body' | 'signature' | 'note' | 'annex' | 'lead';
  /** Remarks for whoever prepares the report (Word comments or the 报送前核对清单), never its text. */
  remarks?: string[];
}

export interface TableBlock {
  kind: 'table';
  caption: string;
  /** Unit of its figures, e.g. `万元` (printed as 单位：万元). */
  unit?: string;
  header: string[];
  rows: string[][];
  sources: Operand[];
  /** Columns whose value repeats down a group (一级/二级): printed on every row so a page break never loses them. */
  groupColumns?: number;
  /** Remarks for whoever prepares the report, as for a paragraph. */
  remarks?: string[];
  /** Notes printed directly under the table: the words of its cells' 【待核对①】 markers. */
  notes?: string[];
}

export type ReportBlock = ParagraphBlock | TableBlock;

/** A generated sub-section (one level below its parent). */
export interface SubSection {
  kind: 'section';
  id: string;
  heading: string;
  content: SectionContent[];
}

export type SectionContent = ReportBlock | SubSection;

// ---------------------------------------------------------------- pieces

/** A fragment of text and the inputs it used. */
export interface Piece {
  text: string;
  sources: Operand[];
  /** Remarks for whoever prepares the report (a figure stated as two sources agree, not as its own cell). */
  remarks?: string[];
  /**
   * The words of the 【待核对】 a figure in doubt carries (its text ends with it): in a table the cell shows a
   * numbered marker instead (【待核对①】) and the words go in a note under the table.
   */
  doubt?: string;
  /** A figure in doubt as a table shows it beside its marker (a sentence writes only the 【待核对】, which names it). */
  shown?: string;
}

export type Arg = Piece | string | number | null | undefined;

/** The word for a signed quantity: e.g. ['增长', '下降', '持平'] or ['结余', '超支', '收支平衡']. */
export type DirectionWords = readonly [positive: string, negative: string, zero: string];

/** Formatting helpers, reachable through the writer. */
export interface Formats {
  wan(x: Decimal): string;
  points(x: Decimal): string;
  percent(x: Decimal): string;
  /** A rate inside a sentence: a negative one written 负…, never with a sign. */
  rateText(x: Decimal): string;
  circled(i: number): string;
  placeholder(what: string): string;
  toCheck(what: string): string;
  /** A remark to the preparer on a score the report leaves to be settled (its 【待补】 states none). */
  scoreRemark(words: string): string;
  direction(x: Decimal, words: DirectionWords): string;
  chineseNumber(n: number): string;
  formatValue(name: string, value: Decimal, columnLabel?: string): string;
  /** A rule or remark in document words: no formula signs, no software instructions. */
  words(s: string): string;
  /** A 三级 name told apart from a namesake among `all` by its 二级 (预算管理制度健全性). */
  qualifiedName(level2: string, level3: string, all: string[]): string;
}

/** A figure as the report states it (src/core/reconcile.ts decides which, once). */
export interface Figure {
  /** The cell's own value, or null when blank. */
  value: Decimal | null;
  /** The figure as written, or a 【待核对：A为x，B为y】 in its place. */
  piece: Piece;
  /** True when the sources disagree: the text shows the 【待核对】 naming both, not a figure. */
  contested: boolean;
}

/** Writes sentences over one model; every section declaration receives one. */
export interface ReportWriter {
  readonly model: Model;
  say(strings: TemplateStringsArray, ...args: Arg[]): Piece;
  join(pieces: Piece[], sep?: string): Piece;
  plain(text: string, sources?: Operand[]): Piece;
  readonly fmt: Formats;
  label(name: string): string;
  operand(name: string): Operand;
  has(name: string): boolean;
  /** The number behind a name as the workbook states it, or null. */
  num(name: string): Decimal | null;
  /** True when the name's figure is contested: the report shows a 【待核对】 in its place. */
  contested(name: string): boolean;
  figure(name: string, label?: string): Figure;
  /** A rate of two figures as the 待补 that asks for it ("甲除以乙"); undefined for any other. */
  ratioWords(ops: Operand[]): string | undefined;
  /** "label value、label value" for the inputs an indicator used, each as the report states it. */
  operandList(ops: Operand[]): Piece;
  /**
   * An indicator's rate as the report gives it: the computed value, which the department's own stated
   * rate confirms or does not contradict; a 【待核对】 naming both where it does.
   */
  rate(indicatorId: string, computed: Decimal, more?: string): Piece;
  /** True when the department's stated rate differs from its recomputation (`rate` gives both). */
  rateContested(indicatorId: string): boolean;
  /**
   * A 【待核对】 in full the first time its matter (`key`, default the words) is stated, after that `again`: short
   * and self-contained (the figure's own value, or the two values), referring to nothing above.
   */
  check(words: string, again: string, key?: string): string;
  /**
   * What `build` writes with every 【待核对】 in full, none short: for a document read apart from the text (附件1).
   */
  inFull<T>(build: () => T): T;
  /**
   * "" when the stated parts add up to the stated total, else a 【待核对】 naming both sums. A blank part
   * may explain a shortfall, never an excess; a contested total is not stated, so not checked.
   */
  partsCheck(total: string, partNames: string[]): string;
  value(name: string, label?: string): Piece;
  amount(name: string, label?: string): Piece;
  /** An amount as a table cell (no 万元), reconciled. */
  amountCell(name: string): Piece | string;
  count(name: string, word: '名' | '人', label?: string): Piece;
  text(name: string, label?: string): Piece;
  year(): Piece;
  amounts(items: Array<[name: string, label: string]>, opts?: { skipZero?: boolean }): Piece;
  /** A table cell as a piece; a cell an 错误 puts in doubt carries its 【待核对】. */
  cell(
    table: string,
    cell: ParsedCell | undefined,
    columnLabel: string,
    opts?: { required?: boolean }
  ): Piece;
  change(diff: Decimal, words: DirectionWords): string;
  paragraph(p: Piece, style?: ParagraphBlock['style']): ParagraphBlock;
  /** A table; cells in doubt show a 【待核对①】 (in column `marksIn` for a row's stated figures) and a note under it. */
  table(
    caption: string,
    header: string[],
    rows: Array<Array<Piece | string>>,
    unit?: string,
    marksIn?: number
  ): ReportBlock[];
  /** The department's own text: its heading lines become sub-sections, its in-sentence line breaks are joined. */
  departmentText(name: string, label?: string): SectionContent[];
  /** The department's own text split into its headed items (for merging with derived items). */
  departmentItems(name: string): DepartmentItem[];
}

export interface DepartmentItem {
  heading: string;
  paragraphs: Piece[];
}

// ---------------------------------------------------------------- evidence the core derives

export interface ScoreGroupView {
  name: string;
  points: Decimal | null;
  /** As the department states it; null while a line under it has no score. */
  score: Decimal | null;
  /** A claim its own line scores do not add up to (src/core/voice.ts). */
  /** `ceiling`: the most its lines can give while points wait, where the claim is above it (the memo's 不超过). */
  linesDisagree?: { sum: Decimal; atMost: boolean; ceiling?: Decimal };
}

/** 一级 → 二级 → lines, with the department's scores. */
export interface Dimension extends ScoreGroupView {
  children: Array<ScoreGroupView & { lines: OwnLine[] }>;
}

/** What a score line's evidence draws on (src/catalogue/report/evidence.ts). */
export interface EvidenceDecl {
  /** 三级 names, or `二级/三级` where a name repeats. */
  covers: string[];
  /** Words that tie an item of the department's 履职情况 to the line; empty: only the department's 说明. */
  keywords: string[];
  /** What to enter where the workbook gives nothing (the 【待补】's words). */
  ask: string;
  /**
   * Words that, in the department's own 存在问题 text, admit the line fell short (资金使用合规性: 串用, 挪用):
   * full marks on the line are then not 核实 (src/core/verify.ts).
   */
  contradictedBy?: string[];
  /**
   * The workbook input that measures the line (满意度: the survey's result). Words about it are not
   * its measure ("未出现投诉" is no 满意率), so the report states it ("`says`为95.00%"), or where it is blank puts
   * the whole clause in a 【待补】 (`ask`) that reads right whichever way it is filled.
   */
  measured?: { input: string; says: string; ask: string };
}

/** A score line's evidence, in the department's own words. */
export interface LineEvidence {
  /** The department's 说明 for the line in 自评得分表. */
  remark?: Piece;
  /** Sentences from the department's 履职情况 items tied to the line: what was done, how many. */
  items: Array<{ heading: string; text: Piece }>;
  /** What to ask for when there is nothing. */
  ask: string;
  /** The line's measured figure ("服务对象满意度调查结果为95.00%"), or its 【待补】. */
  measured?: Piece;
  /** What the measure is called (调查满意率) while it is blank: the line's score waits on it. */
  awaits?: string;
}

/** The standard measure for problems found in one or more indicators. */
export interface MeasureDecl {
  id: string;
  /** Indicator ids or 三级 / 二级 / 一级 names it covers. */
  covers: string[];
  /** Words that identify the department's own problem or measure item as speaking of the same thing. */
  keywords: string[];
  /** 存在的主要问题 heading. */
  problem: string;
  /** 下一步改进措施 heading and text. */
  title: string;
  measure: string;
}

/** One performance problem of 八: the points it cost and why, answered by one measure in 九. */
export interface Problem {
  measure: MeasureDecl;
  /** The lines that lost points. */
  lines: OwnLine[];
  /**
   * Why, in the department's words (出错说明, its tasks' 说明, or its group's 说明 when no line has
   * one); empty when it gave none. A line's own 说明 goes with its deduction.
   */
  causes: Piece[];
  /**
   * What fell short, where the department's text says so (a task and where it stands: "编印年鉴，初稿已成，尚未出版"),
   * stated with the figures, not as a cause.
   */
  outcomes?: Piece[];
  /** The department's own item on the same matter, if it wrote one. */
  own?: DepartmentItem;
  /** The department's own measure answering it, if it wrote one. */
  ownMeasure?: DepartmentItem;
}

/** How an indicator's value is judged in words (六): by the score it earned. */
export interface VerdictDecl {
  /** Words when the indicator earned full marks. */
  good: (value: Decimal) => string;
  /** Words when it lost points. */
  short: (value: Decimal) => string;
}

export interface ReportContext {
  model: Model;
  indicators: IndicatorResult[];
  /** The verified score sheet: for the 审核意见. The report states `own`. */
  scores: ScoreSheet | null;
  findings: Finding[];
  w: ReportWriter;
  /** The scores the department states (src/core/voice.ts), or null when not scored. */
  own: OwnScores | null;
  /** 一级 → 二级 → lines, in the score sheet's order, with the department's scores. */
  dimensions: Dimension[];
  /** 八's problems, derived once, shared with 九. */
  problems: Problem[];
  /** The unit's own 存在问题 items no lost points carry, each with its own measure if it wrote one (八 and 九). */
  ownOnly: { own: DepartmentItem; ownMeasure?: DepartmentItem }[];
  /** Findings the department explained that concern an indicator or score line (its reasons). */
  explainedFor(key: string, indicator?: IndicatorResult): Finding[];
  /** The evidence a line's paragraph cites. */
  evidence(line: OwnLine): LineEvidence;
  /** The department's 说明 in 自评得分表 for the first of these names it scored (一级, 二级 or 三级). */
  remarkFor(...names: string[]): string | undefined;
  /** Input names an open 错误 puts in doubt (src/core/doubt.ts). */
  doubted: ReadonlySet<string>;
  /**
   * An indicator's value with one figure in doubt at the value the other side gives (a contested figure's other
   * source, the 审核意见's corrected value, or what the failed identity needs), with both values of the figure (its
   * 【待核对】 names whose they are): "按15人计为75.00%，按14人计为70.00%". Undefined where nothing gives one other
   * value or the indicator cannot be recomputed.
   */
  otherSide(
    indicatorId: string,
    name: string
  ): { stated: Decimal; other: Decimal; value: Decimal } | undefined;
  /**
   * An indicator's value at this year's figures where its figures in doubt are another year's: each at the value the
   * 审核意见 gives it (src/core/causes.ts), with the year, the blank lines read as 0 and, where the rulebook is
   * known, the points the line scores at that value. Undefined otherwise.
   */
  thisYear(
    indicatorId: string
  ): { year: number; value: Decimal; zero: string[]; score?: Decimal } | undefined;
  /** The points an indicator's line scores at a value by the rules it was scored by; null where they are not known. */
  scoreAt(indicatorId: string, value: Decimal): Decimal | null;
}

export interface SectionDecl {
  id: string;
  /** Chinese heading without its number. */
  heading: string | ((c: ReportContext) => string);
  /** 0: untitled preamble or closing; 1: 一、; 2: （一）. Generated sub-sections go one level deeper. */
  level: 0 | 1 | 2 | 3;
  /** Leave the section out when false. */
  when?: (c: ReportContext) => boolean;
  build?: (c: ReportContext) => SectionContent[];
}

// ---------------------------------------------------------------- the 审核意见

export type ReviewVerdict = '同意' | '修改后同意' | '退回修改';

/** What the 审核结论 rule looks at, gathered once from the findings and the score sheet. */
export interface ReviewFacts {
  /** Open 错误 of the blocking families (or that change a score). */
  blocking: Finding[];
  /** Every other open top-level finding (提示, 待补, 无法核实). */
  remaining: Finding[];
  /** Score lines that could not be verified. */
  pending: ScoreLine[];
  /** True when a finding changes a score (a self-score the rules do not give). */
  changesScore(f: Finding): boolean;
  /**
   * The problems as the memo's 二 lists them (one per cause): self-scores the rules do not give, the figures, and the
   * unit's own 存在问题 items no lost points answer; together they are 二's count.
   */
  problems: {
    scores: number;
    figures: number;
    /** Every self-score the rules do not give is above what they give. */
    scoresAbove: boolean;
    /**
     * The weightiest figure problem in a few words: the largest correction the data show (`财政拨款表本年收入合计少计
     * 100.00 万元`, figures made up), else the title of the largest gap; '' when there is none.
     */
    weightiest: string;
    /** The department's own 存在问题 items no lost points answer. */
    unpenalised: number;
  };
  /** 不成立 numbers in the department's own report text, when it was checked (batch). */
  reportFails: number;
}

/** One branch of the 审核结论 rule: the first whose condition holds decides. */
export interface ReviewConclusionDecl {
  verdict: ReviewVerdict;
  when(facts: ReviewFacts): boolean;
  /** The reason in one line; the detail is the memo's list below it. */
  reason(facts: ReviewFacts): string;
  /** What the unit does by the date the memo leaves to fill (`改正后重新报送`); none when the report is accepted. */
  resubmit?: string;
}

/** A group of 需要更正的问题: the check families it holds, and its heading. */
export interface ReviewGroupDecl {
  families: string[];
  /** Causes of these kinds are listed here, whatever the family of the finding they are headed by. */
  shares?: ReviewCauseDecl['shares'][];
  heading: string;
}

/**
 * A block of figures read for one indicator whose year the memo can tell: its `year` cell (数据所属年度), and
 * for a carry-over block the figures of its start and end (年初, 年末).
 */
export interface YearBlockDecl {
  /** The indicator the block is read for (`预算调整率`). */
  indicator: string;
  /** The block's 数据所属年度 cell. */
  year: string;
  /** Every figure of the block. */
  figures: string[];
  /** The block's start-of-year figure (上年结转, 上年度累计结转结余). */
  opening?: string;
  /** The block's end-of-year figure (年末结转和结余, 本年度累计结转结余). */
  closing?: string;
}

/**
 * What makes findings of the 审核意见 share one cause, so they are one entry headed by the cause (interpreted in
 * src/core/causes.ts, in the order declared; a finding joins the first cause that takes it):
 * - `oneValue`: two figures that should be one disagree, and solving other failed identities for either gives one
 *   value (every such solve agrees): that value mends them all at once;
 * - `previousYear`: a table's blocks carry another year's figures — a 数据所属年度 other than the year evaluated,
 *   or an end-of-year figure equal to this year's opening (the last year's end) while this year's own tables
 *   end elsewhere and a figure of the block is disputed: the findings on the blocks' figures, and the stated rates read from them;
 *   also income and spending totals that close the other year's balance to the cent (its opening + income −
 *   spending = its end) and figures summing to such a total, with the 提示 comparing those figures;
 * - `oneFigure`: two figures that should be one disagree, with no value the data agree on; a failed identity that
 *   names one of them and is narrowed by reading it as the other is the same difference seen again, and so is one
 *   whose gap, with another's so taken, makes up a third's to the cent (identities that add up): one entry;
 * - `sameFix`: corrections that set several figures to one figure for one reason;
 * - `sameGap`: failed identities whose gaps are the same amount to the cent (one difference seen through several
 *   identities), or the very change a `oneValue` makes to one of its figures.
 */
export type ReviewCauseDecl =
  | { shares: 'oneValue' }
  | {
      shares: 'previousYear';
      /** The table whose blocks are read (`基础数据表`), as its figures' names are grouped. */
      table: string;
      /** This year's opening figure, as the year's own tables state it (the last year's end). */
      opening: string;
      /** The parts of this year's end, as the year's own tables state them. */
      closing: string[];
      blocks: YearBlockDecl[];
      /**
       * This year's income and spending totals that may be the other year's: they are when a block's start (the
       * other year's opening) plus income minus spending is this year's opening (the other year's end) to the cent.
       */
      flows?: { income: string; spending: string }[];
      /** Figures that are the other year's when their sum is, to the cent, a total `flows` shows to be that year's. */
      sums?: { parts: string[]; total: string }[];
    }
  | { shares: 'oneFigure' }
  | { shares: 'sameFix' }
  | { shares: 'sameGap' };
