// Problem checks against the real GemLibPki test certificates. Expectations come from OpenSSL's reading of
// each certificate's bytes (critical flags, extended key usage, key identifiers, names), not from our parser.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCertificateParser, analyseFile, withIssuerChecks, isParseError, problemText, type CertificateParser, type Problem } from '../../../src/domain/pki/index.ts';
import { loadTelematikIdValidator } from '../../../src/domain/telematik-id/index.ts';
import { reasonMessage } from '../../../src/domain/telematik-id/message.ts';
import { oidInfo } from '../../../src/domain/pki/oids.ts';
import { reportOf, isReportError, type CertificateReport } from '../../../src/domain/pki/report.ts';
import { X509_DIR, x509Files, blobsOf } from './helpers.ts';

function openssl(args: string[], input: Uint8Array): string {
  const r = spawnSync('openssl', args, { input, encoding: 'utf8' });
  if (r.error) throw new Error(`openssl is required for this test and could not be run: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

interface Fixture { file: string; der: Uint8Array; text: string; issuer: string; subject: string }
const fixtures: Fixture[] = [];
for (const file of x509Files()) {
  for (const b of blobsOf(join(X509_DIR, file))) {
    const text = openssl(['x509', '-inform', 'DER', '-noout', '-text'], b.bytes);
    const names = openssl(['x509', '-inform', 'DER', '-noout', '-issuer', '-subject', '-nameopt', 'RFC2253'], b.bytes);
    fixtures.push({ file, der: b.bytes, text, issuer: /^issuer=(.*)$/m.exec(names)![1]!, subject: /^subject=(.*)$/m.exec(names)![1]! });
  }
}
const fixture = (part: string) => fixtures.find((f) => f.file.includes(part))!;

/** Extension headers OpenSSL marks critical, e.g. ['X509v3 Key Usage', 'qcStatements']. */
const criticalHeaders = (text: string) => [...text.matchAll(/^ {12}([A-Za-z0-9][A-Za-z0-9. ]*?): critical\s*$/gm)].map((m) => m[1]!);
const extensionLine = (text: string, header: string) => {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.trim().startsWith(`${header}:`));
  return at < 0 ? null : lines[at + 1]!.trim();
};
const policies = (text: string) => [...text.matchAll(/Policy: (\S+)/g)].map((m) => m[1]!);
const isCa = (text: string) => extensionLine(text, 'X509v3 Basic Constraints') === 'CA:TRUE' || /CA:TRUE/.test(extensionLine(text, 'X509v3 Basic Constraints') ?? '');
const hasAdmission = (text: string) => text.includes('Professional Information or basis for Admission');
/** Issuer CN in gematik's sub-CA naming `<TSP>.<kind>-CA<n>` (GEM.SMCB-CA57 TEST-ONLY, GEM.HBA-qCA6 …). */
const issuedByTiSubCa = (issuer: string) => /(?:^|,)CN=[A-Z0-9-]+\.[A-Z0-9-]+-q?CA\d+(?:[ ,]|$)/i.test(issuer);
/** End-entity certificate of the TI: not a CA and a gematik policy, the admission extension or a TI sub-CA as issuer. */
const tiEndEntity = (text: string, issuer = '') => !isCa(text)
  && (policies(text).some((p) => p.startsWith('1.2.276.0.76.4.')) || hasAdmission(text) || issuedByTiSubCa(issuer));

let parser: CertificateParser;
beforeAll(async () => { parser = await loadCertificateParser({ telematikIdValidator: null }); });

function problemsOf(der: Uint8Array): Problem[] {
  const rec = parser.parseX509(der);
  if (isParseError(rec)) throw new Error(rec.error);
  return parser.check(rec, new Date('2025-06-01T00:00:00Z')).problems;
}
const codes = (ps: Problem[]) => ps.map((p) => p.code);

describe('critical extensions (gemSpec_PKI: only basicConstraints and keyUsage)', () => {
  it('GemLibPki "invalid-extension-crit" (critical qcStatements) is flagged, "-not-crit" is not', () => {
    const crit = fixture('invalid-extension-crit');
    expect(criticalHeaders(crit.text)).toContain('qcStatements');
    expect(problemsOf(crit.der)).toContainEqual(expect.objectContaining({ code: 'CRITICAL_EXTENSION_NOT_ALLOWED', severity: 'error', params: expect.objectContaining({ name: 'qcStatements' }) }));
    const notCrit = fixture('invalid-extension-not-crit');
    expect(criticalHeaders(notCrit.text).sort()).toEqual(['X509v3 Basic Constraints', 'X509v3 Key Usage']);
    expect(codes(problemsOf(notCrit.der))).not.toContain('CRITICAL_EXTENSION_NOT_ALLOWED');
    expect(codes(problemsOf(notCrit.der))).not.toContain('UNKNOWN_CRITICAL_EXTENSION');
  });

  it('every fixture: flagged exactly when OpenSSL shows another critical extension on a TI end-entity certificate', () => {
    for (const f of fixtures) {
      const others = criticalHeaders(f.text).filter((h) => h !== 'X509v3 Key Usage' && h !== 'X509v3 Basic Constraints');
      const flagged = problemsOf(f.der).filter((p) => p.code === 'CRITICAL_EXTENSION_NOT_ALLOWED');
      expect(flagged.length, f.file).toBe(tiEndEntity(f.text, f.issuer) ? others.length : 0);
    }
  });
});

describe('extended key usage per certificate type', () => {
  it('C.HCI.AUT with serverAuth (GemLibPki "invalid-ext-keyusage") is wrong, without EKU ("missing-extKeyUsage") is missing', () => {
    const wrong = fixture('invalid-ext-keyusage');
    expect(policies(wrong.text)).toContain('1.2.276.0.76.4.77'); // oid_smc_b_aut = C.HCI.AUT
    expect(extensionLine(wrong.text, 'X509v3 Extended Key Usage')).toBe('TLS Web Server Authentication');
    expect(problemsOf(wrong.der)).toContainEqual({ code: 'WRONG_EXT_KEY_USAGE', severity: 'error', params: { type: 'C.HCI.AUT', expected: 'clientAuth', actual: 'serverAuth' } });
    const missing = fixture('missing-extKeyUsage');
    expect(extensionLine(missing.text, 'X509v3 Extended Key Usage')).toBeNull();
    expect(problemsOf(missing.der)).toContainEqual({ code: 'MISSING_EXT_KEY_USAGE', severity: 'error', params: { type: 'C.HCI.AUT', expected: 'clientAuth' } });
  });

  it('every C.HCI.AUT fixture is flagged exactly when its EKU is not clientAuth alone', () => {
    const hciAut = fixtures.filter((f) => policies(f.text).includes('1.2.276.0.76.4.77') && !isCa(f.text));
    expect(hciAut.length).toBeGreaterThan(15);
    for (const f of hciAut) {
      const eku = extensionLine(f.text, 'X509v3 Extended Key Usage');
      const flagged = codes(problemsOf(f.der)).filter((c) => c === 'WRONG_EXT_KEY_USAGE' || c === 'MISSING_EXT_KEY_USAGE');
      expect(flagged.length > 0, f.file).toBe(eku !== 'TLS Web Client Authentication');
    }
  });

  it('service TLS certificates: policy …168 is C.FD.TLS-C (clientAuth), …169 C.FD.TLS-S (serverAuth), no EKU problem', () => {
    const tls = fixtures.filter((f) => policies(f.text).some((p) => p === '1.2.276.0.76.4.168' || p === '1.2.276.0.76.4.169'));
    expect(tls.length).toBeGreaterThanOrEqual(3);
    for (const f of tls) {
      const rec = parser.parseX509(f.der);
      if (isParseError(rec)) throw new Error(rec.error);
      const client = policies(f.text).includes('1.2.276.0.76.4.168');
      expect(extensionLine(f.text, 'X509v3 Extended Key Usage'), f.file).toBe(client ? 'TLS Web Client Authentication' : 'TLS Web Server Authentication');
      expect(rec.format === 'x509' && rec.certificateType).toBe(client ? 'C.FD.TLS-C' : 'C.FD.TLS-S');
      expect(codes(problemsOf(f.der)), f.file).not.toContain('WRONG_EXT_KEY_USAGE');
    }
  });
});

describe('authority key identifier', () => {
  it('missing exactly when OpenSSL shows none on a certificate whose issuer is not itself', () => {
    expect(extensionLine(fixture('missing-authorityKeyId').text, 'X509v3 Authority Key Identifier')).toBeNull();
    expect(codes(problemsOf(fixture('missing-authorityKeyId').der))).toContain('MISSING_AUTHORITY_KEY_ID');
    const self = fixture('BabetteBeyer-selfsigned');
    expect(self.issuer).toBe(self.subject);
    expect(codes(problemsOf(self.der))).not.toContain('MISSING_AUTHORITY_KEY_ID');
    for (const f of fixtures) {
      const missing = extensionLine(f.text, 'X509v3 Authority Key Identifier') === null && f.issuer !== f.subject;
      expect(codes(problemsOf(f.der)).includes('MISSING_AUTHORITY_KEY_ID'), f.file).toBe(missing);
    }
  });

  function reportsOf(files: { name: string; der: Uint8Array }[]): CertificateReport[] {
    return files.flatMap((f) => analyseFile(parser, f.name, f.der).map(reportOf)).filter((r): r is CertificateReport => !isReportError(r));
  }
  const keyId = (text: string, header: string) => extensionLine(text, header)!.replace(/^keyid:/, '');

  it('all fixtures together: a mismatch exactly where OpenSSL shows an issuer (by name) whose SKI differs from the AKI', () => {
    const checked = withIssuerChecks(reportsOf(fixtures.map((f) => ({ name: f.file, der: f.der }))));
    let pairs = 0;
    fixtures.forEach((f, k) => {
      const aki = extensionLine(f.text, 'X509v3 Authority Key Identifier')?.replace(/^keyid:/, '') ?? null;
      const issuers = fixtures.filter((c) => c.subject === f.issuer && (c !== f || f.issuer === f.subject) && extensionLine(c.text, 'X509v3 Subject Key Identifier'));
      if (aki && issuers.length > 0) pairs++;
      const expected = aki !== null && issuers.length > 0 && !issuers.some((c) => keyId(c.text, 'X509v3 Subject Key Identifier') === aki);
      expect(codes(checked[k]!.problems).includes('AUTHORITY_KEY_ID_MISMATCH'), f.file).toBe(expected);
    });
    expect(pairs).toBeGreaterThan(20); // the comparison really ran for most certificates
  });

  it('a real certificate whose AKI bytes were changed is flagged against its real issuer, and only when the issuer is there', () => {
    const leaf = fixture('valid__PraxisBabetteBeyer.der');
    const ca = fixture('GEM.SMCB-CA57__GEM.SMCB-CA57-TEST-ONLY');
    const aki = keyId(leaf.text, 'X509v3 Authority Key Identifier');
    expect(aki).toBe(keyId(ca.text, 'X509v3 Subject Key Identifier'));
    // AKI extension value: 30 16 80 14 <20 bytes>; change its last byte
    const akiBytes = Uint8Array.from(aki.split(':').map((h) => parseInt(h, 16)));
    const changed = new Uint8Array(leaf.der); // a copy (Buffer.slice would share memory)
    const at = Buffer.from(changed).indexOf(Buffer.from([0x80, 0x14, ...akiBytes]));
    expect(at).toBeGreaterThan(0);
    changed[at + 2 + 19] = changed[at + 2 + 19]! ^ 0xff;
    const changedAki = openssl(['x509', '-inform', 'DER', '-noout', '-text'], changed);
    expect(keyId(changedAki, 'X509v3 Authority Key Identifier')).not.toBe(aki);

    const withIssuer = withIssuerChecks(reportsOf([{ name: 'leaf.der', der: changed }, { name: 'ca.pem', der: ca.der }]));
    expect(withIssuer[0]!.problems).toContainEqual({
      code: 'AUTHORITY_KEY_ID_MISMATCH', severity: 'error',
      params: { aki: keyId(changedAki, 'X509v3 Authority Key Identifier'), ski: keyId(ca.text, 'X509v3 Subject Key Identifier'), issuer: withIssuer[0]!.issuer },
    });
    expect(codes(withIssuer[1]!.problems)).not.toContain('AUTHORITY_KEY_ID_MISMATCH');
    // the original with its issuer: consistent
    expect(codes(withIssuerChecks(reportsOf([{ name: 'leaf.der', der: leaf.der }, { name: 'ca.pem', der: ca.der }]))[0]!.problems)).not.toContain('AUTHORITY_KEY_ID_MISMATCH');
    // without the issuer nothing can be compared
    expect(codes(withIssuerChecks(reportsOf([{ name: 'leaf.der', der: changed }]))[0]!.problems)).not.toContain('AUTHORITY_KEY_ID_MISMATCH');
    // re-running over a grown set does not repeat the problem
    expect(codes(withIssuerChecks(withIssuer)[0]!.problems).filter((c) => c === 'AUTHORITY_KEY_ID_MISMATCH')).toHaveLength(1);
  });

  it('ti-cert compares key identifiers across the files it is given', () => {
    const leaf = fixture('valid__PraxisBabetteBeyer.der');
    const changed = new Uint8Array(leaf.der); // a copy (Buffer.slice would share memory)
    const aki = keyId(leaf.text, 'X509v3 Authority Key Identifier').split(':').map((h) => parseInt(h, 16));
    const last = Buffer.from(changed).indexOf(Buffer.from([0x80, 0x14, ...aki])) + 21;
    changed[last] = changed[last]! ^ 0xff;
    const dir = mkdtempSync(join(tmpdir(), 'ti-cert-aki-'));
    writeFileSync(join(dir, 'leaf.der'), changed);
    const root = resolve(__dirname, '../../..');
    const run = (...files: string[]) => spawnSync(process.execPath, [join(root, 'bin/ti-cert.mjs'), '--json', ...files], { cwd: root, encoding: 'utf8' });
    const together = run(join(dir, 'leaf.der'), join(X509_DIR, 'GEM.SMCB-CA57__GEM.SMCB-CA57-TEST-ONLY.pem'));
    const first = JSON.parse(together.stdout.split('\n')[0]!);
    expect(first.problems.map((p: Problem) => p.code)).toContain('AUTHORITY_KEY_ID_MISMATCH');
    expect(together.status).toBe(1);
    const alone = JSON.parse(run(join(dir, 'leaf.der')).stdout.split('\n')[0]!);
    expect(alone.problems.map((p: Problem) => p.code)).not.toContain('AUTHORITY_KEY_ID_MISMATCH');
  });
});

describe('certificate type (gematik policy) on TI end-entity certificates', () => {
  /** Policies OpenSSL shows that gemSpec_OID names as a certificate type (C.HCI.AUT = …4.77 etc.). */
  const typePolicies = (text: string) => policies(text).filter((p) => p.startsWith('1.2.276.0.76.4.') && oidInfo(p)?.kind === 'certType');

  it('GemLibPki "missing-policyId" (empty certificatePolicies) and "missing-certificate-type" are both flagged', () => {
    for (const part of ['missing-policyId', 'missing-certificate-type']) {
      const f = fixture(part);
      expect(typePolicies(f.text), part).toEqual([]);
      expect(isCa(f.text), part).toBe(false);
      expect(codes(problemsOf(f.der)), part).toContain('MISSING_CERTIFICATE_TYPE');
    }
    // The policy-less one is recognised by its admission and its issuer, since it has no gematik policy at all.
    const noPolicy = fixture('missing-policyId');
    expect(policies(noPolicy.text)).toEqual([]);
    expect(hasAdmission(noPolicy.text)).toBe(true);
    expect(issuedByTiSubCa(noPolicy.issuer)).toBe(true);
  });

  it('every fixture: flagged exactly when OpenSSL shows a TI end-entity certificate without a certificate-type policy', () => {
    let flaggedCount = 0;
    for (const f of fixtures) {
      const expected = tiEndEntity(f.text, f.issuer) && typePolicies(f.text).length === 0;
      const flagged = codes(problemsOf(f.der)).includes('MISSING_CERTIFICATE_TYPE');
      expect(flagged, f.file).toBe(expected);
      if (flagged) flaggedCount++;
    }
    expect(flaggedCount).toBe(2); // the two GemLibPki certificates built for it, nothing else
  });

  it('CA certificates (GEM.RCA-issued sub-CAs) are never asked for a certificate type', () => {
    const cas = fixtures.filter((f) => isCa(f.text));
    expect(cas.length).toBeGreaterThan(5);
    for (const f of cas) expect(codes(problemsOf(f.der)), f.file).not.toContain('MISSING_CERTIFICATE_TYPE');
  });
});

describe('Telematik-ID problem text names the part, not the reason code', () => {
  it('on every fixture with a Telematik-ID problem the text is the validator message, in German and English', async () => {
    const validator = await loadTelematikIdValidator();
    const withValidator = await loadCertificateParser({ telematikIdValidator: validator });
    let seen = 0;
    for (const f of fixtures) {
      const rec = withValidator.parseX509(f.der);
      if (isParseError(rec)) throw new Error(rec.error);
      // registrationNumber as OpenSSL reads it from the admission extension
      const id = /registrationNumber: (.+)$/m.exec(f.text)?.[1]?.trim();
      for (const p of withValidator.check(rec, new Date('2025-06-01T00:00:00Z')).problems) {
        if (p.code !== 'TELEMATIK_ID_INVALID' && p.code !== 'TELEMATIK_ID_WARNING') continue;
        seen++;
        expect(id, f.file).toBeDefined();
        const result = validator.validate(id!);
        for (const locale of ['de', 'en'] as const) {
          const text = problemText(p, locale);
          expect(text, f.file).toContain(reasonMessage(result, locale));
          expect(text, f.file).not.toMatch(/TID_[A-Z_]+/);
        }
      }
    }
    expect(seen).toBeGreaterThan(10);
  });

  it('ti-cert human output shows the message naming the part', () => {
    const r = spawnSync(process.execPath, [resolve(__dirname, '../../../bin/ti-cert.mjs'), join(X509_DIR, 'GEM.SMCB-CA57__invalid__BabetteBeyer-missing-policyId.pem')],
      { encoding: 'utf8', env: { ...process.env, LANG: 'de_DE.UTF-8' } });
    const id = /registrationNumber: (.+)$/m.exec(fixture('missing-policyId').text)![1]!.trim();
    expect(id).toBe('1-20a1201-001');
    const line = r.stdout.split('\n').find((l) => l.includes('Telematik-ID folgt nur dem allgemeinen Format'));
    expect(line, r.stdout).toBeDefined();
    expect(line).not.toMatch(/TID_/);
    expect(line).toContain('„a“'); // the letter in the BSNR part is what is wrong
  });
});
