import { TEMPLATE_ADDRESS } from '../../src/catalogue/layout';
import { INDICATORS } from '../../src/catalogue/indicators';
import { computeIndicators, DEFAULT_VARIANTS } from '../../src/core/indicators';
import type { IndicatorResult } from '../../src/core/results';
import { indicatorSheet } from '../../src/core/sheets/indicatorSheet';
import { sampleModel, sampleValues } from '../helpers/sample';
import type { InputValues } from '../../src/core/fill';

const at = (name: string) => TEMPLATE_ADDRESS.get(name)!;

function compute(overrides: InputValues = {}, variants = {}): Map<string, IndicatorResult> {
  return new Map(computeIndicators(sampleModel(overrides), variants).map((r) => [r.id, r]));
}

/** Value to 6 dp, or null. */
function v6(r: IndicatorResult | undefined): string | null {
  return r?.value ? r.value.toFixed(6) : null;
}

describe('indicators of the sample department (hand-computed from samples/衡阳市科协-2021.json)', () => {
  const r = compute();

  test('在职人员控制率 = 21 / 23 = 91.304348%', () => {
    expect(v6(r.get('在职人员控制率'))).toBe('91.304348');
    expect(r.get('在职人员控制率')!.excelFormula).toBe('基础_在职人数/基础_编制数');
    expect(r.get('在职人员控制率')!.operands.map((o) => [o.name, o.value!.toString(), o.address])).toEqual([
      ['基础_在职人数', '21', at('基础_在职人数')],
      ['基础_编制数', '23', at('基础_编制数')],
    ]);
  });

  test('公用经费控制率 = 45.07 / 41.76 = 107.926245%', () => {
    expect(v6(r.get('公用经费控制率'))).toBe('107.926245');
  });

  test('预算完成率 (湖南) = (61.55+661.64+118.55−4.04)/(61.55+661.64+118.55) = 837.70/841.74 = 99.520042%', () => {
    expect(v6(r.get('预算完成率'))).toBe('99.520042');
    expect(r.get('预算完成率')!.variant).toBe('湖南口径');
  });

  test('结转结余变动率 = (4.04 − 60.64)/60.64 = −93.337731%', () => {
    expect(v6(r.get('结转结余变动率'))).toBe('-93.337731');
  });

  test('三公经费控制率 = 5.83/26 = 22.423077%; 三公经费变动率 (预算对预算) = (26 − 26)/26 = 0', () => {
    expect(v6(r.get('三公经费控制率'))).toBe('22.423077');
    expect(v6(r.get('三公经费变动率'))).toBe('0.000000');
    expect(r.get('三公经费变动率')!.variant).toBe('预算对预算');
  });

  test('预算调整率 (国家口径, 剔除数 blank = 0) = 142.77/596.03 = 23.953492%', () => {
    expect(v6(r.get('预算调整率'))).toBe('23.953492');
  });

  test('结转结余率 = 4.04 / 841.74 = 0.479958%', () => {
    expect(v6(r.get('结转结余率'))).toBe('0.479958');
  });

  test('产出 rates from the 4 tasks: 完成 3/4, 按时 3/4, 达标 2/4, 重点 2 of 2 done', () => {
    expect(v6(r.get('实际完成率'))).toBe('75.000000');
    expect(v6(r.get('完成及时率'))).toBe('75.000000');
    expect(v6(r.get('质量达标率'))).toBe('50.000000');
    expect(v6(r.get('重点工作办结率'))).toBe('100.000000');
    expect(r.get('重点工作办结率')!.excelFormula).toBe(
      'COUNTIFS(INDEX(产出任务表,0,6),"是",INDEX(产出任务表,0,3),"是")/COUNTIF(INDEX(产出任务表,0,6),"是")'
    );
    expect(r.get('实际完成率')!.operands.map((o) => [o.label, o.value!.toString()])).toEqual([
      ['计划工作数', '4'],
      ['实际完成工作数', '3'],
    ]);
  });

  test('blank 政府采购, 固定资产, 支付进度, 重点项目 give 无法计算 naming each input and its cell', () => {
    expect(r.get('政府采购执行率')!.value).toBeNull();
    expect(r.get('政府采购执行率')!.unavailable).toBe(
      `实际政府采购金额（${at('基础_政府采购实际')}）未填写；政府采购预算数（${at('基础_政府采购预算')}）未填写，无法计算`
    );
    expect(r.get('固定资产利用率')!.unavailable).toBe(
      `实际在用固定资产总额（${at('基础_在用固定资产')}）未填写；固定资产总额（${at('基础_固定资产总额')}）未填写，无法计算`
    );
    expect(r.get('支付进度率')!.unavailable).toContain(`实际支付进度（${at('基础_实际支付进度')}）未填写`);
    expect(r.get('重点支出安排率')!.unavailable).toContain(
      `重点项目支出（${at('基础_重点项目支出')}）未填写`
    );
    expect(r.get('政府采购执行率')!.excelFormula).toBeUndefined();
  });

  test('every indicator of the catalogue is computed, finite or explained, never NaN', () => {
    expect(r.size).toBe(INDICATORS.length);
    expect(INDICATORS.length).toBe(16);
    for (const x of r.values()) {
      if (x.value === null) expect(x.unavailable).toMatch(/无法计算$/);
      else {
        expect(x.value.isFinite()).toBe(true);
        expect(x.unavailable).toBeUndefined();
      }
    }
  });
});

