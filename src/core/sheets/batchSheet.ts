/** The 汇总 sheet of a batch review: one row per department, linking to its result workbook. */
import type { OutCell, SheetPlan } from '../types';

/** One workbook of a batch: its scores (display strings, 2 dp) and findings, or why it failed. */
export interface SummaryRow {
  file: string;
  output?: string;
  unit?: string | null;
  year?: string | null;
  total?: string | null;
  grade?: string | null;
  /** 一级 name → score. */
  level1?: Record<string, string>;
  errors?: number;
  warnings?: number;
  /** 待补: blanks to fill, neither 错误 nor 提示. */
  missing?: number;
  worst?: string;
  /** The department's report beside the workbook (same base name), its numbers checked; or why it could not be read. */
  report?: { file: string; claims?: number; fails?: number; unverifiable?: number; failure?: string };
  /** Set when the workbook could not be evaluated at all. */
  failure?: string;
}

export const SUMMARY_SHEET = '汇总';

const REPORT_COLUMNS = ['核对的报告', '报告数字说法', '报告不成立', '报告无法核实'];

/** The report's file (or why it could not be read) and its counts; blank where no report was found. */
function reportCells(r: SummaryRow): OutCell[] {
  const x = r.report;
  const blank: OutCell = { value: '', style: 'label' };
  if (!x) return [blank, blank, blank, blank];
  if (x.failure) return [{ value: `${x.file}：${x.failure}`, style: 'text' }, blank, blank, blank];
  return [
    { value: x.file, style: 'label' },
    { value: x.claims ?? '', style: 'label' },
    { value: x.fails ?? '', style: x.fails ? 'error' : 'label' },
    { value: x.unverifiable ?? '', style: 'label' },
  ];
}

export function summarySheet(rows: SummaryRow[]): SheetPlan {
  const level1 = [...new Set(rows.flatMap((r) => Object.keys(r.level1 ?? {})))];
  // Columns for the reports' numbers only when the batch found a report beside some workbook.
  const reports = rows.some((r) => r.report);
  const reportWidths = reports ? [24, 10, 10, 10] : [];
  const header = [
    '序号',
    '单位',
    '年度',
    '总分',
    '等级',
    ...level1,
    '错误数',
    '提示数',
    '待补数',
    ...(reports ? REPORT_COLUMNS : []),
    '最严重的问题',
    '结果文件',
    '状态',
  ];
  const sorted = [...rows].sort(
    (a, b) => Number(!!a.failure) - Number(!!b.failure) || (b.errors ?? 0) - (a.errors ?? 0)
  );
  const body = sorted.map((r, i): Array<OutCell | null> => [
    { value: i + 1, style: 'label' },
    { value: r.unit ?? r.file, style: 'label' },
    { value: r.year ?? '', style: 'label' },
    r.total ? { value: Number(r.total), style: 'score' } : { value: '', style: 'label' },
    { value: r.grade ?? '', style: 'label' },
    ...level1.map((k): OutCell =>
      r.level1?.[k] ? { value: Number(r.level1[k]), style: 'score' } : { value: '', style: 'label' }
    ),
    { value: r.errors ?? '', style: r.errors ? 'error' : 'label' },
    { value: r.warnings ?? '', style: r.warnings ? 'warning' : 'label' },
    { value: r.missing ?? '', style: 'label' },
    ...(reports ? reportCells(r) : []),
    { value: r.failure ?? r.worst ?? '', style: 'text' },
    r.output ? { value: r.output, style: 'link', href: r.output } : { value: r.file, style: 'label' },
    { value: r.failure ? '无法评价' : '已评价', style: r.failure ? 'error' : 'ok' },
  ]);
  return {
    name: SUMMARY_SHEET,
    rows: [
      [
        {
          value: `部门整体支出绩效自评批量审核汇总（共 ${rows.length} 个工作簿，${rows.filter((r) => r.failure).length} 个无法评价）`,
          style: 'title',
        },
      ],
      header.map((h): OutCell => ({ value: h, style: 'header' })),
      ...body,
    ],
    columnWidths: [6, 28, 8, 8, 6, ...level1.map(() => 8), 8, 8, 8, ...reportWidths, 60, 30, 10],
    freezeRows: 2,
  };
}
