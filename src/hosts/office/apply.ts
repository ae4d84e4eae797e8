/**
 * Applies a core Plan to the open workbook through office.js, and takes Jixiao's marks off again.
 * Every request goes through a Batch (budget.ts), reads as much as writes, so none passes its budget
 * whatever the number of rows or marks. Marks follow src/core/markState.ts: previous marks are restored
 * before new ones, so applying twice equals applying once, and 清除标记 restores each cell's own fill
 * ("no fill" included), border and note. A cell already marked as this run would mark it (and the last
 * run finished) is neither read nor written again: only cells newly marked, changed, or to restore are
 * read. Nothing the user did by hand to a mark makes a run fail half-way. What each step does lives in
 * state.ts, marks.ts and outputSheets.ts; this file is the order of the phases.
 */
import { absolute } from '../../core/address';
import { renameSheets } from '../../core/hostDecisions';
import type { Plan } from '../../core/types';
import { Batch, cost } from './budget';
import { ApplyOptions, ApplyReport, Capabilities, capabilities } from './capabilities';
import {
  addComments,
  CellReads,
  CommentIndex,
  listCommentIds,
  locateComments,
  markBorder,
  MarkPlan,
  markCell,
  MergedMark,
  officeMarks,
  paintMarks,
  readOurComments,
  restoreLooks,
  restoreMessage,
  settleLocated,
  settleOurComments,
  unchanged,
} from './marks';
import { closeDigest, contentEstimate, openDigest, writtenDigest } from './digest';
import { Notices, Place, place } from './notices';
import { addChart, dropCharts, resetSheet, sheetTargets, writeSheet } from './outputSheets';
import {
  decodeOfficeState,
  dropLegacyAnchors,
  finishState,
  hasDigestName,
  keepOnly,
  list,
  Listing,
  markOwner,
  mayHoldState,
  OfficeRecord,
  planState,
  queueOwnersAndState,
  readState,
  relocate,
  writeState,
} from './state';

export type { ApplyOptions, ApplyReport } from './capabilities';

/**
 * The comments a run needs to know: ours by id (those it updates or takes off), and where the others
 * are, when a mark without a comment of ours is to be decided (a cell with a comment takes no note,
 * and the user's comment is never touched). States whose comments have no id yet are matched by cell
 * and text: then every comment is located.
 */
async function readComments(
  batch: Batch,
  listing: Listing,
  can: Capabilities,
  ours: OfficeRecord[],
  allIds: Set<string>,
  needOthers: (index: CommentIndex) => boolean
): Promise<CommentIndex> {
  if (!can.comments) return { byId: new Map(), byCell: new Map() };
  const byId = ours.flatMap((r) => (r.how.via === 'comment' && r.how.id ? [r.how.id] : []));
  const index = await readOurComments(batch, byId);
  const withoutId = ours.some((r) => r.how.via === 'comment' && !r.how.id);
  // Comments without ids need every comment located: their ids are read with ours.
  let ids = withoutId && listing.commentCount > 0 ? await listCommentIds(batch, listing.commentCount) : null;
  await batch.flush();
  settleOurComments(index);
  if (!ids) {
    if (listing.commentCount === 0 || !needOthers(index)) return index;
    ids = await listCommentIds(batch, listing.commentCount);
  }
  await batch.flush();
  const others = ids().filter((c) => withoutId || !allIds.has(c.id));
  const located = await locateComments(batch, others, withoutId);
  await batch.flush();
  settleLocated(index, located);
  return index;
}

