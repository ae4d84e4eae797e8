/**
 * The rulebook: the indicator tree (一级 / 二级 / 三级 with points), each 三级's scoring rule, the
 * regional variants and the grade bands. Read from the 评分规则 sheet (an empty table means the
 * default rulebook of src/catalogue/rulebook.ts) or from a JSON file (CLI `--rules`), and validated:
 * every problem is a Chinese error naming the row and cell.
 *
 * Rule kinds (docs/domain.md §2.2):
 * - 扣分: full marks up to a standard; beyond it, `每档扣分` per `每档` percentage points, floor 0.
 *   `取整` says how a part step counts — 按比例 (the default: 0.48 个百分点 of a 5-point step
 *   deducts 0.48/5 of the step's deduction), 满档 (only whole steps count), 起档 (a started step counts whole).
 *   So "每低于5%扣2分" at 98.50% deducts 0.192 分 (按比例), 0 (满档) or 2 (起档).
 * - 分档: the first band whose bound the value meets (≤ bound, or ≥ bound) gives its score; else `其他`.
 * - 比例: points × value ÷ 满分值, capped at points, floor 0.
 * - 定性: a manual score 0..points from the 自评得分表.
 */
import type Decimal from 'decimal.js';
import { INDICATOR_BY_ID } from '../catalogue/indicators';
import { DEFAULT_GRADE_BANDS, DEFAULT_RULE_ROWS, DEFAULT_TOTAL, RULE_COLUMNS } from '../catalogue/rulebook';
import { D, sum } from './decimal';
import { DEFAULT_VARIANTS, VARIANT_CHOICES, Variants } from './indicators';
import type { Model } from './model';
import { toHalfWidth } from './parse';
import type { Diagnostic } from './types';
import {
  describeRule,
  err,
  KIND_ALIASES,
  num,
  type ParamCtx,
  parseParams,
  parseRule,
  RULE_KINDS,
  str,
  type Rule,
} from './rules';

export { applyRule, describeRule, RULE_KINDS } from './rules';
export type { Rounding, Rule, RuleKind, RuleOutcome } from './rules';

export interface RuleLine {
  level1: string;
  level2: string;
  level3: string;
  points: Decimal;
  /** Indicator id the rule is computed from (absent for most 定性 lines). */
  indicator?: string;
  rule: Rule;
  /** 评分标准 in words. */
  standard: string;
  /** Where the line was declared (`评分规则!E12` or `规则文件第 3 条`). */
  source?: string;
}

export interface GradeBands {
  优: Decimal;
  良: Decimal;
  中: Decimal;
}

export interface Rulebook {
  /** Where it came from, in Chinese (默认规则 / 工作簿“评分规则”表 / 规则文件). */
  origin: string;
  total: Decimal;
  level1: Array<{ name: string; points: Decimal }>;
  level2: Array<{ level1: string; name: string; points: Decimal }>;
  lines: RuleLine[];
  variants: Variants;
  bands: GradeBands;
}

export interface RulebookResult {
  rulebook: Rulebook | null;
  errors: Diagnostic[];
}

// ------------------------------------------------------------------ grade

export const DEFAULT_BANDS: GradeBands = {
  优: new D(DEFAULT_GRADE_BANDS.优),
  良: new D(DEFAULT_GRADE_BANDS.良),
  中: new D(DEFAULT_GRADE_BANDS.中),
};

// ------------------------------------------------------------------ parsing

