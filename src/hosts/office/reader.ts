/**
 * Reads every catalogue name from the open workbook through office.js, in three syncs whatever
 * the number of names or table rows: (1) workbook-scoped names and the sheet list, (2) each
 * sheet's own names, (3) the ranges. Name resolution (scope, #REF!, constants, whole columns)
 * is the core's (src/core/names.ts), so both hosts report the same diagnostics.
 */
import { INPUTS } from '../../catalogue/inputs';
import { normaliseAddress } from '../../core/address';
import { DefinedNameEntry, resolveNames } from '../../core/names';
import type { CellValue, Diagnostic, RawReading } from '../../core/types';

const NAME_PROPS = 'items/name,items/type,items/formula';

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
  names: string[] = INPUTS.map((d) => d.name)
): Promise<RawReading> {
  const workbook = context.workbook;
  const bookNames = workbook.names.load(NAME_PROPS);
  const sheets = workbook.worksheets.load('items/name');
  await context.sync();

  const sheetNames = sheets.items.map((ws) => ({ sheet: ws.name, names: ws.names.load(NAME_PROPS) }));
  await context.sync();

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

  const ranges = new Map<string, Excel.Range>();
  for (const name of names) {
    const r = resolved.get(name);
    const c = r?.entry && candidateOf.get(r.entry);
    if (!r?.address || !c) continue;
    ranges.set(name, c.item.getRangeOrNullObject().load('address,values,valueTypes'));
  }
  await context.sync();

  const inputs: RawReading['inputs'] = {};
  for (const name of names) {
    const r = resolved.get(name)!;
    const range = ranges.get(name);
    if (!range) {
      inputs[name] = { name, diagnostic: r.diagnostic };
      continue;
    }
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
    const types = range.valueTypes;
    inputs[name] = {
      name,
      address: normaliseAddress(range.address) ?? r.address,
      values: range.values.map((row, i) => row.map((v, j) => cellValue(v, types[i][j]))),
    };
  }
  return { inputs, diagnostics };
}
