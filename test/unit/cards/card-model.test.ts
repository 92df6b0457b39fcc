// Adding a card type: what a new entry in CARD_TYPES must come with, checked here so an omission fails
// a test instead of showing "unknown" or a raw key (CONTRIBUTING.md, "How to add a card type").
import { describe, it, expect } from 'vitest';
import { CARD_TYPES } from '../../../src/cards/types.ts';
import { PROFILES, profileForMfAid, profileForType } from '../../../src/cards/profiles.ts';
import { dictionaries } from '../../../src/i18n/index.ts';

describe('card model', () => {
  it('every card type but "unknown" has exactly one profile, and every profile a listed type', () => {
    for (const type of CARD_TYPES.filter((t) => t !== 'unknown')) {
      expect(PROFILES.filter((p) => p.type === type), type).toHaveLength(1);
      expect(profileForType(type)?.type).toBe(type);
    }
    for (const p of PROFILES) expect(CARD_TYPES).toContain(p.type);
    expect(profileForType('unknown')).toBeNull();
  });

  it('MF AIDs are distinct, so a card is identified by exactly one profile', () => {
    const aids = PROFILES.map((p) => p.mfAid);
    expect(new Set(aids).size).toBe(aids.length);
    for (const p of PROFILES) expect(profileForMfAid(p.mfAid.toLowerCase())).toBe(p);
  });

  it('every card type has a name in German and English', () => {
    for (const locale of ['de', 'en'] as const) {
      const dict = dictionaries[locale] as Record<string, string>;
      for (const type of CARD_TYPES) expect(dict[`card.type.${type}`], `${locale} card.type.${type}`).toBeTruthy();
    }
  });

  it('profile meaning refers to PINs and files the profile reads', () => {
    for (const p of PROFILES) {
      const pins = p.folders.flatMap((f) => f.pins.map((x) => x.name));
      const files = p.folders.flatMap((f) => f.dataFiles.map((x) => x.name));
      if (p.mainPin) expect(pins, p.type).toContain(p.mainPin);
      for (const s of p.specialPins ?? []) expect(pins, p.type).toContain(s);
      if (p.personalData) for (const f of Object.values(p.personalData)) expect(files, p.type).toContain(f);
      if (p.activatedByMainPin) expect(p.mainPin, p.type).toBeDefined();
    }
  });
});
