// Virtualized table of findings (non-valid rows): filters by verdict, reason and file, a search in
// the IDs and the source rows' cells, sortable columns and chosen source columns. Only the visible
// rows are rendered and read from the FindingList; what passes the filters is an Int32Array of
// indices (./findings-view.ts), so a million findings stay a million integers.
import { createMemo, createSignal, For, Show, type Accessor, type JSX } from 'solid-js';
import { createVirtualizer } from '@tanstack/solid-virtual';
import { t, locale } from '../i18n.tsx';
import { formatNumber } from '../../i18n/index.ts';
import type { Finding, Findings } from '../../domain/audit/index.ts';
import { reasonLabel } from './Summary.tsx';
import { filterFindings, sortFindings, sourceColumns, type SortKey, type SortOrder } from './findings-view.ts';

/** The table's filters, order and chosen columns; the exports and the print view follow the same view. */
export interface FindingsViewState {
  verdict: Accessor<'' | 'warning' | 'invalid'>; setVerdict: (v: '' | 'warning' | 'invalid') => void;
  reason: Accessor<string>; setReason: (v: string) => void;
  file: Accessor<number>; setFile: (v: number) => void;
  query: Accessor<string>; setQuery: (v: string) => void;
  /** Search as typed: applied after a pause in typing (a search over a million rows' cells is not per keystroke). */
  typeQuery: (v: string) => void;
  /** Applies a search still waiting for the pause (before an export or print reads the view). */
  flush: () => void;
  sort: Accessor<SortOrder | null>; setSort: (v: SortOrder | null) => void;
  shownColumns: Accessor<string[]>; setShownColumns: (v: string[]) => void;
  /** Source columns the findings carry. */
  columns: Accessor<string[]>;
  /** The findings shown, as indices into the list, filtered and in order. */
  indices: Accessor<Int32Array>;
}

