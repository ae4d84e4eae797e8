/**
 * 报告草稿: the drafted report, one paragraph per row, and beside each paragraph the named inputs
 * and cells its numbers and words came from. The sheet is rewritten whole on every run; the
 * department's own text lives in its input cells (文字材料, 基本情况), so nothing typed is lost.
 */
import type { ReportBlock, ReportDraft } from '../narrative';
import { sectionTitle } from '../narrative';
import type { Operand } from '../results';
import type { OutCell, SheetPlan } from '../types';
import { linesFor, rowPoints, splitToRows } from './fit';

export const REPORT_SHEET = '报告草稿';

/** Width of the text column, in characters (a CJK character takes two). */
const TEXT_WIDTH = 90;

const HEADER = ['报告内容', '所用名称', '所在单元格'];

/** Row height that shows a wrapped text whole (hosts do not autofit rows they write). */
function heightFor(text: string): number {
  return rowPoints(linesFor(text, TEXT_WIDTH));
}

/** A source list is for reading, and a cell holds at most 32,767 characters: a long one is cut with its count. */
const LIST_CHARS = 1000;

export function listWithin(items: string[], what: string): string {
  let text = '';
  for (let i = 0; i < items.length; i++) {
    const next = i === 0 ? items[i] : `${text}、${items[i]}`;
    if (next.length > LIST_CHARS) return `${text}等 ${items.length} 个${what}`;
    text = next;
  }
  return text;
}

function sourceCells(sources: Operand[]): [OutCell, OutCell] {
  const names = [...new Set(sources.map((s) => s.name))];
  const cells = [...new Set(sources.map((s) => s.address).filter((a): a is string => Boolean(a)))];
  return [
    { value: listWithin(names, '名称'), style: 'note' },
    cells.length
      ? { value: listWithin(cells, '单元格'), style: cells.length === 1 ? 'link' : 'note', link: cells[0] }
      : { value: '', style: 'note' },
  ];
}

function blockRows(b: ReportBlock, push: (cells: Array<OutCell | null>, height?: number) => void): void {
  if (b.kind === 'paragraph') {
    // A paragraph taller than Excel's tallest row goes on in the rows below, cut after a sentence,
    // so print and screen show it whole; the sources stand beside its first row.
    splitToRows(b.text, TEXT_WIDTH).forEach((piece, i) =>
      push(
        [{ value: piece, style: 'text' }, ...(i === 0 ? sourceCells(b.sources) : [null, null])],
        heightFor(piece)
      )
    );
    return;
  }
  const caption = `${b.caption}${b.unit ? `（单位：${b.unit}）` : ''}`;
  push([{ value: caption, style: 'subtotal' }, ...sourceCells(b.sources)]);
  push([{ value: b.header.join('｜'), style: 'header' }, null, null]);
  for (const r of b.rows) push([{ value: r.join('｜').replace(/\n/g, ''), style: 'label' }, null, null]);
  // The words of the table's 【待核对①】 markers, under it as in the document.
  for (const n of b.notes ?? []) push([{ value: n, style: 'text' }, null, null]);
}

export function reportSheet(draft: ReportDraft): SheetPlan {
  const rows: SheetPlan['rows'] = [];
  const rowHeights: Record<number, number> = {};
  const push = (cells: Array<OutCell | null>, height?: number) => {
    if (height !== undefined && height > rowPoints(1)) rowHeights[rows.length] = height;
    rows.push(cells);
  };
  push([{ value: draft.title, style: 'title' }, ...sourceCells(draft.titleSources ?? [])]);
  push([
    {
      value:
        '本表由加载项根据输入表自动生成，每次运行整表重写。数字取自右侧所列名称和单元格；单位自己撰写的文字（基本情况、职能职责、履职情况、存在问题、改进措施等）请在输入表中修改，不要在本表修改。“【待补：…】”表示输入表中尚未填写的内容。',
      style: 'note',
    },
    null,
    null,
  ]);
  rowHeights[1] = heightFor(String(rows[1][0]!.value));
  push(HEADER.map((h): OutCell => ({ value: h, style: 'header' })));
  for (const s of draft.sections) {
    if (s.level > 0)
      push([{ value: sectionTitle(s), style: s.level === 1 ? 'total' : 'subtotal' }, null, null]);
    for (const b of s.blocks) blockRows(b, push);
  }
  return {
    name: REPORT_SHEET,
    rows,
    columnWidths: [TEXT_WIDTH, 36, 36],
    freezeRows: 3,
    rowHeights,
    onExisting: 'replace',
  };
}
