/**
 * The department's voice, decided once for the whole 自评报告: the score each line, group and the
 * total have in it.
 *
 * A line the workbook verifies states its verified score. A line the workbook cannot verify (a
 * qualitative line without its own score, an indicator whose data are not filled) states the
 * department's own 自评打分, marked 单位自评 (a 二级 claimed in full gives each of its lines full
 * marks); a line the department has not scored has no score. A group and the total state the
 * department's own claim where its 自评打分 gives one (the figure the 审核意见 corrects), else the
 * sum below them, which waits (a 【待补】, never a range) while a line has no score. 核实得分, 待核实 and grade
 * ranges are the reviewer's words: the 审核意见, the score sheet and the pane use them, the report
 * never does.
 */
import type Decimal from 'decimal.js';
import { D, sum } from './decimal';
import type { Model } from './model';
import type { Grade, ScoreLine, ScoreSheet } from './results';
import { DEFAULT_BANDS, normaliseName } from './rulebook';
import { ceilingOf, gradeOf } from './scoring';

export interface OwnLine {
  line: ScoreLine;
  /** The score the report states, or null when the department has not scored the line (待补). */
  score: Decimal | null;
  /** True when the score is the department's own on a line the workbook cannot verify (单位自评). */
  own: boolean;
  /** The department's own words for the line (its 说明 in 自评得分表), if it wrote any. */
  remark?: string;
  /**
   * Set when the score is the scoring rules' (not the department's) and its 二级's own claim cannot hold with it:
   * no score of the line's other lines makes the claim add up (a 二级 claimed in full, and the line lost points).
   * The report does not state it as the department's.
   */
  againstClaim?: boolean;
  /**
   * With againstClaim: the 二级's claim the line is against, and the least the line has by it (the claim less the
   * most its other lines can have): what the report sets the rules' score against ("自评满分", else the line's own score, 待补).
   */
  claim?: { group: string; score: Decimal; least: Decimal };
}

export interface OwnGroup {
  level: 1 | 2;
  name: string;
  parent?: string;
  points: Decimal;
  /** The unit's own claim for it, else the sum below it (null while a line under it has no score). */
  score: Decimal | null;
  /**
   * Set when the unit's claim is not what its lines give as the report scores them from the listed figures (a line
   * without a score at the unit's own where its claims fix one, else at full: `atMost`). The report waits with a
   * 【待补】 and tells the preparer both; `ceiling`: the 审核意见's 至多 where points wait and the claim is above it.
   */
  linesDisagree?: { sum: Decimal; atMost: boolean; ceiling?: Decimal };
}

