import { TEMPLATE_ADDRESS } from '../../src/catalogue/layout';
import { MEASURES, DEFAULT_MEASURE } from '../../src/catalogue/report/measures';
import { measureFor as measureIn } from '../../src/core/reportEvidence';
const measureFor = (...keys: string[]) => measureIn(MEASURES, DEFAULT_MEASURE, ...keys);
import {
  ReportDraft,
  ReportSection,
  draftReport,
  draftLines,
  draftRemarks,
  memoValues,
  reportContext,
  sectionTitle,
  Writer,
  widensAnother,
} from '../../src/core/narrative';
import { INPUT_BY_NAME } from '../../src/catalogue/inputs';
import { doubtedInputs, unexplainedNotices } from '../../src/core/doubt';
import { reconcile } from '../../src/core/reconcile';
import type { Finding } from '../../src/core/results';
import { chineseNumber, direction, GROWTH, points } from '../../src/core/reportWords';
import { D } from '../../src/core/decimal';
import type { InputValues } from '../../src/core/fill';
import { computeIndicators } from '../../src/core/indicators';
import { rulebookFromModel } from '../../src/core/rulebook';
import { scoreAll } from '../../src/core/scoring';
import { runChecks } from '../../src/core/checks';
import { ownScores } from '../../src/core/voice';
import { sampleModel } from '../helpers/sample';
import { failedIdentities } from '../../src/core/causes';
import { TASK_CAUSE_WORDS } from '../../src/catalogue/report/words';
import { evidenceClause } from '../../src/catalogue/report/sections/closing';
import { handFindings, handIndicators, handScores } from '../helpers/reportFixtures';

function draft(overrides: InputValues = {}, withResults = true): ReportDraft {
  const model = sampleModel(overrides);
  return withResults
    ? draftReport({
        model,
        indicators: handIndicators(model),
        scores: handScores(),
        findings: handFindings(model),
      })
    : draftReport({ model, indicators: [], scores: null, findings: [] });
}

function section(d: ReportDraft, id: string): ReportSection {
  const s = d.sections.find((x) => x.id === id);
  if (!s) throw new Error(`no section ${id}: ${d.sections.map((x) => x.id).join(', ')}`);
  return s;
}

function texts(d: ReportDraft, id: string): string[] {
  return section(d, id).blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
}

/** Sections under a parent id (generated ones are `parent/child`). */
function children(d: ReportDraft, parentIndex: number): ReportSection[] {
  const parent = d.sections[parentIndex];
  const out: ReportSection[] = [];
  for (let i = parentIndex + 1; i < d.sections.length && d.sections[i].level > parent.level; i++)
    if (d.sections[i].level === parent.level + 1) out.push(d.sections[i]);
  return out;
}

const sample = draft();

describe('outline and numbering', () => {
  test('title from 单位名称 and 评价年度', () => {
    expect(sample.title).toBe('衡阳市科学技术协会2021年度部门整体支出绩效自评报告');
    expect(sample.titleSources!.map((s) => s.name)).toEqual(['单位名称', '评价年度']);
  });

  test("first-level headings are numbered 一 to 十一 in order, once each (the 湖南 outline's closing parts included)", () => {
    expect(sample.sections.filter((s) => s.level === 1).map(sectionTitle)).toEqual([
      '一、部门概况',
      '二、部门整体收支情况',
      '三、一般公共预算收支情况',
      '四、其他资金收支情况',
      '五、部门整体履职情况',
      '六、部门整体绩效评价情况分析',
      '七、综合评价结论',
      '八、存在的主要问题',
      '九、下一步改进措施',
      '十、自评结果拟应用和公开情况',
      '十一、其他需要说明的情况',
    ]);
    expect(sample.sections[0]).toMatchObject({ level: 0, number: '', id: '前言' });
  });

  test('second-level numbers restart under each first-level heading', () => {
    const i = sample.sections.findIndex((s) => s.id === '部门概况');
    expect(children(sample, i).map(sectionTitle)).toEqual([
      '（一）基本情况',
      '（二）部门职能职责',
      '（三）机构设置',
      '（四）机构人员',
      '（五）2021年度工作目标及工作计划',
    ]);
    const j = sample.sections.findIndex((s) => s.id === '其他资金');
    expect(children(sample, j).map(sectionTitle)).toEqual(['（一）其他收入', '（二）其他支出']);
  });

  test("the department's own “一、” headings in 履职情况 are renumbered under 五, not doubled", () => {
    const i = sample.sections.findIndex((s) => s.id === '履职情况');
    expect(children(sample, i).map(sectionTitle)).toEqual([
      '（一）全面推进党的建设，思想引领常抓不懈',
      '（二）扎实推进改革创新，组织系统不断优化',
      '（三）努力推进创新驱动，“科创中国”试点先行',
      '（四）积极推进科学普及，全民科学素质稳步提升',
    ]);
    // No heading anywhere carries a hard-coded first-level number twice.
    const titles = sample.sections.filter((s) => s.level === 1).map((s) => s.number);
    expect(new Set(titles).size).toBe(titles.length);
  });

  test('headings are never written with numbers: skipping nothing, adding nothing shifts them', () => {
    expect(chineseNumber(1)).toBe('一');
    expect(chineseNumber(10)).toBe('十');
    expect(chineseNumber(12)).toBe('十二');
    expect(chineseNumber(20)).toBe('二十');
    for (const s of sample.sections)
      expect(s.heading).not.toMatch(/^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）/);
  });
});

