import { D } from '../../src/core/decimal';
import { templateReading, InputValues } from '../../src/core/fill';
import { TEMPLATE_ADDRESS } from '../../src/catalogue/layout';
import { CHECKS } from '../../src/catalogue/checks';
import { buildModel } from '../../src/core/model';
import {
  evaluateChecks,
  explanationOf,
  explanationStatus,
  flattenFindings,
  runChecks,
} from '../../src/core/checks';
import { findingMarks, findingsSheet } from '../../src/core/sheets/findingsSheet';
import { fullText, nextStepText } from '../../src/core/render/finding';
import type { Finding, IndicatorResult, Operand, ScoreSheet } from '../../src/core/results';
import { computeIndicators } from '../../src/core/indicators';
import { sampleModel } from '../helpers/sample';

const at = (name: string) => TEMPLATE_ADDRESS.get(name)!;

function all(fs: Finding[]): Finding[] {
  return flattenFindings(fs).map((x) => x.finding);
}

function find(fs: Finding[], id: string): Finding | undefined {
  return all(fs).find((f) => f.id === id);
}

/** Findings of a synthetic workbook holding only `values` (input findings for blank required cells ignored). */
function check(
  values: InputValues,
  indicators: IndicatorResult[] = [],
  scores: ScoreSheet | null = null
): Finding[] {
  return runChecks(buildModel(templateReading(values)), indicators, scores);
}

function indicator(
  id: string,
  value: string | null,
  operands: Operand[] = [],
  formula = `${id}公式`
): IndicatorResult {
  return {
    id,
    label: id,
    formula,
    value: value === null ? null : new D(value),
    operands,
    ...(value === null ? { unavailable: '编制数为 0，无法计算' } : {}),
  };
}

describe('check catalogue', () => {
  test('ids are unique and every operand is a catalogue name', () => {
    const ids = CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CHECKS) for (const n of c.operands) expect(TEMPLATE_ADDRESS.has(n)).toBe(true);
  });
});

/** Every income source but 一般公共预算 and 其他, typed 0: a blank is not 0, so a sum with blank parts cannot fail. */
const OTHER_SOURCES_ZERO = {
  收入_政府性基金预算财政拨款: 0,
  收入_国有资本经营预算财政拨款: 0,
  收入_上级补助收入: 0,
  收入_事业收入: 0,
  收入_经营收入: 0,
  收入_附属单位上缴收入: 0,
};

describe('合计: total = Σ parts', () => {
  const base = { 收入_一般公共预算财政拨款: 100, 收入_其他收入: 50.5, ...OTHER_SOURCES_ZERO };

  test('holds', () => {
    expect(find(check({ ...base, 收入_本年收入合计: 150.5 }), 'sum.本年收入合计')).toBeUndefined();
  });

  test('breaks: says what should hold, expected, computed, difference, tolerance and every cell', () => {
    const f = find(check({ ...base, 收入_本年收入合计: 151 }), 'sum.本年收入合计')!;
    expect(f.kind).toBe('mismatch');
    // A failed 合计 is an 错误 as the 部门决算 software judges it, though no indicator reads these figures.
    expect(f.severity).toBe('错误');
    expect(f.affects).toBeUndefined();
    expect(f.title).toBe('本年收入合计与各项收入之和不一致');
    expect(f.expected!.value.toFixed(2)).toBe('150.50');
    expect(f.computed!.value.toFixed(2)).toBe('151.00');
    expect(f.difference!.value.toFixed(2)).toBe('0.50');
    expect(f.tolerance!.value.toString()).toBe('0.045');
    expect(fullText(f)).toContain('应为 150.50 万元，实为 151.00 万元，差额 +0.50 万元');
    expect(fullText(f)).toContain('容差 ±0.045（9 个金额各按 ±0.005 的四舍五入误差计）');
    for (const n of ['收入_本年收入合计', '收入_一般公共预算财政拨款', '收入_其他收入'])
      expect(fullText(f)).toContain(at(n));
    expect(f.operands.map((o) => o.address)).toEqual([
      at('收入_本年收入合计'),
      at('收入_一般公共预算财政拨款'),
      ...Object.keys(OTHER_SOURCES_ZERO).map(at),
      at('收入_其他收入'),
    ]);
    expect(fullText(f)).toContain('建议：');
  });

  test('within tolerance: 478.29 + 877.32 = 1355.61 against 1355.62 (3 terms, ±0.015) is no finding; 0.02 off is', () => {
    const v = { 支出_基本支出: 478.29, 支出_项目支出: 877.32 };
    expect(find(check({ ...v, 支出_本年支出合计: 1355.62 }), 'sum.本年支出合计.支出性质')).toBeUndefined();
    expect(
      find(
        check({ ...v, 支出_本年支出合计: 1355.63 }),
        'sum.本年支出合计.支出性质'
      )!.difference!.value.toFixed(2)
    ).toBe('0.02');
  });

  test('a tolerance per term can be set', () => {
    const m = buildModel(
      templateReading({ 支出_基本支出: 478.29, 支出_项目支出: 877.32, 支出_本年支出合计: 1355.62 })
    );
    const f = find(
      runChecks(m, [], null, { tolerancePerTerm: new D('0.001') }),
      'sum.本年支出合计.支出性质'
    )!;
    expect(f.tolerance!.value.toString()).toBe('0.003');
  });

  test('sub-items against their parent, and budget identity per project row', () => {
    const rows = [
      ['甲项目', null, 100, 20, 130, 115],
      ['子一', '甲项目', null, null, null, 60],
      ['子二', '甲项目', null, null, null, 50],
      ['乙项目', null, 10, '-', 10, 10],
    ];
    const fs = check({ 项目支出明细表: rows, 项目_合计_决算数: 125 });
    const sub = find(fs, 'sum.项目明细.甲项目.决算数')!;
    expect(sub.expected!.value.toFixed(2)).toBe('110.00');
    expect(sub.computed!.value.toFixed(2)).toBe('115.00');
    expect(find(fs, 'sum.项目预算总额.甲项目')!.expected!.value.toFixed(2)).toBe('120.00');
    expect(find(fs, 'sum.项目预算总额.乙项目')).toBeUndefined();
    // Top-level projects only: 115 + 10 = 125.
    expect(find(fs, 'sum.项目合计.决算数')).toBeUndefined();
  });

  test('counts have no tolerance: 人员情况表 in-post 18 + 2 against 21', () => {
    const f = find(
      check({
        人员情况表: [
          ['本部', 19, 18, null],
          ['中心', 4, 2, null],
        ],
        基础_在职人数: 21,
        基础_编制数: 23,
      }),
      'sum.人员.在职人数'
    )!;
    expect(fullText(f)).toContain('应为 20 人，实为 21 人，差额 +1 人；容差 0');
    expect(
      find(
        check({
          人员情况表: [
            ['本部', 19, 18, null],
            ['中心', 4, 2, null],
          ],
          基础_编制数: 23,
        }),
        'sum.人员.编制数'
      )
    ).toBeUndefined();
  });

  test('a total whose parts are all blank is skipped silently', () => {
    expect(find(check({ 三公_合计_上年预算: 26 }), 'sum.三公.上年预算')).toBeUndefined();
  });
});

