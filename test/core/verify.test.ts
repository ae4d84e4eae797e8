/**
 * The verification rule (src/core/verify.ts, src/core/doubt.ts): a scored line is 核实 only when none of its inputs
 * is party to an unexplained finding that questions its value (an 错误, or a 口径 提示 without a written reason),
 * unless its points are the same either way; a qualitative line only with the unit's evidence behind it and not
 * at full marks against the unit's own 存在问题. On the sample department and variations of it, hand-checked.
 */
import { evaluate } from '../../src/core/engine';
import { questionedInputs, questionsValue } from '../../src/core/doubt';
import { draftLines } from '../../src/core/narrative';
import type { Finding, ScoreLine } from '../../src/core/results';
import { rulebookFromModel } from '../../src/core/rulebook';
import { explainGroup, scoreAll } from '../../src/core/scoring';
import { sampleReading, sampleValues } from '../helpers/sample';

const run = (overrides = {}) => evaluate(sampleReading(overrides));
const sample = run();
const line = (e: ReturnType<typeof run>, name: string, level2?: string): ScoreLine =>
  e.scores!.lines.find((l) => l.level3 === name && (!level2 || l.level2 === level2))!;
const f2 = (x: { toFixed(n: number): string }) => x.toFixed(2);

/** The sample's 出错说明 rows, with these added. */
const explained = (...rows: Array<[string, string, string]>) => ({ 出错说明表: rows });

/** The sample's 自评得分表 with a 说明 on a row (by its 指标 name). */
function withRemark(name: string, remark: string) {
  const rows = sampleValues()['自评得分表'] as Array<[string, number, string | null]>;
  return { 自评得分表: rows.map((r) => (r[0] === name ? [r[0], r[1], remark] : r)) };
}

/** The sample's 存在问题 without the sentence that admits 资金串用. */
const problemsWithoutMisuse = () => ({
  存在问题: (sampleValues()['存在问题'] as string).replace(
    /，预算执行过程中存在不同科目预算资金串用问题/,
    ''
  ),
});

describe('which findings question a figure', () => {
  const base: Finding = {
    id: 'same.x',
    rule: 'same.x',
    family: '口径',
    title: 't',
    severity: '提示',
    kind: 'mismatch',
    operands: [
      { name: 'a', label: 'a', value: null },
      { name: 'b', label: 'b', value: null },
    ],
    nextStep: '',
  };

  test('a 口径 提示 questions both its figures until the unit writes why; a 预算 提示, a blank or a rate finding do not', () => {
    expect(questionsValue(base)).toBe(true);
    expect(questionsValue({ ...base, explanation: '基础数据表按全部资金口径填列' })).toBe(false);
    expect(questionsValue({ ...base, family: '预算' })).toBe(false);
    expect(questionsValue({ ...base, kind: 'cannotVerify' })).toBe(false);
    expect([...questionedInputs([base]).keys()]).toEqual(['a', 'b']);
    // …at any depth of the tree, and an 错误 keeps its own (first) claim on a figure it shares.
    const error: Finding = { ...base, id: 'sum.y', family: '合计', severity: '错误', consequences: [base] };
    expect(questionedInputs([error]).get('a')!.id).toBe('sum.y');
    // A 提示 of another family, and a stated rate found wrong (an 错误 about a result), question nothing.
    expect(questionedInputs([{ ...base, family: '单位' }]).size).toBe(0);
    expect(questionedInputs([{ ...base, family: '比率', severity: '错误' }]).size).toBe(0);
  });
});

