// OpenSSL as the oracle for all three brainpool curves: the curve data equals OpenSSL's built-in curves;
// random keys and messages signed by OpenSSL verify with our wasm code, and every mutation (message, r, s,
// key) gives the same verdict as OpenSSL's own verification.
import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes, sign, verify, createPublicKey, type KeyObject } from 'node:crypto';
import { loadCertificateParser, type CertificateParser } from '../../../src/domain/pki/index.ts';
import { BRAINPOOL_CURVES } from '../../../src/domain/pki/brainpool-curves.ts';
import { initBrainpool, ecdsaSignatureFromDer, type BrainpoolVerifier, type BrainpoolCurveName } from '../../../src/domain/pki/brainpool.ts';

let parser: CertificateParser;
let verifier: BrainpoolVerifier;
beforeAll(async () => {
  parser = await loadCertificateParser({ telematikIdValidator: null });
  verifier = await initBrainpool();
});

const HASH: Record<BrainpoolCurveName, string> = { brainpoolP256r1: 'sha256', brainpoolP384r1: 'sha384', brainpoolP512r1: 'sha512' };

describe('curve data', () => {
  it.each(BRAINPOOL_CURVES.map((c) => [c.name, c] as const))('%s equals OpenSSL\'s explicit parameters', (name, c) => {
    const r = spawnSync('openssl', ['ecparam', '-name', name, '-param_enc', 'explicit', '-text', '-noout'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const text = r.stdout.replace(/[\s:]/g, '');
    const field = (label: string, next: string) => BigInt('0x' + new RegExp(`${label}([0-9a-f]+)${next}`).exec(text)![1]!);
    expect(field('Prime', 'A')).toBe(BigInt('0x' + c.p));
    expect(field('A', 'B')).toBe(BigInt('0x' + c.a));
    expect(field('B', 'Generator')).toBe(BigInt('0x' + c.b));
    const g = new RegExp('Generator\\(uncompressed\\)04([0-9a-f]+)Order').exec(text)![1]!;
    expect(BigInt('0x' + g.slice(0, g.length / 2))).toBe(BigInt('0x' + c.gx));
    expect(BigInt('0x' + g.slice(g.length / 2))).toBe(BigInt('0x' + c.gy));
    expect(field('Order', 'Cofactor')).toBe(BigInt('0x' + c.n));
    expect(text).toContain('Cofactor1(0x1)');
  });
});

const FIELD_BYTES: Record<string, number> = { brainpoolP256r1: 32, brainpoolP384r1: 48, brainpoolP512r1: 64 };

/** The uncompressed point ends the SubjectPublicKeyInfo (node:crypto has no JWK for brainpool). */
function pointOf(key: KeyObject): Uint8Array {
  const der = key.export({ format: 'der', type: 'spki' });
  const point = new Uint8Array(der.subarray(der.length - 1 - 2 * FIELD_BYTES[key.asymmetricKeyDetails!.namedCurve!]!));
  if (point[0] !== 4) throw new Error('not an uncompressed point');
  return point;
}

function spkiWithPoint(reference: KeyObject, point: Uint8Array): KeyObject | null {
  // same SubjectPublicKeyInfo, other point: what OpenSSL says about a mutated key
  const der = reference.export({ format: 'der', type: 'spki' });
  const copy = Buffer.from(der);
  Buffer.from(point).copy(copy, der.length - point.length);
  try { return createPublicKey({ key: copy, format: 'der', type: 'spki' }); } catch { return null; }
}

const flip = (b: Uint8Array, i: number, bit = 0) => { const c = Uint8Array.from(b); c[i]! ^= 1 << bit; return c; };

describe.each(BRAINPOOL_CURVES.map((c) => [c.name] as const))('%s: OpenSSL-signed messages', (curve) => {
  it('verify, and mutations get OpenSSL\'s verdict', () => {
    const hash = HASH[curve];
    const disagreements: string[] = [];
    let valid = 0, invalid = 0;
    for (let round = 0; round < 12; round++) {
      const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: curve });
      const other = generateKeyPairSync('ec', { namedCurve: curve }).publicKey;
      const message = randomBytes(1 + round * 37);
      const der = new Uint8Array(sign(hash, message, privateKey));
      const tree = parser.walk(der, { encapsulate: false });
      if ('error' in tree) throw new Error(tree.error);
      const { r, s } = ecdsaSignatureFromDer(tree)!;
      const point = pointOf(publicKey);
      const digest = (m: Uint8Array) => new Uint8Array(createHash(hash).update(m).digest());
      const derOf = (rr: Uint8Array, ss: Uint8Array) => {
        const int = (x: Uint8Array) => {
          let i = 0;
          while (i < x.length - 1 && x[i] === 0) i++;
          const v = x.subarray(i);
          return v[0]! & 0x80 ? [0, ...v] : [...v];
        };
        const ri = int(rr), si = int(ss);
        const body = [2, ri.length, ...ri, 2, si.length, ...si];
        return new Uint8Array(body.length < 128 ? [0x30, body.length, ...body] : [0x30, 0x81, body.length, ...body]);
      };
      const cases: { what: string; key: KeyObject | null; point: Uint8Array; message: Uint8Array; r: Uint8Array; s: Uint8Array }[] = [
        { what: 'as signed', key: publicKey, point, message, r, s },
        { what: 'message bit flipped', key: publicKey, point, message: flip(message, round % message.length), r, s },
        { what: 'r bit flipped', key: publicKey, point, message, r: flip(r, r.length - 1 - (round % r.length), round % 8), s },
        { what: 's bit flipped', key: publicKey, point, message, r, s: flip(s, round % s.length, 7 - (round % 8)) },
        { what: 'r and s swapped', key: publicKey, point, message, r: s, s: r },
        { what: 'other key', key: other, point: pointOf(other), message, r, s },
        { what: 'point x bit flipped', key: spkiWithPoint(publicKey, flip(point, 1 + (round % 8))), point: flip(point, 1 + (round % 8)), message, r, s },
      ];
      for (const c of cases) {
        const ours = verifier.verify(curve, c.point, digest(c.message), c.r, c.s);
        let openssl: boolean;
        try { openssl = c.key !== null && verify(hash, c.message, c.key, derOf(c.r, c.s)); } catch { openssl = false; }
        if (ours !== openssl) disagreements.push(`round ${round} ${c.what}: ours ${ours}, OpenSSL ${openssl}`);
        if (openssl) valid++; else invalid++;
      }
    }
    expect(disagreements).toEqual([]);
    expect(valid).toBeGreaterThanOrEqual(12);
    expect(invalid).toBeGreaterThanOrEqual(12 * 5);
  });
});

