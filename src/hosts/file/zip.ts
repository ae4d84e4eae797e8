/**
 * A bounded reader of the zip package an .xlsx is (Node only). It reads the central directory,
 * inflates only the parts asked for, each with a cap on its output (so a zip bomb is refused
 * before it inflates), and verifies every part's CRC-32 (a stored part with a bad CRC is damaged,
 * not data). CRC-32 is zlib's own (native) where Node has it (20.15+, 22.2+), a table otherwise.
 */
import { Inflate } from 'fflate';
import * as zlib from 'zlib';
import { deflateRawSync, inflateRawSync } from 'zlib';

/**
 * The parts we write are deflated at zlib's fastest level: about a third of level 6's time for some 15 % more
 * bytes (a batch writes a workbook and a document for every department).
 */
const WRITE_LEVEL = zlib.constants.Z_BEST_SPEED;

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  /** Uncompressed size as the directory declares it (checked when inflating). */
  size: number;
  localOffset: number;
  /** DOS time and date (kept when the part is copied). */
  dosTime?: number;
}

/** A package that is not a readable workbook; the message is Chinese and says why. */
export class PackageError extends Error {
  constructor(
    message: string,
    /** `missing-part`: a part the package refers to is not there (the message says so whole); `unsupported`: Strict, DOCTYPE, prefixes. */
    readonly code: 'not-zip' | 'damaged' | 'encrypted' | 'too-large' | 'bomb' | 'missing-part' | 'unsupported'
  ) {
    super(message);
  }
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** Node's native CRC-32 (about ten times the table's speed): every part read or written is checked with it. */
const nativeCrc32: ((data: Uint8Array, value?: number) => number) | undefined = (
  zlib as { crc32?: (data: Uint8Array, value?: number) => number }
).crc32;

export function crc32(data: Uint8Array, crc = 0): number {
  return nativeCrc32 ? nativeCrc32(data, crc) : tableCrc32(data, crc);
}

/** The table CRC-32, for a Node without zlib.crc32. */
export function tableCrc32(data: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** The most entries a workbook package may list. */
export const MAX_ENTRIES = 20_000;

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const U16 = 0xffff;
const U32 = 0xffffffff;

/** A 64-bit little-endian unsigned integer (exact up to 2^53, far beyond any file we read). */
const u64 = (buf: Buffer, at: number) => buf.readUInt32LE(at) + buf.readUInt32LE(at + 4) * 2 ** 32;

/**
 * Where the central directory is and how many entries it lists: from the end-of-directory record, or
 * from the ZIP64 record it points to when its fields hold the 0xFFFF / 0xFFFFFFFF placeholders.
 */
function directoryOf(
  buf: Buffer,
  eocd: number
): { count: number; dirSize: number; dirOffset: number; end: number } {
  const count = buf.readUInt16LE(eocd + 10);
  const dirSize = buf.readUInt32LE(eocd + 12);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (count !== U16 && dirSize !== U32 && dirOffset !== U32) return { count, dirSize, dirOffset, end: eocd };
  // ZIP64: a locator just before the end record points at the ZIP64 end record.
  const locator = eocd - 20;
  if (locator < 0 || buf.readUInt32LE(locator) !== 0x07064b50)
    throw new PackageError('文件已损坏、不完整（ZIP64 目录定位记录缺失）', 'damaged');
  const record = u64(buf, locator + 8);
  if (record + 56 > locator || buf.readUInt32LE(record) !== 0x06064b50)
    throw new PackageError('文件已损坏、不完整（ZIP64 目录记录损坏）', 'damaged');
  return {
    count: u64(buf, record + 32),
    dirSize: u64(buf, record + 40),
    dirOffset: u64(buf, record + 48),
    end: record,
  };
}

/** The ZIP64 extra field's values for the fields the central header left at 0xFFFFFFFF (in the format's order). */
function zip64Extra(
  buf: Buffer,
  from: number,
  to: number,
  want: { size: boolean; compressedSize: boolean; localOffset: boolean }
): { size?: number; compressedSize?: number; localOffset?: number } {
  for (let p = from; p + 4 <= to;) {
    const id = buf.readUInt16LE(p);
    const len = buf.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const end = Math.min(to, q + len);
      const next = () => {
        if (q + 8 > end) throw new PackageError('文件已损坏（ZIP64 扩展字段不完整）', 'damaged');
        const v = u64(buf, q);
        q += 8;
        return v;
      };
      return {
        ...(want.size && { size: next() }),
        ...(want.compressedSize && { compressedSize: next() }),
        ...(want.localOffset && { localOffset: next() }),
      };
    }
    p += 4 + len;
  }
  throw new PackageError('文件已损坏（ZIP64 扩展字段缺失）', 'damaged');
}

