/**
 * How complete the inputs are, measured before a total is believed: the required inputs filled, the
 * inputs scoring needs filled, and — when too few are — the ones that matter most, by the points
 * that depend on them. Below the threshold the run is 数据不完整: no total or grade is shown as real.
 */
import type Decimal from 'decimal.js';
import { INPUTS, INPUT_BY_NAME } from '../catalogue/inputs';
import { ZERO } from './decimal';
import type { Model } from './model';
import type { IndicatorResult, ScoreSheet } from './results';

/** The run counts as complete when at least this share of the inputs scoring needs is filled (as a fraction n/d, compared in integers). */
export const COMPLETE_SHARE = { filled: 1, of: 2 } as const;
/** How many missing inputs the pane and the CLI name. */
export const MOST_NEEDED = 10;

export interface NeededInput {
  name: string;
  label: string;
  /** `Sheet!A1`, or the table's range, when the name resolves. */
  address?: string;
  /** Points of the score lines that cannot be scored without it. */
  points: Decimal;
}

export interface Completeness {
  required: { total: number; filled: number };
  scoring: { total: number; filled: number };
  complete: boolean;
  /**
   * The unfilled inputs that matter most (by points depending on them), at most ten, one line each: a cell, or
   * a table once (the scores not entered in 自评得分表 are one line naming them, not its range once per line).
   */
  mostNeeded: NeededInput[];
}

function filled(model: Model, name: string): boolean {
  return INPUT_BY_NAME.get(name)?.type === 'table'
    ? model.table(name).rows.length > 0
    : model.scalar(name).value !== null;
}

export function measureCompleteness(
  model: Model,
  indicators: IndicatorResult[],
  scores: ScoreSheet | null
): Completeness {
  const required = INPUTS.filter((d) => d.required);
  const requiredFilled = required.filter((d) => filled(model, d.name)).length;

  // Each input scoring needs, once: filled or not, and the points that wait on it.
  const needed = new Map<string, { label: string; address?: string; filled: boolean; points: Decimal }>();
  let counted = new Set<string>();
  const need = (
    key: string,
    label: string,
    address: string | undefined,
    filled: boolean,
    points: Decimal
  ) => {
    // A line's points count once per input, however many of its operands read that input.
    if (counted.has(key)) return;
    counted.add(key);
    const seen = needed.get(key);
    if (!seen) needed.set(key, { label, address, filled, points: filled ? ZERO : points });
    else if (!filled) seen.points = seen.points.plus(points);
  };
  const byId = new Map(indicators.map((r) => [r.id, r]));
  for (const line of scores?.lines ?? []) {
    counted = new Set();
    const result = line.indicator ? byId.get(line.indicator) : undefined;
    if (result && line.indicatorValue !== undefined) {
      for (const o of result.operands) {
        // An indicator that computes had what it needs (an optional blank 其中 line included).
        need(
          o.name,
          o.label,
          o.address,
          result.value !== null || (o.value !== null && filled(model, o.name)),
          line.points
        );
      }
    } else if (!line.indicator || line.indicatorValue === undefined) {
      const missing = line.missingInputs?.[0];
      need(
        `自评:${line.level2}/${line.level3}`,
        missing?.label ?? `“${line.level2}/${line.level3}”自评得分`,
        missing?.address,
        // A score not yet verified was entered all the same, unless only its 二级's claim implies it.
        !line.missing || (line.unverified !== undefined && line.claimBasis === undefined),
        line.points
      );
    }
  }
  // No valid rulebook (its errors are reported apart): what scoring needs is every indicator's inputs.
  if (!scores)
    for (const result of indicators) {
      counted = new Set();
      for (const o of result.operands)
        need(
          o.name,
          o.label,
          o.address,
          result.value !== null || (o.value !== null && filled(model, o.name)),
          ZERO
        );
    }
  const scoringTotal = needed.size;
  const scoringFilled = [...needed.values()].filter((x) => x.filled).length;
  const complete =
    scoringTotal > 0 &&
    scoringFilled * COMPLETE_SHARE.of >= scoringTotal * COMPLETE_SHARE.filled &&
    requiredFilled * COMPLETE_SHARE.of >= required.length * COMPLETE_SHARE.filled;
  const unfilled = [...needed.entries()].filter(([, x]) => !x.filled);
  const claims = unfilled.filter(([key]) => key.startsWith('自评:'));
  const byPoints = (a: NeededInput, b: NeededInput) => b.points.comparedTo(a.points);
  const claimLines: NeededInput[] = claims.length
    ? [
        {
          name: '自评得分表',
          label: `自评得分表：${claims.length} 项指标未自评打分（${claims
            .map(([key, x]) => ({ name: key.replace(/^自评:.*\//, ''), points: x.points }))
            .sort((a, b) => b.points.comparedTo(a.points))
            .slice(0, 4)
            .map((c) => c.name)
            .join('、')}${claims.length > 4 ? ' 等' : ''}）`,
          address: claims[0][1].address,
          points: claims.reduce((sum, [, x]) => sum.plus(x.points), ZERO),
        },
      ]
    : [];
  const mostNeeded = [
    ...unfilled
      .filter(([key]) => !key.startsWith('自评:'))
      .map(([key, x]) => ({ name: key, label: x.label, address: x.address, points: x.points })),
    ...claimLines,
  ]
    .sort(byPoints)
    .slice(0, MOST_NEEDED);
  return {
    required: { total: required.length, filled: requiredFilled },
    scoring: { total: scoringTotal, filled: scoringFilled },
    complete,
    mostNeeded,
  };
}
