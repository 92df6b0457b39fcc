// Public surface of the APDU layer.
export * from './types.ts';
export * from '../transport/iso7816.ts';
export { encodeCommand, decodeCommand, decodeResponse, encodeResponse, apduCase, needsExtendedLength, hex, fromHex } from './codec.ts';
export { checkAllowed, checkAllowedBytes, type AllowListVerdict, type AllowedCommandName } from './allow-list.ts';
export { cardLimitsFromEfAtr, shortCardLimits } from './card-limits.ts';
export { GuardedApduChannel, openGuardedChannel, type GuardedChannelOptions } from './channel.ts';
