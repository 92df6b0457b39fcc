// One verdict per card and day: can this card be used in the TI on `at`, and if not, what to do.
// Computed from the card report (its dates, generation, PIN states) and the TI calendar — never from
// the report's own dated lights, so "as of" any day gives the same answer as reading the card that day.
// Codes and parameters only: the UI and CLI turn them into sentences (src/i18n/messages/card.ts).
import type { CardReport, ReportCertificate, ReportWarning, WarningCode } from './report.ts';
import { pinPurpose } from './report.ts';
import { ATTENTION_DAYS } from './calendar-data.ts';
import { addYears, countdown, crossRow, daysBetween, generationRow, lastDayOf, rootRow } from './calendar.ts';
import type { Generation } from '../../cards/types.ts';

export type VerdictLevel = 'usable' | 'attention' | 'notUsable';

export type VerdictCode =
  | 'unknownCard' | 'mfNotActivated' | 'notPersonalised' | 'cardExpired' | 'notYetValid' | 'pinBlocked'
  | 'generationOutdated' | 'generationEnded' | 'maxTermReached' | 'testCardAtProductionDesk' | 'authenticityFailed'
  | 'rootExpired' | 'cvCertificateExpired' | 'pruefkarte'
  | 'notActivated' | 'generationEnds' | 'expiresSoon' | 'maxTermEnds' | 'rootExpires' | 'holderPinBlocked'
  | 'pinFewRetries' | 'certificateCorrupt' | 'crossCheckFailed' | 'telematikIdInvalid' | 'expiryUnknown'
  | 'testCard' | 'egkTransportPin';

export type VerdictAction =
  | 'orderNewCard' | 'replaceWithEcc' | 'activate' | 'usePuk' | 'enterPinCarefully' | 'testEnvironmentOnly'
  | 'checkWithIssuer' | 'checkTrust' | 'setEgkPin' | 'terminalTestOnly' | 'none';

export interface VerdictReason {
  code: VerdictCode;
  level: VerdictLevel;
  /** Days as YYYY-MM-DD (`date`, `lastDay`, `endsOn`), counts as decimal strings. */
  params: Record<string, string>;
  action: VerdictAction;
}

export interface CardVerdict {
  level: VerdictLevel;
  /** The day the verdict is for (YYYY-MM-DD). */
  at: string;
  /** Most important first: the first reason of the verdict's level is the one thing to do. */
  reasons: VerdictReason[];
  /** The last day the card can be used, and what sets it (null when no date could be read). */
  usableUntil: { lastDay: string; endsOn: string; days: number; by: 'certificate' | 'generation' | 'maxTerm'; file?: string } | null;
}

/** Where the card is checked: a production desk refuses test cards; a test desk expects them. */
export type Desk = 'production' | 'test';

/**
 * Certificate trust, filled from the card's trust verdicts by trustInputOf (trust-input.ts): whether the card's
 * certificates chain to a TI root and verify, and which production roots / cross-certificates the chain uses.
 * Absent = not checked: the verdict then says nothing about authenticity (it never pretends it checked).
 */
export interface TrustInput {
  /** ok: production chain · testCard: chain to a test/reference root · failed · unchecked (e.g. no TSL). */
  authenticity: 'ok' | 'testCard' | 'failed' | 'unchecked';
  /** The anchor the chains end in (a test card's evidence). */
  anchor?: string;
  /** Why it failed (the failing certificate files), for the reason's parameters. */
  detail?: string;
  roots?: readonly string[];
  crossCertificates?: readonly { issuer: string; subject: string }[];
}

export interface VerdictOptions {
  /** YYYY-MM-DD; the report's `asOf` day when omitted. */
  at?: string;
  desk?: Desk;
  trust?: TrustInput;
}

