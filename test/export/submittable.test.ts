/**
 * The drafted report as its readers take it, on the sample department through the real engine:
 * the department's voice (its own scores, one total, one grade), only figures it stated, nothing
 * addressed to the preparer in the text it submits, 问题 that are performance problems, 附件1 in plain
 * words — and the 审核意见 with its 审核结论, every finding once. Judged as the rubric its readers use describes (the project keeps no copy of it; the tests assert its rules directly).
 */
import JSZip from 'jszip';
import { D } from '../../src/core/decimal';
import { evaluate } from '../../src/core/engine';
import { INPUTS } from '../../src/catalogue/inputs';
import { draftChecklist } from '../../src/core/checklist';
import {
  draftLines,
  draftRemarks,
  reportContext,
  sectionTitle,
  type ReportDraft,
  type TableBlock,
} from '../../src/core/narrative';
import { doubtedInputs, draftReview, reviewConclusion, reviewFacts } from '../../src/core/review';
import { rulebookFromModel } from '../../src/core/rulebook';
import { scoreAll } from '../../src/core/scoring';
import { verifyScores } from '../../src/core/verify';
import { inWords, nestQuotes, ranges, scanDocumentText, tightenSpaces } from '../../src/core/typography';
import { reportToDocx } from '../../src/export/docx';
import { qualifiedName } from '../../src/core/reportWords';
import { docxParagraphs } from '../helpers/engineDraft';
import { sampleModel, sampleReading, sampleValues } from '../helpers/sample';

/** The sample as the CLI evaluates it (checks, then one 无法核实 per line that cannot be scored). */
const evaluation = evaluate(sampleReading());
const input = {
  model: evaluation.model,
  indicators: evaluation.indicators,
  scores: evaluation.scores,
  findings: evaluation.findings,
};
const draft = evaluation.report;
const lines = draftLines(draft);

function sectionTexts(d: ReportDraft, id: string): string[] {
  return d.sections
    .filter((s) => s.id === id || s.id.startsWith(`${id}/`))
    .flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : [])));
}

function section(d: ReportDraft, id: string) {
  const s = d.sections.find((x) => x.id === id);
  if (!s) throw new Error(`no section ${id}`);
  return s;
}

/** A text without its highlighted placeholders: what remains once the yellow places are filled. */
const outsidePlaceholders = (s: string) => s.replace(/【待(?:补|核对)[^】]*】/g, '');

/** Every figure an input of the sample states, as the report writes amounts (2 decimals). */
function statedAmounts(): Set<string> {
  const m = sampleModel();
  const out = new Set<string>();
  for (const d of INPUTS) {
    if (d.type === 'scalar') {
      const v = m.num(d.name);
      if (v !== null) out.add(v.toFixed(2));
    } else
      for (const r of m.table(d.name).rows)
        for (const c of Object.values(r.cells))
          if (c && typeof c.value === 'object' && c.value !== null)
            out.add((c.value as ReturnType<typeof D>).toFixed(2));
  }
  return out;
}

describe('公文 typography', () => {
  test('no half-width spaces between Chinese and numbers; ranges with ～; nested quotes ‘’', () => {
    expect(tightenSpaces('扣 0.08 分，得分2.5分，CCTV13 新闻')).toBe('扣0.08分，得分2.5分，CCTV13新闻');
    expect(tightenSpaces('《中共中央 国务院关于》')).toBe('《中共中央 国务院关于》');
    expect(ranges('在“20%–30%（含）”档；2021-2025年度；0–3 分')).toBe(
      '在“20%～30%（含）”档；2021～2025年度；0～3 分'
    );
    expect(ranges('2021-12-31')).toBe('2021-12-31');
    expect(ranges('（4.00 + 1500.00 − 0.00 = 1504.00）')).toBe('（4.00 + 1500.00 − 0.00 = 1504.00）');
    expect(nestQuotes('按““三公”经费实际支出数”计算')).toBe('按“‘三公’经费实际支出数”计算');
    expect(nestQuotes('不成对“的引号')).toBe('不成对“的引号');
  });

  test('rules in words: no formula signs, no software instructions', () => {
    expect(inWords('定性指标，按评价要点打分（0–3 分），得分填入“自评打分”表')).toBe(
      '定性指标，按评价要点打分（0～3分）'
    );
    expect(inWords('得分 = 7.5 × 指标值，最高 7.5 分')).toBe('按指标值与满分7.5分的乘积计分，最高7.5分');
    expect(inWords('以 100% 为标准，≤100% 计 1.5 分')).toBe('以100%为标准，不超过100%计1.5分');
  });
});

describe('the voice: the department states its own scores, one total and one grade', () => {
  test('no 核实得分, 待核实 or grade range anywhere in the report; one grade', () => {
    for (const l of lines) {
      expect(l).not.toMatch(/核实得分|待核实|自报/);
      expect(l).not.toMatch(/[优良中差]～[优良中差]/);
    }
    // The unit's own total (97 in its 自评打分) grades it 优; its lines as the report scores them from the listed
    // figures give 87.64, 良, so 七's sentence, 七's table and 附件1's row state neither: one 【待补】 for the grade to
    // enter (never a range, never two grades), both in the remark to the preparer.
    const graded = lines.filter((l) => l.includes('综合绩效级别'));
    expect(graded).toHaveLength(3);
    for (const l of graded) expect(l).toMatch(/综合绩效级别(为|｜+)【待补：按总分确定的级别】/);
    expect(lines.some((l) => /综合绩效级别[为｜“]*[优良中差]/.test(l))).toBe(false);
  });

  test('the scores the 审核意见 corrects are the ones the report states: each 二级, 一级 and the total as the unit claimed', () => {
    // 自评打分 holds claims per 二级 and 一级 and a total, no line scores: 预算执行 11, 产出 29, total 97. Where its own
    // line scores do not add up to a claim, the report states one score, a 【待补】 naming the lines to settle; the
    // claim and the lines' sum go to the preparer (remarks): each line as the report's own paragraph scores it from
    // the figures it lists, a line without data at the unit's own claim (not the 审核意见's ceiling): 预算执行 1.92 +
    // 0.8 + 2 + 0.41 + “三公” 2 + 政府采购执行率 1 (预算执行 claimed in full) = 8.13; 职责履行 5.63 + 5.63 + 3.75 + 7.5 =
    // 22.51; 过程 8.13 + 13 + 6 = 27.13; in all 9 + 27.13 + 22.51 + 29 = 87.64.
    const analysis = lines.join('\n');
    expect(analysis).toContain(
      '预算执行（满分11分，得分【待补：核对预算完成率、预算调整率等3项得分后的预算执行得分】）'
    );
    expect(analysis).toContain(
      '职责履行（满分30分，得分【待补：核对实际完成率、完成及时率等3项得分后的职责履行得分】）'
    );
    expect(analysis).toContain(
      '小结：“产出情况”维度，满分30分，实际得分【待补：核对实际完成率、完成及时率等3项得分后的产出得分】。'
    );
    expect(analysis).toContain(
      '小结：“过程情况”维度，满分30分，实际得分【待补：核对预算完成率、预算调整率等3项得分后的过程得分】。'
    );
    const remarks = draftRemarks(draft);
    expect(remarks).toEqual(
      expect.arrayContaining([
        '得分待定：预算执行自评11分，按评分规则至多9.41分（按所列数据计8.13分：预算完成率1.92分、预算调整率0.8分、公用经费控制率0.41分）；请核对这些指标的数据和得分，改正自评得分后重新生成报告。',
        '得分待定：产出自评29分，按所列数据计22.51分（实际完成率5.63分、完成及时率5.63分、质量达标率3.75分）；请核对这些指标的数据和得分，改正自评得分后重新生成报告。',
      ])
    );
    // No score in the text is two values ("29分或22.51分"), nor a claim against what the lines give.
    expect(analysis).not.toMatch(/分或[\d.]+分|【待核对：自评[\d.]+分，按所列数据计/);
    expect(analysis).toContain(
      '小结：“投入情况”维度，满分10分，实际得分【待补：预算编制合理性评定后的投入得分（自评9分）】。'
    );
    // 七 states one total and one grade: the total, the grade, 过程 and 产出 are each one 【待补】 saying what to enter;
    // 效果 waits for the unit's own score (【待补】). The figures go to the preparer beside it.
    expect(lines).toContainEqual(
      '2021年度部门整体支出绩效评价自评得分为【待补：按附件1核对后的总分】。其中，投入【待补：预算编制合理性评定后的投入得分（自评9分）】，过程【待补：核对预算完成率、预算调整率等3项得分后的过程得分】，产出【待补：核对实际完成率、完成及时率等3项得分后的产出得分】，效果【待补：服务对象满意度评定后的效果得分（自评29分）】，综合绩效级别为【待补：按总分确定的级别】（绩效评价指标评分表详见附件1）。'
    );
    const conclusion = section(draft, '评价结论').blocks[0];
    expect(conclusion.remarks).toEqual([
      '得分待定：自评总分97分（“优”），按所列数据计87.64分（“良”）（过程自评30分、按所列数据计27.13分，产出自评29分、按所列数据计22.51分）；请按附件1核对各项得分，改正自评得分后重新生成报告。',
    ]);
    // 七's table: the same 【待补】 in each cell (without its row's name), no note under it.
    const table = draft.sections
      .flatMap((s) => s.blocks)
      .find((b) => b.kind === 'table' && b.caption.endsWith('得分情况表')) as TableBlock;
    expect(table.rows.map((r) => r[2])).toEqual([
      // 投入 holds 预算编制合理性's full marks its own 存在问题 speaks against: the unit's to settle, nothing disputed.
      '【待补：预算编制合理性评定后的得分（自评9分）】',
      '【待补：核对预算完成率、预算调整率等3项得分后的得分】',
      '【待补：核对实际完成率、完成及时率等3项得分后的得分】',
      // 效果 holds 服务对象满意度's 10, which waits on the survey rate: the unit's score to enter, nothing disputed.
      '【待补：服务对象满意度评定后的得分（自评29分）】',
      '【待补：按附件1核对后的总分】',
      '【待补：按总分确定的级别】',
    ]);
    expect(table.notes).toBeUndefined();
    const memo = draftLines(draftReview(input)).join('');
    const claims = [...memo.matchAll(/自评(\d+(?:\.\d+)?)分/g)].map((m) => m[1]);
    // 预算执行's 11 is within the most its lines can give (11) once 公用经费控制率 is 待核实: the memo corrects 29 and 97.
    expect(claims).toEqual(expect.arrayContaining(['29', '97']));
    // The claims the memo corrects: the report states them, or, where the lines do not give them, tells the preparer.
    for (const x of claims)
      expect(`${analysis}${remarks.join('')}`).toMatch(
        new RegExp(`(得分为?|自评(总分)?)${x.replace('.', '\\.')}分`)
      );
    const total = draft.appendix!.table.rows.find((r) => r[0] === '合计')![4];
    expect(total).toBe('【待补：各项得分核对后合计的总分】');
    expect(draft.appendix!.table.remarks).toContain(conclusion.remarks![0]);
  });

  test('a line score of the rules is not the department’s where its 二级 claim says otherwise; one it agrees with stands', () => {
    // 职责履行 is claimed at 29 of 30 as a whole: 5.63 + 5.63 + 3.75 + 7.5 = 22.51 ≠ 29, so 5.63, 5.63, 3.75
    // cannot be the unit's; 重点工作办结率 7.5 and “三公”经费控制率 2 can, and stand. 公用经费控制率 0.41 and 预算完成率
    // 1.92 are computed from figures in doubt (V1, V2): what the figures as listed give, not the rules' score.
    const text = lines.join('\n');
    // Every score 六 cannot state has one shape: the unit's own to enter, what the figures as listed give beside it
    // (公用经费控制率's 45.07 is in doubt).
    expect(text).toMatch(
      /公用经费控制率：[^\n]*本项得分【待补：本项自评得分；按所列公用经费决算数计0\.41分】。/
    );
    // 预算完成率's figures are 2020's: the score the department gives waits (【待补】), with what 2021's give
    // (4.04 + 700.99 + 492.06 − 0 against 1197.09: 100.00%, full marks), not the listed figures' 1.92.
    expect(text).toMatch(
      /预算完成率：[^\n]*本项得分【待补：本项自评得分；按2021年数据预算完成率为100\.00%，计2分】。/
    );
    // 职责履行 is scored as a whole (29): each line waits for the department's own score, the rules' beside it;
    // the department does not speak of itself as 单位.
    for (const [name, score] of [['质量达标率', '3\\.75']])
      expect(text).toMatch(
        new RegExp(`${name}：[^\n]*本项得分【待补：本项自评得分；按评分标准计${score}分】。`)
      );
    // Task ④ is marked 已完成 while its 说明 says it failed: the points by each reading (7.5 × 50% = 3.75).
    for (const [name, column] of [
      ['实际完成率', '是否完成'],
      ['完成及时率', '是否按时'],
    ])
      expect(text).toMatch(
        new RegExp(
          `${name}：[^\n]*本项得分【待补：本项自评得分；按“${column}”列计5\\.63分，如任务④未完成计3\\.75分】。`
        )
      );
    expect(text).not.toContain('单位未逐项自评');
    expect(text).not.toMatch(/本项得(5\.63|3\.75|0\.41|1\.92)分/);
    expect(text).toMatch(/重点工作办结率：[^\n]*本项得满分。/);
    expect(text).toMatch(/“三公”经费控制率：[^\n]*本项得满分。/);
    // 八 states the figures of those lines, not the rules' deduction.
    expect(text).toContain(
      '实际完成率为【待核对：按“是否完成”列为75.00%；如任务④未完成为50.00%】；完成及时率为【待核对：按“是否按时”列为75.00%；如任务④未完成为50.00%】；质量达标率为50.00%。'
    );
    // 公用经费决算数 45.07 is 财拨 日常公用经费's copy, which a failed identity doubts: the rate waits too, by each
    // value (96.15 − 5.33 = 90.82 the identity's).
    expect(text).toContain('公用经费控制率为【待核对：按45.07万元计为107.93%，按90.82万元计为217.48%】。');
    // 附件1 as 六: the score cell waits for the department's own, the rules' beside it; 评分说明 says what the rules
    // deduct, as the rules'. No note speaks of the 二级's claim in the rules' name.
    const rows = draft.appendix!.table.rows;
    const cell = rows.find((r) => r[2] === '质量达标率')!;
    expect(cell[4]).toBe('【待补：自评得分（按评分标准计3.75分）】');
    expect(cell[6]).toBe('质量达标率为50.00%，部分工作任务质量未达预期，按评分标准扣3.75分');
    expect((draft.appendix!.table.notes ?? []).join('')).not.toContain('职责履行');
    expect(rows.find((r) => r[2] === '重点工作办结率')![4]).toBe('7.50');
  });

  test('a line its 二级 claims in full has full marks; a formula line with blank inputs is 【待补】; a line the unit scored keeps its score', () => {
    const rows = draft.appendix!.table.rows;
    // 资产管理 is claimed 6 in full, its lines not at all: their full marks would be our inference, not the
    // department's score. Each waits for one (the three make 6), its basis beside it, as in 六.
    for (const name of ['管理制度健全性', '资产管理安全性'])
      expect(rows.find((r) => r[1] === '资产管理' && r[2] === name)?.slice(4)).toEqual([
        '【待补：自评得分（三项合计6分）】',
        '按评价要点打分',
        name === '资产管理安全性'
          ? '【待补：资产保存、账实相符和处置情况】'
          : '【待补：已建立的资产管理制度及执行情况】',
      ]);
    expect(lines).toContain(
      '②资产管理安全性：【待补：资产保存、账实相符和处置情况】。本项得分【待补：资产管理安全性的自评得分（0～2分，三项合计6分）】。'
    );
    expect(lines.some((l) => /资产管理安全性[^。]*。本项得满分/.test(l))).toBe(false);
    // 预算编制合理性's full marks by its 二级's claim meet its own 存在问题 (人员经费年初预算资金存在缺口): no figures
    // disagree, the unit scores it (or says why the problem costs nothing): a 【待补】.
    expect(rows.find((r) => r[2] === '预算编制合理性')?.[4]).toBe('【待补：自评得分】');
    expect(rows.find((r) => r[2] === '政府采购执行率')?.[4]).toBe('【待补：自评得分】');
    expect(rows.find((r) => r[2] === '固定资产利用率')?.[4]).toBe('【待补：自评得分（三项合计6分）】');
    expect(lines.some((l) => /政府采购执行率[^。]*得满分/.test(l))).toBe(false);
    // A score the unit wrote for the line itself is its own (two decimals in the column); a formula line with
    // blank inputs stays 【待补】 even when its 二级 is claimed in full.
    const scored = evaluate(
      sampleReading({
        自评得分表: [
          ['目标设定', 5, null],
          ['预算配置', 4, null],
          ['预算执行', 11, null],
          ['预算管理', 13, null],
          ['资产管理安全性', 2, '账实相符'],
          ['固定资产利用率', 2, null],
        ],
      })
    ).report.appendix!.table.rows;
    expect(scored.find((r) => r[2] === '资产管理安全性')?.[4]).toBe('2.00');
    expect(scored.find((r) => r[2] === '固定资产利用率')?.[4]).toBe('【待补：自评得分】');
  });

  test('a line the department has not scored: a 【待补】 saying what to enter, and the total waits for it', () => {
    // Without the 资产管理 claim, its two qualitative lines have no score at all.
    const e = evaluate(
      sampleReading({
        自评得分表: [
          ['目标设定', 5, null],
          ['预算配置', 4, null],
          ['预算执行', 11, null],
          ['预算管理', 13, null],
          ['固定资产利用率', 2, null],
        ],
      })
    );
    const all = draftLines(e.report);
    expect(all.some((l) => l.includes('管理制度健全性：'))).toBe(true);
    expect(all.some((l) => l.includes('【待补：资产管理安全性的自评得分（0～2分）】'))).toBe(true);
    const conclusion = all.find((l) => l.startsWith('2021年度部门整体支出绩效评价自评得分为'))!;
    expect(conclusion).toContain('【待补：补填');
    expect(conclusion).toContain('综合绩效级别为【待补：绩效级别】');
    expect(conclusion).not.toMatch(/\d+(\.\d+)?分。其中/);
  });
});

