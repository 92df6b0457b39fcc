// Duplicates as a list, checked against a brute-force count of the generated rows (not our output),
// and against the audit's own hash-based duplicate count.
import { describe, it, expect, beforeAll } from 'vitest';
import { compileTelematikIdModule, instantiateTelematikIdCore, WasmTelematikIdValidator } from '../../../src/domain/telematik-id/index.ts';
import type { TelematikIdCore } from '../../../src/domain/telematik-id/core.ts';
import { auditRange, listDuplicates, runAudit, MAX_OCCURRENCES, type AuditInput, type RangeWorkers } from '../../../src/domain/audit/index.ts';
import type { ListFormat } from '../../../src/domain/id-lists/types.ts';

let core: TelematikIdCore;
let validator: WasmTelematikIdValidator;
beforeAll(async () => {
  core = instantiateTelematikIdCore(await compileTelematikIdModule());
  validator = new WasmTelematikIdValidator(core);
});

/** Ranges one after the other on this thread's wasm instance (one instance runs one range at a time). */
function serialWorkers(): RangeWorkers {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    run(task) {
      const turn = queue.then(() => task({ auditRange: (job, onProgress) => auditRange(core, validator, job, { onProgress }) }));
      queue = turn.catch(() => undefined);
      return turn;
    },
    cancel: () => undefined,
  };
}

const text: ListFormat = { kind: 'text', encoding: 'utf-8', bomLength: 0, delimiter: null, hasHeader: false, idColumn: 0, columns: ['ID'], idColumnSource: 'only' };
const csv: ListFormat = { kind: 'delimited', encoding: 'utf-8', bomLength: 0, delimiter: ';', hasHeader: true, idColumn: 1, columns: ['Name', 'ID'], idColumnSource: 'header' };

describe('duplicates as a list', () => {
  it('which ID, how often, in which files and rows — as a brute-force count of the generated rows says', async () => {
    const pool = ['1-20014242424', '2-2.02.2.1.42424', '5-2-123456789-001', 'keine ID', '9-1.34.12345678', '1-10104242424242'];
    let seed = 12345;
    const random = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    // brute force: id → places, from the generated rows themselves
    const expected = new Map<string, { fileIndex: number; row: number }[]>();
    const note = (id: string, fileIndex: number, row: number) => { if (id !== '') expected.set(id, [...(expected.get(id) ?? []), { fileIndex, row }]); };
    const lines: string[] = [];
    for (let row = 1; row <= 3000; row++) {
      const k = random(10);
      const id = k === 0 ? '' : k === 1 ? `1-2001${String(random(1e7)).padStart(7, '0')}` : pool[random(pool.length)]!;
      lines.push(id);
      note(id, 0, row);
    }
    const records = ['Name;ID'];
    for (let row = 2; row <= 2001; row++) {
      const k = random(10);
      const id = k === 0 ? '' : pool[random(pool.length)]!;
      records.push(k === 0 && random(2) === 0 ? ';' : `Praxis ${row};${id}`); // ';' alone: a blank row
      note(id, 1, row);
    }
    const inputs: AuditInput[] = [
      { file: new Blob([lines.join('\n')]), name: 'a.txt', format: text },
      { file: new Blob([records.join('\r\n')]), name: 'b.csv', format: csv },
    ];
    const setup = { workers: serialWorkers(), rangeBytes: { text: 997, rows: 991, all: 1009 } };
    const list = await listDuplicates(inputs, {}, setup);
    expect(list.complete).toBe(true);
    const want = [...expected]
      .filter(([, places]) => places.length > 1)
      .map(([id, places]) => ({ id, count: places.length, places: places.slice(0, MAX_OCCURRENCES) }));
    const byId = (e: { id: string }[]) => [...e].sort((a, b) => a.id.localeCompare(b.id));
    expect(want.some((e) => e.count > MAX_OCCURRENCES)).toBe(true); // the cap on places is met: counts stay exact
    expect(byId(list.entries)).toEqual(byId(want));
    // most frequent first
    for (let i = 1; i < list.entries.length; i++) expect(list.entries[i - 1]!.count).toBeGreaterThanOrEqual(list.entries[i]!.count);
    // the same repeats as the audit's hash-based count
    const audit = await runAudit(inputs, {}, setup);
    expect(list.entries.reduce((n, e) => n + e.count - 1, 0)).toBe(audit.summary.duplicates);
    expect(audit.summary.files.map((f) => f.ids)).toEqual([lines.filter((l) => l !== '').length, 2000 - records.filter((r) => r === ';').length]);
    expect(audit.summary.files[1]!.blankRows).toBe(records.filter((r) => r === ';').length);
  });
});
