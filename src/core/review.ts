/**
 * 审核意见: the finance bureau reviewer's memo, in the reviewer's voice. Page 1 answers "what do I do
 * with this report?" — the 审核结论 by the declared rule (src/catalogue/report/review.ts) with its
 * reason, the score as the department gives it and as verified, and the three things to fix first.
 * Then each problem once, under its group, headed by the problem (the finding's own title, from the
 * same data every surface renders), with the specific correction where the data show which side is
 * right; then what could not be verified, once; then the per-indicator table.
 * Drafted as a ReportDraft so the same Word export prints it in 公文 form.
 */
import {
  BLOCKING_FAMILIES,
  OTHER_GROUP,
  REVIEW_CONCLUSIONS,
  REVIEW_GROUPS,
} from '../catalogue/report/review';
import { assemble, reportContext, type DraftInput, type ReportDraft } from './narrative';
import { cardParts, reviewSentence } from './render/finding';
import { documentLabel, documentLabels, reconcile, type Dispute } from './reconcile';
import type {
  ReportContext,
  ReviewFacts,
  ReviewVerdict,
  SectionContent,
  SectionDecl,
} from './reportContract';
import { unmatchedOwnProblems } from './reportEvidence';
import { chineseNumber, placeholder, points, rateText, wan } from './reportWords';
import type { Finding, ScoreLine, ScoreSheet } from './results';
import { DEFAULT_BANDS } from './rulebook';
import { gradeOf } from './scoring';
import { gradeRange, pendingPointsOf } from './summary';
import { inWords } from './typography';

// ---------------------------------------------------------------- the 审核结论

/** True when a finding changes a score: it feeds a score line, or it is about a self-score. */
export function changesScore(f: Finding): boolean {
  return f.family === '评分' || (f.affects ?? []).some((a) => a.startsWith('评分：'));
}

/** What the 审核结论 rule looks at. An 错误 stays open when explained (it must be corrected); a 提示 does not. */
export function reviewFacts(findings: Finding[], scores: ScoreSheet | null): ReviewFacts {
  const blocking = findings.filter(
    (f) => f.severity === '错误' && (BLOCKING_FAMILIES.includes(f.family) || changesScore(f))
  );
  return {
    blocking,
    remaining: findings.filter((f) => !blocking.includes(f) && !f.explanation),
    pending: scores?.lines.filter((l) => l.missing) ?? [],
    changesScore,
  };
}

/** The 审核结论 and its reason, by the first declared branch that holds. */
export function reviewConclusion(facts: ReviewFacts): { verdict: ReviewVerdict; reason: string } {
  const decl = REVIEW_CONCLUSIONS.find((d) => d.when(facts))!;
  return { verdict: decl.verdict, reason: decl.reason(facts) };
}

// ---------------------------------------------------------------- entries

/** The specific correction, where the data show which side is right; else which figure to check first. */
function correction(f: Finding, disputes: ReadonlyMap<string, Dispute>): string {
  const checked = f.operands[0];
  const d = checked ? disputes.get(checked.name) : undefined;
  if (d?.agreed && d.finding === f)
    return `${d.agreed.what}均为${wan(d.agreed.value)}，应将${documentLabel(checked)}改为${wan(d.agreed.value)}`;
  const n = f.consequences?.length ?? 0;
  if (f.primary && n > 0) return `先核对${documentLabel(f.primary)}（它还导致另外${n}项不符）`;
  return '';
}

function sentence(s: string): string {
  return s ? `${s.replace(/[。；，]$/, '')}。` : '';
}

interface Group {
  heading: string;
  findings: Finding[];
  /** The correction method most of its entries share, stated once. */
  advice?: string;
}

