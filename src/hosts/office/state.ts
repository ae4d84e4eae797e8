/**
 * The workbook as a run finds it (sheets, names, how many comments, the owner markers) and the mark
 * state, Office flavour: read in bands within the response budget, anchored by formulas that follow
 * their cells, and written back only where it changed. Everything here queues through a Batch.
 */
import { a1 } from '../../catalogue/layout';
import { absolute, normaliseAddress } from '../../core/address';
import {
  ANCHOR_PREFIX,
  contentDigest,
  decodeState,
  DIGEST_NAME,
  encodeState,
  MarkRecord,
  OWNER_NAME,
  relocateRecords,
  STATE_COLUMNS,
  STATE_SHEET,
  textDigest,
} from '../../core/markState';
import type { CellValue } from '../../core/types';
import { Batch, cost, jsonBytes, RESPONSE_BUDGET, resultOf } from './budget';
import type { Capabilities } from './capabilities';
import { closeDigest, ContentEstimate, digestOf, openDigest, queueContent, queueUsedRange } from './digest';
import { Notices, place } from './notices';

/**
 * How Jixiao's message is attached to a marked cell. A comment is known by its id (and the text we
 * wrote, as a digest, to tell whether the user edited it); states written before ids were recorded, and
 * comments still being added when a run failed, carry the digest only (found by cell and text).
 */
export type Via = { via: 'note' } | { via: 'comment'; digest: string; id?: string } | { via: 'none' };

/** A MarkRecord plus how the message was attached (the 5th column, which the file host ignores). */
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

/** The records of the state's rows (row 1 is the header), each with the row it was read from (1-based). */
export function decodeOfficeState(values: CellValue[][] | undefined): Array<OfficeRecord & { row: number }> {
  const records = decodeState(values);
  const rows = (values ?? [])
    .map((row, i) => ({ row, at: i + 1 }))
    .slice(1)
    .filter(({ row }) => row[0] !== null && row[0] !== '');
  return records.map((r, i) => ({ ...r, how: parseVia(rows[i]?.row[4]), row: rows[i]?.at ?? 0 }));
}

/** A record as its state row: the anchor is a formula at the cell, which Excel keeps pointing at it. */
export function stateRow(r: OfficeRecord): CellValue[] {
  const anchored = { ...r, via: JSON.stringify(r.how), anchor: `=${absolute(r.address)}` };
  return encodeState([anchored])[1];
}

/** The 5th column: how the message is attached (the comment's id once known). */
const VIA_COLUMN = 4;

/** Text in every column but the anchor's, whatever it starts with; the anchor a formula. */
const ROW_FORMATS = [...Array.from({ length: STATE_COLUMNS - 1 }, () => '@'), 'General'];
const HEADER = encodeState([])[0];

/**
 * The header row's two cells just past the records' columns: whether the last run wrote all it recorded,
 * and the file host's flag that this workbook's digests are current (src/hosts/file/keep.ts
 * digestsCurrent), written where this Excel keeps digests.
 */
const DONE_CELLS = `${a1(0, STATE_COLUMNS)}:${a1(0, STATE_COLUMNS + 1)}`;
const DONE = 'complete';
const PENDING = 'pending';
/** Columns of the state read: the records', then the two flags. */
const STATE_WIDTH = STATE_COLUMNS + 2;

// ------------------------------------------------------------------ what a run finds

export interface Listing {
  sheets: Map<string, Excel.Worksheet>;
  /** Each sheet's visibility, by lower-case name. */
  visibility: Map<string, string>;
  /** Workbook-scoped names (lower case). */
  bookNames: Set<string>;
  /** Anchor names of states from before formula anchors (lower case): the cell each points at now, or null (#REF!). */
  legacyAnchors: Map<string, string | null>;
  /** Threaded comments in the workbook (0 without comments). */
  commentCount: number;
  /** Each sheet's ownership marker (read with the state, where markers can be written: ExcelApi 1.4). */
  owners: Map<string, Excel.NamedItem> | null;
  /** Each sheet's content digest name and used range (read with the markers, where digests are kept: ExcelApi 1.7). */
  digests: Map<string, { name: Excel.NamedItem; used: Excel.Range }> | null;
  /** Sheets that carry our marker but whose content is no longer what we wrote: the user's now. */
  disowned: Set<string>;
  /** The sheet that holds (or will hold) the mark state: decided once the markers are read; `digest`: it has the digest name. */
  state: { name: string; exists: boolean; marked: boolean; digest: boolean };
}

