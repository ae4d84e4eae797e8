/**
 * Synthetic departments: random but consistent figures (every identity of the 决算 tables holds,
 * every stated rate equals its recomputation), for the benchmark and batch tests.
 */
import { templateReading, InputValues } from '../core/fill';
import { D, Dec } from '../core/decimal';
import { FUNCTION_CLASSES, OFFICE_COST_ITEMS, personnelItem } from '../catalogue/inputs';
import { computeIndicators } from '../core/indicators';
import { buildModel } from '../core/model';

/** mulberry32: small, seedable, good enough for test data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UNITS = [
  '市教育局',
  '市文化馆',
  '市档案馆',
  '市气象局',
  '市科协',
  '市妇联',
  '市残联',
  '市图书馆',
  '市博物馆',
  '市农科所',
];

export function syntheticDepartment(seed: number, projectRows = 6): InputValues {
  const r = rng(seed);
  /** An amount in 万元 with 2 decimals, between lo and hi. */
  const amt = (lo: number, hi: number): Dec => new D(Math.round((lo + r() * (hi - lo)) * 100)).div(100);
  const n = (x: Dec) => x.toNumber();
  const rate = (num: Dec, den: Dec) => `${num.div(den).times(100).toFixed(2)}%`;
  /** Splits a total into k parts of 2 decimals that add up exactly. */
  const split = (total: Dec, k: number): Dec[] => {
    const w = Array.from({ length: k }, () => 0.2 + r());
    const s = w.reduce((a, b) => a + b, 0);
    const parts = w.slice(0, -1).map((x) => total.times(x / s).toDecimalPlaces(2, D.ROUND_DOWN));
    return [...parts, total.minus(parts.reduce((a, b) => a.plus(b), new D(0)))];
  };

  const 人员 = amt(200, 800);
  const 公用 = amt(30, 150);
  const 基本 = 人员.plus(公用);
  const 项目 = amt(100, 1500);
  const 财拨支出 = 基本.plus(项目);
  const 其他支出 = amt(0, 200);
  const 支出 = 财拨支出.plus(其他支出);
  const 年初财拨 = amt(0, 80);
  const 年末财拨 = amt(0, 60);
  const 财拨收入 = 财拨支出.plus(年末财拨).minus(年初财拨);
  const 收入 = 财拨收入.plus(其他支出);
  const [财拨项目年初, 财拨基本年初] = split(年初财拨, 2);
  const 财拨基本年末 = new D(0);
  const 财拨项目年末 = 年末财拨;
  const 财拨基本收入 = 基本.plus(财拨基本年末).minus(财拨基本年初);
  const 财拨项目收入 = 财拨收入.minus(财拨基本收入);
  const 年初预算基本 = 财拨基本收入.times(0.6 + r() * 0.3).toDecimalPlaces(2);
  const 年初预算项目 = 财拨项目收入.times(0.5 + r() * 0.4).toDecimalPlaces(2);
  const [工资, 对个人] = split(人员, 2);
  const 商品 = 公用.plus(项目);
  const 编制 = 10 + Math.floor(r() * 90);
  const 在职 = Math.max(1, 编制 - Math.floor(r() * 6));
  const [编制1, 编制2] = [编制 - Math.floor(编制 / 4), Math.floor(编制 / 4)];
  const [在职1, 在职2] = [在职 - Math.floor(在职 / 4), Math.floor(在职 / 4)];
  const 三公预算 = [amt(0, 10), amt(1, 15), amt(2, 20)];
  const 三公决算 = 三公预算.map((b) => b.times(0.3 + r() * 0.6).toDecimalPlaces(2));
  const 三公上年 = 三公预算.map((b) => b.times(0.4 + r() * 0.8).toDecimalPlaces(2));
  const sum = (xs: Dec[]) => xs.reduce((a, b) => a.plus(b), new D(0));
  const growth = (now: Dec, before: Dec) =>
    before.isZero() ? null : `${now.minus(before).div(before).times(100).toFixed(2)}%`;
  const 项目决算 = split(项目, projectRows);
  // Project budgets add up to the 财拨 项目 budget lines, as the checks expect.
  const 项目年初 = split(年初预算项目, projectRows);
  const 项目追加 = split(财拨项目收入.minus(年初预算项目), projectRows);
  const 项目预算 = 项目年初.map((x, i) => x.plus(项目追加[i]));
  const 公用预算 = 公用.times(0.9 + r() * 0.2).toDecimalPlaces(2);
  const 上年三公预算 = sum(三公预算)
    .times(0.9 + r() * 0.2)
    .toDecimalPlaces(2);
  const 采购预算 = amt(10, 200);
  const 采购实际 = 采购预算.times(0.8 + r() * 0.2).toDecimalPlaces(2);
  const 资产 = amt(100, 3000);
  const 在用 = 资产.times(0.85 + r() * 0.15).toDecimalPlaces(2);
  const 预算数 = 年初财拨.plus(年初预算基本).plus(年初预算项目);
  const 追加 = 财拨收入.minus(年初预算基本).minus(年初预算项目);
  const 剔除 = 追加.times(r() * 0.3).toDecimalPlaces(2);
  const 上年三公 = split(上年三公预算, 3);
  // 公务用车 splits into 购置 and 运行维护 in every column; a 决算 part stays within its 预算 part.
  const 用车 = { 本年预算: 三公预算[2], 本年决算: 三公决算[2], 上年预算: 上年三公[2], 上年决算: 三公上年[2] };
  const 购置 = {
    本年预算: 用车.本年预算.times(r() * 0.5).toDecimalPlaces(2),
    上年预算: 用车.上年预算.times(r() * 0.5).toDecimalPlaces(2),
    上年决算: 用车.上年决算.times(r() * 0.5).toDecimalPlaces(2),
  };
  const 购置决算 = D.min(购置.本年预算, 用车.本年决算)
    .times(0.5 + r() * 0.5)
    .toDecimalPlaces(2);
  const year = 2021 + (seed % 4);

  const values: InputValues = {
    单位名称: `${UNITS[seed % UNITS.length]}（样例${seed}）`,
    评价年度: year,
    单位简介: '随机生成的测试单位。',
    职能职责: '1. 履行法定职责。\n2. 完成上级交办的其他任务。',
    人员情况表: [
      ['机关本部', 编制1, 在职1, Math.floor(r() * 20)],
      ['下属事业单位', 编制2, 在职2, Math.floor(r() * 5)],
    ],
    收入_一般公共预算财政拨款: n(财拨收入),
    收入_其他收入: n(其他支出),
    收入_政府性基金预算财政拨款: 0,
    收入_国有资本经营预算财政拨款: 0,
    收入_上级补助收入: 0,
    收入_事业收入: 0,
    收入_经营收入: 0,
    收入_附属单位上缴收入: 0,
    收入_本年收入合计: n(收入),
    收入_使用非财政拨款结余: 0,
    收入_年初结转和结余: n(年初财拨),
    收入_总计: n(收入.plus(年初财拨)),
    支出_政府性基金预算财政拨款: 0,
    支出_国有资本经营预算财政拨款: 0,
    支出_上缴上级支出: 0,
    支出_经营支出: 0,
    支出_对附属单位补助支出: 0,
    支出_资本性支出: 0,
    支出_其他经济分类支出: 0,
    支出_结余分配: 0,
    支出_总计: n(支出.plus(年末财拨)),
    支出_一般公共预算财政拨款: n(财拨支出),
    支出_其他资金: n(其他支出),
    支出_基本支出: n(基本),
    支出_人员经费: n(人员),
    支出_公用经费: n(公用),
    支出_项目支出: n(项目.plus(其他支出)),
    支出_工资福利支出: n(工资),
    支出_商品和服务支出: n(商品.plus(其他支出)),
    支出_对个人和家庭的补助: n(对个人),
    支出_本年支出合计: n(支出),
    支出_年末结转和结余: n(年末财拨),
    结转_一般公共预算_年初: n(年初财拨),
    结转_其他资金_年初: 0,
    结转_合计_年初: n(年初财拨),
    结转_一般公共预算_年末: n(年末财拨),
    结转_其他资金_年末: 0,
    结转_合计_年末: n(年末财拨),
    财拨_年初结转结余_基本: n(财拨基本年初),
    财拨_年初结转结余_项目: n(财拨项目年初),
    财拨_年初结转结余_合计: n(年初财拨),
    财拨_本年收入_基本: n(财拨基本收入),
    财拨_本年收入_项目: n(财拨项目收入),
    财拨_本年收入_合计: n(财拨收入),
    财拨_本年支出_基本: n(基本),
    财拨_本年支出_项目: n(项目),
    财拨_本年支出_合计: n(财拨支出),
    财拨_年末结转结余_基本: 0,
    财拨_年末结转结余_项目: n(财拨项目年末),
    财拨_年末结转结余_合计: n(年末财拨),
    财拨_年初预算_基本: n(年初预算基本),
    财拨_年初预算_项目: n(年初预算项目),
    财拨_年初预算_合计: n(年初预算基本.plus(年初预算项目)),
    财拨_年中追加_基本: n(财拨基本收入.minus(年初预算基本)),
    财拨_年中追加_项目: n(财拨项目收入.minus(年初预算项目)),
    财拨_年中追加_合计: n(追加),
    财拨_调整后预算_基本: n(财拨基本收入),
    财拨_调整后预算_项目: n(财拨项目收入),
    财拨_调整后预算_合计: n(财拨收入),
    财拨_基本支出: n(基本),
    财拨_人员经费: n(人员),
    财拨_公用经费: n(公用),
    财拨_项目支出: n(项目),
    财拨_工资福利支出: n(工资),
    财拨_商品和服务支出: n(商品),
    财拨_对个人和家庭的补助: n(对个人),
    财拨_资本性支出: 0,
    其他_年初结转: 0,
    其他_本年收入: n(其他支出),
    其他_本年支出: n(其他支出),
    其他_公用经费: 0,
    其他_项目支出: n(其他支出),
    其他_年末结转: 0,
    其他收入明细表: [['其他单位拨入经费', n(其他支出)]],
    项目支出明细表: 项目决算.map((x, i) => [
      `专项业务${i + 1}`,
      null,
      n(项目年初[i]),
      n(项目预算[i].minus(项目年初[i])),
      n(项目预算[i]),
      n(x),
      i === 0 ? '是' : '否',
    ]),
    项目_合计_年初预算: n(sum(项目年初)),
    项目_合计_年中追加: n(sum(项目预算).minus(sum(项目年初))),
    项目_合计_预算总额: n(sum(项目预算)),
    项目_合计_决算数: n(项目),
    三公_因公出国_本年预算: n(三公预算[0]),
    三公_公务接待_本年预算: n(三公预算[1]),
    三公_公务用车_本年预算: n(三公预算[2]),
    三公_合计_本年预算: n(sum(三公预算)),
    三公_因公出国_本年决算: n(三公决算[0]),
    三公_公务接待_本年决算: n(三公决算[1]),
    三公_公务用车_本年决算: n(三公决算[2]),
    三公_合计_本年决算: n(sum(三公决算)),
    三公_因公出国_上年预算: n(上年三公[0]),
    三公_公务接待_上年预算: n(上年三公[1]),
    三公_公务用车_上年预算: n(上年三公[2]),
    三公_合计_上年预算: n(上年三公预算),
    三公_公务用车购置_本年预算: n(购置.本年预算),
    三公_公务用车运行_本年预算: n(用车.本年预算.minus(购置.本年预算)),
    三公_公务用车购置_本年决算: n(购置决算),
    三公_公务用车运行_本年决算: n(用车.本年决算.minus(购置决算)),
    三公_公务用车购置_上年预算: n(购置.上年预算),
    三公_公务用车运行_上年预算: n(用车.上年预算.minus(购置.上年预算)),
    三公_公务用车购置_上年决算: n(购置.上年决算),
    三公_公务用车运行_上年决算: n(用车.上年决算.minus(购置.上年决算)),
    三公_因公出国_上年决算: n(三公上年[0]),
    三公_公务接待_上年决算: n(三公上年[1]),
    三公_公务用车_上年决算: n(三公上年[2]),
    三公_合计_上年决算: n(sum(三公上年)),
    三公_因公出国_增长率: growth(三公决算[0], 三公上年[0]),
    三公_公务接待_增长率: growth(三公决算[1], 三公上年[1]),
    三公_公务用车_增长率: growth(三公决算[2], 三公上年[2]),
    三公_合计_增长率: growth(sum(三公决算), sum(三公上年)),
    基础_编制数: 编制,
    基础_在职人数: 在职,
    基础_在职人员控制率: rate(new D(在职), new D(编制)),
    基础_公用经费预算: n(公用预算),
    基础_公用经费决算: n(公用),
    基础_公用经费控制率: rate(公用, 公用预算),
    基础_三公经费控制率: rate(sum(三公决算), sum(三公预算)),
    基础_政府采购预算: n(采购预算),
    基础_政府采购实际: n(采购实际),
    基础_预算完成_数据年度: year,
    基础_预算完成_上年结转: n(年初财拨),
    基础_预算完成_年初预算: n(年初预算基本.plus(年初预算项目)),
    基础_预算完成_本年追加: n(追加),
    基础_预算完成_年末结余: n(年末财拨),
    基础_预算完成率: rate(预算数.plus(追加).minus(年末财拨), 预算数.plus(追加)),
    基础_预算调整_数据年度: year,
    基础_预算调整_年初预算: n(年初预算基本.plus(年初预算项目)),
    基础_预算调整_调整数: n(追加),
    基础_预算调整_剔除数: n(剔除),
    基础_结转结余_数据年度: year,
    基础_结转结余_上年: n(年初财拨),
    基础_结转结余_本年: n(年末财拨),
    基础_固定资产总额: n(资产),
    基础_在用固定资产: n(在用),
    产出任务表: Array.from({ length: 5 }, (_, i) => [
      `年度任务${i + 1}`,
      null,
      '是',
      i === 4 && r() < 0.5 ? '否' : '是',
      '是',
      i < 2 ? '是' : '否',
      null,
    ]),
    履职情况: '按年度计划完成各项工作任务。',
    自评得分表: (
      [
        ['绩效目标合理性', 3],
        ['绩效指标明确性', 3],
        ['预算编制合理性', 1],
        ['预算管理/管理制度健全性', 3],
        ['资金使用合规性', 4],
        ['预决算信息公开性', 3],
        ['基础信息完善性', 3],
        ['资产管理/管理制度健全性', 2],
        ['资产管理安全性', 2],
        ['经济效益', 2],
        ['社会效益', 14],
        ['可持续影响', 4],
        ['服务对象满意度', 10],
      ] as Array<[string, number]>
    ).map(([k, full]) => [k, Math.round(full * (0.7 + r() * 0.3) * 2) / 2, null]),
  };
  // Figures the 决算 tables add (drawn after the rest, so older figures stay as they were per seed).
  // 财政拨款 subtotals: 政府性基金 and 国有资本经营 are 0 here, so each equals its 一般公共预算 line.
  values.收入_财政拨款小计 = n(财拨收入);
  values.支出_财政拨款小计 = n(财拨支出);
  // 其他资金 by 经济分类: all of it is 商品和服务支出 here (the 支出 lines above count it there).
  values.其他_工资福利支出 = 0;
  values.其他_商品和服务支出 = n(其他支出);
  values.其他_对个人和家庭的补助 = 0;
  values.其他_资本性支出 = 0;
  // 功能分类: three 类 (from a seeded start) carry the year's income and spending; the rest stay blank.
  const first = Math.floor(r() * (FUNCTION_CLASSES.length - 2));
  const classes = FUNCTION_CLASSES.slice(first, first + 3).map(([k]) => k);
  split(收入, 3).forEach((x, i) => (values[`功能_${classes[i]}_收入`] = n(x)));
  split(支出, 3).forEach((x, i) => (values[`功能_${classes[i]}_支出`] = n(x)));
  // 公用经费 items add up to 公用; each item's budget is its 决算 plus a share of whatever budget
  // 公用预算 leaves over it, so no item is over budget (公用预算 itself may be, by design).
  const 公用决算 = split(公用, OFFICE_COST_ITEMS.length);
  const 公用余量 = split(D.max(公用预算.minus(公用), 0), OFFICE_COST_ITEMS.length);
  const 公用上年 = 公用决算.map((x) => x.times(0.8 + r() * 0.4).toDecimalPlaces(2));
  OFFICE_COST_ITEMS.forEach(([k], i) => {
    values[`公用_${k}_本年决算`] = n(公用决算[i]);
    values[`公用_${k}_本年预算`] = n(公用决算[i].plus(公用余量[i]));
    values[`公用_${k}_上年决算`] = n(公用上年[i]);
  });
  values.基础_公用经费上年决算 = n(sum(公用上年));
  values.基础_政府采购上年 = n(采购预算.times(0.7 + r() * 0.4).toDecimalPlaces(2));
  // 编制 by kind adds up to 编制.
  const 事业编制 = Math.floor(编制 / 4);
  const 工勤编制 = Math.floor(编制 / 10);
  values.基础_编制数_行政 = 编制 - 事业编制 - 工勤编制;
  values.基础_编制数_事业 = 事业编制;
  values.基础_编制数_工勤 = 工勤编制;
  // The 基础数据表's own 公用经费 lines, each the sum of the 经济分类 items it names (办公经费 taken as 办公费 alone,
  // the generator's choice: the table does not say what it includes). No draws, so older figures stay.
  for (const [k, items] of [
    ['办公经费', ['办公费']],
    ['水电差旅', ['水费', '电费', '差旅费']],
    ['会议培训', ['会议费', '培训费']],
  ] as const)
    for (const col of ['上年决算', '本年预算', '本年决算'])
      values[`基础_公用_${k}_${col}`] = n(sum(items.map((i) => new D(values[`公用_${i}_${col}`] as number))));
  // 三公 本年预算 against 上年决算, as a 预算说明 states it (增减额 and 增减率; no rate on a zero base).
  const 三公列 = (item: string, col: string) => new D(values[`三公_${item}_${col}`] as number);
  for (const item of ['因公出国', '公务接待', '公务用车', '合计']) {
    const [now, before] = [三公列(item, '本年预算'), 三公列(item, '上年决算')];
    values[`三公_${item}_预算比上年决算额`] = n(now.minus(before));
    values[`三公_${item}_预算比上年决算`] = growth(now, before);
  }

  // 功能分类 lines of 公开02 / 公开03: each 类 above as one 款 of two 项 (60 % and the rest). No draws.
  for (const side of ['收入', '支出'] as const) {
    const lines: Array<[string, string, number]> = [];
    for (const k of classes) {
      const [, code, label] = FUNCTION_CLASSES.find(([key]) => key === k)!;
      const whole = new D(values[`功能_${k}_${side}`] as number);
      const first = whole.times(0.6).toDecimalPlaces(2, D.ROUND_DOWN);
      lines.push(
        [code, label, n(whole)],
        [`${code}01`, `${label.replace(/支出$/, '')}管理事务`, n(whole)],
        [`${code}0101`, '行政运行', n(first)],
        [`${code}0102`, '一般行政管理事务', n(whole.minus(first))]
      );
    }
    values[`功能分类${side}明细表`] = lines;
  }
  // 公务接待费 all received at home, a fifth of it 外事; counts from the 编制. No draws.
  for (const col of ['本年预算', '本年决算'] as const) {
    const 接待 = new D(values[`三公_公务接待_${col}`] as number);
    values[`三公_国内接待_${col}`] = n(接待);
    values[`三公_外事接待_${col}`] = n(接待.div(5).toDecimalPlaces(2, D.ROUND_DOWN));
    values[`三公_国外接待_${col}`] = 0;
  }
  // 人员经费 款 of 公开06: 工资福利支出 as 基本工资 (60 %) and 津贴补贴, 对个人和家庭的补助 as 退休费. No draws.
  const 工资福利 = new D(values.财拨_工资福利支出 as number);
  const 基本工资 = 工资福利.times(0.6).toDecimalPlaces(2, D.ROUND_DOWN);
  values[personnelItem('基本工资')] = n(基本工资);
  values[personnelItem('津贴补贴')] = n(工资福利.minus(基本工资));
  values[personnelItem('退休费')] = values.财拨_对个人和家庭的补助;
  values.三公_国内接待_人次 = 编制 * 2;
  values.三公_国内接待_批次 = Math.floor(编制 / 2);
  values.三公_外事接待_人次 = Math.floor(编制 / 5);
  values.三公_外事接待_批次 = Math.floor(编制 / 20);
  // 政府性基金 and 国有资本经营 are 0 here: nothing carried in or over.
  for (const k of ['政府性基金', '国有资本经营'])
    for (const when of ['年初', '年末']) values[`其他_${k}_${when}结转`] = 0;

  // The remaining stated rates as the engine recomputes them (so regional formulas live in one place);
  // a rate the engine cannot compute (a zero base) stays blank, as a report would leave it.
  const indicators = computeIndicators(buildModel(templateReading(values)));
  for (const [stated, id] of [
    ['基础_三公经费变动率', '三公经费变动率'],
    ['基础_政府采购执行率', '政府采购执行率'],
    ['基础_预算调整率', '预算调整率'],
    ['基础_结转结余变动率', '结转结余变动率'],
    ['基础_固定资产利用率', '固定资产利用率'],
  ]) {
    const value = indicators.find((i) => i.id === id)?.value;
    if (value) values[stated] = `${value.toFixed(2)}%`;
  }
  return values;
}
