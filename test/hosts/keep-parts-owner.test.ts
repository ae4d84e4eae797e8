/**
 * A marker proves authorship only while the sheet is as we wrote it (issue 24 item 3). Each of our
 * sheets carries, beside its `_jixiao_sheet` marker, a `_jixiao_digest` of its content; a marked sheet
 * whose content no longer matches is the user's. The case: the user copies last year's 评分表 into this
 * year's workbook (Excel copies the sheet-scoped names with it) and types 40 rows into it.
 */
import * as fs from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { contentDigest, planDigest } from '../../src/core/markState';
import { sheetCells } from '../../src/hosts/file/sheetXml';
import { run } from './keep-parts.fixtures';

const SAMPLE = path.join(__dirname, '..', '..', 'samples', '衡阳市科协-2021.xlsx');

/** Sheet name → its part's text, and the workbook's defined names (name, sheet, value). */
async function sheetsOf(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const text = async (p: string) => (await zip.file(p)?.async('string')) ?? '';
  const wb = await text('xl/workbook.xml');
  const rels = await text('xl/_rels/workbook.xml.rels');
  const names = [...wb.matchAll(/<sheet\b[^>]*>/g)].map((m) => /\bname="([^"]*)"/.exec(m[0])![1]);
  const sheets = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const rid = /\br:id="([^"]*)"/.exec(m[0])![1];
    const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]*)"`).exec(rels)![1];
    sheets.set(/\bname="([^"]*)"/.exec(m[0])![1], await text(`xl/${target}`));
  }
  const defined = [...wb.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)].map((m) => ({
    name: /\bname="([^"]*)"/.exec(m[1])![1],
    sheet: names[Number(/\blocalSheetId="(\d+)"/.exec(m[1])?.[1] ?? -1)],
    value: m[2].replace(/&quot;/g, '"'),
  }));
  return { sheets, defined };
}

/** 40 rows the user typed below the sheet's last row. */
function typeRows(sheetXml: string, from: number): string {
  const rows = Array.from({ length: 40 }, (_, k) => {
    const r = from + k;
    return `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>2022 年第 ${k + 1} 项</t></is></c><c r="B${r}"><v>${(k + 1) * 1.5}</v></c></row>`;
  }).join('');
  return sheetXml.replace('</sheetData>', `${rows}</sheetData>`);
}

const lastRow = (xml: string) => Math.max(...[...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1])));

