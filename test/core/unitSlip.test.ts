/**
 * Unit slips judged against the figure's siblings (the other amounts of its block), through the whole engine on
 * the sample department: a figure typed “…元” with the size of its 万元 siblings is told “单位应为万元” (the number
 * stays), one whose ten-thousandth has their size is told to divide, and a bare figure ×10⁴ off gets a 提示.
 */
import { evaluate } from '../../src/core/engine';
import { TEMPLATE_ADDRESS } from '../../src/catalogue/layout';
import { fullText } from '../../src/core/render/finding';
import type { Finding } from '../../src/core/results';
import { sampleReading } from '../helpers/sample';

function everyFinding(fs: Finding[]): Finding[] {
  return fs.flatMap((f) => [f, ...everyFinding(f.consequences ?? [])]);
}

function findings(overrides: Record<string, string | number>): Finding[] {
  return everyFinding(evaluate(sampleReading(overrides)).findings);
}

const cell = TEMPLATE_ADDRESS.get('支出_公用经费')!;

describe('unit slips among siblings (支出按支出性质: 基本 478.29, 人员 382.14, 项目 877.32 …)', () => {
  test('“96.15元” has their size: one finding, 单位应为万元 with the number kept, not ÷10000', () => {
    const fs = findings({ 支出_公用经费: '96.15元' }).filter(
      (f) => f.operands.some((o) => o.address === cell) && (f.rule === 'input' || f.family === '单位')
    );
    expect(fs.map((f) => f.id)).toEqual(['unit.量级.支出_公用经费']);
    const [f] = fs;
    expect(f.kind).toBe('unitSlip');
    expect(f.severity).toBe('错误');
    expect(f.slip!.factor).toBe('unit');
    expect(f.primary!.address).toBe(cell);
    const text = fullText(f);
    expect(text).toContain(`${cell}`);
    expect(text).toContain(
      '写的是“96.15元”，与同表各数同一量级，是万元数误写了单位；单位应为万元，数值不必换算'
    );
    expect(text).not.toContain('÷ 10000');
  });

  test('“961500元” is 96.15 万元: 单位应为万元 by dividing', () => {
    const f = findings({ 支出_公用经费: '961500元' }).find((x) => x.id === 'unit.量级.支出_公用经费')!;
    expect(f.slip!.factor).toBe('div');
    expect(f.severity).toBe('错误');
    expect(fullText(f)).toContain('单位应为万元，按万元应为 96.15');
  });

  test('a bare 961500 among them: a 提示 on that cell, besides the identities it breaks', () => {
    const fs = findings({ 支出_公用经费: 961500 });
    const f = fs.find((x) => x.id === 'unit.量级.支出_公用经费')!;
    expect(f.severity).toBe('提示');
    expect(f.slip!.factor).toBe('div');
    expect(fullText(f)).toContain('约为它们的 10000 倍');
    // The sample as published raises no size slip anywhere.
    expect(findings({}).filter((x) => x.rule === 'unit.量级')).toEqual([]);
  });

  test('“96.15元” without enough siblings to judge stays the input diagnostic (÷ 10000 as before)', () => {
    const name = '基础_政府采购预算';
    const fs = findings({
      [name]: '96.15元',
      基础_公用经费预算: '',
      基础_公用经费决算: '',
      基础_重点项目支出: '',
    });
    const f = fs.find(
      (x) => x.operands.some((o) => o.address === TEMPLATE_ADDRESS.get(name)) && x.rule === 'input'
    )!;
    expect(f.kind).toBe('notice');
    expect(f.detail).toContain('元 ÷ 10000');
  });
});
