/**
 * Which inputs a finding puts in question. Two readings, one place:
 * - doubtedInputs: what an 错误 says may be wrong. The report marks a figure built on one 【待核对】 and the
 *   审核意见 names it where a rate is recomputed from it.
 * - questionedInputs, the verification rule: a score line is 核实 only when none of its inputs is party to an
 *   unexplained finding that questions its value — an 错误, or a 提示 of a family that questions values
 *   (QUESTIONING_NOTICES: 口径) without a written reason in 出错说明 — unless its points are the same
 *   whichever value is right (ScoreLine.sameEitherWay). src/core/verify.ts applies it once, in the engine.
 */
import { QUESTIONING_NOTICES } from '../catalogue/checks';
import type { CheckFamily } from '../catalogue/contract';
import { allFindings } from './findingTree';
import type { Finding } from './results';

/**
 * Families whose finding is about a stated rate or a self-score, not about the figures it reads: a 比率 finding
 * does not put the rate's inputs in doubt, nor a 评分 finding the score lines.
 */
export const ABOUT_A_RESULT: readonly string[] = ['比率', '评分'];

/**
 * The inputs an 错误 puts in doubt, each with the finding that does: the figure a correction names where the
 * data show which one is wrong (the others agree with an independent source), else every figure of the failed
 * identity (any of them may be the wrong one). A 提示 may legitimately differ and a blank never accuses.
 */
export function doubtedInputs(findings: readonly Finding[]): Map<string, Finding> {
  const out = new Map<string, Finding>();
  const visit = (f: Finding) => {
    if (f.severity !== '错误' || f.kind === 'cannotVerify' || ABOUT_A_RESULT.includes(f.family)) return;
    // A correction names the one wrong figure, and what is folded under it follows from that figure alone.
    const ops = f.correction ? [f.correction.operand] : f.slip ? [f.slip.operand] : f.operands;
    for (const o of ops) if (!out.has(o.name)) out.set(o.name, f);
    if (!f.correction) for (const x of f.consequences ?? []) visit(x);
  };
  for (const f of findings) visit(f);
  return out;
}

/** True for a 提示 that questions the value of its figures until the unit writes why (an unexplained 口径 difference). */
export function questionsValue(f: Finding): boolean {
  return (
    f.severity === '提示' &&
    f.kind !== 'cannotVerify' &&
    !f.explanation &&
    QUESTIONING_NOTICES.includes(f.family as CheckFamily)
  );
}

/**
 * The inputs whose value a finding questions, each with the finding (an 错误's first): those an 错误 puts in
 * doubt, then every figure of an unexplained questioning 提示, at any depth of the finding tree.
 */
export function questionedInputs(findings: readonly Finding[]): Map<string, Finding> {
  const out = doubtedInputs(findings);
  for (const f of allFindings([...findings]))
    if (questionsValue(f)) for (const o of f.operands) if (!out.has(o.name)) out.set(o.name, f);
  return out;
}

/**
 * The figure each unexplained questioning 提示 checks (its first operand), with the 提示: the report asks the unit
 * for the written reason there. A figure an 错误 already puts in doubt carries that 【待核对】 instead.
 */
export function unexplainedNotices(findings: readonly Finding[]): Map<string, Finding> {
  const doubted = doubtedInputs(findings);
  const out = new Map<string, Finding>();
  for (const f of allFindings([...findings])) {
    const checked = f.operands[0]?.name;
    if (checked && questionsValue(f) && !doubted.has(checked) && !out.has(checked)) out.set(checked, f);
  }
  return out;
}
