// Plain data of trust verdicts (structured-clone safe, JSON as is).
// Every code family is a closed list (`as const`): the i18n table must have a German and an English text for
// each (codeKey('cert.trust.reason.', …) refuses a code without one at the type-check).
export const ENVIRONMENTS = ['production', 'reference', 'test'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const TRUST_STATUSES = ['verified', 'signatureInvalid', 'issuerUnknown', 'selfSigned', 'caRevoked', 'notVerifiable'] as const;
export type TrustStatus = (typeof TRUST_STATUSES)[number];

/** Why a verdict is what it is (text: cert.trust.reason.<code>). */
export const TRUST_REASONS = [
  'chainVerified', 'signatureInvalid', 'issuerUnknown', 'selfSigned', 'caRevoked', 'chainTooLong', 'caMayNotIssueType',
  'algorithmUnsupported', 'rsaCvcNotChecked', 'cvcIssuerUnknown', 'cvcSignatureInvalid', 'cvcSelfSigned',
  'cvcProfileMismatch', 'x509InCvcFile', 'cvcUnreadable', 'certificateUnreadable',
] as const;
export type TrustReason = (typeof TRUST_REASONS)[number];

/** Warnings beside a verdict (text: cert.trust.warning.<code>). */
export const TRUST_WARNINGS = ['crossCertificateExpired', 'issuerNotValidAtIssuance', 'caMayNotIssueType', 'cvcProfileMismatch'] as const;
export type TrustWarningCode = (typeof TRUST_WARNINGS)[number];

export const AUTHENTICITY_STATUSES = ['genuineProduction', 'testCard', 'notVerifiable', 'failed'] as const;
export type AuthenticityStatus = (typeof AUTHENTICITY_STATUSES)[number];

/** Why the card's authenticity is what it is: one of its own, or the failing certificate's reason. */
export const AUTHENTICITY_REASONS = ['chainToTestRoot', 'chainToProductionRoot', 'notAllCertificatesVerified', 'loadTsl'] as const;
export type AuthenticityReason = (typeof AUTHENTICITY_REASONS)[number] | TrustReason;

export const TSL_IMPORT_ERRORS = ['XML_DTD_REFUSED', 'XML_MALFORMED', 'TSL_NOT_A_TSL', 'TSL_SIGNATURE_INVALID', 'TSL_SIGNER_UNTRUSTED'] as const;
export type TslImportError = (typeof TSL_IMPORT_ERRORS)[number];

export interface TrustCheck {
  /** ocsp (always notChecked offline) · chainDates · validityNow · caStatus · caMayIssueType · cvcProfile … */
  id: string;
  result: 'pass' | 'fail' | 'notChecked';
  /** Free detail (a TSL service status, the missing certificate types …), shown as is. */
  reason?: string | undefined;
}

export interface TrustWarning { code: TrustWarningCode; params: Record<string, string> }

export interface TrustVerdict {
  status: TrustStatus;
  /** Only for verified: the environment of the anchor the chain ends in. */
  environment: Environment | null;
  /** Subject CNs (CVC: CHRs) from the certificate up to the anchor. */
  chain: string[];
  /** Message key suffix (cert.trust.reason.<reason>) with `params`. */
  reason: TrustReason;
  params: Record<string, string>;
  checks: TrustCheck[];
  warnings: TrustWarning[];
}

export interface Authenticity {
  /** genuineProduction · testCard · notVerifiable (load a TSL) · failed (a certificate failed) */
  status: AuthenticityStatus;
  environment: Environment | null;
  /** The anchor the card's certificates chain to (X.509 root CN or CV root CHR). */
  anchor: string | null;
  reason: AuthenticityReason;
}
