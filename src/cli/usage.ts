/**
 * Each command declared once — its arguments, its options, what they are for — and, from that one
 * declaration, its usage line (optional parts in [ ]), its --help text and the parsing of its arguments
 * with Chinese messages that name the option and the command's usage.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface ArgSpec {
  /** As the usage line shows it, e.g. `<输入.xlsx>`. */
  name: string;
  /** What it is, as “缺少…” names it, e.g. `输入工作簿`. */
  what: string;
  help: string;
}

export interface OptionSpec {
  /** The long name without dashes, e.g. `output`. */
  name: string;
  short?: string;
  /** The value's placeholder, e.g. `<结果.xlsx>`; absent for a switch. */
  value?: string;
  /** What it is, as “缺少…” names it when required. */
  what?: string;
  required?: boolean;
  /** Only together with this option (`--docx-comments` with `--docx`). */
  with?: string;
  help: string;
}

export interface CommandSpec {
  name: string;
  summary: string;
  args: ArgSpec[];
  options: OptionSpec[];
  /** Lines after the options (what is written, exit codes). */
  notes?: string[];
}

const EXIT_CODES =
  '退出码：0 完成；2 用法错误；3 输入文件无法读取；4 （--strict）发现“错误”；5 数据不完整；6 输出无法写入；1 内部错误';

const force: OptionSpec = { name: 'force', help: '目标文件已存在时覆盖它（不加则不覆盖，退出码 6）' };

/** `-o, --output`, required (every command but evaluate writes exactly one output). */
const requiredOutput = (value: string, what: string, help: string): OptionSpec => ({
  name: 'output',
  short: 'o',
  value,
  what,
  required: true,
  help,
});

export const COMMANDS: Record<string, CommandSpec> = {
  template: {
    name: 'template',
    summary: '生成空白输入模板：按部门决算表排版的输入表，定义好全部名称，附“填表说明”',
    args: [
      { name: '<输出.xlsx>', what: '输出文件名，如 jixiao template 模板.xlsx', help: '要生成的模板文件' },
    ],
    options: [force],
  },
  fill: {
    name: 'fill',
    summary: '用 JSON 中的数据（名称 → 值，表格为行数组）填写模板',
    args: [{ name: '<数据.json>', what: '数据文件（JSON）', help: '名称 → 值的 JSON 文件' }],
    options: [requiredOutput('<输出.xlsx>', '输出文件', '填好的工作簿'), force],
  },
  import: {
    name: 'import',
    summary: '识别工作簿中的部门决算表（公开01–09、财决表、基础数据表），按表填写模板并逐项报告',
    args: [
      {
        name: '<决算表.xlsx>',
        what: '要识别的工作簿（部门决算表 .xlsx、.xls、.et 等）',
        help: '部门决算表所在的工作簿：.xlsx、.xls（决算软件导出）、.et（WPS）、.xlsb、.ods、.uos',
      },
    ],
    options: [
      requiredOutput('<输出.xlsx>', '输出文件', '按识别结果填写的模板；“不确定”和“未找到”的项在其中补填'),
    ],
  },
  evaluate: {
    name: 'evaluate',
    summary: '读取工作簿，计算指标和评分，核对勾稽关系，起草报告；按选项写出结果',
    args: [
      {
        name: '<输入.xlsx>',
        what: '输入工作簿',
        help: '按模板填写（或已在“数据”页绑定名称）的工作簿：.xlsx、.xlsm；.xls、.et、.xlsb、.ods、.uos 只读，结果另存为新的 .xlsx',
      },
    ],
    options: [
      {
        name: 'output',
        short: 'o',
        value: '<结果.xlsx>',
        help: '结果工作簿：原工作簿的副本，加上指标计算表、评分表、问题清单、报告草稿和单元格标记',
      },
      { name: 'json', value: '<结果.json>', help: '全部结果（摘要、指标、评分、问题、核对）写成 JSON' },
      { name: 'rules', value: '<评分规则.json>', help: '用这份评分规则代替工作簿中的“评分规则”表' },
      { name: 'docx', value: '<报告.docx>', help: '可报送的自评报告（Word，待补、待核对处黄色突出显示）' },
      { name: 'docx-comments', with: 'docx', help: '在报告中以 Word 批注标出每段数字的来源单元格' },
      {
        name: 'checklist',
        value: '<核对清单.docx>',
        help: '另写一份给编写人的“报送前核对清单”（Word）；报告中不再留批注',
      },
      { name: 'review', value: '<审核意见.docx>', help: '给财政局审核人看的审核意见（Word）' },
      { name: 'strict', help: '发现“错误”时退出码为 4' },
    ],
    notes: [
      '不加 -o、--json、--docx、--checklist、--review 时只在终端显示摘要，不写任何文件。',
      '结果写入原工作簿的副本：只加本工具的工作表和标记，其余原样保留；.xlsm 的结果须命名为 .xlsm。',
    ],
  },
  clear: {
    name: 'clear',
    summary: '清除助手添加的标记（底色和批注），恢复单元格原来的样子，数值不动',
    args: [{ name: '<输入.xlsx>', what: '输入工作簿', help: '带有助手标记的工作簿' }],
    options: [requiredOutput('<输出.xlsx>', '输出文件', '清除标记后的工作簿（不覆盖输入）')],
  },
  batch: {
    name: 'batch',
    summary: '批量评价文件夹中的全部工作簿（多核并行），并生成“汇总.xlsx”',
    args: [{ name: '<文件夹>', what: '工作簿所在的文件夹', help: '要评价的工作簿所在的文件夹' }],
    options: [
      requiredOutput('<输出文件夹>', '输出文件夹', '每个单位的结果、审核意见和“汇总.xlsx”写在这里'),
      { name: 'rules', value: '<评分规则.json>', help: '所有工作簿都用这份评分规则' },
      { name: 'workers', value: '<N>', help: '并行数（不超过处理器核数）' },
      { name: 'timeout', value: '<秒>', help: '每个工作簿的时限，默认 120 秒' },
    ],
  },
  generate: {
    name: 'generate',
    summary: '生成随机但各项勾稽一致的测试工作簿',
    args: [{ name: '<数量>', what: '数量', help: '生成几个工作簿' }],
    options: [
      requiredOutput('<输出文件夹>', '输出文件夹', '工作簿写在这里（单位0001.xlsx 起）'),
      { name: 'seed', value: '<N>', help: '随机种子，默认 1' },
      { name: 'rows', value: '<N>', help: '项目支出明细表的行数，默认 6' },
      force,
    ],
  },
  'check-report': {
    name: 'check-report',
    summary:
      '核对单位自己写的报告正文和表格中的数字（合计、比率、增减、前后是否一致……），逐处判为成立、不成立或无法核实',
    args: [
      {
        name: '<报告.docx|.txt|.pdf>',
        what: '报告文件（.docx、.txt 或 .pdf）',
        help: '单位的自评报告或决算情况说明；PDF 须带文字层',
      },
    ],
    options: [
      {
        name: 'workbook',
        value: '<工作簿.xlsx>',
        help: '同时与这份工作簿中的数据对照，不一致处写明句子和单元格',
      },
      { name: 'json', value: '<结果.json>', help: '每处说法及其判断、算式写成 JSON' },
      {
        name: 'output',
        short: 'o',
        value: '<核对.docx>',
        help: '把报告写回为 .docx，在每处不成立的数字上加批注，正文不改动（.txt、.pdf 另存为新的 .docx）',
      },
      { name: 'strict', help: '有不成立的说法时退出码为 4' },
    ],
    notes: ['不加 --json、-o 时只在终端列出结果，不写任何文件。'],
  },
};

