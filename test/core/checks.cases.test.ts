/**
 * Every check tested alone, table-driven (after ESLint's RuleTester): each check id has `valid` inputs
 * that raise nothing and `invalid` inputs that raise exactly the findings named, with their kind, 应为,
 * 实为 and cells. The check runs alone (`only`), and a finding the case did not name fails the case.
 * The identities below are written out by hand from the 部门决算 tables, not read from the catalogue.
 */
import { D } from '../../src/core/decimal';
import { templateReading, InputValues } from '../../src/core/fill';
import { TEMPLATE_ADDRESS } from '../../src/catalogue/layout';
import { CHECKS } from '../../src/catalogue/checks';
import { buildModel } from '../../src/core/model';
import { evaluateChecks, flattenFindings } from '../../src/core/checks';
import { syntheticDepartment } from '../../src/cli/synthetic';
import type { FindingKind, IndicatorResult, ScoreSheet } from '../../src/core/results';
import type { FindingSeverity } from '../../src/core/types';
import { surfaces, wrongUnits } from '../helpers/surfaces';

const at = (name: string) => TEMPLATE_ADDRESS.get(name) ?? name;

interface Named {
  id: string;
  kind: FindingKind;
  /** 应为 and 实为, to 2 decimals. */
  expected?: string;
  computed?: string;
  /** Catalogue names (or addresses) of cells the finding must mark. */
  cells?: string[];
  /** Words the finding's title must contain (e.g. by how much a budget is exceeded). */
  says?: string;
}
interface Case {
  values: InputValues;
  indicators?: IndicatorResult[];
  scores?: ScoreSheet;
}
interface Invalid extends Case {
  findings: Named[];
}
interface Cases {
  valid: Case[];
  invalid: Invalid[];
}

function runAll(id: string, c: Case) {
  const model = buildModel(templateReading(c.values));
  return evaluateChecks(model, c.indicators ?? [], c.scores ?? null, { only: [id] });
}

function run(id: string, c: Case) {
  return flattenFindings(runAll(id, c).findings).map((x) => x.finding);
}

// ------------------------------------------------------------------ case builders

/** Figures for `n` terms: 10.25, 20.25, 30.25, … */
const figure = (i: number) => new D(10 * (i + 1)).plus('0.25');

/**
 * `left = Σ right` (a right name starting with − is subtracted): valid when it holds, invalid with
 * `left` 3 too high (应为 Σ right, 实为 Σ right + 3).
 */
function identity(id: string, left: string, right: string[]): Cases {
  const values: InputValues = {};
  let expected = new D(0);
  right.forEach((r, i) => {
    const name = r.replace(/^−/, '');
    values[name] = figure(i).toNumber();
    expected = r.startsWith('−') ? expected.minus(figure(i)) : expected.plus(figure(i));
  });
  // Subtracted terms come last and are smaller than the rest: keep the checked figure positive.
  const computed = expected.plus(3);
  const names = right.map((r) => r.replace(/^−/, ''));
  return {
    valid: [{ values: { ...values, [left]: expected.toNumber() } }],
    invalid: [
      {
        values: { ...values, [left]: computed.toNumber() },
        findings: [
          {
            id,
            kind: 'mismatch',
            expected: expected.toFixed(2),
            computed: computed.toFixed(2),
            cells: [left, ...names],
          },
        ],
      },
    ],
  };
}

/** `Σ parts ≤ whole`: valid at equality, invalid with the whole 3 short (上限 whole, 实为 Σ parts). */
function atMost(id: string, parts: string[], whole: string): Cases {
  const values: InputValues = {};
  let s = new D(0);
  parts.forEach((p, i) => {
    values[p] = figure(i).toNumber();
    s = s.plus(figure(i));
  });
  return {
    valid: [{ values: { ...values, [whole]: s.toNumber() } }],
    invalid: [
      {
        values: { ...values, [whole]: s.minus(3).toNumber() },
        findings: [
          {
            id,
            kind: 'exceeds',
            expected: s.minus(3).toFixed(2),
            computed: s.toFixed(2),
            cells: [...parts, whole],
          },
        ],
      },
    ],
  };
}

/** The same bound with a valid case more: a project pays 40.00 of the line, so the line exceeds its 款 by 40.00. */
function withProject(c: Cases, line: string): Cases {
  const values = { ...c.valid[0].values };
  values[line] = new D(values[line] as number).plus(40).toNumber();
  return { ...c, valid: [...c.valid, { values }] };
}

/** The 人员经费 款 of 公开06 (基本支出 only), under 301 工资福利支出 and 303 对个人和家庭的补助. */
const 款301 = [
  '财拨_人员_基本工资',
  '财拨_人员_津贴补贴',
  '财拨_人员_奖金',
  '财拨_人员_伙食补助费',
  '财拨_人员_绩效工资',
  '财拨_人员_基本养老保险缴费',
  '财拨_人员_职业年金缴费',
  '财拨_人员_职工基本医疗保险缴费',
  '财拨_人员_公务员医疗补助缴费',
  '财拨_人员_其他社会保障缴费',
  '财拨_人员_住房公积金',
  '财拨_人员_医疗费',
  '财拨_人员_其他工资福利支出',
];
const 款303 = [
  '财拨_人员_离休费',
  '财拨_人员_退休费',
  '财拨_人员_退职费',
  '财拨_人员_抚恤金',
  '财拨_人员_生活补助',
  '财拨_人员_救济费',
  '财拨_人员_医疗费补助',
  '财拨_人员_助学金',
  '财拨_人员_奖励金',
  '财拨_人员_个人农业生产补贴',
  '财拨_人员_代缴社会保险费',
  '财拨_人员_其他对个人和家庭的补助',
];

/**
 * 决算 ≤ 预算 (+ 年初结转, when the budget side is a sum): valid under and at the budget; invalid with
 * 决算 110.50 against a budget side of 100.00, over by 10.50 万元 = 10.50% of it.
 */
function overBudget(id: string, actual: string, budgets: string[]): Cases {
  // 100.00 split as 80.00 + 20.00 when the budget side has two terms.
  const parts = budgets.length === 1 ? [100] : [80, 20];
  const budget: InputValues = Object.fromEntries(budgets.map((b, i) => [b, parts[i]]));
  return {
    valid: [{ values: { ...budget, [actual]: 95.3 } }, { values: { ...budget, [actual]: 100 } }],
    invalid: [
      {
        values: { ...budget, [actual]: 110.5 },
        findings: [
          {
            id,
            kind: 'exceeds',
            expected: '100.00',
            computed: '110.50',
            cells: [actual, ...budgets],
            says: '超过预算 10.50 万元（10.50%）',
          },
        ],
      },
    ],
  };
}

// ------------------------------------------------------------------ 功能分类 lines (类、款、项)

type Line = [string, string | null, number];

const SPEND_LINES: Line[] = [
  ['201', '一般公共服务支出', 286.4],
  ['20129', '群众团体事务', 286.4],
  ['2012901', '行政运行', 201.15],
  ['2012902', '一般行政管理事务', 85.25],
  ['208', '社会保障和就业支出', 38.62],
  ['20805', '行政事业单位养老支出', 38.62],
  ['2080505', '机关事业单位基本养老保险缴费支出', 25.74],
  ['2080506', '机关事业单位职业年金缴费支出', 12.88],
];

const INCOME_LINES: Line[] = [
  ['201', '一般公共服务支出', 280],
  ['20129', '群众团体事务', 280],
  ['2012901 行政运行', null, 196.3],
  ['2012902', '一般行政管理事务', 83.7],
  ['208', '社会保障和就业支出', 38.62],
  ['20805', '行政事业单位养老支出', 38.62],
];

/** The lines with one line's amount retyped. */
const withLine = (lines: Line[], code: string, amount: number): Line[] =>
  lines.map((l) =>
    String(l[0]).startsWith(code) && String(l[0]).replace(/\D.*$/, '') === code ? [l[0], l[1], amount] : l
  );

function indicator(id: string, value: string): IndicatorResult {
  return { id, label: id, formula: `${id}公式`, value: new D(value), operands: [] };
}

/** A stated rate against an indicator recomputed as 87.5%. */
function statedRate(id: string, stated: string, indicatorId: string): Cases {
  const indicators = [indicator(indicatorId, '87.5')];
  return {
    valid: [{ values: { [stated]: '87.50%' }, indicators }],
    invalid: [
      {
        values: { [stated]: '88.50%' },
        indicators,
        findings: [{ id, kind: 'mismatch', expected: '87.50', computed: '88.50', cells: [stated] }],
      },
    ],
  };
}

