/**
 * The Excel double closer to Excel (comments need ExcelApi 1.10; one note-or-comment slot per cell;
 * merging clears the other cells) and a fault injector: a write that fails at any sync leaves nothing
 * Jixiao added without its record, and 清除标记 then takes off everything it added.
 */
import { ExcelDouble } from '../support/excel-double';
import { applyPlan, clearMarks } from '../../src/hosts/office/apply';
import { evaluate } from '../../src/core/engine';
import { templateReading } from '../../src/core/fill';
import { sampleValues } from '../helpers/sample';
import { mergeMarks } from '../../src/core/hostDecisions';

const plan = evaluate(templateReading(sampleValues())).plan;
const firstMark = mergeMarks(plan.marks)[0].address;

test('comments need ExcelApi 1.10 in the double, as in Excel', async () => {
  const d = ExcelDouble.fromTemplate(sampleValues(), { excelApi: '1.9' });
  await expect(
    d.run(async (c) => {
      c.workbook.comments.load('items/id');
      await c.sync();
    })
  ).rejects.toMatchObject({ code: 'ApiNotFound' });
});

test('a cell cannot take both a note and a comment', async () => {
  const d = ExcelDouble.fromValues({ S: [[1]] });
  d.oneSlotPerCell = true;
  d.setNote('S!A1', '用户的注释');
  await expect(
    d.run(async (c) => {
      c.workbook.comments.add('S!A1', '批注');
      await c.sync();
    })
  ).rejects.toMatchObject({ code: 'InvalidArgument' });
  const e = ExcelDouble.fromValues({ S: [[1]] });
  e.oneSlotPerCell = true;
  e.addComment('S!A1', '用户的批注');
  await expect(
    e.run(async (c) => {
      c.workbook.worksheets.getItem('S').notes.add('A1', '注释');
      await c.sync();
    })
  ).rejects.toMatchObject({ code: 'InvalidArgument' });
});

test('merging keeps only the top-left value', async () => {
  const d = ExcelDouble.fromValues({
    S: [
      [1, 2],
      [3, 4],
    ],
  });
  await d.run(async (c) => {
    c.workbook.worksheets.getItem('S').getRange('A1:B2').merge(false);
    await c.sync();
  });
  expect([d.cell('S!A1').value, d.cell('S!B1').value, d.cell('S!A2').value, d.cell('S!B2').value]).toEqual([
    1,
    null,
    null,
    null,
  ]);
});

test('notes path: a cell holding the user’s comment is filled, its comment untouched, and the user told', async () => {
  const d = ExcelDouble.fromTemplate(sampleValues(), { excelApi: '1.18' });
  d.oneSlotPerCell = true;
  d.addComment(firstMark, '用户自己的批注');
  const report = await d.run((c) => applyPlan(c, plan, { notesSupported: true, commentsSupported: true }));
  expect(d.comment(firstMark)).toBe('用户自己的批注');
  expect(d.note(firstMark)).toBeNull();
  expect(report.diagnostics.map((x) => x.code)).toContain('mark-cell-has-comment');
  await d.run((c) => clearMarks(c, { notesSupported: true, commentsSupported: true }));
  expect(d.comment(firstMark)).toBe('用户自己的批注');
});

test('comments path: Excel refuses a comment on a cell holding a note it cannot show; the run still completes, every cell has our comment or is reported', async () => {
  const d = ExcelDouble.fromTemplate(sampleValues(), { excelApi: '1.10' });
  d.oneSlotPerCell = true;
  d.setNote(firstMark, '用户自己的注释');
  const opts = { notesSupported: false, commentsSupported: true };
  const report = await d.run((c) => applyPlan(c, plan, opts));
  const refused = report.diagnostics.find((x) => x.code === 'mark-comment-refused')!;
  expect(refused.address).toBe(firstMark);
  expect(d.note(firstMark)).toBe('用户自己的注释');
  expect(d.comment(firstMark)).toBeNull();
  // Excel stops a batch at the refused action: comments queued after it are not added either, and are reported.
  const all = mergeMarks(plan.marks).map((m) => m.address);
  const commented = all.filter((a) => (d.comment(a) ?? '').startsWith('【绩效自评助手】')).length;
  const reported = Number(/等 (\d+) 个单元格/.exec(refused.message)?.[1] ?? 1);
  expect(commented + reported).toBe(all.length);
  const others = all.slice(1);
  await d.run((c) => clearMarks(c, opts));
  expect(others.map((a) => d.comment(a)).filter((x) => x !== null)).toEqual([]);
  expect(d.note(firstMark)).toBe('用户自己的注释');
});

describe.each([
  ['notes', '1.18'],
  ['comments', '1.10'],
])('a write that fails at any sync (%s)', (_path, level) => {
  const opts = { notesSupported: level === '1.18', commentsSupported: true, pageLayoutSupported: true };
  test.each([2, 3, 4, 5])(
    'failing sync %i leaves nothing without its record; 清除标记 restores every input cell',
    async (n) => {
      const clean = ExcelDouble.fromTemplate(sampleValues(), { excelApi: level });
      const inputs = clean.sheetNames();
      const before = clean.snapshot(inputs);
      const d = ExcelDouble.fromTemplate(sampleValues(), { excelApi: level });
      d.oneSlotPerCell = true;
      d.failSync = { n, code: 'GeneralException' };
      await d.run((c) => applyPlan(c, plan, opts)).catch(() => undefined);
      d.failSync = undefined;
      await d.run((c) => clearMarks(c, opts));
      const after = d.snapshot(inputs);
      // Every input cell is back as it was: no orphaned mark, note or comment.
      expect(after).toEqual(before);
    }
  );
});
