/**
 * Every stated figure is read by a check (issue 25 item 5). A figure that states a rate, a change or a
 * difference is one the department may get wrong while every table still adds up: unless a check reads it,
 * a report saying “减少 0.8 万元，下降 0.8%” for 5.00 → 4.20 (really −16%) passes.
 *
 * The catalogue test picks those inputs by what they are (a rate, a label naming a change or a difference,
 * or declared `stated`) rather than from a list, so an input added later is held to it too.
 */
import { CHECKS } from '../../src/catalogue/checks';
import { INPUTS } from '../../src/catalogue/inputs';
import { TEMPLATE_ADDRESS } from '../../src/catalogue/layout';
import type { ScalarDecl } from '../../src/catalogue/types';
import { syntheticDepartment } from '../../src/cli/synthetic';
import { flattenFindings } from '../../src/core/checks';
import { D } from '../../src/core/decimal';
import { evaluate } from '../../src/core/engine';
import { templateReading, InputValues } from '../../src/core/fill';
import { nextStepText } from '../../src/core/render/finding';
import type { Finding } from '../../src/core/results';

const at = (name: string) => TEMPLATE_ADDRESS.get(name)!;

/** Words by which a label says its figure is a change or a difference of others. */
const CHANGE_WORDS = /增减|增长|变动|比上年|差额|差异|追加|调整数|调减/;

/**
 * Rates measured rather than derived: no other input determines them, so nothing can recompute them.
 * Each with the reason; none may be declared `stated`.
 */
const MEASURED: Record<string, string> = {
  // Read off the 国库 payment system as a share of the year: the 支付进度率 indicator divides them.
  基础_实际支付进度: '国库支付系统的实际支付进度',
  基础_既定支付进度: '下达的既定支付进度',
  // A survey's result.
  基础_服务对象满意度: '满意度调查结果',
};

const scalars = INPUTS.filter((d): d is ScalarDecl => d.type === 'scalar');
/** Figures (a 口径 choice or a note is text, not a figure). */
const figures = scalars.filter((d) => ['amount', 'rate', 'count'].includes(d.kind));
const stating = figures.filter((d) => d.kind === 'rate' || d.stated || CHANGE_WORDS.test(d.label));
const readBy = (name: string) => CHECKS.filter((c) => c.operands.includes(name));

describe('the catalogue: every input that states a rate, a change or a difference is read by a check', () => {
  test('each is an operand of at least one check (measured rates apart, each with its reason)', () => {
    const unread = stating.filter((d) => !(d.name in MEASURED) && readBy(d.name).length === 0);
    expect(unread.map((d) => `${d.name}（${d.label}）`)).toEqual([]);
  });

  test('each `stated` figure is recomputed: a 比率 check reads it', () => {
    const stated = scalars.filter((d) => d.stated);
    const unchecked = stated.filter((d) => !readBy(d.name).some((c) => c.family === '比率'));
    expect(unchecked.map((d) => d.name)).toEqual([]);
    // Every stated rate and change the template has: the 基础数据表's nine rates, 三公 增长率 and 预算比上年决算 (rate and amount).
    expect(stated.map((d) => d.name)).toEqual(
      expect.arrayContaining([
        '基础_在职人员控制率',
        '基础_公用经费控制率',
        '基础_预算完成率',
        '三公_合计_增长率',
        '三公_合计_预算比上年决算',
        '三公_合计_预算比上年决算额',
        '三公_公务接待_预算比上年决算额',
      ])
    );
    expect(stated).toHaveLength(9 + 4 + 4 + 4);
  });

  test('a rate the template holds is either stated (and recomputed) or measured', () => {
    const rates = scalars.filter((d) => d.kind === 'rate');
    expect(rates.filter((d) => !d.stated && !(d.name in MEASURED)).map((d) => d.name)).toEqual([]);
    for (const name of Object.keys(MEASURED)) {
      expect(scalars.find((d) => d.name === name)).toMatchObject({ kind: 'rate' });
      expect(scalars.find((d) => d.name === name)?.stated).toBeFalsy();
    }
  });

  test('the selection is not vacuous: the change and difference lines are among it', () => {
    const names = stating.map((d) => d.name);
    for (const n of [
      '财拨_年中追加_合计',
      '基础_预算调整_调整数',
      '基础_结转结余变动率',
      '三公_合计_预算比上年决算额',
    ])
      expect(names).toContain(n);
  });
});

// ------------------------------------------------------------------ each stated figure, read in earnest

/** Findings, consequences included, that mark a cell. */
function marking(values: InputValues, cell: string): Finding[] {
  return flattenFindings(evaluate(templateReading(values)).findings)
    .map((x) => x.finding)
    .filter((f) => f.operands.some((o) => o.address === cell));
}

