// X.509 decoding on top of the wasm node table (RFC 5280 + Common PKI admission, gemSpec_PKI).
// Reads offsets; builds strings only for the fields of the record.
import {
  type DerTree, tagOf, contentOf, endOf, childOf, nextOf, universal, contextNumber, tagClass, children, tagConstructed,
} from './der.ts';
import { oidAt, integerHex, bitLength, stringOf, timeOf, hex, decodeString, STRING_TYPES } from './asn1.ts';
import { oidInfo, oidShort, KEY_USAGE_BITS } from './oids.ts';
import type {
  X509Record, DistinguishedName, NameAttribute, PublicKeyInfo, Extension, Admission, ProfessionInfo, GeneralName,
  NamedOid, ParseError, ParseErrorCode,
} from './types.ts';

class Fail {
  constructor(readonly code: ParseErrorCode, readonly at: number, readonly detail: string) {}
}

function need(cond: boolean, code: ParseErrorCode, t: DerTree, i: number, detail: string): asserts cond {
  if (!cond) throw new Fail(code, i >= 0 ? contentOf(t, i) : 0, detail);
}

const SEQ = 16, SET = 17, INT = 2, OID = 6, BOOL = 1, OCTETS = 4, BITS = 3;
const isU = (t: DerTree, i: number, u: number) => i >= 0 && universal(tagOf(t, i)) === u;
const oidOf = (t: DerTree, i: number) => oidAt(t.bytes, contentOf(t, i), endOf(t, i));
const named = (oid: string): NamedOid => ({ oid, name: oidShort(oid) });

function decodeName(t: DerTree, i: number): DistinguishedName {
  need(isU(t, i, SEQ), 'X509_BAD_NAME', t, i, 'Name');
  const rdns: NameAttribute[][] = [];
  for (let set = childOf(t, i); set >= 0; set = nextOf(t, set)) {
    need(isU(t, set, SET), 'X509_BAD_NAME', t, set, 'RDN');
    const rdn: NameAttribute[] = [];
    for (let atv = childOf(t, set); atv >= 0; atv = nextOf(t, atv)) {
      const typeNode = childOf(t, atv);
      need(isU(t, atv, SEQ) && isU(t, typeNode, OID), 'X509_BAD_NAME', t, atv, 'AttributeTypeAndValue');
      const valueNode = nextOf(t, typeNode);
      need(valueNode >= 0, 'X509_BAD_NAME', t, atv, 'attribute value');
      const oid = oidOf(t, typeNode);
      const u = universal(tagOf(t, valueNode));
      const value = stringOf(t, valueNode) ?? `#${hex(t.bytes, contentOf(t, valueNode), endOf(t, valueNode))}`;
      rdn.push({ oid, type: oidShort(oid), value, stringType: STRING_TYPES[u] ?? 'other' });
    }
    need(rdn.length > 0, 'X509_BAD_NAME', t, set, 'empty RDN');
    rdns.push(rdn);
  }
  const text = rdns.map((r) => r.map((a) => `${a.type}=${a.value}`).join(' + ')).join(', ');
  const cn = rdns.flat().find((a) => a.oid === '2.5.4.3');
  return { rdns, text, commonName: cn ? cn.value : null };
}

function decodeGeneralName(t: DerTree, i: number): GeneralName {
  const n = contextNumber(tagOf(t, i));
  const raw = () => decodeString(22, t.bytes, contentOf(t, i), endOf(t, i));
  switch (n) {
    case 1: return { type: 'email', value: raw() };
    case 2: return { type: 'dns', value: raw() };
    case 6: return { type: 'uri', value: raw() };
    case 7: {
      const b = t.bytes.subarray(contentOf(t, i), endOf(t, i));
      return { type: 'ip', value: b.length === 4 ? [...b].join('.') : hex(b) };
    }
    case 4: return { type: 'dirName', value: decodeName(t, childOf(t, i)).text };
    default: return { type: 'other', value: hex(t.bytes, contentOf(t, i), endOf(t, i)) };
  }
}