describe('the figures: only what the department stated', () => {
  test('every amount outside a placeholder is one the workbook states (an input, or a figure two sources agree on)', () => {
    const stated = statedAmounts();
    const amounts = lines.flatMap((l) =>
      [...outsidePlaceholders(l).matchAll(/(\d+\.\d\d)万元/g)].map((m) => m[1])
    );
    // (36: 公用经费决算数 45.07 is in its 【待核对】, a copy of a figure in doubt; so are 收支总表's 基本、项目、人员、
    // 公用 totals, each of a failed 部门 = 财拨 + 其他资金 sum.)
    expect(amounts.length).toBeGreaterThanOrEqual(36);
    expect(amounts.filter((a) => !stated.has(a))).toEqual([]);
  });

  test('a rate or score computed from a figure in doubt is 【待核对】; a score the dispute cannot move is stated', () => {
    const text = lines.join('');
    // 21 or 20 staff against 23 posts: the rate waits for the figure, the full marks do not.
    // By each value: 21 ÷ 23 = 91.30%, 20 ÷ 23 = 86.96%.
    expect(text).toContain(
      '在职人员控制率为【待核对：按21人计为91.30%，按20人计为86.96%】，在职人数未超过编制数'
    );
    expect(text).toMatch(
      /在职人员控制率为【待核对：按21人计为91\.30%，按20人计为86\.96%】[^。]*。本项得满分。/
    );
    // 预算调整率 from 2020 figures: the figures, the rate and the score wait, in 六, 八 and 附件1 alike.
    // Each names the 2021 figure the 审核意见 compares it with (二（二）): 654.62 as 二（三） corrects it, 492.06.
    expect(text).toContain(
      '年中预算调整数【待核对：142.77万元为2020年数据，2021年数据可对照财政拨款表按调整后预算减年初批复预算计的492.06万元】'
    );
    // Its other 2020 figure says so again: a 【待核对】 always names what it is about.
    expect(text).toContain(
      '年初批复预算【待核对：596.03万元为2020年数据，2021年数据可对照财政拨款表700.99万元】'
    );
    // The rate by the figures listed, and at the 2021 figures the 审核意见 gives (492.06 ÷ 700.99 = 70.20%, the
    // blank 其中 line read as 0, as the memo says).
    expect(text).toContain(
      '预算调整率为【待核对：按所列数据计为23.95%，按2021年数据计为70.20%（落实国家政策、不可抗力、上级交办的调整未填列，按0计）】。本项得分【待补：本项自评得分；按2021年数据预算调整率为70.20%，计0分（落实国家政策、不可抗力、上级交办的调整按0计）】。'
    );
    // 八: the rate waits, in full again; where the unit claims 预算执行 in full, the points lost are its to enter,
    // with what this year's figures give (70.20% → 0 of 2).
    expect(text).toContain(
      '（三）预算编制的准确性有待提高预算调整率为【待核对：按所列数据计为23.95%，按2021年数据计为70.20%（落实国家政策、不可抗力、上级交办的调整未填列，按0计）】，【待补：扣分（按2021年数据扣2分）】。'
    );
    const row = draft.appendix!.table.rows.find((r) => r[2] === '预算调整率')!;
    // 附件1: the score the department gives waits, beside what 2021's figures give; the listed figures' 0.8 is not
    // a note of its own.
    expect(row[4]).toBe('【待补：自评得分（按2021年数据计0分）】');
    expect(row[6]).not.toMatch(/扣1\.2分/);
    expect((draft.appendix!.table.notes ?? []).join('')).not.toMatch(/预算调整率|预算完成率/);
    expect(outsidePlaceholders(text)).not.toMatch(/91\.30%|23\.95%|扣1\.2分/);
  });

  test('四（二） states 其他资金 项目支出 as the 153.20 the department stated, never a sum put in its place; a figure two sources agree on is plain, each other figure of a failed identity is in its 【待核对】', () => {
    expect(sectionTexts(draft, '其他资金.支出')).toEqual([
      // 158.53 is 收支总表's 其他资金支出 too: stated plainly. Each of the others names its value and the identity it
      // is party to, in full the first time: 日常公用经费 5.33's identity (收支总表 96.15, the parts 50.40) was named in
      // full in 三（二） above; what the identity needs of it (96.15 − 45.07 = 51.08) is no value to offer: 45.07 is
      // itself in doubt, and 51.08 would widen the 人员经费 identity 5.33 is also in (382.14 ≠ 348.16 + 158.53 − 153.20
      // − 5.33), so the identity's two sides again. 项目支出 153.20's is named here first.
      '2021年度其他资金支出158.53万元，其中：日常公用经费【待核对：5.33万元；部门日常公用经费为96.15万元，财政拨款、其他资金日常公用经费之和为50.40万元】、项目支出【待核对：153.20万元；部门项目支出为877.32万元，财政拨款、其他资金项目支出之和为871.99万元】。',
    ]);
    // No 【待核对】 anywhere names nothing: in the text each says what it is about; in a table it is numbered, with a note.
    expect(draftLines(draft).join('')).not.toContain('【待核对】');
    // 871.99 (财政拨款 718.79 + 其他资金 153.20) is only ever named as a sum beside the 877.32 it disagrees with.
    for (const l of lines) expect(outsidePlaceholders(l)).not.toContain('871.99');
  });

  test('三’s 财政拨款 table: a 合计 the data settle states the figure two sources agree on, as 二 does, the preparer told to correct the table; the other side of an unsettled dispute is in doubt as in the text', () => {
    const [first] = sectionTexts(draft, '一般公共预算');
    expect(first).toBe('2021年度一般公共预算财政拨款收支及结转结余情况如下：');
    const table = section(draft, '一般公共预算').blocks.find((b) => b.kind === 'table')!;
    if (table.kind !== 'table') throw new Error('no table');
    // 780.19 and 836.79 are 2020's (60.64 + 780.19 − 836.79 = 4.04, 2020's end); 收支总表 and the parts agree on
    // 1193.05 (478.29 + 714.76) and 1197.09 (4.04 + 1193.05 − 0.00), which 二（一）/（二） state: the table states
    // them too, plainly, with no note; the remark tells the preparer to correct the table.
    expect(table.rows.find((r) => r[0] === '本年收入')![3]).toBe('1193.05');
    const spending = table.rows.find((r) => r[0] === '本年支出')!;
    expect(spending[3]).toBe('1197.09');
    expect((table.notes ?? []).join('')).not.toMatch(/780\.19|836\.79|2020年数/);
    // 本年支出 基本支出 478.29 is the other side of 财政拨款表's 基本支出 393.23, which the data do not settle and
    // 三（二）1 states in a 【待核对】: the cell is in doubt too, with the same two figures in its note.
    expect(spending[1]).toMatch(/^【待核对([①-⑳])】$/);
    const n = /([①-⑳])/.exec(spending[1])![1];
    // Both figures are 财政拨款表's: each named by the part of the table it is in (支出明细, 收支部分).
    expect(table.notes).toContain(
      `【待核对${n}：支出明细基本支出为393.23万元，收支部分本年支出中基本支出为478.29万元】`
    );
    expect(lines.join('\n')).toContain(
      '基本支出【待核对：393.23万元（财政拨款表支出明细基本支出）；收支部分本年支出中基本支出为478.29万元】'
    );
    for (const l of lines)
      // (调整后预算 1193.05 = 478.29 + 714.76 is the department's own figure, two sources agreeing.)
      expect(outsidePlaceholders(l)).not.toMatch(
        /780\.19|836\.79|(?<!调整后的预算为)1193\.05万元，其中|1197\.09万元，按/
      );
    expect(draftRemarks(draft)).toEqual(
      expect.arrayContaining([
        '财政拨款收支表本年收入合计填列780.19万元；收支总表一般公共预算财政拨款收入为1193.05万元，与基本支出、项目支出之和一致。报送前请将财政拨款收支表本年收入合计更正为1193.05万元，并重新生成报告。',
      ])
    );
  });

  test('where the data show which figure is right but a rate is computed from the stated one, both stay 【待核对】 and the preparer is told which to keep', () => {
    // 上年结转 61.55 feeds 预算完成率 (99.52% is computed from it): stating 4.04 beside that rate would contradict it.
    expect(
      lines.some((l) => l.includes('上年结转【待核对：61.55万元；收支总表年初结转和结余为4.04万元】'))
    ).toBe(true);
    // The same correction the 审核意见, the pane and the cell note give: 收支总表 4.04.
    expect(draftRemarks(draft)).toEqual(
      expect.arrayContaining([
        // The 4.04 is corroborated by the parts of its grid, never by a total that reads as itself.
        '绩效评价基础数据表上年结转填列61.55万元；收支总表年初结转和结余为4.04万元，与一般公共预算财政拨款4.04 + 其他资金0.00之和一致。报送前请将绩效评价基础数据表上年结转更正为4.04万元，并重新生成报告。',
      ])
    );
  });

  test('where the sources disagree and none is agreed, a 【待核对】 names both and stands in the figure’s place', () => {
    const spending = sectionTexts(draft, '整体收支.支出').find((t) => t.includes('按支出经济分类'))!;
    expect(spending).toContain(
      // The figure the sentence states leads, then what the other source gives. (收支总表's 项目支出 877.32 is now
      // plain: its own table's sums hold and only the 部门 = 财拨 + 其他资金 sums dispute it, src/core/doubt.ts.)
      '商品和服务支出【待核对：955.78万元，大于财政拨款表商品和服务支出、其他资金表本年支出之和645.26万元】'
    );
    expect(outsidePlaceholders(spending)).not.toContain('955.78');
    // A stated rate its recomputation contradicts: both, and no judgement of either.
    // Its figures are 2020's: at the 2021 figures the 审核意见 gives, (4.04 + 700.99 + 492.06 − 0.00) ÷ 1197.09 = 100.00%;
    // 结转结余变动率's (0.00 − 4.04) ÷ 4.04 = −100.00%.
    expect(
      lines.some((l) =>
        l.includes('预算完成率为【待核对：所列99.59%，按所列数据计为99.52%，按2021年数据计为100.00%】。')
      )
    ).toBe(true);
    expect(
      lines.some((l) =>
        l.includes(
          '结转结余变动率为【待核对：所列93.33%，按所列数据计为负93.34%，按2021年数据计为负100.00%】'
        )
      )
    ).toBe(true);
  });

  test('a 【待核对】 in a table is a short marker in the cell, its words naming both sources in a note under the table, never "或"', () => {
    const table = section(draft, '一般公共预算.支出/项目支出').blocks.find((b) => b.kind === 'table')!;
    if (table.kind !== 'table') throw new Error('no table');
    const total = table.rows.find((r) => r[1].startsWith('合计'))!;
    expect(total[3]).toMatch(/^【待核对[①-⑳]】$/);
    // 预算总额合计 714.76 is 财政拨款表's 调整后预算 项目支出 too: the doubt stays on the 年中追加 beside it.
    expect(total[4]).toBe('714.76');
    expect(table.notes!.join('')).toContain(
      // Under its own table a figure of it needs no table name; another table's figure keeps it.
      '：年中追加预算数合计为338.76万元，财政拨款表年中追加中项目支出为471.32万元；按预算总额714.76 − 年初预算数406.00计为308.76万元】'
    );
    expect(table.notes!.join('')).not.toContain('预算总额合计为714.76万元');
    // A sub-item's 决算数 is party to the 科普经费 sum that fails: its row carries the marker, the figure stays.
    const row = table.rows.find((r) => r[1].includes('科学普及工作'))!;
    expect(row[1]).toMatch(/\n【待核对[①-⑳]+】$/);
    expect(row[5]).toBe('52.35');
    expect(lines.join('')).not.toMatch(/【待核对：[\d.]+或[\d.]+】/);
  });

  test('figures a 口径 提示 questions that add up to another year’s total are that year’s: no reason is asked for', () => {
    // 基础数据 年初预算 661.64 + 本年追加预算 118.55 = 780.19, 财政拨款表's 本年收入合计, which is 2020's (60.64 +
    // 780.19 − 836.79 = 4.04, 2020's end): 2020 figures, 2021's to compare with 财政拨款表 700.99 and 654.62 as the
    // 审核意见 corrects it (二（三）): 492.06. Not a 口径 difference the unit would explain.
    const text = lines.join('');
    expect(text).toContain(
      '年初预算【待核对：661.64万元为2020年数据，2021年数据可对照财政拨款表700.99万元】、本年追加预算【待核对：118.55万元为2020年数据，2021年数据可对照财政拨款表改正后的492.06万元】'
    );
    expect(text).not.toContain('与财政拨款表700.99万元不同的原因');
    const explained = draftLines(
      evaluate(sampleReading({ 出错说明表: [['same.预算完成年初预算', null, '年初预算含上年结转项目资金']] }))
        .report
    ).join('');
    expect(explained).toContain('年初预算【待核对：661.64万元为2020年数据');
  });

  test('no sentence states a balance that does not hold: 年初 + 收入 − 支出 = 年末', () => {
    const re =
      /年初结转和结余(-?[\d.]+)万元(?:【待核对[^】]*】)?，本年收入(-?[\d.]+)万元(?:【待核对[^】]*】)?，本年支出(-?[\d.]+)万元(?:【待核对[^】]*】)?，年末结转和结余(-?[\d.]+)万元(【待核对)?/;
    const stated = lines.map((l) => re.exec(l)).filter((m): m is RegExpExecArray => m !== null);
    // 三's grid is in doubt (its table states it); 四's sentence remains.
    expect(stated.length).toBeGreaterThanOrEqual(1);
    for (const m of stated) {
      if (m[5]) continue;
      const [open, inc, exp, close] = m.slice(1, 5).map((x) => D(x));
      expect(open.plus(inc).minus(exp).minus(close).abs().toNumber()).toBeLessThanOrEqual(0.02);
    }
  });
});

