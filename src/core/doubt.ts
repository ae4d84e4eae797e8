/**
 * Which inputs a finding puts in question. Two readings, one place:
 * - doubtedInputs: what an 错误 says may be wrong. The report marks a figure built on one 【待核对】 and the
 *   审核意见 names it where a rate is recomputed from it.
 * - questionedInputs, the verification rule: a score line is 核实 only when none of its inputs is party to an
 *   unexplained finding that questions its value — an 错误, or a 提示 of a family that questions values
 *   (QUESTIONING_NOTICES: 口径) without a written reason in 出错说明 — unless its points are the same
 *   whichever value is right (ScoreLine.sameEitherWay). src/core/verify.ts applies it once, in the engine.
 */
import { QUESTIONING_NOTICES } from '../catalogue/checks';
import type { CheckFamily } from '../catalogue/contract';
import { INPUT_BY_NAME } from '../catalogue/inputs';
import { allFindings } from './findingTree';
import { shortLabel } from './reconcile';
import type { Finding } from './results';

/**
 * Families whose finding is about a stated rate or a self-score, not about the figures it reads: a 比率 finding
 * does not put the rate's inputs in doubt, nor a 评分 finding the score lines.
 */
export const ABOUT_A_RESULT: readonly string[] = ['比率', '评分'];

/** The figures each 错误 puts in question, before any is confirmed, in the order findings are read. */
function doubting(findings: readonly Finding[]): Array<{ f: Finding; names: string[] }> {
  const out: Array<{ f: Finding; names: string[] }> = [];
  const visit = (f: Finding) => {
    if (f.severity !== '错误' || f.kind === 'cannotVerify' || ABOUT_A_RESULT.includes(f.family)) return;
    // A correction names the one wrong figure, and what is folded under it follows from that figure alone.
    const ops = f.correction ? [f.correction.operand] : f.slip ? [f.slip.operand] : f.operands;
    out.push({ f, names: [...new Set(ops.map((o) => o.name))] });
    if (!f.correction) for (const x of f.consequences ?? []) visit(x);
  };
  for (const f of findings) visit(f);
  return out;
}

/**
 * The inputs an 错误 puts in doubt, each with the finding that does: the figure a correction names where the
 * data show which one is wrong (the others agree with an independent source), else every figure of the failed
 * identity (any of them may be the wrong one) but those two independent sources agree on (confirmFigures). A
 * 提示 may legitimately differ and a blank never accuses.
 */
export function doubtedInputs(findings: readonly Finding[]): Map<string, Finding> {
  return new Map([...doubtedBy(findings)].map(([n, fs]) => [n, fs.find((f) => aboutItsOwn(n, f)) ?? fs[0]]));
}

/** The inputs an 错误 puts in doubt (doubtedInputs), each with every 错误 that does. */
function doubtedBy(findings: readonly Finding[]): Map<string, Finding[]> {
  const all = new Map<string, Finding[]>();
  for (const { f, names } of doubting(findings)) {
    const confirmed = new Set((f.confirmed ?? []).map((c) => c.name));
    const copies = (f.copies ?? []).map((c) => c.name);
    for (const n of [...names.filter((x) => !confirmed.has(x) && !oneRowOfMany(x, f)), ...copies])
      if (all.has(n)) all.get(n)!.push(f);
      else all.set(n, [f]);
  }
  return all;
}

