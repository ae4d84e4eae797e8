/** One workbook in, one result workbook out: what `evaluate` and each batch worker do. */
import * as path from 'path';
import { evaluate, Evaluation, EvaluateOptions } from '../core/engine';
import { openWorkbook, writeWorkbook } from '../hosts/file/node';
import { applyPlan, readInputs } from '../hosts/file/xlsx';
import { fullText } from '../core/render/finding';
import type { SummaryRow } from '../core/sheets/batchSheet';

/** One row of the batch summary (the 汇总 sheet's row). */
export type BatchRow = SummaryRow;

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
    total: e.summary.complete ? e.summary.total : null,
    grade: e.summary.grade,
    level1: Object.fromEntries((e.scores?.groups ?? []).filter((g) => g.level === 1).map((g) => [g.name, g.score.toFixed(2)])),
    errors: e.summary.errors,
    warnings: e.summary.warnings,
    worst: worst ? fullText(worst) : firstDiag?.message,
  };
}
