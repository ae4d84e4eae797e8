/**
 * The evidence the report's later sections rest on, derived once per draft: the score sheet as
 * 一级 → 二级 → lines, and 八's problems — each from deductions or findings only, merged with
 * the department's own item on the same matter, answered item by item in 九.
 */
import type Decimal from 'decimal.js';
import type {
  DepartmentItem,
  Dimension,
  MeasureDecl,
  Piece,
  Problem,
  ReportContext,
  ScoreLine,
} from './reportContract';
import { allFindings } from './findingTree';
import type { Finding, IndicatorResult, ScoreSheet } from './results';

/** 一级 → 二级 → lines, in the score sheet's order; group totals from the sheet's groups. */
export function dimensions(s: ScoreSheet): Dimension[] {
  const dims: Dimension[] = [];
  for (const line of s.lines) {
    let d = dims.find((x) => x.name === line.level1);
    if (!d) {
      const g = s.groups.find((x) => x.level === 1 && x.name === line.level1);
      d = { name: line.level1, points: g?.points ?? null, score: g?.score ?? null, children: [] };
      dims.push(d);
    }
    let c = d.children.find((x) => x.name === line.level2);
    if (!c) {
      const g = s.groups.find(
        (x) => x.level === 2 && x.name === line.level2 && (x.parent === undefined || x.parent === line.level1)
      );
      c = { name: line.level2, points: g?.points ?? null, score: g?.score ?? null, lines: [] };
      d.children.push(c);
    }
    c.lines.push(line);
  }
  return dims;
}

/** Explained findings that concern an indicator: same id in the rule, or an operand in common. */
export function explainedFor(findings: Finding[], key: string, ind: IndicatorResult | undefined): Finding[] {
  const names = new Set((ind?.operands ?? []).map((o) => o.name));
  return allFindings(findings).filter(
    (f) =>
      f.explanation &&
      (f.id.includes(key) || f.rule.includes(key) || f.operands.some((o) => names.has(o.name)))
  );
}

/** Top-level findings that still stand (unexplained); score claims against the rules are for the 审核意见, not the report. */
export function openFindings(findings: Finding[]): Finding[] {
  return findings.filter((f) => !f.explanation && f.family !== '评分');
}

export function measureFor(
  measures: MeasureDecl[],
  fallback: MeasureDecl,
  ...keys: Array<string | undefined>
): MeasureDecl {
  for (const k of keys) {
    if (!k) continue;
    const m = measures.find((x) => x.covers.includes(k));
    if (m) return m;
  }
  return fallback;
}

/** The measure a finding speaks to: by the indicators and score lines it affects, else data quality. */
function measureForFinding(f: Finding, measures: MeasureDecl[]): MeasureDecl | undefined {
  for (const a of f.affects ?? []) {
    const m = measures.find((x) => x.covers.includes(a));
    if (m) return m;
  }
  return measures.find((m) => m.id === '数据核对');
}

/** How many points a line lost. */
export function lost(line: ScoreLine): Decimal {
  return line.points.minus(line.score);
}

function matches(item: DepartmentItem, m: MeasureDecl): number {
  const text = `${item.heading}${item.paragraphs.map((p) => p.text).join('')}`;
  return m.keywords.filter((k) => text.includes(k)).length;
}

/**
 * A check's title says what should hold ("A = B", "A与B一致", "A不超过B"); a problem says what
 * does not: "A与B不一致", "A超过B".
 */
export function problemPhrase(title: string): string {
  const eq = /^(.+?)\s*=\s*(.+)$/.exec(title);
  if (eq) return `${eq[1]}与${eq[2]}不一致`;
  if (/不超过/.test(title)) return title.replace('不超过', '超过');
  if (/(?<!不)一致(（[^）]*）)?$/.test(title)) return title.replace(/一致((（[^）]*）)?)$/, '不一致$1');
  return title;
}

