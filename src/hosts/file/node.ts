/** Node-only file access for the file host (CLI, batch): bounded reading, atomic writing. */
import { constants, promises as fs } from 'fs';
import * as path from 'path';
import { INPUTS } from '../../catalogue/inputs';
import { MAX_FILE_BYTES, preparePackage } from './package';
import { KeepError, KeepResult, writeIntoPackage } from './keep';
import type { Plan } from '../../core/types';
import { loadXlsx, saveXlsx, XlsxBook } from './xlsx';
import { listZip, PackageError, readEntry } from './zip';

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
  return (await openWorkbookKept(file, mode)).book;
}

/** A workbook opened to write a result into its own package: the reading (sheets with our names) and the file's bytes. */
export interface KeptWorkbook {
  book: XlsxBook;
  bytes: Buffer;
}

export async function openWorkbookKept(file: string, mode: 'read' | 'write' = 'read'): Promise<KeptWorkbook> {
  const data = await readRegularFile(file);
  return { book: await openBytes(data, mode), bytes: data };
}

async function openBytes(data: Buffer, mode: 'read' | 'write'): Promise<XlsxBook> {
  let prepared: Buffer;
  try {
    prepared = preparePackage(
      data,
      mode,
      INPUTS.map((d) => d.name)
    );
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

/**
 * Writes through a temporary file beside the target and renames it over: a failed write leaves
 * neither a partial file nor a damaged original. `exclusive`: refuse an existing target.
 */
export async function writeFileAtomic(
  file: string,
  data: Uint8Array | string,
  options: { exclusive?: boolean } = {}
): Promise<void> {
  const target = path.resolve(file);
  const tmp = path.join(
    path.dirname(target),
    `.~${path.basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`
  );
  try {
    await fs.mkdir(path.dirname(target), { recursive: true });
    if (options.exclusive) {
      const exists = await fs.lstat(target).then(
        () => true,
        () => false
      );
      if (exists) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
    } else {
      const st = await fs.stat(target).catch(() => undefined);
      if (st?.isDirectory()) throw Object.assign(new Error('dir'), { code: 'EISDIR' });
    }
    await fs.writeFile(tmp, data, { flag: 'wx' });
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw new WriteError(ioProblem(e as NodeJS.ErrnoException, file, '写入'));
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

/** True when the package is a macro-enabled workbook (.xlsm), by its workbook part's content type. */
export function isMacroEnabled(bytes: Buffer): boolean {
  try {
    const e = listZip(bytes).find((x) => x.name === '[Content_Types].xml');
    return e ? readEntry(bytes, e).toString('utf8').includes(MACRO_MAIN) : false;
  } catch {
    return false;
  }
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
  const macro = isMacroEnabled(input.bytes);
  const ext = path.extname(file).toLowerCase();
  if (macro && ext !== '.xlsm')
    throw new KindMismatchError(
      `输入是启用宏的工作簿（.xlsm），结果须保存为 .xlsm 才能在 Excel 中打开并保留宏；请把输出文件名改为 ${path.basename(file, path.extname(file))}.xlsm`
    );
  if (!macro && ext === '.xlsm')
    throw new KindMismatchError(
      `输入不是启用宏的工作簿，结果不能保存为 .xlsm（Excel 会拒绝打开）；请把输出文件名改为 .xlsx`
    );
  let result: KeepResult;
  try {
    result = await writeIntoPackage(input.bytes, input.book, plan);
  } catch (e) {
    // A package we cannot write into is an input problem (exit 3): nothing has been written.
    if (e instanceof KeepError || e instanceof PackageError) throw new ReadError(e.message);
    throw e;
  }
  await writeFileAtomic(file, result.bytes);
  return result;
}
