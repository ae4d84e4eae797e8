/**
 * 八、九: the standard problem and improvement measure for each group of indicators, and how
 * each indicator's value is judged in words in 六. Declarations only: the core matches
 * deductions and findings to them.
 */
import type Decimal from 'decimal.js';
import type { MeasureDecl, VerdictDecl } from '../../core/reportContract';

export const MEASURES: MeasureDecl[] = [
  {
    id: '绩效目标',
    covers: ['绩效目标合理性', '绩效指标明确性', '目标设定'],
    keywords: ['绩效目标', '绩效指标', '目标'],
    problem: '绩效目标编制水平有待提高',
    title: '加强绩效目标管理，提高绩效目标编制质量',
    measure:
      '结合部门职能职责和年度重点工作，从产出和效果两方面细化、量化绩效目标和指标，做到与年度工作任务紧密相关、与预算资金相匹配。',
  },
  {
    id: '预算编制',
    covers: ['预算编制合理性', '预算调整率', '预算控制率'],
    keywords: ['预算编制', '预算调整', '年初预算', '追加'],
    problem: '预算编制的准确性有待提高',
    title: '提高预算编制的科学性和准确性',
    measure:
      '充分预计年度工作任务和支出需求，科学测算、完整编制年初预算，减少年中追加调整，确需调整的按程序报批。',
  },
  {
    id: '人员控制',
    covers: ['在职人员控制率'],
    keywords: ['编制', '在职人员'],
    problem: '在职人员超出编制',
    title: '严格编制管理',
    measure: '严格执行机构编制管理规定，按核定编制配备人员，在职人员控制在编制数以内。',
  },
  {
    id: '三公经费',
    covers: ['三公经费变动率', '三公经费控制率', '“三公经费”变动率', '“三公经费”控制率'],
    keywords: ['三公'],
    problem: '“三公”经费控制有待加强',
    title: '从严控制“三公”经费',
    measure: '坚持厉行节约，从严编制并严格执行“三公”经费预算，“三公”经费预算不超过上年、支出不超过预算。',
  },
  {
    id: '公用经费',
    covers: ['公用经费控制率'],
    keywords: ['公用经费'],
    problem: '公用经费支出超出预算',
    title: '严格控制公用经费支出',
    measure: '科学测算日常公用经费预算，严格按预算控制支出，确需超支的事先按程序报批。',
  },
  {
    id: '预算执行',
    covers: ['预算完成率', '结转结余变动率', '结转结余率', '支付进度率'],
    keywords: ['预算执行', '预算资金', '结转', '串用', '缺口', '资金使用'],
    problem: '预算执行和结转结余管理有待加强',
    title: '加快预算执行，盘活结转结余资金',
    measure: '按序时进度推进预算执行，跟踪分析执行进度，及时清理盘活结转结余资金，提高预算完成率。',
  },
  {
    id: '政府采购',
    covers: ['政府采购执行率'],
    keywords: ['政府采购'],
    problem: '政府采购执行有待规范',
    title: '规范政府采购管理',
    measure: '按政府采购预算编制采购计划并严格执行，做到应采尽采、采购与预算相符。',
  },
  {
    id: '预算管理',
    covers: ['管理制度健全性', '资金使用合规性', '预决算信息公开性', '基础信息完善性', '预算管理'],
    keywords: ['制度', '公开', '合规', '规范'],
    problem: '预算管理有待规范',
    title: '提高资金使用的规范性',
    measure:
      '严格按照国家财经法规、财务管理制度和专项资金管理办法使用资金，基本支出与项目支出不得相互挪用，按规定及时公开预决算信息，完善基础信息。',
  },
  {
    id: '资产管理',
    covers: ['资产管理制度健全性', '资产管理安全性', '固定资产利用率', '资产管理'],
    keywords: ['资产'],
    problem: '资产管理有待加强',
    title: '加强资产管理',
    measure: '健全资产管理制度，定期盘点，做到账实相符，盘活闲置资产，提高固定资产利用率。',
  },
  {
    id: '产出',
    covers: ['实际完成率', '完成及时率', '质量达标率', '重点工作办结率', '产出'],
    // The matter of tasks done, on time and up to standard: not 业务 or 工作 alone, which any item may say.
    keywords: ['工作任务', '年度任务', '未完成', '按时', '未按期', '质量', '办结'],
    problem: '年度工作任务完成情况有待提高',
    title: '加强工作任务的跟踪督办',
    measure: '将年度工作任务分解到部门和责任人，明确完成时限和质量要求，定期调度督办，确保按时保质完成。',
  },
  {
    id: '效果',
    covers: ['经济效益', '社会效益', '可持续影响', '服务对象满意度', '行政效能', '效果'],
    keywords: ['效益', '满意度', '效能'],
    problem: '履职效益有待进一步提升',
    // The problem is 履职效益 (八 names the lines that lost points): the measure answers it, nothing more.
    title: '进一步提升履职效益',
    measure:
      '围绕部门职责和年度重点工作改进工作方式，跟踪评估履职效果，针对效益未达预期的事项查明原因、逐项整改。',
  },
  {
    id: '数据核对',
    covers: [],
    keywords: ['数据', '报表', '填报'],
    problem: '决算数据填报的准确性有待提高',
    title: '加强数据核对，确保报表口径一致',
    measure:
      '上报前逐项核对决算报表与绩效自评数据的勾稽关系，同一数据在各表、各部分保持一致，发现差异及时查明原因并更正。',
  },
];

