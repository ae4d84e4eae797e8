/**
 * Unknown is not wrong (issue 11 items 2, 3, 5): score lines computed / 待核实 with a claim / 待补;
 * the grade range at its edges; the completeness threshold; junk input ends as 数据不完整 (CLI exit 5);
 * the JSON summary. Figures are the sample department's, hand-checked against its report.
 */
import * as os from 'os';
import * as path from 'path';
import { promises as fs } from 'fs';
import { templateReading } from '../../src/core/fill';
import { main } from '../../src/cli/main';
import { evaluationJson } from '../../src/cli/json';
import { D, ZERO } from '../../src/core/decimal';
import { evaluate } from '../../src/core/engine';
import { DEFAULT_BANDS } from '../../src/core/rulebook';
import { ceilingOf, gradesOf } from '../../src/core/scoring';
import { scoreSheet } from '../../src/core/sheets/scoreSheet';
import type { ScoreLine, ScoreSheet } from '../../src/core/results';
import { gradeText } from '../../src/core/summary';
import { cliLine } from '../../src/core/render/finding';
import { BAD_INPUT_DIR } from '../fixtures/bad-input/generate';
import { sampleReading, sampleValues, SAMPLE_XLSX } from '../helpers/sample';

const sample = evaluate(sampleReading());
const lineOf = (s: ScoreSheet, l3: string) => s.lines.find((l) => l.level3 === l3)!;
const claimRows = (rows: Array<[string, number, string | null]>) => ({
  自评得分表: [...(sampleValues()['自评得分表'] as never[]), ...rows],
});

describe('score line states', () => {
  test('computed: 在职人员控制率 91.30% scores its 1.5 points, verified', () => {
    const l = lineOf(sample.scores!, '在职人员控制率');
    expect(l.missing).toBeUndefined();
    expect(l.score.toString()).toBe('1.5');
  });

  test('待核实 with the department’s own claim: kept as 自报、未核实, never compared as an error', () => {
    const e = evaluate(sampleReading(claimRows([['政府采购执行率', 0.5, null]])));
    const l = lineOf(e.scores!, '政府采购执行率');
    expect(l.missing).toBe(true);
    expect(l.claimed!.toString()).toBe('0.5');
    expect(l.claimBasis).toBeUndefined();
    expect(l.claimDiffers).toBeUndefined();
    const ids = e.findings.flatMap(function all(f): string[] {
      return [f.id, ...(f.consequences ?? []).flatMap(all)];
    });
    expect(ids).not.toContain('score.三级.政府采购执行率');
    expect(ids).toContain('score.pending.预算执行.政府采购执行率');
  });

  test('待核实 with no claim at all: 待补', () => {
    const e = evaluate(sampleReading({ 自评得分表: [] }));
    const l = lineOf(e.scores!, '政府采购执行率');
    expect(l.missing).toBe(true);
    expect(l.claimed).toBeUndefined();
    const pending = e.findings.find((f) => f.id === 'score.pending.预算执行.政府采购执行率')!;
    expect(pending.detail).toMatch(/（自评得分待补）$/);
  });

  test('on the sample, 资产管理, 预算编制合理性 and 政府采购执行率 are 待核实, each with its 无法核实 finding, and no claim of theirs is an 错误', () => {
    const s = sample.scores!;
    for (const l3 of [
      '预算编制合理性',
      '政府采购执行率',
      '管理制度健全性',
      '资产管理安全性',
      '固定资产利用率',
    ])
      expect(s.lines.filter((l) => l.level3 === l3 && l.missing && l.level2 !== '预算管理')).toHaveLength(1);
    const all = sample.findings.flatMap(function all(f): Array<typeof f> {
      return [f, ...(f.consequences ?? []).flatMap(all)];
    });
    const errorIds = all.filter((f) => f.severity === '错误').map((f) => f.id);
    for (const id of [
      'score.二级.资产管理',
      'score.二级.预算配置',
      'score.一级.投入',
      'score.三级.预算编制合理性',
      'score.三级.政府采购执行率',
    ])
      expect(errorIds).not.toContain(id);
    // 预算执行 is claimed 11; its verified lines give “三公”经费控制率 2 and 结转结余变动率 2 (2 whichever of its figures
    // is right), and 7 points are pending (政府采购执行率 1 without data, 预算完成率 and 预算调整率 2 each scored from
    // figures in question, 公用经费控制率 at most 0.41 whichever reading of its 决算数 is right): at most 9.41, so the
    // claim is an 错误. The total is: 97 against at most 53.51 + 35.41 = 88.92.
    expect(errorIds).toContain('score.二级.预算执行');
    const over = all.find((f) => f.id === 'score.总分')!;
    expect([
      over.severity,
      over.kind,
      over.expected!.value.toString(),
      over.computed!.value.toString(),
    ]).toEqual(['错误', 'exceeds', '88.92', '97']);
    const gov = all.find((f) => f.id === 'score.pending.预算执行.政府采购执行率')!;
    // Blank inputs: 待补, neither 错误 nor 提示.
    expect([gov.severity, gov.kind, gov.missing!.map((o) => o.name).join(',')]).toEqual([
      '待补',
      'cannotVerify',
      '基础_政府采购实际,基础_政府采购预算',
    ]);
    expect(gov.detail).toBe('本项 1.00 分计入待核实分值（自报 1.00 分，未核实）');
    expect(cliLine(gov)).toMatch(
      /^\[待补\] “政府采购执行率”缺计算所需数据，无法计分：基础数据!B\d+、基础数据!B\d+，缺 .*实际政府采购金额.*、.*政府采购预算数/
    );
  });
});

