// The TI calendar: every row's dates against an independent source — the production roots and
// cross-certificates against `openssl x509 -enddate`, the announced dates against their sources' wording —
// and each dated row's boundary: the day before, the day of and the day after its last day.
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  TI_CALENDAR, addDays, addYears, countdown, daysBetween, generationRow, instantOfDay, isDay, localDay, rootRow, crossRow,
} from '../../../src/domain/card-report/index.ts';

const rootsDir = resolve(__dirname, '../../fixtures/calendar/roots-prod');

/** Subject CN, issuer CN and notAfter of a PEM, as OpenSSL prints them. */
function openssl(file: string): { subject: string; issuer: string; notAfter: string } {
  const out = execFileSync('openssl', ['x509', '-in', file, '-noout', '-subject', '-issuer', '-enddate', '-nameopt', 'sep_multiline,sname'], { encoding: 'utf8' });
  const cn = (block: string) => new RegExp(`${block}=\\n(?:\\s+\\w+=.*\\n)*?\\s+CN=(.*)`).exec(out)![1]!.trim();
  const end = /notAfter=(.*)/.exec(out)![1]!.trim();
  // "Dec  7 08:41:56 2026 GMT" → ISO
  return { subject: cn('subject'), issuer: cn('issuer'), notAfter: new Date(end).toISOString().replace('.000', '') };
}

describe('TI calendar rows', () => {
  const pems = readdirSync(rootsDir).filter((f) => f.endsWith('.pem'));

  it('has a row for every production root and cross-certificate, with the notAfter OpenSSL reads', () => {
    expect(pems).toHaveLength(28);
    for (const f of pems) {
      const c = openssl(join(rootsDir, f));
      const row = c.subject === c.issuer ? rootRow(c.subject) : crossRow(c.issuer, c.subject);
      expect(row, f).not.toBeNull();
      expect(row!.notAfter, f).toBe(c.notAfter);
      expect(row!.lastDay, f).toBe(c.notAfter.slice(0, 10));
    }
    // …and no root/cross row without its certificate.
    expect(TI_CALENDAR.filter((r) => r.subject.kind === 'root' || r.subject.kind === 'crossCertificate')).toHaveLength(pems.length);
  });

  it('GEM.RCA2 and the cross-certificate it issued for GEM.RCA3 end on 2026-12-07 (trust.md)', () => {
    expect(rootRow('GEM.RCA2')?.lastDay).toBe('2026-12-07');
    expect(crossRow('GEM.RCA2', 'GEM.RCA3')?.lastDay).toBe('2026-12-07');
  });

  it('announced dates as their sources word them', () => {
    // "bis 30. Juni 2026 … ab dem 1. Juli 2026 … nur noch eHBA und SMC-B mit ECC"
    expect(generationRow('SMC-B', 'G2.0')).toMatchObject({ status: 'dated', lastDay: '2026-06-30' });
    expect(generationRow('HBA', 'G2.0')).toMatchObject({ status: 'dated', lastDay: '2026-06-30' });
    // "spätestens zum 31.12.2026 einzustellen"
    expect(generationRow('gSMC-KT', 'G2.0')).toMatchObject({ status: 'dated', lastDay: '2026-12-31' });
    // No source names an eGK G2.0 date: unknown, no invented date.
    expect(generationRow('eGK', 'G2.0')).toMatchObject({ status: 'unknown', lastDay: null });
    for (const type of ['SMC-B', 'HBA', 'eGK', 'gSMC-KT']) {
      expect(generationRow(type, 'G1')?.status).toBe('gone');
      expect(generationRow(type, 'G1+')?.status).toBe('gone');
      expect(generationRow(type, 'G2.1')).toBeNull();
    }
    expect(TI_CALENDAR.find((r) => r.id === 'maxTerm')?.subject).toEqual({ kind: 'maxTerm', years: 5 });
  });

  it('every row names a public source and has a unique id', () => {
    expect(new Set(TI_CALENDAR.map((r) => r.id)).size).toBe(TI_CALENDAR.length);
    for (const r of TI_CALENDAR) {
      expect(r.sources.length, r.id).toBeGreaterThan(0);
      for (const s of r.sources) expect(s.url, r.id).toMatch(/^https:\/\/[^/]+\.[a-z]+\//);
      if (r.status === 'dated') expect(isDay(r.lastDay ?? ''), r.id).toBe(true);
    }
  });

  it('each dated row: usable the day before and on its last day, over the day after', () => {
    const dated = TI_CALENDAR.filter((r) => r.status === 'dated');
    expect(dated.length).toBeGreaterThanOrEqual(30);
    for (const r of dated) {
      const last = r.lastDay!;
      expect(countdown(last, addDays(last, -1)), r.id).toMatchObject({ days: 1, over: false });
      expect(countdown(last, last), r.id).toMatchObject({ days: 0, over: false });
      expect(countdown(last, addDays(last, 1)), r.id).toMatchObject({ days: -1, over: true, endsOn: addDays(last, 1) });
    }
  });
});

describe('day arithmetic', () => {
  it('counts whole calendar days across month, year and leap-day boundaries', () => {
    // The example: from 05.12.2026 a card ending 31.12.2026 "funktioniert nur noch 26 Tage: ab 01.01.2027".
    expect(countdown('2026-12-31', '2026-12-05')).toEqual({ endsOn: '2027-01-01', days: 26, over: false });
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2027-02-28', '2027-03-01')).toBe(1);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addYears('2024-02-29', 5)).toBe('2029-02-28');
    expect(addYears('2025-04-29', 5)).toBe('2030-04-29');
  });
  it('accepts only real days', () => {
    expect(isDay('2026-07-01')).toBe(true);
    for (const bad of ['2026-02-30', '2026-13-01', '26-07-01', '2026-7-1', '', '2026-07-01T00:00']) expect(isDay(bad), bad).toBe(false);
    expect(() => instantOfDay('2026-02-30')).toThrow(RangeError);
  });
  it('an "as of" day maps to an instant on that same local day', () => {
    for (const d of ['2026-06-30', '2026-07-01', '2026-12-31', '2027-01-01']) expect(localDay(instantOfDay(d))).toBe(d);
  });
});
