/**
 * A worksheet's notes (comments part + the legacy VML drawing Excel shows them with), edited one
 * note at a time. Untouched notes and shapes keep their bytes; a note restored, or taken away where
 * there was none, leaves the parts as they were, and parts we created go again when left empty.
 */
import {
  attr,
  elements,
  escapeText,
  findElement,
  inner,
  plainTextXml,
  richText,
  Span,
  startTag,
} from './ooxml';

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

const VML_NS =
  'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"';
const NOTE_SHAPETYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

export const newVml = (idmap: number) =>
  `<xml ${VML_NS}><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${idmap}"/></o:shapelayout>${NOTE_SHAPETYPE}</xml>`;

/** The idmap blocks a VML drawing claims (each a block of 1024 shape ids). */
export const idmapsOf = (vml: string) =>
  [...vml.matchAll(/<o:idmap\b[^>]*\bdata="([^"]*)"/g)]
    .flatMap((m) => m[1].split(',').map(Number))
    .filter(Number.isFinite);

export class Vml {
  private text: string;
  constructor(
    private readonly original: string,
    readonly created: boolean
  ) {
    this.text = original;
  }

  private noteShapes(): Array<Span & { row: number; col: number }> {
    const out: Array<Span & { row: number; col: number }> = [];
    for (const m of this.text.matchAll(/<v:shape\b[\s\S]*?<\/v:shape>/g)) {
      if (!/ObjectType\s*=\s*"Note"/.test(m[0])) continue;
      const row = /<x:Row>\s*(\d+)\s*<\/x:Row>/.exec(m[0]);
      const col = /<x:Column>\s*(\d+)\s*<\/x:Column>/.exec(m[0]);
      if (row && col)
        out.push({
          start: m.index,
          end: m.index + m[0].length,
          row: Number(row[1]),
          col: Number(col[1]),
        });
    }
    return out;
  }

  /** A hidden note shape at the cell (0-based), unless one is there. */
  ensureNote(row: number, col: number): void {
    if (this.noteShapes().some((s) => s.row === row && s.col === col)) return;
    if (!/<v:shapetype\b[^>]*\bid="_x0000_t202"/.test(this.text)) this.insert(NOTE_SHAPETYPE);
    const ids = [...this.text.matchAll(/\bid="_x0000_s(\d+)"/g)].map((m) => Number(m[1]));
    const block = idmapsOf(this.text)[0] ?? 1;
    const id = Math.max(block * 1024, ...ids) + 1;
    const top = Math.max(0, row - 1);
    this.insert(
      `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:180pt;height:90pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${top}, 10, ${col + 4}, 15, ${top + 5}, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`
    );
  }

  removeNote(row: number, col: number): void {
    const s = this.noteShapes().find((x) => x.row === row && x.col === col);
    if (s) this.text = this.text.slice(0, s.start) + this.text.slice(s.end);
    // The shape type goes with the last shape using it, when it was not in the drawing before.
    if (!this.text.includes('#_x0000_t202') && !this.original.includes(NOTE_SHAPETYPE))
      this.text = this.text.replace(NOTE_SHAPETYPE, '');
  }

  private insert(xml: string): void {
    const at = this.text.lastIndexOf('</xml>');
    this.text = at < 0 ? this.text + xml : this.text.slice(0, at) + xml + this.text.slice(at);
  }

  /** No shapes of any kind left. */
  get empty(): boolean {
    return !/<v:shape\b/.test(this.text);
  }

  get dirty(): boolean {
    return this.text !== this.original;
  }

  toXml(): string {
    return this.text;
  }
}
