/** One workbook in, one result workbook out: what `evaluate` and each batch worker do. */
import * as path from 'path';
import { evaluate, Evaluation, EvaluateOptions } from '../core/engine';
import { openWorkbook, writeWorkbook } from '../hosts/file/node';
import { applyPlan, readInputs } from '../hosts/file/xlsx';

/** One row of the batch summary. Scores are display strings (2 dp). */
export interface BatchRow {
  file: string;
  output?: string;
  unit?: string | null;
  year?: string | null;
  total?: string | null;
  grade?: string | null;
  /** 一级 name → score. */
  level1?: Record<string, string>;
  errors?: number;
  warnings?: number;
  worst?: string;
  /** Set when the workbook could not be evaluated at all. */
  failure?: string;
}

export async function evaluateFile(input: string, output: string | undefined, options: EvaluateOptions = {}): Promise<Evaluation> {
  const book = await openWorkbook(input);
  const result = evaluate(readInputs(book), options);
  if (output) {
    applyPlan(book, result.plan);
    await writeWorkbook(book, output);
  }
  return result;
}

export function batchRow(file: string, output: string | undefined, e: Evaluation): BatchRow {
  const worst = e.findings.find((f) => f.severity === '错误') ?? e.findings[0];
  const firstDiag = e.diagnostics.find((d) => d.severity === '错误');
  return {
    file: path.basename(file),
    output: output ? path.basename(output) : undefined,
    unit: e.summary.unit,
    year: e.summary.year,
    total: e.summary.total,
    grade: e.summary.grade,
    level1: Object.fromEntries((e.scores?.groups ?? []).filter((g) => g.level === 1).map((g) => [g.name, g.score.toFixed(2)])),
    errors: e.summary.errors,
    warnings: e.summary.warnings,
    worst: worst ? `${worst.title}：${worst.message}` : firstDiag?.message,
  };
}
