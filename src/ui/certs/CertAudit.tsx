import { createMemo, createSignal, Show, type JSX } from 'solid-js';
import { t, locale } from '../i18n.tsx';
import { codeKey, translate } from '../../i18n/index.ts';
import { analyseInWorkers } from '../../../workers/cert-pool.ts';
import { reportOf, isReportError, reportsToCsv, type CertificateReport, type ReportError } from '../../domain/pki/report.ts';
import { withIssuerChecks, problemText as problemTextOf, type Problem } from '../../domain/pki/index.ts';
import { onErase } from '../privacy/session-data.ts';
import { CertTable, rowHaystack, type CertRow } from './CertTable.tsx';
import { AsOfField } from '../shared/AsOfField.tsx';
import { instantOfDay, localDay } from '../../domain/card-report/index.ts';

type Row = CertRow;

/** Re-runs the checks that compare certificates across all dropped files (authority key ID vs issuer). */
function withChainChecks(rows: Row[]): Row[] {
  const certs = rows.filter((r): r is Row & { report: CertificateReport } => !isReportError(r.report));
  const checked = withIssuerChecks(certs.map((r) => r.report));
  const byRow = new Map(certs.map((r, k) => [r, checked[k]!]));
  return rows.map((r) => { const c = byRow.get(r as Row & { report: CertificateReport }); return c && c !== r.report ? { ...r, report: c } : r; });
}

