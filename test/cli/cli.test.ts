/** The command line, run as a user runs it: `node bin/jixiao.js …` over real files (lib/ is built by pretest). */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import ExcelJS from 'exceljs';
import { INPUTS } from '../../src/catalogue/inputs';
import { main } from '../../src/cli/main';
import { evaluate } from '../../src/core/engine';
import { groupFindings } from '../../src/core/findingGroups';
import { openWorkbook } from '../../src/hosts/file/node';
import { readInputs } from '../../src/hosts/file/xlsx';
import { SAMPLE_JSON, SAMPLE_XLSX } from '../helpers/sample';

const run = promisify(execFile);
const BIN = path.join(__dirname, '..', '..', 'bin', 'jixiao.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-cli-'));

async function jixiao(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: tmp });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('jixiao CLI', () => {
  test('template writes a workbook defining every catalogue name', async () => {
    const out = path.join(tmp, '模板.xlsx');
    const r = await jixiao('template', out);
    expect(r).toMatchObject({ code: 0, stdout: `已生成模板：${out}\n` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.definedNames.model.map((n) => n.name).sort()).toEqual(INPUTS.map((d) => d.name).sort());
    expect(wb.worksheets.map((w) => w.name)).toContain('填表说明');
  });

  test('the committed sample workbook is in step with its JSON and the catalogue', async () => {
    const out = path.join(tmp, 'sample.xlsx');
    expect((await jixiao('fill', SAMPLE_JSON, '-o', out)).code).toBe(0);
    const dump = async (f: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(f);
      return wb.worksheets.map((w) => {
        const cells: string[] = [];
        w.eachRow((row) => row.eachCell((c) => cells.push(`${c.address}=${JSON.stringify(c.value)}`)));
        return [w.name, cells];
      });
    };
    expect(await dump(out)).toEqual(await dump(SAMPLE_XLSX));
  });

  test('evaluate on the sample: score, grade, findings, and every output file', async () => {
    const out = path.join(tmp, '评价.xlsx');
    const json = path.join(tmp, 'r.json');
    const docx = path.join(tmp, 'r.docx');
    const r = await jixiao('evaluate', SAMPLE_XLSX, '-o', out, '--json', json, '--docx', docx);
    expect(r.code).toBe(0);
    // The counts as the pane states them (src/core/findingGroups.ts), after the department's own claim.
    const e = evaluate(readInputs(await openWorkbook(SAMPLE_XLSX, 'read')));
    expect(r.stdout).toContain(
      `衡阳市科学技术协会 2021年度\n数据：必填 20 项已填 20 项；计分所需 34 项已填 27 项\n核实得分 53.51，待核实分值 37.00，等级 差～良（待核实 37 分）；单位自评 97.00 分\n${groupFindings(e.findings, e.summary).sentence}\n`
    );
    const result = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(result.summary).toMatchObject({
      unit: '衡阳市科学技术协会',
      year: '2021',
      // The engine's one verified score (hand-checked in test/core/verify.test.ts): 79.64 as scored, less 26.13
      // scored from figures in question or qualitative without evidence, = 53.51; 7 + 30 = 37 pending.
      total: '53.51',
      pendingPoints: '37.00',
      grade: '差～良',
      complete: true,
      // Counted by hand in test/core/counts.test.tsx (issue 21: 商品和服务支出 over its bound, 人员经费 folded).
      errors: 23,
      warnings: 3,
      missing: 4,
      folded: 10,
    });
    const ids = result.findings.map((f: { id: string }) => f.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'sum.财拨.本年收入',
        'sum.财拨.本年支出',
        'rate.预算完成率',
        'part.财拨_对个人和家庭的补助',
        'part.资金来源.商品和服务支出',
      ])
    );
    const first = result.findings.find((f: { id: string }) => f.id === 'sum.财拨.本年收入');
    // A failed identity of the 财拨 grid is an 错误 whatever reads it.
    expect(first).toMatchObject({
      severity: '错误',
      title: '财政拨款本年收入合计与基本、项目支出之和不一致',
      kind: 'mismatch',
      expected: { value: '1193.05', kind: 'amount' },
      computed: { value: '780.19', kind: 'amount' },
      difference: { value: '-412.86', kind: 'amount' },
      tolerance: { value: '0.015', kind: 'amount' },
    });
    // Every check's outcome, with what is missing: 财拨 经济分类 lacks its 资本性支出, so it cannot be verified.
    const checks = new Map(result.checks.map((c: { rule: string }) => [c.rule, c]));
    expect(checks.get('sum.财拨经济分类')).toMatchObject({
      outcome: '无法核实',
      missing: [{ name: '财拨_资本性支出' }],
    });
    expect(checks.get('sum.本年收入合计')).toMatchObject({ outcome: '成立' });
    // 4.04 + 1351.58 − 1355.62 = 0 with 年末结转和结余 (and 使用非财政拨款结余, 结余分配) blank: the blanks read as 0 confirm it.
    expect(checks.get('balance.部门')).toMatchObject({
      outcome: '成立',
      outcomeText: '成立（空白按 0 计）',
      missing: [],
    });
    expect(checks.get('sum.财拨.本年收入')).toMatchObject({ outcome: '不成立' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(['指标计算表', '评分表', '问题清单', '报告草稿'])
    );
    expect(fs.statSync(docx).size).toBeGreaterThan(10_000);
    // --review writes the 审核意见; --docx-comments puts the sources in Word comments, not in the text.
    const review = path.join(tmp, '审核意见.docx');
    const commented = path.join(tmp, 'rc.docx');
    const rr = await jixiao(
      'evaluate',
      SAMPLE_XLSX,
      '--review',
      review,
      '--docx',
      commented,
      '--docx-comments'
    );
    expect(rr.code).toBe(0);
    expect(rr.stdout).toContain(`已写入：${review}`);
    const JSZip = (await import('jszip')).default;
    const reviewXml = await (
      await JSZip.loadAsync(fs.readFileSync(review))
    )
      .file('word/document.xml')!
      .async('string');
    expect(reviewXml).toContain('绩效自评审核意见');
    const zip = await JSZip.loadAsync(fs.readFileSync(commented));
    const comments = await zip.file('word/comments.xml')!.async('string');
    expect(comments).toContain('数据来源：');
    // The remarks for the preparer are Word comments too, unless --checklist prints them apart.
    expect(comments).toContain('报送前请处理：');
    const checklist = path.join(tmp, '核对清单.docx');
    const clean = path.join(tmp, 'clean.docx');
    const rc = await jixiao('evaluate', SAMPLE_XLSX, '--docx', clean, '--checklist', checklist);
    expect(rc.code).toBe(0);
    expect(rc.stdout).toContain(`已写入：${checklist}`);
    expect((await JSZip.loadAsync(fs.readFileSync(clean))).file('word/comments.xml')).toBeNull();
    const checklistXml = await (
      await JSZip.loadAsync(fs.readFileSync(checklist))
    )
      .file('word/document.xml')!
      .async('string');
    expect(checklistXml).toContain('报送前核对清单');
    expect(checklistXml).toContain('由780.19万元改为1193.05万元');
    // --strict turns 错误 findings into exit code 4.
    expect((await jixiao('evaluate', SAMPLE_XLSX, '--strict')).code).toBe(4);
  });

  test("--rules replaces the workbook's rulebook; a broken rules file is refused in Chinese", async () => {
    const rules = path.join(__dirname, '..', '..', 'samples', '评分规则-示例.json');
    const json = path.join(tmp, 'rules.json');
    expect((await jixiao('evaluate', SAMPLE_XLSX, '--rules', rules, '--json', json)).code).toBe(0);
    const result = JSON.parse(fs.readFileSync(json, 'utf8'));
    const line = (name: string) => result.scores.lines.find((l: { level3: string }) => l.level3 === name);
    // 在职人员控制率 21/23 = 91.30% ≤ 100%: full marks, now 2 points; 三公 决算对决算 (5.83 − 7.10)/7.10 < 0: full 0.5.
    expect(line('在职人员控制率')).toMatchObject({ points: '2', score: '2' });
    expect(line('“三公”经费变动率')).toMatchObject({ points: '0.5', score: '0.5' });
    expect(result.indicators.find((i: { id: string }) => i.id === '三公经费变动率').value).toMatch(
      /^-17\.887/
    );
    const broken = path.join(tmp, 'broken.json');
    fs.writeFileSync(
      broken,
      JSON.stringify({
        指标: [
          {
            一级: '投入',
            一级分值: 10,
            二级: '预算配置',
            二级分值: 4,
            三级: '在职人员控制率',
            分值: 3,
            指标: '在职人员控制率',
            规则: '扣分',
            参数: '标准=100；方向=超过；每档扣分=0.5',
          },
        ],
      })
    );
    const r = await jixiao('evaluate', SAMPLE_XLSX, '--rules', broken);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`评分规则文件 ${broken} 有误：`);
  });

  test('clear removes exactly the marks evaluate added', async () => {
    const marked = path.join(tmp, 'marked.xlsx');
    const cleared = path.join(tmp, 'cleared.xlsx');
    await jixiao('evaluate', SAMPLE_XLSX, '-o', marked);
    const r = await jixiao('clear', marked, '-o', cleared);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^已清除 \d+ 个单元格的标记/);
    const cells = async (f: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(f);
      const sheet = wb.getWorksheet('财政拨款')!;
      return [7, 8].map((row) =>
        [2, 3, 4].map((col) => {
          const c = sheet.getCell(row, col);
          return `${JSON.stringify(c.value)}|${JSON.stringify(c.fill)}|${JSON.stringify(c.note ?? null)}`;
        })
      );
    };
    expect(await cells(cleared)).toEqual(await cells(SAMPLE_XLSX));
    expect(await cells(marked)).not.toEqual(await cells(SAMPLE_XLSX));
  });

  test('usage errors exit 2 and unreadable input exits 3, in Chinese', async () => {
    expect(await jixiao('evaluate')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('缺少输入工作簿'),
    });
    expect(await jixiao('frobnicate')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('未知命令“frobnicate”'),
    });
    const missing = await jixiao('evaluate', path.join(tmp, '没有这个文件.xlsx'));
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('找不到文件或无法读取');
    const bogus = path.join(tmp, '不是工作簿.xlsx');
    fs.writeFileSync(bogus, '这不是 xlsx');
    expect(await jixiao('evaluate', bogus)).toMatchObject({
      code: 3,
      stderr: expect.stringContaining('无法打开工作簿'),
    });
  });

  test('a numeric option that is not a whole number is a usage error naming it (not NaN workers or rows)', async () => {
    const errs: string[] = [];
    const io = { out: () => undefined, err: (l: string) => errs.push(l) };
    expect(await main(['batch', tmp, '-o', path.join(tmp, 'never'), '--workers', 'abc'], io)).toBe(2);
    expect(errs.pop()).toContain('并行数（--workers）应为正整数：abc');
    expect(await main(['generate', '2', '-o', path.join(tmp, 'never'), '--rows', '3.5'], io)).toBe(2);
    expect(errs.pop()).toContain('项目行数（--rows）应为非负整数：3.5');
    expect(await main(['generate', '0', '-o', path.join(tmp, 'never')], io)).toBe(2);
    expect(errs.pop()).toContain('数量应为正整数：0');
    expect(fs.existsSync(path.join(tmp, 'never'))).toBe(false);
  });

  test('batch evaluates a folder in parallel, reports failures and writes 汇总.xlsx', async () => {
    const inDir = path.join(tmp, 'in');
    expect((await jixiao('generate', '3', '-o', inDir)).code).toBe(0);
    fs.writeFileSync(path.join(inDir, '损坏.xlsx'), 'PK\u0003\u0004 truncated');
    const r = await jixiao('batch', inDir, '-o', path.join(tmp, 'out'), '--workers', '2');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('共 4 个工作簿，3 个已评价，1 个无法评价');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(tmp, 'out', '汇总.xlsx'));
    const ws = wb.getWorksheet('汇总')!;
    const rows: string[][] = [];
    ws.eachRow(
      (row, n) =>
        n > 2 &&
        rows.push(
          (row.values as ExcelJS.CellValue[])
            .slice(1)
            .map((v) => (typeof v === 'object' && v && 'text' in v ? String(v.text) : String(v)))
        )
    );
    expect(rows).toHaveLength(4);
    // In the folder's order whichever worker finished first: two runs give one 汇总.
    ['单位0001', '单位0002', '单位0003'].forEach((f, i) => expect(rows[i]).toContain(`${f}-评价.xlsx`));
    expect(rows[3]).toEqual(expect.arrayContaining(['损坏.xlsx', '无法评价']));
    expect(
      rows.slice(0, 3).every((row) => row.includes('已评价') && row.some((c) => /-评价\.xlsx$/.test(c)))
    ).toBe(true);
    // One 审核意见 per department evaluated (none for the damaged file).
    expect(fs.readdirSync(path.join(tmp, 'out')).sort()).toEqual([
      '单位0001-审核意见.docx',
      '单位0001-评价.xlsx',
      '单位0002-审核意见.docx',
      '单位0002-评价.xlsx',
      '单位0003-审核意见.docx',
      '单位0003-评价.xlsx',
      '汇总.xlsx',
    ]);
  });
});
