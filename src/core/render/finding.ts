/**
 * A finding in words, one renderer per surface (compare ESLint's messageId + data, hledger's one error
 * layout). A finding is data (src/core/results.ts); only these functions write its sentences: the cell
 * note, the 问题清单 row, the pane card, the CLI line and the 审核意见 entry. Every figure goes through the
 * one formatter (./quantity), each in its own unit.
 */
import { documentLabel, shortLabel } from '../reconcile';
import { allFindings, consequenceCount } from '../findingTree';
import { sum } from '../decimal';
import { inWords, tightenSpaces } from '../typography';
import type { Finding, Operand, Quantity } from '../results';
import {
  documentDigits,
  formatDifference,
  formatGap,
  formatQuantity,
  formatValue,
  operandPlace,
  operandQuantity,
  operandTable,
  operandText,
  tableQualified,
} from './quantity';

/** The cells a text lists: all of them up to a dozen, then a count (a table of 10,000 rows stays readable). */
export const MAX_LISTED_CELLS = 12;

export function cellList(ops: Operand[]): string {
  const listed = ops.slice(0, MAX_LISTED_CELLS).map(operandText).join('；');
  return ops.length > MAX_LISTED_CELLS ? `${listed}；……等共 ${ops.length} 个单元格（见“问题清单”）` : listed;
}

function names(ops: Operand[]): string {
  const shown = ops.slice(0, MAX_LISTED_CELLS).map(operandPlace);
  return `${shown.join('、')}${ops.length > MAX_LISTED_CELLS ? ` 等 ${ops.length} 项` : ''}`;
}

/** 缺 …: the inputs a finding or an outcome needs filled. */
export function missingText(missing: Operand[]): string {
  return `缺 ${names(missing)}`;
}

/** What a sum over a partly entered side is called: never 应为 or 合计, only what the entered lines add up to. */
const PARTIAL = '已填各项之和';

/** The labels of a finding's figures: 应为 / 实为 / 差额, 上限 / 实为 / 超出, or 已填各项之和 for a partial side. */
function figureLabels(f: Finding): { expected: string; computed: string; difference: string } {
  const exceeds = f.kind === 'exceeds';
  return {
    expected: f.partial === 'expected' ? PARTIAL : exceeds ? '上限' : '应为',
    computed: f.partial === 'computed' ? PARTIAL : '实为',
    difference: exceeds ? '超出' : '差额',
  };
}

/** The figures a finding compares, labelled as the 问题清单 and the card show them, each with its unit. */
export function figures(f: Finding): Array<{ label: string; text: string }> {
  if (!f.expected || !f.computed || !f.difference) return [];
  const l = figureLabels(f);
  const out = [
    { label: l.expected, text: formatQuantity(f.expected) },
    { label: l.computed, text: formatQuantity(f.computed) },
  ];
  // A sign error is not a gap of twice the rate: it is named as a sign error.
  if (f.kind === 'signReversed') return out;
  const d = f.difference;
  return [...out, { label: l.difference, text: f.kind === 'exceeds' ? formatGap(d) : formatDifference(d) }];
}

function figuresText(f: Finding): string {
  return figures(f)
    .map((x) => `${x.label} ${x.text}`)
    .join('，');
}

/** The unit slip in words: which figure, and what it reads as in 万元. */
function slipText(f: Finding): string {
  if (!f.slip) return '';
  const o = f.slip.operand;
  const v = o.value;
  if (v === null || typeof v !== 'object') return '';
  const typed = formatQuantity({ value: v, kind: 'amount' }).replace(/ 万元$/, '');
  switch (f.slip.factor) {
    case 'div':
      return `${operandPlace(o)} 填的是 ${typed}，约为应有数的 10000 倍，像是按元填列；单位应为万元，按万元应为 ${formatQuantity({ value: v.div(10000), kind: 'amount' })}。`;
    case 'mul':
      return `${operandPlace(o)} 填的是 ${typed}，约为应有数的万分之一，其他数可能按元填列。`;
    case 'unit':
      return `${operandPlace(o)} 写的是“${typed}元”，与同表各数同一量级，是万元数误写了单位；单位应为万元，数值不必换算。`;
  }
}

