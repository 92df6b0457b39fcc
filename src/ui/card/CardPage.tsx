import { createEffect, createMemo, createSignal, For, on, onCleanup, Show, type JSX } from 'solid-js';
import { readerStore, readerErrorMessage } from '../reader/reader-store.ts';
import { t, locale } from '../i18n.tsx';
import {
  carriesPersonalData, cardTypeText, certificateNote, certificateReasonText, crossCheckText, expiryText, holderText, pinActionText,
  pinStatusText, reportJson, reportForExport, telematikIdReason, telematikIdVerdictText, warningText, reportAt, cardVerdict,
  instantOfDay, warningsBeyondVerdict, type CardVerdict, type Desk, isTestTelematikId, type CardReport,
} from '../../domain/card-report/index.ts';
import { readCardSession } from '../../domain/card-session/index.ts';
import { codeKey, knownCodeKey, formatDate, formatStamp } from '../../i18n/index.ts';
import { VerdictBanner } from './VerdictBanner.tsx';
import { pageTrust, trustVersion } from '../trust/trust-service.ts';
import { TslControl } from '../trust/TslControl.tsx';
import { TrustDetails } from '../trust/TrustVerdictView.tsx';
import { withTrust } from '../../domain/card-report/index.ts';
import type { CardTrustReport } from '../../domain/pki/trust/index.ts';
import { SupportHelp } from './SupportHelp.tsx';
import { ReaderPanel } from '../reader/ReaderPanel.tsx';
import './card.css';
import { onErase } from '../privacy/session-data.ts';

/** When and with which reader the card was read (for the printed ticket). */
interface CheckContext { at: Date; reader: string }

type View = { state: 'idle' } | { state: 'reading' } | { state: 'done'; report: CardReport & { trust?: CardTrustReport }; check: CheckContext } | { state: 'error'; message: string } | { state: 'removed' };

// "Erase now": the APDU trace holds card contents too (module level: whichever page is open).
onErase(() => readerStore.clearTrace());

const trustOf = (r: { trust?: CardTrustReport } | null): { trust?: CardTrustReport } => (r?.trust ? { trust: r.trust } : {});

