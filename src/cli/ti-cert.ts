// ti-cert FILE… [--json] [--lang de|en] [--at YYYY-MM-DD]: parses X.509 (DER/PEM/CRT) and CV certificates, checks them.
// --json: one JSON object per certificate per line (stdout); unreadable input gives a JSON error object.
// Exit code: 0 all fine · 1 some certificate has an error-severity problem · 2 unreadable/unparsable input or usage.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCertificateParser, problemText, analyseFile, sha256Fingerprint, splitCertificateFile, withIssuerChecks, type CertificateEntry } from '../domain/pki/index.ts';
import { reportOf, isReportError, type CertificateReport, type ReportError } from '../domain/pki/report.ts';
import { translate, isLocale, type Locale, type MessageKey } from '../i18n/index.ts';
import { instantOfDay, isDay } from '../domain/card-report/calendar.ts';
import { exitQuietlyWhenStdoutCloses } from './stdout.ts';

exitQuietlyWhenStdoutCloses();

const args = process.argv.slice(2);
const json = args.includes('--json');
const langAt = args.indexOf('--lang');
const langArg = langAt >= 0 ? args[langAt + 1] : undefined;
const envLang = (process.env.LC_ALL || process.env.LANG || '').slice(0, 2);
const locale: Locale = isLocale(langArg) ? langArg : envLang === 'en' ? 'en' : 'de';
// --at: judge validity (expired / not yet valid) as of that day instead of now.
const atAt = args.indexOf('--at');
const atArg = atAt >= 0 ? args[atAt + 1] ?? '' : null;
const files = args.filter((a, i) => !a.startsWith('--') && !(langAt >= 0 && i === langAt + 1) && !(atAt >= 0 && i === atAt + 1));
const t = (key: string, params?: Record<string, string | number>) => translate(locale, key as MessageKey, params);

/** Folders stand for every file inside them (recursively, sorted), as on the certificate page. */
async function expandFolders(paths: string[]): Promise<string[]> {
  const result: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info?.isDirectory()) { result.push(path); continue; }
    const names = (await readdir(path)).sort();
    result.push(...await expandFolders(names.filter((n) => !n.startsWith('.')).map((n) => join(path, n))));
  }
  return result;
}

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

function printHuman(r: CertificateReport | ReportError): void {
  if (isReportError(r)) {
    out(`${r.file}#${r.index}: ${r.error} – ${t(`cert.error.${r.error}`)}`);
    return;
  }
  out(`${r.file}#${r.index} [${r.format === 'cvc' ? t('cert.cvc') : r.certificateType ?? 'X.509'}]`);
  out(`  ${t('cert.field.subject')}: ${r.subject}`);
  out(`  ${t('cert.field.issuer')}: ${r.issuer}`);
  out(`  ${t('cert.field.validity')}: ${r.notBefore} – ${r.notAfter}`);
  out(`  ${t('cert.field.key')}: ${r.publicKey.algorithm} ${r.publicKey.bits ?? '?'}${r.publicKey.curve ? ` ${r.publicKey.curve}` : ''}`);
  if (r.telematikId) out(`  ${t('cert.col.telematikId')}: ${r.telematikId.id} (${t(`cert.verdict.${r.telematikId.verdict}`)})`);
  if (r.admission) out(`  ${t('cert.field.professionOids')}: ${r.admission.professionOids.join(', ') || t('cert.none')}`);
  if (r.fingerprint) out(`  ${t('cert.field.fingerprint')}: ${r.fingerprint}`);
  for (const p of r.problems) out(`  ! ${problemText(p, locale)}`);
}

async function main(): Promise<number> {
  if (atArg !== null && !isDay(atArg)) {
    if (json) out(JSON.stringify({ error: 'USAGE', message: '--at needs YYYY-MM-DD' }));
    else process.stderr.write('ti-cert: --at needs YYYY-MM-DD\n');
    return 2;
  }
  const now = atArg !== null ? instantOfDay(atArg) : new Date();
  if (files.length === 0) {
    if (json) out(JSON.stringify({ error: 'USAGE', message: t('cert.cli.usage') }));
    else process.stderr.write(`${t('cert.cli.usage')}\n`);
    return 2;
  }
  const parser = await loadCertificateParser();
  let exit = 0;
  // All files first: the authority-key-ID check compares certificates across files.
  const reports: (CertificateReport | ReportError)[] = [];
  for (const file of await expandFolders(files)) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch {
      reports.push({ file, index: 0, error: 'FILE_NOT_READABLE', offset: null });
      continue;
    }
    const entries: CertificateEntry[] = analyseFile(parser, file, bytes, now);
    const blobs = splitCertificateFile(bytes);
    for (const e of entries) {
      if (Array.isArray(blobs) && !('error' in e.result)) {
        e.fingerprint = await sha256Fingerprint(blobs[e.index]!.bytes.subarray(0, e.result.byteLength));
      }
      reports.push(reportOf(e));
    }
  }
  const checked = withIssuerChecks(reports.filter((r): r is CertificateReport => !isReportError(r)));
  let next = 0;
  for (const original of reports) {
    const r = isReportError(original) ? original : checked[next++]!;
    if (isReportError(r)) exit = 2;
    else if (exit === 0 && r.problems.some((p) => p.severity === 'error')) exit = 1;
    if (json) out(JSON.stringify(isReportError(r) ? { ...r, message: t(`cert.error.${r.error}`) } : r));
    else printHuman(r);
  }
  return exit;
}

main().then((code) => { process.exitCode = code; }, (e: unknown) => {
  // Last line of defence: still a JSON error object and exit 2, never a stack trace on stdout.
  out(JSON.stringify({ error: 'INTERNAL', message: String(e instanceof Error ? e.message : e) }));
  process.exitCode = 2;
});
