/** Applying plans and clearing marks through office.js, on the Excel double. */
import { cellIn } from '../../src/core/address';
import { TEMPLATE_ADDRESS } from '../../src/catalogue/layout';
import { MARK_FILL, NOTE_SEPARATOR, STATE_SHEET } from '../../src/core/markState';
import type { CellMark, Plan, SheetPlan } from '../../src/core/types';
import { ExcelDouble } from '../support/excel-double';
import { ApplyOptions, ApplyReport, applyPlan, clearMarks } from '../../src/hosts/office/apply';
import { textDigest } from '../../src/hosts/office/marks';
import { sampleValues } from '../helpers/sample';

const INPUT_SHEETS = [
  '基本情况',
  '收支总表',
  '财政拨款',
  '其他资金',
  '项目支出',
  '三公经费',
  '基础数据',
  '产出任务',
  '自评打分',
  '文字材料',
];

const projectRows = (n: number) =>
  Array.from({ length: n }, (_, i) => [`项目${i + 1}`, null, 10, 0, 10, 9.5, '否']);

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
  for (let i = 0; out.length < n; i++)
    out.push({ address: projectCell(i), severity: i % 2 ? '提示' : '错误', note: `项目${i + 1}决算数不符` });
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
    [
      { value: 1, style: 'score' },
      { value: '=SUM(A1)', style: 'text' },
      { value: '基本情况!B5', style: 'link', link: '基本情况!B5' },
    ],
    [{ value: 2 }, { value: '-' }, { formula: 'A3+A4', numFmt: '0.00' }],
  ],
  columnWidths: [6, 40, 16],
  merges: ['A1:C1'],
  freezeRows: 2,
  rowHeights: { 0: 24 },
};
const scores: SheetPlan = {
  name: '评分表',
  rows: [
    [
      { value: '指标', style: 'header' },
      { value: '得分', style: 'header' },
    ],
    [{ value: '预算执行率' }, { value: 9.13, style: 'score' }],
  ],
  chart: { title: '得分', categories: 'A2:A2', series: [{ name: '得分', range: 'B2:B2' }], anchor: 'D2' },
};

function plan(n: number): Plan {
  return {
    sheets: [findings, scores],
    marks: marks(n),
    names: [{ name: '结果_总分', address: '评分表!B2' }],
    activate: '问题清单',
  };
}

/** Syncs one run made, and what it reported. */
let lastReport: ApplyReport | undefined;

async function apply(d: ExcelDouble, p: Plan, notesSupported?: boolean): Promise<number> {
  const before = d.syncCount;
  lastReport = await d.run((ctx) =>
    applyPlan(ctx, p, notesSupported === undefined ? {} : { notesSupported, commentsSupported: true })
  );
  return d.syncCount - before;
}

async function clear(d: ExcelDouble, options: ApplyOptions = {}): Promise<number> {
  const before = d.syncCount;
  lastReport = await d.run((ctx) => clearMarks(ctx, options));
  return d.syncCount - before;
}

const codes = () => (lastReport?.diagnostics ?? []).map((x) => x.code);

/** The `via` column of the state sheet, row by row (address → what it says). */
function viaColumn(d: ExcelDouble): Record<string, { via: string; digest?: string; id?: string }> {
  const out: Record<string, { via: string; digest?: string; id?: string }> = {};
  // Rows of records no longer kept are left empty for the next ones: read every used row.
  const rows = Math.max(...[...d.sheetData(STATE_SHEET).cells.keys()].map((k) => Math.floor(k / 16_384) + 1));
  for (let r = 2; r <= rows; r++) {
    const address = d.cell(`${STATE_SHEET}!A${r}`).value;
    if (address !== null) out[String(address)] = JSON.parse(String(d.cell(`${STATE_SHEET}!E${r}`).value));
  }
  return out;
}

beforeEach(() => {
  // Capabilities are detected through Office.context.requirements, as in Excel.
  delete (globalThis as Record<string, unknown>).Office;
});

