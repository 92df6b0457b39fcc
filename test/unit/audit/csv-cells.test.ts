// Findings of a CSV keep their row's cells. On the hot path the cells are written from the record's
// bytes (FindingColumnsBuilder.addScanned); the oracle is the generator's own cell values, capped as
// documented (MAX_CELLS cells of MAX_CELL_CHARS characters, then '…'; U+001F shown as a space).
import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { compileTelematikIdModule, instantiateTelematikIdCore, WasmTelematikIdValidator } from '../../../src/domain/telematik-id/index.ts';
import type { TelematikIdCore } from '../../../src/domain/telematik-id/core.ts';
import { auditRange, findingCells, MAX_CELLS, MAX_CELL_CHARS } from '../../../src/domain/audit/index.ts';
import type { ListFormat } from '../../../src/domain/id-lists/types.ts';

let core: TelematikIdCore;
let validator: WasmTelematikIdValidator;
beforeAll(async () => {
  core = instantiateTelematikIdCore(await compileTelematikIdModule());
  validator = new WasmTelematikIdValidator(core);
});

const quote = (cell: string) => (/[;"\r\n]/.test(cell) || cell.startsWith(' ') ? `"${cell.replace(/"/g, '""')}"` : cell);
const capped = (cell: string) => {
  const units = cell.split('\u001f').join(' ');
  return units.length > MAX_CELL_CHARS ? `${units.slice(0, MAX_CELL_CHARS)}…` : units;
};

describe('cells of CSV findings', () => {
  it('equal the generated cells (quotes, delimiters, line breaks, non-ASCII, long cells, many cells)', async () => {
    const text = fc.oneof(fc.array(fc.constantFrom('a', 'z', 'ä', 'ü', '€', '😀', ';', '"', ' ', '\u001f', '\r', '\n'), { maxLength: 12 }).map((c) => c.join('')), fc.constantFrom('x'.repeat(250), 'ü'.repeat(201), ''));
    const row = fc.tuple(fc.array(text, { minLength: 0, maxLength: 3 }), fc.constantFrom('keine ID', '1–20014242424', '1-1999123', '1-20014242424'), fc.array(text, { maxLength: 2 }));
    await fc.assert(fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 30 }), fc.boolean(), async (rows, wide) => {
      // the ID in column 3 (rows with fewer cells before it are padded), optionally 70 cells wide
      const cells = rows.map(([before, id, after]) => [...before, ...Array(3 - before.length).fill('a'), id, ...after, ...(wide ? Array(70).fill('w') : [])]);
      const csv = 'A;B;C;ID\r\n' + cells.map((c) => c.map(quote).join(';')).join('\r\n') + '\r\n';
      const file = new Blob([new TextEncoder().encode(csv)]);
      const format: ListFormat = { kind: 'delimited', encoding: 'utf-8', bomLength: 0, delimiter: ';', hasHeader: true, idColumn: 3, columns: ['A', 'B', 'C', 'ID'], idColumnSource: 'header' };
      const r = await auditRange(core, validator, { jobId: 't', fileIndex: 0, file, format, start: 0, end: file.size, all: false, findingsLimit: 1_000_000 });
      const expected = cells.filter((c) => validator.validate(c[3]!).verdict !== 'valid').map((c) => c.slice(0, MAX_CELLS).map(capped));
      expect(r.findings.count).toBe(expected.length);
      for (let i = 0; i < expected.length; i++) expect(findingCells(r.findings, i)).toEqual(expected[i]);
    }), { numRuns: 150 });
  });
});
