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
import type { SheetPlan } from '../../src/core/types';
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

async function compare(input: Buffer): Promise<number> {
  const book = await loadXlsx(
    preparePackage(
      input,
      'read',
      INPUTS.map((d) => d.name)
    )
  );
  const { plan } = evaluate(readInputs(book));
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
