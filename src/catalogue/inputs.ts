/**
 * The catalogue of named inputs: every figure Jixiao reads, declared once.
 *
 * Sheets and blocks follow the 部门决算 tables (财决01 收支总表, 财决07/08 一般公共预算财政拨款,
 * 公开07 三公经费表) and the 湖南《部门整体支出绩效评价基础数据表》. A quantity that real reports
 * state in several places (a total in the 收支总表 and again in the 财政拨款 table; 年初结转 in the
 * summary and again among the 预算完成率 inputs) keeps one named cell per place, so the
 * reconciliation checks can compare them.
 */
import {
  Block,
  ColumnDecl,
  InputDecl,
  InputKind,
  InputSheet,
  ScalarDecl,
  TableDecl,
  Unit,
  UNIT_OF_KIND,
} from './types';
import { DEFAULT_RULE_ROWS } from './rulebook';
import {
  FUND_COLUMNS,
  SANGONG_CAR_PARTS,
  SANGONG_ITEMS,
  SANGONG_RECEPTION_PARTS,
  SANGONG_TOTAL,
} from './lists';

type ScalarOpts = Partial<Pick<ScalarDecl, 'required' | 'source' | 'multiline' | 'stated' | 'unit'>>;

/** A scalar declaration factory bound to one sheet and block. */
function on(sheet: string, block: string) {
  return (name: string, label: string, kind: InputKind, opts: ScalarOpts = {}): ScalarDecl => ({
    type: 'scalar',
    name,
    label,
    kind,
    unit: opts.unit ?? UNIT_OF_KIND[kind],
    sheet,
    block,
    required: opts.required ?? false,
    source: opts.source,
    multiline: opts.multiline,
    stated: opts.stated,
  });
}

function col(key: string, label: string, kind: InputKind, extra: Partial<ColumnDecl> = {}): ColumnDecl {
  return { key, label, kind, unit: UNIT_OF_KIND[kind], ...extra };
}

function list(
  sheet: string,
  title: string,
  rows: Array<[string, string, InputKind, ScalarOpts?]>,
  note?: string
): Block {
  const d = on(sheet, title);
  return { type: 'list', title, note, items: rows.map(([n, l, k, o]) => d(n, l, k, o)) };
}

/**
 * A grid of amounts: one named cell per (row, column), named `${prefix}_${row}_${column}`.
 * `skip` lists `row|column` pairs that have no cell.
 */
function grid(
  sheet: string,
  title: string,
  prefix: string,
  corner: string,
  rows: ReadonlyArray<readonly [key: string, label: string]>,
  cols: ReadonlyArray<readonly [key: string, label: string, kind?: InputKind, unit?: Unit]>,
  opts: {
    /** Every cell's kind, unless its column names its own. */
    kind?: InputKind;
    required?: (r: string, c: string) => boolean;
    skip?: string[];
    note?: string;
    source?: string;
    stated?: boolean;
  } = {}
): Block {
  const d = on(sheet, title);
  return {
    type: 'grid',
    title,
    note: opts.note,
    corner,
    rowLabels: rows.map(([, l]) => l),
    colLabels: cols.map(([, l]) => l),
    cells: rows.map(([rk, rl]) =>
      cols.map(([ck, cl, kind, unit]) =>
        opts.skip?.includes(`${rk}|${ck}`)
          ? null
          : d(`${prefix}_${rk}_${ck}`, `${rl}（${cl}）`, kind ?? opts.kind ?? 'amount', {
              required: opts.required?.(rk, ck) ?? false,
              source: opts.source,
              stated: opts.stated,
              unit,
            })
      )
    ),
  };
}

function table(
  sheet: string,
  title: string,
  name: string,
  columns: ColumnDecl[],
  opts: {
    required?: boolean;
    templateRows?: number;
    source?: string;
    note?: string;
    defaultRows?: TableDecl['defaultRows'];
  } = {}
): Block {
  const t: TableDecl = {
    type: 'table',
    name,
    label: title,
    sheet,
    block: title,
    required: opts.required ?? false,
    columns,
    templateRows: opts.templateRows ?? 20,
    source: opts.source,
    defaultRows: opts.defaultRows,
  };
  return { type: 'table', title, note: opts.note, table: t };
}

function text(
  sheet: string,
  title: string,
  name: string,
  label: string,
  opts: ScalarOpts = {},
  note?: string
): Block {
  return {
    type: 'text',
    title,
    note,
    item: on(sheet, title)(name, label, 'text', { multiline: true, ...opts }),
  };
}