describe('the Word text: nothing for the preparer outside a highlighted placeholder', () => {
  let xml = '';
  let comments = '';
  let paragraphs: string[] = [];
  beforeAll(async () => {
    const zip = await JSZip.loadAsync(await reportToDocx(draft, input.scores));
    xml = await zip.file('word/document.xml')!.async('string');
    comments = (await zip.file('word/comments.xml')?.async('string')) ?? '';
    paragraphs = docxParagraphs(xml);
  });

  test('document.xml: no 请核实, 本报告按 or 核对 in any run that is not highlighted', () => {
    const runs = [...xml.matchAll(/<w:r>(<w:rPr>[\s\S]*?<\/w:rPr>)?<w:t[^>]*>([^<]*)<\/w:t><\/w:r>/g)];
    expect(runs.length).toBeGreaterThan(500);
    const plain = runs
      .filter((r) => !(r[1] ?? '').includes('<w:highlight w:val="yellow"/>'))
      .map((r) => r[2]);
    const bad = plain.filter((t) => /请核实|本报告按|核对|请统一更正|数据说明/.test(t));
    expect(bad).toEqual([]);
    // Every placeholder is highlighted: whoever fills only the yellow places ends with a clean report.
    for (const r of runs) if (/【待/.test(r[2])) expect(r[1]).toContain('<w:highlight w:val="yellow"/>');
  });

  test('the remarks for the preparer are Word comments; with --checklist they leave the document', async () => {
    expect(comments).toContain('报送前请处理：财政拨款收支表本年收入合计填列780.19万元');
    const clean = await JSZip.loadAsync(await reportToDocx(draft, input.scores, { remarks: 'checklist' }));
    expect(clean.file('word/comments.xml')).toBeNull();
    const checklist = draftLines(draftChecklist(input, draft));
    expect(checklist[0]).toBe('衡阳市科学技术协会2021年度部门整体支出绩效自评报告报送前核对清单');
    expect(checklist.some((l) => l.includes('由780.19万元改为1193.05万元（财政拨款!D7）'))).toBe(true);
    // Each placeholder of the report, with where it stands.
    expect(checklist.some((l) => /【待补：该通知的文号】（开头）/.test(l))).toBe(true);
    expect(checklist.some((l) => l.includes('【待核对：所列99.59%') && l.includes('六'))).toBe(true);
    // A place is the heading's number and name, without its score in brackets (a placeholder nesting brackets).
    expect(checklist.some((l) => /】（六（二）2\.预算管理；附件1“[^”]+”行）/.test(l))).toBe(true);
    expect(checklist.filter((l) => l.includes('得分【待补'))).toEqual([]);
    // The scores the report leaves to settle: the claim and what the lines give, under a heading of their own, not
    // among the figures to correct.
    const scores = checklist.indexOf('三、报告中待定的得分（自评得分与按所列数据计不一致）');
    expect(scores).toBeGreaterThan(0);
    // Where points of the group wait, the limit is the 审核意见's: 不超过7.41分, 9.41 where the blank 其中 line of
    // 落实国家政策等调整 is filled; the listed figures' sum what it rests on. 过程: 7.41 + 13 + 6 = 26.41 (or 28.41).
    expect(checklist[scores + 1]).toBe(
      '1.预算执行自评11分，按评分规则至多7.41分（列报落实国家政策等调整的，至多9.41分；按所列数据计8.13分：预算完成率1.92分、预算调整率0.8分、公用经费控制率0.41分）；请核对这些指标的数据和得分，改正自评得分后重新生成报告。'
    );
    expect(checklist[scores + 2]).toMatch(
      /^2\.过程自评30分，按评分规则至多26\.41分（列报落实国家政策等调整的，至多28\.41分；按所列数据计27\.13分：/
    );
    // 产出 has nothing pending: its 22.51 is the rules' and the memo's, as the report words it; its only 二级
    // (职责履行, the same 29 against 22.51) is the same item.
    expect(checklist).toContainEqual(
      expect.stringMatching(
        /^\d\.产出（其下仅职责履行一项，得分相同）自评29分，按所列数据计22\.51分（实际完成率/
      )
    );
    expect(checklist.filter((l) => /^\d+\.职责履行自评/.test(l))).toEqual([]);
    // The opening: the workbook first (its real part number), then the yellow places, then send.
    expect(checklist[1]).toBe(
      '先按第六部分改正工作簿中的数据并重新生成报告，再逐一补填或确定报告中黄色标注处；全部处理完毕后，报告即可报送。本清单不随报告报送。'
    );
    expect(checklist).toContain('六、工作簿数据核对发现的问题');
    // The total's limit is the 审核意见's page 1 (核实后至多86.92分), not 87.64 from figures the memo calls 2020's;
    // its groups' limits add up to it (9 + 26.41 + 22.51 + 29 = 86.92).
    expect(checklist).toContainEqual(
      expect.stringMatching(
        /^\d\.自评总分97分（“优”），按评分规则至多86\.92分（“良”；列报落实国家政策等调整的，至多88\.92分），其中过程自评30分、至多26\.41分（列报落实国家政策等调整的，至多28\.41分），产出自评29分、按所列数据计22\.51分；/
      )
    );
    expect(checklist.some((l) => l.includes('得分待定'))).toBe(false);
    expect(comments).toContain('得分待定：自评总分97分（“优”），按所列数据计87.64分（“良”）');
  });

  test('made-up claims: a 预算执行 claim within the 至多 keeps the listed figures’ wording; one above it takes the memo’s 至多', () => {
    const withClaim = (name: string, score: number) => {
      const rows = sampleValues()['自评得分表'] as Array<[string, number, string | null]>;
      const e = evaluate(
        sampleReading({ 自评得分表: rows.map((r) => (r[0] === name ? [r[0], score, r[2]] : r)) })
      );
      const i = { model: e.model, indicators: e.indicators, scores: e.scores, findings: e.findings };
      return draftLines(draftChecklist(i, e.report));
    };
    // 预算执行 claimed 9 (within 9.41, above the listed figures' 8.13, 政府采购执行率 blank at most what is left of the
    // claim): no limit of the rules to state, the remark as the report has it.
    const within = withClaim('预算执行', 9);
    expect(within).toContainEqual(
      expect.stringMatching(/^1\.预算执行自评9分，按所列数据计至多8\.13分（预算完成率/)
    );
    expect(within.join('')).not.toMatch(/预算执行自评9分，按评分规则至多/);
    // Claimed 10.5, still above 9.41: the 至多.
    expect(withClaim('预算执行', 10.5)).toContainEqual(
      expect.stringMatching(
        /^1\.预算执行自评10\.5分，按评分规则至多7\.41分（列报落实国家政策等调整的，至多9\.41分；按所列数据计(至多)?[\d.]+分：预算完成率1\.92分/
      )
    );
  });

  test('no formula signs, cell addresses, internal names, spaces beside digits, doubled quotes or signs for changes', () => {
    expect(paragraphs.length).toBeGreaterThan(200);
    expect(paragraphs.flatMap((p) => scanDocumentText(p))).toEqual([]);
  });

  test('the department’s in-sentence line breaks are not paragraphs', () => {
    expect(paragraphs.some((p) => p.includes('举办衡阳市2021年全国科普日系列活动'))).toBe(true);
  });

  test('公文 form: cover page, the notice and its 文号 as placeholders in the opening, 落款', () => {
    expect(draft.cover?.slice(0, 3)).toEqual(['衡阳市科学技术协会', '2021年度部门整体支出绩效', '自评报告']);
    expect(lines[1]).toContain(
      '按照《【待补：财政部门关于开展2021年度部门整体支出绩效评价工作的通知名称】》（【待补：该通知的文号】）的文件要求'
    );
    const appendixLines = draft.appendix!.table.rows.length + (draft.appendix!.table.notes ?? []).length + 1;
    expect(lines.slice(-2 - appendixLines, -appendixLines)).toEqual([
      '衡阳市科学技术协会',
      '【待补：报告日期】',
    ]);
    // The cover's date is the 落款's: the same placeholder, so the checklist lists it once, with both places.
    expect(draft.cover?.at(-1)).toBe('报送日期：【待补：报告日期】');
    const checklist = draftLines(draftChecklist(input, draft));
    expect(checklist.filter((l) => l.includes('【待补：报告日期】'))).toHaveLength(1);
    expect(checklist.filter((l) => /日期】/.test(l) && !l.includes('报告日期'))).toEqual([]);
  });

  test('重点工作办结率 names its tasks (those the 产出任务表 marks 重点), not only their count', () => {
    const output = sectionTexts(draft, '绩效分析/产出').find((t) => t.startsWith('④重点工作办结率：'))!;
    expect(output).toContain(
      '重点工作为承办2021年中国大数据科技传播与应用高峰论坛系列活动、争创“科创中国”试点城市。交办或下达数2'
    );
    // Made-up tasks: one 重点 not done is marked so; past six, five names and the count.
    const task = (name: string, done: string) => [name, null, done, done, done, '是', null];
    const seven = Array.from({ length: 7 }, (_, k) => task(`重点任务${k + 1}`, k === 0 ? '否' : '是'));
    const many = sectionTexts(evaluate(sampleReading({ 产出任务表: seven })).report, '绩效分析/产出').find(
      (t) => t.startsWith('④重点工作办结率：')
    )!;
    expect(many).toContain(
      '重点工作为重点任务1（未办结）、重点任务2、重点任务3、重点任务4、重点任务5等7项。'
    );
  });
});

