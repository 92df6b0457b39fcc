// Checks that need more than one certificate: a certificate's authorityKeyIdentifier must equal the
// subjectKeyIdentifier of its issuer, when the issuer (same name as the certificate's issuer field) is
// among the certificates checked together (dropped files, CLI arguments). Pure: returns new objects.
import type { Problem } from './types.ts';

export interface ChainMember {
  format: 'x509' | 'cvc';
  subject: string;
  issuer: string;
  subjectKeyIdentifier: string | null;
  authorityKeyIdentifier: string | null;
  problems: Problem[];
}

/** Problem codes this module adds (removed first, so re-running over a grown set does not repeat them). */
const CHAIN_CODES = new Set<Problem['code']>(['AUTHORITY_KEY_ID_MISMATCH']);

export function withIssuerChecks<T extends ChainMember>(items: T[]): T[] {
  const bySubject = new Map<string, T[]>();
  for (const it of items) {
    if (it.format !== 'x509' || it.subjectKeyIdentifier === null) continue;
    const list = bySubject.get(it.subject);
    if (list) list.push(it); else bySubject.set(it.subject, [it]);
  }
  return items.map((it) => {
    const problems = it.problems.filter((p) => !CHAIN_CODES.has(p.code));
    if (it.format === 'x509' && it.authorityKeyIdentifier !== null) {
      // A self-issued certificate is its own issuer; otherwise another certificate with that subject name.
      const issuers = (bySubject.get(it.issuer) ?? []).filter((c) => c !== it || it.issuer === it.subject);
      if (issuers.length > 0 && !issuers.some((c) => c.subjectKeyIdentifier === it.authorityKeyIdentifier)) {
        problems.push({
          code: 'AUTHORITY_KEY_ID_MISMATCH', severity: 'error',
          params: { aki: colons(it.authorityKeyIdentifier), ski: [...new Set(issuers.map((c) => colons(c.subjectKeyIdentifier!)))].join(' / '), issuer: it.issuer },
        });
      }
    }
    return problems.length === it.problems.length && problems.every((p, k) => p === it.problems[k]) ? it : { ...it, problems };
  });
}

const colons = (hexId: string) => hexId.match(/../g)?.join(':') ?? hexId;
