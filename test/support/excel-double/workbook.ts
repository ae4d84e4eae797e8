/** Workbook, worksheets, defined names, comments (ExcelApi 1.10), notes (ExcelApi 1.18), charts, events. */
import {
  DoubleCollection,
  DoubleContextBase,
  DoubleError,
  DoubleHost,
  DoubleObject,
  DoubleResult,
} from './core';
import { DRange, RangeTarget } from './range';
import {
  absoluteBox,
  ChartData,
  CommentData,
  NameData,
  RangeBox,
  SheetData,
  boxAddress,
  cellKey,
  commentAt,
  commentById,
  commentsChanged,
  findSheet,
  keyRowCol,
  nameType,
  newSheet,
  parseBox,
  pushComment,
  quoteSheetName,
  removeComment,
  rewriteSheetRefs,
  splitSheet,
  usedBox,
} from './state';

function notFound(what: string): DoubleError {
  return new DoubleError('ItemNotFound', `The requested resource doesn't exist: ${what}.`);
}

/** A member of the Excel API the double does not model: a test that reaches it fails, naming it. */
export function notModelled(member: string): DoubleError {
  return new DoubleError('NotModelled', `The Excel double does not model ${member}.`);
}

function liveSheets(host: DoubleHost): SheetData[] {
  return host.book.sheets.filter((s) => !s.deleted);
}

/** Resolves `Sheet!A1` / `A1` (relative to `scope`) / a range proxy to a single cell on a sheet. */
function cellOf(
  host: DoubleHost,
  address: DRange | string,
  scope: SheetData | null
): { sheet: SheetData; row: number; col: number } {
  let sheet: SheetData | undefined;
  let box: RangeBox | null;
  if (typeof address === 'string') {
    const { sheet: name, local } = splitSheet(address);
    sheet = name ? findSheet(host.book, name) : (scope ?? undefined);
    box = parseBox(local);
  } else {
    const t = (address as unknown as { live(): RangeTarget }).live();
    sheet = t.sheet;
    box = t.box;
  }
  if (!sheet || sheet.deleted || !box || box.top !== box.bottom || box.left !== box.right)
    throw new DoubleError(
      'InvalidCellAddress',
      `Invalid cell address '${typeof address === 'string' ? address : 'range'}'.`
    );
  if (scope && sheet !== scope)
    throw new DoubleError('InvalidCellAddress', `The cell is not on worksheet '${scope.name}'.`);
  return { sheet, row: box.top, col: box.left };
}

// ------------------------------------------------------------------ events

export type ChangedHandler = (args: WorksheetChangedArgs) => Promise<unknown> | void;

/** `worksheet.onChanged`: registration is queued like any other operation. */
export class DEventHandlers {
  constructor(
    private readonly context: DoubleContextBase,
    private readonly sheet: () => SheetData
  ) {}
  add(handler: ChangedHandler): { remove(): void } {
    this.context.enqueue(() => this.context.host.registerChanged(this.sheet().id, handler));
    return {
      remove: () => this.context.enqueue(() => this.context.host.unregisterChanged(this.sheet().id, handler)),
    };
  }
}

// ------------------------------------------------------------------ names

interface NameTarget {
  data: NameData;
  scope: SheetData | null;
  list: NameData[];
}

function nameRange(host: DoubleHost, n: NameTarget): RangeTarget | null {
  if (nameType(n.data.formula) !== 'Range') return null;
  const { sheet, local } = splitSheet(n.data.formula);
  const s = sheet ? findSheet(host.book, sheet) : (n.scope ?? undefined);
  const box = parseBox(local);
  if (!s || s.deleted || !box) return null;
  return { sheet: s, box };
}

type NamedItemData = Pick<
  Excel.NamedItem,
  'name' | 'type' | 'value' | 'formula' | 'visible' | 'comment' | 'isNullObject'
>;

