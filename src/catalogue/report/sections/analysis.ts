/**
 * 六、部门整体绩效评价情况分析: each dimension, each 二级 group, and each line with a sentence
 * that evaluates it — the figures used, the value and a judgement in words, or the department's own
 * evidence (its 说明, what its 履职情况 says was done and how much) — then 满分 and the score the
 * department states (src/core/voice.ts).
 */
import type Decimal from 'decimal.js';
import type {
  Dimension,
  IndicatorResult,
  OwnLine,
  Piece,
  ReportBlock,
  ReportContext,
  ScoreGroupView,
  SectionContent,
} from '../../../core/reportContract';
import { INDICATOR_BY_ID } from '../../indicators';
import { SANGONG_ITEMS, SANGONG_TOTAL } from '../../lists';
import { VERDICTS } from '../measures';
import { TASK_CAUSE_WORDS } from '../words';
import { notDoneClause } from '../textSlips';

const endSentence = (s: string) => (/[。；！]$/.test(s) ? s.replace(/；$/, '。') : `${s}。`);

/** A cross-reference the department left in a remark ("报告五（三）④：") is not part of the sentence. */
const stripReference = (s: string) => s.replace(/^报告[^：:]{0,12}[：:]/, '');

/** A remark's own list marks ("①…；②…") would clash with the report's numbering. */
const stripMarks = (s: string) => s.replace(/(^|[；。])[①-⑳]/g, '$1');

/** 产出: the year's tasks, each with whether it was done, on time and up to standard, and the department's 说明. */
function tasks({ w, model }: ReportContext): ReportBlock[] {
  const rows = model.table('产出任务表').rows;
  if (rows.length === 0) return [];
  const flag = (v: unknown) => (v === true ? true : v === false ? false : null);
  const items = rows.map((r, i) => {
    const c = r.cells;
    const name = w.cell('产出任务表', c['任务'], '工作任务', { required: true });
    const done = flag(c['是否完成']?.value);
    // Marked done while its own 说明 says it was not: the status is the unit's to settle (the checklist names both);
    // the 说明 follows once, as written.
    const said = c['说明']?.value;
    const notDone = done === true && typeof said === 'string' ? notDoneClause(said) : undefined;
    const state = [
      notDone
        ? // A 说明 that gives the cause leaves only the status to fill.
          w.fmt.placeholder(`完成情况（已完成/未完成）${TASK_CAUSE_WORDS.test(String(said)) ? '' : '及原因'}`)
        : done === true
          ? '已完成'
          : done === false
            ? '未完成'
            : w.fmt.placeholder('是否完成'),
    ];
    if (done && flag(c['是否按时']?.value) === false) state.push('未按时完成');
    if (done && flag(c['是否达标']?.value) === false) state.push('质量未达预期');
    const note = w.cell('产出任务表', c['说明'], '完成情况说明');
    const remark = note.text
      ? w.plain(`，${stripReference(note.text).replace(/[。；]$/, '')}`, note.sources)
      : '';
    return w.say`${w.fmt.circled(i + 1)}${name}，${state.join('，')}${remark}`;
  });
  return [w.paragraph(w.say`年度工作任务完成情况：${w.join(items, '；')}。`)];
}

/** A growth rate in words: 增长28.57% / 下降11.61% / 持平. */
const growthWords = (c: ReportContext, g: Decimal) =>
  g.isZero() ? '持平' : `${c.w.fmt.direction(g, ['增长', '下降', '持平'])}${c.w.fmt.percent(g.abs())}`;

/**
 * “三公”经费: budget, actual and last year's actual, and the growth the department states (its own
 * figure, a 【待核对】 where its recomputation differs, the recomputation where it states none).
 */
