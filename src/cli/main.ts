/**
 * jixiao — the command line. Same engine as the add-in, over .xlsx files.
 *
 *   jixiao template <out.xlsx>
 *   jixiao fill <values.json> -o <out.xlsx>
 *   jixiao evaluate <in.xlsx> -o <out.xlsx> [--json <results.json>] [--rules <rules.json>] [--docx <report.docx> [--docx-comments]] [--review <审核意见.docx>] [--strict]
 *   jixiao clear <in.xlsx> -o <out.xlsx>
 *   jixiao batch <folder> -o <out-folder>
 *   jixiao generate <n> -o <folder>
 *   jixiao import <their.xlsx> -o <ours.xlsx>
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import type { InputValues } from '../core/fill';
import { evaluate } from '../core/engine';
import { cliLine } from '../core/render/finding';
import { parseRulebookJson } from '../core/rulebook';
import { templatePlan } from '../core/template';
import {
  KindMismatchError,
  openWorkbookKept,
  ReadError,
  readRegularFile,
  WriteError,
  releaseOutputs,
  writeFileAtomic,
  writeKept,
  writeWorkbook,
} from '../hosts/file/node';
import type { KeepResult } from '../hosts/file/keep';
import { applyPlan, newXlsx, readInputs } from '../hosts/file/xlsx';
import { evaluationJson } from './json';
import { NamedPath, outputsProblem, pathClash } from './paths';
import { cleanText } from './text';

export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  input: 3,
  findings: 4,
  incomplete: 5,
  output: 6,
} as const;

const USAGE = `用法：
  jixiao template <输出.xlsx> [--force]             生成空白输入模板（已有同名文件时须加 --force 才覆盖）
  jixiao fill <数据.json> -o <输出.xlsx> [--force]   用 JSON 中的数据（名称 → 值）填写模板
  jixiao evaluate <输入.xlsx> -o <输出.xlsx> [--json <结果.json>] [--rules <评分规则.json>] [--docx <报告.docx> [--docx-comments]] [--review <审核意见.docx>] [--strict]
                                                     读取、计算、核对、写回；--strict 有“错误”级问题时退出码为 4
  jixiao clear <输入.xlsx> -o <输出.xlsx>            清除助手添加的标记（底色和批注），不改变数值
  jixiao batch <文件夹> -o <输出文件夹> [--rules <评分规则.json>] [--workers N] [--timeout 秒]
                                                     批量评价文件夹中的全部工作簿（多核并行，每个限时默认 120 秒），并生成“汇总.xlsx”
  jixiao import <决算表.xlsx> -o <输出.xlsx>         识别工作簿中的部门决算表（公开01–09、财决表、基础数据表），按表填写模板并逐项报告
  jixiao generate <数量> -o <输出文件夹> [--seed N] [--rows N] [--force]
                                                     生成随机但各项勾稽一致的测试工作簿

输出文件不会覆盖任何输入文件，写入先写临时文件再改名，失败时原有文件保持不变。
结果工作簿写入原工作簿的副本，只改动本工具的工作表和标记，图表、图片、数据透视表、宏、保护、外部链接和文档属性原样保留；
启用宏的工作簿（.xlsm）的结果须命名为 .xlsm。工作簿中已有同名的用户工作表时，本工具的表另取名（如“评分表(2)”），不覆盖。
退出码：0 完成；2 用法错误（含输出与输入是同一文件、.xlsm 的结果未命名为 .xlsm）；3 输入文件无法读取；4 （--strict）发现错误；
        5 数据不完整（未给出总分和等级）；6 输出无法写入（无权限、是文件夹、磁盘已满、文件被占用、文件已存在且未加 --force）；1 内部错误`;

class UsageError extends Error {}
/** Paths that would make an output replace an input: a usage error, told without the whole usage text. */
class PathClashError extends UsageError {}
class InputError extends Error {}

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIo: Io = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
};

/** An integer option or argument, at least `min`; anything else is a usage error naming it. */
function integer(text: string, what: string, min: number): number {
  const n = Number(text);
  const kind = min > 0 ? '正整数' : min === 0 ? '非负整数' : '整数';
  if (!/^\s*[-+]?\d+\s*$/.test(text) || n < min) throw new UsageError(`${what}应为${kind}：${text}`);
  return n;
}

function need(v: string | undefined, what: string): string {
  if (!v) throw new UsageError(`缺少${what}`);
  return v;
}

