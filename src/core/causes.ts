/**
 * The 审核意见's problems by cause: findings that share one cause are one entry headed by it, naming the figures it
 * explains. The rules are declared in src/catalogue/report/review.ts (REVIEW_CAUSES, what makes findings share a
 * cause); this module applies them in the order declared, each finding joining the first cause that takes it. It
 * reads only the findings: their figures, their sides and the corrections the data show.
 */
import type Decimal from 'decimal.js';
import { ZERO } from './decimal';
import { ABOUT_A_RESULT } from './doubt';
import { allFindings } from './findingTree';
import type { ReviewCauseDecl, YearBlockDecl } from './reportContract';
import type { Finding, Operand, QuantityKind } from './results';

/** A block of figures read from another year: by its 数据所属年度 (`marked`), or because it ends where this year opens. */
export interface YearBlock {
  block: YearBlockDecl;
  /** The year its figures are of, when the year evaluated is known. */
  year: number | null;
  marked: boolean;
}

export interface Cause {
  shares: ReviewCauseDecl['shares'] | 'alone';
  /** The findings it explains, the one it is headed by first. */
  findings: Finding[];
  /** Findings whose gap is the same amount to the cent as one of the cause's (or the change its value makes). */
  sameGap: Finding[];
  /** oneValue: the value two disagreeing figures should both read, and the failed identities it mends. */
  value?: { to: Decimal; kind: QuantityKind; cells: Operand[]; mends: Finding[] };
  /** previousYear: the blocks read from another year, this year's opening figure and its end (when stated). */
  previousYear?: {
    table: string;
    blocks: YearBlock[];
    /** The year evaluated, when a figure states it. */
    evaluated: number | null;
    /** This year's opening, when a block is the last year's because it ends there. */
    opening?: Operand;
    closing: { parts: Operand[]; value: Decimal } | null;
    /** Totals of this year's tables that are the other year's: its opening + income − spending is its end. */
    flows: { opening: Operand; income: Operand; spending: Operand; closing: Operand }[];
    /** Figures whose sum is a total `flows` shows to be the other year's. */
    sums: { parts: Operand[]; total: Operand }[];
    /** The 提示 comparing those figures with this year's: explained by the year, not a 口径 to explain. */
    notices: Finding[];
  };
}

const num = (o: Operand | undefined): Decimal | null =>
  o && o.value !== null && typeof o.value === 'object' ? o.value : null;

/** Every figure the findings name, by input name (the first seen). */
function operandIndex(findings: Finding[]): Map<string, Operand> {
  const out = new Map<string, Operand>();
  for (const f of allFindings(findings)) for (const o of f.operands) if (!out.has(o.name)) out.set(o.name, o);
  return out;
}

/** A failed identity with every term stated: its terms, each with the sign it takes in left − right. */
function statedTerms(f: Finding): { o: Operand; sign: number }[] | null {
  return f.severity === '错误' ? termsOf(f) : null;
}

/** An identity that does not hold (an 错误 or a 提示) with every term stated: its terms, signed as in left − right. */
function termsOf(f: Finding): { o: Operand; sign: number }[] | null {
  if (f.kind !== 'mismatch' || !f.sides || f.partial) return null;
  const terms = [
    ...f.sides.left.map((t) => ({ o: f.operands[t.at], sign: t.sign })),
    ...f.sides.right.map((t) => ({ o: f.operands[t.at], sign: -t.sign })),
  ];
  return terms.every((t) => num(t.o)) ? terms : null;
}

/** The value the one figure of `names` a failed identity holds would need for it to hold; null when it holds none or several. */
export function solveFor(f: Finding, names: ReadonlySet<string>): { cell: Operand; to: Decimal } | null {
  const terms = statedTerms(f);
  const hits = terms?.filter((t) => names.has(t.o.name)) ?? [];
  if (!terms || hits.length !== 1) return null;
  const gap = terms.reduce((a, t) => a.plus(num(t.o)!.times(t.sign)), ZERO);
  return { cell: hits[0].o, to: num(hits[0].o)!.minus(gap.times(hits[0].sign)) };
}

/**
 * The value a figure of an identity that does not hold (an 错误 or a 提示) would need for it to hold, the other
 * terms as stated: the other side, for the figure it checks. Null when the figure is not one term of it or a term is blank.
 */
