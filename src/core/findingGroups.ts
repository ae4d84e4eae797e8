/**
 * The three groups the pane and the CLI show findings in (错误, 提示, 待补), their counts and the one counts
 * sentence, taken from the core's data, never parsed out of strings.
 *
 * Adapter, to swap once the core gives 待补 itself (issue 20 item 3: a 待补 severity and `summary.missing`):
 * when the summary carries `missing`, every finding's group is its own severity and the sentence is
 * `summary.counts`. Until then a finding about blank inputs — a check or score line that cannot be
 * verified for them (`cannotVerify`), a required input left blank — is grouped as 待补 here, and the
 * sentence is composed from these groups in the words the core will use.
 */
import type { EvaluationSummary } from './engine';
import { consequenceCount } from './findingTree';
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

/** The summary as the core gives it once 待补 is its own (the field is absent before). */
type SummaryWithMissing = EvaluationSummary & { missing?: number };

/** Input diagnostics (family 输入) that say a required input is blank or absent: `input.<code>.<where>`. */
const BLANK_INPUT = /^input\.required-(blank|missing)\./;

/** Today's stand-in for the core's 待补: a finding whose only cause is a blank input. */
function aboutBlanks(f: Finding): boolean {
  return f.kind === 'cannotVerify' || BLANK_INPUT.test(f.id);
}

function sentenceOf(counts: Record<FindingGroup, number>, folded: number): string {
  const problems = [counts.错误 ? `错误 ${counts.错误} 项` : '', counts.提示 ? `提示 ${counts.提示} 项` : '']
    .filter(Boolean)
    .join('、');
  const missing = counts.待补 ? `待补 ${counts.待补} 项` : '';
  const head = [problems, missing].filter(Boolean).join('；');
  if (!head) return '未发现问题';
  return `${head}${folded ? `（另有连带问题 ${folded} 项）` : ''}`;
}

export function groupFindings(findings: readonly Finding[], summary: EvaluationSummary): GroupedFindings {
  const s = summary as SummaryWithMissing;
  const coreGivesMissing = typeof s.missing === 'number';
  const groupOf = (f: Finding): FindingGroup =>
    coreGivesMissing ? (f.severity as FindingGroup) : aboutBlanks(f) ? '待补' : f.severity;
  const roots: Record<FindingGroup, Finding[]> = { 错误: [], 提示: [], 待补: [] };
  for (const f of findings) roots[groupOf(f)].push(f);
  const derived = { 错误: roots.错误.length, 提示: roots.提示.length, 待补: roots.待补.length };
  const counts = coreGivesMissing ? { 错误: s.errors, 提示: s.warnings, 待补: s.missing! } : derived;
  const folded = coreGivesMissing ? s.folded : findings.reduce((n, f) => n + consequenceCount(f), 0);
  return {
    groupOf,
    roots,
    counts,
    folded,
    sentence: coreGivesMissing ? s.counts : sentenceOf(counts, folded),
  };
}
