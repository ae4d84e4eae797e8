/**
 * Import of what issue 25 item 4 left unread: the 类、款、项 lines of 公开02 / 公开03, the 公务接待费 lines of a
 * 三公 table printed down (国内, 其中外事, 国（境）外) with their 批次 and 人次, and the 年初 / 年末 结转和结余
 * columns of 公开08 / 公开09 (and their lines in 公开04). Each table is built here the way the published one
 * looks (湖南 市县 决算公开 layouts, framework §4.3–4.4); the department and its figures are made up, and
 * reconcile, checked by hand below. Then the imported figures go through the checks that read them.
 *
 * 公开03 (万元): 207 文化旅游体育与传媒支出 286.40 = 20701 文化和旅游 286.40 = 2070109 群众文化 201.15 + 2070199
 * 其他文化和旅游支出 85.25; 208 社会保障和就业支出 38.62 = 20805 行政事业单位养老支出 38.62 = 2080505 25.74 +
 * 2080506 12.88; 合计 286.40 + 38.62 = 325.02 = 基本 239.77 (201.15 + 38.62) + 项目 85.25.
 * 公开02 (元, 类 | 款 | 项 in three columns): the same lines as income, ×10000.
 * 公开08 (万元): 年初 5.20 + 本年收入 30.00 − 本年支出 28.50 = 年末 6.70. 公开09: 1.50 + 12.00 − 10.80 = 2.70.
 * 三公 printed down: 预算 6.80 = 0 + 4.50 + 2.30, 决算 5.95 = 0 + 3.80 + 2.15; 接待 2.15 = 国内 2.15 + 国（境）外 0,
 * 其中外事 0.42; 国内 31 批次 186 人次, 其中外事 3 批次 14 人次.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CellValue } from '../../src/core/types';
import { main } from '../../src/cli/main';
import { evaluate } from '../../src/core/engine';
import { openWorkbook } from '../../src/hosts/file/node';
import { readInputs } from '../../src/hosts/file/xlsx';
import { writeSheets } from './files';
import { templateReading } from '../../src/core/fill';
import { buildModel } from '../../src/core/model';
import { evaluateChecks, flattenFindings } from '../../src/core/checks';
import { ImportSheet, recognise, Recognition } from '../../src/import/recognise';
import { importedValues, importReport, officeBindings } from '../../src/import/report';
import { gongkai04 } from './layouts';

type Row = CellValue[];

const found = (r: Recognition | undefined) =>
  r?.status === 'found' ? `${r.sheet}!${r.cell}=${r.converted ?? r.raw}` : r?.status;
const byName = (sheets: ImportSheet[]) => new Map(recognise(sheets).inputs.map((r) => [r.name, r]));

/** The checks' outcome on what import filled: each rule's findings by id, with 应为 / 实为. */
function checked(sheets: ImportSheet[], only: string[]) {
  const model = buildModel(templateReading(importedValues(recognise(sheets))));
  const r = evaluateChecks(model, [], null, { only });
  return {
    outcomes: Object.fromEntries(only.map((id) => [id, r.checks.find((c) => c.rule === id)?.outcome])),
    findings: flattenFindings(r.findings).map(
      ({ finding: f }) => `${f.id} ${f.expected?.value.toFixed(2)} ${f.computed?.value.toFixed(2)}`
    ),
  };
}

const SPEND: Array<[string, string, number, number | null, number | null]> = [
  ['207', '文化旅游体育与传媒支出', 286.4, 201.15, 85.25],
  ['20701', '文化和旅游', 286.4, 201.15, 85.25],
  ['2070109', '群众文化', 201.15, 201.15, null],
  ['2070199', '其他文化和旅游支出', 85.25, null, 85.25],
  ['208', '社会保障和就业支出', 38.62, 38.62, null],
  ['20805', '行政事业单位养老支出', 38.62, 38.62, null],
  ['2080505', '机关事业单位基本养老保险缴费支出', 25.74, 25.74, null],
  ['2080506', '机关事业单位职业年金缴费支出', 12.88, 12.88, null],
];

