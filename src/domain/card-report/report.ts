// The card report: what support staff need to see first (type, generation, holder, Telematik-ID,
// certificates with expiry, PIN states, warnings), built from a card readout. Codes, not texts: the UI
// and CLI translate them (src/i18n/messages/card.ts). Never contains PIN values (cards never give any)
// and carries eGK personal data only in `egk`, which exports leave out unless the user opts in.
import { isTestCardTelematikId } from '../telematik-id/test-card.ts';
import type { CardReadout, CardType, CertificateFileRead, Generation, PinStatus } from '../../cards/types.ts';
import { profileForType } from '../../cards/profiles.ts';
import { isParseError, oidInfo, telematikIdFitsProfession, type CertificateParser } from '../pki/index.ts';
import { validityProblems, VALIDITY_CODES } from '../pki/problems.ts';
import type { CvcRecord, ParseErrorCode, Problem, X509Record } from '../pki/types.ts';
import { gematikArc, PROVIDER_INSTITUTION_ARCS } from '../pki/oids.ts';
import type { TelematikIdResult, TelematikIdValidator } from '../telematik-id/types.ts';
import { decodeEgkData, type EgkData } from './egk.ts';
import { ATTENTION_DAYS } from './calendar-data.ts';
import { countdown, daysBetween, generationRow, lastDayOf, localDay } from './calendar.ts';

export type CertificateStatus = 'ok' | 'empty' | 'corrupt' | 'unreadable';
export type TrafficLight = 'expired' | 'soon' | 'fine' | 'notYetValid';
/** Why a certificate file is empty, corrupt or unreadable (texts: card.cert.reason.*, cert.error.*). */
export const CERTIFICATE_FILE_REASONS = [
  'securityStatusNotSatisfied', 'fileNotFound', 'notPersonalised', 'wrongFormat', 'wrongAlgorithm', 'wrongCertificateType',
] as const;
export type CertificateFileReason = (typeof CERTIFICATE_FILE_REASONS)[number];
/** Any other answer of the card: `sw` and the status word in hex, e.g. `sw6A82`. */
export type StatusWordReason = `sw${string}`;
export type CertificateReason = CertificateFileReason | ParseErrorCode | StatusWordReason;

export interface ProfessionRef {
  oid: string;
  de: string | null;
  en: string | null;
}

export interface ReportCertificate {
  file: string;
  format: 'x509' | 'cvc';
  status: CertificateStatus;
  /** Why empty/corrupt/unreadable: e.g. `securityStatusNotSatisfied`, `wrongAlgorithm`, a parse code. */
  reason: CertificateReason | null;
  /** Role from the file name (AUT, ENC, OSIG, QES, SIG, AUTN, ENCV, AUTO, CA, AUTR, AUTD). */
  role: string;
  expectedAlgorithm: 'RSA' | 'ECC';
  /** e.g. `RSA-2048`, `ECC brainpoolP256r1`. */
  algorithm: string | null;
  certificateType: string | null;
  subject: string | null;
  holderName: string | null;
  issuerCa: string | null;
  /** Trust service provider (issuer's organisation). */
  tsp: string | null;
  serialNumber: string | null;
  notBefore: string | null;
  notAfter: string | null;
  daysLeft: number | null;
  light: TrafficLight | null;
  endEntity: boolean;
  telematikId: string | null;
  professionOids: ProfessionRef[];
  /** Subject serialNumber attribute (e.g. `16.80276…`). */
  subjectSerialNumber: string | null;
  /** CVC fields. */
  car: string | null;
  chr: string | null;
  chrIccsn: string | null;
  problems: Problem[];
  sw: number;
}

export type CrossCheckCode = 'telematikIdProfession' | 'singleTelematikId' | 'iccsnInSubject' | 'iccsnInChr';

export interface CrossCheck {
  code: CrossCheckCode;
  result: 'ok' | 'fail' | 'notApplicable';
  params: Record<string, string>;
}

