/** @jest-environment jsdom */
/**
 * The 核对报告 tab (issue 22 item 5): text pasted or a .docx / .txt opened, its claims as cards (不成立
 * first and open, with the sentence, what it states and the arithmetic; 无法核实 and 成立 folded), and
 * with a workbook open the figures compared with the workbook's cells too. The figures in the expected
 * arithmetic are worked by hand.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { textDocx } from '../../src/hosts/report/docx';
import { textBlocks } from '../../src/hosts/report/text';
import { App } from '../../src/taskpane/components/App';
import { sampleReading } from '../helpers/sample';
import { fakePort } from './fakePort';

const CONSISTENT = path.join(__dirname, '..', 'fixtures', 'reports', 'consistent-2022.txt');

/** 478.29 + 714.76 = 1193.05, not the 1200.00 stated. */
const WRONG_SUM = '一、收支情况\n本年支出合计1200.00万元，其中：基本支出478.29万元、项目支出714.76万元。';

function openTab() {
  fireEvent.click(screen.getByRole('tab', { name: '核对报告' }));
}

async function paste(text: string) {
  fireEvent.change(screen.getByRole('textbox'), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: '核对粘贴的文字' }));
  return screen.findByTestId('claims-summary');
}

/** A picked file (jsdom's File has no arrayBuffer(); a browser's does). */
function file(bytes: Uint8Array, name: string): File {
  return Object.assign(new File([bytes as Uint8Array<ArrayBuffer>], name), {
    arrayBuffer: async () => bytes.slice().buffer,
  });
}

const region = (label: string) => screen.queryByRole('region', { name: label });

test('pasted text that does not add up: a 不成立 card, open, with the sentence, what it states and the arithmetic', async () => {
  render(<App port={null} />);
  openTab();
  expect(screen.getByText(/未打开工作簿：只核对文中数字之间是否相符/)).toBeTruthy();
  const summary = await paste(WRONG_SUM);
  expect(summary.textContent).toMatch(/^粘贴的文字：共读出 \d+ 处数字说法，不成立 1 处/);
  const fails = region('不成立')!;
  expect(within(fails).getByTestId('claims-count-不成立').textContent).toBe('1');
  const card = fails.querySelector('[data-claim^="sum."]') as HTMLElement;
  expect(within(card).getByRole('heading').textContent).toBe('本年支出与所列各项之和不符');
  expect(within(card).getByText(WRONG_SUM.split('\n')[1])).toBeTruthy();
  expect(within(card).getByText('文中：1200.00 万元')).toBeTruthy();
  expect(within(card).getByTestId('arithmetic').textContent).toBe('核算：478.29 + 714.76 = 1193.05 万元');
  expect(within(card).getByText('合计 · 一、收支情况 第 2 段')).toBeTruthy();
  // 详情: the rule and what to do.
  fireEvent.click(within(card).getByRole('button', { name: '详情' }));
  expect(within(card).getByText('依据：本年支出 = 基本支出 + 项目支出')).toBeTruthy();
  expect(within(card).getByText(/^建议：/)).toBeTruthy();
  // The text and the result survive a visit to another tab.
  fireEvent.click(screen.getByRole('tab', { name: '报告' }));
  openTab();
  expect(region('不成立')).toBeTruthy();
  expect((screen.getByRole('textbox') as HTMLTextAreaElement).value).toBe(WRONG_SUM);
});

test('a consistent report pasted: no 不成立, what holds folded with its count', async () => {
  render(<App port={null} />);
  openTab();
  await paste(fs.readFileSync(CONSISTENT, 'utf8'));
  expect(screen.getByTestId('no-fails').textContent).toBe('没有发现前后矛盾或算不拢的数字。');
  expect(region('不成立')).toBeNull();
  const holds = region('成立')!;
  expect(Number(within(holds).getByTestId('claims-count-成立').textContent)).toBeGreaterThan(20);
  // The groups' counts are the summary's.
  const m = /共读出 (\d+) 处数字说法，不成立 0 处，无法核实 (\d+) 处，成立 (\d+) 处/.exec(
    screen.getByTestId('claims-summary').textContent!
  )!;
  expect(Number(m[1])).toBe(Number(m[2]) + Number(m[3]));
  expect(within(holds).getByTestId('claims-count-成立').textContent).toBe(m[3]);
});

test('with a workbook open: a figure that differs from the workbook’s cell is 不成立 and its cell is a link', async () => {
  const port = fakePort(sampleReading());
  render(<App port={port} />);
  openTab();
  expect(screen.getByText(/文中的数还与当前工作簿中同一名称的单元格对照/)).toBeTruthy();
  // The sample workbook's 年末实际在职人数 (基础数据!B7) is 21.
  const summary = await paste('2021年末在职人数20人。');
  expect(summary.textContent).toMatch(/已与当前工作簿对照。$/);
  const card = region('不成立')!.querySelector('[data-claim^="workbook."]') as HTMLElement;
  expect(within(card).getByRole('heading').textContent).toBe(
    '在职人数：报告写 20人，工作簿为 基础数据!B7 21'
  );
  fireEvent.click(within(card).getByRole('button', { name: '基础数据!B7' }));
  await waitFor(() => expect(port.selected).toEqual(['基础数据!B7']));
});

test('a .docx opened: its paragraphs checked; a file of another kind gets a Chinese message', async () => {
  render(<App port={null} />);
  openTab();
  const docx = textDocx(textBlocks(WRONG_SUM), []);
  const input = screen.getByTestId('report-input');
  fireEvent.change(input, { target: { files: [file(docx, '自评报告.docx')] } });
  const summary = await screen.findByTestId('claims-summary');
  expect(summary.textContent).toMatch(/^自评报告\.docx：共读出 \d+ 处数字说法，不成立 1 处/);
  expect(within(region('不成立')!).getByTestId('arithmetic').textContent).toBe(
    '核算：478.29 + 714.76 = 1193.05 万元'
  );
  fireEvent.change(input, { target: { files: [file(new Uint8Array([0x78]), '报告.doc')] } });
  expect((await screen.findByRole('alert')).textContent).toMatch(
    /^无法识别 报告\.doc 的格式：请打开 \.docx 或 \.txt 文件/
  );
});
