/** @jest-environment jsdom */
/**
 * The task pane over a fake port: 一键生成 shows the summary and findings, a finding takes the user to
 * its cell, the 数据 tab shows each input's status and binds, edits refresh the findings, errors are
 * Chinese MessageBars.
 */
import * as React from 'react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { evaluate } from '../../src/core/engine';
import { groupFindings } from '../../src/core/findingGroups';
import type { RawReading } from '../../src/core/types';
import { App } from '../../src/taskpane/components/App';
import { PortError } from '../../src/taskpane/port';
import type { CellPreview } from '../../src/taskpane/preview';
import { stringsFor } from '../../src/taskpane/strings';
import { sampleReading } from '../helpers/sample';
import { fakePort } from './fakePort';

async function runOnce() {
  fireEvent.click(screen.getByRole('button', { name: '一键生成' }));
  await screen.findByText('已生成：指标计算表、评分表、问题清单、报告草稿。');
}

/** The 问题 tab with every group unfolded (错误 starts open; 提示 and 待补 start folded). */
function showAllFindings() {
  fireEvent.click(screen.getByRole('tab', { name: /^问题/ }));
  for (const region of screen.queryAllByRole('region')) {
    const header = region.querySelector('h3 button');
    if (header?.getAttribute('aria-expanded') === 'false') fireEvent.click(header);
  }
}

test('一键生成 reads, evaluates, writes the plan once and shows the engine’s summary', async () => {
  const port = fakePort(sampleReading());
  const expected = evaluate(sampleReading());
  const grouped = groupFindings(expected.findings, expected.summary);
  render(<App port={port} />);
  await runOnce();
  const summary = screen.getByTestId('summary');
  expect(summary.getAttribute('aria-label')).toBe('评价结果');
  expect(within(summary).getByText('衡阳市科学技术协会 · 2021 年度')).toBeTruthy();
  expect(screen.getByTestId('total').textContent).toBe(expected.summary.total);
  expect(screen.getByTestId('pending').textContent).toBe(expected.summary.pendingPoints);
  expect(screen.getByTestId('grade').textContent).toBe(expected.summary.gradeText);
  expect(screen.getByTestId('counts').textContent).toBe(grouped.sentence);
  expect(screen.getByTestId('count-错误').textContent).toBe(String(grouped.counts.错误));
  expect(screen.getByTestId('count-提示').textContent).toBe(String(grouped.counts.提示));
  expect(port.plans).toEqual([expected.plan]);
  expect(
    screen.getByRole('tab', { name: `问题 (${grouped.counts.错误 + grouped.counts.提示})` })
  ).toBeTruthy();
});

test('finding cards: the problem in a line, 应为 / 实为 / 差额 with separators and 万元, cells as links, 建议 once, detail behind 详情', async () => {
  const port = fakePort(sampleReading());
  render(<App port={port} />);
  await runOnce();
  showAllFindings();
  const errors = screen.getByRole('region', { name: '错误' });
  const warnings = screen.getByRole('region', { name: '提示' });
  // The sample states 财政拨款本年收入 as 780.19, but 478.29 + 714.76 = 1193.05 (差额 −412.86): a failed identity, an 错误.
  const income = errors.querySelector('[data-finding="sum.财拨.本年收入"]') as HTMLElement;
  expect(
    within(income).getByRole('heading', { name: '财政拨款本年收入合计与基本、项目支出之和不一致' })
  ).toBeTruthy();
  const figures = within(income).getByTestId('figures');
  expect([...figures.querySelectorAll('th')].map((x) => x.textContent)).toEqual(['应为', '实为', '差额']);
  expect([...figures.querySelectorAll('td')].map((x) => x.textContent)).toEqual([
    '1,193.05 万元',
    '780.19 万元',
    '−412.86 万元',
  ]);
  // 建议 once; no tolerance or rule id until 详情.
  expect(within(income).getAllByText(/^建议/)).toHaveLength(1);
  expect(income.textContent).not.toContain('容差');
  expect(income.textContent).not.toContain('sum.财拨.本年收入');
  // The cell to check first leads; a click selects it in Excel.
  fireEvent.click(within(income).getByRole('button', { name: '财政拨款!D7' }));
  await waitFor(() => expect(port.selected).toEqual(['财政拨款!D7']));
  fireEvent.click(within(income).getByRole('button', { name: '详情' }));
  const technical = within(income).getByTestId('technical');
  expect(technical.textContent).toContain('规则编号：sum.财拨.本年收入');
  // The tolerance as used, not rounded for display.
  expect(technical.textContent).toContain('±0.015（3 个金额各按 ±0.005 的四舍五入误差计）');
  fireEvent.click(within(income).getByRole('button', { name: '财政拨款!C7' }));
  await waitFor(() => expect(port.selected).toEqual(['财政拨款!D7', '财政拨款!C7']));
  // A 错误 cannot be explained away; a 提示 can.
  expect(within(errors).queryByRole('button', { name: '填写说明' })).toBeNull();
  const budget = warnings.querySelector('[data-finding="same.预算完成年初预算"]') as HTMLElement;
  fireEvent.click(within(budget).getByRole('button', { name: '填写说明' }));
  fireEvent.change(within(budget).getByRole('textbox'), {
    target: { value: '基础数据表的年初预算只含财政拨款基本支出' },
  });
  fireEvent.click(within(budget).getByRole('button', { name: '保存说明' }));
  await waitFor(() =>
    expect(port.explanations).toEqual([['same.预算完成年初预算', '基础数据表的年初预算只含财政拨款基本支出']])
  );
  fireEvent.click(screen.getByRole('button', { name: '清除标记' }));
  await screen.findByText('已清除全部标记，单元格的原有底色和批注已恢复。');
  expect(port.cleared).toBe(1);
});

