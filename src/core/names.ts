/**
 * Defined names as a workbook holds them → the range each catalogue name points to, or a
 * Chinese diagnostic. Shared by both hosts so they resolve names identically: workbook scope
 * first, then a sheet-scoped name; #REF!, constants and whole columns reported, never fatal.
 */
import { normaliseAddress, parseRange } from './address';
import type { Diagnostic } from './types';

export interface DefinedNameEntry {
  name: string;
  /** What the name refers to, as Excel stores it: `Sheet!$A$1`, `=#REF!`, `=0.5`, `"text"`. */
  formula: string;
  /** Sheet name for a sheet-scoped name; undefined for workbook scope. */
  scope?: string;
}

export interface ResolvedName {
  name: string;
  /** The definition chosen for the name (workbook scope first), when one exists. */
  entry?: DefinedNameEntry;
  /** `Sheet!A1[:B2]`, when usable. */
  address?: string;
  diagnostic?: Diagnostic;
}

/** The most cells a named input may cover (a table of 10,000 rows × 10 columns). */
export const MAX_NAMED_CELLS = 200_000;

function diag(name: string, code: string, message: string, address?: string): Diagnostic {
  return { code, severity: '错误', message, name, address };
}

function resolveOne(e: DefinedNameEntry): ResolvedName {
  const text = e.formula.trim().replace(/^=/, '');
  if (/#REF!/i.test(text))
    return {
      name: e.name,
      diagnostic: diag(
        e.name,
        'name-ref-error',
        `名称 ${e.name} 的引用已失效（#REF!，所指单元格或工作表已被删除）；请在“名称管理器”中重新指向正确的单元格`
      ),
    };
  // A comma outside a quoted sheet name separates areas (`'收支总表, 2021'!$B$6` is one area).
  if (text.replace(/'(?:[^']|'')*'/g, "''").includes(','))
    return {
      name: e.name,
      diagnostic: diag(
        e.name,
        'name-multi-area',
        `名称 ${e.name} 指向多个区域（${text}）；应只指向一个连续区域`
      ),
    };
  const wholeCol = /^(?:'(?:[^']|'')+'|[^!]+)!\$?[A-Z]{1,3}:\$?[A-Z]{1,3}$/i.test(text);
  const wholeRow = /^(?:'(?:[^']|'')+'|[^!]+)!\$?\d+:\$?\d+$/.test(text);
  if (wholeCol || wholeRow)
    return {
      name: e.name,
      diagnostic: diag(
        e.name,
        'name-whole-line',
        `名称 ${e.name} 指向整${wholeCol ? '列' : '行'}（${text}）；应指向具体的单元格或数据区域`
      ),
    };
  const r = parseRange(text);
  if (!r)
    return {
      name: e.name,
      diagnostic: diag(
        e.name,
        'name-not-range',
        `名称 ${e.name} 不是单元格引用（现为“${text}”）；应指向工作表中的单元格，如 基础数据!B6`
      ),
    };
  const cells = (r.bottom - r.top + 1) * (r.right - r.left + 1);
  if (cells > MAX_NAMED_CELLS)
    return {
      name: e.name,
      diagnostic: diag(
        e.name,
        'name-too-large',
        `名称 ${e.name} 指向 ${normaliseAddress(text)}，共 ${cells} 个单元格，区域过大；应只覆盖数据所在的行列`
      ),
    };
  return { name: e.name, address: normaliseAddress(text)! };
}

const INVISIBLE = /[\u200b-\u200f\u2060\ufeff\u00ad]/g;

/** A name as Excel users confuse it: compatibility forms folded (full-width ＿ → _), invisible characters and spaces out, case folded. */
export function lookAlikeKey(name: string): string {
  return name.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/g, '').toLowerCase();
}

/** A name with its invisible and full-width characters made visible, for a message. */
function reveal(name: string): string {
  return [...name]
    .map((c) =>
      /[\u200b-\u200f\u2060\ufeff\u00ad]/.test(c)
        ? `[U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`
        : c
    )
    .join('');
}

