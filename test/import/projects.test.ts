/**
 * Import of the project lines (our 项目支出明细表) from a department's own project list: found by its
 * header row, one row per project in the user's order, 合计 as the stated total, and each tolerance the
 * issue names. Figures are the sample department's published 项目支出 table (test/import/departments.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { CellValue } from '../../src/core/types';
import { a1 } from '../../src/catalogue/layout';
import { main } from '../../src/cli/main';
import { evaluate } from '../../src/core/engine';
import { flattenFindings } from '../../src/core/checks';
import { openWorkbook } from '../../src/hosts/file/node';
import { readInputs } from '../../src/hosts/file/xlsx';
import { ImportSheet, recognise } from '../../src/import/recognise';
import { importedValues, importReport, officeBindings } from '../../src/import/report';
import { PROJECT_COLUMNS } from '../../src/import/projectRows';
import { HENGYANG_PROJECT_ROWS, hengyangKexie, hengyangProjects } from './departments';
import { caijue08_2, jichuShuju, projectList, sangongByRows } from './layouts';
import { sampleValues } from '../helpers/sample';
import { ExcelDouble } from '../support/excel-double';
import { bindRecognised } from '../../src/hosts/office/recognition';
import { readInputs as readOffice } from '../../src/hosts/office/reader';

const projects = (sheets: ImportSheet[]) => recognise(sheets).projects;
const found = (sheets: ImportSheet[]) => {
  const p = projects(sheets);
  if (p.status !== 'found') throw new Error(`项目清单未认出：${p.status}`);
  return p;
};
const text = (sheets: ImportSheet[]) => importReport(recognise(sheets)).join('\n');
/** Top-level projects only: 科普经费 and 老年科协经费 with the 合计 row, which add up. */
const TOP_LEVEL = HENGYANG_PROJECT_ROWS.filter((r) => r[0] !== null || r[1] === '合计');

describe('衡阳市科协 2021: the report’s own 项目支出 table', () => {
  const sample = sampleValues();

  test('every project row in the user’s order, 其中 sub-items under 科普经费, equal to the sample', () => {
    const p = found([hengyangProjects()]);
    expect(p.rows.map((r) => r.values)).toEqual(sample.项目支出明细表);
    expect(p.parts).toEqual([{ sheet: '项目支出', headerRow: 3, firstRow: 4, lastRow: 12 }]);
    expect(p.columns.map((c) => `${c.key}=${c.column}“${c.header}”`)).toEqual([
      '项目=B“项目”',
      '年初预算=C“年初预算数”',
      '年中追加=D“年中追加预算数”',
      '预算总额=E“预算总额”',
      '决算数=F“年度决算数”',
    ]);
  });

  test('the 合计 row is not a project: it is the table’s stated total, found where it stands', () => {
    const r = recognise([hengyangProjects()]);
    const v = importedValues(r);
    for (const k of ['年初预算', '年中追加', '预算总额', '决算数'])
      expect([k, v[`项目_合计_${k}`]]).toEqual([k, sample[`项目_合计_${k}`]]);
    expect(r.inputs.find((x) => x.name === '项目_合计_决算数')).toMatchObject({
      status: 'found',
      sheet: '项目支出',
      cell: 'F12',
      label: '合计（年度决算数）',
    });
    expect(text([hengyangProjects()])).toContain(
      '合计行 项目支出 第 12 行：不作为项目，作为报表所列合计导入（与各项目之和核对）'
    );
  });

  test('the report says where, by which headers, and what the list lacks', () => {
    const t = text([hengyangProjects()]);
    expect(t).toContain(
      '找到  项目名称等（项目支出明细表）：项目支出 第 4–12 行（表头在第 3 行），8 个项目（其中子项 6 个），按用户表中的顺序导入'
    );
    expect(t).toContain('项目名称＝B 栏“项目”，年初预算数＝C 栏“年初预算数”');
    expect(t).toContain('上级项目：表中无此栏，按“其中：”行及其后无序号的行推定为上一项目的子项（6 个）');
    expect(t).toContain('表中没有的栏（留空，不按 0 计）：是否重点项目');
  });

  test('beside the 决算 tables, the 公开05 project figure and the list are both found', () => {
    const r = recognise([...hengyangKexie(), hengyangProjects()]);
    expect(r.projects.status).toBe('found');
    expect(r.tables.map((t) => t.table)).toContain('项目支出明细表');
    expect(importedValues(r).财拨_项目支出).toBe(718.79);
  });
});