describe('grade range', () => {
  const text = (verified: string, pending: string) => {
    const g = gradesOf(new D(verified), new D(verified).plus(pending), DEFAULT_BANDS);
    return gradeText({
      lines: [],
      groups: [],
      total: new D(verified),
      pendingPoints: new D(pending),
      points: new D(100),
      ...g,
    });
  };
  test('certain when every pending point would not change the band; a range from the verified grade up otherwise', () => {
    expect(text('90', '10')).toBe('优');
    expect(text('80', '9.99')).toBe('良');
    expect(text('80', '10')).toBe('良～优（待核实 10 分）');
    expect(text('89.99', '0.01')).toBe('良～优（待核实 0.01 分）');
    expect(text('79.64', '8')).toBe('中～良（待核实 8 分）');
    expect(text('59.99', '0')).toBe('差');
    expect(text('0', '100')).toBe('差～优（待核实 100 分）');
  });
  test('the range reaches only the grade the most the rules can give reaches: a pending line below full marks under every reading lowers it', () => {
    const base = { level1: '过程', level2: '预算执行', standard: '', deduction: '' };
    const lines = [
      { ...base, level3: '甲', points: D(85), score: D(85) },
      { ...base, level3: '乙', points: D(10), score: ZERO, missing: true, most: D(3) },
      { ...base, level3: '丙', points: D(5), score: ZERO, missing: true },
    ] as ScoreLine[];
    // 85 verified + 15 pending could be 100 (优), but 乙 scores at most 3: 85 + 3 + 5 = 93 → still 优; with 丙 also
    // capped below full marks at 1: 89, 良.
    expect(gradesOf(D(85), ceilingOf(lines), DEFAULT_BANDS)).toEqual({ grade: '良', gradeAtMost: '优' });
    lines[2].most = D(1);
    expect(gradesOf(D(85), ceilingOf(lines), DEFAULT_BANDS)).toEqual({ grade: '良', gradeAtMost: '良' });
  });
});

