/**
 * What the 数据 tab shows first: the inputs the user still has to give, by table. Before a run, the names
 * that do not exist, the values that cannot be used and the required blanks; after a run, also every
 * input the run's 待补 findings wait for (a score line's or a check's blank figures), as those findings
 * name them (a table's row, e.g. one 自评得分 line, is its own entry).
 */
import { INPUT_BY_NAME, INPUTS } from '../catalogue/inputs';
import type { GroupedFindings } from '../core/findingGroups';
import type { InputStatus } from './inputStatus';

export type MissingWhy = '待补' | '名称不存在' | '无效';

export interface MissingInput {
  name: string;
  label: string;
  /** The input table (sheet) it belongs to. */
  sheet: string;
  /** The cell or range to fill, when the name resolves. */
  address?: string;
  why: MissingWhy;
  /** Why, in Chinese, when the status gives one (a 无效 value's reason). */
  message?: string;
}

/** Input sheets in the catalogue's order (基本情况 first). */
const SHEET_ORDER = [...new Set(INPUTS.map((d) => d.sheet))];

function sheetOf(name: string, address?: string): string {
  return INPUT_BY_NAME.get(name)?.sheet ?? address?.split('!')[0] ?? '';
}

export function missingInputs(statuses: InputStatus[], grouped: GroupedFindings | null): MissingInput[] {
  const out: MissingInput[] = [];
  const seen = new Set<string>();
  // A scalar is one entry; a table is one entry when it is missing as a whole, else one per row named.
  const keyOf = (name: string, label: string) =>
    INPUT_BY_NAME.get(name)?.type === 'table' && !seen.has(name) ? `${name}|${label}` : name;
  const add = (m: MissingInput) => {
    const key = keyOf(m.name, m.label);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(m);
  };
  const byName = new Map(statuses.map((x) => [x.name, x]));
  for (const x of statuses) {
    const why: MissingWhy | null =
      x.status === '名称不存在' || x.status === '无效'
        ? x.status
        : x.status === '未填写' && x.required
          ? '待补'
          : null;
    if (!why) continue;
    seen.add(x.name);
    out.push({ name: x.name, label: x.label, sheet: x.sheet, address: x.address, why, message: x.message });
  }
  for (const f of grouped?.roots.待补 ?? []) {
    for (const o of f.missing?.length ? f.missing : f.operands) {
      if (!o.name) continue;
      const status = byName.get(o.name);
      add({
        name: o.name,
        label: o.label || status?.label || o.name,
        sheet: sheetOf(o.name, o.address),
        address: o.address ?? status?.address,
        why: '待补',
      });
    }
  }
  const rank = (sheet: string) => {
    const i = SHEET_ORDER.indexOf(sheet);
    return i < 0 ? SHEET_ORDER.length : i;
  };
  return out
    .map((m, i) => ({ m, i }))
    .sort((a, b) => rank(a.m.sheet) - rank(b.m.sheet) || a.i - b.i)
    .map(({ m }) => m);
}
