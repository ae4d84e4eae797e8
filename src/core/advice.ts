/**
 * Advice from the data: when one side of a broken identity agrees with an independent source (another
 * table, the sum of its parts), the finding names the figure to keep and the cell to change. Two ways the
 * data can show it:
 * - a folded root: the likely wrong cell takes part in several failed identities (those folded under it, or
 *   under another root), and at least two of them, solved for that cell, give the same figure (财政拨款表 合计
 *   1050.00 against 基本 + 项目 = 1500.00 and 收支总表 1500.00);
 * - a lone failed pair of single figures where one figure also stands alone in an identity that holds and
 *   the other in none (the corroborated one is kept).
 * A figure supports another only when the two agree exactly: one within rounding of it (1500.01) supports nothing.
 * Identities are read with the corrections already decided (a 平衡 identity with the 本年收入 another finding
 * corrects), so one correction can support the next. Of the identities that do not give the figure exactly, one
 * that holds with it within its own rounding tolerance is no rival, and is said to be within it; the finding's
 * own identity must at least hold so, or the data do not say its cell is the one to change. Otherwise the
 * finding keeps its family's advice. Only fully stated comparisons count: a sum with blanks is never a figure
 * to keep.
 */
import type Decimal from 'decimal.js';
import type { Comparison, Term } from '../catalogue/contract';
import { allFindings } from './findingTree';
import { keyOf, type Raw } from './cascade';
import { evaluateComparison, type Evaluated } from './comparison';
import { correctionText, withTable } from './render/finding';
import { formatQuantity, formatValue, tableQualified } from './render/quantity';
import type { Finding, Operand, Quantity, QuantityKind } from './results';

/** An identity that holds with every figure stated. */
export interface Corroboration {
  checkId: string;
  comparison: Comparison;
}

type Words = (figure: 'is' | 'aside' | 'none') => string;

/** The figures corrections already decided, by cell key (read in place of the stated ones). */
type Fixed = Map<string, { operand: Operand; to: Decimal }>;

interface Fix {
  raw: Raw;
  to: Decimal;
  /** The corrected figures the identity was read with, in words (`本年收入按改正后的 1500.00 万元计`). */
  after: string[];
  /** The other side, in words: with its figure (`is`: “…为 x”, `aside`: “…（x）”) or without. */
  source: Words;
  /** The other side is one stated figure (exact, preferred to a sum). */
  single: boolean;
}

const value = (t: Term): Decimal => t.operand.value as Decimal;
const stated = (ts: Term[]): Term[] => ts.filter((t) => t.operand.value !== null);

function shown(x: Decimal, kind: QuantityKind): string {
  return formatQuantity({ value: x, kind });
}

/**
 * A sum in words: `基本支出、项目支出之和` for the cells of one grid row, `项目各项年中追加预算数之和` for one
 * column of a table's rows, else the labels (with their table where they read alike).
 */
function sumWords(terms: Term[]): string {
  const parts = terms.map((t) => /^(.+)（([^（）]+)）$/.exec(t.operand.label));
  if (parts.every((m) => m && m[1] === parts[0]![1])) return `${parts.map((m) => m![2]).join('、')}之和`;
  const columns = terms.map((t) => t.operand.label.replace(/“[^”]*”/, '各项'));
  if (terms.every((t) => t.operand.name.includes('[')) && columns.every((c) => c === columns[0]))
    return `${columns[0]}之和`;
  const bare = terms.map((t) => t.operand.label.replace(/^其中：/, ''));
  const named = terms.map((t, i) =>
    bare.filter((l) => l === bare[i]).length > 1 ? tableQualified(t.operand) : bare[i]
  );
  return `${named.join('、')}之和`;
}

/** A grid's total named as one: `合计（年初结转和结余）` reads `年初结转和结余合计`. */
function asTotal(o: Operand): Operand {
  const m = /^合计（(.+)）$/.exec(o.label);
  return m ? { ...o, label: `${m[1]}合计` } : o;
}

/**
 * The words for a side of an identity whose figure is `x`: one cell by its table and label, or a sum of parts;
 * with no side of its own (the cell is one part among others), the figure the identity leaves for it.
 */
function sideWords(
  side: Term[],
  c: Comparison,
  x: Decimal,
  kind: QuantityKind,
  family = '',
  equation = ''
): Words {
  const what =
    side.length === 1
      ? tableQualified(asTotal(side[0].operand))
      : side.length > 1 && side.every((t) => t.sign === 1)
        ? sumWords(side)
        : family === '平衡'
          ? '按结转结余平衡关系倒算的数'
          : `按“${c.statement}”倒算的数`;
  return (figure) =>
    figure === 'is'
      ? `${what}为 ${shown(x, kind)}`
      : figure === 'aside'
        ? `${what}（${equation || shown(x, kind)}）`
        : equation
          ? `${what}（${equation}）`
          : what;
}

