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
import { gradeText, scoreText } from '../core/summary';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { ReportBlock, ReportDraft, ReportSection, TableBlock } from '../core/narrative';
import { points, sectionTitle } from '../core/narrative';
import type { ScoreSheet } from '../core/results';

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

/** Body-style paragraph: first line indented two characters, fixed line spacing. */
function bodyParagraph(text: string, key: FontKey = 'body', opts: { bold?: boolean; outline?: number } = {}): Paragraph {
  return new Paragraph({
    children: [run(text, key, SIZES.body, opts.bold)],
    indent: { firstLine: 2 * SIZES.body * PT, firstLineChars: 200 },
    spacing: { line: LINE_SPACING, lineRule: LineRuleType.EXACT },
    alignment: AlignmentType.JUSTIFIED,
    outlineLevel: opts.outline,
  });
}

function heading(s: ReportSection): Paragraph {
  const text = sectionTitle(s);
  switch (s.level) {
    case 1:
      return bodyParagraph(text, 'heading1', { outline: 0 });
    case 2:
      return bodyParagraph(text, 'heading2', { outline: 1 });
    case 3:
      return bodyParagraph(text, 'body', { bold: true, outline: 2 });
    default:
      return bodyParagraph(text, 'body', { outline: 3 });
  }
}

function centred(text: string, key: FontKey, sizePt: number, bold = false): Paragraph {
  return new Paragraph({
    children: [run(text, key, sizePt, bold)],
    alignment: AlignmentType.CENTER,
    spacing: { line: Math.max(LINE_SPACING, Math.round(sizePt * 1.5 * PT)), lineRule: LineRuleType.EXACT },
  });
}

// ---------------------------------------------------------------- tables

const NUMBER_LIKE = /^[-−]?[\d,]+(\.\d+)?%?$/;

function displayWidth(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
  return n;
}

/** Column widths in twips, by content, filling the text width. */
function columnWidths(header: string[], rows: string[][]): number[] {
  const weights = header.map((h, c) =>
    Math.min(40, Math.max(6, displayWidth(h), ...rows.map((r) => displayWidth(r[c] ?? '')))),
  );
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  widths[widths.length - 1] += TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function cell(text: string, width: number, header: boolean): TableCell {
  const align = header ? AlignmentType.CENTER : NUMBER_LIKE.test(text.trim()) ? AlignmentType.RIGHT : AlignmentType.LEFT;
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
    children: [
      new Paragraph({
        children: [run(text, 'body', SIZES.table, header)],
        alignment: align,
        spacing: { line: 22 * PT, lineRule: LineRuleType.AT_LEAST },
      }),
    ],
  });
}

function wordTable(header: string[], rows: string[][]): Table {
  const widths = columnWidths(header, rows);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, c) => cell(h, widths[c], true)) }),
      ...rows.map((r) => new TableRow({ children: header.map((_, c) => cell(r[c] ?? '', widths[c], false)) })),
    ],
  });
}

function tableBlock(b: TableBlock): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [centred(b.caption, 'body', SIZES.body, true)];
  if (b.unit)
    out.push(
      new Paragraph({
        children: [run(`单位：${b.unit}`, 'body', SIZES.table)],
        alignment: AlignmentType.RIGHT,
      }),
    );
  out.push(wordTable(b.header, b.rows));
  out.push(new Paragraph({ children: [] }));
  return out;
}

function block(b: ReportBlock): Array<Paragraph | Table> {
  return b.kind === 'paragraph' ? [bodyParagraph(b.text)] : tableBlock(b);
}

/** The score sheet lines as the 评分表 (附件1): 一级 / 二级 repeated names left blank. */
export function scoreTableRows(scores: ScoreSheet): string[][] {
  let last1 = '';
  let last2 = '';
  const rows = scores.lines.map((l) => {
    const row = [
      l.level1 === last1 ? '' : l.level1,
      l.level1 === last1 && l.level2 === last2 ? '' : l.level2,
      l.level3,
      points(l.points),
      l.missing ? (l.claimed !== undefined ? `待核实（自报 ${points(l.claimed)}，未核实）` : '待核实（待补）') : points(l.score),
      l.deduction ?? '',
    ];
    last1 = l.level1;
    last2 = l.level2;
    return row;
  });
  rows.push(['合计', '', '', points(scores.points), scoreText(scores), `综合绩效级别：${gradeText(scores)}`]);
  return rows;
}

const SCORE_HEADER = ['一级指标', '二级指标', '三级指标', '分值', '得分', '扣分原因'];

function appendix(draft: ReportDraft, scores: ScoreSheet): Array<Paragraph | Table> {
  return [
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({
      children: [run('附件1', 'heading1', SIZES.body)],
      spacing: { line: LINE_SPACING, lineRule: LineRuleType.EXACT },
    }),
    centred(`${draft.title.replace(/自评报告$/, '')}评价指标评分表`, 'title', 18),
    new Paragraph({ children: [] }),
    wordTable(SCORE_HEADER, scoreTableRows(scores)),
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

export function reportDocument(draft: ReportDraft, scores: ScoreSheet | null): Document {
  const children: Array<Paragraph | Table> = [centred(draft.title, 'title', SIZES.title), new Paragraph({ children: [] })];
  for (const s of draft.sections) {
    if (s.level > 0) children.push(heading(s));
    for (const b of s.blocks) children.push(...block(b));
  }
  if (scores && scores.lines.length > 0) children.push(...appendix(draft, scores));
  return new Document({
    creator: '绩效自评助手',
    title: draft.title,
    styles: {
      default: {
        document: {
          run: { font: font('body'), size: SIZES.body * 2 },
          paragraph: { spacing: { line: LINE_SPACING, lineRule: LineRuleType.EXACT } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height },
            margin: { ...MARGINS, header: mm(15), footer: mm(18) },
          },
        },
        footers: { default: footer() },
        children,
      },
    ],
  });
}

/** The .docx bytes of a report draft (node and browser). */
export async function reportToDocx(draft: ReportDraft, scores: ScoreSheet | null): Promise<Uint8Array> {
  const doc = reportDocument(draft, scores);
  const buf = await Packer.toArrayBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
  return new Uint8Array(buf);
}