describe('a qualitative deduction with no reason of the unit’s (made-up claim: 经济效益 1.5 of 2)', () => {
  test('one 【待补】 in 八, naming the line and the points; 六 refers to it; 附件1 the same words', () => {
    const rows = sampleValues()['自评得分表'] as Array<[string, number, string | null]>;
    const e = evaluate(
      sampleReading({ 自评得分表: rows.map((r) => (r[0] === '经济效益' ? [r[0], 1.5, r[2]] : r)) })
    );
    const draft = e.report!;
    const economic = sectionTexts(draft, '绩效分析/效果').find((t) => t.startsWith('①经济效益：'))!;
    expect(economic).toMatch(/本项得1\.5分，扣0\.5分，原因见“存在的主要问题”。$/);
    const problems = sectionTexts(draft, '存在问题').join('');
    expect(problems).toContain('主要原因：【待补：经济效益扣0.5分的原因】；【待补：社会效益扣1分的原因】。');
    const row = draft.appendix!.table.rows.find((r) => r[2] === '经济效益')!;
    expect(row[6]).toBe('【待补：经济效益扣0.5分的原因】，扣0.5分');
  });
});

describe('效果, 问题 and 附件1 with substance', () => {
  test('效果 lines cite what the department’s 履职情况 says was done, and how much, beside the score', () => {
    const effect = sectionTexts(draft, '绩效分析/效果');
    const economic = effect.find((t) => t.startsWith('①经济效益：'))!;
    expect(economic).toContain('围绕“努力推进创新驱动，‘科创中国’试点先行”');
    expect(economic).toMatch(/280余家/);
    expect(economic).toMatch(/本项得满分。$/);
    const social = effect.find((t) => t.startsWith('①社会效益：'))!;
    expect(social).toMatch(/\d+万人|\d+万次/);
    // No 说明 or cause of the unit's says why: one 【待补】 in 八, which the score refers to.
    expect(social).toMatch(/本项得13分，扣1分，原因见“存在的主要问题”。$/);
    for (const t of effect) expect(t).not.toContain('达到评价要点要求');
  });

  test('满意度 states the survey’s result, or asks for it: “未出现投诉” is no 满意率', () => {
    const satisfaction = (d: ReportDraft) =>
      sectionTexts(d, '绩效分析/效果').find((t) => t.startsWith('①服务对象满意度：'))!;
    expect(satisfaction(draft)).toBe(
      '①服务对象满意度：未出现服务对象上访、投诉等情况。【待补：调查满意率为x%，或“未开展满意度调查”】。本项得分【待补：按调查满意率评定的本项得分（自评10分）】。'
    );
    expect(satisfaction(evaluate(sampleReading({ 基础_服务对象满意度: 0.962 })).report)).toContain(
      '调查满意率为96.20%。'
    );
  });

  test('问题 are performance problems with causes, answered one by one; data-entry errors are not among them', () => {
    const ctx = reportContext(input);
    const i = draft.sections.findIndex((s) => s.id === '存在问题');
    const items = draft.sections.slice(i + 1).filter((s) => s.level === 2 && s.id.startsWith('存在问题/'));
    // Those that lost points, then the unit's own item no deduction carries (业务管理), as its own item, last.
    expect(items.map(sectionTitle)).toHaveLength(ctx.problems.length + 1);
    expect(sectionTitle(items.at(-1)!)).toBe('（七）业务管理工作需要加强');
    const text = sectionTexts(draft, '存在问题').join('');
    expect(text).not.toMatch(/数据核对|不一致|不符/);
    // The 产出 deductions: where each task that fell short stands, as the problem; why, where its 说明 says (a
    // request not granted), else asked for.
    expect(text).toContain(
      '其中，编撰《衡阳市科技人物志》，已出具初稿，尚在修订，未最终定稿；争取市本级科普经费达到人均1元标准，质量未达标。主要原因：【待补：编撰《衡阳市科技人物志》未完成的原因】；请求市财政增加科普经费未能通过。'
    );
    expect(text).toContain('社会效益扣1分。主要原因：【待补：社会效益扣1分的原因】。');
    // Where the workbook gives no cause, the department is asked for it.
    // 预算执行 is claimed in full: the rules' deduction is the department's to enter, what the listed give beside.
    expect(text).toContain(
      '公用经费控制率为【待核对：按45.07万元计为107.93%，按90.82万元计为217.48%】，【待补：扣分（按所列数据扣1.59分）】。主要原因：【待补：'
    );
    const ids = (prefix: string) =>
      draft.sections.filter((s) => s.level === 2 && s.id.startsWith(prefix)).map((s) => s.id.split('/')[1]);
    expect(ids('改进措施/')).toEqual(ids('存在问题/'));
  });

  test('附件1 explains each score in plain words, never formula prose', () => {
    const rows = draft.appendix!.table.rows;
    expect(draft.appendix!.table.header).toEqual([
      '一级指标',
      '二级指标',
      '三级指标',
      '分值（分）',
      '得分（分）',
      '评分标准',
      '评分说明',
    ]);
    // A line of a 二级 the department scored as a whole (目标设定 5 of 6): its own words, and its score asked for, not
    // the tool's split of 5 by points; what the two lines make together is the unit's 5, in the 得分 cell that asks
    // for the score (the 评分说明 does not ask again).
    expect(rows.find((r) => r[2] === '绩效目标合理性')?.[4]).toBe('【待补：自评得分（两项合计5分）】');
    expect(rows.find((r) => r[2] === '绩效目标合理性')?.[6]).toBe('绩效目标有待更加详细');
    // A score computed from a figure in doubt (its cell a 【待补】 with the listed figures' 0.41): the rate as
    // listed, in its 【待核对】, and what the listed figures lose (2 − 0.41), in a 【待补】 as the score is.
    expect(rows.find((r) => r[2] === '公用经费控制率')?.[6]).toBe(
      '公用经费控制率为【待核对：按45.07万元计为107.93%，按90.82万元计为217.48%】，【待补：扣分（按所列数据扣1.59分）】'
    );
    expect(rows.find((r) => r[2] === '公用经费控制率')?.[4]).toBe('【待补：自评得分（按所列数据计0.41分）】');
    // Task ④ is marked 已完成 while its 说明 says it failed: the rate by each reading, the deduction as listed; its
    // score cell gives the points by each (7.5 × 75% = 5.63, 7.5 × 50% = 3.75).
    expect(rows.find((r) => r[2] === '实际完成率')?.[6]).toBe(
      '实际完成率为【待核对：按“是否完成”列为75.00%；如任务④未完成为50.00%】，【待补：扣分（按所列数据扣1.87分）】'
    );
    expect(rows.find((r) => r[2] === '实际完成率')?.[4]).toBe(
      '【待补：自评得分（5.63分；如任务④未完成3.75分）】'
    );
    // 质量达标率 does not count on ④ being done: stated.
    expect(rows.find((r) => r[2] === '质量达标率')?.[6]).toBe(
      '质量达标率为50.00%，部分工作任务质量未达预期，按评分标准扣3.75分'
    );
    // A qualitative deduction without the unit's 说明 or cause: its cause as 八 asks for it, never a bare 扣1分 or
    // the rules' words (部分达到评价要点要求 is no reason).
    expect(rows.find((r) => r[2] === '社会效益')?.[6]).toBe('【待补：社会效益扣1分的原因】，扣1分');
    // No line is left without a word: full marks say whose score it is and where its evidence is; an unscored line
    // what to fill in.
    // One form for every line the unit scored in full without a figure: its basis alone, in the department's own
    // table (the unit's 说明, the 履职情况 item that shows it, else what the basis is to be); its score is beside it.
    expect(rows.find((r) => r[2] === '预决算信息公开性')?.[6]).toBe('【待补：预决算信息公开的时间和渠道】');
    expect(rows.find((r) => r[2] === '资产管理安全性')?.[6]).toBe('【待补：资产保存、账实相符和处置情况】');
    // Evidence in a few words, not a cross-reference to the text.
    expect(rows.find((r) => r[2] === '经济效益')?.[6]).toBe(
      '我市已有280余家企业、学会、学校、园区等组织入驻“科创中国”平台'
    );
    expect(rows.filter((r) => /单位自评满分|；依据/.test(r[6]))).toEqual([]);
    expect(rows.find((r) => r[2] === '政府采购执行率')?.[6]).toBe(
      '【待补：实际政府采购金额、政府采购预算数及本项得分】'
    );
    for (const r of rows.slice(0, -2)) expect(r[6]).not.toBe('');
    // 附件1 is read apart from the text: each 【待核对】 names both values, none refers back (同前).
    expect(rows.find((r) => r[2] === '预算完成率')?.[6]).toBe(
      // Its score waits on its 年末结余 (a copy of the 结转结余 in doubt): what it lost is not stated either.
      '预算完成率为【待核对：所列99.59%，按所列数据计为99.52%，按2021年数据计为100.00%】'
    );
    expect([...rows.flat(), ...(draft.appendix!.table.notes ?? [])].join('')).not.toContain('同前');
    for (const r of rows) expect(r[6]).not.toMatch(/乘以|除以|等于|指标值/);
  });
});

describe('六 and 十一 in the unit’s words', () => {
  test('one 二级 is not 分别设置; the opening counts the 三级 named one by one below; no 口径 note for the reviewer', () => {
    expect(lines).toContainEqual('设置“职责履行”1个二级指标、4个三级指标进行评价。');
    expect(lines.some((l) => /^分别设置“职责履行”/.test(l))).toBe(false);
    expect(lines).toContainEqual(
      '分别设置“预算执行”、“预算管理”、“资产管理”3个二级指标、13个三级指标进行评价。'
    );
    expect(lines.join('')).not.toMatch(/口径/);
    expect(lines.join('')).toContain('（绩效评价指标评分表详见附件1）');
  });

  test('qualifiedName: a namesake by its 二级, the shared words once; a unique name as it is', () => {
    const all = ['管理制度健全性', '管理制度健全性', '预算完成率'];
    expect(qualifiedName('预算管理', '管理制度健全性', all)).toBe('预算管理制度健全性');
    expect(qualifiedName('资产管理', '管理制度健全性', all)).toBe('资产管理制度健全性');
    expect(qualifiedName('预算执行', '预算完成率', all)).toBe('预算完成率');
    expect(qualifiedName('其他', '管理制度健全性', all)).toBe('其他管理制度健全性');
  });
});