/** The package's entries from its central directory (ZIP64 included). */
export function listZip(buf: Buffer): ZipEntry[] {
  if (buf.length >= 8 && buf.subarray(0, 8).equals(OLE_MAGIC))
    throw new PackageError(
      '工作簿设有打开密码（已加密），或是旧版 .xls 文件；请在 Excel 中取消密码并另存为 .xlsx 后再评价',
      'encrypted'
    );
  // End of central directory: in the last 22 + 65,535 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new PackageError('文件已损坏、不完整，或是 .xls、.csv、.txt 等其他格式', 'not-zip');
  const { count, dirSize, dirOffset, end } = directoryOf(buf, eocd);
  if (count > MAX_ENTRIES)
    throw new PackageError(`压缩包中有 ${count} 个部件，超出工作簿的合理范围`, 'too-large');
  if (dirOffset + dirSize > end) throw new PackageError('文件已损坏、不完整（压缩包目录不完整）', 'damaged');
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || buf.readUInt32LE(p) !== 0x02014b50)
      throw new PackageError('文件已损坏、不完整（压缩包目录损坏）', 'damaged');
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      crc: buf.readUInt32LE(p + 16),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      dosTime: buf.readUInt32LE(p + 12),
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
    };
    const want = {
      size: entry.size === U32,
      compressedSize: entry.compressedSize === U32,
      localOffset: entry.localOffset === U32,
    };
    if (want.size || want.compressedSize || want.localOffset)
      Object.assign(entry, zip64Extra(buf, p + 46 + nameLen, p + 46 + nameLen + extraLen, want));
    entries.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** One part's bytes, inflated to at most its declared size, CRC verified. */
export function readEntry(buf: Buffer, e: ZipEntry): Buffer {
  if (e.flags & 1) throw new PackageError('工作簿的部件已加密；请在 Excel 中取消密码后再评价', 'encrypted');
  const raw = storedBytes(buf, e);
  let data: Buffer;
  if (e.method === 0) data = raw;
  else if (e.method === 8) {
    try {
      // Never more than the directory declares: a part that inflates beyond it is refused, not followed.
      data = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size) });
    } catch {
      throw new PackageError(`文件已损坏（部件 ${e.name} 无法解压，或解压后大于声明的大小）`, 'damaged');
    }
  } else throw new PackageError(`文件使用了不支持的压缩方式（部件 ${e.name}）`, 'damaged');
  if (data.length !== e.size)
    throw new PackageError(`文件已损坏（部件 ${e.name} 的大小与声明不符）`, 'damaged');
  if (crc32(data) !== e.crc) throw new PackageError(`文件已损坏（部件 ${e.name} 的校验和不符）`, 'damaged');
  return data;
}

/**
 * One part's bytes in pieces, never more than `chunk` of input inflated at a time and never more than
 * its declared size in all; the CRC and size are verified at the end. For a part read once and kept
 * only in part (the shared strings): its whole text is never held.
 */
export function readEntryInPieces(
  buf: Buffer,
  e: ZipEntry,
  onPiece: (piece: Uint8Array) => void,
  chunk = 256 * 1024
): void {
  if (e.flags & 1) throw new PackageError('工作簿的部件已加密；请在 Excel 中取消密码后再评价', 'encrypted');
  // A part that declares no more than one piece is inflated whole by zlib (native, bounded by its declared size).
  if (e.size <= chunk) {
    onPiece(readEntry(buf, e));
    return;
  }
  const raw = storedBytes(buf, e);
  let size = 0;
  let crc = 0;
  const take = (piece: Uint8Array) => {
    size += piece.length;
    if (size > e.size) throw new PackageError(`文件已损坏（部件 ${e.name} 解压后大于声明的大小）`, 'damaged');
    crc = crc32(piece, crc);
    onPiece(piece);
  };
  if (e.method === 0) for (let at = 0; at < raw.length; at += chunk) take(raw.subarray(at, at + chunk));
  else if (e.method === 8) {
    const inflate = new Inflate((piece) => take(piece));
    try {
      for (let at = 0; at < raw.length; at += chunk)
        inflate.push(raw.subarray(at, at + chunk), at + chunk >= raw.length);
      if (raw.length === 0) inflate.push(new Uint8Array(0), true);
    } catch (err) {
      if (err instanceof PackageError) throw err;
      throw new PackageError(`文件已损坏（部件 ${e.name} 无法解压）`, 'damaged');
    }
  } else throw new PackageError(`文件使用了不支持的压缩方式（部件 ${e.name}）`, 'damaged');
  if (size !== e.size) throw new PackageError(`文件已损坏（部件 ${e.name} 的大小与声明不符）`, 'damaged');
  if (crc !== e.crc) throw new PackageError(`文件已损坏（部件 ${e.name} 的校验和不符）`, 'damaged');
}

