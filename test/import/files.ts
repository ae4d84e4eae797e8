/**
 * Test files made in the test itself: grids written as an .xlsx (ExcelJS, merged headers as merges),
 * and that .xlsx saved in another format by LibreOffice (its own profile, so a running LibreOffice
 * or another test cannot block it) or by SheetJS for the formats LibreOffice cannot write (.xlsb).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { a1 } from '../../src/catalogue/layout';
import type { ImportSheet } from '../../src/import/recognise';

export async function writeSheets(sheets: ImportSheet[], file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.cells.forEach((row, r) =>
      row.forEach((v, c) => v !== null && (ws.getCell(a1(r, c)).value = v as ExcelJS.CellValue))
    );
    for (const m of s.merges ?? []) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  }
  await wb.xlsx.writeFile(file);
  return file;
}

export const haveSoffice = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v soffice'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/**
 * `files` saved by LibreOffice as `format` (an extension, or `ext:Filter name`) into `dir`, in one
 * run (`infilter` tells how to read them, e.g. CSV in UTF-8); returns the paths written. LibreOffice
 * takes some seconds to start: one run for many files.
 */
export function sofficeConvert(files: string[], format: string, dir: string, infilter?: string): string[] {
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
      '--headless',
      ...(infilter ? [`--infilter=${infilter}`] : []),
      '--convert-to',
      format,
      '--outdir',
      dir,
      ...files,
    ],
    { stdio: 'ignore', timeout: 180_000 }
  );
  const ext = format.split(':')[0];
  return files.map((f) => path.join(dir, `${path.basename(f, path.extname(f))}.${ext}`));
}

/** An .xlsx saved as .xlsb by SheetJS (LibreOffice reads .xlsb but cannot write it). */
export function sheetjsXlsb(xlsx: string, out: string): string {
  const wb = XLSX.read(fs.readFileSync(xlsx), { type: 'buffer', cellNF: true, cellDates: true });
  fs.writeFileSync(out, XLSX.write(wb, { type: 'buffer', bookType: 'xlsb' }) as Buffer);
  return out;
}
