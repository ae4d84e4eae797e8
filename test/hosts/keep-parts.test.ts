/**
 * What Excel keeps, the output keeps: the file host writes its result into the input's own package.
 * For each workbook of the corpus (one feature each, see keep-parts.fixtures.ts), evaluated in-process:
 *  - every part of the input except the four we extend ([Content_Types].xml, workbook.xml and its
 *    rels, styles.xml) and the marked sheets (their XML and rels) is in the output byte for byte;
 *    the feature's own text is still in the parts we extend; the user's styles are a prefix of ours;
 *  - our reader reads the output to the same findings; evaluating the output again gives every part
 *    identical (twice = once); clearing the output gives back every part of the input byte for byte
 *    except those four (which keep our sheets' entries and appended styles), and no notes part the
 *    input lacked;
 *  - LibreOffice opens every output and saves it again with our sheets and notes in it.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { Evaluation } from '../../src/core/engine';
import { cliLine } from '../../src/core/render/finding';
import { REL_TYPE, relationships, resolveTarget } from '../../src/hosts/file/ooxml';
import { StyleSheet } from '../../src/hosts/file/styleSheet';
import { loadXlsx } from '../../src/hosts/file/xlsx';
import { run, FEATURES } from './keep-parts.fixtures';

const SAMPLE = path.join(__dirname, '..', '..', 'samples', '衡阳市科协-2021.xlsx');
const EXTENDED = ['[Content_Types].xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml'];

async function partsOf(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Buffer>();
  for (const f of Object.values(zip.files)) if (!f.dir) out.set(f.name, await f.async('nodebuffer'));
  return out;
}

/** The parts of the sheets named (sheet XML and its rels), from the package's workbook. */
async function sheetParts(parts: Map<string, Buffer>, sheets: Set<string>): Promise<Set<string>> {
  const wb = parts.get('xl/workbook.xml')!.toString();
  const rels = parts.get('xl/_rels/workbook.xml.rels')!.toString();
  const out = new Set<string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])![1];
    if (!sheets.has(name)) continue;
    const rid = /\br:id="([^"]*)"/.exec(m[0])![1];
    const target =
      new RegExp(`Id="${rid}"[^>]*Target="([^"]*)"`).exec(rels)?.[1] ??
      new RegExp(`Target="([^"]*)"[^>]*Id="${rid}"`).exec(rels)![1];
    const part = resolveTarget('xl/workbook.xml', target);
    const relsPath = part.replace(/([^/]+)$/, '_rels/$1.rels');
    out.add(part).add(relsPath);
    // The sheet's notes (comments part and drawing), which its marks edit.
    for (const r of relationships(parts.get(relsPath)?.toString() ?? ''))
      if (r.type === REL_TYPE.comments || r.type === REL_TYPE.vml) out.add(resolveTarget(part, r.target));
  }
  return out;
}

const findingsOf = (e: Evaluation) => e.findings.map(cliLine);

