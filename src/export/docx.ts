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
  Styles,
  TextRun,
  Theme,
  type IPropertiesOptions,
  type ISectionOptions,
} from 'docx';
import type { ParagraphBlock, ReportBlock, ReportDraft, ReportSection, TableBlock } from '../core/narrative';
import { sectionTitle } from '../core/narrative';
import type { Operand, ScoreSheet } from '../core/results';
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
import { RawDeflate, Tables, zipStreaming } from './docxTables';

export { columnWidths } from './docxTables';
export { FONTS, LINE_SPACING, MARGINS_MM, SIZES } from './docxStyle';

export interface DocxOptions {
  /** Word comments on each paragraph naming the inputs and cells its figures came from. */
  comments?: boolean;
  /**
   * Where the remarks for the preparer go: Word comments on their paragraph (the default), or
   * nowhere in the document when they are printed in a separate 报送前核对清单 (`--checklist`).
   */
  remarks?: 'comments' | 'checklist';
  /** The host's raw DEFLATE for the package (Node's zlib); fflate's when not given. */
  deflate?: RawDeflate;
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
  constructor(
    readonly sources: boolean,
    readonly remarks: boolean
  ) {}

  /**
   * Wraps a paragraph's runs in one comment: the remarks for the preparer (what to correct before
   * submitting), and with `sources` the inputs and cells its figures came from.
   */
  wrap(
    children: TextRun[],
    sources: Operand[],
    remarks: string[] = []
  ): Array<TextRun | CommentRangeStart | CommentRangeEnd> {
    const cited = this.sources ? sources.filter((o) => o.address) : [];
    const notes = this.remarks ? remarks : [];
    if (cited.length === 0 && notes.length === 0) return children;
    const id = this.children.length;
    const lines = [
      ...notes.map((r) => `报送前请处理：${r}`),
      ...(cited.length ? [`数据来源：${cited.map((o) => `${o.label}：${o.address}`).join('；')}`] : []),
    ];
    this.children.push({
      id,
      author: '绩效自评助手',
      initials: 'JX',
      // A fixed date keeps the output the same on every run.
      date: new Date(0),
      children: lines.map((t) => new Paragraph({ children: [new TextRun(t)] })),
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
    remarks?: string[];
    comments?: Comments;
    keepNext?: boolean;
    /** Headings are set flush left: justifying a wrapped heading spreads its characters. */
    left?: boolean;
  } = {}
): Paragraph {
  const children = runs(text, key, SIZES.body, opts.bold);
  return new Paragraph({
    children: opts.comments ? opts.comments.wrap(children, opts.sources ?? [], opts.remarks) : children,
    indent: { firstLine: 2 * SIZES.body * PT, firstLineChars: 200 },
    spacing: { line: LINE_SPACING, lineRule: LineRuleType.EXACT },
    alignment: opts.left ? AlignmentType.LEFT : AlignmentType.JUSTIFIED,
    outlineLevel: opts.outline,
    keepNext: opts.keepNext,
  });
}

/** 落款: right-aligned, four characters from the margin, no indent; kept with the line after it. */
function signatureParagraph(text: string, keepNext: boolean): Paragraph {
  return new Paragraph({
    children: runs(text, 'body', SIZES.body),
    alignment: AlignmentType.RIGHT,
    indent: { right: 4 * SIZES.body * PT },
    spacing: { line: LINE_SPACING, lineRule: LineRuleType.EXACT },
    keepNext,
  });
}

function heading(s: ReportSection): Paragraph {
  const text = sectionTitle(s);
  switch (s.level) {
    case 1:
      return bodyParagraph(text, 'heading1', { outline: 0, keepNext: true, left: true });
    case 2:
      return bodyParagraph(text, 'heading2', { outline: 1, keepNext: true, left: true });
    case 3:
      return bodyParagraph(text, 'body', { bold: true, outline: 2, keepNext: true, left: true });
    default:
      return bodyParagraph(text, 'body', { outline: 3, keepNext: true, left: true });
  }
}

function centred(text: string, key: FontKey, sizePt: number, bold = false, keepNext = false): Paragraph {
  return new Paragraph({
    children: runs(text, key, sizePt, bold),
    alignment: AlignmentType.CENTER,
    keepNext,
    // A 二号 title keeps the body's 28-point grid, as 公文 titles do (GB/T 9704); only a larger size needs more.
    spacing: { line: Math.max(LINE_SPACING, Math.round(sizePt * 1.25 * PT)), lineRule: LineRuleType.EXACT },
  });
}

function tableBlock(b: TableBlock, tables: Tables, comments: Comments): Paragraph[] {
  // Caption and unit keep with the table, so a title is never left at the foot of a page. A table
  // whose heading above says what it is has no caption.
  const out: Paragraph[] = [];
  if (b.caption || b.remarks?.length)
    out.push(
      new Paragraph({
        children: comments.wrap(runs(b.caption, 'body', SIZES.body, true), [], b.remarks),
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { line: LINE_SPACING, lineRule: LineRuleType.EXACT },
      })
    );
  if (b.unit)
    out.push(
      new Paragraph({
        children: [run(`单位：${b.unit}`, 'body', SIZES.table)],
        alignment: AlignmentType.RIGHT,
        keepNext: true,
      })
    );
  out.push(tables.place(b.header, b.rows, undefined, b.notes));
  // A small space under the table, not a whole blank line.
  out.push(new Paragraph({ children: [], spacing: { line: 8 * PT, lineRule: LineRuleType.EXACT } }));
  return out;
}

function paragraphBlock(b: ParagraphBlock, comments: Comments, next?: ReportBlock): Paragraph {
  // The last paragraph of the text, the 附件 line and the 落款 stay together: a page holding only the
  // 落款 (or only the date) is not signed. A sentence that introduces the table under it ("…情况如下：") goes
  // over with the table (which, kept whole with its notes, may not fit where the sentence ends).
  const keepNext =
    b.style === 'lead' ||
    (next?.kind === 'table' && /[：:]$/.test(b.text)) ||
    (next?.kind === 'paragraph' && (next.style === 'signature' || next.style === 'annex'));
  if (b.style === 'signature') return signatureParagraph(b.text, keepNext);
  return bodyParagraph(b.text, 'body', { sources: b.sources, remarks: b.remarks, comments, keepNext });
}

function block(b: ReportBlock, comments: Comments, tables: Tables, next?: ReportBlock): Paragraph[] {
  return b.kind === 'paragraph' ? [paragraphBlock(b, comments, next)] : tableBlock(b, tables, comments);
}

/** A4 landscape for 附件1: seven columns need the width. */
const LANDSCAPE_TEXT_WIDTH = A4.height - MARGINS.left - MARGINS.right;

function appendix(a: NonNullable<ReportDraft['appendix']>, tables: Tables, comments: Comments): Paragraph[] {
  return [
    new Paragraph({
      children: [run(a.label, 'heading1', SIZES.body)],
      spacing: { line: LINE_SPACING, lineRule: LineRuleType.EXACT },
      keepNext: true,
    }),
    centred(a.title, 'title', 18, false, true),
    new Paragraph({
      children: comments.wrap([], [], a.table.remarks),
      keepNext: true,
    }),
    tables.place(a.table.header, a.table.rows, LANDSCAPE_TEXT_WIDTH, a.table.notes),
  ];
}

/** The cover page: title lines large and centred in the upper third, the submitter's lines at its foot. */
function coverPage(lines: string[]): Paragraph[] {
  const split = lines.indexOf('');
  const title = split < 0 ? lines : lines.slice(0, split);
  const foot = split < 0 ? [] : lines.slice(split + 1);
  const blank = (n: number) =>
    Array.from(
      { length: n },
      () => new Paragraph({ children: [], spacing: { line: LINE_SPACING, lineRule: LineRuleType.EXACT } })
    );
  return [
    ...blank(5),
    ...title.map(
      (t) =>
        new Paragraph({
          children: runs(t, 'title', 26),
          alignment: AlignmentType.CENTER,
          spacing: { line: 26 * 2 * PT, lineRule: LineRuleType.EXACT },
        })
    ),
    ...blank(10 - Math.max(0, title.length - 3) * 2),
    ...foot.map(
      (t) =>
        new Paragraph({
          children: runs(t, 'body', SIZES.body),
          indent: { left: 6 * SIZES.body * PT },
          spacing: { line: LINE_SPACING, lineRule: LineRuleType.EXACT },
        })
    ),
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

function reportDocument(draft: ReportDraft, tables: Tables, options: DocxOptions = {}): Document {
  const comments = new Comments(options.comments === true, options.remarks !== 'checklist');
  const children: Paragraph[] = [centred(draft.title, 'title', SIZES.title), new Paragraph({ children: [] })];
  draft.sections.forEach((s, k) => {
    if (s.level > 0) children.push(heading(s));
    // What follows a section's last block, when no heading comes between (the 落款 after the text).
    const after = draft.sections[k + 1]?.level === 0 ? draft.sections[k + 1].blocks[0] : undefined;
    s.blocks.forEach((b, i) => children.push(...block(b, comments, tables, s.blocks[i + 1] ?? after)));
  });
  const portrait = { size: { width: A4.width, height: A4.height }, margin: PAGE_MARGIN };
  const sections: ISectionOptions[] = [];
  // The cover has no page number; the text's pages are numbered from 1.
  if (draft.cover?.length)
    sections.push({ properties: { page: portrait }, children: coverPage(draft.cover) });
  sections.push({
    properties: { page: { ...portrait, pageNumbers: { start: 1 } } },
    footers: { default: footer() },
    children,
  });
  if (draft.appendix)
    sections.push({
      properties: {
        page: {
          size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE },
          margin: APPENDIX_MARGIN,
        },
      },
      footers: { default: footer() },
      children: appendix(draft.appendix, tables, comments),
    });
  return new Document({
    creator: '绩效自评助手',
    title: draft.title,
    ...(comments.children.length ? { comments: { children: comments.children } } : {}),
    styles: STYLES,
    sections,
  });
}

/** Every document's styles: the same, so its styles part is too (see ONCE_FORMATTED). */
export const STYLES: IPropertiesOptions['styles'] = {
  default: {
    document: {
      run: { font: font('body'), size: SIZES.body * 2 },
      paragraph: { spacing: { line: LINE_SPACING, lineRule: LineRuleType.EXACT } },
    },
  },
};

type PackageFile = string | Uint8Array;
/** docx's compiler (the parts Packer zips, in its order); not in docx's typings, hence the guarded cast. */
interface Compiler {
  compile(
    file: Document,
    prettify: undefined,
    overrides: Array<{ path: string; data: string }>
  ): Map<string, unknown>;
  formatter?: { format?: (view: object, context?: unknown) => unknown };
}

/**
 * The parts every document of ours formats the same: docx's default theme (we give no theme options) and
 * our one style sheet (STYLES). About a third of formatting a 审核意见 went to them; a batch writes one
 * per workbook.
 */
const ONCE_FORMATTED = [Theme, Styles];

let ourCompiler: Compiler | undefined;

/**
 * A compiler of docx's own kind whose formatter formats each ONCE_FORMATTED part once and gives the same
 * result after (docx's writer only reads it); Packer's own compiler when it cannot be made so.
 */
function compilerOf(packers: Compiler): Compiler {
  if (ourCompiler) return ourCompiler;
  const made = new (packers.constructor as new () => Compiler)();
  const format = made.formatter?.format?.bind(made.formatter);
  if (typeof made.compile !== 'function' || !format) return (ourCompiler = packers);
  const formatted = new Map<object, unknown>();
  made.formatter!.format = (view, context) => {
    const kind = ONCE_FORMATTED.find((k) => view instanceof k);
    if (!kind) return format(view, context);
    if (!formatted.has(kind)) formatted.set(kind, format(view, context));
    return formatted.get(kind);
  };
  return (ourCompiler = made);
}

/**
 * The package's parts by path, in docx's order. Straight from docx's compiler when this docx has one:
 * Packer would deflate every part in JavaScript only for us to unzip it and deflate it again (a batch
 * writes one document per workbook). Otherwise through Packer, unzipped.
 */
async function packageFiles(
  doc: Document,
  overrides: Array<{ path: string; data: string }>
): Promise<Map<string, PackageFile>> {
  const compiler = (Packer as unknown as { compiler?: Partial<Compiler> }).compiler;
  if (typeof compiler?.compile === 'function') {
    const files = new Map<string, PackageFile>();
    for (const [path, data] of compilerOf(compiler as Compiler).compile(doc, undefined, overrides))
      files.set(
        path,
        typeof data === 'string'
          ? data
          : ArrayBuffer.isView(data)
            ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
            : new Uint8Array(data as ArrayBuffer)
      );
    return files;
  }
  return new Map(
    Object.entries(unzipSync(new Uint8Array(await Packer.toArrayBuffer(doc, false, overrides))))
  );
}

/**
 * The .docx bytes of a draft (node and browser): its cover, its text and its 附件1 as the draft holds
 * them. `scores` is not read: the draft states the scores in its own voice.
 */
export async function reportToDocx(
  draft: ReportDraft,
  _scores?: ScoreSheet | null,
  options: DocxOptions = {}
): Promise<Uint8Array> {
  const tables = new Tables();
  const doc = reportDocument(draft, tables, options);
  const overrides = [{ path: 'word/fontTable.xml', data: fontTableXml() }];
  // Zipped in the package's own order, only document.xml changed (its tables put in).
  return zipStreaming(
    [...(await packageFiles(doc, overrides))].map(([path, data]) => [
      path,
      path === 'word/document.xml' ? tables.fill(typeof data === 'string' ? data : strFromU8(data)) : data,
    ]),
    options.deflate
  );
}
