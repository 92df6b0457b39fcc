// Card verdicts of every demo card image at several days. Expected days come from the certificates in the
// images as `openssl x509 -enddate` prints them and from the TI calendar's sources (2026-06-30 for RSA-only
// HBA/SMC-B, 2026-12-31 for gSMC-KT G2.0), never from this code's output.
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCardImage, connectThroughSimulatedReader } from '../../../src/transport/simulated/card-image/index.ts';
import { openGuardedChannel } from '../../../src/apdu/index.ts';
import { readCardReport, reportAt, cardVerdict, warningsBeyondVerdict, addDays, addYears, instantOfDay, type CardReport, type CardVerdict } from '../../../src/domain/card-report/index.ts';
import { loadCertificateParser } from '../../../src/domain/pki/index.ts';
import { loadTelematikIdValidator } from '../../../src/domain/telematik-id/index.ts';
import { translate } from '../../../src/i18n/index.ts';
import { reasonSentence } from '../../../src/domain/card-report/index.ts';
import { IMAGES, bodyHex, imageText } from './helpers.ts';

const reports = new Map<string, CardReport>();
/** The oracle: per image, the last day of its earliest readable end-entity X.509 certificate per OpenSSL. */
const lastDay = new Map<string, string>();
const firstIssued = new Map<string, string>();

function opensslDates(derHex: string): { notBefore: string; notAfter: string } {
  const dir = mkdtempSync(join(tmpdir(), 'verdict-'));
  const len = parseInt(derHex.slice(4, 8), 16) + 4; // 30 82 LL LL
  writeFileSync(join(dir, 'c.der'), Buffer.from(derHex.slice(0, 2 * len), 'hex'));
  const out = execFileSync('openssl', ['x509', '-inform', 'DER', '-in', join(dir, 'c.der'), '-noout', '-startdate', '-enddate'], { encoding: 'utf8' });
  const iso = (k: string) => new Date(new RegExp(`${k}=(.*)`).exec(out)![1]!).toISOString().slice(0, 10);
  return { notBefore: iso('notBefore'), notAfter: iso('notAfter') };
}

beforeAll(async () => {
  const [parser, validator] = await Promise.all([loadCertificateParser(), loadTelematikIdValidator()]);
  for (const file of Object.values(IMAGES)) {
    const session = await connectThroughSimulatedReader(loadCardImage(imageText(file)), 'ReinerSCT_cyberJack_one');
    try {
      const r = await readCardReport(openGuardedChannel(session.connection), session.connection.atr, { parser, validator, now: instantOfDay('2025-12-01') });
      reports.set(file, r);
      // Which files the reader could read is the report's; their dates are OpenSSL's.
      const readable = r.certificates.filter((c) => c.format === 'x509' && c.status === 'ok' && c.endEntity).map((c) => c.file);
      const dates = readable.map((f) => opensslDates(bodyHex(imageText(file), f)));
      lastDay.set(file, dates.map((d) => d.notAfter).sort()[0]!);
      firstIssued.set(file, dates.map((d) => d.notBefore).sort()[0]!);
    } finally {
      await session.close();
    }
  }
}, 120_000);

const codes = (v: CardVerdict) => v.reasons.map((r) => r.code);
const verdict = (file: string, at: string, extra: Parameters<typeof cardVerdict>[1] = {}) =>
  cardVerdict(reports.get(file)!, { at, ...extra });

describe('oracle dates (openssl x509 -enddate of the images\' certificates)', () => {
  it('are what the images carry', () => {
    expect(Object.fromEntries([...lastDay])).toEqual({
      [IMAGES.SMCB21]: '2030-04-28', [IMAGES.SMCB20]: '2028-03-27', [IMAGES.HBA21]: '2024-03-08',
      [IMAGES.HBA20]: '2017-09-16', [IMAGES.EGK21]: '2020-06-20',
    });
  });
});

