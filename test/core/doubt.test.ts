import { confirmFigures, doubtedInputs, type HoldingIdentity } from '../../src/core/doubt';
import { D } from '../../src/core/decimal';
import type { Finding, Operand } from '../../src/core/results';

// Made-up figures. Tables: 支出_* 收支总表, 财拨_* 财政拨款表, 其他_* 其他资金表, 项目_* 项目支出表.
const op = (name: string, value: number): Operand => ({ name, label: name, value: D(value) });

/** 部门项目支出 300 against 财政拨款 200 + 其他资金 90 = 290. */
const projects = (): Finding => ({
  id: 'sum.资金来源.项目支出',
  rule: 'sum.资金来源.项目支出',
  title: '部门项目支出与财政拨款、其他资金项目支出之和不一致',
  family: '合计',
  severity: '错误',
  kind: 'mismatch',
  operands: [op('支出_项目支出', 300), op('财拨_项目支出', 200), op('其他_项目支出', 90)],
  expected: { kind: 'amount', value: D(290) },
  nextStep: '',
});

const holds = (id: string, family: string, ...names: string[]): HoldingIdentity => ({ id, family, names });
const doubted = (fs: Finding[]) => [...doubtedInputs(fs).keys()].sort();

describe('confirmFigures: a figure two independent sources agree on is stated as fact', () => {
  test('nothing holds: every figure of the failed identity stays in doubt', () => {
    const f = projects();
    confirmFigures([f], []);
    expect(f.confirmed).toBeUndefined();
    expect(doubted([f])).toEqual(['其他_项目支出', '支出_项目支出', '财拨_项目支出']);
  });

  test('the same quantity in another table (项目支出表合计决算数 200 = 财政拨款表 200) confirms it; the others stay in doubt', () => {
    const f = projects();
    confirmFigures([f], [holds('same.项目决算合计', '一致', '项目_合计_决算数', '财拨_项目支出')]);
    expect(f.confirmed).toEqual([{ name: '财拨_项目支出', by: 'same.项目决算合计' }]);
    expect(doubted([f])).toEqual(['其他_项目支出', '支出_项目支出']);
  });

  test('a copy of one figure in two cells of one table is no second source', () => {
    const f = projects();
    confirmFigures([f], [holds('same.财拨项目支出', '一致', '财拨_本年支出_项目', '财拨_项目支出')]);
    expect(f.confirmed).toBeUndefined();
  });

  test('a sum confirms a figure only when nothing questions its other figures', () => {
    // 支出合计 = 财拨_项目支出 + 其他_项目支出 holds, but each of the two is in doubt: neither confirms the other.
    const f = projects();
    confirmFigures([f], [holds('sum.y', '合计', '支出_本年支出合计', '财拨_项目支出', '其他_项目支出')]);
    expect(f.confirmed).toBeUndefined();
    // A sum whose other figures nobody doubts confirms the one doubted figure in it.
    const g = projects();
    confirmFigures([g], [holds('sum.支出', '合计', '支出_本年支出合计', '支出_基本支出', '支出_项目支出')]);
    expect(g.confirmed).toEqual([{ name: '支出_项目支出', by: 'sum.支出' }]);
    expect(doubted([g])).toEqual(['其他_项目支出', '财拨_项目支出']);
  });

  test('confirmation spreads: a figure confirmed no longer keeps a sum from confirming another', () => {
    const f = projects();
    confirmFigures(
      [f],
      [
        // Only once 财拨_项目支出 is confirmed does this sum confirm 支出_项目支出.
        holds('sum.x', '合计', '支出_项目支出', '财拨_项目支出', '支出_上缴上级支出'),
        holds('same.项目决算合计', '一致', '项目_合计_决算数', '财拨_项目支出'),
      ]
    );
    expect(f.confirmed?.map((c) => c.name).sort()).toEqual(['支出_项目支出', '财拨_项目支出']);
    expect(doubted([f])).toEqual(['其他_项目支出']);
  });

  test('an identity fails, so one figure stays in doubt: where every figure would be confirmed, none is', () => {
    const f = projects();
    confirmFigures(
      [f],
      [
        holds('same.a', '一致', '项目_合计_决算数', '财拨_项目支出'),
        holds('same.b', '一致', '支出_项目支出', '项目_合计_年初预算'),
        holds('same.c', '一致', '其他_项目支出', '支出_其他资金'),
      ]
    );
    expect(f.confirmed).toBeUndefined();
    expect(doubted([f])).toHaveLength(3);
  });

  test('the figure a correction names, or the cell a fold blames, is never confirmed (the 审核意见 says change or check it)', () => {
    const agree = [holds('same.项目决算合计', '一致', '项目_合计_决算数', '财拨_项目支出')];
    const corrected = {
      ...projects(),
      correction: {
        operand: op('财拨_项目支出', 200),
        to: { kind: 'amount' as const, value: D(210) },
        because: '',
      },
    };
    confirmFigures([corrected], agree);
    expect(corrected.confirmed).toBeUndefined();
    expect(doubted([corrected])).toEqual(['财拨_项目支出']);
    const blamed = { ...projects(), primary: op('财拨_项目支出', 200), consequences: [] };
    confirmFigures([blamed], agree);
    expect(blamed.confirmed).toBeUndefined();
  });

  test('an inequality, a 提示 family or an identity stating one figure confirms nothing', () => {
    const f = projects();
    confirmFigures(
      [f],
      [
        holds('budget.x', '预算', '项目_合计_决算数', '财拨_项目支出'),
        holds('sum.lone', '合计', '其他_项目支出'),
      ]
    );
    expect(f.confirmed).toBeUndefined();
  });
});