export type PinAction = 'none' | 'activate' | 'setPin' | 'usePuk' | 'newCard' | 'watchRetries' | 'specialPin';

/**
 * `main`: the PIN the holder uses every day (the card profile's `mainPin`: SMC-B PIN.SMC, HBA and eGK
 * PIN.CH); `holder`: another PIN of the holder (HBA PIN.QES, eGK MRPIN.*); `special`: not for day-to-day
 * use (the profile's `specialPins`: HBA PIN.SO and PIN.AUTO of DF.AUTO).
 */
export type PinPurpose = 'main' | 'holder' | 'special';

export interface ReportPin {
  name: string;
  status: PinStatus;
  retriesLeft: number | null;
  action: PinAction;
}

export type WarningCode =
  | 'g1Outdated' | 'g20RsaOnly' | 'cardExpired' | 'certificatesExpired' | 'certificateExpiring' | 'notActivated' | 'pinBlocked'
  | 'pinFewRetries' | 'notPersonalised' | 'certificateCorrupt' | 'crossCheckFailed' | 'pruefkarte' | 'unknownCard'
  | 'telematikIdInvalid' | 'mfNotActivated' | 'g20Ended' | 'testCard';

export interface ReportWarning {
  code: WarningCode;
  severity: 'error' | 'warning' | 'info';
  params: Record<string, string>;
}

export interface TelematikIdInfo {
  id: string;
  /** Sector prefix number (1 physicians … 11 health crafts), null when the ID has none. */
  sector: number | null;
  result: TelematikIdResult | null;
}

/** A gematik test card (TEST-ONLY issuers, "Testkarte" Telematik-IDs): works only in the TI's test and reference environments. */
export interface TestCardInfo {
  evidence: 'testIssuer' | 'testTelematikId';
  /** The issuer CN or Telematik-ID that says so. */
  value: string;
}

export interface CardReport {
  cardType: CardType;
  /** SMC-B ORG: an organisation's SMC-B (no eGK access), told apart by the institution's profession OID. */
  smcbOrg: boolean;
  generation: Generation | null;
  iccsn: string | null;
  iccsnParts: { mii: string; country: string; issuer: string; serial: string } | null;
  atr: string;
  mfAid: string | null;
  objectSystemVersion: string | null;
  products: { chip: string | null; cos: string | null; objectSystem: string | null; personalisation: string | null };
  cardLimits: { maxCommandLength: number | null; maxResponseLength: number | null };
  applications: { aid: string; label: string | null }[];
  holder: { name: string | null; kind: 'institution' | 'person' | null; professions: ProfessionRef[] };
  telematikId: TelematikIdInfo | null;
  crossChecks: CrossCheck[];
  certificates: ReportCertificate[];
  effectiveExpiry: { date: string; file: string; daysLeft: number } | null;
  pins: ReportPin[];
  warnings: ReportWarning[];
  egk: EgkData | null;
  apduCount: number;
  readAt: string;
  /** The day (YYYY-MM-DD) the dated parts (lights, days left, date warnings) were computed for; see reportAt. */
  asOf: string;
  /** Life-cycle state of the MF when it is not plainly active (kept so reportAt can rebuild the warnings). */
  mfLifeCycle: string | null;
  testCard: TestCardInfo | null;
  /** Set by reportForExport when eGK personal data was left out. */
  personalDataRemoved?: boolean;
}

export interface BuildOptions {
  parser: CertificateParser;
  validator: TelematikIdValidator | null;
  now?: Date;
}

// Most important first: what stops the card working today (not activated, blocked), then why it will not
// work (expired, unusable), then what to plan for.
const SEVERITY_RANK: Record<ReportWarning['severity'], number> = { error: 0, warning: 1, info: 2 };
const WARNING_RANK: readonly WarningCode[] = [
  'unknownCard', 'mfNotActivated', 'notActivated', 'pinBlocked', 'notPersonalised', 'cardExpired', 'g1Outdated', 'g20Ended',
  'certificatesExpired', 'certificateCorrupt', 'telematikIdInvalid', 'crossCheckFailed', 'pinFewRetries',
  'certificateExpiring', 'g20RsaOnly', 'testCard', 'pruefkarte',
];

