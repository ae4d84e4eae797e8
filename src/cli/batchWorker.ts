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

/** A file the main thread writes for a job, in order, while the worker goes on to the next. */
export interface BatchOutput {
  file: string;
  bytes: Uint8Array;
}

/**
 * What a worker answers for a job: the summary row, the milliseconds each stage took, and the files to
 * write (the result workbook, then the 审核意见); a file that cannot be written turns the row into a failure.
 */
export interface BatchReply {
  row: BatchRow;
  stages: Record<string, number>;
  outputs: BatchOutput[];
}

async function reviewDocx(e: Evaluated, reportText?: ReportTextCheck): Promise<Uint8Array> {
  const [{ reportToDocx }, { draftReview }, { deflateRawChunk }] = await Promise.all([
    import('../export/docx'),
    import('../core/review'),
    import('../hosts/file/zip'),
  ]);
  const review = draftReview(
    { model: e.model, indicators: e.indicators, scores: e.scores, findings: e.findings },
    reportText
  );
  return reportToDocx(review, null, { deflate: deflateRawChunk });
}

/** Bytes in an ArrayBuffer of their own, so they move to the main thread without a copy. */
function owned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

parentPort?.on('message', async (job: BatchJob) => {
  let row: BatchRow;
  const stages: Record<string, number> = {};
  const outputs: BatchOutput[] = [];
  try {
    const e = await evaluateFile(job.input, job.output, {
      rulesJson: job.rulesJson,
      requireOurNames: true,
      nameByKind: true, // a macro-enabled workbook's result is an .xlsm
      timed: (stage, ms) => (stages[stage] = ms),
    });
    if (e.written && e.bytes) outputs.push({ file: e.written, bytes: owned(e.bytes) });
    const report = job.report ? await checkReportBeside(e, job.report) : undefined;
    const t = performance.now();
    if (job.review) outputs.push({ file: job.review, bytes: owned(await reviewDocx(e, report?.text)) });
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
  parentPort!.postMessage(
    { row, stages, outputs } satisfies BatchReply,
    outputs.map((o) => o.bytes.buffer as ArrayBuffer)
  );
});