export const HELP_OPTION: OptionSpec = { name: 'help', short: 'h', help: '显示本说明' };

/** The package's version, from package.json two folders up (src/cli and lib/cli alike). */
export function version(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    return String(pkg.version);
  } catch {
    return '（未知）';
  }
}

export function versionText(): string {
  return `绩效自评助手（jixiao）版本 ${version()}`;
}

function flags(o: OptionSpec): string {
  return `${o.short ? `-${o.short}, ` : ''}--${o.name}${o.value ? ` ${o.value}` : ''}`;
}

/** `-o <结果.xlsx>`: the short form where there is one, as the usage line shows it. */
function shortFlag(o: OptionSpec): string {
  return `${o.short ? `-${o.short}` : `--${o.name}`}${o.value ? ` ${o.value}` : ''}`;
}

/** `jixiao evaluate <输入.xlsx> [-o <结果.xlsx>] … [--docx <报告.docx> [--docx-comments]]`. */
export function usageLine(spec: CommandSpec): string {
  const part = (o: OptionSpec): string => {
    const inner = [shortFlag(o), ...spec.options.filter((x) => x.with === o.name).map((x) => `[${part(x)}]`)];
    return inner.join(' ');
  };
  const options = spec.options.filter((o) => !o.with).map((o) => (o.required ? part(o) : `[${part(o)}]`));
  return ['jixiao', spec.name, ...spec.args.map((a) => a.name), ...options].join(' ');
}

/** Columns as a terminal shows them: a CJK character or full-width mark takes two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch
    )
      ? 2
      : 1;
  return w;
}

function table(rows: Array<[string, string]>): string[] {
  const width = Math.max(...rows.map(([a]) => displayWidth(a)));
  return rows.map(([a, b]) => `  ${a}${' '.repeat(width - displayWidth(a) + 2)}${b}`);
}

/** `jixiao evaluate --help`. */
export function commandHelp(spec: CommandSpec): string {
  return [
    `jixiao ${spec.name}：${spec.summary}`,
    '',
    `用法：${usageLine(spec)}`,
    '（[ ] 内为可选项）',
    '',
    '参数：',
    ...table(spec.args.map((a) => [a.name, a.help])),
    '选项：',
    ...table(
      [...spec.options, HELP_OPTION].map((o) => [flags(o), o.required ? `${o.help}（必填）` : o.help])
    ),
    '',
    ...(spec.notes ?? []),
    EXIT_CODES,
  ].join('\n');
}