/** Date only (YYYY-MM-DD) of an ISO time or a CV certificate's date. */
const dayOf = (iso: string): string => iso.slice(0, 10);
const endTime = (c: ReportCertificate): number => Date.parse(c.notAfter!.length === 10 ? `${c.notAfter}T23:59:59Z` : c.notAfter!);

const PROVIDER_INSTITUTIONS = new Set(PROVIDER_INSTITUTION_ARCS);

function professionRef(oid: string): ProfessionRef {
  const info = oidInfo(oid);
  return { oid, de: info?.de ?? null, en: info?.en ?? null };
}

function algorithmOf(rec: X509Record): string | null {
  const k = rec.publicKey;
  if (k.algorithm === 'RSA') return `RSA-${k.bits ?? '?'}`;
  if (k.algorithm === 'EC') return `ECC ${k.curve ?? k.curveOid ?? '?'}`;
  return null;
}

function attr(rec: X509Record, which: 'issuer' | 'subject', type: string): string | null {
  for (const rdn of rec[which].rdns) for (const a of rdn) if (a.type === type) return a.value;
  return null;
}

/**
 * Day-based, as the TI calendar counts: a certificate works through the (UTC) day of its notAfter;
 * daysLeft = days from `day` to that last day (0 = last day, negative = expired).
 */
function lightOf(notBefore: string | null, notAfter: string | null, day: string): { light: TrafficLight | null; daysLeft: number | null } {
  if (!notAfter || !/^\d{4}-\d{2}-\d{2}/.test(notAfter)) return { light: null, daysLeft: null };
  const { days, over } = countdown(lastDayOf(notAfter), day);
  if (over) return { light: 'expired', daysLeft: days };
  if (notBefore && /^\d{4}-\d{2}-\d{2}/.test(notBefore) && daysBetween(day, notBefore.slice(0, 10)) > 0) return { light: 'notYetValid', daysLeft: days };
  return { light: days < ATTENTION_DAYS ? 'soon' : 'fine', daysLeft: days };
}

function blank(file: CertificateFileRead, status: CertificateStatus, reason: CertificateReason | null): ReportCertificate {
  return {
    file: file.name, format: file.format, status, reason, role: file.role, expectedAlgorithm: file.algorithm,
    algorithm: null, certificateType: null, subject: null, holderName: null, issuerCa: null, tsp: null,
    serialNumber: null, notBefore: null, notAfter: null, daysLeft: null, light: null, endEntity: false,
    telematikId: null, professionOids: [], subjectSerialNumber: null, car: null, chr: null, chrIccsn: null,
    problems: [], sw: file.sw,
  };
}

