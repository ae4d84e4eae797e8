/**
 * The input template as a plan: labelled input sheets laid out like the 部门决算 tables and the
 * 湖南 基础数据表, every name defined, units shown, input cells styled as inputs, and a sheet
 * explaining how to fill it. Both hosts apply it (CLI `template`, task pane 插入模板); with
 * values it also builds filled workbooks (the sample department, benchmark workbooks).
 */
import type { InputValues } from './fill';
import { rangeValues, templateLayout } from './fill';
import { INPUTS, INPUT_SHEETS } from '../catalogue/inputs';
import { LIST_HEADER, PlacedSheet, TEMPLATE_ADDRESS, colLetter } from '../catalogue/layout';
import type { InputKind, ScalarDecl } from '../catalogue/types';
import { absolute } from './address';
import { D } from './decimal';
import { fitRows, linesFor, MAX_ROW_LINES, rowPoints } from './sheets/fit';
import { LEGEND } from './styles';
import type { CellValue, OutCell, Plan, SheetPlan } from './types';

export const GUIDE_SHEET = '填表说明';

const NUM_FMT: Partial<Record<InputKind, string>> = {
  amount: '#,##0.00',
  rate: '0.00%',
  count: '0',
  score: '0.00',
  year: '0',
};

/** A value as the template writes it: rates typed as "91.30%" become the fraction Excel stores. */
function cellValue(v: CellValue | undefined, kind: InputKind): OutCell['value'] {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') return v.error;
  if (kind === 'rate' && typeof v === 'string' && /^-?\d+(\.\d+)?%$/.test(v.trim()))
    return new D(v.trim().slice(0, -1)).div(100).toNumber();
  return v;
}

function inputCell(v: CellValue | undefined, kind: InputKind): OutCell {
  return { value: cellValue(v, kind), style: kind === 'text' ? 'inputText' : 'input', numFmt: NUM_FMT[kind] };
}

function set(rows: Array<Array<OutCell | null>>, r: number, c: number, cell: OutCell): void {
  while (rows.length <= r) rows.push([]);
  const row = rows[r];
  while (row.length <= c) row.push(null);
  row[c] = cell;
}

function sourceNote(d: ScalarDecl): string {
  return [d.required ? '必填' : '', d.source ?? '', `名称：${d.name}`].filter(Boolean).join('；');
}

function inputSheetPlan(ps: PlacedSheet, values: InputValues): SheetPlan {
  const rows: Array<Array<OutCell | null>> = [];
  const merges: string[] = [];
  const rowHeights: Record<number, number> = {};
  const width = ps.widths.length;
  set(rows, 0, 0, { value: ps.sheet.name, style: 'title' });
  set(rows, 1, 0, { value: ps.sheet.caption, style: 'note' });
  merges.push(`A2:${colLetter(width - 1)}2`);
  // Row 3 is the legend of the colours the sheet may show: where to type, and what a mark means.
  LEGEND.forEach((l, i) => set(rows, 2, i, { value: l.text, style: l.style }));
  for (const pb of ps.blocks) {
    const b = pb.block;
    set(rows, pb.titleRow, 0, { value: `${b.title}${gridUnit(pb)}`, style: 'subtotal' });
    if (b.note) set(rows, pb.titleRow + 1, 0, { value: b.note, style: 'note' });
    const headerRow = pb.titleRow + 1 + (b.note ? 1 : 0);
    switch (b.type) {
      case 'list':
        LIST_HEADER.forEach((h, c) => set(rows, headerRow, c, { value: h, style: 'header' }));
        for (const { decl, row, col } of pb.cells) {
          set(rows, row, 0, { value: decl.label, style: 'label' });
          set(rows, row, col, inputCell(values[decl.name] as CellValue, decl.kind));
          set(rows, row, 2, { value: decl.unit, style: 'label' });
          set(rows, row, 3, { value: sourceNote(decl), style: 'note' });
        }
        break;
      case 'grid':
        set(rows, headerRow, 0, { value: b.corner, style: 'header' });
        b.colLabels.forEach((h, c) => set(rows, headerRow, c + 1, { value: h, style: 'header' }));
        b.rowLabels.forEach((l, r) => set(rows, headerRow + 1 + r, 0, { value: l, style: 'label' }));
        for (const { decl, row, col } of pb.cells)
          set(rows, row, col, inputCell(values[decl.name] as CellValue, decl.kind));
        break;
      case 'text': {
        const { decl, row } = pb.cells[0];
        set(rows, row, 0, { ...inputCell(values[decl.name] as CellValue, 'text'), style: 'inputText' });
        merges.push(`A${row + 1}:${colLetter(width - 1)}${row + 1}`);
        // Tall enough for the text it holds, with a line to spare (readers wrap CJK punctuation a little
        // earlier than measured; an empty cell leaves room to type), never over Excel's 409 pt.
        const text = String(values[decl.name] ?? '');
        const across = ps.widths.reduce((a, w) => a + w, 0);
        const lines = linesFor(text, across) + 1;
        rowHeights[row] = Math.max(60, rowPoints(lines));
        // The input is one cell (its name points there), so a text taller than the tallest row cannot be
        // cut into rows here: the title says where the whole text reads (报告草稿 sets it out in rows).
        if (lines > MAX_ROW_LINES)
          set(rows, pb.titleRow, 0, {
            value: `${b.title}（文字较长，单元格只显示开头；全文见编辑栏，或运行后的“报告草稿”表）`,
            style: 'subtotal',
          });
        break;
      }
      case 'table': {
        const t = pb.table!;
        t.decl.columns.forEach((c, i) =>
          set(rows, t.headerRow, i, {
            value: `${c.label}${c.unit === '文本' ? '' : `（${c.unit}）`}`,
            style: 'header',
          })
        );
        const vals = rangeValues(t.decl.name, values[t.decl.name]);
        vals.forEach((line, r) =>
          t.decl.columns.forEach((c, i) => set(rows, t.firstRow + r, i, inputCell(line[i], c.kind)))
        );
        break;
      }
    }
  }
  return fitRows({
    name: ps.sheet.name,
    rows,
    columnWidths: ps.widths,
    merges,
    rowHeights,
    freezeRows: 0,
    onExisting: 'keep',
  });
}