/** A stated rate with the wrong sign, in words: which way the recomputation goes. */
function signWords(f: Finding): string {
  if (f.kind !== 'signReversed' || !f.expected) return '';
  return `报告所列比率正负号有误：按公式计算为${f.expected.value.isNegative() ? '负数（比上年减少）' : '正数（比上年增加）'}。`;
}

/**
 * What the finding says, without its title, cells or next step: the rule, the figures and the
 * tolerance, or what is missing, or the notice's own words.
 */
export function findingStatement(f: Finding): string {
  const unverified = f.missing?.length ? `${missingText(f.missing)}。` : '';
  switch (f.kind) {
    case 'notice':
      return f.detail ? `${f.detail.replace(/。$/, '')}。` : '';
    case 'cannotVerify': {
      const gap = f.difference
        ? `按已填各数：${figuresText(f)}；这一差额只能由未填的数补足，补填后才能核实。`
        : '';
      // The title already says it cannot be decided (无法核实, 无法计分, 未填): the rule follows it bare.
      const lead = /无法|未填/.test(f.title) ? '' : '无法核实：';
      return `${lead}${f.statement ?? f.title}。${f.detail ? `${f.detail.replace(/。$/, '')}。` : ''}${unverified}${gap}`;
    }
    default: {
      // A slip seen against its siblings' size, not through an identity: the slip and the siblings' range.
      if (f.kind === 'unitSlip' && !f.expected)
        return `${slipText(f)}${f.detail ? `${f.detail.replace(/。$/, '')}。` : ''}`;
      const rule = f.statement ? `应满足：${f.statement}。` : '';
      const tolerance = f.toleranceBasis ? `；${f.toleranceBasis}` : '';
      const blanks = f.missing?.length ? `未填的 ${names(f.missing)} 无论补填多少，两边都不能相等。` : '';
      return `${slipText(f)}${rule}${figuresText(f)}${tolerance}。${signWords(f)}${blanks}`;
    }
  }
}

/** How many findings are folded under this one because they share its likely wrong cell. */
function folded(f: Finding): number {
  return f.primary ? (f.consequences?.length ?? 0) : 0;
}

/** The cascade in words: the likely wrong cell, and how many findings it explains. */
export function cascadeText(f: Finding): string {
  const n = folded(f);
  return n > 0 && f.primary ? `${operandPlace(f.primary)} 还导致另外 ${n} 项核对不符（列在本条之下）。` : '';
}

/**
 * The correction the data show, in words: the figure to keep and why, then the cell to change —
 * `收支总表·一般公共预算财政拨款收入为 1,500.00 万元，与基本支出、项目支出之和一致：应将财政拨款表·本年收入（合计）由 1050.00 万元改为 1,500.00 万元（财政拨款!D7）。`
 */
export function correctionText(f: Finding): string {
  const c = f.correction;
  if (!c) return f.nextStep;
  const was = operandQuantity(c.operand);
  const from = was ? `由 ${formatQuantity({ ...was, kind: c.to.kind })}` : '';
  const where = c.operand.address ? `（${c.operand.address}）` : '';
  return `${c.because}：应将${tableQualified(c.operand)}${from}改为 ${formatQuantity(c.to)}${where}。`;
}

/** The one next step, stated once: the correction the data show, else check the likely wrong cell first when it explains others. */
export function nextStepText(f: Finding): string {
  const n = folded(f);
  if (f.correction || n === 0 || !f.primary) return f.nextStep;
  return `先核对 ${operandPlace(f.primary)}：它同时出现在本条及下列 ${n} 项不符的核对中，很可能是填错的数。${f.nextStep}`;
}

