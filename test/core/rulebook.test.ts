import { TEMPLATE_ADDRESS } from '../../src/catalogue/layout';
import { DEFAULT_RULE_ROWS, RuleRow } from '../../src/catalogue/rulebook';
import { D } from '../../src/core/decimal';
import {
  applyRule,
  defaultRulebook,
  describeRule,
  parseRulebookJson,
  Rule,
  rulebookFromModel,
} from '../../src/core/rulebook';
import { sampleModel } from '../helpers/sample';

const d = (x: number | string) => new D(x);
const score = (rule: Rule, points: number, value: number | string) =>
  applyRule(rule, d(points), d(value)).score.toString();

/** The default rows with one row edited. */
function edited(i: number, col: number, value: string | number | null): RuleRow[] {
  const rows = DEFAULT_RULE_ROWS.map((r) => [...r]);
  rows[i][col] = value;
  return rows;
}

/** Cell of the 评分规则表 (template layout) at a 0-based row and column. */
function cell(row: number, col: number): string {
  const m = /^(.*)!([A-Z]+)(\d+):/.exec(TEMPLATE_ADDRESS.get('评分规则表')!)!;
  return `${m[1]}!${String.fromCharCode(m[2].charCodeAt(0) + col)}${Number(m[3]) + row}`;
}

function workbookErrors(rows: RuleRow[], extra = {}): string[] {
  const r = rulebookFromModel(sampleModel({ 评分规则表: rows, ...extra }));
  expect(r.rulebook).toBeNull();
  return r.errors.map((e) => e.message);
}

describe('the default rulebook', () => {
  const { rulebook, errors } = defaultRulebook();

  test('is valid: 投入 10 + 过程 30 + 产出 30 + 效果 30 = 100, with the sample framework 二级', () => {
    expect(errors).toEqual([]);
    expect(rulebook!.level1.map((g) => `${g.name}${g.points}`)).toEqual([
      '投入10',
      '过程30',
      '产出30',
      '效果30',
    ]);
    expect(rulebook!.level2.map((g) => `${g.name}${g.points}`)).toEqual([
      '目标设定6',
      '预算配置4',
      '预算执行11',
      '预算管理13',
      '资产管理6',
      '职责履行30',
      '经济效益2',
      '社会效益14',
      '可持续影响4',
      '服务对象满意度10',
    ]);
    expect(rulebook!.lines).toHaveLength(26);
    expect(rulebook!.total.toString()).toBe('100');
  });

  test('管理制度健全性 appears under 预算管理 and 资产管理, keyed by 二级 + 三级', () => {
    const lines = rulebook!.lines.filter((l) => l.level3 === '管理制度健全性');
    expect(lines.map((l) => `${l.level2} ${l.points}`)).toEqual(['预算管理 3', '资产管理 2']);
  });

  test('the standards are written in words from the rules', () => {
    const std = (name: string) => rulebook!.lines.find((l) => l.level3 === name)!.standard;
    expect(std('在职人员控制率')).toBe(
      '以 100% 为标准，≤100% 计 1.5 分；每超过 1 个百分点扣 0.5 分，扣完为止'
    );
    expect(std('预算完成率')).toBe(
      '100% 计满分（2 分）；每低于 5 个百分点扣 0.8 分（不足 5 个百分点的按比例扣分），扣完为止'
    );
    expect(std('预算调整率')).toBe(
      '= 0 计 2 分；0%–10%（含） 计 1.6 分；10%–20%（含） 计 1.2 分；20%–30%（含） 计 0.8 分；超过 30% 计 0 分（按绝对值）'
    );
  });

  test('an empty 评分规则表 means the default rulebook; the variant and grade cells override it', () => {
    const r = rulebookFromModel(
      sampleModel({ 口径_预算完成率: '国家', 口径_三公经费变动率: '决算对决算', 等级_优: 85 })
    );
    expect(r.errors).toEqual([]);
    expect(r.rulebook!.lines).toHaveLength(26);
    expect(r.rulebook!.variants).toEqual({ 预算完成率: '国家', 三公经费变动率: '决算', 预算调整率: '国家' });
    expect(r.rulebook!.bands.优.toString()).toBe('85');
  });

  test('预算完成率口径 “国家（年初预算）” (full-width brackets, as typed) selects the year-start-budget 口径; an unknown one lists the three', () => {
    expect(
      rulebookFromModel(sampleModel({ 口径_预算完成率: '国家（年初预算）' })).rulebook!.variants.预算完成率
    ).toBe('年初预算');
    expect(
      rulebookFromModel(sampleModel({ 口径_预算完成率: '年初预算' })).rulebook!.variants.预算完成率
    ).toBe('年初预算');
    const bad = rulebookFromModel(sampleModel({ 口径_预算完成率: '调整后预算' }));
    expect(bad.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('预算完成率口径“调整后预算”无法识别，应为 湖南、国家、年初预算 之一'),
    ]);
  });

  test('the rulebook table read from the workbook gives the same rulebook as the default', () => {
    const r = rulebookFromModel(sampleModel({ 评分规则表: DEFAULT_RULE_ROWS }));
    expect(r.errors).toEqual([]);
    expect(r.rulebook!.origin).toBe('工作簿“评分规则”表');
    expect(r.rulebook!.lines.map((l) => l.standard)).toEqual(rulebook!.lines.map((l) => l.standard));
    expect(r.rulebook!.lines[0].source).toBe(cell(0, 4));
  });
});