describe('digest length (SEC 1 §4.1.4 step 5: the leftmost bits(n) bits)', () => {
  it.each([['brainpoolP256r1', 'sha512'], ['brainpoolP256r1', 'sha384'], ['brainpoolP384r1', 'sha512'], ['brainpoolP512r1', 'sha256'], ['brainpoolP512r1', 'sha1']] as const)(
    '%s with %s: OpenSSL-signed digests verify, a changed one does not', (curve, hash) => {
      for (let round = 0; round < 4; round++) {
        const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: curve });
        const message = randomBytes(50);
        const tree = parser.walk(new Uint8Array(sign(hash, message, privateKey)), { encapsulate: false });
        if ('error' in tree) throw new Error(tree.error);
        const { r, s } = ecdsaSignatureFromDer(tree)!;
        const digest = new Uint8Array(createHash(hash).update(message).digest());
        expect(verifier.verify(curve, pointOf(publicKey), digest, r, s)).toBe(true);
        // a change in the last byte is cut away when the digest is longer than n, and counts when it is not
        const tail = flip(digest, digest.length - 1);
        expect(verifier.verify(curve, pointOf(publicKey), tail, r, s)).toBe(digest.length > FIELD_BYTES[curve]!);
        expect(verifier.verify(curve, pointOf(publicKey), flip(digest, 0), r, s)).toBe(false);
      }
    });
});

describe('input checks', () => {
  it('refuses r or s of 0 or ≥ n, points off the curve and other encodings (SEC 1 §4.1.4)', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'brainpoolP256r1' });
    const message = randomBytes(20);
    const tree = parser.walk(new Uint8Array(sign('sha256', message, privateKey)), { encapsulate: false });
    if ('error' in tree) throw new Error(tree.error);
    const { r, s } = ecdsaSignatureFromDer(tree)!;
    const point = pointOf(publicKey);
    const digest = new Uint8Array(createHash('sha256').update(message).digest());
    const n = Buffer.from(BRAINPOOL_CURVES[0]!.n, 'hex');
    const p = Buffer.from(BRAINPOOL_CURVES[0]!.p, 'hex');
    const check = (pt: Uint8Array, rr: Uint8Array, ss: Uint8Array) => verifier.check('brainpoolP256r1', pt, digest, rr, ss);
    expect(check(point, r, s)).toBe('valid');
    expect(check(point, new Uint8Array([0, ...r]), s)).toBe('valid'); // leading zeros are just zeros
    expect(check(point, new Uint8Array(32), s)).toBe('signatureOutOfRange');
    expect(check(point, r, new Uint8Array(1))).toBe('signatureOutOfRange');
    expect(check(point, n, s)).toBe('signatureOutOfRange');
    expect(check(point, r, n)).toBe('signatureOutOfRange');
    expect(check(point, new Uint8Array(33).fill(1), s)).toBe('signatureOutOfRange');
    expect(check(flip(point, 64), r, s)).toBe('invalidPublicKey');                    // y changed: off the curve
    expect(check(new Uint8Array([4, ...p, ...point.subarray(33)]), r, s)).toBe('invalidPublicKey'); // x = p
    expect(check(point.subarray(0, 33), r, s)).toBe('invalidPublicKey');               // not 04‖X‖Y
    expect(check(new Uint8Array([2, ...point.subarray(1)]), r, s)).toBe('invalidPublicKey');
    expect(verifier.check('secp256r1' as BrainpoolCurveName, point, digest, r, s)).toBe('unsupportedCurve');
  });

  it('never throws and never accepts on arbitrary bytes', () => {
    const curves = BRAINPOOL_CURVES.map((c) => c.name);
    fc.assert(fc.property(
      fc.constantFrom(...curves), fc.uint8Array({ maxLength: 140 }),
      fc.uint8Array({ maxLength: 70 }), fc.uint8Array({ maxLength: 70 }), fc.uint8Array({ maxLength: 70 }), fc.boolean(),
      (curve, point, digest, r, s, uncompressed) => {
        const width = FIELD_BYTES[curve]!;
        const padding: number[] = Array(Math.max(0, 2 * width - point.length)).fill(1);
        const p = uncompressed ? new Uint8Array([4, ...point.subarray(0, 2 * width)].concat(padding)) : point;
        const status = verifier.check(curve, p, digest, r, s);
        expect(['invalidSignature', 'signatureOutOfRange', 'invalidPublicKey']).toContain(status);
      }), { numRuns: 300 });
  });
});
