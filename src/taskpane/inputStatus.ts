/**
 * Each catalogue input's state for the 数据 tab, kept apart as the user acts on them: the name does not
 * exist (bind it or insert the template), it exists but the cell is blank (fill it in), it holds a
 * usable value (shown beside it), or the value cannot be used (named with the reason).
 */
import { INPUTS } from '../catalogue/inputs';
import type { InputKind } from '../catalogue/types';
import { D } from '../core/decimal';
import type { Model } from '../core/model';
import { grouped } from '../core/sheets/numbers';
import type { CellValue, RawReading } from '../core/types';

export type BindingStatus = '名称不存在' | '未填写' | '已填写' | '无效';

export interface InputStatus {
  name: string;
  label: string;
  sheet: string;
  block: string;
  required: boolean;
  status: BindingStatus;
  /** Where the name points, `Sheet!A1[:B2]`. */
  address?: string;
  /** The value read, as the cell shows it (`1,500.00`, `21`, `91.30%`, `12 行`); absent when blank. */
  value?: string;
  /** The first problem, in Chinese, when not 已填写. */
  message?: string;
}

/** Codes that mean the figure is absent rather than wrong. */
const ABSENT = new Set(['name-missing', 'required-missing', 'required-blank']);

const blank = (v: CellValue | undefined) =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** One cell's value as its cell shows it. */
export function shownValue(v: CellValue, kind: InputKind): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && v !== null) return v.error;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') {
    if (kind === 'amount') return grouped(new D(v), 2);
    if (kind === 'rate') return `${grouped(new D(v).times(Math.abs(v) <= 1.5 ? 100 : 1), 2)}%`;
    if (kind === 'score') return grouped(new D(v), 2);
    return String(v);
  }
  const text = String(v).trim();
  return text.length > 24 ? `${text.slice(0, 23)}…` : text;
}

function valueOf(values: CellValue[][] | undefined, kind: InputKind | 'table'): string | undefined {
  if (!values) return undefined;
  if (kind === 'table') {
    const rows = values.filter((r) => r.some((v) => !blank(v))).length;
    return rows ? `${rows} 行` : undefined;
  }
  const v = values[0]?.[0];
  return blank(v) ? undefined : shownValue(v as CellValue, kind);
}

export function inputStatuses(reading: RawReading, model: Model): InputStatus[] {
  return INPUTS.map((d): InputStatus => {
    const raw = reading.inputs[d.name];
    const problems = model.diagnostics.filter((x) => x.name === d.name && x.severity === '错误');
    const base = {
      name: d.name,
      label: d.label,
      sheet: d.sheet,
      block: d.block,
      required: d.required,
      address: raw?.address,
    };
    if (!raw?.address)
      return { ...base, status: '名称不存在', message: raw?.diagnostic?.message ?? problems[0]?.message };
    const value = valueOf(raw.values, d.type === 'table' ? 'table' : d.kind);
    const invalid =
      problems.find((x) => !ABSENT.has(x.code)) ??
      (raw.diagnostic && !ABSENT.has(raw.diagnostic.code) ? raw.diagnostic : undefined);
    if (invalid) return { ...base, value, status: '无效', message: invalid.message };
    if (value === undefined)
      return { ...base, status: '未填写', message: problems.find((x) => ABSENT.has(x.code))?.message };
    return { ...base, value, status: '已填写' };
  });
}