/**
 * An identity solved for one of its terms, its figures as read (corrections applied): the other terms of its own
 * side and those of the other side, those added first (`4.00 + 1500.00 − 0.00 = 1504.00`).
 */
function solvedFor(t: Term, own: Term[], other: Term[], to: Decimal, kind: QuantityKind): string {
  const terms = [
    ...other.map((x) => ({ x, sign: x.sign * t.sign })),
    ...own.filter((x) => x !== t).map((x) => ({ x, sign: -x.sign * t.sign })),
  ].sort((a, b) => b.sign - a.sign);
  const digits = (x: Decimal) => formatValue(x, kind);
  const sum = terms
    .map(
      ({ x, sign }, i) => `${i === 0 ? (sign < 0 ? '−' : '') : sign < 0 ? ' − ' : ' + '}${digits(value(x))}`
    )
    .join('');
  return `${sum} = ${digits(to)}`;
}

/**
 * A raw's comparison read with the corrections already decided (all but `key`'s own), re-evaluated when one
 * applies; null when it was not fully decided.
 */
function readWith(
  raw: Raw,
  fixed: Fixed,
  perTerm: Decimal,
  key: string
): { c: Comparison; e: Evaluated; after: string[] } | null {
  const c0 = raw.comparison;
  const e0 = raw.evaluated;
  if (!c0 || !e0) return null;
  const after: string[] = [];
  const swap = (t: Term): Term => {
    const k = keyOf(t.operand);
    const fix = k === key || t.operand.value === null ? undefined : fixed.get(k);
    if (!fix || fix.to.eq(value(t))) return t;
    after.push(`${withTable(fix.operand)}按改正后的 ${shown(fix.to, 'amount')}计`);
    return { ...t, operand: { ...t.operand, value: fix.to } };
  };
  const c = { ...c0, left: c0.left.map(swap), right: c0.right.map(swap) };
  if (after.length === 0) return { c: c0, e: e0, after };
  const e = evaluateComparison(c, perTerm);
  return 'L' in e ? { c, e, after } : null;
}

/** The figure `key`'s cell would need for this identity to hold, when it is one term of it. */
function fixFor(raw: Raw, key: string, fixed: Fixed = new Map(), perTerm?: Decimal): Fix | null {
  const terms = [...(raw.comparison?.left ?? []), ...(raw.comparison?.right ?? [])];
  if (!terms.some((t) => keyOf(t.operand) === key)) return null;
  const read = perTerm
    ? readWith(raw, fixed, perTerm, key)
    : raw.comparison && raw.evaluated
      ? { c: raw.comparison, e: raw.evaluated, after: [] }
      : null;
  if (!read) return null;
  const { c, e, after } = read;
  if (c.relation !== '=' || c.rightValue !== undefined || e.missing.length > 0 || e.slip) return null;
  const left = stated(c.left);
  const right = stated(c.right);
  const onLeft = left.filter((t) => keyOf(t.operand) === key);
  const onRight = right.filter((t) => keyOf(t.operand) === key);
  if (onLeft.length + onRight.length !== 1) return null;
  const kind = raw.finding.expected?.kind ?? 'amount';
  if (onLeft.length === 1) {
    if (left.length !== 1) return null;
    const t = onLeft[0];
    const to = value(t).plus(e.R.minus(e.L).times(t.sign));
    return { raw, to, after, source: sideWords(right, c, e.R, kind), single: right.length === 1 };
  }
  const t = onRight[0];
  const to = value(t).plus(e.L.minus(e.R).times(t.sign));
  const others = right.filter((x) => x !== t);
  // A figure worked out from several terms is given with its equation, the corrections it reads among its figures.
  const single = others.length === 0 && left.length === 1;
  const equation = single ? '' : solvedFor(t, right, left, to, kind);
  const source = single ? sideWords(left, c, e.L, kind) : sideWords([], c, to, kind, raw.family, equation);
  return { raw, to, after: single ? after : [], source, single };
}

