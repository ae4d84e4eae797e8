/**
 * The two hosts cannot drift: the sample read through each host gives the same reading, and the
 * same plan applied by each leaves the same output cells and the same marks.
 */
import { templateReading } from '../../src/core/fill';
import { a1 } from '../../src/catalogue/layout';
import { evaluate } from '../../src/core/engine';
import { MARK_FILL } from '../../src/core/markState';
import { templatePlan } from '../../src/core/template';
import { applyPlan as applyOffice, readInputs as readOffice } from '../../src/hosts/office';
import { ExcelDouble } from '../support/excel-double';
import {
  applyPlan as applyFile,
  cellValueOf,
  loadXlsx,
  newXlsx,
  readInputs as readFile,
  saveXlsx,
} from '../../src/hosts/file/xlsx';
import { sampleValues } from '../helpers/sample';

async function fileBook() {
  const book = newXlsx();
  applyFile(book, templatePlan(sampleValues()));
  return loadXlsx(await saveXlsx(book));
}

test('the same plan leaves the same cells in Excel (double) and in the .xlsx', async () => {
  const double = ExcelDouble.fromTemplate(sampleValues());
  const book = await fileBook();
  const fromOffice = await double.run((ctx) => readOffice(ctx));
  const fromFile = readFile(book);
  // Both readings agree name by name with the in-memory layout (rates typed as text in the JSON become numbers in the file).
  const keyed = (r: typeof fromFile) =>
    Object.fromEntries(Object.values(r.inputs).map((i) => [i.name, i.address]));
  expect(keyed(fromOffice)).toEqual(keyed(fromFile));
  const a = evaluate(fromOffice);
  const b = evaluate(fromFile);
  expect(a.summary).toEqual(b.summary);
  expect(a.findings.map((f) => f.id)).toEqual(b.findings.map((f) => f.id));

  const plan = b.plan;
  await double.run((ctx) => applyOffice(ctx, plan, { notesSupported: true, commentsSupported: true }));
  applyFile(book, plan);
  const saved = await loadXlsx(await saveXlsx(book));

  for (const sheet of plan.sheets) {
    const ws = saved.wb.getWorksheet(sheet.name)!;
    sheet.rows.forEach((line, r) =>
      line.forEach((cell, c) => {
        if (!cell || cell.formula || cell.value === undefined) return; // covered cells of a merge hold nothing
        const address = `${sheet.name}!${a1(r, c)}`;
        const inFile = cellValueOf(ws.getCell(r + 1, c + 1).value);
        const inExcel = double.cell(address).value;
        expect([address, inExcel ?? null]).toEqual([address, inFile ?? null]);
      })
    );
  }
  expect(plan.marks.length).toBeGreaterThan(20);
  for (const m of plan.marks) {
    const [sheet, at] = m.address.split('!');
    const cell = saved.wb.getWorksheet(sheet)!.getCell(at);
    expect(double.cell(m.address).fill).toEqual({
      kind: 'solid',
      color: MARK_FILL[m.severity].toUpperCase(),
    });
    expect((cell.fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe(
      `FF${MARK_FILL[m.severity].slice(1)}`
    );
    expect(double.note(m.address)).toBe(cell.note);
  }
});

test('the template applied by the Office host defines the same names as the file template', async () => {
  const double = ExcelDouble.fromValues({ Sheet1: [[null]] });
  await double.run((ctx) =>
    applyOffice(ctx, templatePlan(sampleValues()), { notesSupported: true, commentsSupported: true })
  );
  const reading = await double.run((ctx) => readOffice(ctx));
  expect(Object.values(reading.inputs).filter((i) => i.diagnostic)).toEqual([]);
  const expected = templateReading(sampleValues());
  for (const [name, input] of Object.entries(expected.inputs))
    expect([name, reading.inputs[name].address]).toEqual([name, input.address]);
});
