// The reader panel: connect a USB reader (Chrome's chooser), PC/SC readers when the Web Smart Card
// API exists, the Demo reader with a choosable model and built-in or dropped card images, the live
// list of readers/slots/cards, the diagnosis when a reader cannot be used, and the trace.
import { createSignal, For, onMount, Show, type JSX } from 'solid-js';
import { t } from '../i18n.tsx';
import { codeKey, type MessageKey } from '../../i18n/index.ts';
import { readerStore, type ReaderView } from './reader-store.ts';
import {
  clearProblem, connectUsbReader, demoCards, demoInsertBuiltIn, demoInsertImage, demoInserted, demoReaderIds, demoRemoveCard, demoUnplug,
  plugDemoReader, problem, smartCardAvailable, startReaders,
} from './reader-controller.ts';
import { readerModels, defaultReaderModelId } from '../../transport/simulated/reader-models.ts';
import { CcidReader } from '../../transport/webusb-ccid/reader.ts';
import { cardImageErrorCode, defaultDemoCardId } from './demo-cards.ts';
import { TracePanel } from './TracePanel.tsx';
import { detectPlatform } from '../platform/isolation.ts';
import { readersWithQuirk } from '../../transport/reader-quirks.ts';
import './reader.css';

function levelKey(reader: ReaderView): MessageKey | undefined {
  const r = readerStore.reader(reader.id);
  if (!(r instanceof CcidReader)) return undefined;
  return r.level === 'tpdu' ? 'reader.level.tpdu'
    : r.level === 'short-apdu' ? 'reader.level.shortApdu'
      : r.level === 'extended-apdu' ? 'reader.level.extendedApdu' : undefined;
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
                <DemoSlotControls readerId={reader.id} />
              </Show>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

/** Per demo reader: the card select shows what the reader really holds; choosing another swaps it. */
function DemoSlotControls(props: { readerId: string }): JSX.Element {
  const held = () => demoInserted()[props.readerId];
  const value = () => { const h = held(); return !h ? '' : h.kind === 'builtIn' ? h.id : 'file'; };
  const choose = (id: string): void => {
    if (id === '') demoRemoveCard(props.readerId);
    else if (id !== 'file') void demoInsertBuiltIn(props.readerId, id);
  };
  return (
    <div class="demo-controls">
      <label>{t('reader.demo.holds')}{' '}
        <select data-testid="demo-slot-card" value={value()} onChange={(e) => choose(e.currentTarget.value)}>
          <option value="">{t('reader.demo.noCard')}</option>
          <For each={demoCards}>{(c) => <option value={c.id}>{t(c.labelKey)}</option>}</For>
          <Show when={held()?.kind === 'file'}>
            <option value="file" disabled>{t('reader.demo.heldFile', { name: (held() as { name: string }).name })}</option>
          </Show>
        </select>
      </label>
      <Show when={held()}>
        <button type="button" data-testid="demo-remove" onClick={() => demoRemoveCard(props.readerId)}>{t('reader.demo.remove')}</button>
      </Show>
      <button type="button" data-testid="demo-unplug" onClick={() => demoUnplug(props.readerId)}>{t('reader.demo.unplug')}</button>
    </div>
  );
}

type DropStatus =
  | { ok: true; text: string; readerId: string; fileName: string }
  | { ok: false; text: string };

function DemoReader(): JSX.Element {
  const [model, setModel] = createSignal(defaultReaderModelId);
  const [card, setCard] = createSignal<string>(defaultDemoCardId);
  const [dragOver, setDragOver] = createSignal(false);
  const [status, setStatus] = createSignal<DropStatus | undefined>();
  // "loaded and inserted" only while that very card is still in its reader.
  const shownStatus = () => {
    const s = status();
    if (!s || !s.ok) return s;
    const held = demoInserted()[s.readerId];
    return held?.kind === 'file' && held.name === s.fileName ? s : undefined;
  };

  async function plug(): Promise<void> {
    try {
      await plugDemoReader(model(), card() || null);
    } catch (e) {
      setStatus({ ok: false, text: (e as Error).message });
    }
  }

  async function takeFiles(files: readonly File[]): Promise<void> {
    const file = files[0];
    if (!file) return;
    const others = files.slice(1).map((f) => t('reader.demo.quoted', { name: f.name })).join(', ');
    const onlyFirst = others ? ` ${t('reader.demo.onlyFirst', { name: file.name, others })}` : '';
    const target = demoReaderIds().find((id) => readerStore.selectedSlot()?.readerId === id) ?? demoReaderIds()[0];
    try {
      const text = await file.text();
      const readerId = await demoInsertImage(target, text, file.name);
      const slot = readerStore.slots().find((s) => s.readerId === readerId);
      if (!slot) return;
      setStatus({ ok: true, readerId, fileName: file.name,
        text: t('reader.demo.dropLoaded', { name: file.name, reader: slot.readerName }) + onlyFirst });
    } catch (e) {
      const code = cardImageErrorCode(e);
      const reason = code ? t(codeKey('card.imageError.', code)) : t('reader.error.unknown', { detail: (e as Error).message });
      const emptied = target ? ` ${t('reader.demo.dropEmptied')}` : '';
      setStatus({ ok: false, text: t('reader.demo.dropFailed', { name: file.name, reason }) + emptied + onlyFirst });
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
        <label>{t('reader.demo.cardOnPlug')}{' '}
          <select data-testid="demo-card" value={card()} onChange={(e) => setCard(e.currentTarget.value)}>
            <option value="">{t('reader.demo.noCard')}</option>
            <For each={demoCards}>{(c) => <option value={c.id}>{t(c.labelKey)}</option>}</For>
          </select>
        </label>
        <button type="button" data-testid="demo-plug" onClick={() => void plug()}>{t('reader.demo.add')}</button>
      </div>
      <label class={`drop-zone${dragOver() ? ' drag-over' : ''}`} data-testid="card-image-drop" data-drop-zone=""
        onDragOver={(e) => { e.preventDefault(); setDragOver(true); }}
        onDragLeave={() => setDragOver(false)}
        onDrop={(e) => { e.preventDefault(); setDragOver(false); void takeFiles([...(e.dataTransfer?.files ?? [])]); }}>
        {t('reader.demo.drop')}
        <input type="file" accept=".xml,text/xml,application/xml" data-testid="card-image-input" class="drop-input"
          onChange={(e) => { void takeFiles([...(e.currentTarget.files ?? [])]); e.currentTarget.value = ''; }} />
      </label>
      <Show when={shownStatus()}>{(s) => (
        <p role={s().ok ? 'status' : 'alert'} class={s().ok ? 'demo-status' : 'demo-status demo-status-error'}
          data-testid="demo-status" data-ok={String(s().ok)}>{s().text}</p>
      )}</Show>
    </fieldset>
  );
}

/**
 * Beside "Connect reader": why a standard reader may not show up in this tab and what to do. Short, with
 * the details in a fold; nothing when this copy can reach every reader (IWA or Web Smart Card API).
 */
function ReachNote(): JSX.Element {
  const reach = detectPlatform().reach;
  const vendorClassReaders = readersWithQuirk('vendorClassCcid').map((r) => r.name).join(', ');
  return (
    <Show when={reach === 'vendor-class-only' || reach === 'demo-only'}>
      <div class="reach-note" data-testid="reach-note" data-reach={reach}>
        <p>{reach === 'demo-only' ? t('reader.reach.demoOnly') : t('reader.reach.short')}</p>
        <Show when={reach === 'vendor-class-only'}>
          <details data-testid="reach-details">
            <summary>{t('reader.reach.more')}</summary>
            <p>{t('reader.reach.why')}</p>
            <ul>
              <li>{t('reader.reach.iwa')}</li>
              <li>{t('reader.reach.vendorClass', { readers: vendorClassReaders })}</li>
              <li>{t('reader.reach.demo')}</li>
            </ul>
          </details>
        </Show>
      </div>
    </Show>
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
      <ReachNote />
      <Diagnosis />
      <ReaderList />
      <DemoReader />
      <TracePanel />
    </section>
  );
}
