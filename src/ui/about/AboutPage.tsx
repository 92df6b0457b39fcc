import type { JSX } from 'solid-js';
import { t } from '../i18n.tsx';
import { PlatformStatusNote } from '../platform/PlatformStatus.tsx';

declare const __APP_VERSION__: string;

export function AboutPage(): JSX.Element {
  return (
    <section aria-labelledby="about-heading">
      <h2 id="about-heading">{t('about.heading')}</h2>
      <p>{t('app.tagline')}</p>
      <p data-testid="app-version">{t('about.version', { version: __APP_VERSION__ })}</p>
      <p data-testid="privacy-statement">{t('about.privacy')}</p>
      <p>{t('about.readOnly')}</p>
      <PlatformStatusNote />
      <p>{t('about.sources')}</p>
    </section>
  );
}
