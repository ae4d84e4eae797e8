/**
 * 六、部门整体绩效评价情况分析: each dimension, each 二级 group, and each line with a sentence
 * that evaluates it — the figures used, the value, a judgement in words, 满分 and 得分 — plus the
 * department's own remarks and, for 产出, its tasks with their 说明.
 */
import type Decimal from 'decimal.js';
import type {
  Dimension,
  Piece,
  ReportBlock,
  ReportContext,
  ScoreLine,
  SectionContent,
} from '../../../core/reportContract';
import { SANGONG_ITEMS, SANGONG_TOTAL } from '../../lists';
import { QUALITATIVE_VERDICT, VERDICTS } from '../measures';

/** The department's remark for a name in 自评得分表, if it wrote one. */
function ownRemark({ w, model }: ReportContext, name: string): Piece | null {
  const row = model.table('自评得分表').rows.find((r) => r.cells['指标']?.value === name);
  const cell = row?.cells['说明'];
  if (!cell || cell.blank || typeof cell.value !== 'string' || !cell.value.trim()) return null;
  return w.cell('自评得分表', cell, '评价说明');
}

const endSentence = (s: string) => (/[。；！]$/.test(s) ? s.replace(/；$/, '。') : `${s}。`);

/** A cross-reference the department left in a remark ("报告五（三）④：") is not part of the sentence. */
const stripReference = (s: string) => s.replace(/^报告[^：:]{0,12}[：:]/, '');

/** 产出: the year's tasks, each with whether it was done, on time and up to standard, and the department's 说明. */
function tasks({ w, model }: ReportContext): ReportBlock[] {
  const rows = model.table('产出任务表').rows;
  if (rows.length === 0) return [];
  const flag = (v: unknown) => (v === true ? true : v === false ? false : null);
  const items = rows.map((r, i) => {
    const c = r.cells;
    const name = w.cell('产出任务表', c['任务'], '工作任务', { required: true });
    const done = flag(c['是否完成']?.value);
    const state = [done === true ? '已完成' : done === false ? '未完成' : w.fmt.placeholder('是否完成')];
    if (done && flag(c['是否按时']?.value) === false) state.push('未按时完成');
    if (done && flag(c['是否达标']?.value) === false) state.push('质量未达预期');
    const note = w.cell('产出任务表', c['说明'], '完成情况说明');
    const remark = note.text
      ? w.plain(`，${stripReference(note.text).replace(/[。；]$/, '')}`, note.sources)
      : '';
    return w.say`${w.fmt.circled(i + 1)}${name}，${state.join('，')}${remark}`;
  });
  return [w.paragraph(w.say`年度工作任务完成情况：${w.join(items, '；')}。`)];
}

/** “三公”经费: budget, actual and last year's actual, with growth in words. */
function sangongTable({ w }: ReportContext): ReportBlock[] {
  const items = [...SANGONG_ITEMS, SANGONG_TOTAL];
  const rows = items.map(([k, label]) => {
    const now = w.num(`三公_${k}_本年决算`);
    const before = w.num(`三公_${k}_上年决算`);
    // Growth is recomputed from the two amounts shown beside it, so the row never contradicts itself.
    const growth =
      now !== null && before !== null && !before.isZero()
        ? w.plain(
            ((g: Decimal) =>
              g.isZero()
                ? '持平'
                : `${w.fmt.direction(g, ['增长', '下降', '持平'])}${w.fmt.percent(g.abs())}`)(
              now.minus(before).div(before).times(100)
            ),
            [w.operand(`三公_${k}_本年决算`), w.operand(`三公_${k}_上年决算`)]
          )
        : '—';
    return [
      label,
      w.amountCell(`三公_${k}_本年预算`),
      w.amountCell(`三公_${k}_本年决算`),
      w.amountCell(`三公_${k}_上年决算`),
      growth,
    ];
  });
  return w.table(
    `${w.year().text}年度“三公”经费预算执行明细表`,
    ['项目', '本年预算', '本年实际支出', '上年实际支出', '较上年增减'],
    rows,
    '万元'
  );
}

/** Extra material shown where an indicator is discussed. */
const EXTRAS: Record<string, (c: ReportContext) => ReportBlock[]> = {
  三公经费控制率: sangongTable,
  实际完成率: tasks,
};

function scoreWords(c: ReportContext, line: ScoreLine): string {
  const { w } = c;
  const full = `本项满分${w.fmt.points(line.points)}分`;
  if (line.missing) return `${full}，得分${w.fmt.placeholder(`${line.level3}的自评得分`)}。`;
  const lostPoints = line.points.minus(line.score);
  return lostPoints.gt(0)
    ? `${full}，得分${w.fmt.points(line.score)}分，扣${w.fmt.points(lostPoints)}分。`
    : `${full}，得满分。`;
}

