/**
 * The default rulebook, in the rows of the 评分规则 sheet's 评分规则表 (the same rows a department
 * edits, and the same parser reads both: src/core/rulebook.ts).
 *
 * Tree and 二级 points: the 湖南 10 / 30 / 30 / 30 framework (docs/domain.md §2.1). 三级 points are the
 * department's to allocate within its 二级 (docs/domain.md §2.1); the defaults below split each 二级 evenly where
 * the framework gives no split. Rules and parameters: docs/domain.md §2.2. Where a rule was found for a
 * different point value (e.g. 预算完成率 "每低于5%扣2分" at 5 分), the deduction is scaled to this
 * line's points (2 分 → 0.8 分 per 5 个百分点).
 *
 * Columns: 一级, 一级分值, 二级, 二级分值, 三级, 分值, 指标, 规则, 参数, 评分标准.
 * A blank 一级 / 二级 continues the one above (as the merged cells of the 自评表 do).
 * A blank 评分标准 is written from the rule.
 */

export const RULE_COLUMNS = [
  '一级',
  '一级分值',
  '二级',
  '二级分值',
  '三级',
  '分值',
  '指标',
  '规则',
  '参数',
  '评分标准',
] as const;

export type RuleRow = Array<string | number | null>;

export const DEFAULT_TOTAL = 100;

export const DEFAULT_GRADE_BANDS = { 优: 90, 良: 80, 中: 60 } as const;

/** 每超过 1 个百分点扣 d 分. */
const over = (standard: number, d: number) => `标准=${standard}；方向=超过；每档扣分=${d}`;

export const DEFAULT_RULE_ROWS: RuleRow[] = [
  ['投入', 10, '目标设定', 6, '绩效目标合理性', 3, null, '定性', null, null],
  [null, null, null, null, '绩效指标明确性', 3, null, '定性', null, null],
  [null, null, '预算配置', 4, '在职人员控制率', 1.5, '在职人员控制率', '扣分', over(100, 0.5), null],
  [null, null, null, null, '“三公”经费变动率', 1.5, '三公经费变动率', '扣分', over(0, 0.15), null],
  [null, null, null, null, '预算编制合理性', 1, null, '定性', null, null],
  [
    '过程',
    30,
    '预算执行',
    11,
    '预算完成率',
    2,
    '预算完成率',
    '扣分',
    '标准=100；方向=低于；每档=5；每档扣分=0.8；取整=按比例',
    null,
  ],
  [
    null,
    null,
    null,
    null,
    '预算调整率',
    2,
    '预算调整率',
    '分档',
    '比较=≤；档=0:2,10:1.6,20:1.2,30:0.8；其他=0；绝对值=是',
    null,
  ],
  [null, null, null, null, '结转结余变动率', 2, '结转结余变动率', '扣分', over(0, 0.2), null],
  [
    null,
    null,
    null,
    null,
    '公用经费控制率',
    2,
    '公用经费控制率',
    '扣分',
    `${over(100, 0.2)}；分项超支扣分=0.1`,
    null,
  ],
  [null, null, null, null, '“三公”经费控制率', 2, '三公经费控制率', '扣分', over(100, 0.2), null],
  [null, null, null, null, '政府采购执行率', 1, '政府采购执行率', '比例', '满分值=100', null],
  [null, null, '预算管理', 13, '管理制度健全性', 3, null, '定性', null, null],
  [null, null, null, null, '资金使用合规性', 4, null, '定性', null, null],
  [null, null, null, null, '预决算信息公开性', 3, null, '定性', null, null],
  [null, null, null, null, '基础信息完善性', 3, null, '定性', null, null],
  [null, null, '资产管理', 6, '管理制度健全性', 2, null, '定性', null, null],
  [null, null, null, null, '资产管理安全性', 2, null, '定性', null, null],
  [null, null, null, null, '固定资产利用率', 2, '固定资产利用率', '比例', '满分值=100', null],
  ['产出', 30, '职责履行', 30, '实际完成率', 7.5, '实际完成率', '比例', '满分值=100', null],
  [null, null, null, null, '完成及时率', 7.5, '完成及时率', '比例', '满分值=100', null],
  [null, null, null, null, '质量达标率', 7.5, '质量达标率', '比例', '满分值=100', null],
  [null, null, null, null, '重点工作办结率', 7.5, '重点工作办结率', '比例', '满分值=100', null],
  ['效果', 30, '经济效益', 2, '经济效益', 2, null, '定性', null, null],
  [null, null, '社会效益', 14, '社会效益', 14, null, '定性', null, null],
  [null, null, '可持续影响', 4, '可持续影响', 4, null, '定性', null, null],
  [null, null, '服务对象满意度', 10, '服务对象满意度', 10, null, '定性', null, null],
];
