/**
 * A worksheet's notes (comments part + the legacy VML drawing Excel shows them with), edited one
 * note at a time. Untouched notes and shapes keep their bytes; a note restored, or taken away where
 * there was none, leaves the parts as they were, and parts we created go again when left empty.
 */
import {
  attr,
  elements,
  REL_TYPE,
  relationships,
  escapeText,
  findElement,
  inner,
  plainTextXml,
  richText,
  Span,
  startTag,
} from './ooxml';

/** A sheet's .rels without its comments relationship (the notes' text), for a reader that cannot parse them. */
export function withoutCommentRels(rels: string): string {
  let out = rels;
  for (const r of relationships(rels)) if (r.type === REL_TYPE.comments) out = out.replace(r.xml, '');
  return out;
}

/** Jixiao's author in comments parts. */
export const NOTE_AUTHOR = '绩效自评助手';

const COMMENTS_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors></authors><commentList></commentList></comments>';

export class Comments {
  private readonly original = new Map<string, Span>();
  private readonly changed = new Map<string, string | null>();
  private readonly appended = new Map<string, string>();
  private readonly authors: string[];
  private readonly authorsBox: Span;
  private readonly listBox: Span;
  readonly created: boolean;

  constructor(private readonly xml: string = COMMENTS_HEAD) {
    this.created = xml === COMMENTS_HEAD;
    const authors = findElement(xml, 'authors');
    const list = findElement(xml, 'commentList');
    if (!authors || !list) throw new Error('批注部件缺少 authors 或 commentList');
    this.authorsBox = inner(xml, authors);
    this.listBox = inner(xml, list);
    this.authors = elements(xml, 'author', this.authorsBox.start, this.authorsBox.end).map((e) =>
      richText(
        xml
          .slice(e.start, e.end)
          .replace(/^<author\b[^>]*>/, '<t>')
          .replace(/<\/author>$/, '</t>')
      )
    );
    for (const e of elements(xml, 'comment', this.listBox.start, this.listBox.end)) {
      const ref = attr(startTag(xml, e.start), 'ref');
      if (ref && !this.original.has(ref)) this.original.set(ref, e);
    }
  }

  /** The comment element of a cell, as it stands. */
  element(ref: string): string | null {
    if (this.changed.has(ref)) return this.changed.get(ref)!;
    if (this.appended.has(ref)) return this.appended.get(ref)!;
    const at = this.original.get(ref);
    return at ? this.xml.slice(at.start, at.end) : null;
  }

  text(ref: string): string | null {
    const el = this.element(ref);
    if (el === null) return null;
    const body = /<text\b[^>]*>([\s\S]*)<\/text>/.exec(el);
    return body ? richText(body[1]) : '';
  }

  /** A cell's comment element set (null: none). */
  setElement(ref: string, element: string | null): void {
    if (this.original.has(ref)) this.changed.set(ref, element);
    else if (element === null) this.appended.delete(ref);
    else this.appended.set(ref, element);
  }

  /** A plain-text note by Jixiao's author. */
  setText(ref: string, text: string): void {
    let author = this.authors.indexOf(NOTE_AUTHOR);
    if (author < 0) author = this.authors.push(NOTE_AUTHOR) - 1;
    this.setElement(
      ref,
      `<comment ref="${ref}" authorId="${author}"><text>${plainTextXml(text)}</text></comment>`
    );
  }

  /** The cell's comment is one Jixiao wrote (by its author): the part's authors are as Jixiao left them. */
  byUs(ref: string): boolean {
    const el = this.element(ref);
    return el !== null && this.authors[Number(attr(startTag(el, 0), 'authorId'))] === NOTE_AUTHOR;
  }

  /** A cell's comment given another plain text, its element's start tag (its author) as `tag`, else as it is now. */
  setTextKeepingAuthor(ref: string, text: string, tag?: string): void {
    const el = tag ?? this.element(ref);
    if (el === null) return this.setText(ref, text);
    const head = startTag(el, 0).replace(/\/>$/, '>');
    this.setElement(ref, `${head}<text>${plainTextXml(text)}</text></comment>`);
  }

  /** The authorId attribute of an element refers to an author of this part. */
  hasAuthor(element: string): boolean {
    const id = Number(attr(startTag(element, 0), 'authorId'));
    return Number.isInteger(id) && id >= 0 && id < this.authors.length;
  }

  get dirty(): boolean {
    return this.changed.size > 0 || this.appended.size > 0 || this.authors.length !== this.originalAuthors();
  }

  private originalAuthors(): number {
    return elements(this.xml, 'author', this.authorsBox.start, this.authorsBox.end).length;
  }

