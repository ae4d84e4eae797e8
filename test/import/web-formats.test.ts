/**
 * The web page opens .xls / .ods the way the CLI does (src/web/openWorkbook.ts: the same format
 * detection and SheetJS conversion, JSZip listing the parts): the workbook it then loads reads the
 * same inputs as the .xlsx. Files are made here by SheetJS from the sample (LibreOffice-made ones
 * are in formats.test.ts).
 */
import * as fs from 'fs';
import * as XLSX from '@e965/xlsx';
import { loadXlsx, readInputs } from '../../src/hosts/file/xlsx';
import { workbookBytes } from '../../src/web/openWorkbook';
import { SAMPLE_XLSX } from '../helpers/sample';

const xlsx = fs.readFileSync(SAMPLE_XLSX);
const as = (bookType: XLSX.BookType) =>
  XLSX.write(XLSX.read(xlsx, { type: 'buffer', cellNF: true, cellDates: true }), {
    type: 'buffer',
    bookType,
  }) as Buffer;

test('an .xlsx is handed over as it is', async () => {
  const r = await workbookBytes(new File([new Uint8Array(xlsx)], '样例.xlsx'));
  expect(Buffer.from(r.bytes).equals(xlsx)).toBe(true);
  expect(r.from).toBeUndefined();
});

test.each([
  ['ods', 'OpenDocument 表格（.ods）'],
  ['xlsb', 'Excel 二进制工作簿（.xlsb）'],
] as const)('an .%s reads the same inputs as the .xlsx', async (ext, name) => {
  const r = await workbookBytes(new File([new Uint8Array(as(ext))], `样例.${ext}`));
  expect(r.from).toBe(name);
  const base = readInputs(await loadXlsx(xlsx)).inputs;
  const read = readInputs(await loadXlsx(r.bytes)).inputs;
  expect(read).toEqual(base);
});

test('a damaged .xls is refused in Chinese', async () => {
  await expect(workbookBytes(new File(['x'], '决算.xls'))).rejects.toThrow(
    '无法打开工作簿：文件不是有效的Excel 97–2003 工作簿（.xls）'
  );
});
