import { describe, it, expect, beforeAll } from 'vitest';
import { loadTelematikIdValidator, explainTelematikId, type WasmTelematikIdValidator } from '../../../src/domain/telematik-id/index.ts';
import { reasonMessage } from '../../../src/domain/telematik-id/message.ts';
import { REASON_CODES } from '../../../src/domain/telematik-id/codes.ts';
import { dictionaries } from '../../../src/i18n/index.ts';

let v: WasmTelematikIdValidator;
beforeAll(async () => { v = await loadTelematikIdValidator(); });

describe('reason sentences', () => {
  it('every reason code has a German and an English sentence', () => {
    for (const code of REASON_CODES) {
      expect(dictionaries.de, code).toHaveProperty(`tid.reason.${code}`);
      expect(dictionaries.en, code).toHaveProperty(`tid.reason.${code}`);
    }
  });

  it('names the exact part and value', () => {
    expect(reasonMessage(v.validate('1-2000424242'), 'de')).toBe('KV-Kennung (BSNR Stelle 1–2) „00“ ist in der Bildungsregel 1-20 nicht vergeben.');
    expect(reasonMessage(v.validate('1-2000424242'), 'en')).toBe('KV code (BSNR digits 1–2) “00” is not assigned in formation rule 1-20.');
    expect(reasonMessage(v.validate('5-2-123456789-001'), 'de')).toBe('IK-Nummer „123456789“: Prüfziffer 9 ist falsch, richtig wäre 0.');
    expect(reasonMessage(v.validate('2-101.1.1.424242'), 'en')).toBe('“.” is missing before “Chamber of dentists ID” (position 4).');
    expect(reasonMessage(v.validate('1–20014242424'), 'de')).toContain('„–“ an Stelle 2');
    expect(reasonMessage(v.validate('4-1820011234567'), 'en')).toBe('Serial number (8 digits) “1234567” is too short: 7 instead of 8 characters.');
    expect(reasonMessage(v.validate('2-1.01.1.'), 'de')).toBe('Nummernkreis fehlt (Stelle 10).');
  });

  it('leaves no placeholder unfilled for any reason', () => {
    for (const id of ['', 'x', '1-', '6-1', '1-3x', '2-101.1.1.1', '2-1-01.1.1.1', '1-201', '1-2001424242424', '1-20O', '1-1999',
      '5-2-123456789', '5-2-109500969x', '4-1820021234567', '2-2.02.2.1', `1-${'1'.repeat(200)}`, '1- 2']) {
      const r = v.validate(id);
      for (const locale of ['de', 'en'] as const) expect(reasonMessage(r, locale), id).not.toMatch(/\{\{/);
    }
  });
});

describe('explanation of the parts', () => {
  it('splits a valid ID into its parts with their meaning', () => {
    const e = explainTelematikId(v, '2-2.02.2.1.42424');
    expect(e.parts.map((p) => [p.name, p.text, p.entry?.name ?? null])).toEqual([
      ['prefix', '2-2', null], ['kzv', '02', 'KZV Baden-Württemberg'], ['cardType', '2', 'Praxisausweis (SMC-B)'],
      ['numberRange', '1', null], ['number', '42424', null],
    ]);
  });
  it('marks the faulty part', () => {
    const e = explainTelematikId(v, '1-10114242');
    expect(e.parts.filter((p) => p.faulty).map((p) => p.name)).toEqual(['aek']);
  });
});

describe('a wrong IK check digit does not hide the rest', () => {
  it('explains every part of 5-2-123456789-001, the IK marked faulty', () => {
    const e = explainTelematikId(v, '5-2-123456789-001');
    expect(e.result).toMatchObject({ verdict: 'warning', reason: 'TID_CHECK_DIGIT', part: 'ik', span: [12, 13] });
    expect(e.parts.map((p) => [p.name, p.text, p.faulty])).toEqual([['prefix', '5-2', false], ['ik', '123456789', true], ['suffix', '001', false]]);
  });
  it('reports the check digit before a later problem', () => {
    expect(v.validate('5-2-123456789-01')).toMatchObject({ reason: 'TID_CHECK_DIGIT', part: 'ik' });
  });
});

describe('a gematik test card\'s Telematik-ID is named as such', () => {
  // The form gematik's HBA test cards use (`1-HBA-Testkarte-…`, issue 11).
  it('says "Testkarte" before the rule sentence, in German and English', () => {
    const r = v.validate('1-HBA-Testkarte-883110000117289');
    expect(reasonMessage(r, 'de')).toMatch(/^Das ist die Telematik-ID einer gematik-Testkarte/);
    expect(reasonMessage(r, 'en')).toMatch(/^This is the Telematik-ID of a gematik test card/);
  });
  it('does not say so for a production ID', () => {
    expect(reasonMessage(v.validate('1-20a1201-290425'), 'de')).not.toContain('Testkarte');
  });
});
