/**
 * Which quantity each figure of the text states: its label read through the catalogue's words
 * (src/catalogue/claimWords.ts) into a measure, a part, whose money (scope), which year and which
 * unit, with what the sentence around it says (一般公共预算年初结转结余资金 3.00 万元，本年收入
 * 1500.00 万元 … carries 一般公共预算 to 本年收入; 其中 carries its total's measure to the parts).
 * Also the lists a sentence states (其中, 分类为, 包括, 分别为, X中): a whole and its parts.
 */
import {
  INCOME_PARTS,
  LABEL_WORDS,
  type Measure,
  type Part,
  type Scope,
  SCOPE_WORDS,
  SECTION_SCOPES,
  type Topic,
  TOPIC_MEASURES,
} from '../../catalogue/claimWords';
import type { Cell, Heading, LocatedDocument, Paragraph, Table } from './document';
import { sectionText } from './document';
import { cellFigure, compact, type Figure, figuresOf, type Span, sentences } from './text';

export interface Key {
  measure: Measure;
  part?: Part;
  scope?: Scope;
  /** `上年`, or a year other than the report's (`2020`). */
  period?: string;
  /** A sub-unit the figure belongs to (某市青少年活动中心), not the department itself. */
  entity?: string;
}

export interface Features {
  measure?: Measure;
  part?: Part;
  scope?: Scope;
  topic?: Topic;
  period?: string;
}

/** Where a figure or a quote is: a span of a paragraph's text, or a table cell. */
export interface Place {
  paragraph?: number;
  table?: number;
  row?: number;
  column?: number;
  start: number;
  end: number;
}

export interface Bound {
  id: number;
  figure: Figure;
  /** The unit was not written; it is taken from the figures beside it (万元). */
  unitInferred?: string;
  key?: Key;
  /** The label as written before the figure (or `行 × 列` for a cell). */
  label: string;
  place: Place;
  /** The sentence it sits in (a paragraph span), for quoting. */
  sentence?: Span;
  /** Whether its scope was written in its own label (not carried or taken from the section). */
  scopeStated?: boolean;
}

/** A whole and the parts a sentence lists under it. */
export interface PartList {
  /** The whole: a figure, or only a label (部门整体支出按支出性质分类为：…). */
  whole?: Bound;
  wholeLabel: string;
  wholeKey?: Key;
  marker: '其中' | '分类为' | '包括' | '分别为' | '中';
  markerAt: number;
  parts: Bound[];
  /** The list ends with 等 (not every part named). */
  open: boolean;
  paragraph: number;
  /** Span of the quote: from the whole (or its sentence) to the list's sentence end. */
  span: Span;
}

export interface Bindings {
  figures: Bound[];
  lists: PartList[];
  /** Figures by paragraph index. */
  byParagraph: Map<number, Bound[]>;
  /** Figures by table index, by row, by column. */
  byCell: Map<string, Bound>;
}

// ------------------------------------------------------------------ labels

const MEASURE_WORDS = LABEL_WORDS.filter((w) => w.measure);
const PART_WORDS = LABEL_WORDS.filter((w) => w.part);
const TOPIC_WORDS = LABEL_WORDS.filter((w) => w.topic);

interface Hit {
  start: number;
  end: number;
}

const GLOBAL = new Map<RegExp, RegExp>();

