// Minimal BER-TLV reader for card data objects (FCP, EF.ATR, EF.Version2). Tolerates 00/FF padding.
export interface Tlv {
  tag: number;
  value: Uint8Array;
  constructed: boolean;
}

export function readTlvs(bytes: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let i = 0;
  while (i < bytes.length) {
    const first = bytes[i]!;
    if (first === 0x00 || first === 0xff) { i++; continue; }
    let tag = first;
    let p = i + 1;
    if ((first & 0x1f) === 0x1f) {
      do {
        if (p >= bytes.length) return out;
        tag = tag * 256 + bytes[p]!;
      } while ((bytes[p++]! & 0x80) !== 0);
    }
    if (p >= bytes.length) return out;
    let length = bytes[p++]!;
    if (length & 0x80) {
      const n = length & 0x7f;
      if (n === 0 || n > 3 || p + n > bytes.length) return out;
      length = 0;
      for (let k = 0; k < n; k++) length = length * 256 + bytes[p++]!;
    }
    if (p + length > bytes.length) return out;
    out.push({ tag, value: bytes.subarray(p, p + length), constructed: (first & 0x20) !== 0 });
    i = p + length;
  }
  return out;
}

export function findTlv(bytes: Uint8Array, tag: number): Uint8Array | null {
  return readTlvs(bytes).find((t) => t.tag === tag)?.value ?? null;
}

/**
 * Total length (header + content) of the DER/BER object at the start of `bytes`, or null when the
 * header is not a plausible definite-length TLV (empty or garbage file).
 */
export function tlvTotalLength(bytes: Uint8Array): number | null {
  if (bytes.length < 2) return null;
  let p = 1;
  if ((bytes[0]! & 0x1f) === 0x1f) {
    while (p < bytes.length && (bytes[p]! & 0x80) !== 0) p++;
    p++;
  }
  if (p >= bytes.length) return null;
  const l = bytes[p++]!;
  if (l < 0x80) return p + l;
  const n = l & 0x7f;
  if (n === 0 || n > 3 || p + n > bytes.length) return null;
  let length = 0;
  for (let k = 0; k < n; k++) length = length * 256 + bytes[p + k]!;
  return p + n + length;
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
}
