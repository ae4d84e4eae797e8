/**
 * Our sheets are ours (issue 13 item 5, Office side): each output sheet and the state sheet carry a
 * hidden sheet-scoped name `_jixiao_sheet` holding their role; a user's sheet is never replaced,
 * emptied or deleted, even one with our sheet's name. Run through the real office.js client library.
 */
import { TEMPLATE_ADDRESS } from '../../src/catalogue/layout';
import { OWNER_NAME, STATE_SHEET } from '../../src/core/markState';
import type { Plan, SheetPlan } from '../../src/core/types';
import { applyPlan, clearMarks } from '../../src/hosts/office/apply';
import { ExcelDouble } from '../support/excel-double';
import { runThroughOfficeJs } from '../support/real-office';
import { sampleValues } from '../helpers/sample';

const LEVEL = '1.15';
const findings: SheetPlan = {
  name: '问题清单',
  rows: [[{ value: '问题清单', style: 'title' }], [{ value: '见评分表', style: 'link', link: '评分表!B2' }]],
};
const scores: SheetPlan = {
  name: '评分表',
  rows: [
    [{ value: '指标' }, { value: '得分' }],
    [{ value: '合计' }, { value: 79.64, style: 'score' }],
  ],
};
const plan: Plan = {
  sheets: [findings, scores],
  marks: [{ address: TEMPLATE_ADDRESS.get('评价年度')!, severity: '错误', note: '评价年度有误' }],
  names: [{ name: '结果_总分', address: '评分表!B2' }],
  activate: '问题清单',
};

const run = <T>(d: ExcelDouble, batch: (c: Excel.RequestContext) => Promise<T>) =>
  runThroughOfficeJs(d, LEVEL, batch).then((r) => r.result);
const role = (d: ExcelDouble, sheet: string) => d.sheetData(sheet).names.find((n) => n.name === OWNER_NAME);

/** The sample workbook plus the user's own sheets named like ours: a visible 评分表, a hidden 问题清单, a visible _jixiao_state. */
function userBook(): ExcelDouble {
  const d = ExcelDouble.fromTemplate(sampleValues(), { excelApi: LEVEL });
  d.addSheet('评分表');
  d.userEdit('评分表!A1', '我自己的评分草稿');
  d.addSheet('问题清单').visibility = 'Hidden';
  d.userEdit('问题清单!A1', '我的问题记录');
  d.addSheet(STATE_SHEET);
  d.userEdit(`${STATE_SHEET}!A1`, '我的备忘');
  return d;
}

test('a user’s sheets named like ours are left as they were; ours take free names, carry the marker, and links and names follow', async () => {
  const d = userBook();
  const before = d.snapshot(['评分表', '问题清单', STATE_SHEET]);
  await run(d, (c) => applyPlan(c, plan));
  expect(d.snapshot(['评分表', '问题清单', STATE_SHEET])).toEqual(before);
  expect(d.sheetData('问题清单').visibility).toBe('Hidden');
  expect(d.sheetNames()).toEqual(expect.arrayContaining([`${STATE_SHEET}(2)`, '问题清单(2)', '评分表(2)']));
  for (const [sheet, r] of [
    ['问题清单(2)', '问题清单'],
    ['评分表(2)', '评分表'],
    [`${STATE_SHEET}(2)`, STATE_SHEET],
  ])
    expect(role(d, sheet)).toMatchObject({ formula: `="${r}"`, visible: false });
  expect(role(d, '评分表')).toBeUndefined();
  expect(d.sheetData(`${STATE_SHEET}(2)`).visibility).toBe('VeryHidden');
  expect(d.cell('评分表(2)!B2').value).toBe(79.64);
  expect(d.cell('问题清单(2)!A2').hyperlink?.documentReference).toBe("'评分表(2)'!B2");
  expect(d.nameFormula('结果_总分')).toBe("='评分表(2)'!$B$2");
  expect(d.book.activeSheet?.name).toBe('问题清单(2)');

  // A second run finds ours by their markers: rewritten in place, no 评分表(3); the user's sheets still untouched.
  const names = d.sheetNames();
  await run(d, (c) => applyPlan(c, plan));
  expect(d.sheetNames()).toEqual(names);
  expect(d.snapshot(['评分表', '问题清单', STATE_SHEET])).toEqual(before);
  // 清除标记 uses our state sheet, never the user's _jixiao_state.
  await run(d, (c) => clearMarks(c));
  expect(d.snapshot(['评分表', '问题清单', STATE_SHEET])).toEqual(before);
  expect(d.cell(TEMPLATE_ADDRESS.get('评价年度')!).fill).toEqual({ kind: 'none' });
});

test('our sheet renamed by the user is found by its marker and rewritten in place', async () => {
  const d = ExcelDouble.fromTemplate(sampleValues(), { excelApi: LEVEL });
  await run(d, (c) => applyPlan(c, plan));
  d.sheetData('评分表').name = '评分表-上次';
  await run(d, (c) => applyPlan(c, plan));
  expect(d.sheetNames().filter((n) => n.startsWith('评分表'))).toEqual(['评分表-上次']);
  expect(d.cell('评分表-上次!B2').value).toBe(79.64);
  expect(d.nameFormula('结果_总分')).toBe("='评分表-上次'!$B$2");
});
