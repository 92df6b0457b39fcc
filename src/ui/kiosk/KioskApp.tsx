// Help-desk kiosk (`?kiosk`): one full-screen view that shows a card's status when it is inserted and
// returns to its start screen when the card is pulled or nobody touched it for `idle` seconds.
// It keeps nothing: every return to the start screen erases the session (src/ui/privacy), and there is
// no link, history entry or drop target that leads away from it.
import { createMemo, createSignal, For, Match, onCleanup, onMount, Show, Switch, type JSX } from 'solid-js';
import { t, setLocale, locale } from '../i18n.tsx';
import { readerStore, readerErrorMessage, type SlotLink } from '../reader/reader-store.ts';
import { startReaders, connectUsbReader, usbAvailable, plugDemoReader, demoCards, demoInsertBuiltIn, demoRemoveCard } from '../reader/reader-controller.ts';
import { pinActionText, pinPurpose, pinStatusText, telematikIdReason, warningText, cardVerdict, reportForExport, warningsBeyondVerdict, type CardReport, type CardVerdict } from '../../domain/card-report/index.ts';
import { VerdictBanner } from '../card/VerdictBanner.tsx';
import { TslControl } from '../trust/TslControl.tsx';
import { kioskTrustStore } from '../trust/trust-service.ts';
import { withTrust } from '../../domain/card-report/index.ts';
import { readCardSession } from '../../domain/card-session/index.ts';
import type { CardType } from '../../cards/types.ts';
import { codeKey, formatDate } from '../../i18n/index.ts';
import { eraseSessionData, onErase, type EraseReason } from '../privacy/session-data.ts';
import { PlatformStatusNote } from '../platform/PlatformStatus.tsx';
import { isCardAllowed, type KioskConfig } from './config.ts';
import { createIdleTimer } from './idle.ts';
import { summarize, type KioskSummary } from './kiosk-summary.ts';
import './kiosk.css';

type KioskState =
  | { screen: 'start' }
  | { screen: 'reading'; slotKey: string }
  | { screen: 'result'; slotKey: string; summary: KioskSummary; report: CardReport; verdict: CardVerdict }
  | { screen: 'not-allowed'; slotKey: string; cardType: CardType }
  | { screen: 'error'; slotKey: string; message: string };

export interface KioskProps {
  config: KioskConfig;
}


