// The byte-level RFC 4180 reader against a tiny reference parser written the obvious way: one pass
// over the whole decoded string, character by character, no chunks, no byte offsets. Random CSV
// text (quotes, doubled quotes, line breaks in quotes, broken quotes, CR/LF/CRLF, blank rows,
// multi-byte characters) is fed as UTF-8 bytes cut at random byte positions (also inside a character).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { IdRowReader, type ListFormat, type ListRow } from '../../../src/domain/id-lists/index.ts';

interface RefRow { row: number; field: string; blank?: true; record?: string }

/**
 * RFC 4180 as the app reads it: a quote opens a quoted field only at the field's start; text after the closing
 * quote is kept; a quote never closed runs to the end.
 */
function reference(text: string, delimiter: string | null, idColumn: number, hasHeader: boolean): RefRow[] {
  const rows: RefRow[] = [];
  let i = 0, line = 1, header = hasHeader;
  while (i < text.length) {
    const startLine = line, start = i;
    const fields: string[] = [];
    let field = '', atStart = true, inQuotes = false, quoted = false, end = -1;
    while (end < 0) {
      if (i >= text.length) { fields.push(field); end = i; break; }
      const c = text[i]!;
      const breakLength = text.startsWith('\r\n', i) ? 2 : c === '\r' || c === '\n' ? 1 : 0;
      if (inQuotes) {
        if (c === '"') { if (text[i + 1] === '"') { field += '"'; i += 2; } else { inQuotes = false; i++; } continue; }
        if (breakLength) line++;
        field += text.slice(i, i + Math.max(1, breakLength));
        i += Math.max(1, breakLength);
        continue;
      }
      if (c === '"' && atStart && delimiter !== null) { inQuotes = quoted = true; atStart = false; i++; continue; }
      if (c === delimiter) { fields.push(field); field = ''; atStart = true; i++; continue; }
      if (breakLength) { fields.push(field); end = i; line++; i += breakLength; break; }
      field += c; atStart = false; i++;
    }
    if (!quoted && fields.every((f) => /^[ \t]*$/.test(f))) { rows.push({ row: startLine, field: '', blank: true }); continue; }
    if (header) { header = false; continue; }
    rows.push({ row: startLine, field: fields[idColumn] ?? '', record: text.slice(start, end) });
  }
  return rows;
}

const format = (delimiter: ListFormat['delimiter'], idColumn: number, hasHeader: boolean): ListFormat => ({
  kind: 'delimited', encoding: 'utf-8', bomLength: 0, delimiter, hasHeader, idColumn, columns: [], idColumnSource: 'user',
});

function readBytes(bytes: Uint8Array, f: ListFormat, cuts: number[]): ListRow[] {
  const reader = new IdRowReader(f, { keepRecords: true });
  const rows: ListRow[] = [];
  for (let pos = 0, k = 0; pos < bytes.length; k++) {
    const size = cuts[k % cuts.length]!;
    rows.push(...reader.pushBytes(bytes.slice(pos, pos + size)));
    pos += size;
  }
  return [...rows, ...reader.end()];
}

const piece = fc.constantFrom('"', '""', ';', ',', '\r', '\n', '\r\n', ' ', '\t', 'a', '1-20014242424', 'Köln', '€', '😀', 'x"y');

describe('DelimitedReader (bytes) against a reference parser', () => {
  it('same records, lines, ID fields, record text and blank rows for random CSV, however the bytes are cut', () => {
    fc.assert(fc.property(fc.array(piece, { maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 }),
      fc.constantFrom<ListFormat['delimiter']>(';', ','), fc.nat(3), fc.boolean(), (pieces, cuts, delimiter, idColumn, header) => {
        const text = pieces.join('');
        const bytes = new TextEncoder().encode(text);
        const expected = reference(text, delimiter, idColumn, header);
        const got = readBytes(bytes, format(delimiter, idColumn, header), cuts)
          .map((r) => (r.blank ? { row: r.row, field: '', blank: true as const } : { row: r.row, field: r.field, record: r.record }));
        expect(got).toEqual(expected);
      }), { numRuns: 1000 });
  });

  it('agrees with Papa Parse on well-formed CSV (every quote closed, one kind of line break)', () => {
    const cell = fc.oneof(fc.stringMatching(/^[a-zö0-9 -]{0,8}$/), fc.stringMatching(/^[a-z;\r\n"]{0,6}$/).map((s) => `"${s.replace(/"/g, '""')}"`));
    fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 20 }), fc.constantFrom('\n', '\r\n'), (records, eol) => {
      const text = records.map((r) => r.join(';')).join(eol);
      const papa = Papa.parse<string[]>(text, { delimiter: ';', newline: eol as '\n' | '\r\n' }).data;
      const got = readBytes(new TextEncoder().encode(text), format(';', 2, false), [7]);
      // Papa Parse keeps blank rows as [''] or ['', '', ''] rows; ours are marked blank
      const nonBlank = papa.filter((r, k) => !r.every((c) => /^[ \t]*$/.test(c)) || records[k]!.some((c) => c.startsWith('"')));
      expect(got.filter((r) => !r.blank).map((r) => r.field)).toEqual(nonBlank.map((r) => r[2] ?? ''));
    }), { numRuns: 300 });
  });
});
