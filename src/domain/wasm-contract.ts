// The one contract between the TypeScript side and the wasm modules (asm/): result codes, record
// layouts, status codes and the limits the modules' fixed-size fields impose. scripts/generate-asm.ts
// writes it into asm/generated/*.ts as AssemblyScript constants; the TypeScript side imports it
// from here. Neither side holds a copy of its own. checkTelematikIdLimits() is run by the build
// (and by buildProgram): data that would not fit fails with a message naming the limit.

// ---- Telematik-ID core (asm/telematik-id.ts) ----

/** Verdict numbers: index = number. */
export const TID_VERDICTS = ['valid', 'warning', 'invalid'] as const;

/** Reason codes by number (0 = none). The finding columns keep the number in 6 bits. */
export const TID_REASON_NUMBERS = {
  TID_EMPTY: 1,
  TID_WHITESPACE: 2,
  TID_BAD_CHAR: 3,
  TID_TOO_LONG: 4,
  TID_NO_PREFIX: 5,
  TID_NO_REST: 6,
  TID_NO_FORMATION_RULE: 10,
  TID_RULE_MISMATCH: 11,
  TID_MISSING_SEPARATOR: 12,
  TID_WRONG_SEPARATOR: 13,
  TID_PART_TOO_SHORT: 14,
  TID_PART_TOO_LONG: 15,
  TID_PART_CHARS: 16,
  TID_UNKNOWN_CODE: 17,
  TID_CHECK_DIGIT: 18,
  TID_TRAILING: 19,
  TID_FIXED_PART: 20,
  TID_MISSING_PART: 21,
} as const;
export type TidReasonCode = keyof typeof TID_REASON_NUMBERS;

/** Bit fields of a scan record's packed result: [shift, bits]. */
export const TID_PACKED = {
  verdict: [0, 2],
  reason: [2, 6],
  rule: [8, 6],
  part: [14, 4],
  holder: [18, 14],
} as const satisfies Record<string, readonly [number, number]>;

/** A scan record: this many u32, in this order (span = start | end << 16). */
export const TID_RECORD_FIELDS = ['line', 'offset', 'length', 'packed', 'span'] as const;

/** Rule index meaning "no rule": the rule field's largest value, so at most this many rules. */
export const TID_RULE_NONE = (1 << TID_PACKED.rule[1]) - 1;

export const TID_LIMITS = {
  /** Formation rules: indexes 0 … 62 (63 = none). */
  rules: TID_RULE_NONE,
  /** Parts per rule (the core's part-span tables). */
  parts: 8,
  /** Highest sector a rule may have (the core's per-sector rule index). */
  sector: 99,
  /** Digits of a code in a code table: key = value + 1000 × (3 − digits) must stay below the stride. */
  codeDigits: 3,
  /** Holder codes, "no holder" included (the count slots). */
  holders: 1024,
  /** Bytes of a rule's selecting text, of a literal part, of a part's min/max length (one byte each). */
  byteField: 255,
  /** Code tables (255 means "no table"). */
  tables: 255,
  /** Longest ID the structural parse looks at, in bytes. */
  idBytes: 128,
} as const;

/** Slots of the code lookup table per table (code keys 0 … 2999). */
export const TID_LUT_STRIDE = 3000;
export const TID_NO_TABLE = 255;
export const TID_PART_KINDS = { digits: 0, alnum: 1, egbr: 2, literal: 3 } as const;
export const TID_PART_FLAGS = { optional: 1, ik: 2 } as const;
/** scan(): which lines get a record. */
export const TID_REPORT = { counts: 0, findings: 1, all: 2 } as const;

/** The scan counters: u32 slots, one block after the other. */
export const TID_COUNT_BLOCKS = {
  verdict: 8,
  rule: TID_RULE_NONE + 1,
  reason: 1 << TID_PACKED.reason[1],
  holder: TID_LIMITS.holders,
  /** sectors 0 … 99 and one slot for 100 or more */
  sector: 101,
} as const;
type CountBlock = keyof typeof TID_COUNT_BLOCKS;
/** Where each counter block starts, and the slots in all. */
export const TID_COUNT_AT: Record<CountBlock, number> & { slots: number } = (() => {
  let at = 0;
  const out = {} as Record<CountBlock, number> & { slots: number };
  for (const [name, size] of Object.entries(TID_COUNT_BLOCKS) as [CountBlock, number][]) { out[name] = at; at += size; }
  out.slots = at;
  return out;
})();

