/**
 * 审核意见: the finance bureau reviewer's memo, in the reviewer's voice. Page 1 answers "what do I do
 * with this report?" — the 审核结论 by the declared rule (src/catalogue/report/review.ts) with its
 * reason, the score as the department gives it and as verified, and the three things to fix first.
 * Then what must be corrected (错误), numbered under its group, one entry per cause (src/core/causes.ts:
 * findings that share one are headed by it, with the figures it explains and the value the data imply), a
 * problem alone in the words every surface uses (reviewSentence: the title, the figures it does not state,
 * the correction the data show); then what may legitimately differ and needs a written reason (提示); then what could not be
 * verified, once, as a table, with the verified lines that lost points in a note under it.
 * Drafted as a ReportDraft so the same Word export prints it in 公文 form.
 */
import {
  BLOCKING_FAMILIES,
  OTHER_GROUP,
  REVIEW_CAUSES,
  REVIEW_CONCLUSIONS,
  REVIEW_GROUPS,
} from '../catalogue/report/review';
import type Decimal from 'decimal.js';
import {
  causeCorrections,
  causesOf,
  failedIdentities,
  followOn,
  gapWith,
  listedErrors,
  solvedBy,
  thisYearPairs,
  type Cause,
  type YearBlock,
} from './causes';
import type { Claim, ReportSummary } from './claims/engine';
import { sum, ZERO } from './decimal';
import { ABOUT_A_RESULT, doubtedInputs } from './doubt';
import { tightenSpaces } from './typography';
import { allFindings } from './findingTree';
import { computeIndicatorById, recomputeWith } from './indicators';
import { assemble, reportContext, type DraftInput, type ReportDraft } from './narrative';
import {
  briefProblem,
  partLabels,
  reviewParts,
  reviewSentence,
  termLabels,
  withTable,
} from './render/finding';
import {
  documentDigits,
  formatGap,
  formatQuantity,
  formatValue,
  operandQuantity,
  operandTable,
} from './render/quantity';
import { shortLabel } from './reconcile';
import type {
  DepartmentItem,
  OwnScores,
  ReportContext,
  ReviewFacts,
  ReviewVerdict,
  SectionContent,
  SectionDecl,
} from './reportContract';
import { taskDoubt } from '../catalogue/report/sections/analysis';
import { unmatchedOwnProblems } from './reportEvidence';
import { chineseNumber, placeholder, points, qualifiedName, rateText } from './reportWords';
import type { Finding, Grade, Operand, Quantity, QuantityKind, ScoreLine, ScoreSheet } from './results';
import { DEFAULT_BANDS, rulebookFromModel, type GradeBands } from './rulebook';
import { ceilingOf, gradeOf, pointsAt, scoreWith } from './scoring';
import { pendingPointsOf } from './summary';

// ---------------------------------------------------------------- what the memo can verify

export { ABOUT_A_RESULT, doubtedInputs };
/**
 * The memo reads the engine's own score sheet: what it counts as 核实 and 待核实, and why a scored line is not
 * verified (ScoreLine.unverified), is decided once, in src/core/verify.ts.
 */
type MemoScores = ScoreSheet;

// ---------------------------------------------------------------- the 审核结论

/**
 * True when a finding changes a score: a self-score the rules do not give. A wrong stated rate or a wrong input
 * of a score line does not by itself change the score (the score is computed from the inputs, and a corrected
 * input may leave it where it is): such a line is 待核实 instead (src/core/verify.ts).
 */
export function changesScore(f: Finding): boolean {
  return f.family === '评分' && f.severity === '错误';
}

/** The score group a 评分 finding is about (`score.二级.预算执行`, `score.一级.产出`, `score.总分`). */
function claimGroup(f: Finding): { level?: 1 | 2; name: string } | null {
  const m = /^score\.(一级|二级)\.(.+)$/.exec(f.id);
  if (m) return { level: m[1] === '一级' ? 1 : 2, name: m[2] };
  return f.id === 'score.总分' ? { name: '总分' } : null;
}

/** A self-score against what the memo verifies: the claim, the verified points, the most reachable. */
function claimAgainst(f: Finding, memo: MemoScores | null) {
  const g = claimGroup(f);
  if (!g || !memo || !f.computed) return null;
  const s = memo;
  const group = g.level ? s.groups.find((x) => x.level === g.level && x.name === g.name) : undefined;
  if (g.level && !group) return null;
  const score = group ? group.score : s.total;
  const pending = group ? (group.pending ?? ZERO) : pendingPointsOf(s);
  return { name: g.name, claimed: f.computed.value, score, pending, most: ceilingOf(linesOf(s, g)) };
}

/**
 * A group's ceiling as page 1 states the total's: with the blank 其中 lines of its bounds read as 0 (`low`), and the
 * words for the ceiling with them filled (`；如列报甲等调整，至多9.00分`), or '' where no bound is in the group.
 */
function groupCeiling(lines: ScoreLine[], most: Decimal, v: MemoView) {
  const bs = v.bounds.filter((b) => lines.includes(b.line));
  const low = ceilingAsBlank(most, bs);
  const filled = bs.length ? `；如列报${blanksNamed(bs)}，至多${points(most)}分` : '';
  return { low, filled, bounds: bs };
}

/**
 * What the 审核结论 rule looks at. An 错误 stays open when explained (it must be corrected); a 提示 does not.
 * `unpenalised`: the department's own 存在问题 items no lost points answer (二's last part lists them).
 */
export function reviewFacts(
  findings: Finding[],
  scores: ScoreSheet | null,
  reportFails = 0,
  unpenalised = 0
): ReviewFacts {
  const blocking = findings.filter(
    (f) => f.severity === '错误' && (BLOCKING_FAMILIES.includes(f.family) || changesScore(f))
  );
  return {
    blocking,
    remaining: findings.filter((f) => !blocking.includes(f) && !f.explanation),
    pending: scores?.lines.filter((l) => l.missing) ?? [],
    changesScore,
    problems: problemCounts(listedErrors(findings), unpenalised, findings),
    reportFails,
  };
}

/**
 * The problems as the memo's 二 lists them, one per cause: the self-scores, the figures (the weightiest named by the
 * declared rule: the largest correction the data show, else the largest gap), and the unit's own items unpenalised.
 */
function problemCounts(errors: Finding[], unpenalised: number, context: Finding[]): ReviewFacts['problems'] {
  const causes = causesOf(errors, REVIEW_CAUSES, context);
  const claims = causes.filter((c) => changesScore(c.findings[0]));
  const figures = causes.filter((c) => !claims.includes(c)).flatMap(causeFindings);
  return {
    scores: claims.length,
    figures: causes.length - claims.length,
    scoresAbove: claims.every((c) => {
      const f = c.findings[0];
      return !!f.computed && !!f.expected && f.computed.value.gt(f.expected.value);
    }),
    weightiest: weightiest(figures, causes),
    unpenalised,
  };
}

/** How far a correction moves its figure (`to − stated`), or null when the figure is not stated. */
function correctionGap(f: Finding): Decimal | null {
  const q = f.correction && operandQuantity(f.correction.operand);
  return q ? f.correction!.to.value.minus(q.value) : null;
}

/**
 * The weightiest figure problem in a few words (see ReviewFacts.problems), without spaces, or '': a figure filled
 * from another year by that cause's heading.
 */
function weightiest(findings: Finding[], causes: Cause[]): string {
  const bySize = (gap: (f: Finding) => Decimal | null) =>
    findings.filter((f) => gap(f) !== null).sort((a, b) => gap(b)!.abs().comparedTo(gap(a)!.abs()))[0];
  const fixed = bySize(correctionGap);
  const year = causes.find((c) => c.shares === 'previousYear' && c.findings.includes(fixed));
  if (year) return previousYearHeading(year);
  if (fixed) {
    const gap = correctionGap(fixed)!;
    const q = { value: gap.abs(), kind: fixed.correction!.to.kind };
    return documentDigits(
      `${withTable(fixed.correction!.operand)}${gap.isNeg() ? '多计' : '少计'}${formatQuantity(q, 'document')}`
    ).replace(/ /g, '');
  }
  const largest = bySize((f) => (f.difference?.kind === 'amount' ? f.difference.value : null));
  return largest ? documentDigits(largest.title).replace(/ /g, '') : '';
}

/**
 * The 审核结论 and its reason in one line, by the first declared branch that holds; and, unless the report is
 * accepted, what the unit does by the date the reviewer fills.
 */
export function reviewConclusion(facts: ReviewFacts): {
  verdict: ReviewVerdict;
  reason: string;
  resubmit: string;
} {
  const decl = REVIEW_CONCLUSIONS.find((d) => d.when(facts))!;
  const resubmit = decl.resubmit ? `请于${placeholder('日期')}前${decl.resubmit}。` : '';
  return { verdict: decl.verdict, reason: decl.reason(facts), resubmit };
}

// ---------------------------------------------------------------- entries

function sentence(s: string): string {
  return s ? `${s.replace(/[。；，：]$/, '')}。` : '';
}

interface Group {
  heading: string;
  /** The problems listed under it, each a cause with the findings it explains. */
  causes: Cause[];
  /** Every finding the group states (the causes' findings and those of the same gap). */
  findings: Finding[];
  /** The family's advice two or more of its entries without a specific correction share, stated once. */
  advice?: string;
}

const causeFindings = (c: Cause): Finding[] => [...c.findings, ...c.sameGap];

/**
 * The open 错误 as the memo lists them: one entry per cause (src/core/causes.ts applies the declared rules), under
 * the group its kind is declared in, else the group of the family of the finding it is headed by.
 */
