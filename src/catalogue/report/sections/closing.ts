/**
 * 七 to the end: the conclusion, 八's problems (from evidence only, merged with the department's
 * own items), 九 answering them item by item, the use and publication of the results, other
 * matters (data caveats, the rules used), and the signature block.
 */
import type Decimal from 'decimal.js';
import type { ReportContext, SectionContent } from '../../../core/reportContract';

export function conclusion(c: ReportContext): SectionContent[] {
  const { w, scores, headline } = c;
  const y = w.year();
  if (!scores)
    return [w.paragraph(w.say`${y}年度部门整体支出绩效评价得分${w.fmt.placeholder('评分结果')}。`)];
  const dims = scores.groups.filter((g) => g.level === 1);
  const pendingOf = (d: { pending?: Decimal }) =>
    d.pending && !d.pending.isZero() ? `（待核实${w.fmt.points(d.pending)}分）` : '';
  // Verified and pending points and the grade in the words every surface uses (src/core/summary.ts).
  const scoreWords = headline.pending.isZero()
    ? `得分为${w.fmt.points(scores.total)}分`
    : `核实得分${w.fmt.points(scores.total)}分，待核实分值${w.fmt.points(headline.pending)}分`;
  const gradeWords =
    headline.grade === null ? '数据不完整，未评定综合绩效级别' : `综合绩效级别为“${headline.grade}”`;
  const pending = scores.lines.filter((l) => l.missing);
  const out: SectionContent[] = [
    w.paragraph(
      w.say`${y}年度部门整体支出绩效评价自评${scoreWords}。其中，${dims.map((d) => `${d.name}${w.fmt.points(d.score)}分${pendingOf(d)}`).join('，')}，${gradeWords}（绩效评分明细表详见附件1）。`
    ),
  ];
  if (pending.length)
    out.push(
      w.paragraph(
        w.plain(
          `待核实的是${pending.map((l) => l.level3).join('、')}等${pending.length}项指标：${w.fmt.placeholder('上述指标的数据或自评得分')}，补齐后重新计分。`
        )
      )
    );
  out.push(
    ...w.table(
      `${y.text}年度部门整体支出绩效评价得分情况表`,
      ['评价内容', '分值', '评价得分'],
      [
        ...dims.map((d) => [d.name, w.fmt.points(d.points), `${w.fmt.points(d.score)}${pendingOf(d)}`]),
        [
          '合计',
          w.fmt.points(scores.points),
          `${w.fmt.points(scores.total)}${pendingOf({ pending: headline.pending })}`,
        ],
        ['综合绩效级别', headline.grade ?? '数据不完整', ''],
      ]
    )
  );
  return out;
}

export function problemsSection(c: ReportContext): SectionContent[] {
  const { w } = c;
  if (c.problems.length === 0)
    return [
      w.paragraph(w.plain('经自评，各项指标均得满分，数据核对未发现不一致，暂未发现需要说明的主要问题。')),
    ];
  return c.problems.map((p) => ({
    kind: 'section' as const,
    id: p.measure.id,
    heading: p.own?.heading || p.measure.problem,
    content: [
      ...(p.own?.paragraphs ?? []).map((x) => w.paragraph(x)),
      w.paragraph(w.say`${p.own ? '从评分和数据核对看，' : ''}${p.evidence}。`),
    ],
  }));
}

export function measuresSection(c: ReportContext): SectionContent[] {
  const { w } = c;
  if (c.problems.length === 0) return [w.paragraph(w.plain('继续加强预算绩效管理，巩固绩效自评成果。'))];
  return c.problems.map((p) => ({
    kind: 'section' as const,
    id: p.measure.id,
    heading: p.ownMeasure?.heading || p.measure.title,
    content: p.ownMeasure?.paragraphs.length
      ? p.ownMeasure.paragraphs.map((x) => w.paragraph(x))
      : [w.paragraph(w.plain(p.measure.measure))],
  }));
}

export function application({ w }: ReportContext): SectionContent[] {
  return [
    w.paragraph(
      w.plain(
        '本部门将根据本次绩效自评结果，针对存在的问题逐项制定整改措施，明确责任和时限；将自评结果作为以后年度编制和安排预算、完善绩效目标的重要参考，并按要求报送财政部门。'
      )
    ),
    w.paragraph(
      w.plain(
        `本自评报告将按照财政部门的要求，随部门决算在${w.fmt.placeholder('公开渠道，如本部门门户网站')}予以公开。`
      )
    ),
  ];
}

export function otherMatters(c: ReportContext): SectionContent[] {
  const { w } = c;
  const y = w.year().text;
  const out: SectionContent[] = [];
  const data: string[] = [`本报告数据取自本部门${y}年度部门决算报表及部门整体支出绩效评价基础数据表。`];
  // The count in the words every surface uses (src/core/summary.ts).
  data.push(`数据核对共发现${c.headline.counts}。`);
  if (c.caveats.length)
    data.push(
      `经核对，以下数据在不同报表之间不一致：${c.caveats.map((s, i) => `${w.fmt.circled(i + 1)}${s}`).join('；')}。以上数据已在报告相应位置注明，请核实后统一更正。`
    );
  else data.push('经核对，各报表之间的勾稽关系相符。');
  const unverified = c.openFindings.filter((f) => f.kind === 'cannotVerify');
  if (unverified.length)
    data.push(
      `因数据不全，以下事项无法核实：${unverified.map((f) => `“${w.fmt.words(f.title)}”`).join('、')}。`
    );
  out.push({
    kind: 'section',
    id: '数据说明',
    heading: '数据说明',
    content: [w.paragraph(w.plain(data.join('')))],
  });
  const variants = [
    ...new Set(c.indicators.filter((i) => i.variant).map((i) => `${i.label}按${i.variant}计算`)),
  ];
  out.push({
    kind: 'section',
    id: '评分口径',
    heading: '评分规则及口径',
    content: [
      w.paragraph(
        w.plain(
          `本次评价采用的指标体系、分值和评分标准详见附件1。${variants.length ? `其中，${variants.join('，')}。` : ''}上述评分标准为通用的默认标准，本级财政部门另有规定的，按其规定调整后重新计算。`
        )
      ),
    ],
  });
  return out;
}

export function signature({ w, scores }: ReportContext): SectionContent[] {
  const out: SectionContent[] = [];
  if (scores && scores.lines.length)
    out.push(w.paragraph(w.say`附件：1.${w.text('单位名称')}${w.year()}年度部门整体支出绩效评价指标评分表`));
  out.push(
    w.paragraph(w.text('单位名称'), 'signature'),
    w.paragraph(w.plain(w.fmt.placeholder('报告日期')), 'signature')
  );
  return out;
}
