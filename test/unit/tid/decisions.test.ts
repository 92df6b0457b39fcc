// Each place where seed 004 is ambiguous or contradicts itself is decided once in
// src/domain/telematik-id/rules-data.ts (DECISIONS); these tests pin the decisions down.
import { describe, it, expect, beforeAll } from 'vitest';
import { loadTelematikIdValidator, type WasmTelematikIdValidator } from '../../../src/domain/telematik-id/index.ts';
import { DECISIONS, TABLES } from '../../../src/domain/telematik-id/rules-data.ts';

let v: WasmTelematikIdValidator;
beforeAll(async () => { v = await loadTelematikIdValidator(); });

describe('decisions on seed 004', () => {
  it('every decision is documented', () => {
    expect(Object.keys(DECISIONS).length).toBeGreaterThanOrEqual(10);
  });

  it('aekTwoDigit: Bezirksärztekammern 66–69 are read zero-padded in the three-digit field', () => {
    for (const [code, holder] of [['066', 'baekkoblenz'], ['067', 'baekrheinhessen'], ['068', 'baekpfalz'], ['069', 'baektrier']]) {
      expect(v.validate(`1-1${code}4242`)).toMatchObject({ verdict: 'valid', holder });
    }
    // written unpadded, the field reads 674… → chamber 674 is unknown
    expect(v.validate('1-1674242')).toMatchObject({ verdict: 'warning', reason: 'TID_UNKNOWN_CODE', span: [3, 6] });
  });

  it('aekHolders: holders kept as listed, the obvious name typo corrected', () => {
    const aek = TABLES.aek.entries;
    expect(aek.find((e) => e.code === '070')?.holder).toBe('baekpfalz');
    expect(aek.find((e) => e.code === '160')?.name).toBe('Sächsische Landesärztekammer');
  });

  it('apoMemberNumber and apoRandom: free lengths, both forms of the seed example are valid', () => {
    expect(v.validate('3-02.3.4242442.10.250').verdict).toBe('valid');
    expect(v.validate('3-02.3.42424242.10.250').verdict).toBe('valid');
    expect(v.validate('3-02.3.42424242.10.2').verdict).toBe('valid');
  });

  it('egbrCardTypes: profession-OID arcs of the eGBR professions, others warn', () => {
    for (const t of ['178', '232', '235', '277', '245', '246', '281']) expect(v.validate(`10-67.${t}.12345678`).verdict).toBe('valid');
    for (const t of ['237', '241', '250', '100']) expect(v.validate(`10-67.${t}.12345678`).reason).toBe('TID_UNKNOWN_CODE');
  });

  it('egbrId: exactly 8 characters of 0-9 . -', () => {
    expect(v.validate('10-67.246.00000001').verdict).toBe('valid');
    expect(v.validate('10-67.246.1').reason).toBe('TID_PART_TOO_SHORT');
  });

  it('numberLengths: 8- numbers have 10 digits, 9-x numbers 8', () => {
    expect(v.validate('8-01-00000000900').reason).toBe('TID_PART_TOO_LONG');
    expect(v.validate('9-1.34.123456789').reason).toBe('TID_PART_TOO_LONG');
    expect(v.validate('1-1010' + '4'.repeat(100)).verdict).toBe('valid');
  });

  it('numberLengths: the Nummernkreis has no fixed length (gematik test SMC-B: 16)', () => {
    expect(v.validate('2-2.30.2.16.290425').verdict).toBe('valid');
    expect(v.validate('2-1.01.1.12.424242').verdict).toBe('valid');
  });

  it('zahnCardTypes: 2-1 is card type 1, 2-2 is card type 2', () => {
    // gematik's own test SMC-B certificate has card type 1 in a 2-2 ID: a warning on exactly that part
    expect(v.validate('2-2.30.1.16.290425')).toMatchObject({ verdict: 'warning', reason: 'TID_UNKNOWN_CODE', part: 'cardType', span: [7, 8] });
    expect(v.validate('2-1.01.2.1.424242').reason).toBe('TID_UNKNOWN_CODE');
    expect(v.validate('2-2.02.1.1.42424').reason).toBe('TID_UNKNOWN_CODE');
  });

  it('ptkSmcb: 4-2… has no formation rule of its own', () => {
    expect(v.validate('4-28200112345678')).toMatchObject({ verdict: 'warning', reason: 'TID_RULE_MISMATCH' });
  });

  it('ikExample: the seed example fails the IK check digit', () => {
    expect(v.validate('5-2-123456789-001')).toMatchObject({ verdict: 'warning', reason: 'TID_CHECK_DIGIT' });
    // the IK vectors of reference/pki.md pass
    for (const ik of ['109500969', '999567890', '222152827']) expect(v.validate(`5-2-${ik}`).verdict).toBe('valid');
  });

  it('whitespace: spaces make a value invalid, with the trimmed ID offered', () => {
    expect(v.validate(' 8-01-0000000090')).toMatchObject({ verdict: 'invalid', reason: 'TID_WHITESPACE', suggestion: '8-01-0000000090' });
  });
});
