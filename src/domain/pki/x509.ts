// X.509 decoding on top of the wasm node table (RFC 5280 + Common PKI admission, gemSpec_PKI).
//
// Two steps, because building JS strings costs several times the parse (performance.md):
//  1. `decodeX509` checks the whole structure on the node table (integers only, no strings) and notes
//     the node index of every field: bad structure is a ParseError here, never later.
//  2. The returned record is lazy: each field is decoded from the bytes on first access and cached.
//     Known OIDs are recognised by their bytes (oid-bytes.ts), so most OID strings are never built.
// The node table lives in wasm memory and the next walk overwrites it; a record that is read after
// another walk walks its own bytes again (same bytes → same table) before decoding.
// `plainX509` turns a record into plain data for postMessage/structured clone and JSON.
import {
  type DerTree, type DerWalker, tagOf, contentOf, endOf, childOf, nextOf, universal, contextNumber, tagClass, tagConstructed,
  isDerError,
} from './der.ts';
import { integerHex, bitLength, stringOf, timeOf, hex, decodeString, STRING_TYPES, isStringTag } from './asn1.ts';
import { oidInfoAt, oidStringAt, oidIs, encodeOid } from './oid-bytes.ts';
import { KEY_USAGE_BITS } from './oids.ts';
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

const DER = {
  cn: encodeOid('2.5.4.3'),
  rsa: encodeOid('1.2.840.113549.1.1.1'),
  ec: encodeOid('1.2.840.10045.2.1'),
  ocsp: encodeOid('1.3.6.1.5.5.7.48.1'),
  caIssuers: encodeOid('1.3.6.1.5.5.7.48.2'),
  qcType: encodeOid('0.4.0.1862.1.6'),
  policies: encodeOid('2.5.29.32'),
  crl: encodeOid('2.5.29.31'),
};
const isOidNode = (t: DerTree, i: number, der: Uint8Array) => isU(t, i, OID) && oidIs(t.bytes, contentOf(t, i), endOf(t, i), der);
const oidOf = (t: DerTree, i: number) => oidStringAt(t.bytes, contentOf(t, i), endOf(t, i));
const infoOf = (t: DerTree, i: number) => oidInfoAt(t.bytes, contentOf(t, i), endOf(t, i));
function named(t: DerTree, i: number): NamedOid {
  const oid = oidOf(t, i);
  return { oid, name: infoOf(t, i)?.short ?? oid };
}

/** Extensions this module decodes (others of kind 'extension' are named but kept raw). */
const DECODED = new Set(['keyUsage', 'extKeyUsage', 'basicConstraints', 'certificatePolicies', 'subjectAltName',
  'authorityInfoAccess', 'cRLDistributionPoints', 'subjectKeyIdentifier', 'authorityKeyIdentifier', 'qcStatements', 'admission']);

// ---------- step 1: structure checks (no strings) ----------

function checkName(t: DerTree, i: number): void {
  need(isU(t, i, SEQ), 'X509_BAD_NAME', t, i, 'Name');
  for (let set = childOf(t, i); set >= 0; set = nextOf(t, set)) {
    need(isU(t, set, SET), 'X509_BAD_NAME', t, set, 'RDN');
    need(childOf(t, set) >= 0, 'X509_BAD_NAME', t, set, 'empty RDN');
    for (let atv = childOf(t, set); atv >= 0; atv = nextOf(t, atv)) {
      const typeNode = childOf(t, atv);
      need(isU(t, atv, SEQ) && isU(t, typeNode, OID), 'X509_BAD_NAME', t, atv, 'AttributeTypeAndValue');
      need(nextOf(t, typeNode) >= 0, 'X509_BAD_NAME', t, atv, 'attribute value');
    }
  }
}

function checkGeneralName(t: DerTree, i: number): void {
  if (contextNumber(tagOf(t, i)) === 4) checkName(t, childOf(t, i));
}

const twoDigits = (b: Uint8Array, at: number) => (b[at]! - 48) * 10 + (b[at + 1]! - 48);

/** The checks timeOf makes, without building the string. */
function timeValid(t: DerTree, i: number): boolean {
  const u = universal(tagOf(t, i));
  const b = t.bytes;
  let p = contentOf(t, i);
  const len = endOf(t, i) - p;
  if (u === 23 && len === 13) p += 2;
  else if (u === 24 && len === 15) p += 4;
  else return false;
  const mo = twoDigits(b, p), d = twoDigits(b, p + 2), h = twoDigits(b, p + 4), mi = twoDigits(b, p + 6), se = twoDigits(b, p + 8);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && se <= 60;
}

