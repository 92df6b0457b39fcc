// Transport errors carry a code; the UI turns codes into German/English text (src/i18n/messages/reader.ts
// has a key `reader.error.<code>` for each).

export const transportErrorCodes = [
  'reader.unplugged',
  'reader.closed',
  'reader.unsupported',
  'reader.busy',
  'reader.hardware',
  'reader.timeout',
  'reader.stall',
  'reader.protocol',
  'reader.commandNotSupported',
  'card.absent',
  'card.removed',
  'card.mute',
  'card.disconnected',
  'card.protocolNotSupported',
  'atr.invalid',
  't1.protocol',
  't1.wtxStorm',
  'ccid.timeExtensionStorm',
  'apdu.tooLong',
  'usb.protectedClass',
  'usb.claimFailed',
  'usb.accessDenied',
  'usb.notFound',
  'usb.unavailable',
  'pcsc.error',
] as const;

export type TransportErrorCode = (typeof transportErrorCodes)[number];

export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly code: TransportErrorCode,
    message: string,
    readonly detail?: Record<string, string | number>,
  ) {
    super(message);
  }
}

export function isTransportError(e: unknown, code?: TransportErrorCode): e is TransportError {
  return e instanceof TransportError && (code === undefined || e.code === code);
}
