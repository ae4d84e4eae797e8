/**
 * 审核意见: what the finance bureau's reviewer needs, kept out of the department's report — the
 * score as claimed and as verified line by line with the rule, each finding in words with its
 * figures, what the department must correct or explain, and what could not be verified.
 * Drafted as a ReportDraft so the same Word export prints it in 公文 form.
 */
import { assemble, reportContext, type DraftInput, type ReportDraft } from './narrative';
import { placeholder, points, say } from './reportWords';
import { reviewSentence } from './render/finding';
import type { ReportContext, SectionContent, SectionDecl } from './reportContract';
import { allFindings, foldedUnder } from './findingTree';
import { problemPhrase, unmatchedOwnProblems } from './reportEvidence';
import type { ScoreLine } from './results';
import { inWords } from './typography';

/** One finding in words, as every surface's renderer writes it (src/core/render/finding.ts). */
export const findingSentence = reviewSentence;

function lineRow(l: ScoreLine): string[] {
  const verified = l.missing ? '待补' : points(l.score);
  const claim = l.claimed !== undefined && !l.claimed.eq(l.score) ? `自报${points(l.claimed)}分；` : '';
  const note = l.missing
    ? l.indicator
      ? '数据不全，无法计算'
      : '单位未自评打分'
    : l.score.lt(l.points)
      ? `扣${points(l.points.minus(l.score))}分`
      : '';
  return [l.level2, l.level3, points(l.points), verified, inWords(l.standard), `${claim}${note}`];
}

function overview(c: ReportContext): SectionContent[] {
  const { w, scores } = c;
  const out: SectionContent[] = [];
  const unit = w.text('单位名称').text;
  const y = w.year().text;
  if (!scores)
    return [
      w.paragraph(w.plain(`${unit}${y}年度部门整体支出绩效自评：尚未取得评分结果（评分规则缺失或有误）。`)),
    ];
  const claimed = scores.claimedTotal;
  const pendingPoints = c.headline.pending;
  const most = scores.total.plus(pendingPoints);
  // With points pending, the claim is judged against the range it could still reach.
  const versus =
    claimed === undefined
      ? ''
      : claimed.gt(most)
        ? `高于可能达到的最高分${points(most)}分${points(claimed.minus(most))}分`
        : claimed.lt(scores.total)
          ? `低于核实得分${points(scores.total.minus(claimed))}分`
          : pendingPoints.isZero()
            ? '与自报一致'
            : '在核实得分与可能达到的最高分之间';
  const verified = pendingPoints.isZero()
    ? `得分${points(scores.total)}分`
    : `核实得分${points(scores.total)}分，待核实分值${points(pendingPoints)}分（全部得分最高${points(most)}分）`;
  out.push(
    w.paragraph(
      w.plain(
        claimed !== undefined
          ? `${unit}${y}年度部门整体支出绩效自评，单位自报总分${points(claimed)}分；按评分规则逐项核实，${verified}，自报分${versus}，综合绩效级别为“${c.headline.grade ?? '数据不完整，未评定'}”。`
          : `${unit}${y}年度部门整体支出绩效自评，单位未填报自评总分；按评分规则逐项核实，${verified}，综合绩效级别为“${c.headline.grade ?? '数据不完整，未评定'}”。`
      )
    )
  );
  const pending = scores.lines.filter((l) => l.missing);
  if (pending.length)
    out.push(
      w.paragraph(
        w.plain(
          `其中${pending.map((l) => l.level3).join('、')}等${pending.length}项指标（分值合计${points(pending.reduce((a, l) => a.plus(l.points), scores.points.minus(scores.points)))}分）无法核实得分，暂按0分计入，待单位补充后重新核实。`
        )
      )
    );
  const open = c.findings.filter((f) => !f.explanation);
  out.push(
    w.paragraph(w.plain(`数据核对发现问题${open.length}项（不含由此连带的核对不符），详见第三部分。`))
  );
  return out;
}

