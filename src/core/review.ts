/**
 * 审核意见: the finance bureau reviewer's memo, in the reviewer's voice. Page 1 answers "what do I do
 * with this report?" — the 审核结论 by the declared rule (src/catalogue/report/review.ts) with its
 * reason, the score as the department gives it and as verified, and the three things to fix first.
 * Then what must be corrected (错误), numbered under its group, each problem once in the words every
 * surface uses (reviewSentence: the title, the figures it does not state, the correction the data
 * show); then what may legitimately differ and needs a written reason (提示); then what could not be
 * verified, once, as a table; then the per-indicator table.
 * Drafted as a ReportDraft so the same Word export prints it in 公文 form.
 */
import {
  BLOCKING_FAMILIES,
  OTHER_GROUP,
  REVIEW_CONCLUSIONS,
  REVIEW_GROUPS,
} from '../catalogue/report/review';
import type { Claim, ReportSummary } from './claims/engine';
import { assemble, reportContext, type DraftInput, type ReportDraft } from './narrative';
import { reviewParts, reviewSentence } from './render/finding';
import { documentDigits } from './render/quantity';
import { shortLabel } from './reconcile';
import type {
  ReportContext,
  ReviewFacts,
  ReviewVerdict,
  SectionContent,
  SectionDecl,
} from './reportContract';
import { unmatchedOwnProblems } from './reportEvidence';
import { chineseNumber, placeholder, points, rateText } from './reportWords';
import type { Finding, ScoreLine, ScoreSheet } from './results';
import { DEFAULT_BANDS } from './rulebook';
import { gradeOf } from './scoring';
import { gradeRange, pendingPointsOf } from './summary';

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

function sentence(s: string): string {
  return s ? `${s.replace(/[。；，：]$/, '')}。` : '';
}

