// Telematik-ID validation: public API of the domain. The verdict comes from the wasm core
// (asm/telematik-id.ts); this module turns its codes into results, suggestions and explanations.
import { compileTelematikIdModule, instantiateTelematikIdCoreAsync, type TelematikIdCore } from './core.ts';
import { REASONS, RULE_NONE, VERDICTS, reasonNamesPart } from './codes.ts';
import { TID_LIMITS, TID_REASON_NUMBERS } from '../wasm-contract.ts';
import { HOLDERS } from './program.ts';
import { EXTRA_HOLDERS, RULES, TABLES, type FormationRule, type RulePart, type CodeEntry } from './rules-data.ts';
import type { TelematikIdResult, TelematikIdValidator, Verdict } from './types.ts';

export type { TelematikIdResult, TelematikIdValidator, Verdict } from './types.ts';
export { isTestCardTelematikId } from './test-card.ts';
export { compileTelematikIdModule, instantiateTelematikIdCore, instantiateTelematikIdCoreAsync } from './core.ts';
export { RULES_SOURCE } from './rules-data.ts';

const encoder = new TextEncoder();
// Characters people paste instead of '-' (en/em dash, minus, hyphens, soft hyphen).
const DASH_LIKE = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00AD\uFE63\uFF0D]/g;
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
// Spaces the core also calls whitespace (asm/telematik-id.ts unicodeSpaceAt): the two must agree.
const SPACE_LIKE = /[ \t\v\f\u00A0\u2000-\u200A\u202F\u205F\u3000]/;

/** The first character outside the general form, with its UTF-16 index (the core only sees bytes). */
function firstBadChar(id: string): { at: number; char: string } {
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    const allowed = (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 45 || c === 46;
    if (!allowed) return { at: i, char: String.fromCodePoint(id.codePointAt(i)!) };
  }
  return { at: id.length, char: '' };
}

/** Whitespace or another character: decided on the string, so a no-break space counts as a space. */
export function refineCharReason(id: string): 'TID_WHITESPACE' | 'TID_BAD_CHAR' {
  return SPACE_LIKE.test(firstBadChar(id).char) ? 'TID_WHITESPACE' : 'TID_BAD_CHAR';
}

export interface RawResult {
  verdict: Verdict;
  reasonNumber: number;
  rule: FormationRule | null;
  partIndex: number;
  holderIndex: number;
  spanStart: number;
  spanEnd: number;
  partSpans: [number, number][];
}

