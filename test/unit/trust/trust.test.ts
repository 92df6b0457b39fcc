// Trust verdicts against an independent oracle: `openssl verify` with gematik's root PEMs as trust anchors and
// the test TSL's CA certificates (cut out of the XML with a regex, not our parser) as intermediates.
// OpenSSL is part of the CI machine (see test/unit/pki/openssl.test.ts): a missing `openssl` fails loudly.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCertificateParser, type CertificateParser } from '../../../src/domain/pki/index.ts';
import { createTrustStore, loadSignatureVerifier, webCryptoVerifier, type SignatureVerifier, type TrustStore } from '../../../src/domain/pki/trust/index.ts';
import { ChainBuilder, poolCert, verdictFor } from '../../../src/domain/pki/trust/x509-chain.ts';
import { nodeBrainpoolVerify } from './openssl-brainpool.ts';
import { X509_DIR, CVC_DIR, x509Files, blobsOf } from '../pki/helpers.ts';

const TRUST = resolve(__dirname, '../../fixtures/trust');
const NOW = new Date('2025-08-01T00:00:00Z'); // inside the default test TSL's validity (issued 2025-07-23, next update 2025-08-22)
let verifier: SignatureVerifier; // the app's (wasm brainpool); OpenSSL's brainpool only as a cross-check below
const tsl = (name: string) => readFileSync(join(TRUST, 'tsl', name), 'utf8');
const toPem = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;

