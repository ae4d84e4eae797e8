import type Decimal from 'decimal.js';
/**
 * 七 to the end, and 附件1: the conclusion with the department's one total and one grade (a 【待补】 while a line has
 * no score or the lines do not give the claim, the figures in a remark to the preparer), 八's performance problems
 * with their causes, 九 answering them item by item, the use and publication of the results, the scoring basis, the
 * signature block, and the score sheet in plain words.
 */
import type {
  DepartmentItem,
  OwnLine,
  Piece,
  Problem,
  ReportContext,
  SectionContent,
  TableBlock,
} from '../../../core/reportContract';
import {
  againstOwnProblem,
  awaitsMeasure,
  claimSide,
  thisYearScore,
  doubtedNames,
  lineFact,
  lineRate,
  lostReason,
  scoreInDoubt,
  statedScore,
  taskDoubt,
  togetherWords,
} from './analysis';
import { CAUSE_WORDS } from '../words';

/** "预算编制合理性、资产管理制度健全性2项指标", or, past two, their count (附件1 highlights each). */
function lineNames(c: ReportContext, lines: OwnLine[]): string {
  if (lines.length > 2) return `${lines.length}项指标`;
  const all = lines.map((l) => l.line.level3);
  return `${lines.map((l) => c.w.fmt.qualifiedName(l.line.level2, l.line.level3, all)).join('、')}${lines.length}项指标`;
}

/**
 * The unit's total and grade as the report states them, in a sentence and in a table cell, and the remark to the
 * preparer beside them. One total, one grade: where the lines do not add up to the claim, a 【待补】 for each
 * (`settled`: what the total is to be) and both totals, with each dimension's, in the remark.
 */
function statedTotal(
  c: ReportContext,
  settled: string
): { text: string; cell: string; grade: string; gradeCell: string; remark?: string } {
  const { w, own } = c;
  const d = own!.linesDisagree;
  const dims = own!.groups.filter((g) => g.level === 1);
  const grade =
    own!.grade === null
      ? w.fmt.placeholder('绩效级别')
      : d && d.grade !== own!.grade
        ? w.fmt.placeholder('按总分确定的级别')
        : '';
  const graded = { grade: grade || `“${own!.grade}”`, gradeCell: grade || own!.grade! };
  if (own!.total === null) {
    const waiting = own!.unscored.length ? `补填${lineNames(c, own!.unscored)}得分后` : '';
    return { text: w.fmt.placeholder(`${waiting}的总分`), cell: w.fmt.placeholder('总分'), ...graded };
  }
  if (d) {
    const total = `自评总分${w.fmt.points(own!.total)}分${gradeNote(own!.grade)}，按所列数据计${d.atMost ? '至多' : ''}${w.fmt.points(d.sum)}分${gradeNote(d.grade)}`;
    const each = dims
      .filter((g) => g.linesDisagree && g.score !== null)
      .map(
        (g) =>
          `${g.name}自评${w.fmt.points(g.score!)}分、按所列数据计${g.linesDisagree!.atMost ? '至多' : ''}${w.fmt.points(g.linesDisagree!.sum)}分`
      );
    const remark = w.fmt.scoreRemark(
      `${total}${each.length ? `（${each.join('，')}）` : ''}；请按附件1核对各项得分，改正自评得分后重新生成报告。`
    );
    const text = w.fmt.placeholder(settled);
    return { text, cell: text, ...graded, remark };
  }
  const stated = statedScore(c, { name: '总', score: own!.total }, own!.lines, '总分');
  const plain = !stated.text.startsWith('【');
  return { text: stated.text, cell: plain ? scoreCell(own!.total) : stated.text, ...graded };
}

