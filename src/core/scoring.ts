/**
 * Scores every 三级 line of the rulebook from the indicators (or, for 定性 lines, from the
 * department's 自评得分表), adds them up per 二级 / 一级, grades the total, and sets the
 * department's claimed scores beside the computed ones with the reason they differ.
 *
 * Each 三级 score is rounded half-up to 2 decimals before adding up, so the subtotals equal the
 * sum of the scores the 评分表 shows.
 */
import type Decimal from 'decimal.js';
import { D, ZERO, fixed, sum } from './decimal';
import { withValues } from './indicators';
import type { Model } from './model';
import type {
  Finding,
  Grade,
  IndicatorResult,
  LineReading,
  Operand,
  ScoreGroup,
  ScoreLine,
  ScoreSheet,
} from './results';
import { BLANK_SEVERITY } from '../catalogue/checks';
import { ITEMS_OVER_BUDGET, type OverBudgetItem } from '../catalogue/itemDeductions';
import { applyRule, GradeBands, normaliseName, Rulebook, RuleLine } from './rulebook';
import type { Diagnostic } from './types';

const round2 = (x: Decimal) => new D(x).toDecimalPlaces(2, D.ROUND_HALF_UP);
const pts = (x: Decimal) => fixed(x);

export function gradeOf(total: Decimal, bands: GradeBands): Grade {
  if (total.greaterThanOrEqualTo(bands.优)) return '优';
  if (total.greaterThanOrEqualTo(bands.良)) return '良';
  if (total.greaterThanOrEqualTo(bands.中)) return '中';
  return '差';
}

/** The grade the verified points reach, and the grade the most the rules can give reaches (ceilingOf). */
export function gradesOf(
  verified: Decimal,
  ceiling: Decimal,
  bands: GradeBands
): { grade: Grade; gradeAtMost: Grade } {
  return { grade: gradeOf(verified, bands), gradeAtMost: gradeOf(ceiling, bands) };
}

/**
 * The most the rules can give a set of lines (a group, or the whole sheet): the verified scores, and each 待核实 line
 * at the most it scores under any reading of its questioned figures (ScoreLine.most), else at full marks, whatever
 * the unit says meanwhile: the 审核意见's 至多. The 自评报告 states its own lines as it scores them from the figures
 * it lists instead (src/core/voice.ts).
 */
export function ceilingOf(lines: readonly ScoreLine[]): Decimal {
  return sum(lines.map((l) => (l.missing ? (l.most ?? l.points) : l.score)));
}

// ------------------------------------------------------------------ claims (自评得分表)

interface Claim {
  score: Decimal;
  note?: string;
  address?: string;
}

interface Claims {
  lines: Map<RuleLine, Claim>;
  level2: Map<string, Claim>;
  level1: Map<string, Claim>;
  total?: Claim;
  problems: Diagnostic[];
}

const TOTAL_NAMES = new Set(['总分', '合计', '总计', '综合得分', '自评得分', '总得分']);
const key2 = (level1: string, level2: string) => `${level1}\u0000${level2}`;

