/**
 * The contract the claim catalogue (src/catalogue/claims.ts) is written against: types only. A claim
 * kind declares how to find what a report's sentences assert and what each assertion compares; the
 * core (src/core/claims/engine.ts) judges it with the same comparison and tolerance as the workbook
 * checks and turns it into a claim with a verdict and, when it fails, a Finding.
 */
import type Decimal from 'decimal.js';
import type { Heading, LocatedDocument, Table } from '../core/claims/document';
import type { Bindings, Bound, Features, Key, Place } from '../core/claims/quantities';
import type { Figure, Span } from '../core/claims/text';
import type { GradeBands } from '../core/rulebook';
import type { CheckOutcome, IndicatorResult, QuantityKind } from '../core/results';
import type { CheckFamily } from './contract';

/** A figure on one side of a claim's comparison. */
export interface ClaimTerm {
  figure: Bound;
  sign?: 1 | -1;
  /** A blank table cell: an unknown figure, never read as 0 to accuse. */
  blank?: boolean;
}

/**
 * `Σ left relation Σ right`: left is what the sentence states (a total, a part, a rate), right what
 * the text's other figures give for it (the parts, the whole, the rate recomputed). A blank table
 * cell on either side is unknown, never 0.
 */
export interface ClaimComparison {
  relation: '=' | '≤';
  left: ClaimTerm[];
  right: ClaimTerm[];
  /** A right side that is not a sum of figures (a rate computed by the indicator's formula). */
  rightValue?: Decimal;
  /** What the figures are (amounts compare in 万元). */
  kind: QuantityKind;
  /** Fixed tolerance; by default half a unit of each figure's last stated decimal, summed. */
  tolerance?: Decimal;
  toleranceNote?: string;
  /** The right side in words with its numbers, when it is not a plain sum (a rate's formula). */
  computedText?: string;
}

/** One assertion a kind found, before the core judges it. */
export interface ClaimDraft {
  /** Unique within the kind (its place), so the claim id is stable. */
  key: string;
  /** Where it is quoted from: the first place is where the claim is said to be, and where a comment goes. */
  places: Place[];
  /** The quote's span when it is a paragraph's (a sentence, or two when 其中 opens the second). */
  span?: Span;
  /** Title when it does not hold: what is wrong, in the reader's words, e.g. `本年收入合计与基本支出、项目支出之和不符`. */
  title: string;
  /** The rule in words, e.g. `合计 = 基本支出 + 项目支出`. */
  statement: string;
  /** Every figure the claim reads (quoted with their places). */
  figures: Bound[];
  comparison?: ClaimComparison;
  /** A claim judged without arithmetic (a heading number, a grade, a count of named items). */
  decided?: { verdict: CheckOutcome; stated: string; computed: string | null; why?: string };
  /** What the text does not give, for a claim it cannot settle (then the verdict is 无法核实). */
  missing?: string[];
  /** What to do when it does not hold, when the kind knows better than “改正写错的数”. */
  nextStep?: string;
  /** A unit slip: the figure whose unit is wrong, and what it should be. */
  slip?: { figure: Bound; factor: 'div' | 'mul' | 'unit' | 'missing'; unit: string };
}

export interface ClaimContext {
  doc: LocatedDocument;
  bindings: Bindings;
  /** The report's year, when its title gives it. */
  year?: number;
  bands: GradeBands;
  /** The 一级 indicator names of the rulebook (投入, 过程, 产出, 效果). */
  level1: string[];
  decimal(value: string | number): Decimal;
  /** Every statement of a quantity in document order (its key's scope, period and entity alike). */
  statements(key: Key): Bound[];
  keyText(key: Key): string;
  keyWords(key: Key): string;
  /** Where a place is, in words. */
  placeText(place: Place): string;
  /** Where a place is, in a few words (第 21 段, 表 1 第 3 行“本年收入”). */
  shortPlace(place: Place): string;
  /**
   * An indicator of src/catalogue/indicators.ts computed from figures given by input name, under
   * one variant choice: the catalogue's own formula, not restated.
   */
  indicator(id: string, values: Map<string, Decimal>, variant?: string): IndicatorResult;
  /** The variant choices an indicator offers (湖南, 国家 …), or [] when it has none. */
  variants(id: string): string[];
  /** Percentage points as reports write them ("91.30%"); amounts ("1234.56"). */
  percent(points: Decimal, decimals?: number): string;
  money(amount: Decimal): string;
  /** The headings found (for the numbering claims). */
  headings: Heading[];
  /** The grade a total reaches under the bands. */
  grade(total: Decimal): string;
  // ---- reading text (the core's readers, so the catalogue declares without parsing on its own)
  /** A figure's value as compared (amounts in 万元). */
  value(b: Bound): Decimal;
  sentences(text: string): Span[];
  /** The sentence of a paragraph holding an offset. */
  sentenceAt(paragraph: number, offset: number): Span | undefined;
  figures(text: string): Figure[];
  /** A label without spaces and quotes. */
  compact(s: string): string;
  /** What a label names (measure, part, scope, topic, period). */
  readLabel(label: string): Features;
  /** 两, 十二, 3 … as a number. */
  number(s: string): number | null;
  /** The figure bound to a table cell, if it holds one. */
  cell(table: number, row: number, column: number): Bound | undefined;
  /** A blank table cell, as an unknown term of a comparison. */
  blankCell(table: number, row: number, column: number): Bound;
  rowLabel(t: Table, row: number): string | undefined;
  columnHeader(t: Table, column: number): string;
  /** The figures of a paragraph, in order. */
  paragraphFigures(paragraph: number): Bound[];
}

export interface ClaimKind {
  /** Stable id, e.g. `sum`. */
  id: string;
  /** The kind as the JSON and the reader name it: 合计, 占比, 增减变动 … */
  label: string;
  family: CheckFamily;
  /** What a sentence of this kind asserts, in words. */
  asserts: string;
  find(ctx: ClaimContext): ClaimDraft[];
}
