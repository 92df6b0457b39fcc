// Decoders for primitive ASN.1 values, called only for the fields that are shown or exported.
import { type DerTree, tagOf, contentOf, endOf, universal } from './der.ts';

const utf8 = new TextDecoder('utf-8');
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function hex(bytes: Uint8Array, start = 0, end = bytes.length, sep = ''): string {
  let s = '';
  for (let i = start; i < end; i++) s += (i > start && sep ? sep : '') + HEX[bytes[i]!];
  return s;
}

export function oidAt(bytes: Uint8Array, start: number, end: number): string {
  let out = '';
  let value = 0;
  let big: bigint | null = null;
  let first = true;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (big !== null) big = (big << 7n) | BigInt(b & 0x7f);
    else if (value > 0x00ffffff) { big = (BigInt(value) << 7n) | BigInt(b & 0x7f); }
    else value = value * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      const arc = big ?? BigInt(value);
      if (first) {
        const head = arc < 40n ? 0n : arc < 80n ? 1n : 2n;
        out = `${head}.${arc - head * 40n}`;
        first = false;
      } else out += `.${arc}`;
      value = 0;
      big = null;
    }
  }
  return out;
}

/** Unsigned big-endian integer as uppercase hex without leading zero bytes (like OpenSSL's serial). */
export function integerHex(bytes: Uint8Array, start: number, end: number): string {
  let s = start;
  while (s < end - 1 && bytes[s] === 0) s++;
  return hex(bytes, s, end).toUpperCase();
}

export function integerValue(bytes: Uint8Array, start: number, end: number): bigint {
  if (end <= start) return 0n;
  let v = 0n;
  for (let i = start; i < end; i++) v = (v << 8n) | BigInt(bytes[i]!);
  if (bytes[start]! & 0x80) v -= 1n << BigInt(8 * (end - start));
  return v;
}

/** Bit length of an unsigned magnitude (RSA modulus). */
export function bitLength(bytes: Uint8Array, start: number, end: number): number {
  let s = start;
  while (s < end && bytes[s] === 0) s++;
  if (s >= end) return 0;
  return (end - s - 1) * 8 + (32 - Math.clz32(bytes[s]!));
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** String types by universal tag. T61String is read as Latin-1, as OpenSSL and the TSPs do. */
export function decodeString(tagNumberUniversal: number, bytes: Uint8Array, start: number, end: number): string {
  switch (tagNumberUniversal) {
    case 12: return utf8.decode(bytes.subarray(start, end));
    case 30: { // BMPString: UTF-16BE
      let s = '';
      for (let i = start; i + 1 < end; i += 2) s += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
      return s;
    }
    case 28: { // UniversalString: UTF-32BE
      let s = '';
      for (let i = start; i + 3 < end; i += 4) {
        const cp = ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0;
        s += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
      }
      return s;
    }
    default: return latin1(bytes, start, end); // Printable, IA5, Numeric, Visible, T61, Videotex
  }
}

export const STRING_TYPES: Record<number, string> = {
  12: 'UTF8String', 18: 'NumericString', 19: 'PrintableString', 20: 'T61String', 21: 'VideotexString',
  22: 'IA5String', 26: 'VisibleString', 27: 'GeneralString', 28: 'UniversalString', 30: 'BMPString',
};

export function isStringTag(u: number): boolean {
  return u in STRING_TYPES;
}

/** The string value of node i when it is a string type; null otherwise. */
export function stringOf(t: DerTree, i: number): string | null {
  const u = universal(tagOf(t, i));
  if (!isStringTag(u)) return null;
  return decodeString(u, t.bytes, contentOf(t, i), endOf(t, i));
}

/** UTCTime / GeneralizedTime (format already checked by the walker) as ISO 8601 UTC. */
export function timeOf(t: DerTree, i: number): string | null {
  const u = universal(tagOf(t, i));
  const s = latin1(t.bytes, contentOf(t, i), endOf(t, i));
  let year: number, rest: string;
  if (u === 23 && s.length === 13) {
    const yy = Number(s.slice(0, 2));
    year = yy >= 50 ? 1900 + yy : 2000 + yy; // RFC 5280 4.1.2.5.1
    rest = s.slice(2);
  } else if (u === 24 && s.length === 15) {
    year = Number(s.slice(0, 4));
    rest = s.slice(4);
  } else return null;
  const [mo, d, h, mi, se] = [0, 2, 4, 6, 8].map((k) => Number(rest.slice(k, k + 2)));
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59 || se! > 60) return null;
  return `${String(year).padStart(4, '0')}-${rest.slice(0, 2)}-${rest.slice(2, 4)}T${rest.slice(4, 6)}:${rest.slice(6, 8)}:${rest.slice(8, 10)}Z`;
}

export function base64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
