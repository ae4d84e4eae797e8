/**
 * Slips in the department's own words that the report quotes as they are: time words that only
 * make sense on the day they were written (今年8月, 截止目前, 当月), 截止 where 截至 is meant, 超/约
 * beside 余, and a task marked 已完成 whose 说明 says it was not. The report keeps the department's
 * words; each slip is a remark to the preparer (Word comment or 报送前核对清单), never a finding.
 *
 * Conservative by design: a pattern that might fire on ordinary text stays out.
 */

export interface TextSlip {
  id: string;
  /** Global pattern over one of the department's texts. */
  pattern: RegExp;
  /** Whether a match stands (e.g. 当月 with its month earlier in the sentence does not). */
  stands?: (text: string, index: number) => boolean;
  /** The remark for a match; `year` is the evaluation year when known. */
  remark: (found: string, year: string | null) => string;
}

/** The sentence before a match, back to its last 。；！？ or the start. */
function sentenceBefore(text: string, index: number): string {
  const before = text.slice(0, index);
  return before.slice(Math.max(...['。', '；', '！', '？', '\n'].map((c) => before.lastIndexOf(c))) + 1);
}

const NUMBER = '(?:[0-9０-９][0-9０-９.,，]*[十百千万亿]?|[一二三四五六七八九十百千万两]+)';
/** Words ending in 约 that are not "about" (节约, 签约, 公约…). */
const NOT_ABOUT = '节制签预公合契履违特相邀婚租缔立守践赴集简俭隐';
/** A short measure word after 余 (人次, 人, 家…), for the remark's example. */
const AFTER_YU = '(?:人次|[\\u4e00-\\u9fa5])?';

export const TEXT_SLIPS: readonly TextSlip[] = [
  {
    // 截止目前 / 截至目前 / 截止到目前: a report read later cannot say when 目前 was.
    id: '截至目前',
    pattern: /截[止至]到?(?:目前|当前|现在|今)/g,
    remark: (found, year) =>
      `“${found}”：请写明截至日期${year ? `（如截至${year}年12月31日）` : ''}` +
      (found.startsWith('截止') ? '；表示“到某时为止”应写“截至”，不写“截止”' : ''),
  },
  {
    // 截止2021年底: the date is there, the word is wrong (截止 is the end itself, 截止日期).
    id: '截止作截至',
    pattern: /截止到?(?=[0-9０-９]{4}年|[0-9０-９]{1,2}月|[一二三四五六七八九十〇○零]{4}年)/g,
    remark: (found) => `“${found}”：表示“到某时为止”应写“截至”，不写“截止”`,
  },
  {
    // 目前 (also in 目前为止), except where 截止/截至 already took it.
    id: '目前',
    pattern: /(?<!截[止至]到?)目前/g,
    remark: (_found, year) => `“目前”：请写明时点${year ? `（如截至${year}年底）` : ''}`,
  },
  {
    // 今年8月, 去年, 明年: the year the text was written in.
    id: '今年',
    pattern: /[今去明]年(?:[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?)?/g,
    remark: (found, year) => {
      const shift = { 今: 0, 去: -1, 明: 1 }[found[0] as '今' | '去' | '明'];
      const dated = year ? `${Number(year) + shift}年${found.slice(2)}` : '';
      return `“${found}”：请写明年份${dated ? `（如${dated}）` : ''}`;
    },
  },
  {
    // 当月 / 本月 / 上月 with no month named earlier in its sentence.
    id: '当月',
    pattern: /当月|(?<!基)本月|(?<!马)上月/g,
    stands: (text, index) => !/[0-9０-９一二三四五六七八九十]月/.test(sentenceBefore(text, index)),
    remark: (found) => `“${found}”：请写明年月`,
  },
  {
    // Not 临近日期, 接近日均.
    id: '近日',
    pattern: /(?<![临接靠逼将附邻])近日(?![常均期益])/g,
    remark: () => '“近日”：请写明日期',
  },
  {
    // 超200余次 / 超过200余次: 超 and 余 both say "more than".
    id: '超…余',
    pattern: new RegExp(`(?<!赶)超过?\\s*${NUMBER}\\s*余${AFTER_YU}`, 'g'),
    remark: (found) => {
      const [, word, rest] = /^(超过?)\s*(.*)$/.exec(found)!;
      return `“${found}”：“${word}”与“余”重复，请留其一（如“${rest.replace(/\s+/g, '')}”或“${word}${rest.replace(/\s*余/, '').replace(/\s+/g, '')}”）`;
    },
  },
  {
    // 约500余人 / 大约500余人: 约 says "about", 余 "more than".
    id: '约…余',
    pattern: new RegExp(`(?<![${NOT_ABOUT}])(?:大约|约)\\s*${NUMBER}\\s*余${AFTER_YU}`, 'g'),
    remark: (found) => {
      const [, word, rest] = /^(大约|约)\s*(.*)$/.exec(found)!;
      return `“${found}”：“${word}”与“余”重复，请留其一（如“${rest.replace(/\s+/g, '')}”或“${word}${rest.replace(/\s*余/, '').replace(/\s+/g, '')}”）`;
    },
  },
];

/**
 * Words in a task's 说明 that say it was not done. 未能按时 / 未按期 (done, late) and 无未完成 are not.
 */
export const TASK_NOT_DONE = /(?<!无|没有)(?:未能|未通过|未完成|未达到|未实现|尚未)(?!按时|按期|如期|及时)/;

/** The clause of a task's 说明 that says it was not done ("…未能通过"), if any. */
export function notDoneClause(said: string): string | undefined {
  return said.split(/[，。；：,;:\n]/).find((c) => TASK_NOT_DONE.test(c));
}

/** The remark on a task marked 已完成 whose 说明 clause says otherwise. */
export function taskNotDoneRemark(task: string, clause: string): string {
  return `任务“${task}”在产出任务表中标为已完成，但说明称“${clause}”：请核对该任务的“是否完成”，改正后重新生成报告；如实未完成，实际完成数、及时完成数及其比率和得分随之改变`;
}
