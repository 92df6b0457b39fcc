// One flat report object per certificate: the CLI's JSON line, the audit table's export (JSON and CSV).
import { isParseError, type CertificateEntry } from './index.ts';
import type { ParseErrorCode, Problem, TelematikIdCheck } from './types.ts';
import type { TrustVerdict } from './trust/types.ts';

export interface CertificateReport {
  file: string;
  index: number;
  format: 'x509' | 'cvc';
  serialNumber: string | null;
  subject: string;
  issuer: string;
  notBefore: string | null;
  notAfter: string | null;
  publicKey: { algorithm: 'RSA' | 'EC' | 'other'; bits: number | null; curve: string | null };
  /** Key identifiers as uppercase hex (X.509; null for CV certificates or when absent). */
  subjectKeyIdentifier: string | null;
  authorityKeyIdentifier: string | null;
  policies: string[];
  certificateType: string | null;
  admission: { professionItems: string[]; professionOids: string[]; registrationNumber: string | null } | null;
  telematikId: { id: string; verdict: TelematikIdCheck['verdict']; reason: string | null } | null;
  problems: Problem[];
  fingerprint: string | null;
  /** CV certificates only. */
  cvc?: { car: string | null; chr: string | null; iccsn: string | null; holder: string | null };
}

export interface ReportError {
  file: string;
  index: number;
  error: ParseErrorCode | 'FILE_NOT_READABLE';
  offset: number | null;
}

export function reportOf(e: CertificateEntry): CertificateReport | ReportError {
  const r = e.result;
  if (isParseError(r)) return { file: e.file, index: e.index, error: r.error, offset: r.offset ?? null };
  const base = { file: e.file, index: e.index, problems: e.problems, fingerprint: e.fingerprint };
  if (r.format === 'x509') {
    return {
      ...base, format: 'x509', serialNumber: r.serialNumber, subject: r.subject.text, issuer: r.issuer.text,
      notBefore: r.notBefore, notAfter: r.notAfter,
      publicKey: { algorithm: r.publicKey.algorithm, bits: r.publicKey.bits, curve: r.publicKey.curve },
      subjectKeyIdentifier: r.subjectKeyIdentifier, authorityKeyIdentifier: r.authorityKeyIdentifier,
      policies: r.policies, certificateType: r.certificateType,
      admission: r.admission ? {
        professionItems: r.admission.professionItems, professionOids: r.admission.professionOids,
        registrationNumber: r.admission.registrationNumber,
      } : null,
      telematikId: e.telematikId ? { id: e.telematikId.id, verdict: e.telematikId.verdict, reason: e.telematikId.reason } : null,
    };
  }
  return {
    ...base, format: 'cvc', serialNumber: null, subject: r.chr ?? '', issuer: r.car ?? '',
    notBefore: r.effectiveDate, notAfter: r.expirationDate,
    publicKey: r.publicKey
      ? { algorithm: 'EC', bits: r.publicKey.curve ? Number(/\d+/.exec(r.publicKey.curve)![0]) : null, curve: r.publicKey.curve }
      : { algorithm: 'RSA', bits: null, curve: null },
    subjectKeyIdentifier: null, authorityKeyIdentifier: null,
    policies: [], certificateType: null, admission: null, telematikId: null,
    cvc: { car: r.car, chr: r.chr, iccsn: r.iccsn, holder: r.flagList?.holder ?? null },
  };
}

export function isReportError(x: CertificateReport | ReportError): x is ReportError {
  return 'error' in x;
}

const CSV_COLUMNS = ['file', 'index', 'format', 'certificateType', 'subject', 'telematikId', 'verdict', 'issuer', 'notBefore', 'notAfter',
  'serialNumber', 'keyAlgorithm', 'keyBits', 'curve', 'professionOids', 'problems', 'error'] as const;

function csvCell(v: string): string {
  // Leading = + - @ would run as formulas in spreadsheets: quote them with an apostrophe.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV (RFC 4180, UTF-8 with BOM for Excel); `problemText` renders problem codes for people. */
/** Trust columns appended when the caller verified the chains: status, environment, chain (to the anchor), reason. */
export const CSV_TRUST_COLUMNS = ['trust_status', 'trust_environment', 'trust_chain', 'trust_reason'] as const;
export interface CsvTrust { of: (index: number) => TrustVerdict | null | undefined; reasonText: (v: TrustVerdict) => string }

export function reportsToCsv(reports: (CertificateReport | ReportError)[], problemText: (p: Problem) => string, errorText: (code: ReportError['error']) => string, trust?: CsvTrust): string {
  const rows = [[...CSV_COLUMNS, ...(trust ? CSV_TRUST_COLUMNS : [])].join(',')];
  for (const [i, r] of reports.entries()) {
    const cells = isReportError(r)
      ? [r.file, String(r.index), '', '', '', '', '', '', '', '', '', '', '', '', '', '', `${r.error}: ${errorText(r.error)}`]
      : [r.file, String(r.index), r.format, r.certificateType ?? '', r.subject, r.telematikId?.id ?? '', r.telematikId?.verdict ?? '', r.issuer,
        r.notBefore ?? '', r.notAfter ?? '', r.serialNumber ?? '', r.publicKey.algorithm, r.publicKey.bits?.toString() ?? '', r.publicKey.curve ?? '',
        r.admission?.professionOids.join(' ') ?? '', r.problems.map((p) => `${p.code}: ${problemText(p)}`).join(' | '), ''];
    if (trust) {
      const v = trust.of(i);
      cells.push(...(v ? [v.status, v.environment ?? '', v.chain.join(' < '), trust.reasonText(v)] : ['', '', '', '']));
    }
    rows.push(cells.map(csvCell).join(','));
  }
  return `\ufeff${rows.join('\r\n')}\r\n`;
}
