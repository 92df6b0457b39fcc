import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  IdRowReader, splitRecord, readListRows, sniffFile, alignRange, decodeBlob, isListError, MAX_FIELD_LENGTH,
  type ListFormat, type ListRow,
} from '../../../src/domain/id-lists/index.ts';

const fixtureBytes = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/id-lists/${name}`, import.meta.url)));
const csvFormat = (delimiter: ListFormat['delimiter'], idColumn: number, hasHeader: boolean): ListFormat => ({
  kind: delimiter === null ? 'text' : 'delimited', encoding: 'utf-8', bomLength: 0, delimiter, hasHeader, idColumn,
  columns: [], idColumnSource: 'user',
});

function readAll(text: string, format: ListFormat, chunkSizes: number[] = [text.length || 1], maxFieldLength?: number): ListRow[] {
  const reader = new IdRowReader(format, maxFieldLength ? { maxFieldLength } : {});
  const rows: ListRow[] = [];
  let pos = 0, k = 0;
  while (pos < text.length) {
    const size = Math.max(1, chunkSizes[k++ % chunkSizes.length]!);
    rows.push(...reader.push(text.slice(pos, pos + size)));
    pos += size;
  }
  rows.push(...reader.end());
  return rows.filter((r) => !r.blank); // blank rows: their own test below
}

async function collect(blob: Blob, format: ListFormat): Promise<ListRow[]> {
  const rows: ListRow[] = [];
  for await (const batch of readListRows(blob, format)) {
    if (isListError(batch)) throw new Error(batch.error);
    rows.push(...batch.filter((r) => !r.blank));
  }
  return rows;
}

describe('IdRowReader (RFC 4180, streaming)', () => {
  it('reads the Windows-1252 fixture: third column, rows = start lines, quoted newline and ;', async () => {
    const blob = new Blob([fixtureBytes('praxen-cp1252.csv')]);
    const format = await sniffFile(blob, 'praxen-cp1252.csv');
    if (isListError(format)) throw new Error(format.error);
    const rows = await collect(blob, format);
    expect(rows.map((r) => [r.row, r.field])).toEqual([
      [2, '1-10104242424242'], [3, '1-20014242424'], [4, '2-2.02.2.1.42424'], [5, '3-02.3.42424242.10.250'],
      [6, '4-18200112345678'], [7, '5-2-109500969-001'], [8, '8-01-0000000090'], [9, '9-2.245.12345678'],
      // line 10 is blank; the record on line 11 spans two lines, so the next one starts on line 13
      [11, '1-HBA-Testkarte-883110000205690'], [13, '6-123456'], [14, '1\u201310104242424242'], [15, 'hallo'],
    ]);
  });

  it('reads UTF-16 LE text with BOM and CRLF', async () => {
    const blob = new Blob([fixtureBytes('ids-utf16le.txt')]);
    const format = await sniffFile(blob, 'ids-utf16le.txt');
    if (isListError(format)) throw new Error(format.error);
    const rows = await collect(blob, format);
    expect(rows.map((r) => r.row)).toEqual([1, 2, 4, 5, 6, 7, 8]);
    expect(rows[0]!.field).toBe('1-10104242424242'); // no BOM left in front
    expect(rows.at(-1)!.field).toBe('nicht-eine-id');
  });

  it('reads UTF-16 BE without BOM decoded in small chunks', async () => {
    const text = '1-10104242424242\n2-2.02.2.1.42424\n';
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) bytes[2 * i + 1] = text.charCodeAt(i);
    const blob = new Blob([bytes]);
    const format = await sniffFile(blob, 'be.txt');
    if (isListError(format)) throw new Error(format.error);
    expect(format.encoding).toBe('utf-16be');
    expect((await collect(blob, format)).map((r) => r.field)).toEqual(['1-10104242424242', '2-2.02.2.1.42424']);
  });

  it('mixed line endings (CRLF, LF, CR) count lines alike', () => {
    const rows = readAll('a\r\n1-10104242424242\n\r2-1.01.1.1.424242\r3-02.3.42424242.10.250\r\n\n4-18200112345678', csvFormat(null, 0, true));
    expect(rows.map((r) => [r.row, r.field])).toEqual([[2, '1-10104242424242'], [4, '2-1.01.1.1.424242'], [5, '3-02.3.42424242.10.250'], [7, '4-18200112345678']]);
  });

  it('quoted fields: doubled quotes, delimiters and newlines inside, empty ID cell kept, blank records skipped', () => {
    const text = 'Name;Telematik-ID\n"Praxis ""Am Markt""; Nord";"1-20014242424"\n"Zeile\nzwei";"5-2-""1"""\n;;\nOhne;\n';
    const rows = readAll(text, csvFormat(';', 1, true));
    expect(rows).toEqual([
      { row: 2, field: '1-20014242424', padded: false },
      { row: 3, field: '5-2-"1"', padded: false },
      { row: 6, field: '', padded: false },
    ]);
  });

  it('reports surrounding whitespace without removing it', () => {
    const rows = readAll(' 1-10104242424242\t\n2-1.01.1.1.424242\n', csvFormat(null, 0, false));
    expect(rows[0]).toEqual({ row: 1, field: ' 1-10104242424242\t', padded: true });
    expect(rows[1]!.padded).toBe(false);
  });

  it('text mode unwraps a line in quotes but keeps a lone quote', () => {
    const rows = readAll('"1-10104242424242"\n"1-2001\n', csvFormat(null, 0, false));
    expect(rows.map((r) => r.field)).toEqual(['1-10104242424242', '"1-2001']);
  });

  it('any chunking gives the same rows (property: cuts inside quotes, between CR and LF, in doubled quotes)', () => {
    const piece = fc.constantFrom('1-10104242424242', '"2-2.02.2.1.42424"', '"a""b"', '"x\r\ny"', ';', ',', '\r\n', '\n', '\r', ' ', 'Köln', '""', '5-2-109500969-001');
    const cutsArb = fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 8 });
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), cutsArb, fc.boolean(), (pieces, cuts, header) => {
      const text = pieces.join('');
      for (const format of [csvFormat(';', 1, header), csvFormat(',', 0, header), csvFormat(null, 0, header)]) {
        const whole = readAll(text, format);
        const chunked = readAll(text, format, cuts);
        expect(chunked).toEqual(whole);
        // Row numbers never decrease and never exceed the number of lines.
        const lines = text.split(/\r\n|\n|\r/).length;
        for (let i = 0; i < whole.length; i++) {
          expect(whole[i]!.row).toBeLessThanOrEqual(lines);
          if (i > 0) expect(whole[i]!.row).toBeGreaterThan(whole[i - 1]!.row);
        }
      }
    }), { numRuns: 300 });
  });

  it('where a too-long record resynchronises does not depend on the cuts (ranges of one file must agree with one pass)', () => {
    // Small cap: an unclosed quote runs over line breaks until the record passes it, then the reader
    // starts again at the next line break, wherever the text was cut.
    const piece = fc.constantFrom('1-10104242424242', '"offen', '"x\ny"', ';', '\r\n', '\n', '\r', 'Köln', '""', 'abc');
    const cutsArb = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 });
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), cutsArb, fc.integer({ min: 4, max: 30 }), (pieces, cuts, max) => {
      const text = pieces.join('');
      for (const format of [csvFormat(';', 1, false), csvFormat(';', 0, false)]) {
        expect(readAll(text, format, cuts, max)).toEqual(readAll(text, format, [text.length || 1], max));
      }
    }), { numRuns: 500 });
  });

  it('a line longer than 1 MiB becomes LINE_TOO_LONG without stopping the file', async () => {
    const long = '1-' + '4'.repeat(MAX_FIELD_LENGTH + 10);
    const text = `1-10104242424242\n${long}\n2-1.01.1.1.424242\n`;
    const format = csvFormat(null, 0, false);
    for (const cuts of [[text.length], [65536], [1000, 333]]) {
      const rows = readAll(text, format, cuts);
      expect(rows).toEqual([
        { row: 1, field: '1-10104242424242', padded: false },
        { row: 2, field: '', padded: false, error: 'LINE_TOO_LONG' },
        { row: 3, field: '2-1.01.1.1.424242', padded: false },
      ]);
    }
    // A line just under the cap is an ordinary row (the validator judges it).
    const under = 'x'.repeat(MAX_FIELD_LENGTH - 1);
    expect(readAll(`${under}\n`, format, [70000])[0]!.field.length).toBe(MAX_FIELD_LENGTH - 1);
  });

  it('an unterminated quote swallows at most 1 MiB, then the reader resynchronises', () => {
    const filler = Array.from({ length: 70000 }, (_, i) => `x;5-2-1095009${String(i % 100).padStart(2, '0')}-001`).join('\n');
    const text = `Name;ID\nBroken;"1-10104242424242\n${filler}\n`;
    const reader = new IdRowReader(csvFormat(';', 1, true));
    const rows: ListRow[] = [];
    for (let i = 0; i < text.length; i += 4096) rows.push(...reader.push(text.slice(i, i + 4096)));
    rows.push(...reader.end());
    expect(rows[0]).toEqual({ row: 2, field: '', padded: false, error: 'LINE_TOO_LONG' });
    const resumed = rows.slice(1);
    expect(resumed.length).toBeGreaterThan(0);
    // Rows after the resync carry their true line numbers.
    const lines = text.split('\n');
    for (const r of resumed.slice(0, 50)) expect(lines[r.row - 1]).toBe(`x;${r.field}`);
  });

  it('byte ranges aligned to line starts partition the rows exactly (UTF-8 and UTF-16)', async () => {
    const lines = Array.from({ length: 500 }, (_, i) => `Praxis ${i};Köln;${i % 7 === 0 ? '2-2.02.2.1.42424' : '1-10104242424242'}`);
    const body = 'Name;Ort;Telematik-ID\r\n' + lines.map((l, i) => l + (i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\n' : '\r')).join('');
    for (const encoding of ['utf-8', 'utf-16le'] as const) {
      const bytes = encoding === 'utf-8' ? new TextEncoder().encode(body) : (() => {
        const b = new Uint8Array(body.length * 2);
        for (let i = 0; i < body.length; i++) { b[2 * i] = body.charCodeAt(i) & 0xff; b[2 * i + 1] = body.charCodeAt(i) >> 8; }
        return b;
      })();
      const blob = new Blob([bytes]);
      const format: ListFormat = { ...csvFormat(';', 2, true), encoding };
      const whole = await collect(blob, format);
      expect(whole.length).toBe(500);
      for (const cuts of [[1, 777, 1000, 5003], [13, 14, 15, 9000]]) {
        const rows: ListRow[] = [];
        let firstLine = 1;
        const bounds = [0, ...cuts.filter((c) => c < bytes.length), bytes.length];
        let prevEnd = 0;
        for (let k = 0; k + 1 < bounds.length; k++) {
          const [start, end] = await alignRange(blob, format, bounds[k]!, bounds[k + 1]!);
          expect(start).toBe(prevEnd);
          prevEnd = end;
          const reader = new IdRowReader(format, { isFileStart: start === 0, firstLine });
          for await (const piece of decodeBlob(blob, format, start, end, 97)) rows.push(...reader.push(piece));
          rows.push(...reader.end());
          firstLine += reader.lines;
        }
        expect(prevEnd).toBe(bytes.length);
        expect(rows).toEqual(whole);
      }
    }
  });

  it('hands on blank rows (nothing but delimiters, spaces, tabs) with their line, never a last line that is not there', () => {
    const text = 'Name;ID\n\nA;1-1\n ; \t\n;;\n"x\n\ny";2\r\n\r\nB;"";\n';
    // lines 2, 4, 5 and 9 are blank; line 6–8 is one record with blank lines inside quotes
    for (const sizes of [[text.length], [1], [3, 5]]) {
      const reader = new IdRowReader(csvFormat(';', 1, true));
      const rows: ListRow[] = [];
      for (let pos = 0, k = 0; pos < text.length; pos += sizes[k++ % sizes.length]!) {
        rows.push(...reader.push(text.slice(pos, pos + sizes[(k) % sizes.length]!)));
      }
      rows.push(...reader.end());
      expect(rows.filter((r) => r.blank).map((r) => r.row)).toEqual([2, 4, 5, 9]);
      expect(rows.filter((r) => !r.blank).map((r) => [r.row, r.field])).toEqual([[3, '1-1'], [6, '2'], [10, '']]);
    }
    const last = new IdRowReader(csvFormat(null, 0, false));
    expect([...last.push('a\n  '), ...last.end()].map((r) => [r.row, !!r.blank])).toEqual([[1, false], [2, true]]);
  });

  it('keeps each record\'s text however the text is cut (keepRecords), and splitRecord gives its cells', () => {
    const text = 'Name;Ort;ID\r\n"Müller; ""Praxis""";"Bonn\r\nBeuel";1-1\n;;\nSüd;Köln;"2"x\r"a";;';
    const format = csvFormat(';', 2, true);
    const read = (size: number) => {
      const reader = new IdRowReader(format, { keepRecords: true });
      const rows: ListRow[] = [];
      for (let pos = 0; pos < text.length; pos += size) rows.push(...reader.push(text.slice(pos, pos + size)));
      return [...rows, ...reader.end()];
    };
    const whole = read(text.length);
    expect(whole.filter((r) => !r.blank).map((r) => [r.row, r.record])).toEqual([
      [2, '"Müller; ""Praxis""";"Bonn\r\nBeuel";1-1'], [5, 'Süd;Köln;"2"x'], [6, '"a";;'],
    ]);
    for (const size of [1, 2, 3, 7]) expect(read(size)).toEqual(whole);
    expect(splitRecord(whole[0]!.record!, ';')).toEqual(['Müller; "Praxis"', 'Bonn\r\nBeuel', '1-1']);
    expect(splitRecord('Süd;Köln;"2"x', ';')).toEqual(['Süd', 'Köln', '2x']);
    expect(splitRecord('"a";;', ';')).toEqual(['a', '', '']);
    expect(splitRecord('', ';')).toEqual(['']);
  });

  it('counts lines for range offsets', () => {
    const reader = new IdRowReader(csvFormat(null, 0, false));
    reader.push('a\r');
    reader.push('\nb\n\nc');
    reader.end();
    expect(reader.lines).toBe(4);
  });
});

describe('readListRows progress', () => {
  it('reports the bytes read, adding up to the file size', async () => {
    const text = 'Telematik-ID\n' + '1-10104242424242\n'.repeat(200_000);
    const blob = new Blob([text]);
    const format = csvFormat(null, 0, true);
    let bytes = 0, rows = 0;
    for await (const batch of readListRows(blob, format, { onBytes: (n) => { bytes += n; } })) {
      if (isListError(batch)) throw new Error(batch.error);
      rows += batch.length;
    }
    expect(rows).toBe(200_000);
    expect(bytes).toBe(blob.size);
  });
});