export function CardPage(): JSX.Element {
  const [view, setView] = createSignal<View>({ state: 'idle' });
  const [personal, setPersonal] = createSignal(false);
  // "Stand am": the day the report and verdict are for; null = today.
  const [asOf, setAsOf] = createSignal<string | null>(null);
  const doneReport = createMemo(() => { const v = view(); return v.state === 'done' ? v.report : null; });
  const checkContext = createMemo(() => { const v = view(); return v.state === 'done' ? v.check : null; });
  const datedReport = createMemo(() => {
    const r = doneReport();
    const d = asOf();
    return r ? reportAt(r, d ? instantOfDay(d) : new Date()) : null;
  });
  // Where the card is checked: a production desk refuses test cards, a test desk expects them; unset = not said.
  const [desk, setDesk] = createSignal<Desk | undefined>(undefined);
  const verdict = createMemo(() => {
    const r = datedReport();
    return r ? cardVerdict(r, { ...withTrust(doneReport()?.trust), desk: desk() }) : null;
  });
  const slot = () => readerStore.selectedSlot();
  const generation = createMemo(() => { const s = slot(); return s ? readerStore.cardGeneration(s.key)() : -1; });
  let run = 0;

  async function read(): Promise<void> {
    const s = slot();
    if (!s?.cardPresent) return;
    const mine = ++run;
    // A new card needs its own consent before its insured-person data is shown or exported.
    setPersonal(false);
    setView({ state: 'reading' });
    try {
      const link = await readerStore.connect(s.key);
      link.onRemoved(() => { if (mine === run) cleared(); });
      const { report } = await readCardSession(link, { trust: (await pageTrust()).store });
      if (mine === run) setView({ state: 'done', report, check: { at: new Date(), reader: s.readerName } });
    } catch (e) {
      if (mine !== run) return;
      const m = readerErrorMessage(e);
      setView({ state: 'error', message: t(m.key, m.params) });
    }
  }

  /** The card is gone: drop its report and the consent given for it. */
  function cleared(): void {
    run++;
    setPersonal(false);
    setView({ state: 'removed' });
  }

  createEffect(on([generation, () => slot()?.cardPresent], ([, present]) => {
    if (present) void read();
    else if (view().state !== 'idle') cleared();
  }));
  // A TSL loaded or removed: the card's verdicts change, so read it again.
  createEffect(on(trustVersion, () => { if (slot()?.cardPresent && view().state === 'done') void read(); }, { defer: true }));
  const off = readerStore.onCardRemoved((key) => { if (key === slot()?.key) cleared(); });
  onCleanup(off);
  onErase(() => { run++; setView({ state: 'idle' }); setPersonal(false); });

  // Printing (button or Ctrl+P) opens the collapsed technical details so the ticket has them; closed again after.
  let openedForPrint: HTMLDetailsElement[] = [];
  const openDetails = (): void => {
    const closed = [...document.querySelectorAll<HTMLDetailsElement>('.card-page details:not([open])')];
    for (const d of closed) d.open = true;
    openedForPrint.push(...closed);
  };
  const restoreDetails = (): void => {
    for (const d of openedForPrint) d.open = false;
    openedForPrint = [];
  };
  window.addEventListener('beforeprint', openDetails);
  window.addEventListener('afterprint', restoreDetails);
  onCleanup(() => { window.removeEventListener('beforeprint', openDetails); window.removeEventListener('afterprint', restoreDetails); });

  function exportJson(report: CardReport): void {
    const blob = new Blob([reportJson(report, { includePersonalData: personal() }, verdict() ?? undefined)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `karte-${report.iccsn ?? 'unbekannt'}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  return (
    <section class="card-page" aria-labelledby="card-heading">
      <h2 id="card-heading">{t('card.heading')}</h2>
      <Show when={datedReport()}>{(report) => (
        <VerdictBanner
          report={reportForExport({ ...report(), ...trustOf(doneReport()) }, { includePersonalData: personal() })}
          verdict={verdict()!} asOf={asOf()} onAsOf={setAsOf} />
      )}</Show>
      <TslControl />
      <p class="card-intro">{t('card.intro')}</p>
      <ReaderPanel />
      <Show when={readerStore.slots().length > 0} fallback={<p class="card-status" data-testid="card-status">{t('card.noReader')}</p>}>
        <Show when={view().state === 'idle'}><p class="card-status" data-testid="card-status">{t('card.waiting')}</p></Show>
      </Show>
      <Show when={view().state === 'reading'}><p class="card-status" role="status" data-testid="card-status">{t('card.reading')}</p></Show>
      <Show when={view().state === 'removed'}><p class="card-status" role="status" data-testid="card-status">{t('card.removed')}</p></Show>
      <Show when={(() => { const v = view(); return v.state === 'error' ? v : null; })()}>
        {(v) => <p class="card-error" role="alert" data-testid="card-error">{t('card.readFailed', { reason: v().message })} <button type="button" onClick={() => void read()}>{t('card.reread')}</button></p>}
      </Show>
      <Show when={datedReport()}>
        {(report) => (
          <>
            <div class="card-actions no-print">
              <button type="button" data-testid="card-export-json" onClick={() => exportJson(report())}>{t('card.export.json')}</button>
              <button type="button" data-testid="card-print" onClick={() => window.print()}>{t('card.export.print')}</button>
              <Show when={carriesPersonalData(report().cardType)}>
                <label><input type="checkbox" checked={personal()} onChange={(e) => setPersonal(e.currentTarget.checked)} data-testid="card-personal" /> {t('card.export.personal')}</label>
              </Show>
              <label>{t('card.desk.label')}{' '}
                <select data-testid="card-desk" value={desk() ?? ''} onChange={(e) => setDesk((e.currentTarget.value || undefined) as Desk | undefined)}>
                  <option value="">{t('card.desk.unset')}</option>
                  <option value="production">{t('card.desk.production')}</option>
                  <option value="test">{t('card.desk.test')}</option>
                </select>
              </label>
              <span class="card-hint">{t('card.export.noPin')}</span>
            </div>
            <ReportView report={reportForExport(report(), { includePersonalData: personal() })} verdict={verdict()!} check={checkContext()!}
              trust={reportForExport({ ...report(), ...trustOf(doneReport()) }, { includePersonalData: personal() }).trust} />
          </>
        )}
      </Show>
      <SupportHelp />
    </section>
  );
}

const dayTime = (at: Date): { date: string; time: string } => {
  const tag = locale() === 'de' ? 'de-DE' : 'en-GB';
  return {
    date: new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(at),
    time: new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit' }).format(at),
  };
};

function ReportView(props: {
  report: CardReport; verdict: CardVerdict; check: CheckContext; trust?: CardTrustReport | undefined;
}): JSX.Element {
  const r = () => props.report;
  // The banner states the verdict's reasons; this list keeps what it does not say.
  const warnings = createMemo(() => warningsBeyondVerdict(r().warnings, props.verdict));
  return (
    <article class="card-report" data-testid="card-report">
      <header class="card-summary">
        <h3 data-testid="card-type">{cardTypeText(r(), t)}</h3>
        <p data-testid="card-generation">{t('card.generation')}: <strong>{r().generation ?? t('card.generation.unknown')}</strong></p>
        <Show when={r().iccsn}><p data-testid="card-iccsn">{t('card.iccsn')}: <code>{r().iccsn}</code></p></Show>
        <p data-testid="card-holder">{t('card.holder')}: <strong>{holderText(r(), t)}</strong>
          <For each={r().holder.professions}>{(p) => <span class="card-profession"> · {p[locale()] ?? p.oid}</span>}</For></p>
        <p data-testid="card-telematik-id">{t('card.telematikId')}: <Show when={r().telematikId} fallback={t('card.telematikId.none')}>{(tid) => (
          <>
            <code>{tid().id}</code>{' '}
            {/* A "Testkarte" ID follows no production formation rule: named a test card, not a rule warning. */}
            <Show when={!isTestTelematikId(tid().id)} fallback={<span class="verdict verdict-test" data-testid="card-telematik-id-test">{t('card.banner.testCard')}</span>}>
              <span class={`verdict verdict-${tid().result?.verdict ?? 'unchecked'}`}>{telematikIdVerdictText(tid().result, t)}</span>
            </Show>
            <Show when={tid().sector !== null && knownCodeKey('card.sector.', tid().sector!)}>{(name) => <>{' · '}{t('card.telematikId.sector', { sector: tid().sector!, name: t(name()) })}</>}</Show>
            <Show when={tid().result?.rule}>{' · '}{t('card.telematikId.rule', { rule: tid().result!.rule! })}</Show>
            <Show when={!isTestTelematikId(tid().id) && telematikIdReason(tid().result, locale())}>{(reason) => (
              <><br /><span class="card-tid-reason" data-testid="card-telematik-id-reason">{t('card.telematikId.reason')}: {reason()}</span></>
            )}</Show>
          </>
        )}</Show></p>
        <p data-testid="card-expiry" class={(r().effectiveExpiry?.daysLeft ?? 0) < 0 ? 'date-over' : ''}>{t('card.expiry')}: {expiryText(r(), t)}</p>
        <p class="card-checked" data-testid="card-checked">{t('card.checkedAt', { ...dayTime(props.check.at), reader: props.check.reader })}</p>
      </header>
      <section class="card-warnings" data-testid="card-warnings">
        <h4>{t('card.warnings')}</h4>
        <Show when={warnings().length > 0} fallback={<p>{t(r().warnings.length > 0 ? 'card.warning.noneBeyond' : 'card.warning.none')}</p>}>
          <ul><For each={warnings()}>{(w) => (
            <li class={`sev-${w.severity}`} data-code={w.code}>{warningText(w, t)}</li>
          )}</For></ul>
        </Show>
      </section>
      <Show when={r().crossChecks.length > 0}>
        <section data-testid="card-checks"><h4>{t('card.checks')}</h4>
          <ul><For each={r().crossChecks}>{(c) => <li class={`check-${c.result}`}>{crossCheckText(c, t).check}: <strong>{crossCheckText(c, t).result}</strong></li>}</For></ul>
        </section>
      </Show>
      <section data-testid="card-certificates"><h4>{t('card.certificates')}</h4>
        <table class="card-certs">
          <thead><tr><th>{t('card.cert.file')}</th><th>{t('card.cert.algorithm')}</th><th>{t('card.cert.issuer')}</th><th>{t('card.cert.tsp')}</th><th>{t('card.cert.validity')}</th></tr></thead>
          <tbody><For each={r().certificates}>{(c) => (
            <tr data-file={c.file} data-status={c.status}>
              <td><code>{c.file}</code><br /><small>{t(codeKey('card.cert.status.', c.status))}{c.status !== 'empty' && certificateReasonText(c, t) ? ` – ${certificateReasonText(c, t)}` : ''}</small>
                <Show when={props.trust?.byFile[c.file]}>{(v) => <div data-testid="card-cert-trust"><TrustDetails verdict={v()} /></div>}</Show>
                <Show when={certificateNote(c, t)}>{(note) => <><br /><small class="card-cert-note" data-testid="card-cert-note">{note()}</small></>}</Show></td>
              <td data-label={t('card.cert.algorithm')}>{c.algorithm ?? '–'}</td>
              <td data-label={t('card.cert.issuer')}>{c.issuerCa ?? (c.car ? t('card.cert.car', { car: c.car }) : '–')}</td>
              <td data-label={t('card.cert.tsp')}>{c.tsp ?? '–'}</td>
              <td data-label={t('card.cert.validity')}><Show when={c.light} fallback="–">{(light) => (
                <span class={`light light-${light()}`} data-light={light()}>{t(codeKey('card.light.', light()))} · {t('card.cert.validUntil', { date: (c.notAfter ?? '').slice(0, 10) })}
                  {c.daysLeft !== null ? ` · ${c.daysLeft >= 0 ? t('card.cert.daysLeft', { days: c.daysLeft }) : t('card.cert.daysAgo', { days: -c.daysLeft })}` : ''}</span>
              )}</Show></td>
            </tr>
          )}</For></tbody>
        </table>
      </section>
      <section data-testid="card-pins"><h4>{t('card.pins')}</h4>
        <ul><For each={r().pins}>{(p) => (
          <li data-pin={p.name} data-status={p.status} data-action={p.action}><strong>{p.name}</strong>: {pinStatusText(p, r().cardType, t)}
            <Show when={pinActionText(p, t)}>{(action) => <><br /><span class="card-action">{action()}</span></>}</Show></li>
        )}</For></ul>
      </section>
      <Show when={r().egk}>{(egk) => (
        <section data-testid="card-egk"><h4>{t('card.egk')}</h4>
          <Show when={egk().pd || egk().vd} fallback={<p>{t('card.egk.hidden')}</p>}>
            <dl>
              <Show when={egk().pd}>{(pd) => <>
                <dt>{t('card.egk.insurantId')}</dt><dd>{pd().insurantId}</dd>
                <dt>{t('card.egk.name')}</dt><dd>{[pd().title, pd().givenName, pd().prefix, pd().surname].filter(Boolean).join(' ')}</dd>
                <dt>{t('card.egk.birthDate')}</dt><dd>{formatDate(locale(), pd().birthDate ?? '')}</dd>
                <dt>{t('card.egk.address')}</dt><dd>{`${pd().street ?? ''} ${pd().houseNumber ?? ''}, ${pd().postalCode ?? ''} ${pd().city ?? ''}`}</dd>
              </>}</Show>
              <Show when={egk().vd}>{(vd) => <>
                <dt>{t('card.egk.costBearer')}</dt><dd>{vd().costBearerName} ({vd().costBearerId})</dd>
                <dt>{t('card.egk.coverageStart')}</dt><dd>{formatDate(locale(), vd().coverageStart ?? '')}</dd>
              </>}</Show>
            </dl>
          </Show>
          <Show when={egk().pdError}>{(e) => <p class="card-egk-error">{t('card.egk.fileUnreadable', { file: 'EF.PD', reason: t(codeKey('card.egk.error.', e())) })}</p>}</Show>
          <Show when={egk().vdError}>{(e) => <p class="card-egk-error">{t('card.egk.fileUnreadable', { file: 'EF.VD', reason: t(codeKey('card.egk.error.', e())) })}</p>}</Show>
          <Show when={egk().statusVd}>{(s) => <p>{t('card.egk.statusVd')}: {formatStamp(locale(), s().timestamp ?? '')}{s().updatePending ? ` – ${t('card.egk.updatePending')}` : ''}</p>}</Show>
        </section>
      )}</Show>
      <details class="card-technical"><summary>{t('card.products')}</summary>
        <p>{t('card.atr')}: <code>{r().atr}</code> · {t('card.mfAid')}: <code>{r().mfAid ?? '–'}</code> · {t('card.objectSystem')}: {r().objectSystemVersion ?? '–'}</p>
        <p>{t('card.product.objectSystem')}: {r().products.objectSystem ?? '–'} · {t('card.product.cos')}: {r().products.cos ?? '–'}</p>
        <p>{t('card.applications')}: {r().applications.map((a) => a.label ?? a.aid).join(', ')}</p>
        <p data-testid="card-apdus">{t('card.apduCount', { count: r().apduCount })}</p>
      </details>
    </article>
  );
}