function sangongTable(c: ReportContext): ReportBlock[] {
  const { w } = c;
  const items = [...SANGONG_ITEMS, SANGONG_TOTAL];
  const rows = items.map(([k, label]) => {
    const now = w.num(`三公_${k}_本年决算`);
    const before = w.num(`三公_${k}_上年决算`);
    const statedName = `三公_${k}_增长率`;
    const stated = w.model.num(statedName);
    const computed =
      now !== null && before !== null && !before.isZero() ? now.minus(before).div(before).times(100) : null;
    const sources = [w.operand(`三公_${k}_本年决算`), w.operand(`三公_${k}_上年决算`)];
    let growth: Piece | string = '—';
    if (stated !== null && w.contested(statedName))
      growth = w.plain(
        w.fmt.toCheck(
          `所列${growthWords(c, stated)}，${computed ? `计算为${growthWords(c, computed)}` : '无法计算'}`
        ),
        [w.operand(statedName)]
      );
    else if (stated !== null) growth = w.plain(growthWords(c, stated), [w.operand(statedName)]);
    else if (computed !== null) growth = w.plain(growthWords(c, computed), sources);
    return [
      label,
      w.amountCell(`三公_${k}_本年预算`),
      w.amountCell(`三公_${k}_本年决算`),
      w.amountCell(`三公_${k}_上年决算`),
      growth,
    ];
  });
  return w.table(
    `${w.year().text}年度“三公”经费预算执行明细表`,
    ['项目', '本年预算', '本年实际支出', '上年实际支出', '较上年增减'],
    rows,
    '万元'
  );
}

/**
 * The tasks a rate counts over a subset of the year's tasks, named where the rate is discussed (a count of 2 says
 * nothing of which two): the words that introduce them, and for one the rate does not count, by indicator.
 */
const NAMED_TASKS: Record<string, { tasks: string; short: string }> = {
  重点工作办结率: { tasks: '重点工作', short: '未办结' },
};

/** Past this many, the first ones and the count ("A、B、C、D、E等12项"): 五 lists every task. */
const NAMED_TASKS_MAX = 6;

/** "重点工作为A、B（未办结）。": the tasks the indicator's base flag selects, each it does not count marked so. */
function namedTasks(c: ReportContext, l: OwnLine): Piece | null {
  const { w, model } = c;
  const words = l.line.indicator ? NAMED_TASKS[l.line.indicator] : undefined;
  const rule = l.line.indicator ? INDICATOR_BY_ID.get(l.line.indicator)?.rule : undefined;
  if (!words || !rule || !('kind' in rule) || rule.kind !== 'taskRate' || !rule.base) return null;
  const base = rule.base;
  const rows = model.table('产出任务表').rows.filter((r) => r.cells[base]?.value === true);
  const names = rows
    .map((r) => {
      const name = w.cell('产出任务表', r.cells['任务'], '工作任务');
      const short = rule.count.some((k) => r.cells[k]?.value === false);
      return short && name.text ? w.say`${name}（${words.short}）` : name;
    })
    .filter((x) => x.text);
  if (names.length === 0) return null;
  const listed =
    names.length > NAMED_TASKS_MAX
      ? w.say`${w.join(names.slice(0, NAMED_TASKS_MAX - 1), '、')}等${String(names.length)}项`
      : w.join(names, '、');
  return w.say`${words.tasks}为${listed}。`;
}

/** Extra material shown where an indicator is discussed. */
const EXTRAS: Record<string, (c: ReportContext) => ReportBlock[]> = {
  三公经费控制率: sangongTable,
  实际完成率: tasks,
};

/** The flags a task has only once done: a 是否完成 its own 说明 contradicts puts these counts in question too. */
const PRESUPPOSE_DONE = ['是否完成', '是否按时'];

/**
 * A task rate counting tasks marked 已完成 whose own 说明 says they were not (notDoneClause): the count and rate by
 * the column as filled and as they would be were those tasks not done, with the points each gives where the rules
 * are known ("按“是否完成”列为3项、75.00%；如任务④未完成为2项、50.00%"). Undefined where no counted task is contradicted.
 */
