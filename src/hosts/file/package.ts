/**
 * What of an .xlsx package the readers are handed (Node only: the direct reader, directRead.ts, or
 * ExcelJS when it declines or the whole workbook is wanted), and the package's integrity. Parts are
 * inflated only when they are used: to read, the workbook, its relationships, the styles, the sheets
 * holding our names and, of the shared strings, only the entries those sheets use (streamed, never
 * held whole). Every other part is neither inflated nor handed over: a 190 MB image nobody refers to
 * costs nothing, and a result workbook copies it as stored. A zip bomb is refused from its directory,
 * before it inflates. A package missing a part it refers to, a Strict OOXML package and a DOCTYPE are
 * refused with a Chinese message (exit 3), never read as something else.
 */
import { parseRange } from '../../core/address';
import { DefinedNameEntry, resolveNames } from '../../core/names';
import { MAIN_NS, prefixFor, relationships, resolveTarget } from './ooxml';
import { listZip, PackageError, readEntry, readEntryInPieces, storeZip, ZipEntry } from './zip';
import { definedNamesOf } from './xlsx';

/** Largest input file read (bytes). */
export const MAX_FILE_BYTES = 100 * 2 ** 20;
/** Largest single part, inflated, and all parts read together. */
export const MAX_PART_BYTES = 400 * 2 ** 20;
export const MAX_TOTAL_BYTES = 600 * 2 ** 20;
/**
 * Largest shared-strings part (inflated). It is streamed and only the strings our sheets use are kept,
 * but a result workbook re-reads it whole where the state sheet has shared strings; a department's
 * workbook holds well under 1 MB.
 */
export const MAX_SHARED_STRINGS_BYTES = 64 * 2 ** 20;
/** Deflate cannot do better than ~1032:1; past this ratio on a large part the package is a bomb. */
const BOMB_RATIO = 500;
const BOMB_MIN_BYTES = 20 * 2 ** 20;
/**
 * The most worksheet XML (inflated) a whole workbook is loaded for (`write` mode): ExcelJS holds every
 * cell as objects (about 1 KB each), and 16 MB of sheet XML is some 400,000–800,000 cells, under 1 GB.
 */
export const MAX_SHEET_XML_TO_WRITE = 16 * 2 ** 20;

/** A size as people read it: 11 字节, 2.3 KB, 64 MB, 2.4 GB. */
export function sizeText(n: number): string {
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(1)} GB`;
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(n < 10 * 2 ** 20 ? 1 : 0)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} 字节`;
}

const EMPTY_SHEET = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'
);

const STRICT_MAIN_NS = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const CONTENT_TYPES = '[Content_Types].xml';

const damaged = (what: string) =>
  new PackageError(
    `工作簿已损坏：缺少${what}；可在 Excel 中打开（Excel 会尝试修复）并另存为 .xlsx 后重试`,
    'missing-part'
  );

/** Refuses a part Excel never writes: a DOCTYPE (entity tricks) or entity declarations. */
function refuseDoctype(name: string, xml: string): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw new PackageError(
      `部件 ${name} 含有 DOCTYPE 声明（Excel 不会写出这样的文件，文件可能被改动过或由其他程序生成），已拒绝读取；请在 Excel 中另存为 .xlsx 后重试`,
      'unsupported'
    );
}

/** A package's directory with case-insensitive part lookup (OOXML part names ignore case). */
class Directory {
  private readonly exact: Map<string, ZipEntry>;
  private readonly folded: Map<string, ZipEntry>;
  constructor(readonly entries: ZipEntry[]) {
    this.exact = new Map(entries.map((e) => [e.name, e]));
    this.folded = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
  }
  get(name: string): ZipEntry | undefined {
    return this.exact.get(name) ?? this.folded.get(name.toLowerCase());
  }
}

