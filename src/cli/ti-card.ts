// ti-card read --image CARD.xml [--reader READER-ID] [--tsl TSL.xml]… [--json] [--personal] [--now YYYY-MM-DD] [--lang de|en]
// Reads a gematik card image through a simulated USB reader (default: an extended-APDU one) with our
// CCID driver, the guarded APDU channel and the same card profiles and report as the app.
// Exit 0: read; 1: the card could not be read; 2: usage error or the image cannot be read.
import { readFile } from 'node:fs/promises';
import {
  CardImageError, loadCardImage, connectThroughSimulatedReader, simulatedReaderIds, DEFAULT_CARD_READER_ID,
} from '../transport/simulated/card-image/index.ts';
import { openGuardedChannel } from '../apdu/index.ts';
import { readCardReport, reportForExport, type CardReport } from '../domain/card-report/index.ts';
import { loadCertificateParser } from '../domain/pki/index.ts';
import { loadTelematikIdValidator } from '../domain/telematik-id/index.ts';
import { translate, isLocale, type Locale, type MessageKey, type MessageParams } from '../i18n/index.ts';
import { exitQuietlyWhenStdoutCloses } from './stdout.ts';
import { createTrustStore, jsonTrust, loadSignatureVerifier } from '../domain/pki/trust/index.ts';

exitQuietlyWhenStdoutCloses();

interface Args {
  image: string | null;
  reader: string;
  json: boolean;
  personal: boolean;
  now: Date | null;
  lang: Locale;
  tsl: string[];
}

function parseArgs(argv: string[]): Args | string {
  if (argv[0] !== 'read') return 'missing command "read"';
  const args: Args = { image: null, reader: DEFAULT_CARD_READER_ID, json: false, personal: false, now: null, lang: 'de', tsl: [] };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string | undefined => argv[++i];
    if (a === '--image') args.image = value() ?? null;
    else if (a === '--reader') { const v = value(); if (!v) return '--reader needs a value'; args.reader = v; }
    else if (a === '--json') args.json = true;
    else if (a === '--tsl') { const v = value(); if (!v) return '--tsl needs a file'; args.tsl.push(v); }
    else if (a === '--personal') args.personal = true;
    else if (a === '--now') {
      const d = new Date(`${value() ?? ''}T12:00:00Z`);
      if (Number.isNaN(d.getTime())) return '--now needs YYYY-MM-DD';
      args.now = d;
    } else if (a === '--lang') { const v = value(); if (!isLocale(v)) return '--lang needs de or en'; args.lang = v; }
    else return `unknown option ${a}`;
  }
  if (!args.image) return '--image is required';
  return args;
}

