// One chosen file: its detected format (or why it cannot be audited) and the controls to override
// encoding, delimiter, header and ID column.
import { For, Show, type JSX } from 'solid-js';
import { t, locale } from '../i18n.tsx';
import { formatNumber } from '../../i18n/index.ts';
import { DELIMITERS, type Delimiter, type ListError, type TextEncodingName } from '../../domain/id-lists/index.ts';
import { removeFile, setOverride, type AuditFile } from './store.ts';

const ENCODINGS: TextEncodingName[] = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'];
const DELIMITER_KEYS: Record<Delimiter, 'audit.delimiter.semicolon' | 'audit.delimiter.comma' | 'audit.delimiter.tab' | 'audit.delimiter.pipe'> = {
  ';': 'audit.delimiter.semicolon', ',': 'audit.delimiter.comma', '\t': 'audit.delimiter.tab', '|': 'audit.delimiter.pipe',
};
const DELIMITER_VALUES: Record<string, Delimiter | null> = { none: null, semicolon: ';', comma: ',', tab: '\t', pipe: '|' };
const delimiterValue = (d: Delimiter | null | undefined) => (d === null ? 'none' : d === ';' ? 'semicolon' : d === ',' ? 'comma' : d === '\t' ? 'tab' : d === '|' ? 'pipe' : '');

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = bytes / 1024, u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return `${formatNumber(locale(), v, 1)} ${units[u]}`;
}

/** The message of a file-level problem, naming the file. */
export function listErrorText(name: string, error: { error?: string; code?: string; detail?: string | undefined }): string {
  const code = error.error ?? error.code ?? 'unknown';
  const detail = error.detail ? t('audit.error.detail', { detail: error.detail }) : '';
  switch (code) {
    case 'EMPTY_FILE': case 'BINARY_FILE': case 'NO_ID_COLUMN':
      return t(`audit.error.${code}`, { name });
    case 'UNREADABLE': case 'XLSX_INVALID': case 'XLSX_TRUNCATED': case 'SHEET_NOT_FOUND': case 'DIRECTORY_INVALID': case 'FILE_TOO_LARGE':
      return t(`audit.error.${code}`, { name, detail });
    case 'UNSUPPORTED_SPREADSHEET':
      return t('audit.error.UNSUPPORTED_SPREADSHEET', { name, detail: error.detail ?? '' });
    default:
      return t('audit.error.unknown', { name, code });
  }
}

function columnCaption(f: AuditFile, i: number): string {
  const caption = f.format?.hasHeader ? f.format.columns[i] : undefined;
  return caption && caption !== '' ? `${i + 1}: ${caption}` : t('audit.column.generated', { n: i + 1 });
}

