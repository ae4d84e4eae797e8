/**
 * After another program saved the result (issue 24 item 5, issue 23 item 5). The user opens Jixiao's
 * result in LibreOffice (headless, a StarBasic macro: keep-parts.libreoffice.ts), appends to one of
 * our notes, refills a marked cell, types a new value into another, inserts a row above the marks of
 * 财政拨款 and saves. LibreOffice renumbers every style, rewrites the notes (VML without o:idmap,
 * comments in runs) and moves the names with their cells. `clear` must then take off exactly our part,
 * and a new run must mark the moved cells with shape ids unique across the package.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { INPUTS } from '../../src/catalogue/inputs';
import { preparePackage } from '../../src/hosts/file/package';
import { StyleSheet } from '../../src/hosts/file/styleSheet';
import { loadXlsx } from '../../src/hosts/file/xlsx';
import { run, USER_NOTE } from './keep-parts.fixtures';
import { editInLibreOffice, hasSoffice } from './keep-parts.libreoffice';

const SAMPLE = path.join(__dirname, '..', '..', 'samples', '衡阳市科协-2021.xlsx');
const OPENPYXL = path.join(__dirname, '..', 'fixtures', 'keep-parts', 'openpyxl-comments.xlsx');
const OURS = /^(指标计算表|评分表|问题清单|报告草稿|_jixiao_state)/;

async function partsOf(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, string>();
  for (const f of Object.values(zip.files)) if (!f.dir) out.set(f.name, await f.async('string'));
  return out;
}

/** What a reader sees of each cell of the user's sheets: value, fill, border and note. */
async function looks(bytes: Uint8Array): Promise<Map<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const out = new Map<string, string>();
  for (const ws of wb.worksheets) {
    if (OURS.test(ws.name)) continue;
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (c) => {
        const fill =
          c.fill?.type === 'pattern' && c.fill.pattern !== 'none' ? (c.fill.fgColor?.argb ?? '?') : '-';
        const border = (['top', 'left', 'bottom', 'right'] as const)
          .map((e) => (c.border?.[e]?.style ? `${c.border[e]!.style}/${c.border[e]!.color?.argb ?? ''}` : ''))
          .join(',');
        const note = c.note
          ? typeof c.note === 'string'
            ? c.note
            : (c.note.texts ?? []).map((t) => t.text).join('')
          : '';
        const v = c.value as { richText?: Array<{ text: string }> } | null;
        const value = JSON.stringify(v?.richText ? v.richText.map((t) => t.text).join('') : c.value);
        out.set(`${ws.name}!${c.address}`, JSON.stringify({ value, fill, border, note }));
      })
    );
  }
  return out;
}

/** Every VML drawing of a package: well-formed with its prefixes declared, numbered shape ids unique across the package, each inside a block its own drawing claims and no block claimed twice. */
function checkDrawings(parts: Map<string, string>): { shapes: number } {
  const seen = new Map<number, string>();
  const blocks = new Map<number, string>();
  let shapes = 0;
  for (const [name, xml] of parts) {
    if (!name.endsWith('.vml')) continue;
    execFileSync('xmllint', ['--noout', '-'], { input: xml, stdio: ['pipe', 'ignore', 'pipe'] });
    const own = [...xml.matchAll(/<(?:[\w.-]+:)?idmap\b[^>]*\bdata="([^"]*)"/g)].flatMap((m) =>
      m[1].split(',').map(Number)
    );
    for (const b of own) {
      expect([name, b, blocks.get(b)]).toEqual([name, b, undefined]);
      blocks.set(b, name);
    }
    for (const m of xml.matchAll(/\bid="_x0000_s(\d+)"/g)) {
      const id = Number(m[1]);
      expect([name, id, seen.get(id)]).toEqual([name, id, undefined]);
      seen.set(id, name);
      expect([name, id, own.includes(Math.floor(id / 1024))]).toEqual([name, id, true]);
      shapes++;
    }
  }
  return { shapes };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-roundtrip-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

