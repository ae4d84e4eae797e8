/** Evaluation → plain JSON for `--json` (decimals as strings, exact). */
import Decimal from 'decimal.js';
import { INPUTS } from '../catalogue/inputs';
import type { Evaluation } from '../core/engine';

function plain(v: unknown): unknown {
  if (Decimal.isDecimal(v)) return (v as Decimal).toString();
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => [k, plain(x)])
    );
  return v;
}

export function evaluationJson(e: Evaluation, extra: Record<string, unknown> = {}): unknown {
  const inputs = INPUTS.map((d) => {
    if (d.type === 'table') {
      const t = e.model.table(d.name);
      return { name: d.name, label: d.label, kind: 'table', address: t.address ?? null, rows: t.rows.length };
    }
    const s = e.model.scalar(d.name);
    return {
      name: d.name,
      label: d.label,
      kind: d.kind,
      unit: d.unit,
      address: s.address ?? null,
      value: s.value,
      blank: s.blank,
    };
  });
  return plain({
    ...extra,
    summary: e.summary,
    diagnostics: e.diagnostics,
    indicators: e.indicators,
    scores: e.scores,
    findings: e.findings,
    checks: e.checks,
    inputs,
  });
}
