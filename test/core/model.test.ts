import { buildModel } from '../../src/core/model';
import { TEMPLATE_ADDRESS } from '../../src/catalogue/layout';
import { INPUTS } from '../../src/catalogue/inputs';
import { sampleModel, sampleReading } from '../helpers/sample';
import { templateReading } from '../../src/core/fill';

describe('catalogue and layout', () => {
  test('every declaration has a unique, valid Excel name and a template address', () => {
    const names = INPUTS.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) {
      // Excel: starts with a letter/underscore/CJK, no spaces or parentheses, not a cell reference.
      expect(n).toMatch(/^[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff.]*$/);
      expect(n).not.toMatch(/^[A-Za-z]{1,3}\d+$/);
      expect(TEMPLATE_ADDRESS.get(n)).toBeDefined();
    }
  });

  test('template addresses follow the label layout', () => {
    expect(TEMPLATE_ADDRESS.get('单位名称')).toBe('基本情况!B6');
    expect(TEMPLATE_ADDRESS.get('人员情况表')).toMatch(/^基本情况!A\d+:D\d+$/);
  });
});

describe('model of the sample department', () => {
  const m = sampleModel();

  test('reads figures exactly as the report states them', () => {
    expect(m.text('单位名称')).toBe('衡阳市科学技术协会');
    expect(m.num('收入_本年收入合计')!.toFixed(2)).toBe('1351.58');
    expect(m.num('支出_本年支出合计')!.toFixed(2)).toBe('1355.62');
    expect(m.num('财拨_本年收入_合计')!.toFixed(2)).toBe('780.19');
    expect(m.num('基础_在职人员控制率')!.toFixed(2)).toBe('91.30');
    expect(m.num('三公_因公出国_增长率')!.toFixed(0)).toBe('-100');
  });

  test('tables keep only filled rows, "-" reads as zero and blank stays blank', () => {
    const p = m.table('项目支出明细表');
    expect(p.rows).toHaveLength(8);
    const old = p.rows[7].cells;
    expect(old['项目'].value).toBe('老年科协经费');
    expect(old['年中追加'].value!.toString()).toBe('0');
    expect(old['年中追加'].blank).toBe(false);
    expect(p.rows[1].cells['年初预算'].blank).toBe(true);
    expect(p.rows[1].cells['决算数'].address).toMatch(/^项目支出!F\d+$/);
  });

  test('the sample has no input diagnostics', () => {
    expect(m.diagnostics).toEqual([]);
  });

  test('a missing required name and a bad cell give Chinese diagnostics naming the place', () => {
    const r = sampleReading({ 收入_本年收入合计: '1351.58元', 基础_编制数: -3 });
    delete r.inputs['单位名称'];
    const bad = buildModel(r);
    const msgs = bad.diagnostics.map((d) => d.message);
    expect(msgs).toContain('缺少必填项“单位名称”（名称 单位名称，应在基本情况“单位信息”中）');
    expect(
      msgs.some((x) =>
        x.startsWith(`${TEMPLATE_ADDRESS.get('收入_本年收入合计')}（本年收入合计）：单元格写的单位是“元”`)
      )
    ).toBe(true);
    expect(msgs.some((x) => x.includes('人数或个数不能为负（-3）'))).toBe(true);
  });

  test('an empty workbook reports every required input as missing, without throwing', () => {
    const empty = buildModel({ inputs: {}, diagnostics: [] });
    const required = INPUTS.filter((d) => d.required).length;
    expect(empty.diagnostics.filter((d) => d.code === 'required-missing')).toHaveLength(required);
    expect(templateReading({}).inputs['单位名称'].values).toEqual([[null]]);
  });
});
