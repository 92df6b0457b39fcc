// The findings table's filter and sort (index arrays) against brute force over plain objects.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { filterFindings, inViewOrder, sortFindings, sourceColumns } from '../../../src/ui/audit/findings-view.ts';

type F = { fileIndex: number; row: number; id: string; verdict: 'warning' | 'invalid'; reason: string; cells: Record<string, string> | null };

const finding = fc.record({
  fileIndex: fc.integer({ min: 0, max: 2 }),
  row: fc.integer({ min: 1, max: 50 }),
  id: fc.constantFrom('1-2001', '5-2-123', 'abc', 'Müller', ''),
  verdict: fc.constantFrom('warning' as const, 'invalid' as const),
  reason: fc.constantFrom('TID_CHECK_DIGIT', 'TID_EMPTY', 'TID_BAD_CHAR'),
  cells: fc.option(fc.record({ Name: fc.constantFrom('Müller', 'Schmidt', 'müller-lüdenscheidt', ''), Ort: fc.constantFrom('Köln', 'Bonn') }), { nil: null }),
});

describe('findings view', () => {
  it('filters like a brute-force scan (verdict, reason, file, text in ID or cells)', () => {
    fc.assert(fc.property(fc.array(finding, { maxLength: 60 }), fc.record({
      verdict: fc.constantFrom('' as const, 'warning' as const, 'invalid' as const),
      reason: fc.constantFrom('', 'TID_EMPTY', 'TID_BAD_CHAR'),
      file: fc.integer({ min: -1, max: 2 }),
      query: fc.constantFrom('', 'MÜLLER', 'köln', '2001', 'zzz'),
    }), (list, filter) => {
      const got = [...filterFindings(list, filter)];
      const q = filter.query.toLowerCase();
      const want = list.flatMap((f, i) => ((!filter.verdict || f.verdict === filter.verdict)
        && (!filter.reason || f.reason === filter.reason) && (filter.file < 0 || f.fileIndex === filter.file)
        && (!q || f.id.toLowerCase().includes(q) || Object.values(f.cells ?? {}).some((v) => v.toLowerCase().includes(q))) ? [i] : []));
      expect(got).toEqual(want);
    }));
  });

  it('sorts indices by row, file, verdict, ID and a cell, ties in list order, both directions', () => {
    fc.assert(fc.property(fc.array(finding, { maxLength: 60 }), fc.constantFrom('row', 'file', 'verdict', 'id', 'cell:Name', 'reason'), fc.boolean(), (list, key, descending) => {
      const indices = filterFindings(list, {});
      const got = [...sortFindings(list, indices, { key: key as 'row', descending })];
      const collator = new Intl.Collator('de', { numeric: true, sensitivity: 'base' });
      const value = (f: F): number | string => key === 'row' ? f.row : key === 'file' ? f.fileIndex : key === 'verdict' ? (f.verdict === 'invalid' ? 1 : 0)
        : key === 'id' ? f.id : key === 'reason' ? f.reason : (f.cells?.Name ?? '');
      const want = list.map((_, i) => i).sort((a, b) => {
        const va = value(list[a]!), vb = value(list[b]!);
        const c = typeof va === 'number' ? va - (vb as number) : collator.compare(va, vb as string);
        return (descending ? -c : c) || a - b;
      });
      expect(got).toEqual(want);
    }));
  });

  it('sorts reasons by their shown label, not by code', () => {
    const list: F[] = [
      { fileIndex: 0, row: 2, id: 'a', verdict: 'invalid', reason: 'A_CODE', cells: null },
      { fileIndex: 0, row: 3, id: 'b', verdict: 'invalid', reason: 'B_CODE', cells: null },
    ];
    const labels: Record<string, string> = { A_CODE: 'zu lang', B_CODE: 'leer' };
    expect([...sortFindings(list, filterFindings(list, {}), { key: 'reason', descending: false }, (c) => labels[c]!)]).toEqual([1, 0]);
  });

  it('lists the source columns of every file once', () => {
    const list: F[] = [
      { fileIndex: 0, row: 2, id: 'a', verdict: 'invalid', reason: 'X', cells: null },
      { fileIndex: 1, row: 2, id: 'a', verdict: 'invalid', reason: 'X', cells: { Name: 'x', ID: 'a' } },
      { fileIndex: 2, row: 2, id: 'a', verdict: 'invalid', reason: 'X', cells: { Ort: 'y', ID: 'a' } },
    ];
    expect(sourceColumns(list, 3)).toEqual(['Name', 'ID', 'Ort']);
  });

  it('reads the findings of a view in its order through the iterator, in blocks', () => {
    const valuesArb = fc.array(fc.integer(), { maxLength: 200 });
    fc.assert(fc.property(valuesArb, fc.integer({ min: 1, max: 17 }), fc.boolean(), (values, block, sorted) => {
      const list = values.map((v, i) => ({ v, i }));
      const picked = list.filter((x) => x.v % 3 !== 0).map((x) => x.i);
      const order = sorted ? [...picked].sort((a, b) => values[a]! - values[b]! || a - b) : picked;
      const got = [...inViewOrder(list, Int32Array.from(order), block)].map((x) => x.i);
      expect(got).toEqual(order);
    }));
  });
});
