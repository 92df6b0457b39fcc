// fast-check generators of Telematik-IDs, one per formation rule, written from the seed's patterns
// (not from rules-data.ts, so the data is not its own test), and single-character mutations of them.
import fc from 'fast-check';
import { TABLES, type TableId } from '../../../src/domain/telematik-id/rules-data.ts';

const code = (t: TableId) => fc.constantFrom(...TABLES[t].entries.map((e) => e.code));
const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const alnum = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcXYZ'), minLength: min, maxLength: max });

function ikWithCheckDigit(first8: string): string {
  let sum = 0;
  for (let i = 2; i < 8; i++) { const p = Number(first8[i]) * (i % 2 === 0 ? 2 : 1); sum += Math.floor(p / 10) + (p % 10); }
  return first8 + String(sum % 10);
}

export const generators: Record<string, fc.Arbitrary<string>> = {
  '1-1': fc.tuple(code('aek'), digits(1, 12)).map(([c, n]) => `1-1${c}${n}`),
  '1-20': fc.tuple(code('kv'), digits(7, 7)).map(([c, n]) => `1-20${c}${n}`),
  '2-1': fc.tuple(code('zaek'), digits(1, 2), digits(1, 8)).map(([c, r, n]) => `2-1.${c}.1.${r}.${n}`),
  '2-2': fc.tuple(code('kzv'), digits(1, 2), digits(1, 8)).map(([c, r, n]) => `2-2.${c}.2.${r}.${n}`),
  '3': fc.tuple(code('ak'), fc.constantFrom('2', '3'), digits(1, 9), code('tsp'), digits(1, 4)).map(([a, t, m, s, z]) => `3-${a}.${t}.${m}.${s}.${z}`),
  '4-1': fc.tuple(code('ptk'), digits(8, 8)).map(([c, n]) => `4-1${c}01${n}`),
  '5-2': fc.tuple(digits(8, 8), fc.option(digits(3, 3), { nil: undefined })).map(([ik, s]) => `5-2-${ikWithCheckDigit(ik)}${s ? `-${s}` : ''}`),
  '8': fc.tuple(code('ktrGroup'), digits(10, 10)).map(([g, n]) => `8-${g}-${n}`),
  '9-1': fc.tuple(code('nkHba'), digits(8, 8)).map(([g, n]) => `9-1.${g}.${n}`),
  '9-2': fc.tuple(code('nkSmcb'), digits(8, 8)).map(([g, n]) => `9-2.${g}.${n}`),
  '10-67': fc.tuple(code('egbrType'), fc.string({ unit: fc.constantFrom(...'0123456789.-'), minLength: 8, maxLength: 8 })).map(([t, n]) => `10-67.${t}.${n}`),
  '11': fc.tuple(fc.constantFrom('1', '2'), code('hwk'), alnum(8, 15)).map(([t, h, n]) => `11-${t}.${h}.${n}`),
};

export const mutationChars = [...'0123456789.-aOoIl', ' ', '–', '_', '\u00a0'];

export const mutated = (id: fc.Arbitrary<string>) => fc.tuple(id, fc.nat(), fc.constantFrom('replace', 'insert', 'delete'), fc.constantFrom(...mutationChars))
  .map(([s, at, op, ch]) => {
    const i = at % (s.length + (op === 'insert' ? 1 : 0));
    if (op === 'replace') return s.slice(0, i) + ch + s.slice(i + 1);
    if (op === 'insert') return s.slice(0, i) + ch + s.slice(i);
    return s.slice(0, i) + s.slice(i + 1);
  });