describe('rule kinds at their boundaries', () => {
  test('扣分 (超过): exactly 100% full marks, just over deducts per point, floor 0', () => {
    const rule: Rule = {
      kind: '扣分',
      standard: d(100),
      direction: '超过',
      step: d(1),
      perStep: d(0.5),
      rounding: '按比例',
    };
    expect(score(rule, 1.5, 100)).toBe('1.5');
    expect(score(rule, 1.5, 91.3)).toBe('1.5');
    expect(score(rule, 1.5, '100.01')).toBe('1.495');
    expect(score(rule, 1.5, 102)).toBe('0.5');
    expect(score(rule, 1.5, 103)).toBe('0');
    expect(score(rule, 1.5, 150)).toBe('0');
    expect(applyRule(rule, d(1.5), d(150)).deduction).toBe(
      '指标值 150.00%，超过标准 100% 50.00 个百分点，扣 25.00 分，扣完为止'
    );
    expect(applyRule(rule, d(1.5), d(100)).deduction).toBeUndefined();
  });

  test('扣分 (低于, 每低于 5% 扣 2 分): the three roundings of a part step', () => {
    const base = {
      kind: '扣分' as const,
      standard: d(100),
      direction: '低于' as const,
      step: d(5),
      perStep: d(2),
    };
    const prop: Rule = { ...base, rounding: '按比例' };
    const whole: Rule = { ...base, rounding: '满档' };
    const started: Rule = { ...base, rounding: '起档' };
    expect(score(prop, 5, 100)).toBe('5');
    expect(score(prop, 5, '97.5')).toBe('4');
    expect(score(prop, 5, '99.52')).toBe('4.808');
    expect(score(whole, 5, '97.5')).toBe('5');
    expect(score(whole, 5, 95)).toBe('3');
    expect(score(whole, 5, '94.99')).toBe('3');
    expect(score(started, 5, '99.99')).toBe('3');
    expect(score(started, 5, 100)).toBe('5');
    expect(score(started, 5, 80)).toBe('0');
    expect(score(prop, 5, 0)).toBe('0');
  });

  test('分档 (≤): = 0, each band edge inclusive, just over, 其他', () => {
    const rule: Rule = {
      kind: '分档',
      compare: '≤',
      bands: [0, 10, 20, 30].map((b, i) => ({ bound: d(b), score: d(5 - i) })),
      otherwise: d(0),
      absolute: true,
    };
    expect(score(rule, 5, 0)).toBe('5');
    expect(score(rule, 5, '0.01')).toBe('4');
    expect(score(rule, 5, 10)).toBe('4');
    expect(score(rule, 5, '10.01')).toBe('3');
    expect(score(rule, 5, 20)).toBe('3');
    expect(score(rule, 5, 30)).toBe('2');
    expect(score(rule, 5, '30.01')).toBe('0');
    expect(score(rule, 5, -5)).toBe('4');
    expect(applyRule(rule, d(5), d('30.01')).deduction).toBe('指标值 30.01%，在“超过 30%”档，计 0.00 分');
  });

  test('分档 (≥): 重点支出安排率 ≥90 5, 80–90 4, 70–80 3, 60–70 2, <60 0', () => {
    const rule: Rule = {
      kind: '分档',
      compare: '≥',
      bands: [90, 80, 70, 60].map((b, i) => ({ bound: d(b), score: d(5 - i) })),
      otherwise: d(0),
      absolute: false,
    };
    expect(score(rule, 5, 90)).toBe('5');
    expect(score(rule, 5, '89.99')).toBe('4');
    expect(score(rule, 5, 80)).toBe('4');
    expect(score(rule, 5, 60)).toBe('2');
    expect(score(rule, 5, '59.99')).toBe('0');
    expect(describeRule(rule, d(5))).toBe(
      '≥ 90% 计 5 分；80%（含）–90% 计 4 分；70%（含）–80% 计 3 分；60%（含）–70% 计 2 分；低于 60% 计 0 分'
    );
  });

  test('比例: rate × points, capped at points, floor 0; 满分值 below 100', () => {
    const rule: Rule = { kind: '比例', fullAt: d(100) };
    expect(score(rule, 7.5, 100)).toBe('7.5');
    expect(score(rule, 7.5, 120)).toBe('7.5');
    expect(score(rule, 7.5, 75)).toBe('5.625');
    expect(score(rule, 7.5, -10)).toBe('0');
    const ninety: Rule = { kind: '比例', fullAt: d(90) };
    expect(score(ninety, 10, 90)).toBe('10');
    expect(score(ninety, 10, 45)).toBe('5');
  });
});

