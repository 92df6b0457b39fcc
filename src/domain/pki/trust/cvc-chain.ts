// CV certificate chains of TI cards (gemSpec_PKI 6.4; checks as gematik OpenHealth-Core validate_cvc_chain):
// end-entity CVC ← sub-CA CVC (on the card) ← root CVC (bundled or from a verified TSL), through cross CVCs.
// Per link: CPI = 0x70, CAR = issuer's CHR, child's CED within the issuer's CED…CXD, same CHAT OID and the
// child's flags a subset of the issuer's, and the ECDSA signature over the whole 7F4E element.
// RSA CVCs (G2.0, message recovery) are "not checked": never reported as fine.
import type { CertificateParser } from '../index.ts';
import { isParseError } from '../index.ts';
import type { CvcRecord } from '../types.ts';
import { cvcParts, type CvcParts } from './parts.ts';
import type { SignatureVerifier } from './signature.ts';
import type { Environment, TrustVerdict } from './types.ts';

export interface CvcNode {
  key: string;
  record: CvcRecord;
  parts: CvcParts;
  source: 'anchor' | 'tsl' | 'card';
  environments?: Environment[];
  root?: boolean;
  unconfirmed?: boolean;
}

export function cvcNode(parser: CertificateParser, bytes: Uint8Array, source: CvcNode['source'], key: string): CvcNode | null {
  const record = parser.parseCvc(bytes, { allowTrailing: true });
  if (isParseError(record)) return null;
  const parts = cvcParts(parser, bytes);
  return parts ? { key, record, parts, source } : null;
}

const envOf = (envs: Environment[]): Environment => (envs.includes('production') ? 'production' : envs.includes('test') ? 'test' : 'reference');

/** Child flags ⊆ issuer flags, ignoring the two role bits of the first byte. */
function flagsSubset(child: string, issuer: string): boolean {
  if (child.length !== issuer.length) return false;
  for (let i = 0; i < child.length; i += 2) {
    const mask = i === 0 ? 0x3f : 0xff;
    const c = parseInt(child.slice(i, i + 2), 16) & mask, p = parseInt(issuer.slice(i, i + 2), 16) & mask;
    if ((c & ~p) !== 0) return false;
  }
  return true;
}

export async function verifyCvc(node: CvcNode, pool: CvcNode[], verifier: SignatureVerifier, now: Date, depth = 0): Promise<TrustVerdict> {
  const r = node.record;
  const chr = r.chr ?? '?';
  const base = { environment: null, chain: [chr], checks: [{ id: 'ocsp', result: 'notChecked' as const, reason: 'cvcHasNoOcsp' }], warnings: [] as TrustVerdict['warnings'] };
  if (!r.selfDescriptive || !node.parts.key) {
    return { ...base, status: 'notVerifiable', reason: 'rsaCvcNotChecked', params: { car: r.car ?? '' } };
  }
  if (node.root && node.source === 'anchor') {
    return { ...base, status: 'verified', environment: envOf(node.environments ?? []), reason: 'chainVerified', params: { anchor: chr, ...(node.unconfirmed ? { unconfirmed: 'true' } : {}) } };
  }
  if (depth > 8) return { ...base, status: 'notVerifiable', reason: 'chainTooLong', params: {} };
  const profileOk = r.profileIdentifier === 0x70;
  const selfSigned = r.car === r.chr;
  const candidates = selfSigned ? [node] : pool.filter((c) => c.key !== node.key && c.record.chr === r.car && c.record.selfDescriptive);
  // Prefer bundled roots, then TSL CVCs, then the card's own.
  const rank = (c: CvcNode) => (c.root && c.source === 'anchor' ? 0 : c.source === 'tsl' ? 1 : 2);
  candidates.sort((a, b) => rank(a) - rank(b));
  if (candidates.length === 0) {
    return { ...base, status: 'issuerUnknown', reason: 'cvcIssuerUnknown', params: { car: r.car ?? '' } };
  }
  let failure: TrustVerdict | null = null;
  for (const issuer of candidates) {
    const ir = issuer.record;
    const problems: string[] = [];
    if (!profileOk) problems.push('CPI');
    if (ir.flagList && r.flagList && ir.flagList.oid !== r.flagList.oid) problems.push('CHAT OID');
    else if (ir.flagList && r.flagList && !flagsSubset(r.flagList.hex, ir.flagList.hex)) problems.push('CHAT flags');
    if (r.effectiveDate && ir.effectiveDate && ir.expirationDate && (r.effectiveDate < ir.effectiveDate || r.effectiveDate > ir.expirationDate)) problems.push('CED');
    const key = issuer.parts.key, hash = issuer.parts.hash;
    if (!key || !hash) { failure ??= { ...base, status: 'notVerifiable', reason: 'rsaCvcNotChecked', params: { car: ir.chr ?? '' } }; continue; }
    const outcome = await verifier.verify(key, { kind: 'ecdsa', hash }, node.parts.body, node.parts.signature);
    if (outcome !== 'valid') {
      failure ??= outcome === 'invalid'
        ? { ...base, status: 'signatureInvalid', reason: 'cvcSignatureInvalid', params: { chr, car: ir.chr ?? '' } }
        : { ...base, status: 'notVerifiable', reason: 'algorithmUnsupported', params: { subject: chr, detail: outcome.unsupported } };
      continue;
    }
    if (issuer === node) return { ...base, status: 'selfSigned', reason: 'cvcSelfSigned', params: { chr } };
    const up = await verifyCvc(issuer, pool, verifier, now, depth + 1);
    const checks = [...base.checks, { id: 'cvcProfile', result: problems.length ? 'fail' as const : 'pass' as const, ...(problems.length ? { reason: problems.join(', ') } : {}) }];
    const expired = r.expirationDate !== null && r.expirationDate < now.toISOString().slice(0, 10);
    checks.push({ id: 'validityNow', result: expired ? 'fail' : 'pass' });
    if (up.status === 'verified') {
      return {
        ...up, chain: [chr, ...up.chain], checks, warnings: [...up.warnings, ...(problems.length ? [{ code: 'cvcProfileMismatch' as const, params: { chr, fields: problems.join(', ') } }] : [])],
        status: problems.length ? 'notVerifiable' : 'verified', environment: problems.length ? null : up.environment,
        reason: problems.length ? 'cvcProfileMismatch' : up.reason, params: problems.length ? { chr, fields: problems.join(', ') } : up.params,
      };
    }
    failure = { ...up, chain: [chr, ...up.chain] };
  }
  return failure!;
}
