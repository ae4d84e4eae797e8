/**
 * The report's sections, declared once each, in the order of the self-evaluation report
 * (衡阳 sample outline; 湖南 outline in framework.md §2.7). Each declaration has an id, a Chinese
 * heading, a level and a small function producing its paragraphs and tables. Headings carry no
 * numbers: the drafter numbers them (一、（一）1.), so a section added or skipped never leaves a
 * doubled or missing number.
 *
 * Also declared here: the standard improvement measure for each indicator (九、下一步改进措施).
 */
import type Decimal from 'decimal.js';
import type {
  DraftInput,
  Piece,
  ReportBlock,
  Writer,
} from '../core/narrative';
import type { Finding, IndicatorResult, Operand, ScoreLine, ScoreSheet } from '../core/results';
import type { Headline } from '../core/summary';

export interface ReportContext extends DraftInput {
  w: Writer;
  /** The counts, verified / pending points and grade, worded as on every other surface (src/core/summary.ts). */
  headline: Headline;
}

/** A generated sub-section (one level below its parent). */
export interface SubSection {
  kind: 'section';
  id: string;
  heading: string;
  content: SectionContent[];
}

export type SectionContent = ReportBlock | SubSection;

export interface SectionDecl {
  id: string;
  /** Chinese heading without its number. */
  heading: string | ((c: ReportContext) => string);
  /** 0: untitled preamble; 1: 一、; 2: （一）. Generated sub-sections go one level deeper. */
  level: 0 | 1 | 2 | 3;
  /** Leave the section out when false. */
  when?: (c: ReportContext) => boolean;
  build?: (c: ReportContext) => SectionContent[];
}

function sub(id: string, heading: string, content: SectionContent[]): SubSection {
  return { kind: 'section', id, heading, content };
}

// ---------------------------------------------------------------- 一、部门概况

function preamble({ w }: ReportContext): SectionContent[] {
  const y = w.year();
  return [
    w.paragraph(
      // 湘办发〔2019〕10号 is the document number public Hunan reports cite (framework.md §2.1); some reports misprint it as 2020.
      w.say`为提高财政资金使用效益，衡量部门职责的履行情况和效率效果，增强预算单位绩效管理责任主体意识，根据《中共中央 国务院关于全面实施预算绩效管理的意见》（中发〔2018〕34号）、《中共湖南省委办公厅 湖南省人民政府办公厅关于全面实施预算绩效管理的实施意见》（湘办发〔2019〕10号）精神，按照财政部门关于开展${y}年度部门整体支出绩效评价工作的要求，现对我单位${y}年度部门整体支出进行绩效自评。现将此次绩效自评报告如下：`,
    ),
  ];
}

function staff({ w, model }: ReportContext): SectionContent[] {
  const t = model.table('人员情况表');
  const y = w.year();
  const out: SectionContent[] = [];
  if (t.rows.length === 0)
    out.push(w.paragraph(w.plain(w.fmt.placeholder('机构人员情况表', '人员情况表'), [w.operand('人员情况表')])));
  for (const r of t.rows) {
    const c = r.cells;
    const unit = w.cell('人员情况表', c['单位'], '单位（机构）', { required: true });
    const posts = w.cell('人员情况表', c['编制数'], '编制数', { required: true });
    const active = w.cell('人员情况表', c['在职人数'], '年末实有在职人数', { required: true });
    const retired = w.cell('人员情况表', c['退休人数'], '年末退休人数');
    out.push(
      w.paragraph(
        retired.text
          ? w.say`${unit}编制数${posts}，截至${y}年12月31日实有在职人员${active}、退休人员${retired}。`
          : w.say`${unit}编制数${posts}，截至${y}年12月31日实有在职人员${active}。`,
      ),
    );
  }
  out.push(
    w.paragraph(
      w.say`根据部门整体支出绩效评价基础数据表，全部门编制数${w.count('基础_编制数', '名')}，年末实际在职人数${w.count('基础_在职人数', '人')}。`,
    ),
  );
  return out;
}

// ---------------------------------------------------------------- 二、部门整体收支情况

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

function income({ w }: ReportContext): SectionContent[] {
  return [
    w.paragraph(
      w.say`${w.year()}年度部门实际取得各项收入合计${w.amount('收入_本年收入合计')}。其中：${w.amounts(INCOME_BY_SOURCE, { skipZero: true })}。`,
    ),
  ];
}