/**
 * Resolves the wanted names. A workbook-scoped name wins; otherwise a sheet-scoped one; two
 * sheet-scoped names of the same name on different sheets are ambiguous (first used, reported).
 */
export function resolveNames(
  entries: DefinedNameEntry[],
  wanted: string[]
): { resolved: Map<string, ResolvedName>; diagnostics: Diagnostic[] } {
  // Reading, the package check and the writer each resolve the same names of the same workbook.
  const key = wanted.join('\u0000');
  let known = RESOLVED.get(entries);
  if (!known) RESOLVED.set(entries, (known = new Map()));
  let done = known.get(key);
  if (!done) {
    done = resolveFresh(entries, wanted);
    if (known.size < 8) known.set(key, done);
  }
  return { resolved: new Map(done.resolved), diagnostics: [...done.diagnostics] };
}

/** Resolutions by the entries array they were made from (an entries array is not changed once read). */
const RESOLVED = new WeakMap<DefinedNameEntry[], Map<string, ReturnType<typeof resolveFresh>>>();

function resolveFresh(
  entries: DefinedNameEntry[],
  wanted: string[]
): { resolved: Map<string, ResolvedName>; diagnostics: Diagnostic[] } {
  const byName = new Map<string, DefinedNameEntry[]>();
  for (const e of entries) {
    const key = e.name.toLowerCase(); // Excel names are case-insensitive
    byName.set(key, [...(byName.get(key) ?? []), e]);
  }
  const resolved = new Map<string, ResolvedName>();
  const diagnostics: Diagnostic[] = [];
  let lookAlikes: Map<string, DefinedNameEntry> | undefined;
  for (const name of wanted) {
    const found = byName.get(name.toLowerCase()) ?? [];
    const globals = found.filter((e) => e.scope === undefined);
    const global = globals[0];
    const local = found.filter((e) => e.scope !== undefined);
    if (globals.length > 1)
      diagnostics.push({
        code: 'name-duplicate',
        severity: '提示',
        message: `名称 ${name} 在工作簿范围内定义了 ${globals.length} 次（${globals.map((e) => e.formula).join('、')}）；已采用第一个定义 ${global.formula}，请在“名称管理器”中删除多余的定义`,
        name,
      });
    if (global && local.length > 0)
      diagnostics.push({
        code: 'name-shadowed',
        severity: '提示',
        message: `名称 ${name} 既有工作簿级定义（${global.formula}），又有工作表级定义（${local.map((e) => `“${e.scope}”：${e.formula}`).join('、')}）；已采用工作簿级定义，而在${local.map((e) => `“${e.scope}”`).join('、')}表的公式中它指向工作表级定义，请删除其一`,
        name,
      });
    if (global) {
      resolved.set(name, { ...resolveOne(global), entry: global });
      continue;
    }
    if (local.length === 0) {
      lookAlikes ??= new Map(entries.map((e) => [lookAlikeKey(e.name), e]));
      const similar = lookAlikes.get(lookAlikeKey(name));
      const hint = similar
        ? `工作簿中有一个相似的名称“${reveal(similar.name)}”（含全角字符、不可见字符或空格），是否指 ${name}？请在“名称管理器”中把它改名为 ${name}`
        : '请用“插入模板”或在“数据”页把该项绑定到单元格';
      resolved.set(name, {
        name,
        diagnostic: diag(name, 'name-missing', `工作簿中没有名称 ${name}；${hint}`),
      });
      continue;
    }
    if (local.length > 1)
      diagnostics.push({
        code: 'name-ambiguous',
        severity: '提示',
        message: `名称 ${name} 在 ${local.map((e) => `“${e.scope}”`).join('、')} 多个工作表中分别定义（工作表级名称）；已采用“${local[0].scope}”中的定义，请删除多余的名称`,
        name,
      });
    resolved.set(name, { ...resolveOne(local[0]), entry: local[0] });
  }
  return { resolved, diagnostics };
}
