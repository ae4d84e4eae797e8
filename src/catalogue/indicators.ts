/**
 * The indicator catalogue: one declaration per ratio of the framework (财预〔2013〕53号 附件2 and
 * the 湖南 variants). Each says its formula in words and the figures it divides, as data; the core
 * (src/core/indicators.ts) computes them exactly and writes the live Excel formula over the same names.
 *
 * Values are percentage points. A missing input or a zero denominator gives `value: null` and an
 * `unavailable` reason naming the input and its cell, never NaN or Infinity.
 */
import type { Figure, IndicatorDecl, RatioDecl, TaskFlag } from './types';

const input = (name: string, label?: string): Figure => (label ? { input: name, label } : { input: name });

/** a ÷ b for two named inputs. */
function simple(id: string, formula: string, num: string, den: string): IndicatorDecl {
  return {
    id,
    label: id,
    inputs: [num, den],
    rule: { kind: 'ratio', formula, numerator: input(num), denominator: input(den) },
  };
}

/** `(this year − last year) ÷ last year`, the 变动率 shape. */
function change(formula: string, thisYear: string, lastYear: string): RatioDecl {
  return {
    kind: 'ratio',
    formula,
    numerator: { minus: [input(thisYear), input(lastYear)] },
    denominator: input(lastYear),
  };
}

/** A 产出 rate from the task table. */
function taskRate(
  id: string,
  formula: string,
  numeratorLabel: string,
  denominatorLabel: string,
  count: TaskFlag[],
  base?: TaskFlag
): IndicatorDecl {
  return {
    id,
    label: id,
    inputs: ['产出任务表'],
    rule: { kind: 'taskRate', formula, numeratorLabel, denominatorLabel, count, base },
  };
}

/** 上年结转 + 年初预算 + 本年追加: the 支出预算数 of the 湖南 预算完成率 and the 结转结余率. */
const BUDGET_POOL: Figure = {
  sum: [input('基础_预算完成_上年结转'), input('基础_预算完成_年初预算'), input('基础_预算完成_本年追加')],
};

function sanGongChange(what: '预算数' | '决算数', variant: string): RatioDecl {
  const [cur, prev] =
    what === '预算数' ? (['本年预算', '上年预算'] as const) : (['本年决算', '上年决算'] as const);
  const previous: Figure = { sanGong: prev, label: `上年${what}` };
  return {
    kind: 'ratio',
    formula: `“三公”经费变动率 =（本年度“三公”经费${what} − 上年度“三公”经费${what}）÷ 上年度“三公”经费${what} × 100%`,
    variant,
    numerator: { minus: [{ sanGong: cur, label: `本年${what}` }, previous] },
    denominator: previous,
  };
}

