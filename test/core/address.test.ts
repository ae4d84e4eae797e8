/** Addresses are written in one place (src/core/address.ts): the quoting rules Excel reads them by. */
import {
  absolute,
  cellIn,
  formatRange,
  locationOf,
  normaliseAddress,
  parseRange,
  quoteSheet,
} from '../../src/core/address';

describe('quoteSheet', () => {
  test.each([
    ['收支总表', '收支总表'],
    ['Sheet1', 'Sheet1'],
    ['_data', '_data'],
    ['基础数据表2021', '基础数据表2021'],
  ])('%s stays plain', (sheet, out) => expect(quoteSheet(sheet)).toBe(out));

  test.each([
    ['My Sheet', "'My Sheet'"],
    ['基础 数据', "'基础 数据'"],
    ["Bob's", "'Bob''s'"],
    ["''", "''''''"],
    ['2021年', "'2021年'"],
    ['1', "'1'"],
    ['收支-总表', "'收支-总表'"],
    ['（一）收入', "'（一）收入'"],
    // Names Excel would read as a cell reference.
    ['A1', "'A1'"],
    ['xfd1048576', "'xfd1048576'"],
    ['R1C1', "'R1C1'"],
    ['R', "'R'"],
    ['C', "'C'"],
    ['R2', "'R2'"],
  ])('%s is quoted as %s', (sheet, out) => expect(quoteSheet(sheet)).toBe(out));
});

describe('the three written forms', () => {
  test('display: unquoted, no $, one cell or a range', () => {
    expect(normaliseAddress("'My Sheet'!$B$3")).toBe('My Sheet!B3');
    expect(normaliseAddress("='Bob''s'!$C$2:$A$1")).toBe("Bob's!A1:C2");
    expect(formatRange({ sheet: '收支总表', top: 4, bottom: 4, left: 1, right: 1 })).toBe('收支总表!B5');
    expect(cellIn('项目支出明细表!A10:G20', 2, 3)).toBe('项目支出明细表!D12');
  });

  test('location (links, selections): always quoted, apostrophes doubled, no $', () => {
    expect(locationOf('收支总表!B5')).toBe("'收支总表'!B5");
    expect(locationOf("Bob's!$A$1:$C$2")).toBe("'Bob''s'!A1:C2");
    expect(locationOf('My Sheet!A1:C2', { firstCell: true })).toBe("'My Sheet'!A1");
    expect(locationOf('not an address')).toBe('not an address');
  });

  test('absolute (names, formulas): $ on both parts, quoted only where needed', () => {
    expect(absolute('收支总表!B5')).toBe('收支总表!$B$5');
    expect(absolute('My Sheet!A1:C2')).toBe("'My Sheet'!$A$1:$C$2");
    expect(absolute('2021!A1')).toBe("'2021'!$A$1");
    expect(absolute('A1!A1')).toBe("'A1'!$A$1");
  });

  test('every form parses back to the same range', () => {
    for (const sheet of ['收支总表', 'My Sheet', "Bob's", '2021年', 'A1', 'R1C1']) {
      const r = { sheet, top: 2, bottom: 6, left: 1, right: 3 };
      for (const text of [formatRange(r), locationOf(formatRange(r)), absolute(formatRange(r))])
        expect(parseRange(text)).toEqual(r);
    }
  });
});