/** Refuses, from the directory alone, a part that would inflate like a bomb, and duplicates. */
function checkDirectory(entries: ZipEntry[]): void {
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.name)) throw new PackageError(`文件已损坏（部件 ${e.name} 重复出现）`, 'damaged');
    seen.add(e.name);
    const ratio = e.size / Math.max(1, e.compressedSize);
    if (e.size > BOMB_MIN_BYTES && ratio > BOMB_RATIO)
      throw new PackageError(
        `部件 ${e.name} 解压后有 ${sizeText(e.size)}（压缩后 ${sizeText(e.compressedSize)}，压缩比 ${Math.round(ratio)} 倍），疑似“压缩炸弹”，已拒绝读取；正常工作簿不会如此`,
        'bomb'
      );
  }
}

/** Refuses parts we are about to inflate whose declared sizes pass the caps. */
function checkSizes(parts: ZipEntry[]): void {
  let total = 0;
  for (const e of parts) {
    total += e.size;
    if (e.size > MAX_PART_BYTES)
      throw new PackageError(
        `部件 ${e.name} 解压后有 ${sizeText(e.size)}，超过可处理的上限 ${sizeText(MAX_PART_BYTES)}，已拒绝读取`,
        'too-large'
      );
  }
  if (total > MAX_TOTAL_BYTES)
    throw new PackageError(
      `工作簿要读取的部件解压后共 ${sizeText(total)}，超过可处理的上限 ${sizeText(MAX_TOTAL_BYTES)}，已拒绝读取`,
      'too-large'
    );
}

/** For readers that inflate every part (SheetJS's formats): the directory and every part's declared size. */
export function checkDeclaredSizes(entries: ZipEntry[]): void {
  checkDirectory(entries);
  checkSizes(entries);
}

interface SheetPart {
  name: string;
  part: string;
}

/** The package's structure: the parts every reading and writing needs, each present and readable. */
interface Structure {
  dir: Directory;
  workbookXml: string;
  sheets: SheetPart[];
  styles: string;
  /** The shared-strings part, if the package has one. */
  sharedStrings?: string;
}

const unescapeName = (s: string) =>
  s.replace(
    /&(amp|lt|gt|quot|apos);/g,
    (e) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" })[e]!
  );

/** Reads and checks the package's skeleton: content types, workbook, its relationships, styles, sheets. */
function structureOf(buf: Buffer): Structure {
  const entries = listZip(buf);
  checkDirectory(entries);
  const dir = new Directory(entries);
  const workbook = dir.get(WORKBOOK);
  if (!workbook) throw new PackageError('压缩包中没有 xl/workbook.xml，可能是 .docx 等其他文件', 'not-zip');
  const text = (e: ZipEntry) => {
    checkSizes([e]);
    const t = readEntry(buf, e).toString('utf8');
    refuseDoctype(e.name, t);
    return t;
  };
  const workbookXml = text(workbook);
  if (workbookXml.includes(STRICT_MAIN_NS) || prefixFor(workbookXml, STRICT_MAIN_NS) !== undefined)
    throw new PackageError(
      '工作簿是严格（Strict）格式，请另存为普通 .xlsx：在 Excel 中“文件 → 另存为”，保存类型选“Excel 工作簿 (*.xlsx)”',
      'unsupported'
    );
  const prefix = prefixFor(workbookXml, MAIN_NS);
  if (prefix === undefined)
    throw new PackageError('xl/workbook.xml 不是 Excel 工作簿的格式，可能是其他文件', 'not-zip');
  if (prefix !== '')
    throw new PackageError(
      `工作簿的 XML 使用了命名空间前缀（如 <${prefix}workbook>），本工具无法读取；请在 Excel 或 WPS 中打开并另存为 .xlsx 后重试`,
      'unsupported'
    );
  const types = dir.get(CONTENT_TYPES);
  if (!types) throw damaged(' [Content_Types].xml（部件类型清单）');
  text(types);
  const relsEntry = dir.get(WORKBOOK_RELS);
  if (!relsEntry) throw damaged(' xl/_rels/workbook.xml.rels（工作簿与各工作表的关系）');
  const rels = relationships(text(relsEntry));
  const target = (type: string) => {
    const r = rels.find((x) => !x.external && x.type.endsWith(`/${type}`));
    return r && resolveTarget(WORKBOOK, r.target);
  };
  const styles = target('styles') ?? 'xl/styles.xml';
  if (!dir.get(styles)) throw damaged(` ${styles}（样式）`);
  const sharedStrings =
    target('sharedStrings') ?? (dir.get('xl/sharedStrings.xml') && 'xl/sharedStrings.xml');
  if (sharedStrings && !dir.get(sharedStrings)) throw damaged(` ${sharedStrings}（共享字符串）`);
  const sheets: SheetPart[] = [];
  for (const m of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
    const name = unescapeName(/\bname="([^"]*)"/.exec(m[0])?.[1] ?? '');
    const rid = /\s[\w.-]+:id="([^"]*)"/.exec(m[0])?.[1];
    const rel = rels.find((r) => r.id === rid);
    if (!rel)
      throw damaged(
        `工作表“${name}”与其部件的关系（xl/_rels/workbook.xml.rels 中没有 ${rid ?? '关系编号'}）`
      );
    const part = resolveTarget(WORKBOOK, rel.target);
    if (!dir.get(part)) throw damaged(`工作表“${name}”的部件 ${part}`);
    sheets.push({ name, part });
  }
  return { dir, workbookXml, sheets, styles, sharedStrings };
}

