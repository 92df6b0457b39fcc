// T=0 at TPDU level (ISO/IEC 7816-3 §12.2): the reader handles procedure bytes; we map APDU cases to
// TPDUs, fetch response data with GET RESPONSE after 61xx and repeat a case-2 command with the
// corrected length after 6Cxx. Extended length does not exist on T=0 (it would need ENVELOPE).
import { TransportError } from '../errors.ts';

/** Sends one TPDU (header + P3 [+ data]) and returns data + SW1 SW2. */
export type TpduExchange = (tpdu: Uint8Array) => Promise<Uint8Array>;

const maxGetResponse = 64;

export async function transceiveT0(apdu: Uint8Array, send: TpduExchange, getResponseCla?: number): Promise<Uint8Array> {
  if (apdu.length < 4) throw new TransportError('reader.protocol', 'APDU shorter than its header');
  const header = apdu.subarray(0, 4);
  const body = apdu.subarray(4);
  let tpdu: Uint8Array;
  let ne: number | undefined;
  if (body.length === 0) {
    tpdu = Uint8Array.of(...header, 0x00); // case 1: P3 = 00
  } else if (body.length === 1) {
    ne = body[0] === 0 ? 256 : body[0];
    tpdu = apdu.slice(); // case 2S
  } else if (body[0] !== 0 && body.length === 1 + body[0]!) {
    tpdu = apdu.slice(); // case 3S
  } else if (body[0] !== 0 && body.length === 2 + body[0]!) {
    const le = body[body.length - 1]!;
    ne = le === 0 ? 256 : le;
    tpdu = apdu.subarray(0, apdu.length - 1).slice(); // case 4S: Le is not sent
  } else {
    throw new TransportError('apdu.tooLong', 'extended-length APDUs cannot be sent with T=0');
  }
  let response = await send(tpdu);
  let sw1 = response[response.length - 2];
  if (sw1 === 0x6c && ne !== undefined) {
    const corrected = tpdu.slice();
    corrected[4] = response[response.length - 1]!;
    response = await send(corrected);
    sw1 = response[response.length - 2];
  }
  const parts: Uint8Array[] = [];
  let rounds = 0;
  while (sw1 === 0x61) {
    if (++rounds > maxGetResponse) throw new TransportError('reader.protocol', 'card keeps answering 61xx');
    parts.push(response.subarray(0, response.length - 2));
    const available = response[response.length - 1]!;
    const want = ne === undefined ? available : Math.min(available || 256, ne);
    response = await send(Uint8Array.of(getResponseCla ?? header[0]!, 0xc0, 0x00, 0x00, want & 0xff));
    sw1 = response[response.length - 2];
  }
  if (response.length < 2) throw new TransportError('reader.protocol', 'T=0 response without status word');
  if (parts.length === 0) return response;
  parts.push(response);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}
