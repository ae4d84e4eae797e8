/**
 * Property: whatever an accountant types into the template's input cells (numbers, text, blanks,
 * error values, dates, booleans, strings starting with = + - @), reading, evaluating and applying
 * the plan never throw; no input cell's value changes; and applying the plan twice equals once.
 * And whatever the user does between runs (inserts rows, extends or rewrites a mark's note, refills a
 * marked cell, corrects its value), no change of theirs is lost to a re-run or 清除标记, and twice = once.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { INPUT_SHEETS } from '../../src/catalogue/inputs';
import { TEMPLATE_ADDRESS } from '../../src/catalogue/layout';
import { parseRange } from '../../src/core/address';
import { evaluate } from '../../src/core/engine';
import { buildModel } from '../../src/core/model';
import { templatePlan } from '../../src/core/template';
import {
  applyPlan,
  clearMarks,
  loadXlsx,
  newXlsx,
  readInputs,
  saveXlsx,
  XlsxBook,
} from '../../src/hosts/file/xlsx';
import { applyPlan as applyOffice, clearMarks as clearOffice } from '../../src/hosts/office/apply';
import { NOTE_SEPARATOR } from '../../src/core/markState';
import type { Plan } from '../../src/core/types';
import { readInputs as readOffice } from '../../src/hosts/office/reader';
import { ExcelDouble } from '../support/excel-double';
import { sampleReading, sampleValues } from '../helpers/sample';

/** Every catalogue input cell of the template: scalars, and the first rows of each table. */
const CELLS: Array<{ sheet: string; row: number; col: number }> = [...TEMPLATE_ADDRESS.values()].flatMap(
  (address) => {
    const r = parseRange(address)!;
    const out: Array<{ sheet: string; row: number; col: number }> = [];
    for (let row = r.top; row <= Math.min(r.bottom, r.top + 4); row++)
      for (let col = r.left; col <= r.right; col++) out.push({ sheet: r.sheet, row: row + 1, col: col + 1 });
    return out;
  }
);

// Excel cannot hold control characters or lone surrogates, so no accountant can type them.
const noControl = (s: string) =>
  // eslint-disable-next-line no-control-regex
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/g, '');

const ODD = [
  '一千万',
  'N/A',
  '1193.05元',
  '1193.05万元',
  '12.3.4',
  '1,19.05',
  '1,193.05',
  '１１９３．０５',
  '（12.30）',
  '(12.30)',
  '（-1）',
  '—',
  '-',
  '91.30%',
  '0.913',
  '9130%',
  '是',
  '否',
  '√',
  '部分完成',
  '2021年',
  '2021-13-01',
  '2021年6月',
  '23人',
  '1e400',
  '-0',
  ' ',
  '#REF!',
  '#DIV/0!',
  'TRUE',
  'NaN',
  'Infinity',
  '=SUM(A1:A3)',
  '+86',
  '@x',
  '=1+1',
  "'123",
];

const cellValue: fc.Arbitrary<ExcelJS.CellValue> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e16, max: 1e16 }),
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.constantFrom(...ODD),
  fc
    .tuple(fc.constantFrom('=', '+', '-', '@'), fc.string({ maxLength: 12 }))
    .map(([p, s]) => noControl(p + s)),
  fc.string({ unit: 'grapheme', maxLength: 20 }).map(noControl),
  fc.constant(null),
  fc
    .constantFrom('#DIV/0!', '#N/A', '#VALUE!', '#REF!', '#NUM!')
    .map((error) => ({ error }) as ExcelJS.CellErrorValue),
  fc.date({ min: new Date('1990-01-01'), max: new Date('2050-12-31'), noInvalidDate: true }),
  fc.boolean()
);

const edits = fc.array(fc.tuple(fc.nat({ max: CELLS.length - 1 }), cellValue), {
  minLength: 1,
  maxLength: 15,
});

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
          cells.push(
            `${w.name}!${c.address}=${JSON.stringify(c.value)}${marks ? `|${fillOf(c)}|${JSON.stringify(c.note ?? null)}` : ''}`
          )
        )
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

        // Both sides as read back from a saved file (internal links are written as locations only, which a
        // reload reads as text), so the comparison is file against file.
        const onceSaved = dump(once, () => true, true);
        applyPlan(once, result.plan);
        const twice = await roundTrip(once);
        expect(dump(twice, () => true, true)).toEqual(onceSaved);
      }),
      { numRuns: 25, seed: Number(process.env.FC_SEED ?? 20210), endOnFailure: true }
    );
    // 25 load–evaluate–save round trips: over a minute on a shared, loaded 2-core machine.
  }, 240_000);
});