function groupsOf(findings: Finding[]): Group[] {
  const groups: Group[] = [];
  for (const decl of [...REVIEW_GROUPS, { families: [] as string[], heading: OTHER_GROUP }]) {
    const mine = findings.filter((f) =>
      decl.families.length
        ? decl.families.includes(f.family)
        : !REVIEW_GROUPS.some((g) => g.families.includes(f.family))
    );
    if (mine.length === 0) continue;
    const counts = new Map<string, number>();
    for (const f of mine) counts.set(inWords(f.nextStep), (counts.get(inWords(f.nextStep)) ?? 0) + 1);
    const [advice, n] = [...counts].sort((a, b) => b[1] - a[1])[0];
    groups.push({ heading: decl.heading, findings: mine, advice: n >= 2 && advice ? advice : undefined });
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

function entry(f: Finding, group: Group, disputes: ReadonlyMap<string, Dispute>): string {
  // The figures in their units and the correction the data show come from the renderer every surface
  // uses (src/core/render/finding.ts); the memo adds only what a group already says once.
  const own = f.correction ? '' : correction(f, disputes);
  const advice = inWords(f.nextStep);
  const parts = [reviewSentence(f, { title: false }).replace(/请先核对[^；。]*。?$/, '')];
  if (own) parts.push(`更正：${own}`);
  else if (!f.correction && advice && advice !== group.advice) parts.push(`更正：${advice}`);
  const folded = f.consequences ?? [];
  if (folded.length)
    parts.push(`连带${folded.length}项：${folded.map((x) => inWords(cardParts(x).title)).join('；')}`);
  if (f.explanation) parts.push(`单位说明：${f.explanation}`);
  return parts.map(sentence).join('');
}

// ---------------------------------------------------------------- sections

function scoreSentence(c: ReportContext, s: ScoreSheet): string {
  const bands = s.bands ?? DEFAULT_BANDS;
  const pending = pendingPointsOf(s);
  const most = s.total.plus(pending);
  const pendingLines = s.lines.filter((l) => l.missing).length;
  const own = s.claimedTotal ?? c.own?.total ?? null;
  const claimed = own === null ? '单位未填报自评总分' : `单位自评${points(own)}分（${gradeOf(own, bands)}）`;
  const verified = pending.isZero()
    ? `核实${points(s.total)}分`
    : `核实${points(s.total)}分，另有${pendingLines}项指标${points(pending)}分无法核实，最高${points(most)}分`;
  const versus =
    own === null
      ? ''
      : own.gt(most)
        ? `；自评比${pending.isZero() ? '核实得分' : '最高可得分'}高${points(own.minus(most))}分`
        : own.lt(s.total)
          ? `；自评比核实得分低${points(s.total.minus(own))}分`
          : '';
  return `${claimed}；${verified}，等级为“${gradeRange(s)}”${versus}。`;
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
      g.pending && !g.pending.isZero() ? points(g.pending) : '—',
    ]);
  const pending = pendingPointsOf(s);
  rows.push([
    '合计',
    points(s.points),
    s.claimedTotal !== undefined ? points(s.claimedTotal) : '—',
    points(s.total),
    pending.isZero() ? '—' : points(pending),
  ]);
  // The sentence above says what the table is: no caption.
  return w.table('', ['评价内容', '分值', '单位自评', '核实得分', '无法核实'], rows);
}

function conclusionSection(c: ReportContext, groups: Group[]): SectionContent[] {
  const { w, scores } = c;
  const facts = reviewFacts(c.findings, scores);
  const { verdict, reason } = reviewConclusion(facts);
  const out: SectionContent[] = [w.paragraph(w.plain(`审核结论：${verdict}。${reason}`))];
  if (scores) {
    out.push(w.paragraph(w.plain(`得分：${scoreSentence(c, scores)}`)), ...scoreTable(c, scores));
  } else out.push(w.paragraph(w.plain('得分：评分规则缺失或有误，未能计分。')));
  const first: string[] = groups.slice(0, 3).map((g, i) => {
    const what =
      g.advice ??
      sentence(correction(g.findings[0], reconcile(c.findings)) || inWords(g.findings[0].nextStep));
    return `${g.heading}${g.findings.length}项（二（${chineseNumber(i + 1)}））：${sentence(what)}`;
  });
  if (first.length < 3 && facts.pending.length)
    first.push(`补填${facts.pending.length}项指标的数据或自评得分（三）。`);
  if (first.length)
    out.push(
      w.paragraph(w.plain('需优先处理的事项：')),
      ...first.map((t, i) => w.paragraph(w.plain(`${i + 1}.${t}`)))
    );
  return out;
}

function problemsSection(c: ReportContext, groups: Group[]): SectionContent[] {
  const { w } = c;
  const disputes = reconcile(c.findings);
  const own = unmatchedOwnProblems(c);
  if (groups.length === 0 && own.length === 0)
    return [w.paragraph(w.plain('数据核对未发现需要更正的问题。'))];
  const out: SectionContent[] = groups.map((g, i) => ({
    kind: 'section' as const,
    id: `组${i + 1}`,
    heading: `${g.heading}（${g.findings.length}项）`,
    content: [
      ...(g.advice ? [w.paragraph(w.plain(`更正方法：${sentence(g.advice)}`))] : []),
      ...g.findings.map((f) => ({
        kind: 'section' as const,
        id: f.id,
        heading: inWords(cardParts(f).title),
        content: [w.paragraph(w.plain(entry(f, g, disputes), f.operands))],
      })),
    ],
  }));
  if (own.length)
    out.push({
      kind: 'section',
      id: '单位自述问题',
      heading: `报告所列问题未见评分依据（${own.length}项）`,
      content: [
        w.paragraph(
          w.plain(
            `报告“存在的主要问题”中${own.map((o) => `“${o.heading || o.paragraphs[0]?.text.slice(0, 20)}”`).join('、')}未见相应扣分，请补充依据或删除。`
          )
        ),
      ],
    });
  return out;
}

