/**
 * The Office host through the real office.js client library (excel-web-16.00.js in a vm context,
 * requests answered by the Excel double): read → evaluate → write → 清除标记 at four ExcelApi
 * levels ends with the same workbook as the same run on the double directly.
 */
import { runThroughOfficeJs, WireStats } from '../support/real-office';
import { ExcelDouble } from '../support/excel-double';
import { readInputs } from '../../src/hosts/office/reader';
import { applyPlan, clearMarks } from '../../src/hosts/office/apply';
import { evaluate } from '../../src/core/engine';
import { sampleValues } from '../helpers/sample';
import { wireBench } from '../support/real-office/bench';

async function cycleDirect(level: string) {
  const d = ExcelDouble.fromTemplate(sampleValues(), { excelApi: level });
  d.install();
  const reading = await d.run((c) => readInputs(c));
  const { plan } = evaluate(reading);
  await d.run((c) => applyPlan(c, plan));
  const written = d.snapshot();
  await d.run((c) => clearMarks(c));
  return { written, cleared: d.snapshot(), plan };
}

async function cycleOfficeJs(level: string) {
  const d = ExcelDouble.fromTemplate(sampleValues(), { excelApi: level });
  const all: WireStats[] = [];
  const step = async <T>(batch: (c: Excel.RequestContext) => Promise<T>) => {
    const { result, stats } = await runThroughOfficeJs(d, level, batch);
    all.push(stats);
    return result;
  };
  const reading = await step((c) => readInputs(c));
  const { plan } = evaluate(reading);
  await step((c) => applyPlan(c, plan));
  const written = d.snapshot();
  await step((c) => clearMarks(c));
  return { written, cleared: d.snapshot(), stats: all };
}

describe.each(['1.7', '1.9', '1.10', '1.15'])('ExcelApi %s', (level) => {
  test('read → evaluate → write → 清除标记 through office.js equals the direct run', async () => {
    const direct = await cycleDirect(level);
    const real = await cycleOfficeJs(level);
    expect(direct.plan.marks.length).toBeGreaterThan(0);
    expect(real.written).toEqual(direct.written);
    expect(real.cleared).toEqual(direct.cleared);
  });
});

test('at 1,000 project rows each carrying a finding, every request and response stays under 4 MB', async () => {
  const r = await wireBench(1000);
  expect(r.marks).toBeGreaterThanOrEqual(1000);
  expect(r.readSyncs).toBe(3);
  expect(r.maxRequest).toBeLessThan(4 * 1024 * 1024);
  expect(r.maxResponse).toBeLessThan(4 * 1024 * 1024);
});
