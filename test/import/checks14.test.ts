/**
 * The checks issue 14 adds, each holding, breaking and unable to verify on synthetic workbooks, and the
 * precision rule for stated rates at its edges.
 */
import { D } from '../../src/core/decimal';
import { InputValues, templateReading } from '../../src/core/fill';
import { buildModel } from '../../src/core/model';
import { evaluateChecks, flattenFindings, runChecks } from '../../src/core/checks';
import type { Finding, IndicatorResult } from '../../src/core/results';
import { fullText } from '../../src/core/render/finding';
import { sampleModel } from '../helpers/sample';

const outcome = (values: InputValues, id: string, indicators: IndicatorResult[] = []) =>
  evaluateChecks(buildModel(templateReading(values)), indicators, null, { only: [id] }).results.find(
    (r) => r.id === id
  )!.outcome;
const findings = (values: InputValues, indicators: IndicatorResult[] = []): Finding[] =>
  flattenFindings(runChecks(buildModel(templateReading(values)), indicators, null)).map((x) => x.finding);
const find = (values: InputValues, id: string, indicators: IndicatorResult[] = []) =>
  findings(values, indicators).find((f) => f.id === id);

describe('whole = 财政拨款 part + 其他资金 part', () => {
  test('项目支出: holds, breaks (all other funds counted as 项目 while part was 公用经费), cannot verify', () => {
    expect(
      outcome({ 支出_项目支出: 100, 财拨_项目支出: 80, 其他_项目支出: 20 }, 'sum.资金来源.项目支出')
    ).toBe('成立');
    expect(
      outcome({ 支出_项目支出: 100, 财拨_项目支出: 80, 其他_项目支出: 15 }, 'sum.资金来源.项目支出')
    ).toBe('不成立');
    const f = find({ 支出_项目支出: 100, 财拨_项目支出: 80, 其他_项目支出: 15 }, 'sum.资金来源.项目支出')!;
    expect([f.kind, f.expected!.value.toString(), f.computed!.value.toString()]).toEqual([
      'mismatch',
      '95',
      '100',
    ]);
    expect(outcome({ 支出_项目支出: 100, 财拨_项目支出: 80 }, 'sum.资金来源.项目支出')).toBe('无法核实');
  });

  test('日常公用经费 and 基本支出 (其他资金基本支出 = 其他资金本年支出 − 其他资金项目支出)', () => {
    expect(
      outcome({ 支出_公用经费: 50.4, 财拨_公用经费: 45.07, 其他_公用经费: 5.33 }, 'sum.资金来源.公用经费')
    ).toBe('成立');
    expect(
      outcome({ 支出_公用经费: 96.15, 财拨_公用经费: 45.07, 其他_公用经费: 5.33 }, 'sum.资金来源.公用经费')
    ).toBe('不成立');
    expect(outcome({ 支出_公用经费: 96.15, 财拨_公用经费: 45.07 }, 'sum.资金来源.公用经费')).toBe('无法核实');
    const basic = { 财拨_基本支出: 393.23, 其他_本年支出: 158.53, 其他_项目支出: 153.2 };
    expect(outcome({ ...basic, 支出_基本支出: 398.56 }, 'sum.资金来源.基本支出')).toBe('成立');
    expect(outcome({ ...basic, 支出_基本支出: 478.29 }, 'sum.资金来源.基本支出')).toBe('不成立');
    expect(outcome({ 财拨_基本支出: 393.23, 支出_基本支出: 478.29 }, 'sum.资金来源.基本支出')).toBe(
      '无法核实'
    );
  });

  test('the sample department: its report counts all 158.53 of other funds as 项目 while saying 5.33 of them were 公用经费', () => {
    const ids = flattenFindings(runChecks(sampleModel(), [], null)).map((x) => x.finding.id);
    expect(ids).toEqual(
      expect.arrayContaining(['sum.资金来源.项目支出', 'sum.资金来源.公用经费', 'sum.资金来源.基本支出'])
    );
  });
});

describe('财政拨款 subtotal and 功能分类 sums', () => {
  test('财政拨款收入 = 一般公共预算 + 政府性基金 + 国有资本经营', () => {
    const parts = {
      收入_一般公共预算财政拨款: 1486.64,
      收入_政府性基金预算财政拨款: 30,
      收入_国有资本经营预算财政拨款: 0,
    };
    expect(outcome({ ...parts, 收入_财政拨款小计: 1516.64 }, 'sum.财政拨款收入小计')).toBe('成立');
    expect(outcome({ ...parts, 收入_财政拨款小计: 1486.64 }, 'sum.财政拨款收入小计')).toBe('不成立');
    expect(
      outcome({ 收入_财政拨款小计: 1516.64, 收入_一般公共预算财政拨款: 1486.64 }, 'sum.财政拨款收入小计')
    ).toBe('无法核实');
  });

  test('本年收入合计 from the 财政拨款 subtotal (收入决算表 gives only the subtotal)', () => {
    const v = {
      收入_本年收入合计: 4125.49,
      收入_财政拨款小计: 3859.16,
      收入_上级补助收入: 0,
      收入_事业收入: 0,
      收入_经营收入: 0,
      收入_附属单位上缴收入: 0,
      收入_其他收入: 266.33,
    };
    expect(outcome(v, 'sum.本年收入合计.财政拨款小计')).toBe('成立');
    expect(outcome({ ...v, 收入_其他收入: 266 }, 'sum.本年收入合计.财政拨款小计')).toBe('不成立');
    expect(outcome({ ...v, 收入_其他收入: null }, 'sum.本年收入合计.财政拨款小计')).toBe('无法核实');
  });

  test('the lines given add up to 本年支出合计 (classes left blank are none)', () => {
    expect(
      outcome(
        { 支出_本年支出合计: 100, 功能_教育_支出: 90, 功能_社会保障和就业_支出: 10 },
        'sum.功能分类.支出'
      )
    ).toBe('成立');
    expect(
      outcome(
        { 支出_本年支出合计: 100, 功能_教育_支出: 90, 功能_社会保障和就业_支出: 9 },
        'sum.功能分类.支出'
      )
    ).toBe('不成立');
    expect(outcome({ 功能_教育_支出: 90 }, 'sum.功能分类.支出')).toBe('无法核实');
  });
});

