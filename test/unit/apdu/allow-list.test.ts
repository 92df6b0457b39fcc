// Read-only by construction: only SELECT, READ BINARY, READ RECORD, GET RESPONSE and GET PIN STATUS
// (80 20 without data) ever reach a transport.
import { describe, it, expect } from 'vitest';
import { checkAllowed, checkAllowedBytes } from '../../../src/apdu/allow-list.ts';
import { GuardedApduChannel } from '../../../src/apdu/channel.ts';
import type { CardConnection } from '../../../src/transport/types.ts';
import type { CommandApdu } from '../../../src/apdu/types.ts';
import { fromHex } from '../../../src/transport/bytes.ts';

function spyConnection(): CardConnection & { sent: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  return {
    sent,
    atr: new Uint8Array(0),
    protocol: 'T=1',
    limits: { extendedLength: true, maxCommandLength: 65544, maxResponseLength: 65538 },
    async transmit(apdu) { sent.push(apdu); return Uint8Array.of(0x90, 0x00); },
    async disconnect() {},
  };
}

const allowed: [string, CommandApdu][] = [
  ['SELECT MF with FCP', { cla: 0, ins: 0xa4, p1: 4, p2: 4, ne: 256 }],
  ['SELECT DF.ESIGN by AID', { cla: 0, ins: 0xa4, p1: 4, p2: 0x0c, data: fromHex('A000000167455349474E') }],
  ['SELECT EF by FID', { cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('2F01') }],
  ['SELECT parent', { cla: 0, ins: 0xa4, p1: 3, p2: 0x0c }],
  ['READ BINARY with SFI', { cla: 0, ins: 0xb0, p1: 0x9d, p2: 0, ne: 256 }],
  ['READ BINARY extended', { cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 65536 }],
  ['READ RECORD', { cla: 0, ins: 0xb2, p1: 1, p2: 0xf4, ne: 256 }],
  ['GET RESPONSE', { cla: 0, ins: 0xc0, p1: 0, p2: 0, ne: 0x20 }],
  ['GET PIN STATUS PIN.CH', { cla: 0x80, ins: 0x20, p1: 0, p2: 0x01 }],
  ['GET PIN STATUS DF-specific', { cla: 0x80, ins: 0x20, p1: 0, p2: 0x81 }],
];