/** The cells a finding concerns, as a sentence (`涉及单元格：…。`), or '' when none is located. */
function cellsSentence(f: Finding): string {
  if (f.kind === 'notice') {
    const located = f.operands.filter((o) => o.address);
    return located.length
      ? `涉及单元格：${located.map((o) => `${o.address}${o.label ? ` ${o.label}` : ''}`).join('；')}。`
      : '';
  }
  return f.operands.length ? `涉及单元格：${cellList(f.operands)}。` : '';
}

/** 问题清单 row: the 问题 text (title, statement, cascade, cells) and the 建议 text. */
export function listRow(f: Finding): { problem: string; nextStep: string } {
  return {
    problem: `${f.title}：${findingStatement(f)}${cascadeText(f)}${cellsSentence(f)}`,
    nextStep: nextStepText(f),
  };
}

/** Everything a finding says, in one text (a batch summary's “worst problem”, a plain-text export). */
export function fullText(f: Finding): string {
  const row = listRow(f);
  return `${row.problem}建议：${row.nextStep}`;
}

/**
 * The point of a finding for a cell note, numbers as the cells show them (1,500.00 万元, 12 人):
 * the figures, the slip, what is missing, or the notice.
 */
function notePoint(f: Finding): string {
  if (f.kind === 'unitSlip' && f.slip)
    return `${f.slip.operand.label}${f.slip.factor === 'unit' ? '单位应为万元' : '疑似按元填列'}`;
  if (f.kind === 'cannotVerify') {
    const l = figureLabels(f);
    const gap =
      f.expected && f.computed
        ? `；按已填各数${l.expected} ${formatQuantity(f.expected)}，${l.computed} ${formatQuantity(f.computed)}`
        : '';
    return f.missing?.length ? `${missingText(f.missing)}${gap}` : (f.detail ?? '').replace(/。$/, '');
  }
  if (f.kind === 'notice') return (f.detail ?? '').replace(/。$/, '');
  if (!f.expected || !f.computed) return '';
  const l = figureLabels(f);
  const sign = f.kind === 'signReversed' ? '正负号有误，' : '';
  const d = f.difference;
  const diff =
    d && d.kind !== 'year' && !d.value.isZero() && f.kind !== 'signReversed'
      ? `，${l.difference} ${f.kind === 'exceeds' ? formatGap(d) : formatDifference(d)}`
      : '';
  return `${sign}${l.expected} ${formatQuantity(f.expected)}，${l.computed} ${formatQuantity(f.computed)}${diff}`;
}

