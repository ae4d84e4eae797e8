/**
 * `jixiao batch <folder> -o <out-folder>`: every workbook of a folder, in parallel on the cores.
 * Nothing stops a batch: each workbook runs in a worker with a memory limit and a timeout, a worker
 * that dies is replaced, and every entry not evaluated is listed in 汇总 with the reason.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { summarySheet } from '../core/sheets/batchSheet';
import { writeFileAtomic, writeWorkbook } from '../hosts/file/node';
import { applyPlan, newXlsx } from '../hosts/file/xlsx';
import { OTHER_EXTENSIONS } from '../hosts/file/formats';
import type { BatchJob, BatchOutput, BatchReply } from './batchWorker';
import type { BatchRow } from './evaluateFile';
import { cleanText } from './text';

export interface BatchOptions {
  workers?: number;
  rulesJson?: string;
  /** Seconds one workbook may take (default 120). */
  timeoutSeconds?: number;
  /** Heap limit of each worker, MB (default 768). */
  workerMemoryMb?: number;
  /** Called after each workbook with (done, total, file). */
  progress?: (done: number, total: number, file: string) => void;
}

export interface BatchResult {
  rows: BatchRow[];
  summaryFile: string;
  seconds: number;
  /** Workers used (capped at the cores). */
  workers: number;
  /**
   * Milliseconds each stage took over the workbooks that reached it, summed across workers (读入, 计算, 写回, 审核意见:
   * 写回 and 审核意见 make the files' bytes, which this thread writes), and 汇总.
   */
  stages: Record<string, { ms: number; count: number }>;
}

export const SUMMARY_FILE = '汇总.xlsx';
/** A worker's young generation (three semi-spaces' worth), MB. */
const YOUNG_GENERATION_MB = 96;
/** A result's name ends so; its extension is .xlsx, or .xlsm for a macro-enabled input (as `evaluate` requires). */
const OUTPUT_SUFFIX = '-评价.xlsx';
const isOutputName = (name: string) => /-评价\.xls[xm]$/i.test(name);
/** The files a batch evaluates, by extension: .xlsx, .xlsm and the formats read through SheetJS. */
const isWorkbookName = (name: string) =>
  /\.xls[xm]$/i.test(name) || OTHER_EXTENSIONS.includes(path.extname(name).toLowerCase());
/** Each department's 审核意见, beside its result workbook. */
const REVIEW_SUFFIX = '-审核意见.docx';
/** A department's own report beside its workbook (same base name), in the order one is preferred. */
const REPORT_EXTENSIONS = ['.docx', '.pdf', '.txt'];

/** For each workbook, the report file beside it with the same base name, if any (each folder read once). */
async function reportsBeside(files: string[]): Promise<Map<string, string>> {
  const byDir = new Map<string, Map<string, string>>();
  const found = new Map<string, string>();
  for (const file of files) {
    const dir = path.dirname(file);
    let names = byDir.get(dir);
    if (!names) {
      names = new Map();
      const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const e of entries) {
        const ext = path.extname(e.name).toLowerCase();
        if (!e.isFile() || !REPORT_EXTENSIONS.includes(ext)) continue;
        const key = `${path.basename(e.name, path.extname(e.name))}${ext}`;
        if (!names.has(key)) names.set(key, path.join(dir, e.name));
      }
      byDir.set(dir, names);
    }
    const base = path.basename(file, path.extname(file));
    const report = REPORT_EXTENSIONS.map((ext) => names!.get(`${base}${ext}`)).find(Boolean);
    if (report) found.set(file, report);
  }
  return found;
}

/** An entry of the folder that is not evaluated, and why. */
export interface Skipped {
  file: string;
  reason: string;
}

