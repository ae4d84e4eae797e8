/**
 * One evaluation, start to finish, host-neutral: reading → model → indicators → scores →
 * checks → report → plan. Both hosts call this and apply the same plan, so they cannot drift.
 */
import { INPUT_BY_NAME } from '../catalogue/inputs';
import { evaluateChecks } from './checks';
import { computeIndicatorById, computeIndicators } from './indicators';
import { buildModel, Model } from './model';
import { draftReport, ReportDraft } from './narrative';
import type { CheckSummary, Finding, IndicatorResult, ScoreSheet } from './results';
import { parseRulebookJson, Rulebook, rulebookFromModel } from './rulebook';
import type Decimal from 'decimal.js';
import { D } from './decimal';
import { Completeness, measureCompleteness } from './completeness';
import { balancingValue } from './causes';
import { doubtedInputs, questionedBy } from './doubt';
import { verifyScores } from './verify';
import { claimDiagnostics, pendingFindings, readingsScored, scoreAll, scoresSameWith } from './scoring';
import {
  completenessText,
  countFindings,
  countsText,
  gradeRange,
  gradeText,
  pendingPointsOf,
} from './summary';
import { findingMarks, findingsSheet } from './sheets/findingsSheet';
import { indicatorSheet } from './sheets/indicatorSheet';
import { reportSheet } from './sheets/reportSheet';
import { scoreSheet } from './sheets/scoreSheet';
import type { Diagnostic, Plan, RawReading, SheetPlan } from './types';

export interface EvaluateOptions {
  /** A rulebook given from outside the workbook (CLI --rules), as JSON text. */
  rulesJson?: string;
}

export interface EvaluationSummary {
  unit: string | null;
  year: string | null;
  /** 核实得分: the verified points, 2 dp, or null when no valid rulebook. */
  total: string | null;
  /** 待核实分值: the points that could not be verified, 2 dp, or null when no valid rulebook. */
  pendingPoints: string | null;
  /** The grade the verified points allow (`优`, or a range `良～优`); null when 数据不完整 or not scored. */
  grade: string | null;
  /** `优` or `良～优（待核实 8 分）`; null when 数据不完整 or not scored. */
  gradeText: string | null;
  /** False: 数据不完整 — too few inputs for the total and grade to mean anything. */
  complete: boolean;
  /** `必填 20 项已填 18 项；计分所需 96 项已填 71 项`. */
  completeness: string;
  /** Top-level findings by severity (src/core/summary.ts): 错误, 提示, and 待补 (blanks to fill, neither). */
  errors: number;
  warnings: number;
  missing: number;
  /** Findings folded under a top-level one (连带问题). */
  folded: number;
  /** `错误 22 项、提示 2 项；待补 5 项（另有连带问题 9 项）`. */
  counts: string;
}

export interface Evaluation {
  model: Model;
  indicators: IndicatorResult[];
  scores: ScoreSheet | null;
  findings: Finding[];
  /** How every check ended (成立 / 不成立 / 无法核实, with the inputs missing), in catalogue order. */
  checks: CheckSummary[];
  /** Input and rulebook problems, in Chinese. */
  diagnostics: Diagnostic[];
  /** The drafted report. */
  report: ReportDraft;
  plan: Plan;
  completeness: Completeness;
  summary: EvaluationSummary;
}

export function evaluate(reading: RawReading, options: EvaluateOptions = {}): Evaluation {
  const model = buildModel(reading);
  const diagnostics: Diagnostic[] = [...model.diagnostics];

  const { rulebook, errors } =
    options.rulesJson !== undefined ? parseRulebookJson(options.rulesJson) : rulebookFromModel(model);
  diagnostics.push(...errors);
  const indicators = computeIndicators(model, rulebook?.variants);
  const scored = rulebook ? scoreAll(rulebook, indicators, model) : null;
  if (rulebook) diagnostics.push(...claimDiagnostics(rulebook, model));

  // Input and rulebook diagnostics become findings of the 输入 family, so the list is one place.
  const checked = { ...model, diagnostics };
  let evaluated = evaluateChecks(checked, indicators, scored);
  let scores = scored;
  if (rulebook && scored) {
    // What the findings question is not 核实 (src/core/verify.ts): the one verified / pending split. The self-score
    // checks then compare the claims with it; the other checks read the scores only for what a figure feeds.
    markSameEitherWay(rulebook, model, indicators, scored, evaluated.findings);
    scores = verifyScores(scored, model, indicators, evaluated.findings);
    // Only the checks that read the scores run again; the others' comparisons are as the first run decided them.
    if (scores !== scored) evaluated = evaluateChecks(checked, indicators, scores, { rescoring: evaluated });
  }
  const checks = evaluated.checks;
  // Each line that could not be scored gets its own 无法核实 (待补, or a 提示 when no blank is the reason), after
  // the checks' own; a line scored but not verified has its reason in the findings that question it.
  const findings: Finding[] = [...evaluated.findings, ...(scores ? pendingFindings(scores) : [])];
  const completeness = measureCompleteness(model, indicators, scores);
  const report: ReportDraft = draftReport({
    model,
    indicators,
    scores,
    findings,
    complete: completeness.complete,
    ...(rulebook ? { rulebook } : {}),
  });

  const sheets: SheetPlan[] = [indicatorSheet(indicators)];
  if (scores)
    sheets.push(
      scoreSheet(scores, completeness.complete, rulebook?.bands, {
        unit: model.text('单位名称'),
        year: model.num('评价年度')?.toString() ?? null,
      })
    );
  sheets.push(findingsSheet(findings), reportSheet(report));
  const plan: Plan = { sheets, marks: findingMarks(findings), activate: sheets[scores ? 1 : 0].name };

  const counts = countFindings(findings);
  const graded = scores && completeness.complete ? scores : null;
  return {
    model,
    indicators,
    scores,
    findings,
    checks,
    diagnostics,
    report,
    plan,
    completeness,
    summary: {
      unit: model.text('单位名称'),
      year: model.num('评价年度')?.toString() ?? null,
      total: scores ? scores.total.toFixed(2) : null,
      pendingPoints: scores ? pendingPointsOf(scores).toFixed(2) : null,
      grade: graded ? gradeRange(graded) : null,
      gradeText: graded ? gradeText(graded) : null,
      complete: completeness.complete,
      completeness: completenessText(completeness),
      errors: counts.errors,
      warnings: counts.warnings,
      missing: counts.missing,
      folded: counts.folded,
      counts: countsText(counts),
    },
  };
}

