/**
 * 问题清单: one row per finding (consequences indented under their root), in a few wide columns a
 * person reads — 序号, 严重程度, 问题, 应为 / 实为 / 差额 formatted like the inputs, the cell to check
 * as a link, 建议, 说明状态 — and the machine columns (rule id, tolerance, folded-under, further
 * links) grouped and collapsed at the right. Also the marks every involved input cell gets (one per
 * cell, most severe), whose notes state the point in a line and send the reader here for the rest.
 */
import { colLetter } from '../../catalogue/layout';
import { parseRange, formatRange } from '../address';
import { explanationStatus, flattenFindings } from '../checks';
import { cellNote, nextStepText } from '../render/finding';
import type { Finding, Operand, Quantity } from '../results';
import type { FindingSeverity } from '../types';
import { countFindings, countsText } from '../summary';
import type { CellMark, OutCell, SheetPlan, Severity } from '../types';
import { fitRows, legendRow } from './fit';
import { firstCell, problemWords } from './findingWords';
import { QUANTITY_FORMAT, QUANTITY_UNIT, quantityNumber } from './numbers';

export const FINDINGS_SHEET = '问题清单';

/** The columns people read, then the machine columns (grouped, collapsed). */
const PEOPLE = ['序号', '严重程度', '问题', '应为', '实为', '差额', '单位', '先查单元格', '建议', '说明状态'];
const PEOPLE_WIDTHS = [6, 8, 46, 11, 11, 11, 6, 18, 40, 11];
const MACHINE = ['规则编号', '容差', '归于', '其余单元格'];
const MACHINE_WIDTHS = [30, 10, 24, 40];
/** Link columns after the machine columns (定位2…): one link per cell, as a cell holds one link. */
const MAX_LINKS = 10;
/** Cells listed in the 其余单元格 column. */
const MAX_SHOWN = 30;

/** The top-left cell of an operand's address (`Sheet!A1`), or undefined. */
function cellOf(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const r = parseRange(address);
  return r ? formatRange({ ...r, bottom: r.top, right: r.left }) : undefined;
}

/** 错误 red, 提示 yellow; 待补 plain: a blank to fill is neither. */
const SEVERITY_STYLE: Record<FindingSeverity, 'error' | 'warning' | 'label'> = {
  错误: 'error',
  提示: 'warning',
  待补: 'label',
};

function figure(q: Quantity | undefined): OutCell {
  if (!q) return { value: '', style: 'label' };
  return { value: quantityNumber(q), style: 'amount', numFmt: QUANTITY_FORMAT[q.kind] };
}

function shown(o: Operand): string {
  return `${o.address ?? '（未定位）'} ${o.label}`;
}

