/**
 * 公开06 基本支出决算表's 人员经费 款 lines (基本工资 …… 其他对个人和家庭的补助), on a table built the way the
 * published one looks: title, 公开06表 code, 部门 and 金额单位 line, merged 人员经费 ‖ 公用经费 headers, each block
 * 科目编码 | 科目名称 | 决算数 with its 类 line first and only the 款 that have figures, 合计 line last.
 *
 * Figures are made up and reconcile (万元), checked by hand:
 * 301 工资福利支出 197.00 = 基本工资 60.12 + 津贴补贴 45.30 + 奖金 8.00 + 绩效工资 30.50 + 养老保险 18.24 + 职业年金 7.30
 *   + 医疗保险 9.12 + 其他社会保障 0.85 + 住房公积金 13.68 + 医疗费 1.20 + 其他工资福利 2.69;
 * 303 对个人和家庭的补助 18.00 = 退休费 12.40 + 抚恤金 3.10 + 生活补助 1.50 + 医疗费补助 0.80 + 奖励金 0.20;
 * 人员经费合计 215.00 = 197.00 + 18.00; 公用经费 302 商品和服务支出 20.00 = 办公费 6.00 + 差旅费 4.50 + 其他 9.50,
 * 310 资本性支出 2.00, 公用经费合计 22.00.
 */
import type { CellValue } from '../../src/core/types';
import { templateReading, InputValues } from '../../src/core/fill';
import { buildModel } from '../../src/core/model';
import { evaluateChecks, flattenFindings } from '../../src/core/checks';
import { ImportSheet, recognise, Recognition } from '../../src/import/recognise';
import { importedValues } from '../../src/import/report';

type Line = [code: string, name: string, amount: number];

const PEOPLE: Line[] = [
  ['301', '工资福利支出', 197],
  ['30101', '基本工资', 60.12],
  ['30102', '津贴补贴', 45.3],
  ['30103', '奖金', 8],
  ['30107', '绩效工资', 30.5],
  ['30108', '机关事业单位基本养老保险缴费', 18.24],
  ['30109', '职业年金缴费', 7.3],
  ['30110', '职工基本医疗保险缴费', 9.12],
  ['30112', '其他社会保障缴费', 0.85],
  ['30113', '住房公积金', 13.68],
  ['30114', '医疗费', 1.2],
  ['30199', '其他工资福利支出', 2.69],
  ['303', '对个人和家庭的补助', 18],
  ['30302', '退休费', 12.4],
  ['30304', '抚恤金', 3.1],
  ['30305', '生活补助', 1.5],
  ['30307', '医疗费补助', 0.8],
  ['30309', '奖励金', 0.2],
];
const OFFICE: Line[] = [
  ['302', '商品和服务支出', 20],
  ['30201', '办公费', 6],
  ['30211', '差旅费', 4.5],
  ['30299', '其他商品和服务支出', 9.5],
  ['310', '资本性支出', 2],
];

/** 公开06 as published; `scale` 10000 prints it in 元; `joined` puts the code and the name in one cell. */
function gongkai06(
  people: Line[],
  office: Line[],
  o: { scale?: number; joined?: boolean } = {}
): ImportSheet {
  const scale = o.scale ?? 1;
  const unit = scale === 1 ? '金额单位：万元' : '金额单位：元';
  const cells = (l: Line | undefined): CellValue[] => {
    if (!l) return [null, null, null];
    const amount = Math.round(l[2] * scale * 100) / 100;
    return o.joined ? [null, `${l[0]} ${l[1]}`, amount] : [l[0], l[1], amount];
  };
  const rows: CellValue[][] = [
    ['一般公共预算财政拨款基本支出决算表', null, null, null, null, null],
    [null, null, null, null, null, '公开06表'],
    ['部门：某某局', null, null, null, null, unit],
    ['人员经费', null, null, '公用经费', null, null],
    ['科目编码', '科目名称', '决算数', '科目编码', '科目名称', '决算数'],
  ];
  for (let i = 0; i < Math.max(people.length, office.length); i++)
    rows.push([...cells(people[i]), ...cells(office[i])]);
  rows.push(['人员经费合计', null, 215 * scale, '公用经费合计', null, 22 * scale]);
  const last = rows.length - 1;
  return {
    name: '公开06表',
    cells: rows,
    merges: [
      { top: 3, left: 0, bottom: 3, right: 2 },
      { top: 3, left: 3, bottom: 3, right: 5 },
      { top: last, left: 0, bottom: last, right: 1 },
      { top: last, left: 3, bottom: last, right: 4 },
    ],
  };
}

const found = (r: Recognition | undefined) =>
  r?.status === 'found' ? `${r.sheet}!${r.cell}=${r.converted ?? r.raw}` : r?.status;

