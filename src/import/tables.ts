/**
 * The standard 部门决算 tables as recognition finds them: how each is titled and coded, and where in
 * it each of our inputs stands — by row label and column header, never by cell address (the table
 * numbers and columns move between years and provinces; the labels do not).
 *
 * Row and column words are compared after {@link normalise} (widths, spaces, numbering and quotes do
 * not matter). Variants are listed best first: the first that matches decides.
 */
import {
  BASIC_OFFICE_LINES,
  FUNCTION_CLASSES,
  OFFICE_COST_ITEMS,
  PERSONNEL_COST_ITEMS,
  personnelItem,
} from '../catalogue/inputs';
import { normalise } from './grid';

export interface Target {
  /** Our input (a catalogue name). */
  name: string;
  /** Row label variants; absent for a table with one data row under column headers (公开07). */
  row?: string[];
  /** Column header path must contain one word of each group (absent: the table's amount column). */
  col?: string[][];
  /** The last header of the column must be one of these. */
  leaf?: string[];
  /** The column header path must contain none of these. */
  not?: string[];
  /** 双栏 tables: the row label stands under this header (收入 / 支出). */
  side?: string;
  /** The label heads a column and its figure stands in the cell below (基础数据表's 编制数). */
  below?: boolean;
  /** The label repeats with another meaning further on: the first match is the one. */
  first?: boolean;
  /** The line stands under a heading row with one of these labels (a sub-line), in the same column. */
  under?: string[];
  /** The figure is the `col` cell less the cell of the same row whose header has a word of each group. */
  less?: string[][];
  /** A count (批次, 人次): read as typed, never converted from 元 with the table's amounts. */
  count?: boolean;
  /** Read only when no other table holds the input (its own table is read first, wherever it stands). */
  fallback?: boolean;
}

export interface TableSpec {
  /** Stable key and the table's name in the report. */
  id: string;
  /** Titles as printed above the table (normalised). */
  titles: string[];
  /** Codes as they appear in sheet names or beside the title: 公开01, 财决01, Z01 … */
  codes: string[];
  targets: Target[];
}

const r = (name: string, row: string[], more: Omit<Target, 'name' | 'row'> = {}): Target => ({
  name,
  row,
  ...more,
});
const c = (name: string, col: string[][], more: Omit<Target, 'name' | 'col'> = {}): Target => ({
  name,
  col,
  ...more,
});

/** The 一般公共预算财政拨款 income line of 公开01 / 财决01 (without the bare 财政拨款收入 of older printings). */
const GENERAL_BUDGET_INCOME = ['一般公共预算财政拨款收入', '一般公共预算财政拨款', '一般公共预算拨款收入'];

/** 收入 rows of 公开01 / 财决01 (the left block). */
const INCOME_ROWS: Target[] = [
  r(
    '收入_一般公共预算财政拨款',
    ['一般公共预算财政拨款收入', '一般公共预算财政拨款', '一般公共预算拨款收入', '财政拨款收入'],
    { side: '收入' }
  ),
  r('收入_政府性基金预算财政拨款', ['政府性基金预算财政拨款收入', '政府性基金预算财政拨款'], {
    side: '收入',
  }),
  r('收入_国有资本经营预算财政拨款', ['国有资本经营预算财政拨款收入', '国有资本经营预算财政拨款'], {
    side: '收入',
  }),
  r('收入_上级补助收入', ['上级补助收入'], { side: '收入' }),
  r('收入_事业收入', ['事业收入'], { side: '收入' }),
  r('收入_经营收入', ['经营收入'], { side: '收入' }),
  r('收入_附属单位上缴收入', ['附属单位上缴收入'], { side: '收入' }),
  r('收入_其他收入', ['其他收入'], { side: '收入' }),
  r('收入_本年收入合计', ['本年收入合计', '收入合计'], { side: '收入' }),
  r(
    '收入_使用非财政拨款结余',
    ['使用非财政拨款结余', '使用非财政拨款结余(含专用结余)', '用事业基金弥补收支差额'],
    { side: '收入' }
  ),
  r('收入_年初结转和结余', ['年初结转和结余'], { side: '收入' }),
  r('收入_总计', ['总计', '收入总计'], { side: '收入' }),
];

