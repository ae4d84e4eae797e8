/**
 * What the engine counts as 核实: the one verified / pending split every surface reads (the summary, the 评分表,
 * the pane, the CLI, the JSON and the 审核意见). A line scored from the workbook is still 待核实 when
 * - an input it reads is questioned (src/core/doubt.ts: party to an 错误, or to an unexplained 口径 提示) and
 *   the points are not the same whichever value is right (ScoreLine.sameEitherWay): 所用数据有误 /
 *   数据口径不一未说明;
 * - it is qualitative (scored from the unit's own score, not a formula) and nothing the unit wrote stands
 *   behind it — no 说明 for the line or its 二级, no 履职情况 item on it — or the measure the catalogue declares
 *   for it (EvidenceDecl.measured: a 满意度 line's survey result) is blank, whatever else the unit wrote
 *   ("未出现投诉" is no 满意率): 缺评价依据;
 * - it is qualitative at full marks (its own, or by its 二级's full claim) while the unit's own 存在问题 text admits
 *   the line fell short, by the words the catalogue declares for it (EvidenceDecl.contradictedBy): 与单位所述问题不符.
 * A 二级 the unit scored as a whole (ScoreLine.groupShare) is verified as a whole: a line of it in doubt takes the
 * others with it.
 * Its score moves to 待核实 like a line missing data, and it keeps the score as the figures or the unit give it
 * (ScoreLine.unverified), which the report, in the department's voice, still states.
 */
import { INPUT_BY_NAME } from '../catalogue/inputs';
import { EVIDENCE } from '../catalogue/report/evidence';
import { D, fixed, sum, ZERO } from './decimal';
import { questionedInputs } from './doubt';
import type { Model } from './model';
import { assignItems, departmentItemsOf, evidenceDecl } from './reportEvidence';
import type { Finding, IndicatorResult, ScoreLine, ScoreSheet, Unverified } from './results';
import { DEFAULT_BANDS } from './rulebook';
import { ceilingOf, gradesOf, pendingLabel } from './scoring';
import { lineRemark, ownRemark } from './voice';

/** Why the line is 待核实 and what it scores meanwhile, for its 扣分原因 (the score sheet, the pane). */
export function unverifiedWords(u: Unverified, l: ScoreLine): string {
  const score = `${fixed(u.score)} 分`;
  const head = pendingLabel({ unverified: u });
  switch (u.reason) {
    case '所用数据有误':
    case '数据口径不一未说明': {
      const titles = [...new Set((u.inputs ?? []).map((o) => o.findingTitle))].join('；');
      const why = u.reason === '所用数据有误' ? '，改正后重新计分' : '，未在“出错说明”表写明原因';
      return `${head}：${titles}${why}；按所列数据计 ${score}`;
    }
    case '缺评价依据': {
      const own = `${l.claimed !== undefined ? '单位自评' : `按二级指标“${l.level2}”的自评计`} ${score}（满分 ${fixed(l.points)} 分）`;
      return u.detail
        ? `${head}：${u.detail}；${own}`
        : `${head}：${own}，未写评价说明，履职情况中也未见相应内容`;
    }
    case '与单位所述问题不符':
      return `${head}：单位自评满分，但其“存在的主要问题”称“${u.quote}”`;
  }
}

/** The inputs of a computed line whose value is questioned and may move its points, or undefined. */
function figuresInQuestion(
  l: ScoreLine,
  ind: IndicatorResult | undefined,
  questioned: Map<string, Finding>
): Unverified | undefined {
  const ops = (ind?.operands ?? []).filter(
    (o, i, all) =>
      questioned.has(o.name) &&
      !l.sameEitherWay?.includes(o.name) &&
      all.findIndex((x) => x.name === o.name) === i
  );
  if (ops.length === 0) return undefined;
  const by = (name: string) => questioned.get(name)!;
  return {
    reason: ops.some((o) => by(o.name).severity === '错误') ? '所用数据有误' : '数据口径不一未说明',
    score: l.score,
    deduction: l.deduction,
    inputs: ops.map((o) => ({ ...o, finding: by(o.name).id, findingTitle: by(o.name).title })),
  };
}

/** The clause of the unit's own text holding one of the words, or undefined. */
function admits(text: string, words: readonly string[]): string | undefined {
  return text
    .split(/[。！？；，,\n]/)
    .map((s) => s.trim())
    .find((s) => words.some((w) => s.includes(w)));
}