/** 公开03 支出决算表: 项目（科目编码 | 科目名称）| 本年支出合计 | 基本支出 | 项目支出 | …, a 栏次 row and a 合计 line. */
function gongkai03(lines = SPEND): ImportSheet {
  const cells: Row[] = [
    ['支出决算表', ...Array(7).fill(null)],
    [...Array(7).fill(null), '公开03表'],
    ['部门：某县文化馆', ...Array(6).fill(null), '金额单位：万元'],
    ['项目', null, '本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'],
    ['科目编码', '科目名称', ...Array(6).fill(null)],
    ['栏次', null, 1, 2, 3, 4, 5, 6],
    ['合计', null, 325.02, 239.77, 85.25, null, null, null],
    ...lines.map(([code, name, total, basic, project]): Row => [
      code,
      name,
      total,
      basic,
      project,
      null,
      null,
      null,
    ]),
  ];
  return {
    name: '公开03表',
    cells,
    merges: [
      { top: 3, left: 0, bottom: 3, right: 1 },
      ...[2, 3, 4, 5, 6, 7].map((c) => ({ top: 3, left: c, bottom: 4, right: c })),
      { top: 6, left: 0, bottom: 6, right: 1 },
    ],
  };
}

/** 公开02 收入决算表 in 元, the older layout: 科目编码 over 类 | 款 | 项, a 款 or 项 line leaving the 类 (and 款) blank. */
function gongkai02InYuan(): ImportSheet {
  const line = (a: string | null, b: string | null, c: string | null, name: string, yuan: number): Row => [
    a,
    b,
    c,
    name,
    yuan,
    yuan,
    null,
    null,
    null,
    null,
    null,
  ];
  const cells: Row[] = [
    ['收入决算表', ...Array(10).fill(null)],
    [...Array(10).fill(null), '公开02表'],
    ['编制单位：某县文化馆　　2022年度', ...Array(9).fill(null), '单位：元'],
    [
      '项目',
      null,
      null,
      null,
      '本年收入合计',
      '财政拨款收入',
      '上级补助收入',
      '事业收入',
      '经营收入',
      '附属单位上缴收入',
      '其他收入',
    ],
    ['科目编码', null, null, '科目名称', ...Array(7).fill(null)],
    ['类', '款', '项', null, ...Array(7).fill(null)],
    ['合计', null, null, null, 3250200, 3250200, null, null, null, null, null],
    line('207', null, null, '文化旅游体育与传媒支出', 2864000),
    line(null, '01', null, '文化和旅游', 2864000),
    line(null, null, '09', '群众文化', 2011500),
    line(null, null, '99', '其他文化和旅游支出', 852500),
    line('208', null, null, '社会保障和就业支出', 386200),
    line(null, '05', null, '行政事业单位养老支出', 386200),
    line(null, null, '05', '机关事业单位基本养老保险缴费支出', 257400),
    line(null, null, '06', '机关事业单位职业年金缴费支出', 128800),
  ];
  return {
    name: '公开02表',
    cells,
    merges: [
      { top: 3, left: 0, bottom: 3, right: 3 },
      { top: 4, left: 0, bottom: 4, right: 2 },
      { top: 4, left: 3, bottom: 5, right: 3 },
      ...[4, 5, 6, 7, 8, 9, 10].map((c) => ({ top: 3, left: c, bottom: 5, right: c })),
    ],
  };
}