describe('every demo card: expiry boundary from its certificates', () => {
  for (const file of Object.values(IMAGES)) {
    it(file, () => {
      const last = lastDay.get(file)!;
      const dayBefore = verdict(file, addDays(last, -1));
      const lastDayV = verdict(file, last);
      const after = verdict(file, addDays(last, 1));
      expect(codes(dayBefore)).not.toContain('cardExpired');
      expect(dayBefore.reasons.find((r) => r.code === 'expiresSoon')?.params).toMatchObject({ days: '1', lastDay: last, endsOn: addDays(last, 1) });
      expect(lastDayV.reasons.find((r) => r.code === 'expiresSoon')?.params['days']).toBe('0');
      expect(codes(lastDayV)).not.toContain('cardExpired');
      expect(after.level).toBe('notUsable');
      expect(after.reasons.find((r) => r.code === 'cardExpired')?.params).toMatchObject({ lastDay: last, endsOn: addDays(last, 1) });
      // 90 days before: not yet a warning; 89 days before: "attention".
      expect(codes(verdict(file, addDays(last, -90)))).not.toContain('expiresSoon');
      expect(codes(verdict(file, addDays(last, -89)))).toContain('expiresSoon');
      // The card's term never exceeds five years here, so the term rule adds nothing.
      expect(addYears(firstIssued.get(file)!, 5) >= last).toBe(true);
      expect(codes(after).filter((c) => c.startsWith('maxTerm'))).toEqual([]);
    });
  }
});

describe('demo cards at the days that matter', () => {
  it('SMC-B G2.0: attention on 2026-06-01 (29 days left), not usable from 2026-07-01', () => {
    const june = verdict(IMAGES.SMCB20, '2026-06-01');
    expect(june.level).toBe('attention');
    expect(june.reasons[0]).toMatchObject({ code: 'generationEnds', action: 'replaceWithEcc', params: { days: '29', endsOn: '2026-07-01' } });
    expect(codes(june)).toEqual(['generationEnds', 'pinFewRetries', 'testCard']);
    expect(verdict(IMAGES.SMCB20, '2026-06-30').reasons[0]).toMatchObject({ code: 'generationEnds', params: { days: '0' } });
    const july = verdict(IMAGES.SMCB20, '2026-07-01');
    expect(july.level).toBe('notUsable');
    expect(july.reasons[0]).toMatchObject({ code: 'generationEnded', level: 'notUsable', params: { endsOn: '2026-07-01' } });
    expect(july.usableUntil).toMatchObject({ lastDay: '2026-06-30', by: 'generation' });
    expect(reasonSentence(june.reasons[0]!, (k, p) => translate('de', k, p), 'de'))
      .toBe('Karte funktioniert nur noch 29 Tage: ab 01.07.2026 nicht mehr, denn Generation G2.0 kann nur RSA. Beim Kartenherausgeber gegen eine G2.1-Karte (ECC) tauschen.');
  });

  it('HBA G2.0: its certificates ended long before the generation did', () => {
    const v = verdict(IMAGES.HBA20, '2026-07-01');
    expect(v.level).toBe('notUsable');
    expect(codes(v)).toEqual(expect.arrayContaining(['generationEnded', 'cardExpired']));
    expect(v.usableUntil).toMatchObject({ lastDay: '2017-09-16', by: 'certificate' });
  });

  it('SMC-B G2.1 with a transport PIN: attention, the one thing to do is to activate it', () => {
    const v = verdict(IMAGES.SMCB21, '2026-12-05');
    expect(v.level).toBe('attention');
    expect(v.reasons[0]).toMatchObject({ code: 'notActivated', action: 'activate', params: { pinName: 'PIN.SMC' } });
    expect(v.usableUntil).toMatchObject({ lastDay: '2030-04-28', by: 'certificate', file: 'EF.C.HCI.ENC.E256' });
  });

  it('eGK G2.1 expired in 2020 is not usable today', () => {
    const v = verdict(IMAGES.EGK21, '2026-12-05');
    expect(v.level).toBe('notUsable');
    expect(v.reasons[0]).toMatchObject({ code: 'cardExpired', params: { lastDay: '2020-06-20' } });
  });

  it('test cards: attention by default, not usable at a production desk, a mere note at a test desk', () => {
    for (const file of Object.values(IMAGES)) expect(reports.get(file)!.testCard, file).not.toBeNull();
    const prod = verdict(IMAGES.SMCB21, '2026-12-05', { desk: 'production' });
    expect(prod.level).toBe('notUsable');
    expect(prod.reasons[0]).toMatchObject({ code: 'testCardAtProductionDesk', params: { value: 'GEM.SMCB-CA59 TEST-ONLY' } });
    const test = verdict(IMAGES.SMCB21, '2026-12-05', { desk: 'test' });
    expect(test.reasons.find((r) => r.code === 'testCard')?.level).toBe('usable');
    // The HBA G2.1's "Testkarte" Telematik-ID gets no formation-rule reason.
    expect(codes(verdict(IMAGES.HBA21, '2024-03-01'))).not.toContain('telematikIdInvalid');
  });
});

