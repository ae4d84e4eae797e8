/**
 * Our output sheets' worksheet XML, written straight from the plan (Node and browser alike: plain
 * strings). It is the part ExcelJS would write for the sheet (see xlsx.ts writeSheet) once grafted into
 * the user's package (keep.ts): strings inline, internal links as a location, the cell formats added to
 * the user's styles.xml. Drawing the sheets in a scratch ExcelJS workbook, zipping and re-reading it was
 * about half of writing a result; this is the same XML without the detour. Test: keep-plan-sheet.test.ts
 * compares both, cell by cell, as ExcelJS reads them back.
 */
import { a1, colIndex } from '../../catalogue/layout';
import { locationOf } from '../../core/address';
import { pageOrientation } from '../../core/hostDecisions';
import { SHEET_FONT_CHARSET, STYLES } from '../../core/styles';
import type { DigestCell } from '../../core/markState';
import type { OutCell, SheetPlan } from '../../core/types';
import { absolute } from './links';
import { escapeCodes } from './ooxml';
import type { StyleSheet } from './styleSheet';

/** One of our sheets as parts: the worksheet XML, its relationships (external links only) and the print titles' name. */
export interface PlanSheetParts {
  xml: string;
  rels?: string;
  /** The body of the sheet's `_xlnm.Print_Titles` defined name, escaped as workbook.xml holds it. */
  printTitles?: string;
  /** The cells that hold something, as sheetXml.ts sheetCells reads them back from `xml` (for the sheet's digest). */
  cells: DigestCell[];
}

const HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">';
const HYPERLINK_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink';
const EXTERNAL_RELS_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">';

// eslint-disable-next-line no-control-regex
const NOT_IN_XML = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

