/**
 * How marks on the user's cells are remembered, so that 清除标记 restores each cell exactly.
 *
 * Both hosts keep one record per marked cell in the add-in's very-hidden sheet
 * {@link STATE_SHEET}: the cell's own fill and note as they were before Jixiao touched it.
 * Applying new marks first restores every recorded cell, then records and marks the new ones,
 * so running twice leaves the same workbook as running once.
 */
import { ERROR_FILL, ERROR_OUTLINE, WARNING_FILL } from './styles';
import type { CellValue, Severity, SheetPlan } from './types';

export const STATE_SHEET = '_jixiao_state';

/**
 * The marker of a sheet Jixiao made: a hidden sheet-scoped name whose value is the sheet's role
 * (`"评分表"`, `"_jixiao_state"` …). It moves with its sheet when renamed or reordered and Excel keeps
 * it on save; a sheet without it is the user's, whatever its name.
 */
export const OWNER_NAME = '_jixiao_sheet';

/**
 * Beside the marker, a hidden sheet-scoped name holding a digest of the sheet's content as Jixiao
 * wrote it ({@link contentDigest}). The marker alone proves nothing once the sheet is copied (Excel
 * copies a sheet's names with it) or typed into: a marked sheet whose content no longer matches its
 * digest is the user's, never replaced, emptied or deleted. A marker without a digest (written before
 * digests, or by a host that does not write them) is trusted as before.
 */
export const DIGEST_NAME = '_jixiao_digest';

/** One cell as the digest reads it (0-based place). */
export interface DigestCell {
  row: number;
  col: number;
  value: CellValue;
  formula: boolean;
}

/**
 * A digest of a sheet's content that another program's save leaves alone: each non-empty cell's place
 * and value (text as text, numbers to 15 significant digits as Excel and LibreOffice store them), a
 * formula cell by its place only (its cached value follows the inputs). Formats are not content.
 */
export function contentDigest(cells: Iterable<DigestCell>): string {
  const cellPieces: Array<{ row: number; col: number; text: string }> = [];
  for (const c of cells) {
    const v = c.value;
    let text: string;
    if (c.formula) text = 'f';
    else if (v === null || v === '') continue;
    else if (typeof v === 'number') text = `n${Number(v.toPrecision(15))}`;
    else if (typeof v === 'boolean') text = v ? 'b1' : 'b0';
    else if (typeof v === 'string') text = `s${v.replace(/\r\n/g, '\n')}`;
    else if (v instanceof Date) text = `d${v.getTime()}`;
    else text = `e${v.error}`;
    cellPieces.push({ row: c.row, col: c.col, text: `${c.row},${c.col},${text}` });
  }
  // By place, compared as numbers kept beside the text (not parsed again at each comparison).
  const pieces = cellPieces.sort((a, b) => a.row - b.row || a.col - b.col).map((p) => p.text);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ pieces.length;
  for (const p of pieces)
    for (let i = 0; i <= p.length; i++) {
      const code = i < p.length ? p.charCodeAt(i) : 0;
      h1 = Math.imul(h1 ^ code, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ code, 0x5bd1e995) >>> 0;
      h2 = (h2 ^ (h2 >>> 15)) >>> 0;
    }
  return `${pieces.length}:${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}

/** The digest of a sheet as a host writes its plan (values as written, formulas as formulas). */
export function planDigest(sheet: Pick<SheetPlan, 'rows'>): string {
  const cells: DigestCell[] = [];
  sheet.rows.forEach((line, row) =>
    line.forEach((cell, col) => {
      if (!cell) return;
      cells.push({ row, col, value: cell.value ?? null, formula: cell.formula !== undefined });
    })
  );
  return contentDigest(cells);
}

/** `评分表`, else `评分表(2)`, `评分表(3)` …: the first name `taken` refuses (sheet names compare without case, up to 31 characters). */
export function freeSheetName(wanted: string, taken: (name: string) => boolean): string {
  if (!taken(wanted)) return wanted;
  for (let k = 2; ; k++) {
    const suffix = `(${k})`;
    const name = `${wanted.slice(0, 31 - suffix.length)}${suffix}`;
    if (!taken(name)) return name;
  }
}

/** Fill colours of marks: apart from the input fill in hue and in grey (see src/core/styles.ts). */
export const MARK_FILL: Record<Severity, string> = { 错误: ERROR_FILL, 提示: WARNING_FILL };

/** One edge of a cell's border, in the file format's words (`thin`, `medium`, `dashed`, …; `none` for no line). */
export interface EdgeState {
  style: string;
  /** `#RRGGBB`, or null for automatic. */
  color: string | null;
}