describe('three outcomes: a blank is never 0', () => {
  /** How comparison `id` of check `id` ended, the check run alone. */
  const outcome = (values: InputValues, id: string) =>
    evaluateChecks(buildModel(templateReading(values)), [], null, { only: [id] }).results.find(
      (r) => r.id === id
    )!;

  test('a prior-year 三公 total with one item blank: 无法核实, naming the blank, not “应为 3.70，实为 10.10”', () => {
    const values = { 三公_合计_上年决算: 10.1, 三公_因公出国_上年决算: 2.5, 三公_公务接待_上年决算: 1.2 };
    const r = outcome(values, 'sum.三公.上年决算');
    expect(r.outcome).toBe('无法核实');
    expect(r.missing.map((o) => o.name)).toEqual(['三公_公务用车_上年决算']);
    const f = find(check(values), 'sum.三公.上年决算')!;
    // Undecided for want of a figure: 待补, neither 错误 nor 提示; the title never says 不一致.
    expect([f.kind, f.severity]).toEqual(['cannotVerify', '待补']);
    expect(f.title).toBe('“三公”经费上年决算数合计与各项之和无法核实');
    expect(f.missing!.map((o) => o.address)).toEqual([at('三公_公务用车_上年决算')]);
    expect(fullText(f)).toContain('缺 ' + at('三公_公务用车_上年决算'));
  });

  test('stated parts already over the total: 不成立 whatever the blank holds', () => {
    const values = { 三公_合计_上年决算: 3, 三公_因公出国_上年决算: 2.5, 三公_公务接待_上年决算: 1.2 };
    expect(outcome(values, 'sum.三公.上年决算').outcome).toBe('不成立');
    const f = find(check(values), 'sum.三公.上年决算')!;
    expect(f.kind).toBe('mismatch');
    expect(f.missing!.map((o) => o.name)).toEqual(['三公_公务用车_上年决算']);
  });

  test('stated parts equal to the total: the blank read as 0 confirms it, 成立（空白按 0 计）', () => {
    const values = { 三公_合计_上年决算: 3.7, 三公_因公出国_上年决算: 2.5, 三公_公务接待_上年决算: 1.2 };
    const r = outcome(values, 'sum.三公.上年决算');
    expect(r.outcome).toBe('成立');
    expect(r.missing).toEqual([]);
    expect(r.blanksAsZero!.map((o) => o.name)).toEqual(['三公_公务用车_上年决算']);
    const run = evaluateChecks(buildModel(templateReading(values)), [], null, {
      only: ['sum.三公.上年决算'],
    });
    expect(run.checks[0].outcomeText).toBe('成立（空白按 0 计）');
    expect(find(check(values), 'sum.三公.上年决算')).toBeUndefined();
  });

  test('a blank checked figure is confirmed as 0 when the rest adds up to 0 (a 决算 table prints zero as blank)', () => {
    // 年初 10 + 收入 100 − 支出 110 = 0 with 年末 blank.
    const values = { 财拨_年初结转结余_基本: 10, 财拨_本年收入_基本: 100, 财拨_本年支出_基本: 110 };
    const r = outcome(values, 'balance.财拨.基本');
    expect([r.outcome, r.blanksAsZero!.map((o) => o.name)]).toEqual(['成立', ['财拨_年末结转结余_基本']]);
    // 年初 10 + 收入 100 − 支出 100 = 10 is no 0: the blank 年末 is to fill, and no finding accuses anything.
    const open = { ...values, 财拨_本年支出_基本: 100 };
    expect(outcome(open, 'balance.财拨.基本').outcome).toBe('无法核实');
    expect(find(check(open), 'balance.财拨.基本')).toBeUndefined();
  });

  test('blanks that could move either way no longer leave agreeing figures undecided: 0 confirms them', () => {
    // 年初 10 = 年末 10 with 收入 and 支出 blank: read as 0, it holds.
    const r = outcome({ 财拨_年初结转结余_项目: 10, 财拨_年末结转结余_项目: 10 }, 'balance.财拨.项目');
    expect(r.outcome).toBe('成立');
    expect(r.blanksAsZero!.map((o) => o.name).sort()).toEqual(
      ['财拨_本年支出_项目', '财拨_本年收入_项目'].sort()
    );
  });

  test('a partly entered side is never stated as the total: its sum is “已填各项之和”', () => {
    // 合计 3 against 2.5 + 1.2 = 3.7 stated, 公务用车 blank: 不成立 whatever it holds, but 3.7 is no 应为.
    const values = { 三公_合计_上年决算: 3, 三公_因公出国_上年决算: 2.5, 三公_公务接待_上年决算: 1.2 };
    const f = find(check(values), 'sum.三公.上年决算')!;
    expect(f.partial).toBe('expected');
    expect(fullText(f)).toContain('已填各项之和 3.70 万元，实为 3.00 万元');
    expect(fullText(f)).not.toContain('应为 3.70');
    // Undecided: the gap the blank could fill is stated as what the entered lines add up to, too.
    const open = find(check({ ...values, 三公_合计_上年决算: 10.1 }), 'sum.三公.上年决算')!;
    expect(fullText(open)).toContain('已填各项之和 3.70 万元，实为 10.10 万元');
    expect(fullText(open)).not.toContain('应为 3.70');
  });

  test('typed 0 and “-” are zero: the same sum decides', () => {
    expect(
      outcome(
        {
          三公_合计_上年决算: 10.1,
          三公_因公出国_上年决算: 2.5,
          三公_公务接待_上年决算: 1.2,
          三公_公务用车_上年决算: 0,
        },
        'sum.三公.上年决算'
      ).outcome
    ).toBe('不成立');
    expect(
      outcome(
        {
          三公_合计_上年决算: 10.1,
          三公_因公出国_上年决算: 2.5,
          三公_公务接待_上年决算: 1.2,
          三公_公务用车_上年决算: '-',
        },
        'sum.三公.上年决算'
      ).outcome
    ).toBe('不成立');
  });

  test('nothing stated: 无法核实 with every blank named, and no finding', () => {
    const run = evaluateChecks(buildModel(templateReading({})), [], null, { only: ['sum.三公.上年决算'] });
    expect(run.findings).toEqual([]);
    expect(run.checks).toHaveLength(1);
    expect(run.checks[0].outcome).toBe('无法核实');
    expect(run.checks[0].missing.map((o) => o.name)).toEqual([
      '三公_合计_上年决算',
      '三公_因公出国_上年决算',
      '三公_公务接待_上年决算',
      '三公_公务用车_上年决算',
    ]);
  });

  test('a balance with a blank spending: the figures could still reconcile, so 无法核实', () => {
    const r = outcome(
      { 财拨_年初结转结余_基本: 10, 财拨_本年收入_基本: 100, 财拨_年末结转结余_基本: 20 },
      'balance.财拨.基本'
    );
    expect(r.outcome).toBe('无法核实');
    expect(r.missing.map((o) => o.name)).toEqual(['财拨_本年支出_基本']);
  });

  test('a failed 衔接 is an 错误 whatever reads it; what reads it is still recorded', () => {
    const values = { 基础_结转结余_上年: 60.64, 收入_年初结转和结余: 4.04 };
    expect(find(check(values), 'carry.结转结余')!.severity).toBe('错误');
    expect(find(check(values), 'carry.结转结余')!.affects).toBeUndefined();
    const reads = indicator('结转结余变动率', '10', [
      { name: '基础_结转结余_上年', label: '上年', value: new D('60.64'), address: at('基础_结转结余_上年') },
    ]);
    const f = find(check(values, [reads]), 'carry.结转结余')!;
    expect(f.severity).toBe('错误');
    expect(f.affects).toEqual(['结转结余变动率']);
  });

  test('only the chosen checks run', () => {
    const run = evaluateChecks(
      buildModel(
        templateReading({
          ...OTHER_SOURCES_ZERO,
          收入_一般公共预算财政拨款: 1,
          收入_其他收入: 1,
          收入_本年收入合计: 5,
          支出_基本支出: 1,
          支出_项目支出: 1,
          支出_本年支出合计: 9,
        })
      ),
      [],
      null,
      { only: ['sum.本年收入合计'] }
    );
    expect(run.checks.map((c) => c.rule)).toEqual(['sum.本年收入合计']);
    expect(all(run.findings).map((f) => f.id)).toEqual(['sum.本年收入合计']);
  });
});

