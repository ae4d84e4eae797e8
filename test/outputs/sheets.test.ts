/**
 * The output sheets as a reader meets them: 评分表's second row states the conclusion in the words of
 * the report's 综合评价结论 (who, which year, verified and pending points, the grade range), and no row
 * is taller than Excel's 409 pt — a longer text goes on in continuation rows (报告草稿).
 */
import { evaluate } from '../../src/core/engine';
import { fitRows, MAX_ROW_POINTS, splitToRows } from '../../src/core/sheets/fit';
import { conclusionText, SCORE_SHEET } from '../../src/core/sheets/scoreSheet';
import { templatePlan } from '../../src/core/template';
import { sampleReading, sampleValues } from '../helpers/sample';

const sample = evaluate(sampleReading());
const scoreSheetOf = (e: typeof sample) => e.plan.sheets.find((s) => s.name === SCORE_SHEET)!;

describe('评分表 row 2', () => {
  test('the sample: department, year, 53.51 verified + 37.00 pending, each 一级, the grade range 差～良, the department’s own 97', () => {
    // Hand-checked: 投入 5 + 3 = 8.00; 过程 “三公”经费控制率 2 + 结转结余变动率 2 (2 whichever of its figures is right)
    // = 4.00 (预算完成率, 预算调整率 and 公用经费控制率 scored from figures in question, and 预算管理's four lines without
    // evidence or against the unit's own 存在问题, are 待核实); 产出 5.63 + 5.63 + 3.75 + 7.50 = 22.51; 效果 29 −
    // 服务对象满意度 10 (its survey result blank) = 19; pending 8 + 2 + 2 + 2 + 13 + 10 = 37; 53.51 is 差 (< 60),
    // 53.51 + 37 = 90.51 at most is 优 (≥ 90).
    expect(scoreSheetOf(sample).rows[1][0]!.value).toBe(
      '衡阳市科学技术协会2021年度部门整体支出绩效评价核实得分为 53.51 分，另有待核实分值 37.00 分。其中，投入 8.00 分，过程 4.00 分，产出 22.51 分，效果 19.00 分；' +
        '综合绩效级别为“差～良”（视待核实指标核实后的得分而定）。单位自评得分为 97.00 分。（单位：分；指标值为百分比）'
    );
  });

  test('a line scored but not verified says why where the 评分表 lists it, apart from a line missing data', () => {
    const rows = scoreSheetOf(sample).rows;
    const row = (name: string) => rows.find((r) => r[4]?.value === name)!;
    // 预算完成率's 年末结余 4.04 is a copy of the disputed 本年度累计结转结余 (last year's end): 所用数据有误.
    expect(row('预算完成率')[8]!.value).toBe('待核实（所用数据有误）');
    expect(row('预算调整率')[8]!.value).toBe('待核实（所用数据有误）');
    expect(String(row('预算调整率')[10]!.value)).toMatch(/；按所列数据计 0\.80 分$/);
    expect(row('资金使用合规性')[8]!.value).toBe('待核实（与单位所述问题不符）');
    expect(row('政府采购执行率')[8]!.value).toBe('待核实');
  });

  test('a department with every line scored gets one grade; 数据不完整 gives no total and no grade', () => {
    const s = sample.scores!;
    const certain = { ...s, pendingPoints: undefined, gradeAtMost: undefined };
    expect(conclusionText(certain, true, { unit: '某单位', year: '2022' })).toMatch(
      /^某单位2022年度部门整体支出绩效评价核实得分为 53\.51 分。其中，.*；综合绩效级别为“差”。/
    );
    expect(conclusionText(s, false, { unit: null, year: null })).toMatch(
      /^本单位部门整体支出绩效评价数据不完整：核实得分 53\.51 分不作为总分，不评定综合绩效级别（见“问题清单”）。/
    );
  });
});

describe('row heights within Excel’s 409 pt', () => {
  test('every row of every output sheet of the sample', () => {
    for (const sheet of sample.plan.sheets)
      for (const h of Object.values(sheet.rowHeights ?? {})) expect(h).toBeLessThanOrEqual(MAX_ROW_POINTS);
  });

  test('a cell too tall for one row is capped at 409 pt by the fitting', () => {
    const long = '评分标准很长。'.repeat(400);
    const fitted = fitRows({ name: 'x', rows: [[{ value: long, style: 'text' }]], columnWidths: [40] });
    expect(fitted.rowHeights![0]).toBe(MAX_ROW_POINTS);
    const explicit = fitRows({
      name: 'x',
      rows: [[{ value: 'a', style: 'text' }]],
      columnWidths: [40],
      rowHeights: { 0: 900 },
    });
    expect(explicit.rowHeights![0]).toBe(MAX_ROW_POINTS);
  });

  test('splitToRows: pieces that each fit, cut after a sentence (closing quotes kept with it), a sentence longer than a row cut where the row is full', () => {
    expect(splitToRows('短句。', 40)).toEqual(['短句。']);
    // A 40-unit column shows 39 units a line (its last is padding); 2 lines a row here: 78 units, 39 CJK characters.
    expect(
      splitToRows(
        '一二三四五六七八九十一二三四五六七八九十。“一二三。”一二三四五六七八九十一二三四五六七八九十一二三',
        40,
        2
      )
    ).toEqual([
      '一二三四五六七八九十一二三四五六七八九十。“一二三。”',
      '一二三四五六七八九十一二三四五六七八九十一二三',
    ]);
    const run = '字'.repeat(100);
    const pieces = splitToRows(run, 40, 2);
    expect(pieces.map((p) => p.length)).toEqual([39, 39, 22]);
    expect(pieces.join('')).toBe(run);
  });
});

describe('文字材料 in the filled template', () => {
  test('text rows sized to their text within 409 pt; a text taller than that says where it reads whole', () => {
    const plan = templatePlan(sampleValues()).sheets.find((s) => s.name === '文字材料')!;
    const heights = Object.values(plan.rowHeights ?? {});
    expect(Math.max(...heights)).toBe(MAX_ROW_POINTS);
    const titles = plan.rows.map((r) => String(r[0]?.value ?? ''));
    // The sample's 部门整体履职情况 runs to 3,868 characters: more than the tallest row shows.
    expect(String(sampleValues()['履职情况']).length).toBe(3868);
    expect(titles).toContain(
      '部门整体履职情况（文字较长，单元格只显示开头；全文见编辑栏，或运行后的“报告草稿”表）'
    );
    // 存在的主要问题 is short enough: its title is unchanged and its row fits it, with a line to spare.
    expect(titles).toContain('存在的主要问题');
  });
});
