/**
 * jixiao check-report <报告.docx|.txt|.pdf> [--workbook x.xlsx] [--json r.json] [-o 核对.docx] [--strict]
 *
 * Checks the numbers a department typed into its own report: every claim 成立, 不成立 or 无法核实,
 * with the arithmetic and the sentence. -o writes the report back with a Word comment on each 不成立
 * claim and a summary at the top, its text unchanged (a .txt or .pdf becomes a new .docx).
 */
import * as path from 'path';
import { claimLine, commentPlans, reportJson } from '../core/claims/render';
import { checkReportWith } from '../core/claims/workbook';
import { buildModel } from '../core/model';
import { openWorkbookKept, writeFileAtomic } from '../hosts/file/node';
import { readInputs } from '../hosts/file/xlsx';
import { commentedDocx, readReportFile } from '../hosts/report/node';

export interface CheckReportIo {
  out: (line: string) => void;
}

export interface CheckReportPaths {
  report: string;
  workbook?: string;
  json?: string;
  output?: string;
  strict?: boolean;
}

/** How many 不成立 claims the terminal lists (all are in --json and in -o's comments). */
const LISTED_FAILS = 200;
/** How many 无法核实 claims the terminal lists (the rest are in --json). */
const LISTED_UNVERIFIABLE = 10;

/** Runs the check; returns whether any claim failed. Errors are thrown as the CLI's read/write errors. */
export async function runCheckReport(p: CheckReportPaths, io: CheckReportIo): Promise<{ fails: number }> {
  const report = await readReportFile(p.report);
  const model = p.workbook ? buildModel(readInputs((await openWorkbookKept(p.workbook, 'read')).book)) : null;
  const check = checkReportWith(report.source, model);
  const s = check.summary;
  io.out(
    `报告数字核对：${path.basename(p.report)}${p.workbook ? `（对照工作簿 ${path.basename(p.workbook)}）` : ''}`
  );
  io.out(
    `共读出 ${s.claims} 处数字说法：成立 ${s.holds} 处，不成立 ${s.fails} 处，无法核实 ${s.unverifiable} 处`
  );
  io.out(
    `按类别：${Object.entries(s.byKind)
      .map(([k, n]) => `${k} ${n}`)
      .join('，')}`
  );
  const fails = check.claims.filter((c) => c.verdict === '不成立');
  for (const c of fails.slice(0, LISTED_FAILS)) io.out(`  ${claimLine(c)}`);
  if (fails.length > LISTED_FAILS)
    io.out(`  ……另有 ${fails.length - LISTED_FAILS} 处不成立，见 --json 输出或 -o 的批注`);
  const unverifiable = check.claims.filter((c) => c.verdict === '无法核实');
  for (const c of unverifiable.slice(0, LISTED_UNVERIFIABLE)) io.out(`  ${claimLine(c)}`);
  if (unverifiable.length > LISTED_UNVERIFIABLE)
    io.out(`  ……另有 ${unverifiable.length - LISTED_UNVERIFIABLE} 处无法核实，见 --json 输出`);
  if (p.json) await writeFileAtomic(p.json, JSON.stringify(reportJson(check), null, 2));
  if (p.output) await writeFileAtomic(p.output, commentedDocx(report, commentPlans(check)));
  for (const f of [p.json, p.output]) if (f) io.out(`已写入：${f}`);
  return { fails: fails.length };
}
