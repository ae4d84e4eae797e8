/**
 * Claims in words, one renderer per surface: the CLI line, the --json record, a Word comment on the
 * sentence (a reviewer's red pen), and the summary at the top of the document. The places a comment
 * spans are worked out here from the located document (paragraph ordinals and character offsets),
 * so every host writes comments the same way.
 */
import type { LocatedDocument } from './document';
import type { Claim, ReportCheck } from './engine';
import type { Place } from './quantities';

/** A point in a Word rendering of the document: a paragraph by ordinal, a character offset in it. */
export interface TextPoint {
  paragraph: number;
  offset: number;
}

export interface CommentPlan {
  from: TextPoint;
  to: TextPoint;
  text: string[];
}

/** Where a place begins and ends in the source's paragraphs (a cell: the whole cell). */
export function anchorOf(doc: LocatedDocument, place: Place): { from: TextPoint; to: TextPoint } | null {
  if (place.table !== undefined) {
    const t = doc.tables[place.table];
    const block = doc.source.blocks[t.block];
    if (block.type !== 'table') return null;
    const cell = block.rows[place.row ?? 0]?.[place.column ?? 0];
    if (!cell || cell.anchors.length === 0) return null;
    return {
      from: { paragraph: cell.anchors[0], offset: 0 },
      to: { paragraph: cell.anchors[cell.anchors.length - 1], offset: Number.MAX_SAFE_INTEGER },
    };
  }
  const p = doc.paragraphs[place.paragraph!];
  if (!p) return null;
  let start = place.start;
  let end = place.end > place.start ? place.end : p.text.length;
  while (start < end && /\s/.test(p.text[start])) start++;
  while (end > start && /\s/.test(p.text[end - 1])) end--;
  const at = (offset: number, edge: 'start' | 'end'): TextPoint | null => {
    const piece =
      edge === 'start'
        ? p.pieces.find((x) => offset >= x.at && offset < x.at + x.length)
        : p.pieces.find((x) => offset > x.at && offset <= x.at + x.length);
    if (!piece) return null;
    const block = doc.source.blocks[piece.block];
    if (block.type !== 'paragraph') return null;
    return { paragraph: block.anchors[0], offset: offset - piece.at + piece.from };
  };
  const from = at(start, 'start');
  const to = at(end, 'end');
  return from && to ? { from, to } : null;
}

/** `[不成立] 合计：一般公共预算本年支出与所列各项之和不符——850.00 万元 / 300.00 + … = 848.50 万元（第 42 段）` */
export function claimLine(c: Claim): string {
  const figures =
    c.verdict === '无法核实'
      ? `缺${(c.missing ?? []).join('、')}`
      : [c.stated && `所写 ${c.stated}`, c.computed && `核算 ${c.computed}`].filter(Boolean).join('；');
  return `[${c.verdict}] ${c.kind}：${c.title}${figures ? `——${figures}` : ''}（${c.where}）`;
}

/** The --json record of a claim, in the shape the issue fixes. */
export function claimRecord(c: Claim) {
  return {
    text: c.text,
    where: c.where,
    kind: c.kind,
    verdict: c.verdict,
    stated: c.stated,
    computed: c.computed,
    figures: c.figures.map((f) => ({ text: f.text, value: f.value, unit: f.unit, where: f.where })),
  };
}

/** The whole --json document. */
export function reportJson(check: ReportCheck) {
  const s = check.summary;
  return {
    claims: check.claims.map(claimRecord),
    summary: { claims: s.claims, holds: s.holds, fails: s.fails, unverifiable: s.unverifiable },
  };
}

/** A failed claim as a reviewer's comment: what is wrong, the figures, the rule, what to do. */
export function claimComment(c: Claim): string[] {
  const f = c.finding;
  const lines = [`【${c.verdict}】${c.title}`];
  if (c.stated) lines.push(`文中所写：${c.stated}`);
  if (c.computed) lines.push(`${c.verdict === '无法核实' ? '' : '核对：'}${c.computed}`);
  if (f?.toleranceBasis && c.verdict === '不成立') lines.push(`依据：${c.statement}（${f.toleranceBasis}）`);
  else lines.push(`依据：${c.statement}`);
  const others = c.figures.slice(1, 5).filter((x) => x.where !== c.where);
  if (others.length) lines.push(`相关数字：${others.map((x) => `${x.text}（${x.where}）`).join('；')}`);
  if (f?.nextStep) lines.push(`建议：${f.nextStep}`);
  return lines;
}

/** The summary at the top: counts, and the failing claims by kind. */
export function summaryComment(check: ReportCheck): string[] {
  const s = check.summary;
  const fails = check.claims.filter((c) => c.verdict === '不成立');
  const byKind = new Map<string, number>();
  for (const c of fails) byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
  return [
    `数字核对：共读出 ${s.claims} 处数字说法，成立 ${s.holds} 处，不成立 ${s.fails} 处，无法核实 ${s.unverifiable} 处。`,
    fails.length
      ? `不成立的 ${fails.length} 处已逐条加了批注：${[...byKind].map(([k, n]) => `${k} ${n} 处`).join('，')}。请对照原始报表改正后再报送。`
      : '没有发现前后矛盾或算不拢的数字。',
    '本批注由绩效自评助手按文中数字自动核对生成，未改动正文。',
  ];
}

/** Comments for a document: the summary on its first paragraph, then one on each failed claim. */
export function commentPlans(check: ReportCheck): CommentPlan[] {
  const doc = check.doc;
  const plans: CommentPlan[] = [];
  const first = doc.paragraphs.findIndex((p) => p.text.trim());
  const head =
    first >= 0 ? anchorOf(doc, { paragraph: first, start: 0, end: doc.paragraphs[first].text.length }) : null;
  if (head) plans.push({ ...head, text: summaryComment(check) });
  for (const c of check.claims) {
    if (c.verdict !== '不成立') continue;
    const a = anchorOf(doc, c.places[0]);
    if (a) plans.push({ ...a, text: claimComment(c) });
  }
  return plans;
}