/** Text and attribute values as OOXML takes them: markup escaped, the control characters XML forbids dropped. */
export function xmlText(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/["&'<>\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(s)) return s;
  return s.replace(
    // eslint-disable-next-line no-control-regex
    /["&'<>\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g,
    (c) => ({ '"': '&quot;', '&': '&amp;', "'": '&apos;', '<': '&lt;', '>': '&gt;' })[c] ?? ''
  );
}

/** Excel's built-in number formats by code (ids below 164 need no numFmt element). */
const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  '# ?/?': 12,
  '# ??/??': 13,
  'mm-dd-yy': 14,
  'd-mmm-yy': 15,
  'd-mmm': 16,
  'mmm-yy': 17,
  'h:mm AM/PM': 18,
  'h:mm:ss AM/PM': 19,
  'h:mm': 20,
  'h:mm:ss': 21,
  'm/d/yy "h":mm': 22,
  '#,##0 ;(#,##0)': 37,
  '#,##0 ;[Red](#,##0)': 38,
  '#,##0.00 ;(#,##0.00)': 39,
  '#,##0.00 ;[Red](#,##0.00)': 40,
  'mm:ss': 45,
  '[h]:mm:ss': 46,
  'mmss.0': 47,
  '##0.0E+0': 48,
  '@': 49,
};

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;
const DEFAULT_FONT =
  '<font><color theme="1"/><family val="2"/><scheme val="minor"/><sz val="11"/><name val="Calibri"/></font>';
const NO_FILL = '<fill><patternFill patternType="none"/></fill>';
const NO_BORDER = '<border><left/><right/><top/><bottom/><diagonal/></border>';
const edges = (style: string, color: string) =>
  `<border>${['left', 'right', 'top', 'bottom'].map((e) => `<${e} style="${style}"><color rgb="${argb(color)}"/></${e}>`).join('')}<diagonal/></border>`;

/**
 * The cell formats of plan styles in one style sheet: each (style, number format) is appended once, as
 * its font, fill, border, number format and alignment (the elements ExcelJS writes for the same style).
 */
export class PlanStyles {
  private readonly ids = new Map<string, number>();

  constructor(private readonly styles: StyleSheet) {}

  /** The cellXfs index of a cell's format; 0 (no `s`) for a cell with none. */
  of(out: OutCell): number {
    const name = out.style;
    const s = name ? STYLES[name] : {};
    const numFmt = out.numFmt ?? s.numFmt;
    const key = `${name ?? ''}\u0000${numFmt ?? ''}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.xf(s, numFmt);
      this.ids.set(key, id);
    }
    return id;
  }

  private xf(
    s: (typeof STYLES)[keyof typeof STYLES] | Record<string, never>,
    numFmt: string | undefined
  ): number {
    const hasFont = !!(s.font || s.bold || s.size || s.color || s.underline);
    const border = s.outline ? edges('medium', s.outline) : s.border ? edges('thin', '#BFBFBF') : undefined;
    const alignment =
      s.wrap || s.align
        ? `<alignment${s.align ? ` horizontal="${s.align}"` : ''} vertical="top"${s.wrap ? ' wrapText="1"' : ''}/>`
        : '';
    if (!hasFont && !s.fill && !border && !alignment && (!numFmt || numFmt === 'General')) return 0;
    const numFmtId = numFmt ? (BUILTIN_FORMATS[numFmt] ?? this.styles.numFmt(numFmt)) : 0;
    const font = hasFont
      ? `<font>${s.bold ? '<b/>' : ''}${s.underline ? '<u/>' : ''}${s.font ? `<charset val="${SHEET_FONT_CHARSET}"/>` : ''}${s.color ? `<color rgb="${argb(s.color)}"/>` : ''}<sz val="${s.size ?? 11}"/>${s.font ? `<name val="${xmlText(s.font)}"/>` : ''}</font>`
      : DEFAULT_FONT;
    const fill = s.fill
      ? `<fill><patternFill patternType="solid"><fgColor rgb="${argb(s.fill)}"/></patternFill></fill>`
      : NO_FILL;
    const fontId = this.styles.add('fonts', font);
    const fillId = this.styles.add('fills', fill);
    const borderId = this.styles.add('borders', border ?? NO_BORDER);
    const applied = [
      numFmtId ? ' applyNumberFormat="1"' : '',
      hasFont ? ' applyFont="1"' : '',
      s.fill ? ' applyFill="1"' : '',
      border ? ' applyBorder="1"' : '',
      alignment ? ' applyAlignment="1"' : '',
    ].join('');
    const head = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applied}`;
    return this.styles.add('cellXfs', alignment ? `${head}>${alignment}</xf>` : `${head}/>`);
  }
}

/** `A1:C2` → 0-based corners (the corners put in order), or null. */
function box(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!m) return null;
  const [c1, r1] = [colIndex(m[1].toUpperCase()), Number(m[2]) - 1];
  const [c2, r2] = m[3] ? [colIndex(m[3].toUpperCase()), Number(m[4]) - 1] : [c1, r1];
  return { top: Math.min(r1, r2), bottom: Math.max(r1, r2), left: Math.min(c1, c2), right: Math.max(c1, c2) };
}

const DEFAULT_COLUMN_WIDTH = 9;

/** A cell as written: its format and what it holds (null: nothing but the format). */
interface Written {
  s: number;
  body: string | null;
  link?: string;
  /** The value read back (see PlanSheetParts.cells); absent for an empty string and for nothing. */
  value?: DigestCell['value'];
  formula?: boolean;
}

/**
 * One output sheet's parts. `name` is the sheet's name in the workbook (the plan's or a free one);
 * `raw` writes values as given (the state sheet: an empty string stays a text cell, no formats, no page setup).
 */
