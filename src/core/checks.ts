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
import { BLANK_SEVERITY, CHECKS } from '../catalogue/checks';
import type {
  CheckContext,
  CheckDecl,
  CheckFamily,
  Comparison,
  Notice,
  Outcome,
  Term,
} from '../catalogue/contract';
import { INPUT_BY_NAME } from '../catalogue/inputs';
import type { InputKind } from '../catalogue/types';
import { parseRange, RangeRef } from './address';
import { D } from './decimal';
import type { Model } from './model';
import type {
  CheckOutcome,
  CheckResult,
  CheckSummary,
  Finding,
  IndicatorResult,
  Operand,
  Quantity,
  ScoreSheet,
} from './results';
import { allFindings } from './findingTree';
import { asQuantityKind, formatQuantity, formatValue, tableQualified } from './render/quantity';
import { explainsAnError, fold, keyOf, nestDeclared, type Raw, SEVERITY_RANK } from './cascade';
import { evaluateComparison, type Evaluated, present, type Undecided } from './comparison';
import type { FindingSeverity, Severity } from './types';
import { adviseFromData, type Corroboration } from './advice';
import { confirmFigures, type HoldingIdentity } from './doubt';
import { ceilingOf } from './scoring';

export { allFindings, consequenceCount, flattenFindings } from './findingTree';

export interface CheckOptions {
  /** Rounding each summed figure may carry (default 0.005: half a unit of the 2nd decimal). */
  tolerancePerTerm?: Decimal;
  /** Run only these check ids (a test of one check alone); default: every check. */
  only?: readonly string[];
  /**
   * A run over the same model and indicators with other scores (the verified ones, src/core/engine.ts): the checks
   * that do not read the scores (CheckDecl.readsScores) take its comparisons as decided instead of running again;
   * the findings are built afresh from them, as a full run builds them.
   */
  rescoring?: CheckRun;
}

const DEFAULT_PER_TERM = new D('0.005');

// ------------------------------------------------------------------ operands

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
  return { value, kind: asQuantityKind(kind) ?? 'amount' };
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
      const kind = asQuantityKind(d.kind);
      return { name, label: d.label, value: s.value, address: s.address, ...(kind ? { kind } : {}) };
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
      return {
        operand: { ...o, value: numeric ? o.value : null },
        sign,
        kind: d?.type === 'scalar' ? d.kind : 'amount',
      };
    },
    decimal: (value) => new D(value),
    percent: (points) => formatValue(points, 'rate'),
    money: (amount) => formatValue(amount, 'amount'),
    quantity: (value, kind) => formatQuantity({ value, kind }),
    ceiling: ceilingOf,
    indicator(id) {
      const want = normaliseId(id);
      return (
        indicators.find((i) => normaliseId(i.id) === want) ??
        indicators.find((i) => normaliseId(i.label) === want)
      );
    },
  };
}

// ------------------------------------------------------------------ consequences

/** Where the engine's results read a figure: each computed indicator with the names and ranges of its inputs. */
interface Readers {
  indicators: Array<{ id: string; names: Set<string>; ranges: RangeRef[] }>;
  scores: ScoreSheet | null;
}

function readersOf(indicators: IndicatorResult[], scores: ScoreSheet | null): Readers {
  return {
    indicators: indicators
      .filter((i) => i.value !== null)
      .map((i) => ({
        id: i.id,
        names: new Set(i.operands.map((o) => o.name).filter((n) => n)),
        ranges: i.operands
          .map((o) => (o.address ? parseRange(o.address) : null))
          .filter((r): r is RangeRef => r !== null),
      })),
    scores,
  };
}

function inside(a: RangeRef, r: RangeRef): boolean {
  return (
    a.sheet === r.sheet && a.top >= r.top && a.bottom <= r.bottom && a.left >= r.left && a.right <= r.right
  );
}

