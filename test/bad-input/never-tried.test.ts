/**
 * Issue 24's "never tried" list, as tests (the output-side ones — two writers, SIGKILL, a full tmpfs,
 * a read-only folder, links to the input — are in outputs.test.ts):
 * - evaluate → clear fifty times: nothing grows (styles, notes, the package);
 * - import on hostile tables: merged cells over 10,000 rows, a 续 continuation sheet after sheet,
 *   labels with zero-width spaces;
 * - a batch with 10 % hostile files: every file in 汇总 with a result or a reason, peak RSS under 1 GB.
 *   The 1,000-file version with its timing against a clean batch is a bench line (`npm run bench`,
 *   (c2)): 100 files here keep the suite's time sane and exercise every hostile class the same way.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { a1 } from '../../src/catalogue/layout';
import type { CellValue } from '../../src/core/types';
import { evaluate } from '../../src/core/engine';
import { templatePlan } from '../../src/core/template';
import { syntheticDepartment } from '../../src/cli/synthetic';
import { openWorkbookKept } from '../../src/hosts/file/node';
import { writeIntoPackage } from '../../src/hosts/file/keep';
import { applyPlan, newXlsx, readInputs, saveXlsx } from '../../src/hosts/file/xlsx';
import { importBytes } from '../../src/import/fileImport';
import type { ImportSheet } from '../../src/import/grid';
import { SAMPLE_XLSX } from '../helpers/sample';
import { BAD_INPUT_DIR } from '../fixtures/bad-input/generate';
import { hengyangKexie } from '../import/departments';
import { projectList } from '../import/layouts';

const BIN = path.join(__dirname, '..', '..', 'bin', 'jixiao.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-never-tried-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function partsOf(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).filter((n) => !zip.files[n].dir))
    out.set(name, await zip.file(name)!.async('string'));
  return out;
}

const count = (xml: string, tag: string) => (xml.match(new RegExp(`<${tag}\\b`, 'g')) ?? []).length;

describe('evaluate → clear, fifty times', () => {
  test('nothing grows: styles, notes and the package are the same from the second round on', async () => {
    let file = path.join(tmp, 'round-0.xlsx');
    fs.copyFileSync(SAMPLE_XLSX, file);
    const sizes: Array<{ evaluated: number; cleared: number; xfs: number; fills: number }> = [];
    let firstEvaluated: Map<string, string> | undefined;
    let firstCleared: Map<string, string> | undefined;
    let previousCleared: Buffer | undefined;
    let fixedAt = Infinity;
    for (let round = 1; round <= 50; round++) {
      const kept = await openWorkbookKept(file, 'read');
      const evaluated = (await writeIntoPackage(kept.bytes, kept.book, evaluate(readInputs(kept.book)).plan))
        .bytes;
      const marked = path.join(tmp, `round-${round}-evaluated.xlsx`);
      fs.writeFileSync(marked, evaluated);
      const again = await openWorkbookKept(marked, 'read');
      const cleared = (await writeIntoPackage(again.bytes, again.book, null)).bytes;
      file = path.join(tmp, `round-${round}.xlsx`);
      fs.writeFileSync(file, cleared);
      const e = await partsOf(evaluated);
      const c = await partsOf(cleared);
      const styles = c.get('xl/styles.xml')!;
      sizes.push({
        evaluated: evaluated.length,
        cleared: cleared.length,
        xfs: count(/<cellXfs\b[\s\S]*<\/cellXfs>/.exec(styles)![0], 'xf'),
        fills: count(styles, 'fill'),
      });
      if (round === 2) {
        firstEvaluated = e;
        firstCleared = c;
      }
      if (round > 2) {
        // Part for part as in round 2: the styles, the notes, our sheets, the state.
        expect([...e.keys()].sort()).toEqual([...firstEvaluated!.keys()].sort());
        for (const [name, text] of e)
          expect({ name, text }).toEqual({ name, text: firstEvaluated!.get(name) });
        for (const [name, text] of c) expect({ name, text }).toEqual({ name, text: firstCleared!.get(name) });
      }
      fs.rmSync(marked);
      // A round whose input is the last round's byte for byte repeats it exactly (reading and writing are
      // deterministic), so the rest of the fifty are this round again: stop at the fixed point.
      if (previousCleared?.equals(cleared)) {
        fixedAt = round;
        break;
      }
      previousCleared = Buffer.from(cleared);
    }
    expect(fixedAt).toBeLessThanOrEqual(4);
    // The first round adds our sheets' styles once; after it, nothing is added.
    expect(new Set(sizes.slice(1).map((s) => s.xfs)).size).toBe(1);
    expect(new Set(sizes.slice(1).map((s) => s.fills)).size).toBe(1);
    expect(new Set(sizes.slice(1).map((s) => s.cleared)).size).toBe(1);
  }, 240_000);
});

describe('import on hostile tables', () => {
  /** The sheets as an .xlsx (merges written by ExcelJS as Excel stores them). */
  async function xlsxOf(sheets: ImportSheet[]): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    for (const s of sheets) {
      const ws = wb.addWorksheet(s.name);
      s.cells.forEach((row, r) =>
        row.forEach((v, c) => v !== null && (ws.getCell(a1(r, c)).value = v as ExcelJS.CellValue))
      );
      for (const m of s.merges ?? []) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
    }
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  const HEADERS = ['项目名称', '年初预算数', '全年预算数', '决算数'];
  const project = (i: number) => [`专项经费第${i + 1}项`, 10, 10, 9.5];

  test('merged cells over 10,000 rows: the list is read up to the reading bound and the run says so, in bounded time', async () => {
    const rows = Array.from({ length: 10_050 }, (_, i) => project(i));
    // The 决算数 column merged down over 10,000 rows, and every other row's name merged with the next.
    const merges = [
      { top: 3, left: 3, bottom: 10_003, right: 3 },
      ...Array.from({ length: 5_000 }, (_, k) => ({
        top: 10 + 2 * k,
        left: 0,
        bottom: 11 + 2 * k,
        right: 0,
      })),
    ];
    const sheet = projectList({
      sheet: '项目支出',
      title: '项目支出决算明细表',
      headers: HEADERS,
      rows,
      merges,
    });
    const r = await importBytes(await xlsxOf([sheet]), '合并单元格.xlsx');
    const p = r.result.projects;
    expect(p.status).toBe('found');
    // The rows recognition reads (5,000 of the sheet's 10,053): the rest is said, never dropped silently.
    if (p.status === 'found') expect(p.rows).toHaveLength(4997);
    expect(r.report).toContain(
      '工作表“项目支出”有 10053 行、4 列，只识别了前 5000 行、前 60 列（决算表不会这么大）；其后的内容未导入，如有需要请拆成多张表'
    );
  }, 120_000);

  test('a 续 continuation sheet after sheet (40 sheets, each "续" with the same headers): one list, every row', async () => {
    const sheets: ImportSheet[] = [];
    for (let s = 0; s < 40; s++) {
      const part = projectList({
        sheet: s === 0 ? '项目支出' : `项目支出（续${s}）`,
        title: s === 0 ? '项目支出决算明细表' : '项目支出决算明细表（续）',
        headers: HEADERS,
        rows: Array.from({ length: 25 }, (_, i) => project(s * 25 + i)),
      });
      sheets.push(part);
    }
    const r = await importBytes(await xlsxOf(sheets), '续表.xlsx');
    const p = r.result.projects;
    expect(p.status).toBe('found');
    if (p.status !== 'found') return;
    expect(p.parts).toHaveLength(40);
    expect(p.rows).toHaveLength(1000);
  }, 120_000);

  test('labels with zero-width spaces read as the labels they show', async () => {
    const zw = (v: CellValue): CellValue =>
      typeof v === 'string' && /[\u4e00-\u9fff]{2}/.test(v) ? [...v].join('\u200b') : v;
    const plain = await importBytes(await xlsxOf(hengyangKexie()), '原表.xlsx');
    const hidden = await importBytes(
      await xlsxOf(hengyangKexie().map((s) => ({ ...s, cells: s.cells.map((row) => row.map(zw)) }))),
      '零宽空格.xlsx'
    );
    const found = (x: typeof plain) =>
      Object.fromEntries(
        x.result.inputs
          .flatMap((f) => (f.status === 'found' ? [[f.name, `${f.sheet}!${f.cell} ${String(f.raw)}`]] : []))
          .sort()
      );
    expect(Object.keys(found(plain)).length).toBeGreaterThan(10);
    expect(found(hidden)).toEqual(found(plain));
  }, 120_000);
});

