/** How each plan style looks, host-neutral. Both hosts render these and nothing else. */
import type { StyleName } from './types';

export interface CellStyle {
  bold?: boolean;
  /** Font size in points. */
  size?: number;
  /** Font colour `#RRGGBB`. */
  color?: string;
  /** Solid fill `#RRGGBB`. */
  fill?: string;
  wrap?: boolean;
  align?: 'left' | 'center' | 'right';
  border?: boolean;
  numFmt?: string;
  underline?: boolean;
}

export const STYLES: Record<StyleName, CellStyle> = {
  title: { bold: true, size: 14 },
  header: { bold: true, fill: '#D9E1F2', border: true, align: 'center', wrap: true },
  label: { border: true, wrap: true },
  text: { wrap: true, border: true },
  amount: { border: true, numFmt: '#,##0.00', align: 'right' },
  rate: { border: true, numFmt: '0.00"%"', align: 'right' },
  score: { border: true, numFmt: '0.00', align: 'right' },
  // Input cells: Excel's own "Input" cell style colours, so accountants recognise them.
  input: { fill: '#FFCC99', color: '#3F3F76', border: true },
  subtotal: { bold: true, fill: '#F2F2F2', border: true },
  total: { bold: true, fill: '#E2EFDA', border: true },
  note: { color: '#595959', wrap: true },
  error: { color: '#9C0006', fill: '#FFC7CE', border: true, wrap: true },
  warning: { color: '#9C5700', fill: '#FFEB9C', border: true, wrap: true },
  ok: { color: '#006100', fill: '#C6EFCE', border: true },
  link: { color: '#0563C1', underline: true, border: true },
};
