/** Applying plans and clearing marks through office.js, on the Excel double. */
import { cellIn } from '../../src/core/address';
import { TEMPLATE_ADDRESS } from '../../src/catalogue/layout';
import { MARK_FILL, NOTE_SEPARATOR, STATE_SHEET } from '../../src/core/markState';
import type { CellMark, Plan, SheetPlan } from '../../src/core/types';
import { ExcelDouble } from '../../src/hosts/office/double';
import { applyPlan, clearMarks } from '../../src/hosts/office/apply';
import { sampleValues } from '../helpers/sample';

const INPUT_SHEETS = ['基本情况', '收支总表', '财政拨款', '其他资金', '项目支出', '三公经费', '基础数据', '产出任务', '自评打分', '文字材料'];

const projectRows = (n: number) => Array.from({ length: n }, (_, i) => [`项目${i + 1}`, null, 10, 0, 10, 9.5, '否']);

/** The sample's workbook with n project rows and some cells carrying the user's own fills and notes. */
function userBook(rows = 10, excelApi?: string): ExcelDouble {
  const d = ExcelDouble.fromTemplate({ ...sampleValues(), 项目支出明细表: projectRows(rows) }, { excelApi });
  d.setFill(TEMPLATE_ADDRESS.get('单位名称')!, '#FFFFFF'); // white: must come back white, not "no fill"
  d.setFill(TEMPLATE_ADDRESS.get('评价年度')!, '#00B050');
  d.setNote(TEMPLATE_ADDRESS.get('评价年度')!, '用户自己的批注');
  return d;
}

/** The 决算数 cell of project row i (column F of the table). */
function projectCell(i: number): string {
  return cellIn(TEMPLATE_ADDRESS.get('项目支出明细表')!, i, 5)!;
}

function marks(n: number): CellMark[] {
  const out: CellMark[] = [
    { address: TEMPLATE_ADDRESS.get('单位名称')!, severity: '提示', note: '单位名称与报告不一致' },
    { address: TEMPLATE_ADDRESS.get('评价年度')!, severity: '错误', note: '评价年度有误' },
  ];
  for (let i = 0; out.length < n; i++) out.push({ address: projectCell(i), severity: i % 2 ? '提示' : '错误', note: `项目${i + 1}决算数不符` });
  return out;
}

const findings: SheetPlan = {
  name: '问题清单',
  rows: [
    [{ value: '问题清单', style: 'title' }],
    [
      { value: '序号', style: 'header' },
      { value: '问题', style: 'header' },
      { value: '单元格', style: 'header' },
    ],
    [{ value: 1, style: 'score' }, { value: '=SUM(A1)', style: 'text' }, { value: '基本情况!B5', style: 'link', link: '基本情况!B5' }],
    [{ value: 2 }, { value: '-' }, { formula: 'A3+A4', numFmt: '0.00' }],
  ],
  columnWidths: [6, 40, 16],
  merges: ['A1:C1'],
  freezeRows: 2,
  rowHeights: { 0: 24 },
};
const scores: SheetPlan = {
  name: '评分表',
  rows: [[{ value: '指标', style: 'header' }, { value: '得分', style: 'header' }], [{ value: '预算执行率' }, { value: 9.13, style: 'score' }]],
  chart: { title: '得分', categories: 'A2:A2', series: [{ name: '得分', range: 'B2:B2' }], anchor: 'D2' },
};

function plan(n: number): Plan {
  return { sheets: [findings, scores], marks: marks(n), names: [{ name: '结果_总分', address: '评分表!B2' }], activate: '问题清单' };
}

async function apply(d: ExcelDouble, p: Plan, notesSupported?: boolean): Promise<number> {
  const before = d.syncCount;
  await d.run((ctx) => applyPlan(ctx, p, notesSupported === undefined ? {} : { notesSupported, commentsSupported: true }));
  return d.syncCount - before;
}

async function clear(d: ExcelDouble, notesSupported?: boolean): Promise<number> {
  const before = d.syncCount;
  await d.run((ctx) => clearMarks(ctx, notesSupported === undefined ? {} : { notesSupported, commentsSupported: true }));
  return d.syncCount - before;
}

beforeEach(() => {
  // Capabilities are detected through Office.context.requirements, as in Excel.
  delete (globalThis as Record<string, unknown>).Office;
});

