/**
 * One evaluation, start to finish, host-neutral: reading → model → indicators → scores →
 * checks → report → plan. Both hosts call this and apply the same plan, so they cannot drift.
 */
import { computeIndicators } from './indicators';
import { buildModel, Model } from './model';
import type { ReportDraft } from './narrative';
import type { Finding, IndicatorResult, ScoreSheet } from './results';
import { parseRulebookJson, rulebookFromModel } from './rulebook';
import { claimDiagnostics, scoreAll } from './scoring';
import { indicatorSheet } from './sheets/indicatorSheet';
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
  /** Input and rulebook problems, in Chinese. */
  diagnostics: Diagnostic[];
  /** The drafted report, when it could be drafted. */
  report: ReportDraft | null;
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

  const findings: Finding[] = [];
  const report: ReportDraft | null = null;

  const sheets: SheetPlan[] = [indicatorSheet(indicators)];
  if (scores) sheets.push(scoreSheet(scores));
  const plan: Plan = { sheets, marks: [], activate: scores ? sheets[1].name : sheets[0].name };

  const all = [...diagnostics, ...findings];
  return {
    model,
    indicators,
    scores,
    findings,
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
