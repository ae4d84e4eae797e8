/** @jest-environment jsdom */
/**
 * One count, one definition, everywhere (issue 11 item 4): on the sample, the CLI summary, the JSON
 * `summary`, the pane's card, the 问题 tab badge, the group headers, the 问题清单 sheet and the report's
 * sentence all state the numbers src/core/summary.ts gives, in the same words. The pane and the CLI group
 * findings as 错误 / 提示 / 待补 through src/core/findingGroups.ts: its sentence is the summary's own once
 * the core gives 待补 (`summary.missing`); until then it composes it from the same findings.
 */
import * as React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { main } from '../../src/cli/main';
import { evaluationJson } from '../../src/cli/json';
import { evaluate } from '../../src/core/engine';
import { draftLines } from '../../src/core/narrative';
import { groupFindings } from '../../src/core/findingGroups';
import { countFindings, countsText } from '../../src/core/summary';
import { App } from '../../src/taskpane/components/App';
import { FindingsTab } from '../../src/taskpane/components/FindingsTab';
import { RunTab } from '../../src/taskpane/components/RunTab';
import { sampleReading, SAMPLE_XLSX } from '../helpers/sample';
import { fakePort } from '../taskpane/fakePort';
import { tightenSpaces } from '../../src/core/typography';

const e = evaluate(sampleReading());
const counts = countFindings(e.findings);
const words = countsText(counts);
const grouped = groupFindings(e.findings, e.summary);

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
  expect(out).toContain(grouped.sentence);

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

  // The report's sentence (其他需要说明的情况), in 公文 typography: no spaces beside the digits.
  expect(draftLines(e.report).some((l) => l.includes(`数据核对共发现${tightenSpaces(words)}。`))).toBe(true);

  // The pane: 一键生成's card, the tab badge, then the 问题 tab's header and group badges.
  render(<App port={fakePort(sampleReading())} />);
  fireEvent.click(screen.getByRole('button', { name: '一键生成' }));
  await screen.findByText('已生成：指标计算表、评分表、问题清单、报告草稿。');
  const card = screen.getByTestId('summary');
  expect(within(card).getByTestId('counts').textContent).toBe(grouped.sentence);
  for (const g of ['错误', '提示', '待补'] as const)
    expect(within(card).getByTestId(`count-${g}`).textContent).toBe(String(grouped.counts[g]));
  // 错误 and 提示 are problems; 待补 is not.
  const tab = screen.getByRole('tab', { name: `问题 (${grouped.counts.错误 + grouped.counts.提示})` });
  fireEvent.click(tab);
  expect(screen.getByTestId('findings-counts').textContent).toBe(
    `${grouped.sentence}。连带问题见各条“详情”。`
  );
  const badge = (label: string) =>
    within(screen.getByRole('region', { name: label })).getAllByText(/^\d+$/)[0].textContent;
  expect([badge('错误'), badge('提示'), badge('待补')]).toEqual(
    [grouped.counts.错误, grouped.counts.提示, grouped.counts.待补].map(String)
  );
});

test('the pane alone (RunTab, FindingsTab) renders the same numbers from the same evaluation', () => {
  render(
    <RunTab
      hasWorkbook
      busy={false}
      step="done"
      summary={e.summary}
      grouped={grouped}
      onRun={() => undefined}
      onShowFindings={() => undefined}
      onShowScores={() => undefined}
    />
  );
  expect(screen.getByTestId('counts').textContent).toBe(grouped.sentence);
  render(
    <FindingsTab
      grouped={grouped}
      diagnostics={[]}
      live={false}
      busy={false}
      onSelect={() => undefined}
      onExplain={async () => true}
      onClearMarks={() => undefined}
    />
  );
  expect(screen.getByTestId('findings-counts').textContent).toBe(
    `${grouped.sentence}。连带问题见各条“详情”。`
  );
});
