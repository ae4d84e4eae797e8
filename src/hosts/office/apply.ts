/**
 * Applies a core Plan to the open workbook through office.js in a fixed number of syncs whatever its
 * size (at most 4; see {@link applyPlan}). Marks follow src/core/markState.ts: previous marks are
 * restored before new ones, so applying twice equals applying once, and 清除标记 restores each cell's
 * own fill ("no fill" included) and note. Nothing the user did by hand to a mark (deleting or editing
 * its note or comment) makes a run fail half-way: every note and comment is known before the write.
 */
import { a1 } from '../../catalogue/layout';
import { absolute, normaliseAddress, parseRange } from '../../core/address';
import { decodeState, encodeState, FillState, MARK_FILL, markedNote, MarkRecord, STATE_SHEET } from '../../core/markState';
import { CellStyle, STYLES } from '../../core/styles';
import type { CellMark, CellValue, Diagnostic, OutCell, Plan, Severity, SheetPlan } from '../../core/types';

export interface ApplyOptions {
  /** Cell notes need ExcelApi 1.18; detected with Office.context.requirements when not given. */
  notesSupported?: boolean;
  /** Threaded comments (the fallback) need ExcelApi 1.10; detected likewise when not given. */
  commentsSupported?: boolean;
  /** Page setup for printing (worksheet.pageLayout) needs ExcelApi 1.9; detected likewise when not given. */
  pageLayoutSupported?: boolean;
}

/** What a run could not do now (never fatal): marks kept for a later run, comments left because the user edited them. */
export interface ApplyReport {
  diagnostics: Diagnostic[];
}

function isSet(version: string): boolean {
  try {
    return typeof Office !== 'undefined' && Office.context.requirements.isSetSupported('ExcelApi', version);
  } catch {
    return false;
  }
}

interface Capabilities {
  notes: boolean;
  comments: boolean;
  pageLayout: boolean;
  /** RangeFill.pattern and tintAndShade (ExcelApi 1.9): without them only the colour can be read. */
  fillPattern: boolean;
}

function capabilities(o: ApplyOptions): Capabilities {
  return {
    notes: o.notesSupported ?? isSet('1.18'),
    comments: o.commentsSupported ?? isSet('1.10'),
    pageLayout: o.pageLayoutSupported ?? isSet('1.9'),
    fillPattern: isSet('1.9'),
  };
}

// ------------------------------------------------------------------ the mark state, Office flavour

/**
 * How Jixiao's message is attached to a marked cell. A comment is known by its id (and the text we
 * wrote, to tell whether the user edited it); states written before ids were recorded carry the text only.
 */
type Via = { via: 'note' } | { via: 'comment'; text: string; id?: string } | { via: 'none' };

/**
 * A MarkRecord plus how the message was attached. The extra column is ignored by decodeState, so the
 * file host still reads the state (its own records carry no column: they are notes).
 */
interface OfficeRecord extends MarkRecord {
  how: Via;
}

const VIA_HEADER = 'via';

function parseVia(raw: CellValue | undefined): Via {
  if (typeof raw !== 'string' || !raw) return { via: 'note' };
  try {
    const v = JSON.parse(raw) as Partial<{ via: string; text: unknown; id: unknown }>;
    if (v.via === 'none') return { via: 'none' };
    if (v.via === 'comment' && typeof v.text === 'string') return { via: 'comment', text: v.text, ...(typeof v.id === 'string' && v.id ? { id: v.id } : {}) };
  } catch {
    // An unreadable cell is treated like the file host's records: a note.
  }
  return { via: 'note' };
}

function decodeOfficeState(values: CellValue[][] | undefined): OfficeRecord[] {
  const records = decodeState(values);
  const rows = (values ?? []).slice(1).filter((row) => row[0] !== null && row[0] !== '');
  return records.map((r, i) => ({ ...r, how: parseVia(rows[i]?.[4]) }));
}

function encodeOfficeState(records: OfficeRecord[]): CellValue[][] {
  const rows = encodeState(records);
  return rows.map((row, i) => [...row, i === 0 ? VIA_HEADER : JSON.stringify(records[i - 1].how)]);
}