describe('round trip: import → our template → evaluate', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-projects-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  async function importAndEvaluate(sheets: ImportSheet[], file: string) {
    const wb = new ExcelJS.Workbook();
    for (const s of sheets) {
      const ws = wb.addWorksheet(s.name);
      s.cells.forEach((row, r) =>
        row.forEach((v, c) => v !== null && (ws.getCell(a1(r, c)).value = v as ExcelJS.CellValue))
      );
      for (const m of s.merges ?? []) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
    }
    const input = path.join(tmp, `${file}.xlsx`);
    await wb.xlsx.writeFile(input);
    const output = path.join(tmp, `${file}-导入.xlsx`);
    const out: string[] = [];
    const code = await main(['import', input, '-o', output], {
      out: (l) => out.push(l),
      err: (l) => out.push(l),
    });
    expect(code).toBe(0);
    const reading = readInputs(await openWorkbook(output));
    const ev = evaluate(reading);
    const project = (n: string) => n.startsWith('项目支出明细表') || n.startsWith('项目_合计_');
    const wrong = flattenFindings(ev.findings)
      .map((x) => x.finding)
      .filter(
        (f) => f.kind !== 'cannotVerify' && f.kind !== 'notice' && f.operands.some((o) => project(o.name))
      );
    return { reading, wrong, out: out.join('\n') };
  }

  test('figures that reconcile (the two projects’ 年初预算数 and 年度决算数, and their 合计): rows in our table, no finding against them', async () => {
    // The published 年中追加 and 预算总额 do not add up (see the next test); these two columns do: 376 + 30 = 406, 688.79 + 30 = 718.79.
    const s = projectList({
      sheet: '项目支出',
      title: '2021年项目支出情况',
      headers: ['序号', '项目', '年初预算数', '年度决算数'],
      rows: TOP_LEVEL.map((r) => [r[0], r[1], r[2], r[5]]),
    });
    const { reading, wrong, out } = await importAndEvaluate([s], '衡阳-项目');
    expect(out).toContain('2 个项目');
    const rows = reading.inputs['项目支出明细表'].values!.filter((r) => r.some((v) => v !== null));
    expect(rows).toEqual([
      ['科普经费', null, 376, null, null, 688.79, null],
      ['老年科协经费', null, 30, null, null, 30, null],
    ]);
    expect(reading.inputs['项目_合计_决算数'].values).toEqual([[718.79]]);
    expect(reading.inputs['项目_合计_年初预算'].values).toEqual([[406]]);
    expect(wrong.map((f) => f.title)).toEqual([]);
  });

  test('the full published table: only its true errors (the sub-items do not add up to 科普经费)', async () => {
    const { wrong } = await importAndEvaluate([hengyangProjects()], '衡阳-项目-全');
    // Sub-items: 预算总额 714.76 against 684.76, 决算数 718.79 against 688.79; 376 + 338.76 is 714.76, not 684.76;
    // 406 + 338.76 is 744.76, not 714.76. 年初 and 年中追加 of the sub-items agree with 科普经费's.
    expect(wrong.map((f) => f.title).sort()).toEqual(
      [
        '“科普经费”预算总额与其子项目之和不一致',
        '“科普经费”年度决算数与其子项目之和不一致',
        '“科普经费”预算总额与年初预算数、年中追加预算数之和不一致',
        '项目支出合计的预算总额与年初预算数、年中追加预算数之和不一致',
      ].sort()
    );
  });
});

