/**
 * The verification rule (src/core/verify.ts, src/core/doubt.ts): a scored line is 核实 only when none of its inputs
 * is party to an unexplained finding that questions its value (an 错误, or a 口径 提示 without a written reason),
 * unless its points are the same either way; a qualitative line only with the unit's evidence behind it and not
 * at full marks against the unit's own 存在问题. On the sample department and variations of it, hand-checked.
 */
import { evaluate } from '../../src/core/engine';
import { questionedInputs, questionsValue } from '../../src/core/doubt';
import { allFindings } from '../../src/core/findingTree';
import { draftLines, draftRemarks } from '../../src/core/narrative';
import { draftReview } from '../../src/core/review';
import type { Finding, ScoreLine } from '../../src/core/results';
import { rulebookFromModel } from '../../src/core/rulebook';
import { ceilingOf, explainGroup, scoreAll } from '../../src/core/scoring';
import { ownScores } from '../../src/core/voice';
import { D, ZERO } from '../../src/core/decimal';
import { sampleReading, sampleValues } from '../helpers/sample';

const run = (overrides = {}) => evaluate(sampleReading(overrides));
const sample = run();
const line = (e: ReturnType<typeof run>, name: string, level2?: string): ScoreLine =>
  e.scores!.lines.find((l) => l.level3 === name && (!level2 || l.level2 === level2))!;
