// Random access to the entries of a ZIP held in a Blob, one entry streamed at a time.
// Own code (~150 lines) rather than fflate: fflate's unzip() needs the whole archive in memory and its
// streaming Unzip walks local headers front to back, while an .xlsx keeps the shared strings AFTER the
// sheets. The central directory gives every entry's offset, so the shared strings can be read first and
// the sheet streamed afterwards; inflating is the platform's DecompressionStream('deflate-raw')
// (native zlib in Node 20 and Chromium), so the sheet never exists as a whole.
// A file cut short has no central directory: the local headers are then walked from the start and the
// last entry runs to the end of the file (marked `truncated`).

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the local file header. */
  headerOffset: number;
  /** Known start of the data (local header walk); otherwise read from the local header. */
  dataOffset?: number;
  /** The file ends inside this entry's data. */
  truncated?: boolean;
}

export interface ZipDirectory {
  entries: Map<string, ZipEntry>;
  /** No central directory was found: the entries come from walking the local headers. */
  truncated: boolean;
}

export class ZipError extends Error {
  constructor(message: string, readonly truncated = false) {
    super(message);
    this.name = 'ZipError';
  }
}

const SIG_LOCAL = 0x04034b50, SIG_CENTRAL = 0x02014b50, SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50, SIG_LOCATOR64 = 0x07064b50, SIG_DESCRIPTOR = 0x08074b50;

async function bytesAt(blob: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(Math.max(0, start), Math.min(blob.size, end)).arrayBuffer());
}

const utf8 = new TextDecoder('utf-8');
const cp437ish = new TextDecoder('windows-1252');

/** The ZIP's entries, from the central directory (or from the local headers when that is missing). */
export async function readZipDirectory(blob: Blob): Promise<ZipDirectory> {
  const tailStart = Math.max(0, blob.size - (22 + 0xffff));
  const tail = await bytesAt(blob, tailStart, blob.size);
  const tv = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tv.getUint32(i, true) === SIG_END) { eocd = i; break; }
  }
  if (eocd < 0) return walkLocalHeaders(blob);
  let count = tv.getUint16(eocd + 10, true);
  let cdSize = tv.getUint32(eocd + 12, true);
  let cdOffset = tv.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc >= 0 && tv.getUint32(loc, true) === SIG_LOCATOR64) {
      const end64 = Number(tv.getBigUint64(loc + 8, true));
      const rec = await bytesAt(blob, end64, end64 + 56);
      const rv = new DataView(rec.buffer, rec.byteOffset, rec.byteLength);
      if (rec.length < 56 || rv.getUint32(0, true) !== SIG_END64) throw new ZipError('ZIP64 end record not found');
      count = Number(rv.getBigUint64(32, true));
      cdSize = Number(rv.getBigUint64(40, true));
      cdOffset = Number(rv.getBigUint64(48, true));
    }
  }
  if (cdOffset + cdSize > blob.size) return walkLocalHeaders(blob);
  const cd = await bytesAt(blob, cdOffset, cdOffset + cdSize);
  const v = new DataView(cd.buffer, cd.byteOffset, cd.byteLength);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || v.getUint32(p, true) !== SIG_CENTRAL) throw new ZipError(`central directory entry ${n + 1} is damaged`);
    const flags = v.getUint16(p + 8, true);
    const nameLength = v.getUint16(p + 28, true), extraLength = v.getUint16(p + 30, true), commentLength = v.getUint16(p + 32, true);
    const entry: ZipEntry = {
      name: (flags & 0x800 ? utf8 : cp437ish).decode(cd.subarray(p + 46, p + 46 + nameLength)),
      method: v.getUint16(p + 10, true),
      compressedSize: v.getUint32(p + 20, true),
      uncompressedSize: v.getUint32(p + 24, true),
      headerOffset: v.getUint32(p + 42, true),
    };
    // ZIP64 extra field: the 64-bit values of the fields that were set to 0xFFFFFFFF, in this order.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = v.getUint16(e, true), size = v.getUint16(e + 2, true);
      if (id === 1) {
        let q = e + 4;
        const next = () => { const x = Number(v.getBigUint64(q, true)); q += 8; return x; };
        if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next();
        if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
        if (entry.headerOffset === 0xffffffff) entry.headerOffset = next();
      }
      e += 4 + size;
    }
    entries.set(entry.name, entry);
    p = extraEnd + commentLength;
  }
  return { entries, truncated: false };
}

