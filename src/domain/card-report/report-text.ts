// Card report codes → sentences: the one place the card page, its print view, the kiosk and `ti-card`
// get their texts from, so all four say the same thing. Plain functions over a translator (testable
// without a browser); `reportText` is the whole report as plain text (the CLI's output).
import { codeKey, knownCodeKey, type Locale, type MessageKey, type MessageParams } from '../../i18n/index.ts';
import type { TelematikIdResult } from '../telematik-id/types.ts';
import { reasonMessage } from '../telematik-id/message.ts';
import { certificateReasonMessage, certificateReasonParamMessage } from './reason-text.ts';
import { isActivationPin, type CardReport, type CrossCheck, type ReportCertificate, type ReportPin, type ReportWarning } from './report.ts';

export type Translator = (key: MessageKey, params?: MessageParams) => string;

/** "SMC-B", "SMC-B ORG", "HBA" … as the card page names the card. */
export function cardTypeText(report: Pick<CardReport, 'cardType' | 'smcbOrg'>, tr: Translator): string {
  return tr(codeKey('card.type.', report.smcbOrg ? 'SMC-B-ORG' : report.cardType));
}

export function warningText(w: ReportWarning, tr: Translator): string {
  const params: MessageParams = { ...w.params };
  const check = knownCodeKey('card.check.', w.params['check'] ?? '');
  if (w.code === 'crossCheckFailed' && check) params['check'] = tr(check);
  const reason = certificateReasonParamMessage(w.params['reason'] ?? '');
  if (w.code === 'certificateCorrupt' && reason) params['reason'] = tr(reason.key, reason.params);
  return tr(codeKey('card.warning.', w.code), params);
}

export function crossCheckText(c: Pick<CrossCheck, 'code' | 'result'>, tr: Translator): { check: string; result: string } {
  return { check: tr(codeKey('card.check.', c.code)), result: tr(codeKey('card.check.', c.result)) };
}

/** The main PIN's transport state is the card's "not activated"; other PINs just have a transport PIN. */
export function pinStatusText(p: Pick<ReportPin, 'name' | 'status' | 'retriesLeft'>, cardType: CardReport['cardType'], tr: Translator): string {
  const main = p.status === 'transport' && isActivationPin(cardType, p.name);
  return tr(main ? 'card.pin.status.transportMain' : codeKey('card.pin.status.', p.status), { retries: p.retriesLeft ?? '?' });
}

export function pinActionText(p: Pick<ReportPin, 'action'>, tr: Translator): string | null {
  return p.action === 'none' ? null : tr(codeKey('card.pin.action.', p.action));
}

/** Holder line: the name, or why there is none — hidden eGK personal data is not "no certificates". */
export function holderText(report: CardReport, tr: Translator): string {
  const readable = report.certificates.some((c) => c.format === 'x509' && c.status === 'ok');
  if (report.personalDataRemoved && readable) return tr('card.holder.hidden');
  if (report.holder.name) return report.holder.name;
  return tr(readable ? 'card.holder.noName' : 'card.holder.none');
}

/** Why a Telematik-ID is not plainly valid (null when it is, or was not checked). */
export function telematikIdReason(result: TelematikIdResult | null, locale: Locale): string | null {
  if (!result || result.verdict === 'valid' || !result.reason) return null;
  return reasonMessage(result, locale);
}

/** "valid" / "invalid" / "not checked" of the card's Telematik-ID. */
export function telematikIdVerdictText(result: TelematikIdResult | null, tr: Translator): string {
  return tr(codeKey('card.verdict.', result?.verdict ?? 'unchecked'));
}

/** Why a certificate row is empty, corrupt or unreadable, as a phrase (null for readable rows). */
export function certificateReasonText(c: Pick<ReportCertificate, 'status' | 'reason'>, tr: Translator): string | null {
  if (c.status === 'ok' || !c.reason) return null;
  const m = certificateReasonMessage(c.reason);
  return tr(m.key, m.params);
}

/** A short note for certificate rows that would otherwise show only dashes. */
export function certificateNote(c: ReportCertificate, tr: Translator): string | null {
  // RSA CV certificates use message recovery: the card page cannot read CHR, dates or CAR without the CA's key.
  if (c.format === 'cvc' && c.status === 'ok' && c.algorithm === 'RSA' && !c.notAfter) return tr('card.cert.rsaCvc');
  return null;
}

export function expiryText(report: Pick<CardReport, 'effectiveExpiry'>, tr: Translator): string {
  const e = report.effectiveExpiry;
  return e ? tr('card.expiry.value', { date: e.date.slice(0, 10), file: e.file }) : tr('card.expiry.none');
}

/** The whole report as plain text, one fact a line (the order of the card page). */
export function reportText(report: CardReport, tr: Translator, locale: Locale, options: { reader?: string } = {}): string[] {
  const lines: string[] = [];
  lines.push(`${cardTypeText(report, tr)} · ${tr('card.generation')} ${report.generation ?? tr('card.generation.unknown')}`);
  if (report.iccsn) lines.push(`${tr('card.iccsn')}: ${report.iccsn}`);
  lines.push(`${tr('card.holder')}: ${holderText(report, tr)}`);
  if (report.telematikId) {
    const reason = telematikIdReason(report.telematikId.result, locale);
    lines.push(`${tr('card.telematikId')}: ${report.telematikId.id} (${telematikIdVerdictText(report.telematikId.result, tr)})`
      + (reason ? ` – ${tr('card.telematikId.reason')}: ${reason}` : ''));
  } else lines.push(`${tr('card.telematikId')}: ${tr('card.telematikId.none')}`);
  for (const c of report.crossChecks) {
    const { check, result } = crossCheckText(c, tr);
    lines.push(`  ${check}: ${result}`);
  }
  lines.push(`${tr('card.certificates')}:`);
  for (const c of report.certificates) {
    const detail = c.status === 'ok'
      ? [c.algorithm, c.issuerCa ?? (c.chr ? tr('card.cert.chr', { chr: c.chr }) : null),
        c.notAfter ? tr('card.cert.validUntil', { date: c.notAfter.slice(0, 10) }) : null,
        c.light ? tr(codeKey('card.light.', c.light)) : null, certificateNote(c, tr)].filter(Boolean).join(' · ')
      : c.status === 'empty' ? '' : certificateReasonText(c, tr) ?? '';
    lines.push(`  ${c.file}: ${tr(codeKey('card.cert.status.', c.status))}${detail ? ` — ${detail}` : ''}`);
  }
  lines.push(`${tr('card.expiry')}: ${expiryText(report, tr)}`);
  lines.push(`${tr('card.pins')}:`);
  for (const p of report.pins) {
    const action = pinActionText(p, tr);
    lines.push(`  ${p.name}: ${pinStatusText(p, report.cardType, tr)}${action ? ` → ${action}` : ''}`);
  }
  lines.push(`${tr('card.warnings')}:`);
  if (report.warnings.length === 0) lines.push(`  ${tr('card.warning.none')}`);
  for (const w of report.warnings) lines.push(`  [${w.severity}] ${warningText(w, tr)}`);
  lines.push(`${options.reader ? `${options.reader} · ` : ''}${tr('card.apduCount', { count: report.apduCount })}`);
  return lines;
}
