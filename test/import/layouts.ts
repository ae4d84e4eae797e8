/**
 * Workbooks laid out as the national 部门决算公开 tables (公开01, 02, 03, 05, 06, 07) and the 湖南
 * 基础数据表 print them: title, 公开0N表 code, 单位 line, merged 收入 / 支出 headers, 行次 and 栏次,
 * 科目编码 columns. Figures are passed in; blanks stay blank. Used by the import tests only.
 */
import type { CellValue } from '../../src/core/types';
import type { ImportSheet, Merge } from '../../src/import/recognise';

type Row = CellValue[];
export type Figures = Record<string, number | string | undefined>;

const v = (f: Figures, k: string): CellValue => f[k] ?? null;

function sheet(name: string, cells: Row[], merges: Merge[]): ImportSheet {
  return { name, cells, merges };
}

const INCOME_LABELS: Array<[string, string]> = [
  ['一、一般公共预算财政拨款收入', '一般公共预算财政拨款收入'],
  ['二、政府性基金预算财政拨款收入', '政府性基金预算财政拨款收入'],
  ['三、国有资本经营预算财政拨款收入', '国有资本经营预算财政拨款收入'],
  ['四、上级补助收入', '上级补助收入'],
  ['五、事业收入', '事业收入'],
  ['六、经营收入', '经营收入'],
  ['七、附属单位上缴收入', '附属单位上缴收入'],
  ['八、其他收入', '其他收入'],
];
const FUNCTION_LABELS = [
  '一般公共服务支出',
  '外交支出',
  '国防支出',
  '公共安全支出',
  '教育支出',
  '科学技术支出',
  '文化旅游体育与传媒支出',
  '社会保障和就业支出',
  '卫生健康支出',
  '节能环保支出',
  '城乡社区支出',
  '农林水支出',
  '交通运输支出',
];
const CN = '一二三四五六七八九十'.split('');
const cnNumber = (i: number) => (i < 10 ? CN[i] : i < 19 ? `十${CN[i - 10]}` : `二十${CN[i - 20] ?? ''}`);

/**
 * 公开01 收入支出决算总表: 收入 | 行次 | 金额 ‖ 支出 | 行次 | 金额, the 合计 rows side by side at the foot.
 * `opts.unit` writes the unit line; `opts.income` labels the first income row differently (old tables: 财政拨款收入).
 */
export function gongkai01(
  unitName: string,
  f: Figures,
  opts: { unit?: '万元' | '元'; firstIncome?: string; sheetName?: string } = {}
): ImportSheet {
  const rows: Row[] = [
    ['收入支出决算总表', null, null, null, null, null],
    [null, null, null, null, null, '公开01表'],
    [`部门：${unitName}`, null, null, null, null, `金额单位：${opts.unit ?? '万元'}`],
    ['收入', null, null, '支出', null, null],
    ['项目', '行次', '金额', '项目', '行次', '金额'],
    ['栏次', null, 1, '栏次', null, 2],
  ];
  const income = INCOME_LABELS.map(
    ([label, key], i) => [i === 0 && opts.firstIncome ? opts.firstIncome : label, key] as const
  );
  const n = Math.max(income.length, FUNCTION_LABELS.length);
  for (let i = 0; i < n; i++) {
    const inc = income[i];
    const fn = FUNCTION_LABELS[i];
    rows.push([
      inc ? inc[0] : null,
      inc ? i + 1 : null,
      inc ? v(f, inc[1]) : null,
      fn ? `${cnNumber(i)}、${fn}` : null,
      fn ? 30 + i : null,
      fn ? v(f, fn) : null,
    ]);
  }
  const foot: Array<[string, string, string, string]> = [
    ['本年收入合计', '本年收入合计', '本年支出合计', '本年支出合计'],
    ['使用非财政拨款结余', '使用非财政拨款结余', '结余分配', '结余分配'],
    ['年初结转和结余', '年初结转和结余', '年末结转和结余', '年末结转和结余'],
    ['总计', '收入总计', '总计', '支出总计'],
  ];
  foot.forEach(([l, lk, r, rk], i) => rows.push([l, 20 + i, v(f, lk), r, 60 + i, v(f, rk)]));
  return sheet(opts.sheetName ?? '公开01表', rows, [
    { top: 0, left: 0, bottom: 0, right: 5 },
    { top: 3, left: 0, bottom: 3, right: 2 },
    { top: 3, left: 3, bottom: 3, right: 5 },
  ]);
}