/** 增长率 = (1.50 − 1.20) ÷ 1.20 = 25%. */
function 三公增长率(id: string, item: string): Cases {
  const base = { [`三公_${item}_本年决算`]: 1.5, [`三公_${item}_上年决算`]: 1.2 };
  return {
    valid: [{ values: { ...base, [`三公_${item}_增长率`]: '25%' } }],
    invalid: [
      {
        values: { ...base, [`三公_${item}_增长率`]: '40%' },
        findings: [
          {
            id,
            kind: 'mismatch',
            expected: '25.00',
            computed: '40.00',
            cells: [`三公_${item}_增长率`, `三公_${item}_本年决算`, `三公_${item}_上年决算`],
          },
        ],
      },
    ],
  };
}

/**
 * 本年预算 4.20 against 上年决算 5.00: 增减额 −0.80 万元, 增减率 −0.80 ÷ 5.00 = −16%. The invalid case: the amount
 * written again as the rate (“减少 0.8 万元，下降 0.8%”). A turned sign: test/core/statedFigures.test.ts.
 */
const 预算比上年决算 = (item: string) => ({
  [`三公_${item}_本年预算`]: 4.2,
  [`三公_${item}_上年决算`]: 5,
});

function 三公预算比上年决算率(id: string, item: string): Cases {
  const base = 预算比上年决算(item);
  const stated = `三公_${item}_预算比上年决算`;
  const cells = [stated, `三公_${item}_本年预算`, `三公_${item}_上年决算`];
  return {
    valid: [
      { values: { ...base, [stated]: '-16%' } },
      { values: { ...base, [stated]: '-16.00%', [`三公_${item}_预算比上年决算额`]: -0.8 } },
    ],
    invalid: [
      {
        values: { ...base, [stated]: '-0.8%', [`三公_${item}_预算比上年决算额`]: -0.8 },
        findings: [
          { id, kind: 'mismatch', expected: '-16.00', computed: '-0.80', cells, says: '重算为 −16.00%' },
        ],
      },
    ],
  };
}

/** The amount: −0.80 万元; “−0.8” typed as text is stated to 1 decimal and also agrees with 5.00 → 4.23 (−0.77). */
function 三公预算比上年决算额(id: string, item: string): Cases {
  const base = 预算比上年决算(item);
  const stated = `三公_${item}_预算比上年决算额`;
  const cells = [stated, `三公_${item}_本年预算`, `三公_${item}_上年决算`];
  return {
    valid: [
      { values: { ...base, [stated]: -0.8 } },
      { values: { ...base, [`三公_${item}_本年预算`]: 4.23, [stated]: '-0.8' } },
    ],
    invalid: [
      {
        values: { ...base, [stated]: 0.8 },
        findings: [
          { id, kind: 'mismatch', expected: '-0.80', computed: '0.80', cells, says: '重算为 −0.80 万元' },
        ],
      },
      {
        // A number cell is taken to 2 decimals: −0.77 is not −0.80.
        values: { ...base, [stated]: -0.77 },
        findings: [{ id, kind: 'mismatch', expected: '-0.80', computed: '-0.77', cells }],
      },
    ],
  };
}

function year(id: string, block: string, figure: string): Cases {
  const v = { 评价年度: 2021, [figure]: 100 };
  return {
    valid: [{ values: { ...v, [`基础_${block}_数据年度`]: 2021 } }],
    invalid: [
      {
        values: { ...v, [`基础_${block}_数据年度`]: 2020 },
        findings: [
          {
            id,
            kind: 'mismatch',
            expected: '2021.00',
            computed: '2020.00',
            cells: [`基础_${block}_数据年度`, '评价年度', figure],
          },
        ],
      },
    ],
  };
}

const 收入来源 = [
  '收入_一般公共预算财政拨款',
  '收入_政府性基金预算财政拨款',
  '收入_国有资本经营预算财政拨款',
  '收入_上级补助收入',
  '收入_事业收入',
  '收入_经营收入',
  '收入_附属单位上缴收入',
  '收入_其他收入',
];

const sheet = (claimed: number): ScoreSheet => ({
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
      claimed: new D(claimed),
    },
  ],
  groups: [],
  total: new D(1),
  points: new D(100),
  grade: '差',
});

// ------------------------------------------------------------------ the cases, one entry per check id