export async function applyPlan(
  context: Excel.RequestContext,
  wanted: Plan,
  options: ApplyOptions = {}
): Promise<ApplyReport> {
  const can = capabilities(options, context);
  const batch = new Batch(context, { onRequest: options.onRequest });
  const wb = context.workbook;
  const notices = new Notices();

  // What exists.
  const listing = await list(batch, can);
  const exists = (sheet: string) => listing.sheets.has(sheet.toLowerCase());
  const outputs = new Set(
    wanted.sheets.filter((s) => s.onExisting !== 'keep').map((s) => s.name.toLowerCase())
  );
  const markable = (p: Place) => exists(p.sheet) && !outputs.has(p.sheet.toLowerCase());
  const marks = officeMarks(wanted.marks).filter((m) => markable(m.place));

  // Which sheets are ours (their markers) and the state. Without a state every mark is new: its cell
  // is read in the same request. So are the charts of sheets named as ours are (评分表, 评分表(2) …), to
  // go before they are drawn again; a sheet of ours the user renamed has its charts read later.
  const stateSheets = await queueOwnersAndState(batch, listing, can);
  const charts = new Map<Excel.Worksheet, Excel.ChartCollection>();
  const readCharts = (ws: Excel.Worksheet) =>
    batch.add(cost.sum(cost.path('Charts'), cost.query(['items/name'], 200)), () =>
      charts.set(ws, ws.charts.load('items/name'))
    );
  for (const [key, ws] of listing.sheets) if (outputs.has(key.replace(/\(\d+\)$/, ''))) await readCharts(ws);
  const reads = new CellReads(batch, can);
  const readMark = (m: MergedMark, prev?: OfficeRecord) =>
    reads.want(m.address, !!markBorder(m.severity) || !!prev?.border, true);
  if (stateSheets.size === 0) {
    for (const m of marks) readMark(m);
    await reads.send();
  }
  // Our output sheets' content is read with the state where digests say what it was.
  const verify = new Map(
    wanted.sheets
      .filter((s) => s.onExisting !== 'keep')
      .map((s) => [s.name.toLowerCase(), contentEstimate(s)])
  );
  const state = await readState(batch, listing, stateSheets, verify);

  // Our sheets by their markers (and digests): a user's sheet is never replaced, ours may take a free name.
  const targets = sheetTargets(wanted, listing);
  const plan = renameSheets(wanted, targets.renames);
  const original = new Map(wanted.sheets.map((s, i) => [plan.sheets[i], s.name]));
  for (const ws of targets.existing.values()) if (!charts.has(ws)) await readCharts(ws);

  // Old marks where their cells are now: anchors follow inserted and deleted rows and columns.
  const previous = relocate(decodeOfficeState(state.rows), listing, notices);
  const previousAt = new Map(previous.map((r) => [r.address, r]));
  const marked = new Set(marks.map((m) => m.address));
  const restoring = previous.filter((rec) => {
    const p = place(rec.address);
    return !marked.has(rec.address) && p !== null && markable(p);
  });
  // Cells already carrying this very mark are left as they are; the others are read as they are now.
  const same = new Set(
    state.complete
      ? marks.filter((m) => unchanged(m, previousAt.get(m.address), can)).map((m) => m.address)
      : []
  );
  const deciding = marks.filter((m) => !same.has(m.address));
  if (stateSheets.size > 0) {
    for (const m of deciding) readMark(m, previousAt.get(m.address));
    for (const rec of restoring) reads.want(rec.address, !!rec.border, rec.how.via === 'note');
    await reads.send();
  }
  const ourIds = new Set(previous.flatMap((r) => (r.how.via === 'comment' && r.how.id ? [r.how.id] : [])));
  // A mark whose cell holds no comment of ours may hold someone else's.
  const withoutOwnComment = (index: CommentIndex) =>
    deciding.some((m) => {
      const how = previousAt.get(m.address)?.how;
      return !(how?.via === 'comment' && how.id && index.byId.has(how.id));
    });
  const comments = await readComments(
    batch,
    listing,
    can,
    [...restoring, ...deciding.flatMap((m) => previousAt.get(m.address) ?? [])],
    ourIds,
    withoutOwnComment
  );
  await batch.flush();

  // Each mark decided; the state saved before any cell is touched, covering every cell this run may
  // touch: a sync that fails later leaves nothing Jixiao added without its record, and 清除标记 (or
  // the next run, which then reads every cell again) takes it all off.
  const decisions = new Map<string, MarkPlan>(
    deciding.map((m) => [
      m.address,
      markCell(m, previousAt.get(m.address), reads.now(m.address), can, comments, notices),
    ])
  );
  const records = marks.map((m) => decisions.get(m.address)?.record ?? previousAt.get(m.address)!);
  // Records read from a state sheet the user changed go to a new one.
  const rows = new Map(state.elsewhere ? [] : previous.map((r) => [r.address, r.row]));
  const statePlan = planState(state.elsewhere ? [] : state.rows, [...records, ...restoring], rows);
  await writeState(batch, listing, statePlan, can);

  // New comments, their ids loaded (a comment Excel refuses leaves the cell with its fill only).
  const toComment = deciding.filter((m) => decisions.get(m.address)!.comment);
  const added = toComment.length
    ? await addComments(batch, toComment, listing.commentCount, notices)
    : new Map();
  for (const m of toComment) {
    const rec = decisions.get(m.address)!.record;
    const c = added.get(m.address);
    rec.how = c && rec.how.via === 'comment' ? { ...rec.how, id: c.id } : { via: 'none' };
  }

  // Output sheets: what can be done once (new sheets, markers, old charts off, new charts) first,
  // then everything that can be sent again (cells, formats, links, sizes), so a refused RangeAreas
  // call can be retried.
  const sheets = new Map<string, Excel.Worksheet>();
  for (const sp of plan.sheets) {
    const ours = targets.existing.get(original.get(sp)!);
    if (sp.onExisting === 'keep' && exists(sp.name)) continue;
    if (ours) {
      await dropCharts(batch, charts.get(ours)!);
      sheets.set(sp.name, ours);
    } else
      await batch.add(
        cost.sum(cost.path('Worksheets'), cost.path('Add', [sp.name])),
        () => void sheets.set(sp.name, wb.worksheets.add(sp.name)),
        'once'
      );
    if (!ours && sp.onExisting !== 'keep')
      await markOwner(batch, () => sheets.get(sp.name)!, original.get(sp)!, can);
    // Its digest emptied while it is rewritten (a run that stops half-way leaves the marker alone).
    if (sp.onExisting !== 'keep')
      await openDigest(batch, () => sheets.get(sp.name)!, hasDigestName(listing, ours), can);
    await addChart(batch, () => sheets.get(sp.name)!, sp);
  }
  for (const n of plan.names ?? []) {
    const formula = `=${absolute(n.address)}`;
    if (listing.bookNames.has(n.name.toLowerCase()))
      await batch.add(
        cost.sum(cost.path('Names'), cost.path('GetItem', [n.name]), cost.method('Delete')),
        () => wb.names.getItem(n.name).delete(),
        'once'
      );
    await batch.add(
      cost.sum(cost.path('Names'), cost.path('Add', [n.name, formula, n.comment ?? null])),
      () => void wb.names.add(n.name, formula, n.comment),
      'once'
    );
  }
  await dropLegacyAnchors(batch, listing);

  // Messages: restored cells' notes and comments taken off, marks' notes and comments put on.
  const dropped: string[] = [];
  for (const rec of restoring)
    if (await restoreMessage(batch, rec, can, reads, comments, notices)) dropped.push(rec.address);
  for (const m of deciding) await decisions.get(m.address)!.put(batch);

  for (const sp of plan.sheets) {
    const ws = sheets.get(sp.name);
    if (!ws) continue;
    if (targets.existing.get(original.get(sp)!)) await resetSheet(batch, ws);
    await writeSheet(batch, ws, sp, can);
    if (sp.onExisting !== 'keep') await closeDigest(batch, () => ws, writtenDigest(sp), can);
  }

  // Looks: restored cells get their own fill and border back, a mark turned 提示 its own border, marks painted.
  await restoreLooks(batch, restoring, reads, can);
  const demoted = deciding.flatMap((m) => {
    const prev = previousAt.get(m.address);
    return prev?.border && !markBorder(m.severity) ? [prev] : [];
  });
  await restoreLooks(batch, demoted, reads, can, false);
  await paintMarks(batch, deciding, can);

  await finishState(
    batch,
    listing,
    statePlan,
    records,
    dropped,
    toComment.map((m) => m.address),
    can
  );
  const activate = plan.activate;
  if (activate)
    await batch.add(
      cost.sum(cost.path('Worksheets'), cost.path('GetItem', [activate]), cost.method('Activate')),
      () => wb.worksheets.getItem(activate).activate()
    );
  await batch.flush();
  return { diagnostics: notices.list() };
}

