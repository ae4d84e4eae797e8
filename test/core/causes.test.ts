/**
 * What makes findings of the 审核意见 one problem (src/core/causes.ts, rules declared in REVIEW_CAUSES): each rule
 * alone, on made-up figures, with a case it takes and cases it must leave apart.
 */
import { D } from '../../src/core/decimal';
import {
  causesOf,
  followOn,
  gapWith,
  gapWithOne,
  mightSolve,
  solveFor,
  solvedBy,
} from '../../src/core/causes';
import type { ReviewCauseDecl } from '../../src/core/reportContract';
import type { Finding, Operand } from '../../src/core/results';

const op = (name: string, value: string | number, kind: Operand['kind'] = 'amount'): Operand => ({
  name,
  label: name,
  value: D(value),
  kind,
});

/** A failed identity `left = right` (sums of the figures), an 错误 unless said otherwise. */
function identity(id: string, left: Operand[], right: Operand[], more: Partial<Finding> = {}): Finding {
  const sum = (os: Operand[]) => os.reduce((a, o) => a.plus(o.value as ReturnType<typeof D>), D(0));
  const [l, r] = [sum(left), sum(right)];
  return {
    id,
    rule: id,
    family: '合计',
    title: `${id}不一致`,
    severity: '错误',
    kind: 'mismatch',
    operands: [...left, ...right],
    sides: {
      left: left.map((_, i) => ({ at: i, sign: 1 as const })),
      right: right.map((_, i) => ({ at: left.length + i, sign: 1 as const })),
    },
    expected: { value: r, kind: 'amount' },
    computed: { value: l, kind: 'amount' },
    difference: { value: l.minus(r), kind: 'amount' },
    tolerance: { value: D('0.015'), kind: 'amount' },
    nextStep: '',
    ...more,
  };
}

const kinds = (fs: Finding[], decls: ReviewCauseDecl[]) =>
  causesOf(fs, decls).map((c) => `${c.shares}:${c.findings.map((f) => f.id).join('+')}`);

describe('oneValue: one value for two figures that should be one mends every identity that names them', () => {
  const decls: ReviewCauseDecl[] = [{ shares: 'oneValue' }];
  // 甲表 says 320.00 and 乙表 450.00 for the same 年中追加; both 900.00 = 600.00 + 追加 identities give 300.00.
  const a = op('甲表追加', '320.00');
  const b = op('乙表追加', '450.00');
  const pair = identity('同一追加', [a], [b], { family: '一致' });
  const adjusted = identity('乙表调整后', [op('乙表调整后预算', '900.00')], [op('乙表年初', '600.00'), b]);
  const total = identity('甲表总额', [op('甲表预算总额', '900.00')], [op('甲表年初', '600.00'), a]);

  test('solves an identity for the one figure it holds', () => {
    expect(solveFor(adjusted, new Set(['甲表追加', '乙表追加']))!.to.toFixed(2)).toBe('300.00');
    expect(solveFor(total, new Set(['甲表追加']))!.to.toFixed(2)).toBe('300.00');
    // Neither figure, or both of them, in one identity: nothing to solve.
    expect(solveFor(adjusted, new Set(['丙']))).toBeNull();
    expect(solveFor(pair, new Set(['甲表追加', '乙表追加']))).toBeNull();
  });

  test('two identities agree on 300.00: one cause, headed by the two figures, mending three', () => {
    const [c, ...rest] = causesOf([adjusted, total, pair], decls);
    expect(rest).toEqual([]);
    expect(c.shares).toBe('oneValue');
    expect(c.findings[0]).toBe(pair);
    expect(c.value!.to.toFixed(2)).toBe('300.00');
    expect(c.value!.mends.map((f) => f.id)).toEqual(['同一追加', '乙表调整后', '甲表总额']);
  });

  test('an identity that gives another value, or only one that gives it, leaves them apart', () => {
    const other = identity('甲表总额', [op('甲表预算总额', '900.00')], [op('甲表年初', '590.00'), a]);
    expect(kinds([adjusted, other, pair], decls)).toEqual([
      'alone:乙表调整后',
      'alone:甲表总额',
      'alone:同一追加',
    ]);
    expect(kinds([adjusted, pair], decls)).toEqual(['alone:乙表调整后', 'alone:同一追加']);
  });

  test('a correction the data show for one of the figures, or a blank in an identity, wins over the value', () => {
    const corrected = {
      ...adjusted,
      correction: {
        operand: b,
        to: { value: D('450.00'), kind: 'amount' as const },
        because: '丙表为 450.00',
      },
    };
    expect(kinds([corrected, total, pair], decls).every((k) => k.startsWith('alone'))).toBe(true);
    const partial = { ...total, partial: 'expected' as const };
    expect(kinds([adjusted, partial, pair], decls).every((k) => k.startsWith('alone'))).toBe(true);
  });
});