export function balancingValue(f: Finding, name: string): Decimal | null {
  const terms = termsOf(f);
  const hits = terms?.filter((t) => t.o.name === name) ?? [];
  if (!terms || hits.length !== 1) return null;
  const gap = terms.reduce((a, t) => a.plus(num(t.o)!.times(t.sign)), ZERO);
  return num(hits[0].o)!.minus(gap.times(hits[0].sign));
}

/**
 * Two figures a failed identity says are one, and a value for both that every other failed identity holding one
 * of them gives exactly (at least two, none giving another, no correction of the data pointing elsewhere).
 */
function oneValue(
  open: Finding[],
  byName: Map<string, Finding[]>,
  order: Map<Finding, number>
): Cause | null {
  for (const pair of open) {
    const terms = statedTerms(pair);
    if (!terms || terms.length !== 2 || pair.sides!.left.length !== 1) continue;
    const cells = terms.map((t) => t.o);
    const names = new Set(cells.map((o) => o.name));
    if (names.size !== 2) continue;
    const named = new Set(cells.flatMap((o) => byName.get(o.name) ?? []));
    const near = [...named].sort((a, b) => order.get(a)! - order.get(b)!);
    const solved = near
      .filter((f) => f !== pair)
      .map((f) => ({ f, s: solveFor(f, names) }))
      .filter((x): x is { f: Finding; s: { cell: Operand; to: Decimal } } => x.s !== null);
    if (solved.length < 2) continue;
    const to = solved[0].s.to;
    // One value only where every identity gives it to the cent: within rounding, the data do not say which.
    const agree = solved.every(({ s }) => s.to.eq(to));
    const elsewhere = near.some(
      (f) => f.correction && names.has(f.correction.operand.name) && !f.correction.to.value.eq(to)
    );
    if (!agree || elsewhere || cells.some((o) => num(o)!.eq(to))) continue;
    const mends = [pair, ...solved.map((x) => x.f)];
    // Only the mended identities listed at the top level form the entry; one folded under another goes with it.
    const members = open.filter((f) => mends.some((m) => allFindings([f]).includes(m)));
    const head = members.find((f) => allFindings([f]).includes(pair))!;
    return {
      shares: 'oneValue',
      findings: [head, ...members.filter((f) => f !== head)],
      sameGap: [],
      value: { to, kind: pair.expected?.kind ?? 'amount', cells, mends },
    };
  }
  return null;
}

/**
 * Blocks of one table read from another year: a 数据所属年度 other than the year evaluated, or an end-of-year figure
 * equal to the opening this year's own tables state (the last year's end) while a failed identity disputes the
 * block's start or end. Then totals that close that year's balance from such a block's start to this year's opening
 * to the cent, each disputed, and figures that add up to one of them to the cent. The cause takes the findings on
 * those figures (the stated rates read from them too), and the 提示 comparing them (`context`: every finding).
 */