/** Files of a folder (recursively) to evaluate, and the entries left out with their reason. Never throws for one entry. */
export async function listWorkbooks(
  folder: string,
  outFolder?: string
): Promise<{ files: string[]; skipped: Skipped[] }> {
  const files: string[] = [];
  const skipped: Skipped[] = [];
  const seen = new Map<string, string>();
  const outReal = outFolder ? await fs.realpath(outFolder).catch(() => path.resolve(outFolder)) : undefined;
  const rel = (p: string) => path.relative(folder, p) || path.basename(p);
  const visited = new Set<string>();
  async function walk(dir: string): Promise<void> {
    let real: string;
    let entries: import('fs').Dirent[];
    try {
      real = await fs.realpath(dir);
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      skipped.push({ file: rel(dir), reason: '文件夹无法读取（没有权限或已被删除）' });
      return;
    }
    if (visited.has(real)) return; // a link back up the tree
    visited.add(real);
    if (outReal && real === outReal) {
      skipped.push({ file: rel(dir), reason: '这是本次的输出文件夹，其中的文件是本工具的输出，不再评价' });
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.name.startsWith('~$') || e.name.startsWith('.~')) continue; // Excel's lock files, our temporary files
      let st: import('fs').Stats;
      try {
        st = await fs.stat(p);
      } catch {
        if (isWorkbookName(e.name))
          skipped.push({ file: rel(p), reason: '无法读取（没有权限，或是失效的快捷方式）' });
        continue;
      }
      if (st.isDirectory()) {
        await walk(p);
        continue;
      }
      // .xlsm too: its result is written into its own package, macros kept (keep.ts). .xls, .et, .xlsb,
      // .ods, .uos are read only: their result is a new .xlsx.
      if (!isWorkbookName(e.name)) continue;
      if (!st.isFile()) {
        skipped.push({ file: rel(p), reason: '不是普通文件（是管道、设备或套接字），已跳过' });
        continue;
      }
      if (e.name === SUMMARY_FILE || isOutputName(e.name)) {
        skipped.push({ file: rel(p), reason: '这是本工具以前的输出（汇总或评价结果），不再评价' });
        continue;
      }
      const id = `${st.dev}:${st.ino}`;
      const first = seen.get(id);
      if (first !== undefined) {
        skipped.push({ file: rel(p), reason: `与 ${rel(first)} 是同一个文件（链接），只评价一次` });
        continue;
      }
      seen.set(id, p);
      files.push(p);
    }
  }
  await walk(folder);
  return { files, skipped };
}

