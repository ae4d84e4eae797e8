/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read, office-addins/call-sync-after-load -- reading too early on purpose: the double must throw as office.js does */
/** The Excel double must refuse what office.js refuses, or tests of the Office host prove nothing. */
import { ExcelDouble } from '../support/excel-double';
import { runThroughOfficeJs } from '../support/real-office';

function book(options?: { excelApi?: string }) {
  return ExcelDouble.fromValues(
    {
      数据: [
        ['单位名称', '衡山县某局'],
        ['收入合计', 1193.05],
        ['错误', { error: '#REF!' }],
      ],
      说明: [['x']],
    },
    [
      { name: '单位名称', formula: '=数据!$B$1' },
      { name: '收入合计', formula: '=数据!$B$2' },
      { name: '坏名称', formula: '=#REF!' },
      { name: '比率', formula: '=0.5' },
      { name: '局部', formula: '=说明!$A$1', sheet: '说明' },
    ],
    options
  );
}

describe('load and sync', () => {
  test('reading a property before load, or after load but before sync, throws PropertyNotLoaded', async () => {
    const d = book();
    const ctx = d.context();
    const range = ctx.workbook.worksheets.getItem('数据').getRange('B2');
    expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    range.load('values');
    expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    await ctx.sync();
    expect(range.values).toEqual([[1193.05]]);
    // Loaded properties only: the address was not asked for.
    expect(() => range.address).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    expect((ctx as unknown as { syncCount: number }).syncCount).toBe(1);
  });

  test('writes are queued: invisible to the document until sync, and a loaded value stays stale', async () => {
    const d = book();
    const ctx = d.context();
    const range = ctx.workbook.worksheets.getItem('数据').getRange('B2').load('values');
    await ctx.sync();
    range.values = [[7]];
    expect(d.cell('数据!B2').value).toBe(1193.05);
    expect(range.values).toEqual([[1193.05]]);
    await ctx.sync();
    expect(d.cell('数据!B2').value).toBe(7);
    expect(d.syncCount).toBe(2);
  });

  test('a wrongly shaped values array fails the sync (InvalidArgument)', async () => {
    const ctx = book().context();
    ctx.workbook.worksheets.getItem('数据').getRange('A1:B2').values = [[1, 2]];
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  test('load paths reach navigation properties and collections load their items', async () => {
    const ctx = book().context();
    const fill = ctx.workbook.worksheets
      .getItem('数据')
      .getRange('A1')
      .load('format/fill/color,format/font/bold');
    const sheets = ctx.workbook.worksheets.load('items/name');
    await ctx.sync();
    expect(fill.format.fill.color).toBe('#FFFFFF');
    expect(fill.format.font.bold).toBe(false);
    expect(sheets.items.map((s) => s.name)).toEqual(['数据', '说明']);
    expect(() => sheets.items[0].visibility).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
  });

  test('a whole column cannot be loaded in one response', async () => {
    const ctx = book().context();
    ctx.workbook.worksheets.getItem('数据').getRange('A:A').load('values');
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
  });
});

describe('null objects and missing items', () => {
  test('getItemOrNullObject gives isNullObject after sync; getItem of a missing sheet fails the sync', async () => {
    const d = book();
    const ctx = d.context();
    const missing = ctx.workbook.worksheets.getItemOrNullObject('没有');
    const present = ctx.workbook.worksheets.getItemOrNullObject('数据');
    missing.load('name');
    present.load('name');
    expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    await ctx.sync();
    expect(missing.isNullObject).toBe(true);
    expect(present.isNullObject).toBe(false);
    expect(present.name).toBe('数据');
    ctx.workbook.worksheets.getItem('没有').load('name');
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
  });

  test('names: types, sheet scope, #REF! and constants have no range', async () => {
    const ctx = book().context();
    const names = ctx.workbook.names.load('items/name,items/type,items/formula');
    const local = ctx.workbook.worksheets.getItem('说明').names.load('items/name,items/formula');
    const bad = ctx.workbook.names.getItem('坏名称').getRangeOrNullObject().load('address');
    const constant = ctx.workbook.names.getItem('比率').getRangeOrNullObject().load('address');
    const good = ctx.workbook.names.getItem('收入合计').getRange().load('address,values');
    const none = ctx.workbook.names.getItemOrNullObject('局部').load('name'); // sheet-scoped: not in workbook.names
    await ctx.sync();
    expect(names.items.map((n) => [n.name, n.type])).toEqual([
      ['单位名称', 'Range'],
      ['收入合计', 'Range'],
      ['坏名称', 'Error'],
      ['比率', 'Double'],
    ]);
    expect(local.items.map((n) => [n.name, n.formula])).toEqual([['局部', '=说明!$A$1']]);
    expect(bad.isNullObject).toBe(true);
    expect(constant.isNullObject).toBe(true);
    expect(good.address).toBe('数据!B2');
    expect(good.values).toEqual([[1193.05]]);
    expect(none.isNullObject).toBe(true);
  });

  test('names.add and delete; adding an existing name fails', async () => {
    const d = book();
    const ctx = d.context();
    ctx.workbook.names.getItem('收入合计').delete();
    ctx.workbook.names.add('收入合计', '=数据!$B$1', '改指');
    await ctx.sync();
    expect(d.book.names.find((n) => n.name === '收入合计')?.formula).toBe('=数据!$B$1');
    ctx.workbook.names.add('单位名称', ctx.workbook.worksheets.getItem('数据').getRange('A1'));
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
  });

  test('error cells read as their text with valueType Error', async () => {
    const ctx = book().context();
    const r = ctx.workbook.worksheets.getItem('数据').getRange('B3').load('values,valueTypes');
    await ctx.sync();
    expect(r.values).toEqual([['#REF!']]);
    expect(r.valueTypes).toEqual([['Error']]);
  });
});

describe('values, fills, notes, comments', () => {
  test('a string starting with = becomes a formula unless the cell is text-formatted', async () => {
    const d = book();
    const ctx = d.context();
    const ws = ctx.workbook.worksheets.getItem('说明');
    ws.getRange('B1').values = [['=SUM(A1)']];
    const b2 = ws.getRange('B2');
    b2.numberFormat = [['@']];
    b2.values = [['=SUM(A1)']];
    ws.getRange('B3').values = [['1,193.05']];
    await ctx.sync();
    expect(d.cell('说明!B1').formula).toBe('=SUM(A1)');
    expect(d.cell('说明!B2').value).toBe('=SUM(A1)');
    expect(d.cell('说明!B2').formula).toBeUndefined();
    expect(d.cell('说明!B3').value).toBe(1193.05);
  });

  test('"no fill" reads #FFFFFF like white, told apart only by tintAndShade (office-js #4900)', async () => {
    const d = book();
    d.setFill('数据!A2', '#FFFFFF');
    const ctx = d.context();
    const ws = ctx.workbook.worksheets.getItem('数据');
    const none = ws.getRange('A1').format.fill.load('color,tintAndShade,pattern');
    const white = ws.getRange('A2').format.fill.load('color,tintAndShade,pattern');
    await ctx.sync();
    expect([none.color, none.pattern, none.tintAndShade]).toEqual(['#FFFFFF', null, null]);
    expect([white.color, white.pattern, white.tintAndShade]).toEqual(['#FFFFFF', null, 0]);
    ws.getRange('A2').format.fill.clear();
    await ctx.sync();
    expect(d.cell('数据!A2').fill).toEqual({ kind: 'none' });
  });

  test('notes need ExcelApi 1.18: add, getItemOrNullObject, content, delete', async () => {
    const d = book();
    expect(d.office.context.requirements.isSetSupported('ExcelApi', '1.18')).toBe(true);
    const ctx = d.context();
    const ws = ctx.workbook.worksheets.getItem('数据');
    ws.notes.add('B2', '请核对');
    const before = ws.notes.getItemOrNullObject('B1').load('content');
    await ctx.sync();
    expect(before.isNullObject).toBe(true);
    expect(d.note('数据!B2')).toBe('请核对');
    const n = ctx.workbook.notes.getItemOrNullObject('数据!B2').load('content');
    await ctx.sync();
    expect(n.content).toBe('请核对');
    n.delete();
    ws.notes.add('B2', 'a');
    ws.notes.add('B2', 'b');
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect(d.note('数据!B2')).toBe('a');
  });

  test('without ExcelApi 1.18 any use of notes fails with ApiNotFound', async () => {
    const d = book({ excelApi: '1.17' });
    expect(d.office.context.requirements.isSetSupported('ExcelApi', '1.18')).toBe(false);
    expect(d.office.context.requirements.isSetSupported('ExcelApi', '1.10')).toBe(true);
    const ctx = d.context();
    ctx.workbook.worksheets.getItem('数据').notes.getItemOrNullObject('A1').load('content');
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
  });

  test('comments: one per cell, getItemByCell throws when there is none', async () => {
    const d = book();
    const ctx = d.context();
    const c = ctx.workbook.comments.add('数据!A1', '第一条').load('id,content');
    await ctx.sync();
    expect(c.content).toBe('第一条');
    const byCell = ctx.workbook.comments.getItemByCell('数据!A1').load('id');
    await ctx.sync();
    expect(byCell.id).toBe(c.id);
    ctx.workbook.comments.add('数据!A1', '第二条');
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    ctx.workbook.comments.getItemByCell('数据!A2').load('id');
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
  });
});

describe('worksheets, selection, charts, events, run', () => {
  test('add, hide, very hidden, delete; the last visible sheet stays', async () => {
    const d = book();
    const ctx = d.context();
    const s = ctx.workbook.worksheets.add('_state');
    s.visibility = 'VeryHidden';
    ctx.workbook.worksheets.getItem('说明').delete();
    await ctx.sync();
    expect(d.sheetNames()).toEqual(['数据', '_state']);
    expect(d.sheetData('_state').visibility).toBe('VeryHidden');
    ctx.workbook.worksheets.getItem('数据').delete();
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
  });

  test('select, getSelectedRange, getCell, getResizedRange, getUsedRange, charts and onChanged', async () => {
    const d = book();
    const seen: string[] = [];
    await d.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('数据');
      ws.onChanged.add(async (e) => void seen.push(e.address));
      ws.getRange('A1').getResizedRange(1, 1).getCell(1, 1).select();
      const chart = ws.charts.add('ColumnClustered', ws.getRange('A1:B2'), 'Columns');
      chart.title.text = '图';
      await ctx.sync();
      const sel = ctx.workbook.getSelectedRange().load('address');
      const used = ws.getUsedRange(true).load('address');
      await ctx.sync();
      expect(sel.address).toBe('数据!B2');
      expect(used.address).toBe('数据!A1:B3');
      ws.getRange('C1').values = [[1]];
    });
    expect(d.sheetData('数据').charts).toEqual([
      expect.objectContaining({ type: 'ColumnClustered', source: '数据!A1:B2', title: '图' }),
    ]);
    await new Promise((r) => setTimeout(r, 5));
    expect(seen).toEqual(['数据!C1']);
    // Excel.run synced the pending write at the end: 2 syncs in the batch + 1 final.
    expect(d.syncCount).toBe(3);
  });
});