describe('applyPlan', () => {
  // Reads are sized like writes: the syncs follow the budget, and no cell already marked as this run
  // would mark it is read again (the loads stay a few dozen whatever the number of marks).
  test.each([10, 1000])(
    '%i marks: 3 syncs on a first run; the same marks again reads no cell; clearing in 4',
    async (n) => {
      const d = userBook(n);
      d.install();
      expect(await apply(d, plan(n))).toBe(3);
      const marked = marks(n);
      expect(d.cell(marked[n - 1].address).fill).toEqual({
        kind: 'solid',
        color: MARK_FILL[marked[n - 1].severity],
      });
      // The same marks again: nothing read of the marked cells; our output sheets' content is read
      // (sync 3) to check it is still as we wrote it (its digest), before they are written again.
      const loads = d.loadCount;
      expect(await apply(d, plan(n))).toBe(4);
      // Beside each sheet's marker, its digest name and used range; our two sheets' content (a band each).
      expect(d.loadCount - loads).toBeLessThan(40 + 2 * d.sheetNames().length + 2);
      // One mark fewer: the cell to restore is read too (sync 4), whatever n is.
      expect(await apply(d, { ...plan(n), marks: marked.slice(1) })).toBe(5);
      expect(await clear(d)).toBe(4);
      expect(lastReport).toEqual({ diagnostics: [] });
    }
  );

  test('writes the output sheets: text stays text, formulas, styles, links, merges, widths, names, chart', async () => {
    const d = userBook();
    d.install();
    await apply(d, plan(2));
    const sheets = d.sheetNames();
    // The (very hidden) state sheet is saved first, so a failed write never leaves a mark without its record.
    expect(sheets.filter((n) => n !== STATE_SHEET).slice(-2)).toEqual(['问题清单', '评分表']);
    expect(sheets).toContain(STATE_SHEET);
    expect(d.sheetData(STATE_SHEET).visibility).toBe('VeryHidden');
    // '=SUM(A1)' and '-' are stored as text, not as formulas; the formula cell is a formula.
    expect(d.cell('问题清单!B3')).toMatchObject({ value: '=SUM(A1)', numberFormat: '@' });
    expect(d.cell('问题清单!B3').formula).toBeUndefined();
    expect(d.cell('问题清单!B4')).toMatchObject({ value: '-' });
    expect(d.cell('问题清单!B4').formula).toBeUndefined();
    expect(d.cell('问题清单!C4')).toMatchObject({ formula: '=A3+A4', numberFormat: '0.00' });
    expect(d.cell('问题清单!A3')).toMatchObject({ value: 1, numberFormat: '0.00' });
    expect(d.cell('问题清单!A2')).toMatchObject({
      bold: true,
      fill: { kind: 'solid', color: '#D9E1F2' },
      horizontalAlignment: 'Center',
    });
    expect(d.cell('问题清单!C3').hyperlink).toEqual({
      documentReference: "'基本情况'!B5",
      textToDisplay: '基本情况!B5',
    });
    expect(d.cell('问题清单!C3').underline).toBe('Single');
    const ws = d.sheetData('问题清单');
    expect(ws.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 2 }]);
    expect(ws.columnWidths.get(1)).toBe(213.75); // 40 characters: (40 × 7 + 5) px × 0.75
    expect(ws.rowHeights.get(0)).toBe(24);
    expect(ws.frozenRows).toBe(2);
    expect(d.sheetData('评分表').charts).toEqual([
      expect.objectContaining({
        source: '评分表!A2:B2',
        title: '得分',
        position: { start: 'D2', end: undefined },
      }),
    ]);
    expect(d.book.names.find((x) => x.name === '结果_总分')?.formula).toBe('=评分表!$B$2');
    expect(d.book.activeSheet?.name).toBe('问题清单');
  });

  test("marks: mark fill, the note keeps the user's own note, values untouched", async () => {
    const d = userBook();
    d.install();
    const year = TEMPLATE_ADDRESS.get('评价年度')!;
    const unit = TEMPLATE_ADDRESS.get('单位名称')!;
    await apply(d, plan(4));
    expect(d.cell(year)).toMatchObject({ value: 2021, fill: { kind: 'solid', color: '#FF7C80' } });
    expect(d.note(year)).toBe(`用户自己的批注${NOTE_SEPARATOR}评价年度有误`);
    expect(d.cell(unit)).toMatchObject({
      value: '衡阳市科学技术协会',
      fill: { kind: 'solid', color: '#FFF2CC' },
    });
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
    // Excel lists names alphabetically, whatever order they were added in.
    const byName = (d: ExcelDouble) => [...d.book.names].sort((a, b) => a.name.localeCompare(b.name));
    expect(byName(twice)).toEqual(byName(once));
  });

  test('apply, re-apply with other marks, then clear: every input cell back as it was (value, fill incl. no fill, note)', async () => {
    const d = userBook();
    d.install();
    const original = d.snapshot(INPUT_SHEETS);
    await apply(d, plan(10));
    // The second run marks a different set: the old-only cells are restored, the shared ones keep
    // their recorded original (not the mark) as what 清除标记 brings back.
    await apply(d, {
      sheets: [],
      marks: [...marks(10).slice(1, 5), { address: projectCell(20), severity: '错误', note: '新问题' }],
    });
    const kept = marks(10)[0].address;
    expect(d.cell(kept).fill).toEqual({ kind: 'solid', color: '#FFFFFF' });
    expect(d.note(kept)).toBeNull();
    expect(d.cell(projectCell(6)).fill).toEqual({ kind: 'none' });
    expect(await clear(d)).toBe(4);
    expect(d.snapshot(INPUT_SHEETS)).toEqual(original);
  });
});

