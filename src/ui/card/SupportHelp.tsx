import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { t } from '../i18n.tsx';
import { codesLabel, searchSupportEntries, type SupportEntry } from '../../domain/card-report/support-codes.ts';
import { codeKey } from '../../i18n/index.ts';

/** Searchable Merkblatt error codes and Prüfungsnachweis results (seed 002). */
export function SupportHelp(): JSX.Element {
  const [query, setQuery] = createSignal('');
  const textOf = (e: SupportEntry): string => `${t(codeKey('card.support.', e.id, '.cause'))} ${t(codeKey('card.support.', e.id, '.action'))}`;
  const hits = createMemo(() => searchSupportEntries(query(), textOf));
  return (
    <section class="card-support no-print" aria-labelledby="support-heading">
      <h3 id="support-heading">{t('card.support.heading')}</h3>
      <input type="search" placeholder={t('card.support.search')} aria-label={t('card.support.search')} value={query()}
        onInput={(e) => setQuery(e.currentTarget.value)} data-testid="support-search" />
      <Show when={hits().length > 0} fallback={<p>{t('card.support.none')}</p>}>
        <ul class="support-list" data-testid="support-results"><For each={hits()}>{(e) => (
          <li data-entry={e.id}>
            <strong>{t(codeKey('card.support.kind.', e.kind))} {codesLabel(e)}</strong>
            <p>{t('card.support.cause')}: {t(codeKey('card.support.', e.id, '.cause'))}</p>
            <p>{t('card.support.action')}: {t(codeKey('card.support.', e.id, '.action'))}</p>
          </li>
        )}</For></ul>
      </Show>
    </section>
  );
}
