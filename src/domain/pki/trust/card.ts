// Trust for a card read: every certificate file the card gave (X.509 and CVC slots) verified together, so the
// card's own sub-CA CVC serves as issuer of its end-entity CVCs. Files that are empty or unreadable get no
// verdict (null); a CVC slot holding an X.509 certificate is reported plainly (x509InCvcFile).
import type { CertificateFileRead } from '../../../cards/types.ts';
import { splitCertificateFile } from '../input.ts';
import type { TrustStore } from './index.ts';
import type { Authenticity, TrustVerdict } from './types.ts';

export interface CardTrustReport {
  /** Verdict per certificate file name (null: nothing to verify in that file). */
  byFile: Record<string, TrustVerdict | null>;
  authenticity: Authenticity;
}

export async function trustOfCardFiles(
  store: TrustStore, files: readonly CertificateFileRead[], now = new Date(),
): Promise<CardTrustReport> {
  const x509: { file: string; der: Uint8Array }[] = [];
  const cvc: { file: string; bytes: Uint8Array }[] = [];
  for (const f of files) {
    if (!f.bytes || f.bytes.length === 0 || f.bytes.every((b) => b === 0 || b === 0xff)) continue;
    if (f.format === 'cvc') { cvc.push({ file: f.name, bytes: f.bytes }); continue; }
    const blobs = splitCertificateFile(f.bytes);
    if (Array.isArray(blobs) && blobs[0]) x509.push({ file: f.name, der: blobs[0].bytes });
  }
  const result = await store.verifyCard({ x509: x509.map((x) => x.der), cvc: cvc.map((c) => c.bytes) }, now);
  const byFile: Record<string, TrustVerdict | null> = Object.fromEntries(files.map((f) => [f.name, null]));
  x509.forEach((x, i) => { byFile[x.file] = result.x509[i]!; });
  cvc.forEach((c, i) => { byFile[c.file] = result.cvc[i]!; });
  return { byFile, authenticity: result.authenticity };
}
