/**
 * Linear in every input (issue 24 item 1): one long text costs time in proportion to its length.
 * Each case runs the real command line (`node bin/jixiao.js`, lib/ built by pretest) as its own
 * process at lengths growing 4× a step, from 1 K to 1 M characters (Excel's 32,767 for "every text
 * cell at once"), and compares the CPU time of consecutive lengths. Linear cost (plus the fixed cost
 * of a run) grows at most 4× a step; the quadratic step a 1 MB 单位名称 once hit grew 16× and more.
 * A table's rows count as its length too: n failing project rows.
 * No time limit is asserted: only ratios between lengths. A run that takes more than
 * {@link KILL_RATIO} times the previous one's wall time (at least 30 s) is stopped and fails as super-linear.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { INPUTS } from '../../src/catalogue/inputs';
import type { InputValues } from '../../src/core/fill';
import { templatePlan } from '../../src/core/template';
import { applyPlan, newXlsx, saveXlsx } from '../../src/hosts/file/xlsx';
import { failingRows } from '../helpers/failingRows';
import { sampleValues } from '../helpers/sample';

const BIN = path.join(__dirname, '..', '..', 'bin', 'jixiao.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-linear-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Linear growth over a 4× step is at most 4× (less, with a run's fixed cost); this leaves room for a busy machine's noise. */
const MAX_STEP_RATIO = 6;
/** A run slower than this many times the previous one's wall time is stopped: super-linear beyond doubt. */
const KILL_RATIO = 10;

interface Run {
  /** User + system CPU seconds of the process. */
  cpu: number;
  wall: number;
  code: number | null;
  stderr: string;
}

/** `jixiao …` as its own process; its CPU time from process.resourceUsage() at exit. */
function jixiao(args: string[], killAfter: number): Promise<Run> {
  const probe = `process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\n@@CPU '+(u.userCPUTime+u.systemCPUTime)+'\\n')});process.argv.splice(1,0,'jixiao');require(${JSON.stringify(BIN)})`;
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', probe, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfter);
    child.on('close', (code) => {
      clearTimeout(timer);
      const us = Number(/@@CPU (\d+)/.exec(stderr)?.[1] ?? NaN);
      resolve({ cpu: us / 1e6, wall: (Date.now() - started) / 1000, code, stderr });
    });
  });
}

async function workbook(file: string, values: InputValues): Promise<string> {
  const book = newXlsx();
  applyPlan(book, templatePlan({ ...sampleValues(), ...values }));
  fs.writeFileSync(file, await saveXlsx(book));
  return file;
}

/** A text of `n` characters in sentences, as a department writes (CJK, with 。 now and then). */
const prose = (n: number) => '本单位认真履行职责，推动科普工作。'.repeat(Math.ceil(n / 17)).slice(0, n);
/** A name of `n` characters: one "sentence" with no 。 to cut after, so every report row is cut where it is full. */
const name = (n: number) => '衡阳市科学技术协会'.repeat(Math.ceil(n / 9)).slice(0, n);

/** Every text input at `n` characters: the text scalars and the text columns of each table's first row. */
function everyText(n: number): InputValues {
  const base = sampleValues();
  const out: InputValues = {};
  for (const d of INPUTS) {
    if (d.type === 'scalar' && d.kind === 'text') out[d.name] = prose(n);
    if (d.type !== 'table') continue;
    const rows = ((base[d.name] as unknown[][] | undefined) ?? [[]]).map((r) => [...r]);
    d.columns.forEach((c, i) => {
      if (c.kind === 'text') rows[0][i] = prose(n);
    });
    out[d.name] = rows as InputValues[string];
  }
  return out;
}

interface Case {
  what: string;
  lengths: number[];
  /** The runs whose CPU time counts, at length n (built in this process first, not counted). */
  run(n: number, killAfter: number): Promise<Run[]>;
}

const evaluateAll = (input: string, n: number) => [
  'evaluate',
  input,
  '-o',
  path.join(tmp, `out-${n}.xlsx`),
  '--json',
  path.join(tmp, `out-${n}.json`),
  '--docx',
  path.join(tmp, `out-${n}.docx`),
  '--review',
  path.join(tmp, `review-${n}.docx`),
];

