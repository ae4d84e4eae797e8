/**
 * The files people have besides .xlsx, made in the test itself from our own content and read by
 * `evaluate`, `import` and `batch` with the same results as the .xlsx:
 *
 * - .xls (BIFF8, “MS Excel 97”), .ods and .fods: saved by LibreOffice from the .xlsx;
 * - .et: WPS saves the same BIFF8 compound file as .xls (no program here writes .et), so the
 *   LibreOffice .xls under the name .et — the reader tells the format by content, not by name;
 * - .xlsb: LibreOffice reads but cannot write it; saved by SheetJS's writer from the .xlsx;
 * - .uos (标文通 UOF 1.0): LibreOffice's UOF filter fails on any workbook imported from .xlsx or
 *   .ods here, but writes one from a CSV: a one-sheet 三公 table (one row per item) as CSV → .uos.
 *
 * The sample is samples/衡阳市科协-2021.xlsx (its named inputs); the 决算 layout is the same
 * department's published tables (test/import/departments.ts).
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import { importWorkbook } from '../../src/import/fileImport';
import { importedValues } from '../../src/import/report';
import { hengyangKexie } from './departments';
import { haveSoffice, sheetjsXlsb, sofficeConvert, writeSheets } from './files';
import { sangongByRows } from './layouts';
import { SAMPLE_XLSX } from '../helpers/sample';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-formats-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Made = { sample: string; layout: string };
const made: Record<string, Made> = {};

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const BIN = path.join(__dirname, '..', '..', 'bin', 'jixiao.js');
async function bin(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd: tmp });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout, err: err.stderr };
  }
}

/** An evaluation's JSON without the file name: what must not depend on the format. */
const jsonOf = (file: string) => {
  const j = JSON.parse(fs.readFileSync(file, 'utf8'));
  delete j.file;
  return j;
};

