/**
 * The evidence the report's later sections rest on, derived once per draft: the department's
 * scores as 一级 → 二级 → lines, each line's evidence in the department's own words, and 八's
 * problems — the points lost, with their causes, merged with the department's own item on the
 * same matter and answered item by item in 九. Data-entry discrepancies are not performance
 * problems: they go to the 审核意见 and the 报送前核对清单, never to 八.
 */
import type Decimal from 'decimal.js';
import { INDICATOR_BY_ID } from '../catalogue/indicators';
import { MINOR_LOSS } from '../catalogue/report/measures';
import { TASK_CAUSE_WORDS } from '../catalogue/report/words';
import type {
  DepartmentItem,
  Dimension,
  EvidenceDecl,
  LineEvidence,
  MeasureDecl,
  Piece,
  Problem,
  ReportContext,
  ReportWriter,
  ScoreGroupView,
} from './reportContract';
import { allFindings } from './findingTree';
import type { Finding, IndicatorResult, Operand, ScoreLine } from './results';
import type { Model } from './model';
import { OWN_HEADING, ownParagraphs } from './reportWords';
import { normaliseName } from './rulebook';
import { ownRemark, type OwnLine, type OwnScores } from './voice';

/** A group's points and score as the department states them (and a claim its lines do not add up to). */
function groupView(g: OwnScores['groups'][number] | undefined): Omit<ScoreGroupView, 'name'> {
  return {
    points: g?.points ?? null,
    score: g?.score ?? null,
    ...(g?.linesDisagree ? { linesDisagree: g.linesDisagree } : {}),
  };
}

/** 一级 → 二级 → lines, in the score sheet's order, with the department's group scores. */
export function dimensions(own: OwnScores): Dimension[] {
  const dims: Dimension[] = [];
  for (const l of own.lines) {
    const line = l.line;
    let d = dims.find((x) => x.name === line.level1);
    if (!d) {
      const g = own.groups.find((x) => x.level === 1 && x.name === line.level1);
      d = { name: line.level1, ...groupView(g), children: [] };
      dims.push(d);
    }
    let c = d.children.find((x) => x.name === line.level2);
    if (!c) {
      const g = own.groups.find(
        (x) => x.level === 2 && x.name === line.level2 && (x.parent === undefined || x.parent === line.level1)
      );
      c = { name: line.level2, ...groupView(g), lines: [] };
      d.children.push(c);
    }
    c.lines.push(l);
  }
  return dims;
}

/** Explained findings that concern an indicator: same id in the rule, or an operand in common. */
export function explainedFor(findings: Finding[], key: string, ind: IndicatorResult | undefined): Finding[] {
  const names = new Set((ind?.operands ?? []).map((o) => o.name));
  return allFindings(findings).filter(
    (f) =>
      f.explanation &&
      (f.id.includes(key) || f.rule.includes(key) || f.operands.some((o) => names.has(o.name)))
  );
}

export function measureFor(
  measures: MeasureDecl[],
  fallback: MeasureDecl,
  ...keys: Array<string | undefined>
): MeasureDecl {
  for (const k of keys) {
    if (!k) continue;
    const m = measures.find((x) => x.covers.includes(k));
    if (m) return m;
  }
  return fallback;
}

/** How many points a line lost as the report states it (0 while it has no score). */
export function lost(l: OwnLine): Decimal {
  // A line of a 二级 scored as a whole shares what the 二级 lost, though its own score waits (ScoreLine.groupShare).
  if (l.line.groupShare) return l.line.points.minus(l.line.score);
  return l.score === null ? l.line.points.minus(l.line.points) : l.line.points.minus(l.score);
}

function matches(text: string, keywords: string[]): number {
  return keywords.filter((k) => text.includes(k)).length;
}

/**
 * A department's own text as items: each of its headings (“一、…”, “（一）…”) opens one, with the paragraphs
 * under it; text before any heading is an item without one.
 */
