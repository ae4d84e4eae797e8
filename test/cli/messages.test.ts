/**
 * What the command line says (issue 20 item 8), in Chinese: --help and -h on every command and
 * --version; unknown options, missing values and stray arguments named with the command's usage line
 * (optional parts in [ ]), exit 2; a summary without outputs that ends with how to write them and never
 * claims a file; the first steps for an empty or nearly empty workbook; the demo's line on the sample.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import { evaluationJson } from '../../src/cli/json';
import { COMMANDS, parseArgsErrorText, usageLine } from '../../src/cli/usage';
import type { InputValues } from '../../src/core/fill';
import { evaluate } from '../../src/core/engine';
import { templatePlan } from '../../src/core/template';
import { applyPlan, newXlsx, saveXlsx } from '../../src/hosts/file/xlsx';
import { SAMPLE_XLSX, sampleReading, sampleValues } from '../helpers/sample';

// The demo script is plain JS.
const { sampleNote } = require('../../scripts/demo.js') as { sampleNote: (json: unknown) => string };

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-messages-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(...l.split('\n')), err: (l) => err.push(l) });
  return { code, out, err: err.join('\n') };
}

/** A workbook filled from the template with these values. */
async function workbook(name: string, values: InputValues): Promise<string> {
  const book = newXlsx();
  applyPlan(book, templatePlan(values));
  const file = path.join(tmp, name);
  fs.writeFileSync(file, Buffer.from(await saveXlsx(book)));
  return file;
}

const NAMES = Object.keys(COMMANDS);
const version = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;

describe('help and version', () => {
  test.each(
    NAMES.flatMap((c) => [
      [c, '--help'],
      [c, '-h'],
    ])
  )('jixiao %s %s: the command in Chinese, its usage line, every option; exit 0', async (name, flag) => {
    const r = await cli(name, flag);
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe(`jixiao ${name}：${COMMANDS[name].summary}`);
    expect(r.out).toContain(`用法：${usageLine(COMMANDS[name])}`);
    for (const o of COMMANDS[name].options) expect(r.out.join('\n')).toContain(`--${o.name}`);
    expect(r.out.join('\n')).toContain('-h, --help  ');
    // Help wins wherever it is, even beside an unknown option.
    expect((await cli(name, 'x', '--bogus', flag)).code).toBe(0);
    expect((await cli('help', name)).out).toEqual(r.out);
  });

  test('--version, -v and version answer in Chinese with the package version', async () => {
    for (const v of ['--version', '-v', 'version'])
      expect(await cli(v)).toEqual({ code: 0, out: [`绩效自评助手（jixiao）版本 ${version}`], err: '' });
  });

  test('jixiao --help lists every command and its usage; jixiao alone is a usage error', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    for (const name of NAMES) expect(r.out).toContain(`  ${usageLine(COMMANDS[name])}`);
    expect(r.out).toContain('jixiao <命令> --help 查看该命令的参数和选项；jixiao --version 查看版本。');
    const bare = await cli();
    expect(bare.code).toBe(2);
    expect(bare.err).toContain('用法：jixiao <命令> [参数和选项]');
  });
});

describe('usage lines mark what is optional', () => {
  test('evaluate: -o and every output optional; fill, clear, import, batch, generate: -o required', () => {
    expect(usageLine(COMMANDS.evaluate)).toBe(
      'jixiao evaluate <输入.xlsx> [-o <结果.xlsx>] [--json <结果.json>] [--rules <评分规则.json>] [--docx <报告.docx> [--docx-comments]] [--checklist <核对清单.docx>] [--review <审核意见.docx>] [--strict]'
    );
    expect(usageLine(COMMANDS.fill)).toBe('jixiao fill <数据.json> -o <输出.xlsx> [--force]');
    expect(usageLine(COMMANDS.clear)).toBe('jixiao clear <输入.xlsx> -o <输出.xlsx>');
    expect(usageLine(COMMANDS.import)).toBe('jixiao import <决算表.xlsx> -o <输出.xlsx>');
    expect(usageLine(COMMANDS.batch)).toBe(
      'jixiao batch <文件夹> -o <输出文件夹> [--rules <评分规则.json>] [--workers <N>] [--timeout <秒>]'
    );
    expect(usageLine(COMMANDS.generate)).toBe(
      'jixiao generate <数量> -o <输出文件夹> [--seed <N>] [--rows <N>] [--force]'
    );
  });
});

