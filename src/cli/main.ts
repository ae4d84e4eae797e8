/**
 * jixiao — the command line. Same engine as the add-in, over .xlsx files.
 *
 *   jixiao template <out.xlsx>
 *   jixiao fill <values.json> -o <out.xlsx>
 *   jixiao evaluate <in.xlsx> -o <out.xlsx> [--json <results.json>] [--rules <rules.json>] [--docx <report.docx> [--docx-comments]] [--review <审核意见.docx>] [--strict]
 *   jixiao clear <in.xlsx> -o <out.xlsx>
 *   jixiao batch <folder> -o <out-folder>
 *   jixiao generate <n> -o <folder>
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import type { InputValues } from '../catalogue/fill';
import { evaluate } from '../core/engine';
import { cliLine } from '../core/render/finding';
import { parseRulebookJson } from '../core/rulebook';
import { templatePlan } from '../core/template';
import { openWorkbook, writeWorkbook } from '../hosts/file/node';
import { applyPlan, clearMarks, newXlsx, readInputs } from '../hosts/file/xlsx';
import { evaluationJson } from './json';

export const EXIT = { ok: 0, internal: 1, usage: 2, input: 3, findings: 4, incomplete: 5 } as const;

const USAGE = `用法：
  jixiao template <输出.xlsx>                       生成空白输入模板
  jixiao fill <数据.json> -o <输出.xlsx>             用 JSON 中的数据（名称 → 值）填写模板
  jixiao evaluate <输入.xlsx> -o <输出.xlsx> [--json <结果.json>] [--rules <评分规则.json>] [--docx <报告.docx> [--docx-comments]] [--review <审核意见.docx>] [--strict]
                                                     读取、计算、核对、写回；--strict 有“错误”级问题时退出码为 4
  jixiao clear <输入.xlsx> -o <输出.xlsx>            清除助手添加的标记（底色和批注），不改变数值
  jixiao batch <文件夹> -o <输出文件夹> [--rules <评分规则.json>] [--workers N]
                                                     批量评价文件夹中的全部工作簿（多核并行），并生成“汇总.xlsx”
  jixiao generate <数量> -o <输出文件夹> [--seed N] [--rows N]
                                                     生成随机但各项勾稽一致的测试工作簿

退出码：0 完成；2 用法错误；3 输入文件无法读取；4 （--strict）发现错误；5 数据不完整（未给出总分和等级）；1 内部错误`;

class UsageError extends Error {}
class InputError extends Error {}

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIo: Io = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

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

async function open(file: string) {
  try {
    return await openWorkbook(file);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
}

async function cmdTemplate(args: string[], io: Io): Promise<number> {
  const out = need(args[0], '输出文件名，如 jixiao template 模板.xlsx');
  const book = newXlsx();
  applyPlan(book, templatePlan());
  await writeWorkbook(book, out);
  io.out(`已生成模板：${out}`);
  return EXIT.ok;
}

async function cmdFill(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { output: { type: 'string', short: 'o' } } });
  const src = need(positionals[0], '数据文件（JSON）');
  const out = need(values.output, '输出文件（-o）');
  let data: InputValues;
  try {
    data = JSON.parse(await fs.readFile(src, 'utf8')) as InputValues;
  } catch (e) {
    throw new InputError(`无法读取数据文件 ${src}：${(e as Error).message}`);
  }
  const book = newXlsx();
  try {
    applyPlan(book, templatePlan(data));
  } catch (e) {
    throw new InputError(`${src}：${(e as Error).message}`);
  }
  await writeWorkbook(book, out);
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
  const book = await open(input);
  let rulesJson: string | undefined;
  if (values.rules) {
    try {
      rulesJson = await fs.readFile(values.rules, 'utf8');
    } catch {
      throw new InputError(`找不到评分规则文件：${values.rules}`);
    }
    const { errors } = parseRulebookJson(rulesJson);
    if (errors.length) throw new InputError([`评分规则文件 ${values.rules} 有误：`, ...errors.map((e) => `  ${e.message}`)].join('\n'));
  }
  const reading = readInputs(book);
  const result = evaluate(reading, { rulesJson });
  if (values.output) {
    applyPlan(book, result.plan);
    await writeWorkbook(book, values.output);
  }
  if (values.json) {
    await fs.mkdir(path.dirname(path.resolve(values.json)), { recursive: true });
    await fs.writeFile(values.json, JSON.stringify(evaluationJson(result, { file: path.basename(input) }), null, 2));
  }
  if (values.docx) {
    const { reportToDocx } = await import('../export/docx');
    await fs.mkdir(path.dirname(path.resolve(values.docx)), { recursive: true });
    await fs.writeFile(values.docx, await reportToDocx(result.report, result.scores, { comments: values['docx-comments'] }));
  }
  if (values.review) {
    // 审核意见: what is aimed at the finance bureau's reviewer, kept out of the department's report.
    const [{ reportToDocx }, { draftReview }] = await Promise.all([import('../export/docx'), import('../core/review')]);
    await fs.mkdir(path.dirname(path.resolve(values.review)), { recursive: true });
    const review = draftReview({ model: result.model, indicators: result.indicators, scores: result.scores, findings: result.findings });
    await fs.writeFile(values.review, await reportToDocx(review, null));
  }
  const s = result.summary;
  io.out(`${s.unit ?? '（未填单位名称）'} ${s.year ?? ''}年度`);
  io.out(`数据：${s.completeness}`);
  if (!s.complete) {
    io.out('数据不完整：不给出总分和等级。最影响评分的未填数据（按取决于它的分值）：');
    for (const n of result.completeness.mostNeeded) io.out(`  ${n.address ?? `名称 ${n.name}`} ${n.label}（${n.points.toFixed(2)} 分）`);
  } else if (s.total !== null) io.out(`核实得分 ${s.total}，待核实分值 ${s.pendingPoints}，等级 ${s.gradeText}`);
  io.out(s.counts);
  // 数据不完整: the missing inputs above say what to do; a list of blank-cell findings would only repeat them.
  for (const f of s.complete ? result.findings.slice(0, 20) : []) io.out(`  ${cliLine(f)}`);
  if (s.complete && result.findings.length > 20) io.out(`  ……另有 ${result.findings.length - 20} 项，见 --json 输出或“问题清单”表`);
  for (const f of [values.output, values.json, values.docx, values.review]) if (f) io.out(`已写入：${f}`);
  if (!s.complete) return EXIT.incomplete;
  return values.strict && s.errors > 0 ? EXIT.findings : EXIT.ok;
}

async function cmdBatch(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' }, rules: { type: 'string' }, workers: { type: 'string' } },
  });
  const folder = need(positionals[0], '工作簿所在的文件夹');
  const out = need(values.output, '输出文件夹（-o）');
  try {
    if (!(await fs.stat(folder)).isDirectory()) throw new Error();
  } catch {
    throw new InputError(`找不到文件夹：${folder}`);
  }
  const rulesJson = values.rules ? await fs.readFile(values.rules, 'utf8').catch(() => {
    throw new InputError(`找不到评分规则文件：${values.rules}`);
  }) : undefined;
  const { runBatch, progressBar } = await import('./batch');
  const result = await runBatch(folder, out, {
    rulesJson,
    workers: values.workers !== undefined ? integer(values.workers, '并行数（--workers）', 1) : undefined,
    progress: progressBar((s) => process.stderr.write(s), Boolean(process.stderr.isTTY)),
  });
  const failed = result.rows.filter((r) => r.failure).length;
  io.out(`共 ${result.rows.length} 个工作簿，${result.rows.length - failed} 个已评价，${failed} 个无法评价；用时 ${result.seconds.toFixed(1)} 秒`);
  io.out(`汇总：${result.summaryFile}`);
  return EXIT.ok;
}

async function cmdGenerate(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' }, seed: { type: 'string' }, rows: { type: 'string' } },
  });
  const count = integer(need(positionals[0], '数量'), '数量', 1);
  const out = need(values.output, '输出文件夹（-o）');
  const seed0 = integer(values.seed ?? '1', '随机种子（--seed）', Number.MIN_SAFE_INTEGER);
  const rows = integer(values.rows ?? '6', '项目行数（--rows）', 0);
  const { syntheticDepartment } = await import('./synthetic');
  for (let i = 0; i < count; i++) {
    const book = newXlsx();
    applyPlan(book, templatePlan(syntheticDepartment(seed0 + i, rows)));
    await writeWorkbook(book, path.join(out, `单位${String(i + 1).padStart(4, '0')}.xlsx`));
  }
  io.out(`已生成 ${count} 个工作簿：${out}`);
  return EXIT.ok;
}

async function cmdClear(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { output: { type: 'string', short: 'o' } } });
  const input = need(positionals[0], '输入工作簿');
  const out = need(values.output, '输出文件（-o）');
  const book = await open(input);
  const n = clearMarks(book);
  await writeWorkbook(book, out);
  io.out(`已清除 ${n} 个单元格的标记：${out}`);
  return EXIT.ok;
}

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = {
  template: cmdTemplate,
  fill: cmdFill,
  evaluate: cmdEvaluate,
  clear: cmdClear,
  batch: cmdBatch,
  generate: cmdGenerate,
};

export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '-h' || cmd === '--help' || cmd === 'help') {
    io.out(USAGE);
    return cmd ? EXIT.ok : EXIT.usage;
  }
  const run = COMMANDS[cmd];
  if (!run) {
    io.err(`未知命令“${cmd}”。\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    return await run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(e as Error).message}\n${USAGE}`);
      return EXIT.usage;
    }
    if (e instanceof InputError) {
      io.err((e as Error).message);
      return EXIT.input;
    }
    io.err(`内部错误：${(e as Error).stack ?? e}`);
    return EXIT.internal;
  }
}