describe('completeness', () => {
  test('the sample is complete: all 20 required inputs, 27 of the 34 inputs scoring needs', () => {
    expect(sample.summary.completeness).toBe('必填 20 项已填 20 项；计分所需 34 项已填 27 项');
    expect(sample.summary.complete).toBe(true);
  });

  test('the threshold: complete exactly while at least half the scoring inputs (and half the required) are filled', () => {
    // Blank the sample's filled scoring inputs one by one; the verdict must follow the rule at every step.
    const names = [...new Set(sample.indicators.flatMap((i) => i.operands.map((o) => o.name)))].filter(
      (n) => n.startsWith('基础_') || n.startsWith('三公_')
    );
    const blanked: Record<string, null> = {};
    const seen = new Set<boolean>();
    for (const n of names) {
      blanked[n] = null;
      const e = evaluate(sampleReading(blanked));
      const c = e.completeness;
      const expected = c.scoring.filled * 2 >= c.scoring.total && c.required.filled * 2 >= c.required.total;
      expect(c.complete).toBe(expected);
      expect(e.summary.grade === null).toBe(!expected);
      seen.add(c.complete);
    }
    expect([...seen].sort()).toEqual([false, true]);
  });

  test('an empty reading and the blank template end as 数据不完整, naming the ten inputs that matter most', () => {
    {
      const e = evaluate(templateReading({}));
      expect(e.summary.complete).toBe(false);
      expect(e.summary.grade).toBeNull();
      expect(e.completeness.mostNeeded).toHaveLength(10);
      // By points depending on them: the 13 定性 lines without a score are one line of 自评得分表 (3 + 3 + 1 + 3 + 4 + 3 +
      // 3 + 2 + 2 + 2 + 14 + 4 + 10 = 54 points), then the 产出任务表 carrying the four 7.5-point 产出 lines, then 三公 3.5.
      expect(e.completeness.mostNeeded.slice(0, 3).map((n) => `${n.name} ${n.points.toString()}`)).toEqual([
        '自评得分表 54',
        '产出任务表 30',
        '三公_合计_本年预算 3.5',
      ]);
      expect(e.completeness.mostNeeded[0].label).toBe(
        '自评得分表：13 项指标未自评打分（社会效益、服务对象满意度、资金使用合规性、可持续影响 等）'
      );
      // One line each: no cell or range is named twice.
      const places = e.completeness.mostNeeded.map((n) => n.address ?? n.name);
      expect(new Set(places).size).toBe(places.length);
      const v = scoreSheet(e.scores!, false).rows.map((r) => r.map((c) => c?.value));
      expect(v.find((r) => r[0] === '综合绩效级别')![8]).toBe('数据不完整');
    }
  });
});

describe('CLI and JSON', () => {
  const io = () => {
    const out: string[] = [];
    return { out, io: { out: (l: string) => out.push(l), err: (l: string) => out.push(l) } };
  };

  test('an empty workbook, one without our names and the blank template exit 5 and name the missing inputs', async () => {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-incomplete-'));
    const template = path.join(tmp, 'blank.xlsx');
    expect(await main(['template', template], io().io)).toBe(0);
    for (const file of [
      path.join(BAD_INPUT_DIR, 'empty-workbook.xlsx'),
      path.join(BAD_INPUT_DIR, 'name-missing-all.xlsx'),
      template,
    ]) {
      const r = io();
      expect(await main(['evaluate', file], r.io)).toBe(5);
      expect(r.out.some((l) => l.startsWith('数据不完整：不给出总分和等级'))).toBe(true);
      expect(r.out.some((l) => /^ {2}.*计划工作数（30\.00 分）$/.test(l))).toBe(true);
      expect(r.out.filter((l) => /^ {2}.*（[\d.]+ 分）$/.test(l))).toHaveLength(10);
      expect(r.out.some((l) => l.startsWith('核实得分'))).toBe(false);
    }
  });

  test('the sample: JSON summary carries verified and pending points, the grade range, completeness and the counts', async () => {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-json-'));
    const json = path.join(tmp, 'r.json');
    const r = io();
    expect(await main(['evaluate', SAMPLE_XLSX, '--json', json], r.io)).toBe(0);
    const summary = JSON.parse(await fs.readFile(json, 'utf8')).summary;
    // 79.64 as scored, less the 26.13 points scored but not verified (test/core/verify.test.ts): 53.51, 37 pending.
    expect(summary).toMatchObject({
      total: '53.51',
      pendingPoints: '37.00',
      grade: '差～良',
      complete: true,
    });
    expect(summary).toEqual((evaluationJson(sample) as { summary: unknown }).summary);
    expect(r.out).toContain(
      '核实得分 53.51，待核实分值 37.00，等级 差～良（待核实 37 分）；单位自评 97.00 分'
    );
  });
});