describe('applyPlan', () => {
  test.each([10, 1000])('applies sheets, names and %i marks in 3 syncs, and clears them in 3', async (n) => {
    const d = userBook(n);
    d.install();
    expect(await apply(d, plan(n))).toBe(3);
    const marked = marks(n);
    expect(d.cell(marked[n - 1].address).fill).toEqual({ kind: 'solid', color: MARK_FILL[marked[n - 1].severity] });
    expect(await clear(d)).toBe(3);
  });

  test('writes the output sheets: text stays text, formulas, styles, links, merges, widths, names, chart', async () => {
    const d = userBook();
    d.install();
    await apply(d, plan(2));
    const sheets = d.sheetNames();
    expect(sheets.slice(-3)).toEqual(['问题清单', '评分表', STATE_SHEET]);
    expect(d.sheetData(STATE_SHEET).visibility).toBe('VeryHidden');
    // '=SUM(A1)' and '-' are stored as text, not as formulas; the formula cell is a formula.
    expect(d.cell('问题清单!B3')).toMatchObject({ value: '=SUM(A1)', numberFormat: '@' });
    expect(d.cell('问题清单!B3').formula).toBeUndefined();
    expect(d.cell('问题清单!B4')).toMatchObject({ value: '-' });
    expect(d.cell('问题清单!B4').formula).toBeUndefined();
    expect(d.cell('问题清单!C4')).toMatchObject({ formula: '=A3+A4', numberFormat: '0.00' });
    expect(d.cell('问题清单!A3')).toMatchObject({ value: 1, numberFormat: '0.00' });
    expect(d.cell('问题清单!A2')).toMatchObject({ bold: true, fill: { kind: 'solid', color: '#D9E1F2' }, horizontalAlignment: 'Center' });
    expect(d.cell('问题清单!C3').hyperlink).toEqual({ documentReference: "'基本情况'!B5", textToDisplay: '基本情况!B5' });
    expect(d.cell('问题清单!C3').underline).toBe('Single');
    const ws = d.sheetData('问题清单');
    expect(ws.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 2 }]);
    expect(ws.columnWidths.get(1)).toBe(213.75); // 40 characters: (40 × 7 + 5) px × 0.75
    expect(ws.rowHeights.get(0)).toBe(24);
    expect(ws.frozenRows).toBe(2);
    expect(d.sheetData('评分表').charts).toEqual([expect.objectContaining({ source: '评分表!A2:B2', title: '得分', position: { start: 'D2', end: undefined } })]);
    expect(d.book.names.find((x) => x.name === '结果_总分')?.formula).toBe('=评分表!$B$2');
    expect(d.book.activeSheet?.name).toBe('问题清单');
  });

  test('marks: mark fill, the note keeps the user\'s own note, values untouched', async () => {
    const d = userBook();
    d.install();
    const year = TEMPLATE_ADDRESS.get('评价年度')!;
    const unit = TEMPLATE_ADDRESS.get('单位名称')!;
    await apply(d, plan(4));
    expect(d.cell(year)).toMatchObject({ value: 2021, fill: { kind: 'solid', color: '#FFC7CE' } });
    expect(d.note(year)).toBe(`用户自己的批注${NOTE_SEPARATOR}评价年度有误`);
    expect(d.cell(unit)).toMatchObject({ value: '衡阳市科学技术协会', fill: { kind: 'solid', color: '#FFEB9C' } });
    expect(d.note(unit)).toBe('【绩效自评助手】单位名称与报告不一致');
  });

  test('applying twice gives the same workbook as applying once, cell by cell', async () => {
    const once = userBook();
    const twice = userBook();
    once.install();
    await apply(once, plan(10));
    await apply(twice, plan(10));
    await apply(twice, plan(10));
    expect(twice.sheetNames()).toEqual(once.sheetNames());
    expect(twice.snapshot()).toEqual(once.snapshot());
    expect(twice.book.names).toEqual(once.book.names);
  });

  test('apply, re-apply with other marks, then clear: every input cell back as it was (value, fill incl. no fill, note)', async () => {
    const d = userBook();
    d.install();
    const original = d.snapshot(INPUT_SHEETS);
    await apply(d, plan(10));
    // The second run marks a different set: the old-only cells are restored, the shared ones keep
    // their recorded original (not the mark) as what 清除标记 brings back.
    await apply(d, { sheets: [], marks: [...marks(10).slice(1, 5), { address: projectCell(20), severity: '错误', note: '新问题' }] });
    const kept = marks(10)[0].address;
    expect(d.cell(kept).fill).toEqual({ kind: 'solid', color: '#FFFFFF' });
    expect(d.note(kept)).toBeNull();
    expect(d.cell(projectCell(6)).fill).toEqual({ kind: 'none' });
    expect(await clear(d)).toBe(3);
    expect(d.snapshot(INPUT_SHEETS)).toEqual(original);
  });
});

describe('comment fallback (no ExcelApi 1.18)', () => {
  test('marks carry a comment, a user\'s own comment is left alone, clearing deletes exactly ours', async () => {
    const d = userBook(10, '1.17');
    d.install();
    const busy = projectCell(1);
    d.addComment(busy, '用户的讨论');
    const original = d.snapshot(INPUT_SHEETS);
    expect(await apply(d, plan(6))).toBe(3);
    expect(d.comment(projectCell(0))).toBe('【绩效自评助手】项目1决算数不符');
    expect(d.comment(busy)).toBe('用户的讨论');
    expect(d.cell(busy).fill).toEqual({ kind: 'solid', color: '#FFEB9C' });
    // The user's own note is untouched: without ExcelApi 1.18 notes are neither read nor written.
    expect(d.note(TEMPLATE_ADDRESS.get('评价年度')!)).toBe('用户自己的批注');
    const firstRun = d.snapshot();
    await apply(d, plan(6));
    expect(d.snapshot()).toEqual(firstRun);
    expect(await clear(d)).toBe(3);
    expect(d.snapshot(INPUT_SHEETS)).toEqual(original);
    expect(d.book.comments.map((c) => c.content)).toEqual(['用户的讨论']);
  });

  test('explicit options override detection', async () => {
    const d = userBook(10, '1.18');
    await apply(d, plan(3), false);
    expect(d.comment(projectCell(0))).toBe('【绩效自评助手】项目1决算数不符');
    expect(d.note(projectCell(0))).toBeNull();
  });
});
