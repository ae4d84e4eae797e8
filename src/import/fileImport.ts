/** Import on the file host (CLI, web): recognise the user's tables and fill our template with what was found. */
import { promises as fs } from 'fs';
import { templatePlan } from '../core/template';
import { applyPlan, loadXlsx, newXlsx, XlsxBook } from '../hosts/file/xlsx';
import { ImportResult, recognise } from './recognise';
import { importedValues, importReport } from './report';
import { MAX_COLS, MAX_ROWS } from './grid';
import { isLegacyXls, LEGACY_XLS_MESSAGE, sheetsOf } from './xlsxSheets';

export interface FileImport {
  result: ImportResult;
  report: string[];
  /** Our template filled with the found figures; absent when no table was recognised. */
  book?: XlsxBook;
}

export async function importBytes(bytes: Uint8Array, file = '工作簿'): Promise<FileImport> {
  if (isLegacyXls(bytes)) throw new Error(`${file}：${LEGACY_XLS_MESSAGE}`);
  const source = await loadXlsx(bytes);
  const result = recognise(sheetsOf(source));
  const report = [...importReport(result), ...beyondBounds(source)];
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

export async function importWorkbook(file: string): Promise<FileImport> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(file));
  } catch {
    throw new Error(`找不到文件或无法读取：${file}`);
  }
  return importBytes(bytes, file);
}