/** 功能分类 类级 lines (2021 政府收支分类科目): key, 类 code, name as the 决算 tables print it. */
export const FUNCTION_CLASSES: Array<[key: string, code: string, label: string]> = [
  ['一般公共服务', '201', '一般公共服务支出'],
  ['外交', '202', '外交支出'],
  ['国防', '203', '国防支出'],
  ['公共安全', '204', '公共安全支出'],
  ['教育', '205', '教育支出'],
  ['科学技术', '206', '科学技术支出'],
  ['文化旅游体育与传媒', '207', '文化旅游体育与传媒支出'],
  ['社会保障和就业', '208', '社会保障和就业支出'],
  ['卫生健康', '210', '卫生健康支出'],
  ['节能环保', '211', '节能环保支出'],
  ['城乡社区', '212', '城乡社区支出'],
  ['农林水', '213', '农林水支出'],
  ['交通运输', '214', '交通运输支出'],
  ['资源勘探工业信息等', '215', '资源勘探工业信息等支出'],
  ['商业服务业等', '216', '商业服务业等支出'],
  ['金融', '217', '金融支出'],
  ['援助其他地区', '219', '援助其他地区支出'],
  ['自然资源海洋气象等', '220', '自然资源海洋气象等支出'],
  ['住房保障', '221', '住房保障支出'],
  ['粮油物资储备', '222', '粮油物资储备支出'],
  ['灾害防治及应急管理', '224', '灾害防治及应急管理支出'],
  ['其他支出', '229', '其他支出'],
];

/**
 * The 功能分类 lines of the 收入决算表 and 支出决算表, 类, 款 and 项 alike, one row each (a department has a
 * handful of the hundreds of 款 and 项, so they are rows of a table, not names): table name, block title, the
 * amount column's label, and the table they are copied from.
 */
export const FUNCTION_LINE_TABLES: Array<[name: string, title: string, amount: string, source: string]> = [
  ['功能分类收入明细表', '收入按功能分类（类、款、项）', '本年收入合计', '收入决算表（公开02）'],
  ['功能分类支出明细表', '支出按功能分类（类、款、项）', '本年支出合计', '支出决算表（公开03）'],
];

/** 公用经费 items (302 商品和服务支出 款级): key, 经济分类 code, names as 公开06 / 财决08-1 print them. */
export const OFFICE_COST_ITEMS: Array<[key: string, code: string, labels: string[]]> = [
  ['办公费', '30201', ['办公费']],
  ['印刷费', '30202', ['印刷费']],
  ['水费', '30205', ['水费']],
  ['电费', '30206', ['电费']],
  ['邮电费', '30207', ['邮电费']],
  ['物业管理费', '30209', ['物业管理费']],
  ['差旅费', '30211', ['差旅费']],
  ['维修费', '30213', ['维修（护）费', '维修费', '维护费']],
  ['会议费', '30215', ['会议费']],
  ['培训费', '30216', ['培训费']],
  ['公务接待费', '30217', ['公务接待费']],
  ['劳务费', '30226', ['劳务费']],
  ['工会经费', '30228', ['工会经费']],
  ['福利费', '30229', ['福利费']],
  ['公务用车运行维护费', '30231', ['公务用车运行维护费']],
  ['其他交通费用', '30239', ['其他交通费用']],
  ['其他商品和服务支出', '30299', ['其他商品和服务支出']],
];

/**
 * 人员经费 items (经济分类款级 under 301 工资福利支出 and 303 对个人和家庭的补助): key, code, names as 公开06 /
 * 财决08-1 print them (the first also labels our cell), and the 类 each belongs to.
 */
export const PERSONNEL_COST_ITEMS: Array<[key: string, code: string, labels: string[], cls: '301' | '303']> =
  [
    ['基本工资', '30101', ['基本工资'], '301'],
    ['津贴补贴', '30102', ['津贴补贴'], '301'],
    ['奖金', '30103', ['奖金'], '301'],
    ['伙食补助费', '30106', ['伙食补助费'], '301'],
    ['绩效工资', '30107', ['绩效工资'], '301'],
    ['基本养老保险缴费', '30108', ['机关事业单位基本养老保险缴费'], '301'],
    ['职业年金缴费', '30109', ['职业年金缴费'], '301'],
    ['职工基本医疗保险缴费', '30110', ['职工基本医疗保险缴费'], '301'],
    ['公务员医疗补助缴费', '30111', ['公务员医疗补助缴费'], '301'],
    ['其他社会保障缴费', '30112', ['其他社会保障缴费'], '301'],
    ['住房公积金', '30113', ['住房公积金'], '301'],
    ['医疗费', '30114', ['医疗费'], '301'],
    ['其他工资福利支出', '30199', ['其他工资福利支出'], '301'],
    ['离休费', '30301', ['离休费'], '303'],
    ['退休费', '30302', ['退休费'], '303'],
    ['退职费', '30303', ['退职（役）费', '退职费'], '303'],
    ['抚恤金', '30304', ['抚恤金'], '303'],
    ['生活补助', '30305', ['生活补助'], '303'],
    ['救济费', '30306', ['救济费'], '303'],
    ['医疗费补助', '30307', ['医疗费补助'], '303'],
    ['助学金', '30308', ['助学金'], '303'],
    ['奖励金', '30309', ['奖励金'], '303'],
    ['个人农业生产补贴', '30310', ['个人农业生产补贴'], '303'],
    ['代缴社会保险费', '30311', ['代缴社会保险费'], '303'],
    ['其他对个人和家庭的补助', '30399', ['其他对个人和家庭的补助', '其他对个人和家庭的补助支出'], '303'],
  ];

