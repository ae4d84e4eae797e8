/**
 * The drafted report as a 财政局 reviewer reads it, on the sample department through the real
 * engine: no spreadsheet talk in the Word text, figures reconciled with the checks, no balance
 * that does not hold, problems only from evidence, and a 审核意见 listing every finding.
 */
import JSZip from 'jszip';
import { D } from '../../src/core/decimal';
import { draftLines, reportContext, sectionTitle, type ReportDraft } from '../../src/core/narrative';
import { draftReview } from '../../src/core/review';
import { inWords, nestQuotes, ranges, scanDocumentText, tightenSpaces } from '../../src/core/typography';
import { reportToDocx } from '../../src/export/docx';
import { docxParagraphs, engineDraft } from '../helpers/engineDraft';

const { input, draft } = engineDraft();
const lines = draftLines(draft);

function sectionTexts(d: ReportDraft, id: string): string[] {
  return d.sections
    .filter((s) => s.id === id || s.id.startsWith(`${id}/`))
    .flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : [])));
}

describe('公文 typography', () => {
  test('no half-width spaces between Chinese and numbers; ranges with ～; nested quotes ‘’', () => {
    expect(tightenSpaces('扣 0.08 分，得分2.5分，CCTV13 新闻')).toBe('扣0.08分，得分2.5分，CCTV13新闻');
    expect(tightenSpaces('《中共中央 国务院关于》')).toBe('《中共中央 国务院关于》');
    expect(ranges('在“20%–30%（含）”档；2021-2025年度；0–3 分')).toBe(
      '在“20%～30%（含）”档；2021～2025年度；0～3 分'
    );
    expect(ranges('2021-12-31')).toBe('2021-12-31');
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

describe('the Word text of the report (whole document)', () => {
  let paragraphs: string[] = [];
  let withComments = '';
  beforeAll(async () => {
    const zip = await JSZip.loadAsync(await reportToDocx(draft, input.scores));
    paragraphs = docxParagraphs(await zip.file('word/document.xml')!.async('string'));
    const commented = await JSZip.loadAsync(await reportToDocx(draft, input.scores, { comments: true }));
    withComments = await commented.file('word/comments.xml')!.async('string');
    // The comments carry the cells; the body stays clean.
    paragraphs.push(...docxParagraphs(await commented.file('word/document.xml')!.async('string')));
  });

  test('has no formula signs, cell addresses, internal names, spaces beside digits, doubled quotes or signs for changes', () => {
    expect(paragraphs.length).toBeGreaterThan(200);
    const bad = paragraphs.flatMap((p) => scanDocumentText(p));
    expect(bad).toEqual([]);
  });

  test('the department’s in-sentence line breaks are not paragraphs', () => {
    expect(paragraphs.some((p) => p.includes('举办衡阳市2021年全国科普日系列活动'))).toBe(true);
  });

  test('--docx-comments: each sourced paragraph gets a comment naming its labels and cells', () => {
    expect(withComments).toContain('数据来源：');
    expect(withComments).toMatch(/收支总表!B\d+/);
  });
});

describe('figures reconciled with the checks', () => {
  test('三 states 1193.05 and 1197.09, with the caveat once, in words', () => {
    const [first] = sectionTexts(draft, '一般公共预算');
    expect(first).toContain('本年收入1193.05万元（财政拨款收支表本年收入合计填列780.19万元，');
    expect(first).toContain('本报告按1193.05万元表述，请核实）');
    expect(first).toContain('本年支出1197.09万元（财政拨款收支表本年支出合计填列836.79万元，');
    expect(first).toContain('本报告按1197.09万元表述，请核实）');
    // The wrong figure appears only where the caveat (and 其他需要说明的情况) names it.
    const body = lines.filter((l) => !l.includes('填列780.19万元'));
    expect(body.some((l) => l.includes('780.19'))).toBe(false);
    // The grid states the reconciled totals.
    expect(lines).toContain('本年收入｜478.29｜714.76｜1193.05');
    expect(lines).toContain('本年支出｜478.29｜718.79｜1197.09');
  });

  test('no sentence states a balance that does not hold: 年初 + 收入 − 支出 = 年末', () => {
    const re =
      /年初结转和结余(-?[\d.]+)万元，本年收入(-?[\d.]+)万元[^，]*，本年支出(-?[\d.]+)万元[^，]*，年末结转和结余(-?[\d.]+)万元(【待核对)?/;
    const stated = lines
      .map((l) => re.exec(l.replace(/（[^（）]*）/g, '')))
      .filter((m): m is RegExpExecArray => m !== null);
    expect(stated.length).toBeGreaterThanOrEqual(2);
    for (const m of stated) {
      if (m[5]) continue;
      const [open, inc, exp, close] = m.slice(1, 5).map((x) => D(x));
      expect(open.plus(inc).minus(exp).minus(close).abs().toNumber()).toBeLessThanOrEqual(0.02);
    }
    // 二（三）: 4.04 + 1351.58 − 1355.62 = 0.00, the year-end total from its parts.
    expect(sectionTexts(draft, '整体收支.结转结余')[1]).toBe(
      '2021年度本年收入合计1351.58万元，本年支出合计1355.62万元，年末结转和结余0.00万元，较年初减少4.04万元。'
    );
  });

  test('a figure contested with no figure to prefer shows both values in a 【待核对】', () => {
    expect(
      lines.some((l) =>
        l.includes('基本支出393.23万元【待核对：财政拨款收支表本年支出中基本支出为478.29万元】')
      )
    ).toBe(true);
  });
});

describe('sections filled from the workbook', () => {
  test('each indicator in 六 gets a judgement in words, with 满分 and 得分', () => {
    const six = sectionTexts(draft, '绩效分析').filter((t) => /^[①-⑳]/.test(t));
    expect(six.length).toBeGreaterThanOrEqual(20);
    for (const t of six) expect(t).toMatch(/本项满分[\d.]+分，(得满分|得分[\d.]+分，扣[\d.]+分|得分【待补)/);
    expect(six.some((t) => t.includes('在职人数未超过编制数，人员控制较好'))).toBe(true);
    expect(six.some((t) => t.includes('公用经费略有超支，超出预算7.93个百分点'))).toBe(true);
    expect(six.some((t) => t.includes('结转结余资金较上年下降93.34%'))).toBe(true);
  });

  test('产出 tasks with their 说明; 本部门无政府性基金预算收支; the outline is complete', () => {
    expect(
      lines.some(
        (l) =>
          l.startsWith('年度工作任务完成情况：') && l.includes('编撰《衡阳市科技人物志》，未完成，已出具初稿')
      )
    ).toBe(true);
    expect(lines).toContain('本部门无政府性基金预算收支。');
    const first = draft.sections.filter((s) => s.level === 1).map(sectionTitle);
    expect(first.slice(-2)).toEqual(['十、自评结果拟应用和公开情况', '十一、其他需要说明的情况']);
    expect(lines.slice(-2)).toEqual(['衡阳市科学技术协会', '【待补：报告日期】']);
  });

  test('no sentence aimed at the reviewer sits in the report', () => {
    expect(lines.some((l) => l.includes('自报总分') || l.includes('自报分'))).toBe(false);
  });
});

describe('八 and 九 from evidence only', () => {
  const ctx = reportContext(input);

  test('every problem cites at least one deduction or finding, and no heading repeats', () => {
    expect(ctx.problems.length).toBeGreaterThan(0);
    for (const p of ctx.problems) expect(p.lines.length + p.findings.length).toBeGreaterThan(0);
    const i = draft.sections.findIndex((s) => s.id === '存在问题');
    const items = draft.sections.slice(i + 1).filter((s) => s.level === 2 && s.id.startsWith('存在问题/'));
    expect(items).toHaveLength(ctx.problems.length);
    for (const s of items)
      expect(s.blocks.map((b) => (b.kind === 'paragraph' ? b.text : '')).join('')).toMatch(
        /扣[\d.]+分|数据核对发现\d+项不符/
      );
    const headings = items.map((s) => s.heading);
    expect(new Set(headings).size).toBe(headings.length);
    // The department's own three items join the problems they speak of, under their own headings.
    expect(headings).toEqual(
      expect.arrayContaining(['绩效目标编制水平有待提高', '预算资金使用执行有待规范', '业务管理工作需要加强'])
    );
  });

  test('九 answers 八 item by item', () => {
    const ids = (prefix: string) =>
      draft.sections.filter((s) => s.level === 2 && s.id.startsWith(prefix)).map((s) => s.id.split('/')[1]);
    expect(ids('改进措施/')).toEqual(ids('存在问题/'));
  });
});

describe('审核意见', () => {
  const review = draftReview(input);
  const text = draftLines(review);

  test('lists every top-level finding, with its figures', () => {
    const listed = review.sections.filter((s) => s.id.startsWith('数据核对/'));
    expect(listed).toHaveLength(input.findings.length);
    expect(
      text.some((l) => l.includes('按核对关系应为1193.05万元，实际填列780.19万元，相差412.86万元'))
    ).toBe(true);
  });

  test('the score as claimed and as verified, and what could not be verified', () => {
    expect(text[0]).toBe('衡阳市科学技术协会2021年度部门整体支出绩效自评审核意见');
    // 79.64 verified + 8 pending = 87.64 at most: the claim of 97 is 9.36 above anything the rules can give.
    expect(
      text.some((l) =>
        l.includes(
          '单位自报总分97分；按评分规则逐项核实，核实得分79.64分，待核实分值8分（全部得分最高87.64分），自报分高于可能达到的最高分87.64分9.36分'
        )
      )
    ).toBe(true);
    expect(text.some((l) => l.startsWith('过程｜30｜30｜20.13｜'))).toBe(true);
    expect(text.some((l) => l.includes('政府采购执行率：因数据不全无法计算。'))).toBe(true);
  });
});