/**
 * The values a finding gives for a figure it questions, besides the stated one: a correction's target, else the
 * value its identity needs of the figure (the other side), else the stated value ± the gap; a copy of a figure in
 * doubt (Finding.copies) states the same number, so it takes the values given for that figure.
 */
function candidates(f: Finding, name: string, stated: Decimal): Decimal[] {
  const copy = f.copies?.find((c) => c.name === name);
  if (copy) return candidates(f, copy.of, stated);
  if (f.correction) return f.correction.operand.name === name ? [f.correction.to.value] : [];
  const balancing = balancingValue(f, name);
  if (balancing) return [balancing];
  const d = f.difference;
  return d && (d.kind === 'amount' || d.kind === 'count')
    ? [stated.minus(d.value), stated.plus(d.value)]
    : [];
}

/**
 * Marks on each computed score line the questioned inputs (src/core/doubt.ts) whose every candidate value gives
 * the same score, taken together (e.g. a staff count of 20 or 21 against 23 posts: full marks either way): such a
 * line is verified. Where all of them together may move the points, those an 错误 doubts may still leave them
 * (the report then states the score without a 【待核对】, while the line stays 待核实 for the rest). A line not
 * verified either way gets the most any reading gives it (ScoreLine.most): its 至多 while it waits.
 */
function markSameEitherWay(
  rulebook: Rulebook,
  model: Model,
  indicators: IndicatorResult[],
  scores: ScoreSheet,
  findings: Finding[]
): void {
  const questioned = questionedBy(findings);
  const doubted = doubtedInputs(findings);
  if (questioned.size === 0) return;
  for (const line of scores.lines) {
    const ind = line.indicator && !line.missing ? indicators.find((i) => i.id === line.indicator) : undefined;
    const names = [...new Set((ind?.operands ?? []).map((o) => o.name).filter((n) => questioned.has(n)))];
    const sets = [names, names.filter((n) => doubted.has(n))].filter(
      (ns, i) => ns.length > 0 && (i === 0 || ns.length < names.length)
    );
    const compute = (m: Model) =>
      line.indicator ? computeIndicatorById(m, line.indicator, rulebook.variants) : undefined;
    const same = sets.find((ns) => {
      const values = readings(model, ns, questioned);
      return values !== null && scoresSameWith(rulebook, model, line, values, compute);
    });
    if (same) line.sameEitherWay = same;
    // Not verified either way: the most any reading gives is the line's 至多 (the 审核意见's ceiling).
    const every =
      names.length === 0 || same?.length === names.length ? null : readings(model, names, questioned);
    const tried = every && readingsScored(rulebook, model, line, every, compute);
    if (tried && tried.length > 0) {
      line.most = D.max(...tried.map((r) => r.score));
      // The readings are kept where they cap the line (the memo names them): below full marks whichever is right.
      if (line.most.lt(line.points)) line.readings = tried;
    }
  }
}

/**
 * The values each of these inputs may have, taken together: as stated, and each value a finding that questions it
 * gives; null where one cannot be varied (a questioned table) or a finding does not say what else it may be.
 */
function readings(
  model: Model,
  names: string[],
  questioned: Map<string, Finding[]>
): Map<string, Decimal[]> | null {
  const values = new Map<string, Decimal[]>();
  for (const n of names) {
    // Only a single figure can be varied; a questioned table (a list of rows) leaves the line 待核实.
    if (INPUT_BY_NAME.get(n)?.type !== 'scalar') return null;
    // Every finding that questions the figure must say what else it may be: one that cannot leaves it open.
    const stated = model.num(n);
    const given = stated ? questioned.get(n)!.map((f) => candidates(f, n, stated)) : [];
    if (!stated || given.some((vs) => vs.length === 0)) return null;
    const all = [stated, ...given.flat()];
    values.set(
      n,
      all.filter((v, i) => all.findIndex((w) => w.eq(v)) === i)
    );
  }
  return values;
}