/** Opens a workbook to read it (only the sheets holding our names) and to write a result into its own package. */
async function open(file: string) {
  try {
    return await openWorkbookKept(file, 'read');
  } catch (e) {
    throw new InputError((e as Error).message);
  }
}

/** What the user is told about the sheets and records the run kept its hands off. */
function keptNotes(io: Io, r: KeepResult): void {
  for (const x of r.renamed)
    io.out(`工作簿中已有用户自己的工作表“${x.wanted}”，未改动；本次结果写入“${x.name}”`);
  if (r.clear.moved.length)
    io.out(
      `${r.clear.moved.slice(0, 5).join('、')}${r.clear.moved.length > 5 ? ` 等 ${r.clear.moved.length} 个单元格` : ''} 的内容已变（可能插入或删除了行列），不是原来标记的单元格，未改动`
    );
  if (r.clear.ignored.length)
    io.out(
      `标记记录中有 ${r.clear.ignored.length} 条未采用（不在本工具的名称区域内、重复，或单元格上已没有本工具的标记：${r.clear.ignored.slice(0, 3).join('、')}），这些单元格未改动；记录可能被改动过`
    );
}

/**
 * Refuses an output that is an input or another output (usage error; a link to an input is an output
 * problem), or whose target cannot take a file (exit 6); then claims the outputs for this run.
 */
async function guardPaths(inputs: NamedPath[], outputs: Array<NamedPath | undefined>): Promise<void> {
  const named = outputs.filter((o): o is NamedPath => o !== undefined && o.file !== '');
  const clash = await pathClash(inputs, named);
  if (clash) throw clash.link ? new WriteError(clash.message) : new PathClashError(clash.message);
  const problem = await outputsProblem(named);
  if (problem) throw new WriteError(problem);
}

async function cmdTemplate(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { force: { type: 'boolean' } },
  });
  const out = need(positionals[0], '输出文件名，如 jixiao template 模板.xlsx');
  const book = newXlsx();
  applyPlan(book, templatePlan());
  await writeWorkbook(book, out, { exclusive: !values.force });
  io.out(`已生成模板：${out}`);
  return EXIT.ok;
}

async function cmdFill(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' }, force: { type: 'boolean' } },
  });
  const src = need(positionals[0], '数据文件（JSON）');
  const out = need(values.output, '输出文件（-o）');
  await guardPaths([{ role: '数据文件', file: src }], [{ role: '输出文件（-o）', file: out }]);
  let data: InputValues;
  let text: string;
  try {
    text = (await readRegularFile(src, MAX_JSON_BYTES)).toString('utf8');
  } catch (e) {
    throw new InputError(`无法读取数据文件：${(e as Error).message}`);
  }
  try {
    data = JSON.parse(text) as InputValues;
  } catch {
    throw new InputError(`数据文件 ${src} 不是有效的 JSON；请检查括号、引号和逗号`);
  }
  const book = newXlsx();
  try {
    applyPlan(book, templatePlan(data));
  } catch (e) {
    throw new InputError(`${src}：${(e as Error).message}`);
  }
  await writeWorkbook(book, out, { exclusive: !values.force });
  io.out(`已生成：${out}`);
  return EXIT.ok;
}

