/**
 * The 审核意见's declarations: the rule that decides its 审核结论 (the first conclusion whose
 * condition holds), and the groups its problems are listed under, each with the words a reviewer
 * would head it with. Declarations only: the core gathers the facts and applies them.
 */
import type { ReviewCauseDecl, ReviewConclusionDecl, ReviewGroupDecl } from '../../core/reportContract';
import { DATED_BLOCKS } from '../checks';

/**
 * Families whose failed identity the 部门决算 software would refuse (表内 / 表间), or which change
 * what the report states (a stated rate, a self-score): an open 错误 of these sends the report back.
 */
export const BLOCKING_FAMILIES: readonly string[] = [
  '合计',
  '平衡',
  '一致',
  '衔接',
  '部分',
  '单位',
  '年度',
  '比率',
  '评分',
];

export const REVIEW_CONCLUSIONS: ReviewConclusionDecl[] = [
  {
    verdict: '退回修改',
    when: (f) => f.blocking.length > 0,
    // The weightiest figure problem named, the rest counted, every part of 二 (their sum is 二's 共N项): what the
    // reviewer reads the reason for. Short: page 1 holds the score and the three things to fix first below it.
    reason: ({ problems: p }) =>
      `${[
        !p.figures
          ? ''
          : !p.weightiest
            ? `报表数据${p.figures}项有误`
            : p.figures > 1
              ? `${p.weightiest}等${p.figures}项报表数据有误`
              : p.weightiest,
        p.scores ? `${p.scores}项自评得分${p.scoresAbove ? '偏高' : '不符合评分规则'}` : '',
        p.unpenalised ? `${p.unpenalised}项所列问题未见扣分` : '',
      ]
        .filter(Boolean)
        .join('，')}。`,
    resubmit: '改正后重新报送',
  },
  {
    verdict: '修改后同意',
    when: (f) => f.remaining.length > 0 || f.pending.length > 0 || f.reportFails > 0,
    reason: (f) => {
      const parts = [
        f.remaining.length ? `${f.remaining.length}项须说明或补填` : '',
        f.pending.length ? `${f.pending.length}项指标得分待核实` : '',
        f.reportFails ? `报告正文中${f.reportFails}处数字与其所列数据不符` : '',
      ].filter(Boolean);
      return `未发现错误；${parts.join('，')}。`;
    },
    resubmit: '补充完善后报送',
  },
  {
    verdict: '同意',
    when: () => true,
    reason: () => '数据核对未发现问题，各项得分经核实与评分规则相符。',
  },
];

/** The groups of 需要更正的问题, in the order a reviewer reads them; a family not listed goes under 其他问题. */
export const REVIEW_GROUPS: ReviewGroupDecl[] = [
  { families: ['评分'], heading: '自评得分与评分规则不符' },
  { families: ['年度'], shares: ['previousYear'], heading: '取数年度与评价年度不符' },
  { families: ['比率'], heading: '所列比率与所列数据不符' },
  { families: ['衔接'], heading: '年初数与上年年末数不衔接' },
  { families: ['一致'], heading: '同一数据在不同报表中不一致' },
  { families: ['合计'], heading: '合计数与分项之和不符' },
  { families: ['平衡'], heading: '结转结余收支不平衡' },
  { families: ['部分'], heading: '分项数大于总数' },
  { families: ['单位'], heading: '金额单位有误' },
  { families: ['预算'], heading: '决算超出预算' },
  { families: ['输入'], heading: '填列无效的数据' },
];

export const OTHER_GROUP = '其他问题';

/**
 * What makes several findings one problem of the memo, tried in this order (src/core/causes.ts): one value that
 * mends several identities; 基础数据表's blocks filled with the last year's figures (the year this year opens with
 * is the last year's end), and 财政拨款表's income and spending totals that close the last year's balance (with the
 * 基础数据表 budget figures that add up to that income); two figures of one quantity and the identities that see their difference again;
 * corrections to one figure; the same gap to the cent.
 */
export const REVIEW_CAUSES: ReviewCauseDecl[] = [
  { shares: 'oneValue' },
  {
    shares: 'previousYear',
    table: '基础数据表',
    opening: '收入_年初结转和结余',
    closing: ['财拨_年末结转结余_合计', '其他_年末结转'],
    blocks: DATED_BLOCKS.map((b) => ({
      indicator: b.indicator,
      year: `基础_${b.key}_数据年度`,
      figures: b.figures,
      opening: b.opening,
      closing: b.closing,
    })),
    flows: [{ income: '财拨_本年收入_合计', spending: '财拨_本年支出_合计' }],
    sums: [{ parts: ['基础_预算完成_年初预算', '基础_预算完成_本年追加'], total: '财拨_本年收入_合计' }],
  },
  { shares: 'oneFigure' },
  { shares: 'sameFix' },
  { shares: 'sameGap' },
];
