/**
 * Marks follow their cells and respect the user's edits (issue 13 item 6), and the error mark's border
 * (issue 15), through the real office.js client library answered by the Excel double. Between runs
 * the user inserts and deletes rows, extends notes, refills cells and redraws borders, as in Excel.
 */
import { cellIn } from '../../src/core/address';
import { TEMPLATE_ADDRESS } from '../../src/catalogue/layout';
import { ANCHOR_PREFIX, NOTE_SEPARATOR, STATE_SHEET } from '../../src/core/markState';
import { ERROR_OUTLINE } from '../../src/core/styles';
import type { CellMark, Plan } from '../../src/core/types';
import { applyPlan, clearMarks, ApplyReport } from '../../src/hosts/office/apply';
import { ExcelDouble } from '../support/excel-double';
import { runThroughOfficeJs } from '../support/real-office';
import { sampleValues } from '../helpers/sample';

const LEVEL = '1.18';
const INPUT_SHEETS = ['基本情况', '项目支出'];
const projectRows = (n: number) =>
  Array.from({ length: n }, (_, i) => [`项目${i + 1}`, null, 10, 0, 10, 9.5, '否']);

/** The 决算数 cell of project row i (column F), in the template's layout. */
const projectCell = (i: number) => cellIn(TEMPLATE_ADDRESS.get('项目支出明细表')!, i, 5)!;
const year = TEMPLATE_ADDRESS.get('评价年度')!;
const unit = TEMPLATE_ADDRESS.get('单位名称')!;

function book(): ExcelDouble {
  const d = ExcelDouble.fromTemplate(
    { ...sampleValues(), 项目支出明细表: projectRows(8) },
    { excelApi: LEVEL }
  );
  d.setFill(year, '#00B050');
  d.setNote(year, '用户自己的批注');
  // The user's own border on a project cell: a red dashed top edge and a thin left edge.
  d.setBorder(projectCell(2), 'EdgeTop', 'Dash', '#FF0000', 'Thin');
  d.setBorder(projectCell(2), 'EdgeLeft', 'Continuous', '#000000', 'Thin');
  return d;
}

const marks: CellMark[] = [
  { address: unit, severity: '提示', note: '单位名称与报告不一致' },
  { address: year, severity: '错误', note: '评价年度有误' },
  ...[0, 2, 4, 6].map((i): CellMark => ({
    address: projectCell(i),
    severity: '错误',
    note: `项目${i + 1}决算数不符`,
  })),
];
const plan: Plan = { sheets: [], marks };

async function run<T>(d: ExcelDouble, batch: (c: Excel.RequestContext) => Promise<T>): Promise<T> {
  return (await runThroughOfficeJs(d, LEVEL, batch)).result;
}
const apply = (d: ExcelDouble, p: Plan = plan) => run(d, (c) => applyPlan(c, p));
const clear = (d: ExcelDouble): Promise<ApplyReport> => run(d, (c) => clearMarks(c));
const anchors = (d: ExcelDouble) => d.book.names.filter((n) => n.name.startsWith(ANCHOR_PREFIX));

/** Row `r` (1-based) of 项目支出 moved down by `n` rows: the address a cell has after the user's insertion. */
const below = (address: string, n: number) => address.replace(/(\d+)$/, (r) => String(Number(r) + n));

describe('the Excel double moves names as Excel does (office.js: NamedRange.Insert shifts the name; a deleted cell is #REF!)', () => {
  test('Range.insert / Range.delete through office.js: names below move, a range spanning the insertion grows, a deleted cell is #REF!', async () => {
    const d = book();
    d.defineName({ name: '测试_单元格', formula: '=项目支出!$F$10' }); // 项目4's 决算数
    expect(TEMPLATE_ADDRESS.get('项目支出明细表')).toBe('项目支出!A7:G36');
    await run(d, async (c) => {
      c.workbook.worksheets.getItem('项目支出').getRange('8:9').insert('Down');
      await c.sync();
    });
    expect(d.nameFormula('测试_单元格')).toBe('=项目支出!$F$12');
    expect(d.nameFormula('项目支出明细表')).toBe('=项目支出!$A$7:$G$38');
    expect(d.cell('项目支出!A12').value).toBe('项目4'); // the cells moved with the name
    expect(d.cell('项目支出!F12').value).toBe(9.5);
    expect(d.cell('项目支出!A8').value).toBeNull(); // the inserted rows are blank
    expect(d.cell('项目支出!A10').value).toBe('项目2');
    await run(d, async (c) => {
      c.workbook.worksheets.getItem('项目支出').getRange('12:12').getEntireRow().delete('Up');
      await c.sync();
    });
    expect(d.nameFormula('测试_单元格')).toBe('=项目支出!#REF!');
    expect(d.nameFormula('项目支出明细表')).toBe('=项目支出!$A$7:$G$37');
    // A name whose row survives moves up; a name above the deletion stays.
    expect(d.nameFormula('评价年度')).toBe(`=基本情况!$B$7`);
    expect(d.cell('项目支出!A12').value).toBe('项目5');
  });
});

