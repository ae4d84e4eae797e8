/** @jest-environment jsdom */
/**
 * The task pane over a fake port: 一键生成 shows the summary and findings, a finding takes the user to
 * its cell, the 数据 tab shows each input's status and binds, edits refresh the findings, errors are
 * Chinese MessageBars.
 */
import * as React from 'react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { evaluate } from '../../src/core/engine';
import type { RawReading } from '../../src/core/types';
import { App } from '../../src/taskpane/components/App';
import { PortError } from '../../src/taskpane/port';
import { stringsFor } from '../../src/taskpane/strings';
import { sampleReading } from '../helpers/sample';
import { fakePort } from './fakePort';

async function runOnce() {
  fireEvent.click(screen.getByRole('button', { name: '一键生成' }));
  await screen.findByText('已生成：指标计算表、评分表、问题清单、报告草稿。');
}

test('一键生成 reads, evaluates, writes the plan once and shows the engine’s summary', async () => {
  const port = fakePort(sampleReading());
  const expected = evaluate(sampleReading());
  render(<App port={port} />);
  await runOnce();
  const summary = screen.getByTestId('summary');
  expect(summary.getAttribute('aria-label')).toBe('评价结果');
  expect(within(summary).getByText('衡阳市科学技术协会 · 2021 年度')).toBeTruthy();
  expect(screen.getByTestId('total').textContent).toBe(expected.summary.total);
  expect(screen.getByTestId('pending').textContent).toBe(expected.summary.pendingPoints);
  expect(screen.getByTestId('grade').textContent).toBe(expected.summary.gradeText);
  expect(screen.getByTestId('counts').textContent).toBe(expected.summary.counts);
  expect(screen.getByTestId('errors').textContent).toBe(String(expected.summary.errors));
  expect(screen.getByTestId('warnings').textContent).toBe(String(expected.summary.warnings));
  expect(port.plans).toEqual([expected.plan]);
  expect(screen.getByRole('tab', { name: `问题 (${expected.findings.length})` })).toBeTruthy();
});

test('findings are grouped by severity; clicking one selects its cell; a 提示 can be explained', async () => {
  const port = fakePort(sampleReading());
  render(<App port={port} />);
  await runOnce();
  fireEvent.click(screen.getByRole('tab', { name: /^问题/ }));
  const errors = screen.getByRole('region', { name: '错误' });
  const warnings = screen.getByRole('region', { name: '提示' });
  // The sample states 财政拨款本年收入 as 780.19, but 478.29 + 714.76 = 1193.05 (差额 −412.86); no indicator reads it: a 提示.
  const income = warnings.querySelector('[data-finding="sum.财拨.本年收入"]') as HTMLElement;
  expect(within(income).getByText(/应为 1193\.05，实为 780\.19，差额 −412\.86/)).toBeTruthy();
  fireEvent.click(within(income).getByRole('button', { name: '财政拨款本年收入：合计 = 基本支出 + 项目支出' }));
  await waitFor(() => expect(port.selected).toEqual(['财政拨款!D7']));
  // 详情 shows every operand as its own link.
  expect(within(income).queryByRole('button', { name: '本年收入（项目支出） · 财政拨款!C7' })).toBeNull();
  fireEvent.click(within(income).getByRole('button', { name: '详情' }));
  fireEvent.click(within(income).getByRole('button', { name: '本年收入（项目支出） · 财政拨款!C7' }));
  await waitFor(() => expect(port.selected).toEqual(['财政拨款!D7', '财政拨款!C7']));
  // A 错误 cannot be explained away; a 提示 can.
  expect(within(errors).queryByRole('button', { name: '填写说明' })).toBeNull();
  const budget = warnings.querySelector('[data-finding="same.预算完成年初预算"]') as HTMLElement;
  fireEvent.click(within(budget).getByRole('button', { name: '填写说明' }));
  fireEvent.change(within(budget).getByRole('textbox'), { target: { value: '基础数据表的年初预算只含财政拨款基本支出' } });
  fireEvent.click(within(budget).getByRole('button', { name: '保存说明' }));
  await waitFor(() => expect(port.explanations).toEqual([['same.预算完成年初预算', '基础数据表的年初预算只含财政拨款基本支出']]));
  fireEvent.click(screen.getByRole('button', { name: '清除标记' }));
  await screen.findByText('已清除全部标记，单元格的原有底色和批注已恢复。');
  expect(port.cleared).toBe(1);
});