/** Reads the 自评得分表: rows naming a 三级 (or 二级/三级 when the name repeats), a 二级, an 一级, or 总分. */
function readClaims(rulebook: Rulebook, model: Model): Claims {
  const claims: Claims = { lines: new Map(), level2: new Map(), level1: new Map(), problems: [] };
  const table = model.table('自评得分表');
  const n = normaliseName;
  for (const row of table.rows) {
    const nameCell = row.cells['指标'];
    const scoreCell = row.cells['自评得分'];
    const name = typeof nameCell?.value === 'string' ? nameCell.value : null;
    const score =
      scoreCell?.value && typeof scoreCell.value === 'object' ? (scoreCell.value as Decimal) : null;
    if (!name || !score) continue; // blank or invalid cells are reported by the model
    const noteValue = row.cells['说明']?.value;
    const claim: Claim = {
      score,
      note: typeof noteValue === 'string' ? noteValue : undefined,
      address: scoreCell.address,
    };
    const where = nameCell.address ?? `自评得分表第 ${row.index + 1} 行`;
    const problem = (message: string) =>
      claims.problems.push({
        code: 'claim-name',
        severity: '提示',
        message: `${where}：${message}`,
        name: '自评得分表',
        address: nameCell.address,
      });
    const key = n(name);
    const parts = name
      .split(/[/／·\\]/)
      .map(n)
      .filter(Boolean);
    if (TOTAL_NAMES.has(key)) {
      claims.total = claim;
      continue;
    }
    if (parts.length >= 2) {
      const [l2, l3] = parts.slice(-2);
      const line = rulebook.lines.find((l) => n(l.level2) === l2 && n(l.level3) === l3);
      if (line) claims.lines.set(line, claim);
      else problem(`评分规则中没有二级指标“${l2}”下的三级指标“${l3}”，此行自评得分未使用`);
      continue;
    }
    const l1 = rulebook.level1.find((g) => n(g.name) === key || `${n(g.name)}情况` === key);
    if (l1) {
      claims.level1.set(l1.name, claim);
      continue;
    }
    const l2s = rulebook.level2.filter((g) => n(g.name) === key);
    if (l2s.length === 1) {
      claims.level2.set(key2(l2s[0].level1, l2s[0].name), claim);
      continue;
    }
    const lines = rulebook.lines.filter((l) => n(l.level3) === key);
    if (lines.length === 1) {
      claims.lines.set(lines[0], claim);
      continue;
    }
    if (lines.length > 1 || l2s.length > 1) {
      const options =
        lines.length > 1
          ? lines.map((l) => `“${l.level2}/${l.level3}”`)
          : l2s.map((g) => `“${g.level1}/${g.name}”`);
      problem(`指标名称“${name}”在评分规则中出现多次，请写作 ${options.join(' 或 ')}；此行自评得分未使用`);
      continue;
    }
    problem(`评分规则中没有名为“${name}”的指标（一级、二级、三级或“总分”），此行自评得分未使用`);
  }
  return claims;
}

/** Problems with the 自评得分表 rows (names that match nothing, or more than one line). */
export function claimDiagnostics(rulebook: Rulebook, model: Model): Diagnostic[] {
  return readClaims(rulebook, model).problems;
}

// ------------------------------------------------------------------ scoring

type Scored = Omit<ScoreLine, 'level1' | 'level2' | 'level3' | 'points' | 'standard'>;

/** A line that cannot be scored: 待核实, with what to fill. Its score is 0 only as a placeholder; no total counts it. */
function pending(
  indicator: string | undefined,
  indicatorValue: Decimal | null | undefined,
  why: string,
  missingInputs: Operand[]
): Scored {
  return { indicator, indicatorValue, score: ZERO, deduction: why, missing: true, missingInputs };
}

function scoreComputed(line: RuleLine, result: IndicatorResult | undefined, model: Model): Scored {
  if (!result) return pending(line.indicator, null, `待核实：指标“${line.indicator}”未计算`, []);
  if (result.value === null) {
    const blanks = result.missing ?? result.operands.filter((o) => o.value === null);
    return pending(line.indicator, null, `待核实：${result.label}无法计算——${result.unavailable}`, blanks);
  }
  const outcome = applyRule(line.rule, line.points, result.value);
  const items = itemsOverBudget(line, model);
  if (!items)
    return {
      indicator: line.indicator,
      indicatorValue: result.value,
      score: round2(outcome.score),
      deduction: outcome.deduction,
    };
  // Each item over its budget deducts on top of the rate's own deduction, floor 0.
  const score = D.max(ZERO, outcome.score.minus(items.deduction));
  const all = outcome.score.minus(score).equals(items.deduction) ? '' : '，扣完为止';
  return {
    indicator: line.indicator,
    indicatorValue: result.value,
    score: round2(score),
    deduction: `${outcome.deduction ? `${outcome.deduction}；` : ''}${items.words}${all}`,
  };
}

/**
 * True when the line scores the same with every combination of candidate values of the inputs given (each input's
 * value as stated, or another an 错误 says it may be): the dispute does not move the points. Scalar inputs of
 * computed lines only.
 */
export function scoresSameWith(
  rulebook: Rulebook,
  model: Model,
  line: ScoreLine,
  candidates: ReadonlyMap<string, readonly Decimal[]>,
  compute: (m: Model) => IndicatorResult | undefined
): boolean {
  if (line.missing) return false;
  const readings = readingsScored(rulebook, model, line, candidates, compute);
  return readings !== null && readings.every((r) => r.score.eq(line.score));
}