test('on the web page a cell cannot be selected: clicking it names the cell instead of pretending', async () => {
  const port = { ...fakePort(sampleReading()), live: false };
  render(<App port={port} />);
  await runOnce();
  showAllFindings();
  const income = document.querySelector('[data-finding="sum.财拨.本年收入"]') as HTMLElement;
  fireEvent.click(within(income).getByRole('button', { name: '财政拨款!D7' }));
  expect(within(income).getByRole('status').textContent).toBe('单元格：财政拨款!D7 本年收入（合计）');
  expect(port.selected).toEqual([]);
});

test('on the web page clicking a cell also shows it in a read-only preview of its sheet, the cell highlighted', async () => {
  // What the file port gives for 财政拨款!D7 of the sample (test/taskpane/sheetPreview.test.ts reads it from the workbook).
  const around: CellPreview = {
    sheet: '财政拨款',
    cell: 'D7',
    columns: ['A', 'B', 'C', 'D', 'E', 'F'],
    rows: [
      { row: 6, cells: ['年初结转结余', '0.00', '4.04', '4.04', '', ''] },
      { row: 7, cells: ['本年收入', '478.29', '714.76', '780.19', '', ''] },
      { row: 8, cells: ['本年支出', '478.29', '718.79', '836.79', '', ''] },
    ],
    at: { row: 1, column: 3 },
  };
  const asked: string[] = [];
  const port = {
    ...fakePort(sampleReading()),
    live: false,
    preview: async (a: string) => (asked.push(a), around),
  };
  render(<App port={port} />);
  await runOnce();
  showAllFindings();
  const income = document.querySelector('[data-finding="sum.财拨.本年收入"]') as HTMLElement;
  fireEvent.click(within(income).getByRole('button', { name: '财政拨款!D7' }));
  const grid = await within(income).findByRole('table', { name: '“财政拨款”表（只读预览） D7' });
  expect(asked).toEqual(['财政拨款!D7']);
  expect(
    within(grid)
      .getAllByRole('columnheader')
      .map((h) => h.textContent)
  ).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
  expect(
    within(grid)
      .getAllByRole('rowheader')
      .map((h) => h.textContent)
  ).toEqual(['6', '7', '8']);
  const here = grid.querySelector('[aria-current="location"]')!;
  expect([here.getAttribute('data-cell'), here.textContent]).toEqual(['D7', '780.19']);
  expect(grid.querySelectorAll('[aria-current]')).toHaveLength(1);
  // Read-only: nothing in it can be edited or focused to type into.
  expect(grid.querySelectorAll('input, textarea, [contenteditable="true"]')).toHaveLength(0);
  expect(port.selected).toEqual([]);
});

test('in Excel a cell is selected, and no preview is shown', async () => {
  const port = { ...fakePort(sampleReading()), preview: async () => null };
  render(<App port={port} />);
  await runOnce();
  showAllFindings();
  const income = document.querySelector('[data-finding="sum.财拨.本年收入"]') as HTMLElement;
  fireEvent.click(within(income).getByRole('button', { name: '财政拨款!D7' }));
  await waitFor(() => expect(port.selected).toEqual(['财政拨款!D7']));
  expect(within(income).queryByRole('table', { name: /只读预览/ })).toBeNull();
});