function human(report: CardReport, readerId: string, level: string, lang: Locale): string {
  const t = (key: MessageKey, params?: MessageParams): string => translate(lang, key, params);
  const lines: string[] = [];
  const type = report.smcbOrg ? 'SMC-B-ORG' : report.cardType;
  lines.push(`${t(`card.type.${type}` as MessageKey)} · ${t('card.generation')} ${report.generation ?? t('card.generation.unknown')}`);
  if (report.iccsn) lines.push(`${t('card.iccsn')}: ${report.iccsn}`);
  lines.push(`${t('card.holder')}: ${report.holder.name ?? t('card.holder.none')}`);
  if (report.telematikId) {
    const verdict = report.telematikId.result?.verdict ?? 'unchecked';
    lines.push(`${t('card.telematikId')}: ${report.telematikId.id} (${t(`card.verdict.${verdict}` as MessageKey)})`);
  } else lines.push(`${t('card.telematikId')}: ${t('card.telematikId.none')}`);
  for (const c of report.crossChecks) lines.push(`  ${t(`card.check.${c.code}` as MessageKey)}: ${t(`card.check.${c.result}` as MessageKey)}`);
  lines.push(`${t('card.certificates')}:`);
  for (const c of report.certificates) {
    const detail = c.status === 'ok'
      ? [c.algorithm, c.issuerCa ?? (c.chr ? t('card.cert.chr', { chr: c.chr }) : null), c.notAfter ? t('card.cert.validUntil', { date: c.notAfter.slice(0, 10) }) : null,
        c.light ? t(`card.light.${c.light}` as MessageKey) : null].filter(Boolean).join(' · ')
      : c.status === 'empty' ? ''
      : c.reason && !c.reason.startsWith('sw') && !/^[A-Z]/.test(c.reason) ? t(`card.cert.reason.${c.reason}` as MessageKey) : t('card.cert.reason.other', { code: c.reason ?? '' });
    lines.push(`  ${c.file}: ${t(`card.cert.status.${c.status}` as MessageKey)}${detail ? ` — ${detail}` : ''}`);
  }
  lines.push(`${t('card.expiry')}: ${report.effectiveExpiry ? t('card.expiry.value', { date: report.effectiveExpiry.date.slice(0, 10), file: report.effectiveExpiry.file }) : t('card.expiry.none')}`);
  lines.push(`${t('card.pins')}:`);
  for (const p of report.pins) {
    lines.push(`  ${p.name}: ${t(`card.pin.status.${p.status}` as MessageKey, { retries: p.retriesLeft ?? '' })}${p.action !== 'none' ? ` → ${t(`card.pin.action.${p.action}` as MessageKey)}` : ''}`);
  }
  lines.push(`${t('card.warnings')}:`);
  if (report.warnings.length === 0) lines.push(`  ${t('card.warning.none')}`);
  for (const w of report.warnings) {
    const params: MessageParams = { ...w.params };
    if (w.code === 'crossCheckFailed') params['check'] = t(`card.check.${w.params['check']}` as MessageKey);
    lines.push(`  [${w.severity}] ${t(`card.warning.${w.code}` as MessageKey, params)}`);
  }
  lines.push(`${readerId} (${level}) · ${t('card.apduCount', { count: report.apduCount })}`);
  return `${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if (typeof parsed === 'string') {
    process.stderr.write(`ti-card: ${parsed}\n${translate('en', 'card.cli.usage')}\n`);
    return 2;
  }
  const args = parsed;
  if (!simulatedReaderIds().includes(args.reader)) {
    process.stderr.write(`ti-card: ${translate(args.lang, 'card.cli.unknownReader', { id: args.reader, list: simulatedReaderIds().join(', ') })}\n`);
    return 2;
  }
  let xml: string;
  try {
    xml = await readFile(args.image!, 'utf8');
  } catch (e) {
    process.stderr.write(`ti-card: ${translate(args.lang, 'card.cli.imageUnreadable', { reason: `${args.image}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` })}\n`);
    return 2;
  }
  let icc;
  try {
    icc = loadCardImage(xml);
  } catch (e) {
    if (e instanceof CardImageError) {
      process.stderr.write(`ti-card: ${translate(args.lang, 'card.cli.imageUnreadable', { reason: `${translate(args.lang, `card.imageError.${e.code}` as MessageKey)} (${e.detail})` })}\n`);
      return 2;
    }
    throw e;
  }
  const [parser, validator] = await Promise.all([loadCertificateParser(), loadTelematikIdValidator()]);
  const trust = createTrustStore({ parser, verifier: await loadSignatureVerifier() });
  for (const file of args.tsl) {
    const text = await readFile(file, 'utf8').catch(() => null);
    const result = text === null ? null : await trust.importTsl(text, args.now ?? new Date());
    if (!result?.ok) {
      const reason = result ? `${translate(args.lang, `cert.trust.tslError.${result.error}` as MessageKey)} (${result.detail})` : translate(args.lang, 'cert.error.FILE_NOT_READABLE');
      process.stderr.write(`ti-card: ${file}: ${reason}\n`);
      return 2;
    }
  }
  const session = await connectThroughSimulatedReader(icc, args.reader);
  try {
    const channel = openGuardedChannel(session.connection);
    const report = await readCardReport(channel, session.connection.atr, { parser, validator, now: args.now ?? new Date(), trust });
    if (args.json) {
      const exported = reportForExport(report, { includePersonalData: args.personal });
      const out = {
        ...exported,
        certificates: exported.certificates.map((c) => ({ ...c, trust: report.trust?.byFile[c.file] ? jsonTrust(report.trust.byFile[c.file]!) : null })),
        authenticity: report.trust?.authenticity ?? null,
        telematikId: report.telematikId?.id ?? null,
        telematikIdCheck: report.telematikId,
        reader: { id: args.reader, level: session.level },
      };
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      process.stdout.write(human(report, args.reader, session.level, args.lang));
    }
    return 0;
  } catch (e) {
    process.stderr.write(`ti-card: ${translate(args.lang, 'card.readFailed', { reason: (e as Error).message })}\n`);
    return 1;
  } finally {
    await session.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