describe('审核意见', () => {
  const review = draftReview(input);
  const text = draftLines(review);

  test('page 1: unit and year, the 审核结论 with its reason, the score as claimed and as verified, three things first', () => {
    expect(text[0]).toBe('衡阳市科学技术协会2021年度部门整体支出绩效自评审核意见');
    // 主送: the department, before the body.
    expect(text[1]).toBe('衡阳市科学技术协会：');
    expect(text[2]).toBe('一、审核结论');
    // The reason in one line: the weightiest figure problem by the declared rule (the largest correction: 780.19 →
    // 1193.05 is 412.86, against 836.79 → 1197.09 = 360.30, 61.55 → 4.04 = 57.51, 60.64 → 4.04 = 56.60), by its
    // cause: 780.19 is 2020's income (二（二）); the rest counted as 二 lists them (10: the 2 self-scores of (一),
    // 预算执行 over its ceiling and 产出, 7 of the figures, and (六)'s 1 item of the unit's own that no lost points
    // answer); then the date to resubmit by.
    expect(text[3]).toBe(
      '审核结论：退回修改。理由：基础数据表、财政拨款表误填2020年数据等7项报表数据有误，2项自评得分偏高，1项所列问题未见扣分。请于【待补：日期】前改正后重新报送。'
    );
    expect(text[3]).not.toMatch(/错误\d+项|影响得分/);
    // No grade for a partial sum. The engine's one verified score (src/core/verify.ts): 79.64 as scored, less
    // 预算完成率 1.92, 预算调整率 0.8 and 公用经费控制率 0.41 (built on figures an 错误 doubts, or their copies, whose
    // points the dispute may move; 结转结余变动率's 2 it does not) and 预算管理's 13 (scored off the 二级's claim with
    // nothing written behind it; 资金使用合规性 at full marks while the unit's 存在问题 admits 资金串用) and 服务对象满意度
    // 10 (its survey result blank) = 53.51; 7 + 1 + 2 + 2 + 2 + 13 + 10 = 37 pending; 88.92 at most (公用经费控制率
    // scores at most 0.41 whichever reading of its 决算数 is right, not 2).
    // What the reviewer decides on first: the claim, what the report's own lines give by the figures it lists (87.64,
    // 良: the report's 七 states the same), the verified/pending split with its reasons left to 四, and the most the
    // rules give (53.51 + 37 − 1.59 = 88.92) with what it means for the grade by the declared bands (88.92 < 90:
    // not 优); the 37 pending is the table's 合计 row, and 四 says what it adds at most (53.51 + 35.41).
    // 预算调整率's 2 are in 88.92, yet with 2021's figures (二（二）: 492.06 ÷ 700.99 = 70.20%, over 30%) it scores 0
    // while its 落实国家政策等调整 line is blank (read as 0): the ceiling both ways, 88.92 − 2 = 86.92 and 88.92; the
    // grade by the higher (both are 良: not 优 either way).
    expect(text[4]).toBe(
      '得分：自评97分（优），核实后至多86.92分（良），不能评为“优”。已核实53.51分；待核实37分，至多33.41分。如列报落实国家政策等调整，至多88.92分。'
    );
    // 三 lists the pending lines; the ceiling they allow is page 1's, not repeated.
    expect(text.join('')).not.toMatch(/待核实的\d+分中/);
    expect(draftRemarks(draft).join('')).toContain('自评总分97分（“优”），按所列数据计87.64分');
    // The memo states the engine's figures: the summary every other surface reads.
    expect(text[4]).toContain(`已核实${evaluation.summary.total}分`);
    // Page 1 and the entry state one gap (360.29), and a 0.01 gap is not waved off.
    expect(text[3]).not.toContain('360.30');
    expect(draftLines(review).join('')).not.toContain('尾差');
    // Reviewer's words, not the tool's: no 连带, no “（…用）” tags, no 成立.
    for (const jargon of ['填多少都不能使其成立', '这两处应填同一个数', '率用）', '连带', '同涉'])
      expect(draftLines(review).join('')).not.toContain(jargon);
    expect(text[4]).not.toContain('～');
    const blocks = review.sections.find((s) => s.id === '审核结论')!.blocks;
    const table = blocks.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no table');
    // The per-一级 table sits right under the 得分 sentence it breaks down, before what to do first.
    expect(blocks[blocks.indexOf(table) - 1]).toMatchObject({ kind: 'paragraph', text: text[4] });
    // The first thing to fix runs on from its lead-in: the score stated two ways takes a line, and page 1 keeps all three.
    expect(blocks[blocks.indexOf(table) + 1]).toMatchObject({
      kind: 'paragraph',
      text: expect.stringMatching(/^需优先处理的事项：1\./),
    });
    expect(table.header).toEqual([
      '评价内容',
      '分值（分）',
      '单位自评（分）',
      // The part verified so far, as the sentence above says it (已核实), not a score of the whole 一级.
      '已核实（分）',
      '待核实（分）',
    ]);
    expect(table.rows.at(-1)).toEqual(['合计', '100', '97', '53.51', '37']);
    const first = text.findIndex((t) => t.startsWith('需优先处理的事项：'));
    // Three concrete fixes, each with where the memo states it; no rule-category label. The figures filled from
    // 2020 are fixed in one item with their cause: past two corrections, the one moved furthest (780.19 → 1193.05)
    // and 等 (二（二） names every one; a longer item would push the third off page 1). A part of 二 is cited as
    // 二（一）: all three fit on page 1, and 二 follows.
    expect(text.slice(first, first + 4)).toEqual([
      '需优先处理的事项：1.“预算执行”自评不超过7.41分（列报该调整的，9.41分），“产出”改为22.51分（见二（一））。',
      '2.误填2020年数据：将财政拨款表本年收入合计改为1193.05万元等，改用2021年数据（见二（二））。',
      // One value for two figures that should be one: 714.76 − 406.00 = 308.76 in both tables.
      '3.将项目支出表年中追加预算数合计、财政拨款表年中追加中项目支出均改为308.76万元，另两个数随之改正，可使五处同时相符（见二（三））。',
      '二、需要更正的问题（共10项）',
    ]);
    expect(text.join('')).not.toMatch(/等\d+处/);
    expect(text.join('')).not.toMatch(/（二（|或改正“数据所属年度”/);
  });

  /** The numbered entries of 二 (what must be corrected) and 三 (what needs a reason). */
  const entries = review.sections
    .filter((s) => s.id.startsWith('更正问题/') || s.id === '需说明')
    .flatMap((s) =>
      s.blocks.flatMap((b) => (b.kind === 'paragraph' && /^\d+\./.test(b.text) ? [b.text] : []))
    );
  const unverifiable = review.sections
    .find((s) => s.id === '无法核实')!
    .blocks.find((b) => b.kind === 'table')!;
  const bare = (t: string) => tightenSpaces(t).replace(/\s/g, '');

  /** Findings the sample's two causes explain: 基础数据表 filled from 2020, and one 年中追加 for two tables. */
  const lastYear = [
    'year.预算调整',
    'sum.财拨.本年收入',
    'sum.财拨.本年支出',
    'same.预算完成年初预算',
    'same.预算完成本年追加',
    'same.预算完成上年结转',
    'same.基础年末结转结余',
    'carry.结转结余',
    'rate.预算完成率',
    'rate.结转结余变动率',
  ];
  const oneAddition = ['same.项目年中追加', 'sum.财拨调整后预算.项目', 'sum.项目预算总额.合计'];

  test('2020 figures are compared with this year’s only where those hold: 654.62 is not offered, 492.06 is', () => {
    const benchmark = (over: Parameters<typeof sampleReading>[0]) => {
      const e = evaluate(sampleReading(over));
      const memo = draftLines(
        draftReview({ model: e.model, indicators: e.indicators, scores: e.scores, findings: e.findings })
      ).join('');
      // 预算调整率's two figures as 二（二）'s table lists them, and what 2021's figures give it where the rates are redone.
      const rows = draftLines(
        draftReview({ model: e.model, indicators: e.indicators, scores: e.scores, findings: e.findings })
      ).filter((l) => /^(基础数据表)?（预算调整率）(年初批复预算|年中预算调整数)｜/.test(l));
      const rate = /重算各比率：预算调整率(按 ?2021 ?年数.*?计 ?\d+(?:\.\d+)? ?分)/.exec(memo)?.[1];
      return [...rows, ...(rate ? [rate] : [])].join('；');
    };
    // As stated, 700.99 + 654.62 ≠ 1193.05 (the 年中追加 is 162.56 too high), but 二（三） corrects 654.62 to
    // 183.30 + 308.76 = 492.06, and 700.99 + 492.06 = 1193.05 holds: the corrected figure is offered, with where, and
    // the rate they give, 492.06 ÷ 700.99 = 70.195…% → 70.20% (not the 2020 23.95%), and what it scores by the
    // workbook's rule: over 30% (by absolute value) is 0 of 2.
    // The rate subtracts a 其中 line (落实国家政策等调整) left blank: read as 0, and said, since filling it can lower
    // the rate and raise the score.
    expect(benchmark({})).toBe(
      '基础数据表（预算调整率）年初批复预算｜596.03｜700.99｜财政拨款表年初批复预算合计；基础数据表（预算调整率）年中预算调整数｜142.77｜492.06｜财政拨款表年中追加合计（按第二部分（三）改正后）；按2021年数为70.20%（落实国家政策等调整未填列，按0计），计0分'
    );
    expect(benchmark({ 基础_预算调整_剔除数: 0 })).not.toContain('未填列');
    expect(benchmark({})).not.toContain('654.62');
    // With a 财拨 年中追加 that no correction mends (the 追加 items no longer agree on one value), none is offered,
    // in the memo or in the report's 【待核对】 (it reads the same source).
    expect(benchmark({ 财拨_年中追加_项目: 500 })).not.toMatch(/财政拨款表|按2021年数/);
    const report = draftLines(evaluate(sampleReading({ 财拨_年中追加_项目: 500 })).report).join('');
    // Each 【待核对】 says what the figure lacks (its 2021 value), and the rate waits for the figures, named.
    expect(report).toContain('年中预算调整数【待核对：142.77万元为2020年数据，2021年数据待补】');
    expect(report).toContain('年初批复预算【待核对：596.03万元为2020年数据，2021年数据待补】');
    expect(report).toContain('预算调整率为【待补：按核对后的年中预算调整数、年初批复预算计算】');
    // With the 追加 the memo's own entry names (项目 308.76, so 183.30 + 308.76 = 492.06), 700.99 + 492.06 = 1193.05.
    expect(
      benchmark({ 财拨_年中追加_项目: 308.76, 财拨_年中追加_合计: 492.06, 项目_合计_年中追加: 308.76 })
    ).toBe(
      '基础数据表（预算调整率）年初批复预算｜596.03｜700.99｜财政拨款表年初批复预算合计；基础数据表（预算调整率）年中预算调整数｜142.77｜492.06｜财政拨款表年中追加合计；按2021年数为70.20%（落实国家政策等调整未填列，按0计），计0分'
    );
  });

  test('findings that share a cause are one entry headed by the cause, naming the figures it explains', () => {
    // 基础数据表: 预算调整率's block says 2020; the two year-ends read 4.04, this year's opening (2020's end), while
    // 财政拨款表 and 其他资金表 end 2021 at 0.00 + 0.00.
    // No benchmark from a failed identity as stated: 654.62 is 162.56 too high ((三)1), so 预算调整率's 2021 figures are
    // 700.99 and the 492.06 (三)1 corrects it to, and the rate they give.
    // 财政拨款表's totals are 2020's too: 60.64 (2020's opening, the start of a block that ends at 2020's end) +
    // 780.19 − 836.79 = 4.04, 2020's end to the cent; so are 基础数据表's 661.64 + 118.55 = 780.19. Each becomes its
    // 2021 figure here: 1193.05 and 1197.09 (收支总表), 700.99 and 492.06 (财政拨款表, as (三)1 corrects it); with
    // 上年结转 4.04 and 年末 0.00, 预算完成率 is (4.04 + 700.99 + 492.06 − 0.00) ÷ (4.04 + 700.99 + 492.06) = 100.00%.
    const year = entries.filter((e) => e.includes('误填2020年数据'));
    expect(year).toHaveLength(1);
    // A short lead: which tables, and how the memo knows (the year 基础数据表 states, the balance that closes 2020, the
    // sum that makes 财政拨款表's income), each equation once; then a table, one row per figure, and the rates to redo.
    expect(year[0]).toBe(
      '1.基础数据表、财政拨款表误填2020年数据：基础数据表注明预算调整率的数据所属年度为2020年；财政拨款表本年收入合计、本年支出合计是2020年数：上年度累计结转结余60.64 + 本年收入合计780.19 − 本年支出合计836.79 = 4.04，即2020年年末数（收支总表年初结转和结余），预算完成率的年末结转和结余、结转结余变动率的本年度累计结转结余也是此数；预算完成率的年初预算661.64 + 本年追加预算118.55 = 本年收入合计780.19。'
    );
    const part = review.sections.find((s) =>
      s.blocks.some((b) => b.kind === 'paragraph' && b.text === year[0])
    )!;
    const at = part.blocks.findIndex((b) => b.kind === 'paragraph' && b.text === year[0]);
    // The line that introduces the table is a paragraph of its own: only it goes over with the table to a new page.
    expect(part.blocks[at + 1]).toMatchObject({
      kind: 'paragraph',
      text: '应按下表改用2021年数据（单位：万元）：',
    });
    const yearTable = part.blocks[at + 2];
    if (yearTable.kind !== 'table') throw new Error('no table after the lead');
    expect(yearTable.header).toEqual(['项目', '所列\n（2020年数）', '应改为\n（2021年数）', '依据']);
    expect(yearTable.rows).toEqual([
      ['财政拨款表本年收入合计', '780.19', '1193.05', '收支总表一般公共预算财政拨款收入'],
      ['财政拨款表本年支出合计', '836.79', '1197.09', '收支总表一般公共预算财政拨款支出'],
      ['基础数据表（预算完成率）上年结转', '61.55', '4.04', '收支总表年初结转和结余'],
      ['基础数据表（结转结余变动率）上年度累计结转结余', '60.64', '4.04', '同上'],
      [
        '基础数据表（预算完成率）年末结转和结余',
        '4.04',
        '0.00',
        '2021年年末数（财政拨款表、其他资金表之和）',
      ],
      ['基础数据表（结转结余变动率）本年度累计结转结余', '4.04', '0.00', '同上'],
      ['基础数据表（预算调整率）年初批复预算', '596.03', '700.99', '财政拨款表年初批复预算合计'],
      [
        '基础数据表（预算调整率）年中预算调整数',
        '142.77',
        '492.06',
        '财政拨款表年中追加合计（按第二部分（三）改正后）',
      ],
      ['基础数据表（预算完成率）年初预算', '661.64', '700.99', '财政拨款表年初批复预算合计'],
      [
        '基础数据表（预算完成率）本年追加预算',
        '118.55',
        '492.06',
        '财政拨款表年中追加合计（按第二部分（三）改正后）',
      ],
    ]);
    expect(part.blocks[at + 3]).toMatchObject({
      kind: 'paragraph',
      // Each rate a short sentence: what 2021's figures give, what the report lists, a sign the listed figures reverse.
      // 结转结余变动率 at 2021's year-end 0.00 against the corrected opening 4.04: (0.00 − 4.04) ÷ 4.04 = −100.00%.
      text: '改正后重算各比率：预算调整率按2021年数为70.20%（落实国家政策等调整未填列，按0计），计0分；预算完成率按2021年数为100.00%（报告列99.59%）；结转结余变动率报告列93.33%，符号有误，按所列数据应为负93.34%，按2021年数为负100.00%，计2分。',
    });
    // Stated once: no entry of (四) or 三 carries them as sum errors or 口径 differences.
    for (const gone of ['少计412.86', '差412.86', '差360.29', '差39.35', '差536.07'])
      expect(entries.join('')).not.toContain(gone);
    // 338.76 and 471.32 for one 年中追加, 132.56 apart: 714.76 − 406.00 = 308.76 in both tables, so 308.76 mends three
    // identities; where it comes from is said beside it.
    const addition = entries.filter((e) => e.includes('308.76'));
    expect(addition).toHaveLength(1);
    expect(addition[0]).toContain(
      '1.项目支出明细表合计年中追加与财政拨款表项目年中追加不一致：项目支出表年中追加预算数合计338.76万元，财政拨款表年中追加中项目支出471.32万元，差132.56万元。两处均应为308.76万元（调整后预算714.76 − 年初批复预算406.00），'
    );
    // Both identities 308.76 mends read 714.76 = 406.00 + 308.76 once mended: the equation stated once, naming both.
    expect(addition[0]).toContain(
      '改正后以下两处也相符（均为714.76 = 406.00 + 308.76）：财政拨款调整后预算（项目支出）与年初预算、年中追加之和；项目支出合计的预算总额与年初预算数、年中追加预算数之和。'
    );
    expect(addition[0].match(/714\.76 = 406\.00 \+ 308\.76/g)).toHaveLength(1);
    // The same 162.56 and 30.00 (the change 308.76 makes to each figure) are named there once, each with the figure
    // that moves with it: 财拨 年中追加 合计 654.62 = 183.30 + 471.32 becomes 183.30 + 308.76 = 492.06, and then
    // 1193.05 = 700.99 + 492.06 holds; “科普经费”'s own 年中追加 338.76 becomes 308.76, and 684.76 = 376.00 + 308.76.
    // Each is introduced by the figure that is off by it: 471.32 − 308.76 = 162.56, 338.76 − 308.76 = 30.00.
    expect(addition[0]).toContain(
      '财政拨款表年中追加中项目支出多出的162.56万元还使1项不符：财政拨款调整后预算（合计）与年初预算、年中追加之和不一致，应将财政拨款表年中追加合计654.62万元相应改为492.06万元。'
    );
    expect(addition[0]).toContain(
      '项目支出表年中追加预算数合计多出的30.00万元还使1项不符：“科普经费”预算总额与年初预算数、年中追加预算数之和不一致，应将项目支出表项目“科普经费”年中追加预算数338.76万元相应改为308.76万元。'
    );
    // “科普经费” against its 子项目 (684.76 against 714.76; 688.79 against 718.79) is not mended by 308.76: its own
    // entry, with its own correction.
    const subItems = entries.filter((e) => e.includes('“科普经费”预算总额与其子项目之和不一致'));
    expect(subItems).toHaveLength(1);
    // (四)1 now: 财政拨款表's two totals, once (四)1 and 2, are 2020's (二（二）).
    expect(subItems[0]).toMatch(/^1\.“科普经费”预算总额与其子项目之和不一致：/);
    expect(addition[0]).not.toContain('子项目');
    // No finding a cause explains heads an entry of its own.
    for (const id of [...lastYear.slice(1), ...oneAddition.slice(1)]) {
      const f = input.findings.find((x) => x.id === id)!;
      expect(entries.filter((e) => bare(e.replace(/^\d+\./, '')).startsWith(bare(f.title)))).toEqual([]);
    }
  });

  test('二（二）’s rates to redo, each a short sentence: made-up stated rates (结转结余变动率 负90.00%, 预算完成率 99.52%)', () => {
    const redo = (over: Parameters<typeof sampleReading>[0]) => {
      const e = evaluate(sampleReading(over));
      return draftLines(
        draftReview({ model: e.model, indicators: e.indicators, scores: e.scores, findings: e.findings })
      ).find((l) => l.startsWith('改正后重算'));
    };
    // The sign right but the value not (−90.00% where the listed figures give −93.34%): 2021's rate with the listed
    // one beside it, as for 预算完成率 (2021's 100.00% and the 99.59% the report lists); each 负…, no sign error.
    expect(redo({ 基础_结转结余变动率: -0.9 })).toBe(
      '改正后重算各比率：预算调整率按2021年数为70.20%（落实国家政策等调整未填列，按0计），计0分；预算完成率按2021年数为100.00%（报告列99.59%）；结转结余变动率按2021年数为负100.00%（报告列负90.00%），计2分。'
    );
    // Invalid: both rates stated as their listed figures give them: no 报告列, no 符号有误; 2021's rate alone.
    const right = redo({ 基础_结转结余变动率: -0.9334, 基础_预算完成率: 0.9952 });
    expect(right).not.toMatch(/报告列|符号有误|（[^）]*）、/);
    expect(right).toMatch(/；结转结余变动率按2021年数为负100\.00%，计2分。$/);
  });

  test('二（二）’s table lists each figure as listed: made-up 2020 figures (年初批复预算 600.00, 上年结转 70.00) are its rows', () => {
    const e = evaluate(sampleReading({ 基础_预算调整_年初预算: 600, 基础_预算完成_上年结转: 70 }));
    const memo = draftReview({
      model: e.model,
      indicators: e.indicators,
      scores: e.scores,
      findings: e.findings,
    });
    const tables = memo.sections
      .filter((s) => s.id.startsWith('更正问题/'))
      .flatMap((s) => s.blocks.filter((b) => b.kind === 'table'));
    expect(tables).toHaveLength(1);
    const rows = tables[0].kind === 'table' ? tables[0].rows : [];
    expect(rows).toContainEqual([
      '基础数据表（预算完成率）上年结转',
      '70.00',
      '4.04',
      '收支总表年初结转和结余',
    ]);
    expect(rows).toContainEqual([
      '基础数据表（预算调整率）年初批复预算',
      '600.00',
      '700.99',
      '财政拨款表年初批复预算合计',
    ]);
    // One row per figure; a basis the row above gives reads 同上, never on the first row.
    expect(new Set(rows.map((r) => r[0])).size).toBe(rows.length);
    expect(rows[0][3]).not.toBe('同上');
  });

  test('invalid: without another year’s figures no entry of 二 is a table (two figures that should read one stay a paragraph)', () => {
    const two = input.findings.filter((x) => ['same.预算完成上年结转', 'carry.结转结余'].includes(x.id));
    const memo = draftReview({ ...input, findings: two });
    const tables = memo.sections
      .filter((s) => s.id.startsWith('更正问题/'))
      .flatMap((s) => s.blocks.filter((b) => b.kind === 'table'));
    expect(tables).toEqual([]);
    expect(draftLines(memo).join('')).not.toContain('应按下表');
  });

  test('every other top-level finding appears exactly once: an entry of 二 or 三 headed by its title (or named in the entry of the same gap), or a row of 四', () => {
    if (unverifiable.kind !== 'table') throw new Error('no table');
    /** A self-score is headed by its claim as the memo verifies it. */
    const head = (f: (typeof input.findings)[number]) =>
      f.family === '评分' ? `“${f.id.split('.').pop()}”自评` : f.title;
    const named = (e: string, f: (typeof input.findings)[number]) =>
      bare(e.replace(/^\d+\./, '')).startsWith(bare(head(f))) ||
      e
        .split(/还使\d+项不符(?:，应一并改正)?：/)
        .slice(1)
        .some((part) => part.split(/[；。]/).some((t) => bare(t).split('，应将')[0] === bare(f.title))) ||
      // Two figures of one quantity and the identities that see their difference again: one entry, each named.
      e
        .split(/另有\d+项不符，应一并核对：/)
        .slice(1)
        .some((part) => part.split(/[；。]/).some((t) => bare(t).split('（')[0] === bare(f.title))) ||
      // A 提示 on a line a self-score entry states the deduction of (or the 至多 of, as its figures are listed) is
      // stated there, with it.
      (f.severity === '提示' &&
        /^1\.“预算执行”自评/.test(e) &&
        (bare(e).includes(`${bare(f.title.replace(/（[^（）]*）$/, ''))}，须书面说明原因`) ||
          bare(e).includes(`按所列数据${bare(f.title)}，核对改正后仍有差异的，应书面说明原因`)));
    for (const f of input.findings.filter(
      (x) => x.kind !== 'cannotVerify' && ![...lastYear, ...oneAddition].includes(x.id)
    ))
      expect(entries.filter((e) => named(e, f))).toHaveLength(1);
    // 二: 12 problems (2 self-scores, 预算执行 over its ceiling and 产出; the rest figures: issue 21 added 商品和服务支出 955.78 over 486.73 + 158.53;
    // “科普经费”'s 子项目 sums, which the 308.76 of (三)1 does not mend, stand as their own); 三: the 2 提示 not
    // stated with a deduction (公用经费's overspend is, in (一)1).
    // The 85.06 of 财政拨款表's 基本支出 (393.23 against 478.29) is one entry with the four identities that see it
    // again: 部门基本支出 (393.23 read as 478.29 leaves 5.33, 部门项目支出's gap), 部门项目支出 (whose root that is),
    // 部门人员经费 33.98 and 日常公用经费 45.75 (33.98 + 45.75 = 79.73, 部门基本支出's gap). No other entry names them.
    const basic = entries.filter((e) => e.includes('财政拨款表支出明细与收支部分的基本支出不一致'));
    expect(basic).toHaveLength(1);
    expect(basic[0]).toContain('差85.06万元。与此相关，另有4项不符，应一并核对：');
    for (const gap of ['差5.33万元', '差79.73万元', '差33.98万元', '差45.75万元']) {
      expect(basic[0]).toContain(gap);
      expect(entries.filter((e) => e.includes(gap))).toHaveLength(1);
    }
    // 836.79's entry is not joined: 478.29 read as 393.23 leaves it a gap (275.23) no identity of its shows.
    expect(basic[0]).not.toContain('836.79');
    // 9 numbered (二（六）'s one item is not): 财政拨款表's two totals are 2020's (二（二）), not sum errors of (四), and
    // the two 提示 on 基础数据表's 年初预算 and 本年追加预算 (they add up to 2020's income) are stated there too; the
    // 公用经费 overspend in (一)1 with 公用经费控制率's 至多: nothing is left for a 三 of 提示.
    expect(entries).toHaveLength(9);
    // 四: the 4 lines without data or a score, and the 9 scored but not verified (3 on questioned figures, 6
    // qualitative without evidence, with their measure blank or against the unit's own words: 预算编制合理性 too).
    expect(unverifiable.rows).toHaveLength(
      input.findings.filter((x) => x.kind === 'cannotVerify').length + 9
    );
    // 服务对象满意度 is scored in full with its survey result blank: “未出现上访、投诉” is no 满意率.
    expect(unverifiable.rows).toContainEqual(['服务对象满意度', '10', '服务对象满意度调查结果未填列']);
    // 二 holds the 错误 (one entry per problem), 三 the 提示 (each needs a written reason); issue 21's 商品和服务支出
    // is one more problem in 二.
    // 7 problems of the figures, 2 self-scores (预算执行's claim over its every-reading ceiling 9.41, and 产出), and
    // the unit's own 存在问题 item no lost points answer (六).
    expect(sectionTitle(review.sections.find((s) => s.id === '更正问题')!)).toBe(
      '二、需要更正的问题（共10项）'
    );
    // 三 (no 提示 is left for a part of its own: the one there is, 公用经费's overspend, is stated in 二（一）1) counts
    // indicators, not problems: 4 without data and 9 scored but not verified.
    expect(sectionTitle(review.sections.find((s) => s.id === '无法核实')!)).toBe(
      '三、待核实的事项（13项指标）'
    );
    // A 更正方法 is stated once for a group only where two of its entries share it: of (四), only the “科普经费” 子项目
    // sum has no correction of its own (财政拨款表 本年收入 and 本年支出 合计 have theirs, 在职人数 the staff roll).
    expect(text.filter((l) => l.includes('更正方法'))).toEqual([]);
    // The namesakes are told apart by their 二级, the shared 管理 once, as the report names them: 9 characters, which
    // the table keeps on one line (a name up to 9 characters is not wrapped).
    expect(text.filter((l) => l.includes('资产管理制度健全性'))).toHaveLength(1);
    if (unverifiable.kind !== 'table') throw new Error('no table');
    expect(unverifiable.rows.map((r) => r[0])).toEqual(
      expect.arrayContaining(['资产管理制度健全性', '预算管理制度健全性'])
    );
    for (const r of unverifiable.rows) expect(r[0].length).toBeLessThanOrEqual(9);
    // What could not be decided is not folded under an error.
    expect(entries.join('')).not.toContain('无法核实');
  });

  test('二 counts what it lists: its total is the sum of its sub-sections, each counting its entries', () => {
    const at = review.sections.findIndex((s) => s.id === '更正问题');
    const next = review.sections.findIndex((s, i) => i > at && s.level === 1);
    const subs = review.sections.slice(at + 1, next);
    const count = (heading: string) => Number(/（共?(\d+)项）$/.exec(heading)![1]);
    expect(subs.map((s) => s.heading)).toHaveLength(6);
    expect(subs.reduce((n, s) => n + count(s.heading), 0)).toBe(count(review.sections[at].heading));
    // Page 1's reason counts every part of 二: 7 + 2 + 1 = 10 (the weightiest figure's year, 2020, is no count).
    const reason = text.find((l) => l.startsWith('审核结论：'))!.replace(/\d+\.\d+万元/g, '');
    const counted = [...reason.matchAll(/(\d+)项/g)].map((m) => Number(m[1]));
    expect(counted).toEqual([7, 2, 1]);
    expect(counted.reduce((a, b) => a + b, 0)).toBe(count(review.sections[at].heading));
    // Each sub-section lists as many entries as its heading counts (one entry alone is not numbered).
    for (const s of subs) {
      const paras = draftLines({ ...review, title: '', sections: [s] }).slice(2);
      const numbered = paras.filter((l) => /^\d+\./.test(l)).length;
      expect(numbered || 1).toBe(count(s.heading));
    }
  });

  test('the unit’s own 存在问题 item no lost points answer is quoted as the unit’s, never as the report’s text', () => {
    const own = text.filter((l) => l.startsWith('单位所列存在问题'));
    expect(own).toEqual([
      '单位所列存在问题“业务管理工作需要加强（科创中国试点城市建设排名尚有提升空间）”未见相应扣分：应说明其对应的评分指标，并按评分规则扣分，或书面说明不扣分的理由。',
    ]);
    // The department's report states it too, in its own words, as its own item of 八 (after those that lost
    // points), asking for what the department writes of it (how it shows, why), and 九 asks for the measure the
    // unit gave none for.
    const report = lines.join('');
    expect(report).toContain(
      '（七）业务管理工作需要加强科创中国试点城市建设排名尚有提升空间。【待补：该问题的具体表现及原因】。九、下一步改进措施'
    );
    expect(report).toContain('（七）【待补：针对“业务管理工作需要加强”的改进措施】十、');
    expect(text.join('')).not.toContain('存在的主要问题”中');
  });

  test('each problem stated once, with the specific correction where the data show which side is right', () => {
    // 780.19 against 478.29 + 714.76 = 1193.05 (412.86 apart), and 收支总表 gives 1193.05 too: 2020's income, so
    // corrected in the 2020 entry (二（二）), with where 2021's stands; no entry is headed by the sum error.
    expect(entries.filter((e) => e.includes('财政拨款本年收入合计与基本、项目支出之和不一致'))).toEqual([]);
    const year = entries.find((e) => e.includes('误填2020年数据'))!;
    expect(year).toContain('误填2020年数据');
    // In 二（二）'s table: the figure, as listed and as it should read, where 2021's stands.
    expect(text).toContain('财政拨款表本年收入合计｜780.19｜1193.05｜收支总表一般公共预算财政拨款收入');
    // The identities that see one difference again are named in its entry each with its figures: 基本支出 478.29
    // against 393.23 + (其他资金 158.53 − 153.20) = 398.56, 79.73 apart; 人员经费 382.14 against 348.16 + 158.53 −
    // 153.20 − 5.33 = 348.16, 33.98 apart: 其他资金's share 158.53 − 153.20 − 5.33 is 0, named so.
    const project = entries.filter((e) => e.includes('部门项目支出与财政拨款、其他资金项目支出之和不一致'));
    expect(project).toHaveLength(1);
    expect(project[0]).toContain(
      '部门基本支出与财政拨款、其他资金基本支出之和不一致（收支总表基本支出478.29万元，财政拨款表基本支出393.23 + 其他资金表本年支出158.53 − 其他资金表项目支出153.20 = 398.56万元，差79.73万元）；部门人员经费与财政拨款、其他资金人员经费之和不一致（收支总表人员经费382.14万元，财政拨款表人员经费348.16万元，其他资金人员经费为0，差33.98万元）；'
    );
    // Which of 393.23 and 478.29 to check first (confirmFigures): 478.29 is confirmed (收入 基本 478.29 = 支出 基本), and
    // 收支总表 states it (478.29 = 382.14 + 96.15, holding within its own table).
    expect(project[0]).toContain(
      '收支总表基本支出478.29万元与财政拨款表收支部分本年支出中基本支出相同，应先核对财政拨款表支出明细基本支出393.23万元，对照部门决算原表改正。'
    );
    // No entry says the same figure twice as 应为 / 实际填列 / 涉及 did.
    for (const e of entries) expect(e).not.toMatch(/按核对关系|实际填列|涉及/);
    // 836.79 against 478.29 + 718.79 = 1197.08: 收支总表 states 1197.09, and so does the balance once 本年收入 reads
    // 1193.05 (4.04 + 1193.05 − 1197.09 = 0.00, its 年末); 1197.08 is 0.01 off, within its rounding (±0.015).
    // 2020's spending: corrected in the same entry.
    expect(entries.filter((e) => e.includes('财政拨款本年支出合计与基本、项目支出之和不一致'))).toEqual([]);
    expect(text).toContain('财政拨款表本年支出合计｜836.79｜1197.09｜收支总表一般公共预算财政拨款支出');
    // The entry with no correction of its own states its family's method itself, once.
    expect(text.filter((l) => l.includes('对照部门决算原表，改正填错的数'))).toHaveLength(1);
  });

  test('a cent off, the totals are no other year’s: 二（四） and 三 keep them as they are', () => {
    /** The memo's lines with one figure of the sample read otherwise. */
    const memoWith = (values: Record<string, number>) => {
      const e = evaluate(sampleReading(values));
      return draftLines(
        draftReview({ model: e.model, indicators: e.indicators, scores: e.scores, findings: e.findings })
      ).join('');
    };
    // 60.64 + 780.19 − 836.80 = 4.03, not 2020's end 4.04: 836.80 and 780.19 are sum errors again, 661.64 and 118.55
    // 提示 (their sum is a total no longer shown to be 2020's).
    const off = memoWith({ 财拨_本年支出_合计: 836.8 });
    expect(off).toContain('1.基础数据表误填2020年数据：');
    expect(off).not.toContain('财政拨款表误填');
    expect(off).toContain('财政拨款本年收入合计与基本、项目支出之和不一致：合计780.19万元');
    expect(off).toContain('财政拨款本年支出合计与基本、项目支出之和不一致：合计836.80万元');
    expect(off).toContain('基础数据表中计算预算完成率的本年追加预算与财政拨款表年中追加不一致');
    // The balance closes, but 661.64 + 118.56 = 780.20 is not 780.19: the totals are 2020's, the budget figures 提示.
    const sum = memoWith({ 基础_预算完成_本年追加: 118.56 });
    expect(sum).toContain('本年收入合计780.19 − 本年支出合计836.79 = 4.04，即2020年年末数');
    expect(sum).not.toContain('本年追加预算118.56 = ');
    expect(sum).toContain('基础数据表中计算预算完成率的本年追加预算与财政拨款表年中追加不一致');
    // A 提示 against a figure 二 corrects is read against the corrected figure: 118.56 is 373.50 from 492.06.
    expect(sum).toContain('按第二部分（三）改正后，财政拨款表年中追加合计为492.06万元，仍差373.50万元。');
  });

  test('a 提示 that compares a figure 二 corrects is read against the corrected figure; two parts of one table named', () => {
    // 二(三)1 sets 财拨 年中追加 合计 654.62 to 492.06: 基础数据表's 118.55 (2020's) is to read 2021's, 492.06, not
    // 654.62 as stated.
    // As 二（二）'s table lists them.
    expect(text).toContain('基础数据表（预算完成率）年初预算｜661.64｜700.99｜财政拨款表年初批复预算合计');
    expect(text).toContain(
      '基础数据表（预算完成率）本年追加预算｜118.55｜492.06｜财政拨款表年中追加合计（按第二部分（三）改正后）'
    );
    // 基本支出 393.23 (支出明细) against 478.29 (收支部分's 本年支出), each named with its part of 财政拨款表.
    expect(entries).toContainEqual(
      expect.stringContaining(
        '财政拨款表支出明细与收支部分的基本支出不一致：财政拨款表支出明细基本支出393.23万元，收支部分本年支出中基本支出478.29万元，差85.06万元。'
      )
    );
    // 在职人数 21 against 18 + 2 = 20: the staff roll decides which side to change.
    expect(entries).toContainEqual(
      expect.stringContaining(
        '差1人。对照年末人员花名册，改正基础数据表年末实际在职人数或机构人员情况表各单位年末实有在职人数。'
      )
    );
  });

  test('the verified lines that lost points are a note under 四, not a part of their own; the namesakes their 二级', () => {
    // No fifth part for three lines: 四 ends with them.
    expect(review.sections.find((s) => s.id === '评分核实')).toBeUndefined();
    expect(text.join('')).not.toContain('各指标评分核实情况');
    const notes = text.filter((l) => l.startsWith('注：'));
    expect(notes).toHaveLength(1);
    // 目标设定's two lines lost 0.5 each, the unit scoring only the 二级 (5); 社会效益 is its 二级's only line, so the
    // unit's 13 for the 二级 is its score for the line. The lines whose deductions 二(一) states (公用经费控制率 0.41
    // under 预算执行; 实际完成率, 完成及时率, 质量达标率 under 产出) are counted, not listed again. 26 lines: 12
    // 待核实, 4 stated in 二(一), these 3, and 7 verified at full marks (在职人员控制率, 结转结余变动率, “三公”经费变动率,
    // “三公”经费控制率, 重点工作办结率, 经济效益, 可持续影响).
    expect(input.scores!.lines).toHaveLength(12 + 4 + 3 + 7);
    expect(notes[0]).toBe(
      '注：已核实的指标中，目标设定（6分，单位未逐项打分）自评5分，核实5分；社会效益（14分）单位自评13分，核实13分；实际完成率等3项指标的扣分见第二部分（一）；其余7项指标（在职人员控制率、“三公”经费变动率、结转结余变动率、“三公”经费控制率、重点工作办结率、经济效益、可持续影响）核实为满分。'
    );
    // 四 ends with it: the note follows the table.
    const four = review.sections.find((s) => s.id === '无法核实')!.blocks;
    expect(four.at(-1)).toMatchObject({ kind: 'paragraph', text: notes[0] });
    // The 待核实 lines are in 四's table with why, not in the note (在职人员控制率 is verified: named among the full marks).
    for (const name of ['资产管理', '管理制度健全性', '预算完成率']) expect(notes[0]).not.toContain(name);
    if (unverifiable.kind !== 'table') throw new Error('no table');
    const why = (name: string) => unverifiable.rows.find((r) => r[0] === name);
    // What questions a line's figures is stated once, where it is listed: 预算完成率's 年初预算 and 追加 in 三 (1, 2),
    // 预算调整率's figures in 二(二)'s 2020 entry; the row refers there. 结转结余变动率's are there too, but it scores 2
    // whichever is right: verified, no row.
    // 预算完成率's figures are all 2020's, corrected in 二（二） (its 年初预算 and 追加 add up to 2020's income): the
    // row cites where; nothing is left for 三.
    expect(why('预算完成率')).toEqual(['预算完成率', '2', '所用数据有误（见第二部分（二））']);
    expect(why('结转结余变动率')).toBeUndefined();
    // 2021's figures give it 0 while its 落实国家政策等调整 line is blank: said, with what would change it.
    expect(why('预算调整率')).toEqual([
      '预算调整率',
      '2',
      '所用数据有误（见第二部分（二））；按2021年数据计0分，列报落实国家政策等调整的除外',
    ]);
    // A line the unit scored only through its 二级's full claim waits for its own score (the report asks for it).
    expect(why('资产管理安全性')).toEqual(['资产管理安全性', '2', '单位未逐项自评打分']);
    // Qualitative lines are not 核实为满分 without evidence, nor against the unit's own 存在问题.
    expect(why('预算管理制度健全性')).toEqual([
      '预算管理制度健全性',
      '3',
      '单位未写评价说明，履职情况中未见相应内容',
    ]);
    expect(why('资金使用合规性')).toEqual([
      '资金使用合规性',
      '4',
      '自评满分，但单位自述“预算执行过程中存在不同科目预算资金串用问题”',
    ]);
  });

  test('落款: the issuing body, the reviewer and the date to fill', () => {
    expect(text.slice(-3)).toEqual([
      '【待补：审核单位（财政部门）】',
      '审核人：【待补：审核人】',
      '【待补：审核日期】',
    ]);
  });
});

