// One card session for the card page, the kiosk and `ti-card`: a card connection from any transport →
// the guarded APDU channel (src/apdu: the read-only allow-list, the one enforcement point) → read the
// card (src/cards) → the report (src/domain/card-report). The UI and the CLI only hand in a connection
// and say when the card is gone; they never build the channel themselves.
//
// One policy for helpers: the certificate parser is required (no report without it; the error is the
// session's, and the next session tries again); the Telematik-ID validator is optional (its verdict
// reads "not checked" and the result names it in `unavailable`).
// Cancellation: when `signal` aborts (card pulled, reader gone, user moved on) the read stops before
// its next APDU and the session rejects with TransportError `card.removed`; a report finished after
// that is dropped too, so nobody shows the report of a card that is no longer there.
import type { CardConnection, TraceSink } from '../../transport/types.ts';
import { TransportError } from '../../transport/errors.ts';
import { openGuardedChannel } from '../../apdu/channel.ts';
import type { ApduChannel } from '../../apdu/types.ts';
import { readCardReport } from '../card-report/read.ts';
import type { CardTrustReport } from '../pki/trust/card.ts';
import type { TrustStore } from '../pki/trust/index.ts';
import type { CardReport } from '../card-report/report.ts';
import { loadCertificateParser, type CertificateParser } from '../pki/index.ts';
import { loadTelematikIdValidator } from '../telematik-id/index.ts';
import type { TelematikIdValidator } from '../telematik-id/types.ts';

/** A powered card as a transport hands it over, with what the session needs to know about its fate. */
export interface CardLink {
  connection: CardConnection;
  /** Aborts when the card is pulled or the reader goes away. */
  signal?: AbortSignal;
  /** Where the APDU trace goes (the reader panel's trace). */
  trace?: TraceSink;
}

export interface ReportTools {
  parser: CertificateParser;
  validator: TelematikIdValidator | null;
}

export type ReportHelper = 'telematikIdValidator';

export interface CardSessionResult {
  /** With a trust store given: the trust verdicts of the card's certificates and its authenticity. */
  report: CardReport & { trust?: CardTrustReport };
  /** Optional helpers that failed to load: the report says "not checked" where they would have spoken. */
  unavailable: readonly ReportHelper[];
}

export interface CardSessionOptions {
  now?: Date;
  /** Helpers given by the caller (tests); default: loaded once per page or process. */
  tools?: ReportTools;
  /** Anchors and loaded TSLs: when given, every certificate's chain is verified (offline). */
  trust?: TrustStore;
}

let pending: Promise<{ tools: ReportTools; unavailable: ReportHelper[] }> | undefined;

/** The report helpers, compiled once; a failed required helper is not cached, so the next session retries. */
export function loadReportTools(): Promise<{ tools: ReportTools; unavailable: readonly ReportHelper[] }> {
  pending ??= Promise.all([
    loadCertificateParser(),
    loadTelematikIdValidator().then((v) => v, () => null),
  ]).then(([parser, validator]) => ({
    tools: { parser, validator },
    unavailable: validator ? [] : ['telematikIdValidator' as const],
  }));
  const mine = pending;
  mine.catch(() => { if (pending === mine) pending = undefined; });
  return mine;
}

function cancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new TransportError('card.removed', 'the card was removed during the read');
}

/** The card's connection with the session's cancellation in front of every exchange. */
function cancellable(connection: CardConnection, signal: AbortSignal | undefined): CardConnection {
  if (!signal) return connection;
  return {
    get atr() { return connection.atr; },
    get protocol() { return connection.protocol; },
    get limits() { return connection.limits; },
    async transmit(command) {
      cancelled(signal);
      const reply = await connection.transmit(command);
      cancelled(signal);
      return reply;
    },
    disconnect: () => connection.disconnect(),
  };
}

/** The guarded channel of a link (also for callers that send their own allow-listed APDUs). */
export function openCardChannel(link: CardLink): ApduChannel {
  return openGuardedChannel(cancellable(link.connection, link.signal), link.trace ? { trace: link.trace } : {});
}

export async function readCardSession(link: CardLink, options: CardSessionOptions = {}): Promise<CardSessionResult> {
  cancelled(link.signal);
  const { tools, unavailable } = options.tools ? { tools: options.tools, unavailable: [] } : await loadReportTools();
  cancelled(link.signal);
  const report = await readCardReport(openCardChannel(link), link.connection.atr, {
    ...tools, ...(options.now ? { now: options.now } : {}), ...(options.trust ? { trust: options.trust } : {}),
  });
  cancelled(link.signal);
  return { report, unavailable };
}
