import { createSignal, onCleanup, Show, type JSX } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { t, locale, setLocale } from './i18n.tsx';
import { locales, type MessageKey } from '../i18n/index.ts';
import { AuditPage } from './audit/AuditPage.tsx';
import { CardPage } from './card/CardPage.tsx';
import { CertPage } from './certs/CertPage.tsx';
import { AboutPage } from './about/AboutPage.tsx';
import { kioskFromUrl } from './kiosk/index.tsx';
import { EraseButton } from './privacy/EraseButton.tsx';
import { DropGuard } from './DropGuard.tsx';
import './app.css';

type Route = { path: string; label: MessageKey; page: () => JSX.Element };
export const routes: Route[] = [
  { path: 'audit', label: 'nav.audit', page: AuditPage },
  { path: 'card', label: 'nav.card', page: CardPage },
  { path: 'certs', label: 'nav.certs', page: CertPage },
  { path: 'about', label: 'nav.about', page: AboutPage },
];

function currentPath(): string {
  const hash = location.hash.replace(/^#\/?/, '');
  return hash.split('?')[0] || 'audit';
}

export function App(): JSX.Element {
  const kiosk = kioskFromUrl();
  if (kiosk) return kiosk;
  const [path, setPath] = createSignal(currentPath());
  const onHash = () => setPath(currentPath());
  window.addEventListener('hashchange', onHash);
  onCleanup(() => window.removeEventListener('hashchange', onHash));
  document.documentElement.lang = locale();
  const route = () => routes.find((r) => r.path === path());

  return (
    <div class="shell">
      <header class="shell-header">
        <h1 class="app-title">{t('app.title')}</h1>
        <nav aria-label={t('nav.main')}>
          <ul class="nav-list">
            {routes.map((r) => (
              <li>
                <a href={`#/${r.path}`} aria-current={path() === r.path ? 'page' : undefined}>{t(r.label)}</a>
              </li>
            ))}
          </ul>
        </nav>
        <label class="lang-switch">
          <span>{t('lang.label')}</span>
          <select value={locale()} onChange={(e) => setLocale(e.currentTarget.value as (typeof locales)[number])}>
            {locales.map((l) => <option value={l}>{t(`lang.${l}`)}</option>)}
          </select>
        </label>
        <EraseButton />
      </header>
      <DropGuard />
      <main id="main">
        <Show when={route()} fallback={<p role="alert">{t('page.notFound')}</p>}>
          {(r) => <Dynamic component={r().page} />}
        </Show>
      </main>
    </div>
  );
}
