/**
 * The direct reader (directRead.ts) gives every input cell the value ExcelJS gives it, or declines the
 * file so ExcelJS reads it: for the sample, generated departments, the bad-input corpus and workbooks
 * written here by hand with the cell forms Excel, WPS and other programs write (dates by built-in and
 * custom formats, the 1904 system, formulas with and without results, shared formulas, string results,
 * booleans, errors, inline strings, rich and phonetic shared strings, `_xHHHH_`, entities, merges,
 * styled and bare empty cells). readInputs and the value recorded beside a mark are compared.
 */
import * as fs from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { INPUTS } from '../../src/catalogue/inputs';
import { syntheticDepartment } from '../../src/cli/synthetic';
import { parseRange } from '../../src/core/address';
import { resolveNames } from '../../src/core/names';
import { templatePlan } from '../../src/core/template';
import { readDirect } from '../../src/hosts/file/directRead';
import { colLetters } from '../../src/hosts/file/ooxml';
import { readParts } from '../../src/hosts/file/package';
import {
  applyPlan,
  definedNamesOf,
  InputBook,
  loadXlsx,
  newXlsx,
  readInputs,
  saveXlsx,
  valueKeyAt,
} from '../../src/hosts/file/xlsx';
import { PackageError, storeZip } from '../../src/hosts/file/zip';
import { BAD_INPUT_DIR } from '../fixtures/bad-input/generate';
import { FEATURES } from './keep-parts.fixtures';

const SAMPLE = path.join(__dirname, '..', '..', 'samples', '衡阳市科协-2021.xlsx');
const CATALOGUE = INPUTS.map((d) => d.name);

/** Both readings of a package: the direct one (undefined when declined) and ExcelJS's (or its error). */
async function bothReadings(bytes: Buffer, wanted: string[]) {
  const parts = readParts(bytes, wanted);
  const names = definedNamesOf(parts.workbookXml);
  const direct = readDirect(parts, names);
  const excel = await loadXlsx(storeZip(parts.parts)).catch((e: Error) => e);
  return { direct, excel, names };
}

/** What reading sees of a book: readInputs, and the recorded value of each cell of each name (at most 100 × 20 a name). */
function seen(book: InputBook, names: ReturnType<typeof definedNamesOf>, wanted: string[]) {
  const keys: Record<string, string | null> = {};
  for (const r of resolveNames(names, wanted).resolved.values()) {
    const g = r.address ? parseRange(r.address) : null;
    if (!g) continue;
    for (let y = g.top; y <= Math.min(g.bottom, g.top + 99); y++)
      for (let x = g.left; x <= Math.min(g.right, g.left + 19); x++) {
        const a1 = `'${g.sheet.replace(/'/g, "''")}'!${colLetters(x)}${y + 1}`;
        keys[a1] = valueKeyAt(book, a1);
      }
  }
  return { reading: readInputs(book, wanted), keys };
}

async function expectSame(bytes: Buffer, wanted: string[]): Promise<'direct' | 'declined'> {
  const { direct, excel, names } = await bothReadings(bytes, wanted);
  if (!direct) return 'declined';
  // A file the direct reader takes, ExcelJS loads too.
  expect(excel).not.toBeInstanceOf(Error);
  expect(seen(direct, names, wanted)).toEqual(seen(excel as Exclude<typeof excel, Error>, names, wanted));
  return 'direct';
}