// ------------------------------------------------------------------ what a run reports

/** Cells a notice concerns: `基本情况!B5`, or `基本情况!B5 等 3 个单元格`. */
const cellsText = (first: string, count: number) => (count > 1 ? `${first} 等 ${count} 个单元格` : first);

/** Everything a run may report about marks, declared once: code → Chinese message. */
const MARK_NOTICES = {
  'mark-note-unsupported': (at: string) =>
    `${at}的标记说明是以“注释”添加的，当前 Excel 不支持注释（需要 ExcelApi 1.18），暂时无法更新或清除；已保留记录，请在支持注释的 Excel（如 Microsoft 365）中再点“清除标记”`,
  'mark-comment-unsupported': (at: string) =>
    `${at}的标记说明是以“批注”添加的，当前 Excel 不支持批注（需要 ExcelApi 1.10），暂时无法更新或清除；已保留记录，请在支持批注的 Excel 中再点“清除标记”`,
  'mark-comment-edited': (at: string) => `${at}上绩效自评助手添加的批注已被修改，为免删除您写的内容，已保留该批注，请自行处理`,
} as const;

type NoticeCode = keyof typeof MARK_NOTICES;

/** Collects notices per code, so a thousand kept marks make one message, not a thousand. */
class Notices {
  private readonly cells = new Map<NoticeCode, string[]>();
  add(code: NoticeCode, address: string): void {
    this.cells.set(code, [...(this.cells.get(code) ?? []), address]);
  }
  list(): Diagnostic[] {
    return [...this.cells].map(([code, cells]) => ({ code, severity: '提示', message: MARK_NOTICES[code](cellsText(cells[0], cells.length)), address: cells[0] }));
  }
}

const UNSUPPORTED: Record<'note' | 'comment', NoticeCode> = { note: 'mark-note-unsupported', comment: 'mark-comment-unsupported' };

// ------------------------------------------------------------------ small helpers

interface Place {
  sheet: string;
  cell: string;
}

function place(address: string): Place | null {
  const r = parseRange(address);
  return r ? { sheet: r.sheet, cell: a1(r.top, r.left) } : null;
}

/** The fill properties a cell's own fill is read from: pattern and tintAndShade only where they exist. */
const fillProps = (can: Capabilities) => (can.fillPattern ? 'color,tintAndShade,pattern' : 'color');

/**
 * office.js does not tell "no fill" from white by colour (office-js #4900): tintAndShade is null for
 * no fill. Before ExcelApi 1.9 only the colour is known, so white is taken for "no fill", which looks the same.
 */
function fillState(fill: Excel.RangeFill, can: Capabilities): FillState {
  if (!can.fillPattern) return fill.color.toUpperCase() === '#FFFFFF' ? { kind: 'none' } : { kind: 'solid', color: fill.color };
  const pattern = fill.pattern as string | null;
  if (fill.tintAndShade === null || pattern === 'None') return { kind: 'none' };
  if (!pattern || pattern === 'Solid') return { kind: 'solid', color: fill.color };
  return { kind: 'other', raw: JSON.stringify({ color: fill.color, pattern }) };
}

function restoreFill(range: Excel.Range, fill: FillState, can: Capabilities): void {
  if (fill.kind === 'none') range.format.fill.clear();
  else if (fill.kind === 'solid') range.format.fill.color = fill.color;
  else {
    const { color, pattern } = JSON.parse(fill.raw) as { color: string; pattern: Excel.RangeFill['pattern'] };
    range.format.fill.color = color;
    // A pattern recorded by a newer Excel: an older one can bring back its colour only.
    if (can.fillPattern) range.format.fill.pattern = pattern;
  }
}

interface MergedMark {
  address: string;
  place: Place;
  severity: Severity;
  message: string;
}

