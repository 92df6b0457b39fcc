// What support staff read on the card page, in its print view and in the kiosk (src/domain/card-report/report-text.ts):
// the QA findings on wording, grouping, order and PIN advice, checked on the gematik card images.
import { describe, it, expect, beforeAll } from 'vitest';
import { loadCardImage, directConnection } from '../../../src/transport/simulated/card-image/index.ts';
import { openGuardedChannel } from '../../../src/apdu/index.ts';
import { readCardReport, reportForExport, type CardReport } from '../../../src/domain/card-report/index.ts';
import { loadCertificateParser, type CertificateParser } from '../../../src/domain/pki/index.ts';
import { loadTelematikIdValidator } from '../../../src/domain/telematik-id/index.ts';
import type { TelematikIdValidator } from '../../../src/domain/telematik-id/types.ts';
import { translate, type Locale, type MessageKey, type MessageParams } from '../../../src/i18n/index.ts';
import { certificateNote, certificateReasonText, holderText, pinActionText, pinStatusText, reportText, telematikIdReason, warningText } from '../../../src/domain/card-report/report-text.ts';
import { summarize } from '../../../src/ui/kiosk/kiosk-summary.ts';
import { demoCards } from '../../../src/ui/reader/demo-cards.ts';
import { IMAGES, imageText } from './helpers.ts';

let parser: CertificateParser;
let validator: TelematikIdValidator;
beforeAll(async () => {
  [parser, validator] = await Promise.all([loadCertificateParser(), loadTelematikIdValidator()]);
});

