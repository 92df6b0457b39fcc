// Field-by-field comparison of our X.509 records with OpenSSL's own parse of every fixture certificate.
// OpenSSL is part of the CI machine: a missing `openssl` fails this test loudly (it must not skip).
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadCertificateParser, isParseError, type CertificateParser, type X509Record } from '../../../src/domain/pki/index.ts';
import { X509_DIR, x509Files, blobsOf } from './helpers.ts';

function openssl(args: string[], input: Uint8Array): string {
  const r = spawnSync('openssl', args, { input, encoding: 'utf8' });
  if (r.error) throw new Error(`openssl is required for this test and could not be run: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** `-nameopt multiline,sname`: one line per RDN, multi-valued ones joined by ' + '. */
function parseMultilineName(block: string): [string, string][][] {
  return block.split('\n').filter((l) => l.startsWith('    ')).map((line) =>
    line.trim().split(/ \+ (?=[A-Za-z0-9.]+\s*= )/).map((atv) => {
      const m = /^([A-Za-z0-9.]+)\s*= (.*)$/.exec(atv)!;
      return [m[1]!, m[2]!] as [string, string];
    }));
}

const KU: Record<string, string> = {
  'Digital Signature': 'digitalSignature', 'Non Repudiation': 'nonRepudiation', 'Key Encipherment': 'keyEncipherment',
  'Data Encipherment': 'dataEncipherment', 'Key Agreement': 'keyAgreement', 'Certificate Sign': 'keyCertSign',
  'CRL Sign': 'cRLSign', 'Encipher Only': 'encipherOnly', 'Decipher Only': 'decipherOnly',
};
const EKU: Record<string, string> = {
  'TLS Web Client Authentication': 'clientAuth', 'TLS Web Server Authentication': 'serverAuth', 'E-mail Protection': 'emailProtection',
  'Code Signing': 'codeSigning', 'Time Stamping': 'timeStamping', 'OCSP Signing': 'OCSPSigning',
};
const EXT: Record<string, string> = {
  'X509v3 Key Usage': 'keyUsage', 'X509v3 Extended Key Usage': 'extKeyUsage', 'X509v3 Basic Constraints': 'basicConstraints',
  'X509v3 Certificate Policies': 'certificatePolicies', 'X509v3 Subject Alternative Name': 'subjectAltName',
  'Authority Information Access': 'authorityInfoAccess', 'X509v3 Subject Key Identifier': 'subjectKeyIdentifier',
  'X509v3 Authority Key Identifier': 'authorityKeyIdentifier', 'X509v3 CRL Distribution Points': 'cRLDistributionPoints',
  'Professional Information or basis for Admission': 'admission', qcStatements: 'qcStatements',
};

/** OpenSSL prints each non-ASCII byte of a professionItem as '.'. */
const asOpensslAscii = (s: string) => [...new TextEncoder().encode(s)].map((b) => (b >= 0x80 ? '.' : String.fromCharCode(b))).join('');

/** Lines of one extension's body in `-text` output. */
function extensionBody(text: string, header: string): string[] {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.trim().startsWith(`${header}:`));
  if (at < 0) return [];
  const body: string[] = [];
  for (let i = at + 1; i < lines.length && /^ {16}/.test(lines[i]!); i++) body.push(lines[i]!.trim());
  return body;
}

let parser: CertificateParser;
beforeAll(async () => { parser = await loadCertificateParser({ telematikIdValidator: null }); });

describe('X.509 records equal OpenSSL’s parse, field by field', () => {
  const files = x509Files();
  it('has the fixture certificates', () => expect(files.length).toBeGreaterThanOrEqual(50));

  for (const file of files) {
    it(file, () => {
      for (const blob of blobsOf(join(X509_DIR, file))) {
        const rec = parser.parseX509(blob.bytes);
        if (isParseError(rec)) throw new Error(`parse failed: ${JSON.stringify(rec)}`);
        const r = rec as X509Record;
        const fields = openssl(['x509', '-inform', 'DER', '-noout', '-serial', '-startdate', '-enddate', '-dateopt', 'iso_8601'], blob.bytes);
        const serial = /serial=([0-9A-F]+)/.exec(fields)![1]!;
        expect(r.serialNumber).toBe(serial);
        expect(r.notBefore).toBe(/notBefore=(\S+) (\S+)Z/.exec(fields)!.slice(1, 3).join('T') + 'Z');
        expect(r.notAfter).toBe(/notAfter=(\S+) (\S+)Z/.exec(fields)!.slice(1, 3).join('T') + 'Z');

        for (const which of ['subject', 'issuer'] as const) {
          const out = openssl(['x509', '-inform', 'DER', '-noout', `-${which}`, '-nameopt', 'multiline,utf8,-esc_msb,sname'], blob.bytes);
          const expected = parseMultilineName(out);
          expect(r[which].rdns.map((rdn) => rdn.map((a) => [a.type, a.value]))).toEqual(expected);
        }

        const text = openssl(['x509', '-inform', 'DER', '-noout', '-text'], blob.bytes);
        expect(r.version).toBe(Number(/Version: (\d+)/.exec(text)![1]));
        expect(r.signatureAlgorithm.name).toBe(/Signature Algorithm: (\S+)/.exec(text)![1]);
        expect(r.publicKey.bits).toBe(Number(/Public-Key: \((\d+) bit\)/.exec(text)![1]));
        const curve = /ASN1 OID: (\S+)/.exec(text)?.[1] ?? null;
        expect(r.publicKey.curve).toBe(curve);
        expect(r.publicKey.algorithm).toBe(text.includes('rsaEncryption') ? 'RSA' : 'EC');

        // Extension list with criticality, in order
        const headers = [...text.matchAll(/^ {12}([A-Za-z0-9][A-Za-z0-9. ]*?): ?(critical)?\s*$/gm)]
          .filter((m) => m[1] !== 'Not Before' && m[1] !== 'Not After')
          .map((m) => [EXT[m[1]!] ?? m[1]!, m[2] === 'critical']);
        expect(r.extensions.map((e) => [e.name, e.critical])).toEqual(headers);

        const ku = extensionBody(text, 'X509v3 Key Usage')[0];
        expect(r.keyUsage).toEqual(ku ? ku.split(', ').map((k) => KU[k]) : null);
        const eku = extensionBody(text, 'X509v3 Extended Key Usage')[0];
        expect(r.extKeyUsage?.map((e) => e.name) ?? null).toEqual(eku ? eku.split(', ').map((k) => EKU[k] ?? k) : null);
        const bc = extensionBody(text, 'X509v3 Basic Constraints')[0];
        expect(r.basicConstraints ? `CA:${r.basicConstraints.ca ? 'TRUE' : 'FALSE'}${r.basicConstraints.pathLength !== null ? `, pathlen:${r.basicConstraints.pathLength}` : ''}` : undefined).toBe(bc);
        expect(r.policies).toEqual([...text.matchAll(/Policy: (\S+)/g)].map((m) => m[1]));
        expect(r.subjectKeyIdentifier?.match(/../g)?.join(':')).toBe(extensionBody(text, 'X509v3 Subject Key Identifier')[0]);
        const aki = extensionBody(text, 'X509v3 Authority Key Identifier')[0]?.replace(/^keyid:/, '');
        expect(r.authorityKeyIdentifier?.match(/../g)?.join(':')).toBe(aki);
        expect(r.ocsp).toEqual([...text.matchAll(/OCSP - URI:(\S+)/g)].map((m) => m[1]));
        expect(r.crlDistributionPoints).toEqual(extensionBody(text, 'X509v3 CRL Distribution Points').filter((l) => l.startsWith('URI:')).map((l) => l.slice(4)));
        const san = extensionBody(text, 'X509v3 Subject Alternative Name')[0];
        const sanOf = (g: { type: string; value: string }) => (g.type === 'email' ? `email:${g.value}` : g.type === 'dns' ? `DNS:${g.value}` : g.type === 'uri' ? `URI:${g.value}` : null);
        if (san && !san.startsWith('othername')) expect(r.subjectAltNames.map(sanOf).join(', ')).toBe(san);

        // Admission: registrationNumber, professionItems, professionOIDs
        const adm = extensionBody(text, 'Professional Information or basis for Admission');
        if (adm.length === 0) expect(r.admission).toBeNull();
        else {
          expect(r.admission).not.toBeNull();
          const reg = adm.filter((l) => l.startsWith('registrationNumber: ')).map((l) => l.slice('registrationNumber: '.length));
          expect(r.admission!.professionInfos.map((p) => p.registrationNumber).filter((x) => x !== null)).toEqual(reg);
          expect(r.admission!.professionOids).toEqual(adm.flatMap((l) => /\((\d[\d.]+)\)$/.exec(l)?.[1] ?? []));
          const itemsStart = adm.indexOf('Info Entries:');
          const itemsEnd = adm.findIndex((l, k) => k > itemsStart && /:$/.test(l));
          const items = itemsStart < 0 ? [] : adm.slice(itemsStart + 1, itemsEnd < 0 ? undefined : itemsEnd);
          expect(r.admission!.professionItems.map(asOpensslAscii)).toEqual(items);
        }
      }
    });
  }
});
