/**
 * The report's outline, declared once per section in the order of the self-evaluation report
 * (the sample's outline, completed with the 湖南 outline's closing parts; docs/domain.md §4).
 * Headings carry no numbers: the drafter numbers them (一、（一）1.), so a section added or
 * skipped never leaves a doubled or missing number.
 */
import type { ReportContext, SectionDecl, TableBlock } from '../../core/reportContract';
import { analysis } from './sections/analysis';
import {
  appendix,
  application,
  conclusion,
  cover,
  measuresSection,
  otherMatters,
  problemsSection,
  signature,
} from './sections/closing';
import {
  carryOver,
  fiscalIncome,
  fiscalIntro,
  fiscalSpending,
  governmentFund,
  income,
  noGovernmentFund,
  otherIncome,
  otherIntro,
  otherSpending,
  spending,
} from './sections/finances';
import { goals, preamble, staff } from './sections/overview';

export const REPORT_SECTIONS: SectionDecl[] = [
  { id: '前言', heading: '', level: 0, build: preamble },
  { id: '部门概况', heading: '部门概况', level: 1 },
  {
    id: '部门概况.基本情况',
    heading: '基本情况',
    level: 2,
    build: ({ w }) => [w.paragraph(w.text('单位简介', '单位基本情况'))],
  },
  {
    id: '部门概况.职能职责',
    heading: '部门职能职责',
    level: 2,
    build: ({ w }) => w.departmentText('职能职责', '部门职能职责'),
  },
  {
    id: '部门概况.机构设置',
    heading: '机构设置',
    level: 2,
    build: ({ w }) => w.departmentText('内设机构', '内设机构及下属单位'),
  },
  { id: '部门概况.人员情况', heading: '机构人员', level: 2, build: staff },
  {
    id: '部门概况.工作目标',
    heading: ({ w }) => `${w.year().text}年度工作目标及工作计划`,
    level: 2,
    build: goals,
  },
  { id: '整体收支', heading: '部门整体收支情况', level: 1 },
  {
    id: '整体收支.收入',
    heading: '部门整体收入情况',
    level: 2,
    build: (c) => [...income(c), ...(noGovernmentFund(c) ? governmentFund(c) : [])],
  },
  { id: '整体收支.支出', heading: '部门整体支出情况', level: 2, build: spending },
  { id: '整体收支.结转结余', heading: '结转结余情况', level: 2, build: carryOver },
  { id: '一般公共预算', heading: '一般公共预算收支情况', level: 1, build: fiscalIntro },
  { id: '一般公共预算.收入', heading: '一般公共预算收入', level: 2, build: fiscalIncome },
  { id: '一般公共预算.支出', heading: '一般公共预算支出', level: 2, build: fiscalSpending },
  { id: '其他资金', heading: '其他资金收支情况', level: 1, build: otherIntro },
  { id: '其他资金.收入', heading: '其他收入', level: 2, build: otherIncome },
  { id: '其他资金.支出', heading: '其他支出', level: 2, build: otherSpending },
  {
    id: '履职情况',
    heading: '部门整体履职情况',
    level: 1,
    build: ({ w }) => w.departmentText('履职情况', '部门整体履职情况'),
  },
  { id: '绩效分析', heading: '部门整体绩效评价情况分析', level: 1, build: analysis },
  { id: '评价结论', heading: '综合评价结论', level: 1, build: conclusion },
  { id: '存在问题', heading: '存在的主要问题', level: 1, build: problemsSection },
  { id: '改进措施', heading: '下一步改进措施', level: 1, build: measuresSection },
  { id: '结果应用', heading: '自评结果拟应用和公开情况', level: 1, build: application },
  { id: '其他说明', heading: '其他需要说明的情况', level: 1, build: otherMatters },
  { id: '落款', heading: '', level: 0, build: signature },
];

/** The cover page's lines. */
export const REPORT_COVER: (c: ReportContext) => string[] = cover;

/** 附件1, the score sheet in the department's words (null when not scored). */
export const REPORT_APPENDIX: (
  c: ReportContext
) => { label: string; title: string; table: TableBlock } | null = appendix;
