// Why a reader cannot be used: turns transport/WebUSB errors plus the platform into a diagnosis code
// with the parameters its fix needs. The texts are `reader.diag.<code>.title|fix` in the i18n table.
import { TransportError, type TransportErrorCode } from './errors.ts';

export const diagnosisCodes = [
  'protectedClass',
  'osDriverWindows',
  'osDriverLinux',
  'osDriverMac',
  'osDriverUnknown',
  'unplugged',
  'permissionDenied',
  'noDeviceChosen',
  'unsupportedReader',
  'webusbUnavailable',
] as const;
export type DiagnosisCode = (typeof diagnosisCodes)[number];

export type Platform = 'windows' | 'linux' | 'mac' | 'chromeos' | 'other';

export interface DeviceIdentity {
  vendorId: number;
  productId: number;
  name?: string;
}

export interface Diagnosis {
  code: DiagnosisCode;
  /** What failed underneath (for the trace and support tickets). */
  cause: TransportErrorCode | 'unknown';
  params: { device: string; rule: string };
}

export function detectPlatform(
  nav: { userAgent?: string; platform?: string; userAgentData?: { platform?: string } } | undefined,
): Platform {
  const hint = `${nav?.userAgentData?.platform ?? ''} ${nav?.platform ?? ''} ${nav?.userAgent ?? ''}`.toLowerCase();
  if (/cros|chrome os|chromeos/.test(hint)) return 'chromeos';
  if (/win/.test(hint)) return 'windows';
  if (/mac/.test(hint)) return 'mac';
  if (/linux|x11/.test(hint)) return 'linux';
  return 'other';
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/**
 * udev rule for Linux: lets the logged-in user open the device (uaccess) and tells pcscd
 * (pcsc-lite ≥ 2.3) to leave this reader alone, so Chrome can claim it.
 */
export function udevRule(device?: DeviceIdentity): string {
  const match = device
    ? `ATTR{idVendor}=="${hex4(device.vendorId)}", ATTR{idProduct}=="${hex4(device.productId)}", `
    : '';
  return `ACTION!="remove|unbind", SUBSYSTEM=="usb", ${match}TAG+="uaccess", ENV{PCSCLITE_IGNORE}="1"`;
}

function deviceLabel(device?: DeviceIdentity): string {
  if (!device) return '';
  return `${device.name ? `${device.name} ` : ''}(${hex4(device.vendorId)}:${hex4(device.productId)})`;
}

/** Maps an error to a diagnosis, or undefined when the error is not about using the reader at all. */
export function diagnose(error: unknown, platform: Platform, device?: DeviceIdentity): Diagnosis | undefined {
  const params = { device: deviceLabel(device), rule: udevRule(device) };
  const code = error instanceof TransportError ? error.code : undefined;
  const osDriver = (): DiagnosisCode =>
    platform === 'windows' ? 'osDriverWindows'
      : platform === 'linux' || platform === 'chromeos' ? 'osDriverLinux'
        : platform === 'mac' ? 'osDriverMac' : 'osDriverUnknown';
  let result: DiagnosisCode | undefined;
  switch (code) {
    case 'usb.protectedClass': result = 'protectedClass'; break;
    case 'usb.claimFailed': result = osDriver(); break;
    // Windows refuses open() with "Access denied" while its own CCID driver is bound; macOS likewise.
    case 'usb.accessDenied': result = platform === 'windows' || platform === 'mac' ? osDriver() : 'permissionDenied'; break;
    case 'reader.unplugged': result = 'unplugged'; break;
    case 'usb.notFound': result = 'noDeviceChosen'; break;
    case 'reader.unsupported': result = 'unsupportedReader'; break;
    case 'usb.unavailable': result = 'webusbUnavailable'; break;
    default: result = undefined;
  }
  return result ? { code: result, cause: code ?? 'unknown', params } : undefined;
}
