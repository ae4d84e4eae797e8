/**
 * 指标计算表: per indicator the formula in words, each input with its value and cell (a link the
 * accountant can follow), the engine's result (percentage points, 2 dp) and, beside it, a live
 * Excel formula over the named inputs, so clicking the cell shows exactly what was computed.
 */
import type Decimal from 'decimal.js';
import { fixed } from '../decimal';
import type { IndicatorResult, Operand } from '../results';
import type { OutCell, SheetPlan } from '../types';

export const INDICATOR_SHEET = '指标计算表';

const HEADER = ['序号', '指标', '口径', '计算公式', '取数项目', '数值', '所在单元格', '计算结果', 'Excel 公式核对', '说明'];

function operandValue(o: Operand): OutCell {
  if (o.value === null) return { value: '（空）', style: 'warning' };
  if (typeof o.value === 'string') return { value: o.value, style: 'label' };
  if (typeof o.value === 'boolean') return { value: o.value ? '是' : '否', style: 'label' };
  return { value: Number(fixed(o.value as Decimal, 2)), style: 'amount' };
}

export function indicatorSheet(indicators: IndicatorResult[]): SheetPlan {
  const rows: SheetPlan['rows'] = [
    [{ value: '指标计算表', style: 'title' }],
    [{ value: '各指标按所列公式由“基础数据”等输入表的命名单元格计算；“计算结果”为加载项的计算值（保留两位小数），“Excel 公式核对”为引用同一命名单元格的实时公式，可点击核对。', style: 'note' }],
    HEADER.map((h): OutCell => ({ value: h, style: 'header' })),
  ];
  const merges: string[] = ['A2:J2'];
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
        o?.address ? { value: o.address, style: 'link', link: o.address } : { value: o ? '（未找到）' : '', style: 'label' },
        head
          ? r.value === null
            ? { value: '无法计算', style: 'warning' }
            : { value: Number(fixed(r.value, 2)), style: 'rate', numFmt: '0.00"%"' }
          : { style: 'rate' },
        head && r.excelFormula && r.value !== null ? { formula: r.excelFormula, style: 'rate', numFmt: '0.00%' } : { style: 'rate' },
        head ? { value: r.unavailable ?? '', style: r.unavailable ? 'warning' : 'text' } : { style: 'text' },
      ]);
    });
    const last = rows.length; // 1-based row of the last line
    if (operands.length > 1)
      for (const c of ['A', 'B', 'C', 'D', 'H', 'I', 'J']) merges.push(`${c}${first + 1}:${c}${last}`);
  });
  return {
    name: INDICATOR_SHEET,
    rows,
    columnWidths: [6, 18, 16, 46, 36, 12, 18, 12, 14, 46],
    merges,
    freezeRows: 3,
  };
}
