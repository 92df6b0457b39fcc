// Hand-written cases for every formation rule of seed 004: the seed's own examples, then one broken
// variant per part. Expected verdicts, reasons and spans are written here by hand, not derived.
import { describe, it, expect, beforeAll } from 'vitest';
import { loadTelematikIdValidator, type WasmTelematikIdValidator } from '../../../src/domain/telematik-id/index.ts';

let v: WasmTelematikIdValidator;
beforeAll(async () => { v = await loadTelematikIdValidator(); });

const valid: [string, string, string | null][] = [
  // [id, rule, holder]
  ['1-10104242424242', '1-1', 'aeksh'],
  ['1-1090123', '1-1', 'blaek'],
  ['1-20014242424', '1-20', 'kvsh'],
  ['1-20724242424', '1-20', 'kvbe'],
  ['2-1.01.1.1.424242', '2-1', 'lzkbw'],
  ['2-1.17.1.9.1', '2-1', 'zaekwl'],
  ['2-2.02.2.1.42424', '2-2', 'kzvbw'],
  ['2-2.99.2.1.42424', '2-2', 'kzbv'],
  ['3-02.3.42424242.10.250', '3', 'blak'],
  ['3-02.3.4242442.10.250', '3', 'blak'],
  ['3-17.2.1.17.1', '3', 'akwl'],
  ['4-18200112345678', '4-1', 'optk'],
  ['4-17100100000001', '4-1', 'ptksh'],
  ['5-2-109500969', '5-2', 'dktig'],
  ['5-2-999567890-001', '5-2', 'dktig'],
  ['8-01-0000000090', '8', 'gkv'],
  ['8-04-1234567890', '8', 'gkv'],
  ['9-1.34.12345678', '9-1', 'gematik'],
  ['9-2.245.12345678', '9-2', 'gematik'],
  ['9-2.50.12345678', '9-2', 'gematik'],
  ['10-67.246.12345678', '10-67', 'egbr'],
  ['10-67.235.0000-1.2', '10-67', 'egbr'],
  ['11-1.91.000123456789', '11', 'hk91'],
  ['11-2.01.ABCdef12', '11', 'hk01'],
];

describe('valid IDs of every formation rule', () => {
  it.each(valid)('%s follows rule %s', (id, rule, holder) => {
    const r = v.validate(id);
    expect(r).toMatchObject({ verdict: 'valid', reason: null, rule, holder, span: null, suggestion: null });
  });
});