describe('平衡: 年初 + 收入 − 支出 = 年末', () => {
  const v = { 财拨_年初结转结余_基本: 10, 财拨_本年收入_基本: 100, 财拨_本年支出_基本: 90 };
  test('holds, breaks, within tolerance (4 terms: ±0.02)', () => {
    expect(find(check({ ...v, 财拨_年末结转结余_基本: 20 }), 'balance.财拨.基本')).toBeUndefined();
    expect(find(check({ ...v, 财拨_年末结转结余_基本: 20.02 }), 'balance.财拨.基本')).toBeUndefined();
    const f = find(check({ ...v, 财拨_年末结转结余_基本: 25 }), 'balance.财拨.基本')!;
    expect(f.expected!.value.toFixed(2)).toBe('20.00');
    expect(f.difference!.value.toFixed(2)).toBe('5.00');
    expect(f.tolerance!.value.toString()).toBe('0.02');
  });
});

describe('一致: one quantity stated in two places', () => {
  test('holds, breaks, within tolerance (pair: ±0.01)', () => {
    expect(
      find(check({ 收入_一般公共预算财政拨款: 1193.05, 财拨_本年收入_合计: 1193.05 }), 'same.财拨收入')
    ).toBeUndefined();
    expect(
      find(check({ 收入_一般公共预算财政拨款: 1193.05, 财拨_本年收入_合计: 1193.06 }), 'same.财拨收入')
    ).toBeUndefined();
    const f = find(
      check({ 收入_一般公共预算财政拨款: 1193.05, 财拨_本年收入_合计: 780.19 }),
      'same.财拨收入'
    )!;
    expect(f.difference!.value.toFixed(2)).toBe('-412.86');
    expect(fullText(f)).toContain('差额 −412.86 万元；容差 ±0.01');
  });
});

describe('部分: part ≤ whole', () => {
  test('holds, breaks, within tolerance', () => {
    expect(
      find(
        check({ 财拨_对个人和家庭的补助: 66.73, 支出_对个人和家庭的补助: 66.73 }),
        'part.财拨_对个人和家庭的补助'
      )
    ).toBeUndefined();
    expect(
      find(
        check({ 财拨_对个人和家庭的补助: 66.74, 支出_对个人和家庭的补助: 66.73 }),
        'part.财拨_对个人和家庭的补助'
      )
    ).toBeUndefined();
    const f = find(
      check({ 财拨_对个人和家庭的补助: 77.14, 支出_对个人和家庭的补助: 66.73 }),
      'part.财拨_对个人和家庭的补助'
    )!;
    expect(fullText(f)).toContain('上限 66.73 万元，实为 77.14 万元，超出 10.41 万元');
    expect(f.title).toBe('财政拨款对个人和家庭的补助超过部门对个人和家庭的补助');
  });
});