const STRAY_LEADING = /^[+'"#*(<[{„“‚‘«»]+/;
const STRAY_TRAILING = /[.,;:'"*)>\]}“”‘’«»]+$/;

export class WasmTelematikIdValidator implements TelematikIdValidator {
  constructor(private readonly core: TelematikIdCore) {}

  /** Runs the wasm check on one ID; byte spans equal character spans for ASCII input. */
  raw(id: string): RawResult {
    const { exports, scratch, scratchSize } = this.core;
    const view = new Uint8Array(exports.memory.buffer, scratch, scratchSize);
    const { written } = encoder.encodeInto(id.length > 1024 ? id.slice(0, 1024) : id, view);
    // Longer than the scratch area means too long anyway; validate the prefix, then fix the verdict.
    exports.validateAt(scratch, written);
    const ruleIndex = exports.resultRule();
    const partSpans: [number, number][] = [];
    for (let i = 0; i < exports.resultPartsParsed(); i++) partSpans.push([exports.resultPartStart(i), exports.resultPartEnd(i)]);
    const raw: RawResult = {
      verdict: VERDICTS[exports.resultVerdict()]!,
      reasonNumber: exports.resultReason(),
      rule: ruleIndex === RULE_NONE ? null : RULES[ruleIndex] ?? null,
      partIndex: exports.resultPart(),
      holderIndex: exports.resultHolder(),
      spanStart: exports.resultSpanStart(),
      spanEnd: exports.resultSpanEnd(),
      partSpans,
    };
    if (id.length > 1024 && raw.verdict !== 'invalid') {
      Object.assign(raw, {
        verdict: 'invalid', reasonNumber: TID_REASON_NUMBERS.TID_TOO_LONG, rule: null, spanStart: TID_LIMITS.idBytes, spanEnd: id.length,
      });
    }
    return raw;
  }

  validate(id: string): TelematikIdResult {
    return this.resultOf(id, this.raw(id));
  }

  /** Builds the public result from the core's raw answer. */
  resultOf(id: string, raw: RawResult): TelematikIdResult {
    const reason = raw.reasonNumber === 0 ? null : REASONS[raw.reasonNumber] ?? null;
    // A number without a name means the wasm core and codes.ts disagree: say so instead of showing a code.
    if (raw.reasonNumber !== 0 && reason === null) {
      throw new Error(`Telematik-ID core returned reason ${raw.reasonNumber}, which codes.ts does not name`);
    }
    let span: [number, number] | null = raw.reasonNumber === 0 ? null : [raw.spanStart, raw.spanEnd];
    let finalReason = reason;
    if (reason === 'TID_BAD_CHAR' || reason === 'TID_WHITESPACE') {
      const bad = firstBadChar(id);
      span = [bad.at, bad.at + bad.char.length];
      finalReason = refineCharReason(id);
    }
    const part = raw.rule && reasonNamesPart(raw.reasonNumber) ? raw.rule.parts[raw.partIndex]?.name ?? null : null;
    const result: TelematikIdResult = {
      input: id,
      verdict: raw.verdict,
      reason: finalReason,
      span,
      rule: raw.rule?.id ?? null,
      suggestion: null,
      part,
      holder: raw.verdict === 'valid' && raw.holderIndex > 0 ? HOLDERS[raw.holderIndex] ?? null : null,
    };
    if (raw.verdict !== 'valid') result.suggestion = this.suggest(id, raw, result);
    return result;
  }

  /**
   * Obvious corrections: pasted dashes, spaces and invisible characters, letter O or l among digits, a
   * missing or wrong separator, stray punctuation before or after the ID. Offered only when the corrected
   * ID is judged better (invalid → warning or valid, warning → valid), so a suggestion never makes things worse.
   */
  private suggest(id: string, raw: RawResult, result: TelematikIdResult): string | null {
    const candidates: string[] = [];
    const cleaned = id.replace(DASH_LIKE, '-').replace(INVISIBLE, '').replace(/[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g, '');
    if (cleaned !== id) candidates.push(cleaned);
    const part: RulePart | undefined = raw.rule?.parts[raw.partIndex];
    const [s, e] = result.span ?? [0, 0];
    // letter O for zero and l/I for one where they stand among digits or right after a '-'
    const digitsFixed = cleaned.replace(/(?<=[\d-])[Oo]|[Oo](?=\d)/g, '0').replace(/(?<=[\d-])[lI](?=[\d]|$)|[lI](?=\d)/g, '1');
    if (digitsFixed !== cleaned) candidates.push(digitsFixed);
    // stray punctuation around the ID: a leading '+' (phone-number habit), Excel's text apostrophe,
    // quotes, brackets, a '#' or '*' in front; a full stop, comma or semicolon after it
    const unwrapped = digitsFixed.replace(STRAY_LEADING, '').replace(STRAY_TRAILING, '');
    if (unwrapped !== digitsFixed) candidates.push(unwrapped);
    if (result.reason === 'TID_PART_CHARS') {
      const fixed = id.slice(s, e).replace(/[Oo]/g, '0').replace(/[lI]/g, '1');
      candidates.push(id.slice(0, s) + fixed + id.slice(e));
    }
    if (part?.sep && result.reason === 'TID_MISSING_SEPARATOR') candidates.push(id.slice(0, s) + part.sep + id.slice(s));
    if (part?.sep && result.reason === 'TID_WRONG_SEPARATOR') candidates.push(id.slice(0, s) + part.sep + id.slice(e));
    const rank = { valid: 2, warning: 1, invalid: 0 } as const;
    let best: { id: string; rank: number } | null = null;
    for (const candidate of candidates) {
      if (candidate === id || candidate === '') continue;
      const r = rank[this.raw(candidate).verdict];
      if (r > rank[raw.verdict] && (!best || r > best.rank)) best = { id: candidate, rank: r };
    }
    return best?.id ?? null;
  }
}

let shared: Promise<WasmTelematikIdValidator> | null = null;

/** The validator, compiled and instantiated once per realm (asynchronously: Chrome refuses
 *  synchronous instantiation of modules over 4 KB on the main thread). */
export function loadTelematikIdValidator(): Promise<WasmTelematikIdValidator> {
  shared ??= compileTelematikIdModule().then(instantiateTelematikIdCoreAsync).then((core) => new WasmTelematikIdValidator(core));
  return shared;
}

export interface ExplainedPart {
  /** `prefix` for the sector+rule prefix, else the rule part's name (i18n `tid.part.<name>`). */
  name: string;
  text: string;
  start: number;
  end: number;
  /** Meaning from the code tables (chamber, KV, card type …) when the part is a code. */
  entry: CodeEntry | null;
  /** True when the reason points into this part. */
  faulty: boolean;
}

export interface Explanation {
  result: TelematikIdResult;
  rule: FormationRule | null;
  sector: number | null;
  parts: ExplainedPart[];
}

/** Splits an ID into its parts as the core parsed them, with the code tables' meaning of each. */
export function explainTelematikId(validator: WasmTelematikIdValidator, id: string): Explanation {
  const raw = validator.raw(id);
  const result = validator.resultOf(id, raw);
  const sectorMatch = /^(\d+)-/.exec(id);
  const sector = sectorMatch ? Number(sectorMatch[1]) : null;
  const parts: ExplainedPart[] = [];
  const rule = raw.rule;
  if (rule && sectorMatch) {
    const prefixEnd = sectorMatch[0].length + rule.sub.length;
    parts.push({ name: 'prefix', text: id.slice(0, prefixEnd), start: 0, end: prefixEnd, entry: null, faulty: false });
    raw.partSpans.forEach(([start, end], i) => {
      const def = rule.parts[i]!;
      const text = id.slice(start, end);
      const entry = def.table ? TABLES[def.table].entries.find((en) => en.code === text) ?? null : null;
      const faulty = !!result.span && result.span[0] < end && result.span[1] > start;
      parts.push({ name: def.name, text, start, end, entry, faulty });
    });
  }
  return { result, rule, sector, parts };
}

/** Holder code → its table entry (for names). */
export function holderName(holder: string): string | null {
  for (const t of Object.values(TABLES)) for (const en of t.entries) if (en.holder === holder) return en.name;
  // Holders without a code in the ID (gkv, gematik, egbr …) are named too, not shown as bare codes.
  return EXTRA_HOLDERS.find((en) => en.holder === holder)?.name ?? null;
}
