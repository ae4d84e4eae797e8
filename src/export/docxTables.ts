/**
 * The report's Word tables, written as WordprocessingML text rather than docx objects: a project
 * table may hold tens of thousands of rows, and docx's object tree costs about 25 KB of memory a cell
 * (4 GB at 25,000 rows). The text is what docx wrote for the same table, byte for byte
 * (test/export/docx.test.ts reads it); tables are put into document.xml while the package is zipped.
 */
import { Paragraph, TextRun } from 'docx';
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { font, PLACEHOLDER, PT, SIZES, TEXT_WIDTH } from './docxStyle';

/** A figure as a cell shows it: 1500.00, 95.00%, 下降17.89%, 2.5＊, or — for none. */
const NUMBER_LIKE = /^(?:(?:增长|下降|负)?[-−+]?[\d,]+(?:\.\d+)?%?[＊*]?|持平|—|－)$/;
/** A cell read as a figure: its 【待核对①】 marker is beside the figure, not part of it. */
const numberLike = (cell: string) => NUMBER_LIKE.test(cell.replace(/【待(?:补|核对)[^】]*】/g, '').trim());

/** The two type sizes a table may take: 小四, and 五号 when 小四 cannot keep its headers whole. */
const TABLE_SIZES = [SIZES.table, SIZES.tableSmall] as const;

/** Twips a table cell needs for a text on one line at a size: CJK one em, half-width about 0.54 em, plus margins. */
/** A cell's width on one line per line of its text (a cell breaks its lines where its text has "\n"). */
function naturalWidth(text: string, size: number = SIZES.table): number {
  let widest = 0;
  for (const line of text.split('\n')) {
    let n = 0;
    // Circled numbers (①, U+2460…) print full width in the CJK fonts, as CJK does.
    for (const ch of line)
      n += /[\u2460-\u24ff\u2e80-\uffff]/.test(ch) ? size * PT : Math.round(size * PT * 0.54);
    widest = Math.max(widest, n);
  }
  return widest + 260;
}

/** A placeholder with its words wraps within its column; a numbered marker (【待核对①】) is as wide as it reads. */
const WORDY = /【待(?:补|核对)[①-⑳]*：/;

/** Widest a column may take before its text wraps instead (about 9 CJK characters). */
const WRAP_FROM = 9 * SIZES.table * PT + 260;

/**
 * Widths that keep every header on one line, at a size. Each column first gets its whole text;
 * when that is too wide, text columns may wrap down to their header's width, the narrowest
 * shortfalls made good first so as few columns as possible wrap. Null when even the headers do
 * not fit.
 */
function unbrokenWidths(header: string[], rows: string[][], total: number, size: number): number[] | null {
  const head = header.map((h) => naturalWidth(h, size));
  // A placeholder wraps within its column: it does not widen a column of figures.
  const body = header.map((_, c) =>
    Math.max(0, ...rows.map((r) => (WORDY.test(r[c] ?? '') ? 0 : naturalWidth(r[c] ?? '', size))))
  );
  const full = head.map((h, c) => Math.max(h, body[c]));
  if (full.reduce((a, b) => a + b, 0) <= total) return spread(full, total);
  const numeric = numericColumns(header, rows);
  const wraps = full.map((f, c) => !numeric[c] && f > head[c]);
  const widths = full.map((f, c) => (wraps[c] ? head[c] : f));
  let room = total - widths.reduce((a, b) => a + b, 0);
  if (room < 0) return null;
  if (rows.length <= FEWEST_LINES_ROWS)
    return spread(fewestLines(rows, widths, full, wraps, room, size), total);
  // Short texts (names, up to about 9 characters) are kept whole first, narrowest shortfall first ...
  const wrapFrom = 9 * size * PT + 260;
  const short = header.map((_, c) => c).filter((c) => wraps[c] && full[c] <= wrapFrom);
  short.sort((a, b) => full[a] - head[a] - (full[b] - head[b]));
  for (const c of short) {
    if (full[c] - widths[c] > room) continue;
    room -= full[c] - widths[c];
    widths[c] = full[c];
  }
  // ... then the long texts share what is left by their length, so each wraps about alike.
  const rest = header.map((_, c) => c).filter((c) => wraps[c] && widths[c] < full[c]);
  const want = rest.reduce((a, c) => a + full[c], 0);
  const share = room;
  for (const c of rest) widths[c] = Math.min(full[c], widths[c] + Math.floor((share * full[c]) / want));
  return spread(widths, total);
}

