/**
 * Applies a core Plan to the open workbook through office.js in three syncs whatever its size:
 * (1) list sheets, names and comments; (2) read the mark state sheet and the current fill and
 * note of every cell to mark (plus comment locations); (3) write everything. Marks follow
 * src/core/markState.ts: previous marks are restored before new ones, so applying twice equals
 * applying once, and 清除标记 restores each cell's own fill ("no fill" included) and note.
 */
import { a1 } from '../../catalogue/layout';
import { absolute, normaliseAddress, parseRange } from '../../core/address';
import { decodeState, encodeState, FillState, MARK_FILL, markedNote, MarkRecord, STATE_SHEET } from '../../core/markState';
import { CellStyle, STYLES } from '../../core/styles';
import type { CellMark, CellValue, OutCell, Plan, Severity, SheetPlan } from '../../core/types';

export interface ApplyOptions {
  /** Cell notes need ExcelApi 1.18; detected with Office.context.requirements when not given. */
  notesSupported?: boolean;
  /** Threaded comments (the fallback) need ExcelApi 1.10; detected likewise when not given. */
  commentsSupported?: boolean;
}

function isSet(version: string): boolean {
  try {
    return typeof Office !== 'undefined' && Office.context.requirements.isSetSupported('ExcelApi', version);
  } catch {
    return false;
  }
}

function capabilities(o: ApplyOptions): { notes: boolean; comments: boolean } {
  return { notes: o.notesSupported ?? isSet('1.18'), comments: o.commentsSupported ?? isSet('1.10') };
}

// ------------------------------------------------------------------ the mark state, Office flavour

/** How Jixiao's message is attached to a marked cell. */
type Via = { via: 'note' } | { via: 'comment'; text: string } | { via: 'none' };

/**
 * A MarkRecord plus how the message was attached. The extra column is ignored by decodeState, so the
 * file host still reads the state (its own records carry no column: they are notes).
 */
interface OfficeRecord extends MarkRecord {
  how: Via;
}

const VIA_HEADER = 'via';

function decodeOfficeState(values: CellValue[][] | undefined): OfficeRecord[] {
  const records = decodeState(values);
  const rows = (values ?? []).slice(1).filter((row) => row[0] !== null && row[0] !== '');
  return records.map((r, i) => {
    const raw = rows[i]?.[4];
    let how: Via = { via: 'note' };
    if (typeof raw === 'string' && raw) {
      try {
        how = JSON.parse(raw) as Via;
      } catch {
        how = { via: 'note' };
      }
    }
    return { ...r, how };
  });
}

function encodeOfficeState(records: OfficeRecord[]): CellValue[][] {
  const rows = encodeState(records);
  return rows.map((row, i) => [...row, i === 0 ? VIA_HEADER : JSON.stringify(records[i - 1].how)]);
}

// ------------------------------------------------------------------ small helpers

interface Place {
  sheet: string;
  cell: string;
}

function place(address: string): Place | null {
  const r = parseRange(address);
  return r ? { sheet: r.sheet, cell: a1(r.top, r.left) } : null;
}

/** office.js does not tell "no fill" from white by colour (office-js #4900): tintAndShade is null for no fill. */
function fillState(fill: Excel.RangeFill): FillState {
  const pattern = fill.pattern as string | null;
  if (fill.tintAndShade === null || pattern === 'None') return { kind: 'none' };
  if (!pattern || pattern === 'Solid') return { kind: 'solid', color: fill.color };
  return { kind: 'other', raw: JSON.stringify({ color: fill.color, pattern }) };
}