/** A zip of the given parts, stored (not compressed): what ExcelJS is handed to load. */
export function storeZip(parts: Array<[name: string, data: Uint8Array]>): Buffer {
  const locals: Buffer[] = [];
  const dir: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of parts) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // names in UTF-8
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(head, nameBytes, Buffer.from(data.buffer, data.byteOffset, data.length));
    dir.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dirSize = dir.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...dir, end]);
}

/** Where a part's stored (compressed) bytes are in the package. */
function storedBytes(buf: Buffer, e: ZipEntry): Buffer {
  const local = e.localOffset;
  if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50)
    throw new PackageError(`文件已损坏（部件 ${e.name} 的位置无效）`, 'damaged');
  const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
  if (start + e.compressedSize > buf.length)
    throw new PackageError(`文件已损坏、不完整（部件 ${e.name} 被截断）`, 'damaged');
  return buf.subarray(start, start + e.compressedSize);
}

/**
 * The package with some parts replaced, removed or added: every other part is copied as stored
 * (same compressed bytes, same CRC), in the original order; new parts follow, deflated.
 */
export function rewriteZip(
  buf: Buffer,
  entries: ZipEntry[],
  changes: Map<string, Uint8Array | null>
): Buffer {
  const chunks: Buffer[] = [];
  const dir: Buffer[] = [];
  let offset = 0;
  const put = (name: string, method: number, crc: number, size: number, data: Buffer, dosTime: number) => {
    const nameBytes = Buffer.from(name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6);
    head.writeUInt16LE(method, 8);
    head.writeUInt32LE(dosTime, 10);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(size, 22);
    head.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(dosTime, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    chunks.push(head, nameBytes, data);
    dir.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  };
  const fresh = (name: string, data: Uint8Array, dosTime: number) => {
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.length);
    put(name, 8, crc32(bytes), bytes.length, deflateRawSync(bytes, { level: WRITE_LEVEL }), dosTime);
  };
  // New parts take the workbook part's time, so the same input gives the same output bytes.
  const now = entries.find((e) => e.name === 'xl/workbook.xml')?.dosTime ?? dosNow();
  const seen = new Set<string>();
  for (const e of entries) {
    seen.add(e.name);
    const change = changes.get(e.name);
    if (change === null) continue;
    if (change !== undefined) fresh(e.name, change, e.dosTime ?? now);
    else put(e.name, e.method, e.crc, e.size, storedBytes(buf, e), e.dosTime ?? now);
  }
  for (const [name, data] of changes) if (!seen.has(name) && data !== null) fresh(name, data, now);
  if (dir.length / 2 > 0xfffe) throw new PackageError('部件过多，无法写出', 'too-large');
  const dirBytes = Buffer.concat(dir);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(dir.length / 2, 8);
  end.writeUInt16LE(dir.length / 2, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, dirBytes, end]);
}

/**
 * Node's raw DEFLATE one chunk at a time (for a streamed zip entry, see export/docxTables): each chunk is
 * flushed to a byte boundary without ending the stream, the last one ends it. Chunks are compressed
 * apart; the stream they make is one valid DEFLATE stream.
 */
export function deflateRawChunk(chunk: Uint8Array, final: boolean): Uint8Array {
  return deflateRawSync(chunk, {
    level: WRITE_LEVEL,
    finishFlush: final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
  });
}

function dosNow(): number {
  const d = new Date();
  const time = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1);
  const date = ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  return ((date << 16) | time) >>> 0;
}
