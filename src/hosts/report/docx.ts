/**
 * A .docx report as text blocks, and the same report back with Word comments on the sentences a
 * check found wrong. One scanner walks word/document.xml for both, so a comment lands exactly on the
 * characters the reader gave the core: paragraphs are numbered in document order (table cells
 * included), and within a paragraph the text of w:t, w:tab and w:br counts one character each.
 * Tracked deletions, field codes and the fallback copy of text boxes are not text.
 *
 * String work only (no Node, no DOM): runs in the CLI and in a browser alike. Reading the package
 * (bounded, CRC-checked) is the host's: src/hosts/report/node.ts.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { SourceBlock, SourceDocument, SourceText } from '../../core/claims/document';
import type { CommentPlan } from '../../core/claims/render';

export const WORD_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const WORD_STRICT_NS = 'http://purl.oclc.org/ooxml/wordprocessingml/main';

/** A .docx the reader cannot use; the message is Chinese and says why. */
export class DocxError extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntity(e: string): string {
  if (e[1] === '#') {
    const code = e[2] === 'x' ? parseInt(e.slice(3, -1), 16) : parseInt(e.slice(2, -1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  }
  return ENTITIES[e.slice(1, -1)] ?? '';
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One piece of a paragraph's text: where its characters are in the XML. */
interface Segment {
  /** Character offset in the paragraph's text. */
  at: number;
  length: number;
  /** `t`: characters of a w:t, whose escaped content runs from contentStart to contentEnd; `mark`: a w:tab or w:br. */
  type: 't' | 'mark';
  contentStart: number;
  contentEnd: number;
  /** The start tag of the w:t (to add xml:space="preserve" when a comment splits it). */
  tagStart: number;
  tagEnd: number;
  /** The enclosing w:r: its span and its properties (copied into the second half of a split run). */
  runStart: number;
  runEnd: number;
  runProps: string;
  /** The end of the w:t or mark element itself. */
  elementEnd: number;
}

export interface ScannedParagraph {
  ordinal: number;
  /** The w:p element. */
  start: number;
  end: number;
  /** After its w:pPr: where content may be inserted first. */
  contentStart: number;
  text: string;
  segments: Segment[];
  /** Table, row, column when it sits in a table cell (outermost table). */
  cell?: { table: number; row: number; column: number };
}

export interface Scan {
  prefix: string;
  ns: string;
  paragraphs: ScannedParagraph[];
  /** Body order: paragraphs outside tables, and tables (by index) as they come. */
  order: Array<{ type: 'paragraph'; ordinal: number } | { type: 'table'; table: number }>;
  tables: number;
}

/** Scans a document.xml: every paragraph with its text and where each character is. */
export function scanDocument(xml: string): Scan {
  const nsMatch = new RegExp(`xmlns:(\\w+)="(${escapeRe(WORD_NS)}|${escapeRe(WORD_STRICT_NS)})"`).exec(xml);
  if (!nsMatch)
    throw new DocxError('文件不是 Word 文档（word/document.xml 中没有 WordprocessingML 命名空间）');
  const w = nsMatch[1];
  const tag = new RegExp(
    `<(/?)(${w}:(?:p|tbl|tr|tc|r|t|tab|br|cr|rPr|pPr|delText|instrText|noBreakHyphen|del|moveFrom|gridSpan)|mc:Fallback)(?=[\\s/>])([^>]*?)(/?)>`,
    'g'
  );
  const paragraphs: ScannedParagraph[] = [];
  const order: Scan['order'] = [];
  const stack: ScannedParagraph[] = [];
  const tables: Array<{ index: number; row: number; column: number; next: number }> = [];
  let tableCount = 0;
  let fallback = 0;
  let deleted = 0;
  let run: { start: number; props: string } | null = null;
  let runSegments: Segment[] = [];
  let ordinal = 0;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const closing = m[1] === '/';
    const selfClosing = m[4] === '/';
    const name = m[2].startsWith('mc:') ? 'fallback' : m[2].slice(w.length + 1);
    if (name === 'fallback') {
      if (!selfClosing) fallback += closing ? -1 : 1;
      continue;
    }
    if (fallback > 0) continue;
    switch (name) {
      case 'p': {
        if (closing) {
          const p = stack.pop();
          if (p) p.end = m.index + m[0].length;
        } else {
          const p: ScannedParagraph = {
            ordinal: ordinal++,
            start: m.index,
            end: m.index + m[0].length,
            contentStart: m.index + m[0].length,
            text: '',
            segments: [],
          };
          const t = tables[0];
          if (t) p.cell = { table: t.index, row: t.row, column: t.column };
          else if (stack.length === 0) order.push({ type: 'paragraph', ordinal: p.ordinal });
          paragraphs.push(p);
          if (!selfClosing) stack.push(p);
        }
        break;
      }
      case 'pPr':
        if (closing && stack.length) stack[stack.length - 1].contentStart = m.index + m[0].length;
        else if (selfClosing && stack.length) stack[stack.length - 1].contentStart = m.index + m[0].length;
        break;
      case 'tbl':
        if (closing) tables.pop();
        else if (!selfClosing) {
          const index = tableCount++;
          if (tables.length === 0 && stack.length === 0) order.push({ type: 'table', table: index });
          // Nested tables stay in their outer cell.
          tables.push(
            tables.length ? { ...tables[tables.length - 1] } : { index, row: -1, column: -1, next: 0 }
          );
        }
        break;
      case 'tr':
        if (!closing && tables.length === 1) {
          tables[0].row++;
          tables[0].column = -1;
          tables[0].next = 0;
        }
        break;
      case 'tc':
        if (!closing && tables.length === 1) {
          tables[0].column = tables[0].next;
          tables[0].next++;
        }
        break;
      case 'gridSpan': {
        // A cell spanning n grid columns: the next cell is n columns on, so columns stay aligned with the header.
        const span = Number(new RegExp(`${w}:val="(\\d+)"`).exec(m[3])?.[1] ?? '1');
        if (tables.length === 1 && span > 1) tables[0].next = tables[0].column + span;
        break;
      }
      case 'del':
      case 'moveFrom':
        if (!selfClosing) deleted += closing ? -1 : 1;
        break;
      case 'r':
        if (closing) {
          if (run) for (const s of runSegments) s.runEnd = m.index + m[0].length;
          run = null;
          runSegments = [];
        } else if (!selfClosing) {
          run = { start: m.index, props: '' };
          runSegments = [];
        }
        break;
      case 'rPr':
        if (!closing && run && !selfClosing) {
          const end = xml.indexOf(`</${w}:rPr>`, m.index);
          if (end > 0) run.props = xml.slice(m.index, end + `</${w}:rPr>`.length);
        } else if (selfClosing && run) run.props = m[0];
        break;
      case 't': {
        if (closing || selfClosing || deleted > 0 || !run) break;
        const p = stack[stack.length - 1];
        if (!p) break;
        const contentStart = m.index + m[0].length;
        const contentEnd = xml.indexOf('<', contentStart);
        const raw = xml.slice(contentStart, contentEnd);
        const text = raw.replace(/&(#x?[0-9a-fA-F]+|[a-z]+);/g, decodeEntity);
        const seg: Segment = {
          at: p.text.length,
          length: text.length,
          type: 't',
          contentStart,
          contentEnd,
          tagStart: m.index,
          tagEnd: contentStart,
          runStart: run.start,
          runEnd: contentEnd,
          runProps: run.props,
          elementEnd: xml.indexOf('>', contentEnd) + 1,
        };
        p.text += text;
        p.segments.push(seg);
        runSegments.push(seg);
        tag.lastIndex = contentEnd;
        break;
      }
      case 'tab':
      case 'br':
      case 'cr':
      case 'noBreakHyphen': {
        if (closing || deleted > 0 || !run) break;
        const p = stack[stack.length - 1];
        if (!p) break;
        const ch = name === 'tab' ? '\t' : name === 'noBreakHyphen' ? '-' : '\n';
        const seg: Segment = {
          at: p.text.length,
          length: 1,
          type: 'mark',
          contentStart: m.index,
          contentEnd: m.index + m[0].length,
          tagStart: m.index,
          tagEnd: m.index,
          runStart: run.start,
          runEnd: m.index + m[0].length,
          runProps: run.props,
          elementEnd: m.index + m[0].length,
        };
        p.text += ch;
        p.segments.push(seg);
        runSegments.push(seg);
        break;
      }
      default:
        break;
    }
  }
  return { prefix: w, ns: nsMatch[2], paragraphs, order, tables: tableCount };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The most characters of text a report may have (about 600 pages). */
export const MAX_TEXT_CHARS = 1_000_000;

/** A scanned document.xml as the core's blocks (anchors: paragraph ordinals). */
export function docxBlocks(documentXml: string): SourceDocument {
  const scan = scanDocument(documentXml);
  const byOrdinal = new Map(scan.paragraphs.map((p) => [p.ordinal, p]));
  let chars = 0;
  for (const p of scan.paragraphs) chars += p.text.length;
  if (chars > MAX_TEXT_CHARS)
    throw new DocxError(`报告正文约 ${Math.round(chars / 10000)} 万字，超过可核对的上限（100 万字）`);
  const cells = new Map<number, SourceText[][]>();
  for (const p of scan.paragraphs) {
    if (!p.cell) continue;
    const rows = cells.get(p.cell.table) ?? [];
    const row = (rows[p.cell.row] ??= []);
    const cell = (row[p.cell.column] ??= { text: '', anchors: [] });
    cell.text += (cell.anchors.length ? '\n' : '') + p.text;
    cell.anchors.push(p.ordinal);
    cells.set(p.cell.table, rows);
  }
  const blocks: SourceBlock[] = [];
  for (const o of scan.order) {
    if (o.type === 'paragraph') {
      const p = byOrdinal.get(o.ordinal)!;
      blocks.push({ type: 'paragraph', text: p.text, anchors: [p.ordinal] });
    } else {
      const rows = (cells.get(o.table) ?? []).map((r) =>
        Array.from(r, (c) => c ?? { text: '', anchors: [] })
      );
      if (rows.length) blocks.push({ type: 'table', rows });
    }
  }
  return { blocks };
}

// ------------------------------------------------------------------ comments

/** A comment from a point to a point (paragraph ordinal, character offset), with its paragraphs. */
export type WordComment = CommentPlan;

export const COMMENT_AUTHOR = '绩效自评助手（数字核对）';
const COMMENTS_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';
const COMMENTS_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml';

interface Edit {
  at: number;
  /** Characters of the original replaced (0: an insertion). */
  remove: number;
  text: string;
  /** Among edits at one place: ends before starts, so adjacent comments nest correctly. */
  rank: number;
  /** The comment's order: at one place starts open in order and ends close in reverse, so ranges nest. */
  seq?: number;
}

/** The XML index inside a w:t's content after `units` UTF-16 units of its decoded text. */
function rawIndex(xml: string, s: Segment, units: number): number {
  let i = s.contentStart;
  let count = 0;
  while (i < s.contentEnd && count < units) {
    if (xml[i] === '&') {
      const semi = xml.indexOf(';', i);
      const end = semi > 0 && semi < s.contentEnd ? semi + 1 : i + 1;
      count += decodeEntity(xml.slice(i, end)).length || 1;
      i = end;
    } else {
      i++;
      count++;
    }
  }
  return i;
}

/** Where a point is in the XML, and the edits that make it a place between runs (splitting a run if need be). */
function pointEdits(
  xml: string,
  scan: Scan,
  p: ScannedParagraph,
  offset: number,
  marker: string,
  rank: number,
  edge: 'start' | 'end'
): Edit[] {
  const w = scan.prefix;
  const segs = p.segments;
  if (segs.length === 0) return [{ at: p.contentStart, remove: 0, text: marker, rank }];
  const split = (s: Segment) => `</${w}:r>${marker}<${w}:r>${s.runProps}`;
  for (const s of segs) {
    if (!(offset > s.at && offset < s.at + s.length) || s.type !== 't') continue;
    // Inside a w:t: the run is split there.
    const tag = xml.slice(s.tagStart, s.tagEnd);
    const preserve = /xml:space="preserve"/.test(tag)
      ? []
      : [{ at: s.tagStart, remove: s.tagEnd - s.tagStart, text: `<${w}:t xml:space="preserve">`, rank: -1 }];
    return [
      ...preserve,
      {
        at: rawIndex(xml, s, offset - s.at),
        remove: 0,
        text: `</${w}:t>${split(s)}<${w}:t xml:space="preserve">`,
        rank,
      },
    ];
  }
  const firstOfRun = (s: Segment) => segs.find((x) => x.runStart === s.runStart) === s;
  const lastOfRun = (s: Segment) => [...segs].reverse().find((x) => x.runStart === s.runStart) === s;
  if (edge === 'start') {
    const s = segs.find((x) => x.at >= offset);
    if (!s) {
      const last = segs[segs.length - 1];
      return [{ at: last.runEnd, remove: 0, text: marker, rank }];
    }
    if (firstOfRun(s)) return [{ at: s.runStart, remove: 0, text: marker, rank }];
    return [{ at: s.tagStart === s.tagEnd ? s.contentStart : s.tagStart, remove: 0, text: split(s), rank }];
  }
  const s = [...segs].reverse().find((x) => x.at + x.length <= offset);
  if (!s) return [{ at: segs[0].runStart, remove: 0, text: marker, rank }];
  if (lastOfRun(s)) return [{ at: s.runEnd, remove: 0, text: marker, rank }];
  return [{ at: s.elementEnd, remove: 0, text: split(s), rank }];
}

function applyEdits(xml: string, edits: Edit[]): string {
  // In document order; at one place, higher ranks last (an end before the next comment's start).
  const order = (e: Edit) => (e.rank === 1 ? -(e.seq ?? 0) : (e.seq ?? 0));
  const sorted = [...edits].sort((a, b) => a.at - b.at || a.rank - b.rank || order(a) - order(b));
  const out: string[] = [];
  let pos = 0;
  for (const e of sorted) {
    // Two edits replacing the same start tag (two splits of one w:t): once is enough.
    if (e.at < pos) continue;
    out.push(xml.slice(pos, e.at), e.text);
    pos = e.at + e.remove;
  }
  out.push(xml.slice(pos));
  return out.join('');
}

/** The parts of a .docx that change when comments are added: document, comments, relationships, content types. */
export interface DocxParts {
  document: string;
  /** Path of the main document part, e.g. `word/document.xml`. */
  documentPath: string;
  comments?: string;
  commentsPath?: string;
  documentRels?: string;
  contentTypes: string;
}

/**
 * The package's parts with one Word comment per entry, each anchored from `from` to `to`. The text
 * of the document is not changed: runs are only split where a comment starts or ends inside one.
 */
export function addComments(parts: DocxParts, comments: WordComment[]): Map<string, string> {
  const scan = scanDocument(parts.document);
  const w = scan.prefix;
  const byOrdinal = new Map(scan.paragraphs.map((p) => [p.ordinal, p]));
  const ids = [
    ...parts.document.matchAll(
      new RegExp(`<${w}:comment(?:RangeStart|Reference)\\b[^>]*\\b${w}:id="(\\d+)"`, 'g')
    ),
    ...(parts.comments ?? '').matchAll(new RegExp(`<${w}:comment\\b[^>]*\\b${w}:id="(\\d+)"`, 'g')),
  ].map((m) => Number(m[1]));
  let next = ids.length ? Math.max(...ids) + 1 : 0;
  const edits: Edit[] = [];
  const bodies: string[] = [];
  for (const c of comments) {
    const from = byOrdinal.get(c.from.paragraph);
    const to = byOrdinal.get(c.to.paragraph);
    if (!from || !to) continue;
    const id = next++;
    const start = `<${w}:commentRangeStart ${w}:id="${id}"/>`;
    const end = `<${w}:commentRangeEnd ${w}:id="${id}"/><${w}:r><${w}:commentReference ${w}:id="${id}"/></${w}:r>`;
    const seq = id;
    edits.push(
      ...pointEdits(parts.document, scan, from, c.from.offset, start, 2, 'start').map((e) => ({ ...e, seq }))
    );
    edits.push(
      ...pointEdits(parts.document, scan, to, Math.max(c.to.offset, 0), end, 1, 'end').map((e) => ({
        ...e,
        seq,
      }))
    );
    const paras = c.text
      .map(
        (t, i) =>
          `<${w}:p>${i === 0 ? `<${w}:r><${w}:annotationRef/></${w}:r>` : ''}<${w}:r><${w}:t xml:space="preserve">${escapeText(cleanXmlText(t))}</${w}:t></${w}:r></${w}:p>`
      )
      .join('');
    bodies.push(
      `<${w}:comment ${w}:id="${id}" ${w}:author="${COMMENT_AUTHOR}" ${w}:initials="JX">${paras}</${w}:comment>`
    );
  }
  const out = new Map<string, string>();
  out.set(parts.documentPath, applyEdits(parts.document, edits));
  const commentsPath = parts.commentsPath ?? parts.documentPath.replace(/[^/]+$/, 'comments.xml');
  const existing = parts.comments;
  out.set(
    commentsPath,
    existing
      ? existing.replace(new RegExp(`</${w}:comments>\\s*$`), `${bodies.join('')}</${w}:comments>`)
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${w}:comments xmlns:${w}="${scan.ns}">${bodies.join('')}</${w}:comments>`
  );
  if (!parts.commentsPath) {
    const relsPath = parts.documentPath.replace(/([^/]+)$/, '_rels/$1.rels');
    const rels =
      parts.documentRels ??
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    const taken = new Set([...rels.matchAll(/\bId="([^"]+)"/g)].map((m) => m[1]));
    let n = 1;
    while (taken.has(`rIdJx${n}`)) n++;
    out.set(
      relsPath,
      rels.replace(
        /<\/Relationships>\s*$/,
        `<Relationship Id="rIdJx${n}" Type="${COMMENTS_TYPE}" Target="${commentsPath.split('/').pop()}"/></Relationships>`
      )
    );
    if (!parts.contentTypes.includes(`PartName="/${commentsPath}"`))
      out.set(
        '[Content_Types].xml',
        parts.contentTypes.replace(
          /<\/Types>\s*$/,
          `<Override PartName="/${commentsPath}" ContentType="${COMMENTS_CONTENT_TYPE}"/></Types>`
        )
      );
  }
  return out;
}

/** Characters XML 1.0 cannot hold become spaces (one for one, so offsets stay). */
export function cleanXmlText(s: string): string {
  // eslint-disable-next-line no-control-regex -- removing what XML cannot hold is the point
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ' ');
}

// ------------------------------------------------------------------ a .docx from plain text

const FONT = '宋体';

/**
 * A plain document (from a .txt or a PDF's text) as a .docx: one paragraph per paragraph block, one
 * table per table block, in the order and with the anchors src/hosts/report/text.ts numbers them.
 */
export function textDocxParts(doc: SourceDocument): DocxParts & { styles: string } {
  const w = 'w';
  const run = (t: string) =>
    t ? `<${w}:r><${w}:t xml:space="preserve">${escapeText(cleanXmlText(t))}</${w}:t></${w}:r>` : '';
  const body: string[] = [];
  for (const b of doc.blocks) {
    if (b.type === 'paragraph') {
      body.push(`<${w}:p>${run(b.text)}</${w}:p>`);
      continue;
    }
    const width = Math.max(...b.rows.map((r) => r.length));
    const grid = `<${w}:tblGrid>${`<${w}:gridCol ${w}:w="${Math.floor(9000 / width)}"/>`.repeat(width)}</${w}:tblGrid>`;
    const border = (side: string) =>
      `<${w}:${side} ${w}:val="single" ${w}:sz="4" ${w}:space="0" ${w}:color="000000"/>`;
    const rows = b.rows
      .map(
        (r) =>
          `<${w}:tr>${r.map((c) => `<${w}:tc><${w}:tcPr><${w}:tcW ${w}:w="${Math.floor(9000 / width)}" ${w}:type="dxa"/></${w}:tcPr><${w}:p>${run(c.text)}</${w}:p></${w}:tc>`).join('')}</${w}:tr>`
      )
      .join('');
    body.push(
      `<${w}:tbl><${w}:tblPr><${w}:tblW ${w}:w="0" ${w}:type="auto"/><${w}:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</${w}:tblBorders></${w}:tblPr>${grid}${rows}</${w}:tbl>`
    );
  }
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${w}:document xmlns:${w}="${WORD_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><${w}:body>${body.join('')}<${w}:sectPr><${w}:pgSz ${w}:w="11906" ${w}:h="16838"/><${w}:pgMar ${w}:top="1440" ${w}:right="1440" ${w}:bottom="1440" ${w}:left="1440" ${w}:header="851" ${w}:footer="992" ${w}:gutter="0"/></${w}:sectPr></${w}:body></${w}:document>`;
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${w}:styles xmlns:${w}="${WORD_NS}"><${w}:docDefaults><${w}:rPrDefault><${w}:rPr><${w}:rFonts ${w}:ascii="${FONT}" ${w}:eastAsia="${FONT}" ${w}:hAnsi="${FONT}"/><${w}:sz ${w}:val="24"/><${w}:lang ${w}:val="en-US" ${w}:eastAsia="zh-CN"/></${w}:rPr></${w}:rPrDefault><${w}:pPrDefault><${w}:pPr><${w}:spacing ${w}:after="120" ${w}:line="360" ${w}:lineRule="auto"/></${w}:pPr></${w}:pPrDefault></${w}:docDefaults></${w}:styles>`;
  const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`;
  const documentRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
  return { document, documentPath: 'word/document.xml', documentRels, contentTypes, styles };
}

const PACKAGE_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

/** A new .docx of a plain document carrying the given comments (fflate: Node and browser alike). */
export function textDocx(doc: SourceDocument, comments: WordComment[]): Uint8Array {
  const parts = textDocxParts(doc);
  const changed = comments.length
    ? addComments(parts, comments)
    : new Map([['word/document.xml', parts.document]]);
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(changed.get('[Content_Types].xml') ?? parts.contentTypes),
    '_rels/.rels': strToU8(PACKAGE_RELS),
    'word/document.xml': strToU8(changed.get('word/document.xml')!),
    'word/_rels/document.xml.rels': strToU8(
      changed.get('word/_rels/document.xml.rels') ?? parts.documentRels!
    ),
    'word/styles.xml': strToU8(parts.styles),
  };
  const comm = changed.get('word/comments.xml');
  if (comm) files['word/comments.xml'] = strToU8(comm);
  // A fixed time keeps the same input giving the same bytes.
  return zipSync(files, { level: 1, mtime: new Date(2000, 0, 1) });
}

// ------------------------------------------------------------------ a .docx from bytes (browser and Node)

/** The largest part of a .docx inflated (a 600-page report's document.xml is far below). */
const MAX_PART = 64 * 2 ** 20;

/**
 * A .docx's parts from its bytes with fflate (for the pane and the web page; the CLI reads through
 * the bounded, CRC-checked reader of src/hosts/file/zip.ts instead). Only the parts the reader and
 * the comment writer use are inflated, each refused beyond 64 MB from the size its directory declares.
 */
export function docxPartsFromBytes(bytes: Uint8Array): DocxParts {
  const wanted = (name: string) =>
    name === '[Content_Types].xml' ||
    name === '_rels/.rels' ||
    /^word\/(_rels\/)?[^/]+\.xml(\.rels)?$/.test(name);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!wanted(f.name)) return false;
        if (f.originalSize > MAX_PART) throw new DocxError(`文档部件 ${f.name} 解压后超过可处理的上限`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof DocxError) throw e;
    throw new DocxError('文件不是有效的 .docx，或已损坏');
  }
  const text = (name: string) => (files[name] ? strFromU8(files[name]) : undefined);
  const rels = text('_rels/.rels') ?? '';
  const main = /Target="\/?([^"]*document[^"]*\.xml)"/.exec(rels)?.[1] ?? 'word/document.xml';
  const document = text(main);
  if (!document) throw new DocxError('文件中没有 Word 正文：它可能是其他格式的文件');
  const documentRels = text(main.replace(/([^/]+)$/, '_rels/$1.rels'));
  const target =
    documentRels && /<Relationship\b[^>]*Type="[^"]*\/comments"[^>]*Target="([^"]+)"/.exec(documentRels)?.[1];
  const commentsPath = target ? `${main.replace(/[^/]+$/, '')}${target}` : undefined;
  return {
    document,
    documentPath: main,
    documentRels,
    comments: commentsPath ? text(commentsPath) : undefined,
    commentsPath,
    contentTypes: text('[Content_Types].xml') ?? '',
  };
}

/** The .docx with comments (fflate: every part re-packed, the changed ones replaced). */
export function commentedDocxBytes(bytes: Uint8Array, comments: WordComment[]): Uint8Array {
  const changed = addComments(docxPartsFromBytes(bytes), comments);
  const files = unzipSync(bytes);
  for (const [name, xml] of changed) files[name] = strToU8(xml);
  return zipSync(files, { level: 6 });
}
