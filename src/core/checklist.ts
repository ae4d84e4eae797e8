/**
 * 报送前核对清单: what the preparer must do before the report goes out, kept out of the report's
 * text — every 【待补】 and 【待核对】 of the report with the section it stands in, the figures the
 * report states as two sources agree where a table's own cell says otherwise, the slips in the
 * department's own words it quotes (src/core/textSlips.ts), and the workbook's findings with the cell to correct. `--checklist` writes it; without it the remarks are Word
 * comments in the report itself.
 */
import Decimal from 'decimal.js';
import type { Model } from './model';
import { followOn } from './causes';
import { documentDigits, formatQuantity, operandQuantity } from './render/quantity';
import {
  checkFirstOf,
  memoCauses,
  memoCeiling,
  memoGroupCeilings,
  previousYearFigures,
  previousYearHeading,
} from './review';
import {
  assemble,
  draftRemarks,
  reportContext,
  type DraftInput,
  type ReportDraft,
  type ReportSection,
} from './narrative';
import { correctionText, nextStepText, reviewParts } from './render/finding';
import { allFindings } from './findingTree';
import { documentLabel } from './reconcile';
import type { Finding, Operand } from './results';
import { tightenSpaces } from './typography';
import type { ReportBlock, SectionContent, SectionDecl, TableBlock } from './reportContract';
import { chineseNumber, PLACEHOLDER, SCORE_REMARK } from './reportWords';
import { slipRemarks } from './textSlips';

/**
 * A heading without its closing bracket ("预算管理（满分13分，得分【待补：…（自评13分）】）" → "预算管理"), however
 * deep the brackets inside it nest.
 */
function withoutTrailingBracket(heading: string): string {
  if (!heading.endsWith('）')) return heading;
  let depth = 0;
  for (let i = heading.length - 1; i >= 0; i--) {
    if (heading[i] === '）') depth++;
    else if (heading[i] === '（' && --depth === 0) return heading.slice(0, i);
  }
  return heading;
}

/** Each section with where it stands, in the checklist's words: 开头, "六（二）1.预算执行", 落款. */
function places(report: ReportDraft): Array<{ section: ReportSection; where: string }> {
  // Where a section stands: the numbers down to it, and its name ("六（二）1.预算执行").
  const path: string[] = [];
  return report.sections.map((s) => {
    if (s.level > 0) path.splice(s.level - 1, path.length, s.number.trim());
    // A heading that is itself a placeholder (an improvement the unit has yet to name) stands by its number.
    const name = withoutTrailingBracket(s.heading).replace(new RegExp(PLACEHOLDER.source, 'g'), '');
    const where =
      s.level === 0
        ? path.length
          ? '落款'
          : '开头'
        : `${path.join('').replace(/、(?=（|\d)/, '')}${name}`.replace(/、$/, '');
    return { section: s, where };
  });
}

/** A table's place: its section and its caption. */
function tablePlace(where: string, b: TableBlock): string {
  return `${where}“${b.caption}”${/表$/.test(b.caption) ? '' : '表'}`;
}

/** Every text the report prints with where it stands: the cover, headings, sentences, tables with their notes, 附件1. */
function printed(report: ReportDraft): Array<{ text: string; where: string }> {
  const out: Array<{ text: string; where: string }> = [];
  const table = (b: TableBlock, where: string) =>
    out.push(
      { text: [b.caption, ...b.header, ...b.rows.flat()].join('\n'), where },
      ...(b.notes ?? []).map((text) => ({ text, where: `${where}注` }))
    );
  for (const line of report.cover ?? []) out.push({ text: line, where: '封面' });
  for (const { section, where } of places(report)) {
    out.push({ text: section.heading, where });
    for (const b of section.blocks)
      if (b.kind === 'paragraph') out.push({ text: b.text, where });
      else table(b, tablePlace(where, b));
  }
  if (report.appendix) {
    const { label, title, table: t } = report.appendix;
    out.push({ text: [title, t.caption, ...t.header].join('\n'), where: label });
    // 附件1's rows are read one by one: each by its name (the last of the cells before its first figure or blank).
    for (const row of t.rows) {
      const cut = row.findIndex((x) => /^[\d.]+$|【/.test(x));
      const name = row
        .slice(0, cut < 0 ? row.length : cut)
        .filter(Boolean)
        .at(-1);
      out.push({ text: row.join('\n'), where: name ? `${label}“${name}”行` : label });
    }
    out.push(...(t.notes ?? []).map((text) => ({ text, where: `${label}注` })));
  }
  return out;
}

