/**
 * The claim catalogue: one declaration per kind of numeric assertion a report's text makes (a sum, a
 * share, a change, a rate, a repeated quantity …). Each says what the sentence asserts and finds its
 * instances through the core's readers (ClaimContext); the core judges them (src/core/claims/engine.ts)
 * with the same comparison and tolerance as the workbook checks. Each kind is tested alone with valid
 * and invalid sentences (test/core/claims.cases.test.ts), as the check catalogue is.
 *
 * Precision before recall: a kind only asserts what the words say. A list under 其中 that does not
 * name every part is a “not more than” claim, not a sum; a figure whose scope (一般公共预算, 其他资金,
 * 部门整体) is unknown is compared with every scope; a blank cell never accuses.
 */
import type Decimal from 'decimal.js';
import type { Table } from '../core/claims/document';
import type { Bound, Key, PartList, Place } from '../core/claims/quantities';
import type { QuantityKind } from '../core/results';
import type { ClaimContext, ClaimDraft, ClaimKind, ClaimTerm } from './claimContract';
import {
  FALL_WORDS,
  INDICATOR_INPUT_WORDS,
  type Measure,
  PARTITIONS,
  RATE_WORDS,
  RISE_WORDS,
  SAME_WORDS,
  SCOPE_PARTITION,
  type Scope,
} from './claimWords';

// ------------------------------------------------------------------ shared helpers

/** What a bound figure is, as a comparison's kind. */
function kindOf(b: Bound): QuantityKind | null {
  const f = b.figure;
  if (f.kind === 'amount' || b.unitInferred) return 'amount';
  if (f.kind === 'count') return 'count';
  if (f.kind === 'score') return 'score';
  if (f.kind === 'rate') return 'rate';
  if (f.kind === 'bare') return 'amount';
  return null;
}

function paragraphPlace(b: Bound): Place {
  return { paragraph: b.place.paragraph, start: b.sentence!.start, end: b.sentence!.end };
}

function spanPlace(paragraph: number, start: number, end: number): Place {
  return { paragraph, start, end };
}

/** The name of a quantity for a title: its label's words, else the key's. */
function nameOf(ctx: ClaimContext, b: Bound | undefined, fallback: string): string {
  if (b?.key) return ctx.keyWords(b.key);
  const label = ctx.compact(b?.label ?? fallback).replace(/^(其中|合计为?|共计|总计)/, '');
  return label.length > 0 && label.length <= 24 ? label : fallback;
}

/** A figure as written, with the unit a table's 单位 line or its sentence gives it (1050.00万元). */
function written(b: Bound): string {
  const unit = b.figure.unit ?? b.unitInferred;
  return unit && !b.figure.raw.endsWith(unit) ? `${b.figure.raw}${unit}` : b.figure.raw;
}

/** A number for the arithmetic shown: at least two decimals for amounts (7.10, not 7.1). */
function two(x: Decimal): string {
  return (
    x.isInteger() && x.abs().greaterThan(100) ? x.toFixed(0) : x.toFixed(Math.max(2, x.decimalPlaces()))
  ).replace(/^-/, '−');
}

/** Within `ratio` of each other: a figure of the same size as its siblings. */
function fits(x: Decimal, lo: Decimal, hi: Decimal): boolean {
  return x.greaterThanOrEqualTo(lo.div(10)) && x.lessThanOrEqualTo(hi.times(10));
}

/**
 * Which unit an amount's size says it is in, among the amounts of its sentence in 万元 (the unit-slip
 * rule of the workbook checks: of their size is within ten times either way of their range). `unit`: a
 * 万元 figure written “元”; `missing`: a figure with no unit among amounts.
 */
/** The 万元 amounts of each sentence (worked out once per sentence: a sentence may hold thousands). */
const SENTENCE_AMOUNTS = new WeakMap<object, SentenceAmounts>();

interface SentenceAmounts {
  all: Bound[];
  lo?: Decimal;
  hi?: Decimal;
}

function sentenceAmounts(ctx: ClaimContext, b: Bound): SentenceAmounts {
  let found = SENTENCE_AMOUNTS.get(b.sentence!);
  if (!found) {
    const all = ctx
      .paragraphFigures(b.place.paragraph!)
      .filter(
        (x) =>
          x.sentence === b.sentence &&
          x.figure.kind === 'amount' &&
          x.figure.unit === '万元' &&
          !ctx.value(x).isZero()
      );
    const sizes = all.map((x) => ctx.value(x).abs());
    found = {
      all,
      lo: sizes.length ? sizes.reduce((a, x) => (x.lessThan(a) ? x : a)) : undefined,
      hi: sizes.length ? sizes.reduce((a, x) => (x.greaterThan(a) ? x : a)) : undefined,
    };
    SENTENCE_AMOUNTS.set(b.sentence!, found);
  }
  return found;
}

/** The siblings a slip is shown with: a few are enough to see their size. */
const SHOWN_SIBLINGS = 3;

function slipOf(
  ctx: ClaimContext,
  b: Bound
): { factor: 'unit' | 'missing' | 'div'; siblings: Bound[] } | null {
  const f = b.figure;
  if (b.place.paragraph === undefined || !b.sentence) return null;
  if (!(b.unitInferred && !f.unit) && !(f.kind === 'amount' && f.unit === '元')) return null;
  // b itself is not among them: it is in 元 or has no unit.
  const { all, lo, hi } = sentenceAmounts(ctx, b);
  const siblings = all.slice(0, SHOWN_SIBLINGS);
  if (b.unitInferred && !f.unit) return all.length > 0 ? { factor: 'missing', siblings } : null;
  if (f.value.isZero() || !lo || !hi) return null;
  // A catalogue quantity needs one sibling; any other figure two.
  if (all.length < (b.key ? 1 : 2)) return null;
  const y = f.value.abs();
  if (fits(y, lo, hi) && !fits(y.div(10000), lo, hi)) return { factor: 'unit', siblings };
  return null;
}

/** A figure read in the unit its size says (486.73元 among 万元 → 486.73 万元). */
function mended(ctx: ClaimContext, b: Bound): Bound {
  const slip = slipOf(ctx, b);
  if (slip?.factor !== 'unit') return b;
  return {
    ...b,
    figure: {
      ...b.figure,
      wan: b.figure.value,
      half: ctx.decimal('0.005').times(ctx.decimal(10).pow(2 - b.figure.decimals)),
    },
  };
}

/** A part's name without what it shares with its whole (部门整体本年支出中人员经费 under 部门整体本年支出中基本支出 → 人员经费). */
function withoutPrefix(part: string, whole: string): string {
  let i = 0;
  while (i < part.length && i < whole.length && part[i] === whole[i]) i++;
  if (i === 0) return part;
  if (part[i] === '中') return part.slice(i + 1) || part;
  const cut = part.lastIndexOf('中', i - 1);
  return (cut >= 0 ? part.slice(cut + 1) : part) || part;
}

function terms(bs: Bound[], sign: 1 | -1 = 1): ClaimTerm[] {
  return bs.map((figure) => ({ figure, sign }));
}

function same(a: Decimal, b: Decimal, tol: Decimal): boolean {
  return a.minus(b).abs().lessThanOrEqualTo(tol);
}

// ------------------------------------------------------------------ 合计

function isPartition(list: PartList): boolean {
  const keys = list.parts.map((p) => p.key);
  if (keys.some((k) => !k)) return false;
  const parts = new Set(keys.map((k) => k!.part ?? ''));
  if (PARTITIONS.some((p) => p.length === parts.size && p.every((x) => parts.has(x)))) return true;
  const scopes = new Set(keys.map((k) => k!.scope ?? ''));
  return (
    keys.every((k) => k!.measure === keys[0]!.measure && (k!.part ?? '') === (keys[0]!.part ?? '')) &&
    SCOPE_PARTITION.length === scopes.size &&
    SCOPE_PARTITION.every((s) => scopes.has(s))
  );
}

function endsWithCatchAll(ctx: ClaimContext, list: PartList): boolean {
  const last = list.parts[list.parts.length - 1];
  return /^其他/.test(ctx.compact(last.label).replace(/^(其中|包括)[:：]?/, ''));
}

const SUM: ClaimKind = {
  id: 'sum',
  label: '合计',
  family: '合计',
  asserts:
    '“合计 / 共 X，其中 A x1、B x2…”“按…分类为”“包括”：列全了的各项之和等于合计；只列了一部分的，各项之和不超过合计',
  find(ctx) {
    const out: ClaimDraft[] = [];
    for (const list of ctx.bindings.lists) {
      if (list.marker === '分别为' || !list.whole) continue;
      const kind = kindOf(list.whole);
      if (kind !== 'amount' && kind !== 'count') continue;
      const parts = list.parts.map((p) => mended(ctx, p));
      if (parts.some((p) => kindOf(p) !== kind)) continue;
      if (kind === 'count' && parts.some((p) => p.figure.unit !== list.whole!.figure.unit)) continue;
      const exhaustive =
        !list.open &&
        parts.length >= 2 &&
        (list.marker === '分类为' || isPartition(list) || endsWithCatchAll(ctx, list));
      const whole = list.whole;
      const name = nameOf(ctx, whole, list.wholeLabel || '合计');
      const partNames = list.parts.map((p) => withoutPrefix(nameOf(ctx, p, ctx.compact(p.label)), name));
      const slipped = list.parts.filter((p, i) => parts[i] !== p);
      const note = slipped.length ? `（${slipped.map((p) => p.figure.raw).join('、')}按万元计）` : '';
      const place = spanPlace(list.paragraph, list.span.start, list.span.end);
      out.push({
        key: `${list.paragraph}.${whole.figure.start}.${list.markerAt}`,
        places: [place],
        span: list.span,
        title: exhaustive ? `${name}与所列各项之和不符${note}` : `所列各项之和大于${name}${note}`,
        statement: exhaustive
          ? `${name} = ${partNames.join(' + ')}`
          : `${partNames.join('、')}之和不超过${name}`,
        figures: [whole, ...list.parts],
        comparison: exhaustive
          ? { relation: '=', left: terms([whole]), right: terms(parts), kind }
          : { relation: '≤', left: terms(parts), right: terms([whole]), kind },
      });
    }
    // A 合计 / 共计 after the items: A x1、B x2，合计 X.
    const listed = new Set(ctx.bindings.lists.flatMap((l) => [...l.parts, ...(l.whole ? [l.whole] : [])]));
    for (const [pi, figs] of ctx.bindings.byParagraph) {
      for (let i = 0; i < figs.length; i++) {
        const t = figs[i];
        if (!/(合计|共计|总计|总额|共)(为)?$/.test(ctx.compact(t.label)) || t.figure.approx) continue;
        const kind = kindOf(t);
        if (kind !== 'amount' && kind !== 'count') continue;
        const before: Bound[] = [];
        for (let j = i - 1; j >= 0 && figs[j].sentence === t.sentence && before.length < 50; j--)
          if (kindOf(figs[j]) === kind && !figs[j].figure.approx && !listed.has(figs[j]))
            before.unshift(figs[j]);
        if (before.length < 2 || listed.has(t)) continue;
        const parts = before.map((x) => mended(ctx, x));
        out.push({
          key: `${pi}.${t.figure.start}.total`,
          places: [paragraphPlace(t)],
          title: `合计与所列各项之和不符`,
          statement: `合计 = ${before.map((x) => ctx.compact(x.label) || x.figure.raw).join(' + ')}`,
          figures: [t, ...before],
          comparison: { relation: '=', left: terms([t]), right: terms(parts), kind },
        });
      }
    }
    return out;
  },
};