function decodePublicKey(t: DerTree, spki: number): PublicKeyInfo {
  const alg = childOf(t, spki);
  need(isU(t, spki, SEQ) && isU(t, alg, SEQ), 'X509_BAD_KEY', t, spki, 'SubjectPublicKeyInfo');
  const algOid = childOf(t, alg);
  need(isU(t, algOid, OID), 'X509_BAD_KEY', t, alg, 'algorithm');
  const keyBits = nextOf(t, alg);
  need(isU(t, keyBits, BITS), 'X509_BAD_KEY', t, spki, 'subjectPublicKey');
  const oid = oidOf(t, algOid);
  if (oid === '1.2.840.113549.1.1.1') {
    const rsa = childOf(t, keyBits);
    const modulus = childOf(t, rsa);
    need(isU(t, rsa, SEQ) && isU(t, modulus, INT), 'X509_BAD_KEY', t, keyBits, 'RSAPublicKey');
    return { algorithm: 'RSA', algorithmOid: oid, bits: bitLength(t.bytes, contentOf(t, modulus), endOf(t, modulus)), curve: null, curveOid: null };
  }
  if (oid === '1.2.840.10045.2.1') {
    const params = nextOf(t, algOid);
    const curveOid = isU(t, params, OID) ? oidOf(t, params) : null;
    const info = curveOid ? oidInfo(curveOid) : undefined;
    // Field size from the point when the curve is unknown: uncompressed point = 04 || X || Y
    const pointLen = endOf(t, keyBits) - contentOf(t, keyBits) - 1;
    const bits = info?.bits ?? (pointLen > 1 ? ((pointLen - 1) / 2) * 8 : null);
    return { algorithm: 'EC', algorithmOid: oid, bits, curve: curveOid ? oidShort(curveOid) : null, curveOid };
  }
  return { algorithm: 'other', algorithmOid: oid, bits: null, curve: null, curveOid: null };
}

function decodeAdmission(t: DerTree, value: number): Admission {
  need(isU(t, value, SEQ), 'X509_BAD_EXTENSION', t, value, 'AdmissionSyntax');
  let authority: string | null = null;
  let contents = childOf(t, value);
  if (contents >= 0 && tagClass(tagOf(t, contents)) === 2) {
    authority = decodeGeneralName(t, contents).value;
    contents = nextOf(t, contents);
  }
  need(isU(t, contents, SEQ), 'X509_BAD_EXTENSION', t, value, 'contentsOfAdmissions');
  const infos: ProfessionInfo[] = [];
  for (let adm = childOf(t, contents); adm >= 0; adm = nextOf(t, adm)) {
    need(isU(t, adm, SEQ), 'X509_BAD_EXTENSION', t, adm, 'Admissions');
    const list = children(t, adm).find((c) => isU(t, c, SEQ));
    need(list !== undefined, 'X509_BAD_EXTENSION', t, adm, 'professionInfos');
    for (let pi = childOf(t, list); pi >= 0; pi = nextOf(t, pi)) {
      need(isU(t, pi, SEQ), 'X509_BAD_EXTENSION', t, pi, 'ProfessionInfo');
      const info: ProfessionInfo = { professionItems: [], professionOids: [], registrationNumber: null };
      let seenItems = false;
      for (const c of children(t, pi)) {
        const u = universal(tagOf(t, c));
        if (u === SEQ && !seenItems) {
          seenItems = true;
          for (const item of children(t, c)) {
            const s = stringOf(t, item);
            need(s !== null, 'X509_BAD_EXTENSION', t, item, 'professionItem');
            info.professionItems.push(s);
          }
        } else if (u === SEQ) {
          for (const o of children(t, c)) {
            need(isU(t, o, OID), 'X509_BAD_EXTENSION', t, o, 'professionOID');
            info.professionOids.push(named(oidOf(t, o)));
          }
        } else if (u === 19 || u === 12) {
          info.registrationNumber = stringOf(t, c);
        }
      }
      infos.push(info);
    }
  }
  return {
    authority,
    professionInfos: infos,
    professionItems: infos.flatMap((i) => i.professionItems),
    professionOids: infos.flatMap((i) => i.professionOids.map((o) => o.oid)),
    registrationNumber: infos.find((i) => i.registrationNumber !== null)?.registrationNumber ?? null,
  };
}

function accessUris(t: DerTree, value: number, method: string): string[] {
  const out: string[] = [];
  for (const ad of children(t, value)) {
    const m = childOf(t, ad);
    if (isU(t, m, OID) && oidOf(t, m) === method) {
      const loc = nextOf(t, m);
      if (loc >= 0) out.push(decodeGeneralName(t, loc).value);
    }
  }
  return out;
}

export function decodeX509(t: DerTree): X509Record | ParseError {
  try {
    return decode(t);
  } catch (e) {
    if (e instanceof Fail) return { error: e.code, offset: e.at, detail: e.detail };
    throw e;
  }
}

