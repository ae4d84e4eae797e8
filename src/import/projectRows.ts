/**
 * Project lines (项目支出明细): a department's list of projects, one per row — a 项目支出绩效自评表 list,
 * the project table of a budget or 决算 report, the user's own 项目明细 sheet. Found by its header row
 * (a 项目名称 column beside 预算 / 决算 columns), not by a table code: these lists have no national
 * layout. Rows are read down to the end of the list; 合计 rows are the list's stated total, 小计 rows
 * are skipped and said; a list continued on the next sheet (“续”, with or without its headers) is one list.
 * Pure, like {@link recognise}: grids in, a description of what was found out.
 */
import type { CellValue } from '../core/types';
import { D, Dec } from '../core/decimal';
import { parseCell } from '../core/parse';
import { colLetter } from '../catalogue/layout';
import { INPUT_BY_NAME } from '../catalogue/inputs';
import type { TableDecl } from '../catalogue/types';
import { Grid, ImportSheet, isBlank, isNumberLike, normalise } from './grid';

export const PROJECT_TABLE = '项目支出明细表';

type Unit = '元' | '万元' | '千元';

/**
 * Headers a user's list gives each column of our 项目支出明细表, best first (compared after
 * {@link normalise}, a unit in brackets removed). 执行率 and 得分 columns are not ours: the assistant computes them.
 */
export const PROJECT_HEADERS: Record<string, string[]> = {
  项目: ['项目名称', '二级项目名称', '项目(名称)', '项目名', '项目'],
  上级项目: ['上级项目', '所属项目', '一级项目名称', '一级项目'],
  年初预算: ['年初预算数', '年初预算', '年初批复预算数', '年初批复数'],
  年中追加: ['年中追加预算数', '年中追加', '追加预算数', '本年追加数', '追加数'],
  预算总额: ['预算总额', '全年预算数', '全年预算', '调整后预算数', '调整后预算', '批复预算数', '预算数'],
  决算数: ['年度决算数', '决算数', '本年决算数', '全年执行数', '实际支出数', '实际支出', '执行数', '支出数'],
  重点项目: ['是否重点项目', '重点项目'],
};

/** Our table's columns in declaration order. */
export const PROJECT_COLUMNS: string[] = (INPUT_BY_NAME.get(PROJECT_TABLE) as TableDecl).columns.map(
  (c) => c.key
);

const AMOUNT_KEYS = ['年初预算', '年中追加', '预算总额', '决算数'];
/** A bare “项目” header is a project list only where the sheet or the title above says so (公开01's 项目 column is not). */
const PROJECT_CONTEXT = /项目支出|项目明细|项目清单|项目情况|自评表/;
/** Headers that tell a 科目 table (功能分类 rows), not a project list. */
const NOT_A_LIST = ['行次', '科目编码', '科目名称', '功能分类科目编码'];
const TOTAL = /^(合计|总计|项目支出合计|项目合计|项目支出总计)$/;
const SUBTOTAL = /^(小计|本页小计|本页合计)$/;
/** Lines under a table that end it. */
const FOOTER = /^(注|说明|备注|填表人|审核人|单位负责人|财务负责人|制表人|填报日期)/;
const UNIT_LINE = /单位[:：]?(万元|千元|元)/;
const UNIT_SUFFIX = /\((万元|千元|元)\)$/;

export interface ProjectColumn {
  /** Our column key. */
  key: string;
  /** Column letter in the user's sheet. */
  column: string;
  /** The header it matched, as the sheet writes it (merged headers joined by ／). */
  header: string;
  unit?: Unit;
}

export interface ProjectLine {
  sheet: string;
  /** 1-based sheet row. */
  row: number;
  /** In our column order, amounts in 万元 (converted where the list is in 元); blanks stay blank. */
  values: CellValue[];
  /** The same cells as typed (before conversion), for the report. */
  typed: CellValue[];
}

export interface ProjectListPart {
  sheet: string;
  /** 1-based: the header row (or the continuation's first row) and the last row read. */
  headerRow: number;
  firstRow: number;
  lastRow: number;
  /** The continuation had no headers of its own and was read by the first part's columns. */
  inherited?: boolean;
}