export interface OwnScores {
  lines: OwnLine[];
  groups: OwnGroup[];
  points: Decimal;
  /** The unit's own total, else the sum of its 一级 (null while one has no score: the conclusion waits for it). */
  total: Decimal | null;
  /** Set when the unit's own total is not what its line scores add up to (as for a group), with that sum's grade. */
  linesDisagree?: NonNullable<OwnGroup['linesDisagree']> & { grade: Grade };
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

function ownLine(line: ScoreLine, model: Model, sheet: ScoreSheet): OwnLine {
  const remark = lineRemark(model, line, sheet.lines);
  // A share of a 二级 the unit scored as a whole is not its score for the line: the line waits for one (待补).
  if (line.groupShare) return { line, score: null, own: true, remark };
  if (!line.missing) return { line, score: line.score, own: false, remark };
  // Scored, though not verified (a questioned figure, a score without evidence): the report states the score as
  // the figures or the unit give it; 核实 is the reviewer's word.
  if (line.unverified) return { line, score: line.unverified.score, own: false, remark };
  // A score the unit gave this very line. One only its 二级's claim gives (ScoreLine.claimBasis: full marks spread
  // over a 二级 claimed in full, the claim less its other lines) is our inference, not the unit's score: the line
  // waits for one (待补), as does a formula line whose inputs are blank.
  const formulaBlank = line.indicator !== undefined && (line.indicatorValue ?? null) === null;
  if (line.claimed !== undefined && !line.claimBasis && !formulaBlank)
    return { line, score: line.claimed.gt(line.points) ? line.points : line.claimed, own: true, remark };
  return { line, score: null, own: true, remark };
}

/** True when a line's 二级 claim alone fixes its score: the 二级 is claimed in full, or its other lines are scored by the unit. */
function fixedByGroup(line: ScoreLine, sheet: ScoreSheet): boolean {
  const group = sheet.groups.find(
    (g) => g.level === 2 && g.name === line.level2 && (g.parent === undefined || g.parent === line.level1)
  );
  if (group?.claimed?.gte(group.points)) return true;
  const others = sheet.lines.filter(
    (l) => l !== line && l.level1 === line.level1 && l.level2 === line.level2
  );
  return others.every((l) => l.claimed !== undefined && !l.claimBasis);
}

const total = (scores: Array<Decimal | null>): Decimal | null =>
  scores.some((s) => s === null) ? null : sum(scores as Decimal[]);

/** The scores the department's report states, from the verified sheet and the department's own claims. */
export function ownScores(sheet: ScoreSheet, model: Model, complete = true): OwnScores {
  const lines = sheet.lines.map((l) => ownLine(l, model, sheet));
  const level1 = sheet.groups.filter((g) => g.level === 1);
  // A 二级 the unit did not score, alone under its 一级, has the 一级's claim.
  const claimOf = (g: ScoreSheet['groups'][number]) => {
    if (g.claimed !== undefined || g.level === 1) return g.claimed;
    const siblings = sheet.groups.filter((x) => x.level === 2 && x.parent === g.parent);
    return siblings.length === 1 ? level1.find((x) => x.name === g.parent)?.claimed : undefined;
  };
  const own = new Map<ScoreSheet['groups'][number], OwnGroup>();
  const figures = new Map<OwnGroup, Figure>();
  for (const g of sheet.groups.filter((x) => x.level === 2)) {
    const mine = lines.filter((l) => l.line.level2 === g.name && l.line.level1 === g.parent);
    const claim = claimOf(g);
    const score = claim ?? total(mine.map((l) => l.score));
    const { figure, linesDisagree } = against(
      claim,
      mine.map((l) => lineFigure(l, sheet))
    );
    const group: OwnGroup = { level: 2, name: g.name, parent: g.parent, points: g.points, score };
    if (linesDisagree) group.linesDisagree = withCeiling(linesDisagree, g, claim, mine);
    own.set(g, group);
    figures.set(group, figure);
  }
  const level1Figures: Figure[] = [];
  for (const g of level1) {
    const children = [...own.values()].filter((x) => x.parent === g.name);
    const mine = lines.filter((l) => l.line.level1 === g.name);
    const score =
      g.claimed ?? total(children.length ? children.map((x) => x.score) : mine.map((l) => l.score));
    // A 一级 adds up its 二级 as each stands by the listed figures (a 二级's claim its lines can reach stands).
    const parts = children.length
      ? children.map((x) => figures.get(x)!)
      : mine.map((l) => lineFigure(l, sheet));
    const { figure, linesDisagree } = against(g.claimed, parts);
    const group: OwnGroup = { level: 1, name: g.name, points: g.points, score };
    if (linesDisagree) group.linesDisagree = withCeiling(linesDisagree, g, g.claimed, mine);
    own.set(g, group);
    level1Figures.push(figure);
  }
  for (const l of lines) {
    const g = [...own.keys()].find(
      (x) =>
        x.level === 2 && x.name === l.line.level2 && (x.parent === undefined || x.parent === l.line.level1)
    );
    const claim = g ? claimOf(g) : undefined;
    if (l.own || l.score === null || !g || claim === undefined) continue;
    // The claim less the most the other lines can have is the least this line has by the claim.
    const least = claim.minus(g.points.minus(l.line.points));
    if (l.score.lt(least) || l.score.gt(claim)) {
      l.againstClaim = true;
      l.claim = { group: g.name, score: claim, least };
    }
  }
  const groups = sheet.groups.map((g) => own.get(g)!);
  const t = sheet.claimedTotal ?? total(groups.filter((g) => g.level === 1).map((g) => g.score));
  return {
    lines,
    groups,
    points: sheet.points,
    total: t,
    ...totalDisagreement(sheet, level1Figures),
    grade: t === null || !complete ? null : gradeFor(sheet, t),
    unscored: lines.filter((l) => l.score === null),
  };
}

/**
 * What a set of scores adds up to as the report itself scores its lines from the listed figures: each line as its
 * paragraph states it; a line without a score at the unit's own where its claims fix one, else at full (`atMost`).
 */
interface Figure {
  value: Decimal;
  /** A line under it has no score of its own in the report (待补): a claim may hold what the lines do not show. */
  open: boolean;
  /** Some line counted at full has neither data nor a score of the unit's: the value is the most it can be. */
  atMost: boolean;
}

function lineFigure(l: OwnLine, sheet: ScoreSheet): Figure {
  if (l.score !== null) return { value: l.score, open: false, atMost: false };
  const fixed = l.line.claimed !== undefined && (!l.line.claimBasis || fixedByGroup(l.line, sheet));
  const value = fixed ? D.min(l.line.claimed!, l.line.points) : l.line.points;
  return { value, open: true, atMost: !fixed };
}

/**
 * A claim against the figures under it: their sum, where a line waits (待补) what the claim can hold beyond the others
 * (the claim stands while the lines can reach it); `linesDisagree` when the claim is not that figure.
 */
function against(
  claim: Decimal | undefined,
  parts: Figure[]
): { figure: Figure; linesDisagree?: { sum: Decimal; atMost: boolean } } {
  const value = sum(parts.map((p) => p.value));
  const open = parts.some((p) => p.open);
  const atMost = parts.some((p) => p.atMost);
  if (claim === undefined || parts.length === 0) return { figure: { value, open, atMost } };
  const differs = open ? claim.gt(value) : !claim.eq(value);
  if (!differs) return { figure: { value: claim, open, atMost: false } };
  return { figure: { value, open, atMost }, linesDisagree: { sum: value, atMost } };
}

/**
 * A claim above the most its lines can give while points wait (the 审核意见's 不超过): that most, so the preparer's
 * remark gives the limit the memo sets, not only what the listed figures give.
 */
function withCeiling(
  d: NonNullable<OwnGroup['linesDisagree']>,
  g: ScoreSheet['groups'][number],
  claim: Decimal | undefined,
  mine: OwnLine[]
): NonNullable<OwnGroup['linesDisagree']> {
  if (!claim || !g.pending?.gt(0)) return d;
  const most = ceilingOf(mine.map((l) => l.line));
  return most.lt(claim) ? { ...d, ceiling: most } : d;
}

/** The unit's own total against its 一级 as they stand by the listed figures, with the grade their sum reaches. */
function totalDisagreement(sheet: ScoreSheet, level1: Figure[]): Pick<OwnScores, 'linesDisagree'> {
  const d = against(sheet.claimedTotal, level1).linesDisagree;
  return d ? { linesDisagree: { ...d, grade: gradeFor(sheet, d.sum) } } : {};
}

/** The grade of a total by the sheet's own bands; a sheet without them keeps the grades it gave its totals. */
function gradeFor(sheet: ScoreSheet, total: Decimal): Grade {
  if (sheet.bands) return gradeOf(total, sheet.bands);
  if (total.eq(sheet.total)) return sheet.grade;
  if (sheet.pendingPoints && total.eq(sheet.total.plus(sheet.pendingPoints)))
    return sheet.gradeAtMost ?? sheet.grade;
  return gradeOf(total, DEFAULT_BANDS);
}