describe('what-if cards built from a real report', () => {
  const activated = (): CardReport => {
    const r = reports.get(IMAGES.SMCB21)!;
    return { ...r, pins: r.pins.map((p) => ({ ...p, status: 'retries' as const, retriesLeft: 3, action: 'none' as const })) };
  };

  it('an activated SMC-B G2.1 at a test desk is usable, with no reason above "usable"', () => {
    const v = cardVerdict(activated(), { at: '2026-12-05', desk: 'test' });
    expect(v.level).toBe('usable');
    expect(v.reasons.every((r) => r.level === 'usable')).toBe(true);
  });

  it('a blocked main PIN makes the card unusable; a blocked holder PIN asks for attention', () => {
    const r = activated();
    expect(cardVerdict({ ...r, pins: [{ name: 'PIN.SMC', status: 'blocked', retriesLeft: 0, action: 'usePuk' }] }, { at: '2026-12-05', desk: 'test' }).reasons[0])
      .toMatchObject({ code: 'pinBlocked', level: 'notUsable', action: 'usePuk' });
    const hba = { ...r, cardType: 'HBA' as const, pins: [{ name: 'PIN.QES', status: 'blocked' as const, retriesLeft: 0, action: 'usePuk' as const }] };
    expect(cardVerdict(hba, { at: '2026-12-05', desk: 'test' }).reasons[0]).toMatchObject({ code: 'holderPinBlocked', level: 'attention' });
  });

  it('gSMC-KT G2.0: the day before, of and after 2026-12-31', () => {
    const kt: CardReport = { ...reports.get(IMAGES.SMCB20)!, cardType: 'gSMC-KT', pins: [] };
    expect(cardVerdict(kt, { at: '2026-12-30', desk: 'test' }).reasons[0]).toMatchObject({ code: 'generationEnds', params: { days: '1' } });
    expect(cardVerdict(kt, { at: '2026-12-31', desk: 'test' }).reasons[0]).toMatchObject({ code: 'generationEnds', params: { days: '0' } });
    const after = cardVerdict(kt, { at: '2027-01-01', desk: 'test' });
    expect(after.level).toBe('notUsable');
    expect(after.reasons[0]).toMatchObject({ code: 'generationEnded', params: { endsOn: '2027-01-01' } });
  });

  it('G1/G1+ is never usable; eGK G2.0 has no calendar date, so no generation reason', () => {
    const r = activated();
    expect(cardVerdict({ ...r, generation: 'G1+' }, { at: '2026-01-01', desk: 'test' }).reasons[0]).toMatchObject({ code: 'generationOutdated', level: 'notUsable' });
    const egk: CardReport = { ...reports.get(IMAGES.EGK21)!, generation: 'G2.0' };
    expect(codes(cardVerdict(egk, { at: '2019-01-01', desk: 'test' })).filter((c) => c.startsWith('generation'))).toEqual([]);
  });

  it('the five-year term ends a card whose certificates claim longer: the day before, of and after', () => {
    const r = activated();
    const long: CardReport = { ...r, certificates: r.certificates.map((c) => (c.format === 'x509' && c.status === 'ok' ? { ...c, notAfter: '2032-01-01T00:00:00Z' } : c)) };
    // openssl: the earliest notBefore of this card is 2025-04-29 → five years end with 2030-04-29.
    const term = addYears(firstIssued.get(IMAGES.SMCB21)!, 5);
    expect(term).toBe('2030-04-29');
    expect(cardVerdict(long, { at: addDays(term, -1), desk: 'test' }).reasons[0]).toMatchObject({ code: 'maxTermEnds', params: { days: '1' } });
    expect(cardVerdict(long, { at: term, desk: 'test' }).reasons[0]).toMatchObject({ code: 'maxTermEnds', params: { days: '0' } });
    expect(cardVerdict(long, { at: addDays(term, 1), desk: 'test' }).reasons[0]).toMatchObject({ code: 'maxTermReached', level: 'notUsable' });
  });

  it('trust hook: a chain through GEM.RCA2 ends with it (2026-12-07); failed authenticity is not usable', () => {
    const r = activated();
    const trust = { authenticity: 'ok' as const, roots: ['GEM.RCA2'], crossCertificates: [{ issuer: 'GEM.RCA2', subject: 'GEM.RCA3' }] };
    expect(cardVerdict(r, { at: '2026-12-06', desk: 'test', trust }).reasons[0]).toMatchObject({ code: 'rootExpires', params: { name: 'GEM.RCA2', days: '1' } });
    expect(cardVerdict(r, { at: '2026-12-07', desk: 'test', trust }).reasons[0]).toMatchObject({ code: 'rootExpires', params: { days: '0' } });
    const after = cardVerdict(r, { at: '2026-12-08', desk: 'test', trust });
    expect(after.level).toBe('notUsable');
    expect(codes(after).filter((c) => c === 'rootExpired')).toHaveLength(2);
    expect(cardVerdict(r, { at: '2026-12-05', desk: 'test', trust: { authenticity: 'failed', detail: 'SIGNATURE_INVALID' } }).reasons[0])
      .toMatchObject({ code: 'authenticityFailed', level: 'notUsable' });
    // Unchecked says nothing about authenticity either way.
    expect(cardVerdict(r, { at: '2026-12-05', desk: 'test', trust: { authenticity: 'unchecked' } }).level).toBe('usable');
  });

  it('trust hook: a chain to a test root names a test card even without test issuer names', () => {
    const r = { ...activated(), testCard: null };
    const trust = { authenticity: 'testCard' as const, anchor: 'GEM.RCA3 TEST-ONLY' };
    expect(cardVerdict(r, { at: '2026-12-05', desk: 'production', trust }).reasons[0])
      .toMatchObject({ code: 'testCardAtProductionDesk', level: 'notUsable', params: { evidence: 'trustChain', value: 'GEM.RCA3 TEST-ONLY' } });
    expect(codes(cardVerdict(r, { at: '2026-12-05', trust }))).toContain('testCard');
  });
});