/** The input of a 人员经费 item (一般公共预算财政拨款, 决算数). */
export const personnelItem = (key: string): string => `财拨_人员_${key}`;

/**
 * The 公用经费 lines the 湖南《基础数据表》 prints under 公用经费 (framework §2.8): key, label as printed, and the
 * words other printings use. They combine the 经济分类 items differently (水费、电费、差旅费 on one line), so
 * they have inputs of their own beside {@link OFFICE_COST_ITEMS}.
 */
export const BASIC_OFFICE_LINES: Array<[key: string, label: string, labels: string[]]> = [
  ['办公经费', '办公经费', ['办公经费']],
  [
    '水电差旅',
    '水费、电费、差旅费',
    ['水费、电费、差旅费', '水电费、差旅费', '水电差旅费', '水费电费差旅费'],
  ],
  ['会议培训', '会议费、培训费', ['会议费、培训费', '会议培训费', '会议费培训费']],
];

/** The three 口径 of 预算完成率 and what each reads, stated beside the figures (docs/domain.md §1.3). */
const PLAN_COMPLETION_BASES =
  '口径在“评分规则”表“预算完成率口径”中选定，留空为湖南口径 =（上年结转 + 年初预算 + 本年追加 − 年末结余）÷（上年结转 + 年初预算 + 本年追加），不用预算完成数；国家口径 = 预算完成数 ÷（年初预算 + 本年追加）；报告写“完成年初预算的…%”时选年初预算口径 = 预算完成数 ÷ 年初预算，不用本年追加';

// ------------------------------------------------------------------ the sheets

const 基本情况 = '基本情况';
const 收支总表 = '收支总表';
const 财政拨款 = '财政拨款';
const 其他资金 = '其他资金';
const 项目支出 = '项目支出';
const 三公经费 = '三公经费';
const 基础数据 = '基础数据';
const 产出任务 = '产出任务';
const 自评打分 = '自评打分';
const 文字材料 = '文字材料';

