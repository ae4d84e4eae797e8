/**
 * A marker proves authorship only while the sheet is as we wrote it (issue 24 item 3, Office side).
 * Beside each output sheet's and the state sheet's marker the Office host keeps the hidden sheet-scoped
 * name `_jixiao_digest`: a digest of what it wrote, as the file host keeps it. A marked sheet whose
 * content no longer matches is the user's: never rewritten or emptied, and ours takes a free name.
 * Every run goes through the real office.js client library, answered by the Excel double.
 */
import { TEMPLATE_ADDRESS } from '../../src/catalogue/layout';
import { evaluate } from '../../src/core/engine';
import { templateReading } from '../../src/core/fill';
import { contentDigest, DIGEST_NAME, OWNER_NAME, planDigest, STATE_SHEET } from '../../src/core/markState';
import type { Plan, SheetPlan } from '../../src/core/types';
import { applyPlan, clearMarks } from '../../src/hosts/office/apply';
import { writtenDigest } from '../../src/hosts/office/digest';
import { ExcelDouble } from '../support/excel-double';
import { keyRowCol } from '../support/excel-double/state';
import { runThroughOfficeJs } from '../support/real-office';
import { sampleValues } from '../helpers/sample';

const run = <T>(d: ExcelDouble, level: string, batch: (c: Excel.RequestContext) => Promise<T>) =>
  runThroughOfficeJs(d, level, batch).then((r) => r.result);

const nameOf = (d: ExcelDouble, sheet: string, name: string) =>
  d.sheetData(sheet).names.find((n) => n.name === name)?.formula;

/** The digest of a sheet as the double holds it: each cell's value, a formula cell by its place. */
function heldDigest(d: ExcelDouble, sheet: string): string {
  return contentDigest(
    [...d.sheetData(sheet).cells].map(([key, c]) => {
      const [row, col] = keyRowCol(key);
      return { row, col, value: c.value, formula: c.formula !== undefined };
    })
  );
}

/** Excel's "Move or Copy… / Create a copy": the cells, merges and the sheet's own names go with it. */
function copySheet(d: ExcelDouble, from: string, to: string): void {
  const src = d.sheetData(from);
  const copy = d.addSheet(to);
  for (const [key, cell] of src.cells) copy.cells.set(key, structuredClone(cell));
  copy.merges = structuredClone(src.merges);
  copy.names = structuredClone(src.names);
}

const samplePlan = (): Plan => evaluate(templateReading(sampleValues())).plan;

describe.each(['1.7', '1.15'])('ExcelApi %s', (level) => {
  test('run twice = run once: every output sheet and the state carry the digest of what Excel holds; the second run rewrites the same sheets', async () => {
    const plan = samplePlan();
    const outputs = plan.sheets.filter((s) => s.onExisting !== 'keep').map((s) => s.name);
    const d = ExcelDouble.fromTemplate(sampleValues(), { excelApi: level });
    await run(d, level, (c) => applyPlan(c, plan));
    const once = d.fingerprint();
    for (const sheet of [...outputs, STATE_SHEET]) {
      const digest = nameOf(d, sheet, DIGEST_NAME);
      // What was written is what Excel holds: text that starts with "=", links' text, numbers, formulas.
      expect([sheet, digest]).toEqual([sheet, `="${heldDigest(d, sheet)}"`]);
      expect(d.sheetData(sheet).names.find((n) => n.name === DIGEST_NAME)?.visible).toBe(false);
    }
    // The digest the file host records for the same plan (planDigest): either host can check the other's.
    for (const sheet of outputs)
      expect(nameOf(d, sheet, DIGEST_NAME)).toBe(
        `="${planDigest(plan.sheets.find((s) => s.name === sheet)!)}"`
      );
    // The file host's flag beside the records: these digests are current.
    expect(d.cell(`${STATE_SHEET}!J1`).value).toBe(DIGEST_NAME);

    await run(d, level, (c) => applyPlan(c, plan));
    expect(d.sheetNames().filter((n) => /\(\d+\)$/.test(n))).toEqual([]);
    expect(d.fingerprint()).toEqual(once);
  });
});

const LEVEL = '1.15';

const scores: SheetPlan = {
  name: '评分表',
  rows: [
    [{ value: '指标', style: 'header' }, { value: '得分', style: 'header' }, { value: '说明' }],
    [{ value: '合计' }, { value: 79.64, style: 'score' }, { value: '= 0 计 2 分' }],
    [{ value: '平均' }, { formula: 'B2/2' }, { value: '见问题清单', link: '问题清单!A1' }],
  ],
};
const findings: SheetPlan = {
  name: '问题清单',
  rows: [[{ value: '问题清单', style: 'title' }], [{ value: '见评分表', style: 'link', link: '评分表!B2' }]],
};
const mark = TEMPLATE_ADDRESS.get('评价年度')!;
const plan: Plan = {
  sheets: [findings, scores],
  marks: [{ address: mark, severity: '错误', note: '评价年度有误' }],
  names: [{ name: '结果_总分', address: '评分表!B2' }],
};