describe('doubtedInputs: the identity a figure cites', () => {
  /** 部门人员经费 380 against 财政拨款 300 + (其他资金 本年支出 150 − 项目支出 100 − 日常公用经费 5) = 345. */
  const staff = (): Finding => ({
    id: 'sum.资金来源.人员经费',
    rule: 'sum.资金来源.人员经费',
    title: '部门人员经费与财政拨款、其他资金人员经费之和不一致',
    family: '合计',
    severity: '错误',
    kind: 'mismatch',
    operands: [
      op('支出_人员经费', 380),
      op('财拨_人员经费', 300),
      op('其他_本年支出', 150),
      op('其他_项目支出', 100),
      op('其他_公用经费', 5),
    ],
    expected: { kind: 'amount', value: D(345) },
    nextStep: '',
  });
  /** 部门日常公用经费 90 against 财政拨款 40 + 其他资金 5 = 45. */
  const upkeep = (): Finding => ({
    id: 'sum.资金来源.公用经费',
    rule: 'sum.资金来源.公用经费',
    title: '部门日常公用经费与财政拨款、其他资金日常公用经费之和不一致',
    family: '合计',
    severity: '错误',
    kind: 'mismatch',
    operands: [op('支出_公用经费', 90), op('财拨_公用经费', 40), op('其他_公用经费', 5)],
    expected: { kind: 'amount', value: D(45) },
    nextStep: '',
  });

  test('a figure party to several failed identities cites the one about its own quantity, whichever is read first', () => {
    for (const fs of [
      [staff(), upkeep()],
      [upkeep(), staff()],
    ]) {
      const by = doubtedInputs(fs);
      expect(by.get('其他_公用经费')?.id).toBe('sum.资金来源.公用经费');
      // A figure of one identity only cites it.
      expect(by.get('其他_项目支出')?.id).toBe('sum.资金来源.人员经费');
    }
  });

  test('none about its own quantity: the first read', () => {
    const other = { ...upkeep(), id: 'x', operands: [op('支出_项目支出', 1), op('其他_公用经费', 5)] };
    expect(doubtedInputs([staff(), other]).get('其他_公用经费')?.id).toBe('sum.资金来源.人员经费');
  });
});

