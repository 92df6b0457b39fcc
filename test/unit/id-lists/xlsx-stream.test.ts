// The streamed .xlsx reader: Excel's maximum sheet (generated here, not committed), checked row by row
// against the generator; a cut file keeps the rows before the cut and says how many; several sheets;
// the cell forms Excel writes (inline strings, numbers in exponent form, rich text with phonetic runs,
// entities, _xHHHH_ escapes, prefixed tags).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, openAsBlob, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bigSheetRow, writeBigXlsx, type BigSheetCounts } from '../../fixtures/id-lists/make-big-xlsx.ts';
import { zipStore } from '../../fixtures/id-lists/make-xlsx.ts';
import { workbook, NS } from '../../fixtures/id-lists/make-workbook.ts';
import { sniffFile, readListRows, isListError, numberText, type ListError, type ListFormat, type ListRow } from '../../../src/domain/id-lists/index.ts';

const EXCEL_MAX_ROWS = 1_048_576;

/** What the reader must return for generator row r: the cells up to the last filled one, '' in gaps. */
function expectedCells(r: number): string[] | null {
  const cells = bigSheetRow(r);
  if (!cells) return null;
  const texts = cells.map((c) => c?.text ?? '');
  while (texts.length && texts[texts.length - 1] === '') texts.pop();
  return texts;
}

async function readAll(blob: Blob, format: ListFormat): Promise<{ rows: ListRow[]; error: ListError | null }> {
  const rows: ListRow[] = [];
  let error: ListError | null = null;
  for await (const batch of readListRows(blob, format)) {
    if (isListError(batch)) { error = batch; continue; }
    for (const r of batch) if (!r.blank) rows.push(r);
  }
  return { rows, error };
}

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'xlsx-stream-')); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

describe('an Excel-sized sheet (1,048,576 rows), streamed', () => {
  let path: string;
  let counts: BigSheetCounts;
  beforeAll(() => {
    path = join(dir, 'max.xlsx');
    counts = writeBigXlsx(path, EXCEL_MAX_ROWS, 1);
  }, 240_000);

  it('every data row comes back with its ID and cells, row numbers as in the sheet', async () => {
    const blob = await openAsBlob(path);
    const format = await sniffFile(blob, 'max.xlsx');
    expect(format).toMatchObject({ kind: 'xlsx', hasHeader: true, idColumn: 2, sheet: 0, sheetNames: ['Export'], columns: ['Name', 'Kundennummer', 'Telematik-ID', 'Ort'] });
    if (isListError(format)) return;
    let n = 0, expectedRow = 2, mismatches = 0, numbers = 0, lastRow = 0, blanks = 0;
    let error: ListError | null = null;
    for await (const batch of readListRows(blob, format)) {
      if (isListError(batch)) { error = batch; continue; }
      for (const r of batch) {
        if (r.blank) { blanks++; continue; }
        while (expectedCells(expectedRow) === null) expectedRow++;
        const want = expectedCells(expectedRow)!;
        if (r.row !== expectedRow || r.field !== want[2] || r.padded !== /^\s|\s$/.test(want[2]!) || r.cells?.join('\t') !== want.join('\t')) {
          if (mismatches++ < 3) {
            expect({ row: r.row, field: r.field, cells: r.cells }).toEqual({ row: expectedRow, field: want[2], cells: want });
          }
        }
        if (/^\d+$/.test(r.field)) numbers++;
        lastRow = r.row;
        expectedRow++;
        n++;
      }
    }
    expect(error).toBeNull();
    expect(mismatches).toBe(0);
    expect(n).toBe(counts.dataRows);
    expect(numbers).toBe(counts.numberIds);
    expect(lastRow).toBe(EXCEL_MAX_ROWS);
    // the writer's tallies: every row but the header and the blank ones (every 997th)
    expect(counts.dataRows).toBe(EXCEL_MAX_ROWS - 1 - Math.floor(EXCEL_MAX_ROWS / 997));
    // rows the sheet leaves out are handed on as blank rows (to be counted), one for each of the generator's
    expect(blanks).toBe(Math.floor(EXCEL_MAX_ROWS / 997));
  }, 240_000);

  it('a file cut in the sheet (shared strings lost) keeps the rows before the cut and counts those it skipped', async () => {
    const bytes = readFileSync(path);
    const cut = new Blob([bytes.subarray(0, Math.floor(bytes.length * 0.4))]);
    // Without its shared strings the header is gone and most IDs with it: detection says so ...
    expect(await sniffFile(cut, 'cut.xlsx')).toMatchObject({ error: 'XLSX_TRUNCATED' });
    // ... and with the column chosen by the user, the readable rows are read.
    const format: ListFormat = { kind: 'xlsx', encoding: 'utf-8', bomLength: 0, delimiter: null, hasHeader: true, idColumn: 2, columns: [], idColumnSource: 'user', sheet: 0 };
    const { rows, error } = await readAll(cut, format);
    expect(error?.error).toBe('XLSX_TRUNCATED');
    const read = Number(/(\d+) rows read/.exec(error!.detail!)![1]);
    const skipped = Number(/(\d+) rows skipped/.exec(error!.detail!)![1]);
    expect(read).toBe(rows.length);
    expect(read).toBeGreaterThan(10_000);
    // what came back is exactly the rows whose ID is not a shared string, in order, up to the cut
    const last = rows[rows.length - 1]!.row;
    let wantRead = 0, wantSkipped = 0;
    for (let r = 2; r <= last; r++) {
      const cells = bigSheetRow(r);
      if (!cells) continue;
      if (cells[2]!.kind === 'shared') wantSkipped++; else wantRead++;
    }
    expect(read).toBe(wantRead);
    expect(skipped).toBeGreaterThanOrEqual(wantSkipped);
    expect(skipped - wantSkipped).toBeLessThan(20); // rows with a shared ID after the last readable one
    for (const r of rows.slice(0, 2000)) expect(r.field).toBe(bigSheetRow(r.row)![2]!.text);
  }, 120_000);
});

