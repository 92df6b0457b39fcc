// A simulated G2 health card (contact interface, T=1) that answers like its gematik card image:
// SELECT, READ BINARY, READ RECORD, GET RESPONSE and GET PIN STATUS, honouring the image's life-cycle
// states and contact-mode access rules. Commands that would change the card (VERIFY, UPDATE …) are not
// simulated: the app's APDU layer never lets them out, and the card answers 6D00 should one arrive.
import type { SimulatedIcc } from '../../simulated-icc.ts';
import { isAllowed, type SecurityState } from './access-rules.ts';
import type { CardImage, CardObject, ElementaryFile, FolderObject, PasswordObject, RecordEf } from './model.ts';
import { CLA, INS, SW, SW1, swRetriesLeft } from '../../iso7816.ts';

// The status words are the app's one ISO 7816 model (the reader interprets what this card answers).
export { SW };

export interface ParsedCommand {
  cla: number; ins: number; p1: number; p2: number;
  data: Uint8Array;
  /** undefined = no Le field. */
  ne: number | undefined;
  extended: boolean;
}

/** ISO/IEC 7816-3 case 1–4, short and extended. Returns null for a malformed APDU. */
export function parseCommandApdu(apdu: Uint8Array): ParsedCommand | null {
  if (apdu.length < 4) return null;
  const [cla, ins, p1, p2] = [apdu[0]!, apdu[1]!, apdu[2]!, apdu[3]!];
  const empty = new Uint8Array(0);
  const n = apdu.length;
  if (n === 4) return { cla, ins, p1, p2, data: empty, ne: undefined, extended: false };
  const b4 = apdu[4]!;
  if (n === 5) return { cla, ins, p1, p2, data: empty, ne: b4 === 0 ? 256 : b4, extended: false };
  if (b4 !== 0) {
    if (n === 5 + b4) return { cla, ins, p1, p2, data: apdu.slice(5, 5 + b4), ne: undefined, extended: false };
    if (n === 6 + b4) {
      const le = apdu[n - 1]!;
      return { cla, ins, p1, p2, data: apdu.slice(5, 5 + b4), ne: le === 0 ? 256 : le, extended: false };
    }
    return null;
  }
  if (n < 7) return null;
  const l = (apdu[5]! << 8) | apdu[6]!;
  if (n === 7) return { cla, ins, p1, p2, data: empty, ne: l === 0 ? 65536 : l, extended: true };
  if (l === 0) return null;
  if (n === 7 + l) return { cla, ins, p1, p2, data: apdu.slice(7, 7 + l), ne: undefined, extended: true };
  if (n === 9 + l) {
    const le = (apdu[n - 2]! << 8) | apdu[n - 1]!;
    return { cla, ins, p1, p2, data: apdu.slice(7, 7 + l), ne: le === 0 ? 65536 : le, extended: true };
  }
  return null;
}

/** G2-style ATR (T=1, IFSC 254, BWI/CWI 4/5) used when an image carries none. */
export const DEFAULT_G2_ATR = Uint8Array.of(0x3b, 0xd0, 0x96, 0xff, 0x81, 0xb1, 0xfe, 0x45, 0x1f, 0x03, 0x2e);

function lcsByte(lcs: string): number {
  switch (lcs.toUpperCase()) {
    case 'ACTIVATED': return 0x05;
    case 'DEACTIVATED': return 0x04;
    case 'TERMINATED': return 0x0c;
    case 'CREATION': return 0x01;
    default: return 0x03;
  }
}

function tlv(tag: number, value: Uint8Array): number[] {
  const len = value.length;
  const head = len < 0x80 ? [len] : len < 0x100 ? [0x81, len] : [0x82, len >> 8, len & 0xff];
  return [tag, ...head, ...value];
}

function u16(n: number): Uint8Array { return Uint8Array.of((n >> 8) & 0xff, n & 0xff); }

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Card limits from EF.ATR's buffer-size object E0 { 02 maxCommand, 02 maxResponse, … } (contact values first). */
function limitsFromEfAtr(root: FolderObject): { maxCommand: number; maxResponse: number } {
  const fallback = { maxCommand: 65535 + 9, maxResponse: 65536 + 2 };
  const efAtr = root.children.find((c) => c.kind === 'transparent' && c.fid === 0x2f01);
  if (!efAtr || efAtr.kind !== 'transparent') return fallback;
  const b = efAtr.content;
  if (b[0] !== 0xe0) return fallback;
  const end = 2 + (b[1] ?? 0);
  const ints: number[] = [];
  for (let p = 2; p + 2 <= end && p < b.length;) {
    const len = b[p + 1]!;
    if (b[p] === 0x02) ints.push(b.subarray(p + 2, p + 2 + len).reduce((acc, x) => acc * 256 + x, 0));
    p += 2 + len;
  }
  if (ints.length < 2) return fallback;
  return { maxCommand: ints[0]!, maxResponse: ints[1]! };
}

