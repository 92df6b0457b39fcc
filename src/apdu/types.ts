// Contract of the APDU layer (ISO/IEC 7816-4). Transports below move bytes; card profiles above
// speak in these terms. Every channel handed to a card profile is guarded by the read-only allow-list.

import type { Iso7816Command } from '../transport/iso7816.ts';

/** A command APDU as fields: the ISO 7816 model's type (src/transport/iso7816.ts, with the builders). */
export type CommandApdu = Iso7816Command;

export interface ResponseApdu {
  data: Uint8Array;
  /** Status word SW1SW2, e.g. 0x9000. */
  sw: number;
}

/** What the path reader+card can carry; card profiles size their reads with it. */
export interface ChannelLimits {
  /** true when extended-length APDUs reach the card (reader level and card both allow it). */
  extendedLength: boolean;
  /** Largest Ne a single command may ask for (256 short, up to 65536 extended). */
  maxResponseLength: number;
  /** Largest command APDU in bytes. */
  maxCommandLength: number;
}

/**
 * What the card itself says it can take (EF.ATR tag E0, see `cardLimitsFromEfAtr`, or a card profile's
 * own knowledge). Lengths are of whole APDUs: command incl. header, response incl. SW1 SW2.
 */
export interface CardLimits {
  extendedLength: boolean;
  maxCommandLength: number;
  maxResponseLength: number;
}

export interface ApduChannel {
  transmit(command: CommandApdu): Promise<ResponseApdu>;
  readonly limits: ChannelLimits;
  /** Number of command APDUs sent through this channel (for the APDU-count budget). */
  readonly apduCount: number;
  /**
   * Card profiles call this once they know the card's buffer sizes (EF.ATR). `limits` then becomes
   * the intersection of reader and card; until then the channel stays at short length.
   */
  updateCardLimits(card: CardLimits): void;
}

export const apduErrorCodes = [
  'apdu.refused',
  'apdu.malformed',
  'apdu.extendedNotAvailable',
  'apdu.tooLong',
  'apdu.budgetExceeded',
  'apdu.responseMalformed',
] as const;
export type ApduErrorCode = (typeof apduErrorCodes)[number];

export class ApduError extends Error {
  override readonly name = 'ApduError';
  constructor(readonly code: ApduErrorCode, message: string) {
    super(message);
  }
}