describe('comment fallback (no ExcelApi 1.18)', () => {
  test("marks carry a comment, a user's own comment is left alone, clearing deletes exactly ours", async () => {
    const d = userBook(10, '1.17');
    d.install();
    const busy = projectCell(1);
    d.addComment(busy, '用户的讨论');
    const year = TEMPLATE_ADDRESS.get('评价年度')!;
    const original = d.snapshot(INPUT_SHEETS);
    // Listing; owners, state and cells; every comment's id; where the user's one is; the state; the
    // comments (Excel refuses the one on 评价年度, which holds the user's note); how many were added; the
    // rest and the ids of those added; the write.
    expect(await apply(d, plan(6))).toBe(9);
    expect(d.comment(projectCell(0))).toBe('【绩效自评助手】项目1决算数不符');
    expect(d.comment(busy)).toBe('用户的讨论');
    expect(d.cell(busy).fill).toEqual({ kind: 'solid', color: '#FFF2CC' });
    expect(codes().sort()).toEqual(['mark-cell-has-comment', 'mark-comment-refused']);
    // The user's own note is untouched: without ExcelApi 1.18 notes are neither read nor written.
    expect(d.note(year)).toBe('用户自己的批注');
    const firstRun = d.snapshot();
    await apply(d, plan(6));
    expect(d.snapshot()).toEqual(firstRun);
    // Our comments are read by id; the cells as they are now (a fill the user changed stays).
    expect(await clear(d)).toBe(4);
    expect(d.snapshot(INPUT_SHEETS)).toEqual(original);
    expect(d.book.comments.map((c) => c.content)).toEqual(['用户的讨论']);
  });

  test('Excel refuses a comment on a cell holding a note it cannot see: that cell keeps its fill, the others get theirs', async () => {
    const d = userBook(10, '1.17');
    d.install();
    const year = TEMPLATE_ADDRESS.get('评价年度')!;
    await apply(d, plan(6));
    expect(codes()).toEqual(['mark-comment-refused']);
    expect(lastReport!.diagnostics[0].address).toBe(year);
    expect(d.comment(year)).toBeNull();
    expect(d.note(year)).toBe('用户自己的批注');
    expect(d.cell(year).fill).toEqual({ kind: 'solid', color: MARK_FILL['错误'] });
    const others = marks(6).filter((m) => m.address !== year);
    expect(others.map((m) => d.comment(m.address))).toEqual(others.map((m) => `【绩效自评助手】${m.note}`));
    // Each comment added is recorded by id; the refused one by nothing (fill only).
    expect(viaColumn(d)[year]).toEqual({ via: 'none' });
    expect(others.every((m) => viaColumn(d)[m.address].id === d.commentId(m.address))).toBe(true);
  });

  test('explicit options override detection', async () => {
    const d = userBook(10, '1.18');
    await apply(d, plan(3), false);
    expect(d.comment(projectCell(0))).toBe('【绩效自评助手】项目1决算数不符');
    expect(d.note(projectCell(0))).toBeNull();
  });
});

