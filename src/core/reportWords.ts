/**
 * The report's words and pieces: numbers in Chinese, 万元 and 分 figures, growth and balance words,
 * placeholders, and the `say` template that joins text with value pieces while keeping the operands
 * each piece used. Section declarations reach them through the writer's `fmt`.
 */
import type Decimal from 'decimal.js';
import { INPUT_BY_NAME } from '../catalogue/inputs';
import { fixed, money, percent } from './decimal';
import type { Arg, DirectionWords, Formats, Piece } from './reportContract';
import type { Operand } from './results';
import { inWords } from './typography';

// ---------------------------------------------------------------- formatting

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九. */
export function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones === 0 ? '' : CN_DIGITS[ones]}`;
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** ① … ⑳, then (21). */
export function circled(i: number): string {
  return i >= 1 && i <= CIRCLED.length ? CIRCLED[i - 1] : `(${i})`;
}

/** Heading numbers by level, as 公文 number them. */
export const NUMBERING: Record<1 | 2 | 3 | 4, (n: number) => string> = {
  1: (n) => `${chineseNumber(n)}、`,
  2: (n) => `（${chineseNumber(n)}）`,
  3: (n) => `${n}. `,
  4: (n) => `（${n}）`,
};

/** 万元 to 2 dp: "1234.56万元". */
export function wan(x: Decimal): string {
  return `${money(x)}万元`;
}

/** Scores as reports write them: "5", "9.5", "29.25" (2 dp, trailing zeros dropped). */
export function points(x: Decimal): string {
  return fixed(x, 2).replace(/\.?0+$/, '');
}

export const GROWTH: DirectionWords = ['增长', '下降', '持平'];
export const BALANCE: DirectionWords = ['结余', '超支', '收支平衡'];

export function direction(x: Decimal, words: DirectionWords): string {
  return x.isZero() ? words[2] : x.isPositive() ? words[0] : words[1];
}

/** The visible placeholder for what the workbook does not give, named in words. */
export function placeholder(what: string): string {
  return `【待补：${what.replace(/^其中：/, '')}】`;
}

/**
 * What to enter in a blank number's place, by its kind: "落实国家政策、不可抗力、上级交办的调整金额（万元，无则填0）"; a
 * part of a total (其中…) may be 0. Other inputs: their label.
 */
export function blankAsk(name: string, label: string): string {
  const d = INPUT_BY_NAME.get(name);
  if (d?.type !== 'scalar' || !['amount', 'count', 'rate'].includes(d.kind)) return label;
  const zero = /^其中/.test(d.label) ? '，无则填0' : '';
  const noun = d.kind === 'amount' && !/(额|数|金|费|款|支出|收入)$/.test(label) ? '金额' : '';
  return `${label}${noun}（${d.unit}${zero}）`;
}

/**
 * Every placeholder the report shows highlighted (【待补：…】, 【待核对：…】, a table cell's 【待核对①】 and its note's
 * 【待核对①：…】): the Word document highlights what this matches, and the 报送前核对清单 lists what it matches.
 */
export const PLACEHOLDER = /(【待(?:补|核对)[①-⑳]*(?:：[^】]*)?】)/;

/** The visible mark where two sources disagree (in a figure's place, naming both) or a figure is in doubt. */
export function toCheck(what: string): string {
  return `【待核对：${what}】`;
}

/** How a remark on a score left to be settled begins: the checklist lists these apart from corrected figures. */
export const SCORE_REMARK = '得分待定：';

/** A remark to the preparer on a score the report leaves to be settled: the claim and what the lines give. */
export function scoreRemark(words: string): string {
  return `${SCORE_REMARK}${words}`;
}

/** A rate inside a sentence that states it as a value: a negative one written 负…, never with a sign. */
export function rateText(x: Decimal): string {
  return `${x.isNegative() && !x.isZero() ? '负' : ''}${percent(x.abs())}`;
}

/** How a number of a given input reads in a sentence, from its catalogue kind. */
export function formatValue(name: string, value: Decimal, columnLabel?: string): string {
  const d = INPUT_BY_NAME.get(name);
  const kind =
    d?.type === 'scalar'
      ? d.kind
      : d?.type === 'table'
        ? d.columns.find((c) => c.label === columnLabel)?.kind
        : undefined;
  switch (kind) {
    case 'amount':
      return wan(value);
    case 'count':
      return `${value.toFixed(0)}${countWord(d?.type === 'scalar' ? d.label : (columnLabel ?? ''))}`;
    case 'rate':
      return rateText(value);
    case 'score':
      return `${points(value)}分`;
    case 'year':
      return value.toFixed(0);
    default:
      // Not a catalogue figure (e.g. a count of tasks): whole numbers read as such.
      return value.isInteger() ? value.toFixed(0) : fixed(value, 2);
  }
}

/** 编制 is counted in 名, people in 人. */
export function countWord(label: string): string {
  return /编制/.test(label) ? '名' : '人';
}

// ---------------------------------------------------------------- pieces and the writer

function isPiece(a: Arg): a is Piece {
  return typeof a === 'object' && a !== null && 'text' in a;
}

export function uniqueSources(xs: Operand[]): Operand[] {
  const seen = new Set<string>();
  return xs.filter((o) => {
    const k = `${o.name}|${o.address ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The remarks of some pieces, each once; absent when none. */
export function remarksOf(pieces: Array<{ remarks?: string[] }>): { remarks?: string[] } {
  const all = [...new Set(pieces.flatMap((p) => p.remarks ?? []))];
  return all.length ? { remarks: all } : {};
}

/** Tagged template: text with value pieces, keeping every operand used (and any remark for the preparer). */
export function say(strings: TemplateStringsArray, ...args: Arg[]): Piece {
  let text = strings[0];
  const sources: Operand[] = [];
  const pieces: Piece[] = [];
  args.forEach((a, i) => {
    if (isPiece(a)) {
      text += a.text;
      sources.push(...a.sources);
      pieces.push(a);
    } else if (a !== null && a !== undefined) text += String(a);
    text += strings[i + 1];
  });
  return { text, sources: uniqueSources(sources), ...remarksOf(pieces) };
}

/** Joins pieces with a separator, keeping their sources and remarks. */
export function join(pieces: Piece[], sep = '、'): Piece {
  return {
    text: pieces.map((p) => p.text).join(sep),
    sources: uniqueSources(pieces.flatMap((p) => p.sources)),
    ...remarksOf(pieces),
  };
}

export function plain(text: string, sources: Operand[] = []): Piece {
  return { text, sources };
}

/** A department's own heading line: "一、标题", "（一）标题". */
export const OWN_HEADING = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])\s*(.+)$/;
/** A line that starts a paragraph of its own: a numbered item ("1. ", "2．", "①"). */
const OWN_ITEM = /^(?:\d+[.．、]|[①-⑳]|[（(]\d+[)）])/;
/** Sentence-final punctuation: a line ending otherwise continues on the next line. */
const SENTENCE_END = /[。！？；：…”』」）)]$/;