export function taskDoubt(c: ReportContext, l: OwnLine) {
  const ind = indicatorOf(c, l);
  const rule = l.line.indicator ? INDICATOR_BY_ID.get(l.line.indicator)?.rule : undefined;
  if (!ind || ind.value === null || !rule || !('kind' in rule) || rule.kind !== 'taskRate') return undefined;
  if (!rule.count.some((k) => PRESUPPOSE_DONE.includes(k))) return undefined;
  const all = c.model.table('产出任务表').rows;
  const rows = rule.base ? all.filter((r) => r.cells[rule.base!]?.value === true) : all;
  const counted = rows.filter((r) => rule.count.every((k) => r.cells[k]?.value === true));
  const contradicted = counted.filter((r) => {
    const said = r.cells['说明']?.value;
    return (
      r.cells['是否完成']?.value === true && typeof said === 'string' && notDoneClause(said) !== undefined
    );
  });
  if (contradicted.length === 0) return undefined;
  const { fmt } = c.w;
  const value = ind.value.times(counted.length - contradicted.length).div(counted.length);
  const other = fmt.rateText(value);
  const marks = contradicted.map((r) => fmt.circled(all.indexOf(r) + 1)).join('');
  const column = `按“${rule.count[0]}”列`;
  // "任务④": the 三级 lines around it are numbered ①② too.
  const unless = `如任务${marks}未完成`;
  // The rules unknown, the listed reading's points are the line's own; the other's are to be worked out.
  const [score, otherScore] = [c.scoreAt(ind.id, ind.value) ?? l.score, c.scoreAt(ind.id, value)];
  const otherPoints = otherScore ? `${fmt.points(otherScore)}分` : '按评分标准另计';
  return {
    /** The contradicted tasks' marks ("④"), each's clause saying it was not done, and the rate and points if so. */
    marks,
    clauses: contradicted.map((r) => notDoneClause(r.cells['说明']!.value as string)!),
    otherValue: value,
    otherScore,
    /** "按“是否完成”列为3项、75.00%；如任务④未完成为2项、50.00%". */
    both: `${column}为${counted.length}项、${fmt.rateText(ind.value)}；${unless}为${counted.length - contradicted.length}项、${other}`,
    /** The rates alone: "按“是否完成”列为75.00%；如任务④未完成为50.00%". */
    rates: `${column}为${fmt.rateText(ind.value)}；${unless}为${other}`,
    /** The points by each, "" where the line has none: "按“是否完成”列计5.63分，如任务④未完成计3.75分". */
    scores: score
      ? `${column}计${fmt.points(score)}分，${unless}${otherScore ? '计' : ''}${otherPoints}`
      : '',
    /** The same, as a table cell has room for: "5.63分；如任务④未完成3.75分". */
    cell: score ? `${fmt.points(score)}分；${unless}${otherPoints}` : '',
  };
}

function indicatorOf(c: ReportContext, l: OwnLine): IndicatorResult | undefined {
  return l.line.indicator ? c.indicators.find((x) => x.id === l.line.indicator) : undefined;
}

/**
 * An indicator's value and its judgement in words, e.g. "公用经费控制率为105.00%，公用经费略有超支，
 * 超出预算5.00个百分点": the same words in 六, 八 and 附件1. Null when the indicator has no value.
 */
export function lineFact(c: ReportContext, l: OwnLine): Piece | null {
  const { w } = c;
  const ind = indicatorOf(c, l);
  if (!ind || ind.value === null) return null;
  const verdict = VERDICTS[ind.id];
  const full = l.score !== null && l.score.gte(l.line.points);
  const judged = verdict ? (full ? verdict.good(ind.value) : verdict.short(ind.value)) : '';
  const rate = lineRate(c, l, ind, ind.value);
  // A contested rate is not stated: its 【待核对】 stands alone, without a judgement of either figure (unless
  // the points are the same whichever figure is right: then the judgement holds either way).
  const stated = w.rateContested(ind.id);
  if (rate.text.startsWith('【') && (stated || !inDoubt(c, l, ind).firm || taskDoubt(c, l)))
    return w.say`${ind.label}为${rate}`;
  // A negative rate is said in words (下降…), which the verdict does; without one, the value says it.
  if (ind.value.isNegative() && verdict) return w.plain(judged);
  const value = w.say`${ind.label}为${rate}`;
  return judged ? w.say`${value}，${judged}` : value;
}

/** The inputs of a line an 错误 puts in doubt, and whether its points are the same whichever value is right. */
function inDoubt(c: ReportContext, l: OwnLine, ind: IndicatorResult): { names: string[]; firm: boolean } {
  const names = ind.operands.map((o) => o.name).filter((n) => c.doubted.has(n));
  return { names, firm: names.every((n) => l.line.sameEitherWay?.includes(n)) };
}

/**
 * A line's rate as the report states it: the stated figure's own 【待核对】 where the department states one that
 * differs; a 【待核对】 naming its value by each reading where the rate is computed from a figure in doubt (the
 * figure's two values; this year's figures for another year's); a 【待补】 naming what it waits for where no other
 * reading is known; else the rate.
 */
