/**
 * The words a report uses for the quantities the input catalogue declares (src/catalogue/inputs.ts):
 * which label names which measure, part, scope and period, and which catalogue inputs hold that
 * quantity in a workbook. The claim catalogue (claims.ts) and the text core read figures through it,
 * so 本年收入合计, 一般公共预算财政拨款支出, 基本支出, 在职人数 and 年初结转和结余 mean the same in the text
 * as in the workbook.
 */

/** What a figure is a figure of. */
export type Measure =
  | '本年收入'
  | '本年支出'
  | '年初结转结余'
  | '年末结转结余'
  | '结转结余'
  | '年初预算'
  | '年中追加'
  /** The part of 年中追加 a 预算调整率 leaves out (落实国家政策、不可抗力、上级交办). */
  | '剔除调整'
  | '调整后预算'
  | '预算数'
  | '编制数'
  | '在职人数'
  | '退休人数'
  | '三公预算'
  | '三公决算'
  | '政府采购预算'
  | '政府采购实际'
  | '固定资产总额'
  | '在用固定资产';

/** A part of a measure: by 支出性质 or 经济分类, a 三公 item. */
export type Part =
  | '基本'
  | '项目'
  | '人员经费'
  | '公用经费'
  | '工资福利'
  | '商品和服务'
  | '对个人和家庭补助'
  | '资本性'
  | '因公出国'
  | '公务接待'
  | '公务用车'
  // 收入 by source (a department's 其他收入 is not its 其他资金: 事业收入 is other funds too).
  | '其他收入'
  | '事业收入'
  | '经营收入'
  | '上级补助收入';

/** Parts that are sources of income: their measure is 本年收入. */
export const INCOME_PARTS: Part[] = ['其他收入', '事业收入', '经营收入', '上级补助收入'];

/** Whose money: the department's whole budget, its 一般公共预算 (财政拨款) funds, or its other funds. */
export type Scope = '整体' | '一般公共预算' | '其他资金';

/** Words a label may hold; a pattern is matched on the label without spaces or quotes. */
export interface LabelWord {
  re: RegExp;
  measure?: Measure;
  part?: Part;
  scope?: Scope;
  /** A topic a later label without one refers back to (“三公”经费预算数 26 万元，实际支出 5.83 万元). */
  topic?: Topic;
}

export type Topic = '三公' | '公用经费' | '政府采购' | '固定资产';

/**
 * Measures and parts. Where several match, the one ending last in the label wins (the label's head
 * noun), then the longest. Scope words are read separately (SCOPE_WORDS).
 */
export const LABEL_WORDS: LabelWord[] = [
  // 收入 and 支出
  { re: /(本年|全年|各项)?收入(合计|总计|总额)?$/, measure: '本年收入' },
  { re: /(总收入|收入合计|本年收入|取得.{0,6}收入?)/, measure: '本年收入' },
  { re: /其他收入?$/, part: '其他收入' },
  { re: /事业收入$/, part: '事业收入' },
  { re: /经营收入$/, part: '经营收入' },
  { re: /上级补助收入$/, part: '上级补助收入' },
  { re: /(本年|全年|整体)?支出(合计|总计|总额)?$/, measure: '本年支出' },
  { re: /(总支出|支出合计|本年支出|整体支出|实际支出|决算数|执行数|支出数)/, measure: '本年支出' },
  { re: /其他支出$/, measure: '本年支出', scope: '其他资金' },
  // 结转结余 (上年度累计结转结余 is this year's 年初, 本年度累计结转结余 its 年末)
  { re: /(年初|上年).{0,8}结转(和|及)?(结余)?(资金)?/, measure: '年初结转结余' },
  { re: /本年度?累计结转(和|及)?结余(资金)?(总额)?/, measure: '年末结转结余' },
  { re: /年末.{0,8}(结转(和|及)?结余|结余|结转)(资金)?/, measure: '年末结转结余' },
  { re: /资金结转$/, measure: '结转结余' },
  // 预算
  { re: /年初.{0,8}预算(收入|数|资金)?/, measure: '年初预算' },
  { re: /(年中|本年)?(追加|调整)(预算)?(收入|数|资金)?$/, measure: '年中追加' },
  { re: /(年中追加|追加预算|预算调整数|调整预算)(收入|数)?/, measure: '年中追加' },
  { re: /(落实国家政策|不可抗力|上级交办|临时交办|剔除).{0,20}(调整|追加)?(数|资金)?$/, measure: '剔除调整' },
  { re: /(调整后|追加后).{0,14}预算(收入|数)?|预算总额|全年预算(数)?/, measure: '调整后预算' },
  { re: /预算(数|安排数?|金额)?$/, measure: '预算数' },
  // 人员
  { re: /编制(数|人数)?(为)?$/, measure: '编制数' },
  { re: /(实有|实际)?在职(人员|人数)?(为)?$/, measure: '在职人数' },
  { re: /退休(人员|人数)?$/, measure: '退休人数' },
  // 支出性质与经济分类
  { re: /基本支出/, part: '基本' },
  { re: /项目支出/, part: '项目' },
  { re: /人员经费/, part: '人员经费' },
  { re: /公用经费/, part: '公用经费', topic: '公用经费' },
  { re: /工资福利(支出)?/, part: '工资福利' },
  { re: /商品和服务支出/, part: '商品和服务' },
  { re: /对个人(和|及|与)家庭(的)?补助(支出)?/, part: '对个人和家庭补助' },
  { re: /资本性支出/, part: '资本性' },
  // “三公”经费
  { re: /三公经费|三公/, topic: '三公' },
  { re: /因公出国(境)?(费|经费)?/, part: '因公出国', topic: '三公' },
  { re: /公务接待(费)?/, part: '公务接待', topic: '三公' },
  { re: /公务(用车|车辆)(购置)?(及|和)?(运行)?(维护)?(费)?/, part: '公务用车', topic: '三公' },
  // 其他指标的取数
  { re: /政府采购/, topic: '政府采购' },
  { re: /实际政府采购(金额|支出)?|政府采购(实际)?(金额|支出)$/, measure: '政府采购实际', topic: '政府采购' },
  { re: /(实际)?在用(的)?固定资产(总额|原值)?/, measure: '在用固定资产', topic: '固定资产' },
  { re: /固定资产(总额|原值|总值)/, measure: '固定资产总额', topic: '固定资产' },
];

