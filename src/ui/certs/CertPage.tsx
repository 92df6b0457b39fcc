import { createSignal, Show, type JSX } from 'solid-js';
import { t } from '../i18n.tsx';
import { CertAudit } from './CertAudit.tsx';
import { Asn1Viewer } from './Asn1Viewer.tsx';
import { onErase } from '../privacy/session-data.ts';
import './certs.css';

/** Certificate audit and ASN.1 viewer; the audit's "view" button hands bytes to the viewer. */
export function CertPage(): JSX.Element {
  const [tab, setTab] = createSignal<'audit' | 'viewer'>(location.hash.includes('viewer') ? 'viewer' : 'audit');
  const [viewBytes, setViewBytes] = createSignal<{ name: string; bytes: Uint8Array; index: number } | null>(null);
  // The viewer unmounts with its bytes when the audit tab is shown.
  onErase(() => { setViewBytes(null); setTab('audit'); });
  const open = (name: string, bytes: Uint8Array, index: number) => { setViewBytes({ name, bytes, index }); setTab('viewer'); };
  return (
    <section class="certs">
      <h2>{t('cert.heading')}</h2>
      <div role="tablist" class="cert-tabs">
        <button role="tab" id="tab-audit" aria-selected={tab() === 'audit'} aria-controls="panel-audit" onClick={() => setTab('audit')}>{t('cert.tab.audit')}</button>
        <button role="tab" id="tab-viewer" aria-selected={tab() === 'viewer'} aria-controls="panel-viewer" onClick={() => setTab('viewer')}>{t('cert.tab.viewer')}</button>
      </div>
      <div role="tabpanel" id="panel-audit" aria-labelledby="tab-audit" hidden={tab() !== 'audit'}>
        <CertAudit onOpen={open} />
      </div>
      <div role="tabpanel" id="panel-viewer" aria-labelledby="tab-viewer" hidden={tab() !== 'viewer'}>
        <Show when={tab() === 'viewer'}><Asn1Viewer initial={viewBytes()} /></Show>
      </div>
    </section>
  );
}
