/**
 * Runs the reconciliation checks of src/catalogue/checks.ts over a model and turns what fails into
 * Chinese findings: rounding-aware tolerance, unit slips, cascades folded under their root, and the
 * department's explanations (出错说明) attached.
 *
 * A finding's `expected` is what the rule says the checked figure should be (应为: the sum of the
 * parts, the whole, the recomputed rate), `computed` is what the workbook's figures give for it
 * (实为), and `difference` = computed − expected.
 */
import type Decimal from 'decimal.js';
import { CHECKS, CHECK_FAMILIES, CheckContext, CheckDecl, CheckFamily, Comparison, Notice, Term } from '../catalogue/checks';
import { INPUT_BY_NAME } from '../catalogue/inputs';
import type { InputKind } from '../catalogue/types';
import { D, fixed, money, sum, ZERO } from './decimal';
import type { Model } from './model';
import type { Finding, IndicatorResult, Operand, Quantity, QuantityKind, ScoreSheet } from './results';
import type { Severity } from './types';

export interface CheckOptions {
  /** Rounding each summed figure may carry (default 0.005: half a unit of the 2nd decimal). */
  tolerancePerTerm?: Decimal;
}

const DEFAULT_PER_TERM = new D('0.005');
const TEN_THOUSAND = new D(10000);

/** What a failed comparison or notice became, before folding. */
interface Raw {
  finding: Finding;
  family: CheckFamily;
  order: number;
  /** Keys (address or name) of the cells whose error would explain the finding. */
  suspects: string[];
  suspectOperands: Operand[];
  checkId: string;
  key?: string;
  follows?: string[];
}

// ------------------------------------------------------------------ formatting

function show(x: Decimal, kind: InputKind): string {
  return showPlain(x, kind).replace(/^-/, '−');
}

function showPlain(x: Decimal, kind: InputKind): string {
  switch (kind) {
    case 'rate':
      return `${fixed(x, 2)}%`;
    case 'count':
    case 'year':
      return x.isInteger() ? x.toFixed(0) : fixed(x, 2);
    case 'score':
      return `${fixed(x, 2)}分`;
    default:
      return money(x);
  }
}

function signed(x: Decimal, kind: InputKind): string {
  const body = kind === 'rate' ? `${fixed(x.abs(), 2)} 个百分点` : show(x.abs(), kind);
  return `${x.isNegative() && !x.isZero() ? '−' : '+'}${body}`;
}

/** The cells a message lists: all of them up to a dozen, then a count (a table of 10,000 rows stays readable). */
export const MAX_LISTED_CELLS = 12;
function cellList(ops: Operand[]): string {
  const listed = ops.slice(0, MAX_LISTED_CELLS).map(operandText).join('；');
  return ops.length > MAX_LISTED_CELLS ? `${listed}；……等共 ${ops.length} 个单元格（见“问题清单”）` : listed;
}

function operandText(o: Operand): string {
  const v = o.value;
  const kind = kindOfName(o.name);
  const value =
    v === null ? '（空）' : typeof v === 'object' ? show(v as Decimal, kind) : typeof v === 'boolean' ? (v ? '是' : '否') : `“${v}”`;
  return `${o.address ?? '（未定位）'} ${o.label} ${value}`;
}

function kindOfName(name: string): InputKind {
  const d = INPUT_BY_NAME.get(name);
  if (d?.type === 'scalar') return d.kind;
  if (d?.type === 'table') return 'text';
  if (/\.编制数$|\.在职人数$/.test(name)) return 'count';
  if (/\.自评得分$/.test(name)) return 'score';
  return 'amount';
}

function keyOf(o: Operand): string {
  return o.address ?? o.name;
}

