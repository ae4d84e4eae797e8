/**
 * The add-in's own output sheets, written through office.js: values and number formats one array per
 * band of rows, each format setting once over the rectangles that share it (RangeAreas), the links of
 * a column in one call, single-row merges of equal span in one call; every call through the Batch, so
 * requests stay within the budget (Excel on the web refuses a request over 5 MB).
 */
import { a1 } from '../../catalogue/layout';
import { locationOf, parseRange } from '../../core/address';
import { pageOrientation } from '../../core/hostDecisions';
import { freeSheetName } from '../../core/markState';
import { CellStyle, STYLES } from '../../core/styles';
import type { OutCell, Plan, SheetPlan } from '../../core/types';
import { Batch, Cost, cost, jsonBytes } from './budget';
import type { Capabilities } from './capabilities';
import { writtenFormula } from './digest';
import { Listing, markOwner, roleOf } from './state';

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

/**
 * Settings whose most common value is set once over the whole band, empty and unstyled cells included
 * (on our own sheets a typeface, a size or a text colour on such a cell changes nothing one sees); the
 * cells of another value then take theirs. Before ExcelApi 1.9 every rectangle is a call of its own.
 */
const SPREAD: ReadonlySet<Attr> = new Set<Attr>(['font', 'size', 'color']);

function mostCommon(
  band: Array<Array<OutCell | null>>,
  keyOf: (cell: OutCell | null) => string | null
): { key: string; style: CellStyle } | null {
  const counts = new Map<string, { n: number; style: CellStyle }>();
  for (const row of band)
    for (const cell of row) {
      const key = keyOf(cell);
      if (key === null) continue;
      const c = counts.get(key) ?? { n: 0, style: STYLES[cell!.style!] };
      c.n++;
      counts.set(key, c);
    }
  let best: { key: string; style: CellStyle; n: number } | null = null;
  for (const [key, c] of counts) if (!best || c.n > best.n) best = { key, ...c };
  return best && { key: best.key, style: best.style };
}