describe('what the memo verifies: the engine’s own split, a score built on a questioned figure 待核实', () => {
  const f = input.findings;
  const byId = (id: string) => f.find((x) => x.id === id)!;
  const lineOf = (sheet: NonNullable<typeof input.scores>, name: string) =>
    sheet.lines.find((l) => l.level3 === name)!;
  /** The sample's sheet as scored, before verification, and verified against other findings. */
  const raw = scoreAll(rulebookFromModel(input.model).rulebook!, input.indicators, input.model);
  const verify = (findings: typeof f) => verifyScores(raw, input.model, input.indicators, findings);

  test('a correction narrows the doubt to the figure it changes; without one every figure of the identity is doubted', () => {
    const doubted = doubtedInputs(f);
    // 780.19 ≠ 478.29 + 714.76, and 收支总表 agrees with the parts: only the 合计 is wrong.
    expect(doubted.get('财拨_本年收入_合计')?.id).toBe('sum.财拨.本年收入');
    expect(doubted.has('财拨_本年收入_项目')).toBe(false);
    // …and what is folded under it (the 财拨 balance, 收支总表 against 财拨) follows from that 合计 alone.
    expect(doubted.has('财拨_本年支出_项目')).toBe(false);
    // 4.04 ≠ 0.00 + 0.00: the two 0.00 each agree with an identity that holds (财政拨款表's 年末 row, 其他资金表's
    // balance), so the doubt stays on 4.04, the figure the 审核意见 dates as the last year's end.
    expect(doubted.get('基础_结转结余_本年')?.id).toBe('same.基础年末结转结余');
    for (const name of ['财拨_年末结转结余_合计', '其他_年末结转']) expect(doubted.has(name)).toBe(false);
    // 公用经费决算数 is in doubt as the copy of 财政拨款表 日常公用经费 (96.15 ≠ 45.07 + 5.33), not for the 提示 over
    // budget: a 提示, a stated rate (99.59), a self-score and a blank doubt nothing they read.
    expect(doubted.get('基础_公用经费决算')?.id).toBe('sum.资金来源.公用经费');
    expect(doubted.has('基础_预算完成率')).toBe(false);
    expect(doubted.has('基础_预算完成_年初预算')).toBe(false);
    expect(doubted.has('基础_政府采购实际')).toBe(false);
  });

  test('on the sample: a line whose points are the same whichever questioned value is right stays 核实', () => {
    // 在职人员控制率 is full with 20 or 21 against the posts. 预算完成率's 年末结余 4.04 is a copy of the disputed
    // 本年度累计结转结余: with 0.00 (this year's end) it scores 2, not 1.92, so no figure of it scores the same either
    // way. 结转结余变动率 reads two doubted figures: 本年 4.04 or 0.00 (财政拨款表 + 其他资金表 年末结转和结余), 上年
    // 60.64 or 4.04 (the correction): −93.34%, −100%, 0%, −100%, 2 points every way.
    const same = input
      .scores!.lines.filter((l) => l.sameEitherWay?.length)
      .map((l) => [l.level3, l.sameEitherWay]);
    expect(same).toEqual([
      ['在职人员控制率', ['基础_在职人数']],
      ['结转结余变动率', ['基础_结转结余_本年', '基础_结转结余_上年']],
    ]);
    const onFigures = input.scores!.lines.filter((l) => l.unverified?.inputs).map((l) => l.level3);
    expect(onFigures).toEqual(['预算完成率', '预算调整率', '公用经费控制率']);
    const process = input.scores!.groups.find((g) => g.level === 1 && g.name === '过程')!;
    expect([process.score.toFixed(2), process.pending!.toFixed(2)]).toEqual(['4.00', '26.00']);
    // 公用经费控制率 reads 45.07, a copy of the 日常公用经费 that 96.15 ≠ 45.07 + 5.33 disputes: 待核实, 0.41 as listed.
    expect(lineOf(input.scores!, '公用经费控制率').unverified!.score.toFixed(2)).toBe('0.41');
    expect(lineOf(input.scores!, '公用经费控制率').missing).toBe(true);
    // As scored, before verification: 79.64.
    expect(raw.total.toFixed(2)).toBe('79.64');
  });

  test('without the either-way mark every line reading a questioned figure is 待核实', () => {
    const plain = { ...raw, lines: raw.lines.map((l) => ({ ...l, sameEitherWay: undefined })) };
    const sheet = verifyScores(plain, input.model, input.indicators, f);
    expect(sheet.lines.filter((l) => l.unverified?.inputs).map((l) => l.level3)).toEqual([
      '在职人员控制率',
      '预算完成率',
      '预算调整率',
      '结转结余变动率',
      '公用经费控制率',
    ]);
    // 53.51 less 在职人员控制率's 1.5 and 结转结余变动率's 2.
    expect(sheet.total.toFixed(2)).toBe('50.01');
  });

  test('at the edges: the same disagreement as a 提示, or the rate finding alone, leaves the line 核实', () => {
    // 上年结转's disagreement as a 一致 提示 (a family that does not question values), with the 口径 ones explained.
    // (年末结余, a copy of 本年度累计结转结余, likewise: its 一致 finding as a 提示.)
    const asNotice = f.map((x) =>
      ['same.预算完成上年结转', 'same.基础年末结转结余'].includes(x.id)
        ? { ...x, severity: '提示' as const }
        : x.family === '口径'
          ? { ...x, explanation: '基础数据表按部门全部资金口径填列' }
          : x
    );
    expect(lineOf(verify(asNotice), '预算完成率').missing).toBeFalsy();
    const rateOnly = [byId('rate.预算完成率')];
    expect(verify(rateOnly).lines.filter((l) => l.unverified?.inputs)).toEqual([]);
    // With nothing doubting its inputs the memo states the recomputed rate; with its 上年结转 doubted it does not.
    const alone = draftLines(draftReview({ ...input, findings: rateOnly }));
    expect(alone.some((l) => l.includes('预算完成率重算为99.52%，报告列99.59%'))).toBe(true);
    const all = draftLines(draftReview(input));
    expect(all.some((l) => l.includes('重算为99.52%'))).toBe(false);
    // …it is recomputed once the figures of the cause that explains them are corrected.
    expect(all).toContainEqual(
      expect.stringContaining(
        '改正后重算各比率：预算调整率按2021年数为70.20%（落实国家政策等调整未填列，按0计），计0分；预算完成率按2021年数为100.00%（报告列99.59%）'
      )
    );
    // 结转结余变动率 is listed as 93.33% where its listed figures give −93.34% (a fall): named as a sign error, not as
    // a figure to redo alone.
    expect(all).toContainEqual(
      expect.stringContaining(
        '；结转结余变动率报告列93.33%，符号有误，按所列数据应为负93.34%，按2021年数为负100.00%，计2分。'
      )
    );
  });

  test('two figures the data set to one figure for one reason are one entry, the fix stated once', () => {
    // Without the year-ends that show 基础数据表 is 2020's, 61.55 and 60.64 are two figures that should read 4.04.
    const two = f.filter((x) => ['same.预算完成上年结转', 'carry.结转结余'].includes(x.id));
    const lines = draftLines(draftReview({ ...input, findings: two }));
    const mine = lines.filter((l) => l.includes('均应为4.04万元'));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatch(/^1\.基础数据表上年结转、上年度累计结转结余均应为4\.04万元：/);
    expect(mine[0]).toContain('应将这两处均改为4.04万元。');
    // Page 1 names the two figures once, with the one figure they become.
    expect(lines).toContain(
      '需优先处理的事项：1.将基础数据表上年结转、上年度累计结转结余改为4.04万元（见二（一））。'
    );
  });

  test('a self-score is stated against what the memo verifies, with the lines that lost points', () => {
    const all = draftLines(draftReview(input));
    expect(all).toContainEqual(
      '2.“产出”自评29分，按评分规则为22.51分：实际完成率75.00%，扣1.87分；完成及时率75.00%，扣1.87分；质量达标率50.00%，扣3.75分。应改为22.51分，“总分”自评得分相应减少6.49分。任务④标为已完成，但说明称“请求市财政增加科普经费未能通过”；如未完成，实际完成率、完成及时率为50.00%，“产出”为18.75分。'
    );
    // The total follows the correction: 29 − 22.51 = 6.49 off, though 总分's own finding is folded under 预算执行's.
    expect(all.join('')).not.toContain('相应调整');
    // 预算执行: “三公”经费控制率 2 and 结转结余变动率 2 verified + 政府采购执行率 1, 预算完成率 2, 预算调整率 2 pending
    // and 公用经费控制率 at most 0.41 (its 决算数 45.07 or 90.82, both over 预算 41.76) = 9.41 at most, below its claim
    // 11: an entry, which names the capped line. The overspend is stated as the figures are listed, its 决算数 in doubt.
    expect(all.join('')).toContain(
      '1.“预算执行”自评11分：7分待核实（见第三部分）。预算调整率按2021年数据计0分。公用经费控制率所用公用经费决算数按45.07万元计为107.93%，扣1.59分，计0.41分；按90.82万元（收支总表96.15 − 其他资金表5.33）计为217.48%，计0分，至多0.41分。按所列数据公用经费决算超过预算3.31万元（7.93%），核对改正后仍有差异的，应书面说明原因。合计至多7.41分；如列报落实国家政策等调整，至多9.41分。应改为不超过7.41分（或9.41分），“过程”、“总分”自评得分相应减少至少3.59分（或1.59分）。'
    );
    // Stated once, there: no 三 of 提示 says it again.
    expect(all.join('').match(/公用经费决算超过预算/g)).toHaveLength(1);
    expect(all).not.toContain('三、需要说明的事项（共1项）');
    expect(all.join('')).not.toMatch(/更正方法：按评分规则改正自评得分/);
  });
});

