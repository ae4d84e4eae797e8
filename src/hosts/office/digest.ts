/**
 * A marker proves authorship only while the sheet is as Jixiao wrote it (issue 24 item 3). Beside each
 * sheet's marker the Office host keeps, as the file host does, the hidden sheet-scoped name
 * {@link DIGEST_NAME} holding {@link contentDigest} of what it wrote; a marked sheet whose content no
 * longer matches is the user's. Here: reading a sheet's content in bands within the response budget,
 * its digest as Excel returns it, and writing the name.
 *
 * While a sheet is being rewritten its digest is empty (`=""`): a run that fails half-way leaves a
 * marker without a digest, which is trusted as before digests, not a half-written sheet taken for the
 * user's.
 */
import { a1 } from '../../catalogue/layout';
import { parseRange } from '../../core/address';
import { contentDigest, DigestCell, DIGEST_NAME, planDigest } from '../../core/markState';
import type { OutCell, SheetPlan } from '../../core/types';
import { Batch, cost, jsonBytes, RESPONSE_BUDGET } from './budget';

/** Response bytes one band of rows is read for at most (a fraction of the budget, so bands pack requests). */
const BAND_BYTES = Math.floor(RESPONSE_BUDGET / 4);
import type { Capabilities } from './capabilities';

/** A cell as outputSheets.ts writes it: a formula with its `=`, else the value ('' for none). */
export function writtenFormula(cell: OutCell | null): string | number | boolean {
  if (!cell) return '';
  if (cell.formula !== undefined) return cell.formula.startsWith('=') ? cell.formula : `=${cell.formula}`;
  return cell.value ?? '';
}

/**
 * The digest of an output sheet as Excel holds it once written: a linked cell shows its link's text
 * (see writeLinks), and a merged area keeps only its top-left cell.
 */
export function writtenDigest(sp: SheetPlan): string {
  const hidden = new Set<string>();
  for (const m of sp.merges ?? []) {
    const r = parseRange(`x!${m}`);
    if (!r) continue;
    for (let row = r.top; row <= r.bottom; row++)
      for (let col = r.left; col <= r.right; col++)
        if (row !== r.top || col !== r.left) hidden.add(`${row},${col}`);
  }
  const rows = sp.rows.map((line, row) =>
    line.map((cell, col) => {
      if (!cell || hidden.has(`${row},${col}`)) return null;
      return cell.link && cell.formula === undefined
        ? { ...cell, value: String(cell.value ?? cell.link) }
        : cell;
    })
  );
  return planDigest({ rows });
}

/**
 * What reading a sheet of a role costs, judged from this run's plan for the role: the sheet, while
 * still ours, holds the last run's, laid out alike (a long text in the same row). Each row is read as
 * values and formulas, about twice the plan's row; a row past the plan's, or shorter than average,
 * is taken at the average, and a column past the plan's at an empty cell.
 */
export interface ContentEstimate {
  /** Bytes of each of the plan's rows (its formulas and values as JSON). */
  rows: number[];
  average: number;
  width: number;
}

/** Values and formulas: twice the row, a tenth more for values longer than their formulas. */
const READ_FACTOR = 2.2;
/** Bytes of an empty cell in both arrays (`"",` twice). */
const EMPTY_CELL = 6;
/** At least a short value per cell, whatever the plan (a role whose plan is empty this run). */
const SHORT_CELL = 40;

export function contentEstimate(sp: SheetPlan): ContentEstimate {
  const rows = sp.rows.map((row) => jsonBytes(row.map(writtenFormula)));
  return {
    rows,
    average: rows.reduce((a, b) => a + b, 0) / Math.max(1, rows.length),
    width: Math.max(0, ...sp.rows.map((r) => r.length)),
  };
}

/** A sheet's used range (values only) as loaded with the markers. */
export type UsedRange = Pick<
  Excel.Range,
  'isNullObject' | 'rowIndex' | 'columnIndex' | 'rowCount' | 'columnCount'
>;