async function cmdEvaluate(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      json: { type: 'string' },
      rules: { type: 'string' },
      docx: { type: 'string' },
      'docx-comments': { type: 'boolean' },
      review: { type: 'string' },
      strict: { type: 'boolean' },
    },
  });
  const input = need(positionals[0], '输入工作簿');
  await guardPaths(
    [
      { role: '输入工作簿', file: input },
      ...(values.rules ? [{ role: '评分规则文件（--rules）', file: values.rules }] : []),
    ],
    [
      values.output ? { role: '结果工作簿（-o）', file: values.output } : undefined,
      values.json ? { role: '结果 JSON（--json）', file: values.json } : undefined,
      values.docx ? { role: '报告（--docx）', file: values.docx } : undefined,
      values.review ? { role: '审核意见（--review）', file: values.review } : undefined,
    ]
  );
  const rulesJson = values.rules ? await readRules(values.rules) : undefined;
  // Without -o nothing is written back, so the sheets holding none of our names need not be loaded.
  const kept = await open(input);
  const reading = readInputs(kept.book);
  const result = evaluate(reading, { rulesJson });
  const written = values.output ? await writeKept(kept, result.plan, values.output) : undefined;
  if (values.json)
    await writeFileAtomic(
      values.json,
      JSON.stringify(evaluationJson(result, { file: path.basename(input) }), null, 2)
    );
  if (values.docx) {
    const { reportToDocx } = await import('../export/docx');
    await writeFileAtomic(
      values.docx,
      await reportToDocx(result.report, result.scores, { comments: values['docx-comments'] })
    );
  }
  if (values.review) {
    // 审核意见: what is aimed at the finance bureau's reviewer, kept out of the department's report.
    const [{ reportToDocx }, { draftReview }] = await Promise.all([
      import('../export/docx'),
      import('../core/review'),
    ]);
    const review = draftReview({
      model: result.model,
      indicators: result.indicators,
      scores: result.scores,
      findings: result.findings,
    });
    await writeFileAtomic(values.review, await reportToDocx(review, null));
  }
  const s = result.summary;
  io.out(`${s.unit ?? '（未填单位名称）'} ${s.year ?? ''}年度`);
  io.out(`数据：${s.completeness}`);
  if (!s.complete) {
    io.out('数据不完整：不给出总分和等级。最影响评分的未填数据（按取决于它的分值）：');
    for (const n of result.completeness.mostNeeded)
      io.out(`  ${n.address ?? `名称 ${n.name}`} ${n.label}（${n.points.toFixed(2)} 分）`);
  } else if (s.total !== null)
    io.out(`核实得分 ${s.total}，待核实分值 ${s.pendingPoints}，等级 ${s.gradeText}`);
  io.out(s.counts);
  // 数据不完整: the missing inputs above say what to do; a list of blank-cell findings would only repeat them.
  for (const f of s.complete ? result.findings.slice(0, 20) : []) io.out(`  ${cliLine(f)}`);
  if (s.complete && result.findings.length > 20)
    io.out(`  ……另有 ${result.findings.length - 20} 项，见 --json 输出或“问题清单”表`);
  if (written) keptNotes(io, written);
  for (const f of [values.output, values.json, values.docx, values.review]) if (f) io.out(`已写入：${f}`);
  if (!s.complete) return EXIT.incomplete;
  return values.strict && s.errors > 0 ? EXIT.findings : EXIT.ok;
}

/** Largest rules or data JSON read. */
const MAX_JSON_BYTES = 5 * 2 ** 20;

/** Reads and validates a --rules file once (batch hands the checked text to every worker). */
async function readRules(file: string): Promise<string> {
  let rulesJson: string;
  try {
    rulesJson = (await readRegularFile(file, MAX_JSON_BYTES)).toString('utf8');
  } catch (e) {
    throw new InputError(`无法读取评分规则文件：${(e as Error).message}`);
  }
  const { errors } = parseRulebookJson(rulesJson);
  if (errors.length)
    throw new InputError([`评分规则文件 ${file} 有误：`, ...errors.map((e) => `  ${e.message}`)].join('\n'));
  return rulesJson;
}

async function cmdBatch(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      rules: { type: 'string' },
      workers: { type: 'string' },
      timeout: { type: 'string' },
    },
  });
  const folder = need(positionals[0], '工作簿所在的文件夹');
  const out = need(values.output, '输出文件夹（-o）');
  try {
    if (!(await fs.stat(folder)).isDirectory()) throw new Error();
  } catch {
    throw new InputError(`找不到文件夹：${folder}`);
  }
  if (
    path.resolve(folder) === path.resolve(out) ||
    (await pathClash([{ role: '', file: folder }], [{ role: '', file: out }]))
  )
    throw new PathClashError(
      `输出文件夹 ${out} 与输入文件夹相同；请另选一个输出文件夹，以免结果与原工作簿混在一起`
    );
  const rulesJson = values.rules ? await readRules(values.rules) : undefined;
  const { runBatch, progressBar } = await import('./batch');
  const result = await runBatch(folder, out, {
    rulesJson,
    workers: values.workers !== undefined ? integer(values.workers, '并行数（--workers）', 1) : undefined,
    timeoutSeconds:
      values.timeout !== undefined
        ? integer(values.timeout, '每个工作簿的时限（--timeout，秒）', 1)
        : undefined,
    progress: progressBar((s) => process.stderr.write(s), Boolean(process.stderr.isTTY)),
  });
  const failed = result.rows.filter((r) => r.failure).length;
  const asked = values.workers !== undefined ? Number(values.workers) : undefined;
  if (asked !== undefined && asked > result.workers)
    io.out(`并行数已限制为 ${result.workers}（本机可用的处理器核数）`);
  io.out(
    `共 ${result.rows.length} 个工作簿，${result.rows.length - failed} 个已评价，${failed} 个无法评价；用时 ${result.seconds.toFixed(1)} 秒`
  );
  io.out(`汇总：${result.summaryFile}`);
  return EXIT.ok;
}