/**
 * Each combination of the candidate values with the indicator and the score it gives, by the line's rule (the
 * readings a 待核实 line's 至多 is the most of: ScoreLine.most, ScoreLine.readings); null if one leaves the line unscored.
 */
export function readingsScored(
  rulebook: Rulebook,
  model: Model,
  line: ScoreLine,
  candidates: ReadonlyMap<string, readonly Decimal[]>,
  compute: (m: Model) => IndicatorResult | undefined
): LineReading[] | null {
  const rule = rulebook.lines.find(
    (l) => l.level1 === line.level1 && l.level2 === line.level2 && l.level3 === line.level3
  );
  if (!rule || rule.rule.kind === '定性') return null;
  if ([...candidates.keys()].some((n) => !model.scalars.has(n))) return null;
  let combos: Array<Map<string, Decimal>> = [new Map()];
  for (const [name, values] of candidates)
    combos = combos.flatMap((c) => values.map((v) => new Map([...c, [name, v]])));
  const out: LineReading[] = [];
  for (const values of combos) {
    const m = withValues(model, values);
    const s = scoreComputed(rule, compute(m), m);
    if (s.missing) return null;
    const figures = [...values].map(([name, value]) => ({ name, value }));
    out.push({ figures, indicatorValue: s.indicatorValue ?? null, score: s.score });
  }
  return out;
}

/**
 * A computed line's points with some inputs read as other values, by its rule; null when the line is not scored
 * from its indicator, the indicator cannot be computed with them, or the rule does not give the line's score on the
 * stated figures (the sheet was scored by another rulebook).
 */
export function scoreWith(
  rulebook: Rulebook,
  model: Model,
  line: ScoreLine,
  values: ReadonlyMap<string, Decimal>,
  compute: (m: Model) => IndicatorResult | undefined
): Decimal | null {
  const rule = rulebook.lines.find(
    (l) => l.level1 === line.level1 && l.level2 === line.level2 && l.level3 === line.level3
  );
  // The score the stated figures give: a 待核实 line keeps it (按所列数据).
  const asStated = line.unverified?.score ?? (line.missing ? null : line.score);
  if (!rule || rule.rule.kind === '定性' || !asStated) return null;
  const stated = scoreComputed(rule, compute(model), model);
  if (stated.missing || !stated.score.eq(asStated)) return null;
  const m = withValues(model, values);
  const s = scoreComputed(rule, compute(m), m);
  return s.missing ? null : s.score;
}

/** The points a line's rule gives an indicator value alone (not its items over budget); null for a 定性 line. */
export function pointsAt(line: RuleLine, value: Decimal): Decimal | null {
  return line.rule.kind === '定性' ? null : round2(applyRule(line.rule, line.points, value).score);
}

/** The items whose 决算 exceeds their 预算, of the first of the line's declared lists (ITEMS_OVER_BUDGET) that states one, when its rule deducts for them. */
function itemsOverBudget(line: RuleLine, model: Model): { deduction: Decimal; words: string } | null {
  const declared = line.indicator ? ITEMS_OVER_BUDGET[line.indicator] : undefined;
  if (line.rule.kind !== '扣分' || !line.rule.itemPenalty || !declared) return null;
  const stated = (item: OverBudgetItem) => model.num(item.actual) !== null && model.num(item.budget) !== null;
  const items = declared.lists.find((list) => list.some(stated)) ?? [];
  const over = items.flatMap((item) => {
    const actual = model.num(item.actual);
    const budget = model.num(item.budget);
    if (actual === null || budget === null || !actual.greaterThan(budget)) return [];
    const by = actual.minus(budget);
    const share = budget.isZero() ? '预算为 0' : `${fixed(by.div(budget).times(100))}%`;
    return [`${item.label}超出 ${fixed(by)} 万元（${share}）`];
  });
  if (over.length === 0) return null;
  const deduction = line.rule.itemPenalty.times(over.length);
  return {
    deduction,
    words: `${declared.what}决算超过预算 ${over.length} 项：${over.join('、')}，每项扣 ${pts(line.rule.itemPenalty)} 分，共扣 ${pts(deduction)} 分`,
  };
}

