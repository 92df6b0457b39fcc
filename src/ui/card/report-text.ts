// Card report codes → sentences, shared by the card page, its print view and the kiosk so all three
// say the same thing. Plain functions over a translator (testable without a browser).
import { codeKey, knownCodeKey, type Locale, type MessageKey, type MessageParams } from '../../i18n/index.ts';
import { certificateReasonMessage, certificateReasonParamMessage, pinPurpose, type CardReport, type CertificateReason, type ReportCertificate, type ReportPin, type ReportWarning } from '../../domain/card-report/index.ts';
import type { TelematikIdResult } from '../../domain/telematik-id/types.ts';
import { reasonMessage } from '../../domain/telematik-id/message.ts';

export type Translator = (key: MessageKey, params?: MessageParams) => string;

export function warningText(w: ReportWarning, tr: Translator): string {
  const params: MessageParams = { ...w.params };
  const check = knownCodeKey('card.check.', w.params['check'] ?? '');
  if (w.code === 'crossCheckFailed' && check) params['check'] = tr(check);
  const reason = certificateReasonParamMessage(w.params['reason'] ?? '');
  if (w.code === 'certificateCorrupt' && reason) params['reason'] = tr(reason.key, reason.params);
  return tr(codeKey('card.warning.', w.code), params);
}

/** Why a certificate file is empty, corrupt or unreadable, as a sentence (never a bare code). */
export function certificateReasonText(reason: CertificateReason, tr: Translator): string {
  const m = certificateReasonMessage(reason);
  return tr(m.key, m.params);
}

/** The main PIN's transport state is the card's "not activated"; other PINs just have a transport PIN. */
export function pinStatusText(p: Pick<ReportPin, 'name' | 'status' | 'retriesLeft'>, cardType: CardReport['cardType'], tr: Translator): string {
  const main = p.status === 'transport' && cardType !== 'eGK' && pinPurpose(cardType, p.name) === 'main';
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

/** A short note for certificate rows that would otherwise show only dashes. */
export function certificateNote(c: ReportCertificate, tr: Translator): string | null {
  // RSA CV certificates use message recovery: the card page cannot read CHR, dates or CAR without the CA's key.
  if (c.format === 'cvc' && c.status === 'ok' && c.algorithm === 'RSA' && !c.notAfter) return tr('card.cert.rsaCvc');
  return null;
}
