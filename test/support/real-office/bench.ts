/**
 * Request sizes of the Office host through real office.js (see ./index.ts), for `npm run bench`: a
 * template workbook with `rows` project rows, each carrying a finding (预算总额 ≠ 年初预算 + 年中追加),
 * read, evaluated and written back (run 1); every tenth row corrected and the add-in run again (run 2);
 * then 清除标记.
 */
import { cellIn } from '../../../src/core/address';
import { evaluate } from '../../../src/core/engine';
import { InputValues, templateReading } from '../../../src/core/fill';
import { applyPlan, clearMarks } from '../../../src/hosts/office/apply';
import { readInputs } from '../../../src/hosts/office/reader';
import type { OutCell, Plan } from '../../../src/core/types';
import { ExcelDouble } from '../excel-double';
import { runThroughOfficeJs, WireStats } from './index';

const json = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');

/** Bytes of the cell data a plan writes: each output sheet's formulas/values and number formats, and the marks' messages, as JSON. */
export function cellDataBytes(plan: Plan): number {
  let n = 0;
  for (const s of plan.sheets) {
    const width = Math.max(0, ...s.rows.map((r) => r.length));
    const grid = s.rows.map((r) => Array.from({ length: width }, (_, c) => (r[c] ?? null) as OutCell | null));
    n += json(grid.map((r) => r.map((c) => (c?.formula ?? c?.value ?? '') as unknown)));
    n += json(grid.map((r) => r.map((c) => c?.numFmt ?? 'General')));
  }
  for (const m of plan.marks) n += json(m.note);
  return n;
}

export function flaggedProjects(rows: number): unknown[][] {
  return Array.from({ length: rows }, (_, i) => [`项目${i + 1}`, null, 10, 0, 11, 9.5, '否']);
}

/** The user corrects every tenth project row of the template laid out with `rows` flagged rows: its 预算总额 equals 年初预算 + 年中追加 again. */
export function correctEveryTenth(d: ExcelDouble, rows: number): void {
  const table = templateReading({ 项目支出明细表: flaggedProjects(rows) } as InputValues).inputs[
    '项目支出明细表'
  ];
  for (let i = 0; i < rows; i += 10) d.userEdit(cellIn(table.address!, i, 4)!, 10);
}

export interface StepSizes {
  syncs: number;
  /** Bytes of all requests of the step. */
  sent: number;
  maxRequest: number;
  maxResponse: number;
}

const sizes = (s: WireStats): StepSizes => ({
  syncs: s.syncs,
  sent: s.requestBytes.reduce((a, b) => a + b, 0),
  maxRequest: Math.max(0, ...s.requestBytes),
  maxResponse: Math.max(0, ...s.responseBytes),
});

export interface WireBench {
  rows: number;
  marks: number;
  read: StepSizes;
  run1: StepSizes;
  run2: StepSizes;
  clear: StepSizes;
  /** Bytes of the cell data run 1 writes (see {@link cellDataBytes}). */
  cellDataBytes: number;
}

/** Run 1, a correction, run 2 and 清除标记 through real office.js at ExcelApi `level`. */
export async function wireBench(rows: number, level = '1.15', sequence = true): Promise<WireBench> {
  const double = ExcelDouble.fromTemplate({ 项目支出明细表: flaggedProjects(rows) } as never, {
    excelApi: level,
  });
  const read = await runThroughOfficeJs(double, level, (c) => readInputs(c));
  const { plan } = evaluate(read.result);
  const run1 = await runThroughOfficeJs(double, level, (c) => applyPlan(c, plan));
  const none: StepSizes = { syncs: 0, sent: 0, maxRequest: 0, maxResponse: 0 };
  let run2 = none;
  let clear = none;
  if (sequence) {
    correctEveryTenth(double, rows);
    const again = evaluate((await runThroughOfficeJs(double, level, (c) => readInputs(c))).result).plan;
    run2 = sizes((await runThroughOfficeJs(double, level, (c) => applyPlan(c, again))).stats);
    clear = sizes((await runThroughOfficeJs(double, level, (c) => clearMarks(c))).stats);
  }
  return {
    rows,
    marks: plan.marks.length,
    read: sizes(read.stats),
    run1: sizes(run1.stats),
    run2,
    clear,
    cellDataBytes: cellDataBytes(plan),
  };
}