export function lineRate(c: ReportContext, l: OwnLine, ind: IndicatorResult, value: Decimal): Piece {
  const { w } = c;
  const tasks = taskDoubt(c, l);
  if (tasks) return w.plain(w.fmt.toCheck(tasks.rates));
  const year = c.thisYear(ind.id);
  const zero = year?.zero.length ? `（${year.zero.join('、')}未填列，按0计）` : '';
  const thisYear = year ? `，按${year.year}年数据计为${w.fmt.rateText(year.value)}${zero}` : '';
  const rate = w.rate(ind.id, value, thisYear);
  const names = inDoubt(c, l, ind).names;
  if (rate.text.startsWith('【') || names.length === 0) return rate;
  // One figure in doubt: the rate by each of its two values (its own 【待核对】 says whose each is).
  const other = names.length === 1 && !year ? c.otherSide(ind.id, names[0]) : undefined;
  const figure = (v: Decimal) => w.fmt.formatValue(names[0], v);
  const words = other
    ? `按${figure(other.stated)}计为${rate.text}，按${figure(other.other)}计为${w.fmt.rateText(other.value)}`
    : year
      ? `按所列数据计为${rate.text}${thisYear}`
      : '';
  // Nothing gives one other value: the rate waits for the figures, named.
  if (!words) return w.plain(w.fmt.placeholder(`按核对后的${doubtedNames(c, l)}计算`), rate.sources);
  // Said in full wherever it stands: one value alone would not say what it is checked against.
  return w.plain(w.fmt.toCheck(words), rate.sources);
}

/** The figures in doubt a line's indicator is computed from, named ("年中预算调整数", not its cell's hint). */
export function doubtedNames(c: ReportContext, l: OwnLine): string {
  const ind = indicatorOf(c, l);
  if (!ind) return '';
  return inDoubt(c, l, ind)
    .names.map((n) =>
      ind.operands
        .find((o) => o.name === n)!
        .label.replace(/^其中：/, '')
        .replace(/（[^（）]*）$/, '')
    )
    .join('、');
}

/** True when a line's score is computed from a figure in doubt that the right figure may change: 六, 八 and 附件1 wait for it. */
export function scoreInDoubt(c: ReportContext, l: OwnLine): boolean {
  const ind = indicatorOf(c, l);
  return !l.own && ind !== undefined && !inDoubt(c, l, ind).firm;
}

/**
 * The department's side of a line scored against its 二级's claim, before the rules' side: "自评满分，" where the
 * claim is in full. "" otherwise: a 二级 scored as a whole leaves the line no score of the department's to set
 * against the rules' (what the claim leaves it is our inference), and the department does not speak of itself.
 */
export function claimSide(_c: ReportContext, l: OwnLine): string {
  return l.againstClaim && l.claim?.least.gte(l.line.points) ? '自评满分，' : '';
}

/** A score in doubt for another year's figures, with the points this year's give (ReportContext.thisYear). */
export function thisYearScore(c: ReportContext, l: OwnLine) {
  const ind = indicatorOf(c, l);
  const year = scoreInDoubt(c, l) && ind ? c.thisYear(ind.id) : undefined;
  return year?.score ? { ...year, score: year.score } : undefined;
}

/** True when the measure a line is scored on (满意度: the survey's rate) is blank: its score waits for it. */
export const awaitsMeasure = (c: ReportContext, l: OwnLine) => c.evidence(l).awaits !== undefined;

/** What the 【待补】 of a score that waits on its measure asks for: the score by it, the unit's own beside it. */
export function awaitedScore(c: ReportContext, l: OwnLine): string {
  const mine = l.score === null ? '' : `（自评${c.w.fmt.points(l.score)}分）`;
  return `按${c.evidence(l).awaits ?? '评价依据'}评定的本项得分${mine}`;
}

/** How many points a line lost, as the department states its score. */
const lostPoints = (l: OwnLine) => (l.score === null ? null : l.line.points.minus(l.score));

/**
 * What a line the unit has yet to score makes together with its 二级's other such lines, where the 二级's claim fixes
 * it: "，两项合计4分" (the claim less the lines it scores). "" otherwise.
 */
export function togetherWords(c: ReportContext, l: OwnLine): string {
  const group = c.dimensions.flatMap((d) => d.children).find((g) => g.lines.includes(l));
  if (!group || group.score === null) return '';
  const unscored = group.lines.filter((x) => x.score === null);
  if (unscored.length < 2 || !unscored.includes(l)) return '';
  const rest = group.lines.reduce((left, x) => (x.score === null ? left : left.minus(x.score)), group.score);
  const most = unscored.map((x) => x.line.points).reduce((a, b) => a.plus(b));
  if (rest.isNegative() || rest.gt(most)) return '';
  const count = unscored.length === 2 ? '两' : c.w.fmt.chineseNumber(unscored.length);
  return `，${count}项合计${c.w.fmt.points(rest)}分`;
}

