/**
 * Checks the numbers of a report's own text: locates its blocks, binds its figures to quantities,
 * runs every claim kind of src/catalogue/claims.ts and judges each claim with the workbook checks'
 * comparison (src/core/comparison.ts): 成立, 不成立 or 无法核实, at the precision each figure was
 * stated, with the arithmetic shown and the sentence quoted. A claim that fails also carries a
 * Finding, so every surface renders it as it renders a workbook finding.
 *
 * Pure: text blocks in, claims out. Hosts read the files (src/hosts/report/*).
 */
import type Decimal from 'decimal.js';
import type { ClaimComparison, ClaimContext, ClaimDraft, ClaimKind } from '../../catalogue/claimContract';
import { CLAIM_KINDS } from '../../catalogue/claims';
import type { Comparison, Term } from '../../catalogue/contract';
import { INDICATOR_BY_ID } from '../../catalogue/indicators';
import type { Variants } from '../../catalogue/types';
import { evaluateComparison } from '../comparison';
import { D, fixed, money } from '../decimal';
import { computeIndicator, DEFAULT_VARIANTS } from '../indicators';
import type { Model } from '../model';
import type { CheckOutcome, Finding, FindingKind, Operand, Quantity, QuantityKind } from '../results';
import { DEFAULT_BANDS, type GradeBands } from '../rulebook';
import type { ParsedScalar } from '../types';
import { gradeOf } from '../scoring';
import { locate, type LocatedDocument, type SourceDocument } from './document';
import {
  bind,
  type Bindings,
  type Bound,
  columnHeader,
  type Key,
  keyText,
  keyWords,
  type Place,
  placeText,
  quoteOf,
  readLabel,
  rowLabel,
  sentenceAt,
  shortPlace,
} from './quantities';
import { chineseNumber, comparable, compact, figuresOf, sentences } from './text';

/** A figure a claim reads, as the JSON and the surfaces show it. */
export interface ClaimFigure {
  /** As written, e.g. `1500.00万元`. */
  text: string;
  /** The number compared (amounts in 万元), e.g. `1500.00`. */
  value: string;
  unit: string | null;
  /** Its label as written. */
  label: string;
  where: string;
}

export interface Claim {
  /** `kind.key`, stable for the same text. */
  id: string;
  kindId: string;
  /** 合计, 占比, 增减变动 … */
  kind: string;
  /** What is wrong when it fails; the rule otherwise. */
  title: string;
  statement: string;
  /** The sentence (or table row) quoted. */
  text: string;
  where: string;
  places: Place[];
  verdict: CheckOutcome;
  /** What the text states, with its unit. */
  stated: string | null;
  /** What its other figures give, with the arithmetic; or what is missing. */
  computed: string | null;
  figures: ClaimFigure[];
  /** What the text does not give (for 无法核实). */
  missing?: string[];
  /** The finding, in the workbook findings' contract (for 不成立 and 无法核实). */
  finding?: Finding;
}

export interface ReportSummary {
  claims: number;
  holds: number;
  fails: number;
  unverifiable: number;
  /** Claims by kind label. */
  byKind: Record<string, number>;
}

export interface ReportCheck {
  doc: LocatedDocument;
  bindings: Bindings;
  claims: Claim[];
  summary: ReportSummary;
}

export interface ReportCheckOptions {
  /** Grade bands (the workbook's rulebook when there is one); default 优 ≥ 90, 良 ≥ 80, 中 ≥ 60. */
  bands?: GradeBands;
  /** The rulebook's 一级 names; default 投入, 过程, 产出, 效果. */
  level1?: string[];
  /** Run only these kinds (a test of one kind alone). */
  only?: readonly string[];
}

const PER_TERM = new D('0.005');
/** Figures a claim lists (its comparison uses all of them). */
const MAX_FIGURES_SHOWN = 50;
const UNIT_OF: Record<QuantityKind, string> = {
  amount: '万元',
  rate: '%',
  count: '',
  score: '分',
  year: '年',
};

// ------------------------------------------------------------------ a model over given figures

/** A model holding only the given figures: what the indicator catalogue's formulas read. */
function figuresModel(values: Map<string, Decimal>): Model {
  const scalar = (name: string): ParsedScalar => {
    const v = values.get(name);
    return { name, value: v ?? null, blank: v === undefined, diagnostics: [], address: undefined };
  };
  return {
    scalars: new Map(),
    tables: new Map(),
    diagnostics: [],
    scalar,
    num: (name) => values.get(name) ?? null,
    text: () => null,
    table: (name) => ({ name, rows: [], diagnostics: [] }),
    address: () => undefined,
  };
}

