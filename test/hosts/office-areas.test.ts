/**
 * getRanges defensively (issue 23 item 4): at most 200 areas and 2,000 characters per call, well under
 * the failures reported in office-js #5198 (InvalidArgument at 513 areas, 8,207 characters, while
 * another address of 513 areas works) and #4263 (intermittent with many areas); a call Excel refuses
 * anyway is split in two and sent again, down to single ranges. The double refuses addresses over a
 * threshold the test picks, and the runs through real office.js must end as runs it never refused.
 */
import { AREAS_CHARS, AREAS_PER_CALL, areaLists, Batch } from '../../src/hosts/office/budget';
import { applyPlan, clearMarks } from '../../src/hosts/office/apply';
import { evaluate } from '../../src/core/engine';
import { templateReading } from '../../src/core/fill';
import type { Plan } from '../../src/core/types';
import { ExcelDouble } from '../support/excel-double';
import { runThroughOfficeJs } from '../support/real-office';
import { flaggedProjects } from '../support/real-office/bench';

test('addresses are cut into lists of at most 200 areas and 2,000 characters, none lost or split', () => {
  const cells = Array.from({ length: 5000 }, (_, i) => `E${i + 5}`);
  const lists = areaLists(cells);
  expect(lists.every((l) => l.length <= AREAS_PER_CALL && l.join(',').length <= AREAS_CHARS)).toBe(true);
  expect(lists.flat()).toEqual(cells);
  expect(lists[0]).toHaveLength(200); // short addresses: the area cap binds
  const long = Array.from({ length: 500 }, (_, i) => `AB${i + 1000}:AC${i + 1000}`);
  expect(Math.max(...areaLists(long).map((l) => l.join(',').length))).toBeLessThanOrEqual(2000); // the characters bind
  expect(areaLists([])).toEqual([]);
  expect(areaLists(['A1:B2'], 200, 3)).toEqual([['A1:B2']]);
});

describe.each([
  ['1.7', false],
  ['1.9', true],
])('ExcelApi %s', (level, areas) => {
  test(`cells of one setting take it ${areas ? 'over RangeAreas' : 'one range at a time'}, and only those cells`, async () => {
    const d = ExcelDouble.fromValues({ 表: [[1]] }, [], { excelApi: level });
    const ctx = d.context();
    const batch = new Batch(ctx);
    const ws = ctx.workbook.worksheets.getItem('表');
    await batch.areas(ws, ['B5', 'D7:E8'], areas, { request: 0, response: 0 }, (t) => {
      t.format.fill.color = '#FFC7CE';
    });
    await batch.flush();
    const read = ['B5', 'D7', 'E8', 'C6', 'B6'].map((a) => ws.getRange(a).format.fill.load('color'));
    await ctx.sync();
    expect(read.map((f) => f.color)).toEqual(['#FFC7CE', '#FFC7CE', '#FFC7CE', '#FFFFFF', '#FFFFFF']);
  });
});

test('below ExcelApi 1.9 the double refuses RangeAreas, so the per-range fallback is what older hosts run', async () => {
  const d = ExcelDouble.fromValues({ 表: [[1]] }, [], { excelApi: '1.7' });
  const ctx = d.context();
  expect(() => ctx.workbook.worksheets.getItem('表').getRanges('A1,B2')).toThrow(/1\.9/);
});

describe('Excel refusing getRanges addresses (InvalidArgument), through real office.js', () => {
  const rows = 60;
  const planned = evaluate(templateReading({ 项目支出明细表: flaggedProjects(rows) } as never)).plan;
  const LEVEL = '1.15';

  async function cycle(plan: Plan, limit?: number) {
    const d = ExcelDouble.fromTemplate({ 项目支出明细表: flaggedProjects(rows) } as never, {
      excelApi: LEVEL,
    });
    d.rangeAreasLimit = limit;
    const applied = await runThroughOfficeJs(d, LEVEL, (c) => applyPlan(c, plan));
    const written = d.snapshot();
    const cleared = await runThroughOfficeJs(d, LEVEL, (c) => clearMarks(c));
    return { written, cleared: d.snapshot(), syncs: applied.stats.syncs + cleared.stats.syncs };
  }

  test.each([
    // The whole plan: output sheets' formats and the marks.
    ['over 50 areas: each refused call split in two until it passes', 50, planned],
    // The marks alone keep this one quick: every call of many areas is refused.
    ['over 1 area: every call split down to single ranges', 1, { sheets: [], marks: planned.marks }],
  ])('%s; the workbook ends as a run never refused', async (_what, limit, plan) => {
    const plain = await cycle(plan);
    const refused = await cycle(plan, limit);
    expect(refused.syncs).toBeGreaterThan(plain.syncs);
    expect(refused.written).toEqual(plain.written);
    expect(refused.cleared).toEqual(plain.cleared);
  });

  test('an InvalidArgument from elsewhere is not taken for a refused address: the run fails', async () => {
    const d = ExcelDouble.fromValues({ 表: [[1]] }, [], { excelApi: LEVEL });
    await expect(
      runThroughOfficeJs(d, LEVEL, async (c) => {
        const batch = new Batch(c);
        const ws = c.workbook.worksheets.getItem('表');
        await batch.areas(ws, ['A1', 'B2'], true, { request: 0, response: 0 }, (t) => {
          t.format.fill.color = '#FFC7CE';
        });
        await batch.add({ request: 0, response: 0 }, () => {
          ws.getRange('A1').format.fill.color = 'no such colour';
        });
        await batch.flush();
      })
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});
