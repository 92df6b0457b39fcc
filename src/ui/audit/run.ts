// Starts audits through the worker runner and keeps the page's state in step; also the "export all"
// run, which streams every row's result into an export instead of keeping rows in memory.
import { batch } from 'solid-js';
import { runAudit, listDuplicatesInWorkers } from '../../../workers/audit-runner.ts';
import type { AuditInput, DuplicateListResult, RowResult } from '../../domain/audit/index.ts';
import { readyFiles, setProgress, setRun, setRunError, setRunning, setStale, auditState, clearFiles } from './store.ts';
import { onErase } from '../privacy/session-data.ts';
import { ExportWriter, type ExportCaptions, type ExportOptions, type ExportRow } from './export.ts';

let controller: AbortController | null = null;

function inputs(): { inputs: AuditInput[]; names: string[]; keys: number[] } {
  const ready = readyFiles();
  return {
    // plain copies of the store's arrays: its proxies cannot be posted to a worker
    inputs: ready.map((f) => ({ file: f.file, name: f.name, format: {
      ...f.format!, columns: [...f.format!.columns], ...(f.format!.sheetNames ? { sheetNames: [...f.format!.sheetNames] } : {}),
    } })),
    names: ready.map((f) => f.name),
    keys: ready.map((f) => f.key),
  };
}

/** Audits all ready files. Earlier results stay on screen until this one finishes (or is cancelled). */
export async function startAudit(): Promise<void> {
  if (auditState.running()) return;
  const { inputs: list, names, keys } = inputs();
  if (list.length === 0) return;
  controller = new AbortController();
  batch(() => { setRunning(true); setRunError(null); setProgress(null); });
  try {
    const result = await runAudit(list, { signal: controller.signal, onProgress: (p) => setProgress(p) });
    batch(() => { setRun({ result, files: names, keys, formats: list.map((i) => i.format) }); setStale(false); });
  } catch (e) {
    setRunError(String((e as Error)?.message ?? e));
  } finally {
    controller = null;
    setRunning(false);
  }
}

export function cancelAudit(): void {
  controller?.abort();
}

/**
 * Re-runs the audit of the last run's files with `onRows`, writing each row's result into an export.
 * `describe` turns a row into its export line (reason text in the user's language). CSV and JSON
 * stream into Blob parts; .xlsx gets the lines through `onLines` (its library builds one sheet).
 */
export async function exportAllResults(format: 'csv' | 'csv-excel' | 'json', captions: ExportCaptions, options: ExportOptions,
  describe: (row: RowResult, fileName: string) => ExportRow,
  onCount: (rows: number) => void, signal?: AbortSignal): Promise<Blob | null> {
  const writer = new ExportWriter(format, captions, options);
  const done = await streamAllResults(describe, (rows) => { writer.add(rows); onCount(writer.rows); }, signal);
  return done ? writer.finish() : null;
}

/** Every row's export line of the last run's files, in batches; false when cancelled or there is nothing to run. */
export async function streamAllResults(describe: (row: RowResult, fileName: string) => ExportRow,
  onLines: (rows: ExportRow[]) => void, signal?: AbortSignal): Promise<boolean> {
  const { inputs: list, names } = inputs();
  if (list.length === 0) return false;
  const result = await runAudit(list, {
    ...(signal ? { signal } : {}),
    onRows: (rows) => onLines(rows.map((r) => describe(r, names[r.fileIndex] ?? ''))),
  });
  return !result.cancelled;
}

/** Which IDs repeat, in which files and rows: a second pass over the ready files (bounded, see DuplicateList). */
export async function findDuplicates(
  signal?: AbortSignal,
): Promise<(DuplicateListResult & { cancelled: boolean; files: string[] }) | null> {
  const { inputs: list, names } = inputs();
  if (list.length === 0) return null;
  const result = await listDuplicatesInWorkers(list, signal ? { signal } : {});
  return { ...result, files: names };
}

// "Erase now" and the kiosk's reset (src/ui/privacy/session-data.ts): stop any run, drop files and results.
onErase(() => {
  cancelAudit();
  clearFiles();
  batch(() => { setRun(null); setProgress(null); setRunError(null); setStale(false); });
});
