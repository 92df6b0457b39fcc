// Card page end to end in Chromium: the built-in Demo reader (simulated USB reader, our CCID driver)
// reads gematik-format card images from src/assets/demo-cards. Every expected value is taken from
// the image itself (file bodies, PIN objects) and its certificates, decoded here independently of
// the app (node:zlib, node:crypto's X509Certificate, a few lines of DER), never from what the page shows.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { X509Certificate } from 'node:crypto';

const fixtureDir = new URL('../../src/assets/demo-cards/', import.meta.url);
const SMCB = 'SMCB_G2_1_80276001011699802021.xml';
const EGK = 'EGK_G2_1_80276883110000095711.xml';
const DAY = 86_400_000;
/** A day written the ISO way, or the card's JJJJMMTT: neither may appear in the German UI. */
const ISO_DAY = /\b\d{4}-\d{2}-\d{2}\b/;
/** German thousands grouping written out (1323 → 1.323), not through Intl as the app does. */
const germanNumber = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const COMPACT_DAY = /\b(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\b/;

// --- reading the card image (gematik XML) ----------------------------------------------------------

function imageText(file: string): string {
  return readFileSync(new URL(file, fixtureDir), 'utf8');
}

/** The attributes of the object `<child id="…">` up to its first nested child or its end. */
function objectBlock(xml: string, id: string): string {
  const start = xml.indexOf(`<child id="${id}"`);
  if (start < 0) throw new Error(`${id} not in the image`);
  const rest = xml.slice(start + 1);
  const end = rest.search(/<child |<\/child>/);
  return rest.slice(0, end);
}

function attribute(xml: string, id: string, name: string): string | null {
  const m = new RegExp(`<attribute id="${name}"(?:\\s[^>]*?)?(?:/>|>([^<]*)</attribute>)`).exec(objectBlock(xml, id));
  return m ? (m[1] ?? '') : null;
}

function body(xml: string, id: string): Uint8Array {
  return Buffer.from(attribute(xml, id, 'body') ?? '', 'hex');
}

interface Tlv { tag: number; start: number; end: number }
/** Top-level BER-TLVs of `bytes` (one- or two-byte tags, definite lengths: all a card file needs). */
function tlvs(bytes: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let i = 0;
  while (i < bytes.length) {
    let tag = bytes[i++]!;
    if ((tag & 0x1f) === 0x1f) tag = (tag << 8) | bytes[i++]!;
    let len = bytes[i++]!;
    if (len & 0x80) { const n = len & 0x7f; len = 0; for (let k = 0; k < n; k++) len = (len << 8) | bytes[i++]!; }
    out.push({ tag, start: i, end: i + len });
    i += len;
  }
  return out;
}
const inner = (bytes: Uint8Array, t: Tlv): Uint8Array => bytes.subarray(t.start, t.end);

/** Object-system product type version from EF.Version2 (`EF { … C1 03 major minor patch … }`). */
function objectSystemVersion(xml: string): [number, number, number] {
  const v2 = body(xml, 'EF.Version2');
  const outer = tlvs(v2)[0]!;
  const c1 = tlvs(inner(v2, outer)).find((t) => t.tag === 0xc1)!;
  const [a, b, c] = inner(inner(v2, outer), c1);
  return [a!, b!, c!];
}

/** Generation by the object-system version (../shared/reference/cards.md): ≥ 4.4.0 is G2.1. */
function generationOf([a, b, c]: [number, number, number]): string {
  const v = a * 10000 + b * 100 + c;
  return v < 30003 ? 'G1' : v < 40000 ? 'G1+' : v < 40400 ? 'G2.0' : 'G2.1';
}

function iccsnOf(xml: string): string {
  const gdo = body(xml, 'EF.GDO');
  const t = tlvs(gdo)[0]!;
  expect(t.tag).toBe(0x5a);
  return Buffer.from(inner(gdo, t)).toString('hex');
}

const mfAid = (xml: string): string => (attribute(xml, 'MF', 'applicationIdentifier') ?? '').replace(/[{}]/g, '').toUpperCase();

/** Admission extension (1.3.36.8.3.3): registration number (Telematik-ID) and profession OIDs. */
function admissionOf(cert: X509Certificate): { telematikId: string | null; professionOids: string[] } {
  const der = new Uint8Array(cert.raw);
  const certificate = inner(der, tlvs(der)[0]!);
  const tbs = inner(certificate, tlvs(certificate)[0]!);
  const extsTlv = tlvs(tbs).find((t) => t.tag === 0xa3);
  if (!extsTlv) return { telematikId: null, professionOids: [] };
  const extsWrap = inner(tbs, extsTlv);
  const exts = inner(extsWrap, tlvs(extsWrap)[0]!);
  let value: Uint8Array | null = null;
  for (const e of tlvs(exts)) {
    const ext = inner(exts, e);
    const parts = tlvs(ext);
    if (oidText(inner(ext, parts[0]!)) === '1.3.36.8.3.3') value = inner(ext, parts[parts.length - 1]!);
  }
  if (!value) return { telematikId: null, professionOids: [] };
  // AdmissionSyntax ::= SEQUENCE { admissionAuthority GeneralName OPTIONAL, contentsOfAdmissions SEQUENCE OF Admissions }
  const syntax = inner(value, tlvs(value)[0]!);
  const contents = tlvs(syntax).find((t) => t.tag === 0x30)!;
  const admissions = inner(syntax, contents);
  const admission = inner(admissions, tlvs(admissions)[0]!);
  // Admissions ::= SEQUENCE { [0] OPTIONAL, [1] OPTIONAL, professionInfos SEQUENCE OF ProfessionInfo }
  const infosTlv = tlvs(admission).find((t) => t.tag === 0x30)!;
  const infos = inner(admission, infosTlv);
  const info = inner(infos, tlvs(infos)[0]!);
  // ProfessionInfo ::= SEQUENCE { [0] OPTIONAL, professionItems, professionOIDs OPTIONAL, registrationNumber PrintableString OPTIONAL, … }
  const parts = tlvs(info);
  const reg = parts.find((t) => t.tag === 0x13);
  const seqs = parts.filter((t) => t.tag === 0x30);
  const oidSeq = seqs[1] ? inner(info, seqs[1]) : new Uint8Array(0);
  const professionOids = tlvs(oidSeq).filter((t) => t.tag === 0x06).map((t) => oidText(inner(oidSeq, t)));
  return { telematikId: reg ? Buffer.from(inner(info, reg)).toString('latin1') : null, professionOids };
}

function oidText(b: Uint8Array): string {
  const parts = [Math.floor(b[0]! / 40), b[0]! % 40];
  let v = 0;
  for (let i = 1; i < b.length; i++) { v = v * 128 + (b[i]! & 0x7f); if (!(b[i]! & 0x80)) { parts.push(v); v = 0; } }
  return parts.join('.');
}

interface ExpectedCert { file: string; empty: boolean; cert: X509Certificate | null }
function certificateFiles(xml: string, files: string[]): ExpectedCert[] {
  return files.map((file) => {
    const bytes = body(xml, file);
    const empty = bytes.length === 0 || bytes.every((b) => b === 0);
    return { file, empty, cert: empty ? null : new X509Certificate(Buffer.from(bytes)) };
  });
}

/** One attribute of a distinguished name as node:crypto prints it (one `key=value` per line). */
function rdn(name: string, key: string): string | null {
  return new RegExp(`^${key}=(.*)$`, 'm').exec(name)?.[1] ?? null;
}
const notAfterOf = (c: X509Certificate): Date => new Date(c.validTo);

/** The certificate's last day as the German UI writes it: TT.MM.JJJJ (the UTC day the certificate states). */
const germanDay = (d: Date): string => { const [y, m, day] = d.toISOString().slice(0, 10).split('-'); return `${day}.${m}.${y}`; };

// --- driving the page ------------------------------------------------------------------------------

/**
 * Plugs in a Demo reader of `model` and leaves its slot empty. The reader comes with a built-in card
 * (HBA G2.0) that is read and then pulled: this also covers a card swap on the page.
 */
async function plugDemoReader(page: Page, model: string): Promise<void> {
  await page.getByTestId('demo-model').selectOption(model);
  await page.getByTestId('demo-card').selectOption('HBA_G2_0');
  await page.getByTestId('demo-plug').click();
  await expect(page.getByTestId('reader')).toHaveCount(1);
  await expect(page.getByTestId('card-type')).toHaveText('HBA (Heilberufsausweis)', { timeout: 20_000 });
  await page.getByTestId('demo-remove').click();
  await expect(page.getByTestId('slot')).toHaveAttribute('data-card-present', 'false');
  await expect(page.getByTestId('card-report')).toHaveCount(0);
}

async function dropImage(page: Page, file: string): Promise<void> {
  await page.getByTestId('card-image-input').setInputFiles({ name: file, mimeType: 'text/xml', buffer: Buffer.from(imageText(file)) });
  await expect(page.getByTestId('demo-status')).toContainText(file);
  await expect(page.getByTestId('card-report')).toBeVisible({ timeout: 20_000 });
}

async function downloadJson(page: Page): Promise<{ text: string; name: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('card-export-json').click()]);
  const path = await download.path();
  return { text: readFileSync(path!, 'utf8'), name: download.suggestedFilename() };
}

