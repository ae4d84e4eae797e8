/** Which inputs an 错误 puts in doubt: shared by the 审核意见 (src/core/review.ts) and the report. */
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
