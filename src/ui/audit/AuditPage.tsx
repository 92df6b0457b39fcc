// The audit page: drop or pick lists of Telematik-IDs, see each file's detected format (and fix
// it), run the audit in the worker pool with progress and cancel, read the summary and findings,
// export them, or check a single ID while typing.
import { createSignal, For, onMount, Show, type Accessor, type JSX } from 'solid-js';
import { getIdWorkerPool } from '../../../workers/audit-runner.ts';
import { t, locale } from '../i18n.tsx';
import { translate, codeKey, formatNumber, knownCodeKey } from '../../i18n/index.ts';
import { loadTelematikIdValidator, type WasmTelematikIdValidator } from '../../domain/telematik-id/index.ts';
import { reasonMessage } from '../../domain/telematik-id/message.ts';
import { MAX_FIELD_LENGTH } from '../../domain/id-lists/index.ts';
import type { Finding, RowResult } from '../../domain/audit/index.ts';
import { ACCEPT, addFiles, auditState, clearFiles, readyFiles } from './store.ts';
import { cancelAudit, exportAllResults, startAudit } from './run.ts';
import { FileCard } from './FileCard.tsx';
import { Summary } from './Summary.tsx';
import { FindingsTable } from './FindingsTable.tsx';
import { SingleId } from './SingleId.tsx';
import { ExportWriter, downloadBlob, exportFileName, type ExportCaptions, type ExportFormat, type ExportRow } from './export.ts';
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

export function AuditPage(): JSX.Element {
  const [dragging, setDragging] = createSignal(false);
  const [exportFormat, setExportFormat] = createSignal<ExportFormat>('csv-excel');
  const [exportStatus, setExportStatus] = createSignal('');
  const [exporting, setExporting] = createSignal(false);
  let picker: HTMLInputElement | undefined;
  onMount(ensureValidator);
  // Start the worker pool (and compile the wasm) while the user is still choosing files.
  onMount(() => { void getIdWorkerPool().catch(() => undefined); });

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
    if (r) for (const fe of r.result.fileErrors) { const key = r.keys[fe.fileIndex]; if (key !== undefined) map.set(key, { code: fe.code, detail: fe.detail }); }
    return map;
  };

  const pct = () => {
    const p = auditState.progress();
    return p && p.bytesTotal > 0 ? Math.min(100, Math.round((p.bytesDone / p.bytesTotal) * 100)) : 0;
  };
  const num = (n: number) => formatNumber(locale(), Math.round(n));

  // JSON is for machines: the stable verdict codes (valid/warning/invalid); CSV is read by people.
  const verdictText = (verdict: 'valid' | 'warning' | 'invalid') =>
    exportFormat() === 'json' ? verdict : translate(locale(), `tid.verdict.${verdict}`);

  function exportFindings() {
    const r = auditState.run();
    if (!r) return;
    const writer = new ExportWriter(exportFormat(), captions());
    const batch: ExportRow[] = [];
    for (const f of r.result.findings) {
      batch.push({ file: r.files[f.fileIndex] ?? '', row: f.row, id: f.id, verdict: verdictText(f.verdict),
        reasonCode: f.reason, reason: reasonSentence(f.id, f.reason, f.span), suggestion: f.suggestion ?? '' });
      if (batch.length >= 5000) { writer.add(batch); batch.length = 0; }
    }
    writer.add(batch);
    const name = exportFileName('findings', exportFormat());
    downloadBlob(writer.finish(), name);
    setExportStatus(t('audit.export.done', { name }));
  }

  async function exportAll() {
    if (exporting()) return;
    setExporting(true);
    const loc = locale();
    try {
      const blob = await exportAllResults(exportFormat(), captions(), (row: RowResult, file: string): ExportRow => {
        const validator = row.verdict === 'valid' ? null : currentValidator();
        const result = validator?.validate(row.id);
        return {
          file, row: row.row, id: row.id, verdict: verdictText(row.verdict), reasonCode: row.reason ?? '',
          reason: row.reason ? (result && result.reason === row.reason ? reasonMessage(result, loc) : reasonSentence(row.id, row.reason)) : '',
          suggestion: result?.suggestion ?? '',
        };
      }, (rows) => setExportStatus(t('audit.export.running', { rows: num(rows) })));
      if (blob) {
        const name = exportFileName('all', exportFormat());
        downloadBlob(blob, name);
        setExportStatus(t('audit.export.done', { name }));
      }
    } catch (e) {
      setExportStatus(t('audit.failed', { message: String((e as Error)?.message ?? e) }));
    } finally {
      setExporting(false);
    }
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
          <progress id="audit-progress-bar" max="100" value={pct()} aria-label={t('audit.progress.label')} />
          <span aria-live="polite">{t('audit.progress.text', { percent: pct(), rows: num(auditState.progress()?.rowsDone ?? 0), rate: num(auditState.progress()?.rowsPerSecond ?? 0) })}</span>
          <button type="button" onClick={cancelAudit} data-testid="cancel-audit">{t('audit.cancel')}</button>
        </div>
      </Show>
      <Show when={auditState.runError()}>{(m) => <p role="alert" class="file-error">{t('audit.failed', { message: m() })}</p>}</Show>
      <Show when={auditState.stale() && auditState.run() && !auditState.running()}><p class="audit-note" data-testid="stale-note">{t('audit.stale')}</p></Show>

      <Show when={auditState.run()}>{(r) => (
        <div class="audit-results" data-testid="audit-results">
          <p role="status" data-testid="audit-status">
            {r().result.cancelled ? t('audit.cancelled') : t('audit.done', { rows: num(r().result.summary.ids), seconds: formatNumber(locale(), r().result.elapsedMs / 1000, 2) })}
          </p>
          <Summary summary={r().result.summary} />
          <section class="audit-export" aria-labelledby="audit-export-heading">
            <h3 id="audit-export-heading">{t('audit.export.heading')}</h3>
            <label>
              <span>{t('audit.export.format')}</span>
              <select value={exportFormat()} onChange={(e) => setExportFormat(e.currentTarget.value as ExportFormat)} data-testid="export-format">
                <option value="csv-excel">{t('audit.export.csvExcel')}</option>
                <option value="csv">{t('audit.export.csv')}</option>
                <option value="json">{t('audit.export.json')}</option>
              </select>
            </label>
            <button type="button" onClick={exportFindings} data-testid="export-findings">{t('audit.export.findings')}</button>
            <button type="button" onClick={() => void exportAll()} disabled={exporting() || auditState.running()} data-testid="export-all">{t('audit.export.all')}</button>
            <span aria-live="polite" class="audit-note" data-testid="export-status">{exportStatus()}</span>
          </section>
          <FindingsTable findings={r().result.findings} files={r().files} truncated={r().result.findingsTruncated} reasonText={reasonText} />
        </div>
      )}</Show>

      <SingleId validator={validatorState} />
    </section>
  );
}