function lineParagraph(c: ReportContext, line: ScoreLine, i: number): ReportBlock[] {
  const { w } = c;
  const ind = line.indicator ? c.indicators.find((x) => x.id === line.indicator) : undefined;
  const parts: Piece[] = [w.plain(`${w.fmt.circled(i)}${line.level3}：`)];
  const full = !line.missing && line.score.gte(line.points);
  if (ind) {
    const ops = w.operandList(ind.operands);
    if (ind.value !== null) {
      const verdict = VERDICTS[ind.id];
      const judged = verdict
        ? full
          ? verdict.good(ind.value)
          : verdict.short(ind.value)
        : full
          ? '达到评分标准'
          : '未达到评分标准';
      // A negative rate is said in words (下降…), which the verdict does; without one, say it here.
      const value = !ind.value.isNegative()
        ? `${ind.label}为${w.fmt.percent(ind.value)}，`
        : verdict
          ? ''
          : `${ind.label}下降${w.fmt.percent(ind.value.abs())}，`;
      parts.push(w.say`${ops.text ? w.say`${ops}，` : ''}${value}${judged}。`);
    } else parts.push(w.say`${ops}，因数据不全，${ind.label}无法计算。`);
  } else {
    const remark = line.level3 === line.level2 ? null : ownRemark(c, line.level3);
    if (remark) parts.push(w.plain(endSentence(remark.text), remark.sources));
    if (!line.missing)
      parts.push(w.plain(`${full ? QUALITATIVE_VERDICT.good : QUALITATIVE_VERDICT.short}。`));
  }
  parts.push(w.plain(scoreWords(c, line)));
  for (const f of c.explainedFor(line.indicator ?? line.level3, ind))
    parts.push(
      w.plain(`偏差原因：${w.fmt.words(f.title)}，${f.explanation!.replace(/[。；]$/, '')}。`, f.operands)
    );
  const blocks: ReportBlock[] = [w.paragraph(w.join(parts, ''))];
  const extra = line.indicator ? EXTRAS[line.indicator] : undefined;
  if (extra) blocks.push(...extra(c));
  return blocks;
}

function groupScore(
  c: ReportContext,
  g: { name: string; points: Decimal | null; score: Decimal | null }
): string {
  const { w } = c;
  const p = g.points === null ? w.fmt.placeholder(`${g.name}的分值`) : `${w.fmt.points(g.points)}分`;
  const s = g.score === null ? w.fmt.placeholder(`${g.name}的得分`) : `${w.fmt.points(g.score)}分`;
  return `满分${p}，得分${s}`;
}

function dimensionSection(c: ReportContext, d: Dimension): SectionContent {
  const { w } = c;
  const content: SectionContent[] = [];
  const lines = d.children.flatMap((x) => x.lines);
  content.push(
    w.paragraph(
      w.plain(
        `分别设置${d.children.map((x) => `“${x.name}”`).join('、')}${d.children.length}个二级指标，${lines.map((l) => l.level3).join('、')}等${lines.length}个三级指标进行评价。`
      )
    )
  );
  for (const ch of d.children) {
    const body: SectionContent[] = [];
    const remark = ownRemark(c, ch.name);
    if (remark) body.push(w.paragraph(w.plain(`单位自评说明：${endSentence(remark.text)}`, remark.sources)));
    ch.lines.forEach((l, i) => body.push(...lineParagraph(c, l, i + 1)));
    content.push({
      kind: 'section',
      id: ch.name,
      heading: `${ch.name}（${groupScore(c, ch)}）`,
      content: body,
    });
  }
  const own = ownRemark(c, d.name);
  content.push(
    w.paragraph(
      w.plain(
        `小结：“${d.name}情况”维度，${groupScore(c, d).replace('得分', '实际得分')}。${own ? endSentence(own.text) : ''}`,
        own?.sources ?? []
      )
    )
  );
  return { kind: 'section', id: d.name, heading: `${d.name}情况`, content };
}

export function analysis(c: ReportContext): SectionContent[] {
  const { w, scores } = c;
  if (!scores) {
    const out: SectionContent[] = [
      w.paragraph(
        w.plain(
          `本次评价尚未取得评分结果：${w.fmt.placeholder('评分规则及评分结果')}。主要指标计算情况如下：`
        )
      ),
    ];
    c.indicators.forEach((ind, i) => {
      const value =
        ind.value !== null ? `${ind.label}为${w.fmt.percent(ind.value)}` : `因数据不全，${ind.label}无法计算`;
      out.push(
        w.paragraph(w.say`${w.fmt.circled(i + 1)}${ind.label}：${w.operandList(ind.operands)}，${value}。`)
      );
    });
    return out;
  }
  return [
    w.paragraph(
      w.say`本次评价采用三级细化指标评分，从${w.year()}年度部门整体支出的${c.dimensions.map((d) => d.name).join('、')}等维度出发，通过定性与定量相结合的方式，综合考察部门整体支出资金使用效益及部门职能职责履行情况，得出绩效评价综合结论。`
    ),
    ...c.dimensions.map((d) => dimensionSection(c, d)),
  ];
}
