/**
 * Import by recognition: finds the standard 部门决算 tables in the user's own sheets (by code or
 * title, in the sheet name or above the table), and in them the cell of each of our inputs by row
 * label and column header. Pure: takes grids of values and merges, returns, input by input, where
 * it was found, that it was not, or the candidates between which it cannot choose.
 */
import type { CellValue } from '../core/types';
import { D, Dec } from '../core/decimal';
import { parseCell } from '../core/parse';
import { a1 } from '../catalogue/layout';
import { Grid, ImportSheet, isBlank, isNumberLike, normalise } from './grid';
import { TABLE_KEYS, TableSpec, Target } from './tables';
import { parseHeaderLine } from './headerLine';
import { PROJECT_TABLE, ProjectRecognition, projectTotals, recogniseProjects } from './projectRows';
import { FunctionLineRecognition, recogniseFunctionLines } from './functionLines';

export type { ImportSheet, Merge } from './grid';

/** One place an input may come from. */
export interface Candidate {
  sheet: string;
  /** `B7`, no sheet. */
  cell: string;
  /** The table, as {@link TableSpec.id}. */
  table: string;
  /** The row label and column header it matched, as the sheet writes them. */
  label: string;
  /** The cell's value as typed. */
  raw: CellValue;
  /** The value in 万元 when the table is in 元 (a decimal string), else absent. */
  converted?: string;
  /** The table's stated unit, when it states one. */
  unit?: '元' | '万元' | '千元';
  /** The figure is part of the cell's text (“部门：某单位”), not the whole cell: a name cannot point at it. */
  partOfCell?: boolean;
  /** The figure is one cell less another (全年预算数 − 年初预算数): `raw` is the difference, no name can point at it. */
  difference?: { from: Candidate; less: Candidate };
}

export type Recognition =
  | ({ name: string; status: 'found' } & Candidate)
  | {
      name: string;
      status: 'ambiguous';
      candidates: Candidate[];
      /** The tables state different values of what must be one (the year): a finding, not a choice. */
      disagree?: boolean;
    }
  | {
      name: string;
      status: 'not-found';
      /** Tables that should hold it and were found. */ searched: string[];
    };

export interface TableFound {
  table: string;
  /** Where each part of it is: sheet and first row (1-based). */
  parts: Array<{ sheet: string; row: number; unit?: Candidate['unit'] }>;
}

export interface ImportResult {
  tables: TableFound[];
  /** Every input some table can hold, in declaration order of the tables. */
  inputs: Recognition[];
  /** The project lines (our 项目支出明细表), found by their header row. */
  projects: ProjectRecognition;
  /** The 类、款、项 lines of 公开02 / 公开03 (our 功能分类收入明细表 / 功能分类支出明细表), where those tables have any. */
  functionLines: FunctionLineRecognition[];
}

/** A stretch of rows of one sheet that holds (part of) one table. */
interface Part {
  spec: TableSpec;
  grid: Grid;
  /** Title row (or −1 when the sheet name alone told the table). */
  top: number;
  bottom: number;
  unit?: Candidate['unit'];
  /** First row holding figures; rows between top and it are headers. */
  firstData: number;
  /** The part whose headers this continuation shares. */
  inherit?: Part;
  /** Caches: label cells by text, header paths by column. */
  labels?: Map<string, Array<[number, number]>>;
  paths?: Map<number, string[]>;
}

/** A figure, not a dash: numbers, or numbers typed as text. */
const isFigure = (v: CellValue) =>
  typeof v === 'number' || (typeof v === 'string' && isNumberLike(v) && /\d/.test(v));

// ------------------------------------------------------------------ finding the tables

/** Codes in a sheet name as the 决算 software writes them: “Z05_1 …”, “F01 …”, “…(财决08-1表)”, “公开01表”. */
function codesIn(text: string): string[] {
  const s = normalise(text).toUpperCase();
  const out: string[] = [];
  const z = /^([ZF])(\d{2})(?:_(\d))?/.exec(s);
  if (z) out.push(`${z[1]}${z[2]}${z[3] ? `_${z[3]}` : ''}`);
  for (const m of s.matchAll(/(公开|财决)(附)?(\d{1,2})(?:-(\d))?表?/g)) {
    const n = m[3].padStart(2, '0');
    out.push(`${m[1]}${m[2] ?? ''}${n}${m[4] ? `-${m[4]}` : ''}`);
  }
  return out;
}

