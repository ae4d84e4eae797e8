/**
 * Whole reports through the claim checker: the real seed report (test/fixtures/reports/seed-2021.txt,
 * verbatim) gives exactly the 不成立 claims listed below, each with the arithmetic worked by hand;
 * the consistent report written for the tests gives none; the --json shape; the cross-check against
 * a workbook names the sentence and the cell.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkReport } from '../../src/core/claims/engine';
import type { Claim } from '../../src/core/claims/engine';
import { reportJson } from '../../src/core/claims/render';
import { crossCheckWorkbook } from '../../src/core/claims/workbook';
import { templateReading } from '../../src/core/fill';
import { buildModel } from '../../src/core/model';
import { evaluate } from '../../src/core/engine';
import { syntheticDepartment } from '../../src/cli/synthetic';
import { reportToDocx } from '../../src/export/docx';
import { docxBlocks, docxPartsFromBytes } from '../../src/hosts/report/docx';
import { textBlocks } from '../../src/hosts/report/text';
import { SAMPLE_JSON } from '../helpers/sample';

const dir = path.join(__dirname, '..', 'fixtures', 'reports');
const seedText = fs.readFileSync(path.join(dir, 'seed-2021.txt'), 'utf8');
const consistentText = fs.readFileSync(path.join(dir, 'consistent-2022.txt'), 'utf8');

/** Each 不成立 expected in the seed: kind, words of its title, where, what the text states and what its figures give. */
const SEED_FAILS: Array<{ kind: string; title: string; where: string; stated: string; computed: string }> = [
  // 271.02 + 486.73 + 77.14 = 834.89 ≠ 836.79 (486.73元 read as the 万元 it must be).
  {
    kind: '合计',
    title: '一般公共预算本年支出与所列各项之和不符',
    where: '第 42 段',
    stated: '836.79 万元',
    computed: '271.02 + 486.73 + 77.14 = 834.89 万元',
  },
  // Table 1: 478.29 + 714.76 = 1193.05 ≠ 780.19; 478.29 + 718.79 = 1197.08 ≠ 836.79; 4.04 + 780.19 − 836.79 = −52.56 ≠ 0.
  {
    kind: '表格',
    title: '本年收入：合计与基本支出、项目支出之和不符',
    where: '表 1',
    stated: '780.19 万元',
    computed: '478.29 + 714.76 = 1193.05 万元',
  },
  {
    kind: '表格',
    title: '本年支出：合计与基本支出、项目支出之和不符',
    where: '表 1',
    stated: '836.79 万元',
    computed: '478.29 + 718.79 = 1197.08 万元',
  },
  {
    kind: '表格',
    title: '“合计”栏结转结余不平衡',
    where: '表 1',
    stated: '0.00 万元',
    computed: '4.04 + 780.19 − 836.79 = −52.56 万元',
  },
  // Table 2: 科技馆站 714.76 > 科普经费 684.76; the sub-items' 决算 52.35 + 399.03 + 0.25 + 70.63 + 60.92 + 135.61 = 718.79 > 688.79;
  // 376 + 338.76 = 714.76 ≠ 684.76; 合计 406 + 338.76 = 744.76 ≠ 714.76.
  {
    kind: '表格',
    title: '“科普经费”的子项之和大于其本身（预算总额）',
    where: '表 2',
    stated: '714.76 万元',
    computed: '684.76 万元',
  },
  {
    kind: '表格',
    title: '“科普经费”的子项之和大于其本身（年度决算数）',
    where: '表 2',
    stated: '52.35 + 399.03 + 0.25 + 70.63 + 60.92 + 135.61 = 718.79 万元',
    computed: '688.79 万元',
  },
  {
    kind: '表格',
    title: '“科普经费”：预算总额与年初预算数、年中追加预算数之和不符',
    where: '表 2',
    stated: '684.76 万元',
    computed: '376.00 + 338.76 = 714.76 万元',
  },
  {
    kind: '表格',
    title: '“合计”：预算总额与年初预算数、年中追加预算数之和不符',
    where: '表 2',
    stated: '714.76 万元',
    computed: '406.00 + 338.76 = 744.76 万元',
  },
  // 在职: 18 (市科协) + 2 (青少年科技活动中心) = 20, not 21.
  {
    kind: '同一数前后一致',
    title: '在职人数前后不一致：此处为 21人，第 21 段为 18人',
    where: '第 76 段',
    stated: '21人',
    computed: '18人 + 2人 = 20',
  },
  {
    kind: '同一数前后一致',
    title: '一般公共预算本年收入前后不一致：此处为 780.19万元，第 26 段为 1193.05万元',
    where: '表 1',
    stated: '780.19万元',
    computed: '第 26 段为 1193.05万元',
  },
  {
    kind: '同一数前后一致',
    title: '一般公共预算本年支出前后不一致：此处为 836.79万元，第 28 段为 1197.09万元',
    where: '表 1',
    stated: '836.79万元',
    computed: '第 28 段为 1197.09万元',
  },
  {
    kind: '同一数前后一致',
    title: '一般公共预算本年支出前后不一致：此处为 836.79万元，第 28 段为 1197.09万元',
    where: '第 42 段',
    stated: '836.79万元',
    computed: '第 28 段为 1197.09万元',
  },
  {
    kind: '同一数前后一致',
    title: '一般公共预算本年支出中基本支出前后不一致：此处为 393.23万元',
    where: '第 44 段',
    stated: '393.23万元',
    computed: '表 1 第 4 行“本年支出”为 478.29万元',
  },
  {
    kind: '同一数前后一致',
    title: '一般公共预算年中追加预算中项目支出前后不一致：此处为 338.76万元',
    where: '表 2',
    stated: '338.76万元',
    computed: '第 39 段为 471.32万元',
  },
  // The 预算完成率 paragraph's figures are not this report's: 61.55 / 661.64 / 118.55 / 4.04 against 4.04 / 700.99 / 654.62 / 0.
  {
    kind: '同一数前后一致',
    title: '一般公共预算年初结转和结余前后不一致：此处为 61.55万元',
    where: '第 83 段',
    stated: '61.55万元',
    computed: '第 32 段为 4.04万元',
  },
  {
    kind: '同一数前后一致',
    title: '一般公共预算年初预算前后不一致：此处为 661.64万元',
    where: '第 83 段',
    stated: '661.64万元',
    computed: '第 38 段为 700.99万元',
  },
  {
    kind: '同一数前后一致',
    title: '一般公共预算年中追加预算前后不一致：此处为 118.55万元',
    where: '第 83 段',
    stated: '118.55万元',
    computed: '第 39 段为 654.62万元',
  },
  {
    kind: '同一数前后一致',
    title: '一般公共预算年末结转和结余前后不一致：此处为 4.04万元',
    where: '第 83 段',
    stated: '4.04万元',
    computed: '第 35 段为 0万元',
  },
  // The 结转结余变动率 paragraph: 60.64 and 4.04, where every other statement has 4.04 (年初) and 0 (年末).
  {
    kind: '同一数前后一致',
    title: '年初结转和结余前后不一致：此处为 60.64万元',
    where: '第 85 段',
    stated: '60.64万元',
    computed: '第 32 段为 4.04万元，第 32 段为 0.00万元',
  },
  {
    kind: '同一数前后一致',
    title: '年末结转和结余前后不一致：此处为 4.04万元',
    where: '第 85 段',
    stated: '4.04万元',
    computed: '第 35 段为 0万元',
  },
  // 部门整体 = 一般公共预算 + 其他资金: 718.79 + 153.20 = 871.99 ≠ 877.32; 45.07 + 5.33 = 50.40 ≠ 96.15; a part 77.14 > its whole 66.73.
  {
    kind: '资金来源',
    title: '部门整体本年支出中项目支出与一般公共预算、其他资金两部分之和不符',
    where: '第 29 段',
    stated: '877.32 万元',
    computed: '718.79 + 153.20 = 871.99 万元',
  },
  {
    kind: '资金来源',
    title: '部门整体本年支出中日常公用经费与一般公共预算、其他资金两部分之和不符',
    where: '第 29 段',
    stated: '96.15 万元',
    computed: '45.07 + 5.33 = 50.40 万元',
  },
  {
    kind: '资金来源',
    title: '一般公共预算本年支出中对个人和家庭的补助大于部门整体',
    where: '第 42 段',
    stated: '77.14 万元',
    computed: '66.73 万元',
  },
  // 调整后 = 年初 + 追加: 700.99 + 654.62 = 1355.61 ≠ 1193.05; 项目 406 + 471.32 = 877.32 ≠ 714.76 (基本 294.99 + 183.30 = 478.29 holds).
  {
    kind: '勾稽关系',
    title: '调整后预算与年初预算、年中追加之和不符',
    where: '第 40 段',
    stated: '1193.05 万元',
    computed: '700.99 + 654.62 = 1355.61 万元',
  },
  {
    kind: '勾稽关系',
    title: '调整后预算与年初预算、年中追加之和不符（项目支出）',
    where: '第 40 段',
    stated: '714.76 万元',
    computed: '406.00 + 471.32 = 877.32 万元',
  },
  // 湖南口径 (61.55 + 661.64 + 118.55 − 4.04) ÷ (61.55 + 661.64 + 118.55) = 837.70 ÷ 841.74 = 99.52%, not 99.59%.
  {
    kind: '指标比率',
    title: '预算完成率与所列分子、分母不符',
    where: '第 83 段',
    stated: '99.59%',
    computed: '99.52%（湖南口径）',
  },
  // (4.04 − 60.64) ÷ 60.64 = −93.34%: stated without its minus sign.
  {
    kind: '指标比率',
    title: '结转结余变动率与所列分子、分母不符',
    where: '第 85 段',
    stated: '93.33%',
    computed: '−93.34%',
  },
  {
    kind: '指标比率',
    title: '预算调整率所列为 2020 年的数，不是 2021 年',
    where: '第 84 段',
    stated: '2020 年：596.03万元、142.77元',
    computed: '应为 2021 年的数',
  },
  {
    kind: '金额单位',
    title: '66.73 漏写单位',
    where: '第 30 段',
    stated: '66.73',
    computed: '应写作 66.73万元',
  },
  {
    kind: '金额单位',
    title: '商品和服务支出写作“486.73元”，应为万元',
    where: '第 42 段',
    stated: '486.73元',
    computed: '按元计只有 0.048673 万元',
  },
  {
    kind: '金额单位',
    title: '写作“142.77元”，应为万元',
    where: '第 84 段',
    stated: '142.77元',
    computed: '应为 142.77万元',
  },
  {
    kind: '标题序号',
    title: '标题序号“四、”重复',
    where: '第 53 段',
    stated: '四、部门整体履职情况',
    computed: '此处应为“五、”',
  },
];