/** Names compare without spaces and quotes: “三公”经费变动率 = 三公经费变动率. */
export function normaliseName(s: string): string {
  let n = NORMALISED.get(s);
  if (n === undefined) {
    n = toHalfWidth(s).replace(/[\s“”"'‘’「」『』]/g, '');
    // The catalogue's and a workbook's names, compared again for every line and finding: kept while few and short.
    if (s.length <= 200) {
      if (NORMALISED.size >= 5000) NORMALISED.clear();
      NORMALISED.set(s, n);
    }
  }
  return n;
}
const NORMALISED = new Map<string, string>();

type Column = (typeof RULE_COLUMNS)[number];

/** One row of the rulebook as read: each column's value (null when blank) and where it sits. */
export interface RuleRowIn {
  values: Partial<Record<Column, Decimal | string | boolean | null>>;
  /** Columns whose cell held something unusable (already reported by the model). */
  invalid?: Column[];
  /** Where a column's cell is, in Chinese (`评分规则!F12` or `规则文件“指标”第 3 条“分值”`). */
  where(column: Column): string;
}

export interface RuleSettingsIn {
  total?: { value: Decimal | string | null; where: string };
  variants: Partial<Record<keyof Variants, { value: string; where: string }>>;
  bands: Partial<Record<keyof GradeBands, { value: Decimal | string | null; where: string }>>;
}

/** Builds and validates a rulebook from rows and settings. */
export function buildRulebook(rows: RuleRowIn[], settings: RuleSettingsIn, origin: string): RulebookResult {
  const errors: Diagnostic[] = [];
  const level1 = new Map<string, { points: Decimal | null; where: string }>();
  const level2 = new Map<string, { level1: string; name: string; points: Decimal | null; where: string }>();
  const lines: RuleLine[] = [];
  const seen = new Map<string, string>();
  const declared: Array<{ level1: string; level2: string; points: Decimal }> = [];
  let cur1: string | null = null;
  let cur2: string | null = null;

  const pointsOf = (row: RuleRowIn, column: Column, required: boolean): Decimal | null => {
    const raw = row.values[column];
    if (row.invalid?.includes(column)) {
      errors.push(err('rule-points', `${row.where(column)}：分值无效，应填正数`, row.where(column)));
      return null;
    }
    if (raw === null || raw === undefined || raw === '') {
      if (required)
        errors.push(err('rule-points', `${row.where(column)}：缺少分值，应填正数`, row.where(column)));
      return null;
    }
    const x = num(raw);
    if (x === null || !x.greaterThan(0)) {
      errors.push(
        err('rule-points', `${row.where(column)}：分值“${String(raw)}”无效，应填正数`, row.where(column))
      );
      return null;
    }
    return x;
  };

  for (const row of rows) {
    const name1 = str(row.values['一级']);
    const name2 = str(row.values['二级']);
    const name3 = str(row.values['三级']);
    if (name1) {
      cur1 = name1;
      cur2 = null;
    }
    if (name2) cur2 = name2;
    if (!cur1) {
      errors.push(
        err(
          'rule-tree',
          `${row.where('一级')}：未填写一级指标（第一行必须填写，以下各行留空表示同上）`,
          row.where('一级')
        )
      );
      continue;
    }
    if (!cur2) {
      errors.push(
        err('rule-tree', `${row.where('二级')}：一级指标“${cur1}”下未填写二级指标`, row.where('二级'))
      );
      continue;
    }
    // A group's points may be written on any of its rows, but the same each time.
    const settle = (
      g: { points: Decimal | null; where: string },
      column: '一级分值' | '二级分值',
      what: string
    ) => {
      const p = pointsOf(row, column, false);
      if (!p) return;
      if (g.points && !g.points.equals(p))
        errors.push(
          err(
            'rule-points',
            `${row.where(column)}：${what}的分值写作 ${p}，与 ${g.where} 的 ${g.points} 不一致`,
            row.where(column)
          )
        );
      else {
        g.points = p;
        g.where = row.where(column);
      }
    };
    const g1 = level1.get(cur1) ?? { points: null, where: row.where('一级分值') };
    settle(g1, '一级分值', `一级指标“${cur1}”`);
    level1.set(cur1, g1);
    const key2 = `${cur1}\u0000${cur2}`;
    const g2 = level2.get(key2) ?? { level1: cur1, name: cur2, points: null, where: row.where('二级分值') };
    settle(g2, '二级分值', `二级指标“${cur2}”`);
    level2.set(key2, g2);

    if (!name3) {
      errors.push(err('rule-tree', `${row.where('三级')}：未填写三级指标名称`, row.where('三级')));
      continue;
    }
    const line = `${cur2}·${name3}`;
    const dupKey = `${cur1}\u0000${cur2}\u0000${normaliseName(name3)}`;
    if (seen.has(dupKey)) {
      errors.push(
        err(
          'rule-duplicate',
          `${row.where('三级')}：二级指标“${cur2}”下的三级指标“${name3}”重复（已见于 ${seen.get(dupKey)}）`,
          row.where('三级')
        )
      );
      continue;
    }
    seen.set(dupKey, row.where('三级'));
    const points = pointsOf(row, '分值', true);
    // Declared points count towards the sums even when the rule itself is rejected below (no cascade).
    if (points) declared.push({ level1: cur1, level2: cur2, points });
    const kindText = str(row.values['规则']);
    const kind = kindText ? (KIND_ALIASES[kindText] ?? KIND_ALIASES[kindText.toLowerCase()]) : undefined;
    if (!kindText) {
      errors.push(
        err(
          'rule-kind',
          `${row.where('规则')}（${line}）：未填写规则类型，应为 ${RULE_KINDS.join('、')} 之一`,
          row.where('规则')
        )
      );
      continue;
    }
    if (!kind) {
      errors.push(
        err(
          'rule-kind',
          `${row.where('规则')}（${line}）：规则类型“${kindText}”无法识别，应为 ${RULE_KINDS.join('、')} 之一`,
          row.where('规则')
        )
      );
      continue;
    }
    const indicatorText = str(row.values['指标']);
    let indicator: string | undefined;
    if (indicatorText) {
      const id = [...INDICATOR_BY_ID.keys()].find((k) => normaliseName(k) === normaliseName(indicatorText));
      if (!id) {
        errors.push(
          err(
            'rule-indicator',
            `${row.where('指标')}（${line}）：指标“${indicatorText}”不在指标目录中；可用的指标有：${[...INDICATOR_BY_ID.keys()].join('、')}`,
            row.where('指标')
          )
        );
        continue;
      }
      indicator = id;
    } else if (kind !== '定性') {
      errors.push(
        err(
          'rule-indicator',
          `${row.where('指标')}（${line}）：“${kind}”规则须填写计算指标（定性指标才可留空）`,
          row.where('指标')
        )
      );
      continue;
    }
    if (!points) continue;
    const ctx: ParamCtx = { errors, where: row.where('参数'), line, indicator };
    const rule = parseRule(kind, parseParams(str(row.values['参数']), ctx), points, ctx);
    if (!rule) continue;
    lines.push({
      level1: cur1,
      level2: cur2,
      level3: name3,
      points,
      indicator,
      rule,
      standard: str(row.values['评分标准']) ?? describeRule(rule, points, indicator),
      source: row.where('三级'),
    });
  }

  if (rows.length === 0) errors.push(err('rule-empty', `${origin}没有任何评分规则`));

  // Points add up: 三级 → 二级 → 一级 → total.
  const l2: Rulebook['level2'] = [];
  for (const g of level2.values()) {
    const children = sum(
      declared.filter((l) => l.level1 === g.level1 && l.level2 === g.name).map((l) => l.points)
    );
    if (g.points && !g.points.equals(children))
      errors.push(
        err(
          'rule-sum',
          `${g.where}：二级指标“${g.name}”分值为 ${g.points}，其下三级指标分值合计为 ${children}，两者应相等`,
          g.where
        )
      );
    l2.push({ level1: g.level1, name: g.name, points: g.points ?? children });
  }
  const l1: Rulebook['level1'] = [];
  for (const [name, g] of level1) {
    const children = sum(l2.filter((x) => x.level1 === name).map((x) => x.points));
    if (g.points && !g.points.equals(children))
      errors.push(
        err(
          'rule-sum',
          `${g.where}：一级指标“${name}”分值为 ${g.points}，其下二级指标分值合计为 ${children}，两者应相等`,
          g.where
        )
      );
    l1.push({ name, points: g.points ?? children });
  }
  let total = new D(DEFAULT_TOTAL);
  if (settings.total && settings.total.value !== null) {
    const t = num(settings.total.value);
    if (!t || !t.greaterThan(0))
      errors.push(
        err(
          'rule-total',
          `${settings.total.where}：总分值“${String(settings.total.value)}”无效，应填正数，如 100`,
          settings.total.where
        )
      );
    else total = t;
  }
  const all = sum(l1.map((x) => x.points));
  const sumErrors = errors.some((e) => e.code === 'rule-sum');
  if (l1.length > 0 && !sumErrors && !all.equals(total))
    errors.push(
      err(
        'rule-sum',
        `一级指标分值合计为 ${all}（${l1.map((x) => `${x.name} ${x.points}`).join(' + ')}），应等于总分值 ${total}${settings.total?.value ? `（${settings.total.where}）` : ''}`,
        settings.total?.where
      )
    );

  const variants: Variants = { ...DEFAULT_VARIANTS };
  for (const key of Object.keys(VARIANT_CHOICES) as Array<keyof Variants>) {
    const given = settings.variants[key];
    if (!given) continue;
    const choices = VARIANT_CHOICES[key] as Record<string, string>;
    const v = choices[normaliseName(given.value)];
    if (!v)
      errors.push(
        err(
          'rule-variant',
          `${given.where}：${key}口径“${given.value}”无法识别，应为 ${[...new Set(Object.values(choices))].join('、')} 之一`,
          given.where
        )
      );
    else (variants as unknown as Record<string, string>)[key] = v;
  }

  const bands: GradeBands = { ...DEFAULT_BANDS };
  for (const key of ['优', '良', '中'] as const) {
    const given = settings.bands[key];
    if (!given || given.value === null) continue;
    const x = num(given.value);
    if (!x || x.isNegative())
      errors.push(
        err(
          'rule-grade',
          `${given.where}：“${key}”的最低分“${String(given.value)}”无效，应填 0 至总分之间的数`,
          given.where
        )
      );
    else bands[key] = x;
  }
  if (!(
    bands.优.greaterThan(bands.良) &&
    bands.良.greaterThan(bands.中) &&
    bands.优.lessThanOrEqualTo(total)
  ))
    errors.push(
      err(
        'rule-grade',
        `等级划分不合理：应为 总分 ${total} ≥ 优 > 良 > 中 ≥ 0，目前为 优 ${bands.优}、良 ${bands.良}、中 ${bands.中}${settings.bands.优 ? `（${settings.bands.优.where} 等）` : ''}`,
        settings.bands.优?.where
      )
    );

  if (errors.length > 0) return { rulebook: null, errors };
  return { rulebook: { origin, total, level1: l1, level2: l2, lines, variants, bands }, errors };
}

// ------------------------------------------------------------------ sources

const DEFAULT_SETTINGS: RuleSettingsIn = { variants: {}, bands: {} };

function rowsFromArrays(
  rows: Array<Array<string | number | null>>,
  where: (i: number, c: Column) => string
): RuleRowIn[] {
  return rows.map((r, i) => ({
    values: Object.fromEntries(RULE_COLUMNS.map((c, k) => [c, r[k] ?? null])),
    where: (c) => where(i, c),
  }));
}

/** The default rulebook (the template's rows), with the default variants and grade bands. */
export function defaultRulebook(settings: RuleSettingsIn = DEFAULT_SETTINGS): RulebookResult {
  return buildRulebook(
    rowsFromArrays(DEFAULT_RULE_ROWS, (i, c) => `默认规则第 ${i + 1} 行“${c}”`),
    settings,
    '默认评分规则'
  );
}

/** Reads the 评分规则 sheet: the table (empty = default rulebook), the variant choices and grade bands. */
export function rulebookFromModel(model: Model): RulebookResult {
  const settings: RuleSettingsIn = { variants: {}, bands: {} };
  const at = (name: string) => model.address(name) ?? `名称 ${name}`;
  const text = (name: string) => {
    const s = model.scalar(name);
    return s.value === null ? null : String(s.value);
  };
  for (const key of Object.keys(VARIANT_CHOICES) as Array<keyof Variants>) {
    const v = text(`口径_${key}`);
    if (v) settings.variants[key] = { value: v, where: at(`口径_${key}`) };
  }
  for (const key of ['优', '良', '中'] as const) {
    const s = model.scalar(`等级_${key}`);
    if (!s.blank) settings.bands[key] = { value: s.value as Decimal | null, where: at(`等级_${key}`) };
  }
  const t = model.scalar('规则_总分');
  if (!t.blank) settings.total = { value: t.value as Decimal | null, where: at('规则_总分') };

  const table = model.table('评分规则表');
  if (table.rows.length === 0) return defaultRulebook(settings);
  const rows: RuleRowIn[] = table.rows.map((r) => ({
    values: Object.fromEntries(RULE_COLUMNS.map((c) => [c, r.cells[c]?.value ?? null])),
    invalid: RULE_COLUMNS.filter((c) => r.cells[c] && r.cells[c].value === null && !r.cells[c].blank),
    where: (c) => r.cells[c]?.address ?? `评分规则表第 ${r.index + 1} 行“${c}”`,
  }));
  return buildRulebook(rows, settings, '工作簿“评分规则”表');
}

/**
 * A rulebook file (CLI `--rules`): JSON, either an array of rows or
 * `{ "总分": 100, "口径": { "预算完成率": "湖南" }, "等级": { "优": 90, "良": 80, "中": 60 }, "指标": [...] }`,
 * each row an object keyed by the column names (一级, 一级分值, 二级, 二级分值, 三级, 分值, 指标, 规则, 参数, 评分标准)
 * or an array in that column order.
 */
export function parseRulebookJson(text: string): RulebookResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { rulebook: null, errors: [err('rule-json', `规则文件不是有效的 JSON：${(e as Error).message}`)] };
  }
  const obj = (Array.isArray(data) ? { 指标: data } : data) as Record<string, unknown>;
  if (!obj || typeof obj !== 'object' || !Array.isArray(obj['指标']))
    return {
      rulebook: null,
      errors: [err('rule-json', '规则文件应为 JSON 对象，含“指标”数组（每项一个三级指标）')],
    };
  const errors: Diagnostic[] = [];
  const rows: RuleRowIn[] = [];
  (obj['指标'] as unknown[]).forEach((item, i) => {
    const where = (c: string) => `规则文件“指标”第 ${i + 1} 条的“${c}”`;
    let values: RuleRowIn['values'];
    if (Array.isArray(item))
      values = Object.fromEntries(RULE_COLUMNS.map((c, k) => [c, (item[k] ?? null) as string | null]));
    else if (item && typeof item === 'object') {
      const rec = item as Record<string, unknown>;
      for (const k of Object.keys(rec))
        if (!(RULE_COLUMNS as readonly string[]).includes(k))
          errors.push(
            err(
              'rule-json',
              `规则文件“指标”第 ${i + 1} 条有无法识别的字段“${k}”；可用字段：${RULE_COLUMNS.join('、')}`
            )
          );
      values = Object.fromEntries(RULE_COLUMNS.map((c) => [c, (rec[c] ?? null) as string | null]));
    } else {
      errors.push(err('rule-json', `规则文件“指标”第 ${i + 1} 条应为对象或数组`));
      return;
    }
    rows.push({ values, where });
  });
  const settings: RuleSettingsIn = { variants: {}, bands: {} };
  if (obj['总分'] !== undefined && obj['总分'] !== null)
    settings.total = { value: String(obj['总分']), where: '规则文件“总分”' };
  const variants = (obj['口径'] ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(variants)) {
    if (!(k in VARIANT_CHOICES)) {
      errors.push(
        err(
          'rule-variant',
          `规则文件“口径”中的“${k}”无法识别；可设置：${Object.keys(VARIANT_CHOICES).join('、')}`
        )
      );
      continue;
    }
    settings.variants[k as keyof Variants] = { value: String(variants[k]), where: `规则文件“口径”.“${k}”` };
  }
  const grades = (obj['等级'] ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(grades)) {
    if (k !== '优' && k !== '良' && k !== '中') {
      errors.push(err('rule-grade', `规则文件“等级”中的“${k}”无法识别；应为 优、良、中 的最低分`));
      continue;
    }
    settings.bands[k] = { value: String(grades[k]), where: `规则文件“等级”.“${k}”` };
  }
  const built = buildRulebook(rows, settings, '规则文件');
  const all = [...errors, ...built.errors];
  return { rulebook: all.length ? null : built.rulebook, errors: all };
}
