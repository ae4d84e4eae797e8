/**
 * Report files for the CLI (Node only): read a .docx, .txt or .pdf into the core's blocks, bounded
 * and with a Chinese message for anything it cannot read; write the department's own .docx back
 * with comments (every part but the changed ones copied byte for byte), or a .docx of a text.
 */
import * as path from 'path';
import type { SourceDocument } from '../../core/claims/document';
import type { CommentPlan } from '../../core/claims/render';
import { readRegularFile, ReadError } from '../file/node';
import { listZip, PackageError, readEntry, rewriteZip, type ZipEntry } from '../file/zip';
import { addComments, DocxError, docxBlocks, type DocxParts, MAX_TEXT_CHARS, textDocx } from './docx';
import { decodeText, textBlocks } from './text';

/** Largest report file read. */
export const MAX_REPORT_BYTES = 50 * 2 ** 20;
/** Largest document part inflated (a 600-page report is far below). */
const MAX_DOCUMENT_XML = 64 * 2 ** 20;

export type ReportFormat = 'docx' | 'txt' | 'pdf';

export interface ReportFile {
  format: ReportFormat;
  source: SourceDocument;
  /** For a .docx: the package, to write comments into. */
  docx?: { bytes: Buffer; entries: ZipEntry[]; parts: DocxParts };
}

export function formatOf(file: string): ReportFormat | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.docx') return 'docx';
  if (ext === '.txt' || ext === '.text') return 'txt';
  if (ext === '.pdf') return 'pdf';
  return null;
}

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function part(bytes: Buffer, byName: Map<string, ZipEntry>, name: string, max: number): string | undefined {
  const e = byName.get(name);
  if (!e) return undefined;
  if (e.size > max)
    throw new DocxError(`文档部件 ${name} 解压后有 ${Math.round(e.size / 2 ** 20)} MB，超过可处理的上限`);
  return readEntry(bytes, e).toString('utf8');
}

/** The parts of a .docx the reader and the comment writer need. */
function docxParts(bytes: Buffer, file: string): { entries: ZipEntry[]; parts: DocxParts } {
  if (bytes.subarray(0, 8).equals(OLE))
    throw new DocxError(
      `${file} 是旧版 Word（.doc）文件或设有打开密码；请在 Word 或 WPS 中另存为 .docx（不加密）后再核对`
    );
  let entries: ZipEntry[];
  try {
    entries = listZip(bytes);
  } catch (e) {
    throw new DocxError(`${file} 不是有效的 .docx 文件，或已损坏（${(e as Error).message}）`);
  }
  const byName = new Map(entries.map((e) => [e.name, e]));
  const rels = part(bytes, byName, '_rels/.rels', 2 ** 20) ?? '';
  const main =
    /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*Target="\/?([^"]+)"/.exec(rels)?.[1] ??
    /<Relationship\b[^>]*Target="\/?([^"]+)"[^>]*Type="[^"]*\/officeDocument"/.exec(rels)?.[1] ??
    'word/document.xml';
  if (byName.has('xl/workbook.xml') || byName.has('ppt/presentation.xml'))
    throw new DocxError(
      `${file} 是 Excel 工作簿或 PowerPoint 文件，不是 Word 报告；工作簿请用 --workbook 给出`
    );
  const document = part(bytes, byName, main, MAX_DOCUMENT_XML);
  if (!document) throw new DocxError(`${file} 中没有 Word 正文（${main}）：它可能是其他格式的文件`);
  const relsPath = main.replace(/([^/]+)$/, '_rels/$1.rels');
  const documentRels = part(bytes, byName, relsPath, 4 * 2 ** 20);
  const commentsTarget = documentRels
    ? /<Relationship\b[^>]*Type="[^"]*\/comments"[^>]*Target="([^"]+)"/.exec(documentRels)?.[1]
    : undefined;
  const commentsPath = commentsTarget ? path.posix.join(path.posix.dirname(main), commentsTarget) : undefined;
  return {
    entries,
    parts: {
      document,
      documentPath: main,
      documentRels,
      comments: commentsPath ? part(bytes, byName, commentsPath, MAX_DOCUMENT_XML) : undefined,
      commentsPath,
      contentTypes: part(bytes, byName, '[Content_Types].xml', 2 ** 20) ?? '',
    },
  };
}

/** Reads a report file into blocks; a file it cannot read gets a ReadError in Chinese. */
export async function readReportFile(file: string): Promise<ReportFile> {
  const format = formatOf(file);
  if (!format)
    throw new ReadError(
      `无法识别报告文件 ${file} 的格式：请提供 .docx、.txt 或 .pdf（旧版 .doc、.wps 请先另存为 .docx）`
    );
  const bytes = await readRegularFile(file, MAX_REPORT_BYTES);
  try {
    if (format === 'txt') {
      const text = decodeText(bytes);
      if (text.length > MAX_TEXT_CHARS) throw new DocxError(`${file} 超过可核对的上限（100 万字）`);
      if (!text.trim()) throw new DocxError(`${file} 是空文件，没有可核对的文字`);
      return { format, source: textBlocks(text) };
    }
    if (format === 'pdf') {
      if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-')
        throw new DocxError(`${file} 不是 PDF 文件（文件头不是 %PDF-）`);
      const { pdfText } = await import('./pdf');
      return { format, source: textBlocks(await pdfText(bytes, MAX_TEXT_CHARS)) };
    }
    const { entries, parts } = docxParts(bytes, file);
    const source = docxBlocks(parts.document);
    if (!source.blocks.some((b) => (b.type === 'paragraph' ? b.text.trim() : b.rows.length)))
      throw new DocxError(`${file} 中没有文字，无法核对`);
    return { format, source, docx: { bytes, entries, parts } };
  } catch (e) {
    if (e instanceof ReadError) throw e;
    if (e instanceof DocxError || e instanceof PackageError || (e as Error).name === 'PdfError')
      throw new ReadError(`无法读取报告 ${file}：${(e as Error).message}`);
    throw new ReadError(`无法读取报告 ${file}：文件已损坏或格式不对（${(e as Error).message}）`);
  }
}

/** The commented .docx: the department's own package with comments added, or a new .docx of a text. */
export function commentedDocx(report: ReportFile, comments: CommentPlan[]): Uint8Array {
  if (!report.docx) return textDocx(report.source, comments);
  const changed = addComments(report.docx.parts, comments);
  const changes = new Map<string, Uint8Array>();
  for (const [name, xml] of changed) changes.set(name, Buffer.from(xml, 'utf8'));
  return rewriteZip(report.docx.bytes, report.docx.entries, changes);
}
