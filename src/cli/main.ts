/**
 * jixiao — the command line. Same engine as the add-in, over .xlsx files. The commands, their
 * arguments, options, usage lines and --help are declared in ./usage.ts.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import type { InputValues } from '../core/fill';
import { INPUTS } from '../catalogue/inputs';
import { fixed } from '../core/decimal';
import { evaluate, Evaluation } from '../core/engine';
import { FINDING_GROUPS, groupFindings } from '../core/findingGroups';
import { cliLine } from '../core/render/finding';
import { parseRulebookJson } from '../core/rulebook';
import { templatePlan } from '../core/template';
import type { RawReading } from '../core/types';
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
import {
  asksHelp,
  COMMANDS,
  CommandUsageError,
  commandHelp,
  nearest,
  overview,
  parseArgsErrorText,
  parseCommand,
  usageErrorText,
  versionText,
} from './usage';

export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  input: 3,
  findings: 4,
  incomplete: 5,
  output: 6,
} as const;

class UsageError extends Error {}
/** Paths that would make an output replace an input: a usage error, told without the usage line. */
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

/** An option's value as text (a switch given a value is refused while parsing). */
function text(v: string | true | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
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
  if (r.notesUnread.length)
    io.out(
      `工作表${r.notesUnread.map((s) => `“${s}”`).join('、')}的批注格式无法解析（如 openpyxl 所写），读取时未读批注；批注在结果工作簿中原样保留`
    );
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
  const { values, positionals } = parseCommand(COMMANDS.template, args);
  const out = positionals[0];
  const book = newXlsx();
  applyPlan(book, templatePlan());
  await writeWorkbook(book, out, { exclusive: !values.force });
  io.out(`已生成模板：${out}`);
  return EXIT.ok;
}