/** A cell note's most characters: it shows in a small box on hover, so the point in about a line; the rest is in 问题清单. */
export const CELL_NOTE_CHARS = 120;
/** The 问题清单 rows a note refers to before “等”. */
const NOTE_REFS = 3;

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, Math.max(0, n - 1))}…`;
}

/**
 * The one note on a marked input cell, for both hosts (the Plan's marks): the severity, the problem
 * in words, its figures as the cells show them, and where in 问题清单 the rest is — `refs` are the
 * list's 序号 of every finding on the cell, this one (the most severe) first. At most
 * {@link CELL_NOTE_CHARS} characters: the title gives way before the figures and the reference.
 */
export function cellNote(f: Finding, refs: string[]): string {
  const head = `【${f.severity}${f.explanation ? '·已说明' : ''}】`;
  const more = refs.length > 1 ? `另有 ${refs.length - 1} 项；` : '';
  const listed =
    refs.length > NOTE_REFS ? `${refs.slice(0, NOTE_REFS).join('、')} 等 ${refs.length}` : refs.join('、');
  const tail = refs.length ? `${more}详见“问题清单”第 ${listed} 条。` : '详见“问题清单”。';
  const point = clip(notePoint(f), 72);
  const room = CELL_NOTE_CHARS - head.length - tail.length - (point ? point.length + 2 : 1);
  const title = clip(f.title, Math.max(8, room));
  return clip(`${head}${title}${point ? `：${point}` : ''}。`, CELL_NOTE_CHARS - tail.length) + tail;
}

/** A pane card's parts: a one-line title, the figures, 建议 once, and the details shown on expanding. */
export interface CardParts {
  title: string;
  /** The point in words when there are no figures (a slip, what is missing, a notice). */
  summary?: string;
  figures: Array<{ label: string; text: string }>;
  nextStep: string;
  details: string[];
}

export function cardParts(f: Finding): CardParts {
  const figs = figures(f);
  const details = [
    f.statement ? `应满足：${f.statement}` : '',
    f.toleranceBasis ?? '',
    cascadeText(f),
    f.missing?.length && f.kind !== 'cannotVerify' ? `未填：${names(f.missing)}` : '',
  ].filter((x) => x);
  const summary =
    f.kind === 'mismatch' || f.kind === 'exceeds'
      ? undefined
      : f.kind === 'signReversed'
        ? signWords(f)
        : findingStatement(f).replace(/^应满足：[^。]*。/, '');
  return { title: f.title, summary: summary || undefined, figures: figs, nextStep: nextStepText(f), details };
}

/** One CLI line: `[错误] title：cells（另有连带问题 n 项）`, the folded count as src/core/summary.ts counts it. */
export function cliLine(f: Finding): string {
  const cells = f.operands
    .map((o) => o.address)
    .filter(Boolean)
    .slice(0, 3)
    .join('、');
  const more = consequenceCount(f) ? `（另有连带问题 ${consequenceCount(f)} 项）` : '';
  const missing =
    f.kind === 'cannotVerify' && f.missing?.length
      ? `，${missingText(f.missing.slice(0, 3))}${f.missing.length > 3 ? ' 等' : ''}`
      : '';
  return `[${f.severity}] ${f.title}${cells ? `：${cells}` : ''}${missing}${more}`;
}

/** A figure in a document's digits: `1500.00 万元`. */
const doc = (q: Quantity): string => formatQuantity(q, 'document');
/** A figure's digits without its unit, as a sum writes its parts: `600.00`. */
const digitsOf = (o: Operand): string => {
  const q = operandQuantity(o);
  return q ? formatValue(q.value, q.kind, 'document') : '';
};

/** Parentheticals that tell how to fill a cell, not what it is. */
const FILL_NOTE = /（[^（）]*(填|为正|为负|负数|正数)[^（）]*）/g;

/** A label without its table's qualifier, 其中： or fill instructions: `本年收入（合计）`, `项目“项目甲”年度决算数`. */
function bareLabel(o: Operand): string {
  return o.label
    .replace(/^[^·“”]+·/, '')
    .replace(/^其中：/, '')
    .replace(FILL_NOTE, '');
}

/**
 * The labels a finding's figures go by once its title has named the problem: the parts of one grid row by
 * their column (合计, 基本支出, 项目支出), of one column by their row (调整后预算, 年初批复预算), one label in
 * several tables by its table (收支总表, 财政拨款表), a table's rows by their name (“科普经费”); otherwise the
 * label, with its table where the figures come from more than one.
 */
export function termLabels(ops: Operand[]): string[] {
  const bare = ops.map(bareLabel);
  if (ops.length > 1 && bare.every((b) => b === bare[0]))
    return ops.map((o) => operandTable(o) ?? documentLabel(o));
  const grid = bare.map((b) => /^(.+)（([^（）]+)）$/.exec(b));
  if (ops.length > 1 && grid.every((m) => m && m[1] === grid[0]![1])) return grid.map((m) => m![2]);
  if (ops.length > 1 && grid.every((m) => m && m[2] === grid[0]![2])) return grid.map((m) => m![1]);
  const totals = bare.map((b) => /^合计：(.+)$/.exec(b));
  if (ops.length > 1 && totals.every(Boolean)) return totals.map((m) => m![1]);
  const rows = bare.map((b) => /^[^“]*(“[^”]+”)(.+)$/.exec(b));
  if (ops.length > 1 && rows.every((m) => m && m[1] === rows[0]![1])) return rows.map((m) => m![2]);
  const tables = new Set(ops.map(operandTable));
  return ops.map((o, i) => {
    if (rows[i] && o.name.includes('[')) return rows[i]![1];
    const label = shortLabel(bare[i]);
    return tables.size > 1 ? `${operandTable(o) ?? ''}${label}` : label;
  });
}

/**
 * Two figures of one table that its title tells apart by the part of the table each is in (`财政拨款表支出明细与收支
 * 部分的基本支出不一致`): each named with its part, the table once (`财政拨款表支出明细基本支出`, `收支部分本年支出中
 * 基本支出`); null otherwise.
 */
export function partLabels(f: Finding, ops: Operand[]): string[] | null {
  const table = operandTable(ops[0]);
  if (ops.length !== 2 || !table || operandTable(ops[1]) !== table) return null;
  const escaped = table.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^${escaped}([^与的]+)与([^与的]+)的.+不一致$`).exec(f.title);
  if (!m) return null;
  return ops.map((o, i) => `${i === 0 ? table : ''}${m[i + 1]}${shortLabel(bareLabel(o))}`);
}

