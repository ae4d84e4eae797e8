/** Import by recognition on workbooks laid out as real departments' published 部门决算 tables. */
import { INPUT_BY_NAME } from '../../src/catalogue/inputs';
import { ImportSheet, Recognition, recognise } from '../../src/import/recognise';
import { importedValues, importReport } from '../../src/import/report';
import { TABLES } from '../../src/import/tables';
import { dayingWenlv, dujiJiguanShiwu, hengyangKexie, tianshuiKindergarten } from './departments';
import { caijue01, caijue07, gongkai01, gongkai04, gongkai05, gongkai06, gongkai07 } from './layouts';
import { sampleValues } from '../helpers/sample';

const byName = (sheets: ImportSheet[]) => new Map(recognise(sheets).inputs.map((r) => [r.name, r]));
const found = (r: Recognition | undefined) =>
  r?.status === 'found' ? `${r.sheet}!${r.cell}=${r.converted ?? r.raw}` : r?.status;

describe('the declarations', () => {
  test('every name a table can fill is a catalogue input', () => {
    const unknown = TABLES.flatMap((t) => t.targets.map((x) => x.name)).filter((n) => !INPUT_BY_NAME.has(n));
    expect(unknown).toEqual([]);
  });
});

describe('衡阳市科协 2021 (公开01, 05, 06, 07 and the 湖南 基础数据表)', () => {
  const res = byName(hengyangKexie());
  const sample = sampleValues();

  test('each figure is found in its table, at its cell, with the label it matched', () => {
    expect(res.get('收入_一般公共预算财政拨款')).toMatchObject({
      status: 'found',
      sheet: '公开01表',
      cell: 'C7',
      raw: 1193.05,
      table: '收入支出决算总表',
    });
    expect(found(res.get('收入_本年收入合计'))).toBe('公开01表!C20=1351.58');
    expect(found(res.get('收入_年初结转和结余'))).toBe('公开01表!C22=4.04');
    // Same row, other block: 本年支出合计 stands beside 本年收入合计.
    expect(found(res.get('支出_本年支出合计'))).toBe('公开01表!F20=1355.62');
    expect(found(res.get('财拨_本年支出_基本'))).toBe('公开05表!D7=478.29');
    expect(found(res.get('财拨_公用经费'))).toBe('公开06表!F8=45.07');
    expect(found(res.get('三公_合计_本年预算'))).toBe('公开07表!A8=26');
    expect(found(res.get('三公_公务接待_本年决算'))).toBe('公开07表!L8=1.26');
    expect(found(res.get('三公_合计_上年决算'))).toBe('基础数据表!B6=7.1');
    expect(found(res.get('基础_编制数'))).toBe('基础数据表!B4=23');
    expect(found(res.get('基础_在职人数'))).toBe('基础数据表!C4=21');
    expect(found(res.get('基础_公用经费预算'))).toBe('基础数据表!C10=41.76');
  });

  test('every figure found equals the sample department’s stated figure', () => {
    const values = importedValues(recognise(hengyangKexie()));
    expect(Object.keys(values).length).toBeGreaterThanOrEqual(25);
    // The report states 一般公共预算 基本支出 twice, 478.29 in its table and 393.23 in its text: the table is what was imported.
    const restated = { 财拨_基本支出: 478.29 };
    for (const [name, v] of Object.entries(values))
      expect([name, v]).toEqual([
        name,
        name in restated ? restated[name as keyof typeof restated] : sample[name],
      ]);
    expect(sample.财拨_基本支出).toBe(393.23);
  });

  test('the department’s name is taken from the tables’ 部门：line', () => {
    expect(res.get('单位名称')).toMatchObject({
      status: 'found',
      sheet: '公开01表',
      cell: 'A3',
      raw: '衡阳市科学技术协会',
      partOfCell: true,
    });
    expect(importedValues(recognise(hengyangKexie())).单位名称).toBe('衡阳市科学技术协会');
  });

  test('a blank is reported blank, not 0, and not filled', () => {
    const r = res.get('收入_事业收入');
    expect(r).toMatchObject({ status: 'found', raw: null });
    expect(importedValues(recognise(hengyangKexie()))).not.toHaveProperty('收入_事业收入');
    expect(importReport(recognise(hengyangKexie())).join('\n')).toContain(
      '事业收入（收入_事业收入）：公开01表!C11，收入支出决算总表“五、事业收入（收入／金额）”，空白（未填，不按 0 计）'
    );
  });
});