function scoreWords(c: ReportContext, l: OwnLine): string {
  const { w } = c;
  // 满分 is in 附件1 beside the score: the sentence says what the line earned.
  if (l.score === null)
    return `本项得分${w.fmt.placeholder(`${l.line.level3}的自评得分（0～${w.fmt.points(l.line.points)}分${togetherWords(c, l)}）`)}。`;
  const lost = lostPoints(l)!;
  // A measure the line is scored on left blank (满意度's survey rate): the score waits on the same 【待补】.
  if (awaitsMeasure(c, l)) return `本项得分${w.fmt.placeholder(awaitedScore(c, l))}。`;
  // A score computed from a figure in doubt, which the right figure may change, waits for it. Another year's
  // figures: the score waits for the department's own, with the rate and points this year's figures give.
  // Every score 六 cannot state has one shape: the unit's own to enter, what the listed figures, this year's figures
  // or the rules give beside it (its 二级's claim is in the 小结; one value would be all a 【待核对】 says).
  const ind = indicatorOf(c, l);
  const year = thisYearScore(c, l);
  if (year) {
    // The rate just before says the blank lines were left out; here, only that they count as 0.
    const zero = year.zero.length ? `（${year.zero.join('、')}按0计）` : '';
    return `本项得分${w.fmt.placeholder(
      `本项自评得分；按${year.year}年数据${ind!.label}为${w.fmt.rateText(year.value)}，计${w.fmt.points(year.score)}分${zero}`
    )}。`;
  }
  if (scoreInDoubt(c, l))
    return `本项得分${w.fmt.placeholder(`本项自评得分；按所列${doubtedNames(c, l)}计${w.fmt.points(l.score)}分`)}。`;
  // A count a contradicted task's status decides: the points by each reading beside the unit's own.
  const tasks = taskDoubt(c, l);
  if (tasks?.scores)
    return `本项得分${
      l.own && !l.againstClaim
        ? w.fmt.toCheck(`自评${w.fmt.points(l.score)}分；${tasks.scores}`)
        : w.fmt.placeholder(`本项自评得分；${tasks.scores}`)
    }。`;
  // Full marks the department's own 存在问题 speaks against: no two figures disagree, the unit scores the line
  // again or says why the problem costs nothing.
  const against = againstOwnProblem(l);
  if (against) return `本项得分${w.fmt.placeholder(`本项得分；自评满分的，说明“${against}”不扣分的理由`)}。`;
  // The rules' score where the department's claim for its 二级 says otherwise: not stated as the department's.
  // A 二级 scored as a whole: the line waits for the department's own score, the rules' beside it.
  if (l.againstClaim)
    return `本项得分${w.fmt.placeholder(`本项自评得分；按评分标准计${w.fmt.points(l.score)}分`)}。`;
  if (!lost.gt(0)) return '本项得满分。';
  // A deduction with its reason: the line's 说明 above gives it, or the rate's judgement; else the unit's own cause
  // in 八's words, else one 【待补】 in 八, where the reader looks for causes, which this refers to (lostReason).
  const reason = lostReason(c, l);
  const why = reason ? (reason.asked ? '，原因见“存在的主要问题”' : `，主要原因：${reason.text}`) : '';
  return `本项得${w.fmt.points(l.score)}分，扣${w.fmt.points(lost)}分${why}。`;
}

/**
 * Why a line without a figure lost points, where its own 说明 does not say (the 说明 stands before its score): the
 * department's cause for the problem it belongs to, else a 【待补】 naming the line and the points (`asked`: 八 and
 * 附件1 ask it, 六 refers to 八). Undefined for a line with a figure (its rate's judgement says why),
 * with its own 说明, or that lost nothing.
 */
export function lostReason(c: ReportContext, l: OwnLine): { text: string; asked: boolean } | undefined {
  const lost = lostPoints(l);
  if (l.line.indicator || l.remark || l.line.groupShare || l.againstClaim || !lost?.gt(0)) return undefined;
  const problem = c.problems.find((p) => p.lines.includes(l));
  const cause = problem?.causes[0]?.text.replace(/[。；]$/, '');
  if (cause) return { text: cause, asked: false };
  if (problem?.own) return undefined;
  return { text: c.w.fmt.placeholder(`${l.line.level3}扣${c.w.fmt.points(lost)}分的原因`), asked: true };
}

