/**
 * The add-in's own output sheets, written through office.js: values and number formats one array per
 * band of rows, formats once per rectangle of equal setting, links only where a cell has one, and
 * syncs only when the request size budget (Excel on the web's 5 MB limit) is spent.
 */
import { a1 } from '../../catalogue/layout';
import { locationOf, parseRange } from '../../core/address';
import { pageOrientation } from '../../core/hostDecisions';
import { freeSheetName } from '../../core/markState';
import { CellStyle, STYLES } from '../../core/styles';
import type { OutCell, Plan, SheetPlan } from '../../core/types';
import { forAreas } from './areas';
import type { Capabilities } from './capabilities';
import { Listing, roleOf } from './marks';

/**
 * Where each output sheet goes. Ours are known by their marker (src/core/markState OWNER_NAME), whatever
 * they are called now, and are rewritten in place; a user's sheet is never replaced or deleted, even
 * one with our sheet's name: ours then takes a free name (评分表(2) …). Without markers (ExcelApi
 * below 1.4) a sheet of our name is taken as ours, as before markers existed. Template input sheets
 * (`keep`) are only added where missing.
 */
export function sheetTargets(
  plan: Plan,
  listing: Listing
): { existing: Map<string, Excel.Worksheet>; renames: Map<string, string> } {
  const existing = new Map<string, Excel.Worksheet>();
  const renames = new Map<string, string>();
  const taken = new Set(listing.sheets.keys());
  for (const sp of plan.sheets) {
    const key = sp.name.toLowerCase();
    if (sp.onExisting === 'keep') continue;
    const owned =
      listing.owners === null
        ? listing.sheets.has(key)
          ? key
          : undefined
        : [...listing.sheets.keys()].find((k) => roleOf(listing, k) === key);
    if (owned) {
      existing.set(sp.name, listing.sheets.get(owned)!);
      if (owned !== key) renames.set(sp.name, listing.sheets.get(owned)!.name);
      continue;
    }
    const name = freeSheetName(sp.name, (n) => taken.has(n.toLowerCase()));
    taken.add(name.toLowerCase());
    if (name !== sp.name) renames.set(sp.name, name);
  }
  return { existing, renames };
}

/** Excel column width in points for a width in characters (7 px per character + 5 px padding, 0.75 pt/px). */
function widthPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

const ALIGN: Record<NonNullable<CellStyle['align']>, Excel.RangeFormat['horizontalAlignment']> = {
  left: 'Left',
  center: 'Center',
  right: 'Right',
};

/** The format settings of a CellStyle, each applied on its own so equal settings make one block across styles. */
type Attr = Exclude<keyof CellStyle, 'numFmt'>;
const ATTRS: Attr[] = [
  'font',
  'bold',
  'size',
  'color',
  'underline',
  'fill',
  'wrap',
  'align',
  'border',
  'outline',
];

function setAttr(
  range: Excel.Range | Excel.RangeAreas,
  attr: Attr,
  style: CellStyle,
  rows: number,
  cols: number
): void {
  const f = range.format;
  if (attr === 'font') f.font.name = style.font!;
  else if (attr === 'bold') f.font.bold = true;
  else if (attr === 'size') f.font.size = style.size!;
  else if (attr === 'color') f.font.color = style.color!;
  else if (attr === 'underline') f.font.underline = 'Single';
  else if (attr === 'fill') f.fill.color = style.fill!;
  else if (attr === 'wrap') f.wrapText = true;
  else if (attr === 'align') f.horizontalAlignment = ALIGN[style.align!];
  else if (attr === 'outline')
    for (const e of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const) {
      f.borders.getItem(e).weight = 'Medium';
      f.borders.getItem(e).color = style.outline!;
    }
  else {
    const edges: Array<Parameters<Excel.RangeBorderCollection['getItem']>[0]> = [
      'EdgeTop',
      'EdgeBottom',
      'EdgeLeft',
      'EdgeRight',
    ];
    if (rows > 1) edges.push('InsideHorizontal');
    if (cols > 1) edges.push('InsideVertical');
    for (const e of edges) f.borders.getItem(e).style = 'Continuous';
  }
}

function formulaOf(cell: OutCell | null): string | number | boolean {
  if (!cell) return '';
  if (cell.formula !== undefined) return cell.formula.startsWith('=') ? cell.formula : `=${cell.formula}`;
  return cell.value ?? '';
}

/** Strings are written into text-formatted cells, so `=SUM(A1)` or `-` stays text (never a formula). */
function numberFormatOf(cell: OutCell | null): string {
  if (!cell) return 'General';
  if (cell.formula === undefined && typeof cell.value === 'string') return '@';
  return cell.numFmt ?? (cell.style ? STYLES[cell.style].numFmt : undefined) ?? 'General';
}

