/**
 * Where the template puts each declaration: one fixed, label-based layout per input sheet.
 * The template, the sample builder and test fixtures all place cells through this, so an
 * address is computed in one place. Users with their own layout bind names instead.
 */
import { INPUT_SHEETS } from './inputs';
import type { Block, InputSheet, ScalarDecl, TableDecl } from './types';

/** Column letters from a 0-based index. */
export function colLetter(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based column index from letters. */
export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function a1(row: number, col: number): string {
  return `${colLetter(col)}${row + 1}`;
}

/** One placed block. Rows/cols are 0-based. */
export interface PlacedBlock {
  block: Block;
  /** Row of the block title. */
  titleRow: number;
  /** For lists and grids: where each declaration's value cell is. */
  cells: Array<{ decl: ScalarDecl; row: number; col: number }>;
  /** For tables: header row and data rows. */
  table?: { decl: TableDecl; headerRow: number; firstRow: number; rows: number };
  /** Last row used by the block. */
  lastRow: number;
}

export interface PlacedSheet {
  sheet: InputSheet;
  blocks: PlacedBlock[];
  /** Column widths in characters. */
  widths: number[];
}

export const LIST_HEADER = ['项目', '数值', '单位', '来源 / 说明'];

/** Rows of a table by its name, where a filled workbook needs more than the template's own. */
export type TableRows = Readonly<Record<string, number>>;

function placeBlock(block: Block, top: number, grow: TableRows = {}): PlacedBlock {
  // Title row, optional note row, then the body.
  let row = top + 1 + (block.note ? 1 : 0);
  const cells: PlacedBlock['cells'] = [];
  switch (block.type) {
    case 'list': {
      const header = row++;
      void header;
      for (const item of block.items) cells.push({ decl: item, row: row++, col: 1 });
      return { block, titleRow: top, cells, lastRow: row - 1 };
    }
    case 'grid': {
      row++; // header
      block.cells.forEach((line) => {
        line.forEach((d, c) => {
          if (d) cells.push({ decl: d, row, col: 1 + c });
        });
        row++;
      });
      return { block, titleRow: top, cells, lastRow: row - 1 };
    }
    case 'text':
      cells.push({ decl: block.item, row, col: 0 });
      return { block, titleRow: top, cells, lastRow: row };
    case 'table': {
      const headerRow = row;
      // A table given more rows than the template holds grows, and the blocks below it move down.
      const rows = Math.max(block.table.templateRows, grow[block.table.name] ?? 0);
      return {
        block,
        titleRow: top,
        cells,
        table: { decl: block.table, headerRow, firstRow: headerRow + 1, rows },
        lastRow: headerRow + rows,
      };
    }
  }
}

export function placeSheet(sheet: InputSheet, grow: TableRows = {}): PlacedSheet {
  // Row 0 title, row 1 caption, row 2 blank; blocks separated by a blank row.
  let row = 3;
  const blocks: PlacedBlock[] = [];
  for (const b of sheet.blocks) {
    const placed = placeBlock(b, row, grow);
    blocks.push(placed);
    row = placed.lastRow + 2;
  }
  const tableCols = Math.max(
    0,
    ...sheet.blocks.map((b) => (b.type === 'table' ? b.table.columns.length : 0))
  );
  const gridCols = Math.max(0, ...sheet.blocks.map((b) => (b.type === 'grid' ? b.colLabels.length + 1 : 0)));
  const n = Math.max(4, tableCols, gridCols);
  const widths: number[] = Array.from({ length: n }, (_, i) => (i === 0 ? 36 : 16));
  for (const b of sheet.blocks) {
    if (b.type === 'table')
      b.table.columns.forEach((c, i) => (widths[i] = Math.max(widths[i], c.width ?? 14)));
    if (b.type === 'list') widths[3] = Math.max(widths[3], 28);
  }
  return { sheet, blocks, widths };
}

export const PLACED_SHEETS: PlacedSheet[] = INPUT_SHEETS.map((s) => placeSheet(s));

/** The input sheets placed with some tables grown (the template's own layout when none is). */
export function placeSheets(grow: TableRows = {}): PlacedSheet[] {
  return Object.keys(grow).length === 0 ? PLACED_SHEETS : INPUT_SHEETS.map((s) => placeSheet(s, grow));
}

/** The address of every name in a placement: `Sheet!B5` or `Sheet!A10:G39`. */
export function placedAddresses(placed: PlacedSheet[]): Map<string, string> {
  return new Map(
    placed.flatMap((ps) =>
      ps.blocks.flatMap((pb) => {
        const out: Array<[string, string]> = pb.cells.map((c) => [
          c.decl.name,
          `${ps.sheet.name}!${a1(c.row, c.col)}`,
        ]);
        if (pb.table) {
          const t = pb.table;
          const last = a1(t.firstRow + t.rows - 1, t.decl.columns.length - 1);
          out.push([t.decl.name, `${ps.sheet.name}!${a1(t.firstRow, 0)}:${last}`]);
        }
        return out;
      })
    )
  );
}

/** Template address of every name: `Sheet!B5` or `Sheet!A10:G39`. */
export const TEMPLATE_ADDRESS: ReadonlyMap<string, string> = placedAddresses(PLACED_SHEETS);
