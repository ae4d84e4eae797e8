/**
 * One evaluation, start to finish, host-neutral: reading → model → indicators → scores →
 * checks → report → plan. Both hosts call this and apply the same plan, so they cannot drift.
 */
import { INPUT_BY_NAME } from '../catalogue/inputs';
import { evaluateChecks } from './checks';
import { computeIndicators } from './indicators';
import { buildModel, Model } from './model';
import { draftReport, ReportDraft } from './narrative';
import type { CheckSummary, Finding, IndicatorResult, ScoreSheet } from './results';
import { parseRulebookJson, Rulebook, rulebookFromModel } from './rulebook';
import type Decimal from 'decimal.js';
import { Completeness, measureCompleteness } from './completeness';
import { doubtedInputs } from './review';
import { claimDiagnostics, pendingFindings, scoreAll, scoresSameWith } from './scoring';
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
  const scores = rulebook ? scoreAll(rulebook, indicators, model) : null;
  if (rulebook) diagnostics.push(...claimDiagnostics(rulebook, model));

  // Input and rulebook diagnostics become findings of the 输入 family, so the list is one place.
  const evaluated = evaluateChecks({ ...model, diagnostics }, indicators, scores);
  const checks = evaluated.checks;
  // Each line that could not be scored gets its own 无法核实 (待补, or a 提示 when no blank is the reason), after the checks' own.
  const findings: Finding[] = [...evaluated.findings, ...(scores ? pendingFindings(scores) : [])];
  if (rulebook && scores) markSameEitherWay(rulebook, model, indicators, scores, findings);
  const completeness = measureCompleteness(model, indicators, scores);
  const report: ReportDraft = draftReport({
    model,
    indicators,
    scores,
    findings,
    complete: completeness.complete,
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

/** The values an 错误 says a figure may have instead of the stated one: the correction, else the stated value ± the gap. */
function candidates(f: Finding, name: string, stated: Decimal): Decimal[] {
  if (f.correction) return f.correction.operand.name === name ? [f.correction.to.value] : [];
  const d = f.difference;
  return d && (d.kind === 'amount' || d.kind === 'count')
    ? [stated.minus(d.value), stated.plus(d.value)]
    : [];
}

/**
 * Marks on each computed score line the doubted inputs whose every candidate value gives the same score (e.g. a
 * staff count of 20 or 21 against 23 posts: full marks either way): the memo counts such a line verified.
 */
function markSameEitherWay(
  rulebook: Rulebook,
  model: Model,
  indicators: IndicatorResult[],
  scores: ScoreSheet,
  findings: Finding[]
): void {
  const doubted = doubtedInputs(findings);
  if (doubted.size === 0) return;
  for (const line of scores.lines) {
    const ind = line.indicator && !line.missing ? indicators.find((i) => i.id === line.indicator) : undefined;
    const names = [...new Set((ind?.operands ?? []).map((o) => o.name).filter((n) => doubted.has(n)))];
    if (names.length === 0) continue;
    const values = new Map<string, Decimal[]>();
    for (const n of names) {
      // Only a single figure can be varied; a doubted table (a list of rows) leaves the line 待核实.
      if (INPUT_BY_NAME.get(n)?.type !== 'scalar') continue;
      const stated = model.num(n);
      const others = stated ? candidates(doubted.get(n)!, n, stated) : [];
      if (stated && others.length) values.set(n, [stated, ...others]);
    }
    const same =
      values.size === names.length &&
      scoresSameWith(rulebook, model, line, values, (m) =>
        computeIndicators(m, rulebook.variants).find((i) => i.id === line.indicator)
      );
    if (same) line.sameEitherWay = names;
  }
}
