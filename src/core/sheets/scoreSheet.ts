/**
 * 评分表 in the layout of the official 部门整体支出绩效自评表: 一级, 分值, 二级, 分值, 三级, 分值,
 * 评分标准, 指标值, 得分, 扣分原因 (and 自评得分 / 差异说明 when the department stated its own
 * scores), with 二级 and 一级 subtotals, the total and the grade; then a small 一级 summary that
 * the chart of score against points reads.
 */
import type Decimal from 'decimal.js';
import { a1 } from '../../catalogue/layout';
import { fixed } from '../decimal';
import type { ScoreLine, ScoreSheet } from '../results';
import { explainGroup, pendingLabel } from '../scoring';
import { gradeRange, gradeText } from '../summary';
import type { GradeBands } from '../rulebook';
import type { OutCell, SheetPlan, StyleName } from '../types';
import { fitRows, legendRow } from './fit';

export const SCORE_SHEET = '评分表';

const num = (x: Decimal) => Number(fixed(x, 2));

/** A 0 that means "none pending" stays blank; a line's pending points show. */
const pendingCell = (x: Decimal | undefined, style: StyleName): OutCell =>
  x && !x.isZero() ? { value: num(x), style, numFmt: '0.00' } : { style };

/** The grade bands in words: 优 90 分及以上, 良 80（含）至 90 分, … */
export function bandWords(bands: GradeBands, points: Decimal): string {
  const f = (x: Decimal) => fixed(x, 0);
  return [
    `优：${f(bands.优)} 分及以上（满分 ${f(points)} 分）`,
    `良：${f(bands.良)}（含）至 ${f(bands.优)} 分`,
    `中：${f(bands.中)}（含）至 ${f(bands.良)} 分`,
    `差：${f(bands.中)} 分以下`,
  ].join('；');
}

/** Whose score sheet it is: 单位名称 and 评价年度 as filled (null when blank). */
export interface ScoreSheetOwner {
  unit: string | null;
  year: string | null;
}

/**
 * The sheet's conclusion in the words of the report's 综合评价结论: who, which year, the verified
 * score and the points still pending, each 一级's score, and the grade (a range while points are
 * pending); or, 数据不完整, why there is no total.
 */
export function conclusionText(scores: ScoreSheet, complete: boolean, owner?: ScoreSheetOwner): string {
  const who = `${owner?.unit?.trim() || '本单位'}${owner?.year ? `${owner.year}年度` : ''}部门整体支出绩效评价`;
  const firsts = scores.groups.filter((g) => g.level === 1).map((g) => `${g.name} ${fixed(g.score)} 分`);
  const parts = firsts.length ? `其中，${firsts.join('，')}` : '';
  if (!complete)
    return `${who}数据不完整：核实得分 ${fixed(scores.total)} 分不作为总分，不评定综合绩效级别（见“问题清单”）。${parts ? `${parts}。` : ''}`;
  const pending =
    scores.pendingPoints && !scores.pendingPoints.isZero()
      ? `，另有待核实分值 ${fixed(scores.pendingPoints)} 分`
      : '';
  const range = gradeRange(scores);
  const grade =
    range === scores.grade
      ? `综合绩效级别为“${range}”`
      : `综合绩效级别为“${range}”（视待核实指标核实后的得分而定）`;
  const claimed =
    scores.claimedTotal !== undefined ? `单位自评得分为 ${fixed(scores.claimedTotal)} 分。` : '';
  return `${who}核实得分为 ${fixed(scores.total)} 分${pending}。${parts ? `${parts}；` : ''}${grade}。${claimed}`;
}

/**
 * `complete` false (数据不完整): the total and grade rows say so instead of showing a total as real.
 */