(hasSoffice ? describe : describe.skip)('after LibreOffice saved the result with the user’s edits', () => {
  let first: Awaited<ReturnType<typeof run>>;
  let edited: Buffer;
  beforeAll(async () => {
    first = await run(fs.readFileSync(SAMPLE), 'evaluate');
    edited = editInLibreOffice(
      first.out,
      `
  sh = doc.Sheets.getByName("收支总表")
  c = sh.getCellRangeByName("B7")
  c.Annotation.setString(c.Annotation.getString() & Chr(10) & "会计补充：已与决算核对")
  sh.getCellRangeByName("B17").CellBackColor = RGB(0, 176, 80)
  sh.getCellRangeByName("B22").setValue(1200)
  doc.Sheets.getByName("财政拨款").Rows.insertByIndex(4, 1)`,
      dir
    );
  }, 180_000);

  test('the cells the user edited are marks, and LibreOffice renumbered the styles and dropped the drawings’ idmaps', async () => {
    const marked = new Set(first.evaluation!.plan.marks.map((m) => m.address));
    for (const a of ['收支总表!B7', '收支总表!B17', '收支总表!B22', '财政拨款!D6', '财政拨款!B7'])
      expect(marked.has(a)).toBe(true);
    expect(first.evaluation!.plan.marks.find((m) => m.address === '收支总表!B17')!.severity).toBe('错误');
    const parts = await partsOf(edited);
    const vml = [...parts].filter(([n]) => n.endsWith('.vml'));
    expect(vml.length).toBeGreaterThan(0);
    for (const [, xml] of vml) expect(xml).not.toMatch(/idmap/);
    expect(parts.get('xl/styles.xml')).not.toBe((await partsOf(first.out)).get('xl/styles.xml'));
  });

  test('clear takes off every mark and keeps every change of the user’s: the user’s sheets read as the input with those changes', async () => {
    const cleared = await run(edited, 'clear');
    const marks = new Set(first.evaluation!.plan.marks.map((m) => m.address)).size;
    expect(cleared.result.clear).toEqual({ restored: marks, ignored: [], moved: [] });
    const [before, after] = await Promise.all([looks(fs.readFileSync(SAMPLE)), looks(cleared.out)]);
    // 财政拨款 has one more row above row 5: the cell at row r (r ≥ 5) is now at r + 1.
    const moved = (address: string) =>
      address.replace(/^财政拨款!([A-Z]+)(\d+)$/, (m, c: string, r: string) =>
        Number(r) >= 5 ? `财政拨款!${c}${Number(r) + 1}` : m
      );
    const changed: string[] = [];
    for (const [address, look] of before) {
      const now = after.get(moved(address));
      if (now === look) continue;
      const [x, y] = [JSON.parse(look), JSON.parse(now ?? '{}')] as Array<Record<string, string>>;
      for (const k of Object.keys(x)) if (x[k] !== y[k]) changed.push(`${address} ${k}: ${x[k]} → ${y[k]}`);
    }
    expect(changed).toEqual([
      '收支总表!B7 note:  → 会计补充：已与决算核对',
      '收支总表!B17 fill: FFFFCC99 → FF00B050',
      '收支总表!B22 value: 1197.09 → 1200',
    ]);
    // Nothing of ours is left anywhere: no note of ours, no mark fill, no error border.
    const text = [...(await partsOf(cleared.out))]
      .filter(([n]) => /comments/.test(n))
      .map(([, x]) => x)
      .join('');
    expect(text).not.toContain('绩效自评助手');
  }, 120_000);

  test('a run on the saved file marks the moved cells, numbers its note shapes uniquely across the package, and twice = once', async () => {
    const second = await run(edited, 'evaluate');
    // LibreOffice rewrote our sheets but not their content: still ours by marker and digest.
    expect(second.result.renamed).toEqual([]);
    expect(second.result.clear.moved).toEqual([]);
    expect(second.result.clear.ignored).toEqual([]);
    const parts = await partsOf(second.out);
    expect(checkDrawings(parts).shapes).toBeGreaterThan(0);
    // LibreOffice saved the state sheet as hidden only; it is very hidden again.
    expect((await partsOf(edited)).get('xl/workbook.xml')).toMatch(
      /<sheet name="_jixiao_state"[^>]*state="hidden"/
    );
    expect(parts.get('xl/workbook.xml')).toMatch(/<sheet name="_jixiao_state"[^>]*state="veryHidden"/);
    // The marks sit on the cells the names point at now (one row lower in 财政拨款).
    const findings = await looks(second.out);
    expect(JSON.parse(findings.get('财政拨款!D7')!).note).toContain('【绩效自评助手】');
    expect(JSON.parse(findings.get('财政拨款!D6')!).note).toBe('');
    // The user's addition is now the cell's own note; ours follows it.
    expect(JSON.parse(findings.get('收支总表!B7')!).note).toMatch(
      /^会计补充：已与决算核对\n——绩效自评助手——\n【错误】/
    );
    const third = await run(second.out, 'evaluate');
    const again = await partsOf(third.out);
    for (const [name, xml] of parts) expect([name, again.get(name) === xml]).toEqual([name, true]);
    // Clearing that run gives back every part of the saved file's user sheets and notes as clearing the saved file did.
    const [a, b] = await Promise.all([run(edited, 'clear'), run(second.out, 'clear')]);
    const [pa, pb] = await Promise.all([partsOf(a.out), partsOf(b.out)]);
    for (const [name, xml] of pa)
      if (/^xl\/(comments|drawings\/|worksheets\/sheet([1-9]|1[0-3])\.xml)/.test(name))
        expect([name, pb.get(name) === xml]).toEqual([name, true]);
  }, 180_000);
});