function groupsOf(findings: Finding[], context: Finding[]): Group[] {
  const causes = causesOf(findings, REVIEW_CAUSES, context);
  const declOf = (c: Cause) =>
    REVIEW_GROUPS.find((g) => c.shares !== 'alone' && g.shares?.includes(c.shares)) ??
    REVIEW_GROUPS.find((g) => g.families.includes(c.findings[0].family));
  const groups: Group[] = [];
  for (const decl of [...REVIEW_GROUPS, undefined]) {
    const mine = causes.filter((c) => declOf(c) === decl);
    if (mine.length === 0) continue;
    const counts = new Map<string, number>();
    // Only a problem alone takes its family's advice: a self-score or a stated rate states its own correction, a
    // cause its own.
    for (const { action, advice } of mine
      .filter((c) => c.shares === 'alone' && !ABOUT_A_RESULT.includes(c.findings[0].family))
      .map((c) => reviewParts(c.findings[0])))
      if (!action && advice) counts.set(advice, (counts.get(advice) ?? 0) + 1);
    const [advice, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    groups.push({
      heading: decl?.heading ?? OTHER_GROUP,
      causes: mine,
      // With the 提示 a cause explains: they are stated in its entry.
      findings: mine.flatMap((c) => [...causeFindings(c), ...(c.previousYear?.notices ?? [])]),
      advice: n >= 2 && advice ? advice : undefined,
    });
  }
  // What sends the report back comes first: errors that change a score, then other errors.
  const rank = (g: Group) =>
    g.findings.some((f) => f.severity === '错误' && changesScore(f))
      ? 0
      : g.findings.some((f) => f.severity === '错误')
        ? 1
        : 2;
  return groups
    .map((g, i) => ({ g, i }))
    .sort((a, b) => rank(a.g) - rank(b.g) || a.i - b.i)
    .map((x) => x.g);
}

/** A doubted figure as the memo names it: `基础数据表上年结转 50.00 万元`. */
function figureName(o: Operand): string {
  const q = operandQuantity(o);
  return `${withTable(o)}${q ? ` ${formatQuantity(q, 'document')}` : ''}`;
}

/** What the memo knows besides the findings: its scores, the doubted inputs, where each finding is listed. */
interface MemoView {
  memo: MemoScores | null;
  /** A task-rate line counting tasks marked 已完成 whose own 说明 says they were not (taskDoubt), or undefined. */
  doneInDoubt(l: ScoreLine): ReturnType<typeof taskDoubt>;
  /** The restated sums a listed part-exceeds finding shares a part with, by that finding (shortfallsOf). */
  shortfalls: Map<Finding, Restated[]>;
  /** The scores the unit's report states (src/core/voice.ts). */
  own: OwnScores | null;
  doubted: Map<string, Finding>;
  /** Every figure of a failed identity (错误 on the figures, not on a rate or a self-score): none is a benchmark. */
  inFailedIdentity: Set<string>;
  /** The failed identities (错误 on the figures) those figures are in. */
  failed: Finding[];
  /** Every figure 二 corrects, what it becomes and where (correctedFigures). */
  corrected: Map<string, Corrected>;
  /** An indicator as the evaluation computed it, with some figures read as corrected (null when it cannot say). */
  rateWith(id: string, values: ReadonlyMap<string, Decimal>): Decimal | null;
  /** The blank lines an indicator reads as 0 (its optional inputs, such as a 其中 line it subtracts). */
  blankLinesOf(id: string): Operand[];
  /** The points an indicator's line earns by the workbook's declared rules with those figures (null: cannot say). */
  scoreWith(id: string, values: ReadonlyMap<string, Decimal>): Decimal | null;
  /** `第二部分（五）`: the group that lists a finding (or the root it is folded under). */
  where(f: Finding): string;
  /** `第四部分`: the part that lists what could not be verified. */
  pendingPart: string;
  /** The 提示 a self-score entry states with a line's deduction, by `二级.三级` (memoNotices). */
  noticesWithClaim: Map<string, Finding[]>;
  /** Every self-score beyond the rules, wherever it is folded: an entry names the totals above it that follow. */
  claims: Finding[];
  /** An input as the indicators read it (its label and kind), by name. */
  operand(name: string): Operand | undefined;
  /** The 待核实 lines a blank 其中 line read as 0 holds below their 至多 (blankBounds): each ceiling is stated both ways. */
  bounds: BlankBound[];
}

/** The part that lists what could not be verified: 四, or 三 when no 提示 needs a written reason. */
function pendingPartOf(c: ReportContext): string {
  return `第${chineseNumber(memoNotices(c).listed.length ? 4 : 3)}部分`;
}

/** The scored lines that lost points under a self-score the rules do not give: 二's claim entries state each. */
function linesLostInClaims(c: ReportContext): ScoreLine[] {
  return linesUnderClaims(c, () => true).filter((l) => !l.missing && l.score.lt(l.points));
}

/** The scored lines under each self-score entry of 二 whose claim `keep` accepts. */
function linesUnderClaims(
  c: ReportContext,
  keep: (claim: NonNullable<ReturnType<typeof claimAgainst>>) => boolean
): ScoreLine[] {
  const s = c.scores;
  if (!s) return [];
  return c.findings.filter(changesScore).flatMap((f) => {
    const g = claimGroup(f);
    const claim = g && claimAgainst(f, s);
    return g && claim && keep(claim) ? linesOf(s, g) : [];
  });
}

/**
 * The 待核实 lines a self-score entry of 二 names with their 至多 (no reading of their figures brings them to full
 * marks): the entry states what they read, so a 提示 about one is stated there too.
 */
function linesCappedInClaims(c: ReportContext): ScoreLine[] {
  return linesUnderClaims(c, (claim) => !claim.pending.isZero()).filter(
    (l) => l.missing && l.most?.lt(l.points)
  );
}

/**
 * The 提示 the memo lists in 三, and those a self-score entry of 二 states instead: a 提示 about a scored line that
 * lost points under a self-score the rules do not give (`公用经费决算超过预算`, which 公用经费控制率 deducts for), or
 * about a 待核实 line that entry names with its 至多, is stated once, with that line.
 */
function memoNotices(c: ReportContext): { listed: Finding[]; withClaim: Map<string, Finding[]> } {
  // A 提示 a cause of 二 explains (a figure of another year's) is stated there.
  const explained = new Set(
    causesOf(listedErrors(c.findings), REVIEW_CAUSES, c.findings).flatMap(
      (x) => x.previousYear?.notices ?? []
    )
  );
  const notices = c.findings.filter(
    (f) => f.kind !== 'cannotVerify' && f.severity !== '待补' && f.severity !== '错误' && !explained.has(f)
  );
  const withClaim = new Map<string, Finding[]>();
  const lost = [...linesLostInClaims(c), ...linesCappedInClaims(c)];
  const listed = notices.filter((f) => {
    const line = lost.find((l) => f.affects?.includes(`评分：${l.level3}`));
    if (!line) return true;
    const key = `${line.level2}.${line.level3}`;
    withClaim.set(key, [...(withClaim.get(key) ?? []), f]);
    return false;
  });
  return { listed, withClaim };
}

function memoView(c: ReportContext, groups: Group[]): MemoView {
  const failed = failedIdentities(c.findings);
  const v: MemoView = {
    memo: c.scores,
    // The points by the workbook's declared rules, as scoreWith reads them (the memo's context may carry none).
    doneInDoubt: (l) => {
      const { rulebook } = rulebookFromModel(c.model);
      const scoreAt = (id: string, value: Decimal) => {
        const rule = rulebook?.lines.find((x) => x.indicator === id);
        return rule ? pointsAt(rule, value) : null;
      };
      return taskDoubt({ ...c, scoreAt }, { line: l, score: l.score, own: false });
    },
    own: c.own,
    doubted: doubtedInputs(c.findings),
    inFailedIdentity: new Set(failed.flatMap((f) => f.operands.map((o) => o.name))),
    failed,
    corrected: new Map(),
    shortfalls: new Map(),
    claims: allFindings(c.findings).filter((f) => claimGroup(f)),
    blankLinesOf: (id) => {
      const stated = c.indicators.find((i) => i.id === id);
      // A blank optional input has no value and is not among those that left the indicator uncomputed.
      return (stated?.operands ?? []).filter(
        (o) => o.value === null && !stated?.missing?.some((m) => m.name === o.name)
      );
    },
    rateWith: (id, values) => {
      const stated = c.indicators.find((i) => i.id === id);
      return (stated && recomputeWith(c.model, stated, values)?.value) ?? null;
    },
    scoreWith: (id, values) => {
      const line = c.scores?.lines.find((l) => l.indicator === id);
      const { rulebook } = rulebookFromModel(c.model);
      return line && rulebook
        ? scoreWith(rulebook, c.model, line, values, (m) => computeIndicatorById(m, id, rulebook.variants))
        : null;
    },
    where: (f) => {
      const i = groups.findIndex((g) => g.findings.some((x) => x === f || allFindings([x]).includes(f)));
      return i < 0 ? '本部分' : `第二部分（${chineseNumber(i + 1)}）`;
    },
    pendingPart: pendingPartOf(c),
    noticesWithClaim: memoNotices(c).withClaim,
    operand: (name) => c.indicators.flatMap((i) => i.operands).find((o) => o.name === name),
    bounds: [],
  };
  v.corrected = correctedFigures(groups, v);
  v.shortfalls = shortfallsOf(groups);
  v.bounds = blankBounds(groups, v);
  return v;
}

/** Places in the memo, each once, the part named once: `第二部分（五）、（四）`. */
function joinPlaces(places: string[]): string {
  return [...new Set(places)].map((p, i) => (i > 0 ? p.replace(/^第二部分/, '') : p)).join('、');
}

/** The lines a score group holds (一级 or 二级 by its level; the total holds every line). */
function linesOf(s: ScoreSheet, g: { level?: 1 | 2; name: string }): ScoreLine[] {
  return s.lines.filter((l) =>
    g.level === 1 ? l.level1 === g.name : g.level === 2 ? l.level2 === g.name : true
  );
}

/**
 * A self-score beyond the rules, as the memo verifies it: the claim against the points the rules give, why (the
 * lines that lost points and how many, the lines still 待核实), the correction, and the totals that follow it.
 */
function claimEntry(f: Finding, v: MemoView): string | null {
  const c = claimAgainst(f, v.memo);
  const g = claimGroup(f);
  if (!c || !g || !v.memo) return null;
  const lines = linesOf(v.memo, g);
  // A 提示 about a line that lost points is stated here, once, for the unit to explain (not again in 三).
  const explain = (l: ScoreLine) =>
    (v.noticesWithClaim.get(`${l.level2}.${l.level3}`) ?? [])
      .map((n) => `；${documentDigits(n.title).replace(/（[^（）]*）$/, '')}，须书面说明原因`)
      .join('');
  const lost = lines
    .filter((l) => !l.missing && l.score.lt(l.points))
    .map(
      (l) =>
        `${l.level3}${l.indicatorValue ? `${rateText(l.indicatorValue)}，` : ''}扣${points(l.points.minus(l.score))}分${explain(l)}`
    );
  // The pending lines are 四's, each with its reason: here only their points, and the most the group can reach.
  // A pending line no reading of its figures brings to full marks is named with its own 至多 (ScoreLine.most).
  // A 提示 about a pending line is stated as its figures are listed: they may yet change.
  const explainPending = (l: ScoreLine) =>
    (v.noticesWithClaim.get(`${l.level2}.${l.level3}`) ?? [])
      .map((n) => `按所列数据${documentDigits(n.title)}，核对改正后仍有差异的，应书面说明原因。`)
      .join('');
  // A line this year's figures score lower while a blank 其中 line reads 0 is named with those points, and the
  // group's ceiling stated both ways, as page 1 states the total's.
  const ceiling = groupCeiling(lines, c.most, v);
  const bound = (l: ScoreLine) => ceiling.bounds.find((b) => b.line === l);
  const capped = lines
    .filter((l) => l.missing && (bound(l) || l.most?.lt(l.points)))
    .map((l) =>
      bound(l)
        ? `${l.level3}按${bound(l)!.year}年数据计${points(bound(l)!.scored)}分。`
        : `${l.level3}${readingsText(l, v)}至多${points(l.most!)}分。${explainPending(l)}`
    );
  const pending = c.pending.isZero()
    ? ''
    : `${lost.length ? '另有' : ''}${points(c.pending)}分待核实（见${v.pendingPart}）${capped.length ? `。${capped.join('')}合计` : '，'}至多${points(ceiling.low)}分${ceiling.filled}`;
  const why = [lost.join('；'), pending].filter(Boolean).join('；');
  const head = c.pending.isZero()
    ? `“${c.name}”自评${points(c.claimed)}分，按评分规则为${points(c.score)}分`
    : c.claimed.gt(c.most)
      ? `“${c.name}”自评${points(c.claimed)}分`
      : `“${c.name}”自评${points(c.claimed)}分，待核实的${points(c.pending)}分全部得分时方能达到`;
  const fix = c.pending.isZero()
    ? `应改为${points(c.score)}分`
    : c.claimed.gt(c.most)
      ? `应改为不超过${points(ceiling.low)}分${ceiling.bounds.length ? `（或${points(c.most)}分）` : ''}`
      : '待核实各项依据补齐后按评分规则确定';
  // The totals above this group that the unit also over-claimed, each entry naming them: a total folded under
  // one entry still moves with the other.
  const above = new Set(['总分', ...(g.level === 2 ? lines.map((l) => l.level1) : [])]);
  const totals = v.claims
    .map((x) => claimGroup(x)!)
    .filter((x) => x.name !== g.name && above.has(x.name) && x.level !== 2)
    .sort((a, b) => (a.level ? 0 : 1) - (b.level ? 0 : 1))
    .map((x) => `“${x.name}”`);
  // The totals move by what the correction takes off (at least that, below a ceiling); by what, while it waits.
  const change = c.pending.isZero()
    ? c.claimed.minus(c.score)
    : c.claimed.gt(c.most)
      ? c.claimed.minus(ceiling.low)
      : null;
  // With the blank filled the ceiling is higher and the totals move by less: both, as the ceiling was just stated.
  const byLess =
    change && ceiling.bounds.length && c.claimed.gt(c.most)
      ? `（或${points(c.claimed.minus(c.most))}分）`
      : '';
  const follow =
    !change || change.isZero()
      ? '相应调整'
      : `相应${change.lt(0) ? '增加' : '减少'}${c.pending.isZero() ? '' : '至少'}${points(change.abs())}分${byLess}`;
  return `${head}${why ? `：${why}` : ''}。${fix}${totals.length ? `，${totals.join('、')}自评得分${follow}` : ''}。${doneInDoubtText(c, lines, v)}`;
}

/**
 * A group's verified score rests on tasks marked 已完成 whose own 说明 says they were not: which, what it says, and
 * the rates and the group's points by the rules were they not done (`任务④标为已完成，但说明称“…”；如未完成，
 * 实际完成率、完成及时率为60.00%，“产出”为20.00分。`); '' where no line's count is in doubt or a rule is unknown.
 */
function doneInDoubtText(c: { name: string; score: Decimal }, lines: ScoreLine[], v: MemoView): string {
  const doubts = lines
    .filter((l) => !l.missing)
    .map((l) => ({ l, d: v.doneInDoubt(l) }))
    .filter((x) => x.d);
  if (doubts.length === 0 || doubts.some((x) => !x.d!.otherScore)) return '';
  const { marks, clauses } = doubts[0].d!;
  const rates = [...new Set(doubts.map((x) => rateText(x.d!.otherValue)))];
  const each =
    rates.length === 1
      ? `${doubts.map((x) => x.l.level3).join('、')}为${rates[0]}`
      : doubts.map((x) => `${x.l.level3}为${rateText(x.d!.otherValue)}`).join('、');
  const score = c.score.minus(sum(doubts.map((x) => x.l.score.minus(x.d!.otherScore!))));
  return `任务${marks}标为已完成，但说明称“${clauses.join('”“')}”；如未完成，${each}，“${c.name}”为${points(score)}分。`;
}

/**
 * The readings a pending line's 至多 is the most of, each with the points it gives
 * (`所用公用经费决算数按 50.00 万元计得 0 分，按 40.00 万元计得 2 分，`): the figure
 * named once, a reading by its figures where it varies more than one; '所用数据无论按哪种可能计' where the line
 * keeps none.
 */
function readingsText(l: ScoreLine, v: MemoView): string {
  const rs = l.readings ?? [];
  if (rs.length === 0) return '所用数据无论按哪种可能计';
  const ops = rs[0].figures.map((x) => v.operand(x.name));
  const value = (x: { name: string; value: Decimal }, i: number) =>
    formatQuantity({ value: x.value, kind: ops[i]?.kind ?? 'amount' }, 'document');
  const one = ops.length === 1;
  // A value other than the stated one is named once with where it comes from: the failed identity solved for the
  // figure (or the figure it copies) gives it to the cent (`90.00 万元（收支总表日常公用经费 95.00 − 其他资金表日常公用经费 5.00）`).
  const said = new Set<string>();
  const from = (x: { name: string; value: Decimal }, i: number) => {
    const key = `${x.name}=${x.value.toFixed()}`;
    const stated = ops[i] && operandQuantity(ops[i]);
    if (said.has(key) || stated?.value.eq(x.value)) return '';
    const how = v.failed
      .map((f) => {
        const own = f.copies?.find((k) => k.name === x.name)?.of ?? x.name;
        return derivation(f, new Set([own]), x.value, ops[i]?.kind ?? 'amount');
      })
      .find(Boolean);
    if (!how) return '';
    said.add(key);
    return `（${how}）`;
  };
  const each = rs.map((r) => {
    const at = one
      ? `${value(r.figures[0], 0)}${from(r.figures[0], 0)}`
      : r.figures.map((x, i) => `${ops[i]?.label ?? x.name} ${value(x, i)}${from(x, i)}`).join('、');
    // Each reading as the indicator it gives and the points it keeps or loses (`按 45.00 万元计为 90.00%，扣 1 分，计 1 分`).
    const rate = r.indicatorValue ? `为${rateText(r.indicatorValue)}，` : '，';
    const lostPoints = l.points.minus(r.score);
    const kept = r.score.isZero() || lostPoints.isZero() ? '' : `扣${points(lostPoints)}分，`;
    return `按 ${at}计${rate}${kept}计${points(r.score)}分`;
  });
  return `所用${one ? (ops[0]?.label ?? rs[0].figures[0].name) : '数据'}${each.join('；')}，`;
}

/** The indicator a 比率 or 年度 finding is about: its scored line's, else the first it feeds. */
function rateName(f: Finding): string {
  const scored = f.affects?.find((a) => a.startsWith('评分：'))?.slice(3);
  return scored ?? f.affects?.[0] ?? '该比率';
}

/**
 * A stated rate against its recomputation, when an input it reads is itself in doubt: the recomputed figure is
 * built on a wrong input, so the memo names the input and asks for the rate again once it is corrected.
 */
function rateEntry(f: Finding, v: MemoView): string | null {
  if (f.family !== '比率' || !f.computed) return null;
  const ops = f.operands.slice(1).filter((o) => v.doubted.has(o.name));
  if (ops.length === 0) return null;
  const rate = rateName(f);
  const refs = joinPlaces(ops.map((o) => v.where(v.doubted.get(o.name)!)));
  return `报告所列${rate} ${formatQuantity(f.computed, 'document')}与所列数据不符，但所用${ops.map(figureName).join('、')}本身有误（见${refs}），须先改正这些数，再按公式重算${rate}。`;
}

/** A figure in the document's digits with its unit: `250.00 万元`. */
function figure(x: Decimal, kind: QuantityKind = 'amount'): string {
  return formatQuantity({ value: x, kind }, 'document');
}

/** Figures of one table by their labels, the table named once before them (`基础数据表上年结转、上年度累计结转结余`). */
function labelsIn(table: string, ops: Operand[]): string {
  return ops.map((o) => withTable(o).replace(table, '')).join('、');
}

/**
 * Where a value two figures should read comes from: the identity solved for the figure, its other figures by
 * their labels (`调整后预算 900.00 − 年初批复预算 600.00`); null when it does not give the value to the cent.
 */
function derivation(f: Finding, names: Set<string>, to: Decimal, kind: QuantityKind): string | null {
  const own = f.operands.find((o) => names.has(o.name));
  const terms = own ? solvedBy(f, own.name, to) : null;
  if (!terms || terms.some((t) => names.has(t.o.name))) return null;
  // What is added comes first: "调整后预算 900.00 − 年初批复预算 600.00".
  const ordered = [...terms.filter((t) => t.sign > 0), ...terms.filter((t) => t.sign < 0)];
  const labels = termLabels(f.operands);
  return ordered
    .map((t, i) => {
      const term = `${labels[f.operands.indexOf(t.o)]} ${formatValue(operandQuantity(t.o)!.value, kind, 'document')}`;
      return i === 0 ? `${t.sign < 0 ? '−' : ''}${term}` : `${t.sign < 0 ? ' − ' : ' + '}${term}`;
    })
    .join('');
}

/**
 * One value two figures should both read, which mends every identity that says it at once: the two figures and
 * their gap, the value and where it comes from, and the identities it mends.
 */
function oneValueEntry(c: Cause): string {
  const { to, kind, cells, mends } = c.value!;
  const stated = cells.map((o) => operandQuantity(o)!.value);
  const was = cells.map((o, i) => `${withTable(o)} ${figure(stated[i], kind)}`);
  const gap = `差 ${figure(stated[0].minus(stated[1]).abs(), kind)}`;
  const digits = (x: Decimal) => formatValue(x, kind, 'document');
  // Each other identity as it reads once mended: `财政拨款调整后预算（项目支出）（900.00 = 600.00 + 300.00）`; two that
  // read the same figures, the equation once after both.
  const names = new Set(cells.map((o) => o.name));
  const byEquation = new Map<string, string[]>();
  for (const f of mends.slice(1)) {
    const side = (ts: { at: number; sign: 1 | -1 }[]) =>
      ts
        .map((t, i) => {
          const o = f.operands[t.at];
          const x = digits(names.has(o.name) ? to : operandQuantity(o)!.value);
          return i === 0 ? (t.sign < 0 ? `−${x}` : x) : `${t.sign < 0 ? '−' : '+'} ${x}`;
        })
        .join(' ');
    const equation = `${side(f.sides!.left)} = ${side(f.sides!.right)}`;
    byEquation.set(equation, [...(byEquation.get(equation) ?? []), f.title.replace(/不一致$/, '')]);
  }
  const from = mends[1] ? derivation(mends[1], names, to, kind) : null;
  const others = mends.length - 1;
  const count = `改正后以下${others === 2 ? '两' : chineseNumber(others)}处也相符`;
  const [only] = byEquation.size === 1 && others > 1 ? [...byEquation] : [];
  const mended = only
    ? `${count}（均为 ${only[0]}）：${only[1].join('；')}`
    : `${count}：${[...byEquation]
        .map(([eq, titles]) => `${titles.join('；')}（${titles.length > 1 ? '均为 ' : ''}${eq}）`)
        .join('；')}`;
  const value = `${figure(to, kind)}${from ? `（${from}）` : ''}`;
  return `${c.findings[0].title}：${was.join('，')}，${gap}。两处均应为 ${value}，${mended}。`;
}

/**
 * A block of another year's figures read with this year's (the figure of another table each is compared with, as 二
 * leaves it: a figure of a failed identity only where 二's corrections mend every one it is in): the block's stated
 * figures, those pairs, the rate and points they give when each stated figure has one, and the blank 其中 lines the
 * rate reads as 0.
 */
function atThisYear(c: Cause, b: YearBlock, v: MemoView) {
  const known = allFindings(c.findings).flatMap((f) => f.operands);
  const figures = b.block.figures
    .map((n) => known.find((o) => o.name === n))
    .filter((o): o is Operand => !!o && operandQuantity(o) !== null);
  const pairs = thisYearPairs(
    c,
    figures.map((o) => o.name),
    v.failed,
    v.corrected
  );
  const values = new Map(pairs.map((x) => [x.mine.name, x.to]));
  const rate = figures.every((o) => pairs.some((x) => x.mine.name === o.name))
    ? v.rateWith(b.block.indicator, values)
    : null;
  const scored = rate ? v.scoreWith(b.block.indicator, values) : null;
  const blanks = v.blankLinesOf(b.block.indicator).filter((o) => !figures.some((f) => f.name === o.name));
  return { figures, pairs, rate, scored, blanks };
}

/**
 * A 待核实 line whose figures 二 replaces with this year's, where this year's give fewer points than its 至多 only
 * while a blank 其中 line is read as 0 (预算调整率 without its 落实国家政策等调整): the ceiling is stated both ways,
 * with the blank as 0 and as filled.
 */
interface BlankBound {
  line: ScoreLine;
  /** The points this year's figures give, the blank lines read as 0. */
  scored: Decimal;
  blanks: Operand[];
  /** The year evaluated (`2021`), or `本`. */
  year: string;
}

/** The lines of 待核实 whose ceiling a blank 其中 line lowers while read as 0, by the 年度 blocks 二 lists. */
function blankBounds(groups: Group[], v: MemoView): BlankBound[] {
  const lines = v.memo?.lines ?? [];
  return groups
    .flatMap((g) => g.causes)
    .flatMap((c) =>
      (c.previousYear?.blocks ?? [])
        .filter((b) => b.marked)
        .flatMap((b) => {
          const line = lines.find((l) => l.missing && l.indicator === b.block.indicator);
          const { scored, blanks } = atThisYear(c, b, v);
          const year = c.previousYear!.evaluated === null ? '本' : `${c.previousYear!.evaluated}`;
          return line && scored && blanks.length && scored.lt(line.most ?? line.points)
            ? [{ line, scored, blanks, year }]
            : [];
        })
    );
}

/** The ceiling with the blank lines of these bounds read as 0: what each bound's line gives below its 至多 comes off. */
function ceilingAsBlank(most: Decimal, bounds: BlankBound[]): Decimal {
  return most.minus(sum(bounds.map((b) => (b.line.most ?? b.line.points).minus(b.scored))));
}

/**
 * Blank 其中 lines in a few words, as page 1 names what filling them would change: a label that lists several
 * (`甲、乙、丙的调整`) by its first and what they are (`甲等调整`).
 */
function blanksNamed(bounds: BlankBound[]): string {
  return [...new Set(bounds.flatMap((b) => b.blanks.map((o) => blankName(o.label))))].join('、');
}

/**
 * An entry of 二 that lists its figures in a table: the lead sentences, the line that introduces the table (a
 * paragraph of its own, so only it goes over with the table when the table starts a page), the table, and what
 * follows it.
 */
interface TabledEntry {
  lead: string;
  intro: string;
  header: string[];
  rows: string[][];
  after: string;
  /** Each row's figure, what it should read and on what basis (never 同上), with the other table's figure it is. */
  figures?: PreviousYearFigure[];
}

/** A figure of another year's as 二's table lists it: what it should read, the basis, the figure that basis names. */
export interface PreviousYearFigure {
  operand: Operand;
  to: string;
  basis: string;
  from?: Operand;
}

/**
 * A table's blocks filled with another year's figures: which tables and how the memo knows (the block's 数据所属年度,
 * its year-end that equals this year's opening, the equations that close the other year), stated once; then a table
 * of each figure to change, as listed and as it should read, with where this year's figure comes from (the
 * corrections the data show, this year's end where its parts are stated, the figure of another table each is
 * compared with); then the stated rates to work out again, with what this year's figures give.
 */
function previousYearEntry(c: Cause, v: MemoView): TabledEntry {
  const p = c.previousYear!;
  const known = allFindings(c.findings).flatMap((f) => f.operands);
  const stated = (names: string[]) =>
    names
      .map((n) => known.find((o) => o.name === n))
      .filter((o): o is Operand => !!o && operandQuantity(o) !== null);
  const plain = (o: Operand) => formatValue(operandQuantity(o)!.value, 'amount', 'document');
  const digits = (x: Decimal) => formatValue(x, 'amount', 'document');
  // A term of an equation by its label: a bare `9.00 − 1.00` would read as a range.
  const short = (o: Operand) => `${labelsIn(operandTable(o) ?? '', [o])} ${plain(o)}`;
  const blockOf = (o: Operand) =>
    p.blocks.find((b) => b.block.figures.includes(o.name))?.block.indicator ?? '';
  const now = p.evaluated === null ? '本' : `${p.evaluated}`;
  const last = p.evaluated === null ? '上' : `${p.evaluated - 1}`;
  const marked = p.blocks.filter((b) => b.marked);
  const shiftedBlocks = p.blocks.filter((b) => !b.marked && b.block.closing);
  const shifted = stated(shiftedBlocks.map((b) => b.block.closing!));
  const ofBlock = (o: Operand) =>
    `${shiftedBlocks.find((b) => b.block.closing === o.name)?.block.indicator ?? ''}的${labelsIn(p.table, [o])}`;
  // The figures are in the table: the reasons name them, the equations give their values once. A year-end that is
  // the other year's is named with the equation that ends there.
  const closes = (x: { closing: Operand }) => !!p.opening && x.closing.name === p.opening.name;
  const alsoShifted = shifted.length ? `，${shifted.map(ofBlock).join('、')}也是此数` : '';
  const years = [...new Set(marked.map((b) => b.year))];
  const why = [
    ...years.map(
      (y) =>
        `${p.table}注明${marked
          .filter((b) => b.year === y)
          .map((b) => b.block.indicator)
          .join('、')}的数据所属年度为${y}年`
    ),
    // Totals that close that year's balance, and figures that add up to one: the equation says it.
    ...p.flows.map(
      (x) =>
        `${withTable(x.income)}、${labelsIn(operandTable(x.income) ?? '', [x.spending])}是${last}年数：${short(x.opening)} + ${short(x.income)} − ${short(x.spending)} = ${plain(x.closing)}，即${last}年年末数（${withTable(x.closing)}）${closes(x) ? alsoShifted : ''}`
    ),
    shifted.length && !p.flows.some(closes)
      ? `${shifted.map(ofBlock).join('、')}${shifted.length > 1 ? '均' : ''}与${withTable(p.opening!)} ${figure(operandQuantity(p.opening!)!.value)}相同，是${last}年年末数`
      : '',
    ...p.sums.map((x) => `${blockOf(x.parts[0])}的${x.parts.map(short).join(' + ')} = ${short(x.total)}`),
  ].filter(Boolean);
  const rows: string[][] = [];
  const listed: Operand[] = [];
  // A figure by its table and label, and by the indicator whose block it is in (基础数据表's 年初批复预算 and 年初预算
  // would read alike): each row says whose figure it is, with its table, a row being read on its own
  // (`基础数据表（预算调整率）年初批复预算`); a basis the row above gives too reads 同上.
  const figures: PreviousYearFigure[] = [];
  const row = (o: Operand, to: string, basis: string, from?: Operand) => {
    if (listed.some((x) => x.name === o.name)) return;
    figures.push({ operand: o, to, basis, ...(from ? { from } : {}) });
    const table = operandTable(o);
    const block = blockOf(o);
    const name = !table || !block ? withTable(o) : `${table}（${block}）${labelsIn(table, [o])}`;
    const above = rows.filter((r) => r[3] !== '同上').at(-1)?.[3];
    rows.push([name, plain(o), to, above === basis ? '同上' : basis]);
    listed.push(o);
  };
  const corrected = c.findings.filter((f) => f.correction);
  for (const f of corrected) {
    const { operand, to, because } = f.correction!;
    // Where this year's figure stands is enough (the year, not a sum, is what is wrong); the value is the row's.
    const source = documentDigits(because.split('，')[0])
      .replace(/·/g, '')
      .replace(/为\s*([\d.,]+)\s*万元$/, (m, x: string) =>
        x.replace(/,/g, '') === digits(to.value) ? '' : m
      );
    row(operand, digits(to.value), source);
  }
  if (p.closing)
    for (const o of shifted)
      row(
        o,
        digits(p.closing.value),
        `${now}年年末数（${[...new Set(p.closing.parts.map((x) => operandTable(x) ?? withTable(x)))].join('、')}之和）`
      );
  // Another table's figure as the basis of a row, with where 二 corrects it.
  const basisOf = (o: Operand) => {
    const fix = v.corrected.get(o.name);
    return `${withTable(o)}${fix ? `（按${fix.where}改正后）` : ''}`;
  };
  // What this year's figures give for each block's rate, said where the rates are worked out again.
  const given = new Map<string, AtThisYear>();
  for (const b of marked) {
    const { figures, pairs, rate, scored, blanks } = atThisYear(c, b, v);
    for (const o of figures) {
      const pair = pairs.find((x) => x.mine.name === o.name);
      row(o, pair ? digits(pair.to) : `${now}年数`, pair ? basisOf(pair.theirs) : '—', pair?.theirs);
    }
    // A blank 其中 line the rate subtracts (an optional input) is read as 0: said, since filling it can change the score.
    const asZero = blanks.length ? `${blanks.map((o) => blankName(o.label)).join('、')}未填列，按 0 计` : '';
    if (rate) given.set(b.block.indicator, { rate, asZero, scored });
  }
  for (const x of p.sums) {
    const pairs = thisYearPairs(
      c,
      x.parts.map((o) => o.name),
      v.failed,
      v.corrected
    );
    if (!pairs.length) continue;
    for (const y of pairs) row(y.mine, digits(y.to), basisOf(y.theirs), y.theirs);
    // What this year's figures give for the block's rate, when each of its stated figures has one here.
    const block = p.blocks.find((b) => b.block.figures.includes(x.parts[0].name))?.block;
    const values = new Map<string, Decimal>(pairs.map((y) => [y.mine.name, y.to]));
    for (const f of corrected) values.set(f.correction!.operand.name, f.correction!.to.value);
    if (block?.closing && p.closing && shifted.some((o) => o.name === block.closing))
      values.set(block.closing, p.closing.value);
    const rate =
      block && stated(block.figures).every((o) => values.has(o.name))
        ? v.rateWith(block.indicator, values)
        : null;
    if (rate) given.set(block!.indicator, { rate, asZero: '', scored: null });
  }
  // A block whose year-end is the other year's (its opening corrected in the table too): its rate at this year's.
  for (const b of shiftedBlocks) {
    if (given.has(b.block.indicator) || !p.closing) continue;
    const values = new Map<string, Decimal>([[b.block.closing!, p.closing.value]]);
    for (const f of corrected) values.set(f.correction!.operand.name, f.correction!.to.value);
    if (!stated(b.block.figures).every((o) => values.has(o.name))) continue;
    const rate = v.rateWith(b.block.indicator, values);
    if (rate)
      given.set(b.block.indicator, { rate, asZero: '', scored: v.scoreWith(b.block.indicator, values) });
  }
  const rates = c.findings.filter((f) => f.family === '比率');
  // Every rate read from the blocks is worked out again: those the report states wrong with the figure it lists,
  // each with what this year's figures give.
  const names = [
    ...new Set([
      ...p.blocks.map((b) => b.block.indicator).filter((name) => !rates.some((f) => rateName(f) === name)),
      ...rates.map(rateName),
    ]),
  ];
  const redo = names.map((name) =>
    redone(
      name,
      now,
      rates.find((r) => rateName(r) === name),
      given.get(name)
    )
  );
  const told = redo.filter((x) => x !== null);
  const bare = names.filter((_, i) => redo[i] === null);
  // Each rate a short sentence of its own: what this year's figures give, and what is wrong with the listed one.
  const redoText = !told.length
    ? bare.length
      ? `改正后重算${bare.join('、')}。`
      : ''
    : `改正后重算各比率：${[...told, ...(bare.length ? [`${bare.join('、')}按改正后的数据重算`] : [])].join('；')}。`;
  // What the blocks' figures do not explain is still stated, each in the shared words.
  const explained = new Set([
    ...corrected,
    ...rates,
    ...c.findings.filter((f) => f.family === '年度'),
    ...c.findings.filter((f) => shifted.some((o) => f.operands.some((x) => x.name === o.name))),
  ]);
  const rest = c.findings.filter((f) => !explained.has(f)).map((f) => reviewSentence(f, { advice: true }));
  return {
    lead: `${previousYearHeading(c)}：${why.join('；')}。`,
    intro: `应按下表改用${now}年数据（单位：万元）：`,
    // Two-line headers keep the columns of figures narrow.
    header: ['项目', `所列\n（${last}年数）`, `应改为\n（${now}年数）`, '依据'],
    rows,
    after: `${redoText}${rest.join('')}`,
    figures,
  };
}

/** What a block's rate comes to with this year's figures: the rate, a blank line read as 0, the points it gives. */
interface AtThisYear {
  rate: Decimal;
  /** `落实国家政策等调整未填列，按 0 计`, or ''. */
  asZero: string;
  scored: Decimal | null;
}

/**
 * A rate to work out again, in a short sentence of its own: what this year's figures give (a blank line read as 0 and
 * the rate the report lists beside it, then the points), and a sign the listed figures reverse
 * (`预算完成率按 2021 年数为 100.00%（报告列 12.50%）`; `甲率报告列 12.50%，符号有误，按所列数据应为负 12.50%`); null
 * when there is nothing to say of it but its name.
 */
function redone(
  name: string,
  year: string,
  f: Finding | undefined,
  at: AtThisYear | undefined
): string | null {
  // A rate in a sentence reads 负…, never with a sign; a space only before a digit.
  const value = (q: Quantity) => {
    const t = q.kind === 'rate' ? rateText(q.value) : formatQuantity(q, 'document');
    return /^\d/.test(t) ? ` ${t}` : t;
  };
  const listed = f?.computed ? `报告列${value(f.computed)}` : '';
  const expected = f?.expected;
  const reversed =
    f?.kind === 'signReversed' && expected
      ? `符号有误，按所列数据应为${expected.value.isNeg() ? '' : '正'}${value(expected)}`
      : '';
  const recomputed = !reversed && !at && expected ? `按所列数据应为${value(expected)}` : '';
  if (at) {
    const beside = [at.asZero, reversed ? '' : listed].filter(Boolean);
    const rate = rateText(at.rate);
    const given = `按 ${year} 年数为${/^\d/.test(rate) ? ' ' : ''}${rate}${beside.length ? `（${beside.join('；')}）` : ''}${at.scored ? `，计 ${points(at.scored)} 分` : ''}`;
    return `${name}${reversed ? `${listed}，${reversed}，` : ''}${given}`;
  }
  const said = [listed, reversed || recomputed].filter(Boolean);
  return said.length ? `${name}${said.join('，')}` : null;
}

/** A blank 其中 line's label in a few words: one that lists several (`甲、乙、丙的调整`) by its first (`甲等调整`). */
function blankName(label: string): string {
  return label.replace(/^其中：/, '').replace(/^([^、]+)、.*的([^、的]+)$/, '$1等$2');
}

/** A table filled with another year's figures, in a few words: `基础数据表误填2019年数据`. */
/** A previousYear cause in a few words (`甲表、乙表误填2020年数据`): 二's heading, and the checklist's. */
export function previousYearHeading(c: Cause): string {
  const p = c.previousYear!;
  const years = [...new Set(p.blocks.map((b) => b.year))];
  const tables = [...new Set([p.table, ...p.flows.map((x) => operandTable(x.income) ?? '')])].filter(Boolean);
  return `${tables.join('、')}误填${years.length === 1 && years[0] !== null ? `${years[0]}年` : '上年'}数据`;
}

/** A cause and its fix in one line, for page 1. */
function causeBrief(c: Cause): string {
  if (c.shares === 'previousYear') {
    const p = c.previousYear!;
    const rates = [
      ...new Set([
        ...p.blocks.map((b) => b.block.indicator),
        ...c.findings.filter((f) => f.family === '比率').map(rateName),
      ]),
    ];
    const fixed = c.findings.filter((f) => f.correction);
    const fixes = fixed.length ? `将${correctionsNamed(fixed).replace(p.table, '')}，` : '';
    // Past two corrections, the year and the one moved furthest (二 names every figure and rate): a longer item
    // would push the third off page 1.
    if (fixed.length > 2) {
      const [furthest] = [...fixed].sort((a, b) =>
        correctionGap(b)!.abs().comparedTo(correctionGap(a)!.abs())
      );
      return `误填${previousYearHeading(c).split('误填')[1]}：将${correctionsNamed([furthest])}等，改用${p.evaluated ?? '本'}年数据`;
    }
    // The rest by name: each block's figures the entry lists as the other year's, less those given a value above.
    const known = allFindings(c.findings).flatMap((f) => f.operands);
    const done = new Set(fixed.map((f) => f.correction!.operand.name));
    const rest = p.blocks
      .map((b) => {
        // A year-end the entry gives this year's value for (its stated parts' sum) is not the rest.
        const names = b.marked ? b.block.figures : b.block.closing && !p.closing ? [b.block.closing] : [];
        const ops = names
          .filter((n) => !done.has(n))
          .map((n) => known.find((o) => o.name === n))
          .filter((o): o is Operand => !!o && operandQuantity(o) !== null);
        return ops.length ? `${b.block.indicator}的${labelsIn(p.table, ops)}` : '';
      })
      .filter(Boolean);
    const which = rest.length ? rest.join('，') : fixed.length ? '其余' : '';
    // Past two rates, only the count (二 names each): page 1 holds the reason and all three first things.
    const redo = rates.length > 2 ? `${rates.length}项比率` : rates.join('、');
    return `${previousYearHeading(c)}：${fixes}${which}改用${p.evaluated ?? '本'}年数据${rates.length ? `，重算${redo}` : ''}`;
  }
  if (c.shares === 'oneValue') {
    const { to, kind, cells, mends } = c.value!;
    // The figures that move with the change (followOn): with them, the identities whose gap the change showed hold
    // too, and the count says so. Counted here (二 names each with what it becomes), so page 1 keeps all three items.
    const follow = c.sameGap.map((f) => followOn(c, f)).filter((x) => x !== null);
    const also = follow.length
      ? `，另${follow.length === 2 ? '两' : chineseNumber(follow.length)}个数随之改正`
      : '';
    return `将${cells.map(withTable).join('、')}均改为${figure(to, kind)}${also}，可使${chineseNumber(mends.length + follow.length)}处同时相符`;
  }
  const f = c.findings[0];
  return `${f.title}：${f.correction ? correctionLine(f) : reviewParts(f).advice.replace(/[。；]$/, '')}`;
}

function correctionLine(f: Finding): string {
  return `应将${withTable(f.correction!.operand)}改为${formatQuantity(f.correction!.to, 'document')}`;
}

/**
 * The findings that show a cause's gap (or the change its value makes) to the cent, by gap; those one value's change
 * mends with the figure that moves with it (src/core/causes.ts followOn) and what it becomes.
 */
function sameGapText(c: Cause): string {
  const byGap = new Map<string, Finding[]>();
  for (const f of c.sameGap) {
    const key = formatGap(f.difference!, 'document');
    byGap.set(key, [...(byGap.get(key) ?? []), f]);
  }
  const fix = (f: Finding) => {
    const s = c.value ? followOn(c, f) : null;
    return s
      ? `${f.title}，应将${withTable(s.cell)} ${figure(operandQuantity(s.cell)!.value)}相应改为 ${figure(s.to)}`
      : f.title;
  };
  return [...byGap]
    .map(([gap, fs]) => {
      // One value's gap is how far one of its figures is off: that figure introduces it.
      const off = c.value && offBy(c, fs[0].difference!.value.abs());
      return sentence(
        off
          ? `${off}还使${fs.length}项不符：${fs.map(fix).join('；')}`
          : c.value
            ? `同一${gap}之差还使${fs.length}项不符：${fs.map(fix).join('；')}`
            : `同一${gap}之差还使${fs.length}项不符，应一并改正：${fs.map(fix).join('；')}`
      );
    })
    .join('');
}

/**
 * The figure of one value that is off by `gap` (the entry states both it and the value): `乙表年中追加多出的 150.00 万元`.
 */
function offBy(c: Cause, gap: Decimal): string {
  const { to, kind, cells } = c.value!;
  const cell = cells.find((o) => operandQuantity(o)?.value.minus(to).abs().eq(gap));
  if (!cell) return '';
  return `${withTable(cell)}${operandQuantity(cell)!.value.gt(to) ? '多出' : '少填'}的 ${figure(gap, kind)}`;
}

/**
 * One entry, numbered: a cause and the figures it explains; or a problem alone in the shared renderer's words
 * (src/core/render/finding.ts, as every surface states it: the problem with the figures its title does not state,
 * the specific correction, or the family's advice where the group does not state it once), a self-score and a
 * rate built on a doubted input as the memo verifies them. Then the findings of the same gap, and the unit's
 * explanations.
 */
function entry(c: Cause, n: number, group: Group, v: MemoView): TabledEntry | string {
  const f = c.findings[0];
  const stated = takesAdvice(c, group);
  const said =
    c.shares === 'oneValue'
      ? oneValueEntry(c)
      : c.shares === 'previousYear'
        ? previousYearEntry(c, v)
        : c.shares === 'sameFix'
          ? sameFixEntry(c)
          : c.shares === 'oneFigure'
            ? oneFigureEntry(c)
            : v.shortfalls.has(f)
              ? `${reviewSentence(f, { advice: false })}${shortfallText(f, v.shortfalls.get(f)!, v)}`
              : (claimEntry(f, v) ?? rateEntry(f, v) ?? reviewSentence(f, { advice: !stated }));
  const explained = causeFindings(c)
    .filter((x) => x.explanation)
    .map((x) => `单位说明：${x.explanation}`);
  const tail = `${sameGapText(c)}${withCorrected(c, v)}${explained.map(sentence).join('')}`;
  return typeof said === 'string'
    ? `${n}.${said}${tail}`
    : { ...said, lead: `${n}.${said.lead}`, after: `${said.after}${tail}` };
}

/**
 * An identity folded under a corrected figure that blanks leave undecided, read with the corrected figure: its stated
 * parts (their words from its title, `按经济分类的各项支出之和`), their sum, the blanks, and how far the sum falls short of
 * what the figure becomes. A blank never makes it wrong: it is to check and fill.
 */
interface Restated {
  x: Finding;
  /** The finding whose correction it is read with. */
  f: Finding;
  parts: string;
  blanks: string;
  gap: Decimal;
}

function restatedOf(c: Cause): Restated[] {
  return causeFindings(c)
    .filter((f) => f.correction)
    .flatMap((f) =>
      allFindings(f.consequences ?? []).flatMap((x) => {
        const parts = /^.+?与(.+)无法核实$/.exec(x.title)?.[1];
        const fits =
          x.kind === 'cannotVerify' &&
          x.missing?.length &&
          x.partial === 'expected' &&
          x.expected &&
          x.operands[0]?.name === f.correction!.operand.name;
        if (!fits || !parts) return [];
        const blanks = x.missing!.map((o) => shortLabel(o.label)).join('、');
        return [{ x, f, parts, blanks, gap: f.correction!.to.value.minus(x.expected!.value) }];
      })
    );
}

/**
 * The restated sums (restatedOf) whose shortfall would mend a listed part-exceeds 错误 alone: one of the sum's stated
 * parts is a term of that finding's smaller side, and the excess is no more than the shortfall (`部门商品和服务支出
 * 900.00 > 财拨 480.00 + 其他资金 150.00`, while 财拨's classes fall 300.00 short of its corrected 本年支出). Both are
 * about the parts' table: stated once, in that finding's entry, naming those parts as the side to fix.
 */
function shortfallsOf(groups: Group[]): Map<Finding, Restated[]> {
  const restated = groups.flatMap((g) => g.causes).flatMap(restatedOf);
  const out = new Map<Finding, Restated[]>();
  for (const c of groups.flatMap((g) => g.causes).filter((x) => x.shares === 'alone')) {
    const p = c.findings[0];
    const mine = restated.filter((r) => shortPart(p, r) !== null);
    if (mine.length) out.set(p, mine);
  }
  return out;
}

/** The term of a part-exceeds 错误's smaller side that is a stated part of a restated sum its shortfall covers, or null. */
function shortPart(p: Finding, r: Restated): Operand | null {
  if (p.kind !== 'exceeds' || p.severity !== '错误' || !p.sides || !r.gap.gt(0)) return null;
  const value = (ts: { at: number; sign: 1 | -1 }[]) =>
    ts.every((t) => operandQuantity(p.operands[t.at]))
      ? sum(ts.map((t) => operandQuantity(p.operands[t.at])!.value.times(t.sign)))
      : null;
  const [left, right] = [value(p.sides.left), value(p.sides.right)];
  if (!left || !right || left.eq(right)) return null;
  const short = left.lt(right) ? p.sides.left : p.sides.right;
  const excess = left.minus(right).abs();
  const parts = new Set(r.x.operands.slice(1).map((o) => o.name));
  const term = short.find((t) => t.sign === 1 && parts.has(p.operands[t.at].name));
  return term && excess.lte(r.gap) ? p.operands[term.at] : null;
}

/**
 * A restated sum in its corrected figure's entry (`按经济分类的各项支出之和 900.00 万元（资本性支出未填列），应与改正后的
 * 本年支出合计 1000.00 万元相符，应一并核对补填。`), unless a part-exceeds entry states it (shortfallsOf).
 */
function withCorrected(c: Cause, v: MemoView): string {
  const elsewhere = new Set([...v.shortfalls.values()].flat().map((r) => r.x));
  return restatedOf(c)
    .filter((r) => !elsewhere.has(r.x))
    .map((r) =>
      sentence(
        `${r.parts} ${formatQuantity(r.x.expected!, 'document')}（${r.blanks}未填列），应与改正后的${shortLabel(r.f.correction!.operand.label)} ${formatQuantity(r.f.correction!.to, 'document')}相符，应一并核对补填`
      )
    )
    .join('');
}

/**
 * A part-exceeds 错误 that a restated sum's shortfall would mend, with that sum: how far the parts fall short of the
 * corrected figure, what the part would read with it, and the parts' table as the side to check first.
 */
function shortfallText(p: Finding, rs: Restated[], v: MemoView): string {
  return rs
    .map((r) => {
      const part = shortPart(p, r)!;
      const table = operandTable(part) ?? '';
      const stated = operandQuantity(part)!.value;
      const to = r.f.correction!.to;
      return sentence(
        `${table}${r.parts} ${formatQuantity(r.x.expected!, 'document')}（${r.blanks}未填列），比改正后的${shortLabel(r.f.correction!.operand.label)} ${formatQuantity(to, 'document')}（见${v.where(r.f)}）少 ${figure(r.gap)}；如少列的 ${figure(r.gap)}属${labelsIn(table, [part])}，${table}该项应为 ${figure(stated.plus(r.gap))}，本项即不再超出。应先对照部门决算原表核对补填${table}${r.parts.replace(/之和$/, '')}`
      );
    })
    .join('');
}

/**
 * Two figures that should be one and the identities that see their difference again, as one problem: the two
 * figures, then each identity with its figures (those folded under another too), then what to do, once.
 */
function oneFigureEntry(c: Cause): string {
  const [pair, ...rest] = c.findings;
  const p = reviewParts(pair);
  const others = allFindings(rest).filter((f) => f.kind !== 'cannotVerify');
  const seen = `与此相关，另有${others.length}项不符，应一并核对：${others.map(briefProblem).join('；')}`;
  return tightenSpaces(
    [p.problem, documentDigits(seen), checkFirst(pair, others) || p.advice].map(sentence).join('')
  );
}

/**
 * Which of two figures of one quantity to check first, where the data say (src/core/doubt.ts, confirmFigures): the
 * one no second source confirms, the other named with a figure of another table that states it and that an
 * identity holding confirms (`收支总表基本支出 500.00 万元与甲表收支部分基本支出相同，应先核对甲表支出明细基本支出
 * 450.00 万元`); '' when the data do not tell them apart.
 */
function checkFirst(pair: Finding, related: Finding[]): string {
  const confirmed = new Set((pair.confirmed ?? []).map((c) => c.name));
  const [kept, doubted] = [...pair.operands].sort(
    (a, b) => Number(confirmed.has(b.name)) - Number(confirmed.has(a.name))
  );
  const keptValue = kept && operandQuantity(kept)?.value;
  if (pair.operands.length !== 2 || !confirmed.has(kept.name) || confirmed.has(doubted.name) || !keptValue)
    return '';
  const table = operandTable(kept) ?? '';
  const labels = partLabels(pair, pair.operands)?.map((l) => (l.startsWith(table) ? l : `${table}${l}`));
  const label = (o: Operand) => labels?.[pair.operands.indexOf(o)] ?? withTable(o);
  const witness = related
    .flatMap((f) => f.operands.filter((o) => (f.confirmed ?? []).some((c) => c.name === o.name)))
    .find((o) => operandTable(o) !== table && operandQuantity(o)?.value.eq(keptValue));
  const agrees = witness
    ? `${withTable(witness)} ${figure(keptValue)}与${label(kept)}相同，`
    : `${label(kept)} ${figure(keptValue)}有其他数据印证，`;
  return `${agrees}应先核对${label(doubted)} ${figure(operandQuantity(doubted)!.value)}，对照部门决算原表改正`;
}

/** The open 错误 as the memo's 二 groups them into causes (src/core/causes.ts): the 报送前核对清单 states each once too. */
export function memoCauses(findings: Finding[]): Cause[] {
  return causesOf(listedErrors(findings), REVIEW_CAUSES, findings);
}

/**
 * For each finding of a cause of two figures of one quantity (and those folded under them), the figure 二 says to
 * check first (checkFirst) and the pair that heads the cause: the 报送前核对清单 names the same figure first.
 */
export function checkFirstOf(findings: Finding[]): Map<Finding, { pair: Finding; text: string }> {
  const out = new Map<Finding, { pair: Finding; text: string }>();
  for (const c of memoCauses(findings)) {
    if (c.shares !== 'oneFigure') continue;
    const [pair, ...rest] = c.findings;
    const text = checkFirst(
      pair,
      allFindings(rest).filter((f) => f.kind !== 'cannotVerify')
    );
    if (text) for (const f of allFindings(c.findings)) out.set(f, { pair, text: tightenSpaces(text) });
  }
  return out;
}

/** Several figures the data show should read one figure, for one reason: each with how far it is off, then the fix once. */
function sameFixEntry(c: Cause): string {
  const fix = c.findings[0].correction!;
  const to = formatQuantity(fix.to, 'document');
  const ops = c.findings.map((f) => f.correction!.operand);
  const table = operandTable(ops[0]) ?? '';
  const each = c.findings.map((f) => `${f.title}，差 ${formatGap(f.difference!, 'document')}`);
  return `${table}${labelsIn(table, ops)}均应为 ${to}：${each.join('；')}。${fix.because.replace(/·/g, '')}，应将这${ops.length === 2 ? '两' : chineseNumber(ops.length)}处均改为 ${to}。`;
}

// ---------------------------------------------------------------- sections

/**
 * The score as the reviewer decides on it: the unit's claim, then the most the rules give once the pending points are
 * verified (the grade it reaches, the grade it cannot), then how that splits into verified and pending (四 lists what
 * waits). Not the sum of the report's lines by the figures it lists: the memo calls those figures wrong, and a
 * ceiling below it would read as a contradiction.
 */
function scoreSentence(c: ReportContext, s: ScoreSheet, bounds: BlankBound[]): string {
  const bands = s.bands ?? DEFAULT_BANDS;
  const pending = pendingPointsOf(s);
  const own = s.claimedTotal ?? c.own?.total ?? null;
  const claimed = own === null ? '单位未填报自评总分' : `自评${points(own)}分（${gradeOf(own, bands)}）`;
  if (pending.isZero()) return `${claimed}；核实${points(s.total)}分（${s.grade}）。`;
  // The table below gives each 一级's split, 四 (its heading 待核实的事项) the indicators: the sentence gives what they
  // mean for the grade.
  const most = ceilingOf(s.lines);
  // A ceiling a blank 其中 line read as 0 keeps lower is stated both ways; the grade it cannot reach by the higher.
  const low = bounds.length ? ceilingAsBlank(most, bounds) : most;
  const graded = (x: Decimal) => `${points(x)}分（${gradeOf(x, bands)}）`;
  // The split adds up to the ceiling: the verified points, and what the pending ones can give at most (not the
  // pending points themselves, which the ceiling does not reach); the ceiling with the blank filled, the same way.
  // Short sentences, no bracket inside a bracket: the ceiling, its split, then the ceiling with the blank filled.
  const filled = bounds.length
    ? `如列报${blanksNamed(bounds)}，至多${gradeOf(most, bands) === gradeOf(low, bands) ? `${points(most)}分` : graded(most)}。`
    : '';
  return `${claimed}，核实后至多${graded(low)}${outOfReach(most, bands)}。已核实${points(s.total)}分；待核实${points(pending)}分，至多${points(low.minus(s.total))}分。${filled}`;
}

/**
 * The most the total reaches once the pending points are verified, as page 1 states it (核实后至多, the blank 其中
 * lines read as 0), with its grade; null without a score sheet or where nothing waits. The 报送前核对清单 states the
 * same limit.
 */
export function memoCeiling(input: DraftInput): { value: Decimal; grade: Grade } | null {
  const c = reportContext(input);
  const s = c.scores;
  if (!s || pendingPointsOf(s).isZero()) return null;
  const groups = groupsOf(listedErrors(c.findings), c.findings);
  const bounds = blankBounds(groups, memoView(c, groups));
  const most = ceilingOf(s.lines);
  const value = bounds.length ? ceilingAsBlank(most, bounds) : most;
  return { value, grade: gradeOf(value, s.bands ?? DEFAULT_BANDS) };
}

/**
 * Each score group's ceiling as the 审核意见 states it (二's 合计至多…分（列报…的，至多…分）): `low` with the blank 其中
 * lines read as 0, `most` with them filled, `blanks` naming those lines ('' where none is in the group); null for a
 * group with nothing pending. The total is `{ name: '总分' }`. The 报送前核对清单 states the same limits.
 */
export function memoGroupCeilings(
  input: DraftInput
): (g: { level?: 1 | 2; name: string }) => { low: Decimal; most: Decimal; blanks: string } | null {
  const c = reportContext(input);
  const s = c.scores;
  if (!s) return () => null;
  const groups = groupsOf(listedErrors(c.findings), c.findings);
  const v = memoView(c, groups);
  return (g) => {
    const lines = linesOf(s, g);
    if (!lines.some((l) => l.missing)) return null;
    const most = ceilingOf(lines);
    const { low, bounds } = groupCeiling(lines, most, v);
    return { low, most, blanks: bounds.length ? blanksNamed(bounds) : '' };
  };
}

/**
 * The figures 二 lists as another year's, each with what it should read and the basis, as its table states them:
 * the 报送前核对清单 says the same where a finding of that cause has no correction of its own.
 */
export function previousYearFigures(input: DraftInput): PreviousYearFigure[] {
  const c = reportContext(input);
  const groups = groupsOf(listedErrors(c.findings), c.findings);
  const v = memoView(c, groups);
  return groups
    .flatMap((g) => g.causes)
    .filter((x) => x.shares === 'previousYear' && x.previousYear)
    .flatMap((x) => previousYearEntry(x, v).figures ?? []);
}

/** The grades from the best down, as the declared bands rank them. */
const GRADES: readonly Grade[] = ['优', '良', '中', '差'];

/**
 * The lowest grade a ceiling cannot reach, by the declared bands (`，不能评为“优”`), or '' when it reaches the best:
 * what the most the rules give means for the grade while points wait.
 */
function outOfReach(most: Decimal, bands: GradeBands): string {
  const at = GRADES.indexOf(gradeOf(most, bands));
  return at > 0 ? `，不能评为“${GRADES[at - 1]}”` : '';
}

/** The per-一级 comparison on page 1. */
function scoreTable(c: ReportContext, s: ScoreSheet): SectionContent[] {
  const { w } = c;
  const rows = s.groups
    .filter((g) => g.level === 1)
    .map((g) => [
      g.name,
      points(g.points),
      g.claimed !== undefined ? points(g.claimed) : '—',
      points(g.score),
      points(g.pending ?? ZERO),
    ]);
  const pending = pendingPointsOf(s);
  rows.push([
    '合计',
    points(s.points),
    s.claimedTotal !== undefined ? points(s.claimedTotal) : '—',
    points(s.total),
    points(pending),
  ]);
  // The sentence above says what the table is: no caption.
  return w.table('', ['评价内容', '分值（分）', '单位自评（分）', '已核实（分）', '待核实（分）'], rows);
}

/**
 * Every figure the data show to be wrong and what it becomes, each place named: by table (the table of the largest
 * gap first), the table named once, a run of figures that become one figure named once
 * (`甲表合计改为 9.00 万元、分项改为 3.00 万元，乙表上年结转、上年度累计结转结余改为 2.00 万元`).
 */
function correctionsNamed(corrected: Finding[]): string {
  const fixes = corrected
    .map((f) => ({ o: f.correction!.operand, to: formatQuantity(f.correction!.to, 'document') }))
    .filter((x, i, all) => all.findIndex((y) => y.o.name === x.o.name && y.to === x.to) === i);
  const tables = [...new Set(fixes.map((x) => operandTable(x.o) ?? ''))];
  return tables
    .map((table) => {
      const mine = fixes.filter((x) => (operandTable(x.o) ?? '') === table);
      return mine
        .map((x, i) => {
          const name = i > 0 && table ? withTable(x.o).replace(table, '') : withTable(x.o);
          return mine[i + 1]?.to === x.to ? name : `${name}改为${x.to}`;
        })
        .join('、');
    })
    .join('，');
}

/**
 * The three things to fix first, each a concrete fix with where the memo states it: the self-scores to change,
 * the figures the data show to be wrong (largest gap first), then each other group's first problem.
 */
function priorities(groups: Group[], v: MemoView): string[] {
  const out: string[] = [];
  const covered = new Set<Group>();
  const claims = groups.find((g) => g.findings.some((f) => f.family === '评分'));
  if (claims && v.memo) {
    const fixes = claims.findings.flatMap((f) => {
      const c = claimAgainst(f, v.memo);
      if (!c) return [];
      if (c.pending.isZero()) return [`“${c.name}”改为${points(c.score)}分`];
      if (!c.claimed.gt(c.most)) return [];
      const g = claimGroup(f)!;
      // Page 1's score sentence names the blank line just above, in a sentence of its own: here it is 该… (naming it
      // in full again costs page 1 the line its third item needs).
      const { low, bounds } = groupCeiling(linesOf(v.memo!, g), c.most, v);
      const filled = bounds.length
        ? `（列报该${blanksNamed(bounds).replace(/^.*等/, '')}的，${points(c.most)}分）`
        : '';
      return [`“${c.name}”自评不超过${points(low)}分${filled}`];
    });
    if (fixes.length) {
      out.push(`${fixes.join('，')}（见${v.where(claims.findings[0])}）。`);
      covered.add(claims);
    }
  }
  // A figure filled from another year is corrected with its cause, in the cause's own item (causeBrief).
  const ofPreviousYear = new Set(
    groups.flatMap((g) => g.causes.filter((c) => c.shares === 'previousYear').flatMap(causeFindings))
  );
  const corrected = groups
    .flatMap((g) => g.findings.filter((f) => f.correction && !ofPreviousYear.has(f)))
    .sort((a, b) => (b.difference?.value.abs() ?? ZERO).comparedTo(a.difference?.value.abs() ?? ZERO));
  if (corrected.length) {
    const refs = joinPlaces(corrected.map((f) => v.where(f)));
    out.push(`将${correctionsNamed(corrected)}（见${refs}）。`);
    for (const f of corrected) {
      const g = groups.find((x) => x.findings.includes(f));
      if (g && g.findings.every((x) => x.correction)) covered.add(g);
    }
  }
  for (const g of groups) {
    if (out.length >= 3) break;
    if (covered.has(g)) continue;
    const c = g.causes.find((x) => x.shares !== 'alone' && !x.findings.every((f) => f.correction));
    if (c) {
      out.push(`${causeBrief(c)}（见${v.where(c.findings[0])}）。`);
      continue;
    }
    const f = g.findings.find((x) => !x.correction) ?? g.findings[0];
    const p = reviewParts(f);
    const step = (g.advice ?? (p.action || p.advice)).replace(/[。；]$/, '');
    out.push(`${f.title}${step ? `：${step}` : ''}（见${v.where(f)}）。`);
  }
  // Page 1 has room for all three: a part of 二 is cited as 二（一）.
  return out.slice(0, 3).map((t) =>
    documentDigits(t)
      .replace(/ /g, '')
      .replace(/第([一二三四五六七八九十]+)部分（/g, '$1（')
  );
}

function conclusionSection(
  c: ReportContext,
  groups: Group[],
  parts: ProblemPart[],
  notices: number,
  reportFails = 0
): SectionContent[] {
  const { w, scores } = c;
  const unpenalised = parts.find((p) => p.id === OWN_PROBLEMS_PART)?.count ?? 0;
  const facts = reviewFacts(c.findings, scores, reportFails, unpenalised);
  const { verdict, reason, resubmit } = reviewConclusion(facts);
  const v = memoView(c, groups);
  // The date to resubmit by stays with the verdict it follows from, on page 1.
  const out: SectionContent[] = [w.paragraph(w.plain(`审核结论：${verdict}。理由：${reason}${resubmit}`))];
  out.push(
    w.paragraph(
      w.plain(
        v.memo
          ? `得分：${scoreSentence(c, v.memo, blankBounds(groups, v))}`
          : '得分：评分规则缺失或有误，未能计分。'
      )
    )
  );
  // The per-一级 figures right under the score they break down.
  if (v.memo) out.push(...scoreTable(c, v.memo));
  const first = priorities(groups, v);
  // Then, while there is room, what needs a written reason (三) and what could not be verified (三 or 四).
  if (first.length < 3 && notices)
    first.push(`对${notices}项可能另有原因的事项书面说明原因，或予改正（见第三部分）。`);
  // The lines missing data or a score (a line scored but not verified waits for what questions it, above).
  const toFill = facts.pending.filter((l) => !l.unverified).length;
  if (first.length < 3 && toFill)
    first.push(`补填${toFill}项指标的数据或自评得分（见第${chineseNumber(notices ? 4 : 3)}部分）。`);
  if (first.length < 3 && reportFails)
    first.push(`改正报告正文中不成立的${reportFails}处数字（见第${chineseNumber(notices ? 5 : 4)}部分）。`);
  // The first item runs on from its lead-in: page 1 keeps all three under a score stated two ways.
  if (first.length)
    out.push(...first.map((t, i) => w.paragraph(w.plain(`${i ? '' : '需优先处理的事项：'}${i + 1}.${t}`))));
  return out;
}

/** Whether an entry leaves its correction to the group's advice (a problem alone without its own). */
function takesAdvice(c: Cause, g: Group): boolean {
  return (
    g.advice !== undefined &&
    c.shares === 'alone' &&
    !ABOUT_A_RESULT.includes(c.findings[0].family) &&
    reviewParts(c.findings[0]).advice === g.advice
  );
}

/**
 * The advice the group's entries without their own correction share, once, after them and naming them
 * (`第3、5项：对照部门决算原表，改正填错的数。`), without its lead-in that restates the problem.
 */
function adviceLine(g: Group): string {
  const which = g.causes.map((c, i) => (takesAdvice(c, g) ? i + 1 : 0)).filter(Boolean);
  const advice = g.advice!.replace(/^[^：]*：(?=.)/, '');
  return `第${which.join('、')}项更正方法：${sentence(advice)}`;
}

/** A sub-section of 二: its heading, how many problems it lists and its paragraphs. */
interface ProblemPart {
  id: string;
  heading: string;
  /** The problems it lists: the one count both its heading and 二's total read. */
  count: number;
  content: SectionContent[];
}

/** The department's own 存在问题 item as it states it: `档案管理有待规范（部分凭证未及时归档）`. */
function ownItemText(i: DepartmentItem): string {
  const body = i.paragraphs
    .map((p) => p.text.trim())
    .filter(Boolean)
    .join('；')
    .replace(/[。；]$/, '');
  return i.heading && body ? `${i.heading}（${body}）` : i.heading || body;
}

/** 二's part that quotes the unit's own 存在问题 items no lost points answer. */
const OWN_PROBLEMS_PART = '单位自述问题';

/** The sub-sections of 二, each with the problems it lists: the counts of 二's headings are read from these alone. */
function problemParts(c: ReportContext, groups: Group[]): ProblemPart[] {
  const { w } = c;
  const v = memoView(c, groups);
  const parts: ProblemPart[] = groups.map((g, i) => ({
    id: `组${i + 1}`,
    heading: g.heading,
    count: g.causes.length,
    content: [
      ...g.causes.flatMap((e, k) => {
        const said = entry(e, k + 1, g, v);
        const sources = causeFindings(e).flatMap((f) => f.operands);
        if (typeof said === 'string') return [w.paragraph(w.plain(said, sources))];
        // The line that introduces the table keeps with it; what follows the table is a paragraph of its own.
        return [
          w.paragraph(w.plain(said.lead, sources)),
          w.paragraph(w.plain(said.intro), 'lead'),
          ...w.table('', said.header, said.rows),
          ...(said.after ? [w.paragraph(w.plain(said.after, sources))] : []),
        ];
      }),
      ...(g.advice ? [w.paragraph(w.plain(adviceLine(g)), 'note')] : []),
    ],
  }));
  // The department's own 存在问题 items no lost points answer, quoted as the department lists them (its report may
  // not carry them: it keeps only the problems that lost points).
  const own = unmatchedOwnProblems(c);
  if (own.length)
    parts.push({
      id: OWN_PROBLEMS_PART,
      heading: '单位所列问题未见相应扣分',
      count: own.length,
      content: own.map((o, k) =>
        w.paragraph(
          w.plain(
            `${own.length > 1 ? `${k + 1}.` : ''}单位所列存在问题“${ownItemText(o)}”未见相应扣分：应说明其对应的评分指标，并按评分规则扣分，或书面说明不扣分的理由。`
          )
        )
      ),
    });
  return parts;
}

/** How many problems 二 lists: the sum of its sub-sections' counts. */
function problemCount(parts: ProblemPart[]): number {
  return parts.reduce((n, p) => n + p.count, 0);
}

function problemsSection(c: ReportContext, parts: ProblemPart[]): SectionContent[] {
  const { w } = c;
  if (parts.length === 0) return [w.paragraph(w.plain('数据核对未发现需要更正的问题。'))];
  return parts.map((p) => ({
    kind: 'section' as const,
    id: p.id,
    heading: `${p.heading}（${p.count}项）`,
    content: p.content,
  }));
}

/** A figure 二 shows to be wrong: what it becomes, and the entry that says so. */
interface Corrected {
  to: Decimal;
  where: string;
}

/** Every figure an entry of 二 corrects (its own correction, one value's cells and the figures that follow them). */
function correctedFigures(groups: Group[], v: MemoView): Map<string, Corrected> {
  const out = new Map<string, Corrected>();
  for (const g of groups)
    for (const c of g.causes) {
      const where = v.where(c.findings[0]);
      for (const { name, to } of causeCorrections(c)) out.set(name, { to, where });
    }
  return out;
}

/**
 * A 提示 that compares a figure 二 corrects, read against the corrected figure: what the figure becomes and the gap
 * that is left (or that none is), so the unit explains the difference that stays.
 */
function afterCorrection(f: Finding, corrected: Map<string, Corrected>): string {
  if (!f.sides || f.kind !== 'mismatch') return '';
  const hit = f.operands.find((o) => corrected.has(o.name));
  if (!hit || !operandQuantity(hit)) return '';
  const gap = gapWith(f, corrected);
  if (gap === null) return '';
  const { to, where } = corrected.get(hit.name)!;
  const after = `按${where}改正后，${withTable(hit)}为 ${figure(to)}`;
  return sentence(gap.isZero() ? `${after}，两者相符` : `${after}，仍差 ${figure(gap.abs())}`);
}

/** What may legitimately differ (提示): each once, for the unit to explain in writing or correct. */
function noticesSection(c: ReportContext, notices: Finding[], groups: Group[]): SectionContent[] {
  const { w } = c;
  const v = memoView(c, groups);
  const corrected = correctedFigures(groups, v);
  return [
    w.paragraph(w.plain('以下事项可能另有原因：单位应书面说明原因，不能说明的予以改正。'), 'lead'),
    ...notices.map((f, k) => {
      const after = afterCorrection(f, corrected);
      const doubted = after ? '' : onDoubtedFigures(f, v);
      return w.paragraph(
        w.plain(`${k + 1}.${reviewSentence(f, { advice: false })}${after}${doubted}`, f.operands)
      );
    }),
  ];
}

/**
 * A 提示 that reads a figure an 错误 puts in doubt (and 二 does not correct) holds only as the figures are listed:
 * the memo says so, as 四 does for the line scored from it, and asks for the reason once the figure is right.
 */
function onDoubtedFigures(f: Finding, v: MemoView): string {
  const ops = f.operands.filter((o, i, all) => v.doubted.has(o.name) && all.indexOf(o) === i);
  if (ops.length === 0) return '';
  const refs = joinPlaces(ops.map((o) => v.where(v.doubted.get(o.name)!)));
  return `以上按所列数据计，其中${ops.map(figureName).join('、')}本身待核对（见${refs}）；核对改正后仍有差异的，应书面说明原因。`;
}

/**
 * Why a line could not be verified, in a few words: the figures it wants, or that the unit gave no score (or only its
 * 二级's score, which the report states as the line's: then what is missing is the evidence).
 */
function pendingReason(c: ReportContext, l: ScoreLine, f: Finding | undefined): string {
  const missing = (f?.missing ?? l.missingInputs ?? []).filter((o) => o.name !== '自评得分表');
  const stated = reportedScore(c, l);
  if (!l.indicator && stated !== null) return `按二级指标自评满分计${points(stated)}分，未说明本项依据`;
  if (!l.indicator || missing.length === 0)
    return l.indicator ? `${l.indicator}无法计算` : '单位未逐项自评打分';
  return `${missing.map((o) => shortLabel(o.label)).join('、')}未填列`;
}

/** Why a check could not be decided, or what a blank input asks for, without the cell the workbook's notes give. */
function otherReason(f: Finding): string {
  if (f.kind === 'notice') return f.severity === '待补' ? '须补填' : '—';
  return reviewParts(f).problem.replace(/^[^：]*：?/, '') || '—';
}

/**
 * What could not be verified, each once, as a table: a score line told apart from a namesake by its 二级 (the
 * unit's own claim is in the table of 各指标评分核实情况), or a check that blanks leave undecided.
 */
function unverifiableSection(c: ReportContext, findings: Finding[], groups: Group[]): SectionContent[] {
  const { w, scores } = c;
  const scoredOpen = (scores?.lines ?? []).filter((l) => l.unverified);
  if (findings.length === 0 && scoredOpen.length === 0) {
    const note = verifiedNote(c, scores, claimsPartOf(c, groups));
    return [w.paragraph(w.plain('无。')), ...(note ? [w.paragraph(w.plain(note), 'note')] : [])];
  }
  // A line by its name, told apart from a namesake by its 二级 as the report names it (资产管理制度健全性).
  const names = (scores?.lines ?? []).map((x) => x.level3);
  const named = (l: ScoreLine) => qualifiedName(l.level2, l.level3, names);
  const rows = findings.map((f) => {
    const line = scores?.lines.find((l) => f.id === `score.pending.${l.level2}.${l.level3}`);
    return line
      ? [named(line), points(line.points), pendingReason(c, line, f)]
      : [documentDigits(f.title), '—', otherReason(f)];
  });
  // A line scored but not verified: why, in the reviewer's words.
  for (const l of scoredOpen) rows.push([named(l), points(l.points), unverifiedReason(c, l, groups)]);
  const note = verifiedNote(c, scores, claimsPartOf(c, groups));
  // The ceiling these points allow is page 1's (一); the section only lists them.
  return [
    ...w.table('', ['事项', '分值（分）', '待核实的原因'], rows),
    ...(note ? [w.paragraph(w.plain(note), 'note')] : []),
  ];
}

/** Figures named with their table, the table once for a run from it: `基础数据表年初预算、本年追加预算`. */
function figuresNamed(ops: Operand[]): string {
  return ops
    .map((o, i) =>
      i > 0 && operandTable(o) === operandTable(ops[i - 1])
        ? shortLabel(withTable(o).replace(operandTable(o) ?? '', ''))
        : withTable(o)
    )
    .join('、');
}

/** Why a scored line is 待核实 (ScoreLine.unverified), as the 四 table states it. */
function unverifiedReason(c: ReportContext, l: ScoreLine, groups: Group[]): string {
  const v = memoView(c, groups);
  const reason = unverifiedWhy(c, l, groups, v);
  // What this year's figures give with a blank 其中 line read as 0, and what would change it.
  const b = blankBounds(groups, v).find((x) => x.line === l);
  return b ? `${reason}；按${b.year}年数据计${points(b.scored)}分，列报${blanksNamed([b])}的除外` : reason;
}

function unverifiedWhy(c: ReportContext, l: ScoreLine, groups: Group[], v: MemoView): string {
  const u = l.unverified!;
  const ops = u.inputs ?? [];
  const all = allFindings(c.findings);
  // Where the memo states what questions the figures: named there once, referred to here.
  const places = ops.map((o) => {
    const f = all.find((x) => x.id === o.finding);
    return f ? v.where(f) : '本部分';
  });
  const listed = memoNotices(c).listed;
  // Where 二 corrects what the line reads (a figure of its, or its stated rate), whatever else keeps it open.
  const corrected = groups
    .flatMap((g) => allFindings(g.findings))
    .filter((f) => f.affects?.includes(`评分：${l.level3}`))
    .map((f) => v.where(f));
  const wrong = corrected.length ? `所用数据有误（见${joinPlaces(corrected)}）` : '';
  const unexplained = (xs: typeof ops) => {
    if (xs.length && xs.every((o) => listed.some((f) => f.id === o.finding)))
      return '数据口径不一，未说明（见第三部分）';
    // The other side of each 口径 difference: the table the figure should agree with.
    const others = xs.flatMap((o) =>
      (all.find((f) => f.id === o.finding)?.operands ?? [])
        .filter((x) => !xs.some((y) => y.name === x.name))
        .map((x) => operandTable(x) ?? '')
    );
    const tables = [...new Set(others.filter(Boolean))];
    return `${figuresNamed(xs)}与${tables.join('、') || '其他报表'}不一致，未说明口径`;
  };
  switch (u.reason) {
    case '所用数据有误': {
      // Figures an 错误 disputes, by where 二 states it; those only a 口径 提示 questions, as that case says them.
      const disputed = ops.filter((_, i) => places[i] !== '本部分');
      const asked = ops.filter((o, i) => places[i] === '本部分' && listed.some((f) => f.id === o.finding));
      const named = ops.filter((o) => !disputed.includes(o) && !asked.includes(o));
      return [
        disputed.length ? `所用数据有误（见${joinPlaces(places.filter((p) => p !== '本部分'))}）` : '',
        named.length ? `${figuresNamed(named)}有误` : '',
        asked.length ? unexplained(asked) : '',
      ]
        .filter(Boolean)
        .join('；');
    }
    case '数据口径不一未说明':
      return [wrong, unexplained(ops)].filter(Boolean).join('；');
    case '缺评价依据':
      return u.detail ?? '单位未写评价说明，履职情况中未见相应内容';
    case '与单位所述问题不符':
      return `自评满分，但单位自述“${u.quote}”`;
  }
}

/** The score the department's report states for a line (its own, or one its 二级's claim fixes), or null. */
function reportedScore(c: ReportContext, l: ScoreLine): Decimal | null {
  return c.own?.lines.find((o) => o.line.level2 === l.level2 && o.line.level3 === l.level3)?.score ?? null;
}

/** The unit's own score for a line's 二级: its claim, or its 一级's where the 二级 is the 一级's only one. */
function groupClaim(s: ScoreSheet, l: ScoreLine): Decimal | undefined {
  const g = s.groups.find((x) => x.level === 2 && x.name === l.level2 && (x.parent ?? l.level1) === l.level1);
  if (g?.claimed !== undefined) return g.claimed;
  const siblings = s.groups.filter((x) => x.level === 2 && x.parent === l.level1);
  return siblings.length === 1
    ? s.groups.find((x) => x.level === 1 && x.name === l.level1)?.claimed
    : undefined;
}

function valueText(l: ScoreLine): string {
  if (!l.indicator) return '—';
  return l.indicatorValue === null || l.indicatorValue === undefined
    ? '无法计算'
    : rateText(l.indicatorValue);
}

/**
 * The scored lines 四 does not list, as a note under it: the few a reviewer acts on (points lost, or a claim the
 * rules do not give), each with its points, the unit's score and the verified one; the rest counted.
 */
function verifiedNote(c: ReportContext, scores: ScoreSheet | null, claimsPart: string): string {
  if (!scores) return '';
  // The unit's own score for the line, or its 二级's where the line is the 二级's only one; else none (a score the
  // rules give from its figures is not the unit's): its 二级's claim is named after its lines.
  const claimed = (l: ScoreLine) => {
    if (l.claimed !== undefined) return `${points(l.claimed)}${l.claimBasis ? '＊' : ''}`;
    const own = groupClaim(scores, l);
    return own !== undefined && linesOf(scores, { level: 2, name: l.level2 }).length === 1
      ? points(own)
      : null;
  };
  // The lines a self-score entry of 二 states with their deductions are named there: counted here, not listed again.
  const inClaims = linesLostInClaims(c).filter((l) => l.claimed === undefined);
  const listed = scores.lines.filter(
    (l) =>
      !l.missing &&
      !inClaims.includes(l) &&
      (l.score.lt(l.points) || (l.claimed !== undefined && !l.claimed.eq(l.score)))
  );
  // The rest are verified at full marks, each named: the reviewer sees which lines nothing is said about.
  const full = scores.lines
    .filter((l) => !l.missing && !listed.includes(l) && !inClaims.includes(l))
    .map((l) => l.level3);
  // One run per 二级, its claim named once after the lines the unit did not score one by one.
  const runs = [...new Set(listed.map((l) => l.level2))].map((name) => {
    const mine = listed.filter((l) => l.level2 === name);
    // A 二级 the unit scored as a whole is verified as a whole: its lines' shares are not scores of theirs.
    const whole = groupClaim(scores, mine[0]);
    if (whole !== undefined && mine.every((l) => l.groupShare)) {
      const group = linesOf(scores, { level: 2, name });
      return `${name}（${points(sum(group.map((l) => l.points)))}分，单位未逐项打分）自评${points(whole)}分，核实${points(sum(group.map((l) => l.score)))}分`;
    }
    const each = mine.map((l) => {
      const own = claimed(l);
      const value = l.indicator ? `指标值${valueText(l)}，` : '';
      return `${l.level3}（${points(l.points)}分）${value}${own !== null ? `单位自评${own}分，` : ''}核实${points(l.score)}分`;
    });
    const unscored = mine.filter((l) => claimed(l) === null);
    const own = unscored.length ? groupClaim(scores, unscored[0]) : undefined;
    return `${each.join('、')}${own !== undefined ? `（单位未逐项打分，二级指标“${name}”自评${points(own)}分）` : ''}`;
  });
  const notes = [
    runs.length ? `已核实的指标中，${runs.join('；')}` : '',
    inClaims.length
      ? `${inClaims[0].level3}${inClaims.length > 1 ? `等${inClaims.length}项指标` : ''}的扣分见${claimsPart}`
      : '',
    full.length ? `其余${full.length}项指标（${full.join('、')}）核实为满分` : '',
    listed.some((l) => l.claimBasis) ? '带＊的，单位未逐项打分，按其二级指标的自评满分计' : '',
  ].filter(Boolean);
  return notes.length ? `注：${notes.join('；')}。` : '';
}

/** The department's own report text, checked for its numbers (a batch checks the report beside the workbook). */
export interface ReportTextCheck {
  /** The report's file name. */
  file: string;
  summary: ReportSummary;
  claims: Claim[];
}

/** 不成立 claims listed in the memo; the rest are counted (all are in `check-report`'s comments). */
const LISTED_CLAIMS = 10;

/** One failed claim as the reviewer states it: where, what is wrong, and the figures the title does not give. */
function reportClaimEntry(c: Claim, n: number): string {
  const flat = (t: string) => t.replace(/\s+/g, '');
  const figures =
    c.stated && !flat(c.title).includes(flat(c.stated)) && c.computed
      ? `，文中为${c.stated}，核算为${c.computed}`
      : '';
  return `${n}.${c.where}：${c.title}${figures}。`.replace(
    /\s+(?=[\u4e00-\u9fff（“])|(?<=[\u4e00-\u9fff）”])\s+/g,
    ''
  );
}

/** 报告正文数字核对: the counts in a line, then the 不成立 claims, the first few, briefly. */
function reportTextSection(c: ReportContext, r: ReportTextCheck): SectionContent[] {
  const { w } = c;
  const s = r.summary;
  const fails = r.claims.filter((x) => x.verdict === '不成立');
  const lead = `对报告《${r.file}》正文和表格中的${s.claims}处数字逐处核对：${
    fails.length ? `${fails.length}处不成立（算不拢或前后不一致）` : '未发现不成立'
  }${s.unverifiable ? `，${s.unverifiable}处因文中未给出所需的数无法核实，不作为问题` : ''}。`;
  const out: SectionContent[] = [w.paragraph(w.plain(lead), 'lead')];
  out.push(...fails.slice(0, LISTED_CLAIMS).map((x, i) => w.paragraph(w.plain(reportClaimEntry(x, i + 1)))));
  if (fails.length > LISTED_CLAIMS)
    out.push(
      w.paragraph(
        w.plain(`另有${fails.length - LISTED_CLAIMS}处未列出，请单位用“核对报告”逐处核对后一并改正。`),
        'note'
      )
    );
  return out;
}

/** Where 二 states the self-scores the rules do not give (`第二部分（一）`), or '' when it states none. */
function claimsPartOf(c: ReportContext, groups: Group[]): string {
  const claim = groups.flatMap((g) => g.findings).find(changesScore);
  return claim ? memoView(c, groups).where(claim) : '';
}

/** The 审核意见 for one department's evaluation. */
export function draftReview(input: DraftInput, reportText?: ReportTextCheck): ReportDraft {
  const c = reportContext(input);
  const unverifiable = c.findings.filter((f) => f.kind === 'cannotVerify' || f.severity === '待补');
  const notices = memoNotices(c).listed;
  const groups = groupsOf(listedErrors(c.findings), c.findings);
  const parts = problemParts(c, groups);
  // 四 counts indicators (二 counts problems): the lines, and any other check blanks leave undecided.
  const pendingLines = unverifiable.filter((f) => f.id.startsWith('score.pending.')).length;
  const lines = pendingLines + (c.scores?.lines.filter((l) => l.unverified).length ?? 0);
  const others = unverifiable.length - pendingLines;
  const pendingCount = [lines ? `${lines}项指标` : '', others ? `${others}项核对` : '']
    .filter(Boolean)
    .join('、');
  const sections: SectionDecl[] = [
    // 主送: the department whose report this is (公文 form: the addressee before the body).
    { id: '主送', heading: '', level: 0, build: ({ w }) => [w.paragraph(w.say`${w.text('单位名称')}：`)] },
    {
      id: '审核结论',
      heading: '审核结论',
      level: 1,
      build: () => conclusionSection(c, groups, parts, notices.length, reportText?.summary.fails),
    },
    {
      id: '更正问题',
      heading: `需要更正的问题（共${problemCount(parts)}项）`,
      level: 1,
      build: () => problemsSection(c, parts),
    },
    {
      id: '需说明',
      heading: `需要说明的事项（共${notices.length}项）`,
      level: 1,
      when: () => notices.length > 0,
      build: () => noticesSection(c, notices, groups),
    },
    {
      id: '无法核实',
      heading: `待核实的事项${pendingCount ? `（${pendingCount}）` : ''}`,
      level: 1,
      build: () => unverifiableSection(c, unverifiable, groups),
    },
    {
      id: '报告数字',
      heading: `报告正文数字核对${reportText?.summary.fails ? `（不成立${reportText.summary.fails}处）` : ''}`,
      level: 1,
      when: () => !!reportText,
      build: () => reportTextSection(c, reportText!),
    },
    {
      id: '落款',
      heading: '',
      level: 0,
      build: ({ w }) => [
        w.paragraph(w.plain(placeholder('审核单位（财政部门）')), 'signature'),
        w.paragraph(w.plain(`审核人：${placeholder('审核人')}`), 'signature'),
        w.paragraph(w.plain(placeholder('审核日期')), 'signature'),
      ],
    },
  ];
  return assemble(c.w.say`${c.w.text('单位名称')}${c.w.year()}年度部门整体支出绩效自评审核意见`, sections, c);
}
