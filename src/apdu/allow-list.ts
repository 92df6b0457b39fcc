// THE read-only allow-list. The app never sends an APDU that can change a card or cost a PIN retry:
// every command passes `checkAllowed` right before it reaches a transport (GuardedApduChannel), and
// anything not listed here is refused with a reason. There is no other path to a transport.
//
// Allowed (ISO/IEC 7816-4, gemSpec_COS):
//   SELECT        00 A4  P1 00–04/08/09, any P2, data = FID/AID/path, Le optional
//   READ BINARY   00 B0  no data (Le only)
//   READ RECORD   00 B2  no data (Le only)
//   GET RESPONSE  00 C0  P1 P2 = 00 00, no data
//   GET PIN STATUS 80 20 P1 = 00, no data, no Le  (VERIFY is 00 20 *with* data: never)
// CLA must be exactly 00 (resp. 80): no secure messaging, no command chaining, basic channel.
import { CLA, INS, SELECT_P1 } from '../transport/iso7816.ts';
import { decodeCommand } from './codec.ts';
import type { CommandApdu } from './types.ts';

export type AllowedCommandName = 'SELECT' | 'READ BINARY' | 'READ RECORD' | 'GET RESPONSE' | 'GET PIN STATUS';

export type AllowListVerdict =
  | { allowed: true; name: AllowedCommandName }
  | { allowed: false; reason: string };

const selectP1 = new Set<number>(Object.values(SELECT_P1));

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0').toUpperCase();
}

export function checkAllowed(command: CommandApdu): AllowListVerdict {
  const { cla, ins, p1, p2 } = command;
  const dataLength = command.data?.length ?? 0;
  const head = `${hex2(cla)} ${hex2(ins)} ${hex2(p1)} ${hex2(p2)}`;
  const refuse = (why: string): AllowListVerdict => ({ allowed: false, reason: `${head}: ${why}` });

  if (cla === CLA.PROPRIETARY && ins === INS.VERIFY_OR_PIN_STATUS) {
    if (p1 !== 0x00) return refuse('GET PIN STATUS needs P1 = 00');
    if (dataLength > 0) return refuse('INS 20 with data would be VERIFY (costs a PIN retry) – never sent');
    if (command.ne !== undefined) return refuse('GET PIN STATUS carries no Le');
    return { allowed: true, name: 'GET PIN STATUS' };
  }
  if (cla !== CLA.ISO) return refuse(`class byte ${hex2(cla)} is not allowed (only 00, and 80 for GET PIN STATUS)`);
  switch (ins) {
    case INS.SELECT:
      if (!selectP1.has(p1)) return refuse(`SELECT with P1 ${hex2(p1)} is not a selection mode we use`);
      return { allowed: true, name: 'SELECT' };
    case INS.READ_BINARY:
      if (dataLength > 0) return refuse('READ BINARY carries no command data');
      return { allowed: true, name: 'READ BINARY' };
    case INS.READ_RECORD:
      if (dataLength > 0) return refuse('READ RECORD carries no command data');
      return { allowed: true, name: 'READ RECORD' };
    case INS.GET_RESPONSE:
      if (p1 !== 0 || p2 !== 0 || dataLength > 0) return refuse('GET RESPONSE must be 00 C0 00 00 Le');
      return { allowed: true, name: 'GET RESPONSE' };
    default:
      return refuse(`instruction ${hex2(ins)} is not on the read-only allow-list`);
  }
}

/** The same check on raw bytes (malformed bytes are refused too). */
export function checkAllowedBytes(bytes: Uint8Array): AllowListVerdict {
  try {
    return checkAllowed(decodeCommand(bytes).command);
  } catch (e) {
    return { allowed: false, reason: `malformed command APDU: ${(e as Error).message}` };
  }
}