/** 公开08 (and 公开09 in the same form): 项目 | 年初结转和结余 | 本年收入 | 本年支出（小计 | 基本 | 项目）| 年末结转和结余. */
function fundTable(
  title: string,
  code: string,
  f: { 年初: number; 收入: number; 支出: number; 年末: number },
  lines: Array<[string, string]>
): ImportSheet {
  const figures = [f.年初, f.收入, f.支出, 0, f.支出, f.年末];
  const cells: Row[] = [
    [title, ...Array(7).fill(null)],
    [...Array(7).fill(null), code],
    ['单位：万元', ...Array(7).fill(null)],
    ['项目', null, '年初结转和结余', '本年收入', '本年支出', null, null, '年末结转和结余'],
    ['科目编码', '科目名称', null, null, '小计', '基本支出', '项目支出', null],
    ['合计', null, ...figures],
    ...lines.map(([c, n]): Row => [c, n, ...figures]),
  ];
  return {
    name: code,
    cells,
    merges: [
      { top: 3, left: 0, bottom: 3, right: 1 },
      { top: 3, left: 2, bottom: 4, right: 2 },
      { top: 3, left: 3, bottom: 4, right: 3 },
      { top: 3, left: 4, bottom: 3, right: 6 },
      { top: 3, left: 7, bottom: 4, right: 7 },
      { top: 5, left: 0, bottom: 5, right: 1 },
    ],
  };
}

const gongkai08 = (年末 = 6.7) =>
  fundTable('政府性基金预算财政拨款收入支出决算表', '公开08表', { 年初: 5.2, 收入: 30, 支出: 28.5, 年末 }, [
    ['212', '城乡社区支出'],
    ['21208', '国有土地使用权出让收入安排的支出'],
    ['2120899', '其他国有土地使用权出让收入安排的支出'],
  ]);

const gongkai09 = () =>
  fundTable(
    '国有资本经营预算财政拨款收入支出决算表',
    '公开09表',
    { 年初: 1.5, 收入: 12, 支出: 10.8, 年末: 2.7 },
    [
      ['223', '国有资本经营预算支出'],
      ['22301', '解决历史遗留问题及改革成本支出'],
    ]
  );

/** A 三公 table printed down (项目 | 预算数 | 决算数), going on with the 接待 lines and their counts. */
function gongkai07Down(): ImportSheet {
  const cells: Row[] = [
    ['一般公共预算财政拨款“三公”经费支出决算表', null, null],
    [null, null, '公开07表'],
    ['部门：某县文化馆', null, '单位：万元'],
    ['项目', '预算数', '决算数'],
    ['合计', 6.8, 5.95],
    ['1.因公出国（境）费', 0, 0],
    ['2.公务用车购置及运行维护费', 4.5, 3.8],
    ['（1）公务用车购置费', 0, 0],
    ['（2）公务用车运行维护费', 4.5, 3.8],
    ['3.公务接待费', 2.3, 2.15],
    ['（1）国内接待费', 2.3, 2.15],
    ['其中：外事接待费', 0.5, 0.42],
    ['（2）国（境）外接待费', 0, 0],
    ['国内公务接待批次（个）', null, 31],
    ['其中：外事接待批次（个）', null, 3],
    ['国内公务接待人次（人）', null, 186],
    ['其中：外事接待人次（人）', null, 14],
    ['国（境）外公务接待批次（个）', null, 0],
    ['国（境）外公务接待人次（人）', null, 0],
  ];
  return { name: '公开07表', cells, merges: [] };
}

/** 财决附01 as the 2017 中央版 lays it out (项目 | 行次 | 预算数 | 统计数, in 元): the 外事 count lines read only “其中：外事”. */
function caijueFu01Reception(): ImportSheet {
  const cells: Row[] = [
    ['部门决算相关信息统计表', null, null, null],
    [null, null, null, '财决附01表'],
    ['编制单位：某县文化馆', null, null, '金额单位：元'],
    ['项目', '行次', '预算数', '统计数'],
    ['栏次', null, 1, 2],
    ['一、“三公”经费支出', 1, null, null],
    ['（一）支出合计', 2, 68000, 59500],
    ['1.因公出国（境）费', 3, 0, 0],
    ['2.公务用车购置及运行维护费', 4, 45000, 38000],
    ['（1）公务用车购置费', 5, 0, 0],
    ['（2）公务用车运行维护费', 6, 45000, 38000],
    ['3.公务接待费', 7, 23000, 21500],
    ['（1）国内接待费', 8, 23000, 21500],
    ['其中：外事接待费', 9, 5000, 4200],
    ['（2）国（境）外接待费', 10, 0, 0],
    ['（二）相关统计数', 11, null, null],
    ['国内公务接待批次', 16, null, 31],
    ['其中：外事', 17, null, 3],
    ['国内公务接待人次', 18, null, 186],
    ['其中：外事', 19, null, 14],
    ['国（境）外公务接待批次', 20, null, 0],
    ['国（境）外公务接待人次', 21, null, 0],
  ];
  return { name: 'F01 预算支出相关信息表(财决附01表)', cells, merges: [] };
}

