/**
 * A finding on every surface that shows it (issue 20 item 5): the pane card, the cell note, the 问题清单 row,
 * the 审核意见 entry and the CLI line; and a check that each figure it carries is shown in its own unit — an
 * amount never as 年 or %, a year never as 万元, a rate never as 万元 or 年.
 */
import { fixed } from '../../src/core/decimal';
import { cardParts, cellNote, cliLine, listRow, reviewSentence } from '../../src/core/render/finding';
import { grouped, operandQuantity } from '../../src/core/render/quantity';
import type { Finding, Quantity, QuantityKind } from '../../src/core/results';
import { findingsSheet } from '../../src/core/sheets/findingsSheet';

/** Every text a finding is rendered to, by surface. */
export function surfaces(f: Finding): Record<string, string> {
  const card = cardParts(f);
  const sheet = findingsSheet([f]);
  return {
    card: [
      card.title,
      card.summary ?? '',
      ...card.figures.map((x) => `${x.label} ${x.text}`),
      card.nextStep,
      ...card.details,
    ].join('\n'),
    note: cellNote(f, ['1']),
    list: [listRow(f).problem, listRow(f).nextStep, ...sheet.rows[3].map((c) => String(c?.value ?? ''))].join(
      ' | '
    ),
    review: reviewSentence(f),
    cli: cliLine(f),
  };
}

/** Units a figure of each kind must never be shown with. */
const WRONG: Record<QuantityKind, string[]> = {
  amount: ['年', '%', '人', '分', '个百分点'],
  year: ['万元', '%', '人', '个百分点'],
  rate: ['万元', '年', '人'],
  count: ['万元', '年', '%'],
  score: ['万元', '年', '%', '人'],
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The ways a figure's digits may be written: as the cells show them and as a document does. */
function spellings(q: Quantity): string[] {
  const v = q.value.abs();
  const dp = q.kind === 'count' || q.kind === 'year' ? (v.isInteger() ? 0 : 2) : 2;
  const out = [fixed(v, dp), grouped(v, dp).replace(/^−/, '')];
  // A year misread as an amount would be written 2021.00 or 2,021.00.
  if (q.kind === 'year') out.push(fixed(v, 2), grouped(v, 2));
  // Too short to tell from other numbers in the words (“3 个金额”).
  return [...new Set(out)].filter((s) => s.replace(/[^\d]/g, '').length >= 3);
}

/** The figures of a finding, each with its own kind: its 应为 / 实为 / 差额 and every operand. */
function quantities(f: Finding): Quantity[] {
  const qs: Quantity[] = [];
  for (const q of [f.expected, f.computed, f.difference]) if (q) qs.push(q);
  for (const o of [...f.operands, ...(f.missing ?? [])]) {
    const q = operandQuantity(o);
    if (q) qs.push(q);
  }
  if (f.correction) qs.push(f.correction.to);
  return qs;
}

/**
 * Where a figure of the finding is written with another kind's unit, on any surface: `surface: 596.03 年`.
 * A digits-and-unit pair another figure of the same finding legitimately has is not counted (4.04 万元 and 4.04%).
 */
export function wrongUnits(f: Finding): string[] {
  const qs = quantities(f);
  const allowed = new Set<string>();
  for (const q of qs)
    for (const s of spellings(q)) {
      const unit = { amount: '万元', year: '年', rate: '%', count: '人', score: '分' }[q.kind];
      allowed.add(`${s}|${unit}`);
      if (q.kind === 'rate') allowed.add(`${s}|个百分点`);
    }
  const bad: string[] = [];
  // 问题清单's 单位 column is the unit of the figures beside it.
  const kind = f.computed?.kind ?? f.expected?.kind;
  const unitColumn = String(findingsSheet([f]).rows[3][6]?.value ?? '');
  if (kind && unitColumn !== { amount: '万元', year: '年', rate: '%', count: '人', score: '分' }[kind])
    bad.push(`${f.id} list: 单位 ${unitColumn} for ${kind}`);
  for (const [surface, raw] of Object.entries(surfaces(f))) {
    // A share of a budget is a rate by construction: “超过预算 10.50 万元（10.50%）”.
    const text = raw.replace(/万元（[\d.,]+%）/g, '万元');
    for (const q of qs)
      for (const s of spellings(q))
        for (const unit of WRONG[q.kind]) {
          if (allowed.has(`${s}|${unit}`)) continue;
          const re = new RegExp(`(?<![\\d.,])${escape(s)}\\s*${escape(unit)}`);
          const m = re.exec(text);
          if (m) bad.push(`${f.id} ${surface}: ${m[0]}`);
        }
  }
  return bad;
}