/** The first sync of both operations: sheets, names (without formulas), how many comments there are. */
export async function list(batch: Batch, can: Capabilities): Promise<Listing> {
  const wb = batch.context.workbook;
  let sheets!: Excel.WorksheetCollection;
  let names!: Excel.NamedItemCollection;
  let comments: OfficeExtension.ClientResult<number> | null = null;
  await batch.add(
    cost.sum(cost.path('Worksheets'), cost.query(['items/name', 'items/visibility'], 6_000)),
    () => {
      sheets = wb.worksheets.load('items/name,items/visibility');
    }
  );
  // A name takes ~60 bytes in the response; a workbook of the template holds a few hundred.
  await batch.add(cost.sum(cost.path('Names'), cost.query(['items/name'], 200_000)), () => {
    names = wb.names.load('items/name');
  });
  if (can.comments)
    await batch.add(cost.sum(cost.path('Comments'), cost.method('GetCount', [], 10)), () => {
      comments = wb.comments.getCount();
    });
  await batch.flush();
  const state = STATE_SHEET.toLowerCase();
  return {
    sheets: new Map(sheets.items.map((ws) => [ws.name.toLowerCase(), ws])),
    visibility: new Map(sheets.items.map((ws) => [ws.name.toLowerCase(), String(ws.visibility)])),
    bookNames: new Set(names.items.map((n) => n.name.toLowerCase())),
    legacyAnchors: new Map(
      names.items
        .filter((n) => n.name.toLowerCase().startsWith(ANCHOR_PREFIX))
        .map((n) => [n.name.toLowerCase(), null])
    ),
    commentCount: comments ? resultOf(comments as OfficeExtension.ClientResult<number>) : 0,
    owners: null,
    digests: null,
    disowned: new Set(),
    state: {
      name: STATE_SHEET,
      exists: sheets.items.some((ws) => ws.name.toLowerCase() === state),
      marked: false,
      digest: false,
    },
  };
}

/** The sheets the mark state may be in: ours is the one marked as the state, else (from before markers) the very hidden `_jixiao_state`. */
const STATE_CANDIDATES = [STATE_SHEET, `${STATE_SHEET}(2)`, `${STATE_SHEET}(3)`];

/** Rows of the state read per request: a row is a few hundred bytes of JSON (more with a long note of the user's). */
const STATE_ROW_BYTES = 400;
const STATE_BAND = Math.floor((RESPONSE_BUDGET * 0.9) / STATE_ROW_BYTES);
/** Rows read with the owner markers, before the state's size is known: most states are smaller. */
const FIRST_BAND = 2_000;

interface StateSheet {
  ws: Excel.Worksheet;
  used: Excel.Range;
  bands: Excel.Range[];
}

/** What the read phase found of the state. */
export interface StateRead {
  /** Rows as read (row 1 the header), formulas (the anchors) included; empty when there is no state. */
  rows: CellValue[][];
  /** True when the last run finished (its records describe the cells as they are). */
  complete: boolean;
  /**
   * True when the rows come from a state sheet the user changed (its marker no longer proves it ours):
   * its records still say where our marks are, but the state is written into a new sheet.
   */
  elsewhere: boolean;
}

/**
 * Queues the second read: each sheet's ownership marker, the first rows of each sheet that may hold the
 * state, and (for states from before formula anchors) where the old anchor names point. Call
 * {@link readState} after the flush.
 */