/**
 * Each placeholder of a kind in the report, once, with the places it stands in: whatever the Word document
 * highlights (PLACEHOLDER), wherever it is printed. A table cell's bare 【待核对①】 is its note's, listed with the note.
 */
function placeholders(
  report: ReportDraft,
  kind: '待补' | '待核对'
): Array<{ text: string; where: string[] }> {
  const found = new Map<string, string[]>();
  const all = new RegExp(PLACEHOLDER.source, 'g');
  for (const { text, where } of printed(report))
    for (const [m] of text.matchAll(all)) {
      if (!m.startsWith(`【${kind}`) || /^【待核对[①-⑳]+】$/.test(m)) continue;
      const at = found.get(m) ?? [];
      if (!at.includes(where)) at.push(where);
      found.set(m, at);
    }
  // Rows of one table side by side: 附件1“甲”“乙”行.
  const rows = (where: string[]) =>
    where.reduce<string[]>((acc, w) => {
      const prev = acc.at(-1);
      const [, table, name] = /^(.+?)(“[^”]+”)行$/.exec(w) ?? [];
      const [, prevTable] = (prev && /^(.+?)(?:“[^”]+”)+行$/.exec(prev)) || [];
      if (table && prevTable === table) acc[acc.length - 1] = `${prev!.slice(0, -1)}${name}行`;
      else acc.push(w);
      return acc;
    }, []);
  return [...found].map(([text, where]) => ({ text, where: rows(where) }));
}

/** Each slip remark on the department's quoted words, once, with the places that quote it. */
function slips(report: ReportDraft, model: Model): Array<{ text: string; where: string[] }> {
  const remarks = slipRemarks(report, model);
  const found = new Map<string, string[]>();
  const note = (b: ReportBlock, where: string) => {
    for (const r of remarks.get(b) ?? []) {
      const at = found.get(r) ?? [];
      if (!at.includes(where)) at.push(where);
      found.set(r, at);
    }
  };
  for (const { section, where } of places(report))
    for (const b of section.blocks) note(b, b.kind === 'paragraph' ? where : tablePlace(where, b));
  if (report.appendix) note(report.appendix.table, report.appendix.label);
  return [...found].map(([text, where]) => ({ text, where }));
}

/** How the report's remark on the total begins (src/catalogue/report/sections/closing.ts): 三 states its limit. */
const TOTAL_REMARK = `${SCORE_REMARK}自评总分`;

/** A group's limit as the 审核意见 states it: 至多…分, and the alternative where a blank 其中 line lowers it. */
type Ceilings = ReturnType<typeof memoGroupCeilings>;
function limitText(
  c: ReturnType<typeof reportContext>,
  x: { low: Decimal; most: Decimal; blanks: string }
): string {
  const p = (d: Decimal) => c.w.fmt.points(d);
  return `至多${p(x.low)}分${x.blanks ? `（列报${x.blanks}的，至多${p(x.most)}分）` : ''}`;
}

/**
 * 三's item on the total where points wait and the claim is above what they can reach: the limit the 审核意见's page 1
 * gives (核实后至多, memoCeiling), not the sum of figures the memo calls wrong; each 一级 in question by the memo's own
 * limit for it where it has one, so the figures add up to the total's. Null where the report's own remark stands.
 */