/** Several findings on one cell make one mark: the worse severity, every message once. */
function mergeMarks(marks: CellMark[]): MergedMark[] {
  const out = new Map<string, MergedMark>();
  for (const m of marks) {
    const address = normaliseAddress(m.address);
    const p = address ? place(address) : null;
    if (!address || !p) continue;
    const prev = out.get(address);
    if (!prev) out.set(address, { address, place: p, severity: m.severity, message: m.note });
    else {
      if (m.severity === '错误') prev.severity = '错误';
      if (!prev.message.split('\n').includes(m.note)) prev.message += `\n${m.note}`;
    }
  }
  return [...out.values()];
}

// ------------------------------------------------------------------ output sheets

/** Excel column width in points for a width in characters (7 px per character + 5 px padding, 0.75 pt/px). */
function widthPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

const ALIGN: Record<NonNullable<CellStyle['align']>, Excel.RangeFormat['horizontalAlignment']> = {
  left: 'Left',
  center: 'Center',
  right: 'Right',
};

function applyStyle(range: Excel.Range, style: CellStyle, rows: number, cols: number): void {
  const f = range.format;
  if (style.font) f.font.name = style.font;
  if (style.bold) f.font.bold = true;
  if (style.size) f.font.size = style.size;
  if (style.color) f.font.color = style.color;
  if (style.underline) f.font.underline = 'Single';
  if (style.fill) f.fill.color = style.fill;
  if (style.wrap) f.wrapText = true;
  if (style.align) f.horizontalAlignment = ALIGN[style.align];
  if (style.border) {
    const edges: Array<Parameters<Excel.RangeBorderCollection['getItem']>[0]> = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
    if (rows > 1) edges.push('InsideHorizontal');
    if (cols > 1) edges.push('InsideVertical');
    for (const e of edges) f.borders.getItem(e).style = 'Continuous';
    if (style.outline)
      for (const e of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const) {
        f.borders.getItem(e).weight = 'Medium';
        f.borders.getItem(e).color = style.outline;
      }
  }
}

function formulaOf(cell: OutCell | null): string | number | boolean {
  if (!cell) return '';
  if (cell.formula !== undefined) return cell.formula.startsWith('=') ? cell.formula : `=${cell.formula}`;
  return cell.value ?? '';
}

/** Strings are written into text-formatted cells, so `=SUM(A1)` or `-` stays text (never a formula). */
function numberFormatOf(cell: OutCell | null): string {
  if (!cell) return 'General';
  if (cell.formula === undefined && typeof cell.value === 'string') return '@';
  return cell.numFmt ?? (cell.style ? STYLES[cell.style].numFmt : undefined) ?? 'General';
}

function quotedRef(address: string): string {
  const r = parseRange(address);
  if (!r) return address;
  const start = a1(r.top, r.left);
  const end = a1(r.bottom, r.right);
  return `'${r.sheet.replace(/'/g, "''")}'!${start === end ? start : `${start}:${end}`}`;
}

const VISIBILITY: Record<NonNullable<SheetPlan['visibility']>, Excel.Worksheet['visibility']> = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' };

/**
 * Empties an existing output sheet in place, so formulas in the user's sheets that refer to it
 * (`=评分表!I5`) keep referring to it; deleting and re-adding the sheet would turn them into #REF!.
 */
function resetSheet(ws: Excel.Worksheet, charts: Excel.ChartCollection): void {
  for (const chart of charts.items) chart.delete();
  ws.freezePanes.unfreeze();
  ws.getRange().unmerge();
  ws.getUsedRange().clear('All');
  const whole = ws.getRange();
  whole.format.useStandardWidth = true;
  whole.format.useStandardHeight = true;
}

/** Accountants print these: A4, one page wide (as many pages tall as needed), landscape when the sheet is wide. Same as the file host. */
function setUpPage(ws: Excel.Worksheet, sp: SheetPlan): void {
  const width = (sp.columnWidths ?? []).reduce((a, b) => a + b, 0);
  const page = ws.pageLayout;
  page.paperSize = 'A4';
  page.orientation = (sp.orientation ?? (width > 110 ? 'landscape' : 'portrait')) === 'landscape' ? 'Landscape' : 'Portrait';
  page.zoom = { horizontalFitToPages: 1, verticalFitToPages: sp.pagesTall ?? 0 };
  if (sp.printTitleRows) page.setPrintTitleRows(`$1:$${sp.printTitleRows}`);
}