/** A grid's unit in its title, when all its cells share one (`（单位：万元）`); lists and tables show units per row or column. */
function gridUnit(pb: PlacedSheet['blocks'][number]): string {
  if (pb.block.type !== 'grid') return '';
  const units = new Set(pb.cells.map((c) => c.decl.unit));
  return units.size === 1 ? `（单位：${[...units][0]}）` : '';
}

function guideSheet(): SheetPlan {
  const lines: Array<[string, string]> = [
    [
      '这是什么',
      '部门整体支出绩效自评的基础数据工作簿。绩效自评助手通过“名称”（公式 → 名称管理器）读取各项数据，计算指标、评分、核对勾稽关系并起草自评报告。',
    ],
    [
      '怎么填',
      '只在橙色底的输入单元格中填写。金额单位为万元，保留两位小数；人数填整数；比率填百分比（如 91.30%）。',
    ],
    ['空白与零', '空白表示“未填”，0 或“-”表示零。不要用空白代替 0。'],
    [
      '同一数字多处出现',
      '报表中同一数字会在多张表出现（如年初结转和结余），请在每一处按报表原样填写；助手会核对它们是否一致。',
    ],
    [
      '表格',
      '明细表（人员、项目、任务等）逐行填写，可在区域内任意行填写，空行会被忽略；行数不够时在区域中间插入行，名称会随之扩展。',
    ],
    [
      '自己的表格',
      '已有自己版式的工作簿，可在任务窗格“数据”页选中单元格后点“绑定”，把名称指向自己的单元格。',
    ],
    ['评分规则', '“评分规则”表是默认评分办法，可按本地区文件修改分值和参数；各级分值须加总一致。'],
    [
      '出错说明',
      '核对发现的“提示”类问题如有合理原因，可在“出错说明”表中按规则编号填写说明，报告会引用为偏差原因。',
    ],
    [
      '输出',
      '运行后生成“指标计算表”“评分表”“问题清单”“报告草稿”四张表；有问题的输入单元格会加底色和批注，可用“清除标记”一键去除，不改变任何数值。',
    ],
  ];
  const rows: Array<Array<OutCell | null>> = [
    [{ value: '填表说明', style: 'title' }],
    [],
    [
      { value: '事项', style: 'header' },
      { value: '说明', style: 'header' },
    ],
    ...lines.map(([a, b]): OutCell[] => [
      { value: a, style: 'label' },
      { value: b, style: 'text' },
    ]),
    [],
    [
      { value: '输入表', style: 'header' },
      { value: '内容', style: 'header' },
    ],
    ...INPUT_SHEETS.map((s): OutCell[] => [
      { value: s.name, style: 'link', link: `${s.name}!A1` },
      { value: s.caption, style: 'text' },
    ]),
  ];
  return { name: GUIDE_SHEET, rows, columnWidths: [20, 90], onExisting: 'keep' };
}

/** The template plan; `values` fills the input cells (names not given stay blank). */
export function templatePlan(values: InputValues = {}): Plan {
  for (const k of Object.keys(values)) if (!TEMPLATE_ADDRESS.has(k)) throw new Error(`目录中没有名称“${k}”`);
  // A table given more rows than the template holds grows (what follows moves down), its name covering every row.
  const layout = templateLayout(values);
  return {
    sheets: [guideSheet(), ...layout.placed.map((ps) => inputSheetPlan(ps, values))],
    marks: [],
    names: INPUTS.map((d) => ({
      name: d.name,
      address: absolute(layout.address.get(d.name)!),
      comment: d.label,
    })),
    activate: GUIDE_SHEET,
  };
}
