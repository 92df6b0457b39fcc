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
  type DerTree, type DerWalker, NODE_FIELDS, tagOf, contentOf, endOf, childOf, nextOf, universal, contextNumber, tagClass, tagConstructed,
  isDerError,
} from './der.ts';
import { integerHex, bitLength, stringOf, timeOf, hex, decodeString, STRING_TYPES, isStringTag } from './asn1.ts';
import { oidInfoAt, oidStringAt, oidEntryAt, oidIs, encodeOid } from './oid-bytes.ts';
import { KEY_USAGE_BITS, OID_TABLE, type OidInfo } from './oids.ts';
import type {
  X509Record, DistinguishedName, NameAttribute, PublicKeyInfo, Extension, Admission, ProfessionInfo, GeneralName,
  NamedOid, ParseError, ParseErrorCode,
} from './types.ts';

class Fail {
  constructor(readonly code: ParseErrorCode, readonly at: number, readonly detail: string) {}
}

function fail(code: ParseErrorCode, t: DerTree, i: number, detail: string): never {
  throw new Fail(code, i >= 0 ? contentOf(t, i) : 0, detail);
}

const SEQ = 16, SET = 17, INT = 2, OID = 6, BOOL = 1, OCTETS = 4, BITS = 3;
/** Is node i a universal-class element with tag number u (either construction)? */
function isU(t: DerTree, i: number, u: number): boolean { return i >= 0 && (t.nodes[i * NODE_FIELDS]! & ~(1 << 29)) === u; }

const DER = {
  rsa: encodeOid('1.2.840.113549.1.1.1'),
  ec: encodeOid('1.2.840.10045.2.1'),
  ocsp: encodeOid('1.3.6.1.5.5.7.48.1'),
  caIssuers: encodeOid('1.3.6.1.5.5.7.48.2'),
  qcType: encodeOid('0.4.0.1862.1.6'),
  policies: encodeOid('2.5.29.32'),
  crl: encodeOid('2.5.29.31'),
};
function isOidNode(t: DerTree, i: number, der: Uint8Array): boolean {
  return isU(t, i, OID) && oidIs(t.bytes, contentOf(t, i), endOf(t, i), der);
}
function oidOf(t: DerTree, i: number): string { return oidStringAt(t.bytes, contentOf(t, i), endOf(t, i)); }
function infoOf(t: DerTree, i: number): OidInfo | undefined { return oidInfoAt(t.bytes, contentOf(t, i), endOf(t, i)); }
function named(t: DerTree, i: number): NamedOid {
  const oid = oidOf(t, i);
  return { oid, name: infoOf(t, i)?.short ?? oid };
}

/** Extension kinds as small integers; 0 = not an extension of the OID table, 1 = named there but kept raw. */
const EXT = {
  none: 0, named: 1, keyUsage: 2, extKeyUsage: 3, basicConstraints: 4, certificatePolicies: 5, subjectAltName: 6,
  authorityInfoAccess: 7, cRLDistributionPoints: 8, subjectKeyIdentifier: 9, authorityKeyIdentifier: 10, qcStatements: 11, admission: 12,
} as const;
const extKindOf = (short: string): number => (EXT as Record<string, number>)[short] ?? EXT.named;
/** id-ce (2.5.29.x, DER 55 1D x) extensions by their last byte, built from the OID table: no hashing for the common ones. */
const ID_CE_KIND = new Uint8Array(128);
for (const info of OID_TABLE) {
  const der = encodeOid(info.oid);
  if (info.kind === 'extension' && der.length === 3 && der[0] === 0x55 && der[1] === 0x1d && der[2]! < 128) ID_CE_KIND[der[2]!] = extKindOf(info.short);
}

function extensionKind(t: DerTree, idNode: number): number {
  const b = t.bytes, c = contentOf(t, idNode), len = endOf(t, idNode) - c;
  if (len === 3 && b[c] === 0x55 && b[c + 1] === 0x1d && b[c + 2]! < 128) return ID_CE_KIND[b[c + 2]!]!;
  const info = infoOf(t, idNode);
  return info?.kind === 'extension' ? extKindOf(info.short) : EXT.none;
}

// ---------- step 1: structure checks (no strings) ----------

// The checks below read the node table directly (tag = [0], next sibling = [5], first child = [7]):
// they run for every certificate, and V8 does not inline every accessor call in them.
const NOT_CONSTRUCTED = ~(1 << 29);
const F = NODE_FIELDS;