function spending({ w }: ReportContext): SectionContent[] {
  const bySource = w.amounts(
    [
      ['支出_一般公共预算财政拨款', '一般公共预算财政拨款支出'],
      ['支出_政府性基金预算财政拨款', '政府性基金预算财政拨款支出'],
      ['支出_国有资本经营预算财政拨款', '国有资本经营预算财政拨款支出'],
      ['支出_其他资金', '其他资金支出'],
    ],
    { skipZero: true },
  );
  const byNature = w.amounts(
    [
      ['支出_基本支出', '基本支出'],
      ['支出_项目支出', '项目支出'],
      ['支出_上缴上级支出', '上缴上级支出'],
      ['支出_经营支出', '经营支出'],
      ['支出_对附属单位补助支出', '对附属单位补助支出'],
    ],
    { skipZero: true },
  );
  const basic = w.amounts([
    ['支出_人员经费', '人员经费'],
    ['支出_公用经费', '日常公用经费'],
  ]);
  const byClass = w.amounts(
    [
      ['支出_工资福利支出', '工资福利支出'],
      ['支出_商品和服务支出', '商品和服务支出'],
      ['支出_对个人和家庭的补助', '对个人和家庭的补助'],
      ['支出_资本性支出', '资本性支出'],
      ['支出_其他经济分类支出', '其他支出'],
    ],
    { skipZero: true },
  );
  const out: SectionContent[] = [
    w.paragraph(w.say`根据部门决算报表，${w.year()}年度部门整体支出${w.amount('支出_本年支出合计')}。其中：${bySource}。`),
    w.paragraph(w.say`部门整体支出按支出性质分类为：${byNature}。基本支出中${basic}。`),
  ];
  out.push(
    w.paragraph(
      byClass.text
        ? w.say`部门整体支出按支出经济分类为：${byClass}。`
        : w.say`部门整体支出按支出经济分类为：${w.fmt.placeholder('支出经济分类', '支出_工资福利支出')}。`,
    ),
  );
  return out;
}

function carryOver({ w, model }: ReportContext): SectionContent[] {
  const y = w.year();
  const start = w.amounts(
    [
      ['结转_一般公共预算_年初', '一般公共预算财政拨款结转和结余'],
      ['结转_其他资金_年初', '其他资金结转和结余'],
    ],
  );
  const end = w.amounts([
    ['结转_一般公共预算_年末', '一般公共预算财政拨款结转和结余'],
    ['结转_其他资金_年末', '其他资金结转和结余'],
  ]);
  const out: SectionContent[] = [
    w.paragraph(
      start.text
        ? w.say`${y}年年初结转和结余${w.amount('结转_合计_年初', '年初结转和结余合计')}，其中：${start}。`
        : w.say`${y}年年初结转和结余${w.amount('结转_合计_年初', '年初结转和结余合计')}。`,
    ),
  ];
  const opening = model.num('结转_合计_年初');
  const closing = model.num('结转_合计_年末');
  const endSentence = end.text
    ? w.say`${y}年年末结转和结余${w.amount('结转_合计_年末', '年末结转和结余合计')}，其中：${end}`
    : w.say`${y}年年末结转和结余${w.amount('结转_合计_年末', '年末结转和结余合计')}`;
  out.push(
    w.paragraph(
      opening !== null && closing !== null
        ? w.say`${endSentence}，较年初${w.change(closing.minus(opening), ['增加', '减少', '持平'])}。`
        : w.say`${endSentence}。`,
    ),
  );
  const inc = model.num('收入_本年收入合计');
  const exp = model.num('支出_本年支出合计');
  const net = inc !== null && exp !== null ? inc.minus(exp) : null;
  const balance =
    net === null ? '' : net.isZero() ? '，收支平衡' : `，收支相抵${w.fmt.direction(net, ['结余', '超支', ''])}${w.fmt.wan(net.abs())}`;
  out.push(
    w.paragraph(
      w.say`${y}年度本年收入合计${w.amount('收入_本年收入合计')}，本年支出合计${w.amount('支出_本年支出合计')}${balance}。`,
    ),
  );
  return out;
}

// ---------------------------------------------------------------- 三、一般公共预算收支情况

const FUND_COLS: Array<[string, string]> = [
  ['基本', '基本支出'],
  ['项目', '项目支出'],
  ['合计', '合计'],
];

function fiscalIntro({ w }: ReportContext): SectionContent[] {
  const rows: Array<[string, string]> = [
    ['年初结转结余', '年初结转结余'],
    ['本年收入', '本年收入'],
    ['本年支出', '本年支出'],
    ['年末结转结余', '年末结转和结余'],
  ];
  const grid = rows.map(([key, label]) => [
    label,
    ...FUND_COLS.map(([col]) => {
      const name = `财拨_${key}_${col}`;
      return w.has(name) ? w.plain(w.fmt.wan(w.model.num(name)!).replace('万元', ''), [w.operand(name)]) : '';
    }),
  ]);
  return [
    w.paragraph(
      w.say`${w.year()}年度一般公共预算财政拨款年初结转和结余${w.amount('财拨_年初结转结余_合计')}，本年收入${w.amount('财拨_本年收入_合计')}，本年支出${w.amount('财拨_本年支出_合计')}，年末结转和结余${w.amount('财拨_年末结转结余_合计')}。明细如下：`,
    ),
    w.table('一般公共预算财政拨款收支及结转结余情况', ['项目', '基本支出', '项目支出', '合计'], grid, '万元'),
  ];
}