function previousYear(
  decl: Extract<ReviewCauseDecl, { shares: 'previousYear' }>,
  open: Finding[],
  all: Finding[],
  context: Finding[]
): Cause | null {
  const ops = operandIndex([...all, ...allFindings(context)]);
  const evaluated = num(ops.get('评价年度'))?.toNumber() ?? null;
  const opening = ops.get(decl.opening);
  const start = num(opening);
  const disputed = (name?: string) =>
    !!name &&
    all.some(
      (f) => f.kind === 'mismatch' && f.severity === '错误' && f.operands.some((o) => o.name === name)
    );
  const parts = decl.closing.map((n) => ops.get(n));
  const closing = parts.every((o) => num(o))
    ? { parts: parts as Operand[], value: parts.reduce((a, o) => a.plus(num(o)!), ZERO) }
    : null;
  const blocks: YearBlock[] = [];
  for (const block of decl.blocks) {
    const year = num(ops.get(block.year))?.toNumber();
    if (year !== undefined && evaluated !== null && year !== evaluated) {
      blocks.push({ block, year, marked: true });
      continue;
    }
    // Ends where this year opens, while this year's own tables end elsewhere (an unchanged balance is no sign).
    const end = block.closing ? num(ops.get(block.closing)) : null;
    if (
      start &&
      end &&
      closing &&
      !start.isZero() &&
      end.eq(start) &&
      !closing.value.eq(end) &&
      (disputed(block.opening) || disputed(block.closing))
    )
      blocks.push({ block, year: evaluated === null ? null : evaluated - 1, marked: false });
  }
  if (blocks.length === 0) return null;
  // The other year's opening is the start of a block shown to end where this year opens.
  const starts = blocks
    .filter((b) => !b.marked && b.block.opening)
    .map((b) => ops.get(b.block.opening!))
    .filter((o): o is Operand => !!num(o));
  const flows: NonNullable<Cause['previousYear']>['flows'] = [];
  for (const d of decl.flows ?? []) {
    const [income, spending] = [ops.get(d.income), ops.get(d.spending)];
    if (!start || !num(income) || !num(spending) || !disputed(d.income) || !disputed(d.spending)) continue;
    const from = starts.find((o) => num(o)!.plus(num(income)!).minus(num(spending)!).eq(start));
    if (from) flows.push({ opening: from, income: income!, spending: spending!, closing: opening! });
  }
  const otherTotals = new Set(flows.flatMap((f) => [f.income.name, f.spending.name]));
  const sums: NonNullable<Cause['previousYear']>['sums'] = [];
  for (const d of decl.sums ?? []) {
    const [total, parts] = [ops.get(d.total), d.parts.map((n) => ops.get(n))];
    if (!otherTotals.has(d.total) || !parts.every((o) => num(o))) continue;
    if (parts.reduce((a, o) => a.plus(num(o)!), ZERO).eq(num(total)!))
      sums.push({ parts: parts as Operand[], total: total! });
  }
  const figures = new Set([
    ...blocks.flatMap((b) => [b.block.year, ...b.block.figures]),
    ...otherTotals,
    ...sums.flatMap((x) => x.parts.map((o) => o.name)),
  ]);
  const summed = new Set(sums.flatMap((x) => x.parts.map((o) => o.name)));
  const notices = context.filter(
    (f) => f.severity === '提示' && f.kind !== 'cannotVerify' && f.operands.some((o) => summed.has(o.name))
  );
  const members = open.filter((f) => f.operands.some((o) => figures.has(o.name)));
  if (members.length < 2) return null;
  // Headed by the finding that names a year, when there is one.
  const head = members.find((f) => f.family === '年度') ?? members[0];
  return {
    shares: 'previousYear',
    findings: [head, ...members.filter((f) => f !== head)],
    sameGap: [],
    previousYear: { table: decl.table, blocks, evaluated, opening, closing, flows, sums, notices },
  };
}

/** The gap of a failed identity with every term stated, some figures read as other values. */
function gapReading(f: Finding, values: ReadonlyMap<string, Decimal>): Decimal | null {
  if (f.kind !== 'mismatch' || !f.sides || f.severity !== '错误') return null;
  // A side summed over the parts stated (partial) still has a gap of its stated figures.
  const terms = [
    ...f.sides.left.map((t) => ({ o: f.operands[t.at], sign: t.sign })),
    ...f.sides.right.map((t) => ({ o: f.operands[t.at], sign: -t.sign })),
  ];
  if (!terms.every((t) => num(t.o))) return null;
  return terms.reduce((a, t) => a.plus((values.get(t.o.name) ?? num(t.o)!).times(t.sign)), ZERO);
}

/**
 * Two figures that should be one (a failed identity of just the two), with the roots that see their difference
 * again: a root whose tree holds a failed identity naming one of them that reading it as the other mends, or leaves
 * with the gap another identity of that root shows; then,
 * while one does, a root whose amount gap with another's in the entry makes up a third's to the cent (the third
 * identity is the sum of the two, so the two are the same difference again).
 */