describe('workbooks whose notes ExcelJS cannot read (openpyxl)', () => {
  test('ExcelJS alone refuses the file; evaluate needs no notes, the whole-workbook load reads it without them and says so, and the result keeps the notes', async () => {
    const input = fs.readFileSync(OPENPYXL);
    const raw = new ExcelJS.Workbook();
    await expect(raw.xlsx.load(input as unknown as ArrayBuffer)).rejects.toThrow(/comments/);
    // Reading for evaluate loads no notes part at all (only the parts it uses), so nothing is left unread.
    const forReading = await loadXlsx(
      preparePackage(
        input,
        'read',
        INPUTS.map((d) => d.name)
      )
    );
    expect(forReading.notesUnread).toBeUndefined();
    // The whole workbook (as the web page and the writer load it) is read without its notes, and says so.
    const book = await loadXlsx(input);
    expect(book.notesUnread).toEqual(['收支总表']);
    const { main } = await import('../../src/cli/main');
    const lines: string[] = [];
    const out = path.join(dir, 'openpyxl-评价.xlsx');
    const code = await main(['evaluate', OPENPYXL, '-o', out], {
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
    });
    expect(code).toBe(0);
    // The command line reads no notes, so it has nothing to say about them.
    expect(lines.join('\n')).not.toContain('批注格式无法解析');
    const parts = await partsOf(fs.readFileSync(out));
    // The user's note on a marked cell keeps its text ahead of ours; the drawing (ns0:/ns1: prefixes) takes our shapes well-formed.
    expect(parts.get('xl/comments/comment1.xml')).toContain(`${USER_NOTE}\n——绩效自评助手——\n`);
    expect(checkDrawings(parts).shapes).toBeGreaterThan(0);
  }, 60_000);
});

describe('in styles as Jixiao left them, the user changed the fill or the border of an error mark', () => {
  test('clear takes off only the part still ours: the user’s border stays when the fill goes, the user’s fill stays when the border goes', async () => {
    const first = await run(fs.readFileSync(SAMPLE), 'evaluate');
    const errors = first.evaluation!.plan.marks.filter(
      (m) => m.severity === '错误' && m.address.startsWith('基础数据!')
    );
    const [refill, reborder] = [errors[0].address.split('!')[1], errors[1].address.split('!')[1]];
    const zip = await JSZip.loadAsync(first.out);
    const wb = await zip.file('xl/workbook.xml')!.async('string');
    const rid = /<sheet [^>]*name="基础数据"[^>]*r:id="([^"]*)"/.exec(wb)![1];
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    const sheetPart = `xl/${new RegExp(`Id="${rid}"[^>]*Target="([^"]*)"`).exec(rels)![1]}`;
    const styles = new StyleSheet(await zip.file('xl/styles.xml')!.async('string'));
    let sheet = await zip.file(sheetPart)!.async('string');
    const styleOf = (ref: string) => Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(sheet)![1]);
    // As Excel does: a new cell format, the same but for the part the user changed.
    const green = styles.withParts(styleOf(refill), {
      fill: '<fill><patternFill patternType="solid"><fgColor rgb="FF00B050"/><bgColor indexed="64"/></patternFill></fill>',
    });
    const thin = styles.withParts(styleOf(reborder), {
      border:
        '<border><left style="thin"><color rgb="FF0070C0"/></left><right style="thin"><color rgb="FF0070C0"/></right><top style="thin"><color rgb="FF0070C0"/></top><bottom style="thin"><color rgb="FF0070C0"/></bottom><diagonal/></border>',
    });
    sheet = sheet
      .replace(new RegExp(`(<c r="${refill}" s=")\\d+"`), `$1${green}"`)
      .replace(new RegExp(`(<c r="${reborder}" s=")\\d+"`), `$1${thin}"`);
    zip.file(sheetPart, sheet);
    zip.file('xl/styles.xml', styles.toXml());
    const edited = await zip.generateAsync({ type: 'uint8array' });

    const cleared = await run(edited, 'clear');
    expect(cleared.result.clear.ignored).toEqual([]);
    const [before, after] = await Promise.all([looks(fs.readFileSync(SAMPLE)), looks(cleared.out)]);
    const look = (m: Map<string, string>, ref: string) =>
      JSON.parse(m.get(`基础数据!${ref}`)!) as Record<string, string>;
    // The refilled cell: the user's green stays, our dark-red border goes back to the cell's own.
    expect(look(after, refill)).toEqual({ ...look(before, refill), fill: 'FF00B050' });
    // The re-bordered cell: the user's blue border stays, our fill goes back to the cell's own.
    expect(look(after, reborder)).toEqual({
      ...look(before, reborder),
      border: 'thin/FF0070C0,thin/FF0070C0,thin/FF0070C0,thin/FF0070C0',
    });
  }, 60_000);
});
