// Turns a result's reason code into the sentence of the one i18n table, filling in the exact part.
import { codeKey, knownCodeKey, translate, type Locale } from '../../i18n/index.ts';
import { RULES } from './rules-data.ts';
import type { TelematikIdResult } from './types.ts';
import { isTestCardTelematikId } from './test-card.ts';

function ikCheckDigit(ik: string): number {
  let sum = 0;
  for (let i = 0; i < 6; i++) {
    const v = Number(ik[i + 2]) * (i % 2 === 0 ? 2 : 1);
    sum += v >= 10 ? v - 9 : v;
  }
  return sum % 10;
}

/** The reason sentence; a gematik test card's ID says so first (it is expected to fit no production rule). */
export function reasonMessage(result: TelematikIdResult, locale: Locale): string {
  const sentence = ruleMessage(result, locale);
  return isTestCardTelematikId(result.input) ? `${translate(locale, 'tid.testCard')} ${sentence}` : sentence;
}

/** The formation rule's sentence alone (for views that name a test card ID separately). */
export function ruleMessage(result: TelematikIdResult, locale: Locale): string {
  if (!result.reason) return translate(locale, 'tid.verdict.valid');
  const key = codeKey('tid.reason.', result.reason);
  const [start, end] = result.span ?? [0, 0];
  const rule = RULES.find((r) => r.id === result.rule);
  const partDef = rule?.parts.find((p) => p.name === result.part);
  const partKey = result.part ? knownCodeKey('tid.part.', result.part) : null;
  const partLabel = partKey ? translate(locale, partKey) : (result.part ?? '');
  const sector = /^(\d+)-/.exec(result.input)?.[1] ?? '';
  let text = result.input.slice(start, end);
  let expected: string | number = '';
  let actual = '';
  let length: number = end - start;
  switch (result.reason) {
    case 'TID_MISSING_SEPARATOR':
    case 'TID_WRONG_SEPARATOR':
      expected = partDef?.sep ?? '';
      break;
    case 'TID_PART_TOO_SHORT':
    case 'TID_PART_TOO_LONG':
      expected = !partDef ? ''
        : partDef.minLength === partDef.maxLength ? partDef.minLength : `${partDef.minLength}–${partDef.maxLength}`;
      break;
    case 'TID_PART_CHARS':
      expected = translate(locale, codeKey('tid.expected.', partDef?.kind ?? 'digits'));
      break;
    case 'TID_FIXED_PART':
      expected = partDef?.literal ?? '';
      break;
    case 'TID_CHECK_DIGIT': {
      text = result.input.slice(start - 8, end);
      actual = result.input.slice(start, end);
      expected = ikCheckDigit(text);
      break;
    }
    case 'TID_TOO_LONG':
      length = [...result.input].length;
      break;
    case 'TID_NO_REST':
      text = result.input;
      break;
  }
  const rulesOfSector = RULES.filter((r) => String(r.sector) === sector).map((r) => `${r.sector}-${r.sub}…`).join(', ');
  return translate(locale, key, {
    pos: start + 1, text, part: partLabel, expected, actual, length, sector,
    rules: rulesOfSector, rule: result.rule ?? '',
  });
}
