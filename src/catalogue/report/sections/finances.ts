/**
 * 二 to 四: income, spending and carry-over, from the 决算 tables. Every figure goes through the
 * writer, which states the reconciled figure where the checks prefer one; a sentence that adds
 * figures up states the result only when it holds.
 */
import type Decimal from 'decimal.js';
import type { Piece, ReportContext, ReportWriter, SectionContent } from '../../../core/reportContract';
import { FUND_COLUMNS } from '../../lists';

const INCOME_BY_SOURCE: Array<[string, string]> = [
  ['收入_一般公共预算财政拨款', '一般公共预算财政拨款收入'],
  ['收入_政府性基金预算财政拨款', '政府性基金预算财政拨款收入'],
  ['收入_国有资本经营预算财政拨款', '国有资本经营预算财政拨款收入'],
  ['收入_上级补助收入', '上级补助收入'],
  ['收入_事业收入', '事业收入'],
  ['收入_经营收入', '经营收入'],
  ['收入_附属单位上缴收入', '附属单位上缴收入'],
  ['收入_其他收入', '其他收入'],
];

const SPENDING_BY_SOURCE: Array<[string, string]> = [
  ['支出_一般公共预算财政拨款', '一般公共预算财政拨款支出'],
  ['支出_政府性基金预算财政拨款', '政府性基金预算财政拨款支出'],
  ['支出_国有资本经营预算财政拨款', '国有资本经营预算财政拨款支出'],
  ['支出_其他资金', '其他资金支出'],
];

const SPENDING_BY_NATURE: Array<[string, string]> = [
  ['支出_基本支出', '基本支出'],
  ['支出_项目支出', '项目支出'],
  ['支出_上缴上级支出', '上缴上级支出'],
  ['支出_经营支出', '经营支出'],
  ['支出_对附属单位补助支出', '对附属单位补助支出'],
];

const SPENDING_BY_CLASS: Array<[string, string]> = [
  ['支出_工资福利支出', '工资福利支出'],
  ['支出_商品和服务支出', '商品和服务支出'],
  ['支出_对个人和家庭的补助', '对个人和家庭的补助'],
  ['支出_资本性支出', '资本性支出'],
  ['支出_其他经济分类支出', '其他支出'],
];

const names = (items: Array<[string, string]>) => items.map(([n]) => n);

/** "其中：a、b" with the check that a and b add up to the total. */
function partsOf(
  w: ReportWriter,
  total: string,
  items: Array<[string, string]>,
  opts = { skipZero: true }
): Piece {
  const list = w.amounts(items, opts);
  return list.text ? w.say`，其中：${list}${w.partsCheck(total, names(items))}` : w.plain('');
}

export function income({ w }: ReportContext): SectionContent[] {
  return [
    w.paragraph(
      w.say`${w.year()}年度部门实际取得各项收入合计${w.amount('收入_本年收入合计')}${partsOf(w, '收入_本年收入合计', INCOME_BY_SOURCE)}。`
    ),
  ];
}

export function spending({ w }: ReportContext): SectionContent[] {
  const byClass = w.amounts(SPENDING_BY_CLASS, { skipZero: true });
  return [
    w.paragraph(
      w.say`根据部门决算报表，${w.year()}年度部门整体支出${w.amount('支出_本年支出合计')}${partsOf(w, '支出_本年支出合计', SPENDING_BY_SOURCE)}。`
    ),
    w.paragraph(
      w.say`部门整体支出按支出性质分类为：${w.amounts(SPENDING_BY_NATURE, { skipZero: true })}${w.partsCheck('支出_本年支出合计', names(SPENDING_BY_NATURE))}。基本支出中${w.amounts(
        [
          ['支出_人员经费', '人员经费'],
          ['支出_公用经费', '日常公用经费'],
        ]
      )}${w.partsCheck('支出_基本支出', ['支出_人员经费', '支出_公用经费'])}。`
    ),
    w.paragraph(
      byClass.text
        ? w.say`部门整体支出按支出经济分类为：${byClass}${w.partsCheck('支出_本年支出合计', names(SPENDING_BY_CLASS))}。`
        : w.say`部门整体支出按支出经济分类为：${w.fmt.placeholder('按经济分类的支出（工资福利支出、商品和服务支出等）')}。`
    ),
  ];
}

/**
 * "年初结转和结余a，本年收入b，本年支出c，年末结转和结余d": d is stated only when a + b − c = d
 * holds (within rounding); otherwise the sentence says which sum differs.
 */
