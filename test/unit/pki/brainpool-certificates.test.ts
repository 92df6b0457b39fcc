// Real gematik certificates signed with ECDSA on a brainpool curve: for every certificate of the fixtures
// (card and CA certificates, roots, cross-certificates, the CAs in the test TSLs) and every certificate of the
// pool whose subject is its issuer and whose key is on a brainpool curve, our wasm verifier says "valid"
// exactly when OpenSSL (node:crypto X509Certificate.verify) does.
import { describe, it, expect, beforeAll } from 'vitest';
import { X509Certificate, createHash } from 'node:crypto';
import { loadCertificateParser, type CertificateParser } from '../../../src/domain/pki/index.ts';
import { initBrainpool, ecdsaSignatureFromDer, isBrainpoolCurve, type BrainpoolVerifier, type BrainpoolCurveName } from '../../../src/domain/pki/brainpool.ts';
import { oidShort } from '../../../src/domain/pki/oids.ts';
import { certificatePool, signedParts, type SignedCertificate } from './signed-certificates.ts';

const HASH_OF_SIGNATURE: Record<string, string> = { '1.2.840.10045.4.3.2': 'sha256', '1.2.840.10045.4.3.3': 'sha384', '1.2.840.10045.4.3.4': 'sha512' };

let parser: CertificateParser;
let verifier: BrainpoolVerifier;
beforeAll(async () => {
  parser = await loadCertificateParser({ telematikIdValidator: null });
  verifier = await initBrainpool();
});

function curveName(oid: string | null): BrainpoolCurveName | null {
  const name = oid === null ? null : oidShort(oid);
  return isBrainpoolCurve(name) ? name : null;
}

describe('brainpool-signed gematik certificates', () => {
  it('verify with our code exactly when OpenSSL says so', () => {
    const pool = certificatePool().map((c) => signedParts(parser, c.name, c.der));
    const bySubject = new Map<string, SignedCertificate[]>();
    for (const c of pool) bySubject.set(c.subjectDer, [...(bySubject.get(c.subjectDer) ?? []), c]);
    const disagreements: string[] = [];
    const outcomes = new Map<string, number>();
    for (const cert of pool) {
      const hash = HASH_OF_SIGNATURE[cert.signatureOid];
      if (!hash) continue;
      const digest = new Uint8Array(createHash(hash).update(cert.tbs).digest());
      const tree = parser.walk(cert.signature, { encapsulate: false });
      const sig = 'error' in tree ? null : ecdsaSignatureFromDer(tree);
      for (const issuer of bySubject.get(cert.issuerDer) ?? []) {
        const curve = curveName(issuer.curveOid);
        if (!curve) continue;
        const ours = sig !== null && verifier.verify(curve, issuer.publicKey, digest, sig.r, sig.s);
        const openssl = new X509Certificate(cert.der).verify(new X509Certificate(issuer.der).publicKey);
        const key = `${curve} ${hash} ${openssl ? 'valid' : 'invalid'}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        if (ours !== openssl) disagreements.push(`${cert.name} ← ${issuer.name}: ours ${ours}, OpenSSL ${openssl}`);
      }
    }
    console.log(Object.fromEntries(outcomes));
    expect(disagreements).toEqual([]);
    // the set is what it claims to be: many valid brainpoolP256r1 signatures and some that fail
    expect(outcomes.get('brainpoolP256r1 sha256 valid') ?? 0).toBeGreaterThan(50);
    expect(outcomes.get('brainpoolP256r1 sha256 invalid') ?? 0).toBeGreaterThan(0);
  });
});