const broken: [string, string, string, string | null, [number, number] | null][] = [
  // [id, verdict, reason, rule, span]
  ['1-1011424242', 'warning', 'TID_UNKNOWN_CODE', '1-1', [3, 6]],           // chamber 011 not assigned
  ['1-1010', 'warning', 'TID_MISSING_PART', '1-1', [6, 6]],                  // no number after the chamber
  ['1-101', 'warning', 'TID_PART_TOO_SHORT', '1-1', [3, 5]],                 // chamber code of two digits
  ['1-2000424242', 'warning', 'TID_UNKNOWN_CODE', '1-20', [4, 6]],          // KV 00
  ['1-2001424242', 'warning', 'TID_PART_TOO_SHORT', '1-20', [6, 12]],       // BSNR 8 digits
  ['1-200142424242', 'warning', 'TID_PART_TOO_LONG', '1-20', [6, 14]],      // BSNR 10 digits
  ['1-2001424242O', 'warning', 'TID_PART_CHARS', '1-20', [12, 13]],         // letter O
  ['1-30014242424', 'warning', 'TID_RULE_MISMATCH', null, [2, 13]],
  ['2-1.18.1.1.424242', 'warning', 'TID_UNKNOWN_CODE', '2-1', [4, 6]],
  ['2-1.01.2.1.424242', 'warning', 'TID_UNKNOWN_CODE', '2-1', [7, 8]],      // card type 2 in the HBA rule
  ['2-101.1.1.424242', 'warning', 'TID_MISSING_SEPARATOR', '2-1', [3, 3]],
  ['2-2-02.2.1.42424', 'warning', 'TID_WRONG_SEPARATOR', '2-2', [3, 4]],
  ['2-2.03.2.1.42424', 'warning', 'TID_UNKNOWN_CODE', '2-2', [4, 6]],       // KZV 03 not listed
  ['2-2.02.2.1', 'warning', 'TID_MISSING_PART', '2-2', [10, 10]],
  ['3-18.3.42424242.10.250', 'warning', 'TID_UNKNOWN_CODE', '3', [2, 4]],
  ['3-02.4.42424242.10.250', 'warning', 'TID_UNKNOWN_CODE', '3', [5, 6]],
  ['3-02.3.42424242.11.250', 'warning', 'TID_UNKNOWN_CODE', '3', [16, 18]], // TSP 11 has no Erstvergabe
  ['4-18200212345678', 'warning', 'TID_FIXED_PART', '4-1', [6, 8]],
  ['4-1820011234567', 'warning', 'TID_PART_TOO_SHORT', '4-1', [8, 15]],
  ['4-17000112345678', 'warning', 'TID_UNKNOWN_CODE', '4-1', [3, 6]],
  ['4-28200112345678', 'warning', 'TID_RULE_MISMATCH', null, [2, 16]],
  ['5-2-123456789-001', 'warning', 'TID_CHECK_DIGIT', '5-2', [12, 13]],
  ['5-2-10950096', 'warning', 'TID_PART_TOO_SHORT', '5-2', [4, 12]],
  ['5-2-109500969-01', 'warning', 'TID_PART_TOO_SHORT', '5-2', [14, 16]],
  ['5-2-109500969.001', 'warning', 'TID_TRAILING', '5-2', [13, 17]],
  ['5-1-109500969', 'warning', 'TID_RULE_MISMATCH', null, [2, 13]],
  ['8-02-0000000090', 'warning', 'TID_UNKNOWN_CODE', '8', [2, 4]],
  ['8-01-000000009', 'warning', 'TID_PART_TOO_SHORT', '8', [5, 14]],
  ['9-1.35.12345678', 'warning', 'TID_UNKNOWN_CODE', '9-1', [4, 6]],
  ['9-2.999.12345678', 'warning', 'TID_UNKNOWN_CODE', '9-2', [4, 7]],
  ['9-2.245.1234567', 'warning', 'TID_PART_TOO_SHORT', '9-2', [8, 15]],
  ['10-67.999.12345678', 'warning', 'TID_UNKNOWN_CODE', '10-67', [6, 9]],
  ['10-67.246.123456789', 'warning', 'TID_PART_TOO_LONG', '10-67', [10, 19]],
  ['10-67.246.1234567a', 'warning', 'TID_PART_CHARS', '10-67', [17, 18]],
  ['11-3.91.000123456789', 'warning', 'TID_UNKNOWN_CODE', '11', [3, 4]],
  ['11-1.10.000123456789', 'warning', 'TID_UNKNOWN_CODE', '11', [5, 7]],
  ['11-1.91.0001234', 'warning', 'TID_PART_TOO_SHORT', '11', [8, 15]],
  ['11-1.91.0001234567890123', 'warning', 'TID_PART_TOO_LONG', '11', [8, 24]],
  ['4-1-Psycho-BabetteBeyer01', 'warning', 'TID_RULE_MISMATCH', null, [2, 25]], // gematik test certificate: the sub-prefix matches by chance
  ['2-1.01.1.', 'warning', 'TID_MISSING_PART', '2-1', [9, 9]],
  // no formation rule at all
  ['6-1234', 'warning', 'TID_NO_FORMATION_RULE', null, [2, 6]],
  ['7-abc.def', 'warning', 'TID_NO_FORMATION_RULE', null, [2, 9]],
  ['12-1', 'warning', 'TID_NO_FORMATION_RULE', null, [3, 4]],
  ['01-10104242424242', 'warning', 'TID_NO_FORMATION_RULE', null, [3, 17]],
  // real test-card IDs that follow only the general form (reference/pki.md)
  ['1-HBA-Testkarte-883110000205690', 'warning', 'TID_RULE_MISMATCH', null, [2, 31]],
  // not a Telematik-ID at all
  ['', 'invalid', 'TID_EMPTY', null, [0, 0]],
  ['abc', 'invalid', 'TID_NO_PREFIX', null, [0, 1]],
  ['-1', 'invalid', 'TID_NO_PREFIX', null, [0, 1]],
  ['1-', 'invalid', 'TID_NO_REST', null, [0, 2]],
  ['1–20014242424', 'invalid', 'TID_BAD_CHAR', null, [1, 2]],
  ['1-2001424242_4', 'invalid', 'TID_BAD_CHAR', null, [12, 13]],
  ['1-20014242424 ', 'invalid', 'TID_WHITESPACE', null, [13, 14]],
  ['1-2001\u00a04242424', 'invalid', 'TID_WHITESPACE', null, [6, 7]],
  [`1-${'1'.repeat(127)}`, 'invalid', 'TID_TOO_LONG', null, [128, 129]],
];

