/**
 * The evaluated sample as an accountant prints it: LibreOffice converts it to PDF; no page is blank,
 * every sheet is one page wide (its title and its rightmost header print on the same page), and
 * LibreOffice reads each internal link as one location in the workbook.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { evaluatedSample } from './evaluated';

function which(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const haveTools = which('soffice') && which('pdftotext') && which('pdfinfo');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-print-'));
const xlsx = path.join(dir, 'sample.xlsx');

function convert(format: string): string {
  // A private profile: a running LibreOffice or another test's conversion cannot block this one.
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
      '--headless',
      '--convert-to',
      format,
      '--outdir',
      dir,
      xlsx,
    ],
    { stdio: 'ignore', timeout: 180_000 }
  );
  return path.join(dir, `sample.${format}`);
}

const pageText = (pdf: string, page: number) =>
  execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-raw', pdf, '-'], { encoding: 'utf8' });
const normal = (s: string) => s.replace(/\s+/g, '');

(haveTools ? describe : describe.skip)('printed with LibreOffice (needs soffice, pdftotext, pdfinfo)', () => {
  let pdf: string;
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    const bytes = await evaluatedSample();
    fs.writeFileSync(xlsx, bytes);
    book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    pdf = convert('pdf');
  }, 240_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('A4, no blank page, and every sheet one page wide', () => {
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '999', pdf], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
    const texts = Array.from({ length: pages }, (_, i) => normal(pageText(pdf, i + 1)));
    expect(texts.filter((t) => t.length === 0)).toEqual([]);
    for (const m of info.matchAll(/^Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+)/gm)) {
      const [w, h] = [Number(m[1]), Number(m[2])].sort((a, b) => a - b);
      expect([Math.round(w), Math.round(h)]).toEqual([595, 842]);
    }
    // Sheets the sample fills in, and the add-in's outputs: the first full header row prints with its
    // rightmost column on the same page, so no column was pushed onto a page of its own.
    const checked: string[] = [];
    let cursor = 0;
    for (const ws of book.worksheets.filter((w) => w.state === 'visible')) {
      const title = normal(String(ws.getCell('A1').value ?? ''));
      if (!title) continue;
      let rightmost = '';
      let leftmost = '';
      ws.eachRow((row, r) => {
        if (rightmost || r > 12) return;
        // Header cells of printed columns (the machine columns of 问题清单 are grouped and hidden).
        const texts: string[] = [];
        row.eachCell((cell, c) => {
          if (typeof cell.value === 'string' && !ws.getColumn(c).hidden) texts.push(cell.value);
        });
        const styled =
          row.getCell(1).fill && (row.getCell(1).fill as ExcelJS.FillPattern).fgColor?.argb === 'FFD9E1F2';
        if (styled && texts.length >= 3)
          [leftmost, rightmost] = [normal(texts[0]), normal(texts[texts.length - 1])];
      });
      // Sheets print in order: each starts on the first later page that begins with its title, or failing that
      // holds it (pdftotext -raw may put a side column first). The cursor moves past every sheet, headed or not.
      const from = (match: (t: string) => boolean) => texts.findIndex((t, i) => i >= cursor && match(t));
      const begins = from((t) => t.startsWith(title));
      const start = begins >= 0 ? begins : from((t) => t.includes(title));
      cursor = start + 1;
      expect({ sheet: ws.name, found: start >= 0 }).toEqual({ sheet: ws.name, found: true });
      if (!rightmost) continue;
      // The page where the header row prints holds its rightmost column too.
      const page = texts.findIndex((t, i) => i >= start && t.includes(leftmost));
      expect({ sheet: ws.name, rightmostBesideLeftmost: texts[page]?.includes(rightmost) }).toEqual({
        sheet: ws.name,
        rightmostBesideLeftmost: true,
      });
      checked.push(ws.name);
    }
    expect(checked).toEqual(
      expect.arrayContaining(['指标计算表', '评分表', '问题清单', '基础数据', '自评打分'])
    );
    // The 20 blank pages and the tiny 18-column 问题清单 are gone: the sample prints on about 30 pages.
    expect(pages).toBeLessThanOrEqual(34);
  });

  test('LibreOffice reads each internal link as one location in this workbook', () => {
    const fods = fs.readFileSync(convert('fods'), 'utf8');
    const hrefs = [...fods.matchAll(/xlink:href="([^"]*)"/g)].map((m) => m[1].replace(/&apos;/g, "'"));
    expect(hrefs.length).toBeGreaterThan(200);
    for (const h of hrefs) expect(h).toMatch(/^#'[^'#]+'\.\$[A-Z]{1,3}\$\d+$/);
  });
});
