/**
 * A reading of a workbook laid out as the template lays it out, from plain values by name.
 * Used to fill the template (sample department, generated benchmark workbooks) and by tests
 * that need a reading without going through a file.
 */
import type { CellValue, RawReading } from '../core/types';
import { INPUTS } from '../catalogue/inputs';
import { PlacedSheet, placedAddresses, placeSheets, TableRows, TEMPLATE_ADDRESS } from '../catalogue/layout';
import { parseRange } from './address';

/** Values by defined name: a scalar value, or table rows (column order of the declaration). */
export type InputValues = Record<string, CellValue | CellValue[][] | undefined>;

/** Tables given more rows than the template holds, with the rows they need. */
export function grownTables(values: InputValues): TableRows {
  const out: Record<string, number> = {};
  for (const d of INPUTS) {
    const v = values[d.name];
    if (d.type === 'table' && Array.isArray(v) && v.length > d.templateRows) out[d.name] = v.length;
  }
  return out;
}

/**
 * Where a template filled with `values` puts everything: tables longer than the template's grow,
 * the blocks below them move down, and each table's name covers all its rows.
 */
export function templateLayout(values: InputValues): {
  placed: PlacedSheet[];
  address: ReadonlyMap<string, string>;
} {
  const grow = grownTables(values);
  const placed = placeSheets(grow);
  return { placed, address: Object.keys(grow).length === 0 ? TEMPLATE_ADDRESS : placedAddresses(placed) };
}

/** The values of one name as the template's range would hold them (tables padded to the range). */
export function rangeValues(name: string, value: InputValues[string]): CellValue[][] {
  const d = INPUTS.find((x) => x.name === name);
  const address = TEMPLATE_ADDRESS.get(name);
  if (!d || !address) throw new Error(`目录中没有名称“${name}”`);
  if (d.type === 'scalar') return [[(value ?? null) as CellValue]];
  const r = parseRange(address)!;
  const height = Math.max(
    r.bottom - r.top + 1,
    Array.isArray(value) ? value.length : (d.defaultRows?.().length ?? 0)
  );
  const width = r.right - r.left + 1;
  // A table not given holds what the template puts in it (e.g. the default rulebook).
  const given = value ?? d.defaultRows?.();
  const rows = Array.isArray(given) ? (given as CellValue[][]) : [];
  return Array.from({ length: height }, (_, i) =>
    Array.from({ length: width }, (_, c) => rows[i]?.[c] ?? null)
  );
}

/** A reading as a host would return it for a template filled with `values` (unknown names rejected). */
export function templateReading(values: InputValues): RawReading {
  for (const k of Object.keys(values)) if (!TEMPLATE_ADDRESS.has(k)) throw new Error(`目录中没有名称“${k}”`);
  const inputs: RawReading['inputs'] = {};
  // Tables longer than the template grow, and what follows them moves down, as a user inserting rows would.
  const { address: at } = templateLayout(values);
  for (const d of INPUTS) {
    const address = at.get(d.name)!;
    const vals = rangeValues(d.name, values[d.name]);
    const r = parseRange(address)!;
    // A default table (the rulebook) may hold more rows than its range: the range extends to them.
    const bottom = r.top + vals.length - 1;
    const addr = d.type === 'table' ? address.replace(/\d+$/, String(bottom + 1)) : address;
    inputs[d.name] = { name: d.name, address: addr, values: vals };
  }
  return { inputs, diagnostics: [] };
}
