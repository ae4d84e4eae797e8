/**
 * The figures of a report's text: characters normalised one for one (so every offset still points
 * into the original), sentences, and each number with its unit, the precision it was stated to and
 * whether it is approximate (约, 余, 多). Dates, years, ordinals and document numbers are not figures.
 */
import type Decimal from 'decimal.js';
import { D } from '../decimal';

/**
 * Full-width digits, letters and ASCII punctuation to half-width, except the Chinese comma, colon,
 * semicolon and brackets that structure sentences; the minus signs to '-'; odd spaces to ' '. One
 * character for one character, so offsets into the result are offsets into the original.
 */
export function normalise(s: string): string {
  return s.replace(/[\uff01-\uff5e\u2212\u2012\u2013\ufe63\u3000\u00a0\u200b\ufeff]/g, (c) => {
    switch (c) {
      case '，':
      case '：':
      case '；':
      case '（':
      case '）':
      case '！':
      case '？':
        return c;
      case '\u2212':
      case '\u2012':
      case '\u2013':
      case '\ufe63':
        return '-';
      case '\u3000':
      case '\u00a0':
      case '\u200b':
      case '\ufeff':
        return ' ';
      default:
        return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }
  });
}

/** Text for comparing labels: no spaces, no quotes of any kind. */
export function compact(s: string): string {
  return s.replace(/[\s“”"'‘’「」『』《》]/g, '');
}

export interface Span {
  start: number;
  end: number;
}

/** Sentences end at 。！？ (and a line break); the end mark stays with its sentence. */
export function sentences(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '。' || c === '！' || c === '？' || c === '!' || c === '?' || c === '\n') {
      // A closing quote or bracket after the mark belongs to the sentence.
      let end = i + 1;
      while (end < text.length && /[”’）)」』]/.test(text[end])) end++;
      if (text.slice(start, end).trim()) out.push({ start, end });
      start = end;
      i = end - 1;
    }
  }
  if (start < text.length && text.slice(start).trim()) out.push({ start, end: text.length });
  return out;
}

/** What a figure measures, by its unit. */
export type FigureKind = 'amount' | 'rate' | 'points' | 'count' | 'score' | 'bare';

export interface Figure {
  start: number;
  end: number;
  /** As written, e.g. `1,500.00万元`, `-17.89%`. */
  raw: string;
  /** The number as written (in its own unit; 万人 already multiplied out). */
  value: Decimal;
  /** Decimal places stated. */
  decimals: number;
  /** The unit as written (万元, 元, %, 个百分点, 人, 分 …), or null. */
  unit: string | null;
  kind: FigureKind;
  /** For amounts: the value in 万元. */
  wan?: Decimal;
  /** Half a unit of the last stated decimal, in the unit figures of its kind are compared in (万元 for amounts). */
  half: Decimal;
  /** 约, 近, 超过, 余, 多, 以上, 左右: not an exact figure. */
  approx: boolean;
}

const AMOUNT_SCALE: Record<string, string> = { 万元: '1', 元: '0.0001', 亿元: '10000', 千元: '0.1' };
const COUNT_UNITS = new Set([
  '人',
  '名',
  '个',
  '项',
  '次',
  '篇',
  '家',
  '位',
  '条',
  '支',
  '所',
  '户',
  '台',
  '辆',
  '场',
  '人次',
  '席',
  '件',
  '处',
]);
/** Units that make a number a date, a time, an ordinal or a document number: not a figure. */
const NOT_FIGURES = new Set([
  '届',
  '期',
  '批',
  '年度',
  '年',
  '月',
  '日',
  '号',
  '岁',
  '天',
  '小时',
  '周',
  '季度',
  '倍',
]);