/** Queues loading the used range of a sheet (values only: formats are not content). */
export async function queueUsedRange(batch: Batch, ws: Excel.Worksheet): Promise<Excel.Range> {
  let used!: Excel.Range;
  await batch.add(
    cost.sum(
      cost.path('GetUsedRangeOrNullObject', [true]),
      cost.query(['rowIndex', 'columnIndex', 'rowCount', 'columnCount'], 90)
    ),
    () => {
      used = ws.getUsedRangeOrNullObject(true).load('rowIndex,columnIndex,rowCount,columnCount');
    }
  );
  return used;
}

/**
 * Queues reading a sheet's content (values and formulas of its used range, in bands of rows within the
 * response budget); after the flush, the function returns its digest as {@link contentDigest} makes it:
 * values as Excel returns them, a formula cell by its place only. A formula is told from a text that
 * starts with `=` (written into a text-formatted cell) by its value differing from its formula.
 */
export async function queueContent(
  batch: Batch,
  ws: Excel.Worksheet,
  used: UsedRange,
  estimate: ContentEstimate
): Promise<() => string> {
  if (used.isNullObject) return () => contentDigest([]);
  const { rowIndex: top, columnIndex: left, rowCount, columnCount } = used;
  const extra = EMPTY_CELL * Math.max(0, left + columnCount - estimate.width);
  const rowBytes = (row: number) =>
    Math.max(
      Math.ceil(READ_FACTOR * Math.max(estimate.rows[row] ?? 0, estimate.average)) + extra,
      SHORT_CELL * columnCount
    );
  const bands: Array<{ top: number; range: Excel.Range }> = [];
  for (let from = 0; from < rowCount;) {
    let rows = 0;
    let bytes = 0;
    while (from + rows < rowCount && (rows === 0 || bytes + rowBytes(top + from + rows) <= BAND_BYTES))
      bytes += rowBytes(top + from + rows++);
    const address = `${a1(top + from, left)}:${a1(top + from + rows - 1, left + columnCount - 1)}`;
    const at = top + from;
    await batch.add(
      cost.sum(cost.path('GetRange', [address]), cost.query(['values', 'formulas'], bytes)),
      () => void bands.push({ top: at, range: ws.getRange(address).load('values,formulas') })
    );
    from += rows;
  }
  return () => {
    const cells: DigestCell[] = [];
    for (const { top: row0, range } of bands)
      range.values.forEach((line, i) =>
        line.forEach((value, j) => {
          const f = range.formulas[i][j] as unknown;
          const formula = typeof f === 'string' && f.startsWith('=') && f !== value;
          if (!formula && (value === '' || value === null)) return;
          cells.push({ row: row0 + i, col: left + j, value: value as DigestCell['value'], formula });
        })
      );
    return contentDigest(cells);
  };
}

/** The digest name's value as loaded: a digest, or null when the sheet has none (or an empty one: a run was writing it). */
export function digestOf(name: Excel.NamedItem | undefined): string | null {
  return name && !name.isNullObject && typeof name.value === 'string' && name.value ? name.value : null;
}

/**
 * Queues emptying a sheet's digest before its content changes: the name set to `=""`, or added so
 * (hidden) where the sheet has none yet. Where names cannot be set (before ExcelApi 1.7) no digest is kept.
 */
export async function openDigest(
  batch: Batch,
  ws: () => Excel.Worksheet,
  hasName: boolean,
  can: Capabilities
): Promise<void> {
  if (!can.digest) return;
  if (hasName)
    await batch.add(
      cost.sum(cost.path('Names'), cost.path('GetItem', [DIGEST_NAME]), cost.set('Formula', '=""')),
      () => void (ws().names.getItem(DIGEST_NAME).formula = '=""')
    );
  else
    await batch.add(
      cost.sum(cost.path('Names'), cost.path('Add', [DIGEST_NAME, '=""', null]), cost.set('Visible', false)),
      () => void (ws().names.add(DIGEST_NAME, '=""').visible = false),
      'once'
    );
}

/** Queues recording the digest of what was written (the name exists: see {@link openDigest}). */
export async function closeDigest(
  batch: Batch,
  ws: () => Excel.Worksheet,
  digest: string,
  can: Capabilities
): Promise<void> {
  if (!can.digest) return;
  const formula = `="${digest}"`;
  await batch.add(
    cost.sum(cost.path('Names'), cost.path('GetItem', [DIGEST_NAME]), cost.set('Formula', formula)),
    () => void (ws().names.getItem(DIGEST_NAME).formula = formula)
  );
}
