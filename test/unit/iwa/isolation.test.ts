import { describe, it, expect } from 'vitest';
import { detectPlatform } from '../../../src/ui/platform/isolation.ts';
import { sameOriginScriptUrl } from '../../../src/ui/platform/trusted-types.ts';

const policy = (allowed: string[]) => ({ allowsFeature: (f: string) => allowed.includes(f) });

describe('detectPlatform', () => {
  it('normal tab with WebUSB: class 0x0B blocked, vendor-class readers only', () => {
    const s = detectPlatform({ location: { protocol: 'https:' }, isSecureContext: true, crossOriginIsolated: false,
      navigator: { usb: {} }, document: { featurePolicy: policy(['usb']) } });
    expect(s).toMatchObject({ isolatedApp: false, webUsb: true, usbUnrestricted: false, protectedClassReachable: false, reach: 'vendor-class-only' });
  });

  it('IWA with usb-unrestricted granted: class 0x0B reachable', () => {
    const s = detectPlatform({ location: { protocol: 'isolated-app:' }, isSecureContext: true, crossOriginIsolated: true,
      navigator: { usb: {} }, document: { featurePolicy: policy(['usb', 'usb-unrestricted']) } });
    expect(s).toMatchObject({ isolatedApp: true, crossOriginIsolated: true, protectedClassReachable: true, reach: 'usb-unrestricted' });
  });

  it('IWA without WebUSB but with the Web Smart Card API (ChromeOS)', () => {
    const s = detectPlatform({ location: { protocol: 'isolated-app:' }, navigator: { smartCard: {} },
      document: { permissionsPolicy: policy(['usb-unrestricted', 'smart-card']) } });
    expect(s).toMatchObject({ webUsb: false, usbUnrestricted: false, smartCardApi: true, reach: 'smart-card-api' });
  });

  it('no WebUSB, no policy API: demo reader only; a throwing policy counts as not allowed', () => {
    expect(detectPlatform({ location: { protocol: 'http:' }, navigator: {} }).reach).toBe('demo-only');
    const s = detectPlatform({ navigator: { usb: {} }, document: { featurePolicy: { allowsFeature: () => { throw new Error('x'); } } } });
    expect(s.usbUnrestricted).toBe(false);
  });
});

describe('Trusted Types script URL rule', () => {
  it('lets same-origin and own blob: URLs through, refuses other origins', () => {
    const base = 'isolated-app://abc/index.html';
    expect(sameOriginScriptUrl('./assets/worker.js', base)).toBe('isolated-app://abc/assets/worker.js');
    expect(sameOriginScriptUrl('blob:http://127.0.0.1:4324/1234', 'http://127.0.0.1:4324/')).toBe('blob:http://127.0.0.1:4324/1234');
    expect(() => sameOriginScriptUrl('https://evil.example/x.js', 'http://127.0.0.1:4324/')).toThrow(/outside the app's origin/);
    expect(() => sameOriginScriptUrl('isolated-app://other/x.js', base)).toThrow(/outside the app's origin/);
    expect(() => sameOriginScriptUrl('blob:https://evil.example/1234', 'http://127.0.0.1:4324/')).toThrow(/outside/);
  });
});
