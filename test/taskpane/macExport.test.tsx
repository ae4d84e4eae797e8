/** @jest-environment jsdom */
/**
 * 导出 Word on Mac: the Mac webview cannot save a blob download (office-js #2700), so the pane copies
 * the report's text and says so, and never reports a download that did not happen.
 */
import * as React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { App } from '../../src/taskpane/components/App';
import { sampleReading } from '../helpers/sample';
import { fakePort } from './fakePort';

const g = globalThis as unknown as Record<string, unknown>;

afterEach(() => {
  delete g.Office;
});

async function runAndOpenReport() {
  fireEvent.click(screen.getByRole('button', { name: '一键生成' }));
  await screen.findByText('已生成：指标计算表、评分表、问题清单、报告草稿。');
  fireEvent.click(screen.getByRole('tab', { name: '报告' }));
}

test.each([
  ['copy works', true, '已将报告全文复制到剪贴板'],
  ['copy refused', false, '复制到剪贴板也未成功'],
])(
  'on Mac (%s): no download, the report text is offered, the message says what happened',
  async (_case, copyOk, says) => {
    g.Office = {
      context: { platform: 'Mac' },
      PlatformType: { Mac: 'Mac', PC: 'PC', OfficeOnline: 'OfficeOnline' },
    };
    const copied: string[] = [];
    (document as unknown as { execCommand: (c: string) => boolean }).execCommand = (command: string) => {
      const area = document.querySelector('textarea');
      if (command === 'copy' && area) copied.push(area.value);
      return copyOk;
    };
    const createObjectURL = jest.fn();
    (URL as unknown as { createObjectURL: unknown }).createObjectURL = createObjectURL;
    const exportDocx = jest.fn(async () => new Uint8Array([0x50, 0x4b]));
    render(<App port={fakePort(sampleReading())} exportDocx={exportDocx} />);
    await runAndOpenReport();
    fireEvent.click(screen.getByRole('button', { name: '导出 Word' }));
    const message = await screen.findByText(new RegExp(says));
    expect(message.textContent).not.toMatch(/已下载/);
    expect(message.textContent).toContain('Mac 版 Excel 中加载项无法下载文件');
    expect(exportDocx).not.toHaveBeenCalled();
    expect(createObjectURL).not.toHaveBeenCalled();
    // What was copied is the report itself: its title and the department's name.
    expect(copied).toHaveLength(1);
    expect(copied[0]).toContain('衡阳市科学技术协会');
    expect(copied[0]).toMatch(/绩效自评报告/);
    expect(screen.queryByText(/已下载/)).toBeNull();
  }
);

test('on Windows the Word file is downloaded as before', async () => {
  g.Office = {
    context: { platform: 'PC' },
    PlatformType: { Mac: 'Mac', PC: 'PC', OfficeOnline: 'OfficeOnline' },
  };
  const createObjectURL = jest.fn(() => 'blob:x');
  (URL as unknown as { createObjectURL: unknown }).createObjectURL = createObjectURL;
  (URL as unknown as { revokeObjectURL: unknown }).revokeObjectURL = jest.fn();
  const exportDocx = jest.fn(async () => new Uint8Array([0x50, 0x4b]));
  render(<App port={fakePort(sampleReading())} exportDocx={exportDocx} />);
  await runAndOpenReport();
  fireEvent.click(screen.getByRole('button', { name: '导出 Word' }));
  await screen.findByText(/^已下载 /);
  expect(exportDocx).toHaveBeenCalledTimes(1);
  expect(createObjectURL).toHaveBeenCalledTimes(1);
});