describe('the 审核结论 rule, each branch', () => {
  const f = input.findings;
  const conclude = (findings: typeof f, scores = input.scores) =>
    reviewConclusion(reviewFacts(findings, scores)).verdict;

  /** A table identity (财政拨款本年收入 合计 ≠ 基本 + 项目) that feeds no score, at a severity. */
  const identity = (severity: '错误' | '提示') => ({
    ...f.find((x) => x.family === '合计' && !(x.affects ?? []).length)!,
    severity,
  });

  test('退回修改: an open 错误 that changes a score or breaks a table identity', () => {
    expect(conclude(f)).toBe('退回修改');
    expect(conclude([identity('错误')])).toBe('退回修改');
    const scoring = f.find((x) => x.family === '评分')!;
    expect(conclude([{ ...scoring, severity: '错误' }])).toBe('退回修改');
  });

  test('修改后同意: only 提示 or 待补 remain (or points could not be verified)', () => {
    expect(conclude([identity('提示')])).toBe('修改后同意');
    const notices = f.map((x) => ({ ...x, severity: '提示' as const }));
    expect(conclude(notices)).toBe('修改后同意');
    const noLines = { ...input.scores!, lines: input.scores!.lines.filter((l) => !l.missing) };
    expect(
      conclude(
        f.filter((x) => x.kind === 'cannotVerify'),
        noLines
      )
    ).toBe('修改后同意');
    expect(conclude([], input.scores)).toBe('修改后同意');
  });

  test('the reason in one line, counted by problem; a date to resubmit unless accepted', () => {
    const back = reviewConclusion(reviewFacts([identity('错误')], input.scores));
    // One figure problem: named by its correction (780.19 → 1193.05), not counted.
    expect(back.reason).toBe('财政拨款表本年收入合计少计412.86万元。');
    expect(back.resubmit).toBe('请于【待补：日期】前改正后重新报送。');
    // A self-score alone.
    const scoring = { ...f.find((x) => x.family === '评分')!, severity: '错误' as const };
    expect(reviewConclusion(reviewFacts([scoring], input.scores)).reason).toBe('1项自评得分偏高。');
    // The unit's own items no lost points answer (二's last part) are counted too: the parts add up to 二's total.
    expect(reviewConclusion(reviewFacts([identity('错误'), scoring], input.scores, 0, 2)).reason).toBe(
      '财政拨款表本年收入合计少计412.86万元，1项自评得分偏高，2项所列问题未见扣分。'
    );
    // Counted as 二 lists them, one per cause: on the sample, 7 problems of the figures of 23 errors, the weightiest
    // by its cause (780.19 is 2020's income).
    const counted = /^基础数据表、财政拨款表误填2020年数据等(\d+)项报表数据有误。$/.exec(
      reviewConclusion(
        reviewFacts(
          f.filter((x) => x.family !== '评分'),
          input.scores
        )
      ).reason
    );
    expect(Number(counted?.[1])).toBe(7);
    expect(f.filter((x) => x.severity === '错误' && x.family !== '评分').length).toBeGreaterThan(7);
    const after = reviewConclusion(reviewFacts([identity('提示')], input.scores));
    expect(after.reason).toMatch(/^未发现错误；[^。]*。$/);
    expect(after.resubmit).toBe('请于【待补：日期】前补充完善后报送。');
    const clean = { ...input.scores!, lines: input.scores!.lines.filter((l) => !l.missing) };
    expect(reviewConclusion(reviewFacts([], clean)).resubmit).toBe('');
  });

  test('修改后同意, not 同意, when the department’s own report has numbers that do not hold', () => {
    const clean = { ...input.scores!, lines: input.scores!.lines.filter((l) => !l.missing) };
    const withReport = reviewConclusion(reviewFacts([], clean, 4));
    expect(withReport.verdict).toBe('修改后同意');
    expect(withReport.reason).toBe('未发现错误；报告正文中4处数字与其所列数据不符。');
    expect(reviewConclusion(reviewFacts([], clean, 0)).verdict).toBe('同意');
  });

  test('同意: nothing remains', () => {
    const clean = { ...input.scores!, lines: input.scores!.lines.filter((l) => !l.missing) };
    expect(conclude([], clean)).toBe('同意');
    // An explained 提示 is resolved; an explained 错误 must still be corrected.
    const explained = f.map((x) => ({ ...x, severity: '提示' as const, explanation: '口径不同' }));
    expect(conclude(explained, clean)).toBe('同意');
    expect(conclude([{ ...identity('错误'), explanation: '已说明' }], clean)).toBe('退回修改');
  });
});