export function KioskApp(props: KioskProps): JSX.Element {
  const config = props.config;
  if (config.lang) setLocale(config.lang);
  const [state, setState] = createSignal<KioskState>({ screen: 'start' });
  const [secondsLeft, setSecondsLeft] = createSignal(config.idleSeconds);
  let session: SlotLink | undefined;
  let readToken = 0;

  const backToStart = (reason: EraseReason) => {
    readToken++;
    const old = session;
    session = undefined;
    void old?.disconnect().catch(() => {});
    eraseSessionData(reason);
    setState({ screen: 'start' });
  };
  onErase(() => { readToken++; setState({ screen: 'start' }); });

  // The page's trust store, with the administrator's TSL (kiosk `tsl=`) loaded once before the first read.
  const kioskTrust = () => kioskTrustStore(config.tslUrl);

  async function read(slotKey: string) {
    const token = ++readToken;
    setState({ screen: 'reading', slotKey });
    try {
      const s = await readerStore.connect(slotKey);
      if (token !== readToken) { void s.disconnect().catch(() => {}); return; }
      session = s;
      const { report } = await readCardSession(s, { trust: await kioskTrust() });
      if (token !== readToken) return;
      if (!isCardAllowed(config, report.cardType)) {
        setState({ screen: 'not-allowed', slotKey, cardType: report.cardType });
        return;
      }
      setState({
        screen: 'result', slotKey, summary: summarize(report, { showPersonalData: config.showPersonalData }),
        report: reportForExport(report, { includePersonalData: config.showPersonalData }),
        verdict: cardVerdict(report, { desk: config.desk, ...withTrust(report.trust) }),
      });
    } catch (error) {
      if (token !== readToken) return;
      const m = readerErrorMessage(error);
      setState({ screen: 'error', slotKey, message: t(m.key, m.params) });
    }
  }

  const cardPresent = () => readerStore.slots().some((s) => s.cardPresent);

  const [demoReaderId, setDemoReaderId] = createSignal<string | undefined>();

  onMount(() => {
    document.documentElement.classList.add('kiosk');
    // Remembered USB readers, hot-plug and PC/SC readers; a training desk gets the demo reader.
    startReaders();
    // '' = no card: the desk starts empty (undefined would insert the default card).
    if (config.demoReader) void plugDemoReader(undefined, null).then(setDemoReaderId);
    const offInserted = readerStore.onCardInserted((key) => { timer.poke(); void read(key); });
    const offRemoved = readerStore.onCardRemoved((key) => {
      const s = state();
      if (s.screen !== 'start' && s.slotKey === key) backToStart('card-removed');
    });
    const timer = createIdleTimer(config.idleSeconds, () => {
      if (state().screen !== 'start') backToStart('idle');
    }, { target: window, onTick: setSecondsLeft });

    // No way out: swallow history navigation, hash changes, dropped files and the context menu.
    history.pushState({ kiosk: true }, '', location.href);
    const onPopState = () => history.pushState({ kiosk: true }, '', location.href);
    const onHash = () => { if (location.hash) history.replaceState({ kiosk: true }, '', location.pathname + location.search); };
    const block = (e: Event) => e.preventDefault();
    const onClick = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest?.('a[href]');
      if (link) e.preventDefault();
    };
    const goFullscreen = () => {
      if (!document.fullscreenElement && document.fullscreenEnabled) void document.documentElement.requestFullscreen().catch(() => {});
    };
    window.addEventListener('popstate', onPopState);
    window.addEventListener('hashchange', onHash);
    window.addEventListener('dragover', block);
    window.addEventListener('drop', block);
    window.addEventListener('contextmenu', block);
    document.addEventListener('click', onClick, true);
    window.addEventListener('pointerdown', goFullscreen, { once: true });
    onHash();

    // A card already in the reader when the kiosk starts is read at once.
    const present = readerStore.slots().find((s) => s.cardPresent);
    if (present) void read(present.key);

    onCleanup(() => {
      offInserted(); offRemoved(); timer.stop();
      window.removeEventListener('popstate', onPopState);
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('dragover', block);
      window.removeEventListener('drop', block);
      window.removeEventListener('contextmenu', block);
      document.removeEventListener('click', onClick, true);
      window.removeEventListener('pointerdown', goFullscreen);
      document.documentElement.classList.remove('kiosk');
      void session?.disconnect().catch(() => {});
    });
  });

  return (
    <div class="kiosk-shell" data-testid="kiosk" data-screen={state().screen}>
      <header class="kiosk-header">
        <h1>{t('kiosk.title')}</h1>
        <Show when={state().screen !== 'start'}>
          <p class="kiosk-countdown" aria-live="off">{t('kiosk.idle', { seconds: secondsLeft() })}</p>
        </Show>
      </header>
      <main id="main" class="kiosk-main" aria-live="polite">
        <Switch>
          <Match when={state().screen === 'start'}>
            <section class="kiosk-start" aria-labelledby="kiosk-insert">
              <div class="kiosk-card-icon" aria-hidden="true" />
              <h2 id="kiosk-insert">{cardPresent() ? t('kiosk.done') : t('kiosk.insert')}</h2>
              <p>{t('kiosk.insertHint')}</p>
              <Show when={cardPresent()}>
                <button type="button" class="kiosk-button" onClick={() => {
                  const slot = readerStore.slots().find((s) => s.cardPresent);
                  if (slot) void read(slot.key);
                }}>{t('kiosk.readAgain')}</button>
              </Show>
              <Show when={readerStore.readers().length === 0}>
                <p class="kiosk-note" data-testid="kiosk-no-reader">{t('kiosk.noReader')}</p>
                <Show when={usbAvailable()}>
                  <button type="button" class="kiosk-button" onClick={() => void connectUsbReader()}>{t('kiosk.connectReader')}</button>
                </Show>
              </Show>
            </section>
          </Match>
          <Match when={state().screen === 'reading'}>
            <section class="kiosk-reading" role="status">
              <div class="kiosk-spinner" aria-hidden="true" />
              <h2>{t('kiosk.reading')}</h2>
            </section>
          </Match>
          <Match when={(() => { const s = state(); return s.screen === 'result' ? s : undefined; })()}>
            {(result) => (
              <div class="kiosk-result-wrap">
                <VerdictBanner report={result().report} verdict={result().verdict} facts={false} />
                <KioskResult summary={result().summary} verdict={result().verdict} />
              </div>
            )}
          </Match>
          <Match when={(() => { const s = state(); return s.screen === 'not-allowed' ? s.cardType : undefined; })()}>
            {(cardType) => (
              <section class="kiosk-message" data-testid="kiosk-not-allowed">
                <h2>{t('kiosk.notAllowed', { type: cardType() })}</h2>
                <p>{t('kiosk.done')}</p>
              </section>
            )}
          </Match>
          <Match when={(() => { const s = state(); return s.screen === 'error' ? s.message : undefined; })()}>
            {(message) => (
              <section class="kiosk-message kiosk-error" role="alert" data-testid="kiosk-error">
                <h2>{t('kiosk.error', { message: message() })}</h2>
              </section>
            )}
          </Match>
        </Switch>
      </main>
      <footer class="kiosk-footer">
        <Show when={state().screen !== 'start'}>
          <button type="button" class="kiosk-button kiosk-reset" data-testid="kiosk-reset" onClick={() => backToStart('kiosk-reset')}>{t('kiosk.reset')}</button>
        </Show>
        <Show when={demoReaderId()}>{(id) => (
          <div class="kiosk-demo" role="group" aria-label={t('kiosk.demo')} data-testid="kiosk-demo">
            <span>{t('kiosk.demo')}:</span>
            <For each={demoCards}>{(card) => (
              <button type="button" class="kiosk-button kiosk-demo-card" data-card={card.id}
                onClick={() => void demoInsertBuiltIn(id(), card.id)}>{t(card.labelKey)}</button>
            )}</For>
            {/* Pulling a card only makes sense while the demo reader holds one. */}
            <Show when={readerStore.slots().some((s) => s.readerId === id() && s.cardPresent)}>
              <button type="button" class="kiosk-button kiosk-reset" data-testid="kiosk-demo-remove" onClick={() => demoRemoveCard(id())}>{t('kiosk.demoRemove')}</button>
            </Show>
          </div>
        )}</Show>
        {/* For IT, not for front-desk staff: folded away. */}
        <details class="kiosk-tech" data-testid="kiosk-tech">
          <summary>{t('kiosk.tech')}</summary>
          <PlatformStatusNote />
          {/* The administrator's TSL (tsl=): which one is in use, for IT; front-desk staff see the verdict. */}
          <TslControl pick={false} />
          <Show when={config.ignored.length > 0}>
            <p class="kiosk-note">{t('kiosk.configIgnored', { list: config.ignored.join(', ') })}</p>
          </Show>
        </details>
      </footer>
    </div>
  );
}


