/**
 * A finding's problem in words and the cell to check first: shared by 问题清单 and the pane's cards.
 * Only the renderers beside this, so the pane's first load does not carry the engine.
 */
import { cardParts } from '../render/finding';
import type { Finding, Operand } from '../results';

/** The cell to check first: the finding's primary cell, else the checked figure (first operand with a cell). */
export function firstCell(f: Finding): Operand | undefined {
  if (f.primary?.address) return f.primary;
  return f.missing?.find((o) => o.address) ?? f.operands.find((o) => o.address);
}

/** The problem in words: its title, then (when there are no figures to show) the point the renderer states. */
export function problemWords(f: Finding): string {
  const { title, summary } = cardParts(f);
  return summary ? `${title}：${summary}` : title;
}