/** What setAttr queues on one target. */
function attrCost(attr: Attr, style: CellStyle, rows: number, cols: number): Cost {
  const f = cost.path('Format');
  if (attr === 'fill') return cost.sum(f, cost.path('Fill'), cost.set('Color', style.fill));
  if (attr === 'wrap') return cost.sum(f, cost.set('WrapText', true));
  if (attr === 'align') return cost.sum(f, cost.set('HorizontalAlignment', 'Center'));
  if (attr === 'outline' || attr === 'border') {
    const edges = attr === 'outline' ? 4 : 4 + (rows > 1 ? 1 : 0) + (cols > 1 ? 1 : 0);
    const each = cost.sum(
      cost.path('GetItem', ['InsideHorizontal']),
      attr === 'outline'
        ? cost.sum(cost.set('Weight', 'Medium'), cost.set('Color', style.outline))
        : cost.set('Style', 'Continuous')
    );
    return cost.sum(f, cost.path('Borders'), cost.times(edges * (attr === 'outline' ? 2 : 1), each));
  }
  return cost.sum(f, cost.path('Font'), cost.set('Underline', String(style[attr] ?? 'Single')));
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
 * Its charts go first (once); the rest can be sent again.
 */
export async function dropCharts(batch: Batch, charts: Excel.ChartCollection): Promise<void> {
  for (const chart of charts.items)
    await batch.add(
      cost.sum(cost.path('GetItem', [chart.name]), cost.method('Delete')),
      () => chart.delete(),
      'once'
    );
}

export async function resetSheet(batch: Batch, ws: Excel.Worksheet): Promise<void> {
  await batch.add(
    cost.sum(
      cost.path('FreezePanes'),
      cost.method('Unfreeze'),
      cost.times(3, cost.path('GetRange', [''])),
      cost.method('Unmerge'),
      cost.path('GetUsedRange', [false]),
      cost.method('Clear', ['All']),
      cost.path('Format'),
      cost.set('UseStandardWidth', true),
      cost.set('UseStandardHeight', true)
    ),
    () => {
      ws.freezePanes.unfreeze();
      ws.getRange().unmerge();
      ws.getUsedRange().clear('All');
      const whole = ws.getRange();
      whole.format.useStandardWidth = true;
      whole.format.useStandardHeight = true;
    }
  );
}

/** Accountants print these: A4, one page wide (as many pages tall as needed), oriented as the core decides for both hosts. */
async function setUpPage(batch: Batch, ws: Excel.Worksheet, sp: SheetPlan): Promise<void> {
  await batch.add(
    cost.sum(
      cost.path('PageLayout'),
      cost.set('PaperSize', 'A4'),
      cost.set('Orientation', 'Landscape'),
      cost.set('Zoom', { horizontalFitToPages: 1, verticalFitToPages: 99 }),
      cost.method('SetPrintTitleRows', ['$1:$99'])
    ),
    () => {
      const page = ws.pageLayout;
      page.paperSize = 'A4';
      page.orientation = pageOrientation(sp) === 'landscape' ? 'Landscape' : 'Portrait';
      page.zoom = { horizontalFitToPages: 1, verticalFitToPages: sp.pagesTall ?? 0 };
      if (sp.printTitleRows) page.setPrintTitleRows(`$1:$${sp.printTitleRows}`);
    }
  );
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

/** Data one band of rows carries at most (its formulas and number formats): a fraction of the budget, so bands pack requests well. */
const BAND_BYTES = 400_000;

/** Rows [top, bottom) of a sheet: one number-format and one formula array, formats by block, links by column. */
async function writeBand(
  batch: Batch,
  ws: Excel.Worksheet,
  grid: Array<Array<OutCell | null>>,
  top: number,
  bottom: number,
  width: number,
  can: Capabilities,
  data: { formulas: Array<Array<string | number | boolean>>; formats: string[][]; bytes: number[] }
): Promise<void> {
  const band = grid.slice(top, bottom);
  const { formats, formulas } = data;
  const address = `${a1(top, 0)}:${a1(bottom - 1, width - 1)}`;
  await batch.add(
    cost.sum(
      cost.path('GetRange', [address]),
      cost.setArray('NumberFormat', formats, data.bytes[1]),
      cost.setArray('Formulas', formulas, data.bytes[0])
    ),
    () => {
      const range = ws.getRange(address);
      range.numberFormat = formats;
      range.formulas = formulas;
    }
  );
  // Each format setting once per rectangle of cells sharing it (whatever their style), not per cell.
  for (const attr of ATTRS) {
    const own = (cell: OutCell | null) => {
      const v = cell?.style ? STYLES[cell.style][attr] : undefined;
      return v === undefined || v === false ? null : String(v);
    };
    const common = SPREAD.has(attr) ? mostCommon(band, own) : null;
    if (common)
      await batch.add(cost.sum(cost.path('GetRange', [address]), attrCost(attr, common.style, 1, 1)), () =>
        setAttr(ws.getRange(address), attr, common.style, 1, 1)
      );
    const keyOf = (cell: OutCell | null) => {
      const key = own(cell);
      return key === common?.key ? null : key;
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
      await batch.areas(ws, g.addresses, can.rangeAreas, attrCost(attr, g.style, g.rows, g.cols), (target) =>
        setAttr(target, attr, g.style, g.rows, g.cols)
      );
  }
  await writeLinks(batch, ws, band, top, can);
}

const linkOf = (cell: OutCell | null): Excel.RangeHyperlink | null =>
  cell?.link
    ? { documentReference: locationOf(cell.link), textToDisplay: String(cell.value ?? cell.link) }
    : null;

/**
 * The links of a band: with ExcelApi 1.9 one setCellProperties call per column, over the rows from its
 * first link to its last (`{}` leaves a cell as it is); before, one call per linked cell.
 */
async function writeLinks(
  batch: Batch,
  ws: Excel.Worksheet,
  band: Array<Array<OutCell | null>>,
  top: number,
  can: Capabilities
): Promise<void> {
  const width = band[0]?.length ?? 0;
  for (let col = 0; col < width; col++) {
    const rows = band.map((row) => linkOf(row[col]));
    const first = rows.findIndex((l) => l !== null);
    if (first < 0) continue;
    if (!can.cellProperties) {
      for (let r = first; r < rows.length; r++) {
        const link = rows[r];
        if (!link) continue;
        const at = a1(top + r, col);
        await batch.add(cost.sum(cost.path('GetRange', [at]), cost.set('Hyperlink', link)), () => {
          ws.getRange(at).hyperlink = link;
        });
      }
      continue;
    }
    const last = rows.length - 1 - [...rows].reverse().findIndex((l) => l !== null);
    const props = rows.slice(first, last + 1).map((link) => [link ? { hyperlink: link } : {}]);
    const address = `${a1(top + first, col)}:${a1(top + last, col)}`;
    await batch.add(
      cost.sum(cost.path('GetRange', [address]), cost.method('SetCellProperties', [props])),
      () => ws.getRange(address).setCellProperties(props)
    );
  }
}

/**
 * Merges, each once: single-row merges of the same columns on neighbouring rows merge across in one
 * call (`merge(true)` merges each row of a range on its own); any other merge on its own.
 */
async function writeMerges(batch: Batch, ws: Excel.Worksheet, merges: string[]): Promise<void> {
  const rowMerges = new Map<string, number[]>();
  const others: string[] = [];
  for (const m of merges) {
    const r = parseRange(`x!${m}`);
    if (r && r.top === r.bottom) {
      const key = `${r.left}:${r.right}`;
      const rows = rowMerges.get(key) ?? [];
      rows.push(r.top);
      rowMerges.set(key, rows);
    } else others.push(m);
  }
  const calls: Array<[string, boolean]> = others.map((m) => [m, false]);
  for (const [key, rows] of rowMerges) {
    const [left, right] = key.split(':').map(Number);
    rows.sort((a, b) => a - b);
    for (let i = 0; i < rows.length;) {
      let j = i;
      while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
      calls.push([`${a1(rows[i], left)}:${a1(rows[j], right)}`, j > i]);
      i = j + 1;
    }
  }
  for (const [address, across] of calls)
    await batch.add(cost.sum(cost.path('GetRange', [address]), cost.method('Merge', [across])), () =>
      ws.getRange(address).merge(across)
    );
}

/** Addresses by the value they take, in first-seen order. */
function grouped(pairs: Array<[number, string]>): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const [v, address] of pairs) {
    const addresses = out.get(v) ?? [];
    addresses.push(address);
    out.set(v, addresses);
  }
  return out;
}

/** A sheet's chart (once): added over its data range, titled and placed. */
export async function addChart(batch: Batch, ws: () => Excel.Worksheet, sp: SheetPlan): Promise<void> {
  const chart = sp.chart;
  if (!chart) return;
  const parts = [chart.categories, ...chart.series.map((s) => s.range)]
    .map((a) => parseRange(`${sp.name}!${a}`)!)
    .filter(Boolean);
  const box = `${a1(Math.min(...parts.map((p) => p.top)), Math.min(...parts.map((p) => p.left)))}:${a1(
    Math.max(...parts.map((p) => p.bottom)),
    Math.max(...parts.map((p) => p.right))
  )}`;
  await batch.add(
    cost.sum(
      cost.path('Charts'),
      cost.path('GetRange', [box]),
      cost.path('Add', ['ColumnClustered', null, 'Columns']),
      cost.path('Title'),
      cost.set('Text', chart.title),
      cost.method('SetPosition', [chart.anchor, null])
    ),
    () => {
      const added = ws().charts.add('ColumnClustered', ws().getRange(box), 'Columns');
      added.title.text = chart.title;
      added.setPosition(chart.anchor);
    },
    'once'
  );
}

/** A sheet's cells, formats, links, merges, sizes, frozen rows and visibility: all steps that can be sent again. */
export async function writeSheet(
  batch: Batch,
  ws: Excel.Worksheet,
  sp: SheetPlan,
  can: Capabilities
): Promise<void> {
  if (can.pageLayout) await setUpPage(batch, ws, sp);
  const height = sp.rows.length;
  const width = Math.max(0, ...sp.rows.map((r) => r.length));
  const grid = sp.rows.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? null));
  const formulas = grid.map((row) => row.map(writtenFormula));
  const formats = grid.map((row) => row.map(numberFormatOf));
  const sizes = grid.map((_, r) => [jsonBytes(formulas[r]), jsonBytes(formats[r])]);
  let top = 0;
  while (width > 0 && top < height) {
    let bottom = top;
    const bytes = [1, 1];
    while (bottom < height && (bottom === top || bytes[0] + bytes[1] < BAND_BYTES)) {
      bytes[0] += sizes[bottom][0] + 1;
      bytes[1] += sizes[bottom++][1] + 1;
    }
    const data = { formulas: formulas.slice(top, bottom), formats: formats.slice(top, bottom), bytes };
    await writeBand(batch, ws, grid, top, bottom, width, can, data);
    top = bottom;
  }
  await writeMerges(batch, ws, sp.merges ?? []);
  // Columns of equal width, rows of equal height: one call each.
  for (const [w, cells] of grouped((sp.columnWidths ?? []).map((w, i) => [widthPoints(w), a1(0, i)])))
    await batch.areas(
      ws,
      cells,
      can.rangeAreas,
      cost.sum(cost.path('Format'), cost.set('ColumnWidth', w)),
      (target) => {
        target.format.columnWidth = w;
      }
    );
  for (const [h, cells] of grouped(
    Object.entries(sp.rowHeights ?? {}).map(([row, h]) => [h, a1(Number(row), 0)])
  ))
    await batch.areas(
      ws,
      cells,
      can.rangeAreas,
      cost.sum(cost.path('Format'), cost.set('RowHeight', h)),
      (target) => {
        target.format.rowHeight = h;
      }
    );
  const frozen = sp.freezeRows;
  if (frozen)
    await batch.add(cost.sum(cost.path('FreezePanes'), cost.method('FreezeRows', [frozen])), () =>
      ws.freezePanes.freezeRows(frozen)
    );
  await batch.add(cost.set('Visibility', 'VeryHidden'), () => {
    ws.visibility = VISIBILITY[sp.visibility ?? 'visible'];
  });
}

export { markOwner };