export interface ProjectList {
  parts: ProjectListPart[];
  columns: ProjectColumn[];
  /** Our columns two or more of the user's columns could be: left empty, each candidate said. */
  ambiguousColumns: Array<{ key: string; candidates: ProjectColumn[] }>;
  /** The table's unit as stated (header line or column header). */
  unit?: Unit;
  rows: ProjectLine[];
  /** 合计 rows: the list's stated total. */
  totals: ProjectLine[];
  /** Rows not taken as projects, and why (小计). */
  skipped: Array<{ sheet: string; row: number; label: string; why: string }>;
}

export type ProjectRecognition =
  | ({ name: typeof PROJECT_TABLE; status: 'found' } & ProjectList)
  | { name: typeof PROJECT_TABLE; status: 'ambiguous'; candidates: ProjectList[] }
  | { name: typeof PROJECT_TABLE; status: 'not-found' };

const headerText = (s: string) => s.replace(UNIT_SUFFIX, '');

function keyOf(header: string): { key: string; rank: number } | undefined {
  const h = headerText(header);
  for (const [key, variants] of Object.entries(PROJECT_HEADERS)) {
    const rank = variants.indexOf(h);
    if (rank >= 0) return { key, rank };
  }
  return undefined;
}

const isFigure = (v: CellValue) =>
  typeof v === 'number' || (typeof v === 'string' && isNumberLike(v) && /\d/.test(v));

/** The stated unit on the lines just above a header row. */
function unitAbove(grid: Grid, h: number): Unit | undefined {
  for (let r = h; r >= Math.max(0, h - 3); r--)
    for (let c = 0; c < grid.cols; c++) {
      const m = UNIT_LINE.exec(grid.text(r, c));
      if (m) return m[1] as Unit;
    }
  return undefined;
}

interface Layout {
  nameCol: number;
  serialCol?: number;
  columns: ProjectColumn[];
  /** Column index by our key. */
  at: Map<string, number>;
  ambiguousColumns: ProjectList['ambiguousColumns'];
  unit?: Unit;
  /** Per column unit, where a header states one. */
  units: Map<number, Unit>;
}

/** The header rows starting at h: h itself, then rows under a merged header (no figures, name cell merged or blank). */
function headerEnd(grid: Grid, h: number, nameCol: number): number {
  let end = h;
  for (let r = h + 1; r < Math.min(grid.rows, h + 4); r++) {
    let figures = 0;
    let texts = 0;
    for (let c = 0; c < grid.cols; c++) {
      if (grid.covered(r, c)) continue;
      const v = grid.raw(r, c);
      if (isFigure(v)) figures++;
      else if (!isBlank(v)) texts++;
    }
    const numbering = grid.text(r, nameCol) === '栏次' || grid.text(r, nameCol) === '行次';
    const underMerged =
      grid.covered(r, nameCol) || (isBlank(grid.raw(r, nameCol)) && texts > 0 && figures === 0);
    if (numbering || (underMerged && figures === 0)) end = r;
    else break;
  }
  return end;
}

