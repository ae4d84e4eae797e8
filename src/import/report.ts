/**
 * What recognition found, in Chinese, input by input, and the values it gives our template.
 * One text for every surface (CLI and pane): found where, not found, or which candidates.
 */
import type { CellValue } from '../core/types';
import type { InputValues } from '../core/fill';
import { FUNCTION_LINE_TABLES, INPUT_BY_NAME, inputLabel } from '../catalogue/inputs';
import { colIndex, colLetter } from '../catalogue/layout';
import type { Candidate, ImportResult, Recognition } from './recognise';
import { isBlank } from './grid';
import { PROJECT_COLUMNS, PROJECT_TABLE, ProjectList, ProjectRecognition } from './projectRows';
import type { FunctionLineRecognition } from './functionLines';

function shownValue(c: Candidate): string {
  if (c.difference) {
    const { from, less } = c.difference;
    if (isBlank(c.raw)) return `${shownValue(from)} 减 ${shownValue(less)}，有空白，不能算出`;
    return `${shownValue(from)} 减 ${shownValue(less)} ＝ ${c.converted ?? c.raw}${c.converted !== undefined ? ' 万元' : ''}`;
  }
  if (isBlank(c.raw)) return '空白（未填，不按 0 计）';
  const raw =
    c.raw instanceof Date
      ? c.raw.toISOString().slice(0, 10)
      : typeof c.raw === 'object' && c.raw
        ? c.raw.error
        : String(c.raw);
  if (c.converted !== undefined) return `${raw} ${c.unit}，折合 ${c.converted} 万元`;
  if (c.unit === '元' || c.unit === '千元') return `${raw} ${c.unit}（不是数字，未换算）`;
  return raw;
}

export const where = (c: Candidate) =>
  c.difference ? `${c.sheet}!${c.cell}－${c.difference.less.cell}` : `${c.sheet}!${c.cell}`;

/** One line for one input. */
export function recognitionLine(r: Recognition): string {
  const label = `${inputLabel(r.name)}（${r.name}）`;
  switch (r.status) {
    case 'found':
      return `找到  ${label}：${where(r)}，${r.table}“${r.label}”，${shownValue(r)}`;
    case 'ambiguous':
      if (r.disagree)
        return `不一致 ${label}：各表所列不同，${r.candidates.map((c) => `${where(c)}（${c.table}）“${c.label}”＝${shownValue(c)}`).join('；')}；未导入，请核对各表后在模板中填写`;
      return `不确定 ${label}：有 ${r.candidates.length} 处可能，${r.candidates.map((c) => `${where(c)}“${c.label}”＝${shownValue(c)}`).join('；')}，请确认后绑定`;
    case 'not-found':
      return r.searched.length
        ? `未找到 ${label}：${r.searched.join('、')}中没有这一行或这一栏`
        : `未找到 ${label}：工作簿中没有认出应列此数的表`;
  }
}

const columnLabel = (key: string) => {
  const d = INPUT_BY_NAME.get(PROJECT_TABLE);
  return (d?.type === 'table' && d.columns.find((c) => c.key === key)?.label) || key;
};

/** Where a list stands: sheet and rows of each part. */
function listWhere(l: ProjectList): string {
  return l.parts
    .map(
      (p) =>
        `${p.sheet} 第 ${p.firstRow}–${p.lastRow} 行${p.inherited ? '（续表无表头，按前表各栏读取）' : `（表头在第 ${p.headerRow} 行）`}`
    )
    .join('；');
}