// ------------------------------------------------------------------ formatting

/** A number as the arithmetic shows it: amounts with at least 2 decimals, rates in %, counts whole. */
export function shown(v: Decimal, kind: QuantityKind): string {
  const s = (() => {
    switch (kind) {
      case 'rate':
        return `${fixed(v, Math.max(2, Math.min(4, v.decimalPlaces())))}%`;
      case 'count':
        return v.isInteger() ? v.toFixed(0) : fixed(v, 2);
      case 'score':
        return v.isInteger() ? v.toFixed(0) : fixed(v, 2);
      default:
        return v.toFixed(Math.min(6, Math.max(2, v.decimalPlaces())));
    }
  })();
  return s.replace(/^-/, '−');
}

function withUnit(text: string, kind: QuantityKind): string {
  const u = UNIT_OF[kind];
  return u && u !== '%' ? `${text} ${u}` : text;
}

function termsText(terms: Array<{ value: Decimal | null; sign: number }>, kind: QuantityKind): string {
  return terms
    .map((t, i) => {
      const v = t.value === null ? '（空）' : shown(t.value.abs(), kind);
      const neg = t.sign < 0 !== (t.value?.isNegative() ?? false);
      return i === 0 ? `${neg ? '−' : ''}${v}` : `${neg ? ' − ' : ' + '}${v}`;
    })
    .join('');
}

// ------------------------------------------------------------------ judging

function operandOf(doc: LocatedDocument, b: Bound, kind: QuantityKind): Operand {
  return {
    name: '',
    label: b.label || keyWords(b.key!),
    value: b.figure ? comparable(b.figure) : null,
    address: placeText(doc, b.place),
    kind,
  };
}

function figureOf(doc: LocatedDocument, b: Bound): ClaimFigure {
  return {
    text: b.figure.raw + (b.unitInferred && !b.figure.unit ? '' : ''),
    value: comparable(b.figure).toString(),
    unit: b.figure.unit ?? b.unitInferred ?? null,
    label: b.label,
    where: placeText(doc, b.place),
  };
}

function defaultTolerance(c: ClaimComparison): { tol: Decimal; note: string } {
  const figs = [...c.left, ...c.right].filter((t) => !t.blank);
  const tol = figs.reduce<Decimal>((a, t) => a.plus(t.figure.figure.half), new D(0));
  const halves = [...new Set(figs.map((t) => t.figure.figure.half.toString()))];
  const each = halves.length === 1 ? `各按 ±${halves[0]}` : '各按所写位数';
  return {
    tol,
    note: `容差 ±${tol.toString()}（${figs.length} 个数${each}的四舍五入误差计）`,
  };
}

interface Judged {
  verdict: CheckOutcome;
  stated: string;
  computed: string;
  finding?: Partial<Finding>;
}

function judgeComparison(doc: LocatedDocument, c: ClaimComparison): Judged {
  const kind = c.kind;
  const term = (t: ClaimComparison['left'][number]): Term => ({
    operand: t.blank ? { ...operandOf(doc, t.figure, kind), value: null } : operandOf(doc, t.figure, kind),
    sign: t.sign ?? 1,
    kind: kind === 'score' ? 'score' : kind === 'rate' ? 'rate' : kind === 'count' ? 'count' : 'amount',
  });
  const { tol, note } = c.tolerance
    ? { tol: c.tolerance, note: c.toleranceNote ?? `容差 ±${c.tolerance.toString()}` }
    : defaultTolerance(c);
  const comparison: Comparison = {
    type: 'comparison',
    relation: c.relation,
    left: c.left.map(term),
    right: c.right.map(term),
    rightValue: c.rightValue,
    statement: '',
    // A zero tolerance must still be given, or the comparison picks its own.
    tolerance: tol,
    toleranceNote: note,
  };
  const e = evaluateComparison(comparison, PER_TERM);
  const valueOf = (t: ClaimComparison['left'][number]) => ({
    value: t.blank ? null : comparable(t.figure.figure),
    sign: t.sign ?? 1,
  });
  const leftValues = c.left.map(valueOf);
  const rightValues = c.right.map(valueOf);
  const L = leftValues.reduce<Decimal>((a, t) => (t.value ? a.plus(t.value.times(t.sign)) : a), new D(0));
  const stated =
    c.left.length === 1
      ? withUnit(shown(L, kind), kind)
      : `${termsText(leftValues, kind)} = ${withUnit(shown(L, kind), kind)}`;
  if (!('L' in e)) return { verdict: '无法核实', stated, computed: c.computedText ?? '' };
  const R = e.R;
  const computed =
    c.computedText ??
    (c.right.length === 1 && c.rightValue === undefined
      ? withUnit(shown(R, kind), kind)
      : `${termsText(rightValues, kind)} = ${withUnit(shown(R, kind), kind)}`);
  const diff = e.L.minus(R);
  const q = (v: Decimal): Quantity => ({ value: v, kind });
  const signReversed =
    c.relation === '=' &&
    kind === 'rate' &&
    e.L.isNegative() !== R.isNegative() &&
    !e.L.isZero() &&
    !R.isZero() &&
    e.L.plus(R).abs().lte(e.tol.plus('0.05'));
  const findingKind: FindingKind =
    c.relation === '≤' ? 'exceeds' : signReversed ? 'signReversed' : 'mismatch';
  return {
    verdict: e.outcome,
    stated,
    computed,
    finding: {
      kind: e.outcome === '无法核实' ? 'cannotVerify' : findingKind,
      expected: q(R),
      computed: q(e.L),
      difference: q(diff),
      tolerance: q(e.tol),
      toleranceBasis: e.tolNote,
    },
  };
}