const CASES: Record<string, Cases> = {
  // A department with every required cell filled, so only the diagnostic the case plants is raised.
  input: {
    valid: [{ values: syntheticDepartment(1) }],
    invalid: [
      {
        values: { ...syntheticDepartment(1), 基础_编制数: -3 },
        findings: [
          { id: `input.negative-count.${at('基础_编制数')}`, kind: 'notice', cells: ['基础_编制数'] },
        ],
      },
      {
        values: { ...syntheticDepartment(1), 收入_本年收入合计: undefined },
        findings: [
          {
            id: `input.required-blank.${at('收入_本年收入合计')}`,
            kind: 'notice',
            cells: ['收入_本年收入合计'],
          },
        ],
      },
    ],
  },
  'year.预算完成': year('year.预算完成', '预算完成', '基础_预算完成_年初预算'),
  'year.预算调整': year('year.预算调整', '预算调整', '基础_预算调整_年初预算'),
  'year.结转结余': year('year.结转结余', '结转结余', '基础_结转结余_本年'),
  'sum.本年收入合计': identity('sum.本年收入合计', '收入_本年收入合计', 收入来源),
  'sum.收入总计': identity('sum.收入总计', '收入_总计', [
    '收入_本年收入合计',
    '收入_使用非财政拨款结余',
    '收入_年初结转和结余',
  ]),
  'sum.本年支出合计.资金来源': identity('sum.本年支出合计.资金来源', '支出_本年支出合计', [
    '支出_一般公共预算财政拨款',
    '支出_政府性基金预算财政拨款',
    '支出_国有资本经营预算财政拨款',
    '支出_其他资金',
  ]),
  'sum.本年支出合计.支出性质': identity('sum.本年支出合计.支出性质', '支出_本年支出合计', [
    '支出_基本支出',
    '支出_项目支出',
    '支出_上缴上级支出',
    '支出_经营支出',
    '支出_对附属单位补助支出',
  ]),
  'sum.基本支出': identity('sum.基本支出', '支出_基本支出', ['支出_人员经费', '支出_公用经费']),
  'sum.本年支出合计.经济分类': identity('sum.本年支出合计.经济分类', '支出_本年支出合计', [
    '支出_工资福利支出',
    '支出_商品和服务支出',
    '支出_对个人和家庭的补助',
    '支出_资本性支出',
    '支出_其他经济分类支出',
  ]),
  'sum.支出总计': identity('sum.支出总计', '支出_总计', [
    '支出_本年支出合计',
    '支出_结余分配',
    '支出_年末结转和结余',
  ]),
  'same.收支总计': identity('same.收支总计', '支出_总计', ['收入_总计']),
  'sum.结转结余.年初': identity('sum.结转结余.年初', '结转_合计_年初', [
    '结转_一般公共预算_年初',
    '结转_其他资金_年初',
  ]),
  'sum.结转结余.年末': identity('sum.结转结余.年末', '结转_合计_年末', [
    '结转_一般公共预算_年末',
    '结转_其他资金_年末',
  ]),
  'sum.财拨.年初结转结余': identity('sum.财拨.年初结转结余', '财拨_年初结转结余_合计', [
    '财拨_年初结转结余_基本',
    '财拨_年初结转结余_项目',
  ]),
  'sum.财拨.本年收入': identity('sum.财拨.本年收入', '财拨_本年收入_合计', [
    '财拨_本年收入_基本',
    '财拨_本年收入_项目',
  ]),
  'sum.财拨.本年支出': identity('sum.财拨.本年支出', '财拨_本年支出_合计', [
    '财拨_本年支出_基本',
    '财拨_本年支出_项目',
  ]),
  'sum.财拨.年末结转结余': identity('sum.财拨.年末结转结余', '财拨_年末结转结余_合计', [
    '财拨_年末结转结余_基本',
    '财拨_年末结转结余_项目',
  ]),
  'sum.财拨.年初预算': identity('sum.财拨.年初预算', '财拨_年初预算_合计', [
    '财拨_年初预算_基本',
    '财拨_年初预算_项目',
  ]),
  'sum.财拨.年中追加': identity('sum.财拨.年中追加', '财拨_年中追加_合计', [
    '财拨_年中追加_基本',
    '财拨_年中追加_项目',
  ]),
  'sum.财拨.调整后预算': identity('sum.财拨.调整后预算', '财拨_调整后预算_合计', [
    '财拨_调整后预算_基本',
    '财拨_调整后预算_项目',
  ]),
  'sum.财拨调整后预算.基本': identity('sum.财拨调整后预算.基本', '财拨_调整后预算_基本', [
    '财拨_年初预算_基本',
    '财拨_年中追加_基本',
  ]),
  'sum.财拨调整后预算.项目': identity('sum.财拨调整后预算.项目', '财拨_调整后预算_项目', [
    '财拨_年初预算_项目',
    '财拨_年中追加_项目',
  ]),
  'sum.财拨调整后预算.合计': identity('sum.财拨调整后预算.合计', '财拨_调整后预算_合计', [
    '财拨_年初预算_合计',
    '财拨_年中追加_合计',
  ]),
  'sum.财拨基本支出': identity('sum.财拨基本支出', '财拨_基本支出', ['财拨_人员经费', '财拨_公用经费']),
  // 人员经费 and its 款 are 基本支出's (公开06); the 经济分类 lines are the whole year's (基本 + 项目).
  'sum.财拨人员经费明细': identity('sum.财拨人员经费明细', '财拨_人员经费', [...款301, ...款303]),
  // 人员经费 215.00 ≤ 工资福利支出 197.00 + 对个人和家庭的补助 18.00 = 215.00 with no project paying 301 or 303;
  // a project paying 40.00 of 301 makes 工资福利支出 237.00: 215.00 ≤ 255.00 holds (215.00 = 255.00 would not).
  'part.支出性质.财拨人员经费': {
    valid: [
      { values: { 财拨_人员经费: 215, 财拨_工资福利支出: 197, 财拨_对个人和家庭的补助: 18 } },
      { values: { 财拨_人员经费: 215, 财拨_工资福利支出: 237, 财拨_对个人和家庭的补助: 18 } },
    ],
    invalid: [
      {
        values: { 财拨_人员经费: 260, 财拨_工资福利支出: 237, 财拨_对个人和家庭的补助: 18 },
        findings: [
          {
            id: 'part.支出性质.财拨人员经费',
            kind: 'exceeds',
            expected: '255.00',
            computed: '260.00',
            cells: ['财拨_人员经费', '财拨_工资福利支出', '财拨_对个人和家庭的补助'],
          },
        ],
      },
    ],
  },
  'part.财拨工资福利支出明细': withProject(
    atMost('part.财拨工资福利支出明细', 款301, '财拨_工资福利支出'),
    '财拨_工资福利支出'
  ),
  'part.财拨对个人和家庭的补助明细': withProject(
    atMost('part.财拨对个人和家庭的补助明细', 款303, '财拨_对个人和家庭的补助'),
    '财拨_对个人和家庭的补助'
  ),
  'sum.财拨经济分类': identity('sum.财拨经济分类', '财拨_本年支出_合计', [
    '财拨_工资福利支出',
    '财拨_商品和服务支出',
    '财拨_对个人和家庭的补助',
    '财拨_资本性支出',
  ]),
  'sum.其他资金收入': identity('sum.其他资金收入', '其他_本年收入', 收入来源.slice(1)),
  'sum.其他资金支出': identity('sum.其他资金支出', '其他_本年支出', [
    '支出_政府性基金预算财政拨款',
    '支出_国有资本经营预算财政拨款',
    '支出_其他资金',
  ]),
  'sum.其他收入明细': {
    valid: [
      {
        values: {
          其他_本年收入: 30.5,
          其他收入明细表: [
            ['会费', 10.25],
            ['培训', 20.25],
          ],
        },
      },
    ],
    invalid: [
      {
        values: {
          其他_本年收入: 33.5,
          其他收入明细表: [
            ['会费', 10.25],
            ['培训', 20.25],
          ],
        },
        findings: [
          {
            id: 'sum.其他收入明细',
            kind: 'mismatch',
            expected: '30.50',
            computed: '33.50',
            cells: ['其他_本年收入'],
          },
        ],
      },
    ],
  },
  'sum.三公.本年预算': identity('sum.三公.本年预算', '三公_合计_本年预算', [
    '三公_因公出国_本年预算',
    '三公_公务接待_本年预算',
    '三公_公务用车_本年预算',
  ]),
  'sum.三公.本年决算': identity('sum.三公.本年决算', '三公_合计_本年决算', [
    '三公_因公出国_本年决算',
    '三公_公务接待_本年决算',
    '三公_公务用车_本年决算',
  ]),
  'sum.三公.上年预算': identity('sum.三公.上年预算', '三公_合计_上年预算', [
    '三公_因公出国_上年预算',
    '三公_公务接待_上年预算',
    '三公_公务用车_上年预算',
  ]),
  'sum.三公.上年决算': identity('sum.三公.上年决算', '三公_合计_上年决算', [
    '三公_因公出国_上年决算',
    '三公_公务接待_上年决算',
    '三公_公务用车_上年决算',
  ]),
  'sum.三公公务用车.本年预算': identity('sum.三公公务用车.本年预算', '三公_公务用车_本年预算', [
    '三公_公务用车购置_本年预算',
    '三公_公务用车运行_本年预算',
  ]),
  'sum.三公公务用车.本年决算': identity('sum.三公公务用车.本年决算', '三公_公务用车_本年决算', [
    '三公_公务用车购置_本年决算',
    '三公_公务用车运行_本年决算',
  ]),
  'sum.三公公务用车.上年预算': identity('sum.三公公务用车.上年预算', '三公_公务用车_上年预算', [
    '三公_公务用车购置_上年预算',
    '三公_公务用车运行_上年预算',
  ]),
  'sum.三公公务用车.上年决算': identity('sum.三公公务用车.上年决算', '三公_公务用车_上年决算', [
    '三公_公务用车购置_上年决算',
    '三公_公务用车运行_上年决算',
  ]),
  'sum.项目明细': {
    valid: [
      {
        values: {
          项目支出明细表: [
            ['甲项目', null, null, null, null, 110],
            ['子一', '甲项目', null, null, null, 60],
            ['子二', '甲项目', null, null, null, 50],
          ],
        },
      },
    ],
    invalid: [
      {
        values: {
          项目支出明细表: [
            ['甲项目', null, null, null, null, 115],
            ['子一', '甲项目', null, null, null, 60],
            ['子二', '甲项目', null, null, null, 50],
          ],
        },
        findings: [
          { id: 'sum.项目明细.甲项目.决算数', kind: 'mismatch', expected: '110.00', computed: '115.00' },
        ],
      },
      {
        values: { 项目支出明细表: [['子一', '丙项目', null, null, null, 60]] },
        findings: [{ id: 'sum.项目明细.未知上级.丙项目', kind: 'notice' }],
      },
    ],
  },
  'sum.项目合计': {
    valid: [
      {
        values: {
          项目_合计_决算数: 120,
          项目支出明细表: [
            ['甲项目', null, null, null, null, 110],
            ['子一', '甲项目', null, null, null, 110],
            ['乙项目', null, null, null, null, 10],
          ],
        },
      },
    ],
    invalid: [
      {
        values: {
          项目_合计_决算数: 125,
          项目支出明细表: [
            ['甲项目', null, null, null, null, 110],
            ['子一', '甲项目', null, null, null, 110],
            ['乙项目', null, null, null, null, 10],
          ],
        },
        findings: [
          {
            id: 'sum.项目合计.决算数',
            kind: 'mismatch',
            expected: '120.00',
            computed: '125.00',
            cells: ['项目_合计_决算数'],
          },
        ],
      },
    ],
  },
  'input.项目重名': {
    valid: [
      {
        values: {
          项目支出明细表: [
            ['培训', null, 10, 5, 15, 15],
            ['会议', null, 20, 0, 20, 20],
          ],
        },
      },
    ],
    invalid: [
      {
        values: {
          项目支出明细表: [
            ['培训', null, 10, 5, 15, 15],
            ['培训', null, 20, 0, 20, 20],
          ],
        },
        findings: [{ id: 'input.项目重名.培训', kind: 'notice' }],
      },
    ],
  },
  'sum.项目预算总额': {
    valid: [
      {
        values: {
          项目支出明细表: [['培训', null, 10, 5, 15, 15]],
          项目_合计_年初预算: 10,
          项目_合计_年中追加: 5,
          项目_合计_预算总额: 15,
        },
      },
    ],
    invalid: [
      {
        values: { 项目支出明细表: [['培训', null, 10, 5, 16, 15]] },
        findings: [{ id: 'sum.项目预算总额.培训', kind: 'mismatch', expected: '15.00', computed: '16.00' }],
      },
      {
        values: { 项目_合计_年初预算: 10, 项目_合计_年中追加: 5, 项目_合计_预算总额: 18 },
        findings: [
          {
            id: 'sum.项目预算总额.合计',
            kind: 'mismatch',
            expected: '15.00',
            computed: '18.00',
            cells: ['项目_合计_预算总额', '项目_合计_年初预算', '项目_合计_年中追加'],
          },
        ],
      },
    ],
  },
  'sum.人员.编制数': {
    valid: [
      {
        values: {
          人员情况表: [
            ['本部', 19, 18, null],
            ['中心', 4, 2, null],
          ],
          基础_编制数: 23,
        },
      },
    ],
    invalid: [
      {
        values: {
          人员情况表: [
            ['本部', 19, 18, null],
            ['中心', 4, 2, null],
          ],
          基础_编制数: 24,
        },
        findings: [
          {
            id: 'sum.人员.编制数',
            kind: 'mismatch',
            expected: '23.00',
            computed: '24.00',
            cells: ['基础_编制数'],
          },
        ],
      },
    ],
  },
  'sum.人员.在职人数': {
    valid: [
      {
        values: {
          人员情况表: [
            ['本部', 19, 18, null],
            ['中心', 4, 2, null],
          ],
          基础_在职人数: 20,
        },
      },
    ],
    invalid: [
      {
        values: {
          人员情况表: [
            ['本部', 19, 18, null],
            ['中心', 4, 2, null],
          ],
          基础_在职人数: 21,
        },
        findings: [
          {
            id: 'sum.人员.在职人数',
            kind: 'mismatch',
            expected: '20.00',
            computed: '21.00',
            cells: ['基础_在职人数'],
          },
        ],
      },
    ],
  },
  'balance.部门': identity('balance.部门', '支出_年末结转和结余', [
    '收入_年初结转和结余',
    '收入_本年收入合计',
    '收入_使用非财政拨款结余',
    '−支出_本年支出合计',
    '−支出_结余分配',
  ]),
  'balance.一般公共预算': identity('balance.一般公共预算', '结转_一般公共预算_年末', [
    '结转_一般公共预算_年初',
    '收入_一般公共预算财政拨款',
    '−支出_一般公共预算财政拨款',
  ]),
  'balance.财拨.基本': identity('balance.财拨.基本', '财拨_年末结转结余_基本', [
    '财拨_年初结转结余_基本',
    '财拨_本年收入_基本',
    '−财拨_本年支出_基本',
  ]),
  'balance.财拨.项目': identity('balance.财拨.项目', '财拨_年末结转结余_项目', [
    '财拨_年初结转结余_项目',
    '财拨_本年收入_项目',
    '−财拨_本年支出_项目',
  ]),
  'balance.财拨.合计': identity('balance.财拨.合计', '财拨_年末结转结余_合计', [
    '财拨_年初结转结余_合计',
    '财拨_本年收入_合计',
    '−财拨_本年支出_合计',
  ]),
  'balance.其他资金': identity('balance.其他资金', '其他_年末结转', [
    '其他_年初结转',
    '其他_本年收入',
    '−其他_本年支出',
  ]),
  'same.财拨收入': identity('same.财拨收入', '财拨_本年收入_合计', ['收入_一般公共预算财政拨款']),
  'same.财拨收入与调整后预算': identity('same.财拨收入与调整后预算', '财拨_调整后预算_合计', [
    '收入_一般公共预算财政拨款',
  ]),
  'same.财拨支出': identity('same.财拨支出', '财拨_本年支出_合计', ['支出_一般公共预算财政拨款']),
  'same.财拨年初结转': identity('same.财拨年初结转', '财拨_年初结转结余_合计', ['结转_一般公共预算_年初']),
  'same.财拨年末结转': identity('same.财拨年末结转', '财拨_年末结转结余_合计', ['结转_一般公共预算_年末']),
  'same.其他资金年初结转': identity('same.其他资金年初结转', '其他_年初结转', ['结转_其他资金_年初']),
  'same.其他资金年末结转': identity('same.其他资金年末结转', '其他_年末结转', ['结转_其他资金_年末']),
  'same.年初结转结余': identity('same.年初结转结余', '结转_合计_年初', ['收入_年初结转和结余']),
  'same.年末结转结余': identity('same.年末结转结余', '结转_合计_年末', ['支出_年末结转和结余']),
  'same.预算完成上年结转': identity('same.预算完成上年结转', '基础_预算完成_上年结转', [
    '收入_年初结转和结余',
  ]),
  'same.预算完成年末结余': identity('same.预算完成年末结余', '基础_预算完成_年末结余', [
    '基础_结转结余_本年',
  ]),
  // Siblings 900 and 100 (and 1000 when given): the figure's size among them says its unit.
  'unit.量级': {
    valid: [
      { values: { 收入_一般公共预算财政拨款: 900, 收入_其他收入: 100, 收入_本年收入合计: 1000 } },
      // A large part among small ones is not a slip unless it is ×100 the largest and its ten-thousandth their size: 50 among 0.05 and 2.
      { values: { 收入_一般公共预算财政拨款: 50, 收入_其他收入: 2, 收入_事业收入: 0.05 } },
      // Typed “…元” with too few siblings to judge: left to the input diagnostic.
      { values: { 收入_一般公共预算财政拨款: '900元', 收入_其他收入: 100 } },
    ],
    invalid: [
      {
        // “1000元” has the size of its 万元 siblings: the unit word is wrong, not the number.
        values: { 收入_一般公共预算财政拨款: 900, 收入_其他收入: 100, 收入_本年收入合计: '1000元' },
        findings: [{ id: 'unit.量级.收入_本年收入合计', kind: 'unitSlip', cells: ['收入_本年收入合计'] }],
      },
      {
        // “1000000元” is 100 万元: only its ten-thousandth has their size.
        values: { 收入_一般公共预算财政拨款: 900, 收入_其他收入: '1000000元', 收入_本年收入合计: 1000 },
        findings: [{ id: 'unit.量级.收入_其他收入', kind: 'unitSlip', cells: ['收入_其他收入'] }],
      },
      {
        // A bare 1000000 among 900, 100 and 1000: far off by 10⁴.
        values: {
          收入_一般公共预算财政拨款: 900,
          收入_其他收入: 100,
          收入_本年收入合计: 1000,
          收入_事业收入: 1000000,
        },
        findings: [{ id: 'unit.量级.收入_事业收入', kind: 'unitSlip', cells: ['收入_事业收入'] }],
      },
    ],
  },
  'same.预算完成年末结余.收支总表': identity('same.预算完成年末结余.收支总表', '基础_预算完成_年末结余', [
    '支出_年末结转和结余',
  ]),
  'same.基础年末结转结余': identity('same.基础年末结转结余', '基础_结转结余_本年', [
    '财拨_年末结转结余_合计',
    '其他_年末结转',
  ]),
  'same.财拨基本支出': identity('same.财拨基本支出', '财拨_基本支出', ['财拨_本年支出_基本']),
  'same.财拨项目支出': identity('same.财拨项目支出', '财拨_项目支出', ['财拨_本年支出_项目']),
  'same.项目决算合计': identity('same.项目决算合计', '项目_合计_决算数', ['财拨_项目支出']),
  'same.项目年初预算': identity('same.项目年初预算', '项目_合计_年初预算', ['财拨_年初预算_项目']),
  'same.项目年中追加': identity('same.项目年中追加', '项目_合计_年中追加', ['财拨_年中追加_项目']),
  'same.项目预算总额': identity('same.项目预算总额', '项目_合计_预算总额', ['财拨_调整后预算_项目']),
  'same.公用经费决算': identity('same.公用经费决算', '基础_公用经费决算', ['财拨_公用经费']),
  'same.预算完成年初预算': identity('same.预算完成年初预算', '基础_预算完成_年初预算', [
    '财拨_年初预算_合计',
  ]),
  'same.预算完成本年追加': identity('same.预算完成本年追加', '基础_预算完成_本年追加', [
    '财拨_年中追加_合计',
  ]),
  'same.预算调整年初预算': identity('same.预算调整年初预算', '基础_预算调整_年初预算', [
    '财拨_年初预算_合计',
  ]),
  'same.预算调整调整数': identity('same.预算调整调整数', '基础_预算调整_调整数', ['财拨_年中追加_合计']),
  'carry.结转结余': identity('carry.结转结余', '基础_结转结余_上年', ['收入_年初结转和结余']),
  'part.财拨_工资福利支出': atMost('part.财拨_工资福利支出', ['财拨_工资福利支出'], '支出_工资福利支出'),
  'part.财拨_商品和服务支出': atMost(
    'part.财拨_商品和服务支出',
    ['财拨_商品和服务支出'],
    '支出_商品和服务支出'
  ),
  'part.财拨_对个人和家庭的补助': atMost(
    'part.财拨_对个人和家庭的补助',
    ['财拨_对个人和家庭的补助'],
    '支出_对个人和家庭的补助'
  ),
  'part.财拨_资本性支出': atMost('part.财拨_资本性支出', ['财拨_资本性支出'], '支出_资本性支出'),
  'part.财拨_人员经费': atMost('part.财拨_人员经费', ['财拨_人员经费'], '支出_人员经费'),
  'part.财拨_公用经费': atMost('part.财拨_公用经费', ['财拨_公用经费'], '支出_公用经费'),
  'part.财拨_基本支出': atMost('part.财拨_基本支出', ['财拨_基本支出'], '支出_基本支出'),
  'part.财拨_项目支出': atMost('part.财拨_项目支出', ['财拨_项目支出'], '支出_项目支出'),
  'part.其他_公用经费': atMost('part.其他_公用经费', ['其他_公用经费'], '支出_公用经费'),
  'part.其他_项目支出': atMost('part.其他_项目支出', ['其他_项目支出'], '支出_项目支出'),
  'part.其他_本年支出': atMost('part.其他_本年支出', ['其他_本年支出'], '支出_本年支出合计'),
  'part.其他资金明细': atMost('part.其他资金明细', ['其他_公用经费', '其他_项目支出'], '其他_本年支出'),
  'budget.公用.办公费': overBudget('budget.公用.办公费', '公用_办公费_本年决算', ['公用_办公费_本年预算']),
  'budget.公用.印刷费': overBudget('budget.公用.印刷费', '公用_印刷费_本年决算', ['公用_印刷费_本年预算']),
  'budget.公用.水费': overBudget('budget.公用.水费', '公用_水费_本年决算', ['公用_水费_本年预算']),
  'budget.公用.电费': overBudget('budget.公用.电费', '公用_电费_本年决算', ['公用_电费_本年预算']),
  'budget.公用.邮电费': overBudget('budget.公用.邮电费', '公用_邮电费_本年决算', ['公用_邮电费_本年预算']),
  'budget.公用.物业管理费': overBudget('budget.公用.物业管理费', '公用_物业管理费_本年决算', [
    '公用_物业管理费_本年预算',
  ]),
  'budget.公用.差旅费': overBudget('budget.公用.差旅费', '公用_差旅费_本年决算', ['公用_差旅费_本年预算']),
  'budget.公用.维修费': overBudget('budget.公用.维修费', '公用_维修费_本年决算', ['公用_维修费_本年预算']),
  'budget.公用.会议费': overBudget('budget.公用.会议费', '公用_会议费_本年决算', ['公用_会议费_本年预算']),
  'budget.公用.培训费': overBudget('budget.公用.培训费', '公用_培训费_本年决算', ['公用_培训费_本年预算']),
  'budget.公用.公务接待费': overBudget('budget.公用.公务接待费', '公用_公务接待费_本年决算', [
    '公用_公务接待费_本年预算',
  ]),
  'budget.公用.劳务费': overBudget('budget.公用.劳务费', '公用_劳务费_本年决算', ['公用_劳务费_本年预算']),
  'budget.公用.工会经费': overBudget('budget.公用.工会经费', '公用_工会经费_本年决算', [
    '公用_工会经费_本年预算',
  ]),
  'budget.公用.福利费': overBudget('budget.公用.福利费', '公用_福利费_本年决算', ['公用_福利费_本年预算']),
  'budget.公用.公务用车运行维护费': overBudget(
    'budget.公用.公务用车运行维护费',
    '公用_公务用车运行维护费_本年决算',
    ['公用_公务用车运行维护费_本年预算']
  ),
  'budget.公用.其他交通费用': overBudget('budget.公用.其他交通费用', '公用_其他交通费用_本年决算', [
    '公用_其他交通费用_本年预算',
  ]),
  'budget.公用.其他商品和服务支出': overBudget(
    'budget.公用.其他商品和服务支出',
    '公用_其他商品和服务支出_本年决算',
    ['公用_其他商品和服务支出_本年预算']
  ),
  'budget.公用经费': overBudget('budget.公用经费', '基础_公用经费决算', ['基础_公用经费预算']),
  'budget.项目支出': overBudget('budget.项目支出', '项目_合计_决算数', [
    '项目_合计_预算总额',
    '财拨_年初结转结余_项目',
  ]),
  'budget.政府采购': overBudget('budget.政府采购', '基础_政府采购实际', ['基础_政府采购预算']),
  'sum.资金来源.项目支出': identity('sum.资金来源.项目支出', '支出_项目支出', [
    '财拨_项目支出',
    '其他_项目支出',
  ]),
  'sum.资金来源.公用经费': identity('sum.资金来源.公用经费', '支出_公用经费', [
    '财拨_公用经费',
    '其他_公用经费',
  ]),
  'sum.资金来源.工资福利支出': (() => {
    const c = identity('sum.资金来源.工资福利支出', '支出_工资福利支出', [
      '财拨_工资福利支出',
      '其他_工资福利支出',
    ]);
    // No 其他资金 part stated: nothing to add up (part.财拨_工资福利支出 bounds the 财政拨款 part).
    return { ...c, valid: [...c.valid, { values: { 支出_工资福利支出: 100, 财拨_工资福利支出: 130 } }] };
  })(),
  'sum.资金来源.商品和服务支出': identity('sum.资金来源.商品和服务支出', '支出_商品和服务支出', [
    '财拨_商品和服务支出',
    '其他_商品和服务支出',
  ]),
  'sum.资金来源.对个人和家庭的补助': identity('sum.资金来源.对个人和家庭的补助', '支出_对个人和家庭的补助', [
    '财拨_对个人和家庭的补助',
    '其他_对个人和家庭的补助',
  ]),
  'sum.资金来源.资本性支出': identity('sum.资金来源.资本性支出', '支出_资本性支出', [
    '财拨_资本性支出',
    '其他_资本性支出',
  ]),
  // 基本支出 = 财拨基本支出 500 + (其他资金本年支出 80 − 其他资金项目支出 50) = 530.
  'sum.资金来源.基本支出': {
    valid: [{ values: { 支出_基本支出: 530, 财拨_基本支出: 500, 其他_本年支出: 80, 其他_项目支出: 50 } }],
    invalid: [
      {
        // All other funds booked as 项目 while 基本支出 still counts 30 of them.
        values: { 支出_基本支出: 530, 财拨_基本支出: 500, 其他_本年支出: 80, 其他_项目支出: 80 },
        findings: [
          {
            id: 'sum.资金来源.基本支出',
            kind: 'mismatch',
            expected: '500.00',
            computed: '530.00',
            cells: ['支出_基本支出', '财拨_基本支出', '其他_本年支出', '其他_项目支出'],
          },
        ],
      },
    ],
  },
  // 人员经费 = 财拨人员经费 300 + (其他资金本年支出 80 − 项目支出 50 − 日常公用经费 10) = 320.
  'sum.资金来源.人员经费': {
    valid: [
      {
        values: {
          支出_人员经费: 320,
          财拨_人员经费: 300,
          其他_本年支出: 80,
          其他_项目支出: 50,
          其他_公用经费: 10,
        },
      },
      // 经营支出 is paid from other funds and is no 人员经费: 其他资金 人员经费 = 80 − 40 − 10 − 15 = 15.
      {
        values: {
          支出_人员经费: 315,
          财拨_人员经费: 300,
          其他_本年支出: 80,
          其他_项目支出: 40,
          其他_公用经费: 10,
          支出_经营支出: 15,
        },
      },
      // Other funds' 公用经费 left blank and read as 0, confirming 330 = 300 + 80 − 50.
      { values: { 支出_人员经费: 330, 财拨_人员经费: 300, 其他_本年支出: 80, 其他_项目支出: 50 } },
    ],
    invalid: [
      {
        // 人员经费 stated as the 财政拨款 figure plus 34 that no fund paid: 其他资金 spent all on 项目 and 公用.
        values: {
          支出_人员经费: 334,
          财拨_人员经费: 300,
          其他_本年支出: 60,
          其他_项目支出: 50,
          其他_公用经费: 10,
        },
        findings: [
          {
            id: 'sum.资金来源.人员经费',
            kind: 'mismatch',
            expected: '300.00',
            computed: '334.00',
            cells: ['支出_人员经费', '财拨_人员经费', '其他_本年支出', '其他_项目支出', '其他_公用经费'],
          },
        ],
      },
      {
        // 其他资金日常公用经费 blank: any figure there only lowers the 应为 310, so 334 fails whatever it holds.
        values: { 支出_人员经费: 334, 财拨_人员经费: 300, 其他_本年支出: 60, 其他_项目支出: 50 },
        findings: [{ id: 'sum.资金来源.人员经费', kind: 'mismatch', expected: '310.00', computed: '334.00' }],
      },
    ],
  },
  // line ≤ 财拨 line 80 + 其他资金本年支出 20 = 100, whether or not the 其他资金 line is stated.
  ...Object.fromEntries(
    ['工资福利支出', '商品和服务支出', '对个人和家庭的补助', '资本性支出'].map((line): [string, Cases] => {
      const id = `part.资金来源.${line}`;
      const bound = { [`财拨_${line}`]: 80, 其他_本年支出: 20 };
      return [
        id,
        {
          valid: [
            { values: { ...bound, [`支出_${line}`]: 100 } },
            { values: { ...bound, [`支出_${line}`]: 85.5 } },
            // The 其他资金 line stated too (then sum.资金来源.* adds it up): still within the bound.
            { values: { ...bound, [`其他_${line}`]: 20, [`支出_${line}`]: 100 } },
          ],
          invalid: [
            {
              // The department's line counts 30 more than the 财政拨款 line although other funds spent 20 in all.
              values: { ...bound, [`支出_${line}`]: 110 },
              findings: [
                {
                  id,
                  kind: 'exceeds',
                  expected: '100.00',
                  computed: '110.00',
                  cells: [`支出_${line}`, `财拨_${line}`, '其他_本年支出'],
                },
              ],
            },
          ],
        },
      ];
    })
  ),
  // 人员经费 (基本支出's 301 + 303) ≤ 工资福利支出 333.11 + 对个人和家庭的补助 66.73 = 399.84 (all spending's).
  'part.支出性质.人员经费': {
    valid: [
      { values: { 支出_人员经费: 382.14, 支出_工资福利支出: 333.11, 支出_对个人和家庭的补助: 66.73 } },
      { values: { 支出_人员经费: 399.84, 支出_工资福利支出: 333.11, 支出_对个人和家庭的补助: 66.73 } },
    ],
    invalid: [
      {
        values: { 支出_人员经费: 410, 支出_工资福利支出: 333.11, 支出_对个人和家庭的补助: 66.73 },
        findings: [
          {
            id: 'part.支出性质.人员经费',
            kind: 'exceeds',
            expected: '399.84',
            computed: '410.00',
            cells: ['支出_人员经费', '支出_工资福利支出', '支出_对个人和家庭的补助'],
          },
        ],
      },
    ],
  },
  // 商品和服务支出 ≤ 日常公用经费 96.15 + 项目支出 877.32 + 上缴上级 0 + 经营 5 + 对附属单位补助 0 = 978.47.
  'part.支出性质.商品和服务支出': (() => {
    const whole = {
      支出_公用经费: 96.15,
      支出_项目支出: 877.32,
      支出_上缴上级支出: 0,
      支出_经营支出: 5,
      支出_对附属单位补助支出: 0,
    };
    return {
      valid: [
        { values: { ...whole, 支出_商品和服务支出: 955.78 } },
        { values: { ...whole, 支出_商品和服务支出: 978.47 } },
      ],
      invalid: [
        {
          values: { ...whole, 支出_商品和服务支出: 990 },
          findings: [
            {
              id: 'part.支出性质.商品和服务支出',
              kind: 'exceeds',
              expected: '978.47',
              computed: '990.00',
              cells: ['支出_商品和服务支出', '支出_公用经费', '支出_项目支出', '支出_经营支出'],
            },
          ],
        },
      ],
    };
  })(),
  // 财政拨款商品和服务支出 ≤ 日常公用经费 45.07 + 项目支出 718.79 = 763.86.
  'part.支出性质.财拨商品和服务支出': {
    valid: [
      { values: { 财拨_商品和服务支出: 486.73, 财拨_公用经费: 45.07, 财拨_项目支出: 718.79 } },
      { values: { 财拨_商品和服务支出: 763.86, 财拨_公用经费: 45.07, 财拨_项目支出: 718.79 } },
    ],
    invalid: [
      {
        values: { 财拨_商品和服务支出: 800, 财拨_公用经费: 45.07, 财拨_项目支出: 718.79 },
        findings: [
          {
            id: 'part.支出性质.财拨商品和服务支出',
            kind: 'exceeds',
            expected: '763.86',
            computed: '800.00',
            cells: ['财拨_商品和服务支出', '财拨_公用经费', '财拨_项目支出'],
          },
        ],
      },
    ],
  },
  'sum.财政拨款收入小计': identity('sum.财政拨款收入小计', '收入_财政拨款小计', [
    '收入_一般公共预算财政拨款',
    '收入_政府性基金预算财政拨款',
    '收入_国有资本经营预算财政拨款',
  ]),
  'sum.财政拨款支出小计': identity('sum.财政拨款支出小计', '支出_财政拨款小计', [
    '支出_一般公共预算财政拨款',
    '支出_政府性基金预算财政拨款',
    '支出_国有资本经营预算财政拨款',
  ]),
  'sum.本年收入合计.财政拨款小计': (() => {
    const c = identity('sum.本年收入合计.财政拨款小计', '收入_本年收入合计', [
      '收入_财政拨款小计',
      ...收入来源.slice(3),
    ]);
    // Without the subtotal the split lines decide (sum.本年收入合计), not this check.
    return { ...c, valid: [...c.valid, { values: { 收入_本年收入合计: 999, 收入_其他收入: 10 } }] };
  })(),
  // Only the 类 given count: 一般公共服务 10.25 + 科学技术 20.25 = 30.50.
  'sum.功能分类.收入': identity('sum.功能分类.收入', '收入_本年收入合计', [
    '功能_一般公共服务_收入',
    '功能_科学技术_收入',
  ]),
  'sum.功能分类.支出': identity('sum.功能分类.支出', '支出_本年支出合计', [
    '功能_一般公共服务_支出',
    '功能_科学技术_支出',
    '功能_社会保障和就业_支出',
  ]),
  // 公开03 lines of a 群团 department (类 201 = 款 20129 = 项 2012901 + 2012902; 类 208 = 款 20805 = 项
  // 2080505 + 2080506): 201.15 + 85.25 = 286.40, 25.74 + 12.88 = 38.62, 286.40 + 38.62 = 325.02.
  'sum.功能明细.支出': {
    valid: [
      { values: { 功能分类支出明细表: SPEND_LINES } },
      { values: { 功能分类支出明细表: SPEND_LINES.filter((l) => String(l[0]).length === 3) } },
    ],
    invalid: [
      {
        // 行政运行 typed 210.15: the 款 no longer adds up, the 类 still does.
        values: { 功能分类支出明细表: withLine(SPEND_LINES, '2012901', 210.15) },
        findings: [
          { id: 'sum.功能明细.支出.20129', kind: 'mismatch', expected: '295.40', computed: '286.40' },
        ],
      },
      {
        // A 类 with two digits turned: 36.82 for 38.62.
        values: { 功能分类支出明细表: withLine(SPEND_LINES, '208', 36.82) },
        findings: [{ id: 'sum.功能明细.支出.208', kind: 'mismatch', expected: '38.62', computed: '36.82' }],
      },
    ],
  },
  'same.功能明细类.支出': {
    valid: [
      {
        values: {
          功能分类支出明细表: SPEND_LINES,
          功能_一般公共服务_支出: 286.4,
          功能_社会保障和就业_支出: 38.62,
        },
      },
      // The 类级 block left blank: nothing to compare with.
      { values: { 功能分类支出明细表: SPEND_LINES } },
    ],
    invalid: [
      {
        values: {
          功能分类支出明细表: SPEND_LINES,
          功能_一般公共服务_支出: 268.4,
          功能_社会保障和就业_支出: 38.62,
        },
        findings: [
          {
            id: 'same.功能明细类.支出.201',
            kind: 'mismatch',
            expected: '268.40',
            computed: '286.40',
            cells: ['功能_一般公共服务_支出'],
          },
        ],
      },
    ],
  },
  'sum.功能明细合计.支出': {
    valid: [{ values: { 功能分类支出明细表: SPEND_LINES, 支出_本年支出合计: 325.02 } }],
    invalid: [
      {
        values: { 功能分类支出明细表: SPEND_LINES, 支出_本年支出合计: 352.02 },
        findings: [
          {
            id: 'sum.功能明细合计.支出',
            kind: 'mismatch',
            expected: '325.02',
            computed: '352.02',
            cells: ['支出_本年支出合计'],
          },
        ],
      },
    ],
  },
  // 公开02 lines, one 项 typed with its name in the 编码 cell: 196.30 + 83.70 = 280.00; 280.00 + 38.62 = 318.62.
  'sum.功能明细.收入': {
    valid: [{ values: { 功能分类收入明细表: INCOME_LINES } }],
    invalid: [
      {
        values: { 功能分类收入明细表: withLine(INCOME_LINES, '2012902', 38.7) },
        findings: [
          { id: 'sum.功能明细.收入.20129', kind: 'mismatch', expected: '235.00', computed: '280.00' },
        ],
      },
    ],
  },
  'same.功能明细类.收入': {
    valid: [
      {
        values: {
          功能分类收入明细表: INCOME_LINES,
          功能_一般公共服务_收入: 280,
          功能_社会保障和就业_收入: 38.62,
        },
      },
    ],
    invalid: [
      {
        values: {
          功能分类收入明细表: INCOME_LINES,
          功能_一般公共服务_收入: 280,
          功能_社会保障和就业_收入: 36.82,
        },
        findings: [
          { id: 'same.功能明细类.收入.208', kind: 'mismatch', expected: '36.82', computed: '38.62' },
        ],
      },
    ],
  },
  'sum.功能明细合计.收入': {
    valid: [{ values: { 功能分类收入明细表: INCOME_LINES, 收入_本年收入合计: 318.62 } }],
    invalid: [
      {
        values: { 功能分类收入明细表: INCOME_LINES, 收入_本年收入合计: 320.62 },
        findings: [{ id: 'sum.功能明细合计.收入', kind: 'mismatch', expected: '318.62', computed: '320.62' }],
      },
    ],
  },
  // 公务接待费 = 国内 + 国（境）外: 2.36 = 2.06 + 0.30; without a split nothing is added up.
  'sum.三公接待.本年预算': identity('sum.三公接待.本年预算', '三公_公务接待_本年预算', [
    '三公_国内接待_本年预算',
    '三公_国外接待_本年预算',
  ]),
  'sum.三公接待.本年决算': (() => {
    const c = identity('sum.三公接待.本年决算', '三公_公务接待_本年决算', [
      '三公_国内接待_本年决算',
      '三公_国外接待_本年决算',
    ]);
    return {
      ...c,
      valid: [
        ...c.valid,
        {
          values: { 三公_公务接待_本年决算: 2.36, 三公_国内接待_本年决算: 2.06, 三公_国外接待_本年决算: 0.3 },
        },
        { values: { 三公_公务接待_本年决算: 2.36 } },
      ],
    };
  })(),
  'part.三公外事.本年预算': atMost(
    'part.三公外事.本年预算',
    ['三公_外事接待_本年预算'],
    '三公_国内接待_本年预算'
  ),
  'part.三公外事.本年决算': atMost(
    'part.三公外事.本年决算',
    ['三公_外事接待_本年决算'],
    '三公_国内接待_本年决算'
  ),
  'part.三公外事.人次': {
    valid: [
      { values: { 三公_外事接待_人次: 12, 三公_国内接待_人次: 86 } },
      { values: { 三公_国内接待_人次: 86 } },
    ],
    invalid: [
      {
        values: { 三公_外事接待_人次: 12, 三公_国内接待_人次: 9 },
        findings: [
          {
            id: 'part.三公外事.人次',
            kind: 'exceeds',
            expected: '9.00',
            computed: '12.00',
            cells: ['三公_外事接待_人次', '三公_国内接待_人次'],
          },
        ],
      },
    ],
  },
  // 公开08: 年初 5.20 + 本年收入 30.00 − 本年支出 28.50 = 年末 6.70.
  'balance.政府性基金': (() => {
    const c = identity('balance.政府性基金', '其他_政府性基金_年末结转', [
      '其他_政府性基金_年初结转',
      '收入_政府性基金预算财政拨款',
      '−支出_政府性基金预算财政拨款',
    ]);
    const fund = { 收入_政府性基金预算财政拨款: 30, 支出_政府性基金预算财政拨款: 28.5 };
    return {
      valid: [
        ...c.valid,
        { values: { ...fund, 其他_政府性基金_年初结转: 5.2, 其他_政府性基金_年末结转: 6.7 } },
        // No 结转 stated: the fund's income and spending alone are not balanced here.
        { values: fund },
      ],
      invalid: [
        ...c.invalid,
        {
          values: { ...fund, 其他_政府性基金_年初结转: 5.2, 其他_政府性基金_年末结转: 1.5 },
          findings: [{ id: 'balance.政府性基金', kind: 'mismatch', expected: '6.70', computed: '1.50' }],
        },
      ],
    };
  })(),
  'balance.国有资本经营': identity('balance.国有资本经营', '其他_国有资本经营_年末结转', [
    '其他_国有资本经营_年初结转',
    '收入_国有资本经营预算财政拨款',
    '−支出_国有资本经营预算财政拨款',
  ]),
  'part.其他资金结转.年初': atMost(
    'part.其他资金结转.年初',
    ['其他_政府性基金_年初结转', '其他_国有资本经营_年初结转'],
    '其他_年初结转'
  ),
  'part.其他资金结转.年末': atMost(
    'part.其他资金结转.年末',
    ['其他_政府性基金_年末结转', '其他_国有资本经营_年末结转'],
    '其他_年末结转'
  ),
  'budget.三公.因公出国': atMost(
    'budget.三公.因公出国',
    ['三公_因公出国_本年决算'],
    '三公_因公出国_本年预算'
  ),
  'budget.三公.公务接待': atMost(
    'budget.三公.公务接待',
    ['三公_公务接待_本年决算'],
    '三公_公务接待_本年预算'
  ),
  'budget.三公.公务用车': atMost(
    'budget.三公.公务用车',
    ['三公_公务用车_本年决算'],
    '三公_公务用车_本年预算'
  ),
  'budget.三公.公务用车购置': atMost(
    'budget.三公.公务用车购置',
    ['三公_公务用车购置_本年决算'],
    '三公_公务用车购置_本年预算'
  ),
  'budget.三公.公务用车运行': atMost(
    'budget.三公.公务用车运行',
    ['三公_公务用车运行_本年决算'],
    '三公_公务用车运行_本年预算'
  ),
  'budget.三公.合计': atMost('budget.三公.合计', ['三公_合计_本年决算'], '三公_合计_本年预算'),
  'rate.在职人员控制率': statedRate('rate.在职人员控制率', '基础_在职人员控制率', '在职人员控制率'),
  'rate.公用经费控制率': statedRate('rate.公用经费控制率', '基础_公用经费控制率', '公用经费控制率'),
  'rate.三公经费变动率': statedRate('rate.三公经费变动率', '基础_三公经费变动率', '三公经费变动率'),
  'rate.三公经费控制率': statedRate('rate.三公经费控制率', '基础_三公经费控制率', '三公经费控制率'),
  'rate.政府采购执行率': statedRate('rate.政府采购执行率', '基础_政府采购执行率', '政府采购执行率'),
  'rate.预算完成率': statedRate('rate.预算完成率', '基础_预算完成率', '预算完成率'),
  'rate.预算调整率': statedRate('rate.预算调整率', '基础_预算调整率', '预算调整率'),
  'rate.结转结余变动率': statedRate('rate.结转结余变动率', '基础_结转结余变动率', '结转结余变动率'),
  'rate.固定资产利用率': statedRate('rate.固定资产利用率', '基础_固定资产利用率', '固定资产利用率'),
  'rate.三公增长率.因公出国': 三公增长率('rate.三公增长率.因公出国', '因公出国'),
  'rate.三公增长率.公务接待': 三公增长率('rate.三公增长率.公务接待', '公务接待'),
  'rate.三公增长率.公务用车': 三公增长率('rate.三公增长率.公务用车', '公务用车'),
  'rate.三公增长率.合计': 三公增长率('rate.三公增长率.合计', '合计'),
  'rate.三公预算比上年决算.因公出国': 三公预算比上年决算率('rate.三公预算比上年决算.因公出国', '因公出国'),
  'rate.三公预算比上年决算.公务接待': 三公预算比上年决算率('rate.三公预算比上年决算.公务接待', '公务接待'),
  'rate.三公预算比上年决算.公务用车': 三公预算比上年决算率('rate.三公预算比上年决算.公务用车', '公务用车'),
  'rate.三公预算比上年决算.合计': 三公预算比上年决算率('rate.三公预算比上年决算.合计', '合计'),
  'rate.三公预算比上年决算额.因公出国': 三公预算比上年决算额(
    'rate.三公预算比上年决算额.因公出国',
    '因公出国'
  ),
  'rate.三公预算比上年决算额.公务接待': 三公预算比上年决算额(
    'rate.三公预算比上年决算额.公务接待',
    '公务接待'
  ),
  'rate.三公预算比上年决算额.公务用车': 三公预算比上年决算额(
    'rate.三公预算比上年决算额.公务用车',
    '公务用车'
  ),
  'rate.三公预算比上年决算额.合计': 三公预算比上年决算额('rate.三公预算比上年决算额.合计', '合计'),
  'part.基础公用.上年决算': atMost(
    'part.基础公用.上年决算',
    ['基础_公用_办公经费_上年决算', '基础_公用_水电差旅_上年决算', '基础_公用_会议培训_上年决算'],
    '基础_公用经费上年决算'
  ),
  'part.基础公用.本年预算': atMost(
    'part.基础公用.本年预算',
    ['基础_公用_办公经费_本年预算', '基础_公用_水电差旅_本年预算', '基础_公用_会议培训_本年预算'],
    '基础_公用经费预算'
  ),
  'part.基础公用.本年决算': atMost(
    'part.基础公用.本年决算',
    ['基础_公用_办公经费_本年决算', '基础_公用_水电差旅_本年决算', '基础_公用_会议培训_本年决算'],
    '基础_公用经费决算'
  ),
  'budget.基础公用.办公经费': overBudget('budget.基础公用.办公经费', '基础_公用_办公经费_本年决算', [
    '基础_公用_办公经费_本年预算',
  ]),
  'budget.基础公用.水电差旅': overBudget('budget.基础公用.水电差旅', '基础_公用_水电差旅_本年决算', [
    '基础_公用_水电差旅_本年预算',
  ]),
  'budget.基础公用.会议培训': overBudget('budget.基础公用.会议培训', '基础_公用_会议培训_本年决算', [
    '基础_公用_会议培训_本年预算',
  ]),
  score: {
    valid: [{ values: { 自评得分表: [['在职人员控制率', 1, null]] }, scores: sheet(1) }],
    invalid: [
      {
        values: { 自评得分表: [['在职人员控制率', 2, null]] },
        scores: sheet(2),
        findings: [{ id: 'score.三级.在职人员控制率', kind: 'mismatch', expected: '1.00', computed: '2.00' }],
      },
    ],
  },
};