/**
 * The table a text names: by the longest title it contains (so 财政拨款收入支出决算总表 is not taken
 * for 收入支出决算总表), or failing that by code. `truncated` also accepts a text that is the start of
 * a title (a sheet name cut at 31 characters).
 */
function tableNamedBy(text: string, truncated: boolean): TableSpec | undefined {
  const s = normalise(text).replace(/^[ZF]\d{2}(?:_\d)?/i, '');
  let best: { spec: TableSpec; len: number } | undefined;
  for (const k of TABLE_KEYS) {
    for (const t of k.titles) {
      const hit = s.includes(t) || (truncated && s.length >= 6 && t.startsWith(s.replace(/\(.*$/, '')));
      const len = s.includes(t) ? t.length : s.length;
      // A title preceded by 财政拨款 / 一般公共预算 belongs to a longer title we also know.
      if (hit && (!best || len > best.len)) best = { spec: k.spec, len };
    }
  }
  if (best) return best.spec;
  const codes = codesIn(text);
  return TABLE_KEYS.find((k) => k.codes.some((c) => codes.includes(c)))?.spec;
}

function unitIn(grid: Grid, from: number, to: number): Candidate['unit'] {
  for (let r = Math.max(0, from); r <= Math.min(to, grid.rows - 1); r++)
    for (let c = 0; c < grid.cols; c++) {
      const v = grid.raw(r, c);
      const unit = typeof v === 'string' ? parseHeaderLine(v).unit : undefined;
      if (unit) return unit;
    }
  return undefined;
}

/** Labels a 栏次 row gives its label columns instead of numbers. */
const NUMBERING_LABELS = /^(栏次|行次|项目|甲|乙|丙|丁|[A-D])$/;

/**
 * A 栏次 row: says 栏次, or numbers its columns 1, 2, 3 … (each block of a 双栏 table may start
 * again at 1), its label columns blank or lettered 甲 乙.
 */
function isColumnNumbering(grid: Grid, r: number): boolean {
  const nums: number[] = [];
  let says = false;
  for (let c = 0; c < grid.cols; c++) {
    if (grid.covered(r, c)) continue;
    const t = grid.text(r, c);
    if (t === '栏次' || t === '行次') says = true;
    const v = grid.value(r, c);
    if (isNumberLike(v)) nums.push(Number(String(v).trim()));
    // Any other word (金额, 决算数 …) makes it a header row that has a 行次 column, not a 栏次 row.
    else if (t && !NUMBERING_LABELS.test(t) && !t.startsWith('栏')) return false;
  }
  if (says) return true;
  return (
    nums.length >= 2 && nums[0] === 1 && nums.every((n, i) => i === 0 || n === nums[i - 1] + 1 || n === 1)
  );
}

/** A title or code cell in the first columns of a row, naming a table. */
function titleAt(grid: Grid, r: number): TableSpec | undefined {
  for (let c = 0; c < grid.cols; c++) {
    if (grid.covered(r, c)) continue;
    const t = grid.text(r, c);
    if (!t || t.length > 40) continue;
    // A title cell is the title, perhaps with a year or unit name in front and a code after.
    if (!/表(\(.*\))?$/.test(t) && !/^(公开|财决)\d/.test(t)) continue;
    const spec = tableNamedBy(t, false);
    if (spec) return spec;
  }
  return undefined;
}

function partsOf(sheets: ImportSheet[]): Part[] {
  const parts: Part[] = [];
  let previous: TableSpec | undefined;
  for (const sheet of sheets) {
    const grid = new Grid(sheet);
    const starts: Array<{ row: number; spec: TableSpec }> = [];
    for (let r = 0; r < grid.rows; r++) {
      const spec = titleAt(grid, r);
      // A title and its code on two rows name one table once.
      if (
        spec &&
        !(starts.length && starts[starts.length - 1].spec === spec && r - starts[starts.length - 1].row <= 2)
      )
        starts.push({ row: r, spec });
    }
    const named = tableNamedBy(sheet.name, true) ?? (/续/.test(sheet.name) ? previous : undefined);
    if (starts.length === 0 || (named && starts[0].row > 3)) {
      if (named) starts.unshift({ row: -1, spec: named });
      else if (previous && starts.length === 0 && /续/.test(normalise(String(grid.value(0, 0) ?? ''))))
        starts.unshift({ row: -1, spec: previous });
    }
    starts.forEach((s, i) => {
      const bottom = i + 1 < starts.length ? starts[i + 1].row - 1 : grid.rows - 1;
      let firstData = bottom + 1;
      for (let r = s.row + 1; r <= bottom; r++) {
        let numeric = false;
        for (let c = 0; c < grid.cols && !numeric; c++)
          numeric = !grid.covered(r, c) && isFigure(grid.value(r, c));
        if (numeric && !isColumnNumbering(grid, r)) {
          firstData = r;
          break;
        }
      }
      // A table with no figures at all: its headers end at the 栏次 row, or at the first row label.
      if (firstData > bottom)
        firstData = Math.min(
          bottom + 1,
          Math.max(s.row + 1, ...rowsNumbering(grid, s.row + 1, bottom).map((x) => x + 1))
        );
      // A continuation without headers of its own reads its columns by the part before it.
      const before = [...parts].reverse().find((x) => x.spec === s.spec);
      const inherit = firstData <= s.row + 1 && before ? before : undefined;
      parts.push({
        spec: s.spec,
        grid,
        top: s.row,
        bottom,
        firstData,
        unit: unitIn(grid, s.row, firstData - 1) ?? inherit?.unit,
        inherit,
      });
      previous = s.spec;
    });
  }
  return parts;
}

function rowsNumbering(grid: Grid, from: number, to: number): number[] {
  const out: number[] = [];
  for (let r = from; r <= to; r++) if (isColumnNumbering(grid, r)) out.push(r);
  return out.slice(0, 1);
}

// ------------------------------------------------------------------ finding the cells

const LABEL_HEADERS = ['项目', '科目名称', '科目编码', '功能分类科目编码', '经济分类科目编码'];
const NOT_AMOUNT = ['行次', '栏次', '编码', '代码', '科目编码'];
const AMOUNT_HEADERS = ['决算数', '本年决算', '决算', '金额', '合计'];

/** A header row's own text at (r, c): not a number, not the header line (编制单位, 年度, 单位), not the title or code. */
function headerText(p: Part, r: number, c: number): string {
  const t = p.grid.text(r, c);
  if (!t || isNumberLike(p.grid.value(r, c))) return '';
  const raw = p.grid.value(r, c);
  if (typeof raw === 'string') {
    const line = parseHeaderLine(raw);
    if (line.unit || line.unitName || line.year) return '';
  }
  if (codesIn(t).length && t.length <= 12) return '';
  return t;
}

/**
 * Headers above a column within a part: texts of its header rows, outermost first. A group header
 * typed once and not merged covers the blank cells to its right that have headers of their own
 * below them (公开07's 预算数 over six columns); a blank with nothing below it continues nothing.
 */
function headerPath(p: Part, c: number): string[] {
  if (p.inherit) return headerPath(p.inherit, c);
  const rows: number[] = [];
  for (let r = p.top + 1; r < p.firstData; r++)
    if (!isColumnNumbering(p.grid, r) && titleAt(p.grid, r) !== p.spec) rows.push(r);
  const out: string[] = [];
  rows.forEach((r, i) => {
    let t = headerText(p, r, c);
    if (!t && !p.grid.covered(r, c) && rows.slice(i + 1).some((below) => headerText(p, below, c))) {
      for (let x = c - 1; x >= 0 && !t; x--) {
        t = headerText(p, r, x);
        // A blank that continues a merged area continues what the area says.
        if (!t && p.grid.covered(r, x)) t = p.grid.text(r, x);
        // The group ends where the columns to its left have nothing below them either (a label column).
        if (!t && !rows.slice(i + 1).some((below) => headerText(p, below, x))) break;
      }
    }
    if (t && out[out.length - 1] !== t) out.push(t);
  });
  return out;
}

/** A sub-header within the figures (基础数据表's second block): the nearest text above row r in column c. */
function localHeader(p: Part, c: number, r: number): string | undefined {
  for (let y = r - 1; y >= p.firstData; y--) {
    const v = p.grid.value(y, c);
    if (!isBlank(v) && !isNumberLike(v)) return p.grid.text(y, c);
  }
  return undefined;
}

function columnFits(path: string[], t: Target): boolean {
  const joined = path.join('|');
  if (NOT_AMOUNT.some((w) => joined.includes(w))) return false;
  // A header whose words are broken over two rows (因公出国 / (境)费) reads as one as well.
  const whole = `${joined}|${path.join('')}`;
  if (t.col && !t.col.every((g) => g.some((w) => whole.includes(normalise(w))))) return false;
  const leaves = [path[path.length - 1] ?? '', path.slice(-2).join('')];
  if (t.leaf && !t.leaf.map(normalise).some((l) => leaves.includes(l))) return false;
  if (t.not && t.not.some((w) => joined.includes(normalise(w)))) return false;
  return true;
}

/** Every text cell of a part by its normalised text, and again without a leading year or 科目编码; in row order. */
function labelIndex(p: Part): Map<string, Array<[number, number]>> {
  if (p.labels) return p.labels;
  const index = new Map<string, Array<[number, number]>>();
  const add = (k: string, at: [number, number]) =>
    (index.get(k) ?? (index.set(k, []), index.get(k)!)).push(at);
  for (let r = p.top + 1; r <= p.bottom; r++)
    for (let c = 0; c < p.grid.cols; c++) {
      const v = p.grid.raw(r, c);
      if (typeof v !== 'string' || p.grid.covered(r, c)) continue;
      const text = normalise(v);
      const bare = text.replace(/^\d{4}年度?/, '').replace(/^\d{3,7}/, '');
      add(text, [r, c]);
      if (bare !== text) add(bare, [r, c]);
    }
  p.labels = index;
  return index;
}

function toCandidate(p: Part, r: number, c: number, label: string, count = false): Candidate {
  const raw = p.grid.raw(r, c);
  const cand: Candidate = { sheet: p.grid.sheet.name, cell: a1(r, c), table: p.spec.id, label, raw };
  if (count) return cand;
  if (p.unit) cand.unit = p.unit;
  if (p.unit === '元' || p.unit === '千元') {
    const parsed = parseCell(raw, 'amount', { name: '', label });
    if (parsed.value instanceof D)
      cand.converted = (parsed.value as Dec).div(p.unit === '元' ? 10000 : 10).toString();
  }
  return cand;
}

/** The value cells a row label at (r, c) leads to: right of it, up to the next label. */
function valueColumns(p: Part, r: number, c: number, path: (x: number) => string[]): number[] {
  const out: number[] = [];
  for (let x = c + 1; x < p.grid.cols; x++) {
    if (p.grid.covered(r, x) && p.grid.value(r, x) === p.grid.value(r, c)) continue; // the label's own merged area
    // The next block's label column (双栏 tables) ends this row's figures; a blank one (科目名称 beside 合计) is passed.
    if (LABEL_HEADERS.includes(path(x)[path(x).length - 1] ?? '')) {
      if (isBlank(p.grid.value(r, x)) && out.length === 0) continue;
      break;
    }
    const v = p.grid.raw(r, x);
    if (!isBlank(v) && !isNumberLike(v) && typeof v === 'string') break;
    // A blank under 科目编码 (its 类 | 款 | 项 columns beside a 合计 label) is part of the label, not a figure.
    if (isBlank(v) && path(x).some((h) => NOT_AMOUNT.some((w) => h.includes(w)))) continue;
    out.push(x);
  }
  return out;
}

/** Candidates for one target within one part, best label variant first. */
function findIn(p: Part, t: Target): Candidate[] {
  const paths = (p.paths ??= new Map<number, string[]>());
  const path = (c: number) => paths.get(c) ?? (paths.set(c, headerPath(p, c)), paths.get(c)!);
  const showPath = (c: number) => path(c).slice(-2).join('／');
  if (!t.row) {
    const cols: number[] = [];
    for (let c = 0; c < p.grid.cols; c++)
      if (!p.grid.covered(p.firstData, c) && columnFits(path(c), t)) cols.push(c);
    return cols.map((c) => toCandidate(p, p.firstData, c, showPath(c), t.count));
  }
  let found: Array<{ r: number; c: number; label: string }> = [];
  const start = t.below ? p.top + 1 : p.firstData;
  for (const variant of t.row) {
    found = (labelIndex(p).get(normalise(variant)) ?? [])
      .filter(
        ([r, c]) =>
          r >= start &&
          !(t.side && !path(c).some((h) => h.includes(t.side!)) && path(c).some((h) => /收入|支出/.test(h)))
      )
      .map(([r, c]) => ({ r, c, label: String(p.grid.raw(r, c)).trim() }));
    if (found.length) break;
  }
  if (t.under) {
    // A line repeated under a heading (公开04's 一般公共预算财政拨款 under 年初财政拨款结转和结余): the one below it.
    const heading = t.under
      .flatMap((u) => labelIndex(p).get(normalise(u)) ?? [])
      .filter(([r]) => r >= start)
      .sort((a, b) => a[0] - b[0])[0];
    found = heading ? found.filter((f) => f.r > heading[0] && f.c === heading[1]) : [];
  }
  const out: Candidate[] = [];
  for (const f of found) {
    if (t.below) {
      // A label heading its own column (基础数据表: 编制数 over its figure).
      if (f.r + 1 <= p.bottom) out.push(toCandidate(p, f.r + 1, f.c, f.label, t.count));
      if (t.first && out.length) break;
      continue;
    }
    const local = (x: number) => {
      const h = localHeader(p, x, f.r);
      return h && path(x)[path(x).length - 1] !== h ? [...path(x), h] : path(x);
    };
    let cols = valueColumns(p, f.r, f.c, path).filter((x) => columnFits(local(x), t));
    if (!t.col && cols.length > 1) {
      for (const w of AMOUNT_HEADERS) {
        const preferred = cols.filter((x) => path(x).join('|').includes(w));
        if (preferred.length === 1) {
          cols = preferred;
          break;
        }
      }
    }
    const labelOf = (x: number) =>
      local(x).length ? `${f.label}（${local(x).slice(-2).join('／')}）` : f.label;
    for (const x of cols) {
      const cand = toCandidate(p, f.r, x, labelOf(x), t.count);
      if (t.less) {
        // The figure is this cell less another of the same row (全年预算数 − 年初预算数).
        const less = valueColumns(p, f.r, f.c, path).filter(
          (y) => y !== x && columnFits(local(y), { name: t.name, col: t.less })
        );
        if (less.length !== 1) continue;
        const leaf = (y: number) => local(y)[local(y).length - 1] ?? '';
        out.push(
          difference(
            cand,
            toCandidate(p, f.r, less[0], labelOf(less[0])),
            `${f.label}（${leaf(x)}－${leaf(less[0])}）`
          )
        );
      } else out.push(cand);
    }
    if (t.first && out.length) break;
  }
  return out;
}

/** `a` less `b`, in the table's unit and in 万元; blank when either is blank (unknown, not 0). */
function difference(a: Candidate, b: Candidate, label: string): Candidate {
  const amount = (c: Candidate, v: CellValue) => parseCell(v, 'amount', { name: '', label: c.label }).value;
  const x = amount(a, a.raw);
  const y = amount(b, b.raw);
  const both = x instanceof D && y instanceof D;
  const out: Candidate = {
    ...a,
    label,
    raw: both ? (x as Dec).minus(y as Dec).toNumber() : null,
    difference: { from: a, less: b },
  };
  delete out.converted;
  if (both && a.converted !== undefined && b.converted !== undefined)
    out.converted = new D(a.converted).minus(new D(b.converted)).toString();
  return out;
}

/**
 * The department's name and the year as the tables' header lines state them (“编制单位：某某局
 * 2022年度  单位：万元”), searched from each table's title down to its headers. The name is the
 * first stated; the year is every table's, and tables that state different years make it uncertain.
 */
function headerFieldsIn(parts: Part[]): Recognition[] {
  let unitName: Recognition = { name: '单位名称', status: 'not-found', searched: [] };
  const years: Candidate[] = [];
  for (const p of parts) {
    let yearOfPart: Candidate | undefined;
    for (let r = Math.max(0, p.top); r < p.firstData; r++)
      for (let c = 0; c < p.grid.cols; c++) {
        const v = p.grid.raw(r, c);
        if (typeof v !== 'string' || p.grid.covered(r, c)) continue;
        // Zero-width characters pasted with the line are not part of the name.
        const line = parseHeaderLine(v.replace(/[\u200b-\u200d\u2060\ufeff]/g, ''));
        const at = {
          sheet: p.grid.sheet.name,
          cell: a1(r, c),
          table: p.spec.id,
          label: v.trim(),
          partOfCell: true,
        };
        if (line.unitName && unitName.status === 'not-found')
          unitName = { name: '单位名称', status: 'found', ...at, raw: line.unitName };
        if (line.year && !yearOfPart) yearOfPart = { ...at, raw: line.year };
      }
    if (yearOfPart) years.push(yearOfPart);
  }
  const distinct = [...new Set(years.map((y) => y.raw))];
  const year: Recognition =
    years.length === 0
      ? { name: '评价年度', status: 'not-found', searched: [] }
      : distinct.length === 1
        ? { name: '评价年度', status: 'found', ...years[0] }
        : { name: '评价年度', status: 'ambiguous', candidates: years, disagree: true };
  return [unitName, year];
}

const valueKey = (c: Candidate) => c.converted ?? (isBlank(c.raw) ? '' : String(c.raw).trim());

/** Recognises the standard tables in `sheets` and locates every input they can hold. */
export function recognise(sheets: ImportSheet[]): ImportResult {
  const parts = partsOf(sheets);
  const tables: TableFound[] = [];
  for (const p of parts) {
    const t =
      tables.find((x) => x.table === p.spec.id) ??
      (tables.push({ table: p.spec.id, parts: [] }), tables[tables.length - 1]);
    t.parts.push({ sheet: p.grid.sheet.name, row: Math.max(0, p.top) + 1, unit: p.unit });
  }
  const byName = new Map<string, Recognition>();
  const order: string[] = ['单位名称', '评价年度'];
  for (const r of headerFieldsIn(parts)) byName.set(r.name, r);
  // Targets marked `fallback` are read after every other table's, so the table a figure belongs to wins.
  const passes = [false, true].flatMap((late) =>
    TABLE_KEYS.map((k) => ({ k, targets: k.spec.targets.filter((t) => !!t.fallback === late) }))
  );
  for (const { k, targets } of passes) {
    const own = parts.filter((p) => p.spec === k.spec);
    for (const t of targets) {
      if (!order.includes(t.name)) order.push(t.name);
      const prior = byName.get(t.name);
      if (prior && prior.status !== 'not-found') continue; // an earlier table already holds it
      if (own.length === 0) {
        if (!prior) byName.set(t.name, { name: t.name, status: 'not-found', searched: [] });
        continue;
      }
      let cands = own.flatMap((p) => findIn(p, t));
      if (t.first) cands = cands.slice(0, 1);
      // The same figure reached twice (a label repeated in a split table) is one candidate.
      const distinct = cands.filter((x, i) => cands.findIndex((y) => valueKey(y) === valueKey(x)) === i);
      if (distinct.length === 1) byName.set(t.name, { name: t.name, status: 'found', ...cands[0] });
      else if (distinct.length > 1)
        byName.set(t.name, { name: t.name, status: 'ambiguous', candidates: cands });
      else {
        const searched = prior?.status === 'not-found' ? prior.searched : [];
        byName.set(t.name, { name: t.name, status: 'not-found', searched: [...searched, k.spec.id] });
      }
    }
  }
  const functionLines = recogniseFunctionLines(
    parts.map((p) => ({
      table: p.spec.id,
      grid: p.grid,
      firstData: p.firstData,
      bottom: p.bottom,
      unit: p.unit,
      path: (c: number) => {
        const paths = (p.paths ??= new Map<number, string[]>());
        return paths.get(c) ?? (paths.set(c, headerPath(p, c)), paths.get(c)!);
      },
    }))
  );
  const projects = recogniseProjects(sheets);
  if (projects.status === 'found') {
    tables.push({
      table: PROJECT_TABLE,
      parts: projects.parts.map((p) => ({ sheet: p.sheet, row: p.headerRow, unit: projects.unit })),
    });
    // The list's 合计 row is its stated total, which the checks compare with the rows: a total another
    // table states too is kept, or made ambiguous when the two differ.
    for (const t of projectTotals(projects)) {
      const cand: Candidate = {
        sheet: t.sheet,
        cell: t.cell,
        table: PROJECT_TABLE,
        label: t.label,
        raw: t.raw,
        ...(t.converted !== undefined ? { converted: t.converted } : {}),
        ...(t.unit ? { unit: t.unit } : {}),
      };
      const prior = byName.get(t.name);
      if (!order.includes(t.name)) order.push(t.name);
      if (prior?.status === 'found') {
        if (valueKey(prior) !== valueKey(cand))
          byName.set(t.name, { name: t.name, status: 'ambiguous', candidates: [prior, cand] });
      } else if (prior?.status === 'ambiguous') prior.candidates.push(cand);
      else byName.set(t.name, { name: t.name, status: 'found', ...cand });
    }
  }
  return { tables, inputs: order.map((n) => byName.get(n)!), projects, functionLines };
}
