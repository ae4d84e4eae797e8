/**
 * Applies a core Plan to the open workbook through office.js: 3 reads, then as many writes as the
 * request size limit needs (see outputSheets.WriteBudget). Marks follow src/core/markState.ts:
 * previous marks are restored before new ones, so applying twice equals applying once, and 清除标记
 * restores each cell's own fill ("no fill" included) and note. Nothing the user did by hand to a mark
 * (deleting or editing its note or comment) makes a run fail half-way: every note and comment is
 * known before the write. What each step does lives in capabilities.ts, outputSheets.ts and marks.ts;
 * this file is the sync sequence.
 */
import { absolute, normaliseAddress } from '../../core/address';
import { renameSheets } from '../../core/hostDecisions';
import { markedNote } from '../../core/markState';
import type { CellValue, Plan } from '../../core/types';
import { ApplyOptions, ApplyReport, capabilities } from './capabilities';
import {
  anchorRecords,
  canUndo,
  decodeOfficeState,
  indexComments,
  list,
  locateComments,
  MarkReads,
  markCell,
  MergedMark,
  Notices,
  officeMarks,
  OfficeRecord,
  paintMarks,
  Place,
  place,
  readForMark,
  readNow,
  chooseState,
  markOwner,
  readOwners,
  readStateRanges,
  relocate,
  restoreCell,
  restoreLooks,
  sheetOf,
  writeState,
} from './marks';
import {
  CALL_BYTES,
  jsonBytes,
  resetSheet,
  sheetTargets,
  VISIBILITY,
  WriteBudget,
  writeSheet,
} from './outputSheets';

export type { ApplyOptions, ApplyReport } from './capabilities';

/**
 * Syncs: (1) sheets, names, comments; (2) the mark state, each cell-to-mark's fill and note, comment
 * cells, charts of output sheets; (3) only when needed: the notes of recorded cells to restore, and
 * new comments added with their ids; (4) the write. 3 or 4 whatever the number of marks or rows.
 */
