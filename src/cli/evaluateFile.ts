/** One workbook in, its result package out: what each batch worker does (the batch's main thread writes it). */
import * as path from 'path';
import { evaluate, Evaluation, EvaluateOptions } from '../core/engine';
import { keptResult, openWorkbookKept, resultNameFor } from '../hosts/file/node';
import { readInputs } from '../hosts/file/xlsx';
import { fullText } from '../core/render/finding';
import type { SummaryRow } from '../core/sheets/batchSheet';

/** One row of the batch summary (the 汇总 sheet's row). */
export type BatchRow = SummaryRow;

/** A workbook holding none of the catalogue's names: not a department's data, so not scored (never 0 分). */
export class NotOurWorkbookError extends Error {}

export async function evaluateFile(
  input: string,
  output: string | undefined,
  options: EvaluateOptions & {
    requireOurNames?: boolean;
    /** Give `output` the extension its kind requires (.xlsm for a macro-enabled input), as batch names its results. */
    nameByKind?: boolean;
    /** Told each stage's time (ms) as it ends: 读入, 计算, 写回 (batch totals them). */
    timed?: (stage: string, ms: number) => void;
  } = {}
): Promise<Evaluation & { written?: string; bytes?: Buffer }> {
  let t = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    options.timed?.(stage, now - t);
    t = now;
  };
  // Only the sheets holding our names are read; a result is written into the input's own package.
  const kept = await openWorkbookKept(input, 'read');
  const reading = readInputs(kept.book);
  lap('读入');
  if (
    options.requireOurNames &&
    Object.values(reading.inputs).every((i) => i.diagnostic?.code === 'name-missing')
  )
    throw new NotOurWorkbookError(
      '工作簿中没有任何本工具的名称（不是按模板填写的绩效自评数据），无法评价；请先用“插入模板”或在“数据”页绑定名称'
    );
  const result = evaluate(reading, options);
  lap('计算');
  if (!output) return result;
  const written = options.nameByKind ? resultNameFor(kept.bytes, output) : output;
  const { bytes } = await keptResult(kept, result.plan, written);
  lap('写回');
  return { ...result, written, bytes };
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
    level1: Object.fromEntries(
      (e.scores?.groups ?? []).filter((g) => g.level === 1).map((g) => [g.name, g.score.toFixed(2)])
    ),
    errors: e.summary.errors,
    warnings: e.summary.warnings,
    missing: e.summary.missing,
    worst: worst ? fullText(worst) : firstDiag?.message,
  };
}
