import { TEMPLATE_ADDRESS } from '../../src/catalogue/layout';
import type { InputValues } from '../../src/core/fill';
import { D } from '../../src/core/decimal';
import { computeIndicatorById, computeIndicators } from '../../src/core/indicators';
import { defaultRulebook, DEFAULT_BANDS, rulebookFromModel } from '../../src/core/rulebook';
import { claimDiagnostics, explainGroup, gradeOf, scoreAll, scoreWith } from '../../src/core/scoring';
import { scoreSheet } from '../../src/core/sheets/scoreSheet';
import type { ScoreSheet } from '../../src/core/results';
import { sampleModel, sampleValues } from '../helpers/sample';
import { DEFAULT_RULE_ROWS } from '../../src/catalogue/rulebook';
import { OFFICE_COST_ITEMS } from '../../src/catalogue/inputs';

function scoresOf(overrides: InputValues = {}): ScoreSheet {
  const m = sampleModel(overrides);
  const rb = rulebookFromModel(m).rulebook!;
  return scoreAll(rb, computeIndicators(m, rb.variants), m);
}
const line = (s: ScoreSheet, l2: string, l3: string) =>
  s.lines.find((l) => l.level2 === l2 && l.level3 === l3)!;
const group = (s: ScoreSheet, name: string) => s.groups.find((g) => g.name === name)!;
const f2 = (x: { toFixed(n: number): string }) => x.toFixed(2);

describe('grade', () => {
  test('band edges: 90 优, 89.99 良, 80 良, 79.99 中, 60 中, 59.99 差; configurable', () => {
    const g = (x: string) => gradeOf(new D(x), DEFAULT_BANDS);
    expect([g('100'), g('90'), g('89.99'), g('80'), g('79.99'), g('60'), g('59.99'), g('0')]).toEqual([
      '优',
      '优',
      '良',
      '良',
      '中',
      '中',
      '差',
      '差',
    ]);
    expect(gradeOf(new D(86), { 优: new D(85), 良: new D(75), 中: new D(60) })).toBe('优');
  });
});

describe('公用经费 items over budget (the default rule: 分项超支扣分=0.1)', () => {
  test('两项超支 deduct 0.1 each on top of the rate: 2 − 7.926 × 0.2 − 0.2 = 0.2147 → 0.21, with each item, amount and share in 扣分原因', () => {
    const s = scoresOf({
      公用_办公费_本年预算: 10,
      公用_办公费_本年决算: 12,
      公用_差旅费_本年预算: 5,
      公用_差旅费_本年决算: 5.5,
      公用_会议费_本年预算: 3,
      公用_会议费_本年决算: 3,
    });
    const l = line(s, '预算执行', '公用经费控制率');
    expect(f2(l.score)).toBe('0.21');
    expect(l.deduction).toBe(
      '指标值 107.93%，超过标准 100% 7.93 个百分点，扣 1.59 分；公用经费明细项目决算超过预算 2 项：办公费超出 2.00 万元（20.00%）、差旅费超出 0.50 万元（10.00%），每项扣 0.10 分，共扣 0.20 分'
    );
    expect(l.standard).toBe(
      '以 100% 为标准，≤100% 计 2 分；每超过 1 个百分点扣 0.2 分；公用经费明细项目决算超过预算的，每项另扣 0.1 分，扣完为止'
    );
  });

  test('an item with a blank 预算 is not judged (unknown is not wrong); without the parameter nothing is deducted', () => {
    expect(f2(line(scoresOf({ 公用_办公费_本年决算: 12 }), '预算执行', '公用经费控制率').score)).toBe('0.41');
    const rows = DEFAULT_RULE_ROWS.map((r) =>
      r[4] === '公用经费控制率' ? [...r.slice(0, 8), '标准=100；方向=超过；每档扣分=0.2', null] : [...r]
    );
    expect(
      f2(
        line(
          scoresOf({ 评分规则表: rows, 公用_办公费_本年预算: 10, 公用_办公费_本年决算: 12 }),
          '预算执行',
          '公用经费控制率'
        ).score
      )
    ).toBe('0.41');
  });

  test('the deduction floors at 0 and says 扣完为止', () => {
    const over = Object.fromEntries(
      OFFICE_COST_ITEMS.flatMap(([k]) => [
        [`公用_${k}_本年预算`, 1],
        [`公用_${k}_本年决算`, 2],
      ])
    );
    const l = line(scoresOf(over), '预算执行', '公用经费控制率');
    expect(f2(l.score)).toBe('0.00');
    expect(l.deduction).toMatch(/决算超过预算 17 项：.*共扣 1\.70 分，扣完为止$/);
  });

  test('the parameter on a line without items is an error naming the cell', () => {
    const rows = DEFAULT_RULE_ROWS.map((r) =>
      r[4] === '在职人员控制率'
        ? [...r.slice(0, 8), '标准=100；方向=超过；每档扣分=0.5；分项超支扣分=0.1', null]
        : [...r]
    );
    const r = rulebookFromModel(sampleModel({ 评分规则表: rows }));
    expect(r.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('参数“分项超支扣分”只适用于有明细项目的指标（公用经费控制率）'),
    ]);
  });
});

