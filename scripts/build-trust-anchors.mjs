// Regenerates src/domain/pki/trust/anchors-data.ts (the ONE source of bundled trust anchors) from gematik's
// published roots. Run by hand when gematik publishes a new root: node scripts/build-trust-anchors.mjs [DIR]
// DIR defaults to ../shared/testdata/trust (layout: roots/{prod,ref,test}/*.pem, cvc/Atos_CVC-Root-CA/*.cvc).
// Origins are recorded in src/domain/pki/trust/ANCHORS-SOURCES.md. The app never reads DIR at run time.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.argv[2] ?? new URL('../../../shared/testdata/trust', import.meta.url).pathname;
const ENV_OF_FOLDER = { prod: 'production', ref: 'reference', test: 'test' };
const byFingerprint = new Map();

for (const [folder, environment] of Object.entries(ENV_OF_FOLDER)) {
  for (const name of readdirSync(join(dir, 'roots', folder)).filter((n) => n.endsWith('.pem')).sort()) {
    const pem = readFileSync(join(dir, 'roots', folder, name), 'utf8');
    const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    const fp = createHash('sha256').update(der).digest('hex');
    const role = name.includes('_CROSS_') ? 'cross' : 'root';
    const entry = byFingerprint.get(fp) ?? { format: 'x509', role, files: [], environments: [], der: der.toString('base64') };
    entry.files.push(`roots/${folder}/${name}`);
    if (!entry.environments.includes(environment)) entry.environments.push(environment);
    byFingerprint.set(fp, entry);
  }
}
// TSL signer CAs are not in the TSL itself (only its signer certificate is): bundled as intermediates, still
// verified up to a bundled root. Only TEST-ONLY ones are published in gematik's open-source test data.
for (const name of ['GEM.TSL-CA40__GEM.TSL-CA40-TEST-ONLY.pem', 'GEM.TSL-CA51__GEM.TSL-CA51-TEST-ONLY.pem', 'GEM.TSL-CA52__GEM.TSL-CA52_TEST-ONLY.cer']) {
  const text = readFileSync(join(dir, '..', 'certs', 'gemlibpki', name));
  const pem = text.toString('latin1');
  const der = pem.includes('-----BEGIN') ? Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64') : text;
  const fp = createHash('sha256').update(der).digest('hex');
  byFingerprint.set(fp, { format: 'x509', role: 'tsl-signer-ca', files: [`certs/gemlibpki/${name}`], environments: ['test'], der: der.toString('base64') });
}
// The current ECC TSL signer CAs as gematik distributes them (download.tsl.ti-dienste.de/ECC/GEM.TSL-CA3.der,
// download-test.tsl.ti-dienste.de/ECC/GEM.TSL-CA28_TEST-ONLY.der), copied from gematik/zero-lab go/gempki
// (tslAnchorProdB64, tslAnchorTestB64). Verified up to GEM.RCA4 / GEM.RCA4 TEST-ONLY like every CA.
const TSL_SIGNER_CAS = [
  ['GEM.TSL-CA3', ['production'], 'MIICjDCCAjOgAwIBAgIBBTAKBggqhkjOPQQDAjBtMQswCQYDVQQGEwJERTEVMBMGA1UECgwMZ2VtYXRpayBHbWJIMTQwMgYDVQQLDCtaZW50cmFsZSBSb290LUNBIGRlciBUZWxlbWF0aWtpbmZyYXN0cnVrdHVyMREwDwYDVQQDDAhHRU0uUkNBNDAeFw0yMDA1MjcwNjUwNDhaFw0yODA1MjUwNjUwNDdaMG0xCzAJBgNVBAYTAkRFMRUwEwYDVQQKDAxnZW1hdGlrIEdtYkgxMTAvBgNVBAsMKFRTTC1TaWduZXItQ0EgZGVyIFRlbGVtYXRpa2luZnJhc3RydWt0dXIxFDASBgNVBAMMC0dFTS5UU0wtQ0EzMFowFAYHKoZIzj0CAQYJKyQDAwIIAQEHA0IABDPzDlOS6feaAf6QU9F8h9mgjTfsYkSRdAMxn1V9ZsfPCBs3zrpoC91PB0yWoFISKMCT3f8yvv4YAzjZINjILGWjgcIwgb8wHQYDVR0OBBYEFMMsMKxW1CeyxmfnYXwn65ARCcHDMB8GA1UdIwQYMBaAFIBhcBkcOO3ia+ShLqsiPnXJlP59MEIGCCsGAQUFBwEBBDYwNDAyBggrBgEFBQcwAYYmaHR0cDovL29jc3Aucm9vdC1jYS50aS1kaWVuc3RlLmRlL29jc3AwEgYDVR0TAQH/BAgwBgEB/wIBADAOBgNVHQ8BAf8EBAMCAQYwFQYDVR0gBA4wDDAKBggqghQATASBIzAKBggqhkjOPQQDAgNHADBEAiAxRlgS0mGX6nIf2LtN/vWz9THU291hq/dwy3ao9RW1zgIgEciAKta15WepEr0A68mv7mCHuv/mtvJ8PWUlpIAjJC8='],
  ['GEM.TSL-CA28 TEST-ONLY', ['test', 'reference'], 'MIICwDCCAmagAwIBAgIBETAKBggqhkjOPQQDAjCBgTELMAkGA1UEBhMCREUxHzAdBgNVBAoMFmdlbWF0aWsgR21iSCBOT1QtVkFMSUQxNDAyBgNVBAsMK1plbnRyYWxlIFJvb3QtQ0EgZGVyIFRlbGVtYXRpa2luZnJhc3RydWt0dXIxGzAZBgNVBAMMEkdFTS5SQ0E0IFRFU1QtT05MWTAeFw0yMDA0MDgwOTE1NDdaFw0yODA0MDYwOTE1NDZaMIGCMQswCQYDVQQGEwJERTEfMB0GA1UECgwWZ2VtYXRpayBHbWJIIE5PVC1WQUxJRDExMC8GA1UECwwoVFNMLVNpZ25lci1DQSBkZXIgVGVsZW1hdGlraW5mcmFzdHJ1a3R1cjEfMB0GA1UEAwwWR0VNLlRTTC1DQTI4IFRFU1QtT05MWTBaMBQGByqGSM49AgEGCSskAwMCCAEBBwNCAARcg9HFYez8wU/bMF2h+j8BvS/bkyba2NYsyaHgdt3PHivQ58jF5CkYD49+Zc1sp0h3tIz1DFV7039BpAm4X7mKo4HKMIHHMB0GA1UdDgQWBBTqUWct00UPblX3NMVz7YyqTNrdVDAfBgNVHSMEGDAWgBRR29lmQrNKKz9XLFSNhXMd51fPfzBKBggrBgEFBQcBAQQ+MDwwOgYIKwYBBQUHMAGGLmh0dHA6Ly9vY3NwLXRlc3RyZWYucm9vdC1jYS50aS1kaWVuc3RlLmRlL29jc3AwEgYDVR0TAQH/BAgwBgEB/wIBADAOBgNVHQ8BAf8EBAMCAQYwFQYDVR0gBA4wDDAKBggqghQATASBIzAKBggqhkjOPQQDAgNIADBFAiEAj8RC7GXTW8a/dCprgFfAcJIv62mcTHIpamgmdmp+3d4CIAuuxVnjfdWMG89kb37tDEfwHwv6/LtjQeCYFnLkHnII'],
];
for (const [name, environments, b64] of TSL_SIGNER_CAS) {
  const der = Buffer.from(b64, 'base64');
  const fp = createHash('sha256').update(der).digest('hex');
  byFingerprint.set(fp, { format: 'x509', role: 'tsl-signer-ca', files: [`zero-lab go/gempki: ${name}`], environments, der: der.toString('base64') });
}
const cvcDir = join(dir, 'cvc', 'Atos_CVC-Root-CA');
for (const name of readdirSync(cvcDir).filter((n) => n.endsWith('.cvc')).sort()) {
  const der = readFileSync(join(cvcDir, name));
  // DEGXX… roots are gematik's test CV roots; DEZGW… ones are reportedly production (unconfirmed, see trust.md).
  const environments = name.startsWith('DEGXX') ? ['test'] : ['production'];
  const fp = createHash('sha256').update(der).digest('hex');
  const role = name.includes('_cross') ? 'cross' : 'root';
  byFingerprint.set(fp, { format: 'cvc', role, files: [`cvc/Atos_CVC-Root-CA/${name}`], environments, der: der.toString('base64'), ...(name.startsWith('DEZGW') ? { unconfirmed: true } : {}) });
}

const lines = [...byFingerprint.values()].map((e) => `  ${JSON.stringify(e)},`);
writeFileSync(new URL('../src/domain/pki/trust/anchors-data.ts', import.meta.url), `// GENERATED by scripts/build-trust-anchors.mjs — do not edit by hand. Origins: ./ANCHORS-SOURCES.md.
// Bundled trust anchors: gematik's X.509 root CAs (GEM.RCA…) with their cross-certificates, and the CV root
// and cross CVCs. \`environments\`: where gematik lists it (production / reference / test; TEST-ONLY roots are
// shared by reference and test). \`unconfirmed\`: the environment comes from a third-party source only.
export interface BundledAnchor {
  format: 'x509' | 'cvc';
  /** root: self-signed trust anchor · cross: links two root generations · tsl-signer-ca: issues TSL signer certificates. */
  role: 'root' | 'cross' | 'tsl-signer-ca';
  files: string[];
  environments: ('production' | 'reference' | 'test')[];
  der: string;
  unconfirmed?: boolean;
}

export const BUNDLED_ANCHORS: readonly BundledAnchor[] = [
${lines.join('\n')}
];
`);
console.log(`${byFingerprint.size} anchors`);