// ------------------------------------------------------------------ 列举计数

const COUNTED = /(\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(个|项|人|名|家|位|支|所|条|篇)/g;
const CLAUSE_END = /[，。；：:;\n]/;

/**
 * The items of a 、-list ending at `end` (back to the clause's start), quotes and brackets kept whole:
 * how many, and whether the last one holds 和 / 及 (A、B和C may be three). Linear in the clause.
 */
function itemsBefore(text: string, end: number): { items: string[]; start: number } {
  const items: string[] = [];
  let depth = 0;
  let cur = '';
  let i = end;
  for (; i > 0 && end - i < 400; i--) {
    const c = text[i - 1];
    if (c === '”' || c === '）' || c === ')') depth++;
    else if ((c === '“' || c === '（' || c === '(') && depth > 0) depth--;
    else if (depth === 0 && CLAUSE_END.test(c)) break;
    if (c === '、' && depth === 0) {
      items.unshift(cur);
      cur = '';
    } else cur = c + cur;
  }
  items.unshift(cur);
  return { items: items.filter((x) => x.trim()), start: i };
}

function itemsAfter(text: string, start: number): string[] {
  const items: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = start; i < text.length && i - start < 400; i++) {
    const c = text[i];
    if (c === '“' || c === '（' || c === '(') depth++;
    else if ((c === '”' || c === '）' || c === ')') && depth > 0) depth--;
    else if (depth === 0 && (CLAUSE_END.test(c) || c === '等')) break;
    if (c === '、' && depth === 0) {
      items.push(cur);
      cur = '';
    } else cur += c;
  }
  items.push(cur);
  return items.filter((x) => x.trim());
}

function andCount(items: string[]): number {
  const last = (items[items.length - 1] ?? '').replace(/“[^”]*”|（[^）]*）/g, '');
  return items.length + (/[和及与]/.test(last) ? 1 : 0);
}

const COUNT: ClaimKind = {
  id: 'count',
  label: '列举计数',
  family: '合计',
  asserts: '“A、B、C 等 N 个”“N 项，即 A、B”：列出的项数与所说的个数相符（写了“等”的，列出的不多于所说的）',
  find(ctx) {
    const out: ClaimDraft[] = [];
    ctx.doc.paragraphs.forEach((p, pi) => {
      const text = p.text;
      COUNTED.lastIndex = 0;
      for (let m = COUNTED.exec(text); m; m = COUNTED.exec(text)) {
        const n = ctx.number(m[1]);
        if (n === null || n < 2 || text[m.index - 1] === '第' || /\d|\./.test(text[m.index - 1] ?? ''))
          continue;
        // Inside quotes it is a name (“四个意识”), not a count.
        const opened = text.slice(0, m.index);
        if ((opened.match(/“/g) ?? []).length > (opened.match(/”/g) ?? []).length) continue;
        const unit = m[2];
        let listed: number[] = [];
        let open = false;
        let from = m.index;
        // A、B、C（等）N 个: the count right after the last item.
        const before = text.slice(0, m.index).replace(/\s+$/, '');
        const tail = /(等|共|这)?$/.exec(before)!;
        const { items, start } = itemsBefore(text, before.length - tail[0].length);
        if (
          items.length >= 2 &&
          !items.some((x) => /\d/.test(x.replace(/第\d+届|\d{4}年|[A-Za-z]+\d+/g, '')))
        ) {
          listed = [items.length, andCount(items)];
          open = tail[1] === '等' || /等$/.test(items[items.length - 1]);
          from = start;
        } else {
          // N 个…，即 / 分别为 A、B: the items after the count.
          const after = /^[^，。；\d]{0,12}[，：:]?\s*(即|分别为|分别是|包括)[：:]?/.exec(
            text.slice(m.index + m[0].length)
          );
          if (!after) continue;
          const at = m.index + m[0].length + after[0].length;
          const list = itemsAfter(text, at);
          if (list.length < 2 || list.some((x) => /\d/.test(x))) continue;
          listed = [list.length, andCount(list)];
          open = text[at + list.join('、').length] === '等';
        }
        // Far more than the items named: a total of things of those kinds (中央、省级媒体 41 篇), not a count of the items.
        if (n > 2 * Math.max(...listed)) continue;
        const count = listed.includes(n) ? n : listed[0];
        const verdict = count === n ? '成立' : open && Math.max(...listed) < n ? '无法核实' : '不成立';
        const s = ctx.sentenceAt(pi, m.index) ?? {
          start: from,
          end: m.index + m[0].length,
        };
        out.push({
          key: `${pi}.${m.index}`,
          places: [spanPlace(pi, s.start, s.end)],
          span: s,
          title: `所说的 ${n} ${unit}与列出的 ${count} ${unit}不符`,
          nextStep: '核对所列项目和所说的个数，改正其中写错的一处。',
          statement: `列出的项数 = ${n} ${unit}`,
          figures: [],
          decided: {
            verdict,
            stated: `${n} ${unit}`,
            computed: `列出 ${count} ${unit}${open ? '（后有“等”）' : ''}`,
            why: verdict === '不成立' ? `句中列出 ${count} ${unit}，却说共 ${n} ${unit}` : undefined,
          },
          missing: verdict === '无法核实' ? [`“等”所省略的 ${n - count} ${unit}`] : undefined,
        });
      }
    });
    return out;
  },
};

// ------------------------------------------------------------------ 占比

const SHARE = /占(?:([^，。；\d%]{0,24}?)(?:的|之)?)?(?:比重|比例|比)?(?:为|达|约)?\s*$/;

const SHARE_KIND: ClaimKind = {
  id: 'share',
  label: '占比',
  family: '比率',
  asserts: '“A x 万元，占 B 的 y%”“占比 y%”：y = x ÷ B × 100%，按所写位数',
  find(ctx) {
    const out: ClaimDraft[] = [];
    for (const [pi, figs] of ctx.bindings.byParagraph) {
      const p = ctx.doc.paragraphs[pi];
      for (let i = 0; i < figs.length; i++) {
        const y = figs[i];
        if (y.figure.kind !== 'rate' || y.figure.approx) continue;
        const m = SHARE.exec(p.text.slice(Math.max(y.sentence!.start, y.figure.start - 40), y.figure.start));
        if (!m) continue;
        // The part: the last amount or count before 占, in the same sentence.
        const partIndex = figs
          .slice(Math.max(0, i - 30), i)
          .map((x, j) => ({ x, j }))
          .filter(
            ({ x }) =>
              x.sentence === y.sentence &&
              (kindOf(x) === 'amount' || kindOf(x) === 'count') &&
              !x.figure.approx
          )
          .pop();
        if (!partIndex) continue;
        const part = partIndex.x;
        const wholeWords = ctx.compact(m[1] ?? '');
        // The whole: named after 占 (its figure in the sentence, else stated once elsewhere), else the list the part is in.
        let whole: Bound | undefined;
        const missing: string[] = [];
        const list = ctx.bindings.lists.find((l) => l.parts.includes(part));
        if (wholeWords) {
          const f = ctx.readLabel(wholeWords);
          const candidates = ctx.bindings.figures.filter(
            (x) =>
              x.key &&
              f.measure &&
              x.key.measure === f.measure &&
              (x.key.part ?? undefined) === (f.part ?? undefined) &&
              (!f.scope || x.key.scope === f.scope) &&
              !x.key.period
          );
          const inSentence = candidates.filter((x) => x.sentence === y.sentence && x !== part);
          const values = new Set(candidates.map((x) => ctx.value(x).toString()));
          if (inSentence.length) whole = inSentence[inSentence.length - 1];
          else if (candidates.length && values.size === 1) whole = candidates[0];
          else if (list?.whole) whole = list.whole;
          else missing.push(`“${wholeWords}”的数`);
        } else if (list?.whole) whole = list.whole;
        else missing.push('占比所对的总数');
        const name = nameOf(ctx, part, '该项');
        const wholeName = whole ? nameOf(ctx, whole, wholeWords || '合计') : wholeWords || '总数';
        const base = {
          key: `${pi}.${y.figure.start}`,
          places: [paragraphPlace(y)],
          title: `${name}占${wholeName}的比例与所列数不符`,
          statement: `占比 = ${name} ÷ ${wholeName} × 100%`,
        };
        if (!whole || ctx.value(whole).isZero()) {
          out.push({
            ...base,
            figures: [y, part],
            missing: missing.length ? missing : [`${wholeName}（为 0）`],
          });
          continue;
        }
        const x = ctx.value(part);
        const w = ctx.value(whole);
        const rate = x.div(w).times(100);
        // Half a unit of the stated rate, and what the amounts' own rounding moves the ratio by.
        const widen = part.figure.half
          .div(w.abs())
          .plus(x.abs().times(whole.figure.half).div(w.pow(2)))
          .times(100);
        const tolerance = y.figure.half.plus(widen);
        out.push({
          ...base,
          figures: [y, part, whole],
          comparison: {
            relation: '=',
            left: terms([y]),
            right: [],
            rightValue: rate,
            kind: 'rate',
            tolerance,
            toleranceNote: `容差 ±${tolerance.toDecimalPlaces(4).toString()} 个百分点（所写比率保留 ${y.figure.decimals} 位小数，加上两数各自的四舍五入误差）`,
            computedText: `${two(x)} ÷ ${two(w)} × 100% = ${ctx.percent(rate, Math.max(2, y.figure.decimals))}`,
          },
        });
      }
    }
    return out;
  },
};

// ------------------------------------------------------------------ 增减变动

