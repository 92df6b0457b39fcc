import { createEffect, createMemo, createSignal, For, on, Show, type JSX } from 'solid-js';
import { t, locale } from '../i18n.tsx';
import { codeKey, translate } from '../../i18n/index.ts';
import { analyseInWorkers } from '../../../workers/cert-pool.ts';
import { reportOf, isReportError, reportsToCsv, type CertificateReport, type ReportError } from '../../domain/pki/report.ts';
import { withIssuerChecks, problemText as problemTextOf, type Problem } from '../../domain/pki/index.ts';
import { onErase } from '../privacy/session-data.ts';
import { CertTable, rowHaystack, type CertRow } from './CertTable.tsx';
import { AsOfField } from '../shared/AsOfField.tsx';
import { instantOfDay, localDay } from '../../domain/card-report/index.ts';
import { splitCertificateFile } from '../../domain/pki/index.ts';
import { jsonTrust, TRUST_STATUSES, type TrustVerdict } from '../../domain/pki/trust/index.ts';
import { pageTrust, trustVersion, splitTslFiles, loadTsl } from '../trust/trust-service.ts';
import { TslControl } from '../trust/TslControl.tsx';
import { trustReasonText, trustStatusText } from '../trust/TrustVerdictView.tsx';

type Row = CertRow;

/** Re-runs the checks that compare certificates across all dropped files (authority key ID vs issuer). */
function withChainChecks(rows: Row[]): Row[] {
  const certs = rows.filter((r): r is Row & { report: CertificateReport } => !isReportError(r.report));
  const checked = withIssuerChecks(certs.map((r) => r.report));
  const byRow = new Map(certs.map((r, k) => [r, checked[k]!]));
  return rows.map((r) => {
    const c = byRow.get(r as Row & { report: CertificateReport });
    return c && c !== r.report ? { ...r, report: c } : r;
  });
}

const problemText = (p: Problem) => problemTextOf(p, locale());
const errorText = (code: ReportError['error']) => translate(locale(), codeKey('cert.error.', code));

