/**
 * 报送前核对清单: what the preparer must do before the report goes out, kept out of the report's
 * text — every 【待补】 and 【待核对】 of the report with the section it stands in, the figures the
 * report states as two sources agree where a table's own cell says otherwise, the slips in the
 * department's own words it quotes (src/core/textSlips.ts), and the workbook's findings with the cell to correct. `--checklist` writes it; without it the remarks are Word
 * comments in the report itself.
 */
import type Decimal from 'decimal.js';
import type { Model } from './model';
import { memoCeiling } from './review';
import {
  assemble,
  draftRemarks,
  reportContext,
  type DraftInput,
  type ReportDraft,
  type ReportSection,
} from './narrative';
import { cardParts, nextStepText } from './render/finding';
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
    out.push({ text: report.appendix.title, where: report.appendix.label });
    table(report.appendix.table, report.appendix.label);
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
  return [...found].map(([text, where]) => ({ text, where }));
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

/**
 * 三's item on the total where points wait and the claim is above what they can reach: the limit the 审核意见's page 1
 * gives (核实后至多, memoCeiling), not the sum of figures the memo calls wrong; each 一级 in question by its own limit
 * where it has one. Null where the report's own remark stands.
 */
function totalItem(c: ReturnType<typeof reportContext>, input: DraftInput): string | null {
  const own = c.own;
  const most = memoCeiling(input);
  if (!own?.linesDisagree || own.total === null || !most || !most.value.lt(own.total)) return null;
  const p = (x: Decimal) => c.w.fmt.points(x);
  const each = own.groups
    .filter((g) => g.level === 1 && g.linesDisagree && g.score !== null)
    .map((g) => {
      const d = g.linesDisagree!;
      const gives = d.ceiling ? `至多${p(d.ceiling)}` : `按所列数据计${d.atMost ? '至多' : ''}${p(d.sum)}`;
      return `${g.name}自评${p(g.score!)}分、${gives}分`;
    });
  const grade = (x: string | null) => (x ? `（“${x}”）` : '');
  return `自评总分${p(own.total)}分${grade(own.grade)}，按评分规则至多${p(most.value)}分${grade(most.grade)}${each.length ? `（${each.join('，')}）` : ''}；请按附件1核对各项得分，改正自评得分后重新生成报告。`;
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
  const total = totalItem(c, input);
  const open = c.findings.filter((f) => !f.explanation || f.severity === '错误');
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
          placeholders(report, '待核对').map((p) => `${p.text}（${p.where.join('；')}）`),
          '无。'
        ),
    },
    {
      id: '待定得分',
      heading: '报告中待定的得分（自评得分与按所列数据计不一致）',
      level: 1,
      build: () =>
        numbered(
          scoreRemarks.map((r) =>
            r.startsWith(TOTAL_REMARK)
              ? (total ?? r.slice(SCORE_REMARK.length))
              : r.slice(SCORE_REMARK.length)
          ),
          '无。'
        ),
    },
    {
      id: '按一致数表述',
      heading: '报告已按两处一致的数表述、报表须更正的数',
      level: 1,
      build: () =>
        numbered(
          draftRemarks(report).filter((r) => !slipped.has(r) && !scoreRemarks.includes(r)),
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
      build: () =>
        numbered(
          open.map((f) => `【${f.severity}】${cardParts(f).title}：${nextStepText(f)}`),
          '数据核对未发现问题。'
        ),
    },
  ];
  return assemble(
    w.say`${w.text('单位名称')}${w.year()}年度部门整体支出绩效自评报告报送前核对清单`,
    sections,
    c
  );
}
