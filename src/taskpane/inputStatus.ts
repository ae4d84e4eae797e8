/** Each catalogue input's state for the 数据 tab: bound to a cell, missing, or invalid. */
import { INPUTS } from '../catalogue/inputs';
import type { Model } from '../core/model';
import type { RawReading } from '../core/types';

export type BindingStatus = '已绑定' | '缺失' | '无效';

export interface InputStatus {
  name: string;
  label: string;
  sheet: string;
  block: string;
  required: boolean;
  status: BindingStatus;
  /** Where the name points, `Sheet!A1[:B2]`. */
  address?: string;
  /** The first problem, in Chinese, when not 已绑定. */
  message?: string;
}

/** Codes that mean the figure is absent rather than wrong. */
const ABSENT = new Set(['name-missing', 'required-missing', 'required-blank']);

export function inputStatuses(reading: RawReading, model: Model): InputStatus[] {
  return INPUTS.map((d): InputStatus => {
    const raw = reading.inputs[d.name];
    const problems = model.diagnostics.filter((x) => x.name === d.name && x.severity === '错误');
    const base = { name: d.name, label: d.label, sheet: d.sheet, block: d.block, required: d.required, address: raw?.address };
    if (!raw?.address) return { ...base, status: '缺失', message: raw?.diagnostic?.message ?? problems[0]?.message };
    const invalid = problems.find((x) => !ABSENT.has(x.code));
    if (invalid) return { ...base, status: '无效', message: invalid.message };
    const blank = problems.find((x) => ABSENT.has(x.code));
    if (blank) return { ...base, status: '缺失', message: blank.message };
    return { ...base, status: '已绑定' };
  });
}
