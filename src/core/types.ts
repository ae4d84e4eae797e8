/**
 * The contracts between the pure core and its hosts.
 *
 * A host reads every catalogue name into a {@link RawReading} (values exactly as the
 * cells hold them, plus where they came from), the core turns it into results and a
 * {@link Plan}, and the host applies the plan. Nothing in here touches Office or files.
 */
import type Decimal from 'decimal.js';

/** A cell value as a host reads it: office.js `values` / ExcelJS results, errors as `{ error: '#REF!' }`. */
export type CellValue = string | number | boolean | null | Date | { error: string };

/** How grave a mark or an input diagnostic is. */
export type Severity = '错误' | '提示';

/**
 * What a finding asks of the reader: 错误 must be corrected (a failed 表内/表间 identity, as the 部门决算
 * software refuses it); 提示 may stand with a written reason (决算 over 预算, a unit that looks off);
 * 待补 is a blank to fill, neither of the two.
 */
export type FindingSeverity = Severity | '待补';

/** Something wrong with one input, named by cell, in Chinese. */
export interface Diagnostic {
  /** Stable machine code, e.g. `name-missing`, `not-a-number`. */
  code: string;
  severity: Severity;
  /** Chinese message naming the cell and what was expected. */
  message: string;
  /** The defined name concerned. */
  name?: string;
  /** `Sheet!A1` of the offending cell (no `$`). */
  address?: string;
}

/** What a host read for one catalogue name. */
export interface RawInput {
  name: string;
  /** Range address, `Sheet!A1` or `Sheet!A1:F20`, no `$`, sheet unquoted. Absent if the name could not be resolved. */
  address?: string;
  /** The range's values, row-major (a single cell is `[[v]]`). */
  values?: CellValue[][];
  /** Why the name could not be used (missing, #REF!, not a range, …), or why its values read as empty (uncomputed formula, merged cell). */
  diagnostic?: Diagnostic;
}

/** Everything a host read in one batch. */
export interface RawReading {
  /** Keyed by defined name. Every catalogue name has an entry (missing ones carry a diagnostic). */
  inputs: Record<string, RawInput>;
  /** Workbook-level diagnostics (e.g. duplicate names), never fatal. */
  diagnostics: Diagnostic[];
}

export type Amount = Decimal;

/** A parsed scalar input. `value` is null when blank or unusable (see diagnostics). */
export interface ParsedScalar {
  name: string;
  address?: string;
  value: Decimal | string | boolean | null;
  /** True when the cell was blank (distinct from 0). */
  blank: boolean;
  diagnostics: Diagnostic[];
  /** For a rate or an amount typed as text, the decimal places it was stated to (see ParseResult.decimals). */
  decimals?: number;
  /** For an amount typed with the unit 元, the number as typed (see ParseResult.yuan); `value` is null. */
  yuan?: Decimal;
}

export interface ParsedCell {
  value: Decimal | string | boolean | null;
  blank: boolean;
  address?: string;
}

/** A parsed table: only non-empty rows, each cell keyed by column key. */
export interface ParsedTable {
  name: string;
  address?: string;
  rows: Array<{ index: number; cells: Record<string, ParsedCell> }>;
  diagnostics: Diagnostic[];
}

// ---------------------------------------------------------------- the write plan

/** Cell style names the hosts know how to render (see src/core/plan.ts STYLES). */
export type StyleName =
  | 'title'
  | 'header'
  | 'label'
  | 'text'
  | 'amount'
  | 'rate'
  | 'score'
  | 'input'
  | 'inputText'
  | 'subtotal'
  | 'total'
  | 'note'
  | 'error'
  | 'warning'
  | 'ok'
  | 'link';

export interface OutCell {
  /** A value. Strings are always written as text, never as formulas, even when they start with = + - @. */
  value?: string | number | boolean | null;
  /** A live formula (without the leading `=`), e.g. `基础_在职人数/基础_编制数`. Hosts write it as a formula. */
  formula?: string;
  style?: StyleName;
  /** Excel number format, e.g. `0.00`, `0.00%`. */
  numFmt?: string;
  /** Internal hyperlink target `Sheet!A1`. */
  link?: string;
  /** External hyperlink, e.g. a result workbook's relative file name in a batch summary. */
  href?: string;
}

/** One of the add-in's own sheets, rewritten whole on every run. */
export interface SheetPlan {
  name: string;
  /** Row-major cells starting at A1; `null` leaves a cell empty. */
  rows: Array<Array<OutCell | null>>;
  /** Column widths in characters. */
  columnWidths?: number[];
  /** Ranges to merge, e.g. `A1:F1`. */
  merges?: string[];
  /** Rows frozen at the top. */
  freezeRows?: number;
  /** Whether the sheet is hidden (`veryHidden` for internal state). */
  visibility?: 'visible' | 'hidden' | 'veryHidden';
  /** A column chart of given series, where the host supports charts. */
  chart?: ChartPlan;
  /**
   * What to do when a sheet of this name exists: `replace` (the add-in's output sheets, the default)
   * or `keep` (template input sheets: never overwrite the user's own sheet).
   */
  onExisting?: 'replace' | 'keep';
  /** Row heights in points, by 0-based row index. */
  rowHeights?: Record<number, number>;
  /** Paper orientation; absent, landscape when the columns are wider than a portrait page reads well. */
  orientation?: 'portrait' | 'landscape';
  /** Pages tall when printed (1: shrink to one page); absent, as many as needed. Always one page wide. */
  pagesTall?: number;
  /** Rows (from the top) printed again at the top of every page: the title and the column headers. */
  printTitleRows?: number;
  /** 0-based columns grouped (outline) and collapsed: machine columns a reader can unfold. */
  groupedColumns?: { first: number; last: number };
}

export interface ChartPlan {
  title: string;
  /** Range of category labels and the series columns, e.g. `A3:A6`, [`B3:B6`, `C3:C6`]. */
  categories: string;
  series: Array<{ name: string; range: string }>;
  /** Top-left anchor cell. */
  anchor: string;
}

/** A reversible mark on a user's input cell. */
export interface CellMark {
  /** `Sheet!A1`. */
  address: string;
  severity: Severity;
  /** Note text (Chinese). */
  note: string;
}

/** Everything a host writes for one run. */
export interface Plan {
  /** Output sheets, in order. Existing sheets of these names are replaced. */
  sheets: SheetPlan[];
  /** Marks to put on input cells (after removing the previous run's marks). */
  marks: CellMark[];
  /** Workbook-scoped defined names to create or repoint (the template's names, bindings). */
  names?: Array<{ name: string; address: string; comment?: string }>;
  /** Sheet to activate at the end, if any. */
  activate?: string;
}
