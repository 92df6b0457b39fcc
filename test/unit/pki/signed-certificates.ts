// Test helper: the signed parts of X.509 certificates (TBS bytes, signature algorithm, signature value,
// issuer/subject DER, EC key) read with our strict DER walker, and the pool of real gematik certificates
// (fixture certificates, bundled roots and cross-certificates, the CA certificates inside test TSLs).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CertificateParser, DerTree } from '../../../src/domain/pki/index.ts';
import { childOf, contentOf, endOf, nextOf, startOf, tagOf } from '../../../src/domain/pki/der.ts';
import { oidAt } from '../../../src/domain/pki/asn1.ts';
import { splitCertificateFile } from '../../../src/domain/pki/input.ts';

export interface SignedCertificate {
  name: string;
  der: Uint8Array;
  tbs: Uint8Array;
  signatureOid: string;
  /** BIT STRING content without the unused-bits byte. */
  signature: Uint8Array;
  issuerDer: string;
  subjectDer: string;
  keyOid: string;
  /** Named curve OID for EC keys, else null. */
  curveOid: string | null;
  /** BIT STRING content of subjectPublicKey without the unused-bits byte. */
  publicKey: Uint8Array;
}

const kids = (t: DerTree, i: number): number[] => {
  const out: number[] = [];
  for (let c = childOf(t, i); c >= 0; c = nextOf(t, c)) out.push(c);
  return out;
};
const hexOf = (t: DerTree, i: number) => Buffer.from(t.bytes.subarray(startOf(t, i), endOf(t, i))).toString('hex');
const bitString = (t: DerTree, i: number) => t.bytes.subarray(contentOf(t, i) + 1, endOf(t, i));

export function signedParts(parser: CertificateParser, name: string, der: Uint8Array): SignedCertificate {
  const t = parser.walk(der, { encapsulate: false });
  if ('error' in t) throw new Error(`${name}: ${t.error}`);
  const [tbs, sigAlg, sigVal] = kids(t, 0);
  let fields = kids(t, tbs!);
  if (tagOf(t, fields[0]!) === ((2 << 30) | (1 << 29))) fields = fields.slice(1); // [0] version
  const [, , issuer, , subject, spki] = fields;
  const [keyAlg, keyBits] = kids(t, spki!);
  const [keyOid, curve] = kids(t, keyAlg!);
  const algOid = childOf(t, sigAlg!);
  return {
    name, der,
    tbs: der.subarray(startOf(t, tbs!), endOf(t, tbs!)),
    signatureOid: oidAt(der, contentOf(t, algOid), endOf(t, algOid)),
    signature: bitString(t, sigVal!),
    issuerDer: hexOf(t, issuer!),
    subjectDer: hexOf(t, subject!),
    keyOid: oidAt(der, contentOf(t, keyOid!), endOf(t, keyOid!)),
    curveOid: curve !== undefined && tagOf(t, curve) === 6 ? oidAt(der, contentOf(t, curve), endOf(t, curve)) : null,
    publicKey: bitString(t, keyBits!),
  };
}

const FIXTURES = resolve(import.meta.dirname, '../../fixtures');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)])
    .sort();
}

/** Every X.509 certificate of the fixtures: certs/gemlibpki, trust/roots, and the X509Certificate elements of trust/tsl. */
export function certificatePool(): { name: string; der: Uint8Array }[] {
  const out: { name: string; der: Uint8Array }[] = [];
  const seen = new Set<string>();
  const add = (name: string, der: Uint8Array) => {
    const key = Buffer.from(der).toString('base64');
    if (!seen.has(key)) { seen.add(key); out.push({ name, der }); }
  };
  for (const path of [...filesUnder(join(FIXTURES, 'certs/gemlibpki')), ...filesUnder(join(FIXTURES, 'trust/roots'))]) {
    const blobs = splitCertificateFile(readFileSync(path));
    if (Array.isArray(blobs)) for (const b of blobs) if (b.bytes[0] === 0x30) add(path.slice(FIXTURES.length + 1), b.bytes);
  }
  for (const path of filesUnder(join(FIXTURES, 'trust/tsl'))) {
    const xml = readFileSync(path, 'utf8');
    let k = 0;
    for (const m of xml.matchAll(/<(?:\w+:)?X509Certificate>([^<]+)</g)) add(`${path.slice(FIXTURES.length + 1)}#${k++}`, new Uint8Array(Buffer.from(m[1]!.replace(/&#(?:13|x[dD]);|\s+/g, ''), 'base64')));
  }
  return out;
}