describe('the sample department under the default rulebook', () => {
  const s = scoresOf();

  test('computed 三级 scores (hand-computed from the indicator values)', () => {
    const got = (l2: string, l3: string) => f2(line(s, l2, l3).score);
    expect(got('预算配置', '在职人员控制率')).toBe('1.50'); // 91.30% ≤ 100%
    expect(got('预算配置', '“三公”经费变动率')).toBe('1.50'); // 0 ≤ 0
    expect(got('预算执行', '预算完成率')).toBe('1.92'); // 2 − 0.48/5 × 0.8 = 1.9232
    expect(got('预算执行', '预算调整率')).toBe('0.80'); // 23.95% in 20–30%
    expect(got('预算执行', '结转结余变动率')).toBe('2.00'); // −93.34% ≤ 0
    expect(got('预算执行', '公用经费控制率')).toBe('0.41'); // 2 − 7.926 × 0.2 = 0.4147
    expect(got('预算执行', '“三公”经费控制率')).toBe('2.00'); // 22.42% ≤ 100%
    expect(got('职责履行', '实际完成率')).toBe('5.63'); // 7.5 × 75% = 5.625
    expect(got('职责履行', '质量达标率')).toBe('3.75'); // 7.5 × 50%
    expect(got('职责履行', '重点工作办结率')).toBe('7.50');
  });

  test('scoreWith: a line’s points with other figures, by its own rule; none when the rule does not give its score', () => {
    const m = sampleModel();
    const rb = rulebookFromModel(m).rulebook!;
    const l = line(s, '预算执行', '预算调整率');
    const rate = (x: typeof m) => computeIndicatorById(x, '预算调整率', rb.variants);
    const at = (年初: number, 调整: number) =>
      new Map([
        ['基础_预算调整_年初预算', D(年初)],
        ['基础_预算调整_调整数', D(调整)],
      ]);
    // 492.06 ÷ 700.99 = 70.20% > 30%: 0; 50 ÷ 1000 = 5% in 0–10%: 1.6.
    expect(scoreWith(rb, m, l, at(700.99, 492.06), rate)?.toFixed(2)).toBe('0.00');
    expect(scoreWith(rb, m, l, at(1000, 50), rate)?.toFixed(2)).toBe('1.60');
    // A sheet scored by another rule (its 0.80 not what this rule gives) is not rescored by this one.
    expect(scoreWith(rb, m, { ...l, score: D(2) }, at(1000, 50), rate)).toBeNull();
  });

  test('an indicator that cannot be computed is 待核实 (not 0), names its blank inputs and carries the 二级 full-marks claim', () => {
    const l = line(s, '预算执行', '政府采购执行率');
    expect(l.missing).toBe(true);
    expect(l.indicatorValue).toBeNull();
    expect(l.deduction).toBe(
      `待核实：政府采购执行率无法计算——实际政府采购金额（${TEMPLATE_ADDRESS.get('基础_政府采购实际')}）未填写；政府采购预算数（${TEMPLATE_ADDRESS.get('基础_政府采购预算')}）未填写，无法计算`
    );
    expect(l.missingInputs!.map((o) => o.name)).toEqual(['基础_政府采购实际', '基础_政府采购预算']);
    // 预算执行 is claimed 11 of 11: every line of it, this one included, is claimed at full marks.
    expect(l.claimed!.toString()).toBe('1');
    expect(l.claimBasis).toBe('二级指标“预算执行”自评满分 11.00 分');
    expect(l.claimDiffers).toBeUndefined();
  });

  test('a 二级 made only of 定性 lines is scored by its own claimed score, shared by points', () => {
    expect(f2(line(s, '目标设定', '绩效目标合理性').score)).toBe('2.50');
    expect(f2(line(s, '目标设定', '绩效指标明确性').score)).toBe('2.50');
    expect(line(s, '目标设定', '绩效指标明确性').deduction).toBe(
      '按二级指标“目标设定”整体自评得分 5.00 分（满分 6.00 分）按分值比例分摊；①绩效目标有待更加详细；②绩效指标有待更加明确'
    );
    expect(f2(group(s, '预算管理').score)).toBe('13.00');
    expect(f2(group(s, '社会效益').score)).toBe('13.00');
  });

  test('a 定性 line with no score (in a mixed 二级) is 待核实 and says where to enter it', () => {
    const l = line(s, '预算配置', '预算编制合理性');
    expect(l.missing).toBe(true);
    expect(l.deduction).toBe(
      '待核实：定性指标，未在“自评打分”表填写得分（指标名称填“预算编制合理性”或“预算配置/预算编制合理性”）'
    );
    expect(l.claimed!.toString()).toBe('1');
  });

  test('资产管理, 预算编制合理性 and 政府采购执行率 are 待核实: 8 points pending, none counted as 0', () => {
    const pending = s.lines.filter((l) => l.missing).map((l) => `${l.level2}/${l.level3}`);
    expect(pending).toEqual([
      '预算配置/预算编制合理性',
      '预算执行/政府采购执行率',
      '资产管理/管理制度健全性',
      '资产管理/资产管理安全性',
      '资产管理/固定资产利用率',
    ]);
    expect(f2(s.pendingPoints!)).toBe('8.00');
    expect(f2(group(s, '资产管理').pending!)).toBe('6.00');
    expect(f2(group(s, '过程').pending!)).toBe('7.00');
  });

  test('subtotals, total and grade; claims from the 自评得分表 beside them', () => {
    const sub = (n: string) => `${f2(group(s, n).score)}/${group(s, n).claimed?.toString() ?? '-'}`;
    expect(sub('投入')).toBe('8.00/9');
    expect(sub('预算配置')).toBe('3.00/4');
    expect(sub('过程')).toBe('20.13/30');
    expect(sub('预算执行')).toBe('7.13/11');
    expect(sub('资产管理')).toBe('0.00/6'); // 0 verified, 6 pending
    expect(sub('产出')).toBe('22.51/29');
    expect(sub('职责履行')).toBe('22.51/-');
    expect(sub('效果')).toBe('29.00/29');
    expect(f2(s.total)).toBe('79.64');
    expect(s.grade).toBe('中');
    expect(s.gradeAtMost).toBe('良'); // 79.64 + 8 = 87.64
    expect(s.claimedTotal!.toString()).toBe('97');
    expect(explainGroup(s, group(s, '预算配置'))).toBe(
      '自评 4.00 分；核实得分 3.00 分，另有待核实 1.00 分：自评在可得范围内，补齐数据后才能核实（预算编制合理性 待核实（1.00 分））'
    );
    expect(explainGroup(s, group(s, '预算执行'))).toBe(
      '自评 11.00 分；核实得分 7.13 分，另有待核实 1.00 分，最多可得 8.13 分，自评多 2.87 分：预算完成率 计 1.92/2.00 分（扣 0.08 分）；预算调整率 计 0.80/2.00 分（扣 1.20 分）；公用经费控制率 计 0.41/2.00 分（扣 1.59 分）；政府采购执行率 待核实（1.00 分）'
    );
    expect(explainGroup(s, group(s, '效果'))).toBeUndefined();
  });
});