function fiscalIncome({ w, model }: ReportContext): SectionContent[] {
  const y = w.year();
  const parts = (row: string) =>
    w.amounts([
      [`财拨_${row}_基本`, '基本支出'],
      [`财拨_${row}_项目`, '项目支出'],
    ]);
  const out: SectionContent[] = [
    w.paragraph(
      w.say`${y}年年初经批复的一般公共预算财政拨款预算${w.amount('财拨_年初预算_合计')}，其中：${parts('年初预算')}。`,
    ),
  ];
  const added = model.num('财拨_年中追加_合计');
  if (added !== null && !added.isZero()) {
    const word = w.fmt.direction(added, ['追加', '调减', '']);
    const sign = (name: string, label: string): Piece | null => {
      const v = model.num(name);
      if (v === null) return null;
      return w.say`${label}${w.change(v, ['追加', '调减', '无调整'])}`;
    };
    const detail = [sign('财拨_年中追加_基本', '基本支出'), sign('财拨_年中追加_项目', '项目支出')].filter(
      (p): p is Piece => p !== null,
    );
    out.push(
      w.paragraph(
        w.say`年中${word}预算${w.plain(w.fmt.wan(added.abs()), [w.operand('财拨_年中追加_合计')])}${detail.length ? w.say`，其中：${w.join(detail)}` : ''}。`,
      ),
    );
  } else if (added === null) {
    out.push(w.paragraph(w.say`年中追加预算${w.amount('财拨_年中追加_合计', '年中追加预算合计')}。`));
  } else {
    out.push(w.paragraph(w.say`年中未追加或调减预算${w.plain('', [w.operand('财拨_年中追加_合计')])}。`));
  }
  out.push(
    w.paragraph(w.say`经追加调整后的预算为${w.amount('财拨_调整后预算_合计')}，其中：${parts('调整后预算')}。`),
  );
  return out;
}

function fiscalSpending({ w }: ReportContext): SectionContent[] {
  const byClass = w.amounts(
    [
      ['财拨_工资福利支出', '工资福利支出'],
      ['财拨_商品和服务支出', '商品和服务支出'],
      ['财拨_对个人和家庭的补助', '对个人和家庭的补助'],
      ['财拨_资本性支出', '资本性支出'],
    ],
    { skipZero: true },
  );
  const basic = w.amounts([
    ['财拨_人员经费', '人员经费'],
    ['财拨_公用经费', '日常公用经费'],
  ]);
  const staffCost = w.amounts([
    ['财拨_工资福利支出', '工资福利支出'],
    ['财拨_对个人和家庭的补助', '对个人和家庭的补助'],
  ]);
  return [
    w.paragraph(
      byClass.text
        ? w.say`一般公共预算财政拨款支出${w.amount('财拨_本年支出_合计')}，按支出经济分类为：${byClass}。`
        : w.say`一般公共预算财政拨款支出${w.amount('财拨_本年支出_合计')}。`,
    ),
    sub('基本支出', '基本支出情况', [
      w.paragraph(
        w.say`一般公共预算财政拨款基本支出${w.amount('财拨_基本支出')}${basic.text ? w.say`，其中：${basic}` : ''}。${staffCost.text ? w.say`人员经费中${staffCost}。` : ''}`,
      ),
    ]),
    sub('项目支出', '项目支出情况', projectTable({ w } as ReportContext)),
  ];
}

/** The project table: top-level projects numbered, sub-items under “其中：”, the 合计 row as stated. */
function projectTable({ w }: ReportContext): SectionContent[] {
  const t = w.model.table('项目支出明细表');
  const intro = w.paragraph(w.say`一般公共预算财政拨款项目支出${w.amount('财拨_项目支出')}，各项目明细如下：`);
  if (t.rows.length === 0)
    return [intro, w.paragraph(w.plain(w.fmt.placeholder('项目支出明细表', '项目支出明细表'), [w.operand('项目支出明细表')]))];
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
  const total = (name: string) => (w.has(name) ? w.plain(w.fmt.wan(w.model.num(name)!).replace('万元', ''), [w.operand(name)]) : '');
  rows.push(['', '合计', total('项目_合计_年初预算'), total('项目_合计_年中追加'), total('项目_合计_预算总额'), total('项目_合计_决算数')]);
  return [
    intro,
    w.table('项目支出明细表', ['序号', '项目', '年初预算数', '年中追加预算数', '预算总额', '年度决算数'], rows, '万元'),
  ];
}

// ---------------------------------------------------------------- 四、其他资金收支情况

function otherIntro({ w }: ReportContext): SectionContent[] {
  return [
    w.paragraph(
      w.say`${w.year()}年度其他资金年初结转和结余${w.amount('其他_年初结转')}，本年收入${w.amount('其他_本年收入')}，本年支出${w.amount('其他_本年支出')}，年末结转和结余${w.amount('其他_年末结转')}。`,
    ),
  ];
}

