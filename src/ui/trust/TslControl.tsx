// "TSL vom … geladen · entfernen", or which anchors are used without one; a refused TSL said plainly.
// Shown wherever trust verdicts are (certificate page, card page, kiosk).
import { Show, onMount, type JSX } from 'solid-js';
import './trust.css';
import { t, locale } from '../i18n.tsx';
import { codeKey, formatDate } from '../../i18n/index.ts';
import { tsl, tslRefusal, pageTrust, removeTsl, loadTsl } from './trust-service.ts';

export function TslControl(props: { pick?: boolean }): JSX.Element {
  onMount(() => { void pageTrust(); });
  return (
    <div class="tsl-control" data-testid="tsl-control"
      onDragOver={(e) => { e.preventDefault(); e.stopPropagation(); }}
      onDrop={async (e) => {
        e.preventDefault();
        e.stopPropagation();
        const f = e.dataTransfer?.files[0];
        if (f) await loadTsl(await f.text());
      }}>
      <Show when={tsl()} fallback={<span data-testid="tsl-none">{t('cert.trust.tsl.none')}</span>}>{(current) => (
        <span data-testid="tsl-loaded" classList={{ 'tsl-outdated': current().outdated }}>
          {t('cert.trust.tsl.loadedShort', { date: current().issued ? formatDate(locale(), current().issued!.slice(0, 10)) : '?', seq: current().sequenceNumber ?? '?',
            env: current().environment ? t(codeKey('cert.trust.env.', current().environment!)) : '?' })}
          <Show when={current().outdated}> · {t('cert.trust.tsl.outdated', { date: current().nextUpdate?.slice(0, 10) ?? '?' })}</Show>
          {' · '}<button type="button" class="link-button" data-testid="tsl-remove" onClick={() => void removeTsl()}>{t('cert.trust.tsl.remove')}</button>
        </span>
      )}</Show>
      <Show when={props.pick !== false}>
        {' '}<label class="button tsl-pick">{t('cert.trust.tsl.pick')}
          <input type="file" accept=".xml,application/xml,text/xml" class="visually-hidden" data-testid="tsl-file"
            onChange={async (e) => { const f = e.currentTarget.files?.[0]; e.currentTarget.value = ''; if (f) await loadTsl(await f.text()); }} />
        </label>
      </Show>
      <Show when={tslRefusal()}>{(r) => (
        <p class="tsl-refused" role="alert" data-testid="tsl-refused" data-code={r().error}>
          {t(codeKey('cert.trust.tslError.', r().error))}{tsl() ? ` ${t('cert.trust.tsl.unchanged')}` : ''}
        </p>
      )}</Show>
    </div>
  );
}
