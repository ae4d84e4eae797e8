/**
 * Checking the numbers of a department's own report: the API the surfaces use (CLI, pane tab, web
 * page, batch). Pure: give it the blocks a reader made, get claims with verdicts.
 *
 *   const source = textBlocks(text)                    // src/hosts/report/text.ts (pasted text, .txt, a PDF's text)
 *   const source = docxBlocks(docxPartsFromBytes(bytes).document)   // src/hosts/report/docx.ts (.docx, browser or Node)
 *   const check = checkReport(source, { bands, level1 }) // claims, summary (成立 / 不成立 / 无法核实, by kind)
 *   const all = withClaims(check, crossCheckWorkbook(check, model))   // with the workbook the engine parsed
 *   claim.finding                                        // a Finding, for the cards the findings use (cardParts, listRow)
 *   reportJson(all), claimLine(claim)                    // --json and a terminal line
 *   commentedDocxBytes(bytes, commentPlans(all))         // the .docx with comments (textDocx for a text)
 */
export { checkReport, readReport, withClaims } from './engine';
export type { Claim, ClaimFigure, ReportCheck, ReportCheckOptions, ReportSummary } from './engine';
export { checkReportWith, crossCheckWorkbook } from './workbook';
export {
  anchorOf,
  claimComment,
  claimLine,
  claimRecord,
  commentPlans,
  reportJson,
  summaryComment,
} from './render';
export type { CommentPlan, TextPoint } from './render';
export type { SourceBlock, SourceDocument, SourceText } from './document';