// ------------------------------------------------------------------ the tester

describe.each(Object.entries(CASES))('%s, run alone', (id, cases) => {
  test.each(cases.valid.map((c, i) => [i, c] as const))('valid case %d raises nothing', (_i, c) => {
    expect(run(id, c).map((f) => f.id)).toEqual([]);
  });

  test.each(cases.invalid.map((c, i) => [i, c] as const))(
    'invalid case %d raises exactly the findings named',
    (_i, c) => {
      const got = run(id, c);
      expect(got.map((f) => f.id).sort()).toEqual(c.findings.map((f) => f.id).sort());
      for (const want of c.findings) {
        const f = got.find((x) => x.id === want.id)!;
        expect(f.rule).toBe(id);
        expect(f.kind).toBe(want.kind);
        if (want.expected !== undefined) expect(f.expected?.value.toFixed(2)).toBe(want.expected);
        if (want.computed !== undefined) expect(f.computed?.value.toFixed(2)).toBe(want.computed);
        const marked = f.operands.map((o) => o.address);
        for (const cell of want.cells ?? []) expect(marked).toContain(at(cell));
        if (want.says !== undefined) expect(f.title).toContain(want.says);
      }
    }
  );
});

test('every check id has at least one invalid case run alone, and no case names an unknown check', () => {
  const ids = CHECKS.map((c) => c.id);
  expect(ids.filter((id) => !(CASES[id]?.invalid.length > 0))).toEqual([]);
  expect(Object.keys(CASES).filter((id) => !ids.includes(id))).toEqual([]);
  expect(ids).toHaveLength(180);
});

