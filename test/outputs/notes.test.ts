/**
 * The note on a marked input cell, one renderer (render/finding.ts cellNote) for both hosts: it starts
 * with the point, states the figures as the cells show them (1,193.05 万元, whole headcounts), stays
 * within 120 characters and sends the reader to 问题清单 for the rest. Figures hand-checked against
 * samples/衡阳市科协-2021.json.
 */
import { TEMPLATE_ADDRESS } from '../../src/catalogue/layout';
import { flattenFindings } from '../../src/core/checks';
import { evaluate } from '../../src/core/engine';
import { CELL_NOTE_CHARS, cellNote } from '../../src/core/render/finding';
import type { Finding } from '../../src/core/results';
import { findingMarks } from '../../src/core/sheets/findingsSheet';
import { sampleReading } from '../helpers/sample';

const at = (name: string) => TEMPLATE_ADDRESS.get(name)!;
const result = evaluate(sampleReading());
const findings = result.findings;
const flat = flattenFindings(findings).map((x) => x.finding);
const marks = findingMarks(findings);
const noteAt = (name: string) => marks.find((m) => m.address === at(name))!.note;

describe('cell notes on the sample', () => {
  test('财拨 本年收入: 478.29 + 714.76 = 1,193.05 万元 against 780.19 as the cells show them, with the difference, then the list rows', () => {
    // 财拨_本年收入_合计 is in three findings: its own sum (2, after the 年度 error) and two folded under roots (2.1, 3.1).
    expect(noteAt('财拨_本年收入_合计')).toBe(
      '【错误】财政拨款本年收入合计与基本、项目支出之和不一致：应为 1,193.05 万元，实为 780.19 万元，差额 −412.86 万元。另有 2 项；详见“问题清单”第 2、2.1、3.1 条。'
    );
    // 基本支出 is in that one finding only.
    expect(noteAt('财拨_本年收入_基本')).toBe(
      '【错误】财政拨款本年收入合计与基本、项目支出之和不一致：应为 1,193.05 万元，实为 780.19 万元，差额 −412.86 万元。详见“问题清单”第 2 条。'
    );
  });

  test('headcounts are whole numbers: 18 + 2 = 20 in 人员情况表 against 21 in 基础数据', () => {
    expect(noteAt('基础_在职人数')).toBe(
      '【错误】基础数据表年末实际在职人数与机构人员情况表各单位年末实有在职人数之和不一致：应为 20 人，实为 21 人，差额 +1 人。详见“问题清单”第 10 条。'
    );
  });

  test('an upper bound says 上限 and 超出; a rate’s difference is in percentage points; a reversed sign says so', () => {
    const staff = marks.find((m) => /对个人和家庭的补助/.test(m.note))!;
    expect(staff.note).toMatch(/：上限 66\.73 万元，实为 77\.14 万元，超出 10\.41 万元。/);
    expect(noteAt('基础_预算完成率')).toMatch(/：应为 99\.52%，实为 99\.59%，差额 \+0\.07 个百分点。/);
    expect(noteAt('基础_结转结余变动率')).toMatch(
      /^【错误】结转结余变动率正负号有误（应为下降 93\.34%）：正负号有误，应为 −93\.34%，实为 93\.33%。/
    );
  });

  test('a line lacking an input is 待补: its blank cells get no 错误 or 提示 mark, the finding names what is missing', () => {
    const f = flat.find((x) => x.id === 'score.pending.预算执行.政府采购执行率')!;
    expect(f.severity).toBe('待补');
    expect(marks.find((x) => x.address === at('基础_政府采购实际'))).toBeUndefined();
    expect(marks.find((x) => x.address === at('基础_政府采购预算'))).toBeUndefined();
    expect(cellNote(f, ['24'])).toBe(
      `【待补】“政府采购执行率”缺计算所需数据，无法计分：缺 ${at('基础_政府采购实际')} 实际政府采购金额、${at('基础_政府采购预算')} 政府采购预算数。详见“问题清单”第 24 条。`
    );
  });

  test(`every note on the sample starts with its severity and title and keeps within ${CELL_NOTE_CHARS} characters`, () => {
    expect(marks.length).toBeGreaterThan(50);
    for (const m of marks) {
      expect(m.note.length).toBeLessThanOrEqual(CELL_NOTE_CHARS);
      expect(m.note).toMatch(/^【(错误|提示)(·已说明)?】[^：]{4}/);
      expect(m.note).toMatch(/详见“问题清单”第 [\d.、 等]+ 条。$/);
      // Amounts of four digits or more carry a thousands separator, as the cells show them.
      expect(m.note).not.toMatch(/\d{4}\.\d{2} 万元/);
    }
  });

  test(`over every sample finding, even with long explanations and many list rows, a note keeps within ${CELL_NOTE_CHARS} characters`, () => {
    expect(flat.length).toBeGreaterThan(30);
    const refs = Array.from({ length: 12 }, (_, i) => `${i + 10}.${i + 1}`);
    for (const f of flat) {
      const explained: Finding = {
        ...f,
        explanation: '说明'.repeat(100),
        title: `${f.title}${'很长的标题'.repeat(30)}`,
      };
      for (const note of [cellNote(f, ['1']), cellNote(f, refs), cellNote(explained, refs)]) {
        expect(note.length).toBeLessThanOrEqual(CELL_NOTE_CHARS);
        // The reference to the list is never cut off.
        expect(note).toMatch(/详见“问题清单”第 .+ 条。$/);
      }
      expect(cellNote(f, refs)).toMatch(/另有 11 项；详见“问题清单”第 10\.1、11\.2、12\.3 等 12 条。$/);
      expect(cellNote(explained, ['1'])).toMatch(/^【(错误|提示|待补)·已说明】/);
    }
  });
});
