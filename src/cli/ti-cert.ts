// ti-cert FILE… [--tsl TSL.xml]… [--json] [--at YYYY-MM-DD] [--lang de|en]: parses X.509 (DER/PEM/CRT) and CV
// certificates, checks them and verifies their chains (bundled TI roots, the given TSLs, and the files themselves
// as issuers). --json: one JSON object per certificate per line (stdout), with "trust"; unreadable input gives a
// JSON error object. Exit code: 0 all fine · 1 some certificate has an error-severity problem or failed the trust
// check (signature invalid, CA revoked, self-signed) · 2 unreadable/unparsable input, a refused TSL, or usage.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCertificateParser, problemText, analyseFile, sha256Fingerprint, splitCertificateFile, withIssuerChecks, type CertificateEntry } from '../domain/pki/index.ts';
import { reportOf, isReportError, type CertificateReport, type ReportError } from '../domain/pki/report.ts';
import { codeKey, formatDate, translate, type MessageKey, type MessageParams } from '../i18n/index.ts';
import { instantOfDay, isDay } from '../domain/card-report/calendar.ts';
import { exitQuietlyWhenStdoutCloses } from './stdout.ts';
import { parseCommandLine, exitWith, usageError, readInput } from './args.ts';
import { createTrustStore, jsonTrust, loadSignatureVerifier, type TrustVerdict } from '../domain/pki/trust/index.ts';

exitQuietlyWhenStdoutCloses();

const cmd = parseCommandLine('ti-cert', process.argv.slice(2), { json: { type: 'boolean' }, at: { type: 'string' }, tsl: { type: 'string', multiple: true } });
const json = cmd.ok && (cmd.values.json ?? false);
const locale = cmd.ok ? cmd.lang : 'de';
const files = cmd.ok ? cmd.positionals : [];
const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
// --at: judge validity (expired / not yet valid) as of that day instead of now.
const atArg = cmd.ok ? cmd.values.at ?? null : null;
const tslFiles = cmd.ok ? cmd.values.tsl ?? [] : [];

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

function printTrust(v: TrustVerdict): void {
  const env = v.environment ? ` · ${t(`cert.trust.env.${v.environment}`)}` : '';
  out(`  ${t('cert.trust.label')}: ${t(`cert.trust.status.${v.status}`)}${env} – ${t(codeKey('cert.trust.reason.', v.reason), v.params)}`);
  if (v.chain.length > 1) out(`    ${v.chain.join(' ← ')}`);
  for (const w of v.warnings) out(`  ! ${t(codeKey('cert.trust.warning.', w.code), w.params)}`);
  if (v.checks.some((c) => c.id === 'ocsp')) out(`    ${t('cert.trust.ocspNotChecked')}`);
}

const TRUST_FAILED = new Set(['signatureInvalid', 'caRevoked', 'selfSigned']);

async function main(): Promise<number> {
  if (!cmd.ok) return exitWith(cmd);
  if (atArg !== null && !isDay(atArg)) return exitWith(usageError('ti-cert', locale, 'cli.error.badDate'));
  const now = atArg !== null ? instantOfDay(atArg) : new Date();
  if (files.length === 0) {
    if (json) out(JSON.stringify({ error: 'USAGE', message: t('cli.help.ti-cert') }));
    return exitWith(usageError('ti-cert', locale, 'cli.error.noInput'));
  }
  const parser = await loadCertificateParser();
  const store = createTrustStore({ parser, verifier: await loadSignatureVerifier() });
  for (const tslFile of tslFiles) {
    const text = await readInput(tslFile).then((b) => new TextDecoder().decode(b), () => null);
    const result = text === null ? { ok: false as const, error: 'FILE_NOT_READABLE' as const, detail: '' } : await store.importTsl(text);
    if (!result.ok) {
      const message = result.error === 'FILE_NOT_READABLE' ? t('cert.error.FILE_NOT_READABLE') : t(codeKey('cert.trust.tslError.', result.error));
      if (json) out(JSON.stringify({ file: tslFile, error: result.error, message, detail: result.detail }));
      else process.stderr.write(`${tslFile}: ${message} (${result.detail})\n`);
      return 2;
    }
    if (!json) {
      const tsl = result.tsl;
      process.stderr.write(`${tslFile}: ${t('cert.trust.tsl.loaded', { seq: tsl.sequenceNumber ?? '?', issued: tsl.issued?.slice(0, 10) ?? '?', env: tsl.environment ? t(`cert.trust.env.${tsl.environment}`) : '?', cas: tsl.caServices })}\n`);
      if (tsl.outdated) process.stderr.write(`${tslFile}: ${t('cert.trust.tsl.outdated', { date: tsl.nextUpdate?.slice(0, 10) ?? '?' })}\n`);
    }
  }
  let exit = 0;
  const certBytes: Uint8Array[] = []; // per entry of `reports` that is a certificate, in order
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
      if (Array.isArray(blobs) && !('error' in e.result)) certBytes.push(blobs[e.index]!.bytes.subarray(0, e.result.byteLength));
    }
  }
  const certReports = reports.filter((r): r is CertificateReport => !isReportError(r));
  const isCvc = certReports.map((r) => r.format === 'cvc');
  const trustOf = new Map<CertificateReport, TrustVerdict>();
  const x509Trust = await store.verifyX509(certBytes.filter((_, i) => !isCvc[i]));
  const cvcTrust = (await store.verifyCard({ x509: [], cvc: certBytes.filter((_, i) => isCvc[i]) })).cvc;
  let xi = 0, ci = 0;
  certReports.forEach((r, i) => trustOf.set(r, isCvc[i] ? cvcTrust[ci++]! : x509Trust[xi++]!));
  const checked = withIssuerChecks(reports.filter((r): r is CertificateReport => !isReportError(r)));
  let next = 0;
  for (const original of reports) {
    const r = isReportError(original) ? original : checked[next++]!;
    const trust = isReportError(original) ? null : trustOf.get(original)!;
    if (isReportError(r)) exit = 2;
    else if (exit === 0 && (r.problems.some((p) => p.severity === 'error') || TRUST_FAILED.has(trust!.status))) exit = 1;
    if (json) out(JSON.stringify(isReportError(r) ? { ...r, message: t(codeKey('cert.error.', r.error)) } : { ...r, trust: jsonTrust(trust!) }));
    else { printHuman(r); printTrust(trust!); }
  }
  return exit;
}

main().then((code) => { process.exitCode = code; }, (e: unknown) => {
  // Last line of defence: still a JSON error object and exit 2, never a stack trace on stdout.
  out(JSON.stringify({ error: 'INTERNAL', message: String(e instanceof Error ? e.message : e) }));
  process.exitCode = 2;
});