// ------------------------------------------------------------------ edits between runs

/** What a user may do to a marked cell between runs. */
type CellEdit =
  | { kind: 'append' | 'rewrite'; text: string }
  | { kind: 'fill'; color: string }
  | { kind: 'value'; value: number };

const userText = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
  .map(noControl)
  .filter((t) => t.trim() !== '' && !t.includes('绩效自评助手'));
const cellEdit: fc.Arbitrary<CellEdit> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('append' as const, 'rewrite' as const),
    text: userText.map((t) => `会计：${t}`),
  }),
  fc.record({
    kind: fc.constant('fill' as const),
    color: fc.constantFrom('#00B050', '#FFFF00', '#92D050', '#FFFFFF'),
  }),
  fc.record({ kind: fc.constant('value' as const), value: fc.integer({ min: 0, max: 99_999 }) })
);
const editsBetweenRuns = fc.array(fc.tuple(fc.nat(), cellEdit), { minLength: 1, maxLength: 8 });

/** The sample's findings: the marks a run puts on the sample department's input cells (no output sheets, for speed). */
const SAMPLE_MARKS: Plan = { sheets: [], marks: evaluate(sampleReading()).plan.marks };
const MARKED = [...new Set(SAMPLE_MARKS.marks.map((m) => m.address))];

/** What must survive 清除标记 after the user's edits, cell by cell. */
function expected(
  edits: Array<[number, CellEdit]>,
  list: string[]
): Map<string, { note?: (n: string | null) => boolean; fill?: string; value?: number }> {
  const out = new Map<string, { note?: (n: string | null) => boolean; fill?: string; value?: number }>();
  for (const [i, e] of edits) {
    const at = list[i % list.length];
    const now = out.get(at) ?? {};
    if (e.kind === 'append')
      now.note = (n) =>
        n !== null && n.endsWith(e.text) && !n.includes(NOTE_SEPARATOR) && !n.includes('【绩效自评助手】');
    if (e.kind === 'rewrite') now.note = (n) => n === e.text;
    if (e.kind === 'fill') now.fill = e.color;
    if (e.kind === 'value') now.value = e.value;
    out.set(at, now);
  }
  return out;
}