describe('预算: 三公 决算 ≤ 预算 is a 提示', () => {
  test('holds and breaks', () => {
    expect(
      find(check({ 三公_公务接待_本年决算: 10, 三公_公务接待_本年预算: 10 }), 'budget.三公.公务接待')
    ).toBeUndefined();
    expect(
      find(check({ 三公_公务接待_本年决算: 12, 三公_公务接待_本年预算: 10 }), 'budget.三公.公务接待')!
        .severity
    ).toBe('提示');
  });
});

describe('比率: a stated rate equals its recomputation', () => {
  const ops: Operand[] = [
    {
      name: '基础_预算完成_上年结转',
      label: '上年结转',
      value: new D('61.55'),
      address: at('基础_预算完成_上年结转'),
    },
  ];
  // (61.55 + 661.64 + 118.55 − 4.04) ÷ (61.55 + 661.64 + 118.55) = 837.70 ÷ 841.74 = 99.5200…%
  const 完成率 = indicator('预算完成率', '837.70', ops);
  完成率.value = new D('837.70').div('841.74').times(100);

  test('holds, breaks, within the stated rounding', () => {
    expect(find(check({ 基础_预算完成率: '99.52%' }, [完成率]), 'rate.预算完成率')).toBeUndefined();
    // Stated to 3 decimals, a rate is checked to 3 (issue 14): 99.520% holds, 99.524% does not.
    expect(find(check({ 基础_预算完成率: '99.520%' }, [完成率]), 'rate.预算完成率')).toBeUndefined();
    expect(find(check({ 基础_预算完成率: '99.524%' }, [完成率]), 'rate.预算完成率')).toBeDefined();
    const f = find(check({ 基础_预算完成率: '99.59%' }, [完成率]), 'rate.预算完成率')!;
    expect(f.expected!.value.toFixed(2)).toBe('99.52');
    expect(fullText(f)).toContain('应为 99.52%，实为 99.59%，差额 +0.07 个百分点；容差 ±0.005 个百分点');
    // The indicator's inputs are shown and marked too.
    expect(f.operands.map((o) => o.address)).toContain(at('基础_预算完成_上年结转'));
  });

  test('a sign error is named', () => {
    // (4.04 − 60.64) ÷ 60.64 = −93.3377…%
    const 变动率 = indicator('结转结余变动率', null);
    变动率.value = new D('-56.6').div('60.64').times(100);
    delete 变动率.unavailable;
    const f = find(check({ 基础_结转结余变动率: '93.33%' }, [变动率]), 'rate.结转结余变动率')!;
    expect(fullText(f)).toContain('应为 −93.34%，实为 93.33%');
    // Named as a sign error, with no “difference” of twice the rate.
    expect(f.title).toBe('结转结余变动率正负号有误（应为下降 93.34%）');
    expect(fullText(f)).not.toContain('差额');
  });

  test('a rate that cannot be recomputed is a 提示 saying why', () => {
    const f = find(
      check({ 基础_在职人员控制率: '91.30%' }, [indicator('在职人员控制率', null)]),
      'rate.在职人员控制率'
    )!;
    expect(f.severity).toBe('提示');
    expect(fullText(f)).toContain('编制数为 0，无法计算');
  });

  test('三公 增长率 recomputed from the 三公 table; 上年 0 gives a 提示', () => {
    const v = { 三公_公务接待_本年决算: 1.26, 三公_公务接待_上年决算: 0.98 };
    // (1.26 − 0.98) ÷ 0.98 = 28.571…%
    expect(find(check({ ...v, 三公_公务接待_增长率: '28.57%' }), 'rate.三公增长率.公务接待')).toBeUndefined();
    expect(
      find(
        check({ ...v, 三公_公务接待_增长率: '30.00%' }),
        'rate.三公增长率.公务接待'
      )!.expected!.value.toFixed(2)
    ).toBe('28.57');
    const zero = find(
      check({ 三公_公务接待_本年决算: 1, 三公_公务接待_上年决算: 0, 三公_公务接待_增长率: '100%' }),
      'rate.三公增长率.公务接待'
    )!;
    expect(zero.severity).toBe('提示');
  });

  test('two projects with the same name: a 提示 naming both cells, and separate findings for each', () => {
    const rows = [
      ['培训', null, 10, 5, 16, 15, null],
      ['培训', null, 20, 0, 21, 20, null],
    ];
    const fs = check({ 项目支出明细表: rows });
    const dup = find(fs, 'input.项目重名.培训')!;
    expect(dup.severity).toBe('提示');
    expect(dup.operands.map((o) => o.address)).toEqual([
      expect.stringMatching(/^项目支出!A\d+$/),
      expect.stringMatching(/^项目支出!A\d+$/),
    ]);
    // 10 + 5 = 15 ≠ 16 and 20 + 0 = 20 ≠ 21: two findings, two ids.
    expect(find(fs, 'sum.项目预算总额.培训@第1行')!.difference!.value.toString()).toBe('1');
    expect(find(fs, 'sum.项目预算总额.培训@第2行')!.difference!.value.toString()).toBe('1');
  });

  test('三公 增长率 tolerance widens with the rounding of small amounts, and says so', () => {
    const small = { 三公_公务接待_本年决算: 1.26, 三公_公务接待_上年决算: 0.98 };
    // ±0.005 on both amounts: 100·(0.005/0.98 + 1.26·0.005/0.98²) = 1.166181…, plus 0.005 for the stated rate.
    const f = find(check({ ...small, 三公_公务接待_增长率: '30.00%' }), 'rate.三公增长率.公务接待')!;
    expect(f.tolerance!.value.toFixed(4)).toBe('1.1712');
    expect(
      find(check({ ...small, 三公_公务接待_增长率: '29.5%' }), 'rate.三公增长率.公务接待')
    ).toBeUndefined();
    // 100 times the base: 100·(0.005/98 + 126·0.005/98²) + 0.005 = 0.016662…
    const large = { 三公_公务接待_本年决算: 126, 三公_公务接待_上年决算: 98 };
    expect(
      find(check({ ...large, 三公_公务接待_增长率: '28.58%' }), 'rate.三公增长率.公务接待')
    ).toBeUndefined();
    expect(
      find(
        check({ ...large, 三公_公务接待_增长率: '28.60%' }),
        'rate.三公增长率.公务接待'
      )!.tolerance!.value.toFixed(4)
    ).toBe('0.0167');
  });
});