describe('variants', () => {
  test('defaults are 湖南 / 预算 / 国家', () => {
    expect(DEFAULT_VARIANTS).toEqual({ 预算完成率: '湖南', 三公经费变动率: '预算', 预算调整率: '国家' });
  });

  test('三公经费变动率 决算对决算 = (5.83 − 7.10)/7.10 = −17.887324%', () => {
    const r = compute({}, { 三公经费变动率: '决算' });
    expect(v6(r.get('三公经费变动率'))).toBe('-17.887324');
    expect(r.get('三公经费变动率')!.excelFormula).toBe(
      '(三公_合计_本年决算-三公_合计_上年决算)/三公_合计_上年决算'
    );
  });

  test('预算完成率 国家口径 = 完成数 ÷ (年初预算 + 本年追加): 780 / 780.19 = 99.975647%; blank 完成数 names its cell', () => {
    expect(v6(compute({ 基础_预算完成_完成数: 780 }, { 预算完成率: '国家' }).get('预算完成率'))).toBe(
      '99.975647'
    );
    const blank = compute({}, { 预算完成率: '国家' }).get('预算完成率')!;
    expect(blank.value).toBeNull();
    expect(blank.unavailable).toBe(
      `预算完成数（国家口径、年初预算口径用：本年实际完成的预算数）（${at('基础_预算完成_完成数')}）未填写，无法计算`
    );
  });

  test('预算完成率 年初预算口径 = 完成数 ÷ 年初预算 alone: 650 / 661.64 = 98.240735%, computed with 本年追加 blank', () => {
    const national = compute(
      { 基础_预算完成_完成数: 650, 基础_预算完成_本年追加: null },
      { 预算完成率: '国家' }
    ).get('预算完成率')!;
    expect(national.value).toBeNull();
    expect(national.missing!.map((o) => o.name)).toEqual(['基础_预算完成_本年追加']);
    const r = compute(
      { 基础_预算完成_完成数: 650, 基础_预算完成_本年追加: null },
      { 预算完成率: '年初预算' }
    ).get('预算完成率')!;
    expect(v6(r)).toBe('98.240735');
    expect(r.variant).toBe('国家口径（年初预算）');
    expect(r.formula).toBe('预算完成率 = 预算完成数 ÷ 年初预算数 × 100%');
    expect(r.operands.map((o) => o.name)).toEqual(['基础_预算完成_完成数', '基础_预算完成_年初预算']);
    expect(r.excelFormula).toBe('基础_预算完成_完成数/基础_预算完成_年初预算');
  });

  test('预算调整率 excludes 剔除数 (国家); 预算控制率 does not', () => {
    expect(v6(compute({ 基础_预算调整_剔除数: 100 }).get('预算调整率'))).toBe('7.175813');
    const ctl = compute({ 基础_预算调整_剔除数: 100 }, { 预算调整率: '预算控制率' }).get('预算调整率')!;
    expect(v6(ctl)).toBe('23.953492');
    expect(ctl.label).toBe('预算控制率');
  });
});

