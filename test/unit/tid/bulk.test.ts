// The bulk scanner: line numbering across line-ending styles and chunk boundaries, blank lines, counts.
import { describe, it, expect, beforeAll } from 'vitest';
import { compileTelematikIdModule, instantiateTelematikIdCore, type TelematikIdCore } from '../../../src/domain/telematik-id/core.ts';
import { BulkScanner, type ScanRecord } from '../../../src/domain/telematik-id/bulk.ts';

let core: TelematikIdCore;
beforeAll(async () => { core = instantiateTelematikIdCore(await compileTelematikIdModule()); });

const dec = new TextDecoder();
function scan(text: string, cut: number[] = [], all = false) {
  const seen: { line: number; id: string; verdict: string; reason: string | null }[] = [];
  let hashes = 0;
  const s = new BulkScanner(core, {
    all,
    onRecord: (r: ScanRecord) => seen.push({ line: r.line, id: dec.decode(r.bytes), verdict: r.verdict, reason: r.reason }),
    onHashes: (h) => { hashes += h.length / 2; },
  });
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  for (const c of cut) { s.push(bytes.subarray(at, c)); at = c; }
  s.push(bytes.subarray(at), true);
  return { seen, counts: s.counts(), hashes };
}

const text = '1-10104242424242\r\n\r\nabc\n  \t\r5-2-123456789-001\r\r\n1-20014242424\n9-1.34.12345678';

describe('BulkScanner', () => {
  it('numbers lines across LF, CRLF and lone CR; skips blank lines; reports only non-valid rows', () => {
    const { seen, counts, hashes } = scan(text);
    expect(seen).toEqual([
      { line: 3, id: 'abc', verdict: 'invalid', reason: 'TID_NO_PREFIX' },
      { line: 5, id: '5-2-123456789-001', verdict: 'warning', reason: 'TID_CHECK_DIGIT' },
    ]);
    expect(counts).toMatchObject({ lines: 8, ids: 5, valid: 3, warning: 1, invalid: 1 });
    expect(counts.byRule).toEqual({ '1-1': 1, '5-2': 1, '1-20': 1, '9-1': 1, none: 1 });
    expect(counts.byHolder).toEqual({ aeksh: 1, kvsh: 1, gematik: 1 });
    expect(hashes).toBe(5);
  });

  it('gives the same result for every single cut position (chunk boundaries inside lines and CRLF)', () => {
    const whole = scan(text, [], true);
    const length = new TextEncoder().encode(text).length;
    for (let cut = 1; cut < length; cut++) expect(scan(text, [cut], true).seen, `cut at ${cut}`).toEqual(whole.seen);
    expect(whole.seen.map((r) => r.line)).toEqual([1, 3, 5, 7, 8]);
  });

  it('rows without a rule: invalid ones are "none", warnings of the general form "general"', () => {
    const { counts } = scan('6-1\nabc\n1-HBA-x\n5-2-109500969\n01-5\n123-4\n');
    expect(counts.byRule).toEqual({ general: 4, none: 1, '5-2': 1 });
    // sectors of Telematik-IDs only (not of "abc"); a leading zero is no sector; 100 and more are pooled
    expect(counts.bySector).toEqual({ '1': 1, '5': 1, '6': 1, '100+': 1 });
  });

  it('an empty stream and a stream of blank lines have no IDs', () => {
    expect(scan('').counts).toMatchObject({ ids: 0, lines: 0 });
    expect(scan('\n\n  \r\n').counts).toMatchObject({ ids: 0, lines: 3 });
  });

  it('a line longer than the scan window is one invalid row and scanning goes on after it', () => {
    const long = 'x'.repeat(6 << 20);
    const { seen, counts } = scan(`1-20014242424\n${long}\n9-1.34.12345678\n`, [1000, 3 << 20]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ line: 2, verdict: 'invalid', reason: 'TID_TOO_LONG' });
    expect(seen[0]!.id.length).toBeLessThanOrEqual(200);
    expect(counts).toMatchObject({ ids: 3, valid: 2, invalid: 1, lines: 3 });
  });
});
