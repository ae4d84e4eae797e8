/** Import on the file host (CLI): recognise the user's tables and fill our template with what was found. */
import { templatePlan } from '../core/template';
import { readRegularFile } from '../hosts/file/node';
import { asXlsxPackage } from '../hosts/file/otherFormats';
import { formatName } from '../hosts/file/formats';
import { applyPlan, loadXlsx, newXlsx, XlsxBook } from '../hosts/file/xlsx';
import { ImportResult, recognise } from './recognise';
import { importedValues, importReport } from './report';
import { MAX_COLS, MAX_ROWS } from './grid';
import { sheetsOf } from './xlsxSheets';

export interface FileImport {
  result: ImportResult;
  report: string[];
  /** Our template filled with the found figures; absent when no table was recognised. */
  book?: XlsxBook;
}

/** Recognition over an .xlsx package; `from` names the format the file was read from when it was converted. */
export async function importBytes(bytes: Uint8Array, from?: string): Promise<FileImport> {
  const source = await loadXlsx(bytes);
  const result = recognise(sheetsOf(source));
  const report = [...importReport(result), ...beyondBounds(source)];
  if (from) report.unshift(`输入是${from}，只读取、未改动`);
  if (result.tables.length === 0) return { result, report };
  const book = newXlsx();
  applyPlan(book, templatePlan(importedValues(result)));
  return { result, report, book };
}

/** Sheets larger than recognition reads, said (never a silent skip): what lies beyond the bound is not imported. */
function beyondBounds(book: XlsxBook): string[] {
  return book.wb.worksheets
    .filter((ws) => ws.rowCount > MAX_ROWS || ws.columnCount > MAX_COLS)
    .map(
      (ws) =>
        `工作表“${ws.name}”有 ${ws.rowCount} 行、${ws.columnCount} 列，只识别了前 ${MAX_ROWS} 行、前 ${MAX_COLS} 列（决算表不会这么大）；其后的内容未导入，如有需要请拆成多张表`
    );
}

/** Reads a workbook of any format we read (.xlsx, .xls, .et, .xlsb, .ods, .uos), bounded as evaluate reads it. */
export async function importWorkbook(file: string): Promise<FileImport> {
  const { bytes, from } = await asXlsxPackage(await readRegularFile(file), file);
  return importBytes(bytes, from && formatName(from, file));
}
