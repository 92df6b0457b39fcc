import { describe, it, expect } from 'vitest';
import { dictionaries, translate } from '../../src/i18n/index.ts';

describe('i18n table', () => {
  it('has the same keys in German and English, none empty', () => {
    expect(Object.keys(dictionaries.en).sort()).toEqual(Object.keys(dictionaries.de).sort());
    for (const [locale, dict] of Object.entries(dictionaries)) {
      for (const [key, text] of Object.entries(dict)) expect(text.trim(), `${locale}:${key}`).not.toBe('');
    }
  });
  it('keeps the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
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
});