describe('tolerances', () => {
  test('merged headers: 项目名称 merged down two rows, 预算数 over 年初预算数 / 全年预算数, a unit in a header', () => {
    const s = projectList({
      sheet: '项目支出绩效自评表',
      title: '2021年度项目支出绩效自评表',
      headers: ['项目名称', '预算数', null, '全年执行数（万元）', '执行率'],
      subHeaders: [null, '年初预算数', '全年预算数', null, null],
      rows: [
        ['科普经费', 376, 684.76, 688.79, '100.59%'],
        ['老年科协经费', 30, 30, 30, '100%'],
        ['合计', 406, 714.76, 718.79, null],
      ],
      merges: [
        { top: 2, left: 0, bottom: 3, right: 0 },
        { top: 2, left: 1, bottom: 2, right: 2 },
        { top: 2, left: 3, bottom: 3, right: 3 },
        { top: 2, left: 4, bottom: 3, right: 4 },
      ],
    });
    const p = found([s]);
    expect(p.columns.map((c) => `${c.key}=${c.column}`)).toEqual([
      '项目=A',
      '年初预算=B',
      '预算总额=C',
      '决算数=D',
    ]);
    expect(p.columns.find((c) => c.key === '决算数')).toMatchObject({
      header: '全年执行数(万元)',
      unit: '万元',
    });
    expect(p.rows.map((r) => r.values)).toEqual([
      ['科普经费', null, 376, null, 684.76, 688.79, null],
      ['老年科协经费', null, 30, null, 30, 30, null],
    ]);
    expect(p.parts[0]).toMatchObject({ headerRow: 3, firstRow: 5, lastRow: 7 });
  });

  test('元 → 万元, converted and said; the 合计 too', () => {
    const s = projectList({
      sheet: '项目明细',
      title: '项目支出明细表',
      unit: '元',
      headers: ['项目名称', '预算数', '决算数'],
      rows: [
        ['科普经费', 6847600, 6887900],
        ['老年科协经费', 300000, 300000],
        ['合计', 7147600, 7187900],
      ],
    });
    const r = recognise([s]);
    expect(importedValues(r).项目支出明细表).toEqual([
      ['科普经费', null, null, null, 684.76, 688.79, null],
      ['老年科协经费', null, null, null, 30, 30, null],
    ]);
    expect(r.inputs.find((x) => x.name === '项目_合计_决算数')).toMatchObject({
      status: 'found',
      raw: 7187900,
      unit: '元',
      converted: '718.79',
    });
    expect(importedValues(r).项目_合计_决算数).toBe(718.79);
    const t = text([s]);
    expect(t).toContain('单位元：金额已折合为万元');
    expect(t).toContain('7187900 元，折合 718.79 万元');
  });

  test('blank stays blank, 0 stays 0, “-” as typed (the template reads it as 0)', () => {
    const s = hengyangProjects([
      [1, '科普经费', 376, null, 684.76, 0],
      [2, '老年科协经费', 30, '-', 30, 30],
    ]);
    const rows = found([s]).rows.map((r) => r.values);
    expect(rows[0]).toEqual(['科普经费', null, 376, null, 684.76, 0, null]);
    expect(rows[1][3]).toBe('-');
  });

  test('a table split across sheets, the continuation without headers: one list, read by the first part’s columns', () => {
    const head = hengyangProjects(HENGYANG_PROJECT_ROWS.slice(0, 4));
    const rest: ImportSheet = {
      name: '项目支出(续)',
      cells: HENGYANG_PROJECT_ROWS.slice(4).map((r) => [...r]),
    };
    const p = found([head, rest]);
    expect(p.rows.map((r) => r.values)).toEqual(sampleValues().项目支出明细表);
    expect(p.parts).toEqual([
      { sheet: '项目支出', headerRow: 3, firstRow: 4, lastRow: 7 },
      { sheet: '项目支出(续)', headerRow: 1, firstRow: 1, lastRow: 5, inherited: true },
    ]);
    expect(p.totals.map((t) => `${t.sheet}!${t.row}`)).toEqual(['项目支出(续)!5']);
    expect(text([head, rest])).toContain('项目支出(续) 第 1–5 行（续表无表头，按前表各栏读取）');
  });

  test('a continuation that repeats the headers is the same list', () => {
    const head = hengyangProjects(TOP_LEVEL.slice(0, 1));
    const rest = { ...hengyangProjects(TOP_LEVEL.slice(1)), name: '项目支出（续表）' };
    const p = found([head, rest]);
    expect(p.rows.map((r) => r.values[0])).toEqual(['科普经费', '老年科协经费']);
    expect(p.parts.map((x) => x.sheet)).toEqual(['项目支出', '项目支出（续表）']);
    expect(p.totals).toHaveLength(1);
  });

  test('小计 rows are skipped and said; several 合计 rows leave the total to the user', () => {
    const s = hengyangProjects([
      ...TOP_LEVEL.slice(0, 1),
      [null, '小计', 376, 338.76, 684.76, 688.79],
      ...TOP_LEVEL.slice(1),
    ]);
    const p = found([s]);
    expect(p.rows.map((r) => r.values[0])).toEqual(['科普经费', '老年科协经费']);
    expect(text([s])).toContain('项目支出 第 5 行“小计”：小计行，不作为项目');
    const twice = hengyangProjects([...TOP_LEVEL, [null, '合计', 1, 1, 1, 1]]);
    const r = recognise([twice]);
    expect(importedValues(r)).not.toHaveProperty('项目_合计_决算数');
    expect(text([twice])).toContain('合计行有 2 处');
  });

  test('not a project list: 公开01’s 项目 column, 三公 printed by rows, 财决08-2 by 科目', () => {
    const r = recognise([
      ...hengyangKexie(),
      sangongByRows('某单位', [['合计', 1, 1]]),
      caijue08_2({ 合计: 5 }),
    ]);
    expect(r.projects).toEqual({ name: '项目支出明细表', status: 'not-found' });
    expect(importReport(r).join('\n')).toContain('未找到 项目名称等（项目支出明细表）：没有认出项目清单');
  });

  test('two separate lists of the same projects: ambiguous, each candidate said, nothing imported', () => {
    const other = { ...hengyangProjects(TOP_LEVEL), name: '绩效自评项目' };
    const r = recognise([hengyangProjects(TOP_LEVEL), other]);
    expect(r.projects.status).toBe('ambiguous');
    expect(importedValues(r)).not.toHaveProperty('项目支出明细表');
    expect(importReport(r).join('\n')).toContain(
      '不确定 项目名称等（项目支出明细表）：有 2 张项目清单，项目支出 第 4–6 行（表头在第 3 行）（2 个项目）；绩效自评项目 第 4–6 行'
    );
  });

  test('two columns that could each be 预算总额: left empty, both said', () => {
    const s = projectList({
      sheet: '项目支出',
      headers: ['项目名称', '预算数', '预算数', '决算数'],
      rows: [['科普经费', 1, 2, 3]],
    });
    const p = found([s]);
    expect(p.ambiguousColumns.map((a) => [a.key, a.candidates.map((c) => c.column)])).toEqual([
      ['预算总额', ['B', 'C']],
    ]);
    expect(p.rows[0].values).toEqual(['科普经费', null, null, null, null, 3, null]);
    expect(text([s])).toContain('不确定 预算总额：B 栏“预算数”、C 栏“预算数”都可能是，未导入');
  });
});