describe('copies: a figure stated again where no second source confirms it is in doubt with it', () => {
  test('基础数据表 项目支出 200 restates 财政拨款表 项目支出 200 (a 口径 pair that holds): in doubt, citing the sum', () => {
    // 部门项目支出 300 against 财政拨款 200 + 其他资金 90 = 290: 财拨_项目支出 in doubt; 基础 200 = 财拨 200 holds.
    const f = projects();
    confirmFigures([f], [holds('same.基础项目', '口径', '基础_项目支出', '财拨_项目支出')]);
    expect(f.confirmed).toBeUndefined();
    expect(f.copies).toEqual([{ name: '基础_项目支出', of: '财拨_项目支出', by: 'same.基础项目' }]);
    expect(doubted([f])).toEqual(['其他_项目支出', '基础_项目支出', '支出_项目支出', '财拨_项目支出']);
    expect(doubtedInputs([f]).get('基础_项目支出')?.id).toBe('sum.资金来源.项目支出');
  });

  test('a copy in another cell of the same table, and a copy of a copy, are in doubt too', () => {
    const f = projects();
    confirmFigures(
      [f],
      [
        holds('same.财拨项目支出', '一致', '财拨_本年支出_项目', '财拨_项目支出'),
        holds('same.基础项目', '口径', '基础_项目支出', '财拨_本年支出_项目'),
      ]
    );
    expect(f.copies).toEqual([
      { name: '财拨_本年支出_项目', of: '财拨_项目支出', by: 'same.财拨项目支出' },
      { name: '基础_项目支出', of: '财拨_本年支出_项目', by: 'same.基础项目' },
    ]);
  });

  test('invalid: an independent source that agrees confirms the figure (no copy), a 预算 bound is no restatement, and a confirmed figure passes no doubt on', () => {
    const f = projects();
    confirmFigures(
      [f],
      [
        holds('same.项目决算合计', '一致', '项目_合计_决算数', '财拨_项目支出'),
        holds('budget.项目', '预算', '基础_项目预算', '其他_项目支出'),
        holds('same.基础项目', '口径', '基础_项目支出', '财拨_项目支出'),
      ]
    );
    expect(f.confirmed).toEqual([{ name: '财拨_项目支出', by: 'same.项目决算合计' }]);
    expect(f.copies).toBeUndefined();
    expect(doubted([f])).toEqual(['其他_项目支出', '支出_项目支出']);
  });
});

describe('doubtedInputs: rows of a table whose sum another table’s total fails', () => {
  /** 基础 在职人数 15 against the units' rows 10 + 4 = 14 (人员情况表). */
  const staff = (): Finding => ({
    id: 'sum.人员.在职人数',
    rule: 'sum.人员.在职人数',
    title: '基础数据表年末实际在职人数与机构人员情况表各单位年末实有在职人数之和不一致',
    family: '合计',
    severity: '错误',
    kind: 'mismatch',
    operands: [op('基础_在职人数', 15), op('人员情况表[甲].在职人数', 10), op('人员情况表[乙].在职人数', 4)],
    expected: { kind: 'count', value: D(14) },
    nextStep: '',
  });

  test('which row is wrong the sum does not say: the total is in doubt, no row is', () => {
    expect(doubted([staff()])).toEqual(['基础_在职人数']);
  });

  test('a row another finding questions is in doubt by that one', () => {
    const row: Finding = {
      ...staff(),
      id: 'same.乙.在职人数',
      rule: 'same.乙.在职人数',
      title: '乙年末实有在职人数与其花名册不一致',
      family: '一致',
      operands: [op('人员情况表[乙].在职人数', 4), op('花名册_乙', 5)],
      expected: { kind: 'count', value: D(5) },
    };
    const d = doubtedInputs([staff(), row]);
    expect([...d.keys()].sort()).toEqual(['人员情况表[乙].在职人数', '基础_在职人数', '花名册_乙']);
    expect(d.get('人员情况表[乙].在职人数')?.id).toBe('same.乙.在职人数');
  });

  test('one row alone is the sum: it is in doubt with the total', () => {
    const f = staff();
    f.operands = f.operands.slice(0, 2);
    expect(doubted([f])).toEqual(['人员情况表[甲].在职人数', '基础_在职人数']);
  });
});

