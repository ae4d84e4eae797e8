/**
 * The file host's side of recognition: an ExcelJS workbook's sheets as grids of values and merges
 * (.xls, .et, .ods … arrive here converted, src/hosts/file/sheetjs.ts).
 */
import type { XlsxBook } from '../hosts/file/xlsx';
import { cellValueOf } from '../hosts/file/xlsx';
import type { CellValue } from '../core/types';
import { ImportSheet, MAX_COLS, MAX_ROWS, Merge } from './grid';

interface MergeModel {
  model: { top: number; left: number; bottom: number; right: number };
}

/** Every visible or hidden worksheet, values row-major from A1, bounded. */
export function sheetsOf(book: XlsxBook): ImportSheet[] {
  return book.wb.worksheets.map((ws) => {
    const rows = Math.min(ws.rowCount, MAX_ROWS);
    const cols = Math.min(ws.columnCount, MAX_COLS);
    const cells: CellValue[][] = [];
    for (let r = 1; r <= rows; r++) {
      const row = ws.getRow(r);
      const line: CellValue[] = [];
      for (let c = 1; c <= cols; c++) {
        const cell = row.getCell(c);
        // A merged area's value lives in its master cell; the others read as blank here.
        line.push(cell.isMerged && cell.master !== cell ? null : cellValueOf(cell.value));
      }
      cells.push(line);
    }
    const merges: Merge[] = Object.values(
      (ws as unknown as { _merges?: Record<string, MergeModel> })._merges ?? {}
    ).map((m) => ({
      top: m.model.top - 1,
      left: m.model.left - 1,
      bottom: m.model.bottom - 1,
      right: m.model.right - 1,
    }));
    return { name: ws.name, cells, merges };
  });
}