/** A header row at h with a project-name column and at least one amount column: the list's layout. */
function layoutAt(grid: Grid, h: number): { layout: Layout; end: number } | undefined {
  let nameCol = -1;
  for (let c = 0; c < grid.cols && nameCol < 0; c++)
    if (!grid.covered(h, c) && keyOf(grid.text(h, c))?.key === '项目') nameCol = c;
  if (nameCol < 0) return undefined;
  const bare = headerText(grid.text(h, nameCol)) === '项目';
  if (bare) {
    let context = grid.sheet.name;
    for (let r = Math.max(0, h - 3); r < h; r++) context += grid.rowText(r);
    if (!PROJECT_CONTEXT.test(normalise(context))) return undefined;
  }
  const end = headerEnd(grid, h, nameCol);
  const best = new Map<string, Array<{ c: number; rank: number; header: string }>>();
  let serialCol: number | undefined;
  const units = new Map<number, Unit>();
  for (let c = 0; c < grid.cols; c++) {
    if (c === nameCol) continue;
    const path: string[] = [];
    for (let r = h; r <= end; r++) {
      const t = grid.text(r, c);
      if (t && !isNumberLike(grid.value(r, c)) && path[path.length - 1] !== t) path.push(t);
    }
    if (path.some((p) => NOT_A_LIST.includes(p))) return undefined;
    const leaf = path[path.length - 1];
    if (!leaf) continue;
    if (leaf === '序号') serialCol = c;
    const u = UNIT_SUFFIX.exec(leaf) ?? path.map((p) => UNIT_SUFFIX.exec(p)).find((m) => m);
    if (u) units.set(c, u[1] as Unit);
    const k = keyOf(leaf);
    if (!k || k.key === '项目') continue;
    (best.get(k.key) ?? (best.set(k.key, []), best.get(k.key)!)).push({
      c,
      rank: k.rank,
      header: path.join('／'),
    });
  }
  if (![...best.keys()].some((k) => AMOUNT_KEYS.includes(k))) return undefined;
  const unit = unitAbove(grid, h);
  const show = (key: string, c: number, header: string): ProjectColumn => {
    const col: ProjectColumn = { key, column: colLetter(c), header };
    const u = units.get(c) ?? unit;
    if (u && AMOUNT_KEYS.includes(key)) col.unit = u;
    return col;
  };
  const at = new Map<string, number>([['项目', nameCol]]);
  const columns: ProjectColumn[] = [show('项目', nameCol, String(grid.value(h, nameCol)).trim())];
  const ambiguousColumns: ProjectList['ambiguousColumns'] = [];
  for (const key of PROJECT_COLUMNS) {
    const cands = best.get(key);
    if (!cands) continue;
    const top = Math.min(...cands.map((x) => x.rank));
    const chosen = cands.filter((x) => x.rank === top);
    if (chosen.length === 1) {
      at.set(key, chosen[0].c);
      columns.push(show(key, chosen[0].c, chosen[0].header));
    } else ambiguousColumns.push({ key, candidates: chosen.map((x) => show(key, x.c, x.header)) });
  }
  return { layout: { nameCol, serialCol, columns, at, ambiguousColumns, unit, units }, end };
}

/** A figure as our table holds it: 元 and 千元 converted to 万元; blanks, dashes and text as typed. */
function amountOf(v: CellValue, unit: Unit | undefined): CellValue {
  if (unit !== '元' && unit !== '千元') return v;
  if (!isFigure(v)) return v;
  const parsed = parseCell(v, 'amount', { name: PROJECT_TABLE, label: '' });
  return parsed.value instanceof D
    ? Number((parsed.value as Dec).div(unit === '元' ? 10000 : 10).toString())
    : v;
}

interface Scan {
  list: ProjectList;
  layout: Layout;
  /** The last top-level project read, for 其中 lines that follow it, and whether the rows now read are its sub-items. */
  parent?: string;
  underParent?: boolean;
}

/** Reads rows from `from` down, into `scan`; returns the last row read (0-based). */
function readRows(grid: Grid, from: number, scan: Scan): number {
  const { layout, list } = scan;
  const sheet = grid.sheet.name;
  let last = from - 1;
  let blanks = 0;
  for (let r = from; r < grid.rows; r++) {
    const rawName = grid.value(r, layout.nameCol);
    const name = typeof rawName === 'string' ? rawName.trim() : isBlank(rawName) ? '' : String(rawName);
    const cells = PROJECT_COLUMNS.map((k) => (layout.at.has(k) ? grid.value(r, layout.at.get(k)!) : null));
    const anyFigure = cells.some((v, i) => AMOUNT_KEYS.includes(PROJECT_COLUMNS[i]) && !isBlank(v));
    if (!name && !anyFigure) {
      if (++blanks >= 2) break;
      continue;
    }
    blanks = 0;
    const n = normalise(name);
    if (FOOTER.test(n) || layoutAt(grid, r)) break;
    last = r;
    const values = cells.map((v, i) => {
      const key = PROJECT_COLUMNS[i];
      return AMOUNT_KEYS.includes(key)
        ? amountOf(v, layout.units.get(layout.at.get(key)!) ?? layout.unit)
        : v;
    });
    const line: ProjectLine = { sheet, row: r + 1, values, typed: cells };
    if (TOTAL.test(n)) {
      list.totals.push(line);
      continue;
    }
    if (SUBTOTAL.test(n)) {
      list.skipped.push({ sheet, row: r + 1, label: name, why: '小计行，不作为项目' });
      continue;
    }
    // “其中：…” opens the sub-items of the project above; with a 序号 column they run until the next numbered row.
    const serial = layout.serialCol === undefined ? null : grid.value(r, layout.serialCol);
    if (/^其中/.test(name)) scan.underParent = true;
    else if (layout.serialCol === undefined || !isBlank(serial)) scan.underParent = false;
    values[0] = name.replace(/^其中[:：]?\s*/, '') || null;
    const parentAt = PROJECT_COLUMNS.indexOf('上级项目');
    if (scan.underParent && scan.parent && isBlank(values[parentAt])) values[parentAt] = scan.parent;
    if (!scan.underParent && isBlank(values[parentAt]) && name) scan.parent = name;
    list.rows.push(line);
  }
  return last;
}

