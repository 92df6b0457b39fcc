// Public contract of the Telematik-ID validator (implementation: asm/telematik-id.ts + this folder).
import type { TidReasonCode } from './codes.ts';
export type Verdict = 'valid' | 'warning' | 'invalid';

export interface TelematikIdResult {
  /** The input exactly as given. */
  input: string;
  verdict: Verdict;
  /** Reason code for non-valid results (e.g. `TID_UNKNOWN_CHAMBER`); null when valid. */
  reason: TidReasonCode | null;
  /** [start, end) character range of the part that is wrong, when one part is to blame. */
  span: [number, number] | null;
  /** Formation rule the ID was checked against, e.g. `1-1`, `5-2`; null when none applies. */
  rule: string | null;
  /** Obvious correction, e.g. en dash → hyphen; null when none. Only offered when it validates better. */
  suggestion: string | null;
  /** Name of the rule part the reason is about (`aek`, `kv`, `ik`, …; i18n `tid.part.<name>`), else null. */
  part: string | null;
  /** Holder attribute of the issuing body when the ID names one (valid IDs), else null. */
  holder: string | null;
}

export interface TelematikIdValidator {
  validate(id: string): TelematikIdResult;
}
