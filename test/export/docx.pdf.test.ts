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

test('LibreOffice converts the report and the 审核意见 of the real engine; the 附件1 total prints on one line', async () => {
  const { engineInput } = await import('../helpers/engineDraft');
  const { draftReport } = await import('../../src/core/narrative');
  const { draftReview } = await import('../../src/core/review');
  const { reportToDocx } = await import('../../src/export/docx');
  const input = engineInput();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-docx-'));
  try {
    fs.writeFileSync(path.join(dir, 'report.docx'), await reportToDocx(draftReport(input), input.scores));
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
    const layout = (f: string) =>
      execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path.join(dir, f), '-'], { encoding: 'utf8' });
    const report = layout('report.pdf');
    // 合计, 分值 100 and 得分 79.64 on one printed line: the score column is wide enough not to wrap.
    expect(report).toMatch(/合计\s+100\s+79\.64/);
    expect(report.replace(/\s+/g, '')).toContain(
      '本年收入1193.05万元（财政拨款收支表本年收入合计填列780.19万元'
    );
    const review = layout('review.pdf').replace(/\s+/g, '');
    expect(review).toContain('绩效自评审核意见');
    expect(review).toContain('三、数据核对发现的问题');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
