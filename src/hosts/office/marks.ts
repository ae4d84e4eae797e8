/**
 * Marks on the user's input cells, through office.js: reading a cell's own look and note before it is
 * marked (or as it is now, before it is restored), deciding each mark, restoring a cell, painting. Every
 * call goes through a Batch with its cost; apply.ts decides the order of the phases.
 */
import { normaliseAddress } from '../../core/address';
import { mergeMarks } from '../../core/hostDecisions';
import {
  BorderState,
  Edge,
  EDGES,
  EdgeState,
  FillState,
  isMarkBorder,
  MARK_BORDER,
  MARK_FILL,
  markedNote,
  ourNotePart,
  restoredBorder,
  restoredFill,
  restoredNote,
  textDigest,
} from '../../core/markState';
import type { CellMark, Severity } from '../../core/types';
import { Batch, Cost, cost, RESPONSE_BUDGET, resultOf } from './budget';
import type { Capabilities } from './capabilities';
import { Notices, Place, place, UNSUPPORTED } from './notices';
import type { OfficeRecord, Via } from './state';

/** A comment's text as the state keeps it: a digest (see core/markState), enough to tell whether the user edited it. */
export { textDigest };

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

/** Whether this run can take off the message a record attached. */
export function canUndo(how: Via, can: Capabilities): boolean {
  return how.via === 'none' || (how.via === 'note' ? can.notes : can.comments);
}

// ------------------------------------------------------------------ fills and borders as read

/** A cell's fill as office.js reads it (RangeFill, or getCellProperties' format.fill). */
interface FillRead {
  color: string;
  pattern?: string | null;
  tintAndShade?: number | null;
}

/** One edge as read (RangeBorder, or getCellProperties' format.borders). */
interface EdgeRead {
  style: string;
  color: string;
  weight: string;
}

/**
 * office.js does not tell "no fill" from white by colour (office-js #4900): tintAndShade is null for
 * no fill. Before ExcelApi 1.9 only the colour is known, so white is taken for "no fill", which looks the same.
 */
export function fillState(fill: FillRead, can: Capabilities): FillState {
  if (!can.fillPattern)
    return fill.color.toUpperCase() === '#FFFFFF' ? { kind: 'none' } : { kind: 'solid', color: fill.color };
  const pattern = fill.pattern ?? null;
  if (fill.tintAndShade === null || pattern === 'None') return { kind: 'none' };
  if (!pattern || pattern === 'Solid') return { kind: 'solid', color: fill.color };
  return { kind: 'other', raw: JSON.stringify({ color: fill.color, pattern }) };
}

/** Office's edge names for the mark state's four edges, and getCellProperties' keys for them. */
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
function edgeState(b: EdgeRead): EdgeState {
  if (b.style === 'None') return { style: 'none', color: null };
  const known =
    LINE.find(([, style, weight]) => style === b.style && weight === b.weight) ??
    LINE.find(([, style]) => style === b.style && style !== 'Continuous');
  return { style: known ? known[0] : `${b.style}|${b.weight}`, color: b.color };
}

function borderState(read: Record<Edge, EdgeRead>): BorderState {
  return Object.fromEntries(EDGES.map((e) => [e, edgeState(read[e])])) as BorderState;
}