describe('section texts on the sample department', () => {
  test('一（四） staff: each unit from 人员情况表; the 基础数据 totals only without the rows (六 states them)', () => {
    expect(texts(sample, '部门概况.人员情况')).toEqual([
      '市科协（机关本部及后勤服务）编制数19名，截至2021年12月31日实有在职人员18人、退休人员21人。',
      '衡阳市青少年科技活动中心编制数4名，截至2021年12月31日实有在职人员2人。',
    ]);
    expect(texts(draft({ 人员情况表: [] }), '部门概况.人员情况')).toContainEqual(
      '根据部门整体支出绩效评价基础数据表，全部门编制数23名，年末实际在职人数21人。'
    );
  });

  test('一 texts the department wrote are quoted verbatim', () => {
    expect(texts(sample, '部门概况.基本情况')[0]).toBe(
      '衡阳市科学技术协会成立于1958年12月，是衡阳市科学技术工作者的群众团体，由中共衡阳市委领导。'
    );
    const duties = texts(sample, '部门概况.职能职责');
    expect(duties).toHaveLength(8);
    expect(duties[7]).toBe('8.完成市委、市政府交办的其他任务。');
  });

  test('二 income by source, spending by fund source / nature / economic class', () => {
    // The hand-made findings put 一般公共预算财政拨款收入 and 本年支出合计 in doubt: each carries its 【待核对】.
    expect(texts(sample, '整体收支.收入')).toEqual([
      '2021年度部门实际取得各项收入合计1351.58万元，其中：一般公共预算财政拨款收入【待核对：1193.05万元；一般公共预算收入前后不一致】、其他收入158.53万元。',
      '本部门无政府性基金预算收支。',
    ]);
    expect(texts(sample, '整体收支.支出')).toEqual([
      '根据部门决算报表，2021年度部门整体支出【待核对：1355.62万元；支出合计不等于各项之和】，其中：一般公共预算财政拨款支出1197.09万元、其他资金支出158.53万元。',
      '部门整体支出按支出性质分类为：基本支出478.29万元、项目支出877.32万元。基本支出中人员经费382.14万元、日常公用经费96.15万元。',
      '部门整体支出按支出经济分类为：工资福利支出333.11万元、商品和服务支出955.78万元、对个人和家庭的补助66.73万元。',
    ]);
  });

  test('二（三） carry-over: the blank year-end total is the sum of its parts (0.00 + 0.00), and 4.04 + 1351.58 − 1355.62 = 0.00 holds', () => {
    // Two sources agree on 0.00 (the parts, and the balance); a difference of two figures is not stated (not an input).
    expect(texts(sample, '整体收支.结转结余')).toEqual([
      '2021年年初结转和结余4.04万元，其中：一般公共预算财政拨款结转和结余4.04万元、其他资金结转和结余0.00万元。',
      // 二（二） named what its 【待核对】 is about: here the figure and the matter, self-contained (never the value
      // alone: a 【待核对】 says what the figure is checked against).
      '2021年度本年收入合计1351.58万元，本年支出合计【待核对：1355.62万元；支出合计不等于各项之和】，年末结转和结余0.00万元。',
    ]);
  });

  test('direction words follow the sign; a balance that does not hold names both sides', () => {
    // A balance that does not hold is never stated as if it did: the placeholder names both figures.
    expect(texts(draft({ 支出_本年支出合计: 1300 }), '整体收支.结转结余')[1]).toContain(
      '【待核对：年初结转和结余加本年收入减本年支出为55.62万元，年末结转和结余为0.00万元】'
    );
    const closed = texts(draft({ 结转_合计_年末: 0 }), '整体收支.结转结余')[1];
    expect(closed).toBe(
      '2021年度本年收入合计1351.58万元，本年支出合计【待核对：1355.62万元；支出合计不等于各项之和】，年末结转和结余0.00万元。'
    );
    expect(direction(new D('-0.01'), GROWTH)).toBe('下降');
    expect(direction(new D(0), GROWTH)).toBe('持平');
  });

  test('三 一般公共预算: the 财拨 grid as a table, budget and its adjustment with direction', () => {
    const s = section(sample, '一般公共预算');
    // 本年收入 is in doubt: the table states the grid, each figure of the failed sum with its marker and a note.
    expect(texts(sample, '一般公共预算')[0]).toBe('2021年度一般公共预算财政拨款收支及结转结余情况如下：');
    const t = s.blocks.find((b) => b.kind === 'table')!;
    expect(t.kind === 'table' && t.rows).toEqual([
      ['年初结转和结余', '0.00', '4.04', '4.04'],
      ['本年收入', '478.29【待核对①】', '714.76', '780.19【待核对①】'],
      ['本年支出', '478.29', '718.79', '836.79'],
      ['年末结转和结余', '0.00', '0.00', '0.00'],
    ]);
    expect(t.kind === 'table' && t.notes).toEqual([
      '【待核对①：财政拨款本年收入合计不等于基本支出与项目支出之和】',
    ]);
    // Without a figure in doubt, the sentence states the grid and the balance it fails.
    const clean = draftReport({
      model: sampleModel(),
      indicators: [],
      scores: null,
      findings: handFindings(sampleModel()).filter(
        (f) => !f.operands.some((o) => o.name.startsWith('财拨_'))
      ),
    });
    expect(texts(clean, '一般公共预算')[0]).toBe(
      '2021年度一般公共预算财政拨款年初结转和结余4.04万元，本年收入780.19万元，本年支出836.79万元，年末结转和结余0.00万元【待核对：本年支出超过年初结转和结余与本年收入之和52.56万元，年末结转和结余为0.00万元】。明细如下：'
    );
    expect(texts(sample, '一般公共预算.收入')).toEqual([
      '2021年年初经批复的一般公共预算财政拨款预算700.99万元，其中：基本支出294.99万元、项目支出406.00万元。',
      '年中追加预算654.62万元，其中：基本支出追加183.30万元、项目支出追加471.32万元。',
      '经追加调整后的预算为1193.05万元，其中：基本支出478.29万元、项目支出714.76万元。',
    ]);
    const cut = texts(
      draft({ 财拨_年中追加_合计: -20, 财拨_年中追加_基本: -20, 财拨_年中追加_项目: 0 }),
      '一般公共预算.收入'
    )[1];
    expect(cut).toBe('年中调减预算20.00万元，其中：基本支出调减20.00万元、项目支出无调整。');
  });

  test('三 basic spending and the project table (sub-items under 其中, 合计 as stated)', () => {
    expect(texts(sample, '一般公共预算.支出/基本支出')).toEqual([
      '一般公共预算财政拨款基本支出393.23万元，其中：人员经费348.16万元、日常公用经费45.07万元。',
    ]);
    const s = section(sample, '一般公共预算.支出/项目支出');
    expect(sectionTitle(s)).toBe('2. 项目支出情况');
    const t = s.blocks.find((b) => b.kind === 'table');
    if (t?.kind !== 'table') throw new Error('no project table');
    expect(t.header).toEqual(['序号', '项目', '年初预算数', '年中追加预算数', '预算总额', '年度决算数']);
    expect(t.rows[0]).toEqual(['1', '科普经费', '376.00', '338.76', '684.76', '688.79']);
    expect(t.rows[1]).toEqual(['', '其中：科学普及工作', '', '', '', '52.35']);
    expect(t.rows[7]).toEqual(['2', '老年科协经费', '30.00', '0.00', '30.00', '30.00']);
    expect(t.rows[8]).toEqual(['', '合计', '406.00', '338.76', '714.76', '718.79']);
  });

  test('四 其他资金 with the 其他收入明细 rows', () => {
    expect(texts(sample, '其他资金')[0]).toBe(
      '2021年度其他资金年初结转和结余0.00万元，本年收入158.53万元，本年支出158.53万元，年末结转和结余0.00万元。'
    );
    expect(texts(sample, '其他资金.收入')[0]).toBe(
      '2021年度取得其他收入158.53万元，其中：2021年大数据科技传播与应用高峰论坛费用100.00万元；衡阳市委人才办拨付院士专家工作站支持经费50.00万元；市委两新办拨款3.20万元；市直机关工委党建经费3.00万元；机关事务服务中心拨付返佣2.33万元。'
    );
    expect(texts(sample, '其他资金.支出')[0]).toBe(
      '2021年度其他资金支出158.53万元，其中：日常公用经费5.33万元、项目支出153.20万元。'
    );
  });

  test('六 per 一级 / 二级: value, formula, score, 扣分原因, and 偏差原因 from the explained finding', () => {
    const i = sample.sections.findIndex((s) => s.id === '绩效分析');
    expect(children(sample, i).map(sectionTitle)).toEqual(['（一）投入情况', '（二）过程情况']);
    const level3 = sample.sections
      .filter((s) => s.id.startsWith('绩效分析/') && s.level === 3)
      .map(sectionTitle);
    expect(level3).toEqual([
      '1. 目标设定（满分6分，得分5分）',
      '2. 预算配置（满分2分，得分2分）',
      '1. 预算执行（满分2分，得分1.2分）',
    ]);
    // The 二级's 说明 written item by item (①…；②…) is each line's evidence, in the department's words.
    expect(texts(sample, '绩效分析/投入/目标设定')).toEqual([
      '①绩效目标合理性：绩效目标有待更加详细。本项得2.5分，扣0.5分。',
      '②绩效指标明确性：绩效指标有待更加明确。本项得2.5分，扣0.5分。',
    ]);
    expect(texts(sample, '绩效分析/投入/预算配置')).toEqual([
      '①在职人员控制率：年末实际在职人数21人、编制数23名，在职人员控制率为91.30%，在职人数未超过编制数，人员控制较好。本项得满分。',
      // The dimension's 小结 follows its last 二级 in reading order.
      '小结：“投入情况”维度，满分8分，实际得分7分。',
    ]);
    expect(texts(sample, '绩效分析/过程/预算执行')).toEqual([
      '①公用经费控制率：公用经费决算数45.07万元、公用经费预算数41.76万元，公用经费控制率为107.93%，超出预算7.93%。本项得1.2分，扣0.8分。偏差原因：主要是人员增加影响。',
      '小结：“过程情况”维度，满分2分，实际得分1.2分。',
    ]);
    expect(texts(sample, '绩效分析/投入')).toEqual([
      '分别设置“目标设定”、“预算配置”2个二级指标、3个三级指标进行评价。',
    ]);
  });

  test('七 score table, total and grade (totals from the score sheet, never re-added)', () => {
    expect(texts(sample, '评价结论')[0]).toBe(
      '2021年度部门整体支出绩效评价自评得分为8.2分。其中，投入7分，过程1.2分，综合绩效级别为“良”（绩效评价指标评分表详见附件1）。'
    );
    const t = section(sample, '评价结论').blocks.find((b) => b.kind === 'table');
    expect(t?.kind === 'table' && t.rows).toEqual([
      // Scores in the table to two decimals, so the column reads alike.
      ['投入', '8', '7.00'],
      ['过程', '2', '1.20'],
      ['合计', '10', '8.20'],
      ['综合绩效级别', '', '良'],
    ]);
  });

  test('a claim its lines do not add up to: one 【待补】 naming the line to settle, both figures in the remark', () => {
    // Made-up claims: 过程 2 and a total of 9.5, where 公用经费控制率 earns 1.2 and the lines add up to 8.2.
    const sheet = handScores();
    sheet.groups.find((g) => g.name === '过程')!.claimed = new D(2);
    sheet.claimedTotal = new D('9.5');
    const model = sampleModel();
    const d = draftReport({
      model,
      indicators: handIndicators(model),
      scores: sheet,
      findings: handFindings(model),
    });
    const [text] = section(d, '评价结论').blocks;
    // The sheet grades its own 8.2 良; 9.5, by the bands, 差: the grade waits with the total.
    expect(text.kind === 'paragraph' && text.text).toBe(
      '2021年度部门整体支出绩效评价自评得分为【待补：按附件1核对后的总分】。其中，投入7分，过程【待补：核对公用经费控制率得分后的过程得分】，综合绩效级别为【待补：按总分确定的级别】（绩效评价指标评分表详见附件1）。'
    );
    expect(text.remarks).toEqual([
      '得分待定：自评总分9.5分（“差”），按所列数据计8.2分（“良”）（过程自评2分、按所列数据计1.2分）；请按附件1核对各项得分，改正自评得分后重新生成报告。',
    ]);
    const t = section(d, '评价结论').blocks.find((b) => b.kind === 'table');
    expect(t?.kind === 'table' && t.rows).toEqual([
      ['投入', '8', '7.00'],
      ['过程', '2', '【待补：核对公用经费控制率得分后的得分】'],
      ['合计', '10', '【待补：按附件1核对后的总分】'],
      ['综合绩效级别', '', '【待补：按总分确定的级别】'],
    ]);
    // 六: the 二级 heading and the 小结 carry the same 【待补】; the remark goes to the 二级's first paragraph and the 小结.
    expect(d.sections.map(sectionTitle)).toContain(
      '1. 预算执行（满分2分，得分【待补：核对公用经费控制率得分后的预算执行得分】）'
    );
    const [first, summary] = section(d, '绩效分析/过程/预算执行').blocks;
    expect(first.remarks).toContain(
      '得分待定：预算执行自评2分，按所列数据计1.2分（公用经费控制率1.2分）；请核对这些指标的数据和得分，改正自评得分后重新生成报告。'
    );
    expect(summary.kind === 'paragraph' && summary.text).toBe(
      '小结：“过程情况”维度，满分2分，实际得分【待补：核对公用经费控制率得分后的过程得分】。'
    );
    expect(summary.remarks).toEqual([
      '得分待定：过程自评2分，按所列数据计1.2分（公用经费控制率1.2分）；请核对这些指标的数据和得分，改正自评得分后重新生成报告。',
    ]);
    // 附件1 states one total as well; its remark goes with its table.
    expect(d.appendix!.table.rows.at(-2)).toEqual([
      '合计',
      '',
      '',
      '10',
      '【待补：各项得分核对后合计的总分】',
      '',
      '',
    ]);
    expect(d.appendix!.table.rows.at(-1)).toEqual([
      '综合绩效级别',
      '',
      '',
      '',
      '【待补：按总分确定的级别】',
      '',
      '',
    ]);
    expect(d.appendix!.table.remarks).toContain(text.remarks![0]);
    expect(draftLines(d).some((l) => /【待核对[^】]*(分或|按所列数据计[\d.]+分（)/.test(l))).toBe(false);
  });

  test('八 performance problems with their causes, merged with the department’s own item on the same matter; 九 answers them item by item', () => {
    const i = sample.sections.findIndex((s) => s.id === '存在问题');
    // Only points lost are problems: the 4 contradicted figures are data-entry errors (审核意见, 核对清单), not performance.
    // The department's items on 预算资金 and 业务管理 match no lost points here: its report still states them, in
    // its own words and order, after the problems that lost points (the 审核意见 asks which indicator they touch).
    expect(children(sample, i).map(sectionTitle)).toEqual([
      '（一）绩效目标编制水平有待提高',
      '（二）公用经费支出超出预算',
      '（三）预算资金使用执行有待规范',
      '（四）业务管理工作需要加强',
    ]);
    // No line's score speaks to it (no deduction, no full marks it contradicts): a 【待补】 asks which indicator it
    // cost points on, or why none (as the 审核意见 asks), rather than a cause for a problem that cost nothing.
    expect(texts(sample, '存在问题/单位所列问题2')).toEqual([
      '科创中国试点城市建设排名尚有提升空间。【待补：该问题的具体表现及原因】。',
    ]);
    expect(texts(sample, '存在问题/绩效目标')).toEqual([
      '部门整体绩效目标及指标设定过于宽泛，各部室绩效目标不够明确，没有量化评价指标，绩效目标对于年度工作开展缺乏指导性。',
      // The 说明 of each line is in 六 and 附件1, and the department's own item says it here: not a third time.
      // Neither says why (no 主要是/由于…): the cause is asked for.
      '绩效目标合理性扣0.5分；绩效指标明确性扣0.5分。主要原因：【待补：绩效目标编制水平有待提高的原因】。',
    ]);
    // The figures, in words, and the cause the department gave in 出错说明.
    expect(texts(sample, '存在问题/公用经费')).toEqual([
      '公用经费控制率为107.93%，超出预算7.93%，扣0.8分。主要原因：人员增加影响。',
    ]);
    const j = sample.sections.findIndex((s) => s.id === '改进措施');
    expect(children(sample, j).map(sectionTitle)).toEqual([
      '（一）加强绩效管理理念，提高绩效目标编制质量',
      '（二）严格控制公用经费支出',
      // The department's own measure on 资金使用 answers its 预算资金 item; it wrote none on 业务管理.
      '（三）提高资金使用的规范性',
      '（四）【待补：针对“业务管理工作需要加强”的改进措施】',
    ]);
    expect(texts(sample, '改进措施/单位所列问题1')[0]).toBe(
      '1.严格按照国家财经法规和财务管理制度的规定以及有关专项资金管理办法的规定来管理和使用各项资金。'
    );
    expect(texts(sample, '改进措施/单位所列问题2')).toEqual([]);
    expect(texts(sample, '改进措施/绩效目标')[0]).toBe(
      '1.提高思想认识，树立绩效管理理念，统一思想，重视绩效目标编制工作。'
    );
    expect(texts(sample, '改进措施/公用经费')[0]).toBe(MEASURES.find((m) => m.id === '公用经费')!.measure);
  });

  test('八: a problem no line’s score speaks to is asked which indicator it cost points on, whether or not it gives its cause', () => {
    // Made-up 存在问题: the first says why (主要是…), the second does not; neither lost points on any line.
    const d = draft({
      存在问题:
        '（一）档案管理有待规范\n部分凭证未及时归档，主要是专职档案人员不足。\n（二）宣传工作有待加强\n宣传覆盖面不广。',
    });
    const i = d.sections.findIndex((s) => s.id === '存在问题');
    const own = children(d, i).filter((s) => s.id.includes('单位所列问题'));
    expect(own.map((s) => s.heading)).toEqual(['档案管理有待规范', '宣传工作有待加强']);
    expect(own.map((s) => s.blocks.map((b) => (b.kind === 'paragraph' ? b.text : '')))).toEqual([
      ['部分凭证未及时归档，主要是专职档案人员不足。【待补：该问题的具体表现及原因】。'],
      ['宣传覆盖面不广。【待补：该问题的具体表现及原因】。'],
    ]);
  });

  test('every indicator name used in the sample outline has a declared measure', () => {
    for (const k of [
      '绩效目标合理性',
      '在职人员控制率',
      '三公经费变动率',
      '预算完成率',
      '固定资产利用率',
      '质量达标率',
      '服务对象满意度',
    ])
      expect(measureFor(k).id).not.toBe('其他');
    expect(measureFor('没有这个指标').id).toBe('其他');
  });
});