function otherIncome({ w, model }: ReportContext): SectionContent[] {
  const t = model.table('其他收入明细表');
  const items = t.rows.map((r) => {
    const src = w.cell('其他收入明细表', r.cells['来源'], '来源及用途', { required: true });
    const amt = w.cell('其他收入明细表', r.cells['金额'], '金额', { required: true });
    return w.say`${src}${amt}${/^\d/.test(amt.text) ? '万元' : ''}`;
  });
  const total = model.num('其他_本年收入');
  if (items.length > 0)
    return [w.paragraph(w.say`${w.year()}年度取得其他收入${w.amount('其他_本年收入')}，其中：${w.join(items, '；')}。`)];
  if (total !== null && total.isZero())
    return [w.paragraph(w.say`${w.year()}年度未取得其他收入${w.plain('', [w.operand('其他_本年收入')])}。`)];
  return [
    w.paragraph(
      w.say`${w.year()}年度取得其他收入${w.amount('其他_本年收入')}，其中：${w.plain(w.fmt.placeholder('其他收入明细', '其他收入明细表'), [w.operand('其他收入明细表')])}。`,
    ),
  ];
}

function otherSpending({ w }: ReportContext): SectionContent[] {
  const parts = w.amounts([
    ['其他_公用经费', '日常公用经费'],
    ['其他_项目支出', '项目支出'],
  ]);
  return [
    w.paragraph(
      parts.text
        ? w.say`${w.year()}年度其他资金支出${w.amount('其他_本年支出')}，其中：${parts}。`
        : w.say`${w.year()}年度其他资金支出${w.amount('其他_本年支出')}。`,
    ),
  ];
}

// ---------------------------------------------------------------- 六、绩效评价情况分析

interface Dimension {
  name: string;
  points: Decimal | null;
  score: Decimal | null;
  children: Array<{ name: string; points: Decimal | null; score: Decimal | null; lines: ScoreLine[] }>;
}

/** 一级 → 二级 → lines, in the score sheet's order; group totals from the sheet's groups. */
export function dimensions(s: ScoreSheet): Dimension[] {
  const dims: Dimension[] = [];
  for (const line of s.lines) {
    let d = dims.find((x) => x.name === line.level1);
    if (!d) {
      const g = s.groups.find((x) => x.level === 1 && x.name === line.level1);
      d = { name: line.level1, points: g?.points ?? null, score: g?.score ?? null, children: [] };
      dims.push(d);
    }
    let c = d.children.find((x) => x.name === line.level2);
    if (!c) {
      const g = s.groups.find(
        (x) => x.level === 2 && x.name === line.level2 && (x.parent === undefined || x.parent === line.level1),
      );
      c = { name: line.level2, points: g?.points ?? null, score: g?.score ?? null, lines: [] };
      d.children.push(c);
    }
    c.lines.push(line);
  }
  return dims;
}

/** Findings and their folded consequences, flattened. */
export function allFindings(fs: Finding[]): Finding[] {
  return fs.flatMap((f) => [f, ...allFindings(f.consequences ?? [])]);
}

/** Explained findings that concern an indicator: same id in the rule, or an operand in common. */
export function explainedFor(findings: Finding[], key: string, ind: IndicatorResult | undefined): Finding[] {
  const names = new Set((ind?.operands ?? []).map((o) => o.name));
  return allFindings(findings).filter(
    (f) => f.explanation && (f.id.includes(key) || f.rule.includes(key) || f.operands.some((o) => names.has(o.name))),
  );
}

function operandPiece(w: Writer, o: Operand): Piece {
  const v = o.value;
  const text =
    v === null
      ? w.fmt.placeholder(o.label, o.name)
      : typeof v === 'string'
        ? v
        : typeof v === 'boolean'
          ? v
            ? '是'
            : '否'
          : w.fmt.formatValue(o.name, v, o.label.split('·')[1]);
  return w.plain(`${o.label}${text}`, [o]);
}

/** The department's 评价说明 for a name in 自评得分表, if it wrote one. */
function ownRemark(w: Writer, name: string): Piece | null {
  const row = w.model.table('自评得分表').rows.find((r) => r.cells['指标']?.value === name);
  const cell = row?.cells['说明'];
  if (!cell || cell.blank || typeof cell.value !== 'string' || !cell.value.trim()) return null;
  return w.cell('自评得分表', cell, '评价说明 / 扣分原因');
}

/** Extra tables shown where an indicator is discussed. */
export const INDICATOR_TABLES: Record<string, (c: ReportContext) => ReportBlock[]> = {
  三公经费控制率: ({ w, model }) => {
    const items: Array<[string, string]> = [
      ['因公出国', '因公出国（境）费'],
      ['公务接待', '公务接待费'],
      ['公务用车', '公务用车购置及运行维护费'],
      ['合计', '合计'],
    ];
    const amt = (name: string) => (w.has(name) ? w.plain(w.fmt.wan(model.num(name)!).replace('万元', ''), [w.operand(name)]) : '');
    const rows = items.map(([k, label]) => {
      const now = model.num(`三公_${k}_本年决算`);
      const before = model.num(`三公_${k}_上年决算`);
      // Growth is recomputed from the two amounts shown beside it, so the row never contradicts itself.
      const growth =
        now !== null && before !== null && !before.isZero()
          ? w.plain(w.fmt.percent(now.minus(before).div(before).times(100)), [
              w.operand(`三公_${k}_本年决算`),
              w.operand(`三公_${k}_上年决算`),
            ])
          : '—';
      return [label, amt(`三公_${k}_本年预算`), amt(`三公_${k}_本年决算`), amt(`三公_${k}_上年决算`), growth];
    });
    return [
      w.table(`${w.year().text}年度“三公”经费预算执行明细表`, ['项目', '本年预算', '本年实际支出', '上年实际支出', '增长率'], rows, '万元'),
    ];
  },
};