export const EDGES = ['top', 'bottom', 'left', 'right'] as const;
export type Edge = (typeof EDGES)[number];
/** A cell's four outer edges, as they were before Jixiao drew its border. */
export type BorderState = Record<Edge, EdgeState>;

/**
 * The error mark is not colour alone (issue 15): a medium dark-red outline on each of the cell's
 * edges, as the output sheets' error style has. 提示 marks keep the cell's own border. Decided
 * here once; both hosts draw it and record the cell's own border, so 清除标记 brings that back.
 */
export const MARK_BORDER: Record<Severity, EdgeState | null> = {
  错误: { style: 'medium', color: ERROR_OUTLINE },
  提示: null,
};

const sameEdge = (a: EdgeState, b: EdgeState) =>
  a.style === b.style && (a.color ?? '').toUpperCase() === (b.color ?? '').toUpperCase();

/** True when every edge is Jixiao's mark border (so the user has not redrawn it). */
export function isMarkBorder(current: BorderState, severity: Severity): boolean {
  const mark = MARK_BORDER[severity];
  return mark !== null && EDGES.every((e) => sameEdge(current[e], mark));
}

/** The border to restore, or undefined to leave it (Jixiao drew none, or the user redrew it). */
export function restoredBorder(current: BorderState, rec: MarkRecord): BorderState | undefined {
  return rec.border && isMarkBorder(current, rec.severity) ? rec.border : undefined;
}

/** A cell's own fill before marking. `none` is "no fill" (office-js #4900: not the same as white). */
export type FillState = { kind: 'none' } | { kind: 'solid'; color: string } | { kind: 'other'; raw: string };

export interface MarkRecord {
  /** `Sheet!A1`. */
  address: string;
  fill: FillState;
  /** The cell's own note text, or null when it had none. */
  note: string | null;
  /** Severity of Jixiao's mark now on the cell. */
  severity: Severity;
  /**
   * How the Office host attached the message (`{"via":"note"|"comment"|"none",…}`, 5th column);
   * absent for marks made by the file host, which always uses notes.
   */
  via?: string;
  /**
   * What the file host checks before undoing the mark (6th column, JSON): the note text Jixiao
   * wrote and the cell's value when marked. A cell whose value changed is not the marked cell any
   * more (rows were inserted or deleted): it is left alone.
   */
  written?: string;
  value?: string;
  /**
   * The file host writing into the original package: the cell's own style index (null: the cell had
   * no style attribute), whether Jixiao created the cell element (`cell`) or its row too (`row`),
   * and the cell's own comment element as the file held it. Clearing puts these back exactly.
   */
  xf?: number | null;
  bare?: 'cell' | 'row';
  noteXml?: string;
  /**
   * The file host: the named input holding the cell and the cell's place in it (rows and columns from
   * its top left). Every program moves a name with its cells when rows or columns are inserted or
   * deleted; the recorded address stays behind. Found again through the name, the mark is where it moved.
   */
  at?: { name: string; row: number; col: number };
  /**
   * The file host: the cell's own fill and (under an error mark) border elements as styles.xml had
   * them, so the format can be rebuilt when another program has renumbered the styles and `xf` means
   * nothing any more.
   */
  fillXml?: string;
  borderXml?: string;
  /**
   * The file host: a digest ({@link textDigest}) of the base format's cell format element, to tell
   * whether styles.xml is still as the record knew it or another program has renumbered it.
   */
  xfDigest?: string;
  /**
   * The Office host's stand-in for `written`: a digest ({@link textDigest}) of Jixiao's part of the
   * note only (the separator or 【绩效自评助手】 and the message), so the request does not carry the
   * text again for every mark.
   */
  writtenDigest?: string;
  /** The cell's own border, recorded when Jixiao drew the error border (7th column, JSON). */
  border?: BorderState;
  /**
   * The Office host's anchor (8th column): a formula referring to the cell (`=项目支出!$F$5`), which
   * Excel moves with the cell when rows or columns are inserted or deleted, and turns to #REF! when the
   * cell is deleted; read back as the formula it is now. States written before issue 23 hold a hidden
   * workbook-scoped defined name (`_jixiao_mark_N`) that moves the same way. The address above is where
   * the cell was when the state was written.
   */
  anchor?: string;
}

