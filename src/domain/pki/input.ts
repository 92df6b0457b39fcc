// Turns a dropped or named file into certificate byte blobs: PEM (several blocks), DER/CER/CRT, CVC.
// Card files padded after the certificate are cut to the first element's length by the caller's walk.

export interface CertificateBlob {
  /** Index of the certificate inside its file (PEM files may hold several). */
  index: number;
  bytes: Uint8Array;
  /** Guessed from the first bytes: 30 = X.509 (DER SEQUENCE), 7F21 = CV certificate. */
  kind: 'x509' | 'cvc' | 'unknown';
  /** Byte offset (DER) or line number (PEM) where it starts, for error messages. */
  origin: string;
}

export type InputError = { error: 'INPUT_EMPTY' | 'INPUT_BAD_PEM' | 'INPUT_UNKNOWN_FORMAT' | 'INPUT_NO_CERTIFICATE'; detail?: string };

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

export function kindOf(bytes: Uint8Array): CertificateBlob['kind'] {
  if (bytes[0] === 0x30) return 'x509';
  if (bytes[0] === 0x7f && bytes[1] === 0x21) return 'cvc';
  return 'unknown';
}

function decodeBase64(text: string): Uint8Array | null {
  const clean = text.replace(/[\r\n\t ]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) return null;
  const bin = atob(clean);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 64);
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b !== 9 && b !== 10 && b !== 13 && (b < 0x20 || b > 0x7e)) return false;
  }
  return true;
}

/** Splits one file's bytes into certificates. */
export function splitCertificateFile(bytes: Uint8Array): CertificateBlob[] | InputError {
  if (bytes.length === 0) return { error: 'INPUT_EMPTY' };
  if (looksLikeText(bytes)) {
    const text = new TextDecoder('latin1').decode(bytes);
    const blobs: CertificateBlob[] = [];
    let index = 0;
    // line numbers counted incrementally: a CA dump holds thousands of blocks
    let line = 1, counted = 0;
    for (const m of text.matchAll(PEM_BLOCK)) {
      for (let at = text.indexOf('\n', counted); at >= 0 && at < m.index; at = text.indexOf('\n', at + 1)) line++;
      counted = m.index;
      const label = m[1]!;
      if (label !== 'CERTIFICATE' && label !== 'X509 CERTIFICATE' && label !== 'TRUSTED CERTIFICATE') continue;
      const der = decodeBase64(m[2]!);
      if (!der || der.length === 0) return { error: 'INPUT_BAD_PEM', detail: `line ${line}` };
      blobs.push({ index: index++, bytes: der, kind: kindOf(der), origin: `line ${line}` });
    }
    if (blobs.length > 0) return blobs;
    if (text.includes('-----BEGIN')) return { error: 'INPUT_NO_CERTIFICATE' };
    // Bare base64 or hex dumps: accept hex of a certificate (as copied from the ASN.1 viewer).
    const compact = text.replace(/[\s:]/g, '');
    if (/^([0-9a-fA-F]{2})+$/.test(compact)) {
      const der = new Uint8Array(compact.length / 2);
      for (let i = 0; i < der.length; i++) der[i] = parseInt(compact.slice(2 * i, 2 * i + 2), 16);
      return [{ index: 0, bytes: der, kind: kindOf(der), origin: 'hex' }];
    }
    const b64 = decodeBase64(compact);
    if (b64 && b64.length > 0 && kindOf(b64) !== 'unknown') return [{ index: 0, bytes: b64, kind: kindOf(b64), origin: 'base64' }];
    return { error: 'INPUT_UNKNOWN_FORMAT' };
  }
  const kind = kindOf(bytes);
  if (kind === 'unknown') return { error: 'INPUT_UNKNOWN_FORMAT' };
  return [{ index: 0, bytes, kind, origin: 'offset 0' }];
}
