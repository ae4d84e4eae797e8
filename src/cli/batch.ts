/**
 * `jixiao batch <folder> -o <out-folder>`: every workbook of a folder, in parallel on all cores.
 * A workbook that fails is reported in the summary and never stops the batch.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { summarySheet } from '../core/sheets/batchSheet';
import { writeWorkbook } from '../hosts/file/node';
import { applyPlan, newXlsx } from '../hosts/file/xlsx';
import type { BatchJob } from './batchWorker';
import type { BatchRow } from './evaluateFile';

export interface BatchOptions {
  workers?: number;
  rulesJson?: string;
  /** Called after each workbook with (done, total, file). */
  progress?: (done: number, total: number, file: string) => void;
}

export interface BatchResult {
  rows: BatchRow[];
  summaryFile: string;
  seconds: number;
}

/** Workbooks of a folder (recursively), skipping Excel's lock files and our own outputs. */
export async function listWorkbooks(folder: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(folder, { withFileTypes: true })) {
    const p = path.join(folder, e.name);
    if (e.isDirectory()) out.push(...(await listWorkbooks(p)));
    else if (/\.xlsx$/i.test(e.name) && !e.name.startsWith('~$')) out.push(p);
  }
  return out.sort();
}

export async function runBatch(folder: string, outFolder: string, options: BatchOptions = {}): Promise<BatchResult> {
  const started = performance.now();
  const files = await listWorkbooks(folder);
  await fs.mkdir(outFolder, { recursive: true });
  const used = new Set<string>();
  const jobs: BatchJob[] = files.map((input) => {
    // Distinct output names even when sub-folders hold files of the same name.
    let base = path.basename(input, path.extname(input));
    while (used.has(base)) base = `${base}_`;
    used.add(base);
    return {
      input,
      output: path.join(outFolder, `${base}-评价.xlsx`),
      review: path.join(outFolder, `${base}-审核意见.docx`),
      rulesJson: options.rulesJson,
    };
  });
  const count = Math.max(1, Math.min(options.workers ?? os.availableParallelism(), jobs.length));
  const rows: BatchRow[] = [];
  let next = 0;
  const workerFile = path.join(__dirname, 'batchWorker.js');
  await Promise.all(
    Array.from({ length: jobs.length ? count : 0 }, () =>
      new Promise<void>((resolve) => {
        const worker = new Worker(workerFile);
        let current: BatchJob | undefined;
        const feed = () => {
          current = jobs[next++];
          if (current) worker.postMessage(current);
          else void worker.terminate().then(() => resolve());
        };
        worker.on('message', (row: BatchRow) => {
          rows.push(row);
          options.progress?.(rows.length, jobs.length, row.file);
          feed();
        });
        worker.on('error', (err) => {
          // A crashed worker loses only its current workbook; the rest go on in a new worker.
          if (current) rows.push({ file: path.basename(current.input), failure: `评价时出错：${err.message}` });
          resolve();
        });
        feed();
      }),
    ),
  );
  // Workbooks left unprocessed by crashed workers.
  for (const j of jobs) if (!rows.some((r) => r.file === path.basename(j.input))) rows.push({ file: path.basename(j.input), failure: '未能处理（工作线程异常退出）' });
  const book = newXlsx();
  applyPlan(book, { sheets: [summarySheet(rows)], marks: [] });
  const summaryFile = path.join(outFolder, '汇总.xlsx');
  await writeWorkbook(book, summaryFile);
  return { rows, summaryFile, seconds: (performance.now() - started) / 1000 };
}

/** A one-line progress bar for a terminal; plain lines every 10% otherwise. */
export function progressBar(write: (s: string) => void, tty: boolean): BatchOptions['progress'] {
  let lastDecile = -1;
  return (done, total, file) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    if (tty) {
      write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${file.slice(0, 30).padEnd(30)}`);
      if (done === total) write('\n');
    } else {
      const decile = Math.floor((done / total) * 10);
      if (decile !== lastDecile || done === total) {
        lastDecile = decile;
        write(`已完成 ${done}/${total}\n`);
      }
    }
  };
}