function writeSheet(ws: Excel.Worksheet, sp: SheetPlan, can: Capabilities): void {
  if (can.pageLayout) setUpPage(ws, sp);
  const height = sp.rows.length;
  const width = Math.max(0, ...sp.rows.map((r) => r.length));
  if (height > 0 && width > 0) {
    const grid = sp.rows.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? null));
    const all = ws.getRangeByIndexes(0, 0, height, width);
    all.numberFormat = grid.map((row) => row.map(numberFormatOf));
    all.formulas = grid.map((row) => row.map(formulaOf));
    // One format call per run of same-styled cells in a row.
    grid.forEach((row, r) => {
      let c = 0;
      while (c < width) {
        const style = row[c]?.style;
        let end = c + 1;
        while (end < width && style && row[end]?.style === style) end++;
        if (style) applyStyle(ws.getRangeByIndexes(r, c, 1, end - c), STYLES[style], 1, end - c);
        c = end;
      }
      row.forEach((cell, col) => {
        if (!cell?.link) return;
        ws.getRangeByIndexes(r, col, 1, 1).hyperlink = {
          documentReference: quotedRef(cell.link),
          textToDisplay: String(cell.value ?? cell.link),
        };
      });
    });
  }
  for (const m of sp.merges ?? []) ws.getRange(m).merge(false);
  (sp.columnWidths ?? []).forEach((w, i) => (ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = widthPoints(w)));
  for (const [row, h] of Object.entries(sp.rowHeights ?? {})) ws.getRangeByIndexes(Number(row), 0, 1, 1).format.rowHeight = h;
  if (sp.freezeRows) ws.freezePanes.freezeRows(sp.freezeRows);
  if (sp.chart) {
    const parts = [sp.chart.categories, ...sp.chart.series.map((s) => s.range)].map((a) => parseRange(`${sp.name}!${a}`)!).filter(Boolean);
    const box = {
      top: Math.min(...parts.map((p) => p.top)),
      left: Math.min(...parts.map((p) => p.left)),
      bottom: Math.max(...parts.map((p) => p.bottom)),
      right: Math.max(...parts.map((p) => p.right)),
    };
    const chart = ws.charts.add('ColumnClustered', ws.getRange(`${a1(box.top, box.left)}:${a1(box.bottom, box.right)}`), 'Columns');
    chart.title.text = sp.chart.title;
    chart.setPosition(sp.chart.anchor);
  }
  if (sp.visibility && sp.visibility !== 'visible') ws.visibility = VISIBILITY[sp.visibility];
}

// ------------------------------------------------------------------ shared reading of the state

interface Listing {
  sheets: Map<string, Excel.Worksheet>;
  bookNames: Set<string>;
  /** Every threaded comment (id, content), when comments are supported. */
  comments: Excel.CommentCollection | null;
}

/** Sync 1 of both operations: which sheets, names and comments exist. */
async function list(context: Excel.RequestContext, withComments: boolean): Promise<Listing> {
  const sheets = context.workbook.worksheets.load('items/name');
  const names = context.workbook.names.load('items/name');
  const comments = withComments ? context.workbook.comments.load('items/id,items/content') : null;
  await context.sync();
  return {
    sheets: new Map(sheets.items.map((ws) => [ws.name.toLowerCase(), ws])),
    bookNames: new Set(names.items.map((n) => n.name.toLowerCase())),
    comments,
  };
}

interface LocatedComment {
  comment: Excel.Comment;
  range: Excel.Range;
}

/** Queues each comment's cell address (read with the next sync). */
function locateComments(listing: Listing): LocatedComment[] {
  return (listing.comments?.items ?? []).map((comment) => ({ comment, range: comment.getLocation().load('address') }));
}

/** The workbook's comments by id and, once located, by cell. */
interface CommentIndex {
  byId: Map<string, Excel.Comment>;
  byCell: Map<string, Excel.Comment>;
}

