// The straightforward JavaScript validator the benchmark compares against, and the independent
// reference the property tests check the wasm core with: split into lines, one regular expression per
// formation rule (written by hand from seed 004), Set lookups for the code tables.
import { TABLES, type TableId } from '../../src/domain/telematik-id/rules-data.ts';
import type { Verdict } from '../../src/domain/telematik-id/types.ts';

const codes = Object.fromEntries(
  Object.entries(TABLES).map(([id, t]) => [id, new Set(t.entries.map((e) => e.code))]),
) as Record<TableId, Set<string>>;

function ikOk(ik: string): boolean {
  let sum = 0;
  for (let i = 2; i < 8; i++) {
    const p = Number(ik[i]) * (i % 2 === 0 ? 2 : 1);
    sum += Math.floor(p / 10) + (p % 10);
  }
  return sum % 10 === Number(ik[8]);
}

const RULES: [RegExp, (m: RegExpExecArray) => boolean][] = [
  [/^1-1(\d{3})\d+$/, (m) => codes.aek.has(m[1]!)],
  [/^1-20(\d{2})\d{7}$/, (m) => codes.kv.has(m[1]!)],
  [/^2-1\.(\d{2})\.1\.\d+\.\d+$/, (m) => codes.zaek.has(m[1]!)],
  [/^2-2\.(\d{2})\.2\.\d+\.\d+$/, (m) => codes.kzv.has(m[1]!)],
  [/^3-(\d{2})\.[23]\.\d+\.(\d{2})\.\d+$/, (m) => codes.ak.has(m[1]!) && codes.tsp.has(m[2]!)],
  [/^4-1(\d{3})01\d{8}$/, (m) => codes.ptk.has(m[1]!)],
  [/^5-2-(\d{9})(?:-\d{3})?$/, (m) => ikOk(m[1]!)],
  [/^8-(\d{2})-\d{10}$/, (m) => codes.ktrGroup.has(m[1]!)],
  [/^9-1\.(\d{2})\.\d{8}$/, (m) => codes.nkHba.has(m[1]!)],
  [/^9-2\.(\d{2,3})\.\d{8}$/, (m) => codes.nkSmcb.has(m[1]!)],
  [/^10-67\.(\d{3})\.[0-9.-]{8}$/, (m) => codes.egbrType.has(m[1]!)],
  [/^11-([12])\.(\d{2})\.[A-Za-z0-9]{8,15}$/, (m) => codes.hwk.has(m[2]!)],
];
const GENERAL = /^\d+-[A-Za-z0-9.-]+$/;

export function regexVerdict(id: string): Verdict {
  if (id.length > 128 || !GENERAL.test(id)) return 'invalid';
  for (const [re, check] of RULES) {
    const m = re.exec(id);
    if (m && check(m)) return 'valid';
  }
  return 'warning';
}

export interface RegexCounts { rows: number; valid: number; warning: number; invalid: number }

/** Whole-text validation the simple way: toString, split, regexes. */
export function regexValidateText(text: string): RegexCounts {
  const counts: RegexCounts = { rows: 0, valid: 0, warning: 0, invalid: 0 };
  for (const raw of text.split(/\r\n|\n|\r/)) {
    if (raw.trim() === '') continue;
    counts.rows++;
    counts[regexVerdict(raw)]++;
  }
  return counts;
}
