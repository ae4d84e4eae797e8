/** Node-only file access for the file host (CLI, batch): bounded reading, atomic writing. */
import { constants, lstatSync, promises as fs, Stats } from 'fs';
import { hostname } from 'os';
import * as path from 'path';
import { INPUTS } from '../../catalogue/inputs';
import { MAX_FILE_BYTES, preparePackage, readParts } from './package';
import { readDirect } from './directRead';
import { KeepError, KeepResult, writeIntoPackage } from './keep';
import type { Plan } from '../../core/types';
import { InputBook, loadXlsx, saveXlsx, XlsxBook } from './xlsx';
import { listZip, PackageError, readEntry, storeZip } from './zip';
import { asXlsxPackage, OtherFormatReadError } from './otherFormats';
import { formatName, OtherFormat } from './formats';

/** A file that cannot be read as input; the message is Chinese and names it. */
export class ReadError extends Error {}

const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;

/**
 * A regular file's bytes, at most `max`. Opened non-blocking so a FIFO never hangs, checked on the
 * open handle (a symlink to /dev/zero is a device), read up to its stated size only.
 */
export async function readRegularFile(file: string, max = MAX_FILE_BYTES): Promise<Buffer> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new ReadError(`${ioProblem(e as NodeJS.ErrnoException, file, '读取')}`);
  }
  try {
    const st = await handle.stat();
    if (st.isDirectory()) throw new ReadError(`${file} 是文件夹，不是工作簿文件`);
    if (!st.isFile()) throw new ReadError(`${file} 不是普通文件（是管道、设备或套接字），已拒绝读取`);
    if (st.size > max) throw new ReadError(`${file} 有 ${mb(st.size)}，超过可读取的上限 ${mb(max)}`);
    const data = Buffer.alloc(st.size);
    let got = 0;
    while (got < st.size) {
      const { bytesRead } = await handle.read(data, got, st.size - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return got === st.size ? data : data.subarray(0, got);
  } catch (e) {
    if (e instanceof ReadError) throw e;
    throw new ReadError(ioProblem(e as NodeJS.ErrnoException, file, '读取'));
  } finally {
    await handle.close();
  }
}

/**
 * Opens a workbook file. `read`: only the sheets holding our names are loaded (for --json/--docx,
 * batch rows); `write`: the whole workbook, as a result workbook must keep every sheet.
 */
export async function openWorkbook(file: string, mode: 'read' | 'write' = 'write'): Promise<XlsxBook> {
  return (await openWorkbookKept(file, mode, { exceljs: true })).book as XlsxBook;
}

/** A workbook opened to write a result into its own package: the reading (sheets with our names) and the file's bytes. */
export interface KeptWorkbook {
  book: InputBook;
  /** The .xlsx package: the file's own bytes, or its conversion when `from` is set. */
  bytes: Buffer;
  /** The format the file was read from when it is not an .xlsx (.xls, .et …), and its name for the user: read only, its result is a new .xlsx. */
  from?: { format: OtherFormat; name: string };
}

export async function openWorkbookKept(
  file: string,
  mode: 'read' | 'write' = 'read',
  options: { exceljs?: boolean } = {}
): Promise<KeptWorkbook> {
  const data = await readRegularFile(file);
  let converted: Awaited<ReturnType<typeof asXlsxPackage>>;
  try {
    converted = await asXlsxPackage(data, file);
  } catch (e) {
    if (e instanceof OtherFormatReadError) throw new ReadError(e.message);
    throw e;
  }
  const from = converted.from && { format: converted.from, name: formatName(converted.from, file) };
  let book: InputBook;
  try {
    book = await openBytes(converted.bytes, mode, options.exceljs === true);
  } catch (e) {
    // The conversion of a damaged file that SheetJS still read: said of the file the user has.
    if (!from) throw e;
    throw new ReadError(
      `无法打开工作簿：文件不是有效的${from.name}，可能已损坏或不完整；请用 Excel 或 WPS 打开并另存为 .xlsx 后重试`
    );
  }
  return { book, bytes: converted.bytes, ...(from && { from }) };
}

/**
 * `read`: the sheets holding our names, straight from their XML (directRead.ts) unless `exceljs` is asked
 * for or the direct reader declines the file; ExcelJS loads the rest.
 */
async function openBytes(data: Buffer, mode: 'read' | 'write', exceljs: boolean): Promise<InputBook> {
  const wanted = INPUTS.map((d) => d.name);
  let prepared: Buffer;
  try {
    if (mode === 'read') {
      const parts = readParts(data, wanted);
      const direct = exceljs ? undefined : readDirect(parts, parts.names);
      if (direct) return direct;
      prepared = storeZip(parts.parts);
    } else prepared = preparePackage(data, mode, wanted);
  } catch (e) {
    if (e instanceof PackageError) throw readErrorOf(e);
    throw e;
  }
  return loadXlsx(prepared);
}

/** A package that cannot be read, told as the input problem it is. */
function readErrorOf(e: PackageError): ReadError {
  if (e.code === 'missing-part') return new ReadError(e.message);
  if (e.code === 'not-zip' || e.code === 'damaged')
    return new ReadError(
      `无法打开工作簿：文件不是有效的 .xlsx（${e.message}）。请用 Excel 或 WPS 另存为 .xlsx 后重试`
    );
  return new ReadError(`无法打开工作簿：${e.message}`);
}

/** A write/read failure in Chinese, by its system code. */
export function ioProblem(e: NodeJS.ErrnoException, file: string, doing: '读取' | '写入'): string {
  switch (e.code) {
    case 'ENOENT':
      return doing === '读取' ? `找不到文件或无法读取：${file}` : `无法写入 ${file}：所在文件夹不存在`;
    case 'EACCES':
    case 'EPERM':
      return `没有权限${doing} ${file}（文件或文件夹只读，或被系统保护）；请换一个位置或检查权限`;
    case 'EISDIR':
      return `无法${doing} ${file}：这是一个文件夹；请给出文件名`;
    case 'ENOTDIR':
      return `无法${doing} ${file}：路径中有一段不是文件夹`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `无法写入 ${file}：磁盘空间不足；原有文件未被改动，请清理空间后重试`;
    case 'EBUSY':
    case 'ETXTBSY':
      return `无法${doing} ${file}：文件正被其他程序占用（可能已在 Excel 或 WPS 中打开）；请关闭后重试`;
    case 'EROFS':
      return `无法写入 ${file}：所在磁盘是只读的`;
    case 'ENAMETOOLONG':
      return `无法${doing} ${file}：文件名过长`;
    case 'EEXIST':
      return `${file} 已存在；如确要覆盖，请加 --force`;
    default:
      return `无法${doing} ${file}（系统错误 ${e.code ?? '未知'}）`;
  }
}

/** A write that failed; the message is Chinese and says why. */
export class WriteError extends Error {}

/** What a file that is not a regular file is, in words. */
function kindOf(st: Stats): string | undefined {
  if (st.isDirectory()) return '文件夹';
  if (st.isCharacterDevice()) return '字符设备';
  if (st.isBlockDevice()) return '块设备';
  if (st.isFIFO()) return '命名管道（FIFO）';
  if (st.isSocket()) return '套接字';
  return st.isFile() ? undefined : '特殊文件';
}

/**
 * Why `file` cannot take an output, or undefined: it exists and is not a regular file (a folder, a
 * device such as /dev/full — refused even as root, a FIFO, a socket, or a link to one), or a folder on
 * its path is a file. A link to a regular file is fine: the result replaces the link, never its target.
 */
export async function outputTargetProblem(file: string): Promise<string | undefined> {
  let st: Stats | undefined;
  try {
    // Synchronous, and no error built for the usual answer (no such file): a batch asks twice a workbook.
    st = lstatSync(file, { throwIfNoEntry: false });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return undefined;
    if (err.code !== 'ENOTDIR') return ioProblem(err, file, '写入');
    // A folder on the path is a file: name it.
    for (let dir = path.dirname(path.resolve(file)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const d = await fs.stat(dir).catch(() => undefined);
      if (d && !d.isDirectory()) return `无法写入 ${file}：${dir} 是文件，不是文件夹；请另选保存位置`;
    }
    return ioProblem(err, file, '写入');
  }
  if (!st) return undefined;
  if (st.isDirectory()) return ioProblem(Object.assign(new Error(), { code: 'EISDIR' }), file, '写入');
  const own = kindOf(st);
  if (own && !st.isSymbolicLink())
    return `无法写入 ${file}：它是${own}，不是普通文件；结果只写入普通文件，请另选文件名`;
  if (st.isSymbolicLink()) {
    const target = await fs.stat(file).catch(() => undefined);
    const kind = target && kindOf(target);
    if (kind)
      return `无法写入 ${file}：它是指向${kind}（${await fs.realpath(file).catch(() => '?')}）的链接，不是普通文件；结果只写入普通文件，请另选文件名`;
  }
  return undefined;
}

/** This machine, short: temporary and lock files name it, so a folder shared between machines is cleaned only of our own. */
const HOST = (() => {
  let h = 0;
  for (const c of hostname()) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h.toString(36);
})();

/** A process on this machine that is still running (a process killed, even by SIGKILL, is not). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `.~结果.xlsx.<host>.<pid>.<random>.tmp`: a write in progress (or left by a killed run). */
export const tempNameFor = (target: string, pid = process.pid) =>
  `.~${path.basename(target)}.${HOST}.${pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
const TEMP_NAME = /^\.~.+\.([0-9a-z]+)\.(\d+)\.[0-9a-z]+\.tmp$/;
const lockOf = (target: string) => path.join(path.dirname(target), `.~${path.basename(target)}.lock`);

/**
 * Whether a lock was left by a run on this machine that is no longer running (killed), or is an empty
 * lock a minute old (a file system without links, killed between creating and writing it).
 */
async function staleLock(lock: string): Promise<boolean> {
  const text = await fs.readFile(lock, 'utf8').catch(() => undefined);
  if (text === '') return Date.now() - ((await fs.stat(lock).catch(() => undefined))?.mtimeMs ?? 0) > 60_000;
  const [host, pid] = (text ?? '').split(' ');
  return host === HOST && /^\d+$/.test(pid ?? '') && !alive(Number(pid));
}

/** Folders this process has cleaned already (once is enough: a batch writes thousands of files into one). */
const cleaned = new Set<string>();

/** Removes the temporary and lock files of runs on this machine that are no longer running (killed). */
async function removeStaleTemps(dir: string): Promise<void> {
  if (cleaned.has(dir)) return;
  cleaned.add(dir);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    const stale = m
      ? m[1] === HOST && !alive(Number(m[2]))
      : /^\.~.+\.lock$/.test(name) && (await staleLock(path.join(dir, name)));
    if (stale) await fs.rm(path.join(dir, name), { force: true });
  }
}

/** Output files this process holds the lock of (released when the command ends, see {@link releaseOutputs}). */
const held = new Set<string>();

/**
 * Takes the lock of an output file: a second run writing the same file at the same time is refused
 * (exit 6) instead of racing; a lock left by a run that was killed is taken over.
 */
export async function claimOutput(file: string): Promise<void> {
  const target = path.resolve(file);
  if (held.has(target)) return;
  const lock = lockOf(target);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await createLock(lock);
      held.add(target);
      return;
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'ENOENT') return; // no folder yet: the write creates it and says what fails
      if (err.code !== 'EEXIST') throw new WriteError(ioProblem(err, file, '写入'));
      if (await staleLock(lock)) {
        await fs.rm(lock, { force: true });
        continue;
      }
      const pid = (await fs.readFile(lock, 'utf8').catch(() => '')).split(' ')[1];
      throw new WriteError(
        `无法写入 ${file}：另一个绩效自评助手进程${pid ? `（进程号 ${pid}）` : ''}正在写入这个文件；请等它完成后再运行，或另选输出文件名`
      );
    }
  }
  throw new WriteError(`无法写入 ${file}：无法取得写入锁（${lock}）`);
}

/**
 * Creates the lock holding this process's name, whole or not at all: written beside it first, then
 * linked in (a link fails, EEXIST, when the lock exists), so no reader ever sees it empty.
 */
async function createLock(lock: string): Promise<void> {
  const owner = `${HOST} ${process.pid}`;
  const staged = path.join(path.dirname(lock), tempNameFor(lock));
  try {
    await fs.writeFile(staged, owner, { flag: 'wx' });
    await fs.link(staged, lock);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw e;
    // A file system without hard links: created and written in two steps.
    try {
      await fs.writeFile(lock, owner, { flag: 'wx' });
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code !== 'EEXIST')
        await fs.rm(lock, { force: true }).catch(() => undefined);
      throw e2;
    }
  } finally {
    await fs.rm(staged, { force: true }).catch(() => undefined);
  }
}

/** Releases every output lock this process holds. */
export async function releaseOutputs(): Promise<void> {
  for (const target of held) await fs.rm(lockOf(target), { force: true }).catch(() => undefined);
  held.clear();
}

/**
 * Writes through a temporary file beside the target and renames it over: a failed or killed write
 * leaves neither a partial file nor a damaged original (a killed run's temporary file is removed by the
 * next write into that folder). `exclusive`: refuse an existing target. The target must be a regular
 * file or not exist (see {@link outputTargetProblem}).
 */
export async function writeFileAtomic(
  file: string,
  data: Uint8Array | string,
  options: { exclusive?: boolean } = {}
): Promise<void> {
  const target = path.resolve(file);
  const dir = path.dirname(target);
  const tmp = path.join(dir, tempNameFor(target));
  const problem = await outputTargetProblem(file);
  if (problem) throw new WriteError(problem);
  const lockedHere = !held.has(target);
  try {
    await fs.mkdir(dir, { recursive: true });
    if (lockedHere) await claimOutput(target);
    await removeStaleTemps(dir);
    if (options.exclusive) {
      const exists = await fs.lstat(target).then(
        () => true,
        () => false
      );
      if (exists) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
    }
    await fs.writeFile(tmp, data, { flag: 'wx' });
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    if (e instanceof WriteError) throw e;
    const err = e as NodeJS.ErrnoException;
    // mkdir of a path through a file fails EEXIST: say which part is a file, not "already exists".
    const why = err.syscall === 'mkdir' ? await outputTargetProblem(file) : undefined;
    throw new WriteError(why ?? ioProblem(err, file, '写入'));
  } finally {
    if (lockedHere && held.delete(target))
      await fs.rm(lockOf(target), { force: true }).catch(() => undefined);
  }
}

/** Writes a workbook ExcelJS holds whole (new workbooks: template, fill, generate, 汇总, import). */
export async function writeWorkbook(
  book: XlsxBook,
  file: string,
  options: { exclusive?: boolean } = {}
): Promise<void> {
  await writeFileAtomic(file, await saveXlsx(book), options);
}

const MACRO_MAIN = 'application/vnd.ms-excel.sheet.macroEnabled.main+xml';

/** Each package's answer, as naming the result and writing it both ask. */
const macroEnabled = new WeakMap<Buffer, boolean>();

/** True when the package is a macro-enabled workbook (.xlsm), by its workbook part's content type. */
export function isMacroEnabled(bytes: Buffer): boolean {
  let macro = macroEnabled.get(bytes);
  if (macro === undefined) {
    try {
      const e = listZip(bytes).find((x) => x.name === '[Content_Types].xml');
      macro = e ? readEntry(bytes, e).toString('utf8').includes(MACRO_MAIN) : false;
    } catch {
      macro = false;
    }
    macroEnabled.set(bytes, macro);
  }
  return macro;
}

/** `file` renamed to the extension its result must have: .xlsm for a macro-enabled package, .xlsx otherwise. */
export function resultNameFor(bytes: Buffer, file: string): string {
  const base = file.slice(0, file.length - path.extname(file).length);
  return `${base}${isMacroEnabled(bytes) ? '.xlsm' : '.xlsx'}`;
}

/** A result workbook whose file name does not fit its kind (a macro-enabled package named .xlsx, or the reverse). */
export class KindMismatchError extends Error {}

/**
 * Writes a result into the input's own package (see keep.ts) and saves it atomically. An .xlsm stays
 * an .xlsm: its result must be named .xlsm (Excel refuses a macro-enabled package named .xlsx).
 */
export async function writeKept(input: KeptWorkbook, plan: Plan | null, file: string): Promise<KeepResult> {
  const result = await keptResult(input, plan, file);
  await writeFileAtomic(file, result.bytes);
  return result;
}

/** The result package {@link writeKept} saves as `file`, not yet written (a batch worker hands it to the main thread). */
export async function keptResult(input: KeptWorkbook, plan: Plan | null, file: string): Promise<KeepResult> {
  const macro = isMacroEnabled(input.bytes);
  const ext = path.extname(file).toLowerCase();
  if (input.from && ext !== '.xlsx')
    throw new KindMismatchError(
      `输入是${input.from.name}，只读取、不改动；结果另存为新的 .xlsx 工作簿，请把输出文件名改为 ${path.basename(file, path.extname(file))}.xlsx`
    );
  if (macro && ext !== '.xlsm')
    throw new KindMismatchError(
      `输入是启用宏的工作簿（.xlsm），结果须保存为 .xlsm 才能在 Excel 中打开并保留宏；请把输出文件名改为 ${path.basename(file, path.extname(file))}.xlsm`
    );
  if (!macro && ext === '.xlsm')
    throw new KindMismatchError(
      `输入不是启用宏的工作簿，结果不能保存为 .xlsm（Excel 会拒绝打开）；请把输出文件名改为 .xlsx`
    );
  try {
    return await writeIntoPackage(input.bytes, input.book, plan);
  } catch (e) {
    // A package we cannot write into is an input problem (exit 3): nothing has been written.
    if (e instanceof KeepError || e instanceof PackageError) throw new ReadError(e.message);
    throw e;
  }
}