/** The state sheet's anchor column: address → the formula there now. */
function anchorFormulas(d: ExcelDouble): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, cell] of d.sheetData(STATE_SHEET).cells) {
    const row = Math.floor(key / 16_384);
    if (key % 16_384 !== 7 || row === 0 || cell.formula === undefined) continue;
    out[String(d.cell(`${STATE_SHEET}!A${row + 1}`).value)] = cell.formula;
  }
  return out;
}

const absoluteOf = (address: string) => `=${address.replace(/^(.*)!([A-Z]+)(\d+)$/, '$1!$$$2$$$3')}`;

describe('marks anchored by formulas that follow their cells', () => {
  test('every record holds a formula at its cell (no defined names); a re-run keeps them; 清除标记 empties the state', async () => {
    const d = book();
    await apply(d);
    expect(anchorFormulas(d)).toEqual(
      Object.fromEntries(marks.map((m) => [m.address, absoluteOf(m.address)]))
    );
    expect(anchors(d)).toEqual([]);
    const before = d.snapshot([STATE_SHEET]);
    await apply(d);
    expect(d.snapshot([STATE_SHEET])).toEqual(before);
    await clear(d);
    expect(anchorFormulas(d)).toEqual({});
  });

  test('a state from before formula anchors (hidden names): its marks are found where they are now, and the names go', async () => {
    const d = book();
    const reference = book();
    await apply(d);
    // As an earlier version left it: each record's anchor a hidden workbook-scoped name at its cell.
    let n = 0;
    for (const [key, cell] of d.sheetData(STATE_SHEET).cells) {
      if (key % 16_384 !== 7 || key < 16_384 || cell.formula === undefined) continue;
      const name = `${ANCHOR_PREFIX}${++n}`;
      d.defineName({ name, formula: cell.formula });
      delete cell.formula;
      cell.value = name;
    }
    expect(anchors(d)).toHaveLength(marks.length);
    for (const b of [d, reference]) b.shift('项目支出!8:9', 'Down');
    const report = await clear(d);
    expect(report.diagnostics).toEqual([]);
    expect(d.snapshot(INPUT_SHEETS)).toEqual(reference.snapshot(INPUT_SHEETS));
    expect(anchors(d)).toEqual([]);
  });

  test('rows inserted above marked cells: 清除标记 finds each mark where it is now and leaves the cells now at the old addresses alone', async () => {
    const d = book();
    const reference = book();
    await apply(d);
    // The user inserts two rows at the top of the project table (above every marked project cell), in both books.
    for (const b of [d, reference]) b.shift('项目支出!8:9', 'Down');
    const report = await clear(d);
    expect(report.diagnostics).toEqual([]);
    expect(d.snapshot(INPUT_SHEETS)).toEqual(reference.snapshot(INPUT_SHEETS));
    // The cell now at project row 2's old address is row 0's old neighbour: untouched, as in the reference.
    expect(d.cell(projectCell(2)).fill).toEqual(reference.cell(projectCell(2)).fill);
    expect(d.cell(below(projectCell(2), 2)).borders).toEqual({ EdgeTop: 'Dash', EdgeLeft: 'Continuous' });
  });

  test('a re-run after rows were inserted restores the old marks where they are now; twice = once', async () => {
    const d = book();
    const reference = book();
    await apply(d);
    for (const b of [d, reference]) b.shift('项目支出!8:9', 'Down');
    // The new run's findings name the cells where they are now.
    const moved: Plan = {
      sheets: [],
      marks: marks.map((m) =>
        m.address.startsWith('项目支出!') ? { ...m, address: below(m.address, 2) } : m
      ),
    };
    await apply(d, moved);
    await apply(reference, moved);
    expect(d.snapshot(INPUT_SHEETS)).toEqual(reference.snapshot(INPUT_SHEETS));
    await clear(d);
    await clear(reference);
    expect(d.snapshot(INPUT_SHEETS)).toEqual(reference.snapshot(INPUT_SHEETS));
  });

  test('a marked cell whose row was deleted: skipped and reported, the other marks cleared', async () => {
    const d = book();
    const reference = book();
    await apply(d);
    const gone = projectCell(4);
    for (const b of [d, reference])
      b.shift(`项目支出!${gone.replace(/^.*![A-Z]+/, '')}:${gone.replace(/^.*![A-Z]+/, '')}`, 'Up');
    const report = await clear(d);
    expect(report.diagnostics.map((x) => [x.code, x.address])).toEqual([['mark-cell-deleted', gone]]);
    expect(report.diagnostics[0].message).toMatch(/已被删除/);
    expect(d.snapshot(INPUT_SHEETS)).toEqual(reference.snapshot(INPUT_SHEETS));
    expect(anchorFormulas(d)).toEqual({});
  });
});