export class DNamedItem extends DoubleObject<NameTarget> implements NamedItemData {
  protected readonly scalarProps = [
    'name',
    'type',
    'value',
    'formula',
    'visible',
    'comment',
    'scope',
  ] as const;
  constructor(
    context: DoubleContextBase,
    resolver: () => NameTarget | null,
    private readonly book: DWorkbook
  ) {
    super(context, resolver);
  }
  protected snapshot(prop: string, t: NameTarget): unknown {
    switch (prop) {
      case 'name':
        return t.data.name;
      case 'type':
        return nameType(t.data.formula);
      case 'formula':
        return t.data.formula;
      case 'value': {
        const f = t.data.formula.replace(/^=/, '');
        const type = nameType(t.data.formula);
        if (type === 'Integer' || type === 'Double') return Number(f);
        if (type === 'Boolean') return f.toUpperCase() === 'TRUE';
        if (type === 'String') return f.slice(1, -1);
        return f;
      }
      case 'visible':
        return t.data.visible;
      case 'comment':
        return t.data.comment;
      case 'scope':
        return t.scope ? 'Worksheet' : 'Workbook';
    }
    throw new DoubleError('InvalidArgument', `NamedItem has no property '${prop}'.`);
  }
  get name(): string {
    return this.read('name');
  }
  get type(): Excel.NamedItem['type'] {
    return this.read('type');
  }
  get value(): unknown {
    return this.read('value');
  }
  get formula(): string {
    return this.read('formula');
  }
  set formula(v: string) {
    this.write((t) => (t.data.formula = v.startsWith('=') ? v : `=${v}`));
  }
  get visible(): boolean {
    return this.read('visible');
  }
  set visible(v: boolean) {
    this.write((t) => (t.data.visible = v));
  }
  get comment(): string {
    return this.read('comment');
  }
  set comment(v: string) {
    this.write((t) => (t.data.comment = v));
  }
  getRange(): DRange {
    return this.book.rangeProxy(() => {
      const r = nameRange(this.host, this.live());
      if (!r)
        throw new DoubleError(
          'InvalidOperation',
          `The named item '${this.live().data.name}' does not refer to a range.`
        );
      return r;
    });
  }
  getRangeOrNullObject(): DRange {
    return this.book.rangeProxy(() => {
      const t = this.target();
      return t ? nameRange(this.host, t) : null;
    });
  }
  delete(): void {
    this.write((t) => t.list.splice(t.list.indexOf(t.data), 1));
  }
}

export class DNamedItemCollection extends DoubleCollection<NameTarget, DNamedItem> {
  constructor(
    context: DoubleContextBase,
    private readonly scope: () => SheetData | null,
    private readonly book: DWorkbook
  ) {
    super(context, () => {
      const s = scope();
      const list = s ? s.names : context.host.book.names;
      return list.map((data) => ({ data, scope: s, list }));
    });
  }
  protected itemProxy(member: NameTarget): DNamedItem {
    return new DNamedItem(this.context, () => member, this.book);
  }
  private list(): NameData[] {
    const s = this.scope();
    return s ? s.names : this.host.book.names;
  }
  private find(name: string): NameTarget | null {
    const list = this.list();
    const data = list.find((n) => n.name.toLowerCase() === name.toLowerCase());
    return data ? { data, scope: this.scope(), list } : null;
  }
  getItem(name: string): DNamedItem {
    return new DNamedItem(
      this.context,
      () => {
        const f = this.find(name);
        if (!f) throw notFound(`name '${name}'`);
        return f;
      },
      this.book
    );
  }
  getItemOrNullObject(name: string): DNamedItem {
    return new DNamedItem(this.context, () => this.find(name), this.book);
  }
  getCount(): DoubleResult<number> {
    return new DoubleResult(this.context, () => this.list().length);
  }
  add(
    ...[name, reference, comment]: [Parameters<Excel.NamedItemCollection['add']>[0], DRange | string, string?]
  ): DNamedItem {
    let made: NameTarget | null = null;
    this.context.enqueue(() => {
      if (this.find(name)) throw new DoubleError('ItemAlreadyExists', `A name '${name}' already exists.`);
      if (!/^[A-Za-z_\\\u4e00-\u9fff][\w.\u4e00-\u9fff]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name))
        throw new DoubleError('InvalidArgument', `'${name}' is not a valid name.`);
      let formula: string;
      if (typeof reference === 'string') formula = reference.startsWith('=') ? reference : `=${reference}`;
      else {
        const t = (reference as unknown as { live(): RangeTarget }).live();
        formula = `=${quoteSheetName(t.sheet.name)}!${absoluteBox(t.box)}`;
      }
      const data: NameData = { name, formula, comment: comment ?? '', visible: true };
      const list = this.list();
      list.push(data);
      made = { data, scope: this.scope(), list };
    });
    return new DNamedItem(this.context, () => made, this.book);
  }
}

// ------------------------------------------------------------------ comments (threaded, ExcelApi 1.10)

function requireComments(host: DoubleHost): void {
  if (!host.supportsExcelApi('1.10'))
    throw new DoubleError(
      'ApiNotFound',
      'The API you are trying to use could not be found (comments need ExcelApi 1.10).'
    );
}

type CommentDataProps = Pick<Excel.Comment, 'id' | 'content' | 'authorName' | 'resolved' | 'isNullObject'>;

export class DComment extends DoubleObject<CommentData> implements CommentDataProps {
  protected readonly scalarProps = ['id', 'content', 'authorName', 'resolved'] as const;
  constructor(
    context: DoubleContextBase,
    resolver: () => CommentData | null,
    private readonly book: DWorkbook
  ) {
    super(context, resolver);
  }
  protected snapshot(prop: string, t: CommentData): unknown {
    if (prop === 'id' || prop === 'content' || prop === 'authorName' || prop === 'resolved') return t[prop];
    throw new DoubleError('InvalidArgument', `Comment has no property '${prop}'.`);
  }
  get id(): string {
    return this.read('id');
  }
  get content(): string {
    return this.read('content');
  }
  set content(v: string) {
    this.write((t) => (t.content = v));
  }
  get authorName(): string {
    return this.read('authorName');
  }
  get resolved(): boolean {
    return this.read('resolved');
  }
  set resolved(v: boolean) {
    this.write((t) => (t.resolved = v));
  }
  delete(): void {
    this.write((t) => {
      removeComment(this.host.book, t);
    });
  }
  getLocation(): DRange {
    return this.book.rangeProxy(() => {
      const t = this.live();
      return { sheet: t.sheet, box: { top: t.row, bottom: t.row, left: t.col, right: t.col } };
    });
  }
}

