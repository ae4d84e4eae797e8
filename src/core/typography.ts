/**
 * 公文 typography for the report's text: no half-width spaces between Chinese and numbers,
 * "～" for ranges, nested quotes as “‘’”, and rules written in words rather than formula signs or
 * software instructions. Applied to every paragraph and table cell the drafter writes, so
 * department text and generated text read alike.
 */

const CJK = '\\u2e80-\\u9fff\\u3000-\\u303f\\uff00-\\uffef“”‘’《》【】';

const SPACE_AFTER_CJK = new RegExp(`([${CJK}])[ \\t\\u00a0]+(?=[0-9A-Za-z%.+\\-−])`, 'g');
const SPACE_BEFORE_CJK = new RegExp(`([0-9A-Za-z%.])[ \\t\\u00a0]+(?=[${CJK}])`, 'g');

/** Removes half-width spaces between Chinese (or full-width punctuation) and Latin letters or digits. */
export function tightenSpaces(s: string): string {
  if (!/[ \t\u00a0]/.test(s)) return s; // most paragraphs: nothing to tighten, and two scans saved
  return s.replace(SPACE_AFTER_CJK, '$1').replace(SPACE_BEFORE_CJK, '$1');
}

/**
 * "20%–30%", "0–3分", "2021-2025年" → "～"; dates like 2021-12-31 and a subtraction written with the minus sign
 * between spaces ("4.00 − 1.00 = 3.00") are left alone.
 */
export function ranges(s: string): string {
  if (!/[–—−-]/.test(s)) return s; // no dash: no range, no date
  const dates: string[] = [];
  // Dates are set aside under a private-use mark while ranges are rewritten.
  const masked = s.replace(/\d{4}-\d{1,2}-\d{1,2}/g, (d) => `\ue000${dates.push(d) - 1}\ue001`);
  return masked
    .replace(/(\d%?)(?! − )\s*[–—−-]\s*(?=\d)/g, '$1～')
    .replace(/\ue000(\d+)\ue001/g, (_, i: string) => dates[Number(i)]);
}

/**
 * Quotes inside quotes become ‘’; an unbalanced paragraph is left as written. Only the quote marks are
 * visited: a paragraph built up character by character held a million-node string for a 1 MB 单位名称.
 */
export function nestQuotes(s: string): string {
  if (!s.includes('“')) return s; // no quote opens: none nested, or unbalanced (left as written)
  let depth = 0;
  for (const m of s.matchAll(/[“”]/g)) {
    depth += m[0] === '“' ? 1 : -1;
    if (depth < 0) return s;
  }
  if (depth !== 0) return s;
  return s.replace(/[“”]/g, (q) => {
    if (q === '“') return depth++ % 2 === 1 ? '‘' : '“';
    return --depth % 2 === 1 ? '’' : '”';
  });
}

/** Every paragraph and cell of the report goes through this. */
export function documentText(s: string): string {
  return nestQuotes(ranges(tightenSpaces(s)));
}

/** Clauses that tell the user what to do in the workbook (填入“自评打分”表…): not for the document. */
const SOFTWARE_CLAUSE = /(填入|填写|填在|表中填|名称填)[^，；。]*?表|“[^”]*”表|工作表|单元格|名称管理器/;

/**
 * A scoring rule or remark in document words: formula signs spelled out, software
 * instructions dropped, ranges with "～".
 */
export function inWords(s: string): string {
  // A sentence is cut where an instruction starts; what is left of it, if only a stub ("如有依据"), goes too.
  const clauses = s
    .split(/(?<=[；。])/)
    .map((sentence) => {
      const parts = sentence.split(/(?<=，)/);
      const cut = parts.findIndex((c) => SOFTWARE_CLAUSE.test(c));
      if (cut < 0) return sentence;
      const kept = parts.slice(0, cut).join('').replace(/，$/, '');
      // A stub ("如有依据") or a condition cut from its consequence ("口径不同的") says nothing alone.
      return kept.length <= 6 || /的$/.test(kept)
        ? ''
        : `${kept}${/[；。]$/.test(sentence) ? sentence.slice(-1) : ''}`;
    })
    .join('')
    .replace(/[，；]$/, '');
  return documentText(
    clauses
      // "标准 100% 0.48 个百分点": two figures side by side need a separator once the spaces go.
      .replace(/(\d%?)\s+(?=\d)/g, '$1，')
      .replace(/得分\s*=\s*([\d.]+)\s*×\s*指标值/g, '按指标值与满分$1分的乘积计分')
      .replace(/(^|[；，（])\s*=\s*(\d)/g, '$1等于$2')
      .replace(/\s*≤\s*/g, '不超过')
      .replace(/\s*≥\s*/g, '不低于')
      .replace(/\s*<\s*/g, '低于')
      .replace(/\s*>\s*/g, '超过')
      .replace(/\s*×\s*/g, '乘以')
      .replace(/\s*÷\s*/g, '除以')
      .replace(/\s*=\s*/g, '等于')
      .replace(/\s*\+\s*/g, '加')
      .replace(/\s[−-]\s/g, '减')
  );
}

/** What the text scan rejects in a submitted document, each with a name for the failure message. */
export const FORBIDDEN_IN_DOCUMENT: Array<[what: string, pattern: RegExp]> = [
  ['公式符号', /[=×÷≤≥<>+]/],
  ['单元格地址', /[\u4e00-\u9fff\w]+![A-Z]{1,3}\d+/],
  ['内部名称', /[\u4e00-\u9fffA-Za-z]_[\u4e00-\u9fffA-Za-z]/],
  ['数字旁的半角空格', /[0-9][ \u00a0][\u4e00-\u9fff]|[\u4e00-\u9fff][ \u00a0][0-9]/],
  ['重叠引号', /““|””|‘‘|’’/],
  ['负号表示的增减', /[（，：为]-\d/],
  ['操作提示', /自评打分”表|问题清单|工作表|单元格/],
];

/** The offending snippets of a text, for a test's failure message. */
export function scanDocumentText(text: string): string[] {
  const out: string[] = [];
  for (const [what, re] of FORBIDDEN_IN_DOCUMENT) {
    const g = new RegExp(re.source, 'g');
    for (const m of text.matchAll(g))
      out.push(`${what}：…${text.slice(Math.max(0, m.index! - 12), m.index! + 12)}…`);
  }
  return out;
}
