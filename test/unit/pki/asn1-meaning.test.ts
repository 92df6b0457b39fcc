// The ASN.1 viewer's decoded values for GeneralNames (OCSP URL, DNS names) and keyUsage bits, compared with
// OpenSSL's reading of every fixture certificate.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadCertificateParser, type CertificateParser, type DerTree } from '../../../src/domain/pki/index.ts';
import { generalNameText, keyUsageNames } from '../../../src/domain/pki/asn1-meaning.ts';
import { tagOf, tagClass, tagNumber, universal } from '../../../src/domain/pki/der.ts';
import { X509_DIR, x509Files, blobsOf } from './helpers.ts';

const OPENSSL_KEY_USAGE: Record<string, string> = {
  'Digital Signature': 'digitalSignature', 'Non Repudiation': 'nonRepudiation', 'Key Encipherment': 'keyEncipherment',
  'Data Encipherment': 'dataEncipherment', 'Key Agreement': 'keyAgreement', 'Certificate Sign': 'keyCertSign',
  'CRL Sign': 'cRLSign', 'Encipher Only': 'encipherOnly', 'Decipher Only': 'decipherOnly',
};

function opensslText(der: Uint8Array): string {
  const r = spawnSync('openssl', ['x509', '-inform', 'DER', '-noout', '-text'], { input: der, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
  return r.stdout;
}

const certs = x509Files().flatMap((f) => blobsOf(join(X509_DIR, f)).map((b) => ({ file: f, der: b.bytes, text: opensslText(b.bytes) })));
let parser: CertificateParser;
beforeAll(async () => { parser = await loadCertificateParser({ telematikIdValidator: null }); });

function walk(der: Uint8Array): DerTree {
  const t = parser.walk(der);
  if ('error' in t) throw new Error(t.error);
  return t;
}
const nodes = (t: DerTree) => Array.from({ length: t.count }, (_, i) => i);

describe('GeneralName strings', () => {
  it('every OCSP URI OpenSSL shows is the text of a [6] node, and no [6] node stays hex', () => {
    let uris = 0;
    for (const c of certs) {
      const expected = [...c.text.matchAll(/OCSP - URI:(\S+)/g)].map((m) => m[1]!);
      const t = walk(c.der);
      const uriNodes = nodes(t).filter((i) => tagClass(tagOf(t, i)) === 2 && tagNumber(tagOf(t, i)) === 6);
      const texts = uriNodes.map((i) => generalNameText(t, i));
      expect(texts.every((x) => x !== null), c.file).toBe(true);
      for (const uri of expected) expect(texts, c.file).toContain(uri);
      uris += expected.length;
    }
    expect(uris).toBeGreaterThan(20);
  });

  it('DNS names of subjectAltName read as text, like OpenSSL', () => {
    let seen = 0;
    for (const c of certs) {
      const expected = [...c.text.matchAll(/DNS:([^,\s]+)/g)].map((m) => m[1]!);
      if (expected.length === 0) continue;
      const t = walk(c.der);
      const texts = nodes(t).filter((i) => tagClass(tagOf(t, i)) === 2 && tagNumber(tagOf(t, i)) === 2).map((i) => generalNameText(t, i));
      for (const dns of expected) expect(texts, c.file).toContain(dns);
      seen += expected.length;
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('context tags outside GeneralNames are left alone (TBSCertificate version [0], key identifier [0])', () => {
    const t = walk(certs[0]!.der);
    const context = nodes(t).filter((i) => tagClass(tagOf(t, i)) === 2 && tagNumber(tagOf(t, i)) === 0);
    expect(context.length).toBeGreaterThan(0);
    for (const i of context) expect(generalNameText(t, i)).toBeNull();
  });
});

describe('keyUsage bits', () => {
  it('the keyUsage BIT STRING names exactly the usages OpenSSL lists; other BIT STRINGs get none', () => {
    let checked = 0;
    for (const c of certs) {
      const lines = c.text.split('\n');
      const at = lines.findIndex((l) => l.trim().startsWith('X509v3 Key Usage'));
      const t = walk(c.der);
      const named = nodes(t).filter((i) => universal(tagOf(t, i)) === 3).map((i) => keyUsageNames(t, i)).filter((n) => n !== null);
      if (at < 0) { expect(named, c.file).toEqual([]); continue; }
      const expected = lines[at + 1]!.trim().split(', ').map((n) => OPENSSL_KEY_USAGE[n]);
      expect(expected.every(Boolean), lines[at + 1]).toBe(true);
      expect(named, c.file).toEqual([expected]);
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });
});
