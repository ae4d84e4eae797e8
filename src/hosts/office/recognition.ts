/**
 * The Office side of import by recognition: read the user's sheets as grids (values and merged
 * areas) in one batch, and create our defined names on the user's own cells — nothing copied, the
 * user keeps working in their own tables. Each is a constant number of round trips, whatever the
 * number of sheets or names: loads are queued for every sheet, then one sync.
 */
import { INPUT_BY_NAME } from '../../catalogue/inputs';
import { parseRange } from '../../core/address';
import { a1 } from '../../catalogue/layout';
import type { CellValue } from '../../core/types';
import { ImportSheet, MAX_COLS, MAX_ROWS, Merge } from '../../import/grid';

/** office.js values → CellValue ('' is blank; error strings such as #REF! stay text and parse as errors). */
const cellOf = (v: unknown): CellValue => (v === '' || v === undefined ? null : (v as CellValue));

/** Reads every worksheet's values from A1 and its merged areas: three syncs in all, whatever the number of sheets. */
export async function readSheetsForImport(context: Excel.RequestContext): Promise<ImportSheet[]> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  const used = sheets.items.map((ws) => {
    const u = ws.getUsedRangeOrNullObject(true);
    u.load(['address']);
    return { ws, u };
  });
  await context.sync();
  const reads = used.map(({ ws, u }) => {
    const r = u.isNullObject ? null : parseRange(u.address);
    if (!r) return { name: ws.name, values: null, merges: null };
    // From A1, so that row and column indexes are the sheet's own; bounded like the file host.
    const window = ws.getRange(`A1:${a1(Math.min(r.bottom, MAX_ROWS - 1), Math.min(r.right, MAX_COLS - 1))}`);
    window.load(['values']);
    const merges = window.getMergedAreasOrNullObject();
    merges.load(['address']);
    return { name: ws.name, values: window, merges };
  });
  await context.sync();
  return reads.map(({ name, values, merges }): ImportSheet => {
    if (!values || !merges) return { name, cells: [] };
    const areas: Merge[] = merges.isNullObject
      ? []
      : merges.address
          .split(',')
          .map((a) => parseRange(a.trim()))
          .filter((x): x is NonNullable<typeof x> => x !== null)
          .map((x) => ({ top: x.top, left: x.left, bottom: x.bottom, right: x.right }));
    return { name, cells: values.values.map((row) => row.map(cellOf)), merges: areas };
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
