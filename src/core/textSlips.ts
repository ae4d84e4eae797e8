/**
 * The department's own words, quoted as they are, read for the slips src/catalogue/report/textSlips.ts
 * declares. Each slip becomes a remark on the block that quotes it (a Word comment or a line of the
 * 报送前核对清单); the text and the findings are unchanged.
 */
import { notDoneClause, TEXT_SLIPS, taskNotDoneRemark } from '../catalogue/report/textSlips';
import type { Model } from './model';
import type { ReportDraft } from './narrative';
import type { ReportBlock } from './reportContract';
import { documentText } from './typography';

export interface SlipHit {
  found: string;
  /** The match with a few characters either side (within its line): where a block quotes this one. */
  context: string;
  remark: string;
}

/** A few characters either side of a match, within its line, so a quote of it is found and not another. */
function around(text: string, at: number, length: number): string {
  const start = Math.max(0, at - 6, text.lastIndexOf('\n', at) + 1);
  const lineEnd = text.indexOf('\n', at + length);
  return text.slice(start, Math.min(at + length + 6, lineEnd < 0 ? text.length : lineEnd));
}

/** The slips in one text, in reading order, each remark once. */
export function textSlips(text: string, year: string | null): SlipHit[] {
  const hits: Array<SlipHit & { at: number }> = [];
  for (const slip of TEXT_SLIPS)
    for (const m of text.matchAll(slip.pattern)) {
      if (slip.stands && !slip.stands(text, m.index)) continue;
      hits.push({
        at: m.index,
        found: m[0],
        context: around(text, m.index, m[0].length),
        remark: slip.remark(m[0], year),
      });
    }
  hits.sort((a, b) => a.at - b.at);
  const seen = new Set<string>();
  return hits.filter((h) => !seen.has(h.context + h.remark) && seen.add(h.context + h.remark));
}

/** Tasks of 产出任务表 marked 已完成 whose 说明 has a clause saying they were not. */
export function taskSlips(model: Model): Array<SlipHit & { task: string }> {
  const out: Array<SlipHit & { task: string }> = [];
  for (const row of model.table('产出任务表').rows) {
    const { 任务: task, 是否完成: done, 说明: said } = row.cells;
    if (done?.value !== true || typeof task?.value !== 'string' || typeof said?.value !== 'string') continue;
    const clause = notDoneClause(said.value);
    if (clause)
      out.push({
        task: task.value,
        found: clause,
        context: clause,
        remark: taskNotDoneRemark(task.value, clause),
      });
  }
  return out;
}

function blockText(b: ReportBlock): string {
  return b.kind === 'paragraph' ? b.text : [b.caption, ...b.rows.flat(), ...(b.notes ?? [])].join('\n');
}

/** Whether a block states the department's words (as they are, or as the document sets them). */
function states(text: string, words: string): boolean {
  return text.includes(words) || text.includes(documentText(words));
}

/**
 * The slip remarks of each block that quotes the department: the slips of the texts among its sources
 * (a table source: its text cells) that its text states, and the tasks whose status it states beside
 * the 说明 that contradicts it.
 */
export function slipRemarks(draft: ReportDraft, model: Model): Map<ReportBlock, string[]> {
  const year = model.num('评价年度')?.toString() ?? null;
  const scanned = new Map<string, SlipHit[]>();
  const slipsOf = (text: string) => {
    if (!scanned.has(text)) scanned.set(text, textSlips(text, year));
    return scanned.get(text)!;
  };
  // A table's text cells are read once, however many blocks cite the table: cost stays linear in its rows.
  const tableHits = new Map<string, SlipHit[]>();
  const slipsOfTable = (name: string) => {
    if (!tableHits.has(name)) {
      const texts = new Set<string>();
      for (const row of model.table(name).rows)
        for (const c of Object.values(row.cells)) if (typeof c.value === 'string') texts.add(c.value);
      tableHits.set(name, [...texts].flatMap(slipsOf));
    }
    return tableHits.get(name)!;
  };
  const tasks = taskSlips(model);
  const blocks = draft.sections.flatMap((s) => s.blocks);
  if (draft.appendix) blocks.push(draft.appendix.table);
  const out = new Map<ReportBlock, string[]>();
  for (const b of blocks) {
    const text = blockText(b);
    const hits = b.sources.flatMap((o) =>
      typeof o.value === 'string' ? slipsOf(o.value) : model.tables.has(o.name) ? slipsOfTable(o.name) : []
    );
    const remarks = [
      ...tasks.filter((t) => states(text, t.task) && states(text, t.found)),
      ...hits.filter((h) => states(text, h.context)),
    ].map((h) => h.remark);
    if (remarks.length) out.set(b, [...new Set(remarks)]);
  }
  return out;
}

/** The draft with each slip remark on the block that quotes it, after the block's own remarks. */
export function withSlipRemarks(draft: ReportDraft, model: Model): ReportDraft {
  const slips = slipRemarks(draft, model);
  if (!slips.size) return draft;
  const add = <B extends ReportBlock>(b: B): B =>
    slips.has(b) ? { ...b, remarks: [...new Set([...(b.remarks ?? []), ...slips.get(b)!])] } : b;
  return {
    ...draft,
    sections: draft.sections.map((s) => ({ ...s, blocks: s.blocks.map(add) })),
    ...(draft.appendix ? { appendix: { ...draft.appendix, table: add(draft.appendix.table) } } : {}),
  };
}
