// Every formation rule, part and code table of rules-data has its title in German and English, so a new
// rule cannot reach the UI with a bare id (the UI falls back to the id when a text is missing).
import { describe, it, expect } from 'vitest';
import { RULES, TABLES } from '../../../src/domain/telematik-id/rules-data.ts';
import { dictionaries, isMessageKey } from '../../../src/i18n/index.ts';

describe('formation rule texts', () => {
  const keys = new Set<string>();
  for (const r of RULES) {
    keys.add(`tid.rule.${r.id.replace(/-$/, '')}`);
    for (const p of r.parts) keys.add(`tid.part.${p.name}`);
  }
  for (const t of Object.values(TABLES)) keys.add(`tid.part.${t.label}`);

  it('every rule title, part label and table label exists in both languages', () => {
    expect(keys.size).toBeGreaterThan(RULES.length);
    const missing = [...keys].filter((k) => !isMessageKey(k) || !dictionaries.en[k] || !dictionaries.de[k]);
    expect(missing).toEqual([]);
  });
});
