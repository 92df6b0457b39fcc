// The printed report's grouping (src/ui/audit/PrintReport.tsx printGroups) against a brute-force grouping.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { printGroups } from '../../../src/ui/audit/PrintReport.tsx';

describe('printGroups', () => {
  it('groups by reason, most frequent first, list order inside, at most `cap` findings in all', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('A', 'B', 'C', 'D'), { maxLength: 80 }), fc.integer({ min: 0, max: 100 }), (reasons, cap) => {
      const { groups, printed } = printGroups(reasons.map((reason) => ({ reason })), cap);
      const totals = new Map<string, number>();
      for (const r of reasons) totals.set(r, (totals.get(r) ?? 0) + 1);
      const order = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || a.localeCompare(b));
      const want: number[] = [];
      for (const r of order) reasons.forEach((x, i) => { if (x === r) want.push(i); });
      expect(groups.flatMap((g) => g.indices)).toEqual(want.slice(0, cap));
      expect(printed).toBe(Math.min(cap, reasons.length));
      for (const g of groups) expect(g.total).toBe(totals.get(g.reason));
    }));
  });
});
