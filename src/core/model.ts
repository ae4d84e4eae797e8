/**
 * The parsed workbook: every catalogue input typed, with its cell, and every diagnostic.
 * Indicators, checks and the narrative read the department's figures only through this.
 */
import type Decimal from 'decimal.js';
import { INPUTS, INPUT_BY_NAME } from '../catalogue/inputs';
import type { InputDecl, ScalarDecl, TableDecl } from '../catalogue/types';
import { cellIn } from './address';
import { parseCell } from './parse';
import type {
  CellValue,
  Diagnostic,
  ParsedCell,
  ParsedScalar,
  ParsedTable,
  RawInput,
  RawReading,
} from './types';

export interface Model {
  /** Every scalar input (blank when missing). */
  scalars: ReadonlyMap<string, ParsedScalar>;
  tables: ReadonlyMap<string, ParsedTable>;
  /** Every input diagnostic, in catalogue order, then workbook-level ones. */
  diagnostics: Diagnostic[];
  scalar(name: string): ParsedScalar;
  /** A number-kind scalar (amount, count, rate in points, score, year), or null when blank/unusable. */
  num(name: string): Decimal | null;
  text(name: string): string | null;
  table(name: string): ParsedTable;
  /** `Sheet!A1` of a name, if it resolved. */
  address(name: string): string | undefined;
}

function decl<T extends InputDecl['type']>(name: string, type: T): Extract<InputDecl, { type: T }> {
  const d = INPUT_BY_NAME.get(name);
  if (!d || d.type !== type) throw new Error(`目录中没有${type === 'table' ? '表格' : '单项'}名称“${name}”`);
  return d as Extract<InputDecl, { type: T }>;
}

function where(d: InputDecl): string {
  return `${d.sheet}“${d.block}”`;
}

function missing(d: InputDecl, raw: RawInput | undefined): Diagnostic[] {
  if (raw?.diagnostic) return [raw.diagnostic];
  return [];
}

function parseScalar(d: ScalarDecl, raw: RawInput | undefined): ParsedScalar {
  const diagnostics = missing(d, raw);
  if (!raw?.values || !raw.address) {
    if (d.required && diagnostics.length === 0)
      diagnostics.push({
        code: 'required-missing',
        severity: '错误',
        message: `缺少必填项“${d.label}”（名称 ${d.name}，应在${where(d)}中）`,
        name: d.name,
      });
    return { name: d.name, value: null, blank: true, diagnostics };
  }
  const rows = raw.values;
  const cells = rows.flat();
  if (cells.length !== 1) {
    diagnostics.push({
      code: 'not-single-cell',
      severity: '错误',
      message: `名称 ${d.name}（${d.label}）指向 ${raw.address}，共 ${cells.length} 个单元格；应只指向一个单元格`,
      name: d.name,
      address: raw.address,
    });
    return { name: d.name, address: raw.address, value: null, blank: true, diagnostics };
  }
  const address = cellIn(raw.address, 0, 0) ?? raw.address;
  const r = parseCell(cells[0] as CellValue, d.kind, { name: d.name, label: d.label, address });
  if (r.diagnostic) diagnostics.push(r.diagnostic);
  // A cell read as empty for a reason already reported (uncomputed formula, merged over) is not also "blank".
  if (d.required && r.blank && !raw.diagnostic)
    diagnostics.push({
      code: 'required-blank',
      severity: '错误',
      message: `${address}（${d.label}）是必填项，目前为空；请填写${d.unit === '文本' ? '' : `（单位：${d.unit}）`}`,
      name: d.name,
      address,
    });
  return {
    name: d.name,
    address,
    value: r.value,
    blank: r.blank,
    diagnostics,
    ...(r.decimals !== undefined ? { decimals: r.decimals } : {}),
    ...(r.yuan !== undefined ? { yuan: r.yuan } : {}),
  };
}

function parseTable(d: TableDecl, raw: RawInput | undefined): ParsedTable {
  const diagnostics = missing(d, raw);
  const rows: ParsedTable['rows'] = [];
  if (!raw?.values || !raw.address) {
    if (d.required && diagnostics.length === 0)
      diagnostics.push({
        code: 'required-missing',
        severity: '错误',
        message: `缺少必填表格“${d.label}”（名称 ${d.name}，应在${where(d)}中）`,
        name: d.name,
      });
    return { name: d.name, rows, diagnostics };
  }
  const width = raw.values[0]?.length ?? 0;
  if (width < d.columns.length) {
    diagnostics.push({
      code: 'table-too-narrow',
      severity: '错误',
      message: `名称 ${d.name}（${d.label}）指向 ${raw.address}，只有 ${width} 列；应有 ${d.columns.length} 列：${d.columns.map((c) => c.label).join('、')}`,
      name: d.name,
      address: raw.address,
    });
    return { name: d.name, address: raw.address, rows, diagnostics };
  }
  raw.values.forEach((line, i) => {
    const blankRow = d.columns.every((_, c) => {
      const v = line[c];
      return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
    });
    if (blankRow) return;
    const cells: Record<string, ParsedCell> = {};
    d.columns.forEach((col, c) => {
      const address = cellIn(raw.address!, i, c);
      const r = parseCell(line[c] as CellValue, col.kind, {
        name: d.name,
        label: `${d.label}·${col.label}`,
        address,
      });
      if (r.diagnostic) diagnostics.push(r.diagnostic);
      if (col.required && r.blank)
        diagnostics.push({
          code: 'required-blank',
          severity: '错误',
          message: `${address}（${d.label}第 ${i + 1} 行·${col.label}）为空；本行已填写其他内容，此栏必填`,
          name: d.name,
          address,
        });
      cells[col.key] = { value: r.value, blank: r.blank, address };
    });
    rows.push({ index: i, cells });
  });
  if (d.required && rows.length === 0 && diagnostics.length === 0)
    diagnostics.push({
      code: 'required-blank',
      severity: '错误',
      message: `${raw.address}（${d.label}）是必填表格，目前没有任何数据行`,
      name: d.name,
      address: raw.address,
    });
  return { name: d.name, address: raw.address, rows, diagnostics };
}

/** Parses everything a host read. Never throws on bad input: problems become diagnostics. */
export function buildModel(reading: RawReading): Model {
  const scalars = new Map<string, ParsedScalar>();
  const tables = new Map<string, ParsedTable>();
  const diagnostics: Diagnostic[] = [];
  for (const d of INPUTS) {
    const raw = reading.inputs[d.name];
    if (d.type === 'scalar') {
      const p = parseScalar(d, raw);
      scalars.set(d.name, p);
      diagnostics.push(...p.diagnostics);
    } else {
      const p = parseTable(d, raw);
      tables.set(d.name, p);
      diagnostics.push(...p.diagnostics);
    }
  }
  diagnostics.push(...reading.diagnostics);
  return {
    scalars,
    tables,
    diagnostics,
    scalar(name) {
      decl(name, 'scalar');
      return scalars.get(name)!;
    },
    num(name) {
      const v = this.scalar(name).value;
      return v !== null && typeof v === 'object' ? v : null;
    },
    text(name) {
      const v = this.scalar(name).value;
      return typeof v === 'string' ? v : null;
    },
    table(name) {
      decl(name, 'table');
      return tables.get(name)!;
    },
    address(name) {
      return scalars.get(name)?.address ?? tables.get(name)?.address;
    },
  };
}
