/**
 * Our output sheets written straight from the plan (planSheet.ts) open as ExcelJS draws the same plan
 * (xlsx.ts writeSheet, the file host's whole-workbook path and, before planSheet, the source of the parts
 * keep.ts grafted). For the sample and 50 generated departments (cli/synthetic.ts, as `generate` and the
 * bench make them), each output sheet read back by ExcelJS from the result written into the input's
 * package and from ExcelJS's own rendering of the plan has the same cells (value, formula, font, fill,
 * border, number format, alignment), merges, column widths and outline, row heights, hyperlinks, frozen
 * rows, page setup and print titles, visibility; and the `_jixiao_digest` recorded for each sheet is the
 * digest of ExcelJS's rendering.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { INPUTS } from '../../src/catalogue/inputs';
import { syntheticDepartment } from '../../src/cli/synthetic';
import { evaluate } from '../../src/core/engine';
import { contentDigest, DIGEST_NAME } from '../../src/core/markState';
import { templatePlan } from '../../src/core/template';
import type { OutCell, Plan, SheetPlan } from '../../src/core/types';
import { writeIntoPackage } from '../../src/hosts/file/keep';
import { attr, elements, relationships, resolveTarget, richText } from '../../src/hosts/file/ooxml';
import { preparePackage } from '../../src/hosts/file/package';
import { sheetCells } from '../../src/hosts/file/sheetXml';
import {
  applyPlan,
  loadXlsx,
  newXlsx,
  readInputs,
  saveXlsx,
  scanDefinedNames,
  writeSheet,
} from '../../src/hosts/file/xlsx';

const SAMPLE = path.join(__dirname, '..', '..', 'samples', '衡阳市科协-2021.xlsx');

/** What a reader of the sheet sees, as ExcelJS reads it back. */
function sheetView(ws: ExcelJS.Worksheet) {
  const cells: Record<string, unknown> = {};
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      const s = cell.style ?? {};
      const look = {
        font: s.font,
        fill: s.fill,
        border: s.border,
        numFmt: s.numFmt,
        alignment: s.alignment,
      };
      // A cell with neither content nor format is no cell at all, however it was written.
      if (cell.value === null && Object.values(look).every((v) => v === undefined)) return;
      cells[cell.address] = { value: cell.value, type: cell.type, ...look };
    })
  );
  const heights: Record<number, number | undefined> = {};
  ws.eachRow({ includeEmpty: true }, (row) => row.height !== undefined && (heights[row.number] = row.height));
  const columns = (ws.columns ?? []).map((c) => ({
    width: c.width,
    hidden: c.hidden,
    outlineLevel: c.outlineLevel,
  }));
  const { printTitlesRow, paperSize, orientation, fitToPage, fitToWidth, fitToHeight, margins } =
    ws.pageSetup;
  return {
    cells,
    merges: [...(ws.model.merges ?? [])].sort(),
    heights,
    columns,
    views: ws.views.map((v) => ({ state: v.state, ySplit: (v as ExcelJS.WorksheetViewFrozen).ySplit })),
    page: { printTitlesRow, paperSize, orientation, fitToPage, fitToWidth, fitToHeight, margins },
    state: ws.state,
    outlineLevelCol: ws.properties.outlineLevelCol,
  };
}

/** Each sheet's XML (by name) and the shared strings of a package. */
async function sheetXmls(
  bytes: Uint8Array
): Promise<{ sheets: Map<string, string>; sst: string[]; wb: string }> {
  const zip = await JSZip.loadAsync(bytes);
  const text = async (p: string) => (await zip.file(p)?.async('string')) ?? '';
  const wb = await text('xl/workbook.xml');
  const rels = relationships(await text('xl/_rels/workbook.xml.rels'));
  const sstXml = await text('xl/sharedStrings.xml');
  const sst = elements(sstXml, 'si').map((e) => richText(sstXml.slice(e.start, e.end)));
  const sheets = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const rid = /\sr:id="([^"]*)"/.exec(m[0])![1];
    const target = rels.find((r) => r.id === rid)!.target;
    sheets.set(attr(m[0], 'name')!, await text(resolveTarget('xl/workbook.xml', target)));
  }
  return { sheets, sst, wb };
}