/** The indicators (and the score lines computed from them) that read any of these figures. */
function affectsOf(ops: Operand[], readers: Readers): string[] {
  const cells = ops
    .map((o) => (o.address ? parseRange(o.address) : null))
    .filter((r): r is RangeRef => r !== null);
  const ids = readers.indicators
    .filter(
      (i) => ops.some((o) => i.names.has(o.name)) || cells.some((c) => i.ranges.some((r) => inside(c, r)))
    )
    .map((i) => i.id);
  const lines = (readers.scores?.lines ?? [])
    .filter((l) => l.indicator && ids.includes(l.indicator))
    .map((l) => `评分：${l.level3}`);
  return [...ids, ...lines];
}

/**
 * A failed comparison's severity as the catalogue declares it (the family's, or the comparison's own for a
 * claimed score); a 比率 check keeps the consequence rule: a 提示 when nothing computed reads its figures.
 */
function severityOf(decl: CheckDecl, c: Comparison, affects: string[]): Severity {
  const declared = c.severity ?? decl.severity;
  return decl.byConsequence && declared === '错误' && affects.length === 0 ? '提示' : declared;
}

// ------------------------------------------------------------------ findings

/** The problem a failed comparison states: its own title, the check's, or a sign error named as one. */
function titleOf(decl: CheckDecl, c: Comparison, e?: Evaluated, signReversed = false): string {
  if (signReversed && e) {
    const change = /变动率|增长率|增减率/.test(c.name ?? decl.subject);
    const size = formatValue(e.R.abs(), 'rate');
    const should = change ? `${e.R.isNegative() ? '下降' : '增长'} ${size}` : formatValue(e.R, 'rate');
    return `${c.name ?? decl.subject}正负号有误（应为${should}）`;
  }
  return c.title ?? decl.title;
}

/** The title of a comparison the blanks (or a missing recomputation) leave undecided: never “不一致”. */
function undecidedTitle(decl: CheckDecl, c: Comparison): string {
  if (c.rightValue === null || c.unavailable) return c.title ?? `${decl.subject}无法核实`;
  const t = c.title ?? decl.title;
  return t.endsWith('不一致') ? `${t.slice(0, -3)}无法核实` : `${decl.subject}无法核实`;
}

/** Operands whose labels alone read alike (日常公用经费 in three tables) are named with their table. */
function qualified(ops: Operand[]): Operand[] {
  const bare = ops.map((o) => o.label.replace(/^其中：/, ''));
  const count = new Map<string, number>();
  for (const l of bare) count.set(l, (count.get(l) ?? 0) + 1);
  return ops.map((o, i) => (count.get(bare[i])! > 1 ? { ...o, label: tableQualified(o) } : o));
}

/** What to do about a slip found by rescaling one term of an identity. */
const SLIP_NEXT_STEP: Record<'div' | 'mul', string> = {
  div: '单位应为万元：该数按元填列，换算为万元（元 ÷ 10000）后重新运行。',
  mul: '单位应为万元：该数约为应有数的万分之一，核对同一等式中其他各数是否按元填列，统一换算为万元后重新运行。',
};

