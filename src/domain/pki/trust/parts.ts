// The signed parts of a certificate, for signature checks: X.509 (tbsCertificate, algorithm, signature,
// subject key) and CVC (the whole 7F4E body, r‖s, the holder's point). Read with the one DER walker
// (CertificateParser.walk); null when the bytes do not have the shape.
import { type DerTree, childOf, nextOf, contentOf, endOf, startOf, tagOf, universal, tagClass, tagNumber } from '../der.ts';
import { oidAt } from '../asn1.ts';
import type { CertificateParser } from '../index.ts';
import { CURVE_BY_OID, schemeOfAlgorithm, type PublicKeyRef, type SignatureScheme, type HashName } from './signature.ts';

export interface X509Parts {
  tbs: Uint8Array;
  scheme: SignatureScheme | null;
  /** Signature algorithm OID as written (for messages when the scheme is unknown). */
  signatureAlgorithmOid: string;
  /** BIT STRING content without the unused-bits byte (DER ECDSA-Sig-Value for ECDSA). */
  signature: Uint8Array;
  key: PublicKeyRef;
}

export interface CvcParts {
  body: Uint8Array;
  signature: Uint8Array;
  /** Null for RSA CVCs (message recovery: no readable key). */
  key: PublicKeyRef | null;
  hash: HashName | null;
}

const isSeq = (t: DerTree, i: number) => i >= 0 && universal(tagOf(t, i)) === 16;

export function x509Parts(parser: CertificateParser, der: Uint8Array): X509Parts | null {
  const t = parser.walk(der, { encapsulate: false, allowTrailing: true });
  if ('error' in t) return null;
  const tbs = childOf(t, 0), alg = nextOf(t, tbs), sig = alg >= 0 ? nextOf(t, alg) : -1;
  if (!isSeq(t, tbs) || !isSeq(t, alg) || sig < 0 || universal(tagOf(t, sig)) !== 3) return null;
  // tbsCertificate: [0] version?, serial, signature, issuer, validity, subject, subjectPublicKeyInfo …
  let f = childOf(t, tbs);
  if (f >= 0 && tagClass(tagOf(t, f)) === 2 && tagNumber(tagOf(t, f)) === 0) f = nextOf(t, f);
  for (let k = 0; k < 5 && f >= 0; k++) f = nextOf(t, f);
  if (!isSeq(t, f)) return null;
  const algOid = childOf(t, alg);
  return {
    tbs: t.bytes.subarray(startOf(t, tbs), endOf(t, tbs)),
    scheme: schemeOfAlgorithm(t, alg),
    signatureAlgorithmOid: algOid >= 0 ? oidAt(t.bytes, contentOf(t, algOid), endOf(t, algOid)) : '',
    signature: t.bytes.subarray(contentOf(t, sig) + 1, endOf(t, sig)),
    key: keyOfSpki(t, f),
  };
}

function keyOfSpki(t: DerTree, spki: number): PublicKeyRef {
  const algId = childOf(t, spki), bits = algId >= 0 ? nextOf(t, algId) : -1;
  const oidNode = algId >= 0 ? childOf(t, algId) : -1;
  if (oidNode < 0 || bits < 0) return { kind: 'other', algorithmOid: '' };
  const oid = oidAt(t.bytes, contentOf(t, oidNode), endOf(t, oidNode));
  if (oid === '1.2.840.113549.1.1.1') return { kind: 'rsa', spki: t.bytes.slice(startOf(t, spki), endOf(t, spki)) };
  if (oid === '1.2.840.10045.2.1') {
    const curveNode = nextOf(t, oidNode);
    const curveOid = curveNode >= 0 && universal(tagOf(t, curveNode)) === 6 ? oidAt(t.bytes, contentOf(t, curveNode), endOf(t, curveNode)) : '';
    const curve = CURVE_BY_OID[curveOid];
    if (!curve) return { kind: 'other', algorithmOid: curveOid || oid };
    return { kind: 'ec', curve, point: t.bytes.slice(contentOf(t, bits) + 1, endOf(t, bits)) };
  }
  return { kind: 'other', algorithmOid: oid };
}

const app = (t: DerTree, i: number, n: number) => i >= 0 && tagClass(tagOf(t, i)) === 1 && tagNumber(tagOf(t, i)) === n;
function findApp(t: DerTree, parent: number, n: number): number {
  for (let c = childOf(t, parent); c >= 0; c = nextOf(t, c)) if (app(t, c, n)) return c;
  return -1;
}

/** ECDSA CVC algorithm OIDs (BSI TR-03110 id-TA-ECDSA-SHA-… and X9.62 ecdsa-with-SHA…). */
const CVC_HASH: Record<string, HashName> = {
  '0.4.0.127.0.7.2.2.2.2.3': 'SHA-256', '0.4.0.127.0.7.2.2.2.2.4': 'SHA-384', '0.4.0.127.0.7.2.2.2.2.5': 'SHA-512',
  '1.2.840.10045.4.3.2': 'SHA-256', '1.2.840.10045.4.3.3': 'SHA-384', '1.2.840.10045.4.3.4': 'SHA-512',
};
const CURVE_BY_POINT: Record<number, string> = { 65: 'brainpoolP256r1', 97: 'brainpoolP384r1', 129: 'brainpoolP512r1' };

export function cvcParts(parser: CertificateParser, bytes: Uint8Array): CvcParts | null {
  const t = parser.walk(bytes, { encapsulate: false, allowTrailing: true });
  if ('error' in t || !app(t, 0, 0x21)) return null;
  const body = findApp(t, 0, 0x4e), sig = findApp(t, 0, 0x37);
  if (sig < 0) return null;
  const signature = t.bytes.slice(contentOf(t, sig), endOf(t, sig));
  if (body < 0) return { body: new Uint8Array(0), signature, key: null, hash: null };
  const keyNode = findApp(t, body, 0x49);
  const oidNode = keyNode >= 0 ? childOf(t, keyNode) : -1;
  const point = oidNode >= 0 ? nextOf(t, oidNode) : -1;
  let key: PublicKeyRef | null = null, hash: HashName | null = null;
  if (oidNode >= 0 && universal(tagOf(t, oidNode)) === 6 && point >= 0) {
    const oid = oidAt(t.bytes, contentOf(t, oidNode), endOf(t, oidNode));
    const pointBytes = t.bytes.slice(contentOf(t, point), endOf(t, point));
    const curve = CURVE_BY_POINT[pointBytes.length];
    hash = CVC_HASH[oid] ?? null;
    key = curve && hash ? { kind: 'ec', curve, point: pointBytes } : { kind: 'other', algorithmOid: oid };
  }
  return { body: t.bytes.slice(startOf(t, body), endOf(t, body)), signature, key, hash };
}