export function departmentItemsOf(raw: string | null | undefined, op: Operand): DepartmentItem[] {
  const text = raw?.trim();
  if (!text) return [];
  const items: DepartmentItem[] = [];
  for (const line of ownParagraphs(text)) {
    const heading = OWN_HEADING.exec(line);
    if (heading && line.length <= 40) items.push({ heading: heading[1].trim(), paragraphs: [] });
    else {
      if (items.length === 0) items.push({ heading: '', paragraphs: [] });
      items[items.length - 1].paragraphs.push({ text: line, sources: [{ ...op, value: line }] });
    }
  }
  return items;
}

const itemText = (item: DepartmentItem) => `${item.heading}${item.paragraphs.map((p) => p.text).join('')}`;

// ---------------------------------------------------------------- evidence

/** The declaration for a line: by `二级/三级`, then by 三级, then by 二级. */
export function evidenceDecl(decls: EvidenceDecl[], l: { line: ScoreLine }): EvidenceDecl | undefined {
  const keys = [`${l.line.level2}/${l.line.level3}`, l.line.level3, l.line.level2].map(normaliseName);
  for (const k of keys) {
    const d = decls.find((x) => x.covers.some((c) => normaliseName(c) === k));
    if (d) return d;
  }
  return undefined;
}

/** A leading enumerator of a department's sentence ("一是", "1.", "①"), which means nothing once quoted alone. */
const ENUMERATOR = /^(?:[一二三四五六七八九十]+是|\d+[.．、]\s*|[①-⑳]|[（(]\d+[)）])/;

/** Counted results: "150余家", "8万人", "900万次", "16万元" — not ordinals (第13届) or years. */
const QUANTITY =
  /(?<![第\d.])\d+(?:\.\d+)?(?:余|多)?(?:万|亿)?(?:人次|万元|个|人|次|项|家|名|篇|条|所|场|支|位|座|户|份|册|部|批|期|元|倍)/g;

function quantities(s: string): number {
  return [...s.matchAll(QUANTITY)].length;
}

/** A sentence's clauses that count results ("注册会员超3万人，信息传播量近500万次"), or it whole if none do. */
function counted(s: string): string {
  const parts = s.split(/(?<=，)/);
  const kept = parts.filter((c) => quantities(c) > 0);
  if (kept.length === 0 || kept.length === parts.length) return s;
  return kept.join('').replace(/[，；。]?$/, '。');
}

/** A long sentence cut to its leading clauses (up to `max` characters), ending as a sentence. */
function clauses(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = '';
  for (const c of s.split(/(?<=，)/)) {
    if (out && out.length + c.length > max) break;
    out += c;
  }
  return out.replace(/，$/, '。');
}

/**
 * The sentences of a department's item that say how much was done — the most counted results
 * first, each cut to its leading clauses — back in their own order, up to about `budget`
 * characters: what the report cites as a line's evidence.
 */
export function excerpt(item: DepartmentItem, budget: number): string {
  const max = Math.max(60, Math.min(110, budget));
  // 五 gives the item in full: here only its counted results (the clauses that count), not its sentences again.
  const sentences = item.paragraphs
    .flatMap((p) => p.text.split(/(?<=[。！？；])/))
    .map((s) => clauses(counted(s.replace(ENUMERATOR, '').trim()), max))
    .filter((s) => s.length > 0);
  const ranked = sentences
    .map((s, i) => ({ s, i, q: quantities(s) }))
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  const kept: typeof ranked = [];
  let used = 0;
  for (const x of ranked) {
    if (kept.length > 0 && used + x.s.length > budget) continue;
    kept.push(x);
    used += x.s.length;
  }
  return kept
    .sort((a, b) => a.i - b.i)
    .map((x) => x.s.replace(/[；，]$/, '。'))
    .join('')
    .replace(/([^。！？])$/, '$1。');
}

