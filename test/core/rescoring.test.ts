/**
 * The second run of the checks, over the verified scores (src/core/engine.ts), runs again only the checks that read
 * the scores and takes the others' comparisons from the first run. Its result must be the full rerun's, finding for
 * finding and outcome for outcome: over the bad-input corpus, the sample, and generated departments with figures
 * put wrong.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CHECKS } from '../../src/catalogue/checks';
import { INPUT_BY_NAME } from '../../src/catalogue/inputs';
import { syntheticDepartment } from '../../src/cli/synthetic';
import { CheckRun, evaluateChecks } from '../../src/core/checks';
import { templateReading } from '../../src/core/fill';
import { computeIndicators } from '../../src/core/indicators';
import { buildModel } from '../../src/core/model';
import { rulebookFromModel } from '../../src/core/rulebook';
import { scoreAll } from '../../src/core/scoring';
import type { RawReading } from '../../src/core/types';
import { verifyScores } from '../../src/core/verify';
import { openWorkbook } from '../../src/hosts/file/node';
import { readInputs } from '../../src/hosts/file/xlsx';
import { BAD_INPUT_DIR } from '../fixtures/bad-input/generate';
import { sampleReading } from '../helpers/sample';

const outcome = ({ findings, results, checks }: CheckRun) => ({ findings, results, checks });

/** The first run, the verified scores, and the second run both ways; null when no scores are verified away. */
function bothWays(reading: RawReading) {
  const model = buildModel(reading);
  const { rulebook } = rulebookFromModel(model);
  if (!rulebook) return null;
  const indicators = computeIndicators(model, rulebook.variants);
  const scored = scoreAll(rulebook, indicators, model);
  const first = evaluateChecks(model, indicators, scored);
  const verified = verifyScores(scored, model, indicators, first.findings);
  if (verified === scored) return null;
  return {
    first,
    full: evaluateChecks(model, indicators, verified),
    spliced: evaluateChecks(model, indicators, verified, { rescoring: first }),
  };
}

/** A generated department with one amount put wrong: off by 1, or written in 元. */
function misstated(seed: number): RawReading {
  const values = syntheticDepartment(seed);
  const amounts = Object.keys(values).filter(
    (n) =>
      typeof values[n] === 'number' &&
      INPUT_BY_NAME.get(n)?.type === 'scalar' &&
      (INPUT_BY_NAME.get(n) as { kind?: string }).kind === 'amount'
  );
  const name = amounts[(seed * 7) % amounts.length];
  const v = values[name] as number;
  return templateReading({ ...values, [name]: seed % 2 ? v + 1 : v * 10000 });
}

describe('the checks over the verified scores', () => {
  test('only the 评分 check reads the scores', () => {
    expect(CHECKS.filter((c) => c.readsScores).map((c) => c.id)).toEqual(['score']);
  });

  test('rerunning only the checks that read the scores gives the full rerun, on the sample and generated departments', () => {
    const readings = [sampleReading(), ...Array.from({ length: 30 }, (_, i) => misstated(i + 1))];
    let changed = 0;
    for (const reading of readings) {
      const r = bothWays(reading);
      if (!r) continue;
      expect(outcome(r.spliced)).toEqual(outcome(r.full));
      if (JSON.stringify(outcome(r.full)) !== JSON.stringify(outcome(r.first))) changed++;
    }
    // The second run matters: on some of them the verified scores change what the 评分 check finds.
    expect(changed).toBeGreaterThan(0);
  });

  test('rerunning only the checks that read the scores gives the full rerun, over the bad-input corpus', async () => {
    const files = fs.readdirSync(BAD_INPUT_DIR).filter((f) => /\.xlsx$/.test(f));
    let compared = 0;
    for (const file of files) {
      let reading: RawReading;
      try {
        reading = readInputs(await openWorkbook(path.join(BAD_INPUT_DIR, file), 'read'));
      } catch {
        continue; // refused or damaged: never evaluated
      }
      const r = bothWays(reading);
      if (!r) continue;
      expect([file, outcome(r.spliced)]).toEqual([file, outcome(r.full)]);
      compared++;
    }
    expect(compared).toBeGreaterThan(40);
  }, 120_000);
});
