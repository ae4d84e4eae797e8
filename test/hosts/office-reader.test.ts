/** The Office reader over the Excel double: same reading as the template, constant syncs, named diagnostics. */
import { templateReading } from '../../src/core/fill';
import { TEMPLATE_ADDRESS } from '../../src/catalogue/layout';
import { INPUTS } from '../../src/catalogue/inputs';
import { ExcelDouble } from '../support/excel-double';
import { readInputs } from '../../src/hosts/office/reader';
import { sampleValues } from '../helpers/sample';

describe('readInputs on the template', () => {
  test('the sample laid out in the template reads back exactly as templateReading, name by name', async () => {
    const values = sampleValues();
    const d = ExcelDouble.fromTemplate(values);
    const reading = await d.run((ctx) => readInputs(ctx));
    const expected = templateReading(values);
    expect(Object.keys(reading.inputs).sort()).toEqual(INPUTS.map((i) => i.name).sort());
    for (const name of Object.keys(expected.inputs))
      expect([name, reading.inputs[name]]).toEqual([name, expected.inputs[name]]);
    expect(reading.diagnostics).toEqual([]);
    // Spot checks by hand: the unit's name and the first project row sit where the layout puts them.
    expect(reading.inputs['单位名称'].values).toEqual([['衡阳市科学技术协会']]);
    expect(reading.inputs['单位名称'].address).toBe(TEMPLATE_ADDRESS.get('单位名称'));
    expect(reading.inputs['项目支出明细表'].values![0]).toEqual([
      '科普经费',
      null,
      376,
      338.76,
      684.76,
      688.79,
      null,
    ]);
  });

  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => [`项目${i + 1}`, null, 10, 0, 10, 9.5, '否']);

  test.each([10, 1000])('a constant number of syncs (3) with %i 项目支出明细表 rows', async (n) => {
    const d = ExcelDouble.fromTemplate({ ...sampleValues(), 项目支出明细表: rows(n) });
    const reading = await d.run((ctx) => readInputs(ctx));
    expect(d.syncCount).toBe(3);
    const table = reading.inputs['项目支出明细表'];
    expect(table.values).toHaveLength(Math.max(n, 30)); // the template lays out 30 rows; longer tables extend the name
    expect(table.values![n - 1]).toEqual([`项目${n}`, null, 10, 0, 10, 9.5, '否']);
    expect(table.address).toBe(templateReading({ 项目支出明细表: rows(n) }).inputs['项目支出明细表'].address);
  });
});

describe('names the reader cannot use', () => {
  const d = () =>
    ExcelDouble.fromValues(
      {
        甲: [
          [1, 2],
          [{ error: '#DIV/0!' }, ''],
        ],
        乙: [[3]],
        丙: [[4]],
      },
      [
        { name: '好名称', formula: '=甲!$A$1:$B$2' },
        { name: '失效', formula: '=#REF!' },
        { name: '常数', formula: '=0.5' },
        { name: '整列', formula: '=甲!$A:$A' },
        { name: '局部', formula: '=乙!$A$1', sheet: '乙' },
        { name: '重名', formula: '=乙!$A$1', sheet: '乙' },
        { name: '重名', formula: '=丙!$A$1', sheet: '丙' },
      ]
    );

  test('values and error cells, sheet-scoped names, and a diagnostic per unusable name, never a throw', async () => {
    const book = d();
    const r = await book.run((ctx) =>
      readInputs(ctx, ['好名称', '失效', '常数', '整列', '局部', '重名', '没有'])
    );
    expect(book.syncCount).toBe(3);
    expect(r.inputs['好名称']).toEqual({
      name: '好名称',
      address: '甲!A1:B2',
      values: [
        [1, 2],
        [{ error: '#DIV/0!' }, null],
      ],
    });
    expect(r.inputs['局部']).toEqual({ name: '局部', address: '乙!A1', values: [[3]] });
    // Two sheet-scoped 重名: the first (乙) is used, and one diagnostic names both sheets.
    expect(r.inputs['重名']).toEqual({ name: '重名', address: '乙!A1', values: [[3]] });
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'name-ambiguous', name: '重名' });
    expect(r.diagnostics[0].message).toMatch(/乙.*丙/);
    const diag = (n: string) => r.inputs[n].diagnostic!;
    expect(diag('失效')).toMatchObject({ code: 'name-ref-error', severity: '错误' });
    expect(diag('失效').message).toContain('名称 失效');
    expect(diag('失效').message).toContain('#REF!');
    expect(diag('常数')).toMatchObject({ code: 'name-not-range' });
    expect(diag('常数').message).toContain('名称 常数');
    expect(diag('整列')).toMatchObject({ code: 'name-whole-line' });
    expect(diag('整列').message).toMatch(/名称 整列 指向整列/);
    expect(diag('没有')).toMatchObject({ code: 'name-missing' });
    for (const n of ['失效', '常数', '整列', '没有']) expect(r.inputs[n].values).toBeUndefined();
  });

  test('a workbook-scoped name wins over a sheet-scoped one of the same name', async () => {
    const book = d();
    book.defineName({ name: '局部', formula: '=丙!$A$1' });
    const r = await book.run((ctx) => readInputs(ctx, ['局部']));
    expect(r.inputs['局部']).toEqual({ name: '局部', address: '丙!A1', values: [[4]] });
    // The sheet-scoped one is shadowed, and that is told (both hosts resolve names alike).
    expect(r.diagnostics.map((d) => d.code)).toEqual(['name-shadowed']);
  });
});