export function conclusion(c: ReportContext): SectionContent[] {
  const { w, own } = c;
  const y = w.year();
  if (!own) return [w.paragraph(w.say`${y}年度部门整体支出绩效评价得分${w.fmt.placeholder('评分结果')}。`)];
  const dims = own.groups.filter((g) => g.level === 1);
  const linesOf = (g: (typeof dims)[number]) => own.lines.filter((l) => l.line.level1 === g.name);
  const total = statedTotal(c, '按附件1核对后的总分');
  // Each dimension's remark is beside its 小结; here the total's, which names every dimension in question.
  const part = (g: (typeof dims)[number]) => `${g.name}${statedScore(c, g, linesOf(g)).text}`;
  // In the table, a score the text states in figures to two decimals; one open the same 【待补】, without its row's name.
  const cell = (g: (typeof dims)[number]) => {
    const stated = statedScore(c, g, linesOf(g), '得分').text;
    return stated.startsWith('【') ? stated : scoreCell(g.score!);
  };
  const sentence = w.plain(
    `${y.text}年度部门整体支出绩效评价自评得分为${total.text}。其中，${dims.map(part).join('，')}，综合绩效级别为${total.grade}（绩效评价指标评分表详见附件1）。`,
    y.sources
  );
  return [
    w.paragraph(total.remark ? { ...sentence, remarks: [total.remark] } : sentence),
    ...w.table(
      `${y.text}年度部门整体支出绩效评价得分情况表`,
      ['评价内容', '分值（分）', '评价得分（分）'],
      [
        ...dims.map((g) => [g.name, w.fmt.points(g.points), cell(g)]),
        ['合计', w.fmt.points(own.points), total.cell],
        ['综合绩效级别', '', total.gradeCell],
      ]
    ),
  ];
}

/** What a problem cost, in figures: "公用经费控制率为105.00%，公用经费略有超支，超出预算5.00个百分点，扣1.00分". */
function facts(c: ReportContext, p: Problem): Piece {
  const { w } = c;
  // The department's own 说明 of a line is the reason it gives for that deduction, unless its own 问题 text
  // above already says it (the 说明 is stated in 六 and 附件1 as well: not a third time).
  const ownText = (p.own?.paragraphs ?? []).length > 0;
  // Lines of a 二级 the department scored as a whole: what the 二级 lost, once (its lines' own scores wait).
  const shared = p.lines.filter((l) => l.line.groupShare);
  const groups = own2(c, shared).map((g) =>
    w.plain(`${g.name}扣${w.fmt.points(g.points.minus(g.score!))}分`)
  );
  return w.join(
    [
      ...groups,
      ...p.lines
        .filter((l) => !l.line.groupShare)
        .map((l) => {
          // The rules' deduction where the department's claim says otherwise is not the department's to state.
          const points = l.againstClaim ? '' : `扣${w.fmt.points(l.line.points.minus(l.score!))}分`;
          const said = l.remark && !ownText ? `（${l.remark.replace(/[。；]$/, '')}）` : '';
          const lost = points ? `${points}${said}` : said;
          const ind = c.indicators.find((x) => x.id === l.line.indicator);
          // A score computed from a figure in doubt is not stated: the rate and what it costs wait together.
          if (scoreInDoubt(c, l) && ind && ind.value !== null) {
            const rate = lineRate(c, l, ind, ind.value).text.replace(/^【待核对：(.*)】$/, '$1');
            if (points) return w.plain(`${ind.label}为${w.fmt.toCheck(`${rate}，${points}`)}`);
            // Against the department's claim: the points lost are its to enter, what the figures give beside.
            const year = thisYearScore(c, l);
            const [by, given] = year ? [`按${year.year}年数据`, year.score] : ['按所列数据', l.score];
            const cost = given !== null && l.line.points.gt(given) ? l.line.points.minus(given) : undefined;
            const ask = cost ? `，${w.fmt.placeholder(`扣分（${by}扣${w.fmt.points(cost)}分）`)}` : '';
            return w.plain(`${ind.label}为${w.fmt.toCheck(rate)}${ask}`);
          }
          // Several lines of one problem: their values only, the judgements are in 六 (not said twice).
          const fact =
            p.lines.length > 1 && ind && ind.value !== null
              ? w.say`${ind.label}为${lineRate(c, l, ind, ind.value)}`
              : lineFact(c, l);
          if (!lost) return fact ?? w.plain(l.line.level3);
          return fact ? w.say`${fact}，${lost}` : w.plain(`${l.line.level3}${lost}`);
        }),
    ],
    '；'
  );
}

