/**
 * xl/styles.xml edited by appending only: fonts, fills, borders, number formats and cell formats
 * (cellXfs) we need are added after the user's, never renumbering theirs. An entry identical to one
 * already there is reused, so running twice adds nothing the first run did not.
 */
import { BorderState, Edge, EDGES, EdgeState, FillState } from '../../core/markState';
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

  /** The fill and border elements a cell format points at. */
  fillXml(xfIndex: number): string | undefined {
    const xf = this.xf(xfIndex);
    return xf ? this.items.fills[Number(attr(startTag(xf, 0), 'fillId') ?? 0)] : undefined;
  }

  borderXml(xfIndex: number): string | undefined {
    const xf = this.xf(xfIndex);
    return xf ? this.items.borders[Number(attr(startTag(xf, 0), 'borderId') ?? 0)] : undefined;
  }

  /** A cell format's four outer edges as the mark state compares them (a colour not given as rgb reads as automatic). */
  borderState(xfIndex: number): BorderState {
    const border = this.borderXml(xfIndex) ?? '';
    const edge = (name: Edge): EdgeState => {
      const el = new RegExp(`<${name}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${name}>)`).exec(border);
      const style = el ? (attr(startTag(el[0], 0), 'style') ?? 'none') : 'none';
      const rgb = el?.[1] ? attr(/<color\b[^>]*>/.exec(el[1])?.[0] ?? '<color>', 'rgb') : undefined;
      return { style, color: rgb && /^[0-9A-F]{8}$/i.test(rgb) ? `#${rgb.slice(2).toUpperCase()}` : null };
    };
    return Object.fromEntries(EDGES.map((e) => [e, edge(e)])) as BorderState;
  }

  /** The cell format `base` with its fill and/or border element replaced, the rest as it is. */
  withParts(base: number, parts: { fill?: string; border?: string }): number {
    const xf = this.xf(base) ?? this.xf(0)!;
    let head = startTag(xf, 0);
    if (parts.fill !== undefined) head = setAttr(head, 'fillId', String(this.add('fills', parts.fill)));
    if (parts.border !== undefined)
      head = setAttr(head, 'borderId', String(this.add('borders', parts.border)));
    return this.add('cellXfs', head + xf.slice(startTag(xf, 0).length));
  }

  /**
   * True when cell format `marked` is `base` with only its fill (and border) changed, and that fill
   * is `fill`: the proof that a recorded cell still wears Jixiao's mark over its recorded format.
   */
  isMarkOf(marked: number, base: number, fill: string): boolean {
    const state = this.fillState(marked);
    return (
      state.kind === 'solid' &&
      state.color.replace('#', '').toUpperCase() === fill.replace('#', '').toUpperCase() &&
      this.sameBesidesLooks(marked, base)
    );
  }

  /** True when two cell formats differ at most in their fill and border (what a mark changes). */
  sameBesidesLooks(a: number, b: number): boolean {
    const [x, y] = [this.xf(a), this.xf(b)];
    if (!x || !y) return false;
    const strip = (xf: string) => {
      const tag = startTag(xf, 0);
      return ['fillId', 'applyFill', 'borderId', 'applyBorder'].reduce(dropAttr, tag) + xf.slice(tag.length);
    };
    return strip(x) === strip(y);
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

const PARTS: Record<'fill' | 'border', Set<string>> = {
  fill: new Set(['fill', 'patternFill', 'gradientFill', 'stop', 'fgColor', 'bgColor', 'color']),
  border: new Set([
    'border',
    'left',
    'right',
    'top',
    'bottom',
    'diagonal',
    'vertical',
    'horizontal',
    'start',
    'end',
    'color',
  ]),
};

/**
 * A fill or border element read from the mark state (which is in the user's hands) is written into
 * styles.xml only when it is one such element of known tags and plain attributes, properly nested.
 */
export function safeStyleElement(xml: string, root: 'fill' | 'border'): boolean {
  if (xml.length > 4000) return false;
  const stack: string[] = [];
  let at = 0;
  for (const m of xml.matchAll(/<(\/?)([A-Za-z]+)((?:\s+[A-Za-z]+="[^"<>&]*")*)\s*(\/?)>|\s+/g)) {
    if (m.index !== at) return false;
    at = m.index + m[0].length;
    if (!m[2]) continue;
    if (!PARTS[root].has(m[2]) || (stack.length === 0 && (m[2] !== root || m[1]))) return false;
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
      if (stack.length === 0 && at !== xml.length) return false;
    } else if (!m[4]) stack.push(m[2]);
    else if (stack.length === 0 && at !== xml.length) return false;
  }
  return at === xml.length && stack.length === 0 && xml.length > 0;
}

/** The fill element of a recorded fill (records written before fills were kept as XML). */
export function fillXmlOf(fill: FillState): string | undefined {
  if (fill.kind === 'solid') return solidFill(fill.color);
  if (fill.kind === 'none') return '<fill><patternFill patternType="none"/></fill>';
  const xml = (JSON.parse(fill.raw) as { xml?: unknown }).xml;
  return typeof xml === 'string' && /^<fill\b[\s\S]*<\/fill>$/.test(xml) ? xml : undefined;
}

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase().slice(-6)}`;
export const solidFill = (hex: string) =>
  `<fill><patternFill patternType="solid"><fgColor rgb="${argb(hex)}"/><bgColor indexed="64"/></patternFill></fill>`;
export const boxBorder = (hex: string) =>
  `<border>${['left', 'right', 'top', 'bottom'].map((s) => `<${s} style="medium"><color rgb="${argb(hex)}"/></${s}>`).join('')}<diagonal/></border>`;
