/**
 * The catalogue of reconciliation checks (勾稽关系): one declaration per check, over catalogue names.
 *
 * A check only says what should hold. It returns comparisons (terms on two sides and a relation) or
 * notices; src/core/checks.ts evaluates them with the rounding tolerance, folds cascades and writes
 * the Chinese findings. Identities follow the 部门决算 tables (docs/domain.md §3; every check listed in docs/checks.md).
 * Adding a check touches this file only.
 */
import type Decimal from 'decimal.js';
import type { Operand, ScoreLine } from '../core/results';
import type { Diagnostic, FindingSeverity, Severity } from '../core/types';
import type { CheckContext, CheckDecl, CheckFamily, Notice, Outcome, Term } from './contract';
import {
  BASIC_OFFICE_LINES,
  FUNCTION_CLASSES,
  FUNCTION_LINE_TABLES,
  INPUT_BY_NAME,
  INPUT_SHEETS,
  inputLabel,
  PERSONNEL_COST_ITEMS,
  personnelItem,
  tableLabel,
} from './inputs';
import { SANGONG_CAR_PARTS, SANGONG_ITEMS } from './lists';
import type { SanGongColumn, ScalarDecl } from './types';

export type { CheckContext, CheckDecl, CheckFamily, Comparison, Notice, Outcome, Term } from './contract';

/** Families, in the order a root is chosen among findings that share a suspect cell. */
export const CHECK_FAMILIES: readonly CheckFamily[] = [
  '输入',
  '年度',
  '单位',
  '合计',
  '平衡',
  '一致',
  '衔接',
  '部分',
  '口径',
  '预算',
  '比率',
  '评分',
];

/**
 * How grave a failed check of each family is, as the 部门决算 software judges: every 表内 and 表间 identity
 * that fails (合计, 平衡, 一致, 衔接, part ≤ whole, the 功能分类 and 经济分类 sums) is an 错误, whatever reads it;
 * a 提示 is what may legitimately differ and needs a written reason (决算 over 预算, a 基础数据表 figure taken
 * under another 口径, a figure whose size looks off among its siblings). 比率 keeps the consequence rule
 * (CheckDecl.byConsequence) and 评分 declares per claim (over the rules 错误, under them 提示). A finding whose
 * only cause is a blank is neither: it is {@link BLANK_SEVERITY}.
 */
export const FAMILY_SEVERITY: Readonly<Record<CheckFamily, Severity>> = {
  输入: '错误',
  年度: '错误',
  单位: '提示',
  合计: '错误',
  平衡: '错误',
  一致: '错误',
  衔接: '错误',
  部分: '错误',
  口径: '提示',
  预算: '提示',
  比率: '错误',
  评分: '错误',
};

/**
 * 提示 families whose finding questions the value of the figures it names. A 基础数据表 figure that differs from
 * the 部门决算 table it is taken from (口径) may be taken under another 口径, but until the unit writes why in
 * 出错说明, a score computed from it is not 核实 (src/core/doubt.ts, questionedInputs). A figure over its budget
 * (预算) is a fact about spending, not a doubt about the figure.
 */
export const QUESTIONING_NOTICES: readonly CheckFamily[] = ['口径'];

/** A required or scoring input left blank, or a check the blanks leave undecided: to fill, neither 错误 nor 提示. */
export const BLANK_SEVERITY = '待补' as const;

// ------------------------------------------------------------------ helpers

/** The family's advice, when the data do not show which figure to change (worded so it cannot be misread). */
const NEXT: Record<CheckFamily, string> = {
  输入: '按提示补填或改正该单元格后重新运行。',
  年度: '换用评价年度的数据。',
  单位: '该数疑似以元填列，请换算为万元（元 ÷ 10000）后重新运行。',
  合计: '合计与各分项之和不等：对照部门决算原表，改正填错的数（合计或某一分项）。',
  平衡: '年初结转结余 + 本年收入 − 本年支出应等于年末结转结余：对照部门决算原表核对这几个数，改正填错的数。',
  一致: '两处所列应为同一个数，应对照部门决算原表确定哪一处正确，把另一处改成与它相同。',
  衔接: '本年年初数应等于上年年末数：对照上年度决算核对后改正。',
  部分: '分项不能大于总数：对照部门决算原表，改正填错的分项或总数。',
  口径: '两处口径可能不同：核对取数口径；确属口径不同的，在“出错说明”表中写明原因，否则改为同一个数。',
  预算: '决算超出预算：请核实；确属合理的，在“出错说明”表中写明原因。',
  比率: '按公式用所列数据重算该比率，改正报告所列数。',
  评分: '按评分规则改正自评得分；如有依据，在“出错说明”表中写明理由。',
};

const label = inputLabel;

type Opts = {
  severity?: Severity;
  nextStep?: string;
  byConsequence?: boolean;
  severityNote?: string;
  readsScores?: boolean;
};

/** What a check compares (passing no judgement) and the problem when it fails (by default: “…不一致”). */
type Words = string | { subject: string; title: string };

function decl(
  id: string,
  words: Words,
  family: CheckFamily,
  operands: string[],
  run: CheckDecl['run'],
  o: Opts = {}
): CheckDecl {
  const { subject, title } = typeof words === 'string' ? { subject: words, title: `${words}不一致` } : words;
  return {
    id,
    subject,
    title,
    family,
    severity: o.severity ?? FAMILY_SEVERITY[family],
    ...(o.byConsequence ? { byConsequence: true, severityNote: '不影响任何计算时为提示' } : {}),
    ...(o.severityNote ? { severityNote: o.severityNote } : {}),
    operands,
    ...(o.readsScores ? { readsScores: true } : {}),
    nextStep: o.nextStep ?? NEXT[family],
    run,
  };
}

/** A label with its table ("财政拨款表·年初结转结余（合计）"), for pairs whose labels alone read alike. */
const placed = (name: string): string => tableLabel(name);

/** The labels of the names one rule states, each with its table when two of them read alike. */
function named(ctx: CheckContext, names: string[]): string[] {
  const own = names.map((n) => ctx.operand(n).label.replace(/^其中：/, ''));
  return names.map((n, i) => (own.filter((l) => l === own[i]).length > 1 ? placed(n) : own[i]));
}

function labels(ctx: CheckContext, names: string[]): string {
  return names.map((n) => ctx.operand(n).label).join(' + ');
}

/** whole = Σ parts. */
function total(id: string, subject: string, whole: string, parts: string[], o: Opts = {}): CheckDecl {
  return decl(
    id,
    subject,
    '合计',
    [whole, ...parts],
    (ctx) => {
      const [w, ...ps] = named(ctx, [whole, ...parts]);
      return [
        {
          type: 'comparison',
          relation: '=',
          left: [ctx.term(whole)],
          right: parts.map((p) => ctx.term(p)),
          statement: `${w} = ${ps.join(' + ')}`,
        },
      ];
    },
    o
  );
}

/** The same quantity stated in two places (the right side may be a sum of places). */
function same(
  id: string,
  subject: string,
  a: string,
  b: string | string[],
  o: Opts & { family?: CheckFamily } = {}
): CheckDecl {
  const bs = Array.isArray(b) ? b : [b];
  return decl(
    id,
    subject,
    o.family ?? '一致',
    [a, ...bs],
    (ctx) => [
      {
        type: 'comparison',
        relation: '=',
        left: [ctx.term(a)],
        right: bs.map((x) => ctx.term(x)),
        statement: `${placed(a)} = ${bs.map(placed).join(' + ')}`,
      },
    ],
    o
  );
}

/** Σ parts ≤ whole (the whole may be a sum of places). */
function atMost(
  id: string,
  words: Words,
  parts: string[],
  whole: string | string[],
  o: Opts = {}
): CheckDecl {
  const wholes = Array.isArray(whole) ? whole : [whole];
  return decl(
    id,
    words,
    '部分',
    [...parts, ...wholes],
    (ctx) => [
      {
        type: 'comparison',
        relation: '≤',
        left: parts.map((p) => ctx.term(p)),
        right: wholes.map((w) => ctx.term(w)),
        statement: `${parts.map(placed).join(' + ')} ≤ ${wholes.map(placed).join(' + ')}`,
      },
    ],
    o
  );
}

/** 决算 ≤ 预算, a 提示 whose title says by how much and by what share of the budget. */
function overBudget(id: string, what: string, actual: string, budgetOrParts: string | string[]): CheckDecl {
  // Spending may also draw on what was carried over: the budget side can be a sum (预算总额 + 年初结转).
  const budgets = Array.isArray(budgetOrParts) ? budgetOrParts : [budgetOrParts];
  const title = `${what}超过预算`;
  return decl(id, { subject: `${what}与预算`, title }, '预算', [actual, ...budgets], (ctx) => {
    const a = ctx.operand(actual).value;
    const values = budgets.map((n) => ctx.operand(n).value);
    const isNumber = (x: unknown): x is Decimal => x !== null && typeof x === 'object';
    const b = values.every(isNumber) ? values.reduce<Decimal>((x, y) => x.plus(y), ctx.decimal(0)) : null;
    const over = isNumber(a) && b !== null && a.greaterThan(b) ? a.minus(b) : null;
    const share =
      over && b !== null && !b.isZero()
        ? `（${ctx.percent(over.div(b).times(100))}）`
        : over
          ? '（预算为 0）'
          : '';
    return [
      {
        type: 'comparison',
        relation: '≤',
        left: [ctx.term(actual)],
        right: budgets.map((n) => ctx.term(n)),
        statement: `${ctx.operand(actual).label} ≤ ${labels(ctx, budgets)}`,
        ...(over ? { title: `${title} ${ctx.money(over)} 万元${share}` } : {}),
      },
    ];
  });
}

/** 年初 + Σ收入 − Σ支出 = 年末. */
function balance(
  id: string,
  who: string,
  opening: string,
  income: string[],
  spending: string[],
  closing: string
): CheckDecl {
  return decl(
    id,
    `${who}年末结转结余与年初结转结余加本年收入减本年支出`,
    '平衡',
    [opening, ...income, ...spending, closing],
    (ctx) => [
      {
        type: 'comparison',
        relation: '=',
        left: [ctx.term(closing)],
        right: [
          ctx.term(opening),
          ...income.map((n) => ctx.term(n)),
          ...spending.map((n) => ctx.term(n, -1)),
        ],
        statement: `${ctx.operand(closing).label} = ${ctx.operand(opening).label} + ${labels(ctx, income)} − ${spending
          .map((n) => ctx.operand(n).label)
          .join(' − ')}`,
      },
    ]
  );
}

/** Rows of the 财政拨款 grid, each with the id of its 合计 = 基本 + 项目 check. */
const 财拨行 = [
  ['sum.财拨.年初结转结余', '年初结转结余'],
  ['sum.财拨.本年收入', '本年收入'],
  ['sum.财拨.本年支出', '本年支出'],
  ['sum.财拨.年末结转结余', '年末结转结余'],
  ['sum.财拨.年初预算', '年初预算'],
  ['sum.财拨.年中追加', '年中追加'],
  ['sum.财拨.调整后预算', '调整后预算'],
] as const;

// ------------------------------------------------------------------ tables

type Row = { index: number; cells: Record<string, { value: unknown; blank: boolean; address?: string }> };

function cellTerm(
  table: string,
  tableLabel: string,
  row: Row,
  rowLabel: string,
  key: string,
  colLabel: string,
  kind: 'amount' | 'count',
  sign: 1 | -1 = 1
): Term {
  const c = row.cells[key];
  const v = c?.value;
  return {
    operand: {
      name: `${table}[${rowLabel}].${key}`,
      label: `${tableLabel}“${rowLabel}”${colLabel}`,
      value: v !== null && typeof v === 'object' ? (v as Decimal) : null,
      address: c?.address,
      kind,
    },
    sign,
    kind,
  };
}