describe('placeholders and traceability', () => {
  test('blank inputs give visible placeholders, never invented figures', () => {
    const d = draft({ 收入_本年收入合计: null, 收入_其他收入: null, 年度工作目标: null });
    expect(texts(d, '整体收支.收入')[0]).toBe(
      '2021年度部门实际取得各项收入合计【待补：本年收入合计】，其中：一般公共预算财政拨款收入【待核对：1193.05万元；一般公共预算收入前后不一致】。'
    );
    // Without goals in words, the year's tasks stand in as the plan, and the goals' wording stays a placeholder.
    expect(texts(d, '部门概况.工作目标')).toEqual([
      '2021年度部门确定的主要工作任务有4项：①承办2021年中国大数据科技传播与应用高峰论坛系列活动；②争创“科创中国”试点城市；③编撰《衡阳市科技人物志》；④争取市本级科普经费达到人均1元标准。【待补：年度绩效目标（产出、效果目标及指标值）】',
    ]);
    expect(texts(draft({ 年度工作目标: null, 产出任务表: [] }), '部门概况.工作目标')).toEqual([
      '【待补：年度工作目标及工作计划】',
    ]);
    expect(texts(d, '整体收支.结转结余')[1]).toBe(
      '2021年度本年收入合计【待补：本年收入合计】，本年支出合计【待核对：1355.62万元；支出合计不等于各项之和】，年末结转和结余0.00万元。'
    );
    for (const line of draftLines(d)) expect(line).not.toMatch(/NaN|undefined|null|Infinity/);
  });

  test('without scores, 六 and 七 say so with a placeholder and list the indicators', () => {
    const m = sampleModel();
    const d = draftReport({ model: m, indicators: handIndicators(m), scores: null, findings: [] });
    expect(texts(d, '绩效分析')).toEqual([
      '本次评价尚未取得评分结果：【待补：评分规则及评分结果】。主要指标计算情况如下：',
      '①在职人员控制率：年末实际在职人数21人、编制数23名，在职人员控制率为91.30%。',
      '②公用经费控制率：公用经费决算数45.07万元、公用经费预算数41.76万元，公用经费控制率为107.93%。',
    ]);
    expect(texts(d, '评价结论')).toEqual(['2021年度部门整体支出绩效评价得分【待补：评分结果】。']);
  });

  test('each paragraph knows the named inputs and cells behind it', () => {
    const p = section(sample, '整体收支.收入').blocks[0];
    expect(p.sources.map((s) => [s.name, s.address])).toEqual([
      ['评价年度', TEMPLATE_ADDRESS.get('评价年度')],
      ['收入_本年收入合计', TEMPLATE_ADDRESS.get('收入_本年收入合计')],
      ['收入_一般公共预算财政拨款', TEMPLATE_ADDRESS.get('收入_一般公共预算财政拨款')],
      ['收入_其他收入', TEMPLATE_ADDRESS.get('收入_其他收入')],
    ]);
    // Any paragraph stating an amount names at least one cell.
    for (const s of sample.sections)
      for (const b of s.blocks)
        if (b.kind === 'paragraph' && /\d+\.\d\d万元/.test(b.text))
          expect(b.sources.some((o) => o.address)).toBe(true);
  });

  test('one figure changed changes exactly the sentences that use it', () => {
    const before = draftLines(sample);
    const after = draftLines(draft({ 收入_其他收入: 160 }));
    expect(after).toHaveLength(before.length);
    const changed = before.map((l, i) => [l, after[i]]).filter(([a, b]) => a !== b);
    expect(changed).toEqual([
      [
        '2021年度部门实际取得各项收入合计1351.58万元，其中：一般公共预算财政拨款收入【待核对：1193.05万元；一般公共预算收入前后不一致】、其他收入158.53万元。',
        '2021年度部门实际取得各项收入合计1351.58万元，其中：一般公共预算财政拨款收入【待核对：1193.05万元；一般公共预算收入前后不一致】、其他收入160.00万元【待核对：以上各项之和为1353.05万元，合计为1351.58万元】。',
      ],
    ]);
    // And every paragraph whose sources include the name is among the changed ones.
    const using = sample.sections.flatMap((s) =>
      s.blocks
        .filter((b) => b.sources.some((o) => o.name === '收入_其他收入'))
        .map((b) => (b.kind === 'paragraph' ? b.text : b.caption))
    );
    expect(using).toEqual([changed[0][0]]);
  });

  test('scores print without trailing zeros', () => {
    expect(points(new D('29.50'))).toBe('29.5');
    expect(points(new D('30'))).toBe('30');
    expect(points(new D('0.125'))).toBe('0.13');
  });
});