const ORDER: readonly VerdictCode[] = [
  // not usable: what makes the card useless first
  'unknownCard', 'pruefkarte', 'testCardAtProductionDesk', 'authenticityFailed', 'mfNotActivated', 'notPersonalised', 'cardExpired', 'maxTermReached', 'cvCertificateExpired',
  'generationOutdated', 'generationEnded', 'rootExpired', 'notYetValid', 'pinBlocked',
  // attention: the one thing to do, most urgent first
  'notActivated', 'egkTransportPin', 'generationEnds', 'expiresSoon', 'maxTermEnds', 'rootExpires', 'holderPinBlocked', 'pinFewRetries',
  'certificateCorrupt', 'crossCheckFailed', 'telematikIdInvalid', 'expiryUnknown', 'testCard',
];
const LEVEL_RANK: Record<VerdictLevel, number> = { notUsable: 0, attention: 1, usable: 2 };

// The card's dates are its end-entity X.509 certificates' (as the report's "usable until"); CV certificates
// end with them on real cards, and the report warns separately when one does not.
const dated = (c: ReportCertificate): boolean => c.status === 'ok' && c.format === 'x509' && c.endEntity && !!c.notAfter && /^\d{4}-\d{2}-\d{2}/.test(c.notAfter);

/** G2.0 by EF.Version2; without it, an HBA/SMC-B whose readable X.509 certificates are all RSA is RSA-only too. */
function generationOf(report: CardReport): Generation | null {
  if (report.generation) return report.generation;
  if (report.cardType !== 'SMC-B' && report.cardType !== 'HBA') return null;
  const x509 = report.certificates.filter((c) => c.status === 'ok' && c.format === 'x509');
  return x509.length > 0 && x509.every((c) => c.algorithm?.startsWith('RSA')) ? 'G2.0' : null;
}

