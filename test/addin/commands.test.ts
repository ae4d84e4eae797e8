/**
 * The ribbon's 一键生成 (ExecuteFunction runAll): the same pipeline as the task pane, over the Excel
 * double; event.completed() is called whether the run succeeds or fails.
 */
import { ExcelDouble } from '../support/excel-double';
import { evaluate } from '../../src/core/engine';
import { templateReading } from '../../src/core/fill';
import { sampleValues } from '../helpers/sample';

const associated = new Map<string, (event: { completed(): void }) => Promise<void>>();
const g = globalThis as unknown as Record<string, unknown>;
g.Office = {
  onReady: () => Promise.resolve({}),
  actions: { associate: (name: string, f: never) => associated.set(name, f) },
};

beforeAll(async () => {
  await import('../../src/commands/commands');
});

test('runAll is registered under the manifest’s FunctionName and writes the plan’s sheets and marks', async () => {
  const d = ExcelDouble.fromTemplate(sampleValues());
  g.Excel = d.excel;
  const completed = jest.fn();
  await associated.get('runAll')!({ completed });
  expect(completed).toHaveBeenCalledTimes(1);
  const plan = evaluate(templateReading(sampleValues())).plan;
  expect(plan.sheets.map((s) => s.name)).toEqual(['指标计算表', '评分表', '问题清单', '报告草稿']);
  for (const s of plan.sheets) expect(d.sheetNames()).toContain(s.name);
  // The sample's 上年结转 for 预算完成率 (61.55 ≠ 收支总表 4.04) feeds an indicator: marked as an error.
  expect(d.cell('基础数据!B25').fill).toEqual({ kind: 'solid', color: '#FF7C80' });
});

test('a failing run still completes the event (Excel would otherwise spin the button)', async () => {
  g.Excel = {
    run: () => Promise.reject(Object.assign(new Error('Access denied'), { code: 'AccessDenied' })),
  };
  const completed = jest.fn();
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  await associated.get('runAll')!({ completed });
  expect(completed).toHaveBeenCalledTimes(1);
  expect(error.mock.calls[0][0]).toContain('工作簿拒绝写入');
  error.mockRestore();
});

test('a failing run is shown in an Office dialog, in Chinese, with the code-specific advice', async () => {
  g.Excel = {
    run: () =>
      Promise.reject(
        Object.assign(new Error('Payload too large'), { code: 'RequestPayloadSizeLimitExceeded' })
      ),
  };
  const opened: string[] = [];
  const office = g.Office as Record<string, unknown>;
  office.AsyncResultStatus = { Succeeded: 'succeeded' };
  office.EventType = { DialogMessageReceived: 'dialogMessageReceived' };
  office.context = {
    ui: {
      displayDialogAsync: (url: string, _o: unknown, cb: (r: unknown) => void) => {
        opened.push(url);
        cb({ status: 'succeeded', value: { addEventHandler: () => undefined, close: () => undefined } });
      },
    },
  };
  const completed = jest.fn();
  await associated.get('runAll')!({ completed });
  expect(completed).toHaveBeenCalledTimes(1);
  expect(opened).toHaveLength(1);
  const q = new URL(opened[0]).searchParams;
  expect(new URL(opened[0]).pathname).toMatch(/\/dialog\.html$/);
  expect(q.get('title')).toBe('绩效自评助手：一键生成失败');
  expect(q.get('message')).toContain('超过了上限（Excel 网页版为 5 MB）');
  delete office.context;
});