// ------------------------------------------------------------------ hand-written packages

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface Book {
  sheetName?: string;
  cells: string;
  merges?: string[];
  sst?: string[];
  date1904?: boolean;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${NS}"><numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/><numFmt numFmtId="165" formatCode="0.00&quot;d&quot;"/><numFmt numFmtId="166" formatCode="[Red]#,##0.00"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0"><alignment horizontal="right"/></xf><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`;

async function workbook(b: Book): Promise<Buffer> {
  const name = b.sheetName ?? '表一';
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
  );
  const sheetRef = `'${name.replace(/&/g, '&amp;').replace(/'/g, "''")}'`;
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="${NS}" xmlns:r="${R}">${b.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>'}<sheets><sheet name="${name.replace(/&/g, '&amp;')}" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="全部">${sheetRef}!$A$1:$H$8</definedName><definedName name="单格">${sheetRef}!$B$4</definedName></definedNames></workbook>`
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${R}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
  );
  zip.file('xl/styles.xml', STYLES);
  const sst = b.sst ?? [];
  zip.file(
    'xl/sharedStrings.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="${NS}" count="${sst.length}" uniqueCount="${sst.length}">${sst.map((s) => `<si>${s}</si>`).join('')}</sst>`
  );
  const merges = b.merges?.length
    ? `<mergeCells count="${b.merges.length}">${b.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
    : '';
  zip.file(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="${NS}" xmlns:r="${R}"><dimension ref="A1:H8"/><sheetData>${b.cells}</sheetData>${merges}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const WANTED = ['全部', '单格'];

const SST = [
  '<t>普通文字</t>',
  '<r><rPr><b/><sz val="11"/></rPr><t>粗体</t></r><r><t xml:space="preserve"> 与常规</t></r>',
  '<t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh><phoneticPr fontId="1" type="noConversion"/>',
  '<t>回车_x000D_与小写_x000d_与_x005F_x000D_</t>',
  '<t>&lt;b&gt; &amp;amp; &#x4E2D;&#25991;</t>',
  '<t/>',
  '<t xml:space="preserve">  前后空格  </t>',
];

const FORMS = `
<row r="1">
  <c r="A1" s="1"><v>44197</v></c><c r="B1" s="2"><v>44197.5</v></c><c r="C1" s="3"><v>12.5</v></c>
  <c r="D1" s="1"><f>DATE(2021,1,1)</f><v>44197</v></c><c r="E1"><f>SUM(A1:B1)</f></c>
  <c r="F1" s="5"><f t="shared" ref="F1:F2" si="0">A1*2</f><v>88394</v></c><c r="G1" t="str"><f>"&lt;"&amp;"x"</f><v>&amp;lt;x&amp;amp;</v></c>
  <c r="H1" t="b"><v>1</v></c>
</row>
<row r="2" spans="1:8">
  <c r="A2" t="e"><v>#N/A</v></c><c r="B2" t="inlineStr"><is><t>行内 &amp; 文字_x000D_</t></is></c><c r="C2" t="s"><v>1</v></c>
  <c r="D2" t="s" s="4"><v>2</v></c><c r="E2" t="s"><v>3</v></c><c r="F2" s="5"><f t="shared" si="0"/><v>7</v></c>
  <c r="G2" s="1"/><c r="H2"/>
</row>
<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3" t="s"><v> 6 </v></c><c r="C3" t="n"><v> 12.50 </v></c><c r="D3" t="d"><v>2021-01-01</v></c>
  <c r="E3" s="4"><v>1e3</v></c><c r="F3" t="b"><v>0</v></c><c r="G3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="H3" t="str"><v>文本&amp;amp;</v></c></row>
<row r="4"><c r="A4" t="s"><v>0</v></c><c r="B4"><v>99</v></c><c r="C4" s="0"/><c r="D4" t="s" s="1"><v>0</v></c><c r="E4" s="1" t="str"><f>TEXT(1,"0")</f><v>1</v></c></row>
<row r="6"><c r="A6"><v>1</v></c><c r="B6"><v>2</v></c><c r="C6" s="2"><v>3</v></c></row>
<row r="7"><c r="A7"><v>-0</v></c><c r="B7"><v>1.7976931348623157e308</v></c><c r="C7"><v>0.1</v></c><c r="D7"><v>abc</v></c></row>
<row r="8"><c r="A8" t="inlineStr"><v>5</v></c><c r="B8" t="b"><f>TRUE()</f><v>1</v></c><c r="C8" s="1"><f>NOW()</f><v>44197.25</v></c><c r="D8"><f t="array" ref="D8">SUM(1)</f></c></row>`;

describe('the direct reader reads each cell as ExcelJS does', () => {
  test('cell forms of Excel, WPS and other writers', async () => {
    const bytes = await workbook({ cells: FORMS, sst: SST });
    expect(await expectSame(bytes, WANTED)).toBe('direct');
    // A few of them by hand: a date, a shared string by a padded index, a string result decoded twice, a date-styled text.
    const all = readInputs((await bothReadings(bytes, WANTED)).direct!, ['全部']).inputs['全部'].values!;
    expect(all[0][0]).toEqual(new Date(Date.UTC(2021, 0, 1)));
    expect(all[2][1]).toBe('  前后空格  ');
    expect(all[0][6]).toBe('<x&');
    expect(all[0][4]).toBeNull();
    expect(all[1][4]).toBe('回车\r与小写_x000d_与_x000D_');
    expect(all[3][3]).toBe('普通文字');
  });

  test("a formula's string result is an ST_Xstring: `_x000D_` a carriage return, `_x005F_` an underscore", async () => {
    const cells = `<row r="1"><c r="A1" t="str"><f>"行一"&amp;CHAR(13)&amp;"行二"</f><v>行一_x000D_行二</v></c><c r="B1" t="str"><f>"_x000D_"</f><v>_x005F_x000D_</v></c><c r="C1" t="str"><f>"x"</f><v>_x00D_</v></c></row>`;
    const bytes = await workbook({ cells });
    expect(await expectSame(bytes, WANTED)).toBe('direct');
    const { direct, excel } = await bothReadings(bytes, WANTED);
    for (const book of [direct!, excel as InputBook])
      expect(readInputs(book, ['全部']).inputs['全部'].values![0].slice(0, 3)).toEqual([
        '行一\r行二',
        '_x000D_',
        '_x00D_',
      ]);
  });

  test('the 1904 date system', async () => {
    expect(await expectSame(await workbook({ cells: FORMS, sst: SST, date1904: true }), WANTED)).toBe(
      'direct'
    );
  });

  test('merges: other cells read empty, the recorded value is the top-left one', async () => {
    const cells = `<row r="3"><c r="A3"><v>1</v></c><c r="B3"><v>2</v></c></row><row r="4"><c r="A4" t="s"><v>0</v></c><c r="B4"><v>5</v></c></row><row r="6"><c r="C6"><f>1+1</f><v>2</v></c><c r="D6"><v>3</v></c></row>`;
    const bytes = await workbook({ cells, sst: SST, merges: ['A3:B4', 'D6:C7', 'F8:F8'] });
    expect(await expectSame(bytes, WANTED)).toBe('direct');
    const { direct } = await bothReadings(bytes, WANTED);
    const one = readInputs(direct!, ['单格']).inputs['单格'];
    expect(one.values).toEqual([[null]]);
    expect(one.diagnostic?.code).toBe('merged-input');
    expect(valueKeyAt(direct!, "'表一'!B4")).toBe('1');
  });

  test('a sheet name with a quote, rows given twice, a cell given twice', async () => {
    const cells = `<row r="4"><c r="B4"><v>1</v></c></row><row r="4"><c r="A4"><v>2</v></c><c r="B4"><v>3</v></c><c r="B4" s="0"/><c r="C4"><v>4</v></c><c r="C4"><v>5</v></c></row>`;
    expect(await expectSame(await workbook({ sheetName: "收入 O'Neil 表", cells }), WANTED)).toBe('direct');
  });

  test.each([
    ['a cell without its reference', '<row r="4"><c><v>1</v></c></row>'],
    ['a reference of another row', '<row r="4"><c r="B5"><v>1</v></c></row>'],
    ['a row without its number', '<row><c r="B4"><v>1</v></c></row>'],
    ['CDATA', '<row r="4"><c r="B4" t="inlineStr"><is><t><![CDATA[<x>]]></t></is></c></row>'],
    ['an XML comment', '<row r="4"><!-- x --><c r="B4"><v>1</v></c></row>'],
    ['an entity XML does not define', '<row r="4"><c r="B4" t="str"><v>&nbsp;</v></c></row>'],
    ['a rich inline string', '<row r="4"><c r="B4" t="inlineStr"><is><r><t>甲</t></r></is></c></row>'],
    ['a carriage return in a value', '<row r="4"><c r="B4" t="str"><v>甲\r\n乙</v></c></row>'],
  ])('declines %s (ExcelJS reads it as before)', async (_, cells) => {
    const { direct } = await bothReadings(await workbook({ cells }), WANTED);
    expect(direct).toBeUndefined();
  });

  test('declines overlapping merges, an empty shared string and a sheet name ExcelJS refuses', async () => {
    const read = async (b: Book) => (await bothReadings(await workbook(b), WANTED)).direct;
    expect(await read({ cells: '', merges: ['A1:B2', 'B2:C3'] })).toBeUndefined();
    expect(
      await read({ cells: '<row r="4"><c r="B4" t="s"><v>0</v></c></row>', sst: ['<r><rPr/></r>'] })
    ).toBeUndefined();
    expect(await read({ sheetName: '表:一', cells: '' })).toBeUndefined();
    // Its name as the file has it (an entity, a character reference) is not at hand: ExcelJS reads it.
    expect(await read({ sheetName: '收入&支出', cells: '' })).toBeUndefined();
    expect(
      await read({ sheetName: '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二', cells: '' })
    ).toBeUndefined();
  });
});

describe('the direct reader over real workbooks', () => {
  test('the sample and generated departments are read directly, as ExcelJS reads them', async () => {
    expect(await expectSame(fs.readFileSync(SAMPLE), CATALOGUE)).toBe('direct');
    for (const i of [1, 2, 3]) {
      const book = newXlsx();
      applyPlan(book, templatePlan(syntheticDepartment(i)));
      expect(await expectSame(Buffer.from(await saveXlsx(book)), CATALOGUE)).toBe('direct');
    }
  });

  test('the sample with each feature other programs keep (notes, charts, pivots, macros …)', async () => {
    const base = fs.readFileSync(SAMPLE);
    for (const f of FEATURES)
      expect([f.name, await expectSame(Buffer.from(await f.build(base)), CATALOGUE)]).toEqual([
        f.name,
        'direct',
      ]);
  }, 120_000);

  test('the bad-input corpus: each file read directly reads as ExcelJS reads it', async () => {
    const files = fs.readdirSync(BAD_INPUT_DIR).filter((f) => /\.xls[xm]$/.test(f));
    expect(files.length).toBeGreaterThan(50);
    let direct = 0;
    for (const f of files) {
      let outcome: string;
      try {
        outcome = await expectSame(fs.readFileSync(path.join(BAD_INPUT_DIR, f)), CATALOGUE);
      } catch (e) {
        if (e instanceof PackageError) continue; // refused before reading, either way
        throw new Error(`${f}: ${(e as Error).message}`);
      }
      if (outcome === 'direct') direct++;
    }
    expect(direct).toBeGreaterThan(files.length / 2);
  }, 120_000);
});