describe('confirmFigures: a sum within one table that holds corroborates its figures against failed cross-table sums', () => {
  /** 部门日常公用经费 90 against 财政拨款 40 + 其他资金 5 = 45. */
  const upkeep = (): Finding => ({
    id: 'sum.资金来源.公用经费',
    rule: 'sum.资金来源.公用经费',
    title: '部门日常公用经费与财政拨款、其他资金日常公用经费之和不一致',
    family: '合计',
    severity: '错误',
    kind: 'mismatch',
    operands: [op('支出_公用经费', 90), op('财拨_公用经费', 40), op('其他_公用经费', 5)],
    expected: { kind: 'amount', value: D(45) },
    nextStep: '',
  });
  /** 部门基本支出 150 against 财政拨款 100 + 其他资金 5 = 105. */
  const basic = (): Finding => ({
    ...upkeep(),
    id: 'sum.资金来源.基本支出',
    rule: 'sum.资金来源.基本支出',
    title: '部门基本支出与财政拨款、其他资金基本支出之和不一致',
    operands: [op('支出_基本支出', 150), op('财拨_基本支出', 100), op('其他_公用经费', 5)],
    expected: { kind: 'amount', value: D(105) },
  });
  // 财政拨款表 基本支出 100 = 人员经费 60 + 日常公用经费 40.
  const ownSum = holds('sum.财拨基本支出', '合计', '财拨_基本支出', '财拨_人员经费', '财拨_公用经费');

  test('财拨 基本 = 人员 + 公用 holds and only the 部门 = 财拨 + 其他资金 sums dispute its figures: the 部门 totals carry the doubt', () => {
    const fs = [upkeep(), basic()];
    confirmFigures(fs, [ownSum]);
    expect(fs[0].confirmed).toEqual([{ name: '财拨_公用经费', by: 'sum.财拨基本支出' }]);
    expect(fs[1].confirmed).toEqual([{ name: '财拨_基本支出', by: 'sum.财拨基本支出' }]);
    expect(doubted(fs)).toEqual(['其他_公用经费', '支出_公用经费', '支出_基本支出']);
  });

  test('invalid: the part is the wrong one — its own table’s sum fails (100 ≠ 60 + 45): it stays in doubt', () => {
    const own: Finding = {
      ...upkeep(),
      id: 'sum.财拨基本支出',
      rule: 'sum.财拨基本支出',
      title: '财政拨款基本支出与人员经费、日常公用经费之和不一致',
      operands: [op('财拨_基本支出', 100), op('财拨_人员经费', 60), op('财拨_公用经费', 45)],
      expected: { kind: 'amount', value: D(105) },
    };
    const fs = [
      { ...upkeep(), operands: [op('支出_公用经费', 90), op('财拨_公用经费', 45), op('其他_公用经费', 5)] },
      own,
    ];
    confirmFigures(fs, []);
    expect(fs[0].confirmed).toBeUndefined();
    expect(doubted(fs)).toContain('财拨_公用经费');
  });

  test('invalid: its own table disputes a figure of the sum (财拨 基本支出 100 against the 收支 part’s 120): no corroboration', () => {
    const disputed: Finding = {
      ...upkeep(),
      id: 'same.财拨基本支出',
      rule: 'same.财拨基本支出',
      title: '财政拨款表支出明细与收支部分的基本支出不一致',
      family: '一致',
      operands: [op('财拨_基本支出', 100), op('财拨_本年支出_基本', 120)],
      expected: { kind: 'amount', value: D(120) },
    };
    const fs = [upkeep(), basic(), disputed];
    confirmFigures(fs, [ownSum]);
    expect(fs[0].confirmed).toBeUndefined();
    expect(doubted(fs)).toEqual(
      expect.arrayContaining(['财拨_公用经费', '财拨_基本支出', '支出_公用经费', '支出_基本支出'])
    );
  });

  test('invalid: the 部门 block holds too and 其他资金 is confirmed: the sources contradict each other, all stay in doubt', () => {
    const fs = [upkeep()];
    confirmFigures(fs, [
      ownSum,
      holds('sum.基本支出', '合计', '支出_基本支出', '支出_人员经费', '支出_公用经费'),
      holds('same.其他公用', '一致', '其他_公用经费', '基础_公用经费决算'),
    ]);
    expect(fs[0].confirmed).toBeUndefined();
    expect(doubted(fs)).toEqual(['其他_公用经费', '支出_公用经费', '财拨_公用经费']);
  });
});
