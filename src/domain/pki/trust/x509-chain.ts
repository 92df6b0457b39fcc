// X.509 chain building and the offline TUC_PKI_018 checks. Issuer = same name AND authorityKeyIdentifier =
// subjectKeyIdentifier, among the pool (dropped files, the loaded TSLs' CA services, bundled anchors),
// through cross-certificates; every signature on the way verified. Paths are memoised per certificate
// (10,000 end-entity certificates of one CA build the CA's path once).
import { isParseError, type CertificateParser } from '../index.ts';
import type { X509Record } from '../types.ts';
import { hex } from '../asn1.ts';
import { x509Parts, type X509Parts } from './parts.ts';
import { ecdsaDerToRaw, FIELD_BYTES, type SignatureVerifier } from './signature.ts';
import type { TslService } from './tsl.ts';
import type { Environment, TrustCheck, TrustReason, TrustVerdict } from './types.ts';

export interface PoolCert {
  /** Identity of the bytes: identical certificates (a dropped copy of a TSL CA, the same file twice) are one. */
  key: string;
  der: Uint8Array;
  record: X509Record;
  parts: X509Parts;
  source: 'anchor' | 'tsl' | 'file';
  /** Bundled anchors: where gematik lists it and what it is. */
  anchor?: { role: 'root' | 'cross' | 'tsl-signer-ca'; environments: Environment[] };
  /** TSL CA services (of a TSL whose signature and signer chain were verified). */
  tsl?: { service: TslService; environment: Environment | null; tslId: string };
}

export function poolCert(parser: CertificateParser, bytes: Uint8Array, source: PoolCert['source']): PoolCert | null {
  const record = parser.parseX509(bytes, { allowTrailing: true });
  if (isParseError(record)) return null;
  const parts = x509Parts(parser, bytes);
  const der = bytes.subarray(0, record.byteLength);
  return parts ? { key: bytesKey(der), der, record, parts, source } : null;
}

/** Cheap identity for de-duplication (FNV-1a, length, ends); equal keys are confirmed byte by byte before use. */
export function bytesKey(der: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < der.length; i++) h = Math.imul(h ^ der[i]!, 0x01000193);
  return `${der.length}:${(h >>> 0).toString(16)}:${hex(der, 0, Math.min(der.length, 8))}${hex(der, Math.max(0, der.length - 24))}`;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

type PathResult =
  | { ok: true; path: PoolCert[]; environment: Environment | null; anchorName: string }
  | { ok: false; status: TrustVerdict['status']; reason: TrustReason; params: Record<string, string> };

export const cn = (r: X509Record) => r.subject.commonName ?? r.subject.text;
const selfIssued = (r: X509Record) => r.subject.text === r.issuer.text;
const envOf = (envs: Environment[]): Environment => (envs.includes('production') ? 'production' : envs.includes('test') ? 'test' : 'reference');
const colons = (h: string | null) => h?.match(/../g)?.join(':') ?? '';

export class ChainBuilder {
  private bySubject = new Map<string, PoolCert[]>();
  private memo = new Map<string, Promise<PathResult>>();
  private sigMemo = new Map<string, Promise<'valid' | 'invalid' | { unsupported: string }>>();
  private byKey = new Map<string, PoolCert>();
  /** `pool` in order of preference: the first entry for identical bytes (same key) wins (anchors and TSL CAs first). */
  constructor(private readonly verifier: SignatureVerifier, pool: PoolCert[]) {
    let collisions = 0;
    for (const p of pool) {
      const same = this.byKey.get(p.key);
      if (same && sameBytes(same.der, p.der)) continue;
      if (same) p.key = `${p.key}#${++collisions}`; // different bytes, same cheap key: kept apart
      this.byKey.set(p.key, p);
      const list = this.bySubject.get(p.record.subject.text) ?? [];
      list.push(p);
      this.bySubject.set(p.record.subject.text, list);
    }
  }

  /** The pool's entry for these bytes (a dropped copy of a root is that root). */
  canonical(cert: PoolCert): PoolCert {
    const pooled = this.byKey.get(cert.key);
    return pooled && sameBytes(pooled.der, cert.der) ? pooled : cert;
  }

