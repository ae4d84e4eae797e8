/**
 * Which figure the report states when the checks contest one — decided once, for every sentence.
 *
 * The report states only what the department stated. Where the sources disagree, it shows a 【待核对】
 * naming both values in the figure's place, for the department to choose; which figure the data show is
 * right (src/core/advice.ts, a finding's `correction`: the memo, the pane and the cell notes read it there)
 * goes to the preparer as a remark, never into a sentence until the cell says so; a table's cell, which has no
 * room for both, states it, as the sentences state the source that agrees with it (Writer.amountCell). A figure a check merely
 * expects (a sum, a recomputation) is never put in its place. Only the checked figure of a finding is
 * contested here; the other figures of a failed identity are stated with a 【待核对】 beside them
 * (src/core/doubt.ts, src/core/narrative.ts).
 */
import type Decimal from 'decimal.js';
import { INPUT_BY_NAME } from '../catalogue/inputs';
import { BRIEF_SOURCE_NAMES, SOURCE_NAMES } from '../catalogue/report/words';
import { documentDigits } from './render/quantity';
import type { Finding, Operand } from './results';
import { tightenSpaces } from './typography';

export interface Dispute {
  name: string;
  /** The figure as the workbook states it. */
  stated: Decimal;
  /** The figure the data show is right (the finding's correction on this figure), and why in words. */
  correction?: { value: Decimal; because: string };
  /** The other side, in words (收支总表一般公共预算财政拨款支出 / 基本支出、项目支出之和 / 按所列数据计算). */
  otherWhat: string;
  otherValue: Decimal;
  /** equal: the two should be one figure; atMost: a part above its whole; recomputed: a stated rate. */
  relation: 'equal' | 'atMost' | 'recomputed';
  /** The other side is the same item in other tables (项目支出 of 财政拨款表 and 其他资金表): each side names its tables only. */
  sameItem?: boolean;
  finding: Finding;
}

/** Words for a 【待核对】, with the tables' short names (财政拨款表, 基础数据表). */
export function brief(words: string): string {
  return Object.entries(BRIEF_SOURCE_NAMES).reduce((s, [long, short]) => s.split(long).join(short), words);
}

/** A table as one of several named at once: 财政拨款收支表 → 财政拨款. */
const tableWord = (source: string) => source.replace(/(收支)?表$/, '');

/** A figure's label as a document names it, with the table it is read from. */
export function documentLabel(o: Pick<Operand, 'name' | 'label'>): string {
  const d = INPUT_BY_NAME.get(o.name);
  const label = shortLabel(d?.type === 'scalar' ? d.label : o.label);
  const source = d ? (SOURCE_NAMES[d.sheet] ?? d.sheet) : '';
  return `${source}${label}`;
}

/** Several figures' labels, the table named once for a run of figures from the same table. */
export function documentLabels(ops: Array<Pick<Operand, 'name' | 'label'>>): string {
  let table = '';
  return ops
    .map((o) => {
      const full = documentLabel(o);
      const d = INPUT_BY_NAME.get(o.name);
      const source = d ? (SOURCE_NAMES[d.sheet] ?? d.sheet) : '';
      const same = source !== '' && source === table;
      table = source;
      return same ? full.slice(source.length) : full;
    })
    .join('、');
}

/** Parentheticals that tell how to fill the cell are not part of the name. */
const withoutInstructions = (label: string) =>
  label.replace(/（[^（）]*(填|为正|为负|负数|正数)[^（）]*）/g, '');

/** "本年支出（合计）" → "本年支出合计"; "合计：年中追加预算数" → "年中追加预算数合计"; "上年结转（年初结转和结余）" → "上年结转". */
export function shortLabel(raw: string): string {
  const label = withoutInstructions(raw);
  const total = /^(.+)（合计）$/.exec(label);
  if (total) return `${total[1]}合计`;
  const part = /^(.+)（(基本支出|项目支出)）$/.exec(label);
  if (part) return `${part[1]}中${part[2]}`;
  const sum = /^合计：(.+)$/.exec(label);
  if (sum) return `${sum[1]}合计`;
  return label.replace(/^其中：/, '').replace(/（[^（）]*）$/, '');
}

/**
 * Families whose findings mean two figures cannot both be right. An overspend (预算) is a fact
 * about the year, not a contradiction between figures; a stated rate (比率) is judged apart.
 */
export const CONSISTENCY_FAMILIES: readonly string[] = ['合计', '一致', '平衡', '衔接', '部分', '单位'];

function isFigure(f: Finding): boolean {
  return (
    (f.kind === 'mismatch' || f.kind === 'exceeds') &&
    CONSISTENCY_FAMILIES.includes(f.family) &&
    (f.expected?.kind === 'amount' || f.expected?.kind === 'count')
  );
}

/** A stated rate that its recomputation contradicts (family 比率: the rate, or its sign). */
function isStatedRate(f: Finding): boolean {
  return f.family === '比率' && (f.kind === 'mismatch' || f.kind === 'signReversed') && !!f.expected;
}

function numeric(o: Operand | undefined): Decimal | null {
  const v = o?.value;
  return v !== null && typeof v === 'object' ? v : null;
}

/** Labels that two operands share are told apart by their table. */
function names(ops: Operand[]): string[] {
  const short = ops.map((o) => shortLabel(o.label.split('·').pop() ?? o.label));
  return ops.map((o, i) =>
    short.indexOf(short[i]) !== short.lastIndexOf(short[i]) ? documentLabel(o) : short[i]
  );
}

