/** A failing identity over a 10,000-row table stays readable and bounded (it once exhausted memory on save). */
import { evaluate } from '../../src/core/engine';
import { flattenFindings } from '../../src/core/checks';
import { fullText } from '../../src/core/render/finding';
import { sampleReading, sampleValues } from '../helpers/sample';

test('10,000 project rows that do not add up: short messages, bounded marks and link columns', () => {
  const rows = sampleValues()['项目支出明细表'] as unknown[][];
  const many = [
    ...rows,
    ...Array.from({ length: 10_000 }, (_, i) => [`项目${i + 1}`, null, 1, 0, 1, 1, null]),
  ];
  const e = evaluate(sampleReading({ 项目支出明细表: many as never }));
  const sum = flattenFindings(e.findings)
    .map((x) => x.finding)
    .find((f) => f.operands.length > 10_000)!;
  expect(sum).toBeDefined();
  expect(fullText(sum)).toContain(`……等共 ${sum.operands.length} 个单元格`);
  expect(fullText(sum).length).toBeLessThan(3000);
  expect(e.plan.marks.length).toBeLessThan(1000);
  expect(Math.max(...e.plan.marks.map((m) => m.note.length))).toBeLessThan(4100);
  const findings = e.plan.sheets.find((s) => s.name === '问题清单')!;
  expect(Math.max(...findings.rows.map((r) => r.length))).toBeLessThanOrEqual(24);
});