export async function queueOwnersAndState(
  batch: Batch,
  listing: Listing,
  can: Capabilities
): Promise<Map<string, StateSheet>> {
  if (can.owner) {
    listing.owners = new Map();
    for (const [key, ws] of listing.sheets)
      await batch.add(
        cost.sum(
          cost.path('Names'),
          cost.path('GetItemOrNullObject', [OWNER_NAME]),
          cost.query(['value'], 60)
        ),
        () => listing.owners!.set(key, ws.names.getItemOrNullObject(OWNER_NAME).load('value'))
      );
  }
  if (can.owner && can.digest) {
    listing.digests = new Map();
    for (const [key, ws] of listing.sheets) {
      let name!: Excel.NamedItem;
      await batch.add(
        cost.sum(
          cost.path('Names'),
          cost.path('GetItemOrNullObject', [DIGEST_NAME]),
          cost.query(['value'], 60)
        ),
        () => (name = ws.names.getItemOrNullObject(DIGEST_NAME).load('value'))
      );
      listing.digests.set(key, { name, used: await queueUsedRange(batch, ws) });
    }
  }
  const found = new Map<string, StateSheet>();
  for (const name of STATE_CANDIDATES) {
    const ws = listing.sheets.get(name.toLowerCase());
    if (!ws) continue;
    const first = `A1:${a1(FIRST_BAND - 1, STATE_WIDTH - 1)}`;
    await batch.add(
      cost.sum(
        cost.path('GetUsedRange', [true]),
        cost.query(['rowIndex', 'columnIndex', 'rowCount', 'columnCount'], 90),
        cost.path('GetRange', [first]),
        cost.query(['formulas'], FIRST_BAND * STATE_ROW_BYTES)
      ),
      () =>
        found.set(name.toLowerCase(), {
          ws,
          used: ws.getUsedRange(true).load('rowIndex,columnIndex,rowCount,columnCount'),
          bands: [ws.getRange(first).load('formulas')],
        })
    );
  }
  if (listing.legacyAnchors.size > 0)
    // Only states from before formula anchors: where the old names point now (they go at the end of this run).
    await batch.add(
      cost.sum(
        cost.path('Names'),
        cost.query(['items/name', 'items/formula'], listing.legacyAnchors.size * 120)
      ),
      () => {
        const names = batch.context.workbook.names.load('items/name,items/formula');
        legacyNames.set(listing, names);
      }
    );
  return found;
}

const legacyNames = new WeakMap<Listing, Excel.NamedItemCollection>();

/** The role a sheet's marker names (lower case), or null for a sheet without one. */
function markerOf(listing: Listing, key: string): string | null {
  const marker = listing.owners?.get(key);
  return marker && !marker.isNullObject && typeof marker.value === 'string'
    ? marker.value.toLowerCase()
    : null;
}

/** The role a sheet's marker gives it (lower case), or null for a sheet without one or one the user changed. */
export function roleOf(listing: Listing, key: string): string | null {
  return listing.disowned.has(key) ? null : markerOf(listing, key);
}

/** True when the sheet (ours, read with the markers) already has a digest name, empty or not. */
export function hasDigestName(listing: Listing, ws: Excel.Worksheet | undefined): boolean {
  const key = ws && [...listing.sheets].find(([, w]) => w === ws)?.[0];
  const name = key === undefined ? undefined : listing.digests?.get(key)?.name;
  return !!name && !name.isNullObject;
}

/**
 * Whether the digests beside the markers can be trusted, as the file host decides it: a marked state
 * sheet without the flag in J1 means a host that keeps no digests (an Office host before them, or an
 * Excel before ExcelApi 1.7) ran last and may have rewritten our sheets under stale digests; the
 * markers then stand alone, as before digests.
 */
function digestsCurrent(listing: Listing, sheets: Map<string, StateSheet>): boolean {
  const marked = [...sheets].filter(([key]) => markerOf(listing, key) === STATE_SHEET.toLowerCase());
  return (
    marked.length === 0 ||
    marked.some(([, s]) => (s.bands[0].formulas[0]?.[STATE_COLUMNS + 1] as unknown) === DIGEST_NAME)
  );
}

