/**
 * The report draft: the sections declared in src/catalogue/report.ts, run over the model and the
 * engine's results, numbered automatically, every figure traceable to the named inputs behind it.
 *
 * Section functions write sentences through a {@link Writer}: its `say` tagged template joins text
 * and value pieces and keeps the operands each piece used, so a paragraph always knows its sources.
 * A blank input becomes a visible placeholder 【待补：标签（名称）】, never a made-up figure.
 */
import type Decimal from 'decimal.js';
import { INPUT_BY_NAME, inputLabel } from '../catalogue/inputs';
import { EVIDENCE } from '../catalogue/report/evidence';
import { MEASURES, DEFAULT_MEASURE } from '../catalogue/report/measures';
import { REPORT_APPENDIX, REPORT_COVER, REPORT_SECTIONS } from '../catalogue/report/outline';
import { REVIEW_CAUSES } from '../catalogue/report/review';
import {
  balancingValue,
  causesOf,
  correctionsOf,
  failedIdentities,
  gapWithOne,
  listedErrors,
  listedGap,
  mightSolve,
  solvedBy,
  thisYearPairs,
} from './causes';
import { D, money } from './decimal';
import { allFindings } from './findingTree';
import { textFindings } from './rowFindings';
import { doubtedInputs, unexplainedNotices } from './doubt';
import { computeIndicatorById, recomputeWith } from './indicators';
import type { Rulebook } from './rulebook';
import { pointsAt, scoreWith } from './scoring';
import type { Model } from './model';
import { brief, documentLabel, reconcile, shortLabel, type Dispute } from './reconcile';
import {
  assignItems,
  departmentItemsOf,
  deriveProblems,
  dimensions,
  explainedFor,
  lineEvidence,
  ownOnlyProblems,
} from './reportEvidence';
import type {
  DepartmentItem,
  DirectionWords,
  Figure,
  ParagraphBlock,
  Piece,
  ReportBlock,
  ReportContext,
  ReportWriter,
  SectionContent,
  TableBlock,
} from './reportContract';
import type { Finding, IndicatorResult, Operand, Quantity, QuantityKind, ScoreSheet } from './results';
import type { ParsedCell } from './types';
import { documentText, tightenSpaces } from './typography';
import { formatQuantity, formatValue as digitsOf, operandQuantity } from './render/quantity';
import { partLabels, termLabels } from './render/finding';
import { BRIEF_SOURCE_NAMES, SOURCE_NAMES } from '../catalogue/report/words';
import { ownRemark, ownScores, type OwnLine } from './voice';
import { withSlipRemarks } from './textSlips';
import {
  blankAsk,
  circled,
  direction,
  FORMATS,
  formatValue,
  join,
  NUMBERING,
  ownParagraphs,
  placeholder,
  plain,
  rateText,
  remarksOf,
  say,
  toCheck,
  uniqueSources,
  wan,
} from './reportWords';

export type { ParagraphBlock, TableBlock, ReportBlock, Piece, Arg, DirectionWords } from './reportContract';

// ---------------------------------------------------------------- the draft

/**
 * A 【待核对】's words in full (`note`: as a note under a table gives them), as the sentence gives them (`words`),
 * and in short once given (`key`: the matter, e.g. the finding's id).
 */
interface Told {
  key: string;
  words: string;
  note: string;
  again: string;
}

/** A note under a table without the names of that table ("项目支出明细表", "财政拨款表" under 财政拨款收支…情况). */
function ownTable(note: string, caption: string): string {
  const names = [...Object.values(SOURCE_NAMES), ...Object.values(BRIEF_SOURCE_NAMES)].filter(
    (t) => t && caption.includes(t.replace(/(收支)?表$/, ''))
  );
  return names.reduce((n, t) => n.split(t).join(''), note);
}

/**
 * What the 审核意见's 二 says a figure becomes: its corrected value, or, for a figure of another year, this year's
 * (`year`): its end, or the figure of another table it is compared with (`against`).
 */
export interface MemoValue {
  to: Decimal;
  /** The failed identities that give a corrected value to the cent (solvedBy): how the value is reached. */
  by?: Finding[];
  year?: number;
  against?: Operand;
  /** A figure 二 shows to be another year's by its sum (a balance it closes, a total it adds up to): that year. */
  of?: number;
}

export interface ReportSection {
  /** Stable id (declaration id, or `parent/child` for generated sub-sections). */
  id: string;
  /** 0 for the untitled preamble, 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）. */
  level: 0 | 1 | 2 | 3 | 4;
  /** The automatic number with its punctuation, e.g. `一、`, `（二）`, `3. `; empty at level 0. */
  number: string;
  heading: string;
  blocks: ReportBlock[];
}

export interface ReportDraft {
  title: string;
  sections: ReportSection[];
  /** Inputs behind the title (单位名称, 评价年度). */
  titleSources?: Operand[];
  /** The cover page's lines (title lines, then the lines at its foot after an empty string). */
  cover?: string[];
  /** 附件1: the score sheet in the department's words, printed on its own landscape pages. */
  appendix?: { label: string; title: string; table: TableBlock };
}

/** The heading as printed: number + heading. */
export function sectionTitle(s: ReportSection): string {
  return `${s.number}${s.heading}`;
}

/** Writes sentences over one model. Section declarations receive one. */
export class Writer implements ReportWriter {
  /** Corrected figures whose remark the preparer has been given once already. */
  private readonly remarked = new Set<string>();
  /** The 【待核对】 words already given in full in the text: a later figure of the same dispute carries the bare mark. */
  private readonly told = new Set<string>();
  /** Doubted table cells by address (a row of 项目支出明细表 has no name of its own elsewhere). */
  private readonly doubtedAt = new Map<string, string>();