/** Lines for the project list: where, by which headers, what was left out and why. */
export function projectLines(r: ProjectRecognition): string[] {
  const head = `${columnLabel('项目')}等（${PROJECT_TABLE}）`;
  if (r.status === 'not-found')
    return [
      `未找到 ${head}：没有认出项目清单（表头有“项目名称”及“预算数”“决算数”等栏的表）；请把各项目填入模板的${PROJECT_TABLE}`,
    ];
  if (r.status === 'ambiguous')
    return [
      `不确定 ${head}：有 ${r.candidates.length} 张项目清单，${r.candidates.map((l) => `${listWhere(l)}（${l.rows.length} 个项目）`).join('；')}；未导入，请确认后复制到模板的${PROJECT_TABLE}`,
    ];
  const children = r.rows.filter((x) => !isBlank(x.values[PROJECT_COLUMNS.indexOf('上级项目')])).length;
  const lines = [
    `找到  ${head}：${listWhere(r)}，${r.rows.length} 个项目${children ? `（其中子项 ${children} 个）` : ''}，按用户表中的顺序导入`,
  ];
  lines.push(
    `    按表头认出的栏：${r.columns.map((c) => `${columnLabel(c.key)}＝${c.column} 栏“${c.header}”`).join('，')}`
  );
  const inferred = !r.columns.some((c) => c.key === '上级项目') && children > 0;
  if (inferred)
    lines.push(
      `    上级项目：表中无此栏，按“其中：”行及其后无序号的行推定为上一项目的子项（${children} 个）`
    );
  const missing = PROJECT_COLUMNS.filter(
    (k) =>
      !r.columns.some((c) => c.key === k) &&
      !r.ambiguousColumns.some((a) => a.key === k) &&
      !(k === '上级项目' && inferred)
  );
  if (missing.length)
    lines.push(`    表中没有的栏（留空，不按 0 计）：${missing.map(columnLabel).join('、')}`);
  for (const a of r.ambiguousColumns)
    lines.push(
      `    不确定 ${columnLabel(a.key)}：${a.candidates.map((c) => `${c.column} 栏“${c.header}”`).join('、')}都可能是，未导入，请在模板中填写`
    );
  const unit = r.columns.find((c) => c.unit === '元' || c.unit === '千元')?.unit;
  if (unit) lines.push(`    单位${unit}：金额已折合为万元`);
  if (r.totals.length === 1)
    lines.push(
      `    合计行 ${r.totals[0].sheet} 第 ${r.totals[0].row} 行：不作为项目，作为报表所列合计导入（与各项目之和核对）`
    );
  else if (r.totals.length > 1)
    lines.push(
      `    合计行有 ${r.totals.length} 处（${r.totals.map((t) => `${t.sheet} 第 ${t.row} 行`).join('、')}），不能确定哪一行是全表合计，未导入合计`
    );
  else lines.push('    表中没有合计行：项目支出合计未从此表导入');
  for (const s of r.skipped) lines.push(`    ${s.sheet} 第 ${s.row} 行“${s.label}”：${s.why}`);
  return lines;
}

/** Lines for the 类、款、项 of one 公开02 / 公开03: where, how many of each level, which columns. */
export function functionLineLines(r: FunctionLineRecognition): string[] {
  const title = FUNCTION_LINE_TABLES.find(([name]) => name === r.name)?.[1] ?? r.name;
  const count = (n: number) => r.lines.filter((l) => l.code.length === n).length;
  const bySheet = new Map<string, number[]>();
  for (const l of r.lines) bySheet.set(l.sheet, [...(bySheet.get(l.sheet) ?? []), l.row]);
  const at = [...bySheet]
    .map(([sheet, rows]) => `${sheet} 第 ${rows[0]}–${rows[rows.length - 1]} 行`)
    .join('；');
  const lines = [
    `找到  ${title}（${r.name}）：${r.from} ${at}，类 ${count(3)} 行、款 ${count(5)} 行、项 ${count(7)} 行，按表中顺序导入（合计行不导入）`,
    `    ${r.codeColumns}，金额取 ${r.amountColumn}${r.unit === '元' || r.unit === '千元' ? `；单位${r.unit}，已折合为万元` : ''}`,
  ];
  return lines;
}