/** The two-character pieces of a name ("科普惠农" → 科普, 普惠, 惠农), for matching its matter in a text. */
function namePairs(name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 2 <= name.length; i++) {
    const pair = name.slice(i, i + 2);
    if (/^[\u4e00-\u9fff]{2}$/.test(pair)) out.push(pair);
  }
  return out;
}

/**
 * Each item of the department's 履职情况 goes to the one line whose declared words it speaks of
 * most (ties to the first line), so no achievement is cited twice. Lines that share their words (the
 * 三级 of one 二级, "提高全民科学素质" and "科普惠农" under 社会效益) are told apart by their own names: an
 * item goes to the indicator it speaks of, not to the first of its 二级.
 */
export function assignItems<L extends { line: ScoreLine }>(
  lines: L[],
  items: DepartmentItem[],
  decls: EvidenceDecl[]
): Map<L, DepartmentItem[]> {
  const out = new Map<L, DepartmentItem[]>();
  const keyed = lines
    .map((l) => ({ l, d: evidenceDecl(decls, l) }))
    .filter((x) => x.d && x.d.keywords.length > 0)
    .map((x) => ({ ...x, own: x.l.line.level3 === x.l.line.level2 ? [] : namePairs(x.l.line.level3) }));
  for (const item of items) {
    const text = itemText(item);
    let best: L | undefined;
    let score = 0;
    let named = 0;
    for (const { l, d, own } of keyed) {
      const s = matches(text, d!.keywords);
      const n = matches(text, own);
      if (s > 0 && (s > score || (s === score && n > named))) [best, score, named] = [l, s, n];
    }
    if (best) out.set(best, [...(out.get(best) ?? []), item]);
  }
  return out;
}

/** A line's evidence: the department's 说明, its 履职情况 items tied to the line, or what to ask for. */
export function lineEvidence(
  w: ReportWriter,
  l: OwnLine,
  items: DepartmentItem[],
  decls: EvidenceDecl[]
): LineEvidence {
  const decl = evidenceDecl(decls, l);
  // A 三级 under a 二级's declaration asks for its own matter ("科普惠农方面的主要成效…"), not the 二级's.
  const ask = decl
    ? decl.covers.some((c) => normaliseName(c) === normaliseName(l.line.level2)) &&
      !decl.covers.some((c) => normaliseName(c) === normaliseName(l.line.level3))
      ? decl.ask.replace(l.line.level2, l.line.level3)
      : decl.ask
    : `${l.line.level3}的评价依据`;
  const budget = Math.min(260, 60 + l.line.points.toNumber() * 15);
  return {
    remark: l.remark ? w.plain(l.remark, [w.operand('自评得分表')]) : undefined,
    items: items
      .map((item) => ({
        heading: item.heading,
        text: w.plain(excerpt(item, budget / items.length), [w.operand('履职情况')]),
      }))
      .filter((x) => x.text.text.length > 1),
    ask,
    measured: decl?.measured && measuredWords(w, decl.measured),
    ...(decl?.measured && w.num(decl.measured.input) === null ? { awaits: decl.measured.says } : {}),
  };
}

function measuredWords(w: ReportWriter, m: NonNullable<EvidenceDecl['measured']>): Piece {
  const f = w.figure(m.input);
  return f.value === null ? w.plain(`${w.fmt.placeholder(m.ask)}。`) : w.say`${m.says}为${f.piece}。`;
}

// ---------------------------------------------------------------- problems

/** How a task fell short, by its first flag that is 否, in the words of its 【待补：…的原因】. */
const SHORT_WORDS: Record<string, string> = {
  是否完成: '未完成',
  是否按时: '未按期完成',
  是否达标: '质量未达标',
};

/**
 * The tasks a 产出 line counts that fell short: where each stands, in its 说明's words (`outcomes`), and why, where its
 * 说明 says (TASK_CAUSE_WORDS), else a 【待补】 naming the task and how it fell short (`causes`).
 */