/** The formula without a leading `指标名 =`, which the sentence already names. */
function formulaOnly(ind: IndicatorResult): string {
  const m = /^\s*([^=＝]+?)\s*[=＝]\s*(.+)$/.exec(ind.formula);
  return m && m[1].replace(/[“”"]/g, '') === ind.label.replace(/[“”"]/g, '') ? m[2] : ind.formula;
}

function lineParagraph(c: ReportContext, line: ScoreLine, i: number): ReportBlock[] {
  const { w } = c;
  const key = line.indicator ?? line.level3;
  const ind = line.indicator ? c.indicators.find((x) => x.id === line.indicator) : undefined;
  const parts: Piece[] = [w.plain(`${w.fmt.circled(i)}${line.level3}：`)];
  if (ind) {
    const ops = ind.operands.map((o) => operandPiece(w, o));
    parts.push(w.plain(`按“${formulaOnly(ind)}”计算${ind.variant ? `（${ind.variant}）` : ''}，`));
    if (ops.length) parts.push(w.say`${w.join(ops)}，`);
    parts.push(
      ind.value !== null
        ? w.plain(`${ind.label}为${w.fmt.percent(ind.value)}。`)
        : w.plain(`${ind.label}无法计算（${ind.unavailable ?? '数据不全'}）。`),
    );
  }
  // A line named like its 二级 group already had the group's 评价说明.
  const remark = line.level3 === line.level2 ? null : ownRemark(w, line.level3);
  if (remark) parts.push(w.say`${remark}${/[。；！]$/.test(remark.text) ? '' : '。'}`);
  parts.push(
    line.missing
      ? w.plain(`本项满分${w.fmt.points(line.points)}分，得分${w.fmt.placeholder(`${line.level3}得分`, '自评得分表')}。`)
      : w.plain(`本项满分${w.fmt.points(line.points)}分，得分${w.fmt.points(line.score)}分。`),
  );
  if (line.deduction) parts.push(w.plain(`扣分原因：${line.deduction.replace(/[。；]$/, '')}。`));
  for (const f of explainedFor(c.findings, key, ind))
    parts.push(w.plain(`偏差原因：${f.title}，${f.explanation!.replace(/[。；]$/, '')}。`, f.operands));
  const blocks: ReportBlock[] = [w.paragraph(w.join(parts, ''))];
  const extra = line.indicator ? INDICATOR_TABLES[line.indicator] : undefined;
  if (extra) blocks.push(...extra(c));
  return blocks;
}

function scoreText(w: Writer, pointsValue: Decimal | null, score: Decimal | null, name: string): string {
  const p = pointsValue === null ? w.fmt.placeholder(`${name}分值`, '评分规则') : `${w.fmt.points(pointsValue)}分`;
  const s = score === null ? w.fmt.placeholder(`${name}得分`, '评分规则') : `${w.fmt.points(score)}分`;
  return `满分${p}，得分${s}`;
}

function analysis(c: ReportContext): SectionContent[] {
  const { w, scores } = c;
  const out: SectionContent[] = [];
  if (!scores) {
    out.push(w.paragraph(w.plain(`本次评价尚未取得评分结果：${w.fmt.placeholder('评分结果', '评分规则')}。主要指标计算情况如下：`)));
    c.indicators.forEach((ind, i) => {
      const ops = ind.operands.map((o) => operandPiece(w, o));
      const value = ind.value !== null ? `${ind.label}为${w.fmt.percent(ind.value)}` : `${ind.label}无法计算（${ind.unavailable ?? '数据不全'}）`;
      out.push(w.paragraph(w.say`${w.fmt.circled(i + 1)}${ind.label}：按“${formulaOnly(ind)}”计算，${ops.length ? w.say`${w.join(ops)}，` : ''}${value}。`));
    });
    return out;
  }
  const dims = dimensions(scores);
  out.push(
    w.paragraph(
      w.say`本次评价采用三级细化指标评分，从${w.year()}年度部门整体支出的${dims.map((d) => d.name).join('、')}等维度出发，通过定性与定量相结合的方式，综合考察部门整体支出资金使用效益及部门职能职责履行情况，得出绩效评价综合结论。`,
    ),
  );
  for (const d of dims) {
    const content: SectionContent[] = [];
    const lines = d.children.flatMap((x) => x.lines);
    content.push(
      w.paragraph(
        w.plain(
          `分别设置${d.children.map((x) => `“${x.name}”`).join('、')}${d.children.length}个二级指标，${lines.map((l) => l.level3).join('、')}等${lines.length}个三级指标进行评价。`,
        ),
      ),
    );
    for (const ch of d.children) {
      const body: SectionContent[] = [];
      const remark = ownRemark(w, ch.name);
      if (remark) body.push(w.paragraph(w.say`评价说明：${remark}`));
      ch.lines.forEach((l, i) => body.push(...lineParagraph(c, l, i + 1)));
      content.push(sub(ch.name, `${ch.name}（${scoreText(w, ch.points, ch.score, ch.name)}）`, body));
    }
    content.push(
      w.paragraph(
        w.plain(
          `小结：“${d.name}情况”维度，满分${d.points === null ? w.fmt.placeholder(`${d.name}分值`, '评分规则') : `${w.fmt.points(d.points)}分`}，实际得分${d.score === null ? w.fmt.placeholder(`${d.name}得分`, '评分规则') : `${w.fmt.points(d.score)}分`}。`,
        ),
      ),
    );
    out.push(sub(d.name, `${d.name}情况`, content));
  }
  // Explained findings that no indicator discusses still show their 偏差原因, here.
  const keys = scores.lines.map((l) => ({ key: l.indicator ?? l.level3, ind: c.indicators.find((x) => x.id === l.indicator) }));
  const attached = new Set(keys.flatMap(({ key, ind }) => explainedFor(c.findings, key, ind)));
  const loose = allFindings(c.findings).filter((f) => f.explanation && !attached.has(f));
  if (loose.length)
    out.push(
      w.paragraph(
        w.join(
          [
            w.plain('数据核对中已说明偏差原因的事项：'),
            ...loose.map((f, i) => w.plain(`${w.fmt.circled(i + 1)}${f.title}，偏差原因：${f.explanation!.replace(/[。；]$/, '')}；`, f.operands)),
          ],
          '',
        ),
      ),
    );
  return out;
}

