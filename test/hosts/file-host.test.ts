import ExcelJS from 'exceljs';
import { templateReading } from '../../src/core/fill';
import { INPUTS } from '../../src/catalogue/inputs';
import { TEMPLATE_ADDRESS } from '../../src/catalogue/layout';
import { buildModel, Model } from '../../src/core/model';
import { templatePlan } from '../../src/core/template';
import {
  applyPlan,
  clearMarks,
  loadXlsx,
  newXlsx,
  readInputs,
  saveXlsx,
  XlsxBook,
} from '../../src/hosts/file/xlsx';
import { sampleValues } from '../helpers/sample';

async function roundTrip(book: XlsxBook): Promise<XlsxBook> {
  return loadXlsx(await saveXlsx(book));
}

async function sampleBook(): Promise<XlsxBook> {
  const book = newXlsx();
  applyPlan(book, templatePlan(sampleValues()));
  return roundTrip(book);
}

function snapshot(m: Model): unknown {
  return INPUTS.map((d) =>
    d.type === 'scalar'
      ? [d.name, m.scalar(d.name).address, String(m.scalar(d.name).value)]
      : [
          d.name,
          m.table(d.name).address,
          m
            .table(d.name)
            .rows.map((r) => Object.values(r.cells).map((c) => `${c.address}=${String(c.value)}`)),
        ]
  );
}

