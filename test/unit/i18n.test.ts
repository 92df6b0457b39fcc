import { describe, it, expect } from 'vitest';
import { dictionaries, placeholder, translate } from '../../src/i18n/index.ts';

describe('i18n table', () => {
  it('has the same keys in German and English, none empty', () => {
    expect(Object.keys(dictionaries.en).sort()).toEqual(Object.keys(dictionaries.de).sort());
    for (const [locale, dict] of Object.entries(dictionaries)) {
      for (const [key, text] of Object.entries(dict)) expect(text.trim(), `${locale}:${key}`).not.toBe('');
    }
  });
  it('keeps the same placeholders in both languages', () => {
    // name and format (`{{ date | date }}`): both languages treat a value alike
    const names = (s: string) => [...s.matchAll(placeholder)].map((m) => `${m[1]}|${m[2] ?? ''}`).sort();
    for (const key of Object.keys(dictionaries.de) as (keyof typeof dictionaries.de)[]) {
      expect(names(dictionaries.en[key]), key).toEqual(names(dictionaries.de[key]));
    }
  });
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'about.version', { version: '1.2.3' })).toBe('Version 1.2.3');
    expect(translate('de', 'about.version')).toContain('{{ version }}');
    // values are inserted verbatim, even with String.replace patterns in them
    expect(translate('en', 'about.version', { version: "$& $1 $' $$" })).toBe("Version $& $1 $' $$");
  });
  it('formats placeholders marked as dates and numbers in each language', () => {
    // 'Abgelaufen am {{ date | date }}' / 'Expired on {{ date | date }}'
    expect(translate('de', 'cert.problem.EXPIRED', { date: '2020-10-10' })).toBe('Abgelaufen am 10.10.2020');
    expect(translate('en', 'cert.problem.EXPIRED', { date: '2020-10-10' })).toBe('Expired on 10 October 2020');
    expect(translate('de', 'card.cert.daysLeft', { days: 1500 })).toBe('noch 1.500 Tage');
    // a value that is no date is shown as given, never dropped
    expect(translate('de', 'cert.problem.EXPIRED', { date: 'unbekannt' })).toBe('Abgelaufen am unbekannt');
  });
});
