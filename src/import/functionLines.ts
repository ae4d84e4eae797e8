/**
 * The 功能分类 lines of 公开02 收入决算表 and 公开03 支出决算表 (财决03 / 财决04): every 类, 款 and 项 line with its
 * 科目编码, name and the 本年收入合计 / 本年支出合计 figure, for our 功能分类收入明细表 / 功能分类支出明细表. The
 * code is read as the tables print it: one 编码 cell (201, 20129, 2012901) beside a 科目名称 cell, code and name
 * in one cell (“2012901 行政运行”), or split over 类 | 款 | 项 columns where a 款 or 项 line may leave the 类
 * (and 款) blank to mean the line's above. 合计 lines and lines without a code are not lines of the table.
 * Pure: a table's grid, its header paths and its unit in, the lines out.
 */
import type { CellValue } from '../core/types';
import { D, Dec } from '../core/decimal';
import { parseCell } from '../core/parse';
import { colLetter } from '../catalogue/layout';
import { FUNCTION_LINE_TABLES } from '../catalogue/inputs';
import { Grid, isBlank, isNumberLike } from './grid';

type Unit = '元' | '万元' | '千元';

/** One recognised part of 公开02 / 公开03, as recognise.ts found it. */
export interface LineSource {
  /** The table, as TableSpec.id: 收入决算表 or 支出决算表. */
  table: string;
  grid: Grid;
  firstData: number;
  bottom: number;
  unit?: Unit;
  /** Header texts above column c, outermost first. */
  path: (c: number) => string[];
}

export interface FunctionLine {
  sheet: string;
  /** 1-based sheet row. */
  row: number;
  code: string;
  name: string;
  /** In 万元 (converted where the table is in 元); blank stays blank. */
  amount: CellValue;
  /** The amount cell as typed. */
  typed: CellValue;
}

export interface FunctionLineRecognition {
  /** Our table: 功能分类收入明细表 or 功能分类支出明细表. */
  name: string;
  /** The 决算 table it was read from. */
  from: string;
  lines: FunctionLine[];
  /** How the code was read, and the amount column: for the report. */
  codeColumns: string;
  amountColumn: string;
  unit?: Unit;
  /** The three columns (编码 | 名称 | 金额) side by side in our order, in 万元, lines contiguous: a name can point at them. */
  range?: { sheet: string; cells: string };
}

/** Our table for each 决算 table, and the words of its amount column. */
const OURS: Record<string, { name: string; amount: string }> = {
  收入决算表: { name: FUNCTION_LINE_TABLES[0][0], amount: '本年收入合计' },
  支出决算表: { name: FUNCTION_LINE_TABLES[1][0], amount: '本年支出合计' },
};

const CODE = /^\d{3}(?:\d{2}){0,2}$/;
const CODE_AND_NAME = /^(\d{3}(?:\d{2}){0,2})\s*([^\d\s].*)$/;
const NOT_AMOUNT = ['行次', '栏次', '编码', '代码', '科目名称', '项目'];

function cellText(v: CellValue): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : '';
  return typeof v === 'string' ? v.trim() : '';
}

/** The amount column: the leftmost whose headers say 本年收入合计 / 本年支出合计, else 合计 alone. */
function amountColumn(src: LineSource, words: string): number | undefined {
  const fits = (c: number, w: string) => {
    const p = src.path(c);
    return p.length > 0 && !p.some((h) => NOT_AMOUNT.some((n) => h.includes(n))) && p.some((h) => h === w);
  };
  for (const w of [words, '合计']) for (let c = 0; c < src.grid.cols; c++) if (fits(c, w)) return c;
  return undefined;
}

/** The split code columns 类 | 款 | 项, when the headers name them. */
function splitColumns(src: LineSource, before: number): [number, number, number] | undefined {
  const at = (w: string) => {
    for (let c = 0; c < before; c++) if (src.path(c).slice(-1)[0] === w) return c;
    return -1;
  };
  const cols = [at('类'), at('款'), at('项')];
  return cols.every((c) => c >= 0) ? (cols as [number, number, number]) : undefined;
}

function toWan(v: CellValue, unit: Unit | undefined): CellValue {
  if (isBlank(v) || (unit !== '元' && unit !== '千元')) return v;
  const parsed = parseCell(v, 'amount', { name: '', label: '' });
  return parsed.value instanceof D ? (parsed.value as Dec).div(unit === '元' ? 10000 : 10).toNumber() : v;
}

/**
 * The lines of one part, and the columns of code, name and amount when every line has them in cells of
 * their own (else none: a name cannot point at the lines as our table reads them).
 */