const f2 = (x: { toFixed(n: number): string }) => x.toFixed(2);
const e2 = (e: ReturnType<typeof run>, id: string) => allFindings(e.findings).find((f) => f.id === id)?.title;

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
  test('the raw sheet scores 79.64 with 8 pending; verified, 26.13 of it moves to 待核实: 53.51 with 37 pending', () => {
    const raw = scoreAll(rulebookFromModel(sample.model).rulebook!, sample.indicators, sample.model);
    expect([f2(raw.total), f2(raw.pendingPoints!)]).toEqual(['79.64', '8.00']);
    // 79.64 − 预算完成率 1.92 − 预算调整率 0.80 − 公用经费控制率 0.41 − 预算管理 13 (3 + 4 + 3 + 3) − 服务对象满意度 10
    // (its survey result blank) = 53.51; 8 + 2 + 2 + 2 + 13 + 10 = 37 pending (预算编制合理性's 1 was pending already);
    // 53.51 is 差; at most 88.92 (公用经费控制率 at most 0.41 whichever reading of its 决算数 is right, not 2) is 良.
    // 结转结余变动率 scores 2 whichever of its figures is right
    // (−93.34% as listed, −100% with this year's end 0.00, 0% or −100% with last year's 4.04): verified.
    const s = sample.scores!;
    expect([f2(s.total), f2(s.pendingPoints!), s.grade, s.gradeAtMost]).toEqual([
      '53.51',
      '37.00',
      '差',
      '良',
    ]);
    expect(sample.summary).toMatchObject({ total: '53.51', pendingPoints: '37.00', grade: '差～良' });
    const moved = s.lines.filter((l) => l.unverified).map((l) => [l.level3, l.unverified!.reason]);
    expect(moved).toEqual([
      ['预算编制合理性', '与单位所述问题不符'],
      ['预算完成率', '所用数据有误'],
      ['预算调整率', '所用数据有误'],
      ['公用经费控制率', '所用数据有误'],
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
    // 过程: “三公”经费控制率 2 and 结转结余变动率 2 verified; the other 26 pending.
    expect([f2(process.score), f2(process.pending!)]).toEqual(['4.00', '26.00']);
    expect(line(sample, '结转结余变动率').sameEitherWay).toEqual([
      '基础_结转结余_本年',
      '基础_结转结余_上年',
    ]);
    // The report states its score as the department's full marks, with no 【待核对】 on it, and 2.00 in 附件1.
    const report = draftLines(sample.report);
    expect(report.find((x) => x.startsWith('③结转结余变动率：'))).toContain(
      '按所列数据计为负93.34%，按2021年数据计为负100.00%】。本项得满分。'
    );
    expect(report).toContainEqual(expect.stringMatching(/^过程｜预算执行｜结转结余变动率｜2｜2\.00｜/));
  });

  test('预算完成率 reads figures the memo calls wrong: 上年结转 (corrected to 4.04) and 年末结余, a copy of the disputed 2020 year-end 4.04; its 年初预算 and 追加 differ from the 财拨 grid with no reason', () => {
    const l = line(sample, '预算完成率');
    // 年末结余 0.00 (this year's end) instead of 4.04 gives 100% and 2 points, not 1.92: no figure scores the same
    // either way once it is in doubt too.
    expect(l.sameEitherWay).toBeUndefined();
    expect(l.unverified!.inputs!.map((o) => [o.name, o.finding])).toEqual([
      ['基础_预算完成_上年结转', 'same.预算完成上年结转'],
      ['基础_预算完成_年初预算', 'same.预算完成年初预算'],
      ['基础_预算完成_本年追加', 'same.预算完成本年追加'],
      ['基础_预算完成_年末结余', 'same.基础年末结转结余'],
    ]);
    expect(l.deduction).toMatch(
      /^待核实（所用数据有误）：基础数据表中计算预算完成率的上年结转与收支总表年初结转和结余不一致；/
    );
    expect(l.deduction).toMatch(/改正后重新计分；按所列数据计 1\.92 分$/);
    // 在职人员控制率 reads a staff count in dispute (20 or 21 against 23 posts): full marks either way, verified.
    expect(line(sample, '在职人员控制率').unverified).toBeUndefined();
  });

  test('公用经费控制率 reads 公用经费决算数 45.07, which restates 财政拨款表 日常公用经费 45.07 that 96.15 ≠ 45.07 + 5.33 disputes: 待核实, not 0.41 verified', () => {
    const l = line(sample, '公用经费控制率');
    expect(l.missing).toBe(true);
    expect(l.unverified!.reason).toBe('所用数据有误');
    expect(l.unverified!.inputs!.map((o) => [o.name, o.finding])).toEqual([
      ['基础_公用经费决算', 'sum.资金来源.公用经费'],
    ]);
    expect(f2(l.unverified!.score)).toBe('0.41');
    // The copy is written on the finding, with the figure it restates and the identity that says so.
    const f = sample.findings.find((x) => x.id === 'sum.资金来源.公用经费')!;
    expect(f.copies).toEqual([{ name: '基础_公用经费决算', of: '财拨_公用经费', by: 'same.公用经费决算' }]);
    // Invalid: where 收支总表 states 50.40 = 45.07 + 5.33, nothing disputes 45.07 and its copy is no figure in doubt:
    // verified at 0.41 again (45.07 over a budget of 41.76 is a 预算 提示, a fact about spending).
    const apart = run({ 支出_公用经费: 50.4 });
    expect(line(apart, '公用经费控制率').missing).toBeFalsy();
    expect(f2(line(apart, '公用经费控制率').score)).toBe('0.41');
  });

  test('written reasons for both 口径 differences leave 预算完成率 with its wrong figures only; once those score the same either way, 核实', () => {
    const reasons = explained(
      ['same.预算完成年初预算', '', '基础数据表年初预算按部门全部资金口径填列'],
      ['same.预算完成本年追加', '', '基础数据表追加数按部门全部资金口径填列']
    );
    const both = run(reasons);
    expect(line(both, '预算完成率').unverified!.inputs!.map((o) => o.name)).toEqual([
      '基础_预算完成_上年结转',
      '基础_预算完成_年末结余',
    ]);
    // This year's end 0.00 in both cells: (61.55 + 661.64 + 118.55 − 0) ÷ 841.74 = 100%, and with 上年结转 4.04
    // also 100%: 2 points either way, verified. 53.51 + 2 = 55.51; 37 − 2 = 35 pending.
    const ended = run({ ...reasons, 基础_预算完成_年末结余: 0, 基础_结转结余_本年: 0 });
    expect(line(ended, '预算完成率').missing).toBeFalsy();
    expect(f2(line(ended, '预算完成率').score)).toBe('2.00');
    expect([f2(ended.scores!.total), f2(ended.scores!.pendingPoints!)]).toEqual(['55.51', '35.00']);
    const one = run(explained(['same.预算完成年初预算', '', '基础数据表年初预算按部门全部资金口径填列']));
    expect(line(one, '预算完成率').unverified!.inputs!.map((o) => o.name)).toContain(
      '基础_预算完成_本年追加'
    );
  });

  test('the self-score checks compare the claims with the verified split, and no 无法计分 finding repeats a questioned line', () => {
    // 预算执行 claims 11: “三公”经费控制率 2 and 结转结余变动率 2 verified, 1 + 2 + 2 pending at full marks and 公用经费控制率
    // at most 0.41 whichever reading of its 决算数 is right: at most 9.41, so the claim is over (过程 30 against 28.41 with
    // it). 总分 97 against at most 88.92.
    expect(e2(sample, 'score.二级.预算执行')).toBe('“预算执行”自评 11.00 分，按评分规则最多 9.41 分');
    expect(e2(sample, 'score.一级.过程')).toBe('“过程”自评 30.00 分，按评分规则最多 28.41 分');
    const total = allFindings(sample.findings).find((f) => f.id === 'score.总分')!;
    expect(total.title).toBe('“总分”自评 97.00 分，按评分规则最多 88.92 分');
    // 预算编制合理性 is 待核实 for the unit's own words now, not as a score not entered.
    expect(sample.findings.filter((f) => f.rule === 'score.pending')).toHaveLength(4);
    expect(sample.summary.counts).toBe('错误 23 项、提示 3 项；待补 4 项（另有连带问题 10 项）');
  });
});

