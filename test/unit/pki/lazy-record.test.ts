// The X.509 record is lazy (fields decoded on first read from the wasm node table). These tests pin what
// that must not change: a record read after other certificates were parsed (the node table reused) gives
// the same values as one read at once, and plainRecord / JSON / structured clone carry every field.
import { describe, it, expect, beforeAll } from 'vitest';
import { loadCertificateParser, isParseError, plainRecord, type CertificateParser, type X509Record } from '../../../src/domain/pki/index.ts';
import { allCertificates } from './helpers.ts';

let parser: CertificateParser;
beforeAll(async () => { parser = await loadCertificateParser({ telematikIdValidator: null }); });

const x509 = () => allCertificates().filter((c) => c.bytes[0] === 0x30);

function parse(bytes: Uint8Array): X509Record {
  const r = parser.parseX509(bytes);
  if (isParseError(r)) throw new Error(r.error);
  return r as X509Record;
}

describe('lazy X.509 records', () => {
  it('fields read after other parses (node table reused) equal fields read at once', () => {
    const certs = x509();
    expect(certs.length).toBeGreaterThanOrEqual(50);
    const atOnce = certs.map((c) => plainRecord(parse(c.bytes)));
    const records = certs.map((c) => parse(c.bytes)); // every parse overwrites the previous node table
    // read in reverse, so each record must walk its own bytes again
    for (let k = records.length - 1; k >= 0; k--) expect(plainRecord(records[k]!)).toEqual(atOnce[k]);
    // distinct certificates really differ (the comparison above could not pass by reading one table)
    expect(new Set(atOnce.map((r) => r.serialNumber + r.subject.text)).size).toBeGreaterThan(40);
  });

  it('a field read once is cached, also across later parses', () => {
    const [a, b] = x509();
    const rec = parse(a!.bytes);
    const subject = rec.subject.text;
    parse(b!.bytes);
    expect(rec.subject.text).toBe(subject);
    expect(rec.subject).toBe(rec.subject);
    expect(rec.admission).toBe(rec.admission);
  });

  it('plainRecord, JSON.stringify and structuredClone carry every field of the interface', () => {
    for (const c of x509()) {
      const rec = parse(c.bytes);
      const plain = plainRecord(rec);
      expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
      expect(Object.keys(plain).sort()).toEqual(['admission', 'authorityKeyIdentifier', 'basicConstraints', 'byteLength', 'caIssuers',
        'certificateType', 'certificateTypes', 'crlDistributionPoints', 'extKeyUsage', 'extensions', 'format', 'issuer', 'keyUsage',
        'notAfter', 'notBefore', 'ocsp', 'policies', 'publicKey', 'qcStatements', 'serialNumber', 'signatureAlgorithm', 'subject',
        'subjectAltNames', 'subjectKeyIdentifier', 'version']);
      expect(structuredClone(plain)).toEqual(plain);
      expect(JSON.parse(JSON.stringify(rec))).toEqual(JSON.parse(JSON.stringify(plain)));
      expect(plain.subject.commonName).toBe(rec.subject.rdns.flat().find((a) => a.type === 'CN')?.value ?? null);
    }
  });
});
