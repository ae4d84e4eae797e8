/**
 * Import by recognition on the Office host (through the Excel double): the user's sheets are read in a
 * constant number of syncs, our names are created on their own cells (nothing copied), and the Office
 * reader then reads the department's figures through them.
 */
import { ExcelDouble } from '../support/excel-double';
import { readInputs } from '../../src/hosts/office/reader';
import { bindRecognised, readSheetsForImport } from '../../src/hosts/office/recognition';
import { recognise, ImportSheet } from '../../src/import/recognise';
import { officeBindings } from '../../src/import/report';
import { tianshuiKindergarten } from './departments';
import { dujiJiguanShiwu, hengyangKexie } from './departments';

function doubleOf(sheets: ImportSheet[]): ExcelDouble {
  const d = ExcelDouble.fromValues(Object.fromEntries(sheets.map((s) => [s.name, s.cells])));
  // Merge as a user's workbook has them merged.
  return d;
}

async function merged(sheets: ImportSheet[]): Promise<ExcelDouble> {
  const d = doubleOf(sheets);
  await d.run(async (ctx) => {
    for (const s of sheets)
      for (const m of s.merges ?? [])
        ctx.workbook.worksheets
          .getItem(s.name)
          .getRangeByIndexes(m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1)
          .merge();
    await ctx.sync();
  });
  return d;
}

test('the sheets read back as the grids they hold, merges included, in three syncs', async () => {
  const sheets = hengyangKexie();
  const d = await merged(sheets);
  d.syncCount = 0;
  const read = await d.run((ctx) => readSheetsForImport(ctx));
  expect(d.syncCount).toBe(3);
  expect(read.map((s) => s.name)).toEqual(sheets.map((s) => s.name));
  const g7 = read.find((s) => s.name === '公开07表')!;
  expect(g7.cells[7]).toEqual([26, 6, 10, null, null, 10, 5.83, 0, 4.57, null, null, 1.26]);
  expect(g7.merges).toEqual(
    expect.arrayContaining([
      { top: 3, left: 0, bottom: 3, right: 5 },
      { top: 4, left: 2, bottom: 4, right: 4 },
    ])
  );
  // Recognition gives the same answer as on the grids themselves.
  expect(recognise(read)).toEqual(recognise(sheets));
});

test('names are created on the user’s own cells, nothing copied, and the reader reads through them', async () => {
  const d = await merged([...hengyangKexie(), ...dujiJiguanShiwu().map((s) => ({ ...s, name: '杜集三公' }))]);
  const sheets = await d.run((ctx) => readSheetsForImport(ctx));
  const { bindings, skipped } = officeBindings(recognise(sheets));
  // The name stands inside “部门：…”: a defined name cannot point at part of a cell, so it is left to the user.
  expect(skipped).toEqual([
    {
      name: '单位名称',
      reason:
        '公开01表!A3 写的是“部门：衡阳市科学技术协会”，名称只能指向整个单元格；请在“数据”页把该项绑定到只写单位名称的单元格',
    },
  ]);
  const sheetCount = d.book.sheets.length;
  d.syncCount = 0;
  const bound = await d.run((ctx) => bindRecognised(ctx, bindings));
  expect(d.syncCount).toBe(2);
  expect(bound.length).toBe(bindings.length);
  expect(d.book.sheets.length).toBe(sheetCount); // no sheet of ours added: the user's tables hold the figures

  const reading = await d.run((ctx) => readInputs(ctx));
  expect(reading.inputs['收入_本年收入合计']).toMatchObject({ address: '公开01表!C20', values: [[1351.58]] });
  expect(reading.inputs['三公_合计_本年决算']).toMatchObject({ address: '公开07表!G8', values: [[5.83]] });
  expect(reading.inputs['基础_编制数']).toMatchObject({ address: '基础数据表!B4', values: [[23]] });

  // Binding again repoints rather than failing on the existing names.
  await d.run((ctx) => bindRecognised(ctx, [{ name: '收入_本年收入合计', sheet: '公开01表', cell: 'C7' }]));
  expect(
    (await d.run((ctx) => readInputs(ctx, ['收入_本年收入合计']))).inputs['收入_本年收入合计'].address
  ).toBe('公开01表!C7');
});

test('figures in a table kept in 元 are not bound (a name would read them as 万元), and the report says why', () => {
  const { bindings, skipped } = officeBindings(recognise(tianshuiKindergarten()));
  expect(bindings.map((b) => b.name)).toContain('支出_基本支出'); // 公开03 is in 万元
  expect(bindings.map((b) => b.name)).not.toContain('收入_本年收入合计');
  expect(skipped.find((x) => x.name === '收入_本年收入合计')?.reason).toBe(
    '公开01表!C20 所在的表单位为元，不能直接绑定（助手按万元读数）；请将该表换算为万元，或用“导入”生成模板'
  );
});