function decode(t: DerTree): X509Record {
  const root = 0;
  const tbs = childOf(t, root);
  const sigAlg = nextOf(t, tbs);
  const sigValue = nextOf(t, sigAlg);
  need(isU(t, root, SEQ) && isU(t, tbs, SEQ) && isU(t, sigAlg, SEQ) && isU(t, sigValue, BITS) && nextOf(t, sigValue) < 0,
    'X509_NOT_A_CERTIFICATE', t, root, 'Certificate');
  let c = childOf(t, tbs);
  let version = 1;
  if (c >= 0 && contextNumber(tagOf(t, c)) === 0) {
    const v = childOf(t, c);
    need(isU(t, v, INT) && endOf(t, v) - contentOf(t, v) === 1, 'X509_BAD_VERSION', t, c, 'version');
    version = t.bytes[contentOf(t, v)]! + 1;
    need(version >= 1 && version <= 3, 'X509_BAD_VERSION', t, v, 'version');
    c = nextOf(t, c);
  }
  need(isU(t, c, INT), 'X509_NOT_A_CERTIFICATE', t, tbs, 'serialNumber');
  const serialNumber = integerHex(t.bytes, contentOf(t, c), endOf(t, c));
  const sig = nextOf(t, c);
  need(isU(t, sig, SEQ) && isU(t, childOf(t, sig), OID), 'X509_NOT_A_CERTIFICATE', t, tbs, 'signature');
  const issuerNode = nextOf(t, sig);
  const issuer = decodeName(t, issuerNode);
  const validity = nextOf(t, issuerNode);
  need(isU(t, validity, SEQ), 'X509_BAD_TIME', t, tbs, 'validity');
  const nb = childOf(t, validity), na = nextOf(t, nb);
  const notBefore = nb >= 0 ? timeOf(t, nb) : null;
  const notAfter = na >= 0 ? timeOf(t, na) : null;
  need(notBefore !== null && notAfter !== null, 'X509_BAD_TIME', t, validity, 'validity');
  const subjectNode = nextOf(t, validity);
  const subject = decodeName(t, subjectNode);
  const spki = nextOf(t, subjectNode);
  const publicKey = decodePublicKey(t, spki);

  const rec: X509Record = {
    format: 'x509', version, serialNumber, signatureAlgorithm: named(oidOf(t, childOf(t, sigAlg))),
    issuer, subject, notBefore, notAfter, publicKey, extensions: [], keyUsage: null, extKeyUsage: null,
    basicConstraints: null, policies: [], certificateTypes: [], certificateType: null, subjectAltNames: [],
    ocsp: [], caIssuers: [], crlDistributionPoints: [], subjectKeyIdentifier: null, authorityKeyIdentifier: null,
    qcStatements: null, admission: null, byteLength: endOf(t, root),
  };

  for (let x = nextOf(t, spki); x >= 0; x = nextOf(t, x)) {
    if (contextNumber(tagOf(t, x)) !== 3) continue; // [1]/[2] unique IDs are not shown
    const list = childOf(t, x);
    need(isU(t, list, SEQ), 'X509_BAD_EXTENSION', t, x, 'extensions');
    for (let e = childOf(t, list); e >= 0; e = nextOf(t, e)) decodeExtension(t, e, rec);
  }
  rec.certificateTypes = rec.policies.filter((p) => oidInfo(p)?.kind === 'certType').map((p) => oidShort(p));
  rec.certificateType = rec.certificateTypes.length === 1 ? rec.certificateTypes[0]! : null;
  return rec;
}

