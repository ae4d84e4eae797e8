/**
 * Round trips of one one-click run (read → evaluate → write) on the Excel double, for
 * `npm run bench`: the sync counts must not grow with the number of project rows.
 */
import type { InputValues } from '../../../src/core/fill';
import { evaluate } from '../../../src/core/engine';
import { applyPlan } from '../../../src/hosts/office/apply';
import { readInputs } from '../../../src/hosts/office/reader';
import { ExcelDouble } from './index';

export interface BenchResult {
  rows: number;
  /** context.sync() calls made by readInputs. */
  read: number;
  /** context.sync() calls made by applyPlan. */
  write: number;
  ms: number;
}

/** A template workbook with `rows` generated project rows (plus any `values`), read, evaluated and written back. */
export async function benchSyncs(rows: number, values: InputValues = {}): Promise<BenchResult> {
  const projects = Array.from({ length: rows }, (_, i) => [`项目${i + 1}`, null, 10, 0, 10, 9.5, '否']);
  const double = ExcelDouble.fromTemplate({ ...values, 项目支出明细表: projects });
  const t0 = Date.now();
  const reading = await double.run((context) => readInputs(context));
  const read = double.syncCount;
  const { plan } = evaluate(reading);
  await double.run((context) => applyPlan(context, plan, { notesSupported: true, commentsSupported: true }));
  return { rows, read, write: double.syncCount - read, ms: Date.now() - t0 };
}