function hits(re: RegExp, s: string): Hit[] {
  let g = GLOBAL.get(re);
  if (!g) GLOBAL.set(re, (g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`)));
  g.lastIndex = 0;
  const out: Hit[] = [];
  for (let m = g.exec(s); m; m = g.exec(s)) {
    if (m[0].length === 0) {
      g.lastIndex++;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The word of a list that ends last in the label (its head noun), then the longest. */
function lastWord<T extends { re: RegExp }>(words: T[], s: string): { word: T; hit: Hit } | undefined {
  let best: { word: T; hit: Hit } | undefined;
  for (const w of words)
    for (const h of hits(w.re, s))
      if (
        !best ||
        h.end > best.hit.end ||
        (h.end === best.hit.end && h.end - h.start > best.hit.end - best.hit.start)
      )
        best = { word: w, hit: h };
  return best;
}

/** A label without trailing fillers (为, 是, 达到, a parenthesis) or spaces and quotes. */
export function cleanLabel(label: string): string {
  let s = compact(label);
  for (let i = 0; i < 4; i++) {
    const t = s
      .replace(/[（(][^（）()]*[）)]$/, '')
      .replace(/(为|是|达到|达|约|计|:|：|，|,)$/, '')
      .replace(/^(其中|其中:|其中：|包括|分别为|即)/, '');
    if (t === s) break;
    s = t;
  }
  return s;
}

/** What a label says: its measure, part, scope, topic and period. */
export function readLabel(label: string, year?: number): Features {
  const s = cleanLabel(label);
  const out: Features = {};
  const measure = lastWord(MEASURE_WORDS, s);
  const part = lastWord(PART_WORDS, s);
  if (part) out.part = part.word.part;
  // A measure read only off the part's own word (基本支出 → 支出) is implied, not stated.
  if (measure && !(part && part.hit.start <= measure.hit.start && part.hit.end >= measure.hit.end))
    out.measure = measure.word.measure;
  if (measure?.word.scope) out.scope = measure.word.scope;
  for (const w of SCOPE_WORDS) if (w.re.test(s)) out.scope = w.scope;
  const topic = lastWord(TOPIC_WORDS, s);
  if (topic) out.topic = topic.word.topic;
  if (/(上年度?|去年|上一年度?)(?!结转|结余|累计结转)/.test(s.replace(/年初上年结转/g, '')))
    out.period = '上年';
  const y = /(20\d\d)年/.exec(s);
  if (y && Number(y[1]) !== year) out.period = y[1];
  return out;
}

export function keyText(k: Key): string {
  return `${k.measure}|${k.part ?? ''}|${k.scope ?? ''}|${k.period ?? ''}|${k.entity ?? ''}`;
}

const PART_WORDS_SHOWN: Record<Part, string> = {
  基本: '基本支出',
  项目: '项目支出',
  人员经费: '人员经费',
  公用经费: '日常公用经费',
  工资福利: '工资福利支出',
  商品和服务: '商品和服务支出',
  对个人和家庭补助: '对个人和家庭的补助',
  资本性: '资本性支出',
  其他收入: '其他收入',
  事业收入: '事业收入',
  经营收入: '经营收入',
  上级补助收入: '上级补助收入',
  因公出国: '因公出国（境）费',
  公务接待: '公务接待费',
  公务用车: '公务用车购置及运行维护费',
};

const MEASURE_SHOWN: Record<Measure, string> = {
  本年收入: '本年收入',
  本年支出: '本年支出',
  年初结转结余: '年初结转和结余',
  年末结转结余: '年末结转和结余',
  结转结余: '结转结余',
  年初预算: '年初预算',
  年中追加: '年中追加预算',
  剔除调整: '政策性调整（剔除数）',
  调整后预算: '调整后预算',
  预算数: '预算数',
  编制数: '编制数',
  在职人数: '在职人数',
  退休人数: '退休人数',
  三公预算: '“三公”经费预算数',
  三公决算: '“三公”经费实际支出',
  政府采购预算: '政府采购预算',
  政府采购实际: '实际政府采购金额',
  固定资产总额: '固定资产总额',
  在用固定资产: '在用固定资产',
};

/** A key in words: `一般公共预算本年支出中基本支出`, `上年“三公”经费实际支出`. */
export function keyWords(k: Key): string {
  const scope = k.scope === '整体' ? '部门整体' : (k.scope ?? '');
  const period = k.period === '上年' ? '上年' : k.period ? `${k.period}年` : '';
  const entity = k.entity ?? '';
  const part = k.part ? `中${PART_WORDS_SHOWN[k.part]}` : '';
  return `${entity}${period}${scope}${MEASURE_SHOWN[k.measure]}${part}`;
}

/** The scope a section's headings name, innermost first. */
function sectionScope(section: Heading[]): Scope | undefined {
  for (let i = section.length - 1; i >= 0; i--)
    for (const w of SECTION_SCOPES) if (w.re.test(compact(section[i].title))) return w.scope;
  return undefined;
}

const BOUNDARY = /[，。；：、！？\n,;:]/;
const MAX_LABEL = 40;

/** The label before a figure: back to a separator or the previous figure, skipping a closing parenthesis. */
function labelBefore(text: string, at: number, floor: number): string {
  let i = at;
  const stop = Math.max(floor, at - MAX_LABEL);
  let depth = 0;
  while (i > stop) {
    const c = text[i - 1];
    if (c === '）' || c === ')') depth++;
    else if ((c === '（' || c === '(') && depth > 0) depth--;
    else if (depth === 0 && BOUNDARY.test(c)) break;
    i--;
  }
  return text.slice(i, at);
}

/** A sub-unit named at the start of a sentence (its own 编制 and 在职人数). */
function entityOf(sentence: string, title: string): string | undefined {
  const head = sentence.trim().slice(0, 22);
  // 下属事业单位编制数 5 名: the sub-units together.
  const sub = /^(下属|所属|二级)(事业|行政)?单位/.exec(head);
  if (sub) return sub[0];
  const m = /^[^，。；：、\s]{2,20}?(中心|馆|站|所|院|学校|队)/.exec(head);
  if (!m || !/^[^，。；：、]{0,12}\d/.test(sentence.trim().slice(m[0].length))) return undefined;
  const name = m[0];
  return title.includes(name) ? undefined : name;
}

const LIST_MARKERS: Array<{ re: RegExp; marker: PartList['marker'] }> = [
  { re: /其中[：:，,]?/g, marker: '其中' },
  { re: /分类为[：:]?|分为[：:]/g, marker: '分类为' },
  { re: /包括[：:]?/g, marker: '包括' },
  { re: /分别为[：:]?|分别是[：:]?/g, marker: '分别为' },
];

function isValue(f: Figure): boolean {
  return (f.kind === 'amount' || f.kind === 'count' || f.kind === 'bare' || f.kind === 'score') && !f.approx;
}

const SENTENCES = new WeakMap<Paragraph, Span[]>();

/** A paragraph's sentences, worked out once. */
export function paragraphSentences(p: Paragraph): Span[] {
  let out = SENTENCES.get(p);
  if (!out) SENTENCES.set(p, (out = sentences(p.text)));
  return out;
}

/** The sentence of a paragraph that holds an offset (binary search: a paragraph may be one long sentence). */
export function sentenceAt(p: Paragraph, at: number): Span | undefined {
  const ss = paragraphSentences(p);
  let lo = 0;
  let hi = ss.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ss[mid].end <= at) lo = mid + 1;
    else if (ss[mid].start > at) hi = mid - 1;
    else return ss[mid];
  }
  return undefined;
}

/** Words of a sentence that says its figures disagree (a report's own note on its data, a reviewer's remark). */
const REPORTS_DISAGREEMENT = /不一致|不相符|不符|待核对|有误|差额为|相差/;

const DIFFERENCE_WORDS =
  /(大于|小于|多于|少于|超过|超出|高于|低于|较|比上年|同比|增加|减少|增长|下降|降低|节约|超支|差额|相差)/;

const NOT_A_PART = /(较|比上年|同比|增加|减少|增长|下降|降低|占|超支|节约|结余|相比)/;

/** Binds the figures of one paragraph, and the lists its sentences state. */
function bindParagraph(
  doc: LocatedDocument,
  pi: number,
  p: Paragraph,
  nextId: () => number,
  title: string,
  out: Bindings
): void {
  const sectionS = sectionScope(p.section);
  const year = doc.year;
  const mine: Bound[] = [];
  let paragraphEntity: string | undefined;
  let previousSentenceLast: Bound | undefined;
  for (const s of paragraphSentences(p)) {
    const text = p.text.slice(s.start, s.end);
    const entity = entityOf(text, title) ?? paragraphEntity;
    if (entity) paragraphEntity = entity;
    const sentenceYear = /^[^，。；]{0,12}?(20\d\d)\s*年(?!\d)/.exec(text);
    // A year other than the report's (or any year, when the report does not say its own) is another period.
    const yearPeriod = sentenceYear && Number(sentenceYear[1]) !== year ? sentenceYear[1] : undefined;
    // A sentence that reports two figures disagreeing asserts neither; a 【待核对…】 placeholder asserts nothing.
    if (REPORTS_DISAGREEMENT.test(text)) continue;
    const placeholders = [...text.matchAll(/【[^】]*】/g)].map((m) => [
      s.start + m.index!,
      s.start + m.index! + m[0].length,
    ]);
    const figs = figuresOf(text)
      .map((f) => ({ ...f, start: f.start + s.start, end: f.end + s.start }))
      .filter((f) => !placeholders.some(([a, b]) => f.start >= a && f.end <= b));
    const markers: Array<{ at: number; end: number; marker: PartList['marker'] }> = [];
    for (const { re, marker } of LIST_MARKERS) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text))
        markers.push({ at: s.start + m.index, end: s.start + m.index + m[0].length, marker });
    }
    markers.sort((a, b) => a.at - b.at);
    const lists = new Map<number, PartList>();
    const closed = new Set<number>();
    let carryScope: Scope | undefined;
    let topic: Topic | undefined;
    let splitList: PartList | undefined;
    const bound: Bound[] = [];
    let prevEnd = s.start;
    let prevAmount: Bound | undefined;
    let markerIndex = -1;
    // The last value figure bound, for the whole of a list that opens after it.
    let lastValue: Bound | undefined;
    for (const f of figs) {
      const label = labelBefore(p.text, f.start, prevEnd);
      prevEnd = f.end;
      if (f.kind === 'bare' && f.decimals !== 2) continue;
      const b: Bound = {
        id: nextId(),
        figure: f,
        label: label.trim(),
        place: { paragraph: pi, start: f.start, end: f.end },
        sentence: s,
      };
      // A bare number with two decimals among amounts is an amount whose unit was left out.
      if (f.kind === 'bare') {
        if (!prevAmount) continue;
        b.unitInferred = prevAmount.figure.unit ?? '万元';
      }
      bound.push(b);
      if (f.kind === 'amount' || b.unitInferred) prevAmount = b;
      if (!isValue(f)) continue;
      while (markerIndex + 1 < markers.length && markers[markerIndex + 1].end <= f.start) markerIndex++;
      const marker = markerIndex >= 0 ? markers[markerIndex] : undefined;
      let list: PartList | undefined;
      if (marker && !closed.has(markerIndex)) {
        list = lists.get(markerIndex);
        if (!list) {
          let whole = lastValue && lastValue.figure.end <= marker.at ? lastValue : undefined;
          let span: Span = { start: s.start, end: s.end };
          if (!whole && marker.marker === '其中' && marker.at - s.start <= 1 && previousSentenceLast) {
            // 其中 opening a sentence: its whole is the last figure of the sentence before.
            whole = previousSentenceLast;
            span = { start: whole.sentence!.start, end: s.end };
          }
          let wholeLabel = whole?.label ?? '';
          let wholeKey = whole?.key;
          if (!whole) {
            // Only a label: 部门整体支出按支出性质分类为：….
            wholeLabel = labelBefore(p.text, marker.at, s.start)
              .replace(/按[^按]*$/, '')
              .trim();
            const wf = readLabel(wholeLabel, year);
            wholeKey = keyOf(wf, { sectionScope: sectionS, yearPeriod, entity });
          }
          list = {
            whole,
            wholeLabel,
            wholeKey,
            marker: marker.marker,
            markerAt: marker.at,
            parts: [],
            open: false,
            paragraph: pi,
            span,
          };
          lists.set(markerIndex, list);
        }
        if (NOT_A_PART.test(cleanLabel(label))) {
          closed.add(markerIndex);
          list = undefined;
        }
      }
      const featuresRaw = readLabel(label, year);
      // X中Y: Y is a part of X (一般公共预算支出中基本支出).
      const split = /^(.*[^其])中([^中]+)$/.exec(cleanLabel(label));
      let parent: Features | undefined;
      let features = featuresRaw;
      if (split) {
        const pre = readLabel(split[1], year);
        if (pre.measure || pre.part || pre.scope) {
          parent = pre;
          features = readLabel(split[2], year);
          if (!features.scope && pre.scope) features.scope = pre.scope;
          if (!features.period && pre.period) features.period = pre.period;
        }
      }
      if (split && parent && !list && !closed.has(-1 - (markerIndex + 1))) {
        // X中A …、B …: a list whose whole is X, stated before (基本支出 600.00 万元 … 基本支出中人员经费 …、日常公用经费 …).
        const wholeKey = keyOf(parent, { sectionScope: sectionS, carryScope, yearPeriod, entity });
        // The whole stated shortly before (a list follows its whole: the last 40 figures are enough).
        const recent = [...mine.slice(-40), ...bound.slice(-40)].reverse();
        const earlier = wholeKey
          ? recent.find((x) => x !== b && x.key && keyText(x.key) === keyText(wholeKey))
          : undefined;
        list = {
          whole: earlier,
          wholeLabel: split[1],
          wholeKey,
          marker: '中',
          markerAt: f.start - 1,
          parts: [],
          open: false,
          paragraph: pi,
          span: { start: earlier?.sentence?.start ?? s.start, end: s.end },
        };
        lists.set(1000 + f.start, list);
        splitList = list;
      } else if (!list && splitList && !split && !NOT_A_PART.test(cleanLabel(label))) list = splitList;
      if (features.topic) topic = features.topic;
      // A difference or a change (大于预算数 20.40 万元, 较上年减少 3.40 万元) is not the quantity it is compared with.
      if (DIFFERENCE_WORDS.test(cleanLabel(label))) {
        if (list) list.parts.push(b);
        lastValue = b;
        continue;
      }
      // Scores are the score kind's; only amounts and counts are quantities of the catalogue.
      if (f.kind === 'score') {
        if (list) list.parts.push(b);
        lastValue = b;
        continue;
      }
      const key = keyOf(features, {
        parent,
        wholeKey: list && list.marker !== '中' ? list.wholeKey : undefined,
        carryScope: list && list.marker !== '中' ? undefined : carryScope,
        sectionScope: sectionS,
        topic,
        yearPeriod,
        entity,
      });
      if (features.scope && !list) carryScope = features.scope;
      if (key) {
        b.key = key;
        b.scopeStated = Boolean(features.scope);
      }
      if (list) list.parts.push(b);
      lastValue = b;
    }
    for (const [i, list] of lists) {
      if (list.parts.length === 0) continue;
      const last = list.parts[list.parts.length - 1];
      const to = i < 1000 ? (markers[i + 1]?.at ?? s.end) : s.end;
      list.open = /^[^，。；]{0,8}等/.test(p.text.slice(last.figure.end, to));
      out.lists.push(list);
    }
    const values = bound.filter((b) => isValue(b.figure));
    previousSentenceLast = values[values.length - 1];
    mine.push(...bound);
  }
  out.byParagraph.set(pi, mine);
  out.figures.push(...mine);
}

interface KeyContext {
  parent?: Features;
  wholeKey?: Key;
  carryScope?: Scope;
  sectionScope?: Scope;
  topic?: Topic;
  yearPeriod?: string;
  entity?: string;
}

/** A figure's key from its label's features and what the sentence says around it. */
export function keyOf(f: Features, c: KeyContext): Key | undefined {
  // An item of a listed whole that names no quantity of its own (…费用 100 万元) is the list's, not the catalogue's.
  if (c.wholeKey && !f.measure && !f.part && !f.scope) return undefined;
  let measure = f.measure ?? c.parent?.measure;
  let part = f.part;
  const topic = f.topic ?? c.topic;
  if (!part && c.parent?.part && !f.measure) part = undefined;
  if (c.wholeKey) {
    // A part of a listed whole takes the whole's measure (年初预算 … 其中基本支出 …).
    if (!f.measure || (f.measure === '结转结余' && c.wholeKey.measure)) measure = c.wholeKey.measure;
    else if (f.measure === '本年收入' || f.measure === '本年支出') {
      // 其中：一般公共预算收入 …: keeps its own measure.
    }
  }
  if (measure === '结转结余') measure = c.wholeKey?.measure ?? undefined;
  if (part && INCOME_PARTS.includes(part)) measure = '本年收入';
  if (!measure && part) measure = '本年支出';
  if (!measure) return undefined;
  // Within a topic a generic measure names the topic's own (“三公”经费预算数 → 三公预算).
  const byTopic = topic ? TOPIC_MEASURES[topic]?.[measure] : undefined;
  if (byTopic) measure = byTopic;
  if (topic === '公用经费' && !part && (measure === '本年支出' || measure === '预算数')) part = '公用经费';
  if (topic === '三公' && part === undefined && f.part) part = f.part;
  const people = measure === '编制数' || measure === '在职人数' || measure === '退休人数';
  const sanGong = measure === '三公预算' || measure === '三公决算';
  const noScope = people || sanGong || measure === '预算数' || measure.startsWith('政府采购');
  let scope: Scope | undefined;
  if (!noScope) scope = f.scope ?? c.wholeKey?.scope ?? c.parent?.scope ?? c.carryScope ?? c.sectionScope;
  const key: Key = { measure };
  if (part) key.part = part;
  if (scope) key.scope = scope;
  const period = f.period ?? c.yearPeriod;
  if (period) key.period = period;
  if (people && c.entity) key.entity = c.entity;
  // A part that names nothing more than its whole (编制 19 名，其中…事业编制 18 名) is not the whole again.
  if (c.wholeKey && keyText(key) === keyText(c.wholeKey)) return undefined;
  return key;
}

// ------------------------------------------------------------------ tables

/** The text of a row's label: its first cell that is not a number or a 序号. */
export function rowLabel(t: Table, r: number): { text: string; column: number } | undefined {
  const row = t.rows[r];
  for (const c of row) {
    const s = c.text.trim();
    if (!s) continue;
    if (cellFigure(s, null)) continue;
    return { text: s, column: c.column };
  }
  return undefined;
}

/** A column's header: the first row's text (a 序号 or 项目 corner is a label column). */
export function columnHeader(t: Table, c: number): string {
  return (t.rows[0]?.[c]?.text ?? '').trim();
}

/** The unit of a table's amounts: its 单位 line, else its introduction's amounts' unit. */
export function tableUnit(t: Table, bindings: Bindings): { unit: string | null; inferred: boolean } {
  if (t.unit) return { unit: t.unit, inferred: false };
  const intro = t.introIndex !== undefined ? bindings.byParagraph.get(t.introIndex) : undefined;
  const unit = intro?.find((b) => b.figure.kind === 'amount')?.figure.unit ?? null;
  return { unit, inferred: unit !== null };
}

function tableContext(t: Table): Features {
  const text = [t.title ?? '', t.intro?.text ?? ''].join('，');
  const c = compact(text);
  const out: Features = {};
  for (const w of SCOPE_WORDS) if (w.re.test(c)) out.scope = w.scope;
  out.scope ??= sectionScope(t.section);
  const topic = lastWord(TOPIC_WORDS, c);
  if (topic) out.topic = topic.word.topic;
  // A table of projects (各项目明细如下) is a breakdown of 项目支出.
  const parts = new Set(hits(/项目支出/, c).length ? ['项目'] : []);
  if (parts.size === 1 && !out.topic) out.part = '项目';
  return out;
}

function bindTable(doc: LocatedDocument, ti: number, t: Table, nextId: () => number, out: Bindings): void {
  // Columns that do not line up with the header cannot be told apart.
  if (!t.aligned) return;
  const ctx = tableContext(t);
  const { unit, inferred } = tableUnit(t, out);
  for (let r = 1; r < t.rows.length; r++) {
    const label = rowLabel(t, r);
    const rowF = label ? readLabel(label.text, doc.year) : {};
    const isTotalRow = label ? /^合计|^总计/.test(compact(label.text)) : false;
    for (const cell of t.rows[r]) {
      if (label && cell.column <= label.column) continue;
      const f = cellFigure(cell.text, unit);
      if (!f) continue;
      const header = columnHeader(t, cell.column);
      const colF = readLabel(header, doc.year);
      const b: Bound = {
        id: nextId(),
        figure: f,
        label: `${label?.text ?? `第${r + 1}行`} × ${header}`,
        place: { table: ti, row: r, column: cell.column, start: f.start, end: f.end },
      };
      if (inferred && f.kind === 'amount') b.unitInferred = unit ?? undefined;
      out.byCell.set(`${ti}:${r}:${cell.column}`, b);
      out.figures.push(b);
      if (f.kind !== 'amount') continue;
      // Rows name the measure and columns the part, or the other way round.
      const features: Features = {
        measure: rowF.measure ?? colF.measure,
        part:
          rowF.part ??
          colF.part ??
          (isTotalRow || (label && !rowF.measure && !rowF.part) ? undefined : undefined),
        scope: rowF.scope ?? colF.scope,
        topic: rowF.topic ?? colF.topic ?? ctx.topic,
        period: rowF.period ?? colF.period,
      };
      // A project or item row that names neither a measure nor a part is not a catalogue quantity, but the 合计 row is the table's whole.
      if (label && !rowF.measure && !rowF.part && !isTotalRow) continue;
      if (isTotalRow && !features.part && ctx.part) features.part = ctx.part;
      const key = keyOf(features, { sectionScope: ctx.scope, topic: features.topic });
      if (key) b.key = key;
    }
  }
}

/** Binds every figure of a located document. */
export function bind(doc: LocatedDocument): Bindings {
  let id = 0;
  const nextId = () => id++;
  const out: Bindings = { figures: [], lists: [], byParagraph: new Map(), byCell: new Map() };
  // The title lines (short ones at the top) name the department itself.
  const title = doc.paragraphs
    .slice(0, 4)
    .filter((p) => p.text.length <= 40 && !/[。；]/.test(p.text))
    .map((p) => p.text)
    .join('');
  for (const o of doc.order) {
    if (o.type === 'paragraph') bindParagraph(doc, o.index, doc.paragraphs[o.index], nextId, title, out);
    else bindTable(doc, o.index, doc.tables[o.index], nextId, out);
  }
  return out;
}

// ------------------------------------------------------------------ places in words

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/** Where a place is, for a reader: `三、一般公共预算收支情况 › （二）一般公共预算支出 第 41 段`, `表 2 第 3 行“本年收入”“合计”栏`. */
export function placeText(doc: LocatedDocument, p: Place): string {
  if (p.table !== undefined) {
    const t = doc.tables[p.table];
    const title = t.title && !/单位/.test(t.title) ? `“${clip(t.title.replace(/[：:]$/, ''), 24)}”` : '';
    const section = sectionText(t.section);
    const row = p.row !== undefined ? rowLabel(t, p.row)?.text : undefined;
    const col = p.column !== undefined ? columnHeader(t, p.column) : '';
    const at =
      p.row !== undefined
        ? ` 第 ${p.row + 1} 行${row ? `“${compact(row)}”` : ''}${col ? `“${compact(col)}”栏` : ''}`
        : '';
    return `${section ? `${section} ` : ''}表 ${t.number}${title}${at}`;
  }
  const para = doc.paragraphs[p.paragraph!];
  const section = sectionText(para.section.filter((h) => h.paragraph !== para.number));
  return `${section ? `${section} ` : ''}第 ${para.number} 段`;
}

/** A place in a few words, for titles: `第 21 段`, `表 1 第 3 行“本年收入”`. */
export function shortPlace(doc: LocatedDocument, p: Place): string {
  if (p.table !== undefined) {
    const row = p.row !== undefined ? rowLabel(doc.tables[p.table], p.row)?.text : undefined;
    return `表 ${doc.tables[p.table].number}${p.row !== undefined ? ` 第 ${p.row + 1} 行${row ? `“${compact(row)}”` : ''}` : ''}`;
  }
  return `第 ${doc.paragraphs[p.paragraph!].number} 段`;
}

/** The most characters a quote holds: a longer sentence is quoted around the figure, with “……” for the rest. */
export const MAX_QUOTE = 240;

/** The sentence a place sits in (or the row of a cell), for quoting. */
export function quoteOf(doc: LocatedDocument, p: Place, span?: Span, focus?: Place): string {
  if (p.table !== undefined) {
    const t = doc.tables[p.table];
    const row = t.rows[p.row ?? 0] ?? [];
    const text = row
      .map((c: Cell) => c.text.trim())
      .filter(Boolean)
      .join(' | ');
    return text.length <= MAX_QUOTE ? text : `${text.slice(0, MAX_QUOTE)}……`;
  }
  const para = doc.paragraphs[p.paragraph!];
  const s = span ?? sentenceAt(para, p.start) ?? { start: 0, end: para.text.length };
  if (s.end - s.start <= MAX_QUOTE) return para.text.slice(s.start, s.end).trim();
  // Around the figure the claim is about (or the start of the place).
  const at = focus?.paragraph === p.paragraph && focus ? focus.start : p.start;
  const from = Math.max(s.start, at - MAX_QUOTE / 2);
  const to = Math.min(s.end, from + MAX_QUOTE);
  return `${from > s.start ? '……' : ''}${para.text.slice(from, to).trim()}${to < s.end ? '……' : ''}`;
}