describe('what the user did to our marks by hand', () => {
  test('a note Jixiao added and the user deleted: re-applying and clearing still succeed and restore every cell', async () => {
    const d = userBook();
    d.install();
    const original = d.snapshot(INPUT_SHEETS);
    const year = TEMPLATE_ADDRESS.get('评价年度')!; // carries the user's own note under ours
    await apply(d, plan(10));
    d.setNote(year, null);
    d.setNote(projectCell(0), null);
    // Neither cell is marked any more: both are restored although their notes are gone.
    expect(
      await apply(d, {
        sheets: [],
        marks: marks(10).filter((m) => m.address !== year && m.address !== projectCell(0)),
      })
    ).toBe(4);
    expect(d.cell(year).fill).toEqual({ kind: 'solid', color: '#00B050' });
    expect(d.note(year)).toBe('用户自己的批注'); // the user's own note comes back, as in the file host
    expect(d.cell(projectCell(0)).fill).toEqual({ kind: 'none' });
    expect(d.note(projectCell(0))).toBeNull();
    // A still-marked cell whose note is deleted, then 清除标记.
    d.setNote(projectCell(1), null);
    expect(await clear(d)).toBe(4);
    expect(lastReport).toEqual({ diagnostics: [] });
    expect(d.snapshot(INPUT_SHEETS)).toEqual(original);
    expect(d.sheetData(STATE_SHEET).cells.size === 0 || d.cell(`${STATE_SHEET}!A1`).value === null).toBe(
      true
    );
  });

  test('a comment Jixiao added and the user deleted: a re-run leaves a cell it marked the same way as it is, writes a changed message again; clearing succeeds', async () => {
    const d = userBook(10, '1.17');
    d.install();
    const original = d.snapshot(INPUT_SHEETS);
    await apply(d, plan(6));
    d.setComment(projectCell(0), null);
    d.setComment(projectCell(2), null);
    await apply(d, { sheets: [], marks: marks(6).filter((m) => m.address !== projectCell(2)) });
    // The re-run reads no cell it already marked this way: what the user did there stays.
    expect(d.comment(projectCell(0))).toBeNull();
    expect(d.cell(projectCell(0)).fill).toEqual({ kind: 'solid', color: MARK_FILL['错误'] });
    expect(d.comment(projectCell(2))).toBeNull();
    expect(d.cell(projectCell(2)).fill).toEqual({ kind: 'none' });
    // A message that changed is written again.
    const changed = marks(6)
      .filter((m) => m.address !== projectCell(2))
      .map((m) => (m.address === projectCell(0) ? { ...m, note: '项目1决算数仍不符' } : m));
    await apply(d, { sheets: [], marks: changed });
    expect(d.comment(projectCell(0))).toBe('【绩效自评助手】项目1决算数仍不符');
    d.setComment(projectCell(0), null);
    await clear(d);
    expect(d.snapshot(INPUT_SHEETS)).toEqual(original);
  });
});

describe('comments are known by id', () => {
  test('the state records each comment id; clearing leaves a user comment with the same text on the same cell', async () => {
    const d = userBook(10, '1.17');
    d.install();
    await apply(d, plan(4));
    const cell = projectCell(0);
    const text = '【绩效自评助手】项目1决算数不符';
    expect(viaColumn(d)[cell]).toEqual({ via: 'comment', digest: textDigest(text), id: d.commentId(cell) });
    // The user deletes ours, then writes their own comment that happens to say the same.
    d.setComment(cell, null);
    d.addComment(cell, text);
    await clear(d);
    expect(d.comment(cell)).toBe(text);
    expect(d.comment(projectCell(1))).toBeNull();
  });

  test('a comment of ours the user edited is left in place with a notice, when its mark goes and on clear', async () => {
    const d = userBook(10, '1.17');
    d.install();
    await apply(d, plan(4));
    const edited = projectCell(0);
    const gone = projectCell(1);
    d.setComment(edited, '已核实，见附件');
    d.setComment(gone, '请财务科复核');
    // edited stays marked as it was (not read again), gone is no longer marked: its comment is the user's words now.
    await apply(d, { sheets: [], marks: marks(4).filter((m) => m.address !== gone) });
    expect(d.comment(edited)).toBe('已核实，见附件');
    expect(d.comment(gone)).toBe('请财务科复核');
    const year = TEMPLATE_ADDRESS.get('评价年度')!;
    expect(lastReport?.diagnostics.map((x) => [x.code, x.address])).toEqual([
      ['mark-comment-refused', year],
      ['mark-comment-edited', gone],
    ]);
    expect(lastReport?.diagnostics[1].message).toBe(
      `${gone}上绩效自评助手添加的批注已被修改，为免删除您写的内容，已保留该批注，请自行处理`
    );
    await clear(d);
    expect(lastReport?.diagnostics.map((x) => [x.code, x.address])).toEqual([
      ['mark-comment-edited', edited],
    ]);
    expect(d.comment(edited)).toBe('已核实，见附件');
    expect(d.cell(edited).fill).toEqual({ kind: 'none' });
    expect(d.book.comments.map((c) => c.content).sort()).toEqual(['已核实，见附件', '请财务科复核'].sort());
  });

  test('a state written before ids (text only) is still cleared by cell and text', async () => {
    const d = userBook(10, '1.17');
    d.install();
    d.addComment(projectCell(1), '用户的讨论');
    const original = d.snapshot(INPUT_SHEETS);
    await apply(d, plan(6));
    // Such a state kept the comment's text itself (no digest, no id).
    for (let r = 2; d.cell(`${STATE_SHEET}!A${r}`).value !== null; r++) {
      const via = d.cell(`${STATE_SHEET}!E${r}`);
      if (!String(via.value).startsWith('{"via":"comment"')) continue;
      const text = d.comment(String(d.cell(`${STATE_SHEET}!A${r}`).value));
      expect(text).toMatch(/^【绩效自评助手】/);
      via.value = JSON.stringify({ via: 'comment', text });
    }
    // Listing; state; the cells and every comment's id; where each comment is and what it says; the write.
    expect(await clear(d)).toBe(5);
    expect(d.snapshot(INPUT_SHEETS)).toEqual(original);
  });
});

