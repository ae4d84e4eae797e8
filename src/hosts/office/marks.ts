/**
 * Marks on the user's input cells, through office.js: the mark state (which cells, their own fill and
 * note, how the message was attached), reading it back, marking a cell, and restoring it. Everything
 * here only queues work; apply.ts decides when to sync.
 */
import { a1 } from '../../catalogue/layout';
import { normaliseAddress, parseRange } from '../../core/address';
import { mergeMarks } from '../../core/hostDecisions';
import { decodeState, encodeState, FillState, MARK_FILL, markedNote, MarkRecord, STATE_SHEET } from '../../core/markState';
import type { CellMark, CellValue, Diagnostic, Severity } from '../../core/types';
import { forAreas } from './areas';
import type { Capabilities } from './capabilities';

// ------------------------------------------------------------------ the mark state, Office flavour

/**
 * How Jixiao's message is attached to a marked cell. A comment is known by its id (and the text we
 * wrote, as a digest, to tell whether the user edited it); states written before ids were recorded carry the text only.
 */
export type Via = { via: 'note' } | { via: 'comment'; digest: string; id?: string } | { via: 'none' };

/**
 * A comment's text as the state keeps it: a short digest (FNV-1a over UTF-16 units, with the length)
 * instead of the text itself, which the request would otherwise carry twice more for every mark.
 * Enough to tell whether the user edited the comment.
 */