function keysOf(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) keysOf(v, into);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) { into.push(k); keysOf(v, into); }
  return into;
}

// The SMC-B G2.1 object system's certificate files (gemSpec_SMC-B_ObjSys_G2.1 5.3.5–5.3.9, 5.4.2).
const SMCB_CV_FILES = ['EF.C.CA_SMC.CS.R2048', 'EF.C.CA_SMC.CS.E256', 'EF.C.SMC.AUTR_CVC.R2048', 'EF.C.SMC.AUTR_CVC.E256', 'EF.C.SMC.AUTD_RPE_CVC.E256'];
const SMCB_X509_FILES = ['EF.C.HCI.AUT.R2048', 'EF.C.HCI.ENC.R2048', 'EF.C.HCI.OSIG.R2048', 'EF.C.HCI.AUT.E256', 'EF.C.HCI.ENC.E256', 'EF.C.HCI.OSIG.E256'];

test('SMC-B G2.1 dropped into the Demo reader: read, shown, exported, printed; pulling the card clears the view', async ({ page }) => {
  const xml = imageText(SMCB);
  const generation = generationOf(objectSystemVersion(xml));
  const iccsn = iccsnOf(xml);
  const x509 = certificateFiles(xml, SMCB_X509_FILES);
  const cv = SMCB_CV_FILES.map((file) => ({ file, empty: body(xml, file).every((b) => b === 0) }));
  const personalised = x509.filter((c) => c.cert);
  const aut = personalised.find((c) => c.file.includes('.AUT.'))!.cert!;
  const { telematikId, professionOids } = admissionOf(aut);
  const pinTransport = attribute(xml, 'PIN.SMC', 'transportStatus');
  const now = Date.now();

  // Facts of the image this test relies on (so a changed fixture fails here, not mysteriously below).
  expect(mfAid(xml)).toBe('D27600014606'); // SMC-B (cards.md)
  expect(generation).toBe('G2.1');
  expect(iccsn).toMatch(/^80276\d{15}$/);
  expect(personalised.length).toBeGreaterThan(0);
  expect(telematikId).not.toBeNull();
  expect(pinTransport).toBe('transportPIN');

  await page.goto('./#/card');
  await expect(page.getByTestId('card-status')).toHaveText(/Kein Kartenleser verbunden/);
  await plugDemoReader(page, 'ACS_ACR39U_ICC_Reader');
  await dropImage(page, SMCB);

  // Card type and generation come first in the report.
  const report = page.getByTestId('card-report');
  const order = await report.locator('[data-testid]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  expect(order.slice(0, 2)).toEqual(['card-type', 'card-generation']);
  // A practice of a health-care provider (profession OID not an organisation one) → SMC-B, not SMC-B ORG.
  expect(professionOids).toContain('1.2.276.0.76.4.51');
  await expect(page.getByTestId('card-type')).toHaveText('SMC-B (Praxisausweis / Institutionskarte)');
  await expect(page.getByTestId('card-generation')).toHaveText(`Generation: ${generation}`);
  await expect(page.getByTestId('card-iccsn')).toContainText(iccsn);

  // Holder: the institution named in the AUT certificate (gematik marks test certificates "TEST-ONLY").
  const holder = rdn(aut.subject, 'CN')!.replace(/\s*TEST-ONLY$/, '');
  await expect(page.getByTestId('card-holder')).toContainText(holder);
  await expect(page.getByTestId('card-holder')).toContainText('Zahnarztpraxis'); // OID …4.51

  // Telematik-ID and its verdict. Seed 004, rule 2-2 (Zahnarztpraxen, SMC-B):
  // 2-2.{KZV-Kennung}.{Kartentyp}.{Nummernkreis}.{Nummer}; KZV 30 = KZV Berlin is listed, but the
  // Kartentyp of an SMC-B is 2 — this card's ID carries another code, so only the general format holds.
  const tidParts = telematikId!.split('.');
  expect(tidParts[0]).toBe('2-2');
  const kzvListed = ['02', '04', '06', '11', '13', '20', '30', '31', '32', '35', '36'].includes(tidParts[1]!);
  const verdict = kzvListed && tidParts[2] === '2' ? 'gültig' : 'nur allgemeines Format';
  const tid = page.getByTestId('card-telematik-id');
  await expect(tid.locator('code')).toHaveText(telematikId!);
  await expect(tid).toContainText(verdict);
  await expect(tid).toContainText('Sektor 2: Zahnärztinnen und Zahnärzte');
  // The verdict comes with its reason: the Kartentyp is the part to blame.
  expect(verdict).toBe('nur allgemeines Format');
  await expect(page.getByTestId('card-telematik-id-reason')).toHaveText(`Grund: Kartentyp „${tidParts[2]}“ ist in der Bildungsregel 2-2 nicht vergeben.`);
  // Exports carry the PIN status, never a PIN value: the note says exactly that.
  await expect(page.locator('.card-hint')).toHaveText('Exporte enthalten keine PIN-Werte (die Karte gibt keine heraus), nur den PIN-Status.');

  // Certificates: every file of the object system with its state; personalised ones with a traffic light.
  const rows = page.getByTestId('card-certificates').locator('tbody tr');
  await expect(rows).toHaveCount(SMCB_CV_FILES.length + SMCB_X509_FILES.length);
  for (const c of cv) {
    await expect(rows.and(page.locator(`[data-file="${c.file}"]`))).toHaveAttribute('data-status', c.empty ? 'empty' : 'ok');
  }
  for (const c of x509) {
    const row = rows.and(page.locator(`[data-file="${c.file}"]`));
    if (!c.cert) {
      await expect(row).toHaveAttribute('data-status', 'empty');
      await expect(row).toContainText('leer (nicht personalisiert)');
      continue;
    }
    await expect(row).toHaveAttribute('data-status', 'ok');
    const notAfter = notAfterOf(c.cert).getTime();
    const daysLeft = Math.floor((notAfter - now) / DAY);
    const light = notAfter < now ? 'expired' : daysLeft < 90 ? 'soon' : 'fine';
    const lightText = { expired: 'abgelaufen', soon: 'läuft bald ab', fine: 'gültig' }[light];
    await expect(row.locator('[data-light]')).toHaveAttribute('data-light', light);
    await expect(row).toContainText(`${lightText} · bis ${germanDay(notAfterOf(c.cert))}`);
    // A read close to midnight may land a day later than `now` above.
    await expect(row).toContainText(new RegExp(`noch (${germanNumber(daysLeft)}|${germanNumber(daysLeft - 1)}) Tage`));
    await expect(row).toContainText(c.file.endsWith('.E256') ? 'ECC brainpoolP256r1' : 'RSA-2048');
    await expect(row).toContainText(rdn(c.cert.issuer, 'CN')!);
    await expect(row).toContainText(rdn(c.cert.issuer, 'O')!);
  }
  // Effective expiry: the earliest end-entity certificate.
  const earliest = [...personalised].sort((a, b) => notAfterOf(a.cert!).getTime() - notAfterOf(b.cert!).getTime())[0]!;
  await expect(page.getByTestId('card-expiry')).toContainText(`${germanDay(notAfterOf(earliest.cert!))} (${earliest.file})`);

  // PIN state in plain words with what to do; the card is not activated yet.
  const pin = page.getByTestId('card-pins').locator('[data-pin="PIN.SMC"]');
  await expect(pin).toHaveAttribute('data-status', 'transport');
  await expect(pin).toContainText('Transport-PIN: Karte noch nicht freigeschaltet');
  await expect(pin).toContainText('im Portal des Kartenherausgebers freischalten');
  // Said once: the banner states it; the report's warning list does not repeat it.
  await expect(page.getByTestId('verdict-reason')).toContainText('PIN.SMC');
  await expect(page.getByTestId('card-warnings').locator('[data-code="notActivated"]')).toHaveCount(0);

  // JSON export: the report, without any PIN secret (there is none to give: GET PIN STATUS only).
  const { text, name } = await downloadJson(page);
  expect(name).toBe(`karte-${iccsn}.json`);
  const json = JSON.parse(text) as Record<string, unknown> & {
    pins: Record<string, unknown>[];
    certificates: { file: string; status: string }[];
  };
  expect(json['cardType']).toBe('SMC-B');
  expect(json['generation']).toBe(generation);
  expect(json['iccsn']).toBe(iccsn);
  expect((json['telematikId'] as { id: string }).id).toBe(telematikId);
  expect(json.certificates.map((c) => c.file).sort()).toEqual([...SMCB_CV_FILES, ...SMCB_X509_FILES].sort());
  expect(json.pins).toEqual([{ name: 'PIN.SMC', status: 'transport', retriesLeft: null, action: 'activate' }]);
  expect(keysOf(json).filter((k) => /secret|puk|pinvalue|pin_value|password/i.test(k))).toEqual([]);
  // The verdict as `ti-card --json` carries it, for the day of the check (the card still has its transport PIN).
  const d = new Date();
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  expect(json['asOf']).toBe(day);
  expect(json['verdict']).toMatchObject({ level: 'attention', at: day, reasons: [
    { code: 'notActivated', level: 'attention', action: 'activate', params: { pinName: 'PIN.SMC' } },
    { code: 'testCard', level: 'attention', action: 'testEnvironmentOnly' }, // issuer GEM.SMCB-CA59 TEST-ONLY
  ] });

  // Print view: the print button opens the browser's print dialog (stubbed here the way Chromium behaves:
  // beforeprint, dialog, afterprint); in print media only the report shows, technical details opened.
  await page.evaluate(() => {
    const w = window as unknown as { printed: number };
    w.printed = 0;
    window.print = () => { w.printed++; window.dispatchEvent(new Event('beforeprint')); };
  });
  const technical = report.locator('details');
  await expect(technical).not.toHaveAttribute('open');
  await page.getByTestId('card-print').click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(report).toBeVisible();
  // The ticket starts with the verdict: the banner is shown and above the report.
  await expect(page.getByTestId('verdict-banner')).toBeVisible();
  const bannerBottom = await page.getByTestId('verdict-banner').evaluate((el) => el.getBoundingClientRect().bottom);
  expect(bannerBottom).toBeLessThanOrEqual(await report.evaluate((el) => el.getBoundingClientRect().top));
  await expect(page.getByTestId('card-type')).toBeVisible();
  await expect(page.getByTestId('card-apdus')).toBeVisible(); // inside the technical details
  await expect(report).toContainText(mfAid(xml));
  await expect(page.getByTestId('card-telematik-id-reason')).toBeVisible(); // the ticket has the reason too
  for (const id of ['card-export-json', 'reader-panel', 'support-search', 'erase-now']) await expect(page.getByTestId(id)).toBeHidden();
  await expect(page.getByLabel('Sprache')).toBeHidden();
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'screen' });
  await expect(technical).not.toHaveAttribute('open');
  await expect(page.getByTestId('erase-now')).toBeVisible();

  // Pulling the card clears the view.
  await page.getByTestId('demo-remove').click();
  await expect(page.getByTestId('slot')).toHaveAttribute('data-card-present', 'false');
  await expect(page.getByTestId('card-report')).toHaveCount(0);
  await expect(page.getByTestId('card-status')).toHaveText('Die Karte wurde gezogen. Die Anzeige wurde geleert.');
  // Nothing of the card is left on the card page (the reader panel's own status names the dropped file).
  const pageText = await page.locator('.card-page').evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.reader-panel').forEach((p) => p.remove());
    return copy.textContent ?? '';
  });
  for (const value of [iccsn, telematikId!, holder]) expect(pageText).not.toContain(value);
});