const refused: [string, CommandApdu, RegExp][] = [
  ['VERIFY (costs a retry)', { cla: 0, ins: 0x20, p1: 0, p2: 1, data: fromHex('2612345FFFFFFFFF') }, /class byte|allow-list/],
  ['80 20 with data (VERIFY-like)', { cla: 0x80, ins: 0x20, p1: 0, p2: 1, data: fromHex('01') }, /VERIFY/],
  ['GET PIN STATUS with P1 ≠ 00', { cla: 0x80, ins: 0x20, p1: 1, p2: 1 }, /P1 = 00/],
  ['GET PIN STATUS with Le', { cla: 0x80, ins: 0x20, p1: 0, p2: 1, ne: 1 }, /no Le/],
  ['UPDATE BINARY', { cla: 0, ins: 0xd6, p1: 0, p2: 0, data: fromHex('00') }, /D6/],
  ['WRITE BINARY', { cla: 0, ins: 0xd0, p1: 0, p2: 0, data: fromHex('00') }, /D0/],
  ['UPDATE RECORD', { cla: 0, ins: 0xdc, p1: 1, p2: 4, data: fromHex('00') }, /DC/],
  ['APPEND RECORD', { cla: 0, ins: 0xe2, p1: 0, p2: 0, data: fromHex('00') }, /E2/],
  ['ERASE BINARY', { cla: 0, ins: 0x0e, p1: 0, p2: 0 }, /0E/],
  ['CHANGE REFERENCE DATA', { cla: 0, ins: 0x24, p1: 0, p2: 1, data: fromHex('00') }, /24/],
  ['RESET RETRY COUNTER', { cla: 0, ins: 0x2c, p1: 0, p2: 1 }, /2C/],
  ['DISABLE VERIFICATION REQUIREMENT', { cla: 0, ins: 0x26, p1: 0, p2: 1 }, /26/],
  ['ENABLE VERIFICATION REQUIREMENT', { cla: 0, ins: 0x28, p1: 0, p2: 1 }, /28/],
  ['PSO (sign)', { cla: 0, ins: 0x2a, p1: 0x9e, p2: 0x9a, data: fromHex('00') }, /2A/],
  ['INTERNAL AUTHENTICATE', { cla: 0, ins: 0x88, p1: 0, p2: 0, data: fromHex('00') }, /88/],
  ['GENERATE ASYMMETRIC KEY PAIR', { cla: 0, ins: 0x46, p1: 0, p2: 0 }, /46/],
  ['ACTIVATE', { cla: 0, ins: 0x44, p1: 0, p2: 0 }, /44/],
  ['DEACTIVATE', { cla: 0, ins: 0x04, p1: 0, p2: 0 }, /04/],
  ['TERMINATE DF', { cla: 0, ins: 0xe6, p1: 0, p2: 0 }, /E6/],
  ['DELETE', { cla: 0, ins: 0xe4, p1: 0, p2: 0 }, /E4/],
  ['MANAGE SECURITY ENVIRONMENT', { cla: 0, ins: 0x22, p1: 0x41, p2: 0xa4, data: fromHex('00') }, /22/],
  ['GET CHALLENGE', { cla: 0, ins: 0x84, p1: 0, p2: 0, ne: 8 }, /84/],
  ['MANAGE CHANNEL', { cla: 0, ins: 0x70, p1: 0, p2: 0, ne: 1 }, /70/],
  ['READ BINARY with secure messaging', { cla: 0x0c, ins: 0xb0, p1: 0, p2: 0, ne: 256 }, /class byte 0C/],
  ['SELECT with command chaining', { cla: 0x10, ins: 0xa4, p1: 4, p2: 0x0c, data: fromHex('D276') }, /class byte 10/],
  ['READ BINARY on logical channel 1', { cla: 0x01, ins: 0xb0, p1: 0, p2: 0, ne: 1 }, /class byte 01/],
  ['READ BINARY with data', { cla: 0, ins: 0xb0, p1: 0, p2: 0, data: fromHex('00') }, /no command data/],
  ['READ RECORD with data', { cla: 0, ins: 0xb2, p1: 1, p2: 4, data: fromHex('00') }, /no command data/],
  ['GET RESPONSE with P1', { cla: 0, ins: 0xc0, p1: 1, p2: 0, ne: 1 }, /GET RESPONSE/],
  ['SELECT with unknown P1', { cla: 0, ins: 0xa4, p1: 0x20, p2: 0 }, /P1 20/],
  ['proprietary 80 CA', { cla: 0x80, ins: 0xca, p1: 1, p2: 0 }, /class byte 80/],
];

describe('read-only allow-list', () => {
  it.each(allowed)('allows %s', (_n, command) => {
    expect(checkAllowed(command)).toMatchObject({ allowed: true });
  });

  it.each(refused)('refuses %s', (_n, command, reason) => {
    const verdict = checkAllowed(command);
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) expect(verdict.reason).toMatch(reason);
  });

  it('over every CLA/INS pair, only the five commands pass', () => {
    const passing = new Set<string>();
    for (let cla = 0; cla < 256; cla++) {
      for (let ins = 0; ins < 256; ins++) {
        if (checkAllowed({ cla, ins, p1: 0, p2: 0 }).allowed) passing.add(`${cla.toString(16)}/${ins.toString(16)}`);
      }
    }
    expect([...passing].sort()).toEqual(['0/a4', '0/b0', '0/b2', '0/c0', '80/20'].sort());
  });

  it('raw-bytes check refuses malformed APDUs', () => {
    expect(checkAllowedBytes(fromHex('00 B0 00'))).toMatchObject({ allowed: false });
    expect(checkAllowedBytes(fromHex('00 B0 00 00 00'))).toMatchObject({ allowed: true });
    expect(checkAllowedBytes(fromHex('00 20 00 01 08 26 12 34 5F FF FF FF FF'))).toMatchObject({ allowed: false });
  });

  it('the guarded channel refuses before anything reaches the transport', async () => {
    const connection = spyConnection();
    const channel = new GuardedApduChannel(connection);
    for (const [, command] of refused) {
      await expect(channel.transmit(command)).rejects.toMatchObject({ code: 'apdu.refused' });
    }
    expect(connection.sent).toEqual([]);
    expect(channel.apduCount).toBe(0);
    await channel.transmit({ cla: 0x80, ins: 0x20, p1: 0, p2: 1 });
    expect(connection.sent.map((b) => Array.from(b))).toEqual([[0x80, 0x20, 0x00, 0x01]]);
    expect(channel.apduCount).toBe(1);
  });
});
