/** The sample department through the real engine (indicators → scores → checks → report), as the CLI runs it. */
import { runChecks } from '../../src/core/checks';
import { computeIndicators } from '../../src/core/indicators';
import { draftReport, type DraftInput } from '../../src/core/narrative';
import { rulebookFromModel } from '../../src/core/rulebook';
import { scoreAll } from '../../src/core/scoring';
import { sampleModel } from './sample';

export function engineInput(): DraftInput {
  const model = sampleModel();
  const indicators = computeIndicators(model);
  const scores = scoreAll(rulebookFromModel(model).rulebook!, indicators, model);
  return { model, indicators, scores, findings: runChecks(model, indicators, scores) };
}

export function engineDraft() {
  const input = engineInput();
  return { input, draft: draftReport(input) };
}

/** The text of every paragraph of a .docx's document.xml, in order. */
export function docxParagraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((t) =>
        t[1]
          .replace(/&amp;/g, '&')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
      )
      .join('')
  );
}
