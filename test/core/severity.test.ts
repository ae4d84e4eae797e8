/**
 * Severity by consequence, through the whole engine on the sample department: a discrepancy in a figure
 * that a computed indicator reads (and the score line scored from it) is an 错误; the same discrepancy is a 提示
 * once no indicator reads the figure (another 口径 chosen), and one in figures nothing computed reads stays a 提示.
 */
import { evaluate } from '../../src/core/engine';
import type { Finding } from '../../src/core/results';
import { sampleReading } from '../helpers/sample';

function everyFinding(fs: Finding[]): Finding[] {
  return fs.flatMap((f) => [f, ...everyFinding(f.consequences ?? [])]);
}

function findingOf(overrides: Record<string, string | number | null>, id: string): Finding {
  const f = everyFinding(evaluate(sampleReading(overrides)).findings).find((x) => x.id === id);
  if (!f) throw new Error(`no finding ${id}`);
  return f;
}

describe('severity follows the consequence (issue 14 item 4)', () => {
  test('上年结转 61.55 ≠ 年初结转和结余 4.04: the 湖南 预算完成率 reads it and 预算完成率 is scored, so 错误', () => {
    const f = findingOf({}, 'same.预算完成上年结转');
    expect(f.severity).toBe('错误');
    expect(f.affects).toEqual(expect.arrayContaining(['预算完成率', '评分：预算完成率']));
  });

  test('under the 年初预算 口径 上年结转 still feeds the computed 结转结余率 (unscored): still 错误, but no score line', () => {
    const f = findingOf({ 口径_预算完成率: '年初预算', 基础_预算完成_完成数: 650 }, 'same.预算完成上年结转');
    expect(f.affects).toEqual(['结转结余率']);
    expect(f.severity).toBe('错误');
  });

  test('年末结余 4.04 ≠ 收支总表年末结转和结余 0: 错误 under the 湖南 口径 that reads it, 提示 under the 年初预算 口径 that does not', () => {
    const hunan = findingOf({ 支出_年末结转和结余: 0 }, 'same.预算完成年末结余.收支总表');
    expect(hunan.affects).toEqual(['预算完成率', '评分：预算完成率']);
    expect(hunan.severity).toBe('错误');
    const yearStart = findingOf(
      { 支出_年末结转和结余: 0, 口径_预算完成率: '年初预算', 基础_预算完成_完成数: 650 },
      'same.预算完成年末结余.收支总表'
    );
    expect(yearStart.affects).toBeUndefined();
    expect(yearStart.severity).toBe('提示');
  });

  test('财政拨款本年收入 合计 ≠ 基本 + 项目: no indicator reads these cells, so 提示', () => {
    const f = findingOf({}, 'sum.财拨.本年收入');
    expect(f.affects).toBeUndefined();
    expect(f.severity).toBe('提示');
  });
});
