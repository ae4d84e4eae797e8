/**
 * The indicator catalogue: one declaration per ratio of the framework (财预〔2013〕53号 附件2 and
 * the 湖南 variants, docs/domain.md §1.2–1.3). Each says its formula in words, the named inputs it
 * reads, how to compute it exactly, and the live Excel formula over the same names.
 *
 * Values are percentage points. A missing input or a zero denominator gives `value: null` and an
 * `unavailable` reason naming the input and its cell, never NaN or Infinity.
 */
import type Decimal from 'decimal.js';
import { D, HUNDRED, ZERO, sum } from '../core/decimal';
import type { Variants } from '../core/indicators';
import type { Model } from '../core/model';
import type { IndicatorResult, Operand } from '../core/results';
import { INPUT_BY_NAME } from './inputs';

export interface IndicatorDecl {
  /** Stable id, the Chinese name. */
  id: string;
  label: string;
  /** Every named input the indicator may read (all variants). */
  inputs: string[];
  compute(model: Model, variants: Variants): IndicatorResult;
}

// ------------------------------------------------------------------ helpers

function labelOf(name: string): string {
  return INPUT_BY_NAME.get(name)?.label ?? name;
}

/** Collects the operands of one computation and why any of them is unusable. */
class Inputs {
  readonly operands: Operand[] = [];
  readonly problems: string[] = [];
  constructor(private readonly m: Model) {}

  /** A number input; records a problem (naming the cell) when it is blank or unusable. */
  num(name: string, label = labelOf(name)): Decimal | null {
    const s = this.m.scalar(name);
    const value = this.m.num(name);
    this.operands.push({ name, label, value, address: s.address });
    if (value === null) this.problems.push(this.why(name, label, s.address, s.blank));
    return value;
  }

  /** A number input that may be blank (then it counts as 0, and says so). */
  optional(name: string, label = labelOf(name)): Decimal {
    const s = this.m.scalar(name);
    const value = this.m.num(name);
    this.operands.push({ name, label, value, address: s.address });
    if (value === null && !s.blank) this.problems.push(this.why(name, label, s.address, false));
    return value ?? ZERO;
  }

  /** A derived figure shown among the operands (counts from a table, sums). */
  derived(name: string, label: string, value: Decimal | null, address?: string): void {
    this.operands.push({ name, label, value, address });
  }

  private why(name: string, label: string, address: string | undefined, blank: boolean): string {
    if (!address) return `工作簿中找不到名称 ${name}（${label}）`;
    return blank ? `${label}（${address}）未填写` : `${label}（${address}）不是有效数字`;
  }
}

interface Ratio {
  id: string;
  label: string;
  formula: string;
  variant?: string;
  inputs: Inputs;
  numerator: Decimal | null;
  denominator: Decimal | null;
  /** What the denominator is, for the zero message, e.g. `编制数（基础数据!B6）`. */
  denominatorLabel: string;
  excelFormula?: string;
}

/** numerator ÷ denominator × 100, or the reason it cannot be computed. */
function ratio(r: Ratio): IndicatorResult {
  const base = { id: r.id, label: r.label, formula: r.formula, variant: r.variant, operands: r.inputs.operands };
  if (r.inputs.problems.length > 0 || r.numerator === null || r.denominator === null)
    return { ...base, value: null, unavailable: `${r.inputs.problems.join('；')}，无法计算` };
  if (r.denominator.isZero()) return { ...base, value: null, unavailable: `${r.denominatorLabel}为 0，无法计算` };
  return { ...base, value: r.numerator.div(r.denominator).times(HUNDRED), excelFormula: r.excelFormula };
}

function where(m: Model, name: string): string {
  const a = m.address(name);
  return a ? `${labelOf(name)}（${a}）` : labelOf(name);
}

