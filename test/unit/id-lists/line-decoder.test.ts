// The line decoder's decodeInto (used by the audit workers for every non-ASCII finding) must give
// exactly what the platform's TextDecoder gives — the WHATWG decoder, replacement characters
// included — and cut like String.prototype.slice(0, max).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createLineDecoder } from '../../../src/domain/id-lists/index.ts';

function viaDecodeInto(encoding: 'utf-8' | 'windows-1252', bytes: Uint8Array, max: number): { n: number; text: string } {
  const out = new Uint16Array(max + 4).fill(0x2a);
  const n = createLineDecoder(encoding).decodeInto(new Uint8Array([0x41, ...bytes, 0x42]), 1, bytes.length + 1, out, 2, max);
  return { n, text: String.fromCharCode(...out.subarray(2, 2 + (n < 0 ? max : n))) };
}

// byte soup weighted towards UTF-8 lead and continuation bytes, so broken sequences are common
const utf8ish = fc.uint8Array({ maxLength: 40 })
  .map((a) => a.map((b, i) => (i % 3 === 0 ? 0xc0 | (b & 0x3f) : i % 3 === 1 ? 0x80 | (b & 0x3f) : b)));

describe('createLineDecoder().decodeInto', () => {
  it('UTF-8: same text as TextDecoder on any bytes (valid, broken, surrogates, overlong), BOM kept', () => {
    const platform = new TextDecoder('utf-8', { ignoreBOM: true });
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 40 }), utf8ish, fc.string({ unit: 'binary', maxLength: 20 }).map((s) => new TextEncoder().encode(s))), (bytes) => {
      const expected = platform.decode(bytes);
      expect(viaDecodeInto('utf-8', bytes, 1000)).toEqual({ n: expected.length, text: expected });
    }), { numRuns: 5000 });
    for (const hex of ['efbbbf41', 'e28093', 'f09f9880', 'eda080', 'c0af', 'f4908080', 'e2', 'f09f98', 'ff', '80']) {
      const bytes = Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
      expect(viaDecodeInto('utf-8', bytes, 1000).text, hex).toBe(platform.decode(bytes));
    }
  });

  it('cuts after max units like slice(0, max), a surrogate pair split included, and says so with -1', () => {
    const platform = new TextDecoder('utf-8', { ignoreBOM: true });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 30 }), fc.integer({ min: 1, max: 30 }), (s, max) => {
      const bytes = new TextEncoder().encode(s);
      const full = platform.decode(bytes);
      const r = viaDecodeInto('utf-8', bytes, max);
      if (full.length > max) expect(r).toEqual({ n: -1, text: full.slice(0, max) });
      else expect(r).toEqual({ n: full.length, text: full });
    }), { numRuns: 3000 });
  });

  it('Windows-1252: 0x80–0x9F as browsers map them, the rest as Latin-1', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const { text } = viaDecodeInto('windows-1252', bytes, 1000);
    expect(text).toBe(createLineDecoder('windows-1252').decode(bytes));
    expect(text[0x80]).toBe('€');
    expect(text[0x93]).toBe('“');
    expect(viaDecodeInto('windows-1252', bytes.subarray(0x80, 0x90), 4)).toEqual({ n: -1, text: '€\u0081‚ƒ' });
  });
});