/** A 功能分类 line's row label variants: “201 一般公共服务支出”, “一般公共服务支出”, “一般公共服务”. */
const fnRow = (code: string, label: string) =>
  [label, `${code}${label}`, label.replace(/支出$/, '')].filter((s, i, a) => s && a.indexOf(s) === i);

const withCode = (code: string, labels: string[]) => labels.flatMap((l) => [l, `${code}${l}`]);

/** 三公 items: key, the column's own header (公开07 across), the row label (printed down). */
const SANGONG_ALIASES: Array<[key: string, leaf: string[], rows: string[]]> = [
  ['合计', ['合计'], ['合计', '三公经费合计']],
  ['因公出国', ['因公出国(境)费', '因公出国(境)费用', '因公出国费'], ['因公出国(境)费', '因公出国(境)费用']],
  [
    '公务用车',
    ['小计', '公务用车购置及运行费', '公务用车购置及运行维护费'],
    ['公务用车购置及运行维护费', '公务用车购置及运行费'],
  ],
  ['公务用车购置', ['公务用车购置费', '购置费'], ['公务用车购置费', '公务用车购置']],
  [
    '公务用车运行',
    ['公务用车运行费', '公务用车运行维护费', '运行费', '运行维护费'],
    ['公务用车运行维护费', '公务用车运行费'],
  ],
  ['公务接待', ['公务接待费'], ['公务接待费']],
];

/**
 * 公务接待费 told line by line, as 财决附01 and a 公开07 printed down list it (framework §4.3): （1）国内接待费,
 * 其中外事接待费, （2）国（境）外接待费, and the “相关统计数” lines of 批次 and 人次, whose 外事 lines read only
 * “其中：外事” under the 国内 line they belong to. `budget` and `actual` are the column words of the table.
 */
function receptionLines(budget: string[][], actual: string[][]): Target[] {
  const money: Array<[key: string, rows: string[]]> = [
    ['国内接待', ['国内接待费', '国内公务接待费', '国内公务接待']],
    ['外事接待', ['外事接待费', '外事公务接待费']],
    ['国外接待', ['国(境)外接待费', '国(境)外公务接待费', '国外接待费', '国(境)外公务接待']],
  ];
  const counts: Array<[name: string, rows: string[], under?: string[]]> = [
    ['三公_国内接待_批次', ['国内公务接待批次', '国内公务接待批次(个)', '国内接待批次']],
    [
      '三公_外事接待_批次',
      ['外事', '外事接待批次', '外事接待批次(个)', '外事(批次)'],
      ['国内公务接待批次', '国内公务接待批次(个)', '国内接待批次'],
    ],
    ['三公_国内接待_人次', ['国内公务接待人次', '国内公务接待人次(人)', '国内接待人次']],
    [
      '三公_外事接待_人次',
      ['外事', '外事接待人次', '外事接待人次(人)', '外事(人次)'],
      ['国内公务接待人次', '国内公务接待人次(人)', '国内接待人次'],
    ],
    ['三公_国外接待_批次', ['国(境)外公务接待批次', '国(境)外公务接待批次(个)', '国(境)外接待批次']],
    ['三公_国外接待_人次', ['国(境)外公务接待人次', '国(境)外公务接待人次(人)', '国(境)外接待人次']],
  ];
  return [
    ...money.flatMap(([k, rows]) => [
      r(`三公_${k}_本年预算`, rows, { col: budget, first: true }),
      r(`三公_${k}_本年决算`, rows, { col: actual, not: ['预算'], first: true }),
    ]),
    ...counts.map(([name, rows, under]) =>
      r(name, rows, { col: actual, not: ['预算'], count: true, first: true, ...(under ? { under } : {}) })
    ),
  ];
}

/**
 * 政府采购情况表 (湖南 决算附表; its figures come from the 政府采购信息统计 “政府采购资金情况表”) and
 * 资产情况表 (决算附表 / 国有资产报表). Their layouts vary by year and county, so both are read by the
 * words of their lines and columns: a 合计 line under 采购预算 / 实际采购 columns, or one line per
 * figure; the 固定资产 line under 年末 / 合计 / 在用 columns, or a line “其中：在用”.
 */
