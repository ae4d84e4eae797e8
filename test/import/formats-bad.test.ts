/**
 * Damaged, disguised and oversized .xls / .et / .ods inputs: each is refused with a Chinese message
 * (exit 3), never a crash or a hang. Files are built here: a real .xls written by SheetJS from the
 * sample, then cut or corrupted; compound files and zips assembled with SheetJS's CFB and JSZip.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import * as XLSX from '@e965/xlsx';
import { main } from '../../src/cli/main';
import { openWorkbook, ReadError } from '../../src/hosts/file/node';
import { SAMPLE_XLSX } from '../helpers/sample';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-formats-bad-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const sampleXls = (() => {
  const wb = XLSX.read(fs.readFileSync(SAMPLE_XLSX), { type: 'buffer', cellNF: true, cellDates: true });
  return XLSX.write(wb, { type: 'buffer', bookType: 'xls' }) as Buffer;
})();

function write(name: string, bytes: Uint8Array): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, bytes);
  return p;
}

async function evaluate(file: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['evaluate', file, '-o', path.join(tmp, 'never.xlsx')], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A compound file holding the given streams (what .xls, .doc and encrypted .xlsx are). */
function compound(streams: Record<string, Uint8Array>): Buffer {
  const cfb = XLSX.CFB.utils.cfb_new();
  for (const [name, data] of Object.entries(streams)) XLSX.CFB.utils.cfb_add(cfb, name, data);
  return XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer;
}

test('the .xls written by SheetJS from the sample reads (the base of the cases below)', async () => {
  // SheetJS's BIFF8 writer writes no defined names; the sheets and their values are there.
  const book = await openWorkbook(write('ok.xls', sampleXls), 'write');
  expect(book.wb.worksheets.map((w) => w.name)).toContain('收支总表');
  expect(book.wb.getWorksheet('基本情况')!.actualRowCount).toBeGreaterThan(5);
});

describe.each([
  ['cut in half', 'half.xls', () => sampleXls.subarray(0, sampleXls.length >> 1)],
  [
    'its header zeroed',
    'header.xls',
    () => Buffer.concat([sampleXls.subarray(0, 8), Buffer.alloc(504), sampleXls.subarray(512)]),
  ],
  ['text named .xls', 'text.xls', () => Buffer.from('单位名称,收入\n某局,1\n')],
  ['text named .et', 'text.et', () => Buffer.from('not a workbook')],
  [
    'a Word document (a compound file without a workbook stream)',
    'word.xls',
    () => compound({ WordDocument: Buffer.alloc(4096, 1) }),
  ],
  [
    'encrypted (an EncryptedPackage stream)',
    'locked.xlsx',
    () => compound({ EncryptedPackage: Buffer.alloc(4096, 7), EncryptionInfo: Buffer.alloc(256, 1) }),
  ],
  ['an .ods zip bomb', 'bomb.ods', () => bomb()],
  ['over the size bound', 'huge.xls', () => compound({ Workbook: Buffer.alloc(33 * 2 ** 20) })],
  [
    'a .fods of 1 KB standing for 16 billion cells',
    'repeats.fods',
    () => Buffer.from(repeats(1_000_000, 16_000)),
  ],
  ['an .ods standing for a million cells', 'repeats.ods', () => odsOf(repeats(1000, 1000))],
])('an input %s', (_what, name, build) => {
  const expected: Record<string, RegExp> = {
    'half.xls': /^无法打开工作簿：文件(已损坏或不完整|不是有效的Excel 97–2003 工作簿（\.xls）)/,
    'header.xls': /^无法打开工作簿：文件(已损坏或不完整|不是有效的Excel 97–2003 工作簿（\.xls）)/,
    'text.xls': /^无法打开工作簿：文件不是有效的Excel 97–2003 工作簿（\.xls），可能已损坏/,
    'text.et': /^无法打开工作簿：文件不是有效的WPS 表格（\.et），可能已损坏/,
    'word.xls': /^无法打开工作簿：文件不是电子表格（是 Word 文档等其他 Office 文件）$/,
    'locked.xlsx':
      /^无法打开工作簿：工作簿设有打开密码（已加密）；请在 Excel 或 WPS 中取消密码后另存，再重试$/,
    'bomb.ods':
      /^无法打开工作簿：部件 content\.xml 解压后有 24 MB（压缩后 [\d.]+ KB，压缩比 \d+ 倍），疑似“压缩炸弹”/,
    'huge.xls': /^Excel 97–2003 工作簿（\.xls）文件有 33 MB，超过可读取的上限 32 MB$/,
    'repeats.fods': /^OpenDocument 表格（\.fods）中重复的行列展开后超过 300000 个单元格，超出可处理的范围/,
    'repeats.ods': /^OpenDocument 表格（\.ods）中重复的行列展开后超过 300000 个单元格，超出可处理的范围/,
  };
  test('exit 3 with a Chinese message, nothing written', async () => {
    const file = write(name, await build());
    const r = await evaluate(file);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(expected[name]);
    expect(fs.existsSync(path.join(tmp, 'never.xlsx'))).toBe(false);
  });
});

/** One row of one value, repeated: what LibreOffice writes for a filled block, taken to extremes. */
function repeats(rows: number, columns: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:body><office:spreadsheet><table:table table:name="表"><table:table-row table:number-rows-repeated="${rows}"><table:table-cell table:number-columns-repeated="${columns}" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document>`;
}

async function odsOf(flat: string): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE' });
  zip.file('META-INF/manifest.xml', '<manifest:manifest/>');
  zip.file('content.xml', flat.replace('<office:document ', '<office:document-content '));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

async function bomb(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE' });
  zip.file('META-INF/manifest.xml', '<manifest:manifest/>');
  zip.file('content.xml', ' '.repeat(24 * 2 ** 20));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

test('a sheet with more rows than the bound is refused, not cut', async () => {
  const file = write(
    'long.fods',
    Buffer.from(repeats(100_002, 1).replace('table:name="表"', 'table:name="长表"'))
  );
  await expect(openWorkbook(file)).rejects.toThrow('工作表“长表”超过 100000 行，超出可处理的范围');
});

/** A small deterministic generator, so a failing case can be replayed. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('60 .xls files with bytes overwritten at random either read or are refused in Chinese, each promptly', async () => {
  const random = mulberry32(25);
  const outcomes = { read: 0, refused: 0 };
  const slowest = { ms: 0 };
  for (let i = 0; i < 60; i++) {
    const bytes = Buffer.from(sampleXls);
    // Half the cases hit the compound file's own structures (header, FAT, directory), half anywhere.
    const span = i % 2 === 0 ? 4096 : bytes.length;
    for (let k = 0; k < 1 + Math.floor(random() * 16); k++)
      bytes[Math.floor(random() * span)] = Math.floor(random() * 256);
    const file = write(`fuzz-${i}.xls`, bytes);
    const started = Date.now();
    try {
      await openWorkbook(file);
      outcomes.read++;
    } catch (e) {
      expect([i, e instanceof ReadError ? 'ReadError' : (e as Error).stack]).toEqual([i, 'ReadError']);
      expect((e as Error).message).toMatch(/^[^a-z]*[\u4e00-\u9fff]/i);
      outcomes.refused++;
    }
    slowest.ms = Math.max(slowest.ms, Date.now() - started);
  }
  // Seed 25: some survive (a flipped byte inside a cell's value), most are refused.
  expect(outcomes.read + outcomes.refused).toBe(60);
  expect(outcomes.refused).toBeGreaterThan(0);
  expect(slowest.ms).toBeLessThan(20_000);
});