function checkPublicKey(t: DerTree, spki: number): void {
  const alg = childOf(t, spki);
  need(isU(t, spki, SEQ) && isU(t, alg, SEQ), 'X509_BAD_KEY', t, spki, 'SubjectPublicKeyInfo');
  const algOid = childOf(t, alg);
  need(isU(t, algOid, OID), 'X509_BAD_KEY', t, alg, 'algorithm');
  const keyBits = nextOf(t, alg);
  need(isU(t, keyBits, BITS), 'X509_BAD_KEY', t, spki, 'subjectPublicKey');
  if (isOidNode(t, algOid, DER.rsa)) {
    const rsa = childOf(t, keyBits);
    need(isU(t, rsa, SEQ) && isU(t, childOf(t, rsa), INT), 'X509_BAD_KEY', t, keyBits, 'RSAPublicKey');
  }
}

function checkAdmission(t: DerTree, value: number): void {
  need(isU(t, value, SEQ), 'X509_BAD_EXTENSION', t, value, 'AdmissionSyntax');
  let contents = childOf(t, value);
  if (contents >= 0 && tagClass(tagOf(t, contents)) === 2) {
    checkGeneralName(t, contents);
    contents = nextOf(t, contents);
  }
  need(isU(t, contents, SEQ), 'X509_BAD_EXTENSION', t, value, 'contentsOfAdmissions');
  for (let adm = childOf(t, contents); adm >= 0; adm = nextOf(t, adm)) {
    need(isU(t, adm, SEQ), 'X509_BAD_EXTENSION', t, adm, 'Admissions');
    let list = childOf(t, adm);
    while (list >= 0 && !isU(t, list, SEQ)) list = nextOf(t, list);
    need(list >= 0, 'X509_BAD_EXTENSION', t, adm, 'professionInfos');
    for (let pi = childOf(t, list); pi >= 0; pi = nextOf(t, pi)) {
      need(isU(t, pi, SEQ), 'X509_BAD_EXTENSION', t, pi, 'ProfessionInfo');
      let seenItems = false;
      for (let c = childOf(t, pi); c >= 0; c = nextOf(t, c)) {
        if (!isU(t, c, SEQ)) continue;
        if (!seenItems) {
          seenItems = true;
          for (let item = childOf(t, c); item >= 0; item = nextOf(t, item)) {
            need(isStringTag(universal(tagOf(t, item))), 'X509_BAD_EXTENSION', t, item, 'professionItem');
          }
        } else {
          for (let o = childOf(t, c); o >= 0; o = nextOf(t, o)) need(isU(t, o, OID), 'X509_BAD_EXTENSION', t, o, 'professionOID');
        }
      }
    }
  }
}