describe('progress', () => {
  it('bytes are reported as the sheet is read (not all at the end) and add up to the file size', async () => {
    const path = join(dir, 'progress.xlsx');
    writeBigXlsx(path, 60_000, 1);
    const blob = await openAsBlob(path);
    const format = await sniffFile(blob, 'progress.xlsx');
    if (isListError(format)) throw new Error(format.error);
    let bytes = 0;
    const seen: { rows: number; bytes: number }[] = [];
    let rows = 0;
    for await (const batch of readListRows(blob, format, { onBytes: (n) => { bytes += n; } }, )) {
      if (isListError(batch)) throw new Error(batch.error);
      rows += batch.length;
      seen.push({ rows, bytes });
    }
    expect(bytes).toBe(blob.size);
    expect(seen.length).toBeGreaterThan(3);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.bytes).toBeGreaterThanOrEqual(seen[i - 1]!.bytes);
    // halfway through the rows, between 10 % and 90 % of the bytes have been reported
    const half = seen.find((s) => s.rows >= rows / 2)!;
    expect(half.bytes / blob.size).toBeGreaterThan(0.1);
    expect(half.bytes / blob.size).toBeLessThan(0.9);
  }, 60_000);
});

describe('a cut file whose shared strings come first', () => {
  it('keeps every row before the cut, exactly the generator\'s rows, and the error names their count', async () => {
    const path = join(dir, 'strings-first.xlsx');
    writeBigXlsx(path, 200_000, 1, { stringsFirst: true });
    const bytes = readFileSync(path);
    const cut = new Blob([bytes.subarray(0, Math.floor(bytes.length * 0.5))]);
    const format = await sniffFile(cut, 'cut.xlsx');
    expect(format).toMatchObject({ kind: 'xlsx', hasHeader: true, idColumn: 2 });
    if (isListError(format)) return;
    const { rows, error } = await readAll(cut, format);
    expect(error).toMatchObject({ error: 'XLSX_TRUNCATED' });
    expect(error!.detail).toContain(`; ${rows.length} rows read`);
    expect(rows.length).toBeGreaterThan(50_000);
    expect(rows.length).toBeLessThan(200_000);
    let r = 2;
    for (const got of rows) {
      while (!expectedCells(r)) r++;
      expect(got.row).toBe(r);
      expect(got.cells).toEqual(expectedCells(r));
      r++;
    }
  }, 120_000);
});