/** Draws a border state on a range or areas (queued): each edge's line, weight and colour, or no line. */
function drawBorder(target: Excel.Range | Excel.RangeAreas, state: BorderState): void {
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

/** What drawBorder queues on one target. */
function drawBorderCost(state: BorderState): Cost {
  return cost.sum(
    cost.path('Format'),
    cost.path('Borders'),
    ...EDGES.map((e) =>
      cost.sum(
        cost.path('GetItem', [OFFICE_EDGE[e]]),
        cost.set('Style', 'SlantDashDot'),
        state[e].style === 'none'
          ? cost.none()
          : cost.sum(cost.set('Weight', 'Hairline'), cost.set('Color', '#000000'))
      )
    )
  );
}

/** The mark border of a severity on all four edges, or null when that severity draws none. */
export function markBorder(severity: Severity): BorderState | null {
  const e = MARK_BORDER[severity];
  return e ? { top: e, bottom: e, left: e, right: e } : null;
}

// ------------------------------------------------------------------ reading cells

/** A cell's own look as read (its fill; its four outer edges when asked for), and its note (notes path). */
export interface CellNow {
  fill: FillState;
  border: BorderState | null;
  note: Excel.Note | null;
}

/** Bytes of one cell in getCellProperties' answer: its fill, and with borders Excel's eight edges. */
const FILL_PROPS_BYTES = 90;
const BORDER_PROPS_BYTES = 8 * 75;
/** Cells one getCellProperties call reads at most. */
const RUN_CELLS = 1_000;

/** The format getCellProperties gave for row `i` of a one-column run. */
function formatOf(props: OfficeExtension.ClientResult<Excel.CellProperties[][]>, i: number) {
  return resultOf(props)[i][0].format!;
}

/**
 * Reads cells as they are now, for marking or restoring: fills and borders over runs of neighbouring
 * cells with one getCellProperties call each (ExcelApi 1.9; a request barely grows with the cells, the
 * response does and is budgeted), else one range per cell; notes one per cell. Queue every cell with
 * {@link want}, {@link send} the reads, flush the batch, then take each cell with {@link now}.
 */
export class CellReads {
  private readonly wanted = new Map<string, { border: boolean; note: boolean }>();
  private readonly fills = new Map<string, () => FillRead>();
  private readonly borders = new Map<string, () => Record<Edge, EdgeRead>>();
  private readonly notes = new Map<string, Excel.Note>();
  /** One getCellProperties result per run of cells. */
  private readonly runs: Array<OfficeExtension.ClientResult<Excel.CellProperties[][]>> = [];

  constructor(
    private readonly batch: Batch,
    private readonly can: Capabilities
  ) {}

  want(address: string, border: boolean, note: boolean): void {
    const had = this.wanted.get(address);
    this.wanted.set(address, { border: border || !!had?.border, note: note || !!had?.note });
  }

  async send(): Promise<void> {
    const context = this.batch.context;
    const cells = [...this.wanted].flatMap(([address, w]) => {
      const p = place(address);
      return p ? [{ address, p, ...w }] : [];
    });
    if (this.can.cellProperties) await this.sendRuns(cells);
    else
      for (const c of cells) {
        const select = this.can.fillPattern ? ['color', 'tintAndShade', 'pattern'] : ['color'];
        await this.batch.add(
          cost.sum(
            cost.path('GetRange', [c.p.cell]),
            cost.path('Format'),
            cost.path('Fill'),
            cost.query(select, 70),
            c.border
              ? cost.sum(
                  cost.path('Borders'),
                  cost.times(
                    4,
                    cost.sum(
                      cost.path('GetItem', ['EdgeBottom']),
                      cost.query(['style', 'color', 'weight'], 70)
                    )
                  )
                )
              : cost.none()
          ),
          () => {
            const range = sheetOf(context, c.p.sheet).getRange(c.p.cell);
            const fill = this.can.fillPattern
              ? range.format.fill.load('color,tintAndShade,pattern')
              : range.format.fill.load('color');
            this.fills.set(c.address, () => fill);
            if (!c.border) return;
            const edges = Object.fromEntries(
              EDGES.map((e) => [e, range.format.borders.getItem(OFFICE_EDGE[e]).load('style,color,weight')])
            ) as Record<Edge, Excel.RangeBorder>;
            this.borders.set(c.address, () => edges);
          }
        );
      }
    for (const c of cells)
      if (c.note && this.can.notes)
        await this.batch.add(
          cost.sum(cost.path('GetItemOrNullObject', [c.p.cell]), cost.query(['content'], 600)),
          () =>
            this.notes.set(
              c.address,
              sheetOf(context, c.p.sheet).notes.getItemOrNullObject(c.p.cell).load('content')
            )
        );
  }

  /** Neighbouring cells of a column (same sheet, same need for borders) read together. */
  private async sendRuns(cells: Array<{ address: string; p: Place; border: boolean }>): Promise<void> {
    const byColumn = new Map<
      string,
      Array<{ address: string; row: number; col: string; sheet: string; border: boolean }>
    >();
    for (const c of cells) {
      const m = /^([A-Z]+)(\d+)$/.exec(c.p.cell)!;
      const key = `${c.p.sheet}\u0000${m[1]}`;
      const column = byColumn.get(key) ?? [];
      column.push({ address: c.address, row: Number(m[2]), col: m[1], sheet: c.p.sheet, border: c.border });
      byColumn.set(key, column);
    }
    for (const column of byColumn.values()) {
      column.sort((a, b) => a.row - b.row);
      let run: typeof column = [];
      const flushRun = async () => {
        if (!run.length) return;
        const cellsOfRun = run;
        run = [];
        const { sheet, col, border } = cellsOfRun[0];
        const address = `${col}${cellsOfRun[0].row}:${col}${cellsOfRun[cellsOfRun.length - 1].row}`;
        const options: Excel.CellPropertiesLoadOptions = {
          format: {
            fill: this.can.fillPattern ? { color: true, pattern: true, tintAndShade: true } : { color: true },
            ...(border ? { borders: { style: true, color: true, weight: true } } : {}),
          },
        };
        const bytes = cellsOfRun.length * (FILL_PROPS_BYTES + (border ? BORDER_PROPS_BYTES : 0));
        await this.batch.add(
          cost.sum(cost.path('GetRange', [address]), cost.method('GetCellProperties', [options], bytes)),
          () => {
            const run =
              this.runs.push(
                sheetOf(this.batch.context, sheet).getRange(address).getCellProperties(options)
              ) - 1;
            cellsOfRun.forEach((c, i) => {
              this.fills.set(c.address, () => formatOf(this.runs[run], i).fill as FillRead);
              if (border)
                this.borders.set(c.address, () => {
                  const b = formatOf(this.runs[run], i).borders!;
                  return { top: b.top, bottom: b.bottom, left: b.left, right: b.right } as Record<
                    Edge,
                    EdgeRead
                  >;
                });
            });
          }
        );
      };
      const runLimit = Math.min(
        RUN_CELLS,
        Math.floor(RESPONSE_BUDGET / 2 / (FILL_PROPS_BYTES + BORDER_PROPS_BYTES))
      );
      for (const c of column) {
        const last = run[run.length - 1];
        if (last && (c.row !== last.row + 1 || c.border !== last.border || run.length >= runLimit))
          await flushRun();
        run.push(c);
      }
      await flushRun();
    }
  }

  /** A cell as read (after the batch was flushed). */
  now(address: string): CellNow {
    const fill = this.fills.get(address);
    const border = this.borders.get(address);
    return {
      fill: fill ? fillState(fill(), this.can) : { kind: 'none' },
      border: border ? borderState(border()) : null,
      note: this.notes.get(address) ?? null,
    };
  }

  has(address: string): boolean {
    return this.fills.has(address);
  }
}

// ------------------------------------------------------------------ comments

/** The workbook's comments this run needs: ours by id (with their text), the others by the cell they are on. */
export interface CommentIndex {
  byId: Map<string, Excel.Comment>;
  byCell: Map<string, Excel.Comment>;
}

/** Response bytes of a comment's id in a collection load (ids are GUIDs in Excel). */
const COMMENT_ID_BYTES = 110;

/**
 * Queues a read of our comments' text by id (only those the run will update or take off), and returns
 * the index to fill in once the ids of the others are known (see {@link locateOthers}).
 */
export async function readOurComments(batch: Batch, ids: string[]): Promise<CommentIndex> {
  const index: CommentIndex = { byId: new Map(), byCell: new Map() };
  const found = new Map<string, Excel.Comment>();
  for (const id of new Set(ids))
    await batch.add(
      cost.sum(
        cost.path('Comments'),
        cost.path('GetItemOrNullObject', [id]),
        cost.query(['id', 'content'], 400)
      ),
      () => found.set(id, batch.context.workbook.comments.getItemOrNullObject(id).load('id,content'))
    );
  pendingIds.set(index, found);
  return index;
}

const pendingIds = new WeakMap<CommentIndex, Map<string, Excel.Comment>>();

/** After the flush: our comments that still exist, by id. */
export function settleOurComments(index: CommentIndex): void {
  for (const [id, c] of pendingIds.get(index) ?? []) if (!c.isNullObject) index.byId.set(id, c);
}

/**
 * Queues reading every comment's id (the collection's ids in one answer while they fit the response
 * budget, else one at a time), to find the comments that are not ours. Returns a function giving them.
 */
export async function listCommentIds(batch: Batch, count: number): Promise<() => Excel.Comment[]> {
  const comments = batch.context.workbook.comments;
  if (count * COMMENT_ID_BYTES <= RESPONSE_BUDGET / 2) {
    let all!: Excel.CommentCollection;
    await batch.add(
      cost.sum(cost.path('Comments'), cost.query(['items/id'], count * COMMENT_ID_BYTES)),
      () => {
        all = comments.load('items/id');
      }
    );
    return () => all.items;
  }
  const items: Excel.Comment[] = [];
  for (let i = 0; i < count; i++)
    await batch.add(cost.sum(cost.path('GetItemAt', [i]), cost.query(['id'], COMMENT_ID_BYTES)), () =>
      items.push(comments.getItemAt(i).load('id'))
    );
  return () => items;
}

/**
 * Queues locating comments (their cell; with their text too for states whose comments have no id, which
 * are matched by cell and text), to be indexed by cell after the flush with {@link settleLocated}.
 */
export async function locateComments(
  batch: Batch,
  comments: Excel.Comment[],
  withText: boolean
): Promise<Array<{ comment: Excel.Comment; range: Excel.Range }>> {
  const out: Array<{ comment: Excel.Comment; range: Excel.Range }> = [];
  for (const comment of comments)
    await batch.add(
      cost.sum(
        cost.path('GetItem', ['{00000000-0000-0000-0000-000000000000}']),
        cost.path('GetLocation'),
        cost.query(['address'], 80),
        withText ? cost.query(['content'], 400) : cost.none()
      ),
      () => {
        if (withText) comment.load('content');
        out.push({ comment, range: comment.getLocation().load('address') });
      }
    );
  return out;
}

export function settleLocated(
  index: CommentIndex,
  located: Array<{ comment: Excel.Comment; range: Excel.Range }>
): void {
  for (const l of located) index.byCell.set(normaliseAddress(l.range.address) ?? l.range.address, l.comment);
}

type CommentVia = Extract<Via, { via: 'comment' }>;

/**
 * What became of the comment a record says Jixiao wrote: still ours (same text), edited by the user
 * (leave it), or gone (deleted by hand). Known by id; records without an id by cell and text.
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

/** Deletes Jixiao's comment of a record if it is still as we wrote it (queued, once). */
async function dropComment(
  batch: Batch,
  address: string,
  how: CommentVia,
  comments: CommentIndex,
  notices: Notices
) {
  const found = ourComment(address, how, comments);
  if (found.fate === 'ours')
    await batch.add(
      cost.sum(cost.path('GetItem', [how.id ?? '']), cost.method('Delete')),
      () => found.comment.delete(),
      'once'
    );
  else if (found.fate === 'edited') notices.add('mark-comment-edited', address);
}

// ------------------------------------------------------------------ restoring

/** Cells by sheet and equal setting, for one call per group (RangeAreas where Excel has them). */
async function byGroup<V>(
  batch: Batch,
  items: Array<{ address: string; value: V }>,
  can: Capabilities,
  each: (value: V) => Cost,
  set: (target: Excel.Range | Excel.RangeAreas, value: V) => void
): Promise<void> {
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
    await batch.areas(sheetOf(batch.context, g.sheet), g.cells, can.rangeAreas, each(g.value), (target) =>
      set(target, g.value)
    );
}

const fillCost = (fill: FillState): Cost =>
  cost.sum(
    cost.path('Format'),
    cost.path('Fill'),
    fill.kind === 'solid' ? cost.set('Color', fill.color) : cost.method('Clear')
  );

/**
 * Brings back each recorded cell's own fill and border (queued) where they are still Jixiao's: a fill
 * the user changed, or a border they redrew, stays. Cells of equal setting take one call per sheet; a
 * fill recorded as something other than plain colour or none is restored cell by cell.
 */
export async function restoreLooks(
  batch: Batch,
  records: OfficeRecord[],
  reads: CellReads,
  can: Capabilities,
  withFill = true
): Promise<void> {
  const fills: Array<{ address: string; value: FillState }> = [];
  const borders: Array<{ address: string; value: BorderState }> = [];
  for (const rec of records) {
    const p = place(rec.address);
    if (!p || !reads.has(rec.address)) continue;
    const cell = reads.now(rec.address);
    const fill = withFill ? restoredFill(cell.fill, rec) : undefined;
    if (fill?.kind === 'other') {
      const { color, pattern } = JSON.parse(fill.raw) as {
        color: string;
        pattern: Excel.RangeFill['pattern'];
      };
      await batch.add(
        cost.sum(
          cost.path('GetRange', [p.cell]),
          cost.path('Format'),
          cost.path('Fill'),
          cost.set('Color', color),
          cost.set('Pattern', pattern)
        ),
        () => {
          const f = sheetOf(batch.context, p.sheet).getRange(p.cell).format.fill;
          f.color = color;
          // A pattern recorded by a newer Excel: an older one can bring back its colour only.
          if (can.fillPattern) f.pattern = pattern;
        }
      );
    } else if (fill) fills.push({ address: rec.address, value: fill });
    const border = cell.border ? restoredBorder(cell.border, rec) : undefined;
    if (border) borders.push({ address: rec.address, value: border });
  }
  await byGroup(batch, fills, can, fillCost, (target, fill) =>
    fill.kind === 'solid' ? (target.format.fill.color = fill.color) : target.format.fill.clear()
  );
  await byGroup(batch, borders, can, drawBorderCost, drawBorder);
}

/**
 * Restores one recorded cell's message (queued; its fill and border come back with restoreLooks):
 * Jixiao's text taken out of its note, or our comment deleted, the way it was put on. Returns false
 * when that cannot be done in this Excel, so the record is kept.
 */
export async function restoreMessage(
  batch: Batch,
  rec: OfficeRecord,
  can: Capabilities,
  reads: CellReads,
  comments: CommentIndex,
  notices: Notices
): Promise<boolean> {
  const p = place(rec.address);
  if (!p || rec.how.via === 'none') return true;
  if (!canUndo(rec.how, can)) {
    notices.add(UNSUPPORTED[rec.how.via], rec.address);
    return false;
  }
  if (rec.how.via === 'comment') {
    await dropComment(batch, rec.address, rec.how, comments, notices);
    return true;
  }
  const note = reads.now(rec.address).note!;
  const ws = sheetOf(batch.context, p.sheet);
  // Deleted by hand: the user's own note (if any) comes back, as the file host does.
  if (note.isNullObject) {
    if (rec.note !== null) await addNote(batch, ws, p.cell, rec.note);
    return true;
  }
  // Only Jixiao's text goes: what the user wrote around it stays; a note they rewrote stays whole.
  const rest = restoredNote(note.content, rec);
  if (rest === null)
    await batch.add(
      cost.sum(cost.path('GetItemOrNullObject', [p.cell]), cost.method('Delete')),
      () => note.delete(),
      'once'
    );
  else if (rest !== undefined && rest !== note.content)
    await batch.add(
      cost.sum(cost.path('GetItemOrNullObject', [p.cell]), cost.set('Content', rest)),
      () => (note.content = rest)
    );
  return true;
}

async function addNote(batch: Batch, ws: Excel.Worksheet, cell: string, text: string): Promise<void> {
  await batch.add(cost.path('Add', [cell, text]), () => void ws.notes.add(cell, text), 'once');
}

// ------------------------------------------------------------------ marking

/** Paints the mark fill, and the error border, one call per sheet and severity over its cells (RangeAreas where Excel has them). */
export async function paintMarks(batch: Batch, marks: MergedMark[], can: Capabilities): Promise<void> {
  await byGroup(
    batch,
    marks.map((m) => ({ address: m.address, value: m.severity })),
    can,
    (severity) => {
      const border = markBorder(severity);
      return cost.sum(
        fillCost({ kind: 'solid', color: MARK_FILL[severity] }),
        border ? drawBorderCost(border) : cost.none()
      );
    },
    (target, severity) => {
      target.format.fill.color = MARK_FILL[severity];
      const border = markBorder(severity);
      if (border) drawBorder(target, border);
    }
  );
}

/**
 * Whether a cell already carries this mark as the last (complete) run left it: same severity, and the
 * message it attached is this message. Such a cell is neither read nor written again.
 */
export function unchanged(m: MergedMark, prev: OfficeRecord | undefined, can: Capabilities): boolean {
  if (!prev || prev.severity !== m.severity || !canUndo(prev.how, can)) return false;
  if (can.notes)
    return prev.how.via === 'note' && prev.writtenDigest === textDigest(ourNotePart(prev.note, m.message));
  if (can.comments)
    return (
      prev.how.via === 'comment' &&
      !!prev.how.id &&
      prev.how.digest === textDigest(markedNote(null, m.message))
    );
  return prev.how.via === 'none';
}

/**
 * The cell's own look and note as a re-run finds them under an old mark: what is still Jixiao's
 * counts as the recorded original; what the user changed since (fill, border, their part of the note)
 * is the user's now, and is what 清除标记 will leave.
 */
function ownNow(
  prev: OfficeRecord | undefined,
  now: CellNow
): { fill: FillState; border?: BorderState; note: string | null } {
  const fill = prev ? (restoredFill(now.fill, prev) ?? now.fill) : now.fill;
  const border = now.border
    ? prev?.border && isMarkBorder(now.border, prev.severity)
      ? prev.border
      : now.border
    : undefined;
  let note: string | null = null;
  const current = now.note;
  if (current && prev?.how.via === 'note') {
    const rest = current.isNullObject ? prev.note : restoredNote(current.content, prev);
    note = rest === undefined ? current.content : rest;
  } else if (current && !current.isNullObject) note = current.content;
  return { fill, ...(border ? { border } : {}), note };
}

/**
 * A mark decided: the record to keep, and the calls that attach its message (queued when `put` is
 * awaited). The mark fill and border are painted by the caller, for all cells of a severity at once.
 * `comment` is true when the message is to go in a new comment (added by the caller, its id recorded then).
 */
export interface MarkPlan {
  record: OfficeRecord;
  comment: boolean;
  put(batch: Batch): Promise<void>;
}

/**
 * Decides one cell's mark: mark fill (and border), and the message as a note, else as a comment. A
 * cell still carrying an old mark keeps its recorded original (not the mark) as what 清除标记 brings
 * back, and the old message is taken off the way it was put on when this run attaches it another way.
 * The record is known before anything is queued, so the state can be saved ahead of the marks.
 */
export function markCell(
  m: MergedMark,
  prev: OfficeRecord | undefined,
  now: CellNow,
  can: Capabilities,
  comments: CommentIndex,
  notices: Notices
): MarkPlan {
  const own = ownNow(prev, now);
  const base = {
    address: m.address,
    fill: own.fill,
    severity: m.severity,
    ...(own.border ? { border: own.border } : {}),
  };
  const nothing = async () => undefined;
  const plan = (
    note: string | null,
    how: Via,
    put: (batch: Batch) => Promise<void> = nothing,
    writtenDigest?: string,
    comment = false
  ): MarkPlan => ({
    record: { ...base, note, how, ...(writtenDigest ? { writtenDigest } : {}) },
    comment,
    put,
  });

  // Its old message cannot be touched in this Excel: keep it as it is (and say so).
  if (prev && !canUndo(prev.how, can)) {
    notices.add(UNSUPPORTED[prev.how.via as 'note' | 'comment'], m.address);
    return plan(prev.note, prev.how, undefined, prev.writtenDigest);
  }
  if (can.notes) {
    const current = now.note!;
    // Excel keeps one slot per cell: a comment that stays (the user's, or ours they edited) leaves no room for a note.
    const ours =
      prev?.how.via === 'comment' ? ourComment(m.address, prev.how, comments).fate === 'ours' : false;
    const theirs =
      comments.byCell.has(m.address) ||
      (prev?.how.via === 'comment' && !ours && ourComment(m.address, prev.how, comments).fate === 'edited');
    if (current.isNullObject && theirs) {
      notices.add('mark-cell-has-comment', m.address);
      return plan(null, { via: 'none' });
    }
    const text = markedNote(own.note, m.message);
    const put = async (batch: Batch) => {
      if (prev?.how.via === 'comment') await dropComment(batch, m.address, prev.how, comments, notices);
      if (current.isNullObject)
        await addNote(batch, sheetOf(batch.context, m.place.sheet), m.place.cell, text);
      else if (current.content !== text)
        await batch.add(
          cost.sum(cost.path('GetItemOrNullObject', [m.place.cell]), cost.set('Content', text)),
          () => (current.content = text)
        );
    };
    return plan(own.note, { via: 'note' }, put, textDigest(ourNotePart(own.note, m.message)));
  }
  if (can.comments) {
    const text = markedNote(null, m.message);
    if (prev?.how.via === 'comment') {
      const found = ourComment(m.address, prev.how, comments);
      if (found.fate === 'ours')
        return plan(null, { via: 'comment', digest: textDigest(text), id: found.comment.id }, async (batch) =>
          batch.add(
            cost.sum(cost.path('GetItem', [found.comment.id]), cost.set('Content', text)),
            () => (found.comment.content = text)
          )
        );
      if (found.fate === 'edited') {
        notices.add('mark-comment-edited', m.address);
        return plan(null, { via: 'none' });
      }
    }
    // The user's own comment on the cell is never touched: the cell gets the fill only.
    if (comments.byCell.has(m.address)) {
      notices.add('mark-cell-has-comment', m.address);
      return plan(null, { via: 'none' });
    }
    // A new comment: its record names it by cell and text until its id is known.
    return plan(null, { via: 'comment', digest: textDigest(text) }, nothing, undefined, true);
  }
  return plan(null, { via: 'none' });
}

/**
 * Adds the comments of new marks (once each, with their ids loaded). Excel refuses a comment on a cell
 * holding a note, which an Excel without the notes API cannot see beforehand; it stops the request
 * there and keeps what came before. How many of the request's comments were added is then read from
 * the count (they are the first ones, in order): their ids are read by cell with the next request,
 * which goes on after the refused one (reported). Returns the comment added for each cell.
 */
export async function addComments(
  batch: Batch,
  marks: MergedMark[],
  countBefore: number,
  notices: Notices
): Promise<Map<string, Excel.Comment>> {
  const added = new Map<string, Excel.Comment>();
  const comments = batch.context.workbook.comments;
  await batch.flush();
  /** Comments in the workbook before the request being queued. */
  let exist = countBefore;
  let todo = marks;
  /** Added by a refused request: their ids are read by cell. */
  let lookUp: MergedMark[] = [];
  while (todo.length || lookUp.length) {
    const inFlight: Array<{ m: MergedMark; proxy: Excel.Comment; isNew: boolean }> = [];
    const settle = (n: number) => {
      for (const x of inFlight.splice(0, n)) {
        added.set(x.m.address, x.proxy);
        if (x.isNew) exist++;
      }
    };
    const queue = async (m: MergedMark, isNew: boolean) => {
      const text = markedNote(null, m.message);
      const syncs = batch.syncs;
      const before = inFlight.length;
      let proxy!: Excel.Comment;
      await batch.add(
        isNew
          ? cost.sum(cost.path('Add', [m.address, text, null]), cost.query(['id'], 60))
          : cost.sum(cost.path('GetItemByCell', [m.address]), cost.query(['id'], 60)),
        () => {
          proxy = (isNew ? comments.add(m.address, text) : comments.getItemByCell(m.address)).load('id');
        },
        isNew ? 'once' : 'again'
      );
      // The request before this step was sent whole: its comments exist, their ids loaded.
      if (batch.syncs !== syncs) settle(before);
      inFlight.push({ m, proxy, isNew });
    };
    let next = 0;
    try {
      for (const m of lookUp) await queue(m, false);
      lookUp = [];
      for (; next < todo.length; next++) await queue(todo[next], true);
      todo = [];
      await batch.flush();
      settle(inFlight.length);
    } catch (e) {
      if ((e as { code?: string }).code !== 'InvalidArgument') throw e;
      let now!: OfficeExtension.ClientResult<number>;
      await batch.add(cost.sum(cost.path('Comments'), cost.method('GetCount', [], 10)), () => {
        now = comments.getCount();
      });
      await batch.flush();
      const news = inFlight.filter((x) => x.isNew);
      const kept = resultOf(now) - exist;
      const refused = news[kept];
      if (kept < 0 || !refused) throw e;
      notices.add('mark-comment-refused', refused.m.address);
      exist = resultOf(now);
      lookUp = [...inFlight.filter((x) => !x.isNew), ...news.slice(0, kept)].map((x) => x.m);
      todo = [...news.slice(kept + 1).map((x) => x.m), ...todo.slice(next)];
    }
  }
  return added;
}