/** 公开02 收入决算表: 科目编码 | 科目名称 | 本年收入合计 | 财政拨款收入 | 上级补助收入 | 事业收入 | 经营收入 | 附属单位上缴收入 | 其他收入. */
export function gongkai02(
  unitName: string,
  f: Figures,
  lines: Array<[code: string, name: string, total: number]> = []
): ImportSheet {
  const cols = [
    '本年收入合计',
    '财政拨款收入',
    '上级补助收入',
    '事业收入',
    '经营收入',
    '附属单位上缴收入',
    '其他收入',
  ];
  const rows: Row[] = [
    ['收入决算表', ...Array(8).fill(null)],
    [...Array(8).fill(null), '公开02表'],
    [`部门：${unitName}`, ...Array(7).fill(null), '金额单位：万元'],
    ['项目', null, ...cols],
    ['功能分类科目编码', '科目名称', ...Array(7).fill(null)],
    ['栏次', null, 1, 2, 3, 4, 5, 6, 7],
    ['合计', null, ...cols.map((c) => v(f, `收入:${c}`))],
    ...lines.map(([code, name, total]) => [code, name, total, ...Array(6).fill(null)]),
  ];
  return sheet('收入决算表', rows, [
    { top: 0, left: 0, bottom: 0, right: 8 },
    { top: 3, left: 0, bottom: 3, right: 1 },
    ...cols.map((_, i) => ({ top: 3, left: 2 + i, bottom: 4, right: 2 + i })),
    { top: 6, left: 0, bottom: 6, right: 1 },
  ]);
}

/** 公开03 支出决算表: 科目编码 | 科目名称 | 本年支出合计 | 基本支出 | 项目支出 | 上缴上级支出 | 经营支出 | 对附属单位补助支出. */
export function gongkai03(unitName: string, f: Figures): ImportSheet {
  const cols = ['本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'];
  const rows: Row[] = [
    ['支出决算表', ...Array(7).fill(null)],
    [...Array(7).fill(null), '公开03表'],
    [`部门：${unitName}`, ...Array(6).fill(null), '金额单位：万元'],
    ['项目', null, ...cols],
    ['功能分类科目编码', '科目名称', ...Array(6).fill(null)],
    ['栏次', null, 1, 2, 3, 4, 5, 6],
    ['合计', null, ...cols.map((c) => v(f, `支出:${c}`))],
  ];
  return sheet('支出决算表', rows, [
    { top: 3, left: 0, bottom: 3, right: 1 },
    ...cols.map((_, i) => ({ top: 3, left: 2 + i, bottom: 4, right: 2 + i })),
    { top: 6, left: 0, bottom: 6, right: 1 },
  ]);
}

/** 公开05 一般公共预算财政拨款支出决算表: 科目编码 | 科目名称 | 本年支出（合计 | 基本支出 | 项目支出）. */
export function gongkai05(unitName: string, f: Figures): ImportSheet {
  const rows: Row[] = [
    ['一般公共预算财政拨款支出决算表', null, null, null, null],
    [null, null, null, null, '公开05表'],
    [`部门：${unitName}`, null, null, null, '金额单位：万元'],
    ['项目', null, '本年支出', null, null],
    ['功能分类科目编码', '科目名称', '小计', '基本支出', '项目支出'],
    ['栏次', null, 1, 2, 3],
    ['合计', null, v(f, '财拨:合计'), v(f, '财拨:基本'), v(f, '财拨:项目')],
  ];
  return sheet('公开05表', rows, [
    { top: 3, left: 0, bottom: 3, right: 1 },
    { top: 3, left: 2, bottom: 3, right: 4 },
    { top: 6, left: 0, bottom: 6, right: 1 },
  ]);
}