describe('单位 and 年度', () => {
  test('a figure typed in 元 is named as such, and the identities it breaks fold under it', () => {
    const fs = check({
      收入_一般公共预算财政拨款: 11930500,
      收入_其他收入: 158.53,
      收入_本年收入合计: 1351.58,
      财拨_本年收入_合计: 1193.05,
    });
    const roots = fs.filter((f) => f.id.startsWith('unit.'));
    expect(roots).toHaveLength(1);
    expect(fullText(roots[0])).toContain(
      `${at('收入_一般公共预算财政拨款')} 一般公共预算财政拨款收入 填的是 11,930,500.00`
    );
    expect(fullText(roots[0])).toContain('按万元应为 1,193.05 万元');
    // Its size among the 收入 lines (158.53, 1351.58) says the same: unit.量级 folds under the same root.
    expect(roots[0].consequences!.map((c) => c.id).sort()).toEqual(
      ['unit.same.财拨收入', 'unit.sum.本年收入合计', 'unit.量级.收入_一般公共预算财政拨款'].filter(
        (x) => x !== roots[0].id
      )
    );
  });

  test('figures labelled with another year', () => {
    expect(find(check({ 评价年度: 2021, 基础_预算调整_数据年度: 2021 }), 'year.预算调整')).toBeUndefined();
    const f = find(
      check({ 评价年度: 2021, 基础_预算调整_数据年度: 2020, 基础_预算调整_年初预算: 596.03 }),
      'year.预算调整'
    )!;
    expect(fullText(f)).toContain('应为 2021 年，实为 2020 年');
    expect(f.operands.map((o) => o.address)).toContain(at('基础_预算调整_年初预算'));
  });

  test('衔接: this year’s 年初 = last year’s 年末', () => {
    expect(
      find(check({ 基础_结转结余_上年: 4.04, 收入_年初结转和结余: 4.04 }), 'carry.结转结余')
    ).toBeUndefined();
    expect(
      find(
        check({ 基础_结转结余_上年: 60.64, 收入_年初结转和结余: 4.04 }),
        'carry.结转结余'
      )!.difference!.value.toFixed(2)
    ).toBe('56.60');
  });
});

describe('输入: input diagnostics are findings', () => {
  test('every model diagnostic appears once, with its message and cell', () => {
    const m = buildModel(templateReading({ 基础_编制数: -3 }));
    const fs = runChecks(m, [], null).filter((f) => f.rule === 'input');
    expect(fs).toHaveLength(m.diagnostics.length);
    const neg = fs.find((f) => fullText(f).includes('人数或个数不能为负'))!;
    expect(neg.severity).toBe('错误');
    expect(neg.operands[0].address).toBe(at('基础_编制数'));
  });
});

describe('评分: a claimed score the rulebook contradicts', () => {
  const ind = indicator('在职人员控制率', '91.30', [
    { name: '基础_在职人数', label: '在职人数', value: new D(21), address: at('基础_在职人数') },
  ]);
  const sheet: ScoreSheet = {
    lines: [
      {
        level1: '投入',
        level2: '预算配置',
        level3: '在职人员控制率',
        points: new D(2),
        standard: '≤100% 得满分',
        indicator: '在职人员控制率',
        indicatorValue: new D('91.30'),
        score: new D(1),
        claimed: new D(2),
      },
      {
        level1: '投入',
        level2: '预算配置',
        level3: '三公经费变动率',
        points: new D(2),
        standard: '≤0 得满分',
        score: new D(2),
        claimed: new D(1),
      },
    ],
    groups: [
      { level: 2, name: '预算配置', points: new D(4), score: new D(3), claimed: new D(4), parent: '投入' },
      { level: 1, name: '投入', points: new D(10), score: new D(3), claimed: new D(4) },
    ],
    total: new D(3),
    points: new D(100),
    grade: '差',
  };
  test('over-claiming is an 错误, under-claiming a 提示; the group follows from its line', () => {
    const fs = check(
      {
        自评得分表: [
          ['在职人员控制率', 2, null],
          ['预算配置', 4, null],
        ],
      },
      [ind],
      sheet
    );
    const over = fs.find((f) => f.id === 'score.三级.在职人员控制率')!;
    expect(over.severity).toBe('错误');
    expect(fullText(over)).toContain('应为 1.00 分，实为 2.00 分');
    expect(over.title).toBe('“在职人员控制率”自评 2.00 分，按评分规则计 1.00 分');
    expect(over.operands.map((o) => o.address)).toEqual([
      expect.stringMatching(/^自评打分!B\d+$/),
      at('基础_在职人数'),
    ]);
    expect(over.consequences!.map((c) => c.id)).toEqual(['score.二级.预算配置']);
    expect(all(over.consequences!).map((c) => c.id)).toContain('score.一级.投入');
    expect(find(fs, 'score.三级.三公经费变动率')!.severity).toBe('提示');
  });
  test('the message shows the indicator value as a percentage and a fractional 满分 as it is (2.5, not 3)', () => {
    const half: ScoreSheet = {
      ...sheet,
      groups: [
        {
          level: 2,
          name: '预算配置',
          points: new D('2.5'),
          score: new D(1),
          claimed: new D('2.5'),
          parent: '投入',
        },
      ],
    };
    const fs = check(
      {
        自评得分表: [
          ['在职人员控制率', 2, null],
          ['预算配置', 2.5, null],
        ],
      },
      [ind],
      half
    );
    expect(fullText(find(fs, 'score.三级.在职人员控制率')!)).toContain(
      '（指标值 91.30%，评分标准：≤100% 得满分）'
    );
    expect(fullText(find(fs, 'score.二级.预算配置')!)).toContain('（满分 2.5 分）');
  });
});

