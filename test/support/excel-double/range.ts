/** Range, its format (fill, font, borders) and the value semantics of writes. */
import { DoubleContextBase, DoubleError, DoubleObject, DoubleResult } from './core';
import {
  parseBox,
  splitSheet,
  CellData,
  FillData,
  HyperlinkData,
  MAX_COLS,
  MAX_ROWS,
  RangeBox,
  Scalar,
  SheetData,
  blankCell,
  boxAddress,
  boxCells,
  cellKey,
  intersects,
  keyRowCol,
  quoteSheetName,
  shiftCells,
  usedBox,
} from './state';
import type { DWorksheet } from './workbook';

export interface RangeTarget {
  sheet: SheetData;
  box: RangeBox;
}

/** Values a real Excel refuses to send in one response (a whole column is over it). */
export const MAX_LOADED_CELLS = 1_000_000;

const VALUE_PROPS = new Set(['values', 'text', 'formulas', 'numberFormat', 'valueTypes']);

function cellsIn(t: RangeTarget): CellData[][] {
  const { sheet, box } = t;
  const rows: CellData[][] = [];
  const blank = blankCell();
  for (let r = box.top; r <= box.bottom; r++) {
    const row: CellData[] = [];
    for (let c = box.left; c <= box.right; c++) row.push(sheet.cells.get(cellKey(r, c)) ?? blank);
    rows.push(row);
  }
  return rows;
}

/** One value for a property over a range, or null when the cells differ (office.js semantics). */
function uniform<V>(t: RangeTarget, get: (c: CellData) => V): V | null {
  const seen = new Set<string>();
  let first: V | undefined;
  const add = (v: V) => {
    seen.add(JSON.stringify(v));
    if (first === undefined) first = v;
  };
  const { sheet, box } = t;
  if (boxCells(box) <= 20_000) {
    for (let r = box.top; r <= box.bottom; r++)
      for (let c = box.left; c <= box.right; c++) add(get(sheet.cells.get(cellKey(r, c)) ?? blankCell()));
  } else {
    let populated = 0;
    for (const [key, cell] of sheet.cells) {
      const [r, c] = keyRowCol(key);
      if (r >= box.top && r <= box.bottom && c >= box.left && c <= box.right) {
        populated++;
        add(get(cell));
      }
    }
    if (populated < boxCells(box)) add(get(blankCell()));
  }
  return seen.size === 1 ? (first as V) : null;
}

function forEachCell(t: RangeTarget, f: (c: CellData, r: number, col: number) => void): void {
  const { sheet, box } = t;
  if (boxCells(box) > 5_000_000)
    throw new DoubleError(
      'InvalidArgument',
      'The range is too large for a per-cell operation in the double.'
    );
  for (let r = box.top; r <= box.bottom; r++)
    for (let c = box.left; c <= box.right; c++) {
      const key = cellKey(r, c);
      let cell = sheet.cells.get(key);
      if (!cell) {
        cell = blankCell();
        sheet.cells.set(key, cell);
      }
      f(cell, r - box.top, c - box.left);
    }
}

