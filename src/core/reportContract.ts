/**
 * What the report catalogue (src/catalogue/report/) writes against: the shapes of a section
 * declaration, of its content, and of the writer it receives. Types only — the catalogue imports
 * nothing else from the core, so declarations never pull machinery in and no import circle forms.
 */
import type Decimal from 'decimal.js';
import type { Model } from './model';
import type { Finding, IndicatorResult, Operand, ScoreLine, ScoreSheet } from './results';
import type { Headline } from './summary';
import type { ParsedCell } from './types';

export type { Model } from './model';
export type { Finding, IndicatorResult, Operand, ScoreLine, ScoreSheet } from './results';
export type { ParsedCell } from './types';

// ---------------------------------------------------------------- blocks

export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  /** The named inputs behind its numbers and words. */
  sources: Operand[];
  /** How the paragraph is set: `signature` lines are right-aligned without indent (落款). */
  style?: 'body' | 'signature' | 'note';
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
}

export type Arg = Piece | string | number | null | undefined;

/** The word for a signed quantity: e.g. ['增长', '下降', '持平'] or ['结余', '超支', '收支平衡']. */
export type DirectionWords = readonly [positive: string, negative: string, zero: string];

/** Formatting helpers, reachable through the writer. */
export interface Formats {
  wan(x: Decimal): string;
  points(x: Decimal): string;
  percent(x: Decimal): string;
  circled(i: number): string;
  placeholder(what: string): string;
  toCheck(what: string): string;
  direction(x: Decimal, words: DirectionWords): string;
  chineseNumber(n: number): string;
  formatValue(name: string, value: Decimal, columnLabel?: string): string;
  /** A rule or remark in document words: no formula signs, no software instructions. */
  words(s: string): string;
}

/** A figure as the report states it, after reconciliation with the checks. */
export interface Figure {
  /** The value to state (the reconciled one when the checks prefer another), or null when blank. */
  value: Decimal | null;
  /** The figure as written, with the one-time caveat or a 【待核对】 naming both values. */
  piece: Piece;
  /** True when the workbook's figure is contested by a check and none can be preferred. */
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
  /** The reconciled number behind a name (what the report states), or null. */
  num(name: string): Decimal | null;
  figure(name: string, label?: string): Figure;
  /** The figure as the workbook states it (what indicators used), with its 【待核对】 on first mention. */
  stated(name: string, label?: string): Piece;
  /** "label value、label value" for the inputs an indicator used, each as stated, with its 【待核对】 once. */
  operandList(ops: Operand[]): Piece;
  /** "" when the parts add up to the total, else a 【待核对】 naming both sums. */
  partsCheck(total: Decimal | null, partNames: string[]): string;
  value(name: string, label?: string): Piece;
  amount(name: string, label?: string): Piece;
  /** An amount as a table cell (no 万元), reconciled. */
  amountCell(name: string): Piece | string;
  count(name: string, word: '名' | '人', label?: string): Piece;
  text(name: string, label?: string): Piece;
  year(): Piece;
  amounts(items: Array<[name: string, label: string]>, opts?: { skipZero?: boolean }): Piece;
  cell(
    table: string,
    cell: ParsedCell | undefined,
    columnLabel: string,
    opts?: { required?: boolean }
  ): Piece;
  change(diff: Decimal, words: DirectionWords): string;
  paragraph(p: Piece, style?: ParagraphBlock['style']): ParagraphBlock;
  table(caption: string, header: string[], rows: Array<Array<Piece | string>>, unit?: string): ReportBlock[];
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
  score: Decimal | null;
}

export interface Dimension extends ScoreGroupView {
  children: Array<ScoreGroupView & { lines: ScoreLine[] }>;
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

/** One problem of 八, with the evidence it rests on. */
export interface Problem {
  measure: MeasureDecl;
  /** The deductions and findings it cites, in words. */
  evidence: Piece;
  lines: ScoreLine[];
  findings: Finding[];
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
  scores: ScoreSheet | null;
  findings: Finding[];
  w: ReportWriter;
  /** 一级 → 二级 → lines, in the score sheet's order. */
  dimensions: Dimension[];
  /** 八's problems, derived once, shared with 九. */
  problems: Problem[];
  /** Findings that still stand (top level, unexplained), for 其他需要说明的情况. */
  openFindings: Finding[];
  /** Findings the department explained that concern an indicator or score line (shown as 偏差原因). */
  explainedFor(key: string, indicator?: IndicatorResult): Finding[];
  /** The counts, verified / pending points and grade, worded as on every other surface (src/core/summary.ts). */
  headline: Headline;
  /** The contested figures, in words (one line each), for 其他需要说明的情况. */
  caveats: string[];
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