/** A declared measure left blank, in the reviewer's words: `服务对象满意度调查结果未填列`. */
function blankMeasure(input: string): string {
  const label = INPUT_BY_NAME.get(input)?.label ?? input;
  return `${label.replace(/[（(]([^（）()]*)[）)]$/, '$1')}未填列`;
}

/** For each qualitative line, whether the unit's own words stand behind its score, and whether they contradict it. */
function qualitativeDoubts(model: Model, lines: ScoreLine[]): Map<ScoreLine, Unverified> {
  const out = new Map<ScoreLine, Unverified>();
  const keyed = lines.map((line) => ({ line }));
  const items = assignItems(
    keyed,
    departmentItemsOf(model.text('履职情况'), { name: '履职情况', label: '部门整体履职情况', value: null }),
    EVIDENCE
  );
  const problems = model.text('存在问题') ?? '';
  for (const k of keyed) {
    const l = k.line;
    if (l.indicator) continue;
    const decl = evidenceDecl(EVIDENCE, k);
    const words = decl?.contradictedBy ?? [];
    // A line the unit scored only through its 二级 (ScoreLine.claimBasis) is already 待核实 for want of a score of its
    // own; its own words against full marks are still the reason the reviewer gives.
    const score = l.missing ? l.claimed : l.score;
    if (!score) continue;
    const quote = score.gte(l.points) ? admits(problems, words) : undefined;
    if (l.missing) {
      if (quote) out.set(l, { score: D.min(score, l.points), reason: '与单位所述问题不符', quote });
      continue;
    }
    const evidence =
      lineRemark(model, l, lines) !== undefined ||
      ownRemark(model, `${l.level1}/${l.level2}`, l.level2) !== undefined ||
      (items.get(k)?.length ?? 0) > 0;
    const base = { score: l.score, deduction: l.deduction };
    const unmeasured = decl?.measured && model.scalar(decl.measured.input).value === null;
    if (quote) out.set(l, { ...base, reason: '与单位所述问题不符', quote });
    else if (unmeasured)
      out.set(l, { ...base, reason: '缺评价依据', detail: blankMeasure(decl.measured!.input) });
    else if (!evidence) out.set(l, { ...base, reason: '缺评价依据' });
  }
  // A 二级 the unit scored as a whole is verified as a whole: a line of it in doubt takes the others with it.
  for (const l of lines.filter((x) => x.groupShare && !out.has(x))) {
    const peer = lines.find(
      (m) => m.groupShare && m.level1 === l.level1 && m.level2 === l.level2 && out.has(m)
    );
    if (peer) out.set(l, { ...out.get(peer)!, score: l.score, deduction: l.deduction });
  }
  return out;
}

/**
 * The score sheet as verified: each line that has a score but is not verified moves to 待核实 (its points to
 * 待核实分值, out of every total), and the groups, the total and the grades are taken again. Unchanged (the same
 * object) when every scored line is verified.
 */
export function verifyScores(
  scores: ScoreSheet,
  model: Model,
  indicators: readonly IndicatorResult[],
  findings: readonly Finding[]
): ScoreSheet {
  const questioned = questionedInputs(findings);
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const qualitative = qualitativeDoubts(model, scores.lines);
  let moved = false;
  const lines = scores.lines.map((l): ScoreLine => {
    if (l.missing && !qualitative.has(l)) return l;
    const u = l.indicator ? figuresInQuestion(l, byId.get(l.indicator), questioned) : qualitative.get(l);
    if (!u) return l;
    moved = true;
    return { ...l, missing: true, score: ZERO, deduction: unverifiedWords(u, l), unverified: u };
  });
  if (!moved) return scores;
  const split = (ls: ScoreLine[]) => ({
    score: sum(ls.filter((l) => !l.missing).map((l) => l.score)),
    pending: sum(ls.filter((l) => l.missing).map((l) => l.points)),
  });
  const groups = scores.groups.map((g) => ({
    ...g,
    ...split(
      lines.filter((l) =>
        g.level === 1 ? l.level1 === g.name : l.level1 === g.parent && l.level2 === g.name
      )
    ),
  }));
  const all = split(lines);
  return {
    ...scores,
    lines,
    groups,
    total: all.score,
    pendingPoints: all.pending,
    ...gradesOf(all.score, ceilingOf(lines), scores.bands ?? DEFAULT_BANDS),
  };
}
