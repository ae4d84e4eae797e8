/**
 * The findings as the drafted texts (自评报告, 审核意见, 报送前核对清单) list them: one check failing on more than
 * {@link ROW_FINDINGS_LISTED} rows of one table is one problem there, naming its first rows and counting the rest
 * (`项目支出明细表 16000 行的项目预算总额与…之和不一致`, then
 * `第 15 行“项目1”…；…；另有 15997 行同样不符`). Every finding stays in the workbook's marks, its 问题清单 and the
 * JSON, and each figure stays in doubt in the texts: only the list of problems is shortened.
 */
import { INPUT_BY_NAME } from '../catalogue/inputs';
import { CHECKS } from '../catalogue/checks';
import { briefProblem } from './render/finding';
import type { Finding } from './results';

/** Per table and check: past this many failed rows, the texts state them as one problem. */
export const ROW_FINDINGS_LISTED = 50;
/** The rows such a problem names, each with its figures, before counting the rest. */
export const ROWS_NAMED = 3;

const TITLE_OF = new Map(CHECKS.map((c) => [c.id, c.title]));

/** The table every figure of a top-level finding of one row is in (`项目支出明细表[项目7].预算总额`), else null. */
function rowTable(f: Finding): string | null {
  if (f.id === f.rule || f.explanation || f.operands.length === 0) return null;
  const tables = new Set(f.operands.map((o) => /^([^[\]]+)\[/.exec(o.name)?.[1] ?? ''));
  const [table] = tables;
  return tables.size === 1 && table ? table : null;
}

/** The sheet row of a finding's first located figure (`项目支出!E21` → 21). */
const rowNumber = (f: Finding): string | undefined =>
  /(\d+)$/.exec((f.primary ?? f.operands.find((o) => o.address))?.address ?? '')?.[1];

/** `findings` with each check's failures on more than {@link ROW_FINDINGS_LISTED} rows of one table as one. */
export function textFindings(findings: Finding[]): Finding[] {
  const byGroup = new Map<string, Finding[]>();
  for (const f of findings) {
    const table = rowTable(f);
    if (!table) continue;
    const key = `${f.severity}|${f.rule}|${table}`;
    const members = byGroup.get(key);
    if (members) members.push(f);
    else byGroup.set(key, [f]);
  }
  const grouped = new Map<Finding, Finding | null>();
  for (const [key, members] of byGroup) {
    if (members.length <= ROW_FINDINGS_LISTED) continue;
    const table = key.slice(key.lastIndexOf('|') + 1);
    members.forEach((f, i) => grouped.set(f, i === 0 ? rowsFinding(table, members) : null));
  }
  if (grouped.size === 0) return findings;
  return findings.flatMap((f) => {
    const g = grouped.get(f);
    return g === undefined ? [f] : g ? [g] : [];
  });
}

/** One problem for a check's failures on many rows of `table`: the first rows with their figures, the rest counted. */
function rowsFinding(table: string, members: Finding[]): Finding {
  const first = members[0];
  const named = members.slice(0, ROWS_NAMED);
  const atRow = (f: Finding) => {
    const row = rowNumber(f);
    return `${row ? `第 ${row} 行` : ''}${briefProblem(f)}`;
  };
  const consequences = [...new Set(members.flatMap((f) => f.consequences ?? []))];
  const affects = [...new Set(members.flatMap((f) => f.affects ?? []))];
  return {
    id: `${first.rule}.${table}.多行`,
    rule: first.rule,
    family: first.family,
    title: `${INPUT_BY_NAME.get(table)?.label ?? table} ${members.length} 行的${TITLE_OF.get(first.rule) ?? first.title}`,
    severity: first.severity,
    kind: 'notice',
    detail: `${named.map(atRow).join('；')}；另有 ${members.length - named.length} 行同样不符`,
    operands: named.flatMap((f) => f.operands),
    nextStep: first.nextStep,
    ...(consequences.length ? { consequences } : {}),
    ...(affects.length ? { affects } : {}),
  };
}