function indexComments(listing: Listing, located: LocatedComment[]): CommentIndex {
  return {
    byId: new Map((listing.comments?.items ?? []).map((c) => [c.id, c])),
    byCell: new Map(located.map((l) => [normaliseAddress(l.range.address) ?? l.range.address, l.comment])),
  };
}

type CommentVia = Extract<Via, { via: 'comment' }>;

/**
 * What became of the comment a record says Jixiao wrote: still ours (same text), edited by the user
 * (leave it), or gone (deleted by hand). Known by id; records from before ids by cell and text.
 */
function ourComment(address: string, how: CommentVia, comments: CommentIndex): { fate: 'ours'; comment: Excel.Comment } | { fate: 'edited' | 'gone' } {
  const c = how.id ? comments.byId.get(how.id) : comments.byCell.get(address);
  if (!c) return { fate: 'gone' };
  return c.content === how.text ? { fate: 'ours', comment: c } : { fate: 'edited' };
}

function readStateRange(context: Excel.RequestContext, listing: Listing): Excel.Range | null {
  return listing.sheets.has(STATE_SHEET.toLowerCase()) ? context.workbook.worksheets.getItem(STATE_SHEET).getUsedRange(true).load('values') : null;
}

/** Queues a read of each note-carrying record's note as it is now: the user may have deleted it. */
function readNotes(context: Excel.RequestContext, records: OfficeRecord[], can: Capabilities): Map<string, Excel.Note> {
  const out = new Map<string, Excel.Note>();
  if (!can.notes) return out;
  for (const rec of records) {
    const p = place(rec.address);
    if (rec.how.via !== 'note' || !p) continue;
    out.set(rec.address, context.workbook.worksheets.getItem(p.sheet).notes.getItemOrNullObject(p.cell).load('content'));
  }
  return out;
}

/** Whether this run can take off the message a record attached. */
function canUndo(how: Via, can: Capabilities): boolean {
  return how.via === 'none' || (how.via === 'note' ? can.notes : can.comments);
}

/** Deletes Jixiao's comment of a record if it is still as we wrote it (queued). */
function dropComment(address: string, how: CommentVia, comments: CommentIndex, notices: Notices): void {
  const found = ourComment(address, how, comments);
  if (found.fate === 'ours') found.comment.delete();
  else if (found.fate === 'edited') notices.add('mark-comment-edited', address);
}

/**
 * Restores one recorded cell (queued, no sync): its own fill, and its note or our comment taken off
 * the way it was put on. Returns false when that cannot be done in this Excel, so the record is kept.
 */
function restoreCell(
  context: Excel.RequestContext,
  rec: OfficeRecord,
  can: Capabilities,
  notes: Map<string, Excel.Note>,
  comments: CommentIndex,
  notices: Notices,
): boolean {
  const p = place(rec.address);
  if (!p) return true;
  const ws = context.workbook.worksheets.getItem(p.sheet);
  restoreFill(ws.getRange(p.cell), rec.fill, can);
  if (rec.how.via === 'none') return true;
  if (!canUndo(rec.how, can)) {
    notices.add(UNSUPPORTED[rec.how.via], rec.address);
    return false;
  }
  if (rec.how.via === 'comment') {
    dropComment(rec.address, rec.how, comments, notices);
    return true;
  }
  const note = notes.get(rec.address)!;
  // Deleted by hand: the user's own note (if any) comes back, as the file host does.
  if (note.isNullObject) {
    if (rec.note !== null) ws.notes.add(ws.getRange(p.cell), rec.note);
  } else if (rec.note === null) note.delete();
  else note.content = rec.note;
  return true;
}

function writeState(context: Excel.RequestContext, listing: Listing, records: OfficeRecord[]): void {
  const exists = listing.sheets.get(STATE_SHEET.toLowerCase());
  if (!exists && records.length === 0) return;
  const ws = exists ? context.workbook.worksheets.getItem(STATE_SHEET) : context.workbook.worksheets.add(STATE_SHEET);
  if (exists) ws.getRange().clear('Contents');
  else ws.visibility = 'VeryHidden';
  if (records.length === 0) return;
  const rows = encodeOfficeState(records);
  const range = ws.getRangeByIndexes(0, 0, rows.length, rows[0].length);
  range.numberFormat = rows.map((row) => row.map(() => '@'));
  range.values = rows.map((row) => row.map((v) => (v === null ? '' : (v as string))));
}

