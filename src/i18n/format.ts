// The one place that turns numbers and dates into text for people: UI, kiosk, print and CLI text output.
// German dates TT.MM.JJJJ, English dates in words ("1 April 1988"); numbers with the locale's grouping.
// Dates are calendar days as the card or certificate states them, so they are formatted in UTC (a
// certificate ending 2026-12-07T23:59:59Z ends on 07.12.2026 wherever the machine is).
import type { Locale } from './index.ts';

const numberLocale: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };

export function formatNumber(locale: Locale, value: number, maximumFractionDigits = 0): string {
  return value.toLocaleString(numberLocale[locale], { maximumFractionDigits });
}

// Forms met in card and certificate data: ISO day or instant, eGK's JJJJMMTT (birth dates, EF.StatusVD).
const isoDay = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;
const compactDay = /^(\d{4})(\d{2})(\d{2})(?:$|\d{6}$)/;

/** The calendar day of `value` (a Date, an ISO date/instant or JJJJMMTT), or null when it is none. */
export function parseDay(value: string | Date): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const m = isoDay.exec(value) ?? compactDay.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  // 20240231 is no day: refuse instead of rolling over into March.
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d ? day : null;
}

const dayFormat: Record<Locale, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};
const timeFormat: Record<Locale, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit' }),
  en: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }),
};

/** A calendar day for people. Text that is no date comes back unchanged (it is shown, never lost). */
export function formatDate(locale: Locale, value: string | Date): string {
  const day = parseDay(value);
  return day ? dayFormat[locale].format(day) : String(value);
}

/** Day and local clock time of a moment on this machine (e.g. when a check ran), for print views. */
export function formatDateTime(locale: Locale, moment: Date): string {
  const localDay = new Date(Date.UTC(moment.getFullYear(), moment.getMonth(), moment.getDate()));
  return `${dayFormat[locale].format(localDay)}, ${timeFormat[locale].format(moment)}`;
}

/** A wall-clock stamp as the card states it (ISO `JJJJ-MM-TTThh:mm[:ss]`, no zone): day and hh:mm, unconverted. */
export function formatStamp(locale: Locale, stamp: string): string {
  const time = /T(\d{2}):(\d{2})/.exec(stamp);
  const day = formatDate(locale, stamp);
  return time && day !== stamp ? `${day}, ${time[1]}:${time[2]}` : day;
}