export async function applyPlan(
  context: Excel.RequestContext,
  wanted: Plan,
  options: ApplyOptions = {}
): Promise<ApplyReport> {
  const can = capabilities(options, context);
  const useComments = !can.notes && can.comments;
  const wb = context.workbook;

  // Sync 1: what exists (and where each mark's anchor name points now).
  const listing = await list(context, can);
  const exists = (sheet: string) => listing.sheets.has(sheet.toLowerCase());
  const outputs = new Set(
    wanted.sheets.filter((s) => s.onExisting !== 'keep').map((s) => s.name.toLowerCase())
  );
  const markable = (p: Place) => exists(p.sheet) && !outputs.has(p.sheet.toLowerCase());
  const marks = officeMarks(wanted.marks).filter((m) => markable(m.place));

  // Sync 2: which sheets are ours (their markers), the state, each cell's own fill and note as it is
  // now, where comments are, old charts.
  readOwners(listing, can);
  const stateRanges = readStateRanges(context, listing);
  const reads = new Map<string, MarkReads>(marks.map((m) => [m.address, readForMark(context, m, can)]));
  // Where comments are: to add ours, to find ours again, and because a cell with a comment cannot take a note.
  const located = can.comments && (marks.length > 0 || stateRanges.size > 0) ? locateComments(listing) : [];
  const charts = new Map([...listing.sheets].map(([key, ws]) => [key, ws.charts.load('items/name')]));
  await context.sync();

  // Our sheets by their markers: a user's sheet is never replaced, ours may take a free name.
  const stateRange = chooseState(listing, stateRanges);
  const targets = sheetTargets(wanted, listing);
  const plan = renameSheets(wanted, targets.renames);
  const original = new Map(wanted.sheets.map((s, i) => [plan.sheets[i], s.name]));

  // Old marks where their cells are now: anchors follow inserted and deleted rows and columns.
  const notices0 = new Notices();
  const previous = relocate(
    decodeOfficeState(stateRange?.values as CellValue[][] | undefined),
    listing,
    notices0
  );
  const previousAt = new Map(previous.map((r) => [r.address, r]));
  const comments = indexComments(listing, located);
  const marked = new Set(marks.map((m) => m.address));
  const restoring = previous.filter((rec) => {
    const p = place(rec.address);
    return !marked.has(rec.address) && p !== null && markable(p);
  });

  // Sync 3, only when needed: cells to restore as they are now (fill, border, note: only what is
  // still Jixiao's is undone), the border of a cell whose error mark becomes a 提示, and comments on
  // marked cells that have none (unless the cell keeps an old note this Excel cannot touch).
  const now = readNow(context, restoring, can);
  const demoted = marks.flatMap((m) => {
    const prev = previousAt.get(m.address);
    return prev?.border && !reads.get(m.address)!.border ? [prev] : [];
  });
  const demotedNow = readNow(context, demoted, can);
  const needsComment = (m: MergedMark) => {
    const prev = previousAt.get(m.address);
    return !comments.byCell.has(m.address) && (!prev || canUndo(prev.how, can));
  };
  const toAdd = useComments ? marks.filter(needsComment) : [];
  const pending = new Set(toAdd.map((m) => m.address));
  const decide = (addedFor: (m: MergedMark) => Excel.Comment | 'pending' | undefined, notices: Notices) =>
    marks.map((m) =>
      markCell(
        context,
        m,
        previousAt.get(m.address),
        reads.get(m.address)!,
        addedFor(m),
        can,
        comments,
        notices
      )
    );
  const saveState = (records: OfficeRecord[]) => writeState(context, listing, records, can);
  // The state is saved before any comment is added or cell marked, covering every cell this run may
  // touch: a sync that fails later leaves nothing Jixiao added without its record, and 清除标记
  // (or the next run) takes it all off. Comments still being added are named by cell and text.
  saveState([
    ...restoring,
    ...decide((m) => (pending.has(m.address) ? 'pending' : undefined), new Notices()).map((d) => d.record),
  ]);
  let added = new Map<string, Excel.Comment>();
  try {
    const adding = new WriteBudget(context);
    for (const m of toAdd) {
      const text = markedNote(null, m.message);
      added.set(
        m.address,
        wb.comments.add(sheetOf(context, m.place.sheet).getRange(m.place.cell), text).load('id')
      );
      // Thousands of comments with their text exceed the request size limit in one sync.
      adding.spend(3 * CALL_BYTES + jsonBytes(text));
      await adding.flushIfFull();
    }
    if (now.size > 0 || demotedNow.size > 0 || added.size > 0) await context.sync();
  } catch (e) {
    // Excel refuses a comment on a cell holding a note, which an Excel without the notes API cannot
    // see beforehand. Keep the comments that were added (found by cell and text); the rest get fill only.
    if (toAdd.length === 0 || (e as { code?: string }).code !== 'InvalidArgument') throw e;
    added = await commentsAdded(context, toAdd, notices0);
  }

  // Sync 4 on: write, in as few syncs as the request size limit allows. Output sheets first
  // (existing ones emptied in place, so references to them survive), then names, marks, state.
  const budget = new WriteBudget(context);
  for (const sp of plan.sheets) {
    const ours = targets.existing.get(original.get(sp)!);
    if (sp.onExisting === 'keep') {
      if (!exists(sp.name)) await writeSheet(wb.worksheets.add(sp.name), sp, can, budget);
      continue;
    }
    if (!ours) {
      const ws = wb.worksheets.add(sp.name);
      markOwner(ws, original.get(sp)!, can);
      await writeSheet(ws, sp, can, budget);
      continue;
    }
    resetSheet(ours, charts.get(ours.name.toLowerCase())!);
    ours.visibility = VISIBILITY[sp.visibility ?? 'visible'];
    await writeSheet(ours, sp, can, budget);
  }
  for (const n of plan.names ?? []) {
    if (listing.bookNames.has(n.name.toLowerCase())) wb.names.getItem(n.name).delete();
    wb.names.add(n.name, `=${absolute(n.address)}`, n.comment);
  }

  const notices = notices0;
  const next: OfficeRecord[] = [];
  restoreLooks(context, restoring, now, can);
  restoreLooks(context, demoted, demotedNow, can, false);
  for (const rec of restoring) if (!restoreCell(context, rec, can, now, comments, notices)) next.push(rec);
  paintMarks(context, marks, can);
  budget.spend(marks.length * 20);
  for (const [i, decided] of decide((m) => added.get(m.address), notices).entries()) {
    decided.put();
    next.push(decided.record);
    budget.spend(3 * CALL_BYTES + jsonBytes(marks[i].message) * 2);
    await budget.flushIfFull();
  }
  // Each record's anchor: a hidden name that moves with its cell (kept where the cell has not moved).
  budget.spend(anchorRecords(context, next, listing, can));
  await budget.flushIfFull();
  saveState(next);
  if (plan.activate) wb.worksheets.getItem(plan.activate).activate();
  await context.sync();
  return { diagnostics: notices.list() };
}

