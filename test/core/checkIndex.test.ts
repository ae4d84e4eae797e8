import * as fs from 'fs';
import * as path from 'path';
import { CHECKS, CheckFamily } from '../../src/catalogue/checks';
import { checkIndexMarkdown } from '../../src/core/checkIndex';
import { BASIC_OFFICE_LINES, OFFICE_COST_ITEMS } from '../../src/catalogue/inputs';

const root = path.join(__dirname, '..', '..');

/** The id prefix each family writes its checks under. */
const PREFIX: Record<CheckFamily, string> = {
  输入: 'input',
  年度: 'year',
  单位: 'unit',
  合计: 'sum',
  平衡: 'balance',
  一致: 'same',
  衔接: 'carry',
  部分: 'part',
  // A 口径 check compares one figure in two places, as 一致 does: its id keeps the prefix (出错说明 rows are keyed by it).
  口径: 'same',
  预算: 'budget',
  比率: 'rate',
  评分: 'score',
};

describe('check ids', () => {
  test('each id appears literally in the catalogue source, so grep finds what 问题清单 shows', () => {
    const source = fs.readFileSync(path.join(root, 'src/catalogue/checks.ts'), 'utf8');
    const missing = CHECKS.map((c) => c.id).filter((id) => !source.includes(`'${id}'`));
    expect(missing).toEqual([]);
  });

  test('every 公用经费 item has its literal budget.公用 check, and no other', () => {
    const ids = CHECKS.map((c) => c.id).filter((id) => id.startsWith('budget.公用.'));
    expect(ids.sort()).toEqual(OFFICE_COST_ITEMS.map(([k]) => `budget.公用.${k}`).sort());
  });

  test('every 基础数据表 公用经费 line has its literal budget.基础公用 check, and no other', () => {
    const ids = CHECKS.map((c) => c.id).filter((id) => id.startsWith('budget.基础公用.'));
    expect(ids.sort()).toEqual(BASIC_OFFICE_LINES.map(([k]) => `budget.基础公用.${k}`).sort());
  });

  test("each id's prefix matches its family", () => {
    const wrong = CHECKS.filter((c) => c.id.split('.')[0] !== PREFIX[c.family]).map(
      (c) => `${c.id} (${c.family})`
    );
    expect(wrong).toEqual([]);
  });
});

describe('docs/checks.md', () => {
  test('is up to date (run `npm run docs:checks` to regenerate)', () => {
    const stored = fs.readFileSync(path.join(root, 'docs/checks.md'), 'utf8');
    expect(stored).toBe(checkIndexMarkdown());
  });

  test('lists every check once, with its family and rule', () => {
    const md = checkIndexMarkdown();
    for (const c of CHECKS)
      expect(md.split('\n').filter((l) => l.startsWith(`| \`${c.id}\` | ${c.family} |`))).toHaveLength(1);
    expect(md).toContain(
      '| `sum.财拨.本年收入` | 合计 | 错误 | 财政拨款本年收入合计与基本、项目支出之和不一致 | 本年收入（合计） = 本年收入（基本支出） + 本年收入（项目支出） |'
    );
    expect(md).toContain('| 口径 | 提示 |');
    expect(md).toContain('| 比率 | 错误（不影响任何计算时为提示） |');
  });
});