const tr = (locale: Locale) => (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
const de = tr('de');
const en = tr('en');

async function read(file: string, now = '2025-12-01T00:00:00Z'): Promise<CardReport> {
  const session = directConnection(loadCardImage(imageText(file)));
  return readCardReport(openGuardedChannel(session), session.atr, { parser, validator, now: new Date(now) });
}

describe('warnings: grouped, ordered by importance, dates without time', () => {
  it('HBA G2.1 (8 personalised end-entity certificates, all ending 2024-03-08; PIN.CH in transport state)', async () => {
    const r = await read(IMAGES.HBA21);
    const texts = r.warnings.map((w) => warningText(w, de));
    // Not activated first, then one line for all expired certificates, not eight.
    expect(r.warnings.map((w) => w.code)).toEqual(['notActivated', 'cardExpired', 'testCard']);
    expect(texts[0]).toMatch(/^Karte noch nicht freigeschaltet \(PIN\.CH im Transportzustand\)/);
    // AUT/ENC/QES × RSA/ECC (6 X.509) + AUTR_CVC + AUTD_SUK_CVC = 8 red rows; the CA's CS CV certificate
    // (CXD 5F24 02 08 00 04 02 03 = 2028-04-23) is a ninth row with a light: "8 of 9", as the table shows.
    expect(texts[1]).toContain('8 von 9 Zertifikaten abgelaufen, das erste am 08.03.2024');
    expect(texts[1]).toMatch(/^Karte seit 08\.03\.2024 abgelaufen/);
    for (const text of texts) expect(text).not.toMatch(/T\d\d:\d\d|Z\b|\{\{/);
    expect(warningText(r.warnings[1]!, en)).toMatch(/^Card expired since 8 March 2024 .*8 of 9 certificates expired, the first on 8 March 2024/);
  });

  it('a blocked PIN comes before expired certificates and other findings', async () => {
    const { buildSmcbImageXml, standardSmcbImages } = await import('../../../scripts/build-smcb-images.ts');
    const base = standardSmcbImages()['SMCB_G2_1_80276001011699802021.xml']!;
    const xml = buildSmcbImageXml({ ...base, pin: { transportStatus: 'regularPassword', retryCounter: 0 } });
    const session = directConnection(loadCardImage(xml));
    // 2031: every certificate of this card (latest end 2030-07-20) has expired.
    const r = await readCardReport(openGuardedChannel(session), session.atr, { parser, validator, now: new Date('2031-01-01') });
    expect(r.warnings.map((w) => w.code)).toEqual(['pinBlocked', 'cardExpired', 'testCard']);
    expect(r.warnings[1]!.params).toMatchObject({ date: '2030-04-28', file: 'EF.C.HCI.ENC.E256' });
  });
});

describe('PIN advice', () => {
  it('HBA G2.0: PIN.SO and PIN.AUTO in transport state get neutral advice, not the activation text', async () => {
    const r = await read(IMAGES.HBA20);
    for (const name of ['PIN.SO', 'PIN.AUTO']) {
      const p = r.pins.find((x) => x.name === name)!;
      expect(p.status).toBe('transport');
      const status = pinStatusText(p, r.cardType, de);
      const action = pinActionText(p, de)!;
      expect(status).not.toMatch(/freigeschaltet/);
      expect(action).not.toMatch(/freischalten|PIN setzen/);
      expect(action).toContain('keine Aktion nötig');
    }
    expect(r.warnings.map((w) => w.code)).not.toContain('notActivated');
  });

  it('the main PIN in transport state still says the card is not activated (SMC-B PIN.SMC)', async () => {
    const r = await read(IMAGES.SMCB21);
    const p = r.pins.find((x) => x.name === 'PIN.SMC')!;
    expect(pinStatusText(p, r.cardType, de)).toBe('Transport-PIN: Karte noch nicht freigeschaltet');
    expect(pinActionText(p, de)).toMatch(/im Portal des Kartenherausgebers freischalten/);
  });
});

describe('Telematik-ID reason', () => {
  it('SMC-B G2.1: card type 1 in a 2-2 ID is explained, in both languages', async () => {
    const r = await read(IMAGES.SMCB21);
    expect(r.telematikId?.result?.verdict).toBe('warning');
    expect(telematikIdReason(r.telematikId!.result, 'de')).toBe('Kartentyp „1“ ist in der Bildungsregel 2-2 nicht vergeben.');
    expect(telematikIdReason(r.telematikId!.result, 'en')).toMatch(/\b1\b.*2-2/);
    // The kiosk carries the same result, so it can say the same sentence.
    expect(summarize(r, { showPersonalData: false }).telematikId?.result).toEqual(r.telematikId!.result);
  });
  it('a valid ID needs no reason', () => {
    const result = validator.validate('2-2.30.1.16.290425');
    expect(telematikIdReason({ ...result, verdict: 'valid', reason: null, span: null, part: null }, 'de')).toBeNull();
    expect(telematikIdReason(null, 'de')).toBeNull();
  });
});

describe('holder line', () => {
  it('eGK with personal data hidden: "hidden", not "no readable certificates", while certificates are present', async () => {
    const r = await read(IMAGES.EGK21);
    const hidden = reportForExport(r, { includePersonalData: false });
    expect(hidden.certificates.filter((c) => c.format === 'x509' && c.status === 'ok').length).toBe(4);
    const text = holderText(hidden, de);
    expect(text).toMatch(/^ausgeblendet \(persönliche Daten der eGK\)/);
    expect(text).toContain('Persönliche Daten der eGK in Export und Druck aufnehmen'); // the opt-in's label
    expect(text).toContain(translate('de', 'card.export.personal'));
    const shown = holderText(reportForExport(r, { includePersonalData: true }), de);
    expect(shown).toBe(r.holder.name);
    expect(shown.length).toBeGreaterThan(3);
  });
  it('a card without readable certificates still says so', async () => {
    const r = await read(IMAGES.SMCB21);
    const none = { ...r, holder: { ...r.holder, name: null }, certificates: r.certificates.map((c) => ({ ...c, status: 'empty' as const })) };
    expect(holderText(none, de)).toBe('nicht ermittelbar (keine lesbaren Zertifikate)');
  });
});

describe('certificate rows and export note', () => {
  it('HBA G2.0 RSA CV certificates explain why their fields are empty; ECC ones do not need to', async () => {
    const r = await read(IMAGES.HBA20);
    for (const file of ['EF.C.CA_HPC.CS.R2048', 'EF.C.HPC.AUTR_CVC.R2048']) {
      const c = r.certificates.find((x) => x.file === file)!;
      expect(c).toMatchObject({ status: 'ok', format: 'cvc', algorithm: 'RSA', notAfter: null });
      expect(certificateNote(c, de)).toMatch(/nur mit dem Schlüssel der CA lesbar/);
    }
    expect(certificateNote(r.certificates.find((x) => x.file === 'EF.C.HPC.AUTR_CVC.E256')!, de)).toBeNull();
  });
  it('the export note says PIN status is in, PIN values are not', () => {
    expect(translate('de', 'card.export.noPin')).toMatch(/keine PIN-Werte.*PIN-Status/);
    expect(translate('en', 'card.export.noPin')).toMatch(/no PIN values.*PIN status/);
  });
});

describe('demo card labels', () => {
  it('come from the i18n table in both languages', () => {
    for (const card of demoCards) {
      expect(translate('de', card.labelKey)).not.toBe(card.labelKey);
      expect(translate('en', card.labelKey)).not.toMatch(/Zahnarztpraxis|Krankenhaus|Transport-PIN/);
    }
    expect(translate('en', demoCards.find((c) => c.id === 'SMCB_G2_1')!.labelKey)).toMatch(/dental practice.*transport PIN/);
  });
});

describe('reportText: the CLI prints what the page shows', () => {
  it('SMC-B G2.1: the main PIN line is the page\'s activation text, the reasons are phrases', async () => {
    const r = await read(IMAGES.SMCB21);
    const lines = reportText(r, de, 'de', { reader: 'R1 (extended-apdu)' });
    const pin = r.pins.find((p) => p.name === 'PIN.SMC')!;
    // The image's PIN.SMC is in transport state (SOURCES.md); the page says "not activated" for it.
    expect(pin.status).toBe('transport');
    expect(lines).toContain(`  PIN.SMC: ${pinStatusText(pin, r.cardType, de)} → ${pinActionText(pin, de)}`);
    expect(pinStatusText(pin, r.cardType, de)).toBe(de('card.pin.status.transportMain', { retries: '?' }));
    expect(lines.at(-1)).toBe(`R1 (extended-apdu) · ${de('card.apduCount', { count: r.apduCount })}`);
    for (const w of r.warnings) expect(lines).toContain(`  [${w.severity}] ${warningText(w, de)}`);
  });

  it('a PIN-protected certificate reads as a phrase, not the status code', () => {
    expect(certificateReasonText({ status: 'unreadable', reason: 'securityStatusNotSatisfied' }, de)).toBe('durch PIN geschützt (erst nach PIN-Eingabe lesbar)');
    expect(certificateReasonText({ status: 'unreadable', reason: 'sw6A81' }, de)).toBe(de('card.cert.reason.statusWord', { sw: '6A81' }));
    expect(certificateReasonText({ status: 'ok', reason: null }, de)).toBeNull();
  });
});