/** Trust filter: a status, or `env:<environment>` for verified certificates of that environment. */
function trustMatches(v: TrustVerdict | undefined, filter: string): boolean {
  if (!v) return false;
  return filter.startsWith('env:') ? v.status === 'verified' && v.environment === filter.slice(4) : v.status === filter;
}

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

  // Trust verdicts per row (X.509 only), recomputed when rows or the TSL change; all dropped certificates
  // serve as issuers for each other.
  const [trust, setTrust] = createSignal<WeakMap<Row, TrustVerdict>>(new WeakMap());
  const [trustFilter, setTrustFilter] = createSignal('');
  const [trustCount, setTrustCount] = createSignal(0);
  let trustRun = 0;
  createEffect(on([rows, trustVersion], async ([rs]) => {
    const mine = ++trustRun;
    const x509 = rs.filter((r) => !isReportError(r.report) && r.report.format === 'x509');
    if (x509.length === 0) { setTrust(new WeakMap()); setTrustCount(0); return; }
    // One split per file (a PEM bundle's rows share its bytes).
    const split = new Map<Uint8Array, ReturnType<typeof splitCertificateFile>>();
    const ders = x509.map((r) => {
      let blobs = split.get(r.bytes);
      if (!blobs) split.set(r.bytes, (blobs = splitCertificateFile(r.bytes)));
      const index = isReportError(r.report) ? 0 : r.report.index;
      return Array.isArray(blobs) ? blobs[index]?.bytes ?? new Uint8Array() : new Uint8Array();
    });
    const verdicts = await (await pageTrust()).store.verifyX509(ders);
    if (mine !== trustRun) return;
    const map = new WeakMap<Row, TrustVerdict>();
    x509.forEach((r, i) => map.set(r, verdicts[i]!));
    haystacks = new WeakMap();
    setTrust(map);
    setTrustCount(x509.length);
  }));

  // Adding files and changing the day run one after the other: a day picked while files are still being read
  // re-checks them too, and nothing is dropped. Only "clear" and "Jetzt löschen" (generation) discard work.
  let queue: Promise<void> = Promise.resolve();
  const serial = (task: () => Promise<void>): Promise<void> => (queue = queue.then(task, task));

  function addFiles(all: File[]): Promise<void> {
    return serial(async () => {
      setBusy(true);
      const mine = generation;
      try {
        // TSLs are loaded (verified first), not listed as certificates.
        const { tsls, others: list } = await splitTslFiles(all);
        for (const f of tsls) await loadTsl(await f.text());
        if (list.length === 0) return;
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
    });
  }

  /** A new day: every file is checked again for it (the list keeps its order). */
  function changeDay(day: string | null): Promise<void> {
    setAsOf(day);
    return serial(async () => {
      if (sources.length === 0) return;
      const mine = generation;
      setBusy(true);
      try {
        const results = await analyse(sources, checkTime());
        if (mine === generation) setRows(withChainChecks(results));
      } finally { setBusy(false); }
    });
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
        do {
          batch = await new Promise((res, rej) => reader.readEntries(res, rej));
          for (const c of batch) await walk(c);
        } while (batch.length > 0);
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
    const tf = trustFilter();
    const tmap = trust();
    return rows().filter((r) => {
      if (tf && !trustMatches(tmap.get(r), tf)) return false;
      if (onlyProblems() && !isReportError(r.report) && !r.report.problems.some((p) => p.severity !== 'info')) return false;
      if (words.length === 0) return true;
      let text = haystacks.get(r);
      if (text === undefined) {
        const v = tmap.get(r);
        text = rowHaystack(r, problemText, errorText) + (v ? `\n${v.status}\n${trustStatusText(v)}\n${v.chain.join('\n')}`.toLowerCase() : '');
        haystacks.set(r, text);
      }
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
      <TslControl />
      <p class="trust-scope" data-testid="trust-scope">{t('cert.trust.checked')}</p>
      <p role="status" aria-live="polite" data-testid="cert-summary" aria-busy={busy()} data-trust-count={trustCount()}>
        {rows().length === 0 ? t('cert.audit.empty') : t('cert.audit.summary', summary())}
      </p>
      <Show when={rows().length > 0}>
        <div class="cert-toolbar">
          <label>{t('cert.audit.filter')} <input type="search" data-testid="cert-filter" value={filter()} placeholder={t('cert.audit.filterHint')}
            onInput={(e) => setFilter(e.currentTarget.value)} /></label>
          <label>{t('cert.trust.col')} <select data-testid="trust-filter" value={trustFilter()} onChange={(e) => setTrustFilter(e.currentTarget.value)}>
            <option value="">{t('cert.trust.filter.all')}</option>
            <For each={TRUST_STATUSES}>{(s) => <option value={s}>{t(codeKey('cert.trust.status.', s))}</option>}</For>
            <For each={['production', 'reference', 'test'] as const}>{(env) => <option value={`env:${env}`}>{t(codeKey('cert.trust.env.', env))}</option>}</For>
          </select></label>
          <label><input type="checkbox" checked={onlyProblems()} onChange={(e) => setOnlyProblems(e.currentTarget.checked)} /> {t('cert.audit.onlyProblems')}</label>
          <span role="status" data-testid="cert-shown">{t('cert.audit.shown', { shown: visible().length, total: rows().length })}</span>
          <button onClick={() => download('zertifikate.csv', reportsToCsv(rows().map((r) => r.report), problemText, errorText, { of: (i) => trust().get(rows()[i]!), reasonText: trustReasonText }), 'text/csv;charset=utf-8')}>{t('cert.export.csv')}</button>
          <button onClick={() => download('zertifikate.json', JSON.stringify(rows().map((r) => { const v = trust().get(r); return isReportError(r.report) ? r.report : { ...r.report, trust: v ? jsonTrust(v) : null }; }), null, 2), 'application/json')}>{t('cert.export.json')}</button>
          <button onClick={clearList}>{t('cert.audit.clear')}</button>
        </div>
        <CertTable rows={visible()} trustOf={(r) => trust().get(r)} problemText={problemText} errorText={errorText} onOpen={props.onOpen} />
      </Show>
    </div>
  );
}