/**
 * The digest of the state sheet from its columns A:J as read (formulas): the anchors are its only
 * formulas; no text of ours starts with `=`, so a text that does (the user's) reads as a formula and
 * the digest differs, as it must. Content past column J is never ours.
 */
function stateDigest(rows: CellValue[][], wider = false): string {
  if (wider) return 'wider';
  const cells = rows.flatMap((line, row) =>
    line.flatMap((value, col) =>
      value === null || value === '' || col >= STATE_WIDTH
        ? []
        : [{ row, col, value, formula: typeof value === 'string' && value.startsWith('=') }]
    )
  );
  return contentDigest(cells);
}

/** The state sheet's rows as a run leaves them: the records, then the flags beside the header. */
function finishedRows(rows: CellValue[][], can: Capabilities): CellValue[][] {
  const head = [...(rows[0] ?? HEADER.map(() => '')), DONE, can.digest ? DIGEST_NAME : ''];
  return [head, ...rows.slice(1)];
}

/**
 * After the owners are read: which sheet is our mark state, read whole (further bands within the
 * response budget, as many requests as its size needs), and where the state goes. A user's own sheet
 * named `_jixiao_state` is never read, emptied or deleted: ours then takes a free name.
 *
 * Where digests are kept, the content of each marked sheet whose role `verify` names (this run's output
 * sheets, with what reading one costs) is read in the same requests, and a sheet whose content no longer
 * matches its digest is the user's from then on ({@link roleOf}). A state sheet the user changed is not
 * ours either; when no other is, its records are still read (they say where our marks are), and the
 * state goes to a new sheet.
 */
export async function readState(
  batch: Batch,
  listing: Listing,
  sheets: Map<string, StateSheet>,
  verify: Map<string, ContentEstimate> = new Map()
): Promise<StateRead> {
  await batch.flush();
  const names = legacyNames.get(listing);
  if (names)
    for (const n of names.items)
      if (listing.legacyAnchors.has(n.name.toLowerCase()))
        listing.legacyAnchors.set(n.name.toLowerCase(), normaliseAddress(String(n.formula ?? '')));
  const state = STATE_SHEET.toLowerCase();
  const current = digestsCurrent(listing, sheets);
  const digest = (key: string) => (current ? digestOf(listing.digests?.get(key)?.name) : null);
  const mayBeOurs = (key: string) =>
    listing.owners === null
      ? key === state
      : markerOf(listing, key) === state ||
        (markerOf(listing, key) === null && key === state && listing.visibility.get(key) === 'VeryHidden');
  const candidates = STATE_CANDIDATES.map((n) => n.toLowerCase()).filter(
    (key) => sheets.has(key) && mayBeOurs(key)
  );
  // Each candidate whole (there is one, but for a sheet the user changed).
  const bottom = (s: StateSheet) => s.used.rowIndex + s.used.rowCount;
  for (const key of candidates) {
    const s = sheets.get(key)!;
    const total = bottom(s);
    for (let top = FIRST_BAND; top < total; top += STATE_BAND) {
      const address = `A${top + 1}:${a1(Math.min(total, top + STATE_BAND) - 1, STATE_WIDTH - 1)}`;
      const rows = Math.min(total, top + STATE_BAND) - top;
      await batch.add(
        cost.sum(cost.path('GetRange', [address]), cost.query(['formulas'], rows * STATE_ROW_BYTES)),
        () => void s.bands.push(s.ws.getRange(address).load('formulas'))
      );
    }
  }
  // Our output sheets' content, where a digest says what it was.
  const contents = new Map<string, () => string>();
  for (const [key, ws] of listing.sheets) {
    const role = markerOf(listing, key);
    const estimate = role === null ? undefined : verify.get(role);
    if (estimate && digest(key))
      contents.set(key, await queueContent(batch, ws, listing.digests!.get(key)!.used, estimate));
  }
  await batch.flush();
  for (const [key, read] of contents) if (read() !== digest(key)) listing.disowned.add(key);
  const rowsOf = (s: StateSheet) =>
    s.bands.flatMap((b) => b.formulas as CellValue[][]).slice(0, Math.max(bottom(s), 0));
  for (const key of candidates) {
    const s = sheets.get(key)!;
    const wider = s.used.columnIndex + s.used.columnCount > STATE_WIDTH;
    const expected = digest(key);
    if (expected && stateDigest(rowsOf(s), wider) !== expected) listing.disowned.add(key);
  }
  const found = candidates.find((key) => !listing.disowned.has(key));
  if (!found) {
    listing.state = {
      name:
        STATE_CANDIDATES.find((n) => !listing.sheets.has(n.toLowerCase())) ??
        STATE_CANDIDATES[STATE_CANDIDATES.length - 1],
      exists: false,
      marked: false,
      digest: false,
    };
    const changed = candidates.length ? sheets.get(candidates[0])! : null;
    return changed
      ? { rows: rowsOf(changed), complete: false, elsewhere: true }
      : { rows: [], complete: false, elsewhere: false };
  }
  const s = sheets.get(found)!;
  listing.state = {
    name: STATE_CANDIDATES.find((n) => n.toLowerCase() === found)!,
    exists: true,
    marked: markerOf(listing, found) !== null,
    digest: hasDigestName(listing, s.ws),
  };
  const rows = rowsOf(s);
  return { rows, complete: rows[0]?.[STATE_COLUMNS] === DONE, elsewhere: false };
}