function oneFigure(open: Finding[]): Cause | null {
  for (const pair of open) {
    const terms = statedTerms(pair);
    if (!terms || terms.length !== 2 || pair.family !== '一致' || pair.consequences?.length) continue;
    const [a, b] = terms.map((t) => t.o);
    if (a.name === b.name) continue;
    // Read as the other figure, the identity holds, or is left with a gap another identity of its root shows.
    const explained = (f: Finding, root: Finding) =>
      [
        [a, b],
        [b, a],
      ].some(([x, y]) => {
        const names = new Set(f.operands.map((o) => o.name));
        if (!names.has(x.name) || names.has(y.name)) return false;
        const after = gapReading(f, new Map([[x.name, num(y)!]]))?.abs();
        const left = allFindings([root]).filter((g) => g !== f && gapKey(g));
        return !!after && (after.isZero() || left.some((g) => g.difference!.value.abs().eq(after)));
      });
    const members = open.filter((r) => r !== pair && allFindings([r]).some((f) => explained(f, r)));
    if (members.length === 0) continue;
    // Then, one at a time, the first root (in list order) whose gap is the difference of two gaps in the entry. The
    // differences are kept as the entry grows, and the scan goes back only to a root a new difference lets in, so
    // thousands of roots of one gap cost a pass, not a pass each.
    const seen = new Map<string, Decimal>();
    const differences = new Set<string>();
    const see = (f: Finding): string[] => {
      const added: string[] = [];
      for (const g of allFindings([f])) {
        if (!gapKey(g)) continue;
        const v = g.difference!.value.abs();
        if (seen.has(v.toFixed())) continue;
        for (const x of seen.values()) {
          const d = v.minus(x).abs().toFixed();
          if (!differences.has(d)) added.push(d);
          differences.add(d);
        }
        seen.set(v.toFixed(), v);
      }
      return added;
    };
    [pair, ...members].forEach(see);
    const rest = open.filter((x) => x !== pair && !members.includes(x) && gapKey(x));
    const taken = new Set<Finding>();
    const waiting = new Map<string, number>();
    for (let i = 0; i < rest.length;) {
      const r = rest[i];
      const g = r.difference!.value.abs().toFixed();
      if (taken.has(r) || !differences.has(g)) {
        if (!taken.has(r) && !waiting.has(g)) waiting.set(g, i);
        i++;
        continue;
      }
      members.push(r);
      taken.add(r);
      const back = Math.min(i + 1, ...see(r).map((d) => waiting.get(d) ?? Infinity));
      for (const [d, at] of waiting) if (at >= back) waiting.delete(d);
      i = back;
    }
    return { shares: 'oneFigure', findings: [pair, ...members], sameGap: [] };
  }
  return null;
}

/** Corrections that set several figures to one figure for one reason. */
function sameFix(open: Finding[]): Cause[] {
  const byFix = new Map<string, Finding[]>();
  for (const f of open.filter((x) => x.correction)) {
    const key = `${f.correction!.to.value.toFixed()}|${f.correction!.because}`;
    byFix.set(key, [...(byFix.get(key) ?? []), f]);
  }
  return [...byFix.values()]
    .filter((fs) => fs.length >= 2)
    .map((findings) => ({ shares: 'sameFix' as const, findings, sameGap: [] }));
}

/** The amount a finding's gap is, to the cent, when it is one (a stated rate's, a score's or a year's are not). */
function gapKey(f: Finding): string | undefined {
  const d = f.difference;
  return d && d.kind === 'amount' && !d.value.isZero() && !ABOUT_A_RESULT.includes(f.family)
    ? d.value.abs().toFixed(2)
    : undefined;
}

/**
 * The open 错误 as causes, in list order (by the first finding of each): each finding in exactly one cause; a
 * finding no rule joins to another is a cause alone. `context`: every finding (the 提示 a cause explains too).
 */
export function causesOf(
  open: Finding[],
  decls: readonly ReviewCauseDecl[],
  context: Finding[] = open
): Cause[] {
  // The 审核意见 asks again for each line and section it explains (tens of times, the same findings each time).
  const asked = answered.get(context) ?? [];
  const same = asked.find(
    (a) => a.decls === decls && a.open.length === open.length && a.open.every((f, i) => f === open[i])
  );
  if (same) return [...same.causes];
  const causes = findCauses(open, decls, context);
  answered.set(context, [...asked, { open: [...open], decls, causes }]);
  return [...causes];
}

/** causesOf's answers, by the findings they were found among (read only: no caller changes a cause). */
const answered = new WeakMap<
  Finding[],
  Array<{ open: Finding[]; decls: readonly ReviewCauseDecl[]; causes: Cause[] }>