/** The report: tables recognised, then every input a recognised table should hold. */
export function importReport(result: ImportResult): string[] {
  const lines: string[] = [];
  if (result.tables.length === 0 && result.projects.status === 'not-found') {
    lines.push(
      '没有认出部门决算表：请确认工作簿中有“收入支出决算总表”“公开01表”“Z01 …(财决01表)”等表名或表号。'
    );
    return lines;
  }
  if (result.tables.length) lines.push(`认出 ${result.tables.length} 张表：`);
  for (const t of result.tables) {
    const parts = t.parts.map(
      (p) =>
        `${p.sheet} 第 ${p.row} 行起${p.unit === '元' || p.unit === '千元' ? `（单位${p.unit}，已折合为万元）` : ''}`
    );
    lines.push(`  ${t.table}：${parts.join('；')}`);
  }
  const relevant = result.inputs.filter((r) => r.status !== 'not-found' || r.searched.length > 0);
  const n = (s: Recognition['status']) => relevant.filter((r) => r.status === s).length;
  lines.push(
    `找到 ${n('found')} 项，不确定 ${n('ambiguous')} 项，未找到 ${n('not-found')} 项（只列已认出的表应有的数）：`
  );
  for (const r of relevant) lines.push(`  ${recognitionLine(r)}`);
  for (const l of projectLines(result.projects)) lines.push(`  ${l}`);
  for (const f of result.functionLines) for (const l of functionLineLines(f)) lines.push(`  ${l}`);
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
  if (result.projects.status === 'found') out[PROJECT_TABLE] = result.projects.rows.map((x) => x.values);
  for (const f of result.functionLines) out[f.name] = f.lines.map((l) => [l.code, l.name || null, l.amount]);
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
    if (c.difference)
      out.skipped.push({
        name: r.name,
        reason: `${where(c)} 是两格之差（${c.label}），名称只能指向一个单元格；请在“数据”页把该项绑定到写有此数的单元格，或用“导入”生成模板`,
      });
    else if (c.partOfCell)
      out.skipped.push({
        name: r.name,
        reason: `${where(c)} 写的是“${c.label}”，名称只能指向整个单元格；请在“数据”页把该项绑定到只写单位名称的单元格`,
      });
    else if (c.unit === '元' || c.unit === '千元')
      out.skipped.push({
        name: r.name,
        reason: `${where(c)} 所在的表单位为${c.unit}，不能直接绑定（助手按万元读数）；请将该表换算为万元，或用“导入”生成模板`,
      });
    else out.bindings.push({ name: r.name, sheet: c.sheet, cell: c.cell });
  }
  const p = result.projects;
  if (p.status === 'found') {
    const range = projectRange(p);
    if (typeof range === 'string')
      out.bindings.push({ name: PROJECT_TABLE, sheet: p.parts[0].sheet, cell: range });
    else out.skipped.push({ name: PROJECT_TABLE, reason: `请复制到模板的${PROJECT_TABLE}：${range.why}` });
  } else if (p.status === 'ambiguous')
    out.skipped.push({
      name: PROJECT_TABLE,
      reason: `请复制到模板的${PROJECT_TABLE}：工作簿中有 ${p.candidates.length} 张项目清单（${p.candidates.map(listWhere).join('；')}），不能确定用哪一张`,
    });
  for (const f of result.functionLines)
    if (f.range) out.bindings.push({ name: f.name, sheet: f.range.sheet, cell: f.range.cells });
    else
      out.skipped.push({
        name: f.name,
        reason: `请用“导入”生成模板，或把各行复制到模板的${f.name}：名称只能指向科目编码、科目名称、金额三栏相邻且以万元填列的连续行（${f.codeColumns}）`,
      });
  return out;
}

/**
 * The user's own rows as our table's range, when a name on them reads as our table does: one part,
 * our seven columns side by side in our order, in 万元, each cell as typed (no 其中 prefix, no parent
 * inferred), no 合计 or 小计 row inside. Otherwise why not: the reader takes a table's columns by
 * position, so a name on columns in another order would read 决算 as 预算. Copying instead would leave
 * two copies of the figures that part as soon as the user edits theirs, so the user is asked to copy.
 */
export function projectRange(p: ProjectList): string | { why: string } {
  const order = (key: string) => p.columns.find((c) => c.key === key)?.column;
  const first = colIndex(order('项目')!);
  const ours = PROJECT_COLUMNS.map(columnLabel).join('、');
  if (p.parts.length > 1)
    return { why: `项目清单分在 ${p.parts.length} 张工作表（${listWhere(p)}），名称只能指向一个区域` };
  const inOrder =
    p.ambiguousColumns.length === 0 && PROJECT_COLUMNS.every((k, i) => order(k) === colLetter(first + i));
  if (!inOrder)
    return {
      why: `用户表的栏为 ${p.columns.map((c) => `${c.column}“${c.header}”`).join('、')}，与模板的栏序（${ours}）不同，名称按栏位读数会读错栏`,
    };
  const unit = p.columns.find((c) => c.unit === '元' || c.unit === '千元')?.unit;
  if (unit) return { why: `表的单位为${unit}，助手按万元读数` };
  if (p.rows.some((x) => x.values.some((v, i) => v !== x.typed[i])))
    return { why: '表中有“其中”子项行，上级项目需按模板填写' };
  const top = p.rows[0]?.row;
  const bottom = p.rows[p.rows.length - 1]?.row;
  if (top === undefined || bottom === undefined) return { why: '表中没有项目行' };
  if (
    [...p.totals, ...p.skipped].some((x) => x.row > top && x.row < bottom) ||
    bottom - top + 1 !== p.rows.length
  )
    return { why: '项目行之间夹有合计、小计或空行，名称只能指向连续的项目行' };
  return `${colLetter(first)}${top}:${colLetter(first + PROJECT_COLUMNS.length - 1)}${bottom}`;
}
