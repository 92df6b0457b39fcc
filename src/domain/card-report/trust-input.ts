// The card's trust verdicts (report.trust, from src/domain/pki/trust) → what the card verdict and the banner
// need: authenticity for the verdict's trust hook, the production roots and cross-certificates the chains
// run through (their expiry ends the card, TI calendar), and the "Echtheit" line. One mapping for the card
// page, the kiosk and ti-card.
import type { CardTrustReport } from '../pki/trust/card.ts';
import type { AuthenticityStatus, TrustVerdict } from '../pki/trust/types.ts';
import type { TrustInput } from './verdict.ts';

const ROOT_NAME = /^GEM\.RCA\d+$/;

/** Production roots the verified chains end in, and the cross-certificates (root → root) they pass through. */
export function chainAnchorsOf(verdicts: readonly TrustVerdict[]): Pick<TrustInput, 'roots' | 'crossCertificates'> {
  const roots = new Set<string>();
  const cross = new Map<string, { issuer: string; subject: string }>();
  for (const v of verdicts) {
    if (v.status !== 'verified' || v.environment !== 'production') continue;
    const last = v.chain.at(-1);
    if (last && ROOT_NAME.test(last)) roots.add(last);
    // A cross-certificate's subject is a root's name and its issuer the next root up the chain.
    for (let i = 0; i + 1 < v.chain.length; i++) {
      const subject = v.chain[i]!, issuer = v.chain[i + 1]!;
      if (ROOT_NAME.test(subject) && ROOT_NAME.test(issuer) && subject !== issuer) cross.set(`${issuer}>${subject}`, { issuer, subject });
    }
  }
  return { roots: [...roots], crossCertificates: [...cross.values()] };
}

/** The verdict's trust hook; undefined when the card was read without a trust store (nothing checked). */
export function trustInputOf(trust: CardTrustReport | undefined): TrustInput | undefined {
  if (!trust) return undefined;
  const verdicts = Object.values(trust.byFile).filter((v): v is TrustVerdict => v !== null);
  const anchors = chainAnchorsOf(verdicts);
  const a = trust.authenticity;
  if (a.status === 'failed') {
    const failing = Object.entries(trust.byFile).filter(([, v]) => v && (v.status === 'signatureInvalid' || v.status === 'caRevoked' || v.status === 'selfSigned')).map(([file]) => file);
    return { authenticity: 'failed', detail: failing.join(', '), ...anchors };
  }
  if (a.status === 'testCard') return { authenticity: 'testCard', ...(a.anchor ? { anchor: a.anchor } : {}), ...anchors };
  if (a.status === 'genuineProduction') return { authenticity: 'ok', ...(a.anchor ? { anchor: a.anchor } : {}), ...anchors };
  return { authenticity: 'unchecked', ...anchors };
}

/** The banner's "Echtheit / Authenticity" line: which text (cert.trust.authenticity.<status>), how loud. */
export interface AuthenticityLine {
  status: AuthenticityStatus;
  anchor: string;
  /** testCard and failed are said loudly; notVerifiable offers loading a TSL. */
  tone: 'ok' | 'loud' | 'neutral';
}

export function authenticityLineOf(trust: CardTrustReport | undefined): AuthenticityLine | null {
  if (!trust) return null;
  const { status, anchor } = trust.authenticity;
  const tone = status === 'genuineProduction' ? 'ok' : status === 'notVerifiable' ? 'neutral' : 'loud';
  return { status, anchor: anchor ?? '', tone };
}

/** For cardVerdict's options: `{ trust }` when the card's trust was checked, else nothing. */
export function withTrust(trust: CardTrustReport | undefined): { trust?: TrustInput } {
  const input = trustInputOf(trust);
  return input ? { trust: input } : {};
}
