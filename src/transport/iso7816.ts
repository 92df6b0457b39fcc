// The one typed model of the ISO/IEC 7816-4 commands and status words the app speaks (with the
// gemSpec_COS additions GET PIN STATUS and the PIN-state warnings). Card reading (src/cards), the
// read-only allow-list (src/apdu) and the simulated card (src/transport/simulated) all use it; it sits
// in the lowest layer because the simulator is a transport.

/** A command APDU as fields (Lc derives from `data`). */
export interface Iso7816Command {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data?: Uint8Array;
  /** Expected response length Ne: absent = no Le; 256 = short max (Le 00); 65536 = extended max. */
  ne?: number;
}

export const CLA = {
  /** Interindustry, basic channel, no secure messaging, no chaining. */
  ISO: 0x00,
  /** Proprietary class gemSpec_COS uses for GET PIN STATUS. */
  PROPRIETARY: 0x80,
} as const;

export const INS = {
  /** With CLA 00 and data: VERIFY (costs a retry, never sent); with CLA 80 and no data: GET PIN STATUS. */
  VERIFY_OR_PIN_STATUS: 0x20,
  SELECT: 0xa4,
  READ_BINARY: 0xb0,
  READ_RECORD: 0xb2,
  GET_RESPONSE: 0xc0,
} as const;

/** SELECT P1: what the command data names (ISO 7816-4 table 39). */
export const SELECT_P1 = {
  FID: 0x00,
  CHILD_DF: 0x01,
  EF_UNDER_CURRENT_DF: 0x02,
  PARENT_DF: 0x03,
  AID: 0x04,
  PATH_FROM_MF: 0x08,
  PATH_FROM_CURRENT_DF: 0x09,
} as const;

/** SELECT P2: what the card answers with. */
export const SELECT_P2 = { FCP: 0x04, NO_DATA: 0x0c } as const;

export const SW = {
  OK: 0x9000,
  END_OF_FILE: 0x6282,
  SELECTED_FILE_DEACTIVATED: 0x6283,
  SELECTED_FILE_TERMINATED: 0x6285,
  TRANSPORT_PIN: 0x62c1,
  EMPTY_PIN: 0x62c7,
  PASSWORD_DISABLED: 0x62d0,
  WRONG_LENGTH: 0x6700,
  LOGICAL_CHANNEL_NOT_SUPPORTED: 0x6881,
  SECURE_MESSAGING_NOT_SUPPORTED: 0x6882,
  INCOMPATIBLE_FILE_STRUCTURE: 0x6981,
  SECURITY_STATUS_NOT_SATISFIED: 0x6982,
  CONDITIONS_OF_USE_NOT_SATISFIED: 0x6985,
  NO_CURRENT_EF: 0x6986,
  FILE_NOT_FOUND: 0x6a82,
  RECORD_NOT_FOUND: 0x6a83,
  WRONG_P1P2: 0x6a86,
  REFERENCED_DATA_NOT_FOUND: 0x6a88,
  OFFSET_TOO_BIG: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
} as const;

/** SW1 values whose SW2 carries a number. */
export const SW1 = {
  /** 61xx: xx more bytes wait for GET RESPONSE (00 = 256 or more). */
  BYTES_REMAINING: 0x61,
  /** 63Cx: verification failed / x retries left. */
  RETRIES: 0x63,
  /** 6Cxx: wrong Le, xx is the right one (00 = 256). */
  WRONG_LE: 0x6c,
} as const;

/** SW2 of 61xx / 6Cxx as a length (00 = 256). */
export const swLength = (sw: number): number => (sw & 0xff) || 256;
export const isBytesRemaining = (sw: number): boolean => sw >> 8 === SW1.BYTES_REMAINING;
export const isWrongLe = (sw: number): boolean => sw >> 8 === SW1.WRONG_LE;
/** The 63Cx status word for x retries left (x ≤ 15). */
export const swRetriesLeft = (retries: number): number => 0x63c0 | Math.min(retries, 15);
/** 63Cx → x, else null. */
export const retriesOf = (sw: number): number | null => ((sw & 0xfff0) === 0x63c0 ? sw & 0x0f : null);
/** 9000 and the 62xx warnings: the command was done. */
export const isSuccess = (sw: number): boolean => (sw & 0xff00) === 0x9000 || (sw & 0xff00) === 0x6200;

// ---- command builders ------------------------------------------------------------------------

/** SELECT by AID without data: selects the MF (root) of a G2 card; with FCP its tag 84 names the MF. */
export function selectRoot(ne = 256): Iso7816Command {
  return { cla: CLA.ISO, ins: INS.SELECT, p1: SELECT_P1.AID, p2: SELECT_P2.FCP, ne };
}

/** SELECT a DF by its AID, no response data. */
export function selectAid(aid: Uint8Array): Iso7816Command {
  return { cla: CLA.ISO, ins: INS.SELECT, p1: SELECT_P1.AID, p2: SELECT_P2.NO_DATA, data: aid };
}

/** READ BINARY of the EF with short file identifier `sfi` (1–30) of the current DF, from offset 0. */
export function readBinarySfi(sfi: number, ne: number): Iso7816Command {
  if (sfi < 1 || sfi > 30) throw new RangeError(`SFI ${sfi} outside 1–30`);
  return { cla: CLA.ISO, ins: INS.READ_BINARY, p1: 0x80 | sfi, p2: 0, ne };
}

/** READ BINARY of the current EF from `offset` (15 bits: P1 bit 8 would mean SFI). */
export function readBinaryAt(offset: number, ne: number): Iso7816Command {
  if (offset < 0 || offset > 0x7fff) throw new RangeError(`offset ${offset} outside 0–32767`);
  return { cla: CLA.ISO, ins: INS.READ_BINARY, p1: offset >> 8, p2: offset & 0xff, ne };
}

/** READ RECORD number `record` of the EF with short file identifier `sfi` (P2 = SFI << 3 | 100b). */
export function readRecordSfi(record: number, sfi: number, ne: number): Iso7816Command {
  if (sfi < 1 || sfi > 30) throw new RangeError(`SFI ${sfi} outside 1–30`);
  return { cla: CLA.ISO, ins: INS.READ_RECORD, p1: record, p2: (sfi << 3) | 0x04, ne };
}

export function getResponse(ne: number): Iso7816Command {
  return { cla: CLA.ISO, ins: INS.GET_RESPONSE, p1: 0, p2: 0, ne };
}

/** GET PIN STATUS (gemSpec_COS): 80 20 00 <reference>, no data and no Le, so it can never verify. */
export function getPinStatus(reference: number): Iso7816Command {
  return { cla: CLA.PROPRIETARY, ins: INS.VERIFY_OR_PIN_STATUS, p1: 0x00, p2: reference };
}