function comparisonFinding(
  decl: CheckDecl,
  c: Comparison,
  e: Evaluated,
  order: number,
  readers: Readers
): Raw {
  const baseId = c.key ? `${decl.id}.${c.key}` : decl.id;
  const shown = qualified(
    dedupe([
      ...c.left.filter((t) => t.operand.value !== null || c.left.length === 1).map((t) => t.operand),
      ...present(c.right).map((t) => t.operand),
      ...(c.context ?? []),
    ])
  );
  const diff = e.L.minus(e.R);
  // Each side's stated terms by their place among the operands shown, for the sentence that states the sum.
  const placeOf = new Map<string, number>();
  shown.forEach((o, i) => {
    if (!placeOf.has(keyOf(o))) placeOf.set(keyOf(o), i);
  });
  const places = (ts: Term[]) =>
    present(ts)
      .map((t) => ({ at: placeOf.get(keyOf(t.operand)) ?? -1, sign: t.sign }))
      .filter((t) => t.at >= 0);
  const slip = e.slip?.term.operand;
  let suspects = (c.suspects ?? [...present(c.left), ...present(c.right)].map((t) => t.operand)).filter(
    (o) => o.name || o.address
  );
  if (slip) suspects = [slip];
  const affects = affectsOf([...shown, ...e.missing], readers);
  const signReversed =
    c.relation === '=' &&
    e.kind === 'rate' &&
    e.L.isNegative() !== e.R.isNegative() &&
    !e.L.isZero() &&
    !e.R.isZero() &&
    e.L.plus(e.R).abs().lte(new D('0.05'));
  const family = slip ? '单位' : decl.family;
  const title = titleOf(decl, c, e, signReversed);
  // The identity fails whatever the slip: its family's severity, not the 单位 family's “looks off”.
  const severity = severityOf(decl, c, affects);
  const finding: Finding = {
    id: slip ? `unit.${baseId}` : baseId,
    rule: decl.id,
    family,
    title: slip
      ? e.slip!.factor === 'div'
        ? `${tableQualified(slip)}疑似按元填列`
        : `${title}：${tableQualified(slip)}以外各数疑似按元填列`
      : title,
    severity,
    kind: slip ? 'unitSlip' : c.relation === '≤' ? 'exceeds' : signReversed ? 'signReversed' : 'mismatch',
    statement: c.statement,
    expected: quantity(e.R, e.kind),
    computed: quantity(e.L, e.kind),
    difference: quantity(diff, e.kind),
    tolerance: quantity(e.tol, e.kind),
    toleranceBasis: e.tolNote,
    operands: shown,
    sides: c.rightValue === undefined ? { left: places(c.left), right: places(c.right) } : undefined,
    primary: slip,
    missing: e.missing.length ? qualified(e.missing) : undefined,
    partial: e.partial === 'right' ? 'expected' : e.partial === 'left' ? 'computed' : undefined,
    slip: e.slip ? { operand: slip!, factor: e.slip.factor } : undefined,
    nextStep: e.slip ? SLIP_NEXT_STEP[e.slip.factor] : (c.nextStep ?? decl.nextStep),
    affects: affects.length ? affects : undefined,
  };
  return {
    finding,
    family: family as CheckFamily,
    declared: severity,
    order,
    suspects: suspects.map(keyOf),
    suspectOperands: suspects,
    checkId: decl.id,
    key: c.key,
    follows: c.follows,
    comparison: c,
    evaluated: e,
  };
}

/** 无法核实 as a finding: figures stated but not decidable (a rate that cannot be recomputed, a sum whose gap blanks could fill). */
function cannotVerifyFinding(
  decl: CheckDecl,
  c: Comparison,
  e: Evaluated | Undecided,
  order: number,
  readers: Readers
): Raw {
  const evaluated = 'L' in e ? e : undefined;
  const shown = qualified(
    dedupe([
      ...c.left.map((t) => t.operand),
      ...(evaluated ? present(c.right).map((t) => t.operand) : []),
      ...(c.context ?? []),
    ])
  );
  const affects = affectsOf(shown, readers);
  // Undecided for want of figures: the blanks are to fill (待补); without a blank (a zero base), a 提示 saying why.
  const severity: FindingSeverity = e.missing.length ? BLANK_SEVERITY : '提示';
  const finding: Finding = {
    id: c.key ? `${decl.id}.${c.key}` : decl.id,
    rule: decl.id,
    title: undecidedTitle(decl, c),
    family: decl.family,
    severity,
    kind: 'cannotVerify',
    statement: c.statement,
    detail: 'unavailable' in e ? e.unavailable : undefined,
    expected: evaluated && quantity(evaluated.R, evaluated.kind),
    computed: evaluated && quantity(evaluated.L, evaluated.kind),
    difference: evaluated && quantity(evaluated.L.minus(evaluated.R), evaluated.kind),
    tolerance: evaluated && quantity(evaluated.tol, evaluated.kind),
    toleranceBasis: evaluated?.tolNote,
    operands: shown,
    missing: e.missing.length ? qualified(e.missing) : undefined,
    partial:
      evaluated?.partial === 'right' ? 'expected' : evaluated?.partial === 'left' ? 'computed' : undefined,
    nextStep: evaluated
      ? '补填未填的数（确为 0 的填 0）后重新运行。'
      : '补齐计算所需的数据后重新运行；如报告不应列示该比率，删去报告所列数。',
    affects: affects.length ? affects : undefined,
  };
  const suspects = evaluated
    ? (c.suspects ?? [...present(c.left), ...present(c.right)].map((t) => t.operand)).filter(
        (o) => o.name || o.address
      )
    : c.left.map((t) => t.operand);
  return {
    finding,
    family: decl.family,
    declared: severity,
    order,
    suspects: suspects.map(keyOf),
    suspectOperands: suspects,
    checkId: decl.id,
    key: c.key,
  };
}