export function createFindingsView(findings: Accessor<Findings>, fileCount: Accessor<number>): FindingsViewState {
  const [verdict, setVerdict] = createSignal<'' | 'warning' | 'invalid'>('');
  const [reason, setReason] = createSignal('');
  const [file, setFile] = createSignal(-1);
  const [query, setQuery] = createSignal('');
  const [sort, setSort] = createSignal<SortOrder | null>(null);
  const [shownColumns, setShownColumns] = createSignal<string[]>([]);
  const columns = createMemo(() => sourceColumns(findings(), fileCount()));
  const filtered = createMemo(() => filterFindings(findings(), { verdict: verdict(), reason: reason(), file: file(), query: query() }));
  const indices = createMemo(() => {
    const order = sort();
    const list = filtered();
    // sort a copy: the filter's result stays valid for the next order
    return order ? sortFindings(findings(), list.slice(), order, reasonLabel, locale()) : list;
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: string | null = null;
  const flush = () => { clearTimeout(timer); if (pending !== null) { setQuery(pending); pending = null; } };
  const typeQuery = (value: string) => { pending = value; clearTimeout(timer); timer = setTimeout(flush, 200); };
  return {
    verdict, setVerdict, reason, setReason, file, setFile, query, setQuery, typeQuery, flush,
    sort, setSort, shownColumns, setShownColumns, columns, indices,
  };
}

export interface FindingsTableProps {
  findings: Findings;
  files: string[];
  truncated: boolean;
  reasonText: (f: Finding) => string;
  view: FindingsViewState;
}

const ROW_HEIGHT = 44;
const FIXED: { key: SortKey; label: () => string; cls: string }[] = [
  { key: 'file', label: () => t('audit.findings.file'), cls: 'c-file' },
  { key: 'row', label: () => t('audit.findings.row'), cls: 'c-row' },
  { key: 'id', label: () => t('audit.findings.id'), cls: 'c-id' },
  { key: 'verdict', label: () => t('audit.findings.verdict'), cls: 'c-verdict' },
  { key: 'reason', label: () => t('audit.findings.reason'), cls: 'c-reason' },
];

export function FindingsTable(props: FindingsTableProps): JSX.Element {
  const v = props.view;
  const reasons = createMemo(() => [...props.findings.reasonCounts().entries()].sort((a, b) => b[1] - a[1]));
  const shown = () => v.indices();
  const at = (i: number) => { const index = shown()[i]; return index === undefined ? undefined : props.findings.at(index); };

  let scroller: HTMLDivElement | undefined;
  const virtualizer = createVirtualizer({
    get count() { return shown().length; },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  const fmt = (n: number) => formatNumber(locale(), n);
  const grid = () => ({ 'grid-template-columns': `minmax(6rem, 1fr) 4.5rem minmax(10rem, 1.6fr) 6rem minmax(14rem, 3fr) minmax(8rem, 1.4fr)${' minmax(7rem, 1.2fr)'.repeat(v.shownColumns().length)}` });
  const toggleSort = (key: SortKey) => {
    const s = v.sort();
    v.setSort(s?.key === key ? (s.descending ? null : { key, descending: true }) : { key, descending: false });
    scroller?.scrollTo({ top: 0 });
  };
  const ariaSort = (key: SortKey): 'ascending' | 'descending' | 'none' => {
    const s = v.sort();
    return s?.key === key ? (s.descending ? 'descending' : 'ascending') : 'none';
  };
  const SortHeader = (p: { key: SortKey; label: string; cls: string }) => (
    <span role="columnheader" class={p.cls} aria-sort={ariaSort(p.key)}>
      <button type="button" class="sort-button" data-testid={`sort-${p.key}`} onClick={() => toggleSort(p.key)}
        title={t('audit.findings.sortBy', { column: p.label })}>
        {p.label}<span aria-hidden="true">{ariaSort(p.key) === 'ascending' ? ' ▲' : ariaSort(p.key) === 'descending' ? ' ▼' : ''}</span>
      </button>
    </span>
  );
  const toggleColumn = (c: string, on: boolean) => {
    const now = v.shownColumns().filter((x) => x !== c);
    // keep the picker's order, not the click order
    v.setShownColumns(on ? v.columns().filter((x) => x === c || now.includes(x)) : now);
  };

  return (
    <section class="audit-findings" aria-labelledby="audit-findings-heading">
      <h3 id="audit-findings-heading">{t('audit.findings.heading')}</h3>
      <Show when={props.findings.length > 0} fallback={<p data-testid="no-findings">{t('audit.findings.none')}</p>}>
        <div class="audit-filters" role="search">
          <label>
            <span>{t('audit.findings.filterVerdict')}</span>
            <select value={v.verdict()} onChange={(e) => v.setVerdict(e.currentTarget.value as '' | 'warning' | 'invalid')} data-testid="filter-verdict">
              <option value="">{t('audit.findings.all')}</option>
              <option value="warning">{t('tid.verdict.warning')}</option>
              <option value="invalid">{t('tid.verdict.invalid')}</option>
            </select>
          </label>
          <label>
            <span>{t('audit.findings.filterReason')}</span>
            <select value={v.reason()} onChange={(e) => v.setReason(e.currentTarget.value)} data-testid="filter-reason">
              <option value="">{t('audit.findings.all')}</option>
              <For each={reasons()}>{([code, n]) => <option value={code}>{reasonLabel(code)} ({fmt(n)})</option>}</For>
            </select>
          </label>
          <Show when={props.files.length > 1}>
            <label>
              <span>{t('audit.findings.filterFile')}</span>
              <select value={String(v.file())} onChange={(e) => v.setFile(Number(e.currentTarget.value))} data-testid="filter-file">
                <option value="-1">{t('audit.findings.all')}</option>
                <For each={props.files}>{(name, i) => <option value={String(i())}>{name}</option>}</For>
              </select>
            </label>
          </Show>
          <label>
            <span>{t('audit.findings.search')}</span>
            <input type="search" value={v.query()} onInput={(e) => v.typeQuery(e.currentTarget.value)} data-testid="filter-search" />
          </label>
          <p class="audit-findings-count" aria-live="polite" data-testid="findings-count">
            {t('audit.findings.count', { shown: fmt(shown().length), total: fmt(props.findings.length) })}
          </p>
        </div>
        <Show when={v.columns().length > 0}>
          <fieldset class="audit-columns" data-testid="column-picker">
            <legend>{t('audit.findings.columns')}</legend>
            <For each={v.columns()}>{(c) => (
              <label class="checkbox">
                <input type="checkbox" checked={v.shownColumns().includes(c)} onChange={(e) => toggleColumn(c, e.currentTarget.checked)} />
                <span>{c}</span>
              </label>
            )}</For>
          </fieldset>
        </Show>
        <Show when={props.truncated}><p class="audit-note">{t('audit.findings.truncated', { limit: fmt(props.findings.length) })}</p></Show>
        <div role="table" aria-label={t('audit.findings.table')} aria-rowcount={shown().length + 1} class="findings-table" data-testid="findings-table">
          <div role="rowgroup" class="findings-head">
            <div role="row" aria-rowindex={1} class="findings-row" style={grid()}>
              <For each={FIXED}>{(c) => <SortHeader key={c.key} label={c.label()} cls={c.cls} />}</For>
              <span role="columnheader" class="c-suggestion">{t('audit.findings.suggestion')}</span>
              <For each={v.shownColumns()}>{(c) => <SortHeader key={`cell:${c}`} label={c} cls="c-cell" />}</For>
            </div>
          </div>
          {/* The scroll area is focusable so keyboard users can scroll it with the arrow keys. */}
          <div role="rowgroup" class="findings-body" ref={scroller} tabIndex={0} aria-label={t('audit.findings.table')}>
            <Show when={shown().length > 0} fallback={<p class="audit-note">{t('audit.findings.noMatch')}</p>}>
              <div style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
                <For each={virtualizer.getVirtualItems()}>{(item) => (
                  // The virtualizer may still hold items past a just-shrunk filter result: render those as nothing.
                  <Show when={at(item.index)} keyed>{(f) => (
                    <div role="row" aria-rowindex={item.index + 2} class="findings-row" data-testid="finding-row"
                      style={{ ...grid(), position: 'absolute', top: 0, left: 0, right: 0, height: `${item.size}px`, transform: `translateY(${item.start}px)` }}>
                      <span role="cell" class="c-file" title={props.files[f.fileIndex]}>{props.files[f.fileIndex]}</span>
                      <span role="cell" class="c-row">{f.row}</span>
                      <span role="cell" class="c-id"><IdWithSpan id={f.id} span={f.span} /></span>
                      <span role="cell" class={`c-verdict verdict-${f.verdict}`}>{t(`tid.verdict.${f.verdict}`)}</span>
                      <span role="cell" class="c-reason">{props.reasonText(f)}</span>
                      <span role="cell" class="c-suggestion">{f.suggestion ?? ''}</span>
                      <For each={v.shownColumns()}>{(c) => {
                        const value = () => f.cells?.[c] ?? '';
                        return <span role="cell" class="c-cell" data-column={c} title={value()}>{value()}</span>;
                      }}</For>
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
