// Starts audits through the worker runner and keeps the page's state in step; also the "export all"
// run, which streams every row's result into an export instead of keeping rows in memory.
import { batch } from 'solid-js';
import { runAudit } from '../../../workers/audit-runner.ts';
import type { AuditInput, RowResult } from '../../domain/audit/index.ts';
import { readyFiles, setProgress, setRun, setRunError, setRunning, setStale, auditState, clearFiles } from './store.ts';
import { onErase } from '../privacy/session-data.ts';
import { ExportWriter, type ExportCaptions, type ExportFormat, type ExportRow } from './export.ts';

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
    batch(() => { setRun({ result, files: names, keys }); setStale(false); });
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
 * `describe` turns a row into its export line (reason text in the user's language).
 */
export async function exportAllResults(format: ExportFormat, captions: ExportCaptions,
  describe: (row: RowResult, fileName: string) => ExportRow,
  onCount: (rows: number) => void, signal?: AbortSignal): Promise<Blob | null> {
  const { inputs: list, names } = inputs();
  if (list.length === 0) return null;
  const writer = new ExportWriter(format, captions);
  const result = await runAudit(list, {
    ...(signal ? { signal } : {}),
    onRows: (rows) => {
      writer.add(rows.map((r) => describe(r, names[r.fileIndex] ?? '')));
      onCount(writer.rows);
    },
  });
  if (result.cancelled) return null;
  return writer.finish();
}

// "Erase now" and the kiosk's reset (src/ui/privacy/session-data.ts): stop any run, drop files and results.
onErase(() => {
  cancelAudit();
  clearFiles();
  batch(() => { setRun(null); setProgress(null); setRunError(null); setStale(false); });
});
