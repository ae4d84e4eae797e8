/**
 * 问题清单: one row per finding (consequences indented under their root), each cell involved linked
 * so a click jumps to it; and the marks every involved input cell gets (one per cell, most severe).
 */
import { colLetter } from '../../catalogue/layout';
import { parseRange, formatRange } from '../address';
import { explanationStatus, flattenFindings } from '../checks';
import { fixed, money } from '../decimal';
import { cellNote, listRow } from '../render/finding';
import { operandText } from '../render/quantity';
import type { Finding, Quantity } from '../results';
import { countFindings, countsText } from '../summary';
import type { CellMark, OutCell, SheetPlan, Severity } from '../types';

export const FINDINGS_SHEET = '问题清单';

const HEADER = ['序号', '严重程度', '规则', '问题', '应为', '实为', '差额', '容差', '涉及单元格', '建议', '说明状态'];

function numberCell(q: Quantity | undefined): OutCell {
  if (q === undefined) return { value: '', style: 'label' };
  const x = q.value;
  switch (q.kind) {
    case 'rate':
      return { value: Number(fixed(x, 2)), style: 'rate' };
    case 'count':
    case 'year':
      return { value: Number(fixed(x, 0)), style: 'amount', numFmt: '0' };
    case 'score':
      return { value: Number(fixed(x, 2)), style: 'score' };
    default:
      return { value: Number(money(x)), style: 'amount' };
  }
}

/** The top-left cell of an operand's address (`Sheet!A1`), or undefined. */
function cellOf(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const r = parseRange(address);
  return r ? formatRange({ ...r, bottom: r.top, right: r.left }) : undefined;
}

/** Link columns (定位1…) per row; further cells are listed in 涉及单元格. */
const MAX_LINKS = 10;
/** Cells listed in one 涉及单元格 cell. */
const MAX_SHOWN = 30;

export function findingsSheet(findings: Finding[]): SheetPlan {
  const flat = flattenFindings(findings);
  const maxLinks = Math.min(MAX_LINKS, Math.max(0, ...flat.map((x) => x.finding.operands.filter((o) => o.address).length)));
  const width = HEADER.length + maxLinks;
  const rows: SheetPlan['rows'] = [
    [{ value: '问题清单', style: 'title' }],
    [
      {
        value:
          flat.length === 0
            ? '未发现问题：各项勾稽关系在容差内成立。'
            : `${countsText(countFindings(findings))}；连带问题缩进列在引起它的问题之下。“错误”须改正；“提示”可在“出错说明”表中按规则编号写明原因。点击单元格地址可跳转。`,
        style: 'note',
      },
    ],
    [...HEADER, ...Array.from({ length: maxLinks }, (_, i) => `定位${i + 1}`)].map((h): OutCell => ({ value: h, style: 'header' })),
  ];
  const counters: number[] = [];
  for (const { finding: f, depth } of flat) {
    counters.length = depth + 1;
    counters[depth] = (counters[depth] ?? 0) + 1;
    const text = listRow(f);
    const cells = f.operands.filter((o) => o.address);
    const indent = depth > 0 ? `${'　'.repeat(depth)}└ ` : '';
    rows.push([
      { value: counters.join('.'), style: 'label' },
      { value: f.severity, style: f.severity === '错误' ? 'error' : 'warning' },
      { value: f.id, style: 'label' },
      { value: `${indent}${text.problem}`, style: 'text' },
      numberCell(f.expected),
      numberCell(f.computed),
      numberCell(f.difference),
      f.tolerance === undefined ? { value: '', style: 'label' } : { value: `±${f.tolerance.value.toString()}`, style: 'label' },
      {
        value: [...f.operands.slice(0, MAX_SHOWN).map(operandText), ...(f.operands.length > MAX_SHOWN ? [`……等共 ${f.operands.length} 个单元格`] : [])].join('\n'),
        style: cells.length ? 'link' : 'text',
        link: cellOf(cells[0]?.address),
      },
      { value: text.nextStep, style: 'text' },
      { value: explanationStatus(f), style: f.explanation ? 'ok' : f.severity === '错误' ? 'error' : 'warning' },
      ...cells.slice(0, MAX_LINKS).map((o): OutCell => ({ value: cellOf(o.address), style: 'link', link: cellOf(o.address) })),
    ]);
  }
  return {
    name: FINDINGS_SHEET,
    rows,
    columnWidths: [7, 9, 30, 70, 12, 12, 12, 9, 44, 40, 12, ...Array.from({ length: maxLinks }, () => 14)],
    merges: [`A2:${colLetter(width - 1)}2`],
    freezeRows: 3,
  };
}

const RANK: Record<Severity, number> = { 错误: 0, 提示: 1 };

/** A finding over a whole table marks its first cells only: thousands of notes help nobody and bloat the file. */
export const MAX_MARKS_PER_FINDING = 50;
/** Excel's limit for a note is 32,767 characters; keep well under it. */
const MAX_NOTE = 4000;

/** One mark per involved cell: the most severe finding's colour, every finding's short note. */
export function findingMarks(findings: Finding[]): CellMark[] {
  const marks = new Map<string, { severity: Severity; notes: string[] }>();
  for (const { finding: f } of flattenFindings(findings)) {
    const note = cellNote(f);
    for (const o of f.operands.filter((x) => cellOf(x.address)).slice(0, MAX_MARKS_PER_FINDING)) {
      const address = cellOf(o.address);
      if (!address) continue;
      const m = marks.get(address);
      if (!m) marks.set(address, { severity: f.severity, notes: [note] });
      else {
        if (RANK[f.severity] < RANK[m.severity]) m.severity = f.severity;
        if (!m.notes.includes(note)) m.notes.push(note);
      }
    }
  }
  return [...marks].map(([address, m]) => {
    const note = m.notes.join('\n\n');
    return { address, severity: m.severity, note: note.length > MAX_NOTE ? `${note.slice(0, MAX_NOTE)}……（其余见“问题清单”）` : note };
  });
}
