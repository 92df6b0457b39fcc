// Duplicates as a list: which ID repeats, how often, in which files and rows. Made on request by a
// second pass over the files (the audit itself only counts repeats); filtered here and exported as
// CSV, JSON or .xlsx with the same header as the findings' exports.
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { t, locale } from '../i18n.tsx';
import { formatNumber } from '../../i18n/index.ts';
import type { DuplicateEntry, DuplicateListResult } from '../../domain/audit/index.ts';
import { findDuplicates } from './run.ts';
import { csvField, downloadBlob, exportFileName, type ExportFormat } from './export.ts';
import { exportHeader } from './report.ts';
import { onErase } from '../privacy/session-data.ts';

/** Rows shown on the page; the export holds every entry. */
const SHOWN = 500;
const PLACES_SHOWN = 20;

type Listed = DuplicateListResult & { files: string[] };

export function DuplicatesPanel(props: { format: () => ExportFormat; running: boolean; onStatus: (s: string) => void }): JSX.Element {
  const [list, setList] = createSignal<Listed | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [filter, setFilter] = createSignal('');
  onErase(() => setList(null));
  const fmt = (n: number) => formatNumber(locale(), n);

  const filesOf = (e: DuplicateEntry, files: string[]) => [...new Set(e.places.map((p) => files[p.fileIndex] ?? ''))];
  const matching = createMemo(() => {
    const l = list();
    if (!l) return [];
    const q = filter().trim().toLowerCase();
    if (!q) return l.entries;
    return l.entries.filter((e) => e.id.toLowerCase().includes(q) || filesOf(e, l.files).some((f) => f.toLowerCase().includes(q)));
  });

  async function run() {
    setBusy(true);
    try {
      const r = await findDuplicates();
      if (r && !r.cancelled) setList(r);
    } catch (e) {
      props.onStatus(t('audit.failed', { message: String((e as Error)?.message ?? e) }));
    } finally {
      setBusy(false);
    }
  }

  const placesText = (e: DuplicateEntry, files: string[], cap = Infinity) => {
    const shown = e.places.slice(0, cap).map((p) => `${files[p.fileIndex] ?? ''}:${p.row}`).join(', ');
    // places are kept up to a bound; the count stays exact, so say how many are not listed
    const more = e.count - Math.min(e.places.length, cap);
    return more > 0 ? `${shown} ${t('audit.dup.placesMore', { n: fmt(more) })}` : shown;
  };

  async function exportList() {
    const l = list();
    if (!l) return;
    const format = props.format();
    const header = exportHeader(l.files);
    const captions = [t('audit.dup.col.id'), t('audit.dup.col.count'), t('audit.dup.col.files'), t('audit.dup.col.places')];
    const entries = matching();
    const name = exportFileName('duplicates', format);
    let blob: Blob;
    if (format === 'json') {
      const rows = entries.map((e) => ({ id: e.id, count: e.count, places: e.places.map((p) => ({ file: l.files[p.fileIndex] ?? '', row: p.row })) }));
      blob = new Blob([JSON.stringify({ header: header.data, complete: l.complete, duplicates: rows }, null, 1)], { type: 'application/json' });
    } else if (format === 'xlsx') {
      const { writeXlsx } = await import('./export-xlsx.ts');
      blob = (await writeXlsx({ header, captions, sheetName: t('audit.export.sheetDuplicates'),
        rows: entries.map((e) => [e.id, e.count, filesOf(e, l.files).join(', '), placesText(e, l.files)]) })).blob;
    } else {
      const excel = format === 'csv-excel', d = excel ? ';' : ',';
      const line = (cells: (string | number)[]) => cells.map((c) => csvField(String(c), d, excel)).join(d) + '\r\n';
      const parts: string[] = excel ? ['\uFEFF'] : [];
      for (const [c, v] of header.lines) parts.push(line([c, v]));
      parts.push('\r\n', line(captions));
      for (const e of entries) parts.push(line([e.id, e.count, filesOf(e, l.files).join(', '), placesText(e, l.files)]));
      blob = new Blob(parts, { type: 'text/csv;charset=utf-8' });
    }
    downloadBlob(blob, name);
    props.onStatus(t('audit.export.done', { name }));
  }

  return (
    <section class="audit-duplicates" aria-labelledby="audit-dup-heading" data-testid="duplicates-panel">
      <h3 id="audit-dup-heading">{t('audit.dup.heading')}</h3>
      <div class="audit-filters">
        <button type="button" onClick={() => void run()} disabled={busy() || props.running} data-testid="list-duplicates">{t('audit.dup.list')}</button>
        <Show when={busy()}><span class="audit-note" aria-live="polite">{t('audit.dup.running')}</span></Show>
        <Show when={list()}>
          <label>
            <span>{t('audit.dup.filter')}</span>
            <input type="search" value={filter()} onInput={(e) => setFilter(e.currentTarget.value)} data-testid="duplicates-filter" />
          </label>
          <button type="button" onClick={() => void exportList()} disabled={matching().length === 0} data-testid="export-duplicates">{t('audit.dup.export')}</button>
        </Show>
      </div>
      <Show when={list()}>{(l) => (
        <>
          <Show when={!l().complete}><p class="file-error" role="alert">{t('audit.dup.incomplete')}</p></Show>
          <Show when={l().entries.length > 0} fallback={<p data-testid="duplicates-none">{t('audit.dup.none')}</p>}>
            <p aria-live="polite" data-testid="duplicates-count">{t('audit.dup.count', { shown: fmt(matching().length), total: fmt(l().entries.length) })}</p>
            <Show when={matching().length > SHOWN}><p class="audit-note">{t('audit.dup.shownFirst', { n: fmt(SHOWN) })}</p></Show>
            <div class="duplicates-scroll">
              <table class="audit-counts duplicates-table" data-testid="duplicates-table">
                <thead><tr>
                  <th scope="col">{t('audit.dup.col.id')}</th><th scope="col" class="num">{t('audit.dup.col.count')}</th>
                  <th scope="col">{t('audit.dup.col.files')}</th><th scope="col">{t('audit.dup.col.places')}</th>
                </tr></thead>
                <tbody>
                  <For each={matching().slice(0, SHOWN)}>{(e) => (
                    <tr data-testid="duplicate-row">
                      <th scope="row"><code class="tid">{e.id}</code></th>
                      <td class="num" data-col="count">{fmt(e.count)}</td>
                      <td data-col="files">{filesOf(e, l().files).join(', ')}</td>
                      <td data-col="places">{placesText(e, l().files, PLACES_SHOWN)}</td>
                    </tr>
                  )}</For>
                </tbody>
              </table>
            </div>
          </Show>
        </>
      )}</Show>
    </section>
  );
}