describe('through the real engine (computeIndicators → scoreAll → runChecks)', () => {
  const model = sampleModel();
  const indicators = computeIndicators(model);
  const scores = scoreAll(rulebookFromModel(model).rulebook!, indicators, model);
  const findings = runChecks(model, indicators, scores);
  const d = draftReport({ model, indicators, scores, findings });
  const all = draftLines(d);

  test('indicator sentences carry the computed values: 21 ÷ 23 = 91.30%, 45.07 ÷ 41.76 = 107.93%', () => {
    // 21 is contested (the units' rows add up to 20). Which row is wrong the sum does not say, and nothing else
    // questions a row: 一（四） states each unit's row plainly (18, 2). 六 states the figure, then the other source (its table), states
    // neither as fact, and the rate computed from them is 【待核对】 by each value: 21 ÷ 23 = 91.30%, 20 ÷ 23 = 86.96%.
    expect(all).toContain(
      '市科协（机关本部及后勤服务）编制数19名，截至2021年12月31日实有在职人员18人、退休人员21人。'
    );
    expect(all).toContain('衡阳市青少年科技活动中心编制数4名，截至2021年12月31日实有在职人员2人。');
    const rate = all.filter((l) =>
      l.includes(
        '年末实际在职人数【待核对：21人；机构人员情况表各行之和为20人】、编制数23名，在职人员控制率为【待核对：按21人计为91.30%，按20人计为86.96%】'
      )
    );
    expect(rate).toHaveLength(1);
    // 公用经费决算数 45.07 is 财政拨款表's 日常公用经费 (an identity that holds), which 收支总表's 96.15 ≠ 45.07 + 5.33
    // puts in doubt: the same quantity carries the same doubt here (二 named the identity in full: here the figure and
    // the value the identity needs of it, 96.15 − 5.33 = 90.82), and the rate is given by each: 45.07 ÷ 41.76 =
    // 107.93%, 90.82 ÷ 41.76 = 217.48%; the score computed from it waits.
    expect(
      all.some((l) =>
        l.includes(
          '公用经费决算数【待核对：45.07万元；按收支总表96.15 − 其他资金表5.33计为90.82万元】、公用经费预算数41.76万元，公用经费控制率为【待核对：按45.07万元计为107.93%，按90.82万元计为217.48%】。本项得分【待补：本项自评得分；按所列公用经费决算数计0.41分】。'
        )
      )
    ).toBe(true);
    // Named in 三 for 45.07 and in 四 for 5.33 (no value the identity needs of 5.33 is offered: see below).
    expect(all.filter((l) => l.includes('财政拨款、其他资金日常公用经费之和为50.40万元'))).toHaveLength(2);
    expect(all.some((l) => l.includes('公用经费决算数45.07万元'))).toBe(false);
  });

  test('a figure two sources agree on is stated plainly, the doubt stays on the others, a doubted one is not written before its note', () => {
    const has = (s: string) => all.some((l) => l.includes(s));
    // 调整后预算 1193.05 ≠ 700.99 + 654.62, but 700.99 = 294.99 + 406.00 and 406.00 is also 项目支出表's 年初预算.
    expect(has('财政拨款预算700.99万元，其中：基本支出294.99万元、项目支出406.00万元。')).toBe(true);
    // The 审核意见 corrects 654.62 to 492.06 (项目 471.32 and 项目支出表's 338.76 both to 308.76): the notes state the
    // table's value and how its identity gives the other, neither as the one that stands (no "应为").
    expect(
      has('年中追加预算【待核对：654.62万元；按调整后预算1193.05 − 年初批复预算700.99计为492.06万元】')
    ).toBe(true);
    expect(
      has('项目支出追加【待核对：471.32万元；按调整后预算714.76 − 年初批复预算406.00计为308.76万元】')
    ).toBe(true);
    expect(has('为471.32万元；按预算总额714.76 − 年初预算数406.00计为308.76万元】')).toBe(true);
    expect(has('应为')).toBe(false);
    // 基础数据表's 本年追加预算 118.55 is a 提示 against that figure, but with 年初预算 661.64 it adds up to 780.19,
    // 财政拨款表's 本年收入合计, which is 2020's (60.64 + 780.19 − 836.79 = 4.04): 2020's, 2021's against 492.06.
    expect(
      has('本年追加预算【待核对：118.55万元为2020年数据，2021年数据可对照财政拨款表改正后的492.06万元】')
    ).toBe(true);
    // 其他资金本年支出 158.53 = 收支总表其他资金支出 158.53; nothing confirms its 日常公用经费 5.33.
    expect(has('本年支出158.53万元，年末结转和结余0.00万元。')).toBe(true);
    // Said again after 财政拨款表's 45.07: what the identity needs of it (96.15 − 45.07 = 51.08) is no value to offer,
    // 45.07 being itself in doubt and 51.08 widening the 人员经费 identity 5.33 is in: the identity's sides again.
    expect(
      has(
        '其他资金支出158.53万元，其中：日常公用经费【待核对：5.33万元；部门日常公用经费为96.15万元，财政拨款、其他资金日常公用经费之和为50.40万元】'
      )
    ).toBe(true);
    expect(all.some((l) => l.includes('51.08'))).toBe(false);
    // 收支总表's 基本 478.29 = 人员 382.14 + 公用 96.15 holds, but each is the total of a failed 部门 = 财拨 + 其他资金
    // sum the 审核意见 corrects no figure of: the report marks each with the other side, by its name.
    expect(
      has(
        '部门整体支出按支出性质分类为：基本支出【待核对：478.29万元；财政拨款、其他资金基本支出之和为398.56万元】、项目支出【待核对：877.32万元；财政拨款、其他资金项目支出之和为871.99万元】。基本支出中人员经费【待核对：382.14万元；财政拨款、其他资金人员经费之和为348.16万元】、日常公用经费【待核对：96.15万元；财政拨款、其他资金日常公用经费之和为50.40万元】。'
      )
    ).toBe(true);
    // 财政拨款表's 348.16 is the whole 财拨 + 其他资金 side (其他资金 has no 人员经费): what differs is 收支总表's.
    expect(has('人员经费【待核对：348.16万元；收支总表人员经费为382.14万元】')).toBe(true);
    // The year-end the 审核意见 dates as the last year's (it equals this year's opening 4.04).
    expect(has('年末结转和结余【待核对：4.04万元为2020年年末数，2021年年末数为0.00万元】')).toBe(true);
    // 预算调整率's figures dated 2020: the 2021 figures the 审核意见 compares them with, 492.06 once corrected.
    expect(
      has(
        '年中预算调整数【待核对：142.77万元为2020年数据，2021年数据可对照财政拨款表按调整后预算减年初批复预算计的492.06万元】'
      )
    ).toBe(true);
    expect(has('年初批复预算【待核对：596.03万元为2020年数据，2021年数据可对照财政拨款表700.99万元】')).toBe(
      true
    );
  });

  test('a score the rules give against the claim, or on a figure in doubt, names both sides', () => {
    // 职责履行 claimed 29 of 30 as a whole, not line by line: each line waits for the department's own score, with
    // the rules' beside it (75% × 7.5 = 5.63); task ④ is marked done while its 说明 says it failed: by each reading
    // (without the rulebook, the other reading's points are to be worked out).
    expect(all).toContain(
      '①实际完成率：计划工作数4，实际完成工作数及实际完成率【待核对：按“是否完成”列为3项、75.00%；如任务④未完成为2项、50.00%】。本项得分【待补：本项自评得分；按“是否完成”列计5.63分，如任务④未完成按评分标准另计】。'
    );
    // The department does not speak of itself as 单位.
    expect(all.join('\n')).not.toContain('单位未逐项自评');
    // 预算执行 claimed in full (11 of 11): each line in full by it; 附件1's note says the claim before the rules' scores.
    // A score on a figure in doubt with no claim to set it against (在职人员控制率, 21 or 20 staff) is no one-value
    // 【待核对】: it waits for the figure, the listed figures' score in its hint.
    expect(all).toContain(
      '投入｜预算配置｜在职人员控制率｜1.5｜【待补：按核对后的年末实际在职人数评定】｜以100%为标准，不超过100%计1.5分；每超过1个百分点扣0.5分，扣完为止｜在职人员控制率为【待核对：按21人计为91.30%，按20人计为86.96%】'
    );
    expect(all).toContainEqual(
      expect.stringMatching(/本项得分【待补：本项自评得分；按所列年末实际在职人数计1\.5分】。$/)
    );
    expect(all.some((x) => x.includes('公用经费控制率｜2｜【待补：自评得分（按所列数据计0.41分）】'))).toBe(
      true
    );
    // 职责履行's lines in 附件1 as in 六: the department's score to enter, the rules' beside it (质量达标率 does not
    // count on the contradicted task ④ being done).
    expect(all).toContainEqual(
      expect.stringMatching(/^产出｜职责履行｜质量达标率｜7\.5｜【待补：自评得分（按评分标准计3\.75分）】｜/)
    );
    expect(all.some((l) => /自评职责履行29分/.test(l))).toBe(false);
    expect(all.some((l) => /【待核对：按评分标准计[\d.]+分】/.test(l))).toBe(false);
  });

  test('a score that waits on its blank survey rate is a 【待补】 in 六 and 附件1, and its groups wait with it', () => {
    expect(all).toContain(
      '①服务对象满意度：未出现服务对象上访、投诉等情况。【待补：调查满意率为x%，或“未开展满意度调查”】。本项得分【待补：按调查满意率评定的本项得分（自评10分）】。'
    );
    expect(all).toContain(
      '小结：“效果情况”维度，满分30分，实际得分【待补：服务对象满意度评定后的效果得分（自评29分）】。'
    );
    // 附件1: the 得分 cell a 【待补】 as for any unscored line, its 评分说明 what to enter beside the unit's evidence.
    expect(all).toContain(
      '效果｜服务对象满意度｜服务对象满意度｜10｜【待补：自评得分】｜按评价要点打分｜未出现服务对象上访、投诉等情况，【待补：调查满意率及本项得分（自评10分）】'
    );
  });

  test('效果 cites the counted results of 五, not its sentences again; 产出’s 小结 gives its 说明 as the reason', () => {
    const social = all.find((l) => l.startsWith('①社会效益：'))!;
    // 五（四） says it in full ("…，截止目前，我市…注册量超22万人，科普信息传播量近1200万次，有效打通了…"); here the counts.
    expect(social).toContain('我市“科普中国”信息员注册量超22万人，科普信息传播量近1200万次。');
    expect(social).not.toContain('有效打通了科普传播“最后一公里”');
    expect(all.filter((l) => l.includes('有效打通了科普传播“最后一公里”'))).toHaveLength(1);
    // 产出 claimed 29 of 30: its 说明 ("…尚未最终定稿；…未能通过") is why, said as one sentence.
    expect(all).toContain(
      '小结：“产出情况”维度，满分30分，实际得分【待补：核对实际完成率、完成及时率等3项得分后的产出得分】。未得满分的主要原因是《衡阳市科技人物志》尚未最终定稿，科普经费人均1元标准未能通过。'
    );
  });

  test('the 三公 table recomputes growth from the amounts beside it', () => {
    // (1.26 − 0.98) ÷ 0.98 = 28.57%; (5.83 − 7.10) ÷ 7.10 = −17.89%; 出国 (0 − 0.95) ÷ 0.95 = −100%.
    expect(all).toContain('公务接待费｜10.00｜1.26｜0.98｜增长28.57%');
    expect(all).toContain('合计｜26.00｜5.83｜7.10｜下降17.89%');
    expect(all).toContain('因公出国（境）费｜6.00｜0.00｜0.95｜下降100.00%');
  });

  test('七 states the department’s one total and one grade; 八 holds performance problems only', () => {
    // The department's own 自评打分 (each 二级 and 一级, and 97 in all): the report states its claims, the figures the
    // 审核意见 corrects; the verified / pending split is for the 审核意见.
    // A dimension whose claim holds a line in question (在职人员控制率 on a staff count in doubt here) waits with it;
    // one whose only open line waits for the unit's score (服务对象满意度 without its survey rate) is a 【待补】.
    // By the report's own line scores from the listed figures: 过程 = 预算执行 11 − 0.08 (预算完成率 1.92) − 1.2
    // (预算调整率 0.8) − 1.59 (公用经费控制率 0.41) = 8.13, + 预算管理 13 + 资产管理 6 = 27.13 (政府采购执行率 and
    // 固定资产利用率, without data, at the unit's full claims); 9 + 27.13 + 22.51 + 29 = 87.64, 良 (< 90).
    // 预算编制合理性 is scored only by 预算配置's full claim: not the department's score, it is to fill (补填).
    // One total, one grade: where the lines do not add up to a claim, the report states neither figure but a 【待补】
    // naming what to settle; both go to the preparer as a remark (a Word comment or the checklist).
    expect(all).toContain(
      '2021年度部门整体支出绩效评价自评得分为【待补：按附件1核对后的总分】。其中，投入【待补：补填预算编制合理性、核对在职人员控制率得分后的投入得分（自评9分）】，过程【待补：核对预算完成率、预算调整率等4项得分后的过程得分】，产出【待补：核对实际完成率、完成及时率等3项得分后的产出得分】，效果【待补：服务对象满意度评定后的效果得分（自评29分）】，综合绩效级别为【待补：按总分确定的级别】（绩效评价指标评分表详见附件1）。'
    );
    expect(all).toContain('合计｜100｜【待补：按附件1核对后的总分】');
    expect(all).toContain('综合绩效级别｜｜【待补：按总分确定的级别】');
    const conclusion = d.sections.find((s) => s.id === '评价结论')!.blocks[0];
    expect(conclusion.remarks).toEqual([
      '得分待定：自评总分97分（“优”），按所列数据计87.64分（“良”）（过程自评30分、按所列数据计27.13分，产出自评29分、按所列数据计22.51分）；请按附件1核对各项得分，改正自评得分后重新生成报告。',
    ]);
    // No score in the text is two values, and none is a 【待核对】 of the claim against the lines.
    expect(
      all.some((l) => /【待核对：[^】]*分或/.test(l) || /【待核对[^】]*自评\d+分，按所列数据计/.test(l))
    ).toBe(false);
    expect(all.some((l) => /单位自报|自报总分|核实得分|待核实/.test(l))).toBe(false);
    const problems = reportContext({ model, indicators, scores, findings }).problems;
    expect(problems.length).toBeGreaterThan(0);
    // A line of a 二级 scored as a whole (目标设定) has no score of its own in the report; its share lost points.
    for (const p of problems)
      for (const l of p.lines) expect((l.score ?? l.line.score).lt(l.line.points)).toBe(true);
    // Data-entry discrepancies are not problems of the report.
    expect(all.some((l) => /数据核对|不符|不一致/.test(l))).toBe(false);
    for (const line of all) expect(line).not.toMatch(/NaN|undefined|null|Infinity/);
  });
});

