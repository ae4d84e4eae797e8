/**
 * The 核对报告 tab's work, loaded on demand (its own chunk, never in the pane's first load): a report
 * file (.docx, .txt) or pasted text into the claims engine's blocks, checked, and with a workbook
 * reading, cross-checked against the workbook's named cells, as `jixiao check-report --workbook` does.
 */
import { checkReportWith, type ReportCheck } from '../core/claims';
import type { SourceDocument } from '../core/claims/document';
import { buildModel } from '../core/model';
import type { RawReading } from '../core/types';
import { DocxError, docxBlocks, docxPartsFromBytes, MAX_TEXT_CHARS } from '../hosts/report/docx';
import { decodeText, textBlocks } from '../hosts/report/text';
import { PortError } from './port';

/** Largest report file opened in the pane (the command line's bound). */
export const MAX_REPORT_BYTES = 50 * 2 ** 20;

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function textSource(text: string, what: string): SourceDocument {
  if (text.length > MAX_TEXT_CHARS) throw new PortError(`${what}超过可核对的上限（100 万字）`);
  if (!text.trim()) throw new PortError(`${what}中没有文字，无法核对`);
  return textBlocks(text);
}

/** Pasted text as blocks: each line a paragraph, tab-separated lines (copied from a Word table) a table. */
export const pastedSource = (text: string): SourceDocument => textSource(text, '粘贴的文字');

/** A report file's bytes as blocks; what it cannot read gets a Chinese message naming the file. */
export function fileSource(name: string, bytes: Uint8Array): SourceDocument {
  if (bytes.length > MAX_REPORT_BYTES) throw new PortError(`${name} 超过 50 MB，无法核对`);
  const ext = /\.[^.]+$/.exec(name)?.[0].toLowerCase();
  if (ext === '.txt' || ext === '.text') return textSource(decodeText(bytes), name);
  if (ext !== '.docx')
    throw new PortError(
      `无法识别 ${name} 的格式：请打开 .docx 或 .txt 文件（旧版 .doc、.wps 请先另存为 .docx；PDF 请用命令行 jixiao check-report，或复制文字粘贴到下方）`
    );
  if (OLE.every((b, i) => bytes[i] === b))
    throw new PortError(`${name} 是旧版 Word（.doc）文件或设有打开密码；请另存为 .docx（不加密）后再核对`);
  try {
    const source = docxBlocks(docxPartsFromBytes(bytes).document);
    if (!source.blocks.some((b) => (b.type === 'paragraph' ? b.text.trim() : b.rows.length)))
      throw new DocxError('其中没有文字');
    return source;
  } catch (e) {
    if (e instanceof DocxError) throw new PortError(`无法读取 ${name}：${e.message}`);
    throw new PortError(`无法读取 ${name}：文件已损坏或不是 .docx（${(e as Error).message}）`);
  }
}

export interface CheckedReport {
  check: ReportCheck;
  /** Whether the claims were also compared with the workbook's named cells. */
  againstWorkbook: boolean;
}

/** Checks a report's blocks; with a workbook reading that holds our names, against the workbook too. */
export function runReportCheck(source: SourceDocument, reading: RawReading | null): CheckedReport {
  const ours = reading && Object.values(reading.inputs).some((i) => i.diagnostic?.code !== 'name-missing');
  const model = reading && ours ? buildModel(reading) : null;
  return { check: checkReportWith(source, model), againstWorkbook: !!model };
}