const fresh = () => ExcelDouble.fromTemplate(sampleValues(), { excelApi: LEVEL });

test('the user types into our 评分表: the next run leaves it cell for cell (marker and digest too) and writes 评分表(2); the run after reuses 评分表(2)', async () => {
  const d = fresh();
  await run(d, LEVEL, (c) => applyPlan(c, plan));
  d.userEdit('评分表!D2', '我的备注');
  d.userEdit('评分表!B2', 80);
  const theirs = d.fingerprint(['评分表']);
  await run(d, LEVEL, (c) => applyPlan(c, plan));
  expect(d.fingerprint(['评分表'])).toEqual(theirs);
  expect(d.cell('评分表(2)!B2').value).toBe(79.64);
  expect(nameOf(d, '评分表(2)', OWNER_NAME)).toBe('="评分表"');
  expect(nameOf(d, '评分表(2)', DIGEST_NAME)).toBe(`="${planDigest(scores)}"`);
  // Links and names follow ours.
  expect(d.cell('问题清单!A2').hyperlink?.documentReference).toBe("'评分表(2)'!B2");
  expect(d.nameFormula('结果_总分')).toBe("='评分表(2)'!$B$2");
  // 问题清单 was not touched by the user: still ours, rewritten in place.
  expect(d.sheetNames().filter((n) => n.startsWith('问题清单'))).toEqual(['问题清单']);

  const names = d.sheetNames();
  await run(d, LEVEL, (c) => applyPlan(c, plan));
  expect(d.sheetNames()).toEqual(names);
  expect(d.fingerprint(['评分表'])).toEqual(theirs);
  await run(d, LEVEL, (c) => clearMarks(c));
  expect(d.fingerprint(['评分表'])).toEqual(theirs);
  expect(d.cell(mark).fill).toEqual({ kind: 'none' });
});

test('a copy of our sheet (its marker and digest copied with it) that the user changed is theirs; ours is rewritten in place', async () => {
  const d = fresh();
  await run(d, LEVEL, (c) => applyPlan(c, plan));
  copySheet(d, '评分表', '评分表 (2)');
  d.userEdit('评分表 (2)!B2', 85);
  d.userEdit('评分表 (2)!A4', '今年新增的指标');
  const copy = d.fingerprint(['评分表 (2)']);
  const changed = { ...scores, rows: [...scores.rows, [{ value: '新指标' }, { value: 1 }]] };
  await run(d, LEVEL, (c) => applyPlan(c, { ...plan, sheets: [findings, changed] }));
  expect(d.fingerprint(['评分表 (2)'])).toEqual(copy);
  expect(d.cell('评分表!A4').value).toBe('新指标');
  expect(d.sheetNames().filter((n) => n.startsWith('评分表'))).toEqual(['评分表', '评分表 (2)']);
});

test('a copy the user left as it was is as good as ours; the original they changed is theirs', async () => {
  const d = fresh();
  await run(d, LEVEL, (c) => applyPlan(c, plan));
  copySheet(d, '评分表', '评分表 (2)');
  d.userEdit('评分表!C2', '我改了说明');
  const theirs = d.fingerprint(['评分表']);
  await run(d, LEVEL, (c) => applyPlan(c, plan));
  expect(d.fingerprint(['评分表'])).toEqual(theirs);
  expect(d.nameFormula('结果_总分')).toBe("='评分表 (2)'!$B$2");
  expect(d.sheetNames().filter((n) => n.startsWith('评分表'))).toEqual(['评分表', '评分表 (2)']);
});

test('a marker without a digest (a workbook from before digests) is trusted: the sheet is rewritten in place and gets its digest', async () => {
  const d = fresh();
  await run(d, LEVEL, (c) => applyPlan(c, plan));
  for (const s of d.book.sheets) s.names = s.names.filter((n) => n.name !== DIGEST_NAME);
  d.userEdit('评分表!D2', '旧版本运行后的修改');
  await run(d, LEVEL, (c) => applyPlan(c, plan));
  expect(d.sheetNames().filter((n) => n.startsWith('评分表'))).toEqual(['评分表']);
  expect(d.cell('评分表!D2').value).toBeNull();
  expect(nameOf(d, '评分表', DIGEST_NAME)).toBe(`="${planDigest(scores)}"`);
});