function balanceNote(
  w: ReportWriter,
  names: [opening: string, income: string, spending: string, closing: string],
  closingValue?: Decimal | null
): string {
  // A contested figure is not stated: its own 【待核对】 stands in its place.
  if (names.some((n) => w.contested(n))) return '';
  const [opening, inc, exp] = names.slice(0, 3).map((n) => w.num(n));
  const closing = closingValue === undefined ? w.num(names[3]) : closingValue;
  if (opening === null || inc === null || exp === null || closing === null) return '';
  const implied = opening.plus(inc).minus(exp);
  if (implied.minus(closing).abs().lte('0.02')) return '';
  const sum = implied.isNegative()
    ? `本年支出超过年初结转和结余与本年收入之和${w.fmt.wan(implied.abs())}`
    : `年初结转和结余加本年收入减本年支出为${w.fmt.wan(implied)}`;
  return w.fmt.toCheck(`${sum}，年末结转和结余为${w.fmt.wan(closing)}`);
}

/** 年末结转和结余: the total as stated, else the sum of its parts when every part is given. */
function closingTotal(w: ReportWriter): { value: Decimal | null; piece: Piece } {
  if (w.has('结转_合计_年末')) return { value: w.num('结转_合计_年末'), piece: w.amount('结转_合计_年末') };
  const parts = ['财拨_年末结转结余_合计', '其他_年末结转'];
  const values = parts.map((n) => w.num(n));
  if (values.some((v) => v === null))
    return {
      value: null,
      piece: w.plain(w.fmt.placeholder('年末结转和结余合计'), [w.operand('结转_合计_年末')]),
    };
  const total = (values as Decimal[]).reduce((a, b) => a.plus(b));
  return {
    value: total,
    piece: w.plain(
      w.fmt.wan(total),
      parts.map((n) => w.operand(n))
    ),
  };
}

export function carryOver({ w }: ReportContext): SectionContent[] {
  const y = w.year();
  const start = w.amounts([
    ['结转_一般公共预算_年初', '一般公共预算财政拨款结转和结余'],
    ['结转_其他资金_年初', '其他资金结转和结余'],
  ]);
  const closing = closingTotal(w);
  return [
    w.paragraph(
      start.text
        ? w.say`${y}年年初结转和结余${w.amount('结转_合计_年初', '年初结转和结余合计')}，其中：${start}。`
        : w.say`${y}年年初结转和结余${w.amount('结转_合计_年初', '年初结转和结余合计')}。`
    ),
    w.paragraph(
      w.say`${y}年度本年收入合计${w.amount('收入_本年收入合计')}，本年支出合计${w.amount('支出_本年支出合计')}，年末结转和结余${closing.piece}${balanceNote(w, ['结转_合计_年初', '收入_本年收入合计', '支出_本年支出合计', '结转_合计_年末'], closing.value)}。`
    ),
  ];
}

// ---------------------------------------------------------------- 三、一般公共预算收支情况

export function fiscalIntro({ w, doubted }: ReportContext): SectionContent[] {
  const rows: Array<[string, string]> = [
    ['年初结转结余', '年初结转和结余'],
    ['本年收入', '本年收入'],
    ['本年支出', '本年支出'],
    ['年末结转结余', '年末结转和结余'],
  ];
  const totals = [
    '财拨_年初结转结余_合计',
    '财拨_本年收入_合计',
    '财拨_本年支出_合计',
    '财拨_年末结转结余_合计',
  ];
  // A figure in doubt is stated once, in the table below with its note: the sentence does not state it first.
  const sentence = totals.some((n) => w.contested(n) || doubted.has(n))
    ? w.say`${w.year()}年度一般公共预算财政拨款收支及结转结余情况如下：`
    : w.say`${w.year()}年度一般公共预算财政拨款年初结转和结余${w.amount('财拨_年初结转结余_合计')}，本年收入${w.amount('财拨_本年收入_合计')}，本年支出${w.amount('财拨_本年支出_合计')}，年末结转和结余${w.amount('财拨_年末结转结余_合计')}${balanceNote(
        w,
        totals as [string, string, string, string]
      )}。明细如下：`;
  const grid = rows.map(([key, label]) => [
    label,
    ...FUND_COLUMNS.map(([col]) => w.amountCell(`财拨_${key}_${col}`)),
  ]);
  return [
    w.paragraph(sentence),
    ...w.table(
      '一般公共预算财政拨款收支及结转结余情况',
      ['项目', ...FUND_COLUMNS.map(([, label]) => label)],
      grid,
      '万元'
    ),
  ];
}

