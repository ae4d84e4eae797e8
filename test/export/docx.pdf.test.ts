/**
 * LibreOffice headless converts the .docx to PDF and pdftotext reads the Chinese back.
 * Run alone with `npx jest test/export/docx.pdf` (needs soffice and pdftotext; ~2–10 s).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { sampleDocx } from './docxFixture';

jest.setTimeout(90_000);

test('LibreOffice renders the report; pdftotext shows the title and headings intact', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-docx-'));
  try {
    const { bytes } = await sampleDocx();
    const file = path.join(dir, 'report.docx');
    fs.writeFileSync(file, bytes);
    const started = Date.now();
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(path.join(dir, 'lo')).href}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        file,
      ],
      { timeout: 60_000, stdio: 'pipe' }
    );
    const seconds = (Date.now() - started) / 1000;
    const pdf = path.join(dir, 'report.pdf');
    expect(fs.existsSync(pdf)).toBe(true);
    // Line breaks may fall anywhere in a long title: compare with whitespace removed.
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('衡阳市科学技术协会2021年度部门整体支出绩效自评报告');
    for (const h of [
      '一、部门概况',
      '二、部门整体收支情况',
      '三、一般公共预算收支情况',
      '六、部门整体绩效评价情况分析',
      '九、下一步改进措施',
      '（一）投入情况',
    ])
      expect(flat).toContain(h);
    expect(flat).toContain('收入合计1351.58万元');
    expect(flat).toContain('附件1');
    expect(text).toMatch(/— 1 —|—1—/);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThan(5);
    console.log(`docx ${bytes.length} bytes → PDF ${pages} pages in ${seconds.toFixed(1)} s`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * Non-whitespace characters of the sample department's published 2021 自评报告 (衡阳市科协, seed
 * 000_a2732aeb502e9657, the text of samples/衡阳市科协-2021.json's source), counted once by hand-run
 * script over the seed text: the yardstick for "length near a real report's". That text is the report's
 * body: its 附件1 (the score table) is a separate attachment and not in it, so ours is measured the same way.
 */
const REAL_REPORT_CHARACTERS = 12055;

test('LibreOffice prints the sample’s report within 1.2× the real report’s length, and its 审核意见 in at most 8 pages', async () => {
  const { evaluate } = await import('../../src/core/engine');
  const { sampleReading } = await import('../helpers/sample');
  const { draftReview } = await import('../../src/core/review');
  const { reportToDocx } = await import('../../src/export/docx');
  const e = evaluate(sampleReading());
  const input = { model: e.model, indicators: e.indicators, scores: e.scores, findings: e.findings };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-docx-'));
  try {
    fs.writeFileSync(path.join(dir, 'report.docx'), await reportToDocx(e.report, e.scores));
    fs.writeFileSync(path.join(dir, 'review.docx'), await reportToDocx(draftReview(input), null));
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(path.join(dir, 'lo')).href}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        path.join(dir, 'report.docx'),
        path.join(dir, 'review.docx'),
      ],
      { timeout: 90_000, stdio: 'pipe' }
    );
    const text = (f: string, layout = false) =>
      execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', path.join(dir, f), '-'], {
        encoding: 'utf8',
      });
    const pages = (f: string) =>
      Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path.join(dir, f)], { encoding: 'utf8' }))![1]);
    // Everything printed (cover, text, 附件1), page numbers aside.
    const printed = text('report.pdf')
      .replace(/—\s*\d+\s*—/g, '')
      .replace(/\s/g, '');
    // The cover and the body, as the real report's text has them; 附件1 starts on a page of its own.
    const appendix = printed.lastIndexOf('附件1衡阳市科学技术协会');
    expect(appendix).toBeGreaterThan(0);
    expect(appendix).toBeLessThanOrEqual(1.2 * REAL_REPORT_CHARACTERS);
    // 附件1 is one row per score line, its 评分说明 a sentence each: a few pages, never a second report.
    expect(printed.length - appendix).toBeLessThanOrEqual(0.25 * REAL_REPORT_CHARACTERS);
    // One total, one grade: the unit's claim (97, 优) and what its lines give from the figures it lists (87.64, 良)
    // disagree, so the text states neither, a 【待补】 for each saying what to enter (the figures are the preparer's
    // remark); not the 审核意见's ceiling.
    expect(printed).toContain('自评得分为【待补：按附件1核对后的总分】');
    expect(printed).toContain('综合绩效级别为【待补：按总分确定的级别】');
    expect(printed).not.toContain('至多');
    expect(printed).not.toMatch(/分或[\d.]+分/);
    // 附件1's total and grade, each in a row of its own: the same 【待补】.
    expect(text('report.pdf', true)).toMatch(/合计\s+100\s/);
    expect(text('report.pdf', true)).toMatch(/综合绩效级别\s/);
    // (pdftotext reads the 分值 cell's 100 between the wrapped lines of the 得分 cell.)
    expect(printed.slice(appendix).replace(/100/g, '')).toContain('【待补：各项得分核对后合计的总分】');
    // 预算调整率 on 2020's figures: the score waits for the department's own, beside what 2021's give.
    expect(printed).toContain('本项得分【待补：本项自评得分；按2021年数据预算调整率为70.20%，计0分');
    expect(printed).not.toContain('预算调整率自评满分，按所列数据计0.8分');
    // Page 1 answers "what do I do with this report?": the conclusion, the scores, and all three things first.
    const page1 = execFileSync(
      'pdftotext',
      ['-f', '1', '-l', '1', '-enc', 'UTF-8', path.join(dir, 'review.pdf'), '-'],
      {
        encoding: 'utf8',
      }
    ).replace(/\s+/g, '');
    // The reason counts every part of 二 (7 + 2 + 1 = its 共10项), and still leaves room for the three things first.
    expect(page1).toContain(
      '审核结论：退回修改。理由：基础数据表、财政拨款表误填2020年数据等7项报表数据有误，2项自评得分偏高，1项所列问题未见扣分。'
    );
    // The engine's one verified score (test/core/verify.test.ts), as the CLI, the JSON and the 评分表 state it.
    // The claim, the ceiling once the pending points are verified (88.92: 公用经费控制率 at most 0.41 whichever reading
    // is right) with its grade, stated both ways: 86.92 while 预算调整率's 落实国家政策等调整 is blank; then the split.
    // Not the report's own figure by its listed figures (87.64): page 1 calls those figures wrong.
    expect(page1).toContain(
      '得分：自评97分（优），核实后至多86.92分（良），不能评为“优”。已核实53.51分；待核实37分，至多33.41分。如列报落实国家政策等调整，至多88.92分。'
    );
    expect(page1).toMatch(/需优先处理的事项：1\..*2\..*3\..*。/);
    expect(page1).not.toContain('87.64');
    // The figures filled from 2020 in one item, with the one moved furthest; the third item on page 1 too.
    expect(page1).toContain(
      '误填2020年数据：将财政拨款表本年收入合计改为1193.05万元等，改用2021年数据（见二（二））。'
    );
    expect(page1).toContain('可使五处同时相符（见二（三））。');
    // The date to resubmit by stays with the verdict it follows from.
    expect(page1).toContain('1项所列问题未见扣分。请于【待补：日期】前改正后重新报送。');
    expect(pages('review.pdf')).toBeLessThanOrEqual(8);
    console.log(
      `report ${pages('report.pdf')} pages, ${printed.length} characters (real report ${REAL_REPORT_CHARACTERS}); 审核意见 ${pages('review.pdf')} pages`
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