describe('usage errors: Chinese, naming the option and the command’s usage, exit 2', () => {
  const usageOf = (name: string) => [
    `用法：${usageLine(COMMANDS[name])}`,
    `（[ ] 内为可选项；jixiao ${name} --help 查看各项说明）`,
  ];

  test.each(NAMES)('%s: an unknown option', async (name) => {
    const r = await cli(name, 'x', '--bogus');
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toEqual([`jixiao ${name} 没有选项“--bogus”`, ...usageOf(name)]);
  });

  test.each(
    NAMES.flatMap((name) =>
      COMMANDS[name].options.filter((o) => o.value).map((o) => [name, `--${o.name}`, o.value!] as const)
    )
  )('%s %s without its value', async (name, flag, value) => {
    const long = await cli(name, 'x', flag);
    expect(long.code).toBe(2);
    expect(long.err.split('\n')[0]).toMatch(new RegExp(`^选项 (-\\w, )?${flag} 缺少值：应为 ${value}$`));
    expect(long.err.split('\n').slice(1)).toEqual(usageOf(name));
    // Followed by another option, the value is still missing (never taken from the next option).
    const followed = await cli(name, 'x', flag, '--force');
    expect([followed.code, followed.err.split('\n')[0]]).toEqual([2, long.err.split('\n')[0]]);
  });

  test('a mistyped option is told the nearest one; a switch given a value; a stray argument; a required part', async () => {
    expect((await cli('evaluate', 'x.xlsx', '--jsn', 'r.json')).err).toContain(
      'jixiao evaluate 没有选项“--jsn”（是否想用 --json？）'
    );
    expect((await cli('evaluate', 'x.xlsx', '--strict=yes')).err).toContain(
      '选项 --strict 不带值（写 --strict 即可）'
    );
    expect((await cli('evaluate', 'a.xlsx', 'b.xlsx')).err).toContain(
      '多余的参数“b.xlsx”：jixiao evaluate 只接受 <输入.xlsx>'
    );
    expect((await cli('evaluate', 'x.xlsx', '--docx-comments')).err).toContain(
      '选项 --docx-comments 须与 --docx 同用'
    );
    expect((await cli('fill', 'd.json')).err).toContain('缺少输出文件（-o <输出.xlsx>）');
    expect((await cli('evaluate')).err).toContain('缺少输入工作簿（<输入.xlsx>）');
    for (const r of await Promise.all([
      cli('evaluate', 'x', '--jsn'),
      cli('fill', 'd.json'),
      cli('evaluate'),
    ]))
      expect(r.code).toBe(2);
  });

  test('unknown commands, and options before any command', async () => {
    const typo = await cli('evalute', 'x.xlsx');
    expect(typo.code).toBe(2);
    expect(typo.err.split('\n')[0]).toBe('未知命令“evalute”（是否想用 evaluate？）');
    const early = await cli('--json', 'r.json');
    expect(early.code).toBe(2);
    expect(early.err.split('\n')[0]).toBe(
      '没有选项“--json”：命令前只能写 --help 或 --version，其余选项写在命令之后'
    );
  });

  test('values given as --name=value, -ovalue, after --, and negative numbers are read as given', async () => {
    const none = path.join(tmp, '没有.xlsx');
    // Parsed, then refused because the input does not exist (exit 3), not as usage.
    for (const args of [
      ['evaluate', none, `--output=${path.join(tmp, 'a.xlsx')}`],
      ['evaluate', none, `-o${path.join(tmp, 'b.xlsx')}`],
      ['evaluate', '--', none],
    ])
      expect((await cli(...args)).code).toBe(3);
    const r = await cli('generate', '1', '-o', path.join(tmp, 'neg'), '--seed', '-5');
    expect(r.code).toBe(0);
  });

  test("a command parsed with node:util's parseArgs still gets Chinese messages", () => {
    const error = (args: string[], options: NonNullable<Parameters<typeof parseArgs>[0]>['options']) => {
      try {
        parseArgs({ args, options, allowPositionals: false });
      } catch (e) {
        return parseArgsErrorText(e as { code: string; message: string });
      }
      return 'no error';
    };
    expect(error(['--bogus'], {})).toBe('没有选项“--bogus”');
    expect(error(['-o'], { output: { type: 'string', short: 'o' } })).toBe('选项 -o, --output 缺少值');
    expect(error(['--force=1'], { force: { type: 'boolean' } })).toBe('选项 --force 不带值');
    expect(error(['x'], {})).toBe('多余的参数“x”');
  });
});