function linesOf(src: LineSource, amount: number): { lines: FunctionLine[]; how: string; cols: number[] } {
  const g = src.grid;
  const split = splitColumns(src, amount);
  const lines: FunctionLine[] = [];
  const layouts = new Set<string>();
  let how = '';
  let 类 = '';
  let 款 = '';
  /** The first text right of column x and left of the amount: the line's name. */
  const nameAfter = (r: number, x: number): [string, number] | undefined => {
    for (let y = x + 1; y < amount; y++) {
      const t = cellText(g.value(r, y));
      if (t) return [t, y];
    }
    return undefined;
  };
  for (let r = src.firstData; r <= src.bottom; r++) {
    const typed = g.raw(r, amount);
    if (!isBlank(typed) && !isNumberLike(typed)) continue;
    let code = '';
    let name = '';
    if (split) {
      const [a, b, c] = split.map((x) => cellText(g.raw(r, x)));
      const [has类, has款, has项] = [/^\d{3}$/.test(a), /^\d{2}$/.test(b), /^\d{2}$/.test(c)];
      if (!has类 && !has款 && !has项) continue;
      if (has类) [类, 款] = [a, ''];
      if (has款) 款 = b;
      code = has项 ? `${类}${款}${c}` : has款 ? `${类}${款}` : 类;
      if (!CODE.test(code)) continue;
      name = nameAfter(r, split[2])?.[0] ?? '';
      how = `科目编码分在 ${split.map(colLetter).join('、')} 栏（类、款、项）`;
      layouts.add('split');
    } else {
      for (let x = 0; x < amount && !code; x++) {
        if (g.covered(r, x)) continue;
        const t = cellText(g.raw(r, x)).replace(/\s+/g, ' ');
        const both = CODE_AND_NAME.exec(t);
        if (CODE.test(t)) {
          code = t;
          const after = nameAfter(r, x);
          name = after?.[0] ?? '';
          how = `科目编码在 ${colLetter(x)} 栏`;
          layouts.add(after ? `${x},${after[1]}` : 'no name');
        } else if (both) {
          [code, name] = [both[1], both[2].trim()];
          how = `科目编码与名称同在 ${colLetter(x)} 栏`;
          layouts.add('one cell');
        }
      }
      if (!code) continue;
    }
    lines.push({ sheet: g.sheet.name, row: r + 1, code, name, amount: toWan(typed, src.unit), typed });
  }
  const [only] = [...layouts];
  const cols = layouts.size === 1 && /^\d+,\d+$/.test(only) ? [...only.split(',').map(Number), amount] : [];
  return { lines, how, cols };
}

/** The 功能分类 lines of each 公开02 / 公开03 found, one recognition per table that has any. */
export function recogniseFunctionLines(sources: LineSource[]): FunctionLineRecognition[] {
  const out: FunctionLineRecognition[] = [];
  for (const [table, ours] of Object.entries(OURS)) {
    const parts = sources.filter((s) => s.table === table);
    const lines: FunctionLine[] = [];
    let codeColumns = '';
    let amountAt = '';
    let unit: Unit | undefined;
    let bindable: Array<{ sheet: string; cols: number[] }> = [];
    for (const src of parts) {
      const amount = amountColumn(src, ours.amount);
      if (amount === undefined) continue;
      const got = linesOf(src, amount);
      if (got.lines.length === 0) continue;
      lines.push(...got.lines);
      codeColumns ||= got.how;
      amountAt ||= `${colLetter(amount)} 栏“${src.path(amount).slice(-2).join('／')}”`;
      unit ??= src.unit;
      bindable.push({ sheet: src.grid.sheet.name, cols: got.cols });
    }
    if (lines.length === 0) continue;
    const rec: FunctionLineRecognition = {
      name: ours.name,
      from: table,
      lines,
      codeColumns,
      amountColumn: amountAt,
      ...(unit ? { unit } : {}),
    };
    // A name reads the table's three columns by position: only our order, adjacent, one part, rows unbroken, in 万元.
    const rows = lines.map((l) => l.row);
    const [only] = bindable;
    if (
      bindable.length === 1 &&
      only.cols.length === 3 &&
      only.cols[1] === only.cols[0] + 1 &&
      only.cols[2] === only.cols[1] + 1 &&
      unit !== '元' &&
      unit !== '千元' &&
      rows[rows.length - 1] - rows[0] + 1 === rows.length
    )
      rec.range = {
        sheet: only.sheet,
        cells: `${colLetter(only.cols[0])}${rows[0]}:${colLetter(only.cols[2])}${rows[rows.length - 1]}`,
      };
    bindable = [];
    out.push(rec);
  }
  return out;
}
