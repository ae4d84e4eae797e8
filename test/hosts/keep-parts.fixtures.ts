/**
 * Workbooks that each carry one feature Excel keeps and ExcelJS loses on a re-save, built from the
 * bundled sample (samples/衡阳市科协-2021.xlsx) by adding the feature's parts as Excel writes them.
 * Source: the part layouts and element orders of ECMA-376 Part 1 (SpreadsheetML, DrawingML charts,
 * pivot tables, OPC relationships), written by hand at the smallest size that is still valid; the
 * PNG is a 1×1 pixel; the vbaProject.bin is an opaque stand-in (only a real Excel runs macros).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { INPUTS } from '../../src/catalogue/inputs';
import { evaluate, Evaluation } from '../../src/core/engine';
import { writeIntoPackage, KeepResult } from '../../src/hosts/file/keep';
import { preparePackage } from '../../src/hosts/file/package';
import { loadXlsx, readInputs } from '../../src/hosts/file/xlsx';
import { editInLibreOffice, hasSoffice } from './keep-parts.libreoffice';

/** The user's own notes in the workbooks another program saved (one on a cell Jixiao marks, 收支总表!B7). */
export const USER_NOTE = '会计：本年收入已与决算表核对';
export const HEAD_NOTE = '表头说明：金额单位万元';
/** Where LibreOffice 7.4 puts 收支总表's comments (it numbers comments parts by sheet). */
const LO_COMMENTS = 'xl/comments3.xml';