// ------------------------------------------------------------------ severity and titles (issue 20)

/**
 * Severity as the 部门决算 software gives it, written out by hand: every failed 表内/表间 identity is an 错误
 * whatever reads it; what may legitimately differ and needs a written reason is a 提示 (决算 over 预算, a
 * 基础数据表 figure under another 口径).
 */
const FAMILY_EXPECTED: Record<string, FindingSeverity> = {
  年度: '错误',
  合计: '错误',
  平衡: '错误',
  一致: '错误',
  衔接: '错误',
  部分: '错误',
  口径: '提示',
  预算: '提示',
};

/** The findings whose severity is the finding's own, each with the reason. */
const OWN_EXPECTED: Record<string, FindingSeverity> = {
  // A negative 编制数 cannot be used: it must be corrected.
  [`input.negative-count.${at('基础_编制数')}`]: '错误',
  // A required figure left blank is to fill: neither 错误 nor 提示.
  [`input.required-blank.${at('收入_本年收入合计')}`]: '待补',
  // Two projects may share a name: a 提示 to tell them apart.
  'input.项目重名.培训': '提示',
  // Typed “…元”: the cell cannot be read until mended.
  'unit.量级.收入_本年收入合计': '错误',
  'unit.量级.收入_其他收入': '错误',
  // A bare figure 10⁴ times its siblings only looks off: a 提示.
  'unit.量级.收入_事业收入': '提示',
  // Claiming 2 points where the rules give 1: a claim over the rules is an 错误.
  'score.三级.在职人员控制率': '错误',
};

