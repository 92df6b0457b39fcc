// Result codes of asm/telematik-id.ts (numbers) and their public names (reason codes).
import type { Verdict } from './types.ts';

export const VERDICTS: Verdict[] = ['valid', 'warning', 'invalid'];

export type TidReasonCode =
  | 'TID_EMPTY' | 'TID_WHITESPACE' | 'TID_BAD_CHAR' | 'TID_TOO_LONG' | 'TID_NO_PREFIX' | 'TID_NO_REST'
  | 'TID_NO_FORMATION_RULE' | 'TID_RULE_MISMATCH' | 'TID_MISSING_SEPARATOR' | 'TID_WRONG_SEPARATOR'
  | 'TID_PART_TOO_SHORT' | 'TID_PART_TOO_LONG' | 'TID_PART_CHARS' | 'TID_UNKNOWN_CODE' | 'TID_CHECK_DIGIT'
  | 'TID_TRAILING' | 'TID_FIXED_PART' | 'TID_MISSING_PART';

export const REASONS: Record<number, TidReasonCode> = {
  1: 'TID_EMPTY',
  2: 'TID_WHITESPACE',
  3: 'TID_BAD_CHAR',
  4: 'TID_TOO_LONG',
  5: 'TID_NO_PREFIX',
  6: 'TID_NO_REST',
  10: 'TID_NO_FORMATION_RULE',
  11: 'TID_RULE_MISMATCH',
  12: 'TID_MISSING_SEPARATOR',
  13: 'TID_WRONG_SEPARATOR',
  14: 'TID_PART_TOO_SHORT',
  15: 'TID_PART_TOO_LONG',
  16: 'TID_PART_CHARS',
  17: 'TID_UNKNOWN_CODE',
  18: 'TID_CHECK_DIGIT',
  19: 'TID_TRAILING',
  20: 'TID_FIXED_PART',
  21: 'TID_MISSING_PART',
};

export const REASON_CODES = Object.values(REASONS);
export const RULE_NONE = 63;

/** Whether a reason is about one part of the rule (so the result names that part): separator, length,
 *  characters, code, check digit, fixed text, missing part — not the general form, rule choice or trailing text. */
export function reasonNamesPart(reasonNumber: number): boolean {
  return reasonNumber >= 12 && reasonNumber !== 19;
}
