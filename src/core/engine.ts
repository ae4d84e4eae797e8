/**
 * One evaluation, start to finish, host-neutral: reading → model → indicators → scores →
 * checks → report → plan. Both hosts call this and apply the same plan, so they cannot drift.
 */
import { buildModel, Model } from './model';
import type { ReportDraft } from './narrative';
import type { Finding, IndicatorResult, ScoreSheet } from './results';
import type { Diagnostic, Plan, RawReading } from './types';

export interface EvaluateOptions {
  /** A rulebook given from outside the workbook (CLI --rules), as JSON text. */
  rulesJson?: string;
}

export interface EvaluationSummary {
  unit: string | null;
  year: string | null;
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
  /** Problems that stop a stage (e.g. an invalid rulebook), in Chinese. */
  diagnostics: Diagnostic[];
  /** The drafted report, when it could be drafted. */
  report: ReportDraft | null;
  plan: Plan;
  summary: EvaluationSummary;
}

/** Pipeline stages are wired in here as they land. */
export function evaluate(reading: RawReading, _options: EvaluateOptions = {}): Evaluation {
  const model = buildModel(reading);
  const indicators: IndicatorResult[] = [];
  const scores: ScoreSheet | null = null;
  const findings: Finding[] = [];
  const plan: Plan = { sheets: [], marks: [] };
  return {
    model,
    indicators,
    scores,
    findings,
    diagnostics: model.diagnostics,
    report: null,
    plan,
    summary: {
      unit: model.text('单位名称'),
      year: model.num('评价年度')?.toString() ?? null,
      total: null,
      grade: null,
      errors: model.diagnostics.filter((d) => d.severity === '错误').length,
      warnings: model.diagnostics.filter((d) => d.severity === '提示').length,
    },
  };
}