export const VISIBILITY: Record<NonNullable<SheetPlan['visibility']>, Excel.Worksheet['visibility']> = {
  visible: 'Visible',
  hidden: 'Hidden',
  veryHidden: 'VeryHidden',
};

/**
 * Empties an existing output sheet in place, so formulas in the user's sheets that refer to it
 * (`=评分表!I5`) keep referring to it; deleting and re-adding the sheet would turn them into #REF!.
 */
export function resetSheet(ws: Excel.Worksheet, charts: Excel.ChartCollection): void {
  for (const chart of charts.items) chart.delete();
  ws.freezePanes.unfreeze();
  ws.getRange().unmerge();
  ws.getUsedRange().clear('All');
  const whole = ws.getRange();
  whole.format.useStandardWidth = true;
  whole.format.useStandardHeight = true;
}

/** Accountants print these: A4, one page wide (as many pages tall as needed), oriented as the core decides for both hosts. */
function setUpPage(ws: Excel.Worksheet, sp: SheetPlan): void {
  const page = ws.pageLayout;
  page.paperSize = 'A4';
  page.orientation = pageOrientation(sp) === 'landscape' ? 'Landscape' : 'Portrait';
  page.zoom = { horizontalFitToPages: 1, verticalFitToPages: sp.pagesTall ?? 0 };
  if (sp.printTitleRows) page.setPrintTitleRows(`$1:$${sp.printTitleRows}`);
}

interface Block {
  top: number;
  left: number;
  rows: number;
  cols: number;
  /** The setting's value, as text: cells with equal text share the block. */
  key: string;
}

/**
 * Rectangles of equal `keyOf` (cells whose key is null are left out): each row's runs, merged with
 * the same run on the rows below. Formatting by these blocks keeps a table's borders one call.
 */
export function blocks<T>(grid: T[][], keyOf: (cell: T) => string | null): Block[] {
  const done: Block[] = [];
  let open = new Map<string, Block>();
  grid.forEach((row, r) => {
    const next = new Map<string, Block>();
    let c = 0;
    while (c < row.length) {
      const key = keyOf(row[c]);
      let end = c + 1;
      while (end < row.length && key !== null && keyOf(row[end]) === key) end++;
      if (key !== null) {
        const id = `${c}:${end}:${key}`;
        const above = open.get(id);
        if (above) {
          above.rows++;
          open.delete(id);
          next.set(id, above);
        } else next.set(id, { top: r, left: c, rows: 1, cols: end - c, key });
      }
      c = end;
    }
    done.push(...open.values());
    open = next;
  });
  return [...done, ...open.values()];
}

/**
 * Excel on the web refuses any request over 5 MB (RequestPayloadSizeLimitExceeded). The write is
 * cut into syncs whose estimated size stays under this budget; office.js's JSON has come out below
 * the estimate (the real-office.js harness measures it), which keeps every request well under 4 MB.
 */
export const WRITE_BUDGET = 2_000_000;

/** What one queued range call costs in a request beyond its data: object paths and actions (measured through office.js). */
export const CALL_BYTES = 450;

/** Tracks the estimated size of what is queued; the write syncs when the budget is spent. */
export class WriteBudget {
  private used = 0;
  constructor(private readonly context: Excel.RequestContext) {}
  spend(bytes: number): void {
    this.used += bytes;
  }
  fits(bytes: number): boolean {
    return this.used + bytes <= WRITE_BUDGET;
  }
  /** Sends what is queued once the budget is spent; "3 reads + ⌈write bytes / budget⌉ writes". */
  async flushIfFull(): Promise<void> {
    if (this.used < WRITE_BUDGET) return;
    this.used = 0;
    await this.context.sync();
  }
}

export const jsonBytes = (v: unknown) => JSON.stringify(v).length * 3; // UTF-8: CJK takes 3 bytes

/** A row's estimated request bytes: its data, a link call per link, and a format call per run of styles. */
function rowCost(row: Array<OutCell | null>): number {
  let runs = 0;
  row.forEach((c, i) => (c?.style && c.style !== row[i - 1]?.style ? runs++ : 0));
  const links = row.filter((c) => c?.link).length;
  return (
    jsonBytes(row.map(formulaOf)) + jsonBytes(row.map(numberFormatOf)) + (links * 2 + runs * 2) * CALL_BYTES
  );
}