/** Parts named with their common ending once: "基本支出、项目支出" → "基本、项目支出". */
function factored(parts: string[]): string {
  let n = 0;
  while (parts.every((p) => p.length > n + 1 && p.endsWith(parts[0].slice(parts[0].length - n - 1)))) n++;
  return n < 2
    ? parts.join('、')
    : `${parts.map((p) => p.slice(0, p.length - n)).join('、')}${parts[0].slice(-n)}`;
}

/** The other side of a finding for its checked figure (the first operand), in words. */
function otherSide(
  f: Finding,
  checked: Operand
): { what: string; value: Decimal; sameItem?: boolean } | null {
  if (!f.expected) return null;
  const others = f.operands.filter((o) => o.name !== checked.name);
  const item = (o: Operand) => shortLabel(o.label.split('·').pop() ?? o.label);
  const sources = others.map((o) => SOURCE_NAMES[INPUT_BY_NAME.get(o.name)?.sheet ?? ''] ?? '');
  // The same item in two or three other tables: "财政拨款、其他资金两表之和".
  if (
    f.family === '合计' &&
    others.length >= 2 &&
    others.length <= 3 &&
    sources.every((s) => s !== '') &&
    others.every((o) => item(o) === item(checked))
  )
    return {
      what: `${sources.map(tableWord).join('、')}${others.length === 2 ? '两' : '三'}表之和`,
      value: f.expected.value,
      sameItem: true,
    };
  if (others.length === 1) {
    const o = others[0];
    const v = numeric(o);
    if (o && v) return { what: documentLabel(o), value: v };
  }
  // The same figure as the sum of several elsewhere: "财政拨款表年末结转和结余合计、其他资金表年末结转和结余之和".
  if (f.family === '一致' && others.length > 1 && others.length <= 3)
    return { what: `${documentLabels(others)}之和`, value: f.expected.value };
  // A part above the whole it belongs to: the whole's figures by name, each with its table.
  if (f.kind === 'exceeds')
    return {
      what:
        others.length > 0 && others.length <= 3 ? `${others.map(documentLabel).join('、')}之和` : '其上限',
      value: f.expected.value,
    };
  // Rows of one table (each unit's staff): "机构人员情况表各行年末实有在职人数之和".
  const row = /^(.+?)\[.*\]\.(.+)$/.exec(others[0]?.name ?? '');
  const table = INPUT_BY_NAME.get(row?.[1] ?? others[0]?.name ?? '');
  if (
    f.family === '合计' &&
    table?.type === 'table' &&
    others.every((o) => o.name === table.name || o.name.startsWith(`${table.name}[`))
  ) {
    // The quantity is the checked figure's: "机构人员情况表各行之和".
    return { what: `${table.label}各行之和`, value: f.expected.value };
  }
  if (f.family === '合计' && others.length > 0 && others.length <= 3) {
    // "本年收入（基本支出）", "本年收入（项目支出）" → "基本支出、项目支出之和".
    const cols = others.map((o) => /^(.+)（([^（）]+)）$/.exec(withoutInstructions(o.label)));
    const sameRow = cols.every((m) => m && m[1] === cols[0]![1]);
    // "年初批复预算（项目支出）", "年中追加（项目支出）" → "年初批复预算、年中追加项目支出之和".
    const sameColumn = cols.every((m) => m && m[2] === cols[0]![2]);
    if (!sameRow && sameColumn)
      return { what: `${cols.map((m) => m![1]).join('、')}${cols[0]![2]}之和`, value: f.expected.value };
    const parts = sameRow ? cols.map((m) => m![2]) : names([checked, ...others]).slice(1);
    return { what: `${factored(parts)}之和`, value: f.expected.value };
  }
  return {
    what: f.family === '平衡' ? '按结转结余平衡关系计算的数' : '按核对关系计算的数',
    value: f.expected.value,
  };
}

/** The correction a finding carries on its checked figure, in a document's words. */
function correctionOf(f: Finding, checked: Operand): Dispute['correction'] {
  const c = f.correction;
  if (!c || c.operand.name !== checked.name) return undefined;
  return { value: c.to.value, because: tightenSpaces(documentDigits(c.because).replace(/·/g, '')) };
}

/** Every contested figure of the top-level findings, keyed by input name. */
export function reconcile(findings: Finding[]): Map<string, Dispute> {
  const out = new Map<string, Dispute>();
  for (const f of findings) {
    if (f.explanation) continue;
    const checked = f.operands[0];
    const stated = numeric(checked);
    // Table cells (a project's row) have no name of their own to state elsewhere: the 审核意见 lists them.
    if (!checked || !stated || out.has(checked.name) || INPUT_BY_NAME.get(checked.name)?.type !== 'scalar')
      continue;
    // A figure two independent sources agree on is stated as fact (src/core/doubt.ts, confirmFigures).
    if (f.confirmed?.some((c) => c.name === checked.name)) continue;
    if (isStatedRate(f)) {
      out.set(checked.name, {
        name: checked.name,
        stated,
        otherWhat: '按所列数据计',
        otherValue: f.expected!.value,
        relation: 'recomputed',
        finding: f,
      });
      continue;
    }
    if (!isFigure(f)) continue;
    const side = otherSide(f, checked);
    if (!side) continue;
    out.set(checked.name, {
      name: checked.name,
      stated,
      correction: correctionOf(f, checked),
      otherWhat: brief(side.what),
      otherValue: side.value,
      relation: f.kind === 'exceeds' ? 'atMost' : 'equal',
      ...(side.sameItem ? { sameItem: true } : {}),
      finding: f,
    });
  }
  return out;
}