const COMPARED = /(较|比|与)(上年|上年度|去年|上一年度?|20\d\d年)(同期)?(相比)?[，,]?\s*$/;
const DIRECTION = new RegExp(`(${[...RISE_WORDS, ...FALL_WORDS, ...SAME_WORDS].join('|')})了?(为)?\\s*$`);
const FROM_TO = new RegExp(
  `由(?:年初|上年|去年)?\\s*(\\d+(?:\\.\\d+)?)\\s*(万元|元|个|人|家|项|次|%)?\\s*(${[...RISE_WORDS, ...FALL_WORDS].filter((w) => /[至到]$/.test(w)).join('|')})\\s*(\\d+(?:\\.\\d+)?)`,
  'g'
);

function direction(word: string): 1 | -1 | 0 {
  if (SAME_WORDS.includes(word)) return 0;
  return RISE_WORDS.includes(word) ? 1 : -1;
}

/**
 * A growth rate against its two figures: (now − then) ÷ then, judged at the rate's stated precision widened
 * by the rounding of both figures; stated from zero, no rate is right (decided 不成立).
 */
function growthDraft(
  ctx: ClaimContext,
  base: Pick<ClaimDraft, 'key' | 'places'>,
  stated: Bound,
  now: { value: Decimal; half: Decimal },
  then: { value: Decimal; half: Decimal; raw: string },
  words: { title: string; zeroTitle: string; statement: string },
  figures: Bound[]
): ClaimDraft {
  if (then.value.isZero())
    return {
      ...base,
      title: words.zeroTitle,
      statement: '上年为 0 时，增长率无意义',
      figures,
      decided: {
        verdict: '不成立',
        stated: stated.figure.raw,
        computed: `上年 ${then.raw}：从 0 起的增长没有百分比`,
        why: '上年数为 0，增长率无意义，应只写增加额',
      },
    };
  const rate = now.value.minus(then.value).div(then.value.abs()).times(100);
  const widen = now.half
    .div(then.value.abs())
    .plus(now.value.abs().times(then.half).div(then.value.pow(2)))
    .times(100);
  const tolerance = stated.figure.half.plus(widen);
  return {
    ...base,
    title: words.title,
    statement: words.statement,
    figures,
    comparison: {
      relation: '=',
      left: terms([stated]),
      right: [],
      rightValue: rate,
      kind: 'rate',
      tolerance,
      toleranceNote: `容差 ±${tolerance.toDecimalPlaces(4).toString()} 个百分点（所写增减率的四舍五入误差，加上两数各自的误差）`,
      computedText: `（${two(now.value)} − ${two(then.value)}）÷ ${two(then.value.abs())} × 100% = ${ctx.percent(rate)}`,
    },
  };
}

/** Last year's statement of a quantity, when the text gives one value for it. */
function lastYear(ctx: ClaimContext, b: Bound): Bound | undefined {
  if (!b.key || b.key.period) return undefined;
  // Last year's closing balance is this year's opening one.
  if (b.key.measure === '年末结转结余') {
    const opening = ctx.statements({ ...b.key, measure: '年初结转结余' });
    const values = new Set(opening.map((x) => ctx.value(x).toString()));
    return values.size === 1 ? opening[0] : undefined;
  }
  const statements = [
    ...ctx.statements({ ...b.key, period: '上年' }),
    ...(ctx.year ? ctx.statements({ ...b.key, period: String(ctx.year - 1) }) : []),
  ];
  const values = new Set(statements.map((x) => ctx.value(x).toString()));
  return values.size === 1 ? statements[0] : undefined;
}

const CHANGE: ClaimKind = {
  id: 'change',
  label: '增减变动',
  family: '一致',
  asserts:
    '“较上年增加 / 减少 x，增长 / 下降 y%”“由 a 增至 b”：增减额 = 本年 − 上年，增减率 = 增减额 ÷ 上年，方向词与两数大小一致；上年为 0 时不写增长百分比',
  find(ctx) {
    const out: ClaimDraft[] = [];
    const changes = new Map<string, ClaimDraft>();
    const add = (d: ClaimDraft) => {
      out.push(d);
      changes.set(d.key, d);
    };
    for (const [pi, figs] of ctx.bindings.byParagraph) {
      const p = ctx.doc.paragraphs[pi];
      for (let i = 0; i < figs.length; i++) {
        const d = figs[i];
        if (d.figure.approx) continue;
        const before = p.text.slice(Math.max(d.sentence!.start, d.figure.start - 60), d.figure.start);
        const dir = DIRECTION.exec(before);
        if (!dir) continue;
        const head = before.slice(0, dir.index);
        const cmp = COMPARED.exec(head);
        // A percentage that follows an amount change (较上年增加 x 万元，增长 y%) refers back to it.
        const prevChange =
          figs[i - 1]?.sentence === d.sentence ? changes.get(`${pi}.${figs[i - 1].figure.start}`) : undefined;
        if (!cmp && !prevChange) continue;
        if (/排名|名次|位次/.test(before)) continue;
        const sign = direction(dir[1]);
        const dKind = kindOf(d);
        // The current figure: the last amount or count before the comparison, of a kind the change can be of.
        const current = figs
          .slice(Math.max(0, i - 30), i)
          .filter(
            (x) =>
              x.sentence === d.sentence &&
              !x.figure.approx &&
              !x.key?.period &&
              (dKind === 'rate' ? kindOf(x) === 'amount' || kindOf(x) === 'count' : kindOf(x) === dKind) &&
              !(prevChange && prevChange.figures.includes(x) && x !== prevChange.figures[1])
          )
          .pop();
        if (!current) continue;
        // Last year's figure: stated in the sentence (上年为 b), else elsewhere in the text.
        const inSentence = figs
          .slice(Math.max(0, i - 30), i + 30)
          .find(
            (x) =>
              x !== current &&
              x !== d &&
              x.sentence === d.sentence &&
              x.key?.period &&
              kindOf(x) === kindOf(current)
          );
        const previous = inSentence ?? lastYear(ctx, current);
        const name = nameOf(ctx, current, '该数');
        const base = { key: `${pi}.${d.figure.start}`, places: [paragraphPlace(d)] };
        const words = `${dir[1]}${d.figure.raw}`;
        if (dKind === 'rate' || d.figure.kind === 'points') {
          if (d.figure.kind === 'points') continue;
          // y% from the amount change just stated (增加 x，增长 y%) when last year's figure is not given.
          const amountChange = prevChange?.figures[0];
          if (!previous && !amountChange) {
            add({
              ...base,
              title: `${name}较上年的${words}无法核实`,
              statement: `增减率 = （本年 − 上年）÷ 上年 × 100%`,
              figures: [d, current],
              missing: [`上年${name}`],
            });
            continue;
          }
          const now = ctx.value(current);
          const then = previous
            ? ctx.value(previous)
            : now.minus(
                ctx
                  .value(amountChange!)
                  .times(
                    direction(
                      /(增加|减少|增长|下降|降低|上升|提高|节约)/.exec(
                        ctx.doc.paragraphs[pi].text.slice(
                          amountChange!.sentence!.start,
                          amountChange!.figure.start
                        )
                      )?.[1] ?? '增加'
                    )
                  )
              );
          const stated = {
            ...d,
            figure: { ...d.figure, value: d.figure.value.abs().times(sign || 1), wan: undefined },
          };
          add(
            growthDraft(
              ctx,
              base,
              stated,
              { value: now, half: current.figure.half },
              {
                value: then,
                half: previous?.figure.half ?? current.figure.half,
                raw: previous?.figure.raw ?? two(then),
              },
              {
                title: `${name}较上年${dir[1]}的百分比与前后两数不符`,
                zeroTitle: '上年为 0，不应写增长百分比',
                statement: `增减率 = （本年 − 上年）÷ 上年 × 100%，“${dir[1]}”为${sign > 0 ? '正' : sign < 0 ? '负' : '零'}`,
              },
              [d, current, ...(previous ? [previous] : [amountChange!])]
            )
          );
          continue;
        }
        if (dKind !== 'amount' && dKind !== 'count') continue;
        if (!previous) {
          add({
            ...base,
            title: `${name}较上年的${words}无法核实`,
            statement: `增减额 = 本年 − 上年`,
            figures: [d, current],
            missing: [`上年${name}`],
          });
          continue;
        }
        const stated = {
          ...d,
          figure: {
            ...d.figure,
            value: d.figure.value.abs().times(sign || 1),
            wan: d.figure.wan?.abs().times(sign || 1),
          },
        };
        add({
          ...base,
          title: `${name}较上年${dir[1]}的数与前后两数不符`,
          statement: `增减额 = 本年 − 上年（“${dir[1]}”为${sign > 0 ? '正' : sign < 0 ? '负' : '零'}）`,
          figures: [d, current, previous],
          comparison: {
            relation: '=',
            left: terms([stated]),
            right: [...terms([current]), ...terms([previous], -1)],
            kind: dKind,
          },
        });
      }
      // 由 a 增至 b: the direction word against the two figures.
      FROM_TO.lastIndex = 0;
      for (let m = FROM_TO.exec(p.text); m; m = FROM_TO.exec(p.text)) {
        const before = p.text.slice(Math.max(0, m.index - 12), m.index);
        if (/排名|名次|位次/.test(before)) continue;
        const a = ctx.decimal(m[1]);
        const b = ctx.decimal(m[4]);
        const sign = direction(m[3]);
        const holds = sign > 0 ? b.greaterThan(a) : b.lessThan(a);
        const s = ctx.sentenceAt(pi, m.index)!;
        add({
          key: `${pi}.${m.index}.fromto`,
          places: [spanPlace(pi, s.start, s.end)],
          span: s,
          title: `“${m[3]}”与前后两数的大小不符`,
          statement: `“${m[3]}”：后一数${sign > 0 ? '大于' : '小于'}前一数`,
          figures: [],
          decided: {
            verdict: holds ? '成立' : '不成立',
            stated: `由 ${m[1]} ${m[3]} ${m[4]}`,
            computed: `${m[4]} ${b.greaterThan(a) ? '>' : b.lessThan(a) ? '<' : '='} ${m[1]}`,
            why: holds ? undefined : `“${m[3]}”但后一数${b.greaterThan(a) ? '大于' : '不大于'}前一数`,
          },
        });
      }
    }
    return out;
  },
};

// ------------------------------------------------------------------ 指标比率

/** The text quantity an indicator input reads, by its `measure|part` words. */
function inputWanted(name: string): { measure: Measure; part?: string; lastYear: boolean } | undefined {
  const w = INDICATOR_INPUT_WORDS[name];
  if (!w) return undefined;
  const lastYearInput = w.startsWith('上年:');
  const [measure, part] = w.replace(/^上年:/, '').split('|');
  return { measure: measure as Measure, part: part || undefined, lastYear: lastYearInput };
}