export function planSheetParts(
  plan: SheetPlan,
  name: string,
  styles: PlanStyles,
  raw = false
): PlanSheetParts {
  // Rows of cells, by 0-based row then column.
  const rows = new Map<number, Map<number, Written>>();
  const rowOf = (r: number) => {
    let row = rows.get(r);
    if (!row) rows.set(r, (row = new Map()));
    return row;
  };
  const cellsOf = (line: SheetPlan['rows'][number], row: Map<number, Written>) =>
    line.forEach((out, c) => {
      // The state sheet's writer sets every cell of a line, an empty one too (it counts in the row's span).
      if (!out) return raw ? row.set(c, { s: 0, body: null }) : undefined;
      row.set(c, writtenCell(out, raw ? 0 : styles.of(out), raw));
    });
  // The state sheet (a record per mark, tens of thousands) has no merges or heights: each row is written as it is
  // read, so its cells are not all held at once.
  if (!raw) plan.rows.forEach((line, r) => cellsOf(line, rowOf(r)));
  // Merged cells: the others of the range hold nothing and wear the top-left cell's format.
  const merges: Array<{ at: [number, number]; ref: string }> = [];
  if (!raw)
    for (const m of plan.merges ?? []) {
      const b = box(m);
      if (!b || (b.top === b.bottom && b.left === b.right)) continue;
      const s = rows.get(b.top)?.get(b.left)?.s ?? 0;
      if (!rows.get(b.top)?.has(b.left)) rowOf(b.top).set(b.left, { s: 0, body: null });
      for (let r = b.top; r <= b.bottom; r++)
        for (let c = b.left; c <= b.right; c++)
          if (r !== b.top || c !== b.left) rowOf(r).set(c, { s, body: '' });
      const first: [number, number] = b.right > b.left ? [b.top, b.left + 1] : [b.top + 1, b.left];
      merges.push({ at: first, ref: `${a1(b.top, b.left)}:${a1(b.bottom, b.right)}` });
    }
  const heights = raw ? {} : (plan.rowHeights ?? {});
  for (const r of Object.keys(heights)) rowOf(Number(r));

  // Dimension: from A1 to the cells that hold something (a merged cell's others count, a format alone does not).
  let [bottom, right] = [0, 0];
  const sheetData: string[] = [];
  const links: Array<{ ref: string; target: string }> = [];
  const digestCells: DigestCell[] = [];
  const emit = (r: number, row: Map<number, Written>) => {
    const cols = [...row.keys()].sort((a, b) => a - b);
    const height = heights[r];
    if (!cols.length && !height) return;
    let line = `<row r="${r + 1}"`;
    if (height) line += ` ht="${height}" customHeight="1"`;
    if (cols.length) line += ` spans="${cols[0] + 1}:${cols[cols.length - 1] + 1}"`;
    line += ' x14ac:dyDescent="0.25"';
    const cells: string[] = [];
    for (const c of cols) {
      const w = row.get(c)!;
      if (w.body !== null) {
        bottom = Math.max(bottom, r);
        right = Math.max(right, c);
      } else if (!w.s) continue;
      const s = w.s ? ` s="${w.s}"` : '';
      cells.push(w.body ? `<c r="${a1(r, c)}"${s}${w.body}</c>` : `<c r="${a1(r, c)}"${s}/>`);
      if (w.link !== undefined) links.push({ ref: a1(r, c), target: w.link });
      if (w.formula || (w.value !== undefined && w.value !== ''))
        digestCells.push({ row: r, col: c, value: w.value ?? null, formula: !!w.formula });
    }
    sheetData.push(cells.length ? `${line}>${cells.join('')}</row>` : `${line}/>`);
  };
  if (raw)
    plan.rows.forEach((line, r) => {
      const row = new Map<number, Written>();
      cellsOf(line, row);
      if (row.size) emit(r, row);
    });
  else for (const r of [...rows.keys()].sort((a, b) => a - b)) emit(r, rows.get(r)!);

  const parts: string[] = [HEAD];
  if (!raw) parts.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  parts.push(`<dimension ref="A1:${a1(bottom, right)}"/>`);
  if (plan.freezeRows && !raw)
    parts.push(
      `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${plan.freezeRows}" topLeftCell="A${plan.freezeRows + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>`
    );
  const grouped = raw ? undefined : plan.groupedColumns;
  parts.push(
    `<sheetFormatPr defaultRowHeight="15" outlineLevelRow="0" outlineLevelCol="${grouped ? 1 : 0}" x14ac:dyDescent="55"/>`
  );
  if (!raw) parts.push(columns(plan));
  parts.push(sheetData.length ? `<sheetData>${sheetData.join('')}</sheetData>` : '<sheetData/>');
  if (merges.length) {
    merges.sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1]);
    parts.push(
      `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m.ref}"/>`).join('')}</mergeCells>`
    );
  }
  const rels: string[] = [];
  if (links.length) {
    const items = links.map((l, i) => {
      if (l.target.startsWith('#'))
        return `<hyperlink ref="${l.ref}" location="${xmlText(absolute(l.target.slice(1)))}"/>`;
      rels.push(
        `<Relationship Id="rId${i + 1}" Type="${HYPERLINK_REL}" Target="${xmlText(l.target)}" TargetMode="External"/>`
      );
      return `<hyperlink ref="${l.ref}" r:id="rId${i + 1}"/>`;
    });
    parts.push(`<hyperlinks>${items.join('')}</hyperlinks>`);
  }
  if (raw)
    parts.push(
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup orientation="portrait" horizontalDpi="4294967295" verticalDpi="4294967295" scale="100" fitToWidth="1" fitToHeight="1"/>'
    );
  else
    parts.push(
      // Accountants print these: A4, one page wide, oriented as the core decides for both hosts.
      `<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="${pageOrientation(plan)}" fitToWidth="1" fitToHeight="${plan.pagesTall ?? 0}"/>`
    );
  parts.push('</worksheet>');
  return {
    xml: parts.join(''),
    rels: rels.length ? `${EXTERNAL_RELS_HEAD}${rels.join('')}</Relationships>` : undefined,
    printTitles:
      plan.printTitleRows && !raw
        ? xmlText(`'${name.replace(/'/g, "''")}'!$1:$${plan.printTitleRows}`)
        : undefined,
    cells: digestCells,
  };
}