/**
 * The department's text as paragraphs: a line break inside a sentence (the text was copied
 * from a PDF or a narrow cell) joins the two lines; a new paragraph starts after a sentence
 * end, or at a numbered item or heading.
 */
export function ownParagraphs(raw: string): string[] {
  const out: string[] = [];
  for (const line of raw.split(/\r?\n/).map((l) => l.trim())) {
    if (!line) continue;
    const last = out[out.length - 1];
    if (
      last !== undefined &&
      !SENTENCE_END.test(last) &&
      !OWN_HEADING.test(last) &&
      !OWN_HEADING.test(line) &&
      !OWN_ITEM.test(line)
    )
      out[out.length - 1] = last + line;
    else out.push(line);
  }
  return out;
}

export const FORMATS: Formats = {
  wan,
  points,
  percent,
  rateText,
  circled,
  placeholder,
  toCheck,
  scoreRemark,
  direction,
  chineseNumber,
  formatValue,
  words: inWords,
  qualifiedName,
};

/**
 * A 三级 name told apart from a namesake in the same list by its 二级, the words they share said once:
 * 预算管理 + 管理制度健全性 reads 预算管理制度健全性.
 */
export function qualifiedName(level2: string, level3: string, all: string[]): string {
  if (all.filter((x) => x === level3).length < 2) return level3;
  for (let n = Math.min(level2.length, level3.length); n > 0; n--)
    if (level2.endsWith(level3.slice(0, n))) return `${level2}${level3.slice(n)}`;
  return `${level2}${level3}`;
}