describe('edge inputs', () => {
  test('a zero denominator says which input is 0, with its cell', () => {
    const r = compute({ 基础_编制数: 0 }).get('在职人员控制率')!;
    expect(r.value).toBeNull();
    expect(r.unavailable).toBe(`编制数（${at('基础_编制数')}）为 0，无法计算`);
  });

  test('三公 合计 blank: the items are summed (0 + 1.26 + 4.57 = 5.83 → 22.423077%) and the formula says so', () => {
    const r = compute({ 三公_合计_本年决算: null }).get('三公经费控制率')!;
    expect(v6(r)).toBe('22.423077');
    expect(r.excelFormula).toBe(
      '(三公_因公出国_本年决算+三公_公务接待_本年决算+三公_公务用车_本年决算)/三公_合计_本年预算'
    );
  });

  test('三公 合计 blank and one item blank: the entered items’ sum is no total, so 无法计算 naming the 合计 and the blank item', () => {
    const r = compute({ 三公_合计_本年决算: null, 三公_因公出国_本年决算: null }).get('三公经费控制率')!;
    expect(r.value).toBeNull();
    expect(r.missing!.map((o) => o.name)).toEqual(['三公_合计_本年决算', '三公_因公出国_本年决算']);
    expect(r.unavailable).toContain(`（${at('三公_合计_本年决算')}）未填写`);
    expect(r.unavailable).toContain(`（${at('三公_因公出国_本年决算')}）未填写`);
  });

  test('三公 上年预算 all blank: 无法计算 naming the 合计 cell', () => {
    const r = compute({ 三公_合计_上年预算: null }).get('三公经费变动率')!;
    expect(r.value).toBeNull();
    expect(r.unavailable).toBe(`“三公”经费上年预算数（${at('三公_合计_上年预算')}）未填写，无法计算`);
  });

  test('重点支出安排率 from 基础_重点项目支出, or from the 重点项目 flags: 684.76/714.76 = 95.802787%', () => {
    expect(v6(compute({ 基础_重点项目支出: 684.76 }).get('重点支出安排率'))).toBe('95.802787');
    const rows = sampleModel().table('项目支出明细表').rows.length;
    expect(rows).toBe(8);
    const values = JSON.parse(JSON.stringify(sampleValues()['项目支出明细表']));
    values[0][6] = '是';
    const r = compute({ 项目支出明细表: values }).get('重点支出安排率')!;
    expect(v6(r)).toBe('95.802787');
    expect(r.excelFormula).toBe(
      'SUMIFS(INDEX(项目支出明细表,0,5),INDEX(项目支出明细表,0,7),"是",INDEX(项目支出明细表,0,2),"")/项目_合计_预算总额'
    );
    // A flagged sub-item (科技馆站, 预算总额 714.76, under 科普经费) is inside its parent: not counted twice.
    values[4][6] = '是';
    expect(v6(compute({ 项目支出明细表: values }).get('重点支出安排率'))).toBe('95.802787');
  });

  test('支付进度率 = 45% / 50% = 90%', () => {
    expect(v6(compute({ 基础_实际支付进度: '45%', 基础_既定支付进度: '50%' }).get('支付进度率'))).toBe(
      '90.000000'
    );
  });

  test('an empty task table, or no 重点 task, gives 无法计算 with the reason', () => {
    const none = compute({ 产出任务表: [] });
    expect(none.get('实际完成率')!.unavailable).toBe(
      `产出任务表（${at('产出任务表')}）没有填写任何工作任务，计划工作数为 0，无法计算`
    );
    const noKey = compute({ 产出任务表: [['任务甲', null, '是', '是', '是', '否', null]] }).get(
      '重点工作办结率'
    )!;
    expect(noKey.value).toBeNull();
    expect(noKey.unavailable).toContain('没有“是否重点或交办工作”为“是”的任务');
  });

  test('an unusable cell is named as not a number', () => {
    const r = compute({ 基础_公用经费预算: '四十万' }).get('公用经费控制率')!;
    expect(r.unavailable).toBe(`公用经费预算数（${at('基础_公用经费预算')}）不是有效数字，无法计算`);
  });
});

describe('指标计算表', () => {
  const sheet = indicatorSheet(computeIndicators(sampleModel()));
  const find = (label: string) => sheet.rows.findIndex((row) => row[1]?.value === label);

  test('one block per indicator with formula in words, inputs with cells, result and a live formula', () => {
    expect(sheet.name).toBe('指标计算表');
    expect(sheet.rows[2].map((c) => c?.value)).toEqual([
      '序号',
      '指标',
      '口径',
      '计算公式',
      '取数项目',
      '数值',
      '单位',
      '所在单元格',
      '计算结果（%）',
      'Excel 公式核对',
      '说明',
    ]);
    const i = find('在职人员控制率');
    const row = sheet.rows[i];
    expect(row[3]!.value).toBe('在职人员控制率 = 在职人员数 ÷ 编制数 × 100%');
    expect(row[4]!.value).toBe('年末实际在职人数');
    // A headcount is a whole number of 人.
    expect(row[5]).toEqual({ value: 21, style: 'amount', numFmt: '0' });
    expect(row[6]!.value).toBe('人');
    expect(row[7]).toEqual({ value: at('基础_在职人数'), style: 'link', link: at('基础_在职人数') });
    expect(row[8]).toEqual({ value: 91.3, style: 'rate', numFmt: '0.00"%"' });
    expect(row[9]).toEqual({ formula: '基础_在职人数/基础_编制数', style: 'rate', numFmt: '0.00%' });
    expect(sheet.rows[i + 1][4]!.value).toBe('编制数');
    expect(sheet.merges).toContain(`I${i + 1}:I${i + 2}`);
  });

  test('an unavailable indicator shows 无法计算 and its reason, no formula', () => {
    const row = sheet.rows[find('固定资产利用率')];
    expect(row[8]!.value).toBe('无法计算');
    expect(row[9]!.formula).toBeUndefined();
    expect(row[10]!.value).toContain('未填写');
  });
});

test('the indicator catalogue only declares: it imports nothing but types from the contract (src/catalogue/types.ts)', () => {
  const source: string = require('fs').readFileSync(
    require('path').join(__dirname, '../../src/catalogue/indicators.ts'),
    'utf8'
  );
  const imports = source.split('\n').filter((l) => /^import\b/.test(l));
  expect(imports).toEqual(["import type { Figure, IndicatorDecl, RatioDecl, TaskFlag } from './types';"]);
});