function fails(claims: Claim[]): Claim[] {
  return claims.filter((c) => c.verdict === '不成立');
}

describe('the seed report (衡阳市科协 2021, verbatim)', () => {
  const check = checkReport(textBlocks(seedText));

  test('every 不成立 is one of the inconsistencies worked out by hand, and each of those is found', () => {
    const found = fails(check.claims);
    const unmatched = [...found];
    for (const want of SEED_FAILS) {
      const i = unmatched.findIndex(
        (c) => c.kind === want.kind && c.title.includes(want.title) && c.where.includes(want.where)
      );
      expect({ want: want.title, where: want.where, found: i >= 0 }).toEqual({
        want: want.title,
        where: want.where,
        found: true,
      });
      const c = unmatched.splice(i, 1)[0];
      expect(c.stated).toContain(want.stated);
      expect(c.computed).toContain(want.computed);
    }
    expect(unmatched.map((c) => `${c.kind} ${c.title} ${c.where}`)).toEqual([]);
  });

  test('claims by kind, and nothing it cannot settle is called 不成立', () => {
    expect(check.summary).toMatchObject({ fails: SEED_FAILS.length });
    expect(check.summary.claims).toBe(check.summary.holds + check.summary.fails + check.summary.unverifiable);
    // What it read and found true (hand-checked): 1351.58 = 1193.05 + 158.53, 91.30% = 21 ÷ 23, 107.93% = 45.07 ÷ 41.76,
    // 22.42% = 5.83 ÷ 26.00, −17.89% = (5.83 − 7.10) ÷ 7.10, 97 = 9 + 30 + 29 + 29 and 97 分 → 优.
    const holds = check.claims.filter((c) => c.verdict === '成立');
    for (const [title, computed] of [
      ['部门整体本年收入 = 一般公共预算本年收入 + 其他收入', '1193.05 + 158.53 = 1351.58'],
      ['在职人员控制率', '91.30%'],
      ['公用经费控制率', '107.93%'],
      ['“三公”经费控制率', '22.42%'],
      ['增减率', '−17.89%'],
      ['总分 = 投入 + 过程 + 产出 + 效果', '9 + 30 + 29 + 29 = 97'],
      ['对应等级“优”', '→ 优'],
    ])
      expect(
        holds.find((c) => c.title.includes(title) && (c.computed ?? '').includes(computed))?.verdict
      ).toBe('成立');
    // 编制 23 = 19 (市科协) + 4 (青少年科技活动中心): the headcount that includes the sub-unit holds.
    expect(
      holds.some((c) => c.title.startsWith('编制数') && (c.computed ?? '').includes('19名 + 4名 = 23'))
    ).toBe(true);
  });

  test('each failing claim carries a finding in the workbook findings contract, located by its sentence', () => {
    for (const c of fails(check.claims)) {
      expect(c.finding).toMatchObject({ severity: '错误', title: c.title, rule: `claim.${c.kindId}` });
      expect(c.finding!.operands.every((o) => o.address)).toBe(true);
      expect(c.text.length).toBeGreaterThan(0);
    }
  });
});