describe('the output keeps every part of the input we did not mean to change', () => {
  let base: Uint8Array;
  const outputs: Array<{ file: string; ext: string }> = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-keep-'));
  beforeAll(() => {
    base = fs.readFileSync(SAMPLE);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each(FEATURES.map((f) => [f.name, f] as const))(
    '%s',
    async (_name, feature) => {
      const input = await feature.build(base);
      const inParts = await partsOf(input);
      const first = await run(input, 'evaluate');
      const outParts = await partsOf(first.out);
      const marked = new Set(first.evaluation!.plan.marks.map((m) => m.address.split('!')[0]));
      expect(marked.size).toBeGreaterThan(0);
      const markedParts = await sheetParts(inParts, marked);

      // Untouched parts: byte for byte.
      for (const [name, bytes] of inParts) {
        if (EXTENDED.includes(name) || markedParts.has(name)) continue;
        expect([name, outParts.get(name)?.equals(bytes)]).toEqual([name, true]);
      }
      // Added parts are only our sheets and the marks' notes.
      const added = [...outParts.keys()].filter((n) => !inParts.has(n));
      for (const n of added)
        expect(n).toMatch(
          /^xl\/(worksheets\/sheet\d+\.xml|worksheets\/_rels\/sheet\d+\.xml\.rels|comments\d+\.xml|drawings\/vmlDrawing\d+\.vml)$/
        );
      // The feature's text where the input had it; the user's styles unrenumbered.
      for (const [part, text] of feature.keeps) expect(outParts.get(part)?.toString()).toContain(text);
      const [inStyles, outStyles] = [inParts, outParts].map(
        (p) => new StyleSheet(p.get('xl/styles.xml')!.toString())
      );
      for (const list of ['fonts', 'fills', 'borders', 'cellXfs'] as const)
        expect(outStyles.items[list].slice(0, inStyles.items[list].length)).toEqual(inStyles.items[list]);
      const inWb = inParts.get('xl/workbook.xml')!.toString();
      const outWb = outParts.get('xl/workbook.xml')!.toString();
      for (const m of inWb.matchAll(/<sheet\b[^>]*\/>|<definedName\b[^>]*>[^<]*<\/definedName>/g))
        expect(outWb).toContain(m[0]);

      // Our reader reads the output to the same findings.
      const again = await run(first.out, 'evaluate');
      expect(findingsOf(again.evaluation!)).toEqual(findingsOf(first.evaluation!));
      expect(again.evaluation!.summary.total).toBe(first.evaluation!.summary.total);
      // Twice = once: every part identical.
      const twice = await partsOf(again.out);
      expect([...twice.keys()].sort()).toEqual([...outParts.keys()].sort());
      for (const [name, bytes] of outParts)
        expect([name, twice.get(name)!.equals(bytes)]).toEqual([name, true]);

      // Clear gives the input's parts back (all but the four we extend), and no notes part it lacked.
      const cleared = await run(first.out, 'clear');
      expect(cleared.result.clear.restored).toBe(
        new Set(first.evaluation!.plan.marks.map((m) => m.address)).size
      );
      const clearedParts = await partsOf(cleared.out);
      for (const [name, bytes] of inParts)
        if (!EXTENDED.includes(name))
          expect([name, clearedParts.get(name)?.equals(bytes)]).toEqual([name, true]);
      for (const n of clearedParts.keys())
        if (!inParts.has(n)) expect(n).toMatch(/^xl\/worksheets\/sheet\d+\.xml$/);

      const file = path.join(dir, `${feature.name}${feature.ext}`);
      fs.writeFileSync(file, first.out);
      outputs.push({ file, ext: feature.ext });
    },
    60_000
  );

  test('an .xlsm stays macro-enabled: its workbook content type and vbaProject.bin are kept', async () => {
    const vba = FEATURES.find((f) => f.name === 'vba')!;
    const input = await vba.build(base);
    const out = await partsOf((await run(input, 'evaluate')).out);
    const inParts = await partsOf(input);
    expect(out.get('xl/vbaProject.bin')!.equals(inParts.get('xl/vbaProject.bin')!)).toBe(true);
    expect(out.get('[Content_Types].xml')!.toString()).toContain(
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>'
    );
    expect(out.get('xl/_rels/workbook.xml.rels')!.toString()).toContain('Target="vbaProject.bin"');
  }, 60_000);

  const soffice = (() => {
    try {
      execFileSync('sh', ['-c', 'command -v soffice'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  (soffice ? test : test.skip)(
    'LibreOffice opens every output and saves it again with our sheets and notes',
    async () => {
      expect(outputs.length).toBe(FEATURES.length);
      const saved = path.join(dir, 'saved');
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
          '--headless',
          '--convert-to',
          'xlsx:Calc MS Excel 2007 XML',
          '--outdir',
          saved,
          ...outputs.map((o) => o.file),
        ],
        { stdio: 'ignore', timeout: 300_000 }
      );
      for (const o of outputs) {
        const back = path.join(saved, `${path.basename(o.file, o.ext)}.xlsx`);
        expect([back, fs.existsSync(back)]).toEqual([back, true]);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(back);
        expect(wb.worksheets.map((w) => w.name)).toEqual(
          expect.arrayContaining(['评分表', '问题清单', '指标计算表', '报告草稿'])
        );
        let notes = 0;
        wb.getWorksheet('收支总表')!.eachRow((r) => r.eachCell((c) => void (c.note ? notes++ : 0)));
        expect(notes).toBeGreaterThan(0);
      }
    },
    320_000
  );
});

// ------------------------------------------------------------------ issue 13 item 5

const corpus = (file: string) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'bad-input', file));

/** Each sheet's part, by sheet name. */
async function sheetsByName(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const parts = await partsOf(bytes);
  const out = new Map<string, Buffer>();
  const wb = parts.get('xl/workbook.xml')!.toString();
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])![1];
    const [part] = await sheetParts(parts, new Set([name]));
    out.set(name, parts.get(part)!);
  }
  return out;
}

