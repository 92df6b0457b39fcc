// The bulk scan's generated fast path (asm/generated/telematik-id-rules.ts, from asm-codegen.ts) must
// accept exactly the IDs the interpreter calls valid, with the same rule, holder and sector — it is a
// shortcut, never a second opinion. Checked on generated valid IDs, their mutations, every prefix
// (bytes after the end must not be read as part of the ID) and through the scanner.
import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { compileTelematikIdModule, instantiateTelematikIdCore, type TelematikIdCore } from '../../../src/domain/telematik-id/core.ts';
import { BulkScanner } from '../../../src/domain/telematik-id/bulk.ts';
import { RULES } from '../../../src/domain/telematik-id/rules-data.ts';
import { REASONS, RULE_NONE, VERDICTS } from '../../../src/domain/telematik-id/codes.ts';
import { HOLDERS } from '../../../src/domain/telematik-id/program.ts';
import { generateFastRulesAsm } from '../../../src/domain/telematik-id/asm-codegen.ts';
import { generators, mutated } from './generators.ts';

let core: TelematikIdCore;
beforeAll(async () => { core = instantiateTelematikIdCore(await compileTelematikIdModule()); });

const encoder = new TextEncoder();

/** Both paths on the first `len` bytes of `bytes` (the rest stays in memory right after the ID). */
function bothPaths(bytes: Uint8Array, len = bytes.length) {
  const e = core.exports;
  new Uint8Array(e.memory.buffer, core.scratch, core.scratchSize).fill(0).set(bytes);
  const fast = e.acceptFast(core.scratch, len);
  const verdict = e.validateAt(core.scratch, len);
  const slow = verdict === 0 ? e.resultRule() | (e.resultHolder() << 8) | (e.resultSector() << 24) : -1;
  return { fast, slow };
}

function agree(id: string): void {
  const { fast, slow } = bothPaths(encoder.encode(id));
  expect(fast, JSON.stringify(id)).toBe(slow);
}

describe.each(Object.entries(generators))('rule %s', (_rule, gen) => {
  it('generated IDs take the fast path with the interpreter\'s rule, holder and sector', () => {
    fc.assert(fc.property(gen, (id) => {
      const { fast, slow } = bothPaths(encoder.encode(id));
      expect(slow, id).toBeGreaterThanOrEqual(0);
      expect(fast, id).toBe(slow);
    }), { numRuns: 300 });
  });

  it('mutations: the fast path accepts exactly what the interpreter calls valid', () => {
    fc.assert(fc.property(mutated(gen), agree), { numRuns: 1500 });
  });

  it('every prefix, with the rest of the ID still in memory behind it, gets the interpreter\'s answer', () => {
    fc.assert(fc.property(gen, (id) => {
      const bytes = encoder.encode(id + '0123456789');
      for (let len = 0; len <= id.length + 10; len++) {
        const { fast, slow } = bothPaths(bytes, len);
        expect(fast, `${JSON.stringify(id)} cut at ${len}`).toBe(slow);
      }
    }), { numRuns: 100 });
  });
});

it('the seed\'s examples, sector edge cases and strings near the form agree', () => {
  for (const r of RULES) agree(r.example);
  for (const id of ['0-1', '01-10104242424242', '1-', '1', '10-', '100-67.246.12345678', '1-1', '1-20', '9-3.34.12345678', '3-', '11-1.91.0001234567890123'])
    agree(id);
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'0123456789-.aZ'), maxLength: 24 }), agree), { numRuns: 5000 });
});

it('the scanner reports the interpreter\'s result for every line, fast path or not', () => {
  const lines = fc.sample(fc.oneof(...Object.values(generators), ...Object.values(generators).map(mutated)), { numRuns: 4000, seed: 7 });
  const results: string[] = [];
  const scanner = new BulkScanner(core, { all: true, onRecord: (r) => { results.push(`${r.verdict} ${r.reason} ${r.rule} ${r.holder}`); } });
  scanner.push(encoder.encode(lines.join('\n')), true);
  const e = core.exports;
  const expected = lines.map((l) => {
    const bytes = encoder.encode(l);
    new Uint8Array(e.memory.buffer, core.scratch, bytes.length).set(bytes);
    const v = e.validateAt(core.scratch, bytes.length);
    const rule = e.resultRule() === RULE_NONE ? null : RULES[e.resultRule()]!.id;
    return `${VERDICTS[v]} ${REASONS[e.resultReason()] ?? null} ${rule} ${v === 0 ? HOLDERS[e.resultHolder()] || null : null}`;
  });
  expect(results).toEqual(expected);
  expect(expected.filter((x) => x.startsWith('valid')).length).toBeGreaterThan(1000);
});

it('a run whose class holds separators is checked for being too long where a separator follows', () => {
  // not in today's rules (the eGBR-ID is the last part); a rule that adds a part after it must not let
  // '10-67.246.12345678.9' pass where the interpreter finds the eGBR-ID too long
  const egbr = RULES.find((r) => r.id === '10-67')!;
  const extended = { ...egbr, parts: [...egbr.parts, { name: 'extra', sep: '.' as const, kind: 'digits' as const, minLength: 1, maxLength: 3 }] };
  const text = generateFastRulesAsm([extended]);
  expect(text).toContain('if (pos - start == 8 && pos < len && classOk(CLS_DIGIT | CLS_SEP, <u32>load<u8>(p + <usize>(pos)))) return FAIL;');
  expect(generateFastRulesAsm()).toContain('if (pos - start == 15 && pos < len && classOk(CLS_DIGIT | CLS_ALPHA,');
});

it('the generated source covers every rule and is deterministic', () => {
  const text = generateFastRulesAsm();
  expect(text).toBe(generateFastRulesAsm());
  RULES.forEach((r, i) => expect(text).toContain(`// rule ${r.id}\nfunction rule${i}(`));
});