export function fiscalIncome({ w }: ReportContext): SectionContent[] {
  const y = w.year();
  const parts = (row: string) =>
    w.amounts([
      [`财拨_${row}_基本`, '基本支出'],
      [`财拨_${row}_项目`, '项目支出'],
    ]);
  const out: SectionContent[] = [
    w.paragraph(
      w.say`${y}年年初经批复的一般公共预算财政拨款预算${w.amount('财拨_年初预算_合计')}，其中：${parts('年初预算')}。`
    ),
  ];
  const added = w.num('财拨_年中追加_合计');
  // The direction word carries the sign (调减20.00万元, never 调减-20.00万元); a contested figure shows its 【待核对】.
  const abs = (n: string) => {
    const f = w.figure(n);
    return f.contested || f.value === null || !f.value.isNegative()
      ? f.piece
      : { ...f.piece, text: f.piece.text.replace(/^-/, '') };
  };
  if (added !== null && !added.isZero()) {
    const word = w.fmt.direction(added, ['追加', '调减', '']);
    const detail = (['基本', '项目'] as const)
      .map((k) => [`财拨_年中追加_${k}`, k === '基本' ? '基本支出' : '项目支出'] as const)
      .filter(([n]) => w.num(n) !== null)
      .map(
        ([n, label]) =>
          w.say`${label}${w.fmt.direction(w.num(n)!, ['追加', '调减', '无调整'])}${w.num(n)!.isZero() ? '' : abs(n)}`
      );
    out.push(
      w.paragraph(
        w.say`年中${word}预算${abs('财拨_年中追加_合计')}${detail.length ? w.say`，其中：${w.join(detail)}` : ''}。`
      )
    );
  } else if (added === null) {
    out.push(w.paragraph(w.say`年中追加预算${w.amount('财拨_年中追加_合计', '年中追加预算合计')}。`));
  } else {
    out.push(w.paragraph(w.say`年中未追加或调减预算${w.plain('', [w.operand('财拨_年中追加_合计')])}。`));
  }
  out.push(
    w.paragraph(
      w.say`经追加调整后的预算为${w.amount('财拨_调整后预算_合计')}，其中：${parts('调整后预算')}。`
    )
  );
  return out;
}

export function fiscalSpending(c: ReportContext): SectionContent[] {
  const { w } = c;
  const byClass = w.amounts(
    [
      ['财拨_工资福利支出', '工资福利支出'],
      ['财拨_商品和服务支出', '商品和服务支出'],
      ['财拨_对个人和家庭的补助', '对个人和家庭的补助'],
      ['财拨_资本性支出', '资本性支出'],
    ],
    { skipZero: true }
  );
  const classCheck = w.partsCheck('财拨_本年支出_合计', [
    '财拨_工资福利支出',
    '财拨_商品和服务支出',
    '财拨_对个人和家庭的补助',
    '财拨_资本性支出',
  ]);
  const basic = w.amounts([
    ['财拨_人员经费', '人员经费'],
    ['财拨_公用经费', '日常公用经费'],
  ]);
  return [
    w.paragraph(
      // A total in doubt has its 【待核对】 in the table just above: the breakdown does not repeat it.
      byClass.text && w.contested('财拨_本年支出_合计')
        ? w.say`一般公共预算财政拨款支出按支出经济分类为：${byClass}。`
        : byClass.text
          ? w.say`一般公共预算财政拨款支出${w.amount('财拨_本年支出_合计')}，按支出经济分类为：${byClass}${classCheck}。`
          : w.say`一般公共预算财政拨款支出${w.amount('财拨_本年支出_合计')}。`
    ),
    {
      kind: 'section',
      id: '基本支出',
      heading: '基本支出情况',
      content: [
        w.paragraph(
          w.say`一般公共预算财政拨款基本支出${w.amount('财拨_基本支出')}${basic.text ? w.say`，其中：${basic}${w.partsCheck('财拨_基本支出', ['财拨_人员经费', '财拨_公用经费'])}` : ''}。`
        ),
      ],
    },
    { kind: 'section', id: '项目支出', heading: '项目支出情况', content: projectTable(c) },
  ];
}

