/**
 * A report as its readers see it, whatever file it came from: paragraphs with the section heading
 * they sit under and their number, and tables with their title, their 单位 line and every cell
 * located by row and column. A reader per format (src/hosts/report/*) gives the blocks; this file
 * locates them.
 *
 * Each block carries an `anchor`: the ordinal of its paragraph in the Word rendering of the document
 * (w:p elements in document order, table cells included). The comment writer finds a claim's
 * sentence through it, so a comment lands on the text it is about.
 */
import { normalise, chineseNumber, circledNumber } from './text';

/** One text piece a reader found: a body paragraph, or the text of one table cell. */
export interface SourceText {
  text: string;
  /** Ordinals of the Word paragraphs this text was read from (one for a body paragraph; a cell may span several). */
  anchors: number[];
}

export type SourceBlock = ({ type: 'paragraph' } & SourceText) | { type: 'table'; rows: SourceText[][] };

/** A document as a reader gives it: its blocks in order. */
export interface SourceDocument {
  blocks: SourceBlock[];
}

/** A heading found by its number (一、 （一） 1. （1） ①). */
export interface Heading {
  /** 1 一、 2 （一） 3 1. 4 （1） 5 ①. */
  level: number;
  /** The number it carries. */
  number: number;
  /** The marker as written: `四、`, `（二）`, `1.`. */
  marker: string;
  /** Its text without the marker, up to its first sentence end. */
  title: string;
  /** The paragraph it opens. */
  paragraph: number;
  /** A short line (a real heading), not a numbered paragraph of body text. */
  short: boolean;
}

/** Where a piece of text maps back to: source block, offset in its text, length. */
export interface Piece {
  block: number;
  /** For a table cell: its row and column. */
  row?: number;
  column?: number;
  from: number;
  at: number;
  length: number;
}

export interface Paragraph {
  /** 第 n 段: 1-based among the body paragraphs (table cells not counted), of its first source paragraph. */
  number: number;
  text: string;
  /** How `text` maps back onto the source blocks (a paragraph a PDF broke mid-sentence is joined). */
  pieces: Piece[];
  heading?: Heading;
  /** The headings above it, outermost first (short ones only). */
  section: Heading[];
  /** A line that only says the unit of the next table: 单位：万元. */
  unitLine?: string;
}

export interface Cell {
  text: string;
  row: number;
  column: number;
  block: number;
}

export interface Table {
  /** 表 n: 1-based in document order. */
  number: number;
  block: number;
  rows: Cell[][];
  /** The line before it that reads as its title (…情况表, …明细如下：). */
  title?: string;
  /** The paragraph just before it (its introduction), if any, and its index. */
  intro?: Paragraph;
  introIndex?: number;
  /** 万元, 元, 亿元 … from its 单位 line, its title or its first row. */
  unit: string | null;
  section: Heading[];
  /** The body paragraph number it follows (for ordering). */
  after: number;
  /**
   * Whether its rows line up with its header: false when a row holding figures has more or fewer cells
   * than the header (a table read from a PDF whose columns ran together). Its figures are then not read.
   */
  aligned: boolean;
}

export interface LocatedDocument {
  paragraphs: Paragraph[];
  tables: Table[];
  /** Every numbered paragraph, in order (for the heading sequence checks). */
  headings: Heading[];
  /** Body paragraphs and tables in document order. */
  order: Array<{ type: 'paragraph'; index: number } | { type: 'table'; index: number }>;
  /** The report's year (2021 in “2021年度部门整体支出绩效自评报告”), when its title says it. */
  year?: number;
  /** The source, for anchoring. */
  source: SourceDocument;
}

const CN = '一二三四五六七八九十';
const MARKERS: Array<{ level: number; re: RegExp; num: (m: RegExpExecArray) => number | null }> = [
  { level: 1, re: new RegExp(`^([${CN}]{1,3})、`), num: (m) => chineseNumber(m[1]) },
  { level: 2, re: new RegExp(`^[（(]([${CN}]{1,3})[）)]`), num: (m) => chineseNumber(m[1]) },
  { level: 3, re: /^(\d{1,2})(?:[.．](?!\d)|、)/, num: (m) => Number(m[1]) },
  { level: 4, re: /^[（(](\d{1,2})[）)]/, num: (m) => Number(m[1]) },
  { level: 5, re: /^([\u2460-\u2473])/, num: (m) => circledNumber(m[1]) },
];

/** The heading a paragraph opens with, if any. */
export function headingOf(text: string, paragraph: number): Heading | undefined {
  const t = text.trimStart();
  for (const { level, re, num } of MARKERS) {
    const m = re.exec(t);
    if (!m) continue;
    const n = num(m);
    if (n === null) continue;
    const rest = t.slice(m[0].length).trim();
    const firstEnd = rest.search(/[。！？]/);
    const title = (firstEnd >= 0 ? rest.slice(0, firstEnd) : rest).replace(/[：:]$/, '');
    // A placeholder our drafts put in a heading's score (【待补：…】) does not make it a sentence.
    const bare = rest.replace(/【[^】]*】/g, '【】');
    const short = bare.length <= 40 && !/[。！？；]/.test(bare);
    return { level, number: n, marker: m[0], title, paragraph, short };
  }
  return undefined;
}

const UNIT_LINE = /^[(（]?\s*(?:金额)?单位\s*[:：]\s*(万元|元|亿元|千元|人|%)\s*[)）]?$/;
const UNIT_IN_TITLE = /[(（]\s*(?:金额)?单位\s*[:：]\s*(万元|元|亿元|千元)\s*[)）]/;
const ENDS_SENTENCE = /[。！？：；…”）)!?:;]$/;

