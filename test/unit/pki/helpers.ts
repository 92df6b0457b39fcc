import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { splitCertificateFile, type CertificateBlob } from '../../../src/domain/pki/input.ts';

export const FIXTURES = resolve(__dirname, '../../fixtures/certs');
export const X509_DIR = join(FIXTURES, 'gemlibpki');
export const CVC_DIR = join(FIXTURES, 'cvc');

export function x509Files(): string[] {
  return readdirSync(X509_DIR).sort();
}

export function blobsOf(path: string): CertificateBlob[] {
  const r = splitCertificateFile(readFileSync(path));
  if (!Array.isArray(r)) throw new Error(`${path}: ${r.error}`);
  return r;
}

/** Every certificate's DER bytes from the fixtures (X.509 and CVC). */
export function allCertificates(): { name: string; bytes: Uint8Array }[] {
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (const f of x509Files()) for (const b of blobsOf(join(X509_DIR, f))) out.push({ name: f, bytes: b.bytes });
  for (const f of readdirSync(CVC_DIR).sort()) out.push({ name: f, bytes: new Uint8Array(readFileSync(join(CVC_DIR, f))) });
  return out;
}