/** Checks one extension and notes where its decoded value lives. */
function checkExtension(t: DerTree, e: number, rec: X509View): void {
  const idNode = childOf(t, e);
  need(isU(t, e, SEQ) && isU(t, idNode, OID), 'X509_BAD_EXTENSION', t, e, 'Extension');
  let valueNode = nextOf(t, idNode);
  if (isU(t, valueNode, BOOL)) valueNode = nextOf(t, valueNode);
  need(isU(t, valueNode, OCTETS), 'X509_BAD_EXTENSION', t, e, 'extnValue');
  const info = infoOf(t, idNode);
  if (info?.kind !== 'extension') return;
  const v = childOf(t, valueNode); // the walker looked inside the OCTET STRING
  need(v >= 0 && nextOf(t, v) < 0, 'X509_BAD_EXTENSION', t, valueNode, info.short);
  switch (info.short) {
    case 'keyUsage': need(isU(t, v, BITS), 'X509_BAD_EXTENSION', t, v, 'keyUsage'); rec.kuNode = v; break;
    case 'extKeyUsage': need(isU(t, v, SEQ), 'X509_BAD_EXTENSION', t, v, 'extKeyUsage'); rec.ekuNode = v; break;
    case 'basicConstraints': need(isU(t, v, SEQ), 'X509_BAD_EXTENSION', t, v, 'basicConstraints'); rec.bcNode = v; break;
    case 'certificatePolicies':
      need(isU(t, v, SEQ), 'X509_BAD_EXTENSION', t, v, 'certificatePolicies');
      for (let p = childOf(t, v); p >= 0; p = nextOf(t, p)) {
        need(isU(t, p, SEQ) && isU(t, childOf(t, p), OID), 'X509_BAD_EXTENSION', t, p, 'PolicyInformation');
      }
      rec.cpNode = v;
      rec.cpCount++;
      break;
    case 'subjectAltName':
      need(isU(t, v, SEQ), 'X509_BAD_EXTENSION', t, v, 'subjectAltName');
      for (let g = childOf(t, v); g >= 0; g = nextOf(t, g)) checkGeneralName(t, g);
      rec.sanNode = v;
      break;
    case 'authorityInfoAccess':
      need(isU(t, v, SEQ), 'X509_BAD_EXTENSION', t, v, 'authorityInfoAccess');
      for (let ad = childOf(t, v); ad >= 0; ad = nextOf(t, ad)) {
        const m = childOf(t, ad);
        if ((isOidNode(t, m, DER.ocsp) || isOidNode(t, m, DER.caIssuers)) && nextOf(t, m) >= 0) checkGeneralName(t, nextOf(t, m));
      }
      rec.aiaNode = v;
      break;
    case 'cRLDistributionPoints':
      need(isU(t, v, SEQ), 'X509_BAD_EXTENSION', t, v, 'cRLDistributionPoints');
      for (let dp = childOf(t, v); dp >= 0; dp = nextOf(t, dp)) {
        const full = fullNameOf(t, dp);
        if (full >= 0) for (let g = childOf(t, full); g >= 0; g = nextOf(t, g)) checkGeneralName(t, g);
      }
      rec.crlNode = v;
      rec.crlCount++;
      break;
    case 'subjectKeyIdentifier': need(isU(t, v, OCTETS), 'X509_BAD_EXTENSION', t, v, 'subjectKeyIdentifier'); rec.skiNode = v; break;
    case 'authorityKeyIdentifier': need(isU(t, v, SEQ), 'X509_BAD_EXTENSION', t, v, 'authorityKeyIdentifier'); rec.akiNode = v; break;
    case 'qcStatements':
      need(isU(t, v, SEQ), 'X509_BAD_EXTENSION', t, v, 'qcStatements');
      for (let st = childOf(t, v); st >= 0; st = nextOf(t, st)) {
        need(isU(t, st, SEQ) && isU(t, childOf(t, st), OID), 'X509_BAD_EXTENSION', t, st, 'QCStatement');
      }
      rec.qcNode = v;
      break;
    case 'admission': checkAdmission(t, v); rec.admNode = v; break;
  }
}

/** DistributionPoint → its fullName [0] { [0] GeneralNames }, or -1. */
function fullNameOf(t: DerTree, dp: number): number {
  const dpName = childOf(t, dp);
  if (dpName < 0 || contextNumber(tagOf(t, dpName)) !== 0) return -1;
  const full = childOf(t, dpName);
  return full >= 0 && contextNumber(tagOf(t, full)) === 0 && tagConstructed(tagOf(t, full)) ? full : -1;
}

export function decodeX509(t: DerTree, walker: DerWalker, allowTrailing: boolean): X509Record | ParseError {
  try {
    return new X509View(t, walker, allowTrailing);
  } catch (e) {
    if (e instanceof Fail) return { error: e.code, offset: e.at, detail: e.detail };
    throw e;
  }
}

// ---------- step 2: the lazy record ----------

function decodeName(t: DerTree, i: number): NameAttribute[][] {
  const rdns: NameAttribute[][] = [];
  for (let set = childOf(t, i); set >= 0; set = nextOf(t, set)) {
    const rdn: NameAttribute[] = [];
    for (let atv = childOf(t, set); atv >= 0; atv = nextOf(t, atv)) {
      const typeNode = childOf(t, atv), valueNode = nextOf(t, typeNode);
      const oid = oidOf(t, typeNode);
      rdn.push({ oid, type: infoOf(t, typeNode)?.short ?? oid, value: attributeValue(t, valueNode), stringType: STRING_TYPES[universal(tagOf(t, valueNode))] ?? 'other' });
    }
    rdns.push(rdn);
  }
  return rdns;
}