function nextStepOf(verdict: CheckOutcome, draft: ClaimDraft): string {
  if (verdict === '无法核实') return '报告未写明核对所需的数；补充后可核实，或在定稿前人工核对。';
  if (draft.nextStep) return draft.nextStep;
  if (draft.slip)
    return draft.slip.factor === 'missing'
      ? `给该数补上单位（${draft.slip.unit}）。`
      : `核对该数的单位：按同句各数应为${draft.slip.unit}。`;
  return '核对原始报表，改正报告中写错的数（同一个数在各处应写成一样），改后再核对一次。';
}

function toClaim(kind: ClaimKind, draft: ClaimDraft, doc: LocatedDocument): Claim {
  const where = placeText(doc, draft.places[0]);
  const text = quoteOf(doc, draft.places[0], draft.span, draft.figures[0]?.place);
  let judged: Judged;
  if (draft.decided)
    judged = {
      verdict: draft.decided.verdict,
      stated: draft.decided.stated,
      computed: draft.decided.computed ?? '',
    };
  else if (draft.comparison) judged = judgeComparison(doc, draft.comparison);
  else judged = { verdict: '无法核实', stated: '', computed: '' };
  if (draft.missing?.length && judged.verdict !== '不成立') {
    judged.verdict = '无法核实';
    judged.computed = judged.computed || `无法核实：缺${draft.missing.join('、')}`;
  }
  // The figures shown: all a reader needs (a sum of thousands of parts is judged on all, shown by the first).
  const figures = draft.figures.slice(0, MAX_FIGURES_SHOWN).map((b) => figureOf(doc, b));
  const claim: Claim = {
    id: `${kind.id}.${draft.key}`,
    kindId: kind.id,
    kind: kind.label,
    title: judged.verdict === '成立' ? draft.statement : draft.title,
    statement: draft.statement,
    text,
    where,
    places: draft.places,
    verdict: judged.verdict,
    stated: judged.stated || null,
    computed: judged.computed || null,
    figures,
    missing: draft.missing?.length ? draft.missing : undefined,
  };
  if (judged.verdict !== '成立') {
    const kindOfFinding: FindingKind =
      judged.verdict === '无法核实'
        ? 'cannotVerify'
        : draft.slip
          ? 'unitSlip'
          : (judged.finding?.kind ?? 'notice');
    const operands = draft.figures
      .slice(0, MAX_FIGURES_SHOWN)
      .map((b) =>
        operandOf(doc, b, draft.comparison?.kind ?? (b.figure.kind === 'amount' ? 'amount' : 'count'))
      );
    const slipOperand = draft.slip ? operands[draft.figures.indexOf(draft.slip.figure)] : undefined;
    claim.finding = {
      id: `claim.${claim.id}`,
      rule: `claim.${kind.id}`,
      family: draft.slip ? '单位' : kind.family,
      title: claim.title,
      severity: judged.verdict === '不成立' ? '错误' : '提示',
      kind: kindOfFinding,
      statement: draft.statement,
      ...(judged.verdict === '不成立' && !draft.slip ? judged.finding : {}),
      operands,
      primary: slipOperand ?? operands[0],
      ...(draft.slip && slipOperand
        ? {
            slip: {
              operand: slipOperand,
              factor: draft.slip.factor === 'div' ? 'div' : draft.slip.factor === 'mul' ? 'mul' : 'unit',
            },
          }
        : {}),
      detail:
        draft.decided?.why ?? (judged.verdict === '无法核实' ? (claim.computed ?? undefined) : undefined),
      missing: undefined,
      nextStep: nextStepOf(judged.verdict, draft),
    } as Finding;
  }
  return claim;
}