export const INPUT_SHEETS: InputSheet[] = [
  {
    name: 基本情况,
    caption: '单位基本情况（对应部门决算封面、机构人员情况表）',
    blocks: [
      list(基本情况, '单位信息', [
        ['单位名称', '单位名称', 'text', { required: true }],
        ['评价年度', '评价年度', 'year', { required: true }],
        ['单位简介', '基本情况（成立时间、性质、隶属关系）', 'text', { multiline: true }],
        ['内设机构', '机构设置（内设机构、二级机构）', 'text', { multiline: true }],
      ]),
      text(基本情况, '部门职能职责', '职能职责', '职能职责（每条一行）'),
      text(基本情况, '年度工作目标', '年度工作目标', '年度工作目标及工作计划'),
      table(
        基本情况,
        '机构人员情况表',
        '人员情况表',
        [
          col('单位', '单位（机构）', 'text', { required: true, width: 28 }),
          col('编制数', '编制数', 'count', { required: true }),
          col('在职人数', '年末实有在职人数', 'count', { required: true }),
          col('退休人数', '年末退休人数', 'count'),
        ],
        { required: true, templateRows: 8, source: '财决附03 机构运行信息表 / 机构人员情况表' }
      ),
    ],
  },
  {
    name: 收支总表,
    caption: '部门整体收入支出决算（对应财决01表 收入支出决算总表，本年决算数）',
    blocks: [
      list(
        收支总表,
        '收入',
        [
          ['收入_一般公共预算财政拨款', '一般公共预算财政拨款收入', 'amount', { required: true }],
          ['收入_政府性基金预算财政拨款', '政府性基金预算财政拨款收入', 'amount'],
          ['收入_国有资本经营预算财政拨款', '国有资本经营预算财政拨款收入', 'amount'],
          ['收入_上级补助收入', '上级补助收入', 'amount'],
          ['收入_事业收入', '事业收入', 'amount'],
          ['收入_经营收入', '经营收入', 'amount'],
          ['收入_附属单位上缴收入', '附属单位上缴收入', 'amount'],
          ['收入_其他收入', '其他收入', 'amount'],
          ['收入_本年收入合计', '本年收入合计', 'amount', { required: true }],
          ['收入_使用非财政拨款结余', '使用非财政拨款结余', 'amount'],
          ['收入_年初结转和结余', '年初结转和结余', 'amount', { required: true }],
          ['收入_总计', '收入总计', 'amount'],
        ],
        '单位：万元。按资金来源填列本年决算数。'
      ),
      list(收支总表, '支出（按资金来源）', [
        ['支出_一般公共预算财政拨款', '一般公共预算财政拨款支出', 'amount', { required: true }],
        ['支出_政府性基金预算财政拨款', '政府性基金预算财政拨款支出', 'amount'],
        ['支出_国有资本经营预算财政拨款', '国有资本经营预算财政拨款支出', 'amount'],
        ['支出_其他资金', '其他资金支出', 'amount'],
      ]),
      list(收支总表, '支出（按支出性质）', [
        ['支出_基本支出', '基本支出', 'amount', { required: true }],
        ['支出_人员经费', '其中：人员经费', 'amount', { required: true }],
        ['支出_公用经费', '其中：日常公用经费', 'amount', { required: true }],
        ['支出_项目支出', '项目支出', 'amount', { required: true }],
        ['支出_上缴上级支出', '上缴上级支出', 'amount'],
        ['支出_经营支出', '经营支出', 'amount'],
        ['支出_对附属单位补助支出', '对附属单位补助支出', 'amount'],
      ]),
      list(收支总表, '支出（按经济分类）', [
        ['支出_工资福利支出', '工资福利支出', 'amount'],
        ['支出_商品和服务支出', '商品和服务支出', 'amount'],
        ['支出_对个人和家庭的补助', '对个人和家庭的补助', 'amount'],
        ['支出_资本性支出', '资本性支出', 'amount'],
        ['支出_其他经济分类支出', '其他支出（经济分类）', 'amount'],
      ]),
      list(收支总表, '支出合计与结转结余', [
        ['支出_本年支出合计', '本年支出合计', 'amount', { required: true }],
        ['支出_结余分配', '结余分配', 'amount'],
        ['支出_年末结转和结余', '年末结转和结余', 'amount'],
        ['支出_总计', '支出总计', 'amount'],
      ]),
      grid(
        收支总表,
        '结转结余（按资金来源）',
        '结转',
        '资金来源',
        [
          ['一般公共预算', '一般公共预算财政拨款'],
          ['其他资金', '其他资金'],
          ['合计', '合计'],
        ],
        [
          ['年初', '年初结转和结余'],
          ['年末', '年末结转和结余'],
        ]
      ),
      list(收支总表, '财政拨款小计', [
        [
          '收入_财政拨款小计',
          '财政拨款收入（一般公共预算 + 政府性基金 + 国有资本经营）',
          'amount',
          { source: '公开02 收入决算表“财政拨款收入”栏 / 公开04' },
        ],
        [
          '支出_财政拨款小计',
          '财政拨款支出（一般公共预算 + 政府性基金 + 国有资本经营）',
          'amount',
          { source: '公开04 财政拨款收入支出决算总表' },
        ],
      ]),
      grid(
        收支总表,
        '收入支出按功能分类（类级）',
        '功能',
        '功能分类科目',
        FUNCTION_CLASSES.map(([k, code, label]) => [k, `${code} ${label}`]),
        [
          ['收入', '本年收入（公开02）'],
          ['支出', '本年支出（公开01 / 公开03）'],
        ],
        {
          note: '按收入决算表、支出决算表的“类”级科目填列；没有的类留空。各类之和应等于本年收入合计、本年支出合计。',
        }
      ),
      // Last on the sheet, so the cells above keep their template addresses.
      ...FUNCTION_LINE_TABLES.map(([name, title, amount, source]) =>
        table(
          收支总表,
          title,
          name,
          [
            col('编码', '科目编码', 'text', { required: true, width: 12 }),
            col('名称', '科目名称', 'text', { width: 24 }),
            col('金额', amount, 'amount'),
          ],
          {
            templateRows: 25,
            source,
            note: `按${source}逐行照填类、款、项各行（科目编码：类 3 位、款 5 位、项 7 位），合计行不填。类 = 其下各款之和，款 = 其下各项之和；类级数应与上表相同。`,
          }
        )
      ),
    ],
  },
  {
    name: 财政拨款,
    caption: '一般公共预算财政拨款收支（对应财决07、08、08-1表及预算批复）',
    blocks: [
      grid(
        财政拨款,
        '一般公共预算财政拨款收支及结转结余',
        '财拨',
        '项目',
        [
          ['年初结转结余', '年初结转结余'],
          ['本年收入', '本年收入'],
          ['本年支出', '本年支出'],
          ['年末结转结余', '年末结转和结余'],
        ],
        FUND_COLUMNS,
        { required: (r, c) => c === '合计' && (r === '本年收入' || r === '本年支出') }
      ),
      grid(
        财政拨款,
        '一般公共预算批复及调整',
        '财拨',
        '项目',
        [
          ['年初预算', '年初批复预算'],
          ['年中追加', '年中追加（调减以负数填列）'],
          ['调整后预算', '调整后预算'],
        ],
        FUND_COLUMNS,
        { required: (r, c) => c === '合计' && r === '年初预算', source: '预算批复及调整文件' }
      ),
      list(
        财政拨款,
        '一般公共预算财政拨款支出明细',
        [
          ['财拨_基本支出', '基本支出', 'amount'],
          ['财拨_人员经费', '其中：人员经费', 'amount'],
          ['财拨_公用经费', '其中：日常公用经费', 'amount'],
          ['财拨_项目支出', '项目支出', 'amount'],
          ['财拨_工资福利支出', '工资福利支出', 'amount'],
          ['财拨_商品和服务支出', '商品和服务支出', 'amount'],
          ['财拨_对个人和家庭的补助', '对个人和家庭的补助', 'amount'],
          ['财拨_资本性支出', '资本性支出', 'amount'],
        ],
        '按支出性质和经济分类；经济分类各行是财政拨款全年支出（基本支出 + 项目支出）按经济分类的数，人员经费是其中基本支出的工资福利支出和对个人和家庭的补助（财决08-1表）。'
      ),
      // Last on the sheet, so the cells above keep their template addresses.
      list(
        财政拨款,
        '人员经费明细（按经济分类款级）',
        PERSONNEL_COST_ITEMS.map(([k, code, labels]) => [
          personnelItem(k),
          `${code} ${labels[0]}`,
          'amount',
          { source: '公开06 / 财决08-1 基本支出决算表' },
        ]),
        '按公开06 / 财决08-1表人员经费下的各款照填（表中没有的款留空）；各款之和 = 人员经费，都只是基本支出的数，301、303 各款之和不超过上面的工资福利支出、对个人和家庭的补助。'
      ),
    ],
  },
  {
    name: 其他资金,
    caption: '一般公共预算以外的其他资金收支',
    blocks: [
      list(其他资金, '其他资金收支', [
        ['其他_年初结转', '年初结转和结余', 'amount'],
        ['其他_本年收入', '本年收入', 'amount'],
        ['其他_本年支出', '本年支出', 'amount'],
        ['其他_公用经费', '其中：日常公用经费', 'amount'],
        ['其他_项目支出', '其中：项目支出', 'amount'],
        ['其他_年末结转', '年末结转和结余', 'amount'],
      ]),
      table(
        其他资金,
        '其他收入明细',
        '其他收入明细表',
        [
          col('来源', '来源及用途', 'text', { required: true, width: 44 }),
          col('金额', '金额', 'amount', { required: true }),
        ],
        { templateRows: 12 }
      ),
      // After the table, so the cells above keep their template addresses.
      list(
        其他资金,
        '其他资金支出（按经济分类）',
        [
          ['其他_工资福利支出', '工资福利支出', 'amount'],
          ['其他_商品和服务支出', '商品和服务支出', 'amount'],
          ['其他_对个人和家庭的补助', '对个人和家庭的补助', 'amount'],
          ['其他_资本性支出', '资本性支出', 'amount'],
        ],
        '一般公共预算财政拨款以外的资金按经济分类的支出（部门数减财政拨款数）；每行与财政拨款同一行之和应等于收支总表该行。'
      ),
      // Last on the sheet, so the cells above keep their template addresses.
      grid(
        其他资金,
        '政府性基金、国有资本经营预算财政拨款结转结余',
        '其他',
        '资金来源',
        [
          ['政府性基金', '政府性基金预算财政拨款'],
          ['国有资本经营', '国有资本经营预算财政拨款'],
        ],
        [
          ['年初结转', '年初结转和结余'],
          ['年末结转', '年末结转和结余'],
        ],
        {
          note: '按公开08 政府性基金预算财政拨款收入支出决算表、公开09 国有资本经营预算财政拨款支出决算表（或公开04 年初、年末财政拨款结转和结余）填列；本年收入、支出见收支总表。两行都是上面其他资金结转结余的一部分。',
          source: '公开08 / 公开09 / 公开04',
        }
      ),
    ],
  },
  {
    name: 项目支出,
    caption: '项目支出明细（对应财决05-2、08-2表及项目预算批复）',
    blocks: [
      table(
        项目支出,
        '项目支出明细表',
        '项目支出明细表',
        [
          col('项目', '项目名称', 'text', { required: true, width: 30 }),
          col('上级项目', '上级项目（子项填写）', 'text', { width: 18 }),
          col('年初预算', '年初预算数', 'amount'),
          col('年中追加', '年中追加预算数', 'amount'),
          col('预算总额', '预算总额', 'amount'),
          col('决算数', '年度决算数', 'amount'),
          col('重点项目', '是否重点项目', 'flag'),
        ],
        {
          required: true,
          templateRows: 30,
          note: '子项目在“上级项目”栏填写所属项目名称；没有数的格可留空，“-”按 0 计。',
        }
      ),
      list(项目支出, '项目支出合计（报表所列）', [
        ['项目_合计_年初预算', '合计：年初预算数', 'amount'],
        ['项目_合计_年中追加', '合计：年中追加预算数', 'amount'],
        ['项目_合计_预算总额', '合计：预算总额', 'amount'],
        ['项目_合计_决算数', '合计：年度决算数', 'amount'],
      ]),
      list(项目支出, '项目支出上年数', [
        ['项目_合计_上年决算', '上年项目支出决算数', 'amount', { source: '上年部门决算 / 基础数据表' }],
      ]),
    ],
  },
  {
    name: 三公经费,
    caption: '“三公”经费预算与决算（对应公开07表、财决附01表）',
    blocks: [
      grid(
        三公经费,
        '“三公”经费支出表',
        '三公',
        '项目',
        [...SANGONG_ITEMS, ...SANGONG_CAR_PARTS, SANGONG_TOTAL],
        [
          ['本年预算', '本年预算数'],
          ['本年决算', '本年决算数'],
          ['上年预算', '上年预算数'],
          ['上年决算', '上年决算数'],
        ],
        { required: (r, c) => r === '合计' && (c === '本年预算' || c === '本年决算') }
      ),
      grid(
        三公经费,
        '“三公”经费增长率（报告所列）',
        '三公',
        '项目',
        [...SANGONG_ITEMS, SANGONG_TOTAL],
        [['增长率', '本年决算比上年决算增长率']],
        { kind: 'rate', stated: true, note: '如报告中列有增长率，照填，系统会按上表重算核对。' }
      ),
      // The rate keeps column B (its name's address before the amount was added beside it).
      grid(
        三公经费,
        '“三公”经费预算比上年决算（报告所列）',
        '三公',
        '项目',
        [...SANGONG_ITEMS, SANGONG_TOTAL],
        [
          ['预算比上年决算', '本年预算比上年决算增减率', 'rate'],
          ['预算比上年决算额', '本年预算比上年决算增减额', 'amount'],
        ],
        {
          stated: true,
          note: '报告写“本年预算比上年决算减少 0.8 万元，下降 16%”时照填：增减率填百分比，增减额填万元，减少均填负数；系统会按上表重算核对。',
        }
      ),
      // Last on the sheet, so the cells above keep their template addresses.
      grid(
        三公经费,
        '公务接待费分项（国内、外事、国（境）外）及接待批次、人次',
        '三公',
        '项目',
        SANGONG_RECEPTION_PARTS,
        [
          ['本年预算', '接待费本年预算数'],
          ['本年决算', '接待费本年决算数'],
          ['批次', '本年接待批次', 'count', '个'],
          ['人次', '本年接待人次', 'count'],
        ],
        {
          note: '接待费单位万元：国内接待费 + 国（境）外接待费 = 上表公务接待费，外事接待是国内接待的其中数（公开07 分行列示时照填，或取财决附01 第（1）（2）行）。批次（个）、人次（人）取财决附01“相关统计数”或决算说明中的本年数；人次不少于批次。',
          source: '公开07 / 财决附01',
        }
      ),
    ],
  },
  {
    name: 基础数据,
    caption: '部门整体支出绩效评价基础数据表（湖南版式）：各指标的取数及报告所列比率',
    blocks: [
      list(基础数据, '财政供养人员情况', [
        ['基础_编制数', '编制数', 'count', { required: true }],
        ['基础_在职人数', '年末实际在职人数', 'count', { required: true }],
        ['基础_在职人员控制率', '在职人员控制率（报告所列）', 'rate', { stated: true }],
      ]),
      list(基础数据, '经费控制情况', [
        ['基础_公用经费预算', '公用经费预算数', 'amount', { source: '预算批复' }],
        ['基础_公用经费决算', '公用经费决算数', 'amount'],
        ['基础_公用经费控制率', '公用经费控制率（报告所列）', 'rate', { stated: true }],
        ['基础_三公经费变动率', '“三公”经费变动率（报告所列）', 'rate', { stated: true }],
        ['基础_三公经费控制率', '“三公”经费控制率（报告所列）', 'rate', { stated: true }],
        ['基础_政府采购预算', '政府采购预算数', 'amount', { source: '政府采购情况表' }],
        ['基础_政府采购实际', '实际政府采购金额', 'amount', { source: '政府采购情况表' }],
        ['基础_政府采购执行率', '政府采购执行率（报告所列）', 'rate', { stated: true }],
        ['基础_重点项目支出', '重点项目支出（如不填，按项目表中“是否重点项目”合计）', 'amount'],
      ]),
      list(基础数据, '预算完成率取数', [
        ['基础_预算完成_数据年度', '数据所属年度', 'year'],
        [
          '基础_预算完成_上年结转',
          '上年结转（年初结转和结余；湖南口径用）',
          'amount',
          { source: '财决01 年初结转和结余' },
        ],
        [
          '基础_预算完成_年初预算',
          '年初预算（三种口径都用）',
          'amount',
          { source: '预算批复 / 财决01 年初预算数' },
        ],
        [
          '基础_预算完成_本年追加',
          '本年追加预算（湖南口径、国家口径用）',
          'amount',
          { source: '预算调整文件 / 财决01 全年预算数 − 年初预算数' },
        ],
        [
          '基础_预算完成_年末结余',
          '年末结转和结余（湖南口径用）',
          'amount',
          { source: '财决01 年末结转和结余' },
        ],
        ['基础_预算完成_完成数', '预算完成数（国家口径、年初预算口径用：本年实际完成的预算数）', 'amount'],
        [
          '基础_预算完成率',
          '预算完成率（报告所列）',
          'rate',
          { stated: true, source: PLAN_COMPLETION_BASES },
        ],
      ]),
      list(基础数据, '预算调整率取数', [
        ['基础_预算调整_数据年度', '数据所属年度', 'year'],
        ['基础_预算调整_年初预算', '年初批复预算', 'amount'],
        ['基础_预算调整_调整数', '年中预算调整数（追加为正、追减为负）', 'amount'],
        ['基础_预算调整_剔除数', '其中：落实国家政策、不可抗力、上级交办的调整', 'amount'],
        ['基础_预算调整率', '预算调整率（报告所列）', 'rate', { stated: true }],
      ]),
      list(基础数据, '结转结余变动率取数', [
        ['基础_结转结余_数据年度', '数据所属年度', 'year'],
        ['基础_结转结余_上年', '上年度累计结转结余（本年年初）', 'amount'],
        ['基础_结转结余_本年', '本年度累计结转结余（本年年末）', 'amount'],
        ['基础_结转结余变动率', '结转结余变动率（报告所列）', 'rate', { stated: true }],
      ]),
      list(基础数据, '资产与支付', [
        ['基础_固定资产总额', '固定资产总额', 'amount', { source: '资产情况表' }],
        ['基础_在用固定资产', '实际在用固定资产总额', 'amount', { source: '资产情况表' }],
        ['基础_固定资产利用率', '固定资产利用率（报告所列）', 'rate', { stated: true }],
        ['基础_实际支付进度', '实际支付进度', 'rate'],
        ['基础_既定支付进度', '既定支付进度', 'rate'],
        ['基础_服务对象满意度', '服务对象满意度（调查结果）', 'rate'],
      ]),
      list(基础数据, '编制（按类别）', [
        ['基础_编制数_行政', '其中：行政编制', 'count'],
        ['基础_编制数_事业', '其中：事业编制', 'count'],
        ['基础_编制数_工勤', '其中：工勤编制', 'count'],
      ]),
      list(基础数据, '上年决算数', [
        ['基础_公用经费上年决算', '上年公用经费决算数', 'amount'],
        ['基础_政府采购上年', '上年实际政府采购金额', 'amount', { source: '上年政府采购情况表' }],
      ]),
      grid(
        基础数据,
        '公用经费明细（按经济分类款级）',
        '公用',
        '项目',
        OFFICE_COST_ITEMS.map(([k, code, labels]) => [k, `${code} ${labels[0]}`]),
        [
          ['本年预算', '本年预算数'],
          ['本年决算', '本年决算数'],
          ['上年决算', '上年决算数'],
        ],
        { note: '决算数取公开06 / 财决08-1 表；预算数取预算批复或基础数据表。' }
      ),
      // Last on the sheet, so the cells above keep their template addresses.
      grid(
        基础数据,
        '公用经费其中各项（基础数据表所列）',
        '基础_公用',
        '公用经费其中',
        BASIC_OFFICE_LINES.map(([k, label]) => [k, label]),
        [
          ['上年决算', '上年决算数'],
          ['本年预算', '本年预算数'],
          ['本年决算', '本年决算数'],
        ],
        {
          note: '按基础数据表“经费控制情况”中公用经费下的各行照填（水费、电费、差旅费合为一行，与上表按经济分类的明细不同）；各行之和不超过公用经费。',
          source: '湖南《部门整体支出绩效评价基础数据表》',
        }
      ),
    ],
  },
  {
    name: 产出任务,
    caption: '年度工作任务完成情况（产出指标的取数）',
    blocks: [
      table(
        产出任务,
        '年度工作任务',
        '产出任务表',
        [
          col('任务', '工作任务', 'text', { required: true, width: 40 }),
          col('计划完成时间', '计划完成时间', 'date'),
          col('是否完成', '是否完成', 'flag', { required: true }),
          col('是否按时', '是否按时完成', 'flag'),
          col('是否达标', '质量是否达标', 'flag'),
          col('是否重点', '是否重点或交办工作', 'flag'),
          col('说明', '完成情况说明', 'text', { width: 40 }),
        ],
        { templateRows: 30, note: '是 / 否 列填写“是”或“否”。' }
      ),
    ],
  },
  {
    name: 自评打分,
    caption: '单位自评得分：定性指标的得分，以及报告中自报的各级得分',
    blocks: [
      table(
        自评打分,
        '自评得分',
        '自评得分表',
        [
          col('指标', '指标名称（一级、二级或三级）', 'text', { required: true, width: 26 }),
          col('自评得分', '自评得分', 'score', { required: true }),
          col('说明', '评价说明 / 扣分原因', 'text', { width: 60 }),
        ],
        {
          templateRows: 40,
          note: '定性指标按此处得分计分；定量指标的自评分只作对照。指标名称须与“评分规则”表一致。',
        }
      ),
    ],
  },
  {
    name: 文字材料,
    caption: '单位自己撰写的文字，报告原样引用',
    blocks: [
      text(文字材料, '部门整体履职情况', '履职情况', '部门整体履职情况'),
      text(文字材料, '存在的主要问题', '存在问题', '存在的主要问题（单位补充）'),
      text(文字材料, '下一步改进措施', '改进措施', '下一步改进措施（单位补充）'),
    ],
  },
  {
    name: '评分规则',
    caption: '评分规则：指标体系、各三级指标的分值与评分标准、计算口径和等级划分（可按本地文件修改）',
    blocks: [
      list(
        '评分规则',
        '计算口径与等级',
        [
          ['口径_预算完成率', '预算完成率口径（湖南 / 国家 / 年初预算）', 'text'],
          ['口径_三公经费变动率', '“三公”经费变动率口径（预算 / 决算）', 'text'],
          ['口径_预算调整率', '预算调整率口径（国家 / 预算控制率）', 'text'],
          ['规则_总分', '总分值', 'score'],
          ['等级_优', '“优”的最低分', 'score'],
          ['等级_良', '“良”的最低分', 'score'],
          ['等级_中', '“中”的最低分（以下为“差”）', 'score'],
        ],
        '留空按默认：预算完成率按湖南口径（国家口径 = 预算完成数 ÷（年初预算 + 本年追加）；年初预算口径 = 预算完成数 ÷ 年初预算），“三公”经费变动率按预算数，预算调整率按国家口径；总分 100；优 ≥ 90，良 80–90，中 60–80，差 < 60。'
      ),
      table(
        '评分规则',
        '评分规则表',
        '评分规则表',
        [
          col('一级', '一级指标', 'text', { width: 10 }),
          col('一级分值', '分值', 'score', { width: 8 }),
          col('二级', '二级指标', 'text', { width: 14 }),
          col('二级分值', '分值', 'score', { width: 8 }),
          col('三级', '三级指标', 'text', { width: 20 }),
          col('分值', '分值', 'score', { width: 8 }),
          col('指标', '计算指标', 'text', { width: 16 }),
          col('规则', '规则类型', 'text', { width: 10 }),
          col('参数', '规则参数', 'text', { width: 44 }),
          col('评分标准', '评分标准（文字）', 'text', { width: 50 }),
        ],
        {
          templateRows: 40,
          note: '一级、二级留空表示同上；指标填指标名称（定性指标留空）；规则填 扣分、分档、比例 或 定性；评分标准留空则按规则自动生成。整表留空时按默认规则评分。',
          defaultRows: () => DEFAULT_RULE_ROWS.map((r) => [...r]),
        }
      ),
    ],
  },
  {
    name: '出错说明',
    caption: '出错说明：对“问题清单”中的提示逐条说明原因（报告引用为偏差原因）',
    blocks: [
      table(
        '出错说明',
        '出错说明表',
        '出错说明表',
        [
          col('规则编号', '规则编号（照抄问题清单“规则”栏）', 'text', { required: true, width: 34 }),
          col('问题摘要', '问题摘要', 'text', { width: 40 }),
          col('说明', '说明（偏差原因）', 'text', { required: true, width: 60 }),
        ],
        { templateRows: 20, note: '“提示”类问题写明原因后显示为“已说明”；“错误”类问题仍须改正。' }
      ),
    ],
  },
];

