/** Node-only file access for the file host (CLI, batch). */
import { promises as fs } from 'fs';
import * as path from 'path';
import { loadXlsx, saveXlsx, XlsxBook } from './xlsx';

export async function openWorkbook(file: string): Promise<XlsxBook> {
  let data: Buffer;
  try {
    data = await fs.readFile(file);
  } catch {
    throw new Error(`找不到文件或无法读取：${file}`);
  }
  return loadXlsx(data);
}

export async function writeWorkbook(book: XlsxBook, file: string): Promise<void> {
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await fs.writeFile(file, await saveXlsx(book));
}