function unreadableReason(file: CertificateFileRead): CertificateReason {
  if (file.status === 'denied') return 'securityStatusNotSatisfied';
  if (file.status === 'absent') return 'fileNotFound';
  return `sw${file.sw.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** One certificate file → its report row (never throws on bad bytes). */
export function certificateOf(file: CertificateFileRead, parser: CertificateParser, now: Date): ReportCertificate {
  if (file.status === 'denied' || file.status === 'absent' || file.status === 'error') return blank(file, 'unreadable', unreadableReason(file));
  const bytes = file.bytes ?? new Uint8Array(0);
  if (file.status === 'empty' || bytes.every((b) => b === 0x00) || bytes.every((b) => b === 0xff)) return blank(file, 'empty', 'notPersonalised');
  const parsed = parser.parse(bytes, { allowTrailing: true });
  if (isParseError(parsed)) return blank(file, 'corrupt', parsed.error);
  if (parsed.format !== file.format) return blank(file, 'corrupt', 'wrongFormat');
  const row = blank(file, 'ok', null);
  const { problems } = parser.check(parsed, now);
  row.problems = problems;
  if (parsed.format === 'x509') {
    const rec = parsed;
    row.algorithm = algorithmOf(rec);
    row.certificateType = rec.certificateType;
    row.subject = rec.subject.text;
    row.holderName = rec.subject.commonName;
    row.issuerCa = rec.issuer.commonName;
    row.tsp = attr(rec, 'issuer', 'O');
    row.serialNumber = rec.serialNumber;
    row.notBefore = rec.notBefore;
    row.notAfter = rec.notAfter;
    row.endEntity = rec.basicConstraints?.ca !== true;
    row.telematikId = rec.admission?.registrationNumber ?? null;
    row.professionOids = (rec.admission?.professionOids ?? []).map(professionRef);
    row.subjectSerialNumber = attr(rec, 'subject', 'serialNumber');
    Object.assign(row, lightOf(rec.notBefore, rec.notAfter, localDay(now)));
    const isEc = rec.publicKey.algorithm === 'EC';
    if ((file.algorithm === 'ECC') !== isEc) { row.status = 'corrupt'; row.reason = 'wrongAlgorithm'; }
    else if (row.certificateType && file.role && !row.certificateType.endsWith(`.${file.role}`) && file.role !== 'AUTO') {
      row.status = 'corrupt'; row.reason = 'wrongCertificateType';
    }
  } else {
    const rec: CvcRecord = parsed;
    row.car = rec.car;
    row.chr = rec.chr;
    row.chrIccsn = rec.iccsn;
    row.algorithm = rec.publicKey?.curve ? `ECC ${rec.publicKey.curve}` : rec.selfDescriptive ? null : 'RSA';
    row.notBefore = rec.effectiveDate;
    row.notAfter = rec.expirationDate;
    row.endEntity = rec.flagList?.holder === 'end-entity' || rec.iccsn !== null;
    Object.assign(row, lightOf(rec.effectiveDate, rec.expirationDate, localDay(now)));
    const isEcc = rec.selfDescriptive;
    if ((file.algorithm === 'ECC') !== isEcc) { row.status = 'corrupt'; row.reason = 'wrongAlgorithm'; }
  }
  return row;
}

export function pinPurpose(cardType: CardType, name: string): PinPurpose {
  const profile = profileForType(cardType);
  if (profile?.mainPin === name) return 'main';
  return profile?.specialPins?.includes(name) ? 'special' : 'holder';
}

/** Whether this PIN in transport state means the card was never activated (profile: `activatedByMainPin`). */
export function isActivationPin(cardType: CardType, name: string): boolean {
  return profileForType(cardType)?.activatedByMainPin === true && pinPurpose(cardType, name) === 'main';
}

/** Whether the card carries insured-person data that stays hidden unless the user opts in. */
export function carriesPersonalData(cardType: CardType): boolean {
  return profileForType(cardType)?.personalData !== undefined;
}

function pinAction(cardType: CardType, name: string, status: PinStatus, retriesLeft: number | null): PinAction {
  // An unused special PIN (transport or empty) is the normal state: nothing for the holder to do.
  if (pinPurpose(cardType, name) === 'special' && (status === 'transport' || status === 'empty')) return 'specialPin';
  switch (status) {
    case 'transport': return isActivationPin(cardType, name) ? 'activate' : 'setPin';
    case 'empty': return 'setPin';
    case 'blocked': return 'usePuk';
    case 'retries': return retriesLeft !== null && retriesLeft < 3 ? 'watchRetries' : 'none';
    default: return 'none';
  }
}

function sectorOf(id: string): number | null {
  const m = /^(\d{1,2})-/.exec(id);
  return m ? Number(m[1]) : null;
}

export async function buildCardReport(readout: CardReadout, options: BuildOptions): Promise<CardReport> {
  const now = options.now ?? new Date();
  const certificates = readout.certificates.map((f) => certificateOf(f, options.parser, now));
  const ok = certificates.filter((c) => c.status === 'ok');
  const x509 = ok.filter((c) => c.format === 'x509');
  const cardType: CardType = readout.cardType;
  const profile = profileForType(cardType);
  const iccsn = readout.iccsn?.iccsn ?? null;

  // Holder and professions: from the end-entity X.509 certificates (AUT first).
  const byRole = [...x509].sort((a, b) => (a.role === 'AUT' ? -1 : 0) - (b.role === 'AUT' ? -1 : 0));
  const professions = [...new Map(x509.flatMap((c) => c.professionOids).map((p) => [p.oid, p])).values()];
  const institution = professions.some((p) => oidInfo(p.oid)?.kind === 'institution') || profile?.holder === 'institution';
  const holderName = byRole[0]?.holderName?.replace(/\s*TEST-ONLY$/, '') ?? null;
  const smcbOrg = profile?.orgVariant === true && professions.length > 0 && professions.every((p) => {
    return !PROVIDER_INSTITUTIONS.has(gematikArc(p.oid));
  });

  // Telematik-ID: every distinct registrationNumber across the certificates.
  const ids = [...new Set(x509.map((c) => c.telematikId).filter((x): x is string => !!x))];
  const telematikId: TelematikIdInfo | null = ids[0]
    ? { id: ids[0], sector: sectorOf(ids[0]), result: options.validator ? options.validator.validate(ids[0]) : null }
    : null;

  const crossChecks: CrossCheck[] = [];
  if (telematikId && professions.length > 0) {
    const fits = telematikIdFitsProfession(telematikId.id, professions.map((p) => p.oid));
    crossChecks.push({
      code: 'telematikIdProfession',
      result: fits === null ? 'notApplicable' : fits ? 'ok' : 'fail',
      params: { id: telematikId.id, oids: professions.map((p) => p.oid).join(', ') },
    });
  }
  if (ids.length > 0) {
    crossChecks.push({ code: 'singleTelematikId', result: ids.length === 1 ? 'ok' : 'fail', params: { ids: ids.join(', ') } });
  }
  if (iccsn) {
    const withSerial = x509.filter((c) => c.subjectSerialNumber);
    if (withSerial.length > 0) {
      const bad = withSerial.filter((c) => !c.subjectSerialNumber!.endsWith(iccsn));
      crossChecks.push({
        code: 'iccsnInSubject', result: bad.length === 0 ? 'ok' : 'fail',
        params: { iccsn, files: (bad.length ? bad : withSerial).map((c) => c.file).join(', ') },
      });
    }
    const chrs = ok.filter((c) => c.format === 'cvc' && c.chrIccsn);
    if (chrs.length > 0) {
      const bad = chrs.filter((c) => c.chrIccsn !== iccsn);
      crossChecks.push({
        code: 'iccsnInChr', result: bad.length === 0 ? 'ok' : 'fail',
        params: { iccsn, files: (bad.length ? bad : chrs).map((c) => c.file).join(', ') },
      });
    }
  }

  // Effective expiry: the earliest end-entity X.509 certificate.
  const endEntity = x509.filter((c) => c.endEntity && c.notAfter);
  const earliest = endEntity.sort((a, b) => Date.parse(a.notAfter!) - Date.parse(b.notAfter!))[0];
  const effectiveExpiry = earliest ? { date: earliest.notAfter!, file: earliest.file, daysLeft: earliest.daysLeft ?? 0 } : null;

  const pins: ReportPin[] = readout.pins
    .filter((p) => p.status !== 'absent')
    .map((p) => ({
      name: p.name, status: p.status, retriesLeft: p.retriesLeft, action: pinAction(cardType, p.name, p.status, p.retriesLeft),
    }));

  let egk: EgkData | null = null;
  const personal = profile?.personalData;
  if (personal) {
    const file = (n: string): Uint8Array | null => readout.dataFiles.find((f) => f.name === n && f.status === 'read')?.bytes ?? null;
    egk = await decodeEgkData({ pd: file(personal.pd), vd: file(personal.vd), statusVd: file(personal.statusVd) });
  }

  const product = (p: { maker: string; product: string; version: string } | null): string | null => (p ? `${p.maker} ${p.product} ${p.version}` : null);
  const report: CardReport = {
    cardType,
    smcbOrg,
    generation: readout.generation,
    iccsn,
    iccsnParts: readout.iccsn
      ? { mii: readout.iccsn.mii, country: readout.iccsn.country, issuer: readout.iccsn.issuer, serial: readout.iccsn.serial }
      : null,
    atr: readout.atrHex,
    mfAid: readout.mfAid,
    objectSystemVersion: readout.version2?.objectSystemVersion ?? null,
    products: {
      chip: product(readout.efAtr?.chip ?? null), cos: product(readout.efAtr?.cos ?? null),
      objectSystem: product(readout.efAtr?.objectSystem ?? null), personalisation: product(readout.efAtr?.personalisation ?? null),
    },
    cardLimits: { maxCommandLength: readout.efAtr?.maxCommandLength ?? null, maxResponseLength: readout.efAtr?.maxResponseLength ?? null },
    applications: readout.dir.map((d) => ({ aid: d.aid, label: d.label })),
    holder: { name: holderName, kind: holderName ? (institution ? 'institution' : 'person') : null, professions },
    telematikId,
    crossChecks,
    certificates,
    effectiveExpiry,
    pins,
    warnings: [],
    egk,
    apduCount: readout.apduCount,
    readAt: now.toISOString(),
    asOf: localDay(now),
    mfLifeCycle: readout.mfLifeCycle,
    testCard: testCardOf(certificates, telematikId),
  };
  report.warnings = warningsOf(report);
  return report;
}

const TEST_ISSUER = /TEST-ONLY|NOT-VALID/;
/** A gematik test card's Telematik-ID ("…-Testkarte-…"): it follows no production formation rule. */
export const isTestTelematikId = isTestCardTelematikId;

/** gematik test cards say so in their issuers (`… TEST-ONLY`, `O=gematik GmbH NOT-VALID`) or their Telematik-ID. */
export function testCardOf(certificates: readonly ReportCertificate[], telematikId: TelematikIdInfo | null): TestCardInfo | null {
  const issuer = certificates.find((c) => c.status === 'ok' && c.format === 'x509' && (TEST_ISSUER.test(c.issuerCa ?? '') || TEST_ISSUER.test(c.tsp ?? '')));
  if (issuer) return { evidence: 'testIssuer', value: issuer.issuerCa ?? issuer.tsp ?? '' };
  if (telematikId && isTestCardTelematikId(telematikId.id)) return { evidence: 'testTelematikId', value: telematikId.id };
  return null;
}

/** The warnings of a report on its `asOf` day: what stops the card working, then what to plan for. */
function warningsOf(r: CardReport): ReportWarning[] {
  const warnings: ReportWarning[] = [];
  const w = (code: WarningCode, severity: ReportWarning['severity'], params: Record<string, string> = {}): void => { warnings.push({ code, severity, params }); };
  const { cardType, certificates, effectiveExpiry, pins, telematikId } = r;
  if (cardType === 'unknown') w('unknownCard', 'error', { atr: r.atr, aid: r.mfAid ?? '' });
  if (r.mfLifeCycle && r.mfLifeCycle !== 'activated') w('mfNotActivated', 'error', { state: r.mfLifeCycle });
  // Outdated generations: the TI calendar says until when (src/domain/card-report/calendar-data.ts).
  const row = cardType === 'unknown' ? null : generationRow(cardType, r.generation);
  if (row?.status === 'gone') w('g1Outdated', 'error', { generation: r.generation ?? '' });
  else if (row?.status === 'dated' && row.lastDay) {
    const left = countdown(row.lastDay, r.asOf);
    const params = { generation: r.generation ?? '', date: left.endsOn, lastDay: row.lastDay, days: String(left.days) };
    if (left.over) w('g20Ended', 'error', params);
    else w('g20RsaOnly', 'warning', params);
  }
  for (const c of certificates) if (c.status === 'corrupt') w('certificateCorrupt', 'error', { file: c.file, reason: c.reason ?? '' });
  // Expiry: one warning for all expired end-entity certificates and one for those expiring soon,
  // each naming the first date (date only); past the effective expiry the card as a whole is expired.
  // Counted over the rows that show a light (CA CV certificates too), so "N of M" agrees with the red rows.
  const live = certificates.filter((c) => c.status === 'ok' && c.light);
  const byEnd = (list: ReportCertificate[]) => [...list].sort((a, b) => endTime(a) - endTime(b));
  const expired = byEnd(live.filter((c) => c.light === 'expired'));
  if (expired.length > 0) {
    const params = { count: String(expired.length), total: String(live.length), first: dayOf(expired[0]!.notAfter!), files: expired.map((c) => c.file).join(', ') };
    if (effectiveExpiry && effectiveExpiry.daysLeft < 0) w('cardExpired', 'error', { ...params, date: dayOf(effectiveExpiry.date), file: effectiveExpiry.file });
    else w('certificatesExpired', 'error', params);
  }
  const soon = byEnd(live.filter((c) => c.light === 'soon'));
  if (soon.length > 0) {
    w('certificateExpiring', 'warning', {
      count: String(soon.length), total: String(live.length), date: dayOf(soon[0]!.notAfter!), days: String(soon[0]!.daysLeft),
      files: soon.map((c) => c.file).join(', '),
    });
  }
  // Only profiles with X.509 files have read any (gSMC-K/KT and unknown cards have none to miss).
  if (certificates.some((c) => c.format === 'x509')
    && !certificates.some((c) => c.format === 'x509' && c.status === 'ok')) w('notPersonalised', 'error');
  // Only the card's main PIN says whether the card was activated (PIN.SO / PIN.AUTO stay in transport state).
  const transport = pins.filter((p) => p.status === 'transport' && pinPurpose(cardType, p.name) === 'main');
  if (transport.length > 0) {
    w('notActivated', profileForType(cardType)?.activatedByMainPin ? 'error' : 'info', { pins: transport.map((p) => p.name).join(', ') });
  }
  for (const p of pins) {
    if (p.status === 'blocked') w('pinBlocked', 'error', { pinName: p.name });
    else if (p.action === 'watchRetries') w('pinFewRetries', 'warning', { pinName: p.name, retries: String(p.retriesLeft) });
  }
  for (const c of r.crossChecks) if (c.result === 'fail') w('crossCheckFailed', 'error', { check: c.code, ...c.params });
  // A test card is named as one; its Telematik-ID follows no production formation rule, so no rule warning.
  if (r.testCard) w('testCard', 'info', { evidence: r.testCard.evidence, value: r.testCard.value });
  else if (telematikId?.result?.verdict === 'invalid') w('telematikIdInvalid', 'error', { id: telematikId.id });
  if (r.egk?.pruefkarte) w('pruefkarte', 'info');

  return warnings.sort((a, b) =>
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || WARNING_RANK.indexOf(a.code) - WARNING_RANK.indexOf(b.code));
}

/**
 * The same report as of another instant ("Stand am"): lights, days left, validity problems, effective
 * expiry and warnings recomputed from the dates the report already holds; nothing is read again.
 */
export function reportAt(report: CardReport, now: Date): CardReport {
  const day = localDay(now);
  const certificates = report.certificates.map((c) => {
    if (c.status !== 'ok') return c;
    const problems = [
      ...c.problems.filter((p) => !VALIDITY_CODES.has(p.code)),
      ...validityProblems(c.format, c.notBefore, c.notAfter, now),
    ];
    return { ...c, ...lightOf(c.notBefore, c.notAfter, day), problems };
  });
  const e = report.effectiveExpiry;
  const effectiveExpiry = e ? { ...e, daysLeft: countdown(lastDayOf(e.date), day).days } : null;
  const dated: CardReport = { ...report, certificates, effectiveExpiry, asOf: day, warnings: [] };
  dated.warnings = warningsOf(dated);
  return dated;
}
