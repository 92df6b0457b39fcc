import { describe, it, expect } from 'vitest';
import { GuardedApduChannel } from '../../../src/apdu/channel.ts';
import type { CardConnection, ReaderLimits } from '../../../src/transport/types.ts';
import { fromHex, hex } from '../../../src/transport/bytes.ts';

function scriptedConnection(limits: ReaderLimits, replies: string[]): CardConnection & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    atr: new Uint8Array(0),
    protocol: 'T=1',
    limits,
    async transmit(apdu) {
      sent.push(hex(apdu));
      const reply = replies.shift();
      if (!reply) throw new Error('no scripted reply');
      return fromHex(reply);
    },
    async disconnect() {},
  };
}

const extendedReader: ReaderLimits = { extendedLength: true, maxCommandLength: 65544, maxResponseLength: 65538 };
const shortReader: ReaderLimits = { extendedLength: false, maxCommandLength: 261, maxResponseLength: 258 };
const g2Card = { extendedLength: true, maxCommandLength: 1033, maxResponseLength: 32770 };

describe('guarded channel limits', () => {
  it('stays short until the card says it takes extended length', () => {
    const channel = new GuardedApduChannel(scriptedConnection(extendedReader, []));
    expect(channel.limits).toEqual({ extendedLength: false, maxCommandLength: 261, maxResponseLength: 256 });
    channel.updateCardLimits(g2Card);
    expect(channel.limits).toEqual({ extendedLength: true, maxCommandLength: 1033, maxResponseLength: 32768 });
  });

  it('a short-APDU reader keeps it short whatever the card says', () => {
    const channel = new GuardedApduChannel(scriptedConnection(shortReader, []), { cardLimits: g2Card });
    expect(channel.limits.extendedLength).toBe(false);
    expect(channel.limits.maxResponseLength).toBe(256);
  });

  it('refuses an extended command on a short path and an oversize Ne', async () => {
    const channel = new GuardedApduChannel(scriptedConnection(shortReader, []));
    await expect(channel.transmit({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 1000 })).rejects.toMatchObject({ code: 'apdu.extendedNotAvailable' });
    const ext = new GuardedApduChannel(scriptedConnection(extendedReader, []), { cardLimits: g2Card });
    await expect(ext.transmit({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 65536 })).rejects.toMatchObject({ code: 'apdu.tooLong' });
    expect(() => ext.updateCardLimits({ extendedLength: true, maxCommandLength: 2, maxResponseLength: 2 })).toThrow(/implausible/);
  });
});

describe('guarded channel transport status words', () => {
  it('61xx: fetches the rest with GET RESPONSE and concatenates', async () => {
    const c = scriptedConnection(shortReader, ['0102 6104', '03040506 6102', '0708 9000']);
    const channel = new GuardedApduChannel(c);
    const r = await channel.transmit({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 256 });
    expect(hex(r.data)).toBe('01 02 03 04 05 06 07 08');
    expect(r.sw).toBe(0x9000);
    expect(c.sent).toEqual(['00 B0 00 00 00', '00 C0 00 00 04', '00 C0 00 00 02']);
    expect(channel.apduCount).toBe(3);
  });

  it('6Cxx: repeats once with the right Le', async () => {
    const c = scriptedConnection(shortReader, ['6C10', `${'AB'.repeat(16)} 9000`]);
    const channel = new GuardedApduChannel(c);
    const r = await channel.transmit({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 256 });
    expect(r.data.length).toBe(16);
    expect(c.sent).toEqual(['00 B0 00 00 00', '00 B0 00 00 10']);
  });

  it('APDU budget stops runaway loops', async () => {
    const c = scriptedConnection(shortReader, ['9000', '9000', '9000']);
    const channel = new GuardedApduChannel(c, { apduBudget: 2 });
    await channel.transmit({ cla: 0, ins: 0xa4, p1: 3, p2: 0x0c });
    await channel.transmit({ cla: 0, ins: 0xa4, p1: 3, p2: 0x0c });
    await expect(channel.transmit({ cla: 0, ins: 0xa4, p1: 3, p2: 0x0c })).rejects.toMatchObject({ code: 'apdu.budgetExceeded' });
    expect(c.sent.length).toBe(2);
  });

  it('malformed response is a clear error', async () => {
    const channel = new GuardedApduChannel(scriptedConnection(shortReader, ['90']));
    await expect(channel.transmit({ cla: 0, ins: 0xa4, p1: 3, p2: 0x0c })).rejects.toMatchObject({ code: 'apdu.responseMalformed' });
  });
});
