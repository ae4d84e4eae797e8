/** The header line of a 决算 table, as departments print it, read field by field. */
import { parseHeaderLine } from '../../src/import/headerLine';
import { ImportSheet, recognise } from '../../src/import/recognise';
import { importedValues, importReport } from '../../src/import/report';
import { gongkai01, gongkai07 } from './layouts';

test.each([
  ['编制单位：某某局　　2022年度　　单位：万元', { unitName: '某某局', year: 2022, unit: '万元' }],
  ['编制单位：某某局 2022年度 单位：万元', { unitName: '某某局', year: 2022, unit: '万元' }],
  ['编制单位:某某市财政局2022年度金额单位:元', { unitName: '某某市财政局', year: 2022, unit: '元' }],
  [
    '2022年度　　编制单位：某某县教育局（本级）　　单位：万元',
    { unitName: '某某县教育局（本级）', year: 2022, unit: '万元' },
  ],
  ['单位：万元　　部门：某某局', { unitName: '某某局', unit: '万元' }],
  ['部门：衡阳市科学技术协会', { unitName: '衡阳市科学技术协会' }],
  ['填报单位：____', {}],
  ['单位：元', { unit: '元' }],
  ['（2022年）', { year: 2022 }],
  ['2021年度部门决算公开表', { year: 2021 }],
  ['单位名称：元宝山区文化馆　　2022年', { unitName: '元宝山区文化馆', year: 2022 }],
  ['2021年实际在职人数', {}],
  ['编制日期：2023年3月15日', {}],
  ['编制单位：某某局\n2022年度', { unitName: '某某局', year: 2022 }],
  ['单位：元宝山区财政局', { unitName: '元宝山区财政局' }],
])('%s', (text, expected) => {
  expect(parseHeaderLine(text)).toEqual(expected);
});

describe('in the tables: the line under each title', () => {
  /** The table with its “部门：… 金额单位：…” row replaced by one line in its first cell. */
  const withLine = (sheet: ImportSheet, line: string): ImportSheet => {
    const cells = sheet.cells.map((r) => [...r]);
    cells[2] = cells[2].map((_, i) => (i === 0 ? line : null));
    return { ...sheet, cells };
  };
  const income = { 一般公共预算财政拨款收入: 1193.05, 本年收入合计: 1351.58 };
  const byName = (sheets: ImportSheet[]) => new Map(recognise(sheets).inputs.map((r) => [r.name, r]));

  test('单位名称 is the unit alone, 评价年度 the year, and the money unit the table’s', () => {
    const res = byName([withLine(gongkai01('x', income), '编制单位：某某局　　2022年度　　单位：万元')]);
    expect(res.get('单位名称')).toMatchObject({
      status: 'found',
      cell: 'A3',
      raw: '某某局',
      partOfCell: true,
    });
    expect(res.get('评价年度')).toMatchObject({ status: 'found', cell: 'A3', raw: 2022, partOfCell: true });
    expect(res.get('收入_本年收入合计')).toMatchObject({ status: 'found', raw: 1351.58, unit: '万元' });
    expect(res.get('收入_本年收入合计')).not.toHaveProperty('converted');
  });

  test('单位：元 in the same line converts the table’s figures', () => {
    const res = byName([
      withLine(gongkai01('x', { 本年收入合计: 13515800 }), '2022年度　编制单位：某某局　单位：元'),
    ]);
    expect(res.get('收入_本年收入合计')).toMatchObject({ unit: '元', converted: '1351.58' });
    expect(res.get('单位名称')).toMatchObject({ raw: '某某局' });
  });

  test('the year in the title counts', () => {
    const sheet = gongkai01('某某局', income);
    sheet.cells[0][0] = '2021年度收入支出决算总表';
    expect(byName([sheet]).get('评价年度')).toMatchObject({ status: 'found', cell: 'A1', raw: 2021 });
  });

  test('tables that state different years: a finding, nothing imported for the year', () => {
    const result = recognise([
      withLine(gongkai01('x', income), '编制单位：某某局　　2022年度　　单位：万元'),
      withLine(
        gongkai07('x', [26, 6, 10, 0, 10, 10], [5.83, 0, 4.57, 0, 4.57, 1.26]),
        '编制单位：某某局　　2021年度'
      ),
    ]);
    const year = result.inputs.find((r) => r.name === '评价年度')!;
    expect(year).toMatchObject({ status: 'ambiguous', disagree: true });
    expect(importedValues(result)).not.toHaveProperty('评价年度');
    expect(importedValues(result).单位名称).toBe('某某局');
    expect(importReport(result).join('\n')).toContain(
      '不一致 评价年度（评价年度）：各表所列不同，公开01表!A3（收入支出决算总表）“编制单位：某某局　　2022年度　　单位：万元”＝2022；公开07表!A3（“三公”经费支出决算表）“编制单位：某某局　　2021年度”＝2021；未导入，请核对各表后在模板中填写'
    );
  });
});