/**
 * Where each recorded mark is now: its anchor formula moved with the cell when rows or columns were
 * inserted or deleted (an old anchor name likewise). An anchor Excel turned into #REF! means the cell
 * itself was deleted: nothing to undo there (reported). A record without a live anchor stays at its
 * recorded address.
 */
export function relocate<R extends OfficeRecord>(records: R[], listing: Listing, notices: Notices): R[] {
  const anchorAt = (anchor: string) => {
    if (anchor.startsWith('=')) {
      if (/#REF!/i.test(anchor)) return null;
      const now = normaliseAddress(anchor.slice(1));
      return now && place(now) ? now : undefined;
    }
    const key = anchor.toLowerCase();
    if (!listing.legacyAnchors.has(key)) return undefined;
    const now = listing.legacyAnchors.get(key)!;
    return now !== null && place(now) ? now : null;
  };
  const { records: out, deleted } = relocateRecords(records, anchorAt);
  for (const rec of deleted) notices.add('mark-cell-deleted', rec.address);
  return out;
}

/** Queues deleting the anchor names of states from before formula anchors (once they are no longer needed). */
export async function dropLegacyAnchors(batch: Batch, listing: Listing): Promise<void> {
  for (const key of listing.legacyAnchors.keys())
    await batch.add(
      cost.sum(cost.path('Names'), cost.path('GetItem', [key]), cost.method('Delete')),
      () => batch.context.workbook.names.getItem(key).delete(),
      'once'
    );
  listing.legacyAnchors.clear();
}

// ------------------------------------------------------------------ writing the state

/** Marks a sheet as Jixiao's in a role (queued): a hidden sheet-scoped name holding the role. */
export async function markOwner(
  batch: Batch,
  ws: () => Excel.Worksheet,
  role: string,
  can: Capabilities
): Promise<void> {
  if (!can.owner) return;
  const formula = `="${role.replace(/"/g, '""')}"`;
  await batch.add(
    cost.sum(cost.path('Names'), cost.path('Add', [OWNER_NAME, formula, null]), cost.set('Visible', false)),
    () => void (ws().names.add(OWNER_NAME, formula).visible = false),
    'once'
  );
}

/**
 * Where each record goes in the state sheet, and what to write: a record already in the state keeps
 * its row (`previous`: its row as read, by its address now), so only changed rows are written; new
 * ones fill rows left free, then go below. When free rows outnumber the records, the state is written
 * again from the top. `read` is the state as read; the plan's `rows` the state as it will be.
 */
export interface StatePlan {
  rows: CellValue[][];
  /** 1-based rows to write (changed, new, or emptied). */
  write: number[];
  /** Row of each record, by address. */
  rowOf: Map<string, number>;
}

export function planState(
  read: CellValue[][],
  records: OfficeRecord[],
  previous: Map<string, number>
): StatePlan {
  const rowOf = new Map<string, number>();
  const taken = new Set<number>();
  for (const r of records) {
    const row = previous.get(r.address);
    if (row && row > 1 && row <= read.length && !taken.has(row)) {
      taken.add(row);
      rowOf.set(r.address, row);
    }
  }
  const free = read.map((_, i) => i + 1).filter((row) => row > 1 && !taken.has(row));
  let next = Math.max(read.length, 1) + 1;
  for (const r of records) if (!rowOf.has(r.address)) rowOf.set(r.address, free.shift() ?? next++);
  if (free.length > Math.max(50, records.length)) {
    rowOf.clear();
    records.forEach((r, i) => rowOf.set(r.address, i + 2));
    next = records.length + 2;
  }
  const height = Math.max(read.length, next - 1, 1);
  const rows: CellValue[][] = [HEADER, ...Array.from({ length: height - 1 }, () => HEADER.map(() => ''))];
  for (const r of records) rows[rowOf.get(r.address)! - 1] = stateRow(r);
  const same = (a: CellValue[] | undefined, b: CellValue[]) =>
    b.every((v, i) => String(v ?? '') === String(a?.[i] ?? ''));
  const write: number[] = [];
  for (let row = 1; row <= height; row++) if (!same(read[row - 1], rows[row - 1])) write.push(row);
  return { rows, write, rowOf };
}

/**
 * Writes the rows that differ (in bands of neighbouring rows), creating the very hidden state sheet
 * when there is none, and marks the state pending: it is complete again only when the run has written
 * everything it recorded ({@link finishState}).
 */
export async function writeState(
  batch: Batch,
  listing: Listing,
  plan: StatePlan,
  can: Capabilities
): Promise<void> {
  const { name, exists } = listing.state;
  if (!exists && plan.rowOf.size === 0) return;
  if (exists && plan.write.length === 0) {
    await setDone(batch, listing, PENDING, can);
    return;
  }
  let ws: Excel.Worksheet | null = exists ? batch.context.workbook.worksheets.getItem(name) : null;
  if (!exists) {
    await batch.add(
      cost.sum(cost.path('Worksheets'), cost.path('Add', [name]), cost.set('Visibility', 'VeryHidden')),
      () => {
        ws = batch.context.workbook.worksheets.add(name);
        ws.visibility = 'VeryHidden';
      },
      'once'
    );
  }
  // A state sheet from before markers gets its marker now.
  if (!listing.state.marked) await markOwner(batch, () => ws!, STATE_SHEET, can);
  listing.state = { ...listing.state, name, exists: true, marked: true };
  await setDone(batch, listing, PENDING, can);
  await writeRows(batch, ws!, plan.rows, plan.write);
}

/** Writes rows (1-based) of `rows` in bands of neighbouring rows (a gap of a row or two is written again rather than split). */
async function writeRows(
  batch: Batch,
  ws: Excel.Worksheet,
  rows: CellValue[][],
  which: number[],
  [from, to]: [number, number] = [0, STATE_COLUMNS - 1]
) {
  const bands: Array<[number, number]> = [];
  for (const row of which) {
    const last = bands[bands.length - 1];
    if (last && row - last[1] <= 3) last[1] = row;
    else bands.push([row, row]);
  }
  const rowFormats = ROW_FORMATS.slice(from, to + 1);
  const formatBytes = jsonBytes(rowFormats) + 1;
  for (const [top, bottom] of bands) {
    // Bands of a fraction of the budget, so they pack requests well.
    for (let start = top; start <= bottom;) {
      let end = start;
      let bytes = 1;
      while (end <= bottom && bytes < 400_000) bytes += jsonBytes(rows[end++ - 1].slice(from, to + 1)) + 1;
      const values = rows
        .slice(start - 1, end - 1)
        .map((r) => r.slice(from, to + 1).map((v) => (v === null ? '' : v)));
      const formats = values.map(() => rowFormats);
      const address = `${a1(start - 1, from)}:${a1(end - 2, to)}`;
      await batch.add(
        cost.sum(
          cost.path('GetRange', [address]),
          cost.setArray('NumberFormat', formats, 1 + formats.length * formatBytes),
          cost.setArray('Formulas', values, bytes)
        ),
        () => {
          const range = ws.getRange(address);
          range.numberFormat = formats;
          range.formulas = values as string[][];
        }
      );
      start = end;
    }
  }
}

/**
 * Marks the state pending (its digest emptied: the state is about to change) or complete (its digest
 * that of `rows`, the state as the run leaves it).
 */
async function setDone(
  batch: Batch,
  listing: Listing,
  value: typeof DONE | typeof PENDING,
  can: Capabilities,
  rows: CellValue[][] = []
): Promise<void> {
  const name = listing.state.name;
  const ws = () => batch.context.workbook.worksheets.getItem(name);
  const flags = [[value, can.digest ? DIGEST_NAME : '']];
  await batch.add(
    cost.sum(
      cost.path('Worksheets'),
      cost.path('GetItem', [name]),
      cost.path('GetRange', [DONE_CELLS]),
      cost.setArray('Values', flags)
    ),
    () => void (ws().getRange(DONE_CELLS).values = flags)
  );
  if (value === PENDING) {
    await openDigest(batch, ws, listing.state.digest, can);
    listing.state.digest ||= can.digest;
  } else await closeDigest(batch, ws, stateDigest(finishedRows(rows, can)), can);
}

/** True when the workbook has a sheet that may hold the mark state. */
export function mayHoldState(listing: Listing): boolean {
  return STATE_CANDIDATES.some((n) => listing.sheets.has(n.toLowerCase()));
}

/**
 * 清除标记's end: the state keeps only the records this Excel could not undo (usually none: the sheet
 * is emptied).
 */
export async function keepOnly(
  batch: Batch,
  listing: Listing,
  plan: StatePlan,
  can: Capabilities
): Promise<void> {
  if (!listing.state.exists) {
    // The records came from a state sheet the user changed: those kept go to a new one.
    await writeState(batch, listing, plan, can);
    if (listing.state.exists) await setDone(batch, listing, DONE, can, plan.rows);
    return;
  }
  const ws = batch.context.workbook.worksheets.getItem(listing.state.name);
  await setDone(batch, listing, PENDING, can);
  if (plan.rowOf.size === 0) {
    await batch.add(cost.sum(cost.path('GetRange', ['']), cost.method('Clear', ['Contents'])), () =>
      ws.getRange().clear('Contents')
    );
    await setDone(batch, listing, DONE, can);
    return;
  }
  await writeRows(batch, ws, plan.rows, plan.write);
  await setDone(batch, listing, DONE, can, plan.rows);
}

/**
 * The end of a run: empties the rows of records no longer kept, writes the rows whose comment ids are
 * known only now, and marks the state complete.
 */
export async function finishState(
  batch: Batch,
  listing: Listing,
  plan: StatePlan,
  records: OfficeRecord[],
  dropped: string[],
  rewritten: string[],
  can: Capabilities
): Promise<void> {
  if (!listing.state.exists) return;
  const ws = batch.context.workbook.worksheets.getItem(listing.state.name);
  const byAddress = new Map(records.map((r) => [r.address, r]));
  for (const address of rewritten)
    plan.rows[plan.rowOf.get(address)! - 1] = stateRow(byAddress.get(address)!);
  for (const address of dropped) plan.rows[plan.rowOf.get(address)! - 1] = plan.rows[0].map(() => '');
  const rowsOf = (addresses: string[]) => addresses.map((a) => plan.rowOf.get(a)!).sort((x, y) => x - y);
  // Only the column saying how the message is attached changes when a comment's id becomes known.
  await writeRows(batch, ws, plan.rows, rowsOf(rewritten), [VIA_COLUMN, VIA_COLUMN]);
  await writeRows(batch, ws, plan.rows, rowsOf(dropped));
  await setDone(batch, listing, DONE, can, plan.rows);
}
