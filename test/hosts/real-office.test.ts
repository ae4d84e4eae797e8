/**
 * The Office host through the real office.js client library (excel-web-16.00.js in a vm context,
 * requests answered by the Excel double), over more than one run: run 1, the user's correction, run 2,
 * then 清除标记, at ExcelApi 1.7, 1.10 and 1.15 and at 1,000, 2,000 and 5,000 project rows each
 * carrying a finding. The workbook must end cell for cell as the same sequence on the double directly
 * (and carry the same marks after run 2), and 清除标记 must leave the input sheets as the corrections
 * alone leave them. Every request and every response stays within its budget (the estimate, checked
 * against the serialized size, bounds it within 5 %) and under 4 MB (Excel on the web refuses 5 MB).
 * The double's one-note-or-comment-per-cell rule is on.
 */
import { INPUT_SHEETS } from '../../src/catalogue/inputs';
import { evaluate } from '../../src/core/engine';
import { InputValues, templateReading } from '../../src/core/fill';
import type { Plan } from '../../src/core/types';
import { applyPlan, clearMarks } from '../../src/hosts/office/apply';
import { Cost, REQUEST_BUDGET, RESPONSE_BUDGET } from '../../src/hosts/office/budget';
import { readInputs } from '../../src/hosts/office/reader';
import { sampleValues } from '../helpers/sample';
import { differences, ExcelDouble } from '../support/excel-double';
import { runThroughOfficeJs, WireStats } from '../support/real-office';
import { correctEveryTenth, flaggedProjects } from '../support/real-office/bench';

const MB4 = 4 * 1024 * 1024;
const INPUTS = INPUT_SHEETS.map((s) => s.name);

const flagged = (rows: number) => ({ 项目支出明细表: flaggedProjects(rows) }) as InputValues;
const corrected = (rows: number) =>
  ({
    项目支出明细表: flaggedProjects(rows).map((row, i) =>
      i % 10 === 0 ? [...row.slice(0, 4), 10, ...row.slice(5)] : row
    ),
  }) as InputValues;

interface Sequence {
  /** The input sheets after run 2 (the marks). */
  marked: string[];
  /** The whole workbook after 清除标记. */
  end: string[];
}

/** The sequence on the double directly, its calls answered in memory. */
async function direct(level: string, rows: number, plans: [Plan, Plan]): Promise<Sequence> {
  const d = ExcelDouble.fromTemplate(flagged(rows), { excelApi: level });
  d.install();
  await d.run((c) => applyPlan(c, plans[0]));
  correctEveryTenth(d, rows);
  await d.run((c) => applyPlan(c, plans[1]));
  const marked = d.fingerprint(INPUTS);
  await d.run((c) => clearMarks(c));
  return { marked, end: d.fingerprint() };
}

/** Each request's estimate beside its serialized size. */
interface Measured {
  step: string;
  estimates: Cost[];
  stats: WireStats;
}