  /** Cells with a comment once the changes are made. */
  refs(): string[] {
    return [
      ...[...this.original.keys()].filter((r) => this.changed.get(r) !== null),
      ...this.appended.keys(),
    ];
  }

  toXml(): string {
    if (!this.dirty) return this.xml;
    const kept = this.refs().map((r) => this.element(r)!);
    // Our author stays only while a comment uses it (so clearing gives the authors list back unchanged).
    const ours = this.authors.indexOf(NOTE_AUTHOR);
    const used = kept.some((c) => attr(startTag(c, 0), 'authorId') === String(ours));
    const base = this.originalAuthors();
    const authors = this.authors.slice(base).filter((a, i) => a !== NOTE_AUTHOR || used || base + i !== ours);
    const edits: Array<Span & { text: string }> = [];
    if (authors.length)
      edits.push({
        start: this.authorsBox.end,
        end: this.authorsBox.end,
        text: authors.map((a) => `<author>${escapeText(a)}</author>`).join(''),
      });
    else if (ours >= 0 && ours === base - 1 && !used) {
      // Our author, the last of the part's (added by an earlier run), goes with our last note: no author is renumbered.
      const last = elements(this.xml, 'author', this.authorsBox.start, this.authorsBox.end)[ours];
      edits.push({ ...last, text: '' });
    }
    for (const [ref, el] of this.changed) {
      const at = this.original.get(ref)!;
      edits.push({ start: at.start, end: at.end, text: el ?? '' });
    }
    if (this.appended.size)
      edits.push({
        start: this.listBox.end,
        end: this.listBox.end,
        text: [...this.appended.values()].join(''),
      });
    let out = this.xml;
    for (const e of edits.sort((a, b) => b.start - a.start))
      out = out.slice(0, e.start) + e.text + out.slice(e.end);
    return out;
  }
}

// ------------------------------------------------------------------ VML

/**
 * Excel numbers VML shapes in blocks of 1024 that each drawing claims in `<o:idmap data="…">`; two
 * shapes with one id in a package are a reported cause of its "repair" prompt. Drawings come from
 * Excel (`v:`/`o:`/`x:` declared at the root), LibreOffice (no idmap, ids `shape_0`) and openpyxl
 * (prefixes `ns0:`… declared on each element), so shapes are found whatever their prefix, and what we
 * add declares the prefixes it uses when the drawing's root does not.
 */
const NS = {
  v: 'urn:schemas-microsoft-com:vml',
  o: 'urn:schemas-microsoft-com:office:office',
  x: 'urn:schemas-microsoft-com:office:excel',
};
const VML_NS = Object.entries(NS)
  .map(([p, ns]) => `xmlns:${p}="${ns}"`)
  .join(' ');
const shapetype = (local: string) =>
  `<v:shapetype${local} id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>`;
const shapelayout = (local: string, blocks: number[]) =>
  `<o:shapelayout${local} v:ext="edit"><o:idmap v:ext="edit" data="${blocks.join(',')}"/></o:shapelayout>`;
/** A shape layout Jixiao wrote (so it goes again with the last of Jixiao's shapes in its blocks). */
const OUR_LAYOUT = new RegExp(
  `^<o:shapelayout(?: ${VML_NS})? v:ext="edit"><o:idmap v:ext="edit" data="(\\d+(?:,\\d+)*)"/></o:shapelayout>`
);
const BLOCK = 1024;
const blockOf = (id: number) => Math.floor(id / BLOCK);

/** A drawing with no shapes, made for a sheet that had none: its shape layout comes with its first shape. */
export const newVml = () => `<xml ${VML_NS}></xml>`;

/** The idmap blocks a VML drawing claims, whatever the prefix. */
export const idmapsOf = (vml: string) =>
  [...vml.matchAll(/<(?:[\w.-]+:)?idmap\b[^>]*\bdata="([^"]*)"/g)]
    .flatMap((m) => m[1].split(',').map((b) => Number(b.trim())))
    .filter((b) => Number.isInteger(b) && b > 0);

/** The numbered shape ids (`_x0000_s<n>`) of a drawing. */
const shapeIdsOf = (vml: string) => [...vml.matchAll(/\bid="_x0000_s(\d+)"/g)].map((m) => Number(m[1]));

/** Shape ids and idmap blocks in use across every VML drawing of a package, so new shapes are unique in it. */
export class ShapeIds {
  private readonly used = new Set<number>();
  private readonly perBlock = new Map<number, number>();
  private readonly claimed = new Map<number, number>();
  /** Per block, an id below which every id is used: take() starts there, so n notes cost n steps, not n². */
  private readonly fromId = new Map<number, number>();