describe('switching between notes and comments across runs', () => {
  test('notes, then an Excel without notes, then notes again: kept with a notice, then restored exactly', async () => {
    const d = userBook(10, '1.18');
    d.install();
    const original = d.snapshot(INPUT_SHEETS);
    const year = TEMPLATE_ADDRESS.get('评价年度')!;
    await apply(d, plan(6));
    d.excelApi = '1.17';
    // Cell 0 and 评价年度 are no longer marked, the others are, and one new cell is.
    const second = [
      ...marks(6).filter((m) => m.address !== year && m.address !== projectCell(0)),
      { address: projectCell(8), severity: '错误' as const, note: '新问题' },
    ];
    await apply(d, { sheets: [], marks: second });
    expect(codes()).toEqual(['mark-note-unsupported']);
    expect(lastReport!.diagnostics[0].message).toBe(
      `${TEMPLATE_ADDRESS.get('单位名称')!} 等 6 个单元格的标记说明是以“注释”添加的，当前 Excel 不支持注释（需要 ExcelApi 1.18），暂时无法更新或清除；已保留记录，请在支持注释的 Excel（如 Microsoft 365）中再点“清除标记”`
    );
    expect(d.note(year)).toBe(`用户自己的批注${NOTE_SEPARATOR}评价年度有误`); // untouched, still recorded
    expect(d.cell(year).fill).toEqual({ kind: 'solid', color: '#00B050' });
    expect(d.comment(projectCell(8))).toBe('【绩效自评助手】新问题');
    expect(
      Object.values(viaColumn(d))
        .map((v) => v.via)
        .sort()
    ).toEqual(['comment', 'note', 'note', 'note', 'note', 'note', 'note']);
    d.excelApi = '1.18';
    await clear(d);
    expect(lastReport).toEqual({ diagnostics: [] });
    expect(d.snapshot(INPUT_SHEETS)).toEqual(original);
  });

  test("comments, then notes: our comments go, the user's own note is kept under ours, clearing restores exactly", async () => {
    const d = userBook(10, '1.17');
    d.install();
    const original = d.snapshot(INPUT_SHEETS);
    const year = TEMPLATE_ADDRESS.get('评价年度')!;
    await apply(d, plan(6));
    expect(d.comment(TEMPLATE_ADDRESS.get('单位名称')!)).toBe('【绩效自评助手】单位名称与报告不一致');
    expect(d.comment(year)).toBeNull(); // refused: the cell holds the user's note (one note or comment per cell)
    d.excelApi = '1.18';
    await apply(d, { sheets: [], marks: marks(6).filter((m) => m.address !== projectCell(0)) });
    expect(d.book.comments).toEqual([]);
    expect(d.note(year)).toBe(`用户自己的批注${NOTE_SEPARATOR}评价年度有误`);
    expect(d.note(projectCell(0))).toBeNull();
    expect(d.cell(projectCell(0)).fill).toEqual({ kind: 'none' });
    await clear(d);
    expect(d.snapshot(INPUT_SHEETS)).toEqual(original);
  });

  test('a comment record in a run that cannot use comments is kept and reported, not failed', async () => {
    const d = userBook(10, '1.17');
    d.install();
    const original = d.snapshot(INPUT_SHEETS);
    await apply(d, plan(3));
    await clear(d, { notesSupported: false, commentsSupported: false });
    expect(codes()).toEqual(['mark-comment-unsupported']);
    expect(d.comment(projectCell(0))).toBe('【绩效自评助手】项目1决算数不符');
    await clear(d);
    expect(d.snapshot(INPUT_SHEETS)).toEqual(original);
  });
});