/** `jixiao`, `jixiao --help`: every command in a line, and where to read more. */
export function overview(): string {
  const specs = Object.values(COMMANDS);
  return [
    `${versionText()}：部门整体支出绩效自评的命令行工具`,
    '',
    '用法：jixiao <命令> [参数和选项]',
    '',
    '命令：',
    ...table(specs.map((c) => [c.name, c.summary])),
    '',
    '各命令的用法（[ ] 内为可选项）：',
    ...specs.map((c) => `  ${usageLine(c)}`),
    '',
    'jixiao <命令> --help 查看该命令的参数和选项；jixiao --version 查看版本。',
    '输出文件不会覆盖任何输入文件，写入先写临时文件再改名，失败时原有文件保持不变。',
    EXIT_CODES,
  ].join('\n');
}

/** A usage error of one command: told with that command's usage line. */
export class CommandUsageError extends Error {
  constructor(
    message: string,
    readonly command?: CommandSpec
  ) {
    super(message);
  }
}

/** How a usage error is told: the problem, the command's usage line, where its help is. */
export function usageErrorText(message: string, spec?: CommandSpec): string {
  if (!spec) return `${message}\n\n${overview()}`;
  return [
    message,
    `用法：${usageLine(spec)}`,
    `（[ ] 内为可选项；jixiao ${spec.name} --help 查看各项说明）`,
  ].join('\n');
}

/** Levenshtein distance, for “是否想用 --json？”. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** The closest of `names` to `typed` (at most two edits away), for “是否想用 …？”. */
export function nearest(typed: string, names: string[]): string | undefined {
  return names
    .map((name) => ({ name, d: distance(typed, name) }))
    .filter(({ d }) => d <= Math.min(2, typed.length - 1))
    .sort((a, b) => a.d - b.d)[0]?.name;
}

function unknownOption(flag: string, spec: CommandSpec): string {
  const near = nearest(
    flag.replace(/^-+/, ''),
    spec.options.map((o) => o.name)
  );
  return `jixiao ${spec.name} 没有选项“${flag}”${near ? `（是否想用 --${near}？）` : ''}`;
}

/** An argument that reads as an option (a lone `-` and a negative number do not). */
const looksLikeOption = (a: string) => a.startsWith('-') && a.length > 1 && !/^-\d/.test(a);

/** Whether the arguments ask for help (before any `--`). */
export function asksHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '-h' || a === '--help');
}

export interface Parsed {
  /** By long name: the value, or true for a switch given. */
  values: Record<string, string | true | undefined>;
  positionals: string[];
}

export function parseCommand(spec: CommandSpec, args: string[]): Parsed {
  const values: Parsed['values'] = {};
  const positionals: string[] = [];
  const fail = (message: string): never => {
    throw new CommandUsageError(message, spec);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!looksLikeOption(a)) {
      positionals.push(a);
      continue;
    }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    let flag = eq > 0 ? a.slice(0, eq) : a;
    let inline = eq > 0 ? a.slice(eq + 1) : undefined;
    // `-oout.xlsx`: a short option with its value attached.
    if (!a.startsWith('--') && a.length > 2) {
      flag = a.slice(0, 2);
      inline = a.slice(2);
    }
    const opt = spec.options.find((o) => `--${o.name}` === flag || (o.short && `-${o.short}` === flag));
    if (!opt) fail(unknownOption(a.startsWith('--') ? flag : a, spec));
    const o = opt!;
    const named = flags({ ...o, value: undefined });
    if (!o.value) {
      if (inline !== undefined) fail(`选项 ${named} 不带值（写 --${o.name} 即可）`);
      values[o.name] = true;
      continue;
    }
    let v = inline;
    if (v === undefined) {
      const next = args[i + 1];
      if (next !== undefined && !looksLikeOption(next)) {
        v = next;
        i++;
      }
    }
    if (!v) fail(`选项 ${named} 缺少值：应为 ${o.value}`);
    values[o.name] = v;
  }
  if (positionals.length > spec.args.length)
    fail(
      `多余的参数“${positionals[spec.args.length]}”：jixiao ${spec.name} 只接受 ${spec.args.map((x) => x.name).join(' ')}`
    );
  for (const [i, x] of spec.args.entries())
    if (positionals[i] === undefined) fail(`缺少${x.what}（${x.name}）`);
  for (const o of spec.options) {
    if (o.required && values[o.name] === undefined) fail(`缺少${o.what ?? o.name}（${shortFlag(o)}）`);
    if (o.with && values[o.name] !== undefined && values[o.with] === undefined)
      fail(`选项 --${o.name} 须与 --${o.with} 同用`);
  }
  return { values, positionals };
}

/**
 * node:util parseArgs's errors in Chinese, for a command without a declaration here (the option is
 * named as node names it). Returns null for anything else.
 */
export function parseArgsErrorText(e: { code?: string; message?: string }): string | null {
  const named = /'([^']+)'/.exec(e.message ?? '')?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `没有选项“${named}”`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(e.message ?? '')
        ? `选项 ${named} 不带值`
        : `选项 ${named.replace(/ <value>$/, '')} 缺少值`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `多余的参数“${named}”`;
    default:
      return null;
  }
}