test('the 数据 tab shows 已绑定 / 缺失 / 无效 with the cell, and 绑定 attaches the selection', async () => {
  const reading = sampleReading({ 收入_一般公共预算财政拨款: '1193.05元' });
  delete reading.inputs['单位名称'];
  const port = fakePort(reading);
  render(<App port={port} />);
  fireEvent.click(screen.getByRole('tab', { name: '数据' }));
  const sheet = await screen.findByRole('list', { name: '基本情况' });
  const row = (name: string) => document.querySelector(`[data-input="${name}"]`) as HTMLElement;
  expect(within(row('单位名称')).getByText('缺失')).toBeTruthy();
  expect(within(row('评价年度')).getByText('已绑定')).toBeTruthy();
  expect(within(row('评价年度')).getByText('评价年度 → 基本情况!B7')).toBeTruthy();
  expect(sheet).toBeTruthy();
  // Sheets with something to fix start open.
  const bad = row('收入_一般公共预算财政拨款');
  expect(within(bad).getByText('无效')).toBeTruthy();
  expect(
    within(bad).getByText('收支总表!B7（一般公共预算财政拨款收入）：单元格写的单位是“元”（1193.05元），本表金额单位为万元；请换算为万元后填写（元 ÷ 10000）'),
  ).toBeTruthy();

  port.selection = '封面!D4';
  fireEvent.click(within(row('单位名称')).getByRole('button', { name: '绑定 单位名称' }));
  await screen.findByText('已将“单位名称”绑定到 封面!D4');
  expect(port.bound).toEqual([['单位名称', '封面!D4']]);
  await waitFor(() => expect(within(row('单位名称')).getByText('已绑定')).toBeTruthy());
});

test('a user edit re-checks the findings without writing to the workbook', async () => {
  const port = fakePort(sampleReading());
  let calls = 0;
  const engine = (r: RawReading) => {
    calls++;
    return evaluate(r);
  };
  render(<App port={port} engine={engine} editDebounceMs={5} />);
  await runOnce();
  expect(calls).toBe(1);
  act(() => port.edit());
  await screen.findByText('数据已修改，问题清单已更新。点“一键生成”重新写出结果表。');
  expect(calls).toBe(2);
  expect(port.plans).toHaveLength(1);
});

test('a failed write is a Chinese error MessageBar, not a crash', async () => {
  const port = fakePort(sampleReading());
  port.applyPlan = () => Promise.reject(Object.assign(new Error('Access denied'), { code: 'AccessDenied' }));
  render(<App port={port} />);
  fireEvent.click(screen.getByRole('button', { name: '一键生成' }));
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toContain('工作簿拒绝写入：工作表或工作簿受保护');
  expect(screen.getByRole('button', { name: '一键生成' })).toHaveProperty('disabled', false);
});

test('报告 previews the draft and 导出 Word downloads the exporter’s bytes', async () => {
  const port = fakePort(sampleReading());
  const draft = {
    title: '衡阳市科学技术协会2021年度部门整体支出绩效自评报告',
    sections: [
      { id: 'overview', level: 1 as const, number: '一、', heading: '部门概况', blocks: [{ kind: 'paragraph' as const, text: '本部门内设机构 3 个。', sources: [] }] },
    ],
  };
  const exportDocx = jest.fn(async () => new Uint8Array([80, 75, 3, 4]));
  const created: Blob[] = [];
  URL.createObjectURL = (b: Blob) => (created.push(b), 'blob:x');
  URL.revokeObjectURL = () => undefined;
  const clicked = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  render(<App port={port} engine={(r) => ({ ...evaluate(r), report: draft })} exportDocx={exportDocx} />);
  await runOnce();
  fireEvent.click(screen.getByRole('tab', { name: '报告' }));
  expect(screen.getByRole('heading', { name: draft.title })).toBeTruthy();
  expect(screen.getByRole('heading', { name: '一、部门概况' })).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '导出 Word' }));
  await screen.findByText(`已下载 ${draft.title}.docx`);
  expect(exportDocx).toHaveBeenCalledWith(draft, evaluate(sampleReading()).scores);
  expect(created[0].size).toBe(4);
  expect((clicked.mock.contexts[0] as HTMLAnchorElement).download).toBe(`${draft.title}.docx`);
});

