/**
 * 财决01's 年初预算数 / 全年预算数 columns on lines other than 本年支出合计, where an input exists for them: the
 * 一般公共预算财政拨款 income line gives 财拨_年初预算_合计 and 财拨_调整后预算_合计 (“一般公共预算批复及调整”).
 * 公开05 states the same two figures on its 合计 line and is their own table: when both are there, 公开05's
 * are taken, whatever order the sheets stand in.
 *
 * Figures are made up (万元): 一般公共预算财政拨款 年初预算数 1100, 全年预算数 1250.4, 决算数 1193.05;
 * 政府性基金 年初预算数 20, 全年预算数 35 (no input: must not be taken for the 一般公共预算 line).
 */
import type { CellValue } from '../../src/core/types';
import { ImportSheet, recognise, Recognition } from '../../src/import/recognise';
import { importedValues } from '../../src/import/report';
import { caijue01 } from './layouts';

const found = (r: Recognition | undefined) =>
  r?.status === 'found' ? `${r.sheet}!${r.cell}=${r.converted ?? r.raw}` : r?.status;

const CAIJUE01 = caijue01({
  一般公共预算财政拨款收入: 1193.05,
  '年初:一般公共预算财政拨款收入': 1100,
  '全年:一般公共预算财政拨款收入': 1250.4,
  政府性基金预算财政拨款收入: 30,
  '年初:政府性基金预算财政拨款收入': 20,
  '全年:政府性基金预算财政拨款收入': 35,
  本年支出合计: 1355.62,
  '年初:本年支出合计': 1200,
  '全年:本年支出合计': 1380.5,
});
const SHEET = 'Z01 收入支出决算总表(财决01表)';

/** 公开05 with its budget columns: 项目 | 年初预算数 | 调整预算数 | 本年支出（小计 | 基本支出 | 项目支出）. */
function gongkai05(start: number, adjusted: number): ImportSheet {
  const rows: CellValue[][] = [
    ['一般公共预算财政拨款支出决算表', null, null, null, null, null, null],
    [null, null, null, null, null, null, '公开05表'],
    ['部门：某单位', null, null, null, null, null, '金额单位：万元'],
    ['项目', null, '年初预算数', '调整预算数', '本年支出', null, null],
    ['功能分类科目编码', '科目名称', null, null, '小计', '基本支出', '项目支出'],
    ['合计', null, start, adjusted, 1193.05, 478.29, 714.76],
  ];
  return {
    name: '公开05表',
    cells: rows,
    merges: [
      { top: 3, left: 0, bottom: 4, right: 1 },
      { top: 3, left: 2, bottom: 4, right: 2 },
      { top: 3, left: 3, bottom: 4, right: 3 },
      { top: 3, left: 4, bottom: 3, right: 6 },
      { top: 5, left: 0, bottom: 5, right: 1 },
    ],
  };
}

describe('财决01 年初预算数 / 全年预算数 of the 一般公共预算财政拨款 line', () => {
  test('read into the 一般公共预算 批复 and 调整后 budget, beside the line’s 决算数', () => {
    const res = new Map(recognise([CAIJUE01]).inputs.map((r) => [r.name, r]));
    expect(found(res.get('财拨_年初预算_合计'))).toBe(`${SHEET}!C7=1100`);
    expect(found(res.get('财拨_调整后预算_合计'))).toBe(`${SHEET}!D7=1250.4`);
    expect(found(res.get('收入_一般公共预算财政拨款'))).toBe(`${SHEET}!E7=1193.05`);
    // The 本年支出合计 budget columns read as before.
    expect(found(res.get('基础_预算完成_年初预算'))).toBe(`${SHEET}!H9=1200`);
  });

  test('公开05 is their own table: its figures are taken when it is there, before or after 财决01', () => {
    for (const sheets of [
      [CAIJUE01, gongkai05(1090, 1240)],
      [gongkai05(1090, 1240), CAIJUE01],
    ]) {
      const res = new Map(recognise(sheets).inputs.map((r) => [r.name, r]));
      expect(found(res.get('财拨_年初预算_合计'))).toBe('公开05表!C6=1090');
      expect(found(res.get('财拨_调整后预算_合计'))).toBe('公开05表!D6=1240');
    }
  });

  test('a 公开01 printing only 决算数 leaves them unread, not 0', () => {
    const plain = caijue01({ 一般公共预算财政拨款收入: 1193.05 });
    const values = importedValues(recognise([plain]));
    expect(values).toMatchObject({ 收入_一般公共预算财政拨款: 1193.05 });
    expect(values).not.toHaveProperty('财拨_年初预算_合计');
    expect(values).not.toHaveProperty('财拨_调整后预算_合计');
  });
});