const attributeValue = (t: DerTree, v: number) => stringOf(t, v) ?? `#${hex(t.bytes, contentOf(t, v), endOf(t, v))}`;
function nameText(rdns: NameAttribute[][]): string {
  let s = '';
  for (let r = 0; r < rdns.length; r++) {
    const rdn = rdns[r]!;
    for (let a = 0; a < rdn.length; a++) s += `${r > 0 && a === 0 ? ', ' : a > 0 ? ' + ' : ''}${rdn[a]!.type}=${rdn[a]!.value}`;
  }
  return s;
}

/** A distinguished name decoded on demand: `commonName` alone decodes just the CN string. */
class NameView implements DistinguishedName {
  private rdnsCache: NameAttribute[][] | undefined;
  private textCache: string | undefined;
  private cnCache: string | null | undefined;
  constructor(private readonly rec: X509View, private readonly node: number) {}

  get rdns(): NameAttribute[][] {
    return (this.rdnsCache ??= decodeName(this.rec.tree(), this.node));
  }
  get text(): string {
    return (this.textCache ??= nameText(this.rdns));
  }
  get commonName(): string | null {
    if (this.cnCache !== undefined) return this.cnCache;
    const t = this.rec.tree();
    let cn: string | null = null;
    outer: for (let set = childOf(t, this.node); set >= 0; set = nextOf(t, set)) {
      for (let atv = childOf(t, set); atv >= 0; atv = nextOf(t, atv)) {
        const typeNode = childOf(t, atv);
        if (isOidNode(t, typeNode, DER.cn)) { cn = attributeValue(t, nextOf(t, typeNode)); break outer; }
      }
    }
    return (this.cnCache = cn);
  }
  toJSON(): DistinguishedName {
    return { rdns: this.rdns, text: this.text, commonName: this.commonName };
  }
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
    case 4: return { type: 'dirName', value: nameText(decodeName(t, childOf(t, i))) };
    default: return { type: 'other', value: hex(t.bytes, contentOf(t, i), endOf(t, i)) };
  }
}

function decodePublicKey(t: DerTree, spki: number): PublicKeyInfo {
  const alg = childOf(t, spki);
  const algOid = childOf(t, alg);
  const keyBits = nextOf(t, alg);
  const oid = oidOf(t, algOid);
  if (isOidNode(t, algOid, DER.rsa)) {
    const modulus = childOf(t, childOf(t, keyBits));
    return { algorithm: 'RSA', algorithmOid: oid, bits: bitLength(t.bytes, contentOf(t, modulus), endOf(t, modulus)), curve: null, curveOid: null };
  }
  if (isOidNode(t, algOid, DER.ec)) {
    const params = nextOf(t, algOid);
    const curveOid = isU(t, params, OID) ? oidOf(t, params) : null;
    const info = curveOid ? infoOf(t, params) : undefined;
    // Field size from the point when the curve is unknown: uncompressed point = 04 || X || Y
    const pointLen = endOf(t, keyBits) - contentOf(t, keyBits) - 1;
    const bits = info?.bits ?? (pointLen > 1 ? ((pointLen - 1) / 2) * 8 : null);
    return { algorithm: 'EC', algorithmOid: oid, bits, curve: curveOid ? info?.short ?? curveOid : null, curveOid };
  }
  return { algorithm: 'other', algorithmOid: oid, bits: null, curve: null, curveOid: null };
}

function decodeAdmission(t: DerTree, value: number): Admission {
  let authority: string | null = null;
  let contents = childOf(t, value);
  if (contents >= 0 && tagClass(tagOf(t, contents)) === 2) {
    authority = decodeGeneralName(t, contents).value;
    contents = nextOf(t, contents);
  }
  const infos: ProfessionInfo[] = [];
  for (let adm = childOf(t, contents); adm >= 0; adm = nextOf(t, adm)) {
    let list = childOf(t, adm);
    while (!isU(t, list, SEQ)) list = nextOf(t, list);
    for (let pi = childOf(t, list); pi >= 0; pi = nextOf(t, pi)) {
      const info: ProfessionInfo = { professionItems: [], professionOids: [], registrationNumber: null };
      let seenItems = false;
      for (let c = childOf(t, pi); c >= 0; c = nextOf(t, c)) {
        const u = universal(tagOf(t, c));
        if (u === SEQ && !seenItems) {
          seenItems = true;
          for (let item = childOf(t, c); item >= 0; item = nextOf(t, item)) info.professionItems.push(stringOf(t, item)!);
        } else if (u === SEQ) {
          for (let o = childOf(t, c); o >= 0; o = nextOf(t, o)) info.professionOids.push(named(t, o));
        } else if (u === 19 || u === 12) {
          info.registrationNumber = stringOf(t, c);
        }
      }
      infos.push(info);
    }
  }
  const professionItems: string[] = [], professionOids: string[] = [];
  let registrationNumber: string | null = null;
  for (const info of infos) {
    for (const item of info.professionItems) professionItems.push(item);
    for (const o of info.professionOids) professionOids.push(o.oid);
    registrationNumber ??= info.registrationNumber;
  }
  return { authority, professionInfos: infos, professionItems, professionOids, registrationNumber };
}