/** 公开06 基本支出决算表: 人员经费（科目编码 | 科目名称 | 决算数）‖ 公用经费（科目编码 | 科目名称 | 决算数）. */
export function gongkai06(
  unitName: string,
  f: Figures,
  office: Array<[code: string, name: string, amount: number]>
): ImportSheet {
  const people: Array<[string, string, CellValue]> = [
    ['301', '工资福利支出', v(f, '工资福利支出')],
    ['303', '对个人和家庭的补助', v(f, '对个人和家庭的补助')],
  ];
  const rows: Row[] = [
    ['一般公共预算财政拨款基本支出决算表', null, null, null, null, null],
    [null, null, null, null, null, '公开06表'],
    [`部门：${unitName}`, null, null, null, null, '金额单位：万元'],
    ['人员经费', null, null, '公用经费', null, null],
    ['科目编码', '科目名称', '决算数', '科目编码', '科目名称', '决算数'],
  ];
  const n = Math.max(people.length, office.length);
  for (let i = 0; i < n; i++)
    rows.push([...(people[i] ?? [null, null, null]), ...(office[i] ?? [null, null, null])]);
  rows.push(['人员经费合计', null, v(f, '人员经费合计'), '公用经费合计', null, v(f, '公用经费合计')]);
  const last = rows.length - 1;
  return sheet('公开06表', rows, [
    { top: 3, left: 0, bottom: 3, right: 2 },
    { top: 3, left: 3, bottom: 3, right: 5 },
    { top: last, left: 0, bottom: last, right: 1 },
    { top: last, left: 3, bottom: last, right: 4 },
  ]);
}

/** 公开07 “三公”经费支出决算表: 预算数 and 决算数, each 合计 | 因公出国（境）费 | 公务用车购置及运行费（小计 | 购置费 | 运行费）| 公务接待费. */
export function gongkai07(
  unitName: string,
  budget: Array<CellValue>,
  actual: Array<CellValue>,
  title = '一般公共预算财政拨款“三公”经费支出决算表'
): ImportSheet {
  const head = ['合计', '因公出国（境）费', '公务用车购置及运行费', null, null, '公务接待费'];
  const sub = [null, null, '小计', '公务用车购置费', '公务用车运行费', null];
  const rows: Row[] = [
    [title, ...Array(11).fill(null)],
    [...Array(11).fill(null), '公开07表'],
    [`部门：${unitName}`, ...Array(10).fill(null), '金额单位：万元'],
    ['预算数', ...Array(5).fill(null), '决算数', ...Array(5).fill(null)],
    [...head, ...head],
    [...sub, ...sub],
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    [...budget, ...actual],
  ];
  const merges: Merge[] = [
    { top: 0, left: 0, bottom: 0, right: 11 },
    { top: 3, left: 0, bottom: 3, right: 5 },
    { top: 3, left: 6, bottom: 3, right: 11 },
  ];
  for (const base of [0, 6]) {
    merges.push(
      { top: 4, left: base, bottom: 5, right: base },
      { top: 4, left: base + 1, bottom: 5, right: base + 1 }
    );
    merges.push(
      { top: 4, left: base + 2, bottom: 4, right: base + 4 },
      { top: 4, left: base + 5, bottom: 5, right: base + 5 }
    );
  }
  return sheet('公开07表', rows, merges);
}

/** “三公”经费 as many departments publish it: 项目 | 预算数 | 决算数, one row per item. */
export function sangongByRows(
  unitName: string,
  rows: Array<[label: string, budget: CellValue, actual: CellValue]>
): ImportSheet {
  return sheet(
    '三公经费',
    [
      ['一般公共预算财政拨款“三公”经费支出决算表', null, null],
      [`单位：${unitName}`, null, '单位：万元'],
      ['项 目', '预 算 数', '决 算 数'],
      ...rows.map(([l, b, a]) => [l, b, a]),
    ],
    [{ top: 0, left: 0, bottom: 0, right: 2 }]
  );
}

/** 湖南《部门整体支出绩效评价基础数据表》: 财政供养人员情况, then 经费控制情况 by 上年决算数 | 本年预算数 | 本年决算数. */
export function jichuShuju(
  unitName: string,
  people: [number, number, string],
  money: Array<[label: string, prior: CellValue, budget: CellValue, actual: CellValue]>
): ImportSheet {
  return sheet(
    '基础数据表',
    [
      ['部门整体支出绩效评价基础数据表', null, null, null],
      [`填报单位：${unitName}`, null, null, '单位：万元'],
      ['财政供养人员情况', '编制数', '2021年实际在职人数', '控制率'],
      [null, people[0], people[1], people[2]],
      ['经费控制情况', '上年决算数', '本年预算数', '本年决算数'],
      ...money.map(([l, p, b, a]) => [l, p, b, a]),
    ],
    []
  );
}