function decodeExtension(t: DerTree, e: number, rec: X509Record): void {
  const idNode = childOf(t, e);
  need(isU(t, e, SEQ) && isU(t, idNode, OID), 'X509_BAD_EXTENSION', t, e, 'Extension');
  let valueNode = nextOf(t, idNode);
  let critical = false;
  if (isU(t, valueNode, BOOL)) {
    critical = t.bytes[contentOf(t, valueNode)] === 0xff;
    valueNode = nextOf(t, valueNode);
  }
  need(isU(t, valueNode, OCTETS), 'X509_BAD_EXTENSION', t, e, 'extnValue');
  const oid = oidOf(t, idNode);
  const info = oidInfo(oid);
  const ext: Extension = {
    oid, name: info?.kind === 'extension' ? info.short : oid, critical, known: false, valueHex: null,
  };
  rec.extensions.push(ext);
  const keepRaw = () => { ext.valueHex = hex(t.bytes, contentOf(t, valueNode), endOf(t, valueNode)); };
  if (info?.kind !== 'extension') { keepRaw(); return; }
  const v = childOf(t, valueNode); // the walker looked inside the OCTET STRING
  need(v >= 0 && nextOf(t, v) < 0, 'X509_BAD_EXTENSION', t, valueNode, info.short);
  ext.known = true;
  switch (info.short) {
    case 'keyUsage': {
      need(isU(t, v, BITS), 'X509_BAD_EXTENSION', t, v, 'keyUsage');
      const s = contentOf(t, v) + 1, end = endOf(t, v);
      rec.keyUsage = KEY_USAGE_BITS.filter((_, bit) => s + (bit >> 3) < end && (t.bytes[s + (bit >> 3)]! & (0x80 >> (bit & 7))) !== 0);
      break;
    }
    case 'extKeyUsage':
      need(isU(t, v, SEQ), 'X509_BAD_EXTENSION', t, v, 'extKeyUsage');
      rec.extKeyUsage = children(t, v).map((o) => named(oidOf(t, o)));
      break;
    case 'basicConstraints': {
      need(isU(t, v, SEQ), 'X509_BAD_EXTENSION', t, v, 'basicConstraints');
      let ca = false, pathLength: number | null = null;
      for (const c of children(t, v)) {
        if (isU(t, c, BOOL)) ca = t.bytes[contentOf(t, c)] === 0xff;
        else if (isU(t, c, INT)) pathLength = Number(BigInt(`0x${hex(t.bytes, contentOf(t, c), endOf(t, c))}`));
      }
      rec.basicConstraints = { ca, pathLength };
      break;
    }
    case 'certificatePolicies':
      need(isU(t, v, SEQ), 'X509_BAD_EXTENSION', t, v, 'certificatePolicies');
      for (const p of children(t, v)) {
        const id = childOf(t, p);
        need(isU(t, p, SEQ) && isU(t, id, OID), 'X509_BAD_EXTENSION', t, p, 'PolicyInformation');
        rec.policies.push(oidOf(t, id));
      }
      break;
    case 'subjectAltName':
      need(isU(t, v, SEQ), 'X509_BAD_EXTENSION', t, v, 'subjectAltName');
      rec.subjectAltNames = children(t, v).map((g) => decodeGeneralName(t, g));
      break;
    case 'authorityInfoAccess':
      need(isU(t, v, SEQ), 'X509_BAD_EXTENSION', t, v, 'authorityInfoAccess');
      rec.ocsp = accessUris(t, v, '1.3.6.1.5.5.7.48.1');
      rec.caIssuers = accessUris(t, v, '1.3.6.1.5.5.7.48.2');
      break;
    case 'cRLDistributionPoints':
      need(isU(t, v, SEQ), 'X509_BAD_EXTENSION', t, v, 'cRLDistributionPoints');
      for (const dp of children(t, v)) {
        const dpName = childOf(t, dp);
        if (dpName >= 0 && contextNumber(tagOf(t, dpName)) === 0) {
          const full = childOf(t, dpName);
          if (full >= 0 && contextNumber(tagOf(t, full)) === 0 && tagConstructed(tagOf(t, full))) {
            for (const g of children(t, full)) rec.crlDistributionPoints.push(decodeGeneralName(t, g).value);
          }
        }
      }
      break;
    case 'subjectKeyIdentifier':
      need(isU(t, v, OCTETS), 'X509_BAD_EXTENSION', t, v, 'subjectKeyIdentifier');
      rec.subjectKeyIdentifier = hex(t.bytes, contentOf(t, v), endOf(t, v)).toUpperCase();
      break;
    case 'authorityKeyIdentifier': {
      need(isU(t, v, SEQ), 'X509_BAD_EXTENSION', t, v, 'authorityKeyIdentifier');
      const k = childOf(t, v);
      if (k >= 0 && contextNumber(tagOf(t, k)) === 0) rec.authorityKeyIdentifier = hex(t.bytes, contentOf(t, k), endOf(t, k)).toUpperCase();
      break;
    }
    case 'qcStatements':
      need(isU(t, v, SEQ), 'X509_BAD_EXTENSION', t, v, 'qcStatements');
      rec.qcStatements = [];
      for (const st of children(t, v)) {
        const id = childOf(t, st);
        need(isU(t, st, SEQ) && isU(t, id, OID), 'X509_BAD_EXTENSION', t, st, 'QCStatement');
        const statementOid = oidOf(t, id);
        rec.qcStatements.push(named(statementOid));
        const infoNode = nextOf(t, id);
        if (statementOid === '0.4.0.1862.1.6' && isU(t, infoNode, SEQ)) {
          for (const o of children(t, infoNode)) if (isU(t, o, OID)) rec.qcStatements.push(named(oidOf(t, o)));
        }
      }
      break;
    case 'admission':
      rec.admission = decodeAdmission(t, v);
      break;
    default:
      ext.known = false; // named but not decoded: kept raw
      keepRaw();
  }
}