/** Figures of a paragraph (else the whole text, when it states one value) for each input the indicator reads. */
function indicatorValues(
  ctx: ClaimContext,
  paragraph: number
): { values: Map<string, Decimal>; used: Map<string, Bound> } {
  const values = new Map<string, Decimal>();
  const used = new Map<string, Bound>();
  const decl = Object.keys(INDICATOR_INPUT_WORDS);
  const local = ctx.paragraphFigures(paragraph).filter((b) => b.key);
  for (const name of decl) {
    const want = inputWanted(name)!;
    const match = (b: Bound) =>
      b.key!.measure === want.measure &&
      (b.key!.part ?? undefined) === (want.part ?? undefined) &&
      (want.lastYear
        ? b.key!.period === '上年' || b.key!.period === String((ctx.year ?? 0) - 1)
        : b.key!.period === undefined || /^\d{4}$/.test(b.key!.period)) &&
      !b.key!.entity;
    const here = local.filter(match);
    let b: Bound | undefined = here[here.length - 1];
    if (!b) {
      const all = ctx.bindings.figures.filter((x) => x.key && match(x) && !x.key.period);
      const distinct = new Set(all.map((x) => ctx.value(x).toString()));
      if (all.length && distinct.size === 1) b = all[0];
    }
    if (b) {
      values.set(name, ctx.value(b));
      used.set(name, b);
    }
  }
  return { values, used };
}