describe('the 湖南 基础数据表 (framework §2.8): the numbered lines under 项目支出', () => {
  // The layout of §2.8 (上年决算数 | 本年预算数 | 本年决算数), with the sample department's two projects.
  const basic = () =>
    jichuShuju(
      '衡阳市科学技术协会',
      [23, 21, '91.30%'],
      [
        ['“三公”经费', 7.1, 26, 5.83],
        ['1、公务用车购置和维护经费', 5.17, 10, 4.57],
        ['项目支出', null, 406, 718.79],
        ['1、科普经费', null, 376, 688.79],
        ['2、老年科协经费', null, 30, 30],
        ['公用经费', null, 41.76, 45.07],
      ]
    );

  test('each numbered line a project: 本年预算数 as 年初预算数, 本年决算数 as 年度决算数; the 项目支出 row the total', () => {
    const r = recognise([basic()]);
    expect(importedValues(r).项目支出明细表).toEqual([
      ['科普经费', null, 376, null, null, 688.79, null],
      ['老年科协经费', null, 30, null, null, 30, null],
    ]);
    // 三公's numbered lines are not projects; the total is the one the 基础数据表 declaration reads, the same cell.
    expect(r.inputs.find((x) => x.name === '项目_合计_决算数')).toMatchObject({
      status: 'found',
      sheet: '基础数据表',
      cell: 'D8',
    });
    expect(importedValues(r)).toMatchObject({ 项目_合计_年初预算: 406, 项目_合计_决算数: 718.79 });
    expect(importReport(r).join('\n')).toContain(
      '找到  项目名称等（项目支出明细表）：基础数据表 第 9–10 行（表头在第 5 行），2 个项目'
    );
  });

  test('a list with its own 项目名称 header is preferred to the 基础数据表’s lines', () => {
    const r = recognise([basic(), hengyangProjects()]);
    expect(r.projects).toMatchObject({ status: 'found', parts: [{ sheet: '项目支出' }] });
  });
});

