// Reading every card image completely through the guarded APDU channel, on an extended-length and on a
// short-APDU path. Expected values come from the image XML (regex on the raw text) and the specs.
import { describe, it, expect } from 'vitest';
import { loadCardImage, directConnection, EXTENDED_APDU_LIMITS, SHORT_APDU_LIMITS } from '../../../src/transport/simulated/card-image/index.ts';
import { openGuardedChannel } from '../../../src/apdu/index.ts';
import { readCard, type CardReadout } from '../../../src/cards/index.ts';
import { IMAGES, imageText, bodyHex, hex } from './helpers.ts';

async function read(file: string, extended: boolean): Promise<CardReadout> {
  const conn = directConnection(loadCardImage(imageText(file)), extended ? EXTENDED_APDU_LIMITS : SHORT_APDU_LIMITS);
  return readCard(openGuardedChannel(conn), { atr: conn.atr });
}

const statusOf = (r: CardReadout): Record<string, string> => Object.fromEntries(r.certificates.map((c) => [c.name, c.status]));
const pinsOf = (r: CardReadout): Record<string, string> =>
  Object.fromEntries(r.pins.map((p) => [p.name, p.retriesLeft === null ? p.status : `${p.status}:${p.retriesLeft}`]));

for (const extended of [true, false]) {
  const path = extended ? 'extended APDUs' : 'short APDUs';
  describe(`card images read completely (${path})`, () => {
    it('SMC-B G2.1 (generated): type, generation, ICCSN, files, PIN.SMC transport PIN', async () => {
      const xml = imageText(IMAGES.SMCB21);
      const r = await read(IMAGES.SMCB21, extended);
      expect(r.cardType).toBe('SMC-B');
      expect(r.mfAid).toBe('D27600014606');
      expect(r.generation).toBe('G2.1');
      expect(r.version2?.objectSystemVersion).toBe('4.4.0');
      expect(r.iccsn).toEqual({ iccsn: '80276001011699802021', mii: '80', country: '276', issuer: '00101', serial: '1699802021' });
      expect(r.dir.map((d) => d.aid)).toEqual(['D27600014606', 'A000000167455349474E']);
      expect(statusOf(r)).toEqual({
        'EF.C.CA_SMC.CS.R2048': 'empty', 'EF.C.CA_SMC.CS.E256': 'empty', 'EF.C.SMC.AUTR_CVC.R2048': 'empty',
        'EF.C.SMC.AUTR_CVC.E256': 'empty', 'EF.C.SMC.AUTD_RPE_CVC.E256': 'empty',
        'EF.C.HCI.AUT.R2048': 'empty', 'EF.C.HCI.ENC.R2048': 'empty', 'EF.C.HCI.OSIG.R2048': 'empty',
        'EF.C.HCI.AUT.E256': 'read', 'EF.C.HCI.ENC.E256': 'read', 'EF.C.HCI.OSIG.E256': 'empty',
      });
      const aut = r.certificates.find((c) => c.name === 'EF.C.HCI.AUT.E256')!;
      expect(hex(aut.bytes)).toBe(bodyHex(xml, 'EF.C.HCI.AUT.E256'));
      expect(aut.bytes!.length).toBe(937);
      expect(pinsOf(r)).toEqual({ 'PIN.SMC': 'transport' });
      expect(r.efAtr?.maxCommandLength).toBe(0x0409);
      expect(r.efAtr?.maxResponseLength).toBe(0x8002);
      expect(r.extendedLength).toBe(extended);
    });

    it('SMC-B G2.0 (generated): RSA only, PIN.SMC 2 retries', async () => {
      const xml = imageText(IMAGES.SMCB20);
      const r = await read(IMAGES.SMCB20, extended);
      expect([r.cardType, r.generation, r.iccsn?.iccsn]).toEqual(['SMC-B', 'G2.0', '80276001011699901340']);
      expect(statusOf(r)).toEqual({
        'EF.C.CA_SMC.CS.R2048': 'empty', 'EF.C.CA_SMC.CS.E256': 'empty', 'EF.C.SMC.AUTR_CVC.R2048': 'empty',
        'EF.C.SMC.AUTR_CVC.E256': 'empty',
        'EF.C.HCI.AUT.R2048': 'empty', 'EF.C.HCI.ENC.R2048': 'empty', 'EF.C.HCI.OSIG.R2048': 'read',
      });
      expect(hex(r.certificates.find((c) => c.name === 'EF.C.HCI.OSIG.R2048')!.bytes)).toBe(bodyHex(xml, 'EF.C.HCI.OSIG.R2048'));
      expect(pinsOf(r)).toEqual({ 'PIN.SMC': 'retries:2' });
    });

    it('HBA G2.1: all certificates, CV certificates, PIN.CH/PIN.QES transport, DF.AUTO Leer-PIN', async () => {
      const xml = imageText(IMAGES.HBA21);
      const r = await read(IMAGES.HBA21, extended);
      expect([r.cardType, r.generation, r.iccsn?.iccsn]).toEqual(['HBA', 'G2.1', '80276883110000220885']);
      expect(r.version2?.objectSystemVersion).toBe('4.7.1');
      expect(statusOf(r)).toEqual({
        'EF.C.CA_HPC.CS.E256': 'read', 'EF.C.HPC.AUTR_CVC.E256': 'read', 'EF.C.HPC.AUTD_SUK_CVC.E256': 'read',
        'EF.C.HP.QES.R2048': 'read', 'EF.C.HP.QES.E256': 'read',
        'EF.C.HP.AUT.R2048': 'read', 'EF.C.HP.ENC.R2048': 'read', 'EF.C.HP.AUT.E256': 'read', 'EF.C.HP.ENC.E256': 'read',
        'EF.C.HP.SIG.R2048': 'empty', 'EF.C.HP.SIG.E256': 'empty',
        'EF.C.HP.AUTO1.R3072': 'empty', 'EF.C.HP.AUTO2.R3072': 'empty',
      });
      for (const [name, folder] of [['EF.C.HP.QES.R2048', 'DF.QES'], ['EF.C.HP.AUT.R2048', 'DF.ESIGN'], ['EF.C.HPC.AUTR_CVC.E256', undefined]] as const) {
        expect(hex(r.certificates.find((c) => c.name === name)!.bytes), name).toBe(bodyHex(xml, name, folder));
      }
      expect(pinsOf(r)).toEqual({ 'PIN.CH': 'transport', 'PIN.QES': 'transport', 'PIN.AUTO': 'empty', 'PIN.SO': 'empty' });
      expect(r.dir).toHaveLength(7);
    });

    it('HBA G2.0: RSA X.509 and RSA CV certificates, PIN.CH/QES 3 retries, DF.AUTO transport PINs', async () => {
      const r = await read(IMAGES.HBA20, extended);
      expect([r.cardType, r.generation, r.iccsn?.iccsn]).toEqual(['HBA', 'G2.0', '80276883110000017289']);
      expect(r.version2?.objectSystemVersion).toBe('4.3.2');
      expect(statusOf(r)).toEqual({
        'EF.C.CA_HPC.CS.R2048': 'read', 'EF.C.CA_HPC.CS.E256': 'read', 'EF.C.HPC.AUTR_CVC.R2048': 'read',
        'EF.C.HPC.AUTR_CVC.E256': 'read', 'EF.C.HPC.AUTD_SUK_CVC.E256': 'read',
        'EF.C.HP.QES.R2048': 'read', 'EF.C.HP.AUT.R2048': 'read', 'EF.C.HP.ENC.R2048': 'read',
        'EF.C.HP.AUTO1.R2048': 'empty', 'EF.C.HP.AUTO2.R2048': 'empty',
      });
      expect(pinsOf(r)).toEqual({ 'PIN.CH': 'retries:3', 'PIN.QES': 'retries:3', 'PIN.AUTO': 'transport', 'PIN.SO': 'transport' });
    });

    it('eGK G2.1: PIN-protected certificates denied, insured-person files read, MRPINs', async () => {
      const xml = imageText(IMAGES.EGK21);
      const r = await read(IMAGES.EGK21, extended);
      expect([r.cardType, r.generation, r.iccsn?.iccsn]).toEqual(['eGK', 'G2.1', '80276883110000095711']);
      expect(statusOf(r)).toEqual({
        'EF.C.CA_eGK.CS.E256': 'read', 'EF.C.eGK.AUT_CVC.E256': 'read',
        'EF.C.CH.AUT.R2048': 'read', 'EF.C.CH.AUTN.R2048': 'denied', 'EF.C.CH.ENC.R2048': 'read', 'EF.C.CH.ENCV.R2048': 'denied',
        'EF.C.CH.AUT.E256': 'read', 'EF.C.CH.AUTN.E256': 'denied', 'EF.C.CH.ENC.E256': 'read', 'EF.C.CH.ENCV.E256': 'denied',
      });
      expect(r.certificates.find((c) => c.name === 'EF.C.CH.AUTN.R2048')!.sw).toBe(0x6982);
      expect(pinsOf(r)).toEqual({
        'PIN.CH': 'retries:3', 'MRPIN.home': 'retries:3', 'MRPIN.NFD': 'disabled', 'MRPIN.DPE': 'disabled',
        'MRPIN.GDD': 'retries:3', 'MRPIN.NFD_READ': 'retries:3', 'MRPIN.OSE': 'retries:3', 'MRPIN.AMTS': 'retries:3',
        'PIN.AMTS_REP': 'retries:3',
      });
      const pd = r.dataFiles.find((f) => f.name === 'EF.PD')!;
      // positionLogicalEndOfFile 0193: the readable part of the body
      expect(hex(pd.bytes)).toBe(bodyHex(xml, 'EF.PD').slice(0, 0x193 * 2));
      expect(hex(r.dataFiles.find((f) => f.name === 'EF.StatusVD')!.bytes)).toBe(bodyHex(xml, 'EF.StatusVD'));
    });
  });
}