// ------------------------------------------------------------------ apply and clear

interface MarkReads {
  fill: Excel.RangeFill;
  note: Excel.Note | null;
}

/**
 * Marks one cell (queued): mark fill, and the message as a note, else as a comment. A cell still
 * carrying an old mark keeps its recorded original (not the mark) as what 清除标记 brings back, and
 * the old message is taken off the way it was put on when this run attaches it another way.
 */
function markCell(
  context: Excel.RequestContext,
  m: MergedMark,
  prev: OfficeRecord | undefined,
  reads: MarkReads,
  added: Excel.Comment | undefined,
  can: Capabilities,
  comments: CommentIndex,
  notices: Notices,
): OfficeRecord {
  const ws = context.workbook.worksheets.getItem(m.place.sheet);
  const range = ws.getRange(m.place.cell);
  range.format.fill.color = MARK_FILL[m.severity];
  const fill = prev ? prev.fill : fillState(reads.fill, can);
  const record = (note: string | null, how: Via): OfficeRecord => ({ address: m.address, fill, note, severity: m.severity, how });

  // Its old message cannot be touched in this Excel: keep it as it is (and say so).
  if (prev && !canUndo(prev.how, can)) {
    notices.add(UNSUPPORTED[prev.how.via as 'note' | 'comment'], m.address);
    return record(prev.note, prev.how);
  }
  if (can.notes) {
    if (prev?.how.via === 'comment') dropComment(m.address, prev.how, comments, notices);
    const current = reads.note!;
    const own = prev?.how.via === 'note' ? prev.note : current.isNullObject ? null : current.content;
    const text = markedNote(own, m.message);
    if (current.isNullObject) ws.notes.add(range, text);
    else current.content = text;
    return record(own, { via: 'note' });
  }
  if (can.comments) {
    const text = markedNote(null, m.message);
    if (prev?.how.via === 'comment') {
      const found = ourComment(m.address, prev.how, comments);
      if (found.fate === 'ours') {
        found.comment.content = text;
        return record(null, { via: 'comment', text, id: found.comment.id });
      }
      if (found.fate === 'edited') notices.add('mark-comment-edited', m.address);
    }
    // Added in the read sync, its id loaded: the user's own comment on the cell is never touched.
    if (added) return record(null, { via: 'comment', text, id: added.id });
  }
  return record(null, { via: 'none' });
}

/**
 * Syncs: (1) sheets, names, comments; (2) the mark state, each cell-to-mark's fill and note, comment
 * cells, charts of output sheets; (3) only when needed: the notes of recorded cells to restore, and
 * new comments added with their ids; (4) the write. 3 or 4 whatever the number of marks or rows.
 */