/**
 * 财决01 as the 决算 software exports it (中央 2018–2019 版): three blocks side by side — 收入 | 支出（功能分类）|
 * 支出（支出性质和经济分类）— each 项目 | 行次 | 年初预算数 | 全年预算数 | 决算数; the sheet named “Z01 …(财决01表)”.
 */
export function caijue01(f: Figures): ImportSheet {
  const head = ['项目', '行次', '年初预算数', '全年预算数', '决算数'];
  const block = (rows: Array<[string, string]>, start: number): Row[] =>
    rows.map(([l, k], i) => [l, start + i, v(f, `年初:${k}`), v(f, `全年:${k}`), v(f, k)]);
  const income = block(
    [
      ['一、一般公共预算财政拨款', '一般公共预算财政拨款收入'],
      ['二、政府性基金预算财政拨款', '政府性基金预算财政拨款收入'],
      ['三、上级补助收入', '上级补助收入'],
      ['四、事业收入', '事业收入'],
      ['五、其他收入', '其他收入'],
      ['本年收入合计', '本年收入合计'],
      ['年初结转和结余', '年初结转和结余'],
      ['总计', '收入总计'],
    ],
    1
  );
  const fn = block(
    [
      ['一、一般公共服务支出', '一般公共服务支出'],
      ['二、科学技术支出', '科学技术支出'],
      ['本年支出合计', '本年支出合计'],
      ['年末结转和结余', '年末结转和结余'],
      ['总计', '支出总计'],
    ],
    30
  );
  const nature = block(
    [
      ['一、基本支出', '基本支出'],
      ['人员经费', '人员经费'],
      ['日常公用经费', '日常公用经费'],
      ['二、项目支出', '项目支出'],
      ['三、工资福利支出', '工资福利支出'],
      ['四、商品和服务支出', '商品和服务支出'],
      ['五、对个人和家庭的补助', '对个人和家庭的补助'],
    ],
    60
  );
  const n = Math.max(income.length, fn.length, nature.length);
  const rows: Row[] = [
    ['收入支出决算总表', ...Array(14).fill(null)],
    [...Array(14).fill(null), '财决01表'],
    ['编制单位：某单位', ...Array(13).fill(null), '金额单位：万元'],
    [
      '收入',
      ...Array(4).fill(null),
      '支出（按功能分类）',
      ...Array(4).fill(null),
      '支出（按支出性质和经济分类）',
      ...Array(4).fill(null),
    ],
    [...head, ...head, ...head],
    ['栏次', null, 1, 2, 3, '栏次', null, 4, 5, 6, '栏次', null, 7, 8, 9],
  ];
  for (let i = 0; i < n; i++)
    rows.push([
      ...(income[i] ?? Array(5).fill(null)),
      ...(fn[i] ?? Array(5).fill(null)),
      ...(nature[i] ?? Array(5).fill(null)),
    ]);
  return sheet('Z01 收入支出决算总表(财决01表)', rows, [
    { top: 3, left: 0, bottom: 3, right: 4 },
    { top: 3, left: 5, bottom: 3, right: 9 },
    { top: 3, left: 10, bottom: 3, right: 14 },
  ]);
}

/**
 * 财决07 一般公共预算财政拨款收入支出决算表: 科目编码 | 科目名称 | 年初结转和结余（小计 | 基本支出结转 | 项目支出结转和结余）|
 * 本年收入 | 本年支出（小计 | 基本支出 | 项目支出）| 年末结转和结余（小计 | 基本支出结转 | 项目支出结转和结余）.
 */
export function caijue07(f: Figures): ImportSheet {
  const three = (a: string) => [v(f, `${a}:合计`), v(f, `${a}:基本`), v(f, `${a}:项目`)];
  const rows: Row[] = [
    ['一般公共预算财政拨款收入支出决算表', ...Array(11).fill(null)],
    [...Array(11).fill(null), '财决07表'],
    [null, ...Array(10).fill(null), '金额单位：万元'],
    [
      '项目',
      null,
      '年初结转和结余',
      null,
      null,
      '本年收入',
      '本年支出',
      null,
      null,
      '年末结转和结余',
      null,
      null,
    ],
    [
      '科目编码',
      '科目名称',
      '小计',
      '基本支出结转',
      '项目支出结转和结余',
      null,
      '小计',
      '基本支出',
      '项目支出',
      '小计',
      '基本支出结转',
      '项目支出结转和结余',
    ],
    ['合计', null, ...three('年初'), v(f, '本年收入'), ...three('本年支出'), ...three('年末')],
  ];
  return sheet('Z07 一般公共预算财政拨款收入支出决算表(财决07表)'.slice(0, 31), rows, [
    { top: 3, left: 0, bottom: 3, right: 1 },
    { top: 3, left: 2, bottom: 3, right: 4 },
    { top: 3, left: 5, bottom: 4, right: 5 },
    { top: 3, left: 6, bottom: 3, right: 8 },
    { top: 3, left: 9, bottom: 3, right: 11 },
    { top: 5, left: 0, bottom: 5, right: 1 },
  ]);
}

