// npm run bench -- verify — signature verification of real gematik certificates (the issuer's key is known):
// brainpoolP256r1 by our wasm core, @noble/curves (pure JS BigInt) and node:crypto (OpenSSL); RSA-2048 by
// node:crypto and WebCrypto (the app's RSA path) for scale. Every implementation gets the same pre-parsed
// parts (TBS bytes, DER signature, issuer key) and hashes the TBS itself. Rounds are interleaved (the machine
// is shared and noisy); ratios are taken per round before the median is taken.
import { createHash, verify as nodeVerify, X509Certificate, type KeyObject } from 'node:crypto';
const webcrypto = globalThis.crypto;
import { loadavg, cpus } from 'node:os';
import { brainpoolP256r1 } from '@noble/curves/misc.js';
import { loadCertificateParser } from '../src/domain/pki/index.ts';
import { initBrainpool, ecdsaSignatureFromDer } from '../src/domain/pki/brainpool.ts';
import { certificatePool, signedParts, type SignedCertificate } from '../test/unit/pki/signed-certificates.ts';

const BP256 = '1.3.36.3.3.2.8.1.1.7', ECDSA_SHA256 = '1.2.840.10045.4.3.2', RSA_SHA256 = '1.2.840.113549.1.1.11', RSA_KEY = '1.2.840.113549.1.1.1';
const parser = await loadCertificateParser({ telematikIdValidator: null });
const ours = await initBrainpool();
const pool = certificatePool().map((c) => signedParts(parser, c.name, c.der));
const bySubject = new Map<string, SignedCertificate[]>();
for (const c of pool) bySubject.set(c.subjectDer, [...(bySubject.get(c.subjectDer) ?? []), c]);