describe('reportAt: the report as of another day agrees with the verdict', () => {
  it('moves the lights, days left and the G2.0 warning with the day', () => {
    const r = reports.get(IMAGES.SMCB20)!;
    const june = reportAt(r, instantOfDay('2026-06-01'));
    expect(june.asOf).toBe('2026-06-01');
    expect(june.warnings.find((w) => w.code === 'g20RsaOnly')?.params).toMatchObject({ days: '29', date: '2026-07-01' });
    const july = reportAt(r, instantOfDay('2026-07-01'));
    expect(july.warnings.map((w) => w.code)).toContain('g20Ended');
    expect(july.warnings.find((w) => w.code === 'g20Ended')?.severity).toBe('error');
    const expired = reportAt(r, instantOfDay('2028-03-28'));
    const osig = expired.certificates.find((c) => c.file === 'EF.C.HCI.OSIG.R2048')!;
    expect([osig.light, osig.daysLeft]).toEqual(['expired', -1]);
    expect(osig.problems.map((p) => p.code)).toContain('EXPIRED');
    expect(reportAt(r, instantOfDay('2028-03-27')).certificates.find((c) => c.file === 'EF.C.HCI.OSIG.R2048')!.problems.map((p) => p.code)).not.toContain('EXPIRED');
    expect(expired.effectiveExpiry?.daysLeft).toBe(-1);
  });
});

