/**
 * Writing a result into the user's own package, part by part (Node only). The input .xlsx/.xlsm
 * is kept whole; we write only:
 *  - our sheets: worksheet parts written from the plan (planSheet.ts: strings inline, cell formats
 *    appended to the user's styles.xml), with their workbook entries;
 *  - on the user's sheets, the marks: a cell's style index (a copy of its own format with the mark
 *    fill) and its note (comments part + VML shape), both put back exactly by clearing.
 * Every other part is copied as stored, so charts, pictures, pivots, VBA, protection, external
 * links and properties come out as they went in.
 *
 * Our sheets carry a marker: a hidden sheet-scoped name `_jixiao_sheet` whose value is the sheet's
 * role ("评分表", "_jixiao_state", …). Sheet-scoped names move with their sheet when it is renamed
 * or reordered, and Excel keeps hidden names on save. A sheet without the marker is the user's,
 * whatever its name: ours then takes a free name (评分表(2) …), the user's is never replaced.
 */
import { INPUTS } from '../../catalogue/inputs';
import { a1 } from '../../catalogue/layout';
import { formatRange, normaliseAddress, parseRange, RangeRef } from '../../core/address';
import { resolveNames } from '../../core/names';
import { mergeMarks } from '../../core/hostDecisions';
import {
  decodeState,
  encodeState,
  freeSheetName,
  isMarkBorder,
  markedNote,
  MARK_BORDER,
  MARK_FILL,
  markInNote,
  MarkRecord,
  OWNER_NAME,
  restoredFill,
  safeRestoredNote,
  STATE_COLUMNS,
  STATE_SHEET,
  textDigest,
  contentDigest,
  DIGEST_NAME,
} from '../../core/markState';
import type { CellMark, CellValue, OutCell, Plan, SheetPlan } from '../../core/types';
import { Comments, ShapeIds, Vml } from './notes';
import {
  attr,
  CONTENT_TYPE,
  dropAttr,
  elements,
  EMPTY_RELS,
  escapeAttr,
  findElement,
  inner,
  MAIN_NS,
  prefixFor,
  REL_NS,
  REL_TYPE,
  relationships,
  relativeTarget,
  relsPathOf,
  resolveTarget,
  richText,
  setAttr,
  Span,
  startTag,
  unescapeXml,
} from './ooxml';
import {
  legacyDrawingOf,
  legacyDrawingXml,
  sheetCells,
  SheetXml,
  SheetXmlError,
  withLegacyDrawing,
} from './sheetXml';
import { fillXmlOf, safeStyleElement, StyleSheet, StyleSheetError } from './styleSheet';
import { planSheetParts, PlanStyles } from './planSheet';
import { ClearReport, InputBook, scanDefinedNames, valueKeyAt } from './xlsx';
import { listZip, readEntry, rewriteZip, ZipEntry } from './zip';

export { OWNER_NAME };

/** A package that cannot be written into safely; the message is Chinese. */
export class KeepError extends Error {}

/** What writing into the package did. */
export interface KeepResult {
  bytes: Buffer;
  clear: ClearReport;
  /** Our sheets that took another name because the user has a sheet of that name. */
  renamed: Array<{ wanted: string; name: string }>;
  /** Sheets whose notes were not read (see XlsxBook.notesUnread); the package keeps them. */
  notesUnread: string[];
}

// ------------------------------------------------------------------ the package

class Parts {
  readonly entries: ZipEntry[];
  private readonly byName: Map<string, ZipEntry>;
  private readonly changes = new Map<string, Uint8Array | null>();
  private readonly texts = new Map<string, string | null>();

  constructor(private readonly buf: Buffer) {
    this.entries = listZip(buf);
    this.byName = new Map(this.entries.map((e) => [e.name, e]));
  }

  has(name: string): boolean {
    if (this.changes.has(name)) return this.changes.get(name) !== null;
    return this.texts.has(name) ? this.texts.get(name) !== null : this.byName.has(name);
  }

  text(name: string): string | undefined {
    if (this.texts.has(name)) return this.texts.get(name) ?? undefined;
    const changed = this.changes.get(name);
    const e = this.byName.get(name);
    const t =
      changed !== undefined
        ? changed && Buffer.from(changed.buffer, changed.byteOffset, changed.byteLength).toString('utf8')
        : e
          ? readEntry(this.buf, e).toString('utf8')
          : undefined;
    this.texts.set(name, t ?? null);
    return t ?? undefined;
  }

  /** A part's new text, kept as its bytes only (a sheet of tens of thousands of rows is not held twice); read back on asking. */
  set(name: string, text: string): void {
    if (this.text(name) === text) return;
    this.texts.delete(name);
    this.changes.set(name, Buffer.from(text, 'utf8'));
  }

  remove(name: string): void {
    this.texts.set(name, null);
    this.changes.set(name, null);
  }

  /** A part name not in the package: `xl/comments3.xml` for (`xl/comments`, `.xml`). */
  free(stem: string, ext: string): string {
    for (let n = 1; ; n++)
      if (!this.has(`${stem}${n}${ext}`) && !this.changes.has(`${stem}${n}${ext}`))
        return `${stem}${n}${ext}`;
  }

  names(): string[] {
    return [...new Set([...this.byName.keys(), ...this.changes.keys()])].filter((n) => this.has(n));
  }

  bytes(): Buffer {
    return rewriteZip(this.buf, this.entries, this.changes);
  }
}

/** A sheet-scoped defined name to set (or, with no body, remove). */
interface SheetNameEdit {
  index: number;
  name: string;
  body: string | undefined;
  hidden?: boolean;
}

interface SheetEntry {
  name: string;
  index: number;
  sheetId: number;
  rid: string;
  part: string;
}

const unquote = (body: string) => {
  const v = unescapeXml(body).trim();
  return /^"(.*)"$/s.test(v) ? v.slice(1, -1).replace(/""/g, '"') : v;
};