describe('edits between runs (file host)', () => {
  let base: Uint8Array;
  beforeAll(async () => {
    const book = newXlsx();
    applyPlan(book, templatePlan(sampleValues()));
    applyPlan(book, SAMPLE_MARKS);
    base = await saveXlsx(book);
  });

  test('notes extended or rewritten, fills changed, values corrected: a re-run keeps them, twice = once, 清除标记 leaves them', async () => {
    await fc.assert(
      fc.asyncProperty(editsBetweenRuns, async (edits) => {
        const book = await loadXlsx(base);
        for (const [i, e] of edits) {
          const r = parseRange(MARKED[i % MARKED.length])!;
          const cell = book.wb.getWorksheet(r.sheet)!.getCell(r.top + 1, r.left + 1);
          const note = typeof cell.note === 'string' ? cell.note : null;
          if (e.kind === 'append') cell.note = `${note ?? ''}\n${e.text}`;
          if (e.kind === 'rewrite') cell.note = e.text;
          if (e.kind === 'fill')
            cell.style = {
              ...cell.style,
              fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${e.color.slice(1)}` } },
            };
          if (e.kind === 'value') cell.value = e.value;
        }
        const edited = await roundTrip(book);
        applyPlan(edited, SAMPLE_MARKS);
        const once = await roundTrip(edited);
        const onceDump = dump(once, () => true, true);
        applyPlan(once, SAMPLE_MARKS);
        const twice = await roundTrip(once);
        expect(dump(twice, () => true, true)).toEqual(onceDump);
        clearMarks(twice);
        const cleared = await roundTrip(twice);
        for (const [at, want] of expected(edits, MARKED)) {
          const r = parseRange(at)!;
          const cell = cleared.wb.getWorksheet(r.sheet)!.getCell(r.top + 1, r.left + 1);
          const note = typeof cell.note === 'string' ? cell.note : null;
          if (want.note) expect([at, note, want.note(note)]).toEqual([at, note, true]);
          if (want.fill)
            expect([at, fillOf(cell)]).toEqual([
              at,
              JSON.stringify({
                type: 'pattern',
                pattern: 'solid',
                fgColor: { argb: `FF${want.fill.slice(1)}` },
              }),
            ]);
          if (want.value !== undefined) expect([at, cell.value]).toEqual([at, want.value]);
        }
      }),
      { numRuns: 10, seed: Number(process.env.FC_SEED ?? 20211), endOnFailure: true }
    );
  }, 240_000);
});

/** A user's action in Excel between runs: insert rows on an input sheet, or edit a marked cell. */
type BookEdit =
  | { kind: 'insert'; sheet: number; row: number; count: number }
  | { kind: 'cell'; at: number; edit: CellEdit };
const bookEdit: fc.Arbitrary<BookEdit> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    sheet: fc.nat(),
    row: fc.integer({ min: 4, max: 60 }),
    count: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ kind: fc.constant('cell' as const), at: fc.nat(), edit: cellEdit })
);

describe('edits between runs (Office host, on the Excel double)', () => {
  const plainRun = <T>(d: ExcelDouble, batch: (c: Excel.RequestContext) => Promise<T>) => {
    d.install();
    return d.run(batch);
  };

  test('rows inserted anywhere and marked cells edited: 清除标记 leaves the book as the same edits on an unmarked book; a re-run twice = once', async () => {
    const template = ExcelDouble.fromTemplate(sampleValues());
    const plan = evaluate(await plainRun(template, (c) => readOffice(c))).plan;
    const marksOnly: Plan = { sheets: [], marks: plan.marks };
    const sheets = [...new Set(marksOnly.marks.map((m) => parseRange(m.address)!.sheet))];
    await fc.assert(
      fc.asyncProperty(fc.array(bookEdit, { minLength: 1, maxLength: 6 }), async (edits) => {
        const marked = ExcelDouble.fromTemplate(sampleValues());
        const reference = ExcelDouble.fromTemplate(sampleValues());
        await plainRun(marked, (c) => applyOffice(c, marksOnly));
        for (const e of edits) {
          if (e.kind === 'insert') {
            const at = `${sheets[e.sheet % sheets.length]}!${e.row}:${e.row + e.count - 1}`;
            for (const d of [marked, reference]) d.shift(at, 'Down');
            continue;
          }
          // The marked cell where it is now: its anchor (a formula in the state sheet's 8th column) follows the inserted rows.
          const anchors = [...marked.sheetData('_jixiao_state').cells]
            .filter(([key, cell]) => key % 16_384 === 7 && key >= 16_384 && cell.formula !== undefined)
            .map(([, cell]) => cell.formula!);
          const address = anchors[e.at % anchors.length].replace(/^=/, '').replace(/\$/g, '');
          const { edit } = e;
          for (const d of [marked, reference]) {
            const note = d.note(address);
            if (edit.kind === 'append')
              d.setNote(address, note === null ? edit.text : `${note}\n${edit.text}`);
            if (edit.kind === 'rewrite') d.setNote(address, edit.text);
            if (edit.kind === 'fill') d.setFill(address, edit.color);
            if (edit.kind === 'value') d.userEdit(address, edit.value);
          }
        }
        const inputs = INPUT_SHEETS.map((s) => s.name);
        // The re-run reads the book as it is now (names moved with the rows), marks what it finds; twice = once.
        const rerun: Plan = {
          sheets: [],
          marks: evaluate(await plainRun(marked, (c) => readOffice(c))).plan.marks,
        };
        await plainRun(marked, (c) => applyOffice(c, rerun));
        const once = marked.snapshot();
        await plainRun(marked, (c) => applyOffice(c, rerun));
        expect(marked.snapshot()).toEqual(once);
        await plainRun(marked, (c) => clearOffice(c));
        expect(marked.snapshot(inputs)).toEqual(reference.snapshot(inputs));
      }),
      { numRuns: 15, seed: Number(process.env.FC_SEED ?? 20212), endOnFailure: true }
    );
  }, 240_000);
});