describe('a line verified when every value the findings give for its figures scores the same', () => {
  // Made-up figures for 结转结余变动率: its 本年 fails 财政拨款表 + 其他资金表 年末结转和结余 (0.00 + 0.00), so that
  // identity gives 0 for it (not 本年 ± the gap); its 上年 fails 收支总表 年初结转和结余 4.04, which corrects it to 4.04.
  const figures = (thisYear: number, lastYear: number) =>
    run({ 基础_结转结余_本年: thisYear, 基础_预算完成_年末结余: thisYear, 基础_结转结余_上年: lastYear });

  test('valid: 3 against 50 is −94%; 0 against 50 −100%, 3 against 4.04 −25.74%, 0 against 4.04 −100%: 2 every way, verified', () => {
    const e = figures(3, 50);
    const l = line(e, '结转结余变动率');
    expect(l.missing).toBeFalsy();
    expect(f2(l.score)).toBe('2.00');
    expect(l.sameEitherWay).toEqual(['基础_结转结余_本年', '基础_结转结余_上年']);
  });

  test('invalid: 5 against 50 is −90% (2 points) but against the corrected 4.04 +23.76% (0 points): 待核实', () => {
    const l = line(figures(5, 50), '结转结余变动率');
    expect(l.sameEitherWay).toBeUndefined();
    expect(l.missing).toBe(true);
    expect(l.unverified!.reason).toBe('所用数据有误');
    expect(f2(l.unverified!.score)).toBe('2.00');
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
    // 53.51 + 3 + 3 + 3 = 62.51.
    expect(f2(e.scores!.total)).toBe('62.51');
  });

  test('with evidence and no admission all four are 核实: 53.51 + 13 = 66.51', () => {
    const e = run({
      ...withRemark('预算管理', '已建立预算、财务管理制度并执行'),
      ...problemsWithoutMisuse(),
    });
    expect(e.scores!.lines.filter((l) => l.level2 === '预算管理' && l.missing)).toEqual([]);
    expect([f2(e.scores!.total), f2(e.scores!.pendingPoints!)]).toEqual(['66.51', '24.00']);
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
  test('预算管理 13 of 13 as the department states it, 预算完成率’s 1.92 as the listed figures’, without 核实 or 待核实', () => {
    const lines = draftLines(sample.report);
    // The claim is stated; while the line its own 存在问题 speaks against is open, the group waits with it.
    expect(lines).toContainEqual(
      expect.stringContaining(
        '预算管理（满分13分，得分【待补：资金使用合规性评定后的预算管理得分（自评13分）】）'
      )
    );
    expect(lines).toContainEqual(expect.stringContaining('②资金使用合规性：'));
    // Full marks its own 存在问题 speaks against: no two figures disagree, so not a 【待核对】; the department scores
    // the line, or says why the problem costs nothing, in a 【待补】.
    expect(lines.find((l) => l.startsWith('②资金使用合规性：'))).toContain(
      '本项得分【待补：本项得分；自评满分的，说明“预算执行过程中存在不同科目预算资金串用问题”不扣分的理由】。'
    );
    // 预算执行 is claimed in full (11 of 11); the 1.92 the figures give is not the department's, and they are
    // 2020's: the score waits for the department's own, beside what 2021's figures give (100.00%: 2 points).
    expect(lines.find((l) => l.startsWith('①预算完成率：'))).toContain(
      '本项得分【待补：本项自评得分；按2021年数据预算完成率为100.00%，计2分】。'
    );
    expect(lines.some((l) => /核实得分|待核实/.test(l))).toBe(false);
  });
});

/** The 审核意见 drafted for an evaluation, as lines of text. */
const memoOf = (e: ReturnType<typeof run>) =>
  draftLines(
    draftReview({ model: e.model, indicators: e.indicators, scores: e.scores, findings: e.findings })
  );

describe('two figures: the report’s own lines from the listed figures, and the 审核意见’s ceiling', () => {
  test('the sample: the report says 87.64 (良) against its claim 97; the memo, not that (its figures are called wrong), at most 86.92 or 88.92 (53.51 + 37, 公用经费控制率 at most 0.41)', () => {
    const s = sample.scores!;
    expect(f2(ceilingOf(s.lines))).toBe('88.92');
    // As the report's paragraphs score the lines from the figures they list: 预算执行 11 − 0.08 (预算完成率 1.92)
    // − 1.2 (预算调整率 0.8) − 1.59 (公用经费控制率 0.41) = 8.13 (政府采购执行率, without data, at the unit's full
    // claim for 预算执行); 过程 8.13 + 13 + 6 = 27.13; 产出 22.51; 投入 9 and 效果 29 as claimed (their open lines can
    // reach the claims): 9 + 27.13 + 22.51 + 29 = 87.64, 良 (80 ≤ 87.64 < 90). No line lacks both data and a score.
    const own = ownScores(s, sample.model);
    expect(f2(own.linesDisagree!.sum)).toBe('87.64');
    expect(own.linesDisagree).toMatchObject({ atMost: false, grade: '良' });
    const budget = own.groups.find((g) => g.name === '预算执行')!;
    expect(f2(budget.linesDisagree!.sum)).toBe('8.13');
    expect(f2(own.groups.find((g) => g.name === '过程')!.linesDisagree!.sum)).toBe('27.13');
    const report = draftLines(sample.report).join('');
    // One total, one grade in the text (each a 【待补】); the claim and the lines' sum go to the preparer.
    expect(report).toContain('自评得分为【待补：按附件1核对后的总分】');
    expect(report).toContain('综合绩效级别为【待补：按总分确定的级别】');
    expect(draftRemarks(sample.report).join('')).toContain(
      '自评总分97分（“优”），按所列数据计87.64分（“良”）'
    );
    expect(report).not.toContain('至多');
    expect(report).not.toContain('88.92');
    // 88.92 < 90 (优 by the declared bands): the grade it cannot reach; 四 says how the 37 pending add up to it. With
    // 2021's figures 预算调整率 scores 0 while its 落实国家政策等调整 line is blank: 88.92 − 2 = 86.92, and 88.92 if filled.
    const memo = memoOf(sample).join('');
    expect(memo).toContain(
      '得分：自评97分（优），核实后至多86.92分（良），不能评为“优”。已核实53.51分；待核实37分，至多33.41分。如列报落实国家政策等调整，至多88.92分。'
    );
    // 三 lists the pending lines; the ceiling they allow is page 1's, not repeated.
    expect(memo).not.toMatch(/待核实的\d+分中/);
    // The readings the engine tried for 公用经费决算数: 45.07 as stated (107.93%, 0.41) and 96.15 − 5.33 = 90.82 (the
    // other side of 部门 = 财拨 + 其他资金: 217.48%, 0).
    expect(
      line(sample, '公用经费控制率').readings!.map((r) => [f2(r.figures[0].value), f2(r.score)])
    ).toEqual([
      ['45.07', '0.41'],
      ['90.82', '0.00'],
    ]);
    expect(memo).toContain(
      '。公用经费控制率所用公用经费决算数按45.07万元计为107.93%，扣1.59分，计0.41分；按90.82万元（收支总表96.15 − 其他资金表5.33）计为217.48%，计0分，至多0.41分'
    );
  });

  test('other figures, other readings: 收支总表 日常公用经费 60.00 gives 60.00 − 5.33 = 54.67 (130.91%, 0 points)', () => {
    const e = run({ 支出_公用经费: 60 });
    // The value no figure states is given with where it comes from, once; the stated one (45.07) is as listed.
    expect(memoOf(e).join('')).toContain(
      '所用公用经费决算数按45.07万元计为107.93%，扣1.59分，计0.41分；按54.67万元（收支总表60.00 − 其他资金表5.33）计为130.91%，计0分，至多0.41分'
    );
    // 其他资金 日常公用经费 7.00: 60.00 − 7.00 = 53.00, its own derivation.
    expect(memoOf(run({ 支出_公用经费: 60, 其他_公用经费: 7 })).join('')).toContain(
      '按53.00万元（收支总表60.00 − 其他资金表7.00）计为126.92%，计0分'
    );
  });

  test('made-up 产出 tasks: the ceiling’s grade is stated; a grade the higher ceiling reaches is given beside it; none out of reach, no 不能评为', () => {
    const tasks = sampleValues()['产出任务表'] as unknown[][];
    const withThird = (done: string, onTime: string, quality: string) => ({
      产出任务表: tasks.map((r, i) => (i === 2 ? [r[0], r[1], done, onTime, quality, '否', '完成'] : r)),
    });
    const scoreLine = (o: object) => memoOf(run(o)).find((l) => l.startsWith('得分：'));
    // The third task done but late and below standard: 产出 gains 1.87, 53.51 + 1.87 = 55.38 verified; 88.79 with
    // 落实国家政策等调整 read as 0 (良), 90.79 filled (优): each its grade, and 优 is not out of reach.
    expect(scoreLine(withThird('是', '否', '否'))).toBe(
      '得分：自评97分（优），核实后至多88.79分（良）。已核实55.38分；待核实37分，至多33.41分。如列报落实国家政策等调整，至多90.79分（优）。'
    );
    // Every task done on time to standard: 产出 30, 61 verified; 94.41 and 96.41 both 优: the grade once.
    const allDone = { 产出任务表: tasks.map((r) => [r[0], r[1], '是', '是', '是', '是', '完成']) };
    expect(scoreLine(allDone)).toBe(
      '得分：自评97分（优），核实后至多94.41分（优）。已核实61分；待核实37分，至多33.41分。如列报落实国家政策等调整，至多96.41分。'
    );
    // Invalid: 落实国家政策等调整 filled (0.00), no blank to read as 0: one ceiling, no 列报.
    expect(scoreLine({ ...allDone, 基础_预算调整_剔除数: 0 })).toBe(
      '得分：自评97分（优），核实后至多96.41分（优）。已核实61分；待核实37分，至多35.41分。'
    );
  });

  test('invalid: 预算调整率’s 落实国家政策等调整 filled (0.00), or no 2021 figure to read its block with, the ceiling is stated once', () => {
    // Filled, no blank is read as 0: 2021's figures (可对照, not the unit's) do not lower the ceiling; 88.92 as before.
    const filled = memoOf(run({ 基础_预算调整_剔除数: 0 })).join('');
    expect(filled).toMatch(
      /核实后至多88\.92分（良），不能评为“优”。已核实[\d.]+分；待核实[\d.]+分，至多[\d.]+分。/
    );
    expect(filled).not.toContain('如列报落实国家政策等调整');
    expect(filled).not.toContain('列报落实国家政策等调整的除外');
    // A 财拨 年中追加 no correction mends (500.00 for 项目): no 2021 figure for 年中预算调整数, no rate, no bound.
    const none = memoOf(run({ 财拨_年中追加_项目: 500 })).join('');
    expect(none).not.toContain('如列报落实国家政策等调整');
    expect(none).not.toMatch(/预算调整率按2021年数据计/);
  });

  test('a blank under the corrected 本年支出合计 is restated with it; filled (资本性支出 0: 834.89 against 836.79 fails on its own), it is not', () => {
    // 财拨's classes 834.89 fall 1197.09 − 834.89 = 362.20 short of the corrected 本年支出合计; 部门商品和服务支出 955.78
    // exceeds 财拨 486.73 + 其他资金 158.53 by 310.52 ≤ 362.20: both are about 财拨's classes, stated once, in (五)2.
    const restated =
      '财政拨款表按经济分类的各项支出之和834.89万元（资本性支出未填列），比改正后的本年支出合计1197.09万元（见第二部分（二））少362.20万元；如少列的362.20万元属商品和服务支出，财政拨款表该项应为848.93万元，本项即不再超出。应先对照部门决算原表核对补填财政拨款表按经济分类的各项支出。';
    const memo = memoOf(sample);
    expect(memo.filter((l) => l.includes('834.89'))).toEqual([
      expect.stringMatching(/^2\.部门商品和服务支出超过财政拨款商品和服务支出与其他资金本年支出之和：/),
    ]);
    expect(memo.join('')).toContain(restated);
    expect(memoOf(run({ 财拨_资本性支出: 0 })).join('')).not.toContain('资本性支出未填列');
  });

  test('made-up: 财拨 商品和服务支出 480.00 (classes 828.16, 368.93 short) covers its 317.25 excess: stated with its own figures', () => {
    const memo = memoOf(run({ 财拨_商品和服务支出: 480 })).join('');
    expect(memo).toContain(
      '财政拨款表按经济分类的各项支出之和828.16万元（资本性支出未填列），比改正后的本年支出合计1197.09万元（见第二部分（二））少368.93万元；如少列的368.93万元属商品和服务支出，财政拨款表该项应为848.93万元，本项即不再超出。'
    );
    expect(memo).not.toContain('应与改正后的本年支出合计');
  });

  test('invalid: an excess the shortfall cannot cover (收支总表 商品和服务支出 1015.78, 工资福利支出 273.11: 370.52 > 362.20) stays apart, each in its own entry', () => {
    const memo = memoOf(run({ 支出_工资福利支出: 273.11, 支出_商品和服务支出: 1015.78 }));
    expect(memo.join('')).not.toContain('如少列的');
    // The restated sum back with the 2020 figures it is read with; the excess with its own advice.
    expect(memo.join('')).toContain(
      '按经济分类的各项支出之和834.89万元（资本性支出未填列），应与改正后的本年支出合计1197.09万元相符，应一并核对补填。'
    );
    expect(memo.find((l) => l.startsWith('2.部门商品和服务支出超过'))).toContain(
      '超出370.52万元。部门商品和服务支出减去财政拨款商品和服务支出是其他资金的商品和服务支出'
    );
  });

  test('其他资金’s share of 人员经费 not 0 (日常公用经费 3.33: 158.53 − 153.20 − 3.33 = 2.00): spelled out, not named as 0', () => {
    const memo = memoOf(run({ 其他_公用经费: 3.33 })).join('');
    expect(memo).toContain(
      '财政拨款表人员经费348.16 + 其他资金表本年支出158.53 − 其他资金表项目支出153.20 − 其他资金表日常公用经费3.33 = 350.16万元'
    );
    expect(memo).not.toContain('其他资金人员经费为0');
  });

  test('with 公用经费控制率 verified (收支总表 50.40), the memo’s ceiling for 预算执行 is 9.41; the report’s figure is its lines as listed', () => {
    // 0.41 + “三公” 2 + 结转结余变动率 2 verified; 预算完成率 2 + 预算调整率 2 + 政府采购执行率 1 pending at full marks:
    // 9.41, the memo's. The report counts its lines as its paragraphs score them: 1.92 + 0.8 + 2 + 0.41 + 2 + 1 = 8.13.
    const e = run({ 支出_公用经费: 50.4 });
    const own = ownScores(e.scores!, e.model);
    const budget = own.groups.find((g) => g.name === '预算执行')!;
    expect(budget.linesDisagree).toEqual({
      sum: expect.anything(),
      atMost: false,
      ceiling: expect.anything(),
    });
    expect(f2(budget.linesDisagree!.sum)).toBe('8.13');
    // The preparer's remark gives the memo's limit too: 预算调整率 and 预算完成率 wait, 公用经费控制率 0.41 is verified.
    expect(f2(budget.linesDisagree!.ceiling!)).toBe('9.41');
    expect(e.findings.find((f) => f.id === 'score.二级.预算执行')!.title).toBe(
      '“预算执行”自评 11.00 分，按评分规则最多 9.41 分'
    );
    // The memo's ceiling: 53.92 + 35 = 88.92; the report's figure the same 87.64 as the sample's.
    expect(f2(own.linesDisagree!.sum)).toBe('87.64');
    expect(draftRemarks(e.report).join('')).toContain('按所列数据计87.64分');
    // Not in the memo: it rests on figures the memo calls wrong, and reads above the ceiling.
    expect(memoOf(e).join('')).not.toContain('87.64');
    // Nothing capped: the 35 pending at full marks give 53.92 + 35 = 88.92, still below 优's 90; 预算调整率 at 2021's
    // figures scores 0 while its 落实国家政策等调整 line is blank: 88.92 − 2 = 86.92 (53.92 + 33), 88.92 if filled.
    expect(memoOf(e).join('')).toContain(
      '得分：自评97分（优），核实后至多86.92分（良），不能评为“优”。已核实53.92分；待核实35分，至多33分。如列报落实国家政策等调整，至多88.92分。'
    );
    // 三 lists the pending lines; the ceiling they allow is page 1's, not repeated.
    expect(memoOf(e).join('')).not.toMatch(/待核实的\d+分中/);
  });
});

describe('a line the unit scored only through its 二级 is still 待核实 for its own words against full marks', () => {
  test('预算编制合理性 (full marks by 预算配置’s full claim) while 存在问题 says 人员经费年初预算资金存在缺口: both documents name the words', () => {
    const l = line(sample, '预算编制合理性');
    expect(l.unverified).toMatchObject({
      reason: '与单位所述问题不符',
      quote: '人员经费年初预算资金存在缺口',
    });
    expect(f2(l.unverified!.score)).toBe('1.00');
    expect(l.deduction).toBe(
      '待核实（与单位所述问题不符）：单位自评满分，但其“存在的主要问题”称“人员经费年初预算资金存在缺口”'
    );
    expect(memoOf(sample).join('')).toContain(
      '预算编制合理性｜1｜自评满分，但单位自述“人员经费年初预算资金存在缺口”'
    );
    expect(draftLines(sample.report).find((x) => x.startsWith('③预算编制合理性：'))).toContain(
      '本项得分【待补：本项得分；自评满分的，说明“人员经费年初预算资金存在缺口”不扣分的理由】。'
    );
  });

  test('invalid: without that sentence it is 待核实 only as a score not entered (score.pending), quoting nothing', () => {
    const e = run({
      存在问题: (sampleValues()['存在问题'] as string).replace('人员经费年初预算资金存在缺口，', ''),
    });
    const l = line(e, '预算编制合理性');
    expect(l.missing).toBe(true);
    expect(l.unverified).toBeUndefined();
    expect(e.findings.some((f) => f.id === 'score.pending.预算配置.预算编制合理性')).toBe(true);
  });
});

describe('a 二级 the unit scored as a whole is verified as a whole', () => {
  test('目标设定 5 of 6: its lines’ 2.5 + 2.5 is the tool’s split, verified as the group’s 5; the report asks for each line’s score', () => {
    const [a, b] = ['绩效目标合理性', '绩效指标明确性'].map((n) => line(sample, n));
    expect([a.groupShare, b.groupShare]).toEqual([true, true]);
    expect([f2(a.score), f2(b.score), a.missing, b.missing]).toEqual(['2.50', '2.50', undefined, undefined]);
    expect(f2(sample.scores!.groups.find((g) => g.name === '目标设定')!.score)).toBe('5.00');
    const memo = memoOf(sample).join('');
    expect(memo).toContain('目标设定（6分，单位未逐项打分）自评5分，核实5分');
    expect(memo).not.toContain('绩效目标合理性（3分）核实2.5分');
    const report = draftLines(sample.report);
    expect(report).toContainEqual(expect.stringContaining('目标设定（满分6分，得分5分）'));
    // Each line's 【待补】 says what the two must make together: the unit's 5 for 目标设定 (八: 目标设定扣1分).
    expect(report.find((x) => x.startsWith('①绩效目标合理性：'))).toContain(
      '本项得分【待补：绩效目标合理性的自评得分（0～3分，两项合计5分）】。'
    );
    // 附件1's 得分 cell asks the same; its 评分说明 is the unit's own words, without asking again.
    expect(report.join('')).toContain('【待补：自评得分（两项合计5分）】');
    expect(report.join('')).not.toContain('本项自评得分（两项合计5分）');
    // 八 states what the 二级 lost, once, not the split.
    expect(report).toContainEqual(expect.stringContaining('目标设定扣1分'));
  });

  test('a line of such a 二级 without evidence takes the other with it: the group is 待核实 as a whole', () => {
    // 目标设定's own 说明 gone; one line has a 说明 of its own (no score), the other none.
    const rows = sampleValues()['自评得分表'] as Array<[string, number | null, string | null]>;
    const e = run({
      自评得分表: [
        ...rows.map((r) => (r[0] === '目标设定' ? [r[0], r[1], null] : r)),
        ['目标设定/绩效目标合理性', null, '已按部门职责设定年度绩效目标'],
      ],
    });
    const [a, b] = ['绩效目标合理性', '绩效指标明确性'].map((n) => line(e, n));
    expect([a.missing, b.missing]).toEqual([true, true]);
    expect([a.unverified!.reason, b.unverified!.reason]).toEqual(['缺评价依据', '缺评价依据']);
    // Each keeps its share as the unit's 5 split by points: 2.5 + 2.5; the group's 6 points all pending.
    expect([f2(a.unverified!.score), f2(b.unverified!.score)]).toEqual(['2.50', '2.50']);
    const group = e.scores!.groups.find((g) => g.name === '目标设定')!;
    expect([f2(group.score), f2(group.pending!)]).toEqual(['0.00', '6.00']);
  });

  test('invalid: a 二级 claimed in full, or one with a single line, is no split: 社会效益 13 of 14 is the line’s own', () => {
    expect(line(sample, '社会效益').groupShare).toBeUndefined();
    expect(draftLines(sample.report).find((x) => x.startsWith('①社会效益：'))).toContain(
      '本项得13分，扣1分，原因见“存在的主要问题”。'
    );
    const rows = sampleValues()['自评得分表'] as Array<[string, number, string | null]>;
    const full = run({ 自评得分表: rows.map((r) => (r[0] === '目标设定' ? [r[0], 6, r[2]] : r)) });
    expect(line(full, '绩效目标合理性').groupShare).toBeUndefined();
    expect(f2(line(full, '绩效目标合理性').score)).toBe('3.00');
  });
});

describe('a 待核实 line counts at the most any reading of its questioned figures gives it', () => {
  test('the sample: 公用经费控制率 reads 45.07 (财政拨款表 日常公用经费) or 90.82 (96.15 − 5.33), both above 预算 41.76: at most 0.41, so 预算执行 11 is too high whichever is right', () => {
    const l = line(sample, '公用经费控制率');
    expect(l.missing).toBe(true);
    expect(f2(l.unverified!.score)).toBe('0.41');
    expect(f2(l.most!)).toBe('0.41');
    // 预算执行: verified 4 + 预算完成率 2 + 预算调整率 2 + 政府采购执行率 1 (no figures: full marks) + 0.41 = 9.41.
    expect(e2(sample, 'score.二级.预算执行')).toBe('“预算执行”自评 11.00 分，按评分规则最多 9.41 分');
    const memo = memoOf(sample).join('');
    expect(memo).toContain('2项自评得分偏高');
    expect(memo).toContain(
      '“预算执行”自评11分：7分待核实（见第三部分）。预算调整率按2021年数据计0分。公用经费控制率所用公用经费决算数按45.07万元计为107.93%，扣1.59分，计0.41分；按90.82万元（收支总表96.15 − 其他资金表5.33）计为217.48%，计0分，至多0.41分。按所列数据公用经费决算超过预算3.31万元（7.93%），核对改正后仍有差异的，应书面说明原因。合计至多7.41分；如列报落实国家政策等调整，至多9.41分。应改为不超过7.41分（或9.41分）'
    );
    // The 超支 is stated once, with the line it lowers, as the figures are listed (the 决算数 itself in doubt): no 三.
    expect(memo.match(/公用经费决算超过预算/g)).toHaveLength(1);
    expect(memo).not.toContain('需要说明的事项');
  });

  test('made-up 公用经费 (收支总表 60.00, 财拨 日常公用经费 and 基础数据表 决算数 50.00, 预算 41.76): the overspend is stated once, in the entry that reads its 决算数', () => {
    const memo = memoOf(run({ 支出_公用经费: 60, 财拨_公用经费: 50, 基础_公用经费决算: 50 })).join('');
    expect(memo.match(/公用经费决算超过预算/g)).toHaveLength(1);
    // 50.00 − 41.76 = 8.24 over, 19.73% of 41.76.
    expect(memo).toContain(
      '按所列数据公用经费决算超过预算8.24万元（19.73%），核对改正后仍有差异的，应书面说明原因。'
    );
    expect(memo).not.toContain('需要说明的事项');
  });

  test('invalid: where one reading brings the line to full marks (部门 日常公用经费 made up as 40: 财拨 40 − 5.33 within 预算), it counts at full marks and 预算执行 is within reach', () => {
    const e = run({ 支出_公用经费: 40 });
    const l = line(e, '公用经费控制率');
    expect(l.missing).toBe(true);
    expect(f2(l.most!)).toBe('2.00');
    expect(e.findings.some((f) => f.id === 'score.二级.预算执行')).toBe(false);
    expect(memoOf(e).join('')).not.toContain('无论按哪种可能计');
  });

  test('a 待核实 line’s own claim above the most any reading gives it is an 错误; within it, none', () => {
    const rows = sampleValues()['自评得分表'] as Array<[string, number, string | null]>;
    const claiming = (score: number) =>
      run({ 自评得分表: [...rows.slice(0, 3), ['公用经费控制率', score, null], ...rows.slice(3)] });
    expect(e2(claiming(2), 'score.三级.公用经费控制率')).toBe(
      '“公用经费控制率”自评 2.00 分，按评分规则最多 0.41 分'
    );
    expect(e2(claiming(0.41), 'score.三级.公用经费控制率')).toBeUndefined();
  });

  test('ceilingOf: a pending line at its most where known, else at full marks; a verified line at its score', () => {
    const base = { level1: '过程', level2: '预算执行', standard: '', deduction: '' };
    const lines = [
      { ...base, level3: '甲', points: D(2), score: D(1.5) },
      { ...base, level3: '乙', points: D(2), score: ZERO, missing: true, most: D(0.3) },
      { ...base, level3: '丙', points: D(3), score: ZERO, missing: true },
    ] as ScoreLine[];
    expect(f2(ceilingOf(lines))).toBe('4.80');
  });
});

describe('the 审核意见 states a ceiling the way page 1 does: its parts add up, and a blank read as 0 both ways', () => {
  test('made-up 产出 tasks (third done, late, below standard): the verified points and what the pending can give add up to each ceiling', () => {
    const tasks = sampleValues()['产出任务表'] as unknown[][];
    const e = run({
      产出任务表: tasks.map((r, i) => (i === 2 ? [r[0], r[1], '是', '否', '否', '否', '完成'] : r)),
    });
    const score = memoOf(e).find((l) => l.startsWith('得分：'))!;
    // 55.38 verified; 88.79 − 55.38 = 33.41 with 落实国家政策等调整 read as 0; 90.79 filled (the 2 of 预算调整率 back).
    const [, low, verified, pending, gives, high] =
      /至多([\d.]+)分.*已核实([\d.]+)分；待核实(\d+)分，至多([\d.]+)分。如列报[^，]+，至多([\d.]+)分/.exec(
        score
      )!;
    expect([low, verified, pending, gives, high]).toEqual(['88.79', '55.38', '37', '33.41', '90.79']);
    expect(D(verified).plus(D(gives)).toFixed(2)).toBe(low);
    expect(D(low).plus(2).toFixed(2)).toBe(high);
  });

  test('预算执行’s ceiling both ways where 预算调整率 at this year’s figures scores 0 with a blank line; once, where the line is filled', () => {
    // Blank: 7.41 (预算调整率 0 at 2021's figures) or 9.41 (filled), in 二（一）1 and on page 1 alike; 11 − 7.41 = 3.59.
    const blank = memoOf(sample);
    expect(blank.join('')).toContain(
      '合计至多7.41分；如列报落实国家政策等调整，至多9.41分。应改为不超过7.41分（或9.41分），“过程”、“总分”自评得分相应减少至少3.59分（或1.59分）。'
    );
    expect(blank.find((l) => l.startsWith('需优先处理的事项：'))).toContain(
      '“预算执行”自评不超过7.41分（列报该调整的，9.41分）'
    );
    // Made-up: 落实国家政策等调整 filled as 0.00: nothing read as 0, one ceiling, 9.41, everywhere.
    const filled = memoOf(run({ 基础_预算调整_剔除数: 0 }));
    expect(filled.join('')).not.toContain('7.41');
    expect(filled.join('')).not.toMatch(/（或[\d.]+分）/);
    expect(filled.find((l) => l.startsWith('需优先处理的事项：'))).toContain('“预算执行”自评不超过9.41分，');
  });
});

describe('the 审核意见 on a task marked 已完成 whose 说明 says it was not', () => {
  test('the sample: task ④’s 说明 says the request was refused; 产出 stays 22.51, and what it would be were ④ not done is said', () => {
    // 实际完成率 and 完成及时率 count ④: 3 of 4 (75.00%, 5.63 of 7.50 each) → 2 of 4 (50.00%, 3.75 each by the
    // rules): 22.51 − 2 × 1.88 = 18.75.
    expect(memoOf(sample).join('')).toContain(
      '应改为22.51分，“总分”自评得分相应减少6.49分。任务④标为已完成，但说明称“请求市财政增加科普经费未能通过”；如未完成，实际完成率、完成及时率为50.00%，“产出”为18.75分。'
    );
  });

  test('invalid: with ④’s 说明 saying nothing of the kind, no such sentence', () => {
    const tasks = sampleValues()['产出任务表'] as unknown[][];
    const e = run({ 产出任务表: tasks.map((r, i) => (i === 3 ? [...r.slice(0, 6), '完成'] : r)) });
    expect(memoOf(e).join('')).not.toContain('标为已完成，但说明称');
  });
});