function qualitativeBlocks(rulebook: Rulebook, claims: Claims): Set<string> {
  // A 二级 whose 三级 are all 定性, none scored on its own, and which has its own claim, is scored as a whole.
  const out = new Set<string>();
  for (const g of rulebook.level2) {
    const k = key2(g.level1, g.name);
    const lines = rulebook.lines.filter((l) => l.level1 === g.level1 && l.level2 === g.name);
    if (claims.level2.has(k) && lines.every((l) => l.rule.kind === '定性' && !claims.lines.has(l)))
      out.add(k);
  }
  return out;
}

/**
 * The department's claim for a 待核实 line that has none of its own, read off its 二级's claim where
 * that is unambiguous: a full-marks 二级 claims full marks on each line; when every other line has its
 * own claim, this one claims the rest; when no line of the 二级 could be scored, the claim is shared by
 * points. Otherwise there is none (待补).
 */
function impliedClaim(
  line: RuleLine,
  group: { name: string; points: Decimal },
  members: RuleLine[],
  claims: Claims,
  pendingMembers: Set<RuleLine>
): Claim | undefined {
  const groupClaim = claims.level2.get(key2(line.level1, line.level2));
  if (!groupClaim) return undefined;
  const others = members.filter((m) => m !== line);
  if (groupClaim.score.greaterThanOrEqualTo(group.points))
    return {
      score: line.points,
      note: `二级指标“${group.name}”自评满分 ${pts(group.points)} 分`,
      address: groupClaim.address,
    };
  if (others.every((m) => claims.lines.has(m))) {
    const rest = groupClaim.score.minus(sum(others.map((m) => claims.lines.get(m)!.score)));
    if (rest.isNegative()) return undefined;
    return {
      score: D.min(rest, line.points),
      note: `二级指标“${group.name}”自评 ${pts(groupClaim.score)} 分减去其余三级指标的自评得分`,
      address: groupClaim.address,
    };
  }
  if (members.every((m) => pendingMembers.has(m)))
    return {
      score: round2(groupClaim.score.times(line.points).div(group.points)),
      note: `二级指标“${group.name}”整体自评 ${pts(groupClaim.score)} 分（满分 ${pts(group.points)} 分）按分值比例分摊`,
      address: groupClaim.address,
    };
  return undefined;
}

