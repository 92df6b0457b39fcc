// The "Erase now" control: drops every page's in-memory results, files and card data of this session.
import { createSignal, onCleanup, type JSX } from 'solid-js';
import { t } from '../i18n.tsx';
import { eraseSessionData } from './session-data.ts';
import './privacy.css';

export function EraseButton(props: { class?: string }): JSX.Element {
  const [done, setDone] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const erase = () => {
    eraseSessionData('user');
    setDone(true);
    clearTimeout(timer);
    timer = setTimeout(() => setDone(false), 4000);
  };
  return (
    <span class={`erase-now ${props.class ?? ''}`}>
      <button type="button" class="erase-button" onClick={erase} title={t('privacy.eraseHint')}
        data-testid="erase-now">{t('privacy.erase')}</button>
      <span role="status" class="erase-status">{done() ? t('privacy.erased') : ''}</span>
    </span>
  );
}