/** 公开04 财政拨款收入支出决算总表: 收入（项目 | 行次 | 金额）‖ 支出（项目 | 行次 | 合计 | 一般公共预算 | 政府性基金 | 国有资本经营）. */
export function gongkai04(unitName: string, f: Figures): ImportSheet {
  const rows: Row[] = [
    ['财政拨款收入支出决算总表', ...Array(8).fill(null)],
    [...Array(8).fill(null), '公开04表'],
    [`部门：${unitName}`, ...Array(7).fill(null), '金额单位：万元'],
    ['收入', null, null, '支出', ...Array(5).fill(null)],
    [
      '项目',
      '行次',
      '金额',
      '项目',
      '行次',
      '合计',
      '一般公共预算财政拨款',
      '政府性基金预算财政拨款',
      '国有资本经营预算财政拨款',
    ],
    [
      '一、一般公共预算财政拨款',
      1,
      v(f, '收:一般'),
      '一、教育支出',
      30,
      v(f, '教育:合计'),
      v(f, '教育:一般'),
      v(f, '教育:基金'),
      null,
    ],
    ['二、政府性基金预算财政拨款', 2, v(f, '收:基金'), null, null, null, null, null, null],
    ['三、国有资本经营预算财政拨款', 3, v(f, '收:国资'), null, null, null, null, null, null],
    [
      '本年收入合计',
      4,
      v(f, '收:合计'),
      '本年支出合计',
      40,
      v(f, '支:合计'),
      v(f, '支:一般'),
      v(f, '支:基金'),
      v(f, '支:国资'),
    ],
    [
      '年初财政拨款结转和结余',
      5,
      v(f, '年初:合计'),
      '年末财政拨款结转和结余',
      41,
      v(f, '年末:合计'),
      v(f, '年末:一般'),
      v(f, '年末:基金'),
      null,
    ],
    ['一般公共预算财政拨款', 6, v(f, '年初:一般') ?? 999, null, null, null, null, null, null],
    ['政府性基金预算财政拨款', 7, v(f, '年初:基金'), null, null, null, null, null, null],
  ];
  return sheet('公开04表', rows, [
    { top: 3, left: 0, bottom: 3, right: 2 },
    { top: 3, left: 3, bottom: 3, right: 8 },
  ]);
}

/**
 * 财决附03 机构运行信息表 (湖南：机构人员情况表) as the 决算 software exports it (sheet “F03 …(财决附03表)”):
 * 项目 | 行次 | 编制数 | 实有人数, one row per kind of 编制 under a 合计 row. The row and column words are
 * those of framework §4.1 / §4.5 (“编制数、实有人数”); no published copy of the sheet was at hand to copy its grid.
 */
export function caijueFu03(f: Figures): ImportSheet {
  const rows: Row[] = [
    ['机构运行信息表', null, null, null],
    [null, null, null, '财决附03表'],
    ['编制单位：某单位', null, null, '单位：人'],
    ['项目', '行次', '编制数', '实有人数'],
    ['栏次', null, 1, 2],
    ['合计', 1, v(f, '编制:合计'), v(f, '实有:合计')],
    ['一、行政编制', 2, v(f, '编制:行政'), v(f, '实有:行政')],
    ['二、事业编制', 3, v(f, '编制:事业'), v(f, '实有:事业')],
    ['三、工勤编制', 4, v(f, '编制:工勤'), v(f, '实有:工勤')],
  ];
  return sheet('F03 机构运行信息表(财决附03表)', rows, [{ top: 0, left: 0, bottom: 0, right: 3 }]);
}

/**
 * 财决附01 预算支出相关信息表, left block as the 2017 中央版 “部门决算相关信息统计表” prints it (framework §4.3):
 * 项目 | 行次 | 预算数 | 统计数, in 元; the 三公 lines numbered （一）、1.、(1).
 */