// --- eGK: personal data only with the user's consent -----------------------------------------------

/** EF.PD: 2-byte length, gzip, XML (ISO-8859-15) with the insured person's data (cards.md). */
function personalData(xml: string): { insurantId: string; surname: string; givenName: string; birthDate: string } {
  const pd = body(xml, 'EF.PD');
  const len = (pd[0]! << 8) | pd[1]!;
  const text = gunzipSync(pd.subarray(2, 2 + len)).toString('latin1');
  const field = (tag: string): string => new RegExp(`<(?:\\w+:)?${tag}>([^<]*)</`).exec(text)?.[1] ?? '';
  return { insurantId: field('Versicherten_ID'), surname: field('Nachname'), givenName: field('Vorname'), birthDate: field('Geburtsdatum') };
}

function pinSecrets(xml: string): string[] {
  return [...xml.matchAll(/<attribute id="(?:secret|PUK)">([0-9A-Fa-f]+)<\/attribute>/g)].map((m) => m[1]!.toLowerCase());
}

test('eGK: the JSON export leaves out insured-person data unless the user opts in, and never has PIN data', async ({ page }) => {
  const xml = imageText(EGK);
  const person = personalData(xml);
  const secrets = pinSecrets(xml);
  expect(person.insurantId).toMatch(/^[A-Z]\d{9}$/);
  expect(person.surname.length).toBeGreaterThan(1);
  expect(secrets.length).toBeGreaterThan(0); // the image holds PIN and PUK values: none may leak
  // EF.PD has YYYYMMDD; an export may show it as it is, ISO or German style.
  const [y, m, d] = [person.birthDate.slice(0, 4), person.birthDate.slice(4, 6), person.birthDate.slice(6, 8)];
  const birthForms = [person.birthDate, `${y}-${m}-${d}`, `${d}.${m}.${y}`];
  expect(person.birthDate).toMatch(/^\d{8}$/);

  await page.goto('./#/card');
  await plugDemoReader(page, 'HID_Global_OMNIKEY_3x21_Smart_Card_Reader');
  await dropImage(page, EGK);
  await expect(page.getByTestId('card-type')).toHaveText('eGK (elektronische Gesundheitskarte)');
  await expect(page.getByTestId('card-iccsn')).toContainText(iccsnOf(xml));

  const withoutConsent = await downloadJson(page);
  for (const value of [person.insurantId, person.surname, person.givenName, ...birthForms]) {
    expect(withoutConsent.text).not.toContain(value);
  }
  for (const s of secrets) expect(withoutConsent.text.toLowerCase()).not.toContain(s);
  expect(JSON.parse(withoutConsent.text).personalDataRemoved).toBe(true);
  // The page itself also keeps the insured person's data hidden until asked.
  await expect(page.getByTestId('card-report')).not.toContainText(person.insurantId);
  // The holder is hidden, not missing: the certificates naming the holder are listed as present.
  await expect(page.locator('tr[data-file^="EF.C.CH."][data-status="ok"]')).toHaveCount(4);
  await expect(page.getByTestId('card-holder')).toContainText('ausgeblendet (persönliche Daten der eGK)');
  await expect(page.getByTestId('card-holder')).not.toContainText('keine lesbaren Zertifikate');

  await page.getByTestId('card-personal').check();
  await expect(page.getByTestId('card-egk')).toContainText(person.insurantId);
  await expect(page.getByTestId('card-holder')).toContainText(person.surname);
  const withConsent = await downloadJson(page);
  const parsed = JSON.parse(withConsent.text) as { egk: { pd: { insurantId: string; surname: string } } };
  expect(parsed.egk.pd.insurantId).toBe(person.insurantId);
  expect(parsed.egk.pd.surname).toBe(person.surname);
  expect(birthForms.some((b) => withConsent.text.includes(b))).toBe(true);
  // On the page the birth date reads TT.MM.JJJJ, never the card's JJJJMMTT or ISO.
  await expect(page.getByTestId('card-egk')).toContainText(`${d}.${m}.${y}`);
  await expect(page.getByTestId('card-report')).not.toContainText(person.birthDate);
  await expect(page.getByTestId('card-report')).not.toContainText(ISO_DAY);
  for (const s of secrets) expect(withConsent.text.toLowerCase()).not.toContain(s);
  expect(keysOf(parsed).filter((k) => /secret|puk|pinvalue|password/i.test(k))).toEqual([]);

  // Consent belongs to one card: pull it and put a card in again, and the data is hidden again.
  await page.getByTestId('demo-remove').click();
  await expect(page.getByTestId('card-report')).toHaveCount(0);
  await dropImage(page, EGK);
  await expect(page.getByTestId('card-personal')).not.toBeChecked();
  await expect(page.getByTestId('card-report')).not.toContainText(person.insurantId);
  const again = await downloadJson(page);
  expect(again.text).not.toContain(person.insurantId);
});

