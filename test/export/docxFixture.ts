/** The sample department's report as .docx bytes, with the hand-made score sheet. */
import { draftReport, ReportDraft } from '../../src/core/narrative';
import type { ScoreSheet } from '../../src/core/results';
import { reportToDocx } from '../../src/export/docx';
import { sampleModel } from '../helpers/sample';
import { handFindings, handIndicators, handScores } from '../helpers/reportFixtures';

export async function sampleDocx(): Promise<{ draft: ReportDraft; scores: ScoreSheet; bytes: Uint8Array }> {
  const model = sampleModel();
  const scores = handScores();
  const draft = draftReport({
    model,
    indicators: handIndicators(model),
    scores,
    findings: handFindings(model),
  });
  return { draft, scores, bytes: await reportToDocx(draft, scores) };
}
