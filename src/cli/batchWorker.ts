/** A batch worker thread: evaluates the workbooks it is sent, one at a time. */
import { parentPort } from 'worker_threads';
import { batchRow, BatchRow, evaluateFile } from './evaluateFile';

export interface BatchJob {
  input: string;
  output: string;
  rulesJson?: string;
}

parentPort?.on('message', async (job: BatchJob) => {
  let row: BatchRow;
  try {
    const e = await evaluateFile(job.input, job.output, { rulesJson: job.rulesJson });
    row = batchRow(job.input, job.output, e);
  } catch (err) {
    row = { file: job.input.split(/[\\/]/).pop()!, failure: (err as Error).message };
  }
  parentPort!.postMessage(row);
});