const KB = 1024;
const CASES: Case[] = [
  {
    what: '单位名称 of n characters: evaluate -o --json --docx --review',
    lengths: [KB, 4 * KB, 16 * KB, 64 * KB, 256 * KB, 1024 * KB],
    run: async (n, killAfter) => {
      const input = await workbook(path.join(tmp, `unit-${n}.xlsx`), { 单位名称: name(n) });
      return [await jixiao(evaluateAll(input, n), killAfter)];
    },
  },
  {
    what: '存在问题 of n characters typed through fill (its JSON bound is 5 MB), then evaluate -o --docx',
    lengths: [16 * KB, 64 * KB, 256 * KB, 1024 * KB],
    run: async (n, killAfter) => {
      const json = path.join(tmp, `fill-${n}.json`);
      fs.writeFileSync(json, JSON.stringify({ ...sampleValues(), 存在问题: prose(n) }));
      const filled = path.join(tmp, `filled-${n}.xlsx`);
      const fill = await jixiao(['fill', json, '-o', filled, '--force'], killAfter);
      if (fill.code !== 0) return [fill];
      return [fill, await jixiao(evaluateAll(filled, n), killAfter)];
    },
  },
  {
    what: 'every text cell (11 text inputs, the text columns of every table) at n characters, up to Excel’s 32,767',
    lengths: [2 * KB, 8 * KB, 32_767],
    run: async (n, killAfter) => {
      const input = await workbook(path.join(tmp, `every-${n}.xlsx`), everyText(n));
      return [await jixiao(evaluateAll(input, n), killAfter)];
    },
  },
  {
    // Each row fails its own sum, and every column's sum over the rows fails with it: thousands of findings
    // sharing cells to fold, figures to doubt and notes to write (each of these was once quadratic).
    what: 'n project rows that each fail 预算总额 = 年初预算 + 年中追加: evaluate -o --json --docx --review',
    lengths: [1000, 4000],
    run: async (n, killAfter) => {
      const input = await workbook(path.join(tmp, `rows-${n}.xlsx`), failingRows(n));
      return [await jixiao(evaluateAll(input, n), killAfter)];
    },
  },
];

/** The whole case's budget: a run is stopped before it, so a super-linear run fails on its ratio, not on jest's timeout. */
const CASE_MS = 280_000;

describe('one long text costs time linear in its length', () => {
  test.each(CASES.map((c) => [c.what, c] as const))(
    '%s',
    async (_what, c) => {
      const deadline = Date.now() + CASE_MS;
      const seen: Array<{ n: number; cpu: number; wall: number }> = [];
      const table = () =>
        seen.map(
          (s, i) => `${s.n}: ${s.cpu.toFixed(2)} s${i ? ` (×${(s.cpu / seen[i - 1].cpu).toFixed(2)})` : ''}`
        );
      for (const n of c.lengths) {
        const last = seen[seen.length - 1];
        const budget = last ? Math.max(30_000, KILL_RATIO * last.wall * 1000) : CASE_MS;
        const runs = await c.run(n, Math.min(budget, deadline - Date.now()));
        for (const r of runs) {
          if (r.code === null)
            throw new Error(
              `${n} 字时运行 ${r.wall.toFixed(0)} s 后被终止（上一长度 ${last?.wall.toFixed(1) ?? '?'} s）：耗时随长度超线性增长\n  ${table().join('\n  ')}`
            );
          // Exit 0, or 4/5 when the every-text case leaves scored inputs unreadable; never a crash.
          expect([0, 4, 5]).toContain(r.code);
        }
        seen.push({
          n,
          cpu: runs.reduce((sum, r) => sum + r.cpu, 0),
          wall: runs.reduce((sum, r) => sum + r.wall, 0),
        });
      }
      // Printed so the ratios can be quoted.
      console.log(`${c.what}\n  ${table().join('\n  ')}`);
      for (let i = 1; i < seen.length; i++)
        expect(seen[i].cpu / seen[i - 1].cpu).toBeLessThan(MAX_STEP_RATIO);
    },
    CASE_MS + 20_000
  );
});
