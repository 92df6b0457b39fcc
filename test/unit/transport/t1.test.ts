// T=1 block protocol, byte-exact, following the scenarios of ISO/IEC 7816-3 Annex A (exchange of
// I-blocks, chaining in both directions, WTX, IFS, error recovery by R-blocks, RESYNCH).
import { describe, it, expect } from 'vitest';
import { T1Protocol, crc16, encodeBlock, decodeBlock, lrc, InvalidBlock } from '../../../src/transport/webusb-ccid/t1.ts';
import { TransportError } from '../../../src/transport/errors.ts';
import { fromHex, hex } from '../../../src/transport/bytes.ts';

type Step = { host: string; card: string | 'mute' | 'parity'; bwi?: number };

/** A scripted card: checks every block the host sends, byte for byte, and answers as scripted. */
function scripted(steps: Step[]) {
  const queue = [...steps];
  const sent: string[] = [];
  const exchange = async (block: Uint8Array, bwi: number): Promise<Uint8Array> => {
    const step = queue.shift();
    sent.push(hex(block));
    if (!step) throw new Error(`unexpected block ${hex(block)}`);
    expect(hex(block)).toBe(hex(fromHex(step.host)));
    expect(bwi).toBe(step.bwi ?? 0);
    if (step.card === 'mute') throw new TransportError('card.mute', 'ICC_MUTE');
    if (step.card === 'parity') throw new TransportError('t1.protocol', 'XFR_PARITY_ERROR');
    return fromHex(step.card);
  };
  return { exchange, left: () => queue.length, sent };
}

/** I-block with LRC, NAD 0. */
function I(ns: number, more: boolean, inf: string): string {
  return hex(encodeBlock(0, (ns << 6) | (more ? 0x20 : 0), fromHex(inf), false));
}
const R = (nr: number, err = 0) => hex(encodeBlock(0, 0x80 | (nr << 4) | err, new Uint8Array(0), false));
const S = (type: number, response: boolean, inf = '') => hex(encodeBlock(0, 0xc0 | (response ? 0x20 : 0) | type, fromHex(inf), false));
const WTX = 3, IFS = 1, RESYNCH = 0;

const apdu = '00B0000000';
const resp = '0102039000';

describe('T=1 block encoding', () => {
  it('encodes I, R and S blocks with LRC byte-exact', () => {
    expect(I(0, false, '00A4040C')).toBe('00 00 04 00 A4 04 0C A8');
    expect(I(1, true, '01')).toBe('00 60 01 01 60');
    expect(R(1)).toBe('00 90 00 90');
    expect(R(0, 1)).toBe('00 81 00 81');
    expect(S(IFS, false, 'FE')).toBe('00 C1 01 FE 3E');
    expect(S(WTX, true, '02')).toBe('00 E3 01 02 E0');
    expect(S(RESYNCH, false)).toBe('00 C0 00 C0');
  });

  it('LRC is the XOR of prologue and INF', () => {
    expect(lrc(Uint8Array.of(0x00, 0x40, 0x02, 0x90, 0x00))).toBe(0xd2);
  });

  it('CRC is CRC-16 with reflected 0x1021, preset FFFF, no final XOR (check value of "123456789" = 6F91)', () => {
    expect(crc16(new TextEncoder().encode('123456789'))).toBe(0x6f91);
    const block = encodeBlock(0, 0x00, fromHex('9000'), true);
    expect(block.length).toBe(3 + 2 + 2);
    expect(decodeBlock(block, true).block).toEqual({ kind: 'I', ns: 0, more: false, inf: fromHex('9000') });
    const broken = block.slice();
    broken[5]! ^= 1;
    expect(() => decodeBlock(broken, true)).toThrow(InvalidBlock);
  });

  it('rejects malformed blocks: bad LRC, LEN mismatch, reserved LEN FF, R-block with INF', () => {
    expect(() => decodeBlock(fromHex('00 00 01 90 00'), false)).toThrow(/LRC/);
    expect(() => decodeBlock(fromHex('00 00 02 90 92'), false)).toThrow(/LEN 2/);
    expect(() => decodeBlock(fromHex('00 00 FF FF'), false)).toThrow(/too short|LEN FF/);
    expect(() => decodeBlock(fromHex('00 80 01 00 81'), false)).toThrow(/R-block/);
  });
});

