// Result codes of asm/telematik-id.ts (numbers) and their public names (reason codes): read from
// the wasm contract (src/domain/wasm-contract.ts), which the wasm build reads too.
import type { Verdict } from './types.ts';
import { TID_REASON_NUMBERS, TID_RULE_NONE, TID_VERDICTS } from '../wasm-contract.ts';

export const VERDICTS: Verdict[] = [...TID_VERDICTS];

export type { TidReasonCode } from '../wasm-contract.ts';
import type { TidReasonCode } from '../wasm-contract.ts';

/** Reason name by number. */
export const REASONS: Record<number, TidReasonCode> = Object.fromEntries(
  Object.entries(TID_REASON_NUMBERS).map(([name, n]) => [n, name as TidReasonCode]));

export const REASON_CODES = Object.keys(TID_REASON_NUMBERS);
export const RULE_NONE = TID_RULE_NONE;

/** Whether a reason is about one part of the rule (so the result names that part): separator, length,
 *  characters, code, check digit, fixed text, missing part — not the general form, rule choice or trailing text. */
export function reasonNamesPart(reasonNumber: number): boolean {
  return reasonNumber >= TID_REASON_NUMBERS.TID_MISSING_SEPARATOR && reasonNumber !== TID_REASON_NUMBERS.TID_TRAILING;
}