test('the 数据 tab keeps 名称不存在 / 未填写 / 已填写 / 无效 apart, shows the value read and explains the required mark', async () => {
  const reading = sampleReading({ 收入_一般公共预算财政拨款: '1193.05元', 单位简介: null as never });
  delete reading.inputs['单位名称'];
  const port = fakePort(reading);
  render(<App port={port} />);
  fireEvent.click(screen.getByRole('tab', { name: '数据' }));
  // Every table of 全部输入项 starts folded (what is missing is listed above it).
  const all = screen.getByRole('region', { name: '全部输入项' });
  for (const name of ['基本情况', '收支总表'])
    fireEvent.click(await within(all).findByRole('button', { name: new RegExp(`^${name}`) }));
  const sheet = await screen.findByRole('list', { name: '基本情况' });
  expect(sheet).toBeTruthy();
  const row = (name: string) => document.querySelector(`[data-input="${name}"]`) as HTMLElement;
  expect(within(row('单位名称')).getByText('名称不存在')).toBeTruthy();
  expect(within(row('单位简介')).getByText('未填写')).toBeTruthy();
  expect(within(row('评价年度')).getByText('已填写')).toBeTruthy();
  expect(within(row('评价年度')).getByTestId('value').textContent).toBe('2021');
  expect(within(row('评价年度')).getByText('评价年度 → 基本情况!B7')).toBeTruthy();
  expect(within(row('支出_合计') ?? row('收入_一般公共预算财政拨款')).queryByTestId('value')).toBeTruthy();
  const bad = row('收入_一般公共预算财政拨款');
  expect(within(bad).getByText('无效')).toBeTruthy();
  expect(
    within(bad).getByText(
      '收支总表!B7（一般公共预算财政拨款收入）：单元格写的单位是“元”（1193.05元），本表金额单位为万元；请换算为万元后填写（元 ÷ 10000）'
    )
  ).toBeTruthy();
  expect(screen.getByText('* 必填：未填写时相关指标和评分“待核实”，不计为 0。')).toBeTruthy();
  // A name is missing: 插入模板 is the primary action and says why.
  expect(screen.getByText(/工作簿中有 1 个名称不存在/)).toBeTruthy();
  expect(screen.getByRole('button', { name: '插入模板' }).hasAttribute('data-next')).toBe(true);

  port.selection = '封面!D4';
  fireEvent.click(within(row('单位名称')).getByRole('button', { name: '绑定 单位名称' }));
  await screen.findByText('已将“单位名称”绑定到 封面!D4');
  expect(port.bound).toEqual([['单位名称', '封面!D4']]);
  await waitFor(() => expect(within(row('单位名称')).getByText('已填写')).toBeTruthy());
  expect(within(row('单位名称')).getByTestId('value').textContent).toBe('衡阳市科学技术协会');
  // No name missing any more: 插入模板 steps back.
  expect(screen.getByRole('button', { name: '插入模板' }).hasAttribute('data-next')).toBe(false);
});

test('a flow that leads: one primary action at a time, and the badges jump to their group', async () => {
  const { rerender } = render(<App port={null} />);
  const run = () => screen.getByRole('button', { name: '一键生成' });
  const primaries = () =>
    screen
      .queryAllByRole('button')
      .filter((b) => b.hasAttribute('data-next'))
      .map((b) => b.textContent);
  // No workbook: 一键生成 cannot run and does not pose as the next step.
  expect(run()).toHaveProperty('disabled', true);
  expect(primaries()).toEqual([]);
  expect(screen.getByText('请先打开工作簿（.xlsx），再点“一键生成”。')).toBeTruthy();
  const port = fakePort(sampleReading());
  const download = jest.fn();
  rerender(<App port={port} onDownload={download} />);
  expect(primaries()).toEqual(['一键生成']);
  await runOnce();
  // The sample has errors: 查看问题 is the one primary; 下载结果 and Word are there but secondary.
  expect(primaries()).toEqual(['查看问题']);
  fireEvent.click(screen.getByRole('button', { name: '下载结果工作簿' }));
  expect(download).toHaveBeenCalledTimes(1);
  expect(screen.getByRole('button', { name: '导出 Word' })).toBeTruthy();
  const expected = evaluate(sampleReading());
  const grouped = groupFindings(expected.findings, expected.summary);
  fireEvent.click(screen.getByRole('button', { name: `提示 ${grouped.counts.提示} 项，点击查看` }));
  expect(screen.getByRole('tab', { name: /^问题/ }).getAttribute('aria-selected')).toBe('true');
  await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('region', { name: '提示' })));
});