describe('reasons of their own: an expired CV certificate, the eGK transport PIN, the Prüfkarte eGK', () => {
  /** CXD of a CV certificate hand-read from the image: tag 5F24, length 06, one decimal digit per byte (YYMMDD). */
  const cxd = (file: string, name: string): string => {
    const m = /5F2406((?:0\d){6})/.exec(bodyHex(imageText(file), name))!;
    const d = m[1]!.match(/../g)!.map((b) => String(parseInt(b, 16))).join('');
    return `20${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4, 6)}`;
  };

  it('HBA G2.1 whose X.509 certificates were renewed but whose CV certificates were not: not usable from the day after CXD', () => {
    const last = cxd(IMAGES.HBA21, 'EF.C.HPC.AUTR_CVC.E256');
    expect(last).toBe('2024-03-08'); // 5F24 06 02 04 00 03 00 08
    expect(cxd(IMAGES.HBA21, 'EF.C.HPC.AUTD_SUK_CVC.E256')).toBe(last);
    const r = reports.get(IMAGES.HBA21)!;
    const renewed: CardReport = {
      ...r,
      pins: r.pins.map((p) => (p.status === 'transport' ? { ...p, status: 'retries' as const, retriesLeft: 3, action: 'none' as const } : p)),
      certificates: r.certificates.map((c) => (c.format === 'x509' && c.notAfter ? { ...c, notAfter: '2028-12-31T23:59:59Z' } : c)),
    };
    const onLastDay = cardVerdict(renewed, { at: last, desk: 'test' });
    expect(codes(onLastDay)).not.toContain('cvCertificateExpired');
    const after = cardVerdict(renewed, { at: addDays(last, 1), desk: 'test' });
    expect(after.level).toBe('notUsable');
    expect(after.reasons[0]).toMatchObject({ code: 'cvCertificateExpired', action: 'orderNewCard', params: { lastDay: last, endsOn: addDays(last, 1) } });
    expect(after.reasons[0]!.params['file']).toMatch(/^EF\.C\.HPC\.AUT[RD]_.*CVC\.E256$/);
    expect(codes(after)).not.toContain('cardExpired');
    // The German sentence names the day as TT.MM.JJJJ.
    expect(reasonSentence(after.reasons[0]!, (k, p) => translate('de', k, p), 'de')).toContain('seit 09.03.2024 abgelaufen');
    // The real card: expired as a whole on the same day, so only "card expired" is said.
    expect(codes(verdict(IMAGES.HBA21, addDays(last, 1)))).toEqual(expect.arrayContaining(['cardExpired']));
    expect(codes(verdict(IMAGES.HBA21, addDays(last, 1)))).not.toContain('cvCertificateExpired');
  });

  it('an eGK in transport state: attention, the insured person sets the PIN; not "not activated"', () => {
    const r = reports.get(IMAGES.EGK21)!;
    expect(r.pins.find((p) => p.name === 'PIN.CH')?.status).toBe('retries'); // the image itself is activated
    const transport: CardReport = { ...r, pins: r.pins.map((p) => (p.name === 'PIN.CH' ? { ...p, status: 'transport' as const, retriesLeft: null, action: 'activate' as const } : p)) };
    const v = cardVerdict(transport, { at: '2020-01-01', desk: 'test' });
    expect(v.level).toBe('attention');
    expect(v.reasons[0]).toMatchObject({ code: 'egkTransportPin', action: 'setEgkPin', params: { pinName: 'PIN.CH' } });
    expect(codes(v)).not.toContain('notActivated');
    expect(cardVerdict(r, { at: '2020-01-01', desk: 'test' }).level).toBe('usable');
  });

  it('the Prüfkarte eGK is named as the card terminal\'s test card and is not usable as a patient card', () => {
    const r = reports.get(IMAGES.EGK21)!;
    expect(r.egk?.pruefkarte).toBe(false);
    const pruef: CardReport = { ...r, egk: { ...r.egk!, pruefkarte: true } };
    for (const desk of ['test', 'production'] as const) {
      const v = cardVerdict(pruef, { at: '2020-01-01', desk });
      expect(v.level).toBe('notUsable');
      expect(v.reasons[0]).toMatchObject({ code: 'pruefkarte', action: 'terminalTestOnly' });
    }
    const de = reasonSentence(cardVerdict(pruef, { at: '2020-01-01' }).reasons[0]!, (k, p) => translate('de', k, p), 'de');
    expect(de).toContain('Prüfkarte eGK');
    expect(de).toContain('Kartenterminal');
  });
});