  private signedBy(child: PoolCert, issuer: PoolCert) {
    const id = `${child.key}<${issuer.key}`;
    let r = this.sigMemo.get(id);
    if (!r) {
      r = (async () => {
        const { scheme, signature } = child.parts;
        if (!scheme) return { unsupported: `signature algorithm ${child.parts.signatureAlgorithmOid}` };
        let sig = signature;
        if (scheme.kind === 'ecdsa') {
          if (issuer.parts.key.kind !== 'ec') return 'invalid' as const;
          const raw = ecdsaDerToRaw(signature, FIELD_BYTES[issuer.parts.key.curve] ?? 0);
          if (!raw) return 'invalid' as const;
          sig = raw;
        }
        return this.verifier.verify(issuer.parts.key, scheme, child.parts.tbs, sig);
      })();
      this.sigMemo.set(id, r);
    }
    return r;
  }

  /** Path from `cert` to a trusted point (bundled root, or a CA service of a verified TSL). */
  path(cert: PoolCert, depth = 0): Promise<PathResult> {
    let r = this.memo.get(cert.key);
    if (!r) {
      r = this.build(cert, depth);
      this.memo.set(cert.key, r);
    }
    return r;
  }

  private async build(cert: PoolCert, depth: number): Promise<PathResult> {
    const r = cert.record;
    if (cert.anchor?.role === 'root') {
      return { ok: true, path: [cert], environment: envOf(cert.anchor.environments), anchorName: cn(r) };
    }
    if (depth > 10) return { ok: false, status: 'notVerifiable', reason: 'chainTooLong', params: {} };
    const self = selfIssued(r) && (r.authorityKeyIdentifier === null || r.authorityKeyIdentifier === r.subjectKeyIdentifier);
    const candidates = self ? [cert] : (this.bySubject.get(r.issuer.text) ?? []).filter((c) =>
      c.key !== cert.key && (
        r.authorityKeyIdentifier === null
        || c.record.subjectKeyIdentifier === null
        || c.record.subjectKeyIdentifier === r.authorityKeyIdentifier));
    // Prefer roots, then TSL CAs, then certificates still valid, then the rest (cross-certificates last).
    const rank = (c: PoolCert) => (c.anchor?.role === 'root' ? 0 : c.source === 'tsl' ? 1 : c.anchor?.role === 'cross' ? 3 : 2);
    candidates.sort((a, b) => rank(a) - rank(b));
    if (candidates.length === 0) {
      // A TSL CA is trusted as listed (TUC_PKI_018) even when its own issuer is not bundled.
      if (cert.tsl) return { ok: true, path: [cert], environment: cert.tsl.environment, anchorName: cn(r) };
      return { ok: false, status: 'issuerUnknown', reason: 'issuerUnknown', params: { issuer: r.issuer.text, keyId: colons(r.authorityKeyIdentifier) } };
    }
    let failure: PathResult | null = null;
    for (const issuer of candidates) {
      const outcome = await this.signedBy(cert, issuer);
      if (outcome !== 'valid') {
        failure ??= outcome === 'invalid'
          ? { ok: false, status: 'signatureInvalid', reason: 'signatureInvalid', params: { subject: cn(r), issuer: cn(issuer.record) } }
          : { ok: false, status: 'notVerifiable', reason: 'algorithmUnsupported', params: { subject: cn(r), detail: outcome.unsupported } };
        continue;
      }
      if (issuer === cert) {
        return { ok: false, status: 'selfSigned', reason: 'selfSigned', params: { subject: cn(r) } };
      }
      const up = await this.path(issuer, depth + 1);
      if (up.ok) return { ...up, path: [cert, ...up.path] };
      if (!failure || failure.status === 'issuerUnknown') failure = up;
    }
    if (cert.tsl) return { ok: true, path: [cert], environment: cert.tsl.environment, anchorName: cn(r) };
    return failure!;
  }
}

const before = (a: string, b: string) => Date.parse(a) < Date.parse(b);