function noticeFinding(decl: CheckDecl, n: Notice, order: number): Raw {
  const ops = n.operands;
  const finding: Finding = {
    id: `${decl.id}.${n.key}`,
    rule: decl.id,
    title: n.title ?? decl.title,
    family: decl.family,
    severity: n.severity ?? decl.severity,
    kind: n.slip ? 'unitSlip' : 'notice',
    detail: n.what,
    operands: ops,
    ...(n.slip ? { slip: n.slip, primary: n.slip.operand } : {}),
    nextStep: n.nextStep ?? decl.nextStep,
  };
  return {
    finding,
    family: decl.family,
    declared: finding.severity,
    order,
    suspects: ops.map(keyOf).filter((k) => k),
    suspectOperands: ops,
    checkId: decl.id,
    key: n.key,
  };
}

// ------------------------------------------------------------------ explanations

/** The explanation the department gave for a finding (its 偏差原因 in the report), searching consequences too. */
export function explanationOf(findings: Finding[], id: string): string | undefined {
  return allFindings(findings).find((f) => f.id === id)?.explanation;
}

/** 说明状态 as the findings list shows it. */
export function explanationStatus(f: Finding): string {
  if (f.severity === '待补') return '待补填';
  if (f.explanation) return f.severity === '提示' ? '已说明' : '已说明（错误仍须改正）';
  return f.severity === '提示' ? '待说明' : '须改正';
}

function attachExplanations(model: Model, findings: Finding[]): Finding[] {
  const table = model.tables.get('出错说明表');
  if (!table) return findings;
  const byId = new Map<string, { text: string; row: (typeof table.rows)[number] }>();
  for (const row of table.rows) {
    const id = row.cells['规则编号']?.value;
    const text = row.cells['说明']?.value;
    if (typeof id === 'string' && typeof text === 'string' && text.trim())
      byId.set(id.trim(), { text: text.trim(), row });
  }
  const used = new Set<string>();
  for (const f of allFindings(findings)) {
    const e = byId.get(f.id);
    if (e) {
      f.explanation = e.text;
      used.add(f.id);
    }
  }
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
      detail: `${cell.address ?? ''}（出错说明表·规则编号）填的“${id}”本次没有对应的问题：问题可能已改正，或规则编号抄错`,
      operands: [{ name: '出错说明表', label: '规则编号', value: id, address: cell.address }],
      nextStep: '核对规则编号是否与“问题清单”的“规则”栏一致；问题已改正的，删除该行。',
    });
  }
  return [...findings, ...stale];
}

// ------------------------------------------------------------------ entry point

/** Findings, and how every comparison and every check ended. */
export interface CheckRun {
  /** Roots first by severity then catalogue order, consequences nested. */
  findings: Finding[];
  /** One per comparison (and per notice), in catalogue order. */
  results: CheckResult[];
  /** One per check that ran, in catalogue order. */
  checks: CheckSummary[];
  /** Each check's outcomes, a comparison with how it was decided, by check id (for CheckOptions.rescoring). */
  decided: ReadonlyMap<string, readonly Decided[]>;
}

