/**
 * The 湖南《部门整体支出绩效评价基础数据表》's own 公用经费 lines (framework §2.8: under 公用经费, “其中：办公经费”,
 * “水费、电费、差旅费”, “会议费、培训费”, by 上年决算数 | 本年预算数 | 本年决算数), combined differently from
 * 财决08-1's 经济分类 items (issue 25 item 6): their own inputs, 决算 over 预算 as a 提示, their sum within
 * 公用经费, and the 公用经费控制率's item deduction reading them.
 * The figures are made up for the test and hand-checked; the layout is test/import/layouts.ts's 基础数据表.
 */
import { BASIC_OFFICE_LINES, INPUT_SHEETS } from '../../src/catalogue/inputs';
import { PLACED_SHEETS, TEMPLATE_ADDRESS } from '../../src/catalogue/layout';
import { flattenFindings } from '../../src/core/checks';
import { evaluate } from '../../src/core/engine';
import { templateReading, InputValues } from '../../src/core/fill';
import { computeIndicators } from '../../src/core/indicators';
import { rulebookFromModel } from '../../src/core/rulebook';
import { scoreAll } from '../../src/core/scoring';
import type { ScoreSheet } from '../../src/core/results';
import { recognise, Recognition } from '../../src/import/recognise';
import { importedValues } from '../../src/import/report';
import { sampleModel } from '../helpers/sample';
import { jichuShuju } from '../import/layouts';

describe('the template', () => {
  test('the 基础数据 sheet ends with the lines as the 基础数据表 prints them, in its column order', () => {
    const sheet = INPUT_SHEETS.find((s) => s.name === '基础数据')!;
    const block = sheet.blocks[sheet.blocks.length - 1];
    expect(block.type === 'grid' && [block.title, block.rowLabels, block.colLabels]).toEqual([
      '公用经费其中各项（基础数据表所列）',
      ['办公经费', '水费、电费、差旅费', '会议费、培训费'],
      ['上年决算数', '本年预算数', '本年决算数'],
    ]);
    // Last on the sheet: every cell above keeps the address it had.
    const placed = PLACED_SHEETS.find((p) => p.sheet.name === '基础数据')!;
    const last = placed.blocks[placed.blocks.length - 1];
    expect(last.cells.map((c) => c.decl.name)).toEqual(
      BASIC_OFFICE_LINES.flatMap(([k]) =>
        ['上年决算', '本年预算', '本年决算'].map((c) => `基础_公用_${k}_${c}`)
      )
    );
    expect(Math.min(...last.cells.map((c) => c.row))).toBeGreaterThan(
      Math.max(...placed.blocks.slice(0, -1).flatMap((b) => b.cells.map((c) => c.row)))
    );
    expect(TEMPLATE_ADDRESS.get('基础_公用_水电差旅_本年决算')).toMatch(/^基础数据!D\d+$/);
  });
});

describe('checks over the lines', () => {
  const findings = (values: InputValues) =>
    flattenFindings(evaluate(templateReading(values)).findings).map((x) => x.finding);

  test('水费、电费、差旅费 over its budget is a 提示 asking for a reason, by how much and what share', () => {
    const f = findings({ 基础_公用_水电差旅_本年预算: 8, 基础_公用_水电差旅_本年决算: 9.2 }).find(
      (x) => x.rule === 'budget.基础公用.水电差旅'
    )!;
    expect([f.severity, f.kind, f.title]).toEqual([
      '提示',
      'exceeds',
      '基础数据表水费、电费、差旅费决算超过预算 1.20 万元（15.00%）',
    ]);
    expect(f.nextStep).toContain('出错说明');
  });

  test('lines adding up past 公用经费 are an 错误 (a 表内 identity), marking the lines and the total', () => {
    // 12 + 9.2 + 3.5 = 24.70 > 公用经费决算 24.00.
    const f = findings({
      基础_公用经费决算: 24,
      基础_公用_办公经费_本年决算: 12,
      基础_公用_水电差旅_本年决算: 9.2,
      基础_公用_会议培训_本年决算: 3.5,
    }).find((x) => x.rule === 'part.基础公用.本年决算')!;
    expect([f.severity, f.title]).toEqual(['错误', '基础数据表公用经费其中各项之和超过公用经费决算数']);
    expect(f.computed!.value.toFixed(2)).toBe('24.70');
    expect(f.operands.map((o) => o.address)).toEqual(
      expect.arrayContaining([
        TEMPLATE_ADDRESS.get('基础_公用经费决算'),
        TEMPLATE_ADDRESS.get('基础_公用_会议培训_本年决算'),
      ])
    );
  });
});