describe('the sample: one verified score, and why each other scored line is 待核实', () => {
  test('the raw sheet scores 79.64 with 8 pending; verified, 27.72 of it moves to 待核实: 51.92 with 37 pending', () => {
    const raw = scoreAll(rulebookFromModel(sample.model).rulebook!, sample.indicators, sample.model);
    expect([f2(raw.total), f2(raw.pendingPoints!)]).toEqual(['79.64', '8.00']);
    // 79.64 − 预算完成率 1.92 − 预算调整率 0.80 − 结转结余变动率 2.00 − 预算管理 13 (3 + 4 + 3 + 3) − 服务对象满意度
    // 10 (its survey result blank) = 51.92; 8 + 2 + 2 + 2 + 13 + 10 = 37 pending; 51.92 is 差, 51.92 + 37 = 88.92
    // at most is 良.
    const s = sample.scores!;
    expect([f2(s.total), f2(s.pendingPoints!), s.grade, s.gradeAtMost]).toEqual([
      '51.92',
      '37.00',
      '差',
      '良',
    ]);
    expect(sample.summary).toMatchObject({ total: '51.92', pendingPoints: '37.00', grade: '差～良' });
    const moved = s.lines.filter((l) => l.unverified).map((l) => [l.level3, l.unverified!.reason]);
    expect(moved).toEqual([
      ['预算完成率', '数据口径不一未说明'],
      ['预算调整率', '所用数据有误'],
      ['结转结余变动率', '所用数据有误'],
      ['管理制度健全性', '缺评价依据'],
      ['资金使用合规性', '与单位所述问题不符'],
      ['预决算信息公开性', '缺评价依据'],
      ['基础信息完善性', '缺评价依据'],
      ['服务对象满意度', '缺评价依据'],
    ]);
    // Each keeps the score the figures or the unit give it, out of every total.
    expect(f2(line(sample, '预算完成率').unverified!.score)).toBe('1.92');
    expect(f2(line(sample, '资金使用合规性').unverified!.score)).toBe('4.00');
    const process = s.groups.find((g) => g.level === 1 && g.name === '过程')!;
    // 过程: 公用经费控制率 0.41 + “三公”经费控制率 2 verified; 30 − 2.41 − 1.59 lost = 26 pending.
    expect([f2(process.score), f2(process.pending!)]).toEqual(['2.41', '26.00']);
  });

  test('预算完成率: its 上年结转 is wrong but scores the same either way; its 年初预算 and 追加 differ from the 财拨 grid with no reason', () => {
    const l = line(sample, '预算完成率');
    expect(l.sameEitherWay).toEqual(['基础_预算完成_上年结转']);
    expect(l.unverified!.inputs!.map((o) => [o.name, o.finding])).toEqual([
      ['基础_预算完成_年初预算', 'same.预算完成年初预算'],
      ['基础_预算完成_本年追加', 'same.预算完成本年追加'],
    ]);
    expect(l.deduction).toMatch(
      /^待核实（数据口径不一未说明）：基础数据表中计算预算完成率的年初预算与财政拨款表年初批复预算不一致；/
    );
    expect(l.deduction).toMatch(/未在“出错说明”表写明原因；按所列数据计 1\.92 分$/);
    // 在职人员控制率 reads a staff count in dispute (20 or 21 against 23 posts): full marks either way, verified.
    expect(line(sample, '在职人员控制率').unverified).toBeUndefined();
    // 公用经费控制率 reads 45.07 over a budget of 41.76, a 预算 提示: a fact about spending, verified at 0.41.
    expect(f2(line(sample, '公用经费控制率').score)).toBe('0.41');
    expect(line(sample, '公用经费控制率').missing).toBeFalsy();
  });

  test('written reasons for both 口径 differences make 预算完成率 核实 at 1.92; one reason alone does not', () => {
    const both = run(
      explained(
        ['same.预算完成年初预算', '', '基础数据表年初预算按部门全部资金口径填列'],
        ['same.预算完成本年追加', '', '基础数据表追加数按部门全部资金口径填列']
      )
    );
    expect(line(both, '预算完成率').missing).toBeFalsy();
    expect(f2(line(both, '预算完成率').score)).toBe('1.92');
    // 51.92 + 1.92 = 53.84; 37 − 2 = 35 pending.
    expect([f2(both.scores!.total), f2(both.scores!.pendingPoints!)]).toEqual(['53.84', '35.00']);
    const one = run(explained(['same.预算完成年初预算', '', '基础数据表年初预算按部门全部资金口径填列']));
    expect(line(one, '预算完成率').unverified!.inputs!.map((o) => o.name)).toEqual([
      '基础_预算完成_本年追加',
    ]);
  });

  test('the self-score checks compare the claims with the verified split, and no 无法计分 finding repeats a questioned line', () => {
    // 预算执行 claims 11: 公用经费控制率 0.41 + “三公”经费控制率 2 verified, 1 + 2 + 2 + 2 pending: at most 9.41.
    const claim = sample.findings.find((f) => f.id === 'score.二级.预算执行')!;
    expect(claim.title).toBe('“预算执行”自评 11.00 分，按评分规则最多 9.41 分');
    expect(sample.findings.filter((f) => f.rule === 'score.pending')).toHaveLength(5);
    // Issue 21 added 商品和服务支出 above its bound (top level) and 人员经费 by fund source (folded): 23 and 10.
    expect(sample.summary.counts).toBe('错误 23 项、提示 3 项；待补 5 项（另有连带问题 10 项）');
  });
});

test('the 评分表 says why a group’s claim cannot be verified yet, each line with its reason', () => {
  const group = sample.scores!.groups.find((g) => g.name === '预算管理')!;
  expect(explainGroup(sample.scores!, group)).toBe(
    '自评 13.00 分；核实得分 0.00 分，另有待核实 13.00 分：自评在可得范围内，待核实各项依据补齐后才能核实（管理制度健全性 待核实（缺评价依据，3.00 分）；资金使用合规性 待核实（与单位所述问题不符，4.00 分）；预决算信息公开性 待核实（缺评价依据，3.00 分）；基础信息完善性 待核实（缺评价依据，3.00 分））'
  );
});