/** The evidence of one problem in words: which lines lost how many points, and which findings stand. */
function evidenceText(ctx: Pick<ReportContext, 'w'>, lines: ScoreLine[], findings: Finding[]): Piece {
  const { w } = ctx;
  const parts: Piece[] = [];
  if (lines.length) {
    const each = lines.map((l) => `${l.level3}扣${w.fmt.points(lost(l))}分`);
    parts.push(w.plain(`评分中${each.join('，')}`));
  }
  if (findings.length) {
    const titles = [...new Set(findings.map((f) => w.fmt.words(problemPhrase(f.title))))];
    const shown = titles.slice(0, 3);
    parts.push(
      w.plain(
        `数据核对发现${findings.length}项不符，主要是${shown.map((t) => `“${t}”`).join('、')}${titles.length > shown.length ? '等' : ''}`,
        findings.flatMap((f) => f.operands)
      )
    );
  }
  return w.join(parts, '；');
}

/**
 * 八's problems: deductions grouped by the measure that covers them, then findings that still
 * stand; the department's own items join the problem they speak of (by the measure's keywords).
 * A department item matching no evidence is not a problem of the report (the 审核意见 lists it).
 */
export function deriveProblems(
  ctx: Omit<ReportContext, 'problems'>,
  measures: MeasureDecl[],
  fallback: MeasureDecl
): Problem[] {
  const byMeasure = new Map<MeasureDecl, { lines: ScoreLine[]; findings: Finding[] }>();
  const slot = (m: MeasureDecl) => {
    let s = byMeasure.get(m);
    if (!s) byMeasure.set(m, (s = { lines: [], findings: [] }));
    return s;
  };
  for (const line of ctx.scores?.lines ?? []) {
    if (line.missing || !line.score.lessThan(line.points)) continue;
    slot(measureFor(measures, fallback, line.indicator, line.level3, line.level2, line.level1)).lines.push(
      line
    );
  }
  // Figures the checks contradict are a data problem whatever their consequence (错误 or 提示); a blank or a notice is not.
  // An overspend against the budget (family 预算) is a fact the deduction already states, not a data problem.
  const contradicted = ctx.openFindings.filter(
    (f) => ['mismatch', 'exceeds', 'unitSlip', 'signReversed'].includes(f.kind) && f.family !== '预算'
  );
  for (const f of [
    ...contradicted.filter((x) => x.severity === '错误'),
    ...contradicted.filter((x) => x.severity !== '错误'),
  ]) {
    const m = measureForFinding(f, measures);
    if (m) slot(m).findings.push(f);
  }
  // A measure with no deduction gets no problem of its own: its contradicted figures are a data problem
  // (a wrong staff count does not mean staff exceeded the quota).
  const data = measures.find((m) => m.id === '数据核对');
  for (const [m, ev] of [...byMeasure]) {
    if (ev.lines.length > 0 || !data || m === data) continue;
    slot(data).findings.push(...ev.findings);
    byMeasure.delete(m);
  }
  const problems: Problem[] = [...byMeasure].map(([measure, ev]) => ({
    measure,
    lines: ev.lines,
    findings: ev.findings,
    evidence: evidenceText(ctx, ev.lines, ev.findings),
  }));
  const attach = (items: DepartmentItem[], key: 'own' | 'ownMeasure') => {
    for (const item of items) {
      let best: Problem | undefined;
      let score = 0;
      for (const p of problems) {
        if (p[key]) continue;
        const s = matches(item, p.measure);
        if (s > score) [best, score] = [p, s];
      }
      if (best) best[key] = item;
    }
  };
  attach(ctx.w.departmentItems('存在问题'), 'own');
  // Measures answer problems: a department measure joins the problem its own problem item matched first, else by keywords.
  attach(ctx.w.departmentItems('改进措施'), 'ownMeasure');
  return problems;
}

/** The department's problem items that match no evidence (for the 审核意见). */
export function unmatchedOwnProblems(ctx: ReportContext): DepartmentItem[] {
  const used = new Set(ctx.problems.map((p) => p.own?.heading).filter(Boolean));
  return ctx.w.departmentItems('存在问题').filter((i) => !used.has(i.heading));
}
