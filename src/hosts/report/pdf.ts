/**
 * A PDF's text layer as plain text (Node only), read with Mozilla's pdf.js (pdfjs-dist, Apache-2.0):
 * the maintained reference PDF reader, with the character maps (cmaps) Chinese government PDFs need
 * to give their text as text. Lines are rebuilt from the positions of the text items; a wide gap
 * within a line becomes a tab, so a table's rows come out as tab-separated lines, as a .txt's do.
 *
 * pdfjs-dist 5 is an ES module; Node ≥ 20.19 loads it with require(). Its worker is loaded the same
 * way and handed over, so no worker thread or dynamic import is needed. Fonts are never loaded or
 * evaluated (isEvalSupported: false, disableFontFace: true): only text is read.
 */
import * as path from 'path';

/** A PDF the reader cannot use; the message is Chinese and says why. */
export class PdfError extends Error {}

/** The most pages read. */
export const MAX_PDF_PAGES = 500;

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
}

interface PdfJs {
  getDocument(params: Record<string, unknown>): { promise: Promise<PdfDocument>; destroy(): Promise<void> };
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<{ getTextContent(): Promise<{ items: Array<TextItem | object> }> }>;
  destroy(): Promise<void>;
}

let loaded: PdfJs | null = null;

function pdfjs(): PdfJs {
  if (loaded) return loaded;
  try {
    // The legacy build runs on Node without DOM globals; the worker runs in this thread.
    const worker = require('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    loaded = require('pdfjs-dist/legacy/build/pdf.mjs') as PdfJs;
    return loaded;
  } catch (e) {
    throw new PdfError(
      `无法加载 PDF 读取组件（pdfjs-dist）：${(e as Error).message}；请重新运行 npm install`
    );
  }
}

function assetDir(name: string): string {
  return `${path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), name)}${path.sep}`;
}

/** One page's items as lines: items of about the same baseline, left to right; a wide gap is a tab. */
function pageLines(items: TextItem[]): string[] {
  const rows: Array<{ y: number; h: number; items: TextItem[] }> = [];
  for (const it of items) {
    if (!it.str) continue;
    const y = it.transform[5];
    const h = Math.abs(it.transform[3]) || it.height || 10;
    const row = rows.find((r) => Math.abs(r.y - y) <= Math.min(r.h, h) * 0.5);
    if (row) row.items.push(it);
    else rows.push({ y, h, items: [it] });
  }
  rows.sort((a, b) => b.y - a.y);
  return rows.map((r) => {
    const sorted = r.items.sort((a, b) => a.transform[4] - b.transform[4]);
    let line = '';
    let end: number | null = null;
    let spaced = false;
    for (const it of sorted) {
      // A space item only says the words are apart; the gap decides between a space and a new cell.
      if (!it.str.trim()) {
        spaced = true;
        continue;
      }
      const x = it.transform[4];
      if (end !== null && line.trim()) {
        const gap = x - end;
        // More than one and a half characters of empty space between items: a new cell.
        if (gap > r.h * 1.5) line += '\t';
        else if (spaced || gap > r.h * 0.3) line += ' ';
      }
      line += it.str;
      end = x + it.width;
      spaced = false;
    }
    const trimmed = line.replace(/\s+$/, '');
    // In a table row, a number is a cell of its own even when the gap before it is narrow.
    return trimmed.includes('\t') ? trimmed.replace(/ (?=[-+]?\d)|(?<=\d%?) (?=\S)/g, '\t') : trimmed;
  });
}

/** The text of a PDF, page by page, each line a line. Bounded by pages and characters. */
export async function pdfText(bytes: Uint8Array, maxChars: number): Promise<string> {
  const lib = pdfjs();
  const params = {
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    cMapUrl: assetDir('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: assetDir('standard_fonts'),
    verbosity: 0,
  };
  let doc: PdfDocument;
  try {
    doc = await lib.getDocument(params).promise;
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'PasswordException')
      throw new PdfError('PDF 设有打开密码；请先取消密码，或另存一份不加密的 PDF 后再核对');
    throw new PdfError(`文件不是有效的 PDF，或已损坏（${(e as Error).message}）`);
  }
  try {
    if (doc.numPages > MAX_PDF_PAGES)
      throw new PdfError(`PDF 有 ${doc.numPages} 页，超过可核对的上限（${MAX_PDF_PAGES} 页）`);
    const lines: string[] = [];
    let chars = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const pageText = pageLines(content.items.filter((i): i is TextItem => 'str' in i));
      for (const l of pageText) chars += l.length;
      if (chars > maxChars)
        throw new PdfError(`PDF 文字超过可核对的上限（${Math.round(maxChars / 10000)} 万字）`);
      lines.push(...pageText);
    }
    if (lines.join('').replace(/\s/g, '').length < 20)
      throw new PdfError(
        'PDF 中没有可读取的文字（可能是扫描件或图片）：无法核对其中的数字。请提供 Word 版报告，或可以复制文字的 PDF'
      );
    return lines.join('\n');
  } finally {
    await doc.destroy();
  }
}