describe('every stated figure, moved off its recomputation in a consistent department, is flagged at its cell', () => {
  // Seed 2: every check holds on it (test/core/checks.mutation.test.ts).
  const base = syntheticDepartment(2);
  const stated = scalars.filter((d) => d.stated);

  test('the consistent department states them all, and none is flagged', () => {
    for (const d of stated) {
      expect([d.name, base[d.name] ?? null]).not.toEqual([d.name, null]);
      expect([d.name, marking(base, at(d.name)).map((f) => f.id)]).toEqual([d.name, []]);
    }
  });

  test.each(stated.map((d) => [d.name, d] as const))('%s', (name, d) => {
    const v = base[name];
    const moved =
      d.kind === 'rate'
        ? `${new D(parseFloat(String(v))).plus(7).toFixed(2)}%`
        : new D(v as number).plus(3).toNumber();
    const found = marking({ ...base, [name]: moved }, at(name));
    expect(found.map((f) => [f.family, f.kind])).toContainEqual(['比率', 'mismatch']);
  });
});

// ------------------------------------------------------------------ 三公 预算比上年决算 (issue 25)

describe('三公 本年预算 against 上年决算: “减少 0.8 万元，下降 0.8%” for 5.00 → 4.20', () => {
  const figures = { 三公_公务接待_本年预算: 4.2, 三公_公务接待_上年决算: 5 };
  const findings = (values: InputValues) =>
    flattenFindings(evaluate(templateReading(values)).findings).map((x) => x.finding);
  const rateOf = (fs: Finding[]) => fs.find((f) => f.rule === 'rate.三公预算比上年决算.公务接待');
  const amountOf = (fs: Finding[]) => fs.find((f) => f.rule === 'rate.三公预算比上年决算额.公务接待');

  test('the rate is caught (−16.00%, not −0.80%), the amount passes, and the advice names the slip', () => {
    const fs = findings({
      ...figures,
      三公_公务接待_预算比上年决算额: '-0.8',
      三公_公务接待_预算比上年决算: '-0.8%',
    });
    const f = rateOf(fs)!;
    expect(f.title).toBe('公务接待费预算比上年决算增减率重算为 −16.00%，报告列 −0.80%');
    expect(f.kind).toBe('mismatch');
    expect(f.expected!.value.toFixed(2)).toBe('-16.00');
    expect(f.computed!.value.toFixed(2)).toBe('-0.80');
    expect(f.statement).toBe(
      '公务接待费（本年预算比上年决算增减率） = （本年预算数 − 上年决算数）÷ 上年决算数 × 100%'
    );
    expect(nextStepText(f)).toContain('疑似把增减额（万元）当作了百分比');
    // The stated rate is what to change; the two amounts are shown beside it.
    expect(f.operands.map((o) => o.address)).toEqual(
      expect.arrayContaining([
        at('三公_公务接待_预算比上年决算'),
        at('三公_公务接待_本年预算'),
        at('三公_公务接待_上年决算'),
      ])
    );
    // 比率: an 错误 when something computed reads its figures (the 三公 控制率 reads 本年预算), else a 提示.
    expect(f.severity).toBe(f.affects?.length ? '错误' : '提示');
    expect(amountOf(fs)).toBeUndefined();
  });

  test('a turned sign is named as one', () => {
    const f = rateOf(findings({ ...figures, 三公_公务接待_预算比上年决算: '16%' }))!;
    expect(f.kind).toBe('signReversed');
    expect(f.title).toBe('公务接待费预算比上年决算增减率正负号有误（应为下降 16.00%）');
  });

  test('the amount is judged at the precision it was stated', () => {
    const near = { 三公_公务接待_本年预算: 4.23, 三公_公务接待_上年决算: 5 };
    // “−0.8” (1 decimal) for −0.77: within ±0.05 + 0.01.
    expect(amountOf(findings({ ...near, 三公_公务接待_预算比上年决算额: '-0.8' }))).toBeUndefined();
    // “−0.80” (2 decimals) for −0.77: not.
    const f = amountOf(findings({ ...near, 三公_公务接待_预算比上年决算额: '-0.80' }))!;
    expect(f.title).toBe('公务接待费预算比上年决算增减额重算为 −0.77 万元，报告列 −0.80 万元');
    expect(f.tolerance!.value.toString()).toBe('0.015');
    expect(f.toleranceBasis).toBe(
      '容差 ±0.015 万元（所列金额保留 2 位小数的四舍五入误差 ±0.005，加上本年预算数、上年决算数各 ±0.005 万元）'
    );
    // “增加 0.8” for a fall of 0.8.
    expect(
      amountOf(findings({ ...figures, 三公_公务接待_预算比上年决算额: 0.8 }))!.expected!.value.toFixed(2)
    ).toBe('-0.80');
  });

  test('a zero 上年决算 leaves the rate meaningless (提示), a blank one leaves it to fill (待补)', () => {
    const zero = rateOf(
      findings({
        三公_公务接待_本年预算: 4.2,
        三公_公务接待_上年决算: 0,
        三公_公务接待_预算比上年决算: '10%',
      })
    )!;
    expect([zero.severity, zero.title]).toEqual([
      '提示',
      '上年决算数为 0，报告所列公务接待费预算比上年决算增减率无意义',
    ]);
    expect(zero.detail).toBe('上年决算数为 0，增减率无意义，报告不应列示百分比');
    const blank = rateOf(findings({ 三公_公务接待_本年预算: 4.2, 三公_公务接待_预算比上年决算: '-16%' }))!;
    expect([blank.severity, blank.kind]).toEqual(['待补', 'cannotVerify']);
    expect(blank.detail).toBe('本年预算数或上年决算数未填，无法重算');
  });
});
