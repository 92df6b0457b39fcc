// The audit page: drop or pick lists of Telematik-IDs, see each file's detected format (and fix
// it), run the audit in the worker pool with progress and cancel, read the summary and findings,
// export them, or check a single ID while typing.
import { createSignal, For, onCleanup, onMount, Show, type Accessor, type JSX } from 'solid-js';
import { getIdWorkerPool } from '../../../workers/audit-runner.ts';
import { t, locale } from '../i18n.tsx';
import { translate, codeKey, formatNumber, knownCodeKey } from '../../i18n/index.ts';
import { loadTelematikIdValidator, type WasmTelematikIdValidator } from '../../domain/telematik-id/index.ts';
import { reasonMessage } from '../../domain/telematik-id/message.ts';
import { MAX_FIELD_LENGTH } from '../../domain/id-lists/index.ts';
import type { Finding, RowResult } from '../../domain/audit/index.ts';
import type { AuditRun } from './store.ts';
import { ACCEPT, addFiles, auditState, clearFiles, readyFiles } from './store.ts';
import { cancelAudit, exportAllResults, startAudit, streamAllResults } from './run.ts';
import { FileCard } from './FileCard.tsx';
import { Summary } from './Summary.tsx';
import { FindingsTable, createFindingsView, type FindingsViewState } from './FindingsTable.tsx';
import { DuplicatesPanel } from './DuplicatesPanel.tsx';
import { inViewOrder } from './findings-view.ts';
import { PrintReport } from './PrintReport.tsx';
import { cellColumnsOf, exportHeader } from './report.ts';
import { SingleId } from './SingleId.tsx';
import { ExportWriter, downloadBlob, exportCaptions, exportCells, exportFileName, type ExportCaptions, type ExportFormat, type ExportRow } from './export.ts';
import './audit.css';

export type ValidatorState = Accessor<{ validator: WasmTelematikIdValidator } | { error: string } | 'loading' | null>;

const [validatorState, setValidatorState] = createSignal<{ validator: WasmTelematikIdValidator } | { error: string } | 'loading' | null>(null);

function ensureValidator(): void {
  if (validatorState() !== null) return;
  setValidatorState('loading');
  loadTelematikIdValidator().then(
    (validator) => setValidatorState({ validator }),
    (e: unknown) => setValidatorState({ error: String((e as Error)?.message ?? e) }),
  );
}

function currentValidator(): WasmTelematikIdValidator | null {
  const v = validatorState();
  return v && v !== 'loading' && 'validator' in v ? v.validator : null;
}

/** The sentence for a reason code, in the current language; Telematik-ID reasons name the exact part. */
function reasonSentence(id: string, code: string | null, span: [number, number] | null = null): string {
  if (!code) return '';
  const rowKey = knownCodeKey('audit.rowError.', code);
  if (rowKey) return t(rowKey);
  if (code === 'TID_TOO_LONG') {
    // Over-long lines come back shortened (or empty when the reader gave up at 1 MiB): say which case.
    if (id === '' || (span && span[1] >= MAX_FIELD_LENGTH)) return t('audit.rowError.LINE_TOO_LONG');
    if (span && span[1] > [...id].length) return t('tid.reason.TID_TOO_LONG', { length: span[1] });
  }
  const validator = currentValidator();
  if (validator) {
    const result = validator.validate(id);
    if (result.reason === code) return reasonMessage(result, locale());
  }
  const key = knownCodeKey('audit.reasonName.', code);
  return key ? t(key) : code;
}

function captions(): ExportCaptions {
  const loc = locale();
  const c = (k: keyof ExportCaptions) => translate(loc, codeKey('audit.export.col.', k));
  return { file: c('file'), row: c('row'), id: c('id'), verdict: c('verdict'), reasonCode: c('reasonCode'), reason: c('reason'), suggestion: c('suggestion') };
}

/** Rows of an .xlsx export: numbers stay numbers (the row column). */
function xlsxRow(r: ExportRow, columns: readonly string[]): (string | number)[] {
  const cells: (string | number)[] = exportCells(r, columns);
  cells[1] = r.row;
  return cells;
}