async function compare(input: Buffer, given?: Plan): Promise<number> {
  const book = await loadXlsx(
    preparePackage(
      input,
      'read',
      INPUTS.map((d) => d.name)
    )
  );
  const plan = given ?? evaluate(readInputs(book)).plan;
  const ours: SheetPlan[] = plan.sheets.filter((s) => s.onExisting !== 'keep');
  const kept = (await writeIntoPackage(input, book, plan)).bytes;

  // ExcelJS's own rendering of the same sheets, saved as the file host saves a whole workbook.
  const reference = newXlsx();
  for (const s of ours) writeSheet(reference.wb, s);
  const drawn = await saveXlsx(reference);

  const [after, before] = [new ExcelJS.Workbook(), new ExcelJS.Workbook()];
  await after.xlsx.load(kept as unknown as ExcelJS.Buffer);
  await before.xlsx.load(Buffer.from(drawn) as unknown as ExcelJS.Buffer);
  const keptXml = await sheetXmls(kept);
  const drawnXml = await sheetXmls(drawn);
  const digests = new Map<number, string>();
  for (const d of scanDefinedNames(keptXml.wb))
    if (attr(`<x ${d.attrs}>`, 'name') === DIGEST_NAME)
      digests.set(Number(attr(`<x ${d.attrs}>`, 'localSheetId')), d.body.replace(/^"|"$/g, ''));
  const sheetIndex = [...keptXml.sheets.keys()];
  for (const s of ours) {
    const a = after.getWorksheet(s.name);
    const b = before.getWorksheet(s.name);
    expect(a).toBeDefined();
    expect({ sheet: s.name, ...sheetView(a!) }).toEqual({ sheet: s.name, ...sheetView(b!) });
    expect(digests.get(sheetIndex.indexOf(s.name))).toBe(
      contentDigest(sheetCells(drawnXml.sheets.get(s.name)!, drawnXml.sst))
    );
  }
  return ours.length;
}

describe('output sheets written from the plan open as ExcelJS draws them', () => {
  test('the sample', async () => {
    expect(await compare(fs.readFileSync(SAMPLE))).toBeGreaterThanOrEqual(4);
  });

  test('values and layouts the engine rarely writes', async () => {
    const text = (value: string, style?: OutCell['style']): OutCell => ({ value, style });
    const sheet: SheetPlan = {
      name: '边界',
      rows: [
        [text('标题', 'title'), null, null, { value: true }, { value: false, style: 'ok' }],
        [
          text('  前后空格  ', 'text'),
          text('换行\n第二行', 'label'),
          text('控制\u0001字符\u0008', 'note'),
          text('=SUM(A1) & <b> "引号" \'单引号\'', 'error'),
          text('', 'warning'),
        ],
        [
          { value: 0, style: 'amount' },
          { value: -1.5, numFmt: '0.000' },
          { value: 1e21, style: 'rate' },
          { value: 0.1 + 0.2, style: 'score', numFmt: '+0.00;-0.00;0' },
          { formula: '1+1', style: 'total' },
        ],
        [
          { value: '基础数据', link: '基础数据!B7', style: 'link' },
          { value: '结果.xlsx', href: '结果.xlsx', style: 'link' },
          { value: null, style: 'subtotal' },
          text('被合并覆盖', 'input'),
          text('  ', 'inputText'),
        ],
        [],
        [text('竖向合并', 'header')],
      ],
      columnWidths: [9, 12, 12, undefined as unknown as number, 30],
      merges: ['A1:C1', 'C4:D4', 'A6:A8'],
      rowHeights: { 4: 40, 9: 20 },
      freezeRows: 2,
      printTitleRows: 2,
      pagesTall: 1,
      groupedColumns: { first: 5, last: 7 },
    };
    expect(await compare(fs.readFileSync(SAMPLE), { sheets: [sheet], marks: [] })).toBe(1);
  });

  // 50 departments in five tests of ten, each well inside the test timeout on a busy machine.
  test.each([1, 11, 21, 31, 41])('generated departments from %i, ten', async (first) => {
    let sheets = 0;
    for (let i = first; i < first + 10; i++) {
      const book = newXlsx();
      applyPlan(book, templatePlan(syntheticDepartment(i)));
      sheets += await compare(Buffer.from(await saveXlsx(book)));
    }
    expect(sheets).toBeGreaterThanOrEqual(40);
  });
});
