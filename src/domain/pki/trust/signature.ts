// Signature verification for certificates, CVCs and the TSL. One entry point, `SignatureVerifier.verify`:
// RSA PKCS#1 v1.5, RSA-PSS and ECDSA on NIST curves through WebCrypto (browser and Node ≥ 20);
// ECDSA on brainpool curves, which no WebCrypto offers, through a `BrainpoolVerify`: the app's is our wasm
// core (loadSignatureVerifier()); tests may pass another to compare.
// A key or scheme we cannot check gives { unsupported: why }, never 'valid'.
import { type DerTree, childOf, nextOf, contentOf, endOf, tagOf, universal, contextNumber } from '../der.ts';
import { oidAt } from '../asn1.ts';
import { initBrainpool, isBrainpoolCurve } from '../brainpool.ts';

export type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';
export type SignatureScheme =
  | { kind: 'rsa-pkcs1'; hash: HashName }
  | { kind: 'rsa-pss'; hash: HashName; saltLength: number }
  | { kind: 'ecdsa'; hash: HashName };

export type PublicKeyRef =
  | { kind: 'rsa'; spki: Uint8Array }
  | { kind: 'ec'; curve: string; point: Uint8Array }
  | { kind: 'other'; algorithmOid: string };

export type VerifyOutcome = 'valid' | 'invalid' | { unsupported: string };

export interface SignatureVerifier {
  /** `signature` for ECDSA is raw r‖s (use ecdsaDerToRaw for X.509 signatures). */
  verify(key: PublicKeyRef, scheme: SignatureScheme, data: Uint8Array, signature: Uint8Array): Promise<VerifyOutcome>;
}

/** Verifies ECDSA on a brainpool curve; returns true/false. `rawSignature` is r‖s. */
export type BrainpoolVerify = (
  curve: string, point: Uint8Array, hash: HashName, data: Uint8Array, rawSignature: Uint8Array,
) => boolean | Promise<boolean>;

export const CURVE_BY_OID: Record<string, string> = {
  '1.2.840.10045.3.1.7': 'P-256', '1.3.132.0.34': 'P-384', '1.3.132.0.35': 'P-521',
  '1.3.36.3.3.2.8.1.1.7': 'brainpoolP256r1', '1.3.36.3.3.2.8.1.1.11': 'brainpoolP384r1', '1.3.36.3.3.2.8.1.1.13': 'brainpoolP512r1',
};
export const CURVE_OID: Record<string, string> = Object.fromEntries(Object.entries(CURVE_BY_OID).map(([o, n]) => [n, o]));
export const FIELD_BYTES: Record<string, number> = { 'P-256': 32, 'P-384': 48, 'P-521': 66, brainpoolP256r1: 32, brainpoolP384r1: 48, brainpoolP512r1: 64 };

const HASH_BY_OID: Record<string, HashName> = {
  '1.3.14.3.2.26': 'SHA-1', '2.16.840.1.101.3.4.2.1': 'SHA-256', '2.16.840.1.101.3.4.2.2': 'SHA-384', '2.16.840.1.101.3.4.2.3': 'SHA-512',
};
const SCHEME_BY_OID: Record<string, SignatureScheme> = {
  '1.2.840.113549.1.1.5': { kind: 'rsa-pkcs1', hash: 'SHA-1' },
  '1.2.840.113549.1.1.11': { kind: 'rsa-pkcs1', hash: 'SHA-256' },
  '1.2.840.113549.1.1.12': { kind: 'rsa-pkcs1', hash: 'SHA-384' },
  '1.2.840.113549.1.1.13': { kind: 'rsa-pkcs1', hash: 'SHA-512' },
  '1.2.840.10045.4.3.2': { kind: 'ecdsa', hash: 'SHA-256' },
  '1.2.840.10045.4.3.3': { kind: 'ecdsa', hash: 'SHA-384' },
  '1.2.840.10045.4.3.4': { kind: 'ecdsa', hash: 'SHA-512' },
};
export const RSA_PSS_OID = '1.2.840.113549.1.1.10';

/** Scheme of an AlgorithmIdentifier node (X.509 signatureAlgorithm); null when unknown. PSS parameters are read. */
export function schemeOfAlgorithm(t: DerTree, algorithmNode: number): SignatureScheme | null {
  const oidNode = childOf(t, algorithmNode);
  if (oidNode < 0 || universal(tagOf(t, oidNode)) !== 6) return null;
  const oid = oidAt(t.bytes, contentOf(t, oidNode), endOf(t, oidNode));
  if (oid !== RSA_PSS_OID) return SCHEME_BY_OID[oid] ?? null;
  // RSASSA-PSS-params: [0] hashAlgorithm, [1] maskGenAlgorithm, [2] saltLength, [3] trailerField (defaults SHA-1/20).
  let hash: HashName = 'SHA-1', saltLength = 20;
  const params = nextOf(t, oidNode);
  if (params >= 0 && universal(tagOf(t, params)) === 16) {
    for (let c = childOf(t, params); c >= 0; c = nextOf(t, c)) {
      const n = contextNumber(tagOf(t, c));
      const inner = childOf(t, c);
      if (n === 0 && inner >= 0) {
        const h = childOf(t, inner);
        const name = h >= 0 ? HASH_BY_OID[oidAt(t.bytes, contentOf(t, h), endOf(t, h))] : undefined;
        if (!name) return null;
        hash = name;
      } else if (n === 2 && inner >= 0) {
        saltLength = 0;
        for (let i = contentOf(t, inner); i < endOf(t, inner); i++) saltLength = saltLength * 256 + t.bytes[i]!;
      }
    }
  }
  return { kind: 'rsa-pss', hash, saltLength };
}