describe('previousYear: blocks of a table filled with the last year’s figures', () => {
  const decl: ReviewCauseDecl = {
    shares: 'previousYear',
    table: '基础表',
    opening: '年初',
    closing: ['甲年末', '乙年末'],
    blocks: [
      { indicator: '调整率', year: '调整年度', figures: ['调整年初', '调整数'] },
      {
        indicator: '变动率',
        year: '变动年度',
        figures: ['变动上年', '变动本年'],
        opening: '变动上年',
        closing: '变动本年',
      },
    ],
  };
  const decls = [decl];
  const year = (v: number) =>
    identity('年度', [op('调整年度', v, 'year')], [op('评价年度', 2021, 'year')], {
      family: '年度',
      operands: [op('调整年度', v, 'year'), op('评价年度', 2021, 'year'), op('调整年初', '500.00')],
      sides: undefined,
      difference: { value: D(v - 2021), kind: 'year' },
    });
  const other = identity('调整年初对照', [op('调整年初', '500.00')], [op('其他表年初', '700.00')], {
    family: '一致',
  });
  // The block ends at 20.00, this year's opening, while this year's tables end at 0.00; it starts at 55.00.
  const end = identity('变动本年', [op('变动本年', '20.00')], [op('甲年末', '0.00'), op('乙年末', '0.00')], {
    family: '一致',
  });
  const start = identity('变动上年', [op('变动上年', '55.00')], [op('年初', '20.00')], { family: '衔接' });
  const rate: Finding = {
    ...identity('变动率', [op('变动率报告', '63.64', 'rate')], [op('变动本年', '20.00')]),
    family: '比率',
    sides: undefined,
  };

  test('a 数据所属年度 other than the year evaluated: the block’s findings are one cause of that year', () => {
    const [c, ...rest] = causesOf([year(2020), other], decls);
    expect(rest).toEqual([]);
    expect(c.shares).toBe('previousYear');
    expect(c.previousYear!.blocks.map((b) => [b.block.indicator, b.year, b.marked])).toEqual([
      ['调整率', 2020, true],
    ]);
    expect(c.findings[0].id).toBe('年度');
  });

  test('a year-end equal to this year’s opening, disputed: the block is the last year’s, with its rate', () => {
    const [c, ...rest] = causesOf([start, end, rate, year(2021)], decls);
    expect(c.shares).toBe('previousYear');
    expect(c.findings.map((f) => f.id)).toEqual(['变动上年', '变动本年', '变动率']);
    expect(c.previousYear!.blocks.map((b) => [b.block.indicator, b.year, b.marked])).toEqual([
      ['变动率', 2020, false],
    ]);
    // This year's end, from its parts as the year's tables state them.
    expect(c.previousYear!.closing!.value.toFixed(2)).toBe('0.00');
    // A 数据所属年度 equal to the year evaluated is no cause of its own.
    expect(rest.map((x) => x.shares)).toEqual(['alone']);
  });

  test('left apart: a year-end other than the opening, or one finding alone', () => {
    const moved = identity(
      '变动本年',
      [op('变动本年', '25.00')],
      [op('甲年末', '0.00'), op('乙年末', '0.00')]
    );
    expect(kinds([start, moved, rate], decls).every((k) => k.startsWith('alone'))).toBe(true);
    expect(kinds([end], decls)).toEqual(['alone:变动本年']);
    // This year's tables also end at 20.00: an unchanged balance, not the last year's figures.
    const unchanged = identity(
      '变动本年',
      [op('变动本年', '20.00')],
      [op('甲年末', '15.00'), op('乙年末', '5.00')]
    );
    expect(kinds([start, unchanged, rate], decls).every((k) => k.startsWith('alone'))).toBe(true);
    expect(kinds([year(2021), other], decls)).toEqual(['alone:年度', 'alone:调整年初对照']);
  });

  // The block starts at 55.00 (the last year's opening) and ends at 20.00 (this year's opening); 55.00 + 300.00
  // − 335.00 = 20.00: the stated income and spending totals close the last year's balance; 240.00 + 60.00 = 300.00.
  const flowDecl: ReviewCauseDecl = {
    ...decl,
    flows: [{ income: '收入合计', spending: '支出合计' }],
    sums: [{ parts: ['预算年初', '预算追加'], total: '收入合计' }],
  };
  const income = (v: string) =>
    identity('收入合计', [op('收入合计', v)], [op('基本', '200.00'), op('项目', '250.00')]);
  const spending = (v: string) =>
    identity('支出合计', [op('支出合计', v)], [op('基本', '200.00'), op('项目', '270.00')]);
  const budget = (v: string) =>
    identity('预算年初对照', [op('预算年初', v)], [op('其他表年初', '260.00')], {
      severity: '提示',
      family: '一致',
    });
  const asked = (v: string) =>
    identity('预算追加对照', [op('预算追加', v)], [op('其他表追加', '90.00')], { severity: '提示' });

  test('totals that close the last year’s balance to the cent, and figures adding up to one, are the last year’s', () => {
    const notices = [budget('240.00'), asked('60.00')];
    const open = [start, end, income('300.00'), spending('335.00')];
    const [c, ...rest] = causesOf(open, [flowDecl], [...open, ...notices]);
    expect(rest).toEqual([]);
    expect(c.shares).toBe('previousYear');
    expect(c.findings.map((f) => f.id)).toEqual(['变动上年', '变动本年', '收入合计', '支出合计']);
    const p = c.previousYear!;
    expect(p.flows.map((x) => [x.opening.name, x.income.name, x.spending.name, x.closing.name])).toEqual([
      ['变动上年', '收入合计', '支出合计', '年初'],
    ]);
    expect(p.sums.map((x) => [x.parts.map((o) => o.name), x.total.name])).toEqual([
      [['预算年初', '预算追加'], '收入合计'],
    ]);
    expect(p.notices.map((f) => f.id)).toEqual(['预算年初对照', '预算追加对照']);
  });

  test('left to their own entries: a balance off by a cent, a sum off by a cent, an undisputed total', () => {
    const notices = [budget('240.01'), asked('60.00')];
    // 55.00 + 300.00 − 335.01 = 19.99: not this year's opening; the totals stay sum errors.
    const off = [start, end, income('300.00'), spending('335.01')];
    const [c, ...rest] = causesOf(off, [flowDecl], [...off, ...notices]);
    expect(c.previousYear!.flows).toEqual([]);
    expect(c.findings.map((f) => f.id)).toEqual(['变动上年', '变动本年']);
    expect(rest.map((x) => x.findings[0].id)).toEqual(['收入合计', '支出合计']);
    // The balance closes, but 240.01 + 60.00 is not 300.00: the 提示 stay 提示.
    const open = [start, end, income('300.00'), spending('335.00')];
    const [d] = causesOf(open, [flowDecl], [...open, ...notices]);
    expect(d.previousYear!.flows).toHaveLength(1);
    expect([d.previousYear!.sums, d.previousYear!.notices]).toEqual([[], []]);
    // A spending total no failed identity disputes is no other year's figure, whatever it sums to.
    const undisputed = [start, end, income('300.00')];
    const context = [...undisputed, { ...spending('335.00'), severity: '提示' as const }];
    const [e] = causesOf(undisputed, [flowDecl], context);
    expect(e.previousYear!.flows).toEqual([]);
    // No block shown to be the last year's (its end is not this year's opening): no opening to close from.
    const moved = identity(
      '变动本年',
      [op('变动本年', '25.00')],
      [op('甲年末', '0.00'), op('乙年末', '0.00')]
    );
    const none = [start, moved, income('300.00'), spending('335.00')];
    expect(causesOf(none, [flowDecl], none).every((x) => x.shares === 'alone')).toBe(true);
  });
});