const PROCUREMENT: TableSpec = {
  id: '政府采购情况表',
  titles: ['政府采购情况表', '政府采购资金情况表', '政府采购支出情况表', '政府采购信息统计表'],
  codes: [],
  targets: [
    r('基础_政府采购预算', ['合计', '总计'], {
      col: [['采购预算', '预算金额', '预算数', '采购计划']],
      leaf: [
        '合计',
        '小计',
        '采购预算',
        '采购预算金额',
        '政府采购预算',
        '预算金额',
        '预算数',
        '采购计划金额',
      ],
      first: true,
    }),
    r('基础_政府采购实际', ['合计', '总计'], {
      col: [['实际采购', '采购金额', '合同金额', '执行金额', '决算数']],
      not: ['预算', '计划'],
      leaf: ['合计', '小计', '实际采购金额', '实际采购', '采购金额', '合同金额', '执行金额', '决算数'],
      first: true,
    }),
    r(
      '基础_政府采购预算',
      ['政府采购预算', '政府采购预算数', '采购预算', '采购预算金额', '政府采购计划金额'],
      {
        first: true,
      }
    ),
    r(
      '基础_政府采购实际',
      ['实际政府采购金额', '实际采购金额', '政府采购实际金额', '政府采购支出总额', '政府采购合同金额'],
      { first: true }
    ),
  ],
};

const AT_YEAR_END = [['年末', '期末', '合计', '账面原值', '原值', '金额', '账面余额']];
const NOT_YEAR_END = [
  '年初',
  '期初',
  '上年',
  '累计折旧',
  '净值',
  '在用',
  '出租',
  '出借',
  '闲置',
  '待处置',
  '报废',
];

const ASSETS: TableSpec = {
  id: '资产情况表',
  titles: ['资产情况表', '国有资产占用情况表', '资产占用情况表', '固定资产使用情况表', '国有资产使用情况表'],
  codes: [],
  targets: [
    r('基础_固定资产总额', ['固定资产合计', '固定资产', '固定资产原值', '固定资产账面原值'], {
      col: AT_YEAR_END,
      not: NOT_YEAR_END,
      first: true,
    }),
    r('基础_在用固定资产', ['固定资产合计', '固定资产', '固定资产原值'], { col: [['在用']], first: true }),
    r('基础_在用固定资产', ['在用', '在用固定资产', '在用资产', '其中:在用'], {
      col: AT_YEAR_END,
      not: NOT_YEAR_END.filter((w) => w !== '在用'),
      first: true,
    }),
  ],
};

/** The 合计 line's 年初 and 年末 结转和结余 columns of 公开08 (and of a 公开09 printed in the same form). */
const carryOver = (fund: '政府性基金' | '国有资本经营'): Target[] =>
  (['年初', '年末'] as const).map((when) =>
    r(`其他_${fund}_${when}结转`, ['合计'], {
      col: [[`${when}结转和结余`, `${when}结转结余`]],
      leaf: ['小计', '合计', `${when}结转和结余`, `${when}结转结余`],
      first: true,
    })
  );