function openssl(args: string[]): { status: number; out: string } {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  if (r.error) throw new Error(`openssl is required for this test and could not be run: ${r.error.message}`);
  return { status: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

let parser: CertificateParser;
let dir: string;
let rootsPem: string, crossPem: string;
beforeAll(async () => {
  parser = await loadCertificateParser({ telematikIdValidator: null });
  verifier = await loadSignatureVerifier();
  dir = mkdtempSync(join(tmpdir(), 'trust-'));
  const pems: string[] = [], cross: string[] = [];
  for (const env of ['prod', 'ref', 'test']) {
    for (const f of readdirSync(join(TRUST, 'roots', env))) (f.includes('_CROSS_') ? cross : pems).push(readFileSync(join(TRUST, 'roots', env, f), 'utf8'));
  }
  rootsPem = join(dir, 'roots.pem');
  writeFileSync(rootsPem, pems.join('\n'));
  // Intermediates: the cross-certificates, the TSL's CAs and the TSL signer CAs among the fixtures.
  const tslCas = [...tsl('gemlibpki-ecc-TSL_default.xml').matchAll(/<X509Certificate>([^<]+)<\/X509Certificate>/g)]
    .map((m) => toPem(Buffer.from(m[1]!.replace(/&#13;|\s/g, ''), 'base64')));
  crossPem = join(dir, 'intermediates.pem');
  writeFileSync(crossPem, [...cross, ...tslCas].join('\n'));
});

type Expected = 'verified' | 'signatureInvalid' | 'selfSigned' | 'issuerUnknown';
function oracle(der: Uint8Array, name: string): { expected: Expected; root: string | null } {
  const file = join(dir, `${name}.pem`);
  writeFileSync(file, toPem(der));
  const r = openssl(['verify', '-no_check_time', '-ignore_critical', '-show_chain', '-CAfile', rootsPem, '-untrusted', crossPem, file]);
  if (r.status === 0) {
    const subjects = [...r.out.matchAll(/depth=\d+: (.*)/g)].map((m) => m[1]!);
    return { expected: 'verified', root: subjects.at(-1) ?? null };
  }
  if (/error 7 |certificate signature failure/.test(r.out)) return { expected: 'signatureInvalid', root: null };
  if (/error 18 |self-signed certificate/.test(r.out)) return { expected: 'selfSigned', root: null };
  if (/error (2|20) /.test(r.out)) return { expected: 'issuerUnknown', root: null };
  throw new Error(`unexpected openssl answer for ${name}: ${r.out}`);
}

describe('X.509 verdicts match openssl verify (test TSL loaded)', () => {
  let store: TrustStore;
  beforeAll(async () => {
    store = createTrustStore({ parser, verifier });
    const r = await store.importTsl(tsl('gemlibpki-ecc-TSL_default.xml'), NOW);
    expect(r.ok).toBe(true);
  });

  it('every fixture certificate', async () => {
    const files = x509Files();
    const ders = files.map((f) => blobsOf(join(X509_DIR, f))[0]!.bytes);
    // Each verified alone: the oracle sees no other fixtures either.
    let verified = 0;
    for (let i = 0; i < files.length; i++) {
      const [v] = await store.verifyX509([ders[i]!], NOW);
      const o = oracle(ders[i]!, files[i]!);
      expect({ file: files[i], status: v!.status }).toEqual({ file: files[i], status: o.expected });
      if (o.expected === 'verified') {
        verified++;
        expect(v!.environment === 'production', files[i]).toBe(!/TEST-ONLY/.test(o.root ?? ''));
        expect(o.root, files[i]).toContain(v!.chain.at(-1));
        expect(v!.checks.find((c) => c.id === 'ocsp')?.result).toBe('notChecked');
      }
    }
    expect(verified).toBeGreaterThan(30);
  });

  it('names the issuer and key id it looked for when the issuer is unknown', async () => {
    const der = blobsOf(join(X509_DIR, 'GEM.SMCB-CA59__GEM.SMCB-CA59-TEST-ONLY.pem'))[0]!.bytes;
    const aki = openssl(['x509', '-noout', '-ext', 'authorityKeyIdentifier', '-in', join(X509_DIR, 'GEM.SMCB-CA59__GEM.SMCB-CA59-TEST-ONLY.pem')]).out;
    const [v] = await createTrustStore({ parser, verifier }).verifyX509([der], NOW);
    expect(v!.status).toBe('issuerUnknown');
    expect(aki.replace(/\s/g, '')).toContain(v!.params['keyId']!.replace(/^keyid:/, ''));
    expect(v!.params['issuer']).toContain('nicht von Arvato');
    expect(v!.params['hint']).toBe('loadTsl');
  });
});

describe('TSL import', () => {
  it('verifies the ECC and RSA test TSLs and flags them outdated after NextUpdate', async () => {
    const store = createTrustStore({ parser, verifier });
    const ecc = await store.importTsl(tsl('gemlibpki-ecc-TSL_default.xml'), NOW);
    expect(ecc.ok && ecc.tsl.outdated).toBe(false);
    const rsa = await store.importTsl(tsl('gemlibpki-rsa-TSL_default.xml'), NOW); // NextUpdate 2023-02-10
    // The RSA test TSL's signer CA (GEM.TSL-CA4 TEST-ONLY) is not published: refused as untrusted signer.
    expect(rsa).toMatchObject({ ok: false, error: 'TSL_SIGNER_UNTRUSTED' });
    expect(ecc.ok && ecc.tsl.environment).toBe('test');
    // zero-lab's 2025/26 test TSL: signed by TSL Signing Unit 12 under GEM.TSL-CA28 TEST-ONLY (bundled) ← GEM.RCA4 TEST-ONLY.
    const zero = await store.importTsl(tsl('zero-lab-tsl-test.xml'), new Date('2026-06-10T00:00:00Z'));
    expect(zero.ok && zero.tsl.signerChain).toEqual(['TSL Signing Unit 12 TEST-ONLY', 'GEM.TSL-CA28 TEST-ONLY', 'GEM.RCA4 TEST-ONLY']);
    const later = createTrustStore({ parser, verifier });
    const old = await later.importTsl(tsl('gemlibpki-ecc-TSL_default.xml'), new Date('2025-09-01T00:00:00Z'));
    expect(old.ok && old.tsl.outdated).toBe(true);
  });

  it('counts the CA services the XML lists (regex count as oracle)', async () => {
    const text = tsl('gemlibpki-ecc-TSL_default.xml');
    const expected = text.split('<ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/CA/PKC<').length - 1;
    const r = await createTrustStore({ parser, verifier }).importTsl(text, NOW);
    expect(r.ok && r.tsl.caServices + r.tsl.unreadableServices).toBe(expected);
  });

  it('refuses a TSL with a broken signature and changes nothing', async () => {
    const store = createTrustStore({ parser, verifier });
    await store.importTsl(tsl('gemlibpki-ecc-TSL_default.xml'), NOW);
    const before = store.tsls;
    const r = await store.importTsl(tsl('gemlibpki-ecc-TSL_invalid_Signature_broken.xml'), NOW);
    expect(r).toMatchObject({ ok: false, error: 'TSL_SIGNATURE_INVALID' });
    expect(store.tsls).toEqual(before);
  });

  it('refuses a TSL whose content was changed after signing', async () => {
    const text = tsl('gemlibpki-ecc-TSL_default.xml').replace('achelos GmbH</Name>', 'achelos GmbX</Name>');
    const r = await createTrustStore({ parser, verifier }).importTsl(text, NOW);
    expect(r).toMatchObject({ ok: false, error: 'TSL_SIGNATURE_INVALID' });
    expect(!r.ok && r.detail).toContain('SIGNATURE_DIGEST_MISMATCH');
  });

  it('refuses DTDs and external entities before parsing', async () => {
    const text = tsl('gemlibpki-ecc-TSL_default.xml').replace('?>', '?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>');
    const r = await createTrustStore({ parser, verifier }).importTsl(text, NOW);
    expect(r).toMatchObject({ ok: false, error: 'XML_DTD_REFUSED' });
  });

  it('imports the TSL with a revoked CA service', async () => {
    const text = tsl('gemlibpki-ecc-TSL_altCA_revoked.xml');
    const r = await createTrustStore({ parser, verifier }).importTsl(text, NOW);
    expect(r.ok && r.tsl.revokedCaServices).toBe(text.split('Svcstatus/revoked<').length - 1);
  });
});

describe('offline TUC_PKI_018 rules', () => {
  const cert = (f: string) => blobsOf(join(X509_DIR, f))[0]!.bytes;
  it('"may this CA issue this type": an HBA AUT type (1.2.276.0.76.4.75) from an SMC-B CA is named', async () => {
    const text = tsl('gemlibpki-ecc-TSL_default.xml');
    const store = createTrustStore({ parser, verifier });
    await store.importTsl(text, NOW);
    // Oracle: the TSL service of GEM.SMCB-CA57 lists its types; the certificate's policies (openssl) carry .75.
    const service = text.slice(text.indexOf('CN=GEM.SMCB-CA57 TEST-ONLY'), text.indexOf('</TSPService>', text.indexOf('CN=GEM.SMCB-CA57 TEST-ONLY')));
    expect(service).not.toContain('>1.2.276.0.76.4.75<');
    const policies = openssl(['x509', '-noout', '-ext', 'certificatePolicies', '-in', join(X509_DIR, 'GEM.SMCB-CA57__invalid__BabetteBeyer-invalid-certificate-type.pem')]).out;
    expect(policies).toContain('1.2.276.0.76.4.75');
    const [bad, good] = await store.verifyX509([cert('GEM.SMCB-CA57__invalid__BabetteBeyer-invalid-certificate-type.pem'), cert('GEM.SMCB-CA57__valid__PraxisBabetteBeyer.pem')], NOW);
    expect(bad!.reason).toBe('caMayNotIssueType');
    expect(bad!.checks.find((c) => c.id === 'caMayIssueType')).toMatchObject({ result: 'fail', reason: '1.2.276.0.76.4.75' });
    expect(good!.checks.find((c) => c.id === 'caMayIssueType')?.result).toBe('pass');
  });

  it('a CA revoked before the certificate was issued fails it; revoked later does not', async () => {
    const ee = poolCert(parser, cert('GEM.SMCB-CA57__valid__PraxisBabetteBeyer.pem'), 'file')!;
    for (const [since, expected] of [['2020-01-01T00:00:00Z', 'caRevoked'], ['2029-01-01T00:00:00Z', 'verified']] as const) {
      const ca = poolCert(parser, cert('GEM.SMCB-CA57__GEM.SMCB-CA57-TEST-ONLY.pem'), 'tsl')!;
      ca.tsl = { service: { name: '', provider: '', status: 'revoked', statusStartingTime: since, der: ca.der, extensionOids: [] }, environment: 'test', tslId: 't' };
      const v = await verdictFor(new ChainBuilder(verifier, [ca]), ee, NOW, true);
      // notBefore 2024-11-18 (openssl x509 -dates of the fixture)
      expect(v.status).toBe(expected);
    }
  });

  it('reports an expired cross-certificate on the only path to the anchor', async () => {
    const rca3 = readFileSync(join(TRUST, 'roots/ref/GEM.RCA3_TEST-ONLY.pem'), 'utf8');
    const cross = readFileSync(join(TRUST, 'roots/ref/GEM.RCA3_TEST-ONLY_CROSS_next.pem'), 'utf8'); // RCA4 key signed by RCA3, until 2027-08-09
    const derOf = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
    const anchors = [
      { format: 'x509' as const, role: 'root' as const, files: [], environments: ['test' as const], der: Buffer.from(derOf(rca3)).toString('base64') },
      { format: 'x509' as const, role: 'cross' as const, files: [], environments: ['test' as const], der: Buffer.from(derOf(cross)).toString('base64') },
    ];
    const store = createTrustStore({ parser, verifier, anchors });
    const at = new Date('2028-01-01T00:00:00Z');
    const [v] = await store.verifyX509([cert('GEM.KOMP-CA50__GEM.KOMP-CA50-TEST-ONLY.pem')], at);
    // Oracle: OpenSSL finds the same path and calls the cross-certificate expired at that time.
    const file = join(X509_DIR, 'GEM.KOMP-CA50__GEM.KOMP-CA50-TEST-ONLY.pem');
    const rootFile = join(dir, 'rca3.pem'), crossFile = join(dir, 'cross34.pem');
    writeFileSync(rootFile, rca3); writeFileSync(crossFile, cross);
    const o = openssl(['verify', '-attime', String(at.getTime() / 1000), '-CAfile', rootFile, '-untrusted', crossFile, file]);
    expect(o.out).toMatch(/error 10 at 1 depth|certificate has expired/);
    expect(v!.chain).toEqual(['GEM.KOMP-CA50 TEST-ONLY', 'GEM.RCA4 TEST-ONLY', 'GEM.RCA3 TEST-ONLY']);
    expect(v!.warnings.map((w) => w.code)).toContain('crossCertificateExpired');
  });
});

describe('wasm brainpool agrees with OpenSSL on every chain', () => {
  it('the same verdicts for every fixture certificate and CVC with either brainpool verifier', async () => {
    const ders = x509Files().map((f) => blobsOf(join(X509_DIR, f))[0]!.bytes);
    const cvcs = readdirSync(CVC_DIR).sort().map((f) => new Uint8Array(readFileSync(join(CVC_DIR, f))));
    const run = async (v: SignatureVerifier) => {
      const s = createTrustStore({ parser, verifier: v });
      await s.importTsl(tsl('gemlibpki-ecc-TSL_default.xml'), NOW);
      const x509 = (await s.verifyX509(ders, NOW)).map((x) => x.status);
      const cvc = (await s.verifyCard({ x509: [], cvc: cvcs }, NOW)).cvc.map((x) => x.status);
      return [...x509, ...cvc];
    };
    const ours = await run(verifier), openssl = await run(webCryptoVerifier({ brainpool: nodeBrainpoolVerify }));
    expect(ours).toEqual(openssl);
    expect(ours.filter((s) => s === 'verified').length).toBeGreaterThan(40);
  });
});

describe('CV certificates', () => {
  const cvc = (f: string) => new Uint8Array(readFileSync(join(CVC_DIR, f)));
  it('HBA G2: sub-CA and end-entity CVCs chain to the bundled test root; RSA CVCs are not checked', async () => {
    const files = readdirSync(CVC_DIR).filter((f) => f.startsWith('HBAG2_')).sort();
    const r = await createTrustStore({ parser, verifier }).verifyCard({ x509: [], cvc: files.map(cvc) }, NOW);
    files.forEach((f, i) => {
      if (f.includes('R2048')) expect(r.cvc[i]!.status, f).toBe('notVerifiable');
      else expect({ f, s: r.cvc[i]!.status, e: r.cvc[i]!.environment }).toEqual({ f, s: 'verified', e: 'test' });
    });
    expect(r.authenticity.status).toBe('testCard');
  });

  it('any flipped bit in the body or signature of a verified CVC makes it fail', async () => {
    const ca = cvc('HBAG2_80276883110000017289_gema5__EF.C.CA_HPC.CS.E256.cvc');
    const ee = cvc('HBAG2_80276883110000017289_gema5__EF.C.HPC.AUTR_CVC.E256.cvc');
    const store = createTrustStore({ parser, verifier });
    for (let k = 0; k < 60; k++) {
      const bad = ee.slice();
      const pos = 3 + Math.floor(Math.random() * (bad.length - 3));
      bad[pos]! ^= 1 << Math.floor(Math.random() * 8);
      const r = await store.verifyCard({ x509: [], cvc: [ca, bad] }, NOW);
      expect(r.cvc[1]!.status, `byte ${pos}`).not.toBe('verified');
    }
  });

  it('an X.509 certificate in a CVC slot is reported plainly', async () => {
    const x509 = blobsOf(join(X509_DIR, 'GEM.SMCB-CA57__valid__PraxisBabetteBeyer.pem'))[0]!.bytes;
    const r = await createTrustStore({ parser, verifier }).verifyCard({ x509: [], cvc: [x509] }, NOW);
    expect(r.cvc[0]).toMatchObject({ status: 'notVerifiable', reason: 'x509InCvcFile' });
  });
});

describe('fuzzed input: no crash, no hang', () => {
  it('mutated TSL XML is refused or imported, never throws', async () => {
    const text = tsl('gemlibpki-rsa-TSL_default.xml');
    const store = createTrustStore({ parser, verifier });
    for (let k = 0; k < 12; k++) {
      const at = Math.floor(Math.random() * text.length);
      const variants = [text.slice(0, at), text.slice(0, at) + text.slice(at + 1 + Math.floor(Math.random() * 50)), `${text.slice(0, at)}<${text.slice(at)}`];
      for (const v of variants) {
        const r = await store.importTsl(v, NOW);
        expect(r.ok).toBe(false); // the RSA TSL's signer is untrusted anyway; a mutation must never make it ok
      }
    }
  }, 120_000);

  it('random CVC bytes never throw', async () => {
    const base = new Uint8Array(readFileSync(join(CVC_DIR, 'HBAG2_80276883110000017289_gema5__EF.C.CA_HPC.CS.E256.cvc')));
    const store = createTrustStore({ parser, verifier });
    for (let k = 0; k < 300; k++) {
      const b = base.slice(0, Math.floor(Math.random() * base.length) + 1);
      for (let j = 0; j < 3; j++) b[Math.floor(Math.random() * b.length)] = Math.floor(Math.random() * 256);
      const r = await store.verifyCard({ x509: [], cvc: [b] }, NOW);
      expect(r.cvc).toHaveLength(1);
    }
  });
});