(haveSoffice ? describe : describe.skip)('formats other than .xlsx (needs soffice)', () => {
  beforeAll(async () => {
    const sample = path.join(tmp, 'sample.xlsx');
    fs.copyFileSync(SAMPLE_XLSX, sample);
    const layout = await writeSheets(hengyangKexie(), path.join(tmp, 'layout.xlsx'));
    made.xlsx = { sample, layout };
    // LibreOffice starts once per target format, for both files.
    for (const [ext, format] of [
      ['xls', 'xls:MS Excel 97'],
      ['ods', 'ods'],
      ['fods', 'fods'],
    ]) {
      const [s, l] = sofficeConvert([sample, layout], format, tmp);
      made[ext] = { sample: s, layout: l };
    }
    made.et = { sample: path.join(tmp, 'sample.et'), layout: path.join(tmp, 'layout.et') };
    fs.copyFileSync(made.xls.sample, made.et.sample);
    fs.copyFileSync(made.xls.layout, made.et.layout);
    made.xlsb = {
      sample: sheetjsXlsb(sample, path.join(tmp, 'sample.xlsb')),
      layout: sheetjsXlsb(layout, path.join(tmp, 'layout.xlsb')),
    };
    // Soffice's “MS Excel 97” really is BIFF8 in a compound file.
    expect(fs.readFileSync(made.xls.sample).subarray(0, 4).toString('hex')).toBe('d0cf11e0');
    expect((await run(['evaluate', sample, '--json', path.join(tmp, 'xlsx.json')])).code).toBe(0);
  }, 240_000);

  const FORMATS = ['xls', 'et', 'ods', 'fods', 'xlsb'];

  test.each(FORMATS)(
    'evaluate reads the sample as .%s with the same findings, scores and inputs as the .xlsx',
    async (ext) => {
      const base = jsonOf(path.join(tmp, 'xlsx.json'));
      const input = made[ext].sample;
      const before = fs.readFileSync(input);
      const out = path.join(tmp, `result-${ext}.xlsx`);
      const json = path.join(tmp, `${ext}.json`);
      const r = await run(['evaluate', input, '-o', out, '--json', json]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toContain('只读取、未改动；结果另存为新的 .xlsx 工作簿');
      expect(r.out).toContain(`已写入：${out}`);
      const j = jsonOf(json);
      expect(j.summary).toEqual(base.summary);
      expect(j.findings).toEqual(base.findings);
      expect(j.scores).toEqual(base.scores);
      expect(j.inputs).toEqual(base.inputs);
      expect(fs.readFileSync(input).equals(before)).toBe(true);
      // The result is an .xlsx that evaluates again to the same, its names intact.
      const again = path.join(tmp, `again-${ext}.json`);
      expect((await run(['evaluate', out, '--json', again])).code).toBe(0);
      expect(jsonOf(again).findings).toEqual(base.findings);
    }
  );

  test('a result named other than .xlsx is refused before anything is written', async () => {
    const out = path.join(tmp, 'result.xls');
    const r = await run(['evaluate', made.xls.sample, '-o', out]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      '输入是Excel 97–2003 工作簿（.xls），只读取、不改动；结果另存为新的 .xlsx 工作簿，请把输出文件名改为 result.xlsx'
    );
    expect(fs.existsSync(out)).toBe(false);
    const et = await run(['evaluate', made.et.sample, '-o', path.join(tmp, 'r.et')]);
    expect(et.err).toContain('输入是WPS 表格（.et）');
  });

  test.each(FORMATS)('import recognises the 决算 tables as .%s as it does the .xlsx', async (ext) => {
    const base = await importWorkbook(made.xlsx.layout);
    const r = await importWorkbook(made[ext].layout);
    expect(importedValues(r.result)).toEqual(importedValues(base.result));
    expect(r.result.inputs).toEqual(base.result.inputs);
    expect(r.report[0]).toMatch(/^输入是.+，只读取、未改动$/);
    expect(r.report.slice(1)).toEqual(base.report);
  });

  test('import reads a 标文通 .uos that LibreOffice wrote', async () => {
    const sheet = sangongByRows('衡阳市科学技术协会', [
      ['合计', 26, 5.83],
      ['因公出国（境）费', 6, 0],
      ['公务用车购置及运行维护费', 10, 4.57],
      ['公务接待费', 10, 1.26],
    ]);
    const csv = path.join(tmp, '三公.csv');
    fs.writeFileSync(csv, sheet.cells.map((r) => r.map((v) => v ?? '').join(',')).join('\n'));
    // Read as UTF-8 (CSV filter options 44,34,76: comma, quote, UTF-8) so the Chinese survives.
    const [uos] = sofficeConvert([csv], 'uos', tmp, 'CSV:44,34,76');
    const r = await importWorkbook(uos);
    expect(r.report[0]).toBe('输入是标文通 UOF 表格（.uos），只读取、未改动');
    expect(importedValues(r.result)).toMatchObject({
      三公_合计_本年预算: 26,
      三公_合计_本年决算: 5.83,
      三公_公务用车_本年决算: 4.57,
      三公_公务接待_本年预算: 10,
    });
  });

  test('batch evaluates .xls, .et and .ods beside .xlsx, each into its own 单位-评价.xlsx', async () => {
    const dir = path.join(tmp, 'batch-in');
    const outDir = path.join(tmp, 'batch-out');
    fs.mkdirSync(dir);
    fs.copyFileSync(made.xlsx.sample, path.join(dir, '甲.xlsx'));
    fs.copyFileSync(made.xls.sample, path.join(dir, '乙.xls'));
    fs.copyFileSync(made.et.sample, path.join(dir, '丙.et'));
    fs.copyFileSync(made.ods.sample, path.join(dir, '丁.ods'));
    fs.writeFileSync(path.join(dir, '坏.xls'), 'not a workbook');
    // As a user runs it: the workers are the built lib/cli/batchWorker.js.
    const r = await bin('batch', dir, '-o', outDir, '--workers', '2');
    expect(r.code).toBe(0);
    expect(r.out).toContain('共 5 个工作簿，4 个已评价，1 个无法评价');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(outDir, '汇总.xlsx'));
    const rows = new Map<string, { total: unknown; status: string; note: string }>();
    wb.getWorksheet('汇总')!.eachRow((row, n) => {
      if (n <= 2) return;
      const v = (row.values as ExcelJS.CellValue[]).map((c) =>
        c && typeof c === 'object' && 'text' in c ? String(c.text) : c
      );
      rows.set(String(v[v.length - 2]), {
        total: v[4],
        status: String(v[v.length - 1]),
        note: String(v[v.length - 3] ?? ''),
      });
    });
    for (const name of ['甲', '乙', '丙', '丁']) {
      expect(fs.existsSync(path.join(outDir, `${name}-评价.xlsx`))).toBe(true);
      expect(rows.get(`${name}-评价.xlsx`)).toMatchObject({
        status: '已评价',
        total: rows.get('甲-评价.xlsx')!.total,
      });
    }
    expect(typeof rows.get('甲-评价.xlsx')!.total).toBe('number');
    expect(rows.get('坏.xls')).toMatchObject({
      status: '无法评价',
      note: '无法打开工作簿：文件不是有效的Excel 97–2003 工作簿（.xls），可能已损坏、不完整，或是其他格式的文件改了扩展名',
    });
  });
});
