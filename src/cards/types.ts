// What a card profile reads from a card: card-level facts decoded, certificate files as raw bytes
// (the PKI domain parses them). Plain data, structured-clone safe.

/** The one list of card types (report, kiosk and Telematik-ID rules use this type); each but `unknown` has a profile. */
export const CARD_TYPES = ['SMC-B', 'HBA', 'eGK', 'gSMC-KT', 'gSMC-K', 'unknown'] as const;
export type CardType = (typeof CARD_TYPES)[number];
export type Generation = 'G1' | 'G1+' | 'G2.0' | 'G2.1';

export interface ProductId {
  /** 5 characters: maker code. */
  maker: string;
  /** 8 characters: product name. */
  product: string;
  /** major.minor.patch */
  version: string;
}

export interface EfAtrInfo {
  rawHex: string;
  /** Card buffer sizes from tag E0 (whole APDUs), null when absent. */
  maxCommandLength: number | null;
  maxResponseLength: number | null;
  cosVersion: string | null;
  historicalBytesHex: string | null;
  chip: ProductId | null;
  cos: ProductId | null;
  objectSystem: ProductId | null;
  personalisation: ProductId | null;
}

export interface Version2Info {
  rawHex: string;
  /** C0: filling rule of EF.Version2. */
  fillingRuleVersion: string | null;
  /** C1: product type version of the object system (decides the generation). */
  objectSystemVersion: string | null;
  /** C2: product identification of the object-system implementation. */
  objectSystemProduct: ProductId | null;
  gdoFillingRuleVersion: string | null;
  atrFillingRuleVersion: string | null;
}

export interface IccsnInfo {
  /** 20 digits. */
  iccsn: string;
  /** Major industry identifier, "80" = health care. */
  mii: string;
  /** ISO 3166 numeric, "276" = Germany. */
  country: string;
  /** 5-digit issuer id. */
  issuer: string;
  /** 10-digit serial number. */
  serial: string;
}

export type FileStatus = 'read' | 'empty' | 'absent' | 'denied' | 'error';

export interface FileRead {
  /** Object-system name, e.g. EF.C.HCI.AUT.R2048. */
  name: string;
  /** AID of the DF holding it (hex), null for the MF. */
  df: string | null;
  fid: number;
  sfi: number;
  status: FileStatus;
  /** Status word that decided `status` (e.g. 0x6982 for denied). */
  sw: number;
  /** File content as read (up to the certificate's end when its length was known). */
  bytes: Uint8Array | null;
}

export type CertificateFileKind = 'x509' | 'cvc';

export interface CertificateFileRead extends FileRead {
  format: CertificateFileKind;
  /** What the file is meant to hold. */
  algorithm: 'RSA' | 'ECC';
  /** gematik role: AUT, ENC, OSIG, QES, SIG, AUTN, ENCV, AUTO, CA, AUTR, AUTD … */
  role: string;
}

export type PinStatus =
  | 'verified' | 'retries' | 'blocked' | 'transport' | 'empty' | 'disabled' | 'absent' | 'denied' | 'unknown';

export interface PinRead {
  name: string;
  /** P2 of GET PIN STATUS. */
  reference: number;
  df: string | null;
  status: PinStatus;
  /** Retries left when the card tells (63Cx), else null. */
  retriesLeft: number | null;
  sw: number;
}

export interface DirEntry {
  aid: string;
  label: string | null;
  /** The record as read; null for the MF's entry, which is taken from the MF's FCP instead of record 1. */
  recordHex: string | null;
}

export interface CardReadout {
  atrHex: string;
  cardType: CardType;
  mfAid: string | null;
  mfFcpHex: string | null;
  mfLifeCycle: string | null;
  iccsn: IccsnInfo | null;
  efAtr: EfAtrInfo | null;
  version2: Version2Info | null;
  generation: Generation | null;
  dir: DirEntry[];
  certificates: CertificateFileRead[];
  pins: PinRead[];
  /** Other data files the profile reads (eGK EF.PD, EF.VD, EF.StatusVD). */
  dataFiles: FileRead[];
  apduCount: number;
  /** Channel limits after reading EF.ATR (what the reads were sized with). */
  extendedLength: boolean;
  maxResponseLength: number;
}

export class CardReadError extends Error {
  override readonly name = 'CardReadError';
  constructor(readonly code: 'card.noResponse' | 'card.selectMfFailed', message: string) {
    super(message);
  }
}
