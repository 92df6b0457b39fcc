// Every case of Google's Wycheproof ECDSA vectors for the brainpool curves (test/fixtures/wycheproof): our
// wasm verifier plus the strict DER decoding of the signature must accept exactly the `valid` ones.
// These files have no `acceptable` case (asserted below, so a newer copy with some gets noticed).
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { loadCertificateParser, type CertificateParser } from '../../../src/domain/pki/index.ts';
import { initBrainpool, ecdsaSignatureFromDer, type BrainpoolVerifier, type BrainpoolCurveName } from '../../../src/domain/pki/brainpool.ts';

interface WycheproofTest { tcId: number; comment: string; msg: string; sig: string; result: 'valid' | 'invalid' | 'acceptable'; flags: string[] }
interface WycheproofFile { testGroups: { publicKey: { curve: string; uncompressed: string }; sha: string; tests: WycheproofTest[] }[] }

const DIR = resolve(__dirname, '../../fixtures/wycheproof');
const FILES: [BrainpoolCurveName, string][] = [
  ['brainpoolP256r1', 'ecdsa_brainpoolP256r1_sha256_test.json'],
  ['brainpoolP384r1', 'ecdsa_brainpoolP384r1_sha384_test.json'],
  ['brainpoolP512r1', 'ecdsa_brainpoolP512r1_sha512_test.json'],
];

let parser: CertificateParser;
let verifier: BrainpoolVerifier;
beforeAll(async () => {
  parser = await loadCertificateParser({ telematikIdValidator: null });
  verifier = await initBrainpool();
});

const bytes = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));

describe.each(FILES)('Wycheproof %s', (curve, file) => {
  const data = JSON.parse(readFileSync(resolve(DIR, file), 'utf8')) as WycheproofFile;
  const cases = data.testGroups.flatMap((g) => g.tests.map((t) => ({ g, t })));

  it('has valid and invalid cases and no acceptable ones', () => {
    expect(cases.filter((c) => c.t.result === 'valid').length).toBeGreaterThan(100);
    expect(cases.filter((c) => c.t.result === 'invalid').length).toBeGreaterThan(250);
    expect(cases.filter((c) => c.t.result === 'acceptable')).toEqual([]);
    for (const { g } of cases) expect(g.publicKey.curve).toBe(curve);
  });

  it('accepts exactly the valid cases', () => {
    const wrong: string[] = [];
    for (const { g, t } of cases) {
      const hash = g.sha.replace('SHA-', 'sha');
      const digest = new Uint8Array(createHash(hash).update(bytes(t.msg)).digest());
      const tree = parser.walk(bytes(t.sig), { encapsulate: false });
      const sig = 'error' in tree ? null : ecdsaSignatureFromDer(tree);
      const accepted = sig !== null && verifier.verify(curve, bytes(g.publicKey.uncompressed), digest, sig.r, sig.s);
      if (accepted !== (t.result === 'valid')) wrong.push(`tcId ${t.tcId} (${t.comment}): expected ${t.result}`);
    }
    expect(wrong).toEqual([]);
  });
});