export function scoreAll(rulebook: Rulebook, indicators: IndicatorResult[], model: Model): ScoreSheet {
  const claims = readClaims(rulebook, model);
  const byId = new Map(indicators.map((r) => [r.id, r]));
  const blocks = qualitativeBlocks(rulebook, claims);
  const claimTable = model.table('自评得分表');
  const lines: ScoreLine[] = [];

  for (const g of rulebook.level2) {
    const k = key2(g.level1, g.name);
    const members = rulebook.lines.filter((l) => l.level1 === g.level1 && l.level2 === g.name);
    const block = blocks.has(k) ? claims.level2.get(k)! : null;
    const blockScore = block ? D.min(block.score, g.points) : null;
    let allocated = ZERO;
    const scoredLines: Array<[RuleLine, ScoreLine]> = [];
    members.forEach((line, i) => {
      const base = {
        level1: line.level1,
        level2: line.level2,
        level3: line.level3,
        points: line.points,
        standard: line.standard,
      };
      const claim = claims.lines.get(line);
      const indicatorValue = line.indicator ? (byId.get(line.indicator)?.value ?? null) : undefined;
      let scored: ScoreLine;
      if (line.rule.kind !== '定性') {
        scored = { ...base, ...scoreComputed(line, byId.get(line.indicator!), model) };
      } else if (claim) {
        const score = round2(D.min(claim.score, line.points));
        const over = claim.score.greaterThan(line.points)
          ? `自评 ${pts(claim.score)} 分超过满分 ${pts(line.points)} 分，按满分计`
          : undefined;
        const reason = score.lessThan(line.points)
          ? (claim.note ?? `自评得分 ${pts(score)} 分（满分 ${pts(line.points)} 分）`)
          : undefined;
        scored = { ...base, indicator: line.indicator, indicatorValue, score, deduction: over ?? reason };
      } else if (block && blockScore) {
        // Shares of the 二级's own score by points; the last line takes the remainder so they add up exactly.
        const share =
          i === members.length - 1
            ? blockScore.minus(allocated)
            : round2(blockScore.times(line.points).div(g.points));
        allocated = allocated.plus(share);
        const lost = blockScore.lessThan(g.points);
        scored = {
          ...base,
          indicator: line.indicator,
          indicatorValue,
          score: share,
          ...(lost && members.length > 1 ? { groupShare: true } : {}),
          deduction: lost
            ? `按二级指标“${g.name}”整体自评得分 ${pts(blockScore)} 分（满分 ${pts(g.points)} 分）按分值比例分摊${block.note ? `；${block.note}` : ''}`
            : undefined,
        };
      } else {
        scored = {
          ...base,
          ...pending(
            line.indicator,
            indicatorValue,
            `待核实：定性指标，未在“自评打分”表填写得分（指标名称填“${line.level3}”或“${line.level2}/${line.level3}”）`,
            [
              {
                name: '自评得分表',
                label: `“${line.level2}/${line.level3}”自评得分`,
                value: null,
                address: claimTable.address,
              },
            ]
          ),
        };
      }
      if (claim) {
        scored.claimed = claim.score;
        // A claim on a line that cannot be scored is neither confirmed nor contradicted: 自报、未核实.
        if (!scored.missing && !claim.score.equals(scored.score))
          scored.claimDiffers = `自评 ${pts(claim.score)} 分，按规则计 ${pts(scored.score)} 分：${scored.deduction ?? '指标值达到满分标准'}`;
      }
      scoredLines.push([line, scored]);
    });
    const pendingMembers = new Set(scoredLines.filter(([, l]) => l.missing).map(([r]) => r));
    for (const [rule, scored] of scoredLines) {
      if (scored.missing && scored.claimed === undefined) {
        const implied = impliedClaim(rule, g, members, claims, pendingMembers);
        if (implied) {
          scored.claimed = implied.score;
          scored.claimBasis = implied.note;
        }
      }
      lines.push(scored);
    }
  }

  const verified = (ls: ScoreLine[]) => sum(ls.filter((l) => !l.missing).map((l) => l.score));
  const unverified = (ls: ScoreLine[]) => sum(ls.filter((l) => l.missing).map((l) => l.points));
  const groups: ScoreGroup[] = [];
  for (const g1 of rulebook.level1) {
    const mine = lines.filter((l) => l.level1 === g1.name);
    groups.push({
      level: 1,
      name: g1.name,
      points: g1.points,
      score: verified(mine),
      pending: unverified(mine),
      claimed: claims.level1.get(g1.name)?.score,
    });
    for (const g2 of rulebook.level2.filter((g) => g.level1 === g1.name)) {
      const sub = mine.filter((l) => l.level2 === g2.name);
      groups.push({
        level: 2,
        name: g2.name,
        parent: g1.name,
        points: g2.points,
        score: verified(sub),
        pending: unverified(sub),
        claimed: claims.level2.get(key2(g1.name, g2.name))?.score,
      });
    }
  }
  const total = verified(lines);
  const pendingPoints = unverified(lines);
  return {
    lines,
    groups,
    total,
    pendingPoints,
    points: rulebook.total,
    ...gradesOf(total, ceilingOf(lines), rulebook.bands),
    claimedTotal: claims.total?.score,
    bands: rulebook.bands,
  };
}

/** `待核实（所用数据有误）` for a line scored but not verified (ScoreLine.unverified), `待核实` for one missing data. */
export function pendingLabel(l: Pick<ScoreLine, 'unverified'>): string {
  return l.unverified ? `待核实（${l.unverified.reason}）` : '待核实';
}

/**
 * Why a 二级 / 一级 group's (or, with no group, the total's) claimed score differs from the verified
 * one; undefined when equal or unclaimed. With 待核实 points, a claim within what they allow is
 * said to be unverified, not wrong.
 */
