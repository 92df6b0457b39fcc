// Virtualized table of findings (non-valid rows) with filters by verdict and reason and a search in
// the IDs. Only the visible rows are rendered, so a million findings stay smooth. The reason
// sentence is built for visible rows only, by validating the ID again on this thread (cheap).
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { createVirtualizer } from '@tanstack/solid-virtual';
import { t, locale } from '../i18n.tsx';
import { formatNumber } from '../../i18n/index.ts';
import type { Finding, Findings } from '../../domain/audit/index.ts';
import { reasonLabel } from './Summary.tsx';

export interface FindingsTableProps {
  findings: Findings;
  files: string[];
  truncated: boolean;
  reasonText: (f: Finding) => string;
}

const ROW_HEIGHT = 44;

export function FindingsTable(props: FindingsTableProps): JSX.Element {
  const [verdict, setVerdict] = createSignal<'' | 'warning' | 'invalid'>('');
  const [reason, setReason] = createSignal('');
  const [query, setQuery] = createSignal('');

  const reasons = createMemo(() => {
    return [...props.findings.reasonCounts().entries()].sort((a, b) => b[1] - a[1]);
  });

  // Either all findings (made row by row as they scroll into view) or the matches of a filter.
  const filtered = createMemo((): Pick<Findings, 'length' | 'at'> => {
    const v = verdict(), r = reason(), q = query().trim().toLowerCase();
    if (!v && !r && !q) return props.findings;
    return props.findings.select({ verdict: v, reason: r, query: q });
  });

  let scroller: HTMLDivElement | undefined;
  const virtualizer = createVirtualizer({
    get count() { return filtered().length; },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  const fmt = (n: number) => formatNumber(locale(), n);

  return (
    <section class="audit-findings" aria-labelledby="audit-findings-heading">
      <h3 id="audit-findings-heading">{t('audit.findings.heading')}</h3>
      <Show when={props.findings.length > 0} fallback={<p data-testid="no-findings">{t('audit.findings.none')}</p>}>
        <div class="audit-filters" role="search">
          <label>
            <span>{t('audit.findings.filterVerdict')}</span>
            <select value={verdict()} onChange={(e) => setVerdict(e.currentTarget.value as '' | 'warning' | 'invalid')} data-testid="filter-verdict">
              <option value="">{t('audit.findings.all')}</option>
              <option value="warning">{t('tid.verdict.warning')}</option>
              <option value="invalid">{t('tid.verdict.invalid')}</option>
            </select>
          </label>
          <label>
            <span>{t('audit.findings.filterReason')}</span>
            <select value={reason()} onChange={(e) => setReason(e.currentTarget.value)} data-testid="filter-reason">
              <option value="">{t('audit.findings.all')}</option>
              <For each={reasons()}>{([code, n]) => <option value={code}>{reasonLabel(code)} ({fmt(n)})</option>}</For>
            </select>
          </label>
          <label>
            <span>{t('audit.findings.search')}</span>
            <input type="search" value={query()} onInput={(e) => setQuery(e.currentTarget.value)} data-testid="filter-search" />
          </label>
          <p class="audit-findings-count" aria-live="polite" data-testid="findings-count">
            {t('audit.findings.count', { shown: fmt(filtered().length), total: fmt(props.findings.length) })}
          </p>
        </div>
        <Show when={props.truncated}><p class="audit-note">{t('audit.findings.truncated', { limit: fmt(props.findings.length) })}</p></Show>
        <div role="table" aria-label={t('audit.findings.table')} aria-rowcount={filtered().length + 1} class="findings-table" data-testid="findings-table">
          <div role="rowgroup" class="findings-head">
            <div role="row" aria-rowindex={1} class="findings-row">
              <span role="columnheader" class="c-file">{t('audit.findings.file')}</span>
              <span role="columnheader" class="c-row">{t('audit.findings.row')}</span>
              <span role="columnheader" class="c-id">{t('audit.findings.id')}</span>
              <span role="columnheader" class="c-verdict">{t('audit.findings.verdict')}</span>
              <span role="columnheader" class="c-reason">{t('audit.findings.reason')}</span>
              <span role="columnheader" class="c-suggestion">{t('audit.findings.suggestion')}</span>
            </div>
          </div>
          {/* The scroll area is focusable so keyboard users can scroll it with the arrow keys. */}
          <div role="rowgroup" class="findings-body" ref={scroller} tabIndex={0} aria-label={t('audit.findings.table')}>
            <Show when={filtered().length > 0} fallback={<p class="audit-note">{t('audit.findings.noMatch')}</p>}>
              <div style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
                <For each={virtualizer.getVirtualItems()}>{(item) => (
                  // The virtualizer may still hold items past a just-shrunk filter result: render those as nothing.
                  <Show when={filtered().at(item.index)} keyed>{(f) => (
                    <div role="row" aria-rowindex={item.index + 2} class="findings-row" data-testid="finding-row"
                      style={{ position: 'absolute', top: 0, left: 0, right: 0, height: `${item.size}px`, transform: `translateY(${item.start}px)` }}>
                      <span role="cell" class="c-file" title={props.files[f.fileIndex]}>{props.files[f.fileIndex]}</span>
                      <span role="cell" class="c-row">{f.row}</span>
                      <span role="cell" class="c-id"><IdWithSpan id={f.id} span={f.span} /></span>
                      <span role="cell" class={`c-verdict verdict-${f.verdict}`}>{t(`tid.verdict.${f.verdict}`)}</span>
                      <span role="cell" class="c-reason">{props.reasonText(f)}</span>
                      <span role="cell" class="c-suggestion">{f.suggestion ?? ''}</span>
                    </div>
                  )}</Show>
                )}</For>
              </div>
            </Show>
          </div>
        </div>
      </Show>
    </section>
  );
}

/** The ID with the faulty part marked (and spaces made visible). */
export function IdWithSpan(props: { id: string; span: [number, number] | null }): JSX.Element {
  const visible = (s: string) => s.replace(/ /g, '\u2423');
  return (
    <code class="tid">
      <Show when={props.span} fallback={visible(props.id)}>
        {(span) => <>{visible(props.id.slice(0, span()[0]))}<mark>{visible(props.id.slice(span()[0], span()[1])) || '\u2038'}</mark>{visible(props.id.slice(span()[1]))}</>}
      </Show>
    </code>
  );
}
