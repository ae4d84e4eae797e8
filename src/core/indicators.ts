/**
 * Computes every catalogue indicator (src/catalogue/indicators.ts declares them as data) on the
 * model, under the chosen regional variants: the figures each reads, exactly, with the operands and
 * why a figure is unknown; the ratio; and the live Excel formula over the same names.
 */
import type Decimal from 'decimal.js';
import { INDICATORS, TASK_COLUMN } from '../catalogue/indicators';
import { SANGONG_CAR_PARTS, SANGONG_ITEMS } from '../catalogue/lists';
import { inputLabel } from '../catalogue/inputs';
import type {
  Figure,
  IndicatorDecl,
  RatioDecl,
  SanGongColumn,
  TaskFlag,
  TaskRateDecl,
  Variants,
} from '../catalogue/types';
import { D, HUNDRED, ZERO, sum } from './decimal';
import type { Model } from './model';
import type { IndicatorResult, Operand } from './results';

export type { Variants } from '../catalogue/types';

export const DEFAULT_VARIANTS: Variants = {
  预算完成率: '湖南',
  三公经费变动率: '预算',
  预算调整率: '国家',
};

/** Accepted spellings of each variant choice, as a user may type them in the 评分规则 sheet. */
export const VARIANT_CHOICES: { [K in keyof Variants]: Record<string, Variants[K]> } = {
  预算完成率: {
    湖南: '湖南',
    湖南口径: '湖南',
    国家: '国家',
    国家口径: '国家',
    全国: '国家',
    年初预算: '年初预算',
    年初预算口径: '年初预算',
    国家年初预算: '年初预算',
    '国家(年初预算)': '年初预算',
    '国家口径(年初预算)': '年初预算',
  },
  三公经费变动率: {
    预算: '预算',
    预算数: '预算',
    预算对预算: '预算',
    决算: '决算',
    决算数: '决算',
    决算对决算: '决算',
  },
  预算调整率: {
    国家: '国家',
    国家口径: '国家',
    预算调整率: '国家',
    预算控制率: '预算控制率',
    湖南: '预算控制率',
    湖南口径: '预算控制率',
  },
};

const labelOf = inputLabel;

function where(m: Model, name: string): string {
  const a = m.address(name);
  return a ? `${labelOf(name)}（${a}）` : labelOf(name);
}

/** Collects the operands of one computation and why any of them is unusable. */
class Inputs {
  readonly operands: Operand[] = [];
  readonly problems: string[] = [];
  /** The operands behind `problems`. */
  readonly missing: Operand[] = [];
  constructor(private readonly m: Model) {}

  /** A number input; records a problem (naming the cell) when it is blank or unusable. */
  num(name: string, label = labelOf(name)): Decimal | null {
    const s = this.m.scalar(name);
    const value = this.m.num(name);
    const operand = { name, label, value, address: s.address };
    this.operands.push(operand);
    if (value === null) {
      this.problems.push(this.why(name, label, s.address, s.blank));
      this.missing.push(operand);
    }
    return value;
  }

