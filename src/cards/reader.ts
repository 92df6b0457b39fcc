// Reads a TI card through a guarded ApduChannel: identify by the MF's AID, then the card-type profile's
// files and PINs. Few APDUs: short-file-identifier reads, one read per file when extended length is
// available (else chunks of the largest allowed size, stopping at the certificate's own length), each
// folder selected once, and PIN status asked in the folder that holds the PIN. Never VERIFY.
import type { ApduChannel, CommandApdu, ResponseApdu } from '../apdu/types.ts';
import { getPinStatus, isSuccess, readBinaryAt, readBinarySfi, readRecordSfi, selectAid, selectRoot, SW } from '../transport/iso7816.ts';
import { cardLimitsFromEfAtr } from '../apdu/card-limits.ts';
import { decodeDirRecord, decodeEfAtr, mfDirEntry, decodeFcp, decodeGdo, decodeVersion2, generationOf, pinStatusOf } from './decode.ts';
import { appliesTo, profileForMfAid, type FolderSpec } from './profiles.ts';
import { tlvTotalLength, toHex } from './tlv.ts';
import { CardReadError, type CardReadout, type CertificateFileRead, type DirEntry, type FileRead, type PinRead } from './types.ts';


function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

interface TransparentResult {
  status: FileRead['status'];
  sw: number;
  bytes: Uint8Array | null;
}

export class CardFileReader {
  constructor(private readonly channel: ApduChannel) {}

  send(command: CommandApdu): Promise<ResponseApdu> {
    return this.channel.transmit(command);
  }

  /**
   * Reads a transparent EF of the current folder by SFI. For certificate files (`oneObject`) reading
   * stops at the end of the DER/BER object the content starts with (no probing past the certificate).
   */
  async readTransparent(sfi: number, oneObject = false): Promise<TransparentResult> {
    const max = this.channel.limits.maxResponseLength;
    const first = await this.send(readBinarySfi(sfi, max));
    if (first.sw === SW.OFFSET_TOO_BIG) return { status: 'empty', sw: first.sw, bytes: new Uint8Array(0) };
    if (first.sw === SW.FILE_NOT_FOUND) return { status: 'absent', sw: first.sw, bytes: null };
    if (first.sw === SW.SECURITY_STATUS_NOT_SATISFIED) return { status: 'denied', sw: first.sw, bytes: null };
    if (first.sw !== SW.OK && first.sw !== SW.END_OF_FILE) return { status: 'error', sw: first.sw, bytes: null };
    const parts = [first.data];
    let length = first.data.length;
    let sw = first.sw;
    const objectLength = oneObject && first.data.length > 0 && first.data[0] !== 0x00 ? tlvTotalLength(first.data) : null;
    let lastGot = first.data.length;
    for (;;) {
      if (sw === SW.END_OF_FILE) break;
      if (objectLength !== null ? length >= objectLength : lastGot === 0) break;
      if (length > 0x7fff) break; // beyond 15-bit offsets: nothing on a TI card is that long
      const ne = objectLength !== null ? Math.min(max, objectLength - length) : max;
      const r = await this.send(readBinaryAt(length, ne));
      if (r.sw === SW.OFFSET_TOO_BIG) break;
      if (r.sw !== SW.OK && r.sw !== SW.END_OF_FILE) return { status: 'error', sw: r.sw, bytes: concat(parts) };
      parts.push(r.data);
      length += r.data.length;
      sw = r.sw;
      lastGot = r.data.length;
    }
    const bytes = concat(parts);
    const trimmed = objectLength !== null && bytes.length > objectLength ? bytes.subarray(0, objectLength) : bytes;
    return { status: trimmed.length === 0 ? 'empty' : 'read', sw, bytes: trimmed };
  }

  /** Reads the records of a record EF by SFI from `first` on until the card says there is no further record. */
  async readRecords(sfi: number, first = 1, maxRecords = 254): Promise<{ records: Uint8Array[]; sw: number }> {
    const records: Uint8Array[] = [];
    let sw: number = SW.OK;
    for (let n = first; n <= maxRecords; n++) {
      const r = await this.send(readRecordSfi(n, sfi, Math.min(256, this.channel.limits.maxResponseLength)));
      sw = r.sw;
      if (r.sw !== SW.OK) break;
      records.push(r.data);
    }
    return { records, sw };
  }
}

export interface ReadCardOptions {
  /** ATR as the reader reported it (shown for unknown cards). */
  atr: Uint8Array;
}

