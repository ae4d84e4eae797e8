import { TEMPLATE_ADDRESS } from '../../src/catalogue/layout';
import { draftReport } from '../../src/core/narrative';
import { listWithin, REPORT_SHEET, reportSheet } from '../../src/core/sheets/reportSheet';
import { sampleModel } from '../helpers/sample';
import { handFindings, handIndicators, handScores } from '../helpers/reportFixtures';

function sheetFor(overrides = {}) {
  const model = sampleModel(overrides);
  const draft = draftReport({
    model,
    indicators: handIndicators(model),
    scores: handScores(),
    findings: handFindings(model),
  });
  return reportSheet(draft);
}

describe('报告草稿 sheet', () => {
  const plan = sheetFor();
  const rowOf = (text: string) => plan.rows.find((r) => r[0]?.value === text);

  test('named 报告草稿, replaced whole on each run, wide wrapped text column', () => {
    expect(plan.name).toBe(REPORT_SHEET);
    expect(REPORT_SHEET).toBe('报告草稿');
    expect(plan.onExisting).toBe('replace');
    expect(plan.columnWidths![0]).toBeGreaterThanOrEqual(80);
    expect(plan.rows[0][0]!.value).toBe('衡阳市科学技术协会2021年度部门整体支出绩效自评报告');
    expect(plan.rows[2].map((c) => c!.value)).toEqual(['报告内容', '所用名称', '所在单元格']);
  });

  test('beside each paragraph: the names and the cells (Sheet!A1) it used', () => {
    const row = rowOf(
      '2021年度部门实际取得各项收入合计1351.58万元，其中：一般公共预算财政拨款收入【待核对：1193.05万元；一般公共预算收入前后不一致】、其他收入158.53万元。'
    )!;
    expect(row[0]!.style).toBe('text');
    expect(row[1]!.value).toBe('评价年度、收入_本年收入合计、收入_一般公共预算财政拨款、收入_其他收入');
    expect(row[2]!.value).toBe(
      ['评价年度', '收入_本年收入合计', '收入_一般公共预算财政拨款', '收入_其他收入']
        .map((n) => TEMPLATE_ADDRESS.get(n))
        .join('、')
    );
    expect(String(row[2]!.value)).toMatch(/^基本情况!B\d+、收支总表!\w+\d+/);
  });

  test('headings numbered, tables as caption + rows, long paragraphs get taller rows', () => {
    expect(rowOf('一、部门概况')![0]!.style).toBe('total');
    expect(rowOf('（四）机构人员')![0]!.style).toBe('subtotal');
    expect(rowOf('项目支出明细表（单位：万元）')).toBeDefined();
    expect(rowOf('1｜科普经费｜376.00｜338.76｜684.76｜688.79')).toBeDefined();
    const i = plan.rows.findIndex((r) => String(r[0]?.value ?? '').startsWith('为提高财政资金使用效益'));
    // 239 characters (the notice and its 文号 as placeholders): 217 CJK (2 units each) + 22 ASCII = 456
    // units; 89 per line (a column's last unit is padding) gives 6 lines of 14.5 pt, plus 3: 90.
    expect(plan.rowHeights![i]).toBe(90);
  });

  test('a paragraph taller than Excel’s tallest row (409 pt) goes on in the rows below, cut after a sentence, nothing lost', () => {
    // 60 sentences of 82 units (40 CJK characters and two digits): 4,920 units, 56 lines of 89 units;
    // the tallest row shows 28 lines (409 pt at 14.5 pt a line), i.e. 30 of these sentences.
    const sentence = (i: number) => `第${String(i).padStart(2, '0')}句${'经费管理不严格'.repeat(5)}超支。`;
    const long = Array.from({ length: 60 }, (_, i) => sentence(i)).join('');
    const edited = sheetFor({ 存在问题: `（一）公用经费管理不严\n${long}` });
    const start = edited.rows.findIndex((r) => String(r[0]?.value ?? '').startsWith('第00句'));
    expect(start).toBeGreaterThan(0);
    const pieces: string[] = [];
    for (let r = start; String(edited.rows[r]?.[0]?.value ?? '').startsWith('第'); r++) {
      pieces.push(String(edited.rows[r][0]!.value));
      expect(edited.rowHeights![r]).toBeLessThanOrEqual(409);
      expect(edited.rowHeights![r]).toBeGreaterThan(300);
      // Each piece ends a sentence; only the first row names its sources.
      expect(pieces[pieces.length - 1]).toMatch(/超支。$/);
      expect(edited.rows[r][1]?.value ?? '').toBe(r === start ? '存在问题' : '');
    }
    expect(pieces.length).toBe(2);
    expect(pieces.join('')).toBe(long);
    for (const h of Object.values(edited.rowHeights!)) expect(h).toBeLessThanOrEqual(409);
  });

  test("regenerating keeps the department's text: it comes from the input cells each time", () => {
    // The department's own item joins the problem it speaks of (公用经费), under its own heading.
    const edited = sheetFor({ 存在问题: '（一）公用经费管理不严\n会议费超标准，公用经费超支。' });
    const texts = edited.rows.map((r) => r[0]?.value);
    expect(texts).toContain('（二）公用经费管理不严');
    expect(texts).toContain('会议费超标准，公用经费超支。');
    const row = edited.rows.find((r) => r[0]?.value === '会议费超标准，公用经费超支。')!;
    expect(row[1]!.value).toBe('存在问题');
    expect(row[2]!.value).toBe(TEMPLATE_ADDRESS.get('存在问题'));
  });
});

describe('listWithin: a paragraph’s sources fit a cell', () => {
  test('a short list is whole', () => {
    expect(listWithin(['项目支出!F5', '项目支出!F6'], '单元格')).toBe('项目支出!F5、项目支出!F6');
  });
  test('5,000 project cells (a 5,000-row table) are cut near 1,000 characters with their count, far under 32,767', () => {
    const cells = Array.from({ length: 5000 }, (_, i) => `项目支出!F${i + 7}`);
    const text = listWithin(cells, '单元格');
    expect(text.length).toBeLessThanOrEqual(1000 + '等 5000 个单元格'.length);
    expect(text.startsWith('项目支出!F7、项目支出!F8、')).toBe(true);
    expect(text.endsWith('等 5000 个单元格')).toBe(true);
  });
});