/** ECDSA-Sig-Value (DER SEQUENCE { r, s }) → r‖s of the curve's field size; null when malformed. */
export function ecdsaDerToRaw(der: Uint8Array, size: number): Uint8Array | null {
  let p = 0;
  const len = (): number => {
    let l = der[p++] ?? -1;
    if (l & 0x80) { const n = l & 0x7f; if (n > 2) return -1; l = 0; for (let k = 0; k < n; k++) l = l * 256 + (der[p++] ?? 0); }
    return l;
  };
  if (der[p++] !== 0x30) return null;
  const total = len();
  if (total < 0 || p + total !== der.length) return null;
  const out = new Uint8Array(2 * size);
  for (let k = 0; k < 2; k++) {
    if (der[p++] !== 0x02) return null;
    const l = len();
    if (l <= 0 || p + l > der.length) return null;
    let start = p;
    while (start < p + l - 1 && der[start] === 0) start++;
    const n = p + l - start;
    if (n > size) return null;
    out.set(der.subarray(start, p + l), k * size + size - n);
    p += l;
  }
  return p === der.length ? out : null;
}

const isBrainpool = (curve: string) => curve.startsWith('brainpool');

export function webCryptoVerifier(options: { brainpool?: BrainpoolVerify | null } = {}): SignatureVerifier {
  const subtle = globalThis.crypto.subtle;
  return {
    async verify(key, scheme, data, signature) {
      try {
        if (key.kind === 'other') return { unsupported: `key algorithm ${key.algorithmOid}` };
        if (key.kind === 'rsa') {
          if (scheme.kind === 'ecdsa') return 'invalid'; // an RSA key cannot have made an ECDSA signature
          const name = scheme.kind === 'rsa-pss' ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5';
          const k = await subtle.importKey('spki', key.spki as BufferSource, { name, hash: scheme.hash }, false, ['verify']);
          const params = scheme.kind === 'rsa-pss' ? { name, saltLength: scheme.saltLength } : { name };
          return await subtle.verify(params, k, signature as BufferSource, data as BufferSource) ? 'valid' : 'invalid';
        }
        if (scheme.kind !== 'ecdsa') return 'invalid';
        if (signature.length !== 2 * (FIELD_BYTES[key.curve] ?? -1)) return 'invalid';
        if (isBrainpool(key.curve)) {
          if (!options.brainpool) return { unsupported: `${key.curve}: no brainpool verifier loaded` };
          return await options.brainpool(key.curve, key.point, scheme.hash, data, signature) ? 'valid' : 'invalid';
        }
        if (!FIELD_BYTES[key.curve]) return { unsupported: `curve ${key.curve}` };
        const k = await subtle.importKey('raw', key.point as BufferSource, { name: 'ECDSA', namedCurve: key.curve }, false, ['verify']);
        return await subtle.verify({ name: 'ECDSA', hash: scheme.hash }, k, signature as BufferSource, data as BufferSource) ? 'valid' : 'invalid';
      } catch {
        return 'invalid'; // a key WebCrypto refuses to import (bad point, bad modulus) verifies nothing
      }
    },
  };
}

/** Our wasm brainpool core (src/domain/pki/brainpool.ts) as a BrainpoolVerify: hash via WebCrypto, r‖s split. */
export function wasmBrainpool(core: import('../brainpool.ts').BrainpoolVerifier): BrainpoolVerify {
  return async (curve, point, hash, data, rawSignature) => {
    if (!isBrainpoolCurve(curve)) return false;
    const digest = new Uint8Array(await globalThis.crypto.subtle.digest(hash, data as BufferSource));
    const half = rawSignature.length / 2;
    return core.verify(curve, point, digest, rawSignature.subarray(0, half), rawSignature.subarray(half));
  };
}

/** The app's verifier: WebCrypto, plus brainpool through the wasm core (compiled once per realm). */
export async function loadSignatureVerifier(module?: WebAssembly.Module): Promise<SignatureVerifier> {
  return webCryptoVerifier({ brainpool: wasmBrainpool(await initBrainpool(module)) });
}
