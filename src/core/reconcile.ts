/**
 * Which figure the report states when the checks contest one. When a folded finding singles out
 * its root cell as the likely wrong figure and the other side is known, the report states the
 * figure that reconciles and says so once; otherwise the figure stays as written with a
 * 【待核对】 naming both values. Only amounts and counts are reconciled: rates and scores are
 * recomputed anyway.
 */
import type Decimal from 'decimal.js';
import { INPUT_BY_NAME } from '../catalogue/inputs';
import { SOURCE_NAMES } from '../catalogue/report/words';
import type { Finding, Operand } from './results';

export interface Dispute {
  name: string;
  /** The figure as the workbook states it. */
  stated: Decimal;
  /** The figure the report states instead, when one can be preferred. */
  preferred?: Decimal;
  /** The other side, in words (收支总表一般公共预算财政拨款支出 / 基本支出与项目支出之和). */
  otherWhat: string;
  otherValue: Decimal;
  /** How the other side relates: equal (一致) or an upper bound (不超过). */
  relation: 'equal' | 'atMost';
  finding: Finding;
}

/** A figure's label as a document names it, with the table it is read from. */
export function documentLabel(o: Pick<Operand, 'name' | 'label'>): string {
  const d = INPUT_BY_NAME.get(o.name);
  const label = shortLabel(d?.type === 'scalar' ? d.label : o.label);
  const source = d ? (SOURCE_NAMES[d.sheet] ?? d.sheet) : '';
  return `${source}${label}`;
}

/** "本年支出（合计）" → "本年支出合计"; "合计：年中追加预算数" → "年中追加预算数合计"; "上年结转（年初结转和结余）" → "上年结转". */
export function shortLabel(raw: string): string {
  // Parentheticals that tell how to fill the cell are not part of the name.
  const label = raw.replace(/（[^（）]*(填|为正|为负|负数|正数)[^（）]*）/g, '');
  const total = /^(.+)（合计）$/.exec(label);
  if (total) return `${total[1]}合计`;
  const part = /^(.+)（(基本支出|项目支出)）$/.exec(label);
  if (part) return `${part[1]}中${part[2]}`;
  const sum = /^合计：(.+)$/.exec(label);
  if (sum) return `${sum[1]}合计`;
  return label.replace(/^其中：/, '').replace(/（[^（）]*）$/, '');
}

/**
 * Families whose findings mean two figures cannot both be right. An overspend (预算) or a rate
 * (比率) is a fact about the year, not a contradiction between figures.
 */
export const CONSISTENCY_FAMILIES: readonly string[] = ['合计', '一致', '平衡', '衔接', '部分', '单位'];

function isFigure(f: Finding): boolean {
  return (
    (f.kind === 'mismatch' || f.kind === 'exceeds') &&
    CONSISTENCY_FAMILIES.includes(f.family) &&
    (f.expected?.kind === 'amount' || f.expected?.kind === 'count')
  );
}

function numeric(o: Operand | undefined): Decimal | null {
  const v = o?.value;
  return v !== null && typeof v === 'object' ? v : null;
}

/** The root of a fold: the finding's primary cell, else the one cell every folded finding shares. */
function rootName(f: Finding): string | undefined {
  if (f.primary) return f.primary.name;
  const folded = f.consequences ?? [];
  if (folded.length === 0) return undefined;
  return f.operands.find((o) => folded.every((c) => c.operands.some((x) => x.name === o.name)))?.name;
}

/** The other side of a finding for one of its figures, in words. */
function otherSide(f: Finding, name: string): { what: string; value: Decimal } | null {
  if (!f.expected) return null;
  const others = f.operands.filter((o) => o.name !== name);
  if (f.family === '一致' || others.length === 1) {
    const o = others[0];
    const v = numeric(o);
    if (o && v) return { what: documentLabel(o), value: v };
  }
  if (f.kind === 'exceeds') return { what: '上限', value: f.expected.value };
  // Rows of one table (each unit's staff): "机构人员情况表各行之和".
  const table = INPUT_BY_NAME.get(others[0]?.name ?? '');
  if (f.family === '合计' && table?.type === 'table' && others.every((o) => o.name === table.name))
    return { what: `${table.label}各行之和`, value: f.expected.value };
  if (f.family === '合计' && others.length > 0 && others.length <= 3) {
    // "本年收入（基本支出）", "本年收入（项目支出）" → "基本支出、项目支出之和".
    const cols = others.map((o) => /^(.+)（([^（）]+)）$/.exec(o.label));
    const sameRow = cols.every((m) => m && m[1] === cols[0]![1]);
    const names = sameRow ? cols.map((m) => m![2]) : others.map((o) => shortLabel(o.label));
    return { what: `${names.join('、')}之和`, value: f.expected.value };
  }
  return {
    what: f.family === '平衡' ? '按结转结余平衡关系计算的数' : '核对应有的数',
    value: f.expected.value,
  };
}

/** Every contested figure, keyed by input name. */
export function reconcile(findings: Finding[]): Map<string, Dispute> {
  const out = new Map<string, Dispute>();
  // 1. Fold roots: the figure that reconciles is preferred.
  for (const f of findings) {
    const name = rootName(f);
    if (!name || !isFigure(f) || f.kind !== 'mismatch') continue;
    const stated = numeric(f.operands.find((o) => o.name === name));
    if (!stated || !f.expected) continue;
    const tolerance = f.tolerance?.value;
    // A figure stated elsewhere that agrees with the rule is preferred to the computed sum (no rounding drift).
    const corroborated = (f.consequences ?? [])
      .filter((c) => c.family === '一致' && isFigure(c) && c.operands.some((o) => o.name === name))
      .map((c) => ({ c, side: otherSide(c, name) }))
      .find(({ side }) => side && (!tolerance || side.value.minus(f.expected!.value).abs().lte(tolerance)));
    const side = corroborated?.side ?? otherSide(f, name);
    if (!side) continue;
    const parts = otherSide(f, name);
    const what =
      corroborated && parts && parts.what !== side.what ? `${side.what}及${parts.what}` : side.what;
    out.set(name, {
      name,
      stated,
      preferred: side.value,
      otherWhat: what,
      otherValue: side.value,
      relation: 'equal',
      finding: f,
    });
  }
  // 2. Everything else contested: no figure can be preferred.
  const contest = (f: Finding, o: Operand | undefined) => {
    const stated = numeric(o);
    // Table cells (a project's row) have no name of their own to state elsewhere: the 审核意见 lists them.
    if (!o || !stated || out.has(o.name) || INPUT_BY_NAME.get(o.name)?.type !== 'scalar') return;
    const side = otherSide(f, o.name);
    if (!side) return;
    out.set(o.name, {
      name: o.name,
      stated,
      otherWhat: side.what,
      otherValue: side.value,
      relation: f.kind === 'exceeds' ? 'atMost' : 'equal',
      finding: f,
    });
  };
  // Folded findings follow from their root (a figure taken from another year, a wrong total), which says why: only roots contest.
  for (const f of findings) {
    if (!isFigure(f) || f.operands.some((o) => out.get(o.name)?.preferred)) continue;
    // The checked figure (the first operand) is contested; the reference it is checked against is not.
    contest(f, f.operands[0]);
  }
  return out;
}