describe('a rate on a figure in doubt names its value by each reading (made-up figures, real engine)', () => {
  const linesOf = (overrides: InputValues) => {
    const model = sampleModel(overrides);
    const indicators = computeIndicators(model);
    const rulebook = rulebookFromModel(model).rulebook!;
    const scores = scoreAll(rulebook, indicators, model);
    return draftLines(
      draftReport({ model, indicators, scores, findings: runChecks(model, indicators, scores), rulebook })
    );
  };
  const line = (lines: string[], start: string) => lines.find((l) => l.startsWith(start)) ?? '';

  test('one figure in doubt: the rate at its stated value and at the value the failed identity needs of it', () => {
    // 收支总表 日常公用经费 60.00 against 财拨 45.07 + 其他资金 5.33: 公用经费决算数 (财拨's copy) would be 60.00 − 5.33 =
    // 54.67; 45.07 ÷ 41.76 = 107.93%, 54.67 ÷ 41.76 = 130.91%.
    const doubted = line(linesOf({ 支出_公用经费: 60 }), '④公用经费控制率：');
    expect(doubted).toContain(
      '公用经费决算数【待核对：45.07万元；按收支总表60.00 − 其他资金表5.33计为54.67万元】、公用经费预算数41.76万元，公用经费控制率为【待核对：按45.07万元计为107.93%，按54.67万元计为130.91%】'
    );
    // 60.00 − 5.33 = 54.67 agrees with nothing else, but 50.40 = 45.07 + 5.33 holds: nothing in doubt, the rate plain.
    const holds = line(linesOf({ 支出_公用经费: 50.4 }), '④公用经费控制率：');
    expect(holds).toContain('公用经费决算数45.07万元、公用经费预算数41.76万元，公用经费控制率为107.93%');
  });

  test('figures of another year: the rate as listed and at this year’s figures the 审核意见 gives', () => {
    // 年初批复预算 made up as 600.00 (still 2020's): as listed 142.77 ÷ 600.00 = 23.80%; at 2021's 492.06 ÷ 700.99 =
    // 70.20%, the blank 其中 line read as 0, and said.
    const lines = linesOf({ 基础_预算调整_年初预算: 600 });
    expect(line(lines, '②预算调整率：')).toContain(
      '预算调整率为【待核对：按所列数据计为23.80%，按2021年数据计为70.20%（落实国家政策、不可抗力、上级交办的调整未填列，按0计）】'
    );
    // The score waits for the department's own, beside what 2021's figures give (70.20% > 30%: 0), not the listed
    // figures' 0.8 (23.80% in 20%–30%).
    expect(line(lines, '②预算调整率：')).toMatch(
      /本项得分【待补：本项自评得分；按2021年数据预算调整率为70\.20%，计0分（落实国家政策、不可抗力、上级交办的调整按0计）】。$/
    );
    // The 其中 line filled (100) with 2020's block: no 2021 figure for it, so no 2021 rate: the rate waits for the
    // figures, named, and the figure asks for 2021's.
    const filled = line(linesOf({ 基础_预算调整_剔除数: 100 }), '②预算调整率：');
    expect(filled).toContain('上级交办的调整【待核对：100.00万元为2020年数据，2021年数据待补】');
    expect(filled).toContain(
      '预算调整率为【待补：按核对后的年中预算调整数、落实国家政策、不可抗力、上级交办的调整、年初批复预算计算】'
    );
    // …and no 2021 score is given for it either.
    expect(filled).not.toContain('按2021年数据预算调整率');
    // No 【待核对】 anywhere gives one value alone.
    for (const l of lines) expect(l).not.toMatch(/【待核对：[^】，；]*】/);
  });
});

