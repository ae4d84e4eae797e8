/**
 * The one walk over the finding tree (roots with the findings folded under them as `consequences`):
 * every surface that lists, counts or searches findings goes through these.
 */
import type { Finding } from './results';

/** Every finding with its depth under a root (0 for roots), in list order. */
export function flattenFindings(findings: Finding[]): Array<{ finding: Finding; depth: number }> {
  const out: Array<{ finding: Finding; depth: number }> = [];
  const go = (fs: Finding[], depth: number) => {
    for (const f of fs) {
      out.push({ finding: f, depth });
      if (f.consequences) go(f.consequences, depth + 1);
    }
  };
  go(findings, 0);
  return out;
}

/** Every finding, roots and consequences, in list order. */
export function allFindings(findings: Finding[]): Finding[] {
  return flattenFindings(findings).map((x) => x.finding);
}

/** The findings folded under `f`, at every depth, in list order. */
export function foldedUnder(f: Finding): Finding[] {
  return allFindings(f.consequences ?? []);
}

/** How many findings are folded under `f`, at every depth (连带问题). */
export function consequenceCount(f: Finding): number {
  return foldedUnder(f).length;
}
