/**
 * Lists several declarations share (inputs, indicators, checks, report sections), each declared once.
 * An entry is `[key, label]`: the key is the part of an input name (`三公_<key>_本年决算`,
 * `财拨_本年支出_<key>`), the label the words the 决算 tables use for it.
 */

/** 财政拨款 columns by 支出性质, as 公开04 / 财决01-1 lay them out. */
export const FUND_COLUMNS = [
  ['基本', '基本支出'],
  ['项目', '项目支出'],
  ['合计', '合计'],
] as const;

/** The three “三公” items of 公开07, in its order. */
export const SANGONG_ITEMS = [
  ['因公出国', '因公出国（境）费'],
  ['公务接待', '公务接待费'],
  ['公务用车', '公务用车购置及运行维护费'],
] as const;

/** The two parts 公务用车 is made of (公开07's “其中” lines). */
export const SANGONG_CAR_PARTS = [
  ['公务用车购置', '其中：公务用车购置费'],
  ['公务用车运行', '其中：公务用车运行维护费'],
] as const;

/** The 合计 line of the 三公 grids. */
export const SANGONG_TOTAL = ['合计', '合计'] as const;

/**
 * The lines 公务接待费 is told in (财决附01 and the 公开07 printed down: （1）国内接待费, 其中外事接待费,
 * （2）国（境）外接待费), each with its reception counts (财决附01 “相关统计数”: 批次 and 人次). 外事 is part of
 * 国内 (foreign guests received at home), so 公务接待费 = 国内 + 国（境）外, and 外事 ≤ 国内.
 */
export const SANGONG_RECEPTION_PARTS = [
  ['国内接待', '国内公务接待'],
  ['外事接待', '其中：外事接待'],
  ['国外接待', '国（境）外公务接待'],
] as const;