function totalItem(
  c: ReturnType<typeof reportContext>,
  input: DraftInput,
  ceilings: Ceilings
): string | null {
  const own = c.own;
  const most = memoCeiling(input);
  if (!own?.linesDisagree || own.total === null || !most || !most.value.lt(own.total)) return null;
  const p = (x: Decimal) => c.w.fmt.points(x);
  const each = own.groups
    .filter((g) => g.level === 1 && g.linesDisagree && g.score !== null)
    .map((g) => {
      const d = g.linesDisagree!;
      const memo = ceilings({ level: 1, name: g.name });
      const gives =
        d.ceiling && memo
          ? limitText(c, memo)
          : d.ceiling
            ? `至多${p(d.ceiling)}分`
            : `按所列数据计${d.atMost ? '至多' : ''}${p(d.sum)}分`;
      return `${g.name}自评${p(g.score!)}分、${gives}`;
    });
  const whole = ceilings({ name: '总分' });
  const alt = whole?.blanks ? `列报${whole.blanks}的，至多${p(whole.most)}分` : '';
  const grade = (x: string | null) => (x ? `（“${x}”）` : '');
  const mostGrade = [most.grade ? `“${most.grade}”` : '', alt].filter(Boolean).join('；');
  return `自评总分${p(own.total)}分${grade(own.grade)}，按评分规则至多${p(most.value)}分${mostGrade ? `（${mostGrade}）` : ''}${each.length ? `，其中${each.join('，')}` : ''}；请按附件1核对各项得分，改正自评得分后重新生成报告。`;
}

/**
 * 三's items on the groups, from the report's remarks: each limit as the 审核意见 states it (the report's remark gives
 * the ceiling with the blank 其中 lines filled); a 二级 that is its 一级's only one, with the same claim and the same
 * figures, stated once with the 一级.
 */
function groupItems(c: ReturnType<typeof reportContext>, remarks: string[], ceilings: Ceilings): string[] {
  const groups = c.own?.groups ?? [];
  const named = (text: string) => groups.find((g) => text.startsWith(`${g.name}自评`));
  const same = (a: (typeof groups)[number], b: (typeof groups)[number]) =>
    !!a.score &&
    !!b.score &&
    a.score.eq(b.score) &&
    !!a.linesDisagree &&
    !!b.linesDisagree &&
    a.linesDisagree.sum.eq(b.linesDisagree.sum) &&
    String(a.linesDisagree.ceiling) === String(b.linesDisagree.ceiling);
  const onlyChild = (g: (typeof groups)[number]) => {
    const children = groups.filter((x) => x.level === 2 && x.parent === g.name);
    return children.length === 1 && same(g, children[0]) ? children[0] : undefined;
  };
  const folded = new Set(groups.filter((g) => g.level === 1).flatMap((g) => onlyChild(g) ?? []));
  return remarks.flatMap((text) => {
    const g = named(text);
    if (!g) return [text];
    if (folded.has(g) && remarks.some((r) => named(r)?.name === g.parent)) return [];
    const memo = ceilings({ level: g.level, name: g.name });
    const child = g.level === 1 ? onlyChild(g) : undefined;
    // The memo's alternative opens the brackets of what the listed figures give, where they follow.
    const limited = memo
      ? text
          .replace(/按评分规则至多[\d.]+分/, `按评分规则${limitText(c, memo)}`)
          .replace(/的，至多([\d.]+)分）（/, '的，至多$1分；')
      : text;
    return [
      child
        ? limited.replace(`${g.name}自评`, `${g.name}（其下仅${child.name}一项，得分相同）自评`)
        : limited,
    ];
  });
}

/** The report's blocks that carry a remark, with their printed text (a table's cells and notes). */
function blocksWithRemark(report: ReportDraft, remark: string): string[] {
  const blocks = [
    ...report.sections.flatMap((s) => s.blocks),
    ...(report.appendix ? [report.appendix.table] : []),
  ];
  return blocks
    .filter((b) => b.remarks?.includes(remark))
    .map((b) => (b.kind === 'paragraph' ? b.text : [...b.rows.flat(), ...(b.notes ?? [])].join('\n')));
}

/**
 * What the report shows where a figure to correct stands: a 【待核对】 naming the figure the table states, or the
 * figure two sources agree on.
 */
function shownAs(report: ReportDraft, remark: string, stated: string): string {
  const marks = blocksWithRemark(report, remark).flatMap(
    (t) => t.match(new RegExp(PLACEHOLDER.source, 'g')) ?? []
  );
  return marks.some((m) => m.startsWith('【待核对') && m.includes(stated))
    ? '报告该处列【待核对】，改正后按改正的数表述'
    : '报告已按改正后的数表述';
}

