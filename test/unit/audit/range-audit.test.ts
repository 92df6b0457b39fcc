// Splitting a file into byte ranges must not change anything: every line is owned by exactly one
// range, row numbers continue across ranges, and counts equal those of the whole file.
import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { compileTelematikIdModule, instantiateTelematikIdCore, WasmTelematikIdValidator } from '../../../src/domain/telematik-id/index.ts';
import type { TelematikIdCore } from '../../../src/domain/telematik-id/core.ts';
import { auditRange, type RangeJob } from '../../../src/domain/audit/index.ts';
import { findingId, findingReason, findingVerdict } from '../../../src/domain/audit/index.ts';
import type { ListFormat } from '../../../src/domain/id-lists/types.ts';

let core: TelematikIdCore;
let validator: WasmTelematikIdValidator;
beforeAll(async () => {
  core = instantiateTelematikIdCore(await compileTelematikIdModule());
  validator = new WasmTelematikIdValidator(core);
});

const text: ListFormat = { kind: 'text', encoding: 'utf-8', bomLength: 0, delimiter: null, hasHeader: false, idColumn: 0, columns: ['ID'], idColumnSource: 'only' };

async function audit(bytes: Uint8Array, cuts: number[], format = text) {
  const file = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  const bounds = [format.bomLength, ...cuts.filter((c) => c > format.bomLength && c < bytes.length), bytes.length];
  const rows: { row: number; id: string; verdict: string }[] = [];
  let base = 0;
  let ids = 0, valid = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const job: RangeJob = {
      jobId: String(i), fileIndex: 0, file, format, start: bounds[i]!, end: bounds[i + 1]!, all: true, findingsLimit: 1000,
    };
    const r = await auditRange(core, validator, job);
    for (const row of r.rows) rows.push({ row: row.row + base, id: row.id, verdict: row.verdict });
    base += r.lines;
    ids += r.counts.ids; valid += r.counts.valid;
  }
  return { rows, ids, valid };
}

const sample = '1-10104242424242\r\n\r\nabc\n5-2-123456789-001\r1-20014242424\r\n\n9-1.34.12345678\n  \n3-02.3.42424242.10.250';