describe('三’s 财政拨款 table: one figure, one treatment (made-up figures, real engine)', () => {
  const tableOf = (overrides: InputValues) => {
    const model = sampleModel(overrides);
    const indicators = computeIndicators(model);
    const rulebook = rulebookFromModel(model).rulebook!;
    const scores = scoreAll(rulebook, indicators, model);
    const d = draftReport({
      model,
      indicators,
      scores,
      findings: runChecks(model, indicators, scores),
      rulebook,
    });
    const t = d.sections.find((x) => x.id === '一般公共预算')!.blocks.find((b) => b.kind === 'table');
    if (!t || t.kind !== 'table') throw new Error('no table');
    return { t, row: (label: string) => t.rows.find((r) => r[0] === label)!, d };
  };

  test('a 合计 the data settle is stated as the sources agree, plainly; one they do not is a 【待核对】 with both', () => {
    // 本年收入合计 made up as 1000.00 against its parts 478.29 + 714.76 = 1193.05, which 收支总表's 财政拨款收入
    // 1193.05 agrees with: the cell states 1193.05, no note about 1000.00; the preparer is told to correct it.
    const settled = tableOf({ 财拨_本年收入_合计: 1000 });
    expect(settled.row('本年收入')[3]).toBe('1193.05');
    expect((settled.t.notes ?? []).join('')).not.toContain('1000.00');
    expect(draftRemarks(settled.d).join('')).toMatch(
      /本年收入合计填列1000\.00万元[^。]*。报送前请将[^。]*更正为1193\.05万元/
    );
    // 本年收入合计 made up as 1200.00 while 收支总表 says 1210.00: the parts' 1193.05 agrees with neither, nothing
    // settles it, and the cell is not 1193.05.
    const unsettled = tableOf({ 财拨_本年收入_合计: 1200, 收入_一般公共预算财政拨款: 1210 });
    expect(unsettled.row('本年收入')[3]).not.toBe('1193.05');
    expect(unsettled.row('本年收入')[3]).toMatch(/【待核对[①-⑳]】/);
  });
});

describe('a task marked done while its own 说明 says it was not (made-up tasks)', () => {
  const line = (rows: unknown[][]) => {
    const model = sampleModel({ 产出任务表: rows } as InputValues);
    const indicators = computeIndicators(model);
    const scores = scoreAll(rulebookFromModel(model).rulebook!, indicators, model);
    const findings = runChecks(model, indicators, scores);
    return draftLines(draftReport({ model, indicators, scores, findings })).find((l) =>
      l.startsWith('年度工作任务完成情况：')
    );
  };

  test('the status is a 【待补】 for the unit to settle, its 说明 once; a 说明 that agrees, or a task not marked done, is stated as it is', () => {
    expect(line([['编印年鉴', null, '是', '是', '否', '否', '初稿已成，尚未出版']])).toBe(
      '年度工作任务完成情况：①编印年鉴，【待补：完成情况（已完成/未完成）及原因】，质量未达预期，初稿已成，尚未出版。'
    );
    // A 说明 that gives the cause: only the status is asked for.
    expect(line([['编印年鉴', null, '是', '是', '否', '否', '申请出版经费未能通过']])).toBe(
      '年度工作任务完成情况：①编印年鉴，【待补：完成情况（已完成/未完成）】，质量未达预期，申请出版经费未能通过。'
    );
    expect(line([['编印年鉴', null, '是', '是', '是', '否', '已按期出版']])).toBe(
      '年度工作任务完成情况：①编印年鉴，已完成，已按期出版。'
    );
    expect(line([['编印年鉴', null, '否', null, null, '否', '尚未出版']])).toBe(
      '年度工作任务完成情况：①编印年鉴，未完成，尚未出版。'
    );
  });
});

