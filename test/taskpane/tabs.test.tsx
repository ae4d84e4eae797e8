/** @jest-environment jsdom */
/**
 * The 问题, 得分 and 数据 tabs on the sample (issue 20 item 7): groups that fold (错误 open, 提示 and 待补
 * folded with their counts), 下一个错误 stepping through the errors and selecting each one's cell, one
 * score per line with 待核实 (never 0.00) and the department's own claim, and the 数据 tab leading with
 * what is missing, by table, in the colours of the 问题 tab. Sizes at 350 px are measured in
 * test/taskpane/pane.e2e.test.ts.
 */
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { evaluate } from '../../src/core/engine';
import { groupFindings } from '../../src/core/findingGroups';
import { fixed } from '../../src/core/decimal';
import { App } from '../../src/taskpane/components/App';
import { findingAddress } from '../../src/taskpane/components/FindingsTab';
import { sampleReading } from '../helpers/sample';
import { fakePort } from './fakePort';

const sample = evaluate(sampleReading());
const grouped = groupFindings(sample.findings, sample.summary);

async function runSample(port = fakePort(sampleReading())) {
  render(<App port={port} />);
  fireEvent.click(screen.getByRole('button', { name: '一键生成' }));
  await screen.findByText('已生成：指标计算表、评分表、问题清单、报告草稿。');
  return port;
}

/** A group's fold: its header button and whether it is open. */
function fold(label: string) {
  const region = screen.getByRole('region', { name: label });
  const header = region.querySelector('h3 button') as HTMLElement;
  return { region, header, open: header.getAttribute('aria-expanded') === 'true' };
}

test('问题: 错误 first and open; 提示 and 待补 folded, their counts shown; a header opens and folds its group', async () => {
  await runSample();
  fireEvent.click(screen.getByRole('tab', { name: /^问题/ }));
  // The sample has all three groups (until the core's 待补, blank-input findings are grouped by the adapter).
  expect([grouped.counts.错误, grouped.counts.提示, grouped.counts.待补].every((n) => n > 0)).toBe(true);
  const labels = screen.getAllByRole('region').map((r) => r.getAttribute('aria-label'));
  expect(labels).toEqual(['错误', '提示', '待补']);
  expect([fold('错误').open, fold('提示').open, fold('待补').open]).toEqual([true, false, false]);
  for (const g of ['错误', '提示', '待补'] as const)
    expect(within(fold(g).header).getByText(String(grouped.counts[g]))).toBeTruthy();
  // Open: every error is a card; folded: no card of the group is in the page.
  const cards = (label: string) =>
    [...fold(label).region.querySelectorAll('[data-finding]')].map((c) => c.getAttribute('data-finding'));
  expect(cards('错误')).toEqual(grouped.roots.错误.map((f) => f.id));
  expect(cards('提示')).toEqual([]);
  fireEvent.click(fold('提示').header);
  expect(fold('提示').open).toBe(true);
  expect(cards('提示')).toEqual(grouped.roots.提示.map((f) => f.id));
  fireEvent.click(fold('错误').header);
  expect(cards('错误')).toEqual([]);
});

test('下一个错误 moves through the errors in order, selects each one’s cell and comes round again', async () => {
  const port = await runSample();
  fireEvent.click(screen.getByRole('tab', { name: /^问题/ }));
  // Even with the 错误 group folded by the user, the button opens it.
  fireEvent.click(fold('错误').header);
  const errors = grouped.roots.错误;
  const next = screen.getByRole('button', { name: '下一个错误' });
  for (let i = 0; i < errors.length; i++) {
    fireEvent.click(next);
    // A folded group mounts its cards a moment after it opens.
    const current = await waitFor(() => document.querySelector('[aria-current="true"]') as HTMLElement);
    expect(current.getAttribute('data-finding')).toBe(errors[i].id);
    await waitFor(() => expect(document.activeElement).toBe(current));
    expect(screen.getByTestId('error-position').textContent).toBe(`第 ${i + 1} / ${errors.length} 个错误`);
  }
  expect(fold('错误').open).toBe(true);
  // Each error's cell to check first was selected in Excel, through the same path as a click on it.
  const cells = errors.map(findingAddress);
  expect(cells.every(Boolean)).toBe(true);
  await waitFor(() => expect(port.selected).toEqual(cells));
  // The sample's first error: the 预算调整率 figures are dated 2020 for a 2021 evaluation.
  expect(cells[0]).toBe('基础数据!B35');
  fireEvent.click(next);
  expect(document.querySelector('[aria-current="true"]')!.getAttribute('data-finding')).toBe(errors[0].id);
  await waitFor(() => expect(port.selected.at(-1)).toBe(cells[0]));
});