/** The verdict for one certificate: chain, environment, and the offline TUC_PKI_018 checks. */
export async function verdictFor(builder: ChainBuilder, given: PoolCert, now: Date, tslLoaded: boolean): Promise<TrustVerdict> {
  const cert = builder.canonical(given);
  const result = await builder.path(cert);
  const checks: TrustCheck[] = [{ id: 'ocsp', result: 'notChecked', reason: 'ocspNeedsTiNetwork' }];
  if (!result.ok) {
    const params = { ...result.params };
    if (result.status === 'issuerUnknown' && !tslLoaded) params['hint'] = 'loadTsl';
    return { status: result.status, environment: null, chain: [cn(cert.record)], reason: result.reason, params, checks, warnings: [] };
  }
  const { path } = result;
  const warnings: TrustVerdict['warnings'] = [];
  let status: TrustVerdict['status'] = 'verified';
  let reason: TrustReason = 'chainVerified';
  const params: Record<string, string> = { anchor: result.anchorName };
  // Chain model: every issuer valid when its child was issued.
  let datesOk = true;
  for (let i = 0; i + 1 < path.length; i++) {
    const child = path[i]!.record, issuer = path[i + 1]!.record;
    if (before(child.notBefore, issuer.notBefore) || before(issuer.notAfter, child.notBefore)) {
      datesOk = false;
      warnings.push({ code: 'issuerNotValidAtIssuance', params: { subject: cn(child), issuer: cn(issuer) } });
    }
  }
  checks.push({ id: 'chainDates', result: datesOk ? 'pass' : 'fail' });
  for (const p of path) {
    if (p.anchor?.role === 'cross' && before(p.record.notAfter, now.toISOString())) {
      warnings.push({ code: 'crossCertificateExpired', params: { subject: cn(p.record), issuer: cn({ subject: p.record.issuer } as X509Record), notAfter: p.record.notAfter } });
    }
  }
  checks.push({ id: 'validityNow', result: before(now.toISOString(), cert.record.notBefore) || before(cert.record.notAfter, now.toISOString()) ? 'fail' : 'pass' });
  // TSL service of the issuing CA: status at issuance and the certificate types it may issue.
  const issuing = path[1];
  if (issuing?.tsl) {
    const svc = issuing.tsl.service;
    const revoked = svc.status === 'revoked';
    if (revoked && (!svc.statusStartingTime || !before(cert.record.notBefore, svc.statusStartingTime))) {
      status = 'caRevoked';
      reason = 'caRevoked';
      params['ca'] = cn(issuing.record);
      params['since'] = svc.statusStartingTime ?? '';
    }
    checks.push({ id: 'caStatus', result: status === 'caRevoked' ? 'fail' : 'pass', reason: svc.status });
    const types = cert.record.policies.filter((o) => /^1\.2\.276\.0\.76\.4\.\d+$/.test(o) && o !== '1.2.276.0.76.4.163' && o !== '1.2.276.0.76.4.145');
    if (svc.extensionOids.length > 0 && types.length > 0) {
      const missing = types.filter((t) => !svc.extensionOids.includes(t));
      checks.push({ id: 'caMayIssueType', result: missing.length === 0 ? 'pass' : 'fail', reason: missing.join(', ') || undefined });
      // The chain is genuine, but TUC_PKI_018 step 6 fails: said in the reason, not hidden in the checks.
      if (missing.length > 0) {
        warnings.push({ code: 'caMayNotIssueType', params: { ca: cn(issuing.record), types: missing.join(', ') } });
        if (status === 'verified') { reason = 'caMayNotIssueType'; params['ca'] = cn(issuing.record); params['types'] = missing.join(', '); }
      }
    } else checks.push({ id: 'caMayIssueType', result: 'notChecked', reason: types.length === 0 ? 'noCertificateType' : 'noTypesInTsl' });
  } else if (path.length > 1) {
    checks.push({ id: 'caStatus', result: 'notChecked', reason: 'issuerNotInTsl' });
    checks.push({ id: 'caMayIssueType', result: 'notChecked', reason: 'issuerNotInTsl' });
  }
  return { status, environment: status === 'verified' ? result.environment : null, chain: path.map((p) => cn(p.record)), reason, params, checks, warnings };
}
