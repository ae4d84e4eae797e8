/**
 * What of an .xlsx package ExcelJS is handed (Node only). Every part is inflated under a cap and
 * CRC-checked by our own reader; a zip bomb is refused from its directory, before it inflates.
 * To read, the sheets that hold none of our names are handed over empty (a 5-million-cell sheet
 * of the user's costs nothing); to write a result workbook every sheet must be loaded, so the
 * sheets' total size is bounded first.
 */
import { resolveNames } from '../../core/names';
import { listZip, PackageError, readEntry, storeZip, ZipEntry } from './zip';
import { definedNamesOf } from './xlsx';

/** Largest input file read (bytes). */
export const MAX_FILE_BYTES = 100 * 2 ** 20;
/** Largest single part, inflated, and all parts together. */
export const MAX_PART_BYTES = 400 * 2 ** 20;
export const MAX_TOTAL_BYTES = 600 * 2 ** 20;
/** Deflate cannot do better than ~1032:1; past this ratio on a large part the package is a bomb. */
const BOMB_RATIO = 500;
const BOMB_MIN_BYTES = 20 * 2 ** 20;
/**
 * The most worksheet XML (inflated) a result workbook is written for: ExcelJS holds every cell as
 * objects (about 1 KB each), and 16 MB of sheet XML is some 400,000–800,000 cells, under 1 GB.
 */
export const MAX_SHEET_XML_TO_WRITE = 16 * 2 ** 20;

const mb = (n: number) => `${(n / 2 ** 20).toFixed(n < 10 * 2 ** 20 ? 1 : 0)} MB`;

const EMPTY_SHEET = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'
);

const isSheetPart = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/i.test(name);
const relsOf = (part: string) => part.replace(/([^/]+)$/, '_rels/$1.rels');

/** Sheet name → its part (`xl/worksheets/sheet1.xml`), from workbook.xml and its relationships. */
function sheetParts(workbookXml: string, relsXml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target)
      targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`.replace(/\/\.\//g, '/'));
  }
  const out = new Map<string, string>();
  for (const m of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\br:id="([^"]*)"|\bid="([^"]*)"/.exec(m[0]);
    const target = rid && targets.get(rid[1] ?? rid[2]);
    if (name !== undefined && target)
      out.set(
        name.replace(
          /&(amp|lt|gt|quot|apos);/g,
          (e) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" })[e]!
        ),
        target
      );
  }
  return out;
}

/** Refuses, from the directory alone, a package that would inflate beyond the caps. */
export function checkDeclaredSizes(entries: ZipEntry[]): void {
  const seen = new Set<string>();
  let total = 0;
  for (const e of entries) {
    if (seen.has(e.name)) throw new PackageError(`文件已损坏（部件 ${e.name} 重复出现）`, 'damaged');
    seen.add(e.name);
    total += e.size;
    const ratio = e.size / Math.max(1, e.compressedSize);
    if (e.size > MAX_PART_BYTES || (e.size > BOMB_MIN_BYTES && ratio > BOMB_RATIO))
      throw new PackageError(
        `部件 ${e.name} 解压后有 ${mb(e.size)}（压缩比 ${Math.round(ratio)} 倍），疑似“压缩炸弹”，已拒绝读取；正常工作簿不会如此`,
        'bomb'
      );
  }
  if (total > MAX_TOTAL_BYTES)
    throw new PackageError(
      `工作簿解压后共 ${mb(total)}，超过可处理的上限 ${mb(MAX_TOTAL_BYTES)}，已拒绝读取`,
      'too-large'
    );
}

/**
 * The package as ExcelJS should load it: every part verified, stored uncompressed. `read`: the
 * sheets holding none of `wanted` names come empty. `write`: everything, within the sheet cap.
 */
export function preparePackage(buf: Buffer, mode: 'read' | 'write', wanted: string[]): Buffer {
  const entries = listZip(buf);
  checkDeclaredSizes(entries);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const workbook = byName.get('xl/workbook.xml');
  if (!workbook) throw new PackageError('压缩包中没有 xl/workbook.xml，可能是 .docx 等其他文件', 'not-zip');
  const sheetBytes = entries.filter((e) => isSheetPart(e.name)).reduce((n, e) => n + e.size, 0);
  let skip = new Set<string>();
  if (mode === 'write') {
    if (sheetBytes > MAX_SHEET_XML_TO_WRITE)
      throw new PackageError(
        `工作表数据解压后共 ${mb(sheetBytes)}，超过写回结果工作簿的上限 ${mb(MAX_SHEET_XML_TO_WRITE)}；请删除不需要的工作表或另存一份只含填报表的工作簿后重试，或不加 -o、只用 --json / --docx 输出结果`,
        'too-large'
      );
  } else {
    const rels = byName.get('xl/_rels/workbook.xml.rels');
    const workbookXml = readEntry(buf, workbook).toString('utf8');
    const parts = sheetParts(workbookXml, rels ? readEntry(buf, rels).toString('utf8') : '');
    const { resolved } = resolveNames(definedNamesOf(workbookXml), wanted);
    const needed = new Set<string>();
    for (const r of resolved.values()) {
      const sheet = r.address ? /^(?:'((?:[^']|'')+)'|([^!]+))!/.exec(r.address) : null;
      const part = sheet && parts.get(sheet[1]?.replace(/''/g, "'") ?? sheet[2]);
      if (part) needed.add(part);
    }
    skip = new Set([...parts.values()].filter((p) => !needed.has(p)));
  }
  if (mode === 'write') {
    // Every part verified (inflated under its cap, CRC checked) one at a time; ExcelJS then gets the original bytes.
    for (const e of entries) if (!e.name.endsWith('/')) readEntry(buf, e);
    return buf;
  }
  const skipRels = new Set([...skip].map(relsOf));
  const out: Array<[string, Uint8Array]> = [];
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    if (skip.has(e.name)) out.push([e.name, EMPTY_SHEET]);
    else if (!skipRels.has(e.name)) out.push([e.name, readEntry(buf, e)]);
  }
  return storeZip(out);
}
