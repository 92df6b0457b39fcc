// Fuzzing in the normal test run: ≥100k mutated real certificates through the wasm walker (fast path),
// a share of them through the full X.509/CVC decoders, plus fast-check arbitrary bytes.
// Properties: no exception, every failure a known typed code, node offsets inside the input, memory bounded.
import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { compileDerModule, createCertificateParser, isParseError, plainRecord, type CertificateParser } from '../../../src/domain/pki/index.ts';
import { DerWalker, DER_STATUS, NODE_FIELDS, isDerError } from '../../../src/domain/pki/der.ts';
import { mutate, rng, adversarial } from '../../fuzz/mutate.ts';
import { allCertificates } from './helpers.ts';

const KNOWN = new Set<string>([...DER_STATUS.slice(1), 'DER_WASM_TRAP', 'X509_NOT_A_CERTIFICATE', 'X509_BAD_VERSION', 'X509_BAD_NAME',
  'X509_BAD_TIME', 'X509_BAD_KEY', 'X509_BAD_EXTENSION', 'CVC_NOT_A_CV_CERTIFICATE', 'CVC_MISSING_FIELD', 'CVC_BAD_DATE',
  'INPUT_UNKNOWN_FORMAT', 'INPUT_EMPTY']);

let walker: DerWalker;
let parser: CertificateParser;
const certs = allCertificates();
beforeAll(async () => {
  const module = await compileDerModule();
  walker = new DerWalker(module);
  parser = createCertificateParser(module, null);
});

function checkTree(bytes: Uint8Array): string | null {
  const r = walker.walk(bytes, { allowTrailing: (bytes.length & 1) === 0 });
  if (isDerError(r)) {
    if (!KNOWN.has(r.error)) return `unknown code ${r.error}`;
    if (r.offset < 0 || r.offset > bytes.length) return `offset ${r.offset} outside`;
    return null;
  }
  for (let i = 0; i < r.count; i++) {
    const s = r.nodes[i * NODE_FIELDS + 1]!, c = r.nodes[i * NODE_FIELDS + 2]!, e = r.nodes[i * NODE_FIELDS + 3]!;
    if (!(s >= 0 && s < c && c <= e && e <= bytes.length)) return `node ${i} bounds ${s}/${c}/${e}`;
  }
  return null;
}

describe('fuzzing', () => {
  it('100k+ byte mutations of the real certificates: walker never throws, bounds hold, memory stays bounded', () => {
    const rand = rng(0x5eed);
    const failures: string[] = [];
    let cases = 0;
    const memoryBefore = walker.memoryBytes();
    for (const adv of adversarial()) { const f = checkTree(adv); if (f) failures.push(`adversarial: ${f}`); cases++; }
    while (cases < 102_000) {
      const src = certs[cases % certs.length]!.bytes;
      const m = mutate(src, rand);
      const f = checkTree(m);
      if (f && failures.length < 5) failures.push(`case ${cases}: ${f}`);
      cases++;
    }
    expect(failures).toEqual([]);
    expect(cases).toBeGreaterThanOrEqual(100_000);
    // input and node buffers are reused: growth is bounded by the largest input, not by the case count
    expect(walker.memoryBytes() - memoryBefore).toBeLessThan(4 << 20);
  });

  it('20k mutations through the full decoders: a record or a typed error, never an exception', () => {
    const rand = rng(0xc0ffee);
    let records = 0, errors = 0;
    for (let k = 0; k < 20_000; k++) {
      const m = mutate(certs[k % certs.length]!.bytes, rand);
      const r = parser.parse(m, { allowTrailing: k % 3 === 0 });
      if (isParseError(r)) { expect(KNOWN.has(r.error), r.error).toBe(true); errors++; }
      else { parser.check(r); plainRecord(r); records++; } // plainRecord reads every lazy field
    }
    // both outcomes occur, so the property is exercised on each side
    expect(records).toBeGreaterThan(100);
    expect(errors).toBeGreaterThan(100);
  });

  it('fast-check: arbitrary bytes and DER-shaped prefixes never throw', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom(0x30, 0x7f, 0x04, 0x31, 0xa3), (tail, head) => {
      const bytes = new Uint8Array([head, ...tail]);
      expect(checkTree(bytes)).toBeNull();
      const r = parser.parse(bytes);
      if (isParseError(r)) expect(KNOWN.has(r.error)).toBe(true);
    }), { numRuns: 3000, seed: 42 });
  });

  it('strict DER: the walker rejects BER forms with their specific codes', () => {
    const code = (b: number[]) => { const r = walker.walk(new Uint8Array(b)); return isDerError(r) ? r.error : 'OK'; };
    expect(code([0x30, 0x80, 0x00, 0x00])).toBe('DER_INDEFINITE_LENGTH');
    expect(code([0x04, 0x81, 0x05, 1, 2, 3, 4, 5])).toBe('DER_NON_MINIMAL_LENGTH');
    expect(code([0x02, 0x02, 0x00, 0x01])).toBe('DER_BAD_INTEGER');
    expect(code([0x01, 0x01, 0x01])).toBe('DER_BAD_BOOLEAN');
    expect(code([0x06, 0x02, 0x80, 0x01])).toBe('DER_BAD_OID');
    expect(code([0x03, 0x02, 0x01, 0x01])).toBe('DER_BAD_BIT_STRING');
    expect(code([0x24, 0x03, 0x04, 0x01, 0x00])).toBe('DER_WRONG_CONSTRUCTION');
    expect(code([0x10, 0x00])).toBe('DER_WRONG_CONSTRUCTION');
    expect(code([0x30, 0x03, 0x02, 0x02, 0x01, 0x00])).toBe('DER_EXCEEDS_PARENT');
    expect(code([0x30, 0x03, 0x02, 0x01])).toBe('DER_TRUNCATED');
    expect(code([0x30, 0x05, 0x02, 0x01, 0x01])).toBe('DER_TRUNCATED');
    expect(code([0x05, 0x00, 0x05, 0x00])).toBe('DER_TRAILING_DATA');
    expect(code([0x17, 0x0d, ...new TextEncoder().encode('2401011200ZZ!')])).toBe('DER_BAD_TIME');
    const deep: number[] = [];
    for (let i = 0; i < 40; i++) deep.push(0x30, 2 * (40 - i - 1));
    expect(code(deep)).toBe('DER_DEPTH_LIMIT');
    const wide = [0x30, 0x82, 0x27, 0x10, ...new Array(5000).fill([0x05, 0x00]).flat()];
    expect(code(wide)).toBe('DER_NODE_LIMIT');
    expect(code([0x30, 0x03, 0x02, 0x01, 0x05])).toBe('OK');
  });
});