/** An outcome of a check's run: a notice, or a comparison and how it was decided. */
type Decided =
  | { type: 'notice'; notice: Notice }
  | { type: 'comparison'; comparison: Comparison; e: Evaluated | Undecided };

const OUTCOME_RANK: Record<CheckOutcome, number> = { 不成立: 0, 无法核实: 1, 成立: 2 };

/** `成立（空白按 0 计）` when blanks read as 0 confirmed it, else the outcome itself. */
export function outcomeText(r: Pick<CheckResult, 'outcome' | 'blanksAsZero'>): string {
  return r.outcome === '成立' && r.blanksAsZero?.length ? '成立（空白按 0 计）' : r.outcome;
}

/** How a check ended, from its own comparisons' results. */
function summarise(decl: CheckDecl, own: CheckResult[], ctx: CheckContext): CheckSummary {
  const outcome = own.reduce<CheckOutcome>(
    (worst, r) => (OUTCOME_RANK[r.outcome] < OUTCOME_RANK[worst] ? r.outcome : worst),
    own.length ? '成立' : '无法核实'
  );
  const blanksAsZero = outcome === '成立' ? dedupe(own.flatMap((r) => r.blanksAsZero ?? [])) : [];
  let missing = dedupe(own.flatMap((r) => r.missing));
  // A check that compared nothing could not be verified: name its blank inputs (a table counts when it has no rows).
  if (own.length === 0)
    missing = decl.operands
      .map((name) => {
        const table = ctx.model.tables.get(name);
        if (table) return table.rows.length === 0 ? { ...ctx.operand(name), address: table.address } : null;
        const o = ctx.operand(name);
        return o.value === null ? o : null;
      })
      .filter((o): o is Operand => o !== null);
  // A check whose comparisons were all declined for want of data, with nothing blank to name, compared nothing: it holds vacuously.
  const decided = own.length === 0 && missing.length === 0 ? '成立' : outcome;
  const result: CheckSummary = {
    rule: decl.id,
    family: decl.family,
    subject: decl.subject,
    title: decl.title,
    severity: decl.severity,
    outcome: decided,
    outcomeText: outcomeText({ outcome: decided, blanksAsZero }),
    missing,
    ...(blanksAsZero.length ? { blanksAsZero } : {}),
  };
  return result;
}

/**
 * Runs the checks (all, or the ids in `only`) and returns the findings with every outcome: each
 * comparison ends 成立 (成立（空白按 0 计） when blanks read as 0 confirm it), 不成立 (never because of a
 * blank), or 无法核实 naming the blank inputs.
 */