export function cardVerdict(report: CardReport, options: VerdictOptions = {}): CardVerdict {
  const at = options.at ?? report.asOf;
  const reasons: VerdictReason[] = [];
  const add = (code: VerdictCode, level: VerdictLevel, action: VerdictAction, params: Record<string, string> = {}): void => {
    reasons.push({ code, level, params, action });
  };
  const { cardType } = report;

  if (cardType === 'unknown') add('unknownCard', 'notUsable', 'none', { aid: report.mfAid ?? '' });
  if (report.mfLifeCycle && report.mfLifeCycle !== 'activated') add('mfNotActivated', 'notUsable', 'orderNewCard', { state: report.mfLifeCycle });

  // Test cards: named as such; at a production desk they cannot be used at all.
  // A chain to a test root names a test card as well as its issuer names or Telematik-ID do.
  const testCard = report.testCard
    ?? (options.trust?.authenticity === 'testCard' ? { evidence: 'trustChain', value: options.trust.anchor ?? '' } : null);
  if (testCard) {
    const params = { evidence: testCard.evidence, value: testCard.value };
    if (options.desk === 'production') add('testCardAtProductionDesk', 'notUsable', 'testEnvironmentOnly', params);
    else add('testCard', options.desk === 'test' ? 'usable' : 'attention', 'testEnvironmentOnly', params);
  }

  // The Prüfkarte eGK checks a practice's card terminal; it is nobody's insurance card.
  if (report.egk?.pruefkarte) add('pruefkarte', 'notUsable', 'terminalTestOnly');

  // Hook for the trust verdicts: failed authenticity makes the card unusable; unchecked says nothing.
  if (options.trust?.authenticity === 'failed') add('authenticityFailed', 'notUsable', 'checkWithIssuer', { detail: options.trust.detail ?? '' });

  if (['SMC-B', 'HBA', 'eGK'].includes(cardType) && report.certificates.some((c) => c.format === 'x509')
    && !report.certificates.some((c) => c.format === 'x509' && c.status === 'ok')) add('notPersonalised', 'notUsable', 'orderNewCard');

  // The dates that end the card: its certificates, its generation (TI calendar), the five-year term.
  const ends: NonNullable<CardVerdict['usableUntil']>[] = [];
  const certs = report.certificates.filter(dated);
  const earliest = [...certs].sort((a, b) => lastDayOf(a.notAfter!).localeCompare(lastDayOf(b.notAfter!)))[0];
  if (earliest) {
    const c = countdown(lastDayOf(earliest.notAfter!), at);
    ends.push({ lastDay: lastDayOf(earliest.notAfter!), endsOn: c.endsOn, days: c.days, by: 'certificate', file: earliest.file });
  }
  const notYet = certs.filter((c) => c.notBefore && daysBetween(at, c.notBefore.slice(0, 10)) > 0);
  if (notYet.length > 0) add('notYetValid', 'notUsable', 'checkWithIssuer', { date: notYet[0]!.notBefore!.slice(0, 10), file: notYet[0]!.file });

  const generation = generationOf(report);
  const row = cardType === 'unknown' ? null : generationRow(cardType, generation);
  if (row?.status === 'gone') add('generationOutdated', 'notUsable', 'orderNewCard', { generation: generation ?? '' });
  else if (row?.status === 'dated' && row.lastDay) {
    const c = countdown(row.lastDay, at);
    ends.push({ lastDay: row.lastDay, endsOn: c.endsOn, days: c.days, by: 'generation' });
  }

  const issued = certs.filter((c) => c.notBefore).map((c) => c.notBefore!.slice(0, 10)).sort()[0];
  if (issued) {
    const termLast = addYears(issued, 5);
    const c = countdown(termLast, at);
    // Only when the term ends before the certificates do: otherwise the certificates already say it.
    if (!earliest || termLast < lastDayOf(earliest.notAfter!)) ends.push({ lastDay: termLast, endsOn: c.endsOn, days: c.days, by: 'maxTerm' });
  }

  for (const e of ends) {
    const params: Record<string, string> = { lastDay: e.lastDay, endsOn: e.endsOn, days: String(e.days), date: e.endsOn, generation: generation ?? '' };
    if (e.file) params['file'] = e.file;
    if (e.days < 0) {
      if (e.by === 'certificate') add('cardExpired', 'notUsable', 'orderNewCard', params);
      else if (e.by === 'generation') add('generationEnded', 'notUsable', 'replaceWithEcc', params);
      else add('maxTermReached', 'notUsable', 'orderNewCard', params);
    } else if (e.by === 'generation') {
      // An RSA-only card has to be replaced whatever the days left: attention from the first day.
      add('generationEnds', 'attention', 'replaceWithEcc', params);
    } else if (e.days < ATTENTION_DAYS) {
      add(e.by === 'certificate' ? 'expiresSoon' : 'maxTermEnds', 'attention', 'orderNewCard', params);
    }
  }
  // An end-entity CV certificate (card-to-card authentication, e.g. SMC-B/HBA with the eGK) that ended while
  // the X.509 certificates still run: said on its own; when the card has expired anyway, that says it all.
  if (!reasons.some((r) => r.code === 'cardExpired')) {
    const cvExpired = report.certificates
      .filter((c) => c.status === 'ok' && c.format === 'cvc' && c.endEntity && c.notAfter && /^\d{4}-\d{2}-\d{2}/.test(c.notAfter))
      .map((c) => ({ file: c.file, last: lastDayOf(c.notAfter!) }))
      .sort((a, b) => a.last.localeCompare(b.last))[0];
    if (cvExpired) {
      const c = countdown(cvExpired.last, at);
      if (c.over) add('cvCertificateExpired', 'notUsable', 'orderNewCard', { file: cvExpired.file, lastDay: cvExpired.last, endsOn: c.endsOn, date: c.endsOn });
    }
  }
  if (!earliest && !reasons.some((r) => r.code === 'notPersonalised') && cardType !== 'unknown') add('expiryUnknown', 'attention', 'checkWithIssuer');

  // Roots and cross-certificates of the chain (from the trust verdicts): their expiry ends the chain.
  const chainRows = [
    ...(options.trust?.roots ?? []).map((name) => rootRow(name)),
    ...(options.trust?.crossCertificates ?? []).map((x) => crossRow(x.issuer, x.subject)),
  ];
  for (const r of chainRows) {
    if (!r?.lastDay) continue;
    const c = countdown(r.lastDay, at);
    const name = r.subject.kind === 'root' ? r.subject.name : r.subject.kind === 'crossCertificate' ? `${r.subject.issuer} → ${r.subject.subject}` : r.id;
    const params = { name, lastDay: r.lastDay, endsOn: c.endsOn, date: c.endsOn, days: String(c.days) };
    if (c.over) add('rootExpired', 'notUsable', 'checkTrust', params);
    else if (c.days < ATTENTION_DAYS) add('rootExpires', 'attention', 'checkTrust', params);
  }

  // PINs: only the holder's PINs count (PIN.SO / PIN.AUTO unused is normal).
  for (const p of report.pins) {
    const purpose = pinPurpose(cardType, p.name);
    if (purpose === 'special') continue;
    if (p.status === 'transport' && purpose === 'main' && cardType !== 'eGK') add('notActivated', 'attention', 'activate', { pinName: p.name });
    // An eGK in transport state works for the practice (insurance data), but not for the insured person's
    // own use (ePA app, signatures) until they set a PIN with their PIN letter.
    else if (p.status === 'transport' && purpose === 'main') add('egkTransportPin', 'attention', 'setEgkPin', { pinName: p.name });
    else if (p.status === 'blocked') add(purpose === 'main' ? 'pinBlocked' : 'holderPinBlocked', purpose === 'main' ? 'notUsable' : 'attention', 'usePuk', { pinName: p.name });
    else if (p.action === 'watchRetries') add('pinFewRetries', 'attention', 'enterPinCarefully', { pinName: p.name, retries: String(p.retriesLeft ?? '') });
  }

  for (const c of report.certificates) if (c.status === 'corrupt') add('certificateCorrupt', 'attention', 'checkWithIssuer', { file: c.file, reason: c.reason ?? '' });
  for (const c of report.crossChecks) if (c.result === 'fail') add('crossCheckFailed', 'attention', 'checkWithIssuer', { check: c.code });
  if (!report.testCard && report.telematikId?.result?.verdict === 'invalid') add('telematikIdInvalid', 'attention', 'checkWithIssuer', { id: report.telematikId.id });

  reasons.sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || ORDER.indexOf(a.code) - ORDER.indexOf(b.code));
  const level = reasons[0]?.level ?? 'usable';
  const until = [...ends].sort((a, b) => a.lastDay.localeCompare(b.lastDay))[0] ?? null;
  return { level, at, reasons, usableUntil: until };
}