let scratchDir: string | undefined;
const scratch = () => (scratchDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-lo-')));

export interface Feature {
  name: string;
  /** What the workbook carries (Chinese, as in the corpus). */
  what: string;
  ext: '.xlsx' | '.xlsm';
  build(base: Uint8Array): Promise<Uint8Array>;
  /** Text that must still be in a part of the output (kept as the input had it). */
  keeps: Array<[part: string, text: string]>;
}

const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** The sheet the features go on: 收支总表 (xl/worksheets/sheet3.xml), which carries marks. */
const SHEET = 'xl/worksheets/sheet3.xml';
const SHEET_RELS = 'xl/worksheets/_rels/sheet3.xml.rels';

async function edit(
  base: Uint8Array,
  change: (zip: JSZip, text: (p: string) => Promise<string>) => Promise<void>
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(base);
  await change(zip, async (p) => (await zip.file(p)?.async('string')) ?? '');
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** Inserts `text` before the first of `tags` in the XML (or before `before`). */
function insertBefore(xml: string, tags: string[], text: string, fallback: string): string {
  const at = tags.map((t) => xml.indexOf(`<${t}`)).filter((i) => i >= 0)[0] ?? xml.lastIndexOf(fallback);
  return xml.slice(0, at) + text + xml.slice(at);
}

const addRel = (rels: string, xml: string) =>
  (
    rels ||
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`
  ).replace('</Relationships>', `${xml}</Relationships>`);
const addType = (types: string, xml: string) => types.replace('</Types>', `${xml}</Types>`);

/** A sheet-level drawing holding `anchor` (a chart frame or a picture). */
async function withDrawing(
  zip: JSZip,
  text: (p: string) => Promise<string>,
  anchor: string,
  drawingRels: string
): Promise<void> {
  zip.file(
    'xl/drawings/drawing1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${R}" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><xdr:twoCellAnchor><xdr:from><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>10</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>16</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>${anchor}<xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`
  );
  zip.file('xl/drawings/_rels/drawing1.xml.rels', addRel('', drawingRels));
  zip.file(
    SHEET_RELS,
    addRel(
      await text(SHEET_RELS),
      `<Relationship Id="rIdF1" Type="${R}/drawing" Target="../drawings/drawing1.xml"/>`
    )
  );
  zip.file(SHEET, (await text(SHEET)).replace('</worksheet>', '<drawing r:id="rIdF1"/></worksheet>'));
  zip.file(
    '[Content_Types].xml',
    addType(
      await text('[Content_Types].xml'),
      '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>'
    )
  );
}

const CHART = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${R}"><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>收入构成</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:plotArea><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/><c:cat><c:strRef><c:f>收支总表!$A$6:$A$9</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>收支总表!$B$6:$B$9</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>`;

/** A 1×1 white PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==',
  'base64'
);

/** An opaque stand-in for a VBA project (an OLE compound file header and padding). */
const VBA = Buffer.concat([
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  Buffer.alloc(504, 0x5a),
]);

const ALL: Feature[] = [
  {
    name: 'chart',
    what: '收支总表上有一张柱形图',
    ext: '.xlsx',
    build: (base) =>
      edit(base, async (zip, text) => {
        zip.file('xl/charts/chart1.xml', CHART);
        zip.file(
          '[Content_Types].xml',
          addType(
            await text('[Content_Types].xml'),
            '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>'
          )
        );
        await withDrawing(
          zip,
          text,
          `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="图表 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="rIdC1"/></a:graphicData></a:graphic></xdr:graphicFrame>`,
          `<Relationship Id="rIdC1" Type="${R}/chart" Target="../charts/chart1.xml"/>`
        );
      }),
    keeps: [
      [SHEET, '<drawing r:id="rIdF1"/>'],
      [SHEET_RELS, 'Target="../drawings/drawing1.xml"'],
    ],
  },
  {
    name: 'image',
    what: '收支总表上有一张图片',
    ext: '.xlsx',
    build: (base) =>
      edit(base, async (zip, text) => {
        zip.file('xl/media/image1.png', PNG);
        zip.file(
          '[Content_Types].xml',
          addType(await text('[Content_Types].xml'), '<Default Extension="png" ContentType="image/png"/>')
        );
        await withDrawing(
          zip,
          text,
          `<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="图片 1"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rIdI1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="9525" cy="9525"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>`,
          `<Relationship Id="rIdI1" Type="${R}/image" Target="../media/image1.png"/>`
        );
      }),
    keeps: [[SHEET, '<drawing r:id="rIdF1"/>']],
  },
  {
    name: 'pivot',
    what: '另一张表上有数据透视表（含透视缓存）',
    ext: '.xlsx',
    build: (base) =>
      edit(base, async (zip, text) => {
        const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
        zip.file(
          'xl/pivotCache/pivotCacheDefinition1.xml',
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheDefinition ${ns} xmlns:r="${R}" r:id="rId1" refreshOnLoad="1" recordCount="2"><cacheSource type="worksheet"><worksheetSource ref="A5:B7" sheet="收支总表"/></cacheSource><cacheFields count="2"><cacheField name="项目" numFmtId="0"><sharedItems count="2"><s v="甲"/><s v="乙"/></sharedItems></cacheField><cacheField name="金额" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" minValue="1" maxValue="2"/></cacheField></cacheFields></pivotCacheDefinition>`
        );
        zip.file(
          'xl/pivotCache/pivotCacheRecords1.xml',
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheRecords ${ns} count="2"><r><x v="0"/><n v="1"/></r><r><x v="1"/><n v="2"/></r></pivotCacheRecords>`
        );
        zip.file(
          'xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels',
          addRel(
            '',
            `<Relationship Id="rId1" Type="${R}/pivotCacheRecords" Target="pivotCacheRecords1.xml"/>`
          )
        );
        zip.file(
          'xl/pivotTables/pivotTable1.xml',
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotTableDefinition ${ns} name="数据透视表1" cacheId="7" dataCaption="值" createdVersion="6" updatedVersion="6" minRefreshableVersion="3"><location ref="A3:B6" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="2"><pivotField axis="axisRow" showAll="0"><items count="3"><item x="0"/><item x="1"/><item t="default"/></items></pivotField><pivotField dataField="1" showAll="0"/></pivotFields><rowFields count="1"><field x="0"/></rowFields><rowItems count="3"><i><x/></i><i><x v="1"/></i><i t="grand"><x/></i></rowItems><colItems count="1"><i/></colItems><dataFields count="1"><dataField name="求和项:金额" fld="1" baseField="0" baseItem="0"/></dataFields></pivotTableDefinition>`
        );
        zip.file(
          'xl/pivotTables/_rels/pivotTable1.xml.rels',
          addRel(
            '',
            `<Relationship Id="rId1" Type="${R}/pivotCacheDefinition" Target="../pivotCache/pivotCacheDefinition1.xml"/>`
          )
        );
        zip.file(
          'xl/worksheets/sheet99.xml',
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${ns} xmlns:r="${R}"><sheetData><row r="3"><c r="A3" t="inlineStr"><is><t>行标签</t></is></c><c r="B3" t="inlineStr"><is><t>求和项:金额</t></is></c></row><row r="4"><c r="A4" t="inlineStr"><is><t>甲</t></is></c><c r="B4"><v>1</v></c></row><row r="5"><c r="A5" t="inlineStr"><is><t>乙</t></is></c><c r="B5"><v>2</v></c></row><row r="6"><c r="A6" t="inlineStr"><is><t>总计</t></is></c><c r="B6"><v>3</v></c></row></sheetData></worksheet>`
        );
        zip.file(
          'xl/worksheets/_rels/sheet99.xml.rels',
          addRel(
            '',
            `<Relationship Id="rId1" Type="${R}/pivotTable" Target="../pivotTables/pivotTable1.xml"/>`
          )
        );
        zip.file(
          'xl/_rels/workbook.xml.rels',
          addRel(
            await text('xl/_rels/workbook.xml.rels'),
            `<Relationship Id="rIdP1" Type="${R}/worksheet" Target="worksheets/sheet99.xml"/><Relationship Id="rIdP2" Type="${R}/pivotCacheDefinition" Target="pivotCache/pivotCacheDefinition1.xml"/>`
          )
        );
        const wb = (await text('xl/workbook.xml')).replace(
          '</sheets>',
          '<sheet name="透视" sheetId="99" r:id="rIdP1"/></sheets>'
        );
        zip.file(
          'xl/workbook.xml',
          insertBefore(
            wb,
            ['extLst'],
            '<pivotCaches><pivotCache cacheId="7" r:id="rIdP2"/></pivotCaches>',
            '</workbook>'
          )
        );
        zip.file(
          '[Content_Types].xml',
          addType(
            await text('[Content_Types].xml'),
            [
              ['/xl/worksheets/sheet99.xml', 'spreadsheetml.worksheet+xml'],
              ['/xl/pivotCache/pivotCacheDefinition1.xml', 'spreadsheetml.pivotCacheDefinition+xml'],
              ['/xl/pivotCache/pivotCacheRecords1.xml', 'spreadsheetml.pivotCacheRecords+xml'],
              ['/xl/pivotTables/pivotTable1.xml', 'spreadsheetml.pivotTable+xml'],
            ]
              .map(
                ([p, t]) =>
                  `<Override PartName="${p}" ContentType="application/vnd.openxmlformats-officedocument.${t}"/>`
              )
              .join('')
          )
        );
      }),
    keeps: [['xl/workbook.xml', '<pivotCaches><pivotCache cacheId="7" r:id="rIdP2"/></pivotCaches>']],
  },
  {
    name: 'data-validation',
    what: '收支总表的金额格设有数据验证（0～99999999）',
    ext: '.xlsx',
    build: (base) =>
      edit(base, async (zip, text) => {
        zip.file(
          SHEET,
          insertBefore(
            await text(SHEET),
            ['hyperlinks', 'printOptions', 'pageMargins'],
            '<dataValidations count="1"><dataValidation type="decimal" allowBlank="1" showErrorMessage="1" errorTitle="金额" error="请填金额" sqref="B6:B40"><formula1>0</formula1><formula2>99999999</formula2></dataValidation></dataValidations>',
            '</worksheet>'
          )
        );
      }),
    keeps: [[SHEET, 'error="请填金额" sqref="B6:B40"><formula1>0</formula1>']],
  },
  {
    name: 'conditional-format',
    what: '收支总表有条件格式（负数标红，样式在 dxfs 中）',
    ext: '.xlsx',
    build: (base) =>
      edit(base, async (zip, text) => {
        zip.file(
          SHEET,
          insertBefore(
            await text(SHEET),
            ['dataValidations', 'hyperlinks', 'printOptions', 'pageMargins'],
            '<conditionalFormatting sqref="B6:B40"><cfRule type="cellIs" dxfId="0" priority="1" operator="lessThan"><formula>0</formula></cfRule></conditionalFormatting>',
            '</worksheet>'
          )
        );
        const styles = await text('xl/styles.xml');
        const dxfs =
          '<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>';
        zip.file(
          'xl/styles.xml',
          /<dxfs[\s\S]*?(<\/dxfs>|\/>)/.test(styles)
            ? styles.replace(/<dxfs[\s\S]*?(<\/dxfs>|\/>)/, dxfs)
            : insertBefore(styles, ['tableStyles', 'colors', 'extLst'], dxfs, '</styleSheet>')
        );
      }),
    keeps: [
      [
        SHEET,
        '<cfRule type="cellIs" dxfId="0" priority="1" operator="lessThan"><formula>0</formula></cfRule>',
      ],
      ['xl/styles.xml', '<dxf><font><color rgb="FF9C0006"/></font>'],
    ],
  },
  {
    name: 'protection',
    what: '工作簿结构保护，收支总表设有工作表保护（含密码散列）',
    ext: '.xlsx',
    build: (base) =>
      edit(base, async (zip, text) => {
        const lock =
          '<workbookProtection workbookAlgorithmName="SHA-512" workbookHashValue="x6xT0Vtjsm2PwQ+uNq6kRWB3iyPN8W0oq7yYT8sXMxVZ8GGbyfK6ArpAbOxNSL5ti1WL4sVM9lyDpuT4zR4Hsw==" workbookSaltValue="d9Ue0JkDaaWfJq6GLwR5Aw==" workbookSpinCount="100000" lockStructure="1"/>';
        zip.file(
          'xl/workbook.xml',
          insertBefore(await text('xl/workbook.xml'), ['bookViews'], lock, '<sheets>')
        );
        zip.file(
          SHEET,
          (await text(SHEET)).replace(
            '</sheetData>',
            '</sheetData><sheetProtection algorithmName="SHA-512" hashValue="pK4v4tQ8m6hWQ3wGGnE0u4jm4VvN1u8Fh0j3Qb3mKzC8b4v2q9f5b1t4Q0lYV6zk2u8Qm1D2r3dNHc6nI5Y3Hg==" saltValue="Qm5Zb0x3d2pXcVhHSk5aQQ==" spinCount="100000" sheet="1" objects="1" scenarios="1"/>'
          )
        );
      }),
    keeps: [
      ['xl/workbook.xml', 'lockStructure="1"/>'],
      [SHEET, 'spinCount="100000" sheet="1" objects="1" scenarios="1"/>'],
    ],
  },
  {
    name: 'external-link',
    what: '引用另一个工作簿的外部链接（externalLink 部件和名称）',
    ext: '.xlsx',
    build: (base) =>
      edit(base, async (zip, text) => {
        zip.file(
          'xl/externalLinks/externalLink1.xml',
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${R}"><externalBook r:id="rId1"><sheetNames><sheetName val="上年"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1"><v>123.45</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`
        );
        zip.file(
          'xl/externalLinks/_rels/externalLink1.xml.rels',
          addRel(
            '',
            `<Relationship Id="rId1" Type="${R}/externalLinkPath" Target="file:///C:/%E8%B4%A2%E5%8A%A1/2020%E5%B9%B4.xlsx" TargetMode="External"/>`
          )
        );
        zip.file(
          'xl/_rels/workbook.xml.rels',
          addRel(
            await text('xl/_rels/workbook.xml.rels'),
            `<Relationship Id="rIdX1" Type="${R}/externalLink" Target="externalLinks/externalLink1.xml"/>`
          )
        );
        const wb = (await text('xl/workbook.xml'))
          .replace(
            '</sheets>',
            '</sheets><externalReferences><externalReference r:id="rIdX1"/></externalReferences>'
          )
          .replace(
            '</definedNames>',
            '<definedName name="上年收入">[1]上年!$A$1</definedName></definedNames>'
          );
        zip.file('xl/workbook.xml', wb);
        zip.file(
          '[Content_Types].xml',
          addType(
            await text('[Content_Types].xml'),
            '<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/>'
          )
        );
      }),
    keeps: [
      ['xl/workbook.xml', '<externalReferences><externalReference r:id="rIdX1"/></externalReferences>'],
      ['xl/workbook.xml', '<definedName name="上年收入">[1]上年!$A$1</definedName>'],
    ],
  },
  {
    name: 'defined-names',
    what: '用户自己的名称：工作表级名称、隐藏名称、常量名称和打印区域',
    ext: '.xlsx',
    build: (base) =>
      edit(base, async (zip, text) => {
        const own =
          '<definedName name="_xlnm.Print_Area" localSheetId="2">收支总表!$A$1:$D$40</definedName><definedName name="本表小计" localSheetId="2">收支总表!$B$6:$B$9</definedName><definedName name="内部备注" hidden="1">"仅供内部"</definedName><definedName name="税率">0.06</definedName>';
        zip.file(
          'xl/workbook.xml',
          (await text('xl/workbook.xml')).replace('</definedNames>', `${own}</definedNames>`)
        );
      }),
    keeps: [
      [
        'xl/workbook.xml',
        '<definedName name="_xlnm.Print_Area" localSheetId="2">收支总表!$A$1:$D$40</definedName><definedName name="本表小计" localSheetId="2">收支总表!$B$6:$B$9</definedName><definedName name="内部备注" hidden="1">"仅供内部"</definedName><definedName name="税率">0.06</definedName>',
      ],
    ],
  },
  {
    name: 'custom-properties',
    what: '自定义文档属性（docProps/custom.xml）',
    ext: '.xlsx',
    build: (base) =>
      edit(base, async (zip, text) => {
        zip.file(
          'docProps/custom.xml',
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="填报单位编码"><vt:lpwstr>430400-001</vt:lpwstr></property></Properties>`
        );
        zip.file(
          '_rels/.rels',
          addRel(
            await text('_rels/.rels'),
            `<Relationship Id="rIdU1" Type="${R}/custom-properties" Target="docProps/custom.xml"/>`
          )
        );
        zip.file(
          '[Content_Types].xml',
          addType(
            await text('[Content_Types].xml'),
            '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
          )
        );
      }),
    keeps: [['docProps/custom.xml', '<vt:lpwstr>430400-001</vt:lpwstr>']],
  },
  {
    name: 'vba',
    what: '启用宏的工作簿（.xlsm，含 vbaProject.bin）',
    ext: '.xlsm',
    build: (base) =>
      edit(base, async (zip, text) => {
        zip.file('xl/vbaProject.bin', VBA);
        zip.file(
          'xl/_rels/workbook.xml.rels',
          addRel(
            await text('xl/_rels/workbook.xml.rels'),
            `<Relationship Id="rIdV1" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>`
          )
        );
        const types = (await text('[Content_Types].xml')).replace(
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
          'application/vnd.ms-excel.sheet.macroEnabled.main+xml'
        );
        zip.file(
          '[Content_Types].xml',
          addType(types, '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>')
        );
      }),
    keeps: [
      ['[Content_Types].xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml'],
      [
        '[Content_Types].xml',
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>',
      ],
    ],
  },
  {
    name: 'libreoffice-comments',
    what: '由 LibreOffice 另存、带用户批注的工作簿（批注绘图没有 o:idmap，样式重新编号）',
    ext: '.xlsx',
    build: (base) =>
      Promise.resolve(
        editInLibreOffice(
          base,
          `
  sh = doc.Sheets.getByName("收支总表")
  sh.Annotations.insertNew(sh.getCellRangeByName("B7").CellAddress, "${USER_NOTE}")
  sh.Annotations.insertNew(sh.getCellRangeByName("A1").CellAddress, "${HEAD_NOTE}")`,
          scratch()
        )
      ),
    keeps: [
      [LO_COMMENTS, USER_NOTE],
      [LO_COMMENTS, HEAD_NOTE],
    ],
  },
  {
    name: 'openpyxl-comments',
    what: '由 openpyxl 保存、带用户批注的工作簿（ExcelJS 读不了其批注部件）',
    ext: '.xlsx',
    build: () =>
      Promise.resolve(
        fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'keep-parts', 'openpyxl-comments.xlsx'))
      ),
    keeps: [
      ['xl/comments/comment1.xml', USER_NOTE],
      ['xl/comments/comment1.xml', HEAD_NOTE],
      ['xl/drawings/commentsDrawing1.vml', '<ns0:idmap ns1:ext="edit" data="1"/>'],
    ],
  },
];

/** The corpus; the LibreOffice-saved input only where LibreOffice is installed (CI installs it). */
export const FEATURES = ALL.filter((f) => hasSoffice || f.name !== 'libreoffice-comments');

/** The command line's path in one process: read our names, evaluate (or clear), write into the package. */
export async function run(
  bytes: Uint8Array,
  mode: 'evaluate' | 'clear'
): Promise<{ out: Buffer; result: KeepResult; evaluation?: Evaluation }> {
  const buf = Buffer.from(bytes);
  const book = await loadXlsx(
    preparePackage(
      buf,
      'read',
      INPUTS.map((d) => d.name)
    )
  );
  const evaluation = mode === 'evaluate' ? evaluate(readInputs(book)) : undefined;
  const result = await writeIntoPackage(buf, book, evaluation ? evaluation.plan : null);
  return { out: result.bytes, result, evaluation };
}
