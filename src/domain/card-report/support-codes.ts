// Support help: error codes and Prüfungsnachweis results of seed 002's "Merkblatt zum Umgang mit
// Störungen bei der Nutzung der TI" (and the VSDM Prüfungsnachweis results 1–6). Data only; texts are
// i18n keys `card.support.<id>.cause` / `.action` (German and English in src/i18n/messages/card.ts).
// SMC-B and HBA topics without a Merkblatt code (transport PIN, blocked PIN, expiry, the G2.0 deadline of
// 2026-07-01: gematik letter 2025-11-14 as reported by KBV PraxisNachrichten 2025-11-17) are `smcbHba`.

export type SupportEntryId =
  | 'e114' | 'e106' | 'e113' | 'e3001' | 'e3041' | 'e3039' | 'e4056' | 'eTechnical'
  | 'pn1' | 'pn2' | 'pn3' | 'pn4' | 'pn5' | 'pn6'
  | 'transportPin' | 'pinBlocked' | 'cardExpired' | 'g20Deadline';

export interface SupportEntry {
  id: SupportEntryId;
  kind: 'error' | 'pruefungsnachweis' | 'smcbHba';
  /** Codes or inclusive ranges this entry covers, e.g. [101, 101] or [4001, 4052]. */
  ranges: [number, number][];
  /** Merkblatt case 1–5 (1 invalid eGK, 2 technical abort, 3 warning in Prüfungsnachweis, 4 professional check, 5 technical). */
  merkblattCase: number | null;
}

const one = (n: number): [number, number] => [n, n];

export const SUPPORT_ENTRIES: readonly SupportEntry[] = [
  { id: 'e114', kind: 'error', ranges: [one(114)], merkblattCase: 1 },
  { id: 'e106', kind: 'error', ranges: [one(106), one(107)], merkblattCase: 1 },
  { id: 'e113', kind: 'error', ranges: [one(113)], merkblattCase: 1 },
  { id: 'e3001', kind: 'error', ranges: [one(3001), one(4057)], merkblattCase: 2 },
  { id: 'e3041', kind: 'error', ranges: [one(3041), one(3042)], merkblattCase: 2 },
  { id: 'e3039', kind: 'error', ranges: [one(3039), one(3040)], merkblattCase: 2 },
  { id: 'e4056', kind: 'error', ranges: [one(4056), one(12105)], merkblattCase: 2 },
  {
    id: 'eTechnical', kind: 'error',
    ranges: [[101, 105], [108, 112], [4001, 4052], one(4094), one(4174)],
    merkblattCase: 2,
  },
  { id: 'pn1', kind: 'pruefungsnachweis', ranges: [one(1)], merkblattCase: null },
  { id: 'pn2', kind: 'pruefungsnachweis', ranges: [one(2)], merkblattCase: null },
  { id: 'pn3', kind: 'pruefungsnachweis', ranges: [one(3)], merkblattCase: 3 },
  { id: 'pn4', kind: 'pruefungsnachweis', ranges: [one(4)], merkblattCase: 1 },
  { id: 'pn5', kind: 'pruefungsnachweis', ranges: [one(5)], merkblattCase: 3 },
  { id: 'pn6', kind: 'pruefungsnachweis', ranges: [one(6)], merkblattCase: 3 },
  { id: 'transportPin', kind: 'smcbHba', ranges: [], merkblattCase: null },
  { id: 'pinBlocked', kind: 'smcbHba', ranges: [], merkblattCase: null },
  { id: 'cardExpired', kind: 'smcbHba', ranges: [], merkblattCase: null },
  { id: 'g20Deadline', kind: 'smcbHba', ranges: [], merkblattCase: null },
];

/** Display form of the codes, e.g. "101–105, 108–112, 4001–4052, 4094, 4174". */
export function codesLabel(entry: SupportEntry): string {
  return entry.ranges.map(([a, b]) => (a === b ? String(a) : `${a}–${b}`)).join(', ');
}

/**
 * Entries matching a query: a number matches the entries whose codes include it (for Prüfungsnachweis
 * also "PN 3" / "Prüfungsnachweis 3"); other text is matched by the caller against the translated texts
 * (`textOf`), so German and English words both find their entry.
 */
export function searchSupportEntries(query: string, textOf: (entry: SupportEntry) => string): SupportEntry[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...SUPPORT_ENTRIES];
  const pn = /^(?:pn|prüfungsnachweis|pruefungsnachweis|result|ergebnis)\s*(\d+)$/.exec(q);
  const number = pn ? Number(pn[1]) : /^\d+$/.test(q) ? Number(q) : null;
  return SUPPORT_ENTRIES.filter((e) => {
    if (number !== null) {
      if (pn && e.kind !== 'pruefungsnachweis') return false;
      if (!pn && e.kind === 'pruefungsnachweis' && number > 6) return false;
      return e.ranges.some(([a, b]) => number >= a && number <= b);
    }
    return textOf(e).toLowerCase().includes(q) || codesLabel(e).includes(q);
  });
}