const UNSET = undefined;
type BasicConstraints = { ca: boolean; pathLength: number | null };

/**
 * The lazy X.509 record. Node indices are found while checking; every field is decoded on first
 * access. Implements the plain X509Record interface, so callers read it like plain data.
 */
export class X509View implements X509Record {
  readonly format = 'x509' as const;
  readonly version: number;
  readonly byteLength: number;
  // node indices (-1 = absent), set while checking
  private readonly serialNode: number;
  private readonly sigAlgNode: number;
  private readonly issuerNode: number;
  private readonly notBeforeNode: number;
  private readonly notAfterNode: number;
  private readonly subjectNode: number;
  private readonly spkiNode: number;
  kuNode = -1; ekuNode = -1; bcNode = -1; sanNode = -1; aiaNode = -1; skiNode = -1; akiNode = -1; qcNode = -1; admNode = -1;
  /** certificatePolicies / cRLDistributionPoints accumulate over repeated extensions: last value node and count. */
  cpNode = -1; cpCount = 0; crlNode = -1; crlCount = 0;

  private t: DerTree;
  private generation: number;
  // decoded fields, cached on first access (undefined = not decoded yet)
  private _serialNumber: string | undefined = undefined;
  private _signatureAlgorithm: NamedOid | undefined = undefined;
  private _issuer: NameView | undefined = undefined;
  private _subject: NameView | undefined = undefined;
  private _notBefore: string | undefined = undefined;
  private _notAfter: string | undefined = undefined;
  private _publicKey: PublicKeyInfo | undefined = undefined;
  private _extensions: Extension[] | undefined = undefined;
  private _keyUsage: string[] | null | undefined = undefined;
  private _extKeyUsage: NamedOid[] | null | undefined = undefined;
  private _basicConstraints: BasicConstraints | null | undefined = undefined;
  private _policies: string[] | undefined = undefined;
  private _certificateTypes: string[] | undefined = undefined;
  private _subjectAltNames: GeneralName[] | undefined = undefined;
  private _ocsp: string[] | undefined = undefined;
  private _caIssuers: string[] | undefined = undefined;
  private _crlDistributionPoints: string[] | undefined = undefined;
  private _subjectKeyIdentifier: string | null | undefined = undefined;
  private _authorityKeyIdentifier: string | null | undefined = undefined;
  private _qcStatements: NamedOid[] | null | undefined = undefined;
  private _admission: Admission | null | undefined = undefined;

