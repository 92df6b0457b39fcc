// Card verdict → sentences (banner, kiosk, ti-card): the reason and its action in one sentence, dates
// as TT.MM.JJJJ in German and spelled out in English. Plain functions over a translator (testable).
import { codeKey, formatDate, knownCodeKey, type Locale, type MessageParams } from '../../i18n/index.ts';
import { isDay } from './calendar.ts';
import type { CardVerdict, VerdictReason } from './verdict.ts';
import type { Translator } from './report-text.ts';

const DATE_PARAMS = new Set(['date', 'endsOn', 'lastDay']);

/** A day (YYYY-MM-DD) in the user's language: the one date helper of src/i18n. */
export function formatDay(day: string, locale: Locale): string {
  return formatDate(locale, day);
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
  const check = r.params['check'] !== undefined ? knownCodeKey('card.check.', r.params['check']) : null;
  if (check) params['checkText'] = tr(check);
  const reason = tr(codeKey('card.reason.', r.code), params);
  const action = r.action === 'none' ? '' : tr(codeKey('card.action.', r.action));
  return action ? `${reason}. ${action}` : `${reason}.`;
}

export function verdictHeadline(v: CardVerdict, tr: Translator): string {
  return tr(codeKey('card.banner.', v.level));
}

/** "Usable until: 30.06.2026 (end of generation G2.0 …)" or "No longer usable since: 01.07.2026 (…)"; null when no date was read. */
export function usableUntilText(v: CardVerdict, tr: Translator, locale: Locale): { label: string; text: string; over: boolean } | null {
  const u = v.usableUntil;
  if (!u) return null;
  const generation = v.reasons.find((r) => r.params['generation'])?.params['generation'] ?? '';
  const by = tr(codeKey('card.banner.by.', u.by), { file: u.file ?? '', generation });
  const over = u.days < 0;
  return {
    label: tr(over ? 'card.banner.endedOn' : 'card.banner.usableUntil'),
    text: `${formatDay(over ? u.endsOn : u.lastDay, locale)} (${by})`,
    over,
  };
}