export class CardImageIcc implements SimulatedIcc {
  private currentFolder: FolderObject;
  private currentEf: ElementaryFile | null = null;
  private pendingResponse: Uint8Array | null = null;
  private powered = false;
  private readonly securityEnvironment = 1;
  readonly maxCommandLength: number;
  readonly maxResponseLength: number;

  constructor(readonly image: CardImage) {
    this.currentFolder = image.root;
    const limits = limitsFromEfAtr(image.root);
    this.maxCommandLength = limits.maxCommand;
    this.maxResponseLength = limits.maxResponse;
  }

  /** Cold reset by default; a warm reset answers with the image's warm ATR. */
  reset(kind: 'cold' | 'warm' = 'cold'): Uint8Array {
    this.currentFolder = this.image.root;
    this.currentEf = null;
    this.pendingResponse = null;
    this.powered = true;
    const atr = kind === 'warm' ? (this.image.warmAtr ?? this.image.coldAtr) : (this.image.coldAtr ?? this.image.warmAtr);
    return (atr ?? DEFAULT_G2_ATR).slice();
  }

  transmit(commandApdu: Uint8Array): Uint8Array {
    if (!this.powered) this.reset();
    const pending = this.pendingResponse;
    this.pendingResponse = null;
    if (commandApdu.length > this.maxCommandLength) return this.status(SW.WRONG_LENGTH);
    const cmd = parseCommandApdu(commandApdu);
    if (!cmd) return this.status(SW.WRONG_LENGTH);
    if ((cmd.cla & 0x80) === 0 || cmd.cla === 0x80 || cmd.cla === 0x8c) {
      if (cmd.cla & 0x03) return this.status(SW.LOGICAL_CHANNEL_NOT_SUPPORTED);
      if (cmd.cla & 0x0c) return this.status(SW.SECURE_MESSAGING_NOT_SUPPORTED);
    }
    const proprietary = cmd.cla === CLA.PROPRIETARY;
    if (cmd.cla !== CLA.ISO && !proprietary) return this.status(SW.CLA_NOT_SUPPORTED);
    const isoInstructions: number[] = [INS.SELECT, INS.READ_BINARY, INS.READ_RECORD, INS.GET_RESPONSE];
    if (proprietary) {
      if (cmd.ins === INS.VERIFY_OR_PIN_STATUS) return this.getPinStatus(cmd);
      return this.status(isoInstructions.includes(cmd.ins) ? SW.CLA_NOT_SUPPORTED : SW.INS_NOT_SUPPORTED);
    }
    switch (cmd.ins) {
      case INS.SELECT: return this.select(cmd);
      case INS.READ_BINARY: return this.readBinary(cmd);
      case INS.READ_RECORD: return this.readRecord(cmd);
      case INS.GET_RESPONSE: return this.getResponse(cmd, pending);
      default: return this.status(SW.INS_NOT_SUPPORTED);
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private status(sw: number, data: Uint8Array | number[] = []): Uint8Array {
    const out = new Uint8Array(data.length + 2);
    out.set(data);
    out[data.length] = sw >> 8;
    out[data.length + 1] = sw & 0xff;
    return out;
  }

  /** A response larger than Ne is handed out piecewise: first part plus 61xx, rest by GET RESPONSE. */
  private respond(data: Uint8Array, ne: number | undefined, sw: number): Uint8Array {
    if (ne === undefined) return this.status(sw);
    const limit = Math.min(ne, this.maxResponseLength - 2);
    if (data.length <= limit) return this.status(sw, data);
    this.pendingResponse = data.slice(limit);
    const remaining = this.pendingResponse.length;
    return this.status((SW1.BYTES_REMAINING << 8) | (remaining >= 256 ? 0 : remaining), data.subarray(0, limit));
  }

  private securityStateFor(object: CardObject): SecurityState {
    return {
      passwordSatisfied: (pwdId) => {
        const pwd = this.findPassword(object.kind === 'folder' ? object : object.parent, pwdId, true);
        // A disabled password counts as satisfied; nothing is ever verified in a read-only session.
        return pwd !== null && !pwd.flagEnabled;
      },
    };
  }

  private allowed(object: CardObject, header: readonly [number, number, number, number]): boolean {
    return isAllowed(object.accessRules, header, object.lifeCycleStatus.toUpperCase(), this.securityEnvironment,
      this.securityStateFor(object));
  }

  private findPassword(start: FolderObject | null, pwdId: number, searchUp: boolean): PasswordObject | null {
    for (let f = start; f; f = searchUp ? f.parent : null) {
      const hit = f.children.find((c): c is PasswordObject => c.kind === 'password' && c.pwdId === pwdId);
      if (hit) return hit;
    }
    return null;
  }

  private *folders(folder: FolderObject = this.image.root): Generator<FolderObject> {
    yield folder;
    for (const c of folder.children) if (c.kind === 'folder') yield* this.folders(c);
  }

  private fcp(object: FolderObject | ElementaryFile): Uint8Array {
    const body: number[] = [];
    if (object.kind === 'folder') {
      body.push(...tlv(0x82, Uint8Array.of(0x38)));
      if (object.fid !== null) body.push(...tlv(0x83, u16(object.fid)));
      if (object.aid) body.push(...tlv(0x84, object.aid));
    } else {
      body.push(...tlv(0x80, u16(object.numberOfOctet)));
      if (object.kind === 'transparent') body.push(...tlv(0x82, Uint8Array.of(0x01)));
      else {
        const fdb = object.structure === 'linearFixed' ? 0x02 : object.structure === 'linearVariable' ? 0x04 : 0x06;
        body.push(...tlv(0x82, Uint8Array.of(fdb, 0x21, object.maximumRecordLength >> 8, object.maximumRecordLength & 0xff,
          object.maximumNumberOfRecords & 0xff)));
      }
      if (object.fid !== null) body.push(...tlv(0x83, u16(object.fid)));
      if (object.sfi !== null) body.push(...tlv(0x88, Uint8Array.of(object.sfi << 3)));
    }
    body.push(...tlv(0x8a, Uint8Array.of(lcsByte(object.lifeCycleStatus))));
    return Uint8Array.from(tlv(0x62, Uint8Array.from(body)));
  }

  // ---- commands ------------------------------------------------------------------------------

  private select(cmd: ParsedCommand): Uint8Array {
    const wantFcp = cmd.p2 === 0x04;
    if (cmd.p2 !== 0x04 && cmd.p2 !== 0x0c) return this.status(SW.WRONG_P1P2);
    let target: FolderObject | ElementaryFile | undefined;
    const fid = cmd.data.length === 2 ? (cmd.data[0]! << 8) | cmd.data[1]! : null;
    switch (cmd.p1) {
      case 0x00:
        if (cmd.data.length === 0 || fid === 0x3f00) target = this.image.root;
        else if (fid !== null) target = this.childByFid(fid, 'any');
        else return this.status(SW.WRONG_LENGTH);
        break;
      case 0x01:
        if (fid === null) return this.status(SW.WRONG_LENGTH);
        target = this.childByFid(fid, 'folder');
        break;
      case 0x02:
        if (fid === null) return this.status(SW.WRONG_LENGTH);
        target = this.childByFid(fid, 'ef');
        break;
      case 0x03:
        if (cmd.data.length !== 0) return this.status(SW.WRONG_LENGTH);
        target = this.currentFolder.parent ?? undefined;
        break;
      case 0x04:
        if (cmd.data.length === 0) target = this.image.root;
        else {
          for (const f of this.folders()) if (f.aid && sameBytes(f.aid, cmd.data)) { target = f; break; }
        }
        break;
      default:
        return this.status(SW.WRONG_P1P2);
    }
    if (!target) return this.status(SW.FILE_NOT_FOUND);
    if (target.kind === 'folder') { this.currentFolder = target; this.currentEf = null; }
    else this.currentEf = target;
    const lcs = target.lifeCycleStatus.toUpperCase();
    const sw = lcs === 'DEACTIVATED' ? SW.SELECTED_FILE_DEACTIVATED : lcs === 'TERMINATED' ? SW.SELECTED_FILE_TERMINATED : SW.OK;
    return wantFcp ? this.respond(this.fcp(target), cmd.ne, sw) : this.status(sw);
  }

  private childByFid(fid: number, want: 'folder' | 'ef' | 'any'): FolderObject | ElementaryFile | undefined {
    for (const c of this.currentFolder.children) {
      if ((c.kind === 'folder' || c.kind === 'transparent' || c.kind === 'records') && c.fid === fid) {
        if (want === 'any' || (want === 'folder') === (c.kind === 'folder')) return c;
      }
    }
    return undefined;
  }

  private efBySfi(sfi: number): ElementaryFile | undefined {
    return this.currentFolder.children.find(
      (c): c is ElementaryFile => (c.kind === 'transparent' || c.kind === 'records') && c.sfi === sfi);
  }

  private readBinary(cmd: ParsedCommand): Uint8Array {
    let ef: ElementaryFile | undefined;
    let offset: number;
    if (cmd.p1 & 0x80) {
      if (cmd.p1 & 0x60) return this.status(SW.WRONG_P1P2);
      ef = this.efBySfi(cmd.p1 & 0x1f);
      if (!ef) return this.status(SW.FILE_NOT_FOUND);
      this.currentEf = ef;
      offset = cmd.p2;
    } else {
      ef = this.currentEf ?? undefined;
      if (!ef) return this.status(SW.NO_CURRENT_EF);
      offset = (cmd.p1 << 8) | cmd.p2;
    }
    if (ef.kind !== 'transparent') return this.status(SW.INCOMPATIBLE_FILE_STRUCTURE);
    if (cmd.data.length > 0 || cmd.ne === undefined) return this.status(SW.WRONG_LENGTH);
    if (!this.allowed(ef, [cmd.cla, cmd.ins, cmd.p1, cmd.p2])) return this.status(SW.SECURITY_STATUS_NOT_SATISFIED);
    const size = ef.content.length;
    if (offset > size) return this.status(SW.OFFSET_TOO_BIG);
    const cap = Math.min(cmd.ne, this.maxResponseLength - 2);
    const end = Math.min(size, offset + cap);
    const data = ef.content.subarray(offset, end);
    // Fewer bytes than asked because the file ends: 6282; because the card's buffer is smaller: 9000.
    const sw = end === size && data.length < cmd.ne ? SW.END_OF_FILE : SW.OK;
    return this.status(sw, data);
  }

  private readRecord(cmd: ParsedCommand): Uint8Array {
    if ((cmd.p2 & 0x07) !== 0x04 || cmd.p1 === 0) return this.status(SW.WRONG_P1P2);
    const sfi = cmd.p2 >> 3;
    let ef: ElementaryFile | undefined;
    if (sfi === 0) {
      ef = this.currentEf ?? undefined;
      if (!ef) return this.status(SW.NO_CURRENT_EF);
    } else {
      ef = this.efBySfi(sfi);
      if (!ef) return this.status(SW.FILE_NOT_FOUND);
      this.currentEf = ef;
    }
    if (ef.kind !== 'records') return this.status(SW.INCOMPATIBLE_FILE_STRUCTURE);
    if (cmd.data.length > 0 || cmd.ne === undefined) return this.status(SW.WRONG_LENGTH);
    if (!this.allowed(ef, [cmd.cla, cmd.ins, cmd.p1, cmd.p2])) return this.status(SW.SECURITY_STATUS_NOT_SATISFIED);
    const record = this.recordAt(ef, cmd.p1);
    if (!record) return this.status(SW.RECORD_NOT_FOUND);
    if (record.length > cmd.ne) return this.status((SW1.WRONG_LE << 8) | (record.length & 0xff));
    return this.status(SW.OK, record);
  }

  private recordAt(ef: RecordEf, number: number): Uint8Array | undefined {
    return ef.records[number - 1];
  }

  private getResponse(cmd: ParsedCommand, pending: Uint8Array | null): Uint8Array {
    if (cmd.p1 !== 0 || cmd.p2 !== 0) return this.status(SW.WRONG_P1P2);
    if (!pending) return this.status(SW.CONDITIONS_OF_USE_NOT_SATISFIED);
    return this.respond(pending, cmd.ne ?? 256, SW.OK);
  }

  private getPinStatus(cmd: ParsedCommand): Uint8Array {
    if (cmd.data.length > 0 || cmd.ne !== undefined) return this.status(SW.WRONG_LENGTH);
    if (cmd.p1 !== 0x00) return this.status(SW.WRONG_P1P2);
    const specific = (cmd.p2 & 0x80) !== 0;
    const pwdId = cmd.p2 & 0x1f;
    if ((cmd.p2 & 0x60) !== 0) return this.status(SW.WRONG_P1P2);
    const pwd = specific ? this.findPassword(this.currentFolder, pwdId, true) : this.findPassword(this.image.root, pwdId, false);
    if (!pwd) return this.status(SW.REFERENCED_DATA_NOT_FOUND);
    if (!this.allowed(pwd, [cmd.cla, cmd.ins, cmd.p1, cmd.p2])) return this.status(SW.SECURITY_STATUS_NOT_SATISFIED);
    return this.status(this.pinStatusWord(pwd));
  }

  /** gemSpec_COS GET PIN STATUS order: empty PIN, transport PIN, disabled, verified, retry counter. */
  pinStatusWord(pwd: PasswordObject): number {
    const secretHolder = pwd.passwordReference !== null
      ? (this.findPassword(pwd.parent, pwd.passwordReference, true) ?? pwd)
      : pwd;
    if (secretHolder.transportStatus === 'leerPIN') return SW.EMPTY_PIN;
    if (secretHolder.transportStatus === 'transportPIN') return SW.TRANSPORT_PIN;
    if (!pwd.flagEnabled) return SW.PASSWORD_DISABLED;
    const retries = secretHolder.retryCounter ?? 0;
    return swRetriesLeft(retries);
  }
}
