/**
 * The file host's side of recognition: an ExcelJS workbook's sheets as grids of values and merges,
 * and the check that turns a legacy .xls (BIFF) into a clear request to save it as .xlsx.
 */
import type { XlsxBook } from '../hosts/file/xlsx';
import { cellValueOf } from '../hosts/file/xlsx';
import type { CellValue } from '../core/types';
import { ImportSheet, MAX_COLS, MAX_ROWS, Merge } from './grid';

/** OLE2 compound file signature: .xls (and .et, .doc) saved by Excel 97–2003 or the 决算 software. */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isLegacyXls(bytes: Uint8Array): boolean {
  return bytes.length >= OLE2.length && OLE2.every((b, i) => bytes[i] === b);
}

export const LEGACY_XLS_MESSAGE =
  '这是旧版 .xls 格式（Excel 97–2003，决算软件常导出此格式），无法直接识别。请用 Excel 或 WPS 打开，“文件 → 另存为”选择“Excel 工作簿（*.xlsx）”，再导入另存的文件。';

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
