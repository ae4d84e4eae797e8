/** A batch worker thread: evaluates the workbooks it is sent, one at a time. */
import * as path from 'path';
import { parentPort } from 'worker_threads';
import type { ReportTextCheck } from '../core/review';
import { batchRow, BatchRow, evaluateFile } from './evaluateFile';

export interface BatchJob {
  input: string;
  /** The result's file; its extension becomes .xlsm when the input is macro-enabled. */
  output: string;
  rulesJson?: string;
  /** Where to write the department's 审核意见 (.docx). */
  review?: string;
  /** The department's report beside the workbook (same base name): its numbers are checked too. */
  report?: string;
}

type Evaluated = Awaited<ReturnType<typeof evaluateFile>>;

/** The report's numbers checked against themselves and the workbook, for 汇总 and the 审核意见; a report it cannot read is told in 汇总. */
async function checkReportBeside(
  e: Evaluated,
  report: string
): Promise<{ row: NonNullable<BatchRow['report']>; text?: ReportTextCheck }> {
  const [{ readReportFile }, { checkReportWith }] = await Promise.all([
    import('../hosts/report/node'),
    import('../core/claims/workbook'),
  ]);
  const file = path.basename(report);
  try {
    const { summary: s, claims } = checkReportWith((await readReportFile(report)).source, e.model);
    return {
      row: { file, claims: s.claims, fails: s.fails, unverifiable: s.unverifiable },
      text: { file, summary: s, claims },
    };
  } catch (err) {
    const message = (err as Error).message;
    return { row: { file, failure: /[\u4e00-\u9fff]/.test(message) ? message : '读取时出现内部错误' } };
  }
}

/** What a worker answers for a job: the summary row, and the milliseconds each stage took. */
export interface BatchReply {
  row: BatchRow;
  stages: Record<string, number>;
}

async function writeReview(e: Evaluated, file: string, reportText?: ReportTextCheck): Promise<void> {
  const [{ writeFileAtomic }, { reportToDocx }, { draftReview }, { deflateRawChunk }] = await Promise.all([
    import('../hosts/file/node'),
    import('../export/docx'),
    import('../core/review'),
    import('../hosts/file/zip'),
  ]);
  const review = draftReview(
    { model: e.model, indicators: e.indicators, scores: e.scores, findings: e.findings },
    reportText
  );
  await writeFileAtomic(file, await reportToDocx(review, null, { deflate: deflateRawChunk }));
}

parentPort?.on('message', async (job: BatchJob) => {
  let row: BatchRow;
  const stages: Record<string, number> = {};
  try {
    const e = await evaluateFile(job.input, job.output, {
      rulesJson: job.rulesJson,
      requireOurNames: true,
      nameByKind: true, // a macro-enabled workbook's result is an .xlsm
      timed: (stage, ms) => (stages[stage] = ms),
    });
    const report = job.report ? await checkReportBeside(e, job.report) : undefined;
    const t = performance.now();
    if (job.review) await writeReview(e, job.review, report?.text);
    stages['审核意见'] = performance.now() - t;
    row = { ...batchRow(job.input, e.written, e), ...(report && { report: report.row }) };
  } catch (err) {
    // Our own errors are Chinese; anything else is an internal, told as such without its English text.
    const message = (err as Error).message;
    row = {
      file: job.input.split(/[\\/]/).pop()!,
      failure: /[\u4e00-\u9fff]/.test(message) ? message : '评价时出现内部错误',
    };
  }
  parentPort!.postMessage({ row, stages } satisfies BatchReply);
});
