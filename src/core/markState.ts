/**
 * How marks on the user's cells are remembered, so that 清除标记 restores each cell exactly.
 *
 * Both hosts keep one record per marked cell in the add-in's very-hidden sheet
 * {@link STATE_SHEET}: the cell's own fill and note as they were before Jixiao touched it.
 * Applying new marks first restores every recorded cell, then records and marks the new ones,
 * so running twice leaves the same workbook as running once.
 */
import { ERROR_FILL, WARNING_FILL } from './styles';
import type { CellValue, Severity } from './types';

export const STATE_SHEET = '_jixiao_state';

/**
 * The marker of a sheet Jixiao made: a hidden sheet-scoped name whose value is the sheet's role
 * (`"评分表"`, `"_jixiao_state"` …). It moves with its sheet when renamed or reordered and Excel keeps
 * it on save; a sheet without it is the user's, whatever its name.
 */
export const OWNER_NAME = '_jixiao_sheet';

/** Fill colours of marks: apart from the input fill in hue and in grey (see src/core/styles.ts). */
export const MARK_FILL: Record<Severity, string> = { 错误: ERROR_FILL, 提示: WARNING_FILL };

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
}

/** The 6th column of a file-host record. */
export function encodeCheck(r: MarkRecord): string {
  return JSON.stringify({
    written: r.written ?? null,
    value: r.value ?? null,
    ...(r.xf !== undefined && { xf: r.xf }),
    ...(r.bare && { bare: r.bare }),
    ...(r.noteXml !== undefined && { noteXml: r.noteXml }),
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

const HEADER = ['address', 'fill', 'note', 'severity'];

export function encodeState(records: MarkRecord[]): CellValue[][] {
  return [HEADER, ...records.map((r) => [r.address, JSON.stringify(r.fill), r.note === null ? '' : JSON.stringify(r.note), r.severity])];
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
  if (f?.kind === 'other' && typeof f.raw === 'string' && parsed(f.raw) !== undefined) return { kind: 'other', raw: f.raw };
  return { kind: 'none' };
}

/** Reads the records back; a damaged record still restores its cell (to no fill, the note as written) rather than throwing. */
export function decodeState(values: CellValue[][] | undefined): MarkRecord[] {
  if (!values || values.length < 2 || values[0][0] !== HEADER[0]) return [];
  const out: MarkRecord[] = [];
  for (const row of values.slice(1)) {
    const [address, fill, note, severity, via, check] = row.map((v) => (v === null || v === undefined ? '' : String(v)));
    const checked = check ? (parsed(check) as { written?: unknown; value?: unknown; xf?: unknown; bare?: unknown; noteXml?: unknown } | undefined) : undefined;
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
      ...(xf === null || (typeof xf === 'number' && Number.isInteger(xf) && xf >= 0 && xf < 65_536) ? { xf } : {}),
      ...(checked?.bare === 'cell' || checked?.bare === 'row' ? { bare: checked.bare } : {}),
      ...(typeof checked?.noteXml === 'string' ? { noteXml: checked.noteXml } : {}),
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

const sameColor = (a: string, b: string) => a.replace('#', '').toUpperCase().slice(-6) === b.replace('#', '').toUpperCase().slice(-6);

/** The fill to restore, or undefined to leave the cell's fill alone (the user changed Jixiao's fill). */
export function restoredFill(current: FillState, rec: MarkRecord): FillState | undefined {
  return current.kind === 'solid' && sameColor(current.color, MARK_FILL[rec.severity]) ? rec.fill : undefined;
}

/**
 * The note to leave once Jixiao's text is taken out, or undefined to leave the note alone. Only
 * Jixiao's own text goes: a note the user extended keeps the user's part; a note the user replaced stays.
 */
export function restoredNote(current: string | null, rec: MarkRecord): string | null | undefined {
  if (rec.written === undefined) return rec.note; // older records: the note as it was
  if (current === rec.written) return rec.note;
  if (current === null) return undefined;
  const ours = rec.note !== null && rec.written.startsWith(rec.note) ? rec.written.slice(rec.note.length) : rec.written;
  const at = ours ? current.indexOf(ours) : -1;
  if (at < 0) return undefined;
  const rest = current.slice(0, at) + current.slice(at + ours.length);
  return rest.trim() === '' ? null : rest.replace(/^\n+/, '');
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
