/**
 * The report draft as a Word document in 公文 style (GB/T 9704): A4, margins 37 / 35 / 28 / 26 mm,
 * title in 方正小标宋简体 二号 centred, body 仿宋_GB2312 三号 with a two-character first-line
 * indent and a fixed 28 pt line spacing, first-level headings 黑体, second-level 楷体, page numbers
 * "— 1 —" in the footer, tables as Word tables, and the score sheet as 附件1.
 *
 * Fonts missing on the reader's machine fall back through the font table's altName
 * (方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体), which Word, WPS and LibreOffice read.
 * Packs with Packer.toArrayBuffer, which works in node and in the browser alike.
 */
import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate } from 'fflate';
import { gradeText } from '../core/summary';
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  HighlightColor,
  PageOrientation,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type ISectionOptions,
} from 'docx';
import type { ParagraphBlock, ReportBlock, ReportDraft, ReportSection, TableBlock } from '../core/narrative';
import { points, sectionTitle } from '../core/narrative';
import type { Operand, ScoreSheet } from '../core/results';
import { inWords, tightenSpaces } from '../core/typography';

export interface DocxOptions {
  /** Word comments on each paragraph naming the inputs and cells its figures came from. */
  comments?: boolean;
}

/** The fonts, and what each falls back to where it is not installed. */
export const FONTS = {
  title: { name: '方正小标宋简体', fallback: '宋体' },
  body: { name: '仿宋_GB2312', fallback: '仿宋' },
  heading1: { name: '黑体', fallback: 'SimHei' },
  heading2: { name: '楷体_GB2312', fallback: '楷体' },
  footer: { name: '宋体', fallback: 'SimSun' },
  latin: { name: 'Times New Roman', fallback: 'Liberation Serif' },
} as const;

/** Sizes in points (二号 22, 三号 16, 四号 14, 小四 12). */
export const SIZES = { title: 22, body: 16, table: 12, footer: 14 } as const;

/** Twips per point. */
const PT = 20;
/** Fixed line spacing of the body, 28 pt. */
export const LINE_SPACING = 28 * PT;
const A4 = { width: 11906, height: 16838 };
export const MARGINS_MM = { top: 37, bottom: 35, left: 28, right: 26 } as const;
/** Millimetres to twips, rounded (docx's own helper truncates 37 mm to 2097). */
const mm = (x: number) => Math.round((x * 1440) / 25.4);
const MARGINS = { top: mm(MARGINS_MM.top), bottom: mm(MARGINS_MM.bottom), left: mm(MARGINS_MM.left), right: mm(MARGINS_MM.right) };
const TEXT_WIDTH = A4.width - MARGINS.left - MARGINS.right;

type FontKey = keyof typeof FONTS;

function font(key: FontKey) {
  const f = FONTS[key].name;
  return { ascii: FONTS.latin.name, hAnsi: FONTS.latin.name, eastAsia: f, cs: f };
}

function run(text: string, key: FontKey, sizePt: number, bold = false): TextRun {
  return new TextRun({ text, font: font(key), size: sizePt * 2, bold });
}

/** What the department must still fill or check: highlighted so it cannot be missed before submitting. */
const PLACEHOLDER = /(【待(?:补|核对)(?:：[^】]*)?】)/;

/** A text as runs, its placeholders highlighted. */
function runs(text: string, key: FontKey, sizePt: number, bold = false): TextRun[] {
  return text
    .split(PLACEHOLDER)
    .filter(Boolean)
    .map((t) =>
      PLACEHOLDER.test(t)
        ? new TextRun({ text: t, font: font(key), size: sizePt * 2, bold, highlight: HighlightColor.YELLOW })
        : run(t, key, sizePt, bold),
    );
}

/** Collects Word comments while the document is built (ids are positional). */
class Comments {
  readonly children: Array<{ id: number; author: string; initials: string; date: Date; children: Paragraph[] }> = [];
  constructor(readonly enabled: boolean) {}

