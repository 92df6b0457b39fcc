// FindingList keeps the workers' columns and makes Finding objects only when one is read; it must
// read exactly like the array it replaced: order, rows moved by their range's base, the limit,
// filters and reason counts.
import { describe, it, expect } from 'vitest';
import { FindingColumnsBuilder, FindingList, MAX_CELLS, MAX_CELL_CHARS } from '../../../src/domain/audit/index.ts';

const validator = { validate: (id: string) => ({ span: [0, id.length] as [number, number], suggestion: id.toUpperCase() }) };

function columns(items: [row: number, id: string, verdict: 'warning' | 'invalid', reason: string][]) {
  const b = new FindingColumnsBuilder(1000);
  for (const [row, id, verdict, reason] of items) b.add(row, id, verdict, reason, id.length);
  return b.build();
}

describe('FindingList', () => {
  const a = columns([[1, 'keine ID', 'invalid', 'TID_WHITESPACE'], [4, '5-2-123456789-001', 'warning', 'TID_CHECK_DIGIT']]);
  const b = columns([[2, '1-HBA-x', 'warning', 'TID_NO_FORMATION_RULE'], [3, 'Keine', 'invalid', 'TID_BAD_CHAR'], [9, 'x', 'invalid', 'TID_BAD_CHAR']]);

  it('reads like the array it replaced, ranges in order with their row bases, up to the limit', () => {
    const list = new FindingList(validator);
    expect(list.append(a, 0, 0, 4)).toBe(false);
    expect(list.append(b, 1, 100, 4)).toBe(true); // only 2 of 3 fit
    expect(list.length).toBe(4);
    expect([...list].map((f) => [f.fileIndex, f.row, f.id, f.verdict, f.reason])).toEqual([
      [0, 1, 'keine ID', 'invalid', 'TID_WHITESPACE'], [0, 4, '5-2-123456789-001', 'warning', 'TID_CHECK_DIGIT'],
      [1, 102, '1-HBA-x', 'warning', 'TID_NO_FORMATION_RULE'], [1, 103, 'Keine', 'invalid', 'TID_BAD_CHAR'],
    ]);
    expect(list.at(4)).toBeUndefined();
    expect(list.at(-1)).toBeUndefined();
    expect(list.at(2)).toBe(list.at(2)); // one object per finding, so its worked-out detail is kept
    expect([...list][2]).toBe(list.at(2)); // iteration hands out the kept one where there is one
    expect(list.at(3)!.suggestion).toBe('KEINE');
    expect(list.append(b, 1, 200, 4)).toBe(true);
    expect(list.length).toBe(4);
  });

  it('filters by verdict, reason and text, and counts reasons, from the columns', () => {
    const list = new FindingList(validator);
    list.append(a, 0, 0, 100);
    list.append(b, 1, 0, 100);
    expect(list.select({ verdict: 'warning' }).map((f) => f.id)).toEqual(['5-2-123456789-001', '1-HBA-x']);
    expect(list.select({ reason: 'TID_BAD_CHAR' }).map((f) => f.row)).toEqual([3, 9]);
    expect(list.select({ query: 'keine' }).map((f) => f.id)).toEqual(['keine ID', 'Keine']);
    expect(list.select({ verdict: 'invalid', reason: 'TID_BAD_CHAR', query: 'x' }).map((f) => f.id)).toEqual(['x']);
    expect(list.select({}).length).toBe(5);
    expect(Object.fromEntries(list.reasonCounts())).toEqual({
      TID_WHITESPACE: 1, TID_CHECK_DIGIT: 1, TID_NO_FORMATION_RULE: 1, TID_BAD_CHAR: 2,
    });
  });

  it('an over-long ID cut for display keeps its real length in the span, 301 characters included', () => {
    const b = new FindingColumnsBuilder(10);
    const ids = [`1-${'9'.repeat(298)}`, `1-${'9'.repeat(299)}`, `1-${'9'.repeat(400)}`]; // 300, 301, 402 characters
    const bytes = new TextEncoder().encode(ids.join('\n'));
    let at = 0;
    for (const id of ids) { b.addScanned(1, bytes, at, at + id.length, 'invalid', 'TID_TOO_LONG', { decodeInto: () => { throw new Error('ASCII needs no decoder'); } }); at += id.length + 1; }
    const list = new FindingList(validator);
    list.append(b.build(), 0, 0, 10);
    expect(list.at(0)!.id).toBe(ids[0]);
    expect(list.at(0)!.span).toEqual([0, 300]); // shown whole: worked out by the validator
    expect(list.at(1)!.id).toBe(`${ids[1]!.slice(0, 300)}…`);
    expect(list.at(1)!.span).toEqual([128, 301]);
    expect(list.at(2)!.span).toEqual([128, 402]);
  });
});

describe('findings keep their source row (cells)', () => {
  it('header → value per file, search covers the cells, cells are capped, plain text has none', () => {
    const withCells = new FindingColumnsBuilder(1000);
    withCells.add(2, '+1-20014242424', 'invalid', 'TID_BAD_CHAR', 14, ['Praxis Müller', 'Köln', '+1-20014242424', '']);
    withCells.add(5, 'x', 'invalid', 'TID_NO_PREFIX', 1, ['Apotheke \u001f Süd', 'x'.repeat(MAX_CELL_CHARS + 5), 'x']);
    withCells.add(7, '', 'invalid', 'TID_EMPTY', 0, ['']);
    withCells.add(8, 'y', 'invalid', 'TID_NO_PREFIX', 1, Array.from({ length: MAX_CELLS + 3 }, (_, k) => String(k)));
    const plain = new FindingColumnsBuilder(1000);
    plain.add(3, 'müller', 'invalid', 'TID_NO_PREFIX', 6);
    const list = new FindingList(validator, [['Name', 'Ort', 'Telematik-ID', 'Name'], []]);
    list.append(withCells.build(), 0, 0, 100);
    list.append(plain.build(), 1, 0, 100);
    expect(list.at(0)!.cells).toEqual({ Name: 'Praxis Müller', Ort: 'Köln', 'Telematik-ID': '+1-20014242424', 'Name (2)': '' });
    // the separator inside a cell becomes a space; a long cell is cut with '…'; every header gets a value
    // (readers may leave out trailing empty cells: xlsx stores none)
    expect(list.at(1)!.cells).toEqual({ Name: 'Apotheke   Süd', Ort: `${'x'.repeat(MAX_CELL_CHARS)}…`, 'Telematik-ID': 'x', 'Name (2)': '' });
    expect(list.at(2)!.cells).toEqual({ Name: '', Ort: '', 'Telematik-ID': '', 'Name (2)': '' });
    expect(Object.keys(list.at(3)!.cells!)).toHaveLength(MAX_CELLS);
    expect(list.at(3)!.cells!['#5']).toBe('4');
    expect(list.at(4)!.cells).toBeNull();
    // "müller" is in a cell of the first and the ID of the last; "köln" only in a cell
    expect(list.select({ query: 'müller' }).map((f) => f.row)).toEqual([2, 3]);
    expect(list.select({ query: 'köln' }).map((f) => f.row)).toEqual([2]);
  });
});
