/**
 * ExcelDouble: an in-memory Excel workbook behind the subset of the Excel JavaScript API Jixiao
 * uses, with office.js's rules enforced (load before read, sync before read, null objects,
 * ItemNotFound, one comment per cell, notes only with ExcelApi 1.18). Used by the Office host's
 * tests, the benchmark and the browser end-to-end test (injected as `window.Excel` / `window.Office`),
 * so nothing here may import Node modules.
 */
import { InputValues, templateLayout, templateReading } from '../../../src/core/fill';
import { LIST_HEADER, a1 } from '../../../src/catalogue/layout';
import { absolute, parseRange } from '../../../src/core/address';
import type { CellValue, RawReading } from '../../../src/core/types';
import { DoubleHost } from './core';
import { enterValue } from './range';
import {
  BookData,
  CellData,
  FillData,
  SheetData,
  ShiftDirection,
  blankCell,
  cellKey,
  commentAt,
  commentsChanged,
  findSheet,
  keyRowCol,
  newSheet,
  parseBox,
  pushComment,
  shiftCells,
  splitSheet,
} from './state';
import { ChangedHandler, DoubleRequestContext, WorksheetChangedArgs } from './workbook';

export { DoubleError } from './core';
export { DoubleRequestContext } from './workbook';
export type { CellData, FillData } from './state';

/** Lines of two fingerprints that differ, at most `max` of each side, in order (empty when equal). */
export function differences(a: string[], b: string[], max = 5): string[] {
  if (a.length === b.length && a.every((line, i) => line === b[i])) return [];
  const inB = new Set(b);
  const inA = new Set(a);
  const out = [
    ...a
      .filter((line) => !inB.has(line))
      .slice(0, max)
      .map((line) => `- ${line}`),
    ...b
      .filter((line) => !inA.has(line))
      .slice(0, max)
      .map((line) => `+ ${line}`),
  ];
  const at = a.findIndex((line, i) => line !== b[i]);
  return out.length ? out : [`the same lines in another order, from line ${at}: ${a[at]} / ${b[at]}`];
}

export interface DefinedNameSpec {
  name: string;
  /** `=Sheet!$B$5`, `=#REF!`, `=0.5`, `="text"`. */
  formula: string;
  /** Sheet of a sheet-scoped name; workbook scope when absent. */
  sheet?: string;
}

export interface ExcelDoubleOptions {
  /** Highest ExcelApi requirement set the simulated Excel supports (default 1.18: notes available). */
  excelApi?: string;
}

/** A cell as tests compare it: what a user sees and what 清除标记 must restore. */
export interface CellSnapshot {
  value: CellData['value'];
  formula?: string;
  numberFormat: string;
  fill: FillData;
  note: string | null;
  comment: string | null;
}

