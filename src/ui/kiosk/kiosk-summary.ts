// What the kiosk shows of a card: the few facts a stranger at a help desk needs, in plain words.
// Built from the card readout and the parsed certificates; nothing else is kept.
import type { CardReadout, PinStatus } from '../../cards/index.ts';
import type { CertificateParser } from '../../domain/pki/index.ts';
import { isParseError } from '../../domain/pki/index.ts';

export type ExpiryLevel = 'expired' | 'soon' | 'ok';

export interface KioskSummary {
  cardType: CardReadout['cardType'];
  generation: CardReadout['generation'];
  iccsn: string | null;
  /** Institution or person (common name of an end-entity certificate); null when hidden or unknown. */
  holder: string | null;
  telematikId: { id: string; verdict: string } | null;
  /** The card's effective expiry: the earliest end of an end-entity certificate. */
  expiry: { date: string; daysLeft: number; level: ExpiryLevel } | null;
  pins: { name: string; status: PinStatus; retriesLeft: number | null }[];
  warnings: ('g20-rsa-only' | 'not-activated' | 'expired' | 'expiring' | 'pin-blocked')[];
  personalDataHidden: boolean;
}

const DAY = 86_400_000;
export const EXPIRY_WARNING_DAYS = 90;

export function summarize(readout: CardReadout, parser: CertificateParser | null, options: { showPersonalData: boolean; now?: Date }): KioskSummary {
  const now = options.now ?? new Date();
  const hidePersonal = readout.cardType === 'eGK' && !options.showPersonalData;
  let earliest: Date | null = null;
  let holder: string | null = null;
  let telematikId: KioskSummary['telematikId'] = null;
  for (const file of readout.certificates) {
    if (!parser || file.status !== 'read' || !file.bytes || file.format !== 'x509') continue;
    const record = parser.parseX509(file.bytes, { allowTrailing: true });
    if (isParseError(record) || record.basicConstraints?.ca) continue;
    const end = new Date(record.notAfter);
    if (!Number.isNaN(end.getTime()) && (!earliest || end < earliest)) earliest = end;
    holder ??= record.subject.commonName;
    if (!telematikId) {
      const check = parser.check(record, now).telematikId;
      if (check) telematikId = { id: check.id, verdict: check.verdict };
    }
  }
  const expiry = earliest ? (() => {
    const daysLeft = Math.floor((earliest.getTime() - now.getTime()) / DAY);
    const level: ExpiryLevel = earliest.getTime() < now.getTime() ? 'expired' : daysLeft < EXPIRY_WARNING_DAYS ? 'soon' : 'ok';
    return { date: earliest.toISOString().slice(0, 10), daysLeft, level };
  })() : null;

  const pins = readout.pins
    .filter((p) => p.status !== 'absent')
    .map((p) => ({ name: p.name, status: p.status, retriesLeft: p.retriesLeft }));
  const warnings: KioskSummary['warnings'] = [];
  if (readout.generation === 'G2.0' && readout.cardType !== 'eGK') warnings.push('g20-rsa-only');
  if (pins.some((p) => p.status === 'transport')) warnings.push('not-activated');
  if (pins.some((p) => p.status === 'blocked')) warnings.push('pin-blocked');
  if (expiry?.level === 'expired') warnings.push('expired');
  if (expiry?.level === 'soon') warnings.push('expiring');

  return {
    cardType: readout.cardType,
    generation: readout.generation,
    iccsn: readout.iccsn?.iccsn ?? null,
    holder: hidePersonal ? null : holder,
    telematikId: hidePersonal ? null : telematikId,
    expiry,
    pins,
    warnings,
    personalDataHidden: hidePersonal,
  };
}