function textOf(row: Row, key: string): string {
  const v = row.cells[key]?.value;
  return typeof v === 'string' ? v.trim() : '';
}

const 项目金额列: Array<[string, string]> = [
  ['年初预算', '年初预算数'],
  ['年中追加', '年中追加预算数'],
  ['预算总额', '预算总额'],
  ['决算数', '年度决算数'],
];

function projectRows(ctx: CheckContext): Row[] {
  return ctx.model.table('项目支出明细表').rows as Row[];
}

/** Rows grouped by a text column, groups in order of first appearance, blanks left out (one pass: tables may hold 25,000 rows). */
function rowsByText(rows: Row[], key: string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const text = textOf(r, key);
    if (!text) continue;
    const group = groups.get(text);
    if (group) group.push(r);
    else groups.set(text, [r]);
  }
  return groups;
}

function hasAny(terms: Term[]): boolean {
  return terms.some((t) => t.operand.value !== null);
}

// ------------------------------------------------------------------ 功能分类 类、款、项 lines

/** A 功能分类 line of a 功能分类明细表: its 科目编码 (3, 5 or 7 digits) and name. */
interface FunctionLine {
  row: Row;
  code: string;
  name: string;
}

/** The lines whose 编码 is a 类 (3 digits), 款 (5) or 项 (7) code; “2010101 行政运行” typed in one cell counts. */
function functionLines(ctx: CheckContext, table: string): FunctionLine[] {
  const out: FunctionLine[] = [];
  for (const row of ctx.model.table(table).rows as Row[]) {
    const m = /^(\d{3}(?:\d{2}){0,2})(?!\d)\s*(.*)$/.exec(textOf(row, '编码').replace(/\s+(?=\d)/g, ''));
    if (!m) continue;
    out.push({ row, code: m[1], name: textOf(row, '名称') || m[2].trim() });
  }
  return out;
}

const LEVEL_WORD: Record<number, string> = { 3: '类', 5: '款', 7: '项' };

function lineTerm(table: string, title: string, line: FunctionLine, amountLabel: string): Term {
  return cellTerm(table, title, line.row, `${line.code} ${line.name}`.trim(), '金额', amountLabel, 'amount');
}

/** 类 = Σ its 款, 款 = Σ its 项, for the lines the table lists below them. */
function functionLineSums(id: string, table: string, title: string, amountLabel: string): CheckDecl {
  return decl(id, `${title}各类、款与其下各款、项之和`, '合计', [table], (ctx) => {
    const lines = functionLines(ctx, table);
    const out: Outcome[] = [];
    for (const whole of lines) {
      if (whole.code.length === 7) continue;
      const parts = lines.filter(
        (l) => l.code.length === whole.code.length + 2 && l.code.startsWith(whole.code)
      );
      if (parts.length === 0) continue;
      const terms = parts.map((l) => lineTerm(table, title, l, amountLabel));
      if (!hasAny(terms)) continue;
      const level = LEVEL_WORD[whole.code.length];
      const sub = LEVEL_WORD[whole.code.length + 2];
      const shown = `${whole.code} ${whole.name}`.trim();
      out.push({
        type: 'comparison',
        key: whole.code,
        title: `${title}“${shown}”与其下各${sub}之和不一致`,
        relation: '=',
        left: [lineTerm(table, title, whole, amountLabel)],
        right: terms,
        statement: `${level}“${shown}”${amountLabel} = 其下各${sub}${amountLabel}之和`,
        // A 款 that is wrong makes its 类 look wrong too: the 类 comparison nests under it.
        follows: parts.filter((l) => l.code.length < 7).map((l) => l.code),
      });
    }
    return out;
  });
}

/** Each 类 line of the table against the 类级 grid's figure for that 类, where the grid gives one. */
function functionLineClasses(
  id: string,
  table: string,
  title: string,
  side: '收入' | '支出',
  amountLabel: string
): CheckDecl {
  const grid = FUNCTION_CLASSES.map(([k]) => `功能_${k}_${side}`);
  return decl(id, `${title}各类与按功能分类（类级）所填${side}`, '一致', [table, ...grid], (ctx) =>
    functionLines(ctx, table).flatMap((line): Outcome[] => {
      const cls = FUNCTION_CLASSES.find(([, code]) => code === line.code);
      if (!cls) return [];
      const name = `功能_${cls[0]}_${side}`;
      if (ctx.operand(name).value === null) return [];
      return [
        {
          type: 'comparison',
          key: line.code,
          title: `${title}“${line.code} ${cls[2]}”与类级所填${side}不一致`,
          relation: '=',
          left: [lineTerm(table, title, line, amountLabel)],
          right: [ctx.term(name)],
          statement: `${title}“${line.code} ${cls[2]}”${amountLabel} = ${ctx.operand(name).label}`,
        },
      ];
    })
  );
}

/** The year's total against the table's 类 lines (the 类级 block, when given, is held to them line by line). */
function functionLineTotal(
  id: string,
  table: string,
  title: string,
  side: '收入' | '支出',
  whole: string,
  amountLabel: string
): CheckDecl {
  return decl(id, `本年${side}合计与${title}各类之和`, '合计', [whole, table], (ctx) => {
    const classes = functionLines(ctx, table).filter((l) => l.code.length === 3);
    const terms = classes.map((l) => lineTerm(table, title, l, amountLabel));
    if (!hasAny(terms)) return [];
    return [
      {
        type: 'comparison',
        relation: '=',
        left: [ctx.term(whole)],
        right: terms,
        statement: `${ctx.operand(whole).label} = ${title}各类${amountLabel}之和`,
      },
    ];
  });
}

/** The 功能分类明细表 of each side, with its block title, amount label and the year's total. */
const FUNCTION_LINE_SIDES = FUNCTION_LINE_TABLES.map(([table, title, amount]) => {
  const side: '收入' | '支出' = table.includes('收入') ? '收入' : '支出';
  return { table, title: title.replace(/（.*）$/, '明细'), amount, side, whole: `${side}_本年${side}合计` };
});

// ------------------------------------------------------------------ stated rates

/** Stated rate names and the indicator that recomputes each. */
const STATED_RATES: Array<[id: string, stated: string, indicator: string]> = [
  ['rate.在职人员控制率', '基础_在职人员控制率', '在职人员控制率'],
  ['rate.公用经费控制率', '基础_公用经费控制率', '公用经费控制率'],
  ['rate.三公经费变动率', '基础_三公经费变动率', '三公经费变动率'],
  ['rate.三公经费控制率', '基础_三公经费控制率', '三公经费控制率'],
  ['rate.政府采购执行率', '基础_政府采购执行率', '政府采购执行率'],
  ['rate.预算完成率', '基础_预算完成率', '预算完成率'],
  ['rate.预算调整率', '基础_预算调整率', '预算调整率'],
  ['rate.结转结余变动率', '基础_结转结余变动率', '结转结余变动率'],
  ['rate.固定资产利用率', '基础_固定资产利用率', '固定资产利用率'],
];

/**
 * A stated figure agrees when it is the recomputed figure at the precision it was stated: half a unit of its
 * last decimal either way (“99.3%” agrees with 99.27%, “99.30%” does not; “−0.8 万元” with −0.77). A figure
 * typed as text keeps its decimals; a number cell cannot tell 99.3% from 99.30% (the format is not read), so
 * it is taken to at least 2 decimals, or more when the number itself has more.
 */
function statedPrecision(
  ctx: CheckContext,
  stated: string,
  kind: 'rate' | 'amount' = 'rate'
): { tolerance: Decimal; toleranceNote: string; how: string } {
  const s = ctx.model.scalar(stated);
  const value = ctx.operand(stated).value;
  const decimals =
    s.decimals ?? Math.max(2, value !== null && typeof value === 'object' ? value.decimalPlaces() : 2);
  const tolerance = ctx.decimal(`5e-${decimals + 1}`); // half a unit of the last decimal stated
  const what = kind === 'rate' ? '比率' : '金额';
  const how =
    s.decimals !== undefined
      ? `所列${what}保留 ${decimals} 位小数`
      : `所列${what}为数值，按保留 ${decimals} 位小数计`;
  const unit = kind === 'rate' ? ' 个百分点' : ' 万元';
  return { tolerance, toleranceNote: `容差 ±${tolerance.toString()}${unit}（${how}的四舍五入误差）`, how };
}

/** The problem a stated rate's recomputation shows: `预算完成率重算为 98.50%，报告列 99.00%`. */
function rateTitle(ctx: CheckContext, name: string, recomputed: Decimal | null, stated: Decimal): string {
  return recomputed === null
    ? `报告所列${name}无法重算`
    : `${name}重算为 ${ctx.percent(recomputed)}，报告列 ${ctx.percent(stated)}`;
}

function statedRate(id: string, stated: string, indicatorId: string): CheckDecl {
  return decl(
    id,
    `报告所列${indicatorId}与重算结果`,
    '比率',
    [stated],
    (ctx) => {
      const s = ctx.term(stated);
      if (s.operand.value === null) return [];
      const ind = ctx.indicator(indicatorId);
      if (!ind) return [];
      const { tolerance, toleranceNote } = statedPrecision(ctx, stated);
      return [
        {
          type: 'comparison',
          relation: '=',
          left: [s],
          right: [],
          rightValue: ind.value,
          unavailable: ind.value === null ? (ind.unavailable ?? '缺少计算所需数据') : undefined,
          title: rateTitle(ctx, indicatorId, ind.value, s.operand.value as Decimal),
          name: indicatorId,
          statement: `${s.operand.label} = ${ind.formula}`,
          tolerance,
          toleranceNote,
          context: ind.operands,
          suspects: [s.operand],
        },
      ];
    },
    { byConsequence: true }
  );
}

/** A change the 三公 table's report states beside it: one column of the table against another. */
interface SanGongChange {
  /** The stated rate's name is `三公_<item>_<rate>`, the stated amount's (when reported) `三公_<item>_<amount>`. */
  rate: string;
  amount?: string;
  /** What the figure is called after the item's label (预算比上年决算增减率), and what kind of rate it is (增减率). */
  rateWord: string;
  rateKind: string;
  amountWord?: string;
  cur: SanGongColumn;
  prev: SanGongColumn;
  /** The two columns in the rule's words, apart, either and both. */
  curWords: string;
  prevWords: string;
  either: string;
  both: string;
}

/** 本年决算 against 上年决算 (公开07's 增长率), and the 本年预算 against 上年决算 (the 预算说明's 增减). */
const 三公增长: SanGongChange = {
  rate: '增长率',
  rateWord: '增长率',
  rateKind: '增长率',
  cur: '本年决算',
  prev: '上年决算',
  curWords: '本年决算数',
  prevWords: '上年决算数',
  either: '本年或上年决算数',
  both: '本年、上年决算数',
};
const 三公预算比上年决算: Required<SanGongChange> = {
  rate: '预算比上年决算',
  amount: '预算比上年决算额',
  rateWord: '预算比上年决算增减率',
  rateKind: '增减率',
  amountWord: '预算比上年决算增减额',
  cur: '本年预算',
  prev: '上年决算',
  curWords: '本年预算数',
  prevWords: '上年决算数',
  either: '本年预算数或上年决算数',
  both: '本年预算数、上年决算数',
};

const sanGongItemLabel = (item: string): string =>
  SANGONG_ITEMS.find(([k]) => k === item)?.[1] ?? '“三公”经费';

