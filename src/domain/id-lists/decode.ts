// Streaming decoders from the list's encoding to strings (and UTF-8 bytes for byte scanners).
// Pure: works in browser, worker and Node. The caller skips the BOM (ListFormat.bomLength); the
// decoders never strip one themselves, so byte offsets stay predictable.
import type { ListFormat, TextEncodingName } from './types.ts';

/** The 0x80–0x9F block of Windows-1252 (the rest equals Latin-1). Node's TextDecoder maps these
 *  bytes to C1 controls instead (seen on Node 20), so we map them ourselves for the same result everywhere. */
const CP1252_HIGH = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F'
  + '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';
const C1_RANGE = /[\u0080-\u009F]/g;

function fixCp1252(latin1: string): string {
  return latin1.replace(C1_RANGE, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

export interface StreamDecoder {
  /** Decodes the next chunk; bytes of a character cut at the chunk end are kept for the next call. */
  decode(chunk: Uint8Array): string;
  /** Flushes what is left (an incomplete final character becomes U+FFFD). */
  end(): string;
}

export function createStreamDecoder(encoding: TextEncodingName): StreamDecoder {
  if (encoding === 'windows-1252') {
    // Single-byte: no state across chunks. 'latin1' is the WHATWG label of windows-1252; we fix 0x80–0x9F.
    const latin = new TextDecoder('latin1');
    return { decode: (chunk) => fixCp1252(latin.decode(chunk)), end: () => '' };
  }
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  return {
    decode: (chunk) => decoder.decode(chunk, { stream: true }),
    end: () => decoder.decode(),
  };
}

/** Decodes separate pieces (one line each, no state between calls, a leading U+FEFF kept). */
export function createLineDecoder(encoding: TextEncodingName): { decode(bytes: Uint8Array): string } {
  if (encoding === 'windows-1252') {
    const latin = new TextDecoder('latin1');
    return { decode: (bytes) => fixCp1252(latin.decode(bytes)) };
  }
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  return { decode: (bytes) => decoder.decode(bytes) };
}

/** Decodes a whole buffer at once (samples, tests). */
export function decodeAll(bytes: Uint8Array, encoding: TextEncodingName): string {
  const d = createStreamDecoder(encoding);
  return d.decode(bytes) + d.end();
}

/** Streaming transcoder to UTF-8 bytes, for byte-level scanners (wasm). UTF-8 input passes through. */
export function createUtf8Transcoder(encoding: TextEncodingName): { push(chunk: Uint8Array): Uint8Array; end(): Uint8Array } {
  if (encoding === 'utf-8') return { push: (c) => c, end: () => new Uint8Array(0) };
  const decoder = createStreamDecoder(encoding);
  const encoder = new TextEncoder();
  return { push: (c) => encoder.encode(decoder.decode(c)), end: () => encoder.encode(decoder.end()) };
}

/** Reads a Blob in chunks (bounded memory), starting at `start` and ending before `end`. */
export async function* blobChunks(blob: Blob, start = 0, end = blob.size, chunkSize = 1 << 20): AsyncGenerator<Uint8Array> {
  for (let pos = start; pos < end; pos += chunkSize) {
    const slice = blob.slice(pos, Math.min(end, pos + chunkSize));
    yield new Uint8Array(await slice.arrayBuffer());
  }
}

/** Decoded text of a Blob, chunk by chunk, skipping the format's BOM when starting at byte 0. */
export async function* decodeBlob(blob: Blob, format: Pick<ListFormat, 'encoding' | 'bomLength'>,
  start = 0, end = blob.size, chunkSize = 1 << 20): AsyncGenerator<string> {
  const decoder = createStreamDecoder(format.encoding);
  for await (const chunk of blobChunks(blob, start === 0 ? format.bomLength : start, end, chunkSize)) {
    const text = decoder.decode(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Line break bytes in this encoding (code unit width 2 for UTF-16). */
function isBreakAt(bytes: Uint8Array, i: number, encoding: TextEncodingName): 0 | 10 | 13 {
  let unit: number;
  if (encoding === 'utf-16le') unit = bytes[i]! | (bytes[i + 1]! << 8);
  else if (encoding === 'utf-16be') unit = (bytes[i]! << 8) | bytes[i + 1]!;
  else unit = bytes[i]!;
  return unit === 10 ? 10 : unit === 13 ? 13 : 0;
}

/**
 * Moves the byte range [start, end) of a text list onto line boundaries so that ranges cut at
 * arbitrary bytes partition the lines exactly: a range starts at the first line start at or after
 * `start` and ends at the first line start at or after `end`. (Quoted fields spanning line breaks
 * are not seen here; IdRowReader reports `unterminatedQuote` when a range ends inside one.)
 */
export async function alignRange(blob: Blob, format: Pick<ListFormat, 'encoding' | 'bomLength'>,
  start: number, end: number): Promise<[number, number]> {
  const unit = format.encoding.startsWith('utf-16') ? 2 : 1;
  const first = format.bomLength;
  const toLineStart = async (pos: number): Promise<number> => {
    if (pos <= first) return first;
    if (pos >= blob.size) return blob.size;
    pos = first + Math.ceil((pos - first) / unit) * unit;
    // Scan from the unit before `pos`: a line starts right after LF, or after a CR not followed by LF.
    let at = pos - unit;
    const window = 1 << 16;
    while (at < blob.size) {
      const bytes = new Uint8Array(await blob.slice(at, Math.min(blob.size, at + window)).arrayBuffer());
      let i = 0;
      for (; i + unit <= bytes.length; i += unit) {
        const b = isBreakAt(bytes, i, format.encoding);
        if (b === 10) return at + i + unit;
        if (b === 13) {
          if (i + 2 * unit <= bytes.length) {
            return isBreakAt(bytes, i + unit, format.encoding) === 10 ? at + i + 2 * unit : at + i + unit;
          }
          if (at + i + unit >= blob.size) return blob.size;
          break; // CR at the window's end: read on from the CR to see the next unit
        }
      }
      if (at + i + unit > blob.size) return blob.size;
      at += i;
    }
    return blob.size;
  };
  const a = await toLineStart(start);
  const b = await toLineStart(end);
  return [a, Math.max(a, b)];
}