const MAX_GENERATE = 100_000;
/** The largest project table `generate` writes: the bench's biggest department (25,000 rows). */
const MAX_GENERATE_ROWS = 25_000;

async function cmdGenerate(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      seed: { type: 'string' },
      rows: { type: 'string' },
      force: { type: 'boolean' },
    },
  });
  const count = integer(need(positionals[0], '数量'), '数量', 1);
  const out = need(values.output, '输出文件夹（-o）');
  const seed0 = integer(values.seed ?? '1', '随机种子（--seed）', Number.MIN_SAFE_INTEGER);
  const rows = integer(values.rows ?? '6', '项目行数（--rows）', 0);
  // The project table grows to the rows written (its name covers them all); the cap keeps memory bounded.
  if (rows > MAX_GENERATE_ROWS)
    throw new UsageError(`项目行数（--rows）最多为 ${MAX_GENERATE_ROWS}：${values.rows}`);
  if (count > MAX_GENERATE) throw new UsageError(`数量最多为 ${MAX_GENERATE}：${count}`);
  const { syntheticDepartment } = await import('./synthetic');
  for (let i = 0; i < count; i++) {
    const book = newXlsx();
    applyPlan(book, templatePlan(syntheticDepartment(seed0 + i, rows)));
    await writeWorkbook(book, path.join(out, `单位${String(i + 1).padStart(4, '0')}.xlsx`), {
      exclusive: !values.force,
    });
  }
  io.out(`已生成 ${count} 个工作簿：${out}`);
  return EXIT.ok;
}

async function cmdClear(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' } },
  });
  const input = need(positionals[0], '输入工作簿');
  const out = need(values.output, '输出文件（-o）');
  await guardPaths([{ role: '输入工作簿', file: input }], [{ role: '输出文件（-o）', file: out }]);
  const kept = await open(input);
  const result = await writeKept(kept, null, out);
  io.out(`已清除 ${result.clear.restored} 个单元格的标记：${out}`);
  keptNotes(io, result);
  return EXIT.ok;
}

async function cmdImport(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' } },
  });
  const input = need(positionals[0], '要识别的工作簿（部门决算表 .xlsx）');
  const out = need(values.output, '输出文件（-o）');
  const { importWorkbook } = await import('../import/fileImport');
  const r = await importWorkbook(input).catch((e: Error) => {
    throw new InputError(e.message);
  });
  for (const line of r.report) io.out(line);
  if (!r.book) throw new InputError(`${input}：没有可导入的数，未生成 ${out}`);
  await writeWorkbook(r.book, out);
  io.out(`已生成：${out}（按识别结果填写的模板；“不确定”和“未找到”的项请在其中补填）`);
  return EXIT.ok;
}

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = {
  template: cmdTemplate,
  fill: cmdFill,
  evaluate: cmdEvaluate,
  clear: cmdClear,
  batch: cmdBatch,
  generate: cmdGenerate,
  import: cmdImport,
};

export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '-h' || cmd === '--help' || cmd === 'help') {
    io.out(USAGE);
    return cmd ? EXIT.ok : EXIT.usage;
  }
  const run = COMMANDS[cmd];
  if (!run) {
    io.err(`未知命令“${cleanText(cmd)}”。\n${USAGE}`);
    return EXIT.usage;
  }
  // Whatever a workbook holds (a unit name with escape sequences) is printed without control characters.
  const clean: Io = { out: (l) => io.out(cleanText(l)), err: (l) => io.err(cleanText(l)) };
  try {
    return await run(rest, clean);
  } catch (e) {
    if (e instanceof PathClashError || e instanceof KindMismatchError) {
      clean.err(e.message);
      return EXIT.usage;
    }
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      clean.err(`${(e as Error).message}\n${USAGE}`);
      return EXIT.usage;
    }
    if (e instanceof InputError || e instanceof ReadError) {
      clean.err((e as Error).message);
      return EXIT.input;
    }
    if (e instanceof WriteError) {
      clean.err((e as Error).message);
      return EXIT.output;
    }
    clean.err(`内部错误（请把以下信息反馈给维护者）：${(e as Error).stack ?? e}`);
    return EXIT.internal;
  } finally {
    await releaseOutputs();
  }
}
