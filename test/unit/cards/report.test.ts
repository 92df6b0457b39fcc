// Card reports of every image, through one simulated reader of each exchange level (TPDU, short APDU,
// extended APDU) with our CCID driver. Expected values from the certificates as OpenSSL shows them and
// from the image XML, not from this code.
import { describe, it, expect, beforeAll } from 'vitest';
import { gzipSync } from 'node:zlib';
import { loadCardImage, connectThroughSimulatedReader, directConnection } from '../../../src/transport/simulated/card-image/index.ts';
import { openGuardedChannel } from '../../../src/apdu/index.ts';
import { readCardReport, reportForExport, searchSupportEntries, SUPPORT_ENTRIES, type CardReport, type SupportEntry } from '../../../src/domain/card-report/index.ts';
import { loadCertificateParser, type CertificateParser } from '../../../src/domain/pki/index.ts';
import { loadTelematikIdValidator } from '../../../src/domain/telematik-id/index.ts';
import type { TelematikIdValidator } from '../../../src/domain/telematik-id/types.ts';
import { codeKey, translate } from '../../../src/i18n/index.ts';
import { IMAGES, imageText } from './helpers.ts';

let parser: CertificateParser;
let validator: TelematikIdValidator;
beforeAll(async () => {
  [parser, validator] = await Promise.all([loadCertificateParser(), loadTelematikIdValidator()]);
});

const READERS = {
  tpdu: 'ACS_ACR39U_ICC_Reader',
  short: 'Cherry_SmartTerminal_XX44',
  extended: 'ReinerSCT_cyberJack_one',
} as const;

async function report(file: string, readerId: string, now: string, xml = imageText(file)): Promise<CardReport & { level: string }> {
  const session = await connectThroughSimulatedReader(loadCardImage(xml), readerId);
  try {
    const r = await readCardReport(
      openGuardedChannel(session.connection), session.connection.atr, { parser, validator, now: new Date(now) });
    return { ...r, level: session.level };
  } finally {
    await session.close();
  }
}

const cert = (r: CardReport, file: string) => r.certificates.find((c) => c.file === file)!;