/**
 * A sheet's XML as reading needs it: its cells and merged ranges. What follows the cells (drawings,
 * comments, hyperlinks, tables, page setup …) refers to parts reading never loads, so it goes.
 */
function cellsOnly(xml: string): string {
  const close = xml.indexOf('</sheetData>');
  const end = close >= 0 ? close + 12 : xml.indexOf('/>', xml.indexOf('<sheetData')) + 2;
  if (end < 12 || !xml.trimEnd().endsWith('</worksheet>')) return xml;
  const merges = /<mergeCells\b[\s\S]*?<\/mergeCells>/.exec(xml.slice(end))?.[0] ?? '';
  return `${xml.slice(0, end)}${merges}</worksheet>`;
}

/** The shared-string indices the sheet's cells use (`<c t="s"><v>12</v></c>`), and the first cell of the largest. */
function sharedStringRefs(xml: string, into: Set<number>): { max: number; cell?: string } {
  let max = -1;
  let cell: string | undefined;
  const re = /<c\b([^>]*)>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[1].endsWith('/') || !/\st\s*=\s*["']s["']/.test(m[1])) continue;
    const end = xml.indexOf('</c>', re.lastIndex);
    const v = xml.indexOf('<v', re.lastIndex);
    if (v < 0 || end < 0 || v > end) continue;
    const from = xml.indexOf('>', v) + 1;
    const n = Number(xml.slice(from, xml.indexOf('</v>', from)).trim());
    if (!Number.isInteger(n) || n < 0) continue;
    into.add(n);
    if (n > max) {
      max = n;
      cell = /\sr\s*=\s*["']([A-Z]+\d+)["']/.exec(m[1])?.[1];
    }
    re.lastIndex = end;
  }
  return { max, cell };
}

/**
 * The shared-strings part with every entry not in `keep` emptied (indices unchanged), streamed: the
 * part is inflated in pieces and only the kept entries are held. Its entry count is returned too.
 */
function prunedSharedStrings(buf: Buffer, e: ZipEntry, keep: Set<number>): { xml: string; count: number } {
  const decoder = new TextDecoder('utf-8');
  const out: string[] = [];
  let header: string | undefined;
  let tail = '';
  let index = 0;
  let inside: 'none' | 'keep' | 'drop' = 'none';
  const feed = (text: string) => {
    const s = tail + text;
    let at = 0;
    if (header === undefined) {
      const root = s.indexOf('<sst');
      const gt = root < 0 ? -1 : s.indexOf('>', root);
      if (gt < 0) {
        if (s.length > 65_536)
          throw new PackageError(`文件已损坏（部件 ${e.name} 的开头不是共享字符串表）`, 'damaged');
        tail = s;
        return;
      }
      header = s.slice(0, gt + 1);
      refuseDoctype(e.name, header);
      if (header.endsWith('/>')) {
        tail = '';
        return;
      }
      at = gt + 1;
    }
    for (;;) {
      if (inside === 'none') {
        const open = s.indexOf('<si', at);
        if (open < 0 || open + 3 >= s.length) {
          tail = s.slice(open < 0 ? Math.max(at, s.length - 3) : open);
          return;
        }
        if (!/[\s>/]/.test(s[open + 3])) {
          at = open + 3;
          continue;
        }
        const gt = s.indexOf('>', open);
        if (gt < 0) {
          if (s.length - open > 65_536)
            throw new PackageError(`文件已损坏（部件 ${e.name} 格式异常）`, 'damaged');
          tail = s.slice(open);
          return;
        }
        const kept = keep.has(index++);
        if (s[gt - 1] === '/') out.push('<si/>');
        else {
          out.push(kept ? s.slice(open, gt + 1) : '<si/>');
          inside = kept ? 'keep' : 'drop';
        }
        at = gt + 1;
      } else {
        const close = s.indexOf('</si>', at);
        if (close < 0) {
          const from = Math.max(at, s.length - 4);
          if (inside === 'keep') out.push(s.slice(at, from));
          tail = s.slice(from);
          return;
        }
        if (inside === 'keep') out.push(s.slice(at, close + 5));
        inside = 'none';
        at = close + 5;
      }
    }
  };
  readEntryInPieces(buf, e, (piece) => feed(decoder.decode(piece, { stream: true })));
  feed(decoder.decode());
  if (header === undefined)
    throw new PackageError(`文件已损坏（部件 ${e.name} 不是共享字符串表）`, 'damaged');
  return { xml: `${header}${out.join('')}${header.endsWith('/>') ? '' : '</sst>'}`, count: index };
}

/** What reading our names needs of a package, each part verified (see {@link readParts}). */
export interface ReadParts {
  /** The parts as ExcelJS should load them, in the package's order. */
  parts: Array<[string, Uint8Array]>;
  workbookXml: string;
  /** The workbook's defined names, as reading takes them. */
  names: DefinedNameEntry[];
  /** Every sheet by name; `xml` (cells and merges only) for those holding our names. */
  sheets: Array<{ name: string; xml?: string }>;
  /** The shared strings with only the entries those sheets use (others empty, indices unchanged). */
  sharedStrings?: string;
  styles: string;
}

/**
 * The package as ExcelJS should load it, every part it gets verified (inflated under its cap, CRC
 * checked). `read`: only what reading our names needs (see the module note); the sheets holding none
 * of `wanted` names come empty. `write`: the whole workbook, within the sheet cap.
 */
export function preparePackage(buf: Buffer, mode: 'read' | 'write', wanted: string[]): Buffer {
  if (mode === 'read') return storeZip(readParts(buf, wanted).parts);
  const s = structureOf(buf);
  const { dir } = s;
  const sheetBytes = s.sheets.reduce((n, x) => n + (dir.get(x.part)?.size ?? 0), 0);
  if (sheetBytes > MAX_SHEET_XML_TO_WRITE)
    throw new PackageError(
      `工作表数据解压后共 ${sizeText(sheetBytes)}，超过写回结果工作簿的上限 ${sizeText(MAX_SHEET_XML_TO_WRITE)}；请删除不需要的工作表或另存一份只含填报表的工作簿后重试，或不加 -o、只用 --json / --docx 输出结果`,
      'too-large'
    );
  const files = s.dir.entries.filter((e) => !e.name.endsWith('/'));
  checkSizes(files);
  for (const e of files) readEntry(buf, e);
  return buf;
}

/** The parts reading `wanted` names needs (see the module note), each verified. */
export function readParts(buf: Buffer, wanted: string[]): ReadParts {
  const s = structureOf(buf);
  const { dir } = s;
  const names = definedNamesOf(s.workbookXml);
  const { resolved } = resolveNames(names, wanted);
  const partOf = new Map(s.sheets.map((x) => [x.name, x.part]));
  const needed = new Set<string>();
  for (const r of resolved.values()) {
    // Through the core's parser: a sheet name may hold quotes, commas and `!` (`O'Neil's 表 ABCD!`).
    const part = r.address ? partOf.get(parseRange(r.address)?.sheet ?? '') : undefined;
    if (part) needed.add(part);
  }
  const entry = (name: string) => dir.get(name)!;
  const neededEntries = [...needed].map(entry);
  const sst = s.sharedStrings ? entry(s.sharedStrings) : undefined;
  checkSizes([entry(WORKBOOK), entry(WORKBOOK_RELS), entry(s.styles), ...neededEntries]);
  if (sst && sst.size > MAX_SHARED_STRINGS_BYTES)
    throw new PackageError(
      `共享字符串部件 ${sst.name} 解压后有 ${sizeText(sst.size)}，超过可处理的上限 ${sizeText(MAX_SHARED_STRINGS_BYTES)}（部门的填报工作簿通常不到 1 MB），已拒绝读取；请删除不需要的工作表后另存再试`,
      'too-large'
    );
  const out: Array<[string, Uint8Array]> = [];
  const sheets: ReadParts['sheets'] = [];
  let sharedStrings: string | undefined;
  let styles = '';
  const keep = new Set<number>();
  let largest: { max: number; cell?: string; sheet?: string } = { max: -1 };
  let firstUser: string | undefined;
  for (const x of s.sheets) {
    const e = entry(x.part);
    if (!needed.has(x.part)) {
      out.push([e.name, EMPTY_SHEET]);
      sheets.push({ name: x.name });
      continue;
    }
    const xml = readEntry(buf, e).toString('utf8');
    refuseDoctype(e.name, xml);
    const refs = sharedStringRefs(xml, keep);
    if (refs.max >= 0) firstUser ??= x.name;
    if (refs.max > largest.max) largest = { ...refs, sheet: x.name };
    const cells = cellsOnly(xml);
    sheets.push({ name: x.name, xml: cells });
    out.push([e.name, Buffer.from(cells, 'utf8')]);
  }
  if (largest.max >= 0) {
    if (!sst) throw damaged(` xl/sharedStrings.xml（共享字符串），工作表“${firstUser}”等表中的文字无法读取`);
    const pruned = prunedSharedStrings(buf, sst, keep);
    if (largest.max >= pruned.count)
      throw new PackageError(
        `工作簿已损坏：工作表“${largest.sheet}”的单元格 ${largest.cell ?? ''} 引用第 ${largest.max + 1} 个共享字符串，但 ${sst.name} 只有 ${pruned.count} 个；可在 Excel 中打开（Excel 会尝试修复）并另存为 .xlsx 后重试`,
        'missing-part'
      );
    sharedStrings = pruned.xml;
    out.push([sst.name, Buffer.from(pruned.xml, 'utf8')]);
  }
  for (const name of [CONTENT_TYPES, WORKBOOK, WORKBOOK_RELS, s.styles]) {
    const e = entry(name);
    const bytes = readEntry(buf, e);
    const text = bytes.toString('utf8');
    refuseDoctype(e.name, text);
    if (name === s.styles) styles = text;
    out.push([e.name, bytes]);
  }
  return { parts: out, workbookXml: s.workbookXml, names, sheets, sharedStrings, styles };
}