function checkName(t: DerTree, i: number): void {
  const n = t.nodes;
  if (!isU(t, i, SEQ)) fail('X509_BAD_NAME', t, i, 'Name');
  for (let set = n[i * F + 7]!; set >= 0; set = n[set * F + 5]!) {
    if ((n[set * F]! & NOT_CONSTRUCTED) !== SET) fail('X509_BAD_NAME', t, set, 'RDN');
    let atv = n[set * F + 7]!;
    if (atv < 0) fail('X509_BAD_NAME', t, set, 'empty RDN');
    for (; atv >= 0; atv = n[atv * F + 5]!) {
      const typeNode = n[atv * F + 7]!;
      if ((n[atv * F]! & NOT_CONSTRUCTED) !== SEQ || typeNode < 0 || (n[typeNode * F]! & NOT_CONSTRUCTED) !== OID) fail('X509_BAD_NAME', t, atv, 'AttributeTypeAndValue');
      if (n[typeNode * F + 5]! < 0) fail('X509_BAD_NAME', t, atv, 'attribute value');
    }
  }
}

function checkGeneralName(t: DerTree, i: number): void {
  if (contextNumber(tagOf(t, i)) === 4) checkName(t, childOf(t, i));
}

function twoDigits(b: Uint8Array, at: number): number { return (b[at]! - 48) * 10 + (b[at + 1]! - 48); }

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
  if (!(isU(t, spki, SEQ) && isU(t, alg, SEQ))) fail('X509_BAD_KEY', t, spki, 'SubjectPublicKeyInfo');
  const algOid = childOf(t, alg);
  if (!isU(t, algOid, OID)) fail('X509_BAD_KEY', t, alg, 'algorithm');
  const keyBits = nextOf(t, alg);
  if (!isU(t, keyBits, BITS)) fail('X509_BAD_KEY', t, spki, 'subjectPublicKey');
  if (isOidNode(t, algOid, DER.rsa)) {
    const rsa = childOf(t, keyBits);
    if (!(isU(t, rsa, SEQ) && isU(t, childOf(t, rsa), INT))) fail('X509_BAD_KEY', t, keyBits, 'RSAPublicKey');
  }
}

function checkAdmission(t: DerTree, value: number): void {
  if (!isU(t, value, SEQ)) fail('X509_BAD_EXTENSION', t, value, 'AdmissionSyntax');
  let contents = childOf(t, value);
  if (contents >= 0 && tagClass(tagOf(t, contents)) === 2) {
    checkGeneralName(t, contents);
    contents = nextOf(t, contents);
  }
  if (!isU(t, contents, SEQ)) fail('X509_BAD_EXTENSION', t, value, 'contentsOfAdmissions');
  for (let adm = childOf(t, contents); adm >= 0; adm = nextOf(t, adm)) {
    if (!isU(t, adm, SEQ)) fail('X509_BAD_EXTENSION', t, adm, 'Admissions');
    let list = childOf(t, adm);
    while (list >= 0 && !isU(t, list, SEQ)) list = nextOf(t, list);
    if (!(list >= 0)) fail('X509_BAD_EXTENSION', t, adm, 'professionInfos');
    for (let pi = childOf(t, list); pi >= 0; pi = nextOf(t, pi)) {
      if (!isU(t, pi, SEQ)) fail('X509_BAD_EXTENSION', t, pi, 'ProfessionInfo');
      let seenItems = false;
      for (let c = childOf(t, pi); c >= 0; c = nextOf(t, c)) {
        if (!isU(t, c, SEQ)) continue;
        if (!seenItems) {
          seenItems = true;
          for (let item = childOf(t, c); item >= 0; item = nextOf(t, item)) {
            if (!isStringTag(universal(tagOf(t, item)))) fail('X509_BAD_EXTENSION', t, item, 'professionItem');
          }
        } else {
          for (let o = childOf(t, c); o >= 0; o = nextOf(t, o)) if (!isU(t, o, OID)) fail('X509_BAD_EXTENSION', t, o, 'professionOID');
        }
      }
    }
  }
}