test('导出审核意见 downloads the 审核意见 the exporter drafts from the evaluation', async () => {
  const port = fakePort(sampleReading());
  const exportReview = jest.fn(async () => ({ title: '衡阳市科学技术协会2021年度部门整体支出绩效自评审核意见', bytes: new Uint8Array([80, 75, 3, 4, 0]) }));
  const created: Blob[] = [];
  URL.createObjectURL = (b: Blob) => (created.push(b), 'blob:x');
  URL.revokeObjectURL = () => undefined;
  const clicked = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  render(<App port={port} exportReview={exportReview} />);
  await runOnce();
  fireEvent.click(screen.getByRole('tab', { name: '报告' }));
  fireEvent.click(screen.getByRole('button', { name: '导出审核意见' }));
  await screen.findByText('已下载 衡阳市科学技术协会2021年度部门整体支出绩效自评审核意见.docx');
  const [input] = exportReview.mock.calls[0] as unknown as [{ findings: unknown[]; scores: unknown }];
  expect(input.findings.length).toBeGreaterThan(0);
  expect(input.scores).not.toBeNull();
  expect(created.at(-1)!.size).toBe(5);
  expect((clicked.mock.contexts.at(-1) as HTMLAnchorElement).download).toBe('衡阳市科学技术协会2021年度部门整体支出绩效自评审核意见.docx');
  clicked.mockRestore();
});

test('插入模板 applies the template plan, which keeps the user’s existing sheets', async () => {
  const reading = sampleReading();
  const port = fakePort(reading);
  render(<App port={port} />);
  fireEvent.click(screen.getByRole('tab', { name: '数据' }));
  fireEvent.click(await screen.findByRole('button', { name: '插入模板' }));
  await screen.findByText('已插入模板的输入表；已有的同名工作表保持不变。');
  expect(port.plans).toHaveLength(1);
  const inputSheets = port.plans[0].sheets.filter((sh) => sh.name === '基本情况' || sh.name === '出错说明');
  expect(inputSheets.map((sh) => [sh.name, sh.onExisting])).toEqual([
    ['基本情况', 'keep'],
    ['出错说明', 'keep'],
  ]);
});

test('the pane speaks English when Office does', async () => {
  render(<App port={fakePort(sampleReading())} strings={stringsFor('en-US')} />);
  expect(screen.getByRole('tab', { name: 'Findings' })).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Run all' }));
  await screen.findByText('Done: indicator, score, findings and report draft sheets written.');
});

test('English when Office says so, Chinese otherwise', () => {
  expect(stringsFor('en-US').run).toBe('Run all');
  expect(stringsFor('zh-CN').run).toBe('一键生成');
  expect(stringsFor(undefined).tabFindings).toBe('问题');
});

test('an explanation that cannot be saved leaves the editor open with its text, and says why in Chinese', async () => {
  const port = fakePort(sampleReading());
  port.writeExplanation = () => Promise.reject(new PortError('工作簿中没有名称 出错说明表（出错说明表）；请先在“数据”页点“插入模板”或绑定该表'));
  render(<App port={port} />);
  await runOnce();
  fireEvent.click(screen.getByRole('tab', { name: /^问题/ }));
  const budget = screen.getByRole('region', { name: '提示' }).querySelector('[data-finding="same.预算完成年初预算"]') as HTMLElement;
  fireEvent.click(within(budget).getByRole('button', { name: '填写说明' }));
  fireEvent.change(within(budget).getByRole('textbox'), { target: { value: '只含基本支出' } });
  fireEvent.click(within(budget).getByRole('button', { name: '保存说明' }));
  expect((await screen.findByRole('alert')).textContent).toContain('工作簿中没有名称 出错说明表');
  expect((within(budget).getByRole('textbox') as HTMLTextAreaElement).value).toBe('只含基本支出');
});