/** A plan cell's format and content (`>…` after the `s` attribute), as writeSheet gives it to ExcelJS. */
function writtenCell(out: OutCell, s: number, raw: boolean): Written {
  if (out.formula !== undefined) return { s, body: `><f>${xmlText(out.formula)}</f>`, formula: true };
  const text = (t: string) =>
    ` t="inlineStr"><is><t${/^\s|\n|\s$/.test(t) ? ' xml:space="preserve"' : ''}>${xmlText(escapeCodes(readBack(t)))}</t></is>`;
  // The control characters XML forbids go before escaping: dropping one must not join an `_xHHHH_`.
  function readBack(t: string): string {
    return t.replace(NOT_IN_XML, '');
  }
  if (!raw && (out.link || out.href) && typeof out.value === 'string')
    return {
      s,
      body: text(out.value),
      link: out.href ?? `#${locationOf(out.link!, { firstCell: true })}`,
      value: readBack(out.value),
    };
  const v = out.value;
  if (v === null || v === undefined || (v === '' && !raw)) return { s, body: null };
  if (typeof v === 'string') return { s, body: text(v), value: readBack(v) };
  if (typeof v === 'boolean') return { s, body: ` t="b"><v>${v ? 1 : 0}</v>`, value: v };
  return { s, body: `><v>${xmlText(String(v))}</v>`, value: Number(String(v)) };
}

/** The cols element: widths, and grouped (collapsed) machine columns; neighbours alike share one element. */
function columns(plan: SheetPlan): string {
  const count = Math.max(
    plan.columnWidths?.length ?? 0,
    plan.groupedColumns ? plan.groupedColumns.last + 1 : 0
  );
  const cols: Array<{ min: number; max: number; width: number; grouped: boolean }> = [];
  let open: (typeof cols)[number] | null = null;
  for (let c = 0; c < count; c++) {
    const width = plan.columnWidths?.[c];
    const grouped = !!plan.groupedColumns && c >= plan.groupedColumns.first && c <= plan.groupedColumns.last;
    if (!grouped && (width === undefined || width === DEFAULT_COLUMN_WIDTH)) {
      open = null;
      continue;
    }
    const w = width ?? DEFAULT_COLUMN_WIDTH;
    if (open && open.width === w && open.grouped === grouped) open.max = c + 1;
    else cols.push((open = { min: c + 1, max: c + 1, width: w, grouped }));
  }
  if (!cols.length) return '';
  return `<cols>${cols
    .map(
      (c) =>
        `<col min="${c.min}" max="${c.max}" width="${c.width}"${c.grouped ? ' hidden="1" outlineLevel="1" collapsed="1"' : ''} customWidth="1"/>`
    )
    .join('')}</cols>`;
}