  /** Wraps a paragraph's runs in a comment naming its sources, when enabled and it has any. */
  wrap(children: TextRun[], sources: Operand[]): Array<TextRun | CommentRangeStart | CommentRangeEnd> {
    const cited = sources.filter((o) => o.address);
    if (!this.enabled || cited.length === 0) return children;
    const id = this.children.length;
    const text = cited.map((o) => `${o.label}：${o.address}`).join('；');
    this.children.push({
      id,
      author: '绩效自评助手',
      initials: 'JX',
      // A fixed date keeps the output the same on every run.
      date: new Date(0),
      children: [new Paragraph({ children: [new TextRun(`数据来源：${text}`)] })],
    });
    return [new CommentRangeStart(id), ...children, new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] })];
  }
}

/** Body-style paragraph: first line indented two characters, fixed line spacing. */
function bodyParagraph(
  text: string,
  key: FontKey = 'body',
  opts: { bold?: boolean; outline?: number; sources?: Operand[]; comments?: Comments; keepNext?: boolean } = {},
): Paragraph {
  const children = runs(text, key, SIZES.body, opts.bold);
  return new Paragraph({
    children: opts.comments ? opts.comments.wrap(children, opts.sources ?? []) : children,
    indent: { firstLine: 2 * SIZES.body * PT, firstLineChars: 200 },
    spacing: { line: LINE_SPACING, lineRule: LineRuleType.EXACT },
    alignment: AlignmentType.JUSTIFIED,
    outlineLevel: opts.outline,
    keepNext: opts.keepNext,
  });
}

/** 落款: right-aligned, four characters from the margin, no indent. */
function signatureParagraph(text: string): Paragraph {
  return new Paragraph({
    children: runs(text, 'body', SIZES.body),
    alignment: AlignmentType.RIGHT,
    indent: { right: 4 * SIZES.body * PT },
    spacing: { line: LINE_SPACING, lineRule: LineRuleType.EXACT },
  });
}

function heading(s: ReportSection): Paragraph {
  const text = sectionTitle(s);
  switch (s.level) {
    case 1:
      return bodyParagraph(text, 'heading1', { outline: 0, keepNext: true });
    case 2:
      return bodyParagraph(text, 'heading2', { outline: 1, keepNext: true });
    case 3:
      return bodyParagraph(text, 'body', { bold: true, outline: 2, keepNext: true });
    default:
      return bodyParagraph(text, 'body', { outline: 3, keepNext: true });
  }
}

function centred(text: string, key: FontKey, sizePt: number, bold = false, keepNext = false): Paragraph {
  return new Paragraph({
    children: runs(text, key, sizePt, bold),
    alignment: AlignmentType.CENTER,
    keepNext,
    spacing: { line: Math.max(LINE_SPACING, Math.round(sizePt * 1.5 * PT)), lineRule: LineRuleType.EXACT },
  });
}

// ---------------------------------------------------------------- tables

const NUMBER_LIKE = /^[-−]?[\d,]+(\.\d+)?%?$/;

/** Twips a table cell needs for a text on one line: 小四 CJK 240, half-width about 130 (digits, %), plus margins. */
function naturalWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u2e80-\uffff]/.test(ch) ? SIZES.table * PT : 130;
  return n + 260;
}

/** Widest a column may take before its text wraps instead (about 9 CJK characters). */
const WRAP_FROM = 9 * SIZES.table * PT + 260;