export class DCommentCollection extends DoubleCollection<CommentData, DComment> {
  constructor(
    context: DoubleContextBase,
    private readonly scope: () => SheetData | null,
    private readonly book: DWorkbook
  ) {
    super(context, () => {
      requireComments(context.host);
      const s = scope();
      // A deleted sheet's comments are gone with it (see DWorksheet.delete).
      return s ? context.host.book.comments.filter((c) => c.sheet === s) : context.host.book.comments;
    });
  }
  protected itemProxy(member: CommentData): DComment {
    return new DComment(this.context, () => member, this.book);
  }
  add(cellAddress: DRange | string, content: string): DComment {
    let made: CommentData | null = null;
    this.context.enqueue(() => {
      requireComments(this.host);
      const { sheet, row, col } = cellOf(this.host, cellAddress, this.scope());
      if (commentAt(this.host.book, sheet, row, col))
        throw new DoubleError('InvalidArgument', 'The cell already has a comment.');
      // Excel keeps one slot per cell: a note and a threaded comment cannot share it (enforced when the test asks).
      if (this.host.oneSlotPerCell && sheet.notes.has(cellKey(row, col)))
        throw new DoubleError(
          'InvalidArgument',
          'The cell already has a note; a cell cannot have both a note and a comment.'
        );
      made = {
        id: `{comment-${this.host.book.nextId++}}`,
        sheet,
        row,
        col,
        content,
        authorName: '绩效自评助手',
        resolved: false,
      };
      pushComment(this.host.book, made);
    });
    return new DComment(this.context, () => made, this.book);
  }
  getItem(commentId: string): DComment {
    return new DComment(
      this.context,
      () => {
        const c = commentById(this.host.book, commentId);
        if (!c) throw notFound(`comment '${commentId}'`);
        return c;
      },
      this.book
    );
  }
  getItemOrNullObject(commentId: string): DComment {
    return new DComment(this.context, () => commentById(this.host.book, commentId), this.book);
  }
  getItemAt(index: number): DComment {
    return new DComment(
      this.context,
      () => {
        const c = (this.target() ?? [])[index];
        if (!c) throw notFound(`comment at ${index}`);
        return c;
      },
      this.book
    );
  }
  /** Throws ItemNotFound when the cell has no comment: office.js has no OrNullObject variant. */
  getItemByCell(cellAddress: DRange | string): DComment {
    return new DComment(
      this.context,
      () => {
        const { sheet, row, col } = cellOf(this.host, cellAddress, this.scope());
        const c = commentAt(this.host.book, sheet, row, col);
        if (!c) throw notFound('comment at the cell');
        return c;
      },
      this.book
    );
  }
  getCount(): DoubleResult<number> {
    return new DoubleResult(this.context, () => (this.target() ?? []).length);
  }
}

// ------------------------------------------------------------------ notes (ExcelApi 1.18)

interface NoteTarget {
  sheet: SheetData;
  key: number;
}

function requireNotes(host: DoubleHost): void {
  if (!host.supportsExcelApi('1.18'))
    throw new DoubleError(
      'ApiNotFound',
      'The API you are trying to use could not be found (notes need ExcelApi 1.18).'
    );
}

type NoteDataProps = Pick<Excel.Note, 'content' | 'authorName' | 'visible' | 'isNullObject'>;

export class DNote extends DoubleObject<NoteTarget> implements NoteDataProps {
  protected readonly scalarProps = ['content', 'authorName', 'visible', 'height', 'width'] as const;
  constructor(
    context: DoubleContextBase,
    resolver: () => NoteTarget | null,
    private readonly book: DWorkbook
  ) {
    super(context, () => {
      requireNotes(context.host);
      return resolver();
    });
  }
  private data(t: NoteTarget) {
    const n = t.sheet.notes.get(t.key);
    if (!n) throw notFound('note');
    return n;
  }
  protected snapshot(prop: string, t: NoteTarget): unknown {
    const n = this.data(t);
    if (prop === 'content' || prop === 'authorName' || prop === 'visible') return n[prop];
    if (prop === 'height' || prop === 'width') return 60;
    throw new DoubleError('InvalidArgument', `Note has no property '${prop}'.`);
  }
  get content(): string {
    return this.read('content');
  }
  set content(v: string) {
    this.write((t) => (this.data(t).content = v));
  }
  get authorName(): string {
    return this.read('authorName');
  }
  get visible(): boolean {
    return this.read('visible');
  }
  set visible(v: boolean) {
    this.write((t) => (this.data(t).visible = v));
  }
  delete(): void {
    this.write((t) => {
      this.data(t);
      t.sheet.notes.delete(t.key);
    });
  }
  getLocation(): DRange {
    return this.book.rangeProxy(() => {
      const t = this.live();
      const [r, c] = keyRowCol(t.key);
      return { sheet: t.sheet, box: { top: r, bottom: r, left: c, right: c } };
    });
  }
}

