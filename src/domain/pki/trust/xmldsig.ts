// Enveloped XML signature of a TSL (XMLDSig + XAdES as gematik signs it): every Reference digested
// after its transforms (enveloped-signature, exclusive C14N only), one Reference must cover the whole
// document (URI=""), then SignedInfo's signature checked with the signer certificate in KeyInfo.
// Returns the signer certificate's DER; whether it chains to a trusted root is decided by the caller.
import { canonicalize, childNamed, childrenNamed, textOf, type XmlDocument, type XmlElement } from './xml.ts';
import { FIELD_BYTES, type HashName, type SignatureScheme, type SignatureVerifier } from './signature.ts';
import { x509Parts } from './parts.ts';
import type { CertificateParser } from '../index.ts';

export const DS = 'http://www.w3.org/2000/09/xmldsig#';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const DIGESTS: Record<string, HashName> = {
  'http://www.w3.org/2001/04/xmlenc#sha256': 'SHA-256', 'http://www.w3.org/2001/04/xmldsig-more#sha384': 'SHA-384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'SHA-512',
};
const SIGNATURE_METHODS: Record<string, SignatureScheme> = {
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256': { kind: 'ecdsa', hash: 'SHA-256' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384': { kind: 'ecdsa', hash: 'SHA-384' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512': { kind: 'ecdsa', hash: 'SHA-512' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': { kind: 'rsa-pkcs1', hash: 'SHA-256' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': { kind: 'rsa-pkcs1', hash: 'SHA-512' },
  // RFC 6931 2.3.10: MGF1 with the same hash, salt length = hash length.
  'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1': { kind: 'rsa-pss', hash: 'SHA-256', saltLength: 32 },
  'http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1': { kind: 'rsa-pss', hash: 'SHA-512', saltLength: 64 },
};

export type XmlSignatureFailure =
  | 'SIGNATURE_MISSING' | 'SIGNATURE_UNSUPPORTED_ALGORITHM' | 'SIGNATURE_NOT_COVERING_DOCUMENT'
  | 'SIGNATURE_REFERENCE_NOT_FOUND' | 'SIGNATURE_DIGEST_MISMATCH' | 'SIGNATURE_SIGNER_UNREADABLE'
  | 'SIGNATURE_INVALID' | 'SIGNATURE_NOT_CHECKABLE';

export type XmlSignatureResult =
  | { ok: true; signerDer: Uint8Array }
  | { ok: false; failure: XmlSignatureFailure; detail: string; signerDer: Uint8Array | null };

function base64Bytes(text: string): Uint8Array | null {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return null;
  try {
    const bin = atob(clean);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch { return null; }
}
export { base64Bytes };

function findById(doc: XmlDocument, id: string): XmlElement[] {
  const found: XmlElement[] = [];
  const all = doc.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) {
    const el = all.item(i)!;
    if (el.getAttribute('Id') === id || el.getAttribute('ID') === id || el.getAttribute('id') === id) found.push(el);
  }
  return found;
}

const utf8 = new TextEncoder();

export async function verifyEnvelopedSignature(
  doc: XmlDocument, parser: CertificateParser, verifier: SignatureVerifier,
): Promise<XmlSignatureResult> {
  const root = doc.documentElement!;
  const signature = childrenNamed(root, DS, 'Signature');
  if (signature.length !== 1) return { ok: false, failure: 'SIGNATURE_MISSING', detail: `${signature.length} ds:Signature elements`, signerDer: null };
  const sigEl = signature[0]!;
  const signedInfo = childNamed(sigEl, DS, 'SignedInfo');
  const certText = textOf(childNamed(childNamed(childNamed(sigEl, DS, 'KeyInfo'), DS, 'X509Data'), DS, 'X509Certificate'));
  const signerDer = certText ? base64Bytes(certText) : null;
  const fail = (failure: XmlSignatureFailure, detail: string): XmlSignatureResult => ({ ok: false, failure, detail, signerDer });
  if (!signedInfo) return fail('SIGNATURE_MISSING', 'no SignedInfo');
  const c14nMethod = childNamed(signedInfo, DS, 'CanonicalizationMethod')?.getAttribute('Algorithm');
  if (c14nMethod !== EXC_C14N) return fail('SIGNATURE_UNSUPPORTED_ALGORITHM', `CanonicalizationMethod ${c14nMethod}`);
  const methodUri = childNamed(signedInfo, DS, 'SignatureMethod')?.getAttribute('Algorithm') ?? '';
  const scheme = SIGNATURE_METHODS[methodUri];
  if (!scheme) return fail('SIGNATURE_UNSUPPORTED_ALGORITHM', `SignatureMethod ${methodUri}`);

  let coversDocument = false;
  for (const ref of childrenNamed(signedInfo, DS, 'Reference')) {
    const uri = ref.getAttribute('URI') ?? '';
    const transforms = childrenNamed(childNamed(ref, DS, 'Transforms') ?? ref, DS, 'Transform').map((x) => x.getAttribute('Algorithm') ?? '');
    if (transforms.some((x) => x !== EXC_C14N && x !== ENVELOPED) || childNamed(ref, DS, 'Transforms')?.getElementsByTagNameNS(EXC_C14N, 'InclusiveNamespaces').length) {
      return fail('SIGNATURE_UNSUPPORTED_ALGORITHM', `Transforms ${transforms.join(', ')}`);
    }
    const digestUri = childNamed(ref, DS, 'DigestMethod')?.getAttribute('Algorithm') ?? '';
    const hash = DIGESTS[digestUri];
    if (!hash) return fail('SIGNATURE_UNSUPPORTED_ALGORITHM', `DigestMethod ${digestUri}`);
    let text: string;
    if (uri === '') {
      if (!transforms.includes(ENVELOPED)) return fail('SIGNATURE_UNSUPPORTED_ALGORITHM', 'whole-document reference without enveloped-signature transform');
      text = canonicalize(doc, sigEl);
      coversDocument = true;
    } else if (uri.startsWith('#')) {
      const targets = findById(doc, uri.slice(1));
      if (targets.length !== 1) return fail('SIGNATURE_REFERENCE_NOT_FOUND', `${uri}: ${targets.length} elements`);
      text = canonicalize(targets[0]!, transforms.includes(ENVELOPED) ? sigEl : null);
    } else return fail('SIGNATURE_REFERENCE_NOT_FOUND', `external reference ${uri}`);
    const digest = new Uint8Array(await globalThis.crypto.subtle.digest(hash, utf8.encode(text) as BufferSource));
    const expected = base64Bytes(textOf(childNamed(ref, DS, 'DigestValue')));
    if (!expected || expected.length !== digest.length || expected.some((b, i) => b !== digest[i])) {
      return fail('SIGNATURE_DIGEST_MISMATCH', uri === '' ? 'the list content was changed after signing' : `reference ${uri}`);
    }
  }
  if (!coversDocument) return fail('SIGNATURE_NOT_COVERING_DOCUMENT', 'no Reference with URI=""');
  if (!signerDer) return fail('SIGNATURE_SIGNER_UNREADABLE', 'no X509Certificate in KeyInfo');
  const signer = x509Parts(parser, signerDer);
  if (!signer) return fail('SIGNATURE_SIGNER_UNREADABLE', 'KeyInfo certificate is not X.509');
  const value = base64Bytes(textOf(childNamed(sigEl, DS, 'SignatureValue')));
  if (!value) return fail('SIGNATURE_INVALID', 'SignatureValue is not base64');
  if (scheme.kind === 'ecdsa' && signer.key.kind === 'ec' && value.length !== 2 * (FIELD_BYTES[signer.key.curve] ?? 0)) {
    return fail('SIGNATURE_INVALID', 'SignatureValue has the wrong length');
  }
  const outcome = await verifier.verify(signer.key, scheme, utf8.encode(canonicalize(signedInfo)), value);
  if (outcome === 'valid') return { ok: true, signerDer };
  if (outcome === 'invalid') return fail('SIGNATURE_INVALID', 'SignedInfo signature does not verify with the signer certificate');
  return fail('SIGNATURE_NOT_CHECKABLE', outcome.unsupported);
}
