// The certificate audit table as a virtual list (@tanstack/solid-virtual): an auditor's CA dump has tens
// of thousands of rows, but only the rows in view (plus a few) are in the DOM. Rows differ in height
// (problem lists), so each rendered row is measured. Spacer rows stand for the rows out of view.
import { createMemo, For, Show, type JSX } from 'solid-js';
import { createVirtualizer } from '@tanstack/solid-virtual';
import { t, locale } from '../i18n.tsx';
import { codeKey, formatDate } from '../../i18n/index.ts';
import { isReportError, type CertificateReport, type ReportError } from '../../domain/pki/report.ts';
import type { Problem } from '../../domain/pki/index.ts';
import type { TrustVerdict } from '../../domain/pki/trust/index.ts';
import { TrustBadge } from '../trust/TrustVerdictView.tsx';

export interface CertRow { report: CertificateReport | ReportError; bytes: Uint8Array }

const COLUMNS = 10;
const cn = (dn: string) => dn.match(/CN=([^,+]+)/)?.[1] ?? dn;

export function CertTable(props: {
  rows: CertRow[];
  trustOf: (row: CertRow) => TrustVerdict | undefined;
  problemText: (p: Problem) => string;
  errorText: (code: ReportError['error']) => string;
  onOpen: (name: string, bytes: Uint8Array, index: number) => void;
}): JSX.Element {
  let scroller: HTMLDivElement | undefined;
  const virtualizer = createVirtualizer({
    get count() { return props.rows.length; },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => 44,
    overscan: 10,
    // before the first layout (and in tests without one) show a screenful rather than nothing
    initialRect: { width: 1000, height: 700 },
  });
  const items = createMemo(() => virtualizer.getVirtualItems());
  const first = () => items()[0]?.index ?? 0;
  const inView = createMemo(() => items().map((v) => props.rows[v.index]).filter((r): r is CertRow => r !== undefined));
  const padTop = () => items()[0]?.start ?? 0;
  const padBottom = () => {
    const last = items()[items().length - 1];
    return last ? Math.max(0, virtualizer.getTotalSize() - last.end) : 0;
  };
  const measure = (el: HTMLTableRowElement) => queueMicrotask(() => { if (el.isConnected) virtualizer.measureElement(el); });
  const spacer = (height: () => number) => (
    <tr class="spacer" aria-hidden="true"><td colspan={COLUMNS} style={{ height: `${height()}px` }} /></tr>
  );

  return (
    <div class="table-scroll" ref={scroller}>
      <table class="cert-table" data-testid="cert-table" aria-rowcount={props.rows.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">{t('cert.col.file')}</th><th scope="col">{t('cert.col.type')}</th><th scope="col">{t('cert.col.holder')}</th>
            <th scope="col">{t('cert.col.telematikId')}</th><th scope="col">{t('cert.col.verdict')}</th><th scope="col">{t('cert.trust.col')}</th><th scope="col">{t('cert.col.issuer')}</th>
            <th scope="col">{t('cert.col.expiry')}</th><th scope="col">{t('cert.col.problems')}</th><th scope="col">{t('cert.col.open')}</th>
          </tr>
        </thead>
        <tbody>
          <Show when={padTop() > 0}>{spacer(padTop)}</Show>
          <For each={inView()}>{(row, i) => {
            const index = () => first() + i();
            const r = row.report;
            if (isReportError(r)) {
              return <tr class="row-error" data-index={index()} aria-rowindex={index() + 2} ref={measure}>
                <td>{r.file}</td><td colspan={COLUMNS - 2} role="alert" data-code={r.error}>{props.errorText(r.error)}</td><td />
              </tr>;
            }
            return (
              <tr classList={{ 'row-problem': r.problems.some((p) => p.severity === 'error') }} data-index={index()} aria-rowindex={index() + 2} ref={measure}>
                <td>{r.file}{r.index > 0 ? ` #${r.index + 1}` : ''}</td>
                <td>{r.format === 'cvc' ? t('cert.cvc') : r.certificateType ?? t('cert.none')}</td>
                <td>{r.format === 'x509' ? cn(r.subject) : r.subject}</td>
                <td>{r.telematikId?.id ?? t('cert.none')}</td>
                <td>{r.telematikId ? <span class={`verdict verdict-${r.telematikId.verdict}`}>{t(codeKey('cert.verdict.', r.telematikId.verdict))}</span> : t('cert.none')}</td>
                <td data-testid="cert-trust">{props.trustOf(row) ? <TrustBadge verdict={props.trustOf(row)!} /> : t('cert.none')}</td>
                <td>{r.format === 'x509' ? cn(r.issuer) : r.issuer}</td>
                <td classList={{ 'cert-expired': r.problems.some((p) => p.code === 'EXPIRED') }} data-testid="cert-expiry">{r.notAfter ? formatDate(locale(), r.notAfter) : t('cert.none')}</td>
                <td><ul class="problems">{r.problems.map((p) => <li class={`sev-${p.severity}`} data-code={p.code}>{props.problemText(p)}</li>)}</ul></td>
                <td><button aria-label={`${t('cert.open')}: ${r.file}`} onClick={() => props.onOpen(r.file, row.bytes, r.index)}>{t('cert.col.open')}</button></td>
              </tr>
            );
          }}</For>
          <Show when={padBottom() > 0}>{spacer(padBottom)}</Show>
        </tbody>
      </table>
    </div>
  );
}

/** Lower-case text a row is found by: file, type, names, Telematik-ID, verdict, expiry, problems (in the shown language). */
export function rowHaystack(row: CertRow, problemText: (p: Problem) => string, errorText: (code: ReportError['error']) => string): string {
  const r = row.report;
  if (isReportError(r)) return `${r.file}\n${r.error}\n${errorText(r.error)}`.toLowerCase();
  return [r.file, r.format, r.certificateType ?? '', r.subject, r.issuer, r.telematikId?.id ?? '', r.telematikId?.verdict ?? '',
    r.notAfter ?? '', r.serialNumber ?? '', ...r.problems.flatMap((p) => [p.code, problemText(p)])].join('\n').toLowerCase();
}