/** A line that could not be verified, told apart from a namesake by its 二级. */
function pendingLineText(l: ScoreLine, f: Finding | undefined): string {
  const missing = (f?.missing ?? l.missingInputs ?? []).filter((o) => o.name !== '自评得分表');
  const why = l.indicator
    ? `${missing.length ? `${documentLabels(missing)}未填列，` : ''}${l.indicator}无法计算`
    : '单位未逐项自评打分';
  const claim =
    l.claimed !== undefined
      ? `；单位自评${points(l.claimed)}分${l.claimBasis ? '（由二级指标自评得分推定）' : ''}，未计入核实得分`
      : '；单位未自评，报告中该项得分待补';
  return `${why}${claim}。`;
}

/** What could not be verified, each once: a score line told apart from a namesake by its 二级, or a check. */
function unverifiableSection(c: ReportContext, findings: Finding[]): SectionContent[] {
  const { w, scores } = c;
  if (findings.length === 0) return [w.paragraph(w.plain('无。'))];
  return findings.map((f, i) => {
    const line = scores?.lines.find((l) => f.id === `score.pending.${l.level2}.${l.level3}`);
    const missing = f.missing ?? [];
    const text = line
      ? `${line.level2}·${line.level3}（${points(line.points)}分）：${pendingLineText(line, f)}`
      : `${inWords(cardParts(f).title)}：${missing.length ? `${documentLabels(missing)}未填列，` : ''}无法核实。`;
    return w.paragraph(w.plain(`${i + 1}.${text}`, f.operands));
  });
}

function valueText(l: ScoreLine): string {
  if (!l.indicator) return '—';
  return l.indicatorValue === null || l.indicatorValue === undefined
    ? '无法计算'
    : rateText(l.indicatorValue);
}

function indicatorTable(c: ReportContext): SectionContent[] {
  const { w, scores } = c;
  if (!scores) return [w.paragraph(w.plain('无评分结果。'))];
  const claimed = (l: ScoreLine) =>
    l.claimed === undefined ? '—' : `${points(l.claimed)}${l.claimBasis ? '＊' : ''}`;
  const out = w.table(
    '各指标评分核实情况',
    ['二级指标', '三级指标', '分值', '指标值', '单位自评', '核实得分'],
    scores.lines.map((l) => [
      l.level2,
      l.level3,
      points(l.points),
      valueText(l),
      claimed(l),
      l.missing ? '待核实' : points(l.score),
    ])
  );
  if (scores.lines.some((l) => l.claimBasis))
    out.push(w.paragraph(w.plain('注：带＊的单位自评得分由其所属二级指标的自评得分推定。'), 'note'));
  return out;
}

/** The 审核意见 for one department's evaluation. */
export function draftReview(input: DraftInput): ReportDraft {
  const c = reportContext(input);
  const unverifiable = c.findings.filter((f) => f.kind === 'cannotVerify');
  const groups = groupsOf(c.findings.filter((f) => f.kind !== 'cannotVerify'));
  const sections: SectionDecl[] = [
    { id: '审核结论', heading: '审核结论', level: 1, build: () => conclusionSection(c, groups) },
    {
      id: '更正问题',
      heading: `需要更正的问题（共${groups.reduce((n, g) => n + g.findings.length, 0)}项）`,
      level: 1,
      build: () => problemsSection(c, groups),
    },
    {
      id: '无法核实',
      heading: `无法核实的事项（共${unverifiable.length}项）`,
      level: 1,
      build: () => unverifiableSection(c, unverifiable),
    },
    { id: '评分核实', heading: '各指标评分核实情况', level: 1, build: () => indicatorTable(c) },
    {
      id: '落款',
      heading: '',
      level: 0,
      build: ({ w }) => [
        w.paragraph(w.plain(`审核人：${placeholder('审核人')}`), 'signature'),
        w.paragraph(w.plain(placeholder('审核日期')), 'signature'),
      ],
    },
  ];
  return assemble(c.w.say`${c.w.text('单位名称')}${c.w.year()}年度部门整体支出绩效自评审核意见`, sections, c);
}
