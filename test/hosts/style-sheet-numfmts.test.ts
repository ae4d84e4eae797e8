/**
 * A style sheet without <numFmts> — what ExcelJS writes for a workbook using built-in formats only —
 * gets our number formats inserted before <fonts> and keeps <fonts> whole (found converting .xls
 * through ExcelJS: the result would not open).
 */
import { StyleSheet } from '../../src/hosts/file/styleSheet';

const EXCELJS_MINIMAL =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/></styleSheet>';

test('a number format and a font added to a style sheet without <numFmts>', () => {
  const sheet = new StyleSheet(EXCELJS_MINIMAL);
  const id = sheet.numFmt('0.00%;-0.00%;0');
  sheet.add('fonts', '<font><b/><sz val="11"/><name val="宋体"/></font>');
  const xml = sheet.toXml();
  expect(id).toBeGreaterThanOrEqual(164);
  expect(xml).toContain(
    `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="${id}" formatCode="0.00%;-0.00%;0"/></numFmts><fonts count="2"><font><sz val="11"/>`
  );
  expect(xml).toContain('<name val="宋体"/></font></fonts><fills count="2">');
});