describe('cell forms and sheets', () => {
  it('inline strings, rich text without phonetic runs, entities, _x000D_ escapes, numbers in exponent form, booleans', async () => {
    const blob = workbook([{ name: 'Liste', data:
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Telematik-ID</t></is></c></row>'
      + '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="inlineStr"><is><r><t>1-2001</t></r><r><t xml:space="preserve">4242424</t></r></is></c></row>'
      + '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3"><v>1.2345E+5</v></c><c r="C3" t="b"><v>1</v></c></row>'
      + '<row r="4"><c r="A4" t="str"><f>A1</f><v>Kiel &amp; &lt;Umland&gt; &#x2013;</v></c><c r="B4" t="s"><v>3</v></c></row>' },
    ], ['<t>Name</t>', '<r><t>Müller</t></r><rPh sb="0" eb="1"><t>ミュラー</t></rPh>', '<t>Zeile_x000D_Umbruch</t>', '<t><![CDATA[8-01-0000000090]]></t>']);
    const format = await sniffFile(blob, 'formen.xlsx');
    expect(format).toMatchObject({ kind: 'xlsx', hasHeader: true, idColumn: 1, columns: ['Name', 'Telematik-ID', '3'] });
    if (isListError(format)) return;
    const { rows, error } = await readAll(blob, format);
    expect(error).toBeNull();
    expect(rows).toEqual([
      { row: 2, field: '1-20014242424', padded: false, cells: ['Müller', '1-20014242424'] },
      { row: 3, field: '123450', padded: false, cells: ['Zeile\rUmbruch', '123450', 'TRUE'] },
      { row: 4, field: '8-01-0000000090', padded: false, cells: ['Kiel & <Umland> \u2013', '8-01-0000000090'] },
    ]);
  });

  it('numberText spells out whole numbers in exponent form and keeps everything else as written', () => {
    expect(numberText('1.0104242424242E+13')).toBe('10104242424242');
    expect(numberText('4.2E+1')).toBe('42');
    expect(numberText('1.5E-3')).toBe('1.5E-3');
    expect(numberText('1.23456E+2')).toBe('1.23456E+2');
    expect(numberText('0.5')).toBe('0.5');
  });

  it('takes the first sheet with an ID column; --sheet by name or number; an unknown sheet is SHEET_NOT_FOUND', async () => {
    const blob = workbook([
      { name: 'Deckblatt', data: '<row r="1"><c r="A1" t="inlineStr"><is><t>Prüfliste Q3</t></is></c></row>' },
      { name: 'Leer', data: '' },
      { name: 'Praxen', data: '<row r="3"><c r="B3" t="inlineStr"><is><t>Telematik-ID</t></is></c></row><row r="4"><c r="B4" t="inlineStr"><is><t>1-20014242424</t></is></c></row>' },
      { name: 'Kliniken', data: '<row><c t="inlineStr"><is><t>5-2-123456789-001</t></is></c></row><row><c t="inlineStr"><is><t>5-2-123456789-002</t></is></c></row>' },
    ]);
    expect(await sniffFile(blob, 'm.xlsx')).toMatchObject({ sheet: 2, idColumn: 1, hasHeader: true, sheetNames: ['Deckblatt', 'Leer', 'Praxen', 'Kliniken'] });
    const byName = await sniffFile(blob, 'm.xlsx', { sheet: 'Kliniken' });
    expect(byName).toMatchObject({ sheet: 3, idColumn: 0, hasHeader: false });
    if (isListError(byName)) return;
    expect((await readAll(blob, byName)).rows.map((r) => [r.row, r.field])).toEqual([[1, '5-2-123456789-001'], [2, '5-2-123456789-002']]);
    expect(await sniffFile(blob, 'm.xlsx', { sheet: '4' })).toMatchObject({ sheet: 3 });
    expect(await sniffFile(blob, 'm.xlsx', { sheet: 'Deckblatt' })).toEqual({ error: 'NO_ID_COLUMN' });
    expect(await sniffFile(blob, 'm.xlsx', { sheet: 'Apotheken' })).toEqual({ error: 'SHEET_NOT_FOUND', detail: 'Apotheken (Deckblatt, Leer, Praxen, Kliniken)' });
    expect(await sniffFile(blob, 'm.xlsx', { sheet: '9' })).toMatchObject({ error: 'SHEET_NOT_FOUND' });
  });

  it('tags with a namespace prefix are read like plain ones', async () => {
    const blob = workbook([{ name: 'x', data: '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>1-20014242424</x:t></x:is></x:c></x:row>' }], [], 'x');
    const format = await sniffFile(blob, 'p.xlsx');
    if (isListError(format)) throw new Error(format.error);
    expect((await readAll(blob, format)).rows.map((r) => r.field)).toEqual(['1-20014242424']);
  });

  it('a damaged sheet stream is XLSX_INVALID with the rows read before it', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>1-2001${String(4242424 + i)}</t></is></c></row>`).join('');
    const good = new Uint8Array(await workbook([{ name: 'x', data: rows }]).arrayBuffer());
    // the sheet is the last entry before the central directory here; overwrite bytes in its second half
    const bad = good.slice();
    const cd = findLast(bad, [0x50, 0x4b, 0x01, 0x02]);
    const sheetStart = findLast(bad.subarray(0, cd), [0x50, 0x4b, 0x03, 0x04]);
    const spoilFrom = sheetStart + Math.floor((cd - sheetStart) * 0.6);
    for (let i = spoilFrom; i < spoilFrom + 64; i++) bad[i] = 0xff;
    const blob = new Blob([bad]);
    const format = await sniffFile(blob, 'bad.xlsx');
    if (isListError(format)) throw new Error(format.error);
    const { rows: got, error } = await readAll(blob, format);
    expect(error?.error).toBe('XLSX_INVALID');
    expect(error!.detail).toContain(`; ${got.length} rows read`);
    expect(got.length).toBeLessThan(3000);
    got.forEach((r, i) => expect(r.field).toBe(`1-2001${4242424 + i}`));
  });

  it('a ZIP that only looks like a workbook part by part: no worksheet is XLSX_INVALID', async () => {
    expect(await sniffFile(new Blob([zipStore({ 'xl/workbook.xml': `<workbook xmlns="${NS}"><sheets/></workbook>` })]), 'w.xlsx')).toMatchObject({ error: 'XLSX_INVALID' });
  });
});

function findLast(b: Uint8Array, sig: number[]): number {
  for (let i = b.length - sig.length; i >= 0; i--) if (sig.every((s, k) => b[i + k] === s)) return i;
  return -1;
}

describe('ti-validate --sheet', () => {
  const root = join(__dirname, '../../..');
  const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/ti-validate.mjs'), ...args], { cwd: root, encoding: 'utf8' });
  it('reads the first sheet with an ID column, or the one named or numbered; an unknown sheet exits 2 naming the sheets', async () => {
    const blob = workbook([
      { name: 'Info', data: '<row r="1"><c r="A1" t="inlineStr"><is><t>Stand 01.12.2026</t></is></c></row>' },
      { name: 'Praxen', data: '<row r="1"><c r="A1" t="inlineStr"><is><t>Telematik-ID</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>1-20014242424</t></is></c></row>' },
      { name: 'Kassen', data: '<row r="1"><c r="A1" t="inlineStr"><is><t>8-01-0000000090</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>8-01-00000000</t></is></c></row>' },
    ]);
    const path = join(dir, 'sheets.xlsx');
    writeFileSync(path, new Uint8Array(await blob.arrayBuffer()));
    expect(run(path).stdout).toBe('2\t1-20014242424\tvalid\t-\n');
    expect(run('--sheet', 'Kassen', path).stdout.split('\n')[0]).toBe('1\t8-01-0000000090\tvalid\t-');
    expect(run(`--sheet=3`, '--summary', path).stdout).toContain('"ids":2');
    const missing = run('--sheet', 'Apotheken', path);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('SHEET_NOT_FOUND');
    expect(missing.stderr).toContain('Info, Praxen, Kassen');
    expect(run('--sheet').status).toBe(2);
  }, 60_000);
});