export class DNoteCollection extends DoubleCollection<NoteTarget, DNote> {
  constructor(
    context: DoubleContextBase,
    private readonly scope: () => SheetData | null,
    private readonly book: DWorkbook
  ) {
    super(context, () => {
      requireNotes(context.host);
      const s = scope();
      const sheets = s ? [s] : liveSheets(context.host);
      return sheets.flatMap((sheet) =>
        [...sheet.notes.keys()].sort((a, b) => a - b).map((key) => ({ sheet, key }))
      );
    });
  }
  protected itemProxy(member: NoteTarget): DNote {
    return new DNote(this.context, () => member, this.book);
  }
  private at(key: string): NoteTarget | null {
    const { sheet, row, col } = cellOf(this.host, key, this.scope());
    const k = cellKey(row, col);
    return sheet.notes.has(k) ? { sheet, key: k } : null;
  }
  add(cellAddress: DRange | string, content: string): DNote {
    let made: NoteTarget | null = null;
    this.context.enqueue(() => {
      requireNotes(this.host);
      const { sheet, row, col } = cellOf(this.host, cellAddress, this.scope());
      const key = cellKey(row, col);
      if (sheet.notes.has(key)) throw new DoubleError('InvalidArgument', 'The cell already has a note.');
      if (this.host.oneSlotPerCell && commentAt(this.host.book, sheet, row, col))
        throw new DoubleError(
          'InvalidArgument',
          'The cell already has a comment; a cell cannot have both a note and a comment.'
        );
      sheet.notes.set(key, { content, authorName: '绩效自评助手', visible: false });
      made = { sheet, key };
    });
    return new DNote(this.context, () => made, this.book);
  }
  getItem(key: string): DNote {
    return new DNote(
      this.context,
      () => {
        const n = this.at(key);
        if (!n) throw notFound(`note at '${key}'`);
        return n;
      },
      this.book
    );
  }
  getItemOrNullObject(key: string): DNote {
    return new DNote(this.context, () => this.at(key), this.book);
  }
  getCount(): DoubleResult<number> {
    return new DoubleResult(this.context, () => (this.target() ?? []).length);
  }
}

// ------------------------------------------------------------------ charts

export class DChartTitle extends DoubleObject<ChartData> {
  protected readonly scalarProps = ['text'] as const;
  protected snapshot(prop: string, t: ChartData): unknown {
    if (prop === 'text') return t.title ?? '';
    throw notModelled(`ChartTitle.${prop}`);
  }
  get text(): string {
    return this.read('text');
  }
  set text(v: string) {
    this.write((t) => (t.title = v));
  }
}

export class DChart extends DoubleObject<ChartData> {
  protected readonly scalarProps = ['name', 'id'] as const;
  protected snapshot(prop: string, t: ChartData): unknown {
    if (prop === 'name') return t.name;
    if (prop === 'id') return t.id;
    throw notModelled(`Chart.${prop}`);
  }
  get id(): string {
    return this.read('id');
  }
  get name(): string {
    return this.read('name');
  }
  get title(): DChartTitle {
    return this.child('title', () => new DChartTitle(this.context, () => this.target()));
  }
  delete(): void {
    this.write((t) => {
      const sheet = this.host.book.sheets.find((s) => s.charts.includes(t));
      if (sheet) sheet.charts.splice(sheet.charts.indexOf(t), 1);
    });
  }
  setPosition(startCell: DRange | string, endCell?: DRange | string): void {
    this.write((t) => {
      const where = (x: DRange | string) =>
        typeof x === 'string' ? x : boxAddress((x as unknown as { live(): RangeTarget }).live().box);
      t.position = { start: where(startCell), end: endCell === undefined ? undefined : where(endCell) };
    });
  }
}