describe('rulebook validation: each error names the row and cell', () => {
  test('三级 points not adding up to their 二级', () => {
    expect(workbookErrors(edited(0, 5, 4))).toEqual([
      `${cell(0, 3)}：二级指标“目标设定”分值为 6，其下三级指标分值合计为 7，两者应相等`,
    ]);
  });

  test('二级 points not adding up to their 一级, and 一级 not adding up to the total', () => {
    const rows = edited(0, 1, 11);
    expect(workbookErrors(rows)).toEqual([
      `${cell(0, 1)}：一级指标“投入”分值为 11，其下二级指标分值合计为 10，两者应相等`,
    ]);
    const more = edited(0, 5, 4);
    more[0][3] = 7;
    more[0][1] = 11;
    expect(workbookErrors(more)).toEqual([
      `一级指标分值合计为 101（投入 11 + 过程 30 + 产出 30 + 效果 30），应等于总分值 100`,
    ]);
    expect(rulebookFromModel(sampleModel({ 评分规则表: more, 规则_总分: 101 })).errors).toEqual([]);
  });

  test('a parameter out of range', () => {
    expect(workbookErrors(edited(2, 8, '标准=100；每档扣分=2'))).toEqual([
      `${cell(2, 8)}（预算配置·在职人员控制率）参数“每档扣分=2”超出范围（每档扣的分数，大于 0 且不超过本项分值 1.5）`,
    ]);
    expect(workbookErrors(edited(6, 8, '档=0:2,10:3'))[0]).toBe(
      `${cell(6, 8)}（预算执行·预算调整率）档“10:3”的得分 3 超出范围（0 至本项分值 2）`
    );
    expect(workbookErrors(edited(6, 8, '档=10:2,0:1'))[0]).toContain('各档界值应从小到大排列（10 之后是 0）');
    expect(workbookErrors(edited(10, 8, '满分值=0'))[0]).toContain('参数“满分值=0”超出范围');
  });

  test('a missing, unknown or malformed parameter', () => {
    expect(workbookErrors(edited(2, 8, '每档扣分=0.5'))).toEqual([
      `${cell(2, 8)}（预算配置·在职人员控制率）缺少参数“标准”（标准值，百分点，如 100）`,
    ]);
    expect(workbookErrors(edited(2, 8, '标准=100；每档扣分=0.5；封顶=1'))[0]).toContain(
      '参数“封顶”不适用于“扣分”规则；可用参数：标准、方向、每档、每档扣分、取整'
    );
    expect(workbookErrors(edited(2, 8, '标准100'))[0]).toContain('参数“标准100”写法不对，应为“名称=值”');
    expect(
      workbookErrors(edited(5, 8, '标准=100；方向=低于；每档=5；每档扣分=0.8；取整=四舍五入'))[0]
    ).toContain('参数“取整=四舍五入”无法识别');
  });

  test('an unknown indicator id', () => {
    const [msg] = workbookErrors(edited(2, 6, '人员控制率'));
    expect(msg).toMatch(
      new RegExp(
        `^${cell(2, 6)}（预算配置·在职人员控制率）：指标“人员控制率”不在指标目录中；可用的指标有：在职人员控制率、`
      )
    );
  });

  test('an unknown or missing rule kind; a computed rule without an indicator', () => {
    expect(workbookErrors(edited(2, 7, '打折'))).toEqual([
      `${cell(2, 7)}（预算配置·在职人员控制率）：规则类型“打折”无法识别，应为 扣分、分档、比例、定性 之一`,
    ]);
    expect(workbookErrors(edited(2, 7, null))[0]).toContain('未填写规则类型');
    expect(workbookErrors(edited(2, 6, null))).toEqual([
      `${cell(2, 6)}（预算配置·在职人员控制率）：“扣分”规则须填写计算指标（定性指标才可留空）`,
    ]);
  });

  test('a duplicate 三级 in one 二级, a missing name, a missing 一级, bad points', () => {
    const dup = edited(1, 4, '绩效目标合理性');
    expect(workbookErrors(dup)[0]).toBe(
      `${cell(1, 4)}：二级指标“目标设定”下的三级指标“绩效目标合理性”重复（已见于 ${cell(0, 4)}）`
    );
    expect(workbookErrors(edited(1, 4, null))[0]).toBe(`${cell(1, 4)}：未填写三级指标名称`);
    expect(workbookErrors(edited(0, 0, null))[0]).toBe(
      `${cell(0, 0)}：未填写一级指标（第一行必须填写，以下各行留空表示同上）`
    );
    expect(workbookErrors(edited(0, 5, null))[0]).toBe(`${cell(0, 5)}：缺少分值，应填正数`);
    expect(workbookErrors(edited(0, 5, -3))[0]).toBe(`${cell(0, 5)}：分值无效，应填正数`);
  });

  test('an unknown variant and unordered grade bands name their cells', () => {
    expect(workbookErrors(DEFAULT_RULE_ROWS, { 口径_预算完成率: '省级' })).toEqual([
      `${TEMPLATE_ADDRESS.get('口径_预算完成率')}：预算完成率口径“省级”无法识别，应为 湖南、国家、年初预算 之一`,
    ]);
    expect(workbookErrors(DEFAULT_RULE_ROWS, { 等级_良: 95 })[0]).toContain(
      '等级划分不合理：应为 总分 100 ≥ 优 > 良 > 中 ≥ 0，目前为 优 90、良 95、中 60'
    );
  });
});

