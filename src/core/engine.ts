/**
 * One evaluation, start to finish, host-neutral: reading → model → indicators → scores →
 * checks → report → plan. Both hosts call this and apply the same plan, so they cannot drift.
 */
import { evaluateChecks, flattenFindings } from './checks';
import { computeIndicators } from './indicators';
import { buildModel, Model } from './model';
import { draftReport, ReportDraft } from './narrative';
import type { CheckSummary, Finding, IndicatorResult, ScoreSheet } from './results';
import { parseRulebookJson, rulebookFromModel } from './rulebook';
import { claimDiagnostics, scoreAll } from './scoring';
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
  /** Total score, 2 dp, or null when no valid rulebook. */
  total: string | null;
  grade: string | null;
  errors: number;
  warnings: number;
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
  summary: EvaluationSummary;
}

export function evaluate(reading: RawReading, options: EvaluateOptions = {}): Evaluation {
  const model = buildModel(reading);
  const diagnostics: Diagnostic[] = [...model.diagnostics];

  const { rulebook, errors } = options.rulesJson !== undefined ? parseRulebookJson(options.rulesJson) : rulebookFromModel(model);
  diagnostics.push(...errors);
  const indicators = computeIndicators(model, rulebook?.variants);
  const scores = rulebook ? scoreAll(rulebook, indicators, model) : null;
  if (rulebook) diagnostics.push(...claimDiagnostics(rulebook, model));

  // Input and rulebook diagnostics become findings of the 输入 family, so the list is one place.
  const { findings, checks } = evaluateChecks({ ...model, diagnostics }, indicators, scores);
  const report: ReportDraft = draftReport({ model, indicators, scores, findings });

  const sheets: SheetPlan[] = [indicatorSheet(indicators)];
  if (scores) sheets.push(scoreSheet(scores));
  sheets.push(findingsSheet(findings), reportSheet(report));
  const plan: Plan = { sheets, marks: findingMarks(findings), activate: sheets[scores ? 1 : 0].name };

  const all = flattenFindings(findings).map((x) => x.finding);
  return {
    model,
    indicators,
    scores,
    findings,
    checks,
    diagnostics,
    report,
    plan,
    summary: {
      unit: model.text('单位名称'),
      year: model.num('评价年度')?.toString() ?? null,
      total: scores ? scores.total.toFixed(2) : null,
      grade: scores?.grade ?? null,
      errors: all.filter((d) => d.severity === '错误').length,
      warnings: all.filter((d) => d.severity === '提示').length,
    },
  };
}
