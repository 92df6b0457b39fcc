// Answer-to-Reset parsing per ISO/IEC 7816-3 §8: TS, T0, interface bytes TAi/TBi/TCi/TDi, historical
// bytes, TCK. Yields what the protocol layers need: offered protocols, Fi/Di, extra guard time, and
// for T=1 IFSC, BWI/CWI and the EDC (LRC or CRC).
import { TransportError } from '../errors.ts';
import { hex } from '../bytes.ts';

export interface InterfaceBytes {
  ta?: number;
  tb?: number;
  tc?: number;
  td?: number;
}

export interface ParsedAtr {
  bytes: Uint8Array;
  convention: 'direct' | 'inverse';
  /** interface byte groups i = 1, 2, 3 … (index 0 is group 1). */
  groups: InterfaceBytes[];
  /** Protocols offered, in ATR order without duplicates (T=0 when no TD1). */
  protocols: number[];
  historical: Uint8Array;
  tck?: number;
  /** TA1, or 0x11 (Fd/Dd) when absent. */
  findexDindex: number;
  /** TC1 extra guard time N (0 when absent). */
  extraGuardTime: number;
  /** TA2 present: specific mode with this protocol. */
  specificModeProtocol?: number;
  t0: { waitingInteger: number };
  t1: { ifsc: number; bwi: number; cwi: number; crc: boolean; waitingIntegers: number };
}

function fail(bytes: Uint8Array, why: string): never {
  throw new TransportError('atr.invalid', `bad ATR (${why}): ${hex(bytes)}`);
}

export function parseAtr(bytes: Uint8Array): ParsedAtr {
  if (bytes.length < 2) fail(bytes, 'shorter than TS and T0');
  if (bytes.length > 33) fail(bytes, 'longer than 33 bytes');
  const ts = bytes[0]!;
  if (ts !== 0x3b && ts !== 0x3f) fail(bytes, `TS 0x${ts.toString(16)} is neither 3B nor 3F`);
  const t0 = bytes[1]!;
  const historicalLength = t0 & 0x0f;
  const groups: InterfaceBytes[] = [];
  const protocols: number[] = [];
  let y = t0 >> 4;
  let at = 2;
  let group = 0;
  for (;;) {
    const g: InterfaceBytes = {};
    const take = (): number => {
      if (at >= bytes.length) fail(bytes, `interface bytes of group ${group + 1} truncated`);
      return bytes[at++]!;
    };
    if (y & 0x1) g.ta = take();
    if (y & 0x2) g.tb = take();
    if (y & 0x4) g.tc = take();
    if (y & 0x8) g.td = take();
    groups.push(g);
    group++;
    if (g.td === undefined) break;
    const t = g.td & 0x0f;
    if (!protocols.includes(t)) protocols.push(t);
    y = g.td >> 4;
    if (group > 8) fail(bytes, 'too many interface byte groups');
  }
  if (protocols.length === 0) protocols.push(0);
  const needsTck = protocols.some((t) => t !== 0);
  if (at + historicalLength > bytes.length) {
    fail(bytes, `T0 announces ${historicalLength} historical bytes, only ${bytes.length - at} follow`);
  }
  const historical = bytes.slice(at, at + historicalLength);
  at += historicalLength;
  let tck: number | undefined;
  if (needsTck) {
    if (at >= bytes.length) fail(bytes, 'TCK missing');
    tck = bytes[at++]!;
    let x = 0;
    for (let i = 1; i < at; i++) x ^= bytes[i]!;
    if (x !== 0) fail(bytes, 'TCK check failed');
  }
  if (at !== bytes.length) fail(bytes, `${bytes.length - at} unexpected trailing bytes`);

  // Protocol-specific bytes: the group after the TD that names the protocol (i ≥ 2 for T=0's TC2,
  // i ≥ 3 for T=1).
  const specificFor = (t: number, from: number): InterfaceBytes | undefined => {
    for (let i = from; i < groups.length; i++) {
      const previousTd = groups[i - 1]?.td;
      if (previousTd !== undefined && (previousTd & 0x0f) === t) return groups[i];
    }
    return undefined;
  };
  const t1Group = specificFor(1, 2);
  const tb3 = t1Group?.tb ?? 0x4d;
  const ifsc = t1Group?.ta ?? 32;
  if (t1Group?.ta !== undefined && (ifsc === 0 || ifsc === 0xff)) fail(bytes, `IFSC ${ifsc} is reserved`);
  const ta2 = groups[1]?.ta;
  const g1 = groups[0]!;
  return {
    bytes: bytes.slice(),
    convention: ts === 0x3b ? 'direct' : 'inverse',
    groups,
    protocols,
    historical,
    ...(tck !== undefined ? { tck } : {}),
    findexDindex: g1.ta ?? 0x11,
    extraGuardTime: g1.tc ?? 0,
    ...(ta2 !== undefined ? { specificModeProtocol: ta2 & 0x0f } : {}),
    t0: { waitingInteger: groups[1]?.tc ?? 10 },
    t1: {
      ifsc,
      bwi: tb3 >> 4,
      cwi: tb3 & 0x0f,
      crc: ((t1Group?.tc ?? 0) & 0x01) === 1,
      waitingIntegers: tb3,
    },
  };
}

/** The protocol we run: T=1 when offered (TI cards), else T=0; the specific mode decides if set. */
export function chooseProtocol(atr: ParsedAtr, supported: number): 0 | 1 | undefined {
  const readerHas = (t: number) => (supported & (1 << t)) !== 0;
  if (atr.specificModeProtocol !== undefined) {
    const t = atr.specificModeProtocol;
    return (t === 0 || t === 1) && readerHas(t) ? t : undefined;
  }
  if (atr.protocols.includes(1) && readerHas(1)) return 1;
  if (atr.protocols.includes(0) && readerHas(0)) return 0;
  return undefined;
}
