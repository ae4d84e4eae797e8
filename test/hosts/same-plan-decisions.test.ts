/** Decisions both hosts make alike come from one place in the core. */
import { mergeMarks, pageOrientation } from '../../src/core/hostDecisions';

test('a sheet wider than 110 characters of columns prints landscape, else portrait', () => {
  expect(pageOrientation({ columnWidths: [60, 50] })).toBe('portrait');
  expect(pageOrientation({ columnWidths: [60, 51] })).toBe('landscape');
  expect(pageOrientation({})).toBe('portrait');
});

test('several findings on one cell make one mark: worse severity, each message once, address normalised', () => {
  const merged = mergeMarks([
    { address: '收支总表!b15', severity: '提示', note: '甲' },
    { address: '收支总表!B15', severity: '错误', note: '乙' },
    { address: "'收支总表'!B15", severity: '提示', note: '甲' },
    { address: '收支总表!C3', severity: '提示', note: '丙' },
  ]);
  expect(merged).toEqual([
    { address: '收支总表!B15', severity: '错误', note: '甲\n乙' },
    { address: '收支总表!C3', severity: '提示', note: '丙' },
  ]);
});
