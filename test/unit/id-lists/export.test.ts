// Export writer of the audit page (src/ui/audit/export.ts): CSV quoting, Excel mode, JSON.
import { describe, it, expect } from 'vitest';
import { ExportWriter, csvField, type ExportCaptions, type ExportHeader, type ExportRow } from '../../../src/ui/audit/export.ts';
import { IdRowReader } from '../../../src/domain/id-lists/index.ts';

const captions: ExportCaptions = { file: 'Datei', row: 'Zeile', id: 'Telematik-ID', verdict: 'Ergebnis', reasonCode: 'Grundcode', reason: 'Grund', suggestion: 'Vorschlag' };
const header: ExportHeader = { lines: [['Bildungsregeln', 'gematik; Test'], ['Exportiert am', '05.12.2026, 04:00']], data: { rules: 'gematik; Test', exported: '2026-12-05T03:00:00.000Z' } };
const options = { header, cellColumns: [] };
/** The table after the header lines and the blank line that ends them. */
const table = (text: string) => text.slice(text.indexOf('\r\n\r\n') + 4);
const rows: ExportRow[] = [
  { file: 'a;b.csv', row: 3, id: ' 1-10104242424242', verdict: 'ungültig', reasonCode: 'TID_WHITESPACE', reason: 'Leerzeichen an Stelle 1: „x“', suggestion: '1-10104242424242' },
  { file: 'x.txt', row: 10, id: '=HYPERLINK("evil")', verdict: 'ungültig', reasonCode: 'TID_NO_PREFIX', reason: 'Zeile\nzwei', suggestion: '' },
];

describe('ExportWriter', () => {
  it('Excel CSV: BOM, `;`, quoted where needed, formula cells defused, and readable by our own RFC 4180 reader', async () => {
    const w = new ExportWriter('csv-excel', captions, options);
    w.add(rows);
    const bytes = new Uint8Array(await w.finish().arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const whole = new TextDecoder().decode(bytes.subarray(3));
    // the header lines first (a `;` inside a value is quoted), then a blank line, then the table
    expect(whole.split('\r\n').slice(0, 3)).toEqual(['Bildungsregeln;"gematik; Test"', 'Exportiert am;05.12.2026, 04:00', '']);
    const text = table(whole);
    expect(text.split('\r\n')[0]).toBe('Datei;Zeile;Telematik-ID;Ergebnis;Grundcode;Grund;Vorschlag');
    // Read back the ID column (2) and the file column (0) with the list reader.
    for (const [column, expected] of [[2, [' 1-10104242424242', "'=HYPERLINK(\"evil\")"]], [0, ['a;b.csv', 'x.txt']]] as const) {
      const reader = new IdRowReader({ delimiter: ';', idColumn: column, hasHeader: true });
      const back = [...reader.push(text), ...reader.end()];
      expect(back.map((r) => r.field)).toEqual(expected);
      expect(back.map((r) => r.row)).toEqual([2, 3]);
    }
  });

  it('plain CSV uses commas and no BOM; JSON is the header and the rows', async () => {
    const csv = new ExportWriter('csv', captions, options);
    csv.add(rows.slice(0, 1));
    const text = await csv.finish().text();
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(table(text)).toBe('Datei,Zeile,Telematik-ID,Ergebnis,Grundcode,Grund,Vorschlag\r\na;b.csv,3," 1-10104242424242",ungültig,TID_WHITESPACE,Leerzeichen an Stelle 1: „x“,1-10104242424242\r\n');
    const json = new ExportWriter('json', captions, options);
    json.add(rows);
    expect(JSON.parse(await json.finish().text())).toEqual({ header: header.data, rows });
    const empty = new ExportWriter('json', captions, options);
    expect(JSON.parse(await empty.finish().text())).toEqual({ header: header.data, rows: [] });
  });

  it('carries the chosen source cells as columns (CSV) and each row\'s cells whole (JSON)', async () => {
    const withCells: ExportRow[] = [{ ...rows[0]!, cells: { Name: 'Müller, Anna', Ort: 'Köln', 'Telematik-ID': ' 1-10104242424242' } }, { ...rows[1]!, cells: null }];
    const csv = new ExportWriter('csv', captions, { header, cellColumns: ['Name', 'Ort'] });
    csv.add(withCells);
    const lines = table(await csv.finish().text()).split('\r\n');
    expect(lines[0]).toBe('Datei,Zeile,Telematik-ID,Ergebnis,Grundcode,Grund,Vorschlag,Name,Ort');
    expect(lines[1]!.endsWith(',"Müller, Anna",Köln')).toBe(true);
    expect(lines[2]!.endsWith(',,')).toBe(true);
    const json = new ExportWriter('json', captions, { header, cellColumns: ['Name'] });
    json.add(withCells);
    const back = JSON.parse(await json.finish().text()) as { rows: ExportRow[] };
    expect(back.rows[0]!.cells).toEqual(withCells[0]!.cells);
    expect('cells' in back.rows[1]!).toBe(false);
  });

  it('csvField quotes delimiters, quotes, line breaks and edge spaces only', () => {
    expect(csvField('1-10104242424242', ';', true)).toBe('1-10104242424242');
    expect(csvField('a"b', ',', false)).toBe('"a""b"');
    expect(csvField('-1', ',', false)).toBe('-1');
    expect(csvField('-1', ';', true)).toBe("'-1");
  });
});
