/**
 * The three groups the pane and the CLI show findings in (错误, 提示, 待补), their counts and the one counts
 * sentence, all taken from the core's data (each finding's severity and src/core/summary.ts's counts),
 * never parsed out of strings.
 */
import type { EvaluationSummary } from './engine';
import type { Finding } from './results';

export type FindingGroup = '错误' | '提示' | '待补';

/** The groups in the order every surface lists them. */
export const FINDING_GROUPS: readonly FindingGroup[] = ['错误', '提示', '待补'];

export interface GroupedFindings {
  /** The group a top-level finding is listed in. */
  groupOf(f: Finding): FindingGroup;
  /** Top-level findings per group, in list order. */
  roots: Record<FindingGroup, Finding[]>;
  /** Top-level findings per group. */
  counts: Record<FindingGroup, number>;
  /** Findings folded under a top-level one (连带问题). */
  folded: number;
  /** `错误 9 项、提示 5 项；待补 7 项（另有连带问题 9 项）`, or `未发现问题`. */
  sentence: string;
}

export function groupFindings(findings: readonly Finding[], summary: EvaluationSummary): GroupedFindings {
  const groupOf = (f: Finding): FindingGroup => f.severity;
  const roots: Record<FindingGroup, Finding[]> = { 错误: [], 提示: [], 待补: [] };
  for (const f of findings) roots[groupOf(f)].push(f);
  return {
    groupOf,
    roots,
    counts: { 错误: summary.errors, 提示: summary.warnings, 待补: summary.missing },
    folded: summary.folded,
    sentence: summary.counts,
  };
}
