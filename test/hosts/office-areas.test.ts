import { areaLists, forAreas } from '../../src/hosts/office/areas';
import { capabilities } from '../../src/hosts/office/capabilities';
import { ExcelDouble } from '../support/excel-double';

test('addresses are cut into comma-joined lists within the character limit, none lost or split', () => {
  const cells = Array.from({ length: 500 }, (_, i) => `E${i + 5}`);
  const lists = areaLists(cells, 100);
  expect(lists.every((l) => l.length <= 100)).toBe(true);
  expect(lists.join(',').split(',')).toEqual(cells);
  expect(areaLists([])).toEqual([]);
  expect(areaLists(['A1:B2'], 3)).toEqual(['A1:B2']);
});

describe.each([
  ['1.7', false],
  ['1.9', true],
])('ExcelApi %s', (level, areas) => {
  test(`cells of one setting take it ${areas ? 'over RangeAreas' : 'one range at a time'}, and only those cells`, async () => {
    const d = ExcelDouble.fromValues({ 表: [[1]] }, [], { excelApi: level });
    const ctx = d.context();
    const can = { ...capabilities({}), rangeAreas: areas };
    const ws = ctx.workbook.worksheets.getItem('表');
    forAreas(ws, ['B5', 'D7:E8'], can, (t) => (t.format.fill.color = '#FFC7CE'));
    await ctx.sync();
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