/**
 * The evidence of a line without an indicator: the department's 说明 and 履职情况, or what to give
 * (unless its group's own 说明, printed above it, speaks for it).
 */
function evidenceWords(c: ReportContext, l: OwnLine, groupSays: boolean): Piece {
  const { w } = c;
  const e = c.evidence(l);
  const parts: Piece[] = [];
  if (e.remark) parts.push(w.plain(endSentence(stripMarks(e.remark.text)), e.remark.sources));
  for (const item of e.items)
    parts.push(item.heading ? w.say`围绕“${item.heading}”，${item.text}` : item.text);
  if (parts.length === 0 && !groupSays) parts.push(w.plain(`${w.fmt.placeholder(e.ask)}。`));
  if (e.measured) parts.push(e.measured);
  return w.join(parts, '');
}

function lineParagraph(c: ReportContext, l: OwnLine, i: number, groupSays: boolean): ReportBlock[] {
  const { w } = c;
  const ind = indicatorOf(c, l);
  const parts: Piece[] = [w.plain(`${w.fmt.circled(i)}${l.line.level3}：`)];
  if (ind) {
    // The tasks a rate counts, by name, before their count.
    const named = namedTasks(c, l);
    if (named) parts.push(named);
    const ops = w.operandList(ind.operands);
    const fact = lineFact(c, l);
    const tasks = taskDoubt(c, l);
    // A count a contradicted task's status decides: the count and the rate in one 【待核对】, by each reading.
    if (tasks && ind.operands.length === 2)
      parts.push(
        w.say`${w.operandList([ind.operands[0]])}，${ind.operands[1].label}及${ind.label}${w.plain(w.fmt.toCheck(tasks.both), ops.sources)}。`
      );
    else if (fact) parts.push(w.say`${ops.text ? w.say`${ops}，` : ''}${fact}。`);
    else
      parts.push(
        w.say`${ops.text ? w.say`${ops}，` : ''}${ind.label}为${w.fmt.placeholder(w.ratioWords(ind.operands) ?? '按补填数据计算')}。`
      );
  } else parts.push(evidenceWords(c, l, groupSays));
  parts.push(w.plain(scoreWords(c, l)));
  for (const f of c.explainedFor(l.line.indicator ?? l.line.level3, ind))
    parts.push(w.plain(`偏差原因：${f.explanation!.replace(/[。；]$/, '')}。`, f.operands));
  const blocks: ReportBlock[] = [w.paragraph(w.join(parts, ''))];
  const extra = l.line.indicator ? EXTRAS[l.line.indicator] : undefined;
  if (extra) blocks.push(...extra(c));
  return blocks;
}

/** Full marks the department's own 存在问题 speaks against: the quote, else undefined. */
export const againstOwnProblem = (l: OwnLine) =>
  l.line.unverified?.reason === '与单位所述问题不符' ? l.line.unverified.quote : undefined;

/** A group's lines still open: unscored or owed a reason (待补) and scored but in question (待核对). */
function openLines(c: ReportContext, lines: OwnLine[]): { blank: OwnLine[]; asked: OwnLine[] } {
  // A line of a 二级 scored as a whole waits for its own score, but the 二级's claim is whole (ScoreLine.groupShare);
  // a score that waits on its blank measure is as open as one not given, and so is full marks the unit's own
  // 存在问题 speaks against (no figures disagree: the unit scores it again or says why).
  const blank = lines.filter(
    (l) => (l.score === null && !l.line.groupShare) || awaitsMeasure(c, l) || againstOwnProblem(l)
  );
  const asked = lines.filter(
    (l) => l.score !== null && !blank.includes(l) && (scoreInDoubt(c, l) || l.againstClaim)
  );
  return { blank, asked };
}

/** Past two, the first two and the count: each line's own paragraph in 六 says what is open. */
const lineNames = (ls: OwnLine[]) =>
  ls.length <= 2
    ? ls.map((l) => l.line.level3).join('、')
    : `${ls[0].line.level3}、${ls[1].line.level3}等${ls.length}项`;

/**
 * A claim whose only open lines wait for the unit's own score (nothing disagrees): what the 【待补】 asks for, e.g.
 * "服务对象满意度评定后的效果得分（自评28分）"; undefined otherwise.
 */
