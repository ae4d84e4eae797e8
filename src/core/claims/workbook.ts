/**
 * The report's text against the workbook: each figure whose quantity the catalogue's words name
 * (src/catalogue/claimWords.ts QUANTITY_INPUTS) is compared with the named cells that hold it, and
 * each stated rate with the workbook's own statement of it. A mismatch names both the sentence and
 * the cell. A cell left blank is not a mismatch (无法核实 is not claimed either: the text may be right).
 *
 * Pure: takes the model the engine already parsed (host-neutral: the pane passes the open workbook's).
 */
import type Decimal from 'decimal.js';
import { LAST_YEAR_INPUTS, QUANTITY_INPUTS, RATE_WORDS } from '../../catalogue/claimWords';
import { INPUT_BY_NAME } from '../../catalogue/inputs';
import { D } from '../decimal';
import type { Model } from '../model';
import type { Finding, Operand, QuantityKind } from '../results';
import { rulebookFromModel } from '../rulebook';
import type { SourceDocument } from './document';
import type { Claim, ReportCheck } from './engine';
import { checkReport, shown, withClaims } from './engine';
import { type Bound, keyWords, placeText, quoteOf } from './quantities';
import { comparable, compact } from './text';

const KIND = { id: 'workbook', label: '与工作簿一致' };
const SCOPES = ['整体', '一般公共预算', '其他资金'];

/** The catalogue inputs that hold a text figure's quantity (all scopes when the text does not say). */
function inputsFor(b: Bound): string[] {
  const k = b.key!;
  if (k.entity) return [];
  const table = k.period === '上年' ? LAST_YEAR_INPUTS : k.period ? null : QUANTITY_INPUTS;
  if (!table) return [];
  const base = `${k.measure}|${k.part ?? ''}`;
  const scopes = k.scope ? [k.scope] : SCOPES;
  return [...new Set([...scopes.flatMap((s) => table[`${base}|${s}`] ?? []), ...(table[`${base}|*`] ?? [])])];
}

function cellOperand(model: Model, name: string, kind: QuantityKind): Operand {
  const d = INPUT_BY_NAME.get(name);
  return { name, label: d?.label ?? name, value: model.num(name), address: model.address(name), kind };
}

function claimOf(
  check: ReportCheck,
  b: Bound,
  kind: QuantityKind,
  cells: Operand[],
  match: Operand | undefined,
  what: string
): Claim {
  const doc = check.doc;
  const where = placeText(doc, b.place);
  const textValue = kind === 'rate' ? b.figure.value : comparable(b.figure);
  const unit = kind === 'amount' ? ' 万元' : kind === 'count' ? '' : '';
  const cellText = cells
    .map((c) => `${c.address ?? c.name}（${c.label}）${shown(c.value as Decimal, kind)}${unit}`)
    .join('；');
  const verdict = match ? '成立' : '不成立';
  const place =
    b.place.paragraph !== undefined
      ? { ...b.place, start: b.sentence!.start, end: b.sentence!.end }
      : b.place;
  const claim: Claim = {
    id: `${KIND.id}.${b.place.paragraph ?? `t${b.place.table}.${b.place.row}.${b.place.column}`}.${b.figure.start}`,
    kindId: KIND.id,
    kind: KIND.label,
    title: match
      ? `${what}与工作簿一致`
      : `${what}：报告写 ${b.figure.raw}，工作簿为 ${cells.map((c) => `${c.address ?? c.name} ${shown(c.value as Decimal, kind)}`).join('、')}`,
    statement: `${what}与工作簿所填相同`,
    text: quoteOf(doc, b.place, undefined, b.place),
    where,
    places: [place],
    verdict,
    stated: `${shown(textValue, kind)}${unit}`,
    computed: match
      ? `${match.address}（${match.label}）${shown(match.value as Decimal, kind)}${unit}`
      : cellText,
    figures: [
      {
        text: b.figure.raw,
        value: textValue.toString(),
        unit: b.figure.unit ?? b.unitInferred ?? null,
        label: b.label,
        where,
      },
    ],
  };
  if (!match) {
    const first = cells[0].value as Decimal;
    const finding: Finding = {
      id: `claim.${claim.id}`,
      rule: `claim.${KIND.id}`,
      family: '一致',
      title: claim.title,
      severity: '错误',
      kind: 'mismatch',
      statement: claim.statement,
      expected: { value: first, kind },
      computed: { value: textValue, kind },
      difference: { value: textValue.minus(first), kind },
      operands: [
        { name: '', label: `报告：${b.label || what}`, value: textValue, address: where, kind },
        ...cells,
      ],
      primary: cells[0],
      nextStep: '核对报表：报告与工作簿应为同一数，改正写错的一方后再核对。',
    };
    claim.finding = finding;
  }
  return claim;
}

/**
 * Claims comparing the report's figures with the workbook's named inputs. Give it the check of the
 * text and the model the engine built from the workbook (file host or the open workbook in Excel).
 */
export function crossCheckWorkbook(check: ReportCheck, model: Model): Claim[] {
  const out: Claim[] = [];
  for (const b of check.bindings.figures) {
    if (b.figure.approx) continue;
    if (b.key && (b.figure.kind === 'amount' || b.figure.kind === 'count' || b.unitInferred)) {
      const kind: QuantityKind = b.figure.kind === 'count' ? 'count' : 'amount';
      const cells = inputsFor(b)
        .filter((n) => INPUT_BY_NAME.has(n))
        .map((n) => cellOperand(model, n, kind))
        .filter((o) => o.value !== null);
      if (cells.length === 0) continue;
      const v = comparable(b.figure);
      const tol = b.figure.half.plus('0.005');
      const match = cells.find((c) => (c.value as Decimal).minus(v).abs().lte(tol));
      out.push(claimOf(check, b, kind, cells, match, keyWords(b.key)));
      continue;
    }
    if (b.figure.kind === 'rate' && b.place.paragraph !== undefined) {
      // A rate the text names (在职人员控制率为 91.30%) against the workbook's statement of it.
      const p = check.doc.paragraphs[b.place.paragraph];
      const before = compact(p.text.slice(Math.max(b.sentence!.start, b.figure.start - 24), b.figure.start));
      const w = RATE_WORDS.filter((x) => x.stated && new RegExp(`${x.re.source}.{0,4}$`).test(before)).pop();
      if (!w?.stated || !INPUT_BY_NAME.has(w.stated)) continue;
      const cell = cellOperand(model, w.stated, 'rate');
      if (cell.value === null) continue;
      const tol = b.figure.half.plus(new D('0.005'));
      const match = (cell.value as Decimal).minus(b.figure.value).abs().lte(tol) ? cell : undefined;
      out.push(claimOf(check, b, 'rate', [cell], match, w.indicator));
    }
  }
  return out;
}

/**
 * A report checked against itself and, with a workbook's model, against the workbook too (its grade
 * bands and 一级 names as its rulebook states them): what `check-report --workbook`, the pane's tab and
 * a batch do alike.
 */
export function checkReportWith(source: SourceDocument, model: Model | null): ReportCheck {
  if (!model) return checkReport(source);
  const { rulebook } = rulebookFromModel(model);
  const first = checkReport(source, { bands: rulebook?.bands, level1: rulebook?.level1.map((l) => l.name) });
  return withClaims(first, crossCheckWorkbook(first, model));
}
