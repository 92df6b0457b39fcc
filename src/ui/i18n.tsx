import { createSignal } from 'solid-js';
import { translate, isLocale, type Locale, type MessageKey, type MessageParams } from '../i18n/index.ts';

// German is the default: the staff are German. `?lang=en` overrides at start.
function initialLocale(): Locale {
  const fromUrl = new URLSearchParams(globalThis.location?.search ?? '').get('lang');
  return isLocale(fromUrl) ? fromUrl : 'de';
}

const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale());
export { locale };

export function setLocale(next: Locale): void {
  setLocaleSignal(next);
  document.documentElement.lang = next;
}

/** Reactive translation: re-evaluates when the language changes. */
export function t(key: MessageKey, params?: MessageParams): string {
  return translate(locale(), key, params);
}