async function cmdFill(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(COMMANDS.fill, args);
  const src = positionals[0];
  const out = text(values.output)!;
  await guardPaths([{ role: '数据文件', file: src }], [{ role: '输出文件（-o）', file: out }]);
  let data: InputValues;
  let json: string;
  try {
    json = (await readRegularFile(src, MAX_JSON_BYTES)).toString('utf8');
  } catch (e) {
    throw new InputError(`无法读取数据文件：${(e as Error).message}`);
  }
  try {
    data = JSON.parse(json) as InputValues;
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
  const parsed = parseCommand(COMMANDS.evaluate, args);
  const input = parsed.positionals[0];
  const values = {
    output: text(parsed.values.output),
    json: text(parsed.values.json),
    rules: text(parsed.values.rules),
    docx: text(parsed.values.docx),
    checklist: text(parsed.values.checklist),
    review: text(parsed.values.review),
    'docx-comments': Boolean(parsed.values['docx-comments']),
    strict: Boolean(parsed.values.strict),
  };
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
      values.checklist ? { role: '报送前核对清单（--checklist）', file: values.checklist } : undefined,
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
    // The preparer's remarks: Word comments in the report, or the separate checklist when one is asked for.
    await writeFileAtomic(
      values.docx,
      await reportToDocx(result.report, result.scores, {
        comments: values['docx-comments'],
        remarks: values.checklist ? 'checklist' : 'comments',
      })
    );
  }
  if (values.checklist) {
    const [{ reportToDocx }, { draftChecklist }] = await Promise.all([
      import('../export/docx'),
      import('../core/checklist'),
    ]);
    const input = {
      model: result.model,
      indicators: result.indicators,
      scores: result.scores,
      findings: result.findings,
    };
    await writeFileAtomic(values.checklist, await reportToDocx(draftChecklist(input, result.report), null));
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
  const grouped = groupFindings(result.findings, s);
  io.out(`${s.unit ?? '（未填单位名称）'} ${s.year ?? ''}年度`);
  io.out(`数据：${s.completeness}`);
  if (!s.complete) {
    io.out('数据不完整：不给出总分和等级。最影响评分的未填数据（按取决于它的分值）：');
    for (const n of result.completeness.mostNeeded)
      io.out(`  ${n.address ?? `名称 ${n.name}`} ${n.label}（${n.points.toFixed(2)} 分）`);
  } else if (s.total !== null) {
    const claimed = result.scores?.claimedTotal;
    io.out(
      `核实得分 ${s.total}，待核实分值 ${s.pendingPoints}，等级 ${s.gradeText}${claimed ? `；单位自评 ${fixed(claimed)} 分` : ''}`
    );
  }
  io.out(grouped.sentence);
  // 数据不完整: the missing inputs above say what to do; a list of blank-cell findings would only repeat them.
  const listed = s.complete ? FINDING_GROUPS.flatMap((g) => grouped.roots[g]) : [];
  for (const f of listed.slice(0, LISTED_FINDINGS)) io.out(`  ${cliLine(f)}`);
  if (listed.length > LISTED_FINDINGS) {
    const where = [
      values.output ? `${values.output} 的“问题清单”表` : '',
      values.json ? values.json : '',
    ].filter(Boolean);
    io.out(
      `  ……另有 ${listed.length - LISTED_FINDINGS} 项，${where.length ? `见 ${where.join('或 ')}` : '写出结果后见“问题清单”表'}`
    );
  }
  if (written) keptNotes(io, written);
  if (written && kept.from) io.out(`输入是${kept.from.name}，只读取、未改动；结果另存为新的 .xlsx 工作簿`);
  const files = [values.output, values.json, values.docx, values.checklist, values.review].filter(
    (f): f is string => !!f
  );
  for (const f of files) io.out(`已写入：${f}`);
  const empty = firstSteps(reading, result);
  if (empty) for (const line of empty) io.out(line);
  else if (files.length === 0) for (const line of howToWrite(input)) io.out(line);
  if (!s.complete) return EXIT.incomplete;
  return values.strict && grouped.counts.错误 > 0 ? EXIT.findings : EXIT.ok;
}

/** The findings `evaluate` lists in the terminal; the rest are in 问题清单 and the JSON. */
const LISTED_FINDINGS = 20;

/** A path as the user would type it again (quoted when it has spaces). */
function shellWord(p: string): string {
  return /[\s"'$`\\]/.test(p) ? JSON.stringify(p) : p;
}

/** Nothing written: how to write the results, with the user's own file in the command. */
function howToWrite(input: string): string[] {
  const ext = path.extname(input);
  const result = path.join(path.dirname(input), `${path.basename(input, ext)}-评价${ext || '.xlsx'}`);
  return [
    '未写入任何文件。要写出结果：',
    `  jixiao evaluate ${shellWord(input)} -o ${shellWord(result)}`,
    '  （-o 写结果工作簿：指标计算表、评分表、问题清单、报告草稿和单元格标记；',
    '   另可加 --json <结果.json>、--docx <报告.docx>、--review <审核意见.docx>）',
  ];
}

/**
 * An empty or nearly empty workbook (a quarter or less of the required and of the scoring inputs
 * filled): the first step, not a list of what is missing. A workbook without any of our names is told
 * to start from the template or an import.
 */
function firstSteps(reading: RawReading, result: Evaluation): string[] | null {
  const c = result.completeness;
  const nearlyEmpty = c.required.filled * 4 <= c.required.total && c.scoring.filled * 4 <= c.scoring.total;
  if (!nearlyEmpty) return null;
  const import_ = '  jixiao import <部门决算表.xlsx> -o <新工作簿.xlsx>';
  if (Object.values(reading.inputs).every((i) => i.diagnostic?.code === 'name-missing'))
    return [
      '第一步：这个工作簿中没有本工具的名称。先用 jixiao template 生成模板并填写，或用 jixiao import 从部门决算表导入：',
      '  jixiao template <模板.xlsx>',
      import_,
    ];
  const first = INPUTS.find((d) => {
    if (!d.required) return false;
    return d.type === 'table'
      ? result.model.table(d.name).rows.length === 0
      : result.model.scalar(d.name).value === null;
  });
  return [`第一步：先填写“${first?.sheet ?? '基本情况'}”表，或用 jixiao import 从部门决算表导入：`, import_];
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
  const parsed = parseCommand(COMMANDS.batch, args);
  const folder = parsed.positionals[0];
  const out = text(parsed.values.output)!;
  const values = {
    rules: text(parsed.values.rules),
    workers: text(parsed.values.workers),
    timeout: text(parsed.values.timeout),
  };
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
  const { values, positionals } = parseCommand(COMMANDS.generate, args);
  const count = integer(positionals[0], '数量', 1);
  const out = text(values.output)!;
  const seed0 = integer(text(values.seed) ?? '1', '随机种子（--seed）', Number.MIN_SAFE_INTEGER);
  const rows = integer(text(values.rows) ?? '6', '项目行数（--rows）', 0);
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
  const { values, positionals } = parseCommand(COMMANDS.clear, args);
  const input = positionals[0];
  const out = text(values.output)!;
  await guardPaths([{ role: '输入工作簿', file: input }], [{ role: '输出文件（-o）', file: out }]);
  const kept = await open(input);
  const result = await writeKept(kept, null, out);
  io.out(`已清除 ${result.clear.restored} 个单元格的标记：${out}`);
  keptNotes(io, result);
  return EXIT.ok;
}

async function cmdImport(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(COMMANDS.import, args);
  const input = positionals[0];
  const out = text(values.output)!;
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

async function cmdCheckReport(args: string[], io: Io): Promise<number> {
  const { runCheckReport } = await import('./checkReport');
  const parsed = parseCommand(COMMANDS['check-report'], args);
  const report = parsed.positionals[0];
  const values = {
    workbook: text(parsed.values.workbook),
    json: text(parsed.values.json),
    output: text(parsed.values.output),
    strict: Boolean(parsed.values.strict),
  };
  if (values.output && !/\.docx$/i.test(values.output))
    throw new UsageError(`批注后的报告（-o）须为 .docx 文件：${values.output}`);
  await guardPaths(
    [
      { role: '报告', file: report },
      ...(values.workbook ? [{ role: '工作簿（--workbook）', file: values.workbook }] : []),
    ],
    [
      values.json ? { role: '结果 JSON（--json）', file: values.json } : undefined,
      values.output ? { role: '批注后的报告（-o）', file: values.output } : undefined,
    ]
  );
  try {
    const { fails } = await runCheckReport(
      { report, workbook: values.workbook, json: values.json, output: values.output },
      io
    );
    return values.strict && fails > 0 ? EXIT.findings : EXIT.ok;
  } catch (e) {
    // A workbook that cannot be opened is bad input, as for evaluate.
    if ((e as Error).name === 'PackageError') throw new InputError((e as Error).message);
    throw e;
  }
}

const RUN: Record<string, (args: string[], io: Io) => Promise<number>> = {
  template: cmdTemplate,
  fill: cmdFill,
  evaluate: cmdEvaluate,
  clear: cmdClear,
  batch: cmdBatch,
  generate: cmdGenerate,
  import: cmdImport,
  'check-report': cmdCheckReport,
};

export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd) {
    io.err(overview());
    return EXIT.usage;
  }
  if (cmd === '-h' || cmd === '--help' || cmd === 'help') {
    const about = cmd === 'help' && rest[0] ? COMMANDS[rest[0]] : undefined;
    if (cmd === 'help' && rest[0] && !about) {
      io.err(usageErrorText(`没有命令“${cleanText(rest[0])}”`));
      return EXIT.usage;
    }
    io.out(about ? commandHelp(about) : overview());
    return EXIT.ok;
  }
  if (cmd === '--version' || cmd === '-v' || cmd === 'version') {
    io.out(versionText());
    return EXIT.ok;
  }
  const run = RUN[cmd];
  if (!run) {
    const near = nearest(cmd, Object.keys(RUN));
    io.err(
      usageErrorText(
        cmd.startsWith('-')
          ? `没有选项“${cleanText(cmd)}”：命令前只能写 --help 或 --version，其余选项写在命令之后`
          : `未知命令“${cleanText(cmd)}”${near ? `（是否想用 ${near}？）` : ''}`
      )
    );
    return EXIT.usage;
  }
  const spec = COMMANDS[cmd];
  if (spec && asksHelp(rest)) {
    io.out(commandHelp(spec));
    return EXIT.ok;
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
    if (e instanceof UsageError || e instanceof CommandUsageError) {
      clean.err(usageErrorText(e.message, spec));
      return EXIT.usage;
    }
    // A command without a declaration in ./usage.ts still parses with node:util; its errors in Chinese.
    const parseError = parseArgsErrorText(e as { code?: string; message?: string });
    if (parseError) {
      clean.err(usageErrorText(parseError, spec));
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