test.each(Object.entries(CASES))(
  '%s: each invalid case has the severity its family declares',
  (id, cases) => {
    for (const c of cases.invalid)
      for (const f of run(id, c)) {
        // 比率: the consequence rule; the cases' indicators read none of their cells, so a 提示.
        const want = OWN_EXPECTED[f.id] ?? (f.family === '比率' ? '提示' : FAMILY_EXPECTED[f.family]);
        expect([f.id, f.severity]).toEqual([f.id, want]);
      }
  }
);

/** A title that reads as a rule reads as a check that passed: it must say what is wrong. */
function readsAsRule(title: string): boolean {
  return /[=≤≥]/.test(title) || /(?<!不)一致/.test(title) || /不超过|应为|应等于|应满足/.test(title);
}

test('no title of any check, or of any finding of any valid or invalid case, reads as a rule', () => {
  const bad: string[] = [];
  for (const c of CHECKS) if (readsAsRule(c.title)) bad.push(`${c.id}: ${c.title}`);
  for (const [id, cases] of Object.entries(CASES))
    for (const c of [...cases.valid, ...cases.invalid]) {
      const r = runAll(id, c);
      for (const { finding: f } of flattenFindings(r.findings))
        if (readsAsRule(f.title)) bad.push(`${f.id}: ${f.title}`);
      for (const s of r.checks) if (readsAsRule(s.title)) bad.push(`${s.rule}: ${s.title}`);
    }
  expect(bad).toEqual([]);
  // The rule itself stays available beside the title, as the statement.
  const f = run('sum.财拨.本年收入', CASES['sum.财拨.本年收入'].invalid[0])[0];
  expect(f.title).toBe('财政拨款本年收入合计与基本、项目支出之和不一致');
  expect(f.statement).toBe('本年收入（合计） = 本年收入（基本支出） + 本年收入（项目支出）');
});

