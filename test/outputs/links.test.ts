/**
 * Internal links are written as a location only (ExcelJS issue #3027 wrote them with an external
 * target too, which Excel, WPS and LibreOffice read as `file.xlsx#'Sheet'!A1##'Sheet'!A1`).
 */
import JSZip from 'jszip';
import { locationOnly, withoutRelationships } from '../../src/hosts/file/links';
import { evaluatedSample } from './evaluated';

test('ExcelJS’s doubled link becomes one location, and its relationship goes', () => {
  const xml = `<hyperlinks><hyperlink ref="H4" r:id="rId1" location="#&apos;基础数据&apos;!B34"/><hyperlink ref="A1" r:id="rId2"/></hyperlinks>`;
  const { xml: fixed, removed } = locationOnly(xml);
  expect(fixed).toBe(
    `<hyperlinks><hyperlink ref="H4" location="&apos;基础数据&apos;!$B$34"/><hyperlink ref="A1" r:id="rId2"/></hyperlinks>`
  );
  expect(removed).toEqual(['rId1']);
  const rels = `<Relationships><Relationship Id="rId1" Type="x/hyperlink" Target="#&apos;基础数据&apos;!B34" TargetMode="External"/><Relationship Id="rId2" Type="x/hyperlink" Target="https://example.org/" TargetMode="External"/></Relationships>`;
  expect(withoutRelationships(rels, removed)).toBe(
    `<Relationships><Relationship Id="rId2" Type="x/hyperlink" Target="https://example.org/" TargetMode="External"/></Relationships>`
  );
});

test('every link of the evaluated sample is a location inside the workbook, pointing at a cell that exists', async () => {
  const zip = await JSZip.loadAsync(await evaluatedSample());
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const sheets = [...workbook.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) =>
    m[1].replace(/&apos;/g, "'")
  );
  let links = 0;
  for (const path of Object.keys(zip.files).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))) {
    const xml = await zip.file(path)!.async('string');
    for (const m of xml.matchAll(/<hyperlink\b([^>]*)\/>/g)) {
      links++;
      expect(m[1]).not.toMatch(/r:id=/);
      const location = /location="([^"]*)"/.exec(m[1])![1].replace(/&apos;/g, "'");
      // 'Sheet'!$A$1, one location, no '#', naming a sheet of the workbook.
      const target = /^'((?:[^']|'')+)'!\$([A-Z]{1,3})\$(\d+)$/.exec(location);
      expect(target).not.toBeNull();
      expect(sheets).toContain(target![1].replace(/''/g, "'"));
    }
    const rels = await zip.file(path.replace('worksheets/', 'worksheets/_rels/') + '.rels')?.async('string');
    expect(rels ?? '').not.toMatch(/TargetMode="External"[^>]*|Target="#/);
  }
  // 问题清单's 先查单元格 and 定位 columns, 指标计算表's cells, the report draft's references.
  expect(links).toBeGreaterThan(200);
});
