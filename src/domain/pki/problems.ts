// What is wrong with a certificate, as codes (the UI/CLI turn them into text).
// Rules after gemSpec_PKI (certificate profiles, Tab_PKI_402/403) and GemLibPki's checks.
import type { TelematikIdValidator } from '../telematik-id/types.ts';
import {
  oidInfo, CERT_TYPE_KEY_USAGE, CERT_TYPE_EXT_KEY_USAGE, ALLOWED_CRITICAL_EXTENSIONS, SECTOR_PROFESSION_ARCS, GEMATIK_POLICY_OIDS,
} from './oids.ts';
import type { CertificateRecord, Problem, TelematikIdCheck, X509Record } from './types.ts';

const GEMATIK_ARC = '1.2.276.0.76.4.';
const GEMATIK_POLICIES = new Set(GEMATIK_POLICY_OIDS);

/** The Telematik-ID a certificate carries (admission registrationNumber), checked when a validator is given. */
export function telematikIdOf(rec: CertificateRecord, validator: TelematikIdValidator | null): TelematikIdCheck | null {
  if (rec.format !== 'x509' || !rec.admission?.registrationNumber) return null;
  const id = rec.admission.registrationNumber;
  if (!validator) return { id, verdict: 'unchecked', reason: null };
  const r = validator.validate(id);
  return { id, verdict: r.verdict, reason: r.reason, result: r };
}

function professionArc(oid: string): number | null {
  return oid.startsWith(GEMATIK_ARC) && /^\d+$/.test(oid.slice(GEMATIK_ARC.length)) ? Number(oid.slice(GEMATIK_ARC.length)) : null;
}

/** Does the Telematik-ID's sector fit the profession OIDs? null = no rule to judge by. */
export function telematikIdFitsProfession(id: string, professionOids: string[]): boolean | null {
  const arcs = professionOids.map(professionArc).filter((a): a is number => a !== null);
  if (arcs.length === 0) return null;
  const nested = /^(?:9-2|10-67)\.(\d+)\./.exec(id);
  if (nested) return arcs.includes(Number(nested[1]));
  const sector = /^(\d+)-/.exec(id)?.[1];
  const allowed = sector ? SECTOR_PROFESSION_ARCS[sector] : undefined;
  if (!allowed) return null;
  return arcs.some((a) => allowed.includes(a));
}

// A TI sub-CA's common name: `<TSP>.<kind>-CA<n>` (gemSpec_PKI naming), e.g. "GEM.SMCB-CA57 TEST-ONLY",
// "GEM.HBA-qCA6", "GEM.KOMP-CA40". Root CAs are "GEM.RCA<n>" and issue only CA certificates.
const TI_SUB_CA_NAME = /^[A-Z0-9-]+\.[A-Z0-9]+(?:-[A-Z0-9]+)*-q?CA\d+\b/i;

/**
 * Is this an end-entity certificate of the TI, even when its gematik policy is missing?
 * Decision: not a CA and any one of (1) a gematik policy OID, (2) the admission extension (1.3.36.8.3.3,
 * carried only by TI certificates of people, institutions and services), (3) an issuer whose CN follows
 * the TI sub-CA naming. (2) and (3) are what let a certificate that lost its policy still be judged:
 * GemLibPki's "missing-policyId" test certificate has an empty certificatePolicies but both of them.
 */
export function isTiEndEntity(rec: X509Record): boolean {
  if (rec.basicConstraints?.ca === true) return false;
  return rec.policies.some((p) => GEMATIK_POLICIES.has(p)) || rec.admission !== null
    || TI_SUB_CA_NAME.test(rec.issuer.commonName ?? '');
}

