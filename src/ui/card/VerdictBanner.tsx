// The card's verdict first, in large type: Karte nutzbar (green) / Bitte beachten (amber) / Karte nicht
// nutzbar (red), the leading reason with its action in one sentence, then the facts a technician checks
// (type, holder, Telematik-ID, expiry, generation). Shared by the card page and the kiosk.
import { createMemo, For, onMount, Show, type JSX } from 'solid-js';
import { t, locale } from '../i18n.tsx';
import type { CardReport, CardVerdict } from '../../domain/card-report/index.ts';
import { leadingReason, shownReasons, authenticityLineOf } from '../../domain/card-report/index.ts';
import type { CardTrustReport } from '../../domain/pki/trust/index.ts';
import { codeKey } from '../../i18n/index.ts';
import { formatDay, reasonSentence, usableUntilText, verdictHeadline, holderText, cardTypeText } from '../../domain/card-report/index.ts';
import { AsOfField } from '../shared/AsOfField.tsx';
import './verdict-banner.css';

export interface VerdictBannerProps {
  report: CardReport & { trust?: CardTrustReport };
  verdict: CardVerdict;
  /** Show type, holder, Telematik-ID, expiry and generation (the kiosk lists them itself). */
  facts?: boolean;
  /** "Stand am" control: the chosen day, or null for today. */
  asOf?: string | null;
  onAsOf?: (day: string | null) => void;
}

export function VerdictBanner(props: VerdictBannerProps): JSX.Element {
  const v = createMemo(() => props.verdict);
  const lead = createMemo(() => leadingReason(v()));
  const others = createMemo(() => shownReasons(v()).filter((r) => r !== lead()));
  // A new verdict is the first thing to see: bring it into view when the page was scrolled away (kiosk
  // footer buttons, the card page's reader controls).
  let section!: HTMLElement;
  onMount(() => {
    const top = section.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight / 2) section.scrollIntoView({ block: 'start' });
  });
  const until = () => usableUntilText(v(), t, locale());
  return (
    <section class={`verdict-banner verdict-banner-${v().level}`} data-testid="verdict-banner" data-level={v().level}
      aria-labelledby="verdict-headline" tabindex="-1" ref={section}>
      <div class="verdict-banner-head">
        <h3 id="verdict-headline" class="verdict-headline" data-testid="verdict-headline">{verdictHeadline(v(), t)}</h3>
        <Show when={props.report.testCard}><span class="verdict-test-badge" data-testid="verdict-test-card">{t('card.banner.testCard')}</span></Show>
        <Show when={props.onAsOf}>
          <AsOfField class="verdict-asof" day={props.asOf ?? null} today={v().at} onChange={(d) => props.onAsOf?.(d)}
            hint={t('card.banner.asOfHint')} testId="verdict-asof" />
        </Show>
      </div>
      <p class="verdict-reason" data-testid="verdict-reason">
        {lead() ? reasonSentence(lead()!, t, locale()) : t('card.banner.allFine', { date: formatDay(v().at, locale()) })}
      </p>
      <Show when={authenticityLineOf(props.report.trust)}>{(line) => (
        <p class={`verdict-authenticity verdict-authenticity-${line().tone}`} data-testid="verdict-authenticity" data-status={line().status}>
          <span class="verdict-authenticity-label">{t('cert.trust.authenticity.label')}:</span>{' '}
          {line().tone === 'loud' ? <strong>{t(codeKey('cert.trust.authenticity.', line().status), { anchor: line().anchor })}</strong>
            : t(codeKey('cert.trust.authenticity.', line().status), { anchor: line().anchor })}
        </p>
      )}</Show>
      <Show when={props.facts !== false}>
        <dl class="verdict-facts">
          <div><dt>{t('card.banner.cardType')}</dt><dd data-testid="verdict-card-type">{cardTypeText(props.report, t)}</dd></div>
          <div><dt>{t('card.generation')}</dt><dd data-testid="verdict-generation">{props.report.generation ?? t('card.generation.unknown')}</dd></div>
          <div><dt>{t('card.holder')}</dt><dd data-testid="verdict-holder">{holderText(props.report, t)}</dd></div>
          <div><dt>{t('card.telematikId')}</dt><dd data-testid="verdict-telematik-id">{props.report.telematikId?.id ?? t('card.telematikId.none')}</dd></div>
          <div><dt>{until()?.label ?? t('card.banner.usableUntil')}</dt>
            <dd data-testid="verdict-expiry" class={until()?.over ? 'verdict-date-over' : ''}>{until()?.text ?? t('card.banner.untilUnknown')}</dd></div>
        </dl>
      </Show>
      <Show when={others().length > 0}>
        <details class="verdict-more" data-testid="verdict-more" open={others().length <= 2}>
          <summary>{t('card.banner.more')} ({others().length})</summary>
          <ul><For each={others()}>{(r) => <li class={`verdict-reason-${r.level}`} data-code={r.code}>{reasonSentence(r, t, locale())}</li>}</For></ul>
        </details>
      </Show>
    </section>
  );
}