const problemText = (p: Problem) => problemTextOf(p, locale());
const errorText = (code: ReportError['error']) => translate(locale(), codeKey('cert.error.', code));

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url; a.download = name; a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function CertAudit(props: { onOpen: (name: string, bytes: Uint8Array, index: number) => void }): JSX.Element {
  const [rows, setRows] = createSignal<Row[]>([]);
  const [files, setFiles] = createSignal(0);
  const [filter, setFilter] = createSignal('');
  onErase(() => { setRows([]); setFiles(0); setFilter(''); });
  const [busy, setBusy] = createSignal(false);
  const [onlyProblems, setOnlyProblems] = createSignal(false);
  const [dragging, setDragging] = createSignal(false);
  // "Stand am": validity (expired / not yet valid) judged for this day; null = now.
  const [asOf, setAsOf] = createSignal<string | null>(null);
  // The dropped files, in order, so a new "Stand am" day re-checks them all.
  let sources: { name: string; bytes: Uint8Array }[] = [];
  let generation = 0;
  onErase(() => { sources = []; generation++; setAsOf(null); });
  const checkTime = (): number => { const d = asOf(); return d ? instantOfDay(d).getTime() : Date.now(); };

  const analyse = async (list: { name: string; bytes: Uint8Array }[], now: number): Promise<Row[]> =>
    (await Promise.all(list.map(async ({ name, bytes }) => {
      const entries = await analyseInWorkers(name, bytes.slice(), now); // the worker takes the transferred copy
      return entries.map((e) => ({ report: reportOf(e), bytes }));
    }))).flat();

  async function addFiles(list: File[]): Promise<void> {
    setBusy(true);
    const mine = generation;
    try {
      const added = await Promise.all(list.map(async (f) => ({
        name: (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name,
        bytes: new Uint8Array(await f.arrayBuffer()),
      })));
      const results = await analyse(added, checkTime());
      if (mine !== generation) return;
      sources.push(...added);
      setRows((old) => withChainChecks([...old, ...results]));
      setFiles((n) => n + list.length);
    } finally { setBusy(false); }
  }

  /** A new day: every file is checked again for it (the list keeps its order). */
  async function changeDay(day: string | null): Promise<void> {
    setAsOf(day);
    if (sources.length === 0) return;
    const mine = ++generation;
    setBusy(true);
    try {
      const results = await analyse(sources, checkTime());
      if (mine === generation) setRows(withChainChecks(results));
    } finally { setBusy(false); }
  }

  function clearList(): void { sources = []; generation++; setRows([]); setFiles(0); setFilter(''); }

  async function filesFromDrop(e: DragEvent): Promise<File[]> {
    const out: File[] = [];
    const items = [...(e.dataTransfer?.items ?? [])];
    const entries = items.map((i) => i.webkitGetAsEntry?.()).filter((x): x is FileSystemEntry => !!x);
    if (entries.length === 0) return [...(e.dataTransfer?.files ?? [])];
    const walk = async (entry: FileSystemEntry): Promise<void> => {
      if (entry.isFile) out.push(await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej)));
      else if (entry.isDirectory) {
        const reader = (entry as FileSystemDirectoryEntry).createReader();
        let batch: FileSystemEntry[];
        do { batch = await new Promise((res, rej) => reader.readEntries(res, rej)); for (const c of batch) await walk(c); } while (batch.length > 0);
      }
    };
    for (const en of entries) await walk(en);
    return out;
  }

  // Search text per row, rebuilt when the language changes (problem texts are part of it).
  let haystacks = new WeakMap<Row, string>();
  let haystackLocale = locale();
  const visible = createMemo(() => {
    const words = filter().toLowerCase().split(/\s+/).filter(Boolean);
    if (locale() !== haystackLocale) { haystacks = new WeakMap(); haystackLocale = locale(); }
    return rows().filter((r) => {
      if (onlyProblems() && !isReportError(r.report) && !r.report.problems.some((p) => p.severity !== 'info')) return false;
      if (words.length === 0) return true;
      let text = haystacks.get(r);
      if (text === undefined) haystacks.set(r, (text = rowHaystack(r, problemText, errorText)));
      return words.every((w) => text!.includes(w));
    });
  });
  const summary = createMemo(() => {
    const rs = rows();
    return {
      certs: rs.filter((r) => !isReportError(r.report)).length,
      files: files(),
      problems: rs.filter((r) => !isReportError(r.report) && r.report.problems.some((p) => p.severity === 'error')).length,
      unreadable: rs.filter((r) => isReportError(r.report)).length,
    };
  });

  return (
    <div class="cert-audit">
      <div
        class="drop-zone" classList={{ dragging: dragging() }} data-testid="cert-drop" data-drop-zone=""
        onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
        onDragLeave={() => setDragging(false)}
        onDrop={async (e) => { e.preventDefault(); setDragging(false); await addFiles(await filesFromDrop(e)); }}
      >
        <p>{t('cert.drop.label')}</p>
        <label class="button">{t('cert.drop.files')}
          <input type="file" multiple accept=".der,.cer,.crt,.pem,.cvc,.txt" data-testid="cert-files" class="visually-hidden"
            onChange={(e) => { void addFiles([...(e.currentTarget.files ?? [])]); e.currentTarget.value = ''; }} />
        </label>
        <label class="button">{t('cert.drop.folder')}
          <input type="file" multiple {...{ webkitdirectory: true }} class="visually-hidden"
            onChange={(e) => { void addFiles([...(e.currentTarget.files ?? [])]); e.currentTarget.value = ''; }} />
        </label>
        <p class="hint">{t('cert.drop.hint')}</p>
      </div>
      <div class="cert-asof">
        <AsOfField day={asOf()} today={localDay(new Date())} onChange={(d) => void changeDay(d)} hint={t('cert.asOfHint')} testId="cert-asof" />
      </div>
      <p role="status" aria-live="polite" data-testid="cert-summary" aria-busy={busy()}>
        {rows().length === 0 ? t('cert.audit.empty') : t('cert.audit.summary', summary())}
      </p>
      <Show when={rows().length > 0}>
        <div class="cert-toolbar">
          <label>{t('cert.audit.filter')} <input type="search" data-testid="cert-filter" value={filter()} placeholder={t('cert.audit.filterHint')}
            onInput={(e) => setFilter(e.currentTarget.value)} /></label>
          <label><input type="checkbox" checked={onlyProblems()} onChange={(e) => setOnlyProblems(e.currentTarget.checked)} /> {t('cert.audit.onlyProblems')}</label>
          <span role="status" data-testid="cert-shown">{t('cert.audit.shown', { shown: visible().length, total: rows().length })}</span>
          <button onClick={() => download('zertifikate.csv', reportsToCsv(rows().map((r) => r.report), problemText, errorText), 'text/csv;charset=utf-8')}>{t('cert.export.csv')}</button>
          <button onClick={() => download('zertifikate.json', JSON.stringify(rows().map((r) => r.report), null, 2), 'application/json')}>{t('cert.export.json')}</button>
          <button onClick={clearList}>{t('cert.audit.clear')}</button>
        </div>
        <CertTable rows={visible()} problemText={problemText} errorText={errorText} onOpen={props.onOpen} />
      </Show>
    </div>
  );
}