describe('a consistent report', () => {
  const check = checkReport(textBlocks(consistentText));

  test('gives no 不成立 and reads claims of every kind', () => {
    expect(fails(check.claims).map((c) => `${c.title}（${c.where}）${c.computed}`)).toEqual([]);
    expect(check.summary.claims).toBeGreaterThan(100);
    for (const kind of [
      '合计',
      '表格',
      '同一数前后一致',
      '资金来源',
      '勾稽关系',
      '指标比率',
      '占比',
      '增减变动',
      '差额与结余',
      '得分与等级',
      '列举计数',
      '金额单位',
      '标题序号',
    ])
      expect(check.summary.byKind[kind]).toBeGreaterThan(0);
  });

  test('one figure changed anywhere is caught where it was changed', () => {
    // 在职 31 → 32 breaks the headcount (27 + 4 = 31) and the rate (32 ÷ 35 = 91.43%, not 88.57%).
    const changed = checkReport(textBlocks(consistentText.replace('实际在职31人', '实际在职32人')));
    const titles = fails(changed.claims).map((c) => c.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        expect.stringContaining('在职人数前后不一致'),
        expect.stringContaining('在职人员控制率与所列分子、分母不符'),
      ])
    );
    expect(fails(changed.claims).every((c) => c.where.includes('第 42 段'))).toBe(true);
  });
});