export function awaitedGroupScore(
  c: ReportContext,
  name: string,
  score: Decimal,
  lines: OwnLine[]
): string | undefined {
  const { blank, asked } = openLines(c, lines);
  if (blank.length === 0 || asked.length > 0) return undefined;
  // A group that is its one line: its own name once.
  const whose = blank.length === 1 && blank[0].line.level3 === name ? '' : name;
  return `${lineNames(blank)}评定后的${whose}得分（自评${c.w.fmt.points(score)}分）`;
}

/**
 * A group's score as the report states it (`what`: "过程得分", or "得分" in its own table row), with the remark to the
 * preparer beside it. The department states one score: its claim where nothing is open; a 【待补】 while it has no
 * score, while only lines the unit has yet to score are open, or while a line under it is in question (with the
 * claim, which the listed figures may yet give); where its lines do not add up to it, a 【待补】 naming the lines to
 * settle, the claim and what the lines give in the remark (two scores in the text would be two answers).
 */
export function statedScore(
  c: ReportContext,
  g: Pick<ScoreGroupView, 'name' | 'score' | 'linesDisagree'>,
  lines: OwnLine[],
  what = `${g.name}得分`
): { text: string; remark?: string } {
  const { w } = c;
  if (g.score === null) return { text: w.fmt.placeholder(`${what}（各项自评得分补齐后合计）`) };
  const { blank, asked } = openLines(c, lines);
  if (g.linesDisagree) {
    // The lines the listed figures or the rules score below the claim; else those the unit has yet to score.
    const settle = asked.length ? asked : blank;
    const hint = settle.length ? `核对${lineNames(settle)}得分后的${what}` : `各项得分核对后合计的${what}`;
    return {
      text: w.fmt.placeholder(hint),
      remark: claimRemark(c, g.name, g.score, g.linesDisagree, settle),
    };
  }
  const awaited = awaitedGroupScore(c, what === '得分' ? '' : g.name, g.score, lines);
  if (awaited) return { text: w.fmt.placeholder(awaited) };
  if (blank.length + asked.length === 0) return { text: `${w.fmt.points(g.score)}分` };
  const filled = blank.length ? `补填${lineNames(blank)}、` : '';
  const checked = asked.length ? `核对${lineNames(asked)}得分` : '';
  const settled = `${filled}${checked}`.replace(/、$/, '');
  return { text: w.fmt.placeholder(`${settled}后的${what}（自评${w.fmt.points(g.score)}分）`) };
}

/**
 * To the preparer, where a claim is not what its lines add up to: both scores, and what each line in question gives
 * by the listed figures or the rules: "得分待定：过程自评30分，按所列数据计25.5分（预算完成率1.5分、…）；…".
 */
export function claimRemark(
  c: ReportContext,
  name: string,
  score: Decimal,
  d: NonNullable<ScoreGroupView['linesDisagree']>,
  settle: OwnLine[]
): string {
  const { w } = c;
  const given = settle.filter((l) => l.score !== null);
  const each = given.map((l) => `${l.line.level3}${w.fmt.points(l.score!)}分`).join('、');
  const listed = `按所列数据计${d.atMost ? '至多' : ''}${w.fmt.points(d.sum)}分`;
  // Where points wait, the limit the 审核意见 sets (不超过) comes first, with what the listed figures give.
  const gives = d.ceiling
    ? `按评分规则至多${w.fmt.points(d.ceiling)}分（${listed}${each ? `：${each}` : ''}）`
    : `${listed}${each ? `（${each}）` : ''}`;
  return w.fmt.scoreRemark(
    `${name}自评${w.fmt.points(score)}分，${gives}；请核对这些指标的数据和得分，改正自评得分后重新生成报告。`
  );
}

/** A group's score as the report states it (statedScore's text). */
export function stateScore(c: ReportContext, g: ScoreGroupView, lines: OwnLine[]): string {
  return statedScore(c, g, lines).text;
}

/** "满分6分，得分5分", the score a 【待补】 while it is open (statedScore), with the remark beside it. */
export function groupScore(
  c: ReportContext,
  g: ScoreGroupView,
  lines: OwnLine[]
): { text: string; remark?: string } {
  const { w } = c;
  const p = g.points === null ? w.fmt.placeholder(`${g.name}的分值`) : `${w.fmt.points(g.points)}分`;
  const stated = statedScore(c, g, lines);
  return { ...stated, text: `满分${p}，得分${stated.text}` };
}