export async function applyPlan(context: Excel.RequestContext, plan: Plan, options: ApplyOptions = {}): Promise<ApplyReport> {
  const can = capabilities(options);
  const useComments = !can.notes && can.comments;
  const wb = context.workbook;

  // Sync 1: what exists.
  const listing = await list(context, can.comments);
  const exists = (sheet: string) => listing.sheets.has(sheet.toLowerCase());
  const rewritten = new Set(plan.sheets.filter((s) => exists(s.name) && s.onExisting !== 'keep').map((s) => s.name.toLowerCase()));
  const markable = (p: Place) => exists(p.sheet) && !rewritten.has(p.sheet.toLowerCase());
  const marks = mergeMarks(plan.marks).filter((m) => markable(m.place));

  // Sync 2: the state, each cell's own fill and note as it is now, where comments are, old charts.
  const stateRange = readStateRange(context, listing);
  const reads = new Map<string, MarkReads>(
    marks.map((m) => {
      const ws = wb.worksheets.getItem(m.place.sheet);
      const fill = ws.getRange(m.place.cell).format.fill.load(fillProps(can));
      const note = can.notes ? ws.notes.getItemOrNullObject(m.place.cell).load('content') : null;
      return [m.address, { fill, note }];
    }),
  );
  const located = useComments || stateRange ? locateComments(listing) : [];
  const charts = new Map([...rewritten].map((key) => [key, listing.sheets.get(key)!.charts.load('items/name')]));
  await context.sync();

  const previous = decodeOfficeState(stateRange?.values as CellValue[][] | undefined);
  const previousAt = new Map(previous.map((r) => [r.address, r]));
  const comments = indexComments(listing, located);
  const marked = new Set(marks.map((m) => m.address));
  const restoring = previous.filter((rec) => {
    const p = place(rec.address);
    return !marked.has(rec.address) && p !== null && markable(p);
  });

  // Sync 3, only when needed: notes of cells to restore; comments on marked cells that have none
  // (unless the cell keeps an old note this Excel cannot touch).
  const notes = readNotes(context, restoring, can);
  const needsComment = (m: MergedMark) => {
    const prev = previousAt.get(m.address);
    return !comments.byCell.has(m.address) && (!prev || canUndo(prev.how, can));
  };
  const added = new Map(
    (useComments ? marks.filter(needsComment) : []).map((m) => [
      m.address,
      wb.comments.add(wb.worksheets.getItem(m.place.sheet).getRange(m.place.cell), markedNote(null, m.message)).load('id'),
    ]),
  );
  if (notes.size > 0 || added.size > 0) await context.sync();

  // Sync 4: write. Output sheets first (existing ones emptied in place, so references to them
  // survive), then names, marks, state.
  for (const sp of plan.sheets) {
    const key = sp.name.toLowerCase();
    if (exists(sp.name) && sp.onExisting === 'keep') continue;
    if (!exists(sp.name)) {
      writeSheet(wb.worksheets.add(sp.name), sp, can);
      continue;
    }
    const ws = listing.sheets.get(key)!;
    resetSheet(ws, charts.get(key)!);
    ws.visibility = VISIBILITY[sp.visibility ?? 'visible'];
    writeSheet(ws, sp, can);
  }
  for (const n of plan.names ?? []) {
    if (listing.bookNames.has(n.name.toLowerCase())) wb.names.getItem(n.name).delete();
    wb.names.add(n.name, `=${absolute(n.address)}`, n.comment);
  }

  const notices = new Notices();
  const next: OfficeRecord[] = [];
  for (const rec of restoring) if (!restoreCell(context, rec, can, notes, comments, notices)) next.push(rec);
  for (const m of marks) next.push(markCell(context, m, previousAt.get(m.address), reads.get(m.address)!, added.get(m.address), can, comments, notices));
  writeState(context, listing, next);
  if (plan.activate) wb.worksheets.getItem(plan.activate).activate();
  await context.sync();
  return { diagnostics: notices.list() };
}

/**
 * Restores every recorded cell's own fill and note, takes off Jixiao's comments, and empties the state
 * sheet; records this Excel cannot undo stay (reported). Values are never touched. Syncs: (1) sheets
 * and comments; (2) the state; (3) only when needed: the recorded cells' notes and, for states from
 * before comment ids, comment cells; (4) the write.
 */
export async function clearMarks(context: Excel.RequestContext, options: ApplyOptions = {}): Promise<ApplyReport> {
  const can = capabilities(options);
  const listing = await list(context, can.comments);
  const stateRange = readStateRange(context, listing);
  if (!stateRange) return { diagnostics: [] };
  await context.sync();

  const records = decodeOfficeState(stateRange.values as CellValue[][]).filter((rec) => {
    const p = place(rec.address);
    return p !== null && listing.sheets.has(p.sheet.toLowerCase());
  });
  const notes = readNotes(context, records, can);
  const located = records.some((r) => r.how.via === 'comment' && !r.how.id) ? locateComments(listing) : [];
  if (notes.size > 0 || located.length > 0) await context.sync();

  const comments = indexComments(listing, located);
  const notices = new Notices();
  const kept = records.filter((rec) => !restoreCell(context, rec, can, notes, comments, notices));
  writeState(context, listing, kept);
  await context.sync();
  return { diagnostics: notices.list() };
}