test('a folded card: the problem, its figures, 建议 and the cell to check first; the rest behind 详情', async () => {
  await runSample();
  fireEvent.click(screen.getByRole('tab', { name: /^问题/ }));
  const f = grouped.roots.错误.find((x) => x.operands.filter((o) => o.address).length > 1)!;
  const card = document.querySelector(`[data-finding="${f.id}"]`) as HTMLElement;
  // One cell (the first to check), no rule id; 建议 once.
  const cellButtons = () =>
    within(card)
      .getAllByRole('button')
      .filter((b) => /!/.test(b.textContent ?? ''));
  expect(cellButtons().map((b) => b.textContent)).toEqual([findingAddress(f)]);
  expect(card.textContent).toContain('先查：');
  expect(card.textContent).not.toContain(`规则编号`);
  expect(within(card).getAllByTestId('suggestion')).toHaveLength(1);
  fireEvent.click(within(card).getByRole('button', { name: '详情' }));
  expect(cellButtons().length).toBeGreaterThan(1);
  expect(within(card).getByTestId('technical').textContent).toContain(`规则编号：${f.id}`);
  // 待补 cards name the figure to fill first, and cannot be explained away as a 提示 can.
  fireEvent.click(fold('待补').header);
  const missing = fold('待补').region.querySelector('[data-finding]') as HTMLElement;
  expect(missing.textContent).toContain('待填：');
  expect(within(missing).queryByRole('button', { name: '填写说明' })).toBeNull();
});

test('得分: one score per line; 待核实 lines never read 0.00 and carry the department’s claim, unverified', async () => {
  await runSample();
  fireEvent.click(screen.getByRole('tab', { name: '得分' }));
  for (const header of screen
    .getAllByRole('button')
    .filter((b) => b.getAttribute('aria-expanded') === 'false'))
    fireEvent.click(header);
  const scores = sample.scores!;
  const line = (name: string, level2: string) =>
    screen.getByRole('region', { name: level2 }).querySelector(`[data-line="${name}"]`) as HTMLElement;
  for (const l of scores.lines) {
    const el = line(l.level3, l.level2);
    const text = el.textContent!;
    const score = within(el).getByTestId('line-score').textContent;
    // Never 计算 beside 满分: the score is stated once.
    expect(text).not.toMatch(/满分 [\d.]+ · 计算/);
    if (l.missing) {
      expect(score).toBe(`待核实 / ${fixed(l.points)}`);
      expect(text).not.toContain('0.00 /');
      // The claim is the department's, unverified; no "未填写" beside it.
      if (l.claimed) expect(text).toContain(`单位自评 ${fixed(l.claimed)}`);
      expect(text).not.toContain('未在“自评打分”表填写');
      for (const o of l.missingInputs ?? []) expect(text).toContain(`${o.label}（${o.address}）`);
    } else {
      expect(score).toBe(`${fixed(l.score)} / ${fixed(l.points)}`);
      if (l.claimed && !l.claimed.equals(l.score)) expect(text).toContain(`单位自评 ${fixed(l.claimed)}`);
    }
  }
  // The sample's 资产管理 lines are all pending: the 二级 reads 待核实, never 0.00 / 6.00.
  const assets = screen.getByRole('region', { name: '资产管理' });
  expect(within(assets).getByRole('heading').textContent).toMatch(/^资产管理 待核实 \/ 6\.00/);
  // 管理制度健全性 was not scored by the unit itself: its 2.00 is read off the 二级's full marks, and says so.
  const policy = line('管理制度健全性', '资产管理');
  expect(policy.textContent).toContain('单位自评 2.00（按二级指标“资产管理”自评满分');
  expect(policy.textContent).toContain('待补：“资产管理/管理制度健全性”自评得分（自评打分!A7:C46）');
});