  constructor(
    readonly model: Model,
    readonly disputes: ReadonlyMap<string, Dispute> = new Map(),
    /** The inputs an 错误 puts in doubt (src/core/doubt.ts): each carries a 【待核对】 wherever it is stated. */
    private readonly doubted: ReadonlyMap<string, Finding> = new Map(),
    /** Figures a 口径 提示 questions until the unit writes why (src/core/doubt.ts), each with its 提示. */
    private readonly unexplainedNotices: ReadonlyMap<string, Finding> = new Map(),
    /** Figures the 审核意见 names as another year's end (src/core/causes.ts, previousYear), with that year. */
    private readonly otherYear: ReadonlyMap<string, number> = new Map(),
    /** What the 审核意见 says each figure becomes (memoValues): a 【待核对】 names it, as 二 gives it. */
    private readonly memoValues: ReadonlyMap<string, MemoValue> = new Map(),
    /** The failed identities (causes.ts, failedIdentities): a value that widens one is offered for no figure. */
    private readonly failed: readonly Finding[] = []
  ) {
    for (const [name, f] of doubted) {
      const at = f.operands.find((o) => o.name === name)?.address;
      if (at) this.doubtedAt.set(at, name);
    }
  }

  readonly say = say;
  readonly join = join;
  readonly plain = plain;
  readonly fmt = FORMATS;

  label(name: string): string {
    return inputLabel(name);
  }

  operand(name: string): Operand {
    if (INPUT_BY_NAME.get(name)?.type === 'table')
      return { name, label: this.label(name), value: null, address: this.model.address(name) };
    const s = this.model.scalar(name);
    return { name, label: this.label(name), value: s.value, address: s.address };
  }

  /** True when the input holds a usable number or text. */
  has(name: string): boolean {
    return this.model.scalar(name).value !== null;
  }

  num(name: string): Decimal | null {
    return this.model.num(name);
  }

  contested(name: string): boolean {
    const d = this.disputes.get(name);
    return d !== undefined;
  }

  private format(name: string, v: Decimal): string {
    return formatValue(name, v);
  }

  /** The table a figure is read from, as a 【待核对】 names it (财政拨款表). */
  private sourceOf(name: string): string {
    const d = INPUT_BY_NAME.get(name);
    return brief(d ? (SOURCE_NAMES[d.sheet] ?? d.sheet) : documentLabel({ name, label: this.label(name) }));
  }

  /**
   * Both sides of a disagreement, for the 【待核对】 that stands in the figure's place. The figure's side names its
   * table and label (`full`, under a table); in a sentence that names the figure, the figure leads, then the other
   * source (`table`: "项目支出【待核对：900.00万元；财政拨款、其他资金两表之和为…】"); its label only beside a
   * figure of the same table (`label`).
   */
  private both(d: Dispute, side: 'full' | 'table' | 'label' = 'full'): string {
    const source = this.sourceOf(d.name);
    const full = brief(documentLabel({ name: d.name, label: this.label(d.name) }));
    const label =
      d.relation === 'recomputed' || side === 'full'
        ? full
        : side === 'table'
          ? source
          : full.slice(full.startsWith(source) ? source.length : 0);
    const stated = this.format(d.name, d.stated);
    const other = this.format(d.name, d.otherValue);
    const summed = this.ofYear(d.name, label);
    if (summed) return summed;
    // The other side in the same table, once named: "财政拨款表为400.00万元，本年支出中基本支出为480.00万元".
    const otherWhat =
      side !== 'label' && source && d.otherWhat.startsWith(source) && d.otherWhat.length > source.length
        ? d.otherWhat.slice(source.length)
        : d.otherWhat;
    // Two figures the 审核意见 sets to one value (src/core/causes.ts, oneValue): how the figure's own table gives it.
    const to = this.correctedTo(d.name);
    const theirs = d.finding.operands.find((o) => o.name !== d.name);
    const reached =
      to && theirs && this.correctedTo(theirs.name)?.eq(to)
        ? this.reached(d.name, to, undefined, d.finding.expected?.kind)
        : '';
    const both = reached ? `；${reached}` : '';
    // Two parts of one table its title tells apart (支出明细, 收支部分): each side by its part, not the table alone.
    const parts = d.relation === 'equal' ? partLabels(d.finding, d.finding.operands.slice(0, 2)) : null;
    const own = d.finding.operands.findIndex((o) => o.name === d.name);
    if (parts && (own === 0 || own === 1)) {
      const mine = parts[own].startsWith(source) ? parts[own] : `${source}${parts[own]}`;
      const theirs = parts[1 - own].startsWith(source) ? parts[1 - own].slice(source.length) : parts[1 - own];
      return side === 'table'
        ? `${stated}（${mine}）；${theirs}为${other}${both}`
        : `${mine}为${stated}，${theirs}为${other}${both}`;
    }
    // In a sentence, the figure it states leads, then what the other source gives (its table named in full).
    if (side === 'table' && d.relation !== 'recomputed')
      return d.relation === 'atMost'
        ? `${stated}，大于${d.otherWhat}${other}`
        : `${stated}；${d.otherWhat}为${other}${both}`;
    switch (d.relation) {
      case 'atMost':
        return `${label}为${stated}，大于${otherWhat}${other}`;
      case 'recomputed':
        return `所列${label}为${stated}，${d.otherWhat}为${other}`;
      default:
        return `${label}为${stated}，${otherWhat}为${other}${both}`;
    }
  }

  /**
   * A disagreement already stated in full, where the sentence names the figure: its value, then what it disagrees
   * with, named ("15人；机构人员情况表各行之和为14人"): two bare values would not say which states which.
   */
  private again(d: Dispute): string {
    const [stated, other] = [this.format(d.name, d.stated), this.format(d.name, d.otherValue)];
    return d.relation === 'atMost'
      ? `${stated}，大于${d.otherWhat}${other}`
      : `${stated}；${d.otherWhat}为${other}`;
  }

  /**
   * A disagreement named again beside another figure of its identity: the checked figure's value, then what it
   * disagrees with, named ("为80.00万元，财政拨款、其他资金两表之和为60.00万元"): two bare values ("80.00或60.00")
   * would not say which table states which.
   */
  private named(d: Dispute): string {
    const [stated, other] = [this.format(d.name, d.stated), this.format(d.name, d.otherValue)];
    return d.relation === 'atMost'
      ? `为${stated}，大于${d.otherWhat}${other}`
      : `为${stated}，${d.otherWhat}为${other}`;
  }