/** A paragraph with a remark to the preparer added (a heading carries none: its first paragraph does). */
function withRemark(b: SectionContent, remark: string | undefined): SectionContent {
  return remark && b.kind === 'paragraph' ? { ...b, remarks: [...(b.remarks ?? []), remark] } : b;
}

/**
 * A dimension's own 说明 after its score in the 小结, as a sentence: where the dimension lost points and the 说明
 * lists what fell short ("《…》尚未最终定稿；…未能通过"), it is the reason, said as one ("未得满分的主要原因是…，…").
 */
function summaryRemark(d: Dimension, own: string): string {
  const text = stripMarks(own).trim();
  const short = d.score !== null && d.points !== null && d.score.lt(d.points);
  if (!short || /^(主要|原因|由于|因)/.test(text)) return endSentence(text);
  return endSentence(`未得满分的主要原因是${text.replace(/[。；]$/, '').replace(/[；]/g, '，')}`);
}

function dimensionSection(c: ReportContext, d: Dimension): SectionContent {
  const { w } = c;
  const content: SectionContent[] = [];
  const lines = d.children.flatMap((x) => x.lines);
  // The 三级 are named one by one below: the opening counts them.
  content.push(
    w.paragraph(
      w.plain(
        `${d.children.length > 1 ? '分别' : ''}设置${d.children.map((x) => `“${x.name}”`).join('、')}${d.children.length}个二级指标、${lines.length}个三级指标进行评价。`
      )
    )
  );
  for (const ch of d.children) {
    const body: SectionContent[] = [];
    // A 二级's own 说明 opens the group, in the department's words (a 二级 that is its one line says it there).
    const single = ch.lines.length === 1 && ch.lines[0].line.level3 === ch.name;
    const said = c.remarkFor(`${d.name}/${ch.name}`, ch.name);
    // A 说明 written item by item ("①…；②…") speaks for each line where the line is discussed.
    const groupRemark =
      single || ch.lines.every((l) => l.remark && said?.includes(l.remark)) ? undefined : said;
    if (groupRemark)
      body.push(w.paragraph(w.plain(endSentence(stripMarks(groupRemark)), [w.operand('自评得分表')])));
    ch.lines.forEach((l, i) => body.push(...lineParagraph(c, l, i + 1, groupRemark !== undefined)));
    const score = groupScore(c, ch, ch.lines);
    content.push({
      kind: 'section',
      id: ch.name,
      heading: `${ch.name}（${score.text}）`,
      content: body.map((b, i) => (i === 0 ? withRemark(b, score.remark) : b)),
    });
  }
  const own = c.remarkFor(d.name, `${d.name}情况`);
  const score = groupScore(c, d, lines);
  content.push(
    withRemark(
      w.paragraph(
        w.plain(
          `小结：“${d.name}情况”维度，${score.text.replace('得分', '实际得分')}。${own ? summaryRemark(d, own) : ''}`,
          own ? [w.operand('自评得分表')] : []
        )
      ),
      score.remark
    )
  );
  return { kind: 'section', id: d.name, heading: `${d.name}情况`, content };
}

export function analysis(c: ReportContext): SectionContent[] {
  const { w } = c;
  if (!c.own) {
    const out: SectionContent[] = [
      w.paragraph(
        w.plain(
          `本次评价尚未取得评分结果：${w.fmt.placeholder('评分规则及评分结果')}。主要指标计算情况如下：`
        )
      ),
    ];
    c.indicators.forEach((ind, i) => {
      const value =
        ind.value !== null
          ? w.say`${ind.label}为${w.rate(ind.id, ind.value)}`
          : w.plain(`${ind.label}为${w.fmt.placeholder(`按补填数据计算的${ind.label}`)}`);
      out.push(
        w.paragraph(w.say`${w.fmt.circled(i + 1)}${ind.label}：${w.operandList(ind.operands)}，${value}。`)
      );
    });
    return out;
  }
  return [
    w.paragraph(
      w.say`本次评价采用三级细化指标评分，从${w.year()}年度部门整体支出的${c.dimensions.map((d) => d.name).join('、')}等维度出发，通过定性与定量相结合的方式，综合考察部门整体支出资金使用效益及部门职能职责履行情况，得出绩效评价综合结论。`
    ),
    ...c.dimensions.map((d) => dimensionSection(c, d)),
  ];
}