function taskShortfalls(w: ReportWriter, model: Model, l: OwnLine): { outcomes: Piece[]; causes: Piece[] } {
  const out = { outcomes: [] as Piece[], causes: [] as Piece[] };
  const rule = l.line.indicator ? INDICATOR_BY_ID.get(l.line.indicator)?.rule : undefined;
  if (!rule || !('kind' in rule) || rule.kind !== 'taskRate') return out;
  for (const r of model.table('产出任务表').rows) {
    const c = r.cells;
    if (rule.base && c[rule.base]?.value !== true) continue;
    if (!rule.count.some((k) => c[k]?.value === false)) continue;
    // One task, one shortfall named, whichever line counts it: the first of its flags that is 否.
    const short = Object.keys(SHORT_WORDS).find((k) => c[k]?.value === false);
    const name = w.cell('产出任务表', c['任务'], '工作任务');
    if (!name.text) continue;
    const note = w.cell('产出任务表', c['说明'], '完成情况说明');
    const clauses = note.text
      .replace(/^报告[^：:]{0,12}[：:]/, '')
      .split(/[，。；,;]/)
      .map((x) => x.trim())
      .filter(Boolean);
    const why = clauses.filter((x) => TASK_CAUSE_WORDS.test(x));
    const where = clauses.filter((x) => !why.includes(x));
    const shortWords = (short && SHORT_WORDS[short]) ?? '未完成';
    out.outcomes.push(w.say`${name}，${where.length ? where.join('，') : shortWords}`);
    out.causes.push(
      why.length
        ? w.plain(why.map(causeWords).join('，'), note.sources)
        : w.plain(w.fmt.placeholder(`${name.text}${shortWords}的原因`), name.sources)
    );
  }
  return out;
}

/** A cause as the sentence "主要原因：…" takes it: without its own "主要是" or end mark. */
const causeWords = (s: string) =>
  s
    .trim()
    .replace(/^(主要原因是|主要是由于|主要是|原因是|由于)/, '')
    .replace(/[。；]$/, '');

/** Why a line lost points, in the department's words. */
function causesOf(ctx: Omit<ReportContext, 'problems' | 'ownOnly'>, l: OwnLine): Piece[] {
  const { w } = ctx;
  const ind = l.line.indicator ? ctx.indicators.find((x) => x.id === l.line.indicator) : undefined;
  const out: Piece[] = ctx
    .explainedFor(l.line.indicator ?? l.line.level3, ind)
    .map((f) => w.plain(causeWords(f.explanation!), f.operands));
  out.push(...taskShortfalls(w, ctx.model, l).causes);
  return out;
}

function uniqueTexts(pieces: Piece[]): Piece[] {
  const seen = new Set<string>();
  return pieces.filter((p) => !seen.has(p.text) && seen.add(p.text));
}

/**
 * 八's problems: the lines that lost points, grouped by the measure that covers them, each with its
 * causes; the department's own items join the problem they speak of (by the measure's keywords). A
 * department item matching no lost points is not a problem of the report (the 审核意见 lists it).
 */