interface Group {
  heading: string;
  findings: Finding[];
  /** The family's advice two or more of its entries without a specific correction share, stated once. */
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
    for (const { action, advice } of mine.map(reviewParts))
      if (!action && advice) counts.set(advice, (counts.get(advice) ?? 0) + 1);
    const [advice, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
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

/**
 * One entry, numbered, in the shared renderer's words (src/core/render/finding.ts, as every surface states it):
 * the problem with the figures its title does not state, the specific correction (or the family's advice where
 * the group does not state it once), what it folds; then the unit's explanation.
 */
function entry(f: Finding, n: number, group: Group): string {
  const stated = group.advice !== undefined && reviewParts(f).advice === group.advice;
  return `${n}.${reviewSentence(f, { advice: !stated })}${sentence(f.explanation ? `单位说明：${f.explanation}` : '')}`;
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

/** What a group asks first, for page 1: its shared advice, else its first entry's correction or advice. */
function firstStep(g: Group): string {
  if (g.advice) return g.advice;
  const p = reviewParts(g.findings[0]);
  return p.action || p.advice;
}

function conclusionSection(
  c: ReportContext,
  groups: Group[],
  notices: number,
  reportFails = 0
): SectionContent[] {
  const { w, scores } = c;
  const facts = reviewFacts(c.findings, scores);
  const { verdict, reason } = reviewConclusion(facts);
  const out: SectionContent[] = [w.paragraph(w.plain(`审核结论：${verdict}。${reason}`))];
  if (scores) {
    out.push(w.paragraph(w.plain(`得分：${scoreSentence(c, scores)}`)), ...scoreTable(c, scores));
  } else out.push(w.paragraph(w.plain('得分：评分规则缺失或有误，未能计分。')));
  const first: string[] = groups
    .slice(0, 3)
    .map(
      (g, i) =>
        `${g.heading}${g.findings.length}项（二（${chineseNumber(i + 1)}））：${sentence(firstStep(g))}`
    );
  // Then, while there is room, what needs a written reason (三) and what could not be verified (三 or 四).
  if (first.length < 3 && notices)
    first.push(`对${notices}项可能另有原因的事项书面说明原因，或予改正（三）。`);
  if (first.length < 3 && facts.pending.length)
    first.push(`补填${facts.pending.length}项指标的数据或自评得分（${chineseNumber(notices ? 4 : 3)}）。`);
  if (first.length < 3 && reportFails)
    first.push(`改正报告正文中不成立的${reportFails}处数字（${chineseNumber(notices ? 5 : 4)}）。`);
  if (first.length)
    out.push(
      w.paragraph(w.plain('需优先处理的事项：')),
      ...first.map((t, i) => w.paragraph(w.plain(`${i + 1}.${t}`)))
    );
  return out;
}

function problemsSection(c: ReportContext, groups: Group[]): SectionContent[] {
  const { w } = c;
  const own = unmatchedOwnProblems(c);
  if (groups.length === 0 && own.length === 0)
    return [w.paragraph(w.plain('数据核对未发现需要更正的问题。'))];
  const out: SectionContent[] = groups.map((g, i) => ({
    kind: 'section' as const,
    id: `组${i + 1}`,
    heading: `${g.heading}（${g.findings.length}项）`,
    content: [
      ...(g.advice ? [w.paragraph(w.plain(`更正方法：${sentence(g.advice)}`), 'lead')] : []),
      ...g.findings.map((f, k) => w.paragraph(w.plain(entry(f, k + 1, g), f.operands))),
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

/** What may legitimately differ (提示): each once, for the unit to explain in writing or correct. */
function noticesSection(c: ReportContext, notices: Finding[]): SectionContent[] {
  const { w } = c;
  return [
    w.paragraph(w.plain('以下事项可能另有原因：单位应书面说明原因，不能说明的予以改正。'), 'lead'),
    ...notices.map((f, k) =>
      w.paragraph(w.plain(`${k + 1}.${reviewSentence(f, { advice: false })}`, f.operands))
    ),
  ];
}

/** Why a line could not be verified, in a few words: the figures it wants, or that the unit gave no score. */
function pendingReason(l: ScoreLine, f: Finding | undefined): string {
  const missing = (f?.missing ?? l.missingInputs ?? []).filter((o) => o.name !== '自评得分表');
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
function unverifiableSection(c: ReportContext, findings: Finding[]): SectionContent[] {
  const { w, scores } = c;
  if (findings.length === 0) return [w.paragraph(w.plain('无。'))];
  const rows = findings.map((f) => {
    const line = scores?.lines.find((l) => f.id === `score.pending.${l.level2}.${l.level3}`);
    return line
      ? [`${line.level2}·${line.level3}`, points(line.points), pendingReason(line, f)]
      : [documentDigits(f.title), '—', otherReason(f)];
  });
  return w.table('', ['事项', '分值', '无法核实的原因'], rows);
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
  // The heading above says what the table is: no caption.
  const out = w.table(
    '',
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
  const notes = [
    scores.lines.some((l) => l.missing && l.claimed !== undefined)
      ? '待核实指标的单位自评得分未计入核实得分'
      : '',
    scores.lines.some((l) => l.claimBasis) ? '带＊的单位自评得分由其所属二级指标的自评得分推定' : '',
    scores.lines.some((l) => l.missing && l.claimed === undefined) ? '单位未自评的，报告中该项得分待补' : '',
  ].filter(Boolean);
  if (notes.length) out.push(w.paragraph(w.plain(`注：${notes.join('；')}。`), 'note'));
  return out;
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
function claimEntry(c: Claim, n: number): string {
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
  out.push(...fails.slice(0, LISTED_CLAIMS).map((x, i) => w.paragraph(w.plain(claimEntry(x, i + 1)))));
  if (fails.length > LISTED_CLAIMS)
    out.push(
      w.paragraph(
        w.plain(`另有${fails.length - LISTED_CLAIMS}处未列出，请单位用“核对报告”逐处核对后一并改正。`),
        'note'
      )
    );
  return out;
}

/** The 审核意见 for one department's evaluation. */
export function draftReview(input: DraftInput, reportText?: ReportTextCheck): ReportDraft {
  const c = reportContext(input);
  const unverifiable = c.findings.filter((f) => f.kind === 'cannotVerify' || f.severity === '待补');
  const open = c.findings.filter((f) => !unverifiable.includes(f));
  const errors = open.filter((f) => f.severity === '错误');
  const notices = open.filter((f) => f.severity !== '错误');
  const groups = groupsOf(errors);
  const sections: SectionDecl[] = [
    {
      id: '审核结论',
      heading: '审核结论',
      level: 1,
      build: () => conclusionSection(c, groups, notices.length, reportText?.summary.fails),
    },
    {
      id: '更正问题',
      heading: `需要更正的问题（共${errors.length}项）`,
      level: 1,
      build: () => problemsSection(c, groups),
    },
    {
      id: '需说明',
      heading: `需要说明的事项（共${notices.length}项）`,
      level: 1,
      when: () => notices.length > 0,
      build: () => noticesSection(c, notices),
    },
    {
      id: '无法核实',
      heading: `无法核实的事项（共${unverifiable.length}项）`,
      level: 1,
      build: () => unverifiableSection(c, unverifiable),
    },
    {
      id: '报告数字',
      heading: `报告正文数字核对${reportText?.summary.fails ? `（不成立${reportText.summary.fails}处）` : ''}`,
      level: 1,
      when: () => !!reportText,
      build: () => reportTextSection(c, reportText!),
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
