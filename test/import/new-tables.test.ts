/**
 * Recognition of 财决附03 (编制 by kind), 财决附01 (三公 预算数 / 统计数, in 元) and 财决08-2 (财政拨款 项目支出),
 * on the sample department's figures as its published 2021 自评报告 states them (samples/衡阳市科协-2021.json):
 * 编制 23, all 全额拨款事业编制 (机关本部 18 + 后勤服务 1 + 青少年科技活动中心 4), 实有在职 21; 三公 预算 26
 * (出国 6, 用车 10, 接待 10) and 决算 5.83 (出国 0, 用车 4.57, 接待 1.26) 万元; 一般公共预算 项目支出 718.79 万元.
 * The grids are laid out from framework §4 (see test/import/layouts.ts), not copied from a published sheet.
 */
import { recognise, Recognition } from '../../src/import/recognise';
import { importedValues } from '../../src/import/report';
import { caijue08_2, caijueFu01, caijueFu03, jichuShuju } from './layouts';
import { sampleValues } from '../helpers/sample';

const found = (r: Recognition | undefined) =>
  r?.status === 'found' ? `${r.sheet}!${r.cell}=${r.converted ?? r.raw}` : r?.status;

describe('财决附03 机构运行信息表: 编制 by kind', () => {
  const sheets = [
    caijueFu03({ '编制:合计': 23, '实有:合计': 21, '编制:行政': 0, '编制:事业': 23, '编制:工勤': 0 }),
  ];
  const res = new Map(recognise(sheets).inputs.map((r) => [r.name, r]));

  test('each kind, the total and the people in post are found by row and column words', () => {
    expect(res.get('基础_编制数_事业')).toMatchObject({
      status: 'found',
      table: '机构人员情况表',
      cell: 'C8',
      raw: 23,
    });
    expect(found(res.get('基础_编制数_行政'))).toBe('F03 机构运行信息表(财决附03表)!C7=0');
    expect(found(res.get('基础_编制数_工勤'))).toBe('F03 机构运行信息表(财决附03表)!C9=0');
    expect(found(res.get('基础_编制数'))).toBe('F03 机构运行信息表(财决附03表)!C6=23');
    expect(found(res.get('基础_在职人数'))).toBe('F03 机构运行信息表(财决附03表)!D6=21');
    expect(importedValues(recognise(sheets))).toMatchObject({
      基础_编制数: sampleValues().基础_编制数,
      基础_在职人数: sampleValues().基础_在职人数,
      基础_编制数_事业: 23,
    });
  });

  test('beside a 基础数据表 the 编制数 the indicator is stated from comes from the 基础数据表', () => {
    const both = new Map(
      recognise([...sheets, jichuShuju('某单位', [25, 22, '88.00%'], [])]).inputs.map((r) => [r.name, r])
    );
    expect(found(both.get('基础_编制数'))).toBe('基础数据表!B4=25');
    expect(found(both.get('基础_编制数_事业'))).toBe('F03 机构运行信息表(财决附03表)!C8=23');
  });
});

describe('财决附01 预算支出相关信息表: 三公 预算数 and 统计数 in 元', () => {
  const yuan = {
    合计: [260000, 58300],
    因公出国: [60000, 0],
    公务用车: [100000, 45700],
    公务用车购置: [0, 0],
    公务用车运行: [100000, 45700],
    公务接待: [100000, 12600],
  };
  const f = Object.fromEntries(
    Object.entries(yuan).flatMap(([k, [b, a]]) => [
      [`预算:${k}`, b],
      [`统计:${k}`, a],
    ])
  );
  const values = importedValues(recognise([caijueFu01(f)]));

  test('each line converted to 万元 equals the report’s figure', () => {
    const sample = sampleValues();
    for (const k of ['合计', '因公出国', '公务用车', '公务接待']) {
      expect([k, values[`三公_${k}_本年预算`]]).toEqual([k, sample[`三公_${k}_本年预算`]]);
      expect([k, values[`三公_${k}_本年决算`]]).toEqual([k, sample[`三公_${k}_本年决算`]]);
    }
    expect(values.三公_公务用车运行_本年决算).toBe(4.57);
  });

  test('the 合计 is the （一）支出合计 row, not the heading line above it', () => {
    const r = recognise([caijueFu01(f)]).inputs.find((x) => x.name === '三公_合计_本年预算')!;
    expect(found(r)).toBe('F01 预算支出相关信息表(财决附01表)!C7=26');
  });
});

describe('财决08-2 一般公共预算财政拨款项目支出决算明细表', () => {
  test('the 合计 row’s 合计 column is the 财政拨款 项目支出, found on a sheet whose name Excel cut at 31 characters', () => {
    const sheet = caijue08_2({ 合计: 718.79 });
    expect(sheet.name.length).toBe(31);
    const r = recognise([sheet]).inputs.find((x) => x.name === '财拨_项目支出')!;
    expect(r).toMatchObject({
      status: 'found',
      table: '一般公共预算财政拨款项目支出决算明细表',
      cell: 'C5',
      raw: 718.79,
    });
    expect(importedValues(recognise([sheet])).财拨_项目支出).toBe(sampleValues().财拨_项目支出);
  });
});
