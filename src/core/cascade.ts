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
 * becomes the root and the others its consequences.
 */
export function fold(raws: Raw[], passes: Map<string, number>): Raw[] {
  let remaining = [...raws];
  for (;;) {
    // Weights: a failing 错误 counts 2, a failing 提示 or an undecided 待补 (weaker evidence) 1, a holding identity −2.
    const fails = new Map<string, number>();
    const weight = new Map<string, number>();
    const firstSeen: string[] = [];
    for (const r of remaining)
      for (const k of new Set(r.suspects)) {
        if (!fails.has(k)) firstSeen.push(k);
        fails.set(k, (fails.get(k) ?? 0) + 1);
        weight.set(k, (weight.get(k) ?? 0) + (r.declared === '错误' ? 2 : 1));
      }
    let best: string | null = null;
    let bestScore = 2;
    let bestFails = 0;
    for (const k of firstSeen) {
      const f = fails.get(k)!;
      const score = weight.get(k)! - 2 * (passes.get(k) ?? 0);
      if (f >= 2 && (score > bestScore || (score === bestScore && best !== null && f > bestFails))) {
        best = k;
        bestScore = score;
        bestFails = f;
      }
    }
    if (best === null) break;
    const key = best;
    const group = remaining.filter((r) => r.suspects.includes(key));
    group.sort(
      (x, y) =>
        SEVERITY_RANK[x.declared] - SEVERITY_RANK[y.declared] ||
        CHECK_FAMILIES.indexOf(x.family) - CHECK_FAMILIES.indexOf(y.family) ||
        x.suspects.length - y.suspects.length ||
        x.order - y.order
    );
    const [root, ...rest] = group;
    // The blamed cell is the one to check first (the first blamed, when a root collects more).
    root.finding.primary ??= root.suspectOperands.find((o) => keyOf(o) === key) ?? {
      name: key,
      label: key,
      value: null,
    };
    // A root stays in play: a later shared cell may bring more consequences (or nest it under another root).
    root.finding.consequences = [...(root.finding.consequences ?? []), ...rest.map((r) => r.finding)];
    remaining = remaining.filter((r) => !rest.includes(r));
  }
  return remaining;
}

/** Whether a finding or anything folded under it is an 错误. */
export function explainsAnError(f: Finding): boolean {
  return f.severity === '错误' || foldedUnder(f).some((c) => c.severity === '错误');
}
