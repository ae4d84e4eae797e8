/** How each plan style looks, host-neutral. Both hosts render these and nothing else. */
import type { StyleName } from './types';

export interface CellStyle {
  /** Typeface; every style names one so bold text never falls back to a serif face. */
  font?: string;
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
  /** A thick coloured outline (the error mark is not colour alone). */
  outline?: string;
}

/**
 * The sheets' typeface: 宋体 is on every Chinese Windows, WPS and Office for Mac install; the file host
 * also writes charset 134 (GB2312) so a reader without it falls back to a CJK face, never a serif Latin one.
 */
export const SHEET_FONT = '宋体';
/** GB2312: tells Excel, WPS and LibreOffice the face is Chinese, so a substitute is a CJK face. */
export const SHEET_FONT_CHARSET = 134;

/** The template's input fill (Excel's "Input" style). */
export const INPUT_FILL = '#FFCC99';
/**
 * Mark colours, chosen apart from {@link INPUT_FILL} in hue and in grey: printed in grey the input
 * fill is about 84% white, an error about 64% and a 提示 about 95%, so the three stay distinguishable
 * for colour-weak readers and on a black-and-white printer. Black text stays above 7:1 on each.
 */
export const ERROR_FILL = '#FF7C80';
export const WARNING_FILL = '#FFF2CC';
export const ERROR_OUTLINE = '#C00000';

const BASE: Record<StyleName, CellStyle> = {
  title: { bold: true, size: 14 },
  header: { bold: true, fill: '#D9E1F2', border: true, align: 'center', wrap: true },
  label: { border: true, wrap: true },
  text: { wrap: true, border: true },
  amount: { border: true, numFmt: '#,##0.00', align: 'right' },
  rate: { border: true, numFmt: '0.00"%"', align: 'right' },
  score: { border: true, numFmt: '0.00', align: 'right' },
  // Input cells: Excel's own "Input" cell style colours, so accountants recognise them.
  input: { fill: INPUT_FILL, color: '#3F3F76', border: true },
  inputText: { fill: INPUT_FILL, color: '#3F3F76', border: true, wrap: true },
  subtotal: { bold: true, fill: '#F2F2F2', border: true },
  total: { bold: true, fill: '#E2EFDA', border: true },
  note: { color: '#595959', wrap: true },
  error: { color: '#000000', fill: ERROR_FILL, border: true, wrap: true, outline: ERROR_OUTLINE },
  warning: { color: '#000000', fill: WARNING_FILL, border: true, wrap: true },
  ok: { color: '#006100', fill: '#C6EFCE', border: true },
  link: { color: '#0563C1', underline: true, border: true, wrap: true },
};

/** Every style with the sheet typeface named. */
export const STYLES: Record<StyleName, CellStyle> = Object.fromEntries(
  Object.entries(BASE).map(([k, v]) => [k, { font: SHEET_FONT, ...v }])
) as Record<StyleName, CellStyle>;

/** The legend of the colours a reader meets on the sheets: what each fill means. */
export const LEGEND: Array<{ style: StyleName; text: string }> = [
  { style: 'input', text: '图例 橙底：在此填写' },
  { style: 'error', text: '红底粗框：错误' },
  { style: 'warning', text: '浅黄底：提示' },
];
