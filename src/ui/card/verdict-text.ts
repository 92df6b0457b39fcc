// Card verdict → sentences (banner, kiosk, ti-card): the reason and its action in one sentence, dates
// as TT.MM.JJJJ in German and spelled out in English. Plain functions over a translator (testable).
import type { Locale, MessageKey, MessageParams } from '../../i18n/index.ts';
import { isDay, type CardVerdict, type VerdictReason } from '../../domain/card-report/index.ts';

export type Translator = (key: MessageKey, params?: MessageParams) => string;

const key = (k: string): MessageKey => k as MessageKey;
const DATE_PARAMS = new Set(['date', 'endsOn', 'lastDay']);

// Until src/i18n has its one date helper (TT.MM.JJJJ): a day (YYYY-MM-DD) in the user's language.
const formats: Record<Locale, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};
export function formatDay(day: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return m ? formats[locale].format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))) : day;
}

/** A day as typed into a field: TT.MM.JJJJ in German, YYYY-MM-DD in English. */
export function fieldDay(day: string, locale: Locale): string {
  return locale === 'de' ? formatDay(day, 'de') : day;
}

/** A typed day back to YYYY-MM-DD: TT.MM.JJJJ in German, or ISO in either language; undefined when it is no real day. */
export function parseDay(text: string): string | undefined {
  const de = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const day = de ? `${de[3]}-${de[2]!.padStart(2, '0')}-${de[1]!.padStart(2, '0')}` : iso ? text : null;
  if (!day) return undefined;
  return isDay(day) ? day : undefined;
}

export function daysText(days: number, tr: Translator): string {
  if (days <= 0) return tr('card.days.today');
  return days === 1 ? tr('card.days.one') : tr('card.days.n', { days });
}

/** "<reason>. <action>" — the one sentence the banner and the kiosk show. */
export function reasonSentence(r: VerdictReason, tr: Translator, locale: Locale): string {
  const params: MessageParams = {};
  for (const [name, value] of Object.entries(r.params)) params[name] = DATE_PARAMS.has(name) ? formatDay(value, locale) : value;
  if (r.params['days'] !== undefined) params['daysText'] = daysText(Number(r.params['days']), tr);
  if (r.params['check'] !== undefined) params['checkText'] = tr(key(`card.check.${r.params['check']}`));
  const reason = tr(key(`card.reason.${r.code}`), params);
  const action = r.action === 'none' ? '' : tr(key(`card.action.${r.action}`));
  return action ? `${reason}. ${action}` : `${reason}.`;
}

export function verdictHeadline(v: CardVerdict, tr: Translator): string {
  return tr(key(`card.banner.${v.level}`));
}

/** "Usable until: 30.06.2026 (end of generation G2.0 …)" or "No longer usable since: 01.07.2026 (…)"; null when no date was read. */
export function usableUntilText(v: CardVerdict, tr: Translator, locale: Locale): { label: string; text: string; over: boolean } | null {
  const u = v.usableUntil;
  if (!u) return null;
  const generation = v.reasons.find((r) => r.params['generation'])?.params['generation'] ?? '';
  const by = tr(key(`card.banner.by.${u.by}`), { file: u.file ?? '', generation });
  const over = u.days < 0;
  return {
    label: tr(over ? 'card.banner.endedOn' : 'card.banner.usableUntil'),
    text: `${formatDay(over ? u.endsOn : u.lastDay, locale)} (${by})`,
    over,
  };
}