/** A file name safe on every system and inside the output folder: no separators, drive or UNC prefixes, control characters. */
export function safeFileName(base: string): string {
  const clean = cleanText(base)
    .replace(/[\\/:*?"<>|]/g, '_')
    .replace(/^[.\s]+/, '')
    .slice(0, 120);
  return clean || '工作簿';
}

export async function runBatch(
  folder: string,
  outFolder: string,
  options: BatchOptions = {}
): Promise<BatchResult> {
  const started = performance.now();
  const { files, skipped } = await listWorkbooks(folder, outFolder);
  await fs.mkdir(outFolder, { recursive: true });
  const used = new Set<string>();
  const reports = await reportsBeside(files);
  const jobs: BatchJob[] = files.map((input) => {
    // Distinct output names even when sub-folders hold files of the same name.
    let base = safeFileName(path.basename(input, path.extname(input)));
    while (used.has(base.toLowerCase())) base = `${base}_`;
    used.add(base.toLowerCase());
    return {
      input,
      output: path.join(outFolder, `${base}${OUTPUT_SUFFIX}`),
      review: path.join(outFolder, `${base}${REVIEW_SUFFIX}`),
      rulesJson: options.rulesJson,
      report: reports.get(input),
    };
  });
  const cores = os.availableParallelism();
  const count = Math.max(1, Math.min(options.workers ?? cores, cores, jobs.length || 1));
  const timeoutMs = (options.timeoutSeconds ?? 120) * 1000;
  const rows: BatchRow[] = [];
  const label = (j: BatchJob) => path.relative(folder, j.input) || path.basename(j.input);
  let next = 0;
  const workerFile = path.join(__dirname, 'batchWorker.js');
  const stages: BatchResult['stages'] = {};
  const done = (row: BatchRow) => {
    rows.push(row);
    options.progress?.(rows.length, jobs.length, row.file);
  };
  /** Every job's writing, awaited before 汇总. */
  const writing: Promise<void>[] = [];
  /**
   * One lane: a worker fed job after job; replaced by a fresh one whenever it dies or overruns. This
   * thread writes a job's files while the worker computes the next; the next but one waits for them,
   * so at most two jobs' files per lane are held.
   */
  const lane = () =>
    new Promise<void>((resolve) => {
      let written: Promise<void> = Promise.resolve();
      const start = () => {
        const worker = new Worker(workerFile, {
          resourceLimits: {
            maxOldGenerationSizeMb: options.workerMemoryMb ?? 768,
            // A workbook allocates about 26 MB that dies young; V8's default young generation (16 MB semi-spaces)
            // copies the live part of a workbook two or three times a workbook: 32 MB semi-spaces halve that.
            maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
          },
        });
        let current: BatchJob | undefined;
        let timer: NodeJS.Timeout | undefined;
        let finished = false;
        const fail = (why: string) => {
          if (finished) return;
          finished = true;
          if (timer) clearTimeout(timer);
          if (current) done({ file: label(current), failure: why });
          current = undefined;
          void worker.terminate();
          start(); // a replacement takes the next workbook
        };
        const feed = () => {
          if (timer) clearTimeout(timer);
          current = jobs[next++];
          if (!current) {
            finished = true;
            void worker.terminate().then(() => resolve());
            return;
          }
          timer = setTimeout(
            () => fail(`评价超时（超过 ${timeoutMs / 1000} 秒），已中止；工作簿可能过大`),
            timeoutMs
          );
          worker.postMessage(current);
        };
        worker.on('message', ({ row, stages: took, outputs }: BatchReply) => {
          if (finished) return;
          if (timer) clearTimeout(timer);
          for (const [stage, ms] of Object.entries(took)) {
            const s = (stages[stage] ??= { ms: 0, count: 0 });
            s.ms += ms;
            s.count++;
          }
          const file = current ? label(current) : row.file;
          current = undefined;
          const previous = written;
          written = writeOutputs(outputs).then((failure) =>
            done(failure ? { file, failure } : { ...row, file })
          );
          writing.push(written);
          void previous.then(() => {
            if (!finished) feed();
          });
        });
        worker.on('error', (err: Error & { code?: string }) =>
          fail(
            err.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? '评价时内存超出上限，已中止；工作簿可能过大'
              : '评价时出错，已中止'
          )
        );
        worker.on('exit', () => fail('评价时工作线程异常退出'));
        feed();
      };
      start();
    });
  await Promise.all(Array.from({ length: jobs.length ? count : 0 }, lane));
  await Promise.all(writing);
  // Workers finish in any order; 汇总 lists the files in the folder's order, so two runs give one summary.
  const order = new Map(jobs.map((j, i) => [label(j), i]));
  rows.sort((a, b) => (order.get(a.file) ?? jobs.length) - (order.get(b.file) ?? jobs.length));
  for (const s of skipped) rows.push({ file: s.file, failure: s.reason });
  const summaryStarted = performance.now();
  const book = newXlsx();
  applyPlan(book, { sheets: [summarySheet(rows.map(cleanRow))], marks: [] });
  const summaryFile = path.join(outFolder, SUMMARY_FILE);
  await writeWorkbook(book, summaryFile);
  stages['汇总'] = { ms: performance.now() - summaryStarted, count: 1 };
  return { rows, summaryFile, seconds: (performance.now() - started) / 1000, workers: count, stages };
}

/** Writes a job's files in order; the first that cannot be written ends it, and its reason is returned. */
async function writeOutputs(outputs: BatchOutput[]): Promise<string | undefined> {
  try {
    for (const o of outputs) await writeFileAtomic(o.file, o.bytes);
    return undefined;
  } catch (err) {
    const message = (err as Error).message;
    return /[\u4e00-\u9fff]/.test(message) ? message : '评价时出现内部错误';
  }
}

/** A summary row with every text cleaned (control characters out, Excel's cell limit kept). */
function cleanRow(r: BatchRow): BatchRow {
  const t = (s: string | null | undefined) => (typeof s === 'string' ? cleanText(s, { cell: true }) : s);
  return {
    ...r,
    file: t(r.file)!,
    unit: t(r.unit),
    year: t(r.year),
    worst: t(r.worst) ?? undefined,
    failure: t(r.failure) ?? undefined,
    report: r.report && { ...r.report, file: t(r.report.file)!, failure: t(r.report.failure) ?? undefined },
  };
}

/** A one-line progress bar for a terminal; plain lines every 10% otherwise. */
export function progressBar(write: (s: string) => void, tty: boolean): BatchOptions['progress'] {
  let lastDecile = -1;
  return (done, total, file) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    if (tty) {
      write(
        `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${cleanText(file).slice(0, 30).padEnd(30)}`
      );
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