describe('our sheets are ours', () => {
  test.each([
    ['own-sheet-named-score.xlsx', '评分表'],
    ['own-hidden-sheet-named-findings.xlsx', '问题清单'],
    ['own-sheet-named-state.xlsx', '_jixiao_state'],
  ])(
    '%s: the user\'s sheet "%s" is kept byte for byte; ours takes a free name, found again by its marker',
    async (file, sheet) => {
      const input = corpus(file);
      const before = (await sheetsByName(input)).get(sheet)!;
      const once = await run(input, 'evaluate');
      expect(once.result.renamed).toEqual([{ wanted: sheet, name: `${sheet}(2)` }]);
      const sheets = await sheetsByName(once.out);
      expect(sheets.get(sheet)!.equals(before)).toBe(true);
      expect(sheets.has(`${sheet}(2)`)).toBe(true);
      const wb = (await partsOf(once.out)).get('xl/workbook.xml')!.toString();
      expect(wb).toMatch(
        new RegExp(
          `<definedName name="_jixiao_sheet" hidden="1" localSheetId="\\d+">"${sheet}"</definedName>`
        )
      );
      // Again: ours is recognised by its marker and replaced in place; the user's is still untouched.
      const twice = await run(once.out, 'evaluate');
      expect(twice.result.renamed).toEqual([]);
      const [a, b] = await Promise.all([partsOf(once.out), partsOf(twice.out)]);
      for (const [name, bytes] of a) expect([name, b.get(name)!.equals(bytes)]).toEqual([name, true]);
    },
    60_000
  );

  test.each(['forged-state.xlsx', 'forged-state-marked.xlsx'])(
    '%s: forged records paint no cell and write no note',
    async (file) => {
      const input = corpus(file);
      const inSheets = await sheetsByName(input);
      // Clearing a workbook that Jixiao never marked changes no sheet of the user's.
      const cleared = await run(input, 'clear');
      expect(cleared.result.clear.restored).toBe(0);
      expect(cleared.result.clear.ignored).toEqual(expect.arrayContaining(['收支总表!Z99']));
      const clearedSheets = await sheetsByName(cleared.out);
      for (const [name, bytes] of inSheets)
        if (name !== '_jixiao_state')
          expect([name, clearedSheets.get(name)!.equals(bytes)]).toEqual([name, true]);
      const clearedParts = await partsOf(cleared.out);
      expect([...clearedParts.keys()].filter((n) => /comments|vml/.test(n))).toEqual([]);
      // Evaluating it marks exactly what the plan marks: the same cells and notes as the same workbook without the forgery.
      const marked = await run(input, 'evaluate');
      const notes = [...(await partsOf(marked.out)).entries()]
        .filter(([n]) => /comments\d+\.xml$/.test(n))
        .map(([, b]) => b.toString());
      expect(notes.join('')).not.toMatch(/伪造|注入|名称区域之外/);
      const marks = new Set(marked.evaluation!.plan.marks.map((m) => m.address));
      const refs = notes.flatMap((x) => [...x.matchAll(/<comment ref="([A-Z]+\d+)"/g)].map((m) => m[1]));
      expect(refs.length).toBe(marks.size);
      const outSheets = await sheetsByName(marked.out);
      // Every cell whose style changed is a planned mark.
      for (const [name, bytes] of inSheets) {
        const after = outSheets.get(name);
        if (!after || name === '_jixiao_state') continue;
        const styles = (b: Buffer) =>
          new Map(
            [...b.toString().matchAll(/<c r="([A-Z]+\d+)"(?: s="(\d+)")?/g)].map((m) => [m[1], m[2] ?? '0'])
          );
        const [x, y] = [styles(bytes), styles(after)];
        const changed = [...y.keys()]
          .filter((ref) => x.get(ref) !== y.get(ref))
          .map((ref) => `${name}!${ref}`);
        for (const c of changed) expect(marks.has(c)).toBe(true);
      }
      // The input sheet the forged marker calls 评分表 is still the user's 基础数据, not replaced by ours.
      expect(outSheets.get('基础数据')!.toString()).not.toContain('核实得分');
      expect(outSheets.has('评分表')).toBe(true);
    },
    60_000
  );
});

describe("marks on the user's cells", () => {
  test("an error mark is the fill and a medium dark-red border over the cell's own format; a 提示 mark the fill only", async () => {
    const input = fs.readFileSync(SAMPLE);
    const { out, evaluation } = await run(input, 'evaluate');
    const [inParts, outParts] = await Promise.all([partsOf(input), partsOf(out)]);
    const styles = new StyleSheet(outParts.get('xl/styles.xml')!.toString());
    const styleOf = async (parts: Map<string, Buffer>, address: string) => {
      const [sheet, ref] = address.split('!');
      const [part] = await sheetParts(parts, new Set([sheet]));
      const m = new RegExp(`<c r="${ref}"(?: s="(\\d+)")?`).exec(parts.get(part)!.toString());
      return Number(m?.[1] ?? 0);
    };
    for (const severity of ['错误', '提示'] as const) {
      const mark = evaluation!.plan.marks.find((m) => m.severity === severity)!;
      const [before, after] = [await styleOf(inParts, mark.address), await styleOf(outParts, mark.address)];
      const xf = styles.xf(after)!;
      const border = styles.items.borders[Number(/borderId="(\d+)"/.exec(xf)![1])];
      expect(styles.fillState(after)).toEqual({
        kind: 'solid',
        color: severity === '错误' ? '#FF7C80' : '#FFF2CC',
      });
      expect(styles.isMarkOf(after, before, severity === '错误' ? '#FF7C80' : '#FFF2CC')).toBe(true);
      if (severity === '错误')
        expect(border).toBe(
          '<border><left style="medium"><color rgb="FFC00000"/></left><right style="medium"><color rgb="FFC00000"/></right><top style="medium"><color rgb="FFC00000"/></top><bottom style="medium"><color rgb="FFC00000"/></bottom><diagonal/></border>'
        );
      else expect(/borderId="(\d+)"/.exec(xf)![1]).toBe(/borderId="(\d+)"/.exec(styles.xf(before)!)![1]);
    }
  }, 60_000);
});