describe('the Office host', () => {
  test('columns in another order than ours: not bound, “请复制到模板的项目支出明细表”', () => {
    const { bindings, skipped } = officeBindings(recognise([hengyangProjects()]));
    expect(bindings.map((b) => b.name)).not.toContain('项目支出明细表');
    expect(bindings.map((b) => b.name)).toContain('项目_合计_决算数'); // the 合计 cells are single cells in 万元
    expect(skipped.find((s) => s.name === '项目支出明细表')?.reason).toMatch(
      /^请复制到模板的项目支出明细表：用户表的栏为 B“项目”、C“年初预算数”.*与模板的栏序（项目名称、上级项目（子项填写）、年初预算数/
    );
  });

  test('columns in our order, in 万元: the name is put on the user’s own rows and the reader reads them', async () => {
    const headers = [
      '项目名称',
      '上级项目',
      '年初预算数',
      '年中追加预算数',
      '预算总额',
      '年度决算数',
      '是否重点项目',
    ];
    const rows: CellValue[][] = [
      ['科普经费', null, 376, 338.76, 684.76, 688.79, '是'],
      ['老年科协经费', null, 30, '-', 30, 30, '否'],
      ['合计', null, 406, 338.76, 714.76, 718.79, null],
    ];
    const s = projectList({ sheet: '项目支出', headers, rows });
    const plan = officeBindings(recognise([s]));
    expect(plan.bindings).toContainEqual({ name: '项目支出明细表', sheet: '项目支出', cell: 'A4:G5' });
    expect(PROJECT_COLUMNS).toHaveLength(headers.length);

    const d = ExcelDouble.fromValues({ [s.name]: s.cells });
    await d.run((ctx) => bindRecognised(ctx, plan.bindings));
    const reading = await d.run((ctx) => readOffice(ctx, ['项目支出明细表', '项目_合计_决算数']));
    expect(reading.inputs['项目支出明细表'].values).toEqual(rows.slice(0, 2));
    expect(reading.inputs['项目_合计_决算数'].values).toEqual([[718.79]]);
  });

  test('in our order but in 元, or split across sheets: not bound, and why', () => {
    const headers = [
      '项目名称',
      '上级项目',
      '年初预算数',
      '年中追加预算数',
      '预算总额',
      '年度决算数',
      '是否重点项目',
    ];
    const s = projectList({
      sheet: '项目支出',
      unit: '元',
      headers,
      rows: [['科普经费', null, 3760000, 3387600, 6847600, 6887900, null]],
    });
    expect(officeBindings(recognise([s])).skipped.find((x) => x.name === '项目支出明细表')?.reason).toBe(
      '请复制到模板的项目支出明细表：表的单位为元，助手按万元读数'
    );
    const wan = (rows: CellValue[][], sheet: string) => projectList({ sheet, headers, rows });
    const split = [
      wan([['科普经费', null, 376, 338.76, 684.76, 688.79, null]], '项目支出'),
      wan([['老年科协经费', null, 30, '-', 30, 30, null]], '项目支出(续)'),
    ];
    expect(officeBindings(recognise(split)).skipped.find((x) => x.name === '项目支出明细表')?.reason).toMatch(
      /^请复制到模板的项目支出明细表：项目清单分在 2 张工作表（项目支出 第 4–4 行（表头在第 3 行）；项目支出\(续\) 第 4–4 行/
    );
  });
});
