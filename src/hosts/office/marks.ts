/**
 * Marks on the user's input cells, through office.js: the mark state (which cells, their own fill and
 * note, how the message was attached), reading it back, marking a cell, and restoring it. Everything
 * here only queues work; apply.ts decides when to sync.
 */
import { a1 } from '../../catalogue/layout';
import { absolute, normaliseAddress, parseRange } from '../../core/address';
import { mergeMarks } from '../../core/hostDecisions';
import {
  ANCHOR_PREFIX,
  BorderState,
  decodeState,
  Edge,
  EDGES,
  EdgeState,
  encodeState,
  FillState,
  isMarkBorder,
  MARK_BORDER,
  MARK_FILL,
  markedNote,
  MarkRecord,
  ourNotePart,
  OWNER_NAME,
  restoredBorder,
  restoredFill,
  relocateRecords,
  restoredNote,
  STATE_SHEET,
  textDigest,
} from '../../core/markState';
import type { CellMark, CellValue, Diagnostic, Severity } from '../../core/types';
import { forAreas } from './areas';
import type { Capabilities } from './capabilities';

// ------------------------------------------------------------------ the mark state, Office flavour

/**
 * How Jixiao's message is attached to a marked cell. A comment is known by its id (and the text we
 * wrote, as a digest, to tell whether the user edited it); states written before ids were recorded carry the text only.
 */
export type Via = { via: 'note' } | { via: 'comment'; digest: string; id?: string } | { via: 'none' };

/** A comment's text as the state keeps it: a digest (see core/markState), enough to tell whether the user edited it. */
export { textDigest };

/**
 * A MarkRecord plus how the message was attached. The extra column is ignored by decodeState, so the
 * file host still reads the state (its own records carry no column: they are notes).
 */
export interface OfficeRecord extends MarkRecord {
  how: Via;
}

function parseVia(raw: CellValue | undefined): Via {
  if (typeof raw !== 'string' || !raw) return { via: 'note' };
  try {
    const v = JSON.parse(raw) as Partial<{ via: string; text: unknown; digest: unknown; id: unknown }>;
    if (v.via === 'none') return { via: 'none' };
    // States written before digests carry the text.
    const digest =
      typeof v.digest === 'string' ? v.digest : typeof v.text === 'string' ? textDigest(v.text) : null;
    if (v.via === 'comment' && digest)
      return { via: 'comment', digest, ...(typeof v.id === 'string' && v.id ? { id: v.id } : {}) };
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
  return encodeState(records.map((r) => ({ ...r, via: JSON.stringify(r.how) })));
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
  'mark-comment-edited': (at: string) =>
    `${at}上绩效自评助手添加的批注已被修改，为免删除您写的内容，已保留该批注，请自行处理`,
  'mark-comment-refused': (at: string) =>
    `${at}上 Excel 拒绝添加批注（单元格可能已有注释，一个单元格不能同时有注释和批注），这些单元格只加了底色，问题说明请看“问题清单”`,
  'mark-cell-deleted': (at: string) =>
    `${at}原有的标记所在单元格已被删除（删除了所在的行或列），无需清除，已从标记记录中移除`,
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
    return [...this.cells].map(([code, cells]) => ({
      code,
      severity: '提示',
      message: MARK_NOTICES[code](cellsText(cells[0], cells.length)),
      address: cells[0],
    }));
  }
}

export const UNSUPPORTED: Record<'note' | 'comment', NoticeCode> = {
  note: 'mark-note-unsupported',
  comment: 'mark-comment-unsupported',
};

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

/** Queues a read of a cell's fill (what {@link fillState} needs). */
function readFill(range: Excel.Range, can: Capabilities): Excel.RangeFill {
  const fill = range.format.fill;
  fill.load(fillProps(can));
  return fill;
}

/**
 * office.js does not tell "no fill" from white by colour (office-js #4900): tintAndShade is null for
 * no fill. Before ExcelApi 1.9 only the colour is known, so white is taken for "no fill", which looks the same.
 */
