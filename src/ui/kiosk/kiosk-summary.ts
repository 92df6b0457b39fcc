// What the kiosk shows of a card: the few facts a stranger at a help desk needs, taken from the card
// report (src/domain/card-report, the same source as the card page), with the insured person's data
// of an eGK left out unless the desk is configured to show it (`personal=1`).
import { carriesPersonalData, type CardReport, type ReportPin, type ReportWarning } from '../../domain/card-report/index.ts';
import type { TelematikIdResult } from '../../domain/telematik-id/types.ts';

export type ExpiryLevel = 'expired' | 'soon' | 'ok';
export const EXPIRY_WARNING_DAYS = 90;

export interface KioskSummary {
  cardType: CardReport['cardType'];
  generation: CardReport['generation'];
  iccsn: string | null;
  /** Institution or person; null when hidden (eGK) or unknown. */
  holder: string | null;
  telematikId: { id: string; verdict: TelematikIdResult['verdict'] | null; result: TelematikIdResult | null } | null;
  /** The card's effective expiry: the earliest end of an end-entity certificate. */
  expiry: { date: string; daysLeft: number; level: ExpiryLevel } | null;
  pins: Pick<ReportPin, 'name' | 'status' | 'retriesLeft' | 'action'>[];
  warnings: ReportWarning[];
  /** eGK data shown only with `personal=1`. */
  insured: { name: string; birthDate: string | null; insurantId: string | null; costBearer: string | null } | null;
  personalDataHidden: boolean;
  pruefkarte: boolean;
}

export function summarize(report: CardReport, options: { showPersonalData: boolean }): KioskSummary {
  const isEgk = carriesPersonalData(report.cardType);
  const hide = isEgk && !options.showPersonalData;
  const e = report.effectiveExpiry;
  const expiry = e ? {
    date: e.date.slice(0, 10),
    daysLeft: e.daysLeft,
    level: (e.daysLeft < 0 ? 'expired' : e.daysLeft < EXPIRY_WARNING_DAYS ? 'soon' : 'ok') as ExpiryLevel,
  } : null;
  const pd = report.egk?.pd ?? null;
  const insured = isEgk && !hide && pd ? {
    name: [pd.title, pd.givenName, pd.prefix, pd.surname].filter(Boolean).join(' '),
    birthDate: pd.birthDate,
    insurantId: pd.insurantId,
    costBearer: report.egk?.vd?.costBearerName ?? null,
  } : null;
  return {
    cardType: report.cardType,
    generation: report.generation,
    iccsn: report.iccsn,
    // An eGK's certificates name the insured person: hidden with the rest of the personal data.
    holder: hide ? null : report.holder.name,
    telematikId: hide || !report.telematikId ? null
      : { id: report.telematikId.id, verdict: report.telematikId.result?.verdict ?? null, result: report.telematikId.result },
    expiry,
    pins: report.pins.filter((p) => p.status !== 'absent')
      .map((p) => ({ name: p.name, status: p.status, retriesLeft: p.retriesLeft, action: p.action })),
    warnings: report.warnings,
    insured,
    personalDataHidden: hide,
    pruefkarte: report.egk?.pruefkarte ?? false,
  };
}
