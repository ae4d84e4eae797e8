/**
 * The report draft: the sections declared in src/catalogue/report.ts, run over the model and the
 * engine's results, numbered automatically, every figure traceable to the named inputs behind it.
 *
 * Section functions write sentences through a {@link Writer}: its `say` tagged template joins text
 * and value pieces and keeps the operands each piece used, so a paragraph always knows its sources.
 * A blank input becomes a visible placeholder 【待补：标签（名称）】, never a made-up figure.
 */
import { headline } from './summary';
import type Decimal from 'decimal.js';
import { INPUT_BY_NAME } from '../catalogue/inputs';
import { REPORT_SECTIONS, type ReportContext, type SectionContent, type SectionDecl } from '../catalogue/report';
import { fixed, money, percent } from './decimal';
import type { Model } from './model';
import type { Finding, IndicatorResult, Operand, ScoreSheet } from './results';
import type { ParsedCell } from './types';

// ---------------------------------------------------------------- the draft

export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  /** The named inputs behind its numbers and words. */
  sources: Operand[];
}

export interface TableBlock {
  kind: 'table';
  caption: string;
  /** Unit of its figures, e.g. `万元` (printed as 单位：万元). */
  unit?: string;
  header: string[];
  rows: string[][];
  sources: Operand[];
}

export type ReportBlock = ParagraphBlock | TableBlock;

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