export function fillState(fill: Excel.RangeFill, can: Capabilities): FillState {
  if (!can.fillPattern)
    return fill.color.toUpperCase() === '#FFFFFF' ? { kind: 'none' } : { kind: 'solid', color: fill.color };
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

// ------------------------------------------------------------------ borders

/** Office's edge names for the mark state's four edges. */
const OFFICE_EDGE: Record<Edge, 'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight'> = {
  top: 'EdgeTop',
  bottom: 'EdgeBottom',
  left: 'EdgeLeft',
  right: 'EdgeRight',
};

/** Office's line style and weight for each of the file format's edge styles (the mark state's words). */
const LINE: Array<[string, Excel.RangeBorder['style'], Excel.RangeBorder['weight']]> = [
  ['hair', 'Continuous', 'Hairline'],
  ['thin', 'Continuous', 'Thin'],
  ['medium', 'Continuous', 'Medium'],
  ['thick', 'Continuous', 'Thick'],
  ['dashed', 'Dash', 'Thin'],
  ['mediumDashed', 'Dash', 'Medium'],
  ['dashDot', 'DashDot', 'Thin'],
  ['mediumDashDot', 'DashDot', 'Medium'],
  ['dashDotDot', 'DashDotDot', 'Thin'],
  ['mediumDashDotDot', 'DashDotDot', 'Medium'],
  ['dotted', 'Dot', 'Thin'],
  ['double', 'Double', 'Thick'],
  ['slantDashDot', 'SlantDashDot', 'Medium'],
];

/** One edge as the mark state words it; a style and weight outside the table keep Office's own words (`Dash|Thick`). */
function edgeState(b: Excel.RangeBorder): EdgeState {
  if (b.style === 'None') return { style: 'none', color: null };
  const known =
    LINE.find(([, style, weight]) => style === b.style && weight === b.weight) ??
    LINE.find(([, style]) => style === b.style && style !== 'Continuous');
  return { style: known ? known[0] : `${b.style}|${b.weight}`, color: b.color };
}

/** Queues a read of a cell's four outer edges (style, colour, weight). */
export function readBorder(range: Excel.Range): Record<Edge, Excel.RangeBorder> {
  return Object.fromEntries(
    EDGES.map((e) => [e, range.format.borders.getItem(OFFICE_EDGE[e]).load('style,color,weight')])
  ) as Record<Edge, Excel.RangeBorder>;
}

export function borderState(read: Record<Edge, Excel.RangeBorder>): BorderState {
  return Object.fromEntries(EDGES.map((e) => [e, edgeState(read[e])])) as BorderState;
}

/** Draws a border state on a range or areas (queued): each edge's line, weight and colour, or no line. */
export function drawBorder(target: Excel.Range | Excel.RangeAreas, state: BorderState): void {
  for (const e of EDGES) {
    const edge = target.format.borders.getItem(OFFICE_EDGE[e]);
    const { style, color } = state[e];
    if (style === 'none') {
      edge.style = 'None';
      continue;
    }
    const known = LINE.find(([name]) => name === style);
    const [lineStyle, weight] = known
      ? [known[1], known[2]]
      : (style.split('|') as [Excel.RangeBorder['style'], Excel.RangeBorder['weight']]);
    edge.style = lineStyle;
    edge.weight = weight;
    if (color) edge.color = color;
  }
}

/** The mark border of a severity on all four edges, or null when that severity draws none. */
export function markBorder(severity: Severity): BorderState | null {
  const e = MARK_BORDER[severity];
  return e ? { top: e, bottom: e, left: e, right: e } : null;
}

// ------------------------------------------------------------------ shared reading of the state

export interface Listing {
  sheets: Map<string, Excel.Worksheet>;
  bookNames: Set<string>;
  /** Every threaded comment (id, content), when comments are supported. */
  comments: Excel.CommentCollection | null;
  /** Mark anchors by name (lower case): the cell each points at now, or null when it was deleted (#REF!). */
  anchors: Map<string, string | null>;
  /** Each sheet's visibility, by lower-case name. */
  visibility: Map<string, string>;
  /** Each sheet's ownership marker (read with sync 2, where markers can be written: ExcelApi 1.4). */
  owners: Map<string, Excel.NamedItem> | null;
  /** The sheet that holds (or will hold) the mark state: decided once the markers are read. */
  state: { name: string; exists: boolean; marked: boolean };
}

/** Sync 1 of both operations: which sheets, names (with their formulas, for the anchors) and comments exist. */
export async function list(context: Excel.RequestContext, can: Capabilities): Promise<Listing> {
  const sheets = context.workbook.worksheets.load('items/name,items/visibility');
  const names = context.workbook.names.load(can.anchors ? 'items/name,items/formula' : 'items/name');
  const comments = can.comments ? context.workbook.comments.load('items/id,items/content') : null;
  await context.sync();
  const anchors = new Map<string, string | null>();
  if (can.anchors)
    for (const n of names.items)
      if (n.name.toLowerCase().startsWith(ANCHOR_PREFIX))
        anchors.set(n.name.toLowerCase(), normaliseAddress(String(n.formula ?? '')));
  return {
    sheets: new Map(sheets.items.map((ws) => [ws.name.toLowerCase(), ws])),
    bookNames: new Set(names.items.map((n) => n.name.toLowerCase())),
    comments,
    anchors,
    visibility: new Map(sheets.items.map((ws) => [ws.name.toLowerCase(), String(ws.visibility)])),
    owners: null,
    state: {
      name: STATE_SHEET,
      exists: sheets.items.some((ws) => ws.name.toLowerCase() === STATE_SHEET.toLowerCase()),
      marked: false,
    },
  };
}

/** Queues a read of every sheet's ownership marker (with sync 2); without ExcelApi 1.4 there are none. */
export function readOwners(listing: Listing, can: Capabilities): void {
  if (!can.owner) return;
  listing.owners = new Map(
    [...listing.sheets].map(([key, ws]) => [key, ws.names.getItemOrNullObject(OWNER_NAME).load('value')])
  );
}

/** The role a sheet's marker gives it (lower case), or null for a sheet without one. */
export function roleOf(listing: Listing, key: string): string | null {
  const marker = listing.owners?.get(key);
  return marker && !marker.isNullObject && typeof marker.value === 'string'
    ? marker.value.toLowerCase()
    : null;
}

/** The sheets the mark state may be in: ours is the one marked as the state, else (from before markers) the very hidden `_jixiao_state`. */
const STATE_CANDIDATES = [STATE_SHEET, `${STATE_SHEET}(2)`, `${STATE_SHEET}(3)`];

/** Queues a read of each sheet that may hold the mark state (with sync 2). */
export function readStateRanges(context: Excel.RequestContext, listing: Listing): Map<string, Excel.Range> {
  const out = new Map<string, Excel.Range>();
  for (const name of STATE_CANDIDATES)
    if (listing.sheets.has(name.toLowerCase()))
      out.set(
        name.toLowerCase(),
        context.workbook.worksheets.getItem(name).getUsedRange(true).load('values')
      );
  return out;
}

/**
 * After sync 2: which sheet is our mark state (its values, or null), and where the state goes. A user's
 * own sheet named `_jixiao_state` is never read, emptied or deleted: ours then takes a free name.
 */
export function chooseState(listing: Listing, ranges: Map<string, Excel.Range>): Excel.Range | null {
  const state = STATE_SHEET.toLowerCase();
  const ours = (key: string) =>
    listing.owners === null
      ? key === state
      : roleOf(listing, key) === state ||
        (roleOf(listing, key) === null && key === state && listing.visibility.get(key) === 'VeryHidden');
  const found = STATE_CANDIDATES.find((n) => listing.sheets.has(n.toLowerCase()) && ours(n.toLowerCase()));
  if (found) {
    listing.state = { name: found, exists: true, marked: roleOf(listing, found.toLowerCase()) !== null };
    return ranges.get(found.toLowerCase()) ?? null;
  }
  listing.state = {
    name:
      STATE_CANDIDATES.find((n) => !listing.sheets.has(n.toLowerCase())) ??
      STATE_CANDIDATES[STATE_CANDIDATES.length - 1],
    exists: false,
    marked: false,
  };
  return null;
}

/** Marks a sheet as Jixiao's in a role (queued): a hidden sheet-scoped name holding the role. */
export function markOwner(ws: Excel.Worksheet, role: string, can: Capabilities): void {
  if (can.owner) ws.names.add(OWNER_NAME, `="${role.replace(/"/g, '""')}"`).visible = false;
}

/**
 * Where each recorded mark is now: its anchor name moved with the cell when rows or columns were
 * inserted or deleted. An anchor Excel turned into #REF! means the cell itself was deleted: nothing
 * to undo there (reported). A record without a live anchor (written before anchors, or its name
 * deleted by hand) stays at its recorded address.
 */
export function relocate(records: OfficeRecord[], listing: Listing, notices: Notices): OfficeRecord[] {
  const anchorAt = (name: string) => {
    const key = name.toLowerCase();
    if (!listing.anchors.has(key)) return undefined;
    const now = listing.anchors.get(key)!;
    return now !== null && place(now) ? now : null;
  };
  const { records: out, deleted } = relocateRecords(records, anchorAt);
  for (const rec of deleted) notices.add('mark-cell-deleted', rec.address);
  return out;
}

/**
 * Gives each record an anchor (queued names.add, hidden), keeping the anchor of a record whose cell
 * has not moved, and deletes every other anchor of ours. Returns the estimated request bytes.
 */
export function anchorRecords(
  context: Excel.RequestContext,
  records: OfficeRecord[],
  listing: Listing,
  can: Capabilities
): number {
  if (!can.anchors) return 0;
  const used = new Set<string>();
  let next =
    1 + Math.max(0, ...[...listing.anchors.keys()].map((k) => Number(k.slice(ANCHOR_PREFIX.length)) || 0));
  let bytes = 0;
  for (const rec of records) {
    const key = rec.anchor?.toLowerCase();
    if (key && listing.anchors.get(key) === rec.address && !used.has(key)) {
      used.add(key);
      continue;
    }
    const name = `${ANCHOR_PREFIX}${next++}`;
    rec.anchor = name;
    used.add(name);
    context.workbook.names.add(name, `=${absolute(rec.address)}`).visible = false;
    bytes += 2 * ANCHOR_CALL_BYTES;
  }
  for (const key of listing.anchors.keys())
    if (!used.has(key)) {
      context.workbook.names.getItem(key).delete();
      bytes += ANCHOR_CALL_BYTES;
    }
  return bytes;
}

/** What a name call costs in a request (object path and action), as measured through office.js. */
const ANCHOR_CALL_BYTES = 300;

interface LocatedComment {
  comment: Excel.Comment;
  range: Excel.Range;
}

/** Queues each comment's cell address (read with the next sync). */
export function locateComments(listing: Listing): LocatedComment[] {
  return (listing.comments?.items ?? []).map((comment) => ({
    comment,
    range: comment.getLocation().load('address'),
  }));
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
function ourComment(
  address: string,
  how: CommentVia,
  comments: CommentIndex
): { fate: 'ours'; comment: Excel.Comment } | { fate: 'edited' | 'gone' } {
  const c = how.id ? comments.byId.get(how.id) : comments.byCell.get(address);
  if (!c) return { fate: 'gone' };
  return textDigest(c.content) === how.digest ? { fate: 'ours', comment: c } : { fate: 'edited' };
}

/** A recorded cell as it is now: its fill, its border (when Jixiao drew one), its note (when the mark is in a note). */
export interface CellNow {
  fill: Excel.RangeFill;
  border: Record<Edge, Excel.RangeBorder> | null;
  note: Excel.Note | null;
}

/**
 * Queues a read of each record's cell as it is now, so only what is still Jixiao's is undone: the user
 * may have changed the fill, redrawn the border, or edited or deleted the note.
 */
export function readNow(
  context: Excel.RequestContext,
  records: OfficeRecord[],
  can: Capabilities
): Map<string, CellNow> {
  const out = new Map<string, CellNow>();
  for (const rec of records) {
    const p = place(rec.address);
    if (!p) continue;
    const ws = sheetOf(context, p.sheet);
    const range = ws.getRange(p.cell);
    out.set(rec.address, {
      fill: readFill(range, can),
      border: rec.border ? readBorder(range) : null,
      note: rec.how.via === 'note' && can.notes ? ws.notes.getItemOrNullObject(p.cell).load('content') : null,
    });
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

/** Cells by sheet and equal setting, for one call per group (RangeAreas where Excel has them). */
function byGroup<V>(
  context: Excel.RequestContext,
  items: Array<{ address: string; value: V }>,
  can: Capabilities,
  set: (target: Excel.Range | Excel.RangeAreas, value: V) => void
): void {
  const groups = new Map<string, { sheet: string; value: V; cells: string[] }>();
  for (const { address, value } of items) {
    const p = place(address);
    if (!p) continue;
    const id = `${p.sheet}\u0000${JSON.stringify(value)}`;
    const g = groups.get(id) ?? { sheet: p.sheet, value, cells: [] };
    g.cells.push(p.cell);
    groups.set(id, g);
  }
  for (const g of groups.values())
    forAreas(sheetOf(context, g.sheet), g.cells, can, (target) => set(target, g.value));
}

/**
 * Brings back each recorded cell's own fill and border (queued) where they are still Jixiao's: a fill
 * the user changed, or a border they redrew, stays. Cells of equal setting take one call per sheet; a
 * fill recorded as something other than plain colour or none is restored cell by cell.
 */
export function restoreLooks(
  context: Excel.RequestContext,
  records: OfficeRecord[],
  now: Map<string, CellNow>,
  can: Capabilities,
  withFill = true
): void {
  const fills: Array<{ address: string; value: FillState }> = [];
  const borders: Array<{ address: string; value: BorderState }> = [];
  for (const rec of records) {
    const p = place(rec.address);
    const cell = now.get(rec.address);
    if (!p || !cell) continue;
    const fill = withFill ? restoredFill(fillState(cell.fill, can), rec) : undefined;
    if (fill?.kind === 'other') restoreFill(sheetOf(context, p.sheet).getRange(p.cell), fill, can);
    else if (fill) fills.push({ address: rec.address, value: fill });
    const border = cell.border ? restoredBorder(borderState(cell.border), rec) : undefined;
    if (border) borders.push({ address: rec.address, value: border });
  }
  byGroup(context, fills, can, (target, fill) =>
    fill.kind === 'solid' ? (target.format.fill.color = fill.color) : target.format.fill.clear()
  );
  byGroup(context, borders, can, drawBorder);
}

/**
 * Restores one recorded cell's message (queued, no sync; its fill and border come back with restoreLooks):
 * Jixiao's text taken out of its note, or our comment deleted, the way it was put on. Returns false when
 * that cannot be done in this Excel, so the record is kept.
 */
export function restoreCell(
  context: Excel.RequestContext,
  rec: OfficeRecord,
  can: Capabilities,
  now: Map<string, CellNow>,
  comments: CommentIndex,
  notices: Notices
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
  const note = now.get(rec.address)!.note!;
  // Deleted by hand: the user's own note (if any) comes back, as the file host does.
  if (note.isNullObject) {
    if (rec.note !== null) ws.notes.add(ws.getRange(p.cell), rec.note);
    return true;
  }
  // Only Jixiao's text goes: what the user wrote around it stays; a note they rewrote stays whole.
  const rest = restoredNote(note.content, rec);
  if (rest === null) note.delete();
  else if (rest !== undefined && rest !== note.content) note.content = rest;
  return true;
}

export function writeState(
  context: Excel.RequestContext,
  listing: Listing,
  records: OfficeRecord[],
  can: Capabilities
): void {
  const { name, exists } = listing.state;
  if (!exists && records.length === 0) return;
  const ws = exists ? context.workbook.worksheets.getItem(name) : context.workbook.worksheets.add(name);
  if (exists) ws.getRange().clear('Contents');
  else ws.visibility = 'VeryHidden';
  // A state sheet from before markers gets its marker now.
  if (!listing.state.marked) markOwner(ws, STATE_SHEET, can);
  listing.state = { name, exists: true, marked: true };
  if (records.length === 0) return;
  const rows = encodeOfficeState(records);
  const range = ws.getRangeByIndexes(0, 0, rows.length, rows[0].length);
  range.numberFormat = rows.map((row) => row.map(() => '@'));
  range.values = rows.map((row) => row.map((v) => (v === null ? '' : (v as string))));
}

export interface MarkReads {
  fill: Excel.RangeFill;
  note: Excel.Note | null;
  /** Read for error marks only: the border they draw over. */
  border: Record<Edge, Excel.RangeBorder> | null;
}

/** Queues the reads a mark needs before it is decided: the cell's fill, note, and (error marks) border. */
export function readForMark(context: Excel.RequestContext, m: MergedMark, can: Capabilities): MarkReads {
  const ws = sheetOf(context, m.place.sheet);
  const range = ws.getRange(m.place.cell);
  return {
    fill: readFill(range, can),
    note: can.notes ? ws.notes.getItemOrNullObject(m.place.cell).load('content') : null,
    border: markBorder(m.severity) ? readBorder(range) : null,
  };
}

/**
 * A mark decided: the record to keep, and the Office calls that attach its message (queued when
 * called). The mark fill and border are painted by the caller, for all cells of a severity at once.
 */
export interface MarkPlan {
  record: OfficeRecord;
  put(): void;
}

/** Paints the mark fill, and the error border, one call per sheet and severity over its cells (RangeAreas where Excel has them). */
export function paintMarks(context: Excel.RequestContext, marks: MergedMark[], can: Capabilities): void {
  byGroup(
    context,
    marks.map((m) => ({ address: m.address, value: m.severity })),
    can,
    (target, severity) => {
      target.format.fill.color = MARK_FILL[severity];
      const border = markBorder(severity);
      if (border) drawBorder(target, border);
    }
  );
}

/**
 * The cell's own look and note as a re-run finds them under an old mark: what is still Jixiao's
 * counts as the recorded original; what the user changed since (fill, border, their part of the note)
 * is the user's now, and is what 清除标记 will leave.
 */
function ownNow(
  m: MergedMark,
  prev: OfficeRecord | undefined,
  reads: MarkReads,
  can: Capabilities
): { fill: FillState; border?: BorderState; note: string | null } {
  const fillNow = fillState(reads.fill, can);
  const fill = prev ? (restoredFill(fillNow, prev) ?? fillNow) : fillNow;
  const borderNow = reads.border ? borderState(reads.border) : null;
  const border = borderNow
    ? prev?.border && isMarkBorder(borderNow, prev.severity)
      ? prev.border
      : borderNow
    : undefined;
  let note: string | null = null;
  const current = reads.note;
  if (current && prev?.how.via === 'note') {
    const rest = current.isNullObject ? prev.note : restoredNote(current.content, prev);
    note = rest === undefined ? current.content : rest;
  } else if (current && !current.isNullObject) note = current.content;
  return { fill, ...(border ? { border } : {}), note };
}

/**
 * Decides one cell's mark: mark fill (and border), and the message as a note, else as a comment. A
 * cell still carrying an old mark keeps its recorded original (not the mark) as what 清除标记 brings
 * back, and the old message is taken off the way it was put on when this run attaches it another way.
 * The record is known before anything is queued, so the state can be saved ahead of the marks.
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
  notices: Notices
): MarkPlan {
  const ws = () => sheetOf(context, m.place.sheet);
  const own = ownNow(m, prev, reads, can);
  const base = {
    address: m.address,
    fill: own.fill,
    severity: m.severity,
    ...(own.border ? { border: own.border } : {}),
    ...(prev?.anchor ? { anchor: prev.anchor } : {}),
  };
  const plan = (
    note: string | null,
    how: Via,
    more: () => void = () => undefined,
    writtenDigest?: string
  ): MarkPlan => ({
    record: { ...base, note, how, ...(writtenDigest ? { writtenDigest } : {}) },
    put: more,
  });

  // Its old message cannot be touched in this Excel: keep it as it is (and say so).
  if (prev && !canUndo(prev.how, can)) {
    notices.add(UNSUPPORTED[prev.how.via as 'note' | 'comment'], m.address);
    return plan(prev.note, prev.how, undefined, prev.writtenDigest);
  }
  if (can.notes) {
    const current = reads.note!;
    // Excel keeps one slot per cell: a comment that stays (the user's, or ours they edited) leaves no room for a note.
    const ours =
      prev?.how.via === 'comment' ? ourComment(m.address, prev.how, comments).fate === 'ours' : false;
    if (current.isNullObject && comments.byCell.has(m.address) && !ours) {
      notices.add('mark-cell-has-comment', m.address);
      return plan(null, { via: 'none' });
    }
    const text = markedNote(own.note, m.message);
    const put = () => {
      if (prev?.how.via === 'comment') dropComment(m.address, prev.how, comments, notices);
      if (current.isNullObject) ws().notes.add(ws().getRange(m.place.cell), text);
      else if (current.content !== text) current.content = text;
    };
    return plan(own.note, { via: 'note' }, put, textDigest(ourNotePart(own.note, m.message)));
  }
  if (can.comments) {
    const text = markedNote(null, m.message);
    if (prev?.how.via === 'comment') {
      const found = ourComment(m.address, prev.how, comments);
      if (found.fate === 'ours')
        return plan(
          null,
          { via: 'comment', digest: textDigest(text), id: found.comment.id },
          () => (found.comment.content = text)
        );
      if (found.fate === 'edited') notices.add('mark-comment-edited', m.address);
    }
    // Added in the read sync, its id loaded: the user's own comment on the cell is never touched.
    // While it is being added its record names it by cell and text, which 清除标记 also understands.
    if (added === 'pending') return plan(null, { via: 'comment', digest: textDigest(text) });
    if (added) return plan(null, { via: 'comment', digest: textDigest(text), id: added.id });
  }
  return plan(null, { via: 'none' });
}
