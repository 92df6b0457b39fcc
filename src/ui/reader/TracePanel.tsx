import { createSignal, For, Show, type JSX } from 'solid-js';
import { t } from '../i18n.tsx';
import { readerStore } from './reader-store.ts';
import { formatTrace, formatTraceLine } from './trace-format.ts';

const shown = 400;

/** The optional APDU/CCID trace: hex, direction, timing, and a copy button for tickets. */
export function TracePanel(): JSX.Element {
  const [copied, setCopied] = createSignal(false);
  // Card answers may hold personal data: hidden unless asked for, never remembered.
  const [showData, setShowData] = createSignal(false);
  const visible = () => readerStore.trace().slice(-shown);

  async function copy(): Promise<void> {
    const text = formatTrace(readerStore.trace(), `TI-Kartenprüfer trace, ${new Date().toISOString()}, ${navigator.userAgent}`, { showData: showData() });
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Clipboard API refused (permissions): fall back to a selected textarea + execCommand.
      const area = document.createElement('textarea');
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  }

  return (
    <details class="trace-panel" data-testid="trace-panel">
      <summary>{t('reader.trace.heading')} ({readerStore.trace().length})</summary>
      <div class="trace-actions">
        <button type="button" onClick={() => void copy()} data-testid="trace-copy">{t('reader.trace.copy')}</button>
        <button type="button" onClick={() => readerStore.clearTrace()}>{t('reader.trace.clear')}</button>
        <label class="trace-data-toggle">
          <input type="checkbox" checked={showData()} onChange={(e) => setShowData(e.currentTarget.checked)} data-testid="trace-show-data" />
          <span>{t('reader.trace.showData')}</span>
        </label>
        <Show when={copied()}><span role="status">{t('reader.trace.copied')}</span></Show>
      </div>
      <Show when={readerStore.trace().length > 0} fallback={<p>{t('reader.trace.empty')}</p>}>
        <ol class="trace-lines" data-testid="trace-lines">
          <For each={visible()}>{(e) => <li class={`trace-${e.direction}`}>{formatTraceLine(e, { showData: showData() })}</li>}</For>
        </ol>
      </Show>
    </details>
  );
}
