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
import { strFromU8, unzipSync } from 'fflate';
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
import { sectionTitle } from '../core/narrative';
import { points } from '../core/reportWords';
import type { Operand, ScoreSheet } from '../core/results';
import { inWords, tightenSpaces } from '../core/typography';
import {
  A4,
  font,
  FONTS,
  type FontKey,
  LINE_SPACING,
  MARGINS,
  mm,
  PLACEHOLDER,
  PT,
  SIZES,
} from './docxStyle';
import { Tables, zipStreaming } from './docxTables';

export { columnWidths } from './docxTables';
export { FONTS, LINE_SPACING, MARGINS_MM, SIZES } from './docxStyle';

export interface DocxOptions {
  /** Word comments on each paragraph naming the inputs and cells its figures came from. */
  comments?: boolean;
}

function run(text: string, key: FontKey, sizePt: number, bold = false): TextRun {
  return new TextRun({ text, font: font(key), size: sizePt * 2, bold });
}

/** A text as runs, its placeholders highlighted. */
function runs(text: string, key: FontKey, sizePt: number, bold = false): TextRun[] {
  return text
    .split(PLACEHOLDER)
    .filter(Boolean)
    .map((t) =>
      PLACEHOLDER.test(t)
        ? new TextRun({ text: t, font: font(key), size: sizePt * 2, bold, highlight: HighlightColor.YELLOW })
        : run(t, key, sizePt, bold)
    );
}

/** Collects Word comments while the document is built (ids are positional). */
class Comments {
  readonly children: Array<{
    id: number;
    author: string;
    initials: string;
    date: Date;
    children: Paragraph[];
  }> = [];
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
    return [
      new CommentRangeStart(id),
      ...children,
      new CommentRangeEnd(id),
      new TextRun({ children: [new CommentReference(id)] }),
    ];
  }
}

/** Body-style paragraph: first line indented two characters, fixed line spacing. */
function bodyParagraph(
  text: string,
  key: FontKey = 'body',
  opts: {
    bold?: boolean;
    outline?: number;
    sources?: Operand[];
    comments?: Comments;
    keepNext?: boolean;
  } = {}
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

function tableBlock(b: TableBlock, tables: Tables): Paragraph[] {
  // Caption and unit keep with the table, so a title is never left at the foot of a page.
  const out: Paragraph[] = [centred(b.caption, 'body', SIZES.body, true, true)];
  if (b.unit)
    out.push(
      new Paragraph({
        children: [run(`单位：${b.unit}`, 'body', SIZES.table)],
        alignment: AlignmentType.RIGHT,
        keepNext: true,
      })
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
    l.missing
      ? l.claimed !== undefined
        ? `待核实（自报${points(l.claimed)}分）`
        : '【待补】'
      : points(l.score),
    inWords(l.standard),
    deductionWords(l),
  ]);
  // The total as verified; the grade (a range while points are pending) in the shared words (src/core/summary.ts).
  rows.push([
    '合计',
    '',
    '',
    points(scores.points),
    points(scores.total),
    '',
    tightenSpaces(`综合绩效级别：${gradeText(scores)}`),
  ]);
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
        `<w:font w:name="${f.name}"><w:altName w:val="${f.fallback}"/><w:charset w:val="${/^[\x20-\x7e]+$/.test(f.name) ? '00' : '86'}"/><w:family w:val="${f.name === FONTS.latin.name ? 'roman' : 'modern'}"/><w:pitch w:val="variable"/></w:font>`
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

function reportDocument(
  draft: ReportDraft,
  scores: ScoreSheet | null,
  tables: Tables,
  options: DocxOptions = {}
): Document {
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
        page: {
          size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE },
          margin: APPENDIX_MARGIN,
        },
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
export async function reportToDocx(
  draft: ReportDraft,
  scores: ScoreSheet | null,
  options: DocxOptions = {}
): Promise<Uint8Array> {
  const tables = new Tables();
  const doc = reportDocument(draft, scores, tables, options);
  const packed = new Uint8Array(
    await Packer.toArrayBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }])
  );
  // Zipped again in the package's own order, only document.xml changed (its tables put in).
  return zipStreaming(
    Object.entries(unzipSync(packed)).map(([path, data]) => [
      path,
      path === 'word/document.xml' ? tables.fill(strFromU8(data)) : data,
    ])
  );
}
