/**
 * Request sizes of a one-click run through real office.js (see ./index.ts), for `npm run bench` and
 * the size test: a template workbook with `rows` project rows, each carrying a finding (预算总额 ≠
 * 年初预算 + 年中追加), read, evaluated and written back.
 */
import { evaluate } from '../../../src/core/engine';
import { applyPlan } from '../../../src/hosts/office/apply';
import { readInputs } from '../../../src/hosts/office/reader';
import type { OutCell, Plan } from '../../../src/core/types';
import { ExcelDouble } from '../excel-double';
import { runThroughOfficeJs } from './index';

export interface WireBench {
  rows: number;
  marks: number;
  readSyncs: number;
  writeSyncs: number;
  /** Bytes of every write request. */
  writeBytes: number;
  /** Bytes of the cell data written: each output sheet's formulas/values and number formats, and the marks' messages, as JSON. */
  cellDataBytes: number;
  maxRequest: number;
  maxResponse: number;
}

const json = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');

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

export async function wireBench(rows: number, level = '1.15'): Promise<WireBench> {
  const double = ExcelDouble.fromTemplate({ 项目支出明细表: flaggedProjects(rows) } as never, {
    excelApi: level,
  });
  const read = await runThroughOfficeJs(double, level, (c) => readInputs(c));
  const { plan } = evaluate(read.result);
  const write = await runThroughOfficeJs(double, level, (c) => applyPlan(c, plan));
  const all = [read.stats, write.stats];
  return {
    rows,
    marks: plan.marks.length,
    readSyncs: read.stats.syncs,
    writeSyncs: write.stats.syncs,
    writeBytes: write.stats.requestBytes.reduce((a, b) => a + b, 0),
    cellDataBytes: cellDataBytes(plan),
    maxRequest: Math.max(...all.flatMap((s) => s.requestBytes)),
    maxResponse: Math.max(...all.flatMap((s) => s.responseBytes)),
  };
}
