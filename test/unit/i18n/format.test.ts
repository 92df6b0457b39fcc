// The locale helper: German dates TT.MM.JJJJ (the owners' rule), English dates in words, numbers grouped
// the way each language writes them. Expected strings are written out by hand from those rules.
import { describe, it, expect } from 'vitest';
import { formatDate, formatNumber, formatStamp, parseDay } from '../../../src/i18n/index.ts';

describe('formatDate', () => {
  it('writes German days as TT.MM.JJJJ from every form card and certificate data use', () => {
    expect(formatDate('de', '1988-04-01')).toBe('01.04.1988');
    expect(formatDate('de', '19880401')).toBe('01.04.1988'); // eGK birth date
    expect(formatDate('de', '2026-12-07T23:59:59Z')).toBe('07.12.2026'); // the day the certificate says, in any zone
    expect(formatDate('de', '2026-12-07T00:00:00.000Z')).toBe('07.12.2026');
  });
  it('writes English days in English', () => {
    expect(formatDate('en', '19880401')).toBe('1 April 1988');
    expect(formatDate('en', '2026-07-01')).toBe('1 July 2026');
  });
  it('keeps text that is no day unchanged (shown, never lost) and refuses impossible days', () => {
    expect(formatDate('de', '')).toBe('');
    expect(formatDate('de', 'unbekannt')).toBe('unbekannt');
    expect(parseDay('20240231')).toBeNull();
    expect(formatDate('de', '20240231')).toBe('20240231');
    expect(formatDate('de', '20240229')).toBe('29.02.2024');
  });
  it('shows a card wall-clock stamp as day and hh:mm', () => {
    expect(formatStamp('de', '2024-03-05T14:07:33')).toBe('05.03.2024, 14:07');
    expect(formatStamp('en', '2024-03-05T14:07:33')).toBe('5 March 2024, 14:07');
  });
});

describe('formatNumber', () => {
  it('groups thousands as each language does', () => {
    expect(formatNumber('de', 1234567)).toBe('1.234.567');
    expect(formatNumber('en', 1234567)).toBe('1,234,567');
    expect(formatNumber('de', 12.345, 1)).toBe('12,3');
    expect(formatNumber('en', 12.345, 1)).toBe('12.3');
  });
});