describe('qualitative lines: the unit’s evidence, and its own words against full marks', () => {
  test('a 说明 on 预算管理 stands behind its lines; 资金使用合规性 stays 待核实 while the unit admits 资金串用', () => {
    const e = run(withRemark('预算管理', '已建立预算、财务管理制度并执行，预决算按时公开'));
    for (const name of ['管理制度健全性', '预决算信息公开性', '基础信息完善性'])
      expect(line(e, name, '预算管理').missing).toBeFalsy();
    const misuse = line(e, '资金使用合规性');
    expect(misuse.unverified!.reason).toBe('与单位所述问题不符');
    expect(misuse.unverified!.quote).toBe('预算执行过程中存在不同科目预算资金串用问题');
    // 51.92 + 3 + 3 + 3 = 60.92.
    expect(f2(e.scores!.total)).toBe('60.92');
  });

  test('with evidence and no admission all four are 核实: 51.92 + 13 = 64.92', () => {
    const e = run({
      ...withRemark('预算管理', '已建立预算、财务管理制度并执行'),
      ...problemsWithoutMisuse(),
    });
    expect(e.scores!.lines.filter((l) => l.level2 === '预算管理' && l.missing)).toEqual([]);
    expect([f2(e.scores!.total), f2(e.scores!.pendingPoints!)]).toEqual(['64.92', '24.00']);
  });

  test('an admission does not contradict a score the unit already cut; 履职情况 items are evidence for 效果 lines', () => {
    const rows = sampleValues()['自评得分表'] as Array<[string, number, string | null]>;
    const e = run({
      自评得分表: [...rows, ['预算管理/资金使用合规性', 3, '存在不同科目资金串用，扣1分']],
    });
    expect(line(e, '资金使用合规性').missing).toBeFalsy();
    expect(f2(line(e, '资金使用合规性').score)).toBe('3.00');
    // 经济效益 has no 说明, but the 履职情况 item on “科创中国” speaks of 企业 and 创新: verified at 2.
    expect(line(sample, '经济效益').missing).toBeFalsy();
    expect(f2(line(sample, '经济效益').score)).toBe('2.00');
  });
});

describe('a line whose declared measure is blank: 缺评价依据, whatever else the unit wrote', () => {
  const satisfaction = (e: ReturnType<typeof run>) => line(e, '服务对象满意度');

  test('the survey result blank: 待核实, saying which result is missing; “未出现投诉” does not stand in for it', () => {
    const e = run({ 基础_服务对象满意度: null, ...withRemark('服务对象满意度', '全年未出现上访、投诉') });
    const l = satisfaction(e);
    expect(l.missing).toBe(true);
    expect(l.unverified).toMatchObject({ reason: '缺评价依据', detail: '服务对象满意度调查结果未填列' });
    expect(l.deduction).toMatch(/^待核实（缺评价依据）：服务对象满意度调查结果未填列；/);
    expect(f2(l.unverified!.score)).toBe('10.00');
  });

  test('the survey result filled: not 待核实 for it; its 10 points count as verified', () => {
    const blank = run({ 基础_服务对象满意度: null });
    const filled = run({ 基础_服务对象满意度: 0.875 });
    expect(satisfaction(filled).unverified).toBeUndefined();
    expect(satisfaction(filled).missing).toBeFalsy();
    // The same workbook otherwise: 10 points more verified, 10 fewer pending.
    expect(filled.scores!.total.minus(blank.scores!.total).toFixed(2)).toBe('10.00');
    expect(blank.scores!.pendingPoints!.minus(filled.scores!.pendingPoints!).toFixed(2)).toBe('10.00');
  });
});

describe('the report keeps the department’s own scores', () => {
  test('预算管理 13 of 13 as the department states it, 预算完成率’s 1.92 as the rules’, without 核实 or 待核实', () => {
    const lines = draftLines(sample.report);
    // The claim is stated; while the line its own 存在问题 speaks against is open, the group waits with it.
    expect(lines).toContainEqual(
      expect.stringContaining('预算管理（满分13分，得分【待核对：自评13分，含待核对的资金使用合规性4分】）')
    );
    expect(lines).toContainEqual(expect.stringContaining('②资金使用合规性：'));
    // Full marks its own 存在问题 speaks against: the department is asked, in a 【待核对】, which of its words stands.
    expect(lines.find((l) => l.startsWith('②资金使用合规性：'))).toContain(
      '本项得分【待核对：自评满分，而存在问题述及“预算执行过程中存在不同科目预算资金串用问题”】。'
    );
    // 预算执行 is claimed in full (11 of 11): the line in full by it; the 1.92 the figures give is not the
    // department's, and waits on them (its 年末结余 4.04 is a copy of the 结转结余 4.04 a failed identity doubts).
    expect(lines.find((l) => l.startsWith('①预算完成率：'))).toContain(
      '本项得分【待核对：自评满分，按所列数据计1.92分】。'
    );
    expect(lines.some((l) => /核实得分|待核实/.test(l))).toBe(false);
  });
});