/** A paragraph whose last character shows it continues on the next line (a PDF line break mid-sentence). */
function continues(text: string, next: string | undefined): boolean {
  if (next === undefined) return false;
  const t = text.trimEnd();
  if (!t || ENDS_SENTENCE.test(t)) return false;
  if (headingOf(t, 0)?.short) return false;
  if (UNIT_LINE.test(normalise(next.trim())) || UNIT_LINE.test(normalise(t))) return false;
  if (headingOf(next, 0)) return false;
  // A title line (…明细表, …自评报告) does not run on into the next one, nor into a 小结 or a note.
  if (/(表|报告|情况|如下)$/.test(t)) return false;
  if (/^(小结|注|附件|说明)[：:]/.test(next.trim())) return false;
  // A line that ends with a number, a letter or Chinese text runs on only when it is long: a short one is a title.
  return t.length >= 12;
}

/** Locates a document's blocks: paragraphs numbered and placed under their headings, tables with their unit. */
export function locate(source: SourceDocument): LocatedDocument {
  const paragraphs: Paragraph[] = [];
  const tables: Table[] = [];
  const headings: Heading[] = [];
  const order: LocatedDocument['order'] = [];
  const section: Heading[] = [];
  let number = 0;
  let pendingUnit: string | null = null;
  const blocks = source.blocks;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (block.type === 'table') {
      const rows: Cell[][] = block.rows.map((r, ri) =>
        r.map((c, ci) => ({ text: normalise(c.text), row: ri, column: ci, block: b }))
      );
      const prev = paragraphs[paragraphs.length - 1];
      const intro = prev && order[order.length - 1]?.type === 'paragraph' ? prev : undefined;
      // The title: the paragraph before the 单位 line, or the introduction itself.
      let title: string | undefined;
      if (intro?.unitLine) title = paragraphs[paragraphs.length - 2]?.text;
      else if (intro) title = intro.text;
      let unit = pendingUnit ?? (title ? (UNIT_IN_TITLE.exec(title)?.[1] ?? null) : null);
      // A first row that only says the unit.
      const first = rows[0]?.map((c) => c.text.trim()).filter(Boolean) ?? [];
      if (first.length === 1 && UNIT_LINE.test(first[0])) {
        unit = UNIT_LINE.exec(first[0])![1];
        rows.shift();
      }
      const introIndex = intro ? paragraphs.length - (intro.unitLine ? 2 : 1) : undefined;
      const used = (r: Cell[]) => {
        let n = r.length;
        while (n > 0 && !r[n - 1].text.trim()) n--;
        return n;
      };
      const width = rows.length ? used(rows[0]) : 0;
      const aligned = rows.every(
        (r) => used(r) === width || (used(r) < width && !r.slice(1).some((c) => /\d/.test(c.text)))
      );
      tables.push({
        aligned,
        number: tables.length + 1,
        block: b,
        rows,
        title,
        intro: introIndex !== undefined && introIndex >= 0 ? paragraphs[introIndex] : undefined,
        introIndex: introIndex !== undefined && introIndex >= 0 ? introIndex : undefined,
        unit,
        section: [...section],
        after: number,
      });
      order.push({ type: 'table', index: tables.length - 1 });
      pendingUnit = null;
      continue;
    }
    const raw = normalise(block.text);
    if (!raw.trim()) continue;
    number++;
    const pieces: Piece[] = [{ block: b, from: 0, at: 0, length: raw.length }];
    let text = raw;
    // Join what a PDF (or a pasted text) broke mid-sentence.
    while (b + 1 < blocks.length) {
      const next = blocks[b + 1];
      if (next.type !== 'paragraph' || !continues(text, normalise(next.text))) break;
      const t = normalise(next.text);
      if (!t.trim()) break;
      pieces.push({ block: b + 1, from: 0, at: text.length, length: t.length });
      text += t;
      b++;
    }
    const trimmed = text.trim();
    const unitLine = UNIT_LINE.exec(trimmed)?.[1];
    const heading = unitLine ? undefined : headingOf(text, number);
    if (heading) {
      headings.push(heading);
      if (heading.short) {
        while (section.length && section[section.length - 1].level >= heading.level) section.pop();
        section.push(heading);
      }
    }
    // A heading's own section includes it.
    paragraphs.push({ number, text, pieces, heading, section: [...section], unitLine });
    order.push({ type: 'paragraph', index: paragraphs.length - 1 });
    pendingUnit = unitLine ?? null;
  }
  return { paragraphs, tables, headings, order, year: reportYear(paragraphs), source };
}

/** The year the report is about: the first “20xx年度” in its first lines, else the year its text names most. */
function reportYear(paragraphs: Paragraph[]): number | undefined {
  for (const p of paragraphs.slice(0, 8)) {
    const m = /(20\d\d)\s*年度/.exec(p.text);
    if (m) return Number(m[1]);
  }
  const counts = new Map<number, number>();
  for (const p of paragraphs)
    for (const m of p.text.matchAll(/(20\d\d)\s*年(?![-—～~至到]\s*20)/g))
      counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  let best: number | undefined;
  for (const [y, n] of counts)
    if (best === undefined || n > counts.get(best)! || (n === counts.get(best)! && y > best)) best = y;
  return best;
}

/** A section path in words: `三、一般公共预算收支情况 › （二）一般公共预算支出`. */
export function sectionText(section: Heading[]): string {
  return section.map((h) => `${h.marker}${h.title}`).join(' › ');
}
