// One certificate's trust verdict: status and environment (compact, for tables), with the reason and the
// chain on demand. Shared by the certificate table, the viewer and the card report.
import { For, Show, type JSX } from 'solid-js';
import { t } from '../i18n.tsx';
import { codeKey } from '../../i18n/index.ts';
import type { TrustVerdict } from '../../domain/pki/trust/index.ts';

export function trustStatusText(v: TrustVerdict): string {
  const env = v.environment ? ` · ${t(codeKey('cert.trust.envShort.', v.environment))}` : '';
  return `${t(codeKey('cert.trust.status.', v.status))}${env}`;
}

export function trustReasonText(v: TrustVerdict): string {
  return t(codeKey('cert.trust.reason.', v.reason), v.params);
}

export function TrustBadge(props: { verdict: TrustVerdict }): JSX.Element {
  return (
    <span class={`trust trust-${props.verdict.status} trust-env-${props.verdict.environment ?? 'none'}`} data-testid="trust-badge"
      data-status={props.verdict.status} data-environment={props.verdict.environment ?? ''} title={trustReasonText(props.verdict)}>
      {trustStatusText(props.verdict)}
    </span>
  );
}

/** Badge, reason, warnings and the chain (certificate → anchor). */
export function TrustDetails(props: { verdict: TrustVerdict }): JSX.Element {
  return (
    <div class="trust-details" data-testid="trust-details">
      <TrustBadge verdict={props.verdict} /> <span>{trustReasonText(props.verdict)}</span>
      <For each={props.verdict.warnings}>{(w) => <div class="sev-warning">{t(codeKey('cert.trust.warning.', w.code), w.params)}</div>}</For>
      <Show when={props.verdict.chain.length > 0}>
        <ol class="trust-chain" data-testid="trust-chain" aria-label={t('cert.trust.chain')}>
          <For each={props.verdict.chain}>{(name) => <li>{name}</li>}</For>
        </ol>
      </Show>
    </div>
  );
}
