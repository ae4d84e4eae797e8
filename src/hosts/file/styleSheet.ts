/**
 * xl/styles.xml edited by appending only: fonts, fills, borders, number formats and cell formats
 * (cellXfs) we need are added after the user's, never renumbering theirs. An entry identical to one
 * already there is reused, so running twice adds nothing the first run did not.
 */
import type { FillState } from '../../core/markState';
import { attr, dropAttr, elements, findElement, inner, setAttr, Span, startTag } from './ooxml';

type ListName = 'fonts' | 'fills' | 'borders' | 'cellXfs';
const ITEM: Record<ListName, string> = {
  fonts: 'font',
  fills: 'fill',
  borders: 'border',
  cellXfs: 'xf',
};

export class StyleSheetError extends Error {}

export class StyleSheet {
  readonly items: Record<ListName, string[]> = {
    fonts: [],
    fills: [],
    borders: [],
    cellXfs: [],
  };
  private readonly added: Record<ListName | 'numFmts', string[]> = {
    fonts: [],
    fills: [],
    borders: [],
    cellXfs: [],
    numFmts: [],
  };
  /** Custom number formats: code → id. */
  private readonly numFmtIds = new Map<string, number>();
  private nextNumFmt = 164;
  private readonly index = new Map<string, number>();

  constructor(private readonly xml: string) {
    for (const list of Object.keys(this.items) as ListName[]) {
      const box = findElement(xml, list);
      if (!box) throw new StyleSheetError(`styles.xml 中没有 ${list}`);
      const body = inner(xml, box);
      for (const e of elements(xml, ITEM[list], body.start, body.end))
        this.items[list].push(xml.slice(e.start, e.end));
      this.items[list].forEach((x, i) =>
        this.index.has(`${list}\u0000${x}`) ? undefined : this.index.set(`${list}\u0000${x}`, i)
      );
    }
    const fmts = findElement(xml, 'numFmts');
    if (fmts) {
      const body = inner(xml, fmts);
      for (const e of elements(xml, 'numFmt', body.start, body.end)) {
        const tag = xml.slice(e.start, e.end);
        const id = Number(attr(tag, 'numFmtId'));
        const code = attr(tag, 'formatCode') ?? '';
        if (!this.numFmtIds.has(code)) this.numFmtIds.set(code, id);
        this.nextNumFmt = Math.max(this.nextNumFmt, id + 1);
      }
    }
  }

  /** The index of an entry with this exact XML, appended when there is none. */
  add(list: ListName, xml: string): number {
    const key = `${list}\u0000${xml}`;
    const found = this.index.get(key);
    if (found !== undefined) return found;
    const i = this.items[list].push(xml) - 1;
    this.added[list].push(xml);
    this.index.set(key, i);
    return i;
  }

  /** The id of a custom number format with this code. */
  numFmt(code: string): number {
    const found = this.numFmtIds.get(code);
    if (found !== undefined) return found;
    const id = this.nextNumFmt++;
    this.numFmtIds.set(code, id);
    this.added.numFmts.push(
      `<numFmt numFmtId="${id}" formatCode="${code.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}"/>`
    );
    return id;
  }

  /** The code of a custom number format by id. */
  numFmtCode(id: number): string | undefined {
    for (const [code, i] of this.numFmtIds) if (i === id) return code;
    return undefined;
  }

  xf(index: number): string | undefined {
    return this.items.cellXfs[index];
  }

  /** A cell format's fill, as the mark state records it. */
  fillState(xfIndex: number): FillState {
    const xf = this.xf(xfIndex);
    const fill = xf ? this.items.fills[Number(attr(startTag(xf, 0), 'fillId') ?? 0)] : undefined;
    if (!fill) return { kind: 'none' };
    const pattern = /<patternFill\b[^>]*>/.exec(fill)?.[0];
    const type = pattern ? attr(pattern, 'patternType') : undefined;
    if (!pattern || type === undefined || type === 'none')
      return /<gradientFill/.test(fill)
        ? { kind: 'other', raw: JSON.stringify({ xml: fill }) }
        : { kind: 'none' };
    const fg = /<fgColor\b[^>]*>/.exec(fill)?.[0];
    const rgb = fg ? attr(fg, 'rgb') : undefined;
    if (type === 'solid' && rgb && /^[0-9A-F]{8}$/i.test(rgb))
      return { kind: 'solid', color: `#${rgb.slice(2).toUpperCase()}` };
    return { kind: 'other', raw: JSON.stringify({ xml: fill }) };
  }