/** The stated rate of a 三公 change against (this column − that column) ÷ that column. */
function 三公变动率(id: string, item: string, change: SanGongChange): CheckDecl {
  const stated = `三公_${item}_${change.rate}`;
  const cur = `三公_${item}_${change.cur}`;
  const prev = `三公_${item}_${change.prev}`;
  const name = `${sanGongItemLabel(item)}${change.rateWord}`;
  const statedAmount = change.amount ? `三公_${item}_${change.amount}` : undefined;
  const { curWords, prevWords } = change;
  return decl(
    id,
    `报告所列${name}与重算结果`,
    '比率',
    [stated, cur, prev],
    (ctx) => {
      const s = ctx.term(stated);
      if (s.operand.value === null) return [];
      const c = ctx.operand(cur);
      const p = ctx.operand(prev);
      const precision = statedPrecision(ctx, stated);
      const base = {
        type: 'comparison' as const,
        relation: '=' as const,
        left: [s],
        right: [],
        name,
        statement: `${s.operand.label} = （${curWords} − ${prevWords}）÷ ${prevWords} × 100%`,
        tolerance: precision.tolerance,
        toleranceNote: precision.toleranceNote,
        context: [c, p],
        suspects: [s.operand],
      };
      const statedValue = s.operand.value as Decimal;
      if (c.value === null || p.value === null)
        return [
          {
            ...base,
            title: rateTitle(ctx, name, null, statedValue),
            rightValue: null,
            unavailable: `${change.either}未填，无法重算`,
          },
        ];
      const pv = p.value as Decimal;
      if (pv.isZero())
        return [
          {
            ...base,
            title: `${prevWords}为 0，报告所列${name}无意义`,
            rightValue: null,
            unavailable: `${prevWords}为 0，${change.rateKind}无意义，报告不应列示百分比`,
          },
        ];
      const cv = c.value as Decimal;
      // The amounts are themselves rounded to ±0.005 万元: on a small base that moves the rate by more
      // than its own rounding, so widen the tolerance by d(100·(c−p)/p) = 100·(|dc|/|p| + |c|·|dp|/p²).
      const fromAmounts = ctx
        .decimal('0.005')
        .div(pv.abs())
        .plus(cv.abs().times('0.005').div(pv.pow(2)))
        .times(100);
      const tolerance = base.tolerance.plus(fromAmounts);
      const toleranceNote = `容差 ±${tolerance.toDecimalPlaces(4).toString()} 个百分点（所列比率的四舍五入误差 ±${base.tolerance.toString()}，加上${change.both}各 ±0.005 万元带来的误差）`;
      const rate = cv.minus(pv).div(pv).times(100);
      // “减少 0.8 万元，下降 0.8%”: the amount written again as the rate.
      const amount = statedAmount ? ctx.operand(statedAmount).value : null;
      const amountAsRate =
        amount !== null && typeof amount === 'object' && (amount as Decimal).abs().equals(statedValue.abs());
      return [
        {
          ...base,
          title: rateTitle(ctx, name, rate, statedValue),
          tolerance,
          toleranceNote,
          rightValue: rate,
          ...(amountAsRate
            ? {
                nextStep: `报告所列增减率与增减额同为 ${ctx.money(statedValue.abs())}，疑似把增减额（万元）当作了百分比：增减率应为（${curWords} − ${prevWords}）÷ ${prevWords} × 100%，改正报告所列数。`,
              }
            : {}),
        },
      ];
    },
    { byConsequence: true }
  );
}

/** The stated amount of a 三公 change against this column − that column, at the precision it was stated. */
function 三公变动额(id: string, item: string, change: Required<SanGongChange>): CheckDecl {
  const stated = `三公_${item}_${change.amount}`;
  const cur = `三公_${item}_${change.cur}`;
  const prev = `三公_${item}_${change.prev}`;
  const name = `${sanGongItemLabel(item)}${change.amountWord}`;
  return decl(
    id,
    `报告所列${name}与重算结果`,
    '比率',
    [stated, cur, prev],
    (ctx) => {
      const s = ctx.term(stated);
      if (s.operand.value === null) return [];
      const precision = statedPrecision(ctx, stated, 'amount');
      // The two amounts carry ±0.005 万元 each besides the stated figure's own rounding.
      const tolerance = precision.tolerance.plus('0.01');
      const terms = [ctx.term(cur), ctx.term(prev, -1)];
      const [c, p] = terms.map((t) => t.operand.value);
      // Without both columns the blanks decide (成立 read as 0, else 无法核实): the check's own words say so.
      const title =
        c !== null && p !== null
          ? `${name}重算为 ${ctx.quantity((c as Decimal).minus(p as Decimal), 'amount')}，报告列 ${ctx.quantity(s.operand.value as Decimal, 'amount')}`
          : undefined;
      return [
        {
          type: 'comparison',
          relation: '=',
          left: [s],
          right: terms,
          name,
          ...(title ? { title } : {}),
          statement: `${s.operand.label} = ${change.curWords} − ${change.prevWords}`,
          tolerance,
          toleranceNote: `容差 ±${tolerance.toString()} 万元（${precision.how}的四舍五入误差 ±${precision.tolerance.toString()}，加上${change.both}各 ±0.005 万元）`,
          suspects: [s.operand],
          nextStep: `按${change.curWords}减${change.prevWords}重算增减额（减少填负数），改正报告所列数。`,
        },
      ];
    },
    { byConsequence: true }
  );
}

// ------------------------------------------------------------------ unit slips against siblings

/** The amounts of each block of the input sheets (a list or a grid): the figures an amount's size is judged among. */
const AMOUNT_SIBLINGS: string[][] = INPUT_SHEETS.flatMap((s) =>
  s.blocks.flatMap((b) => {
    const items =
      b.type === 'list'
        ? b.items
        : b.type === 'grid'
          ? b.cells.flat().filter((c): c is ScalarDecl => c !== null)
          : [];
    const names = items.filter((d) => d.kind === 'amount').map((d) => d.name);
    return names.length >= 3 ? [names] : [];
  })
);

/** Each amount's block (the last, should a name be in two). */
const BLOCK_OF: ReadonlyMap<string, string[]> = new Map(
  AMOUNT_SIBLINGS.flatMap((g) => g.map((n): [string, string[]] => [n, g]))
);

/**
 * Each amount's size (absolute, non-zero) per check context: every amount of a block is judged among all
 * the others, so sizes are read once per context, not once per pair.
 */
const amountSizes = new WeakMap<CheckContext, Map<string, Decimal | null>>();

function amountSize(ctx: CheckContext, name: string): Decimal | null {
  let sizes = amountSizes.get(ctx);
  if (!sizes) amountSizes.set(ctx, (sizes = new Map()));
  let size = sizes.get(name);
  if (size === undefined) {
    const v = ctx.operand(name).value;
    size = v !== null && typeof v === 'object' && !v.isZero() ? v.abs() : null;
    sizes.set(name, size);
  }
  return size;
}

/** A block's non-zero amounts by size, smallest first, per check context (read once, not once per amount of the block). */
const sortedBlocks = new WeakMap<CheckContext, Map<string[], Array<{ name: string; size: Decimal }>>>();

function sortedBlock(ctx: CheckContext, block: string[]): Array<{ name: string; size: Decimal }> {
  let blocks = sortedBlocks.get(ctx);
  if (!blocks) sortedBlocks.set(ctx, (blocks = new Map()));
  let sorted = blocks.get(block);
  if (!sorted) {
    sorted = block.flatMap((name) => {
      const size = amountSize(ctx, name);
      return size ? [{ name, size }] : [];
    });
    sorted.sort((a, b) => a.size.comparedTo(b.size));
    blocks.set(block, sorted);
  }
  return sorted;
}

/** The range of the non-zero amounts given beside `name` (at least two), or null. */
function siblingRange(ctx: CheckContext, name: string): { lo: Decimal; hi: Decimal } | null {
  const block = BLOCK_OF.get(name);
  if (!block) return null;
  const sorted = sortedBlock(ctx, block);
  const others = sorted.length - (sorted.some((e) => e.name === name) ? 1 : 0);
  if (others < 2) return null;
  const lo = sorted[0].name === name ? sorted[1] : sorted[0];
  const hi = sorted[sorted.length - 1].name === name ? sorted[sorted.length - 2] : sorted[sorted.length - 1];
  return { lo: lo.size, hi: hi.size };
}

/**
 * Which unit a figure's size says it is in, among its siblings in 万元: `unit` when the number as typed is of
 * their size (a 万元 figure labelled 元), `div` when only its ten-thousandth is (a figure in 元). Of their size:
 * within ten times either way of their range. A figure typed without a unit counts as `div` only when it is
 * also at least a hundred times the largest sibling (a part exceeds its total by that much only in the wrong unit),
 * so a large part among small ones is not taken for a slip.
 */
function sizeVerdict(
  ctx: CheckContext,
  name: string,
  typed: Decimal,
  typedInYuan: boolean
): 'unit' | 'div' | null {
  const range = siblingRange(ctx, name);
  const y = typed.abs();
  if (!range || y.isZero()) return null;
  const [least, most] = [range.lo.div(10), range.hi.times(10)];
  const fits = (x: Decimal) => x.greaterThanOrEqualTo(least) && x.lessThanOrEqualTo(most);
  const asYuan = y.div(10000);
  if (typedInYuan && fits(y) && !fits(asYuan)) return 'unit';
  if (fits(asYuan) && !fits(y) && (typedInYuan || y.greaterThanOrEqualTo(range.hi.times(100)))) return 'div';
  return null;
}

/** An amount typed “…元” whose siblings tell the unit meant. */
function yuanVerdict(ctx: CheckContext, name: string): 'unit' | 'div' | null {
  const yuan = ctx.model.scalar(name).yuan;
  return yuan ? sizeVerdict(ctx, name, yuan, true) : null;
}

function sizeOutcome(ctx: CheckContext, name: string): Notice | null {
  const s = ctx.model.scalar(name);
  const typedInYuan = s.yuan !== undefined;
  const typed = s.yuan ?? (s.value !== null && typeof s.value === 'object' ? (s.value as Decimal) : null);
  if (!typed) return null;
  const verdict = sizeVerdict(ctx, name, typed, typedInYuan);
  if (!verdict) return null;
  const range = siblingRange(ctx, name)!;
  const operand = { ...ctx.operand(name), value: typed };
  const among = `同表其他金额在 ${ctx.money(range.lo)}～${ctx.money(range.hi)} 万元之间`;
  const who = operand.label.replace(/^其中：/, '');
  // Typed “…元” the cell is unusable until mended (错误); a bare figure only looks off among its siblings (the family's 提示).
  if (verdict === 'unit')
    return {
      type: 'notice',
      key: name,
      title: `${who}的单位写成了“元”`,
      severity: '错误',
      what: among,
      operands: [operand],
      slip: { operand, factor: 'unit' },
      nextStep: '单位应为万元：删去“元”（或改写为“万元”），数值照填，然后重新运行。',
    };
  return {
    type: 'notice',
    key: name,
    title: `${who}疑似按元填列`,
    ...(typedInYuan ? { severity: '错误' as const } : {}),
    what: `${among}，该数约为它们的 10000 倍`,
    operands: [operand],
    slip: { operand, factor: 'div' },
    nextStep: typedInYuan
      ? '单位应为万元：把该数除以 10000 换算为万元后填写，然后重新运行。'
      : '单位应为万元：如该数按元填列，除以 10000 换算为万元；确为万元的，在“出错说明”表中说明。',
  };
}