describe('what waits says what it waits for', () => {
  test('a group whose claim holds an open line waits: a 【待补】 for a line to score, a 【待核对】 for one in question', () => {
    // 资产管理 claimed 6 in full, none of its 3 lines scored by the unit (固定资产利用率 has no data either): nothing
    // disagrees, the unit has their scores to enter, so the group's score is a 【待补】 with its claim beside it.
    expect(lines).toContain(
      '3. 资产管理（满分6分，得分【待补：管理制度健全性、资产管理安全性等3项评定后的资产管理得分（自评6分）】）'
    );
    // 预算管理 claimed 13 in full, while the unit's own 存在问题 speaks of 串用 (资金使用合规性, 4 points): no two
    // figures disagree, the unit scores the line or says why 串用 costs nothing: a 【待补】, the group waits with it.
    expect(lines).toContain(
      '2. 预算管理（满分13分，得分【待补：资金使用合规性评定后的预算管理得分（自评13分）】）'
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^②资金使用合规性：.*本项得分【待补：本项得分；自评满分的，说明“[^”]*串用[^”]*”不扣分的理由】。$/
      )
    );
    const rows = draft.appendix!.table.rows;
    expect(rows.find((r) => r[2] === '资金使用合规性')![4]).toBe('【待补：自评得分】');
    expect((draft.appendix!.table.notes ?? []).join('')).not.toContain('述及');
  });

  test('a blank amount’s 【待补】 says what to enter: 金额, its unit, and 0 where a part may be none', () => {
    const text = lines.join('');
    expect(text).toContain('【待补：落实国家政策、不可抗力、上级交办的调整金额（万元，无则填0）】');
    expect(text).toContain('实际政府采购金额【待补：实际政府采购金额（万元）】');
    expect(text).not.toContain('【待补：落实国家政策、不可抗力、上级交办的调整】');
  });

  test('八: a deduction under 0.1 分 is no problem of its own; the unit’s item stays with its own words', () => {
    const text = sectionTexts(draft, '存在问题').join('');
    // 目标设定 was scored as a whole (5 of 6): what it lost, once, not the tool's split over its two lines.
    expect(text).toContain('目标设定扣1分');
    // 预算完成率 lost 0.08 (≈99.5% against 100%): not stated in 八; the unit's 预算资金 item stands, alone.
    expect(text).not.toContain('预算完成率');
    expect(text).toContain('预算执行过程中存在不同科目预算资金串用问题');
    // The unit's 科创中国 item speaks of no lost points: not under 产出's task rates, but its own item, last.
    expect(text).not.toContain('未最终定稿；科创中国');
    // The 预算资金 item is what 资金使用合规性's and 预算编制合理性's full marks contradict: its indicators are known
    // (六 asks for their scores), its cause is asked for.
    expect(text).toContain('串用问题。主要原因：【待补：预算资金使用执行有待规范的原因】。');
    // No line's score speaks to it: a 【待补】 asks for what the department writes of it, not a question to the preparer.
    expect(text.endsWith('科创中国试点城市建设排名尚有提升空间。【待补：该问题的具体表现及原因】。')).toBe(
      true
    );
  });
});