// ---------------------------------------------------------------- 七、综合评价结论

function conclusion({ w, scores, headline }: ReportContext): SectionContent[] {
  const y = w.year();
  if (!scores) return [w.paragraph(w.say`${y}年度部门整体支出绩效评价得分${w.fmt.placeholder('评分结果', '评分规则')}。`)];
  const dims = scores.groups.filter((g) => g.level === 1);
  const pendingOf = (d: { pending?: Decimal }) => (d.pending && !d.pending.isZero() ? `（待核实${w.fmt.points(d.pending)}分）` : '');
  const scoreWords = headline.pending.isZero()
    ? `得分为${w.fmt.points(scores.total)}分`
    : `核实得分${w.fmt.points(scores.total)}分，待核实分值${w.fmt.points(headline.pending)}分`;
  const gradeWords = headline.grade === null ? '数据不完整，未评定综合绩效级别' : `综合绩效级别为“${headline.grade}”`;
  const out: SectionContent[] = [
    w.paragraph(w.say`${y}年度部门整体支出绩效评价自评${scoreWords}。其中，${dims.map((d) => `${d.name}${w.fmt.points(d.score)}分${pendingOf(d)}`).join('，')}，${gradeWords}。`),
  ];
  const most = scores.total.plus(headline.pending);
  if (scores.claimedTotal !== undefined && (scores.claimedTotal.greaterThan(most) || scores.claimedTotal.lessThan(scores.total))) {
    const diff = scores.claimedTotal.greaterThan(most) ? scores.claimedTotal.minus(most) : scores.claimedTotal.minus(scores.total);
    const computed = headline.pending.isZero()
      ? `按评分规则计算为${w.fmt.points(scores.total)}分`
      : `按评分规则核实得分${w.fmt.points(scores.total)}分，待核实分值全部得分也只有${w.fmt.points(most)}分`;
    out.push(
      w.paragraph(
        w.plain(
          `单位自报总分${w.fmt.points(scores.claimedTotal)}分，${computed}，自报分${w.fmt.direction(diff, ['高出', '低于', ''])}计算分${w.fmt.points(diff.abs())}分。`,
          [w.operand('自评得分表')],
        ),
      ),
    );
  } else if (scores.claimedTotal !== undefined && !headline.pending.isZero()) {
    out.push(
      w.paragraph(
        w.plain(
          `单位自报总分${w.fmt.points(scores.claimedTotal)}分，在核实得分${w.fmt.points(scores.total)}分至${w.fmt.points(most)}分之间，待补齐数据后核实。`,
          [w.operand('自评得分表')],
        ),
      ),
    );
  }
  out.push(
    w.table(
      `${y.text}年度部门整体支出绩效评价得分情况表`,
      ['评价内容', '分值', '评价得分'],
      [
        ...dims.map((d) => [d.name, d.points.toFixed(2), `${w.fmt.points(d.score)}${pendingOf(d)}`]),
        ['合计', scores.points.toFixed(2), `${w.fmt.points(scores.total)}${pendingOf({ pending: headline.pending })}`],
        ['综合绩效级别', headline.grade ?? '数据不完整', ''],
      ],
    ),
  );
  return out;
}

// ---------------------------------------------------------------- 八、九：问题与措施

/** The standard measure for problems found in one or more indicators. */
export interface MeasureDecl {
  id: string;
  /** Indicator ids or 三级 / 二级 names it covers. */
  covers: string[];
  /** 存在的主要问题 heading. */
  problem: string;
  /** 下一步改进措施 heading and text. */
  title: string;
  measure: string;
}

