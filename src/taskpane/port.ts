/**
 * What the task pane needs from a workbook, whoever holds it: Excel through office.js, an .xlsx
 * file in the browser (the web page), or a fake in tests. The components only talk to this.
 */
import { INPUT_BY_NAME } from '../catalogue/inputs';
import type { Diagnostic, Plan, RawReading } from '../core/types';
import type { CellPreview } from './preview';

export interface WorkbookPort {
  /** Reads every catalogue name in one batch. */
  readAll(): Promise<RawReading>;
  /** Writes a plan (result sheets, marks, names); resolves to what it could not do (notices), if anything. */
  applyPlan(plan: Plan): Promise<Diagnostic[] | void>;
  /** Activates the sheet of `address` (`Sheet!A1[:B2]`) and selects the range. */
  select(address: string): Promise<void>;
  /** Points the workbook-scoped name at the user's current selection; returns its `Sheet!A1` address. */
  bindSelection(name: string): Promise<string>;
  /** Removes every mark the add-in put on input cells, restoring their own fill and notes. */
  clearMarks(): Promise<Diagnostic[] | void>;
  /** Records a department's explanation of a finding in the 出错说明 input table (replacing an earlier one). */
  writeExplanation(entry: Explanation): Promise<void>;
  /**
   * Calls `listener` when the user edits the workbook (never for the port's own writes).
   * Returns an unsubscribe function. Optional: file-backed ports have no live edits.
   */
  onUserEdit?(listener: () => void): Promise<() => void>;
  /**
   * The cells around `address`, read-only, values as displayed: for a port that cannot select (the
   * web page), so a finding still shows its cell. Optional.
   */
  preview?(address: string): Promise<CellPreview | null>;
  /** Whether `select` / `bindSelection` mean anything here (not for a file in a browser). */
  readonly live: boolean;
}

/** The input table where departments explain 提示 findings, keyed by finding id. */
export const EXPLANATION_TABLE = '出错说明表';

export interface Explanation {
  /** Finding id (the 问题清单's 规则 column), e.g. `same.公用经费决算`. */
  id: string;
  title: string;
  text: string;
}

/** Which column of the 出错说明表 holds what, from its declaration (规则编号, 问题摘要, 说明). */
function explanationColumns(): { id: number; title: number; text: number; width: number } {
  const d = INPUT_BY_NAME.get(EXPLANATION_TABLE);
  const keys = d?.type === 'table' ? d.columns.map((c) => c.key) : ['规则编号', '问题摘要', '说明'];
  const at = (k: string, fallback: number) => (keys.indexOf(k) >= 0 ? keys.indexOf(k) : fallback);
  return { id: at('规则编号', 0), title: at('问题摘要', 1), text: at('说明', 2), width: keys.length };
}

/**
 * Where an explanation goes in the table's current values: the row already holding this id, else
 * the first empty row (-1 when full), and the row to write there.
 */
export function explanationRow(
  values: unknown[][],
  e: Explanation
): { row: number; cells: Array<string | null> } {
  const col = explanationColumns();
  const blank = (v: unknown) => v === null || v === undefined || String(v).trim() === '';
  let row = values.findIndex((r) => String(r[col.id] ?? '').trim() === e.id);
  if (row < 0) row = values.findIndex((r) => r.every(blank));
  const cells: Array<string | null> = Array.from({ length: col.width }, () => null);
  cells[col.id] = e.id;
  cells[col.title] = e.title;
  cells[col.text] = e.text;
  return { row, cells };
}

/** A port's failure carries a Chinese message fit for a MessageBar. */
export class PortError extends Error {}