describe('a batch with 10 % hostile files', () => {
  const HOSTILE = [
    'not-xlsx-zip-bomb.xlsx',
    'not-xlsx-zip-bomb-zip64.xlsx',
    'not-xlsx-truncated.xlsx',
    'not-xlsx-text.xlsx',
    'not-xlsx-encrypted.xlsx',
    'not-xlsx-doctype.xlsx',
    'not-xlsx-strict.xlsx',
    'not-xlsx-shared-strings-over-bound.xlsx',
    'damaged-missing-shared-strings.xlsx',
    'name-missing-all.xlsx',
  ];

  test('100 files, 10 hostile: every file in 汇总 with a result or a reason; peak RSS under 1 GB', async () => {
    const inDir = path.join(tmp, 'batch-in');
    const outDir = path.join(tmp, 'batch-out');
    fs.mkdirSync(inDir);
    // Three generated departments, each copied 30 times (separate files; generating 90 costs more than the batch).
    const departments: Uint8Array[] = [];
    for (let k = 0; k < 3; k++) {
      const book = newXlsx();
      applyPlan(book, templatePlan(syntheticDepartment(k + 1)));
      departments.push(await saveXlsx(book));
    }
    for (let i = 0; i < 90; i++)
      fs.writeFileSync(path.join(inDir, `单位${String(i + 1).padStart(3, '0')}.xlsx`), departments[i % 3]);
    for (const f of HOSTILE) fs.copyFileSync(path.join(BAD_INPUT_DIR, f), path.join(inDir, `坏-${f}`));
    // The CLI as its own process, its peak RSS (worker threads included) taken at exit.
    const probe = `process.on('exit',()=>process.stderr.write('\\n@@RSS '+process.resourceUsage().maxRSS+'\\n'));process.argv.splice(1,0,'jixiao');require(${JSON.stringify(BIN)})`;
    const child = spawn(process.execPath, ['-e', probe, 'batch', inDir, '-o', outDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(0);
    expect(stdout).toContain('共 100 个工作簿，90 个已评价，10 个无法评价');
    const rssMb = Number(/@@RSS (\d+)/.exec(stderr)![1]) / 1024;
    console.log(
      `batch of 100 (10 hostile): peak RSS ${rssMb.toFixed(0)} MB; ${stdout.trim().split('\n').pop()}`
    );
    expect(rssMb).toBeLessThan(1024);
    // 汇总: one row per file, a score for each department, a Chinese reason for each hostile file.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(outDir, '汇总.xlsx'));
    const ws = wb.worksheets[0];
    const text: string[] = [];
    const shown = (v: unknown) =>
      v && typeof v === 'object' && 'text' in v ? String((v as { text: unknown }).text) : String(v ?? '');
    ws.eachRow((row) => text.push((row.values as unknown[]).map(shown).join('|')));
    for (const f of HOSTILE) {
      const line = text.find((l) => l.includes(`坏-${f}`));
      expect({ f, line }).toEqual({ f, line: expect.stringMatching(/[\u4e00-\u9fff]{4}/) });
    }
    for (let i = 1; i <= 90; i++) {
      // A department's row links its result (and gives its score); the result is there.
      const result = `单位${String(i).padStart(3, '0')}-评价.xlsx`;
      expect(text.find((l) => l.includes(result))).toMatch(/\|\d+(\.\d+)?\|/);
      expect(fs.existsSync(path.join(outDir, result))).toBe(true);
    }
  }, 600_000);
});