/** The checklist for one report: its placeholders, the figures to correct, and the workbook's findings. */
export function draftChecklist(input: DraftInput, report: ReportDraft): ReportDraft {
  const c = reportContext(input);
  const { w } = c;
  const numbered = (items: string[], none: string): SectionContent[] =>
    items.length
      ? items.map((t, i) => w.paragraph(w.plain(`${i + 1}.${t.replace(/[。；]?$/, '。')}`)))
      : [w.paragraph(w.plain(none))];
  const slipList = slips(report, c.model);
  const slipped = new Set(slipList.map((p) => p.text));
  const scoreRemarks = draftRemarks(report).filter((r) => r.startsWith(SCORE_REMARK));
  const ceilings = memoGroupCeilings(input);
  const total = totalItem(c, input, ceilings);
  const open = c.findings.filter((f) => !f.explanation || f.severity === '错误');
  const part = (id: string) =>
    chineseNumber(sections.filter((s) => s.level === 1).findIndex((s) => s.id === id) + 1);
  const scoreItems = groupItems(
    c,
    scoreRemarks.map((r) =>
      r.startsWith(TOTAL_REMARK) ? (total ?? r.slice(SCORE_REMARK.length)) : r.slice(SCORE_REMARK.length)
    ),
    ceilings
  );
  // The figure to check first is the 审核意见's (二's 应先核对), for the pair it heads and each finding related to it.
  const first = checkFirstOf(c.findings);
  const firstFor = (f: Finding) =>
    allFindings([f])
      .map((x) => first.get(x))
      .find(Boolean);
  // A figure the data show how to correct is corrected in 六, once; 四 says what the report shows there and refers.
  const correctedAt = (remark: string) =>
    open.findIndex((f) => f.correction && remark.startsWith(`${documentLabel(f.correction.operand)}填列`));
  // As the 审核意见's 二 (memoCauses): one value two figures should both read (两处均应为) stated with the pair, the
  // identities it mends and those of the same gap referring to it, with the figure each of those changes.
  const related = new Map<Finding, string>();
  const yearOf = new Map<Finding, string>();
  // Where 六 changes a figure: the item that states it, by the figure's name.
  const changedAt = new Map<string, number>();
  open.forEach((f, i) => f.correction && changedAt.set(f.correction.operand.name, i + 1));
  for (const cause of memoCauses(c.findings)) {
    const v = cause.value;
    const n = open.indexOf(cause.findings[0]) + 1;
    const cell = (o: Operand) => `${documentLabel(o)}${o.address ? `（${o.address}）` : ''}`;
    if (cause.shares === 'oneValue' && v) {
      const to = formatQuantity({ value: v.to, kind: v.kind });
      related.set(cause.findings[0], `两处均应为 ${to}：应将${v.cells.map(cell).join('、')}均改为 ${to}`);
      if (n) for (const o of v.cells) changedAt.set(o.name, n);
      if (n) for (const f of allFindings(cause.findings).slice(1)) related.set(f, `第${n}项改正后本项即相符`);
    }
    // Figures of another year (二's 误填…年数据): the head says so for all, instead of a cell of its own to check first.
    if (cause.shares === 'previousYear' && n) {
      const heading = previousYearHeading(cause);
      const members = [...cause.findings.slice(1), ...(cause.previousYear?.notices ?? [])]
        .map((f) => open.indexOf(f) + 1)
        .filter((i) => i > 0);
      related.set(
        cause.findings[0],
        `${heading}${members.length ? `（第${members.join('、')}项同一原因）` : ''}：${cause.findings[0].nextStep}`
      );
      for (const f of [...cause.findings.slice(1), ...(cause.previousYear?.notices ?? [])])
        yearOf.set(f, `${heading}之一（见第${n}项）`);
    }
    if (n)
      for (const f of cause.sameGap) {
        const next = v ? followOn(cause, f) : null;
        const was = next && operandQuantity(next.cell);
        if (next && open.includes(f)) changedAt.set(next.cell.name, open.indexOf(f) + 1);
        related.set(
          f,
          next
            ? `第${n}项改正后，应将${cell(next.cell)}${was ? `由 ${formatQuantity({ ...was, kind: v!.kind })}` : ''}相应改为 ${formatQuantity({ value: next.to, kind: v!.kind })}`
            : `与第${n}项差额相同，按第${n}项核对时一并改正`
        );
      }
  }
  // A finding of another year's figures with no correction of its own: each of its figures as 二's table corrects it
  // (the basis another table's figure 六 changes first, by that item), instead of a check to make.
  const yearFigures = previousYearFigures(input);
  const asThisYear = (f: Finding): string | null => {
    // A rate is worked out again from the figures, not corrected itself.
    if (f.correction || f.family === '比率') return null;
    const n = open.indexOf(f) + 1;
    const fixes = yearFigures
      .filter((y) => f.operands.some((o) => o.name === y.operand.name) && !changedAt.has(y.operand.name))
      .map((y) => {
        const was = operandQuantity(y.operand);
        const at = y.from && changedAt.get(y.from.name);
        if (n) changedAt.set(y.operand.name, n);
        const basis = y.basis.replace(
          /（按第二部分（[一二三四五六七八九十]+）改正后）$/,
          at ? `（按第${at}项改正后）` : ''
        );
        return `${documentLabel(y.operand)}${y.operand.address ? `（${y.operand.address}）` : ''}${was ? `由 ${formatQuantity(was)}` : ''}改为 ${/^[\d.]+$/.test(y.to) ? formatQuantity({ value: new Decimal(y.to), kind: was?.kind ?? 'amount' }) : y.to}，即${basis}`;
      });
    return fixes.length ? `应将${fixes.join('；')}` : null;
  };
  // What the report states as fact: its printed text without the placeholders, figures as written.
  const statedAsFact = printed(report)
    .map((p) => p.text.replace(new RegExp(PLACEHOLDER.source, 'g'), ''))
    .join('\n')
    .replace(/ /g, '');
  const workbookItem = (f: Finding): string => {
    // Figures of more than one kind (a year beside amounts): each cell with what it holds, the years as 年度.
    const kinds = new Set(f.operands.filter((o) => o.address).map((o) => o.kind));
    const held = (o: Operand) => {
      const q = operandQuantity(o);
      return o.kind === 'year' ? '年度' : q ? formatQuantity(q).replace(/\s*万元$/, '') : documentLabel(o);
    };
    const byFigure = new Map<string, string[]>();
    for (const o of f.operands)
      if (o.address) byFigure.set(held(o), [...new Set([...(byFigure.get(held(o)) ?? []), o.address])]);
    const cells =
      kinds.size > 1
        ? [...byFigure].map(([what, at]) => `${what}：${at.join('、')}`)
        : [...new Set(f.operands.flatMap((o) => (o.address ? [o.address] : [])))];
    const claim = /^“(.+?)”自评/.exec(f.title)?.[1];
    // A claim's limit as 三 and the 审核意见 state it, with the alternative where a blank 其中 line lowers it.
    const level = /^score\.(一级|二级)\./.exec(f.id)?.[1];
    const memo = claim
      ? ceilings({ level: level === '一级' ? 1 : level === '二级' ? 2 : undefined, name: claim })
      : null;
    const stated = tightenSpaces(reviewParts(f).problem);
    const limited = memo?.blanks
      ? stated.replace(/按评分规则最多\s*[\d.]+\s*分/, `按评分规则${limitText(c, memo)}`)
      : stated;
    // A 提示 another year's figures explain is part of that 错误: it is corrected with it, not explained.
    const severity = yearOf.has(f) && f.severity === '提示' ? '错误' : f.severity;
    // A rate the report does not state as fact (only in a 【待核对】, or not at all) is the workbook's: 工作簿列.
    const listed = /报告列\s*([\d.]+%)/.exec(limited)?.[1];
    const worded =
      listed && !statedAsFact.includes(listed)
        ? limited.replace(/报告列(\s*)([\d.]+%)/, '工作簿列$1$2')
        : limited;
    const problem = `【${severity}】${worded}${cells.length ? `（${cells.join(kinds.size > 1 ? '；' : '、')}）` : ''}`;
    const scoreAt = claim
      ? scoreItems.findIndex((t) => t.startsWith(`${claim}自评`) || t.startsWith(`${claim}（`))
      : -1;
    const lead = firstFor(f);
    const same = allFindings([f])
      .map((x) => related.get(x))
      .find(Boolean);
    const act =
      (yearOf.has(f) ? asThisYear(f) : null) ??
      same ??
      (lead
        ? lead.pair === f || !open.includes(lead.pair)
          ? lead.text
          : `与第${open.indexOf(lead.pair) + 1}项同一原因，先按第${open.indexOf(lead.pair) + 1}项核对改正`
        : scoreAt >= 0
          ? `改正见第${part('待定得分')}部分第${scoreAt + 1}项`
          : f.correction
            ? correctionText(f)
            : nextStepText(f));
    // A document's digits and spacing, as the 审核意见 writes its figures.
    const year = yearOf.get(f);
    return tightenSpaces(
      documentDigits(`${problem}。${year ? `${year}。` : ''}${act.replace(/^[，。]/, '')}`)
    ).replace(/。。/g, '。');
  };
  let workbookTexts: string[] | null = null;
  const workbookItems = () => (workbookTexts ??= open.map(workbookItem));
  // A figure the report leaves to settle is settled where 六 states it: the first item naming the figure.
  const settledBy = (placeholder: string): string => {
    // The item sharing most of its figures, the first figure (the one the report states) among them.
    const figures = [...placeholder.matchAll(/([\d.]*[1-9][\d.]*)\s*(万元|人|%)/g)].map(
      ([, x, unit]) =>
        new RegExp(`(?<![\\d.])${x.replace(/\./g, '\\.')}(?![\\d]|\\.\\d)${unit === '人' ? '人' : ''}`)
    );
    if (!figures.length) return '';
    const texts = workbookItems().map((t) => t.replace(/\s/g, ''));
    const shared = texts.map((t) => (figures[0].test(t) ? figures.filter((x) => x.test(t)).length : 0));
    const most = Math.max(...shared);
    // Only an item the figures single out: two alike could be either.
    const single = shared.filter((x) => x === most).length === 1;
    return most && single
      ? `；改正第${part('工作簿问题')}部分第${shared.indexOf(most) + 1}项后重新生成即消除`
      : '';
  };
  const sections: SectionDecl[] = [
    {
      id: '说明',
      heading: '',
      level: 0,
      build: () => [
        w.paragraph(
          w.plain(
            `先按第${chineseNumber(sections.filter((s) => s.level === 1).findIndex((s) => s.id === '工作簿问题') + 1)}部分改正工作簿中的数据并重新生成报告，再逐一补填或确定报告中黄色标注处；全部处理完毕后，报告即可报送。本清单不随报告报送。`
          )
        ),
      ],
    },
    {
      id: '待补',
      heading: '报告中需补填的内容',
      level: 1,
      build: () =>
        numbered(
          placeholders(report, '待补').map((p) => `${p.text}（${p.where.join('；')}）`),
          '无。'
        ),
    },
    {
      id: '待核对',
      heading: '报告中需确定的数（两处来源不一致）',
      level: 1,
      build: () =>
        numbered(
          placeholders(report, '待核对').map((p) => `${p.text}（${p.where.join('；')}）${settledBy(p.text)}`),
          '无。'
        ),
    },
    {
      id: '待定得分',
      heading: '报告中待定的得分（自评得分与按所列数据计不一致）',
      level: 1,
      build: () => numbered(scoreItems, '无。'),
    },
    {
      id: '按一致数表述',
      heading: '报表中须更正的数（报告中如何表述见各项）',
      level: 1,
      build: () =>
        numbered(
          draftRemarks(report)
            .filter((r) => !slipped.has(r) && !scoreRemarks.includes(r))
            .map((r) => {
              const at = correctedAt(r);
              const stated = /填列([\d.,]+)/.exec(r)?.[1];
              if (at < 0 || !stated) return r;
              return `${r.split('；')[0]}，${shownAs(report, r, stated)}；工作簿改正见第${part('工作簿问题')}部分第${at + 1}项`;
            }),
          '无。'
        ),
    },
    {
      id: '原文表述',
      heading: '报告引用的本单位原文中须改正的表述',
      level: 1,
      build: () =>
        numbered(
          slipList.map((p) => `${p.text}（${p.where.join('；')}）`),
          '无。'
        ),
    },
    {
      id: '工作簿问题',
      heading: '工作簿数据核对发现的问题',
      level: 1,
      build: () => numbered(workbookItems(), '数据核对未发现问题。'),
    },
  ];
  return assemble(
    w.say`${w.text('单位名称')}${w.year()}年度部门整体支出绩效自评报告报送前核对清单`,
    sections,
    c
  );
}