export function explainGroup(sheet: ScoreSheet, group?: ScoreGroup): string | undefined {
  const claimed = group ? group.claimed : sheet.claimedTotal;
  const score = group ? group.score : sheet.total;
  const open = (group ? group.pending : sheet.pendingPoints) ?? ZERO;
  if (claimed === undefined || (open.isZero() && claimed.equals(score))) return undefined;
  const members = sheet.lines.filter(
    (l) =>
      !group ||
      (group.level === 1 ? l.level1 === group.name : l.level1 === group.parent && l.level2 === group.name)
  );
  const lost = members.filter((l) => l.missing || l.score.lessThan(l.points));
  const parts = lost.map((l) =>
    l.missing
      ? `${l.level3} 待核实（${l.unverified ? `${l.unverified.reason}，` : ''}${pts(l.points)} 分）`
      : `${l.level3} 计 ${pts(l.score)}/${pts(l.points)} 分（扣 ${pts(l.points.minus(l.score))} 分）`
  );
  if (!open.isZero()) {
    const most = ceilingOf(members);
    const head = `自评 ${pts(claimed)} 分；核实得分 ${pts(score)} 分，另有待核实 ${pts(open)} 分`;
    if (claimed.greaterThan(most))
      return `${head}，最多可得 ${pts(most)} 分，自评多 ${pts(claimed.minus(most))} 分：${parts.join('；')}`;
    if (claimed.lessThan(score))
      return `${head}，自评比核实得分少 ${pts(score.minus(claimed))} 分：${parts.join('；')}`;
    const settle = members.some((l) => l.unverified) ? '待核实各项依据补齐后才能核实' : '补齐数据后才能核实';
    return `${head}：自评在可得范围内，${settle}（${parts.filter((p) => p.includes('待核实')).join('；')}）`;
  }
  const head = `自评 ${pts(claimed)} 分，按规则计 ${pts(score)} 分，${claimed.greaterThan(score) ? '少' : '多'} ${pts(claimed.minus(score).abs())} 分`;
  if (lost.length === 0) return `${head}：各三级指标均得满分，自评扣分无依据`;
  return `${head}：${parts.join('；')}`;
}

/**
 * One finding per 待核实 line missing data: 无法核实, naming the inputs to fill. A scored indicator without inputs
 * thus has a finding of its own, not only a remark inside its score line. A blank is 待补 (a score not
 * entered, an input left blank); a line that cannot be scored for another reason (a zero base) is a 提示.
 */
export function pendingFindings(sheet: ScoreSheet): Finding[] {
  // A line scored but not verified (ScoreLine.unverified) has its reason in the findings that question it.
  return sheet.lines
    .filter((l) => l.missing && !l.unverified)
    .map((l): Finding => {
      const missing = l.missingInputs ?? [];
      const claim = l.claimed !== undefined ? `自报 ${pts(l.claimed)} 分，未核实` : '自评得分待补';
      // Without blank inputs to name (a zero denominator, an indicator not computed), the reason is the words.
      const reason = missing.length ? '' : `${(l.deduction ?? '').replace(/^待核实：/, '')}；`;
      // A name that carries its own quotes (“三公”经费变动率) nests them: ‘三公’ inside “…”.
      const name = `“${l.level3.replace(/“/g, '‘').replace(/”/g, '’')}”`;
      const title = !l.indicator
        ? `${name}自评得分未填`
        : missing.length
          ? `${name}缺计算所需数据，无法计分`
          : `${name}无法计分`;
      return {
        id: `score.pending.${l.level2}.${l.level3}`,
        rule: 'score.pending',
        family: '评分',
        title,
        severity: missing.length ? BLANK_SEVERITY : '提示',
        kind: 'cannotVerify',
        statement: `“${l.level2}/${l.level3}”按评分规则计分`,
        operands: missing,
        primary: missing[0],
        missing,
        detail: `${reason}本项 ${pts(l.points)} 分计入待核实分值（${claim}）`,
        nextStep: l.indicator
          ? `填写${missing.map((o) => o.label).join('、') || '计算所需的数据'}后重新运行；确无此项业务的，在“评分规则”表中调整该指标。`
          : `在“自评打分”表填写“${l.level2}/${l.level3}”的得分后重新运行。`,
        affects: [l.indicator ?? l.level3],
      };
    });
}
