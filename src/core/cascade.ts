/**
 * Cascades: findings that share a suspect cell are folded under the one most likely to be the cause,
 * and findings that declare what they follow from are nested under it.
 */
import { CHECK_FAMILIES } from '../catalogue/checks';
import type { CheckFamily, Comparison } from '../catalogue/contract';
import type { Evaluated } from './comparison';
import { foldedUnder } from './findingTree';
import type { Finding, Operand } from './results';
import type { FindingSeverity } from './types';

/** What a failed comparison or notice became, before folding. */
export interface Raw {
  finding: Finding;
  family: CheckFamily;
  /** The severity declared for it: how strong the evidence is (folding weighs by it). */
  declared: FindingSeverity;
  order: number;
  /** Keys (address or name) of the cells whose error would explain the finding. */
  suspects: string[];
  suspectOperands: Operand[];
  checkId: string;
  key?: string;
  follows?: string[];
  /** The failed comparison and how it was decided (advice from the data reads them). */
  comparison?: Comparison;
  evaluated?: Evaluated;
}

/** The key a suspect cell is counted by: its address, else its name. */
export function keyOf(o: Operand): string {
  return o.address ?? o.name;
}

export const SEVERITY_RANK: Record<FindingSeverity, number> = { 错误: 0, 提示: 1, 待补: 2 };

/** Nests findings that declare what they follow from (a 一级 score under its wrong 三级 score). */
export function nestDeclared(raws: Raw[]): Raw[] {
  const byKey = new Map(raws.filter((r) => r.key).map((r) => [`${r.checkId}|${r.key}`, r]));
  const nested = new Set<Raw>();
  for (const r of raws) {
    const parent = r.follows?.map((k) => byKey.get(`${r.checkId}|${k}`)).find((p) => p && p !== r);
    if (parent) {
      (parent.finding.consequences ??= []).push(r.finding);
      nested.add(r);
    }
  }
  return raws.filter((r) => !nested.has(r));
}

/**
 * Folds findings that share a suspect cell: the cell in the most failing checks (less the holding
 * identities it also takes part in) is taken as the wrong figure; the most specific finding about it
 * becomes the root and the others its consequences. Ties go to the cell named first (by finding, then by
 * its place among the finding's suspects).
 *
 * Incremental, so a 10,000-row table whose rows each fail stays linear: folding only removes findings, so
 * a cell's counts only fall and its first mention only moves later. Its priority can only drop, and a
 * max-heap whose stale entries are re-queued when they surface gives the same pick as a full recount.
 */
export function fold(raws: Raw[], passes: Map<string, number>): Raw[] {
  const removed: boolean[] = raws.map(() => false);
  // Weights: a failing 错误 counts 2, a failing 提示 or an undecided 待补 (weaker evidence) 1, a holding identity −2.
  const fails = new Map<string, number>();
  const weight = new Map<string, number>();
  const unique = raws.map((r) => [...new Set(r.suspects)]);
  const mentions = new Map<string, Array<[raw: number, place: number]>>();
  unique.forEach((keys, i) =>
    keys.forEach((k, place) => {
      if (!mentions.has(k)) mentions.set(k, []);
      mentions.get(k)!.push([i, place]);
      fails.set(k, (fails.get(k) ?? 0) + 1);
      weight.set(k, (weight.get(k) ?? 0) + (raws[i].declared === '错误' ? 2 : 1));
    })
  );
  const skipped = new Map<string, number>();
  // A cell all of whose findings were folded away is mentioned nowhere (and fails nowhere) any more.
  const firstMention = (k: string): [number, number] => {
    const list = mentions.get(k)!;
    let at = skipped.get(k) ?? 0;
    while (at < list.length && removed[list[at][0]]) at++;
    skipped.set(k, at);
    return list[at] ?? [raws.length, 0];
  };
  const entryOf = (key: string): Candidate => {
    const [raw, place] = firstMention(key);
    return { key, score: weight.get(key)! - 2 * (passes.get(key) ?? 0), fails: fails.get(key)!, raw, place };
  };
  const eligible = (c: Candidate) => c.fails >= 2 && c.score > 2;
  const queue = new MaxHeap<Candidate>(
    (a, b) => a.score - b.score || a.fails - b.fails || b.raw - a.raw || b.place - a.place
  );
  for (const k of mentions.keys()) {
    const c = entryOf(k);
    if (eligible(c)) queue.push(c);
  }
  for (let top = queue.pop(); top; top = queue.pop()) {
    const now = entryOf(top.key);
    if (
      now.score !== top.score ||
      now.fails !== top.fails ||
      now.raw !== top.raw ||
      now.place !== top.place
    ) {
      if (eligible(now)) queue.push(now);
      continue;
    }
    const key = top.key;
    const group = mentions
      .get(key)!
      .filter(([i]) => !removed[i])
      .map(([i]) => i);
    group.sort(
      (i, j) =>
        SEVERITY_RANK[raws[i].declared] - SEVERITY_RANK[raws[j].declared] ||
        CHECK_FAMILIES.indexOf(raws[i].family) - CHECK_FAMILIES.indexOf(raws[j].family) ||
        raws[i].suspects.length - raws[j].suspects.length ||
        raws[i].order - raws[j].order
    );
    const [root, ...rest] = group.map((i) => raws[i]);
    // The blamed cell is the one to check first (the first blamed, when a root collects more).
    root.finding.primary ??= root.suspectOperands.find((o) => keyOf(o) === key) ?? {
      name: key,
      label: key,
      value: null,
    };
    // A root stays in play: a later shared cell may bring more consequences (or nest it under another root).
    (root.finding.consequences ??= []).push(...rest.map((r) => r.finding));
    for (const i of group.slice(1)) {
      removed[i] = true;
      for (const k of unique[i]) {
        fails.set(k, fails.get(k)! - 1);
        weight.set(k, weight.get(k)! - (raws[i].declared === '错误' ? 2 : 1));
      }
    }
  }
  return raws.filter((_, i) => !removed[i]);
}

/** A cell that may be picked as the wrong figure, with what its pick is decided by. */
interface Candidate {
  key: string;
  score: number;
  fails: number;
  /** Its first mention: the finding's index and its place among that finding's suspects. */
  raw: number;
  place: number;
}

/** A binary max-heap by `above` (positive when a ranks above b). */
class MaxHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly above: (a: T, b: T) => number) {}
  push(x: T): void {
    const a = this.items;
    a.push(x);
    for (let i = a.length - 1; i > 0;) {
      const up = (i - 1) >> 1;
      if (this.above(a[i], a[up]) <= 0) break;
      [a[i], a[up]] = [a[up], a[i]];
      i = up;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length && last !== undefined) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < a.length && this.above(a[l], a[best]) > 0) best = l;
        if (r < a.length && this.above(a[r], a[best]) > 0) best = r;
        if (best === i) break;
        [a[i], a[best]] = [a[best], a[i]];
        i = best;
      }
    }
    return top;
  }
}

/** Whether a finding or anything folded under it is an 错误. */
export function explainsAnError(f: Finding): boolean {
  return f.severity === '错误' || foldedUnder(f).some((c) => c.severity === '错误');
}
