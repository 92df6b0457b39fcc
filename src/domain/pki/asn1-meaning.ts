// Meaning of ASN.1 values that depends on where they sit, for the ASN.1 viewer: a context tag inside a
// GeneralName is a string (URI, DNS name, e-mail), a BIT STRING inside keyUsage names key usages.
import { type DerTree, tagOf, contentOf, endOf, parentOf, childOf, tagClass, tagConstructed, tagNumber, universal } from './der.ts';
import { oidAt, decodeString } from './asn1.ts';
import { KEY_USAGE_BITS } from './oids.ts';

const KEY_USAGE = '2.5.29.15';
/** Extensions whose value holds GeneralNames (RFC 5280 4.2.1.6/7, 4.2.1.13, 4.2.2.1/2). */
const GENERAL_NAME_EXTENSIONS = new Set(['2.5.29.17', '2.5.29.18', '2.5.29.31', '2.5.29.46', '1.3.6.1.5.5.7.1.1', '1.3.6.1.5.5.7.1.11']);
/** GeneralName choices that are IA5String: [1] rfc822Name, [2] dNSName, [6] uniformResourceIdentifier. */
const IA5_GENERAL_NAMES = new Set([1, 2, 6]);

/** OID of the extension node i sits in (an ancestor SEQUENCE { extnID, [critical], extnValue }), or null. */
export function enclosingExtensionOid(t: DerTree, i: number): string | null {
  for (let a = parentOf(t, i); a >= 0; a = parentOf(t, a)) {
    if (universal(tagOf(t, a)) !== 16) continue;
    const first = childOf(t, a);
    if (first < 0 || universal(tagOf(t, first)) !== 6) continue;
    const oid = oidAt(t.bytes, contentOf(t, first), endOf(t, first));
    // Only an extension's OID counts: AccessDescription and policy SEQUENCEs also start with an OID.
    if (oid.startsWith('2.5.29.') || oid.startsWith('1.3.6.1.5.5.7.1.')) return oid;
  }
  return null;
}

/** Text of a GeneralName that is an IA5String (OCSP/CRL URL, DNS name, e-mail); null for other nodes. */
export function generalNameText(t: DerTree, i: number): string | null {
  const tag = tagOf(t, i);
  if (tagClass(tag) !== 2 || tagConstructed(tag) || !IA5_GENERAL_NAMES.has(tagNumber(tag))) return null;
  const ext = enclosingExtensionOid(t, i);
  if (ext === null || !GENERAL_NAME_EXTENSIONS.has(ext)) return null;
  return decodeString(22, t.bytes, contentOf(t, i), endOf(t, i));
}

/** Names of the set bits of the keyUsage BIT STRING (RFC 5280 4.2.1.3); null for other nodes. */
export function keyUsageNames(t: DerTree, i: number): string[] | null {
  if (universal(tagOf(t, i)) !== 3 || enclosingExtensionOid(t, i) !== KEY_USAGE) return null;
  // First content byte is the count of unused bits; bit 0 is the most significant bit of the next byte.
  const s = contentOf(t, i) + 1, end = endOf(t, i);
  const names: string[] = [];
  for (let bit = 0; bit < KEY_USAGE_BITS.length; bit++) {
    const at = s + (bit >> 3);
    if (at < end && (t.bytes[at]! & (0x80 >> (bit & 7))) !== 0) names.push(KEY_USAGE_BITS[bit]!);
  }
  return names;
}