  /**
   * The 【待核对】 a figure in doubt carries in its place: the figure is not written before it, the note names its
   * value and what it disagrees with. A figure that is one side of the failed identity: its table's value and the
   * other side ("收支总表为480.00万元，财政拨款、其他资金之和为400.00万元"); a part of a sum: its value, then both
   * sides of the identity it is party to; a figure of another year: its value and the year. Once given in full
   * (`key`: the finding), a later figure of the same identity gives its own value alone (`again`). Undefined for a figure
   * no 错误 puts in doubt, and for a contested one (its 【待核对】 replaces it).
   */
  private doubtOf(name: string): Told | undefined {
    const summed = this.ofYear(name);
    if (summed) return { key: `year:${name}`, words: summed, note: summed, again: summed };
    const f = this.doubted.get(name);
    const year = this.otherYear.get(name);
    if ((!f && year === undefined) || this.disputes.has(name)) return undefined;
    const q = (x: Quantity) => tightenSpaces(formatQuantity(x, 'document'));
    const mine = operandQuantity(f?.operands.find((o) => o.name === name) ?? this.operand(name));
    const stated = mine ? q(mine) : '';
    // What the 审核意见 says it becomes: this year's figure for another year's, else its corrected value.
    const memo = this.memoValues.get(name);
    const becomes = (x: MemoValue) => q({ value: x.to, kind: mine?.kind ?? 'amount' });
    const evaluated = memo?.year ?? this.num('评价年度')?.toNumber();
    const thisYear = evaluated === undefined ? '本年' : `${evaluated}年`;
    // A copy of a disputed figure (Finding.copies) that is another year's: the year says what is wrong with it.
    if (!f || (year !== undefined && !f.operands.some((o) => o.name === name))) {
      const words = `${stated}为${year}年年末数${memo ? `，${thisYear}年末数为${becomes(memo)}` : ''}`;
      return { key: `year:${name}`, words, note: words, again: words };
    }
    // A figure the 审核意见 corrects: its table's value and how the identity gives the other ("按调整后预算 900.00 −
    // 年初批复预算 600.00 计为 300.00 万元"), neither stated as the one that stands.
    const to = this.correctedTo(name);
    const reached = stated && to ? this.reached(name, to, f, mine!.kind) : '';
    if (reached) {
      // A row of a table by its row's name ("“项目甲”年中追加预算数"), a figure by its table.
      const row = INPUT_BY_NAME.has(name)
        ? null
        : /^[^“]*(“[^”]+”.+)$/.exec(f.operands.find((o) => o.name === name)?.label ?? '');
      // In a sentence the figure leads; under a table, its note names whose figure it is.
      const note = `${row ? row[1] : this.sourceOf(name)}为${stated}；${reached}`;
      return { key: f.id, words: `${stated}；${reached}`, note, again: `${stated}；${reached}` };
    }
    // In a sentence the figure it states leads, then what the other source gives.
    const side = stated ? `${stated}；` : '';
    const part = stated ? `${stated}；` : '';
    const checked = this.disputes.get(f.operands[0]?.name ?? '');
    if (checked?.finding === f) {
      const note = this.both(checked);
      // The figure it is checked against; where the figure stated has the same name, by its table: "收支总表该项".
      const other = shortLabel(this.label(checked.name)) === shortLabel(this.label(name));
      const subject = `${this.sourceOf(checked.name)}${other ? '该项' : shortLabel(this.label(checked.name))}`;
      // The one figure it is checked against is the figure stated: the two figures are the two sides.
      const alone = f.operands.length === 2 && f.operands[1].name === name;
      if (alone)
        return {
          key: f.id,
          words: `${side}${subject}为${this.format(checked.name, checked.stated)}${checked.relation === 'atMost' ? '，大于此数' : ''}`,
          note,
          again: stated
            ? `${stated}，${subject}为${this.format(checked.name, checked.stated)}${checked.relation === 'atMost' ? '，大于此数' : ''}`
            : `${subject}${this.again(checked)}`,
        };
      const sameTable =
        INPUT_BY_NAME.get(checked.name)?.sheet === INPUT_BY_NAME.get(name.replace(/\[.*$/, ''))?.sheet;
      return {
        key: f.id,
        words: `${part}${sameTable ? this.both(checked, 'label') : note}`,
        note,
        // Said again, its value and the other side: the value the identity needs of it, else what it is checked against.
        again: stated
          ? `${stated}；${this.needed(name, f, mine!.kind) || `${subject}${this.named(checked)}`}`
          : `${subject}${this.named(checked)}`,
      };
    }
    const first = operandQuantity(f.operands[0]);
    if (f.family === '年度' && first) {
      const against = memo?.against;
      // Without this year's figure to compare it with, what the unit owes: this year's (one value would not do).
      const compare =
        memo && against
          ? `，${thisYear}数据可对照${this.sourceOf(against.name)}${this.correctedHow(against.name)}${becomes(memo)}`
          : `，${thisYear}数据待补`;
      const words = `${stated}为${first.value.toFixed(0)}年数据${compare}`;
      return { key: f.id, words, note: words, again: words };
    }
    const sides = /^(.+?)与(.+)不一致$/.exec(f.title);
    if (!sides || !first || !f.expected)
      return { key: f.id, words: `${part}${f.title}`, note: f.title, again: `${part}${f.title}` };
    const note = brief(`${sides[1]}为${q(first)}，${sides[2]}为${q(f.expected)}`);
    const isChecked = f.operands[0].name === name;
    // A part the other side equals (the other parts are 0): that side repeats the figure, the checked one differs.
    const onlyChecked =
      !isChecked && stated !== '' && q(f.expected) === stated
        ? `${part}${this.sourceOf(f.operands[0].name)}${shortLabel(this.label(f.operands[0].name))}为${q(first)}`
        : '';
    return {
      key: f.id,
      // The figure checked: the other side by its own name ("财政拨款、其他资金基本支出之和"), which says of what.
      words: isChecked ? brief(`${side}${sides[2]}为${q(f.expected)}`) : onlyChecked || `${part}${note}`,
      note,
      again: onlyChecked || (stated ? `${part}${this.needed(name, f, mine!.kind) || note}` : note),
    };
  }

  /**
   * The value a failed identity needs of a figure for it to hold, as the identity gives it ("按部门日常公用经费90.00 −
   * 其他资金日常公用经费10.00计为80.00万元"; a copy: the figure it copies); "" where it gives none (an inequality).
   */
  private needed(name: string, f: Finding, kind: QuantityKind): string {
    const of = f.copies?.find((c) => c.name === name)?.of ?? name;
    const to = balancingValue(f, of);
    return to && !widensAnother(this.failed, of, to, this.memoValues) ? this.reached(of, to, f, kind) : '';
  }

  /**
   * A 【待核对】 given once in full: where the same matter (`key`) was stated above, its short form: the
   * figure's own value, or the two values, self-contained (nothing refers back to the text above).
   */
  check(words: string, again: string, key = words): string {
    if (this.told.has(key) && !this.alone) return toCheck(again);
    this.told.add(key);
    return toCheck(words);
  }

  /** True while writing a document read apart from the text: every 【待核对】 there in full. */
  private alone = false;

  inFull<T>(build: () => T): T {
    const was = this.alone;
    this.alone = true;
    try {
      return build();
    } finally {
      this.alone = was;
    }
  }

  private mark(d: Told): string {
    return this.check(d.words, d.again, d.key);
  }

  /**
   * After a figure a 口径 提示 questions, the reason the unit owes (a 提示 needs one in writing): "【待补：与财政拨款表
   * 700.00万元不同的原因】". Empty once written (the 提示 is explained) or for any other figure.
   */
  private unexplained(name: string): string {
    // Another year's figure: its 【待核对】 says so; no 口径 to explain.
    if (this.ofYear(name)) return '';
    const f = this.unexplainedNotices.get(name);
    const other = f?.operands.find((o) => o.name !== name);
    const value = other ? operandQuantity(other) : undefined;
    if (!other || !value) return '';
    // Against the figure as the 审核意见 corrects it: the difference the unit explains is the one that stays.
    const to = this.correctedTo(other.name);
    const figure = tightenSpaces(formatQuantity(to ? { ...value, value: to } : value, 'document'));
    return placeholder(`与${this.sourceOf(other.name)}${this.correctedHow(other.name)}${figure}不同的原因`);
  }

  /**
   * How a failed identity gives the value the 审核意见 corrects a figure to: its other figures by their labels, each
   * with its sign (the identity in doubt first), or null when none gives it to the cent.
   */
  private reachedTerms(
    name: string,
    to: Decimal,
    prefer?: Finding
  ): { sign: string; word: string; label: string; value: string }[] | null {
    for (const f of [...(prefer ? [prefer] : []), ...(this.memoValues.get(name)?.by ?? [])]) {
      const terms = solvedBy(f, name, to);
      if (!terms) continue;
      const labels = termLabels(f.operands);
      return terms.map((t, i) => ({
        sign: i === 0 ? (t.sign < 0 ? '−' : '') : t.sign < 0 ? ' − ' : ' + ',
        word: i === 0 ? (t.sign < 0 ? '负' : '') : t.sign < 0 ? '减' : '加',
        label: brief(labels[f.operands.indexOf(t.o)]),
        value: digitsOf(operandQuantity(t.o)!.value, operandQuantity(t.o)!.kind, 'document'),
      }));
    }
    return null;
  }

  /** A corrected value as the identity gives it: "按调整后预算 900.00 − 年初批复预算 600.00 计为 300.00 万元"; "" if none does. */
  private reached(name: string, to: Decimal, prefer?: Finding, kind: QuantityKind = 'amount'): string {
    const terms = this.reachedTerms(name, to, prefer);
    const value = tightenSpaces(formatQuantity({ value: to, kind }, 'document'));
    return terms ? `按${terms.map((t) => `${t.sign}${t.label}${t.value}`).join('')}计为${value}` : '';
  }

  /**
   * Before a figure's corrected value, how it is reached: "按调整后预算减年初批复预算计的" (not "改正后的": the
   * department's report does not say its own figure is wrong); "" for a figure not corrected.
   */
  private correctedHow(name: string): string {
    const to = this.correctedTo(name);
    const terms = to ? this.reachedTerms(name, to, this.doubted.get(name)) : null;
    return terms ? `按${terms.map((t) => `${t.word}${t.label}`).join('')}计的` : to ? '改正后的' : '';
  }

  /**
   * A figure 二 shows to be another year's by its sum, in the words of a 【待核对】: its value and year, and this
   * year's (`…为2019年数，2020年数为9.00万元`), or the figure of another table to compare it with.
   */
  private ofYear(name: string, label = ''): string | undefined {
    const m = this.memoValues.get(name);
    if (m?.of === undefined) return undefined;
    const stated = this.num(name);
    if (stated === null) return undefined;
    const now = m.of + 1;
    const to = m.against
      ? `可对照${this.sourceOf(m.against.name)}${this.correctedTo(m.against.name) ? '改正后的' : ''}${this.format(name, m.to)}`
      : `数为${this.format(name, m.to)}`;
    // A total is that year's sum (`…为2019年数`); a figure compared with another table's, that year's data.
    const what = m.against ? '数据' : '';
    return `${label}${this.format(name, stated)}为${m.of}年${what || '数'}，${now}年${what}${to}`;
  }

  /** The value the 审核意见 corrects a figure to (not another year's figure's), if it does. */
  private correctedTo(name: string): Decimal | undefined {
    const m = this.memoValues.get(name);
    return m && !m.against && m.year === undefined ? m.to : undefined;
  }

  /**
   * What the preparer must correct where the data show which figure is right, once a figure: where the report
   * states the corrected figure instead of the cell's own, or shows both in a 【待核对】 until the cell is corrected.
   */
  private correctionRemark(d: Dispute): string[] {
    const c = d.correction;
    if (!c || this.remarked.has(d.name)) return [];
    this.remarked.add(d.name);
    const label = documentLabel({ name: d.name, label: this.label(d.name) });
    const value = this.format(d.name, c.value);
    return [
      `${label}填列${this.format(d.name, d.stated)}；${c.because}。报送前请将${label}更正为${value}，并重新生成报告。`,
    ];
  }

  figure(name: string, label?: string): Figure {
    const op = this.operand(name);
    const stated = this.model.num(name);
    if (stated === null)
      return {
        value: null,
        piece: { text: placeholder(label ?? this.label(name)), sources: [op] },
        contested: false,
      };
    const d = this.disputes.get(name);
    if (!d) {
      // A figure in doubt is not written before its note: the note names its value.
      const doubt = this.doubtOf(name);
      const text = `${this.format(name, stated)}${this.unexplained(name)}`;
      return {
        value: stated,
        piece: doubt ? { text: this.mark(doubt), sources: [op], doubt: doubt.note } : { text, sources: [op] },
        contested: false,
      };
    }
    // Its sources are named in full the first time; after that the two values, and that they were named above.
    const words = this.check(this.both(d, 'table'), this.again(d), d.finding.id);
    return {
      value: stated,
      piece: { text: words, sources: [op], remarks: this.correctionRemark(d), doubt: this.both(d) },
      contested: true,
    };
  }

  private rateDispute(indicatorId: string): Dispute | undefined {
    return [...this.disputes.values()].find(
      (x) => x.relation === 'recomputed' && x.finding.rule === `rate.${indicatorId}`
    );
  }

  /** True when the department states the rate and its recomputation differs: its 【待核对】 stands in its place. */
  rateContested(indicatorId: string): boolean {
    return this.rateDispute(indicatorId) !== undefined;
  }

  /**
   * A rate where a sentence names it ("预算完成率为…"): the value, or both values where the stated one differs, then
   * any other reading (`more`: "，按2021年数据计为98.50%").
   */
  rate(indicatorId: string, computed: Decimal, more = ''): Piece {
    const d = this.rateDispute(indicatorId);
    if (!d) return plain(rateText(computed));
    const [stated, recomputed] = [rateText(d.stated), rateText(computed)];
    return plain(
      this.check(
        `所列${stated}，${d.otherWhat}为${recomputed}${more}`,
        `${stated}或${recomputed}`,
        d.finding.id
      ),
      [this.operand(d.name)]
    );
  }

  /** A number as reports write it (by the input's kind), or its placeholder. */
  value(name: string, label?: string): Piece {
    return this.figure(name, label).piece;
  }

  /** An amount in 万元. */
  amount(name: string, label?: string): Piece {
    return this.figure(name, label).piece;
  }

  amountCell(name: string): Piece | string {
    const f = this.figure(name);
    if (f.value === null) return '';
    const d = this.disputes.get(name);
    // The data show which figure is right (two sources agree on it, as the sentences state it): the cell states it
    // too, plainly; what the table must be corrected to is the preparer's remark (the checklist), not a note.
    if (f.contested && d?.correction)
      return { text: money(d.correction.value), sources: f.piece.sources, remarks: f.piece.remarks };
    // A cell has no room for the sentence: a marker, and under the table both figures.
    if (f.contested && d) {
      const doubt = this.both(d);
      return { ...f.piece, text: toCheck(doubt), doubt };
    }
    // The other side of a figure the sentences show in doubt, the data settling neither (no correction, and the
    // 审核意见 gives the figure no value: not another year's): the cell is in doubt too (one figure, one treatment),
    // its note the sentence's.
    const against = [...this.disputes.values()].find(
      (x) =>
        !x.correction &&
        !this.memoValues.has(x.name) &&
        x.relation === 'equal' &&
        x.name !== name &&
        x.finding.operands.some((o) => o.name === name)
    );
    if (against) {
      const words = this.both(against);
      return { ...f.piece, text: toCheck(words), doubt: words };
    }
    const doubt = this.doubtOf(name)?.note;
    return { ...f.piece, text: money(f.value) + (doubt ? toCheck(doubt) : ''), ...(doubt ? { doubt } : {}) };
  }

  /** A count with its word (名 / 人). */
  count(name: string, word: '名' | '人', label?: string): Piece {
    const f = this.figure(name, label);
    return f.value === null || f.contested
      ? f.piece
      : { ...f.piece, text: f.piece.text.replace(/^\d+[人名]?/, `${f.value.toFixed(0)}${word}`) };
  }

  /** A department's own text, or its placeholder. */
  text(name: string, label?: string): Piece {
    const t = this.model.text(name)?.trim();
    const op = this.operand(name);
    return t
      ? { text: ownParagraphs(t).join(''), sources: [op] }
      : { text: placeholder(label ?? this.label(name)), sources: [op] };
  }

  /** 评价年度 as "2021". */
  year(): Piece {
    const v = this.model.num('评价年度');
    return v === null
      ? plain(placeholder('评价年度'), [this.operand('评价年度')])
      : plain(v.toFixed(0), [this.operand('评价年度')]);
  }

  /**
   * A list like "一般公共预算财政拨款收入1234.56万元、其他收入56.78万元".
   * Blank optional items are left out (and zero ones with `skipZero`); a blank required item shows its placeholder.
   */
  amounts(items: Array<[name: string, label: string]>, opts: { skipZero?: boolean } = {}): Piece {
    const parts: Piece[] = [];
    for (const [name, label] of items) {
      const v = this.num(name);
      const d = INPUT_BY_NAME.get(name);
      if (v === null) {
        if (d?.type === 'scalar' && d.required) parts.push(say`${label}${this.amount(name, label)}`);
        continue;
      }
      if (opts.skipZero && v.isZero()) continue;
      parts.push(say`${label}${this.amount(name, label)}`);
    }
    return join(parts);
  }

  /** A table cell as a piece: formatted by its column, blank → "" (or the placeholder with `required`). */
  cell(
    table: string,
    cell: ParsedCell | undefined,
    columnLabel: string,
    opts: { required?: boolean } = {}
  ): Piece {
    const op: Operand = {
      name: table,
      label: `${this.label(table)}·${columnLabel}`,
      value: cell?.value ?? null,
      address: cell?.address,
    };
    if (!cell || cell.blank || cell.value === null)
      return { text: opts.required ? placeholder(columnLabel) : '', sources: opts.required ? [op] : [] };
    const v = cell.value;
    if (typeof v === 'string') return { text: ownParagraphs(v).join(''), sources: [op] };
    if (typeof v === 'boolean') return { text: v ? '是' : '否', sources: [op] };
    const col = (
      INPUT_BY_NAME.get(table) as { columns?: Array<{ label: string; kind: string }> }
    )?.columns?.find((c) => c.label === columnLabel);
    const text = col?.kind === 'amount' ? money(v) : formatValue(table, v, columnLabel);
    const doubted = cell.address ? this.doubtedAt.get(cell.address) : undefined;
    const doubt = doubted ? this.doubtOf(doubted) : undefined;
    return doubt
      ? { text: this.mark(doubt), sources: [op], doubt: doubt.note, shown: text }
      : { text, sources: [op] };
  }

  /** "增长0.28万元" / "下降1.00万元" / "持平", from the sign of a difference. */
  change(diff: Decimal, words: DirectionWords): string {
    return diff.isZero() ? words[2] : `${direction(diff, words)}${wan(diff.abs())}`;
  }

  paragraph(p: Piece, style?: ParagraphBlock['style']): ParagraphBlock {
    return {
      kind: 'paragraph',
      text: documentText(p.text),
      sources: p.sources,
      ...(style ? { style } : {}),
      ...remarksOf([p]),
    };
  }

  /**
   * A table; the remarks of its cells go with it (to the preparer, never into a note under it). A cell in doubt
   * shows its figure (unless that is the one disputed) and a numbered 【待核对①】, whose words are a note under
   * the table: a narrow cell has no room for them.
   */
  table(
    caption: string,
    header: string[],
    rows: Array<Array<Piece | string>>,
    unit?: string,
    marksIn?: number
  ): ReportBlock[] {
    const cells = rows.flat().filter((c): c is Piece => typeof c !== 'string');
    const notes: string[] = [];
    const marker = (...doubts: string[]) => {
      for (const d of doubts) if (!notes.includes(d)) notes.push(d);
      if (doubts.length === 0) return '';
      return toCheck('').replace('：', doubts.map((d) => circled(notes.indexOf(d) + 1)).join(''));
    };
    const figure = (c: Piece) => c.shown ?? (c.doubt ? c.text.slice(0, c.text.indexOf('【')) : c.text);
    const shown = rows.map((r) => {
      // With `marksIn`, the marks of a row's stated figures follow its name there, so columns of figures stay narrow.
      const moved =
        marksIn === undefined
          ? []
          : r.filter((c): c is Piece => typeof c !== 'string' && !!c.doubt && figure(c) !== '');
      const marks = marker(...new Set(moved.map((c) => c.doubt!)));
      return r.map((c, i) => {
        // The marks go on a line of their own under the name, whole.
        const after = i === marksIn && marks ? `\n${marks}` : '';
        if (typeof c === 'string') return documentText(c) + after;
        const own = c.doubt && !moved.includes(c) ? marker(c.doubt) : '';
        return documentText(`${figure(c)}${own}`) + after;
      });
    });
    return [
      {
        kind: 'table',
        caption: documentText(caption),
        unit,
        header,
        rows: shown,
        sources: uniqueSources(cells.flatMap((c) => c.sources)),
        ...remarksOf(cells),
        ...(notes.length
          ? {
              // Under its own table, a figure of that table needs no table name.
              notes: notes.map((n, i) =>
                documentText(toCheck(ownTable(n, caption)).replace('：', `${circled(i + 1)}：`))
              ),
            }
          : {}),
      },
    ];
  }

  departmentItems(name: string): DepartmentItem[] {
    return departmentItemsOf(this.model.text(name), this.operand(name));
  }

  /**
   * The department's own multi-line text, kept verbatim. Lines that are its own headings
   * ("一、…", "（一）…") become sub-sections so they take the report's automatic numbering.
   */
  departmentText(name: string, label?: string): SectionContent[] {
    const items = this.departmentItems(name);
    if (items.length === 0)
      return [this.paragraph(plain(placeholder(label ?? this.label(name)), [this.operand(name)]))];
    const out: SectionContent[] = [];
    items.forEach((it, i) => {
      const paragraphs = it.paragraphs.map((p) => this.paragraph(p));
      if (it.heading)
        out.push({ kind: 'section', id: `${name}-${i + 1}`, heading: it.heading, content: paragraphs });
      else out.push(...paragraphs);
    });
    return out;
  }

  /**
   * A rate of two figures as the 待补 that asks for it ("实际政府采购金额除以政府采购预算数": no formula sign in the
   * document); undefined for any other.
   */
  ratioWords(ops: Operand[]): string | undefined {
    return ops.length === 2
      ? ops.map((o) => shortLabel(o.label.split('·').pop() ?? o.label)).join('除以')
      : undefined;
  }

  operandList(ops: Operand[]): Piece {
    return join(
      ops.map((o) => {
        const label = shortLabel(o.label.split('·').pop() ?? o.label);
        // A blank says what to enter: its kind's unit, and whether 0 will do.
        if (INPUT_BY_NAME.get(o.name)?.type === 'scalar')
          return say`${label}${this.value(o.name, this.num(o.name) === null ? blankAsk(o.name, label) : label)}`;
        const v = o.value;
        const text =
          v === null
            ? placeholder(label)
            : typeof v === 'string'
              ? v
              : typeof v === 'boolean'
                ? v
                  ? '是'
                  : '否'
                : formatValue(o.name, v, label);
        return plain(`${label}${text}`, [o]);
      })
    );
  }

  partsCheck(total: string, partNames: string[]): string {
    const whole = this.num(total);
    // A contested figure is not stated: its own 【待核对】 stands in its place.
    if (whole === null || [total, ...partNames].some((n) => this.contested(n))) return '';
    const values = partNames.map((n) => this.num(n));
    const given = values.filter((v): v is Decimal => v !== null);
    if (given.length === 0) return '';
    const sum = given.reduce((a, b) => a.plus(b), D(0));
    const gap = sum.minus(whole);
    if (gap.abs().lte(D('0.005').times(given.length + 1))) return '';
    // A blank part may make up a shortfall; it is never the reason the parts do not add up.
    if (gap.isNegative() && given.length < values.length) return '';
    return toCheck(`以上各项之和为${wan(sum)}，合计为${wan(whole)}`);
  }
}

// ---------------------------------------------------------------- drafting

export interface DraftInput {
  model: Model;
  indicators: IndicatorResult[];
  scores: ScoreSheet | null;
  findings: Finding[];
  /** False when the run is 数据不完整: the report states no grade (default true). */
  complete?: boolean;
  /** The rules the lines were scored by: a line whose figures are another year's is also scored at this year's. */
  rulebook?: Rulebook;
}

/** The title, e.g. `XX单位2021年度部门整体支出绩效自评报告`. */
export function reportTitle(w: ReportWriter): Piece {
  return say`${w.text('单位名称')}${w.year()}年度部门整体支出绩效自评报告`;
}

/**
 * The figures the 审核意见 says are the last year's end (a 基础数据表 block that ends where this year opens), with
 * that year: the report does not state them bare.
 */
function otherYearEnds(findings: Finding[]): Map<string, number> {
  const open = findings.filter((f) => f.severity === '错误' && !f.explanation);
  const out = new Map<string, number>();
  for (const c of causesOf(open, REVIEW_CAUSES, findings))
    for (const b of c.previousYear?.blocks ?? [])
      if (!b.marked && b.year !== null && b.block.closing) out.set(b.block.closing, b.year);
  return out;
}

/**
 * True when a value for a figure widens the gap of a failed identity the figure is in that the value does not solve:
 * no other value of the figure, but one the figures that give it, themselves in doubt, would make (the report offers
 * none; the 审核意见 names the figure the identities point to).
 */
export function widensAnother(
  failed: readonly Finding[],
  name: string,
  to: Decimal,
  others: ReadonlyMap<string, { to: Decimal }> = new Map()
): boolean {
  // With the other values offered (two figures set to one value together close their identity). Every step is O(1)
  // per finding the figure is in: a sum over thousands of rows is asked about each of them.
  return failedWith(failed, name).some((f) => {
    if (mightSolve(f, name, to) && solvedBy(f, name, to)) return false;
    const [now, then] = [listedGap(f), gapWithOne(f, others, name, to)];
    return now !== null && then !== null && then.abs().gt(now.abs());
  });
}

/** The failed identities each figure is an operand of, once per list. */
const failedByName = new WeakMap<readonly Finding[], Map<string, Finding[]>>();
function failedWith(failed: readonly Finding[], name: string): Finding[] {
  let index = failedByName.get(failed);
  if (!index) {
    index = new Map();
    for (const f of failed)
      for (const n of new Set(f.operands.map((o) => o.name))) {
        const list = index.get(n);
        if (list) list.push(f);
        else index.set(n, [f]);
      }
    failedByName.set(failed, index);
  }
  return index.get(name) ?? [];
}

/**
 * What the 审核意见's 二 says each figure becomes, from the causes it lists (src/core/causes.ts, read by both
 * documents): a corrected figure's value; a figure of another year's, this year's end, or the figure it is compared
 * with once corrected.
 */
export function memoValues(findings: Finding[]): Map<string, MemoValue> {
  const causes = causesOf(listedErrors(findings), REVIEW_CAUSES, findings);
  const corrected = correctionsOf(causes);
  const failed = failedIdentities(findings);
  const out = new Map<string, MemoValue>(
    [...corrected]
      .filter(([name, { to }]) => !widensAnother(failed, name, to, corrected))
      .map(([name, { to }]) => [name, { to, by: failed.filter((f) => solvedBy(f, name, to)) }])
  );
  for (const c of causes) {
    const p = c.previousYear;
    const year = p?.evaluated ?? undefined;
    for (const b of p?.blocks ?? []) {
      if (!b.marked && b.block.closing && p!.closing)
        out.set(b.block.closing, { to: p!.closing.value, year });
      if (b.marked)
        for (const x of thisYearPairs(c, b.block.figures, failed, corrected))
          out.set(x.mine.name, { to: x.to, year, against: x.theirs });
    }
    if (!p || year === undefined) continue;
    // Totals that close the other year's balance: their correction, as that year's; figures adding up to one: the
    // figure they are compared with.
    for (const x of p.flows)
      for (const o of [x.income, x.spending]) {
        const to = corrected.get(o.name)?.to;
        if (to) out.set(o.name, { to, of: year - 1 });
      }
    for (const x of p.sums)
      for (const y of thisYearPairs(
        c,
        x.parts.map((o) => o.name),
        failed,
        corrected
      ))
        out.set(y.mine.name, { to: y.to, year, against: y.theirs, of: year - 1 });
  }
  return out;
}

/**
 * The figures the report marks 【待核对】: those an 错误 puts in doubt (doubtedInputs), and the total a failed sum
 * checks even where other sums confirm it (收支总表 基本支出 against 财政拨款 + 其他资金): the department states
 * it, and the identity it fails is what the reader is asked to check. Not where the 审核意见 corrects a figure of
 * the sum (memoValues): the total is then right.
 */
function reportDoubts(findings: Finding[], memo: ReadonlyMap<string, MemoValue>): Map<string, Finding> {
  const out = doubtedInputs(findings);
  for (const f of allFindings(findings)) {
    const total = f.operands[0]?.name;
    const corrected = f.correction ?? f.slip ?? f.operands.find((o) => memo.has(o.name));
    const failedSum = f.severity === '错误' && f.family === '合计' && f.kind === 'mismatch';
    if (failedSum && !corrected && total && !out.has(total)) out.set(total, f);
  }
  return out;
}

/**
 * The context every section declaration receives: the results, a writer, and what is decided once
 * for the whole report — which figure each sentence states (reconcile), the department's scores
 * (its voice), each line's evidence and 八's problems.
 */
export function reportContext(given: DraftInput): ReportContext {
  // A copy of a figure in doubt (the same quantity in another table) is stated with the same doubt.
  // One check failing on many rows of a table is one problem in the texts; each figure is still in doubt.
  const input = { ...given, findings: textFindings(given.findings) };
  const memo = memoValues(input.findings);
  const doubted = reportDoubts(given.findings, memo);
  const w = new Writer(
    input.model,
    reconcile(input.findings),
    doubted,
    unexplainedNotices(input.findings),
    otherYearEnds(input.findings),
    memo,
    failedIdentities(input.findings)
  );
  /**
   * The other value of a figure in doubt: a contested figure's other source; else the value the 审核意见 corrects it
   * to, or the one the failed identity that puts it in doubt needs (a copy: the figure it copies). Undefined for
   * another year's figure (this year's is `thisYear`'s) or where nothing gives one value.
   */
  const otherValue = (name: string): Decimal | undefined => {
    const d = w.disputes.get(name);
    if (d)
      return d.relation === 'recomputed' || INPUT_BY_NAME.get(name)?.type !== 'scalar'
        ? undefined
        : d.otherValue;
    const f = doubted.get(name);
    const m = memo.get(name);
    if (!f || (m && (m.year !== undefined || m.against))) return undefined;
    return m?.to ?? balancingValue(f, f.copies?.find((x) => x.name === name)?.of ?? name) ?? undefined;
  };
  const indicator = (id: string) => input.indicators.find((i) => i.id === id);
  const own = input.scores ? ownScores(input.scores, input.model, input.complete ?? true) : null;
  const items = own ? assignItems(own.lines, w.departmentItems('履职情况'), EVIDENCE) : new Map();
  const base = {
    ...input,
    w,
    own,
    dimensions: own ? dimensions(own) : [],
    explainedFor: (key: string, ind?: IndicatorResult) => explainedFor(input.findings, key, ind),
    evidence: (l: OwnLine) => lineEvidence(w, l, items.get(l) ?? [], EVIDENCE),
    remarkFor: (...names: string[]) => ownRemark(input.model, ...names),
    doubted: new Set(doubted.keys()),
    otherSide: (id: string, name: string) => {
      const [ind, stated, other] = [indicator(id), input.model.num(name), otherValue(name)];
      if (!ind || stated === null || other === undefined || other.eq(stated)) return undefined;
      const value = recomputeWith(input.model, ind, new Map([[name, other]]))?.value;
      return value == null ? undefined : { stated, other, value };
    },
    thisYear: (id: string) => {
      // Each figure in doubt with the value the 审核意见 gives it, one at least this year's for another year's.
      const ind = indicator(id);
      const names = (ind?.operands ?? [])
        .map((o) => o.name)
        .filter((n) => doubted.has(n) || w.disputes.has(n));
      const year = names.map((n) => memo.get(n)?.year).find((y) => y !== undefined);
      if (!ind || year === undefined || names.some((n) => !memo.has(n))) return undefined;
      const values = new Map(names.map((n) => [n, memo.get(n)!.to]));
      const value = recomputeWith(input.model, ind, values)?.value;
      // A blank optional line (a 其中 it subtracts) reads as 0: said, since filling it changes the rate.
      const zero = ind.operands
        .filter((o) => o.value === null && !ind.missing?.some((m) => m.name === o.name))
        .map((o) => o.label.replace(/^其中：/, ''));
      if (value == null) return undefined;
      const line = input.scores?.lines.find((l) => l.indicator === id);
      const { rulebook } = input;
      const score =
        rulebook && line
          ? scoreWith(rulebook, input.model, line, values, (m) =>
              computeIndicatorById(m, id, rulebook.variants)
            )
          : null;
      return { year, value, zero, ...(score ? { score } : {}) };
    },
    scoreAt: (id: string, value: Decimal) => {
      const line = input.rulebook?.lines.find((l) => l.indicator === id);
      return line ? pointsAt(line, value) : null;
    },
  };
  const withProblems = { ...base, problems: deriveProblems(base, MEASURES, DEFAULT_MEASURE), ownOnly: [] };
  // The unit's own items left after the deductions' problems took theirs (with the measures those left).
  return { ...withProblems, ownOnly: ownOnlyProblems(withProblems) };
}

/** Numbers headings and flattens generated sub-sections into the draft's list. */
export function assemble(
  title: Piece,
  decls: ReadonlyArray<import('./reportContract').SectionDecl>,
  context: ReportContext
): ReportDraft {
  const sections: ReportSection[] = [];
  const counters = [0, 0, 0, 0, 0];
  const emit = (id: string, level: number, heading: string, content: SectionContent[]) => {
    const lv = Math.min(level, 4) as ReportSection['level'];
    let number = '';
    if (lv > 0) {
      counters[lv] += 1;
      for (let k = lv + 1; k < counters.length; k++) counters[k] = 0;
      number = NUMBERING[lv as 1 | 2 | 3 | 4](counters[lv]);
    }
    const section: ReportSection = { id, level: lv, number, heading: documentText(heading), blocks: [] };
    sections.push(section);
    for (const c of content) {
      if (c.kind === 'section') emit(`${id}/${c.id}`, lv + 1, c.heading, c.content);
      // A block after a sub-section (e.g. a 小结) follows it in reading order: it joins the last section written.
      else sections[sections.length - 1].blocks.push(c);
    }
  };
  for (const decl of decls) {
    if (decl.when && !decl.when(context)) continue;
    const heading = typeof decl.heading === 'function' ? decl.heading(context) : decl.heading;
    emit(decl.id, decl.level, heading, decl.build ? decl.build(context) : []);
  }
  return { title: documentText(title.text), sections, titleSources: title.sources };
}

/** Drafts the whole report. Pure: same inputs, same draft. */
export function draftReport(input: DraftInput): ReportDraft {
  const context = reportContext(input);
  const draft = assemble(reportTitle(context.w), REPORT_SECTIONS, context);
  // 附件1 is read apart from the text: its notes name both values in full.
  const appendix = context.w.inFull(() => REPORT_APPENDIX(context));
  // The slips in the department's quoted words go to the preparer as remarks; the words stay as they are.
  return withSlipRemarks(
    { ...draft, cover: REPORT_COVER(context), ...(appendix ? { appendix } : {}) },
    context.model
  );
}

/** Every paragraph of a draft as text (headings included, then 附件1's rows), for diffs and the sheet. */
export function draftLines(draft: ReportDraft): string[] {
  const lines = [draft.title];
  for (const s of draft.sections) {
    if (s.level > 0) lines.push(sectionTitle(s));
    for (const b of s.blocks) {
      if (b.kind === 'paragraph') lines.push(b.text);
      else lines.push(b.caption, ...b.rows.map((r) => r.join('｜').replace(/\n/g, '')), ...(b.notes ?? []));
    }
  }
  if (draft.appendix)
    lines.push(
      draft.appendix.title,
      ...draft.appendix.table.rows.map((r) => r.join('｜')),
      ...(draft.appendix.table.notes ?? [])
    );
  return lines;
}

/** Every remark for the preparer in a draft, in reading order, each once (for Word comments or the checklist). */
export function draftRemarks(draft: ReportDraft): string[] {
  const blocks = draft.sections.flatMap((s) => s.blocks);
  if (draft.appendix) blocks.push(draft.appendix.table);
  return [...new Set(blocks.flatMap((b) => b.remarks ?? []))];
}