export function caijueFu01(f: Figures): ImportSheet {
  const line = (label: string, n: number, key: string): Row => [
    label,
    n,
    v(f, `预算:${key}`),
    v(f, `统计:${key}`),
  ];
  const rows: Row[] = [
    ['预算支出相关信息表', null, null, null],
    [null, null, null, '财决附01表'],
    ['编制单位：某单位', null, null, '金额单位：元'],
    ['项目', '行次', '预算数', '统计数'],
    ['栏次', null, 1, 2],
    ['一、“三公”经费支出', 1, null, null],
    ['（一）支出合计', 2, v(f, '预算:合计'), v(f, '统计:合计')],
    line('1.因公出国（境）费', 3, '因公出国'),
    line('2.公务用车购置及运行维护费', 4, '公务用车'),
    line('（1）公务用车购置费', 5, '公务用车购置'),
    line('（2）公务用车运行维护费', 6, '公务用车运行'),
    line('3.公务接待费', 7, '公务接待'),
  ];
  return sheet('F01 预算支出相关信息表(财决附01表)', rows, []);
}

/**
 * 财决08-2 一般公共预算财政拨款项目支出决算明细表: 功能分类 rows (科目编码 | 科目名称) × 经济分类 columns,
 * the 合计 row first (sheet name cut at 31 characters, as Excel does).
 */
export function caijue08_2(f: Figures): ImportSheet {
  const rows: Row[] = [
    ['一般公共预算财政拨款项目支出决算明细表', null, null, null, null, null],
    [null, null, null, null, null, '财决08-2表'],
    ['编制单位：某单位', null, null, null, null, '金额单位：万元'],
    ['科目编码', '科目名称', '合计', '工资福利支出', '商品和服务支出', '资本性支出'],
    [null, '合计', v(f, '合计'), v(f, '工资福利支出'), v(f, '商品和服务支出'), v(f, '资本性支出')],
    ['206', '科学技术支出', v(f, '合计'), v(f, '工资福利支出'), v(f, '商品和服务支出'), v(f, '资本性支出')],
  ];
  return sheet('Z08_2 一般公共预算财政拨款项目支出决算明细表(财决08-'.slice(0, 31), rows, []);
}

/**
 * A project list as reports and 项目支出绩效自评表 lists print it: a title, the 单位 line, one or two header
 * rows (a group header merged over its sub-headers, or a header merged down over two rows), one row per project.
 */
export function projectList(opts: {
  sheet: string;
  title?: string;
  unit?: '万元' | '元';
  headers: CellValue[];
  subHeaders?: CellValue[];
  rows: Row[];
  merges?: Merge[];
}): ImportSheet {
  const width = opts.headers.length;
  const pad = (r: Row) => [...r, ...Array(Math.max(0, width - r.length)).fill(null)];
  const cells: Row[] = [
    pad([opts.title ?? null]),
    pad([...Array(width - 1).fill(null), `单位：${opts.unit ?? '万元'}`]),
    pad(opts.headers),
    ...(opts.subHeaders ? [pad(opts.subHeaders)] : []),
    ...opts.rows.map(pad),
  ];
  return sheet(opts.sheet, cells, [{ top: 0, left: 0, bottom: 0, right: width - 1 }, ...(opts.merges ?? [])]);
}

/**
 * 政府采购情况表 (湖南 决算附表, framework §4.5: its figures come from the 政府采购信息统计 “政府采购资金情况表”).
 * No published copy of the sheet was at hand: the grid follows the 政府采购信息统计 tables' shape
 * (项目 | 行次 | 采购预算 | 实际采购金额, each split by 资金性质, a 合计 line over 货物 / 工程 / 服务) —
 * `columns` — or the one-figure-a-line form county 基础数据表 and 附表 use — `lines`.
 */
