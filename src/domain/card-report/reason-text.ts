// Why a certificate file could not be used, as a sentence (card page, print, kiosk, ti-card): PIN-protected
// files, missing files, status words and file-format faults — never a bare code like DER_TRUNCATED.
import { codeKey, knownCodeKey, type Message } from '../../i18n/index.ts';
import { CERTIFICATE_FILE_REASONS, type CertificateFileReason, type CertificateReason, type StatusWordReason } from './report.ts';

const isStatusWord = (r: CertificateReason): r is StatusWordReason => r.startsWith('sw');
const isFileReason = (r: CertificateReason): r is CertificateFileReason =>
  (CERTIFICATE_FILE_REASONS as readonly string[]).includes(r);

export function certificateReasonMessage(reason: CertificateReason): Message {
  if (isStatusWord(reason)) return { key: 'card.cert.reason.statusWord', params: { sw: reason.slice(2) } };
  if (isFileReason(reason)) return { key: codeKey('card.cert.reason.', reason) };
  return { key: codeKey('cert.error.', reason) };
}

/** Warning parameters carry the reason as plain text: its message, or null when it is no known reason. */
export function certificateReasonParamMessage(reason: string): Message | null {
  if (/^sw[0-9A-F]{4}$/.test(reason)) return { key: 'card.cert.reason.statusWord', params: { sw: reason.slice(2) } };
  const key = knownCodeKey('card.cert.reason.', reason) ?? knownCodeKey('cert.error.', reason);
  return key ? { key } : null;
}