describe('claims naming a 三级', () => {
  const claimRows = (rows: Array<[string, number, string | null]>) => ({
    自评得分表: [...(sampleValues()['自评得分表'] as never[]), ...rows],
  });

  test('定性 三级 scores, qualified by 二级 when the name repeats; a bare repeated name is reported', () => {
    const overrides = claimRows([
      ['资产管理/管理制度健全性', 2, null],
      ['资产管理安全性', 1.5, '部分资产未及时入账'],
      ['管理制度健全性', 3, null],
    ]);
    const s = scoresOf(overrides);
    expect(f2(line(s, '资产管理', '管理制度健全性').score)).toBe('2.00');
    expect(line(s, '资产管理', '资产管理安全性').deduction).toBe('部分资产未及时入账');
    expect(f2(group(s, '资产管理').score)).toBe('3.50');
    const m = sampleModel(overrides);
    const msgs = claimDiagnostics(rulebookFromModel(m).rulebook!, m).map((d) => d.message);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(
      /指标名称“管理制度健全性”在评分规则中出现多次，请写作 “预算管理\/管理制度健全性” 或 “资产管理\/管理制度健全性”/
    );
  });

  test('a claim over the points is capped; a computed line claimed higher says why it differs', () => {
    const s = scoresOf(
      claimRows([
        ['预算编制合理性', 3, null],
        ['公用经费控制率', 2, null],
      ])
    );
    expect(line(s, '预算配置', '预算编制合理性').score.toString()).toBe('1');
    expect(line(s, '预算配置', '预算编制合理性').claimDiffers).toBe(
      '自评 3.00 分，按规则计 1.00 分：自评 3.00 分超过满分 1.00 分，按满分计'
    );
    expect(line(s, '预算执行', '公用经费控制率').claimDiffers).toBe(
      '自评 2.00 分，按规则计 0.41 分：指标值 107.93%，超过标准 100% 7.93 个百分点，扣 1.59 分'
    );
  });

  test('an unknown name is reported and not used', () => {
    const m = sampleModel(claimRows([['宣传工作', 2, null]]));
    expect(claimDiagnostics(defaultRulebook().rulebook!, m).map((d) => d.message)).toEqual([
      expect.stringMatching(
        /评分规则中没有名为“宣传工作”的指标（一级、二级、三级或“总分”），此行自评得分未使用$/
      ),
    ]);
  });
});