/** Words naming whose money a figure is. */
export const SCOPE_WORDS: Array<{ re: RegExp; scope: Scope }> = [
  { re: /一般公共预算|财政拨款|经费拨款|预算内|财政资金/, scope: '一般公共预算' },
  { re: /其他资金|非财政拨款|非财政|其他支出/, scope: '其他资金' },
  { re: /部门整体|整体(收入|支出|收支)|全部资金|各项收入|各项支出/, scope: '整体' },
];

/** A heading that says whose money its section is about (三、一般公共预算收支情况). */
export const SECTION_SCOPES: Array<{ re: RegExp; scope: Scope }> = [
  { re: /一般公共预算|财政拨款/, scope: '一般公共预算' },
  { re: /其他资金|其他收支|非财政/, scope: '其他资金' },
  { re: /整体收支|整体收入|整体支出|收支总体/, scope: '整体' },
];

/** Within a topic, what a generic measure stands for. */
export const TOPIC_MEASURES: Partial<Record<Topic, Partial<Record<Measure, Measure>>>> = {
  三公: { 预算数: '三公预算', 年初预算: '三公预算', 本年支出: '三公决算' },
  政府采购: { 预算数: '政府采购预算', 本年支出: '政府采购实际' },
  固定资产: {},
};

/**
 * Parts that together make their whole: a list of exactly these (in any order) is the whole's
 * breakdown, so its sum must equal the whole. A list ending with a catch-all (其他…) also is.
 */
export const PARTITIONS: Part[][] = [
  ['基本', '项目'],
  ['人员经费', '公用经费'],
  ['工资福利', '对个人和家庭补助'],
  ['因公出国', '公务接待', '公务用车'],
];

/** Scopes that together make the department's whole budget. */
export const SCOPE_PARTITION: Scope[] = ['一般公共预算', '其他资金'];

/**
 * Which catalogue inputs hold a quantity in a workbook, by measure, part and scope (`*`: any scope).
 * Keys are `measure|part|scope`; a text figure whose scope is unstated is compared with each scope's inputs.
 */
