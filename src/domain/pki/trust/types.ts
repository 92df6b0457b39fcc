// Plain data of trust verdicts (structured-clone safe, JSON as is).
export type Environment = 'production' | 'reference' | 'test';

export type TrustStatus = 'verified' | 'signatureInvalid' | 'issuerUnknown' | 'selfSigned' | 'caRevoked' | 'notVerifiable';

export interface TrustCheck {
  /** ocsp (always notChecked offline) · chainDates · validityNow · caStatus · caMayIssueType · cvcProfile … */
  id: string;
  result: 'pass' | 'fail' | 'notChecked';
  reason?: string | undefined;
}

export interface TrustVerdict {
  status: TrustStatus;
  /** Only for verified: the environment of the anchor the chain ends in. */
  environment: Environment | null;
  /** Subject CNs (CVC: CHRs) from the certificate up to the anchor. */
  chain: string[];
  /** Message key suffix (cert.trust.reason.<reason>) with `params`. */
  reason: string;
  params: Record<string, string>;
  checks: TrustCheck[];
  warnings: { code: string; params: Record<string, string> }[];
}

export interface Authenticity {
  /** genuineProduction · testCard · notVerifiable (load a TSL) · failed (a certificate failed) */
  status: 'genuineProduction' | 'testCard' | 'notVerifiable' | 'failed';
  environment: Environment | null;
  /** The anchor the card's certificates chain to (X.509 root CN or CV root CHR). */
  anchor: string | null;
  reason: string;
}