/** No central directory: walk the local headers from the start (a file cut short). */
async function walkLocalHeaders(blob: Blob): Promise<ZipDirectory> {
  const entries = new Map<string, ZipEntry>();
  let pos = 0;
  while (pos + 30 <= blob.size) {
    const head = await bytesAt(blob, pos, pos + 30);
    const hv = new DataView(head.buffer, head.byteOffset, head.byteLength);
    if (hv.getUint32(0, true) !== SIG_LOCAL) break;
    const flags = hv.getUint16(6, true);
    const nameLength = hv.getUint16(26, true), extraLength = hv.getUint16(28, true);
    const nameBytes = await bytesAt(blob, pos + 30, pos + 30 + nameLength);
    const dataOffset = pos + 30 + nameLength + extraLength;
    const entry: ZipEntry = {
      name: (flags & 0x800 ? utf8 : cp437ish).decode(nameBytes),
      method: hv.getUint16(8, true),
      compressedSize: hv.getUint32(18, true),
      uncompressedSize: hv.getUint32(22, true),
      headerOffset: pos,
      dataOffset,
    };
    let next: number;
    let cut = false;
    if (flags & 0x8) {
      // Sizes follow the data in a descriptor: find a descriptor whose size field matches its position.
      const found = await findDescriptor(blob, dataOffset);
      if (found < 0) { next = blob.size; cut = true; }
      else {
        entry.compressedSize = found - dataOffset;
        next = found + 16;
      }
    } else next = dataOffset + entry.compressedSize;
    if (cut || next > blob.size) { entry.truncated = true; entry.compressedSize = Math.max(0, blob.size - dataOffset); }
    entries.set(entry.name, entry);
    if (entry.truncated) break;
    pos = next;
  }
  if (entries.size === 0) throw new ZipError('no ZIP entries found', true);
  return { entries, truncated: true };
}

/** Offset of the data descriptor that ends the data starting at `from`, or -1. Reads 1 MiB at a time. */
async function findDescriptor(blob: Blob, from: number): Promise<number> {
  const step = 1 << 20;
  for (let start = from; start < blob.size; start += step) {
    const chunk = await bytesAt(blob, start, start + step + 16);
    const v = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const last = Math.min(step, chunk.length - 16);
    for (let i = 0; i < last; i++) {
      if (chunk[i] !== 0x50 || v.getUint32(i, true) !== SIG_DESCRIPTOR) continue;
      if (v.getUint32(i + 8, true) === start + i - from) return start + i;
    }
  }
  return -1;
}

/** The entry's uncompressed bytes as a stream; errors of a damaged or cut deflate stream surface when it is read. */
export async function openZipEntry(blob: Blob, entry: ZipEntry): Promise<ReadableStream<Uint8Array>> {
  let dataOffset = entry.dataOffset;
  if (dataOffset === undefined) {
    const head = await bytesAt(blob, entry.headerOffset, entry.headerOffset + 30);
    const hv = new DataView(head.buffer, head.byteOffset, head.byteLength);
    if (head.length < 30 || hv.getUint32(0, true) !== SIG_LOCAL) throw new ZipError(`local header of ${entry.name} not found`);
    dataOffset = entry.headerOffset + 30 + hv.getUint16(26, true) + hv.getUint16(28, true);
  }
  const raw = blob.slice(dataOffset, Math.min(blob.size, dataOffset + entry.compressedSize)).stream() as ReadableStream<Uint8Array>;
  if (entry.method === 0) return raw;
  if (entry.method !== 8) throw new ZipError(`${entry.name}: compression method ${entry.method} is not supported`);
  return raw.pipeThrough(new DecompressionStream('deflate-raw') as unknown as TransformStream<Uint8Array, Uint8Array>);
}