function dedupe(ops: Operand[]): Operand[] {
  const seen = new Set<string>();
  return ops.filter((o) => {
    const k = keyOf(o);
    if (!k || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A figure with its kind, as a finding carries it (amounts, rates, counts, scores, years). */
function quantity(value: Decimal, kind: InputKind): Quantity {
  return { value, kind: kind === 'text' ? 'amount' : (kind as QuantityKind) };
}

// ------------------------------------------------------------------ context

function normaliseId(s: string): string {
  return s.replace(/[“”"'‘’\s]/g, '');
}

function context(model: Model, indicators: IndicatorResult[], scores: ScoreSheet | null): CheckContext {
  const operand = (name: string): Operand => {
    const d = INPUT_BY_NAME.get(name);
    if (d?.type === 'scalar') {
      const s = model.scalar(name);
      return { name, label: d.label, value: s.value, address: s.address };
    }
    return { name, label: d?.label ?? name, value: null, address: model.address(name) };
  };
  return {
    model,
    indicators,
    scores,
    operand,
    term(name, sign = 1) {
      const d = INPUT_BY_NAME.get(name);
      const o = operand(name);
      const numeric = o.value !== null && typeof o.value === 'object';
      return { operand: { ...o, value: numeric ? o.value : null }, sign, kind: d?.type === 'scalar' ? d.kind : 'amount' };
    },
    indicator(id) {
      const want = normaliseId(id);
      return indicators.find((i) => normaliseId(i.id) === want) ?? indicators.find((i) => normaliseId(i.label) === want);
    },
  };
}

// ------------------------------------------------------------------ evaluation

function present(ts: Term[]): Term[] {
  return ts.filter((t) => t.operand.value !== null);
}

function total(ts: Term[]): Decimal {
  return sum(present(ts).map((t) => (t.operand.value as Decimal).times(t.sign)));
}

interface Evaluated {
  holds: boolean;
  L: Decimal;
  R: Decimal;
  tol: Decimal;
  tolNote: string;
  kind: InputKind;
  /** A term that, read in 万元 instead of 元 (or the reverse), makes the identity hold. */
  slip?: { term: Term; factor: 'div' | 'mul' };
}

function evaluate(c: Comparison, perTerm: Decimal): Evaluated | 'skip' | 'unavailable' {
  const left = present(c.left);
  if (c.left.length > 0 && left.length === 0) return 'skip';
  if (c.rightValue === undefined && present(c.right).length === 0) return 'skip';
  if (c.unavailable) return 'unavailable';
  if (c.rightValue === null) return 'skip';
  const L = total(c.left);
  const R = c.rightValue ?? total(c.right);
  const all = [...left, ...present(c.right)];
  const amounts = all.filter((t) => t.kind === 'amount').length;
  const kind = c.left[0]?.kind ?? 'amount';
  let tol: Decimal;
  let tolNote: string;
  if (c.tolerance) {
    tol = c.tolerance;
    tolNote = kind === 'rate' ? `容差 ±${tol.toString()} 个百分点（所列比率保留两位小数的四舍五入误差）` : `容差 ±${tol.toString()}`;
  } else if (amounts > 0) {
    tol = D.max(perTerm.times(amounts), perTerm.times(2));
    tolNote = `容差 ±${tol.toString()}（${amounts} 个金额各按 ±${perTerm.toString()} 的四舍五入误差计）`;
  } else {
    tol = ZERO;
    tolNote = '容差 0（人数、年度应完全相等）';
  }
  const diff = L.minus(R);
  const holds = c.relation === '=' ? diff.abs().lte(tol) : diff.lte(tol);
  const out: Evaluated = { holds, L, R, tol, tolNote, kind };
  if (!holds && c.relation === '=' && c.rightValue === undefined && all.every((t) => t.kind === 'amount')) {
    // A figure typed in 元 among 万元 figures: rescaling that one term makes the identity hold.
    for (const factor of ['div', 'mul'] as const) {
      for (const t of all) {
        const v = t.operand.value as Decimal;
        // Too small to tell a unit slip from an ordinary mismatch.
        if (v.abs().lte(tol) || (factor === 'div' && v.abs().div(TEN_THOUSAND).lte(tol))) continue;
        const scaled = factor === 'div' ? v.div(TEN_THOUSAND) : v.times(TEN_THOUSAND);
        const side = c.left.includes(t) ? 1 : -1;
        const d2 = diff.minus(v.minus(scaled).times(t.sign).times(side));
        if (d2.abs().lte(tol.plus(perTerm.times(2)))) {
          out.slip = { term: t, factor };
          break;
        }
      }
      if (out.slip) break;
    }
  }
  return out;
}

function comparisonFinding(decl: CheckDecl, c: Comparison, e: Evaluated, order: number): Raw {
  const baseId = c.key ? `${decl.id}.${c.key}` : decl.id;
  const shown = dedupe([...c.left.filter((t) => t.operand.value !== null || c.left.length === 1).map((t) => t.operand), ...present(c.right).map((t) => t.operand), ...(c.context ?? [])]);
  const severity: Severity = c.severity ?? decl.severity;
  const title = c.subject ? `${decl.title}（${c.subject}）` : decl.title;
  const diff = e.L.minus(e.R);
  let family = decl.family;
  let id = baseId;
  let suspects = (c.suspects ?? [...present(c.left), ...present(c.right)].map((t) => t.operand)).filter((o) => o.name || o.address);
  let nextStep = c.nextStep ?? decl.nextStep;
  let lead = '';
  let findingSeverity = severity;
  if (e.slip) {
    const t = e.slip.term.operand;
    const v = t.value as Decimal;
    family = '单位';
    id = `unit.${baseId}`;
    suspects = [t];
    findingSeverity = '错误';
    lead =
      e.slip.factor === 'div'
        ? `${t.address ?? ''} ${t.label} 填的是 ${money(v)}，约为应有数的 10000 倍，像是按元填列；按万元应为 ${money(v.div(TEN_THOUSAND))}。`
        : `${t.address ?? ''} ${t.label} 填的是 ${money(v)}，约为应有数的万分之一，其他数可能按元填列。`;
    nextStep = '把该数换算为万元（元 ÷ 10000）后重新运行。';
  }
  let what: string;
  if (c.relation === '≤') {
    what = `应满足：${c.statement}。上限 ${show(e.R, e.kind)}，实为 ${show(e.L, e.kind)}，超出 ${signed(diff, e.kind)}；${e.tolNote}。`;
  } else {
    what = `应满足：${c.statement}。应为 ${show(e.R, e.kind)}，实为 ${show(e.L, e.kind)}，差额 ${signed(diff, e.kind)}；${e.tolNote}。`;
    if (e.kind === 'rate' && e.L.isNegative() !== e.R.isNegative() && !e.L.isZero() && !e.R.isZero() && e.L.plus(e.R).abs().lte(new D('0.05')))
      what += `报告所列比率的正负号弄反了：按公式计算为${e.R.isNegative() ? '负数（比上年减少）' : '正数（比上年增加）'}。`;
  }
  const finding: Finding = {
    id,
    rule: decl.id,
    title: family === '单位' ? `${title}：疑似单位错误` : title,
    family,
    severity: findingSeverity,
    kind: e.slip ? 'unitSlip' : c.relation === '≤' ? 'exceeds' : 'mismatch',
    statement: c.statement,
    message: '',
    expected: quantity(e.R, e.kind),
    computed: quantity(e.L, e.kind),
    difference: quantity(diff, e.kind),
    tolerance: quantity(e.tol, e.kind),
    toleranceBasis: e.tolNote,
    operands: shown,
    primary: e.slip?.term.operand,
    slip: e.slip ? { operand: e.slip.term.operand, factor: e.slip.factor } : undefined,
    nextStep,
  };
  finding.message = `${lead}${what}涉及单元格：${cellList(shown)}。`;
  return { finding, family, order, suspects: suspects.map(keyOf), suspectOperands: suspects, checkId: decl.id, key: c.key, follows: c.follows };
}

function unavailableFinding(decl: CheckDecl, c: Comparison, order: number): Raw {
  const shown = dedupe([...c.left.map((t) => t.operand), ...(c.context ?? [])]);
  const finding: Finding = {
    id: c.key ? `${decl.id}.${c.key}` : decl.id,
    rule: decl.id,
    title: c.subject ? `${decl.title}（${c.subject}）` : decl.title,
    family: decl.family,
    severity: '提示',
    kind: 'cannotVerify',
    statement: c.statement,
    detail: c.unavailable,
    message: `无法核对：${c.statement}。${c.unavailable}。涉及单元格：${cellList(shown)}。`,
    operands: shown,
    nextStep: '补齐计算所需的数据后重新运行；如报告不应列示该比率，删去报告所列数。',
  };
  return { finding, family: decl.family, order, suspects: c.left.map((t) => keyOf(t.operand)), suspectOperands: c.left.map((t) => t.operand), checkId: decl.id, key: c.key };
}

function noticeFinding(decl: CheckDecl, n: Notice, order: number): Raw {
  const ops = n.operands;
  const finding: Finding = {
    id: `${decl.id}.${n.key}`,
    rule: decl.id,
    title: decl.title,
    family: decl.family,
    severity: n.severity ?? decl.severity,
    kind: 'notice',
    detail: n.what,
    message: `${n.what}。${ops.some((o) => o.address) ? `涉及单元格：${ops.filter((o) => o.address).map((o) => `${o.address}${o.label ? ` ${o.label}` : ''}`).join('；')}。` : ''}`.replace(/。。/g, '。'),
    operands: ops,
    nextStep: n.nextStep ?? decl.nextStep,
  };
  return { finding, family: decl.family, order, suspects: ops.map(keyOf).filter((k) => k), suspectOperands: ops, checkId: decl.id, key: n.key };
}

// ------------------------------------------------------------------ cascades

const SEVERITY_RANK: Record<Severity, number> = { 错误: 0, 提示: 1 };

/** Nests findings that declare what they follow from (a 一级 score under its wrong 三级 score). */
function nestDeclared(raws: Raw[]): Raw[] {
  const byKey = new Map(raws.filter((r) => r.key).map((r) => [`${r.checkId}|${r.key}`, r]));
  const nested = new Set<Raw>();
  for (const r of raws) {
    const parent = r.follows?.map((k) => byKey.get(`${r.checkId}|${k}`)).find((p) => p && p !== r);
    if (parent) {
      (parent.finding.consequences ??= []).push(r.finding);
      nested.add(r);
    }
  }
  return raws.filter((r) => !nested.has(r));
}

/**
 * Folds findings that share a suspect cell: the cell in the most failing checks (less the holding
 * identities it also takes part in) is taken as the wrong figure; the most specific finding about it
 * becomes the root and the others its consequences.
 */
function fold(raws: Raw[], passes: Map<string, number>): Raw[] {
  let remaining = [...raws];
  const blamed = new Map<Raw, Array<{ where: string; n: number }>>();
  for (;;) {
    // Weights: a failing 错误 counts 2, a failing 提示 (weaker evidence) 1, a holding identity −2.
    const fails = new Map<string, number>();
    const weight = new Map<string, number>();
    const firstSeen: string[] = [];
    for (const r of remaining)
      for (const k of new Set(r.suspects)) {
        if (!fails.has(k)) firstSeen.push(k);
        fails.set(k, (fails.get(k) ?? 0) + 1);
        weight.set(k, (weight.get(k) ?? 0) + (r.finding.severity === '错误' ? 2 : 1));
      }
    let best: string | null = null;
    let bestScore = 2;
    let bestFails = 0;
    for (const k of firstSeen) {
      const f = fails.get(k)!;
      const score = weight.get(k)! - 2 * (passes.get(k) ?? 0);
      if (f >= 2 && (score > bestScore || (score === bestScore && best !== null && f > bestFails))) {
        best = k;
        bestScore = score;
        bestFails = f;
      }
    }
    if (best === null) break;
    const key = best;
    const group = remaining.filter((r) => r.suspects.includes(key));
    group.sort(
      (x, y) =>
        SEVERITY_RANK[x.finding.severity] - SEVERITY_RANK[y.finding.severity] ||
        CHECK_FAMILIES.indexOf(x.family) - CHECK_FAMILIES.indexOf(y.family) ||
        x.suspects.length - y.suspects.length ||
        x.order - y.order,
    );
    const [root, ...rest] = group;
    const cell = root.suspectOperands.find((o) => keyOf(o) === key);
    const where = cell ? `${cell.address ?? ''} ${cell.label}`.trim() : key;
    // A root stays in play: a later shared cell may bring more consequences (or nest it under another root).
    root.finding.consequences = [...(root.finding.consequences ?? []), ...rest.map((r) => r.finding)];
    blamed.set(root, [...(blamed.get(root) ?? []), { where, n: rest.length }]);
    remaining = remaining.filter((r) => !rest.includes(r));
  }
  for (const [root, cells] of blamed) {
    const n = cells.reduce((a, c) => a + c.n, 0);
    const wheres = cells.map((c) => c.where).join('、');
    root.finding.message += `${wheres} 还导致另外 ${n} 项核对不符（列在本条之下）。`;
    root.finding.nextStep = `先核对 ${wheres}：它同时出现在本条及下列 ${n} 项不符的核对中，很可能是填错的数。${root.finding.nextStep}`;
  }
  return remaining;
}

// ------------------------------------------------------------------ explanations

function walk(fs: Finding[], visit: (f: Finding) => void): void {
  for (const f of fs) {
    visit(f);
    if (f.consequences) walk(f.consequences, visit);
  }
}

/** The explanation the department gave for a finding (its 偏差原因 in the report), searching consequences too. */
export function explanationOf(findings: Finding[], id: string): string | undefined {
  let found: string | undefined;
  walk(findings, (f) => {
    if (found === undefined && f.id === id) found = f.explanation;
  });
  return found;
}

/** 说明状态 as the findings list shows it. */
export function explanationStatus(f: Finding): string {
  if (f.explanation) return f.severity === '提示' ? '已说明' : '已说明（错误仍须改正）';
  return f.severity === '提示' ? '待说明' : '须改正';
}

/** Every finding with its depth under a root (0 for roots), in list order. */
export function flattenFindings(findings: Finding[]): Array<{ finding: Finding; depth: number }> {
  const out: Array<{ finding: Finding; depth: number }> = [];
  const go = (fs: Finding[], depth: number) => {
    for (const f of fs) {
      out.push({ finding: f, depth });
      if (f.consequences) go(f.consequences, depth + 1);
    }
  };
  go(findings, 0);
  return out;
}

function attachExplanations(model: Model, findings: Finding[]): Finding[] {
  const table = model.tables.get('出错说明表');
  if (!table) return findings;
  const byId = new Map<string, { text: string; row: (typeof table.rows)[number] }>();
  for (const row of table.rows) {
    const id = row.cells['规则编号']?.value;
    const text = row.cells['说明']?.value;
    if (typeof id === 'string' && typeof text === 'string' && text.trim()) byId.set(id.trim(), { text: text.trim(), row });
  }
  const used = new Set<string>();
  walk(findings, (f) => {
    const e = byId.get(f.id);
    if (e) {
      f.explanation = e.text;
      used.add(f.id);
    }
  });
  const stale: Finding[] = [];
  for (const [id, e] of byId) {
    if (used.has(id)) continue;
    const cell = e.row.cells['规则编号'];
    stale.push({
      id: `input.出错说明.${id}`,
      rule: 'input',
      title: '出错说明没有对应的问题',
      family: '输入',
      severity: '提示',
      kind: 'notice',
      message: `${cell.address ?? ''}（出错说明表·规则编号）填的“${id}”本次没有对应的问题：问题可能已改正，或规则编号抄错。涉及单元格：${cell.address ?? '（未定位）'} 规则编号 “${id}”。`,
      operands: [{ name: '出错说明表', label: '规则编号', value: id, address: cell.address }],
      nextStep: '核对规则编号是否与“问题清单”的“规则”栏一致；问题已改正的，删除该行。',
    });
  }
  return [...findings, ...stale];
}

// ------------------------------------------------------------------ entry point

/** Runs every check; returns the findings, roots first by severity then catalogue order, consequences nested. */
export function runChecks(model: Model, indicators: IndicatorResult[], scores: ScoreSheet | null, options: CheckOptions = {}): Finding[] {
  const perTerm = options.tolerancePerTerm ?? DEFAULT_PER_TERM;
  const ctx = context(model, indicators, scores);
  const raws: Raw[] = [];
  const passes = new Map<string, number>();
  let order = 0;
  CHECKS.forEach((decl) => {
    for (const o of decl.run(ctx)) {
      order++;
      if (o.type === 'notice') {
        raws.push(noticeFinding(decl, o, order));
        continue;
      }
      const e = evaluate(o, perTerm);
      if (e === 'skip') continue;
      if (e === 'unavailable') {
        raws.push(unavailableFinding(decl, o, order));
        continue;
      }
      if (e.holds) {
        // A figure in an identity that holds is corroborated: it is less likely the wrong one.
        if (o.relation === '=') {
          const ks = (o.suspects ?? [...present(o.left), ...present(o.right)].map((t) => t.operand)).map(keyOf);
          for (const k of new Set(ks)) passes.set(k, (passes.get(k) ?? 0) + 1);
        }
        continue;
      }
      raws.push(comparisonFinding(decl, o, e, order));
    }
  });
  const roots = fold(nestDeclared(raws), passes);
  roots.sort((a, b) => SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] || a.order - b.order);
  const findings = attachExplanations(
    model,
    roots.map((r) => r.finding),
  );
  walk(findings, (f) => {
    f.message = `${f.title}：${f.message}建议：${f.nextStep}`;
  });
  return findings;
}