test('数据: what is missing first, by table, its counts in the 问题 tab’s colours; binding help behind a link', async () => {
  await runSample();
  fireEvent.click(screen.getByRole('tab', { name: '数据' }));
  const missing = screen.getByRole('region', { name: '缺少的数据' });
  const all = screen.getByRole('region', { name: '全部输入项' });
  // Missing comes before the list of every input.
  expect(missing.compareDocumentPosition(all) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  // The sample has every required input; after a run, the blanks its 待核实 lines wait for, by table.
  const tables = [...missing.querySelectorAll('[data-testid^="missing-"]')].map((t) => [
    t.getAttribute('data-testid'),
    t.textContent,
  ]);
  expect(tables).toEqual([
    ['missing-基础数据', '基础数据4'],
    // 预算编制合理性 waits on the unit's own words (“人员经费年初预算资金存在缺口”), not on a score: not a blank.
    ['missing-自评打分', '自评打分2'],
  ]);
  fireEvent.click(within(missing).getByRole('button', { name: /^自评打分/ }));
  expect(
    within(screen.getByRole('list', { name: '缺少的数据：自评打分' }))
      .getAllByRole('listitem')
      .map((li) => li.querySelector('.fui-Text')?.textContent)
  ).toEqual(['“资产管理/管理制度健全性”自评得分', '“资产管理/资产管理安全性”自评得分']);
  // Same colour as the 问题 tab's 待补 count (the same Badge props give the same classes).
  const dataBadge = missing.querySelector('[data-why="待补"]')!.className;
  fireEvent.click(screen.getByRole('tab', { name: /^问题/ }));
  const findingsBadge = screen.getByTestId('count-待补').className;
  expect(dataBadge).toBe(findingsBadge);
  fireEvent.click(screen.getByRole('tab', { name: '数据' }));
  // No coloured badge above the counts of every input: each table says how many are filled, in plain text.
  const allInputs = screen.getByRole('region', { name: '全部输入项' });
  expect(allInputs.querySelectorAll('h3 ~ * .fui-AccordionHeader .fui-Badge')).toHaveLength(0);
  expect(within(allInputs).getByRole('button', { name: /^基本情况/ }).textContent).toMatch(
    /^基本情况已填 \d \/ 7$/
  );
  // Binding help is behind a link.
  expect(screen.queryByText('先在工作表中选中单元格或区域，再点该项的“绑定”。')).toBeNull();
  fireEvent.click(screen.getByRole('button', { name: '用自己的表格？绑定名称' }));
  expect(screen.getByText('先在工作表中选中单元格或区域，再点该项的“绑定”。')).toBeTruthy();
});

test('数据 before a run: a blank required input is missing (待补), and a missing name is listed apart', async () => {
  const reading = sampleReading({ 收入_本年收入合计: null as never });
  delete reading.inputs['单位名称'];
  render(<App port={fakePort(reading)} />);
  fireEvent.click(screen.getByRole('tab', { name: '数据' }));
  const missing = await screen.findByRole('region', { name: '缺少的数据' });
  const tables = await within(missing).findAllByTestId(/^missing-/);
  expect(tables.map((t) => t.textContent)).toEqual(['基本情况名称不存在 1', '收支总表1']);
  expect(within(tables[0]).getByText('名称不存在 1').getAttribute('data-why')).toBe('名称不存在');
  expect(within(tables[1]).getByText('1').getAttribute('data-why')).toBe('待补');
});