export class DChartCollection extends DoubleCollection<ChartData, DChart> {
  constructor(
    context: DoubleContextBase,
    private readonly sheet: () => SheetData
  ) {
    super(context, () => sheet().charts);
  }
  protected itemProxy(member: ChartData): DChart {
    return new DChart(this.context, () => member);
  }
  private find(name: string): ChartData | null {
    return this.sheet().charts.find((c) => c.name.toLowerCase() === name.toLowerCase()) ?? null;
  }
  /** office.js addresses a chart of a loaded collection by name (its indexer), e.g. to delete it. */
  getItem(name: string): DChart {
    return new DChart(this.context, () => {
      const c = this.find(name);
      if (!c) throw notFound(`chart '${name}'`);
      return c;
    });
  }
  getItemOrNullObject(name: string): DChart {
    return new DChart(this.context, () => this.find(name));
  }
  getItemAt(index: number): DChart {
    return new DChart(this.context, () => {
      const c = this.sheet().charts[index];
      if (!c) throw notFound(`chart at ${index}`);
      return c;
    });
  }
  getCount(): DoubleResult<number> {
    return new DoubleResult(this.context, () => this.sheet().charts.length);
  }
  add(type: string, sourceData: DRange, seriesBy?: string): DChart {
    let made: ChartData | null = null;
    this.context.enqueue(() => {
      const s = this.sheet();
      const t = (sourceData as unknown as { live(): RangeTarget }).live();
      made = {
        type,
        source: `${quoteSheetName(t.sheet.name)}!${boxAddress(t.box)}`,
        seriesBy: seriesBy ?? 'Auto',
        name: `Chart ${s.charts.length + 1}`,
        id: `{chart-${this.host.book.nextId++}}`,
      };
      s.charts.push(made);
    });
    return new DChart(this.context, () => made);
  }
}

// ------------------------------------------------------------------ page layout (ExcelApi 1.9)

type PageLayoutProps = Pick<Excel.PageLayout, 'paperSize' | 'orientation' | 'zoom' | 'isNullObject'>;

const PAPER_SIZES = new Set(['Letter', 'Legal', 'A3', 'A4', 'A5', 'B4', 'B5']);

export class DPageLayout extends DoubleObject<SheetData> implements PageLayoutProps {
  protected readonly scalarProps = ['paperSize', 'orientation', 'zoom'] as const;
  constructor(context: DoubleContextBase, sheet: () => SheetData | null) {
    super(context, () => {
      if (!context.host.supportsExcelApi('1.9'))
        throw new DoubleError(
          'ApiNotFound',
          'The API you are trying to use could not be found (pageLayout needs ExcelApi 1.9).'
        );
      return sheet();
    });
  }
  protected snapshot(prop: string, t: SheetData): unknown {
    if (prop === 'paperSize' || prop === 'orientation') return t.pageLayout[prop];
    if (prop === 'zoom') return { ...t.pageLayout.zoom };
    throw new DoubleError('InvalidArgument', `PageLayout has no property '${prop}'.`);
  }
  get paperSize(): Excel.PageLayout['paperSize'] {
    return this.read('paperSize');
  }
  set paperSize(v: Excel.PageLayout['paperSize']) {
    this.write((t) => {
      if (!PAPER_SIZES.has(String(v)))
        throw new DoubleError('InvalidArgument', `Unsupported paper size '${String(v)}' in the double.`);
      t.pageLayout.paperSize = String(v);
    });
  }
  get orientation(): Excel.PageLayout['orientation'] {
    return this.read('orientation');
  }
  set orientation(v: Excel.PageLayout['orientation']) {
    this.write((t) => {
      if (v !== 'Portrait' && v !== 'Landscape')
        throw new DoubleError('InvalidArgument', `Invalid orientation '${String(v)}'.`);
      t.pageLayout.orientation = v;
    });
  }
  get zoom(): Excel.PageLayoutZoomOptions {
    return this.read('zoom');
  }
  /** Either a scale (10–400) or pages to fit (0 = automatic), as Excel accepts them. */
  set zoom(v: Excel.PageLayoutZoomOptions) {
    this.write((t) => {
      const fit = v.horizontalFitToPages !== undefined || v.verticalFitToPages !== undefined;
      const pages = (n: number | undefined) =>
        n === undefined || (Number.isInteger(n) && n >= 0 && n <= 32767);
      if (fit && v.scale !== undefined)
        throw new DoubleError('InvalidArgument', 'Zoom takes a scale or pages to fit, not both.');
      if (!fit && (v.scale === undefined || v.scale < 10 || v.scale > 400))
        throw new DoubleError('InvalidArgument', 'Zoom scale must be between 10 and 400.');
      if (!pages(v.horizontalFitToPages) || !pages(v.verticalFitToPages))
        throw new DoubleError('InvalidArgument', 'Pages to fit must be whole numbers.');
      t.pageLayout.zoom = fit
        ? { horizontalFitToPages: v.horizontalFitToPages ?? 0, verticalFitToPages: v.verticalFitToPages ?? 0 }
        : { scale: v.scale };
    });
  } /** Rows repeated on every printed page, e.g. `$1:$3`. */
  setPrintTitleRows(rows: string): void {
    this.write((t) => {
      if (!/^\$\d+:\$\d+$/.test(rows))
        throw new DoubleError('InvalidArgument', `Invalid print title rows '${rows}'.`);
      t.pageLayout.printTitleRows = rows;
    });
  }
}

// ------------------------------------------------------------------ worksheets

