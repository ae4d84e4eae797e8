/**
 * 效果's evidence goes to the indicator it speaks of: where several 三级 of one 二级 share their declared words,
 * each of the department's items goes to the line it names, not to the first of the 二级.
 */
import { EVIDENCE } from '../../src/catalogue/report/evidence';
import { D } from '../../src/core/decimal';
import type { DepartmentItem } from '../../src/core/reportContract';
import { assignItems } from '../../src/core/reportEvidence';
import type { ScoreLine } from '../../src/core/results';

const line = (level2: string, level3: string, points: number): { line: ScoreLine } => ({
  line: { level1: '效果', level2, level3, points: new D(points), score: new D(points), standard: '' },
});

const item = (heading: string, text: string): DepartmentItem => ({
  heading,
  paragraphs: [{ text, sources: [] }],
});

describe('效果 evidence by indicator', () => {
  // Made-up items, each about one matter of 社会效益 (the keywords of its declaration: 科普, 素质, 乡村, 青少年 …).
  const literacy = item('提升全民科学素质', '开展科普宣传活动12场，公民科学素质达标率提高到11%。');
  const farming = item('科普惠农助力乡村振兴', '建成科普惠农服务站8个，培训农民科普骨干300人次。');
  const youth = item('青少年科普教育', '举办青少年科普竞赛3场，参赛学生2000人。');

  test('three lines of 社会效益: each item goes to the line whose name it speaks of', () => {
    const lines = [
      line('社会效益', '提高全民科学素质', 4),
      line('社会效益', '科普惠农', 4),
      line('社会效益', '重视青少年科普教育', 4),
    ];
    const got = assignItems(lines, [youth, farming, literacy], EVIDENCE);
    expect(lines.map((l) => (got.get(l) ?? []).map((i) => i.heading))).toEqual([
      ['提升全民科学素质'],
      ['科普惠农助力乡村振兴'],
      ['青少年科普教育'],
    ]);
  });

  test('a 二级 that is its one line takes every item of its matter', () => {
    const social = line('社会效益', '社会效益', 14);
    const got = assignItems([social], [youth, farming, literacy], EVIDENCE);
    expect(got.get(social)).toHaveLength(3);
  });
});