/**
 * Notes need ExcelApi 1.18 *and* an office.js that has the notes API, which the npm copy of office.js
 * lacks (marks go in comments through it): the note edits run on the double directly.
 */
const direct = <T>(d: ExcelDouble, batch: (c: Excel.RequestContext) => Promise<T>) => {
  d.install();
  return d.run(batch);
};

describe("the user's edits survive 清除标记 and re-runs", () => {
  test('a note the user extended keeps their part, a fill they changed and a border they redrew stay', async () => {
    const d = book();
    await direct(d, (c) => applyPlan(c, plan));
    const p0 = projectCell(0);
    const p6 = projectCell(6);
    // The user replies under our note, refills one error cell, and redraws another's border.
    d.setNote(p0, `${d.note(p0)!}\n会计：已核实，数字无误`);
    d.setNote(year, `${d.note(year)!}\n（已改正）`);
    d.setFill(p6, '#FFFF00');
    d.setBorder(projectCell(4), 'EdgeBottom', 'Double', '#0000FF', 'Thick');
    await direct(d, (c) => clearMarks(c));
    expect(d.note(p0)).toBe('会计：已核实，数字无误');
    expect(d.note(year)).toBe('用户自己的批注\n（已改正）');
    expect(d.cell(year).fill).toEqual({ kind: 'solid', color: '#00B050' });
    expect(d.cell(p6).fill).toEqual({ kind: 'solid', color: '#FFFF00' });
    // Our border stays where the user drew over it (it is theirs now); elsewhere the cell's own border is back.
    expect(d.cell(projectCell(4)).borders).toMatchObject({ EdgeBottom: 'Double' });
    expect(d.cell(projectCell(2)).borders).toEqual({ EdgeTop: 'Dash', EdgeLeft: 'Continuous' });
    expect(d.cell(projectCell(2)).borderColor).toEqual({ EdgeTop: '#FF0000', EdgeLeft: '#000000' });
  });

  test('edits between runs: a re-run leaves a cell it marked the same way as the user left it, and applying again changes nothing', async () => {
    const d = book();
    await direct(d, (c) => applyPlan(c, plan));
    const p0 = projectCell(0);
    d.setNote(p0, `${d.note(p0)!}\n会计：已核实`);
    d.setFill(projectCell(6), '#FFFF00');
    await direct(d, (c) => applyPlan(c, plan));
    // Neither cell is read or written again: the note keeps the user's reply under ours, the fill theirs.
    expect(d.note(p0)).toBe('【绩效自评助手】项目1决算数不符\n会计：已核实');
    expect(d.cell(projectCell(6)).fill).toEqual({ kind: 'solid', color: '#FFFF00' });
    // A message that changes is written again, the user's part kept as the cell's own.
    const changed = {
      ...plan,
      marks: plan.marks.map((m) => (m.address === p0 ? { ...m, note: '项目1决算数仍不符' } : m)),
    };
    await direct(d, (c) => applyPlan(c, changed));
    expect(d.note(p0)).toBe(`会计：已核实${NOTE_SEPARATOR}项目1决算数仍不符`);
    const once = d.snapshot();
    await direct(d, (c) => applyPlan(c, changed));
    expect(d.snapshot()).toEqual(once);
    await direct(d, (c) => clearMarks(c));
    expect(d.note(p0)).toBe('会计：已核实');
    expect(d.cell(projectCell(6)).fill).toEqual({ kind: 'solid', color: '#FFFF00' });
  });
});

describe('the error mark is not colour alone', () => {
  test('error marks get a medium dark-red border on all four edges, 提示 marks none; 清除标记 restores each cell’s own border exactly', async () => {
    const d = book();
    const original = d.snapshot(INPUT_SHEETS);
    await apply(d);
    const p2 = d.cell(projectCell(2));
    for (const e of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight']) {
      expect(p2.borders[e]).toBe('Continuous');
      expect(p2.borderWeight[e]).toBe('Medium');
      expect(p2.borderColor[e]).toBe(ERROR_OUTLINE);
    }
    expect(d.cell(unit).borders).toEqual({});
    // A cell that turns from 错误 to 提示 gets its own border back.
    await apply(d, {
      sheets: [],
      marks: marks.map((m) => (m.address === projectCell(2) ? { ...m, severity: '提示' } : m)),
    });
    expect(d.cell(projectCell(2)).borders).toEqual({ EdgeTop: 'Dash', EdgeLeft: 'Continuous' });
    await clear(d);
    expect(d.snapshot(INPUT_SHEETS)).toEqual(original);
  });
});
