// The card's trust verdicts → the card verdict's trust hook and the banner's "Echtheit" line.
import { describe, expect, it } from 'vitest';
import { trustInputOf, authenticityLineOf, chainAnchorsOf, withTrust } from '../../../src/domain/card-report/trust-input.ts';
import type { CardTrustReport } from '../../../src/domain/pki/trust/card.ts';
import type { TrustVerdict } from '../../../src/domain/pki/trust/types.ts';

const verdict = (over: Partial<TrustVerdict>): TrustVerdict => ({
  status: 'verified', environment: 'production', chain: [], reason: 'chainVerified', params: {}, checks: [], warnings: [], ...over,
});

describe('trustInputOf', () => {
  it('no trust store: nothing checked, nothing said', () => {
    expect(trustInputOf(undefined)).toBeUndefined();
    expect(withTrust(undefined)).toEqual({});
    expect(authenticityLineOf(undefined)).toBeNull();
  });

  it('a production chain through a cross-certificate names both roots and the cross-certificate', () => {
    // EE ← sub-CA ← GEM.RCA3 (cross-certificate signed by GEM.RCA2) ← GEM.RCA2
    const trust: CardTrustReport = {
      byFile: {
        'EF.C.HCI.AUT': verdict({ chain: ['SMC-B AUT', 'GEM.SMCB-CA24', 'GEM.RCA3', 'GEM.RCA2'] }),
        'EF.C.HCI.OSIG': verdict({ chain: ['SMC-B OSIG', 'GEM.SMCB-CA24', 'GEM.RCA3'] }),
        'EF.C.CA_CS.CS': null,
      },
      authenticity: { status: 'genuineProduction', environment: 'production', anchor: 'GEM.RCA2', reason: 'chainToProductionRoot' },
    };
    const input = trustInputOf(trust)!;
    expect(input.authenticity).toBe('ok');
    expect(input.anchor).toBe('GEM.RCA2');
    expect([...input.roots!].sort()).toEqual(['GEM.RCA2', 'GEM.RCA3']);
    expect(input.crossCertificates).toEqual([{ issuer: 'GEM.RCA2', subject: 'GEM.RCA3' }]);
    expect(authenticityLineOf(trust)).toEqual({ status: 'genuineProduction', anchor: 'GEM.RCA2', tone: 'ok' });
  });

  it('test roots are not production roots: no calendar rows for them, and the card is a test card (loud)', () => {
    const trust: CardTrustReport = {
      byFile: { a: verdict({ environment: 'test', chain: ['HBA AUT', 'GEM.HBA-CA24 TEST-ONLY', 'GEM.RCA3 TEST-ONLY'] }) },
      authenticity: { status: 'testCard', environment: 'test', anchor: 'GEM.RCA3 TEST-ONLY', reason: 'chainToTestRoot' },
    };
    expect(trustInputOf(trust)).toEqual({ authenticity: 'testCard', anchor: 'GEM.RCA3 TEST-ONLY', roots: [], crossCertificates: [] });
    expect(authenticityLineOf(trust)?.tone).toBe('loud');
  });

  it('a failed certificate names the failing files; unverifiable says unchecked', () => {
    const failed: CardTrustReport = {
      byFile: { good: verdict({ chain: ['x', 'GEM.RCA4'] }), bad: verdict({ status: 'signatureInvalid', environment: null, reason: 'signatureInvalid' }) },
      authenticity: { status: 'failed', environment: null, anchor: null, reason: 'signatureInvalid' },
    };
    expect(trustInputOf(failed)).toMatchObject({ authenticity: 'failed', detail: 'bad', roots: ['GEM.RCA4'] });
    expect(authenticityLineOf(failed)?.tone).toBe('loud');
    const unknown: CardTrustReport = {
      byFile: { a: verdict({ status: 'issuerUnknown', environment: null, reason: 'issuerUnknown' }) },
      authenticity: { status: 'notVerifiable', environment: null, anchor: null, reason: 'loadTsl' },
    };
    expect(trustInputOf(unknown)?.authenticity).toBe('unchecked');
    expect(authenticityLineOf(unknown)?.tone).toBe('neutral');
  });

  it('chainAnchorsOf ignores unverified chains', () => {
    expect(chainAnchorsOf([verdict({ status: 'caRevoked', environment: null, chain: ['a', 'GEM.RCA5', 'GEM.RCA4'] })])).toEqual({ roots: [], crossCertificates: [] });
  });
});