describe('T=1 exchanges (ISO/IEC 7816-3 Annex A scenarios)', () => {
  it('exchange of I-blocks: N(S) alternates on both sides', async () => {
    const s = scripted([
      { host: I(0, false, apdu), card: I(0, false, resp) },
      { host: I(1, false, apdu), card: I(1, false, '9000') },
      { host: I(0, false, apdu), card: I(0, false, '6A82') },
    ]);
    const t1 = new T1Protocol(s.exchange, { ifsc: 254, useCrc: false });
    expect(hex(await t1.transceive(fromHex(apdu)))).toBe(hex(fromHex(resp)));
    expect(hex(await t1.transceive(fromHex(apdu)))).toBe('90 00');
    expect(hex(await t1.transceive(fromHex(apdu)))).toBe('6A 82');
    expect(s.left()).toBe(0);
  });

  it('chaining from the interface at IFSC: I(0,1) R(1) I(1,1) R(0) I(0,0)', async () => {
    const command = '00A4040C06D27600014606';
    const s = scripted([
      { host: I(0, true, '00A4040C'), card: R(1) },
      { host: I(1, true, '06D27600'), card: R(0) },
      { host: I(0, false, '014606'), card: I(0, false, '9000') },
    ]);
    const t1 = new T1Protocol(s.exchange, { ifsc: 4, useCrc: false });
    expect(hex(await t1.transceive(fromHex(command)))).toBe('90 00');
    expect(s.left()).toBe(0);
  });

  it('chaining from the card: I(0,1) answered by R(1), I(1,1) by R(0)', async () => {
    const s = scripted([
      { host: I(0, false, apdu), card: I(0, true, 'AABB') },
      { host: R(1), card: I(1, true, 'CCDD') },
      { host: R(0), card: I(0, false, 'EE9000') },
    ]);
    const t1 = new T1Protocol(s.exchange, { ifsc: 254, useCrc: false });
    expect(hex(await t1.transceive(fromHex(apdu)))).toBe('AA BB CC DD EE 90 00');
    expect(s.left()).toBe(0);
  });

  it('waiting time extension: S(WTX request) answered with S(WTX response), BWI multiplier passed to the reader', async () => {
    const s = scripted([
      { host: I(0, false, apdu), card: S(WTX, false, '02') },
      { host: S(WTX, true, '02'), card: I(0, false, resp), bwi: 2 },
    ]);
    const t1 = new T1Protocol(s.exchange, { ifsc: 254, useCrc: false });
    expect(hex(await t1.transceive(fromHex(apdu)))).toBe(hex(fromHex(resp)));
    expect(s.left()).toBe(0);
  });

  it('IFS request from the card changes IFSC for the next chain', async () => {
    const s = scripted([
      { host: I(0, false, '00B0'), card: S(IFS, false, '02') },
      { host: S(IFS, true, '02'), card: I(0, false, '9000') },
      { host: I(1, true, '00B0'), card: R(0) },
      { host: I(0, false, '0000'), card: I(1, false, '9000') },
    ]);
    const t1 = new T1Protocol(s.exchange, { ifsc: 254, useCrc: false });
    await t1.transceive(fromHex('00B0'));
    expect(t1.ifsc).toBe(2);
    await t1.transceive(fromHex('00B00000'));
    expect(s.left()).toBe(0);
  });

  it('IFSD announced by S(IFS request) when the reader does not do it', async () => {
    const s = scripted([{ host: S(IFS, false, 'FE'), card: S(IFS, true, 'FE') }]);
    const t1 = new T1Protocol(s.exchange, { ifsc: 254, useCrc: false });
    await t1.negotiateIfsd(254);
    expect(t1.ifsd).toBe(254);
    expect(s.left()).toBe(0);
  });

  it('error in the card block (bad EDC): R(N(R)) with EDC error, the card repeats', async () => {
    const corrupted = I(0, false, resp).replace(/..$/, '00');
    const s = scripted([
      { host: I(0, false, apdu), card: corrupted },
      { host: R(0, 1), card: I(0, false, resp) },
    ]);
    const t1 = new T1Protocol(s.exchange, { ifsc: 254, useCrc: false });
    expect(hex(await t1.transceive(fromHex(apdu)))).toBe(hex(fromHex(resp)));
    expect(s.left()).toBe(0);
  });

  it('parity error reported by the reader: R-block with error bit 1', async () => {
    const s = scripted([
      { host: I(0, false, apdu), card: 'parity' },
      { host: R(0, 1), card: I(0, false, resp) },
    ]);
    const t1 = new T1Protocol(s.exchange, { ifsc: 254, useCrc: false });
    expect(hex(await t1.transceive(fromHex(apdu)))).toBe(hex(fromHex(resp)));
  });

  it('card did not receive our I-block (answers R(0)): the I-block is sent again', async () => {
    const s = scripted([
      { host: I(0, false, apdu), card: R(0, 1) },
      { host: I(0, false, apdu), card: I(0, false, resp) },
    ]);
    const t1 = new T1Protocol(s.exchange, { ifsc: 254, useCrc: false });
    expect(hex(await t1.transceive(fromHex(apdu)))).toBe(hex(fromHex(resp)));
    expect(s.left()).toBe(0);
  });

  it('acknowledgement lost during chaining: our R-block makes the card repeat its R(1)', async () => {
    const s = scripted([
      { host: I(0, true, '00A4'), card: '00 90 00 00' },
      { host: R(0, 1), card: R(1) },
      { host: I(1, false, '0400'), card: I(0, false, '9000') },
    ]);
    const t1 = new T1Protocol(s.exchange, { ifsc: 2, useCrc: false });
    expect(hex(await t1.transceive(fromHex('00A40400')))).toBe('90 00');
    expect(s.left()).toBe(0);
  });

  it('block lost while receiving a chain (BWT timeout): R(N(R)) repeats the request for the next block', async () => {
    const s = scripted([
      { host: I(0, false, apdu), card: I(0, true, '01') },
      { host: R(1), card: 'mute' },
      { host: R(1, 2), card: I(1, false, '9000') },
    ]);
    const t1 = new T1Protocol(s.exchange, { ifsc: 254, useCrc: false });
    expect(hex(await t1.transceive(fromHex(apdu)))).toBe('01 90 00');
  });

  it('three failed retransmissions lead to S(RESYNCH); after it the exchange restarts with N(S) = 0', async () => {
    const bad = '00 00 00 01';
    const s = scripted([
      { host: I(0, false, apdu), card: I(0, false, '9000') }, // first APDU moves N(S) to 1
      { host: I(1, false, apdu), card: bad },
      { host: R(1, 1), card: bad },
      { host: R(1, 1), card: bad },
      { host: R(1, 1), card: bad },
      { host: S(RESYNCH, false), card: S(RESYNCH, true) },
      { host: I(0, false, apdu), card: I(0, false, resp) },
    ]);
    const t1 = new T1Protocol(s.exchange, { ifsc: 254, useCrc: false });
    await t1.transceive(fromHex(apdu));
    expect(hex(await t1.transceive(fromHex(apdu)))).toBe(hex(fromHex(resp)));
    expect(s.left()).toBe(0);
  });

  it('a mute card: retransmissions, three RESYNCH attempts, then card.mute', async () => {
    const s = scripted([
      { host: I(0, false, apdu), card: 'mute' },
      { host: R(0, 2), card: 'mute' },
      { host: R(0, 2), card: 'mute' },
      { host: R(0, 2), card: 'mute' },
      { host: S(RESYNCH, false), card: 'mute' },
      { host: S(RESYNCH, false), card: 'mute' },
      { host: S(RESYNCH, false), card: 'mute' },
    ]);
    const t1 = new T1Protocol(s.exchange, { ifsc: 254, useCrc: false });
    await expect(t1.transceive(fromHex(apdu))).rejects.toMatchObject({ code: 'card.mute' });
    expect(s.left()).toBe(0);
  });

  it('WTX storm: more S(WTX) requests than allowed ends with t1.wtxStorm', async () => {
    const s = scripted([
      { host: I(0, false, apdu), card: S(WTX, false, '01') },
      { host: S(WTX, true, '01'), card: S(WTX, false, '01'), bwi: 1 },
      { host: S(WTX, true, '01'), card: S(WTX, false, '01'), bwi: 1 },
    ]);
    const t1 = new T1Protocol(s.exchange, { ifsc: 254, useCrc: false, maxWtx: 2 });
    await expect(t1.transceive(fromHex(apdu))).rejects.toMatchObject({ code: 't1.wtxStorm' });
  });

  it('S(ABORT) from the card is answered and reported', async () => {
    const s = scripted([
      { host: I(0, false, apdu), card: S(2, false) },
      { host: S(2, true), card: R(0) },
    ]);
    const t1 = new T1Protocol(s.exchange, { ifsc: 254, useCrc: false });
    await expect(t1.transceive(fromHex(apdu))).rejects.toMatchObject({ code: 't1.protocol' });
  });
});
