/** A batch worker thread: evaluates the workbooks it is sent, one at a time. */
import { parentPort } from 'worker_threads';
import { batchRow, BatchRow, evaluateFile } from './evaluateFile';

export interface BatchJob {
  input: string;
  /** The result's file; its extension becomes .xlsm when the input is macro-enabled. */
  output: string;
  rulesJson?: string;
  /** Where to write the department's 审核意见 (.docx). */
  review?: string;
}

/** What a worker answers for a job: the summary row, and the milliseconds each stage took. */
export interface BatchReply {
  row: BatchRow;
  stages: Record<string, number>;
}

async function writeReview(e: Awaited<ReturnType<typeof evaluateFile>>, file: string): Promise<void> {
  const [{ writeFileAtomic }, { reportToDocx }, { draftReview }, { deflateRawChunk }] = await Promise.all([
    import('../hosts/file/node'),
    import('../export/docx'),
    import('../core/review'),
    import('../hosts/file/zip'),
  ]);
  const review = draftReview({
    model: e.model,
    indicators: e.indicators,
    scores: e.scores,
    findings: e.findings,
  });
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
    const t = performance.now();
    if (job.review) await writeReview(e, job.review);
    stages['审核意见'] = performance.now() - t;
    row = batchRow(job.input, e.written, e);
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
