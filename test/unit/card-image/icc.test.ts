// The simulated card answers like gematik's card images say. Expected values are read from the XML
// text with plain regular expressions (not through the parser under test) or from the specs.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCardImage, CardImageError, parseCommandApdu, SW } from '../../../src/transport/simulated/card-image/index.ts';

const dir = resolve(__dirname, '../../../src/assets/demo-cards');
const HBA21 = readFileSync(resolve(dir, 'HBA_G2_1_80276883110000220885.xml'), 'utf8');
const HBA20 = readFileSync(resolve(dir, 'HBA_G2_0_80276883110000017289.xml'), 'utf8');
const EGK21 = readFileSync(resolve(dir, 'EGK_G2_1_80276883110000095711.xml'), 'utf8');

const h = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const sw = (r: Uint8Array): number => (r[r.length - 2]! << 8) | r[r.length - 1]!;
const data = (r: Uint8Array): string => hex(r.subarray(0, r.length - 2));

/** Body attribute of the named object, straight from the XML text. */
function bodyOf(xml: string, name: string): string {
  const start = xml.indexOf(`<child id="${name}"`);
  expect(start).toBeGreaterThan(-1);
  const element = xml.slice(start, xml.indexOf('</child>', start));
  const m = /<attribute id="body"[^>]*>([0-9a-fA-F\s]*)<\/attribute>/.exec(element);
  return (m?.[1] ?? '').replace(/\s/g, '').toLowerCase();
}
function osAttribute(xml: string, id: string): string {
  return new RegExp(`<attribute id="${id}"[^>]*>([0-9a-fA-F]+)<`).exec(xml)![1]!.toLowerCase();
}

describe('APDU parsing (ISO/IEC 7816-3 cases)', () => {
  it('distinguishes the four cases, short and extended', () => {
    expect(parseCommandApdu(h('00a4040c'))).toMatchObject({ ne: undefined, extended: false });
    expect(parseCommandApdu(h('00b0000000'))).toMatchObject({ ne: 256 });
    expect(parseCommandApdu(h('00b0000010'))).toMatchObject({ ne: 16 });
    expect(parseCommandApdu(h('00a4040c023f00'))!.data).toEqual(h('3f00'));
    expect(parseCommandApdu(h('00a40404023f0000'))).toMatchObject({ ne: 256 });
    expect(parseCommandApdu(h('00b00000000000'))).toMatchObject({ ne: 65536, extended: true });
    expect(parseCommandApdu(h('00b00000000100'))).toMatchObject({ ne: 256, extended: true });
    expect(parseCommandApdu(h('00a4040c00000a' + 'a000000167455349474e'))!.data.length).toBe(10);
    expect(parseCommandApdu(h('00a4040402010203'))).toMatchObject({ ne: 3 });
    expect(parseCommandApdu(h('00a404040501'))).toBeNull(); // Lc 5 but one data byte
  });
});

describe('SELECT', () => {
  it('MF by empty AID returns the FCP with the MF AID (tag 84) and FID 3F00', () => {
    const icc = loadCardImage(EGK21);
    icc.reset();
    const r = icc.transmit(h('00a4040400'));
    expect(sw(r)).toBe(0x9000);
    expect(data(r)).toBe('6213' + '820138' + '83023f00' + '8407d2760001448000' + '8a0105');
  });
  it('DF by AID with P2=0C answers 9000 without data; unknown AID 6A82', () => {
    const icc = loadCardImage(HBA21);
    expect(hex(icc.transmit(h('00a4040c06d27600006601')))).toBe('9000');
    expect(hex(icc.transmit(h('00a4040c06d276000066ff')))).toBe('6a82');
  });
  it('EF by FID gives FCP with size (80), FID (83), SFI (88) and life cycle (8A)', () => {
    const icc = loadCardImage(HBA21);
    icc.transmit(h('00a4040c0aa000000167455349474e'));
    const r = icc.transmit(h('00a4020402c50000'));
    expect(sw(r)).toBe(0x9000);
    // numberOfOctet 076C, FID C500, SFI 01 → 88 01 08
    expect(data(r)).toBe('6211' + '8002076c' + '820101' + '8302c500' + '880108' + '8a0105');
  });
  it('parent selection and FID not found', () => {
    const icc = loadCardImage(HBA21);
    icc.transmit(h('00a4040c06d27600006601'));
    expect(hex(icc.transmit(h('00a4020c022f02')))).toBe('6a82'); // EF.GDO is in the MF, not in DF.QES
    expect(hex(icc.transmit(h('00a4030c')))).toBe('9000');
    expect(hex(icc.transmit(h('00a4020c022f02')))).toBe('9000');
    expect(hex(icc.transmit(h('00a4030c')))).toBe('6a82'); // MF has no parent
  });
  it('unsupported P2 is 6A86', () => {
    expect(hex(loadCardImage(HBA21).transmit(h('00a4040000')))).toBe('6a86');
  });
  it('FCP longer than Ne: first part plus 61xx, rest by GET RESPONSE', () => {
    const icc = loadCardImage(EGK21);
    const r1 = icc.transmit(h('00a4040408'));
    expect(hex(r1)).toBe('621382013883023f' + '610d');
    const r2 = icc.transmit(h('00c0000000'));
    expect(hex(r2)).toBe('008407d27600014480008a0105' + '9000');
    expect(hex(icc.transmit(h('00c0000000')))).toBe('6985');
  });
});

