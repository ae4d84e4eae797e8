/**
 * The Office side of import by recognition: read the user's sheets as grids (values and merged
 * areas), and create our defined names on the user's own cells — nothing copied, the user keeps
 * working in their own tables. Loads are queued for every sheet and sent as the request budget allows
 * (budget.ts): three syncs for a few sheets, more for many large ones.
 */
import { INPUT_BY_NAME } from '../../catalogue/inputs';
import { parseRange } from '../../core/address';
import { a1 } from '../../catalogue/layout';
import type { CellValue } from '../../core/types';
import { ImportSheet, MAX_COLS, MAX_ROWS, Merge } from '../../import/grid';
import { Batch, cost, RESPONSE_BUDGET } from './budget';

/** office.js values → CellValue ('' is blank; error strings such as #REF! stay text and parse as errors). */
const cellOf = (v: unknown): CellValue => (v === '' || v === undefined ? null : (v as CellValue));

/** Response bytes of one cell's value (a number or a label of a few characters), and cells read per call. */
const CELL_BYTES = 40;
const BAND_CELLS = Math.floor(RESPONSE_BUDGET / 4 / CELL_BYTES);
/** Response bytes of a sheet's merged areas (a 决算 table has a few hundred at most). */
const MERGES_BYTES = 30_000;

/** Reads every worksheet's values from A1 (in bands of rows) and its merged areas. */
export async function readSheetsForImport(context: Excel.RequestContext): Promise<ImportSheet[]> {
  const batch = new Batch(context);
  const sheets = context.workbook.worksheets;
  await batch.add(cost.sum(cost.path('Worksheets'), cost.query(['items/name'], 5_000)), () =>
    sheets.load('items/name')
  );
  await batch.flush();
  const used: Array<{ ws: Excel.Worksheet; u: Excel.Range }> = [];
  for (const ws of sheets.items)
    await batch.add(
      cost.sum(cost.path('GetUsedRangeOrNullObject', [true]), cost.query(['address'], 80)),
      () => used.push({ ws, u: ws.getUsedRangeOrNullObject(true).load('address') })
    );
  await batch.flush();
  const reads: Array<{ name: string; bands: Excel.Range[]; merges: Excel.RangeAreas | null }> = [];
  for (const { ws, u } of used) {
    const r = u.isNullObject ? null : parseRange(u.address);
    const read = { name: ws.name, bands: [] as Excel.Range[], merges: null as Excel.RangeAreas | null };
    reads.push(read);
    if (!r) continue;
    // From A1, so that row and column indexes are the sheet's own; bounded like the file host.
    const bottom = Math.min(r.bottom, MAX_ROWS - 1);
    const right = Math.min(r.right, MAX_COLS - 1);
    const window = `A1:${a1(bottom, right)}`;
    await batch.add(
      cost.sum(
        cost.path('GetRange', [window]),
        cost.path('GetMergedAreasOrNullObject'),
        cost.query(['address'], MERGES_BYTES)
      ),
      () => {
        read.merges = ws.getRange(window).getMergedAreasOrNullObject().load('address');
      }
    );
    const rows = Math.max(1, Math.floor(BAND_CELLS / (right + 1)));
    for (let top = 0; top <= bottom; top += rows) {
      const band = `A${top + 1}:${a1(Math.min(bottom, top + rows - 1), right)}`;
      const cells = (Math.min(bottom, top + rows - 1) - top + 1) * (right + 1);
      await batch.add(
        cost.sum(cost.path('GetRange', [band]), cost.query(['values'], 100 + cells * CELL_BYTES)),
        () => read.bands.push(ws.getRange(band).load('values'))
      );
    }
  }
  await batch.flush();
  return reads.map(({ name, bands, merges }): ImportSheet => {
    if (!merges) return { name, cells: [] };
    const areas: Merge[] = merges.isNullObject
      ? []
      : merges.address
          .split(',')
          .map((a) => parseRange(a.trim()))
          .filter((x): x is NonNullable<typeof x> => x !== null)
          .map((x) => ({ top: x.top, left: x.left, bottom: x.bottom, right: x.right }));
    return { name, cells: bands.flatMap((b) => b.values.map((row) => row.map(cellOf))), merges: areas };
  });
}

export interface Binding {
  name: string;
  sheet: string;
  /** `B7`. */
  cell: string;
}

/**
 * Points each name at the user's cell (an existing name of ours is repointed, by delete + add, both
 * ExcelApi 1.4). Two syncs in all. Returns the names bound.
 */
export async function bindRecognised(context: Excel.RequestContext, bindings: Binding[]): Promise<string[]> {
  const names = context.workbook.names;
  names.load('items/name');
  await context.sync();
  const existing = new Set(names.items.map((n) => n.name));
  for (const b of bindings) {
    if (existing.has(b.name)) names.getItem(b.name).delete();
    const decl = INPUT_BY_NAME.get(b.name);
    names.add(
      b.name,
      context.workbook.worksheets.getItem(b.sheet).getRange(b.cell),
      decl ? `绩效自评助手：${decl.label}（识别）` : undefined
    );
  }
  await context.sync();
  return bindings.map((b) => b.name);
}