export const QUANTITY_INPUTS: Record<string, string[]> = {
  '本年收入||整体': ['收入_本年收入合计'],
  '本年收入||一般公共预算': ['收入_一般公共预算财政拨款', '财拨_本年收入_合计'],
  '本年收入||其他资金': ['其他_本年收入'],
  '本年收入|基本|一般公共预算': ['财拨_本年收入_基本'],
  '本年收入|项目|一般公共预算': ['财拨_本年收入_项目'],
  '本年支出||整体': ['支出_本年支出合计'],
  '本年支出||一般公共预算': ['支出_一般公共预算财政拨款', '财拨_本年支出_合计'],
  '本年支出||其他资金': ['其他_本年支出', '支出_其他资金'],
  '本年支出|基本|整体': ['支出_基本支出'],
  '本年支出|项目|整体': ['支出_项目支出'],
  '本年支出|人员经费|整体': ['支出_人员经费'],
  '本年支出|公用经费|整体': ['支出_公用经费'],
  '本年支出|工资福利|整体': ['支出_工资福利支出'],
  '本年支出|商品和服务|整体': ['支出_商品和服务支出'],
  '本年支出|对个人和家庭补助|整体': ['支出_对个人和家庭的补助'],
  '本年支出|资本性|整体': ['支出_资本性支出'],
  '本年支出|基本|一般公共预算': ['财拨_本年支出_基本', '财拨_基本支出'],
  '本年支出|项目|一般公共预算': ['财拨_本年支出_项目', '财拨_项目支出', '项目_合计_决算数'],
  '本年支出|人员经费|一般公共预算': ['财拨_人员经费'],
  '本年支出|公用经费|一般公共预算': ['财拨_公用经费', '基础_公用经费决算'],
  '本年支出|工资福利|一般公共预算': ['财拨_工资福利支出'],
  '本年支出|商品和服务|一般公共预算': ['财拨_商品和服务支出'],
  '本年支出|对个人和家庭补助|一般公共预算': ['财拨_对个人和家庭的补助'],
  '本年支出|资本性|一般公共预算': ['财拨_资本性支出'],
  '本年支出|公用经费|其他资金': ['其他_公用经费'],
  '本年支出|项目|其他资金': ['其他_项目支出'],
  '本年支出|公用经费|*': ['基础_公用经费决算'],
  '年初结转结余||整体': ['收入_年初结转和结余', '结转_合计_年初'],
  '年初结转结余||一般公共预算': ['结转_一般公共预算_年初', '财拨_年初结转结余_合计'],
  '年初结转结余||其他资金': ['结转_其他资金_年初', '其他_年初结转'],
  '年初结转结余||*': ['基础_预算完成_上年结转', '基础_结转结余_上年'],
  '年末结转结余||整体': ['支出_年末结转和结余', '结转_合计_年末'],
  '年末结转结余||一般公共预算': ['结转_一般公共预算_年末', '财拨_年末结转结余_合计'],
  '年末结转结余||其他资金': ['结转_其他资金_年末', '其他_年末结转'],
  '年末结转结余||*': ['基础_预算完成_年末结余', '基础_结转结余_本年'],
  '年初预算||一般公共预算': ['财拨_年初预算_合计'],
  '年初预算|基本|一般公共预算': ['财拨_年初预算_基本'],
  '年初预算|项目|一般公共预算': ['财拨_年初预算_项目', '项目_合计_年初预算'],
  '年初预算||*': ['基础_预算完成_年初预算', '基础_预算调整_年初预算'],
  '年中追加||一般公共预算': ['财拨_年中追加_合计'],
  '年中追加|基本|一般公共预算': ['财拨_年中追加_基本'],
  '年中追加|项目|一般公共预算': ['财拨_年中追加_项目', '项目_合计_年中追加'],
  '年中追加||*': ['基础_预算完成_本年追加', '基础_预算调整_调整数'],
  '调整后预算||一般公共预算': ['财拨_调整后预算_合计'],
  '调整后预算|基本|一般公共预算': ['财拨_调整后预算_基本'],
  '调整后预算|项目|一般公共预算': ['财拨_调整后预算_项目', '项目_合计_预算总额'],
  '预算数|公用经费|*': ['基础_公用经费预算'],
  '编制数||*': ['基础_编制数'],
  '在职人数||*': ['基础_在职人数'],
  '三公预算||*': ['三公_合计_本年预算'],
  '三公决算||*': ['三公_合计_本年决算'],
  '三公预算|因公出国|*': ['三公_因公出国_本年预算'],
  '三公预算|公务接待|*': ['三公_公务接待_本年预算'],
  '三公预算|公务用车|*': ['三公_公务用车_本年预算'],
  '三公决算|因公出国|*': ['三公_因公出国_本年决算'],
  '三公决算|公务接待|*': ['三公_公务接待_本年决算'],
  '三公决算|公务用车|*': ['三公_公务用车_本年决算'],
  '政府采购预算||*': ['基础_政府采购预算'],
  '政府采购实际||*': ['基础_政府采购实际'],
};