test('得分 shows the score sheet by level, one score per line with its 扣分原因, and the verified and pending points', async () => {
  const port = fakePort(sampleReading());
  const expected = evaluate(sampleReading()).scores!;
  render(<App port={port} />);
  await runOnce();
  fireEvent.click(screen.getByRole('button', { name: '查看得分' }));
  expect(screen.getByRole('tab', { name: '得分' }).getAttribute('aria-selected')).toBe('true');
  // The engine's one verified score, as every surface states it: 53.51 of 100 (its own claim: 97). Hand-checked:
  // 79.64 as scored, less the lines scored but not verified (预算完成率 1.92, 预算调整率 0.80, 公用经费控制率 0.41 on
  // a copy of a disputed figure, 预算管理's 13 with nothing written behind it or against the unit's own 存在问题,
  // 服务对象满意度 10 without its survey result) = 53.51; 结转结余变动率 scores 2 whichever of its figures is right.
  expect(screen.getByTestId('score-total').textContent).toBe(`${expected.total.toFixed(2)} / 100.00`);
  expect(screen.getByTestId('score-total').textContent).toBe('53.51 / 100.00');
  // 53.51 is 差 (< 60); the most the rules give is 88.92 (公用经费控制率 at most 0.41 whichever reading is right), 良: a range.
  expect(screen.getByTestId('score-grade').textContent).toBe('差～良');
  expect(expected.grade).toBe('差');
  const pending = expected.lines.filter((l) => l.missing).reduce((n, l) => n + l.points.toNumber(), 0);
  expect(screen.getByTestId('pending').textContent).toBe(pending.toFixed(2));
  expect(pending.toFixed(2)).toBe('37.00');
  // Folded by 一级; opening 过程 shows 预算执行 and its lines.
  expect(screen.queryByRole('region', { name: '预算执行' })).toBeNull();
  fireEvent.click(screen.getByRole('button', { name: /^过程/ }));
  const execution = screen.getByRole('region', { name: '预算执行' });
  // A line scored from figures in question is 待核实, with why and the score as the figures stand: 公用经费控制率
  // reads 45.07, a copy of the 日常公用经费 a failed sum disputes; 预算完成率 reads 2020's year-end among others.
  const cost = execution.querySelector('[data-line="公用经费控制率"]') as HTMLElement;
  expect(within(cost).getByTestId('line-score').textContent).toBe('待核实 / 2.00');
  expect(cost.textContent).toContain('待核实（所用数据有误）：');
  expect(cost.textContent).toContain('按所列数据计 0.41 分');
  const rate = execution.querySelector('[data-line="预算完成率"]') as HTMLElement;
  expect(within(rate).getByTestId('line-score').textContent).toBe('待核实 / 2.00');
  expect(rate.textContent).toContain('待核实（所用数据有误）：');
  expect(rate.textContent).toContain('按所列数据计 1.92 分');
  // A verified line that lost points: its score and why.
  fireEvent.click(screen.getByRole('button', { name: /^产出/ }));
  const done = screen
    .getByRole('region', { name: '职责履行' })
    .querySelector('[data-line="实际完成率"]') as HTMLElement;
  expect(within(done).getByTestId('line-score').textContent).toBe('5.63 / 7.50');
  expect(done.textContent).toContain('扣分原因：指标值 75.00%');
});

test('the language switch turns the pane to English and back', () => {
  render(<App port={fakePort(sampleReading())} />);
  fireEvent.click(screen.getByRole('button', { name: 'English' }));
  expect(screen.getByRole('tab', { name: 'Findings' })).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '中文' }));
  expect(screen.getByRole('tab', { name: '问题' })).toBeTruthy();
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
      {
        id: 'overview',
        level: 1 as const,
        number: '一、',
        heading: '部门概况',
        blocks: [{ kind: 'paragraph' as const, text: '本部门内设机构 3 个。', sources: [] }],
      },
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
  const exportReview = jest.fn(async () => ({
    title: '衡阳市科学技术协会2021年度部门整体支出绩效自评审核意见',
    bytes: new Uint8Array([80, 75, 3, 4, 0]),
  }));
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
  expect((clicked.mock.contexts.at(-1) as HTMLAnchorElement).download).toBe(
    '衡阳市科学技术协会2021年度部门整体支出绩效自评审核意见.docx'
  );
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
  port.writeExplanation = () =>
    Promise.reject(
      new PortError('工作簿中没有名称 出错说明表（出错说明表）；请先在“数据”页点“插入模板”或绑定该表')
    );
  render(<App port={port} />);
  await runOnce();
  showAllFindings();
  const budget = screen
    .getByRole('region', { name: '提示' })
    .querySelector('[data-finding="same.预算完成年初预算"]') as HTMLElement;
  fireEvent.click(within(budget).getByRole('button', { name: '填写说明' }));
  fireEvent.change(within(budget).getByRole('textbox'), { target: { value: '只含基本支出' } });
  fireEvent.click(within(budget).getByRole('button', { name: '保存说明' }));
  expect((await screen.findByRole('alert')).textContent).toContain('工作簿中没有名称 出错说明表');
  expect((within(budget).getByRole('textbox') as HTMLTextAreaElement).value).toBe('只含基本支出');
});
