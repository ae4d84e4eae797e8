/**
 * Property: whatever an accountant types into the template's input cells (numbers, text, blanks,
 * error values, dates, booleans, strings starting with = + - @), reading, evaluating and applying
 * the plan never throw; no input cell's value changes; and applying the plan twice equals once.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { INPUT_SHEETS } from '../../src/catalogue/inputs';
import { TEMPLATE_ADDRESS } from '../../src/catalogue/layout';
import { parseRange } from '../../src/core/address';
import { evaluate } from '../../src/core/engine';
import { buildModel } from '../../src/core/model';
import { templatePlan } from '../../src/core/template';
import { applyPlan, loadXlsx, newXlsx, readInputs, saveXlsx, XlsxBook } from '../../src/hosts/file/xlsx';
import { sampleValues } from '../helpers/sample';

/** Every catalogue input cell of the template: scalars, and the first rows of each table. */
const CELLS: Array<{ sheet: string; row: number; col: number }> = [...TEMPLATE_ADDRESS.values()].flatMap((address) => {
  const r = parseRange(address)!;
  const out: Array<{ sheet: string; row: number; col: number }> = [];
  for (let row = r.top; row <= Math.min(r.bottom, r.top + 4); row++)
    for (let col = r.left; col <= r.right; col++) out.push({ sheet: r.sheet, row: row + 1, col: col + 1 });
  return out;
});

// Excel cannot hold control characters or lone surrogates, so no accountant can type them.
// eslint-disable-next-line no-control-regex
const noControl = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/g, '');

const ODD = [
  '一千万', 'N/A', '1193.05元', '1193.05万元', '12.3.4', '1,19.05', '1,193.05', '１１９３．０５', '（12.30）', '(12.30)', '（-1）',
  '—', '-', '91.30%', '0.913', '9130%', '是', '否', '√', '部分完成', '2021年', '2021-13-01', '2021年6月', '23人', '1e400', '-0',
  ' ', '#REF!', '#DIV/0!', 'TRUE', 'NaN', 'Infinity', '=SUM(A1:A3)', '+86', '@x', '=1+1', "'123",
];

const cellValue: fc.Arbitrary<ExcelJS.CellValue> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e16, max: 1e16 }),
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.constantFrom(...ODD),
  fc.tuple(fc.constantFrom('=', '+', '-', '@'), fc.string({ maxLength: 12 })).map(([p, s]) => noControl(p + s)),
  fc.string({ unit: 'grapheme', maxLength: 20 }).map(noControl),
  fc.constant(null),
  fc.constantFrom('#DIV/0!', '#N/A', '#VALUE!', '#REF!', '#NUM!').map((error) => ({ error }) as ExcelJS.CellErrorValue),
  fc.date({ min: new Date('1990-01-01'), max: new Date('2050-12-31'), noInvalidDate: true }),
  fc.boolean(),
);

const edits = fc.array(fc.tuple(fc.nat({ max: CELLS.length - 1 }), cellValue), { minLength: 1, maxLength: 15 });

/** A cell's fill; `pattern: none` and no fill are the same thing (ExcelJS writes either after a reload). */
function fillOf(c: ExcelJS.Cell): string {
  const f = c.fill as ExcelJS.FillPattern | undefined;
  return !f || (f.type === 'pattern' && f.pattern === 'none') ? 'none' : JSON.stringify(f);
}

/** Every cell of the given sheets: value, and (when `marks`) fill and note. */
function dump(book: XlsxBook, sheets: (name: string) => boolean, marks: boolean): string[] {
  return book.wb.worksheets
    .filter((w) => sheets(w.name))
    .flatMap((w) => {
      const cells: string[] = [`[${w.name}|${w.state}]`];
      w.eachRow((row) =>
        row.eachCell({ includeEmpty: false }, (c) =>
          cells.push(`${w.name}!${c.address}=${JSON.stringify(c.value)}${marks ? `|${fillOf(c)}|${JSON.stringify(c.note ?? null)}` : ''}`),
        ),
      );
      return cells;
    });
}

const INPUT_SHEET_NAMES = new Set(INPUT_SHEETS.map((s) => s.name));
const roundTrip = async (book: XlsxBook) => loadXlsx(await saveXlsx(book));

describe('random workbooks', () => {
  let base: Uint8Array;
  beforeAll(async () => {
    const book = newXlsx();
    applyPlan(book, templatePlan(sampleValues()));
    base = await saveXlsx(book);
  });

  test('no uncaught exception, input values unchanged, applying twice equals once', async () => {
    await fc.assert(
      fc.asyncProperty(edits, async (changes) => {
        const book = await loadXlsx(base);
        for (const [i, v] of changes) {
          const c = CELLS[i];
          book.wb.getWorksheet(c.sheet)!.getCell(c.row, c.col).value = v;
        }
        const before = await roundTrip(book);
        const inputsBefore = dump(before, (n) => INPUT_SHEET_NAMES.has(n), false);

        const reading = readInputs(before);
        const model = buildModel(reading);
        for (const d of model.diagnostics) expect(d.message).toMatch(/[\u4e00-\u9fff]/);
        const result = evaluate(reading);
        applyPlan(before, result.plan);
        const once = await roundTrip(before);
        expect(dump(once, (n) => INPUT_SHEET_NAMES.has(n), false)).toEqual(inputsBefore);

        applyPlan(once, result.plan);
        const twice = await roundTrip(once);
        expect(dump(twice, () => true, true)).toEqual(dump(once, () => true, true));
      }),
      { numRuns: 25, seed: Number(process.env.FC_SEED ?? 20210), endOnFailure: true },
    );
    // 25 load–evaluate–save round trips: over a minute on a shared, loaded 2-core machine.
  }, 240_000);
});
