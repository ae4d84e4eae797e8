import { strFromU8, unzipSync } from 'fflate';
import JSZip from 'jszip';
import { sampleDocx } from './docxFixture';
import { Document, Packer } from 'docx';
import { reportToDocx, STYLES } from '../../src/export/docx';
import { TEXT_WIDTH } from '../../src/export/docxStyle';
import { numericColumns, tableLayout, zipStreaming } from '../../src/export/docxTables';
import { deflateRawChunk } from '../../src/hosts/file/zip';

/** The runs of document.xml whose text is exactly `text`, with their run properties. */
function runProps(xml: string, text: string): string[] {
  const out: string[] = [];
  const re = /<w:r>(<w:rPr>.*?<\/w:rPr>)?<w:t[^>]*>([^<]*)<\/w:t><\/w:r>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) if (m[2] === text) out.push(m[1] ?? '');
  return out;
}

/** The paragraph properties of the paragraph holding `text`. */
function paraProps(xml: string, text: string): string {
  const i = xml.indexOf(`>${text}</w:t>`);
  const start = xml.lastIndexOf('<w:p>', i);
  return xml.slice(start, xml.indexOf('</w:pPr>', start));
}

describe('Word export (公文 style)', () => {
  let xml = '';
  let footer = '';
  let fonts = '';
  let size = 0;

  beforeAll(async () => {
    const { bytes } = await sampleDocx();
    size = bytes.length;
    const zip = await JSZip.loadAsync(bytes);
    xml = await zip.file('word/document.xml')!.async('string');
    footer = await zip.file('word/footer1.xml')!.async('string');
    fonts = await zip.file('word/fontTable.xml')!.async('string');
  });

  test('is a zip package of reasonable size', () => {
    expect(size).toBeGreaterThan(10_000);
    expect(size).toBeLessThan(200_000);
  });

  test('title: 方正小标宋简体 二号 (22 pt = 44 half-points), centred', () => {
    const [props] = runProps(xml, '衡阳市科学技术协会2021年度部门整体支出绩效自评报告');
    expect(props).toContain('w:eastAsia="方正小标宋简体"');
    expect(props).toContain('<w:sz w:val="44"/>');
    expect(paraProps(xml, '衡阳市科学技术协会2021年度部门整体支出绩效自评报告')).toContain(
      '<w:jc w:val="center"/>'
    );
  });

  test('body: 仿宋_GB2312 三号 (16 pt), first line indented 2 characters, exact 28 pt spacing', () => {
    const text =
      '2021年年初结转和结余4.04万元，其中：一般公共预算财政拨款结转和结余4.04万元、其他资金结转和结余0.00万元。';
    const [props] = runProps(xml, text);
    expect(props).toContain('w:eastAsia="仿宋_GB2312"');
    expect(props).toContain('<w:sz w:val="32"/>');
    const p = paraProps(xml, text);
    expect(p).toContain('w:firstLineChars="200"');
    expect(p).toContain('w:firstLine="640"');
    expect(p).toMatch(/w:line="560" w:lineRule="exact"/);
  });

  test('first-level headings 黑体, second-level 楷体 (楷体_GB2312), both 三号', () => {
    const [h1] = runProps(xml, '一、部门概况');
    expect(h1).toContain('w:eastAsia="黑体"');
    expect(h1).toContain('<w:sz w:val="32"/>');
    const [h2] = runProps(xml, '（一）基本情况');
    expect(h2).toContain('w:eastAsia="楷体_GB2312"');
    expect(h2).toContain('<w:sz w:val="32"/>');
  });

  test('A4 with 公文 margins: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm', () => {
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    // 37 × 1440 / 25.4 = 2097.6 → 2098; 35 → 1984.3 → 1984; 28 → 1587.4 → 1587; 26 → 1474.0 → 1474.
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
  });

  test('page numbers “— 1 —” in the footer', () => {
    expect(footer).toContain('>— </w:t>');
    expect(footer).toMatch(/PAGE/);
    expect(footer).toContain('> —</w:t>');
  });

  test('a table’s last row (its 合计) is kept with the row before it: never alone on a page', () => {
    const tables = xml
      .split('<w:tbl>')
      .slice(1)
      .map((t) => t.split('</w:tbl>'));
    expect(tables.length).toBeGreaterThan(0);
    for (const [t] of tables) {
      const all = t.split('<w:tr>').slice(1);
      // The 【待核对①】 notes are the table's last row, one cell across it (the test below).
      const notes = all.at(-1)!.includes('<w:gridSpan');
      const rows = notes ? all.slice(0, -1) : all;
      if (rows.length < 3) continue;
      // The header binds to the first row; the one before the last to the last; the last binds to nothing but
      // the notes under it.
      expect(rows.at(-2)).toContain('<w:keepNext/>');
      expect(rows.at(-1)!.includes('<w:keepNext/>')).toBe(notes);
      // A short table (header and at most 6 rows, as page 1's score table) is kept whole; a longer one may break
      // between its middle rows.
      const kept = rows.slice(0, -1).map((r) => r.includes('<w:keepNext/>'));
      if (rows.length <= 7) expect(kept.every(Boolean)).toBe(true);
      else expect(kept.every(Boolean)).toBe(false);
    }
  });

  test('tables: 财拨 grid, project table, 七 score table and the 附件1 score sheet', () => {
    expect(xml.match(/<w:tbl>/g)).toHaveLength(4);
    expect(xml).toContain('>附件1</w:t>');
    for (const h of ['一级指标', '二级指标', '三级指标', '分值（分）', '得分（分）', '评分说明'])
      expect(xml).toContain(`>${h}</w:t>`);
    // An overspend as a share of the budget (7.93%, not 个百分点), and not 略有 when it costs points.
    expect(xml).toContain('>公用经费控制率为107.93%，超出预算7.93%，扣0.8分</w:t>');
    expect(xml).not.toContain('略有超支');
    // The grade in its own row, in the 得分 column.
    expect(xml).toMatch(/>综合绩效级别<\/w:t>(?:(?!<\/w:tr>)[\s\S])*>良<\/w:t>/);
    expect(xml).toContain('>其中：科学普及工作</w:t>');
  });

  test('tables print: header rows repeat, rows never split, captions keep with their table; 附件1 landscape with 评分标准', () => {
    const tables = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g)!;
    for (const t of tables) {
      expect(t).toContain('<w:tblHeader/>');
      const rows = (t.match(/<w:tr>/g) ?? []).length;
      expect(rows).toBeGreaterThan(1);
      expect((t.match(/<w:cantSplit\/>/g) ?? []).length).toBe(rows);
    }
    expect(paraProps(xml, '项目支出明细表')).toContain('<w:keepNext/>');
    expect(xml).toContain('>评分标准</w:t>');
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
  });

  test('placeholders are highlighted', () => {
    const runs = [...xml.matchAll(/<w:r>(<w:rPr>.*?<\/w:rPr>)<w:t[^>]*>(【待[^<]*)<\/w:t><\/w:r>/g)];
    expect(runs.length).toBeGreaterThan(0);
    for (const r of runs) expect(r[1]).toContain('<w:highlight w:val="yellow"/>');
  });

  test('font table gives fallbacks: 方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体', () => {
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(fonts).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>');
  });
});

