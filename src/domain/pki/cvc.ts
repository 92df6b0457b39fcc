// CV certificates of TI cards (gemSpec_PKI 6.4, gemSpec_COS): BER-TLV with application tags.
// Self-descriptive ECC certificates: 7F21 { 7F4E { 5F29 CPI, 42 CAR, 7F49 { 06 OID, 86 point }, 5F20 CHR,
// 7F4C { 06 flag-list OID, 53 flags }, 5F25 CED, 5F24 CXD }, 5F37 signature }.
// G2.0 RSA certificates use message recovery: 7F21 { 5F37 signature, 5F38 key remainder, 42 CAR } —
// their body sits inside the signature and is readable only with the CA's key, so only CAR is shown.
import { type DerTree, tagOf, contentOf, endOf, childOf, nextOf, tagClass, tagNumber, tagConstructed } from './der.ts';
import { oidAt, hex } from './asn1.ts';
import { oidShort } from './oids.ts';
import type { CvcRecord, ParseError } from './types.ts';

/** Application-class tag numbers (7F21 → 0x21 …). */
const T = {
  CVC: 0x21, BODY: 0x4e, CPI: 0x29, CAR: 0x02, PUBKEY: 0x49, CHR: 0x20, CHAT: 0x4c, FLAGS: 0x13, CED: 0x25, CXD: 0x24,
  SIG: 0x37, PUK_REMAINDER: 0x38,
};

const isApp = (t: DerTree, i: number, n: number) => i >= 0 && tagClass(tagOf(t, i)) === 1 && tagNumber(tagOf(t, i)) === n;

function findApp(t: DerTree, parent: number, n: number): number {
  for (let c = childOf(t, parent); c >= 0; c = nextOf(t, c)) if (isApp(t, c, n)) return c;
  return -1;
}

function bytesOf(t: DerTree, i: number): Uint8Array {
  return t.bytes.subarray(contentOf(t, i), endOf(t, i));
}

/** CAR/CHR of a CA: 5 printable characters (CA name) + 3 bytes (service indicator, algorithm, year). */
function reference(b: Uint8Array): string {
  const printable = (x: number) => x >= 0x20 && x < 0x7f;
  if (b.length === 8 && b.subarray(0, 5).every(printable)) return String.fromCharCode(...b.subarray(0, 5)) + hex(b, 5).toUpperCase();
  return hex(b).toUpperCase();
}

/** YYMMDD, one decimal digit per byte. */
function cvcDate(b: Uint8Array): string | null {
  if (b.length !== 6 || b.some((d) => d > 9)) return null;
  const month = b[2]! * 10 + b[3]!, day = b[4]! * 10 + b[5]!;
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `20${b[0]}${b[1]}-${b[2]}${b[3]}-${b[4]}${b[5]}`;
}

/** gemSpec_COS uses brainpool curves only; the point length tells which. */
const CURVE_BY_POINT: Record<number, string> = { 65: 'brainpoolP256r1', 97: 'brainpoolP384r1', 129: 'brainpoolP512r1' };

