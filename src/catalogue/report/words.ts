/**
 * Words the report uses for the workbook's input sheets: each sheet holds one 决算 or
 * evaluation table, and a document names the table, never the sheet.
 */
export const SOURCE_NAMES: Record<string, string> = {
  基本情况: '机构人员情况表',
  收支总表: '收支总表',
  财政拨款: '财政拨款收支表',
  其他资金: '其他资金收支表',
  项目支出: '项目支出明细表',
  三公经费: '“三公”经费表',
  基础数据: '绩效评价基础数据表',
  产出任务: '年度工作任务表',
  自评打分: '自评得分表',
  文字材料: '',
};

/** A table's name inside a 【待核对】, where the words must be short (the names the findings' titles use). */
export const BRIEF_SOURCE_NAMES: Record<string, string> = {
  绩效评价基础数据表: '基础数据表',
  财政拨款收支表: '财政拨款表',
  其他资金收支表: '其他资金表',
};

/**
 * Words by which a department's own text gives a cause ("主要是人员增加", "由于…", "受疫情影响"): a problem in 八
 * whose own words have none is given a 【待补：…的原因】.
 */
export const CAUSE_WORDS = /主要是|原因|由于|因为|导致|造成|致使|受[^，。；]{1,15}影响/;

/**
 * A clause of a task's 说明 that gives why it fell short rather than where it stands: the cause words, or a request
 * or application that was not granted ("请求市财政增加经费未能通过"). "已出具初稿，尚在修订" says where it stands.
 */
export const TASK_CAUSE_WORDS = new RegExp(
  `${CAUSE_WORDS.source}|(?:请求|申请|报请|报批|争取|协调)[^，。；]{0,30}(?:未能|未获|未被|没有|不予)`
);