export function AuditPage(): JSX.Element {
  const [dragging, setDragging] = createSignal(false);
  const [exportFormat, setExportFormat] = createSignal<ExportFormat>('csv-excel');
  const [exportStatus, setExportStatus] = createSignal('');
  const [exporting, setExporting] = createSignal(false);
  const [printAt, setPrintAt] = createSignal<Date | null>(null);
  let picker: HTMLInputElement | undefined;
  onMount(ensureValidator);
  // Start the worker pool (and compile the wasm) while the user is still choosing files.
  onMount(() => { void getIdWorkerPool().catch(() => undefined); });
  // Printing from the browser's menu gets the report too (rendered before the page is laid out).
  onMount(() => {
    const before = () => { if (!printAt()) setPrintAt(new Date()); };
    window.addEventListener('beforeprint', before);
    onCleanup(() => window.removeEventListener('beforeprint', before));
  });

  const reasonText = (f: Finding) => {
    validatorState(); // re-render when the validator arrives
    return reasonSentence(f.id, f.reason, f.span);
  };

  async function add(list: FileList | File[] | null | undefined) {
    if (!list || list.length === 0) return;
    const keys = await addFiles(Array.from(list));
    // Audit right away when a new file is fine; a file that cannot be read leaves the results alone.
    const ready = readyFiles().some((f) => keys.includes(f.key));
    if (ready) await startAudit();
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void add(e.dataTransfer?.files);
  };

  const runErrors = () => {
    const r = auditState.run();
    const map = new Map<number, { code: string; detail?: string | undefined }>();
    if (r) {
      for (const fe of r.result.fileErrors) {
        const key = r.keys[fe.fileIndex];
        if (key !== undefined) map.set(key, { code: fe.code, detail: fe.detail });
      }
    }
    return map;
  };

  /** Percent done, or null while nothing tells it yet (then progress counts rows only). */
  const pct = (): number | null => {
    const p = auditState.progress();
    if (!p || p.bytesTotal <= 0 || p.bytesDone <= 0) return null;
    const v = Math.min(100, Math.round((p.bytesDone / p.bytesTotal) * 100));
    return v > 0 ? v : null;
  };
  const progressText = () => {
    const p = auditState.progress();
    const rows = num(p?.rowsDone ?? 0), rate = num(p?.rowsPerSecond ?? 0);
    const percent = pct();
    return percent === null ? t('audit.progress.rows', { rows, rate }) : t('audit.progress.text', { percent, rows, rate });
  };
  const num = (n: number) => formatNumber(locale(), Math.round(n));

  // JSON is for machines: the stable verdict codes (valid/warning/invalid); CSV and .xlsx are read by people.
  const verdictText = (verdict: 'valid' | 'warning' | 'invalid') =>
    exportFormat() === 'json' ? verdict : translate(locale(), `tid.verdict.${verdict}`);

  const doneText = (name: string, left: number) => left > 0 ? t('audit.export.capped', { name, left: num(left) }) : t('audit.export.done', { name });

  /** The findings as the table shows them (filtered, sorted), with all their source cells. */
  async function exportFindings(r: AuditRun, view: FindingsViewState) {
    const format = exportFormat();
    const header = exportHeader(r.files);
    const columns = cellColumnsOf(r.formats);
    const line = (f: Finding): ExportRow => {
      return { file: r.files[f.fileIndex] ?? '', row: f.row, id: f.id, verdict: verdictText(f.verdict),
        reasonCode: f.reason, reason: reasonSentence(f.id, f.reason, f.span), suggestion: f.suggestion ?? '', cells: f.cells };
    };
    view.flush();
    const indices = view.indices();
    const name = exportFileName('findings', format);
    try {
      if (format === 'xlsx') {
        const { writeXlsx } = await import('./export-xlsx.ts');
        const rows = (function* () { for (const f of inViewOrder(r.result.findings, indices)) yield xlsxRow(line(f), columns); })();
        const { blob, left } = await writeXlsx({ header, captions: exportCaptions(captions(), columns), rows, sheetName: t('audit.export.sheetFindings') });
        downloadBlob(blob, name);
        setExportStatus(doneText(name, left));
        return;
      }
      const writer = new ExportWriter(format, captions(), { header, cellColumns: columns });
      const batch: ExportRow[] = [];
      for (const f of inViewOrder(r.result.findings, indices)) {
        batch.push(line(f));
        if (batch.length >= 5000) { writer.add(batch); batch.length = 0; }
      }
      writer.add(batch);
      downloadBlob(writer.finish(), name);
      setExportStatus(t('audit.export.done', { name }));
    } catch (e) {
      setExportStatus(t('audit.failed', { message: String((e as Error)?.message ?? e) }));
    }
  }

  async function exportAll(r: AuditRun) {
    if (exporting()) return;
    setExporting(true);
    const loc = locale();
    const format = exportFormat();
    const header = exportHeader(r.files);
    const columns = cellColumnsOf(r.formats);
    const describe = (row: RowResult, file: string): ExportRow => {
      const validator = row.verdict === 'valid' ? null : currentValidator();
      const result = validator?.validate(row.id);
      return {
        file, row: row.row, id: row.id, verdict: verdictText(row.verdict), reasonCode: row.reason ?? '',
        reason: row.reason ? (result && result.reason === row.reason ? reasonMessage(result, loc) : reasonSentence(row.id, row.reason)) : '',
        suggestion: result?.suggestion ?? '', cells: row.cells ?? null,
      };
    };
    const counting = (rows: number) => setExportStatus(t('audit.export.running', { rows: num(rows) }));
    try {
      const name = exportFileName('all', format);
      if (format === 'xlsx') {
        const { writeXlsx, XLSX_MAX_ROWS } = await import('./export-xlsx.ts');
        // the library builds the sheet in memory: keep no more rows than a sheet can hold
        const rows: (string | number)[][] = [];
        let seen = 0;
        const done = await streamAllResults(describe, (lines) => {
          for (const l of lines) { if (rows.length < XLSX_MAX_ROWS) rows.push(xlsxRow(l, columns)); seen++; }
          counting(seen);
        });
        if (!done) return;
        const { blob, written } = await writeXlsx({ header, captions: exportCaptions(captions(), columns), rows, sheetName: t('audit.export.sheetFindings') });
        downloadBlob(blob, name);
        setExportStatus(doneText(name, seen - written));
        return;
      }
      const blob = await exportAllResults(format, captions(), { header, cellColumns: columns }, describe, counting);
      if (blob) {
        downloadBlob(blob, name);
        setExportStatus(t('audit.export.done', { name }));
      }
    } catch (e) {
      setExportStatus(t('audit.failed', { message: String((e as Error)?.message ?? e) }));
    } finally {
      setExporting(false);
    }
  }

  function printReport(view: FindingsViewState) {
    view.flush();
    setPrintAt(new Date());
    // let the report render before the print dialog lays out the page
    requestAnimationFrame(() => window.print());
  }

  return (
    <section class="audit-page" aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t('audit.heading')}</h2>
      <p>{t('audit.intro')}</p>

      <div class="audit-drop" classList={{ dragging: dragging() }} data-testid="drop-zone" data-drop-zone=""
        onDragEnter={(e) => { e.preventDefault(); setDragging(true); }}
        onDragOver={(e) => { e.preventDefault(); if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'; }}
        onDragLeave={(e) => { if (e.currentTarget === e.target) setDragging(false); }}
        onDrop={onDrop}>
        <p>{dragging() ? t('audit.drop.active') : t('audit.drop.label')}</p>
        <p>{t('audit.drop.or')}</p>
        <button type="button" onClick={() => picker?.click()}>{t('audit.drop.pick')}</button>
        <input ref={picker} type="file" multiple accept={ACCEPT} class="visually-hidden" tabIndex={-1} aria-hidden="true"
          data-testid="file-input" onChange={(e) => { void add(e.currentTarget.files); e.currentTarget.value = ''; }} />
      </div>

      <section aria-labelledby="audit-files-heading" class="audit-files">
        <h3 id="audit-files-heading">{t('audit.files.heading')}</h3>
        <Show when={auditState.files.length > 0} fallback={<p class="audit-note">{t('audit.files.none')}</p>}>
          <ul class="audit-file-list">
            <For each={auditState.files}>{(f) => <FileCard file={f} runError={runErrors().get(f.key)} />}</For>
          </ul>
          <div class="audit-actions">
            <button type="button" class="primary" data-testid="run-audit" disabled={auditState.running() || readyFiles().length === 0} onClick={() => void startAudit()}>
              {auditState.run() ? t('audit.rerun') : t('audit.run')}
            </button>
            <button type="button" onClick={clearFiles} disabled={auditState.running()}>{t('audit.files.clear')}</button>
          </div>
        </Show>
      </section>

      <Show when={auditState.running()}>
        <div class="audit-progress" data-testid="audit-progress">
          <label for="audit-progress-bar">{t('audit.running')}</label>
          {/* without a known share the bar is indeterminate: it never claims 0 % while rows go by */}
          <Show when={pct() !== null} fallback={<progress id="audit-progress-bar" aria-label={t('audit.progress.label')} />}>
            <progress id="audit-progress-bar" max="100" value={pct() ?? 0} aria-label={t('audit.progress.label')} />
          </Show>
          <span aria-live="polite" data-testid="progress-text">{progressText()}</span>
          <button type="button" onClick={cancelAudit} data-testid="cancel-audit">{t('audit.cancel')}</button>
        </div>
      </Show>
      <Show when={auditState.runError()}>{(m) => <p role="alert" class="file-error">{t('audit.failed', { message: m() })}</p>}</Show>
      <Show when={auditState.stale() && auditState.run() && !auditState.running()}><p class="audit-note" data-testid="stale-note">{t('audit.stale')}</p></Show>

      <Show when={auditState.run()} keyed>{(r) => {
        const view = createFindingsView(() => r.result.findings, () => r.files.length);
        return (
          <div class="audit-results" data-testid="audit-results">
            <p role="status" data-testid="audit-status">
              {r.result.cancelled ? t('audit.cancelled') : t('audit.done', { rows: num(r.result.summary.ids), seconds: formatNumber(locale(), r.result.elapsedMs / 1000, 2) })}
            </p>
            <Summary summary={r.result.summary} files={r.files} />
            <section class="audit-export" aria-labelledby="audit-export-heading">
              <h3 id="audit-export-heading">{t('audit.export.heading')}</h3>
              <label>
                <span>{t('audit.export.format')}</span>
                <select value={exportFormat()} onChange={(e) => setExportFormat(e.currentTarget.value as ExportFormat)} data-testid="export-format">
                  <option value="csv-excel">{t('audit.export.csvExcel')}</option>
                  <option value="csv">{t('audit.export.csv')}</option>
                  <option value="xlsx">{t('audit.export.xlsx')}</option>
                  <option value="json">{t('audit.export.json')}</option>
                </select>
              </label>
              <button type="button" onClick={() => void exportFindings(r, view)} data-testid="export-findings">
                {view.indices().length < r.result.findings.length ? t('audit.export.findingsShown', { n: num(view.indices().length) }) : t('audit.export.findings')}
              </button>
              <button type="button" onClick={() => void exportAll(r)} disabled={exporting() || auditState.running()} data-testid="export-all">{t('audit.export.all')}</button>
              <button type="button" onClick={() => printReport(view)} data-testid="print-report-button">{t('audit.print.button')}</button>
              <span aria-live="polite" class="audit-note" data-testid="export-status">{exportStatus()}</span>
            </section>
            <DuplicatesPanel format={exportFormat} running={auditState.running()} onStatus={setExportStatus} />
            <FindingsTable findings={r.result.findings} files={r.files} truncated={r.result.findingsTruncated}
              reasonText={reasonText} view={view} />
            <Show when={printAt()}>
              {(at) => <PrintReport findings={r.result.findings} files={r.files} columns={view.shownColumns()} madeAt={at()} />}
            </Show>
          </div>
        );
      }}</Show>

      <SingleId validator={validatorState} />
    </section>
  );
}