function checked(values: InputValues, ids: string[]) {
  const run = evaluateChecks(buildModel(templateReading(values)), [], null, { only: ids });
  return {
    findings: flattenFindings(run.findings).map((x) => x.finding),
    outcome: (id: string) => run.checks.find((c) => c.rule === id)?.outcomeText,
  };
}

const ITEM_CHECKS = [
  'sum.财拨人员经费明细',
  'part.财拨工资福利支出明细',
  'part.财拨对个人和家庭的补助明细',
  'part.支出性质.财拨人员经费',
];

describe('公开06 人员经费 款 lines', () => {
  const result = recognise([gongkai06(PEOPLE, OFFICE)]);
  const res = new Map(result.inputs.map((r) => [r.name, r]));

  test('each 款 under 301 and 303 is read from its row, code and name in their own columns', () => {
    // Row 6 is the 301 line, so 基本工资 is row 7; 303 is row 18, 退休费 row 19.
    expect(found(res.get('财拨_人员_基本工资'))).toBe('公开06表!C7=60.12');
    expect(found(res.get('财拨_人员_基本养老保险缴费'))).toBe('公开06表!C11=18.24');
    expect(found(res.get('财拨_人员_医疗费'))).toBe('公开06表!C16=1.2');
    expect(found(res.get('财拨_人员_其他工资福利支出'))).toBe('公开06表!C17=2.69');
    expect(found(res.get('财拨_人员_退休费'))).toBe('公开06表!C19=12.4');
    // 医疗费补助 (30307) is its own line, not 医疗费 (30114).
    expect(found(res.get('财拨_人员_医疗费补助'))).toBe('公开06表!C22=0.8');
    expect(found(res.get('财拨_人员_奖励金'))).toBe('公开06表!C23=0.2');
    // The 类 lines and the 公用经费 block read as before.
    expect(found(res.get('财拨_工资福利支出'))).toBe('公开06表!C6=197');
    expect(found(res.get('财拨_对个人和家庭的补助'))).toBe('公开06表!C18=18');
    expect(found(res.get('公用_差旅费_本年决算'))).toBe('公开06表!F8=4.5');
    expect(found(res.get('财拨_人员经费'))).toBe('公开06表!C24=215');
  });

  test('款 the table does not print are not found, and import fills nothing for them', () => {
    expect(res.get('财拨_人员_伙食补助费')?.status).not.toBe('found');
    expect(res.get('财拨_人员_离休费')?.status).not.toBe('found');
    const values = importedValues(result);
    expect(values).not.toHaveProperty('财拨_人员_伙食补助费');
    expect(values).toMatchObject({ 财拨_人员_住房公积金: 13.68, 财拨_人员_生活补助: 1.5 });
  });

  test('code and name in one cell, in 元: read and converted to 万元', () => {
    const r = recognise([gongkai06(PEOPLE, OFFICE, { scale: 10000, joined: true })]);
    expect(importedValues(r)).toMatchObject({
      财拨_人员_基本工资: 60.12,
      财拨_人员_绩效工资: 30.5,
      财拨_人员_抚恤金: 3.1,
      财拨_工资福利支出: 197,
    });
  });

  test('the 款 as published reconcile with 人员经费 and their 类: 成立 with the unprinted 款 read as 0', () => {
    const c = checked(importedValues(result), ITEM_CHECKS);
    expect(c.findings).toEqual([]);
    expect(c.outcome('sum.财拨人员经费明细')).toBe('成立（空白按 0 计）');
    expect(c.outcome('part.财拨工资福利支出明细')).toBe('成立（空白按 0 计）');
    expect(c.outcome('part.财拨对个人和家庭的补助明细')).toBe('成立（空白按 0 计）');
    expect(c.outcome('part.支出性质.财拨人员经费')).toBe('成立');
  });

  test('a project that pays 301 (工资福利支出 237.00 for the year, 197.00 of it 基本支出): no finding', () => {
    // The 经济分类 line is the whole year's: 款 197.00 ≤ 237.00, 人员经费 215.00 ≤ 237.00 + 18.00.
    const c = checked({ ...importedValues(result), 财拨_工资福利支出: 237 }, ITEM_CHECKS);
    expect(c.findings).toEqual([]);
    expect(c.outcome('part.财拨工资福利支出明细')).toBe('成立（空白按 0 计）');
    expect(c.outcome('part.支出性质.财拨人员经费')).toBe('成立');
  });

  test('a 款 typed wrong (基本工资 61.12 for 60.12) is an 错误: 款 216.00 for 人员经费 215.00, 198.00 over 197.00', () => {
    const wrong = PEOPLE.map((l): Line => (l[1] === '基本工资' ? [l[0], l[1], 61.12] : l));
    const c = checked(importedValues(recognise([gongkai06(wrong, OFFICE)])), ITEM_CHECKS);
    const figures = (id: string) => {
      const f = c.findings.find((x) => x.rule === id);
      return [f?.severity, f?.expected?.value.toFixed(2), f?.computed?.value.toFixed(2)];
    };
    expect(c.findings.map((f) => f.rule).sort()).toEqual([
      'part.财拨工资福利支出明细',
      'sum.财拨人员经费明细',
    ]);
    expect(figures('sum.财拨人员经费明细').slice(1).sort()).toEqual(['215.00', '216.00']);
    expect(figures('part.财拨工资福利支出明细')).toEqual(['错误', '197.00', '198.00']);
    expect(figures('sum.财拨人员经费明细')[0]).toBe('错误');
    expect(c.outcome('part.财拨对个人和家庭的补助明细')).toBe('成立（空白按 0 计）');
  });

  test('款 short of their 类 with blanks left: never an 错误 (the blanks could hold the rest)', () => {
    // Only three 303 款 printed: 12.40 + 3.10 + 1.50 = 17.00 < 18.00; the unprinted ones may hold 1.00.
    const partial = PEOPLE.filter((l) => !['30307', '30309'].includes(l[0]));
    const c = checked(importedValues(recognise([gongkai06(partial, OFFICE)])), ITEM_CHECKS);
    expect(c.findings.filter((f) => f.severity === '错误')).toEqual([]);
    expect(c.outcome('sum.财拨人员经费明细')).toBe('无法核实');
    expect(c.outcome('part.财拨对个人和家庭的补助明细')).toBe('成立（空白按 0 计）');
  });

  test('款 over their 类 and 人员经费 are an 错误 whatever the blanks hold', () => {
    // 303 款 summing to 18.00 + 0.50 over a 类 line of 18.00, all 款 to 215.50 for 人员经费 215.00: no
    // non-negative blank can close the gap.
    const over = PEOPLE.map((l): Line => (l[1] === '退休费' ? [l[0], l[1], 12.9] : l));
    const c = checked(importedValues(recognise([gongkai06(over, OFFICE)])), ITEM_CHECKS);
    expect(c.findings.map((f) => [f.rule, f.severity]).sort()).toEqual([
      ['part.财拨对个人和家庭的补助明细', '错误'],
      ['sum.财拨人员经费明细', '错误'],
    ]);
  });
});