for (const [level, readerId] of Object.entries(READERS)) {
  describe(`card reports through ${readerId} (${level})`, () => {
    it('SMC-B G2.1 Zahnarzt Praxis Babette Beyer', async () => {
      const r = await report(IMAGES.SMCB21, readerId, '2025-12-01T00:00:00Z');
      expect(r.level).toBe(level === 'tpdu' ? 'tpdu' : level === 'short' ? 'short-apdu' : 'extended-apdu');
      expect([r.cardType, r.smcbOrg, r.generation, r.iccsn]).toEqual(['SMC-B', false, 'G2.1', '80276001011699802021']);
      expect(r.holder).toMatchObject({ name: 'Zahnarzt Praxis Babette Beyer', kind: 'institution' });
      expect(r.holder.professions.map((p) => p.oid)).toEqual(['1.2.276.0.76.4.51']);
      expect(r.telematikId?.id).toBe('2-2.30.1.16.290425');
      expect(r.telematikId?.sector).toBe(2);
      // card type 1 in a 2-2 (SMC-B) ID: general form only (rules-data.ts DECISIONS.zahnCardTypes)
      expect(r.telematikId?.result).toMatchObject({ verdict: 'warning', reason: 'TID_UNKNOWN_CODE', part: 'cardType' });
      expect(r.crossChecks.map((c) => [c.code, c.result])).toEqual([
        ['telematikIdProfession', 'ok'], ['singleTelematikId', 'ok'], ['iccsnInSubject', 'ok'],
      ]);
      const aut = cert(r, 'EF.C.HCI.AUT.E256');
      expect(aut).toMatchObject({
        status: 'ok', format: 'x509', algorithm: 'ECC brainpoolP256r1', certificateType: 'C.HCI.AUT',
        issuerCa: 'GEM.SMCB-CA59 TEST-ONLY', tsp: 'gematik GmbH NOT-VALID', subjectSerialNumber: '16.80276001011699802021',
        light: 'fine', telematikId: '2-2.30.1.16.290425',
      });
      expect(aut.notAfter?.slice(0, 10)).toBe('2030-07-20');
      const enc = cert(r, 'EF.C.HCI.ENC.E256');
      expect(enc).toMatchObject({ status: 'ok', certificateType: 'C.HCI.ENC', issuerCa: 'GEM.SMCB-CA58 TEST-ONLY' });
      expect(r.effectiveExpiry?.file).toBe('EF.C.HCI.ENC.E256'); // 2030-04-28 < 2030-07-20
      expect(r.effectiveExpiry?.date.slice(0, 10)).toBe('2030-04-28');
      expect(cert(r, 'EF.C.HCI.OSIG.E256')).toMatchObject({ status: 'empty' });
      expect(cert(r, 'EF.C.SMC.AUTR_CVC.E256')).toMatchObject({ status: 'empty', format: 'cvc' });
      expect(r.pins).toEqual([{ name: 'PIN.SMC', status: 'transport', retriesLeft: null, action: 'activate' }]);
      // Issued by GEM.SMCB-CA59 TEST-ONLY: named as a test card.
      expect(r.warnings.map((w) => w.code)).toEqual(['notActivated', 'testCard']);
    });

    it('SMC-B G2.0 Krankenhaus: RSA only → replace, OSIG certificate, 2 retries', async () => {
      const r = await report(IMAGES.SMCB20, readerId, '2025-12-01T00:00:00Z');
      expect([r.cardType, r.generation, r.iccsn]).toEqual(['SMC-B', 'G2.0', '80276001011699901340']);
      expect(r.telematikId?.id).toBe('5-2-KHAUS-KOMMA-20230327');
      expect(r.holder.professions.map((p) => p.oid)).toEqual(['1.2.276.0.76.4.53']);
      expect(cert(r, 'EF.C.HCI.OSIG.R2048')).toMatchObject({
        status: 'ok', algorithm: 'RSA-2048', certificateType: 'C.HCI.OSIG', issuerCa: 'GEM.SMCB-CA41 TEST-ONLY', light: 'fine',
      });
      expect(cert(r, 'EF.C.HCI.OSIG.R2048').notAfter?.slice(0, 10)).toBe('2028-03-27');
      expect(r.pins).toEqual([{ name: 'PIN.SMC', status: 'retries', retriesLeft: 2, action: 'watchRetries' }]);
      // Both 'warning': the PIN about to block matters more today than the planned G2.0 replacement.
      expect(r.warnings.map((w) => w.code)).toEqual(['pinFewRetries', 'g20RsaOnly', 'testCard']);
      // 2025-12-01: the TI calendar's G2.0 end (last day 2026-06-30) is 211 days away.
      expect(r.warnings.find((w) => w.code === 'g20RsaOnly')?.params).toMatchObject({ lastDay: '2026-06-30', date: '2026-07-01', days: '211' });
    });

    it('HBA G2.1 Xaver Hilfé (dentist)', async () => {
      const r = await report(IMAGES.HBA21, readerId, '2024-03-06T00:00:00Z');
      expect([r.cardType, r.generation, r.iccsn]).toEqual(['HBA', 'G2.1', '80276883110000220885']);
      expect(r.holder).toMatchObject({ name: 'Xaver Hilfé', kind: 'person' });
      expect(r.telematikId?.id).toBe('2-HBA-Testkarte-883110000220885');
      expect(r.holder.professions.map((p) => p.oid)).toEqual(['1.2.276.0.76.4.31']);
      expect(Object.fromEntries(r.crossChecks.map((c) => [c.code, c.result]))).toEqual({
        telematikIdProfession: 'ok', singleTelematikId: 'ok', iccsnInSubject: 'ok', iccsnInChr: 'ok',
      });
      expect(cert(r, 'EF.C.HP.AUT.R2048')).toMatchObject({ status: 'ok', algorithm: 'RSA-2048', issuerCa: 'GEM.HBA-CA4 TEST-ONLY', light: 'soon', daysLeft: 2 });
      expect(cert(r, 'EF.C.HP.QES.E256')).toMatchObject({ status: 'ok', algorithm: 'ECC brainpoolP256r1', issuerCa: 'GEM.HBA-qCA3 TEST-ONLY' });
      expect(cert(r, 'EF.C.HPC.AUTR_CVC.E256')).toMatchObject({ status: 'ok', format: 'cvc', chr: '000680276883110000220885', chrIccsn: '80276883110000220885' });
      expect(r.pins.map((p) => [p.name, p.status, p.action])).toEqual([
        // PIN.CH decides activation; PIN.QES is the holder's own (set it); PIN.AUTO/PIN.SO are not day-to-day PINs.
        ['PIN.CH', 'transport', 'activate'], ['PIN.QES', 'transport', 'setPin'], ['PIN.AUTO', 'empty', 'specialPin'], ['PIN.SO', 'empty', 'specialPin'],
      ]);
      const expiring = r.warnings.filter((w) => w.code === 'certificateExpiring');
      expect(expiring).toHaveLength(1);
      expect(expiring[0]!.params['files']!.split(', ')).toContain('EF.C.HP.AUT.R2048');
      expect(expiring[0]!.params).toMatchObject({ date: '2024-03-08', days: '2' });
      expect(r.warnings.find((w) => w.code === 'notActivated')?.params).toEqual({ pins: 'PIN.CH' });
      expect(r.warnings[0]!.code).toBe('notActivated');
    });

    it('HBA G2.0 Ullrich Goerlitzer (psychotherapist), expired', async () => {
      const r = await report(IMAGES.HBA20, readerId, '2025-12-01T00:00:00Z');
      expect([r.cardType, r.generation, r.iccsn]).toEqual(['HBA', 'G2.0', '80276883110000017289']);
      expect(r.telematikId?.id).toBe('4-11a4103-001');
      expect(r.holder.professions.map((p) => p.oid)).toEqual(['1.2.276.0.76.4.46']);
      expect(cert(r, 'EF.C.HP.AUT.R2048')).toMatchObject({ status: 'ok', light: 'expired', subjectSerialNumber: '80276883110000017289' });
      expect(r.pins.map((p) => [p.name, p.status, p.retriesLeft])).toEqual([
        ['PIN.CH', 'retries', 3], ['PIN.QES', 'retries', 3], ['PIN.AUTO', 'transport', null], ['PIN.SO', 'transport', null],
      ]);
      expect(r.pins.filter((p) => p.name === 'PIN.AUTO' || p.name === 'PIN.SO').map((p) => p.action)).toEqual(['specialPin', 'specialPin']);
      // PIN.CH is in use: PIN.AUTO / PIN.SO in transport state do not make the card "not activated".
      expect(r.warnings.map((w) => w.code)).not.toContain('notActivated');
      expect(r.warnings.map((w) => w.code)).toContain('g20RsaOnly');
      const expired = r.warnings.filter((w) => w.code === 'cardExpired');
      expect(expired).toHaveLength(1);
      expect(expired[0]!.params['files']!.split(', ')).toContain('EF.C.HP.AUT.R2048');
      expect(expired[0]!.params['date']).toBe('2017-09-16');
    });

    it('eGK G2.1: insured-person data, PIN-protected certificates unreadable, no Telematik-ID', async () => {
      const r = await report(IMAGES.EGK21, readerId, '2025-12-01T00:00:00Z');
      expect([r.cardType, r.generation, r.iccsn, r.telematikId]).toEqual(['eGK', 'G2.1', '80276883110000095711', null]);
      expect(cert(r, 'EF.C.CH.AUTN.R2048')).toMatchObject({ status: 'unreadable', reason: 'securityStatusNotSatisfied' });
      expect(cert(r, 'EF.C.CH.AUT.E256')).toMatchObject({ status: 'ok', issuerCa: 'GEM.EGK-CA10 TEST-ONLY', light: 'expired' });
      expect(r.egk?.pd).toMatchObject({ insurantId: 'X110408667', surname: 'Ðoria', birthDate: '19880401', street: 'Mühlenstr.', city: 'Weener' });
      expect(r.egk?.vd).toMatchObject({ coverageStart: '20180621', costBearerId: '999567890', costBearerName: 'gematik Musterkasse1GKV', wop: '17' });
      expect(r.egk?.statusVd).toEqual({ updatePending: false, timestamp: '2018-06-21T08:35:54', versionHex: '00500200000030000004' });
      expect(r.egk?.pruefkarte).toBe(false);
      expect(r.pins.find((p) => p.name === 'MRPIN.NFD')).toMatchObject({ status: 'disabled' });
    });
  });
}