const RATE_AFTER = /^[”"’]?(?:为|是|达到|达|:|：)?\s*$/;

const RATE: ClaimKind = {
  id: 'rate',
  label: '指标比率',
  family: '比率',
  asserts:
    '“在职人员控制率为 91.30%”等：按指标目录的公式，用文中（同段或别处）写明的分子、分母重算，与所写比率按所写位数一致',
  find(ctx) {
    const out: ClaimDraft[] = [];
    for (const [pi, figs] of ctx.bindings.byParagraph) {
      const p = ctx.doc.paragraphs[pi];
      for (const y of figs) {
        if (y.figure.kind !== 'rate' || y.figure.approx) continue;
        const before = ctx.compact(
          p.text.slice(Math.max(y.sentence!.start, y.figure.start - 24), y.figure.start)
        );
        const words = RATE_WORDS.map((w) => ({ w, m: new RegExp(`${w.re.source}(.{0,4})$`).exec(before) }))
          .filter((x) => x.m && RATE_AFTER.test(x.m[x.m.length - 1] ?? ''))
          .pop();
        if (!words) continue;
        const { w } = words;
        const { values, used } = indicatorValues(ctx, pi);
        const choices =
          w.variants ?? (ctx.variants(w.indicator).length ? ctx.variants(w.indicator) : [undefined]);
        const results = choices.map((v) => ({ v, r: ctx.indicator(w.indicator, values, v) }));
        const computed = results.filter((x) => x.r.value !== null);
        const label = results[0].r.label;
        const base = { key: `${pi}.${y.figure.start}`, places: [paragraphPlace(y)] };
        if (computed.length === 0) {
          const missing = [...new Set(results.flatMap((x) => (x.r.missing ?? []).map((o) => o.label)))];
          out.push({
            ...base,
            title: `${label}无法按所列数核实`,
            statement: results[0].r.formula,
            figures: [y],
            missing: missing.length ? missing : [results[0].r.unavailable ?? '计算所需的数'],
          });
          continue;
        }
        // A variant whose rate agrees decides; otherwise the first that could be computed is shown.
        const tolFor = (r: Decimal, variant: string | undefined) => {
          // How the inputs' own rounding moves the rate: each input moved by its half unit, under the same variant.
          let widen = ctx.decimal(0);
          for (const [name, b] of used) {
            const moved = new Map(values);
            moved.set(name, values.get(name)!.plus(b.figure.half));
            const r2 = ctx.indicator(w.indicator, moved, variant).value;
            if (r2) widen = widen.plus(r2.minus(r).abs());
          }
          return y.figure.half.plus(widen);
        };
        const agreeing = computed.find((x) => same(y.figure.value, x.r.value!, tolFor(x.r.value!, x.v)));
        const pick = agreeing ?? computed[0];
        const r = pick.r.value!;
        const tolerance = tolFor(r, pick.v);
        const shownInputs = pick.r.operands
          .filter((o) => used.has(o.name))
          .map((o) => {
            const b = used.get(o.name)!;
            return `${b.key ? ctx.keyWords({ ...b.key, scope: undefined }) : o.label} ${b.figure.raw}`;
          })
          .filter((x, i, all) => all.indexOf(x) === i)
          .join('，');
        const variantNote =
          computed.length > 1 || pick.r.variant
            ? `（${pick.r.variant ?? pick.v ?? ''}${
                !agreeing && computed.length > 1
                  ? `；其他口径 ${computed
                      .slice(1)
                      .map((x) => `${x.r.variant ?? x.v} ${ctx.percent(x.r.value!)}`)
                      .join('、')}`
                  : ''
              }）`
            : '';
        const local = [...used.values()].filter((b) => b.place.paragraph === pi && b.sentence);
        const from = Math.min(y.sentence!.start, ...local.map((b) => b.sentence!.start));
        const span = { start: from, end: y.sentence!.end };
        out.push({
          ...base,
          places: [spanPlace(pi, span.start, span.end)],
          span,
          title: `${label}与所列分子、分母不符`,
          nextStep: `按“${pick.r.formula}”重算后改正所列比率；如所列分子、分母有误，改正后再算。`,
          statement: pick.r.formula,
          figures: [y, ...pick.r.operands.filter((o) => used.has(o.name)).map((o) => used.get(o.name)!)],
          comparison: {
            relation: '=',
            left: terms([y]),
            right: [],
            rightValue: r,
            kind: 'rate',
            tolerance,
            toleranceNote: `容差 ±${tolerance.toDecimalPlaces(4).toString()} 个百分点（所写比率保留 ${y.figure.decimals} 位小数，加上所列各数的四舍五入误差）`,
            computedText: `按${shownInputs}计算为 ${ctx.percent(r, Math.max(2, y.figure.decimals)).replace(/^-/, '−')}${variantNote}`,
          },
        });
      }
    }
    // An indicator paragraph whose figures are another year's (2020 年 … in a 2021 report).
    ctx.doc.paragraphs.forEach((p, pi) => {
      if (!ctx.year) return;
      const lead = ctx.compact(p.text.slice(0, 16));
      const w = RATE_WORDS.find((x) => new RegExp(`^[①-⑳\\d.、]*${x.re.source}`).test(lead));
      if (!w || /变动率/.test(w.indicator)) return;
      const dated = ctx.paragraphFigures(pi).filter((b) => b.key?.period && /^\d{4}$/.test(b.key.period));
      if (dated.length === 0) return;
      const years = [...new Set(dated.map((b) => b.key!.period!))];
      out.push({
        key: `${pi}.year`,
        places: [paragraphPlace(dated[0])],
        title: `${w.indicator}所列为 ${years.join('、')} 年的数，不是 ${ctx.year} 年`,
        nextStep: `改用 ${ctx.year} 年度的数，并按其重新计算${w.indicator}。`,
        statement: `${w.indicator}按评价年度（${ctx.year} 年）的数计算`,
        figures: dated,
        decided: {
          verdict: '不成立',
          stated: `${years.join('、')} 年：${dated.map((b) => b.figure.raw).join('、')}`,
          computed: `应为 ${ctx.year} 年的数`,
          why: `评价 ${ctx.year} 年度，${w.indicator}却引用了 ${years.join('、')} 年的数`,
        },
      });
    });
    return out;
  },
};

// ------------------------------------------------------------------ 差额与结余

const BALANCE: Array<{ measure: Measure; sign: 1 | -1 }> = [
  { measure: '年初结转结余', sign: 1 },
  { measure: '本年收入', sign: 1 },
  { measure: '本年支出', sign: -1 },
];

const SPEND = '(决算数?|实际支出|支出数?|执行数|完成数)';
const BUDGET = '(预算数?|预算安排数?)';
/** 决算数大于预算数 x / 决算数比预算数多 x: the word that says which way. */
const GREATER = new RegExp(
  `${SPEND}(?:(大于|多于|超过|超出|高于|小于|少于|低于)${BUDGET}|(?:比|较)${BUDGET}(多|增加|超支|少|节约|减少))了?\\s*$`
);

const DIFFERENCE: ClaimKind = {
  id: 'difference',
  label: '差额与结余',
  family: '平衡',
  asserts:
    '“年初结转 a，本年收入 b，本年支出 c，年末结转和结余 d”：a + b − c = d；“决算数大于预算数 x 万元”“结余 x 万元”：x 是两数之差，方向一致',
  find(ctx) {
    const out: ClaimDraft[] = [];
    for (const [pi, figs] of ctx.bindings.byParagraph) {
      // Balance within a sentence.
      const bySentence = new Map<number, Bound[]>();
      for (const b of figs)
        if (b.key && b.sentence)
          bySentence.set(b.sentence.start, [...(bySentence.get(b.sentence.start) ?? []), b]);
      for (const [, bs] of bySentence) {
        const end = bs.find((b) => b.key!.measure === '年末结转结余' && !b.key!.part);
        if (!end) continue;
        const parts = BALANCE.map(({ measure, sign }) => ({
          b: bs.find(
            (x) =>
              x.key!.measure === measure && !x.key!.part && x.key!.scope === end.key!.scope && !x.key!.period
          ),
          sign,
        }));
        if (parts.some((x) => !x.b)) continue;
        const scope = end.key!.scope ? `${end.key!.scope}` : '';
        out.push({
          key: `${pi}.${end.figure.start}.balance`,
          places: [paragraphPlace(end)],
          title: `${scope}年末结转和结余与年初结转、本年收入、本年支出不平衡`,
          statement: `年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出`,
          figures: [end, ...parts.map((x) => x.b!)],
          comparison: {
            relation: '=',
            left: terms([end]),
            right: parts.map((x) => ({ figure: x.b!, sign: x.sign })),
            kind: 'amount',
          },
        });
      }
      // 决算数大于预算数 x 万元 / 结余 x 万元.
      const p = ctx.doc.paragraphs[pi];
      for (const x of figs) {
        if (kindOf(x) !== 'amount' || !x.sentence) continue;
        const before = ctx.compact(
          p.text.slice(Math.max(x.sentence.start, x.figure.start - 40), x.figure.start)
        );
        const m = GREATER.exec(before);
        if (!m) continue;
        const more = /大于|多于|超过|超出|高于|^多$|增加|超支/.test(m[2] ?? m[5]);
        // The two figures: the spend and the budget named in the same sentence (or the paragraph).
        const pool = figs.filter((b) => b !== x && b.key && kindOf(b) === 'amount');
        const budget = pool.filter((b) => /预算/.test(b.key!.measure) || b.key!.measure === '三公预算').pop();
        const spend = pool
          .filter((b) => b.key!.measure === '本年支出' || b.key!.measure === '三公决算')
          .pop();
        const base = { key: `${pi}.${x.figure.start}.diff`, places: [paragraphPlace(x)] };
        if (!budget || !spend) {
          out.push({
            ...base,
            title: '决算数与预算数之差无法核实',
            statement: '差额 = 决算数 − 预算数',
            figures: [x],
            missing: [!budget ? '预算数' : '决算数'],
          });
          continue;
        }
        const stated = {
          ...x,
          figure: {
            ...x.figure,
            wan: ctx
              .value(x)
              .abs()
              .times(more ? 1 : -1),
          },
        };
        out.push({
          ...base,
          title: `决算数${more ? '大于' : '小于'}预算数的差额与两数不符`,
          statement: `决算数 − 预算数 = ${more ? '+' : '−'}${x.figure.raw}`,
          figures: [x, spend, budget],
          comparison: {
            relation: '=',
            left: terms([stated]),
            right: [...terms([spend]), ...terms([budget], -1)],
            kind: 'amount',
          },
        });
      }
    }
    return out;
  },
};

// ------------------------------------------------------------------ 同一数前后一致

const PEOPLE: Measure[] = ['编制数', '在职人数', '退休人数'];

const SAME: ClaimKind = {
  id: 'same',
  label: '同一数前后一致',
  family: '一致',
  asserts:
    '同一个量（本年收入合计、一般公共预算财政拨款支出、基本支出、在职人数、年初结转和结余 …）在各处写的数相同；未写明资金范围的，与任一范围所写的数相同即可',
  find(ctx) {
    const out: ClaimDraft[] = [];
    const groups = new Map<string, Bound[]>();
    for (const b of ctx.bindings.figures) {
      if (!b.key || b.figure.approx) continue;
      const k = ctx.keyText(b.key);
      groups.set(k, [...(groups.get(k) ?? []), b]);
    }
    // The same measure in every scope (for a figure whose scope is not stated), and each entity's (for headcounts).
    const loose = (k: Key) => `${k.measure}|${k.part ?? ''}|${k.period ?? ''}|${k.entity ?? ''}`;
    const anyScope = new Map<string, Bound[]>();
    for (const b of ctx.bindings.figures)
      if (b.key && b.key.scope && !b.figure.approx)
        anyScope.set(loose(b.key), [...(anyScope.get(loose(b.key)) ?? []), b]);
    for (const [, bs] of groups) {
      const key = bs[0].key!;
      // Each later statement against the first; one whose scope is unstated against each scope's first statement too.
      const byScope = new Map<string, Bound>();
      if (!key.scope)
        for (const x of anyScope.get(loose(key)) ?? [])
          if (!byScope.has(x.key!.scope!)) byScope.set(x.key!.scope!, x);
      const scoped = [...byScope.values()];
      const reference = bs[0];
      const candidates = (b: Bound) => [...(b === reference ? [] : [reference]), ...scoped];
      for (const b of key.scope ? bs.slice(1) : bs) {
        const others = candidates(b);
        if (others.length === 0) continue;
        const v = ctx.value(b);
        let sums: Array<{ parts: Bound[]; value: Decimal }> = [];
        if (PEOPLE.includes(key.measure) && !key.entity) {
          // A headcount that includes the sub-units stated beside the department (19 + 4 = 23).
          const subs = ctx.bindings.figures.filter(
            (x) => x.key && x.key.measure === key.measure && x.key.entity && !x.key.period
          );
          if (subs.length)
            sums = [
              {
                parts: [reference, ...subs],
                value: subs.reduce((a, x) => a.plus(ctx.value(x)), ctx.value(reference)),
              },
            ];
        }
        const agree = others.find((o) => same(v, ctx.value(o), b.figure.half.plus(o.figure.half)));
        const agreeSum = sums.find((s) => same(v, s.value, b.figure.half));
        const name = ctx.keyWords(key);
        const first = agree ?? others[0];
        // Each other value once, with where it is first written.
        const distinct = others.filter(
          (o, i) => others.findIndex((x) => ctx.value(x).equals(ctx.value(o))) === i
        );
        const where = distinct
          .slice(0, 3)
          .map((o) => `${ctx.shortPlace(o.place)}为 ${written(o)}`)
          .join('，');
        out.push({
          key: `${b.place.paragraph ?? `t${b.place.table}`}.${b.place.row ?? ''}.${b.place.column ?? ''}.${b.figure.start}`,
          places: [b.place.paragraph !== undefined ? paragraphPlace(b) : b.place],
          title: `${name}前后不一致：此处为 ${written(b)}，${where}`,
          statement: `${name}各处所写相同`,
          figures: [b, ...others.slice(0, 3), ...(agreeSum ? agreeSum.parts.slice(1) : [])],
          decided:
            agree || agreeSum
              ? {
                  verdict: '成立',
                  stated: written(b),
                  computed:
                    agreeSum && !agree
                      ? `${agreeSum.parts.map((x) => written(x)).join(' + ')} = ${agreeSum.value.toString()}（含所属单位）`
                      : `${ctx.shortPlace(first.place)}为 ${written(first)}`,
                }
              : {
                  verdict: '不成立',
                  stated: written(b),
                  computed: `${where}${sums.length ? `；含所属单位为 ${sums[0].parts.map((x) => written(x)).join(' + ')} = ${sums[0].value.toString()}` : ''}`,
                  why: `${name}此处写 ${written(b)}，${where}`,
                },
        });
      }
    }
    return out;
  },
};

// ------------------------------------------------------------------ 资金来源与勾稽

/** Every combination of one value per list, up to a bound. */
function combinations<T>(lists: T[][], limit = 64): T[][] {
  let out: T[][] = [[]];
  for (const l of lists) {
    out = out.flatMap((c) => l.map((x) => [...c, x])).slice(0, limit);
  }
  return out;
}

/** Every bound figure read in the unit its size says, once per check. */
const MENDED = new WeakMap<ClaimContext, Bound[]>();

function mendedFigures(ctx: ClaimContext): Bound[] {
  let all = MENDED.get(ctx);
  if (!all)
    MENDED.set(
      ctx,
      (all = ctx.bindings.figures.map((b) => (b.key && !b.figure.approx ? mended(ctx, b) : b)))
    );
  return all;
}

function statementsBy(
  ctx: ClaimContext,
  measure: Measure,
  part: string | undefined,
  scope: Scope | undefined,
  period?: string
): Bound[] {
  return mendedFigures(ctx).filter(
    (b) =>
      b.key &&
      !b.figure.approx &&
      b.key.measure === measure &&
      (b.key.part ?? undefined) === part &&
      b.key.scope === scope &&
      b.key.period === period &&
      !b.key.entity
  );
}

/** An identity over statements made in different places: holds when some choice of the stated figures satisfies it. */
function acrossStatements(
  ctx: ClaimContext,
  key: string,
  checked: Bound[],
  sides: Array<{ bs: Bound[]; sign: 1 | -1 }>,
  relation: '=' | '≤',
  title: string,
  statement: string
): ClaimDraft | null {
  if (checked.length === 0 || sides.some((s) => s.bs.length === 0)) return null;
  const combos = combinations([checked, ...sides.map((s) => s.bs)]);
  const tolOf = (c: Bound[]) => c.reduce((a, b) => a.plus(b.figure.half), ctx.decimal(0));
  const holdsFor = (c: Bound[]) => {
    const left = ctx.value(c[0]);
    const right = c.slice(1).reduce((a, b, i) => a.plus(ctx.value(b).times(sides[i].sign)), ctx.decimal(0));
    return relation === '=' ? same(left, right, tolOf(c)) : left.lessThanOrEqualTo(right.plus(tolOf(c)));
  };
  const pick = combos.find(holdsFor) ?? combos[0];
  const [left, ...right] = pick;
  return {
    key,
    places: [left.place.paragraph !== undefined ? paragraphPlace(left) : left.place],
    title,
    statement,
    figures: pick,
    comparison: {
      relation,
      left: terms([left]),
      right: right.map((figure, i) => ({ figure, sign: sides[i].sign })),
      kind: 'amount',
    },
  };
}

const SCOPES: ClaimKind = {
  id: 'scope',
  label: '资金来源',
  family: '部分',
  asserts:
    '部门整体的某项收支 = 一般公共预算 + 其他资金的同一项；一般公共预算的一项不超过部门整体的同一项（分别写在不同段落时）',
  find(ctx) {
    const out: ClaimDraft[] = [];
    const seen = new Set<string>();
    for (const b of ctx.bindings.figures) {
      if (!b.key || b.key.scope !== '整体' || b.key.period || b.key.entity) continue;
      const k = `${b.key.measure}|${b.key.part ?? ''}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const whole = statementsBy(ctx, b.key.measure, b.key.part, '整体');
      const general = statementsBy(ctx, b.key.measure, b.key.part, '一般公共预算');
      const other = statementsBy(ctx, b.key.measure, b.key.part, '其他资金');
      const name = ctx.keyWords({ measure: b.key.measure, part: b.key.part });
      // Already stated as one list (整体 … 其中：一般公共预算 …、其他 …): the 合计 claim covers it.
      const listed = ctx.bindings.lists.some(
        (l) =>
          l.whole &&
          whole.includes(l.whole) &&
          l.parts.some((p) => general.includes(p)) &&
          l.parts.some((p) => other.includes(p))
      );
      if (general.length && other.length && !listed) {
        const d = acrossStatements(
          ctx,
          `${k}.sum`,
          whole,
          [
            { bs: general, sign: 1 },
            { bs: other, sign: 1 },
          ],
          '=',
          `部门整体${name}与一般公共预算、其他资金两部分之和不符`,
          `部门整体${name} = 一般公共预算${name} + 其他资金${name}`
        );
        if (d) out.push(d);
      } else if (general.length && !listed) {
        const d = acrossStatements(
          ctx,
          `${k}.part`,
          general,
          [{ bs: whole, sign: 1 }],
          '≤',
          `一般公共预算${name}大于部门整体${name}`,
          `一般公共预算${name}不超过部门整体${name}`
        );
        if (d) out.push(d);
      }
    }
    return out;
  },
};

const IDENTITY: ClaimKind = {
  id: 'identity',
  label: '勾稽关系',
  family: '平衡',
  asserts:
    '分处各段的数之间的勾稽：调整后预算 = 年初预算 + 年中追加；年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出',
  find(ctx) {
    const out: ClaimDraft[] = [];
    const seen = new Set<string>();
    for (const b of ctx.bindings.figures) {
      if (!b.key || b.key.entity) continue;
      const { part, scope, period } = b.key;
      const k = `${part ?? ''}|${scope ?? ''}|${period ?? ''}`;
      if (b.key.measure === '调整后预算' && !seen.has(`budget|${k}`)) {
        seen.add(`budget|${k}`);
        const d = acrossStatements(
          ctx,
          `budget.${k}`,
          statementsBy(ctx, '调整后预算', part, scope, period),
          [
            { bs: statementsBy(ctx, '年初预算', part, scope, period), sign: 1 },
            { bs: statementsBy(ctx, '年中追加', part, scope, period), sign: 1 },
          ],
          '=',
          `调整后预算与年初预算、年中追加之和不符${part ? `（${ctx.keyWords({ measure: '调整后预算', part }).replace(/^调整后预算中/, '')}）` : ''}`,
          `调整后预算 = 年初预算 + 年中追加`
        );
        // Only when its parts are stated apart: one sentence holding all three is the 合计 claim's.
        if (d && !d.figures.every((x) => x.sentence && x.sentence === d.figures[0].sentence)) out.push(d);
      }
      if (b.key.measure === '年末结转结余' && !seen.has(`balance|${k}`) && !part) {
        seen.add(`balance|${k}`);
        const d = acrossStatements(
          ctx,
          `balance.${k}`,
          statementsBy(ctx, '年末结转结余', part, scope, period),
          [
            { bs: statementsBy(ctx, '年初结转结余', part, scope, period), sign: 1 },
            { bs: statementsBy(ctx, '本年收入', part, scope, period), sign: 1 },
            { bs: statementsBy(ctx, '本年支出', part, scope, period), sign: -1 },
          ],
          '=',
          `${scope ?? ''}年末结转和结余与年初结转、本年收入、本年支出不平衡`,
          `年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出`
        );
        if (d && !d.figures.every((x) => x.sentence && x.sentence === d.figures[0].sentence)) out.push(d);
      }
    }
    return out;
  },
};

// ------------------------------------------------------------------ 表格

const TOTAL_LABEL = /^(合计|总计|小计|总额)$/;
const RATE_HEADER = /率|%|比重|占比|比例/;
const CHILD = /^(其中|其|含)[:：]?/;

interface Grid {
  t: Table;
  ti: number;
  /** Numeric columns (not rates). */
  columns: number[];
  labelColumn: number;
  /** 序号 column, if the table numbers its rows. */
  serial?: number;
}

function gridOf(ctx: ClaimContext, t: Table, ti: number): Grid | null {
  if (t.rows.length < 3 || !t.aligned) return null;
  const width = Math.max(...t.rows.map((r) => r.length));
  let labelColumn = 0;
  let serial: number | undefined;
  const header = (c: number) => ctx.compact(ctx.columnHeader(t, c));
  if (/^序号$/.test(header(0)) && width > 1) {
    serial = 0;
    labelColumn = 1;
  }
  const columns: number[] = [];
  for (let c = labelColumn + 1; c < width; c++) {
    const h = header(c);
    if (RATE_HEADER.test(h)) continue;
    const numeric = t.rows.slice(1).filter((_, r) => ctx.cell(ti, r + 1, c)).length;
    if (numeric > 0) columns.push(c);
  }
  return columns.length ? { t, ti, columns, labelColumn, serial } : null;
}

function cellTerm(ctx: ClaimContext, g: Grid, r: number, c: number): ClaimTerm | null {
  const b = ctx.cell(g.ti, r, c);
  if (b) return b.figure.kind === 'rate' ? null : { figure: b };
  const text = g.t.rows[r]?.[c]?.text.trim() ?? '';
  return text === '' ? { figure: ctx.blankCell(g.ti, r, c), blank: true } : null;
}

/** Top-level rows and each one's children (rows under a numbered row, or after a 其中 row). */
function hierarchy(
  ctx: ClaimContext,
  g: Grid,
  from: number,
  to: number
): Array<{ row: number; children: number[] }> {
  const out: Array<{ row: number; children: number[] }> = [];
  let inChildren = false;
  for (let r = from; r < to; r++) {
    const label = ctx.compact(ctx.rowLabel(g.t, r) ?? '');
    if (TOTAL_LABEL.test(label)) {
      inChildren = false;
      continue;
    }
    const numbered = g.serial !== undefined && (g.t.rows[r]?.[g.serial]?.text.trim() ?? '') !== '';
    const child = out.length > 0 && (CHILD.test(label) || (g.serial !== undefined ? !numbered : inChildren));
    if (child) {
      out[out.length - 1].children.push(r);
      inChildren = true;
    } else {
      out.push({ row: r, children: [] });
      inChildren = false;
    }
  }
  return out;
}

/** Declared column identities: the columns whose headers say they add up (年初预算 + 年中追加 = 预算总额). */
const COLUMN_IDENTITIES: Array<{ parts: RegExp[]; total: RegExp; statement: string }> = [
  {
    parts: [/年初(预算|批复)/, /(年中)?(追加|调整)/],
    total: /预算总额|调整后预算|全年预算/,
    statement: '预算总额 = 年初预算数 + 年中追加预算数',
  },
];

/** Declared row identities (per column): 年末结转和结余 = 年初结转结余 + 本年收入 − 本年支出. */
const ROW_IDENTITIES: Array<{
  parts: Array<{ re: RegExp; sign: 1 | -1 }>;
  total: RegExp;
  statement: string;
}> = [
  {
    parts: [
      { re: /年初结转/, sign: 1 },
      { re: /本年收入/, sign: 1 },
      { re: /本年支出/, sign: -1 },
    ],
    total: /年末结转/,
    statement: '年末结转和结余 = 年初结转结余 + 本年收入 − 本年支出',
  },
];

const TABLE: ClaimKind = {
  id: 'table',
  label: '表格',
  family: '合计',
  asserts:
    'Word 表格中：合计行 = 上方各行之和，合计列 = 左侧各列之和，子项之和不超过所属项目，按表头列明的等式（预算总额 = 年初 + 追加、增长率）成立',
  find(ctx) {
    const out: ClaimDraft[] = [];
    ctx.doc.tables.forEach((t, ti) => {
      const g = gridOf(ctx, t, ti);
      if (!g) return;
      const width = Math.max(...t.rows.map((r) => r.length));
      const head = (c: number) => ctx.compact(ctx.columnHeader(t, c));
      const rowName = (r: number) => ctx.compact(ctx.rowLabel(t, r) ?? `第${r + 1}行`);
      const draft = (
        key: string,
        r: number,
        c: number,
        title: string,
        statement: string,
        cmp: { relation: '=' | '≤'; left: ClaimTerm[]; right: ClaimTerm[] }
      ) => {
        const present = [...cmp.left, ...cmp.right].filter((x) => !x.blank);
        if (present.length < 2 || cmp.left.every((x) => x.blank)) return;
        const kind: QuantityKind = present.every((x) => x.figure.figure.kind === 'score')
          ? 'score'
          : 'amount';
        out.push({
          key: `${ti}.${key}`,
          places: [{ table: ti, row: r, column: c, start: 0, end: 0 }],
          title,
          statement,
          figures: present.map((x) => x.figure),
          comparison: { ...cmp, kind },
        });
      };
      // 合计 columns: the columns to their left (after the labels).
      for (let c = 0; c < width; c++) {
        if (!TOTAL_LABEL.test(head(c)) || !g.columns.includes(c)) continue;
        const parts = g.columns.filter((x) => x < c);
        if (parts.length < 2) continue;
        for (let r = 1; r < t.rows.length; r++) {
          const total = cellTerm(ctx, g, r, c);
          if (!total || total.blank) continue;
          const ps = parts.map((x) => cellTerm(ctx, g, r, x)).filter((x): x is ClaimTerm => x !== null);
          draft(
            `col${c}.r${r}`,
            r,
            c,
            `${rowName(r)}：合计与${parts.map(head).join('、')}之和不符`,
            `${rowName(r)}合计 = ${parts.map(head).join(' + ')}`,
            {
              relation: '=',
              left: [total],
              right: ps,
            }
          );
        }
      }
      // 合计 rows: the rows above (top-level rows; the 合计 holds if either reading adds up).
      let from = 1;
      for (let r = 1; r < t.rows.length; r++) {
        if (!TOTAL_LABEL.test(rowName(r))) continue;
        const levels = hierarchy(ctx, g, from, r);
        const top = levels.map((x) => x.row);
        const all = levels.flatMap((x) => [x.row, ...x.children]);
        for (const c of g.columns) {
          const total = cellTerm(ctx, g, r, c);
          if (!total || total.blank) continue;
          const sumOf = (rows: number[]) =>
            rows.map((x) => cellTerm(ctx, g, x, c)).filter((x): x is ClaimTerm => x !== null);
          const topTerms = sumOf(top);
          const allTerms = sumOf(all);
          const value = (ts: ClaimTerm[]) =>
            ts.filter((x) => !x.blank).reduce((a, x) => a.plus(ctx.value(x.figure)), ctx.decimal(0));
          const tol = (ts: ClaimTerm[]) =>
            ts
              .filter((x) => !x.blank)
              .reduce((a, x) => a.plus(x.figure.figure.half), total.figure.figure.half);
          // Top-level rows first; all rows when only that reading adds up.
          const useAll =
            all.length !== top.length &&
            !same(ctx.value(total.figure), value(topTerms), tol(topTerms)) &&
            same(ctx.value(total.figure), value(allTerms), tol(allTerms));
          draft(
            `row${r}.c${c}`,
            r,
            c,
            `“${head(c)}”栏合计与各行之和不符`,
            `“${head(c)}”合计 = 各${useAll ? '' : '一级'}项目之和`,
            {
              relation: '=',
              left: [total],
              right: useAll ? allTerms : topTerms,
            }
          );
        }
        from = r + 1;
      }
      // Children (其中 rows, rows under a numbered row) do not exceed their parent.
      const levels = hierarchy(ctx, g, 1, t.rows.length).filter(
        (x) => x.children.length && !TOTAL_LABEL.test(rowName(x.row))
      );
      for (const { row, children } of levels)
        for (const c of g.columns) {
          const parent = cellTerm(ctx, g, row, c);
          if (!parent || parent.blank) continue;
          const kids = children
            .map((x) => cellTerm(ctx, g, x, c))
            .filter((x): x is ClaimTerm => x !== null && !x.blank);
          if (kids.length === 0) continue;
          draft(
            `kids${row}.c${c}`,
            row,
            c,
            `“${rowName(row)}”的子项之和大于其本身（${head(c)}）`,
            `“${rowName(row)}”${head(c)}不小于其子项之和`,
            {
              relation: '≤',
              left: kids,
              right: [parent],
            }
          );
        }
      // Column identities by their headers, row by row.
      for (const id of COLUMN_IDENTITIES) {
        const totalCol = g.columns.find((c) => id.total.test(head(c)));
        const partCols = id.parts.map((re) =>
          g.columns.find((c) => re.test(head(c)) && !id.total.test(head(c)))
        );
        if (totalCol === undefined || partCols.some((c) => c === undefined)) continue;
        for (let r = 1; r < t.rows.length; r++) {
          const total = cellTerm(ctx, g, r, totalCol);
          if (!total || total.blank) continue;
          const ps = partCols.map((c) => cellTerm(ctx, g, r, c!)).filter((x): x is ClaimTerm => x !== null);
          if (ps.every((x) => x.blank)) continue;
          draft(
            `id${totalCol}.r${r}`,
            r,
            totalCol,
            `“${rowName(r)}”：${head(totalCol)}与${partCols.map((c) => head(c!)).join('、')}之和不符`,
            id.statement,
            {
              relation: '=',
              left: [total],
              right: ps,
            }
          );
        }
      }
      // Row identities by their labels, column by column.
      for (const id of ROW_IDENTITIES) {
        const rows = Array.from({ length: t.rows.length }, (_, r) => r).slice(1);
        const totalRow = rows.find((r) => id.total.test(rowName(r)));
        const partRows = id.parts.map((p) => rows.find((r) => p.re.test(rowName(r))));
        if (totalRow === undefined || partRows.some((r) => r === undefined)) continue;
        for (const c of g.columns) {
          const total = cellTerm(ctx, g, totalRow, c);
          if (!total || total.blank) continue;
          const ps = partRows
            .map((r, i): ClaimTerm | null => {
              const x = cellTerm(ctx, g, r!, c);
              return x ? { ...x, sign: id.parts[i].sign } : null;
            })
            .filter((x): x is ClaimTerm => x !== null);
          draft(`bal${totalRow}.c${c}`, totalRow, c, `“${head(c)}”栏结转结余不平衡`, id.statement, {
            relation: '=',
            left: [total],
            right: ps,
          });
        }
      }
      // Growth columns: (本年 − 上年) ÷ 上年.
      for (let c = 0; c < width; c++) {
        if (!/增长率|增减率|变动率|增幅/.test(head(c))) continue;
        const cur = g.columns.find((x) => /本年/.test(head(x)) && /(支出|决算|实际)/.test(head(x)));
        const prev = g.columns.find((x) => /上年/.test(head(x)));
        if (cur === undefined || prev === undefined) continue;
        for (let r = 1; r < t.rows.length; r++) {
          const y = ctx.cell(ti, r, c);
          const a = ctx.cell(ti, r, cur);
          const b = ctx.cell(ti, r, prev);
          if (!y || y.figure.kind !== 'rate' || !a || !b) continue;
          const base = {
            key: `${ti}.growth.r${r}`,
            places: [{ table: ti, row: r, column: c, start: 0, end: 0 }],
          };
          out.push(
            growthDraft(
              ctx,
              base,
              y,
              { value: ctx.value(a), half: a.figure.half },
              { value: ctx.value(b), half: b.figure.half, raw: b.figure.raw },
              {
                title: `“${rowName(r)}”的增长率与本年、上年数不符`,
                zeroTitle: `“${rowName(r)}”上年为 0，不应写增长率`,
                statement: '增长率 = （本年 − 上年）÷ 上年 × 100%',
              },
              [y, a, b]
            )
          );
        }
      }
    });
    return out;
  },
};

// ------------------------------------------------------------------ 得分与等级

interface ScoreStatement {
  name: string;
  full?: Bound;
  got?: Bound;
  place: Place;
}

/** A scored heading (（一）投入情况, 1. 目标设定), with every statement of its 满分 and 得分 (its own line, its 小结). */
interface ScoreNode {
  name: string;
  level: number;
  /** 第 n 段 of its heading. */
  paragraph: number;
  statements: ScoreStatement[];
}

/** A score node's name, comparable across heading, 小结 and table: 投入情况 → 投入. */
function scoreName(ctx: ClaimContext, s: string): string {
  return ctx
    .compact(s)
    .replace(/[（(].*$/, '')
    .replace(/^小结[:：]?/, '')
    .replace(/(情况|维度|指标|部分)+$/, '')
    .replace(/[:：，,]$/, '');
}

const FULL = /(满分|分值)(为)?$/;
const GOT = /(得分|评分|自评得分)(为)?$/;

/** Scored headings, each with the statements of its figures (a heading's own line and a 小结 naming it). */
function scoreNodes(ctx: ClaimContext): ScoreNode[] {
  const nodes: ScoreNode[] = [];
  const byParagraph = new Map<number, ScoreNode>();
  for (const p of ctx.doc.paragraphs) {
    const h = p.heading;
    if (!h?.short) continue;
    const node = { name: scoreName(ctx, h.title), level: h.level, paragraph: h.paragraph, statements: [] };
    nodes.push(node);
    byParagraph.set(h.paragraph, node);
  }
  ctx.doc.paragraphs.forEach((p, pi) => {
    const figs = ctx.paragraphFigures(pi).filter((b) => b.figure.kind === 'score');
    const full = figs.find((b) => FULL.test(ctx.compact(b.label)));
    const got = figs.find((b) => GOT.test(ctx.compact(b.label)) && b !== full);
    if (!full && !got) return;
    const statement = { name: '', full, got, place: { paragraph: pi, start: 0, end: p.text.length } };
    if (p.heading?.short) {
      const node = byParagraph.get(p.heading.paragraph)!;
      node.statements.push({ ...statement, name: node.name });
      return;
    }
    const m = /^小结[:：]?\s*“?([^”，,]{1,12})”?/.exec(p.text.trim());
    if (!m) return;
    const name = scoreName(ctx, m[1]);
    // The 小结 belongs to the heading of its name among those it sits under.
    const under = p.section
      .map((x) => byParagraph.get(x.paragraph))
      .filter((x): x is ScoreNode => x !== undefined);
    const node = [...under].reverse().find((x) => x.name === name) ?? nodes.find((x) => x.name === name);
    if (node) node.statements.push({ ...statement, name: node.name });
  });
  return nodes.filter((n) => n.statements.length > 0 || nodes.some((c) => c.level > n.level));
}

const GRADE =
  /(综合)?(绩效)?(评价)?(级别|等级)(为|是|:|：)?\s*[“"]?(优秀|优|良好|良|中等|中|合格|差|不合格)[”"]?/;

const SCORE: ClaimKind = {
  id: 'score',
  label: '得分与等级',
  family: '评分',
  asserts:
    '各级得分不超过满分；二级得分之和 = 一级得分，一级得分之和 = 总分；同一级指标各处写的得分相同；等级与总分按等级划分相符',
  find(ctx) {
    const out: ClaimDraft[] = [];
    const nodes = scoreNodes(ctx);
    const st = nodes.flatMap((n) => n.statements);
    // Each statement: 得分 ≤ 满分.
    for (const s of st)
      if (s.full && s.got)
        out.push({
          key: `cap.${s.place.paragraph}`,
          places: [s.place],
          title: `“${s.name}”得分大于满分`,
          statement: `“${s.name}”得分不超过满分`,
          figures: [s.got, s.full],
          comparison: { relation: '≤', left: terms([s.got]), right: terms([s.full]), kind: 'score' },
        });
    // A node stated twice (its heading and its 小结): the same figures.
    for (const n of nodes)
      for (const s of n.statements.slice(1))
        for (const which of ['full', 'got'] as const) {
          const a = n.statements.find((x) => x[which])?.[which];
          const b = s[which];
          if (!a || !b || a === b) continue;
          out.push({
            key: `same.${which}.${s.place.paragraph}`,
            places: [s.place],
            title: `“${n.name}”的${which === 'full' ? '满分' : '得分'}前后不一致`,
            statement: `“${n.name}”的${which === 'full' ? '满分' : '得分'}各处相同`,
            figures: [b, a],
            comparison: { relation: '=', left: terms([b]), right: terms([a]), kind: 'score' },
          });
        }
    // A node's figures against its children's (the headings one level down, up to its next sibling).
    nodes.forEach((parent, i) => {
      const own: ScoreNode[] = [];
      for (const x of nodes.slice(i + 1)) {
        if (x.level <= parent.level) break;
        own.push(x);
      }
      const childLevel = Math.min(...own.map((x) => x.level));
      const children = own.filter((x) => x.level === childLevel);
      if (children.length < 2) return;
      for (const which of ['full', 'got'] as const) {
        const whole = parent.statements.find((x) => x[which])?.[which];
        const parts = children.map((x) => x.statements.find((y) => y[which])?.[which]);
        if (!whole || parts.some((x) => !x)) continue;
        const place = parent.statements.find((x) => x[which])!.place;
        out.push({
          key: `sum.${which}.${place.paragraph}`,
          places: [place],
          title: `“${parent.name}”的${which === 'full' ? '满分' : '得分'}与所属各项之和不符`,
          statement: `“${parent.name}”${which === 'full' ? '满分' : '得分'} = ${children.map((x) => `“${x.name}”`).join(' + ')}`,
          figures: [whole, ...(parts as Bound[])],
          comparison: { relation: '=', left: terms([whole]), right: terms(parts as Bound[]), kind: 'score' },
        });
      }
    });
    // The total and the 一级 it lists: 得分为 97 分。其中，投入 9 分，过程 30 分 ….
    const level1 = ctx.level1;
    let total: Bound | undefined;
    for (const list of ctx.bindings.lists) {
      if (!list.whole || list.whole.figure.kind !== 'score') continue;
      const names = list.parts.map((p) => scoreName(ctx, p.label));
      if (!names.every((n) => level1.some((l) => n.includes(l)))) continue;
      total = list.whole;
      const all = level1.every((l) => names.some((n) => n.includes(l)));
      out.push({
        key: `total.${list.paragraph}`,
        places: [spanPlace(list.paragraph, list.span.start, list.span.end)],
        span: list.span,
        title: all ? '总分与各一级指标得分之和不符' : '所列一级指标得分之和大于总分',
        statement: all ? `总分 = ${level1.join(' + ')}` : `所列一级指标得分之和不超过总分`,
        figures: [list.whole, ...list.parts],
        comparison: all
          ? { relation: '=', left: terms([list.whole]), right: terms(list.parts), kind: 'score' }
          : { relation: '≤', left: terms(list.parts), right: terms([list.whole]), kind: 'score' },
      });
      // Each 一级 here against its section's own statement.
      for (const p of list.parts) {
        const n = scoreName(ctx, p.label);
        const s = st.find((x) => x.got && x.name === n && level1.includes(n));
        if (!s?.got) continue;
        out.push({
          key: `level1.${list.paragraph}.${p.figure.start}`,
          places: [paragraphPlace(p)],
          title: `“${n}”得分与该部分所写不一致`,
          statement: `“${n}”得分各处相同`,
          figures: [p, s.got],
          comparison: { relation: '=', left: terms([p]), right: terms([s.got]), kind: 'score' },
        });
      }
    }
    total ??= ctx.bindings.figures.find(
      (b) =>
        b.figure.kind === 'score' &&
        /(自评|综合|总)?得分(为)?$/.test(ctx.compact(b.label)) &&
        /综合|总分|自评得分/.test(ctx.compact(b.label))
    );
    // The grade against the bands.
    const gradeAt = (text: string, pi: number | undefined, place: Place, score: Bound | undefined) => {
      const m = GRADE.exec(text);
      if (!m || !score) return;
      const stated = m[6]
        .replace(/秀|好|等/, '')
        .replace('合格', '中')
        .replace('不中', '差');
      const should = ctx.grade(ctx.value(score));
      out.push({
        key: `grade.${pi ?? `t${place.table}`}.${m.index}`,
        places: [place],
        title: `等级“${m[6]}”与总分 ${score.figure.raw} 不符`,
        statement: `${score.figure.raw} 对应等级“${should}”`,
        figures: [score],
        decided: {
          verdict: stated === should ? '成立' : '不成立',
          stated: m[6],
          computed: `总分 ${score.figure.raw} → ${should}（优 ≥ ${ctx.bands.优.toString()}，良 ≥ ${ctx.bands.良.toString()}，中 ≥ ${ctx.bands.中.toString()}）`,
          why: stated === should ? undefined : `总分 ${score.figure.raw} 应为“${should}”`,
        },
      });
    };
    ctx.doc.paragraphs.forEach((p, pi) => {
      if (!GRADE.test(p.text)) return;
      const here = ctx
        .paragraphFigures(pi)
        .filter((b) => b.figure.kind === 'score' && /得分(为)?$/.test(ctx.compact(b.label)));
      gradeAt(p.text, pi, { paragraph: pi, start: 0, end: p.text.length }, here[0] ?? total);
    });
    // A score table: the grade row against its 合计 row.
    ctx.doc.tables.forEach((t, ti) => {
      for (let r = 1; r < t.rows.length; r++) {
        const label = ctx.compact(ctx.rowLabel(t, r) ?? '');
        if (!/级别|等级/.test(label)) continue;
        const text = `${label}为${t.rows[r]
          .slice(1)
          .map((c) => c.text.trim())
          .filter(Boolean)
          .join('')}`;
        const totalRow = t.rows.findIndex(
          (_, i) => i > 0 && /^合计|^总分/.test(ctx.compact(ctx.rowLabel(t, i) ?? ''))
        );
        if (totalRow < 0) continue;
        const cols = t.rows[totalRow]
          .map((c) => c.column)
          .filter((c) => /得分/.test(ctx.compact(ctx.columnHeader(t, c))));
        const score = cols.length ? ctx.cell(ti, totalRow, cols[cols.length - 1]) : undefined;
        gradeAt(text, undefined, { table: ti, row: r, column: 1, start: 0, end: 0 }, score);
      }
    });
    return out;
  },
};

// ------------------------------------------------------------------ 金额单位

const UNIT: ClaimKind = {
  id: 'unit',
  label: '金额单位',
  family: '单位',
  asserts: '写作“元”的金额与同句万元数同一量级时是万元误写为元；金额后漏写单位的，按同句金额应为万元',
  find(ctx) {
    const out: ClaimDraft[] = [];
    for (const b of ctx.bindings.figures) {
      if (b.place.paragraph === undefined) continue;
      const typedYuan = b.figure.kind === 'amount' && b.figure.unit === '元';
      if (!typedYuan && !(b.unitInferred && !b.figure.unit)) continue;
      const slip = slipOf(ctx, b);
      const base = { key: `${b.place.paragraph}.${b.figure.start}`, places: [paragraphPlace(b)] };
      if (!slip) {
        if (typedYuan)
          out.push({
            ...base,
            title: '金额单位',
            statement: `${b.figure.raw}按元计`,
            figures: [b],
            decided: { verdict: '成立', stated: b.figure.raw, computed: '与同句金额的量级相符' },
          });
        continue;
      }
      const range = slip.siblings.map((x) => x.figure.raw).join('、');
      const name = nameOf(ctx, b, '该数');
      out.push({
        ...base,
        title:
          slip.factor === 'missing'
            ? `${name} ${b.figure.raw} 漏写单位`
            : `${name}写作“${b.figure.raw}”，应为万元`,
        statement: '金额的单位与同句金额一致',
        figures: [b, ...slip.siblings],
        slip: { figure: b, factor: slip.factor === 'missing' ? 'missing' : 'unit', unit: '万元' },
        decided: {
          verdict: '不成立',
          stated: b.figure.raw,
          computed:
            slip.factor === 'missing'
              ? `同句金额（${range}）以万元计，应写作 ${b.figure.raw}万元`
              : `同句金额为 ${range}，${b.figure.raw}与之同一量级，应为 ${b.figure.value.toString()}万元；按元计只有 ${b.figure.value.div(10000).toString()} 万元`,
          why:
            slip.factor === 'missing'
              ? '金额未写单位'
              : `“${b.figure.raw}”的数值与同句万元数同一量级，是万元误写为元`,
        },
      });
    }
    return out;
  },
};

// ------------------------------------------------------------------ 标题序号

const LEVEL_NAMES = ['', '一、', '（一）', '1.', '（1）', '①'];
const CN_DIGITS = '一二三四五六七八九十';

function numberText(level: number, n: number): string {
  const cn = n <= 10 ? CN_DIGITS[n - 1] : n < 20 ? `十${CN_DIGITS[n - 11] ?? ''}` : String(n);
  switch (level) {
    case 1:
      return `${cn}、`;
    case 2:
      return `（${cn}）`;
    case 4:
      return `（${n}）`;
    case 5:
      return String.fromCharCode(0x2460 + n - 1);
    default:
      return `${n}.`;
  }
}

const HEADING: ClaimKind = {
  id: 'heading',
  label: '标题序号',
  family: '输入',
  asserts: '同一级标题的序号依次递增：不重复（一、二、四、四、）、不跳号（一、二、四、）',
  find(ctx) {
    const out: ClaimDraft[] = [];
    // Runs of one level. A heading of a higher level ends the runs below it (their numbering restarts under it);
    // 一、 again after 四、 opens a nested list numbered in the same style, which ends when a number continues the outer run.
    type Run = { level: number; items: typeof ctx.headings };
    const runs: Run[] = [];
    const open = new Map<number, Run[]>();
    for (const h of ctx.headings) {
      for (let l = h.level + 1; l <= 5; l++) open.delete(l);
      const stack = open.get(h.level) ?? [];
      let run = stack[stack.length - 1];
      const last = (r: Run) => r.items[r.items.length - 1]?.number ?? 0;
      if (!run || (h.number === 1 && run.items.length > 0)) {
        run = { level: h.level, items: [] };
        runs.push(run);
        stack.push(run);
      } else if (
        stack.length > 1 &&
        h.number !== last(run) + 1 &&
        h.number === last(stack[stack.length - 2]) + 1
      ) {
        stack.pop();
        run = stack[stack.length - 1];
      }
      run.items.push(h);
      open.set(h.level, stack);
    }
    for (const run of runs) {
      if (run.items.length < 2 && run.items[0]?.number === 1) continue;
      const bad: Array<{ h: (typeof run.items)[number]; expected: number }> = [];
      run.items.forEach((h, i) => {
        const expected = i === 0 ? 1 : run.items[i - 1].number + 1;
        if (h.number !== expected) bad.push({ h, expected });
      });
      const seq = run.items.map((h) => numberText(h.level, h.number)).join('');
      if (bad.length === 0) {
        out.push({
          key: `${run.level}.${run.items[0].paragraph}`,
          places: [
            {
              paragraph: ctx.doc.paragraphs.findIndex((p) => p.number === run.items[0].paragraph),
              start: 0,
              end: 0,
            },
          ],
          title: `${LEVEL_NAMES[run.level]}级标题序号`,
          statement: `${LEVEL_NAMES[run.level]}级标题序号依次递增：${seq}`,
          figures: [],
          decided: { verdict: '成立', stated: seq, computed: '依次递增' },
        });
        continue;
      }
      for (const { h, expected } of bad) {
        const pi = ctx.doc.paragraphs.findIndex((p) => p.number === h.paragraph);
        const p = ctx.doc.paragraphs[pi];
        const repeated = run.items.some((x) => x !== h && x.number === h.number && x.paragraph < h.paragraph);
        const what = repeated
          ? `“${h.marker}”重复`
          : h.number > expected
            ? `跳过了“${numberText(h.level, expected)}”`
            : `应为“${numberText(h.level, expected)}”`;
        out.push({
          key: `${run.level}.${h.paragraph}`,
          places: [
            { paragraph: pi, start: 0, end: Math.min(p.text.length, h.marker.length + h.title.length) },
          ],
          title: `标题序号${what}`,
          statement: `${LEVEL_NAMES[run.level]}级标题序号依次递增`,
          nextStep: `把此处标题序号改为“${numberText(h.level, expected)}”，其后同级标题依次顺延。`,
          figures: [],
          decided: {
            verdict: '不成立',
            stated: `${h.marker}${h.title}`,
            computed: `此处应为“${numberText(h.level, expected)}”（本级序号：${seq}）`,
            why: `标题序号${what}`,
          },
        });
      }
    }
    return out;
  },
};

/** Every claim kind, in the order claims are listed. */
export const CLAIM_KINDS: ClaimKind[] = [
  SUM,
  TABLE,
  SAME,
  SCOPES,
  IDENTITY,
  RATE,
  SHARE_KIND,
  CHANGE,
  DIFFERENCE,
  SCORE,
  COUNT,
  UNIT,
  HEADING,
];

export const CLAIM_KIND_BY_ID: ReadonlyMap<string, ClaimKind> = new Map(CLAIM_KINDS.map((k) => [k.id, k]));
