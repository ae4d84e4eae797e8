/**
 * `jixiao check-report` run as a user runs it (`node bin/jixiao.js`, lib/ built by pretest): a .txt,
 * a .docx and a PDF, --json and -o, --workbook, --strict, and every bad input it must refuse with a
 * Chinese message and exit 3 (or 2 for a usage error), never a crash.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { strFromU8, unzipSync } from 'fflate';
import { textDocx } from '../../src/hosts/report/docx';
import { textBlocks } from '../../src/hosts/report/text';
import { SAMPLE_XLSX } from '../helpers/sample';

jest.setTimeout(120_000);

const run = promisify(execFile);
const BIN = path.join(__dirname, '..', '..', 'bin', 'jixiao.js');
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'reports');
const SEED = path.join(FIXTURES, 'seed-2021.txt');
const SEED_PDF = path.join(FIXTURES, 'seed-2021.pdf');
const CONSISTENT = path.join(FIXTURES, 'consistent-2022.txt');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-check-report-'));

async function jixiao(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      cwd: tmp,
      maxBuffer: 16 * 2 ** 20,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Json {
  claims: Array<{
    text: string;
    where: string;
    kind: string;
    verdict: string;
    stated: string | null;
    computed: string | null;
  }>;
  summary: { claims: number; holds: number; fails: number; unverifiable: number };
}

const failsOf = (j: Json) => j.claims.filter((c) => c.verdict === '不成立');

describe('check-report', () => {
  test('a .txt: the claims printed, --json, and -o a new .docx carrying the comments', async () => {
    const json = path.join(tmp, 'seed.json');
    const out = path.join(tmp, '核对.docx');
    const r = await jixiao('check-report', SEED, '--json', json, '-o', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/共读出 \d+ 处数字说法：成立 \d+ 处，不成立 32 处，无法核实 \d+ 处/);
    expect(r.stdout).toContain('[不成立] 指标比率：预算完成率与所列分子、分母不符——所写 99.59%');
    expect(r.stdout).toContain(`已写入：${out}`);
    const j = JSON.parse(fs.readFileSync(json, 'utf8')) as Json;
    expect(j.summary.fails).toBe(32);
    expect(failsOf(j).find((c) => c.kind === '合计')).toMatchObject({
      stated: '836.79 万元',
      computed: '271.02 + 486.73 + 77.14 = 834.89 万元',
    });
    const parts = unzipSync(fs.readFileSync(out));
    expect((strFromU8(parts['word/comments.xml']).match(/<w:comment /g) ?? []).length).toBe(33);
  });

  test('a department’s .docx: comments added, every other part of the package byte for byte as it was', async () => {
    const input = path.join(tmp, '报告.docx');
    // A .docx whose text is the consistent report, with one figure changed: 在职 31 → 32.
    const text = fs.readFileSync(CONSISTENT, 'utf8').replace('实际在职31人', '实际在职32人');
    fs.writeFileSync(input, textDocx(textBlocks(text), []));
    const before = fs.readFileSync(input);
    const out = path.join(tmp, '报告-核对.docx');
    const r = await jixiao('check-report', input, '-o', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('不成立 2 处');
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    const a = unzipSync(before);
    const b = unzipSync(fs.readFileSync(out));
    expect(a['word/comments.xml']).toBeUndefined();
    for (const name of Object.keys(a))
      if (!['word/document.xml', 'word/_rels/document.xml.rels', '[Content_Types].xml'].includes(name))
        expect(Buffer.from(b[name]).equals(Buffer.from(a[name]))).toBe(true);
    expect(strFromU8(b['word/comments.xml'])).toContain('【不成立】在职人员控制率与所列分子、分母不符');
  });

  test('a PDF with a text layer: what it reads, it judges as the .txt (tables whose columns ran together are left out)', async () => {
    const json = path.join(tmp, 'pdf.json');
    const txtJson = path.join(tmp, 'txt.json');
    const out = path.join(tmp, 'pdf-核对.docx');
    const r = await jixiao('check-report', SEED_PDF, '--json', json, '-o', out);
    expect(r.code).toBe(0);
    expect((await jixiao('check-report', SEED, '--json', txtJson)).code).toBe(0);
    const flat = (s: string | null) => (s ?? '').replace(/\s/g, '');
    const fromTxt = new Set(
      failsOf(JSON.parse(fs.readFileSync(txtJson, 'utf8'))).map((c) => `${c.kind}|${flat(c.stated)}`)
    );
    const fromPdf = failsOf(JSON.parse(fs.readFileSync(json, 'utf8')));
    expect(fromPdf.length).toBeGreaterThanOrEqual(20);
    expect(fromPdf.filter((c) => !fromTxt.has(`${c.kind}|${flat(c.stated)}`))).toEqual([]);
    expect(fs.existsSync(out)).toBe(true);
  });

  test('a GBK text reads as the same text in UTF-8', async () => {
    const a = path.join(tmp, 'gbk.json');
    const b = path.join(tmp, 'utf8.json');
    expect(
      (await jixiao('check-report', path.join(FIXTURES, 'consistent-2022-gbk.txt'), '--json', a)).code
    ).toBe(0);
    expect((await jixiao('check-report', CONSISTENT, '--json', b)).code).toBe(0);
    const ja = JSON.parse(fs.readFileSync(a, 'utf8')) as Json;
    expect(ja.summary).toEqual((JSON.parse(fs.readFileSync(b, 'utf8')) as Json).summary);
    expect(ja.summary.fails).toBe(0);
  });

  test('--workbook: figures compared with the named cells; --strict exits 4 when a claim fails', async () => {
    const json = path.join(tmp, 'wb.json');
    const r = await jixiao('check-report', SEED, '--workbook', SAMPLE_XLSX, '--json', json, '--strict');
    expect(r.code).toBe(4);
    expect(r.stdout).toContain('对照工作簿');
    const j = JSON.parse(fs.readFileSync(json, 'utf8')) as Json;
    const wb = j.claims.filter((c) => c.kind === '与工作簿一致');
    expect(wb.length).toBeGreaterThan(30);
    expect(wb.filter((c) => c.verdict === '成立').length).toBeGreaterThan(20);
    expect((await jixiao('check-report', CONSISTENT, '--strict')).code).toBe(0);
  });
});

/** A one-page PDF with a drawing and no text: what a scanned report looks like to a text reader. */
function pdfWithoutText(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
  ];
  const stream = '0 0 m 500 700 l S';
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  offsets.push(body.length);
  body += `4 0 obj\n<< /Length ${stream.length} >>\nstream\n${stream}\nendstream\nendobj\n`;
  const xref = body.length;
  body += `xref\n0 5\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

describe('check-report refuses what it cannot read, in Chinese, without a crash', () => {
  const cases: Array<[string, string | Buffer, RegExp]> = [
    ['扫描件.pdf', pdfWithoutText(), /没有可读取的文字（可能是扫描件或图片）/],
    ['坏.pdf', Buffer.from('%PDF-1.7\n这不是 PDF'), /不是有效的 PDF|没有可读取的文字/],
    ['伪装.pdf', Buffer.from('PK\u0003\u0004 not a pdf'), /不是 PDF 文件/],
    ['乱码.docx', Buffer.from('这不是一个压缩包'), /不是有效的 \.docx 文件/],
    [
      '旧版.docx',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
      /旧版 Word（\.doc）/,
    ],
    ['空.txt', '', /空文件/],
    ['报告.wps', '一、概况', /无法识别报告文件/],
  ];
  test.each(cases)('%s', async (name, bytes, message) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, bytes);
    const r = await jixiao('check-report', file);
    expect({ code: r.code, crash: /内部错误|at .*\.js:\d+/.test(r.stderr) }).toEqual({
      code: 3,
      crash: false,
    });
    expect(r.stderr).toMatch(message);
  });

  test('a workbook given as the report', async () => {
    const file = path.join(tmp, '其实是工作簿.docx');
    fs.copyFileSync(SAMPLE_XLSX, file);
    const r = await jixiao('check-report', file);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('是 Excel 工作簿或 PowerPoint 文件，不是 Word 报告');
  });

  test('one sentence holding thousands of figures: read in one pass, each quote kept short', async () => {
    const file = path.join(tmp, '一句话.txt');
    const json = path.join(tmp, '一句话.json');
    const item = '工资福利支出271.02万元、商品和服务支出486.73元、对个人和家庭的补助77.14万元，';
    fs.writeFileSync(file, `2021年度报告\n${item.repeat(2000)}。\n`);
    const r = await jixiao('check-report', file, '--json', json);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('……另有');
    const j = JSON.parse(fs.readFileSync(json, 'utf8')) as Json;
    // Each 486.73元 among 万元 is a unit slip; every quote is a window of the sentence, not the whole of it.
    expect(j.claims.filter((c) => c.kind === '金额单位' && c.verdict === '不成立')).toHaveLength(2000);
    expect(Math.max(...j.claims.map((c) => c.text.length))).toBeLessThanOrEqual(244);
  });

  test('a text beyond a million characters', async () => {
    const file = path.join(tmp, '太长.txt');
    fs.writeFileSync(file, '一'.repeat(1_000_001));
    const r = await jixiao('check-report', file);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('超过可核对的上限');
  });

  test('a missing file', async () => {
    const r = await jixiao('check-report', path.join(tmp, '不存在.txt'));
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('找不到文件');
  });

  test('outputs never replace an input, and -o must be a .docx', async () => {
    const copy = path.join(tmp, 'copy.txt');
    fs.copyFileSync(SEED, copy);
    expect((await jixiao('check-report', copy, '--json', copy)).code).toBe(2);
    expect(fs.readFileSync(copy).equals(fs.readFileSync(SEED))).toBe(true);
    const r = await jixiao('check-report', copy, '-o', path.join(tmp, 'x.pdf'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('须为 .docx');
  });
});
