/**
 * Node side of reading .xls / .et / .xlsb / .ods / .uos (src/hosts/file/formats.ts, sheetjs.ts): a
 * zipped package is bounded as an .xlsx is (a bomb refused from its directory, every part inflated
 * under its cap and CRC-checked by our reader) before SheetJS sees it, stored.
 */
import { FormatError, OtherFormat, readAsXlsx, ZipAccess } from './formats';
import { checkDeclaredSizes } from './package';
import { listZip, PackageError, readEntry, storeZip } from './zip';

/** A file that cannot be read as input; the message is Chinese. */
export class OtherFormatReadError extends Error {}

const nodeZip: ZipAccess = {
  names: async (bytes) =>
    listZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)).map((e) => e.name),
  bounded: async (bytes) => {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    const entries = listZip(buf);
    checkDeclaredSizes(entries);
    return storeZip(entries.filter((e) => !e.name.endsWith('/')).map((e) => [e.name, readEntry(buf, e)]));
  },
};

/** The file as an .xlsx package to read (itself, or its conversion) and the format it was read from. */
export async function asXlsxPackage(
  data: Buffer,
  file: string
): Promise<{ bytes: Buffer; from?: OtherFormat }> {
  try {
    const r = await readAsXlsx(data, file, nodeZip);
    return { bytes: r.bytes === data ? data : Buffer.from(r.bytes), ...(r.from && { from: r.from }) };
  } catch (e) {
    if (e instanceof FormatError) throw new OtherFormatReadError(e.message);
    if (e instanceof PackageError) throw new OtherFormatReadError(`无法打开工作簿：${e.message}`);
    throw e;
  }
}
