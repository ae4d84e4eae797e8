/**
 * `jixiao import` end to end over real .xlsx files laid out as three departments' published tables
 * (merged headers written by ExcelJS), then evaluated as a user would.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import { a1 } from '../../src/catalogue/layout';
import { evaluate } from '../../src/core/engine';
import { flattenFindings } from '../../src/core/checks';
import { openWorkbook } from '../../src/hosts/file/node';
import { readInputs } from '../../src/hosts/file/xlsx';
import type { ImportSheet } from '../../src/import/recognise';
import { dayingWenlv, hengyangKexie, tianshuiKindergarten } from './departments';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-import-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function writeSheets(sheets: ImportSheet[], file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.cells.forEach((row, r) =>
      row.forEach((v, c) => v !== null && (ws.getCell(a1(r, c)).value = v as ExcelJS.CellValue))
    );
    for (const m of s.merges ?? []) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  }
  const out = path.join(tmp, file);
  await wb.xlsx.writeFile(out);
  return out;
}

async function runImport(input: string, output: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['import', input, '-o', output], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Per department: figures to find in our template, and the errors its own published figures really contain. */
const cases: Array<[string, () => ImportSheet[], Record<string, number>, string[]]> = [
  // 衡阳's 公开05 gives 基本支出 478.29 while its 公开06 gives 人员 348.16 + 公用 45.07 = 393.23: a true error of the report.
  [
    '衡阳市科协-2021',
    hengyangKexie,
    {
      收入_本年收入合计: 1351.58,
      三公_合计_本年决算: 5.83,
      基础_编制数: 23,
      财拨_人员经费: 348.16,
      财拨_基本支出: 478.29,
    },
    ['财政拨款基本支出与人员经费、日常公用经费之和不一致'],
  ],
  [
    '天水市幼儿园-2017',
    tianshuiKindergarten,
    {
      收入_一般公共预算财政拨款: 1486.64,
      收入_本年收入合计: 1687.45,
      支出_项目支出: 821.48,
      支出_本年支出合计: 1942.57,
    },
    [],
  ],
  [
    '大英县文旅局-2022',
    dayingWenlv,
    { 收入_财政拨款小计: 3859.16, 支出_本年支出合计: 4143.91, 支出_基本支出: 1140.27, 收入_其他收入: 266.33 },
    [],
  ],
];

describe.each(cases)('jixiao import on %s', (label, sheets, expected, trueErrors) => {
  test('fills our template with the figures found and reports them in Chinese', async () => {
    const input = await writeSheets(sheets(), `${label}-决算.xlsx`);
    const output = path.join(tmp, `${label}-导入.xlsx`);
    const r = await runImport(input, output);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^认出 \d 张表：/);
    expect(r.out).toContain(`已生成：${output}`);
    const reading = readInputs(await openWorkbook(output));
    for (const [name, v] of Object.entries(expected))
      expect([name, reading.inputs[name].values?.[0][0]]).toEqual([name, v]);

    // Round trip: where the published figures reconcile, no check may call any of them wrong.
    const ev = evaluate(reading);
    const imported = new Set(Object.keys(expected));
    const wrong = flattenFindings(ev.findings)
      .map((x) => x.finding)
      .filter(
        (f) =>
          f.family !== '输入' &&
          f.kind !== 'cannotVerify' &&
          f.kind !== 'notice' &&
          f.operands.some((o) => imported.has(o.name))
      );
    expect(wrong.map((f) => f.title)).toEqual(trueErrors);
  });
});

test('a damaged .xls (a compound-file signature and nothing readable after it): exit 3, a Chinese message, nothing written', async () => {
  const xls = path.join(tmp, '决算.xls');
  fs.writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
  const r = await runImport(xls, path.join(tmp, 'x.xlsx'));
  expect(r.code).toBe(3);
  expect(r.err).toBe(
    '无法打开工作簿：文件已损坏或不完整（.xls / .et 的文件结构无法解析）；请用 Excel 或 WPS 打开并另存为 .xlsx 后重试'
  );
  expect(fs.existsSync(path.join(tmp, 'x.xlsx'))).toBe(false);
});

test('a workbook with no 决算 table: exit 3, nothing written', async () => {
  const input = await writeSheets([{ name: 'Sheet1', cells: [['随便', 1]] }], 'none.xlsx');
  const out = path.join(tmp, 'none-out.xlsx');
  const r = await runImport(input, out);
  expect(r.code).toBe(3);
  expect(r.out).toContain('没有认出部门决算表');
  expect(fs.existsSync(out)).toBe(false);
});
