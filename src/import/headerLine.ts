/**
 * The line a 决算 table prints between its title and its headers — “编制单位：某某局  2022年度
 * 单位：万元” — read field by field, wherever each stands in the line or in which cell: the unit
 * alone (never the year or the money unit after it), the year, and the money unit.
 */
import { toHalfWidth } from '../core/parse';

export interface HeaderLine {
  /** The department as the line names it. */
  unitName?: string;
  /** The year the table is for (2022年度, 2022年). */
  year?: number;
  /** The money unit. */
  unit?: '元' | '万元' | '千元';
}

const UNIT_KEYS = '编制单位|填报单位|预算单位|单位名称|部门名称|部门|单位';
/** A key and its value, the value ending at a wide gap, a year, a money-unit key, or the end. */
const UNIT_NAME = new RegExp(
  `(?:${UNIT_KEYS})[ ]*:[ ]*([^\\r\\n\\t]+?)(?=\\s{2,}|[\\r\\n\\t]|\\s*(?:19|20)\\d{2}\\s*年|\\s*(?:金额|货币|计量)?单位\\s*:|\\s*$)`,
  'g'
);
const MONEY = /(?:金额|货币|计量)?单位\s*:\s*(万元|千元|元)(?![\u4e00-\u9fff])/;
/** 2022年度 anywhere; 2022年 only when nothing Chinese follows (not “2021年实际在职人数”, not a date). */
const YEAR = /((?:19|20)\d{2})\s*年(?:度|(?![\u4e00-\u9fff\d\s]*\d+\s*月)(?![\u4e00-\u9fff]))/;

/** The fields a header-line cell states; none when it states none. */
export function parseHeaderLine(text: string): HeaderLine {
  // Half-width for matching, character for character, so the unit's name is cut from the text as typed.
  const s = toHalfWidth(text);
  const out: HeaderLine = {};
  for (const m of s.matchAll(UNIT_NAME)) {
    const at = m.index! + m[0].lastIndexOf(m[1]);
    const name = text
      .slice(at, at + m[1].length)
      .trim()
      .replace(/[,;，；]+$/, '');
    if (!name || /^(万元|千元|元)$/.test(name) || /^[_\-－—\s]+$/.test(name)) continue;
    out.unitName = name;
    break;
  }
  const money = MONEY.exec(s);
  if (money) out.unit = money[1] as HeaderLine['unit'];
  const year = YEAR.exec(s);
  if (year) out.year = Number(year[1]);
  return out;
}
