/**
 * Slips in the department's own words (src/catalogue/report/textSlips.ts): each declared pattern alone, on
 * words that must and must not fire it; then the sample department through the engine, where the remarks go
 * to the preparer (Word comments, 报送前核对清单) and the quoted words and the findings stay as they were.
 */
import { TASK_NOT_DONE, TEXT_SLIPS } from '../../src/catalogue/report/textSlips';
import { draftChecklist } from '../../src/core/checklist';
import { evaluate } from '../../src/core/engine';
import { draftLines, draftRemarks } from '../../src/core/narrative';
import { taskSlips, textSlips } from '../../src/core/textSlips';
import { sampleModel, sampleReading, sampleValues } from '../helpers/sample';
import type { CellValue } from '../../src/core/types';

/** What one entry alone finds in a text: its matches that stand. */
function found(id: string, text: string): string[] {
  const slip = TEXT_SLIPS.find((s) => s.id === id)!;
  return [...text.matchAll(slip.pattern)]
    .filter((m) => !slip.stands || slip.stands(text, m.index))
    .map((m) => m[0]);
}

const CASES: Record<string, { fires: Array<[string, string]>; not: string[] }> = {
  截至目前: {
    fires: [
      ['截止目前，我市已有280余家企业入驻', '截止目前'],
      ['截至目前共培训100人', '截至目前'],
      ['截止到目前为止', '截止到目前'],
      ['截至当前，已完成', '截至当前'],
    ],
    not: ['截至2021年底，已完成', '申报截止日期为6月30日', '目前已完成'],
  },
  截止作截至: {
    fires: [
      ['截止2021年底，共完成', '截止'],
      ['截止到12月31日', '截止到'],
    ],
    not: ['截至2021年底', '申报截止日期', '截止目前', '报名于3月截止'],
  },
  目前: {
    fires: [
      ['目前衡东洣水国家湿地公园已成功通过', '目前'],
      ['到目前为止，共举办12场', '目前'],
    ],
    not: ['截止目前，已完成', '截至目前，已完成', '截至2021年底，已完成', '当前形势下'],
  },
  今年: {
    fires: [
      ['于今年8月顺利推动', '今年8月'],
      ['今年5月，我市成功获批', '今年5月'],
      ['去年12月5日召开', '去年12月5日'],
      ['明年将继续', '明年'],
    ],
    not: ['2021年8月顺利推动', '本年收入合计', '年度工作目标', '全年共培训'],
  },
  当月: {
    fires: [
      ['排名从52名提升至24名，当月已排在第5位', '当月'],
      ['本月完成验收', '本月'],
    ],
    not: ['2021年8月启动，当月即完成', '基本月工资', '马上月底完成', '按月报送'],
  },
  近日: {
    fires: [['近日，我会召开座谈会', '近日']],
    not: ['2021年12月20日，我会召开座谈会', '临近日期时提醒', '接近日均水平'],
  },
  '超…余': {
    fires: [
      ['上载量超200余次', '超200余次'],
      ['超过1000余人参加', '超过1000余人'],
      ['超 100 余人次', '超 100 余人次'],
    ],
    not: ['注册量超22万人', '发布各类信息150余条', '超额完成100余项', '赶超200余家'],
  },
  '约…余': {
    fires: [
      ['全年共培训学生约500余人', '约500余人'],
      ['大约300余家', '大约300余家'],
      ['约五百余人', '约五百余人'],
    ],
    not: ['约500人', '注册专家150余人', '节约100余万元', '签约50余家企业', '制约300余户'],
  },
};

describe('each declared slip alone', () => {
  test('every entry has its cases', () => {
    expect(Object.keys(CASES).sort()).toEqual(TEXT_SLIPS.map((s) => s.id).sort());
  });
  for (const [id, { fires, not }] of Object.entries(CASES)) {
    test.each(fires)(`${id} fires on “%s” (“%s”)`, (text, match) => {
      expect(found(id, text)).toEqual([match]);
    });
    test.each(not)(`${id} stays quiet on “%s”`, (text) => {
      expect(found(id, text)).toEqual([]);
    });
  }
});

describe('the remarks', () => {
  test('each slip in words the preparer can act on, the year given where the text has none', () => {
    expect(
      textSlips(
        '于今年8月顺利推动；截止目前，我市已有；当月已排在第5位；上载量超200余次；约500余人',
        '2021'
      ).map((h) => h.remark)
    ).toEqual([
      '“今年8月”：请写明年份（如2021年8月）',
      '“截止目前”：请写明截至日期（如截至2021年12月31日）；表示“到某时为止”应写“截至”，不写“截止”',
      '“当月”：请写明年月',
      '“超200余次”：“超”与“余”重复，请留其一（如“200余次”或“超200次”）',
      '“约500余人”：“约”与“余”重复，请留其一（如“500余人”或“约500人”）',
    ]);
  });

  test('without the year no year is guessed', () => {
    expect(textSlips('去年12月召开；目前已完成', null).map((h) => h.remark)).toEqual([
      '“去年12月”：请写明年份',
      '“目前”：请写明时点',
    ]);
  });

  test('ordinary text gets none', () => {
    const plain =
      '2021年全年共举办科普活动120场，参与群众约5000人，培训基层科普骨干300余人次，注册量超22万人。截至2021年12月31日，预算执行率为99.52%；申报截止日期为6月30日，按月报送。';
    expect(textSlips(plain, '2021')).toEqual([]);
  });
});