/** `(a−b)/b`, the 变动率 shape. */
function change(
  id: string,
  formula: string,
  m: Model,
  thisYear: string,
  lastYear: string,
  variant?: string,
): IndicatorResult {
  const inputs = new Inputs(m);
  const cur = inputs.num(thisYear);
  const prev = inputs.num(lastYear);
  return ratio({
    id,
    label: id,
    formula,
    variant,
    inputs,
    numerator: cur && prev ? cur.minus(prev) : null,
    denominator: prev,
    denominatorLabel: where(m, lastYear),
    excelFormula: `(${thisYear}-${lastYear})/${lastYear}`,
  });
}

/** a ÷ b for two named inputs. */
function simple(id: string, formula: string, num: string, den: string): IndicatorDecl {
  return {
    id,
    label: id,
    inputs: [num, den],
    compute(m) {
      const inputs = new Inputs(m);
      const n = inputs.num(num);
      const d = inputs.num(den);
      return ratio({
        id,
        label: id,
        formula,
        inputs,
        numerator: n,
        denominator: d,
        denominatorLabel: where(m, den),
        excelFormula: `${num}/${den}`,
      });
    },
  };
}

// ------------------------------------------------------------------ 三公经费

const SANGONG_ITEMS = ['因公出国', '公务接待', '公务用车'] as const;
const SANGONG_CAR_PARTS = ['公务用车购置', '公务用车运行'] as const;

/** Names the 三公 total of one column reads: the 合计 row, else the items (公务用车 else its two parts). */
function sanGongNames(m: Model, column: string): string[] {
  const total = `三公_合计_${column}`;
  if (m.num(total) !== null) return [total];
  const names: string[] = [];
  for (const item of SANGONG_ITEMS) {
    const n = `三公_${item}_${column}`;
    if (item === '公务用车' && m.num(n) === null) {
      names.push(...SANGONG_CAR_PARTS.map((p) => `三公_${p}_${column}`).filter((p) => m.num(p) !== null));
    } else if (m.num(n) !== null) names.push(n);
  }
  return names.length > 0 ? names : [total];
}

/** The 三公 total of a column with its operands: the 合计 row, or the sum of the items when 合计 is blank. */
function sanGong(m: Model, inputs: Inputs, column: string, label: string): { value: Decimal | null; formula: string; label: string } {
  const names = sanGongNames(m, column);
  if (names.length === 1) {
    const value = inputs.num(names[0], `“三公”经费${label}`);
    return { value, formula: names[0], label: where(m, names[0]) };
  }
  const parts = names.map((n) => inputs.num(n));
  const value = sum(parts.map((p) => p ?? ZERO));
  const total = `三公_合计_${column}`;
  return {
    value,
    formula: `(${names.join('+')})`,
    label: `“三公”经费${label}（${m.address(total) ?? total} 合计未填，按各项之和）`,
  };
}

// ------------------------------------------------------------------ 产出任务表

type Flag = '是否完成' | '是否按时' | '是否达标' | '是否重点';
const TASK_COLUMN: Record<Flag, number> = { 是否完成: 3, 是否按时: 4, 是否达标: 5, 是否重点: 6 };

function isYes(row: { cells: Record<string, { value: unknown }> }, key: Flag): boolean {
  return row.cells[key]?.value === true;
}

/** A 产出 rate from the task table: rows meeting `count` ÷ rows meeting `base` (all rows when absent). */
function taskRate(id: string, formula: string, numLabel: string, denLabel: string, count: Flag[], base?: Flag): IndicatorDecl {
  return {
    id,
    label: id,
    inputs: ['产出任务表'],
    compute(m) {
      const t = m.table('产出任务表');
      const inputs = new Inputs(m);
      const rows = base ? t.rows.filter((r) => isYes(r, base)) : t.rows;
      const hits = rows.filter((r) => count.every((k) => isYes(r, k)));
      const den = new D(rows.length);
      inputs.derived('产出任务表', denLabel, den, t.address);
      inputs.derived('产出任务表', numLabel, new D(hits.length), t.address);
      const col = (k: Flag) => `INDEX(产出任务表,0,${TASK_COLUMN[k]})`;
      const crit = (ks: Flag[]) => ks.map((k) => `${col(k)},"是"`).join(',');
      const numF = count.length === 1 && !base ? `COUNTIF(${crit(count)})` : `COUNTIFS(${crit([...(base ? [base] : []), ...count])})`;
      const denF = base ? `COUNTIF(${crit([base])})` : `COUNTA(INDEX(产出任务表,0,1))`;
      if (!t.address)
        return { id, label: id, formula, operands: inputs.operands, value: null, unavailable: '工作簿中找不到名称 产出任务表（年度工作任务），无法计算' };
      if (den.isZero())
        return {
          id,
          label: id,
          formula,
          operands: inputs.operands,
          value: null,
          unavailable: base
            ? `产出任务表（${t.address}）中没有“是否重点或交办工作”为“是”的任务，${denLabel}为 0，无法计算`
            : `产出任务表（${t.address}）没有填写任何工作任务，${denLabel}为 0，无法计算`,
        };
      return ratio({
        id,
        label: id,
        formula,
        inputs,
        numerator: new D(hits.length),
        denominator: den,
        denominatorLabel: denLabel,
        excelFormula: `${numF}/${denF}`,
      });
    },
  };
}