/** Whether `raw`'s identity holds, within its own rounding tolerance, with `key`'s cell reading `to`. */
function holdsWith(raw: Raw, key: string, to: Decimal, fixed: Fixed, perTerm: Decimal): boolean {
  const all = new Map(fixed);
  const o = [...(raw.comparison?.left ?? []), ...(raw.comparison?.right ?? [])].find(
    (t) => keyOf(t.operand) === key
  );
  if (!o) return false;
  all.set(key, { operand: o.operand, to });
  const read = readWith(raw, all, perTerm, '');
  return read !== null && read.e.outcome === '成立' && !read.e.blanksAsZero;
}

/**
 * The largest group of fixes that give exactly the same figure, when it has at least two and no rival of its size. A
 * figure that agrees only within rounding (1800.08 against 1800.09) supports neither: the data do not say which.
 */
function agreeing(fixes: Fix[]): Fix[] | null {
  const groups = fixes.map((a) => fixes.filter((b) => a.to.eq(b.to)));
  const best = Math.max(0, ...groups.map((g) => g.length));
  if (best < 2) return null;
  const tops = groups.filter((g) => g.length === best);
  const same = tops.every((g) => g.every((f) => tops[0].includes(f)));
  return same ? tops[0] : null;
}

function correct(f: Finding, operand: Operand, to: Quantity, because: string): void {
  f.correction = { operand, to, because };
  f.nextStep = correctionText(f);
}

/** A folded root whose likely wrong cell the other identities agree on (read with the corrections already decided). */
function fromFold(
  root: Raw,
  raws: Raw[],
  byFinding: Map<Finding, Raw>,
  fixed: Fixed,
  perTerm: Decimal
): boolean {
  const p = root.finding.primary;
  if (!p || root.finding.kind !== 'mismatch') return false;
  const key = keyOf(p);
  const folded = [root, ...allFindings(root.finding.consequences ?? []).map((f) => byFinding.get(f))];
  // Another failed identity the cell stands in (one folded under another root) says what it needs as well.
  const related = raws.filter((r) => !folded.includes(r) && r.evaluated?.outcome === '不成立');
  const members = [...folded, ...related].filter(
    (r): r is Raw => r !== undefined && r.finding.kind === 'mismatch'
  );
  const fixes = members.map((r) => fixFor(r, key, fixed, perTerm)).filter((x): x is Fix => x !== null);
  const group = agreeing(fixes);
  if (!group) return false;
  const keep = group.find((x) => x.single) ?? group[0];
  // Identities that hold once other corrections are read give the figure as it stands: nothing to change.
  const operand = root.finding.operands.find((o) => keyOf(o) === key) ?? p;
  const now = stated([...(root.comparison?.left ?? []), ...(root.comparison?.right ?? [])]).find(
    (t) => keyOf(t.operand) === key
  );
  if (now && value(now).eq(keep.to)) return false;
  // Outside the group, an identity that holds with the figure within its rounding is no rival; the finding's own must.
  const outside = fixes.filter((x) => !group.includes(x));
  const rounded = outside.filter((x) => holdsWith(x.raw, key, keep.to, fixed, perTerm));
  if (!group.some((x) => x.raw === root) && !rounded.some((x) => x.raw === root)) return false;
  const kind = root.finding.expected?.kind ?? 'amount';
  const unique = (ws: string[]) => ws.filter((w, i, all) => all.indexOf(w) === i);
  const rest = group.filter((x) => x !== keep);
  const same = unique(rest.map((x) => x.source('none')));
  const after = unique(group.flatMap((x) => x.after));
  const gaps = unique(
    rounded.map((x) => `与${x.source('aside')}差 ${shown(x.to.minus(keep.to).abs(), kind)}，在四舍五入误差内`)
  );
  correct(
    root.finding,
    operand,
    { value: keep.to, kind },
    [
      keep.source('is'),
      same.length ? `与${same.join('、')}一致${after.length ? `（${after.join('，')}）` : ''}` : '',
      ...gaps,
    ]
      .filter(Boolean)
      .join('，')
  );
  fixed.set(key, { operand, to: keep.to });
  return true;
}

/** Where `key` stands alone on a side of an identity that holds: that identity and its other side. */
function standsAlone(
  key: string,
  own: string,
  corroborations: Corroboration[]
): { checkId: string; c: Comparison; other: Term[]; x: Decimal } | null {
  for (const { checkId, comparison: c } of corroborations) {
    if (checkId === own || c.rightValue !== undefined) continue;
    const left = stated(c.left);
    const right = stated(c.right);
    const alone = (side: Term[]) =>
      side.length === 1 && keyOf(side[0].operand) === key && !value(side[0]).isZero();
    if (alone(left)) return { checkId, c, other: right, x: value(left[0]) };
    if (alone(right)) return { checkId, c, other: left, x: value(right[0]) };
  }
  return null;
}

