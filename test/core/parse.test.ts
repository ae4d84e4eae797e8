import { parseCell, toHalfWidth } from '../../src/core/parse';
import type { InputKind } from '../../src/catalogue/types';
import type { CellValue } from '../../src/core/types';

const ctx = { name: '收入_本年收入合计', label: '本年收入合计', address: '收支总表!B15' };
const value = (v: CellValue, kind: InputKind = 'amount') => {
  const r = parseCell(v, kind, ctx);
  expect(r.diagnostic).toBeUndefined();
  return r.value === null ? null : String(r.value);
};
const problem = (v: CellValue, kind: InputKind = 'amount') => parseCell(v, kind, ctx).diagnostic!;

describe('amounts as accountants type them', () => {
  test.each<[CellValue, string]>([
    [1193.05, '1193.05'],
    ['1193.05', '1193.05'],
    ['1,193.05', '1193.05'],
    ['1193.05万元', '1193.05'],
    [' 1,193.05 万元 ', '1193.05'],
    ['１１９３．０５', '1193.05'],
    ['（12.30）', '-12.3'],
    ['(12.30)', '-12.3'],
    ['-12.30', '-12.3'],
    ['－12.30', '-12.3'],
    ['-', '0'],
    ['—', '0'],
    ['--', '0'],
    [0, '0'],
    ['0.00', '0'],
    ['1e3', '1000'],
  ])('%p → %s', (input, expected) => expect(value(input)).toBe(expected));

  test('blank and zero stay distinct', () => {
    expect(parseCell(null, 'amount', ctx)).toEqual({ value: null, blank: true });
    expect(parseCell('   ', 'amount', ctx)).toEqual({ value: null, blank: true });
    expect(parseCell('\u3000', 'amount', ctx)).toEqual({ value: null, blank: true });
    expect(parseCell(0, 'amount', ctx)).toMatchObject({ blank: false });
  });

  test('floats from Excel become exact decimals (no binary noise)', () => {
    expect(value(0.1 + 0.2)).toBe('0.30000000000000004'); // what the cell truly holds
    expect(value(271.02)).toBe('271.02');
  });

  test.each<[CellValue, string, string]>([
    [
      '一千万',
      'not-a-number',
      '收支总表!B15（本年收入合计）：单元格内容“一千万”不是数字，应填金额（万元），如 1234.56',
    ],
    [
      '1193.05元',
      'unit-yuan',
      '收支总表!B15（本年收入合计）：单元格写的单位是“元”（1193.05元），本表金额单位为万元；请换算为万元后填写（元 ÷ 10000）',
    ],
    [
      '91.30%',
      'percent-in-amount',
      '收支总表!B15（本年收入合计）：单元格内容“91.30%”是百分比，应填金额（万元），如 1234.56',
    ],
    [
      '1,19.05',
      'not-a-number',
      '收支总表!B15（本年收入合计）：单元格内容“1,19.05”不是数字，应填金额（万元），如 1234.56',
    ],
    [
      '12.3.4',
      'not-a-number',
      '收支总表!B15（本年收入合计）：单元格内容“12.3.4”不是数字，应填金额（万元），如 1234.56',
    ],
    [
      '(-5)',
      'not-a-number',
      '收支总表!B15（本年收入合计）：单元格内容“(-5)”不是数字，应填金额（万元），如 1234.56',
    ],
    [
      { error: '#REF!' },
      'error-value',
      '收支总表!B15（本年收入合计）：单元格是错误值 #REF!，应填金额（万元），如 1234.56；请检查公式或引用',
    ],
    [
      '#DIV/0!',
      'error-value',
      '收支总表!B15（本年收入合计）：单元格是错误值 #DIV/0!，应填金额（万元），如 1234.56；请检查公式或引用',
    ],
    [
      true,
      'not-a-number',
      '收支总表!B15（本年收入合计）：单元格内容“TRUE”不是数字，应填金额（万元），如 1234.56',
    ],
    [
      1e15,
      'amount-too-large',
      '收支总表!B15（本年收入合计）：金额 1000000000000000 万元大得不合理（超过一万亿万元），请检查是否多输了位数或单位',
    ],
  ])('%p is refused: %s', (input, code, message) => {
    expect(problem(input)).toEqual({ code, severity: '错误', message, name: ctx.name, address: ctx.address });
  });
});