describe('requirement sets and installing as window.Excel / window.Office', () => {
  test('isSetSupported answers from excelApi, which may change between runs; install sets both globals', async () => {
    const d = book({ excelApi: '1.9' });
    const win: { Excel?: { run: typeof d.run }; Office?: typeof d.office } = {};
    d.install(win);
    const requirements = win.Office!.context.requirements;
    expect(
      ['1.1', '1.8', '1.9', '1.10', '1.18'].map((v) => requirements.isSetSupported('ExcelApi', v))
    ).toEqual([true, true, true, false, false]);
    expect(requirements.isSetSupported('WordApi', '1.1')).toBe(false);
    d.excelApi = '1.18';
    expect(requirements.isSetSupported('ExcelApi', '1.10')).toBe(true);
    const value = await win.Excel!.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('数据').getRange('B2').load('values');
      await ctx.sync();
      return r.values[0][0];
    });
    expect(value).toBe(1193.05);
  });
});

describe('page layout (ExcelApi 1.9)', () => {
  test('paper size, orientation and fit-to-pages zoom; a scale and pages to fit together are refused', async () => {
    const d = book();
    const ctx = d.context();
    const page = ctx.workbook.worksheets.getItem('数据').pageLayout;
    page.paperSize = 'A4';
    page.orientation = 'Landscape';
    page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    page.load('paperSize,orientation,zoom');
    await ctx.sync();
    expect([page.paperSize, page.orientation, page.zoom]).toEqual([
      'A4',
      'Landscape',
      { horizontalFitToPages: 1, verticalFitToPages: 0 },
    ]);
    expect(d.sheetData('说明').pageLayout).toEqual({
      paperSize: 'Letter',
      orientation: 'Portrait',
      zoom: { scale: 100 },
    });
    page.zoom = { scale: 80, horizontalFitToPages: 1 };
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    page.zoom = { scale: 5 };
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  test('below ExcelApi 1.9 any use of pageLayout fails with ApiNotFound', async () => {
    const ctx = book({ excelApi: '1.8' }).context();
    ctx.workbook.worksheets.getItem('数据').pageLayout.paperSize = 'A4';
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
  });
});

describe('references to sheets, clearing, charts', () => {
  test('deleting a sheet turns formulas and names that refer to it into #REF!; renaming one makes them follow', async () => {
    const d = ExcelDouble.fromValues({ 评分表: [[1]], 表: [[2]], 'My Sheet': [[3]], 用户: [[null]] }, [
      { name: '总分', formula: '=评分表!$A$1' },
    ]);
    d.userEdit('用户!A1', '=评分表!I5');
    d.userEdit('用户!A2', '=SUM(表!A1,评分表!A1)');
    d.userEdit('用户!A3', "='My Sheet'!A1*2");
    const ctx = d.context();
    ctx.workbook.worksheets.getItem('My Sheet').name = '新表';
    ctx.workbook.worksheets.getItem('评分表').delete();
    await ctx.sync();
    expect(d.cell('用户!A1')).toMatchObject({ formula: '=#REF!I5', value: '#REF!', error: true });
    expect(d.cell('用户!A2').formula).toBe('=SUM(表!A1,#REF!A1)'); // 表 is not part of 评分表
    expect(d.cell('用户!A3').formula).toBe('=新表!A1*2');
    expect(d.book.names[0].formula).toBe('=#REF!$A$1');
  });

  test('clear gives every cleared cell its own formats, chart.delete removes the chart', async () => {
    const d = book();
    const ctx = d.context();
    const ws = ctx.workbook.worksheets.getItem('数据');
    ws.getRange('A1:B2').format.borders.getItem('EdgeTop').style = 'Continuous';
    ws.charts.add('ColumnClustered', ws.getRange('A1:B2'), 'Columns');
    await ctx.sync();
    ws.getRange('A1:B3').clear();
    ws.getRange('A1').format.borders.getItem('EdgeLeft').style = 'Continuous';
    const charts = ws.charts.load('items/name');
    await ctx.sync();
    expect(d.cell('数据!A1').borders).toEqual({ EdgeLeft: 'Continuous' });
    expect(d.cell('数据!B2').borders).toEqual({});
    charts.items[0].delete();
    await ctx.sync();
    expect(d.sheetData('数据').charts).toEqual([]);
  });
});

describe('every member the add-in calls, through real office.js; a member the double does not model fails loudly', () => {
  const LEVEL = '1.15';
  test('charts: load, getItem (what office.js sends to delete a loaded chart), getItemAt, getCount, add, title, setPosition', async () => {
    const d = book({ excelApi: LEVEL });
    await runThroughOfficeJs(d, LEVEL, async (c) => {
      const ws = c.workbook.worksheets.getItem('数据');
      const added = ws.charts.add('ColumnClustered', ws.getRange('A1:B2'), 'Columns');
      added.title.text = '图';
      added.setPosition('D2');
      ws.charts.add('ColumnClustered', ws.getRange('A1:B2'), 'Columns');
      await c.sync();
      const charts = ws.charts.load('items/name');
      const count = ws.charts.getCount();
      const second = ws.charts.getItemAt(1).load('name');
      await c.sync();
      expect([count.value, second.name]).toEqual([2, 'Chart 2']);
      for (const chart of charts.items) chart.delete();
      await c.sync();
    });
    expect(d.sheetData('数据').charts).toEqual([]);
  });

  test('comments: add, getCount, getItemAt, getItemOrNullObject, getItemByCell, getLocation, content, delete', async () => {
    const d = book({ excelApi: LEVEL });
    await runThroughOfficeJs(d, LEVEL, async (c) => {
      const comments = c.workbook.comments;
      const added = comments.add('数据!B1', '一').load('id');
      comments.add('数据!B2', '二');
      await c.sync();
      const count = comments.getCount();
      const first = comments.getItemAt(0).load('id,content');
      const byId = comments.getItemOrNullObject(added.id).load('content');
      const missing = comments.getItemOrNullObject('{no-such-comment}').load('content');
      const where = comments.getItemByCell('数据!B2').getLocation().load('address');
      await c.sync();
      expect([count.value, first.content, byId.content, missing.isNullObject, where.address]).toEqual([
        2,
        '一',
        '一',
        true,
        '数据!B2',
      ]);
      byId.content = '一（改）';
      comments.getItemByCell('数据!B2').delete();
      await c.sync();
    });
    expect(d.book.comments.map((x) => x.content)).toEqual(['一（改）']);
  });

  test('names: load, getItem, getItemOrNullObject, add (hidden), formula, value, delete', async () => {
    const d = book({ excelApi: LEVEL });
    await runThroughOfficeJs(d, LEVEL, async (c) => {
      const names = c.workbook.names;
      names.add('新名称', '=数据!$A$1').visible = false;
      c.workbook.worksheets.getItem('说明').names.add('_jixiao_sheet', '="评分表"');
      await c.sync();
      const all = names.load('items/name,items/formula');
      const owner = c.workbook.worksheets
        .getItem('说明')
        .names.getItemOrNullObject('_jixiao_sheet')
        .load('value');
      await c.sync();
      expect(all.items.find((n) => n.name === '新名称')?.formula).toBe('=数据!$A$1');
      expect(owner.value).toBe('评分表');
      names.getItem('新名称').delete();
      await c.sync();
    });
    expect(d.nameFormula('新名称')).toBeNull();
  });

  test('getCellProperties and setCellProperties (ExcelApi 1.9): fills, borders and links per cell', async () => {
    const d = book({ excelApi: LEVEL });
    d.setFill('数据!A2', '#00B050');
    d.setBorder('数据!A2', 'EdgeTop', 'Dash', '#FF0000', 'Thin');
    await runThroughOfficeJs(d, LEVEL, async (c) => {
      const ws = c.workbook.worksheets.getItem('数据');
      const props = ws.getRange('A1:A2').getCellProperties({
        format: { fill: { color: true, tintAndShade: true }, borders: { style: true, color: true } },
      });
      ws.getRange('C1:C2').setCellProperties([
        [{ hyperlink: { documentReference: "'说明'!A1", textToDisplay: '说明!A1' } }],
        [{}],
      ]);
      await c.sync();
      const [a1, a2] = props.value.map((row) => row[0].format!);
      expect(a1.fill).toEqual({ color: '#FFFFFF', tintAndShade: null });
      expect(a2.fill).toEqual({ color: '#00B050', tintAndShade: 0 });
      expect(a2.borders!.top).toEqual({ style: 'Dash', color: '#FF0000' });
      expect(a2.borders!.bottom).toEqual({ style: 'None', color: '#000000' });
    });
    expect(d.cell('数据!C1')).toMatchObject({
      value: '说明!A1',
      hyperlink: { documentReference: "'说明'!A1" },
    });
    expect(d.cell('数据!C2').hyperlink).toBeUndefined();
  });

  test('a property, method or collection member the double does not model fails the request, naming it', async () => {
    const d = book({ excelApi: LEVEL });
    const attempt = (batch: (c: Excel.RequestContext) => void) =>
      runThroughOfficeJs(d, LEVEL, async (c) => {
        batch(c);
        await c.sync();
      });
    await expect(
      attempt(
        (c) =>
          void (c.workbook.worksheets.getItem('数据').getRange('A1').format.fill.patternColor = '#FF0000')
      )
    ).rejects.toMatchObject({ code: 'NotModelled', message: expect.stringMatching(/patternColor/) });
    await expect(
      attempt((c) => void c.workbook.worksheets.getItem('数据').getRange('A1').format.autofitRows())
    ).rejects.toMatchObject({ code: 'NotModelled', message: expect.stringMatching(/autofitRows/) });
    await expect(
      attempt((c) => void c.workbook.worksheets.getItem('数据').tables.load('items/name'))
    ).rejects.toMatchObject({ code: 'NotModelled', message: expect.stringMatching(/tables/) });
  });
});

describe('references in formulas follow inserted and deleted cells, as Excel rewrites them', () => {
  test('a reference to another sheet moves with its cell, a range grows, a deleted cell is #REF!', () => {
    const d = ExcelDouble.fromValues({ 项目支出: [[1], [2], [3], [4], [5]], 状态: [[null]] });
    d.userEdit('状态!A1', '=项目支出!$A$4');
    d.userEdit('状态!A2', '=SUM(项目支出!A2:A5)+A1&"项目支出!A4"');
    d.userEdit('项目支出!B1', '=A4*2');
    d.shift('项目支出!2:3', 'Down');
    expect(d.cell('状态!A1').formula).toBe('=项目支出!$A$6');
    // Text in quotes is not a reference; a reference without a sheet means the formula's own sheet.
    expect(d.cell('状态!A2').formula).toBe('=SUM(项目支出!A4:A7)+A1&"项目支出!A4"');
    expect(d.cell('项目支出!B1').formula).toBe('=A6*2');
    d.shift('项目支出!6:6', 'Up');
    expect(d.cell('状态!A1')).toMatchObject({ formula: '=项目支出!#REF!', value: '#REF!', error: true });
    expect(d.cell('状态!A2').formula).toBe('=SUM(项目支出!A4:A6)+A1&"项目支出!A4"');
  });
});
