// Property tests: IDs generated from each formation rule are valid; single-character mutations are
// never silently valid — the wasm core agrees with an independent hand-written regex validator on every
// mutation (bench/baseline/regex-validator.ts), and a mutation that breaks the general form is invalid.
import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { loadTelematikIdValidator, type WasmTelematikIdValidator } from '../../../src/domain/telematik-id/index.ts';
import { generators, mutated } from './generators.ts';
import { regexVerdict } from '../../../bench/baseline/regex-validator.ts';

let v: WasmTelematikIdValidator;
beforeAll(async () => { v = await loadTelematikIdValidator(); });

describe.each(Object.entries(generators))('rule %s', (rule, gen) => {
  it('generated IDs are valid and attributed to the rule', () => {
    fc.assert(fc.property(gen, (id) => {
      const r = v.validate(id);
      expect(r.verdict, id).toBe('valid');
      expect(r.rule).toBe(rule);
    }), { numRuns: 300 });
  });

  it('single-character mutations: never silently valid, same verdict as the independent regex validator', () => {
    fc.assert(fc.property(mutated(gen), (id) => {
      const r = v.validate(id);
      expect(r.verdict, JSON.stringify(id)).toBe(regexVerdict(id));
      if (/[^A-Za-z0-9.-]/.test(id) || id.length > 128) expect(r.verdict).toBe('invalid');
      if (r.verdict !== 'valid') expect(r.reason).toMatch(/^TID_/);
    }), { numRuns: 1500 });
  });
});

it('arbitrary strings: verdicts agree with the regex validator and never crash the core', () => {
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'0123456789-.aZ –'), maxLength: 40 }), (id) => {
    expect(v.validate(id).verdict).toBe(regexVerdict(id));
  }), { numRuns: 3000 });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (id) => {
    expect(['valid', 'warning', 'invalid']).toContain(v.validate(id).verdict);
  }), { numRuns: 1000 });
});