export async function readCard(channel: ApduChannel, options: ReadCardOptions): Promise<CardReadout> {
  const io = new CardFileReader(channel);
  const startCount = channel.apduCount;

  // 1. Which card is it? SELECT MF by AID with FCP: tag 84 carries the MF's AID.
  const mf = await io.send(selectRoot());
  if (!isSuccess(mf.sw)) {
    if (mf.sw === SW.FILE_NOT_FOUND || mf.sw === SW.WRONG_P1P2 || mf.sw === SW.INS_NOT_SUPPORTED || mf.sw === SW.CLA_NOT_SUPPORTED) {
      // Not a G2-style card: carry on in the card's current folder and report what is found.
    } else {
      throw new CardReadError('card.selectMfFailed', `SELECT MF answered ${mf.sw.toString(16)}`);
    }
  }
  const fcp = mf.sw === SW.OK ? decodeFcp(mf.data) : { aid: null, lifeCycle: null };
  const profile = profileForMfAid(fcp.aid);

  // 2. Common MF files: EF.ATR first (it tells the card's buffer sizes), then EF.GDO, EF.Version2, EF.DIR.
  const atrFile = await io.readTransparent(0x1d);
  const efAtr = atrFile.status === 'read' && atrFile.bytes ? decodeEfAtr(atrFile.bytes) : null;
  if (atrFile.bytes) {
    const limits = cardLimitsFromEfAtr(atrFile.bytes);
    if (limits) channel.updateCardLimits(limits);
  }
  const gdoFile = await io.readTransparent(0x02);
  const iccsn = gdoFile.bytes ? decodeGdo(gdoFile.bytes) : null;
  const v2File = await io.readTransparent(0x11);
  const version2 = v2File.status === 'read' && v2File.bytes ? decodeVersion2(v2File.bytes) : null;
  // No EF.Version2 at all: a G1 card (G2 cards always have it).
  const generation = version2?.objectSystemVersion ? generationOf(version2.objectSystemVersion)
    : v2File.status === 'absent' && profile ? 'G1' : null;
  // EF.DIR. Its record 1 must hold the MF's AID (Card-G2-A_3651), which the MF's FCP has just given us:
  // for a known card start at record 2 (one APDU less) and list the MF from the FCP. A card without
  // EF.DIR (6A82) gets no MF entry either.
  const mfFromFcp = profile !== null && fcp.aid !== null;
  const dirRead = await io.readRecords(0x1e, mfFromFcp ? 2 : 1);
  const dirExists = dirRead.records.length > 0 || dirRead.sw === SW.RECORD_NOT_FOUND;
  const dir = [
    ...(mfFromFcp && dirExists ? [mfDirEntry(fcp.aid!)] : []),
    ...dirRead.records.map(decodeDirRecord).filter((d): d is DirEntry => d !== null),
  ];

  const certificates: CertificateFileRead[] = [];
  const pins: PinRead[] = [];
  const dataFiles: FileRead[] = [];

  // 3. Profile folders: MF first (still selected), then each DF once.
  for (const folder of profile?.folders ?? []) {
    if (folder.aid !== null) {
      const sel = await io.send(selectAid(fromHex(folder.aid)));
      if (sel.sw !== SW.OK) {
        markFolderMissing(folder, sel.sw, generation, certificates, pins, dataFiles);
        continue;
      }
    }
    for (const spec of folder.certificates) {
      if (!appliesTo(generation, spec.generations)) continue;
      const r = await io.readTransparent(spec.sfi, true);
      if (r.status === 'absent' && spec.optional) continue;
      certificates.push({ ...spec, df: folder.aid, status: r.status, sw: r.sw, bytes: r.bytes });
    }
    for (const spec of folder.dataFiles) {
      const r = await io.readTransparent(spec.sfi);
      dataFiles.push({ ...spec, df: folder.aid, status: r.status, sw: r.sw, bytes: r.bytes });
    }
    for (const pin of folder.pins) {
      if (!appliesTo(generation, pin.generations)) continue;
      const r = await io.send(getPinStatus(pin.reference));
      pins.push({ name: pin.name, reference: pin.reference, df: folder.aid, sw: r.sw, ...pinStatusOf(r.sw) });
    }
  }

  return {
    atrHex: toHex(options.atr),
    cardType: profile?.type ?? 'unknown',
    mfAid: fcp.aid,
    mfFcpHex: mf.sw === SW.OK ? toHex(mf.data) : null,
    mfLifeCycle: fcp.lifeCycle,
    iccsn,
    efAtr,
    version2,
    generation,
    dir,
    certificates,
    pins,
    dataFiles,
    apduCount: channel.apduCount - startCount,
    extendedLength: channel.limits.extendedLength,
    maxResponseLength: channel.limits.maxResponseLength,
  };
}

function markFolderMissing(folder: FolderSpec, sw: number, generation: CardReadout['generation'],
  certificates: CertificateFileRead[], pins: PinRead[], dataFiles: FileRead[]): void {
  for (const spec of folder.certificates) {
    if (!appliesTo(generation, spec.generations) || spec.optional) continue;
    certificates.push({ ...spec, df: folder.aid, status: 'absent', sw, bytes: null });
  }
  for (const spec of folder.dataFiles) dataFiles.push({ ...spec, df: folder.aid, status: 'absent', sw, bytes: null });
  for (const pin of folder.pins) {
    if (!appliesTo(generation, pin.generations)) continue;
    pins.push({ name: pin.name, reference: pin.reference, df: folder.aid, sw, status: 'absent', retriesLeft: null });
  }
}