/** The project table: top-level projects numbered, sub-items under “其中：”, the 合计 row as stated. */
function projectTable({ w, model }: ReportContext): SectionContent[] {
  const t = model.table('项目支出明细表');
  const intro = w.paragraph(
    w.say`一般公共预算财政拨款项目支出${w.amount('财拨_项目支出')}，各项目明细如下：`
  );
  if (t.rows.length === 0)
    return [
      intro,
      w.paragraph(
        w.plain(w.fmt.placeholder('项目支出明细（各项目预算数和决算数）'), [w.operand('项目支出明细表')])
      ),
    ];
  const money = (cells: (typeof t.rows)[number]['cells']) =>
    (
      [
        ['年初预算', '年初预算数'],
        ['年中追加', '年中追加预算数'],
        ['预算总额', '预算总额'],
        ['决算数', '年度决算数'],
      ] as const
    ).map(([k, label]) => w.cell('项目支出明细表', cells[k], label));
  const rows: Array<Array<Piece | string>> = [];
  let n = 0;
  let lastParent = '';
  for (const r of t.rows) {
    const name = w.cell('项目支出明细表', r.cells['项目'], '项目名称', { required: true });
    const parent = r.cells['上级项目']?.value;
    if (typeof parent === 'string' && parent.trim()) {
      const first = lastParent !== parent;
      lastParent = parent;
      rows.push(['', w.say`${first ? '其中：' : '　　'}${name}`, ...money(r.cells)]);
    } else {
      n += 1;
      lastParent = '';
      rows.push([String(n), name, ...money(r.cells)]);
    }
  }
  rows.push([
    '',
    '合计',
    w.amountCell('项目_合计_年初预算'),
    w.amountCell('项目_合计_年中追加'),
    w.amountCell('项目_合计_预算总额'),
    w.amountCell('项目_合计_决算数'),
  ]);
  return [
    intro,
    ...w.table(
      '项目支出明细表',
      ['序号', '项目', '年初预算数', '年中追加预算数', '预算总额', '年度决算数'],
      rows,
      '万元',
      1
    ),
  ];
}

// ---------------------------------------------------------------- 政府性基金

/** True when the department has no 政府性基金 income or spending (zero or blank). */
export function noGovernmentFund({ w }: ReportContext): boolean {
  return ['收入_政府性基金预算财政拨款', '支出_政府性基金预算财政拨款'].every((n) => {
    const v = w.num(n);
    return v === null || v.isZero();
  });
}

export function governmentFund(c: ReportContext): SectionContent[] {
  const { w } = c;
  if (noGovernmentFund(c))
    return [
      w.paragraph(
        w.say`本部门无政府性基金预算收支${w.plain('', [w.operand('收入_政府性基金预算财政拨款'), w.operand('支出_政府性基金预算财政拨款')])}。`
      ),
    ];
  return [
    w.paragraph(
      w.say`${w.year()}年度政府性基金预算财政拨款收入${w.amount('收入_政府性基金预算财政拨款')}，支出${w.amount('支出_政府性基金预算财政拨款')}。`
    ),
  ];
}

// ---------------------------------------------------------------- 四、其他资金收支情况

export function otherIntro({ w }: ReportContext): SectionContent[] {
  return [
    w.paragraph(
      w.say`${w.year()}年度其他资金年初结转和结余${w.amount('其他_年初结转')}，本年收入${w.amount('其他_本年收入')}，本年支出${w.amount('其他_本年支出')}，年末结转和结余${w.amount('其他_年末结转')}${balanceNote(w, ['其他_年初结转', '其他_本年收入', '其他_本年支出', '其他_年末结转'])}。`
    ),
  ];
}

export function otherIncome({ w, model }: ReportContext): SectionContent[] {
  const t = model.table('其他收入明细表');
  const items = t.rows.map((r) => {
    const src = w.cell('其他收入明细表', r.cells['来源'], '来源及用途', { required: true });
    const amt = w.cell('其他收入明细表', r.cells['金额'], '金额', { required: true });
    return w.say`${src}${amt}${/^\d/.test(amt.text) ? '万元' : ''}`;
  });
  const total = w.num('其他_本年收入');
  if (items.length > 0)
    return [
      w.paragraph(
        w.say`${w.year()}年度取得其他收入${w.amount('其他_本年收入')}，其中：${w.join(items, '；')}。`
      ),
    ];
  if (total !== null && total.isZero())
    return [w.paragraph(w.say`${w.year()}年度未取得其他收入${w.plain('', [w.operand('其他_本年收入')])}。`)];
  return [
    w.paragraph(
      w.say`${w.year()}年度取得其他收入${w.amount('其他_本年收入')}，其中：${w.plain(w.fmt.placeholder('其他收入的来源及金额'), [w.operand('其他收入明细表')])}。`
    ),
  ];
}

export function otherSpending({ w }: ReportContext): SectionContent[] {
  const parts = w.amounts([
    ['其他_公用经费', '日常公用经费'],
    ['其他_项目支出', '项目支出'],
  ]);
  return [
    w.paragraph(
      parts.text
        ? w.say`${w.year()}年度其他资金支出${w.amount('其他_本年支出')}，其中：${parts}${w.partsCheck('其他_本年支出', ['其他_公用经费', '其他_项目支出'])}。`
        : w.say`${w.year()}年度其他资金支出${w.amount('其他_本年支出')}。`
    ),
  ];
}