export const MEASURES: MeasureDecl[] = [
  {
    id: '绩效目标',
    covers: ['绩效目标合理性', '绩效指标明确性', '目标设定'],
    problem: '绩效目标编制水平有待提高',
    title: '加强绩效目标管理，提高绩效目标编制质量',
    measure:
      '结合部门职能职责和年度重点工作，从产出和效果两方面细化、量化绩效目标和指标，做到与年度工作任务紧密相关、与预算资金相匹配。',
  },
  {
    id: '预算编制',
    covers: ['预算编制合理性', '预算调整率', '预算控制率'],
    problem: '预算编制的准确性有待提高',
    title: '提高预算编制的科学性和准确性',
    measure: '充分预计年度工作任务和支出需求，科学测算、完整编制年初预算，减少年中追加调整，确需调整的按程序报批。',
  },
  {
    id: '人员控制',
    covers: ['在职人员控制率'],
    problem: '在职人员超出编制',
    title: '严格编制管理',
    measure: '严格执行机构编制管理规定，按核定编制配备人员，在职人员控制在编制数以内。',
  },
  {
    id: '三公经费',
    covers: ['三公经费变动率', '三公经费控制率', '“三公经费”变动率', '“三公经费”控制率'],
    problem: '“三公”经费控制有待加强',
    title: '从严控制“三公”经费',
    measure: '坚持厉行节约，从严编制并严格执行“三公”经费预算，“三公”经费预算不超过上年、支出不超过预算。',
  },
  {
    id: '公用经费',
    covers: ['公用经费控制率'],
    problem: '公用经费支出超出预算',
    title: '严格控制公用经费支出',
    measure: '科学测算日常公用经费预算，严格按预算控制支出，确需超支的事先按程序报批。',
  },
  {
    id: '预算执行',
    covers: ['预算完成率', '结转结余变动率', '结转结余率', '支付进度率'],
    problem: '预算执行和结转结余管理有待加强',
    title: '加快预算执行，盘活结转结余资金',
    measure: '按序时进度推进预算执行，跟踪分析执行进度，及时清理盘活结转结余资金，提高预算完成率。',
  },
  {
    id: '政府采购',
    covers: ['政府采购执行率'],
    problem: '政府采购执行有待规范',
    title: '规范政府采购管理',
    measure: '按政府采购预算编制采购计划并严格执行，做到应采尽采、采购与预算相符。',
  },
  {
    id: '预算管理',
    covers: ['管理制度健全性', '资金使用合规性', '预决算信息公开性', '基础信息完善性', '预算管理'],
    problem: '预算管理有待规范',
    title: '提高资金使用的规范性',
    measure:
      '严格按照国家财经法规、财务管理制度和专项资金管理办法使用资金，基本支出与项目支出不得相互挪用，按规定及时公开预决算信息，完善基础信息。',
  },
  {
    id: '资产管理',
    covers: ['资产管理制度健全性', '资产管理安全性', '固定资产利用率', '资产管理'],
    problem: '资产管理有待加强',
    title: '加强资产管理',
    measure: '健全资产管理制度，定期盘点，做到账实相符，盘活闲置资产，提高固定资产利用率。',
  },
  {
    id: '产出',
    covers: ['实际完成率', '完成及时率', '质量达标率', '重点工作办结率', '产出'],
    problem: '年度工作任务完成情况有待提高',
    title: '加强工作任务的跟踪督办',
    measure: '将年度工作任务分解到部门和责任人，明确完成时限和质量要求，定期调度督办，确保按时保质完成。',
  },
  {
    id: '效果',
    covers: ['经济效益', '社会效益', '可持续影响', '服务对象满意度', '行政效能', '效果'],
    problem: '履职效益有待进一步提升',
    title: '提升履职效益和服务对象满意度',
    measure: '围绕部门职责和服务对象需求改进工作方式，跟踪评估履职效果，及时回应服务对象的意见建议。',
  },
  {
    id: '数据核对',
    covers: [],
    problem: '决算数据填报的准确性有待提高',
    title: '加强数据核对，确保报表口径一致',
    measure: '上报前逐项核对决算报表与绩效自评数据的勾稽关系，同一数据在各表、各部分保持一致，发现差异及时查明原因并更正。',
  },
];

/** Used when no declared measure covers an indicator. */
export const DEFAULT_MEASURE: MeasureDecl = {
  id: '其他',
  covers: [],
  problem: '部分指标未得满分',
  title: '针对扣分事项逐项整改',
  measure: '针对扣分原因逐项制定整改措施，明确责任和时限，纳入下一年度预算绩效管理。',
};

export function measureFor(...keys: Array<string | undefined>): MeasureDecl {
  for (const k of keys) {
    if (!k) continue;
    const m = MEASURES.find((x) => x.covers.includes(k));
    if (m) return m;
  }
  return DEFAULT_MEASURE;
}

export interface Problem {
  measure: MeasureDecl;
  body: Piece;
}

/** How many unexplained findings 八 lists by name. */
const TOP_FINDINGS = 3;

