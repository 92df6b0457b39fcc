// Export writer of the audit page (src/ui/audit/export.ts): CSV quoting, Excel mode, JSON.
import { describe, it, expect } from 'vitest';
import { ExportWriter, csvField, type ExportCaptions, type ExportRow } from '../../../src/ui/audit/export.ts';
import { IdRowReader } from '../../../src/domain/id-lists/index.ts';

const captions: ExportCaptions = { file: 'Datei', row: 'Zeile', id: 'Telematik-ID', verdict: 'Ergebnis', reasonCode: 'Grundcode', reason: 'Grund', suggestion: 'Vorschlag' };
const rows: ExportRow[] = [
  { file: 'a;b.csv', row: 3, id: ' 1-10104242424242', verdict: 'ungültig', reasonCode: 'TID_WHITESPACE', reason: 'Leerzeichen an Stelle 1: „x“', suggestion: '1-10104242424242' },
  { file: 'x.txt', row: 10, id: '=HYPERLINK("evil")', verdict: 'ungültig', reasonCode: 'TID_NO_PREFIX', reason: 'Zeile\nzwei', suggestion: '' },
];

describe('ExportWriter', () => {
  it('Excel CSV: BOM, `;`, quoted where needed, formula cells defused, and readable by our own RFC 4180 reader', async () => {
    const w = new ExportWriter('csv-excel', captions);
    w.add(rows);
    const bytes = new Uint8Array(await w.finish().arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.subarray(3));
    expect(text.split('\r\n')[0]).toBe('Datei;Zeile;Telematik-ID;Ergebnis;Grundcode;Grund;Vorschlag');
    // Read back the ID column (2) and the file column (0) with the list reader.
    for (const [column, expected] of [[2, [' 1-10104242424242', "'=HYPERLINK(\"evil\")"]], [0, ['a;b.csv', 'x.txt']]] as const) {
      const reader = new IdRowReader({ delimiter: ';', idColumn: column, hasHeader: true });
      const back = [...reader.push(text), ...reader.end()];
      expect(back.map((r) => r.field)).toEqual(expected);
      expect(back.map((r) => r.row)).toEqual([2, 3]);
    }
  });

  it('plain CSV uses commas and no BOM; JSON is an array of the rows', async () => {
    const csv = new ExportWriter('csv', captions);
    csv.add(rows.slice(0, 1));
    const text = await csv.finish().text();
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).toBe('Datei,Zeile,Telematik-ID,Ergebnis,Grundcode,Grund,Vorschlag\r\na;b.csv,3," 1-10104242424242",ungültig,TID_WHITESPACE,Leerzeichen an Stelle 1: „x“,1-10104242424242\r\n');
    const json = new ExportWriter('json', captions);
    json.add(rows);
    expect(JSON.parse(await json.finish().text())).toEqual(rows);
    const empty = new ExportWriter('json', captions);
    expect(JSON.parse(await empty.finish().text())).toEqual([]);
  });

  it('csvField quotes delimiters, quotes, line breaks and edge spaces only', () => {
    expect(csvField('1-10104242424242', ';', true)).toBe('1-10104242424242');
    expect(csvField('a"b', ',', false)).toBe('"a""b"');
    expect(csvField('-1', ',', false)).toBe('-1');
    expect(csvField('-1', ';', true)).toBe("'-1");
  });
});