// ------------------------------------------------------------------ entry point

function context(doc: LocatedDocument, bindings: Bindings, options: ReportCheckOptions): ClaimContext {
  const byKey = new Map<string, Bound[]>();
  for (const b of bindings.figures) {
    if (!b.key) continue;
    const k = keyText(b.key);
    const list = byKey.get(k);
    if (list) list.push(b);
    else byKey.set(k, [b]);
  }
  return {
    doc,
    bindings,
    year: doc.year,
    bands: options.bands ?? DEFAULT_BANDS,
    level1: options.level1 ?? ['投入', '过程', '产出', '效果'],
    decimal: (v) => new D(v),
    statements: (key: Key) => byKey.get(keyText(key)) ?? [],
    keyText,
    keyWords,
    placeText: (p) => placeText(doc, p),
    shortPlace: (p) => shortPlace(doc, p),
    indicator(id, values, variant) {
      const decl = INDICATOR_BY_ID.get(id);
      if (!decl) throw new Error(`指标目录中没有“${id}”`);
      const variants: Variants = { ...DEFAULT_VARIANTS };
      if (variant && 'choices' in decl.rule)
        (variants as unknown as Record<string, string>)[decl.rule.variant] = variant;
      return computeIndicator(decl, figuresModel(values), variants);
    },
    variants(id) {
      const decl = INDICATOR_BY_ID.get(id);
      return decl && 'choices' in decl.rule ? Object.keys(decl.rule.choices) : [];
    },
    percent: (points, decimals = 2) => `${fixed(points, decimals)}%`.replace(/^-/, '−'),
    money,
    headings: doc.headings,
    grade: (total) => gradeOf(total, options.bands ?? DEFAULT_BANDS),
    value: (b) => comparable(b.figure),
    sentences,
    sentenceAt: (pi, offset) => sentenceAt(doc.paragraphs[pi], offset),
    figures: figuresOf,
    compact,
    readLabel: (label) => readLabel(label, doc.year),
    number: chineseNumber,
    cell: (table, row, column) => bindings.byCell.get(`${table}:${row}:${column}`),
    blankCell: (table, row, column) => ({
      id: -1,
      figure: {
        start: 0,
        end: 0,
        raw: '（空）',
        value: new D(0),
        decimals: 2,
        unit: null,
        kind: 'bare',
        half: new D(0),
        approx: false,
      },
      label: `${rowLabel(doc.tables[table], row)?.text ?? ''} × ${columnHeader(doc.tables[table], column)}`,
      place: { table, row, column, start: 0, end: 0 },
    }),
    rowLabel: (t, row) => rowLabel(t, row)?.text,
    columnHeader,
    paragraphFigures: (pi) => bindings.byParagraph.get(pi) ?? [],
  };
}

function summarise(claims: Claim[]): ReportSummary {
  const byKind: Record<string, number> = {};
  for (const c of claims) byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
  return {
    claims: claims.length,
    holds: claims.filter((c) => c.verdict === '成立').length,
    fails: claims.filter((c) => c.verdict === '不成立').length,
    unverifiable: claims.filter((c) => c.verdict === '无法核实').length,
    byKind,
  };
}

/** Locates and binds a document: the figures every claim kind reads. */
export function readReport(source: SourceDocument): { doc: LocatedDocument; bindings: Bindings } {
  const doc = locate(source);
  return { doc, bindings: bind(doc) };
}

/**
 * Every claim of a report's text with its verdict. Pure: give it the blocks a reader made
 * (src/hosts/report: textBlocks, docxBlocks, pdfBlocks).
 */
export function checkReport(source: SourceDocument, options: ReportCheckOptions = {}): ReportCheck {
  const { doc, bindings } = readReport(source);
  const ctx = context(doc, bindings, options);
  const only = options.only ? new Set(options.only) : null;
  const claims: Claim[] = [];
  const seen = new Set<string>();
  for (const kind of CLAIM_KINDS) {
    if (only && !only.has(kind.id)) continue;
    for (const draft of kind.find(ctx)) {
      const claim = toClaim(kind, draft, doc);
      if (seen.has(claim.id)) continue;
      seen.add(claim.id);
      claims.push(claim);
    }
  }
  return { doc, bindings, claims, summary: summarise(claims) };
}

/** Adds claims judged elsewhere (the workbook cross-check) to a check, recounting its summary. */
export function withClaims(check: ReportCheck, more: Claim[]): ReportCheck {
  const claims = [...check.claims, ...more];
  return { ...check, claims, summary: summarise(claims) };
}

export { toClaim as judgeDraft };