describe('reports this project drafts from consistent workbooks (prose written elsewhere)', () => {
  test.each([1, 2, 3])('generated department %i: no 不成立', async (seed) => {
    const result = evaluate(templateReading(syntheticDepartment(seed)));
    const bytes = await reportToDocx(result.report, result.scores);
    const check = checkReport(docxBlocks(docxPartsFromBytes(new Uint8Array(bytes)).document));
    expect(check.summary.claims).toBeGreaterThan(100);
    expect(fails(check.claims).map((c) => `${c.title}（${c.where}）${c.computed}`)).toEqual([]);
  });
});

describe('--json', () => {
  test('the shape the issue fixes', () => {
    const json = reportJson(checkReport(textBlocks(seedText)));
    expect(Object.keys(json)).toEqual(['claims', 'summary']);
    expect(Object.keys(json.summary)).toEqual(['claims', 'holds', 'fails', 'unverifiable']);
    for (const c of json.claims) {
      expect(Object.keys(c)).toEqual(['text', 'where', 'kind', 'verdict', 'stated', 'computed', 'figures']);
      expect(['成立', '不成立', '无法核实']).toContain(c.verdict);
    }
    expect(json.summary.claims).toBe(json.claims.length);
  });
});

describe('against the workbook', () => {
  const values = JSON.parse(fs.readFileSync(SAMPLE_JSON, 'utf8')) as Record<string, never>;

  test('a figure the workbook states otherwise names the sentence and the cell', () => {
    const check = checkReport(textBlocks(seedText));
    const model = buildModel(templateReading({ ...values, 支出_基本支出: 480.29 as never }));
    const claims = crossCheckWorkbook(check, model);
    const miss = claims.filter(
      (c) => c.verdict === '不成立' && c.text.includes('基本支出478.29万元、项目支出877.32万元')
    );
    expect(miss).toHaveLength(1);
    expect(miss[0].where).toContain('第 29 段');
    expect(miss[0].computed).toContain('收支总表!');
    expect(miss[0].computed).toContain('480.29');
    expect(miss[0].finding?.operands.map((o) => o.address)).toEqual([
      expect.stringContaining('第 29 段'),
      expect.stringMatching(/^收支总表!B\d+$/),
    ]);
  });

  test('the workbook filled from the same report agrees with it where both state a figure', () => {
    const check = checkReport(textBlocks(seedText));
    const claims = crossCheckWorkbook(check, buildModel(templateReading(values)));
    expect(claims.length).toBeGreaterThan(30);
    // The workbook holds one value per cell; where the report states a quantity two ways, one of its statements differs.
    const agree = claims.filter((c) => c.verdict === '成立').map((c) => c.stated);
    expect(agree).toEqual(expect.arrayContaining(['1351.58 万元', '91.30%', '23', '45.07 万元']));
    for (const c of claims.filter((x) => x.verdict === '不成立'))
      expect(c.finding?.operands.some((o) => /^[^!]+![A-Z]+\d+$/.test(o.address ?? ''))).toBe(true);
  });
});
