/**
 * Nothing lost, nothing hangs: outputs never replace inputs, writes are atomic, hostile files
 * (devices, FIFOs, bombs) are refused in Chinese, and a batch survives whatever its folder holds.
 */
import { execFile, execFileSync } from 'child_process';
import { promisify } from 'util';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { listWorkbooks, safeFileName } from '../../src/cli/batch';
import { main } from '../../src/cli/main';
import { cleanText } from '../../src/cli/text';
import { ioProblem, openWorkbook } from '../../src/hosts/file/node';
import { readInputs, scanDefinedNames } from '../../src/hosts/file/xlsx';
import { evaluate } from '../../src/core/engine';
import { crc32, tableCrc32 } from '../../src/hosts/file/zip';
import { SAMPLE_XLSX } from '../helpers/sample';
import { FEATURES } from '../hosts/keep-parts.fixtures';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-robust-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const run = promisify(execFile);
const BIN = path.join(__dirname, '..', '..', 'bin', 'jixiao.js');
async function bin(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: tmp });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout, err: err.stderr };
  }
}

const copyOfSample = (name: string) => {
  const p = path.join(tmp, name);
  fs.copyFileSync(SAMPLE_XLSX, p);
  return p;
};

describe('outputs never replace inputs', () => {
  test.each([
    ['-o equal to the input', (input: string) => ['-o', input], '结果工作簿（-o）'],
    ['--json equal to the input', (input: string) => ['--json', input], '结果 JSON（--json）'],
    ['--docx equal to the input', (input: string) => ['--docx', input], '报告（--docx）'],
    [
      '-o through another spelling of the path',
      (input: string) => [
        '-o',
        path.join(path.dirname(input), '.', '..', path.basename(path.dirname(input)), path.basename(input)),
      ],
      '结果工作簿（-o）',
    ],
  ])('%s is refused (exit 2) and the input is unchanged byte for byte', async (_what, outputs, role) => {
    const input = copyOfSample('同一文件.xlsx');
    const before = fs.readFileSync(input);
    const r = await cli('evaluate', input, ...outputs(input));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${role} `);
    expect(r.err).toContain('是同一个文件；输出绝不覆盖输入，请另选输出文件名');
    expect(fs.readFileSync(input).equals(before)).toBe(true);
  });

  test('a symbolic link to the input is the input: refused as an output that cannot be written (exit 6)', async () => {
    const input = copyOfSample('原件.xlsx');
    const link = path.join(tmp, '快捷方式.xlsx');
    fs.symlinkSync(input, link);
    const r = await cli('evaluate', input, '-o', link);
    expect(r.code).toBe(6);
    expect(r.err).toContain(`是输入工作簿 ${input} 的符号链接（同一个文件的另一个名字）`);
  });

  test('two outputs to one file are refused', async () => {
    const r = await cli(
      'evaluate',
      SAMPLE_XLSX,
      '-o',
      path.join(tmp, 'a.xlsx'),
      '--json',
      path.join(tmp, 'a.xlsx')
    );
    expect(r).toMatchObject({
      code: 2,
      err: expect.stringContaining('是同一个文件；请为每个输出另选文件名'),
    });
    expect(fs.existsSync(path.join(tmp, 'a.xlsx'))).toBe(false);
  });

  test('template and generate refuse to overwrite without --force (exit 6), and do with it', async () => {
    const filled = copyOfSample('已填写.xlsx');
    const before = fs.readFileSync(filled);
    const r = await cli('template', filled);
    expect(r).toEqual({ code: 6, out: '', err: `${filled} 已存在；如确要覆盖，请加 --force` });
    expect(fs.readFileSync(filled).equals(before)).toBe(true);
    expect((await cli('template', filled, '--force')).code).toBe(0);
    expect(fs.readFileSync(filled).equals(before)).toBe(false);
    const dir = path.join(tmp, 'gen');
    expect((await cli('generate', '1', '-o', dir)).code).toBe(0);
    expect((await cli('generate', '1', '-o', dir)).code).toBe(6);
    expect((await cli('generate', '1', '-o', dir, '--force')).code).toBe(0);
  });

  test('a write that fails leaves no partial file, no temporary file, and says why in Chinese (exit 6)', async () => {
    const target = path.join(tmp, '是文件夹.xlsx');
    fs.mkdirSync(target);
    const r = await cli('evaluate', SAMPLE_XLSX, '-o', target);
    expect(r).toMatchObject({ code: 6, err: `无法写入 ${target}：这是一个文件夹；请给出文件名` });
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test.each([
    ['EACCES', '没有权限写入 x.xlsx（文件或文件夹只读，或被系统保护）'],
    ['EPERM', '没有权限写入 x.xlsx'],
    ['EISDIR', '无法写入 x.xlsx：这是一个文件夹'],
    ['ENOSPC', '无法写入 x.xlsx：磁盘空间不足；原有文件未被改动'],
    ['EBUSY', '无法写入 x.xlsx：文件正被其他程序占用（可能已在 Excel 或 WPS 中打开）'],
    ['EEXIST', 'x.xlsx 已存在；如确要覆盖，请加 --force'],
  ])('%s is told in Chinese', (code, message) => {
    expect(ioProblem(Object.assign(new Error(code), { code }), 'x.xlsx', '写入')).toContain(message);
  });
});

describe('bounded reading', () => {
  test('a device and a FIFO are refused at once (exit 3), never read', async () => {
    const r = await cli('evaluate', '/dev/zero');
    expect(r).toMatchObject({ code: 3, err: '/dev/zero 不是普通文件（是管道、设备或套接字），已拒绝读取' });
    const fifo = path.join(tmp, '管道.xlsx');
    execFileSync('mkfifo', [fifo]);
    expect(await cli('evaluate', fifo)).toMatchObject({
      code: 3,
      err: `${fifo} 不是普通文件（是管道、设备或套接字），已拒绝读取`,
    });
    const link = path.join(tmp, '零.xlsx');
    fs.symlinkSync('/dev/zero', link);
    expect((await cli('evaluate', link)).code).toBe(3);
  });

  test('reading without -o loads only the sheets holding our names', async () => {
    const book = await openWorkbook(SAMPLE_XLSX, 'read');
    const full = await openWorkbook(SAMPLE_XLSX, 'write');
    const cells = (wb: ExcelJS.Workbook, name: string) => wb.getWorksheet(name)!.actualRowCount;
    expect(cells(full.wb, '填表说明')).toBeGreaterThan(0);
    expect(cells(book.wb, '填表说明')).toBe(0); // holds none of our names
    expect(cells(book.wb, '收支总表')).toBe(cells(full.wb, '收支总表'));
  });

  test('workbook.xml names are scanned linearly: 120,000 self-closing names', () => {
    const xml = `<workbook><definedNames>${'<definedName name="x"/>'.repeat(120_000)}<definedName name="单位名称">基本情况!$B$6</definedName></definedNames></workbook>`;
    const found = scanDefinedNames(xml);
    expect(found).toHaveLength(120_001);
    expect(found[120_000]).toMatchObject({ body: '基本情况!$B$6' });
  });

  test('CRC-32 as the zip format defines it', () => {
    expect(crc32(Buffer.from('123456789')).toString(16)).toBe('cbf43926');
    expect(crc32(Buffer.alloc(0))).toBe(0);
    // zlib's native CRC-32 and the table (the fallback) agree, in one piece and chained over pieces.
    const data = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 251));
    expect(tableCrc32(Buffer.from('123456789')).toString(16)).toBe('cbf43926');
    expect(tableCrc32(data)).toBe(crc32(data));
    expect(crc32(data.subarray(40_000), crc32(data.subarray(0, 40_000)))).toBe(tableCrc32(data));
    expect(tableCrc32(data.subarray(40_000), tableCrc32(data.subarray(0, 40_000)))).toBe(crc32(data));
  });
});

describe('clean text', () => {
  test('control and escape characters are stripped; cells are cut at 32,767 characters with a marker', () => {
    expect(cleanText('单位\u001b[2J\u001b]0;x\u0007名称\u202e\u200b')).toBe('单位[2J]0;x名称');
    const long = cleanText('字'.repeat(40_000), { cell: true });
    expect(long).toHaveLength(32_767);
    expect(long.endsWith('……（内容过长，已截断）')).toBe(true);
  });

  test('batch output names cannot leave the output folder or become UNC links', () => {
    expect(safeFileName('\\\\host\\share\\x')).toBe('__host_share_x');
    expect(safeFileName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFileName('\u0000')).toBe('工作簿');
  });
});

describe('batch never dies', () => {
  test('.xlsm is evaluated into an .xlsm keeping its macros; FIFOs, devices, .xls, duplicates, earlier outputs and workbooks without our names are listed with a reason', async () => {
    const dir = path.join(tmp, 'batch-in');
    fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
    fs.copyFileSync(SAMPLE_XLSX, path.join(dir, '样例.xlsx'));
    fs.linkSync(path.join(dir, '样例.xlsx'), path.join(dir, 'sub', '同一个.xlsx'));
    const macro = Buffer.from(
      await FEATURES.find((f) => f.name === 'vba')!.build(fs.readFileSync(SAMPLE_XLSX))
    );
    fs.writeFileSync(path.join(dir, '宏.xlsm'), macro);
    // Named .xlsm but not macro-enabled inside: its result is an .xlsx, as `evaluate` requires.
    fs.copyFileSync(SAMPLE_XLSX, path.join(dir, '伪宏.xlsm'));
    fs.writeFileSync(path.join(dir, '旧版.xls'), 'x');
    execFileSync('mkfifo', [path.join(dir, '管道.xlsx')]);
    fs.symlinkSync('/dev/zero', path.join(dir, '零.xlsx'));
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('Sheet1').getCell('A1').value = 1;
    await plain.xlsx.writeFile(path.join(dir, '别的表.xlsx'));
    const out = path.join(dir, '结果'); // the output folder inside the input, as on a re-run
    fs.mkdirSync(out);
    fs.copyFileSync(SAMPLE_XLSX, path.join(out, '样例-评价.xlsx'));
    const listed = await listWorkbooks(dir, out);
    expect(listed.files.map((f) => path.relative(dir, f))).toEqual([
      'sub/同一个.xlsx',
      '伪宏.xlsm',
      '别的表.xlsx',
      '宏.xlsm',
      '旧版.xls',
    ]);
    // As a user runs it (the workers are the built lib/cli/batchWorker.js).
    const r = await bin('batch', dir, '-o', out, '--workers', '64');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`并行数已限制为 ${os.availableParallelism()}（本机可用的处理器核数）`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, '汇总.xlsx'));
    const reasons = new Map<string, string>();
    wb.getWorksheet('汇总')!.eachRow((row, n) => {
      if (n <= 2) return;
      const v = (row.values as ExcelJS.CellValue[]).map((c) =>
        c && typeof c === 'object' && 'text' in c ? String(c.text) : String(c ?? '')
      );
      reasons.set(v[v.length - 2], `${v[v.length - 1]}|${v[v.length - 3]}`);
    });
    expect(reasons.get('样例.xlsx')).toBe('无法评价|与 sub/同一个.xlsx 是同一个文件（链接），只评价一次');
    expect(reasons.get('宏-评价.xlsm')).toMatch(/^已评价\|/);
    expect(reasons.get('伪宏-评价.xlsx')).toMatch(/^已评价\|/);
    expect(fs.existsSync(path.join(out, '宏-评价.xlsx'))).toBe(false);
    const vbaOf = async (bytes: Buffer) =>
      (await JSZip.loadAsync(bytes)).file('xl/vbaProject.bin')!.async('nodebuffer');
    const result = fs.readFileSync(path.join(out, '宏-评价.xlsm'));
    expect((await vbaOf(result)).equals(await vbaOf(macro))).toBe(true);
    expect(await (await JSZip.loadAsync(result)).file('[Content_Types].xml')!.async('string')).toContain(
      'application/vnd.ms-excel.sheet.macroEnabled.main+xml'
    );
    // .xls is read now (test/import/formats.test.ts); this one is text named .xls.
    expect(reasons.get('旧版.xls')).toBe(
      '无法评价|无法打开工作簿：文件不是有效的Excel 97–2003 工作簿（.xls），可能已损坏、不完整，或是其他格式的文件改了扩展名'
    );
    expect(reasons.get('管道.xlsx')).toBe('无法评价|不是普通文件（是管道、设备或套接字），已跳过');
    expect(reasons.get('零.xlsx')).toBe('无法评价|不是普通文件（是管道、设备或套接字），已跳过');
    expect(reasons.get('结果')).toBe('无法评价|这是本次的输出文件夹，其中的文件是本工具的输出，不再评价');
    expect(reasons.get('别的表.xlsx')).toMatch(/^无法评价\|工作簿中没有任何本工具的名称/);
    expect(reasons.get('同一个-评价.xlsx')).toMatch(/^已评价\|/);
  });

  test('--rules is validated once, before any workbook', async () => {
    const rules = path.join(tmp, '规则.json');
    fs.writeFileSync(rules, '{ 不是 json');
    const r = await cli('batch', tmp, '-o', path.join(tmp, 'never'), '--rules', rules);
    expect(r.code).toBe(3);
    expect(r.err).toContain(`评分规则文件 ${rules} 有误`);
    expect(fs.existsSync(path.join(tmp, 'never'))).toBe(false);
  });

  test('generate caps --rows with a message (exit 2), writing nothing', async () => {
    const r = await cli('generate', '1', '-o', path.join(tmp, 'never'), '--rows', '25001');
    expect(r.code).toBe(2);
    expect(r.err).toContain('项目行数（--rows）最多为 25000：25001');
    expect(fs.existsSync(path.join(tmp, 'never'))).toBe(false);
  });

  test('generate grows the project table to the rows it writes: the name covers them, the 合计 block moves below, nothing overwritten', async () => {
    const dir = path.join(tmp, 'grown');
    expect((await cli('generate', '1', '-o', dir, '--rows', '45', '--seed', '3')).code).toBe(0);
    const book = await openWorkbook(path.join(dir, '单位0001.xlsx'), 'read');
    const reading = readInputs(book);
    // The template holds 30 rows (项目支出!A7:G36); 45 written rows take A7:G51 and push 合计 (B40:B43 in the template) down by 15.
    expect(reading.inputs['项目支出明细表'].address).toBe('项目支出!A7:G51');
    expect(reading.inputs['项目支出明细表'].values!.filter((row) => row[0] !== null)).toHaveLength(45);
    expect(reading.inputs['项目_合计_决算数'].address).toBe('项目支出!B58');
    // The table's rows add up to the 合计 it states: nothing was written over it.
    const sum = reading.inputs['项目支出明细表'].values!.reduce((a, row) => a + Number(row[5] ?? 0), 0);
    expect(sum).toBeCloseTo(Number(reading.inputs['项目_合计_决算数'].values![0][0]), 2);
    // And the engine finds nothing wrong on the project sheet (rows and 合计 reconcile).
    const { plan } = evaluate(reading);
    expect(plan.marks.filter((m) => m.address.startsWith('项目支出!'))).toEqual([]);
  });
});