function spread(need: number[], total: number): number[] {
  const sum = need.reduce((a, b) => a + b, 0);
  const widths = need.map((n) => Math.floor((n / sum) * total));
  widths[widths.length - 1] += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/**
 * Column widths in twips. When everything fits on one line, each column gets what it needs and
 * the spare width is shared. Otherwise short columns (numbers, scores, names) keep one line —
 * headers wrapping two characters a line at least — and long text columns share the rest.
 */
export function columnWidths(header: string[], rows: string[][], total: number): number[] {
  const body = header.map((_, c) => Math.max(2 * SIZES.table * PT + 260, ...rows.map((r) => naturalWidth(r[c] ?? ''))));
  const full = body.map((b, c) => Math.max(b, naturalWidth(header[c])));
  if (full.reduce((a, b) => a + b, 0) <= total) return spread(full, total);
  const need = body.map((b, c) => Math.max(b, Math.min(naturalWidth(header[c]), naturalWidth(header[c].slice(0, 2)))));
  const short = need.map((n) => n <= WRAP_FROM);
  const fixed = need.reduce((a, n, c) => a + (short[c] ? n : 0), 0);
  const longNeed = need.reduce((a, n, c) => a + (short[c] ? 0 : n), 0);
  if (longNeed === 0 || fixed >= total) return spread(need, total);
  // Room left after every column's need widens the short columns' headers first (fewer wrapped headers).
  let room = total - fixed - longNeed;
  for (let c = 0; c < need.length && room > 0; c++) {
    if (!short[c]) continue;
    const more = Math.min(room, full[c] - need[c]);
    need[c] += more;
    room -= more;
  }
  const fixedNow = need.reduce((a, n, c) => a + (short[c] ? n : 0), 0);
  // Long columns share what is left, but each keeps at least what a short column would.
  const widths = need.map((n, c) => (short[c] ? n : Math.max(WRAP_FROM, Math.floor((n / longNeed) * (total - fixedNow)))));
  return spread(widths, total);
}

// Tables are written as WordprocessingML text, not as docx objects: a project table may hold tens of
// thousands of rows, and docx's object tree costs about 25 KB of memory a cell (4 GB at 25,000 rows).
// The text is what docx wrote for the same table, byte for byte (test/export/docx.test.ts reads it).

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

/** Escapes text as docx does (control characters Word cannot hold are dropped). */
function xmlEscape(text: string): string {
  // eslint-disable-next-line no-control-regex -- the control characters XML 1.0 cannot hold, dropped as docx drops them
  return text.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => XML_ESCAPES[c] ?? '');
}

/** A table cell's run: body font at the table size, placeholders highlighted (as runs() does). */
function tableRunsXml(text: string, bold: boolean): string {
  const f = font('body');
  const size = SIZES.table * 2;
  const props = (highlight: boolean) =>
    `<w:rPr><w:rFonts w:ascii="${f.ascii}" w:cs="${f.cs}" w:eastAsia="${f.eastAsia}" w:hAnsi="${f.hAnsi}"/>${bold ? '<w:b/><w:bCs/>' : '<w:b w:val="false"/><w:bCs w:val="false"/>'}<w:sz w:val="${size}"/><w:szCs w:val="${size}"/>${highlight ? '<w:highlight w:val="yellow"/>' : ''}</w:rPr>`;
  return text
    .split(PLACEHOLDER)
    .filter(Boolean)
    .map((t) => `<w:r>${props(PLACEHOLDER.test(t))}<w:t xml:space="preserve">${xmlEscape(t)}</w:t></w:r>`)
    .join('');
}

const CELL_BORDERS = `<w:tcBorders>${['top', 'left', 'bottom', 'right'].map((side) => `<w:${side} w:val="single" w:color="000000" w:sz="4"/>`).join('')}</w:tcBorders>`;
const CELL_MARGINS = '<w:tcMar><w:top w:type="dxa" w:w="40"/><w:left w:type="dxa" w:w="80"/><w:bottom w:type="dxa" w:w="40"/><w:right w:type="dxa" w:w="80"/></w:tcMar>';
const TABLE_BORDERS = `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((side) => `<w:${side} w:val="single" w:color="auto" w:sz="4"/>`).join('')}</w:tblBorders>`;

function cellXml(text: string, width: number, header: boolean, keepNext: boolean): string {
  const align = header ? 'center' : NUMBER_LIKE.test(text.trim()) ? 'right' : 'left';
  return (
    `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${width}"/>${CELL_BORDERS}${CELL_MARGINS}<w:vAlign w:val="center"/></w:tcPr>` +
    `<w:p><w:pPr>${keepNext ? '<w:keepNext/>' : '<w:keepNext w:val="false"/>'}<w:spacing w:line="${22 * PT}" w:lineRule="atLeast"/><w:jc w:val="${align}"/></w:pPr>${tableRunsXml(text, header)}</w:p></w:tc>`
  );
}