describe('天水市幼儿园 2017 (公开01 in 元, 公开03)', () => {
  const result = recognise(tianshuiKindergarten());
  const res = new Map(result.inputs.map((r) => [r.name, r]));
  test('元 converted to 万元, and said so', () => {
    expect(res.get('收入_一般公共预算财政拨款')).toMatchObject({
      status: 'found',
      raw: 14866400,
      unit: '元',
      converted: '1486.64',
    });
    expect(found(res.get('收入_政府性基金预算财政拨款'))).toBe('公开01表!C8=30');
    expect(importedValues(result)).toMatchObject({
      收入_本年收入合计: 1687.45,
      支出_本年支出合计: 1942.57,
      收入_事业收入: 170.81,
    });
    const text = importReport(result).join('\n');
    expect(text).toContain('收入支出决算总表：公开01表 第 1 行起（单位元，已折合为万元）');
    expect(text).toContain('16874500 元，折合 1687.45 万元');
  });
  test('a 万元 table beside it is not converted', () => {
    expect(res.get('支出_基本支出')).toMatchObject({ status: 'found', raw: 1121.09, unit: '万元' });
    expect(res.get('支出_基本支出')).not.toHaveProperty('converted');
  });
});

describe('大英县文化广电旅游局 2022 (公开02, 公开03 合计 rows under merged, two-row headers)', () => {
  const res = byName(dayingWenlv());
  test('columns found by header under merged 项目 / 科目编码 cells', () => {
    expect(found(res.get('收入_本年收入合计'))).toBe('收入决算表!C7=4125.49');
    expect(found(res.get('收入_财政拨款小计'))).toBe('收入决算表!D7=3859.16');
    expect(found(res.get('收入_其他收入'))).toBe('收入决算表!I7=266.33');
    expect(found(res.get('支出_项目支出'))).toBe('支出决算表!E7=3003.64');
    expect(found(res.get('支出_对附属单位补助支出'))).toBe('支出决算表!H7=0');
  });
  test('what the tables do not hold is not found, naming the tables searched', () => {
    expect(res.get('收入_一般公共预算财政拨款')).toEqual({
      name: '收入_一般公共预算财政拨款',
      status: 'not-found',
      searched: [],
    });
    expect(res.get('功能_教育_收入')).toMatchObject({ status: 'not-found', searched: ['收入决算表'] });
  });
});

describe('杜集区机关事务管理中心 2021 (三公 printed one row per item)', () => {
  const res = byName(dujiJiguanShiwu());
  test('rows 合 计 / 其中:公务用车运行维护费 and columns 预 算 数 / 决 算 数', () => {
    expect(found(res.get('三公_合计_本年预算'))).toBe('三公经费!B4=246');
    expect(found(res.get('三公_合计_本年决算'))).toBe('三公经费!C4=167.37');
    expect(found(res.get('三公_公务用车运行_本年决算'))).toBe('三公经费!C8=87.07');
    expect(found(res.get('三公_公务用车购置_本年预算'))).toBe('三公经费!B9=80');
    expect(found(res.get('三公_公务接待_本年决算'))).toBe('三公经费!C6=2.14');
  });
});

