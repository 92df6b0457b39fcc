import { describe, it, expect } from 'vitest';
import { parseKioskConfig, isKioskUrl, isCardAllowed } from '../../../src/ui/kiosk/config.ts';

describe('kiosk URL parameters', () => {
  it('?kiosk alone: German from the app default, 60 s idle, all four card types, personal data hidden', () => {
    expect(isKioskUrl('?kiosk')).toBe(true);
    expect(isKioskUrl('?lang=en')).toBe(false);
    expect(parseKioskConfig('?kiosk')).toEqual({
      lang: null, idleSeconds: 60, allowedCards: ['SMC-B', 'HBA', 'eGK', 'gSMC-KT'],
      showPersonalData: false, demoReader: false, desk: 'production', tslUrl: null, ignored: [],
    });
  });

  it('desk: production by default (test cards are refused), test with the demo reader, or as given', () => {
    expect(parseKioskConfig('?kiosk&reader=demo').desk).toBe('test');
    expect(parseKioskConfig('?kiosk&reader=demo&desk=production').desk).toBe('production');
    expect(parseKioskConfig('?kiosk&desk=test').desk).toBe('test');
    const c = parseKioskConfig('?kiosk&desk=prod');
    expect(c.desk).toBe('production');
    expect(c.ignored).toEqual(['desk=prod']);
  });

  it('reads lang, idle, cards (case-insensitive, deduplicated), personal and reader', () => {
    const c = parseKioskConfig('?kiosk&lang=en&idle=45&cards=smc-b,HBA,hba&personal=1&reader=demo');
    expect(c).toMatchObject({ lang: 'en', idleSeconds: 45, allowedCards: ['SMC-B', 'HBA'], showPersonalData: true, demoReader: true, ignored: [] });
    expect(isCardAllowed(c, 'HBA')).toBe(true);
    expect(isCardAllowed(c, 'eGK')).toBe(false);
    expect(isCardAllowed(c, 'unknown')).toBe(false);
  });

  it('clamps idle to 10…3600 s and reports what it could not use', () => {
    expect(parseKioskConfig('?kiosk&idle=2').idleSeconds).toBe(10);
    expect(parseKioskConfig('?kiosk&idle=99999').idleSeconds).toBe(3600);
    const c = parseKioskConfig('?kiosk&idle=abc&lang=fr&cards=eGK,Foo&reader=usb&personal=0');
    expect(c.idleSeconds).toBe(60);
    expect(c.lang).toBeNull();
    expect(c.allowedCards).toEqual(['eGK']);
    expect(c.showPersonalData).toBe(false);
    expect(c.ignored).toEqual(['lang=fr', 'idle=abc', 'cards=Foo', 'reader=usb']);
  });

  it('a card list with nothing known keeps every type rather than locking the desk', () => {
    const c = parseKioskConfig('?kiosk&cards=xyz');
    expect(c.allowedCards).toEqual(['SMC-B', 'HBA', 'eGK', 'gSMC-KT']);
    expect(c.ignored).toEqual(['cards=xyz']);
  });
});

describe('kiosk tsl= parameter: only a relative URL of the app\'s own origin', () => {
  it('takes a relative path and refuses absolute, protocol-relative and scheme URLs', async () => {
    const { parseKioskConfig } = await import('../../../src/ui/kiosk/config.ts');
    expect(parseKioskConfig('?kiosk&tsl=trust/TSL.xml').tslUrl).toBe('trust/TSL.xml');
    expect(parseKioskConfig('?kiosk&tsl=/tsl/TSL.xml').tslUrl).toBe('/tsl/TSL.xml');
    for (const bad of ['https://example.com/TSL.xml', '//example.com/TSL.xml', 'javascript:alert(1)', 'data:text/xml,<x/>', '\\\\host\\TSL.xml']) {
      const c = parseKioskConfig(`?kiosk&tsl=${encodeURIComponent(bad)}`);
      expect(c.tslUrl).toBeNull();
      expect(c.ignored).toContain(`tsl=${bad}`);
    }
    expect(parseKioskConfig('?kiosk').tslUrl).toBeNull();
  });
});
