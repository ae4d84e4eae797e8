/**
 * A file the page opens, as the .xlsx package the file host reads: an .xlsx as it is; .xls, .et,
 * .xlsb, .ods, .uos converted in the page (src/hosts/file/formats.ts). Loaded with the file host, on demand.
 */
import JSZip from 'jszip';
import { formatName, readAsXlsx, ZipAccess } from '../hosts/file/formats';

const pageZip: ZipAccess = {
  names: async (bytes) => Object.keys((await JSZip.loadAsync(bytes)).files),
  bounded: async (bytes) => bytes,
};

/** The .xlsx bytes to load, and the format the file was read from (its result is a new .xlsx). */
export async function workbookBytes(file: File): Promise<{ bytes: Uint8Array; from?: string }> {
  const r = await readAsXlsx(new Uint8Array(await file.arrayBuffer()), file.name, pageZip);
  return { bytes: r.bytes, ...(r.from && { from: formatName(r.from, file.name) }) };
}
