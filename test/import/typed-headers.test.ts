/**
 * Headers as people type them: the national tables' layouts (test/import/layouts.ts) as they arrive
 * when copied from a PDF or a web page — group headers typed once and not merged (a blank header
 * cell continues the group to its left), a header's words broken over two rows, 栏次 rows numbered
 * 甲 乙 1 2 3. The same figures must be found as in the merged layout.
 */
import type { ImportSheet } from '../../src/import/recognise';
import { recognise, Recognition } from '../../src/import/recognise';
import { importedValues } from '../../src/import/report';
import { gongkai01, gongkai05, gongkai07 } from './layouts';

const found = (r: Recognition | undefined) =>
  r?.status === 'found' ? `${r.sheet}!${r.cell}=${r.converted ?? r.raw}` : r?.status;
const byName = (sheets: ImportSheet[]) => new Map(recognise(sheets).inputs.map((r) => [r.name, r]));
const unmerged = (s: ImportSheet): ImportSheet => ({ ...s, merges: [] });

// 衡阳市科协 2021 三公 (samples/衡阳市科协-2021.json): 预算 26 = 6 + 10 + 10, 决算 5.83 = 0 + 4.57 + 1.26.
const BUDGET = [26, 6, 10, 0, 10, 10];
const ACTUAL = [5.83, 0, 4.57, 0, 4.57, 1.26];
const SANGONG = ['合计', '因公出国', '公务用车', '公务用车购置', '公务用车运行', '公务接待'];

describe('公开07 with its group headers typed but not merged', () => {
  const merged = byName([gongkai07('某局', BUDGET, ACTUAL)]);
  const typed = byName([unmerged(gongkai07('某局', BUDGET, ACTUAL))]);

  test.each(SANGONG)('%s: 预算数 and 决算数 found at the same cells as with merged headers', (k) => {
    for (const col of ['本年预算', '本年决算']) {
      const name = `三公_${k}_${col}`;
      expect([name, found(typed.get(name))]).toEqual([name, found(merged.get(name))]);
      expect(typed.get(name)?.status).toBe('found');
    }
  });
  test('the values', () => {
    expect(importedValues(recognise([unmerged(gongkai07('某局', BUDGET, ACTUAL))]))).toMatchObject({
      三公_合计_本年预算: 26,
      三公_因公出国_本年预算: 6,
      三公_公务用车运行_本年决算: 4.57,
      三公_公务接待_本年决算: 1.26,
    });
  });
});

describe('公开07 with header words broken over two rows', () => {
  // “因公出国（境）费” typed as 因公出国 / （境）费, “公务接待费” as 公务 / 接待费, not merged.
  const sheet = unmerged(gongkai07('某局', BUDGET, ACTUAL));
  for (const base of [0, 6]) {
    sheet.cells[4][base + 1] = '因公出国';
    sheet.cells[5][base + 1] = '（境）费';
    sheet.cells[4][base + 5] = '公务';
    sheet.cells[5][base + 5] = '接待费';
  }
  const res = byName([sheet]);
  test.each(SANGONG)('%s found', (k) => {
    expect(found(res.get(`三公_${k}_本年预算`))).toMatch(/^公开07表!/);
    expect(found(res.get(`三公_${k}_本年决算`))).toMatch(/^公开07表!/);
  });
  test('the split items read the right columns', () => {
    expect(found(res.get('三公_因公出国_本年预算'))).toBe('公开07表!B8=6');
    expect(found(res.get('三公_公务接待_本年决算'))).toBe('公开07表!L8=1.26');
  });
});

describe('栏次 rows as tables number them', () => {
  test('公开07 numbering each block from 1 (1–6, 1–6) is not read as its figures', () => {
    const sheet = unmerged(gongkai07('某局', BUDGET, ACTUAL));
    sheet.cells[6] = [1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6];
    const values = importedValues(recognise([sheet]));
    expect(values).toMatchObject({
      三公_合计_本年预算: 26,
      三公_因公出国_本年预算: 6,
      三公_合计_本年决算: 5.83,
    });
  });
  test('甲 乙 1 2 3 under 公开05’s headers is not read as figures', () => {
    const sheet = gongkai05('某局', { '财拨:合计': 836.79, '财拨:基本': 478.29, '财拨:项目': 358.5 });
    sheet.cells[5] = ['甲', '乙', 1, 2, 3];
    const res = byName([sheet]);
    expect(found(res.get('财拨_本年支出_合计'))).toBe('公开05表!C7=836.79');
    expect(found(res.get('财拨_本年支出_项目'))).toBe('公开05表!E7=358.5');
  });
  test('公开01 unmerged, its 栏次 row numbering both blocks', () => {
    const sheet = unmerged(gongkai01('某局', { 本年收入合计: 1351.58, 本年支出合计: 1355.62 }));
    sheet.cells[5] = ['栏次', null, 1, null, null, 2];
    const res = byName([sheet]);
    expect(found(res.get('收入_本年收入合计'))).toBe('公开01表!C20=1351.58');
    expect(found(res.get('支出_本年支出合计'))).toBe('公开01表!F20=1355.62');
  });
});