// The result is plain facts; whether the card can be used (and its colour) is the card verdict's job
// (one banner for card page and kiosk), so nothing here colours the card as a whole.
function KioskResult(props: { summary: KioskSummary; verdict: CardVerdict }): JSX.Element {
  const s = () => props.summary;
  // The banner above states the verdict's reasons; this list keeps what it does not say.
  const warnings = createMemo(() => warningsBeyondVerdict(s().warnings, props.verdict));
  return (
    <section class="kiosk-result" data-testid="kiosk-result" data-card-type={s().cardType} aria-labelledby="kiosk-result-heading">
      <h2 id="kiosk-result-heading" class="kiosk-result-heading" aria-label={`${t('kiosk.cardType')}: ${s().cardType}, ${t('kiosk.generation')}: ${s().generation ?? '–'}`}>
        <span data-testid="kiosk-card-type">{s().cardType}</span> <span data-testid="kiosk-generation">{s().generation ?? ''}</span>
      </h2>
      <div class="kiosk-result-facts">
      <dl class="kiosk-facts">
        <Show when={s().expiry}>{(e) => <>
          <dt>{t('kiosk.expiry')}</dt>
          <dd data-testid="kiosk-expiry" class={`kiosk-expiry-${e().level}`}>
            {formatDate(locale(), e().date)} ({e().level === 'expired' ? t('kiosk.expired') : t('kiosk.daysLeft', { days: e().daysLeft })})
          </dd>
        </>}</Show>
        <Show when={s().holder}>{(h) => <><dt>{t('kiosk.holder')}</dt><dd data-testid="kiosk-holder">{h()}</dd></>}</Show>
        <Show when={s().telematikId}>{(tid) => <>
          <dt>{t('kiosk.telematikId')}</dt>
          <dd data-testid="kiosk-telematik-id">{tid().id}{' '}
            <Show when={tid().verdict}>{(v) => <span class="kiosk-verdict">{t('kiosk.verdict', { verdict: t(codeKey('tid.verdict.', v())) })}</span>}</Show>
            <Show when={telematikIdReason(tid().result, locale())}>{(reason) => <span class="kiosk-tid-reason" data-testid="kiosk-telematik-id-reason">{reason()}</span>}</Show>
          </dd>
        </>}</Show>
        <Show when={s().insured}>{(p) => <>
          <dt>{t('card.egk.name')}</dt><dd data-testid="kiosk-insured-name">{p().name}</dd>
          <Show when={p().birthDate}><dt>{t('card.egk.birthDate')}</dt><dd>{formatDate(locale(), p().birthDate ?? '')}</dd></Show>
          <Show when={p().insurantId}><dt>{t('card.egk.insurantId')}</dt><dd>{p().insurantId}</dd></Show>
          <Show when={p().costBearer}><dt>{t('card.egk.costBearer')}</dt><dd>{p().costBearer}</dd></Show>
        </>}</Show>
        <Show when={s().iccsn}>{(n) => <><dt>{t('kiosk.iccsn')}</dt><dd data-testid="kiosk-iccsn">{n()}</dd></>}</Show>
      </dl>
      <Show when={warnings().length > 0}>
        <ul class="kiosk-warnings" aria-label={t('kiosk.warnings')} data-testid="kiosk-warnings">
          <For each={warnings()}>{(w) => (
            <li class={`kiosk-warning-${w.severity}`} data-code={w.code}>{warningText(w, t)}</li>
          )}</For>
        </ul>
      </Show>
      <Show when={s().personalDataHidden}>
        <p class="kiosk-note" data-testid="kiosk-personal-hidden">{t('kiosk.personalHidden')}</p>
      </Show>
      </div>
      <div class="kiosk-result-side">
        <Show when={s().pins.length > 0}>
          <h3>{t('kiosk.pins')}</h3>
          <ul class="kiosk-pins" data-testid="kiosk-pins">
            <For each={s().pins}>{(p) => (
              <li class={`kiosk-pin-${p.status} kiosk-pin-${pinPurpose(s().cardType, p.name)}`} data-pin={p.name}>
                <strong>{p.name}</strong>: {pinStatusText(p, s().cardType, t)}
                <Show when={pinActionText(p, t)}>{(a) => <span class="kiosk-pin-action"> — {a()}</span>}</Show>
              </li>
            )}</For>
          </ul>
        </Show>
      </div>
    </section>
  );
}
