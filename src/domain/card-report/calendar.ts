// Day arithmetic and look-ups over the TI calendar (calendar-data.ts). A verdict is asked for a day, not
// an instant: "as of 01.07.2026". Days are YYYY-MM-DD; the user's day is the local calendar day, and
// certificate dates are the UTC day of notAfter (what the certificate and openssl print).
import type { Generation } from '../../cards/types.ts';
import { TI_CALENDAR, type CalendarCardType, type CalendarRow } from './calendar-data.ts';

const DAY_MS = 86_400_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Is `s` a real calendar day in YYYY-MM-DD form (2026-02-30 is not)? */
export function isDay(s: string): boolean {
  const m = DAY_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** The local calendar day of an instant (the day the user sees on the wall calendar). */
export function localDay(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}`;
}

/** Noon (local) of a day: an instant every part of the app agrees lies on that day. */
export function instantOfDay(day: string): Date {
  const m = DAY_RE.exec(day);
  if (!m || !isDay(day)) throw new RangeError(`not a day: ${day}`);
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12);
}

const utcNumber = (day: string): number =>
  Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return utcNumber(to) - utcNumber(from);
}

export function addDays(day: string, n: number): string {
  return new Date((utcNumber(day) + n) * DAY_MS).toISOString().slice(0, 10);
}

export function addYears(day: string, years: number): string {
  const y = Number(day.slice(0, 4)) + years;
  const md = day.slice(5);
  // 29 February → 28 February in a year without it (never a day that does not exist).
  const candidate = `${y}-${md}`;
  return isDay(candidate) ? candidate : `${y}-02-28`;
}

/** The last day a certificate is valid on: the UTC day of its notAfter (a CV certificate's CXD is already a day). */
export function lastDayOf(notAfter: string): string {
  return notAfter.slice(0, 10);
}

export interface DayCount {
  /** First day it no longer works (lastDay + 1). */
  endsOn: string;
  /** Days from `at` to the last day: 0 on the last day ("only today"), negative once over (-1 on `endsOn`). */
  days: number;
  over: boolean;
}

/** How a last day stands on day `at`. */
export function countdown(lastDay: string, at: string): DayCount {
  const endsOn = addDays(lastDay, 1);
  const days = daysBetween(at, lastDay);
  return { endsOn, days, over: days < 0 };
}

/** The calendar row that ends (or ended, or leaves unknown) this card type's generation, if any. */
export function generationRow(cardType: string, generation: Generation | null): CalendarRow | null {
  if (!generation) return null;
  return TI_CALENDAR.find((r) => r.subject.kind === 'generation'
    && (r.subject.cardTypes as readonly string[]).includes(cardType as CalendarCardType)
    && r.subject.generations.includes(generation)) ?? null;
}

export function maxTermYears(): number {
  const row = TI_CALENDAR.find((r) => r.subject.kind === 'maxTerm');
  return row && row.subject.kind === 'maxTerm' ? row.subject.years : 5;
}

/** Row of a production root (by CN) or a cross-certificate (issuer → subject). */
export function rootRow(name: string): CalendarRow | null {
  return TI_CALENDAR.find((r) => r.subject.kind === 'root' && r.subject.name === name) ?? null;
}

export function crossRow(issuer: string, subject: string): CalendarRow | null {
  return TI_CALENDAR.find((r) => r.subject.kind === 'crossCertificate' && r.subject.issuer === issuer && r.subject.subject === subject) ?? null;
}
