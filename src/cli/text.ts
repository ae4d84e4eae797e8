/** Text from a workbook made safe to print or to write into a cell. */

/** Excel's limit on the characters of one cell. */
export const CELL_LIMIT = 32_767;
const TRUNCATED = '……（内容过长，已截断）';

/**
 * Control and escape characters out (a project name carrying ESC sequences must not rewrite the
 * terminal or forge a score line); tab and newline kept as a space / newline. `cell`: at most
 * Excel's 32,767 characters, with a marker where it was cut.
 */
export function cleanText(s: string, options: { cell?: boolean } = {}): string {
  // C0 (but \n), DEL, C1, bidi overrides and isolates, zero-width and BOM.
  let out = s
    .replace(/\t/g, ' ')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff]/g, '');
  if (options.cell && out.length > CELL_LIMIT) out = out.slice(0, CELL_LIMIT - TRUNCATED.length) + TRUNCATED;
  return out;
}
