/**
 * What recognition found, in Chinese, input by input, and the values it gives our template.
 * One text for every surface (CLI and pane): found where, not found, or which candidates.
 */
import type { CellValue } from '../core/types';
import type { InputValues } from '../core/fill';
import { INPUT_BY_NAME, inputLabel } from '../catalogue/inputs';
import type { Candidate, ImportResult, Recognition } from './recognise';
import { isBlank } from './grid';


function shownValue(c: Candidate): string {
  if (isBlank(c.raw)) return '空白（未填，不按 0 计）';
  const raw = c.raw instanceof Date ? c.raw.toISOString().slice(0, 10) : typeof c.raw === 'object' && c.raw ? c.raw.error : String(c.raw);
  if (c.converted !== undefined) return `${raw} ${c.unit}，折合 ${c.converted} 万元`;
  if (c.unit === '元' || c.unit === '千元') return `${raw} ${c.unit}（不是数字，未换算）`;
  return raw;
}

export const where = (c: Candidate) => `${c.sheet}!${c.cell}`;

/** One line for one input. */
export function recognitionLine(r: Recognition): string {
  const label = `${inputLabel(r.name)}（${r.name}）`;
  switch (r.status) {
    case 'found':
      return `找到  ${label}：${where(r)}，${r.table}“${r.label}”，${shownValue(r)}`;
    case 'ambiguous':
      return `不确定 ${label}：有 ${r.candidates.length} 处可能，${r.candidates.map((c) => `${where(c)}“${c.label}”＝${shownValue(c)}`).join('；')}，请确认后绑定`;
    case 'not-found':
      return r.searched.length
        ? `未找到 ${label}：${r.searched.join('、')}中没有这一行或这一栏`
        : `未找到 ${label}：工作簿中没有认出应列此数的表`;
  }
}

/** The report: tables recognised, then every input a recognised table should hold. */
export function importReport(result: ImportResult): string[] {
  const lines: string[] = [];
  if (result.tables.length === 0) {
    lines.push('没有认出部门决算表：请确认工作簿中有“收入支出决算总表”“公开01表”“Z01 …(财决01表)”等表名或表号。');
    return lines;
  }
  lines.push(`认出 ${result.tables.length} 张表：`);
  for (const t of result.tables) {
    const parts = t.parts.map((p) => `${p.sheet} 第 ${p.row} 行起${p.unit === '元' || p.unit === '千元' ? `（单位${p.unit}，已折合为万元）` : ''}`);
    lines.push(`  ${t.table}：${parts.join('；')}`);
  }
  const relevant = result.inputs.filter((r) => r.status !== 'not-found' || r.searched.length > 0);
  const n = (s: Recognition['status']) => relevant.filter((r) => r.status === s).length;
  lines.push(`找到 ${n('found')} 项，不确定 ${n('ambiguous')} 项，未找到 ${n('not-found')} 项（只列已认出的表应有的数）：`);
  for (const r of relevant) lines.push(`  ${recognitionLine(r)}`);
  return lines;
}

/** Values for our template: found figures, converted to 万元 where the table was in 元. Ambiguous ones are left for the user. */
export function importedValues(result: ImportResult): InputValues {
  const out: InputValues = {};
  for (const r of result.inputs) {
    if (r.status !== 'found' || !INPUT_BY_NAME.has(r.name)) continue;
    const v: CellValue = r.converted !== undefined ? Number(r.converted) : r.raw;
    if (isBlank(v)) continue; // blank stays blank, never 0
    out[r.name] = v;
  }
  return out;
}

export interface OfficeBindings {
  bindings: Array<{ name: string; sheet: string; cell: string }>;
  /** Found, but not bindable as it stands, and why. */
  skipped: Array<{ name: string; reason: string }>;
}

/**
 * What the Office host may bind: every found cell, except figures in a table kept in 元 — a name on
 * them would read 元 as 万元, and the user's cells are not ours to convert.
 */
export function officeBindings(result: ImportResult, chosen: Record<string, Candidate> = {}): OfficeBindings {
  const out: OfficeBindings = { bindings: [], skipped: [] };
  for (const r of result.inputs) {
    const c: Candidate | undefined = chosen[r.name] ?? (r.status === 'found' ? r : undefined);
    if (!c || !INPUT_BY_NAME.has(r.name)) continue;
    if (c.partOfCell) out.skipped.push({ name: r.name, reason: `${where(c)} 写的是“${c.label}”，名称只能指向整个单元格；请在“数据”页把该项绑定到只写单位名称的单元格` });
    else if (c.unit === '元' || c.unit === '千元')
      out.skipped.push({ name: r.name, reason: `${where(c)} 所在的表单位为${c.unit}，不能直接绑定（助手按万元读数）；请将该表换算为万元，或用“导入”生成模板` });
    else out.bindings.push({ name: r.name, sheet: c.sheet, cell: c.cell });
  }
  return out;
}