/** The same for last year's figures (上年…). */
export const LAST_YEAR_INPUTS: Record<string, string[]> = {
  '三公预算||*': ['三公_合计_上年预算'],
  '三公决算||*': ['三公_合计_上年决算'],
  '三公决算|因公出国|*': ['三公_因公出国_上年决算'],
  '三公决算|公务接待|*': ['三公_公务接待_上年决算'],
  '三公决算|公务用车|*': ['三公_公务用车_上年决算'],
  '本年支出|公用经费|*': ['基础_公用经费上年决算'],
  '政府采购实际||*': ['基础_政府采购上年'],
};

/**
 * The indicators a report names, in its words, with the catalogue indicator (src/catalogue/indicators.ts)
 * that computes each, the regional variants that may apply, and the report's stated-rate input.
 */
export interface RateWords {
  re: RegExp;
  indicator: string;
  /** The variant choices a text may have used (all, when absent). */
  variants?: string[];
  /** The workbook input holding the rate as the report states it. */
  stated?: string;
}

export const RATE_WORDS: RateWords[] = [
  { re: /(在职人员|财政供养人员)控制率/, indicator: '在职人员控制率', stated: '基础_在职人员控制率' },
  { re: /三公经费?变动率/, indicator: '三公经费变动率', stated: '基础_三公经费变动率' },
  { re: /三公经费?控制率/, indicator: '三公经费控制率', stated: '基础_三公经费控制率' },
  { re: /公用经费控制率/, indicator: '公用经费控制率', stated: '基础_公用经费控制率' },
  { re: /预算完成率/, indicator: '预算完成率', stated: '基础_预算完成率' },
  // 预算执行率: 完成数 ÷ 预算数, the catalogue's 国家口径 of 预算完成率.
  { re: /预算执行率/, indicator: '预算完成率', variants: ['国家', '年初预算'] },
  { re: /预算调整率/, indicator: '预算调整率', variants: ['国家'], stated: '基础_预算调整率' },
  { re: /预算控制率/, indicator: '预算调整率', variants: ['预算控制率'], stated: '基础_预算调整率' },
  { re: /结转结余变动率/, indicator: '结转结余变动率', stated: '基础_结转结余变动率' },
  { re: /结转结余率/, indicator: '结转结余率' },
  { re: /政府采购执行率/, indicator: '政府采购执行率', stated: '基础_政府采购执行率' },
  { re: /固定资产利用率/, indicator: '固定资产利用率', stated: '基础_固定资产利用率' },
  { re: /重点支出安排率/, indicator: '重点支出安排率' },
];

/**
 * Which text quantity feeds each indicator input: `measure|part` (period 上年 marked `上年:`). The rate
 * claim binds these from the figures stated beside the rate, and computes the rate with the
 * indicator catalogue's own formula.
 */
export const INDICATOR_INPUT_WORDS: Record<string, string> = {
  基础_在职人数: '在职人数|',
  基础_编制数: '编制数|',
  基础_公用经费决算: '本年支出|公用经费',
  基础_公用经费预算: '预算数|公用经费',
  三公_合计_本年预算: '三公预算|',
  三公_合计_上年预算: '上年:三公预算|',
  三公_合计_本年决算: '三公决算|',
  三公_合计_上年决算: '上年:三公决算|',
  基础_预算完成_上年结转: '年初结转结余|',
  基础_预算完成_年初预算: '年初预算|',
  基础_预算完成_本年追加: '年中追加|',
  基础_预算完成_年末结余: '年末结转结余|',
  基础_预算完成_完成数: '本年支出|',
  基础_预算调整_年初预算: '年初预算|',
  基础_预算调整_调整数: '年中追加|',
  基础_预算调整_剔除数: '剔除调整|',
  基础_结转结余_上年: '年初结转结余|',
  基础_结转结余_本年: '年末结转结余|',
  基础_政府采购预算: '政府采购预算|',
  基础_政府采购实际: '政府采购实际|',
  基础_固定资产总额: '固定资产总额|',
  基础_在用固定资产: '在用固定资产|',
};

/** Words that say a change's direction. */
export const RISE_WORDS = ['增加', '增长', '上升', '提高', '增至', '增加到', '上升到', '提高到', '增幅'];
export const FALL_WORDS = [
  '减少',
  '下降',
  '降低',
  '节约',
  '减至',
  '减少到',
  '下降到',
  '降至',
  '降到',
  '降幅',
  '压减',
];
export const SAME_WORDS = ['持平', '不变', '无变化'];
