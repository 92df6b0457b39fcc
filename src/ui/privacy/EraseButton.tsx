// The "Erase now" control: drops every page's in-memory results, files and card data of this session.
// Erasing cannot be undone (the data is gone, on purpose), so it asks first. The question and the
// "erased" note float below the button and never move the header.
import { createSignal, onCleanup, Show, type JSX } from 'solid-js';
import { t } from '../i18n.tsx';
import { eraseSessionData } from './session-data.ts';
import './privacy.css';

export function EraseButton(props: { class?: string }): JSX.Element {
  const [asking, setAsking] = createSignal(false);
  const [done, setDone] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let button: HTMLButtonElement | undefined;
  let confirmButton: HTMLButtonElement | undefined;
  onCleanup(() => clearTimeout(timer));
  const ask = () => {
    setDone(false);
    setAsking(true);
    queueMicrotask(() => confirmButton?.focus());
  };
  const cancel = () => { setAsking(false); button?.focus(); };
  const erase = () => {
    setAsking(false);
    eraseSessionData('user');
    setDone(true);
    button?.focus();
    clearTimeout(timer);
    timer = setTimeout(() => setDone(false), 4000);
  };
  return (
    <span class={`erase-now ${props.class ?? ''}`}>
      <button type="button" class="erase-button" ref={button} onClick={() => (asking() ? cancel() : ask())} title={t('privacy.eraseHint')}
        aria-expanded={asking()} data-testid="erase-now">{t('privacy.erase')}</button>
      <Show when={asking()}>
        <span class="erase-popover" role="alertdialog" aria-labelledby="erase-question" data-testid="erase-confirm-box"
          onKeyDown={(e) => { if (e.key === 'Escape') cancel(); }}>
          <span id="erase-question">{t('privacy.eraseConfirm')}</span>
          <span class="erase-popover-actions">
            <button type="button" class="erase-button" ref={confirmButton} onClick={erase} data-testid="erase-confirm">{t('privacy.eraseYes')}</button>
            <button type="button" onClick={cancel} data-testid="erase-cancel">{t('privacy.eraseNo')}</button>
          </span>
        </span>
      </Show>
      <span role="status" class="erase-status erase-popover">{done() ? t('privacy.erased') : ''}</span>
    </span>
  );
}
