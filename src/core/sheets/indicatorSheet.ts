/**
 * 指标计算表: per indicator the formula in words, each input with its value and cell (a link the
 * accountant can follow), the engine's result (percentage points, 2 dp) and, beside it, a live
 * Excel formula over the named inputs, so clicking the cell shows exactly what was computed.
 */
import type Decimal from 'decimal.js';
import { INPUT_BY_NAME } from '../../catalogue/inputs';
import { fixed } from '../decimal';
import type { IndicatorResult, Operand } from '../results';
import type { OutCell, SheetPlan } from '../types';
import { fitRows } from './fit';

export const INDICATOR_SHEET = '指标计算表';

const HEADER = [
  '序号',
  '指标',
  '口径',
  '计算公式',
  '取数项目',
  '数值',
  '单位',
  '所在单元格',
  '计算结果（%）',
  'Excel 公式核对',
  '说明',
];

/** The operand's declared kind and unit (table columns by their key), so 21 人 shows as 21, not 21.00. */
function kindOf(o: Operand): { whole: boolean; unit: string } {
  const d = INPUT_BY_NAME.get(o.name);
  if (d?.type === 'scalar')
    return { whole: d.kind === 'count' || d.kind === 'year', unit: d.unit === '文本' ? '' : d.unit };
  if (/(编制数|在职人数|人数)$/.test(o.name) || /人数/.test(o.label)) return { whole: true, unit: '人' };
  return { whole: false, unit: '万元' };
}

function operandValue(o: Operand): OutCell {
  if (o.value === null) return { value: '（空）', style: 'warning' };
  if (typeof o.value === 'string') return { value: o.value, style: 'label' };
  if (typeof o.value === 'boolean') return { value: o.value ? '是' : '否', style: 'label' };
  const { whole } = kindOf(o);
  return whole
    ? { value: Number(fixed(o.value as Decimal, 0)), style: 'amount', numFmt: '0' }
    : { value: Number(fixed(o.value as Decimal, 2)), style: 'amount' };
}

export function indicatorSheet(indicators: IndicatorResult[]): SheetPlan {
  const rows: SheetPlan['rows'] = [
    [{ value: '指标计算表', style: 'title' }],
    [
      {
        value:
          '各指标按所列公式由“基础数据”等输入表的命名单元格计算；“计算结果”为加载项的计算值（保留两位小数），“Excel 公式核对”为引用同一命名单元格的实时公式，可点击核对。',
        style: 'note',
      },
    ],
    HEADER.map((h): OutCell => ({ value: h, style: 'header' })),
  ];
  const merges: string[] = ['A2:K2'];
  indicators.forEach((r, i) => {
    const first = rows.length; // 0-based row of this indicator's first line
    const operands = r.operands.length > 0 ? r.operands : [null];
    operands.forEach((o, k) => {
      const head = k === 0;
      rows.push([
        head ? { value: i + 1, style: 'label' } : { style: 'label' },
        head ? { value: r.label, style: 'label' } : { style: 'label' },
        head ? { value: r.variant ?? '', style: 'label' } : { style: 'label' },
        head ? { value: r.formula, style: 'text' } : { style: 'text' },
        o ? { value: o.label, style: 'label' } : { value: '', style: 'label' },
        o ? operandValue(o) : { value: '', style: 'label' },
        o && typeof o.value !== 'string' && typeof o.value !== 'boolean'
          ? { value: kindOf(o).unit, style: 'label' }
          : { value: '', style: 'label' },
        o?.address
          ? { value: o.address, style: 'link', link: o.address }
          : { value: o ? '（未找到）' : '', style: 'label' },
        head
          ? r.value === null
            ? { value: '无法计算', style: 'warning' }
            : { value: Number(fixed(r.value, 2)), style: 'rate', numFmt: '0.00"%"' }
          : { style: 'rate' },
        head && r.excelFormula && r.value !== null
          ? { formula: r.excelFormula, style: 'rate', numFmt: '0.00%' }
          : { style: 'rate' },
        head ? { value: r.unavailable ?? '', style: r.unavailable ? 'warning' : 'text' } : { style: 'text' },
      ]);
    });
    const last = rows.length; // 1-based row of the last line
    if (operands.length > 1)
      for (const c of ['A', 'B', 'C', 'D', 'I', 'J', 'K']) merges.push(`${c}${first + 1}:${c}${last}`);
  });
  return fitRows({
    name: INDICATOR_SHEET,
    rows,
    columnWidths: [6, 18, 12, 40, 32, 11, 6, 16, 11, 12, 36],
    merges,
    freezeRows: 3,
    printTitleRows: 3,
  });
}
