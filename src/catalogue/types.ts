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
  /**
   * A figure the department states that other inputs determine (a rate, a change, a difference), kept to be
   * checked against its recomputation: a 比率 check reads it (test/core/statedFigures.test.ts).
   */
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

// ------------------------------------------------------------------ indicators (declared here, interpreted by src/core/indicators.ts)

/** The regional formula choices (framework: 湖南 variants beside the national 指标解释). */
export interface Variants {
  /**
   * 湖南: (上年结转+年初预算+本年追加−年末结余)/(上年结转+年初预算+本年追加); 国家: 完成数/(年初预算+本年追加);
   * 年初预算: 完成数/年初预算 (the national 口径 when a report states completion of the year-start budget).
   */
  预算完成率: '湖南' | '国家' | '年初预算';
  /** 预算: 本年预算数对上年预算数 (national 指标解释); 决算: 本年决算数对上年决算数. */
  三公经费变动率: '预算' | '决算';
  /** 国家: (调整数−剔除数)/年初预算; 预算控制率: 调整数/年初预算, no exclusion (湖南多地). */
  预算调整率: '国家' | '预算控制率';
}

/** A column of the 三公 table. */
export type SanGongColumn = '本年预算' | '上年预算' | '本年决算' | '上年决算';

/** A flag column of the 产出任务表. */
export type TaskFlag = '是否完成' | '是否按时' | '是否达标' | '是否重点';

/** A figure an indicator reads: blank or unusable inputs leave it unknown (never 0), except `optional`. */
export type Figure =
  /** A named number; `label` overrides the input's own label in the operands. */
  | { input: string; label?: string }
  /** A "其中" line: blank means none (0). */
  | { optional: string }
  | { sum: Figure[] }
  | { minus: [Figure, Figure] }
  /** The 三公 total of a column: its 合计 row, else the sum of the items (公务用车 else its two parts). */
  | { sanGong: SanGongColumn; label: string }
  /** 重点项目支出: the named figure, else the top-level projects flagged 重点 in the project table. */
  | { keyProjects: true };

/** numerator ÷ denominator × 100%. */
export interface RatioDecl {
  kind: 'ratio';
  /** Shown label when it differs from the indicator's (e.g. 预算控制率). */
  label?: string;
  formula: string;
  /** The regional variant's name, as the indicator sheet shows it. */
  variant?: string;
  numerator: Figure;
  denominator: Figure;
  /** What the denominator is, for the zero message; by default the denominator input with its cell. */
  denominatorLabel?: string;
}

/** rows of the 产出任务表 meeting `count` ÷ rows meeting `base` (all rows when absent). */
export interface TaskRateDecl {
  kind: 'taskRate';
  formula: string;
  numeratorLabel: string;
  denominatorLabel: string;
  count: TaskFlag[];
  base?: TaskFlag;
}

export type IndicatorRule = RatioDecl | TaskRateDecl;

export interface IndicatorDecl {
  /** Stable id, the Chinese name. */
  id: string;
  label: string;
  /** Every named input the indicator may read (all variants). */
  inputs: string[];
  /** One rule, or one per choice of a regional variant. */
  rule: IndicatorRule | { variant: keyof Variants; choices: { [choice: string]: RatioDecl } };
}