// --- the same card through each exchange level the Demo reader offers ------------------------------

const models: [string, string, RegExp][] = [
  ['TPDU', 'ACS_ACR39U_ICC_Reader', /TPDU/],
  ['extended APDU', 'HID_Global_OMNIKEY_3x21_Smart_Card_Reader', /erweiterte APDUs/],
];
for (const [level, model, levelText] of models) {
  test(`SMC-B G2.1 through a ${level} reader model (${model})`, async ({ page }) => {
    const xml = imageText(SMCB);
    await page.goto('./#/card');
    await plugDemoReader(page, model);
    await expect(page.getByTestId('reader')).toContainText(levelText);
    await dropImage(page, SMCB);
    await expect(page.getByTestId('card-type')).toHaveText('SMC-B (Praxisausweis / Institutionskarte)');
    await expect(page.getByTestId('card-generation')).toHaveText(`Generation: ${generationOf(objectSystemVersion(xml))}`);
    await expect(page.getByTestId('card-iccsn')).toContainText(iccsnOf(xml));
    await expect(page.getByTestId('card-pins').locator('[data-pin="PIN.SMC"]')).toHaveAttribute('data-status', 'transport');
    const shown = certificateFiles(xml, SMCB_X509_FILES).filter((c) => c.cert).map((c) => c.file);
    for (const file of shown) await expect(page.locator(`tr[data-file="${file}"]`)).toHaveAttribute('data-status', 'ok');
    // APDUs: with extended length one READ BINARY per file: SELECT MF, EF.ATR/GDO/Version2, EF.DIR from
    // record 2 (record 1 names the MF, known from its FCP) up to the 6A83 that ends it, every certificate
    // file, one GET PIN STATUS per PIN, SELECT DF.ESIGN. Issue 4's budget for TPDU readers is 40.
    const dirStart = xml.indexOf('<child id="EF.DIR"');
    const dirRecords = (xml.slice(dirStart, xml.indexOf('</child>', dirStart)).match(/recordValue">/g) ?? []).length;
    const pins = (xml.match(/objectType="PWD"/g) ?? []).length;
    const perFile = 1 + 3 + dirRecords + SMCB_CV_FILES.length + SMCB_X509_FILES.length + pins + 1;
    const count = Number(/(\d+) APDUs/.exec(await page.getByTestId('card-apdus').textContent() ?? '')?.[1]);
    if (level === 'TPDU') {
      expect(count).toBeGreaterThanOrEqual(perFile);
      expect(count).toBeLessThanOrEqual(40);
    } else {
      expect(count).toBe(perFile);
    }
    await page.getByTestId('demo-remove').click();
    await expect(page.getByTestId('card-report')).toHaveCount(0);
  });
}

// --- HBA: warnings grouped and ordered, PIN advice per PIN, RSA CV certificates explained -----------

const HBA21 = 'HBA_G2_1_80276883110000220885.xml';
const HBA20 = 'HBA_G2_0_80276883110000017289.xml';
const HBA_X509 = (alg: 'R2048' | 'E256') => ['AUT', 'ENC', 'QES'].map((role) => `EF.C.HP.${role}.${alg}`);

test('HBA G2.1: expired first, then "not activated", each said once, dates without time', async ({ page }) => {
  const xml = imageText(HBA21);
  const certs = certificateFiles(xml, [...HBA_X509('R2048'), ...HBA_X509('E256')]).filter((c) => c.cert);
  const ends = certs.map((c) => notAfterOf(c.cert!)).sort((a, b) => a.getTime() - b.getTime());
  expect(ends.length).toBe(6);
  expect(ends[ends.length - 1]!.getTime()).toBeLessThan(Date.now()); // every X.509 certificate has expired
  expect(attribute(xml, 'PIN.CH', 'transportStatus')).toBe('transportPIN');

  await page.goto('./#/card');
  await plugDemoReader(page, 'HID_Global_OMNIKEY_3x21_Smart_Card_Reader');
  await dropImage(page, HBA21);
  // The banner says both (expired first: it decides); the report's own list repeats neither.
  await expect(page.getByTestId('verdict-reason')).toContainText(`gültig bis ${germanDay(ends[0]!)}`);
  await expect(page.getByTestId('verdict-more').locator('[data-code="notActivated"]')).toContainText('Karte noch nicht freigeschaltet (PIN.CH');
  await expect(page.getByTestId('verdict-banner')).not.toContainText(/T\d\d:\d\d/);
  await expect(page.getByTestId('card-warnings').locator('li', { hasText: /abgelaufen|freigeschaltet/ })).toHaveCount(0);
  await expect(page.getByTestId('card-warnings')).not.toContainText(/T\d\d:\d\d/);
  // Only PIN.CH decides activation; PIN.AUTO and PIN.SO are not the holder's everyday PIN.
  for (const name of ['PIN.AUTO', 'PIN.SO']) {
    const pin = page.getByTestId('card-pins').locator(`[data-pin="${name}"]`);
    await expect(pin).toContainText('keine Aktion nötig');
    await expect(pin).not.toContainText(/freischalten|freigeschaltet|Eigene PIN setzen/);
  }
});

test('HBA G2.0: RSA CV certificates say why their fields are empty; transport PIN.SO/PIN.AUTO raise no alarm', async ({ page }) => {
  const xml = imageText(HBA20);
  expect(attribute(xml, 'PIN.SO', 'transportStatus')).toBe('transportPIN');
  await page.goto('./#/card');
  await plugDemoReader(page, 'HID_Global_OMNIKEY_3x21_Smart_Card_Reader');
  await dropImage(page, HBA20);
  for (const file of ['EF.C.CA_HPC.CS.R2048', 'EF.C.HPC.AUTR_CVC.R2048']) {
    const row = page.locator(`tr[data-file="${file}"]`);
    await expect(row).toHaveAttribute('data-status', 'ok');
    await expect(row.getByTestId('card-cert-note')).toHaveText('RSA-CV-Zertifikat mit Nachrichten-Rückgewinnung: Inhalt nur mit dem Schlüssel der CA lesbar');
  }
  await expect(page.locator('tr[data-file="EF.C.HPC.AUTR_CVC.E256"]').getByTestId('card-cert-note')).toHaveCount(0);
  await expect(page.getByTestId('card-warnings').locator('[data-code="notActivated"]')).toHaveCount(0);
  await expect(page.getByTestId('card-pins').locator('[data-pin="PIN.SO"]')).toHaveAttribute('data-action', 'specialPin');
});

test('English UI: the demo card labels are English too', async ({ page }) => {
  await page.goto('./?lang=en#/card');
  const options = page.getByTestId('demo-card').locator('option');
  await expect(options.filter({ hasText: 'SMC-B G2.1' })).toHaveText('SMC-B G2.1 (dental practice Beyer, transport PIN)');
  const labels = await options.allTextContents();
  expect(labels.join(' ')).not.toMatch(/Zahnarztpraxis|Krankenhaus|Transport-PIN/);
});

// --- dates in the language of the page (issue 12) --------------------------------------------------------

test('German card page: every demo card shows dates as TT.MM.JJJJ, no ISO day anywhere in the report', async ({ page }) => {
  await page.goto('./#/card');
  await plugDemoReader(page, 'HID_Global_OMNIKEY_3x21_Smart_Card_Reader');
  for (const file of [SMCB, HBA21, HBA20, EGK]) {
    await dropImage(page, file);
    await expect(page.getByTestId('card-report')).toBeVisible();
    if (file === EGK) await page.getByTestId('card-personal').check();
    const report = page.getByTestId('card-report');
    await expect(report).not.toContainText(ISO_DAY);
    await expect(report).not.toContainText(COMPACT_DAY);
    await expect(page.getByTestId('card-expiry')).toContainText(/\d{2}\.\d{2}\.\d{4}/);
    await page.getByTestId('demo-remove').click();
    await expect(page.getByTestId('card-report')).toHaveCount(0);
  }
});

test('English card page: English dates and no German profession name', async ({ page }) => {
  const person = personalData(imageText(EGK));
  const birth = new Date(`${person.birthDate.slice(0, 4)}-${person.birthDate.slice(4, 6)}-${person.birthDate.slice(6, 8)}T00:00:00Z`);
  const english = `${birth.getUTCDate()} ${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][birth.getUTCMonth()]} ${birth.getUTCFullYear()}`;
  await page.goto('./?lang=en#/card');
  await page.getByTestId('demo-model').selectOption('HID_Global_OMNIKEY_3x21_Smart_Card_Reader');
  await page.getByTestId('demo-plug').click();
  await expect(page.getByTestId('card-report')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('demo-remove').click();
  await dropImage(page, EGK);
  await page.getByTestId('card-personal').check();
  await expect(page.getByTestId('card-egk')).toContainText(english);
  await expect(page.getByTestId('card-report')).not.toContainText(ISO_DAY);
  await expect(page.getByTestId('card-report')).not.toContainText(/\d{2}\.\d{2}\.\d{4}/);
  await expect(page.getByTestId('card-holder')).not.toContainText('Versicherte/-r');
});