>();

function findCauses(open: Finding[], decls: readonly ReviewCauseDecl[], context: Finding[]): Cause[] {
  const all = allFindings(open);
  const causes: Cause[] = [];
  const taken = new Set<Finding>();
  const free = () => open.filter((f) => !taken.has(f));
  const add = (c: Cause) => {
    causes.push(c);
    for (const f of c.findings) taken.add(f);
  };
  for (const d of decls) {
    if (d.shares === 'oneValue') {
      // The findings that name each figure: a pair looks only at its own.
      const byName = new Map<string, Finding[]>();
      for (const f of all)
        for (const n of new Set(f.operands.map((o) => o.name))) byName.set(n, [...(byName.get(n) ?? []), f]);
      const order = new Map(all.map((f, i) => [f, i]));
      for (let c = oneValue(free(), byName, order); c; c = oneValue(free(), byName, order)) add(c);
    } else if (d.shares === 'previousYear') {
      const c = previousYear(d, free(), all, context);
      if (c) add(c);
    } else if (d.shares === 'oneFigure') {
      for (let c = oneFigure(free()); c; c = oneFigure(free())) add(c);
    } else if (d.shares === 'sameFix') sameFix(free()).forEach(add);
  }
  for (const f of free()) add({ shares: 'alone', findings: [f], sameGap: [] });
  const place = new Map(open.map((f, i) => [f, i]));
  const first = new Map(causes.map((c) => [c, Math.min(...c.findings.map((f) => place.get(f) ?? -1))]));
  causes.sort((a, b) => first.get(a)! - first.get(b)!);
  if (decls.some((d) => d.shares === 'sameGap')) return joinSameGap(causes);
  return causes;
}

/**
 * The figure of `f` that moves with a oneValue cause's change, and what it becomes: `f` has the shape (the terms on
 * each side, with their signs) of an identity the value mends, and the term at the place the changed figure holds
 * there, moved by the same amount, makes `f` hold (a total whose part the value changes). Null when no term does:
 * then `f` is not mended by the cause's fix, whatever its gap.
 */
export function followOn(c: Cause, f: Finding): { cell: Operand; to: Decimal } | null {
  if (!c.value || !f.sides) return null;
  const terms = (x: Finding) => [...x.sides!.left, ...x.sides!.right];
  const shape = (x: Finding) =>
    `${x.sides!.left.map((t) => t.sign).join()}|${x.sides!.right.map((t) => t.sign).join()}`;
  for (const m of c.value.mends) {
    if (!m.sides || shape(m) !== shape(f)) continue;
    for (const cell of c.value.cells) {
      const at = terms(m).findIndex((t) => m.operands[t.at].name === cell.name);
      if (at < 0) continue;
      const o = f.operands[terms(f)[at].at];
      const s = solveFor(f, new Set([o.name]));
      const change = c.value.to.minus(num(cell)!);
      if (s && num(o) && s.to.minus(num(o)!).toFixed(2) === change.toFixed(2)) return s;
    }
  }
  return null;
}

/**
 * A cause alone whose gap another cause shows (or its value makes) joins it, named there once; one value's change
 * takes only a finding it mends (followOn). Then a cause alone joins the first alone with its gap.
 */
function joinSameGap(causes: Cause[]): Cause[] {
  const keys = (c: Cause): string[] => [
    ...c.findings.map(gapKey).filter((k): k is string => !!k),
    ...(c.value?.cells.map((o) => c.value!.to.minus(num(o)!).abs().toFixed(2)) ?? []),
  ];
  // A cause of several findings hosts first; then the first finding alone with that gap.
  const hosts = new Map<string, Cause[]>();
  for (const c of causes.filter((x) => x.shares !== 'alone'))
    for (const k of keys(c)) hosts.set(k, [...(hosts.get(k) ?? []), c]);
  const alone = new Map<string, Cause>();
  const joined = new Set<Cause>();
  for (const c of causes.filter((x) => x.shares === 'alone')) {
    const f = c.findings[0];
    const key = gapKey(f);
    if (!key) continue;
    const host =
      hosts.get(key)?.find((h) => h.shares !== 'oneValue' || followOn(h, f) !== null) ?? alone.get(key);
    if (host) {
      host.sameGap.push(f);
      joined.add(c);
    } else alone.set(key, c);
  }
  return causes.filter((c) => !joined.has(c));
}