/** A cell that prints on one line: a figure, a numbered marker, or both (not a placeholder with its words). */
const unbroken = (cell: string) =>
  !WORDY.test(cell) && (numberLike(cell) || cell.replace(/【待(?:补|核对)[^】]*】/g, '').trim() === '');

/** Up to this many rows, wrapping columns are widened where the table prints fewest lines (fewestLines). */
const FEWEST_LINES_ROWS = 200;

/**
 * Widens the wrapping columns, one character at a time, where the table then prints the fewest lines: a row is as
 * tall as its tallest cell, so a name that wraps beside a long 评分说明 costs nothing, while the long text's column
 * shortens every row it is the tallest in. Each step goes to the column that saves most lines per width it takes
 * (looking as far ahead as the room allows); once no widening saves a line, the rest goes by the texts' lengths.
 */
function fewestLines(
  rows: string[][],
  start: number[],
  full: number[],
  wraps: boolean[],
  room: number,
  size: number
): number[] {
  const widths = [...start];
  // A figure or a numbered marker (【待核对①】) is never broken: its column is whole first.
  for (let c = 0; c < widths.length; c++)
    if (wraps[c] && rows.every((r) => unbroken(r[c] ?? '')) && full[c] - widths[c] <= room) {
      room -= full[c] - widths[c];
      widths[c] = full[c];
    }
  const step = size * PT;
  // Each cell's lines of text by their width on one line, margins aside.
  const texts = rows.map((r) =>
    widths.map((_, c) => (r[c] ?? '').split('\n').map((line) => naturalWidth(line, size) - 260))
  );
  const linesAt = (row: number[][], w: number[]) =>
    Math.max(
      1,
      ...row.map((cell, c) =>
        cell.reduce((n, t) => n + Math.max(1, Math.ceil(t / Math.max(1, w[c] - 260))), 0)
      )
    );
  const printed = (w: number[]) => texts.reduce((n, row) => n + linesAt(row, w), 0);
  let now = printed(widths);
  // Long texts side by side (评分标准 beside 评分说明) shorten a row only together: they are tried as one as well.
  const long = widths.map((_, c) => wraps[c] && full[c] > 9 * size * PT + 260);
  const moves = [...widths.keys()].filter((c) => wraps[c]).map((c) => [c]);
  if (long.filter(Boolean).length > 1) moves.push([...widths.keys()].filter((c) => long[c]));
  for (;;) {
    let best: { trial: number[]; more: number; saved: number } | null = null;
    for (const cols of moves) {
      for (let k = 1; k * step * cols.length <= room; k++) {
        const trial = widths.map((w, c) => (cols.includes(c) ? Math.min(full[c], w + k * step) : w));
        const more = trial.reduce((a, w, c) => a + w - widths[c], 0);
        if (more === 0) break;
        const saved = now - printed(trial);
        if (saved > 0) {
          if (!best || saved / more > best.saved / best.more) best = { trial, more, saved };
          break;
        }
      }
    }
    if (!best) break;
    widths.splice(0, widths.length, ...best.trial);
    room -= best.more;
    now -= best.saved;
  }
  // What no line needs goes to the long texts (beyond about 9 characters) by what they still want: names are
  // read whole or wrapped alike, a long text reads better the fewer times it breaks.
  const want = widths.map((w, c) => (long[c] ? Math.max(0, full[c] - w) : 0));
  const wanted = want.reduce((a, b) => a + b, 0);
  if (wanted > 0) for (let c = 0; c < widths.length; c++) widths[c] += Math.floor((room * want[c]) / wanted);
  return widths;
}

/**
 * The size and widths of a table: the size at which headers stay whole and the fewest columns
 * wrap (小四 before 五号 when alike), else 五号 as it fits.
 */