describe('output sheets', () => {
  test('rewritten in place: a user formula =评分表!I5 still refers to 评分表; order, id and one chart kept; nothing stale left', async () => {
    const d = userBook();
    d.install();
    await apply(d, plan(2));
    const order = d.sheetNames();
    const id = d.sheetData('评分表').id;
    d.userEdit('基本情况!Z1', '=评分表!I5');
    d.userEdit('基本情况!Z2', "=SUM('问题清单'!A3:A4)");
    const smaller: SheetPlan = {
      name: '问题清单',
      rows: [[{ value: '无问题', style: 'ok' }]],
      columnWidths: [12],
    };
    await apply(d, { ...plan(2), sheets: [smaller, scores] });
    expect(d.cell('基本情况!Z1').formula).toBe('=评分表!I5');
    expect(d.cell('基本情况!Z2').formula).toBe("=SUM('问题清单'!A3:A4)");
    expect(d.sheetNames()).toEqual(order);
    expect(d.sheetData('评分表').id).toBe(id);
    expect(d.sheetData('评分表').charts).toHaveLength(1);
    // The first run's bigger 问题清单 is gone: cells, merge, freeze, widths, heights, links.
    expect(Object.keys(d.snapshot(['问题清单']))).toEqual(['问题清单!A1']);
    const ws = d.sheetData('问题清单');
    expect([ws.merges, ws.frozenRows, [...ws.columnWidths], [...ws.rowHeights]]).toEqual([
      [],
      0,
      [[0, 66.75]],
      [],
    ]); // 12 characters: (12 × 7 + 5) px × 0.75
  });

  test('page setup like the file host: A4, one page wide, landscape when the columns total over 110 characters', async () => {
    const d = userBook();
    d.install();
    const wide: SheetPlan = { name: '指标计算表', rows: [[{ value: '指标' }]], columnWidths: [40, 40, 31] }; // 111
    const edge: SheetPlan = { name: '报告草稿', rows: [[{ value: '报告' }]], columnWidths: [100, 10] }; // exactly 110
    await apply(d, { ...plan(2), sheets: [findings, scores, wide, edge] });
    const fit = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    expect(d.sheetData('问题清单').pageLayout).toEqual({
      paperSize: 'A4',
      orientation: 'Portrait',
      zoom: fit,
    });
    expect(d.sheetData('评分表').pageLayout).toEqual({ paperSize: 'A4', orientation: 'Portrait', zoom: fit });
    expect(d.sheetData('指标计算表').pageLayout).toEqual({
      paperSize: 'A4',
      orientation: 'Landscape',
      zoom: fit,
    });
    expect(d.sheetData('报告草稿').pageLayout.orientation).toBe('Portrait');
    // Input sheets are the user's: untouched.
    expect(d.sheetData('基本情况').pageLayout).toEqual({
      paperSize: 'Letter',
      orientation: 'Portrait',
      zoom: { scale: 100 },
    });
  });

  test('without ExcelApi 1.9 page setup is skipped and the run still succeeds', async () => {
    const d = userBook(10, '1.8');
    d.install();
    await apply(d, plan(2));
    expect(d.sheetData('问题清单').pageLayout).toEqual({
      paperSize: 'Letter',
      orientation: 'Portrait',
      zoom: { scale: 100 },
    });
    expect(d.cell('问题清单!A1').value).toBe('问题清单');
  });

  test('without ExcelApi 1.9 a cell’s own fill is read by colour alone, and 清除标记 brings it back', async () => {
    const d = userBook(10, '1.8');
    d.install();
    const year = TEMPLATE_ADDRESS.get('评价年度')!;
    const unit = TEMPLATE_ADDRESS.get('单位名称')!;
    const project = projectCell(0);
    const before = d.cell(project).fill;
    await apply(d, plan(3));
    expect(d.cell(year).fill).toEqual({ kind: 'solid', color: MARK_FILL['错误'] });
    expect(d.cell(project).fill).toEqual({ kind: 'solid', color: MARK_FILL['错误'] });
    await clear(d);
    expect(d.cell(year).fill).toEqual({ kind: 'solid', color: '#00B050' });
    expect(d.cell(project).fill).toEqual(before);
    // White cannot be told from "no fill" by colour alone: it comes back as "no fill", which looks the same.
    expect(d.cell(unit).fill).toEqual({ kind: 'none' });
  });
});
