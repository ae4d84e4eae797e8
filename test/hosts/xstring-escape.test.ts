/**
 * Text holding `_xHHHH_` (ECMA-376 Part 1, 22.9.2.19 ST_Xstring: `_xHHHH_` stands for the character U+HHHH,
 * as Excel writes a carriage return `_x000D_`) is written with its underscore escaped as `_x005F_`, so Excel
 * and ExcelJS read back the text the plan holds, not a control character. Patterns that are not four hex
 * digits between `_x` and `_` are text and stay as they are.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { INPUTS } from '../../src/catalogue/inputs';
import type { Plan } from '../../src/core/types';
import { writeIntoPackage } from '../../src/hosts/file/keep';
import { decodeCodes, escapeCodes, plainTextXml, richText } from '../../src/hosts/file/ooxml';
import { preparePackage } from '../../src/hosts/file/package';
import { sheetCells } from '../../src/hosts/file/sheetXml';
import { loadXlsx, newXlsx, saveXlsx, writeSheet } from '../../src/hosts/file/xlsx';

const SAMPLE = path.join(__dirname, '..', '..', 'samples', '衡阳市科协-2021.xlsx');

/** Escaped: four hex digits of either case between `_x` and `_`. */
const VALID: Array<[string, string]> = [
  ['_x000D_', '_x005F_x000D_'],
  ['行一_x000D_行二', '行一_x005F_x000D_行二'],
  ['_x005f_', '_x005F_x005f_'],
  ['_xABCD_x0041_', '_x005F_xABCD_x005F_x0041_'],
  ['a__x0009_', 'a__x005F_x0009_'],
];
/** Left alone: three or five hex digits, a letter past F, no closing underscore, no leading one. */
const INVALID = ['_x00D_', '_x000G_', '_x000D', 'x000D_', '_X000D_', '_x 000D_', '_x0000D_'];

describe('ST_Xstring escaping', () => {
  test.each(VALID)('%s is written %s and read back as itself', (text, written) => {
    expect(escapeCodes(text)).toBe(written);
    expect(decodeCodes(written)).toBe(text);
    expect(richText(plainTextXml(text))).toBe(text);
  });

  test.each(INVALID)('%s is text, written as it is', (text) => {
    expect(escapeCodes(text)).toBe(text);
    expect(richText(plainTextXml(text))).toBe(text);
  });

  test("a formula's string result in a sheet is read decoded, as its shared strings are", () => {
    const xml = '<row r="1"><c r="A1" t="str"><f>X</f><v>一_x000D_二 &amp;_x005F_x000D_</v></c></row>';
    expect(sheetCells(xml, []).map((c) => c.value)).toEqual(['一\r二 &_x000D_']);
  });

  test('a file that stores `_x000D_` means a carriage return', () => {
    expect(richText('<t>一_x000D_二</t>')).toBe('一\r二');
    expect(decodeCodes('_x4E2D__x005F_')).toBe('中_');
  });

  const texts = [...VALID.map(([t]) => t), ...INVALID];
  const plan: Plan = {
    sheets: [{ name: '转义', rows: texts.map((t) => [{ value: t, style: 'text' }]) }],
    marks: [],
  };

  test('our sheet written into the input package opens with the plan text', async () => {
    const input = fs.readFileSync(SAMPLE);
    const book = await loadXlsx(
      preparePackage(
        input,
        'read',
        INPUTS.map((d) => d.name)
      )
    );
    const bytes = (await writeIntoPackage(input, book, plan)).bytes;
    const zip = await JSZip.loadAsync(bytes);
    const sheetXml = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => n.startsWith('xl/worksheets/sheet'))
        .map((n) => zip.file(n)!.async('string'))
    );
    const ours = sheetXml.find((x) => x.includes('_x005F_x000D_'))!;
    expect(ours).toBeDefined();
    expect(ours).not.toMatch(/[^F]_x000D_/);
    // Read as Excel reads an inline string (ExcelJS decodes `_xHHHH_` in shared strings and runs only).
    expect(sheetCells(ours, []).map((c) => c.value)).toEqual(texts);
  });

  test('a whole workbook saved through ExcelJS stores the escape in its shared strings', async () => {
    const book = newXlsx();
    writeSheet(book.wb, plan.sheets[0]);
    const bytes = await saveXlsx(book);
    const sst = await (await JSZip.loadAsync(bytes)).file('xl/sharedStrings.xml')!.async('string');
    expect(sst).toContain('行一_x005F_x000D_行二');
    expect(sst).toContain('_x000G_');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    expect(texts.map((_, r) => wb.getWorksheet('转义')!.getCell(r + 1, 1).value)).toEqual(texts);
  });
});
