// Contract between the simulated reader (a USB CCID device in software) and the simulated card
// inserted into it (gematik XML card images). The reader powers the card and moves APDUs; the card
// answers like the image says.
export interface SimulatedIcc {
  /** Cold/warm reset: returns the ATR. */
  reset(): Uint8Array;
  /** One command APDU in, one response APDU (data + SW1 SW2) out. */
  transmit(commandApdu: Uint8Array): Uint8Array;
}