describe('公开03: the 类、款、项 lines', () => {
  const result = recognise([gongkai03()]);
  const spend = result.functionLines.find((f) => f.name === '功能分类支出明细表');

  test('every line with its code, name and 本年支出合计; the 合计 line is not one', () => {
    expect(spend?.lines.map((l) => [l.code, l.name, l.amount, l.row])).toEqual(
      SPEND.map(([code, name, total], i) => [code, name, total, 8 + i])
    );
    expect(importedValues(result).功能分类支出明细表).toEqual(
      SPEND.map(([code, name, total]) => [code, name, total])
    );
    // The 类 lines still fill the 类级 block as before.
    expect(importedValues(result)).toMatchObject({
      功能_文化旅游体育与传媒_支出: 286.4,
      功能_社会保障和就业_支出: 38.62,
      支出_本年支出合计: 325.02,
    });
  });

  test('said in the report, and bound as a range in Excel (编码 | 名称 | 金额 side by side, in 万元)', () => {
    expect(importReport(result)).toContain(
      '  找到  支出按功能分类（类、款、项）（功能分类支出明细表）：支出决算表 公开03表 第 8–15 行，类 2 行、款 2 行、项 4 行，按表中顺序导入（合计行不导入）'
    );
    expect(importReport(result)).toContain('      科目编码在 A 栏，金额取 C 栏“本年支出合计”');
    expect(officeBindings(result).bindings).toContainEqual({
      name: '功能分类支出明细表',
      sheet: '公开03表',
      cell: 'A8:C15',
    });
  });

  test('the checks hold on it, and name the 款 whose 项 do not add up', () => {
    const only = ['sum.功能明细.支出', 'same.功能明细类.支出', 'sum.功能明细合计.支出'];
    expect(checked([gongkai03()], only)).toEqual({
      outcomes: {
        'sum.功能明细.支出': '成立',
        'same.功能明细类.支出': '成立',
        'sum.功能明细合计.支出': '成立',
      },
      findings: [],
    });
    // 其他文化和旅游支出 typed 58.25 for 85.25: 20701 should be 201.15 + 58.25 = 259.40.
    const typo = SPEND.map((l): (typeof SPEND)[number] =>
      l[0] === '2070199' ? [l[0], l[1], 58.25, null, 58.25] : l
    );
    expect(checked([gongkai03(typo)], ['sum.功能明细.支出']).findings).toEqual([
      'sum.功能明细.支出.20701 259.40 286.40',
    ]);
  });
});

describe('公开02 in 元 with 类 | 款 | 项 in three columns', () => {
  const result = recognise([gongkai02InYuan()]);
  const income = result.functionLines.find((f) => f.name === '功能分类收入明细表');

  test('codes joined from the three columns, blanks meaning the line above; amounts in 万元', () => {
    expect(income?.lines.map((l) => [l.code, l.name, l.amount])).toEqual(
      SPEND.map(([code, name, total]) => [code, name, total])
    );
    expect(income?.lines[2]).toMatchObject({ typed: 2011500, amount: 201.15 });
    expect(importReport(result).join('\n')).toContain(
      '科目编码分在 A、B、C 栏（类、款、项），金额取 E 栏“本年收入合计”；单位元，已折合为万元'
    );
  });

  test('not bound in Excel (a name cannot read 元 or three code columns), and said why', () => {
    const plan = officeBindings(result);
    expect(plan.bindings.map((b) => b.name)).not.toContain('功能分类收入明细表');
    expect(plan.skipped.find((s) => s.name === '功能分类收入明细表')?.reason).toContain('请用“导入”生成模板');
  });

  test('the income lines reconcile with 本年收入合计 325.02 万元', () => {
    const only = ['sum.功能明细.收入', 'same.功能明细类.收入', 'sum.功能明细合计.收入'];
    expect(checked([gongkai02InYuan()], only)).toEqual({
      outcomes: {
        'sum.功能明细.收入': '成立',
        'same.功能明细类.收入': '成立',
        'sum.功能明细合计.收入': '成立',
      },
      findings: [],
    });
  });
});

