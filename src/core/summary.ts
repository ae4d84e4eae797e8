/**
 * The one definition of the run's headline figures, used by every surface (CLI, JSON, the pane's
 * card, tab badge and group headers, 问题清单, the 审核意见), so they cannot disagree:
 * - the findings at the top level (roots), split by severity: 错误, 提示, and 待补 (blanks to fill, neither);
 * - 连带问题: the findings folded under a root, at any depth, counted apart;
 * - 核实得分 / 待核实分值 and the grade the verified points allow (a range while points are pending).
 */
import type Decimal from 'decimal.js';
import { fixed, ZERO } from './decimal';
import type { Completeness } from './completeness';
import { consequenceCount } from './findingTree';
import type { Finding, Grade, ScoreSheet } from './results';

export interface FindingCounts {
  /** Top-level findings of every severity (the items the list shows). */
  problems: number;
  errors: number;
  warnings: number;
  /** 待补: top-level findings whose cause is a blank to fill. */
  missing: number;
  /** Findings folded under a top-level one (连带问题), at any depth. */
  folded: number;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const of = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  return {
    problems: findings.length,
    errors: of('错误'),
    warnings: of('提示'),
    missing: of('待补'),
    folded: findings.reduce((n, f) => n + consequenceCount(f), 0),
  };
}

/** `错误 9 项、提示 5 项；待补 7 项（另有连带问题 3 项）`, or `未发现问题`: the one counts sentence of every surface. */
export function countsText(c: FindingCounts): string {
  if (c.problems === 0) return '未发现问题';
  const folded = c.folded ? `（另有连带问题 ${c.folded} 项）` : '';
  return `错误 ${c.errors} 项、提示 ${c.warnings} 项；待补 ${c.missing} 项${folded}`;
}

/** The points not yet verified (0 when none). */
export function pendingPointsOf(scores: ScoreSheet): Decimal {
  return scores.pendingPoints ?? ZERO;
}

/** The grade the verified points allow: one grade when certain, else `中～良` (lowest to highest reachable). */
export function gradeRange(scores: ScoreSheet): string {
  const high: Grade = scores.gradeAtMost ?? scores.grade;
  return high === scores.grade ? scores.grade : `${scores.grade}～${high}`;
}

/** `优`, or `良～优（待核实 8 分）`. */
export function gradeText(scores: ScoreSheet): string {
  const range = gradeRange(scores);
  return range === scores.grade
    ? range
    : `${range}（待核实 ${pendingPointsOf(scores).toDecimalPlaces(2).toString()} 分）`;
}

/** `核实得分 79.64 分，待核实分值 8.00 分` (the second part only when points are pending). */
export function scoreText(scores: ScoreSheet): string {
  const pending = pendingPointsOf(scores);
  return `核实得分 ${fixed(scores.total)} 分${pending.isZero() ? '' : `，待核实分值 ${fixed(pending)} 分`}`;
}

/** `必填 20 项已填 18 项；计分所需 96 项已填 71 项`. */
export function completenessText(c: Completeness): string {
  return `必填 ${c.required.total} 项已填 ${c.required.filled} 项；计分所需 ${c.scoring.total} 项已填 ${c.scoring.filled} 项`;
}

/** What the report's sentences state, from the same definitions as every other surface. */
export interface Headline {
  /** `错误 22 项、提示 2 项；待补 5 项（另有连带问题 9 项）`. */
  counts: string;
  /** `核实得分 79.64 分，待核实分值 8.00 分`, or null when not scored. */
  score: string | null;
  /** `优` / `中～良（待核实 8 分）`, or null when 数据不完整 or not scored. */
  grade: string | null;
  /** Points not verified (0 when none). */
  pending: Decimal;
}

export function headline(scores: ScoreSheet | null, findings: readonly Finding[], complete = true): Headline {
  return {
    counts: countsText(countFindings(findings)),
    score: scores ? scoreText(scores) : null,
    grade: scores && complete ? gradeText(scores) : null,
    pending: scores ? pendingPointsOf(scores) : ZERO,
  };
}