describe('sameFix: corrections that set several figures to one figure for one reason', () => {
  const decls: ReviewCauseDecl[] = [{ shares: 'sameFix' }];
  const fix = (id: string, name: string, because: string) =>
    identity(id, [op(name, '60.00')], [op('年初', '20.00')], {
      correction: { operand: op(name, '60.00'), to: { value: D('20.00'), kind: 'amount' }, because },
    });

  test('one figure, one reason: one cause; another reason: apart', () => {
    expect(kinds([fix('一', '甲', '丙表为 20.00'), fix('二', '乙', '丙表为 20.00')], decls)).toEqual([
      'sameFix:一+二',
    ]);
    expect(kinds([fix('一', '甲', '丙表为 20.00'), fix('二', '乙', '丁表为 20.00')], decls)).toEqual([
      'alone:一',
      'alone:二',
    ]);
  });
});

describe('sameGap: the same amount to the cent', () => {
  const decls: ReviewCauseDecl[] = [{ shares: 'sameGap' }];
  const gap = (id: string, l: string, r: string, family = '合计') =>
    identity(id, [op(`${id}合计`, l)], [op(`${id}分项`, r)], { family });

  test('30.00 twice is one entry; 30.00 and 30.01, or a stated rate’s gap, are not', () => {
    const [c, ...rest] = causesOf([gap('一', '100.00', '130.00'), gap('二', '70.00', '40.00')], decls);
    expect(rest).toEqual([]);
    expect([c.findings[0].id, c.sameGap.map((f) => f.id)]).toEqual(['一', ['二']]);
    expect(causesOf([gap('一', '100.00', '130.00'), gap('二', '70.00', '40.01')], decls)).toHaveLength(2);
    expect(
      causesOf([gap('一', '100.00', '130.00'), gap('二', '70.00', '40.00', '比率')], decls)
    ).toHaveLength(2);
  });

  test('the change a value makes to one of its figures draws the identity with that gap', () => {
    const a = op('甲表追加', '320.00');
    const b = op('乙表追加', '450.00');
    const fs = [
      identity('同一追加', [a], [b], { family: '一致' }),
      identity('乙表调整后', [op('乙表调整后预算', '900.00')], [op('乙表年初', '600.00'), b]),
      identity('甲表总额', [op('甲表预算总额', '900.00')], [op('甲表年初', '600.00'), a]),
      // 乙表 goes 450.00 → 300.00: its 合计 row is 150.00 off as well.
      gap('乙表合计行', '1350.00', '1500.00'),
    ];
    const [c, ...rest] = causesOf(fs, [{ shares: 'oneValue' }, ...decls]);
    expect(rest).toEqual([]);
    expect(c.sameGap.map((f) => f.id)).toEqual(['乙表合计行']);
  });

  test('one value draws only an identity its change mends, naming the figure that moves with it', () => {
    const a = op('甲表追加', '320.00');
    const b = op('乙表追加', '450.00');
    // 乙表's 合计 column: 1200.00 = 800.00 + 追加合计 550.00 (100.00 基本 + 450.00 项目). 450.00 → 300.00 makes the
    // 追加合计 400.00, and 800.00 + 400.00 = 1200.00: the 合计 identity, 150.00 off, is mended by it.
    const column = identity(
      '乙表调整后合计',
      [op('乙表调整后合计', '1200.00')],
      [op('乙表年初合计', '800.00'), op('乙表追加合计', '550.00')]
    );
    // 20.00 off like 甲表追加's change (320.00 → 300.00), but a 子项目 sum of another shape: not mended by it.
    const subItems = identity(
      '甲表子项目',
      [op('甲表项目', '700.00')],
      [op('子项目一', '400.00'), op('子项目二', '320.00'), op('子项目三', '0.00')]
    );
    const fs = [
      identity('同一追加', [a], [b], { family: '一致' }),
      identity('乙表调整后', [op('乙表调整后预算', '900.00')], [op('乙表年初', '600.00'), b]),
      identity('甲表总额', [op('甲表预算总额', '900.00')], [op('甲表年初', '600.00'), a]),
      column,
      subItems,
    ];
    const causes = causesOf(fs, [{ shares: 'oneValue' }, ...decls]);
    expect(causes.map((c) => `${c.shares}:${c.findings[0].id}`)).toEqual([
      'oneValue:同一追加',
      'alone:甲表子项目',
    ]);
    expect(causes[0].sameGap.map((f) => f.id)).toEqual(['乙表调整后合计']);
    const moves = followOn(causes[0], column)!;
    expect([moves.cell.name, moves.to.toFixed(2)]).toEqual(['乙表追加合计', '400.00']);
    expect(followOn(causes[0], subItems)).toBeNull();
  });
});