describe('broken IDs: verdict, reason code and the exact part', () => {
  it.each(broken)('%s → %s %s', (id, verdict, reason, rule, span) => {
    const r = v.validate(id);
    expect(r.verdict).toBe(verdict);
    expect(r.reason).toBe(reason);
    expect(r.rule).toBe(rule);
    expect(r.span).toEqual(span);
  });

  it('a 128-character ID is still a Telematik-ID, 129 is not', () => {
    expect(v.validate(`6-${'a'.repeat(126)}`).verdict).toBe('warning');
    expect(v.validate(`6-${'a'.repeat(127)}`).reason).toBe('TID_TOO_LONG');
  });
});

describe('suggestions where the fix is obvious', () => {
  it.each([
    ['1–20014242424', '1-20014242424'],           // en dash
    ['1‐20014242424', '1-20014242424'],           // Unicode hyphen
    [' 1-20014242424 ', '1-20014242424'],         // stray spaces
    ['1-2001 4242424', '1-20014242424'],
    ['1-2001424242O', '1-20014242420'],           // letter O for zero
    ['1-1O104242424242', '1-10104242424242'],
    ['2-101.1.1.424242', '2-1.01.1.1.424242'],    // missing dot
    ['2-2-02.2.1.42424', '2-2.02.2.1.42424'],     // '-' instead of '.'
    ['1-20014242424\u200b', '1-20014242424'],     // zero-width space
    ['1-2OO14242424', '1-20014242424'],           // letters O in the sub-prefix and the BSNR
    ['1-2001424242l', '1-20014242421'],           // letter l for one
    ['1–2.58.00000040', '1-2.58.00000040'],       // en dash: not a Telematik-ID → general form (better, not valid)
    ['+1-20014242424', '1-20014242424'],          // leading '+' (phone-number habit)
    ["'1-20014242424", '1-20014242424'],          // Excel's text apostrophe
    ['"1-20014242424",', '1-20014242424'],        // quotes and a comma from a pasted list
    ['(2-2.02.2.1.42424).', '2-2.02.2.1.42424'],  // brackets and a full stop
    ['+1–2OO14242424', '1-20014242424'],          // '+', en dash and letters O at once
  ])('%s → %s', (id, suggestion) => {
    const r = v.validate(id);
    expect(r.verdict).not.toBe('valid');
    expect(r.suggestion).toBe(suggestion);
  });

  it('offers nothing when no obvious fix makes the ID valid', () => {
    expect(v.validate('1-1999123').suggestion).toBeNull();
    expect(v.validate('abc').suggestion).toBeNull();
    expect(v.validate('5-2-123456789-001').suggestion).toBeNull();
    expect(v.validate('+abc').suggestion).toBeNull(); // without the '+' still invalid: no better verdict
  });
});

describe('spaces: the wasm core (bytes) and the string view agree', () => {
  const spaces = [' ', '\t', '\u00a0', '\u2003', '\u200a', '\u202f', '\u205f', '\u3000'];
  const others = ['\u200b', '–', '\ufeff', '\u2028', '\u00ad', 'ä'];
  it.each(spaces.map((c) => [JSON.stringify(c), c]))('%s is whitespace', (_, c) => {
    const id = `1-2001${c}4242424`;
    expect(v.raw(id).reasonNumber).toBe(2);
    expect(v.validate(id).reason).toBe('TID_WHITESPACE');
  });
  it.each(others.map((c) => [JSON.stringify(c), c]))('%s is another bad character', (_, c) => {
    const id = `1-2001${c}4242424`;
    expect(v.raw(id).reasonNumber).toBe(3);
    expect(v.validate(id).reason).toBe('TID_BAD_CHAR');
  });
});
