// The one i18n table: every feature contributes a messages module; this merges them into one
// dictionary per language. Used by the UI (reactively, src/ui/i18n.tsx) and by the CLIs (plainly).
// Own 10-line template filling instead of @solid-primitives/i18n: its resolveTemplate passes values to
// String.replace as replacement strings, so an ID containing "$&" or "$1" (user input shown in reason
// sentences) would come out mangled; a replacer function keeps values verbatim (tested).
import * as app from './messages/app.ts';
import * as audit from './messages/audit.ts';
import * as tid from './messages/tid.ts';
import * as reader from './messages/reader.ts';
import * as card from './messages/card.ts';
import * as cert from './messages/cert.ts';
import * as kiosk from './messages/kiosk.ts';
import * as cli from './messages/cli.ts';

export const locales = ['de', 'en'] as const;
export type Locale = (typeof locales)[number];

const de = { ...app.de, ...audit.de, ...tid.de, ...reader.de, ...card.de, ...cert.de, ...kiosk.de, ...cli.de };
/** Every language has a text for every key of the German table (a missing English text fails here). */
export type Dictionary = Record<keyof typeof de, string>;
const en: Dictionary = { ...app.en, ...audit.en, ...tid.en, ...reader.en, ...card.en, ...cert.en, ...kiosk.en, ...cli.en };

export const dictionaries: Record<Locale, Dictionary> = { de, en };
export type MessageKey = keyof Dictionary;
export type MessageParams = Record<string, string | number>;
/** A text to show later, in whatever language is current then. */
export interface Message { key: MessageKey; params?: MessageParams }

/**
 * Fills `{{ name }}` placeholders. `{{ name | date }}` shows a day (ISO or JJJJMMTT) in the language's
 * form, `{{ name | number }}` groups a number: the table says what a value is, each language formats it.
 * Unknown placeholders stay visible so a missing parameter is noticed.
 */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = dictionaries[locale][key] ?? key;
  if (!params) return template;
  return template.replace(placeholder, (whole, name: string, format: string | undefined) => {
    if (!(name in params)) return whole;
    const value = params[name]!;
    if (format === 'date' && typeof value === 'string') return formatDate(locale, value);
    if (format === 'number' && typeof value === 'number') return formatNumber(locale, value);
    return String(value);
  });
}

/** `{{ name }}` or `{{ name | date }}` / `{{ name | number }}`. */
export const placeholder = /\{\{\s*(\w+)\s*(?:\|\s*(date|number)\s*)?\}\}/g;

// Code families: a feature's codes (warning codes, error codes, reason codes …) have their texts under one
// key prefix, e.g. `card.warning.<code>`. CodesOf<'card.warning.'> is the set of codes with a text, so a
// code type that is wider than it (a new code without a text) is refused by the type-check where the code
// is turned into text. This is the one way a code becomes a key; no call site casts.

/**
 * The codes that have a text under `prefix` (and before `suffix`), e.g. CodesOf<'card.light.'> =
 * 'expired' | 'soon' | …; CodesOf<'card.support.', '.cause'> = the support entries with a cause text.
 */
export type CodesOf<P extends string, S extends string = ''> =
  MessageKey extends infer K ? (K extends `${P}${infer C}${S}` ? C : never) : never;

/** The key of `code` in the family `prefix`…`suffix`; every possible value of `code` must have a text. */
export function codeKey<const P extends string, C extends CodesOf<P, S>, const S extends string = ''>(
  prefix: P, code: C, suffix?: S): MessageKey {
  // Sound by the constraint on C: `${P}${C}${S}` is a key for each member of C.
  return `${prefix}${code}${suffix ?? ''}` as MessageKey;
}

/** For codes from an open set (status words, numbers, codes from a file): the key if a text exists. */
export function knownCodeKey(prefix: string, code: string | number): MessageKey | null {
  const key = `${prefix}${code}`;
  return isMessageKey(key) ? key : null;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(de, key);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

import { formatDate, formatNumber } from './format.ts';
export { formatDate, formatDateTime, formatNumber, formatStamp, parseDay } from './format.ts';
