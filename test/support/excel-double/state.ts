/**
 * The "document" side of the Excel double: plain data the proxies read and write at sync time.
 * No office.js here and no Node imports (the double is bundled into the browser end-to-end test).
 */
import { a1, colIndex, colLetter } from '../../../src/catalogue/layout';

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export type Scalar = string | number | boolean;

/** Fill as Excel keeps it: "no fill" is its own state, not white (office-js #4900). */
export type FillData =
  { kind: 'none' } | { kind: 'solid'; color: string; pattern?: string; patternColor?: string };

export interface HyperlinkData {
  address?: string;
  documentReference?: string;
  screenTip?: string;
  textToDisplay?: string;
}

export interface CellData {
  /** Constant value; null when empty. Errors are `#REF!`-style strings with `error` set. */
  value: Scalar | null;
  error?: boolean;
  /** Formula with its leading `=`; the double does not calculate, the value stays as it was. */
  formula?: string;
  numberFormat: string;
  fill: FillData;
  bold: boolean;
  italic: boolean;
  fontColor: string;
  fontSize: number;
  fontName: string;
  underline: string;
  wrapText: boolean;
  horizontalAlignment: string;
  /** Line style per edge (`EdgeTop`: `Continuous`); an edge not listed has none. */
  borders: Record<string, string>;
  /** Colour and weight per edge that has a line (absent: automatic `#000000`, `Thin`). */
  borderColor: Record<string, string>;
  borderWeight: Record<string, string>;
  hyperlink?: HyperlinkData;
}

export interface NameData {
  name: string;
  /** As Excel stores it, with `=`: `=Sheet!$A$1`, `=#REF!`, `=0.5`, `="text"`. */
  formula: string;
  comment: string;
  visible: boolean;
}

export interface NoteData {
  content: string;
  authorName: string;
  visible: boolean;
}

export interface CommentData {
  id: string;
  sheet: SheetData;
  row: number;
  col: number;
  content: string;
  authorName: string;
  resolved: boolean;
}

export interface ChartData {
  type: string;
  source: string;
  seriesBy: string;
  title?: string;
  position?: { start: string; end?: string };
  name: string;
  id: string;
}

/** Print setup (worksheet.pageLayout, ExcelApi 1.9). */
export interface PageLayoutData {
  paperSize: string;
  orientation: 'Portrait' | 'Landscape';
  /** Either a percentage `scale` or pages to fit (0 = as many as needed), as Excel keeps it. */
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  /** Rows repeated at the top of each printed page, `$1:$3`. */
  printTitleRows?: string;
}

export interface SheetData {
  id: string;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  cells: Map<number, CellData>;
  merges: RangeBox[];
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  frozenRows: number;
  names: NameData[];
  notes: Map<number, NoteData>;
  charts: ChartData[];
  pageLayout: PageLayoutData;
  deleted: boolean;
}

export interface BookData {
  sheets: SheetData[];
  names: NameData[];
  comments: CommentData[];
  /** Bumped whenever a comment is added, removed or moved (see {@link commentAt}). */
  commentsVersion: number;
  activeSheet: SheetData | null;
  selection: { sheet: SheetData; box: RangeBox } | null;
  nextId: number;
}

