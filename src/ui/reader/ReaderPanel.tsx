// The reader panel: connect a USB reader (Chrome's chooser), PC/SC readers when the Web Smart Card
// API exists, the Demo reader with a choosable model and built-in or dropped card images, the live
// list of readers/slots/cards, the diagnosis when a reader cannot be used, and the trace.
import { createSignal, For, onMount, Show, type JSX } from 'solid-js';
import { t } from '../i18n.tsx';
import { codeKey, type MessageKey } from '../../i18n/index.ts';
import { readerStore, type ReaderView } from './reader-store.ts';
import {
  clearProblem, connectUsbReader, demoCards, demoInsertBuiltIn, demoInsertImage, demoReaderIds, demoRemoveCard, demoUnplug,
  plugDemoReader, problem, smartCardAvailable, startReaders,
} from './reader-controller.ts';
import { readerModels, defaultReaderModelId } from '../../transport/simulated/reader-models.ts';
import { CcidReader } from '../../transport/webusb-ccid/reader.ts';
import { defaultDemoCardId } from './demo-cards.ts';
import { TracePanel } from './TracePanel.tsx';
import './reader.css';

function levelKey(reader: ReaderView): MessageKey | undefined {
  const r = readerStore.reader(reader.id);
  if (!(r instanceof CcidReader)) return undefined;
  return r.level === 'tpdu' ? 'reader.level.tpdu' : r.level === 'short-apdu' ? 'reader.level.shortApdu' : r.level === 'extended-apdu' ? 'reader.level.extendedApdu' : undefined;
}

function Diagnosis(): JSX.Element {
  return (
    <Show when={problem()}>
      {(p) => (
        <div class="reader-diagnosis" role="alert" data-testid="reader-diagnosis" data-code={p().diagnosis?.code ?? p().error?.code}>
          <Show when={p().diagnosis} fallback={<p>{t(p().error ? codeKey('reader.error.', p().error!.code) : 'reader.error.unknown', { detail: p().error?.message ?? '' })}</p>}>
            {(d) => (
              <>
                <strong>{t(codeKey('reader.diag.', d().code, '.title'))}</strong>
                <p>{t(codeKey('reader.diag.', d().code, '.fix'), d().params)}</p>
              </>
            )}
          </Show>
          <button type="button" onClick={clearProblem}>OK</button>
        </div>
      )}
    </Show>
  );
}