/** The department's 二级 groups the lines belong to, each once, with a score of their own. */
function own2(c: ReportContext, lines: OwnLine[]) {
  return (c.own?.groups ?? []).filter(
    (g) =>
      g.level === 2 &&
      g.score !== null &&
      lines.some((l) => l.line.level2 === g.name && l.line.level1 === g.parent)
  );
}

export function problemsSection(c: ReportContext): SectionContent[] {
  const { w } = c;
  if (c.problems.length === 0 && c.ownOnly.length === 0)
    return [w.paragraph(w.plain('经自评，各项指标均得满分，暂未发现需要说明的主要问题。'))];
  const linked = c.problems.map((p): SectionContent => {
    const own = p.own?.paragraphs ?? [];
    const ownText = own.map((x) => x.text).join('');
    // A cause the department's own item already gives is not repeated.
    const causes = p.causes.filter((x) => !ownText.includes(x.text));
    // The line's own 说明 stands as its reason where no item of the department's is printed (facts() gives it).
    const remarkSays = !own.length && p.lines.some((l) => l.remark);
    // A reason no one gave for a line's lost points: asked once, here (六 refers to it), with the points.
    const asked = p.lines.flatMap((l) => (lostReason(c, l)?.asked ? [lostReason(c, l)!.text] : []));
    const why = causes.length
      ? w.say`主要原因：${w.join(causes, '；')}。`
      : CAUSE_WORDS.test(ownText) || remarkSays
        ? ''
        : asked.length && asked.length === p.lines.length
          ? w.plain(`主要原因：${asked.join('；')}。`)
          : w.plain(
              `主要原因：${w.fmt.placeholder(
                p.own
                  ? `${matterOf(p.own)}的原因`
                  : `${p.lines.map((l) => l.line.level3).join('、')}扣分的主要原因`
              )}。`
            );
    return {
      kind: 'section' as const,
      id: p.measure.id,
      heading: p.own?.heading || p.measure.problem,
      // A problem the department's own item carries alone (its deductions minor) is its words only.
      // What fell short (the tasks, where each stands) follows the figures; the causes come after, as causes.
      content: p.lines.length
        ? [
            ...own.map((x) => w.paragraph(x)),
            w.paragraph(
              w.say`${facts(c, p)}${p.outcomes?.length ? w.say`。其中，${w.join(p.outcomes, '；')}` : ''}。${why}`
            ),
          ]
        : withCause(c, own, why),
    };
  });
  // The department's own problems no deduction carries follow, in its words: its report states all it listed, each
  // with its cause (its own, else what to give). One no line's score speaks to at all (no deduction, no full marks
  // it contradicts) asks for what the department writes of it, how it shows and why; which indicator it cost points
  // on is the reviewer's question (审核意见), not a line of the department's text.
  return [
    ...linked,
    ...c.ownOnly.map(({ own }, k) => {
      const section = ownSection(c, own, `单位所列问题${k + 1}`);
      const words = [own.heading, ...own.paragraphs.map((x) => x.text)].join('');
      const scored = (c.own?.lines ?? []).some((l) => {
        const quote = againstOwnProblem(l);
        return quote !== undefined && words.includes(quote);
      });
      if (scored && CAUSE_WORDS.test(words)) return section;
      const why = w.plain(
        scored
          ? `主要原因：${w.fmt.placeholder(`${matterOf(own)}的原因`)}。`
          : `${w.fmt.placeholder('该问题的具体表现及原因')}。`
      );
      return {
        ...section,
        content: withCause(c, own.heading ? own.paragraphs : own.paragraphs.slice(1), why),
      };
    }),
  ];
}