/** Problems from deductions (grouped by measure) and from unexplained findings. */
export function deriveProblems(c: ReportContext): Problem[] {
  const { w } = c;
  const byMeasure = new Map<MeasureDecl, Piece[]>();
  for (const line of c.scores?.lines ?? []) {
    if (line.missing || !line.score.lessThan(line.points)) continue;
    const m = measureFor(line.indicator, line.level3, line.level2, line.level1);
    const ind = line.indicator ? c.indicators.find((x) => x.id === line.indicator) : undefined;
    const list = byMeasure.get(m) ?? [];
    list.push(
      w.plain(
        `${line.level3}满分${w.fmt.points(line.points)}分，得分${w.fmt.points(line.score)}分${line.deduction ? `，扣分原因：${line.deduction.replace(/[。；]$/, '')}` : ''}`,
        ind?.operands ?? [],
      ),
    );
    byMeasure.set(m, list);
  }
  const problems: Problem[] = [...byMeasure].map(([measure, pieces]) => ({ measure, body: w.say`${w.join(pieces, '；')}。` }));
  const open = c.findings.filter((f) => !f.explanation);
  if (open.length) {
    const ranked = [...open].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === '错误' ? -1 : 1));
    const top = ranked.slice(0, TOP_FINDINGS).map((f, i) => {
      const cells = [...new Set(f.operands.map((o) => o.address).filter(Boolean))].slice(0, 4);
      return w.plain(`${w.fmt.circled(i + 1)}${f.title}${cells.length ? `（${cells.join('、')}）` : ''}`, f.operands);
    });
    problems.push({
      measure: MEASURES.find((m) => m.id === '数据核对')!,
      body: w.say`数据核对发现${c.headline.counts}，主要有：${w.join(top, '；')}${open.length > TOP_FINDINGS ? '等' : ''}。`,
    });
  }
  return problems;
}

function problemsSection(c: ReportContext): SectionContent[] {
  const { w } = c;
  const problems = deriveProblems(c);
  const out: SectionContent[] = problems.map((p) => sub(p.measure.id, p.measure.problem, [w.paragraph(p.body)]));
  if (problems.length && !w.model.text('存在问题')?.trim()) return out;
  return [...out, ...w.departmentText('存在问题', '存在的主要问题')];
}

function measuresSection(c: ReportContext): SectionContent[] {
  const { w } = c;
  const problems = deriveProblems(c);
  const out: SectionContent[] = problems.map((p) => sub(p.measure.id, p.measure.title, [w.paragraph(w.plain(p.measure.measure))]));
  if (problems.length && !w.model.text('改进措施')?.trim()) return out;
  return [...out, ...w.departmentText('改进措施', '下一步改进措施')];
}

// ---------------------------------------------------------------- the outline

export const REPORT_SECTIONS: SectionDecl[] = [
  { id: '前言', heading: '', level: 0, build: preamble },
  { id: '部门概况', heading: '部门概况', level: 1 },
  { id: '部门概况.基本情况', heading: '基本情况', level: 2, build: ({ w }) => [w.paragraph(w.text('单位简介', '基本情况'))] },
  { id: '部门概况.职能职责', heading: '部门职能职责', level: 2, build: ({ w }) => w.departmentText('职能职责') },
  { id: '部门概况.机构设置', heading: '机构设置', level: 2, build: ({ w }) => w.departmentText('内设机构', '机构设置') },
  { id: '部门概况.人员情况', heading: '机构人员', level: 2, build: staff },
  {
    id: '部门概况.工作目标',
    heading: ({ w }) => `${w.year().text}年度工作目标及工作计划`,
    level: 2,
    build: ({ w }) => w.departmentText('年度工作目标', '年度工作目标及工作计划'),
  },
  { id: '整体收支', heading: '部门整体收支情况', level: 1 },
  { id: '整体收支.收入', heading: '部门整体收入情况', level: 2, build: income },
  { id: '整体收支.支出', heading: '部门整体支出情况', level: 2, build: spending },
  { id: '整体收支.结转结余', heading: '结转结余情况', level: 2, build: carryOver },
  { id: '一般公共预算', heading: '一般公共预算收支情况', level: 1, build: fiscalIntro },
  { id: '一般公共预算.收入', heading: '一般公共预算收入', level: 2, build: fiscalIncome },
  { id: '一般公共预算.支出', heading: '一般公共预算支出', level: 2, build: fiscalSpending },
  { id: '其他资金', heading: '其他资金收支情况', level: 1, build: otherIntro },
  { id: '其他资金.收入', heading: '其他收入', level: 2, build: otherIncome },
  { id: '其他资金.支出', heading: '其他支出', level: 2, build: otherSpending },
  { id: '履职情况', heading: '部门整体履职情况', level: 1, build: ({ w }) => w.departmentText('履职情况') },
  { id: '绩效分析', heading: '部门整体绩效评价情况分析', level: 1, build: analysis },
  { id: '评价结论', heading: '综合评价结论', level: 1, build: conclusion },
  { id: '存在问题', heading: '存在的主要问题', level: 1, build: problemsSection },
  { id: '改进措施', heading: '下一步改进措施', level: 1, build: measuresSection },
];
