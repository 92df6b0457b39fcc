// navigator.usb glue and the diagnosis of readers that cannot be used, against the simulated USB.
import { describe, it, expect } from 'vitest';
import { WebUsbReaders, ccidDeviceFilters } from '../../../src/transport/webusb-ccid/webusb.ts';
import { SimulatedUsb } from '../../../src/transport/simulated/simulated-usb.ts';
import { SimulatedUsbDevice, type BrowserPolicy } from '../../../src/transport/simulated/simulated-usb-device.ts';
import type { CcidReader } from '../../../src/transport/webusb-ccid/reader.ts';
import { TransportError } from '../../../src/transport/errors.ts';
import { diagnose, detectPlatform, udevRule, type DiagnosisCode, type Platform } from '../../../src/transport/diagnosis.ts';
import { codeKey, translate } from '../../../src/i18n/index.ts';
import { TestIcc } from './test-icc.ts';

function setup() {
  const usb = new SimulatedUsb();
  const readers: CcidReader[] = [];
  const errors: { error: TransportError; vendorId?: number }[] = [];
  const manager = new WebUsbReaders(usb, {
    onReader: (r) => readers.push(r),
    onError: (error, device) => errors.push({ error, ...(device ? { vendorId: device.vendorId } : {}) }),
  });
  manager.watch();
  return { usb, readers, errors, manager };
}

describe('WebUSB reader discovery', () => {
  it('chooser filters list class 0x0B readers and the known vendor-class readers, not other devices', async () => {
    const { usb } = setup();
    const acs = usb.plug(new SimulatedUsbDevice('ACS_ACR39U_ICC_Reader'));
    const cherry = usb.plug(new SimulatedUsbDevice('CherrySmartTerminalST2XXX'));
    const ntt = usb.plug(new SimulatedUsbDevice('SCR3310-NTTCom'));
    const reiner = usb.plug(new SimulatedUsbDevice('ReinerSCT_cyberJack_RFID_standard'));
    const seen: SimulatedUsbDevice[][] = [];
    usb.chooser = (candidates) => { seen.push(candidates); return undefined; };
    await usb.requestDevice({ filters: ccidDeviceFilters }).catch(() => undefined);
    expect(seen[0]!.sort((a, b) => a.vendorId - b.vendorId)).toEqual([cherry, ntt, acs, reiner].sort((a, b) => a.vendorId - b.vendorId));
  });

  it('request → open; getDevices restores granted readers; unplug ends the reader; replug brings it back', async () => {
    const { usb, readers, manager } = setup();
    const device = usb.plug(new SimulatedUsbDevice('Cherry_SmartTerminal_XX44'));
    device.insertCard(new TestIcc());
    const reader = await manager.request();
    expect(reader?.name).toBe('Cherry SmartTerminal XX44');
    expect(readers.length).toBe(1);
    const gone = new Promise((resolve) => reader!.onEvent((e) => { if (e.type === 'reader-gone') resolve(e.code); }));
    device.unplug();
    expect(await gone).toBe('reader.unplugged');
    // A remembered reader plugged in again opens by itself (connect event).
    const again = new SimulatedUsbDevice('Cherry_SmartTerminal_XX44');
    usb.plug(again, { granted: true });
    await new Promise((r) => setTimeout(r, 10));
    expect(readers.length).toBe(2);
    const other = setup();
    other.usb.plug(new SimulatedUsbDevice('SCR3310'), { granted: true });
    expect((await other.manager.restore()).map((r) => r.model)).toEqual(['04e6:5116']);
  });

  const cases: [string, string, BrowserPolicy, Platform, DiagnosisCode][] = [
    ['class 0x0B reader in a normal tab', 'ACS_ACR39U_ICC_Reader', { blockProtectedClass: true }, 'windows', 'protectedClass'],
    ['Windows smart-card driver holds it', 'SCR3310', { accessDenied: true }, 'windows', 'osDriverWindows'],
    ['pcscd holds it', 'SCR3310-NTTCom', { osDriverHoldsInterface: true }, 'linux', 'osDriverLinux'],
    ['macOS holds it', 'CherrySmartTerminalST2XXX', { osDriverHoldsInterface: true }, 'mac', 'osDriverMac'],
    ['no permission on the device node', 'SCR3310-NTTCom', { accessDenied: true }, 'linux', 'permissionDenied'],
  ];
  for (const [what, model, policy, platform, code] of cases) {
    it(`diagnosis: ${what} → ${code}, with German and English title and fix`, async () => {
      const { usb, errors, manager, readers } = setup();
      usb.plug(new SimulatedUsbDevice(model, { policy }));
      expect(await manager.request()).toBeUndefined();
      expect(readers).toEqual([]);
      const diagnosis = diagnose(errors[0]!.error, platform, { vendorId: 0x04e6, productId: 0x511a, name: 'SCR3310-NTTCom' });
      expect(diagnosis?.code).toBe(code);
      for (const locale of ['de', 'en'] as const) {
        const title = translate(locale, codeKey('reader.diag.', code, '.title'));
        const fix = translate(locale, codeKey('reader.diag.', code, '.fix'), diagnosis!.params);
        expect(title).not.toMatch(/^reader\.diag/);
        expect(fix).not.toMatch(/\{\{/);
      }
    });
  }

  it('a class-0xFF reader is usable where a class-0x0B one is blocked', async () => {
    const { usb, manager } = setup();
    usb.plug(new SimulatedUsbDevice('ReinerSCT_cyberJack_RFID_standard', { policy: { blockProtectedClass: true } }));
    const reader = await manager.request();
    expect(reader?.level).toBe('tpdu');
  });

  it('chooser cancelled → noDeviceChosen; unplugged → unplugged; unsupported → unsupportedReader', async () => {
    const { errors, manager } = setup();
    await manager.request();
    expect(diagnose(errors[0]!.error, 'linux')?.code).toBe('noDeviceChosen');
    expect(diagnose(new TransportError('reader.unplugged', 'x'), 'linux')?.code).toBe('unplugged');
    expect(diagnose(new TransportError('reader.unsupported', 'x'), 'linux')?.code).toBe('unsupportedReader');
    expect(diagnose(new TransportError('card.mute', 'x'), 'linux')).toBeUndefined();
  });

  it('udev rule names the device and keeps pcscd away', () => {
    expect(udevRule({ vendorId: 0x072f, productId: 0xb100 })).toBe(
      'ACTION!="remove|unbind", SUBSYSTEM=="usb", ATTR{idVendor}=="072f", ATTR{idProduct}=="b100", TAG+="uaccess", ENV{PCSCLITE_IGNORE}="1"');
    const fix = translate('de', 'reader.diag.osDriverLinux.fix', { rule: udevRule({ vendorId: 0x072f, productId: 0xb100 }) });
    expect(fix).toContain('systemctl stop pcscd');
    expect(fix).toContain('ATTR{idProduct}=="b100"');
  });

  it('platform detection', () => {
    expect(detectPlatform({ userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' })).toBe('windows');
    expect(detectPlatform({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' })).toBe('linux');
    expect(detectPlatform({ userAgentData: { platform: 'macOS' } })).toBe('mac');
    expect(detectPlatform({ userAgent: 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0)' })).toBe('chromeos');
  });
});