/** The verdict's headline reason: the first of its level (null for a plainly usable card). */
export function leadingReason(v: CardVerdict): VerdictReason | null {
  const first = v.reasons[0];
  return first && first.level === v.level && v.level !== 'usable' ? first : null;
}



/** The reasons the banner states: all but those of level "usable" (a test card at a test desk is only a badge). */
export function shownReasons(v: CardVerdict): VerdictReason[] {
  return v.reasons.filter((r) => r.level !== 'usable');
}

/**
 * Which verdict reasons already say what a report warning says. The banner lists the reasons; the
 * report's warning list keeps only what no shown reason says, so nothing is said twice (card page, kiosk).
 */
const WARNING_SAID_BY: Record<WarningCode, readonly VerdictCode[]> = {
  unknownCard: ['unknownCard'], mfNotActivated: ['mfNotActivated'], notActivated: ['notActivated', 'egkTransportPin'],
  pinBlocked: ['pinBlocked', 'holderPinBlocked'], notPersonalised: ['notPersonalised'], cardExpired: ['cardExpired'],
  certificatesExpired: ['cardExpired', 'cvCertificateExpired'], certificateExpiring: ['expiresSoon'], g1Outdated: ['generationOutdated'],
  g20Ended: ['generationEnded'], g20RsaOnly: ['generationEnds'], certificateCorrupt: ['certificateCorrupt'],
  telematikIdInvalid: ['telematikIdInvalid'], crossCheckFailed: ['crossCheckFailed'], pinFewRetries: ['pinFewRetries'],
  testCard: ['testCard', 'testCardAtProductionDesk'], pruefkarte: ['pruefkarte'],
};

/** The report's warnings the verdict banner does not already state. */
export function warningsBeyondVerdict(warnings: readonly ReportWarning[], v: CardVerdict): ReportWarning[] {
  const said = new Set(shownReasons(v).map((r) => r.code));
  return warnings.filter((w) => !WARNING_SAID_BY[w.code].some((c) => said.has(c)));
}