describe('公开08 / 公开09: 年初 and 年末 结转和结余', () => {
  test('公开08: the 合计 line’s 年初, 本年收入, 本年支出 and 年末', () => {
    const res = byName([gongkai08()]);
    expect(found(res.get('其他_政府性基金_年初结转'))).toBe('公开08表!C6=5.2');
    expect(found(res.get('收入_政府性基金预算财政拨款'))).toBe('公开08表!D6=30');
    expect(found(res.get('支出_政府性基金预算财政拨款'))).toBe('公开08表!E6=28.5');
    expect(found(res.get('其他_政府性基金_年末结转'))).toBe('公开08表!H6=6.7');
  });

  test('公开09 printed in the same form', () => {
    const res = byName([gongkai09()]);
    expect(found(res.get('其他_国有资本经营_年初结转'))).toBe('公开09表!C6=1.5');
    expect(found(res.get('收入_国有资本经营预算财政拨款'))).toBe('公开09表!D6=12');
    expect(found(res.get('支出_国有资本经营预算财政拨款'))).toBe('公开09表!E6=10.8');
    expect(found(res.get('其他_国有资本经营_年末结转'))).toBe('公开09表!H6=2.7');
  });

  test('年末 = 年初 + 本年收入 − 本年支出 holds on both; a 年末 of 6.20 is caught', () => {
    const only = ['balance.政府性基金', 'balance.国有资本经营'];
    expect(checked([gongkai08(), gongkai09()], only)).toEqual({
      outcomes: { 'balance.政府性基金': '成立', 'balance.国有资本经营': '成立' },
      findings: [],
    });
    expect(checked([gongkai08(6.2)], ['balance.政府性基金']).findings).toEqual([
      'balance.政府性基金 6.70 6.20',
    ]);
  });

  test('公开04: the 政府性基金 line under 年初财政拨款结转和结余, and its column of the 年末 row', () => {
    const res = byName([
      gongkai04('某县文化馆', {
        '收:一般': 296.52,
        '收:基金': 30,
        '收:合计': 326.52,
        '年初:合计': 9.24,
        '年初:一般': 4.04,
        '年初:基金': 5.2,
        '支:合计': 353.52,
        '支:一般': 325.02,
        '支:基金': 28.5,
        '年末:合计': 6.7,
        '年末:一般': 0,
        '年末:基金': 6.7,
      }),
    ]);
    expect(found(res.get('其他_政府性基金_年初结转'))).toBe('公开04表!C12=5.2');
    expect(found(res.get('其他_政府性基金_年末结转'))).toBe('公开04表!H10=6.7');
    // The 一般公共预算 lines are read as before.
    expect(found(res.get('财拨_年初结转结余_合计'))).toBe('公开04表!C11=4.04');
    expect(found(res.get('财拨_年末结转结余_合计'))).toBe('公开04表!G10=0');
  });
});