const emptyList = (layout: Layout): ProjectList => ({
  parts: [],
  columns: layout.columns,
  ambiguousColumns: layout.ambiguousColumns,
  ...(layout.unit ? { unit: layout.unit } : {}),
  rows: [],
  totals: [],
  skipped: [],
});

/** A sheet continuing the one before: its name or first line says 续. */
function continues(grid: Grid): number | undefined {
  if (/续/.test(grid.sheet.name)) return 0;
  for (let r = 0; r < Math.min(grid.rows, 2); r++) if (/续/.test(grid.rowText(r))) return r + 1;
  return undefined;
}

const sameColumns = (a: ProjectList, b: ProjectList) =>
  a.columns.map((c) => `${c.key}${c.column}`).join() === b.columns.map((c) => `${c.key}${c.column}`).join();

/** Every project list in the workbook; a list continued on the next sheet is one list. */
export function findProjectLists(sheets: ImportSheet[]): ProjectList[] {
  const lists: ProjectList[] = [];
  let open: Scan | undefined;
  for (const sheet of sheets) {
    const grid = new Grid(sheet);
    let foundHere = false;
    for (let h = 0; h < grid.rows; h++) {
      const at = layoutAt(grid, h);
      if (!at) continue;
      const scan: Scan = { list: emptyList(at.layout), layout: at.layout };
      const last = readRows(grid, at.end + 1, scan);
      const part: ProjectListPart = {
        sheet: sheet.name,
        headerRow: h + 1,
        firstRow: at.end + 2,
        lastRow: last + 1,
      };
      // The same headers again on a 续 sheet, after a part with no 合计 yet: the list goes on.
      const prev = lists[lists.length - 1];
      if (
        !foundHere &&
        open &&
        prev &&
        prev.totals.length === 0 &&
        continues(grid) !== undefined &&
        sameColumns(prev, scan.list)
      ) {
        prev.parts.push(part);
        prev.rows.push(...scan.list.rows);
        prev.totals.push(...scan.list.totals);
        prev.skipped.push(...scan.list.skipped);
      } else {
        scan.list.parts.push(part);
        lists.push(scan.list);
      }
      open = scan;
      foundHere = true;
      h = last;
    }
    if (foundHere) continue;
    // A continuation without headers: read by the columns of the list before it.
    const from = continues(grid);
    const prev = lists[lists.length - 1];
    if (open && prev && from !== undefined && prev.totals.length === 0) {
      const scan: Scan = { ...open, list: prev };
      const last = readRows(grid, from, scan);
      if (last >= from)
        prev.parts.push({
          sheet: sheet.name,
          headerRow: from + 1,
          firstRow: from + 1,
          lastRow: last + 1,
          inherited: true,
        });
    }
    open = undefined;
  }
  return lists;
}

/** “1、业务工作专项”, “（2）运行维护专项”: a numbered line under the 基础数据表's 项目支出 row. */
const NUMBERED = /^\s*(?:\d+|[一二三四五六七八九十]+)\s*[、.．]\s*|^\s*[（(]\s*\d+\s*[）)]\s*/;
/** The 基础数据表's 经费控制情况 columns our project columns come from (framework §2.8: 上年决算数 | 本年预算数 | 本年决算数). */
const BASIC_COLUMNS: Array<[key: string, headers: string[]]> = [
  ['年初预算', ['本年预算数', '本年预算']],
  ['决算数', ['本年决算数', '本年决算']],
];

/**
 * The 湖南 基础数据表's project lines: the numbered rows under its 项目支出 row (1、业务工作专项 …), by
 * the 经费控制情况 header above them. The 项目支出 row itself is the total the 基础数据表 declaration reads.
 */
