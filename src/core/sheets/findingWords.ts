/**
 * A finding's problem in words and the cell to check first: shared by 问题清单 and the pane's cards.
 * Types only beside this, so the pane's first load does not carry the engine.
 */
import type { Finding, Operand } from '../results';

/** The cell to check first: the finding's primary cell, else the checked figure (first operand with a cell). */
export function firstCell(f: Finding): Operand | undefined {
  if (f.primary?.address) return f.primary;
  return f.missing?.find((o) => o.address) ?? f.operands.find((o) => o.address);
}

/** The problem in words: its title, then what only words can say (a notice's text, the blanks to fill). */
export function problemWords(f: Finding): string {
  const parts = [f.title];
  if (f.detail) parts.push(f.detail);
  if (f.kind === 'cannotVerify' && f.missing?.length) parts.push(`无法核实，缺：${f.missing.map((o) => o.label).join('、')}`);
  if (f.kind === 'unitSlip' && f.slip) parts.push(`${f.slip.operand.label}疑似按${f.slip.factor === 'div' ? '元' : '万元以外的单位'}填写`);
  if (f.kind === 'signReversed') parts.push('正负号弄反了');
  return parts.join('：');
}