/** After a refused comment: which of the comments we asked for exist now (two reads, only on this path). */
async function commentsAdded(
  context: Excel.RequestContext,
  wanted: MergedMark[],
  notices: Notices
): Promise<Map<string, Excel.Comment>> {
  const all = context.workbook.comments.load('items/id,items/content');
  await context.sync();
  const located = all.items.map((comment) => ({ comment, range: comment.getLocation().load('address') }));
  await context.sync();
  const at = new Map(located.map((l) => [normaliseAddress(l.range.address) ?? l.range.address, l.comment]));
  const found = new Map<string, Excel.Comment>();
  for (const m of wanted) {
    const c = at.get(m.address);
    if (c && c.content === markedNote(null, m.message)) found.set(m.address, c);
    else notices.add('mark-comment-refused', m.address);
  }
  return found;
}

/**
 * Takes Jixiao's marks off: on each recorded cell, where its anchor says the cell is now, Jixiao's fill,
 * border and text go and the user's own come back (a fill or border the user changed, and what they
 * wrote in the note, stay); Jixiao's comments are deleted; the state sheet and the anchors are emptied.
 * Records this Excel cannot undo stay (reported), with their anchors. Values are never touched.
 * Syncs: (1) sheets, names, comments; (2) the state; (3) the recorded cells as they are now and, for
 * states from before comment ids, comment cells; (4) the write.
 */
export async function clearMarks(
  context: Excel.RequestContext,
  options: ApplyOptions = {}
): Promise<ApplyReport> {
  const can = capabilities(options, context);
  const listing = await list(context, can);
  readOwners(listing, can);
  const stateRanges = readStateRanges(context, listing);
  if (stateRanges.size === 0) return { diagnostics: [] };
  await context.sync();
  const stateRange = chooseState(listing, stateRanges);
  if (!stateRange) return { diagnostics: [] };

  const notices = new Notices();
  const records = relocate(decodeOfficeState(stateRange.values as CellValue[][]), listing, notices).filter(
    (rec) => {
      const p = place(rec.address);
      return p !== null && listing.sheets.has(p.sheet.toLowerCase());
    }
  );
  const now = readNow(context, records, can);
  const located = records.some((r) => r.how.via === 'comment' && !r.how.id) ? locateComments(listing) : [];
  if (now.size > 0 || located.length > 0) await context.sync();

  const comments = indexComments(listing, located);
  restoreLooks(context, records, now, can);
  const kept = records.filter((rec) => !restoreCell(context, rec, can, now, comments, notices));
  anchorRecords(context, kept, listing, can);
  writeState(context, listing, kept, can);
  await context.sync();
  return { diagnostics: notices.list() };
}
