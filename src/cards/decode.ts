// Decoders for the card's own data objects: FCP, EF.GDO (ICCSN), EF.ATR, EF.Version2, EF.DIR, PIN status words.
import { findTlv, readTlvs, toHex } from './tlv.ts';
import type { EfAtrInfo, Generation, IccsnInfo, PinStatus, ProductId, Version2Info, DirEntry } from './types.ts';
import { AID_NAMES } from './profiles.ts';
import { retriesOf, SW } from '../transport/iso7816.ts';

export function decodeFcp(fcp: Uint8Array): { aid: string | null; lifeCycle: string | null } {
  const inner = findTlv(fcp, 0x62) ?? fcp;
  const aid = findTlv(inner, 0x84);
  const lcs = findTlv(inner, 0x8a);
  const lcsByte = lcs?.[0];
  const lifeCycle = lcsByte === undefined ? null
    : lcsByte === 0x05 || lcsByte === 0x07 ? 'activated'
      : lcsByte === 0x04 || lcsByte === 0x06 ? 'deactivated'
        : lcsByte >= 0x0c && lcsByte <= 0x0f ? 'terminated'
          : 'creation';
  return { aid: aid ? toHex(aid) : null, lifeCycle };
}

/** EF.GDO: `5A 0A` + ICCSN in 10 BCD bytes. Null when the content is not that. */
export function decodeGdo(body: Uint8Array): IccsnInfo | null {
  const v = findTlv(body, 0x5a);
  if (!v || v.length !== 10) return null;
  const iccsn = toHex(v);
  if (!/^\d{20}$/.test(iccsn)) return null;
  return { iccsn, mii: iccsn.slice(0, 2), country: iccsn.slice(2, 5), issuer: iccsn.slice(5, 10), serial: iccsn.slice(10) };
}

const ascii = (b: Uint8Array): string => String.fromCharCode(...b).replace(/[^\x20-\x7e]/g, '?');
const version3 = (b: Uint8Array | null): string | null => (b && b.length === 3 ? `${b[0]}.${b[1]}.${b[2]}` : null);

function productId(v: Uint8Array | null): ProductId | null {
  if (!v || v.length !== 16) return null;
  return { maker: ascii(v.subarray(0, 5)), product: ascii(v.subarray(5, 13)).trimEnd(), version: version3(v.subarray(13))! };
}

/** EF.ATR (gemSpec_COS): E0 buffer sizes, 5F52 historical bytes, D0 COS version, D2/D3/D4/D6 product ids. */
export function decodeEfAtr(body: Uint8Array): EfAtrInfo {
  const tlvs = readTlvs(body);
  const get = (tag: number): Uint8Array | null => tlvs.find((t) => t.tag === tag)?.value ?? null;
  const sizes: number[] = [];
  const e0 = get(0xe0);
  if (e0) for (const t of readTlvs(e0)) if (t.tag === 0x02) sizes.push(t.value.reduce((a, b) => a * 256 + b, 0));
  const hist = get(0x5f52);
  return {
    rawHex: toHex(body),
    maxCommandLength: sizes[0] ?? null,
    maxResponseLength: sizes[1] ?? null,
    cosVersion: version3(get(0xd0)),
    historicalBytesHex: hist ? toHex(hist) : null,
    chip: productId(get(0xd2)),
    cos: productId(get(0xd3)),
    objectSystem: productId(get(0xd4)),
    personalisation: productId(get(0xd6)),
  };
}

/** EF.Version2: `EF L { C0 03 …, C1 03 …, C2 10 …, C4 03 …, C5 03 … }`. */
export function decodeVersion2(body: Uint8Array): Version2Info {
  const inner = findTlv(body, 0xef) ?? body;
  const tlvs = readTlvs(inner);
  const get = (tag: number): Uint8Array | null => tlvs.find((t) => t.tag === tag)?.value ?? null;
  return {
    rawHex: toHex(body),
    fillingRuleVersion: version3(get(0xc0)),
    objectSystemVersion: version3(get(0xc1)),
    objectSystemProduct: productId(get(0xc2)),
    gdoFillingRuleVersion: version3(get(0xc4)),
    atrFillingRuleVersion: version3(get(0xc5)),
  };
}

/** Object-system version → generation: < 3.0.3 G1, < 4.0.0 G1+, < 4.4.0 G2.0, else G2.1 (cards.md). */
export function generationOf(objectSystemVersion: string): Generation | null {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(objectSystemVersion);
  if (!m) return null;
  const v = Number(m[1]) * 65536 + Number(m[2]) * 256 + Number(m[3]);
  const at = (a: number, b: number, c: number): number => a * 65536 + b * 256 + c;
  if (v < at(3, 0, 3)) return 'G1';
  if (v < at(4, 0, 0)) return 'G1+';
  if (v < at(4, 4, 0)) return 'G2.0';
  return 'G2.1';
}

export function decodeDirRecord(record: Uint8Array): DirEntry | null {
  const template = findTlv(record, 0x61);
  const aid = template ? findTlv(template, 0x4f) : null;
  if (!aid) return null;
  const hex = toHex(aid);
  return { aid: hex, label: AID_NAMES[hex] ?? null, recordHex: toHex(record) };
}

/** The MF's EF.DIR entry taken from its FCP (record 1 of EF.DIR names the MF, Card-G2-A_3651). */
export function mfDirEntry(aidHex: string): DirEntry {
  const aid = aidHex.toUpperCase();
  return { aid, label: AID_NAMES[aid] ?? null, recordHex: null };
}

/** GET PIN STATUS status word → state (gemSpec_COS). */
export function pinStatusOf(sw: number): { status: PinStatus; retriesLeft: number | null } {
  if (sw === SW.OK) return { status: 'verified', retriesLeft: null };
  const retries = retriesOf(sw);
  if (retries !== null) return retries === 0 ? { status: 'blocked', retriesLeft: 0 } : { status: 'retries', retriesLeft: retries };
  if (sw === SW.TRANSPORT_PIN) return { status: 'transport', retriesLeft: null };
  if (sw === SW.EMPTY_PIN) return { status: 'empty', retriesLeft: null };
  if (sw === SW.PASSWORD_DISABLED) return { status: 'disabled', retriesLeft: null };
  if (sw === SW.REFERENCED_DATA_NOT_FOUND || sw === SW.FILE_NOT_FOUND) return { status: 'absent', retriesLeft: null };
  if (sw === SW.SECURITY_STATUS_NOT_SATISFIED) return { status: 'denied', retriesLeft: null };
  return { status: 'unknown', retriesLeft: null };
}