// ---------------------------------------------------------------- what 二 corrects

/** The open 错误 the 审核意见's 二 lists: each failed check (not one blanks leave undecided), explained or not. */
export function listedErrors(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.severity === '错误' && f.kind !== 'cannotVerify');
}

/**
 * The figures a cause corrects and what each becomes: a finding's correction the data show, the one value two
 * figures should both read, and the figure that moves with it (followOn).
 */
export function causeCorrections(c: Cause): { name: string; to: Decimal }[] {
  const out: { name: string; to: Decimal }[] = [];
  for (const f of allFindings([...c.findings, ...c.sameGap]))
    if (f.correction) out.push({ name: f.correction.operand.name, to: f.correction.to.value });
  for (const o of c.value?.cells ?? []) out.push({ name: o.name, to: c.value!.to });
  for (const f of c.sameGap) {
    const s = c.value ? followOn(c, f) : null;
    if (s) out.push({ name: s.cell.name, to: s.to });
  }
  return out;
}

/** Every figure the causes correct, with what it becomes (a later cause's word on a figure standing). */
export function correctionsOf(causes: Cause[]): Map<string, { to: Decimal }> {
  return new Map(causes.flatMap((c) => causeCorrections(c).map(({ name, to }) => [name, { to }] as const)));
}

/** The failed identities on the figures (错误 on them, not on a rate or a self-score), nested ones included. */
export function failedIdentities(findings: Finding[]): Finding[] {
  return allFindings(findings).filter(
    (f) => f.severity === '错误' && f.kind !== 'cannotVerify' && !ABOUT_A_RESULT.includes(f.family)
  );
}

/** The gap of a failed identity with the corrected figures read as corrected, or null when a figure is blank. */
export function gapWith(f: Finding, corrected: ReadonlyMap<string, { to: Decimal }>): Decimal | null {
  if (!f.sides) return null;
  const value = (o: Operand) => corrected.get(o.name)?.to ?? num(o);
  const terms = [
    ...f.sides.left.map((t) => ({ o: f.operands[t.at], sign: t.sign })),
    ...f.sides.right.map((t) => ({ o: f.operands[t.at], sign: -t.sign })),
  ];
  if (terms.some((t) => value(t.o) === null)) return null;
  return terms.reduce((a, t) => a.plus(value(t.o)!.times(t.sign)), ZERO);
}

/** Each figure's net sign in a finding's sides (left − right), once per finding: a figure's share of its gap. */
const coefficients = new WeakMap<Finding, Map<string, { coef: number; count: number; o: Operand }>>();
function coefficientsOf(f: Finding): Map<string, { coef: number; count: number; o: Operand }> {
  let m = coefficients.get(f);
  if (!m) {
    m = new Map();
    const terms = f.sides
      ? [
          ...f.sides.left.map((t) => ({ o: f.operands[t.at], sign: t.sign })),
          ...f.sides.right.map((t) => ({ o: f.operands[t.at], sign: -t.sign })),
        ]
      : [];
    for (const t of terms) {
      const e = m.get(t.o.name);
      m.set(
        t.o.name,
        e ? { ...e, coef: e.coef + t.sign, count: e.count + 1 } : { coef: t.sign, count: 1, o: t.o }
      );
    }
    coefficients.set(f, m);
  }
  return m;
}

/** gapWith per (values, finding), for values maps reused across many calls (the memo's corrections). */
const gapsUnder = new WeakMap<ReadonlyMap<string, { to: Decimal }>, WeakMap<Finding, Decimal | null>>();
function cachedGap(f: Finding, values: ReadonlyMap<string, { to: Decimal }>): Decimal | null {
  let byFinding = gapsUnder.get(values);
  if (!byFinding) gapsUnder.set(values, (byFinding = new WeakMap()));
  if (!byFinding.has(f)) byFinding.set(f, gapWith(f, values));
  return byFinding.get(f)!;
}

/**
 * gapWith(f, values with `name` set to `to`), without copying the values or summing every operand again: the gap
 * under the values moves by the figure's net sign times its change. Thousands of rows in one sum cost each row O(1).
 */