export class DFreezePanes {
  constructor(private readonly sheet: DWorksheet) {}
  freezeRows(count?: number): void {
    this.sheet.writeSheet((s) => (s.frozenRows = count ?? 1));
  }
  unfreeze(): void {
    this.sheet.writeSheet((s) => (s.frozenRows = 0));
  }
}

export interface WorksheetChangedArgs {
  type: 'WorksheetChanged';
  changeType: 'RangeEdited';
  source: 'Local';
  worksheetId: string;
  address: string;
}

/** The objects a RangeAreas stand-in fans out to. */
const FANNED = Symbol('fanned');

/** True when `prop` is a property the double lets one set on `o` (an accessor with a setter on its class). */
export function hasSetter(o: unknown, prop: string | symbol): boolean {
  const fanned = (o as Record<symbol, unknown[] | undefined>)[FANNED];
  if (fanned) return fanned.every((t) => hasSetter(t, prop));
  for (let p = Object.getPrototypeOf(o); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, prop);
    if (d) return typeof d.set === 'function';
  }
  return false;
}

/** Writes fanned out to several double objects (RangeAreas); reading through it is not modelled. */
function fanOut(targets: unknown[]): unknown {
  const at = (t: unknown, k: string) => (t as Record<string, unknown>)[k];
  return new Proxy(
    {},
    {
      get(_, prop) {
        if (prop === FANNED) return targets;
        // The harness asks for these on any proxy; RangeAreas answer nothing to them.
        if (typeof prop !== 'string' || prop === 'target' || prop === 'loaded' || prop === 'then')
          return undefined;
        const first = at(targets[0], prop);
        if (typeof first === 'function')
          return (...args: unknown[]) =>
            fanOut(targets.map((t) => (at(t, prop) as (...a: unknown[]) => unknown).apply(t, args)));
        if (first && typeof first === 'object') return fanOut(targets.map((t) => at(t, prop)));
        return first;
      },
      set(_, prop, value) {
        for (const t of targets) {
          if (!hasSetter(t, prop)) throw notModelled(`setting ${String(prop)} over RangeAreas`);
          (t as Record<string | symbol, unknown>)[prop] = value;
        }
        return true;
      },
    }
  );
}

type WorksheetData = Pick<Excel.Worksheet, 'name' | 'id' | 'position' | 'visibility' | 'isNullObject'>;

