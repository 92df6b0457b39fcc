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

export interface LineDecoder {
  decode(bytes: Uint8Array): string;
  /**
   * Decodes bytes[start, end) as UTF-16 code units into out[at…], at most `max` units (out must have
   * room for max units); returns how many were written, or -1 when the text has more than `max` units
   * (then the first `max` stand in out).
   * No string and no call into the platform: the audit workers decode hundreds of thousands of short
   * IDs, where a TextDecoder call each cost ~1 µs in Chromium (measured, bench ids).
   */
  decodeInto(bytes: Uint8Array, start: number, end: number, out: Uint16Array, at: number, max: number): number;
}

/** Decodes separate pieces (one line each, no state between calls, a leading U+FEFF kept). */
export function createLineDecoder(encoding: TextEncodingName): LineDecoder {
  if (encoding === 'windows-1252') {
    const latin = new TextDecoder('latin1');
    return {
      decode: (bytes) => fixCp1252(latin.decode(bytes)),
      decodeInto(bytes, start, end, out, at, max) {
        const stop = Math.min(end, start + max);
        for (let i = start; i < stop; i++) {
          const b = bytes[i]!;
          out[at++] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b;
        }
        return end - start > max ? -1 : end - start;
      },
    };
  }
  if (encoding !== 'utf-8') throw new Error(`createLineDecoder: ${encoding} is decoded as a stream`);
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  return { decode: (bytes) => decoder.decode(bytes), decodeInto: utf8DecodeInto };
}

// Units written by the running utf8DecodeInto: module state, not a closure per call (the audit
// decodes a finding's cells with it, hundreds of thousands of calls; bench csv).
let written = 0;

/** Writes one code point; false when it does not fit (what fits of a surrogate pair is written, so on
 *  -1 exactly `max` units stand in out, as String.prototype.slice(0, max) would cut). */
function emit(out: Uint16Array, at: number, max: number, u: number): boolean {
  if (u > 0xffff) {
    u -= 0x10000;
    if (written === max) return false;
    out[at + written++] = 0xd800 + (u >> 10);
    if (written === max) return false;
    out[at + written++] = 0xdc00 + (u & 0x3ff);
    return true;
  }
  if (written === max) return false;
  out[at + written++] = u;
  return true;
}

/** The UTF-8 decoder of the WHATWG Encoding standard (§ 9.1.1), replacement mode, U+FEFF kept. */
function utf8DecodeInto(bytes: Uint8Array, start: number, end: number, out: Uint16Array, at: number, max: number): number {
  written = 0;
  let needed = 0, seen = 0, cp = 0, lower = 0x80, upper = 0xbf;
  for (let i = start; i < end;) {
    const b = bytes[i]!;
    if (needed === 0) {
      i++;
      if (b < 0x80) { if (!emit(out, at, max, b)) return -1; }
      else if (b >= 0xc2 && b <= 0xdf) { needed = 1; cp = b & 0x1f; }
      else if (b >= 0xe0 && b <= 0xef) { if (b === 0xe0) lower = 0xa0; if (b === 0xed) upper = 0x9f; needed = 2; cp = b & 0xf; }
      else if (b >= 0xf0 && b <= 0xf4) { if (b === 0xf0) lower = 0x90; if (b === 0xf4) upper = 0x8f; needed = 3; cp = b & 7; }
      else if (!emit(out, at, max, 0xfffd)) return -1;
      continue;
    }
    if (b < lower || b > upper) {
      // the sequence ends early: one U+FFFD, and this byte is read again as a new start
      needed = seen = cp = 0; lower = 0x80; upper = 0xbf;
      if (!emit(out, at, max, 0xfffd)) return -1;
      continue;
    }
    i++;
    lower = 0x80; upper = 0xbf;
    cp = (cp << 6) | (b & 0x3f);
    if (++seen === needed) {
      if (!emit(out, at, max, cp)) return -1;
      needed = seen = cp = 0;
    }
  }
  if (needed !== 0 && !emit(out, at, max, 0xfffd)) return -1;
  return written;
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
  // the next chunk loads while the caller works on this one
  const read = (pos: number) => blob.slice(pos, Math.min(end, pos + chunkSize)).arrayBuffer();
  let next = start < end ? read(start) : null;
  for (let pos = start; next; pos += chunkSize) {
    const buffer = await next;
    next = pos + chunkSize < end ? read(pos + chunkSize) : null;
    next?.catch(() => undefined); // a read-ahead nobody awaits (the caller stopped) must not go unhandled
    yield new Uint8Array(buffer);
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