function versionAtLeast(have: string, want: string): boolean {
  const a = have.split('.').map(Number);
  const b = want.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

/** Excel's date serial (1900 system). */
function dateSerial(d: Date): number {
  return (Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

export class ExcelDouble implements DoubleHost {
  readonly book: BookData = {
    sheets: [],
    names: [],
    comments: [],
    commentsVersion: 0,
    activeSheet: null,
    selection: null,
    nextId: 1,
  };
  syncCount = 0;
  loadCount = 0;
  failSync?: { n: number; code: string };
  oneSlotPerCell = true;
  rangeAreasLimit?: number;
  excelApi: string;
  private readonly changed = new Map<string, ChangedHandler[]>();

  constructor(options: ExcelDoubleOptions = {}) {
    this.excelApi = options.excelApi ?? '1.18';
  }

  // -------------------------------------------------------------- constructors

  /** Sheets of values (row-major from A1) and defined names. */
  static fromValues(
    sheets: Record<string, CellValue[][]>,
    names: DefinedNameSpec[] = [],
    options?: ExcelDoubleOptions
  ): ExcelDouble {
    const d = new ExcelDouble(options);
    for (const [name, rows] of Object.entries(sheets)) {
      d.addSheet(name);
      rows.forEach((row, r) => row.forEach((v, c) => d.putValue(name, r, c, v)));
    }
    for (const n of names) d.defineName(n);
    return d;
  }

  /** A workbook holding a reading's values at its addresses, every addressed name defined (workbook scope). */
  static fromReading(reading: RawReading, options?: ExcelDoubleOptions): ExcelDouble {
    const d = new ExcelDouble(options);
    for (const input of Object.values(reading.inputs)) {
      const r = input.address ? parseRange(input.address) : null;
      if (!r) continue;
      if (!findSheet(d.book, r.sheet)) d.addSheet(r.sheet);
      (input.values ?? []).forEach((row, i) =>
        row.forEach((v, j) => d.putValue(r.sheet, r.top + i, r.left + j, v))
      );
      d.defineName({ name: input.name, formula: `=${absolute(input.address!)}` });
    }
    return d;
  }

  /** The template laid out with `values` (as templateReading places them), its labels, and every catalogue name. */
  static fromTemplate(values: InputValues = {}, options?: ExcelDoubleOptions): ExcelDouble {
    const d = new ExcelDouble(options);
    // Laid out as the template lays out these values: a long table grows, what follows it moves down.
    for (const ps of templateLayout(values).placed) {
      d.addSheet(ps.sheet.name);
      const put = (r: number, c: number, v: string) => d.putValue(ps.sheet.name, r, c, v);
      put(0, 0, ps.sheet.name);
      put(1, 0, ps.sheet.caption);
      for (const pb of ps.blocks) {
        put(pb.titleRow, 0, pb.block.title);
        if (pb.block.type === 'list') {
          LIST_HEADER.forEach((h, c) => put(pb.titleRow + 1 + (pb.block.note ? 1 : 0), c, h));
          for (const { decl, row } of pb.cells) put(row, 0, decl.label);
        }
        if (pb.table) pb.table.decl.columns.forEach((col, c) => put(pb.table!.headerRow, c, col.label));
      }
    }
    const filled = ExcelDouble.fromReading(templateReading(values), options);
    for (const s of filled.book.sheets) {
      const target = findSheet(d.book, s.name) ?? d.addSheet(s.name);
      for (const [k, cell] of s.cells) target.cells.set(k, cell);
    }
    d.book.names.push(...filled.book.names);
    return d;
  }

  // -------------------------------------------------------------- office.js surface

  /** A fresh request context (as `Excel.run` makes one), typed as office.js's. */
  context(): Excel.RequestContext {
    return new DoubleRequestContext(this) as unknown as Excel.RequestContext;
  }

  /** `Excel.run`: one context per batch; pending operations are synced at the end, as office.js does. */
  async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    const ctx = new DoubleRequestContext(this);
    const result = await batch(ctx as unknown as Excel.RequestContext);
    if (ctx.pending > 0) await ctx.sync();
    return result;
  }

  /** `window.Office` as far as the add-in uses it. */
  get office() {
    return {
      context: {
        requirements: {
          isSetSupported: (name: string, version?: string) => this.isSetSupported(name, version),
        },
      },
      onReady: async () => ({ host: 'Excel', platform: 'OfficeOnline' }),
      HostType: { Excel: 'Excel' },
    };
  }

  /** `window.Excel` as far as the add-in uses it: `run(batch)` and `run(options, batch)` (options such as delayForCellEdit are accepted). */
  get excel() {
    type Batch<T> = (context: Excel.RequestContext) => Promise<T>;
    return {
      run: <T>(a: Batch<T> | Excel.RunOptions, b?: Batch<T>) => this.run(typeof a === 'function' ? a : b!),
    };
  }

  /**
   * Installs `Excel` and `Office` on a global object (a browser window, or jest's globalThis), so the
   * add-in's own capability checks (`Office.context.requirements.isSetSupported('ExcelApi', v)`)
   * answer from {@link excelApi}, which a test may change between runs.
   */
  install(target: object = globalThis): void {
    const t = target as Record<string, unknown>;
    t.Excel = this.excel;
    t.Office = this.office;
  }

  isSetSupported(name: string, version = '1.1'): boolean {
    if (name !== 'ExcelApi') return false;
    return versionAtLeast(this.excelApi, version);
  }

  supportsExcelApi(version: string): boolean {
    return this.isSetSupported('ExcelApi', version);
  }

  registerChanged(sheetId: string, handler: (args: never) => unknown): void {
    this.changed.set(sheetId, [...(this.changed.get(sheetId) ?? []), handler as ChangedHandler]);
  }

  unregisterChanged(sheetId: string, handler: (args: never) => unknown): void {
    this.changed.set(
      sheetId,
      (this.changed.get(sheetId) ?? []).filter((h) => h !== handler)
    );
  }

  afterSync(changes: Array<{ sheetId: string; address: string }>): void {
    for (const c of changes) this.fireChanged(c.sheetId, c.address);
  }

  /** Raises onChanged for a sheet (also what a user's edit does; see {@link userEdit}). */
  fireChanged(sheetId: string, address: string): void {
    const args: WorksheetChangedArgs = {
      type: 'WorksheetChanged',
      changeType: 'RangeEdited',
      source: 'Local',
      worksheetId: sheetId,
      address,
    };
    for (const h of this.changed.get(sheetId) ?? []) setTimeout(() => void h(args), 0);
  }

  // -------------------------------------------------------------- direct access for tests (no sync counted)

  addSheet(name: string): SheetData {
    const s = newSheet(this.book, name);
    this.book.sheets.push(s);
    this.book.activeSheet ??= s;
    return s;
  }

  defineName(n: DefinedNameSpec): void {
    const entry = {
      name: n.name,
      formula: n.formula.startsWith('=') ? n.formula : `=${n.formula}`,
      comment: '',
      visible: true,
    };
    if (n.sheet) this.sheetData(n.sheet).names.push(entry);
    else this.book.names.push(entry);
  }

  sheetNames(): string[] {
    return this.book.sheets.map((s) => s.name);
  }

  sheetData(name: string): SheetData {
    const s = findSheet(this.book, name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  private locate(address: string): { sheet: SheetData; row: number; col: number } {
    const { sheet, local } = splitSheet(address);
    const box = parseBox(local);
    if (!sheet || !box) throw new Error(`bad address ${address}`);
    return { sheet: this.sheetData(sheet), row: box.top, col: box.left };
  }

  private putValue(sheet: string, row: number, col: number, v: CellValue): void {
    const s = this.sheetData(sheet);
    const key = cellKey(row, col);
    const cell = s.cells.get(key) ?? blankCell();
    if (v === null || v === undefined) cell.value = null;
    else if (v instanceof Date) cell.value = dateSerial(v);
    else if (typeof v === 'object') {
      cell.value = v.error;
      cell.error = true;
    } else cell.value = v;
    if (cell.value === null && JSON.stringify(cell) === JSON.stringify(blankCell())) s.cells.delete(key);
    else s.cells.set(key, cell);
  }

  /** A user typing into a cell (Excel's parsing applies), raising onChanged. */
  userEdit(address: string, value: CellValue): void {
    const { sheet, row, col } = this.locate(address);
    const cell = sheet.cells.get(cellKey(row, col)) ?? blankCell();
    sheet.cells.set(cellKey(row, col), cell);
    enterValue(cell, value);
    this.fireChanged(sheet.id, address);
  }

  /**
   * The user inserting (`Down`/`Right`) or deleting (`Up`/`Left`) cells, e.g. `基本情况!5:6` (whole rows)
   * or `基本情况!B5:C5`: cells, notes, comments and defined names move as Excel moves them.
   */
  shift(address: string, dir: ShiftDirection): void {
    const { sheet, local } = splitSheet(address);
    const box = parseBox(local);
    if (!sheet || !box) throw new Error(`bad address ${address}`);
    shiftCells(this.book, this.sheetData(sheet), box, dir);
  }

  /** A defined name's formula as Excel keeps it (`=基本情况!$B$5`), or null. */
  nameFormula(name: string): string | null {
    return this.book.names.find((n) => n.name.toLowerCase() === name.toLowerCase())?.formula ?? null;
  }

  /** Sets one edge of a cell's border by hand (style `None` takes it off). */
  setBorder(address: string, edge: string, style: string, color = '#000000', weight = 'Thin'): void {
    const { sheet, row, col } = this.locate(address);
    const cell = sheet.cells.get(cellKey(row, col)) ?? blankCell();
    sheet.cells.set(cellKey(row, col), cell);
    if (style === 'None') {
      delete cell.borders[edge];
      delete cell.borderColor[edge];
      delete cell.borderWeight[edge];
    } else
      Object.assign(cell, {
        borders: { ...cell.borders, [edge]: style },
        borderColor: { ...cell.borderColor, [edge]: color },
        borderWeight: { ...cell.borderWeight, [edge]: weight },
      });
  }

  cell(address: string): CellData {
    const { sheet, row, col } = this.locate(address);
    return sheet.cells.get(cellKey(row, col)) ?? blankCell();
  }

  setFill(address: string, color: string | null): void {
    const { sheet, row, col } = this.locate(address);
    const cell = sheet.cells.get(cellKey(row, col)) ?? blankCell();
    cell.fill = color === null ? { kind: 'none' } : { kind: 'solid', color: color.toUpperCase() };
    sheet.cells.set(cellKey(row, col), cell);
  }

  note(address: string): string | null {
    const { sheet, row, col } = this.locate(address);
    return sheet.notes.get(cellKey(row, col))?.content ?? null;
  }

  setNote(address: string, content: string | null): void {
    const { sheet, row, col } = this.locate(address);
    if (content === null) sheet.notes.delete(cellKey(row, col));
    else sheet.notes.set(cellKey(row, col), { content, authorName: '用户', visible: false });
  }

  comment(address: string): string | null {
    const { sheet, row, col } = this.locate(address);
    return commentAt(this.book, sheet, row, col)?.content ?? null;
  }

  addComment(address: string, content: string): void {
    const { sheet, row, col } = this.locate(address);
    pushComment(this.book, {
      id: `{comment-${this.book.nextId++}}`,
      sheet,
      row,
      col,
      content,
      authorName: '用户',
      resolved: false,
    });
  }

  /** The id of the comment on a cell, or null. */
  commentId(address: string): string | null {
    const { sheet, row, col } = this.locate(address);
    return commentAt(this.book, sheet, row, col)?.id ?? null;
  }

  /** A user editing (text) or deleting (null) the comment on a cell by hand. */
  setComment(address: string, content: string | null): void {
    const { sheet, row, col } = this.locate(address);
    const i = this.book.comments.findIndex((c) => c.sheet === sheet && c.row === row && c.col === col);
    if (i < 0) throw new Error(`no comment at ${address}`);
    if (content === null) {
      this.book.comments.splice(i, 1);
      commentsChanged(this.book);
    } else this.book.comments[i].content = content;
  }

  /**
   * The workbook as text, one line per cell that holds anything (as {@link snapshot} gives it) plus each
   * sheet's merges, sizes, frozen rows, charts and names: comparing two of these is cell-for-cell
   * comparison at a size where deep equality of snapshots is slow. Compare with {@link differences}.
   */
  fingerprint(sheets?: string[]): string[] {
    const lines: string[] = [];
    const blank = JSON.stringify(blankCell());
    for (const s of this.book.sheets) {
      if (sheets && !sheets.includes(s.name)) continue;
      const keys = new Set<number>([...s.cells.keys(), ...s.notes.keys()]);
      for (const c of this.book.comments) if (c.sheet === s) keys.add(cellKey(c.row, c.col));
      for (const key of [...keys].sort((a, b) => a - b)) {
        const [r, c] = keyRowCol(key);
        const cell = s.cells.get(key);
        const json = cell ? JSON.stringify(cell) : blank;
        const note = s.notes.get(key)?.content ?? null;
        const comment = commentAt(this.book, s, r, c)?.content ?? null;
        if (note === null && comment === null && json === blank) continue;
        lines.push(`${s.name}!${a1(r, c)} ${json} ${JSON.stringify([note, comment])}`);
      }
      lines.push(
        `${s.name} ${JSON.stringify({
          visibility: s.visibility,
          merges: s.merges,
          widths: [...s.columnWidths],
          heights: [...s.rowHeights],
          frozen: s.frozenRows,
          charts: s.charts.map(({ id: _id, ...chart }) => chart),
          names: s.names,
          page: s.pageLayout,
        })}`
      );
    }
    if (!sheets)
      lines.push(
        `names ${JSON.stringify([...this.book.names].sort((a, b) => a.name.localeCompare(b.name)))}`
      );
    return lines;
  }

  /** Every cell that holds anything (value, format, note, comment), keyed `Sheet!A1`, for cell-by-cell comparison. */
  snapshot(
    sheets?: string[]
  ): Record<string, CellSnapshot & Omit<CellData, 'value' | 'formula' | 'numberFormat' | 'fill'>> {
    const out: Record<string, CellSnapshot & Omit<CellData, 'value' | 'formula' | 'numberFormat' | 'fill'>> =
      {};
    const blank = blankCell();
    const blankJson = JSON.stringify(blank);
    for (const s of this.book.sheets) {
      if (sheets && !sheets.includes(s.name)) continue;
      const keys = new Set<number>([...s.cells.keys(), ...s.notes.keys()]);
      for (const c of this.book.comments) if (c.sheet === s) keys.add(cellKey(c.row, c.col));
      for (const key of [...keys].sort((a, b) => a - b)) {
        const [r, c] = keyRowCol(key);
        const cell = s.cells.get(key) ?? blank;
        const note = s.notes.get(key)?.content ?? null;
        const comment = commentAt(this.book, s, r, c)?.content ?? null;
        // A cell touched but left as Excel's default is no different from one never touched.
        if (note === null && comment === null && JSON.stringify(cell) === blankJson) continue;
        const address = `${s.name}!${a1(r, c)}`;
        out[address] = {
          ...cell,
          fill: { ...cell.fill },
          borders: { ...cell.borders },
          borderColor: { ...cell.borderColor },
          borderWeight: { ...cell.borderWeight },
          note,
          comment,
        };
      }
    }
    return out;
  }
}
