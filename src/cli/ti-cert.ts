// ti-cert FILE… [--json] [--lang de|en] [--at YYYY-MM-DD]: parses X.509 (DER/PEM/CRT) and CV certificates, checks them.
// --json: one JSON object per certificate per line (stdout); unreadable input gives a JSON error object.
// Exit code: 0 all fine · 1 some certificate has an error-severity problem · 2 unreadable/unparsable input or usage.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCertificateParser, problemText, analyseFile, sha256Fingerprint, splitCertificateFile, withIssuerChecks, type CertificateEntry } from '../domain/pki/index.ts';
import { reportOf, isReportError, type CertificateReport, type ReportError } from '../domain/pki/report.ts';
import { codeKey, formatDate, translate, type MessageKey, type MessageParams } from '../i18n/index.ts';
import { instantOfDay, isDay } from '../domain/card-report/calendar.ts';
import { exitQuietlyWhenStdoutCloses } from './stdout.ts';
import { parseCommandLine, exitWith, usageError, readInput } from './args.ts';

exitQuietlyWhenStdoutCloses();

const cmd = parseCommandLine('ti-cert', process.argv.slice(2), { json: { type: 'boolean' }, at: { type: 'string' } });
const json = cmd.ok && (cmd.values.json ?? false);
const locale = cmd.ok ? cmd.lang : 'de';
const files = cmd.ok ? cmd.positionals : [];
const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
// --at: judge validity (expired / not yet valid) as of that day instead of now.
const atArg = cmd.ok ? cmd.values.at ?? null : null;

/** Folders stand for every file inside them (recursively, sorted), as on the certificate page. */
async function expandFolders(paths: string[]): Promise<string[]> {
  const result: string[] = [];
  for (const path of paths) {
    const info = path === '-' ? null : await stat(path).catch(() => null);
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
    out(`${r.file}#${r.index}: ${r.error} – ${t(codeKey('cert.error.', r.error))}`);
    return;
  }
  out(`${r.file}#${r.index} [${r.format === 'cvc' ? t('cert.cvc') : r.certificateType ?? 'X.509'}]`);
  out(`  ${t('cert.field.subject')}: ${r.subject}`);
  out(`  ${t('cert.field.issuer')}: ${r.issuer}`);
  out(`  ${t('cert.field.validity')}: ${formatDate(locale, r.notBefore ?? '–')} – ${formatDate(locale, r.notAfter ?? '–')}`);
  out(`  ${t('cert.field.key')}: ${r.publicKey.algorithm} ${r.publicKey.bits ?? '?'}${r.publicKey.curve ? ` ${r.publicKey.curve}` : ''}`);
  if (r.telematikId) out(`  ${t('cert.col.telematikId')}: ${r.telematikId.id} (${t(codeKey('cert.verdict.', r.telematikId.verdict))})`);
  if (r.admission) out(`  ${t('cert.field.professionOids')}: ${r.admission.professionOids.join(', ') || t('cert.none')}`);
  if (r.fingerprint) out(`  ${t('cert.field.fingerprint')}: ${r.fingerprint}`);
  for (const p of r.problems) out(`  ! ${problemText(p, locale)}`);
}

async function main(): Promise<number> {
  if (!cmd.ok) return exitWith(cmd);
  if (atArg !== null && !isDay(atArg)) return exitWith(usageError('ti-cert', locale, 'cli.error.badDate'));
  const now = atArg !== null ? instantOfDay(atArg) : new Date();
  if (files.length === 0) {
    if (json) out(JSON.stringify({ error: 'USAGE', message: t('cli.help.ti-cert') }));
    return exitWith(usageError('ti-cert', locale, 'cli.error.noInput'));
  }
  const parser = await loadCertificateParser();
  let exit = 0;
  // All files first: the authority-key-ID check compares certificates across files.
  const reports: (CertificateReport | ReportError)[] = [];
  for (const file of await expandFolders(files)) {
    let bytes: Uint8Array;
    try {
      bytes = await readInput(file);
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
    if (json) out(JSON.stringify(isReportError(r) ? { ...r, message: t(codeKey('cert.error.', r.error)) } : r));
    else printHuman(r);
  }
  return exit;
}

main().then((code) => { process.exitCode = code; }, (e: unknown) => {
  // Last line of defence: still a JSON error object and exit 2, never a stack trace on stdout.
  out(JSON.stringify({ error: 'INTERNAL', message: String(e instanceof Error ? e.message : e) }));
  process.exitCode = 2;
});