test('digests left stale by a host that keeps none (no flag beside the state records) are not trusted', async () => {
  const d = fresh();
  await run(d, LEVEL, (c) => applyPlan(c, plan));
  // An Office host from before digests ran last: it rewrote the state (no J1) and our sheets.
  d.userEdit(`${STATE_SHEET}!J1`, null);
  d.userEdit('评分表!B2', 70);
  await run(d, LEVEL, (c) => applyPlan(c, plan));
  expect(d.sheetNames().filter((n) => /^(评分表|_jixiao_state)/.test(n))).toEqual([STATE_SHEET, '评分表']);
  expect(d.cell('评分表!B2').value).toBe(79.64);
  expect(d.cell(`${STATE_SHEET}!J1`).value).toBe(DIGEST_NAME);
});

test('a state sheet the user changed is theirs: left cell for cell, its records still restore our marks, ours goes to _jixiao_state(2)', async () => {
  const clean = fresh().fingerprint();
  const d = fresh();
  await run(d, LEVEL, (c) => applyPlan(c, plan));
  d.userEdit(`${STATE_SHEET}!L3`, '宏写入的内容');
  const theirs = d.fingerprint([STATE_SHEET]);
  const other = TEMPLATE_ADDRESS.get('单位名称')!;
  const moved = { ...plan, marks: [{ address: other, severity: '提示' as const, note: '单位名称待核' }] };
  await run(d, LEVEL, (c) => applyPlan(c, moved));
  expect(d.fingerprint([STATE_SHEET])).toEqual(theirs);
  const ours = `${STATE_SHEET}(2)`;
  expect(d.sheetData(ours).visibility).toBe('VeryHidden');
  expect(nameOf(d, ours, OWNER_NAME)).toBe(`="${STATE_SHEET}"`);
  // The old mark came off through the records of the changed sheet; the new one is recorded in ours.
  expect(d.cell(mark).fill).toEqual({ kind: 'none' });
  expect(d.cell(`${ours}!A2`).value).toBe(other);
  await run(d, LEVEL, (c) => applyPlan(c, moved));
  expect(d.sheetNames().filter((n) => n.startsWith(STATE_SHEET))).toEqual([STATE_SHEET, ours]);
  await run(d, LEVEL, (c) => clearMarks(c));
  expect(d.fingerprint([STATE_SHEET])).toEqual(theirs);
  const inputs = fresh().sheetNames();
  expect(d.fingerprint(inputs)).toEqual(clean.filter((l) => !l.startsWith('names ')));
});

test('a run that stops at any sync leaves our sheets ours: the next run rewrites them in place', async () => {
  // An output sheet large enough to be written over several requests.
  const big: SheetPlan = {
    name: '问题清单',
    rows: Array.from({ length: 3_000 }, (_, i) => [
      { value: `第 ${i + 1} 条问题的说明：${'写得长一些，让这张表分几次请求才写完。'.repeat(15)}` },
      { value: i },
    ]),
  };
  const large: Plan = { ...plan, sheets: [big, scores] };
  const template = fresh();
  template.install();
  await template.run((c) => applyPlan(c, large));
  const before = template.syncCount;
  await template.run((c) => applyPlan(c, large));
  const syncs = template.syncCount - before;
  expect(syncs).toBeGreaterThan(5);
  for (let k = 4; k <= syncs; k++) {
    const d = fresh();
    d.install();
    await d.run((c) => applyPlan(c, large));
    d.failSync = { n: d.syncCount + k, code: 'GeneralException' };
    await expect(d.run((c) => applyPlan(c, large))).rejects.toThrow();
    d.failSync = undefined;
    await d.run((c) => applyPlan(c, large));
    expect([k, d.sheetNames().filter((n) => /\(\d+\)$/.test(n))]).toEqual([k, []]);
    expect(d.cell('问题清单!A3000').value).toBe(big.rows[2_999][0]!.value);
  }
}, 240_000);

test('the digest of what Excel holds once written: a link shows its text, a merged area keeps its top-left cell', () => {
  const sp: SheetPlan = {
    name: '问题清单',
    rows: [
      [{ value: '标题' }, { value: '合并后不见' }],
      [{ link: '评分表!B2' }, { value: 3 }],
    ],
    merges: ['A1:B1'],
  };
  const held: SheetPlan = {
    name: sp.name,
    rows: [[{ value: '标题' }], [{ value: '评分表!B2' }, { value: 3 }]],
  };
  expect(writtenDigest(sp)).toBe(planDigest(held));
  expect(writtenDigest(sp)).not.toBe(planDigest(sp));
});
