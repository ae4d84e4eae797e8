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
import { MEASURES, DEFAULT_MEASURE } from '../catalogue/report/measures';
import { REPORT_SECTIONS } from '../catalogue/report/outline';
import { D, money } from './decimal';
import type { Model } from './model';
import { documentLabel, reconcile, shortLabel, type Dispute } from './reconcile';
import { deriveProblems, dimensions, explainedFor, openFindings } from './reportEvidence';
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
import type { Finding, IndicatorResult, Operand, ScoreSheet } from './results';
import type { ParsedCell } from './types';
import { headline } from './summary';
import { documentText } from './typography';
import {
  direction,
  FORMATS,
  formatValue,
  join,
  NUMBERING,
  OWN_HEADING,
  ownParagraphs,
  placeholder,
  plain,
  say,
  toCheck,
  uniqueSources,
  wan,
} from './reportWords';

export type { ParagraphBlock, TableBlock, ReportBlock, Piece, Arg, DirectionWords } from './reportContract';

// ---------------------------------------------------------------- the draft

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
}

/** The heading as printed: number + heading. */
export function sectionTitle(s: ReportSection): string {
  return `${s.number}${s.heading}`;
}

/** Writes sentences over one model. Section declarations receive one. */
export class Writer implements ReportWriter {
  /** Contested figures already explained once in the text. */
  private readonly explained = new Set<string>();
  /** Every contested figure, in words, for 其他需要说明的情况. */
  readonly caveats: string[];

  constructor(
    readonly model: Model,
    readonly disputes: ReadonlyMap<string, Dispute> = new Map()
  ) {
    // One line per finding: both sides of a 一致 check are one caveat.
    const seen = new Set<Finding>();
    this.caveats = [...disputes.values()]
      .filter((d) => !seen.has(d.finding) && seen.add(d.finding))
      .map((d) => this.caveat(d));
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
    const d = this.disputes.get(name);
    return d?.preferred ?? this.model.num(name);
  }

  private format(name: string, v: Decimal): string {
    return formatValue(name, v);
  }

  /** A contested figure in words, e.g. for 其他需要说明的情况. */
  private caveat(d: Dispute): string {
    const label = documentLabel({ name: d.name, label: this.label(d.name) });
    const stated = this.format(d.name, d.stated);
    const other = this.format(d.name, d.otherValue);
    if (d.preferred)
      return `${label}填列${stated}，与${d.otherWhat}${other}不一致，本报告按${this.format(d.name, d.preferred)}表述`;
    return d.relation === 'atMost'
      ? `${label}填列${stated}，超过${d.otherWhat}${other}`
      : `${label}填列${stated}，与${d.otherWhat}${other}不一致`;
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
    if (!d)
      return { value: stated, piece: { text: this.format(name, stated), sources: [op] }, contested: false };
    const first = !this.explained.has(name);
    this.explained.add(name);
    if (d.preferred) {
      const text = this.format(name, d.preferred);
      const note = first
        ? `（${documentLabel({ name, label: this.label(name) })}填列${this.format(name, d.stated)}，与${d.otherWhat}${this.format(name, d.otherValue)}不一致，本报告按${text}表述，请核实）`
        : '';
      return { value: d.preferred, piece: { text: `${text}${note}`, sources: [op] }, contested: false };
    }
    return {
      value: stated,
      piece: { text: `${this.format(name, stated)}${first ? this.contestNote(d) : ''}`, sources: [op] },
      contested: true,
    };
  }

  /** The figure exactly as the workbook states it (indicators are computed from it), with its 【待核对】 the first time. */
  stated(name: string, label?: string): Piece {
    const op = this.operand(name);
    const v = this.model.num(name);
    if (v === null) return { text: placeholder(label ?? this.label(name)), sources: [op] };
    const d = this.disputes.get(name);
    const first = d && !this.explained.has(name);
    if (d) this.explained.add(name);
    return { text: `${this.format(name, v)}${first ? this.contestNote(d) : ''}`, sources: [op] };
  }

  private contestNote(d: Dispute): string {
    const other = this.format(d.name, d.otherValue);
    return toCheck(d.relation === 'atMost' ? `不应超过${d.otherWhat}${other}` : `${d.otherWhat}为${other}`);
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
    const v = this.num(name);
    return v === null ? '' : plain(money(v), [this.operand(name)]);
  }

  /** A count with its word (名 / 人). */
  count(name: string, word: '名' | '人', label?: string): Piece {
    const f = this.figure(name, label);
    return f.value === null
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
    return { text: col?.kind === 'amount' ? money(v) : formatValue(table, v, columnLabel), sources: [op] };
  }