describe('the 公用经费控制率 deducts for the 基础数据表 lines over budget (分项超支扣分=0.1 in the default rulebook)', () => {
  function line(overrides: InputValues): ScoreSheet['lines'][number] {
    const m = sampleModel(overrides);
    const rb = rulebookFromModel(m).rulebook!;
    return scoreAll(rb, computeIndicators(m, rb.variants), m).lines.find(
      (l) => l.level3 === '公用经费控制率'
    )!;
  }
  // The sample's rate: 45.07 ÷ 41.76 = 107.93%, 2 − 7.926 × 0.2 = 0.4147 → 0.41 before any item.
  const lines = {
    基础_公用_办公经费_本年预算: 10,
    基础_公用_办公经费_本年决算: 12,
    基础_公用_水电差旅_本年预算: 8,
    基础_公用_水电差旅_本年决算: 7.5,
  };

  test('one line over: 0.4147 − 0.1 = 0.3147 → 0.31, the line named in 扣分原因', () => {
    const l = line(lines);
    expect(l.score.toFixed(2)).toBe('0.31');
    expect(l.deduction).toContain(
      '公用经费明细项目决算超过预算 1 项：办公经费超出 2.00 万元（20.00%），每项扣 0.10 分，共扣 0.10 分'
    );
  });

  test('with the 经济分类 items too, only the 基础数据表 lines count: 差旅费 is not counted twice', () => {
    const l = line({
      ...lines,
      公用_办公费_本年预算: 10,
      公用_办公费_本年决算: 12,
      公用_差旅费_本年预算: 3,
      公用_差旅费_本年决算: 4,
    });
    expect(l.score.toFixed(2)).toBe('0.31');
    expect(l.deduction).not.toContain('差旅费超出');
  });

  test('lines without both figures leave the 经济分类 items to decide, as before', () => {
    const l = line({
      基础_公用_办公经费_本年决算: 12,
      公用_办公费_本年预算: 10,
      公用_办公费_本年决算: 12,
      公用_差旅费_本年预算: 3,
      公用_差旅费_本年决算: 4,
    });
    // Two items over: 0.4147 − 0.2 = 0.2147 → 0.21.
    expect(l.score.toFixed(2)).toBe('0.21');
    expect(l.deduction).toContain(
      '决算超过预算 2 项：办公费超出 2.00 万元（20.00%）、差旅费超出 1.00 万元（33.33%）'
    );
  });
});

describe('import: the lines of a 基础数据表 fill their own inputs', () => {
  const sheet = jichuShuju(
    '某单位',
    [25, 22, '88.00%'],
    [
      ['三公经费', 7.1, 26, 5.83],
      ['公用经费', 40.2, 41.76, 45.07],
      ['其中：办公经费', 10.1, 12, 13.5],
      ['水费、电费、差旅费', 6.3, 7, 6.8],
      ['会议费、培训费', 2, 3, 2.4],
      ['政府采购金额', 12, 30, 28],
    ]
  );
  const res = new Map(recognise([sheet]).inputs.map((r) => [r.name, r]));
  const found = (r: Recognition | undefined) =>
    r?.status === 'found' ? `${r.sheet}!${r.cell}=${r.converted ?? r.raw}` : r?.status;

  test('each line and column is found by its words, and the 经济分类 items are left alone', () => {
    expect(found(res.get('基础_公用_办公经费_本年决算'))).toBe('基础数据表!D8=13.5');
    expect(found(res.get('基础_公用_水电差旅_上年决算'))).toBe('基础数据表!B9=6.3');
    expect(found(res.get('基础_公用_会议培训_本年预算'))).toBe('基础数据表!C10=3');
    expect(found(res.get('基础_公用经费预算'))).toBe('基础数据表!C7=41.76');
    const values = importedValues(recognise([sheet]));
    expect(values).toMatchObject({ 基础_公用_水电差旅_本年预算: 7, 基础_公用_水电差旅_本年决算: 6.8 });
    expect(
      Object.keys(values).filter((n) => /^公用_(办公费|水费|电费|差旅费|会议费|培训费)_/.test(n))
    ).toEqual([]);
  });
});