describe('评分表', () => {
  const s = scoresOf();
  const sheet = scoreSheet(s);
  const values = sheet.rows.map((r) => r.map((c) => c?.value));

  test('official columns plus 自评得分 / 差异说明 when claims exist', () => {
    expect(sheet.name).toBe('评分表');
    expect(values[2]).toEqual([
      '一级指标',
      '分值',
      '二级指标',
      '分值',
      '三级指标',
      '分值',
      '评分标准',
      '指标值',
      '核实得分',
      '待核实分值',
      '扣分原因',
      '自评得分',
      '差异说明',
    ]);
    expect(values[3].slice(0, 6)).toEqual(['投入', 10, '目标设定', 6, '绩效目标合理性', 3]);
  });

  test('subtotals, total and grade rows', () => {
    const row = (label: string) => values.find((r) => r.includes(label))!;
    expect(row('预算执行小计')[8]).toBe(7.13);
    expect(row('预算执行小计')[9]).toBe(1);
    expect(row('预算执行小计')[11]).toBe(11);
    expect(row('过程合计')[8]).toBe(20.13);
    expect(row('过程合计')[9]).toBe(7);
    expect(row('总分').slice(0, 2)).toEqual(['总分', 100]);
    expect(row('总分')[8]).toBe(79.64);
    expect(row('总分')[9]).toBe(8);
    expect(row('总分')[11]).toBe(97);
    expect(row('综合绩效级别')[8]).toBe('中～良（待核实 8 分）');
    // A 待核实 line shows no 0: 待核实, its points pending, and the claim as 自报、未核实 (or 待补).
    const gov = values.find((r) => r[4] === '政府采购执行率')!;
    expect([gov[8], gov[9], gov[11], gov[12]]).toEqual([
      '待核实',
      1,
      1,
      '自报、未核实（按二级指标“预算执行”自评满分 11.00 分推得）',
    ]);
    const rate = sheet.rows.find((r) => r[4]?.value === '在职人员控制率')![7];
    expect(rate).toEqual({ value: 91.3, style: 'rate', numFmt: '0.00"%"' });
  });

  test('a chart of score against points per 一级 reads the summary block', () => {
    const c = sheet.chart!;
    const [, r1] = /^A(\d+):A\d+$/.exec(c.categories)!;
    const first = Number(r1) - 1;
    expect(values.slice(first, first + 4).map((r) => r.slice(0, 4))).toEqual([
      ['投入', 10, 8, 9],
      ['过程', 30, 20.13, 30],
      ['产出', 30, 22.51, 29],
      ['效果', 30, 29, 29],
    ]);
    expect(c.series.map((x) => x.name)).toEqual(['分值', '得分', '自评得分']);
    expect(c.series[1].range).toBe(`C${first + 1}:C${first + 4}`);
  });

  test('without claims the sheet has the 10 official columns and 待核实分值', () => {
    const plain = scoreSheet(scoresOf({ 自评得分表: [] }));
    expect(plain.rows[2]).toHaveLength(11);
    expect(plain.chart!.series).toHaveLength(2);
  });

  test('数据不完整: the total and grade rows say so instead of a figure', () => {
    const v = scoreSheet(s, false).rows.map((r) => r.map((c) => c?.value));
    const row = (label: string) => v.find((r) => r.includes(label))!;
    expect(row('总分')[8]).toBe('数据不完整');
    expect(row('综合绩效级别')[8]).toBe('数据不完整');
  });
});
