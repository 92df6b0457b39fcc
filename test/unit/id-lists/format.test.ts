import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { sniffListFormat, sniffEncoding, isListError, previewRecords, decodeAll, type ListFormat } from '../../../src/domain/id-lists/index.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/id-lists/${name}`, import.meta.url)));
const utf8 = (s: string) => new TextEncoder().encode(s);
function utf16(s: string, le: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((s.length + (bom ? 1 : 0)) * 2);
  const dv = new DataView(out.buffer);
  let o = 0;
  if (bom) { dv.setUint16(0, 0xfeff, le); o = 2; }
  for (let i = 0; i < s.length; i++) dv.setUint16(o + 2 * i, s.charCodeAt(i), le);
  return out;
}
function ok(x: ReturnType<typeof sniffListFormat>): ListFormat {
  if (isListError(x)) throw new Error(`expected a format, got ${x.error}`);
  return x;
}

describe('sniffListFormat on real-world shaped files', () => {
  it('Windows-1252 CSV with ; and the Telematik-ID header in the third column', () => {
    const bytes = fixture('praxen-cp1252.csv');
    const f = ok(sniffListFormat(bytes, 'praxen-cp1252.csv'));
    expect(f).toMatchObject({ kind: 'delimited', encoding: 'windows-1252', bomLength: 0, delimiter: ';', hasHeader: true, idColumn: 2, idColumnSource: 'header' });
    expect(f.columns).toEqual(['Praxis', 'Ort', 'Telematik-ID', 'Bemerkung']);
    // Umlauts and the en dash (0x96) decode as Windows-1252, not Latin-1.
    const preview = previewRecords(bytes, f, 20);
    expect(preview[1]![0]).toBe('Dr. Müller');
    expect(preview.find((r) => r[0] === 'Praxis Öztürk')![2]).toBe('1\u201310104242424242');
    // The quoted field with a line break and `;` stays one field.
    expect(preview.find((r) => r[0] === 'Testpraxis')![1]).toBe('Mehrzeilige\r\nAdresse; 2. Stock');
  });

  it('UTF-16 LE with BOM, one ID per line', () => {
    const f = ok(sniffListFormat(fixture('ids-utf16le.txt'), 'ids-utf16le.txt'));
    expect(f).toMatchObject({ kind: 'text', encoding: 'utf-16le', bomLength: 2, delimiter: null, hasHeader: false, idColumn: 0, idColumnSource: 'only' });
  });

  it('UTF-16 BE and LE without BOM are recognised by their zero bytes', () => {
    const text = '1-10104242424242\n2-2.02.2.1.42424\n5-2-109500969-001\n';
    expect(sniffEncoding(utf16(text, false, false))).toEqual({ encoding: 'utf-16be', bomLength: 0 });
    expect(sniffEncoding(utf16(text, true, false))).toEqual({ encoding: 'utf-16le', bomLength: 0 });
    expect(sniffEncoding(utf16(text, false, true))).toEqual({ encoding: 'utf-16be', bomLength: 2 });
  });

  it('UTF-8 with and without BOM; invalid UTF-8 falls back to Windows-1252', () => {
    expect(sniffEncoding(utf8('\uFEFFTelematik-ID\n1-10104242424242\n'))).toEqual({ encoding: 'utf-8', bomLength: 3 });
    expect(sniffEncoding(utf8('Name;Telematik-ID\nMüller;1-10104242424242\n'))).toEqual({ encoding: 'utf-8', bomLength: 0 });
    expect(sniffEncoding(new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x0a]))).toEqual({ encoding: 'windows-1252', bomLength: 0 });
    // A multi-byte character cut by the sample's end is still UTF-8.
    const cut = utf8('1-10104242424242;Köln').subarray(0, 19);
    expect(sniffEncoding(cut).encoding).toBe('utf-8');
  });

  it('empty and whitespace-only files are EMPTY_FILE', () => {
    expect(sniffListFormat(new Uint8Array(0), 'a.csv')).toEqual({ error: 'EMPTY_FILE' });
    expect(sniffListFormat(utf8('\r\n \n\t\n'), 'a.txt')).toEqual({ error: 'EMPTY_FILE' });
    expect(sniffListFormat(utf8('\uFEFF'), 'a.txt')).toEqual({ error: 'EMPTY_FILE' });
  });

  it('binary files are BINARY_FILE: a PNG header, NUL bytes, control-byte soup', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(sniffListFormat(png, 'ids.txt')).toEqual({ error: 'BINARY_FILE' });
    const withNul = utf8('1-10104242424242\n\u0000\u0000\u0000garbage\n');
    expect(sniffListFormat(withNul, 'ids.txt')).toEqual({ error: 'BINARY_FILE' });
    const controls = new Uint8Array(400).map((_, i) => (i % 3 === 0 ? 0x01 : 0x41));
    expect(sniffListFormat(controls, 'x.csv')).toEqual({ error: 'BINARY_FILE' });
  });

  it('no ID column: neither a header name nor ID-like content', () => {
    const csv = utf8('Name;Ort;Telefon\nMüller;Köln;0221 123\nSchmidt;Bonn;0228 456\n');
    expect(sniffListFormat(csv, 'kontakte.csv')).toEqual({ error: 'NO_ID_COLUMN' });
    expect(sniffListFormat(utf8('Lorem ipsum dolor\nsit amet\n'), 'notes.txt')).toEqual({ error: 'NO_ID_COLUMN' });
  });

  it('finds the ID column by content when there is no header; dates do not count as IDs', () => {
    const csv = utf8('2024-01-05,Müller,1-10104242424242\n2024-02-01,Schmidt,2-2.02.2.1.42424\n2024-03-09,Weber,5-2-109500969-001\n');
    const f = ok(sniffListFormat(csv, 'export.csv'));
    expect(f).toMatchObject({ kind: 'delimited', delimiter: ',', hasHeader: false, idColumn: 2, idColumnSource: 'content', columns: ['1', '2', '3'] });
  });

  it('header names are matched case-, space- and dash-insensitively', () => {
    for (const caption of ['TelematikID', 'telematik_id', 'TI-ID', 'registrationNumber', 'Telematik ID', 'TELEMATIK-ID (SMC-B)']) {
      const f = ok(sniffListFormat(utf8(`Name\t${caption}\tOrt\nA\tfoo\tKöln\nB\tbar\tBonn\n`), 'x.tsv'));
      expect(f.idColumn, caption).toBe(1);
      expect(f.hasHeader).toBe(true);
      expect(f.delimiter).toBe('\t');
    }
  });

  it('pipe-delimited and a first line of captions without digits is a header in tables only', () => {
    const f = ok(sniffListFormat(utf8('Kennung|Name\n1-10104242424242|A\n3-02.3.42424242.10.250|B\n'), 'x.txt'));
    expect(f).toMatchObject({ delimiter: '|', hasHeader: true, idColumn: 0, idColumnSource: 'content' });
    const text = ok(sniffListFormat(utf8('Telematik-ID\n1-10104242424242\n2-1.01.1.1.424242\n'), 'x.txt'));
    expect(text).toMatchObject({ kind: 'text', hasHeader: true, columns: ['Telematik-ID'], idColumnSource: 'header' });
    // One column without an ID caption: the first line stays data (a bad ID must not vanish).
    const noHeader = ok(sniffListFormat(utf8('hallo\n1-10104242424242\n2-1.01.1.1.424242\n'), 'x.txt'));
    expect(noHeader.hasHeader).toBe(false);
  });

  it('overrides: encoding, delimiter, header and column by the user', () => {
    const bytes = fixture('praxen-cp1252.csv');
    const f = ok(sniffListFormat(bytes, 'p.csv', { encoding: 'utf-8', hasHeader: false, idColumn: 0 }));
    expect(f).toMatchObject({ encoding: 'utf-8', hasHeader: false, idColumn: 0, idColumnSource: 'user', columns: ['1', '2', '3', '4'] });
    const asText = ok(sniffListFormat(bytes, 'p.csv', { delimiter: null, idColumn: 0 }));
    expect(asText.kind).toBe('text');
  });

  it('xlsx: by ZIP magic; a .xlsx name without ZIP is XLSX_INVALID; old .xls is UNSUPPORTED_SPREADSHEET', () => {
    expect(ok(sniffListFormat(new Uint8Array([0x50, 0x4b, 3, 4, 20, 0]), 'liste.xlsx')).kind).toBe('xlsx');
    expect(sniffListFormat(utf8('1-10104242424242\n'), 'liste.xlsx')).toMatchObject({ error: 'XLSX_INVALID' });
    expect(sniffListFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'alt.xls')).toMatchObject({ error: 'UNSUPPORTED_SPREADSHEET' });
  });

  it('a sample cut mid-line ignores the partial last line', () => {
    const line = 'Müller;Köln;1-10104242424242\n';
    const big = utf8('Name;Ort;Telematik-ID\n' + line.repeat(4000));
    const sample = big.subarray(0, 64 * 1024);
    const f = ok(sniffListFormat(sample, 'big.csv'));
    expect(f.idColumn).toBe(2);
    const records = previewRecords(sample, f, 100000);
    expect(records.every((r) => r.length === 3)).toBe(true);
    expect(decodeAll(sample, 'utf-8').endsWith('\n')).toBe(false);
  });
});