/** The table a row figure is of (`人员情况表` of `人员情况表[某单位].在职人数`), undefined for a scalar. */
const rowTable = (name: string) => /^([^[]+)\[.+\]/.exec(name)?.[1];

/**
 * The table whose rows a finding sums against another table's total: every figure after the checked one is a row
 * of it, and there are several. Which row is wrong the sum does not say, so the total and the sum carry the doubt,
 * not each row (a row another finding questions is in doubt by that one). Undefined otherwise. Cached per finding:
 * a sum over 10,000 rows asks it for each row.
 */
const summedRows = new WeakMap<Finding, string | undefined>();
function summedRowTable(f: Finding): string | undefined {
  if (summedRows.has(f)) return summedRows.get(f);
  const checked = f.operands[0]?.name;
  const rows = f.operands.slice(1);
  const table = rows.length > 1 ? rowTable(rows[0].name) : undefined;
  const found =
    checked && table && rowTable(checked) !== table && rows.every((o) => rowTable(o.name) === table)
      ? table
      : undefined;
  summedRows.set(f, found);
  return found;
}

/** True when a figure is one of several rows of a table whose sum another table's total fails (summedRowTable). */
function oneRowOfMany(name: string, f: Finding): boolean {
  const table = summedRowTable(f);
  return table !== undefined && name !== f.operands[0]?.name && rowTable(name) === table;
}

/**
 * True when a finding checks the figure's own quantity (the figure it checks has the figure's label): of the
 * identities a figure fails, the one about its own quantity is the one its 【待核对】 cites (a 日常公用经费 in a sum
 * of 日常公用经费, not in a sum of 人员经费 it is subtracted in).
 */
function aboutItsOwn(name: string, f: Finding): boolean {
  const label = (n: string) => shortLabel(INPUT_BY_NAME.get(n.replace(/\[.*$/, ''))?.label ?? '');
  const own = label(name);
  const checked = f.operands[0]?.name;
  return own !== '' && checked !== undefined && checked !== name && label(checked) === own;
}

/** An identity that holds (an equation, decided): the figures it states, by input name. */
export interface HoldingIdentity {
  /** The check id. */
  id: string;
  family: string;
  names: string[];
}

/** Families whose identity that holds confirms its figures: sums, the same figure in two tables, balances, carry-overs. */
export const CONFIRMING_FAMILIES: readonly string[] = ['合计', '一致', '平衡', '衔接'];

/**
 * Families whose identity that holds between two figures says they are one figure stated twice. Where the two are
 * no independent sources (a 口径 restatement, which may legitimately differ and so confirms nothing, or a copy in
 * another cell of the same table), the copy of a figure in doubt is in doubt with it.
 */
export const SAME_FIGURE_FAMILIES: readonly string[] = ['一致', '口径', '衔接'];

/** The table a figure is read from (a table cell's, by its table). */
const tableOf = (name: string): string => INPUT_BY_NAME.get(name.replace(/\[.*$/, ''))?.sheet ?? name;

/**
 * Which figures of the failed identities two independent sources agree on, written on each finding that doubts
 * them (`confirmed`). The rule, for an identity that holds: the same quantity stated in two tables confirms both
 * figures; a sum (three figures or more) confirms each figure whose other figures nothing questions, and a sum
 * within one table each of its figures that nothing questions but failed sums setting it, alone of its table,
 * against other tables' figures: 财拨 基本 = 人员 + 公用 holding confirms the three against failed 部门 = 财拨 +
 * 其他资金 sums, whose 部门 totals then carry the doubt, unless its own table disputes one of them (财拨 基本支出
 * against the 收支 part's): then the figure the own-table sum holds with may be the wrong one too. A figure
 * confirmed no longer doubts the others, so confirmation spreads until nothing changes; a copy of one figure in
 * two cells of one table is no second source. Never confirmed: the figure a correction or a unit slip names, or
 * the cell a fold blames (the 审核意见 tells the unit to change or check it); and where every figure a failed
 * identity doubts would be confirmed, the sources contradict each other: all of them stay in doubt. The figures
 * still in doubt carry it to their copies that no second source confirms (`copies`, copiesOf).
 */
export function confirmFigures(findings: readonly Finding[], holding: readonly HoldingIdentity[]): void {
  const doubts = doubting(findings);
  const pair = (h: HoldingIdentity) => h.names.length === 2;
  const identities = holding.filter(
    (h) =>
      CONFIRMING_FAMILIES.includes(h.family) &&
      h.names.length >= 2 &&
      !(pair(h) && tableOf(h.names[0]) === tableOf(h.names[1]))
  );
  const pinned = new Set(
    doubts.flatMap(({ f }) =>
      [f.correction?.operand, f.slip?.operand, f.correction ? undefined : f.primary].flatMap((o) =>
        o ? [o.name] : []
      )
    )
  );
  const all = [...new Set(doubts.flatMap((d) => d.names))];
  const ownTable = (h: HoldingIdentity) => h.names.every((m) => tableOf(m) === tableOf(h.names[0]));
  // A figure every doubt on which sets it, alone of its table, against other tables' figures (部门 = 财拨 + 其他资金):
  // those may as well be the wrong ones, so within its own table it still corroborates the figures it sums with.
  const otherTablesMayBeWrong = (m: string) =>
    doubts
      .filter((d) => d.names.includes(m))
      .every((d) => d.names.length >= 3 && d.names.filter((x) => tableOf(x) === tableOf(m)).length === 1);
  for (;;) {
    const confirmed = new Map<string, string>();
    for (let grown = true; grown;) {
      grown = false;
      const inDoubt = new Set(all.filter((n) => !confirmed.has(n)));
      for (const n of all) {
        if (confirmed.has(n) || pinned.has(n)) continue;
        const by = identities.find(
          (h) =>
            h.names.includes(n) &&
            (pair(h) ||
              h.names.every((m) => m === n || !inDoubt.has(m)) ||
              (ownTable(h) &&
                h.names.every((m) => !inDoubt.has(m) || (!pinned.has(m) && otherTablesMayBeWrong(m)))))
        );
        if (by) {
          confirmed.set(n, by.id);
          grown = true;
        }
      }
    }
    const contradicted = doubts.filter((d) => d.names.length > 0 && d.names.every((n) => confirmed.has(n)));
    if (contradicted.length > 0) {
      for (const d of contradicted) for (const n of d.names) pinned.add(n);
      continue;
    }
    for (const { f, names } of doubts) {
      const mine = names.filter((n) => confirmed.has(n)).map((n) => ({ name: n, by: confirmed.get(n)! }));
      if (mine.length > 0) f.confirmed = mine;
      else delete f.confirmed;
      const copies = copiesOf(
        names.filter((n) => !confirmed.has(n)),
        holding.filter((h) => !identities.includes(h))
      );
      if (copies.length > 0) f.copies = copies;
      else delete f.copies;
    }
    return;
  }
}

/**
 * The figures an identity that holds, and confirms nothing, states as one of `names` (SAME_FIGURE_FAMILIES, two
 * figures), and copies of those in turn, each with the figure it copies and the identity: the same number, so
 * whatever puts the one in doubt puts the other (公用经费控制率's 公用经费决算数 restates 财政拨款表's 日常公用经费 a
 * failed identity disputes).
 */
function copiesOf(
  names: readonly string[],
  holding: readonly HoldingIdentity[]
): Array<{ name: string; of: string; by: string }> {
  const pairs = holding.filter((h) => SAME_FIGURE_FAMILIES.includes(h.family) && h.names.length === 2);
  const seen = new Set(names);
  const out: Array<{ name: string; of: string; by: string }> = [];
  for (let i = 0, queue = [...names]; i < queue.length; i++)
    for (const h of pairs.filter((p) => p.names.includes(queue[i]))) {
      const other = h.names.find((n) => n !== queue[i])!;
      if (seen.has(other)) continue;
      seen.add(other);
      queue.push(other);
      out.push({ name: other, of: queue[i], by: h.id });
    }
  return out;
}

/** True for a 提示 that questions the value of its figures until the unit writes why (an unexplained 口径 difference). */
export function questionsValue(f: Finding): boolean {
  return (
    f.severity === '提示' &&
    f.kind !== 'cannotVerify' &&
    !f.explanation &&
    QUESTIONING_NOTICES.includes(f.family as CheckFamily)
  );
}

/**
 * The inputs whose value a finding questions, each with the finding (an 错误's first): those an 错误 puts in
 * doubt, then every figure of an unexplained questioning 提示, at any depth of the finding tree.
 */
export function questionedInputs(findings: readonly Finding[]): Map<string, Finding> {
  const out = doubtedInputs(findings);
  for (const f of allFindings([...findings]))
    if (questionsValue(f)) for (const o of f.operands) if (!out.has(o.name)) out.set(o.name, f);
  return out;
}

/**
 * The inputs whose value a finding questions (questionedInputs), each with every finding that does: the values
 * they give for it are the candidates a score line is tried with (ScoreLine.sameEitherWay).
 */
export function questionedBy(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = doubtedBy(findings);
  for (const f of allFindings([...findings]))
    if (questionsValue(f)) for (const o of f.operands) out.set(o.name, [...(out.get(o.name) ?? []), f]);
  return out;
}

/**
 * The figure each unexplained questioning 提示 checks (its first operand), with the 提示: the report asks the unit
 * for the written reason there. A figure an 错误 already puts in doubt carries that 【待核对】 instead.
 */
export function unexplainedNotices(findings: readonly Finding[]): Map<string, Finding> {
  const doubted = doubtedInputs(findings);
  const out = new Map<string, Finding>();
  for (const f of allFindings([...findings])) {
    const checked = f.operands[0]?.name;
    if (checked && questionsValue(f) && !doubted.has(checked) && !out.has(checked)) out.set(checked, f);
  }
  return out;
}
