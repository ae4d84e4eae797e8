/**
 * Plain text (a .txt file, text pasted into the pane, a PDF's text layer) as a document's blocks:
 * each non-empty line a paragraph, consecutive tab-separated lines a table. Runs in Node and in the
 * browser (TextDecoder only).
 */
import type { SourceBlock, SourceDocument } from '../../core/claims/document';

/** The bytes of a text file as text: UTF-8 (with or without BOM), UTF-16 with a BOM, else GB18030 (GBK). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const body =
    bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
      ? bytes.subarray(3)
      : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    // Not UTF-8: Chinese Windows saves text as GBK, which GB18030 contains.
    return new TextDecoder('gb18030').decode(body);
  }
}

/**
 * Lines as blocks. Anchors number the Word paragraphs the text becomes (one per paragraph, one per
 * table cell, row by row), so a comment writer can place a comment in the .docx made from this text.
 */
export function textBlocks(text: string): SourceDocument {
  const blocks: SourceBlock[] = [];
  let anchor = 0;
  let table: string[][] | null = null;
  const flush = () => {
    if (!table) return;
    // Rows keep their own cell counts: a row with a cell too many or too few shows the columns are not aligned.
    blocks.push({ type: 'table', rows: table.map((r) => r.map((text) => ({ text, anchors: [anchor++] }))) });
    table = null;
  };
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (!line.trim()) {
      // A blank line between two rows does not split a table.
      continue;
    }
    if (line.includes('\t')) {
      const cells = line.split('\t');
      (table ??= []).push(cells.map((c) => c.trim()));
      continue;
    }
    flush();
    blocks.push({ type: 'paragraph', text: line.replace(/\s+$/, ''), anchors: [anchor++] });
  }
  flush();
  return { blocks };
}
