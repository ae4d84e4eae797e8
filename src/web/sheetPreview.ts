/**
 * The cells around a cell of an .xlsx held in the page (ExcelJS), as the sheet displays them, for
 * the read-only preview a finding opens on the web page.
 */
import type ExcelJS from 'exceljs';
import { a1, colLetter } from '../catalogue/layout';
import { parseRange } from '../core/address';
import { CellPreview, formatNumber, previewWindow } from '../taskpane/preview';

/** A cell's value as the sheet shows it: numbers in their format, formulas by their result, rich text as text. */
export function displayText(cell: ExcelJS.Cell): string {
  // A merged cell shows its value once, in its top-left cell.
  if (cell.isMerged && cell.master.address !== cell.address) return '';
  const show = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return formatNumber(v, cell.numFmt);
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if (typeof v === 'string') return v;
    if (typeof v === 'object') {
      const o = v as {
        result?: unknown;
        richText?: Array<{ text: string }>;
        text?: unknown;
        error?: string;
        formula?: string;
      };
      if (o.richText) return o.richText.map((t) => t.text).join('');
      if ('result' in o || 'formula' in o) return show(o.result);
      if (o.error) return o.error;
      if ('text' in o) return show(o.text);
    }
    return String(v);
  };
  return show(cell.value);
}

/** The preview around `address` (`Sheet!B7`, or a range: its top-left cell), or null when the sheet is not in the workbook. */
export function previewAround(wb: ExcelJS.Workbook, address: string): CellPreview | null {
  const r = parseRange(address);
  const ws = r ? wb.getWorksheet(r.sheet) : undefined;
  if (!r || !ws) return null;
  const { rows, cols } = previewWindow(r.top, r.left);
  return {
    sheet: r.sheet,
    cell: a1(r.top, r.left),
    columns: cols.map(colLetter),
    rows: rows.map((row) => ({ row: row + 1, cells: cols.map((c) => displayText(ws.getCell(a1(row, c)))) })),
    at: { row: rows.indexOf(r.top), column: cols.indexOf(r.left) },
  };
}