export function FileCard(props: { file: AuditFile; runError?: { code: string; detail?: string | undefined } | undefined }): JSX.Element {
  const f = () => props.file;
  const id = () => `file-${f().key}`;
  const columnCount = () => Math.max(f().format?.columns.length ?? 0, ...f().preview.map((r) => r.length), 1);
  const isDirectory = () => f().format?.kind === 'fhir' || f().format?.kind === 'ldif';
  const showControls = () => (f().status === 'ready' && !isDirectory()) || f().error?.error === 'NO_ID_COLUMN';
  const sheetNames = () => f().sheetNames;
  const description = () => {
    const fm = f().format;
    if (!fm) return '';
    // directory exports have no columns to choose: say where the IDs come from
    if (fm.kind === 'fhir') return t('audit.files.fhir');
    if (fm.kind === 'ldif') return t('audit.files.ldif');
    return t('audit.files.detected', {
      kind: t(`audit.kind.${fm.kind}`),
      encoding: fm.kind === 'xlsx' ? 'XLSX' : t(`audit.encoding.${fm.encoding}`),
      delimiter: fm.delimiter ? t('audit.delimiterShown', { delimiter: fm.delimiter === '\t' ? 'TAB' : fm.delimiter }) : '',
      header: t(fm.hasHeader ? 'audit.header.yes' : 'audit.header.no'),
      column: fm.hasHeader ? (fm.columns[fm.idColumn] ?? String(fm.idColumn + 1)) : t('audit.column.generated', { n: fm.idColumn + 1 }),
      source: t(`audit.source.${fm.idColumnSource}`),
    });
  };
  return (
    <li class="audit-file" classList={{ 'has-error': f().status === 'error' || !!props.runError }} data-testid="audit-file" data-file-name={f().name} aria-labelledby={`${id()}-name`}>
      <div class="audit-file-head">
        <strong id={`${id()}-name`}>{f().name}</strong>
        <span class="audit-note">{formatSize(f().size)}</span>
        <button type="button" class="link-button" onClick={() => removeFile(f().key)} aria-label={t('audit.files.remove', { name: f().name })}>✕</button>
      </div>
      <Show when={f().status === 'detecting'}><p class="audit-note">{t('audit.files.detecting')}</p></Show>
      <Show when={f().error}>{(err) => <p role="alert" class="file-error" data-testid="file-error" data-code={err().error}>{listErrorText(f().name, err() as ListError)}</p>}</Show>
      <Show when={props.runError}>{(err) => <p role="alert" class="file-error" data-testid="file-error" data-code={err().code}>{listErrorText(f().name, err())}</p>}</Show>
      <Show when={f().status === 'ready'}><p data-testid="file-format">{description()}</p></Show>
      <Show when={showControls()}>
        <fieldset class="audit-overrides">
          <legend>{t('audit.files.settings', { name: f().name })}</legend>
          <Show when={sheetNames().length > 1}>
            <label>
              <span>{t('audit.override.sheet')}</span>
              <select data-testid="override-sheet" value={String(f().overrides.sheet ?? f().format?.sheet ?? 0)}
                onChange={(e) => void setOverride(f().key, 'sheet', Number(e.currentTarget.value))}>
                <For each={sheetNames()}>{(name, i) => <option value={String(i())}>{name}</option>}</For>
              </select>
            </label>
          </Show>
          <Show when={f().format?.kind !== 'xlsx'}>
            <label>
              <span>{t('audit.override.encoding')}</span>
              <select data-testid="override-encoding" value={f().overrides.encoding ?? f().format?.encoding ?? ''}
                onChange={(e) => void setOverride(f().key, 'encoding', (e.currentTarget.value || undefined) as TextEncodingName | undefined)}>
                <Show when={!f().format}><option value="">–</option></Show>
                <For each={ENCODINGS}>{(enc) => <option value={enc}>{t(`audit.encoding.${enc}`)}</option>}</For>
              </select>
            </label>
            <label>
              <span>{t('audit.override.delimiter')}</span>
              <select data-testid="override-delimiter" value={delimiterValue(f().overrides.delimiter !== undefined ? f().overrides.delimiter : f().format?.delimiter)}
                onChange={(e) => void setOverride(f().key, 'delimiter', DELIMITER_VALUES[e.currentTarget.value] ?? null)}>
                <option value="none">{t('audit.delimiter.none')}</option>
                <For each={DELIMITERS}>{(d) => <option value={delimiterValue(d)}>{t(DELIMITER_KEYS[d])}</option>}</For>
              </select>
            </label>
          </Show>
          <label class="checkbox">
            <input type="checkbox" data-testid="override-header" checked={f().overrides.hasHeader ?? f().format?.hasHeader ?? false}
              onChange={(e) => void setOverride(f().key, 'hasHeader', e.currentTarget.checked)} />
            <span>{t('audit.override.header')}</span>
          </label>
          <label>
            <span>{t('audit.override.column')}</span>
            <select data-testid="override-column" value={String(f().overrides.idColumn ?? f().format?.idColumn ?? '')}
              onChange={(e) => void setOverride(f().key, 'idColumn', e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value))}>
              <Show when={!f().format}><option value="">–</option></Show>
              <For each={Array.from({ length: columnCount() }, (_, i) => i)}>
                {(i) => <option value={String(i)}>{columnCaption(f(), i)}</option>}
              </For>
            </select>
          </label>
          <label>
            <span>{t('audit.override.columnNumber')}</span>
            <input type="number" min="1" max="16384" class="narrow" data-testid="override-column-number"
              value={(f().overrides.idColumn ?? f().format?.idColumn ?? 0) + 1}
              onChange={(e) => { const n = Number(e.currentTarget.value); if (Number.isInteger(n) && n >= 1) void setOverride(f().key, 'idColumn', n - 1); }} />
          </label>
        </fieldset>
        <Show when={f().preview.length > 0}>
          <details class="audit-preview">
            <summary>{t('audit.files.preview')}</summary>
            <table>
              <tbody>
                <For each={f().preview}>{(row) => (
                  <tr><For each={row}>{(cell, c) => <td classList={{ 'id-col': c() === (f().format?.idColumn ?? -1) }}>{cell}</td>}</For></tr>
                )}</For>
              </tbody>
            </table>
          </details>
        </Show>
      </Show>
    </li>
  );
}
