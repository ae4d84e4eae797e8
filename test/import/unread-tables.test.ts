/**
 * The columns and tables import did not read before, each on a layout built the way the published
 * one looks (test/import/layouts.ts): 财决01's 年初预算数 / 全年预算数, 公开04's 年初 / 年末 财政拨款结转和结余,
 * 公开06's 类 lines, the 政府采购情况表 and the 资产情况表 — the last two filling the inputs of the
 * score lines they feed (政府采购执行率, 固定资产利用率), which are then computed instead of 待核实.
 *
 * 公开04 and 公开06 carry the sample department's figures (samples/衡阳市科协-2021.json). The 政府采购 and
 * 资产 figures are made up and reconcile: 采购预算 120 = 财政性 100 + 其他 20 = 货物 60 + 服务 60; 实际 112.5 =
 * 货物 55 + 服务 57.5; 固定资产 年末 356.8, 其中在用 340.2.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { evaluate } from '../../src/core/engine';
import { openWorkbook } from '../../src/hosts/file/node';
import { readInputs } from '../../src/hosts/file/xlsx';
import { ImportSheet, recognise, Recognition } from '../../src/import/recognise';
import { importedValues, importReport, officeBindings } from '../../src/import/report';
import { hengyangKexie } from './departments';
import { writeSheets } from './files';
import { caijue01, gongkai04, zhengfuCaigou, zichanQingkuang } from './layouts';
import { sampleValues } from '../helpers/sample';

const found = (r: Recognition | undefined) =>
  r?.status === 'found' ? `${r.sheet}!${r.cell}=${r.converted ?? r.raw}` : r?.status;
const byName = (sheets: ImportSheet[]) => new Map(recognise(sheets).inputs.map((r) => [r.name, r]));

const PROCUREMENT = {
  '预算:合计': 120,
  '预算财政:合计': 100,
  '预算其他:合计': 20,
  '预算:货物': 60,
  '预算:服务': 60,
  '实际:合计': 112.5,
  '实际财政:合计': 95,
  '实际其他:合计': 17.5,
  '实际:货物': 55,
  '实际:服务': 57.5,
};
const ASSETS = {
  资产总额: 980.4,
  '年初:资产总额': 901.2,
  固定资产: 356.8,
  '年初:固定资产': 331.6,
  在用: 340.2,
  出租出借: 0,
  闲置: 16.6,
  房屋: 210,
  车辆: 46.8,
};

describe('财决01 年初预算数 and 全年预算数', () => {
  const sheet = caijue01({ 本年支出合计: 1355.62, '年初:本年支出合计': 1200, '全年:本年支出合计': 1380.5 });
  const result = recognise([sheet]);
  const res = new Map(result.inputs.map((r) => [r.name, r]));

  test('年初预算 is the 年初预算数 of 本年支出合计; 本年追加 is 全年预算数 less it', () => {
    expect(found(res.get('基础_预算完成_年初预算'))).toBe('Z01 收入支出决算总表(财决01表)!H9=1200');
    expect(res.get('基础_预算完成_本年追加')).toMatchObject({ status: 'found', cell: 'I9', raw: 180.5 });
    expect(found(res.get('支出_本年支出合计'))).toBe('Z01 收入支出决算总表(财决01表)!J9=1355.62');
    expect(importedValues(result)).toMatchObject({
      基础_预算完成_年初预算: 1200,
      基础_预算完成_本年追加: 180.5,
    });
  });
  test('the difference is said as one, and is not bound to one cell in Excel', () => {
    expect(importReport(result).join('\n')).toContain(
      'Z01 收入支出决算总表(财决01表)!I9－H9，收入支出决算总表“本年支出合计（全年预算数－年初预算数）”，1380.5 减 1200 ＝ 180.5'
    );
    expect(officeBindings(result).skipped.map((s) => s.name)).toContain('基础_预算完成_本年追加');
    expect(officeBindings(result).bindings.map((b) => b.name)).toContain('基础_预算完成_年初预算');
  });
  test('a blank budget gives a blank, not a difference with 0', () => {
    const r = recognise([caijue01({ '全年:本年支出合计': 1380.5 })]);
    expect(r.inputs.find((x) => x.name === '基础_预算完成_本年追加')).toMatchObject({
      status: 'found',
      raw: null,
    });
    expect(importedValues(r)).not.toHaveProperty('基础_预算完成_本年追加');
  });
});

test('公开04 年初 / 年末 财政拨款结转和结余 of 一般公共预算: the line under 年初, the column of 年末', () => {
  const sample = sampleValues();
  const res = byName([
    gongkai04('衡阳市科学技术协会', {
      '收:一般': 1193.05,
      '收:合计': 1193.05,
      '年初:合计': 4.04,
      '年初:一般': 4.04,
      '年初:基金': 0,
      '支:合计': 1197.09,
      '支:一般': 1197.09,
      '年末:合计': 0,
      '年末:一般': 0,
    }),
  ]);
  expect(found(res.get('收入_一般公共预算财政拨款'))).toBe('公开04表!C6=1193.05');
  expect(found(res.get('财拨_年初结转结余_合计'))).toBe('公开04表!C11=4.04');
  expect(found(res.get('财拨_年末结转结余_合计'))).toBe('公开04表!G10=0');
  expect([sample.财拨_年初结转结余_合计, sample.财拨_年末结转结余_合计]).toEqual([4.04, 0]);
});

test('公开06: the 类 lines of 人员经费 and 公用经费 are 财拨 经济分类 figures', () => {
  const res = byName(hengyangKexie());
  expect(found(res.get('财拨_工资福利支出'))).toBe('公开06表!C6=271.02');
  expect(found(res.get('财拨_对个人和家庭的补助'))).toBe('公开06表!C7=77.14');
  expect(sampleValues().财拨_工资福利支出).toBe(271.02);
});

describe('政府采购情况表', () => {
  test('a 合计 line under 采购预算 / 实际采购金额, each split by 资金性质', () => {
    const res = byName([zhengfuCaigou('某局', PROCUREMENT)]);
    expect(found(res.get('基础_政府采购预算'))).toBe('政府采购情况表!C6=120');
    expect(found(res.get('基础_政府采购实际'))).toBe('政府采购情况表!F6=112.5');
  });
  test('one figure a line, in 元', () => {
    const result = recognise([
      zhengfuCaigou('某局', { '预算:合计': 1200000, '实际:合计': 1125000 }, { shape: 'lines', unit: '元' }),
    ]);
    expect(importedValues(result)).toMatchObject({ 基础_政府采购预算: 120, 基础_政府采购实际: 112.5 });
    expect(result.tables.map((t) => t.table)).toEqual(['政府采购情况表']);
  });
});

describe('资产情况表', () => {
  test('the 固定资产 line’s 年末数, and 其中：在用', () => {
    const res = byName([zichanQingkuang('某局', ASSETS)]);
    expect(found(res.get('基础_固定资产总额'))).toBe('资产情况表!D6=356.8');
    expect(found(res.get('基础_在用固定资产'))).toBe('资产情况表!D11=340.2');
  });
  test('使用状况 as columns: 合计 and 在用 of 固定资产合计, not 累计折旧', () => {
    const res = byName([zichanQingkuang('某局', { ...ASSETS, 折旧: 120.3 }, 'columns')]);
    expect(found(res.get('基础_固定资产总额'))).toBe('资产情况表!B5=356.8');
    expect(found(res.get('基础_在用固定资产'))).toBe('资产情况表!C5=340.2');
  });
});

describe('imported, then evaluated: 政府采购执行率 and 固定资产利用率 are computed, no longer 待核实', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-unread-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  async function scoreLines(sheets: ImportSheet[], name: string) {
    const input = await writeSheets(sheets, path.join(tmp, `${name}.xlsx`));
    const output = path.join(tmp, `${name}-导入.xlsx`);
    const code = await main(['import', input, '-o', output], { out: () => undefined, err: () => undefined });
    expect(code).toBe(0);
    const ev = evaluate(readInputs(await openWorkbook(output)));
    return new Map(ev.scores!.lines.map((l) => [l.level3, l]));
  }

  test('without the two tables, both lines wait for data; with them, both are scored', async () => {
    const before = await scoreLines(hengyangKexie(), 'without');
    expect(before.get('政府采购执行率')).toMatchObject({ missing: true });
    expect(before.get('固定资产利用率')).toMatchObject({ missing: true });
    const after = await scoreLines(
      [
        ...hengyangKexie(),
        zhengfuCaigou('衡阳市科学技术协会', PROCUREMENT),
        zichanQingkuang('衡阳市科学技术协会', ASSETS),
      ],
      'with'
    );
    // 112.5 ÷ 120 = 93.75%, of 1 point: 0.94; 340.2 ÷ 356.8 = 95.35%, of 2 points: 1.91.
    for (const line of ['政府采购执行率', '固定资产利用率']) expect(after.get(line)!.missing).toBeFalsy();
    expect(String(after.get('政府采购执行率')!.indicatorValue)).toBe('93.75');
    expect(after.get('政府采购执行率')!.score.toFixed(2)).toBe('0.94');
    expect(after.get('固定资产利用率')!.score.toFixed(2)).toBe('1.91');
    // 资产管理安全性 is a 定性 line of the rulebook (no indicator): the table gives it no formula.
    expect(after.get('资产管理安全性')!.indicator).toBeUndefined();
  });
});