export const INDICATORS: IndicatorDecl[] = [
  simple('在职人员控制率', '在职人员控制率 = 在职人员数 ÷ 编制数 × 100%', '基础_在职人数', '基础_编制数'),
  {
    id: '三公经费变动率',
    label: '“三公”经费变动率',
    inputs: ['三公_合计_本年预算', '三公_合计_上年预算', '三公_合计_本年决算', '三公_合计_上年决算'],
    rule: {
      variant: '三公经费变动率',
      choices: { 预算: sanGongChange('预算数', '预算对预算'), 决算: sanGongChange('决算数', '决算对决算') },
    },
  },
  {
    id: '重点支出安排率',
    label: '重点支出安排率',
    inputs: ['基础_重点项目支出', '项目支出明细表', '项目_合计_预算总额'],
    rule: {
      kind: 'ratio',
      formula: '重点支出安排率 = 重点项目支出 ÷ 项目总支出 × 100%',
      numerator: { keyProjects: true },
      denominator: input('项目_合计_预算总额', '项目总支出（项目支出合计：预算总额）'),
    },
  },
  {
    id: '预算完成率',
    label: '预算完成率',
    inputs: [
      '基础_预算完成_上年结转',
      '基础_预算完成_年初预算',
      '基础_预算完成_本年追加',
      '基础_预算完成_年末结余',
      '基础_预算完成_完成数',
    ],
    rule: {
      variant: '预算完成率',
      choices: {
        湖南: {
          kind: 'ratio',
          formula:
            '预算完成率 =（上年结转 + 年初预算 + 本年追加预算 − 年末结余）÷（上年结转 + 年初预算 + 本年追加预算）× 100%',
          variant: '湖南口径',
          numerator: { minus: [BUDGET_POOL, input('基础_预算完成_年末结余')] },
          denominator: BUDGET_POOL,
          denominatorLabel: '上年结转 + 年初预算 + 本年追加预算',
        },
        国家: {
          kind: 'ratio',
          formula: '预算完成率 = 预算完成数 ÷ 预算数（年初预算 + 本年追加预算）× 100%',
          variant: '国家口径',
          numerator: input('基础_预算完成_完成数'),
          denominator: { sum: [input('基础_预算完成_年初预算'), input('基础_预算完成_本年追加')] },
          denominatorLabel: '预算数（年初预算 + 本年追加预算）',
        },
        // A report that states completion of the year-start budget divides by 年初预算 alone: 本年追加 is not read.
        年初预算: {
          kind: 'ratio',
          formula: '预算完成率 = 预算完成数 ÷ 年初预算数 × 100%',
          variant: '国家口径（年初预算）',
          numerator: input('基础_预算完成_完成数'),
          denominator: input('基础_预算完成_年初预算'),
        },
      },
    },
  },
  {
    id: '预算调整率',
    label: '预算调整率',
    inputs: ['基础_预算调整_年初预算', '基础_预算调整_调整数', '基础_预算调整_剔除数'],
    rule: {
      variant: '预算调整率',
      choices: {
        国家: {
          kind: 'ratio',
          label: '预算调整率',
          formula: '预算调整率 =（预算调整数 − 落实国家政策、不可抗力、上级交办的调整数）÷ 年初预算数 × 100%',
          variant: '国家口径（剔除政策性调整）',
          // 剔除数 is a "其中" line: blank means no excluded adjustment.
          numerator: { minus: [input('基础_预算调整_调整数'), { optional: '基础_预算调整_剔除数' }] },
          denominator: input('基础_预算调整_年初预算'),
        },
        预算控制率: {
          kind: 'ratio',
          label: '预算控制率',
          formula: '预算控制率 = 本年追加预算 ÷ 年初预算 × 100%（不剔除政策性调整）',
          variant: '湖南口径（预算控制率）',
          numerator: input('基础_预算调整_调整数'),
          denominator: input('基础_预算调整_年初预算'),
        },
      },
    },
  },
  simple(
    '支付进度率',
    '支付进度率 = 实际支付进度 ÷ 既定支付进度 × 100%',
    '基础_实际支付进度',
    '基础_既定支付进度'
  ),
  {
    id: '结转结余率',
    label: '结转结余率',
    inputs: [
      '基础_结转结余_本年',
      '基础_预算完成_上年结转',
      '基础_预算完成_年初预算',
      '基础_预算完成_本年追加',
    ],
    rule: {
      kind: 'ratio',
      formula: '结转结余率 = 结转结余总额 ÷ 支出预算数（上年结转 + 年初预算 + 本年追加预算）× 100%',
      numerator: input('基础_结转结余_本年', '结转结余总额（本年度累计结转结余）'),
      denominator: BUDGET_POOL,
      denominatorLabel: '支出预算数（上年结转 + 年初预算 + 本年追加预算）',
    },
  },
  {
    id: '结转结余变动率',
    label: '结转结余变动率',
    inputs: ['基础_结转结余_本年', '基础_结转结余_上年'],
    rule: change(
      '结转结余变动率 =（本年度累计结转结余资金总额 − 上年度累计结转结余资金总额）÷ 上年度累计结转结余资金总额 × 100%',
      '基础_结转结余_本年',
      '基础_结转结余_上年'
    ),
  },
  simple(
    '公用经费控制率',
    '公用经费控制率 = 实际支出公用经费总额 ÷ 预算安排公用经费总额 × 100%',
    '基础_公用经费决算',
    '基础_公用经费预算'
  ),
  {
    id: '三公经费控制率',
    label: '“三公”经费控制率',
    inputs: ['三公_合计_本年决算', '三公_合计_本年预算'],
    rule: {
      kind: 'ratio',
      formula: '“三公”经费控制率 = “三公”经费实际支出数 ÷ “三公”经费预算安排数 × 100%',
      numerator: { sanGong: '本年决算', label: '本年决算数' },
      denominator: { sanGong: '本年预算', label: '本年预算数' },
    },
  },
  simple(
    '政府采购执行率',
    '政府采购执行率 = 实际政府采购金额 ÷ 政府采购预算数 × 100%',
    '基础_政府采购实际',
    '基础_政府采购预算'
  ),
  simple(
    '固定资产利用率',
    '固定资产利用率 = 实际在用固定资产总额 ÷ 所有固定资产总额 × 100%',
    '基础_在用固定资产',
    '基础_固定资产总额'
  ),
  taskRate('实际完成率', '实际完成率 = 实际完成工作数 ÷ 计划工作数 × 100%', '实际完成工作数', '计划工作数', [
    '是否完成',
  ]),
  taskRate(
    '完成及时率',
    '完成及时率 = 及时完成实际工作数 ÷ 计划工作数 × 100%',
    '及时完成实际工作数',
    '计划工作数',
    ['是否按时']
  ),
  taskRate(
    '质量达标率',
    '质量达标率 = 质量达标实际工作数 ÷ 计划工作数 × 100%',
    '质量达标实际工作数',
    '计划工作数',
    ['是否达标']
  ),
  taskRate(
    '重点工作办结率',
    '重点工作办结率 = 重点工作实际完成数 ÷ 交办或下达数 × 100%',
    '重点工作实际完成数',
    '交办或下达数（重点工作数）',
    ['是否完成'],
    '是否重点'
  ),
];

export const INDICATOR_BY_ID: ReadonlyMap<string, IndicatorDecl> = new Map(INDICATORS.map((d) => [d.id, d]));

/** The column of each 产出任务表 flag (1-based, for the live Excel formula). */
export const TASK_COLUMN: Record<TaskFlag, number> = { 是否完成: 3, 是否按时: 4, 是否达标: 5, 是否重点: 6 };
