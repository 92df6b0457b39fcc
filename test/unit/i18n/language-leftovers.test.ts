// Texts that were found in the wrong language or as bare codes (issue 12) stay fixed. Only exact strings
// that were really wrong are listed: a general "is this English?" detector would not be honest.
import { describe, it, expect } from 'vitest';
import { dictionaries, translate } from '../../../src/i18n/index.ts';
import { certificateReasonMessage, certificateReasonParamMessage } from '../../../src/domain/card-report/index.ts';
import { holderName } from '../../../src/domain/telematik-id/index.ts';

// Placeholder names ({{ offset }}) are not shown text.
const values = (locale: 'de' | 'en') => Object.values(dictionaries[locale]).map((v) => v.replace(/\{\{\s*\w+\s*\}\}/g, ''));

describe('no leftovers of the other language', () => {
  it('the German table has no "(holder)" and no English "offset"', () => {
    expect(values('de').filter((v) => v.includes('(holder)'))).toEqual([]);
    expect(values('de').filter((v) => /\boffset\b/.test(v))).toEqual([]);
    expect(values('en').filter((v) => v.includes('(holder)'))).toEqual([]);
  });
});

describe('codes are read as sentences', () => {
  it('a PIN-protected file reads "durch PIN geschützt" / "protected by PIN"', () => {
    const m = certificateReasonMessage('securityStatusNotSatisfied');
    expect(translate('de', m.key, m.params)).toContain('durch PIN geschützt');
    expect(translate('en', m.key, m.params)).toContain('protected by PIN');
  });
  it('a file-format fault is a sentence, not DER_TRUNCATED', () => {
    const m = certificateReasonMessage('DER_TRUNCATED');
    expect(translate('de', m.key)).toBe(dictionaries.de['cert.error.DER_TRUNCATED']);
    expect(translate('de', m.key)).not.toContain('DER_');
    const fromParam = certificateReasonParamMessage('DER_TRUNCATED');
    expect(fromParam?.key).toBe('cert.error.DER_TRUNCATED');
  });
  it('a status word is named as one, in both languages', () => {
    const m = certificateReasonMessage('sw6A82');
    expect(translate('de', m.key, m.params)).toContain('6A82');
    expect(translate('en', m.key, m.params)).toContain('6A82');
    expect(certificateReasonParamMessage('somethingElse')).toBeNull();
  });
  it('issuers without a code in the ID are named (seed 004 "Weitere Holder")', () => {
    expect(holderName('gkv')).toBe('GKV-Spitzenverband');
    expect(holderName('gematik')).toBe('gematik GmbH');
    expect(holderName('no-such-holder')).toBeNull();
  });
});
