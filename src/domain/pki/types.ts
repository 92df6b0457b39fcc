// Records the certificate parser returns. Plain data (structured-clone safe) so workers can post them.
import type { Verdict, TelematikIdResult } from '../telematik-id/types.ts';

export interface NamedOid {
  oid: string;
  /** Short name from the OID table, or the dotted OID. */
  name: string;
}

export interface NameAttribute {
  oid: string;
  /** RFC 4514 / OpenSSL short name (CN, O, SN, GN, serialNumber …) or the dotted OID. */
  type: string;
  value: string;
  /** ASN.1 string type, e.g. UTF8String, PrintableString, T61String, BMPString. */
  stringType: string;
}

export interface DistinguishedName {
  /** RDNs in certificate order; an RDN with several attributes is multi-valued. */
  rdns: NameAttribute[][];
  /** OpenSSL-style one-line form: `C=DE, SN=Beyer + GN=Babette, CN=…`. */
  text: string;
  /** Convenience: first CN, or null. */
  commonName: string | null;
}

export interface PublicKeyInfo {
  algorithm: 'RSA' | 'EC' | 'other';
  algorithmOid: string;
  bits: number | null;
  /** Curve short name (brainpoolP256r1, prime256v1 …), null for RSA. */
  curve: string | null;
  curveOid: string | null;
}

export interface ProfessionInfo {
  professionItems: string[];
  professionOids: NamedOid[];
  registrationNumber: string | null;
}

export interface Admission {
  /** admissionAuthority as a DN text or URI, when present. */
  authority: string | null;
  professionInfos: ProfessionInfo[];
  /** Flattened over all professionInfos (what the audit table and CLI show). */
  professionItems: string[];
  professionOids: string[];
  registrationNumber: string | null;
}

export interface GeneralName {
  type: 'email' | 'dns' | 'uri' | 'ip' | 'dirName' | 'other';
  value: string;
}

export interface Extension {
  oid: string;
  name: string;
  critical: boolean;
  /** Whether this parser decodes it (false = kept raw). */
  known: boolean;
  /** Raw extnValue content as hex for extensions not decoded here (so nothing is lost); null when decoded. */
  valueHex: string | null;
}

export interface X509Record {
  format: 'x509';
  version: number;
  serialNumber: string;
  signatureAlgorithm: NamedOid;
  issuer: DistinguishedName;
  subject: DistinguishedName;
  notBefore: string;
  notAfter: string;
  publicKey: PublicKeyInfo;
  extensions: Extension[];
  keyUsage: string[] | null;
  extKeyUsage: NamedOid[] | null;
  basicConstraints: { ca: boolean; pathLength: number | null } | null;
  policies: string[];
  /** gematik certificate types found among the policies (C.HCI.AUT …). */
  certificateTypes: string[];
  /** The single certificate type when exactly one is present, else null. */
  certificateType: string | null;
  subjectAltNames: GeneralName[];
  ocsp: string[];
  caIssuers: string[];
  crlDistributionPoints: string[];
  subjectKeyIdentifier: string | null;
  authorityKeyIdentifier: string | null;
  qcStatements: NamedOid[] | null;
  admission: Admission | null;
  /** DER length of the certificate. */
  byteLength: number;
}

export interface CvcRecord {
  format: 'cvc';
  /** true for self-descriptive ECC certificates (7F4E body); false for RSA ones with message recovery. */
  selfDescriptive: boolean;
  profileIdentifier: number | null;
  /** Certification Authority Reference, as printable text when it is, else hex; null when not stored (RSA). */
  car: string | null;
  carHex: string | null;
  chr: string | null;
  chrHex: string | null;
  /** ICCSN (20 digits) inside an end-entity CHR. */
  iccsn: string | null;
  publicKey: { oid: string; name: string; curve: string | null; pointHex: string } | null;
  flagList: { oid: string; name: string; hex: string; holder: 'end-entity' | 'sub-ca' | 'root-ca' | 'unknown'; bits: number[] } | null;
  effectiveDate: string | null;
  expirationDate: string | null;
  signatureHex: string;
  byteLength: number;
}

export type CertificateRecord = X509Record | CvcRecord;

export type ProblemCode =
  | 'EXPIRED' | 'NOT_YET_VALID' | 'MISSING_ADMISSION' | 'MISSING_PROFESSION_OID' | 'MISSING_REGISTRATION_NUMBER'
  | 'TELEMATIK_ID_INVALID' | 'TELEMATIK_ID_WARNING' | 'TELEMATIK_ID_PROFESSION_MISMATCH'
  | 'MISSING_KEY_USAGE' | 'WRONG_KEY_USAGE' | 'MISSING_CERTIFICATE_TYPE' | 'SEVERAL_CERTIFICATE_TYPES'
  | 'UNKNOWN_PROFESSION_OID' | 'CERTIFICATE_TYPE_PROFESSION_MISMATCH' | 'UNKNOWN_CRITICAL_EXTENSION' | 'CVC_NOT_SELF_DESCRIPTIVE'
  | 'CRITICAL_EXTENSION_NOT_ALLOWED' | 'MISSING_EXT_KEY_USAGE' | 'WRONG_EXT_KEY_USAGE' | 'MISSING_AUTHORITY_KEY_ID'
  /** Needs the issuer among the same files: see chain.ts. */
  | 'AUTHORITY_KEY_ID_MISMATCH';

export interface Problem {
  code: ProblemCode;
  severity: 'error' | 'warning' | 'info';
  /** Parameters for the i18n text (e.g. expected key usage). */
  params?: Record<string, string>;
  /** TELEMATIK_ID_INVALID/_WARNING: the validator's full result, for a message naming the exact part. */
  telematikId?: TelematikIdResult;
}

export interface TelematikIdCheck {
  id: string;
  verdict: Verdict | 'unchecked';
  reason: string | null;
  /** The validator's full result; absent when unchecked. Not part of the JSON report. */
  result?: TelematikIdResult;
}

/** Errors from parsing: DER codes (DER_*) and structure codes (X509_* / CVC_*). */
export type ParseErrorCode =
  | import('./der.ts').DerErrorCode
  | 'X509_NOT_A_CERTIFICATE' | 'X509_BAD_VERSION' | 'X509_BAD_NAME' | 'X509_BAD_TIME' | 'X509_BAD_KEY'
  | 'X509_BAD_EXTENSION' | 'CVC_NOT_A_CV_CERTIFICATE' | 'CVC_MISSING_FIELD' | 'CVC_BAD_DATE'
  | 'INPUT_UNKNOWN_FORMAT' | 'INPUT_BAD_PEM' | 'INPUT_EMPTY' | 'INPUT_NO_CERTIFICATE';

export interface ParseError {
  error: ParseErrorCode;
  /** Byte offset of the failure, when known. */
  offset?: number;
  /** Extra detail for developers (field name); not shown as UI text. */
  detail?: string;
}