// ------------------------------------------------------------------ the catalogue

export const INDICATORS: IndicatorDecl[] = [
  simple('在职人员控制率', '在职人员控制率 = 在职人员数 ÷ 编制数 × 100%', '基础_在职人数', '基础_编制数'),
  {
    id: '三公经费变动率',
    label: '“三公”经费变动率',
    inputs: ['三公_合计_本年预算', '三公_合计_上年预算', '三公_合计_本年决算', '三公_合计_上年决算'],
    compute(m, v) {
      const column = v.三公经费变动率 === '预算' ? ['本年预算', '上年预算'] : ['本年决算', '上年决算'];
      const what = v.三公经费变动率 === '预算' ? '预算数' : '决算数';
      const inputs = new Inputs(m);
      const cur = sanGong(m, inputs, column[0], `本年${what}`);
      const prev = sanGong(m, inputs, column[1], `上年${what}`);
      return ratio({
        id: this.id,
        label: this.label,
        formula: `“三公”经费变动率 =（本年度“三公”经费${what} − 上年度“三公”经费${what}）÷ 上年度“三公”经费${what} × 100%`,
        variant: v.三公经费变动率 === '预算' ? '预算对预算' : '决算对决算',
        inputs,
        numerator: cur.value && prev.value ? cur.value.minus(prev.value) : null,
        denominator: prev.value,
        denominatorLabel: prev.label,
        excelFormula: `(${cur.formula}-${prev.formula})/${prev.formula}`,
      });
    },
  },
  {
    id: '重点支出安排率',
    label: '重点支出安排率',
    inputs: ['基础_重点项目支出', '项目支出明细表', '项目_合计_预算总额'],
    compute(m) {
      const id = this.id;
      const formula = '重点支出安排率 = 重点项目支出 ÷ 项目总支出 × 100%';
      const inputs = new Inputs(m);
      const projects = m.table('项目支出明细表');
      let key: Decimal | null;
      let keyF = '基础_重点项目支出';
      if (m.num('基础_重点项目支出') !== null) key = inputs.num('基础_重点项目支出');
      else {
        // Top-level projects only: a sub-item's budget is already inside its parent's.
        const flagged = projects.rows.filter((r) => r.cells['重点项目']?.value === true && r.cells['上级项目']?.blank !== false);
        key = flagged.length > 0 ? sum(flagged.map((r) => (r.cells['预算总额']?.value as Decimal | null) ?? ZERO)) : null;
        inputs.derived('项目支出明细表', '重点项目支出（项目表中标为重点项目的一级项目预算总额合计）', key, projects.address);
        keyF = 'SUMIFS(INDEX(项目支出明细表,0,5),INDEX(项目支出明细表,0,7),"是",INDEX(项目支出明细表,0,2),"")';
        if (key === null)
          inputs.problems.push(
            `重点项目支出（${m.address('基础_重点项目支出') ?? '基础_重点项目支出'}）未填写，项目支出明细表${projects.address ? `（${projects.address}）` : ''}中也没有标为重点项目的项目`,
          );
      }
      const total = inputs.num('项目_合计_预算总额', '项目总支出（项目支出合计：预算总额）');
      return ratio({
        id,
        label: id,
        formula,
        inputs,
        numerator: key,
        denominator: total,
        denominatorLabel: where(m, '项目_合计_预算总额'),
        excelFormula: `${keyF}/项目_合计_预算总额`,
      });
    },
  },
  {
    id: '预算完成率',
    label: '预算完成率',
    inputs: ['基础_预算完成_上年结转', '基础_预算完成_年初预算', '基础_预算完成_本年追加', '基础_预算完成_年末结余', '基础_预算完成_完成数'],
    compute(m, v) {
      const inputs = new Inputs(m);
      if (v.预算完成率 === '湖南') {
        const carried = inputs.num('基础_预算完成_上年结转');
        const initial = inputs.num('基础_预算完成_年初预算');
        const added = inputs.num('基础_预算完成_本年追加');
        const left = inputs.num('基础_预算完成_年末结余');
        const available = carried && initial && added ? carried.plus(initial).plus(added) : null;
        const pool = '(基础_预算完成_上年结转+基础_预算完成_年初预算+基础_预算完成_本年追加)';
        return ratio({
          id: this.id,
          label: this.label,
          formula: '预算完成率 =（上年结转 + 年初预算 + 本年追加预算 − 年末结余）÷（上年结转 + 年初预算 + 本年追加预算）× 100%',
          variant: '湖南口径',
          inputs,
          numerator: available && left ? available.minus(left) : null,
          denominator: available,
          denominatorLabel: '上年结转 + 年初预算 + 本年追加预算',
          excelFormula: `(${pool}-基础_预算完成_年末结余)/${pool}`,
        });
      }
      const done = inputs.num('基础_预算完成_完成数');
      const initial = inputs.num('基础_预算完成_年初预算');
      const added = inputs.num('基础_预算完成_本年追加');
      return ratio({
        id: this.id,
        label: this.label,
        formula: '预算完成率 = 预算完成数 ÷ 预算数（年初预算 + 本年追加预算）× 100%',
        variant: '国家口径',
        inputs,
        numerator: done,
        denominator: initial && added ? initial.plus(added) : null,
        denominatorLabel: '预算数（年初预算 + 本年追加预算）',
        excelFormula: '基础_预算完成_完成数/(基础_预算完成_年初预算+基础_预算完成_本年追加)',
      });
    },
  },
  {
    id: '预算调整率',
    label: '预算调整率',
    inputs: ['基础_预算调整_年初预算', '基础_预算调整_调整数', '基础_预算调整_剔除数'],
    compute(m, v) {
      const inputs = new Inputs(m);
      const adjusted = inputs.num('基础_预算调整_调整数');
      if (v.预算调整率 === '国家') {
        // 剔除数 is a "其中" line: blank means no excluded adjustment.
        const excluded = inputs.optional('基础_预算调整_剔除数');
        const initial = inputs.num('基础_预算调整_年初预算');
        return ratio({
          id: this.id,
          label: '预算调整率',
          formula: '预算调整率 =（预算调整数 − 落实国家政策、不可抗力、上级交办的调整数）÷ 年初预算数 × 100%',
          variant: '国家口径（剔除政策性调整）',
          inputs,
          numerator: adjusted ? adjusted.minus(excluded) : null,
          denominator: initial,
          denominatorLabel: where(m, '基础_预算调整_年初预算'),
          excelFormula: '(基础_预算调整_调整数-基础_预算调整_剔除数)/基础_预算调整_年初预算',
        });
      }
      const initial = inputs.num('基础_预算调整_年初预算');
      return ratio({
        id: this.id,
        label: '预算控制率',
        formula: '预算控制率 = 本年追加预算 ÷ 年初预算 × 100%（不剔除政策性调整）',
        variant: '湖南口径（预算控制率）',
        inputs,
        numerator: adjusted,
        denominator: initial,
        denominatorLabel: where(m, '基础_预算调整_年初预算'),
        excelFormula: '基础_预算调整_调整数/基础_预算调整_年初预算',
      });
    },
  },
  simple('支付进度率', '支付进度率 = 实际支付进度 ÷ 既定支付进度 × 100%', '基础_实际支付进度', '基础_既定支付进度'),
  {
    id: '结转结余率',
    label: '结转结余率',
    inputs: ['基础_结转结余_本年', '基础_预算完成_上年结转', '基础_预算完成_年初预算', '基础_预算完成_本年追加'],
    compute(m) {
      const inputs = new Inputs(m);
      const left = inputs.num('基础_结转结余_本年', '结转结余总额（本年度累计结转结余）');
      const carried = inputs.num('基础_预算完成_上年结转');
      const initial = inputs.num('基础_预算完成_年初预算');
      const added = inputs.num('基础_预算完成_本年追加');
      return ratio({
        id: this.id,
        label: this.label,
        formula: '结转结余率 = 结转结余总额 ÷ 支出预算数（上年结转 + 年初预算 + 本年追加预算）× 100%',
        inputs,
        numerator: left,
        denominator: carried && initial && added ? carried.plus(initial).plus(added) : null,
        denominatorLabel: '支出预算数（上年结转 + 年初预算 + 本年追加预算）',
        excelFormula: '基础_结转结余_本年/(基础_预算完成_上年结转+基础_预算完成_年初预算+基础_预算完成_本年追加)',
      });
    },
  },
  {
    id: '结转结余变动率',
    label: '结转结余变动率',
    inputs: ['基础_结转结余_本年', '基础_结转结余_上年'],
    compute(m) {
      return change(
        this.id,
        '结转结余变动率 =（本年度累计结转结余资金总额 − 上年度累计结转结余资金总额）÷ 上年度累计结转结余资金总额 × 100%',
        m,
        '基础_结转结余_本年',
        '基础_结转结余_上年',
      );
    },
  },
  simple('公用经费控制率', '公用经费控制率 = 实际支出公用经费总额 ÷ 预算安排公用经费总额 × 100%', '基础_公用经费决算', '基础_公用经费预算'),
  {
    id: '三公经费控制率',
    label: '“三公”经费控制率',
    inputs: ['三公_合计_本年决算', '三公_合计_本年预算'],
    compute(m) {
      const inputs = new Inputs(m);
      const actual = sanGong(m, inputs, '本年决算', '本年决算数');
      const budget = sanGong(m, inputs, '本年预算', '本年预算数');
      return ratio({
        id: this.id,
        label: this.label,
        formula: '“三公”经费控制率 = “三公”经费实际支出数 ÷ “三公”经费预算安排数 × 100%',
        inputs,
        numerator: actual.value,
        denominator: budget.value,
        denominatorLabel: budget.label,
        excelFormula: `${actual.formula}/${budget.formula}`,
      });
    },
  },
  simple('政府采购执行率', '政府采购执行率 = 实际政府采购金额 ÷ 政府采购预算数 × 100%', '基础_政府采购实际', '基础_政府采购预算'),
  simple('固定资产利用率', '固定资产利用率 = 实际在用固定资产总额 ÷ 所有固定资产总额 × 100%', '基础_在用固定资产', '基础_固定资产总额'),
  taskRate('实际完成率', '实际完成率 = 实际完成工作数 ÷ 计划工作数 × 100%', '实际完成工作数', '计划工作数', ['是否完成']),
  taskRate('完成及时率', '完成及时率 = 及时完成实际工作数 ÷ 计划工作数 × 100%', '及时完成实际工作数', '计划工作数', ['是否按时']),
  taskRate('质量达标率', '质量达标率 = 质量达标实际工作数 ÷ 计划工作数 × 100%', '质量达标实际工作数', '计划工作数', ['是否达标']),
  taskRate('重点工作办结率', '重点工作办结率 = 重点工作实际完成数 ÷ 交办或下达数 × 100%', '重点工作实际完成数', '交办或下达数（重点工作数）', ['是否完成'], '是否重点'),
];

export const INDICATOR_BY_ID: ReadonlyMap<string, IndicatorDecl> = new Map(INDICATORS.map((d) => [d.id, d]));