export function tableLayout(
  header: string[],
  rows: string[][],
  total: number
): { size: number; widths: number[] } {
  let best: { size: number; widths: number[]; wrapped: number } | null = null;
  for (const size of TABLE_SIZES) {
    const widths = unbrokenWidths(header, rows, total, size);
    if (!widths) continue;
    const wrapped = header.filter(
      (h, c) =>
        widths[c] <
        Math.max(
          naturalWidth(h, size),
          ...rows.map((r) => (WORDY.test(r[c] ?? '') ? 0 : naturalWidth(r[c] ?? '', size)))
        )
    ).length;
    if (!best || wrapped < best.wrapped) best = { size, widths, wrapped };
  }
  return best ?? { size: SIZES.tableSmall, widths: columnWidths(header, rows, total) };
}

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
  const body = header.map((_, c) =>
    Math.max(2 * SIZES.table * PT + 260, ...rows.map((r) => naturalWidth(r[c] ?? '')))
  );
  const full = body.map((b, c) => Math.max(b, naturalWidth(header[c])));
  if (full.reduce((a, b) => a + b, 0) <= total) return spread(full, total);
  const need = body.map((b, c) =>
    Math.max(b, Math.min(naturalWidth(header[c]), naturalWidth(header[c].slice(0, 2))))
  );
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
  const widths = need.map((n, c) =>
    short[c] ? n : Math.max(WRAP_FROM, Math.floor((n / longNeed) * (total - fixedNow)))
  );
  return spread(widths, total);
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
  '<': '&lt;',
  '>': '&gt;',
};

/** Escapes text as docx does (control characters Word cannot hold are dropped). */
function xmlEscape(text: string): string {
  // eslint-disable-next-line no-control-regex -- the control characters XML 1.0 cannot hold, dropped as docx drops them
  return text.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => XML_ESCAPES[c] ?? '');
}

/** A table cell's run: body font at the table's size, placeholders highlighted (as runs() does). */
function tableRunsXml(text: string, bold: boolean, sizePt: number): string {
  const f = font('body');
  const size = Math.round(sizePt * 2);
  const props = (highlight: boolean) =>
    `<w:rPr><w:rFonts w:ascii="${f.ascii}" w:cs="${f.cs}" w:eastAsia="${f.eastAsia}" w:hAnsi="${f.hAnsi}"/>${bold ? '<w:b/><w:bCs/>' : '<w:b w:val="false"/><w:bCs w:val="false"/>'}<w:sz w:val="${size}"/><w:szCs w:val="${size}"/>${highlight ? '<w:highlight w:val="yellow"/>' : ''}</w:rPr>`;
  return text
    .split(PLACEHOLDER)
    .filter(Boolean)
    .map(
      (t) =>
        `<w:r>${props(PLACEHOLDER.test(t))}${t
          .split('\n')
          .map((line) => `<w:t xml:space="preserve">${xmlEscape(line)}</w:t>`)
          .join('<w:br/>')}</w:r>`
    )
    .join('');
}

const CELL_BORDERS = `<w:tcBorders>${['top', 'left', 'bottom', 'right'].map((side) => `<w:${side} w:val="single" w:color="000000" w:sz="4"/>`).join('')}</w:tcBorders>`;
const CELL_MARGINS =
  '<w:tcMar><w:top w:type="dxa" w:w="0"/><w:left w:type="dxa" w:w="80"/><w:bottom w:type="dxa" w:w="0"/><w:right w:type="dxa" w:w="80"/></w:tcMar>';
const TABLE_BORDERS = `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((side) => `<w:${side} w:val="single" w:color="auto" w:sz="4"/>`).join('')}</w:tblBorders>`;

type Align = 'center' | 'right' | 'left';

function cellXml(
  text: string,
  width: number,
  align: Align,
  bold: boolean,
  keepNext: boolean,
  size: number
): string {
  return (
    `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${width}"/>${CELL_BORDERS}${CELL_MARGINS}<w:vAlign w:val="center"/></w:tcPr>` +
    `<w:p><w:pPr>${keepNext ? '<w:keepNext/>' : '<w:keepNext w:val="false"/>'}<w:spacing w:line="${Math.round(size * 1.4 * PT)}" w:lineRule="atLeast"/><w:jc w:val="${align}"/></w:pPr>${tableRunsXml(text, bold, size)}</w:p></w:tc>`
  );
}