describe('公务接待费 lines and their 批次 / 人次', () => {
  test('a 三公 table printed down: 国内, 其中外事, 国（境）外, and the counts in the 决算数 column', () => {
    const res = byName([gongkai07Down()]);
    expect(found(res.get('三公_公务接待_本年决算'))).toBe('公开07表!C10=2.15');
    expect(found(res.get('三公_国内接待_本年预算'))).toBe('公开07表!B11=2.3');
    expect(found(res.get('三公_国内接待_本年决算'))).toBe('公开07表!C11=2.15');
    expect(found(res.get('三公_外事接待_本年决算'))).toBe('公开07表!C12=0.42');
    expect(found(res.get('三公_国外接待_本年决算'))).toBe('公开07表!C13=0');
    expect(found(res.get('三公_国内接待_批次'))).toBe('公开07表!C14=31');
    expect(found(res.get('三公_外事接待_批次'))).toBe('公开07表!C15=3');
    expect(found(res.get('三公_国内接待_人次'))).toBe('公开07表!C16=186');
    expect(found(res.get('三公_外事接待_人次'))).toBe('公开07表!C17=14');
    expect(found(res.get('三公_国外接待_批次'))).toBe('公开07表!C18=0');
    expect(found(res.get('三公_国外接待_人次'))).toBe('公开07表!C19=0');
  });

  test('财决附01 in 元: amounts converted, counts not; “其中：外事” read under its own 国内 line', () => {
    const res = byName([caijueFu01Reception()]);
    const sheet = 'F01 预算支出相关信息表(财决附01表)';
    expect(found(res.get('三公_国内接待_本年决算'))).toBe(`${sheet}!D13=2.15`);
    expect(found(res.get('三公_外事接待_本年预算'))).toBe(`${sheet}!C14=0.5`);
    expect(found(res.get('三公_外事接待_本年决算'))).toBe(`${sheet}!D14=0.42`);
    expect(found(res.get('三公_国内接待_批次'))).toBe(`${sheet}!D17=31`);
    expect(found(res.get('三公_外事接待_批次'))).toBe(`${sheet}!D18=3`);
    expect(found(res.get('三公_国内接待_人次'))).toBe(`${sheet}!D19=186`);
    expect(found(res.get('三公_外事接待_人次'))).toBe(`${sheet}!D20=14`);
    expect(res.get('三公_外事接待_人次')).not.toHaveProperty('converted');
  });

  test('the checks hold; 外事 14 人次 against a 国内 mistyped 9 is caught', () => {
    const only = [
      'sum.三公接待.本年预算',
      'sum.三公接待.本年决算',
      'part.三公外事.本年决算',
      'part.三公外事.人次',
    ];
    expect(checked([gongkai07Down()], only)).toEqual({
      outcomes: {
        'sum.三公接待.本年预算': '成立',
        'sum.三公接待.本年决算': '成立',
        'part.三公外事.本年决算': '成立',
        'part.三公外事.人次': '成立',
      },
      findings: [],
    });
    const sheet = gongkai07Down();
    sheet.cells[15][2] = 9;
    expect(checked([sheet], ['part.三公外事.人次']).findings).toEqual(['part.三公外事.人次 9.00 14.00']);
  });
});

test('jixiao import writes them into the template, and evaluate reads them back with every check holding', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-lines-'));
  try {
    const input = await writeSheets(
      [gongkai03(), gongkai02InYuan(), gongkai07Down(), gongkai08()],
      path.join(tmp, '决算.xlsx')
    );
    const output = path.join(tmp, '导入.xlsx');
    const said: string[] = [];
    const code = await main(['import', input, '-o', output], {
      out: (s) => said.push(s),
      err: () => undefined,
    });
    expect(code).toBe(0);
    expect(said.join('\n')).toContain(
      '找到  收入按功能分类（类、款、项）（功能分类收入明细表）：收入决算表 公开02表 第 8–15 行'
    );
    const inputs = readInputs(await openWorkbook(output));
    const ev = evaluate(inputs);
    const rules = [
      'sum.功能明细.收入',
      'sum.功能明细.支出',
      'same.功能明细类.支出',
      'sum.功能明细合计.支出',
      'sum.三公接待.本年决算',
      'part.三公外事.人次',
      'balance.政府性基金',
    ];
    expect(
      Object.fromEntries(rules.map((id) => [id, ev.checks.find((c) => c.rule === id)?.outcome]))
    ).toEqual(Object.fromEntries(rules.map((id) => [id, '成立'])));
    expect(ev.findings.filter((f) => rules.some((id) => f.id.startsWith(id)))).toEqual([]);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