function ReaderList(): JSX.Element {
  return (
    <Show when={readerStore.readers().length > 0} fallback={<p data-testid="no-reader">{t('reader.panel.none')}</p>}>
      <ul class="reader-list" data-testid="reader-list">
        <For each={readerStore.readers()}>
          {(reader) => (
            <li class="reader-item" data-testid="reader" data-reader-id={reader.id} data-model={reader.model}>
              <strong>{reader.name}</strong>
              <span class="reader-kind">{t(codeKey('reader.kind.', reader.kind))}{levelKey(reader) ? `, ${t(levelKey(reader)!)}` : ''}</span>
              <For each={reader.slots}>
                {(slot) => (
                  <div class="slot-line" data-testid="slot" data-slot-key={slot.key} data-card-present={String(slot.cardPresent)}>
                    <label>
                      <input type="radio" name="reader-slot" checked={readerStore.selectedSlot()?.key === slot.key}
                        onChange={() => readerStore.selectSlot(slot.key)} title={t('reader.slot.select')} />
                      {' '}{t('reader.slot', { index: slot.index + 1 })}
                    </label>
                    <span class={slot.cardPresent ? 'slot-present' : 'slot-empty'}>{slot.cardPresent ? t('reader.slot.card') : t('reader.slot.empty')}</span>
                  </div>
                )}
              </For>
              <Show when={demoReaderIds().includes(reader.id)}>
                <DemoSlotControls readerId={reader.id} cardPresent={reader.slots[0]?.cardPresent ?? false} />
              </Show>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

function DemoSlotControls(props: { readerId: string; cardPresent: boolean }): JSX.Element {
  const [card, setCard] = createSignal(defaultDemoCardId);
  return (
    <div class="demo-controls">
      <Show when={props.cardPresent} fallback={
        <>
          <select aria-label={t('reader.demo.card')} value={card()} onChange={(e) => setCard(e.currentTarget.value)}>
            <For each={demoCards}>{(c) => <option value={c.id}>{t(c.labelKey)}</option>}</For>
          </select>
          <button type="button" data-testid="demo-insert" onClick={() => void demoInsertBuiltIn(props.readerId, card())}>{t('reader.demo.insert')}</button>
        </>
      }>
        <button type="button" data-testid="demo-remove" onClick={() => demoRemoveCard(props.readerId)}>{t('reader.demo.remove')}</button>
      </Show>
      <button type="button" data-testid="demo-unplug" onClick={() => demoUnplug(props.readerId)}>{t('reader.demo.unplug')}</button>
    </div>
  );
}

function DemoReader(): JSX.Element {
  const [model, setModel] = createSignal(defaultReaderModelId);
  const [card, setCard] = createSignal<string>(defaultDemoCardId);
  const [dragOver, setDragOver] = createSignal(false);
  const [status, setStatus] = createSignal<{ ok: boolean; text: string } | undefined>();

  async function plug(): Promise<void> {
    try {
      await plugDemoReader(model(), card() || null);
    } catch (e) {
      setStatus({ ok: false, text: (e as Error).message });
    }
  }

  async function takeFile(file: File | undefined): Promise<void> {
    if (!file) return;
    try {
      const text = await file.text();
      const target = demoReaderIds().find((id) => readerStore.selectedSlot()?.readerId === id) ?? demoReaderIds()[0];
      await demoInsertImage(target, text);
      setStatus({ ok: true, text: t('reader.demo.dropLoaded', { name: file.name }) });
    } catch (e) {
      setStatus({ ok: false, text: t('reader.demo.dropFailed', { name: file.name, reason: (e as Error).message }) });
    }
  }

  return (
    <fieldset class="demo-reader">
      <legend>{t('reader.demo.heading')}</legend>
      <div class="demo-controls">
        <label>{t('reader.demo.model')}{' '}
          <select data-testid="demo-model" value={model()} onChange={(e) => setModel(e.currentTarget.value)}>
            <For each={readerModels}>{(m) => <option value={m.id}>{m.manufacturer} {m.product} ({m.id})</option>}</For>
          </select>
        </label>
        <label>{t('reader.demo.card')}{' '}
          <select data-testid="demo-card" value={card()} onChange={(e) => setCard(e.currentTarget.value)}>
            <option value="">{t('reader.demo.noCard')}</option>
            <For each={demoCards}>{(c) => <option value={c.id}>{t(c.labelKey)}</option>}</For>
          </select>
        </label>
        <button type="button" data-testid="demo-plug" onClick={() => void plug()}>{t('reader.demo.add')}</button>
      </div>
      <label class={`drop-zone${dragOver() ? ' drag-over' : ''}`} data-testid="card-image-drop"
        onDragOver={(e) => { e.preventDefault(); setDragOver(true); }}
        onDragLeave={() => setDragOver(false)}
        onDrop={(e) => { e.preventDefault(); setDragOver(false); void takeFile(e.dataTransfer?.files[0]); }}>
        {t('reader.demo.drop')}
        <input type="file" accept=".xml,text/xml,application/xml" data-testid="card-image-input" class="drop-input"
          onChange={(e) => { void takeFile(e.currentTarget.files?.[0]); e.currentTarget.value = ''; }} />
      </label>
      <Show when={status()}>{(s) => <p role={s().ok ? 'status' : 'alert'} data-testid="demo-status">{s().text}</p>}</Show>
    </fieldset>
  );
}

export function ReaderPanel(): JSX.Element {
  onMount(startReaders);
  return (
    <section class="reader-panel" aria-labelledby="reader-heading" data-testid="reader-panel">
      <h2 id="reader-heading">{t('reader.panel.heading')}</h2>
      <div class="reader-actions">
        <button type="button" data-testid="connect-usb" title={t('reader.connectUsb.hint')} onClick={() => void connectUsbReader()}>
          {t('reader.connectUsb')}
        </button>
        <Show when={smartCardAvailable()}><span data-testid="smartcard-api">{t('reader.smartCardApi')}</span></Show>
      </div>
      <Diagnosis />
      <ReaderList />
      <DemoReader />
      <TracePanel />
    </section>
  );
}
