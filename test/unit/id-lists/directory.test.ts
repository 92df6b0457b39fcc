// Directory exports as input: a FHIR Bundle (VZD FHIR directory) and an LDIF export (VZD LDAP), both
// built from the formation rules' examples (seed 004, see test/fixtures/id-lists/SOURCES.md). The
// expected IDs are the seed's examples as listed here, not our output.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { sniffFile, readListRows, readFhirRows, isListError, MAX_FHIR_BYTES, type ListError, type ListFormat, type ListRow } from '../../../src/domain/id-lists/index.ts';

const fixtures = join(__dirname, '../../fixtures/id-lists');
const root = join(__dirname, '../../..');

/** Seed 004's example Telematik-IDs, one per formation rule (hospital: an IK with a valid check digit). */
const SEED_EXAMPLES = [
  '1-20014242424', '1-10104242424242', '2-1.01.1.1.424242', '2-2.02.2.1.42424', '3-02.3.42424242.10.250', '4-18200112345678',
  '5-2-109500969-001', '8-01-0000000090', '9-1.34.12345678', '9-2.245.12345678', '10-67.246.12345678', '11-1.91.000123456789',
];
/** Broken variants in the fixtures: en dash, leading plus, leading space. */
const BROKEN = ['1\u201320014242424', '+1-20014242424', ' 2-2.02.2.1.42424'];

async function read(name: string): Promise<{ rows: ListRow[]; errors: ListError[]; kind: string }> {
  const blob = new Blob([readFileSync(join(fixtures, name))]);
  const format = await sniffFile(blob, name);
  if (isListError(format)) throw new Error(`${format.error} ${format.detail ?? ''}`);
  const rows: ListRow[] = [];
  const errors: ListError[] = [];
  for await (const b of readListRows(blob, format)) { if (isListError(b)) errors.push(b); else rows.push(...b); }
  return { rows, errors, kind: format.kind };
}

describe('FHIR Bundle from the VZD FHIR directory', () => {
  it('every Telematik-ID identifier (Organization, Practitioner, PractitionerRole, HealthcareService) with the entry name; other systems ignored', async () => {
    const { rows, errors, kind } = await read('vzd-bundle.json');
    expect(kind).toBe('fhir');
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.field)).toEqual([...SEED_EXAMPLES, ...BROKEN]);
    // entry positions: 13 (no Telematik-ID) and 16 (Location) give no row
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 17]);
    expect(rows.slice(0, 4).map((r) => r.cells)).toEqual([
      ['1-20014242424', 'Praxis Dr. Müller', 'Organization/o1'],
      ['1-10104242424242', 'Dr. med. Anna Müller', 'Practitioner/p2'],
      ['2-1.01.1.1.424242', 'Dr. med. dent. Zahn', 'PractitionerRole/r3'],
      ['2-2.02.2.1.42424', 'Zahnarztpraxis am Dom', 'HealthcareService/h4'],
    ]);
    expect(rows[5]!.cells![1]).toBe('Dipl.-Psych. Jana Schmidt');
    expect(rows[14]!.padded).toBe(true);
  });

  it('a JSON file that is not FHIR is not taken for one; broken JSON and a bundle without IDs are DIRECTORY_INVALID', async () => {
    const notFhir = await sniffFile(new Blob(['{"name": "x", "ids": ["1-20014242424"]}\n']), 'x.json');
    expect(isListError(notFhir) || notFhir.kind !== 'fhir').toBe(true);
    const broken = new Blob(['{"resourceType": "Bundle", "entry": [ {"resource": ']);
    const f = await sniffFile(broken, 'b.json');
    expect(f).toMatchObject({ kind: 'fhir' });
    if (isListError(f)) return;
    const out: (ListRow[] | ListError)[] = [];
    for await (const b of readListRows(broken, f)) out.push(b);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ error: 'DIRECTORY_INVALID' });
    const none = new Blob([JSON.stringify({ resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Organization', name: 'X' } }] })]);
    const g = await sniffFile(none, 'n.json');
    if (isListError(g)) throw new Error(g.error);
    const res: (ListRow[] | ListError)[] = [];
    for await (const b of readListRows(none, g)) res.push(b);
    expect(res).toEqual([{ error: 'DIRECTORY_INVALID', detail: 'no identifier with system https://gematik.de/fhir/sid/telematik-id in 1 resources' }]);
  });
});

describe('FHIR Bundle size limit', () => {
  it('a bundle above the limit is FILE_TOO_LARGE before anything is read (the file is not cut)', async () => {
    let read = false;
    // only the size is looked at first; reading would fail this test
    const huge = { size: MAX_FHIR_BYTES + 1, arrayBuffer: async () => { read = true; return new ArrayBuffer(0); } } as unknown as Blob;
    const format: ListFormat = { kind: 'fhir', encoding: 'utf-8', bomLength: 0, delimiter: null, hasHeader: false, idColumn: 0, columns: [], idColumnSource: 'header' };
    const out: (ListRow[] | ListError)[] = [];
    for await (const b of readFhirRows(huge, format)) out.push(b);
    expect(out).toEqual([{ error: 'FILE_TOO_LARGE', detail: '256 MiB; a FHIR Bundle is read whole, up to 256 MiB' }]);
    expect(read).toBe(false);
  });
});

describe('LDIF from the VZD LDAP directory', () => {
  it('every telematikID (plain, base64, folded) with displayName or cn and dn; row = the line of the entry\'s dn', async () => {
    const { rows, errors, kind } = await read('vzd-export.ldif');
    expect(kind).toBe('ldif');
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.field)).toEqual([...SEED_EXAMPLES, ...BROKEN]);
    const text = readFileSync(join(fixtures, 'vzd-export.ldif'), 'utf8').split('\n');
    const dnLines = text.flatMap((l, i) => (l.startsWith('dn: uid=') ? [i + 1] : []));
    expect(rows.map((r) => r.row)).toEqual(dnLines);
    expect(rows[0]!.cells).toEqual(['1-20014242424', 'Praxis Dr. Müller', 'uid=p1,ou=Praxen,dc=data,dc=vzd']);
    expect(rows[2]!.cells![1]).toBe('Dr. med. dent. Zahn'); // no displayName: cn
    expect(rows[10]!.cells![1]).toBe('Lena Logopädie');
    expect(rows[14]!.padded).toBe(true);
  });

  it('the same export with CRLF line ends reads the same (continuation lines included)', async () => {
    const crlf = readFileSync(join(fixtures, 'vzd-export.ldif'), 'utf8').replace(/\n/g, '\r\n');
    const blob = new Blob([crlf]);
    const f = await sniffFile(blob, 'x.ldif');
    if (isListError(f)) throw new Error(f.error);
    const rows: ListRow[] = [];
    for await (const b of readListRows(blob, f)) if (!isListError(b)) rows.push(...b);
    expect(rows.map((r) => r.field)).toEqual([...SEED_EXAMPLES, ...BROKEN]);
  });
});

describe('ti-validate on directory exports', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/ti-validate.mjs'), ...args], { cwd: root, encoding: 'utf8' });
  it('--summary counts the seed examples valid and the broken variants invalid, for both formats', () => {
    for (const name of ['vzd-bundle.json', 'vzd-export.ldif']) {
      const r = run('--summary', join(fixtures, name));
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toMatchObject({
        ids: SEED_EXAMPLES.length + BROKEN.length,
        valid: SEED_EXAMPLES.length,
        warning: 0,
        invalid: BROKEN.length,
        blankRows: 0,
      });
      expect(r.status).toBe(1);
    }
  }, 60_000);
});
