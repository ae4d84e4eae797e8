/**
 * Reads every catalogue name from the open workbook through office.js: (1) workbook-scoped names and
 * the sheet list, (2) each sheet's own names, (3) the ranges, the large ones in bands of rows so no
 * response passes its budget: three syncs up to tens of thousands of table rows, more beyond. Name
 * resolution (scope, #REF!, constants, whole columns) is the core's (src/core/names.ts), so both hosts
 * report the same diagnostics.
 */
import { INPUTS } from '../../catalogue/inputs';
import { a1 } from '../../catalogue/layout';
import { normaliseAddress, parseRange } from '../../core/address';
import { DefinedNameEntry, resolveNames } from '../../core/names';
import type { CellValue, Diagnostic, RawReading } from '../../core/types';
import { Batch, BatchOptions, cost, RESPONSE_BUDGET } from './budget';

const NAME_PROPS = 'items/name,items/type,items/formula';
/** Response bytes of one name with its type and formula. */
const NAME_BYTES = 200;
/** Response bytes of one cell's value and value type (a number or short text, `Double`). */
const CELL_BYTES = 40;
/** Cells one read carries at most: a fraction of the response budget. */
const BAND_CELLS = Math.floor(RESPONSE_BUDGET / 4 / CELL_BYTES);

interface Candidate {
  entry: DefinedNameEntry;
  item: Excel.NamedItem;
}

/** office.js values → CellValue: '' is blank, error cells become `{ error }`. */
function cellValue(v: unknown, type: unknown): CellValue {
  if (String(type) === 'Error') return { error: String(v) };
  if (v === '' || v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}

export async function readInputs(
  context: Excel.RequestContext,
  names: string[] = INPUTS.map((d) => d.name),
  options: BatchOptions = {}
): Promise<RawReading> {
  const batch = new Batch(context, options);
  const workbook = context.workbook;
  let bookNames!: Excel.NamedItemCollection;
  let sheets!: Excel.WorksheetCollection;
  // A workbook of the template holds a few hundred names.
  await batch.add(
    cost.sum(
      cost.path('Names'),
      cost.query(['items/name', 'items/type', 'items/formula'], 1_000 * NAME_BYTES)
    ),
    () => {
      bookNames = workbook.names.load(NAME_PROPS);
    }
  );
  await batch.add(cost.sum(cost.path('Worksheets'), cost.query(['items/name'], 5_000)), () => {
    sheets = workbook.worksheets.load('items/name');
  });
  await batch.flush();

  const sheetNames: Array<{ sheet: string; names: Excel.NamedItemCollection }> = [];
  for (const ws of sheets.items)
    await batch.add(
      cost.sum(
        cost.path('Names'),
        cost.query(['items/name', 'items/type', 'items/formula'], 100 * NAME_BYTES)
      ),
      () => sheetNames.push({ sheet: ws.name, names: ws.names.load(NAME_PROPS) })
    );
  await batch.flush();

  const candidates: Candidate[] = [
    ...bookNames.items.map((item) => ({ entry: { name: item.name, formula: item.formula }, item })),
    ...sheetNames.flatMap(({ sheet, names: coll }) =>
      coll.items.map((item) => ({ entry: { name: item.name, formula: item.formula, scope: sheet }, item }))
    ),
  ];
  const { resolved, diagnostics } = resolveNames(
    candidates.map((c) => c.entry),
    names
  );
  const candidateOf = new Map(candidates.map((c) => [c.entry, c]));

  // Each name's range (its address, and whether it still exists); its values whole, or in bands of rows.
  const ranges = new Map<string, { range: Excel.Range; bands: Excel.Range[] }>();
  for (const name of names) {
    const r = resolved.get(name);
    const c = r?.entry && candidateOf.get(r.entry);
    if (!r?.address || !c) continue;
    const box = parseRange(r.address);
    const width = box ? box.right - box.left + 1 : 1;
    const height = box ? box.bottom - box.top + 1 : 1;
    if (!box || width * height <= BAND_CELLS) {
      await batch.add(
        cost.sum(
          cost.path('GetItem', [name]),
          cost.path('GetRangeOrNullObject'),
          cost.query(['address', 'values', 'valueTypes'], 100 + width * height * CELL_BYTES)
        ),
        () =>
          ranges.set(name, {
            range: c.item.getRangeOrNullObject().load('address,values,valueTypes'),
            bands: [],
          })
      );
      continue;
    }
    const read = { range: c.item.getRangeOrNullObject(), bands: [] as Excel.Range[] };
    await batch.add(
      cost.sum(cost.path('GetItem', [name]), cost.path('GetRangeOrNullObject'), cost.query(['address'], 100)),
      () => {
        read.range.load('address');
        ranges.set(name, read);
      }
    );
    const rowsPerBand = Math.max(1, Math.floor(BAND_CELLS / width));
    for (let top = 0; top < height; top += rowsPerBand) {
      const rows = Math.min(rowsPerBand, height - top);
      const band = `${a1(box.top + top, box.left)}:${a1(box.top + top + rows - 1, box.right)}`;
      await batch.add(
        cost.sum(
          cost.path('GetItem', [box.sheet]),
          cost.path('GetRange', [band]),
          cost.query(['values', 'valueTypes'], 100 + rows * width * CELL_BYTES)
        ),
        () =>
          void read.bands.push(
            workbook.worksheets.getItem(box.sheet).getRange(band).load('values,valueTypes')
          )
      );
    }
  }
  await batch.flush();

  const inputs: RawReading['inputs'] = {};
  for (const name of names) {
    const r = resolved.get(name)!;
    const read = ranges.get(name);
    if (!read) {
      inputs[name] = { name, diagnostic: r.diagnostic };
      continue;
    }
    const { range, bands } = read;
    if (range.isNullObject) {
      const diagnostic: Diagnostic = {
        code: 'name-ref-error',
        severity: '错误',
        message: `名称 ${name} 指向的 ${r.address} 已不存在；请在“名称管理器”中重新指向正确的单元格`,
        name,
      };
      inputs[name] = { name, diagnostic };
      continue;
    }
    const parts = bands.length ? bands : [range];
    inputs[name] = {
      name,
      address: normaliseAddress(range.address) ?? r.address,
      values: parts.flatMap((part) => {
        const types = part.valueTypes;
        return part.values.map((row, i) => row.map((v, j) => cellValue(v, types[i][j])));
      }),
    };
  }
  return { inputs, diagnostics };
}
