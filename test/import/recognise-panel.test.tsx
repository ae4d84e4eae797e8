/** @jest-environment jsdom */
/** The 识别 panel over the Excel double: shows found / ambiguous / not found, binds on confirmation only. */
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { RecognisePanel, RecognitionHost } from '../../src/taskpane/components/RecognisePanel';
import { ExcelDouble } from '../support/excel-double';
import { bindRecognised, readSheetsForImport } from '../../src/hosts/office/recognition';
import { readInputs } from '../../src/hosts/office/reader';
import { gongkai06 } from './layouts';
import { hengyangKexie, hengyangProjects } from './departments';

function hostOver(d: ExcelDouble): RecognitionHost & { bound: string[][] } {
  const bound: string[][] = [];
  return {
    bound,
    readSheets: () => d.run((ctx) => readSheetsForImport(ctx)),
    bind: async (b) => {
      const names = await d.run((ctx) => bindRecognised(ctx, b));
      bound.push(names);
      return names;
    },
  };
}

test('识别 lists what it found; nothing is bound until the user confirms; unticked ones are left out', async () => {
  const sheets = hengyangKexie();
  const d = ExcelDouble.fromValues(Object.fromEntries(sheets.map((s) => [s.name, s.cells])));
  const host = hostOver(d);
  const onBound = jest.fn();
  render(
    <FluentProvider theme={webLightTheme}>
      <RecognisePanel host={host} onBound={onBound} />
    </FluentProvider>
  );
  fireEvent.click(screen.getByRole('button', { name: '识别部门决算表' }));
  const list = await screen.findByRole('list', { name: '识别结果' });
  const item = list.querySelector('[data-input="收入_本年收入合计"]') as HTMLElement;
  expect(within(item).getByText('找到')).toBeTruthy();
  // Unmerged here: the 收入 header typed over A continues over B and C, which have headers below them.
  expect(item.textContent).toContain('公开01表!C20 · 收入支出决算总表“本年收入合计（收入／金额）” · 1351.58');
  expect(host.bound).toEqual([]);

  fireEvent.click(
    within(list.querySelector('[data-input="基础_编制数"]') as HTMLElement).getByRole('checkbox')
  );
  const confirm = screen.getByRole('button', { name: /^确认绑定 \d+ 项$/ });
  fireEvent.click(confirm);
  await waitFor(() => expect(onBound).toHaveBeenCalled());
  expect(host.bound[0]).toContain('收入_本年收入合计');
  expect(host.bound[0]).not.toContain('基础_编制数');
  expect(await screen.findByText(/已绑定 \d+ 个名称/)).toBeTruthy();
  const reading = await d.run((ctx) => readInputs(ctx, ['收入_本年收入合计', '基础_编制数']));
  expect(reading.inputs['收入_本年收入合计'].address).toBe('公开01表!C20');
  expect(reading.inputs['基础_编制数'].address).toBeUndefined();
});

test('an ambiguous input offers its candidates and binds only the one chosen', async () => {
  const s = gongkai06('某单位', { 人员经费合计: 10, 公用经费合计: 2 }, []);
  s.cells.push(['人员经费合计', null, 11, null, null, null]);
  const d = ExcelDouble.fromValues({ [s.name]: s.cells });
  await d.run(async (ctx) => {
    for (const m of [...(s.merges ?? []), { top: 8, left: 0, bottom: 8, right: 1 }])
      ctx.workbook.worksheets
        .getItem(s.name)
        .getRangeByIndexes(m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1)
        .merge();
    await ctx.sync();
  });
  const host = hostOver(d);
  render(
    <FluentProvider theme={webLightTheme}>
      <RecognisePanel host={host} />
    </FluentProvider>
  );
  fireEvent.click(screen.getByRole('button', { name: '识别部门决算表' }));
  const dropdown = await screen.findByRole('combobox', { name: '选择单元格：其中：人员经费' });
  fireEvent.click(dropdown);
  fireEvent.click(await screen.findByRole('option', { name: /公开06表!C9/ }));
  fireEvent.click(screen.getByRole('button', { name: /^确认绑定/ }));
  await waitFor(() => expect(host.bound.length).toBe(1));
  const reading = await d.run((ctx) => readInputs(ctx, ['财拨_人员经费']));
  expect(reading.inputs['财拨_人员经费']).toMatchObject({ address: '公开06表!C9', values: [[11]] });
});

test('the project list is shown with where it was found, and why it is to be copied rather than bound', async () => {
  const sheets = [...hengyangKexie(), hengyangProjects()];
  const d = ExcelDouble.fromValues(Object.fromEntries(sheets.map((s) => [s.name, s.cells])));
  const { container } = render(
    <FluentProvider theme={webLightTheme}>
      <RecognisePanel host={hostOver(d)} />
    </FluentProvider>
  );
  fireEvent.click(screen.getByRole('button', { name: '识别部门决算表' }));
  await screen.findByRole('list', { name: '识别结果' });
  const note = container.querySelector('[data-input="项目支出明细表"]') as HTMLElement;
  expect(note.textContent).toContain('找到  项目名称等（项目支出明细表）：项目支出 第 4–12 行');
  expect(note.textContent).toContain('请复制到模板的项目支出明细表：用户表的栏为 B“项目”');
});