/** The parts a sum states before its total, at most this many; more are counted. */
const LISTED_PARTS = 4;

/** A side of an identity in words: one figure with its unit, or its parts and their total (`基本支出 600.00 + 项目支出 900.00 = 1500.00 万元`). */
function sideText(
  terms: Array<{ label: string; o: Operand; sign: 1 | -1 }>,
  total: Quantity,
  partial: boolean,
  of = ''
): string {
  if (partial) return `已填各项（${terms.map((t) => t.label).join('、')}）之和 ${doc(total)}`;
  if (terms.length === 1 && terms[0].sign === 1) return `${terms[0].label} ${doc(total)}`;
  const nil = of ? zeroPart(terms, of) : null;
  if (nil) return `${nil.kept.label} ${doc(total)}，${nil.name}为 0`;
  if (terms.length > LISTED_PARTS)
    return `${terms
      .slice(0, LISTED_PARTS - 1)
      .map((t) => `${t.label} ${digitsOf(t.o)}`)
      .join('、')}等 ${terms.length} 项之和 ${doc(total)}`;
  const sum = terms
    .map(
      (t, i) => `${i === 0 ? (t.sign < 0 ? '−' : '') : t.sign < 0 ? ' − ' : ' + '}${t.label} ${digitsOf(t.o)}`
    )
    .join('');
  return `${sum} = ${doc(total)}`;
}

/**
 * A side whose first figure stands for its total, the rest, all of another table, working out that table's share of
 * the quantity `of` as 0 (`其他资金本年支出 − 项目支出 − 日常公用经费`): that share by its name (`其他资金人员经费`).
 */
function zeroPart(
  terms: Array<{ label: string; o: Operand; sign: 1 | -1 }>,
  of: string
): { kept: { label: string }; name: string } | null {
  const [kept, ...rest] = terms;
  const table = operandTable(rest[0]?.o ?? kept.o);
  if (kept.sign !== 1 || rest.length < 2 || !table || operandTable(kept.o) === table) return null;
  if (rest.some((t) => operandTable(t.o) !== table || !operandQuantity(t.o))) return null;
  const share = sum(rest.map((t) => operandQuantity(t.o)!.value.times(t.sign)));
  return share.isZero() ? { kept, name: `${table.replace(/表$/, '')}${of}` } : null;
}

/** True when a title already states the figure (a recomputed rate, a claimed score, an excess). */
function titleStates(f: Finding, q: Quantity | undefined): boolean {
  if (!q) return true;
  const shown = [formatValue(q.value.abs(), q.kind), formatValue(q.value.abs(), q.kind, 'document')];
  return shown.some((s) => f.title.includes(s));
}

/** The gap, unless it says nothing (a sign error, a year, none) or the title states it or both its figures. */
function gapText(f: Finding): string {
  const d = f.difference;
  if (!d || f.kind === 'signReversed' || d.kind === 'year' || d.value.isZero() || titleStates(f, d))
    return '';
  if (titleStates(f, f.expected) && titleStates(f, f.computed)) return '';
  return `${f.kind === 'exceeds' ? '超出' : '差'} ${formatGap(d, 'document')}`;
}

