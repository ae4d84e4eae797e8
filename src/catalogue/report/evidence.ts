/**
 * What the report's evidence for a score line draws on, declared per line: words that tie an item
 * of the department's own 履职情况 to the line (效果 lines), and what to ask the department for
 * where the workbook says nothing, and the words by which the department's own 存在问题 text would
 * contradict full marks on the line. Declarations only: the core matches items to lines and takes
 * from each the sentences that say what was done and how much.
 */
import type { EvidenceDecl } from '../../core/reportContract';

export const EVIDENCE: EvidenceDecl[] = [
  {
    covers: ['经济效益', '推创新、促增长'],
    keywords: ['经济', '产业', '企业', '投资', '创新', '增长', '招商', '营收', '科创'],
    ask: '经济效益方面的主要成效（做了哪些工作、数量、带来的变化）',
  },
  {
    covers: ['社会效益'],
    keywords: ['社会', '群众', '公众', '科普', '惠民', '民生', '乡村', '素质', '青少年', '志愿'],
    ask: '社会效益方面的主要成效（做了哪些工作、数量、带来的变化）',
  },
  {
    covers: ['可持续影响', '行政效能'],
    keywords: ['长效', '机制', '可持续', '体系', '覆盖', '建制', '队伍', '考核', '基层', '组织'],
    ask: '可持续影响方面的成效（建立的长效机制、制度和队伍等）',
  },
  {
    covers: ['服务对象满意度', '社会公众或服务对象满意度'],
    keywords: ['满意', '投诉', '上访', '好评', '认可'],
    ask: '服务对象满意度的依据（满意度调查结果、投诉和上访情况等）',
    measured: {
      input: '基础_服务对象满意度',
      says: '调查满意率',
      ask: '调查满意率为x%，或“未开展满意度调查”',
    },
  },
  { covers: ['绩效目标合理性'], keywords: [], ask: '绩效目标的设定情况（是否与职责和年度工作相符）' },
  { covers: ['绩效指标明确性'], keywords: [], ask: '绩效指标的设定情况（是否细化、量化）' },
  {
    covers: ['预算编制合理性'],
    keywords: [],
    ask: '预算编制的依据及与实际执行的差异',
    contradictedBy: [
      '预算资金存在缺口',
      '预算存在缺口',
      '资金缺口',
      '预算编制不合理',
      '预算编制不准确',
      '预算编制不科学',
    ],
  },
  {
    covers: ['资产管理/管理制度健全性'],
    keywords: [],
    ask: '已建立的资产管理制度及执行情况',
    contradictedBy: ['资产管理制度不健全', '资产管理制度不完善', '未建立资产管理制度'],
  },
  {
    covers: ['管理制度健全性'],
    keywords: [],
    ask: '已建立的预算、财务管理制度及执行情况',
    contradictedBy: ['制度不健全', '制度不完善', '制度未建立', '制度执行不到位'],
  },
  {
    covers: ['资金使用合规性'],
    keywords: [],
    ask: '资金使用的合规情况（有无违规使用、相互挪用等）',
    contradictedBy: ['串用', '挤占', '挪用', '截留', '套取', '违规使用', '超范围', '超标准', '无预算支出'],
  },
  {
    covers: ['预决算信息公开性'],
    keywords: [],
    ask: '预决算信息公开的时间和渠道',
    contradictedBy: ['未公开', '未按时公开', '公开不及时', '公开不完整'],
  },
  {
    covers: ['基础信息完善性'],
    keywords: [],
    ask: '基础数据信息的完整、准确情况',
    contradictedBy: ['数据不准确', '数据不完整', '信息不完整', '基础数据有误'],
  },
  {
    covers: ['资产管理安全性'],
    keywords: [],
    ask: '资产保存、账实相符和处置情况',
    contradictedBy: ['账实不符', '资产流失', '未经批准处置', '资产闲置'],
  },
];
