// A minimal CBOR reader (RFC 8949: unsigned ints, byte/text strings, arrays, maps; definite lengths only)
// that keeps every item's byte range. The IWA test re-derives the signed bytes from those ranges, so it
// checks the integrity block independently of the library (wbn-sign) that wrote it.
export interface CborItem {
  start: number;
  end: number;
  kind: 'uint' | 'bytes' | 'text' | 'array' | 'map';
  value: number | bigint | Uint8Array | string | CborItem[] | [CborItem, CborItem][];
}

export function decodeCbor(bytes: Uint8Array, offset = 0): CborItem {
  const start = offset;
  const initial = bytes[offset];
  if (initial === undefined) throw new Error(`CBOR: unexpected end at ${offset}`);
  offset++;
  const major = initial >> 5;
  const info = initial & 0x1f;
  let length: number;
  if (info < 24) length = info;
  else if (info <= 27) {
    const n = 1 << (info - 24);
    if (offset + n > bytes.length) throw new Error('CBOR: truncated length');
    let v = 0n;
    for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(bytes[offset + i]!);
    offset += n;
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('CBOR: length too large');
    length = Number(v);
  } else throw new Error(`CBOR: indefinite or reserved length at ${start}`);
  switch (major) {
    case 0: return { start, end: offset, kind: 'uint', value: length };
    case 2:
    case 3: {
      if (offset + length > bytes.length) throw new Error('CBOR: truncated string');
      const body = bytes.subarray(offset, offset + length);
      return { start, end: offset + length, kind: major === 2 ? 'bytes' : 'text',
        value: major === 2 ? body : new TextDecoder('utf-8', { fatal: true }).decode(body) };
    }
    case 4: {
      const items: CborItem[] = [];
      for (let i = 0; i < length; i++) { const item = decodeCbor(bytes, offset); items.push(item); offset = item.end; }
      return { start, end: offset, kind: 'array', value: items };
    }
    case 5: {
      const entries: [CborItem, CborItem][] = [];
      for (let i = 0; i < length; i++) {
        const k = decodeCbor(bytes, offset); const v = decodeCbor(bytes, k.end);
        entries.push([k, v]); offset = v.end;
      }
      return { start, end: offset, kind: 'map', value: entries };
    }
    default: throw new Error(`CBOR: major type ${major} not expected in an integrity block`);
  }
}

export function mapGet(item: CborItem, key: string): CborItem | undefined {
  if (item.kind !== 'map') throw new Error('CBOR: not a map');
  return (item.value as [CborItem, CborItem][]).find(([k]) => k.kind === 'text' && k.value === key)?.[1];
}