// ---------------------------------------------------------------- formatting

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九. */
export function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones === 0 ? '' : CN_DIGITS[ones]}`;
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** ① … ⑳, then (21). */
export function circled(i: number): string {
  return i >= 1 && i <= CIRCLED.length ? CIRCLED[i - 1] : `(${i})`;
}

/** Heading numbers by level, as 公文 number them. */
export const NUMBERING: Record<1 | 2 | 3 | 4, (n: number) => string> = {
  1: (n) => `${chineseNumber(n)}、`,
  2: (n) => `（${chineseNumber(n)}）`,
  3: (n) => `${n}. `,
  4: (n) => `（${n}）`,
};

/** 万元 to 2 dp: "1234.56万元". */
export function wan(x: Decimal): string {
  return `${money(x)}万元`;
}

/** Scores as reports write them: "5", "9.5", "29.25" (2 dp, trailing zeros dropped). */
export function points(x: Decimal): string {
  return fixed(x, 2).replace(/\.?0+$/, '');
}

/** The word for a signed quantity: e.g. ['增长', '下降', '持平'] or ['结余', '超支', '收支平衡']. */
export type DirectionWords = readonly [positive: string, negative: string, zero: string];

export const GROWTH: DirectionWords = ['增长', '下降', '持平'];
export const BALANCE: DirectionWords = ['结余', '超支', '收支平衡'];

export function direction(x: Decimal, words: DirectionWords): string {
  return x.isZero() ? words[2] : x.isPositive() ? words[0] : words[1];
}

/** The visible placeholder for a missing input. */
export function placeholder(label: string, name: string): string {
  return `【待补：${label}（${name}）】`;
}

/** How a number of a given input reads in a sentence, from its catalogue kind. */
export function formatValue(name: string, value: Decimal, columnLabel?: string): string {
  const d = INPUT_BY_NAME.get(name);
  const kind =
    d?.type === 'scalar' ? d.kind : d?.type === 'table' ? d.columns.find((c) => c.label === columnLabel)?.kind : undefined;
  switch (kind) {
    case 'amount':
      return wan(value);
    case 'count':
      return `${value.toFixed(0)}${countWord(d?.type === 'scalar' ? d.label : columnLabel ?? '')}`;
    case 'rate':
      return percent(value);
    case 'score':
      return `${points(value)}分`;
    case 'year':
      return value.toFixed(0);
    default:
      // Not a catalogue figure (e.g. a count of tasks): whole numbers read as such.
      return value.isInteger() ? value.toFixed(0) : fixed(value, 2);
  }
}

/** 编制 is counted in 名, people in 人. */
export function countWord(label: string): string {
  return /编制/.test(label) ? '名' : '人';
}

// ---------------------------------------------------------------- pieces and the writer

/** A fragment of text and the inputs it used. */
export interface Piece {
  text: string;
  sources: Operand[];
}

export type Arg = Piece | string | number | null | undefined;

function isPiece(a: Arg): a is Piece {
  return typeof a === 'object' && a !== null && 'text' in a;
}

function uniqueSources(xs: Operand[]): Operand[] {
  const seen = new Set<string>();
  return xs.filter((o) => {
    const k = `${o.name}|${o.address ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Tagged template: text with value pieces, keeping every operand used. */
export function say(strings: TemplateStringsArray, ...args: Arg[]): Piece {
  let text = strings[0];
  const sources: Operand[] = [];
  args.forEach((a, i) => {
    if (isPiece(a)) {
      text += a.text;
      sources.push(...a.sources);
    } else if (a !== null && a !== undefined) text += String(a);
    text += strings[i + 1];
  });
  return { text, sources: uniqueSources(sources) };
}

/** Joins pieces with a separator, keeping their sources. */
export function join(pieces: Piece[], sep = '、'): Piece {
  return { text: pieces.map((p) => p.text).join(sep), sources: uniqueSources(pieces.flatMap((p) => p.sources)) };
}

export function plain(text: string, sources: Operand[] = []): Piece {
  return { text, sources };
}

/** Writes sentences over one model. Section declarations receive one. */
export class Writer {
  constructor(readonly model: Model) {}

  // The helpers, reachable from section declarations without a runtime import cycle.
  readonly say = say;
  readonly join = join;
  readonly plain = plain;
  readonly fmt = { wan, points, percent, circled, placeholder, direction, chineseNumber, formatValue };

  label(name: string): string {
    return INPUT_BY_NAME.get(name)?.label ?? name;
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

  /** A number as reports write it (by the input's kind), or its placeholder. */
  value(name: string, label?: string): Piece {
    const v = this.model.num(name);
    const op = this.operand(name);
    if (v === null) return { text: placeholder(label ?? this.label(name), name), sources: [op] };
    return { text: formatValue(name, v), sources: [op] };
  }

  /** An amount in 万元. */
  amount(name: string, label?: string): Piece {
    const v = this.model.num(name);
    if (v === null) return { text: placeholder(label ?? this.label(name), name), sources: [this.operand(name)] };
    return { text: wan(v), sources: [this.operand(name)] };
  }

  /** A count with its word (名 / 人). */
  count(name: string, word: '名' | '人', label?: string): Piece {
    const v = this.model.num(name);
    if (v === null) return { text: placeholder(label ?? this.label(name), name), sources: [this.operand(name)] };
    return { text: `${v.toFixed(0)}${word}`, sources: [this.operand(name)] };
  }

  /** A department's own text, or its placeholder. */
  text(name: string, label?: string): Piece {
    const t = this.model.text(name)?.trim();
    const op = this.operand(name);
    return t ? { text: t, sources: [op] } : { text: placeholder(label ?? this.label(name), name), sources: [op] };
  }

  /** 评价年度 as "2021". */
  year(): Piece {
    return this.value('评价年度');
  }

  /**
   * A list like "一般公共预算财政拨款收入1234.56万元、其他收入56.78万元".
   * Blank optional items are left out (and zero ones with `skipZero`); a blank required item shows its placeholder.
   */
  amounts(items: Array<[name: string, label: string]>, opts: { skipZero?: boolean } = {}): Piece {
    const parts: Piece[] = [];
    for (const [name, label] of items) {
      const v = this.model.num(name);
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
  cell(table: string, cell: ParsedCell | undefined, columnLabel: string, opts: { required?: boolean } = {}): Piece {
    const op: Operand = {
      name: table,
      label: `${this.label(table)}·${columnLabel}`,
      value: cell?.value ?? null,
      address: cell?.address,
    };
    if (!cell || cell.blank || cell.value === null)
      return { text: opts.required ? placeholder(op.label, table) : '', sources: opts.required ? [op] : [] };
    const v = cell.value;
    if (typeof v === 'string') return { text: v, sources: [op] };
    if (typeof v === 'boolean') return { text: v ? '是' : '否', sources: [op] };
    const col = (INPUT_BY_NAME.get(table) as { columns?: Array<{ label: string; kind: string }> })?.columns?.find(
      (c) => c.label === columnLabel,
    );
    return { text: col?.kind === 'amount' ? money(v) : formatValue(table, v, columnLabel), sources: [op] };
  }

  /** "增长0.28万元" / "下降1.00万元" / "持平", from the sign of a difference. */
  change(diff: Decimal, words: DirectionWords): string {
    return diff.isZero() ? words[2] : `${direction(diff, words)}${wan(diff.abs())}`;
  }

  paragraph(p: Piece): ParagraphBlock {
    return { kind: 'paragraph', text: p.text, sources: p.sources };
  }

  table(caption: string, header: string[], rows: Array<Array<Piece | string>>, unit?: string): TableBlock {
    const sources = uniqueSources(rows.flat().flatMap((c) => (typeof c === 'string' ? [] : c.sources)));
    return {
      kind: 'table',
      caption,
      unit,
      header,
      rows: rows.map((r) => r.map((c) => (typeof c === 'string' ? c : c.text))),
      sources,
    };
  }

  /**
   * The department's own multi-line text, kept verbatim. Lines that are its own headings
   * ("一、…", "（一）…") become sub-sections so they take the report's automatic numbering.
   */
  departmentText(name: string, label?: string): SectionContent[] {
    const raw = this.model.text(name)?.trim();
    const op = this.operand(name);
    if (!raw) return [this.paragraph({ text: placeholder(label ?? this.label(name), name), sources: [op] })];
    const out: SectionContent[] = [];
    let current: { kind: 'section'; id: string; heading: string; content: SectionContent[] } | null = null;
    let n = 0;
    for (const line of raw.split(/\r?\n/).map((l) => l.trim())) {
      if (!line) continue;
      const heading = OWN_HEADING.exec(line);
      if (heading && line.length <= 40) {
        n += 1;
        current = { kind: 'section', id: `${name}-${n}`, heading: heading[1].trim(), content: [] };
        out.push(current);
        continue;
      }
      const p = this.paragraph({ text: line, sources: [{ ...op, value: line }] });
      (current ? current.content : out).push(p);
    }
    return out;
  }
}

/** A department's own heading line: "一、标题" or "（一）标题". */
const OWN_HEADING = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])\s*(.+)$/;

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
export function reportTitle(w: Writer): Piece {
  return say`${w.text('单位名称')}${w.year()}年度部门整体支出绩效自评报告`;
}

/** Drafts the whole report. Pure: same inputs, same draft. */
export function draftReport(ctx: DraftInput): ReportDraft {
  const w = new Writer(ctx.model);
  const context: ReportContext = { ...ctx, w, headline: headline(ctx.scores, ctx.findings, ctx.complete ?? true) };
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
    const section: ReportSection = { id, level: lv, number, heading, blocks: [] };
    sections.push(section);
    for (const c of content) {
      if (c.kind === 'section') emit(`${id}/${c.id}`, lv + 1, c.heading, c.content);
      // A block after a sub-section (e.g. a 小结) follows it in reading order: it joins the last section written.
      else sections[sections.length - 1].blocks.push(c);
    }
  };

  for (const decl of REPORT_SECTIONS as SectionDecl[]) {
    if (decl.when && !decl.when(context)) continue;
    const heading = typeof decl.heading === 'function' ? decl.heading(context) : decl.heading;
    emit(decl.id, decl.level, heading, decl.build ? decl.build(context) : []);
  }

  const title = reportTitle(w);
  return { title: title.text, sections, titleSources: title.sources };
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