export function findBasicDataLists(sheets: ImportSheet[]): ProjectList[] {
  const lists: ProjectList[] = [];
  for (const sheet of sheets) {
    const grid = new Grid(sheet);
    for (let h = 0; h < grid.rows; h++) {
      const at = new Map<string, number>();
      for (let c = 0; c < grid.cols; c++)
        for (const [key, headers] of BASIC_COLUMNS)
          if (!at.has(key) && headers.includes(headerText(grid.text(h, c)))) at.set(key, c);
      if (at.size < BASIC_COLUMNS.length) continue;
      const labelCol = 0; // the row labels (三公经费, 项目支出, 公用经费) stand in the first column
      let total = -1;
      for (let r = h + 1; r < grid.rows && total < 0; r++)
        if (grid.text(r, labelCol) === '项目支出') total = r;
      if (total < 0) continue;
      const unit = unitAbove(grid, h);
      const columns: ProjectColumn[] = [
        { key: '项目', column: colLetter(labelCol), header: '项目支出（其下各行）' },
      ];
      for (const [key] of BASIC_COLUMNS)
        columns.push({
          key,
          column: colLetter(at.get(key)!),
          header: String(grid.value(h, at.get(key)!)).trim(),
          ...(unit ? { unit } : {}),
        });
      const list: ProjectList = {
        parts: [],
        columns,
        ambiguousColumns: [],
        ...(unit ? { unit } : {}),
        rows: [],
        totals: [],
        skipped: [],
      };
      const line = (r: number, name: CellValue): ProjectLine => {
        const typed = PROJECT_COLUMNS.map((k) =>
          k === '项目' ? grid.value(r, labelCol) : at.has(k) ? grid.value(r, at.get(k)!) : null
        );
        const values = typed.map((v, i) =>
          i === 0 ? name : AMOUNT_KEYS.includes(PROJECT_COLUMNS[i]) ? amountOf(v, unit) : v
        );
        return { sheet: sheet.name, row: r + 1, values, typed };
      };
      let last = total;
      for (let r = total + 1; r < grid.rows; r++) {
        const label = grid.value(r, labelCol);
        if (typeof label !== 'string' || !NUMBERED.test(label)) break;
        list.rows.push(line(r, label.replace(NUMBERED, '').trim()));
        last = r;
      }
      // The 项目支出 row is the lines' total, as the 合计 row of a list.
      list.totals.push(line(total, '项目支出'));
      if (list.rows.length === 0) continue;
      list.parts.push({ sheet: sheet.name, headerRow: h + 1, firstRow: total + 2, lastRow: last + 1 });
      lists.push(list);
      h = last;
    }
  }
  return lists;
}

/**
 * The workbook's project list: one found, several (each a candidate), or none. A list with its own
 * 项目名称 header is preferred to the 基础数据表's lines, which group projects by kind of 专项.
 */
export function recogniseProjects(sheets: ImportSheet[]): ProjectRecognition {
  const withHeaders = findProjectLists(sheets).filter((l) => l.rows.length > 0 || l.totals.length > 0);
  const lists = withHeaders.length ? withHeaders : findBasicDataLists(sheets);
  if (lists.length === 1) return { name: PROJECT_TABLE, status: 'found', ...lists[0] };
  if (lists.length > 1) return { name: PROJECT_TABLE, status: 'ambiguous', candidates: lists };
  return { name: PROJECT_TABLE, status: 'not-found' };
}

/** Where a list's 合计 row puts each of our 项目_合计_… inputs: cell, header, value (converted). */
export function projectTotals(list: ProjectList): Array<{
  name: string;
  sheet: string;
  cell: string;
  label: string;
  raw: CellValue;
  converted?: string;
  unit?: Unit;
}> {
  if (list.totals.length !== 1) return [];
  const t = list.totals[0];
  return list.columns
    .filter((c) => AMOUNT_KEYS.includes(c.key))
    .map((c) => {
      const i = PROJECT_COLUMNS.indexOf(c.key);
      const value = t.values[i];
      const converted =
        (c.unit === '元' || c.unit === '千元') && typeof value === 'number' ? String(value) : undefined;
      return {
        name: `项目_合计_${c.key}`,
        sheet: t.sheet,
        cell: `${c.column}${t.row}`,
        label: `合计（${c.header}）`,
        raw: t.typed[i],
        ...(converted !== undefined ? { converted } : {}),
        ...(c.unit ? { unit: c.unit } : {}),
      };
    });
}