describe('APDU budget', () => {
  it('reads with few APDUs: one read per file on an extended path', async () => {
    const ext = await read(IMAGES.SMCB21, true);
    const short = await read(IMAGES.SMCB21, false);
    // 1 SELECT MF + EF.ATR/GDO/Version2 + 2 READ RECORD EF.DIR (record 2 + the 6A83 that ends the list;
    // record 1 names the MF, known from its FCP) + 5 CV + 1 PIN + 1 SELECT ESIGN + 6 X.509
    expect(ext.apduCount).toBe(19);
    expect(short.apduCount).toBeGreaterThan(ext.apduCount); // 937/910-byte certificates need 4 short reads each
    expect(short.apduCount).toBeLessThanOrEqual(40);
  });
});

describe('EF.DIR', () => {
  type Sent = { ins: number; p1: number; p2: number };
  async function readLogged(xml: string): Promise<{ r: CardReadout; sent: Sent[] }> {
    const conn = directConnection(loadCardImage(xml));
    const sent: Sent[] = [];
    const transmit = conn.transmit.bind(conn);
    conn.transmit = (apdu: Uint8Array) => { sent.push({ ins: apdu[1]!, p1: apdu[2]!, p2: apdu[3]! }); return transmit(apdu); };
    return { r: await readCard(openGuardedChannel(conn), { atr: conn.atr }), sent };
  }
  const dirReads = (sent: Sent[]): number[] => sent.filter((a) => a.ins === 0xb2 && a.p2 === ((0x1e << 3) | 4)).map((a) => a.p1);

  it('a known card: record 1 (the MF, Card-G2-A_3651) is taken from the FCP, the rest read up to 6A83', async () => {
    for (const file of Object.values(IMAGES)) {
      const xml = imageText(file);
      const { r, sent } = await readLogged(xml);
      const dirStart = xml.indexOf('<child id="EF.DIR"');
      const records = [...xml.slice(dirStart, xml.indexOf('</child>', dirStart)).matchAll(/recordValue">([0-9a-f]+)</gi)].map((m) => m[1]!.toUpperCase());
      expect(records.length, file).toBeGreaterThan(1);
      // Every gematik image obeys the rule the reader relies on.
      expect(records[0], file).toContain(`4F${(r.mfAid!.length / 2).toString(16).padStart(2, '0').toUpperCase()}${r.mfAid}`);
      expect(dirReads(sent), file).toEqual(Array.from({ length: records.length }, (_, i) => i + 2));
      expect(r.dir.map((d) => d.recordHex), file).toEqual([null, ...records.slice(1)]);
      expect(r.dir[0]!.aid).toBe(r.mfAid);
    }
  });

  it('an unknown card reads EF.DIR from record 1; a card without EF.DIR lists no applications', async () => {
    const xml = imageText(IMAGES.SMCB21);
    const unknown = await readLogged(xml.replace('<attribute id="applicationIdentifier">{d27600014606}', '<attribute id="applicationIdentifier">{d27600014699}'));
    expect(unknown.r.cardType).toBe('unknown');
    expect(dirReads(unknown.sent)).toEqual([1, 2, 3]);
    expect(unknown.r.dir.map((d) => d.aid)).toEqual(['D27600014606', 'A000000167455349474E']);
    const start = xml.indexOf('<child id="EF.DIR"');
    const withoutDir = xml.slice(0, start) + xml.slice(xml.indexOf('</child>', start) + '</child>'.length);
    const noDir = await readLogged(withoutDir);
    expect(noDir.r.cardType).toBe('SMC-B');
    expect(dirReads(noDir.sent)).toEqual([2]);
    expect(noDir.r.dir).toEqual([]);
  });
});