export function scoreSheet(
  scores: ScoreSheet,
  complete = true,
  bands?: GradeBands,
  owner?: ScoreSheetOwner
): SheetPlan {
  const claims =
    scores.claimedTotal !== undefined ||
    scores.lines.some((l) => l.claimed !== undefined) ||
    scores.groups.some((g) => g.claimed !== undefined);
  const width = claims ? 13 : 11;
  const header = [
    '一级指标',
    '分值',
    '二级指标',
    '分值',
    '三级指标',
    '分值',
    '评分标准',
    '指标值',
    '核实得分',
    '待核实分值',
    '扣分原因',
  ];
  if (claims) header.push('自评得分', '差异说明');
  const rows: SheetPlan['rows'] = [
    [{ value: '部门整体支出绩效评价评分表', style: 'title' }],
    [{ value: `${conclusionText(scores, complete, owner)}（单位：分；指标值为百分比）`, style: 'note' }],
    header.map((h): OutCell => ({ value: h, style: 'header' })),
  ];
  const merges = [`A2:${a1(1, width - 1)}`];
  const columnWidths = [10, 7, 12, 7, 18, 7, 40, 9, 8, 8, 36, ...(claims ? [9, 36] : [])];
  const blank = (style: StyleName = 'label'): OutCell => ({ style });
  const claimCells = (claimed: ScoreLine['claimed'], why: string | undefined, style: StyleName): OutCell[] =>
    claims
      ? [
          claimed !== undefined ? { value: num(claimed), style: 'score' } : blank('score'),
          { value: why ?? '', style: why ? 'warning' : style === 'label' ? 'text' : style },
        ]
      : [];
  const summary: Array<{ name: string; points: number; score: number; claimed?: number }> = [];

  for (const g1 of scores.groups.filter((g) => g.level === 1)) {
    const start1 = rows.length;
    for (const g2 of scores.groups.filter((g) => g.level === 2 && g.parent === g1.name)) {
      const lines = scores.lines.filter((l) => l.level1 === g1.name && l.level2 === g2.name);
      const start2 = rows.length;
      lines.forEach((l, i) => {
        const first1 = rows.length === start1;
        rows.push([
          first1 ? { value: g1.name, style: 'label' } : blank(),
          first1 ? { value: num(g1.points), style: 'score' } : blank('score'),
          i === 0 ? { value: g2.name, style: 'label' } : blank(),
          i === 0 ? { value: num(g2.points), style: 'score' } : blank('score'),
          { value: l.level3, style: 'label' },
          { value: num(l.points), style: 'score' },
          { value: l.standard, style: 'text' },
          l.indicatorValue === undefined
            ? { value: '', style: 'rate' }
            : l.indicatorValue === null
              ? { value: '无法计算', style: 'warning' }
              : { value: num(l.indicatorValue), style: 'rate', numFmt: '0.00"%"' },
          l.missing
            ? { value: pendingLabel(l), style: 'warning' }
            : { value: num(l.score), style: 'score', numFmt: '0.00' },
          l.missing ? pendingCell(l.points, 'warning') : blank('score'),
          { value: l.deduction ?? '', style: l.missing ? 'warning' : 'text' },
          // A line scored but not verified has no score to fill: its claim, if any, shows as on any line.
          ...(l.missing && !l.unverified && claims
            ? [
                l.claimed !== undefined
                  ? { value: num(l.claimed), style: 'score' as StyleName }
                  : { value: '待补', style: 'warning' as StyleName },
                {
                  value:
                    l.claimed !== undefined
                      ? `自报、未核实${l.claimBasis ? `（按${l.claimBasis}推得）` : ''}`
                      : '待补：未填自评得分',
                  style: 'warning' as StyleName,
                },
              ]
            : claimCells(l.claimed, l.claimDiffers, 'text')),
        ]);
      });
      if (lines.length > 1) merges.push(`C${start2 + 1}:C${rows.length}`, `D${start2 + 1}:D${rows.length}`);
      rows.push([
        blank(),
        blank('score'),
        { value: `${g2.name}小计`, style: 'subtotal' },
        { value: num(g2.points), style: 'subtotal', numFmt: '0.00' },
        ...[0, 1, 2, 3].map(() => blank('subtotal')),
        { value: num(g2.score), style: 'subtotal', numFmt: '0.00' },
        pendingCell(g2.pending, 'subtotal'),
        blank('subtotal'),
        ...claimCells(g2.claimed, explainGroup(scores, g2), 'subtotal'),
      ]);
    }
    merges.push(`A${start1 + 1}:A${rows.length}`, `B${start1 + 1}:B${rows.length}`);
    rows.push([
      { value: `${g1.name}合计`, style: 'subtotal' },
      { value: num(g1.points), style: 'subtotal', numFmt: '0.00' },
      ...[0, 1, 2, 3, 4, 5].map(() => blank('subtotal')),
      { value: num(g1.score), style: 'subtotal', numFmt: '0.00' },
      pendingCell(g1.pending, 'subtotal'),
      blank('subtotal'),
      ...claimCells(g1.claimed, explainGroup(scores, g1), 'subtotal'),
    ]);
    summary.push({
      name: g1.name,
      points: num(g1.points),
      score: num(g1.score),
      claimed: g1.claimed === undefined ? undefined : num(g1.claimed),
    });
  }
  rows.push([
    { value: '总分', style: 'total' },
    { value: num(scores.points), style: 'total', numFmt: '0.00' },
    ...[0, 1, 2, 3, 4, 5].map(() => blank('total')),
    complete
      ? { value: num(scores.total), style: 'total', numFmt: '0.00' }
      : { value: '数据不完整', style: 'warning' },
    complete ? pendingCell(scores.pendingPoints, 'total') : blank('total'),
    complete
      ? blank('total')
      : { value: `核实得分 ${fixed(scores.total)} 分不作为总分：数据不完整，见“问题清单”`, style: 'warning' },
    ...claimCells(scores.claimedTotal, explainGroup(scores), 'total'),
  ]);
  rows.push([
    { value: '综合绩效级别', style: 'total' },
    ...[0, 1, 2, 3, 4, 5, 6].map(() => blank('total')),
    complete ? { value: gradeText(scores), style: 'total' } : { value: '数据不完整', style: 'warning' },
    blank('total'),
    blank('total'),
    ...(claims ? [blank('total'), blank('total')] : []),
  ]);
  if (bands) {
    rows.push([
      { value: '等级划分', style: 'label' },
      { value: bandWords(bands, scores.points), style: 'text' },
    ]);
    merges.push(`B${rows.length}:${a1(rows.length - 1, width - 1)}`);
  }
  rows.push([
    { value: '说明', style: 'label' },
    {
      value: `满分 ${fixed(scores.points)} 分。定量指标按“评分规则”由指标计算表的数值计分；定性指标按“自评打分”表的得分计分；缺少数据、无法计分的指标为“待核实”，其分值列入“待核实分值”，不计 0 分，也不计入核实得分；单位对这些指标的自评得分列为“自报、未核实”。所用数据有误或口径不一未说明原因、定性指标缺评价依据或与单位自述问题不符的，虽可按所列数据或自评计分，也为“待核实”，扣分原因栏写明原因和按所列数据的得分。`,
      style: 'text',
    },
  ]);
  merges.push(`B${rows.length}:${a1(rows.length - 1, width - 1)}`);
  const legend = legendRow(columnWidths, rows.length);
  rows.push(legend.cells);
  merges.push(...legend.merges);

  // The 一级 summary the chart reads.
  rows.push([]);
  const top = rows.length;
  const withClaims = summary.some((s) => s.claimed !== undefined);
  rows.push([
    { value: '一级指标', style: 'header' },
    { value: '分值', style: 'header' },
    { value: '得分', style: 'header' },
    ...(withClaims ? [{ value: '自评得分', style: 'header' } as OutCell] : []),
  ]);
  for (const s of summary)
    rows.push([
      { value: s.name, style: 'label' },
      { value: s.points, style: 'score' },
      { value: s.score, style: 'score' },
      ...(withClaims
        ? [s.claimed !== undefined ? { value: s.claimed, style: 'score' as StyleName } : blank('score')]
        : []),
    ]);
  const r1 = top + 2;
  const r2 = top + 1 + summary.length;
  const series = [
    { name: '分值', range: `B${r1}:B${r2}` },
    { name: '得分', range: `C${r1}:C${r2}` },
  ];
  if (withClaims) series.push({ name: '自评得分', range: `D${r1}:D${r2}` });
  return fitRows({
    name: SCORE_SHEET,
    rows,
    columnWidths,
    merges,
    freezeRows: 3,
    printTitleRows: 3,
    chart: { title: '各一级指标得分与分值', categories: `A${r1}:A${r2}`, series, anchor: `G${top + 1}` },
  });
}