  constructor(t: DerTree, private readonly walker: DerWalker, private readonly allowTrailing: boolean) {
    this.t = t;
    this.generation = walker.generation;
    const root = 0;
    const tbs = childOf(t, root);
    const sigAlg = nextOf(t, tbs);
    const sigValue = nextOf(t, sigAlg);
    need(isU(t, root, SEQ) && isU(t, tbs, SEQ) && isU(t, sigAlg, SEQ) && isU(t, sigValue, BITS) && nextOf(t, sigValue) < 0,
      'X509_NOT_A_CERTIFICATE', t, root, 'Certificate');
    need(isU(t, childOf(t, sigAlg), OID), 'X509_NOT_A_CERTIFICATE', t, sigAlg, 'signatureAlgorithm');
    this.sigAlgNode = childOf(t, sigAlg);
    let c = childOf(t, tbs);
    let version = 1;
    if (c >= 0 && contextNumber(tagOf(t, c)) === 0) {
      const v = childOf(t, c);
      need(isU(t, v, INT) && endOf(t, v) - contentOf(t, v) === 1, 'X509_BAD_VERSION', t, c, 'version');
      version = t.bytes[contentOf(t, v)]! + 1;
      need(version >= 1 && version <= 3, 'X509_BAD_VERSION', t, v, 'version');
      c = nextOf(t, c);
    }
    this.version = version;
    need(isU(t, c, INT), 'X509_NOT_A_CERTIFICATE', t, tbs, 'serialNumber');
    this.serialNode = c;
    const sig = nextOf(t, c);
    need(isU(t, sig, SEQ) && isU(t, childOf(t, sig), OID), 'X509_NOT_A_CERTIFICATE', t, tbs, 'signature');
    this.issuerNode = nextOf(t, sig);
    checkName(t, this.issuerNode);
    const validity = nextOf(t, this.issuerNode);
    need(isU(t, validity, SEQ), 'X509_BAD_TIME', t, tbs, 'validity');
    const nb = childOf(t, validity), na = nb >= 0 ? nextOf(t, nb) : -1;
    need(nb >= 0 && na >= 0 && timeValid(t, nb) && timeValid(t, na), 'X509_BAD_TIME', t, validity, 'validity');
    this.notBeforeNode = nb;
    this.notAfterNode = na;
    this.subjectNode = nextOf(t, validity);
    checkName(t, this.subjectNode);
    this.spkiNode = nextOf(t, this.subjectNode);
    checkPublicKey(t, this.spkiNode);
    this.byteLength = endOf(t, root);
    for (let x = nextOf(t, this.spkiNode); x >= 0; x = nextOf(t, x)) {
      if (contextNumber(tagOf(t, x)) !== 3) continue; // [1]/[2] unique IDs are not shown
      const list = childOf(t, x);
      need(isU(t, list, SEQ), 'X509_BAD_EXTENSION', t, x, 'extensions');
      for (let e = childOf(t, list); e >= 0; e = nextOf(t, e)) checkExtension(t, e, this);
    }
  }

  /** The node table of this certificate, walked again if another walk has reused wasm memory since. */
  tree(): DerTree {
    if (this.generation !== this.walker.generation) {
      const again = this.walker.walk(this.t.bytes, { allowTrailing: this.allowTrailing });
      if (isDerError(again)) throw new Error(`certificate bytes changed after parsing (${again.error})`);
      this.t = again;
      this.generation = this.walker.generation;
    }
    return this.t;
  }

  /** Extension nodes in order: [extension SEQUENCE node, OID node, critical, OCTET STRING node]. */
  private eachExtension(each: (e: number, idNode: number, critical: boolean, valueNode: number) => void): void {
    const t = this.tree();
    for (let x = nextOf(t, this.spkiNode); x >= 0; x = nextOf(t, x)) {
      if (contextNumber(tagOf(t, x)) !== 3) continue;
      for (let e = childOf(t, childOf(t, x)); e >= 0; e = nextOf(t, e)) {
        const idNode = childOf(t, e);
        let valueNode = nextOf(t, idNode);
        let critical = false;
        if (isU(t, valueNode, BOOL)) { critical = t.bytes[contentOf(t, valueNode)] === 0xff; valueNode = nextOf(t, valueNode); }
        each(e, idNode, critical, valueNode);
      }
    }
  }