/** A column of figures (most of its filled cells are) is right-aligned whole, its placeholders with it. */
export function numericColumns(header: string[], rows: string[][]): boolean[] {
  return header.map((_, c) => {
    const filled = rows.map((r) => (r[c] ?? '').trim()).filter((t) => t && t !== '—');
    return filled.length > 0 && filled.filter(numberLike).length * 2 >= filled.length;
  });
}

/** A table of at most this many rows prints whole on one page (a page-1 score table is never cut in two). */
const WHOLE_TABLE_ROWS = 6;

/** Notes past this many may fill more than a page: their row may then break (a row never split cannot). */
const NOTES_KEPT_WHOLE = 10;

/**
 * A table's 【待核对①】 notes, as its last row: one borderless cell across the table, a paragraph a note. Inside
 * the table the rows before keep with them in Word and LibreOffice alike (LibreOffice keeps no table with the
 * paragraph after it), so the notes never stand alone on a page: its 合计 goes over with them.
 */
function notesRowXml(notes: string[], columns: number, total: number): string {
  const nil = ['top', 'left', 'bottom', 'right'].map((side) => `<w:${side} w:val="nil"/>`).join('');
  const line = Math.round(SIZES.table * 1.5 * PT);
  const paragraphs = notes.map(
    (n, i) =>
      `<w:p><w:pPr>${i < notes.length - 1 ? '<w:keepNext/>' : ''}<w:spacing w:line="${line}" w:lineRule="exact"/><w:jc w:val="left"/></w:pPr>${tableRunsXml(n, false, SIZES.table)}</w:p>`
  );
  const keep = notes.length <= NOTES_KEPT_WHOLE ? '<w:cantSplit/>' : '';
  return (
    `<w:tr><w:trPr>${keep}</w:trPr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${total}"/><w:gridSpan w:val="${columns}"/>` +
    `<w:tcBorders>${nil}</w:tcBorders>${CELL_MARGINS}</w:tcPr>${paragraphs.join('')}</w:tc></w:tr>`
  );
}

/**
 * A table that prints: header repeated on each page, rows never split, the header kept with the first row and
 * the last row (a 合计) kept with the one before it, so it never stands alone on a page; a short table kept
 * whole; its notes in a last row the last row keeps with. A row at a time.
 */