describe('READ BINARY', () => {
  it('EF.GDO by SFI 02 returns the image body; Le=00 past the end gives 6282', () => {
    for (const xml of [HBA21, HBA20, EGK21]) {
      const icc = loadCardImage(xml);
      const r = icc.transmit(h('00b0820000'));
      expect(data(r)).toBe(bodyOf(xml, 'EF.GDO'));
      expect(sw(r)).toBe(SW.END_OF_FILE);
      // exact length: 9000
      expect(sw(icc.transmit(h('00b082000c')))).toBe(0x9000);
    }
  });
  it('offsets: P2 with SFI, then P1P2 on the current EF; offset beyond the end is 6B00', () => {
    const icc = loadCardImage(HBA21);
    const gdo = bodyOf(HBA21, 'EF.GDO');
    expect(data(icc.transmit(h('00b0820204')))).toBe(gdo.slice(4, 12));
    expect(data(icc.transmit(h('00b0000a00')))).toBe(gdo.slice(20));
    expect(hex(icc.transmit(h('00b0000c00')))).toBe('6282'); // at the end: nothing left
    expect(hex(icc.transmit(h('00b0000d00')))).toBe('6b00');
  });
  it('extended Le reads a whole certificate up to the logical end of file', () => {
    const icc = loadCardImage(HBA21);
    icc.transmit(h('00a4040c0aa000000167455349474e'));
    const r = icc.transmit(h('00b08100000000'));
    expect(sw(r)).toBe(0x6282);
    expect(data(r)).toBe(bodyOf(HBA21, 'EF.C.HP.AUT.R2048'));
    expect((r.length - 2)).toBe(0x04e9); // positionLogicalEndOfFile
  });
  it('short reads chunk at 256 bytes with 9000 while data remains', () => {
    const icc = loadCardImage(HBA21);
    icc.transmit(h('00a4040c0aa000000167455349474e'));
    const r = icc.transmit(h('00b0810000'));
    expect(sw(r)).toBe(0x9000);
    expect(r.length - 2).toBe(256);
    const r2 = icc.transmit(h('00b0010000'));
    expect(data(r2)).toBe(bodyOf(HBA21, 'EF.C.HP.AUT.R2048').slice(512, 1024));
  });
  it('an unpersonalised certificate file reads as empty (6282, no data)', () => {
    const icc = loadCardImage(HBA21);
    icc.transmit(h('00a4040c0aa000000167455349474e'));
    expect(hex(icc.transmit(h('00b0870000')))).toBe('6282'); // EF.C.HP.SIG.E256, SFI 07, positionLogicalEndOfFile 00
  });
  it('access rules in contact mode: eGK AUTN/ENCV certificates need PIN.CH or MRPIN.home → 6982', () => {
    const icc = loadCardImage(EGK21);
    icc.transmit(h('00a4040c0aa000000167455349474e'));
    expect(hex(icc.transmit(h('00b0890000')))).toBe('6982');
    expect(hex(icc.transmit(h('00b08c0000')))).toBe('6982');
    expect(sw(icc.transmit(h('00b0840000')))).toBe(0x9000); // C.CH.AUT.E256 is ALWAYS readable
  });
  it('no current EF 6986, missing SFI 6A82, record file 6981, no Le 6700', () => {
    const icc = loadCardImage(HBA21);
    expect(hex(icc.transmit(h('00b0000000')))).toBe('6986');
    expect(hex(icc.transmit(h('00b0930000')))).toBe('6a82');
    expect(hex(icc.transmit(h('00b09e0000')))).toBe('6981'); // EF.DIR
    expect(hex(icc.transmit(h('00b08200')))).toBe('6700');
  });
});

describe('READ RECORD', () => {
  it('EF.DIR records by SFI 1E hold the image values; past the last record 6A83', () => {
    const icc = loadCardImage(HBA21);
    expect(hex(icc.transmit(h('00b201f400')))).toBe('61084f06d27600014601' + '9000');
    expect(hex(icc.transmit(h('00b207f400')))).toBe('61084f06d27600014603' + '9000');
    expect(hex(icc.transmit(h('00b208f400')))).toBe('6a83');
    expect(hex(icc.transmit(h('00b2020400')))).toBe('61084f06d27600014602' + '9000'); // current EF now EF.DIR
  });
  it('eGK EF.Version (linear fixed, SFI 10) record 1', () => {
    expect(hex(loadCardImage(EGK21).transmit(h('00b2018400')))).toBe('0040000000' + '9000');
  });
  it('record longer than Ne: 6Cxx with the record length', () => {
    expect(hex(loadCardImage(HBA21).transmit(h('00b201f404')))).toBe('6c0a');
  });
});