function scoreCheck(c: ReportContext): SectionContent[] {
  const { w, scores } = c;
  if (!scores) return [w.paragraph(w.plain('无评分结果。'))];
  const claimed = scores.groups.filter((g) => g.claimed !== undefined);
  const out: SectionContent[] = [];
  if (claimed.length)
    out.push(
      ...w.table(
        '自报得分与核实得分对照表',
        ['指标', '分值', '自报得分', '核实得分', '差额'],
        claimed.map((g) => [
          `${g.level === 1 ? '' : '　'}${g.name}`,
          points(g.points),
          points(g.claimed!),
          points(g.score),
          points(g.claimed!.minus(g.score)),
        ])
      )
    );
  out.push(w.paragraph(w.plain('各三级指标按评分规则逐项核实的情况如下：')));
  out.push(
    ...w.table(
      '评分核实情况表',
      ['二级指标', '三级指标', '分值', '核实得分', '评分标准', '说明'],
      scores.lines.map(lineRow)
    )
  );
  return out;
}

function findingsSection(c: ReportContext): SectionContent[] {
  const { w } = c;
  const open = c.findings;
  if (open.length === 0) return [w.paragraph(w.plain('数据核对未发现不一致。'))];
  return open.map((f, i) => {
    const body = [w.paragraph(w.plain(findingSentence(f, { title: false }), f.operands))];
    const folded = foldedUnder(f);
    if (folded.length)
      body.push(
        w.paragraph(
          w.plain(
            `由此连带${folded.length}项核对不符：${folded.map((x, k) => `${w.fmt.circled(k + 1)}${findingSentence(x).replace(/。$/, '')}`).join('；')}。`
          )
        )
      );
    if (f.explanation) body.push(w.paragraph(w.plain(`单位说明：${f.explanation}`)));
    return { kind: 'section' as const, id: `${i + 1}`, heading: inWords(f.title), content: body };
  });
}

function corrections(c: ReportContext): SectionContent[] {
  const { w, scores } = c;
  const items: string[] = [];
  const contradicted = ['mismatch', 'exceeds', 'unitSlip', 'signReversed'];
  for (const f of c.findings.filter((x) => !x.explanation && contradicted.includes(x.kind)))
    items.push(
      `${inWords(problemPhrase(f.title))}：${inWords(f.nextStep.replace(/先核对\s*\S+!\S+\s*/g, '先核对'))}`
    );
  for (const l of scores?.lines.filter((x) => x.missing && !x.indicator) ?? [])
    items.push(`补充“${l.level3}”的自评得分及评价说明。`);
  for (const own of unmatchedOwnProblems(c))
    items.push(
      `单位自述问题“${own.heading || own.paragraphs[0]?.text.slice(0, 20)}”未见评分扣分或数据核对依据，未列入报告“存在的主要问题”，请补充依据或确认删除。`
    );
  if (items.length === 0) return [w.paragraph(w.plain('无。'))];
  return items.map((t, i) => w.paragraph(w.plain(`${i + 1}.${t.replace(/[。；]?$/, '。')}`)));
}

function unverifiable(c: ReportContext): SectionContent[] {
  const { w, scores } = c;
  const items: string[] = [];
  for (const f of allFindings(c.findings).filter((x) => x.kind === 'cannotVerify'))
    items.push(findingSentence(f));
  for (const ind of c.indicators.filter((i) => i.value === null))
    items.push(`${ind.label}：因数据不全无法计算。`);
  for (const l of scores?.lines.filter((x) => x.missing && !x.indicator) ?? [])
    items.push(`${l.level3}：单位未自评打分，无法核实。`);
  if (items.length === 0) return [w.paragraph(w.plain('无。'))];
  return items.map((t, i) => w.paragraph(w.plain(`${i + 1}.${t}`)));
}

const REVIEW_SECTIONS: SectionDecl[] = [
  { id: '基本情况', heading: '基本情况', level: 1, build: overview },
  { id: '评分核实', heading: '评分核实情况', level: 1, build: scoreCheck },
  { id: '数据核对', heading: '数据核对发现的问题', level: 1, build: findingsSection },
  { id: '更正事项', heading: '需单位更正或说明的事项', level: 1, build: corrections },
  { id: '无法核实', heading: '无法核实的事项', level: 1, build: unverifiable },
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

/** The 审核意见 for one department's evaluation. */
export function draftReview(input: DraftInput): ReportDraft {
  const c = reportContext(input);
  return assemble(
    say`${c.w.text('单位名称')}${c.w.year()}年度部门整体支出绩效自评审核意见`,
    REVIEW_SECTIONS,
    c
  );
}