describe.each([1000, 2000, 5000])('%i project rows, each with a finding', (rows) => {
  // Made once for the three levels: the plans of run 1 and run 2, and the input sheets as the corrections alone leave them.
  let plans: [Plan, Plan];
  let reference: string[];
  beforeAll(() => {
    plans = [evaluate(templateReading(flagged(rows))).plan, evaluate(templateReading(corrected(rows))).plan];
    const d = ExcelDouble.fromTemplate(flagged(rows));
    correctEveryTenth(d, rows);
    reference = d.fingerprint(INPUTS);
  }, 120_000);
  // ExcelApi 1.10 and 1.15 give the add-in the same capabilities (the npm copy of office.js has no
  // notes API), so one direct run serves both.
  const directRuns = new Map<string, Promise<Sequence>>();
  // Thousands of rows make large plans and workbooks: let them go before the next size.
  afterAll(() => {
    plans = undefined as never;
    reference = [];
    directRuns.clear();
  });
  const directOf = (level: string) => {
    const key = level === '1.7' ? '1.7' : '1.10';
    if (!directRuns.has(key)) directRuns.set(key, direct(key, rows, plans));
    return directRuns.get(key)!;
  };

  test.each(['1.7', '1.10', '1.15'])(
    'ExcelApi %s: run 1, a correction, run 2, 清除标记 through office.js end as on the double; every request within its budget',
    async (level) => {
      const d = ExcelDouble.fromTemplate(flagged(rows), { excelApi: level });
      const measured: Measured[] = [];
      const step = async <T>(
        name: string,
        batch: (c: Excel.RequestContext, onRequest: (e: Cost) => void) => Promise<T>
      ) => {
        const estimates: Cost[] = [];
        const { result, stats } = await runThroughOfficeJs(d, level, (c) =>
          batch(c, (e) => estimates.push(e))
        );
        measured.push({ step: name, estimates, stats });
        return result;
      };
      if (level === '1.7') {
        // The reading through office.js is the one the plans were made from.
        const reading = await step('read', (c, onRequest) => readInputs(c, undefined, { onRequest }));
        expect(evaluate(reading).plan.marks).toEqual(plans[0].marks);
      }
      await step('run 1', (c, onRequest) => applyPlan(c, plans[0], { onRequest }));
      correctEveryTenth(d, rows);
      await step('run 2', (c, onRequest) => applyPlan(c, plans[1], { onRequest }));
      const marked = d.fingerprint(INPUTS);
      await step('清除标记', (c, onRequest) => clearMarks(c, { onRequest }));

      const expected = await directOf(level);
      expect(differences(marked, expected.marked)).toEqual([]);
      const end = d.fingerprint();
      expect(differences(end, expected.end)).toEqual([]);
      expect(differences(d.fingerprint(INPUTS), reference)).toEqual([]);

      for (const m of measured) {
        const { requestBytes, responseBytes } = m.stats;
        expect([m.step, m.estimates.length]).toEqual([m.step, requestBytes.length]);
        // The estimate bounds what office.js sends and what Excel answers, within 5 %.
        const over = m.estimates.flatMap((e, i) =>
          requestBytes[i] > 1.05 * e.request || responseBytes[i] > 1.05 * e.response
            ? [
                `${m.step} request ${i}: ${requestBytes[i]}/${e.request}, response ${responseBytes[i]}/${e.response}`,
              ]
            : []
        );
        expect(over).toEqual([]);
        expect(Math.max(...requestBytes)).toBeLessThanOrEqual(1.05 * REQUEST_BUDGET);
        expect(Math.max(...responseBytes)).toBeLessThanOrEqual(1.05 * RESPONSE_BUDGET);
      }
      const all = measured.flatMap((m) => [...m.stats.requestBytes, ...m.stats.responseBytes]);
      expect(Math.max(...all)).toBeLessThan(MB4);
    },
    240_000
  );
});

describe.each(['1.7', '1.9', '1.10', '1.15'])('ExcelApi %s, the sample department', (level) => {
  test('read → evaluate → write → 清除标记 through office.js equals the direct run', async () => {
    const d = ExcelDouble.fromTemplate(sampleValues(), { excelApi: level });
    d.install();
    const reading = await d.run((c) => readInputs(c));
    const { plan } = evaluate(reading);
    await d.run((c) => applyPlan(c, plan));
    const written = d.fingerprint();
    await d.run((c) => clearMarks(c));

    const real = ExcelDouble.fromTemplate(sampleValues(), { excelApi: level });
    const read = await runThroughOfficeJs(real, level, (c) => readInputs(c));
    expect(read.result).toEqual(reading);
    await runThroughOfficeJs(real, level, (c) => applyPlan(c, evaluate(read.result).plan));
    expect(differences(real.fingerprint(), written)).toEqual([]);
    await runThroughOfficeJs(real, level, (c) => clearMarks(c));
    expect(differences(real.fingerprint(), d.fingerprint())).toEqual([]);
    expect(plan.marks.length).toBeGreaterThan(0);
  });
});