describe('GET PIN STATUS', () => {
  it('HBA G2.1: PIN.CH transport PIN 62C1; PIN.QES (DF.QES, 81) transport PIN; PIN.AUTO/PIN.SO Leer-PIN 62C7', () => {
    const icc = loadCardImage(HBA21);
    expect(hex(icc.transmit(h('80200001')))).toBe('62c1');
    icc.transmit(h('00a4040c06d27600006601'));
    expect(hex(icc.transmit(h('80200081')))).toBe('62c1');
    icc.transmit(h('00a4040c06d27600014603'));
    expect(hex(icc.transmit(h('80200081')))).toBe('62c7');
    expect(hex(icc.transmit(h('80200083')))).toBe('62c7');
  });
  it('HBA G2.0: regular PIN.CH with 3 retries → 63C3; DF.AUTO transport PINs → 62C1', () => {
    const icc = loadCardImage(HBA20);
    expect(hex(icc.transmit(h('80200001')))).toBe('63c3');
    icc.transmit(h('00a4040c06d27600014603'));
    expect(hex(icc.transmit(h('80200081')))).toBe('62c1');
  });
  it('eGK: MRPIN.home shares PIN.CH (63C3); MRPIN.NFD disabled → 62D0; unknown id 6A88', () => {
    const icc = loadCardImage(EGK21);
    expect(hex(icc.transmit(h('80200001')))).toBe('63c3');
    expect(hex(icc.transmit(h('80200002')))).toBe('63c3');
    expect(hex(icc.transmit(h('80200003')))).toBe('62d0');
    expect(hex(icc.transmit(h('80200004')))).toBe('62d0');
    expect(hex(icc.transmit(h('8020000d')))).toBe('63c3');
    expect(hex(icc.transmit(h('8020000e')))).toBe('6a88');
  });
  it('with data it is not GET PIN STATUS: 6700', () => {
    expect(hex(loadCardImage(EGK21).transmit(h('8020000108123456ffffffffff')))).toBe('6700');
  });
});

describe('ATR, classes, unknown instructions', () => {
  it('reset answers the image cold ATR (and warm ATR on warm reset)', () => {
    const icc = loadCardImage(EGK21);
    expect(hex(icc.reset())).toBe(osAttribute(EGK21, 'coldAnswerToReset'));
    expect(hex(icc.reset('warm'))).toBe(osAttribute(EGK21, 'warmAnswerToReset'));
    expect(hex(loadCardImage(HBA21).reset())).toBe(osAttribute(HBA21, 'coldAnswerToReset'));
  });
  it('the ATR is G2 style T=1 with a correct TCK', () => {
    for (const xml of [HBA21, HBA20, EGK21]) {
      const atr = loadCardImage(xml).reset();
      expect(atr[0]).toBe(0x3b);
      expect(atr.subarray(1).reduce((a, b) => a ^ b, 0)).toBe(0); // XOR T0..TCK = 0
      expect(hex(atr)).toContain('81b1fe451f');
    }
  });
  it('VERIFY, GET CHALLENGE and unknown instructions are not simulated: 6D00; bad class 6E00', () => {
    const icc = loadCardImage(EGK21);
    expect(hex(icc.transmit(h('0020000108123456ffffffffff')))).toBe('6d00');
    expect(hex(icc.transmit(h('0084000008')))).toBe('6d00');
    expect(hex(icc.transmit(h('a0a4040400')))).toBe('6e00');
    expect(hex(icc.transmit(h('01a4040400')))).toBe('6881');
    expect(hex(icc.transmit(h('00')))).toBe('6700');
  });
  it('commands longer than the card allows (EF.ATR E0) are 6700', () => {
    const icc = loadCardImage(HBA21); // max command length 0x0409
    const big = new Uint8Array(7 + 1100);
    big.set([0x00, 0xa4, 0x04, 0x0c, 0x00, 1100 >> 8, 1100 & 0xff]);
    expect(hex(icc.transmit(big))).toBe('6700');
  });
});

describe('unreadable images', () => {
  it.each([
    ['<card><objectSystem>', 'xml-syntax'],
    ['<html></html>', 'not-a-card-image'],
    ['<card version="3"><objectSystem></objectSystem></card>', 'no-master-file'],
    ['<card><objectSystem><attribute id="root"><child id="MF" objectType="ADF"><attributes><attribute id="fileIdentifier">3fzz</attribute></attributes></child></attribute></objectSystem></card>', 'bad-attribute'],
    ['<card><objectSystem><attribute id="root"><child id="MF" objectType="ADF"><attributes><attribute id="accessRules">CB{ [ACTIVATED,1,{ ({00||b0},ALW) }]}</attribute></attributes></child></attribute></objectSystem></card>', 'bad-access-rule'],
  ])('%s → %s', (xml, code) => {
    try {
      loadCardImage(xml);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CardImageError);
      expect((e as CardImageError).code).toBe(code);
    }
  });
});