export class DWorksheet extends DoubleObject<SheetData> implements WorksheetData {
  protected readonly scalarProps = ['name', 'id', 'position', 'visibility'] as const;
  constructor(
    context: DoubleContextBase,
    resolver: () => SheetData | null,
    private readonly book: DWorkbook
  ) {
    super(context, resolver);
  }
  protected navigation(name: string): DoubleObject<unknown> | undefined {
    if (name === 'names') return this.names as DoubleObject<unknown>;
    if (name === 'notes') return this.notes as DoubleObject<unknown>;
    if (name === 'comments') return this.comments as DoubleObject<unknown>;
    if (name === 'charts') return this.charts as DoubleObject<unknown>;
    if (name === 'pageLayout') return this.pageLayout as DoubleObject<unknown>;
    return undefined;
  }
  protected snapshot(prop: string, t: SheetData): unknown {
    switch (prop) {
      case 'name':
        return t.name;
      case 'id':
        return t.id;
      case 'position':
        return liveSheets(this.host).indexOf(t);
      case 'visibility':
        return t.visibility;
    }
    throw new DoubleError('InvalidArgument', `Worksheet has no property '${prop}'.`);
  }
  /** Internal: queue a write on the sheet itself. */
  writeSheet(op: (s: SheetData) => void): void {
    this.write(op);
  }
  get name(): string {
    return this.read('name');
  }
  set name(v: string) {
    this.write((s) => {
      if (findSheet(this.host.book, v) && findSheet(this.host.book, v) !== s)
        throw new DoubleError('ItemAlreadyExists', `A sheet '${v}' already exists.`);
      // Formulas and names follow a renamed sheet.
      if (s.name !== v) rewriteSheetRefs(this.host.book, s.name, v);
      s.name = v;
    });
  }
  get id(): string {
    return this.read('id');
  }
  get position(): number {
    return this.read('position');
  }
  set position(v: number) {
    this.write((s) => {
      const book = this.host.book;
      book.sheets.splice(book.sheets.indexOf(s), 1);
      book.sheets.splice(Math.max(0, Math.min(v, book.sheets.length)), 0, s);
    });
  }
  get visibility(): Excel.Worksheet['visibility'] {
    return this.read('visibility');
  }
  set visibility(v: Excel.Worksheet['visibility']) {
    this.write((s) => {
      const value = String(v) as SheetData['visibility'];
      if (value !== 'Visible' && liveSheets(this.host).every((x) => x === s || x.visibility !== 'Visible'))
        throw new DoubleError('InvalidOperation', 'A workbook must keep at least one visible worksheet.');
      s.visibility = value;
    });
  }
  get names(): DNamedItemCollection {
    return this.child('names', () => new DNamedItemCollection(this.context, () => this.live(), this.book));
  }
  get notes(): DNoteCollection {
    return this.child('notes', () => new DNoteCollection(this.context, () => this.live(), this.book));
  }
  get comments(): DCommentCollection {
    return this.child('comments', () => new DCommentCollection(this.context, () => this.live(), this.book));
  }
  get charts(): DChartCollection {
    return this.child('charts', () => new DChartCollection(this.context, () => this.live()));
  }
  get pageLayout(): DPageLayout {
    return this.child('pageLayout', () => new DPageLayout(this.context, () => this.live()));
  }
  get freezePanes(): DFreezePanes {
    return new DFreezePanes(this);
  }
  get onChanged(): DEventHandlers {
    return new DEventHandlers(this.context, () => this.live());
  }
  getRange(...[address]: Parameters<Excel.Worksheet['getRange']>): DRange {
    return this.book.rangeProxy(() => {
      const s = this.live();
      if (address === undefined || address === '')
        return { sheet: s, box: { top: 0, left: 0, bottom: 1_048_575, right: 16_383 } };
      const { sheet, local } = splitSheet(address);
      if (sheet && findSheet(this.host.book, sheet) !== s)
        throw new DoubleError('InvalidArgument', `Address '${address}' is not on this sheet.`);
      const box = parseBox(local);
      if (!box) throw new DoubleError('InvalidArgument', `Invalid range address '${address}'.`);
      return { sheet: s, box };
    }, this);
  }
  /**
   * RangeAreas (ExcelApi 1.9), for writes only: every property set or method called on it (or on its
   * format, fill, font, borders) is done on each area, as Excel does for a format over RangeAreas.
   */
  getRanges(...[address]: Parameters<Excel.Worksheet['getRanges']>): Excel.RangeAreas {
    if (!this.host.supportsExcelApi('1.9'))
      throw new DoubleError(
        'ApiNotFound',
        'The API you are trying to use could not be found (Worksheet.getRanges needs ExcelApi 1.9).'
      );
    const parts = String(address ?? '')
      .split(',')
      .map((a) => a.trim());
    const limit = this.host.rangeAreasLimit;
    this.context.enqueue(() => {
      // Excel refuses some long area lists with InvalidArgument (office-js #5198, #4263): the test sets where.
      if (parts.some((a) => !a) || (limit && parts.length > limit))
        throw new DoubleError(
          'InvalidArgument',
          'The argument is invalid or missing or has an incorrect format.',
          { code: 'InvalidArgument', message: 'getRanges', errorLocation: 'Worksheet.getRanges' }
        );
    });
    return fanOut(parts.map((a) => this.getRange(a))) as Excel.RangeAreas;
  }
  getRangeByIndexes(
    ...[startRow, startColumn, rowCount, columnCount]: Parameters<Excel.Worksheet['getRangeByIndexes']>
  ): DRange {
    return this.book.rangeProxy(() => {
      if (rowCount < 1 || columnCount < 1)
        throw new DoubleError('InvalidArgument', 'rowCount and columnCount must be positive.');
      return {
        sheet: this.live(),
        box: {
          top: startRow,
          left: startColumn,
          bottom: startRow + rowCount - 1,
          right: startColumn + columnCount - 1,
        },
      };
    }, this);
  }
  getCell(...[row, column]: Parameters<Excel.Worksheet['getCell']>): DRange {
    return this.getRangeByIndexes(row, column, 1, 1);
  }
  getUsedRange(...[valuesOnly]: Parameters<Excel.Worksheet['getUsedRange']>): DRange {
    return this.book.rangeProxy(() => {
      const s = this.live();
      return { sheet: s, box: usedBox(s, !!valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 } };
    }, this);
  }
  getUsedRangeOrNullObject(...[valuesOnly]: Parameters<Excel.Worksheet['getUsedRangeOrNullObject']>): DRange {
    return this.book.rangeProxy(() => {
      const s = this.target();
      const box = s ? usedBox(s, !!valuesOnly) : null;
      return s && box ? { sheet: s, box } : null;
    }, this);
  }
  activate(): void {
    this.write((s) => {
      if (s.visibility !== 'Visible')
        throw new DoubleError('InvalidOperation', 'A hidden worksheet cannot be activated.');
      this.host.book.activeSheet = s;
    });
  }
  delete(): void {
    this.write((s) => {
      const rest = liveSheets(this.host).filter((x) => x !== s);
      if (!rest.some((x) => x.visibility === 'Visible'))
        throw new DoubleError('InvalidOperation', 'The last visible worksheet cannot be deleted.');
      s.deleted = true;
      const book = this.host.book;
      book.sheets.splice(book.sheets.indexOf(s), 1);
      book.comments = book.comments.filter((c) => c.sheet !== s);
      commentsChanged(book);
      // Excel turns formulas and names that pointed at the sheet into #REF!.
      rewriteSheetRefs(book, s.name, null);
      if (book.activeSheet === s) book.activeSheet = rest.find((x) => x.visibility === 'Visible') ?? null;
      if (book.selection?.sheet === s) book.selection = null;
    });
  }
}