describe('tables as printed', () => {
  /** A header's width on one line at a size: CJK one em each, plus the cell's margins (as the layout counts). */
  const oneLine = (header: string, size: number) => header.length * size * 20 + 260;

  test('headers never break inside a word: a table too wide at 小四 is set in 五号 with whole headers', () => {
    const header = ['序号', '项目', '年初预算数', '年中追加预算数', '预算总额', '年度决算数'];
    const rows = [
      ['1', '科普经费', '376.00', '338.76', '684.76', '688.79'],
      ['', '其中：科学普及工作', '', '', '', '52.35'],
      ['', '合计', '406.00', '【待核对：338.76或471.32】', '【待核对：714.76或744.76】', '718.79'],
    ];
    const { size, widths } = tableLayout(header, rows, TEXT_WIDTH);
    // At 小四 the six whole headers and the longest name need 9240 twips of the 8845 the page gives.
    expect(size).toBe(10.5);
    header.forEach((h, c) => expect(widths[c]).toBeGreaterThanOrEqual(oneLine(h, size)));
    expect(widths.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
    // A placeholder wraps inside its column of figures rather than widening it.
    expect(widths[3]).toBeLessThan(oneLine('【待核对：338.76或471.32】', size));
  });

  test('a numbered marker keeps one line: its circled number is as wide as the CJK beside it', () => {
    const header = ['一级指标', '二级指标', '三级指标', '分值（分）', '得分（分）', '评分标准', '评分说明'];
    const long =
      '以100%为标准，不超过100%计2分；每超过1个百分点扣0.2分；公用经费明细项目决算超过预算的，每项另扣0.1分';
    const rows = [['过程', '预算执行', '公用经费控制率', '2', '【待核对①】', long, long]];
    const { size, widths } = tableLayout(header, rows, TEXT_WIDTH);
    expect(widths[4]).toBeGreaterThanOrEqual(oneLine('【待核对①】', size));
  });

  test('a score table gives its width to the long texts: names wrap where the row is tall anyway', () => {
    const header = ['一级指标', '二级指标', '三级指标', '分值（分）', '得分（分）', '评分标准', '评分说明'];
    const rule =
      '以100%为标准，不超过100%计2分；每超过1个百分点扣0.2分；公用经费明细项目决算超过预算的，每项另扣0.1分，扣完为止';
    const note =
      '公用经费控制率为108.00%，超出预算8.00%，按评分标准扣1.60分；另有两项明细超过预算，各扣0.10分';
    const rows = [
      ...Array.from({ length: 8 }, () => ['过程', '预算执行', '公用经费控制率', '2', '0.40', rule, note]),
      ['效果', '服务对象满意度', '服务对象满意度', '10', '10.00', rule, note],
      ['合计', '', '', '100', '88.40', '', ''],
      ['综合绩效级别', '', '', '', '良', '', ''],
    ];
    const { size, widths } = tableLayout(header, rows, 13777);
    // The 二级 and 三级 names wrap to their headers' width (two lines beside a long text cost no line) ...
    expect([widths[1], widths[2]]).toEqual([oneLine('二级指标', size), oneLine('三级指标', size)]);
    // ... and 评分标准 and 评分说明, several lines a row, take the room: each as wide as three name columns.
    for (const c of [5, 6]) expect(widths[c]).toBeGreaterThan(3 * widths[1]);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(13777);
  });

  test('figures are right-aligned, a column of them whole, placeholders and growth words included', () => {
    expect(
      numericColumns(
        ['项目', '本年预算', '较上年增减'],
        [
          ['公务接待费', '10.00', '增长28.57%'],
          ['合计', '【待核对：26.00或25.00】', '下降17.89%'],
        ]
      )
    ).toEqual([false, true, true]);
    // A figure with its 【待核对①】 marker beside it is still a figure; a grade among them goes with the column.
    expect(
      numericColumns(
        ['评价内容', '评价得分（分）'],
        [
          ['投入', '9.00'],
          ['过程', '30.00【待核对①】'],
          ['产出', '29.00【待核对①】'],
          ['合计', '97.00【待核对①】'],
          ['综合绩效级别', '优【待核对①】'],
        ]
      )
    ).toEqual([false, true]);
  });

  test("deflated by Node's zlib (as batch writes it), the package holds the same parts as by fflate", async () => {
    const { draft, scores, bytes } = await sampleDocx();
    const native = unzipSync(await reportToDocx(draft, scores, { deflate: deflateRawChunk }));
    const plain = unzipSync(bytes);
    const dated = (t: string) => t.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, '$1');
    expect(Object.keys(native)).toEqual(Object.keys(plain));
    for (const [path, data] of Object.entries(plain))
      expect(dated(strFromU8(native[path]))).toBe(dated(strFromU8(data)));
  });

  test('the theme and styles, formatted once, are what docx writes for each document', async () => {
    const { draft, scores } = await sampleDocx();
    const own = unzipSync(
      new Uint8Array(await Packer.toArrayBuffer(new Document({ styles: STYLES, sections: [] })))
    );
    const documents = [
      await reportToDocx(draft, scores),
      await reportToDocx({ ...draft, sections: draft.sections.slice(0, 2) }, null, { comments: true }),
    ].map((bytes) => unzipSync(bytes));
    for (const parts of documents)
      for (const part of ['word/styles.xml', 'word/theme/theme1.xml'])
        expect(strFromU8(parts[part])).toBe(strFromU8(own[part]));
  });

  test('a document streamed in many chunks through zlib inflates whole', () => {
    const pieces = Array.from(
      { length: 20_000 },
      (_, i) => `<w:p><w:t>第${i}段，合计 ${i * 7}.25 万元</w:t></w:p>`
    );
    const zip = zipStreaming(
      [
        ['a.xml', pieces],
        ['b.bin', new Uint8Array([1, 2, 3])],
      ],
      deflateRawChunk
    );
    const parts = unzipSync(zip);
    expect(strFromU8(parts['a.xml'])).toBe(pieces.join(''));
    expect([...parts['b.bin']]).toEqual([1, 2, 3]);
  });

  test('a whole part the same as in the last document is deflated once; both zips read back with their CRCs', async () => {
    let deflated: string[] = [];
    const counting = (chunk: Uint8Array, final: boolean) => {
      deflated.push(strFromU8(chunk));
      return deflateRawChunk(chunk, final);
    };
    const styles = `<w:styles>${'<w:style w:styleId="正文"/>'.repeat(200)}</w:styles>`;
    const zipOf = (doc: string, style = styles) =>
      zipStreaming(
        [
          ['word/styles.xml', style],
          ['word/document.xml', doc],
        ],
        counting
      );
    const first = zipOf('<w:p>甲</w:p>');
    expect(deflated).toEqual([styles, '<w:p>甲</w:p>']);
    deflated = [];
    const second = zipOf('<w:p>乙</w:p>');
    expect(deflated).toEqual(['<w:p>乙</w:p>']);
    for (const [zip, doc] of [
      [first, '<w:p>甲</w:p>'],
      [second, '<w:p>乙</w:p>'],
    ] as const) {
      const read = await JSZip.loadAsync(zip, { checkCRC32: true });
      expect(await read.file('word/styles.xml')!.async('string')).toBe(styles);
      expect(await read.file('word/document.xml')!.async('string')).toBe(doc);
    }
    deflated = [];
    const restyled = styles.replace('正文', '标题');
    zipOf('<w:p>乙</w:p>', restyled);
    expect(deflated).toEqual([restyled]);
  });
});