/**
 * A short digest of a text (FNV-1a over UTF-16 units, with the length): enough to tell whether a
 * note or comment still holds what Jixiao wrote, without the request carrying the text again.
 */
export function textDigest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${text.length}:${h.toString(16)}`;
}

/** Prefix of the hidden defined names that anchored marks in Excel before formula anchors (still read, then deleted). */
export const ANCHOR_PREFIX = '_jixiao_mark_';

/**
 * Where each recorded mark is now, for either host: `anchorAt(name)` gives the cell its anchor name
 * points at now (`Sheet!A1`), null when the name is #REF! (the cell was deleted), undefined when there
 * is no such name (a record from before anchors, or the name deleted by hand: its recorded address stands).
 */
export function relocateRecords<R extends MarkRecord>(
  records: R[],
  anchorAt: (name: string) => string | null | undefined
): { records: R[]; deleted: R[] } {
  const out: R[] = [];
  const deleted: R[] = [];
  for (const rec of records) {
    const now = rec.anchor === undefined ? undefined : anchorAt(rec.anchor);
    if (now === undefined) out.push(rec);
    else if (now === null) deleted.push(rec);
    else out.push({ ...rec, address: now });
  }
  return { records: out, deleted };
}

/** The 6th column of a file-host record. */
export function encodeCheck(r: MarkRecord): string {
  if (r.writtenDigest !== undefined) return JSON.stringify({ writtenDigest: r.writtenDigest });
  return JSON.stringify({
    written: r.written ?? null,
    value: r.value ?? null,
    ...(r.xf !== undefined && { xf: r.xf }),
    ...(r.bare && { bare: r.bare }),
    ...(r.noteXml !== undefined && { noteXml: r.noteXml }),
    ...(r.at && { in: [r.at.name, r.at.row, r.at.col] }),
    ...(r.xfDigest !== undefined && { xfd: r.xfDigest }),
    ...(r.fillXml !== undefined && { fillXml: r.fillXml }),
    ...(r.borderXml !== undefined && { borderXml: r.borderXml }),
  });
}

/** True when the mark's message is in the cell's note (not in a comment), so restoring the note undoes it. */
export function markInNote(r: MarkRecord): boolean {
  if (!r.via) return true;
  try {
    return (JSON.parse(r.via) as { via?: string }).via === 'note';
  } catch {
    return true;
  }
}

const HEADER = ['address', 'fill', 'note', 'severity', 'via', 'check', 'border', 'anchor'];
/** Columns of the state sheet. */
export const STATE_COLUMNS = HEADER.length;

export function encodeState(records: MarkRecord[]): CellValue[][] {
  return [
    HEADER,
    ...records.map((r) => [
      r.address,
      JSON.stringify(r.fill),
      r.note === null ? '' : JSON.stringify(r.note),
      r.severity,
      r.via ?? '',
      encodeCheck(r),
      r.border ? JSON.stringify(r.border) : '',
      r.anchor ?? '',
    ]),
  ];
}

function borderOf(text: string): BorderState | undefined {
  const b = text ? (parsed(text) as Partial<Record<Edge, Partial<EdgeState>>> | undefined) : undefined;
  if (!b || typeof b !== 'object') return undefined;
  const edge = (e: Partial<EdgeState> | undefined): EdgeState | null =>
    e && typeof e.style === 'string' && (e.color === null || typeof e.color === 'string')
      ? { style: e.style, color: e.color ?? null }
      : null;
  const edges = EDGES.map((e) => edge(b[e]));
  return edges.every((e) => e !== null)
    ? (Object.fromEntries(EDGES.map((e, i) => [e, edges[i]])) as BorderState)
    : undefined;
}

/** JSON.parse that gives undefined for text that is not JSON (the state sheet is in the user's hands). */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function fillOf(text: string): FillState {
  const f = parsed(text) as Partial<FillState> | undefined;
  if (f?.kind === 'solid' && typeof f.color === 'string') return { kind: 'solid', color: f.color };
  if (f?.kind === 'other' && typeof f.raw === 'string' && parsed(f.raw) !== undefined)
    return { kind: 'other', raw: f.raw };
  return { kind: 'none' };
}

/** A record's `at`, from `[name, row, col]`: small non-negative offsets under a name, else nothing. */
function placeIn(v: unknown): Pick<MarkRecord, 'at'> {
  if (!Array.isArray(v) || v.length !== 3) return {};
  const [name, row, col] = v as unknown[];
  const offset = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 1_048_576;
  return typeof name === 'string' && name && offset(row) && offset(col)
    ? { at: { name, row: row as number, col: col as number } }
    : {};
}

/** Reads the records back; a damaged record still restores its cell (to no fill, the note as written) rather than throwing. */
export function decodeState(values: CellValue[][] | undefined): MarkRecord[] {
  if (!values || values.length < 2 || values[0][0] !== HEADER[0]) return [];
  const out: MarkRecord[] = [];
  for (const row of values.slice(1)) {
    const [address, fill, note, severity, via, check, border, anchor] = row.map((v) =>
      v === null || v === undefined ? '' : String(v)
    );
    const checked = check
      ? (parsed(check) as
          | {
              written?: unknown;
              value?: unknown;
              writtenDigest?: unknown;
              xf?: unknown;
              bare?: unknown;
              noteXml?: unknown;
              in?: unknown;
              xfd?: unknown;
              fillXml?: unknown;
              borderXml?: unknown;
            }
          | undefined)
      : undefined;
    const own = borderOf(border ?? '');
    const xf = checked?.xf;
    if (!address) continue;
    const noteText = note ? parsed(note) : null;
    out.push({
      address,
      fill: fillOf(fill),
      note: noteText === null ? null : typeof noteText === 'string' ? noteText : note,
      severity: severity === '提示' ? '提示' : '错误',
      ...(via ? { via } : {}),
      ...(typeof checked?.written === 'string' ? { written: checked.written } : {}),
      ...(typeof checked?.value === 'string' ? { value: checked.value } : {}),
      ...(typeof checked?.writtenDigest === 'string' ? { writtenDigest: checked.writtenDigest } : {}),
      ...(own ? { border: own } : {}),
      ...(anchor && (anchor.startsWith('=') || anchor.startsWith(ANCHOR_PREFIX)) ? { anchor } : {}),
      ...(xf === null || (typeof xf === 'number' && Number.isInteger(xf) && xf >= 0 && xf < 65_536)
        ? { xf }
        : {}),
      ...(checked?.bare === 'cell' || checked?.bare === 'row' ? { bare: checked.bare } : {}),
      ...(typeof checked?.noteXml === 'string' ? { noteXml: checked.noteXml } : {}),
      ...placeIn(checked?.in),
      ...(typeof checked?.xfd === 'string' ? { xfDigest: checked.xfd } : {}),
      ...(typeof checked?.fillXml === 'string' ? { fillXml: checked.fillXml } : {}),
      ...(typeof checked?.borderXml === 'string' ? { borderXml: checked.borderXml } : {}),
    });
  }
  return out;
}

/** Separates the user's own note from Jixiao's text in a marked cell's note. */
export const NOTE_SEPARATOR = '\n——绩效自评助手——\n';

/** The note a marked cell carries: the user's own note (kept) and Jixiao's message. */
export function markedNote(own: string | null, message: string): string {
  return own ? `${own}${NOTE_SEPARATOR}${message}` : `${NOTE_PREFIX}${message}`;
}

/** Jixiao's part of {@link markedNote}: what 清除标记 takes out again. */
export function ourNotePart(own: string | null, message: string): string {
  return markedNote(own, message).slice(own ? own.length : 0);
}

const sameColor = (a: string, b: string) =>
  a.replace('#', '').toUpperCase().slice(-6) === b.replace('#', '').toUpperCase().slice(-6);

/** The fill to restore, or undefined to leave the cell's fill alone (the user changed Jixiao's fill). */
export function restoredFill(current: FillState, rec: MarkRecord): FillState | undefined {
  return current.kind === 'solid' && sameColor(current.color, MARK_FILL[rec.severity]) ? rec.fill : undefined;
}

/**
 * The note to leave once Jixiao's text is taken out, or undefined to leave the note alone. Only
 * Jixiao's own text goes: a note the user extended keeps the user's part; a note the user replaced stays.
 */
export function restoredNote(current: string | null, rec: MarkRecord): string | null | undefined {
  if (rec.written === undefined && rec.writtenDigest === undefined) return rec.note; // older records: the note as it was
  if (current === rec.written) return rec.note;
  if (current === null) return undefined;
  const found = ourPartIn(current, rec);
  if (!found) return undefined;
  const rest = current.slice(0, found.at) + current.slice(found.at + found.length);
  return rest.trim() === '' ? null : rest.replace(/^\n+/, '');
}

/** Where Jixiao's part of a marked note is in the note as it is now: by its text, or by its digest after our marker. */
function ourPartIn(current: string, rec: MarkRecord): { at: number; length: number } | null {
  if (rec.written !== undefined) {
    const ours =
      rec.note !== null && rec.written.startsWith(rec.note)
        ? rec.written.slice(rec.note.length)
        : rec.written;
    const at = ours ? current.indexOf(ours) : -1;
    return at < 0 ? null : { at, length: ours.length };
  }
  const digest = rec.writtenDigest!;
  const length = Number(digest.split(':')[0]);
  const marker = rec.note ? NOTE_SEPARATOR : NOTE_PREFIX;
  for (let at = current.indexOf(marker); at >= 0; at = current.indexOf(marker, at + 1))
    if (textDigest(current.slice(at, at + length)) === digest) return { at, length };
  return null;
}

/** The start of a note Jixiao wrote on a cell that had none. */
export const NOTE_PREFIX = '【绩效自评助手】';

/** True when `written` is a note as {@link markedNote} makes it over `own` (so the record cannot smuggle text in). */
export function writtenByUs(own: string | null, written: string): boolean {
  return own === null ? written.startsWith(NOTE_PREFIX) : written.startsWith(`${own}${NOTE_SEPARATOR}`);
}

/**
 * {@link restoredNote} for a record that may be forged: the note is only ever cut back to a part of
 * what the cell now holds, never given text it does not already carry. Undefined: leave the note.
 */
export function safeRestoredNote(current: string | null, rec: MarkRecord): string | null | undefined {
  if (current === null) return undefined;
  if (rec.written === undefined) return writtenByUs(rec.note, current) ? rec.note : undefined;
  if (!writtenByUs(rec.note, rec.written)) return undefined;
  // restoredNote only cuts Jixiao's text out of the current note, or gives rec.note, which `written` (checked above) begins with.
  return restoredNote(current, rec);
}