describe('出错说明', () => {
  test('an explained 提示 shows as 已说明 and its explanation is available; a stale row is a 提示', () => {
    const fs = check({
      三公_公务接待_本年决算: 12,
      三公_公务接待_本年预算: 10,
      出错说明表: [
        ['budget.三公.公务接待', '接待超预算', '承办全国会议，接待任务增加'],
        ['sum.不存在', null, '已改正'],
      ],
    });
    const f = find(fs, 'budget.三公.公务接待')!;
    expect(f.explanation).toBe('承办全国会议，接待任务增加');
    expect(explanationStatus(f)).toBe('已说明');
    expect(explanationOf(fs, 'budget.三公.公务接待')).toBe('承办全国会议，接待任务增加');
    expect(explanationOf(fs, 'sum.本年收入合计')).toBeUndefined();
    expect(find(fs, 'input.出错说明.sum.不存在')!.severity).toBe('提示');
  });
});

describe('cascades fold', () => {
  test('one wrong 合计 breaks four identities: one root, the rest under it', () => {
    const fs = check({
      财拨_年初结转结余_基本: 0,
      财拨_年初结转结余_项目: 0,
      财拨_年初结转结余_合计: 0,
      财拨_本年收入_基本: 478.29,
      财拨_本年收入_项目: 718.79,
      财拨_本年收入_合计: 1197.08,
      财拨_本年支出_基本: 478.29,
      财拨_本年支出_项目: 718.79,
      财拨_本年支出_合计: 836.79,
      财拨_年末结转结余_基本: 0,
      财拨_年末结转结余_项目: 0,
      财拨_年末结转结余_合计: 0,
      支出_一般公共预算财政拨款: 1197.08,
      财拨_工资福利支出: 600,
      财拨_商品和服务支出: 597.08,
    });
    const root = fs.find((f) => f.id === 'sum.财拨.本年支出')!;
    expect(root.consequences!.map((c) => c.id).sort()).toEqual([
      'balance.财拨.合计',
      'same.财拨支出',
      'sum.财拨经济分类',
    ]);
    expect(root.primary!.address).toBe(at('财拨_本年支出_合计'));
    // The other figures agree on 1197.08 (收支总表, 基本 + 项目, the balance solved for it): the advice names the cell and the figure.
    expect(root.correction!.to.value.toFixed(2)).toBe('1197.08');
    expect(nextStepText(root)).toBe(
      `收支总表·一般公共预算财政拨款支出为 1,197.08 万元，与基本支出、项目支出之和、按结转结余平衡关系倒算的数（0.00 + 1,197.08 − 0.00 = 1,197.08）一致：应将财政拨款表·本年支出（合计）由 836.79 万元改为 1,197.08 万元（${at('财拨_本年支出_合计')}）。`
    );
    expect(fs.filter((f) => f.rule !== 'input')).toHaveLength(1);
  });
});

describe('advice from the data reads the corrections already decided', () => {
  // 财政拨款表: 本年收入 合计 1050.00 against 300.00 + 1200.00 = 1500.00, and 收支总表 states 1500.00 (corrected);
  // 本年支出 合计 900.00 against 300.00 + 1210.01 = 1510.01, and 收支总表 states 1510.02.
  const figures: InputValues = {
    财拨_年初结转结余_基本: 0,
    财拨_年初结转结余_项目: 20,
    财拨_年初结转结余_合计: 20,
    财拨_本年收入_基本: 300,
    财拨_本年收入_项目: 1200,
    财拨_本年收入_合计: 1050,
    财拨_本年支出_基本: 300,
    财拨_本年支出_项目: 1210.01,
    财拨_本年支出_合计: 900,
    财拨_年末结转结余_基本: 0,
    财拨_年末结转结余_项目: 9.98,
    财拨_年末结转结余_合计: 9.98,
    收入_一般公共预算财政拨款: 1500,
    支出_一般公共预算财政拨款: 1510.02,
  };
  const spending = (values: InputValues) => find(check(values), 'sum.财拨.本年支出')!;

  test('a balance read with the corrected 本年收入 agrees with 收支总表: the 0.01 of the parts’ rounding is tolerated', () => {
    expect(find(check(figures), 'sum.财拨.本年收入')!.correction!.to.value.toFixed(2)).toBe('1500.00');
    // 20.00 + 1500.00 − 9.98 = 1510.02 = 收支总表; 300.00 + 1210.01 = 1510.01 is within its ±0.015 of it.
    const f = spending(figures);
    expect(f.correction!.to.value.toFixed(2)).toBe('1510.02');
    expect(nextStepText(f)).toBe(
      `收支总表·一般公共预算财政拨款支出为 1,510.02 万元，与按结转结余平衡关系倒算的数（20.00 + 1,500.00 − 9.98 = 1,510.02）一致，与基本支出、项目支出之和（1,510.01 万元）差 0.01 万元，在四舍五入误差内：应将财政拨款表·本年支出（合计）由 900.00 万元改为 1,510.02 万元（${at('财拨_本年支出_合计')}）。`
    );
  });

  test('no support is invented: beyond the rounding tolerance, or with no correction to read the balance with', () => {
    // 300.00 + 1210.00 = 1510.00 is 0.02 from 1510.02, beyond ±0.015: the parts say another figure is wrong too.
    expect(spending({ ...figures, 财拨_本年支出_项目: 1210 }).correction).toBeUndefined();
    // 收支总表's 收入 blank: 1050.00 is not corrected, the balance gives 20.00 + 1050.00 − 9.98 = 1060.02, and 1510.02
    // against 1510.01 alone does not say which is right.
    expect(spending({ ...figures, 收入_一般公共预算财政拨款: null }).correction).toBeUndefined();
  });
});