export function evaluateChecks(
  model: Model,
  indicators: IndicatorResult[],
  scores: ScoreSheet | null,
  options: CheckOptions = {}
): CheckRun {
  const perTerm = options.tolerancePerTerm ?? DEFAULT_PER_TERM;
  const only = options.only ? new Set(options.only) : null;
  const ctx = context(model, indicators, scores);
  // A check that does not declare it reads the scores sees none: what it compares cannot depend on them.
  const unscored: CheckContext = { ...ctx, scores: null };
  const decided = new Map<string, readonly Decided[]>();
  const decide = (decl: CheckDecl): Decided[] =>
    decl
      .run(decl.readsScores ? ctx : unscored)
      .map((o: Outcome) =>
        o.type === 'notice'
          ? { type: 'notice', notice: o }
          : { type: 'comparison', comparison: o, e: evaluateComparison(o, perTerm) }
      );
  const readers = readersOf(indicators, scores);
  const raws: Raw[] = [];
  const results: CheckResult[] = [];
  const passes = new Map<string, number>();
  const corroborations: Corroboration[] = [];
  const holding: HoldingIdentity[] = [];
  const ran: CheckDecl[] = [];
  let order = 0;
  for (const decl of CHECKS) {
    if (only && !only.has(decl.id)) continue;
    ran.push(decl);
    const outcomes = (!decl.readsScores && options.rescoring?.decided.get(decl.id)) || decide(decl);
    decided.set(decl.id, outcomes);
    for (const d of outcomes) {
      order++;
      if (d.type === 'notice') {
        const o = d.notice;
        raws.push(noticeFinding(decl, o, order));
        results.push({
          id: `${decl.id}.${o.key}`,
          rule: decl.id,
          family: decl.family,
          outcome: '不成立',
          missing: [],
        });
        continue;
      }
      const { comparison: o, e } = d;
      results.push({
        id: o.key ? `${decl.id}.${o.key}` : decl.id,
        rule: decl.id,
        family: decl.family,
        outcome: e.outcome,
        missing: e.missing,
        ...('blanksAsZero' in e && e.blanksAsZero ? { blanksAsZero: e.blanksAsZero } : {}),
      });
      if (!('L' in e)) {
        // Undecidable although the checked figure is stated (a rate that cannot be recomputed): say so.
        if (e.unavailable) raws.push(cannotVerifyFinding(decl, o, e, order, readers));
        continue;
      }
      if (e.holds) {
        // A figure in an identity that holds is corroborated: it is less likely the wrong one.
        if (o.relation === '=') {
          const ks = (o.suspects ?? [...present(o.left), ...present(o.right)].map((t) => t.operand)).map(
            keyOf
          );
          for (const k of new Set(ks)) passes.set(k, (passes.get(k) ?? 0) + 1);
          // Only an identity that holds to the cent supports a figure: one within rounding does not say which is right.
          if (e.outcome === '成立' && !e.blanksAsZero && e.L.eq(e.R))
            corroborations.push({ checkId: decl.id, comparison: o });
          // A blank read as 0 may let it hold, but only the figures stated confirm one another.
          if (e.outcome === '成立')
            holding.push({
              id: decl.id,
              family: decl.family,
              names: [...new Set([...present(o.left), ...present(o.right)].map((t) => t.operand.name))],
            });
        }
        continue;
      }
      if (e.outcome === '不成立') raws.push(comparisonFinding(decl, o, e, order, readers));
      // Stated figures that disagree by more than the blanks could make up: fill the blanks to decide.
      else raws.push(cannotVerifyFinding(decl, o, e, order, readers));
    }
  }
  const roots = fold(nestDeclared(raws), passes);
  // The cause of an 错误 is an 错误: a root that explains one must be corrected too.
  for (const r of roots)
    if (r.finding.severity === '提示' && r.finding.kind !== 'cannotVerify' && explainsAnError(r.finding))
      r.finding.severity = '错误';
  adviseFromData(roots, raws, corroborations, perTerm);
  confirmFigures(
    roots.map((r) => r.finding),
    holding
  );
  roots.sort(
    (a, b) => SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] || a.order - b.order
  );
  const findings = attachExplanations(
    model,
    roots.map((r) => r.finding)
  );
  const byRule = new Map<string, CheckResult[]>();
  for (const r of results) {
    const own = byRule.get(r.rule);
    if (own) own.push(r);
    else byRule.set(r.rule, [r]);
  }
  const checks = ran.map((d) => summarise(d, byRule.get(d.id) ?? [], ctx));
  return { findings, results, checks, decided };
}

/** Runs the checks (all, or the ids in `options.only`); returns the findings, roots first, consequences nested. */
export function runChecks(
  model: Model,
  indicators: IndicatorResult[],
  scores: ScoreSheet | null,
  options: CheckOptions = {}
): Finding[] {
  return evaluateChecks(model, indicators, scores, options).findings;
}

/** The rules each check states over `model` (its comparisons' statements, deduplicated), by check id. */
export function checkStatements(
  model: Model,
  indicators: IndicatorResult[],
  scores: ScoreSheet | null
): Map<string, string[]> {
  const ctx = context(model, indicators, scores);
  return new Map(
    CHECKS.map((decl) => [
      decl.id,
      [...new Set(decl.run(ctx).flatMap((o) => (o.type === 'comparison' ? [o.statement] : [])))],
    ])
  );
}
