// A CardConnection straight to a simulated card, without a simulated USB reader in between: for the
// CLI's and the tests' baseline and for counting APDUs against the card alone. The reader limits
// say which exchange level is imitated (short APDUs only, or extended length).
import type { CardConnection, ReaderLimits } from '../../types.ts';
import type { SimulatedIcc } from '../../simulated-icc.ts';

export const EXTENDED_APDU_LIMITS: ReaderLimits = { extendedLength: true, maxCommandLength: 65544, maxResponseLength: 65538 };
export const SHORT_APDU_LIMITS: ReaderLimits = { extendedLength: false, maxCommandLength: 261, maxResponseLength: 258 };

export function directConnection(icc: SimulatedIcc, limits: ReaderLimits = EXTENDED_APDU_LIMITS): CardConnection {
  const atr = icc.reset();
  let connected = true;
  return {
    atr,
    protocol: 'T=1',
    limits,
    async transmit(commandApdu) {
      if (!connected) throw new Error('card disconnected');
      return icc.transmit(commandApdu);
    },
    async disconnect() { connected = false; },
  };
}