describe('tolerances', () => {
  const base = () =>
    gongkai01('某单位', { 一般公共预算财政拨款收入: 100, 本年收入合计: 100, 本年支出合计: 90 });

  test('label variants: full/half-width brackets, spaces, the older 财政拨款收入, 科目编码 in the label', () => {
    const s = base();
    s.cells[6][0] = '财政拨款收入';
    s.cells[19][0] = '本 年 收 入 合 计';
    s.cells[11][3] = '206 科学技术支出';
    s.cells[11][5] = 90;
    const res = byName([s]);
    expect(found(res.get('收入_一般公共预算财政拨款'))).toBe('公开01表!C7=100');
    expect(found(res.get('收入_本年收入合计'))).toBe('公开01表!C20=100');
    expect(found(res.get('功能_科学技术_支出'))).toBe('公开01表!F12=90');
    const t = gongkai07('某单位', [1, 1, null, null, null, null], [1, 1, null, null, null, null]);
    t.cells[4][1] = '因公出国(境)费';
    expect(found(byName([t]).get('三公_因公出国_本年预算'))).toBe('公开07表!B8=1');
  });

  test('合计 in the 编码 column, unmerged, with 科目名称 left blank beside it', () => {
    const s = dayingWenlv()[1];
    s.merges = s.merges!.filter((m) => m.top !== 6);
    expect(found(byName([s]).get('支出_基本支出'))).toBe('支出决算表!D7=1140.27');
  });

  test('found by code alone: a sheet named Z05_1 …, a title row saying only 公开07表', () => {
    const s = gongkai07('某单位', [3, null, null, null, null, 3], [2, null, null, null, null, 2]);
    s.cells[0][0] = null;
    s.name = 'Sheet3';
    expect(found(byName([s]).get('三公_合计_本年决算'))).toBe('Sheet3!G8=2');
  });

  test('a sheet name cut at 31 characters still names its table', () => {
    const s = gongkai06('某单位', { 人员经费合计: 10, 公用经费合计: 2 }, [['30201', '办公费', 0.5]]);
    s.cells[0][0] = null;
    s.cells[1][5] = null;
    s.name = 'Z08_1 一般公共预算财政拨款基本支出决算明细表(财决08-';
    expect(s.name.length).toBeLessThanOrEqual(31);
    const res = byName([s]);
    expect(found(res.get('财拨_公用经费'))).toBe(`${s.name}!F8=2`);
    expect(found(res.get('公用_办公费_本年决算'))).toBe(`${s.name}!F6=0.5`);
  });

  test('a table split across sheets: the continuation without headers reads by the first part’s columns', () => {
    const whole = base();
    const head = { ...whole, cells: whole.cells.slice(0, 12) };
    const rest = { name: '公开01表(续)', cells: whole.cells.slice(12), merges: [] };
    const res = byName([head, rest]);
    expect(found(res.get('收入_一般公共预算财政拨款'))).toBe('公开01表!C7=100');
    expect(found(res.get('收入_本年收入合计'))).toBe('公开01表(续)!C8=100');
    expect(found(res.get('支出_本年支出合计'))).toBe('公开01表(续)!F8=90');
  });

  test('two cells that could each be the figure: ambiguous, with both candidates', () => {
    const s = gongkai06('某单位', { 人员经费合计: 10, 公用经费合计: 2 }, []);
    s.cells.push(['人员经费合计', null, 11, null, null, null]);
    s.merges!.push({ top: 8, left: 0, bottom: 8, right: 1 });
    const r = byName([s]).get('财拨_人员经费');
    expect(r).toMatchObject({ status: 'ambiguous' });
    expect(r?.status === 'ambiguous' && r.candidates.map((c) => `${c.cell}=${c.raw}`)).toEqual([
      'C8=10',
      'C9=11',
    ]);
    expect(importReport(recognise([s])).join('\n')).toContain(
      '不确定 其中：人员经费（财拨_人员经费）：有 2 处可能'
    );
  });

  test('财政拨款收入支出决算总表 is not taken for 收入支出决算总表', () => {
    const s = gongkai05('某单位', { '财拨:合计': 5 });
    s.cells[0][0] = '财政拨款收入支出决算总表';
    s.cells[1][4] = null;
    expect(recognise([s]).tables.map((t) => t.table)).toEqual(['财政拨款收入支出决算总表']);
  });

  test('no table recognised: the report says what it looks for', () => {
    const r = recognise([{ name: 'Sheet1', cells: [['随便什么', 1]] }]);
    expect(r.tables).toEqual([]);
    expect(importReport(r)[0]).toMatch(/没有认出部门决算表/);
  });
});