  /** A number input that may be blank (then it counts as 0). */
  optional(name: string, label = labelOf(name)): Decimal {
    const s = this.m.scalar(name);
    const value = this.m.num(name);
    const operand = { name, label, value, address: s.address };
    this.operands.push(operand);
    if (value === null && !s.blank) {
      this.problems.push(this.why(name, label, s.address, false));
      this.missing.push(operand);
    }
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

/** A figure's value (null: unknown), its Excel formula, and what to call it in a zero-denominator message. */
interface Evaluated {
  value: Decimal | null;
  formula: string;
  label?: string;
}

// ------------------------------------------------------------------ 三公经费

/**
 * Names the 三公 total of one column reads: the 合计 row, else the items (公务用车 else its two parts) when
 * every one is stated. A partly entered column's sum is never taken for its total: then the 合计 is read
 * (and is blank), with the blank items named beside it (`blanks`).
 */
function sanGongNames(m: Model, column: SanGongColumn): { names: string[]; blanks: string[] } {
  const total = `三公_合计_${column}`;
  if (m.num(total) !== null) return { names: [total], blanks: [] };
  const names: string[] = [];
  const blanks: string[] = [];
  for (const [item] of SANGONG_ITEMS) {
    const n = `三公_${item}_${column}`;
    const parts = SANGONG_CAR_PARTS.map(([p]) => `三公_${p}_${column}`);
    if (m.num(n) !== null) names.push(n);
    else if (item === '公务用车' && parts.every((p) => m.num(p) !== null)) names.push(...parts);
    else blanks.push(n);
  }
  return blanks.length === 0 ? { names, blanks } : { names: [total], blanks: names.length ? blanks : [] };
}

function sanGong(m: Model, inputs: Inputs, column: SanGongColumn, label: string): Evaluated {
  const { names, blanks } = sanGongNames(m, column);
  if (names.length === 1) {
    const value = inputs.num(names[0], `“三公”经费${label}`);
    // Some items stated, others blank: name the blanks too, as filling them would do as well as the 合计.
    for (const b of blanks) inputs.num(b);
    return { value, formula: names[0], label: where(m, names[0]) };
  }
  const parts = names.map((n) => inputs.num(n));
  const total = `三公_合计_${column}`;
  return {
    value: sum(parts.map((p) => p ?? ZERO)),
    formula: `(${names.join('+')})`,
    label: `“三公”经费${label}（${m.address(total) ?? total} 合计未填，按各项之和）`,
  };
}

// ------------------------------------------------------------------ 重点项目支出

function keyProjects(m: Model, inputs: Inputs): Evaluated {
  if (m.num('基础_重点项目支出') !== null)
    return { value: inputs.num('基础_重点项目支出'), formula: '基础_重点项目支出' };
  const projects = m.table('项目支出明细表');
  // Top-level projects only: a sub-item's budget is already inside its parent's.
  const flagged = projects.rows.filter(
    (r) => r.cells['重点项目']?.value === true && r.cells['上级项目']?.blank !== false
  );
  const key =
    flagged.length > 0
      ? sum(flagged.map((r) => (r.cells['预算总额']?.value as Decimal | null) ?? ZERO))
      : null;
  inputs.derived(
    '项目支出明细表',
    '重点项目支出（项目表中标为重点项目的一级项目预算总额合计）',
    key,
    projects.address
  );
  if (key === null)
    inputs.problems.push(
      `重点项目支出（${m.address('基础_重点项目支出') ?? '基础_重点项目支出'}）未填写，项目支出明细表${projects.address ? `（${projects.address}）` : ''}中也没有标为重点项目的项目`
    );
  return {
    value: key,
    formula: 'SUMIFS(INDEX(项目支出明细表,0,5),INDEX(项目支出明细表,0,7),"是",INDEX(项目支出明细表,0,2),"")',
  };
}

// ------------------------------------------------------------------ figures and ratios

/** Evaluates a figure; a figure declared twice (a denominator inside its numerator) is read once. */
function figure(m: Model, inputs: Inputs, f: Figure, seen: Map<string, Evaluated>): Evaluated {
  const key = JSON.stringify(f);
  const known = seen.get(key);
  if (known) return known;
  let out: Evaluated;
  if ('input' in f) out = { value: inputs.num(f.input, f.label), formula: f.input, label: where(m, f.input) };
  else if ('optional' in f) out = { value: inputs.optional(f.optional), formula: f.optional };
  else if ('sum' in f) {
    const parts = f.sum.map((p) => figure(m, inputs, p, seen));
    out = {
      value: parts.every((p) => p.value !== null) ? sum(parts.map((p) => p.value!)) : null,
      formula: `(${parts.map((p) => p.formula).join('+')})`,
    };
  } else if ('minus' in f) {
    const [a, b] = f.minus.map((p) => figure(m, inputs, p, seen));
    out = {
      value: a.value && b.value ? a.value.minus(b.value) : null,
      formula: `(${a.formula}-${b.formula})`,
    };
  } else if ('sanGong' in f) out = sanGong(m, inputs, f.sanGong, f.label);
  else out = keyProjects(m, inputs);
  seen.set(key, out);
  return out;
}

function ratio(m: Model, d: IndicatorDecl, r: RatioDecl): IndicatorResult {
  const inputs = new Inputs(m);
  const seen = new Map<string, Evaluated>();
  const numerator = figure(m, inputs, r.numerator, seen);
  const denominator = figure(m, inputs, r.denominator, seen);
  const base = {
    id: d.id,
    label: r.label ?? d.label,
    formula: r.formula,
    variant: r.variant,
    operands: inputs.operands,
  };
  if (inputs.problems.length > 0 || numerator.value === null || denominator.value === null)
    return {
      ...base,
      value: null,
      unavailable: `${inputs.problems.join('；')}，无法计算`,
      missing: inputs.missing,
    };
  if (denominator.value.isZero())
    return { ...base, value: null, unavailable: `${r.denominatorLabel ?? denominator.label}为 0，无法计算` };
  return {
    ...base,
    value: numerator.value.div(denominator.value).times(HUNDRED),
    excelFormula: `${numerator.formula}/${denominator.formula}`,
  };
}

// ------------------------------------------------------------------ 产出任务表

function isYes(row: { cells: Record<string, { value: unknown }> }, key: TaskFlag): boolean {
  return row.cells[key]?.value === true;
}

function taskRate(m: Model, d: IndicatorDecl, r: TaskRateDecl): IndicatorResult {
  const { id } = d;
  const t = m.table('产出任务表');
  const inputs = new Inputs(m);
  const rows = r.base ? t.rows.filter((row) => isYes(row, r.base!)) : t.rows;
  const hits = rows.filter((row) => r.count.every((k) => isYes(row, k)));
  const den = new D(rows.length);
  inputs.derived('产出任务表', r.denominatorLabel, den, t.address);
  inputs.derived('产出任务表', r.numeratorLabel, new D(hits.length), t.address);
  const base = { id, label: d.label, formula: r.formula, operands: inputs.operands };
  if (!t.address)
    return { ...base, value: null, unavailable: '工作簿中找不到名称 产出任务表（年度工作任务），无法计算' };
  if (den.isZero())
    return {
      ...base,
      value: null,
      // A table without rows is a blank to fill; rows none of which is flagged are not.
      ...(t.rows.length === 0
        ? {
            missing: [
              { name: '产出任务表', label: inputLabel('产出任务表'), value: null, address: t.address },
            ],
          }
        : {}),
      unavailable: r.base
        ? `产出任务表（${t.address}）中没有“是否重点或交办工作”为“是”的任务，${r.denominatorLabel}为 0，无法计算`
        : `产出任务表（${t.address}）没有填写任何工作任务，${r.denominatorLabel}为 0，无法计算`,
    };
  const col = (k: TaskFlag) => `INDEX(产出任务表,0,${TASK_COLUMN[k]})`;
  const crit = (ks: TaskFlag[]) => ks.map((k) => `${col(k)},"是"`).join(',');
  const numF =
    r.count.length === 1 && !r.base
      ? `COUNTIF(${crit(r.count)})`
      : `COUNTIFS(${crit([...(r.base ? [r.base] : []), ...r.count])})`;
  const denF = r.base ? `COUNTIF(${crit([r.base])})` : `COUNTA(INDEX(产出任务表,0,1))`;
  return { ...base, value: new D(hits.length).div(den).times(HUNDRED), excelFormula: `${numF}/${denF}` };
}

// ------------------------------------------------------------------ entry point

export function computeIndicator(d: IndicatorDecl, model: Model, v: Variants): IndicatorResult {
  const rule = 'choices' in d.rule ? d.rule.choices[v[d.rule.variant]] : d.rule;
  return rule.kind === 'taskRate' ? taskRate(model, d, rule) : ratio(model, d, rule);
}

export function computeIndicators(model: Model, variants: Partial<Variants> = {}): IndicatorResult[] {
  const v: Variants = { ...DEFAULT_VARIANTS, ...variants };
  return INDICATORS.map((d) => computeIndicator(d, model, v));
}

/** One indicator by id, as computeIndicators gives it (undefined when none has that id): a score line reads only its own. */
export function computeIndicatorById(
  model: Model,
  id: string,
  variants: Partial<Variants> = {}
): IndicatorResult | undefined {
  const d = INDICATORS.find((x) => x.id === id);
  return d && computeIndicator(d, model, { ...DEFAULT_VARIANTS, ...variants });
}

/** The model with some scalars read as other values (a candidate, or the figure a correction gives). */
export function withValues(model: Model, values: ReadonlyMap<string, Decimal>): Model {
  return {
    ...model,
    scalar: (n) => {
      const v = values.get(n);
      return v ? { ...model.scalar(n), value: v, blank: false } : model.scalar(n);
    },
    num: (n) => values.get(n) ?? model.num(n),
  };
}

/** An indicator as `result` was computed (its variant), with some inputs read as other values. */
export function recomputeWith(
  model: Model,
  result: IndicatorResult,
  values: ReadonlyMap<string, Decimal>
): IndicatorResult | undefined {
  const d = INDICATORS.find((x) => x.id === result.id);
  if (!d) return undefined;
  const variants: Variants = { ...DEFAULT_VARIANTS };
  if ('choices' in d.rule) {
    const key = Object.entries(d.rule.choices).find(([, r]) => r.variant === result.variant)?.[0];
    if (key) (variants as unknown as Record<string, string>)[d.rule.variant] = key;
  }
  return computeIndicator(d, withValues(model, values), variants);
}