// ------------------------------------------------------------------ input diagnostics

/** Diagnostics that mean an input was not given (a blank, a table without rows, a name not bound): 待补. */
const BLANK_CODES: ReadonlySet<string> = new Set(['required-blank', 'required-missing', 'name-missing']);

/** An input diagnostic's problem in a few words, and its severity: a blank is 待补, the rest as diagnosed. */
function inputWords(d: Diagnostic): { title: string; severity: FindingSeverity } {
  const decl = d.name ? INPUT_BY_NAME.get(d.name) : undefined;
  const who = decl ? tableLabel(decl.name) : (d.name ?? '');
  if (BLANK_CODES.has(d.code)) {
    const title =
      d.code === 'name-missing'
        ? `工作簿中没有“${who}”的名称`
        : decl?.type === 'table' && d.address && !d.address.includes(':')
          ? `${decl.label}有一行缺必填栏`
          : `${decl?.type === 'table' ? decl.label : who}未填`;
    return { title, severity: BLANK_SEVERITY };
  }
  if (d.code.startsWith('name-')) return { title: `名称 ${d.name ?? ''} 设置有误`, severity: d.severity };
  if (d.code === 'claim-name') return { title: '自评得分表的指标名称与评分规则对不上', severity: d.severity };
  return { title: who ? `${who}填写有误` : '输入数据有误', severity: d.severity };
}

/** 财政拨款 or 其他资金, by a name's prefix. */
/**
 * The blocks of 基础数据表 each read for one indicator, with their 数据所属年度 cell (`基础_<key>_数据年度`): the 年度
 * checks compare it with the year evaluated; the 审核意见 also reads a carry-over block's start and end
 * (src/catalogue/report/review.ts).
 */
export const DATED_BLOCKS: ReadonlyArray<{
  id: string;
  key: string;
  /** The block in words (`预算完成率取数`). */
  block: string;
  indicator: string;
  figures: string[];
  opening?: string;
  closing?: string;
}> = [
  {
    id: 'year.预算完成',
    key: '预算完成',
    block: '预算完成率取数',
    indicator: '预算完成率',
    figures: [
      '基础_预算完成_上年结转',
      '基础_预算完成_年初预算',
      '基础_预算完成_本年追加',
      '基础_预算完成_年末结余',
      '基础_预算完成_完成数',
    ],
    opening: '基础_预算完成_上年结转',
    closing: '基础_预算完成_年末结余',
  },
  {
    id: 'year.预算调整',
    key: '预算调整',
    block: '预算调整率取数',
    indicator: '预算调整率',
    figures: ['基础_预算调整_年初预算', '基础_预算调整_调整数', '基础_预算调整_剔除数'],
  },
  {
    id: 'year.结转结余',
    key: '结转结余',
    block: '结转结余变动率取数',
    indicator: '结转结余变动率',
    figures: ['基础_结转结余_上年', '基础_结转结余_本年'],
    opening: '基础_结转结余_上年',
    closing: '基础_结转结余_本年',
  },
];

const fund = (name: string): string => (name.startsWith('财拨') ? '财政拨款' : '其他资金');
/** A label without its “其中：”. */
const bare = (name: string): string => label(name).replace(/^其中：/, '');

/** What 收支总表 spends outside 基本 and 项目: never 财政拨款 (财决08 splits it into 基本 and 项目 only). */
const 财拨以外支出性质 = ['支出_上缴上级支出', '支出_经营支出', '支出_对附属单位补助支出'];

/** 其他资金基本支出 as terms: 其他资金本年支出 − its 项目支出 − 上缴上级、经营、对附属单位补助支出. */
const otherFundsBasic = (ctx: CheckContext): Term[] => [
  ctx.term('其他_本年支出'),
  ctx.term('其他_项目支出', -1),
  ...财拨以外支出性质.map((n) => ctx.term(n, -1)),
];
const OTHER_FUNDS_BASIC =
  '其他资金表·本年支出 − 其他资金表·项目支出 − 上缴上级支出 − 经营支出 − 对附属单位补助支出';

// ------------------------------------------------------------------ the checks

/** Income by source, as the 收入 block of 收支总表 lists it (财决01). */
const 收入来源 = [
  '收入_一般公共预算财政拨款',
  '收入_政府性基金预算财政拨款',
  '收入_国有资本经营预算财政拨款',
  '收入_上级补助收入',
  '收入_事业收入',
  '收入_经营收入',
  '收入_附属单位上缴收入',
  '收入_其他收入',
];

