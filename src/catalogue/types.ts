/** Declarations of the named inputs. One declaration per figure; everything else derives from them. */

/** What a cell holds, which decides how it is parsed. */
export type InputKind =
  | 'amount' // 金额，万元，decimal
  | 'count' // 人数、个数，非负整数
  | 'rate' // 比率，% (91.30% or 0.913 or "91.30%")
  | 'score' // 分
  | 'year' // 年度
  | 'flag' // 是 / 否
  | 'date' // 日期
  | 'text'; // 文本

export type Unit = '万元' | '人' | '个' | '%' | '分' | '年' | '是/否' | '日期' | '文本';

export const UNIT_OF_KIND: Record<InputKind, Unit> = {
  amount: '万元',
  count: '人',
  rate: '%',
  score: '分',
  year: '年',
  flag: '是/否',
  date: '日期',
  text: '文本',
};

export interface ScalarDecl {
  type: 'scalar';
  /** Excel defined name (workbook scope), readable in Name Manager. */
  name: string;
  /** Chinese label, in the words of the 决算 tables and the report. */
  label: string;
  kind: InputKind;
  unit: Unit;
  /** Input sheet the template puts it on. */
  sheet: string;
  /** Block title on that sheet (the "table" it belongs to). */
  block: string;
  required: boolean;
  /** Where accountants find the figure (决算表 / 批复文件). */
  source?: string;
  /** Text inputs that hold paragraphs. */
  multiline?: boolean;
  /** A rate the department itself stated, kept to be checked against its recomputation. */
  stated?: boolean;
}

export interface ColumnDecl {
  key: string;
  label: string;
  kind: InputKind;
  unit: Unit;
  /** A row with any value must have this column filled. */
  required?: boolean;
  width?: number;
}

export interface TableDecl {
  type: 'table';
  name: string;
  label: string;
  sheet: string;
  block: string;
  required: boolean;
  columns: ColumnDecl[];
  /** Empty rows the template lays out (the named range covers them). */
  templateRows: number;
  source?: string;
  /** Rows the template fills in (e.g. the default rulebook); users may edit them. */
  defaultRows?: () => Array<Array<string | number | null>>;
}

export type InputDecl = ScalarDecl | TableDecl;

/** How the template lays a block out on its sheet. */
export type Block =
  | { type: 'list'; title: string; note?: string; items: ScalarDecl[] }
  | {
      type: 'grid';
      title: string;
      note?: string;
      /** Header of the row-label column. */
      corner: string;
      rowLabels: string[];
      colLabels: string[];
      /** cells[r][c]: the declaration in that cell, or null for a blank cell. */
      cells: Array<Array<ScalarDecl | null>>;
    }
  | { type: 'table'; title: string; note?: string; table: TableDecl }
  | { type: 'text'; title: string; note?: string; item: ScalarDecl };

export interface InputSheet {
  name: string;
  /** One line under the sheet title: what the sheet is, as in the 决算 tables. */
  caption: string;
  blocks: Block[];
}
