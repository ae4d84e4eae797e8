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