test('a table’s 【待核对①】 notes print with it: its last row, which its 合计 keeps with, and they with each other', async () => {
  const { evaluate } = await import('../../src/core/engine');
  const { sampleReading } = await import('../helpers/sample');
  const e = evaluate(sampleReading());
  const draft = e.report;
  const withNotes = draft.sections
    .flatMap((s) => s.blocks)
    .find((b) => b.kind === 'table' && (b.notes ?? []).length >= 2);
  expect(withNotes).toBeDefined();
  const zip = await JSZip.loadAsync(await reportToDocx(draft, e.scores));
  const xml = await zip.file('word/document.xml')!.async('string');
  // LibreOffice keeps no table with the paragraph after it: inside the table, the rows before go over with the notes.
  // (附件1's sample scores in doubt are 【待补】 cells now, without notes: the section table's are checked.)
  for (const notes of [(withNotes as { notes: string[] }).notes, draft.appendix!.table.notes ?? []].filter(
    (n) => n.length > 0
  )) {
    const first = xml.indexOf(`>${notes[0]}</w:t>`);
    expect(first).toBeGreaterThan(0);
    const tableEnd = xml.indexOf('</w:tbl>', first);
    expect(xml.lastIndexOf('<w:tbl>', first)).toBeGreaterThan(xml.lastIndexOf('</w:tbl>', first));
    const notesRow = xml.slice(xml.lastIndexOf('<w:tr>', first), tableEnd);
    // One borderless cell across the table, the last row, never split; each note a paragraph of it, in order.
    expect(notesRow).toContain('<w:cantSplit/>');
    expect(notesRow).toMatch(/<w:gridSpan w:val="\d+"\/><w:tcBorders><w:top w:val="nil"\/>/);
    expect(notesRow.match(/<w:p>/g)).toHaveLength(notes.length);
    expect(notesRow.indexOf(`>${notes.at(-1)}</w:t>`)).toBeGreaterThan(0);
    const before = xml.slice(0, xml.lastIndexOf('<w:tr>', first));
    const lastRow = before.slice(before.lastIndexOf('<w:tr>'));
    expect(lastRow).toContain('<w:keepNext/>');
    expect(lastRow).not.toContain('<w:keepNext w:val="false"/>');
    // Notes keep with each other (附件1 may have one note only: it has nothing to keep with).
    if (notes.length > 1) expect(paraProps(xml, notes[0])).toContain('<w:keepNext/>');
    expect(paraProps(xml, notes.at(-1)!)).not.toContain('<w:keepNext/>');
  }
});