export function findingsSheet(findings: Finding[]): SheetPlan {
  const flat = flattenFindings(findings);
  const maxLinks = Math.min(
    MAX_LINKS,
    Math.max(0, ...flat.map((x) => x.finding.operands.filter((o) => o.address).length))
  );
  const width = PEOPLE.length + MACHINE.length + maxLinks;
  const rows: SheetPlan['rows'] = [
    [{ value: '问题清单', style: 'title' }],
    [
      {
        value:
          flat.length === 0
            ? '未发现问题：各项勾稽关系在容差内成立。'
            : `${countsText(countFindings(findings))}。连带问题缩进列在引起它的问题之下。“错误”须改正；“提示”可在“出错说明”表中按规则编号写明原因；“待补”是未填的数，补填后重新运行。点“先查单元格”可跳转；规则编号、容差等在右侧折叠的列中（点列标上方的“+”展开）。`,
        style: 'note',
      },
    ],
    [...PEOPLE, ...MACHINE, ...Array.from({ length: maxLinks }, (_, i) => `定位${i + 1}`)].map(
      (h): OutCell => ({ value: h, style: 'header' })
    ),
  ];
  const parents: string[] = [];
  const counters: number[] = [];
  for (const { finding: f, depth } of flat) {
    counters.length = depth + 1;
    counters[depth] = (counters[depth] ?? 0) + 1;
    parents.length = depth + 1;
    parents[depth] = f.id;
    const cells = f.operands.filter((o) => o.address);
    const first = firstCell(f);
    const others = cells.filter((o) => cellOf(o.address) !== cellOf(first?.address));
    const indent = depth > 0 ? `${'　'.repeat(depth - 1)}└ ` : '';
    const kind = f.computed?.kind ?? f.expected?.kind;
    rows.push([
      { value: counters.join('.'), style: 'label' },
      { value: f.severity, style: SEVERITY_STYLE[f.severity] },
      { value: `${indent}${problemWords(f)}`, style: 'text' },
      figure(f.expected),
      figure(f.computed),
      {
        ...figure(f.difference),
        ...(f.difference && {
          numFmt: `+${QUANTITY_FORMAT[f.difference.kind]};-${QUANTITY_FORMAT[f.difference.kind]};0`,
        }),
      },
      { value: kind ? QUANTITY_UNIT[kind] : '', style: 'label' },
      first?.address
        ? { value: `${cellOf(first.address)} ${first.label}`, style: 'link', link: cellOf(first.address) }
        : { value: '', style: 'label' },
      { value: nextStepText(f), style: 'text' },
      {
        value: explanationStatus(f),
        style: f.explanation && f.severity !== '待补' ? 'ok' : SEVERITY_STYLE[f.severity],
      },
      { value: f.id, style: 'label' },
      { value: f.tolerance ? (f.toleranceBasis ?? `±${f.tolerance.value.toString()}`) : '', style: 'label' },
      { value: depth > 0 ? parents[depth - 1] : '', style: 'label' },
      {
        value: [
          ...others.slice(0, MAX_SHOWN).map(shown),
          ...(others.length > MAX_SHOWN ? [`……等共 ${others.length} 个单元格`] : []),
        ].join('\n'),
        style: 'label',
      },
      ...cells
        .slice(0, MAX_LINKS)
        .map((o): OutCell => ({ value: cellOf(o.address), style: 'link', link: cellOf(o.address) })),
    ]);
  }
  rows.push([]);
  const widths = [...PEOPLE_WIDTHS, ...MACHINE_WIDTHS, ...Array.from({ length: maxLinks }, () => 14)];
  const legend = legendRow(widths, rows.length);
  rows.push(legend.cells);
  const merges = [`A2:${colLetter(PEOPLE.length - 1)}2`, ...legend.merges];
  // Row heights follow the people's columns only: the machine columns are folded away.
  const sized = fitRows({
    name: FINDINGS_SHEET,
    rows: rows.map((r, i) => (i < 3 ? r : r.slice(0, PEOPLE.length))),
    columnWidths: widths,
    merges,
  });
  return {
    name: FINDINGS_SHEET,
    rows,
    columnWidths: widths,
    merges,
    rowHeights: sized.rowHeights,
    freezeRows: 3,
    printTitleRows: 3,
    groupedColumns: { first: PEOPLE.length, last: width - 1 },
  };
}

const RANK: Record<Severity, number> = { 错误: 0, 提示: 1 };

function isMarked(f: Finding): f is Finding & { severity: Severity } {
  return f.severity !== '待补';
}

/** A finding over a whole table marks its first cells only: thousands of notes help nobody and bloat the file. */
export const MAX_MARKS_PER_FINDING = 50;
/**
 * One mark per involved cell: the most severe finding's colour; the note gives its point and where the rest is.
 * A 待补 marks nothing: a blank to fill is neither an 错误 nor a 提示 (问题清单 and the pane list it).
 */
export function findingMarks(findings: Finding[]): CellMark[] {
  const flat = flattenFindings(findings);
  const number = new Map<Finding, string>();
  const counters: number[] = [];
  for (const { finding, depth } of flat) {
    counters.length = depth + 1;
    counters[depth] = (counters[depth] ?? 0) + 1;
    number.set(finding, counters.join('.'));
  }
  const marks = new Map<string, { severity: Severity; findings: Array<Finding & { severity: Severity }> }>();
  for (const { finding: f } of flat) {
    if (!isMarked(f)) continue;
    for (const o of f.operands.filter((x) => cellOf(x.address)).slice(0, MAX_MARKS_PER_FINDING)) {
      const address = cellOf(o.address)!;
      const m = marks.get(address);
      if (!m) marks.set(address, { severity: f.severity, findings: [f] });
      else {
        if (RANK[f.severity] < RANK[m.severity]) m.severity = f.severity;
        if (!m.findings.includes(f)) m.findings.push(f);
      }
    }
  }
  return [...marks].map(([address, m]) => {
    const sorted = [...m.findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
    return {
      address,
      severity: m.severity,
      note: cellNote(
        sorted[0],
        sorted.map((f) => number.get(f)!)
      ),
    };
  });
}