/** A 2-D argument or one value broadcast to every cell; a wrong shape fails like Excel's InvalidArgument. */
function shaped<V>(t: RangeTarget, input: V | V[][]): (r: number, c: number) => V {
  if (!Array.isArray(input)) return () => input;
  const rows = t.box.bottom - t.box.top + 1;
  const cols = t.box.right - t.box.left + 1;
  if (input.length !== rows || input.some((row) => !Array.isArray(row) || row.length !== cols))
    throw new DoubleError(
      'InvalidArgument',
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}×${cols}).`
    );
  return (r, c) => input[r][c];
}

const NUMERIC = /^[-+]?(\d+(\.\d*)?|\.\d+)(E[-+]?\d+)?$/i;

/**
 * What Excel does with a value typed into a cell: text-formatted cells keep strings verbatim.
 * `range.values` and `range.formulas` behave alike here: either way `=…` becomes a formula.
 */
export function enterValue(cell: CellData, v: unknown): void {
  delete cell.formula;
  cell.error = undefined;
  if (v === null || v === undefined || v === '') {
    cell.value = null;
    return;
  }
  if (typeof v === 'number' || typeof v === 'boolean') {
    cell.value = v;
    return;
  }
  const s = String(v);
  if (cell.numberFormat === '@') {
    cell.value = s;
    return;
  }
  // Excel takes = (and + - @ followed by an expression) as the start of a formula.
  if (s.startsWith('=') || (/^[+\-@]/.test(s) && !NUMERIC.test(s))) {
    cell.formula = s.startsWith('=') ? s : `=${s}`;
    cell.value = null;
    return;
  }
  if (NUMERIC.test(s.replace(/,/g, ''))) cell.value = Number(s.replace(/,/g, ''));
  else if (/^(TRUE|FALSE)$/i.test(s)) cell.value = s.toUpperCase() === 'TRUE';
  else if (/^#(REF!|NAME\?|VALUE!|N\/A|DIV\/0!|NUM!|NULL!)$/.test(s)) {
    cell.value = s;
    cell.error = true;
  } else cell.value = s;
}

function outValue(c: CellData): Scalar {
  return c.value === null ? '' : c.value;
}

function valueType(c: CellData): string {
  if (c.error) return 'Error';
  if (c.value === null) return 'Empty';
  if (typeof c.value === 'number') return Number.isInteger(c.value) ? 'Double' : 'Double';
  if (typeof c.value === 'boolean') return 'Boolean';
  return 'String';
}

/** The displayed text for the few formats the add-in uses. */
function displayText(c: CellData): string {
  if (c.value === null) return '';
  if (typeof c.value === 'boolean') return c.value ? 'TRUE' : 'FALSE';
  if (typeof c.value !== 'number' || c.numberFormat === 'General' || c.numberFormat === '@')
    return String(c.value);
  const fmt = c.numberFormat;
  const percent = /%$/.test(fmt) && !/"%"$/.test(fmt);
  const decimals = (/\.(0+)/.exec(fmt)?.[1] ?? '').length;
  const n = percent ? c.value * 100 : c.value;
  let s = n.toFixed(decimals);
  if (fmt.includes('#,##')) s = s.replace(/^(-?\d+)/, (m) => m.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
  return s + (/%"?$/.test(fmt) ? '%' : '');
}

function fillColor(f: FillData): string {
  return f.kind === 'none' ? '#FFFFFF' : f.color;
}

function normColor(c: string): string {
  const named: Record<string, string> = {
    white: '#FFFFFF',
    black: '#000000',
    red: '#FF0000',
    yellow: '#FFFF00',
  };
  const s = named[c.toLowerCase()] ?? c;
  if (!/^#[0-9a-f]{6}$/i.test(s)) throw new DoubleError('InvalidArgument', `Invalid color '${c}'.`);
  return s.toUpperCase();
}

/** A cell's fill as RangeFill reports it for that one cell. */
function fillOf(c: CellData): { color: string; pattern: string | null; tintAndShade: number | null } {
  return {
    color: fillColor(c.fill),
    pattern: c.fill.kind === 'solid' && c.fill.pattern && c.fill.pattern !== 'Solid' ? c.fill.pattern : null,
    tintAndShade: c.fill.kind === 'none' ? null : 0,
  };
}

const CELL_EDGES: Record<string, string> = {
  top: 'EdgeTop',
  bottom: 'EdgeBottom',
  left: 'EdgeLeft',
  right: 'EdgeRight',
  diagonalDown: 'DiagonalDown',
  diagonalUp: 'DiagonalUp',
  horizontal: 'InsideHorizontal',
  vertical: 'InsideVertical',
};

/** One cell of getCellProperties: only the properties `options` asks for, as Excel returns them. */
function cellProperties(
  c: CellData,
  options: Excel.CellPropertiesLoadOptions,
  t: RangeTarget,
  r: number,
  col: number
): Excel.CellProperties {
  const out: Record<string, unknown> = {};
  const pick = (from: Record<string, unknown>, asked: object, what: string) => {
    const o: Record<string, unknown> = {};
    for (const [k, on] of Object.entries(asked)) {
      if (!on) continue;
      if (!(k in from))
        throw new DoubleError(
          'NotModelled',
          `The Excel double does not model getCellProperties ${what}.${k}.`
        );
      o[k] = from[k];
    }
    return o;
  };
  for (const [key, asked] of Object.entries(options)) {
    if (!asked) continue;
    if (key === 'address')
      out.address = `${quoteSheetName(t.sheet.name)}!${boxAddress({ top: t.box.top + r, left: t.box.left + col, bottom: t.box.top + r, right: t.box.left + col })}`;
    else if (key === 'hyperlink') out.hyperlink = c.hyperlink ? { ...c.hyperlink } : undefined;
    else if (key === 'format') {
      const format: Record<string, unknown> = {};
      for (const [fk, fasked] of Object.entries(asked as Excel.CellPropertiesFormatLoadOptions)) {
        if (!fasked) continue;
        if (fk === 'fill') format.fill = pick(fillOf(c), fasked as object, 'format.fill');
        else if (fk === 'borders')
          format.borders = Object.fromEntries(
            Object.entries(CELL_EDGES).map(([name, side]) => [
              name,
              pick(
                {
                  style: c.borders[side] ?? 'None',
                  color: c.borderColor[side] ?? '#000000',
                  weight: c.borderWeight[side] ?? 'Thin',
                  tintAndShade: 0,
                },
                fasked as object,
                'format.borders'
              ),
            ])
          );
        else if (fk === 'font')
          format.font = pick(
            {
              bold: c.bold,
              italic: c.italic,
              color: c.fontColor,
              size: c.fontSize,
              underline: c.underline,
              name: c.fontName,
            },
            fasked as object,
            'format.font'
          );
        else if (fk === 'wrapText') format.wrapText = c.wrapText;
        else
          throw new DoubleError(
            'NotModelled',
            `The Excel double does not model getCellProperties format.${fk}.`
          );
      }
      out.format = format;
    } else throw new DoubleError('NotModelled', `The Excel double does not model getCellProperties ${key}.`);
  }
  return out as Excel.CellProperties;
}

export class DRangeFill extends DoubleObject<RangeTarget> {
  protected readonly scalarProps = [
    'color',
    'pattern',
    'patternColor',
    'tintAndShade',
    'patternTintAndShade',
  ] as const;

  protected snapshot(prop: string, t: RangeTarget): unknown {
    if (prop !== 'color' && !this.host.supportsExcelApi('1.9'))
      throw new DoubleError(
        'ApiNotFound',
        `The API you are trying to use could not be found (RangeFill.${prop} needs ExcelApi 1.9).`
      );
    switch (prop) {
      case 'color':
        return uniform(t, (c) => fillColor(c.fill));
      // As reported in office-js #4900: "no fill" and white both read #FFFFFF with a null pattern;
      // tintAndShade is null for "no fill" and a number for a real fill.
      case 'pattern':
        return uniform(t, (c) =>
          c.fill.kind === 'solid' && c.fill.pattern && c.fill.pattern !== 'Solid' ? c.fill.pattern : null
        );
      case 'patternColor':
        return uniform(t, (c) => (c.fill.kind === 'solid' ? (c.fill.patternColor ?? '#000000') : '#000000'));
      case 'tintAndShade':
        return uniform(t, (c) => (c.fill.kind === 'none' ? null : 0));
      case 'patternTintAndShade':
        return uniform(t, () => 0);
    }
    throw new DoubleError('InvalidArgument', `RangeFill has no property '${prop}'.`);
  }

  get color(): string {
    return this.read('color');
  }
  set color(v: string) {
    this.write((t) => {
      const color = normColor(v);
      forEachCell(t, (c) => {
        const pattern = c.fill.kind === 'solid' ? c.fill.pattern : undefined;
        c.fill = pattern ? { kind: 'solid', color, pattern } : { kind: 'solid', color };
      });
    });
  }
  get pattern(): Excel.RangeFill['pattern'] {
    return this.read('pattern');
  }
  set pattern(v: Excel.RangeFill['pattern']) {
    this.write((t) =>
      forEachCell(t, (c) => {
        if (v === 'None') c.fill = { kind: 'none' };
        else if (v === 'Solid') c.fill = { kind: 'solid', color: fillColor(c.fill) };
        else c.fill = { kind: 'solid', color: fillColor(c.fill), pattern: String(v) };
      })
    );
  }
  get tintAndShade(): number {
    return this.read('tintAndShade');
  }
  get patternColor(): string {
    return this.read('patternColor');
  }
  /** Back to "no fill" (not white). */
  clear(): void {
    this.write((t) => forEachCell(t, (c) => (c.fill = { kind: 'none' })));
  }
}

export class DRangeFont extends DoubleObject<RangeTarget> {
  protected readonly scalarProps = ['bold', 'italic', 'color', 'size', 'underline', 'name'] as const;
  protected snapshot(prop: string, t: RangeTarget): unknown {
    switch (prop) {
      case 'bold':
        return uniform(t, (c) => c.bold);
      case 'italic':
        return uniform(t, (c) => c.italic);
      case 'color':
        return uniform(t, (c) => c.fontColor);
      case 'size':
        return uniform(t, (c) => c.fontSize);
      case 'underline':
        return uniform(t, (c) => c.underline);
      case 'name':
        return uniform(t, (c) => c.fontName);
    }
    throw new DoubleError('InvalidArgument', `RangeFont has no property '${prop}'.`);
  }
  get bold(): boolean {
    return this.read('bold');
  }
  set bold(v: boolean) {
    this.write((t) => forEachCell(t, (c) => (c.bold = v)));
  }
  get italic(): boolean {
    return this.read('italic');
  }
  set italic(v: boolean) {
    this.write((t) => forEachCell(t, (c) => (c.italic = v)));
  }
  get color(): string {
    return this.read('color');
  }
  set color(v: string) {
    this.write((t) => forEachCell(t, (c) => (c.fontColor = normColor(v))));
  }
  get size(): number {
    return this.read('size');
  }
  set size(v: number) {
    this.write((t) => forEachCell(t, (c) => (c.fontSize = v)));
  }
  get name(): string {
    return this.read('name');
  }
  set name(v: string) {
    this.write((t) => forEachCell(t, (c) => (c.fontName = v)));
  }
  get underline(): Excel.RangeFont['underline'] {
    return this.read('underline');
  }
  set underline(v: Excel.RangeFont['underline']) {
    this.write((t) => forEachCell(t, (c) => (c.underline = String(v))));
  }
}

type BorderIndex = Parameters<Excel.RangeBorderCollection['getItem']>[0];

export class DRangeBorder extends DoubleObject<RangeTarget> {
  protected readonly scalarProps = ['style', 'color', 'weight', 'sideIndex'] as const;
  constructor(
    context: DoubleContextBase,
    resolver: () => RangeTarget | null,
    private readonly side: string
  ) {
    super(context, resolver);
  }
  protected snapshot(prop: string, t: RangeTarget): unknown {
    if (prop === 'sideIndex') return this.side;
    if (prop === 'style') return uniform(t, (c) => c.borders[this.side] ?? 'None');
    if (prop === 'color') return uniform(t, (c) => c.borderColor[this.side] ?? '#000000');
    if (prop === 'weight') return uniform(t, (c) => c.borderWeight[this.side] ?? 'Thin');
    throw new DoubleError('InvalidArgument', `RangeBorder has no property '${prop}'.`);
  }
  get style(): Excel.RangeBorder['style'] {
    return this.read('style');
  }
  /** `None` takes the line off (its colour and weight with it), as Excel does. */
  set style(v: Excel.RangeBorder['style']) {
    this.write((t) =>
      forEachCell(t, (c) => {
        if (String(v) === 'None') {
          delete c.borders[this.side];
          delete c.borderColor[this.side];
          delete c.borderWeight[this.side];
        } else c.borders[this.side] = String(v);
      })
    );
  }
  get color(): string {
    return this.read('color');
  }
  /** A colour or weight on an edge without a line draws a continuous one, as in Excel. */
  set color(v: string) {
    this.write((t) =>
      forEachCell(t, (c) => {
        c.borders[this.side] ??= 'Continuous';
        c.borderColor[this.side] = v.toUpperCase();
      })
    );
  }
  get weight(): Excel.RangeBorder['weight'] {
    return this.read('weight');
  }
  set weight(v: Excel.RangeBorder['weight']) {
    this.write((t) =>
      forEachCell(t, (c) => {
        c.borders[this.side] ??= 'Continuous';
        c.borderWeight[this.side] = String(v);
      })
    );
  }
}

export class DRangeBorderCollection extends DoubleObject<RangeTarget> {
  protected readonly scalarProps = ['count'] as const;
  protected snapshot(): unknown {
    return 8;
  }
  getItem(index: BorderIndex): DRangeBorder {
    const side = String(index);
    return new DRangeBorder(this.context, () => this.target(), side);
  }
}

export class DRangeFormat extends DoubleObject<RangeTarget> {
  protected readonly scalarProps = [
    'columnWidth',
    'rowHeight',
    'wrapText',
    'horizontalAlignment',
    'verticalAlignment',
    'useStandardWidth',
    'useStandardHeight',
  ] as const;

  protected navigation(name: string): DoubleObject<unknown> | undefined {
    if (name === 'fill') return this.fill as DoubleObject<unknown>;
    if (name === 'font') return this.font as DoubleObject<unknown>;
    if (name === 'borders') return this.borders as DoubleObject<unknown>;
    return undefined;
  }

  protected snapshot(prop: string, t: RangeTarget): unknown {
    switch (prop) {
      case 'columnWidth': {
        const widths = new Set<number>();
        for (let c = t.box.left; c <= Math.min(t.box.right, t.box.left + 200); c++)
          widths.add(t.sheet.columnWidths.get(c) ?? 48);
        return widths.size === 1 ? [...widths][0] : null;
      }
      case 'rowHeight': {
        const heights = new Set<number>();
        for (let r = t.box.top; r <= Math.min(t.box.bottom, t.box.top + 2000); r++)
          heights.add(t.sheet.rowHeights.get(r) ?? 15);
        return heights.size === 1 ? [...heights][0] : null;
      }
      case 'wrapText':
        return uniform(t, (c) => c.wrapText);
      case 'horizontalAlignment':
        return uniform(t, (c) => c.horizontalAlignment);
      case 'verticalAlignment':
        return 'Bottom';
      case 'useStandardWidth': {
        for (let c = t.box.left; c <= Math.min(t.box.right, t.box.left + 200); c++)
          if (t.sheet.columnWidths.has(c)) return false;
        return true;
      }
      case 'useStandardHeight': {
        for (let r = t.box.top; r <= Math.min(t.box.bottom, t.box.top + 2000); r++)
          if (t.sheet.rowHeights.has(r)) return false;
        return true;
      }
    }
    throw new DoubleError('InvalidArgument', `RangeFormat has no property '${prop}'.`);
  }

  get fill(): DRangeFill {
    return this.child('fill', () => new DRangeFill(this.context, () => this.target()));
  }
  get font(): DRangeFont {
    return this.child('font', () => new DRangeFont(this.context, () => this.target()));
  }
  get borders(): DRangeBorderCollection {
    return this.child('borders', () => new DRangeBorderCollection(this.context, () => this.target()));
  }
  get columnWidth(): number {
    return this.read('columnWidth');
  }
  set columnWidth(v: number) {
    this.write((t) => {
      for (let c = t.box.left; c <= t.box.right; c++) t.sheet.columnWidths.set(c, v);
    });
  }
  get rowHeight(): number {
    return this.read('rowHeight');
  }
  set rowHeight(v: number) {
    this.write((t) => {
      for (let r = t.box.top; r <= t.box.bottom; r++) t.sheet.rowHeights.set(r, v);
    });
  }
  get wrapText(): boolean {
    return this.read('wrapText');
  }
  set wrapText(v: boolean) {
    this.write((t) => forEachCell(t, (c) => (c.wrapText = v)));
  }
  get horizontalAlignment(): Excel.RangeFormat['horizontalAlignment'] {
    return this.read('horizontalAlignment');
  }
  set horizontalAlignment(v: Excel.RangeFormat['horizontalAlignment']) {
    this.write((t) => forEachCell(t, (c) => (c.horizontalAlignment = String(v))));
  }
  /** Back to the sheet's standard column width (only `true` does anything, as in office.js). */
  set useStandardWidth(v: boolean) {
    this.write((t) => {
      if (!v) return;
      for (const c of [...t.sheet.columnWidths.keys()])
        if (c >= t.box.left && c <= t.box.right) t.sheet.columnWidths.delete(c);
    });
  }
  get useStandardWidth(): boolean {
    return this.read('useStandardWidth');
  }
  /** Back to the standard row height (only `true` does anything, as in office.js). */
  set useStandardHeight(v: boolean) {
    this.write((t) => {
      if (!v) return;
      for (const r of [...t.sheet.rowHeights.keys()])
        if (r >= t.box.top && r <= t.box.bottom) t.sheet.rowHeights.delete(r);
    });
  }
  get useStandardHeight(): boolean {
    return this.read('useStandardHeight');
  }
  autofitColumns(): void {
    this.write(() => undefined);
  }
}

/** The data properties of a range the double implements, typed by office.js so drift breaks the build. */
type RangeData = Pick<
  Excel.Range,
  | 'address'
  | 'values'
  | 'text'
  | 'formulas'
  | 'numberFormat'
  | 'valueTypes'
  | 'rowCount'
  | 'columnCount'
  | 'cellCount'
  | 'rowIndex'
  | 'columnIndex'
  | 'hyperlink'
  | 'isNullObject'
>;

export class DRange extends DoubleObject<RangeTarget> implements RangeData {
  protected readonly scalarProps = [
    'address',
    'addressLocal',
    'values',
    'text',
    'formulas',
    'numberFormat',
    'valueTypes',
    'rowCount',
    'columnCount',
    'cellCount',
    'rowIndex',
    'columnIndex',
    'hyperlink',
    'isEntireColumn',
    'isEntireRow',
  ] as const;

  constructor(
    context: DoubleContextBase,
    resolver: () => RangeTarget | null,
    private readonly sheetProxy: () => DWorksheet
  ) {
    super(context, resolver);
  }

  protected navigation(name: string): DoubleObject<unknown> | undefined {
    if (name === 'format') return this.format as DoubleObject<unknown>;
    if (name === 'worksheet') return this.worksheet as DoubleObject<unknown>;
    return undefined;
  }

  protected snapshot(prop: string, t: RangeTarget): unknown {
    if (VALUE_PROPS.has(prop) && boxCells(t.box) > MAX_LOADED_CELLS)
      throw new DoubleError(
        'ResponsePayloadSizeLimitExceeded',
        `The response payload size has exceeded the limit (range ${boxAddress(t.box)}).`
      );
    const cells = () => cellsIn(t);
    switch (prop) {
      case 'address':
        return `${quoteSheetName(t.sheet.name)}!${boxAddress(t.box)}`;
      case 'addressLocal':
        return `${quoteSheetName(t.sheet.name)}!${boxAddress(t.box)}`;
      case 'values':
        return cells().map((r) => r.map(outValue));
      case 'text':
        return cells().map((r) => r.map(displayText));
      case 'formulas':
        return cells().map((r) => r.map((c) => c.formula ?? outValue(c)));
      case 'numberFormat':
        return cells().map((r) => r.map((c) => c.numberFormat));
      case 'valueTypes':
        return cells().map((r) => r.map(valueType));
      case 'rowCount':
        return t.box.bottom - t.box.top + 1;
      case 'columnCount':
        return t.box.right - t.box.left + 1;
      case 'cellCount':
        return boxCells(t.box);
      case 'rowIndex':
        return t.box.top;
      case 'columnIndex':
        return t.box.left;
      case 'hyperlink':
        return (t.sheet.cells.get(cellKey(t.box.top, t.box.left))?.hyperlink ?? null) as HyperlinkData | null;
      case 'isEntireColumn':
        return t.box.top === 0 && t.box.bottom === MAX_ROWS - 1;
      case 'isEntireRow':
        return t.box.left === 0 && t.box.right === MAX_COLS - 1;
    }
    throw new DoubleError('InvalidArgument', `Range has no property '${prop}'.`);
  }

  private sub(box: () => RangeBox | null): DRange {
    return new DRange(
      this.context,
      () => {
        const t = this.live();
        const b = box();
        return b ? { sheet: t.sheet, box: b } : null;
      },
      this.sheetProxy
    );
  }

  private markChanged(t: RangeTarget): void {
    this.context.noteChange(t.sheet.id, `${quoteSheetName(t.sheet.name)}!${boxAddress(t.box)}`);
  }

  get format(): DRangeFormat {
    return this.child('format', () => new DRangeFormat(this.context, () => this.target()));
  }
  get worksheet(): DWorksheet {
    return this.sheetProxy();
  }

  get address(): string {
    return this.read('address');
  }
  get addressLocal(): string {
    return this.read('addressLocal');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get cellCount(): number {
    return this.read('cellCount');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get text(): string[][] {
    return this.read('text');
  }
  get valueTypes(): Excel.RangeValueType[][] {
    return this.read('valueTypes');
  }

  get values(): Scalar[][] {
    return this.read('values');
  }
  set values(v: Scalar[][]) {
    this.write((t) => {
      const value = shaped(t, v);
      forEachCell(t, (c, r, col) => enterValue(c, value(r, col)));
      this.markChanged(t);
    });
  }
  get formulas(): Scalar[][] {
    return this.read('formulas');
  }
  set formulas(v: Scalar[][]) {
    this.write((t) => {
      const value = shaped(t, v);
      forEachCell(t, (c, r, col) => enterValue(c, value(r, col)));
      this.markChanged(t);
    });
  }
  get numberFormat(): string[][] {
    return this.read('numberFormat');
  }
  set numberFormat(v: string[][]) {
    this.write((t) => {
      const value = shaped(t, v);
      forEachCell(t, (c, r, col) => (c.numberFormat = String(value(r, col))));
    });
  }
  get hyperlink(): Excel.RangeHyperlink {
    return this.read('hyperlink');
  }
  set hyperlink(v: Excel.RangeHyperlink) {
    this.write((t) => {
      const c = t.sheet.cells.get(cellKey(t.box.top, t.box.left)) ?? blankCell();
      t.sheet.cells.set(cellKey(t.box.top, t.box.left), c);
      c.hyperlink = { ...v };
      if (v.textToDisplay !== undefined) {
        const keep = c.numberFormat;
        c.numberFormat = '@';
        enterValue(c, v.textToDisplay);
        c.numberFormat = keep;
      }
    });
  }

  /**
   * ExcelApi 1.9: each cell's format as a 2-D array, one object per cell holding only what was asked for
   * (fill, borders, font, wrapText, address, hyperlink). Borders come as Excel's CellBorderCollection
   * (`top`, `bottom`, `left`, `right`, `diagonalDown`, `diagonalUp`, `horizontal`, `vertical`); a fill
   * reads as RangeFill does (office-js #4900: "no fill" has tintAndShade null). Anything else asked for fails loudly.
   */
  getCellProperties(options: Excel.CellPropertiesLoadOptions): DoubleResult<Excel.CellProperties[][]> {
    this.requireApi('1.9', 'Range.getCellProperties');
    return new DoubleResult(this.context, () => {
      const t = this.live();
      if (boxCells(t.box) > MAX_LOADED_CELLS)
        throw new DoubleError(
          'ResponsePayloadSizeLimitExceeded',
          'The response payload size has exceeded the limit.'
        );
      return cellsIn(t).map((row, r) => row.map((c, col) => cellProperties(c, options, t, r, col)));
    });
  }

  /** ExcelApi 1.9: per-cell settings from a 2-D array; `{}` leaves a cell as it is. Only hyperlinks, fill and font are modelled. */
  setCellProperties(data: Excel.SettableCellProperties[][]): void {
    this.requireApi('1.9', 'Range.setCellProperties');
    this.write((t) => {
      const value = shaped(t, data);
      forEachCell(t, (c, r, col) => {
        const p = value(r, col) ?? {};
        for (const key of Object.keys(p))
          if (key !== 'hyperlink' && key !== 'format')
            throw new DoubleError('NotModelled', `The Excel double does not model setCellProperties ${key}.`);
        if (p.hyperlink) {
          c.hyperlink = { ...p.hyperlink };
          if (p.hyperlink.textToDisplay !== undefined) {
            const keep = c.numberFormat;
            c.numberFormat = '@';
            enterValue(c, p.hyperlink.textToDisplay);
            c.numberFormat = keep;
          }
        }
        const f = p.format ?? {};
        for (const key of Object.keys(f))
          if (key !== 'fill' && key !== 'font')
            throw new DoubleError(
              'NotModelled',
              `The Excel double does not model setCellProperties format.${key}.`
            );
        if (f.fill?.color) c.fill = { kind: 'solid', color: normColor(f.fill.color) };
        if (f.font?.underline) c.underline = String(f.font.underline);
        if (f.font?.bold !== undefined) c.bold = f.font.bold;
        if (f.font?.color) c.fontColor = normColor(f.font.color);
      });
    });
  }

  private requireApi(version: string, member: string): void {
    if (!this.host.supportsExcelApi(version))
      throw new DoubleError(
        'ApiNotFound',
        `The API you are trying to use could not be found (${member} needs ExcelApi ${version}).`
      );
  }

  getCell(...[row, column]: Parameters<Excel.Range['getCell']>): DRange {
    return this.sub(() => {
      const b = this.live().box;
      return { top: b.top + row, bottom: b.top + row, left: b.left + column, right: b.left + column };
    });
  }
  /** office.js itself splits a large values/formulas write with getBoundingRect and getRow. */
  getBoundingRect(other: DRange | string): DRange {
    return this.sub(() => {
      const b = this.live().box;
      const o =
        typeof other === 'string'
          ? parseBox(splitSheet(other).local)!
          : (other as unknown as { live(): RangeTarget }).live().box;
      return {
        top: Math.min(b.top, o.top),
        left: Math.min(b.left, o.left),
        bottom: Math.max(b.bottom, o.bottom),
        right: Math.max(b.right, o.right),
      };
    });
  }
  getRow(row: number): DRange {
    return this.sub(() => {
      const b = this.live().box;
      return { top: b.top + row, bottom: b.top + row, left: b.left, right: b.right };
    });
  }
  getResizedRange(...[deltaRows, deltaColumns]: Parameters<Excel.Range['getResizedRange']>): DRange {
    return this.sub(() => {
      const b = this.live().box;
      const out = { ...b, bottom: b.bottom + deltaRows, right: b.right + deltaColumns };
      if (out.bottom < out.top || out.right < out.left)
        throw new DoubleError('InvalidArgument', 'The resized range is empty.');
      return out;
    });
  }
  getOffsetRange(...[rowOffset, columnOffset]: Parameters<Excel.Range['getOffsetRange']>): DRange {
    return this.sub(() => {
      const b = this.live().box;
      return {
        top: b.top + rowOffset,
        bottom: b.bottom + rowOffset,
        left: b.left + columnOffset,
        right: b.right + columnOffset,
      };
    });
  }
  getUsedRange(...[valuesOnly]: Parameters<Excel.Range['getUsedRange']>): DRange {
    return this.sub(() => {
      const t = this.live();
      const u = usedBox(t.sheet, !!valuesOnly);
      if (!u || !intersects(u, t.box))
        return { top: t.box.top, left: t.box.left, bottom: t.box.top, right: t.box.left };
      return {
        top: Math.max(u.top, t.box.top),
        left: Math.max(u.left, t.box.left),
        bottom: Math.min(u.bottom, t.box.bottom),
        right: Math.min(u.right, t.box.right),
      };
    });
  }
  getUsedRangeOrNullObject(...[valuesOnly]: Parameters<Excel.Range['getUsedRangeOrNullObject']>): DRange {
    return this.sub(() => {
      const t = this.live();
      const u = usedBox(t.sheet, !!valuesOnly);
      if (!u || !intersects(u, t.box)) return null;
      return {
        top: Math.max(u.top, t.box.top),
        left: Math.max(u.left, t.box.left),
        bottom: Math.min(u.bottom, t.box.bottom),
        right: Math.min(u.right, t.box.right),
      };
    });
  }
  /** ExcelApi 1.13: the merged areas within the range, or a null object when there are none. */
  getMergedAreasOrNullObject(): DRangeAreas {
    return new DRangeAreas(this.context, () => {
      const t = this.live();
      const areas = t.sheet.merges.filter((m) => intersects(m, t.box));
      return areas.length ? areas.map((box) => ({ sheet: t.sheet, box })) : null;
    });
  }
  merge(...[across]: Parameters<Excel.Range['merge']>): void {
    this.write((t) => {
      const boxes = across
        ? Array.from({ length: t.box.bottom - t.box.top + 1 }, (_, i) => ({
            ...t.box,
            top: t.box.top + i,
            bottom: t.box.top + i,
          }))
        : [t.box];
      t.sheet.merges = t.sheet.merges.filter((m) => !intersects(m, t.box));
      t.sheet.merges.push(...boxes);
      // As Excel does: only each merged area's top-left cell keeps its value.
      for (const b of boxes)
        for (let r = b.top; r <= b.bottom; r++)
          for (let c = b.left; c <= b.right; c++) {
            if (r === b.top && c === b.left) continue;
            const cell = t.sheet.cells.get(cellKey(r, c));
            if (cell) {
              cell.value = null;
              delete cell.formula;
              delete cell.error;
            }
          }
    });
  }
  unmerge(): void {
    this.write((t) => (t.sheet.merges = t.sheet.merges.filter((m) => !intersects(m, t.box))));
  }
  getEntireRow(): DRange {
    return this.sub(() => ({ ...this.live().box, left: 0, right: MAX_COLS - 1 }));
  }
  getEntireColumn(): DRange {
    return this.sub(() => ({ ...this.live().box, top: 0, bottom: MAX_ROWS - 1 }));
  }
  /** Inserts blank cells here, moving the rest down or right (names follow: see state.shiftCells); the new cells' range. */
  insert(...[shift]: Parameters<Excel.Range['insert']>): DRange {
    let at: RangeTarget | null = null;
    this.write((t) => {
      if (shift !== 'Down' && shift !== 'Right')
        throw new DoubleError('InvalidArgument', `Invalid shift direction '${String(shift)}'.`);
      shiftCells(this.host.book, t.sheet, t.box, shift);
      at = { sheet: t.sheet, box: { ...t.box } };
      this.markChanged(t);
    });
    return new DRange(this.context, () => at, this.sheetProxy);
  }
  /** Deletes these cells, moving the rest up or left; names wholly inside become `#REF!`. */
  delete(...[shift]: Parameters<Excel.Range['delete']>): void {
    this.write((t) => {
      if (shift !== 'Up' && shift !== 'Left')
        throw new DoubleError('InvalidArgument', `Invalid shift direction '${String(shift)}'.`);
      shiftCells(this.host.book, t.sheet, t.box, shift);
      this.markChanged(t);
    });
  }
  select(): void {
    this.write((t) => {
      this.host.book.selection = { sheet: t.sheet, box: t.box };
      this.host.book.activeSheet = t.sheet;
    });
  }
  clear(...[applyTo]: Parameters<Excel.Range['clear']>): void {
    const what = String(applyTo ?? 'All');
    this.write((t) => {
      // Only existing cells can hold anything to clear (a whole sheet is 17 billion cells).
      const cells: CellData[] = [];
      const keys: number[] = [];
      for (const [key, cell] of t.sheet.cells) {
        const [r, col] = keyRowCol(key);
        if (r < t.box.top || r > t.box.bottom || col < t.box.left || col > t.box.right) continue;
        cells.push(cell);
        keys.push(key);
      }
      // Cleared of everything, a cell is no different from one never used.
      if (what === 'All') {
        for (const key of keys) t.sheet.cells.delete(key);
        cells.length = 0;
      }
      cells.forEach((c) => {
        if (what === 'All' || what === 'Contents') {
          c.value = null;
          delete c.formula;
          c.error = undefined;
        }
        // A fresh blank per cell: cells must not share their borders object.
        if (what === 'All' || what === 'Formats')
          Object.assign(c, {
            ...blankCell(),
            value: c.value,
            formula: c.formula,
            error: c.error,
            hyperlink: c.hyperlink,
          });
        if (what === 'All' || what === 'Hyperlinks' || what === 'RemoveHyperlinks') delete c.hyperlink;
      });
      if (what === 'All' || what === 'Formats')
        t.sheet.merges = t.sheet.merges.filter((m) => !intersects(m, t.box));
      this.markChanged(t);
    });
  }
}

/** ExcelApi 1.13 RangeAreas, as far as reading merged areas needs: their address. */
export class DRangeAreas extends DoubleObject<RangeTarget[]> {
  protected readonly scalarProps = ['address', 'areaCount'] as const;
  protected snapshot(prop: string, t: RangeTarget[]): unknown {
    if (prop === 'address')
      return t.map((x) => `${quoteSheetName(x.sheet.name)}!${boxAddress(x.box)}`).join(',');
    if (prop === 'areaCount') return t.length;
    throw new DoubleError('InvalidArgument', `RangeAreas has no property '${prop}'.`);
  }
  get address(): string {
    return this.read('address');
  }
  get areaCount(): number {
    return this.read('areaCount');
  }
}
