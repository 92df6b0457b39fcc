// Compiles the rule data (rules-data.ts) into the byte program and code lookup table that the wasm
// validator reads (layout documented in asm/telematik-id.ts). One source, two consumers.
import { RULES, TABLES, EXTRA_HOLDERS, type TableId } from './rules-data.ts';
import { TID_LUT_STRIDE, TID_NO_TABLE, TID_PART_FLAGS, TID_PART_KINDS, checkTelematikIdLimits, codeKey } from '../wasm-contract.ts';

export const TABLE_IDS = Object.keys(TABLES) as TableId[];
export const LUT_STRIDE = TID_LUT_STRIDE;
export { codeKey };

/** Every holder code once; index 0 = "no holder". The wasm reports holders by this index. */
export const HOLDERS: string[] = (() => {
  const set = new Set<string>(['']);
  for (const t of Object.values(TABLES)) for (const en of t.entries) if (en.holder) set.add(en.holder);
  for (const en of EXTRA_HOLDERS) set.add(en.holder);
  for (const r of RULES) if (r.defaultHolder) set.add(r.defaultHolder);
  return [...set];
})();

export function buildProgram(): Uint8Array {
  // The build checks the same (scripts/generate-asm.ts); data that does not fit never reaches the core.
  const problems = checkTelematikIdLimits({ rules: RULES, tables: TABLES, holders: HOLDERS });
  if (problems.length) throw new Error(`rules-data: ${problems.join('; ')}`);
  const bytes: number[] = [RULES.length];
  const ascii = (s: string) => { for (const ch of s) bytes.push(ch.charCodeAt(0)); };
  for (const rule of RULES) {
    bytes.push(rule.sector, rule.sub.length);
    ascii(rule.sub);
    const holder = rule.defaultHolder ? HOLDERS.indexOf(rule.defaultHolder) : 0;
    bytes.push(holder & 0xff, holder >> 8, rule.parts.length);
    for (const part of rule.parts) {
      const lit = part.literal ?? '';
      const flags = (part.optional ? TID_PART_FLAGS.optional : 0) | (part.check === 'ik' ? TID_PART_FLAGS.ik : 0);
      bytes.push(part.sep ? part.sep.charCodeAt(0) : 0, TID_PART_KINDS[part.kind], part.minLength, part.maxLength,
        part.table ? TABLE_IDS.indexOf(part.table) : TID_NO_TABLE, flags, lit.length);
      ascii(lit);
    }
  }
  return Uint8Array.from(bytes);
}

/** u16 per (table, code key): 0 = unknown, 1 = known without holder, n+1 = holder HOLDERS[n]. */
export function buildLookup(): Uint16Array {
  const lut = new Uint16Array(TABLE_IDS.length * LUT_STRIDE);
  TABLE_IDS.forEach((id, t) => {
    for (const en of TABLES[id].entries) {
      const h = en.holder ? HOLDERS.indexOf(en.holder) : 0;
      lut[t * LUT_STRIDE + codeKey(en.code)] = h + 1;
    }
  });
  return lut;
}