export const CHECKS: CheckDecl[] = [
  // ---- 输入: every input diagnostic becomes a finding, so the list is one place.
  decl(
    'input',
    { subject: '输入数据', title: '输入数据有误' },
    '输入',
    [],
    (ctx) =>
      // A figure typed “…元” whose siblings tell the unit meant is the 单位 check's (unit.量级).
      ctx.model.diagnostics
        .filter((d) => !(d.code === 'unit-yuan' && d.name && yuanVerdict(ctx, d.name)))
        .map((d): Notice => ({
          type: 'notice',
          key: `${d.code}.${d.address ?? d.name ?? ''}`,
          ...inputWords(d),
          what: d.message,
          operands: [
            { name: d.name ?? '', label: d.name ? label(d.name) : '', value: null, address: d.address },
          ],
        })),
    { severityNote: '按各项诊断；空白为待补' }
  ),

  // ---- 年度: figures labelled with another year than the one evaluated.
  ...DATED_BLOCKS.map(({ id, key: k, block, figures }) =>
    decl(
      id,
      { subject: `${block}的数据年度与评价年度`, title: `${block}的数据年度不是评价年度` },
      '年度',
      [`基础_${k}_数据年度`, '评价年度', ...figures],
      (ctx) => {
        const labelled = figures.map((f) => ctx.operand(f)).filter((o) => o.value !== null);
        const year = ctx.operand(`基础_${k}_数据年度`);
        return [
          {
            type: 'comparison',
            relation: '=',
            left: [ctx.term(`基础_${k}_数据年度`)],
            right: [ctx.term('评价年度')],
            statement: `${block}的数据所属年度 = 评价年度`,
            tolerance: ctx.decimal(0),
            context: labelled,
            suspects: [year, ...labelled],
          },
        ];
      }
    )
  ),

  // ---- 单位: an amount whose size among its siblings says it is in 元 (or a 万元 figure labelled 元).
  decl(
    'unit.量级',
    { subject: '金额的单位（与同表其他金额比较量级）', title: '金额疑似按元填列' },
    '单位',
    [],
    (ctx) => AMOUNT_SIBLINGS.flat().flatMap((name) => sizeOutcome(ctx, name) ?? []),
    { severityNote: '写成“元”而无法读取的为错误' }
  ),

  // ---- 合计: 收支总表 (财决01).
  total('sum.本年收入合计', '本年收入合计与各项收入之和', '收入_本年收入合计', 收入来源),
  total('sum.收入总计', '收入总计与本年收入合计、使用非财政拨款结余、年初结转和结余之和', '收入_总计', [
    '收入_本年收入合计',
    '收入_使用非财政拨款结余',
    '收入_年初结转和结余',
  ]),
  total('sum.本年支出合计.资金来源', '本年支出合计与按资金来源的各项支出之和', '支出_本年支出合计', [
    '支出_一般公共预算财政拨款',
    '支出_政府性基金预算财政拨款',
    '支出_国有资本经营预算财政拨款',
    '支出_其他资金',
  ]),
  total(
    'sum.本年支出合计.支出性质',
    '本年支出合计与基本、项目、上缴上级、经营、对附属单位补助支出之和',
    '支出_本年支出合计',
    ['支出_基本支出', '支出_项目支出', '支出_上缴上级支出', '支出_经营支出', '支出_对附属单位补助支出']
  ),
  total('sum.基本支出', '基本支出与人员经费、日常公用经费之和', '支出_基本支出', [
    '支出_人员经费',
    '支出_公用经费',
  ]),
  total('sum.本年支出合计.经济分类', '本年支出合计与按经济分类的各项支出之和', '支出_本年支出合计', [
    '支出_工资福利支出',
    '支出_商品和服务支出',
    '支出_对个人和家庭的补助',
    '支出_资本性支出',
    '支出_其他经济分类支出',
  ]),
  total('sum.支出总计', '支出总计与本年支出合计、结余分配、年末结转和结余之和', '支出_总计', [
    '支出_本年支出合计',
    '支出_结余分配',
    '支出_年末结转和结余',
  ]),
  same('same.收支总计', '收入总计与支出总计', '支出_总计', '收入_总计'),
  ...[
    ['sum.结转结余.年初', '年初'],
    ['sum.结转结余.年末', '年末'],
  ].map(([id, c]) =>
    total(id, `${c}结转和结余合计与一般公共预算、其他资金${c}结转和结余之和`, `结转_合计_${c}`, [
      `结转_一般公共预算_${c}`,
      `结转_其他资金_${c}`,
    ])
  ),

  // ---- 合计: 一般公共预算财政拨款 grid (财决07/08) and budget identity.
  ...财拨行.map(([id, r]) =>
    total(id, `财政拨款${r}合计与基本、项目支出之和`, `财拨_${r}_合计`, [`财拨_${r}_基本`, `财拨_${r}_项目`])
  ),
  ...(
    [
      ['sum.财拨调整后预算.基本', '基本', '基本支出'],
      ['sum.财拨调整后预算.项目', '项目', '项目支出'],
      ['sum.财拨调整后预算.合计', '合计', '合计'],
    ] as const
  ).map(([id, c, l]) =>
    total(id, `财政拨款调整后预算（${l}）与年初预算、年中追加之和`, `财拨_调整后预算_${c}`, [
      `财拨_年初预算_${c}`,
      `财拨_年中追加_${c}`,
    ])
  ),
  total('sum.财拨基本支出', '财政拨款基本支出与人员经费、日常公用经费之和', '财拨_基本支出', [
    '财拨_人员经费',
    '财拨_公用经费',
  ]),
  // 公开06 (the 基本支出决算表) gives 人员经费 and its 款 lines for 基本支出 only; the 经济分类 lines are the whole
  // year's 财政拨款 spending (基本 + 项目, sum.财拨经济分类), and a project may pay 301 or 303 too. So 人员经费 is
  // exactly its 款, and it and each 类's 款 are at most the 经济分类 line they are part of.
  total(
    'sum.财拨人员经费明细',
    '财政拨款人员经费与其下各款之和',
    '财拨_人员经费',
    PERSONNEL_COST_ITEMS.map(([k]) => personnelItem(k))
  ),
  atMost(
    'part.支出性质.财拨人员经费',
    {
      subject: '财政拨款人员经费与工资福利支出、对个人和家庭的补助之和',
      title: '财政拨款人员经费超过工资福利支出与对个人和家庭的补助之和',
    },
    ['财拨_人员经费'],
    ['财拨_工资福利支出', '财拨_对个人和家庭的补助'],
    {
      nextStep:
        '人员经费是基本支出中的工资福利支出和对个人和家庭的补助，不能超过这两项的全年数（基本支出与项目支出合计）：对照一般公共预算财政拨款支出决算明细表、基本支出决算表核对，改正填错的数。',
    }
  ),
  ...(
    [
      ['part.财拨工资福利支出明细', '301', '工资福利支出'],
      ['part.财拨对个人和家庭的补助明细', '303', '对个人和家庭的补助'],
    ] as const
  ).map(([id, cls, line]) =>
    atMost(
      id,
      {
        subject: `财政拨款人员经费中${line}各款之和与财政拨款${line}`,
        title: `财政拨款人员经费中${line}各款之和超过财政拨款${line}`,
      },
      PERSONNEL_COST_ITEMS.filter((i) => i[3] === cls).map(([k]) => personnelItem(k)),
      `财拨_${line}`,
      {
        nextStep: `各款是基本支出决算表人员经费中的${line}，不能超过${line}的全年数（基本支出与项目支出合计）：对照基本支出决算表、一般公共预算财政拨款支出决算明细表核对各款和${line}，改正填错的数。`,
      }
    )
  ),
  total('sum.财拨经济分类', '财政拨款本年支出合计与按经济分类的各项支出之和', '财拨_本年支出_合计', [
    '财拨_工资福利支出',
    '财拨_商品和服务支出',
    '财拨_对个人和家庭的补助',
    '财拨_资本性支出',
  ]),

  // ---- 合计: 其他资金.
  same(
    'sum.其他资金收入',
    '其他资金本年收入与一般公共预算财政拨款以外的各项收入之和',
    '其他_本年收入',
    收入来源.filter((n) => n !== '收入_一般公共预算财政拨款'),
    { family: '合计' }
  ),
  same(
    'sum.其他资金支出',
    '其他资金本年支出与一般公共预算财政拨款以外的各项支出之和',
    '其他_本年支出',
    ['支出_政府性基金预算财政拨款', '支出_国有资本经营预算财政拨款', '支出_其他资金'],
    { family: '合计' }
  ),
  decl(
    'sum.其他收入明细',
    '其他资金本年收入与其他收入明细之和',
    '合计',
    ['其他_本年收入', '其他收入明细表'],
    (ctx) => {
      const rows = ctx.model.table('其他收入明细表').rows as Row[];
      const parts = rows.map((r) =>
        cellTerm(
          '其他收入明细表',
          '其他收入明细',
          r,
          textOf(r, '来源') || `第${r.index + 1}行`,
          '金额',
          '金额',
          'amount'
        )
      );
      if (!hasAny(parts)) return [];
      return [
        {
          type: 'comparison',
          relation: '=',
          left: [ctx.term('其他_本年收入')],
          right: parts,
          statement: '其他资金本年收入 = 其他收入明细各行金额之和',
        },
      ];
    }
  ),

  // ---- 合计: 三公经费 (公开07).
  ...(
    [
      ['sum.三公.本年预算', '本年预算'],
      ['sum.三公.本年决算', '本年决算'],
      ['sum.三公.上年预算', '上年预算'],
      ['sum.三公.上年决算', '上年决算'],
    ] as const
  ).map(([id, c]) => {
    const parts = [`三公_因公出国_${c}`, `三公_公务接待_${c}`, `三公_公务用车_${c}`];
    const bySubLines = [
      `三公_因公出国_${c}`,
      `三公_公务接待_${c}`,
      `三公_公务用车购置_${c}`,
      `三公_公务用车运行_${c}`,
    ];
    return decl(
      id,
      `“三公”经费${c}数合计与各项之和`,
      '合计',
      [`三公_合计_${c}`, ...parts, `三公_公务用车购置_${c}`, `三公_公务用车运行_${c}`],
      (ctx) => {
        // Many tables give only the 公务用车 sub-lines (购置 + 运行): the total is then checked against them.
        const subLinesOnly =
          ctx.operand(`三公_公务用车_${c}`).value === null &&
          bySubLines.slice(2).some((n) => ctx.operand(n).value !== null);
        const use = subLinesOnly ? bySubLines : parts;
        return [
          {
            type: 'comparison',
            relation: '=',
            left: [ctx.term(`三公_合计_${c}`)],
            right: use.map((p) => ctx.term(p)),
            statement: `${ctx.operand(`三公_合计_${c}`).label} = ${labels(ctx, use)}`,
          },
        ];
      }
    );
  }),
  ...(
    [
      ['sum.三公公务用车.本年预算', '本年预算'],
      ['sum.三公公务用车.本年决算', '本年决算'],
      ['sum.三公公务用车.上年预算', '上年预算'],
      ['sum.三公公务用车.上年决算', '上年决算'],
    ] as const
  ).map(([id, c]) =>
    total(id, `公务用车购置及运行维护费（${c}数）与购置费、运行维护费之和`, `三公_公务用车_${c}`, [
      `三公_公务用车购置_${c}`,
      `三公_公务用车运行_${c}`,
    ])
  ),

  // ---- 合计: 项目支出明细表.
  decl('sum.项目明细', '项目与其子项目之和', '合计', ['项目支出明细表'], (ctx) => {
    const rows = projectRows(ctx);
    const out: Outcome[] = [];
    const byName = new Map(rows.map((r) => [textOf(r, '项目'), r]));
    for (const [parent, children] of rowsByText(rows, '上级项目')) {
      const p = byName.get(parent);
      if (!p) {
        out.push({
          type: 'notice',
          key: `未知上级.${parent}`,
          title: `子项目的上级项目“${parent}”不在表中`,
          what: `项目支出明细表中有子项目的“上级项目”填为“${parent}”，但表中没有名为“${parent}”的项目`,
          operands: children.map((c) => ({
            name: '项目支出明细表',
            label: `“${textOf(c, '项目')}”上级项目`,
            value: parent,
            address: c.cells['上级项目']?.address,
          })),
          nextStep: '把“上级项目”改为表中已有的项目名称，或补列该项目。',
        });
        continue;
      }
      for (const [key, colLabel] of 项目金额列) {
        const parts = children.map((c) =>
          cellTerm('项目支出明细表', '项目', c, textOf(c, '项目'), key, colLabel, 'amount')
        );
        if (!hasAny(parts)) continue;
        out.push({
          type: 'comparison',
          key: `${parent}.${key}`,
          title: `“${parent}”${colLabel}与其子项目之和不一致`,
          relation: '=',
          left: [cellTerm('项目支出明细表', '项目', p, parent, key, colLabel, 'amount')],
          right: parts,
          statement: `“${parent}”${colLabel} = 其各子项目${colLabel}之和`,
        });
      }
    }
    return out;
  }),
  decl(
    'sum.项目合计',
    '项目支出合计与各项目之和',
    '合计',
    ['项目支出明细表', '项目_合计_年初预算', '项目_合计_年中追加', '项目_合计_预算总额', '项目_合计_决算数'],
    (ctx) => {
      const tops = projectRows(ctx).filter((r) => !textOf(r, '上级项目'));
      return 项目金额列.flatMap(([key, colLabel]): Outcome[] => {
        const parts = tops.map((r) =>
          cellTerm('项目支出明细表', '项目', r, textOf(r, '项目'), key, colLabel, 'amount')
        );
        if (!hasAny(parts)) return [];
        return [
          {
            type: 'comparison',
            key,
            title: `项目支出合计${colLabel}与各项目之和不一致`,
            relation: '=',
            left: [ctx.term(`项目_合计_${key}`)],
            right: parts,
            statement: `合计${colLabel} = 各项目（不含子项）${colLabel}之和`,
          },
        ];
      });
    }
  ),
  decl(
    'input.项目重名',
    { subject: '项目名称', title: '项目名称重复' },
    '输入',
    ['项目支出明细表'],
    (ctx) => {
      return [...rowsByText(projectRows(ctx), '项目').values()]
        .filter((same) => same.length > 1)
        .map((same): Outcome => ({
          type: 'notice',
          key: textOf(same[0], '项目'),
          title: `项目名称“${textOf(same[0], '项目')}”重复`,
          what: `项目支出明细表中有 ${same.length} 行项目名称都是“${textOf(same[0], '项目')}”：子项目的“上级项目”和出错说明都按名称对应，同名会混淆`,
          operands: same.map((r) => ({
            name: '项目支出明细表',
            label: '项目名称',
            value: textOf(r, '项目'),
            address: r.cells['项目']?.address,
          })),
          nextStep: '给同名项目加上区分（如编号或用途），使每个项目名称唯一。',
        }));
    },
    // Two rows may be two projects of one name: a 提示, to tell them apart.
    { severity: '提示' }
  ),
  decl(
    'sum.项目预算总额',
    '项目预算总额与年初预算数、年中追加预算数之和',
    '合计',
    ['项目支出明细表', '项目_合计_预算总额'],
    (ctx) => {
      const rows = projectRows(ctx).map((r) => ({ name: textOf(r, '项目'), row: r }));
      const seen = new Map<string, number>();
      rows.forEach(({ name }) => seen.set(name, (seen.get(name) ?? 0) + 1));
      const out: Outcome[] = rows.flatMap(({ name, row }): Outcome[] => {
        // Same-named projects get the row number in their key, so each finding keeps its own id.
        const key = (seen.get(name) ?? 0) > 1 ? `${name}@第${row.index + 1}行` : name;
        const parts = [
          cellTerm('项目支出明细表', '项目', row, name, '年初预算', '年初预算数', 'amount'),
          cellTerm('项目支出明细表', '项目', row, name, '年中追加', '年中追加预算数', 'amount'),
        ];
        if (!hasAny(parts)) return [];
        return [
          {
            type: 'comparison',
            key,
            title: `“${name}”预算总额与年初预算数、年中追加预算数之和不一致`,
            relation: '=',
            left: [cellTerm('项目支出明细表', '项目', row, name, '预算总额', '预算总额', 'amount')],
            right: parts,
            statement: `“${name}”预算总额 = 年初预算数 + 年中追加预算数`,
          },
        ];
      });
      out.push({
        type: 'comparison',
        key: '合计',
        title: '项目支出合计的预算总额与年初预算数、年中追加预算数之和不一致',
        relation: '=',
        left: [ctx.term('项目_合计_预算总额')],
        right: [ctx.term('项目_合计_年初预算'), ctx.term('项目_合计_年中追加')],
        statement: '合计预算总额 = 合计年初预算数 + 合计年中追加预算数',
      });
      return out;
    }
  ),

  // ---- 合计: 人员情况表 vs 基础数据.
  ...(
    [
      ['sum.人员.编制数', '编制数', '基础_编制数', '编制数'],
      ['sum.人员.在职人数', '在职人数', '基础_在职人数', '年末实有在职人数'],
    ] as Array<[string, string, string, string]>
  ).map(([id, key, name, colLabel]) =>
    decl(
      id,
      `基础数据表${label(name)}与机构人员情况表各单位${colLabel}之和`,
      '合计',
      [name, '人员情况表'],
      (ctx) => {
        const rows = ctx.model.table('人员情况表').rows as Row[];
        const parts = rows.map((r) =>
          cellTerm(
            '人员情况表',
            '机构人员情况表',
            r,
            textOf(r, '单位') || `第${r.index + 1}行`,
            key,
            colLabel,
            'count'
          )
        );
        if (!hasAny(parts)) return [];
        return [
          {
            type: 'comparison',
            relation: '=',
            left: [ctx.term(name)],
            right: parts,
            statement: `${label(name)} = 各单位${colLabel}之和`,
          },
        ];
      },
      // Which side is wrong the tables cannot tell: the 编制 approval or the staff roll at the year's end does.
      {
        nextStep: `对照${key === '编制数' ? '编制批复文件' : '年末人员花名册'}，改正基础数据表${label(name)}或机构人员情况表各单位${colLabel}。`,
      }
    )
  ),

  // ---- 平衡: 年初结转结余 + 收入 − 支出 = 年末结转结余.
  decl(
    'balance.部门',
    '部门年末结转和结余与年初结转和结余加本年收入减本年支出',
    '平衡',
    [
      '收入_年初结转和结余',
      '收入_本年收入合计',
      '收入_使用非财政拨款结余',
      '支出_本年支出合计',
      '支出_结余分配',
      '支出_年末结转和结余',
    ],
    (ctx) => [
      {
        type: 'comparison',
        relation: '=',
        left: [ctx.term('支出_年末结转和结余')],
        right: [
          ctx.term('收入_年初结转和结余'),
          ctx.term('收入_本年收入合计'),
          ctx.term('收入_使用非财政拨款结余'),
          ctx.term('支出_本年支出合计', -1),
          ctx.term('支出_结余分配', -1),
        ],
        statement:
          '年末结转和结余 = 年初结转和结余 + 本年收入合计 + 使用非财政拨款结余 − 本年支出合计 − 结余分配',
      },
    ]
  ),
  balance(
    'balance.一般公共预算',
    '收支总表一般公共预算财政拨款',
    '结转_一般公共预算_年初',
    ['收入_一般公共预算财政拨款'],
    ['支出_一般公共预算财政拨款'],
    '结转_一般公共预算_年末'
  ),
  ...(
    [
      ['balance.财拨.基本', '基本', '基本支出'],
      ['balance.财拨.项目', '项目', '项目支出'],
      ['balance.财拨.合计', '合计', '合计'],
    ] as const
  ).map(([id, c, l]) =>
    balance(
      id,
      `财政拨款（${l}）`,
      `财拨_年初结转结余_${c}`,
      [`财拨_本年收入_${c}`],
      [`财拨_本年支出_${c}`],
      `财拨_年末结转结余_${c}`
    )
  ),
  balance(
    'balance.其他资金',
    '其他资金',
    '其他_年初结转',
    ['其他_本年收入'],
    ['其他_本年支出'],
    '其他_年末结转'
  ),

  // ---- 一致: one quantity stated in several places (each pair once).
  same(
    'same.财拨收入',
    '收支总表与财政拨款表的一般公共预算财政拨款收入',
    '财拨_本年收入_合计',
    '收入_一般公共预算财政拨款'
  ),
  same(
    'same.财拨收入与调整后预算',
    '一般公共预算财政拨款收入与调整后预算',
    '财拨_调整后预算_合计',
    '收入_一般公共预算财政拨款',
    {
      family: '口径',
      nextStep:
        '财政拨款收入通常等于调整后预算；两者不同时核对预算调整文件，确有原因的在“出错说明”表中说明。',
    }
  ),
  same(
    'same.财拨支出',
    '收支总表与财政拨款表的一般公共预算财政拨款支出',
    '财拨_本年支出_合计',
    '支出_一般公共预算财政拨款'
  ),
  same(
    'same.财拨年初结转',
    '收支总表与财政拨款表的一般公共预算年初结转结余',
    '财拨_年初结转结余_合计',
    '结转_一般公共预算_年初'
  ),
  same(
    'same.财拨年末结转',
    '收支总表与财政拨款表的一般公共预算年末结转结余',
    '财拨_年末结转结余_合计',
    '结转_一般公共预算_年末'
  ),
  same(
    'same.其他资金年初结转',
    '收支总表与其他资金表的其他资金年初结转结余',
    '其他_年初结转',
    '结转_其他资金_年初'
  ),
  same(
    'same.其他资金年末结转',
    '收支总表与其他资金表的其他资金年末结转结余',
    '其他_年末结转',
    '结转_其他资金_年末'
  ),
  same('same.年初结转结余', '收支总表两处年初结转和结余', '结转_合计_年初', '收入_年初结转和结余'),
  same('same.年末结转结余', '收支总表两处年末结转和结余', '结转_合计_年末', '支出_年末结转和结余'),
  same(
    'same.预算完成上年结转',
    '基础数据表中计算预算完成率的上年结转与收支总表年初结转和结余',
    '基础_预算完成_上年结转',
    '收入_年初结转和结余'
  ),
  same(
    'same.预算完成年末结余',
    '基础数据表预算完成率与结转结余变动率所用的年末结转结余',
    '基础_预算完成_年末结余',
    '基础_结转结余_本年'
  ),
  // The 湖南 formula's 年末结余 is 财决01's 年末结转和结余 row (docs/domain.md §1.3), as its 上年结转 is the 年初 row.
  same(
    'same.预算完成年末结余.收支总表',
    '基础数据表中计算预算完成率的年末结余与收支总表年末结转和结余',
    '基础_预算完成_年末结余',
    '支出_年末结转和结余'
  ),
  same(
    'same.基础年末结转结余',
    '基础数据表本年度累计结转结余与一般公共预算、其他资金年末结转结余之和',
    '基础_结转结余_本年',
    ['财拨_年末结转结余_合计', '其他_年末结转']
  ),
  same('same.财拨基本支出', '财政拨款表支出明细与收支部分的基本支出', '财拨_基本支出', '财拨_本年支出_基本'),
  same('same.财拨项目支出', '财政拨款表支出明细与收支部分的项目支出', '财拨_项目支出', '财拨_本年支出_项目'),
  same(
    'same.项目决算合计',
    '项目支出明细表合计决算数与财政拨款项目支出',
    '项目_合计_决算数',
    '财拨_项目支出'
  ),
  same(
    'same.项目年初预算',
    '项目支出明细表合计年初预算与财政拨款表项目年初批复预算',
    '项目_合计_年初预算',
    '财拨_年初预算_项目'
  ),
  same(
    'same.项目年中追加',
    '项目支出明细表合计年中追加与财政拨款表项目年中追加',
    '项目_合计_年中追加',
    '财拨_年中追加_项目'
  ),
  same(
    'same.项目预算总额',
    '项目支出明细表合计预算总额与财政拨款表项目调整后预算',
    '项目_合计_预算总额',
    '财拨_调整后预算_项目'
  ),
  same(
    'same.公用经费决算',
    '基础数据表公用经费决算数与财政拨款表日常公用经费',
    '基础_公用经费决算',
    '财拨_公用经费',
    { family: '口径', nextStep: '两处口径应相同；如基础数据表按全部资金计，在“出错说明”表中说明口径。' }
  ),
  same(
    'same.预算完成年初预算',
    '基础数据表中计算预算完成率的年初预算与财政拨款表年初批复预算',
    '基础_预算完成_年初预算',
    '财拨_年初预算_合计',
    { family: '口径', nextStep: '核对预算批复文件；口径不同（如含其他资金）的，在“出错说明”表中说明。' }
  ),
  same(
    'same.预算完成本年追加',
    '基础数据表中计算预算完成率的本年追加预算与财政拨款表年中追加',
    '基础_预算完成_本年追加',
    '财拨_年中追加_合计',
    { family: '口径', nextStep: '核对预算调整文件；口径不同的，在“出错说明”表中说明。' }
  ),
  same(
    'same.预算调整年初预算',
    '基础数据表中计算预算调整率的年初批复预算与财政拨款表年初批复预算',
    '基础_预算调整_年初预算',
    '财拨_年初预算_合计',
    { family: '口径', nextStep: '核对预算批复文件；口径不同的，在“出错说明”表中说明。' }
  ),
  same(
    'same.预算调整调整数',
    '基础数据表中计算预算调整率的年中调整数与财政拨款表年中追加',
    '基础_预算调整_调整数',
    '财拨_年中追加_合计',
    { family: '口径', nextStep: '核对预算调整文件；口径不同的，在“出错说明”表中说明。' }
  ),

  // ---- 衔接: this year's 年初 = last year's 年末.
  same('carry.结转结余', '年初结转和结余与上年年末数', '基础_结转结余_上年', '收入_年初结转和结余', {
    family: '衔接',
  }),

  // ---- 部分: part ≤ whole.
  ...(
    [
      ['part.财拨_工资福利支出', '财拨_工资福利支出', '支出_工资福利支出'],
      ['part.财拨_商品和服务支出', '财拨_商品和服务支出', '支出_商品和服务支出'],
      ['part.财拨_对个人和家庭的补助', '财拨_对个人和家庭的补助', '支出_对个人和家庭的补助'],
      ['part.财拨_资本性支出', '财拨_资本性支出', '支出_资本性支出'],
      ['part.财拨_人员经费', '财拨_人员经费', '支出_人员经费'],
      ['part.财拨_公用经费', '财拨_公用经费', '支出_公用经费'],
      ['part.财拨_基本支出', '财拨_基本支出', '支出_基本支出'],
      ['part.财拨_项目支出', '财拨_项目支出', '支出_项目支出'],
      ['part.其他_公用经费', '其他_公用经费', '支出_公用经费'],
      ['part.其他_项目支出', '其他_项目支出', '支出_项目支出'],
      ['part.其他_本年支出', '其他_本年支出', '支出_本年支出合计'],
    ] as Array<[string, string, string]>
  ).map(([id, part, whole]) =>
    atMost(
      id,
      {
        subject: `${fund(part)}${bare(part)}与部门${bare(whole)}`,
        title: `${fund(part)}${bare(part)}超过部门${bare(whole)}`,
      },
      [part],
      whole
    )
  ),
  atMost(
    'part.其他资金明细',
    {
      subject: '其他资金日常公用经费、项目支出之和与其他资金本年支出',
      title: '其他资金日常公用经费与项目支出之和超过其他资金本年支出',
    },
    ['其他_公用经费', '其他_项目支出'],
    '其他_本年支出'
  ),
  // The 基础数据表's 公用经费 其中 lines (办公经费, 水费、电费、差旅费, 会议费、培训费), column by column.
  ...(
    [
      ['part.基础公用.上年决算', '上年决算', '基础_公用经费上年决算'],
      ['part.基础公用.本年预算', '本年预算', '基础_公用经费预算'],
      ['part.基础公用.本年决算', '本年决算', '基础_公用经费决算'],
    ] as const
  ).map(([id, c, whole]) =>
    atMost(
      id,
      {
        subject: `基础数据表公用经费其中各项（${c}数）之和与${label(whole)}`,
        title: `基础数据表公用经费其中各项之和超过${label(whole)}`,
      },
      BASIC_OFFICE_LINES.map(([k]) => `基础_公用_${k}_${c}`),
      whole
    )
  ),

  // ---- 合计: whole = 财政拨款 part + 其他资金 part (a report that counts all other funds as 项目 while
  // saying part of them was 公用经费 passes every part ≤ whole, and fails here).
  total('sum.资金来源.项目支出', '部门项目支出与财政拨款、其他资金项目支出之和', '支出_项目支出', [
    '财拨_项目支出',
    '其他_项目支出',
  ]),
  total('sum.资金来源.公用经费', '部门日常公用经费与财政拨款、其他资金日常公用经费之和', '支出_公用经费', [
    '财拨_公用经费',
    '其他_公用经费',
  ]),
  // 其他资金 states no 基本支出 or 人员经费 of its own: they are what is left of its 本年支出. 财政拨款 is spent
  // only as 基本 or 项目 (财决08), so 上缴上级、经营、对附属单位补助支出 are all 其他资金 too.
  decl(
    'sum.资金来源.基本支出',
    '部门基本支出与财政拨款、其他资金基本支出之和',
    '合计',
    ['支出_基本支出', '财拨_基本支出', '其他_本年支出', '其他_项目支出', ...财拨以外支出性质],
    (ctx) => [
      {
        type: 'comparison',
        relation: '=',
        left: [ctx.term('支出_基本支出')],
        right: [ctx.term('财拨_基本支出'), ...otherFundsBasic(ctx)],
        statement: `收支总表·基本支出 = 财政拨款表·基本支出 + （${OTHER_FUNDS_BASIC}）`,
      },
    ]
  ),
  // 人员经费 likewise (财决08-1 / 公开06 for the 财政拨款 part): the department's 人员经费 = the 财政拨款 人员经费
  // + the 其他资金 基本支出 less its 日常公用经费 (R8: 基本支出 = 人员经费 + 公用经费, in each fund).
  decl(
    'sum.资金来源.人员经费',
    '部门人员经费与财政拨款、其他资金人员经费之和',
    '合计',
    [
      '支出_人员经费',
      '财拨_人员经费',
      '其他_本年支出',
      '其他_项目支出',
      ...财拨以外支出性质,
      '其他_公用经费',
    ],
    (ctx) => [
      {
        type: 'comparison',
        relation: '=',
        left: [ctx.term('支出_人员经费')],
        right: [ctx.term('财拨_人员经费'), ...otherFundsBasic(ctx), ctx.term('其他_公用经费', -1)],
        statement: `收支总表·人员经费 = 财政拨款表·人员经费 + （${OTHER_FUNDS_BASIC} − 其他资金表·日常公用经费）`,
      },
    ],
    {
      nextStep:
        '部门人员经费减去财政拨款人员经费，应等于其他资金的人员经费（其他资金本年支出中不属项目支出、日常公用经费的部分）：对照部门决算原表（基本支出决算表）核对这几个数，改正填错的数。',
    }
  ),

  // Each 经济分类 line likewise: the department's line = its 财政拨款 part + its 其他资金 part, once the
  // 其他资金 part is stated (without it, part.资金来源.* below bounds the line).
  ...(
    [
      ['sum.资金来源.工资福利支出', '工资福利支出'],
      ['sum.资金来源.商品和服务支出', '商品和服务支出'],
      ['sum.资金来源.对个人和家庭的补助', '对个人和家庭的补助'],
      ['sum.资金来源.资本性支出', '资本性支出'],
    ] as const
  ).map(([id, line]) =>
    decl(
      id,
      `部门${line}与财政拨款、其他资金${line}之和`,
      '合计',
      [`支出_${line}`, `财拨_${line}`, `其他_${line}`],
      (ctx) =>
        ctx.operand(`其他_${line}`).value === null
          ? []
          : [
              {
                type: 'comparison',
                relation: '=',
                left: [ctx.term(`支出_${line}`)],
                right: [ctx.term(`财拨_${line}`), ctx.term(`其他_${line}`)],
                statement: `${placed(`支出_${line}`)} = ${placed(`财拨_${line}`)} + ${placed(`其他_${line}`)}`,
              },
            ]
    )
  ),

  // ---- 部分: a department's 经济分类 line is its 财政拨款 part plus its 其他资金 part, and that part is at most
  // all the 其他资金 spent (其他资金本年支出): line ≤ 财政拨款 line + 其他资金本年支出, whether or not the
  // 其他资金 line is stated.
  ...(
    [
      ['part.资金来源.工资福利支出', '工资福利支出'],
      ['part.资金来源.商品和服务支出', '商品和服务支出'],
      ['part.资金来源.对个人和家庭的补助', '对个人和家庭的补助'],
      ['part.资金来源.资本性支出', '资本性支出'],
    ] as const
  ).map(([id, line]) =>
    atMost(
      id,
      {
        subject: `部门${line}与财政拨款${line}、其他资金本年支出之和`,
        title: `部门${line}超过财政拨款${line}与其他资金本年支出之和`,
      },
      [`支出_${line}`],
      [`财拨_${line}`, '其他_本年支出'],
      {
        nextStep: `部门${line}减去财政拨款${line}是其他资金的${line}，不能超过其他资金本年支出：对照部门决算原表（收支总表按经济分类、一般公共预算财政拨款支出决算明细表）核对这三个数，改正填错的数。`,
      }
    )
  ),

  // ---- 部分: 经济分类 against 支出性质 (财决05-1 / 08-1: 人员经费 is the 基本支出's 301 + 303, 公用经费 its 302, 310…).
  // The 经济分类 lines cover all spending, so 人员经费 is at most 工资福利 + 对个人和家庭的补助, and 商品和服务支出
  // (302 in 基本 within 公用经费, the rest in 项目 or outside 基本 and 项目) at most 公用经费 + 项目 + the others.
  atMost(
    'part.支出性质.人员经费',
    {
      subject: '部门人员经费与工资福利支出、对个人和家庭的补助之和',
      title: '部门人员经费超过工资福利支出与对个人和家庭的补助之和',
    },
    ['支出_人员经费'],
    ['支出_工资福利支出', '支出_对个人和家庭的补助'],
    {
      nextStep:
        '人员经费是基本支出中的工资福利支出和对个人和家庭的补助，不能超过这两项的全年数：对照部门决算原表（基本支出决算表、收支总表按经济分类）核对，改正填错的数。',
    }
  ),
  atMost(
    'part.支出性质.商品和服务支出',
    {
      subject: '部门商品和服务支出与日常公用经费、项目支出及上缴上级、经营、对附属单位补助支出之和',
      title: '部门商品和服务支出超过日常公用经费、项目支出等之和',
    },
    ['支出_商品和服务支出'],
    ['支出_公用经费', '支出_项目支出', ...财拨以外支出性质],
    {
      nextStep:
        '基本支出中的商品和服务支出计入日常公用经费，其余只能在项目支出等中：对照部门决算原表（收支总表按支出性质、按经济分类）核对，改正填错的数。',
    }
  ),
  atMost(
    'part.支出性质.财拨商品和服务支出',
    {
      subject: '财政拨款商品和服务支出与财政拨款日常公用经费、项目支出之和',
      title: '财政拨款商品和服务支出超过财政拨款日常公用经费与项目支出之和',
    },
    ['财拨_商品和服务支出'],
    ['财拨_公用经费', '财拨_项目支出'],
    {
      nextStep:
        '基本支出中的商品和服务支出计入日常公用经费，其余只能在项目支出中：对照一般公共预算财政拨款支出决算明细表核对，改正填错的数。',
    }
  ),

  // ---- 合计: the 财政拨款 subtotal (公开02 / 公开04) and 本年收入合计 through it.
  total(
    'sum.财政拨款收入小计',
    '财政拨款收入小计与一般公共预算、政府性基金、国有资本经营预算财政拨款收入之和',
    '收入_财政拨款小计',
    ['收入_一般公共预算财政拨款', '收入_政府性基金预算财政拨款', '收入_国有资本经营预算财政拨款']
  ),
  total(
    'sum.财政拨款支出小计',
    '财政拨款支出小计与一般公共预算、政府性基金、国有资本经营预算财政拨款支出之和',
    '支出_财政拨款小计',
    ['支出_一般公共预算财政拨款', '支出_政府性基金预算财政拨款', '支出_国有资本经营预算财政拨款']
  ),
  // Only where the subtotal is given (收入决算表 has it and no split); otherwise sum.本年收入合计 decides.
  decl(
    'sum.本年收入合计.财政拨款小计',
    '本年收入合计与财政拨款收入小计、其他各项收入之和',
    '合计',
    ['收入_本年收入合计', '收入_财政拨款小计', ...收入来源.filter((n) => !/财政拨款$/.test(n))],
    (ctx) => {
      if (ctx.operand('收入_财政拨款小计').value === null) return [];
      const parts = ['收入_财政拨款小计', ...收入来源.filter((n) => !/财政拨款$/.test(n))];
      return [
        {
          type: 'comparison',
          relation: '=',
          left: [ctx.term('收入_本年收入合计')],
          right: parts.map((n) => ctx.term(n)),
          statement: `${ctx.operand('收入_本年收入合计').label} = ${labels(ctx, parts)}`,
        },
      ];
    }
  ),

  // ---- 合计: 功能分类 lines given add up to the year's totals (a class left blank has none).
  ...(
    [
      ['sum.功能分类.收入', '收入', '收入_本年收入合计'],
      ['sum.功能分类.支出', '支出', '支出_本年支出合计'],
    ] as const
  ).map(([id, side, whole]) => {
    const lines = FUNCTION_CLASSES.map(([k]) => `功能_${k}_${side}`);
    return decl(id, `本年${side}合计与按功能分类各类${side}之和`, '合计', [whole, ...lines], (ctx) => {
      const given = lines.filter((n) => ctx.operand(n).value !== null);
      return [
        {
          type: 'comparison',
          relation: '=',
          left: [ctx.term(whole)],
          right: (given.length ? given : lines).map((n) => ctx.term(n)),
          statement: `${ctx.operand(whole).label} = 所填各功能分类${side}之和`,
        },
      ];
    });
  }),

  // ---- 合计 / 一致: the 类、款、项 lines of 公开02 / 公开03 (功能分类明细表).
  ...FUNCTION_LINE_SIDES.flatMap(({ table, title, amount, side, whole }) => {
    const [sums, classes, totalId] =
      side === '收入'
        ? ['sum.功能明细.收入', 'same.功能明细类.收入', 'sum.功能明细合计.收入']
        : ['sum.功能明细.支出', 'same.功能明细类.支出', 'sum.功能明细合计.支出'];
    return [
      functionLineSums(sums, table, title, amount),
      functionLineClasses(classes, table, title, side, amount),
      functionLineTotal(totalId, table, title, side, whole, amount),
    ];
  }),

  // ---- 合计 / 部分: 公务接待费 told as 国内 + 国（境）外, 外事 part of 国内 (财决附01, 公开07 printed down).
  ...(
    [
      ['sum.三公接待.本年预算', '本年预算'],
      ['sum.三公接待.本年决算', '本年决算'],
    ] as const
  ).map(([id, c]) =>
    decl(
      id,
      `公务接待费（${c}数）与国内、国（境）外接待费之和`,
      '合计',
      [`三公_公务接待_${c}`, `三公_国内接待_${c}`, `三公_国外接待_${c}`],
      (ctx) => {
        const parts = [`三公_国内接待_${c}`, `三公_国外接待_${c}`];
        // Most tables do not split the column: only a split that is given is added up.
        if (parts.every((n) => ctx.operand(n).value === null)) return [];
        return [
          {
            type: 'comparison',
            relation: '=',
            left: [ctx.term(`三公_公务接待_${c}`)],
            right: parts.map((n) => ctx.term(n)),
            statement: `${ctx.operand(`三公_公务接待_${c}`).label} = ${labels(ctx, parts)}`,
          },
        ];
      }
    )
  ),
  // 外事 is a “其中” of 国内, in money and in 人次. (批次 too, but the one formatter writes counts in 人: see
  // src/core/render/quantity.ts; a 批次 finding would read “5 人”.)
  ...(
    [
      ['part.三公外事.本年预算', '本年预算', '接待费本年预算数'],
      ['part.三公外事.本年决算', '本年决算', '接待费本年决算数'],
      ['part.三公外事.人次', '人次', '接待人次'],
    ] as const
  ).map(([id, c, words]) =>
    atMost(
      id,
      { subject: `外事${words}与国内公务${words}`, title: `外事${words}超过国内公务${words}` },
      [`三公_外事接待_${c}`],
      `三公_国内接待_${c}`
    )
  ),

  // ---- 平衡 / 部分: 政府性基金 (公开08) and 国有资本经营 (公开09) 结转和结余.
  ...(
    [
      ['balance.政府性基金', '政府性基金', '政府性基金预算财政拨款'],
      ['balance.国有资本经营', '国有资本经营', '国有资本经营预算财政拨款'],
    ] as const
  ).map(([id, k, words]) => {
    const opening = `其他_${k}_年初结转`;
    const closing = `其他_${k}_年末结转`;
    const income = `收入_${k}预算财政拨款`;
    const spending = `支出_${k}预算财政拨款`;
    return decl(
      id,
      `${words}年末结转和结余与年初结转和结余加本年收入减本年支出`,
      '平衡',
      [opening, income, spending, closing],
      (ctx) =>
        // A department without these funds gives neither 结转 figure: its income and spending are not balanced here.
        ctx.operand(opening).value === null && ctx.operand(closing).value === null
          ? []
          : [
              {
                type: 'comparison',
                relation: '=',
                left: [ctx.term(closing)],
                right: [ctx.term(opening), ctx.term(income), ctx.term(spending, -1)],
                statement: `${placed(closing)} = ${placed(opening)} + ${placed(income)} − ${placed(spending)}`,
              },
            ]
    );
  }),
  ...(
    [
      ['part.其他资金结转.年初', '年初', '其他_年初结转'],
      ['part.其他资金结转.年末', '年末', '其他_年末结转'],
    ] as const
  ).map(([id, when, whole]) =>
    atMost(
      id,
      {
        subject: `政府性基金、国有资本经营预算财政拨款${when}结转和结余之和与其他资金${when}结转和结余`,
        title: `政府性基金、国有资本经营预算财政拨款${when}结转和结余之和超过其他资金${when}结转和结余`,
      },
      [`其他_政府性基金_${when}结转`, `其他_国有资本经营_${when}结转`],
      whole
    )
  ),

  // ---- 预算: 决算 ≤ 预算 on every line that has both (提示, with the amount and the percentage).
  // One per 公用经费 item of OFFICE_COST_ITEMS (checkIndex.test keeps the two lists in step).
  ...(
    [
      ['budget.公用.办公费', '办公费'],
      ['budget.公用.印刷费', '印刷费'],
      ['budget.公用.水费', '水费'],
      ['budget.公用.电费', '电费'],
      ['budget.公用.邮电费', '邮电费'],
      ['budget.公用.物业管理费', '物业管理费'],
      ['budget.公用.差旅费', '差旅费'],
      ['budget.公用.维修费', '维修费'],
      ['budget.公用.会议费', '会议费'],
      ['budget.公用.培训费', '培训费'],
      ['budget.公用.公务接待费', '公务接待费'],
      ['budget.公用.劳务费', '劳务费'],
      ['budget.公用.工会经费', '工会经费'],
      ['budget.公用.福利费', '福利费'],
      ['budget.公用.公务用车运行维护费', '公务用车运行维护费'],
      ['budget.公用.其他交通费用', '其他交通费用'],
      ['budget.公用.其他商品和服务支出', '其他商品和服务支出'],
    ] as const
  ).map(([id, k]) => overBudget(id, `公用经费${k}决算`, `公用_${k}_本年决算`, `公用_${k}_本年预算`)),
  overBudget('budget.公用经费', '公用经费决算', '基础_公用经费决算', '基础_公用经费预算'),
  // The 基础数据表's own 公用经费 lines (BASIC_OFFICE_LINES; checkIndex.test keeps the two lists in step).
  ...(
    [
      ['budget.基础公用.办公经费', '办公经费'],
      ['budget.基础公用.水电差旅', '水电差旅'],
      ['budget.基础公用.会议培训', '会议培训'],
    ] as const
  ).map(([id, k]) =>
    overBudget(
      id,
      `基础数据表${BASIC_OFFICE_LINES.find(([key]) => key === k)?.[1] ?? k}决算`,
      `基础_公用_${k}_本年决算`,
      `基础_公用_${k}_本年预算`
    )
  ),
  overBudget('budget.项目支出', '项目支出决算（对预算总额与年初项目结转结余之和）', '项目_合计_决算数', [
    '项目_合计_预算总额',
    '财拨_年初结转结余_项目',
  ]),
  overBudget('budget.政府采购', '实际政府采购金额', '基础_政府采购实际', '基础_政府采购预算'),

  // ---- 预算: 三公 决算 ≤ 预算 (提示).
  ...(
    [
      ['budget.三公.因公出国', '因公出国'],
      ['budget.三公.公务接待', '公务接待'],
      ['budget.三公.公务用车', '公务用车'],
      ['budget.三公.公务用车购置', '公务用车购置'],
      ['budget.三公.公务用车运行', '公务用车运行'],
      ['budget.三公.合计', '合计'],
    ] as const
  ).map(([id, r]) =>
    overBudget(
      id,
      `${[...SANGONG_ITEMS, ...SANGONG_CAR_PARTS].find(([k]) => k === r)?.[1].replace(/^其中：/, '') ?? '“三公”经费合计'}决算`,
      `三公_${r}_本年决算`,
      `三公_${r}_本年预算`
    )
  ),

  // ---- 比率: stated rates vs their recomputation.
  ...STATED_RATES.map(([id, stated, indicator]) => statedRate(id, stated, indicator)),
  三公变动率('rate.三公增长率.因公出国', '因公出国', 三公增长),
  三公变动率('rate.三公增长率.公务接待', '公务接待', 三公增长),
  三公变动率('rate.三公增长率.公务用车', '公务用车', 三公增长),
  三公变动率('rate.三公增长率.合计', '合计', 三公增长),
  // 预算比上年决算: the rate and the amount a 预算说明 states (“减少 0.8 万元，下降 16%”), each recomputed.
  三公变动率('rate.三公预算比上年决算.因公出国', '因公出国', 三公预算比上年决算),
  三公变动率('rate.三公预算比上年决算.公务接待', '公务接待', 三公预算比上年决算),
  三公变动率('rate.三公预算比上年决算.公务用车', '公务用车', 三公预算比上年决算),
  三公变动率('rate.三公预算比上年决算.合计', '合计', 三公预算比上年决算),
  三公变动额('rate.三公预算比上年决算额.因公出国', '因公出国', 三公预算比上年决算),
  三公变动额('rate.三公预算比上年决算额.公务接待', '公务接待', 三公预算比上年决算),
  三公变动额('rate.三公预算比上年决算额.公务用车', '公务用车', 三公预算比上年决算),
  三公变动额('rate.三公预算比上年决算额.合计', '合计', 三公预算比上年决算),

  // ---- 评分: a claimed score the rulebook contradicts.
  decl('score', '自评得分与按评分规则计得的得分', '评分', ['自评得分表'], (ctx) => scoreOutcomes(ctx), {
    severityNote: '自评低于规则计得的为提示',
    readsScores: true,
  }),
];

