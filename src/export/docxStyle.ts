/**
 * The 公文 page and type the report's Word document uses (GB/T 9704): fonts with their fallbacks,
 * sizes, line spacing, A4 margins. Shared by the document (docx.ts) and its tables (docxTables.ts).
 */

/** The fonts, and what each falls back to where it is not installed. */
export const FONTS = {
  title: { name: '方正小标宋简体', fallback: '宋体' },
  body: { name: '仿宋_GB2312', fallback: '仿宋' },
  heading1: { name: '黑体', fallback: 'SimHei' },
  heading2: { name: '楷体_GB2312', fallback: '楷体' },
  footer: { name: '宋体', fallback: 'SimSun' },
  latin: { name: 'Times New Roman', fallback: 'Liberation Serif' },
} as const;

/** Sizes in points (二号 22, 三号 16, 四号 14, 小四 12, 五号 10.5). */
export const SIZES = { title: 22, body: 16, table: 12, tableSmall: 10.5, footer: 14 } as const;

/** Twips per point. */
export const PT = 20;
/** Fixed line spacing of the body, 28 pt. */
export const LINE_SPACING = 28 * PT;
export const A4 = { width: 11906, height: 16838 };
export const MARGINS_MM = { top: 37, bottom: 35, left: 28, right: 26 } as const;
/** Millimetres to twips, rounded (docx's own helper truncates 37 mm to 2097). */
export const mm = (x: number) => Math.round((x * 1440) / 25.4);
export const MARGINS = {
  top: mm(MARGINS_MM.top),
  bottom: mm(MARGINS_MM.bottom),
  left: mm(MARGINS_MM.left),
  right: mm(MARGINS_MM.right),
};
export const TEXT_WIDTH = A4.width - MARGINS.left - MARGINS.right;

export type FontKey = keyof typeof FONTS;

export function font(key: FontKey) {
  const f = FONTS[key].name;
  return { ascii: FONTS.latin.name, hAnsi: FONTS.latin.name, eastAsia: f, cs: f };
}

/** What the department must still fill or check: highlighted so it cannot be missed before submitting. */
export { PLACEHOLDER } from '../core/reportWords';