describe('the 决算 software’s own export (财决01 three blocks, 财决07), 衡阳市科协 2021 figures', () => {
  const sheets = [
    caijue01({
      一般公共预算财政拨款收入: 1193.05,
      其他收入: 158.53,
      本年收入合计: 1351.58,
      年初结转和结余: 4.04,
      本年支出合计: 1355.62,
      基本支出: 478.29,
      人员经费: 382.14,
      日常公用经费: 96.15,
      项目支出: 877.32,
      工资福利支出: 333.11,
      商品和服务支出: 955.78,
      对个人和家庭的补助: 66.73,
    }),
    caijue07({
      '年初:合计': 4.04,
      '年初:基本': 0,
      '年初:项目': 4.04,
      本年收入: 780.19,
      '本年支出:合计': 836.79,
      '本年支出:基本': 478.29,
      '本年支出:项目': 718.79,
      '年末:合计': 0,
      '年末:基本': 0,
      '年末:项目': 0,
    }),
  ];
  const res = byName(sheets);
  const sample = sampleValues();
  test('the 决算数 column of each block, not the 预算 columns', () => {
    expect(res.get('收入_一般公共预算财政拨款')).toMatchObject({
      status: 'found',
      sheet: 'Z01 收入支出决算总表(财决01表)',
      cell: 'E7',
      raw: 1193.05,
    });
    expect(found(res.get('支出_本年支出合计'))).toBe('Z01 收入支出决算总表(财决01表)!J9=1355.62');
    expect(found(res.get('支出_公用经费'))).toBe('Z01 收入支出决算总表(财决01表)!O9=96.15');
    expect(found(res.get('支出_对个人和家庭的补助'))).toBe('Z01 收入支出决算总表(财决01表)!O13=66.73');
  });
  test('财决07 by nested headers: 年初 / 本年支出 / 年末 × 小计 / 基本 / 项目', () => {
    const s7 = sheets[1].name;
    expect(s7.length).toBeLessThanOrEqual(31);
    expect(found(res.get('财拨_年初结转结余_项目'))).toBe(`${s7}!E6=4.04`);
    expect(found(res.get('财拨_本年收入_合计'))).toBe(`${s7}!F6=780.19`);
    expect(found(res.get('财拨_本年支出_合计'))).toBe(`${s7}!G6=836.79`);
    expect(found(res.get('财拨_本年支出_项目'))).toBe(`${s7}!I6=718.79`);
    expect(found(res.get('财拨_年末结转结余_基本'))).toBe(`${s7}!K6=0`);
  });
  test('every figure found equals the sample’s', () => {
    const values = importedValues(recognise(sheets));
    expect(Object.keys(values).length).toBeGreaterThanOrEqual(20);
    for (const [name, v] of Object.entries(values))
      if (name !== '单位名称') expect([name, v]).toEqual([name, sample[name]]);
  });
});

describe('公开04 (天水市幼儿园 2017: 财政拨款 1516.64 = 一般公共预算 1486.64 + 政府性基金 30; 一般公共预算支出 1741.75)', () => {
  const res = byName([
    gongkai04('天水市幼儿园', { '收:一般': 1486.64, '收:基金': 30, '收:合计': 1516.64, '支:一般': 1741.75 }),
  ]);
  test('the 收入 lines, the first of the repeated 一般公共预算财政拨款, and the 支出 columns of 本年支出合计', () => {
    expect(found(res.get('收入_一般公共预算财政拨款'))).toBe('公开04表!C6=1486.64');
    expect(found(res.get('收入_政府性基金预算财政拨款'))).toBe('公开04表!C7=30');
    expect(found(res.get('收入_财政拨款小计'))).toBe('公开04表!C9=1516.64');
    expect(found(res.get('支出_一般公共预算财政拨款'))).toBe('公开04表!G9=1741.75');
    expect(res.get('支出_财政拨款小计')).toMatchObject({ status: 'found', cell: 'F9', raw: null });
  });
});