function x509Problems(rec: X509Record, tid: TelematikIdCheck | null): Problem[] {
  const out: Problem[] = [];
  const isCa = rec.basicConstraints?.ca === true;
  const gematikEndEntity = isTiEndEntity(rec);
  const types = rec.certificateTypes;
  // Every TI end-entity certificate names its type by a gematik policy OID (gemSpec_PKI, certificatePolicies).
  if (gematikEndEntity && types.length === 0) out.push({ code: 'MISSING_CERTIFICATE_TYPE', severity: 'error' });
  if (types.length > 1) out.push({ code: 'SEVERAL_CERTIFICATE_TYPES', severity: 'warning', params: { types: types.join(', ') } });

  const cardCertificate = types.some((t) => /^C\.(HP|HCI|CH)\./.test(t));
  if (cardCertificate && !rec.admission) out.push({ code: 'MISSING_ADMISSION', severity: 'error' });
  if (rec.admission) {
    if (rec.admission.professionOids.length === 0) out.push({ code: 'MISSING_PROFESSION_OID', severity: 'error' });
    // Cards of people and institutions must carry a profession OID from Tab_PKI_402/403; services carry
    // role OIDs this table does not list, so only card certificates are judged here.
    const kinds = rec.admission.professionOids.map((oid) => oidInfo(oid)?.kind);
    if (cardCertificate) {
      rec.admission.professionOids.forEach((oid, k) => {
        if (kinds[k] !== 'profession' && kinds[k] !== 'institution') {
          out.push({ code: 'UNKNOWN_PROFESSION_OID', severity: 'warning', params: { oid } });
        }
      });
      const personal = types.some((t) => t.startsWith('C.HP.')), institutional = types.some((t) => t.startsWith('C.HCI.'));
      if ((personal && kinds.length > 0 && kinds.every((k) => k === 'institution'))
        || (institutional && kinds.length > 0 && kinds.every((k) => k === 'profession'))) {
        out.push({ code: 'CERTIFICATE_TYPE_PROFESSION_MISMATCH', severity: 'error', params: { types: types.join(', ') } });
      }
    }
    // SMC-B and HBA (except QES of physicians) carry the Telematik-ID; eGK certificates never do.
    if (!rec.admission.registrationNumber && types.some((t) => t.startsWith('C.HCI.') || (t.startsWith('C.HP.') && t !== 'C.HP.QES'))) {
      out.push({ code: 'MISSING_REGISTRATION_NUMBER', severity: 'error' });
    }
  }
  if (tid) {
    // The validator's result goes along so the UI and CLI can name the exact part (reasonMessage).
    const detail = tid.result ? { telematikId: tid.result } : {};
    const params = { reason: tid.reason ?? '' };
    if (tid.verdict === 'invalid') out.push({ code: 'TELEMATIK_ID_INVALID', severity: 'error', params, ...detail });
    else if (tid.verdict === 'warning') out.push({ code: 'TELEMATIK_ID_WARNING', severity: 'warning', params, ...detail });
    if (rec.admission && telematikIdFitsProfession(tid.id, rec.admission.professionOids) === false) {
      out.push({
        code: 'TELEMATIK_ID_PROFESSION_MISMATCH', severity: 'error', params: { id: tid.id, oids: rec.admission.professionOids.join(', ') },
      });
    }
  }
  if (gematikEndEntity || types.length > 0) {
    if (!rec.keyUsage) out.push({ code: 'MISSING_KEY_USAGE', severity: 'error' });
    else {
      // Key usage per type is fixed for card certificates (gemSpec_PKI 5.1–5.3); services vary by profile.
      for (const type of types.filter((t) => /^C\.(HP|HCI|CH)\./.test(t))) {
        const usage = /\.(AUT|ENC|QES|OSIG|SIG)$/.exec(type)?.[1];
        const rule = usage ? CERT_TYPE_KEY_USAGE[usage] : undefined;
        if (!rule) continue;
        const expected = rec.publicKey.algorithm === 'RSA' ? rule.rsa : rule.ec;
        const missing = expected.filter((u) => !rec.keyUsage!.includes(u));
        if (missing.length > 0) {
          out.push({
            code: 'WRONG_KEY_USAGE', severity: 'error', params: { type, expected: expected.join(', '), actual: rec.keyUsage.join(', ') || '–' },
          });
        }
      }
    }
  }
  const endEntityOfTi = !isCa && (gematikEndEntity || types.length > 0);
  if (endEntityOfTi) {
    // Extended key usage per type must match exactly (a TLS server key must not log in as a client).
    for (const type of types) {
      const expected = CERT_TYPE_EXT_KEY_USAGE[type];
      if (!expected) continue;
      const actual = rec.extKeyUsage?.map((e) => e.name) ?? null;
      if (!actual) out.push({ code: 'MISSING_EXT_KEY_USAGE', severity: 'error', params: { type, expected: expected.join(', ') } });
      else if (actual.length !== expected.length || expected.some((e) => !actual.includes(e))) {
        out.push({
          code: 'WRONG_EXT_KEY_USAGE', severity: 'error', params: { type, expected: expected.join(', '), actual: actual.join(', ') || '–' },
        });
      }
    }
  }
  for (const ext of rec.extensions) {
    if (!ext.critical) continue;
    if (endEntityOfTi && !ALLOWED_CRITICAL_EXTENSIONS.includes(ext.name)) {
      out.push({ code: 'CRITICAL_EXTENSION_NOT_ALLOWED', severity: 'error', params: { name: ext.name, oid: ext.oid } });
    } else if (!ext.known) out.push({ code: 'UNKNOWN_CRITICAL_EXTENSION', severity: 'warning', params: { oid: ext.oid } });
  }
  // RFC 5280 4.2.1.1: every certificate but a self-signed one names its issuer's key (gemSpec_PKI requires it too).
  if (rec.authorityKeyIdentifier === null && !selfIssued(rec)) out.push({ code: 'MISSING_AUTHORITY_KEY_ID', severity: 'error' });
  return out;
}

/** Issuer and subject are the same name (root CAs, self-signed certificates). */
export function selfIssued(rec: X509Record): boolean {
  return rec.issuer.text === rec.subject.text;
}

/** The problem codes that depend on the date asked about (the card report recomputes them for "as of"). */
export const VALIDITY_CODES: ReadonlySet<string> = new Set(['EXPIRED', 'NOT_YET_VALID']);

/** Validity at `now`: X.509 times are instants; a CV certificate's CED/CXD are days (CXD the last valid one). */
export function validityProblems(format: 'x509' | 'cvc', notBefore: string | null, notAfter: string | null, now: Date): Problem[] {
  const out: Problem[] = [];
  const nowIso = now.toISOString();
  const at = format === 'x509' ? nowIso : nowIso.slice(0, 10);
  if (notAfter && at > notAfter) out.push({ code: 'EXPIRED', severity: 'error', params: { date: notAfter } });
  if (notBefore && at < notBefore) out.push({ code: 'NOT_YET_VALID', severity: 'error', params: { date: notBefore } });
  return out;
}

/** All problems of a record at time `now`. */
export function problemsOf(rec: CertificateRecord, tid: TelematikIdCheck | null, now: Date = new Date()): Problem[] {
  if (rec.format === 'x509') return [...validityProblems('x509', rec.notBefore, rec.notAfter, now), ...x509Problems(rec, tid)];
  const out: Problem[] = [];
  if (!rec.selfDescriptive) out.push({ code: 'CVC_NOT_SELF_DESCRIPTIVE', severity: 'info' });
  out.push(...validityProblems('cvc', rec.effectiveDate, rec.expirationDate, now));
  return out;
}