const FIGURE =
  /([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?( ?)(万元|亿元|千元|元|个百分点|%|万人次|万人|万次|万|人次|人|名|个|项|次|篇|家|分|位|条|支|所|户|台|辆|场|席|件|处|届|期|批|年度|年|月|日|号|岁|天|小时|周|季度|倍)?/g;
const APPROX_BEFORE = /(约|近|超过|超|逾|大约|将近|不到|不足|以上|左右|多达|上万)$/;
const APPROX_AFTER = /^(余|多|以上|左右|来|以内)/;

/** Every figure of a text, in order. */
export function figuresOf(text: string): Figure[] {
  const out: Figure[] = [];
  FIGURE.lastIndex = 0;
  for (let m = FIGURE.exec(text); m; m = FIGURE.exec(text)) {
    const start = m.index;
    let sign = m[1];
    const before = text[start - 1] ?? '';
    // A number glued to letters, digits or a dot (CCTV13, 3D, v1.2) or after 第 (第13届) is a name or an ordinal.
    if (/[A-Za-z0-9._]/.test(before) || before === '第') continue;
    if (sign && /[\d%)）]/.test(before)) {
      // 2021-2025: the dash is a range, not a sign.
      sign = '';
    }
    const unit = m[5] ?? null;
    const after = text.slice(m.index + m[0].length);
    if (unit && NOT_FIGURES.has(unit)) continue;
    if (!unit && /^[A-Za-z〕\]]/.test(after)) continue;
    if (before === '〔' || before === '[') continue;
    // 分 followed by 钟/之/别/类/析/配 is a word, not 分 (points).
    if (unit === '分' && /^[钟之别类析配期批项级]/.test(after)) continue;
    // 万 alone only counts as a multiplier before a count unit (22万人) or at the end of a figure (30余万).
    let mult = '1';
    let u = unit;
    if (u === '万人次' || u === '万人' || u === '万次') {
      mult = '10000';
      u = u.slice(1);
    } else if (u === '万') {
      const tail = /^(余|多)?(人次|人|次|个|家|元)?/.exec(after)!;
      if (tail[2] === '元') continue;
      mult = '10000';
      u = tail[2] ?? null;
    }
    const digits = m[2].replace(/,/g, '');
    const frac = m[3] ?? '';
    const decimals = frac ? frac.length - 1 : 0;
    let value = new D(`${sign === '-' ? '-' : ''}${digits}${frac}`);
    if (mult !== '1') value = value.times(mult);
    const end = m.index + m[0].length;
    const approx = APPROX_BEFORE.test(text.slice(Math.max(0, start - 4), start)) || APPROX_AFTER.test(after);
    const unitHalf = new D(5).times(new D(10).pow(-(decimals + 1)));
    let kind: FigureKind = 'bare';
    let wan: Decimal | undefined;
    let half = unitHalf.times(mult);
    if (u && AMOUNT_SCALE[u]) {
      kind = 'amount';
      wan = value.times(AMOUNT_SCALE[u]);
      half = unitHalf.times(AMOUNT_SCALE[u]);
    } else if (u === '%') kind = 'rate';
    else if (u === '个百分点') kind = 'points';
    else if (u === '分') kind = 'score';
    else if (u && COUNT_UNITS.has(u)) kind = 'count';
    else if (mult !== '1') kind = 'count';
    // A whole count (21 人) or score (29 分) is exact; 15.6 万人次 is rounded like any decimal.
    if ((kind === 'count' || kind === 'score') && decimals === 0 && mult === '1') half = new D(0);
    out.push({
      start: sign ? start : start + m[1].length,
      end,
      raw: text.slice(start, end),
      value,
      decimals,
      unit: u,
      kind,
      wan,
      half,
      approx,
    });
  }
  return out;
}

/** A table cell's number: `1,500.00`, `-100%`, `28.57%`, `—` (nothing, read as 0), or null when it holds no number. */
export function cellFigure(text: string, unit: string | null): Figure | null {
  const t = text.trim();
  if (t === '') return null;
  if (/^[-－—–─]{1,2}$/.test(t))
    return {
      start: text.indexOf(t),
      end: text.indexOf(t) + t.length,
      raw: t,
      value: new D(0),
      decimals: 2,
      unit,
      kind: unit && AMOUNT_SCALE[unit] ? 'amount' : 'bare',
      wan: unit && AMOUNT_SCALE[unit] ? new D(0) : undefined,
      half: new D(0),
      approx: false,
    };
  const m = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(%|万元|元|亿元|分|人|个)?$/.exec(t);
  if (!m) return null;
  const decimals = m[3] ? m[3].length - 1 : 0;
  const value = new D(`${m[1] === '-' ? '-' : ''}${m[2].replace(/,/g, '')}${m[3] ?? ''}`);
  const u = m[4] ?? unit;
  const unitHalf = new D(5).times(new D(10).pow(-(decimals + 1)));
  const start = text.indexOf(t);
  const base = { start, end: start + t.length, raw: t, value, decimals, approx: false };
  if (u && AMOUNT_SCALE[u])
    return {
      ...base,
      unit: u,
      kind: 'amount',
      wan: value.times(AMOUNT_SCALE[u]),
      half: unitHalf.times(AMOUNT_SCALE[u]),
    };
  if (u === '%') return { ...base, unit: '%', kind: 'rate', half: unitHalf };
  if (u === '分') return { ...base, unit: '分', kind: 'score', half: decimals === 0 ? new D(0) : unitHalf };
  if (u === '人' || u === '个') return { ...base, unit: u, kind: 'count', half: unitHalf };
  return { ...base, unit: null, kind: 'bare', half: unitHalf };
}

/** The value figures of a kind are compared in: 万元 for amounts, else the number as written. */
export function comparable(f: Figure): Decimal {
  return f.wan ?? f.value;
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一 … 九十九 as a number (for heading numbers and counts like 两项), or null. */
export function chineseNumber(s: string): number | null {
  if (!s) return null;
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(s);
  if (m && (m[1] || m[2] || m[3])) {
    if (!m[2]) return m[3] ? null : CN_DIGITS[m[1]];
    return (m[1] ? CN_DIGITS[m[1]] : 1) * 10 + (m[3] ? CN_DIGITS[m[3]] : 0);
  }
  if (s === '两') return 2;
  return null;
}

/** Circled numbers ① … ⑳. */
export function circledNumber(c: string): number | null {
  const code = c.charCodeAt(0);
  return code >= 0x2460 && code <= 0x2473 ? code - 0x2460 + 1 : null;
}