describe('evaluate’s summary', () => {
  test('without -o or --json it writes nothing, says so last, and shows how to write the results', async () => {
    const input = path.join(tmp, '样例.xlsx');
    fs.copyFileSync(SAMPLE_XLSX, input);
    const before = fs.readdirSync(tmp).sort();
    const r = await cli('evaluate', input);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(tmp).sort()).toEqual(before);
    const text = r.out.join('\n');
    expect(text).not.toContain('已写入');
    expect(text).not.toContain('见 --json');
    // 30 problems and 待补 at the top level (错误 23、提示 3、待补 4, test/core/counts.test.tsx), 20 listed: 10 more.
    expect(text).toContain('……另有 10 项，写出结果后见“问题清单”表');
    expect(r.out.slice(-4)).toEqual([
      '未写入任何文件。要写出结果：',
      `  jixiao evaluate ${input} -o ${path.join(tmp, '样例-评价.xlsx')}`,
      '  （-o 写结果工作簿：指标计算表、评分表、问题清单、报告草稿和单元格标记；',
      '   另可加 --json <结果.json>、--docx <报告.docx>、--review <审核意见.docx>）',
    ]);
  });

  test('with -o or --json it says where the rest of the list is, and ends with what it wrote', async () => {
    const out = path.join(tmp, '有结果.xlsx');
    const json = path.join(tmp, '有结果.json');
    const r = await cli('evaluate', SAMPLE_XLSX, '-o', out, '--json', json);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`  ……另有 10 项，见 ${out} 的“问题清单”表或 ${json}`);
    expect(r.out.slice(-2)).toEqual([`已写入：${out}`, `已写入：${json}`]);
    expect(r.out.join('\n')).not.toContain('未写入');
    const onlyJson = await cli('evaluate', SAMPLE_XLSX, '--json', json);
    expect(onlyJson.out).toContain(`  ……另有 10 项，见 ${json}`);
  });

  test('a path with spaces is quoted in the command to type', async () => {
    const input = path.join(tmp, '我的 工作簿.xlsx');
    fs.copyFileSync(SAMPLE_XLSX, input);
    const r = await cli('evaluate', input);
    expect(r.out).toContain(`  jixiao evaluate "${input}" -o "${path.join(tmp, '我的 工作簿-评价.xlsx')}"`);
  });

  test('an empty template ends with the first steps, not with how to write an empty result', async () => {
    const empty = await workbook('空白.xlsx', {});
    const r = await cli('evaluate', empty);
    expect(r.code).toBe(5);
    expect(r.out.slice(-2)).toEqual([
      '第一步：先填写“基本情况”表，或用 jixiao import 从部门决算表导入：',
      '  jixiao import <部门决算表.xlsx> -o <新工作簿.xlsx>',
    ]);
    expect(r.out.join('\n')).not.toContain('未写入任何文件');
  });

  test('nearly empty: with 基本情况 done the first step names the next table with a blank required input', async () => {
    const v = sampleValues();
    const file = await workbook('只有基本情况.xlsx', {
      单位名称: v.单位名称,
      评价年度: v.评价年度,
      人员情况表: v.人员情况表,
    });
    const r = await cli('evaluate', file);
    expect(r.out.at(-2)).toBe('第一步：先填写“收支总表”表，或用 jixiao import 从部门决算表导入：');
  });

  test('a filled workbook gets no first steps; a workbook without our names is told to start from the template', async () => {
    expect((await cli('evaluate', SAMPLE_XLSX)).out.join('\n')).not.toContain('第一步');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = '别的表';
    const other = path.join(tmp, '别的表.xlsx');
    await wb.xlsx.writeFile(other);
    const r = await cli('evaluate', other);
    expect(r.out.slice(-3)).toEqual([
      '第一步：这个工作簿中没有本工具的名称。先用 jixiao template 生成模板并填写，或用 jixiao import 从部门决算表导入：',
      '  jixiao template <模板.xlsx>',
      '  jixiao import <部门决算表.xlsx> -o <新工作簿.xlsx>',
    ]);
  });
});

describe('npm run demo', () => {
  const json = (values: InputValues = {}) =>
    JSON.parse(JSON.stringify(evaluationJson(evaluate(sampleReading(values)))));

  test('says in one line that the sample keeps the report’s own inconsistencies, and the unit’s own score', () => {
    const note = sampleNote(json());
    expect(note.split('\n')).toHaveLength(1);
    expect(note).toBe(
      '说明：样例按衡阳市科学技术协会公开的 2021 年度自评报告原文填写，保留了报告自身的不一致之处（同一个数几处不同、合计加不平、比率与所列分子分母不符）；单位在“自评打分”表中自评 97.00 分，上面的核实得分是按所填数据和评分规则重算的结果。'
    );
  });

  test('the self-score is read from the workbook’s 自评打分 table, not written into the script', () => {
    const rows = sampleValues().自评得分表 as unknown[][];
    const changed = rows.map((r) => (r[0] === '总分' ? ['总分', 95, r[2]] : r));
    expect(sampleNote(json({ 自评得分表: changed as never }))).toContain('自评 95.00 分');
    const without = rows.filter((r) => r[0] !== '总分');
    expect(sampleNote(json({ 自评得分表: without as never }))).toContain('工作簿中没有单位的自评得分');
  });
});