  /** "增长0.28万元" / "下降1.00万元" / "持平", from the sign of a difference. */
  change(diff: Decimal, words: DirectionWords): string {
    return diff.isZero() ? words[2] : `${direction(diff, words)}${wan(diff.abs())}`;
  }

  paragraph(p: Piece, style?: ParagraphBlock['style']): ParagraphBlock {
    return { kind: 'paragraph', text: documentText(p.text), sources: p.sources, ...(style ? { style } : {}) };
  }

  /**
   * A table, and under it a note for any contested figure it shows: the table states the figure
   * that reconciles, the note says which were contested (unless the text above said so already).
   */
  table(caption: string, header: string[], rows: Array<Array<Piece | string>>, unit?: string): ReportBlock[] {
    const sources = uniqueSources(rows.flat().flatMap((c) => (typeof c === 'string' ? [] : c.sources)));
    const block: TableBlock = {
      kind: 'table',
      caption: documentText(caption),
      unit,
      header,
      rows: rows.map((r) => r.map((c) => documentText(typeof c === 'string' ? c : c.text))),
      sources,
    };
    const notes = sources
      .filter((o) => this.disputes.has(o.name) && !this.explained.has(o.name))
      .map((o) => {
        this.explained.add(o.name);
        return this.caveat(this.disputes.get(o.name)!);
      });
    return notes.length
      ? [block, this.paragraph(plain(`注：${notes.join('；')}，请核实。`, sources), 'note')]
      : [block];
  }

  departmentItems(name: string): DepartmentItem[] {
    const raw = this.model.text(name)?.trim();
    if (!raw) return [];
    const op = this.operand(name);
    const items: DepartmentItem[] = [];
    for (const line of ownParagraphs(raw)) {
      const heading = OWN_HEADING.exec(line);
      if (heading && line.length <= 40) items.push({ heading: heading[1].trim(), paragraphs: [] });
      else {
        if (items.length === 0) items.push({ heading: '', paragraphs: [] });
        items[items.length - 1].paragraphs.push({ text: line, sources: [{ ...op, value: line }] });
      }
    }
    return items;
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

  operandList(ops: Operand[]): Piece {
    return join(
      ops.map((o) => {
        const label = shortLabel(o.label.split('·').pop() ?? o.label);
        if (INPUT_BY_NAME.get(o.name)?.type === 'scalar') return say`${label}${this.stated(o.name, label)}`;
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

  /**
   * "" when the parts add up to the total (within rounding), else a 【待核对】 naming both sums,
   * so a sentence never states a total its parts contradict.
   */
  partsCheck(total: Decimal | null, partNames: string[]): string {
    const parts = partNames.map((n) => this.num(n)).filter((v): v is Decimal => v !== null);
    if (total === null || parts.length === 0) return '';
    const sum = parts.reduce((a, b) => a.plus(b), D(0));
    if (
      sum
        .minus(total)
        .abs()
        .lte(D('0.005').times(parts.length + 1))
    )
      return '';
    return toCheck(`以上各项之和为${wan(sum)}，与${wan(total)}不一致`);
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
}

/** The title, e.g. `XX单位2021年度部门整体支出绩效自评报告`. */
export function reportTitle(w: ReportWriter): Piece {
  return say`${w.text('单位名称')}${w.year()}年度部门整体支出绩效自评报告`;
}

/** The context every section declaration receives: the results, a writer, and the evidence derived once. */
export function reportContext(input: DraftInput): ReportContext {
  const w = new Writer(input.model, reconcile(input.findings));
  const base = {
    ...input,
    w,
    dimensions: input.scores ? dimensions(input.scores) : [],
    openFindings: openFindings(input.findings),
    caveats: w.caveats,
    headline: headline(input.scores, input.findings, input.complete ?? true),
    explainedFor: (key: string, ind?: IndicatorResult) => explainedFor(input.findings, key, ind),
  };
  return { ...base, problems: deriveProblems(base, MEASURES, DEFAULT_MEASURE) };
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
  return assemble(reportTitle(context.w), REPORT_SECTIONS, context);
}

/** Every paragraph of a draft as text (headings included), for diffs and the sheet. */
export function draftLines(draft: ReportDraft): string[] {
  const lines = [draft.title];
  for (const s of draft.sections) {
    if (s.level > 0) lines.push(sectionTitle(s));
    for (const b of s.blocks) {
      if (b.kind === 'paragraph') lines.push(b.text);
      else lines.push(b.caption, ...b.rows.map((r) => r.join('｜')));
    }
  }
  return lines;
}