function* wordTableXml(
  header: string[],
  rows: string[][],
  total: number,
  notes: string[] = []
): Generator<string> {
  const { size, widths } = tableLayout(header, rows, total);
  const numeric = numericColumns(header, rows);
  yield `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${total}"/>${TABLE_BORDERS}</w:tblPr><w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;
  yield `<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>${header.map((h, c) => cellXml(h, widths[c], 'center', true, true, size)).join('')}</w:tr>`;
  for (let i = 0; i < rows.length; i++)
    yield `<w:tr><w:trPr><w:cantSplit/></w:trPr>${header
      .map((_, c) => {
        const text = rows[i][c] ?? '';
        const align: Align = numeric[c] || numberLike(text) ? 'right' : 'left';
        const keep =
          (rows.length <= WHOLE_TABLE_ROWS ? i < rows.length - 1 : i === 0 || i === rows.length - 2) ||
          (notes.length > 0 && i === rows.length - 1);
        return cellXml(text, widths[c], align, false, keep, size);
      })
      .join('')}</w:tr>`;
  if (notes.length) yield notesRowXml(notes, header.length, total);
  yield '</w:tbl>';
}

const TABLE_TOKEN = /<w:p><w:r><w:t xml:space="preserve">jixiao-table-(\d+)<\/w:t><\/w:r><\/w:p>/g;

/**
 * Tables wait outside the document while docx builds it: each is a bare paragraph holding a token,
 * which no text of ours can produce (our runs always carry properties), replaced while zipping.
 */
export class Tables {
  private readonly tables: Array<{
    header: string[];
    rows: string[][];
    total: number;
    notes: string[];
  }> = [];
  /** `notes`: the words of the table's 【待核对①】 markers, printed under its rows, with them. */
  place(header: string[], rows: string[][], total = TEXT_WIDTH, notes: string[] = []): Paragraph {
    this.tables.push({ header, rows, total, notes });
    return new Paragraph({ children: [new TextRun(`jixiao-table-${this.tables.length - 1}`)] });
  }
  /** document.xml in pieces, each token paragraph replaced by its table. */
  *fill(documentXml: string): Generator<string> {
    let at = 0;
    for (const m of documentXml.matchAll(TABLE_TOKEN)) {
      yield documentXml.slice(at, m.index);
      const t = this.tables[Number(m[1])];
      yield* wordTableXml(t.header, t.rows, t.total, t.notes);
      at = m.index + m[0].length;
    }
    yield documentXml.slice(at);
  }
}

/**
 * A raw DEFLATE of the host's, one chunk at a time: each call continues the stream, `final` ends it. Node's
 * zlib (native) does in a few milliseconds what fflate (JavaScript) takes tens for: a batch writes one
 * document per workbook.
 */
export type RawDeflate = (chunk: Uint8Array, final: boolean) => Uint8Array;

/** A zip entry deflated by the host's RawDeflate (fflate computes its CRC and size as it passes). */
class HostDeflate extends ZipPassThrough {
  constructor(
    filename: string,
    private readonly deflate: RawDeflate
  ) {
    super(filename);
    this.compression = 8;
  }
  protected process(chunk: Uint8Array<ArrayBuffer>, final: boolean): void {
    this.ondata(null, this.deflate(chunk, final) as Uint8Array<ArrayBuffer>, final);
  }
}

/** A part as the host's RawDeflate zipped it: its text, CRC, size and deflated bytes. */
interface DeflatedPart {
  text: string;
  crc: number;
  size: number;
  bytes: Uint8Array;
}

/**
 * The last text of each part path a host's RawDeflate zipped, per RawDeflate: most parts (styles, numbering,
 * theme, settings …) are the same in every document, and a batch writes one document per workbook.
 */
const deflatedParts = new WeakMap<RawDeflate, Map<string, DeflatedPart>>();
/** A part longer than this (a large comments part) is not kept after its document: the constant parts are a few KB. */
const KEPT_PART_CHARS = 64 * 1024;

/** A zip entry whose deflated bytes, CRC and size are known: what HostDeflate wrote for the same text. */
class Deflated extends ZipPassThrough {
  constructor(
    filename: string,
    private readonly part: DeflatedPart
  ) {
    super(filename);
    this.compression = 8;
  }
  push(): void {
    this.crc = this.part.crc;
    this.size = this.part.size;
    this.ondata(null, this.part.bytes as Uint8Array<ArrayBuffer>, true);
  }
}

/** A whole part's text through the host's RawDeflate, deflated once while its text stays the same. */
function addDeflated(zip: Zip, path: string, text: string, deflate: RawDeflate): void {
  let parts = deflatedParts.get(deflate);
  if (!parts) deflatedParts.set(deflate, (parts = new Map()));
  const known = parts.get(path);
  if (known?.text === text) {
    const file = new Deflated(path, known);
    zip.add(file);
    file.push();
    return;
  }
  const chunks: Uint8Array[] = [];
  const file = new HostDeflate(path, (chunk, final) => {
    const bytes = deflate(chunk, final);
    chunks.push(bytes);
    return bytes;
  });
  zip.add(file);
  file.push(strToU8(text), true);
  if (text.length > KEPT_PART_CHARS) parts.delete(path);
  else parts.set(path, { text, crc: file.crc, size: file.size, bytes: concat(chunks) });
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

/**
 * A zip of these files in this order, each deflated as it streams by (a large document.xml is never whole
 * in memory): by `deflate` when the host gives one, by fflate otherwise (the browser). A part given as one
 * string is whole: with the host's deflate, its bytes are reused while its text is the same.
 */
export function zipStreaming(
  files: Array<[path: string, data: string | Uint8Array | Iterable<string>]>,
  deflate?: RawDeflate
): Uint8Array {
  const out: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    out.push(chunk);
  });
  for (const [path, data] of files) {
    if (typeof data === 'string' && deflate) {
      addDeflated(zip, path, data, deflate);
      continue;
    }
    const file = deflate ? new HostDeflate(path, deflate) : new ZipDeflate(path, { level: 6 });
    zip.add(file);
    if (typeof data === 'string') file.push(strToU8(data), true);
    else if (data instanceof Uint8Array) file.push(data, true);
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
  return concat(out);
}