describe('决算 over 预算 on every line that has both: a 提示 with the amount and the percentage', () => {
  test('公用经费 items, holds / breaks / cannot verify', () => {
    expect(outcome({ 公用_差旅费_本年预算: 10, 公用_差旅费_本年决算: 9 }, 'budget.公用.差旅费')).toBe('成立');
    expect(outcome({ 公用_差旅费_本年预算: 10, 公用_差旅费_本年决算: 12.5 }, 'budget.公用.差旅费')).toBe(
      '不成立'
    );
    expect(outcome({ 公用_差旅费_本年决算: 12.5 }, 'budget.公用.差旅费')).toBe('无法核实');
    const f = find({ 公用_差旅费_本年预算: 10, 公用_差旅费_本年决算: 12.5 }, 'budget.公用.差旅费')!;
    expect([f.kind, f.severity]).toEqual(['exceeds', '提示']);
    expect(f.title).toBe('公用经费差旅费决算超过预算 2.50 万元（25.00%）');
  });

  test('公用经费 total, 项目支出 and 政府采购', () => {
    expect(outcome({ 基础_公用经费预算: 41.76, 基础_公用经费决算: 45.07 }, 'budget.公用经费')).toBe('不成立');
    expect(
      fullText(find({ 基础_公用经费预算: 41.76, 基础_公用经费决算: 45.07 }, 'budget.公用经费')!)
    ).toContain('公用经费决算超过预算 3.31 万元（7.93%）');
    // Project spending may draw on the year-start project carry-over: 718.79 ≤ 714.76 + 4.04 holds.
    expect(
      outcome(
        { 项目_合计_预算总额: 714.76, 财拨_年初结转结余_项目: 4.04, 项目_合计_决算数: 718.79 },
        'budget.项目支出'
      )
    ).toBe('成立');
    expect(
      outcome(
        { 项目_合计_预算总额: 714.76, 财拨_年初结转结余_项目: 0, 项目_合计_决算数: 718.79 },
        'budget.项目支出'
      )
    ).toBe('不成立');
    expect(outcome({ 项目_合计_预算总额: 714.76, 项目_合计_决算数: 718.79 }, 'budget.项目支出')).toBe(
      '无法核实'
    );
    expect(outcome({ 基础_政府采购预算: 100, 基础_政府采购实际: 100 }, 'budget.政府采购')).toBe('成立');
  });
});

describe('三公 total from the 公务用车 sub-lines', () => {
  test('when only 购置 and 运行 are given, the total uses them', () => {
    const v = {
      三公_因公出国_本年决算: 0,
      三公_公务接待_本年决算: 2.14,
      三公_公务用车购置_本年决算: 78.16,
      三公_公务用车运行_本年决算: 87.07,
    };
    expect(outcome({ ...v, 三公_合计_本年决算: 167.37 }, 'sum.三公.本年决算')).toBe('成立');
    expect(outcome({ ...v, 三公_合计_本年决算: 170 }, 'sum.三公.本年决算')).toBe('不成立');
    expect(
      outcome(
        { 三公_合计_本年决算: 167.37, 三公_公务接待_本年决算: 2.14, 三公_公务用车购置_本年决算: 78.16 },
        'sum.三公.本年决算'
      )
    ).toBe('无法核实');
  });
});

describe('a stated rate is checked at the precision it was stated', () => {
  const rate = (value: string): IndicatorResult => ({
    id: '预算完成率',
    label: '预算完成率',
    formula: '公式',
    value: new D(value),
    operands: [],
  });
  const verdict = (stated: string, computed: string) =>
    outcome({ 基础_预算完成率: stated }, 'rate.预算完成率', [rate(computed)]);

  test('“99.3%” agrees with 99.27%; “99.30%” does not', () => {
    expect(verdict('99.3%', '99.27')).toBe('成立');
    expect(verdict('99.30%', '99.27')).toBe('不成立');
  });

  test('one decimal: half a unit either side holds, beyond it breaks', () => {
    expect(verdict('99.3%', '99.25')).toBe('成立');
    expect(verdict('99.3%', '99.35')).toBe('成立');
    expect(verdict('99.3%', '99.2499')).toBe('不成立');
    expect(verdict('99.3%', '99.3501')).toBe('不成立');
  });

  test('two decimals and none', () => {
    expect(verdict('99.30%', '99.295')).toBe('成立');
    expect(verdict('99.30%', '99.3051')).toBe('不成立');
    expect(verdict('99%', '99.49')).toBe('成立');
    expect(verdict('99%', '99.51')).toBe('不成立');
  });

  test('a number cell cannot tell 99.3% from 99.30%: two decimals are assumed', () => {
    expect(verdict(0.993 as unknown as string, '99.297')).toBe('成立');
    expect(verdict(0.993 as unknown as string, '99.27')).toBe('不成立');
  });

  test('the tolerance is said', () => {
    const f = find({ 基础_预算完成率: '99.3%' }, 'rate.预算完成率', [rate('99.41')])!;
    expect(fullText(f)).toContain('容差 ±0.05 个百分点');
  });
});