/** The code key of a table code: its value offset by its written length (so 34 ≠ 034). */
export function codeKey(code: string): number {
  return Number(code) + 1000 * (TID_LIMITS.codeDigits - code.length);
}

interface LimitRule {
  id: string;
  sector: number;
  sub: string;
  parts: readonly { name: string; minLength: number; maxLength: number; literal?: string | undefined; table?: string | undefined }[];
}

/** Everything in the rule data the core's fixed fields cannot hold; [] when it fits. */
export function checkTelematikIdLimits(data: {
  rules: readonly LimitRule[];
  tables: Record<string, { entries: readonly { code: string }[] }>;
  holders: readonly string[];
}): string[] {
  const errors: string[] = [];
  const L = TID_LIMITS;
  if (data.rules.length > L.rules) errors.push(`limit "rules ≤ ${L.rules}": ${data.rules.length} formation rules (the rule field has ${TID_PACKED.rule[1]} bits; ${TID_RULE_NONE} means none)`);
  const seen = new Set<number>();
  data.rules.forEach((r, i) => {
    if (r.parts.length > L.parts) errors.push(`limit "parts ≤ ${L.parts}": rule ${r.id} has ${r.parts.length} parts`);
    if (!Number.isInteger(r.sector) || r.sector < 0 || r.sector > L.sector) errors.push(`limit "sector ≤ ${L.sector}": rule ${r.id} has sector ${r.sector}`);
    if (seen.has(r.sector) && data.rules[i - 1]!.sector !== r.sector) errors.push(`limit "contiguous sectors": the rules of sector ${r.sector} must stand together (rule ${r.id})`);
    seen.add(r.sector);
    if (r.sub.length > L.byteField) errors.push(`limit "byte fields ≤ ${L.byteField}": rule ${r.id} selecting text has ${r.sub.length} bytes`);
    for (const p of r.parts) {
      if (p.maxLength > L.byteField || p.minLength > p.maxLength || p.minLength < 0) errors.push(`limit "byte fields ≤ ${L.byteField}": rule ${r.id} part ${p.name} length ${p.minLength}..${p.maxLength}`);
      if ((p.literal ?? '').length > L.byteField) errors.push(`limit "byte fields ≤ ${L.byteField}": rule ${r.id} part ${p.name} literal too long`);
      if (p.table !== undefined && !(p.table in data.tables)) errors.push(`limit "code tables": rule ${r.id} part ${p.name} names unknown table ${p.table}`);
    }
  });
  const tables = Object.entries(data.tables);
  if (tables.length >= L.tables) errors.push(`limit "tables < ${L.tables}": ${tables.length} code tables`);
  for (const [id, t] of tables) {
    for (const e of t.entries) {
      if (!new RegExp(`^\\d{1,${L.codeDigits}}$`).test(e.code)) errors.push(`limit "code keys: 1–${L.codeDigits} digits": table ${id} code "${e.code}"`);
      else if (codeKey(e.code) >= TID_LUT_STRIDE) errors.push(`limit "code keys < ${TID_LUT_STRIDE}": table ${id} code "${e.code}"`);
    }
  }
  if (data.holders.length > L.holders) errors.push(`limit "holders ≤ ${L.holders}": ${data.holders.length} holder codes`);
  return errors;
}

// ---- DER walker (asm/der.ts) ----

/** Walk status by negated number: DER_STATUS[-n] for n ≤ 0. */
export const DER_STATUS = [
  'OK', 'DER_EMPTY', 'DER_TRUNCATED', 'DER_EXCEEDS_PARENT', 'DER_INDEFINITE_LENGTH', 'DER_NON_MINIMAL_LENGTH',
  'DER_LENGTH_TOO_LARGE', 'DER_BAD_TAG', 'DER_DEPTH_LIMIT', 'DER_NODE_LIMIT', 'DER_TRAILING_DATA',
  'DER_WRONG_CONSTRUCTION', 'DER_BAD_BOOLEAN', 'DER_BAD_INTEGER', 'DER_BAD_OID', 'DER_BAD_BIT_STRING',
  'DER_BAD_NULL', 'DER_BAD_TIME', 'DER_INPUT_TOO_LARGE',
] as const;

/** i32 fields of one node record, in this order. */
export const DER_NODE_FIELDS = ['tag', 'start', 'content', 'end', 'parent', 'next', 'depth', 'child'] as const;
export const DER_FLAGS = { encapsulate: 1, allowTrailing: 2 } as const;
/** Largest input the walker takes, in bytes. */
export const DER_MAX_INPUT = 16 << 20;
