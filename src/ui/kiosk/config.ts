// Kiosk settings come only from the URL (a kiosk keeps nothing, so there is nowhere else to keep them).
//   ?kiosk&lang=de&idle=60&cards=SMC-B,HBA&personal=1&reader=demo&desk=production|test&tsl=trust/TSL.xml
import { isLocale, type Locale } from '../../i18n/index.ts';
import type { CardType } from '../../cards/types.ts';

export const KIOSK_CARD_TYPES = ['SMC-B', 'HBA', 'eGK', 'gSMC-KT'] as const satisfies readonly CardType[];
export type KioskCardType = (typeof KIOSK_CARD_TYPES)[number];

export interface KioskConfig {
  lang: Locale | null;
  /** Seconds without input or card change before the kiosk returns to its start screen. */
  idleSeconds: number;
  /** Card types this desk checks; others get a short "not checked here". */
  allowedCards: readonly KioskCardType[];
  /** Show the insured person's data of an eGK (default: hidden). */
  showPersonalData: boolean;
  /** Attach the built-in demo reader (training desks, tests). */
  demoReader: boolean;
  /**
   * Production desk (default): gematik test cards are "not usable" here. Test desk (default with the demo
   * reader, whose cards are all test cards): test cards are expected.
   */
  desk: 'production' | 'test';
  /** A TSL the administrator deployed next to the app: a relative URL of the app's own origin, or null. */
  tslUrl: string | null;
  /** Parameters that were given but not understood, so the desk's admin can see the typo. */
  ignored: string[];
}

/** Only a plain relative path: no scheme, no `//host`, no backslashes (the page resolves it against its own origin). */
export function isRelativeTslUrl(value: string): boolean {
  return value.trim() !== '' && !/^[a-z][a-z0-9+.-]*:|^[/\\]{2}|\\/i.test(value.trim());
}

export const DEFAULT_IDLE_SECONDS = 60;
export const MIN_IDLE_SECONDS = 10;
export const MAX_IDLE_SECONDS = 3600;

export function isKioskUrl(search: string): boolean {
  return new URLSearchParams(search).has('kiosk');
}

const truthy = (v: string | null) => v === '' || v === '1' || v === 'true' || v === 'yes' || v === 'ja';

export function parseKioskConfig(search: string): KioskConfig {
  const params = new URLSearchParams(search);
  const ignored: string[] = [];

  const langParam = params.get('lang');
  const lang = isLocale(langParam) ? langParam : null;
  if (langParam !== null && !lang) ignored.push(`lang=${langParam}`);

  let idleSeconds = DEFAULT_IDLE_SECONDS;
  const idleParam = params.get('idle');
  if (idleParam !== null) {
    const n = /^\d+$/.test(idleParam.trim()) ? Number(idleParam.trim()) : NaN;
    if (Number.isFinite(n)) idleSeconds = Math.min(MAX_IDLE_SECONDS, Math.max(MIN_IDLE_SECONDS, n));
    else ignored.push(`idle=${idleParam}`);
  }

  let allowedCards: KioskCardType[] = [...KIOSK_CARD_TYPES];
  const cardsParam = params.get('cards');
  if (cardsParam !== null) {
    const wanted: KioskCardType[] = [];
    for (const raw of cardsParam.split(',').map((s) => s.trim()).filter(Boolean)) {
      const match = KIOSK_CARD_TYPES.find((c) => c.toLowerCase() === raw.toLowerCase());
      if (match) { if (!wanted.includes(match)) wanted.push(match); } else ignored.push(`cards=${raw}`);
    }
    // An empty or wholly unknown list must not lock the desk out: keep all and report the typo.
    if (wanted.length > 0) allowedCards = wanted;
  }

  const personalParam = params.get('personal');
  const readerParam = params.get('reader');
  if (readerParam !== null && readerParam !== 'demo') ignored.push(`reader=${readerParam}`);

  const deskParam = params.get('desk');
  if (deskParam !== null && deskParam !== 'production' && deskParam !== 'test') ignored.push(`desk=${deskParam}`);
  const desk = deskParam === 'production' || deskParam === 'test' ? deskParam : readerParam === 'demo' ? 'test' : 'production';

  const tslParam = params.get('tsl');
  const tslUrl = tslParam !== null && isRelativeTslUrl(tslParam) ? tslParam.trim() : null;
  if (tslParam !== null && !tslUrl) ignored.push(`tsl=${tslParam}`);

  return {
    lang,
    desk,
    tslUrl,
    idleSeconds,
    allowedCards,
    showPersonalData: personalParam !== null && truthy(personalParam),
    demoReader: readerParam === 'demo',
    ignored,
  };
}

/** Card types outside the kiosk's list (gSMC-K, unknown) are never "allowed"; the desk says so. */
export function isCardAllowed(config: KioskConfig, cardType: CardType): boolean {
  return (config.allowedCards as readonly CardType[]).includes(cardType);
}
