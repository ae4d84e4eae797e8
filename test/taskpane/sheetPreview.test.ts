/**
 * The web page's read-only preview of a finding's cell: the cells around it in the evaluated sample
 * workbook, values as the sheet displays them (number formats applied), the cell located.
 */
import * as fs from 'fs';
import { evaluate } from '../../src/core/engine';
import { applyPlan, loadXlsx, readInputs } from '../../src/hosts/file/xlsx';
import { formatNumber, previewWindow } from '../../src/taskpane/preview';
import { filePort } from '../../src/web/filePort';
import { SAMPLE_XLSX } from '../helpers/sample';

describe('formatNumber: a number as Excel displays it under the formats these workbooks use', () => {
  test.each([
    [1193.05, '#,##0.00', '1,193.05'],
    [780.19, '#,##0.00', '780.19'],
    [21, '0', '21'],
    [91.304348, '0.00"%"', '91.30%'],
    [0.9952, '0.00%', '99.52%'],
    [-360.29, '+#,##0.00;-#,##0.00;0', '-360.29'],
    [4.04, '+#,##0.00;-#,##0.00;0', '+4.04'],
    [0, '+#,##0.00;-#,##0.00;0', '0'],
    [1193.05, '#,##0.00" 万元"', '1,193.05 万元'],
    [-52.56, '#,##0.00', '-52.56'],
    [0.1 + 0.2, 'General', '0.3'],
    [2021, undefined, '2021'],
    [1234567.891, '#,##0.00_);[Red](#,##0.00)', '1,234,567.89'],
  ])('%p under %p shows %p', (x, fmt, shown) => {
    expect(formatNumber(x, fmt)).toBe(shown);
  });
});

test('the window: three rows either side, column A (the labels) and two columns either side', () => {
  expect(previewWindow(6, 3)).toEqual({ rows: [3, 4, 5, 6, 7, 8, 9], cols: [0, 1, 2, 3, 4, 5] });
  expect(previewWindow(0, 0)).toEqual({ rows: [0, 1, 2, 3], cols: [0, 1, 2] });
  expect(previewWindow(16, 9)).toEqual({ rows: [13, 14, 15, 16, 17, 18, 19], cols: [0, 7, 8, 9, 10, 11] });
});

describe('the file port’s preview over the evaluated sample', () => {
  let port: ReturnType<typeof filePort>;
  beforeAll(async () => {
    const host = await import('../../src/hosts/file/xlsx');
    const book = await loadXlsx(fs.readFileSync(SAMPLE_XLSX));
    applyPlan(book, evaluate(readInputs(book)).plan);
    port = filePort(host, book);
  });

  test('财政拨款!D7 (本年收入 合计 780.19, against 478.29 + 714.76): its row and the rows around, as displayed', async () => {
    const p = (await port.preview!('财政拨款!D7'))!;
    expect(p.sheet).toBe('财政拨款');
    expect(p.cell).toBe('D7');
    expect(p.columns).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(p.rows.map((r) => r.row)).toEqual([4, 5, 6, 7, 8, 9, 10]);
    const row7 = p.rows[p.at.row];
    expect(row7.row).toBe(7);
    expect(p.columns[p.at.column]).toBe('D');
    expect(row7.cells.slice(0, 4)).toEqual(['本年收入', '478.29', '714.76', '780.19']);
    expect(p.rows[1].cells.slice(0, 4)).toEqual(['项目', '基本支出', '项目支出', '合计']);
    expect(p.rows[2].cells.slice(0, 4)).toEqual(['年初结转结余', '0.00', '4.04', '4.04']);
  });

  test('a range gives its top-left cell; thousands separators as the cell shows them; an unknown sheet gives null', async () => {
    const total = (await port.preview!('财政拨款!D15'))!;
    expect(total.rows[total.at.row].cells[total.at.column]).toBe('1,193.05');
    const range = (await port.preview!('自评打分!A7:C46'))!;
    expect([range.cell, range.rows[range.at.row].row, range.columns[range.at.column]]).toEqual([
      'A7',
      7,
      'A',
    ]);
    expect(await port.preview!('没有这张表!A1')).toBeNull();
  });

  test('a merged title shows once, in its first cell', async () => {
    const top = (await port.preview!('财政拨款!B2'))!;
    const row2 = top.rows.find((r) => r.row === 2)!;
    expect(row2.cells[0]).toMatch(/^一般公共预算财政拨款收支/);
    expect(row2.cells.slice(1).every((c) => c === '')).toBe(true);
  });
});
