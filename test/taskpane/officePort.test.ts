/**
 * The office port over the Excel double: go to a cell, bind the selection to a name, hear the
 * user's edits but not the add-in's own writes.
 */
import { ExcelDouble } from '../support/excel-double';
import { evaluate } from '../../src/core/engine';
import { officePort } from '../../src/taskpane/officePort';
import { sampleValues } from '../helpers/sample';

function install(d: ExcelDouble) {
  d.install(globalThis as unknown as Record<string, unknown>);
}

test('select activates the sheet and selects the range', async () => {
  const d = ExcelDouble.fromTemplate(sampleValues());
  install(d);
  await officePort().select('收支总表!B7');
  expect(d.book.activeSheet?.name).toBe('收支总表');
  expect(d.book.selection?.sheet.name).toBe('收支总表');
  expect(d.book.selection?.box).toEqual({ top: 6, left: 1, bottom: 6, right: 1 });
});

test('select names a missing sheet in Chinese', async () => {
  install(ExcelDouble.fromTemplate(sampleValues()));
  await expect(officePort().select('不存在!A1')).rejects.toThrow(
    '工作簿中没有工作表“不存在”，无法定位到 不存在!A1'
  );
});

test('bindSelection repoints a name at the selected cell; a scalar refuses a multi-cell selection', async () => {
  const d = ExcelDouble.fromTemplate(sampleValues());
  install(d);
  const port = officePort();
  await port.select('基本情况!D6');
  await expect(port.bindSelection('单位名称')).resolves.toBe('基本情况!D6');
  expect(d.book.names.filter((n) => n.name === '单位名称').map((n) => n.formula)).toEqual(['=基本情况!$D$6']);
  await port.select('基本情况!D6:E7');
  await expect(port.bindSelection('单位名称')).rejects.toThrow(
    '“单位名称”是单个数据，请只选中一个单元格（当前选中 基本情况!D6:E7，共 4 个单元格）'
  );
});

test('user edits are heard; the add-in’s own writes are not', async () => {
  const d = ExcelDouble.fromTemplate(sampleValues());
  install(d);
  const port = officePort();
  const heard: number[] = [];
  const off = await port.onUserEdit!(() => heard.push(Date.now()));
  await port.applyPlan(evaluate(await port.readAll()).plan);
  await new Promise((r) => setTimeout(r, 50));
  expect(heard).toHaveLength(0);
  off();
  const port2 = officePort(); // a fresh pane, past the echo window of the first
  const heard2: number[] = [];
  await port2.onUserEdit!(() => heard2.push(1));
  d.userEdit('收支总表!B7', 1200);
  await new Promise((r) => setTimeout(r, 20));
  expect(heard2).toEqual([1]);
});

test('an explanation goes into the first empty row of 出错说明表, and a second one for the same rule replaces it', async () => {
  const d = ExcelDouble.fromTemplate(sampleValues());
  install(d);
  const port = officePort();
  const address = (await port.readAll()).inputs['出错说明表'].address!;
  const [sheet, range] = address.split('!');
  const first = `${sheet}!${range.split(':')[0]}`;
  const row = (a: string) => {
    const m = /^(.*)!([A-Z]+)(\d+)$/.exec(a)!;
    return ['A', 'B', 'C'].map(
      (c) => d.cell(`${m[1]}!${String.fromCharCode(c.charCodeAt(0) + m[2].charCodeAt(0) - 65)}${m[3]}`).value
    );
  };
  await port.writeExplanation({
    id: 'same.公用经费决算',
    title: '公用经费口径不一致',
    text: '基础数据表按全部资金计',
  });
  expect(row(first)).toEqual(['same.公用经费决算', '公用经费口径不一致', '基础数据表按全部资金计']);
  await port.writeExplanation({
    id: 'same.公用经费决算',
    title: '公用经费口径不一致',
    text: '按财政拨款口径重填',
  });
  expect(row(first)).toEqual(['same.公用经费决算', '公用经费口径不一致', '按财政拨款口径重填']);
  const second = first.replace(/\d+$/, (n) => String(Number(n) + 1));
  expect(row(second)).toEqual([null, null, null]);
});

test('an explanation starting with = + - @ is written as text, never as a formula', async () => {
  const d = ExcelDouble.fromTemplate(sampleValues());
  install(d);
  const port = officePort();
  const address = (await port.readAll()).inputs['出错说明表'].address!;
  const first = address.split(':')[0];
  const [sheet, cell] = first.split('!');
  const col = (dc: number) => `${sheet}!${String.fromCharCode(cell.charCodeAt(0) + dc)}${cell.slice(1)}`;
  await port.writeExplanation({
    id: 'same.公用经费决算',
    title: '-口径不一致',
    text: '=基础数据表按全部资金计',
  });
  expect(d.cell(col(1))).toMatchObject({ value: '-口径不一致' });
  expect(d.cell(col(1)).formula).toBeUndefined();
  expect(d.cell(col(2))).toMatchObject({ value: '=基础数据表按全部资金计' });
  expect(d.cell(col(2)).formula).toBeUndefined();
  // And it reads back as the department wrote it.
  const row = (await port.readAll()).inputs['出错说明表'].values![0];
  expect(row).toEqual(['same.公用经费决算', '-口径不一致', '=基础数据表按全部资金计']);
});