/** The department's paragraphs with the cause after the last (its own paragraph, where it gives none). */
function withCause({ w }: ReportContext, paragraphs: Piece[], why: Piece | string): SectionContent[] {
  const cause = typeof why === 'string' ? w.plain(why) : why;
  if (!cause.text) return paragraphs.map((x) => w.paragraph(x));
  if (paragraphs.length === 0) return [w.paragraph(cause)];
  return [
    ...paragraphs.slice(0, -1).map((x) => w.paragraph(x)),
    w.paragraph(w.join([paragraphs.at(-1)!, cause], '')),
  ];
}

/**
 * What a department's problem is about, as its 【待补：…的原因】 names it: its first sentence where short enough to
 * be specific ("…排名尚有提升空间"), else its heading.
 */
function matterOf(item: DepartmentItem): string {
  const first = (item.heading ? item.paragraphs[0] : (item.paragraphs[1] ?? item.paragraphs[0]))?.text;
  const sentence = first?.split(/[。；]/)[0]?.trim() ?? '';
  return sentence && sentence.length <= 30 ? sentence : item.heading || sentence;
}

/** A department's own item as a section of its report: its heading, else its first paragraph, over the rest. */
function ownSection(
  c: ReportContext,
  item: DepartmentItem,
  id: string
): Extract<SectionContent, { kind: 'section' }> {
  const [first, ...rest] = item.paragraphs;
  const heading = item.heading || first?.text || '';
  return {
    kind: 'section' as const,
    id,
    heading,
    content: (item.heading ? item.paragraphs : rest).map((x) => c.w.paragraph(x)),
  };
}

