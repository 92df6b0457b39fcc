// State of the audit page: the chosen files with their detected (or overridden) format, the last
// audit result, progress. Files that cannot be read keep their own message; results already shown
// stay until a new audit finishes.
import { createStore, produce } from 'solid-js/store';
import { createSignal } from 'solid-js';
import {
  SNIFF_BYTES, sniffListFormat, sniffXlsx, isListError, previewRecords,
  type FormatOverrides, type ListError, type ListFormat,
} from '../../domain/id-lists/index.ts';
import type { AuditProgress, AuditResult } from '../../domain/audit/index.ts';

export interface AuditFile {
  key: number;
  file: File;
  name: string;
  size: number;
  status: 'detecting' | 'ready' | 'error';
  format: ListFormat | null;
  error: ListError | null;
  overrides: FormatOverrides & { sheet?: number };
  preview: string[][];
  /** The workbook's sheets as last detected (kept while a chosen sheet has no ID column, to pick another). */
  sheetNames: string[];
}

export interface AuditRun {
  result: AuditResult;
  /** File names by fileIndex of the result. */
  files: string[];
  /** AuditFile keys by fileIndex (names may repeat). */
  keys: number[];
  /** The formats the files were read with, by fileIndex. */
  formats: ListFormat[];
}

let nextKey = 1;
const samples = new Map<number, Uint8Array>();

const [files, setFiles] = createStore<AuditFile[]>([]);
const [run, setRun] = createSignal<AuditRun | null>(null);
const [running, setRunning] = createSignal(false);
const [progress, setProgress] = createSignal<AuditProgress | null>(null);
const [runError, setRunError] = createSignal<string | null>(null);
const [stale, setStale] = createSignal(false);

export const auditState = { files, run, running, progress, runError, stale };
export { setRun, setRunning, setProgress, setRunError, setStale };

const ACCEPTED = /\.(txt|csv|tsv|tab|xlsx|xlsm|text|lst|json|ldif|ldf)$/i;
/** Accept attribute of the file picker (other files can still be dropped and get a specific message). */
export const ACCEPT = '.txt,.csv,.tsv,.xlsx,.json,.ldif,.ldf,text/plain,text/csv,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const isListFileName = (name: string) => ACCEPTED.test(name);

async function detect(file: File, sample: Uint8Array, overrides: AuditFile['overrides']): Promise<ListFormat | ListError> {
  if (file.size === 0) return { error: 'EMPTY_FILE' };
  const format = sniffListFormat(sample, file.name, overrides);
  if (isListError(format) || format.kind !== 'xlsx') return format;
  return sniffXlsx(file, overrides);
}

async function redetect(key: number): Promise<void> {
  const entry = files.find((f) => f.key === key);
  if (!entry) return;
  let sample = samples.get(key);
  try {
    if (!sample) {
      sample = new Uint8Array(await entry.file.slice(0, SNIFF_BYTES).arrayBuffer());
      samples.set(key, sample);
    }
  } catch (e) {
    update(key, { status: 'error', format: null, error: { error: 'UNREADABLE', detail: String((e as Error)?.message ?? e) }, preview: [] });
    return;
  }
  const result = await detect(entry.file, sample, { ...entry.overrides });
  if (isListError(result)) {
    // Without an ID column the rows can still be previewed so that the user can pick one.
    const preview = result.error === 'NO_ID_COLUMN' ? previewOf(sample, entry, result) : [];
    update(key, { status: 'error', format: null, error: result, preview });
  } else {
    update(key, { status: 'ready', format: result, error: null, preview: previewRecords(sample, result, 6), ...(result.sheetNames ? { sheetNames: [...result.sheetNames] } : {}) });
  }
}

function previewOf(sample: Uint8Array, entry: AuditFile, _error: ListError): string[][] {
  const probe = sniffListFormat(sample, entry.name, { ...entry.overrides, idColumn: entry.overrides.idColumn ?? 0 });
  return isListError(probe) ? [] : previewRecords(sample, probe, 6);
}

function update(key: number, patch: Partial<AuditFile>): void {
  setFiles((f) => f.key === key, patch);
}

/** Adds files and detects their formats; resolves when all are detected. */
export async function addFiles(list: Iterable<File>): Promise<number[]> {
  const keys: number[] = [];
  for (const file of list) {
    const key = nextKey++;
    keys.push(key);
    setFiles(produce((all) => {
      all.push({ key, file, name: file.name, size: file.size, status: 'detecting', format: null, error: null, overrides: {}, preview: [], sheetNames: [] });
    }));
  }
  await Promise.all(keys.map(redetect));
  // Only a new auditable file makes the shown results outdated; a file that failed changes nothing.
  if (files.some((f) => keys.includes(f.key) && f.status === 'ready')) setStale(run() !== null);
  return keys;
}

export function removeFile(key: number): void {
  samples.delete(key);
  setFiles((all) => all.filter((f) => f.key !== key));
  setStale(run() !== null);
}

export function clearFiles(): void {
  samples.clear();
  setFiles([]);
  setStale(run() !== null);
}

/** Applies a user override (undefined = back to detection) and detects again. */
export async function setOverride<K extends keyof AuditFile['overrides']>(key: number, name: K, value: AuditFile['overrides'][K] | undefined): Promise<void> {
  setFiles((f) => f.key === key, 'overrides', produce((o) => {
    if (value === undefined) delete o[name]; else o[name] = value;
    // A different delimiter or encoding changes the columns: the column choice starts over.
    if (name === 'delimiter' || name === 'encoding') delete o.idColumn;
    // another sheet has its own header and columns
    if (name === 'sheet') { delete o.idColumn; delete o.hasHeader; }
  }));
  setStale(run() !== null);
  await redetect(key);
}

export function readyFiles(): AuditFile[] {
  return files.filter((f) => f.status === 'ready' && f.format);
}