/**
 * A line that lost fewer points than this (a rate within a rounding of its target, e.g. 预算完成率 99.5%) is no
 * problem of its own in 八: it is named there only where the department's own item on the matter is.
 */
export const MINOR_LOSS = 0.1;

/** Used when no declared measure covers an indicator. */
export const DEFAULT_MEASURE: MeasureDecl = {
  id: '其他',
  covers: [],
  keywords: [],
  problem: '部分指标未得满分',
  title: '针对扣分事项逐项整改',
  measure: '针对扣分原因逐项制定整改措施，明确责任和时限，纳入下一年度预算绩效管理。',
};

const pct = (x: Decimal) => `${x.abs().toFixed(2)}%`;
const over = (x: Decimal, base: number) => `${x.minus(base).toFixed(2)}个百分点`;

/** A rate judged against 100%: within → good words, above → how far over. */
function ceiling(good: string, overWord: string): VerdictDecl {
  return {
    good: () => good,
    short: (v) => (v.gt(100) ? `${overWord}${over(v, 100)}` : good),
  };
}

/** A completion rate judged against 100%. */
function completion(all: string, part: string): VerdictDecl {
  return { good: () => all, short: (v) => `${part}，较目标低${over(v.negated(), -100)}` };
}

/** The judgement in words, by indicator id. */
export const VERDICTS: Record<string, VerdictDecl> = {
  在职人员控制率: ceiling('在职人数未超过编制数，人员控制较好', '在职人数超过编制数，超出'),
  三公经费变动率: {
    good: (v) =>
      v.isZero() ? '“三公”经费预算与上年持平，控制较好' : `“三公”经费预算较上年下降${pct(v)}，控制较好`,
    short: (v) => `“三公”经费预算较上年增长${pct(v)}`,
  },
  三公经费控制率: ceiling('“三公”经费支出控制在预算以内，控制较好', '“三公”经费支出超出预算'),
  // An overspend of a budget is a share of it (5.00%), not 个百分点; and losing most of the points is not 略有.
  公用经费控制率: {
    good: () => '公用经费支出控制在预算以内，控制较好',
    short: (v) => `超出预算${pct(v.minus(100))}`,
  },
  预算完成率: {
    good: () => '预算全部完成，执行情况较好',
    short: (v) =>
      v.gte(95)
        ? `预算基本完成，距全部完成尚差${over(v.negated(), -100)}`
        : `预算完成情况较差，距全部完成尚差${over(v.negated(), -100)}`,
  },
  预算调整率: {
    good: () => '年中未调整预算，预算编制较为准确',
    short: (v) => (v.abs().lte(10) ? '年中预算调整幅度较小' : '年中预算调整幅度较大'),
  },
  结转结余变动率: {
    good: (v) =>
      v.isZero() ? '结转结余资金与上年持平' : `结转结余资金较上年下降${pct(v)}，结转结余资金管控较好`,
    short: (v) => `结转结余资金较上年增长${pct(v)}，盘活存量资金有待加强`,
  },
  结转结余率: ceiling('结转结余资金规模合理', '结转结余资金偏多，超出'),
  政府采购执行率: completion('政府采购按预算全部执行', '政府采购未按预算全部执行'),
  固定资产利用率: completion('固定资产全部在用，利用充分', '部分固定资产未在用'),
  实际完成率: completion('年度工作任务全部完成', '年度工作任务未全部完成'),
  完成及时率: completion('年度工作任务均按时完成', '部分工作任务未按时完成'),
  质量达标率: completion('年度工作任务质量均达标', '部分工作任务质量未达预期'),
  重点工作办结率: completion('重点工作全部办结', '部分重点工作未办结'),
};

/** Qualitative lines: full marks, some points lost, or no score yet. */
export const QUALITATIVE_VERDICT = {
  good: '达到评价要点要求',
  short: '部分达到评价要点要求',
};
