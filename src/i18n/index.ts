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
type Dictionary = Record<keyof typeof de, string>;
const en: Dictionary = { ...app.en, ...audit.en, ...tid.en, ...reader.en, ...card.en, ...cert.en, ...kiosk.en, ...cli.en };

export const dictionaries: Record<Locale, Dictionary> = { de, en };
export type MessageKey = keyof Dictionary;
export type MessageParams = Record<string, string | number>;

/** Fills `{{ name }}` placeholders. Unknown placeholders stay visible so a missing parameter is noticed. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = dictionaries[locale][key] ?? key;
  if (!params) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}
