/** Import on the file host (CLI): recognise the user's tables and fill our template with what was found. */
import { templatePlan } from '../core/template';
import { readRegularFile } from '../hosts/file/node';
import { asXlsxPackage } from '../hosts/file/otherFormats';
import { formatName } from '../hosts/file/formats';
import { applyPlan, loadXlsx, newXlsx, XlsxBook } from '../hosts/file/xlsx';
import { ImportResult, recognise } from './recognise';
import { importedValues, importReport } from './report';
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
  const report = importReport(result);
  if (from) report.unshift(`输入是${from}，只读取、未改动`);
  if (result.tables.length === 0) return { result, report };
  const book = newXlsx();
  applyPlan(book, templatePlan(importedValues(result)));
  return { result, report, book };
}

/** Reads a workbook of any format we read (.xlsx, .xls, .et, .xlsb, .ods, .uos), bounded as evaluate reads it. */
export async function importWorkbook(file: string): Promise<FileImport> {
  const { bytes, from } = await asXlsxPackage(await readRegularFile(file), file);
  return importBytes(bytes, from && formatName(from, file));
}