export class DWorksheetCollection extends DoubleCollection<SheetData, DWorksheet> {
  constructor(
    context: DoubleContextBase,
    private readonly book: DWorkbook
  ) {
    super(context, () => liveSheets(context.host));
  }
  protected itemProxy(member: SheetData): DWorksheet {
    return this.book.sheetProxy(() => member);
  }
  getItem(key: string): DWorksheet {
    return this.book.sheetProxy(() => {
      const s = findSheet(this.host.book, key) ?? liveSheets(this.host).find((x) => x.id === key);
      if (!s) throw notFound(`worksheet '${key}'`);
      return s;
    });
  }
  getItemOrNullObject(key: string): DWorksheet {
    return this.book.sheetProxy(
      () => findSheet(this.host.book, key) ?? liveSheets(this.host).find((x) => x.id === key) ?? null
    );
  }
  getActiveWorksheet(): DWorksheet {
    return this.book.sheetProxy(() => {
      const s = this.host.book.activeSheet ?? liveSheets(this.host)[0];
      if (!s) throw notFound('active worksheet');
      return s;
    });
  }
  add(name?: string): DWorksheet {
    let made: SheetData | null = null;
    this.context.enqueue(() => {
      const book = this.host.book;
      const n = name ?? `Sheet${book.sheets.length + 1}`;
      if (findSheet(book, n))
        throw new DoubleError('ItemAlreadyExists', `A worksheet '${n}' already exists.`);
      if (n.length > 31 || /[:\\/?*[\]]/.test(n))
        throw new DoubleError('InvalidArgument', `'${n}' is not a valid sheet name.`);
      made = newSheet(book, n);
      book.sheets.push(made);
    });
    return this.book.sheetProxy(() => made);
  }
  getCount(): DoubleResult<number> {
    return new DoubleResult(this.context, () => liveSheets(this.host).length);
  }
}

// ------------------------------------------------------------------ workbook and context

export class DWorkbook extends DoubleObject<DoubleHost> {
  protected readonly scalarProps = ['name'] as const;

  constructor(context: DoubleContextBase) {
    super(context, () => context.host);
  }
  protected snapshot(): unknown {
    return 'Book1.xlsx';
  }
  protected navigation(name: string): DoubleObject<unknown> | undefined {
    if (name === 'names') return this.names as DoubleObject<unknown>;
    if (name === 'worksheets') return this.worksheets as DoubleObject<unknown>;
    if (name === 'comments') return this.comments as DoubleObject<unknown>;
    if (name === 'notes') return this.notes as DoubleObject<unknown>;
    return undefined;
  }
  get name(): string {
    return this.read('name');
  }
  get names(): DNamedItemCollection {
    return this.child('names', () => new DNamedItemCollection(this.context, () => null, this));
  }
  get worksheets(): DWorksheetCollection {
    return this.child('worksheets', () => new DWorksheetCollection(this.context, this));
  }
  get comments(): DCommentCollection {
    return this.child('comments', () => new DCommentCollection(this.context, () => null, this));
  }
  get notes(): DNoteCollection {
    return this.child('notes', () => new DNoteCollection(this.context, () => null, this));
  }
  getSelectedRange(): DRange {
    return this.rangeProxy(() => {
      const book = this.host.book;
      const sheet = book.selection?.sheet ?? book.activeSheet ?? liveSheets(this.host)[0];
      if (!sheet) throw notFound('selection');
      return {
        sheet,
        box: book.selection?.sheet === sheet ? book.selection.box : { top: 0, left: 0, bottom: 0, right: 0 },
      };
    });
  }
  getActiveCell(): DRange {
    return this.rangeProxy(() => {
      const r = (this.getSelectedRange() as unknown as { live(): RangeTarget }).live();
      return {
        sheet: r.sheet,
        box: { top: r.box.top, left: r.box.left, bottom: r.box.top, right: r.box.left },
      };
    });
  }

  /** Internal factories: ranges and sheets know their workbook. */
  rangeProxy(resolve: () => RangeTarget | null, sheet?: DWorksheet): DRange {
    const range: DRange = new DRange(
      this.context,
      resolve,
      () => sheet ?? this.sheetProxy(() => (range as unknown as { live(): RangeTarget }).live().sheet)
    );
    return range;
  }
  sheetProxy(resolve: () => SheetData | null): DWorksheet {
    return new DWorksheet(this.context, resolve, this);
  }
}

/** What `Excel.run` hands the callback: `workbook`, `sync()`, and the double's counters. */
export class DoubleRequestContext extends DoubleContextBase {
  readonly workbook: DWorkbook;
  constructor(host: DoubleHost) {
    super(host);
    this.workbook = new DWorkbook(this);
  }
}