  constructor(drawings: string[]) {
    for (const d of drawings) {
      for (const b of idmapsOf(d)) this.claim(b);
      for (const id of shapeIdsOf(d)) this.use(id);
    }
  }

  private use(id: number): void {
    if (this.used.has(id)) return;
    this.used.add(id);
    this.perBlock.set(blockOf(id), (this.perBlock.get(blockOf(id)) ?? 0) + 1);
  }

  release(id: number): void {
    if (!this.used.delete(id)) return;
    const b = blockOf(id);
    if (id < (this.fromId.get(b) ?? Infinity)) this.fromId.set(b, id);
    this.perBlock.set(blockOf(id), this.perBlock.get(blockOf(id))! - 1);
  }

  claim(block: number): void {
    this.claimed.set(block, (this.claimed.get(block) ?? 0) + 1);
  }

  unclaim(block: number): void {
    const n = (this.claimed.get(block) ?? 0) - 1;
    if (n > 0) this.claimed.set(block, n);
    else this.claimed.delete(block);
  }

  /** The first block no drawing claims and no shape's id falls in (claimed for the caller). */
  freshBlock(): number {
    let b = 1;
    while (this.claimed.has(b) || (this.perBlock.get(b) ?? 0) > 0) b++;
    this.claim(b);
    return b;
  }

  /** The first id of the blocks that no shape of the package has (taken), or undefined when they are full. */
  take(blocks: number[]): number | undefined {
    for (const b of blocks) {
      for (let id = this.fromId.get(b) ?? b * BLOCK + 1; id < (b + 1) * BLOCK; id++)
        if (!this.used.has(id)) {
          this.use(id);
          this.fromId.set(b, id + 1);
          return id;
        }
      this.fromId.set(b, (b + 1) * BLOCK);
    }
    return undefined;
  }
}

export class Vml {
  private readonly original: string;
  private text: string;
  /*
   * A run marks or clears hundreds of cells: their shapes are queued and written in one pass (settle), and the
   * cells with a note and the drawing's idmap blocks are read once, so a run costs time linear in its marks.
   */
  private added: string[] = [];
  private removals: Array<[row: number, col: number]> = [];
  private noteCells?: Set<string>;
  private blocks?: number[];
  private shapetypeThere?: boolean;

  constructor(
    original: string | undefined,
    private readonly ids: ShapeIds
  ) {
    this.original = original ?? newVml();
    this.text = this.original;
  }

  /** The root's start tag ends here. */
  private rootEnd(): number {
    const at = this.text.search(/<xml\b/);
    return at < 0 ? 0 : this.text.indexOf('>', at) + 1;
  }

  /** ` xmlns:v=… xmlns:o=… xmlns:x=…` when the root does not declare the prefixes we write. */
  private local(): string {
    const root = this.text.slice(0, this.rootEnd());
    return Object.entries(NS).every(([p, ns]) => root.includes(`xmlns:${p}="${ns}"`)) ? '' : ` ${VML_NS}`;
  }

  private noteShapes(): Array<Span & { row: number; col: number; id?: number }> {
    const out: Array<Span & { row: number; col: number; id?: number }> = [];
    for (const m of this.text.matchAll(/<([\w.-]+:)?shape\b[\s\S]*?<\/\1shape>/g)) {
      if (!/ObjectType\s*=\s*"Note"/.test(m[0])) continue;
      const row = /<(?:[\w.-]+:)?Row>\s*(\d+)\s*<\/(?:[\w.-]+:)?Row>/.exec(m[0]);
      const col = /<(?:[\w.-]+:)?Column>\s*(\d+)\s*<\/(?:[\w.-]+:)?Column>/.exec(m[0]);
      const id = /^<[^>]*\bid="_x0000_s(\d+)"/.exec(m[0]);
      if (row && col)
        out.push({
          start: m.index,
          end: m.index + m[0].length,
          row: Number(row[1]),
          col: Number(col[1]),
          ...(id ? { id: Number(id[1]) } : {}),
        });
    }
    return out;
  }