/** Adds a relationship (`rId<n>`, the first free) to a .rels text; the text and the id. */
function addRelationship(
  rels: string | undefined,
  type: string,
  target: string
): { rels: string; id: string; xml: string } {
  const text = rels ?? EMPTY_RELS;
  const ids = new Set(relationships(text).map((r) => r.id));
  let n = 1;
  while (ids.has(`rId${n}`)) n++;
  const xml = `<Relationship Id="rId${n}" Type="${type}" Target="${escapeAttr(target)}"/>`;
  const at = text.lastIndexOf('</Relationships>');
  return { rels: text.slice(0, at) + xml + text.slice(at), id: `rId${n}`, xml };
}

const withoutText = (text: string, piece: string) => {
  const at = text.indexOf(piece);
  return at < 0 ? text : text.slice(0, at) + text.slice(at + piece.length);
};

// ------------------------------------------------------------------ the writer

export async function writeIntoPackage(
  input: Buffer,
  book: InputBook,
  plan: Plan | null
): Promise<KeepResult> {
  try {
    return await new Keeper(input, book).run(plan);
  } catch (e) {
    if (e instanceof SheetXmlError || e instanceof StyleSheetError)
      throw new KeepError(`无法在保留原工作簿内容的前提下写入结果：${e.message}`);
    throw e;
  }
}

class Keeper {
  private readonly parts: Parts;
  private wbXml: string;
  private wbRels: string;
  private types: string;
  private readonly styles: StyleSheet;
  private readonly stylesPath: string;
  private readonly sheets: SheetEntry[];
  /** Role → sheet index, from the ownership marker (and its digest, where there is one). */
  private readonly owned = new Map<string, number>();
  /** Role → a sheet that carries our marker but whose content the user has changed: theirs now. */
  private readonly disowned = new Map<string, number>();
  private readonly sheetXml = new Map<string, SheetXml>();
  private readonly notes = new Map<string, SheetNotes>();
  private sst: string[] | undefined;
  private ids: ShapeIds | undefined;
  /** Cells looked at so far while searching for moved marks (see SEARCH_BUDGET). */
  private probes = 0;
  /** Our named inputs where they are now (name as the catalogue spells it → range). */
  private readonly inputs = new Map<string, RangeRef>();