  /** The cell format `base` with a solid fill (and, if given, a medium border of a colour). */
  markXf(base: number, fill: string, border?: string): number {
    const xf = this.xf(base) ?? this.xf(0)!;
    const tag = startTag(xf, 0);
    let head = setAttr(setAttr(tag, 'fillId', String(this.add('fills', solidFill(fill)))), 'applyFill', '1');
    if (border)
      head = setAttr(
        setAttr(head, 'borderId', String(this.add('borders', boxBorder(border)))),
        'applyBorder',
        '1'
      );
    return this.add('cellXfs', head + xf.slice(tag.length));
  }

  /** The cell format `base` with a recorded fill (an older record's way back: no style index kept). */
  withFill(base: number, fill: FillState): number {
    const xf = this.xf(base) ?? this.xf(0)!;
    const tag = startTag(xf, 0);
    const fillXml =
      fill.kind === 'solid' ? solidFill(fill.color) : '<fill><patternFill patternType="none"/></fill>';
    return this.add(
      'cellXfs',
      setAttr(tag, 'fillId', String(this.add('fills', fillXml))) + xf.slice(tag.length)
    );
  }

  /**
   * True when cell format `marked` is `base` with only its fill (and border) changed, and that fill
   * is `fill`: the proof that a recorded cell still wears Jixiao's mark over its recorded format.
   */
  isMarkOf(marked: number, base: number, fill: string): boolean {
    const m = this.xf(marked);
    const b = this.xf(base);
    if (!m || !b) return false;
    const state = this.fillState(marked);
    if (
      state.kind !== 'solid' ||
      state.color.replace('#', '').toUpperCase() !== fill.replace('#', '').toUpperCase()
    )
      return false;
    const strip = (xf: string) => {
      const tag = startTag(xf, 0);
      return ['fillId', 'applyFill', 'borderId', 'applyBorder'].reduce(dropAttr, tag) + xf.slice(tag.length);
    };
    return strip(m) === strip(b);
  }

  /** The style sheet with everything added appended to its lists, counts updated. */
  toXml(): string {
    let xml = this.xml;
    const edits: Array<Span & { text: string }> = [];
    for (const list of ['numFmts', ...Object.keys(this.items)] as Array<ListName | 'numFmts'>) {
      const extra = this.added[list];
      if (extra.length === 0) continue;
      const box = findElement(xml, list);
      if (!box) {
        // Only numFmts may be missing (the others were required above): it is the first child.
        const root = findElement(xml, 'styleSheet')!;
        const at = inner(xml, root).start;
        edits.push({
          start: at,
          end: at,
          text: `<numFmts count="${extra.length}">${extra.join('')}</numFmts>`,
        });
        continue;
      }
      const tag = startTag(xml, box.start);
      const body = inner(xml, box);
      const count =
        elements(xml, list === 'numFmts' ? 'numFmt' : ITEM[list], body.start, body.end).length + extra.length;
      const open = setAttr(tag.endsWith('/>') ? `${tag.slice(0, -2)}>` : tag, 'count', String(count));
      if (tag.endsWith('/>'))
        edits.push({
          start: box.start,
          end: box.end,
          text: `${open}${extra.join('')}</${list}>`,
        });
      else {
        edits.push({
          start: box.start,
          end: box.start + tag.length,
          text: open,
        });
        edits.push({ start: body.end, end: body.end, text: extra.join('') });
      }
    }
    if (edits.length === 0) return xml;
    // At one offset the replaced tag goes first, then what is inserted before it (numFmts before <fonts>).
    const sorted = edits.sort((a, b) => b.start - a.start || b.end - a.end);
    for (const e of sorted) xml = xml.slice(0, e.start) + e.text + xml.slice(e.end);
    return xml;
  }

  get changed(): boolean {
    return Object.values(this.added).some((a) => a.length > 0);
  }
}

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase().slice(-6)}`;
export const solidFill = (hex: string) =>
  `<fill><patternFill patternType="solid"><fgColor rgb="${argb(hex)}"/><bgColor indexed="64"/></patternFill></fill>`;
export const boxBorder = (hex: string) =>
  `<border>${['left', 'right', 'top', 'bottom'].map((s) => `<${s} style="medium"><color rgb="${argb(hex)}"/></${s}>`).join('')}<diagonal/></border>`;