describe('file host (ExcelJS)', () => {
  test('the template defines every catalogue name at its template address', async () => {
    const book = newXlsx();
    applyPlan(book, templatePlan());
    const back = await roundTrip(book);
    expect(back.names).toHaveLength(INPUTS.length);
    for (const e of back.names)
      expect(`${e.formula}`.replace(/\$/g, '').replace(/'/g, '')).toBe(TEMPLATE_ADDRESS.get(e.name));
    const reading = readInputs(back);
    expect(Object.values(reading.inputs).filter((i) => i.diagnostic)).toEqual([]);
  });

  test('the sample written through the template reads back identical to the in-memory reading', async () => {
    const fromFile = buildModel(readInputs(await sampleBook()));
    const inMemory = buildModel(templateReading(sampleValues()));
    expect(snapshot(fromFile)).toEqual(snapshot(inMemory));
    expect(fromFile.num('基础_在职人员控制率')!.toString()).toBe('91.3');
    expect(fromFile.diagnostics).toEqual([]);
  });

  test('#REF!, constants, whole columns and sheet-scoped duplicates are reported, not fatal', async () => {
    const wb = new ExcelJS.Workbook();
    const a = wb.addWorksheet('甲');
    const b = wb.addWorksheet('乙');
    a.getCell('B2').value = 1193.05;
    b.getCell('B2').value = 1;
    const bytes = await wb.xlsx.writeBuffer();
    // ExcelJS cannot write such names, so patch workbook.xml the way Excel stores them.
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(bytes);
    let xml = await zip.file('xl/workbook.xml')!.async('string');
    const names =
      '<definedNames>' +
      '<definedName name="收入_本年收入合计">#REF!</definedName>' +
      '<definedName name="支出_本年支出合计">0.5</definedName>' +
      '<definedName name="项目支出明细表">甲!$A:$A</definedName>' +
      '<definedName name="单位名称" localSheetId="0">甲!$B$2</definedName>' +
      '<definedName name="单位名称" localSheetId="1">乙!$B$2</definedName>' +
      '</definedNames>';
    xml = xml
      .replace(/<definedNames\/>|<definedNames>[\s\S]*?<\/definedNames>/, '')
      .replace('</sheets>', `</sheets>${names}`);
    zip.file('xl/workbook.xml', xml);
    const book = await loadXlsx(await zip.generateAsync({ type: 'uint8array' }));
    const reading = readInputs(book);
    expect(reading.inputs['收入_本年收入合计'].diagnostic!.message).toContain('#REF!');
    expect(reading.inputs['支出_本年支出合计'].diagnostic!.message).toBe(
      '名称 支出_本年支出合计 不是单元格引用（现为“0.5”）；应指向工作表中的单元格，如 基础数据!B6'
    );
    expect(reading.inputs['项目支出明细表'].diagnostic!.message).toContain('指向整列');
    expect(reading.inputs['单位名称']).toMatchObject({ address: '甲!B2', values: [[1193.05]] });
    expect(reading.diagnostics[0].message).toContain('“甲”、“乙”');
    expect(reading.inputs['基础_编制数'].diagnostic!.code).toBe('name-missing');
  });

  test('marks: evaluate-then-clear leaves values, fills and notes identical; twice equals once', async () => {
    const book = await sampleBook();
    const ws = book.wb.getWorksheet('收支总表')!;
    const [own, plain] = [
      TEMPLATE_ADDRESS.get('收入_本年收入合计')!,
      TEMPLATE_ADDRESS.get('收入_其他收入')!,
    ].map((a) => a.split('!')[1]);
    ws.getCell(own).note = '会计自己的批注';
    ws.getCell(plain).style = { ...ws.getCell(plain).style, fill: undefined };
    const before = await roundTrip(book);
    const dump = (b: XlsxBook) =>
      b.wb.worksheets
        .filter((w) => !w.name.startsWith('_'))
        .flatMap((w) => {
          const cells: string[] = [];
          w.eachRow((row) =>
            row.eachCell({ includeEmpty: true }, (c) =>
              cells.push(
                `${w.name}!${c.address}|${JSON.stringify(c.value)}|${JSON.stringify(c.fill ?? null)}|${JSON.stringify(c.note ?? null)}`
              )
            )
          );
          return cells;
        });
    const marks = [
      { address: `收支总表!${own}`, severity: '错误' as const, note: '本年收入合计与各来源之和不符' },
      { address: `收支总表!${plain}`, severity: '提示' as const, note: '请核对' },
    ];
    applyPlan(before, { sheets: [], marks });
    const once = await roundTrip(before);
    expect(once.wb.getWorksheet('收支总表')!.getCell(own).note).toBe(
      '会计自己的批注\n——绩效自评助手——\n本年收入合计与各来源之和不符'
    );
    expect((once.wb.getWorksheet('收支总表')!.getCell(plain).fill as ExcelJS.FillPattern).fgColor!.argb).toBe(
      'FFFFF2CC'
    );
    applyPlan(once, { sheets: [], marks });
    const twice = await roundTrip(once);
    expect(dump(twice)).toEqual(dump(once));
    expect(clearMarks(twice)).toBe(2);
    const cleared = await roundTrip(twice);
    expect(dump(cleared)).toEqual(dump(await roundTrip(book)));
    expect(cleared.wb.getWorksheet('_jixiao_state')).toBeUndefined();
  });

  test('a damaged record in the state sheet (edited by hand) still clears its mark and does not throw', async () => {
    const book = newXlsx();
    applyPlan(book, { sheets: [{ name: '数据', rows: [[{ value: 1 }, { value: 2 }]] }], marks: [] });
    applyPlan(book, {
      sheets: [],
      marks: [
        { address: '数据!A1', severity: '错误', note: '有误' },
        { address: '数据!B1', severity: '提示', note: '请核对' },
      ],
    });
    const state = book.wb.getWorksheet('_jixiao_state')!;
    state.getCell('B2').value = '{not json';
    state.getCell('C3').value = '会计改过的批注';
    const back = await roundTrip(book);
    back.names = [{ name: '基础_编制数', formula: '数据!$A$1:$B$1' }]; // marks are acted on only inside our named inputs
    expect(clearMarks(back)).toBe(2);
    const ws = back.wb.getWorksheet('数据')!;
    expect(ws.getCell('A1').fill).toBeUndefined();
    expect(ws.getCell('A1').value).toBe(1);
    expect(ws.getCell('B1').note).toBe('会计改过的批注');
  });

  test("clear takes off only Jixiao's own text and fill, leaves moved cells alone, and ignores forged records", async () => {
    const book = newXlsx();
    applyPlan(book, {
      sheets: [{ name: '数据', rows: [[{ value: 1 }, { value: 2 }, { value: 3 }], [{ value: 4 }]] }],
      marks: [],
    });
    book.names = [{ name: '基础_编制数', formula: '数据!$A$1:$C$1' }];
    const marks = ['A1', 'B1', 'C1'].map((c) => ({
      address: `数据!${c}`,
      severity: '错误' as const,
      note: '有误',
    }));
    applyPlan(book, {
      sheets: [],
      marks: [...marks, { address: '数据!A2', severity: '错误', note: '有误' }],
    });
    const back = await roundTrip(book);
    back.names = book.names;
    const ws = back.wb.getWorksheet('数据')!;
    // The user replies in A1's note, fills B1 their own colour, and C1 now holds another value with no mark (a row moved in).
    ws.getCell('A1').note = `${ws.getCell('A1').note as string}
会计：已核实，数字无误`;
    // (Fresh style objects: ExcelJS shares them between the cells of a loaded file.)
    ws.getCell('B1').style = {
      ...ws.getCell('B1').style,
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00B050' } },
    };
    ws.getCell('C1').value = 99;
    // The cell that moved in brings its own look: no fill, a thin border of its own.
    ws.getCell('C1').style = {
      ...ws.getCell('C1').style,
      fill: { type: 'pattern', pattern: 'none' },
      border: { top: { style: 'thin' } },
    };
    ws.getCell('C1').note = '别的单元格的批注';
    // A forged record for a cell outside every named input.
    back.wb.getWorksheet('_jixiao_state')!.getRow(6).values = [
      '数据!D9',
      '{"kind":"solid","color":"#FF0000"}',
      '"伪造"',
      '错误',
    ];
    const { clearMarksReport } = await import('../../src/hosts/file/xlsx');
    const report = clearMarksReport(back);
    expect(report).toEqual({ restored: 2, ignored: ['数据!A2', '数据!D9'], moved: ['数据!C1'] });
    expect(ws.getCell('A1').note).toBe('会计：已核实，数字无误');
    expect((ws.getCell('A1').fill as ExcelJS.FillPattern | undefined)?.pattern ?? 'none').toBe('none'); // Jixiao's fill gone
    expect((ws.getCell('B1').fill as ExcelJS.FillPattern).fgColor!.argb).toBe('FF00B050');
    // Jixiao's error border is gone from the marked cells (they had none), the moved-in cell keeps its own.
    for (const c of ['A1', 'B1'])
      expect(Object.values(ws.getCell(c).border ?? {}).filter(Boolean)).toEqual([]);
    expect(ws.getCell('C1').border).toEqual({ top: { style: 'thin' } });
    expect(ws.getCell('C1').note).toBe('别的单元格的批注');
    expect(ws.getCell('D9').value).toBeNull();
  });

  test('a hyperlink whose text is rich text reads as its text', async () => {
    const book = newXlsx();
    book.wb.addWorksheet('基础数据').getCell('B2').value = {
      text: { richText: [{ text: '衡阳' }, { text: '市' }] },
      hyperlink: 'https://example.org',
    } as unknown as ExcelJS.CellValue;
    const back = await roundTrip(book);
    back.names = [{ name: '单位名称', formula: '基础数据!$B$2' }];
    expect(readInputs(back, ['单位名称']).inputs['单位名称'].values).toEqual([['衡阳市']]);
  });

  test('text that looks like a formula is written as text', async () => {
    const book = newXlsx();
    applyPlan(book, {
      sheets: [
        {
          name: '输出',
          rows: [[{ value: '=SUM(A1:A3)' }, { value: '+86' }, { value: '@x' }, { formula: '1+1' }]],
        },
      ],
      marks: [],
    });
    const back = await roundTrip(book);
    const ws = back.wb.getWorksheet('输出')!;
    expect(ws.getCell('A1').value).toBe('=SUM(A1:A3)');
    expect(ws.getCell('B1').value).toBe('+86');
    expect(ws.getCell('C1').value).toBe('@x');
    expect(ws.getCell('D1').value).toMatchObject({ formula: '1+1' });
  });
});