describe('a task marked 已完成 whose 说明 says it was not', () => {
  test.each([
    '请求市财政增加科普经费未能通过',
    '方案未通过评审',
    '年度目标未完成',
    '未达到人均1元标准',
    '尚未最终定稿',
  ])('“%s” says not done', (said) => expect(TASK_NOT_DONE.test(said)).toBe(true));

  test.each([
    '已按期完成',
    '未能按时完成，已于次年1月办结',
    '无未完成事项',
    '质量未达预期',
    '重点工作完成情况良好',
  ])('“%s” does not', (said) => expect(TASK_NOT_DONE.test(said)).toBe(false));

  test('the sample: only the task marked 是 whose 说明 says 未能通过 (编撰…人物志 is marked 否)', () => {
    expect(taskSlips(sampleModel()).map((t) => t.remark)).toEqual([
      '任务“争取市本级科普经费达到人均1元标准”在产出任务表中标为已完成，但说明称“请求市财政增加科普经费未能通过”：请核对该任务的“是否完成”，改正后重新生成报告；如实未完成，实际完成数、及时完成数及其比率和得分随之改变',
    ]);
  });

  test('marked 否, the same 说明 contradicts nothing', () => {
    const rows = (sampleValues()['产出任务表'] as CellValue[][]).map((r) => [...r]);
    rows[3][2] = '否';
    expect(taskSlips(sampleModel({ 产出任务表: rows }))).toEqual([]);
  });
});

describe('the sample department: remarks to the preparer, the words and the findings as they were', () => {
  const evaluation = evaluate(sampleReading());
  const draft = evaluation.report;
  const remarks = draftRemarks(draft);

  test('the report still quotes the department as it wrote', () => {
    const text = draftLines(draft).join('\n');
    for (const words of ['今年8月', '截止目前', '当月已排在第5位', '超200余次', '约500余人'])
      expect(text).toContain(words);
  });

  test('each slip is a remark on the paragraphs that quote it', () => {
    expect(remarks).toEqual(
      expect.arrayContaining([
        '“今年8月”：请写明年份（如2021年8月）',
        '“今年5月”：请写明年份（如2021年5月）',
        '“截止目前”：请写明截至日期（如截至2021年12月31日）；表示“到某时为止”应写“截至”，不写“截止”',
        '“当月”：请写明年月',
        '“目前”：请写明时点（如截至2021年底）',
        '“超200余次”：“超”与“余”重复，请留其一（如“200余次”或“超200次”）',
        '“约500余人”：“约”与“余”重复，请留其一（如“500余人”或“约500人”）',
        '任务“争取市本级科普经费达到人均1元标准”在产出任务表中标为已完成，但说明称“请求市财政增加科普经费未能通过”：请核对该任务的“是否完成”，改正后重新生成报告；如实未完成，实际完成数、及时完成数及其比率和得分随之改变',
      ])
    );
    // The 职责履行 paragraph that states the task 已完成 beside its 说明 carries the task's remark.
    const duty = draft.sections
      .flatMap((s) => s.blocks)
      .find((b) => b.kind === 'paragraph' && b.text.startsWith('年度工作任务完成情况：'))!;
    expect(duty.remarks).toEqual([expect.stringMatching(/^任务“争取市本级科普经费/)]);
  });

  test('no finding is added: the slips are remarks only', () => {
    const texts = evaluation.findings.map((f) => JSON.stringify(f));
    expect(texts.some((t) => /截止目前|今年8月|超200余次|未能通过/.test(t))).toBe(false);
  });

  test('the checklist lists each once, with where the report quotes it, apart from the figures to correct', () => {
    const checklist = draftChecklist(
      {
        model: evaluation.model,
        indicators: evaluation.indicators,
        scores: evaluation.scores,
        findings: evaluation.findings,
      },
      draft
    );
    const section = (heading: string) =>
      checklist.sections
        .find((s) => s.heading === heading)!
        .blocks.map((b) => (b.kind === 'paragraph' ? b.text : ''));
    const slips = section('报告引用的本单位原文中须改正的表述');
    expect(slips).toHaveLength(8);
    // 效果 (六（四）) quotes only the clauses of 五 that give counts, not 五's “截止目前”: the slip is where 五 says it.
    expect(slips).toContainEqual(
      expect.stringMatching(
        /^\d\.“截止目前”：请写明截至日期（如截至2021年12月31日）；表示“到某时为止”应写“截至”，不写“截止”（五（三）[^；]+；五（四）[^；]+）。$/
      )
    );
    expect(slips).toContainEqual(
      expect.stringMatching(
        /^\d\.任务“争取市本级科普经费达到人均1元标准”在产出任务表中标为已完成.*（六（三）1\.职责履行；八（五）年度工作任务完成情况有待提高）。$/
      )
    );
    expect(section('报表中须更正的数（报告中如何表述见各项）').join('\n')).not.toMatch(
      /截止目前|今年8月|任务“/
    );
  });
});