export function zhengfuCaigou(
  unitName: string,
  f: Figures,
  opts: { shape?: 'columns' | 'lines'; unit?: '万元' | '元'; line?: string } = {}
): ImportSheet {
  const headLine = opts.line ?? `编制单位：${unitName}\u3000\u3000单位：${opts.unit ?? '万元'}`;
  if (opts.shape === 'lines')
    return sheet(
      '政府采购情况表',
      [
        ['政府采购情况表', null],
        [headLine, null],
        ['项目', '金额'],
        ['政府采购预算数', v(f, '预算:合计')],
        ['实际政府采购金额', v(f, '实际:合计')],
        ['其中：授予中小企业合同金额', v(f, '中小企业')],
      ],
      [{ top: 0, left: 0, bottom: 0, right: 1 }]
    );
  const lines = ['合计', '货物', '工程', '服务'];
  return sheet(
    '政府采购情况表',
    [
      ['政府采购情况表', ...Array(7).fill(null)],
      [headLine, ...Array(7).fill(null)],
      ['项目', '行次', '采购预算', null, null, '实际采购金额', null, null],
      [null, null, '合计', '财政性资金', '其他资金', '合计', '财政性资金', '其他资金'],
      ['栏次', null, 1, 2, 3, 4, 5, 6],
      ...lines.map((l, i) => [
        l,
        i + 1,
        v(f, `预算:${l}`),
        v(f, `预算财政:${l}`),
        v(f, `预算其他:${l}`),
        v(f, `实际:${l}`),
        v(f, `实际财政:${l}`),
        v(f, `实际其他:${l}`),
      ]),
    ],
    [
      { top: 0, left: 0, bottom: 0, right: 7 },
      { top: 2, left: 0, bottom: 3, right: 0 },
      { top: 2, left: 1, bottom: 3, right: 1 },
      { top: 2, left: 2, bottom: 2, right: 4 },
      { top: 2, left: 5, bottom: 2, right: 7 },
    ]
  );
}

/**
 * 资产情况表 (湖南 决算附表, framework §4.5), laid out from the 决算 附表 填报说明 (流动资产, 固定资产 with
 * 房屋 / 车辆 / 单价 50 万元以上设备 / 其他固定资产, 在建工程, 无形资产, 对外投资, 其他资产; 年初数 | 年末数)
 * and, for 在用, the 国有资产报表's 使用状况 (在用 | 出租出借 | 闲置 | 待处置): `rows` prints 使用状况 as lines
 * under 固定资产 (“其中：在用”), `columns` as columns of the 固定资产 lines. No published copy was at hand.
 */
export function zichanQingkuang(
  unitName: string,
  f: Figures,
  shape: 'rows' | 'columns' = 'rows'
): ImportSheet {
  if (shape === 'columns')
    return sheet(
      '资产情况表',
      [
        ['固定资产使用情况表', ...Array(6).fill(null)],
        [`编制单位：${unitName}`, ...Array(5).fill(null), '单位：万元'],
        ['项目', '账面原值', null, null, null, null, '累计折旧'],
        [null, '合计', '在用', '出租出借', '闲置', '待处置', null],
        [
          '固定资产合计',
          v(f, '固定资产'),
          v(f, '在用'),
          v(f, '出租出借'),
          v(f, '闲置'),
          v(f, '待处置'),
          v(f, '折旧'),
        ],
        ['房屋', v(f, '房屋'), v(f, '房屋在用'), null, null, null, null],
        ['车辆', v(f, '车辆'), v(f, '车辆在用'), null, null, null, null],
      ],
      [
        { top: 0, left: 0, bottom: 0, right: 6 },
        { top: 2, left: 0, bottom: 3, right: 0 },
        { top: 2, left: 1, bottom: 2, right: 5 },
        { top: 2, left: 6, bottom: 3, right: 6 },
      ]
    );
  const lines: Array<[string, string]> = [
    ['资产总额', '资产总额'],
    ['一、流动资产', '流动资产'],
    ['二、固定资产', '固定资产'],
    ['其中：房屋', '房屋'],
    ['车辆', '车辆'],
    ['单价50万元以上设备', '设备'],
    ['其他固定资产', '其他固定资产'],
    ['其中：在用', '在用'],
    ['出租出借', '出租出借'],
    ['闲置', '闲置'],
    ['三、在建工程', '在建工程'],
    ['四、无形资产', '无形资产'],
    ['五、对外投资', '对外投资'],
    ['六、其他资产', '其他资产'],
  ];
  return sheet(
    '资产情况表',
    [
      ['资产情况表', null, null, null],
      [`编制单位：${unitName}`, null, null, '单位：万元'],
      ['项目', '行次', '年初数', '年末数'],
      ...lines.map(([l, k], i) => [l, i + 1, v(f, `年初:${k}`), v(f, k)]),
    ],
    [{ top: 0, left: 0, bottom: 0, right: 3 }]
  );
}