export function deriveProblems(
  ctx: Omit<ReportContext, 'problems' | 'ownOnly'>,
  measures: MeasureDecl[],
  fallback: MeasureDecl
): Problem[] {
  const byMeasure = new Map<MeasureDecl, OwnLine[]>();
  for (const l of ctx.own?.lines ?? []) {
    if (!lost(l).gt(0)) continue;
    const m = measureFor(measures, fallback, l.line.indicator, l.line.level3, l.line.level2, l.line.level1);
    byMeasure.set(m, [...(byMeasure.get(m) ?? []), l]);
  }
  const problems: Problem[] = [...byMeasure].map(([measure, lines]) => {
    const causes = uniqueTexts(lines.flatMap((l) => causesOf(ctx, l)));
    // Without a cause or a 说明 for any line, the department's 说明 of their 二级 or 一级 says why.
    if (causes.length === 0 && lines.every((l) => !l.remark))
      for (const l of lines) {
        const remark =
          ownRemark(ctx.model, `${l.line.level1}/${l.line.level2}`, l.line.level2) ??
          ownRemark(ctx.model, l.line.level1, `${l.line.level1}情况`);
        if (remark)
          causes.push(
            ctx.w.plain(remark.replace(/(^|[；。])[①-⑳]/g, '$1').replace(/[。；]$/, ''), [
              ctx.w.operand('自评得分表'),
            ])
          );
      }
    const outcomes = uniqueTexts(lines.flatMap((l) => taskShortfalls(ctx.w, ctx.model, l).outcomes));
    return { measure, lines, causes: uniqueTexts(causes), ...(outcomes.length ? { outcomes } : {}) };
  });
  // An item speaks to a problem by the measure's words for its matter, or by the names of the lines that lost points.
  const attach = (items: DepartmentItem[], key: 'own' | 'ownMeasure') => {
    for (const item of items) {
      let best: Problem | undefined;
      let score = 0;
      for (const p of problems) {
        if (p[key]) continue;
        const s = matches(itemText(item), [...p.measure.keywords, ...p.lines.map((l) => l.line.level3)]);
        if (s > score) [best, score] = [p, s];
      }
      if (best) best[key] = item;
    }
  };
  attach(ctx.w.departmentItems('存在问题'), 'own');
  attach(ctx.w.departmentItems('改进措施'), 'ownMeasure');
  // A minor deduction is not a problem of its own: its problem stands on the department's own item, or not at all.
  const minor = (l: OwnLine) => lost(l).lt(MINOR_LOSS);
  return problems
    .map((p) => ({ ...p, lines: p.lines.filter((l) => !minor(l)) }))
    .filter((p) => p.own || p.lines.length > 0)
    .map((p) => (p.lines.length ? p : { ...p, causes: [] }));
}

/** The department's problem items that match no lost points (for the 审核意见). */
export function unmatchedOwnProblems(ctx: ReportContext): DepartmentItem[] {
  const used = new Set(ctx.problems.map((p) => p.own?.heading).filter(Boolean));
  return ctx.w.departmentItems('存在问题').filter((i) => !used.has(i.heading));
}

/** Words of an item's heading that say nothing of its matter ("有待", "加强"): they pair nothing. */
const GENERIC_PAIRS = new Set([
  '有待',
  '需要',
  '要加',
  '加强',
  '提高',
  '进一',
  '一步',
  '工作',
  '规范',
  '提升',
  '进行',
]);

/** The two-character pieces of an item's heading (its matter), less the generic ones. */
function headingPairs(item: DepartmentItem): Set<string> {
  return new Set(namePairs(item.heading || itemText(item)).filter((x) => !GENERIC_PAIRS.has(x)));
}

/**
 * The department's problem items no lost points carry, in its order, each with its own measure if it wrote one:
 * a 改进措施 item no deduction's problem answers, whose heading shares the most of this item's words.
 */
export function ownOnlyProblems(ctx: ReportContext): { own: DepartmentItem; ownMeasure?: DepartmentItem }[] {
  const usedMeasures = new Set(ctx.problems.map((p) => p.ownMeasure).filter(Boolean));
  const free = ctx.w
    .departmentItems('改进措施')
    .filter((m) => ![...usedMeasures].some((u) => u?.heading === m.heading));
  return unmatchedOwnProblems(ctx).map((own) => {
    const words = headingPairs(own);
    let best: DepartmentItem | undefined;
    let score = 0;
    for (const m of free) {
      const s = [...headingPairs(m)].filter((x) => words.has(x)).length;
      if (s > score) [best, score] = [m, s];
    }
    if (best) free.splice(free.indexOf(best), 1);
    return { own, ownMeasure: best };
  });
}
