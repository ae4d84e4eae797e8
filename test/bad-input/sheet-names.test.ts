/**
 * Sheet names Excel allows — quotes, brackets, `!`, commas, `&`, spaces, up to 31 characters — work
 * everywhere (issue 24 item 6): the names read (corpus.test.ts), and here the links of our sheets, the
 * marks on the input cells, the messages, a second run and `clear`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { main } from '../../src/cli/main';
import { BAD_INPUT_DIR } from '../fixtures/bad-input/generate';
import { SAMPLE_XLSX } from '../helpers/sample';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-sheet-names-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const unescape = (s: string) =>
  s.replace(
    /&(amp|lt|gt|quot|apos);/g,
    (m) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" })[m]!
  );

/** Sheet name → its part's XML, and every hyperlink location of the package. */
async function sheetsOf(file: string): Promise<{ xml: Map<string, string>; links: string[] }> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const xml = new Map<string, string>();
  const links: string[] = [];
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = unescape(/\bname="([^"]*)"/.exec(m[0])![1]);
    const rid = /r:id="([^"]*)"/.exec(m[0])![1];
    const target = new RegExp(`<Relationship\\b[^>]*Id="${rid}"[^>]*Target="([^"]*)"`).exec(rels)![1];
    const text = await zip.file(`xl/${target}`)!.async('string');
    xml.set(name, text);
    for (const l of text.matchAll(/<hyperlink\b[^>]*\blocation="([^"]*)"/g)) links.push(unescape(l[1]));
  }
  return { xml, links };
}

describe.each([
  ['ok-sheet-name-punctuation.xlsx', "O'Neil's 基础数据 (2021) 表 ABCD!"],
  ['ok-sheet-name-31-chars.xlsx', '收支总表, 2021【决算】 "A" & B\'s! (修订版)'],
])('%s', (file, sheet) => {
  const input = path.join(BAD_INPUT_DIR, file);
  const result = path.join(tmp, `结果-${file}`);
  const again = path.join(tmp, `再次-${file}`);
  const cleared = path.join(tmp, `清除-${file}`);
  let first: Awaited<ReturnType<typeof cli>>;
  /** The sample's counts line (错误 … 项、提示 … 项；待补 … 项 …): the renamed sheet must give the same. */
  let sampleCounts: string;

  beforeAll(async () => {
    first = await cli('evaluate', input, '-o', result);
    sampleCounts = (await cli('evaluate', SAMPLE_XLSX)).out.split('\n').find((l) => /^错误 \d+ 项/.test(l))!;
  }, 60_000);

  test('the findings are the sample’s, and the messages name the cells on that sheet', () => {
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(sampleCounts).toMatch(/^错误 \d+ 项、提示 \d+ 项；待补 \d+ 项（另有连带问题 \d+ 项）$/);
    expect(first.out).toContain(sampleCounts);
    expect(first.out).toContain(`${sheet}!B`);
  });

  test('every link to that sheet resolves: quoted, its apostrophes doubled, to a sheet of the workbook', async () => {
    const { xml, links } = await sheetsOf(result);
    const quoted = `'${sheet.replace(/'/g, "''")}'!`;
    const toSheet = links.filter((l) => l.startsWith(quoted));
    expect(toSheet.length).toBeGreaterThan(0);
    for (const l of links) {
      const m = /^'((?:[^']|'')+)'!\$?[A-Z]{1,3}\$?\d+$/.exec(l);
      expect({ l, ok: m !== null && xml.has(m[1].replace(/''/g, "'")) }).toEqual({ l, ok: true });
    }
  });

  test('marks go on its cells, a second run gives the same, and clear gives the sheet back as it was', async () => {
    const before = (await sheetsOf(input)).xml.get(sheet)!;
    const marked = (await sheetsOf(result)).xml.get(sheet)!;
    expect(marked).not.toBe(before); // at least one of its cells wears a mark
    const second = await cli('evaluate', result, '-o', again);
    expect(second.code).toBe(0);
    expect(second.out).toBe(first.out.split(result).join(again));
    expect((await sheetsOf(again)).xml.get(sheet)).toBe(marked);
    const c = await cli('clear', result, '-o', cleared);
    expect(c.code).toBe(0);
    expect((await sheetsOf(cleared)).xml.get(sheet)).toBe(before);
  }, 60_000);
});
