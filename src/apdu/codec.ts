// Command/response APDU encoding per ISO/IEC 7816-3 §12.1 / 7816-4 §5.1: cases 1, 2, 3, 4 in short
// and extended form. Decoding is strict: anything that is not exactly one of the cases is malformed.
import { ApduError, type CommandApdu, type ResponseApdu } from './types.ts';

export type ApduCase = 1 | 2 | 3 | 4;

function checkHeaderByte(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) {
    throw new ApduError('apdu.malformed', `${name} must be a byte, got ${value}`);
  }
}

export function apduCase(command: CommandApdu): ApduCase {
  const hasData = (command.data?.length ?? 0) > 0;
  const hasLe = command.ne !== undefined;
  return hasData ? (hasLe ? 4 : 3) : hasLe ? 2 : 1;
}

/** True when the command cannot be sent in short form. */
export function needsExtendedLength(command: CommandApdu): boolean {
  return (command.data?.length ?? 0) > 255 || (command.ne ?? 0) > 256;
}

/**
 * Encodes a command APDU. Short form unless `extended` is forced or the lengths need it
 * (then `allowExtended` must be true).
 */
export function encodeCommand(command: CommandApdu, options: { extended?: boolean; allowExtended?: boolean } = {}): Uint8Array {
  checkHeaderByte('CLA', command.cla);
  checkHeaderByte('INS', command.ins);
  checkHeaderByte('P1', command.p1);
  checkHeaderByte('P2', command.p2);
  const data = command.data ?? new Uint8Array(0);
  const ne = command.ne;
  if (data.length > 65535) throw new ApduError('apdu.tooLong', `command data of ${data.length} bytes exceeds 65535`);
  if (ne !== undefined && (!Number.isInteger(ne) || ne < 1 || ne > 65536)) {
    throw new ApduError('apdu.malformed', `Ne must be 1…65536, got ${ne}`);
  }
  const extended = options.extended === true || needsExtendedLength(command);
  if (extended && options.extended !== true && options.allowExtended !== true) {
    throw new ApduError('apdu.extendedNotAvailable', 'command needs extended length, which this reader/card path does not carry');
  }
  const header = [command.cla, command.ins, command.p1, command.p2];
  const out: number[] = [...header];
  if (!extended) {
    if (data.length > 0) out.push(data.length, ...data);
    if (ne !== undefined) out.push(ne === 256 ? 0 : ne);
  } else {
    if (data.length > 0) {
      out.push(0, data.length >> 8, data.length & 0xff, ...data);
      if (ne !== undefined) out.push((ne >> 8) & 0xff, ne & 0xff);
    } else if (ne !== undefined) {
      out.push(0, (ne >> 8) & 0xff, ne & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/** Decodes a command APDU, also telling whether it used extended length. */
export function decodeCommand(bytes: Uint8Array): { command: CommandApdu; extended: boolean } {
  if (bytes.length < 4) throw new ApduError('apdu.malformed', `command APDU shorter than 4 bytes (${bytes.length})`);
  const [cla, ins, p1, p2] = bytes as unknown as [number, number, number, number];
  const body = bytes.subarray(4);
  const head = { cla, ins, p1, p2 };
  const fail = (why: string): never => { throw new ApduError('apdu.malformed', `command APDU body: ${why}`); };
  if (body.length === 0) return { command: head, extended: false };
  if (body.length === 1) return { command: { ...head, ne: body[0] === 0 ? 256 : body[0]! }, extended: false };
  const b0 = body[0]!;
  if (b0 !== 0) {
    // short case 3 or 4
    const lc = b0;
    if (body.length === 1 + lc) return { command: { ...head, data: body.slice(1) }, extended: false };
    if (body.length === 2 + lc) {
      const le = body[1 + lc]!;
      return { command: { ...head, data: body.slice(1, 1 + lc), ne: le === 0 ? 256 : le }, extended: false };
    }
    return fail(`Lc ${lc} does not match ${body.length - 1} following bytes`);
  }
  // extended: 00 followed by two length bytes
  if (body.length === 3) {
    const le = (body[1]! << 8) | body[2]!;
    return { command: { ...head, ne: le === 0 ? 65536 : le }, extended: true };
  }
  if (body.length < 3) return fail('truncated extended length');
  const lc = (body[1]! << 8) | body[2]!;
  if (lc === 0) return fail('extended Lc of 0');
  if (body.length === 3 + lc) return { command: { ...head, data: body.slice(3) }, extended: true };
  if (body.length === 5 + lc) {
    const le = (body[3 + lc]! << 8) | body[4 + lc]!;
    return { command: { ...head, data: body.slice(3, 3 + lc), ne: le === 0 ? 65536 : le }, extended: true };
  }
  return fail(`extended Lc ${lc} does not match ${body.length - 3} following bytes`);
}

export function decodeResponse(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2) throw new ApduError('apdu.responseMalformed', `response APDU shorter than 2 bytes (${bytes.length})`);
  const n = bytes.length;
  return { data: bytes.slice(0, n - 2), sw: (bytes[n - 2]! << 8) | bytes[n - 1]! };
}

export function encodeResponse(response: ResponseApdu): Uint8Array {
  const out = new Uint8Array(response.data.length + 2);
  out.set(response.data);
  out[out.length - 2] = response.sw >> 8;
  out[out.length - 1] = response.sw & 0xff;
  return out;
}

export { hex, fromHex } from '../transport/bytes.ts';