/**
 * Takes Jixiao's marks off: on each recorded cell, where its anchor says the cell is now, Jixiao's fill,
 * border and text go and the user's own come back (a fill or border the user changed, and what they
 * wrote in the note, stay); Jixiao's comments are deleted; the state sheet is emptied. Records this
 * Excel cannot undo stay (reported). Values are never touched.
 */
export async function clearMarks(
  context: Excel.RequestContext,
  options: ApplyOptions = {}
): Promise<ApplyReport> {
  const can = capabilities(options, context);
  const batch = new Batch(context, { onRequest: options.onRequest });
  const listing = await list(batch, can);
  if (!mayHoldState(listing)) return { diagnostics: [] };
  const stateSheets = await queueOwnersAndState(batch, listing, can);
  const state = await readState(batch, listing, stateSheets);
  if (!listing.state.exists && !state.elsewhere) return { diagnostics: [] };

  const notices = new Notices();
  const records = relocate(decodeOfficeState(state.rows), listing, notices).filter((rec) => {
    const p = place(rec.address);
    return p !== null && listing.sheets.has(p.sheet.toLowerCase());
  });
  const reads = new CellReads(batch, can);
  for (const rec of records) reads.want(rec.address, !!rec.border, rec.how.via === 'note');
  await reads.send();
  const comments = await readComments(batch, listing, can, records, new Set(), () => false);
  await batch.flush();

  const kept: OfficeRecord[] = [];
  for (const rec of records)
    if (!(await restoreMessage(batch, rec, can, reads, comments, notices))) kept.push(rec);
  await dropLegacyAnchors(batch, listing);
  await restoreLooks(batch, records, reads, can);
  await keepOnly(
    batch,
    listing,
    state.elsewhere
      ? planState([], kept, new Map())
      : planState(state.rows, kept, new Map(records.map((r) => [r.address, r.row]))),
    can
  );
  await batch.flush();
  return { diagnostics: notices.list() };
}