/** Rows [top, bottom) of a sheet: one number-format and one formula array, formats by block, links where needed. */
function writeBand(
  ws: Excel.Worksheet,
  grid: Array<Array<OutCell | null>>,
  top: number,
  bottom: number,
  width: number,
  can: Capabilities
): void {
  const band = grid.slice(top, bottom);
  const range = ws.getRangeByIndexes(top, 0, band.length, width);
  range.numberFormat = band.map((row) => row.map(numberFormatOf));
  range.formulas = band.map((row) => row.map(formulaOf));
  // Each format setting once per rectangle of cells sharing it (whatever their style), not per cell.
  for (const attr of ATTRS) {
    const keyOf = (cell: OutCell | null) => {
      const v = cell?.style ? STYLES[cell.style][attr] : undefined;
      return v === undefined || v === false ? null : String(v);
    };
    // Blocks of equal setting (and, for borders, equal inside edges) take it in one call over their areas.
    const groups = new Map<string, { style: CellStyle; rows: number; cols: number; addresses: string[] }>();
    for (const b of blocks(band, keyOf)) {
      const id = attr === 'border' ? `${b.key}|${b.rows > 1}|${b.cols > 1}` : b.key;
      const g = groups.get(id) ?? {
        style: STYLES[band[b.top][b.left]!.style!],
        rows: b.rows,
        cols: b.cols,
        addresses: [],
      };
      g.addresses.push(
        a1(top + b.top, b.left) +
          (b.rows > 1 || b.cols > 1 ? `:${a1(top + b.top + b.rows - 1, b.left + b.cols - 1)}` : '')
      );
      groups.set(id, g);
    }
    for (const g of groups.values())
      forAreas(ws, g.addresses, can, (target) => setAttr(target, attr, g.style, g.rows, g.cols));
  }
  band.forEach((row, r) =>
    row.forEach((cell, col) => {
      if (!cell?.link) return;
      ws.getRangeByIndexes(top + r, col, 1, 1).hyperlink = {
        documentReference: locationOf(cell.link),
        textToDisplay: String(cell.value ?? cell.link),
      };
    })
  );
}

/** Addresses by the value they take, in first-seen order. */
function grouped(pairs: Array<[number, string]>): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const [v, address] of pairs) out.set(v, [...(out.get(v) ?? []), address]);
  return out;
}

export async function writeSheet(
  ws: Excel.Worksheet,
  sp: SheetPlan,
  can: Capabilities,
  budget: WriteBudget
): Promise<void> {
  if (can.pageLayout) setUpPage(ws, sp);
  const height = sp.rows.length;
  const width = Math.max(0, ...sp.rows.map((r) => r.length));
  const grid = sp.rows.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? null));
  const costs = grid.map(rowCost);
  let top = 0;
  while (width > 0 && top < height) {
    let bottom = top + 1;
    let cost = costs[top];
    while (bottom < height && budget.fits(cost + costs[bottom])) cost += costs[bottom++];
    writeBand(ws, grid, top, bottom, width, can);
    budget.spend(cost);
    // A band per request at most: the size limit, not a loop over cells, sets how many syncs there are.
    await budget.flushIfFull();
    top = bottom;
  }
  // Merged cells (several per finding on the 问题清单) are many small calls: counted like the rest.
  for (const m of sp.merges ?? []) {
    ws.getRange(m).merge(false);
    budget.spend(CALL_BYTES);
    await budget.flushIfFull();
  }
  budget.spend(((sp.columnWidths?.length ?? 0) + Object.keys(sp.rowHeights ?? {}).length + 4) * CALL_BYTES);
  // Columns of equal width, rows of equal height: one call each.
  for (const [w, cells] of grouped((sp.columnWidths ?? []).map((w, i) => [widthPoints(w), a1(0, i)])))
    forAreas(ws, cells, can, (target) => (target.format.columnWidth = w));
  for (const [h, cells] of grouped(
    Object.entries(sp.rowHeights ?? {}).map(([row, h]) => [h, a1(Number(row), 0)])
  ))
    forAreas(ws, cells, can, (target) => (target.format.rowHeight = h));
  if (sp.freezeRows) ws.freezePanes.freezeRows(sp.freezeRows);
  if (sp.chart) {
    const parts = [sp.chart.categories, ...sp.chart.series.map((s) => s.range)]
      .map((a) => parseRange(`${sp.name}!${a}`)!)
      .filter(Boolean);
    const box = {
      top: Math.min(...parts.map((p) => p.top)),
      left: Math.min(...parts.map((p) => p.left)),
      bottom: Math.max(...parts.map((p) => p.bottom)),
      right: Math.max(...parts.map((p) => p.right)),
    };
    const chart = ws.charts.add(
      'ColumnClustered',
      ws.getRange(`${a1(box.top, box.left)}:${a1(box.bottom, box.right)}`),
      'Columns'
    );
    chart.title.text = sp.chart.title;
    chart.setPosition(sp.chart.anchor);
  }
  if (sp.visibility && sp.visibility !== 'visible') ws.visibility = VISIBILITY[sp.visibility];
}