/** A table that prints: header repeated on each page, rows never split, the header kept with the first row. A row at a time. */
function* wordTableXml(header: string[], rows: string[][], total: number): Generator<string> {
  const widths = columnWidths(header, rows, total);
  yield `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${total}"/>${TABLE_BORDERS}</w:tblPr><w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;
  yield `<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>${header.map((h, c) => cellXml(h, widths[c], true, true)).join('')}</w:tr>`;
  for (let i = 0; i < rows.length; i++) yield `<w:tr><w:trPr><w:cantSplit/></w:trPr>${header.map((_, c) => cellXml(rows[i][c] ?? '', widths[c], false, i === 0)).join('')}</w:tr>`;
  yield '</w:tbl>';
}

const TABLE_TOKEN = /<w:p><w:r><w:t xml:space="preserve">jixiao-table-(\d+)<\/w:t><\/w:r><\/w:p>/g;

/**
 * Tables wait outside the document while docx builds it: each is a bare paragraph holding a token,
 * which no text of ours can produce (our runs always carry properties), replaced while zipping.
 */
class Tables {
  private readonly tables: Array<{ header: string[]; rows: string[][]; total: number }> = [];
  place(header: string[], rows: string[][], total = TEXT_WIDTH): Paragraph {
    this.tables.push({ header, rows, total });
    return new Paragraph({ children: [new TextRun(`jixiao-table-${this.tables.length - 1}`)] });
  }
  /** document.xml in pieces, each token paragraph replaced by its table. */
  *fill(documentXml: string): Generator<string> {
    let at = 0;
    for (const m of documentXml.matchAll(TABLE_TOKEN)) {
      yield documentXml.slice(at, m.index);
      const t = this.tables[Number(m[1])];
      yield* wordTableXml(t.header, t.rows, t.total);
      at = m.index + m[0].length;
    }
    yield documentXml.slice(at);
  }
}

/** A zip of these files in this order, each deflated as it streams by (a large document.xml is never whole in memory). */
function zipStreaming(files: Array<[path: string, data: Uint8Array | Iterable<string>]>): Uint8Array {
  const out: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    out.push(chunk);
  });
  for (const [path, data] of files) {
    const file = new ZipDeflate(path, { level: 6 });
    zip.add(file);
    if (data instanceof Uint8Array) file.push(data, true);
    else {
      let batch = '';
      for (const piece of data) {
        batch += piece;
        if (batch.length >= 1 << 16) {
          file.push(strToU8(batch));
          batch = '';
        }
      }
      file.push(strToU8(batch), true);
    }
  }
  zip.end();
  const bytes = new Uint8Array(out.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of out) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

function tableBlock(b: TableBlock, tables: Tables): Paragraph[] {
  // Caption and unit keep with the table, so a title is never left at the foot of a page.
  const out: Paragraph[] = [centred(b.caption, 'body', SIZES.body, true, true)];
  if (b.unit)
    out.push(
      new Paragraph({
        children: [run(`单位：${b.unit}`, 'body', SIZES.table)],
        alignment: AlignmentType.RIGHT,
        keepNext: true,
      }),
    );
  out.push(tables.place(b.header, b.rows));
  out.push(new Paragraph({ children: [] }));
  return out;
}

function paragraphBlock(b: ParagraphBlock, comments: Comments): Paragraph {
  if (b.style === 'signature') return signatureParagraph(b.text);
  return bodyParagraph(b.text, 'body', { sources: b.sources, comments });
}

function block(b: ReportBlock, comments: Comments, tables: Tables): Paragraph[] {
  return b.kind === 'paragraph' ? [paragraphBlock(b, comments)] : tableBlock(b, tables);
}

/** 扣分原因 in document words: what cost the points, without cell addresses or instructions. */
function deductionWords(l: ScoreSheet['lines'][number]): string {
  if (l.missing) return l.indicator ? '数据不全，指标无法计算，待补充' : '待单位自评打分';
  if (!l.deduction) return '';
  return inWords(l.deduction.replace(/（[^（）]*![A-Z]{1,3}\d+[^（）]*）/g, ''));
}

/**
 * The score sheet lines as the 评分表 (附件1). 一级 and 二级 are written on every row: a row
 * continued on the next page still shows which indicator group it belongs to.
 */
export function scoreTableRows(scores: ScoreSheet): string[][] {
  const rows = scores.lines.map((l) => [
    l.level1,
    l.level2,
    l.level3,
    points(l.points),
    l.missing ? (l.claimed !== undefined ? `待核实（自报${points(l.claimed)}分）` : '【待补】') : points(l.score),
    inWords(l.standard),
    deductionWords(l),
  ]);
  // The total as verified; the grade (a range while points are pending) in the shared words (src/core/summary.ts).
  rows.push(['合计', '', '', points(scores.points), points(scores.total), '', tightenSpaces(`综合绩效级别：${gradeText(scores)}`)]);
  return rows;
}

export const SCORE_HEADER = ['一级指标', '二级指标', '三级指标', '分值', '得分', '评分标准', '扣分原因'];

/** A4 landscape for 附件1: seven columns need the width. */
const LANDSCAPE_TEXT_WIDTH = A4.height - MARGINS.left - MARGINS.right;

function appendix(draft: ReportDraft, scores: ScoreSheet, tables: Tables): Paragraph[] {
  return [
    new Paragraph({
      children: [run('附件1', 'heading1', SIZES.body)],
      spacing: { line: LINE_SPACING, lineRule: LineRuleType.EXACT },
      keepNext: true,
    }),
    centred(`${draft.title.replace(/自评报告$/, '')}评价指标评分表`, 'title', 18, false, true),
    new Paragraph({ children: [], keepNext: true }),
    tables.place(SCORE_HEADER, scoreTableRows(scores), LANDSCAPE_TEXT_WIDTH),
  ];
}

// ---------------------------------------------------------------- the package

function fontTableXml(): string {
  const entries = Object.values(FONTS)
    .map(
      (f) =>
        `<w:font w:name="${f.name}"><w:altName w:val="${f.fallback}"/><w:charset w:val="${/^[\x20-\x7e]+$/.test(f.name) ? '00' : '86'}"/><w:family w:val="${f.name === FONTS.latin.name ? 'roman' : 'modern'}"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${entries}</w:fonts>`;
}

function footer(): Footer {
  const f = font('footer');
  const size = SIZES.footer * 2;
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ text: '— ', font: f, size }),
          new TextRun({ children: [PageNumber.CURRENT], font: f, size }),
          new TextRun({ text: ' —', font: f, size }),
        ],
      }),
    ],
  });
}

const PAGE_MARGIN = { ...MARGINS, header: mm(15), footer: mm(18) };
/** 附件1 in landscape: narrower top and bottom margins leave room for more rows a page. */
const APPENDIX_MARGIN = { ...PAGE_MARGIN, top: mm(25), bottom: mm(22) };

function reportDocument(draft: ReportDraft, scores: ScoreSheet | null, tables: Tables, options: DocxOptions = {}): Document {
  const comments = new Comments(options.comments === true);
  const children: Paragraph[] = [centred(draft.title, 'title', SIZES.title), new Paragraph({ children: [] })];
  for (const s of draft.sections) {
    if (s.level > 0) children.push(heading(s));
    for (const b of s.blocks) children.push(...block(b, comments, tables));
  }
  const sections: ISectionOptions[] = [
    {
      properties: { page: { size: { width: A4.width, height: A4.height }, margin: PAGE_MARGIN } },
      footers: { default: footer() },
      children,
    },
  ];
  if (scores && scores.lines.length > 0)
    sections.push({
      properties: {
        page: { size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE }, margin: APPENDIX_MARGIN },
      },
      footers: { default: footer() },
      children: appendix(draft, scores, tables),
    });
  return new Document({
    creator: '绩效自评助手',
    title: draft.title,
    ...(comments.children.length ? { comments: { children: comments.children } } : {}),
    styles: {
      default: {
        document: {
          run: { font: font('body'), size: SIZES.body * 2 },
          paragraph: { spacing: { line: LINE_SPACING, lineRule: LineRuleType.EXACT } },
        },
      },
    },
    sections,
  });
}

/** The .docx bytes of a report draft (node and browser). */
export async function reportToDocx(draft: ReportDraft, scores: ScoreSheet | null, options: DocxOptions = {}): Promise<Uint8Array> {
  const tables = new Tables();
  const doc = reportDocument(draft, scores, tables, options);
  const packed = new Uint8Array(await Packer.toArrayBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]));
  // Zipped again in the package's own order, only document.xml changed (its tables put in).
  return zipStreaming(Object.entries(unzipSync(packed)).map(([path, data]) => [path, path === 'word/document.xml' ? tables.fill(strFromU8(data)) : data]));
}