interface Pair { tbs: Uint8Array; sig: Uint8Array; point: Uint8Array; key: KeyObject; webKey: CryptoKey | null }
/** Certificate + issuer pairs whose signature OpenSSL accepts. */
async function pairs(sigOid: string, keyFits: (issuer: SignedCertificate) => boolean): Promise<Pair[]> {
  const out: Pair[] = [];
  for (const cert of pool) {
    if (cert.signatureOid !== sigOid) continue;
    for (const issuer of bySubject.get(cert.issuerDer) ?? []) {
      if (!keyFits(issuer)) continue;
      const key = new X509Certificate(issuer.der).publicKey;
      if (!new X509Certificate(cert.der).verify(key)) continue;
      const webKey = issuer.keyOid === RSA_KEY
        ? await webcrypto.subtle.importKey('spki', new Uint8Array(key.export({ format: 'der', type: 'spki' })), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify'])
        : null;
      out.push({ tbs: cert.tbs, sig: cert.signature, point: issuer.publicKey, key, webKey });
    }
  }
  return out;
}
const ec = await pairs(ECDSA_SHA256, (i) => i.curveOid === BP256);
const rsa = await pairs(RSA_SHA256, (i) => i.keyOid === RSA_KEY);
const N_EC = 300, N_RSA = 3000;
const ecSet = Array.from({ length: N_EC }, (_, i) => ec[i % ec.length]!);
const rsaSet = Array.from({ length: N_RSA }, (_, i) => rsa[i % rsa.length]!);

const sha256 = (d: Uint8Array) => new Uint8Array(createHash('sha256').update(d).digest());
function oursVerify(p: Pair): boolean {
  const tree = parser.walk(p.sig, { encapsulate: false });
  const sig = 'error' in tree ? null : ecdsaSignatureFromDer(tree);
  return sig !== null && ours.verify('brainpoolP256r1', p.point, sha256(p.tbs), sig.r, sig.s);
}

interface Impl { name: string; what: string; set: Pair[]; fn: (p: Pair) => boolean | Promise<boolean> }
const impls: Impl[] = [
  { name: 'ours (wasm)', what: 'brainpoolP256r1: SHA-256 (node:crypto) + strict DER decode of r, s + wasm verify', set: ecSet, fn: oursVerify },
  { name: '@noble/curves 2.4', what: 'brainpoolP256r1: SHA-256 (node:crypto) + verify(der, digest, point, { lowS: false, prehash: false })', set: ecSet,
    fn: (p) => brainpoolP256r1.verify(p.sig, sha256(p.tbs), p.point, { lowS: false, prehash: false, format: 'der' }) },
  { name: 'node:crypto (OpenSSL)', what: 'brainpoolP256r1: crypto.verify(sha256, tbs, KeyObject, der)', set: ecSet,
    fn: (p) => nodeVerify('sha256', p.tbs, p.key, p.sig) },
  { name: 'node:crypto (OpenSSL)', what: 'RSA-2048 PKCS#1 v1.5: crypto.verify(sha256, tbs, KeyObject, sig)', set: rsaSet,
    fn: (p) => nodeVerify('sha256', p.tbs, p.key, p.sig) },
  { name: 'WebCrypto (node)', what: 'RSA-2048 PKCS#1 v1.5: await subtle.verify (the app\'s RSA path)', set: rsaSet,
    fn: (p) => webcrypto.subtle.verify('RSASSA-PKCS1-v1_5', p.webKey!, p.sig as BufferSource, p.tbs as BufferSource) },
];

// Sanity: every implementation accepts every pair of its set.
for (const impl of impls) for (const p of impl.set.slice(0, Math.max(ec.length, rsa.length))) if (!(await impl.fn(p))) throw new Error(`${impl.name}: a valid signature failed`);

const ROUNDS = 9;
const rates = impls.map(() => [] as number[]);
const cpuRates = impls.map(() => [] as number[]);
const load0 = loadavg()[0]!;
for (const impl of impls) for (let i = 0; i < 30; i++) await impl.fn(impl.set[i]!); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const [k, impl] of impls.entries()) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let ok = 0;
    for (const p of impl.set) if (await impl.fn(p)) ok++;
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    if (ok !== impl.set.length) throw new Error(`${impl.name}: ${impl.set.length - ok} failed`);
    rates[k]!.push(impl.set.length / wall);
    cpuRates[k]!.push(impl.set.length / ((cpu.user + cpu.system) / 1e6));
  }
}
const load1 = loadavg()[0]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ratio = (k: number, anchor: number) => median(rates[k]!.map((r, round) => r / rates[anchor]![round]!));
const fmt = (n: number) => (n >= 10000 ? `${(n / 1000).toFixed(0)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : n.toFixed(0));

console.log(`${ec.length} brainpoolP256r1/SHA-256 and ${rsa.length} RSA-2048/SHA-256 certificate signatures with their issuer's key `
  + '(ref-GemLibPki test certificates, gematik roots and cross-certificates, CA certificates of two test TSLs; each accepted by OpenSSL), '
  + `replicated to ${N_EC} and ${N_RSA}. ${ROUNDS} interleaved rounds; figures are medians over rounds, ratios medians of per-round ratios. `
  + `Load average ${load0.toFixed(1)} → ${load1.toFixed(1)} on ${cpus().length} cores. verifications/s (CPU) divides by the process CPU time.\n`);
console.log('| implementation | what is measured per certificate | verifications/s | verifications/s (CPU) | × @noble/curves | × node:crypto (same key type) |');
console.log('|---|---|---:|---:|---:|---:|');
impls.forEach((impl, k) => {
  const noble = k < 3 ? `${ratio(k, 1).toFixed(2)}×` : '';
  const node = `${ratio(k, k < 3 ? 2 : 3).toFixed(2)}×`;
  console.log(`| ${impl.name} | ${impl.what} | ${fmt(median(rates[k]!))} | ${fmt(median(cpuRates[k]!))} | ${noble} | ${node} |`);
});
const vsNoble = ratio(0, 1), vsNode = ratio(0, 2);
console.log(`\nTargets (brainpoolP256r1, ours): ≥ 5× @noble/curves → ${vsNoble >= 5 ? 'met' : 'NOT met'} (${vsNoble.toFixed(2)}×); `
  + `≥ 0.7× node:crypto → ${vsNode >= 0.7 ? 'met' : 'NOT met'} (${vsNode.toFixed(2)}×).`);