function scoreOutcomes(ctx: CheckContext): Outcome[] {
  const sheet = ctx.scores;
  if (!sheet) return [];
  const rows = ctx.model.table('自评得分表').rows as Row[];
  const claimCell = (name: string, claimed: Decimal): Term => {
    const r = rows.find((x) => textOf(x, '指标') === name);
    return {
      operand: {
        name: `自评得分表[${name}].自评得分`,
        label: `“${name}”自评得分`,
        value: claimed,
        address: r?.cells['自评得分']?.address,
        kind: 'score',
      },
      sign: 1,
      kind: 'score',
    };
  };
  const out: Outcome[] = [];
  const compare = (
    key: string,
    name: string,
    claimed: Decimal,
    score: Decimal,
    context: Operand[],
    detail: string,
    follows: string[]
  ): void => {
    const term = claimCell(name, claimed);
    out.push({
      type: 'comparison',
      key,
      title: `“${name}”自评 ${ctx.quantity(claimed, 'score')}，按评分规则计 ${ctx.quantity(score, 'score')}`,
      relation: '=',
      left: [term],
      right: [],
      rightValue: score,
      statement: `“${name}”自评得分 = 按评分规则计得的得分${detail}`,
      tolerance: ctx.decimal('0.005'),
      context,
      suspects: [term.operand],
      // Claiming more than the rules give must be fixed; claiming less may be explained.
      severity: claimed.greaterThan(score) ? '错误' : '提示',
      follows,
    });
  };
  /**
   * A claim over lines some of which are 待核实 is contradicted only when it exceeds what the verified
   * points plus every pending point allow (or falls below the verified points); within that range it
   * is unverified, not wrong.
   */
  const compareUpTo = (
    key: string,
    name: string,
    claimed: Decimal,
    verified: Decimal,
    pending: Decimal | undefined,
    detail: string,
    follows: string[],
    lines: readonly ScoreLine[]
  ): void => {
    if (!pending || pending.isZero() || claimed.lessThan(verified))
      return compare(key, name, claimed, verified, [], detail, follows);
    // A pending line counts at the most any reading of its questioned figures gives it (ScoreLine.most).
    const most = ctx.ceiling(lines);
    const upTo = most.minus(verified);
    if (!claimed.greaterThan(most)) return;
    const term = claimCell(name, claimed);
    out.push({
      type: 'comparison',
      key,
      title: `“${name}”自评 ${ctx.quantity(claimed, 'score')}，按评分规则最多 ${ctx.quantity(most, 'score')}`,
      relation: '≤',
      left: [term],
      right: [],
      rightValue: most,
      statement: `“${name}”自评得分 ≤ 核实得分 ${verified.toFixed(2)} 分 + ${upTo.eq(pending) ? `待核实分值 ${pending.toFixed(2)} 分` : `待核实分值 ${pending.toFixed(2)} 分中至多可得 ${upTo.toFixed(2)} 分`}${detail}`,
      tolerance: ctx.decimal('0.005'),
      suspects: [term.operand],
      severity: '错误',
      follows,
    });
  };
  // A wrong 三级 score makes its 二级, 一级 and the total wrong too: those nest under it.
  for (const line of sheet.lines) {
    if (line.claimed === undefined) continue;
    if (line.missing) {
      // A 待核实 line's own claim above the most any reading gives it is wrong whichever figure is right.
      compareUpTo(
        `三级.${line.level3}`,
        line.level3,
        line.claimed,
        ctx.decimal(0),
        line.points,
        `（满分 ${line.points.toString()} 分）`,
        [],
        [line]
      );
      continue;
    }
    const ind = line.indicator ? ctx.indicator(line.indicator) : undefined;
    const detail = line.indicatorValue
      ? `（指标值 ${ctx.percent(line.indicatorValue)}，评分标准：${line.standard}）`
      : `（评分标准：${line.standard}）`;
    compare(`三级.${line.level3}`, line.level3, line.claimed, line.score, ind?.operands ?? [], detail, []);
  }
  for (const g of sheet.groups) {
    if (g.claimed === undefined) continue;
    const follows =
      g.level === 2
        ? sheet.lines.filter((l) => l.level2 === g.name).map((l) => `三级.${l.level3}`)
        : [
            ...sheet.groups.filter((x) => x.level === 2 && x.parent === g.name).map((x) => `二级.${x.name}`),
            ...sheet.lines.filter((l) => l.level1 === g.name).map((l) => `三级.${l.level3}`),
          ];
    compareUpTo(
      `${g.level === 1 ? '一级' : '二级'}.${g.name}`,
      g.name,
      g.claimed,
      g.score,
      g.pending,
      `（满分 ${g.points.toString()} 分）`,
      follows,
      sheet.lines.filter((l) =>
        g.level === 1 ? l.level1 === g.name : l.level1 === g.parent && l.level2 === g.name
      )
    );
  }
  if (sheet.claimedTotal !== undefined)
    compareUpTo(
      '总分',
      '总分',
      sheet.claimedTotal,
      sheet.total,
      sheet.pendingPoints,
      `（满分 ${sheet.points.toString()} 分）`,
      [
        ...sheet.groups.filter((g) => g.level === 1).map((g) => `一级.${g.name}`),
        ...sheet.groups.filter((g) => g.level === 2).map((g) => `二级.${g.name}`),
      ],
      sheet.lines
    );
  return out;
}
