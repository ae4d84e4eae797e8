/**
 * Small hand-made results for report tests: two 一级 dimensions, two indicators, four findings.
 * Indicator values are hand-computed from the sample: 21 ÷ 23 = 91.30%; 45.07 ÷ 41.76 = 107.93%.
 */
import { D } from '../../src/core/decimal';
import type { Model } from '../../src/core/model';
import type { Finding, IndicatorResult, Operand, ScoreSheet } from '../../src/core/results';

export function op(m: Model, name: string, label: string): Operand {
  const s = m.scalar(name);
  return { name, label, value: s.value, address: s.address };
}

export function handIndicators(m: Model): IndicatorResult[] {
  return [
    {
      id: '在职人员控制率',
      label: '在职人员控制率',
      formula: '在职人员数 ÷ 编制数 × 100%',
      value: m.num('基础_在职人数')!.div(m.num('基础_编制数')!).times(100),
      operands: [op(m, '基础_在职人数', '年末实际在职人数'), op(m, '基础_编制数', '编制数')],
    },
    {
      id: '公用经费控制率',
      label: '公用经费控制率',
      formula: '公用经费决算数 ÷ 公用经费预算数 × 100%',
      value: m.num('基础_公用经费决算')!.div(m.num('基础_公用经费预算')!).times(100),
      operands: [op(m, '基础_公用经费决算', '公用经费决算数'), op(m, '基础_公用经费预算', '公用经费预算数')],
    },
  ];
}

export function handScores(): ScoreSheet {
  const line = (
    level1: string,
    level2: string,
    level3: string,
    points: number,
    score: number,
    extra: { indicator?: string; deduction?: string } = {}
  ) => ({ level1, level2, level3, points: new D(points), score: new D(score), standard: '', ...extra });
  return {
    lines: [
      line('投入', '目标设定', '绩效目标合理性', 3, 2.5, { deduction: '绩效目标有待更加详细' }),
      line('投入', '目标设定', '绩效指标明确性', 3, 2.5, { deduction: '绩效指标有待更加明确。' }),
      line('投入', '预算配置', '在职人员控制率', 2, 2, { indicator: '在职人员控制率' }),
      line('过程', '预算执行', '公用经费控制率', 2, 1.2, {
        indicator: '公用经费控制率',
        deduction: '超出预算7.93个百分点',
      }),
    ],
    groups: [
      { level: 1, name: '投入', points: new D(8), score: new D(7) },
      { level: 2, name: '目标设定', parent: '投入', points: new D(6), score: new D(5) },
      { level: 2, name: '预算配置', parent: '投入', points: new D(2), score: new D(2) },
      { level: 1, name: '过程', points: new D(2), score: new D(1.2) },
      { level: 2, name: '预算执行', parent: '过程', points: new D(2), score: new D(1.2) },
    ],
    total: new D(8.2),
    points: new D(10),
    grade: '良',
  };
}

export function handFindings(m: Model): Finding[] {
  const f = (
    id: string,
    title: string,
    severity: Finding['severity'],
    operands: Operand[],
    explanation?: string
  ): Finding => ({
    id,
    rule: id.split('.')[0],
    title,
    family: '合计',
    severity,
    kind: 'mismatch',

    operands,
    nextStep: '核对',
    explanation,
  });
  return [
    f(
      'stated.公用经费控制率',
      '公用经费超出预算',
      '提示',
      [op(m, '基础_公用经费决算', '公用经费决算数')],
      '主要是人员增加影响。'
    ),
    f('sum.人员', '在职人数与各单位合计不符', '提示', [op(m, '基础_在职人数', '年末实际在职人数')]),
    f('sum.财拨收入', '财政拨款本年收入合计不等于基本支出与项目支出之和', '错误', [
      op(m, '财拨_本年收入_合计', '本年收入（合计）'),
      op(m, '财拨_本年收入_基本', '本年收入（基本支出）'),
    ]),
    f('same.一般公共预算收入', '一般公共预算收入前后不一致', '错误', [
      op(m, '收入_一般公共预算财政拨款', '一般公共预算财政拨款收入'),
    ]),
    f('sum.支出', '支出合计不等于各项之和', '错误', [op(m, '支出_本年支出合计', '本年支出合计')]),
  ];
}