export function gapWithOne(
  f: Finding,
  values: ReadonlyMap<string, { to: Decimal }>,
  name: string,
  to: Decimal
): Decimal | null {
  const own = coefficientsOf(f).get(name);
  const base = cachedGap(f, values);
  if (!own) return base;
  const before = values.get(name)?.to ?? num(own.o);
  if (base === null || before === null) return gapWith(f, new Map([...values, [name, { to }]]));
  return base.plus(to.minus(before).times(own.coef));
}

const NO_VALUES: ReadonlyMap<string, { to: Decimal }> = new Map();

/** The gap as listed (gapWith with no corrections), once per finding. */
export function listedGap(f: Finding): Decimal | null {
  return cachedGap(f, NO_VALUES);
}

/**
 * False only where solvedBy must be null, in O(1): the figure is not once in the sides, or its value leaves a gap.
 * Where the gap is unknown it defers (true), so `mightSolve(…) && solvedBy(…)` is solvedBy.
 */
export function mightSolve(f: Finding, name: string, to: Decimal): boolean {
  const own = coefficientsOf(f).get(name);
  if (!own || own.count !== 1) return false;
  const gap = gapWithOne(f, NO_VALUES, name, to);
  return gap === null || gap.isZero();
}

/** Whether a figure is among a finding's operands, without scanning them (an index per finding). */
export function hasOperand(f: Finding, name: string): boolean {
  let names = operandNames.get(f);
  if (!names) operandNames.set(f, (names = new Set(f.operands.map((o) => o.name))));
  return names.has(name);
}
const operandNames = new WeakMap<Finding, Set<string>>();

/**
 * A figure as a benchmark once the corrections are made: its corrected value, or its own where every failed
 * identity it is in holds once corrected; null when one still fails (a 追加 total another entry shows too high).
 */
export function benchmark(
  o: Operand,
  failed: Finding[],
  corrected: ReadonlyMap<string, { to: Decimal }>
): Decimal | null {
  const failing = failed.filter((f) => f.operands.some((x) => x.name === o.name));
  if (!failing.every((f) => gapWith(f, corrected)?.isZero())) return null;
  return corrected.get(o.name)?.to ?? num(o);
}

/**
 * This year's figure each of a marked block's figures is compared with (another table's, by a rule that may
 * legitimately differ), and its value once the corrections are made: only where they mend every failed identity
 * it is in. One pair to each such figure.
 */
export function thisYearPairs(
  c: Cause,
  figures: readonly string[],
  failed: Finding[],
  corrected: ReadonlyMap<string, { to: Decimal }>
): { mine: Operand; theirs: Operand; to: Decimal }[] {
  return allFindings([...c.findings, ...(c.previousYear?.notices ?? [])])
    .filter((f) => f.kind === 'mismatch' && f.operands.length === 2)
    .flatMap((f) => {
      const mine = f.operands.find((o) => figures.includes(o.name));
      const theirs = f.operands.find((o) => o !== mine);
      const to = theirs ? benchmark(theirs, failed, corrected) : null;
      return mine && theirs && to ? [{ mine, theirs, to }] : [];
    })
    .filter((x, i, all) => all.findIndex((y) => y.theirs.name === x.theirs.name) === i);
}

/**
 * The other figures of an identity that does not hold, each with the sign it takes, where the identity solved for
 * the figure `name` gives `to` to the cent (figure = Σ sign·term): how a corrected value is reached. Null when the
 * figure is not one term of it, a term is blank, or it gives another value.
 */
export function solvedBy(f: Finding, name: string, to: Decimal): { o: Operand; sign: 1 | -1 }[] | null {
  const terms = termsOf(f);
  const own = terms?.filter((t) => t.o.name === name) ?? [];
  if (!terms || own.length !== 1) return null;
  // own·x + Σ rest = 0 (left − right), so x = Σ −(own·rest)·rest.
  const rest = terms
    .filter((t) => t !== own[0])
    .map((t) => ({ o: t.o, sign: (t.sign * own[0].sign > 0 ? -1 : 1) as 1 | -1 }));
  const value = rest.reduce((a, t) => a.plus(num(t.o)!.times(t.sign)), ZERO);
  return value.eq(to) ? rest : null;
}