/** A sum in figures, its parts by their row of one grid (`一般公共预算财政拨款 4.04 + 其他资金 0.00 之和`), else by table and label. */
function sumFigures(terms: Term[]): string {
  const grid = terms.map((t) => /^(.+)（([^（）]+)）$/.exec(t.operand.label));
  const labels = grid.every((m) => m && m[2] === grid[0]![2])
    ? grid.map((m) => m![1])
    : terms.map((t) => tableQualified(t.operand));
  const digits = (t: Term) => formatQuantity({ value: value(t), kind: 'amount' }).replace(/ 万元$/, '');
  return `${terms.map((t, i) => `${labels[i]} ${digits(t)}`).join(' + ')} 之和`;
}

/**
 * Where `key` stands alone on a side of an identity that holds, the other side's words; else null. When that
 * side is one figure which is itself the total of parts that hold (a grid's 合计 named like the figure), the
 * parts are named: a figure is never said to agree with a total that reads as itself.
 */
function corroborated(key: string, own: string, corroborations: Corroboration[]): string | null {
  const found = standsAlone(key, own, corroborations);
  if (!found) return null;
  const { checkId, c, other, x } = found;
  if (other.length === 1) {
    const parts = standsAlone(keyOf(other[0].operand), checkId, corroborations);
    if (parts && parts.other.length > 1 && parts.other.every((t) => t.sign === 1))
      return sumFigures(parts.other);
  }
  return sideWords(other, c, x, 'amount')('none');
}

/** A lone failed pair of figures where exactly one is corroborated by an identity that holds (and the change breaks nothing else). */
function fromCorroboration(root: Raw, raws: Raw[], corroborations: Corroboration[], fixed: Fixed): boolean {
  const c = root.comparison;
  const e = root.evaluated;
  const f = root.finding;
  if (!c || !e || f.kind !== 'mismatch' || f.consequences?.length || c.rightValue !== undefined) return false;
  if (e.missing.length > 0 || e.slip) return false;
  const left = stated(c.left);
  const right = stated(c.right);
  if (left.length !== 1 || right.length !== 1 || c.left.length !== 1 || c.right.length !== 1) return false;
  const [a, b] = [left[0], right[0]];
  const byA = corroborated(keyOf(a.operand), root.checkId, corroborations);
  const byB = corroborated(keyOf(b.operand), root.checkId, corroborations);
  if ((byA === null) === (byB === null)) return false;
  const [keep, change, by] = byA ? [a, b, byA] : [b, a, byB!];
  // The cell to change may fail elsewhere too: the kept figure must mend those as well, or the data do not tell.
  const key = keyOf(change.operand);
  const elsewhere = raws.filter(
    (r) => r !== root && r.evaluated?.outcome === '不成立' && r.suspects.includes(key)
  );
  for (const r of elsewhere) {
    const fix = fixFor(r, key);
    if (!fix || !fix.to.eq(value(keep))) return false;
  }
  const kind = f.expected?.kind ?? 'amount';
  const operand = f.operands.find((o) => keyOf(o) === keyOf(change.operand)) ?? change.operand;
  const keptAs = f.operands.find((o) => keyOf(o) === keyOf(keep.operand)) ?? keep.operand;
  correct(
    f,
    operand,
    { value: value(keep), kind },
    `${tableQualified(keptAs)}为 ${shown(value(keep), kind)}，与${by}一致`
  );
  fixed.set(key, { operand, to: value(keep) });
  return true;
}

/**
 * Gives each root 错误 the advice its data support (see the module comment); the others keep their family's.
 * A 提示 may legitimately differ (a 口径, a budget), so the data never tell it which figure to change. A
 * correction decided may support another (a 平衡 identity read with it): the roots are gone over again until
 * no more are found.
 */
export function adviseFromData(
  roots: Raw[],
  raws: Raw[],
  corroborations: Corroboration[],
  perTerm: Decimal
): void {
  const byFinding = new Map(raws.map((r) => [r.finding, r]));
  const fixed: Fixed = new Map();
  const open = roots.filter((r) => r.finding.severity === '错误');
  for (let found = true; found;) {
    found = false;
    for (const root of open.filter((r) => !r.finding.correction))
      if (
        fromFold(root, raws, byFinding, fixed, perTerm) ||
        fromCorroboration(root, raws, corroborations, fixed)
      )
        found = true;
  }
}
