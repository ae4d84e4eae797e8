/**
 * Mutation test: in a consistent synthetic department every check holds; nudging one figure a check
 * reads must make that check fire (as a root, or folded under the root that explains it), and the
 * root must blame the nudged cell. On seed 2 every check fires, each as a root or folded under one.
 */
import { templateReading, InputValues } from '../../src/core/fill';
import { D } from '../../src/core/decimal';
import { INPUT_BY_NAME } from '../../src/catalogue/inputs';
import { TEMPLATE_ADDRESS } from '../../src/catalogue/layout';
import { CHECKS, CheckDecl } from '../../src/catalogue/checks';
import { syntheticDepartment } from '../../src/cli/synthetic';
import { flattenFindings } from '../../src/core/checks';
import { evaluate } from '../../src/core/engine';
import type { Finding } from '../../src/core/results';

// Seed 2: seed 1 draws its 公用经费 budget below the actual (the generator's ±10%, a 提示 by design).
const base = syntheticDepartment(2);

type Table = Array<Array<string | number | null>>;
const table = (name: string) => (base[name] as Table).map((row) => [...row]);

/** One nudge per check: its checked figure (the first it reads) moved, or a table row changed. */
function nudge(decl: CheckDecl): InputValues {
  switch (decl.id) {
    case 'input':
      return { ...base, 基础_编制数: -3 };
    case 'input.项目重名': {
      const rows = table('项目支出明细表');
      rows[1][0] = rows[0][0];
      return { ...base, 项目支出明细表: rows };
    }
    case 'sum.项目明细': {
      // A sub-project under the first project, whose figures do not add up to it.
      const rows = table('项目支出明细表');
      return { ...base, 项目支出明细表: [...rows, ['子项目', rows[0][0], null, null, null, 1, '否']] };
    }
    case 'sum.项目合计':
    case 'sum.项目预算总额': {
      const rows = table('项目支出明细表');
      rows[0][4] = (rows[0][4] as number) + 1000;
      rows[0][5] = (rows[0][5] as number) + 1000;
      return { ...base, 项目支出明细表: rows };
    }
    case 'sum.人员.编制数':
    case 'sum.人员.在职人数': {
      const rows = table('人员情况表');
      rows[0][1] = (rows[0][1] as number) + 1;
      rows[0][2] = (rows[0][2] as number) + 1;
      return { ...base, 人员情况表: rows };
    }
    case 'sum.其他收入明细': {
      const rows = table('其他收入明细表');
      rows[0][1] = (rows[0][1] as number) + 1000;
      return { ...base, 其他收入明细表: rows };
    }
    case 'sum.功能明细.收入':
    case 'sum.功能明细.支出':
    case 'same.功能明细类.收入':
    case 'same.功能明细类.支出': {
      // A 项 moved off its 款 (sum), or a 类 line moved off the 类级 block (same).
      const name = decl.operands[0];
      const rows = table(name);
      const row = decl.id.startsWith('sum.') ? 2 : 0;
      rows[row][2] = (rows[row][2] as number) + 1000;
      return { ...base, [name]: rows };
    }
    case 'part.财拨对个人和家庭的补助明细':
      // The synthetic 退休费 is the whole 303 line and its first 款 (离休费) blank: a 离休费 of 1.00 on top.
      return { ...base, 财拨_人员_离休费: 1 };
    case 'unit.量级':
      // 其他收入 typed in 元 (×10000) among the 收入 lines in 万元.
      return { ...base, 收入_其他收入: new D(base.收入_其他收入 as number).times(10000).toNumber() };
    case 'score':
      // Claiming full marks on a line the rulebook scores below full.
      return { ...base, 自评得分表: [...table('自评得分表'), ['在职人员控制率', 0, null]] };
  }
  const name = decl.operands[0];
  const d = INPUT_BY_NAME.get(name)!;
  const v = base[name];
  if (d.type !== 'scalar' || v === undefined || v === null)
    throw new Error(`${decl.id}: ${name} is blank in the synthetic department`);
  if (d.kind === 'year') return { ...base, [name]: (v as number) - 1 };
  if (d.kind === 'rate') return { ...base, [name]: `${(parseFloat(String(v)) + 7).toFixed(2)}%` };
  // A part pushed past its whole; a 决算 past its 预算 (all of it, when the budget side is a sum);
  // any other figure moved off its identity.
  if (decl.id.startsWith('part.资金来源.') || decl.id.startsWith('part.支出性质.')) {
    // The whole is a sum (the 财政拨款 line + 其他资金本年支出; 公用经费 + 项目支出 …), some of it maybe blank.
    const whole = decl.operands.slice(1).reduce((s, w) => s.plus((base[w] as number) ?? 0), new D(0));
    return { ...base, [name]: whole.plus(1).toNumber() };
  }
  if (decl.family === '部分')
    return { ...base, [name]: (base[decl.operands[decl.operands.length - 1]] as number) + 1 };
  if (decl.family === '预算') {
    const budget = decl.operands.slice(1).reduce((s, b) => s.plus(base[b] as number), new D(0));
    return { ...base, [name]: budget.plus(1).toNumber() };
  }
  return { ...base, [name]: (v as number) + (d.kind === 'count' ? 1 : 1000) };
}

function fired(fs: Finding[], id: string): Finding | undefined {
  return flattenFindings(fs)
    .map((x) => x.finding)
    .find((f) => f.rule === id || f.rule === `unit.${id}`);
}

describe('mutation: each check fires when a figure it reads is nudged', () => {
  test('the consistent department raises nothing', () => {
    expect(evaluate(templateReading(base)).findings.map((f) => f.id)).toEqual([]);
  });

  test.each(CHECKS.map((c) => [c.id, c] as const))('%s', (id, decl) => {
    const fs = evaluate(templateReading(nudge(decl))).findings;
    const f = fired(fs, id);
    expect(f).toBeDefined();
    // Its cascade root fires too: the root that holds it (or itself) is among the roots.
    const root = fs.find((r) => r === f || flattenFindings([r]).some((x) => x.finding === f));
    expect(root).toBeDefined();
    // A scalar nudge is what the root blames: its cell to check first, or (a root alone) one of its cells.
    const cell = TEMPLATE_ADDRESS.get(decl.operands[0]);
    if (INPUT_BY_NAME.get(decl.operands[0])?.type === 'scalar' && decl.id !== 'input') {
      if (root!.primary) expect(root!.primary.address).toBe(cell);
      else expect(root!.operands.map((o) => o.address)).toContain(cell);
    }
  });
});