function restoreFill(range: Excel.Range, fill: FillState): void {
  if (fill.kind === 'none') range.format.fill.clear();
  else if (fill.kind === 'solid') range.format.fill.color = fill.color;
  else {
    const { color, pattern } = JSON.parse(fill.raw) as { color: string; pattern: Excel.RangeFill['pattern'] };
    range.format.fill.color = color;
    range.format.fill.pattern = pattern;
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

function writeSheet(ws: Excel.Worksheet, sp: SheetPlan): void {
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
  if (sp.visibility === 'hidden') ws.visibility = 'Hidden';
  if (sp.visibility === 'veryHidden') ws.visibility = 'VeryHidden';
}

// ------------------------------------------------------------------ shared reading of the state

interface Listing {
  sheets: Map<string, Excel.Worksheet>;
  /** Sheet positions, by lower-cased name. */
  positions: Map<string, number>;
  bookNames: Set<string>;
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
    positions: new Map(sheets.items.map((ws, i) => [ws.name.toLowerCase(), i])),
    bookNames: new Set(names.items.map((n) => n.name.toLowerCase())),
    comments,
  };
}

interface LocatedComment {
  comment: Excel.Comment;
  range: Excel.Range;
}

function locateComments(listing: Listing): LocatedComment[] {
  return (listing.comments?.items ?? []).map((comment) => ({ comment, range: comment.getLocation().load('address') }));
}

function commentsByCell(located: LocatedComment[]): Map<string, Excel.Comment> {
  return new Map(located.map((l) => [normaliseAddress(l.range.address) ?? l.range.address, l.comment]));
}

function readStateRange(context: Excel.RequestContext, listing: Listing): Excel.Range | null {
  return listing.sheets.has(STATE_SHEET.toLowerCase()) ? context.workbook.worksheets.getItem(STATE_SHEET).getUsedRange(true).load('values') : null;
}

/**
 * Restores one recorded cell (queued, no sync). Returns false when it cannot be done now (its note
 * needs ExcelApi 1.18), so the record is kept for a later run.
 */
function restoreCell(context: Excel.RequestContext, rec: OfficeRecord, notes: boolean, byCell: Map<string, Excel.Comment>): boolean {
  const p = place(rec.address);
  if (!p) return true;
  const ws = context.workbook.worksheets.getItem(p.sheet);
  restoreFill(ws.getRange(p.cell), rec.fill);
  if (rec.how.via === 'comment') {
    const c = byCell.get(rec.address);
    if (c && c.content === rec.how.text) c.delete();
    return true;
  }
  if (rec.how.via === 'none') return true;
  if (!notes) return false;
  const note = ws.notes.getItem(p.cell);
  if (rec.note === null) note.delete();
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

export async function applyPlan(context: Excel.RequestContext, plan: Plan, options: ApplyOptions = {}): Promise<void> {
  const can = capabilities(options);
  const useComments = !can.notes && can.comments;
  const wb = context.workbook;

  // Sync 1: what exists.
  const listing = await list(context, useComments);
  const exists = (sheet: string) => listing.sheets.has(sheet.toLowerCase());
  const replaced = new Set(plan.sheets.filter((s) => exists(s.name) && s.onExisting !== 'keep').map((s) => s.name.toLowerCase()));
  const markable = (p: Place) => exists(p.sheet) && !replaced.has(p.sheet.toLowerCase());
  const marks = mergeMarks(plan.marks).filter((m) => markable(m.place));

  // Sync 2: the state, and each cell's own fill and note as it is now.
  const stateRange = readStateRange(context, listing);
  const reads = new Map(
    marks.map((m) => {
      const ws = wb.worksheets.getItem(m.place.sheet);
      const fill = ws.getRange(m.place.cell).format.fill.load('color,tintAndShade,pattern');
      const note = can.notes ? ws.notes.getItemOrNullObject(m.place.cell).load('content') : null;
      return [m.address, { fill, note }] as const;
    }),
  );
  const located = useComments ? locateComments(listing) : [];
  await context.sync();

  const previous = decodeOfficeState(stateRange?.values as CellValue[][] | undefined);
  const byCell = commentsByCell(located);
  const next: OfficeRecord[] = [];

  // Sync 3: write. Output sheets first (a replaced sheet is rebuilt under a temporary name, so the
  // workbook never loses its last visible sheet), then names, marks, state.
  plan.sheets.forEach((sp, i) => {
    const old = listing.sheets.get(sp.name.toLowerCase());
    if (old && sp.onExisting === 'keep') return;
    if (old) {
      const fresh = wb.worksheets.add(`~jixiao${i}`);
      wb.worksheets.getItem(sp.name).delete();
      fresh.name = sp.name;
      fresh.position = listing.positions.get(sp.name.toLowerCase())!; // where the old one was
      writeSheet(fresh, sp);
    } else writeSheet(wb.worksheets.add(sp.name), sp);
  });
  for (const n of plan.names ?? []) {
    if (listing.bookNames.has(n.name.toLowerCase())) wb.names.getItem(n.name).delete();
    wb.names.add(n.name, `=${absolute(n.address)}`, n.comment);
  }

  const marked = new Set(marks.map((m) => m.address));
  for (const rec of previous) {
    const p = place(rec.address);
    if (marked.has(rec.address) || !p || !markable(p)) continue;
    if (!restoreCell(context, rec, can.notes, byCell)) next.push(rec);
  }
  const previousAt = new Map(previous.map((r) => [r.address, r]));
  for (const m of marks) {
    const ws = wb.worksheets.getItem(m.place.sheet);
    const range = ws.getRange(m.place.cell);
    const read = reads.get(m.address)!;
    const prev = previousAt.get(m.address);
    // A cell still carrying an old mark: its original is the recorded one, not the mark.
    const fill = prev ? prev.fill : fillState(read.fill);
    range.format.fill.color = MARK_FILL[m.severity];
    let own: string | null = prev ? prev.note : null;
    let how: Via = { via: 'none' };
    if (prev?.how.via === 'note' && !can.notes) how = prev.how; // its note cannot be updated here: keep as it was
    else if (can.notes) {
      const current = read.note!;
      if (!prev) own = current.isNullObject ? null : current.content;
      const text = markedNote(own, m.message);
      if (current.isNullObject) ws.notes.add(range, text);
      else current.content = text;
      how = { via: 'note' };
    } else if (useComments) {
      const existing = byCell.get(m.address);
      const ours = prev?.how.via === 'comment' && existing?.content === prev.how.text;
      if (ours) existing!.delete();
      if (!existing || ours) {
        const text = markedNote(null, m.message);
        wb.comments.add(range, text);
        how = { via: 'comment', text };
      }
    }
    next.push({ address: m.address, fill, note: own, severity: m.severity, how });
  }
  writeState(context, listing, next);
  if (plan.activate) wb.worksheets.getItem(plan.activate).activate();
  await context.sync();
}

/** Restores every recorded cell's own fill and note and empties the state sheet. Values are never touched. */
export async function clearMarks(context: Excel.RequestContext, options: ApplyOptions = {}): Promise<void> {
  const can = capabilities(options);
  const listing = await list(context, can.comments);
  const stateRange = readStateRange(context, listing);
  const located = locateComments(listing);
  await context.sync();

  const byCell = commentsByCell(located);
  const kept: OfficeRecord[] = [];
  for (const rec of decodeOfficeState(stateRange?.values as CellValue[][] | undefined)) {
    const p = place(rec.address);
    if (!p || !listing.sheets.has(p.sheet.toLowerCase())) continue;
    if (!restoreCell(context, rec, can.notes, byCell)) kept.push(rec);
  }
  writeState(context, listing, kept);
  await context.sync();
}