export function decodeCvc(t: DerTree): CvcRecord | ParseError {
  const root = 0;
  if (!isApp(t, root, T.CVC) || !tagConstructed(tagOf(t, root))) return { error: 'CVC_NOT_A_CV_CERTIFICATE', offset: 0 };
  const sig = findApp(t, root, T.SIG);
  if (sig < 0) return { error: 'CVC_MISSING_FIELD', detail: '5F37', offset: contentOf(t, root) };
  const body = findApp(t, root, T.BODY);
  const base = { format: 'cvc' as const, signatureHex: hex(t.bytes, contentOf(t, sig), endOf(t, sig)), byteLength: endOf(t, root) };
  if (body < 0) {
    // The card keeps the CAR beside the certificate; a 42 inside is shown when present.
    if (findApp(t, root, T.PUK_REMAINDER) < 0) return { error: 'CVC_MISSING_FIELD', detail: '5F38', offset: contentOf(t, root) };
    const car = findApp(t, root, T.CAR);
    const carBytes = car >= 0 ? bytesOf(t, car) : null;
    return {
      ...base, selfDescriptive: false, profileIdentifier: null,
      car: carBytes ? reference(carBytes) : null, carHex: carBytes ? hex(carBytes).toUpperCase() : null,
      chr: null, chrHex: null, iccsn: null, publicKey: null, flagList: null, effectiveDate: null, expirationDate: null,
    };
  }
  const get = (n: number, name: string): number => {
    const i = findApp(t, body, n);
    if (i < 0) throw new MissingField(name);
    return i;
  };
  try {
    const cpi = get(T.CPI, '5F29'), car = get(T.CAR, '42'), key = get(T.PUBKEY, '7F49'), chr = get(T.CHR, '5F20');
    const chat = get(T.CHAT, '7F4C'), ced = get(T.CED, '5F25'), cxd = get(T.CXD, '5F24');
    const keyOid = childOf(t, key);
    const point = nextOf(t, keyOid);
    if (keyOid < 0 || tagOf(t, keyOid) !== 6 || point < 0 || tagClass(tagOf(t, point)) !== 2 || tagNumber(tagOf(t, point)) !== 6) {
      throw new MissingField('7F49/86');
    }
    const flagOid = childOf(t, chat);
    const flags = flagOid >= 0 ? nextOf(t, flagOid) : -1;
    if (flagOid < 0 || tagOf(t, flagOid) !== 6 || !isApp(t, flags, T.FLAGS)) throw new MissingField('7F4C/53');
    const effectiveDate = cvcDate(bytesOf(t, ced)), expirationDate = cvcDate(bytesOf(t, cxd));
    if (!effectiveDate || !expirationDate) return { error: 'CVC_BAD_DATE', offset: contentOf(t, effectiveDate ? cxd : ced) };
    const carBytes = bytesOf(t, car), chrBytes = bytesOf(t, chr), flagBytes = bytesOf(t, flags);
    const setBits: number[] = [];
    flagBytes.forEach((byte, k) => { for (let b = 0; b < 8; b++) if (byte & (0x80 >> b)) setBits.push(k * 8 + b); });
    const holderBits = flagBytes.length > 0 ? flagBytes[0]! >> 6 : -1;
    const keyOidString = oidAt(t.bytes, contentOf(t, keyOid), endOf(t, keyOid));
    const flagOidString = oidAt(t.bytes, contentOf(t, flagOid), endOf(t, flagOid));
    const pointBytes = bytesOf(t, point);
    // End-entity CHR: 2-byte discretionary prefix + ICCSN (10 bytes BCD).
    const iccsn = chrBytes.length === 12 ? hex(chrBytes, 2) : null;
    return {
      ...base,
      selfDescriptive: true,
      profileIdentifier: endOf(t, cpi) - contentOf(t, cpi) === 1 ? t.bytes[contentOf(t, cpi)]! : null,
      car: reference(carBytes), carHex: hex(carBytes).toUpperCase(),
      chr: chrBytes.length === 12 ? hex(chrBytes).toUpperCase() : reference(chrBytes), chrHex: hex(chrBytes).toUpperCase(),
      iccsn: iccsn && /^\d{20}$/.test(iccsn) ? iccsn : null,
      publicKey: {
        oid: keyOidString, name: oidShort(keyOidString), curve: CURVE_BY_POINT[pointBytes.length] ?? null, pointHex: hex(pointBytes),
      },
      flagList: {
        oid: flagOidString, name: oidShort(flagOidString), hex: hex(flagBytes).toUpperCase(),
        holder: holderBits === 0 ? 'end-entity' : holderBits === 2 ? 'sub-ca' : holderBits === 3 ? 'root-ca' : 'unknown',
        bits: setBits.filter((b) => b >= 2),
      },
      effectiveDate, expirationDate,
    };
  } catch (e) {
    if (e instanceof MissingField) return { error: 'CVC_MISSING_FIELD', detail: e.field, offset: contentOf(t, body) };
    throw e;
  }
}

class MissingField {
  constructor(readonly field: string) {}
}