describe('the counts a contradicted task decides, and 八’s tasks: where each stands, then why (made-up tasks)', () => {
  // 编印年鉴 not done; 建设展馆 done; 修订制度 marked done while its 说明 says the request failed.
  const rows = [
    ['编印年鉴', null, '否', '否', '否', '否', '初稿已成，尚未出版'],
    ['建设展馆', null, '是', '是', '是', '否', '已建成开放'],
    ['修订制度', null, '是', '是', '是', '否', '申请上级批复未能通过'],
  ];
  const lines = (() => {
    const model = sampleModel({ 产出任务表: rows } as InputValues);
    const indicators = computeIndicators(model);
    const { rulebook } = rulebookFromModel(model);
    const scores = scoreAll(rulebook!, indicators, model);
    const findings = runChecks(model, indicators, scores);
    return draftLines(draftReport({ model, indicators, scores, findings, rulebook: rulebook! }));
  })();

  test('a rate counting it is a 【待核对】 by each reading (2 of 3 = 66.67%, 1 of 3 = 33.33%), and so are its points (7.5 × each)', () => {
    const done = lines.find((l) => l.startsWith('①实际完成率：'))!;
    expect(done).toBe(
      '①实际完成率：计划工作数3，实际完成工作数及实际完成率【待核对：按“是否完成”列为2项、66.67%；如任务③未完成为1项、33.33%】。本项得分【待补：本项自评得分；按“是否完成”列计5分，如任务③未完成计2.5分】。'
    );
    // 是否按时 presupposes done: the same doubt; 是否达标 does not (2 of 3 stated).
    expect(lines.find((l) => l.startsWith('②完成及时率：'))).toContain(
      '【待核对：按“是否按时”列为2项、66.67%；如任务③未完成为1项、33.33%】'
    );
    expect(lines.find((l) => l.startsWith('③质量达标率：'))).toContain('质量达标率为66.67%');
    expect(done).not.toMatch(/实际完成工作数2|实际完成率为66\.67%/);
  });

  test('八 states where each task that fell short stands as the problem, and its cause only where its 说明 gives one', () => {
    const problem = lines.find((l) => l.includes('其中，编印年鉴'))!;
    expect(problem).toContain('其中，编印年鉴，初稿已成，尚未出版。');
    expect(problem).toContain('主要原因：【待补：编印年鉴未完成的原因】。');
    expect(problem).not.toContain('主要原因：编印年鉴');
  });

  test('a 说明 clause gives a cause by cause words or a request not granted; where a task stands does not', () => {
    expect(TASK_CAUSE_WORDS.test('申请上级批复未获通过')).toBe(true);
    expect(TASK_CAUSE_WORDS.test('主要是人手不足')).toBe(true);
    expect(TASK_CAUSE_WORDS.test('初稿已成')).toBe(false);
    expect(TASK_CAUSE_WORDS.test('尚在修订，未最终定稿')).toBe(false);
  });
});

describe('a value offered in a 【待核对】 is one the figures not in doubt give (made-up 日常公用经费)', () => {
  // 部门 100.00 ≠ 财拨 45.07 + 其他资金 10.00; 其他资金 158.53 − 项目 148.53 − 公用 10.00 leaves 0 for its 人员经费,
  // while 部门人员经费 382.14 ≠ 财拨 348.16 + 0 already fails.
  const model = sampleModel({ 支出_公用经费: 100, 其他_公用经费: 10, 其他_项目支出: 148.53 } as InputValues);
  const findings = runChecks(model, computeIndicators(model), null);
  const failed = failedIdentities(findings);

  test('a value that widens another failed identity the figure is in is none (10.00 → 54.93 takes 人员经费 to −44.93)', () => {
    expect(widensAnother(failed, '其他_公用经费', D('54.93'))).toBe(true);
    // 45.07 → 90.00 closes the one identity 财拨 日常公用经费 fails and widens none.
    expect(widensAnother(failed, '财拨_公用经费', D('90.00'))).toBe(false);
    // Two figures set to one value together close their identity: not a widening of it (alone, 338.76 → 308.76
    // would widen 338.76 ≠ 471.32).
    expect(widensAnother(failed, '项目_合计_年中追加', D('308.76'))).toBe(true);
    expect(
      widensAnother(
        failed,
        '项目_合计_年中追加',
        D('308.76'),
        new Map([['财拨_年中追加_项目', { to: D('308.76') }]])
      )
    ).toBe(false);
  });

  test('the report offers no such value: 四 names the identity’s two sides for 其他资金 日常公用经费', () => {
    const lines = draftLines(
      draftReport({ model, indicators: computeIndicators(model), scores: null, findings })
    );
    const other = lines.find((l) => l.includes('其他资金支出158.53万元，其中：'))!;
    expect(other).toContain('日常公用经费【待核对：10.00万元；');
    expect(other).not.toContain('54.93');
  });
});

describe('附件1 gives full marks’ evidence in a few words, not a cross-reference (made-up text)', () => {
  test('the first clause with a figure, short enough for a cell; none, nothing', () => {
    expect(evidenceClause('围绕重点工作，全市已有120余家企业入驻平台，发布信息50余条')).toBe(
      '全市已有120余家企业入驻平台'
    );
    expect(evidenceClause('工作有序推进，成效明显')).toBe('');
    expect(evidenceClause(`${'很长的一句话'.repeat(8)}共12项`)).toBe('');
  });
});

describe('a 二级 the unit scored as a whole: each line waits for its own score, the rules’ beside it (made-up tasks)', () => {
  // The sample claims 产出 29 of 30, 职责履行 (4 lines of 7.5) not line by line: a line has at least
  // 29 − 22.5 = 6.5 by the claim.
  const lineOf = (rows: unknown[][]) => {
    const model = sampleModel({ 产出任务表: rows } as InputValues);
    const indicators = computeIndicators(model);
    const scores = scoreAll(rulebookFromModel(model).rulebook!, indicators, model);
    const findings = runChecks(model, indicators, scores);
    return draftLines(draftReport({ model, indicators, scores, findings })).find((l) =>
      l.startsWith('①实际完成率：')
    );
  };

  test('below what the claim leaves it: a 【待补】 in the department’s voice; at full marks, stated', () => {
    // 1 of 2 tasks done: 50% × 7.5 = 3.75 < 6.5.
    const short = lineOf([
      ['编印年鉴', null, '是', '是', '是', '否', '已出版'],
      ['建设展厅', null, '否', null, null, '否', '尚在施工'],
    ]);
    expect(short).toMatch(
      /实际完成率为50\.00%[^。]*。本项得分【待补：本项自评得分；按评分标准计3\.75分】。$/
    );
    expect(short).not.toMatch(/单位|待核对/);
    // Both done: 7.5, which the claim holds.
    const done = lineOf([
      ['编印年鉴', null, '是', '是', '是', '否', '已出版'],
      ['建设展厅', null, '是', '是', '是', '否', '已开放'],
    ]);
    expect(done).toMatch(/实际完成率为100\.00%[^。]*。本项得满分。$/);
  });
});

describe('the department’s own scores (src/core/voice.ts)', () => {
  const model = sampleModel();

  test('without claims, each group and the total are the sums of the lines the report states', () => {
    const own = ownScores(handScores(), model);
    expect(own.groups.map((g) => `${g.name}${g.score}`)).toEqual([
      '投入7',
      '目标设定5',
      '预算配置2',
      '过程1.2',
      '预算执行1.2',
    ]);
    expect(own.total?.toString()).toBe('8.2');
  });

  test('a 二级, 一级 or total the unit claimed is stated as claimed (what the 审核意见 corrects); a 二级 alone under a claimed 一级 has its claim', () => {
    const sheet = handScores();
    // The unit claims 过程 2 (its one 二级 unclaimed), 目标设定 6 and a total of 9.5: more than the rules give.
    sheet.groups.find((g) => g.name === '过程')!.claimed = new D(2);
    sheet.groups.find((g) => g.name === '目标设定')!.claimed = new D(6);
    sheet.claimedTotal = new D('9.5');
    const own = ownScores(sheet, model);
    const score = (name: string) => own.groups.find((g) => g.name === name)!.score?.toString();
    expect(score('目标设定')).toBe('6');
    expect(score('投入')).toBe('8');
    expect(score('过程')).toBe('2');
    expect(score('预算执行')).toBe('2');
    expect(own.total?.toString()).toBe('9.5');
    // One grade, of the total stated (9.5 of this 10-point sheet, by the province's bands).
    expect(own.grade).toBe('差');
    // The lines keep their scores: 附件1 shows what each earned.
    expect(own.lines.map((l) => l.score?.toString())).toEqual(['2.5', '2.5', '2', '1.2']);
    // A claim its own lines do not add up to is flagged with their sum (目标设定 6 against 2.5 + 2.5 = 5; 过程 and
    // 预算执行 2 against 1.2; the total 9.5 against 2.5 + 2.5 + 2 + 1.2 = 8.2); a claim they add up to is not.
    const disagree = (name: string) => own.groups.find((g) => g.name === name)!.linesDisagree;
    expect(disagree('目标设定')).toEqual({ sum: new D(5), atMost: false });
    expect(disagree('过程')?.sum.toString()).toBe('1.2');
    expect(disagree('预算配置')).toBeUndefined();
    expect(disagree('投入')).toBeUndefined();
    expect(own.linesDisagree?.sum.toString()).toBe('8.2');
  });

  test('a line score of the rules its 二级 claim cannot hold with is marked: not the department’s to state', () => {
    const sheet = handScores();
    const against = (group: string, claim: string) => {
      sheet.groups.find((g) => g.name === group)!.claimed = new D(claim);
      return ownScores(sheet, model)
        .lines.filter((l) => l.line.level2 === group)
        .map((l) => l.againstClaim === true);
    };
    // 目标设定 (6 points, 3 + 3) at 5.5: each line has at least 5.5 − 3 = 2.5 by the claim, and the rules' 2.5 is that.
    expect(against('目标设定', '5.5')).toEqual([false, false]);
    // …at 6 (in full): each line has 3 by the claim, so 2.5 is not the unit's score.
    expect(against('目标设定', '6')).toEqual([true, true]);
    // 预算执行 (one 2-point line, 1.2 by the rules): claimed 1.2 it holds; claimed 2 or 1 it cannot.
    expect(against('预算执行', '1.2')).toEqual([false]);
    expect(against('预算执行', '2')).toEqual([true]);
    expect(against('预算执行', '1')).toEqual([true]);
    // 预算配置's line at full marks under a claim in full agrees.
    expect(against('预算配置', '2')).toEqual([false]);
  });

  test('a line scored only through its 二级’s claim has no score of the department’s; one the unit scored itself keeps it', () => {
    const sheet = handScores();
    // 预算配置 (one 2-point qualitative line here) claimed 2 in full, the line not at all: 2 would be our inference.
    const line = sheet.lines.find((l) => l.level2 === '预算配置')!;
    sheet.groups.find((g) => g.name === '预算配置')!.claimed = new D(2);
    Object.assign(line, {
      missing: true,
      score: new D(0),
      indicator: undefined,
      claimed: new D(2),
      claimBasis: '二级指标“预算配置”自评满分 2.00 分',
    });
    const own = ownScores(sheet, model);
    const mine = own.lines.find((l) => l.line === line)!;
    expect(mine.score).toBeNull();
    expect(own.unscored).toContain(mine);
    // The 二级 keeps its claim, which its line can still reach: nothing disagrees.
    const group = own.groups.find((g) => g.name === '预算配置')!;
    expect(group.score?.toString()).toBe('2');
    expect(group.linesDisagree).toBeUndefined();
    // The report asks for the score (0～2), and 附件1 with it: not “本项得满分”, not 2.00.
    const d = draftReport({ model, indicators: handIndicators(model), scores: sheet, findings: [] });
    const text = draftLines(d).join('\n');
    expect(text).toContain('本项得分【待补：在职人员控制率的自评得分（0～2分）】。');
    expect(text).not.toMatch(/在职人员控制率：[^\n]*本项得满分/);
    expect(d.appendix!.table.rows.find((r) => r[2] === '在职人员控制率')![4]).toBe('【待补：自评得分】');
    // A score the unit wrote for the line itself (no basis) is its own.
    Object.assign(line, { claimed: new D('1.5'), claimBasis: undefined });
    expect(
      ownScores(sheet, model)
        .lines.find((l) => l.line === line)!
        .score?.toString()
    ).toBe('1.5');
  });

  test('a claim is flagged against an unscored line only when it is above even full marks for it', () => {
    const sheet = handScores();
    // 预算执行's one line (2 points) left unscored: a claim of 2 may hold, 2.5 cannot.
    const line = sheet.lines.find((l) => l.level2 === '预算执行')!;
    Object.assign(line, { missing: true, score: new D(0), indicator: undefined });
    const withClaim = (x: string) => {
      sheet.groups.find((g) => g.name === '预算执行')!.claimed = new D(x);
      return ownScores(sheet, model).groups.find((g) => g.name === '预算执行')!.linesDisagree;
    };
    expect(withClaim('2')).toBeUndefined();
    expect(withClaim('2.5')).toEqual({ sum: new D(2), atMost: true });
  });
});