describe('bounds: every numeric kind has a plausible range and an exponent limit', () => {
  const where = (kind: string) => ({ name: 'x', label: '某项', address: '表!B2', kind });
  test.each<[CellValue, 'amount' | 'rate' | 'count' | 'score' | 'year', string]>([
    [
      '1e999999999',
      'count',
      '表!B2（某项）：数值 1e999999999 超出合理范围（超过一亿），应填人数或个数（非负整数），如 18；请检查是否多输了位数或误用了科学计数法',
    ],
    [
      '1e999999999',
      'rate',
      '表!B2（某项）：数值 1e999999999 超出合理范围（绝对值超过 1000000%），应填百分比，如 91.30%',
    ],
    [
      '1e999999999',
      'score',
      '表!B2（某项）：数值 1e999999999 超出合理范围（超过 10000 分），应填得分（非负数），如 5',
    ],
    [
      '1e999999999',
      'amount',
      '表!B2（某项）：数值 1e999999999 超出合理范围（超过一万亿万元），应填金额（万元），如 1234.56',
    ],
    ['1e-999999999', 'amount', '表!B2（某项）：数值 1e-999999999 超出合理范围（小数位过多）'],
    ['1e999999999', 'year', '表!B2（某项）：数值 1e999999999 超出合理范围，应填四位年度'],
    [1e300, 'rate', '表!B2（某项）：数值 1e+300 超出合理范围（绝对值超过 1000000%）'],
    ['2e8', 'count', '表!B2（某项）：数值 2e8 超出合理范围（超过一亿）'],
    ['20000', 'score', '表!B2（某项）：数值 20000 超出合理范围（超过 10000 分）'],
  ])('%p as %s is refused at once, naming the cell', (input, kind, message) => {
    const started = Date.now();
    const r = parseCell(input, kind, where(kind));
    expect(Date.now() - started).toBeLessThan(1000); // formatting 1e999999999 would take tens of seconds
    expect(r.value).toBeNull();
    expect(r.diagnostic!.code).toBe('number-out-of-range');
    expect(r.diagnostic!.message).toContain(message);
  });

  test('a long string of digits is refused with its length, not echoed whole', () => {
    const r = parseCell('9'.repeat(5000), 'amount', where('amount'));
    expect(r.diagnostic!.message).toBe(
      '表!B2（某项）：单元格内容“99999999999999999999……”不是数字（共 5000 个字符），应填金额（万元），如 1234.56'
    );
  });

  test('figures within range still parse, exponents included', () => {
    expect(String(parseCell('12e5', 'amount', where('amount')).value)).toBe('1200000');
    expect(String(parseCell('1e-5', 'amount', where('amount')).value)).toBe('0.00001');
    expect(String(parseCell('99999999', 'count', where('count')).value)).toBe('99999999');
  });
});

describe('other kinds', () => {
  test('rates: text in points, numbers as Excel stores percentages', () => {
    expect(value('91.30%', 'rate')).toBe('91.3');
    expect(value('９１．３０％', 'rate')).toBe('91.3');
    expect(value(0.913, 'rate')).toBe('91.3');
    expect(value(-1, 'rate')).toBe('-100');
    const r = parseCell(91.3, 'rate', ctx);
    expect(String(r.value)).toBe('9130');
    expect(r.diagnostic).toMatchObject({ code: 'rate-scale', severity: '提示' });
    expect(r.diagnostic!.message).toContain('如本意是 91.3%，请填“91.3%”');
  });

  test('counts: whole, non-negative, with 人/名', () => {
    expect(value('18人', 'count')).toBe('18');
    expect(value('19名', 'count')).toBe('19');
    expect(problem(-3, 'count').message).toBe(
      '收支总表!B15（本年收入合计）：人数或个数不能为负（-3），应填人数或个数（非负整数），如 18'
    );
    expect(problem(2.5, 'count').code).toBe('not-a-count');
  });

  test('years, flags, dates, scores, text', () => {
    expect(value('2021年', 'year')).toBe('2021');
    expect(problem(21, 'year').code).toBe('bad-year');
    expect(value('是', 'flag')).toBe('true');
    expect(value('√', 'flag')).toBe('true');
    expect(value('否', 'flag')).toBe('false');
    expect(value(false, 'flag')).toBe('false');
    expect(problem('也许', 'flag').message).toContain('应填“是”或“否”');
    expect(value('2021年12月31日', 'date')).toBe('2021-12-31');
    expect(value('2021.6', 'date')).toBe('2021-06');
    expect(value(44561, 'date')).toBe('2021-12-31');
    expect(problem('下半年', 'date').code).toBe('not-a-date');
    // A day the month does not have is a typo, reported rather than read as another date.
    expect(problem('2021-02-29', 'date').message).toContain(
      '收支总表!B15（本年收入合计）：单元格内容“2021-02-29”不是日期'
    );
    expect(problem('2021年4月31日', 'date').code).toBe('not-a-date');
    expect(value('2020-02-29', 'date')).toBe('2020-02-29');
    expect(value('5分', 'score')).toBe('5');
    expect(problem(-1, 'score').code).toBe('bad-score');
    expect(value(12, 'text')).toBe('12');
    expect(value(' 衡阳 ', 'text')).toBe('衡阳');
  });

  test('full-width ASCII to half-width', () => {
    expect(toHalfWidth('（１２．３０）％')).toBe('(12.30)%');
  });
});
