/**
 * One check failing on many rows of a table is one problem in the drafted texts (src/core/rowFindings.ts), while
 * every finding stays in the marks and the 问题清单. Rows of the sample's 项目支出明细表 are added, each with 预算总额
 * 1 against 年初预算 5 + 年中追加 1 = 6 (a gap of 5.00 万元).
 */
import { draftChecklist } from '../../src/core/checklist';
import { evaluate } from '../../src/core/engine';
import { draftLines } from '../../src/core/narrative';
import { draftReview } from '../../src/core/review';
import { ROW_FINDINGS_LISTED, ROWS_NAMED, textFindings } from '../../src/core/rowFindings';
import { failingRows } from '../helpers/failingRows';
import { sampleReading } from '../helpers/sample';

const withFailingRows = (n: number) => evaluate(sampleReading(failingRows(n, (i) => `新增项目${i + 1}`)));

const own = (id: string) => id.startsWith('sum.项目预算总额.新增项目');

describe('many failed rows of one table in the texts', () => {
  test(`up to ${ROW_FINDINGS_LISTED} rows each stay a problem of their own`, () => {
    const e = withFailingRows(ROW_FINDINGS_LISTED);
    expect(e.findings.filter((f) => own(f.id))).toHaveLength(ROW_FINDINGS_LISTED);
    expect(textFindings(e.findings)).toBe(e.findings);
  });

  const n = ROW_FINDINGS_LISTED + 11;
  const e = withFailingRows(n);
  const listed = textFindings(e.findings);

  test('past the bound they are one problem, in the place of the first, naming its first rows', () => {
    expect(e.findings.filter((f) => own(f.id))).toHaveLength(n);
    expect(listed.filter((f) => own(f.id))).toHaveLength(0);
    const g = listed.filter((f) => f.rule === 'sum.项目预算总额' && f.id.endsWith('.多行'));
    expect(g).toHaveLength(1);
    expect(listed.indexOf(g[0])).toBe(e.findings.findIndex((f) => own(f.id)));
    expect(listed).toHaveLength(e.findings.length - n + 1);
    expect(g[0].severity).toBe('错误');
    expect(g[0].title).toBe(`项目支出明细表 ${n} 行的项目预算总额与年初预算数、年中追加预算数之和不一致`);
    // The first rows named with their own figures, the rest counted.
    expect(g[0].detail).toMatch(
      /^第 \d+ 行“新增项目1”预算总额与年初预算数、年中追加预算数之和不一致（预算总额 1\.00 万元/
    );
    expect(g[0].detail).toContain('“新增项目3”');
    expect(g[0].detail).not.toContain('“新增项目4”');
    expect(g[0].detail).toMatch(new RegExp(`另有 ${n - ROWS_NAMED} 行同样不符$`));
    expect(g[0].operands).toHaveLength(3 * ROWS_NAMED);
  });

  test('every offending cell is still marked', () => {
    const marked = new Set(e.plan.marks.map((m) => m.address));
    for (const f of e.findings.filter((x) => own(x.id)))
      for (const o of f.operands) expect(marked).toContain(o.address);
  });

  test('the 审核意见 and the checklist state it once; the report still questions each row', () => {
    const input = { model: e.model, indicators: e.indicators, scores: e.scores, findings: e.findings };
    const memo = draftLines(draftReview(input)).join('');
    // Lines are joined without the spaces around figures.
    expect(memo).toContain(`3.项目支出明细表${n}行的项目预算总额与年初预算数、年中追加预算数之和不一致：第`);
    expect(memo).toContain(`另有${n - ROWS_NAMED}行同样不符`);
    expect(memo).not.toContain('“新增项目4”');
    const checklist = draftLines(draftChecklist(input, e.report)).join('');
    expect(checklist).not.toContain('“新增项目4”预算总额与');
    // The department's own table of projects flags each row's figures as in doubt.
    const report = draftLines(e.report).join('');
    expect(report).toMatch(new RegExp(`新增项目${n}【待核对`));
  });
});