describe('rulebook file (CLI --rules)', () => {
  test('the default rows as JSON objects give the default rulebook; settings are read', () => {
    const json = JSON.stringify({
      总分: 100,
      口径: { 预算调整率: '预算控制率' },
      等级: { 优: 90, 良: 80, 中: 60 },
      指标: DEFAULT_RULE_ROWS,
    });
    const r = parseRulebookJson(json);
    expect(r.errors).toEqual([]);
    expect(r.rulebook!.lines).toHaveLength(26);
    expect(r.rulebook!.variants.预算调整率).toBe('预算控制率');
  });

  test('errors name the entry and field', () => {
    expect(parseRulebookJson('{').errors[0].message).toMatch(/^规则文件不是有效的 JSON：/);
    const r = parseRulebookJson(
      JSON.stringify({
        指标: [
          {
            一级: '投入',
            一级分值: 100,
            二级: '预算配置',
            三级: '在职人员控制率',
            分值: 100,
            指标: '在职人员控制率',
            规则: '扣分',
            参数: '标准=100；每档扣分=0.5',
            权重: 1,
          },
        ],
      })
    );
    expect(r.errors.map((e) => e.message)).toEqual([
      '规则文件“指标”第 1 条有无法识别的字段“权重”；可用字段：一级、一级分值、二级、二级分值、三级、分值、指标、规则、参数、评分标准',
    ]);
    const bad = parseRulebookJson(
      JSON.stringify({
        指标: [
          { 一级: '投入', 二级: '预算配置', 三级: '在职人员控制率', 分值: 100, 规则: '比例', 指标: '不存在' },
        ],
      })
    );
    expect(bad.errors[0].message).toMatch(
      /^规则文件“指标”第 1 条的“指标”（预算配置·在职人员控制率）：指标“不存在”不在指标目录中/
    );
  });
});
