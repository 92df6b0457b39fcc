// Short- and extended-APDU level exchange (USB CCID 1.1 §6.1.4): the reader runs the card protocol;
// we send whole APDUs in XfrBlock. Extended APDUs longer than one CCID message travel in chained
// XfrBlocks (wLevelParameter 1 begin, 3 continue, 2 end); a chained response is fetched with empty
// XfrBlocks carrying wLevelParameter 0x10 while bChainParameter says more follows.
import { TransportError } from '../errors.ts';
import { headerLength, xfrBlock, type CcidReply } from './messages.ts';

export const Chain = {
  beginAndEnd: 0x00,
  beginMore: 0x01,
  continueEnd: 0x02,
  continueMore: 0x03,
  emptyNext: 0x10,
} as const;

export type Send = (build: (seq: number) => Uint8Array) => Promise<CcidReply>;

export async function transceiveApduLevel(
  send: Send, slot: number, apdu: Uint8Array, maxMessageLength: number, extended: boolean,
): Promise<Uint8Array> {
  const room = maxMessageLength - headerLength;
  if (!extended && apdu.length > Math.min(room, 261)) {
    throw new TransportError('apdu.tooLong', `command of ${apdu.length} bytes exceeds this short-APDU reader`);
  }
  let reply: CcidReply;
  if (apdu.length <= room) {
    reply = await send((seq) => xfrBlock(slot, seq, apdu, 0, Chain.beginAndEnd));
  } else {
    let at = 0;
    for (;;) {
      const first = at === 0;
      const end = Math.min(apdu.length, at + room);
      const last = end === apdu.length;
      const level = first ? Chain.beginMore : last ? Chain.continueEnd : Chain.continueMore;
      const chunk = apdu.subarray(at, end);
      reply = await send((seq) => xfrBlock(slot, seq, chunk, 0, level));
      at = end;
      if (last) break;
      if (reply.specific !== Chain.emptyNext || reply.data.length !== 0) {
        throw new TransportError('reader.protocol',
          `reader did not ask for the next command part (bChainParameter 0x${reply.specific.toString(16)})`);
      }
    }
  }
  const parts: Uint8Array[] = [reply.data];
  let rounds = 0;
  while (reply.specific === Chain.beginMore || reply.specific === Chain.continueMore) {
    if (++rounds > 1024) throw new TransportError('reader.protocol', 'endless response chain');
    reply = await send((seq) => xfrBlock(slot, seq, new Uint8Array(0), 0, Chain.emptyNext));
    if (reply.specific !== Chain.continueMore && reply.specific !== Chain.continueEnd) {
      throw new TransportError('reader.protocol', `unexpected bChainParameter 0x${reply.specific.toString(16)} in a response chain`);
    }
    parts.push(reply.data);
  }
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) { out.set(p, pos); pos += p.length; }
  return out;
}