  get serialNumber(): string {
    const t = this.tree();
    return (this._serialNumber ??= integerHex(t.bytes, contentOf(t, this.serialNode), endOf(t, this.serialNode)));
  }
  get signatureAlgorithm(): NamedOid {
    return (this._signatureAlgorithm ??= named(this.tree(), this.sigAlgNode));
  }
  get issuer(): DistinguishedName {
    return (this._issuer ??= new NameView(this, this.issuerNode));
  }
  get subject(): DistinguishedName {
    return (this._subject ??= new NameView(this, this.subjectNode));
  }
  get notBefore(): string {
    return (this._notBefore ??= timeOf(this.tree(), this.notBeforeNode)!);
  }
  get notAfter(): string {
    return (this._notAfter ??= timeOf(this.tree(), this.notAfterNode)!);
  }
  get publicKey(): PublicKeyInfo {
    return (this._publicKey ??= decodePublicKey(this.tree(), this.spkiNode));
  }
  get extensions(): Extension[] {
    if (this._extensions) return this._extensions;
    const t = this.tree();
    const list: Extension[] = [];
    this.eachExtension((_e, idNode, critical, valueNode) => {
      const oid = oidOf(t, idNode);
      const info = infoOf(t, idNode);
      const isExtension = info?.kind === 'extension';
      const known = isExtension && DECODED.has(info.short);
      list.push({
        oid, name: isExtension ? info.short : oid, critical, known,
        valueHex: known ? null : hex(t.bytes, contentOf(t, valueNode), endOf(t, valueNode)),
      });
    });
    return (this._extensions = list);
  }
  get keyUsage(): string[] | null {
    if (this._keyUsage !== UNSET) return this._keyUsage;
    let usage: string[] | null = null;
    if (this.kuNode >= 0) {
      const t = this.tree();
      const s = contentOf(t, this.kuNode) + 1, end = endOf(t, this.kuNode);
      usage = [];
      for (let bit = 0; bit < KEY_USAGE_BITS.length; bit++) {
        if (s + (bit >> 3) < end && (t.bytes[s + (bit >> 3)]! & (0x80 >> (bit & 7))) !== 0) usage.push(KEY_USAGE_BITS[bit]!);
      }
    }
    return (this._keyUsage = usage);
  }
  get extKeyUsage(): NamedOid[] | null {
    if (this._extKeyUsage !== UNSET) return this._extKeyUsage;
    let eku: NamedOid[] | null = null;
    if (this.ekuNode >= 0) {
      const t = this.tree();
      eku = [];
      for (let o = childOf(t, this.ekuNode); o >= 0; o = nextOf(t, o)) eku.push(named(t, o));
    }
    return (this._extKeyUsage = eku);
  }
  get basicConstraints(): BasicConstraints | null {
    if (this._basicConstraints !== UNSET) return this._basicConstraints;
    let bc: BasicConstraints | null = null;
    if (this.bcNode >= 0) {
      const t = this.tree();
      let ca = false, pathLength: number | null = null;
      for (let c = childOf(t, this.bcNode); c >= 0; c = nextOf(t, c)) {
        if (isU(t, c, BOOL)) ca = t.bytes[contentOf(t, c)] === 0xff;
        else if (isU(t, c, INT)) pathLength = Number(BigInt(`0x${hex(t.bytes, contentOf(t, c), endOf(t, c))}`));
      }
      bc = { ca, pathLength };
    }
    return (this._basicConstraints = bc);
  }
  /** Value nodes (SEQUENCE inside the OCTET STRING) of every extension with this OID; one without a scan in the usual case. */
  private valueNodes(der: Uint8Array, last: number, count: number): number[] {
    if (count <= 1) return count === 1 ? [last] : [];
    const out: number[] = [];
    this.eachExtension((_e, idNode, _c, valueNode) => { if (isOidNode(this.t, idNode, der)) out.push(childOf(this.t, valueNode)); });
    return out;
  }
  get policies(): string[] {
    if (this._policies) return this._policies;
    const t = this.tree();
    const list: string[] = [];
    for (const v of this.valueNodes(DER.policies, this.cpNode, this.cpCount)) {
      for (let p = childOf(t, v); p >= 0; p = nextOf(t, p)) list.push(oidOf(t, childOf(t, p)));
    }
    return (this._policies = list);
  }
  /** gematik certificate types among the policies, found by their bytes (no OID strings built). */
  get certificateTypes(): string[] {
    if (this._certificateTypes) return this._certificateTypes;
    const t = this.tree();
    const list: string[] = [];
    for (const v of this.valueNodes(DER.policies, this.cpNode, this.cpCount)) {
      for (let p = childOf(t, v); p >= 0; p = nextOf(t, p)) {
        const info = infoOf(t, childOf(t, p));
        if (info?.kind === 'certType') list.push(info.short);
      }
    }
    return (this._certificateTypes = list);
  }
  get certificateType(): string | null {
    const types = this.certificateTypes;
    return types.length === 1 ? types[0]! : null;
  }
  get subjectAltNames(): GeneralName[] {
    if (this._subjectAltNames) return this._subjectAltNames;
    const list: GeneralName[] = [];
    if (this.sanNode >= 0) {
      const t = this.tree();
      for (let g = childOf(t, this.sanNode); g >= 0; g = nextOf(t, g)) list.push(decodeGeneralName(t, g));
    }
    return (this._subjectAltNames = list);
  }
  private accessUris(method: Uint8Array): string[] {
    const out: string[] = [];
    if (this.aiaNode < 0) return out;
    const t = this.tree();
    for (let ad = childOf(t, this.aiaNode); ad >= 0; ad = nextOf(t, ad)) {
      const m = childOf(t, ad);
      if (isOidNode(t, m, method) && nextOf(t, m) >= 0) out.push(decodeGeneralName(t, nextOf(t, m)).value);
    }
    return out;
  }
  get ocsp(): string[] {
    return (this._ocsp ??= this.accessUris(DER.ocsp));
  }
  get caIssuers(): string[] {
    return (this._caIssuers ??= this.accessUris(DER.caIssuers));
  }
  get crlDistributionPoints(): string[] {
    if (this._crlDistributionPoints) return this._crlDistributionPoints;
    const t = this.tree();
    const list: string[] = [];
    for (const v of this.valueNodes(DER.crl, this.crlNode, this.crlCount)) {
      for (let dp = childOf(t, v); dp >= 0; dp = nextOf(t, dp)) {
        const full = fullNameOf(t, dp);
        if (full >= 0) for (let g = childOf(t, full); g >= 0; g = nextOf(t, g)) list.push(decodeGeneralName(t, g).value);
      }
    }
    return (this._crlDistributionPoints = list);
  }
  get subjectKeyIdentifier(): string | null {
    if (this._subjectKeyIdentifier !== UNSET) return this._subjectKeyIdentifier;
    const t = this.tree();
    return (this._subjectKeyIdentifier = this.skiNode >= 0 ? hex(t.bytes, contentOf(t, this.skiNode), endOf(t, this.skiNode)).toUpperCase() : null);
  }
  get authorityKeyIdentifier(): string | null {
    if (this._authorityKeyIdentifier !== UNSET) return this._authorityKeyIdentifier;
    let aki: string | null = null;
    if (this.akiNode >= 0) {
      const t = this.tree();
      const k = childOf(t, this.akiNode);
      if (k >= 0 && contextNumber(tagOf(t, k)) === 0) aki = hex(t.bytes, contentOf(t, k), endOf(t, k)).toUpperCase();
    }
    return (this._authorityKeyIdentifier = aki);
  }
  get qcStatements(): NamedOid[] | null {
    if (this._qcStatements !== UNSET) return this._qcStatements;
    let list: NamedOid[] | null = null;
    if (this.qcNode >= 0) {
      const t = this.tree();
      list = [];
      for (let st = childOf(t, this.qcNode); st >= 0; st = nextOf(t, st)) {
        const id = childOf(t, st);
        list.push(named(t, id));
        const infoNode = nextOf(t, id);
        if (isOidNode(t, id, DER.qcType) && isU(t, infoNode, SEQ)) {
          for (let o = childOf(t, infoNode); o >= 0; o = nextOf(t, o)) if (isU(t, o, OID)) list.push(named(t, o));
        }
      }
    }
    return (this._qcStatements = list);
  }
  get admission(): Admission | null {
    if (this._admission !== UNSET) return this._admission;
    return (this._admission = this.admNode >= 0 ? decodeAdmission(this.tree(), this.admNode) : null);
  }

  toJSON(): X509Record {
    return plainX509(this);
  }
}

/** Every field as plain data (structured-clone and JSON safe). */
export function plainX509(r: X509Record): X509Record {
  const name = (n: DistinguishedName): DistinguishedName => ({ rdns: n.rdns, text: n.text, commonName: n.commonName });
  return {
    format: 'x509', version: r.version, serialNumber: r.serialNumber, signatureAlgorithm: r.signatureAlgorithm,
    issuer: name(r.issuer), subject: name(r.subject), notBefore: r.notBefore, notAfter: r.notAfter, publicKey: r.publicKey,
    extensions: r.extensions, keyUsage: r.keyUsage, extKeyUsage: r.extKeyUsage, basicConstraints: r.basicConstraints,
    policies: r.policies, certificateTypes: r.certificateTypes, certificateType: r.certificateType,
    subjectAltNames: r.subjectAltNames, ocsp: r.ocsp, caIssuers: r.caIssuers, crlDistributionPoints: r.crlDistributionPoints,
    subjectKeyIdentifier: r.subjectKeyIdentifier, authorityKeyIdentifier: r.authorityKeyIdentifier,
    qcStatements: r.qcStatements, admission: r.admission, byteLength: r.byteLength,
  };
}