export const TABLES: TableSpec[] = [
  {
    id: '收入支出决算总表',
    titles: ['收入支出决算总表'],
    codes: ['公开01', '财决01', 'Z01'],
    targets: [
      ...INCOME_ROWS,
      r('支出_本年支出合计', ['本年支出合计', '支出合计'], { side: '支出' }),
      r('支出_结余分配', ['结余分配'], { side: '支出' }),
      r('支出_年末结转和结余', ['年末结转和结余'], { side: '支出' }),
      r('支出_总计', ['总计', '支出总计'], { side: '支出' }),
      // The 财决01 third block (支出性质 / 经济分类); absent from 公开01.
      r('支出_基本支出', ['基本支出'], { side: '支出' }),
      r('支出_人员经费', ['人员经费'], { side: '支出' }),
      r('支出_公用经费', ['日常公用经费', '公用经费'], { side: '支出' }),
      r('支出_项目支出', ['项目支出'], { side: '支出' }),
      r('支出_上缴上级支出', ['上缴上级支出'], { side: '支出' }),
      r('支出_经营支出', ['经营支出'], { side: '支出' }),
      r('支出_对附属单位补助支出', ['对附属单位补助支出'], { side: '支出' }),
      r('支出_工资福利支出', ['工资福利支出'], { side: '支出' }),
      r('支出_商品和服务支出', ['商品和服务支出'], { side: '支出' }),
      r('支出_对个人和家庭的补助', ['对个人和家庭的补助'], { side: '支出' }),
      r('支出_资本性支出', ['资本性支出'], { side: '支出' }),
      ...FUNCTION_CLASSES.map(([k, code, label]) =>
        r(`功能_${k}_支出`, fnRow(code, label), { side: '支出' })
      ),
      // The budget columns of 财决01 (and of a 公开01 that prints them): the year's spending budget as
      // first approved, and what was added since (全年预算数 − 年初预算数), as 预算完成率 takes them.
      r('基础_预算完成_年初预算', ['本年支出合计', '支出合计'], {
        side: '支出',
        col: [['年初预算']],
        first: true,
      }),
      r('基础_预算完成_本年追加', ['本年支出合计', '支出合计'], {
        side: '支出',
        col: [['全年预算', '调整预算', '调整后预算']],
        less: [['年初预算']],
        first: true,
      }),
      // The same columns on the 一般公共预算财政拨款 income line: its budget as first approved and as adjusted.
      // 公开05 states them too and is their own table, so it wins when both are there.
      r('财拨_年初预算_合计', GENERAL_BUDGET_INCOME, {
        side: '收入',
        col: [['年初预算']],
        first: true,
        fallback: true,
      }),
      r('财拨_调整后预算_合计', GENERAL_BUDGET_INCOME, {
        side: '收入',
        col: [['全年预算', '调整预算', '调整后预算']],
        first: true,
        fallback: true,
      }),
    ],
  },
  {
    id: '收入决算表',
    titles: ['收入决算表'],
    codes: ['公开02', '财决03', 'Z03'],
    targets: [
      r('收入_本年收入合计', ['合计', '本年收入合计'], { col: [['本年收入合计', '合计']], first: true }),
      r('收入_财政拨款小计', ['合计'], { col: [['财政拨款收入', '财政拨款']], first: true }),
      r('收入_上级补助收入', ['合计'], { col: [['上级补助收入']], first: true }),
      r('收入_事业收入', ['合计'], { col: [['事业收入']], first: true }),
      r('收入_经营收入', ['合计'], { col: [['经营收入']], first: true }),
      r('收入_附属单位上缴收入', ['合计'], { col: [['附属单位上缴收入']], first: true }),
      r('收入_其他收入', ['合计'], { col: [['其他收入']], first: true }),
      ...FUNCTION_CLASSES.map(([k, code, label]) =>
        r(`功能_${k}_收入`, fnRow(code, label), { col: [['本年收入合计', '合计']] })
      ),
    ],
  },
  {
    id: '支出决算表',
    titles: ['支出决算表'],
    codes: ['公开03', '财决04', 'Z04'],
    targets: [
      r('支出_本年支出合计', ['合计', '本年支出合计'], { col: [['本年支出合计', '合计']], first: true }),
      r('支出_基本支出', ['合计'], { col: [['基本支出']], first: true }),
      r('支出_项目支出', ['合计'], { col: [['项目支出']], first: true }),
      r('支出_上缴上级支出', ['合计'], { col: [['上缴上级支出']], first: true }),
      r('支出_经营支出', ['合计'], { col: [['经营支出']], first: true }),
      r('支出_对附属单位补助支出', ['合计'], { col: [['对附属单位补助支出']], first: true }),
      ...FUNCTION_CLASSES.map(([k, code, label]) =>
        r(`功能_${k}_支出`, fnRow(code, label), { col: [['本年支出合计', '合计']] })
      ),
    ],
  },
  {
    id: '财政拨款收入支出决算总表',
    titles: ['财政拨款收入支出决算总表'],
    codes: ['公开04', '财决01-1', 'Z01_1'],
    targets: [
      r('收入_财政拨款小计', ['本年收入合计', '收入合计'], { side: '收入', not: ['预算数'] }),
      // The three lines repeat under 年初财政拨款结转和结余: the first is this year's income.
      r('收入_一般公共预算财政拨款', ['一般公共预算财政拨款', '一般公共预算财政拨款收入'], {
        side: '收入',
        not: ['预算数'],
        first: true,
      }),
      r('收入_政府性基金预算财政拨款', ['政府性基金预算财政拨款', '政府性基金预算财政拨款收入'], {
        side: '收入',
        not: ['预算数'],
        first: true,
      }),
      r('收入_国有资本经营预算财政拨款', ['国有资本经营预算财政拨款', '国有资本经营预算财政拨款收入'], {
        side: '收入',
        not: ['预算数'],
        first: true,
      }),
      r('支出_财政拨款小计', ['本年支出合计', '支出合计'], {
        side: '支出',
        col: [['合计', '决算数', '金额']],
        not: ['一般公共预算', '政府性基金', '国有资本', '预算数'],
        first: true,
      }),
      r('支出_一般公共预算财政拨款', ['本年支出合计', '支出合计'], {
        side: '支出',
        col: [['一般公共预算']],
        not: ['预算数'],
        first: true,
      }),
      r('支出_政府性基金预算财政拨款', ['本年支出合计', '支出合计'], {
        side: '支出',
        col: [['政府性基金']],
        not: ['预算数'],
        first: true,
      }),
      r('支出_国有资本经营预算财政拨款', ['本年支出合计', '支出合计'], {
        side: '支出',
        col: [['国有资本经营']],
        not: ['预算数'],
        first: true,
      }),
      // 年初 / 年末 财政拨款结转和结余 of each fund: in its column of the row, or as the line under the row.
      ...(['年初', '年末'] as const).flatMap((when) => {
        const side = when === '年初' ? '收入' : '支出';
        const heading = [`${when}财政拨款结转和结余`, `${when}结转和结余`, `${when}财政拨款结转结余`];
        const funds = [
          [`财拨_${when}结转结余_合计`, '一般公共预算', '一般公共预算财政拨款'],
          [`其他_政府性基金_${when}结转`, '政府性基金', '政府性基金预算财政拨款'],
          [`其他_国有资本经营_${when}结转`, '国有资本经营', '国有资本经营预算财政拨款'],
        ] as const;
        const others = (fund: string) =>
          ['一般公共预算', '政府性基金', '国有资本'].filter((w) => !fund.startsWith(w));
        return funds.flatMap(([name, fund, line]) => [
          r(name, heading, { side, col: [[fund]], not: ['预算数'], first: true }),
          r(name, [line, `${line}结转和结余`], {
            side,
            under: heading,
            not: ['预算数', ...others(fund)],
            first: true,
          }),
        ]);
      }),
    ],
  },
  {
    id: '一般公共预算财政拨款支出决算表',
    titles: ['一般公共预算财政拨款支出决算表', '一般公共预算财政拨款支出决算明细表'],
    codes: ['公开05', '财决08', 'Z08'],
    targets: [
      r('财拨_本年支出_合计', ['合计'], {
        col: [['合计', '小计', '本年支出']],
        not: ['基本支出', '项目支出', '预算'],
        first: true,
      }),
      r('财拨_本年支出_基本', ['合计'], { col: [['基本支出']], not: ['预算'], first: true }),
      r('财拨_本年支出_项目', ['合计'], { col: [['项目支出']], not: ['预算'], first: true }),
      r('财拨_基本支出', ['合计'], { col: [['基本支出']], not: ['预算'], first: true }),
      r('财拨_项目支出', ['合计'], { col: [['项目支出']], not: ['预算'], first: true }),
      r('财拨_年初预算_合计', ['合计'], { col: [['年初预算']], first: true }),
      r('财拨_调整后预算_合计', ['合计'], { col: [['调整预算', '全年预算', '调整后预算']], first: true }),
    ],
  },
  {
    id: '一般公共预算财政拨款基本支出决算表',
    titles: ['一般公共预算财政拨款基本支出决算表', '一般公共预算财政拨款基本支出决算明细表'],
    codes: ['公开06', '财决08-1', 'Z08_1'],
    targets: [
      r('财拨_人员经费', ['人员经费合计', '人员经费']),
      r('财拨_公用经费', ['公用经费合计', '日常公用经费合计', '公用经费']),
      // The 类 lines 301 and 303 under 人员经费. This table is 基本支出 only, while the workbook's 经济分类 lines
      // are the whole year's spending (基本 + 项目, summed to 本年支出合计): 302 and 310, which projects spend in
      // the main, are not taken from here (they stay to be filled from 财决08), or every department with
      // projects would fail that sum; 301 and 303 are rarely paid by projects.
      r('财拨_工资福利支出', withCode('301', ['工资福利支出']), { first: true }),
      r('财拨_对个人和家庭的补助', withCode('303', ['对个人和家庭的补助']), { first: true }),
      ...OFFICE_COST_ITEMS.map(([k, code, labels]) =>
        r(`公用_${k}_本年决算`, withCode(code, labels), { first: true })
      ),
      // The 款 lines under 301 and 303 (基本工资 …… 其他对个人和家庭的补助).
      ...PERSONNEL_COST_ITEMS.map(([k, code, labels]) =>
        r(personnelItem(k), withCode(code, labels), { first: true })
      ),
    ],
  },
  {
    id: '“三公”经费支出决算表',
    titles: [
      '一般公共预算财政拨款三公经费支出决算表',
      '财政拨款三公经费支出决算表',
      '三公经费支出决算表',
      '一般公共预算财政拨款三公经费支出决算情况表',
    ],
    codes: ['公开07'],
    targets: [
      ...SANGONG_ALIASES.flatMap(([k, leaf, rows]) => [
        c(`三公_${k}_本年预算`, [['预算']], { leaf }),
        c(`三公_${k}_本年决算`, [['决算']], { leaf }),
        // The same table printed one row per item: 项目 | 预算数 | 决算数.
        r(`三公_${k}_本年预算`, rows, { col: [['预算']], first: true }),
        r(`三公_${k}_本年决算`, rows, { col: [['决算']], first: true }),
      ]),
      // Printed down, it may go on with the 接待 lines and their 批次 / 人次 (in the 决算数 column).
      ...receptionLines([['预算']], [['决算', '统计数', '实际']]),
    ],
  },
  {
    id: '政府性基金预算财政拨款收入支出决算表',
    titles: ['政府性基金预算财政拨款收入支出决算表'],
    codes: ['公开08', '财决09', 'Z09'],
    targets: [
      r('收入_政府性基金预算财政拨款', ['合计'], { col: [['本年收入']], first: true }),
      r('支出_政府性基金预算财政拨款', ['合计'], {
        col: [['本年支出']],
        leaf: ['小计', '合计', '本年支出'],
        first: true,
      }),
      ...carryOver('政府性基金'),
    ],
  },
  {
    id: '国有资本经营预算财政拨款支出决算表',
    titles: ['国有资本经营预算财政拨款支出决算表', '国有资本经营预算财政拨款收入支出决算表'],
    codes: ['公开09', '财决10', 'Z10'],
    targets: [
      r('支出_国有资本经营预算财政拨款', ['合计'], {
        col: [['本年支出']],
        leaf: ['小计', '合计', '本年支出'],
        first: true,
      }),
      // The 收入支出 form of the table (年初结转和结余 | 本年收入 | 本年支出 | 年末结转和结余), as 公开08 lays out.
      r('收入_国有资本经营预算财政拨款', ['合计'], { col: [['本年收入']], first: true }),
      ...carryOver('国有资本经营'),
    ],
  },
  {
    id: '一般公共预算财政拨款收入支出决算表',
    titles: ['一般公共预算财政拨款收入支出决算表'],
    codes: ['财决07', 'Z07'],
    targets: [
      r('财拨_年初结转结余_合计', ['合计'], {
        col: [['年初结转和结余', '年初结转结余']],
        leaf: ['小计', '合计', '年初结转和结余', '年初结转结余'],
        first: true,
      }),
      r('财拨_年初结转结余_基本', ['合计'], {
        col: [['年初结转和结余', '年初结转结余'], ['基本支出']],
        first: true,
      }),
      r('财拨_年初结转结余_项目', ['合计'], {
        col: [['年初结转和结余', '年初结转结余'], ['项目支出']],
        first: true,
      }),
      r('财拨_本年收入_合计', ['合计'], { col: [['本年收入']], first: true }),
      r('财拨_本年支出_合计', ['合计'], {
        col: [['本年支出']],
        leaf: ['小计', '合计', '本年支出'],
        first: true,
      }),
      r('财拨_本年支出_基本', ['合计'], { col: [['本年支出'], ['基本支出']], first: true }),
      r('财拨_本年支出_项目', ['合计'], { col: [['本年支出'], ['项目支出']], first: true }),
      r('财拨_年末结转结余_合计', ['合计'], {
        col: [['年末结转和结余', '年末结转结余']],
        leaf: ['小计', '合计', '年末结转和结余', '年末结转结余'],
        first: true,
      }),
      r('财拨_年末结转结余_基本', ['合计'], {
        col: [['年末结转和结余', '年末结转结余'], ['基本支出']],
        first: true,
      }),
      r('财拨_年末结转结余_项目', ['合计'], {
        col: [['年末结转和结余', '年末结转结余'], ['项目支出']],
        first: true,
      }),
    ],
  },
  {
    id: '基本支出决算明细表',
    titles: ['基本支出决算明细表'],
    codes: ['财决05-1', 'Z05_1'],
    targets: [
      r('支出_人员经费', ['人员经费合计', '人员经费'], { first: true }),
      r('支出_公用经费', ['公用经费合计', '日常公用经费合计', '公用经费'], { first: true }),
    ],
  },
  {
    id: '项目支出决算明细表',
    titles: ['项目支出决算明细表'],
    codes: ['财决05-2', 'Z05_2'],
    // All funds' project spending (项目_合计_决算数 is the 财政拨款 project table's total: not this).
    targets: [
      r('支出_项目支出', ['合计', '项目支出合计'], {
        col: [['合计', '决算数', '金额']],
        not: ['工资福利', '商品和服务', '对个人和家庭', '资本性'],
        first: true,
      }),
    ],
  },
  {
    id: '支出决算明细表',
    titles: ['支出决算明细表'],
    codes: ['财决05', 'Z05'],
    targets: [
      r('支出_本年支出合计', ['合计'], {
        col: [['合计', '本年支出合计']],
        not: ['工资福利', '商品和服务', '对个人和家庭', '资本性'],
        first: true,
      }),
      r('支出_工资福利支出', ['合计'], {
        col: [['工资福利支出']],
        leaf: ['小计', '合计', '工资福利支出'],
        first: true,
      }),
      r('支出_商品和服务支出', ['合计'], {
        col: [['商品和服务支出']],
        leaf: ['小计', '合计', '商品和服务支出'],
        first: true,
      }),
      r('支出_对个人和家庭的补助', ['合计'], {
        col: [['对个人和家庭的补助']],
        leaf: ['小计', '合计', '对个人和家庭的补助'],
        first: true,
      }),
      r('支出_资本性支出', ['合计'], {
        col: [['资本性支出']],
        leaf: ['小计', '合计', '资本性支出'],
        first: true,
      }),
    ],
  },
  {
    id: '部门整体支出绩效评价基础数据表',
    titles: ['部门整体支出绩效评价基础数据表', '基础数据表'],
    codes: [],
    targets: [
      r('基础_编制数', ['编制数'], { first: true, below: true }),
      r('基础_在职人数', ['实际在职人数', '年末实际在职人数', '在职人数'], { first: true, below: true }),
      r('基础_在职人员控制率', ['控制率', '在职人员控制率'], { first: true, below: true }),
      ...(['上年决算', '本年预算', '本年决算'] as const).flatMap((col) => [
        r(`三公_合计_${col}`, ['三公经费', '三公经费合计'], { col: [[`${col}`]], first: true }),
        r(
          `三公_公务用车_${col}`,
          ['公务用车购置和维护经费', '公务用车购置及运行维护费', '公务用车购置和运行维护经费'],
          { col: [[`${col}`]], first: true }
        ),
        r(`三公_公务用车购置_${col}`, ['公车购置', '公务用车购置费', '公务用车购置'], {
          col: [[`${col}`]],
          first: true,
        }),
        r(`三公_公务用车运行_${col}`, ['公车运行维护', '公务用车运行维护费', '公车运行维护费'], {
          col: [[`${col}`]],
          first: true,
        }),
        r(`三公_因公出国_${col}`, ['出国经费', '因公出国(境)费'], { col: [[`${col}`]], first: true }),
        r(`三公_公务接待_${col}`, ['公务接待', '公务接待费'], { col: [[`${col}`]], first: true }),
      ]),
      r('项目_合计_上年决算', ['项目支出'], { col: [['上年决算']], first: true }),
      r('项目_合计_年初预算', ['项目支出'], { col: [['本年预算']], first: true }),
      r('项目_合计_决算数', ['项目支出'], { col: [['本年决算']], first: true }),
      r('基础_公用经费上年决算', ['公用经费'], { col: [['上年决算']], first: true }),
      r('基础_公用经费预算', ['公用经费'], { col: [['本年预算']], first: true }),
      r('基础_公用经费决算', ['公用经费'], { col: [['本年决算']], first: true }),
      ...(['办公费', '水费', '电费', '差旅费', '会议费', '培训费'] as const).flatMap((k) =>
        (['上年决算', '本年预算', '本年决算'] as const).map((col) =>
          r(`公用_${k}_${col}`, [k, `其中:${k}`], { col: [[col]], first: true })
        )
      ),
      // The lines it prints under 公用经费, combined its own way (水费、电费、差旅费 on one line).
      ...BASIC_OFFICE_LINES.flatMap(([k, , labels]) =>
        (['上年决算', '本年预算', '本年决算'] as const).map((col) =>
          r(`基础_公用_${k}_${col}`, labels, { col: [[col]], first: true })
        )
      ),
      r('基础_政府采购上年', ['政府采购金额', '政府采购'], { col: [['上年决算']], first: true }),
      r('基础_政府采购预算', ['政府采购金额', '政府采购'], { col: [['本年预算']], first: true }),
      r('基础_政府采购实际', ['政府采购金额', '政府采购'], { col: [['本年决算']], first: true }),
    ],
  },
  {
    id: '一般公共预算财政拨款项目支出决算明细表',
    titles: ['一般公共预算财政拨款项目支出决算明细表', '一般公共预算财政拨款项目支出决算表'],
    codes: ['财决08-2', 'Z08_2'],
    // Rows by 功能分类, columns by 经济分类: the 合计 row's 合计 column is the 财政拨款 project spending.
    targets: [
      r('财拨_项目支出', ['合计', '项目支出合计'], {
        col: [['合计', '决算数', '金额']],
        not: ['工资福利', '商品和服务', '对个人和家庭', '资本性'],
        first: true,
      }),
    ],
  },
  {
    id: '预算支出相关信息表',
    titles: ['预算支出相关信息表', '部门决算相关信息统计表'],
    codes: ['财决附01', 'F01'],
    // 项目 | 行次 | 预算数 | 统计数 (framework §4.3, the 2017 中央版 layout), the 三公 lines one per row.
    targets: [
      ...SANGONG_ALIASES.flatMap(([k, , rows]) => [
        r(`三公_${k}_本年预算`, k === '合计' ? ['支出合计', '三公经费支出', ...rows] : rows, {
          col: [['预算数', '预算']],
          first: true,
        }),
        r(`三公_${k}_本年决算`, k === '合计' ? ['支出合计', '三公经费支出', ...rows] : rows, {
          col: [['统计数', '决算数', '决算']],
          first: true,
        }),
      ]),
      // （1）国内接待费, 其中外事, （2）国（境）外, and the （二）相关统计数 lines of 批次 and 人次.
      ...receptionLines([['预算数', '预算']], [['统计数', '决算数', '决算']]),
    ],
  },
  {
    id: '机构人员情况表',
    titles: ['机构运行信息表', '机构人员情况表', '机构人员信息表'],
    codes: ['财决附03', 'F03'],
    // One row per kind of 编制 and a total, columns 编制数 | 实有人数. After the 基础数据表, which keeps
    // the 编制数 and 在职人数 the indicators are stated from when both are present.
    targets: [
      r('基础_编制数_行政', ['行政编制', '行政编制数', '行政编制人员'], {
        col: [['编制数', '编制']],
        not: ['实有'],
        first: true,
      }),
      r('基础_编制数_事业', ['事业编制', '事业编制数', '事业编制人员'], {
        col: [['编制数', '编制']],
        not: ['实有'],
        first: true,
      }),
      r('基础_编制数_工勤', ['工勤编制', '工勤人员编制', '机关工勤编制', '工勤编制数', '工勤人员'], {
        col: [['编制数', '编制']],
        not: ['实有'],
        first: true,
      }),
      r('基础_编制数', ['合计', '编制数合计', '总计'], {
        col: [['编制数', '编制']],
        not: ['实有'],
        first: true,
      }),
      r('基础_在职人数', ['合计', '总计'], { col: [['实有人数', '在职人数', '实有在职人数']], first: true }),
    ],
  },
  PROCUREMENT,
  ASSETS,
];

/** Every table's titles and codes normalised once. */
export const TABLE_KEYS = TABLES.map((t) => ({
  spec: t,
  titles: t.titles.map(normalise),
  codes: t.codes.map((x) => normalise(x).toUpperCase()),
}));
