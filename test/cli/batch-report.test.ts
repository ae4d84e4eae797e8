/**
 * `jixiao batch` with a department's own report beside its workbook (same base name): the report's
 * numbers are checked against themselves and the workbook; 汇总 gets the counts (claims, 不成立,
 * 无法核实) and the 审核意见 a short section listing the 不成立. A report it cannot read is named in
 * 汇总 with the reason; the workbook is evaluated all the same. Run as a user runs it (`node
 * bin/jixiao.js`, lib/ built by pretest).
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { SAMPLE_XLSX } from '../helpers/sample';

jest.setTimeout(120_000);

const run = promisify(execFile);
const BIN = path.join(__dirname, '..', '..', 'bin', 'jixiao.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-batch-report-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/**
 * Three 不成立, worked by hand: 478.29 + 714.76 = 1193.05, not 1200.00; the sample workbook's 项目支出
 * is 877.32 (收支总表!B32), 718.79 (财政拨款) or 153.20 (其他资金), never 714.76; its 年末实际在职人数
 * (基础数据!B7) is 21, not 20. 基本支出 478.29 is the workbook's (收支总表!B29): 成立.
 */
const REPORT =
  '一、收支情况\n2021年度基本支出478.29万元、项目支出714.76万元，合计1200.00万元。\n年末实有在职人员20人。\n';

function documentText(file: string): string {
  const xml = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(file)))['word/document.xml']);
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
    .join('\n');
}

test('a report beside its workbook: 汇总 has its counts, the 审核意见 its 不成立; an unreadable one is named', async () => {
  const inDir = path.join(tmp, 'in');
  const outDir = path.join(tmp, 'out');
  fs.mkdirSync(inDir);
  fs.copyFileSync(SAMPLE_XLSX, path.join(inDir, '科协.xlsx'));
  fs.writeFileSync(path.join(inDir, '科协.txt'), REPORT);
  await run(process.execPath, [BIN, 'generate', '3', '-o', inDir]);
  // 单位0001 has a report that is not a .docx at all; 单位0002 one whose sum is wrong (60 + 50 = 110); 单位0003 none.
  fs.writeFileSync(path.join(inDir, '单位0001.docx'), 'not a zip');
  fs.writeFileSync(
    path.join(inDir, '单位0002.txt'),
    '本年支出合计100.00万元，其中：基本支出60.00万元、项目支出50.00万元。'
  );
  const r = await run(process.execPath, [BIN, 'batch', inDir, '-o', outDir, '--workers', '2'], {
    maxBuffer: 16 * 2 ** 20,
  });
  expect(r.stdout).toContain('共 4 个工作簿，4 个已评价');

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(outDir, '汇总.xlsx'));
  const ws = wb.getWorksheet('汇总')!;
  const table: string[][] = [];
  ws.eachRow((row, n) => {
    if (n >= 2) table.push(Array.from({ length: ws.columnCount }, (_, i) => row.getCell(i + 1).text));
  });
  const [header, ...rows] = table;
  const col = (name: string) => header.indexOf(name);
  expect(col('报告数字说法')).toBeGreaterThan(col('待补数'));
  const rowOf = (file: string) => rows.find((x) => x.includes(file))!;
  const sample = rows.find((x) => x[col('核对的报告')] === '科协.txt')!;
  expect([sample[col('报告数字说法')], sample[col('报告不成立')], sample[col('报告无法核实')]]).toEqual([
    '4',
    '3',
    '0',
  ]);
  const broken = rowOf('单位0001-评价.xlsx');
  expect(broken[col('核对的报告')]).toMatch(/^单位0001\.docx：无法读取报告 .*不是有效的 \.docx 文件/);
  expect(broken[col('状态')]).toBe('已评价');
  const none = rowOf('单位0003-评价.xlsx');
  expect(none[col('核对的报告')]).toBe('');
  expect(none[col('报告数字说法')]).toBe('');

  // The 审核意见: a short section, its counts in a line, each 不成立 once with where it is and its arithmetic.
  const memo = documentText(path.join(outDir, '科协-审核意见.docx'));
  expect(memo).toContain('报告正文数字核对（不成立3处）');
  expect(memo).toContain(
    '对报告《科协.txt》正文和表格中的4处数字逐处核对：3处不成立（算不拢或前后不一致）。'
  );
  expect(memo).toContain(
    '1.一、收支情况第2段：合计与所列各项之和不符，文中为1200.00万元，核算为478.29 + 714.76 = 1193.05万元。'
  );
  expect(memo).toMatch(/3\.一、收支情况第3段：在职人数：报告写20人，工作簿为基础数据!B7 21。/);
  // Page 1 points to it among the things to fix first when there is room (the generated workbook is consistent).
  const other = documentText(path.join(outDir, '单位0002-审核意见.docx'));
  expect(other).toContain(
    '1.第1段：本年支出与所列各项之和不符，文中为100.00万元，核算为60.00 + 50.00 = 110.00万元。'
  );
  expect(other).toMatch(/\d\.改正报告正文中不成立的\d+处数字（见第[四五]部分）。/);
  // Its data are clean, but its report is not: not 同意.
  expect(other).toMatch(
    /审核结论：修改后同意。理由：未发现错误；(.*，)?报告正文中\d+处数字与其所列数据不符。/
  );
  // A department without a readable report gets no such section.
  expect(documentText(path.join(outDir, '单位0001-审核意见.docx'))).not.toContain('报告正文数字核对');
});