describe('a marked sheet is ours only while its content is what we wrote', () => {
  let lastYear: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    lastYear = await run(fs.readFileSync(SAMPLE), 'evaluate');
  }, 60_000);

  test('each of our sheets carries the digest of the plan it was written from (the rule either host can apply)', async () => {
    const { defined } = await sheetsOf(lastYear.out);
    for (const sheet of lastYear.evaluation!.plan.sheets.filter((s) => s.onExisting !== 'keep')) {
      const digest = defined.find((d) => d.name === '_jixiao_digest' && d.sheet === sheet.name);
      expect([sheet.name, digest?.value]).toEqual([sheet.name, `"${planDigest(sheet)}"`]);
    }
    // Our state sheet too, read back from the file.
    const { sheets } = await sheetsOf(lastYear.out);
    const state = defined.find((d) => d.name === '_jixiao_digest' && d.sheet === '_jixiao_state');
    expect(state?.value).toBe(`"${contentDigest(sheetCells(sheets.get('_jixiao_state')!, []))}"`);
  });

  test('last year’s 评分表, copied into this year’s workbook with its names and typed into, is the user’s: kept byte for byte, ours goes to 评分表(2)', async () => {
    // This year's workbook: the sample, with last year's 评分表 copied in as Excel copies a sheet
    // (its part, and its sheet-scoped names with the new sheet index), 40 rows typed below.
    const { sheets, defined } = await sheetsOf(lastYear.out);
    const copied = typeRows(
      sheets.get('评分表')!.replace(/\ss="\d+"/g, ''),
      lastRow(sheets.get('评分表')!) + 2
    );
    const zip = await JSZip.loadAsync(fs.readFileSync(SAMPLE));
    const wb = await zip.file('xl/workbook.xml')!.async('string');
    const index = [...wb.matchAll(/<sheet\b/g)].length;
    const names = defined
      .filter((d) => d.sheet === '评分表' && d.name.startsWith('_jixiao_'))
      .map(
        (d) =>
          `<definedName name="${d.name}" hidden="1" localSheetId="${index}">${d.value.replace(/"/g, '&quot;')}</definedName>`
      )
      .join('');
    expect(names).toContain('_jixiao_digest');
    zip.file('xl/worksheets/sheet99.xml', copied);
    zip.file(
      'xl/workbook.xml',
      wb
        .replace('</sheets>', `<sheet name="评分表" sheetId="99" r:id="rId99"/></sheets>`)
        .replace('</definedNames>', `${names}</definedNames>`)
    );
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    zip.file(
      'xl/_rels/workbook.xml.rels',
      rels.replace(
        '</Relationships>',
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet99.xml"/></Relationships>'
      )
    );
    const types = await zip.file('[Content_Types].xml')!.async('string');
    zip.file(
      '[Content_Types].xml',
      types.replace(
        '</Types>',
        '<Override PartName="/xl/worksheets/sheet99.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
      )
    );
    const thisYear = await zip.generateAsync({ type: 'uint8array' });

    const once = await run(thisYear, 'evaluate');
    expect(once.result.renamed).toEqual([{ wanted: '评分表', name: '评分表(2)' }]);
    const after = await sheetsOf(once.out);
    expect(after.sheets.get('评分表')).toBe(copied);
    expect(after.sheets.get('评分表(2)')).toContain('核实得分');
    // Again: ours is 评分表(2) by its marker and digest, the user's still untouched, every part as after the first run.
    const twice = await run(once.out, 'evaluate');
    expect(twice.result.renamed).toEqual([]);
    const [a, b] = await Promise.all([JSZip.loadAsync(once.out), JSZip.loadAsync(twice.out)]);
    for (const name of Object.keys(a.files).filter((n) => !a.files[n].dir))
      expect([name, await b.file(name)?.async('string')]).toEqual([
        name,
        await a.file(name)!.async('string'),
      ]);
  }, 60_000);

  test('our own 评分表 typed into after the run is the user’s now; an untouched one is still ours', async () => {
    const zip = await JSZip.loadAsync(lastYear.out);
    const { sheets } = await sheetsOf(lastYear.out);
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    const wb = await zip.file('xl/workbook.xml')!.async('string');
    const rid = /<sheet name="评分表" [^>]*r:id="([^"]*)"/.exec(wb)![1];
    const target = `xl/${new RegExp(`Id="${rid}"[^>]*Target="([^"]*)"`).exec(rels)![1]}`;
    const typed = typeRows(sheets.get('评分表')!, lastRow(sheets.get('评分表')!) + 2);
    zip.file(target, typed);
    const edited = await zip.generateAsync({ type: 'uint8array' });
    const again = await run(edited, 'evaluate');
    expect(again.result.renamed).toEqual([{ wanted: '评分表', name: '评分表(2)' }]);
    expect((await sheetsOf(again.out)).sheets.get('评分表')).toBe(typed);
    // The other sheets of ours were not typed into: replaced in place.
    expect((await sheetsOf(again.out)).sheets.has('问题清单(2)')).toBe(false);
  }, 60_000);

  test('the same for the state sheet: a changed one is kept as it is, its records still clear our marks, ours goes to _jixiao_state(2)', async () => {
    const zip = await JSZip.loadAsync(lastYear.out);
    const wb = await zip.file('xl/workbook.xml')!.async('string');
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    const rid = /<sheet name="_jixiao_state" [^>]*r:id="([^"]*)"/.exec(wb)![1];
    const target = `xl/${new RegExp(`Id="${rid}"[^>]*Target="([^"]*)"`).exec(rels)![1]}`;
    const state = await zip.file(target)!.async('string');
    const typed = state.replace(
      '</sheetData>',
      `<row r="${lastRow(state) + 1}"><c r="J${lastRow(state) + 1}" t="inlineStr"><is><t>用户的备注</t></is></c></row></sheetData>`
    );
    zip.file(target, typed);
    const edited = await zip.generateAsync({ type: 'uint8array' });
    const marks = new Set(lastYear.evaluation!.plan.marks.map((m) => m.address)).size;

    const cleared = await run(edited, 'clear');
    expect(cleared.result.clear.restored).toBe(marks);
    expect((await sheetsOf(cleared.out)).sheets.get('_jixiao_state')).toBe(typed);
    expect((await sheetsOf(cleared.out)).sheets.has('_jixiao_state(2)')).toBe(false);

    const again = await run(edited, 'evaluate');
    expect(again.result.clear.restored).toBe(marks);
    expect(again.result.renamed).toEqual([{ wanted: '_jixiao_state', name: '_jixiao_state(2)' }]);
    const after = await sheetsOf(again.out);
    expect(after.sheets.get('_jixiao_state')).toBe(typed);
    expect(after.sheets.get('_jixiao_state(2)')).toContain('address');
    // The next clear reads our records from _jixiao_state(2) and leaves the user's sheet alone.
    const next = await run(again.out, 'clear');
    expect(next.result.clear).toEqual({ restored: marks, ignored: [], moved: [] });
    expect((await sheetsOf(next.out)).sheets.get('_jixiao_state')).toBe(typed);
  }, 60_000);

  test('after an Office host run (it writes no digests, rewrites our sheets and empties the state), our sheets are still ours', async () => {
    const zip = await JSZip.loadAsync(lastYear.out);
    const wb = await zip.file('xl/workbook.xml')!.async('string');
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    const partOf = (sheet: string) => {
      const rid = new RegExp(`<sheet name="${sheet}" [^>]*r:id="([^"]*)"`).exec(wb)![1];
      return `xl/${new RegExp(`Id="${rid}"[^>]*Target="([^"]*)"`).exec(rels)![1]}`;
    };
    // The Office host's run: new figures in 评分表, the state sheet's contents cleared (its names stay).
    const score = await zip.file(partOf('评分表'))!.async('string');
    zip.file(partOf('评分表'), score.replace(/<v>[^<]*<\/v>/, '<v>12.5</v>'));
    const state = await zip.file(partOf('_jixiao_state'))!.async('string');
    zip.file(partOf('_jixiao_state'), state.replace(/<sheetData>[\s\S]*<\/sheetData>/, '<sheetData/>'));
    const officeRun = await zip.generateAsync({ type: 'uint8array' });
    const again = await run(officeRun, 'evaluate');
    expect(again.result.renamed).toEqual([]);
    // Written in place, with current digests: a later edit is caught again.
    const { defined, sheets } = await sheetsOf(again.out);
    expect(sheets.get('评分表')).toContain('核实得分');
    const digest = defined.find((d) => d.name === '_jixiao_digest' && d.sheet === '评分表')!.value;
    expect(digest).toBe(`"${contentDigest(sheetCells(sheets.get('评分表')!, []))}"`);
    expect(sheets.get('_jixiao_state')).toContain('_jixiao_digest');
  }, 60_000);
});