describe('report details', () => {
  it('an eGK export leaves personal data out unless asked for', async () => {
    const r = await report(IMAGES.EGK21, READERS.extended, '2025-12-01T00:00:00Z');
    const plain = JSON.stringify(reportForExport(r, { includePersonalData: false }));
    expect(plain).not.toContain('X110408667');
    expect(plain).not.toContain('Weener');
    expect(plain).not.toContain('Annegret');
    expect(JSON.stringify(reportForExport(r, { includePersonalData: true }))).toContain('X110408667');
  });

  it('recognises the Prüfkarte eGK (seed 002 Tabelle 1) from its cost bearer', async () => {
    const xml = imageText(IMAGES.EGK21);
    const vdXml = '<?xml version="1.0" encoding="ISO-8859-15"?><UC_AllgemeineVersicherungsdatenXML><Versicherter><Versicherungsschutz>'
      + '<Beginn>20000101</Beginn><Kostentraeger><Kostentraegerkennung>109500969</Kostentraegerkennung><Kostentraegerlaendercode>D</Kostentraegerlaendercode>'
      + '<Name>Test GKV-SV</Name></Kostentraeger></Versicherungsschutz><Zusatzinfos><ZusatzinfosGKV><Versichertenart>1</Versichertenart>'
      + '<Zusatzinfos_Abrechnung_GKV><WOP>83</WOP></Zusatzinfos_Abrechnung_GKV></ZusatzinfosGKV></Zusatzinfos></Versicherter></UC_AllgemeineVersicherungsdatenXML>';
    const gz = gzipSync(Buffer.from(vdXml, 'latin1'));
    const body = Buffer.alloc(8 + gz.length);
    body.writeUInt16BE(8, 0); body.writeUInt16BE(8 + gz.length - 1, 2);
    gz.copy(body, 8);
    const start = xml.indexOf('<child id="EF.VD"');
    const end = xml.indexOf('</child>', start);
    const element = xml.slice(start, end)
      .replace(/(<attribute id="body"[^>]*>)[0-9a-fA-F\s]*(<\/attribute>)/, `$1${body.toString('hex')}$2`)
      .replace(/(<attribute id="positionLogicalEndOfFile"[^>]*>)[0-9a-fA-F]*(<)/, `$1${body.length.toString(16).padStart(4, '0')}$2`);
    const pruef = xml.slice(0, start) + element + xml.slice(end);
    const r = await report(IMAGES.EGK21, READERS.extended, '2025-12-01T00:00:00Z', pruef);
    expect(r.egk?.vd).toMatchObject({ costBearerId: '109500969', costBearerName: 'Test GKV-SV', wop: '83', coverageStart: '20000101' });
    expect(r.egk?.pruefkarte).toBe(true);
    expect(r.warnings.map((w) => w.code)).toContain('pruefkarte');
  });

  it('flags a certificate file whose content does not fit its name as corrupt, and a blocked PIN', async () => {
    const { buildSmcbImageXml, standardSmcbImages } = await import('../../../scripts/build-smcb-images.ts');
    const base = standardSmcbImages()['SMCB_G2_1_80276001011699802021.xml']!;
    const ecc = base.certificates['EF.C.HCI.AUT.E256']!;
    const xml = buildSmcbImageXml({
      ...base,
      pin: { transportStatus: 'regularPassword', retryCounter: 0 },
      certificates: { ...base.certificates, 'EF.C.HCI.AUT.R2048': ecc, 'EF.C.HCI.OSIG.E256': Uint8Array.of(0x30, 0x82, 0x01, 0x00, 0x02, 0x01) },
    });
    const session = directConnection(loadCardImage(xml));
    const r = await readCardReport(openGuardedChannel(session), session.atr, { parser, validator, now: new Date('2025-12-01') });
    expect(cert(r, 'EF.C.HCI.AUT.R2048')).toMatchObject({ status: 'corrupt', reason: 'wrongAlgorithm' });
    expect(cert(r, 'EF.C.HCI.OSIG.E256').status).toBe('corrupt');
    expect(r.pins).toEqual([{ name: 'PIN.SMC', status: 'blocked', retriesLeft: 0, action: 'usePuk' }]);
    expect(r.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['certificateCorrupt', 'pinBlocked']));
  });

  it('reads a G2.1 SMC-B with 19 APDUs on an extended path and within 40 on a short one', async () => {
    const ext = await report(IMAGES.SMCB21, READERS.extended, '2025-12-01T00:00:00Z');
    const short = await report(IMAGES.SMCB21, READERS.short, '2025-12-01T00:00:00Z');
    expect(ext.apduCount).toBe(19);
    expect(short.apduCount).toBe(25);
  });
});