describe('the sample department', () => {
  // Hand-computed recomputations of the stated rates, from the sample's own inputs.
  // Each reads its inputs as the engine's indicators do (severity follows the consequence).
  const reads = (...names: string[]): Operand[] =>
    names.map((name) => ({ name, label: name, value: null, address: at(name) }));
  const indicators: IndicatorResult[] = [
    indicator('在职人员控制率', '0', reads('基础_在职人数', '基础_编制数')),
    indicator(
      '预算完成率',
      '0',
      reads(
        '基础_预算完成_上年结转',
        '基础_预算完成_年初预算',
        '基础_预算完成_本年追加',
        '基础_预算完成_年末结余'
      )
    ),
    indicator('结转结余变动率', '0', reads('基础_结转结余_本年', '基础_结转结余_上年')),
    indicator('公用经费控制率', '0'),
    indicator('三公经费控制率', '0'),
    indicator('三公经费变动率', '0'),
  ];
  indicators[0].value = new D(21).div(23).times(100); // 91.304…
  indicators[1].value = new D('837.70').div('841.74').times(100); // 99.520…
  indicators[2].value = new D('-56.6').div('60.64').times(100); // −93.338…
  indicators[3].value = new D('45.07').div('41.76').times(100); // 107.926…
  indicators[4].value = new D('5.83').div(26).times(100); // 22.423…
  const fs = runChecks(sampleModel(), indicators, null);
  const flat = all(fs);
  const ids = flat.map((f) => f.id);

  test('finds the report’s reconciliation errors', () => {
    const e = (id: string) => find(fs, id)!;
    // 财拨 本年收入 478.29 + 714.76 = 1193.05 ≠ 780.19; 本年支出 478.29 + 718.79 = 1197.08 ≠ 836.79.
    expect([
      e('sum.财拨.本年收入').expected!.value.toFixed(2),
      e('sum.财拨.本年收入').computed!.value.toFixed(2),
    ]).toEqual(['1193.05', '780.19']);
    expect([
      e('sum.财拨.本年支出').expected!.value.toFixed(2),
      e('sum.财拨.本年支出').computed!.value.toFixed(2),
    ]).toEqual(['1197.08', '836.79']);
    // 700.99 + 654.62 = 1355.61 ≠ 1193.05; 406 + 471.32 = 877.32 ≠ 714.76.
    expect(e('sum.财拨调整后预算.合计').expected!.value.toFixed(2)).toBe('1355.61');
    expect(e('sum.财拨调整后预算.项目').expected!.value.toFixed(2)).toBe('877.32');
    // 271.02 + 486.73 + 77.14 = 834.89 ≠ 836.79.
    expect(e('sum.财拨经济分类').expected!.value.toFixed(2)).toBe('834.89');
    // 77.14 > 66.73.
    expect(e('part.财拨_对个人和家庭的补助').difference!.value.toFixed(2)).toBe('10.41');
    // 52.35 + 399.03 + 0.25 + 70.63 + 60.92 + 135.61 = 718.79 ≠ 688.79; 376 + 338.76 = 714.76 ≠ 684.76.
    expect(e('sum.项目明细.科普经费.决算数').expected!.value.toFixed(2)).toBe('718.79');
    expect(e('sum.项目预算总额.科普经费').expected!.value.toFixed(2)).toBe('714.76');
    // 年初结转 4.04 vs 61.55 vs 60.64.
    expect(e('same.预算完成上年结转').computed!.value.toFixed(2)).toBe('61.55');
    expect(e('carry.结转结余').computed!.value.toFixed(2)).toBe('60.64');
    // 在职 21 vs 18 + 2.
    expect(e('sum.人员.在职人数').expected!.value.toFixed(0)).toBe('20');
    // 99.59% stated vs 99.52%; 93.33% stated for −93.34%.
    expect(e('rate.预算完成率').expected!.value.toFixed(2)).toBe('99.52');
    expect(e('rate.结转结余变动率').kind).toBe('signReversed');
    expect(e('rate.结转结余变动率').title).toBe('结转结余变动率正负号有误（应为下降 93.34%）');
    // 预算调整 figures are 2020's.
    expect(e('year.预算调整').computed!.value.toFixed(0)).toBe('2020');
    // 财拨 明细 基本支出 393.23 vs grid 478.29; 项目 年中追加 338.76 vs 471.32.
    expect(e('same.财拨基本支出').computed!.value.toFixed(2)).toBe('393.23');
    expect(e('same.项目年中追加').computed!.value.toFixed(2)).toBe('338.76');
    // Input is clean: no input findings.
    expect(flat.filter((f) => f.rule === 'input')).toEqual([]);
  });

  test('flags none of the identities that hold within rounding', () => {
    for (const id of [
      'sum.本年支出合计.支出性质', // 478.29 + 877.32 = 1355.61 vs 1355.62, within ±0.015
      'sum.本年收入合计', // 1193.05 + 158.53 = 1351.58
      'sum.基本支出', // 382.14 + 96.15 = 478.29
      'sum.本年支出合计.经济分类', // 333.11 + 955.78 + 66.73 = 1355.62
      'sum.本年支出合计.资金来源', // 1197.09 + 158.53 = 1355.62
      'sum.三公.本年预算', // 6 + 10 + 10 = 26
      'sum.三公.本年决算', // 0 + 1.26 + 4.57 = 5.83
      'sum.三公.上年决算', // 0.95 + 0.98 + 5.17 = 7.10
      'rate.三公增长率.因公出国', // −100%
      'rate.三公增长率.公务接待', // 28.57%
      'rate.三公增长率.公务用车', // −11.61%
      'rate.三公增长率.合计', // −17.89%
      'balance.财拨.项目', // 4.04 + 714.76 − 718.79 = 0.01 vs 0, within ±0.02
      'sum.其他收入明细', // 100 + 50 + 3.2 + 3 + 2.33 = 158.53
      'sum.人员.编制数', // 19 + 4 = 23
      'rate.在职人员控制率', // 91.30%
      'rate.公用经费控制率', // 107.93%
      'rate.三公经费控制率', // 22.42%
      'same.项目决算合计', // 718.79
    ])
      expect(ids).not.toContain(id);
    expect(ids.filter((i) => i.startsWith('unit.'))).toEqual([]);
    // Its 三公 stay within budget and its 项目支出 within 预算总额 + 年初结转 (718.79 ≤ 714.76 + 4.04); its
    // 公用经费 does not (45.07 > 41.76, the report's own 控制率 107.93%): a true 提示.
    expect(ids.filter((i) => i.startsWith('budget.'))).toEqual(['budget.公用经费']);
  });

  test('cascades fold: the wrong 财拨 本年支出 合计 carries its consequences', () => {
    const root = fs.find((f) => f.id === 'sum.财拨.本年支出')!;
    expect(root.consequences!.map((c) => c.id).sort()).toEqual([
      'balance.财拨.合计',
      'same.财拨支出',
      'sum.财拨经济分类',
    ]);
    expect(fs.find((f) => f.id === 'sum.财拨.本年收入')!.consequences!.map((c) => c.id)).toEqual([
      'same.财拨收入',
    ]);
    expect(fs.length).toBeLessThan(flat.length);
    // Errors first.
    const sev = fs.map((f) => f.severity);
    expect(sev.indexOf('提示')).toBeGreaterThan(sev.lastIndexOf('错误'));
  });

  test('问题清单 lists every finding with links; marks are one per cell, most severe', () => {
    const sheet = findingsSheet(fs);
    expect(sheet.name).toBe('问题清单');
    // The columns people read, then the machine columns, grouped and collapsed at the right.
    expect(sheet.rows[2].slice(0, 14).map((c) => c!.value)).toEqual([
      '序号',
      '严重程度',
      '问题',
      '应为',
      '实为',
      '差额',
      '单位',
      '先查单元格',
      '建议',
      '说明状态',
      '规则编号',
      '容差',
      '归于',
      '其余单元格',
    ]);
    expect(sheet.groupedColumns).toEqual({ first: 10, last: sheet.rows[2].length - 1 });
    expect(sheet.printTitleRows).toBe(3);
    // Every finding, a blank row and the legend of the mark colours.
    expect(sheet.rows).toHaveLength(3 + flat.length + 2);
    const legend = sheet.rows[sheet.rows.length - 1].filter((c) => c?.value);
    expect(legend.map((c) => c?.style)).toEqual(['input', 'error', 'warning']);
    // Each entry merged over columns wide enough for its words: 序号 + 严重程度 + 问题 (6 + 8 + 46), 应为 + 实为 (11 + 11), 差额 + 单位 (11 + 6).
    expect(sheet.merges).toEqual(
      expect.arrayContaining([
        `A${sheet.rows.length}:C${sheet.rows.length}`,
        `D${sheet.rows.length}:E${sheet.rows.length}`,
      ])
    );
    const row = sheet.rows.find((r) => r[10]?.value === 'sum.财拨.本年支出')!;
    expect(row[2]!.value).toBe('财政拨款本年支出合计与基本、项目支出之和不一致');
    expect(row[3]).toEqual({ value: 1197.08, style: 'amount', numFmt: '#,##0.00' });
    expect(row[4]!.value).toBe(836.79);
    expect(row[5]).toEqual({ value: -360.29, style: 'amount', numFmt: '+#,##0.00;-#,##0.00;0' });
    expect(row[6]!.value).toBe('万元');
    expect(row[7]!.link).toBe(at('财拨_本年支出_合计'));
    const idx = sheet.rows.indexOf(row);
    expect(String(sheet.rows[idx + 1]![0]!.value)).toMatch(/^\d+\.1$/);
    expect(String(sheet.rows[idx + 1]![2]!.value)).toMatch(/^└ /);
    expect(sheet.rows[idx + 1]![12]!.value).toBe('sum.财拨.本年支出');
    // Headcounts are whole numbers.
    const staff = sheet.rows.find((r) => r[10]?.value === 'sum.人员.在职人数')!;
    expect([staff[3]!.value, staff[4]!.value, staff[3]!.numFmt, staff[6]!.value]).toEqual([
      20,
      21,
      '0',
      '人',
    ]);
    // Wrapped rows are tall enough for their text.
    expect(sheet.rowHeights![idx]).toBeGreaterThan(15);

    const marks = findingMarks(fs);
    const addresses = marks.map((m) => m.address);
    expect(new Set(addresses).size).toBe(addresses.length);
    const total = marks.find((m) => m.address === at('财拨_本年支出_合计'))!;
    // A failed identity of the 财拨 grid is an 错误, though no indicator reads it.
    expect(total.severity).toBe('错误');
    // In sum.财拨.本年支出 and its three consequences: one short note that states the point as the cell shows it, and refers to the list.
    expect(total.note).toMatch(
      /^【错误】财政拨款本年支出合计与基本、项目支出之和不一致：应为 1,197\.08 万元，实为 836\.79 万元，差额 −360\.29 万元。另有 \d 项；详见“问题清单”第 /
    );
    for (const m of marks) expect(m.note.length).toBeLessThanOrEqual(120);
    // A cell in a finding whose figures feed an indicator is marked 错误.
    expect(marks.find((m) => m.address === at('基础_预算完成_上年结转'))!.severity).toBe('错误');
    // 财拨_年中追加_合计 is in 口径 findings (提示) and in the failed 调整后预算 identity (错误): the most severe marks it.
    expect(marks.find((m) => m.address === at('财拨_年中追加_合计'))!.severity).toBe('错误');
    // 公用经费预算数 is only in 决算 > 预算, which may have a written reason: 提示.
    expect(marks.find((m) => m.address === at('基础_公用经费预算'))!.severity).toBe('提示');
    // Every operand cell of every 错误 or 提示 is marked; a 待补 marks nothing (a blank to fill is neither).
    for (const f of flat)
      for (const o of f.operands)
        if (o.address && f.severity !== '待补') expect(addresses).toContain(o.address);
  });
});

describe('through computeIndicators', () => {
  test('the sample’s stated rates checked against the engine’s indicators: the same two are wrong', () => {
    const m = sampleModel();
    const rates = all(runChecks(m, computeIndicators(m), null))
      .filter((f) => f.rule.startsWith('rate.'))
      .map((f) => f.id)
      .sort();
    expect(rates).toEqual(['rate.结转结余变动率', 'rate.预算完成率']);
  });
});