  /** A shape id unique in the package, from this drawing's blocks; a drawing without (LibreOffice's) or with full ones gets a fresh block. */
  private newId(): number {
    const blocks = (this.blocks ??= idmapsOf(this.text));
    const id = this.ids.take(blocks);
    if (id !== undefined) return id;
    const block = this.ids.freshBlock();
    blocks.push(block);
    const idmap = /<(?:[\w.-]+:)?idmap\b[^>]*\bdata="([^"]*)"/.exec(this.text);
    if (idmap) {
      const at = idmap.index + idmap[0].length - 1;
      this.text = `${this.text.slice(0, at)},${block}${this.text.slice(at)}`;
    } else {
      const at = this.rootEnd();
      this.text = this.text.slice(0, at) + shapelayout(this.local(), [block]) + this.text.slice(at);
    }
    return this.ids.take([block])!;
  }

  /** A hidden note shape at the cell (0-based), unless one is there. */
  ensureNote(row: number, col: number): void {
    this.settleRemovals();
    const cells = (this.noteCells ??= new Set(this.noteShapes().map((s) => `${s.row},${s.col}`)));
    if (cells.has(`${row},${col}`)) return;
    const local = this.local();
    this.shapetypeThere ??= /<(?:[\w.-]+:)?shapetype\b[^>]*\bid="_x0000_t202"/.test(this.text);
    if (!this.shapetypeThere) {
      this.added.push(shapetype(local));
      this.shapetypeThere = true;
    }
    const id = this.newId();
    const top = Math.max(0, row - 1);
    this.added.push(
      `<v:shape${local} id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:180pt;height:90pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${top}, 10, ${col + 4}, 15, ${top + 5}, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`
    );
    cells.add(`${row},${col}`);
  }

  /** The note shape at the cell goes (the first, when there are more). */
  removeNote(row: number, col: number): void {
    this.settleAdded();
    this.removals.push([row, col]);
  }

  /** The shapes queued by ensureNote, before the root's end tag. */
  private settleAdded(): void {
    if (!this.added.length) return;
    const xml = this.added.join('');
    this.added = [];
    const at = this.text.lastIndexOf('</xml>');
    this.text = at < 0 ? this.text + xml : this.text.slice(0, at) + xml + this.text.slice(at);
  }

  /** The removals queued by removeNote, in one pass over the drawing. */
  private settleRemovals(): void {
    if (!this.removals.length) return;
    const wanted = new Map<string, number>();
    for (const [r, c] of this.removals) wanted.set(`${r},${c}`, (wanted.get(`${r},${c}`) ?? 0) + 1);
    this.removals = [];
    const gone = this.noteShapes().filter((s) => {
      const left = wanted.get(`${s.row},${s.col}`) ?? 0;
      if (left > 0) wanted.set(`${s.row},${s.col}`, left - 1);
      return left > 0;
    });
    if (!gone.length) return;
    let text = '';
    let from = 0;
    for (const s of gone) {
      text += this.text.slice(from, s.start);
      from = s.end;
    }
    this.text = text + this.text.slice(from);
    for (const s of gone) if (s.id !== undefined) this.ids.release(s.id);
    this.noteCells = this.blocks = this.shapetypeThere = undefined;
    // The shape type goes with the last shape using it, when it was not in the drawing before.
    for (const type of [shapetype(''), shapetype(` ${VML_NS}`)])
      if (!this.text.includes('#_x0000_t202') && !this.original.includes(type) && this.text.includes(type))
        this.text = this.text.replace(type, '');
    this.dropEmptyBlocks();
  }

  private settle(): void {
    this.settleAdded();
    this.settleRemovals();
  }

  /** Blocks whose shapes are all gone: a layout of ours goes whole, an extra block we appended goes from the list. */
  private dropEmptyBlocks(): void {
    const left = new Set(shapeIdsOf(this.text).map(blockOf));
    const at = this.rootEnd();
    const ours = OUR_LAYOUT.exec(this.text.slice(at));
    if (ours) {
      const blocks = ours[1].split(',').map(Number);
      if (blocks.every((b) => !left.has(b))) {
        this.text = this.text.slice(0, at) + this.text.slice(at + ours[0].length);
        blocks.forEach((b) => this.ids.unclaim(b));
        return;
      }
    }
    const idmap = /(<(?:[\w.-]+:)?idmap\b[^>]*\bdata=")([^"]*)"/.exec(this.text);
    if (!idmap) return;
    const blocks = idmap[2].split(',');
    while (blocks.length > 1 && !left.has(Number(blocks[blocks.length - 1]))) {
      this.ids.unclaim(Number(blocks.pop()));
    }
    if (blocks.length !== idmap[2].split(',').length) {
      const start = idmap.index + idmap[1].length;
      this.text = this.text.slice(0, start) + blocks.join(',') + this.text.slice(start + idmap[2].length);
    }
  }

  /** No shapes of any kind left. */
  get empty(): boolean {
    this.settle();
    return !/<(?:[\w.-]+:)?shape\b/.test(this.text);
  }

  get dirty(): boolean {
    this.settle();
    return this.text !== this.original;
  }

  toXml(): string {
    this.settle();
    return this.text;
  }
}
