/**
 * The department's voice, decided once for the whole 自评报告: the score each line has in it.
 *
 * A line the workbook verifies states its verified score. A line the workbook cannot verify (a
 * qualitative line without its own score, an indicator whose data are not filled) states the
 * department's own 自评打分, marked 单位自评; a line the department has not scored has no score,
 * and every total above it waits for it (a 【待补】, never a range). 核实得分, 待核实 and grade
 * ranges are the reviewer's words: the 审核意见, the score sheet and the pane use them, the report
 * never does.
 */
import type Decimal from 'decimal.js';
import { sum } from './decimal';
import type { Model } from './model';
import type { Grade, ScoreLine, ScoreSheet } from './results';
import { DEFAULT_BANDS, normaliseName } from './rulebook';
import { gradeOf } from './scoring';

export interface OwnLine {
  line: ScoreLine;
  /** The score the report states, or null when the department has not scored the line (待补). */
  score: Decimal | null;
  /** True when the score is the department's own on a line the workbook cannot verify (单位自评). */
  own: boolean;
  /** The department's own words for the line (its 说明 in 自评得分表), if it wrote any. */
  remark?: string;
}

export interface OwnGroup {
  level: 1 | 2;
  name: string;
  parent?: string;
  points: Decimal;
  /** Null while a line under it has no score. */
  score: Decimal | null;
}

export interface OwnScores {
  lines: OwnLine[];
  groups: OwnGroup[];
  points: Decimal;
  /** Null while a line has no score: the conclusion waits for it. */
  total: Decimal | null;
  /** One grade, or null while the total waits (or the data are too incomplete to grade). */
  grade: Grade | null;
  /** Lines the department has not scored, in the score sheet's order. */
  unscored: OwnLine[];
}

/** The department's 说明 for a name in 自评得分表 (三级, `二级/三级`, 二级 or 一级), if it wrote one. */
export function ownRemark(model: Model, ...names: string[]): string | undefined {
  const wanted = names.map(normaliseName);
  for (const row of model.table('自评得分表').rows) {
    const name = row.cells['指标']?.value;
    const note = row.cells['说明']?.value;
    if (typeof name !== 'string' || typeof note !== 'string' || !note.trim()) continue;
    if (wanted.includes(normaliseName(name))) return note.trim();
  }
  return undefined;
}

/** A 二级's 说明 written as "①…；②…", one item per line in order: each line's own part. */
function groupParts(model: Model, line: ScoreLine, lines: ScoreLine[]): string | undefined {
  const members = lines.filter((l) => l.level1 === line.level1 && l.level2 === line.level2);
  if (members.length < 2) return undefined;
  const remark = ownRemark(model, `${line.level1}/${line.level2}`, line.level2);
  const parts = remark?.split(/[①-⑳]/).map((p) => p.replace(/[；;。\s]+$/, '').trim());
  if (!parts || parts.shift()?.trim() || parts.length !== members.length) return undefined;
  return parts[members.indexOf(line)] || undefined;
}

/** The department's 说明 for a line: its own, or its part of its 二级's 说明 written item by item. */
export function lineRemark(model: Model, line: ScoreLine, lines: ScoreLine[]): string | undefined {
  return ownRemark(model, `${line.level2}/${line.level3}`, line.level3) ?? groupParts(model, line, lines);
}

function ownLine(line: ScoreLine, model: Model, lines: ScoreLine[]): OwnLine {
  const remark = lineRemark(model, line, lines);
  if (!line.missing) return { line, score: line.score, own: false, remark };
  // Scored, though not verified (a questioned figure, a score without evidence): the report states the score as
  // the figures or the unit give it; 核实 is the reviewer's word.
  if (line.unverified) return { line, score: line.unverified.score, own: false, remark };
  // Only a score the unit wrote for this very line: a claim read off its 二级's subtotal is not the unit's
  // score of the line, and a formula line whose inputs are blank has no score to state until they are given.
  const formulaBlank = line.indicator !== undefined && (line.indicatorValue ?? null) === null;
  if (line.claimed !== undefined && !line.claimBasis && !formulaBlank)
    return { line, score: line.claimed.gt(line.points) ? line.points : line.claimed, own: true, remark };
  return { line, score: null, own: true, remark };
}

const total = (lines: OwnLine[]): Decimal | null =>
  lines.some((l) => l.score === null) ? null : sum(lines.map((l) => l.score!));

/** The scores the department's report states, from the verified sheet and the department's own claims. */
export function ownScores(sheet: ScoreSheet, model: Model, complete = true): OwnScores {
  const lines = sheet.lines.map((l) => ownLine(l, model, sheet.lines));
  const groups: OwnGroup[] = sheet.groups.map((g) => {
    const mine = lines.filter((l) =>
      g.level === 1 ? l.line.level1 === g.name : l.line.level2 === g.name && l.line.level1 === g.parent
    );
    return { level: g.level, name: g.name, parent: g.parent, points: g.points, score: total(mine) };
  });
  const t = total(lines);
  return {
    lines,
    groups,
    points: sheet.points,
    total: t,
    grade: t === null || !complete ? null : gradeFor(sheet, t),
    unscored: lines.filter((l) => l.score === null),
  };
}

/** The grade of a total by the sheet's own bands; a sheet without them keeps the grades it gave its totals. */
function gradeFor(sheet: ScoreSheet, total: Decimal): Grade {
  if (sheet.bands) return gradeOf(total, sheet.bands);
  if (total.eq(sheet.total)) return sheet.grade;
  if (sheet.pendingPoints && total.eq(sheet.total.plus(sheet.pendingPoints)))
    return sheet.gradeAtMost ?? sheet.grade;
  return gradeOf(total, DEFAULT_BANDS);
}