  constructor(
    input: Buffer,
    private readonly book: InputBook
  ) {
    this.parts = new Parts(input);
    this.wbXml = this.required('xl/workbook.xml');
    this.wbRels = this.required('xl/_rels/workbook.xml.rels');
    this.types = this.required('[Content_Types].xml');
    if (prefixFor(this.wbXml, MAIN_NS) !== '')
      throw new KeepError(
        '无法在保留原工作簿内容的前提下写入结果：xl/workbook.xml 的写法不常见（命名空间前缀）；请在 Excel 中另存后重试'
      );
    const rels = relationships(this.wbRels);
    const stylesRel = rels.find((r) => r.type.endsWith('/styles'));
    this.stylesPath = stylesRel ? resolveTarget('xl/workbook.xml', stylesRel.target) : 'xl/styles.xml';
    this.styles = new StyleSheet(this.required(this.stylesPath));
    const sheetsBox = findElement(this.wbXml, 'sheets');
    const body = sheetsBox ? inner(this.wbXml, sheetsBox) : { start: 0, end: 0 };
    this.sheets = elements(this.wbXml, 'sheet', body.start, body.end).map((e, index) => {
      const tag = startTag(this.wbXml, e.start);
      const rid = /\s[\w.-]+:id\s*=\s*"([^"]*)"/.exec(tag)?.[1] ?? '';
      const target = rels.find((r) => r.id === rid)?.target ?? '';
      return {
        name: attr(tag, 'name') ?? '',
        index,
        sheetId: Number(attr(tag, 'sheetId') ?? 0),
        rid,
        part: resolveTarget('xl/workbook.xml', target),
      };
    });
    const markers: Array<{ role: string; local: number }> = [];
    const digests = new Map<number, string>();
    for (const d of scanDefinedNames(this.wbXml)) {
      const name = attr(`<x ${d.attrs}>`, 'name');
      const local = Number(attr(`<x ${d.attrs}>`, 'localSheetId'));
      if (!this.sheets[local]) continue;
      if (name === OWNER_NAME) markers.push({ role: unquote(d.body), local });
      else if (name === DIGEST_NAME) digests.set(local, unquote(d.body));
    }
    const current = this.digestsCurrent(markers);
    for (const { role, local } of markers) {
      if (this.owned.has(role)) continue;
      // A marked sheet whose content is no longer what we wrote (copied and typed into) is the user's.
      const digest = current ? digests.get(local) : undefined;
      if (digest && digest !== this.digestOf(this.sheets[local])) {
        if (!this.disowned.has(role)) this.disowned.set(role, local);
        continue;
      }
      this.owned.set(role, local);
    }
    // A marker on a sheet holding our inputs is forged (or copied with the sheet): that sheet is the user's.
    const { resolved } = resolveNames(
      book.names,
      INPUTS.map((d) => d.name)
    );
    for (const [name, r] of resolved) {
      const range = r.address ? parseRange(r.address) : null;
      if (range) this.inputs.set(name, range);
    }
    const inputSheets = new Set([...this.inputs.values()].map((r) => r.sheet));
    for (const [role, i] of this.owned) if (inputSheets.has(this.sheets[i].name)) this.owned.delete(role);
  }

  private required(part: string): string {
    const t = this.parts.text(part);
    if (t === undefined) throw new KeepError(`无法在保留原工作簿内容的前提下写入结果：缺少部件 ${part}`);
    return t;
  }

  async run(plan: Plan | null): Promise<KeepResult> {
    const clear = this.clearMarks();
    const records = plan ? this.mark(plan.marks) : [];
    const renamed: KeepResult['renamed'] = [];
    const ours: SheetPlan[] = plan
      ? plan.sheets.filter((s) => s.onExisting !== 'keep' || !this.sheetNamed(s.name))
      : [];
    // The state sheet: written when there are marks to remember, emptied (never deleted) when ours and there are none.
    if (records.length > 0 || this.owned.has(STATE_SHEET)) ours.push(stateSheetPlan(records));
    if (ours.length) this.writeOurSheets(ours, renamed);
    if (plan?.names?.length) this.defineNames(plan.names);
    this.finishNotes();
    for (const [name, x] of this.sheetXml) this.setSheetXml(name, x.toXml());
    if (this.styles.changed) this.parts.set(this.stylesPath, this.styles.toXml());
    this.parts.set('xl/workbook.xml', this.wbXml);
    this.parts.set('xl/_rels/workbook.xml.rels', this.wbRels);
    this.parts.set('[Content_Types].xml', this.types);
    return { bytes: this.parts.bytes(), clear, renamed, notesUnread: this.book.notesUnread ?? [] };
  }

  // -------------------------------------------------------------- sheets

  private sheetNamed(name: string): SheetEntry | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
  }

  private ownedSheet(role: string): SheetEntry | undefined {
    const i = this.owned.get(role);
    return i === undefined ? undefined : this.sheets[i];
  }

  /** The sheet's XML as edited so far. */
  private sheetText(sheet: SheetEntry): string {
    const x = this.parts.text(sheet.part);
    if (x === undefined)
      throw new KeepError(
        `无法在保留原工作簿内容的前提下写入结果：工作表“${sheet.name}”的部件 ${sheet.part} 不存在`
      );
    return x;
  }

  private cells(sheet: SheetEntry): SheetXml {
    let x = this.sheetXml.get(sheet.name);
    if (!x) {
      const text = this.sheetText(sheet);
      if (prefixFor(text, MAIN_NS) !== '')
        throw new KeepError(
          `无法在保留原工作簿内容的前提下写入结果：工作表“${sheet.name}”的写法不常见（命名空间前缀）；请在 Excel 中另存后重试`
        );
      x = new SheetXml(text, sheet.name);
      this.sheetXml.set(sheet.name, x);
    }
    return x;
  }

  private setSheetXml(name: string, xml: string): void {
    const sheet = this.sheetNamed(name)!;
    const notes = this.notes.get(name);
    let out = xml;
    if (notes?.legacyAdd) out = withLegacyDrawing(out, notes.legacyAdd);
    if (notes?.legacyRemove) out = withoutText(out, notes.legacyRemove);
    this.parts.set(sheet.part, out);
  }

  // -------------------------------------------------------------- marks

  private sharedStrings(): string[] {
    if (this.sst) return this.sst;
    const rel = relationships(this.wbRels).find((r) => r.type.endsWith('/sharedStrings'));
    const xml = rel ? this.parts.text(resolveTarget('xl/workbook.xml', rel.target)) : undefined;
    this.sst = xml ? elements(xml, 'si').map((e) => richText(xml.slice(e.start, e.end))) : [];
    return this.sst;
  }

  /**
   * The state sheet's columns: ours by its marker; else one that carries our marker but was changed
   * (its records still say where our marks are), else a sheet of the state's name: read, never replaced.
   */
  private stateValues(): CellValue[][] {
    const i = this.owned.get(STATE_SHEET) ?? this.disowned.get(STATE_SHEET);
    const sheet = i !== undefined ? this.sheets[i] : this.sheetNamed(STATE_SHEET);
    if (!sheet) return [];
    const rows = new Map<number, CellValue[]>();
    for (const c of sheetCells(this.sheetText(sheet), this.sharedStrings())) {
      if (c.col >= STATE_COLUMNS || c.formula) continue;
      if (!rows.has(c.row)) {
        if (rows.size >= 1_000_000) break;
        rows.set(c.row, Array(STATE_COLUMNS).fill(null));
      }
      rows.get(c.row)![c.col] = c.value;
    }
    return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, line]) => line);
  }

  /**
   * Whether the digests beside the markers can be trusted. An Office host that keeps no digests (one
   * from before them, or an Excel before ExcelApi 1.7) rewrites our sheets and the state sheet without
   * the flag both hosts write beside the records where they keep digests (DIGEST_NAME in J1): a marked
   * state sheet without it means such a host ran last and the digests are stale, so the markers stand
   * alone, as before digests. Without any marked state sheet (a sheet copied
   * into a workbook never run) the digests are checked.
   */
  private digestsCurrent(markers: Array<{ role: string; local: number }>): boolean {
    const states = markers.filter((m) => m.role === STATE_SHEET);
    return (
      states.length === 0 ||
      states.some(({ local }) => {
        const xml = this.parts.text(this.sheets[local].part) ?? '';
        const firstRow = xml.slice(0, xml.indexOf('</row>') + 6);
        return sheetCells(firstRow, this.sharedStrings()).some(
          (c) => c.row === 0 && c.col === STATE_COLUMNS + 1 && c.value === DIGEST_NAME
        );
      })
    );
  }

  /** The digest of a sheet's content as it is in the package now. */
  private digestOf(sheet: SheetEntry): string | undefined {
    const xml = this.parts.text(sheet.part);
    return xml === undefined ? undefined : contentDigest(sheetCells(xml, this.sharedStrings()));
  }

  private notesOf(sheet: SheetEntry): SheetNotes {
    let n = this.notes.get(sheet.name);
    if (!n) {
      const relsPath = relsPathOf(sheet.part);
      const rels = this.parts.text(relsPath);
      const rs = relationships(rels ?? '');
      const commentsRel = rs.find((r) => r.type === REL_TYPE.comments);
      const commentsPath = commentsRel ? resolveTarget(sheet.part, commentsRel.target) : undefined;
      const legacy = legacyDrawingOf(this.sheetText(sheet));
      const vmlRel = legacy ? rs.find((r) => r.id === legacy.id) : undefined;
      const vmlPath = vmlRel ? resolveTarget(sheet.part, vmlRel.target) : undefined;
      const commentsText = commentsPath ? this.parts.text(commentsPath) : undefined;
      const vmlText = vmlPath ? this.parts.text(vmlPath) : undefined;
      n = {
        sheet,
        relsPath,
        comments: new Comments(commentsText),
        commentsPath: commentsText !== undefined ? commentsPath : undefined,
        vml: new Vml(vmlText, this.shapeIds()),
        vmlPath: vmlText !== undefined ? vmlPath : undefined,
        legacy: vmlText !== undefined ? legacy?.xml : undefined,
      };
      this.notes.set(sheet.name, n);
    }
    return n;
  }

  /** Every notes drawing's shape ids, read once, so the shapes we add are unique across the package. */
  private shapeIds(): ShapeIds {
    this.ids ??= new ShapeIds(
      this.parts
        .names()
        .filter((n) => n.toLowerCase().endsWith('.vml'))
        .map((n) => this.parts.text(n) ?? '')
    );
    return this.ids;
  }

  private locate(address: string): { sheet: SheetEntry; r: number; c: number; ref: string } | undefined {
    const at = parseRange(address);
    const sheet = at ? this.sheetNamed(at.sheet) : undefined;
    if (!at || !sheet || sheet.name !== at.sheet) return undefined;
    return { sheet, r: at.top + 1, c: at.left, ref: a1(at.top, at.left) };
  }

  /** The named input holding a cell and the cell's place in it: a name of that one cell if there is one, else the smallest. */
  private placeOf(address: string): MarkRecord['at'] {
    const at = parseRange(address);
    if (!at) return undefined;
    let best: { name: string; range: RangeRef; size: number } | undefined;
    for (const [name, range] of this.inputs) {
      if (range.sheet !== at.sheet || at.top < range.top || at.top > range.bottom) continue;
      if (at.left < range.left || at.left > range.right) continue;
      const size = (range.bottom - range.top + 1) * (range.right - range.left + 1);
      if (!best || size < best.size) best = { name, range, size };
      if (size === 1) break;
    }
    return best && { name: best.name, row: at.top - best.range.top, col: at.left - best.range.left };
  }

  /** Where a record's cell is now, by the name it was recorded under (undefined: no such name, or outside it now). */
  private tracked(rec: MarkRecord): { address: string; single: boolean; range: RangeRef } | undefined {
    const range = rec.at && this.inputs.get(rec.at.name);
    if (!rec.at || !range) return undefined;
    const r = range.top + rec.at.row;
    const c = range.left + rec.at.col;
    if (r > range.bottom || c > range.right) return undefined;
    return {
      address: cellAddress(range.sheet, r, c),
      single: range.top === range.bottom && range.left === range.right,
      range,
    };
  }

  /**
   * The state sheet is in the user's hands (and a received workbook's may be forged): a record is only
   * acted on at a single cell inside our named inputs.
   */
  private inInputs(address: string): boolean {
    const at = parseRange(address);
    if (!at || at.top !== at.bottom || at.left !== at.right) return false;
    for (const r of this.inputs.values())
      if (
        r.sheet === at.sheet &&
        at.top >= r.top &&
        at.top <= r.bottom &&
        at.left >= r.left &&
        at.left <= r.right
      )
        return true;
    return false;
  }

  /** What of Jixiao's mark a cell still wears: its fill, its border, its note text; and whether its value is the recorded one. */
  private evidence(address: string, rec: MarkRecord): Evidence | undefined {
    if (!this.inInputs(address)) return undefined;
    const at = this.locate(address);
    if (!at || [...this.owned.values()].includes(at.sheet.index)) return undefined;
    const s = this.cells(at.sheet).cell(at.r, at.c).s ?? 0;
    const fill = this.styles.fillState(s);
    const notes = markInNote(rec) ? this.notesOf(at.sheet) : undefined;
    const current = notes ? notes.comments.text(at.ref) : null;
    const note = notes ? safeRestoredNote(current, rec) : undefined;
    const key = valueKeyAt(this.book, address);
    return {
      at,
      s,
      fill: fill.kind === 'solid' && restoredFill(fill, rec) !== undefined,
      border: isMarkBorder(this.styles.borderState(s), rec.severity),
      note,
      value: rec.value === undefined || (key !== null && key === rec.value),
    };
  }

  /**
   * Where a recorded mark is now. Another program may have moved it (rows or columns inserted or
   * deleted) and renumbered every style: the cell is found through the name it was recorded under, at
   * its recorded place or, in a table a row was inserted into, the nearest cell of its column that
   * still wears the mark and holds the recorded value; else at its recorded address.
   */
  private find(rec: MarkRecord, taken: Set<string>): { address: string; ev: Evidence } | 'moved' | undefined {
    const ours = (ev: Evidence | undefined): ev is Evidence =>
      ev !== undefined && (ev.fill || ev.border || ev.note !== undefined);
    const recorded = normaliseAddress(rec.address);
    const tracked = this.tracked(rec);
    if (tracked) {
      const ev = taken.has(tracked.address) ? undefined : this.evidence(tracked.address, rec);
      // A name of the one cell moved with it: what is there is the marked cell, whatever its value now.
      if (ours(ev) && (tracked.single || ev.value)) return { address: tracked.address, ev };
      if (!tracked.single) {
        const near = this.searchColumn(rec, tracked.range, taken, ours);
        if (near) return near;
        // The user typed over a marked cell of a table that did not move.
        if (ours(ev) && tracked.address === recorded) return { address: tracked.address, ev };
      }
      // The name now points elsewhere: the mark is where it was only if that cell still holds the recorded value.
      if (recorded === null || recorded === tracked.address || taken.has(recorded)) return undefined;
      const there = this.evidence(recorded, rec);
      return ours(there) && there.value ? { address: recorded, ev: there } : undefined;
    }
    if (recorded === null || taken.has(recorded)) return undefined;
    const ev = this.evidence(recorded, rec);
    if (!ev) return undefined;
    // A changed value with neither Jixiao's fill, border nor text is another cell moved to this address.
    if (!ev.value && !ev.fill && !ev.border && (ev.note === undefined || rec.written === undefined))
      return 'moved';
    return { address: recorded, ev };
  }

  /** The nearest cell of the record's column in its table that wears the mark and holds the recorded value (rows inserted or deleted inside the table). */
  private searchColumn(
    rec: MarkRecord,
    range: RangeRef,
    taken: Set<string>,
    ours: (ev: Evidence | undefined) => ev is Evidence
  ): { address: string; ev: Evidence } | undefined {
    const c = range.left + rec.at!.col;
    const home = range.top + rec.at!.row;
    for (let d = 1; d <= SEARCH_ROWS && this.probes < SEARCH_BUDGET; d++) {
      for (const r of [home - d, home + d]) {
        if (r < range.top || r > range.bottom) continue;
        const address = cellAddress(range.sheet, r, c);
        if (taken.has(address)) continue;
        this.probes++;
        const ev = this.evidence(address, rec);
        if (ours(ev) && ev.value) return { address, ev };
      }
      if (home - d < range.top && home + d > range.bottom) break;
    }
    return undefined;
  }

  /** Takes the previous run's marks off (validated records only), wherever another program has moved them. */
  private clearMarks(): ClearReport {
    const records = decodeState(this.stateValues());
    const report: ClearReport = { restored: 0, ignored: [], moved: [] };
    const taken = new Set<string>();
    const found: Array<{ rec: MarkRecord; address: string; ev: Evidence }> = [];
    // Records that name their place first, so a record without one cannot claim a cell that moved.
    const ordered = [...records.filter((r) => r.at), ...records.filter((r) => !r.at)];
    for (const rec of ordered) {
      const f = this.find(rec, taken);
      if (f === 'moved') report.moved.push(rec.address);
      else if (!f) report.ignored.push(rec.address);
      else {
        taken.add(f.address);
        found.push({ rec, ...f });
      }
    }
    for (const { rec, address, ev } of found)
      if (this.undo(rec, ev)) report.restored++;
      else report.ignored.push(address);
    return report;
  }

  /** Takes Jixiao's fill, border and text off one cell, leaving what the user changed; false when nothing of ours was there. */
  private undo(rec: MarkRecord, ev: Evidence): boolean {
    const { at, s } = ev;
    const cells = this.cells(at.sheet);
    const styled = this.undoLooks(rec, ev);
    if (styled !== undefined) {
      if (styled === 'exact') {
        // The recorded format comes back exactly (and a cell or row we created goes).
        if (!rec.bare || !cells.removeCreated(at.r, at.c, s, rec.bare === 'row'))
          cells.setStyle(at.r, at.c, rec.xf ?? null);
      } else cells.setStyle(at.r, at.c, styled);
    }
    const note = ev.note;
    if (note !== undefined) {
      const notes = this.notesOf(at.sheet);
      const original = rec.noteXml?.replace(/^(<comment\b[^>]*?\sref=")[^"]*"/, `$1${at.ref}"`);
      const asWritten = notes.comments.byUs(at.ref);
      if (
        note === rec.note &&
        original !== undefined &&
        asWritten &&
        this.validNoteXml(original, at.ref, rec.note, notes.comments)
      )
        notes.comments.setElement(at.ref, original);
      else if (note === null) {
        notes.comments.setElement(at.ref, null);
        notes.vml.removeNote(at.r - 1, at.c);
      } else {
        // The user's text stays under its own author: the recorded one while the part is as Jixiao left it.
        const tag =
          asWritten && original !== undefined && notes.comments.hasAuthor(original) ? original : undefined;
        notes.comments.setTextKeepingAuthor(at.ref, note, tag);
      }
    }
    return styled !== undefined || note !== undefined;
  }

  /**
   * The cell's format once Jixiao's fill and border are off ('exact': the recorded style index), or
   * undefined to leave it. A fill or border the user changed stays. While styles.xml is as the record
   * knew it (its base format unchanged at its index), the parts come from there and the rest of the
   * format must be the recorded one; once another program has renumbered the styles, from the record.
   */
  private undoLooks(rec: MarkRecord, ev: Evidence): number | 'exact' | undefined {
    if (!ev.fill && !ev.border) return undefined;
    if (rec.xf === undefined) {
      // Records from before the package writer: the fill only, as recorded.
      const fill = ev.fill ? this.recordedPart(rec, 'fill') : undefined;
      return fill === undefined ? undefined : this.styles.withParts(ev.s, { fill });
    }
    const base = rec.xf ?? (rec.bare ? this.columnStyle(ev.at.sheet, ev.at.c) : 0);
    const intact = rec.xfDigest === undefined || textDigest(this.styles.xf(base) ?? '') === rec.xfDigest;
    if (intact) {
      if (!this.styles.sameBesidesLooks(ev.s, base)) return undefined;
      const ownBorder = MARK_BORDER[rec.severity]
        ? ev.border
        : this.styles.borderXml(ev.s) === this.styles.borderXml(base);
      if (ev.fill && ownBorder) return 'exact';
      return this.styles.withParts(ev.s, {
        fill: ev.fill ? this.styles.fillXml(base) : undefined,
        border: ev.border ? this.styles.borderXml(base) : undefined,
      });
    }
    const fill = ev.fill ? this.recordedPart(rec, 'fill') : undefined;
    const border = ev.border ? this.recordedPart(rec, 'border') : undefined;
    return fill === undefined && border === undefined
      ? undefined
      : this.styles.withParts(ev.s, { fill, border });
  }

  /** The cell's own fill or border as recorded, when it is safe to write into styles.xml. */
  private recordedPart(rec: MarkRecord, part: 'fill' | 'border'): string | undefined {
    const xml = part === 'fill' ? (rec.fillXml ?? fillXmlOf(rec.fill)) : rec.borderXml;
    return xml !== undefined && safeStyleElement(xml, part) ? xml : undefined;
  }

  /** A recorded comment element is put back only when it is one comment of this cell whose text is the recorded note. */
  private validNoteXml(xml: string, ref: string, note: string | null, comments: Comments): boolean {
    if (note === null) return false;
    if (!/^<comment\b[^>]*>[\s\S]*<\/comment>$/.test(xml) || (xml.match(/<comment\b/g) ?? []).length !== 1)
      return false;
    if (/<!|<\?/.test(xml) || attr(startTag(xml, 0), 'ref') !== ref || !comments.hasAuthor(xml)) return false;
    const body = /<text\b[^>]*>([\s\S]*)<\/text>/.exec(xml);
    return body !== null && richText(body[1]) === note;
  }

  /** Puts this run's marks on the cells; the records to remember. */
  private mark(marks: CellMark[]): MarkRecord[] {
    const records: MarkRecord[] = [];
    for (const m of mergeMarks(marks)) {
      const at = this.locate(m.address);
      if (!at || [...this.owned.values()].includes(at.sheet.index)) continue;
      const cells = this.cells(at.sheet);
      const now = cells.cell(at.r, at.c);
      const base = now.s ?? (now.exists ? 0 : this.columnStyle(at.sheet, at.c));
      const notes = this.notesOf(at.sheet);
      const ownXml = notes.comments.element(at.ref);
      const own = notes.comments.text(at.ref);
      const threaded = own !== null && own.startsWith('[Threaded comment]');
      const key = valueKeyAt(this.book, m.address);
      const written = threaded ? undefined : markedNote(own, m.note);
      const place = this.placeOf(m.address);
      const fillXml = this.styles.fillXml(base);
      const borderXml = MARK_BORDER[m.severity] ? this.styles.borderXml(base) : undefined;
      records.push({
        address: m.address,
        fill: this.styles.fillState(base),
        note: own,
        severity: m.severity,
        ...(threaded ? { via: JSON.stringify({ via: 'none' }) } : {}),
        ...(written !== undefined ? { written } : {}),
        value: key ?? 'null',
        xf: now.s,
        ...(!now.exists ? { bare: now.rowExists ? ('cell' as const) : ('row' as const) } : {}),
        ...(ownXml !== null && !threaded ? { noteXml: ownXml } : {}),
        ...(place ? { at: place } : {}),
        xfDigest: textDigest(this.styles.xf(base) ?? ''),
        ...(fillXml !== undefined ? { fillXml } : {}),
        ...(borderXml !== undefined ? { borderXml } : {}),
      });
      cells.setStyle(
        at.r,
        at.c,
        this.styles.markXf(base, MARK_FILL[m.severity], MARK_BORDER[m.severity]?.color ?? undefined)
      );
      if (written !== undefined) {
        notes.comments.setText(at.ref, written);
        notes.vml.ensureNote(at.r - 1, at.c);
      }
    }
    return records;
  }

  /** The style of an empty cell: its column's, if the column has one. */
  private columnStyle(sheet: SheetEntry, c: number): number {
    const xml = this.sheetText(sheet);
    const cols = findElement(xml, 'cols');
    if (!cols) return 0;
    for (const e of elements(xml, 'col', cols.start, cols.end)) {
      const tag = startTag(xml, e.start);
      if (Number(attr(tag, 'min')) <= c + 1 && c + 1 <= Number(attr(tag, 'max')))
        return Number(attr(tag, 'style') ?? 0);
    }
    return 0;
  }

  /** Writes each sheet's notes parts, creating or removing the parts and their links as needed. */
  private finishNotes(): void {
    for (const n of this.notes.values()) {
      if (!n.comments.dirty && !n.vml.dirty) continue;
      const part = n.sheet.part;
      let rels = this.parts.text(n.relsPath);
      const empty = n.comments.refs().length === 0;
      if (!empty) {
        if (!n.commentsPath) {
          n.commentsPath = this.parts.free('xl/comments', '.xml');
          const added = addRelationship(rels, REL_TYPE.comments, relativeTarget(part, n.commentsPath));
          rels = added.rels;
          this.addOverride(n.commentsPath, CONTENT_TYPE.comments);
        }
        this.parts.set(n.commentsPath, n.comments.toXml());
        if (!n.vmlPath) {
          n.vmlPath = this.parts.free('xl/drawings/vmlDrawing', '.vml');
          const added = addRelationship(rels, REL_TYPE.vml, relativeTarget(part, n.vmlPath));
          rels = added.rels;
          this.addOverride(n.vmlPath, CONTENT_TYPE.vml);
          n.legacyAdd = legacyDrawingXml(this.sheetText(n.sheet), added.id);
        }
        this.parts.set(n.vmlPath, n.vml.toXml());
      } else {
        if (n.commentsPath) {
          rels = this.dropRelationship(rels, part, n.commentsPath);
          this.parts.remove(n.commentsPath);
          this.dropOverride(n.commentsPath);
        }
        if (n.vmlPath && n.vml.empty) {
          rels = this.dropRelationship(rels, part, n.vmlPath);
          this.parts.remove(n.vmlPath);
          this.dropOverride(n.vmlPath);
          n.legacyRemove = n.legacy;
        } else if (n.vmlPath) this.parts.set(n.vmlPath, n.vml.toXml());
      }
      if (rels === undefined) continue;
      if (rels === EMPTY_RELS) this.parts.remove(n.relsPath);
      else this.parts.set(n.relsPath, rels);
      // The sheet part is rewritten (with its legacyDrawing change) even when no cell changed.
      this.cells(n.sheet);
    }
  }

  private dropRelationship(rels: string | undefined, source: string, target: string): string | undefined {
    if (rels === undefined) return rels;
    const rel = relationships(rels).find((r) => !r.external && resolveTarget(source, r.target) === target);
    return rel ? withoutText(rels, rel.xml) : rels;
  }

  private addOverride(part: string, type: string): void {
    const at = this.types.lastIndexOf('</Types>');
    this.types = `${this.types.slice(0, at)}<Override PartName="/${part}" ContentType="${type}"/>${this.types.slice(at)}`;
  }

  private dropOverride(part: string): void {
    const m = new RegExp(
      `<Override\\b[^>]*\\bPartName="/${part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"[^>]*/>`,
      'i'
    ).exec(this.types);
    if (m) this.types = this.types.slice(0, m.index) + this.types.slice(m.index + m[0].length);
  }

  // -------------------------------------------------------------- our sheets

  private writeOurSheets(plans: SheetPlan[], renamed: KeepResult['renamed']): void {
    const targets = plans.map((p) => {
      const own = this.ownedSheet(p.name);
      if (own) return { plan: p, name: own.name, own };
      return { plan: p, name: this.freeName(p.name, plans), own: undefined };
    });
    for (const t of targets)
      if (!t.own && t.name !== t.plan.name) renamed.push({ wanted: t.plan.name, name: t.name });
    const styles = new PlanStyles(this.styles);
    const names: SheetNameEdit[] = [];
    for (const t of targets) {
      const isState = t.plan.name === STATE_SHEET;
      const sheet = planSheetParts(t.plan, t.name, styles, isState);
      const state = isState ? 'veryHidden' : (t.plan.visibility ?? 'visible');
      let entry = t.own;
      if (!entry) entry = this.addSheet(t.name, state);
      else {
        this.dropCalcChain();
        // Hidden as planned again (LibreOffice saves a very hidden sheet as only hidden).
        this.setSheetState(entry.index, state);
      }
      this.parts.set(entry.part, sheet.xml);
      const relsPath = relsPathOf(entry.part);
      if (sheet.rels) this.parts.set(relsPath, sheet.rels);
      else if (this.parts.has(relsPath)) this.parts.remove(relsPath);
      names.push({ index: entry.index, name: '_xlnm.Print_Titles', body: sheet.printTitles });
      if (!t.own)
        names.push({
          index: entry.index,
          name: OWNER_NAME,
          body: `"${t.plan.name.replace(/"/g, '""')}"`,
          hidden: true,
        });
      names.push({
        index: entry.index,
        name: DIGEST_NAME,
        body: `"${contentDigest(sheet.cells)}"`,
        hidden: true,
      });
    }
    this.setSheetNames(names);
  }

  /** A name no sheet and no other plan has (Excel compares sheet names without case). */
  private freeName(wanted: string, plans: SheetPlan[]): string {
    return freeSheetName(
      wanted,
      (n) =>
        this.sheetNamed(n) !== undefined ||
        plans.some((p) => p.name !== wanted && p.name.toLowerCase() === n.toLowerCase())
    );
  }

  private addSheet(name: string, state: string | undefined): SheetEntry {
    const part = this.parts.free('xl/worksheets/sheet', '.xml');
    const added = addRelationship(this.wbRels, REL_TYPE.worksheet, relativeTarget('xl/workbook.xml', part));
    this.wbRels = added.rels;
    this.addOverride(part, CONTENT_TYPE.worksheet);
    const sheetId = Math.max(0, ...this.sheets.map((s) => s.sheetId)) + 1;
    const r = prefixFor(this.wbXml, REL_NS);
    const ridAttr = r === undefined ? `xmlns:r="${REL_NS}" r:id` : `${r}id`;
    const el = `<sheet name="${escapeAttr(name)}" sheetId="${sheetId}"${state && state !== 'visible' ? ` state="${state}"` : ''} ${ridAttr}="${added.id}"/>`;
    const box = findElement(this.wbXml, 'sheets')!;
    const at = inner(this.wbXml, box).end;
    this.wbXml = this.wbXml.slice(0, at) + el + this.wbXml.slice(at);
    const entry = {
      name,
      index: this.sheets.length,
      sheetId,
      rid: added.id,
      part,
    };
    this.sheets.push(entry);
    return entry;
  }

  /** A sheet's visibility in workbook.xml (`state`; none for visible). */
  private setSheetState(index: number, state: string | undefined): void {
    const box = findElement(this.wbXml, 'sheets')!;
    const body = inner(this.wbXml, box);
    const el = elements(this.wbXml, 'sheet', body.start, body.end)[index];
    if (!el) return;
    const tag = startTag(this.wbXml, el.start);
    const next = state && state !== 'visible' ? setAttr(tag, 'state', state) : dropAttr(tag, 'state');
    if (next !== tag)
      this.wbXml = this.wbXml.slice(0, el.start) + next + this.wbXml.slice(el.start + tag.length);
  }

  /**
   * Sets (or, with no body, removes) sheet-scoped defined names, as setSheetName one after another would, with
   * workbook.xml's names scanned once for them all (a workbook has hundreds; each of our sheets sets three).
   */
  private setSheetNames(edits: SheetNameEdit[]): void {
    const keyOf = (name: string, local: string | undefined) => `${name}\u0000${local}`;
    const wanted = new Map(edits.map((e) => [keyOf(e.name, String(e.index)), e]));
    if (wanted.size < edits.length) {
      for (const e of edits) this.setSheetName(e.index, e.name, e.body, e.hidden);
      return;
    }
    // As definedName: a name of plain characters is written as is unless escaped, so others are passed over unparsed.
    const plain = [...new Set(edits.map((e) => e.name))];
    const any = plain.some((n) => !/^[\w.]+$/.test(n));
    const found = new Map<string, { start: number; end: number }>();
    for (const d of scanDefinedNames(this.wbXml)) {
      if (!any && !d.attrs.includes('&') && !plain.some((n) => d.attrs.includes(n))) continue;
      const tag = `<x ${d.attrs}>`;
      const key = keyOf(attr(tag, 'name') ?? '', attr(tag, 'localSheetId'));
      if (wanted.has(key) && !found.has(key)) found.set(key, d);
    }
    const element = (e: SheetNameEdit) =>
      e.body === undefined
        ? ''
        : `<definedName name="${e.name}"${e.hidden ? ' hidden="1"' : ''} localSheetId="${e.index}">${e.body}</definedName>`;
    const replaced = [...found].sort((a, b) => b[1].start - a[1].start);
    for (const [key, at] of replaced)
      this.wbXml = this.wbXml.slice(0, at.start) + element(wanted.get(key)!) + this.wbXml.slice(at.end);
    const added = edits
      .filter((e) => !found.has(keyOf(e.name, String(e.index))))
      .map(element)
      .join('');
    if (added) this.insertDefinedName(added);
  }

  /** Sets (or, with no body, removes) a sheet-scoped defined name of a sheet. */
  private setSheetName(index: number, name: string, body: string | undefined, hidden = false): void {
    const existing = this.definedName(name, index);
    const el =
      body === undefined
        ? ''
        : `<definedName name="${name}"${hidden ? ' hidden="1"' : ''} localSheetId="${index}">${body}</definedName>`;
    if (existing) {
      this.wbXml = this.wbXml.slice(0, existing.start) + el + this.wbXml.slice(existing.end);
      return;
    }
    if (!el) return;
    this.insertDefinedName(el);
  }

  /** The defined name of this name and scope (a sheet's index, or undefined for the workbook's) as workbook.xml has it now. */
  private definedName(
    name: string,
    local: number | undefined
  ): ReturnType<typeof scanDefinedNames>[number] | undefined {
    // A name of plain characters is written as is unless escaped: other names are passed over unparsed.
    const plain = /^[\w.]+$/.test(name);
    const scope = local === undefined ? undefined : String(local);
    return scanDefinedNames(this.wbXml).find(
      (d) =>
        (!plain || d.attrs.includes(name) || d.attrs.includes('&')) &&
        attr(`<x ${d.attrs}>`, 'name') === name &&
        attr(`<x ${d.attrs}>`, 'localSheetId') === scope
    );
  }

  private insertDefinedName(el: string): void {
    const box = findElement(this.wbXml, 'definedNames');
    if (box) {
      const tag = startTag(this.wbXml, box.start);
      if (tag.endsWith('/>'))
        this.wbXml = `${this.wbXml.slice(0, box.start)}<definedNames>${el}</definedNames>${this.wbXml.slice(box.end)}`;
      else {
        const at = inner(this.wbXml, box).end;
        this.wbXml = this.wbXml.slice(0, at) + el + this.wbXml.slice(at);
      }
      return;
    }
    // After sheets, functionGroups and externalReferences (CT_Workbook order).
    const after = ['externalReferences', 'functionGroups', 'sheets']
      .map((t) => findElement(this.wbXml, t))
      .find((s): s is Span => s !== undefined)!;
    this.wbXml = `${this.wbXml.slice(0, after.end)}<definedNames>${el}</definedNames>${this.wbXml.slice(after.end)}`;
  }

  /** Workbook-scoped names of the plan (template bindings), set or repointed. */
  private defineNames(names: NonNullable<Plan['names']>): void {
    for (const { name, address } of names) {
      const r = parseRange(address);
      const body = r
        ? address.replace(/^([^!]+)!/, (_m, s: string) => `'${s.replace(/^'|'$/g, '').replace(/'/g, "''")}'!`)
        : address;
      const existing = this.definedName(name, undefined);
      const el = `<definedName name="${escapeAttr(name)}">${body.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</definedName>`;
      if (existing) this.wbXml = this.wbXml.slice(0, existing.start) + el + this.wbXml.slice(existing.end);
      else this.insertDefinedName(el);
    }
  }

  /** Excel's calculation chain lists formula cells; replaced sheets would leave it pointing at cells that moved. Excel rebuilds it. */
  private dropCalcChain(): void {
    const rel = relationships(this.wbRels).find((r) => r.type.endsWith('/calcChain'));
    if (!rel) return;
    const part = resolveTarget('xl/workbook.xml', rel.target);
    this.wbRels = withoutText(this.wbRels, rel.xml);
    this.parts.remove(part);
    this.dropOverride(part);
  }
}