describe('support help (seed 002 Merkblatt)', () => {
  const textOf = (_: string) => (e: SupportEntry) => translate('de', codeKey('card.support.', e.id, '.cause')) + translate('de', codeKey('card.support.', e.id, '.action'));
  it('covers every code the Merkblatt names', () => {
    const codes = [101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 3001, 3039, 3040, 3041, 3042,
      4001, 4020, 4052, 4056, 4057, 4094, 4174, 12105];
    for (const code of codes) expect(searchSupportEntries(String(code), textOf('')).length, String(code)).toBeGreaterThan(0);
    for (const n of [1, 2, 3, 4, 5, 6]) expect(searchSupportEntries(`PN ${n}`, textOf('')).map((e) => e.id)).toEqual([`pn${n}`]);
    expect(searchSupportEntries('4053', textOf(''))).toEqual([]);
    expect(searchSupportEntries('4056', textOf('')).map((e) => e.id)).toEqual(['e4056']);
  });
  it('finds entries by words in their texts and has texts in both languages', () => {
    const de = (e: SupportEntry) => translate('de', codeKey('card.support.', e.id, '.cause'));
    expect(searchSupportEntries('zu früh', de).map((e) => e.id)).toEqual(['e4056']);
  });
  it('covers SMC-B and HBA topics: transport PIN, blocked PIN, expiry, the G2.0 deadline', () => {
    const both = textOf('');
    expect(searchSupportEntries('Transport-PIN', both).map((e) => e.id)).toContain('transportPin');
    expect(searchSupportEntries('PUK', both).map((e) => e.id)).toContain('pinBlocked');
    expect(searchSupportEntries('Folgekarte', both).map((e) => e.id)).toContain('cardExpired');
    // trust.md (gematik letter 2025-11-14): RSA-only HBA/SMC-B work until 2026-06-30, from 2026-07-01 only ECC
    const g20 = searchSupportEntries('G2.0', both).map((e) => e.id);
    expect(g20).toContain('g20Deadline');
    expect(translate('de', 'card.support.g20Deadline.cause')).toContain('01.07.2026');
    expect(translate('en', 'card.support.g20Deadline.cause')).toContain('1 July 2026');
    for (const id of ['transportPin', 'pinBlocked', 'cardExpired', 'g20Deadline']) {
      expect(SUPPORT_ENTRIES.find((e) => e.id === id)?.kind).toBe('smcbHba');
    }
    for (const e of SUPPORT_ENTRIES) {
      for (const lang of ['de', 'en'] as const) {
        expect(translate(lang, codeKey('card.support.', e.id, '.cause'))).not.toMatch(/^card\./);
        expect(translate(lang, codeKey('card.support.', e.id, '.action'))).not.toMatch(/^card\./);
      }
    }
  });
});