/** A figure's name in a document's words with its table: `财政拨款表本年收入合计`, `基础数据表上年结转`. */
export function withTable(o: Operand): string {
  const label = shortLabel(bareLabel(o));
  const table = operandTable(o) ?? '';
  return label.startsWith(table) ? label : `${table}${label}`;
}

/** Several figures' names, the table named once for a run of figures from the same table. */
function withTables(ops: Operand[]): string {
  return ops
    .map((o, i) =>
      i > 0 && operandTable(o) && operandTable(o) === operandTable(ops[i - 1])
        ? shortLabel(bareLabel(o))
        : withTable(o)
    )
    .join('、');
}

/** Blanks that could not have saved a failed identity, named or counted. */
function blanksText(missing: Operand[]): string {
  const labels = termLabels(missing);
  const named =
    labels.length <= 3 ? labels.join('、') : `${labels.slice(0, 2).join('、')}等 ${labels.length} 项`;
  return `另有${named}未填列，即使补填也不能使两边相等`;
}

/**
 * The figures a comparison's title does not state, labelled as the title leaves them to be read. `brief`: a side
 * with blanks is the sum of its filled figures, without the note on the blanks (for a finding named beside another).
 */
function figuresClause(f: Finding, brief = false): string {
  if (!f.expected || !f.computed) return '';
  const parts: string[] = [];
  const sides = f.sides;
  if (sides && sides.left.length && sides.right.length) {
    const all = [...sides.left, ...sides.right].map((t) => f.operands[t.at]);
    const labels = partLabels(f, all) ?? termLabels(all);
    const left = sides.left.map((t, i) => ({ label: labels[i], o: all[i], sign: t.sign }));
    const right = sides.right.map((t, i) => ({
      label: labels[left.length + i],
      o: all[left.length + i],
      sign: t.sign,
    }));
    // A share of the other side's quantity the figures work out as 0 is named, not spelled out.
    const of = (side: typeof left) => (side.length === 1 ? shortLabel(bareLabel(side[0].o)) : '');
    parts.push(
      sideText(left, f.computed, !brief && f.partial === 'computed', of(right)),
      sideText(right, f.expected, !brief && f.partial === 'expected', of(left))
    );
  } else {
    const rate = f.computed.kind === 'rate';
    if (!titleStates(f, f.computed))
      parts.push(`${rate ? '报告列' : (termLabels([f.operands[0]])[0] ?? '')} ${doc(f.computed)}`.trim());
    if (!titleStates(f, f.expected)) parts.push(`${rate ? '重算为' : '应为'} ${doc(f.expected)}`);
  }
  const gap = gapText(f);
  if (gap) parts.push(gap);
  // Figures beside the terms: a rate's inputs, the figures a year labels.
  const inSides = new Set([...(sides?.left ?? []), ...(sides?.right ?? [])].map((t) => t.at));
  const context = f.operands.filter((o, i) => !inSides.has(i) && !(i === 0 && !sides) && operandQuantity(o));
  if (context.length) {
    const labels = termLabels(context);
    const listed = context.map((o, i) => `${labels[i]} ${doc(operandQuantity(o)!)}`).join('、');
    parts.push(f.expected.kind === 'rate' ? `按${listed}计算` : `所取${listed}`);
  }
  const blanks = f.missing?.length && !brief ? blanksText(f.missing) : '';
  return [...parts, blanks].filter(Boolean).join('，');
}