describe('gapWithOne and mightSolve: one figure changed in a sum, in O(1), as gapWith and solvedBy give it', () => {
  // 合计 100.00 against rows 30.00 + 40.00 + 20.00 (gap 10.00); 行2 appears once, 行1 on both sides (net 0).
  const rows = [op('行1', '30.00'), op('行2', '40.00'), op('行3', '20.00')];
  const sum = identity('合计', [op('合计', '100.00')], rows);
  const both = identity(
    '两边',
    [op('行1', '30.00'), op('甲', '5.00')],
    [op('行1', '30.00'), op('乙', '7.00')]
  );
  const values = new Map([['行3', { to: D('25.00') }]]);
  const cases: [string, string][] = [
    ['行2', '50.00'],
    ['行2', '40.00'],
    ['合计', '90.00'],
    ['行3', '30.00'],
    ['不在其中', '1.00'],
  ];

  test.each(cases)('%s = %s: the same gap as gapWith with the figure added to the values', (name, to) => {
    for (const given of [new Map(), values])
      expect(gapWithOne(sum, given, name, D(to))!.toFixed(2)).toBe(
        gapWith(sum, new Map([...given, [name, { to: D(to) }]]))!.toFixed(2)
      );
  });

  test('mightSolve is false only where solvedBy is null', () => {
    // 行2 at 50.00 closes the sum (100 = 30 + 50 + 20); at 40.00 it leaves 10.00; 行1 is twice in 两边.
    expect(mightSolve(sum, '行2', D('50.00'))).toBe(true);
    expect(solvedBy(sum, '行2', D('50.00'))).not.toBeNull();
    expect(mightSolve(sum, '行2', D('40.00'))).toBe(false);
    expect(solvedBy(sum, '行2', D('40.00'))).toBeNull();
    expect(mightSolve(both, '行1', D('32.00'))).toBe(false);
    expect(solvedBy(both, '行1', D('32.00'))).toBeNull();
    expect(mightSolve(sum, '不在其中', D('1.00'))).toBe(false);
  });
});
