/**
 * Which spreadsheet format a file is, by its content (never by its extension alone), how each is
 * named to the user, and the file as an .xlsx package: the file itself, or its conversion
 * (src/hosts/file/sheetjs.ts, loaded only for a file that needs it). Browser-safe; the host passes
 * its own access to zipped packages (Node: bounded, CRC-checked; the page: JSZip).
 */
/** A spreadsheet format read through SheetJS. */
export type OtherFormat = 'xls' | 'xlsb' | 'ods' | 'uos';

/** How each format is named to the user (the extension decides between .xls and .et: their content is the same kind). */
export function formatName(format: OtherFormat, file = ''): string {
  const ext = /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase();
  switch (format) {
    case 'xls':
      return ext === 'et' || ext === 'ett' ? 'WPS 表格（.et）' : 'Excel 97–2003 工作簿（.xls）';
    case 'xlsb':
      return 'Excel 二进制工作簿（.xlsb）';
    case 'ods':
      return ext === 'fods' ? 'OpenDocument 表格（.fods）' : 'OpenDocument 表格（.ods）';
    case 'uos':
      return '标文通 UOF 表格（.uos）';
  }
}

/** Extensions of the formats read here, and the format each names (batch lists these beside .xlsx / .xlsm). */
const BY_EXTENSION: Record<string, OtherFormat> = {
  '.xls': 'xls',
  '.xlt': 'xls',
  '.et': 'xls',
  '.ett': 'xls',
  '.xlsb': 'xlsb',
  '.ods': 'ods',
  '.ots': 'ods',
  '.fods': 'ods',
  '.uos': 'uos',
};
export const OTHER_EXTENSIONS = Object.keys(BY_EXTENSION);

/** The format a file's extension names, if one of ours. */
export function formatByExtension(file: string): OtherFormat | undefined {
  const ext = /\.[a-z]+$/i.exec(file)?.[0]?.toLowerCase();
  return ext ? BY_EXTENSION[ext] : undefined;
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (b: Uint8Array, sig: number[]) =>
  b.length >= sig.length && sig.every((x, i) => b[i] === x);

/** The container a file is, from its first bytes: a compound file (.xls, .et, encrypted .xlsx), a zip, or XML. */
export function containerOf(bytes: Uint8Array): 'cfb' | 'zip' | 'xml' | 'other' {
  if (startsWith(bytes, OLE2)) return 'cfb';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  let i = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (
    i < bytes.length &&
    i < 64 &&
    (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)
  )
    i++;
  return bytes[i] === 0x3c ? 'xml' : 'other';
}

/** Which zipped format a package is, by its parts: .xlsx (ours to read directly), .xlsb, .ods, UOF 2. */
export function zipFormatOf(partNames: string[]): 'xlsx' | 'xlsb' | 'ods' | 'uos' | undefined {
  const has = (n: string) => partNames.includes(n);
  if (has('xl/workbook.xml')) return 'xlsx';
  if (has('xl/workbook.bin')) return 'xlsb';
  if (has('content.xml') && has('META-INF/manifest.xml')) return 'ods';
  if (has('objectdata.xml')) return 'uos';
  return undefined;
}

/** The XML format of a flat file: UOF 1 (标文通 .uos), flat ODS (.fods). */
export function xmlFormatOf(bytes: Uint8Array): 'uos' | 'ods' | undefined {
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096));
  if (/<uof:UOF\b/.test(head) && /vnd\.uof\.spreadsheet|uof-spreadsheet/.test(head)) return 'uos';
  if (/<office:document\b/.test(head) && /opendocument\.spreadsheet/.test(head)) return 'ods';
  return undefined;
}

/** A file that cannot be read; the message is Chinese and says why. */
export class FormatError extends Error {}

/** How a host reads a zip: its part names, and the package as SheetJS may inflate it (Node: verified and stored). */
export interface ZipAccess {
  names(bytes: Uint8Array): Promise<string[]>;
  bounded(bytes: Uint8Array): Promise<Uint8Array>;
}

/**
 * The .xlsx package to read: the file itself when it is one, else its conversion and the format it
 * was read from. A file that is none of our formats goes to the .xlsx reader, which says why —
 * unless its name says .xls, .ods …: then it is that format, damaged.
 */
export async function readAsXlsx(
  bytes: Uint8Array,
  file: string,
  zip: ZipAccess
): Promise<{ bytes: Uint8Array; from?: OtherFormat }> {
  const asNamed = () => {
    const named = formatByExtension(file);
    if (named)
      throw new FormatError(
        `无法打开工作簿：文件不是有效的${formatName(named, file)}，可能已损坏、不完整，或是其他格式的文件改了扩展名`
      );
    return { bytes };
  };
  const convert = async (data: Uint8Array, format: OtherFormat) => {
    const sheetjs = await import(/* webpackChunkName: "sheetjs" */ './sheetjs');
    try {
      return { bytes: await sheetjs.otherToXlsx(data, format, file), from: format };
    } catch (e) {
      if (e instanceof sheetjs.OtherFormatError) throw new FormatError(e.message);
      throw e;
    }
  };
  switch (containerOf(bytes)) {
    case 'cfb': {
      const sheetjs = await import(/* webpackChunkName: "sheetjs" */ './sheetjs');
      const kind = sheetjs.compoundKindOf(bytes);
      if (kind === 'xls') return convert(bytes, 'xls');
      throw new FormatError(
        kind === 'encrypted'
          ? '无法打开工作簿：工作簿设有打开密码（已加密）；请在 Excel 或 WPS 中取消密码后另存，再重试'
          : kind === 'damaged'
            ? '无法打开工作簿：文件已损坏或不完整（.xls / .et 的文件结构无法解析）；请用 Excel 或 WPS 打开并另存为 .xlsx 后重试'
            : '无法打开工作簿：文件不是电子表格（是 Word 文档等其他 Office 文件）'
      );
    }
    case 'zip': {
      let names: string[];
      try {
        names = await zip.names(bytes);
      } catch {
        return asNamed(); // else the .xlsx reader tells what is wrong with the package
      }
      const format = zipFormatOf(names);
      if (format === 'xlsx') return { bytes };
      if (format === undefined) return asNamed();
      return convert(await zip.bounded(bytes), format);
    }
    case 'xml': {
      const format = xmlFormatOf(bytes);
      return format ? convert(bytes, format) : asNamed();
    }
    default:
      return asNamed();
  }
}