/**
 * How far up and down a table column a moved mark is looked for (rows inserted or deleted inside the
 * table), and how many cells one run looks at in all: a table whose marks the user took off by hand
 * costs a bounded search, not one per row.
 */
const SEARCH_ROWS = 256;
const SEARCH_BUDGET = 100_000;

/** What of Jixiao's mark a cell wears now (see Keeper.evidence). */
interface Evidence {
  at: { sheet: SheetEntry; r: number; c: number; ref: string };
  s: number;
  fill: boolean;
  border: boolean;
  /** The note once Jixiao's text is out (null: no note), or undefined when the note holds none of it. */
  note: string | null | undefined;
  value: boolean;
}

/** A cell's address in the display form the records use (`Sheet!A1`). */
const cellAddress = (sheet: string, r: number, c: number) =>
  formatRange({ sheet, top: r, bottom: r, left: c, right: c });

interface SheetNotes {
  sheet: SheetEntry;
  relsPath: string;
  comments: Comments;
  commentsPath?: string;
  vml: Vml;
  vmlPath?: string;
  /** The sheet's legacyDrawing element as the file has it (when the drawing is the file's). */
  legacy?: string;
  legacyAdd?: string;
  legacyRemove?: string;
}

/** The state sheet's plan: its records (as rows), very hidden. */
function stateSheetPlan(records: MarkRecord[]): SheetPlan {
  const rows: Array<Array<OutCell | null>> = (records.length ? encodeState(records) : []).map((line) =>
    line.slice(0, STATE_COLUMNS).map((v) => ({ value: v as string }))
  );
  // Beside the records, the flag that this workbook's digests are current (see Keeper.digestsCurrent).
  rows[0] = [...(rows[0] ?? Array(STATE_COLUMNS).fill(null)), null, { value: DIGEST_NAME }];
  return { name: STATE_SHEET, visibility: 'veryHidden', rows };
}