/** The problem with the figures its title does not state: `财政拨款本年收入合计与基本、项目支出之和不一致：合计 1050.00 万元，…`. */
function problemText(f: Finding): string {
  let clause: string;
  // A title that says 未填 has named what is blank; one that says 无法 has said what follows from it.
  if (f.kind === 'cannotVerify')
    clause = /未填/.test(f.title)
      ? ''
      : f.missing?.length
        ? `${/无法/.test(f.title) ? '' : '因'}${withTables(f.missing)}未填列${/无法/.test(f.title) ? '' : '，无法核实'}`
        : (f.detail ?? '').replace(/。$/, '');
  else if (f.kind === 'notice') clause = (f.detail ?? '').replace(/。$/, '');
  else if (f.kind === 'unitSlip' && !f.expected) clause = slipText(f).replace(/。$/, '');
  else clause = `${f.slip ? slipText(f) : ''}${figuresClause(f)}`;
  return `${f.title}${clause ? `：${clause}` : ''}`;
}

/**
 * A comparison named after another's colon, its figures in brief and in brackets:
 * `甲与乙、丙之和不一致（甲 9.00 万元，乙 3.00 + 丙 4.00 = 7.00 万元，差 2.00 万元）`.
 */
export function briefProblem(f: Finding): string {
  const clause = (f.kind === 'mismatch' || f.kind === 'exceeds') && !f.slip ? figuresClause(f, true) : '';
  return clause ? `${f.title}（${clause}）` : problemText(f);
}

/**
 * The correction the data show, in a document's words: the figure to keep and why, then the figure to change.
 * A figure the problem already states is not given again beside its source (“之和（1800.08 万元）”).
 */
function correctionWords(f: Finding, problem: string): string {
  const c = f.correction;
  if (!c) return '';
  const because = documentDigits(c.because)
    .replace(/·/g, '')
    .replace(/（([\d.]+ [^（）\d]+)）/g, (aside, figure: string) => (problem.includes(figure) ? '' : aside));
  return `${because}，应将${withTable(c.operand)}改为 ${formatQuantity(c.to, 'document')}`;
}

/**
 * The findings folded under this one: those a correction mends, by their titles; those that only share a cell
 * with it (the data name none to change), each with its figures, since each is checked on its own.
 */
function foldedText(f: Finding): string {
  // What could not be decided is not an error folded under one: it is listed with what could not be verified.
  const folded = allFindings(f.consequences ?? []).filter((x) => x.kind !== 'cannotVerify');
  if (folded.length === 0) return '';
  const shared = f.primary && !f.correction && f.kind !== 'cannotVerify' ? withTable(f.primary) : '';
  return shared
    ? `另有 ${folded.length} 项也与${shared}有关，应一并核对：${folded.map(briefProblem).join('；')}`
    : `由此另有 ${folded.length} 项不符：${folded.map((x) => x.title).join('；')}`;
}

/** A 审核意见 entry's parts: the problem (the title and the figures it does not state), the correction, the advice, the folded findings. */
export interface ReviewParts {
  problem: string;
  /** The correction the data show; '' when only the family's advice applies. */
  action: string;
  /** The family's advice, for an entry without a specific action (a memo states it once for a group). */
  advice: string;
  /** The findings folded under this one, by their titles (with the cell they share). */
  folded: string;
}

export function reviewParts(f: Finding): ReviewParts {
  const problem = documentDigits(problemText(f));
  return {
    problem,
    action: correctionWords(f, problem),
    // In document words: a document does not tell its reader which sheet of the workbook to write in.
    advice: f.correction ? '' : inWords(documentDigits(f.nextStep)).replace(/。$/, ''),
    folded: documentDigits(foldedText(f)),
  };
}

/**
 * One finding as the 审核意见 states it, once: the problem (its title) with the figures the title does not
 * state, then the correction the data show (else the family's advice), then what it folds. `advice: false`
 * leaves the family's advice to a group that states it once.
 */
export function reviewSentence(f: Finding, opts: { advice?: boolean } = {}): string {
  const p = reviewParts(f);
  const act = p.action || (opts.advice === false ? '' : p.advice);
  return tightenSpaces(
    [p.problem, act, p.folded]
      .filter(Boolean)
      .map((s) => `${s.replace(/[。；]$/, '')}。`)
      .join('')
  );
}