describe('auditRange over byte ranges', () => {
  it('reads the whole file with row numbers as in an editor', async () => {
    const { rows } = await audit(new TextEncoder().encode(sample), []);
    expect(rows.map((r) => [r.row, r.id, r.verdict])).toEqual([
      [1, '1-10104242424242', 'valid'], [3, 'abc', 'invalid'], [4, '5-2-123456789-001', 'warning'],
      [5, '1-20014242424', 'valid'], [7, '9-1.34.12345678', 'valid'], [9, '3-02.3.42424242.10.250', 'valid'],
    ]);
  });

  it('gives the same rows for every way of cutting the file into ranges', async () => {
    const bytes = new TextEncoder().encode(sample);
    const whole = await audit(bytes, []);
    await fc.assert(fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 6 }), async (cuts) => {
      const split = await audit(bytes, [...cuts].sort((a, b) => a - b));
      expect(split.rows).toEqual(whole.rows);
      expect(split.ids).toBe(whole.ids);
    }), { numRuns: 300 });
  });

  it('skips the header and the BOM only in the first range', async () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Telematik-ID\n1-20014242424\n1-20014242424\nx-1\n')]);
    const format = { ...text, bomLength: 3, hasHeader: true };
    const whole = await audit(withBom, [], format);
    expect(whole.rows.map((r) => [r.row, r.id])).toEqual([[2, '1-20014242424'], [3, '1-20014242424'], [4, 'x-1']]);
    for (let cut = 4; cut < withBom.length; cut++) expect((await audit(withBom, [cut], format)).rows).toEqual(whole.rows);
  });

  it('findings read from the scanner\'s bytes equal the row stream: non-ASCII, U+FEFF, over-long, Windows-1252', async () => {
    const long = `1-${'9'.repeat(400)}x`;
    const longUmlaut = `${'Ä'.repeat(320)}`;
    const lines = ['1-20014242424', '1–20014242424', '\uFEFF1-20014242424', 'keine ID', long, longUmlaut, '5-2-123456789-001', '9-1.34.12345678'];
    const cases: [Uint8Array, ListFormat][] = [
      [new TextEncoder().encode(lines.join('\n')), text],
      // Windows-1252: ä is 0xE4, € is 0x80
      [new Uint8Array([...new TextEncoder().encode('1-2001424242\n'), 0xe4, 0x2d, 0x31, 0x0a, 0x80, 0x0a, ...new TextEncoder().encode('9-1.34.12345678')]), { ...text, encoding: 'windows-1252' }],
    ];
    for (const [bytes, format] of cases) {
      const file = new Blob([bytes as Uint8Array<ArrayBuffer>]);
      const job: RangeJob = { jobId: String(1), fileIndex: 0, file, format, start: 0, end: bytes.length, all: false, findingsLimit: 1000 };
      const { findings: f, findingsTruncated } = await auditRange(core, validator, job);
      const rowsRun = await auditRange(core, validator, { ...job, all: true });
      const expected = rowsRun.rows.filter((r) => r.verdict !== 'valid').map((r) => [r.row, r.id, r.verdict, r.reason]);
      const got = Array.from({ length: f.count }, (_, i) =>
        [f.rows[i], findingId(f, i), findingVerdict(f.codes[i]!), findingReason(f.codes[i]!)]);
      expect(got).toEqual(expected);
      expect(findingsTruncated).toBe(false);
      if (format.encoding === 'utf-8') {
        expect(got.map((g) => g[1])).toContain('\uFEFF1-20014242424');
        expect(got.find((g) => g[0] === 5)![1]).toBe(`${long.slice(0, 300)}…`);
        expect(got.find((g) => g[0] === 6)![1]).toBe(`${'Ä'.repeat(300)}…`);
        expect(f.lengths[got.findIndex((g) => g[0] === 5)]).toBe(long.length);
      } else {
        expect(got.map((g) => g[1])).toEqual(['1-2001424242', 'ä-1', '€']);
      }
    }
  });

  it('keeps at most findingsLimit findings and says it cut', async () => {
    const bytes = new TextEncoder().encode('a\nb\n1-20014242424\nc\nd\n');
    const r = await auditRange(core, validator, {
      jobId: String(1), fileIndex: 0, file: new Blob([bytes]), format: text,
      start: 0, end: bytes.length, all: false, findingsLimit: 2,
    });
    expect(r.findings.count).toBe(2);
    expect([findingId(r.findings, 0), findingId(r.findings, 1)]).toEqual(['a', 'b']);
    expect(r.findingsTruncated).toBe(true);
    expect(r.counts.invalid).toBe(4);
  });

  it('keeps every finding intact while its columns grow: 66,666 findings of mixed lengths', async () => {
    // more findings than the columns start with (32,768) and more text (some IDs are long)
    const lines = Array.from({ length: 100_000 }, (_, i) => i % 3 === 0 ? '1-20014242424' : i % 3 === 1 ? `keine ID ${i}` : `x${'-'.repeat(i % 30 === 2 ? i % 500 : 1)}${i}`);
    const bytes = new TextEncoder().encode(lines.join('\n'));
    const r = await auditRange(core, validator, {
      jobId: String(1), fileIndex: 0, file: new Blob([bytes]), format: text,
      start: 0, end: bytes.length, all: false, findingsLimit: 100_000,
    });
    const f = r.findings;
    expect(f.count).toBe(66_666);
    for (let i = 0; i < f.count; i++) {
      const source = lines[f.rows[i]! - 1]!;
      const shown = source.length > 300 ? `${source.slice(0, 300)}…` : source;
      if (findingId(f, i) !== shown) expect.fail(`finding ${i} (row ${f.rows[i]}) reads ${JSON.stringify(findingId(f, i))}`);
      expect(f.lengths[i]).toBe(source.length);
    }
  });
});
