/** @jest-environment jsdom */
/**
 * One count, one definition, everywhere (issue 11 item 4): on the sample, the CLI summary, the JSON
 * `summary`, the pane's card, the 问题 tab badge, the group headers, the 问题清单 sheet and the report's
 * sentence all state the numbers src/core/summary.ts gives, in the same words.
 */
import * as React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { main } from '../../src/cli/main';
import { evaluationJson } from '../../src/cli/json';
import { evaluate } from '../../src/core/engine';
import { draftLines } from '../../src/core/narrative';
import { countFindings, countsText } from '../../src/core/summary';
import { App } from '../../src/taskpane/components/App';
import { FindingsTab } from '../../src/taskpane/components/FindingsTab';
import { RunTab } from '../../src/taskpane/components/RunTab';
import { sampleReading, SAMPLE_XLSX } from '../helpers/sample';
import { fakePort } from '../taskpane/fakePort';

const e = evaluate(sampleReading());
const counts = countFindings(e.findings);
const words = countsText(counts);

test('the sample’s counts: 30 problems (9 错误, 21 提示) and 9 folded, by hand from the finding tree', () => {
  // Roots: 7 figure checks that change an indicator or a score + 2 score claims are 错误; 13 figure checks without
  // consequence for a score, 3 source-split and budget checks (项目支出 and 公用经费 by fund source, 公用经费 over
  // budget) + 5 待核实 score lines are 提示.
  // Folded: 2 + 1 + 3 under the first three roots, 2 under 预算执行 (一级 过程, with 总分 under it) and 基本支出 by
  // fund source under 项目支出 by fund source: 9.
  expect(words).toBe('问题 30 项（错误 9 项、提示 21 项），另有连带问题 9 项');
  let walked = 0;
  const walk = (fs: typeof e.findings) => fs.forEach((f) => ((walked += 1), walk(f.consequences ?? [])));
  walk(e.findings);
  expect(walked).toBe(counts.problems + counts.folded);
});

test('every surface states the same counts', async () => {
  // CLI summary.
  const out: string[] = [];
  expect(await main(['evaluate', SAMPLE_XLSX], { out: (l) => out.push(l), err: (l) => out.push(l) })).toBe(0);
  expect(out).toContain(words);

  // JSON summary.
  const json = (evaluationJson(e) as { summary: Record<string, unknown> }).summary;
  expect([json.errors, json.warnings, json.folded, json.counts]).toEqual([
    counts.errors,
    counts.warnings,
    counts.folded,
    words,
  ]);

  // 问题清单 sheet: its note states the counts.
  const sheet = e.plan.sheets.find((s) => s.name === '问题清单')!;
  expect(String(sheet.rows[1][0]?.value)).toMatch(new RegExp(`^${words.replace(/[()（）]/g, '.')}；`));

  // The department's report states no counts of findings: they are for the preparer and the reviewer.
  expect(draftLines(e.report).some((l) => l.includes('数据核对'))).toBe(false);

  // The pane: 一键生成's card, the tab badge, then the 问题 tab's header and group badges.
  render(<App port={fakePort(sampleReading())} />);
  fireEvent.click(screen.getByRole('button', { name: '一键生成' }));
  await screen.findByText('已生成：指标计算表、评分表、问题清单、报告草稿。');
  const card = screen.getByTestId('summary');
  expect(within(card).getByTestId('counts').textContent).toBe(words);
  expect(within(card).getByTestId('errors').textContent).toBe(String(counts.errors));
  expect(within(card).getByTestId('warnings').textContent).toBe(String(counts.warnings));
  const tab = screen.getByRole('tab', { name: `问题 (${counts.problems})` });
  fireEvent.click(tab);
  expect(screen.getByText(`${words}；连带问题列在相应条目之下。`)).toBeTruthy();
  const badge = (label: string) =>
    within(screen.getByRole('region', { name: label })).getAllByText(/^\d+$/)[0].textContent;
  expect([badge('错误'), badge('提示')]).toEqual([String(counts.errors), String(counts.warnings)]);
});

test('the pane alone (RunTab, FindingsTab) renders the same numbers from the same evaluation', () => {
  render(
    <RunTab
      hasWorkbook
      busy={false}
      step="done"
      summary={e.summary}
      onRun={() => undefined}
      onShowFindings={() => undefined}
      onShowScores={() => undefined}
    />
  );
  expect(screen.getByTestId('counts').textContent).toBe(words);
  render(
    <FindingsTab
      findings={e.findings}
      diagnostics={[]}
      live={false}
      busy={false}
      onSelect={() => undefined}
      onExplain={async () => true}
      onClearMarks={() => undefined}
    />
  );
  expect(screen.getByText(`${words}；连带问题列在相应条目之下。`)).toBeTruthy();
});
