// Brainpool ECDSA through node:crypto (OpenSSL): the oracle the trust tests compare our wasm path with.
// Builds a SubjectPublicKeyInfo from the curve OID and point (OpenSSL needs a key object).
import { createPublicKey, verify } from 'node:crypto';
import type { BrainpoolVerify } from '../../../src/domain/pki/trust/signature.ts';
import { CURVE_OID } from '../../../src/domain/pki/trust/signature.ts';

function derLength(n: number): number[] {
  return n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
}
function tlv(tag: number, body: number[]): number[] {
  return [tag, ...derLength(body.length), ...body];
}
function oidBytes(oid: string): number[] {
  const arcs = oid.split('.').map(Number);
  const out = [arcs[0]! * 40 + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const chunk = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(6, out);
}

export const nodeBrainpoolVerify: BrainpoolVerify = (curve, point, hash, data, rawSignature) => {
  const curveOid = CURVE_OID[curve];
  if (!curveOid) return false;
  const spki = tlv(0x30, [...tlv(0x30, [...oidBytes('1.2.840.10045.2.1'), ...oidBytes(curveOid)]), ...tlv(3, [0, ...point])]);
  try {
    const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    return verify(hash.replace('-', '').toLowerCase(), data, { key, dsaEncoding: 'ieee-p1363' }, rawSignature);
  } catch {
    return false;
  }
};