describe('the CLI writes into the package', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-keep-cli-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const cli = async (args: string[]) => {
    const { main } = await import('../../src/cli/main');
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  test('an .xlsm result must be named .xlsm (and an .xlsx result not): exit 2 with the reason, nothing written', async () => {
    const xlsm = path.join(dir, '宏.xlsm');
    fs.writeFileSync(xlsm, await FEATURES.find((f) => f.name === 'vba')!.build(fs.readFileSync(SAMPLE)));
    const refused = await cli(['evaluate', xlsm, '-o', path.join(dir, '宏-结果.xlsx')]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('输入是启用宏的工作簿（.xlsm），结果须保存为 .xlsm');
    expect(fs.existsSync(path.join(dir, '宏-结果.xlsx'))).toBe(false);
    const kept = await cli(['evaluate', xlsm, '-o', path.join(dir, '宏-结果.xlsm')]);
    expect(kept.code).toBe(0);
    const parts = await partsOf(fs.readFileSync(path.join(dir, '宏-结果.xlsm')));
    expect(parts.get('[Content_Types].xml')!.toString()).toContain('macroEnabled.main+xml');
    const wrong = await cli(['evaluate', SAMPLE, '-o', path.join(dir, '样例.xlsm')]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('输入不是启用宏的工作簿，结果不能保存为 .xlsm');
  }, 60_000);

  test('the summary says where our sheet went when the user has one of its name, and clear reports ignored records', async () => {
    const out = path.join(dir, '同名.xlsx');
    const r = await cli([
      'evaluate',
      path.join(__dirname, '..', 'fixtures', 'bad-input', 'own-sheet-named-score.xlsx'),
      '-o',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('工作簿中已有用户自己的工作表“评分表”，未改动；本次结果写入“评分表(2)”');
    const c = await cli([
      'clear',
      path.join(__dirname, '..', 'fixtures', 'bad-input', 'forged-state.xlsx'),
      '-o',
      path.join(dir, '清除.xlsx'),
    ]);
    expect(c.code).toBe(0);
    expect(c.out).toContain('已清除 0 个单元格的标记');
    expect(c.out).toMatch(/标记记录中有 \d+ 条未采用（.*收支总表!Z99/);
  }, 60_000);
});

describe('a state sheet edited after Jixiao marked the workbook', () => {
  test('a record rewritten to restore another note or format leaves the marked cell as it is', async () => {
    const { saveXlsx } = await import('../../src/hosts/file/xlsx');
    const { out, evaluation } = await run(fs.readFileSync(SAMPLE), 'evaluate');
    const target = evaluation!.plan.marks.find((m) => m.severity === '错误')!.address;
    // The received workbook: the record of a marked cell now claims another own note and format.
    const book = await loadXlsx(out);
    const state = book.wb.getWorksheet('_jixiao_state')!;
    state.eachRow((row) => {
      if (row.getCell(1).value !== target) return;
      row.getCell(3).value = JSON.stringify('伪造的批注');
      row.getCell(6).value = JSON.stringify({
        written: '伪造的批注\n——绩效自评助手——\n有误',
        value: JSON.parse(String(row.getCell(6).value)).value,
        xf: 0,
      });
    });
    const forged = Buffer.from(await saveXlsx(book));
    const cleared = await run(forged, 'clear');
    expect(cleared.result.clear.ignored).toContain(target);
    const [before, after] = await Promise.all([partsOf(forged), partsOf(cleared.out)]);
    const [sheet, ref] = target.split('!');
    const [part] = await sheetParts(before, new Set([sheet]));
    const cell = (p: Map<string, Buffer>) =>
      new RegExp(`<c r="${ref}"[^>]*>`).exec(p.get(part)!.toString())![0];
    expect(cell(after)).toBe(cell(before));
    const notes = [...after.entries()]
      .filter(([n]) => /comments\d+\.xml$/.test(n))
      .map(([, b]) => b.toString())
      .join('');
    expect(notes).not.toContain('伪造');
  }, 60_000);
});