export function measuresSection(c: ReportContext): SectionContent[] {
  const { w } = c;
  const ownOnly = c.ownOnly;
  if (c.problems.length === 0 && ownOnly.length === 0)
    return [w.paragraph(w.plain('继续加强预算绩效管理，巩固绩效自评成果。'))];
  const linked = c.problems.map((p) => ({
    kind: 'section' as const,
    id: p.measure.id,
    heading: p.ownMeasure?.heading || p.measure.title,
    content: p.ownMeasure?.paragraphs.length
      ? p.ownMeasure.paragraphs.map((x) => w.paragraph(x))
      : [w.paragraph(w.plain(p.measure.measure))],
  }));
  // Each problem the department listed alone is answered: by its own measure, else the measure it still owes.
  return [
    ...linked,
    ...ownOnly.map(({ own, ownMeasure }, k): SectionContent => {
      const id = `单位所列问题${k + 1}`; // 九 answers 八 item by item, under the same id
      if (ownMeasure) return ownSection(c, ownMeasure, id);
      const matter = own.heading || own.paragraphs[0]?.text || '';
      return {
        kind: 'section' as const,
        id,
        heading: w.fmt.placeholder(`针对“${matter}”的改进措施`),
        content: [],
      };
    }),
  ];
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

/** A score in a table column, to two decimals so the column reads alike (9.00, 27.13). */
const scoreCell = (x: Decimal): string => x.toFixed(2);

/** "（“优”）" after a total in a note, or nothing while the grade waits. */
const gradeNote = (grade: string | null): string => (grade ? `（“${grade}”）` : '');

export function otherMatters(c: ReportContext): SectionContent[] {
  const { w } = c;
  const y = w.year().text;
  // Which 口径 each rate was computed by is a note for the reviewer (the 审核意见 and the score sheet), not the unit's text.
  return [
    w.paragraph(
      w.plain(
        `本报告数据取自本部门${y}年度部门决算报表及部门整体支出绩效评价基础数据表，评价采用的指标体系、分值和评分标准详见附件1。`
      )
    ),
  ];
}

/**
 * The report's date, on the cover and in the 落款: one date, so one placeholder the two share (the checklist lists it
 * once, with both places).
 */
const REPORT_DATE = '报告日期';

export function signature({ w, own }: ReportContext): SectionContent[] {
  const out: SectionContent[] = [];
  if (own && own.lines.length)
    out.push(
      w.paragraph(w.say`附件：1.${w.text('单位名称')}${w.year()}年度部门整体支出绩效评价指标评分表`, 'annex')
    );
  out.push(
    w.paragraph(w.text('单位名称'), 'signature'),
    w.paragraph(w.plain(w.fmt.placeholder(REPORT_DATE)), 'signature')
  );
  return out;
}

/** The cover page, as reports have one: unit, year, title; at its foot, who submits and when. */
export function cover({ w }: ReportContext): string[] {
  const unit = w.text('单位名称').text;
  return [
    unit,
    `${w.year().text}年度部门整体支出绩效`,
    '自评报告',
    '',
    `报送单位（盖章）：${unit}`,
    `报送日期：${w.fmt.placeholder(REPORT_DATE)}`,
  ];
}

/** A fact in its first two clauses (the value and its judgement), as a table cell has room for. */
function briefly(p: Piece): Piece {
  const clauses = p.text.split(/，(?![^【]*】)/);
  return { ...p, text: clauses.slice(0, 2).join('，') };
}

/**
 * 评分说明 of a line in plain words: what it earned and why ("公用经费控制率为105.00%，超出预算5.00%，扣1.00分"), or
 * 单位自评 with the department's evidence. A deduction the unit's claim says otherwise is said as the scoring
 * rules'; one computed from a figure in doubt is not said.
 */
function lineNote(c: ReportContext, l: OwnLine): Piece {
  const { w } = c;
  // A score that waits on its blank measure: the department's evidence, then what to enter (its 得分 cell a 【待补】).
  if (awaitsMeasure(c, l) && l.score !== null)
    return w.plain(
      `${l.remark ? `${l.remark.replace(/[。；]$/, '')}，` : ''}${w.fmt.placeholder(`${c.evidence(l).awaits}及本项得分（自评${w.fmt.points(l.score)}分）`)}`
    );
  if (l.own)
    return l.score === null
      ? waiting(c, l)
      : l.score.gte(l.line.points)
        ? fullMarks(c, l)
        : w.plain(
            `单位自评${w.fmt.points(l.score)}分，扣${w.fmt.points(l.line.points.minus(l.score))}分：${
              l.remark ? l.remark.replace(/[。；]$/, '') : w.fmt.placeholder(`${l.line.level3}扣分的主要原因`)
            }`
          );
  // A score in doubt is not stated, nor what it lost: the 得分 cell's 【待核对】 says what the figures give (a count a
  // contradicted task decides: what each reading gives).
  const lost =
    scoreInDoubt(c, l) || taskDoubt(c, l)
      ? l.line.points.minus(l.line.points)
      : l.line.points.minus(l.score!);
  const basis = l.againstClaim ? '按评分标准' : '';
  const ind = l.line.indicator ? c.indicators.find((x) => x.id === l.line.indicator) : undefined;
  const parts: Piece[] = [];
  // Full marks: the value says enough; points lost: the value and why, in words.
  if (ind?.value != null)
    parts.push(
      lost.gt(0)
        ? briefly(lineFact(c, l) ?? w.plain(ind.label))
        : w.say`${ind.label}为${lineRate(c, l, ind, ind.value)}`
    );
  else if (l.remark) parts.push(w.plain(l.remark.replace(/[。；]$/, '')));
  else if (lost.gt(0)) {
    // A qualitative line without its 说明: the cause as 八 gives it (the unit's own, else its 【待补】).
    const problem = c.problems.find((p) => p.lines.includes(l));
    const cause = problem?.causes[0];
    parts.push(
      cause
        ? w.plain(cause.text.replace(/[。；]$/, ''), cause.sources)
        : problem?.own?.heading
          ? w.plain(problem.own.heading)
          : w.plain(lostReason(c, l)?.text ?? w.fmt.placeholder(`${l.line.level3}扣分的主要原因`))
    );
  } else return fullMarks(c, l);
  // A score in doubt: what its 得分 cell's figures lose (this year's where the listed are another year's).
  const year = thisYearScore(c, l);
  const [by, given] = year ? [`按${year.year}年数据`, year.score] : ['按所列数据', l.score];
  const doubtLost = given !== null && lost.isZero() ? l.line.points.minus(given) : lost;
  if (lost.gt(0)) parts.push(w.plain(`${basis}扣${w.fmt.points(lost)}分`));
  // The unit's own score is to fill, so what it loses is too: the figures' reading goes inside the placeholder.
  else if (doubtLost.gt(0))
    parts.push(w.plain(w.fmt.placeholder(`扣分（${by}扣${w.fmt.points(doubtLost)}分）`)));
  return w.join(parts, '，');
}

/**
 * A line without a figure the unit gave full marks: its basis alone (the 得分 cell beside it says the score, and the
 * table is the department's own): the unit's 说明, else where its 履职情况 says it, else what the basis is to be.
 */
function fullMarks(c: ReportContext, l: OwnLine): Piece {
  const { w } = c;
  const ev = c.evidence(l);
  if (l.remark) return w.plain(l.remark.replace(/[。；]$/, ''));
  // Evidence from its 履职情况: its first figure-bearing clause, as a cell has room for (a cross-reference to the
  // text is no basis); too long for a cell, nothing (the 得分 cell says full marks, 六 gives the evidence).
  if (ev.items.length) {
    const item = ev.items[0].text;
    return { ...item, text: evidenceClause(item.text) };
  }
  return w.plain(w.fmt.placeholder(ev.ask));
}

/** Past this many characters, a clause is no table cell's. */
const CELL_CLAUSE_MAX = 40;

/** The first clause of evidence that states a figure ("150余家组织入驻平台"), or "" where none is short enough. */
export function evidenceClause(text: string): string {
  const clauses = text.split(/[，。；]/).map((x) => x.trim());
  return clauses.find((x) => /\d/.test(x) && x.length <= CELL_CLAUSE_MAX) ?? '';
}

/**
 * A line the unit has not scored: what to fill in, highlighted as the preparer's to do
 * ("【待补：实际政府采购金额、政府采购预算数及本项得分】"); where only the score is to come, the unit's own 说明
 * alone (its 得分 cell asks for the score).
 */
function waiting(c: ReportContext, l: OwnLine): Piece {
  const { w } = c;
  const blanks = (l.line.missingInputs ?? []).map((o) => o.label.split('·').pop() ?? o.label);
  const remark = l.remark?.replace(/[。；]$/, '');
  if (blanks.length === 0 && remark) return w.plain(remark);
  // A line without a figure: its basis, as for full marks (its 得分 cell asks for the score, not the workbook's cell).
  if (!l.line.indicator) return fullMarks(c, l);
  const ask = w.fmt.placeholder(
    blanks.length ? `${[...new Set(blanks)].join('、')}及本项得分` : `本项自评得分${togetherNote(c, l)}`
  );
  // The department's own 说明 for the line stays beside what it is asked for.
  return w.plain(remark ? `${remark}；${ask}` : ask);
}

/** What a line the unit has yet to score makes with its 二级's other such lines, as 六 says it: "（两项合计4分）". */
function togetherNote(c: ReportContext, l: OwnLine): string {
  const together = togetherWords(c, l).replace(/^，/, '');
  return together ? `（${together}）` : '';
}

/** A line's 评分标准; a qualitative line's without what the 分值 column beside it says (定性指标, 0～3分). */
function standardWords({ w }: ReportContext, l: OwnLine): string {
  const words = w.fmt.words(l.line.standard);
  return l.line.indicator ? words : words.replace(/^定性指标[，,]/, '').replace(/（0～[\d.]+\s*分）$/, '');
}

/** A score computed from a figure in doubt: a marker in its cell, what the figures as listed give in the note. */
function doubtedScore(c: ReportContext, l: OwnLine): Piece {
  const { w } = c;
  // Another year's figures: the score waits for the department's own, beside what this year's give.
  const year = thisYearScore(c, l);
  if (year)
    return w.plain(w.fmt.placeholder(`自评得分（按${year.year}年数据计${w.fmt.points(year.score)}分）`));
  // Nothing the unit claimed to set it against: the score waits for the figures (one value is no 【待核对】).
  if (!claimSide(c, l)) return w.plain(w.fmt.placeholder(`按核对后的${doubtedNames(c, l)}评定`));
  // A score to fill, with what the figures as listed give beside it (as 六 asks it).
  return w.plain(w.fmt.placeholder(`自评得分（按所列数据计${w.fmt.points(l.score!)}分）`));
}

/**
 * A score the rules give where the department's claim for the 二级 says otherwise: a marker in its cell, and one
 * note for the 二级's such lines: "按评分标准计：实际完成率5.63分、完成及时率5.63分".
 */
function rulesScore(c: ReportContext, l: OwnLine): Piece {
  const { w, own } = c;
  const lines = own!.lines.filter(
    (x) =>
      x.againstClaim &&
      !scoreInDoubt(c, x) &&
      x.line.level1 === l.line.level1 &&
      x.line.level2 === l.line.level2
  );
  // The department's side first: its claim for the 二级, which the lines' scores by the rules do not reach.
  const k = l.claim;
  const claimed = k ? `自评${k.group}${w.fmt.points(k.score)}分，` : '';
  const doubt = `${claimed}按评分标准计：${lines.map((x) => `${x.line.level3}${w.fmt.points(x.score!)}分`).join('、')}`;
  return { ...w.plain(w.fmt.toCheck(doubt)), doubt };
}

/** 附件1: every line with its score as the department states it, then the total and, in its own row, the grade. */
export function appendix(c: ReportContext): { label: string; title: string; table: TableBlock } | null {
  const { w, own } = c;
  if (!own || own.lines.length === 0) return null;
  const rows: Array<Array<Piece | string>> = own.lines.map((l) => [
    l.line.level1,
    l.line.level2,
    l.line.level3,
    w.fmt.points(l.line.points),
    l.score === null
      ? w.fmt.placeholder(`自评得分${togetherNote(c, l)}`)
      : taskDoubt(c, l)?.cell
        ? w.fmt.placeholder(`自评得分（${taskDoubt(c, l)!.cell}）`)
        : awaitsMeasure(c, l) || againstOwnProblem(l)
          ? w.fmt.placeholder('自评得分')
          : scoreInDoubt(c, l)
            ? doubtedScore(c, l)
            : l.againstClaim
              ? claimSide(c, l)
                ? rulesScore(c, l)
                : // A 二级 scored as a whole: as in 六, the line waits for the department's own score.
                  w.fmt.placeholder(`自评得分（按评分标准计${w.fmt.points(l.score)}分）`)
              : scoreCell(l.score),
    standardWords(c, l),
    lineNote(c, l),
  ]);
  // 附件1 is read apart from the text: its total's remark goes with it.
  const stated = statedTotal(c, '各项得分核对后合计的总分');
  const total = stated.remark ? { ...w.plain(stated.cell), remarks: [stated.remark] } : stated.cell;
  const grade = stated.gradeCell;
  rows.push(
    ['合计', '', '', w.fmt.points(own.points), total, '', ''],
    ['综合绩效级别', '', '', '', grade, '', '']
  );
  const [table] = w.table(
    `${w.text('单位名称').text}${w.year().text}年度部门整体支出绩效评价指标评分表`,
    ['一级指标', '二级指标', '三级指标', '分值（分）', '得分（分）', '评分标准', '评分说明'],
    rows
  );
  return { label: '附件1', title: (table as TableBlock).caption, table: table as TableBlock };
}