/** Checks one extension and notes where its decoded value lives. */
function checkExtension(t: DerTree, e: number, rec: X509View): void {
  const n = t.nodes;
  const idNode = n[e * F + 7]!;
  if ((n[e * F]! & NOT_CONSTRUCTED) !== SEQ || idNode < 0 || (n[idNode * F]! & NOT_CONSTRUCTED) !== OID) fail('X509_BAD_EXTENSION', t, e, 'Extension');
  let valueNode = n[idNode * F + 5]!;
  if (valueNode >= 0 && (n[valueNode * F]! & NOT_CONSTRUCTED) === BOOL) valueNode = n[valueNode * F + 5]!;
  if (valueNode < 0 || (n[valueNode * F]! & NOT_CONSTRUCTED) !== OCTETS) fail('X509_BAD_EXTENSION', t, e, 'extnValue');
  const kind = extensionKind(t, idNode);
  if (kind === EXT.none) return;
  const v = n[valueNode * F + 7]!; // the walker looked inside the OCTET STRING
  if (v < 0 || n[v * F + 5]! >= 0) fail('X509_BAD_EXTENSION', t, valueNode, infoOf(t, idNode)!.short);
  switch (kind) {
    case EXT.keyUsage: if (!isU(t, v, BITS)) fail('X509_BAD_EXTENSION', t, v, 'keyUsage'); rec.kuNode = v; break;
    case EXT.extKeyUsage: if (!isU(t, v, SEQ)) fail('X509_BAD_EXTENSION', t, v, 'extKeyUsage'); rec.ekuNode = v; break;
    case EXT.basicConstraints: if (!isU(t, v, SEQ)) fail('X509_BAD_EXTENSION', t, v, 'basicConstraints'); rec.bcNode = v; break;
    case EXT.certificatePolicies:
      if (!isU(t, v, SEQ)) fail('X509_BAD_EXTENSION', t, v, 'certificatePolicies');
      for (let p = childOf(t, v); p >= 0; p = nextOf(t, p)) {
        if (!(isU(t, p, SEQ) && isU(t, childOf(t, p), OID))) fail('X509_BAD_EXTENSION', t, p, 'PolicyInformation');
      }
      rec.cpNode = v;
      rec.cpCount++;
      break;
    case EXT.subjectAltName:
      if (!isU(t, v, SEQ)) fail('X509_BAD_EXTENSION', t, v, 'subjectAltName');
      for (let g = childOf(t, v); g >= 0; g = nextOf(t, g)) checkGeneralName(t, g);
      rec.sanNode = v;
      break;
    case EXT.authorityInfoAccess:
      if (!isU(t, v, SEQ)) fail('X509_BAD_EXTENSION', t, v, 'authorityInfoAccess');
      for (let ad = childOf(t, v); ad >= 0; ad = nextOf(t, ad)) {
        const m = childOf(t, ad);
        if ((isOidNode(t, m, DER.ocsp) || isOidNode(t, m, DER.caIssuers)) && nextOf(t, m) >= 0) checkGeneralName(t, nextOf(t, m));
      }
      rec.aiaNode = v;
      break;
    case EXT.cRLDistributionPoints:
      if (!isU(t, v, SEQ)) fail('X509_BAD_EXTENSION', t, v, 'cRLDistributionPoints');
      for (let dp = childOf(t, v); dp >= 0; dp = nextOf(t, dp)) {
        const full = fullNameOf(t, dp);
        if (full >= 0) for (let g = childOf(t, full); g >= 0; g = nextOf(t, g)) checkGeneralName(t, g);
      }
      rec.crlNode = v;
      rec.crlCount++;
      break;
    case EXT.subjectKeyIdentifier: if (!isU(t, v, OCTETS)) fail('X509_BAD_EXTENSION', t, v, 'subjectKeyIdentifier'); rec.skiNode = v; break;
    case EXT.authorityKeyIdentifier: if (!isU(t, v, SEQ)) fail('X509_BAD_EXTENSION', t, v, 'authorityKeyIdentifier'); rec.akiNode = v; break;
    case EXT.qcStatements:
      if (!isU(t, v, SEQ)) fail('X509_BAD_EXTENSION', t, v, 'qcStatements');
      for (let st = childOf(t, v); st >= 0; st = nextOf(t, st)) {
        if (!(isU(t, st, SEQ) && isU(t, childOf(t, st), OID))) fail('X509_BAD_EXTENSION', t, st, 'QCStatement');
      }
      rec.qcNode = v;
      break;
    case EXT.admission: checkAdmission(t, v); rec.admNode = v; break;
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

function attributeValue(t: DerTree, v: number): string { return stringOf(t, v) ?? `#${hex(t.bytes, contentOf(t, v), endOf(t, v))}`; }
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
    const n = t.nodes, b = t.bytes;
    outer: for (let set = n[this.node * F + 7]!; set >= 0; set = n[set * F + 5]!) {
      for (let atv = n[set * F + 7]!; atv >= 0; atv = n[atv * F + 5]!) {
        const typeNode = n[atv * F + 7]!, c = n[typeNode * F + 2]!;
        // 2.5.4.3 = 55 04 03 (the type was checked to be an OID when parsing)
        if (n[typeNode * F + 3]! - c === 3 && b[c] === 0x55 && b[c + 1] === 0x04 && b[c + 2] === 0x03) {
          cn = attributeValue(t, n[typeNode * F + 5]!);
          break outer;
        }
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

/** ProfessionInfo node → its registrationNumber node (the last string of that kind, as decoded before), or -1. */
function registrationNode(t: DerTree, pi: number): number {
  let found = -1;
  for (let c = childOf(t, pi); c >= 0; c = nextOf(t, c)) {
    const u = universal(tagOf(t, c));
    if (u === 19 || u === 12) found = c;
  }
  return found;
}

function decodeProfessionInfo(t: DerTree, pi: number): ProfessionInfo {
  const info: ProfessionInfo = { professionItems: [], professionOids: [], registrationNumber: null };
  let seenItems = false;
  for (let c = childOf(t, pi); c >= 0; c = nextOf(t, c)) {
    const u = universal(tagOf(t, c));
    if (u === SEQ && !seenItems) {
      seenItems = true;
      for (let item = childOf(t, c); item >= 0; item = nextOf(t, item)) info.professionItems.push(stringOf(t, item)!);
    } else if (u === SEQ) {
      for (let o = childOf(t, c); o >= 0; o = nextOf(t, o)) info.professionOids.push(named(t, o));
    }
  }
  const reg = registrationNode(t, pi);
  if (reg >= 0) info.registrationNumber = stringOf(t, reg);
  return info;
}

/** Admission (1.3.36.8.3.3) decoded on demand: the Telematik-ID alone costs one string. */
class AdmissionView implements Admission {
  private readonly authorityNode: number;
  /** ProfessionInfo nodes over all Admissions, in order. */
  private readonly infoNodes: number[] = [];
  private _authority: string | null | undefined = undefined;
  private _professionInfos: ProfessionInfo[] | undefined = undefined;
  private _professionItems: string[] | undefined = undefined;
  private _professionOids: string[] | undefined = undefined;
  private _registrationNumber: string | null | undefined = undefined;

  constructor(private readonly rec: X509View, value: number) {
    const t = rec.tree();
    let contents = childOf(t, value);
    this.authorityNode = -1;
    if (contents >= 0 && tagClass(tagOf(t, contents)) === 2) {
      this.authorityNode = contents;
      contents = nextOf(t, contents);
    }
    for (let adm = childOf(t, contents); adm >= 0; adm = nextOf(t, adm)) {
      let list = childOf(t, adm);
      while (!isU(t, list, SEQ)) list = nextOf(t, list);
      for (let pi = childOf(t, list); pi >= 0; pi = nextOf(t, pi)) this.infoNodes.push(pi);
    }
  }
  get authority(): string | null {
    if (this._authority !== UNSET) return this._authority;
    return (this._authority = this.authorityNode >= 0 ? decodeGeneralName(this.rec.tree(), this.authorityNode).value : null);
  }
  get professionInfos(): ProfessionInfo[] {
    if (this._professionInfos) return this._professionInfos;
    const t = this.rec.tree();
    const infos: ProfessionInfo[] = [];
    for (const pi of this.infoNodes) infos.push(decodeProfessionInfo(t, pi));
    return (this._professionInfos = infos);
  }
  get professionItems(): string[] {
    if (this._professionItems) return this._professionItems;
    const items: string[] = [];
    for (const info of this.professionInfos) for (const item of info.professionItems) items.push(item);
    return (this._professionItems = items);
  }
  get professionOids(): string[] {
    if (this._professionOids) return this._professionOids;
    const t = this.rec.tree();
    const oids: string[] = [];
    for (const pi of this.infoNodes) {
      let seenItems = false;
      for (let c = childOf(t, pi); c >= 0; c = nextOf(t, c)) {
        if (!isU(t, c, SEQ)) continue;
        if (!seenItems) { seenItems = true; continue; }
        for (let o = childOf(t, c); o >= 0; o = nextOf(t, o)) oids.push(oidOf(t, o));
      }
    }
    return (this._professionOids = oids);
  }
  get registrationNumber(): string | null {
    if (this._registrationNumber !== UNSET) return this._registrationNumber;
    const t = this.rec.tree();
    let reg: string | null = null;
    for (const pi of this.infoNodes) {
      const node = registrationNode(t, pi);
      if (node >= 0) { reg = stringOf(t, node); break; }
    }
    return (this._registrationNumber = reg);
  }
  toJSON(): Admission {
    return plainAdmission(this);
  }
}

function plainAdmission(a: Admission): Admission {
  return {
    authority: a.authority, professionInfos: a.professionInfos, professionItems: a.professionItems,
    professionOids: a.professionOids, registrationNumber: a.registrationNumber,
  };
}

const UNSET = undefined;
/** Reused one-element list for the usual single certificatePolicies extension (no allocation per record). */
const SINGLE = [-1];
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
  private _admission: AdmissionView | null | undefined = undefined;

  constructor(t: DerTree, private readonly walker: DerWalker, private readonly allowTrailing: boolean) {
    this.t = t;
    this.generation = walker.generation;
    const root = 0;
    const tbs = childOf(t, root);
    const sigAlg = nextOf(t, tbs);
    const sigValue = nextOf(t, sigAlg);
    if (!(isU(t, root, SEQ) && isU(t, tbs, SEQ) && isU(t, sigAlg, SEQ) && isU(t, sigValue, BITS) && nextOf(t, sigValue) < 0)) fail('X509_NOT_A_CERTIFICATE', t, root, 'Certificate');
    if (!isU(t, childOf(t, sigAlg), OID)) fail('X509_NOT_A_CERTIFICATE', t, sigAlg, 'signatureAlgorithm');
    this.sigAlgNode = childOf(t, sigAlg);
    let c = childOf(t, tbs);
    let version = 1;
    if (c >= 0 && contextNumber(tagOf(t, c)) === 0) {
      const v = childOf(t, c);
      if (!(isU(t, v, INT) && endOf(t, v) - contentOf(t, v) === 1)) fail('X509_BAD_VERSION', t, c, 'version');
      version = t.bytes[contentOf(t, v)]! + 1;
      if (!(version >= 1 && version <= 3)) fail('X509_BAD_VERSION', t, v, 'version');
      c = nextOf(t, c);
    }
    this.version = version;
    if (!isU(t, c, INT)) fail('X509_NOT_A_CERTIFICATE', t, tbs, 'serialNumber');
    this.serialNode = c;
    const sig = nextOf(t, c);
    if (!(isU(t, sig, SEQ) && isU(t, childOf(t, sig), OID))) fail('X509_NOT_A_CERTIFICATE', t, tbs, 'signature');
    this.issuerNode = nextOf(t, sig);
    checkName(t, this.issuerNode);
    const validity = nextOf(t, this.issuerNode);
    if (!isU(t, validity, SEQ)) fail('X509_BAD_TIME', t, tbs, 'validity');
    const nb = childOf(t, validity), na = nb >= 0 ? nextOf(t, nb) : -1;
    if (!(nb >= 0 && na >= 0 && timeValid(t, nb) && timeValid(t, na))) fail('X509_BAD_TIME', t, validity, 'validity');
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
      if (!isU(t, list, SEQ)) fail('X509_BAD_EXTENSION', t, x, 'extensions');
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
      const known = isExtension && extKindOf(info.short) > EXT.named; // named-only extensions are kept raw
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
  /** Policies and the gematik certificate types among them, from one pass (one OID lookup per policy). */
  private decodePolicies(): void {
    const t = this.tree();
    const policies: string[] = [], types: string[] = [];
    const values = this.cpCount === 1 ? SINGLE : this.valueNodes(DER.policies, this.cpNode, this.cpCount);
    if (this.cpCount === 1) SINGLE[0] = this.cpNode;
    for (const v of values) {
      for (let p = childOf(t, v); p >= 0; p = nextOf(t, p)) {
        const id = childOf(t, p);
        const entry = oidEntryAt(t.bytes, contentOf(t, id), endOf(t, id));
        policies.push(entry.oid);
        if (entry.info?.kind === 'certType') types.push(entry.info.short);
      }
    }
    this._policies = policies;
    this._certificateTypes = types;
  }
  get policies(): string[] {
    if (!this._policies) this.decodePolicies();
    return this._policies!;
  }
  get certificateTypes(): string[] {
    if (!this._certificateTypes) this.decodePolicies();
    return this._certificateTypes!;
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
    return (this._subjectKeyIdentifier = this.skiNode >= 0
      ? hex(t.bytes, contentOf(t, this.skiNode), endOf(t, this.skiNode)).toUpperCase()
      : null);
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
    return (this._admission = this.admNode >= 0 ? new AdmissionView(this, this.admNode) : null);
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
    qcStatements: r.qcStatements, admission: r.admission ? plainAdmission(r.admission) : null, byteLength: r.byteLength,
  };
}