/** Every declaration, in sheet order. */
export const INPUTS: InputDecl[] = INPUT_SHEETS.flatMap((s) =>
  s.blocks.flatMap((b): InputDecl[] => {
    switch (b.type) {
      case 'list':
        return b.items;
      case 'grid':
        return b.cells.flat().filter((c): c is ScalarDecl => c !== null);
      case 'table':
        return [b.table];
      case 'text':
        return [b.item];
    }
  })
);

export const INPUT_BY_NAME: ReadonlyMap<string, InputDecl> = new Map(INPUTS.map((d) => [d.name, d]));

/** An input's label, or its name when the catalogue does not declare it. */
export function inputLabel(name: string): string {
  return INPUT_BY_NAME.get(name)?.label ?? name;
}

/** The table an input sheet holds, as findings name it: 财政拨款 → 财政拨款表 (收支总表 stays). */
export function tableOfSheet(sheet: string): string {
  return sheet.endsWith('表') ? sheet : `${sheet}表`;
}

/** A label with its table, for figures whose labels alone read alike: 财政拨款表·日常公用经费. */
export function tableLabel(name: string, label = inputLabel(name)): string {
  const d = INPUT_BY_NAME.get(name);
  const bare = label.replace(/^其中：/, '');
  return d ? `${tableOfSheet(d.sheet)}·${bare}` : bare;
}

export function inputDecl(name: string): InputDecl {
  const d = INPUT_BY_NAME.get(name);
  if (!d) throw new Error(`目录中没有名称“${name}”`);
  return d;
}