export function textDigest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${text.length}:${h.toString(16)}`;
}

/**
 * A MarkRecord plus how the message was attached. The extra column is ignored by decodeState, so the
 * file host still reads the state (its own records carry no column: they are notes).
 */
export interface OfficeRecord extends MarkRecord {
  how: Via;
}

const VIA_HEADER = 'via';

function parseVia(raw: CellValue | undefined): Via {
  if (typeof raw !== 'string' || !raw) return { via: 'note' };
  try {
    const v = JSON.parse(raw) as Partial<{ via: string; text: unknown; digest: unknown; id: unknown }>;
    if (v.via === 'none') return { via: 'none' };
    // States written before digests carry the text.
    const digest = typeof v.digest === 'string' ? v.digest : typeof v.text === 'string' ? textDigest(v.text) : null;
    if (v.via === 'comment' && digest) return { via: 'comment', digest, ...(typeof v.id === 'string' && v.id ? { id: v.id } : {}) };
  } catch {
    // An unreadable cell is treated like the file host's records: a note.
  }
  return { via: 'note' };
}

export function decodeOfficeState(values: CellValue[][] | undefined): OfficeRecord[] {
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
  'mark-comment-refused': (at: string) =>
    `${at}上 Excel 拒绝添加批注（单元格可能已有注释，一个单元格不能同时有注释和批注），这些单元格只加了底色，问题说明请看“问题清单”`,
  'mark-cell-has-comment': (at: string) =>
    `${at}已有批注；Excel 的一个单元格不能同时有注释和批注，这些单元格只加了底色，问题说明请看“问题清单”`,
} as const;

type NoticeCode = keyof typeof MARK_NOTICES;

/** Collects notices per code, so a thousand kept marks make one message, not a thousand. */
export class Notices {
  private readonly cells = new Map<NoticeCode, string[]>();
  add(code: NoticeCode, address: string): void {
    this.cells.set(code, [...(this.cells.get(code) ?? []), address]);
  }
  list(): Diagnostic[] {
    return [...this.cells].map(([code, cells]) => ({ code, severity: '提示', message: MARK_NOTICES[code](cellsText(cells[0], cells.length)), address: cells[0] }));
  }
}

export const UNSUPPORTED: Record<'note' | 'comment', NoticeCode> = { note: 'mark-note-unsupported', comment: 'mark-comment-unsupported' };

// ------------------------------------------------------------------ small helpers

const sheetCache = new WeakMap<Excel.RequestContext, Map<string, Excel.Worksheet>>();

/** The worksheet proxy of a marked cell's sheet, one per run: each new proxy is another object path in the request. */
export function sheetOf(context: Excel.RequestContext, name: string): Excel.Worksheet {
  const known = sheetCache.get(context) ?? new Map<string, Excel.Worksheet>();
  sheetCache.set(context, known);
  const ws = known.get(name) ?? context.workbook.worksheets.getItem(name);
  known.set(name, ws);
  return ws;
}

export interface Place {
  sheet: string;
  cell: string;
}

export function place(address: string): Place | null {
  const r = parseRange(address);
  return r ? { sheet: r.sheet, cell: a1(r.top, r.left) } : null;
}

/** The fill properties a cell's own fill is read from: pattern and tintAndShade only where they exist. */
export const fillProps = (can: Capabilities) => (can.fillPattern ? 'color,tintAndShade,pattern' : 'color');

/**
 * office.js does not tell "no fill" from white by colour (office-js #4900): tintAndShade is null for
 * no fill. Before ExcelApi 1.9 only the colour is known, so white is taken for "no fill", which looks the same.
 */
export function fillState(fill: Excel.RangeFill, can: Capabilities): FillState {
  if (!can.fillPattern) return fill.color.toUpperCase() === '#FFFFFF' ? { kind: 'none' } : { kind: 'solid', color: fill.color };
  const pattern = fill.pattern as string | null;
  if (fill.tintAndShade === null || pattern === 'None') return { kind: 'none' };
  if (!pattern || pattern === 'Solid') return { kind: 'solid', color: fill.color };
  return { kind: 'other', raw: JSON.stringify({ color: fill.color, pattern }) };
}

export function restoreFill(range: Excel.Range, fill: FillState, can: Capabilities): void {
  if (fill.kind === 'none') range.format.fill.clear();
  else if (fill.kind === 'solid') range.format.fill.color = fill.color;
  else {
    const { color, pattern } = JSON.parse(fill.raw) as { color: string; pattern: Excel.RangeFill['pattern'] };
    range.format.fill.color = color;
    // A pattern recorded by a newer Excel: an older one can bring back its colour only.
    if (can.fillPattern) range.format.fill.pattern = pattern;
  }
}

export interface MergedMark {
  address: string;
  place: Place;
  severity: Severity;
  message: string;
}

/** The core's one mark per cell (see hostDecisions.mergeMarks), placed on its sheet. */
export function officeMarks(marks: CellMark[]): MergedMark[] {
  return mergeMarks(marks).flatMap((m) => {
    const p = place(m.address);
    return p ? [{ address: m.address, place: p, severity: m.severity, message: m.note }] : [];
  });
}

// ------------------------------------------------------------------ shared reading of the state

export interface Listing {
  sheets: Map<string, Excel.Worksheet>;
  bookNames: Set<string>;
  /** Every threaded comment (id, content), when comments are supported. */
  comments: Excel.CommentCollection | null;
}

/** Sync 1 of both operations: which sheets, names and comments exist. */
export async function list(context: Excel.RequestContext, withComments: boolean): Promise<Listing> {
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
export function locateComments(listing: Listing): LocatedComment[] {
  return (listing.comments?.items ?? []).map((comment) => ({ comment, range: comment.getLocation().load('address') }));
}

/** The workbook's comments by id and, once located, by cell. */
export interface CommentIndex {
  byId: Map<string, Excel.Comment>;
  byCell: Map<string, Excel.Comment>;
}

export function indexComments(listing: Listing, located: LocatedComment[]): CommentIndex {
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
  return textDigest(c.content) === how.digest ? { fate: 'ours', comment: c } : { fate: 'edited' };
}

export function readStateRange(context: Excel.RequestContext, listing: Listing): Excel.Range | null {
  return listing.sheets.has(STATE_SHEET.toLowerCase()) ? context.workbook.worksheets.getItem(STATE_SHEET).getUsedRange(true).load('values') : null;
}

/** Queues a read of each note-carrying record's note as it is now: the user may have deleted it. */
export function readNotes(context: Excel.RequestContext, records: OfficeRecord[], can: Capabilities): Map<string, Excel.Note> {
  const out = new Map<string, Excel.Note>();
  if (!can.notes) return out;
  for (const rec of records) {
    const p = place(rec.address);
    if (rec.how.via !== 'note' || !p) continue;
    out.set(rec.address, sheetOf(context, p.sheet).notes.getItemOrNullObject(p.cell).load('content'));
  }
  return out;
}

/** Whether this run can take off the message a record attached. */
export function canUndo(how: Via, can: Capabilities): boolean {
  return how.via === 'none' || (how.via === 'note' ? can.notes : can.comments);
}

/** Deletes Jixiao's comment of a record if it is still as we wrote it (queued). */
function dropComment(address: string, how: CommentVia, comments: CommentIndex, notices: Notices): void {
  const found = ourComment(address, how, comments);
  if (found.fate === 'ours') found.comment.delete();
  else if (found.fate === 'edited') notices.add('mark-comment-edited', address);
}

/**
 * Brings back each recorded cell's own fill (queued): cells of equal fill in one call per sheet, a
 * fill recorded as something other than plain colour or none cell by cell.
 */
export function restoreFills(context: Excel.RequestContext, records: OfficeRecord[], can: Capabilities): void {
  const groups = new Map<string, { sheet: string; fill: FillState; cells: string[] }>();
  for (const rec of records) {
    const p = place(rec.address);
    if (!p) continue;
    if (rec.fill.kind === 'other') {
      restoreFill(sheetOf(context, p.sheet).getRange(p.cell), rec.fill, can);
      continue;
    }
    const id = `${p.sheet}\u0000${JSON.stringify(rec.fill)}`;
    const g = groups.get(id) ?? { sheet: p.sheet, fill: rec.fill, cells: [] };
    g.cells.push(p.cell);
    groups.set(id, g);
  }
  for (const g of groups.values())
    forAreas(sheetOf(context, g.sheet), g.cells, can, (target) => (g.fill.kind === 'solid' ? (target.format.fill.color = g.fill.color) : target.format.fill.clear()));
}

/**
 * Restores one recorded cell's message (queued, no sync; its fill comes back with restoreFills): its note or our comment taken off
 * the way it was put on. Returns false when that cannot be done in this Excel, so the record is kept.
 */
export function restoreCell(
  context: Excel.RequestContext,
  rec: OfficeRecord,
  can: Capabilities,
  notes: Map<string, Excel.Note>,
  comments: CommentIndex,
  notices: Notices,
): boolean {
  const p = place(rec.address);
  if (!p) return true;
  const ws = sheetOf(context, p.sheet);
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

export function writeState(context: Excel.RequestContext, listing: Listing, records: OfficeRecord[]): void {
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


export interface MarkReads {
  fill: Excel.RangeFill;
  note: Excel.Note | null;
}

/**
 * A mark decided: the record to keep, and the Office calls that attach its message (queued when
 * called). The mark fill is painted by the caller, for all cells of a severity at once.
 */
export interface MarkPlan {
  record: OfficeRecord;
  put(): void;
}

/** Paints the mark fill, one call per sheet and severity over its cells (RangeAreas where Excel has them). */
export function paintMarks(context: Excel.RequestContext, marks: MergedMark[], can: Capabilities): void {
  const groups = new Map<string, { sheet: string; severity: Severity; cells: string[] }>();
  for (const m of marks) {
    const id = `${m.place.sheet}\u0000${m.severity}`;
    const g = groups.get(id) ?? { sheet: m.place.sheet, severity: m.severity, cells: [] };
    g.cells.push(m.place.cell);
    groups.set(id, g);
  }
  for (const g of groups.values())
    forAreas(sheetOf(context, g.sheet), g.cells, can, (target) => (target.format.fill.color = MARK_FILL[g.severity]));
}

/**
 * Decides one cell's mark: mark fill, and the message as a note, else as a comment. A cell still
 * carrying an old mark keeps its recorded original (not the mark) as what 清除标记 brings back, and
 * the old message is taken off the way it was put on when this run attaches it another way. The
 * record is known before anything is queued, so the state can be saved ahead of the marks.
 * `added` is the comment added for this cell in the read sync, or 'pending' while it is being added.
 */
export function markCell(
  context: Excel.RequestContext,
  m: MergedMark,
  prev: OfficeRecord | undefined,
  reads: MarkReads,
  added: Excel.Comment | 'pending' | undefined,
  can: Capabilities,
  comments: CommentIndex,
  notices: Notices,
): MarkPlan {
  const ws = () => sheetOf(context, m.place.sheet);
  const fill = prev ? prev.fill : fillState(reads.fill, can);
  const plan = (note: string | null, how: Via, more: () => void = () => undefined): MarkPlan => ({
    record: { address: m.address, fill, note, severity: m.severity, how },
    put: more,
  });

  // Its old message cannot be touched in this Excel: keep it as it is (and say so).
  if (prev && !canUndo(prev.how, can)) {
    notices.add(UNSUPPORTED[prev.how.via as 'note' | 'comment'], m.address);
    return plan(prev.note, prev.how);
  }
  if (can.notes) {
    const current = reads.note!;
    // Excel keeps one slot per cell: a comment that stays (the user's, or ours they edited) leaves no room for a note.
    const ours = prev?.how.via === 'comment' ? ourComment(m.address, prev.how, comments).fate === 'ours' : false;
    if (current.isNullObject && comments.byCell.has(m.address) && !ours) {
      notices.add('mark-cell-has-comment', m.address);
      return plan(null, { via: 'none' });
    }
    const own = prev?.how.via === 'note' ? prev.note : current.isNullObject ? null : current.content;
    const text = markedNote(own, m.message);
    return plan(own, { via: 'note' }, () => {
      if (prev?.how.via === 'comment') dropComment(m.address, prev.how, comments, notices);
      if (current.isNullObject) ws().notes.add(ws().getRange(m.place.cell), text);
      else current.content = text;
    });
  }
  if (can.comments) {
    const text = markedNote(null, m.message);
    if (prev?.how.via === 'comment') {
      const found = ourComment(m.address, prev.how, comments);
      if (found.fate === 'ours') return plan(null, { via: 'comment', digest: textDigest(text), id: found.comment.id }, () => (found.comment.content = text));
      if (found.fate === 'edited') notices.add('mark-comment-edited', m.address);
    }
    // Added in the read sync, its id loaded: the user's own comment on the cell is never touched.
    // While it is being added its record names it by cell and text, which 清除标记 also understands.
    if (added === 'pending') return plan(null, { via: 'comment', digest: textDigest(text) });
    if (added) return plan(null, { via: 'comment', digest: textDigest(text), id: added.id });
  }
  return plan(null, { via: 'none' });
}