/** 0-based inclusive box on one sheet. */
export interface RangeBox {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export const DEFAULT_COLUMN_WIDTH = 48; // points: Excel's 8.43 characters
export const DEFAULT_ROW_HEIGHT = 15;

export function blankCell(): CellData {
  return {
    value: null,
    numberFormat: 'General',
    fill: { kind: 'none' },
    bold: false,
    italic: false,
    fontColor: '#000000',
    fontSize: 11,
    fontName: 'Calibri',
    underline: 'None',
    wrapText: false,
    horizontalAlignment: 'General',
    borders: {},
    borderColor: {},
    borderWeight: {},
  };
}

export function cellKey(row: number, col: number): number {
  return row * MAX_COLS + col;
}

export function keyRowCol(key: number): [number, number] {
  return [Math.floor(key / MAX_COLS), key % MAX_COLS];
}

export function newSheet(book: BookData, name: string): SheetData {
  return {
    id: `{sheet-${book.nextId++}}`,
    name,
    visibility: 'Visible',
    cells: new Map(),
    merges: [],
    columnWidths: new Map(),
    rowHeights: new Map(),
    frozenRows: 0,
    names: [],
    notes: new Map(),
    charts: [],
    // A new sheet prints on Letter at 100% until told otherwise (Excel's en-US default).
    pageLayout: { paperSize: 'Letter', orientation: 'Portrait', zoom: { scale: 100 } },
    deleted: false,
  };
}

/** Comments by cell and by id: thousands of marks look them up one by one. */
const commentIndexes = new WeakMap<
  BookData,
  { version: number; byCell: Map<string, CommentData>; byId: Map<string, CommentData> }
>();
const commentKey = (sheet: SheetData, row: number, col: number) => `${sheet.id}\u0000${row}\u0000${col}`;

function commentIndex(book: BookData) {
  let index = commentIndexes.get(book);
  if (!index || index.version !== book.commentsVersion) {
    index = {
      version: book.commentsVersion,
      byCell: new Map(book.comments.map((c) => [commentKey(c.sheet, c.row, c.col), c])),
      byId: new Map(book.comments.map((c) => [c.id, c])),
    };
    commentIndexes.set(book, index);
  }
  return index;
}

export function commentAt(book: BookData, sheet: SheetData, row: number, col: number): CommentData | null {
  return commentIndex(book).byCell.get(commentKey(sheet, row, col)) ?? null;
}

export function commentById(book: BookData, id: string): CommentData | null {
  return commentIndex(book).byId.get(id) ?? null;
}

/** Adds a comment, keeping the index current. */
export function pushComment(book: BookData, c: CommentData): void {
  const index = commentIndexes.get(book);
  const current = index?.version === book.commentsVersion;
  book.comments.push(c);
  if (current) {
    index!.byCell.set(commentKey(c.sheet, c.row, c.col), c);
    index!.byId.set(c.id, c);
  } else book.commentsVersion++;
}

/** Removes a comment, keeping the index current. */
export function removeComment(book: BookData, c: CommentData): void {
  const index = commentIndexes.get(book);
  const current = index?.version === book.commentsVersion;
  book.comments.splice(book.comments.indexOf(c), 1);
  if (current) {
    index!.byCell.delete(commentKey(c.sheet, c.row, c.col));
    index!.byId.delete(c.id);
  } else book.commentsVersion++;
}

/** Removes comments, or marks them moved (the index is rebuilt on the next look-up). */
export function commentsChanged(book: BookData): void {
  book.commentsVersion++;
}

export function findSheet(book: BookData, name: string): SheetData | undefined {
  const lower = name.toLowerCase();
  return book.sheets.find((s) => s.name.toLowerCase() === lower);
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COL = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

/** Splits `'My Sheet'!$A$1:B2` into sheet (unquoted, or undefined) and the local part. */
export function splitSheet(address: string): { sheet?: string; local: string } {
  const s = address.trim().replace(/^=/, '');
  const bang = s.lastIndexOf('!');
  if (bang < 0) return { local: s };
  let sheet = s.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: s.slice(bang + 1) };
}

/** A local reference: `A1`, `$A$1:$B$2`, whole columns `A:C`, whole rows `3:5`. Null when not one. */
export function parseBox(local: string): RangeBox | null {
  const [from, to = from] = local.split(':');
  const c1 = CELL.exec(from);
  const c2 = CELL.exec(to);
  if (c1 && c2) {
    const r = [Number(c1[2]) - 1, Number(c2[2]) - 1];
    const c = [colIndex(c1[1]), colIndex(c2[1])];
    return { top: Math.min(...r), bottom: Math.max(...r), left: Math.min(...c), right: Math.max(...c) };
  }
  if (!local.includes(':')) return null;
  const k1 = COL.exec(from);
  const k2 = COL.exec(to);
  if (k1 && k2) {
    const c = [colIndex(k1[1]), colIndex(k2[1])];
    return { top: 0, bottom: MAX_ROWS - 1, left: Math.min(...c), right: Math.max(...c) };
  }
  const w1 = ROW.exec(from);
  const w2 = ROW.exec(to);
  if (w1 && w2) {
    const r = [Number(w1[1]) - 1, Number(w2[1]) - 1];
    return { top: Math.min(...r), bottom: Math.max(...r), left: 0, right: MAX_COLS - 1 };
  }
  return null;
}

/** Sheet name as Excel writes it in addresses: quoted when it is not a plain word. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/**
 * What Excel does to formulas and names that refer to a sheet when the sheet is renamed (they follow
 * it) or deleted (`=评分表!I5` becomes `=#REF!I5`). `to` is the new name, or null for a deletion.
 */
export function rewriteSheetRefs(book: BookData, from: string, to: string | null): void {
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const quoted = `'${esc(from.replace(/'/g, "''"))}'`;
  const forms = quoteSheetName(from) === from ? `${quoted}|${esc(from)}` : quoted;
  // A reference starts the formula or follows an operator, comma or parenthesis, never inside a longer name.
  const ref = new RegExp(`(^=|[^\\w\\u4e00-\\u9fff.'\\]!])(${forms})!`, 'gi');
  const replacement = to === null ? '#REF!' : `${quoteSheetName(to)}!`;
  const fix = (f: string) => f.replace(ref, (_m, before: string) => `${before}${replacement}`);
  for (const sheet of book.sheets)
    for (const cell of sheet.cells.values()) {
      if (cell.formula === undefined) continue;
      const next = fix(cell.formula);
      if (next === cell.formula) continue;
      cell.formula = next;
      if (to === null) {
        cell.value = '#REF!';
        cell.error = true;
      }
    }
  for (const n of [...book.names, ...book.sheets.flatMap((s) => s.names)]) n.formula = fix(n.formula);
}

/** Local address as office.js reports it: `A1`, `A1:B2`, `A:A`, `3:3`. */
export function boxAddress(box: RangeBox): string {
  const wholeCols = box.top === 0 && box.bottom === MAX_ROWS - 1;
  const wholeRows = box.left === 0 && box.right === MAX_COLS - 1;
  if (wholeCols && !wholeRows) return `${colLetter(box.left)}:${colLetter(box.right)}`;
  if (wholeRows && !wholeCols) return `${box.top + 1}:${box.bottom + 1}`;
  const start = a1(box.top, box.left);
  const end = a1(box.bottom, box.right);
  return start === end ? start : `${start}:${end}`;
}

export function boxCells(box: RangeBox): number {
  return (box.bottom - box.top + 1) * (box.right - box.left + 1);
}

export function intersects(a: RangeBox, b: RangeBox): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

/** The bounding box of cells holding a value (valuesOnly) or any non-default state; null when none. */
export function usedBox(sheet: SheetData, valuesOnly: boolean): RangeBox | null {
  let box: RangeBox | null = null;
  const blank = JSON.stringify(blankCell());
  for (const [key, cell] of sheet.cells) {
    const used =
      cell.value !== null || cell.formula !== undefined || (!valuesOnly && JSON.stringify(cell) !== blank);
    if (!used) continue;
    const [r, c] = keyRowCol(key);
    box = box
      ? {
          top: Math.min(box.top, r),
          left: Math.min(box.left, c),
          bottom: Math.max(box.bottom, r),
          right: Math.max(box.right, c),
        }
      : { top: r, left: c, bottom: r, right: c };
  }
  return box;
}

/** What kind of thing a name's formula holds, as `NamedItem.type` reports it. */
export function nameType(
  formula: string
): 'Range' | 'String' | 'Integer' | 'Double' | 'Boolean' | 'Array' | 'Error' {
  const f = formula.trim().replace(/^=/, '');
  if (/#REF!|#NAME\?|#VALUE!|#N\/A|#DIV\/0!/i.test(f)) return 'Error';
  if (/^".*"$/.test(f)) return 'String';
  if (/^(TRUE|FALSE)$/i.test(f)) return 'Boolean';
  if (/^\{.*\}$/.test(f)) return 'Array';
  if (/^-?\d+$/.test(f)) return 'Integer';
  if (/^-?\d*\.\d+(E[-+]?\d+)?$/i.test(f)) return 'Double';
  return 'Range';
}

/** `$A$1` / `$A$1:$B$2`, as Excel writes a name's reference. */
export function absoluteBox(box: RangeBox): string {
  return boxAddress(box)
    .split(':')
    .map((p) =>
      p.replace(/^([A-Z]+)?(\d+)?$/, (_m, c?: string, r?: string) => `${c ? `$${c}` : ''}${r ? `$${r}` : ''}`)
    )
    .join(':');
}

export type ShiftDirection = 'Down' | 'Right' | 'Up' | 'Left';

/**
 * A box after cells were inserted (`Down`/`Right`) or deleted (`Up`/`Left`) at `at` on its sheet, as
 * Excel moves references: a reference at or past the insertion moves by its size (a range spanning it
 * grows); a reference wholly inside deleted cells is gone (null: `#REF!`), one overlapping them shrinks.
 * Only references whose columns (rows, for Right/Left) lie within the shifted band move.
 */
export function shiftedBox(ref: RangeBox, at: RangeBox, dir: ShiftDirection): RangeBox | null {
  const vertical = dir === 'Down' || dir === 'Up';
  const [lo, hi, acrossLo, acrossHi] = vertical
    ? (['top', 'bottom', 'left', 'right'] as const)
    : (['left', 'right', 'top', 'bottom'] as const);
  if (ref[acrossLo] < at[acrossLo] || ref[acrossHi] > at[acrossHi]) return { ...ref };
  const n = at[hi] - at[lo] + 1;
  const out = { ...ref };
  if (dir === 'Down' || dir === 'Right') {
    if (ref[lo] >= at[lo]) out[lo] += n;
    if (ref[hi] >= at[lo]) out[hi] += n;
    return out;
  }
  if (ref[lo] >= at[lo] && ref[hi] <= at[hi]) return null;
  out[lo] = ref[lo] > at[hi] ? ref[lo] - n : Math.min(ref[lo], at[lo]);
  out[hi] = ref[hi] > at[hi] ? ref[hi] - n : ref[hi] >= at[lo] ? at[lo] - 1 : ref[hi];
  return out;
}

/** A cell reference in a formula: an optional sheet (quoted or plain), then `A1` or `A1:B2`, each part with optional `$`. */
const FORMULA_REF =
  /(^|[^\w\u4e00-\u9fff.'!$])((?:'(?:[^']|'')+'|[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff.]*)!)?(\$?)([A-Z]{1,3})(\$?)(\d{1,7})(?::(\$?)([A-Z]{1,3})(\$?)(\d{1,7}))?(?![\w(!])/g;

/**
 * References in formulas follow cells inserted or deleted on `sheet`, as Excel rewrites them: `=项目支出!$F$10`
 * becomes `=项目支出!$F$12` when two rows are inserted above, and `=项目支出!#REF!` when its row is deleted
 * (the cell's value turns into #REF!). A reference without a sheet means the formula's own sheet.
 * Text in double quotes is left alone.
 */
function shiftFormulaRefs(book: BookData, sheet: SheetData, at: RangeBox, dir: ShiftDirection): void {
  const part = (dollar: string, col: string, dollarRow: string, row: number) =>
    `${dollar}${col}${dollarRow}${row}`;
  for (const owner of book.sheets)
    for (const cell of owner.cells.values()) {
      if (cell.formula === undefined) continue;
      let broken = false;
      const pieces = cell.formula.split('"');
      for (let i = 0; i < pieces.length; i += 2)
        pieces[i] = pieces[i].replace(
          FORMULA_REF,
          (
            all,
            before: string,
            prefix: string | undefined,
            d1,
            c1: string,
            r1d,
            r1: string,
            d2,
            c2,
            r2d,
            r2
          ) => {
            const name = prefix ? splitSheet(`${prefix}A1`).sheet : undefined;
            const target = name ? findSheet(book, name) : owner;
            if (target !== sheet) return all;
            const box = {
              top: Number(r1) - 1,
              left: colIndex(c1),
              bottom: Number(r2 ?? r1) - 1,
              right: colIndex(c2 ?? c1),
            };
            const moved = shiftedBox(box, at, dir);
            if (!moved) {
              broken = true;
              return `${before}${prefix ?? ''}#REF!`;
            }
            const from = part(d1, colLetter(moved.left), r1d, moved.top + 1);
            const to = c2 ? `:${part(d2, colLetter(moved.right), r2d, moved.bottom + 1)}` : '';
            return `${before}${prefix ?? ''}${from}${to}`;
          }
        );
      cell.formula = pieces.join('"');
      if (broken) {
        cell.value = '#REF!';
        cell.error = true;
      }
    }
}

/**
 * What Excel does to a sheet when cells are inserted or deleted (Range.insert / Range.delete, or the
 * user's Insert / Delete rows): cells, notes, comments, merges and row heights move; defined names
 * that refer to moved cells follow them, and a name whose cells were deleted becomes `=Sheet!#REF!`;
 * references in formulas follow likewise (see shiftFormulaRefs).
 */
export function shiftCells(book: BookData, sheet: SheetData, at: RangeBox, dir: ShiftDirection): void {
  const move = (r: number, c: number): [number, number] | null => {
    const b = shiftedBox({ top: r, bottom: r, left: c, right: c }, at, dir);
    return b ? [b.top, b.left] : null;
  };
  const remap = <V>(map: Map<number, V>) => {
    const entries = [...map];
    map.clear();
    for (const [key, v] of entries) {
      const [r, c] = keyRowCol(key);
      const to = move(r, c);
      if (to && to[0] < MAX_ROWS && to[1] < MAX_COLS) map.set(cellKey(to[0], to[1]), v);
    }
  };
  remap(sheet.cells);
  remap(sheet.notes);
  commentsChanged(book);
  book.comments = book.comments.filter((c) => {
    if (c.sheet !== sheet) return true;
    const to = move(c.row, c.col);
    if (!to) return false;
    [c.row, c.col] = to;
    return true;
  });
  sheet.merges = sheet.merges.flatMap((m) => {
    const b = shiftedBox(m, at, dir);
    return b ? [b] : [];
  });
  const wholeRows = at.left === 0 && at.right === MAX_COLS - 1;
  if (wholeRows && (dir === 'Down' || dir === 'Up')) {
    const heights = [...sheet.rowHeights];
    sheet.rowHeights.clear();
    for (const [r, h] of heights) {
      const to = move(r, 0);
      if (to) sheet.rowHeights.set(to[0], h);
    }
  }
  shiftFormulaRefs(book, sheet, at, dir);
  for (const n of [...book.names, ...book.sheets.flatMap((s) => s.names)]) {
    if (nameType(n.formula) !== 'Range') continue;
    const { sheet: name, local } = splitSheet(n.formula);
    const box = parseBox(local);
    const owner = name ? findSheet(book, name) : book.sheets.find((s) => s.names.includes(n));
    if (!box || owner !== sheet || /[,(]/.test(local)) continue;
    const moved = shiftedBox(box, at, dir);
    n.formula = `=${quoteSheetName(sheet.name)}!${moved ? absoluteBox(moved) : '#REF!'}`;
  }
}