test('the nine-column printing (人员经费 ‖ 公用经费 in two column groups): the 款 read the same', () => {
  // 公用经费 spread over two 科目编码 | 科目名称 | 决算数 groups, as the national 公开06 is often printed.
  const sheet = gongkai06(PEOPLE, OFFICE);
  const split = 3;
  const rows = sheet.cells.map((row, i) => {
    if (i < 3) return [...row.slice(0, 6), null, null, null];
    if (i === 3) return ['人员经费', null, null, '公用经费', null, null, null, null, null];
    if (i === 4) return [...row, '科目编码', '科目名称', '决算数'];
    if (i === sheet.cells.length - 1) return [...row, null, null, null];
    const k = i - 5;
    const right = OFFICE[k + split];
    return [
      ...row.slice(0, 3),
      ...(k < split ? row.slice(3, 6) : [null, null, null]),
      ...(right ? [right[0], right[1], right[2]] : [null, null, null]),
    ];
  });
  const last = rows.length - 1;
  const res = new Map(
    recognise([
      {
        name: '公开06表',
        cells: rows,
        merges: [
          { top: 3, left: 0, bottom: 3, right: 2 },
          { top: 3, left: 3, bottom: 3, right: 8 },
          { top: last, left: 0, bottom: last, right: 1 },
          { top: last, left: 3, bottom: last, right: 4 },
        ],
      },
    ]).inputs.map((r) => [r.name, r])
  );
  expect(found(res.get('财拨_人员_基本工资'))).toBe('公开06表!C7=60.12');
  expect(found(res.get('财拨_人员_奖励金'))).toBe('公开06表!C23=0.2');
  expect(found(res.get('公用_办公费_本年决算'))).toBe('公开06表!F7=6');
  // 其他商品和服务支出 and 310 stand in the third group.
  expect(found(res.get('公用_其他商品和服务支出_本年决算'))).toBe('公开06表!I6=9.5');
  // 302 and 310 of this 基本支出 table are not the year's 商品和服务支出 / 资本性支出 (projects spend them too).
  expect(res.get('财拨_资本性支出')).toBeUndefined();
  expect(res.get('财拨_商品和服务支出')).toBeUndefined();
});
