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

const e = evaluate(sampleReading());
const counts = countFindings(e.findings);
const words = countsText(counts);
const grouped = groupFindings(e.findings, e.summary);

test('the sample’s counts: 错误 23, 提示 3, 待补 4 and 10 folded, by hand from the finding tree', () => {
  // 错误 roots: every failed identity of the 决算 tables whatever reads it — 年度 (预算调整 from 2020), 财拨 本年收入 and
  // 本年支出 合计, 调整后预算 (项目, 合计), 科普经费 vs its sub-items (预算总额, 决算数), 项目预算总额 (科普经费, 合计),
  // 在职人数, 上年结转, 年末结转结余, 财拨基本支出, 项目年中追加, 衔接, 对个人和家庭的补助, 项目支出 and 公用经费 by
  // fund source, and (issue 21) 商品和服务支出 955.78 over 财政拨款 486.73 + 其他资金本年支出 158.53 — 19; the two
  // stated rates (预算完成率, 结转结余变动率) that indicators read; the two score claims over the rules (预算执行's 11
  // against at most 9.41, 公用经费控制率 scoring at most 0.41 whichever reading of its 决算数 is right; 产出): 23. 提示: the two 基础数据表 口径 figures (年初预算,
  // 本年追加) and 公用经费 over budget: 3. 待补: the four score lines that cannot be scored for blanks (政府采购执行率,
  // 管理制度健全性, 资产管理安全性, 固定资产利用率; 预算编制合理性 is 待核实 for the unit's own words): 4. Folded: 2
  // 口径 under 预算调整's year, 1 + 3 under the 财拨 合计, 过程 and 总分 under 预算执行, and under 项目支出 by fund source
  // both 基本支出 and (issue 21) 人员经费 382.14 ≠ 348.16 + 0 by fund source, which share its 其他资金项目支出: 10.
  expect(words).toBe('错误 23 项、提示 3 项；待补 4 项（另有连带问题 10 项）');
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
  expect([json.errors, json.warnings, json.missing, json.folded, json.counts]).toEqual([
    counts.errors,
    counts.warnings,
    counts.missing,
    counts.folded,
    words,
  ]);

  // 问题清单 sheet: its note states the counts.
  const sheet = e.plan.sheets.find((s) => s.name === '问题清单')!;
  expect(String(sheet.rows[1][0]?.value)).toMatch(new RegExp(`^${words.replace(/[()（）]/g, '.')}。`));

  // The department's report states no counts of findings: they are for the preparer and the reviewer.
  expect(draftLines(e.report).some((l) => l.includes('数据核对'))).toBe(false);

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
