// ti-card read --image CARD.xml|- [--reader READER-ID] [--tsl TSL.xml]… [--json] [--personal]
//              [--at YYYY-MM-DD] [--desk production|test] [--lang de|en]
// Reads a gematik card image through a simulated USB reader (default: an extended-APDU one) with our
// CCID driver and the app's card session (guarded APDU channel, card profiles, report, report text).
// Exit 0: read; 1: the card could not be read; 2: usage error or the image cannot be read.
import {
  CardImageError, loadCardImage, connectThroughSimulatedReader, simulatedReaderIds, DEFAULT_CARD_READER_ID,
} from '../transport/simulated/card-image/index.ts';
import {
  reportForExport, reportText, cardVerdict, instantOfDay, isDay, reasonSentence, usableUntilText, verdictHeadline, formatDay, withTrust,
  type CardReport, type CardVerdict, type Desk,
} from '../domain/card-report/index.ts';
import { readCardSession, loadReportTools } from '../domain/card-session/index.ts';
import { codeKey, translate, type Locale, type MessageKey, type MessageParams } from '../i18n/index.ts';
import { exitQuietlyWhenStdoutCloses } from './stdout.ts';
import { parseCommandLine, exitWith, usageError, readInput, type CliExit } from './args.ts';
import { createTrustStore, jsonTrust, loadSignatureVerifier } from '../domain/pki/trust/index.ts';

exitQuietlyWhenStdoutCloses();

interface Args {
  image: string;
  reader: string;
  json: boolean;
  personal: boolean;
  now: Date | null;
  desk: Desk | undefined;
  lang: Locale;
  tsl: string[];
}

function argsOf(argv: string[]): Args | CliExit {
  const cmd = parseCommandLine('ti-card', argv, {
    image: { type: 'string' }, reader: { type: 'string' }, json: { type: 'boolean' }, personal: { type: 'boolean' }, now: { type: 'string' },
    at: { type: 'string' }, desk: { type: 'string' }, tsl: { type: 'string', multiple: true },
  });
  if (!cmd.ok) return cmd;
  const { values, lang } = cmd;
  const [command, ...extra] = cmd.positionals;
  if (command !== 'read') return usageError('ti-card', lang, 'cli.error.missingCommand');
  if (extra.length) return usageError('ti-card', lang, 'cli.error.unknownOption', { option: extra[0]! });
  // --at: the day every date is judged for (the TI calendar's "as of"); --now is its old name.
  const day = values.at ?? values.now;
  let now: Date | null = null;
  if (day !== undefined) {
    if (!isDay(day)) return usageError('ti-card', lang, 'cli.error.badDate');
    now = instantOfDay(day);
  }
  let desk: Desk | undefined;
  if (values.desk !== undefined) {
    if (values.desk !== 'production' && values.desk !== 'test') return usageError('ti-card', lang, 'cli.error.badDesk');
    desk = values.desk;
  }
  if (!values.image) return usageError('ti-card', lang, 'cli.error.imageRequired');
  return {
    image: values.image, reader: values.reader ?? DEFAULT_CARD_READER_ID, json: values.json ?? false,
    personal: values.personal ?? false, now, desk, lang, tsl: [values.tsl ?? []].flat(),
  };
}

function human(report: CardReport, verdict: CardVerdict, readerId: string, level: string, lang: Locale): string {
  const t = (key: MessageKey, params?: MessageParams): string => translate(lang, key, params);
  const lines: string[] = [];
  // The verdict first, as on the card page: headline, then each reason with its action.
  lines.push(`${verdictHeadline(verdict, t)} (${t('card.banner.asOf')} ${formatDay(verdict.at, lang)})`);
  for (const r of verdict.reasons) lines.push(`  [${r.level}] ${reasonSentence(r, t, lang)}`);
  const until = usableUntilText(verdict, t, lang);
  if (until) lines.push(`  ${until.label}: ${until.text}`);
  lines.push(...reportText(report, t, lang, { reader: `${readerId} (${level})` }));
  return `${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const parsed = argsOf(argv);
  if ('ok' in parsed) return exitWith(parsed);
  const args = parsed;
  if (!simulatedReaderIds().includes(args.reader)) {
    process.stderr.write(`ti-card: ${translate(args.lang, 'card.cli.unknownReader', { id: args.reader, list: simulatedReaderIds().join(', ') })}\n`);
    return 2;
  }
  let xml: string;
  try {
    xml = new TextDecoder().decode(await readInput(args.image));
  } catch (e) {
    process.stderr.write(`ti-card: ${translate(args.lang, 'card.cli.imageUnreadable', { reason: `${args.image}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` })}\n`);
    return 2;
  }
  let icc;
  try {
    icc = loadCardImage(xml);
  } catch (e) {
    if (e instanceof CardImageError) {
      process.stderr.write(`ti-card: ${translate(args.lang, 'card.cli.imageUnreadable', { reason: `${translate(args.lang, codeKey('card.imageError.', e.code))} (${e.detail})` })}\n`);
      return 2;
    }
    throw e;
  }
  const { tools } = await loadReportTools();
  const trust = createTrustStore({ parser: tools.parser, verifier: await loadSignatureVerifier() });
  for (const file of args.tsl) {
    const bytes = await readInput(file).catch(() => null);
    const result = bytes === null ? null : await trust.importTsl(new TextDecoder().decode(bytes), args.now ?? new Date());
    if (!result?.ok) {
      const reason = result ? `${translate(args.lang, codeKey('cert.trust.tslError.', result.error))} (${result.detail})` : translate(args.lang, 'cert.error.FILE_NOT_READABLE');
      process.stderr.write(`ti-card: ${file}: ${reason}\n`);
      return 2;
    }
  }
  const session = await connectThroughSimulatedReader(icc, args.reader);
  try {
    const { report } = await readCardSession({ connection: session.connection }, { now: args.now ?? new Date(), tools, trust });
    const verdict = cardVerdict(report, { desk: args.desk, ...withTrust(report.trust) });
    if (args.json) {
      const exported = reportForExport(report, { includePersonalData: args.personal });
      const out = {
        ...exported,
        certificates: exported.certificates.map((c) => ({
          ...c, trust: report.trust?.byFile[c.file] ? jsonTrust(report.trust.byFile[c.file]!) : null,
        })),
        authenticity: report.trust?.authenticity ?? null,
        telematikId: report.telematikId?.id ?? null,
        telematikIdCheck: report.telematikId,
        verdict,
        reader: { id: args.reader, level: session.level },
      };
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      process.stdout.write(human(report, verdict, args.reader, session.level, args.lang));
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