test('a subject passes no judgement: it is what the outcome is said of', () => {
  for (const c of CHECKS) {
    expect(c.subject).not.toMatch(/不一致|超过|[=≤]/);
    expect(c.title).not.toBe(c.subject);
  }
});

test('every finding of every invalid case shows each figure in its own unit on every surface', () => {
  const bad: string[] = [];
  let rendered = 0;
  for (const [id, cases] of Object.entries(CASES))
    for (const c of cases.invalid)
      for (const f of run(id, c)) {
        bad.push(...wrongUnits(f));
        rendered += Object.keys(surfaces(f)).length;
      }
  expect(bad).toEqual([]);
  expect(rendered).toBeGreaterThan(169 * 5);
});

test('the unit check is not vacuous: an amount shown as 年 and a year shown as 万元 are caught', () => {
  const f = run('year.预算调整', CASES['year.预算调整'].invalid[0])[0];
  // The year finding also shows its amounts (年初批复预算 100.00 万元); render that amount in the year's unit.
  const amount = f.operands.find((o) => o.name === '基础_预算调整_年初预算')!;
  // Its sides index the operands it had; with one operand left, it has none.
  const asYear = { ...f, title: `${f.title}（100.00 年）`, operands: [amount], sides: undefined };
  expect(wrongUnits(asYear).some((x) => x.includes('100.00 年'))).toBe(true);
  const asAmount = { ...f, title: `${f.title}（2021.00 万元）` };
  expect(wrongUnits(asAmount).some((x) => x.includes('2021.00 万元'))).toBe(true);
});