describe('"N of M expired" agrees with the red rows (HBA G2.0, eGK G2.1)', () => {
  /** Every certificate file of the image with a readable date: X.509 by openssl, CV by its hand-read CXD. */
  function datedFiles(file: string): Map<string, string> {
    const xml = imageText(file);
    const out = new Map<string, string>();
    for (const m of xml.matchAll(/<child id="(EF\.C\.[^"]+)"/g)) {
      const name = m[1]!;
      if (/\.(AUTN|ENCV)\./.test(name)) continue; // eGK: behind the PIN, the reader never sees them
      const hex = bodyHex(xml, name);
      if (hex.startsWith('3082') && hex.slice(8, 12) !== '0000') {
        try { out.set(name, opensslDates(hex).notAfter); } catch { /* not a certificate: no date */ }
      } else if (hex.startsWith('7F21')) {
        const d = /5F2406((?:0\d){6})/.exec(hex)?.[1];
        if (d) { const digits = d.match(/../g)!.map((b) => String(parseInt(b, 16))).join(''); out.set(name, `20${digits.slice(0, 2)}-${digits.slice(2, 4)}-${digits.slice(4, 6)}`); }
      }
    }
    return out;
  }
  for (const [file, day] of [[IMAGES.HBA20, '2026-12-05'], [IMAGES.EGK21, '2026-12-05'], [IMAGES.EGK21, '2026-01-01']] as const) {
    it(`${file} on ${day}`, () => {
      const dates = datedFiles(file);
      const expiredByOracle = [...dates.values()].filter((d) => d < day).length;
      const r = reportAt(reports.get(file)!, instantOfDay(day));
      const lit = r.certificates.filter((c) => c.status === 'ok' && c.light);
      expect(lit.map((c) => c.file).sort()).toEqual([...dates.keys()].sort());
      const red = lit.filter((c) => c.light === 'expired').length;
      expect(red).toBe(expiredByOracle);
      const w = r.warnings.find((x) => x.code === 'cardExpired' || x.code === 'certificatesExpired')!;
      expect(w.params).toMatchObject({ count: String(expiredByOracle), total: String(dates.size) });
    });
  }
});

describe('each thing said once: the report keeps only the warnings the banner does not state', () => {
  it('SMC-B G2.1: "not activated" and "test card" are the banner\'s; at a test desk the test card is only a badge, so the list keeps it', () => {
    const r = reportAt(reports.get(IMAGES.SMCB21)!, instantOfDay('2026-12-05'));
    expect(r.warnings.map((w) => w.code)).toEqual(['notActivated', 'testCard']);
    expect(warningsBeyondVerdict(r.warnings, cardVerdict(r))).toEqual([]);
    expect(warningsBeyondVerdict(r.warnings, cardVerdict(r, { desk: 'test' })).map((w) => w.code)).toEqual(['testCard']);
  });
  it('HBA G2.0 after 2026-07-01: expiry and the RSA end are in the banner, nothing repeated', () => {
    const r = reportAt(reports.get(IMAGES.HBA20)!, instantOfDay('2026-07-01'));
    expect(r.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['cardExpired', 'g20Ended']));
    expect(warningsBeyondVerdict(r.warnings, cardVerdict(r)).map((w) => w.code)).not.toContain('cardExpired');
    expect(warningsBeyondVerdict(r.warnings, cardVerdict(r)).map((w) => w.code)).not.toContain('g20Ended');
  });
});
