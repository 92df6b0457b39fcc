// The wasm contract (src/domain/wasm-contract.ts) is the one source of codes, layouts and limits:
// data beyond a limit stops the build with the limit named, and neither side keeps its own copy.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AsmLimitError, generateAsmSources } from '../../../src/domain/asm-sources.ts';
import { RULES, TABLES, type FormationRule } from '../../../src/domain/telematik-id/rules-data.ts';
import { HOLDERS } from '../../../src/domain/telematik-id/program.ts';

const root = resolve(__dirname, '../../..');
const data = { rules: RULES, tables: TABLES, holders: HOLDERS };

function limitError(change: Partial<typeof data>): string {
  try {
    generateAsmSources({ ...data, ...change });
  } catch (e) {
    expect(e).toBeInstanceOf(AsmLimitError);
    return (e as Error).message;
  }
  throw new Error('no limit error');
}

describe('wasm contract', () => {
  it('the rule data as it is fits', () => {
    const files = generateAsmSources();
    expect(Object.keys(files).sort()).toEqual(['der-contract.ts', 'telematik-id-contract.ts', 'telematik-id-rules.ts']);
  });

  it('64 formation rules fail: "rules ≤ 63"', () => {
    const rules: FormationRule[] = Array.from({ length: 64 }, (_, i) => ({ ...RULES[0]!, id: `1-x${i}`, sub: `x${i}` }));
    expect(limitError({ rules })).toContain('limit "rules ≤ 63": 64 formation rules');
  });

  it('a rule of 9 parts fails: "parts ≤ 8"', () => {
    const base = RULES[0]!;
    const rules = [{ ...base, parts: Array.from({ length: 9 }, (_, i) => ({ ...base.parts[0]!, name: `p${i}` })) }, ...RULES.slice(1)];
    expect(limitError({ rules })).toContain(`limit "parts ≤ 8": rule ${base.id} has 9 parts`);
  });

  it('a 4-digit table code fails: "code keys"', () => {
    const tables = { ...TABLES, aek: { ...TABLES.aek, entries: [...TABLES.aek.entries, { code: '1234', holder: '', name: 'x' }] } };
    expect(limitError({ tables })).toContain('limit "code keys: 1–3 digits": table aek code "1234"');
  });

  it('rules of one sector apart fail: "contiguous sectors"', () => {
    expect(RULES.at(-1)!.sector).not.toBe(RULES[0]!.sector);
    const rules = [...RULES, { ...RULES[0]!, id: 'late', sub: 'late' }];
    expect(limitError({ rules })).toContain(`limit "contiguous sectors": the rules of sector ${RULES[0]!.sector} must stand together (rule late)`);
  });

  it('a sector above 99 and more than 1024 holders fail with their limits', () => {
    expect(limitError({ rules: [...RULES, { ...RULES[0]!, id: '100-1', sector: 100 }] })).toContain('limit "sector ≤ 99": rule 100-1 has sector 100');
    expect(limitError({ holders: Array.from({ length: 1025 }, (_, i) => `h${i}`) })).toContain('limit "holders ≤ 1024"');
  });

  it('asm/ defines no code, layout or limit by hand (only asm/generated does)', () => {
    const copies: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) { if (name !== 'generated' && name !== 'build') walk(p); continue; }
        if (!name.endsWith('.ts')) continue;
        const text = readFileSync(p, 'utf8');
        for (const m of text.matchAll(/\b(?:const|let)\s+((?:V|R|ERR|KIND|FLAG|COUNT|REPORT|RECORD|PACK)_[A-Z_]+|RULE_NONE|MAX_PARTS|MAX_RULES|MAX_SECTOR|MAX_ID|MAX_INPUT|LUT_STRIDE|NO_TABLE|NODE_FIELDS|OK)\s*:/g)) copies.push(`${name}: ${m[1]}`);
      }
    };
    walk(join(root, 'asm'));
    expect(copies).toEqual([]);
  });
});
