/**
 * Internal hyperlinks written as a location only. ExcelJS writes every hyperlink with a relationship
 * (an external target) and, for a `Sheet!A1` target, a `location` too (ExcelJS issue #3027); Excel,
 * WPS and LibreOffice then read `file.xlsx#'Sheet'!A1##'Sheet'!A1` and the jump fails. This rewrites
 * each such `<hyperlink>` to `location="'Sheet'!$A$1"` with no `r:id`, and drops the relationship.
 */
import type JSZip from 'jszip';

const HYPERLINK = /<hyperlink\b([^>]*?)\/>/g;
const REL = /<Relationship\b[^>]*?\bId="([^"]+)"[^>]*?\/>/g;

/**
 * One sheet's XML with internal links as locations; `removed` lists the dropped relationship ids. With
 * the sheet's rels, a link ExcelJS wrote as an external `#'Sheet'!A1` target alone (it does so when the
 * sheet name holds a `!`, which its internal-link test does not expect) becomes a location too.
 */
export function locationOnly(sheetXml: string, relsXml = ''): { xml: string; removed: string[] } {
  const internal = new Map<string, string>();
  for (const m of relsXml.matchAll(REL)) {
    const target = /\bTarget="#([^"]*)"/.exec(m[0]);
    if (target) internal.set(m[1], target[1]);
  }
  const removed: string[] = [];
  const xml = sheetXml.replace(HYPERLINK, (whole, attrs: string) => {
    const rid = /\sr:id="([^"]*)"/.exec(attrs);
    const location = /\blocation="([^"]*)"/.exec(attrs)?.[1] ?? (rid ? internal.get(rid[1]) : undefined);
    if (location === undefined) return whole;
    if (rid) removed.push(rid[1]);
    const rest = attrs.replace(/\sr:id="[^"]*"/, '').replace(/\slocation="[^"]*"/, '');
    return `<hyperlink${rest} location="${absolute(location.replace(/^#/, ''))}"/>`;
  });
  return { xml, removed };
}

/**
 * `'Sheet'!C11` → `'Sheet'!$C$11`: LibreOffice reads a relative `C11` as an R1C1 column and leaves the
 * link unresolved; the absolute form reads as one cell everywhere.
 */
export function absolute(location: string): string {
  return location.replace(/!\$?([A-Z]{1,3})\$?(\d+)$/, '!$$$1$$$2');
}

export function withoutRelationships(relsXml: string, ids: string[]): string {
  const drop = new Set(ids);
  return relsXml.replace(REL, (whole, id: string) => (drop.has(id) ? '' : whole));
}

/** Rewrites every worksheet of a saved workbook in place. Returns how many links it rewrote. */
export async function internalLinksAsLocations(zip: JSZip): Promise<number> {
  let count = 0;
  for (const path of Object.keys(zip.files).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))) {
    const xml = await zip.file(path)!.async('string');
    if (!xml.includes('<hyperlink')) continue;
    const relsPath = path.replace(/^xl\/worksheets\//, 'xl/worksheets/_rels/') + '.rels';
    const rels = await zip.file(relsPath)?.async('string');
    const fixed = locationOnly(xml, rels);
    count += fixed.removed.length;
    zip.file(path, fixed.xml);
    if (rels && fixed.removed.length) zip.file(relsPath, withoutRelationships(rels, fixed.removed));
  }
  return count;
}