describe('the 【待核对】 and 【待补】 a figure carries (made-up figures)', () => {
  const model = sampleModel({
    支出_项目支出: 300,
    财拨_项目支出: 200,
    其他_项目支出: 90,
    基础_预算完成_年初预算: 600,
  });
  const op = (name: string) => {
    const s = model.scalar(name);
    return { name, label: INPUT_BY_NAME.get(name)!.label, value: s.value, address: s.address };
  };
  // 300 against 200 + 90 = 290: the same item of two other tables.
  const sum: Finding = {
    id: 'same.项目',
    rule: 'same.项目',
    title: '部门项目支出与财政拨款、其他资金项目支出之和不一致',
    family: '合计',
    severity: '错误',
    kind: 'mismatch',
    operands: [op('支出_项目支出'), op('财拨_项目支出'), op('其他_项目支出')],
    sides: {
      left: [{ at: 0, sign: 1 }],
      right: [
        { at: 1, sign: 1 },
        { at: 2, sign: 1 },
      ],
    },
    expected: { kind: 'amount', value: D(290) },
    nextStep: '',
  };
  const notice: Finding = {
    ...sum,
    id: 'same.年初',
    rule: 'same.年初',
    title: '基础数据表中计算预算完成率的年初预算与财政拨款表年初批复预算不一致',
    family: '口径',
    severity: '提示',
    operands: [op('基础_预算完成_年初预算'), { ...op('财拨_年初预算_合计'), value: D(650) }],
    expected: { kind: 'amount', value: D(650) },
  };
  const writer = (findings: Finding[]) =>
    new Writer(model, reconcile(findings), doubtedInputs(findings), unexplainedNotices(findings));

  test('the same item in two other tables: each side names its tables only, where the sentence names the item', () => {
    const d = reconcile([sum]).get('支出_项目支出')!;
    expect(d).toMatchObject({ otherWhat: '财政拨款、其他资金两表之和', sameItem: true });
    expect(writer([sum]).figure('支出_项目支出').piece.text).toBe(
      '【待核对：300.00万元；财政拨款、其他资金两表之和为290.00万元】'
    );
  });

  test('a figure of a failed identity names it in full once, then in short (never a bare 【待核对】)', () => {
    const w = writer([sum]);
    expect(w.figure('财拨_项目支出').piece.text).toBe(
      '【待核对：200.00万元；收支总表项目支出为300.00万元，财政拨款、其他资金两表之和为290.00万元】'
    );
    // Its other part after: its own value and the value the identity needs of it (300 − 200 = 100), self-contained
    // (nothing refers back, and one value alone would not say what to choose); the checked figure itself, named by
    // the sentence: the two values.
    expect(w.figure('其他_项目支出').piece.text).toBe(
      '【待核对：90.00万元；按收支总表300.00 − 财政拨款表200.00计为100.00万元】'
    );
    expect(w.figure('支出_项目支出').piece.text).toBe(
      '【待核对：300.00万元；财政拨款、其他资金两表之和为290.00万元】'
    );
    // A table cell's note under the table names both in full whatever was said before.
    expect(w.amountCell('其他_项目支出')).toMatchObject({
      doubt: '收支总表项目支出为300.00万元，财政拨款、其他资金两表之和为290.00万元',
    });
  });

  test('a figure the 审核意见 corrects: its 【待核对】 names the value, and a 提示 against it asks about that value', () => {
    // 300 = 210 + 90 once 财政拨款表's 200 reads 210 (a correction the data show); the memo and the report read it.
    const fixed: Finding = {
      ...sum,
      correction: {
        operand: op('财拨_项目支出'),
        to: { kind: 'amount', value: D(210) },
        because: '收支总表减其他资金表为210.00万元',
      },
    };
    expect(memoValues([fixed]).get('财拨_项目支出')?.to.toFixed(2)).toBe('210.00');
    const w = (fs: Finding[]) =>
      new Writer(model, reconcile(fs), doubtedInputs(fs), unexplainedNotices(fs), new Map(), memoValues(fs));
    // Its table's value and how the identity gives the other: neither stated as the one that stands (no "应为").
    expect(w([fixed]).figure('财拨_项目支出').piece.text).toBe(
      '【待核对：200.00万元；按收支总表300.00 − 其他资金表90.00计为210.00万元】'
    );
    // Without the correction, no value is reached.
    expect(w([sum]).figure('财拨_项目支出').piece.text).not.toContain('计为');
    // 基础数据表's 600 against 财政拨款表's 650, which an 错误 corrects to 640: the difference that stays is to 640.
    const budget: Finding = {
      ...sum,
      id: 'sum.预算',
      rule: 'sum.预算',
      title: '财政拨款调整后预算（合计）与年初预算、年中追加之和不一致',
      operands: [
        op('财拨_调整后预算_合计'),
        { ...op('财拨_年初预算_合计'), value: D(650) },
        op('财拨_年中追加_合计'),
      ],
      correction: {
        operand: { ...op('财拨_年初预算_合计'), value: D(650) },
        to: { kind: 'amount', value: D(640) },
        because: '调整后预算减年中追加为640.00万元',
      },
    };
    expect(w([budget, notice]).figure('基础_预算完成_年初预算').piece.text).toBe(
      '600.00万元【待补：与财政拨款表改正后的640.00万元不同的原因】'
    );
  });

  test('a figure a 口径 提示 questions asks for its reason until 出错说明 gives one', () => {
    expect(writer([notice]).figure('基础_预算完成_年初预算').piece.text).toBe(
      '600.00万元【待补：与财政拨款表650.00万元不同的原因】'
    );
    expect(
      writer([{ ...notice, explanation: '含上年结转' }]).figure('基础_预算完成_年初预算').piece.text
    ).toBe('600.00万元');
  });
});
