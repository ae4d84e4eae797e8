/**
 * The sample with `n` more 项目支出明细表 rows that each fail 预算总额 = 年初预算 + 年中追加 (1 against 5 + 1): each row
 * fails its own sum, and every column's sum over the rows fails with it. Used by the linear-cost test, the grouping
 * of many failed rows in the texts, and `npm run bench` (e).
 */
import type { InputValues } from '../../src/core/fill';
import { templatePlan } from '../../src/core/template';
import { applyPlan, newXlsx, saveXlsx } from '../../src/hosts/file/xlsx';
import { sampleValues } from './sample';

export function failingRows(n: number, name = (i: number) => `项目${i + 1}`): InputValues {
  const rows = sampleValues()['项目支出明细表'] as unknown[][];
  const failing = Array.from({ length: n }, (_, i) => [name(i), null, 5, 1, 1, 7, null]);
  return { 项目支出明细表: [...rows, ...failing] as InputValues[string] };
}

/** The workbook itself (.xlsx bytes), from the template with the sample's values. */
export async function failingRowsWorkbook(n: number): Promise<Buffer> {
  const book = newXlsx();
  applyPlan(book, templatePlan({ ...sampleValues(), ...failingRows(n) }));
  return Buffer.from(await saveXlsx(book));
}
