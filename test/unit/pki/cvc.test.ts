// CV certificates from the card images against CAR/CHR/dates read by hand from their bytes
// (layout gemSpec_PKI 6.4: 42 = CAR, 5F20 = CHR, 5F25/5F24 = CED/CXD as one decimal digit per byte).
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCertificateParser, isParseError, type CertificateParser, type CvcRecord } from '../../../src/domain/pki/index.ts';
import { CVC_DIR } from './helpers.ts';

let parser: CertificateParser;
beforeAll(async () => { parser = await loadCertificateParser({ telematikIdValidator: null }); });

const read = (f: string) => new Uint8Array(readFileSync(join(CVC_DIR, f)));

const expected: Record<string, Partial<CvcRecord>> = {
  // 42 08 44 45 47 58 58 85 02 18 · 5F20 08 …10 02 18 · 5F25 01 08 00 03 00 08 · 5F24 02 06 00 03 00 07
  'EGK_G2_1_80276883110000095711_GuD__EF.C.CA_eGK.CS.E256.cvc': {
    car: 'DEGXX850218', chr: 'DEGXX100218', iccsn: null, effectiveDate: '2018-03-08', expirationDate: '2026-03-07', profileIdentifier: 0x70,
  },
  // 5F20 0C 00 09 80 27 68 83 11 00 00 09 57 11 · 5F25 01 08 00 06 02 01 · 5F24 02 00 00 06 02 01
  'EGK_G2_1_80276883110000095711_GuD__EF.C.eGK.AUT_CVC.E256.cvc': {
    car: 'DEGXX100218', chr: '000980276883110000095711', iccsn: '80276883110000095711', effectiveDate: '2018-06-21', expirationDate: '2020-06-21',
  },
  'HBAG2_80276883110000017289_gema5__EF.C.CA_HPC.CS.E256.cvc': {
    car: 'DEGXX830214', chr: 'DEGEX150214', effectiveDate: '2014-11-25', expirationDate: '2022-11-24',
  },
  'HBAG2_80276883110000017289_gema5__EF.C.HPC.AUTR_CVC.E256.cvc': {
    car: 'DEGEX150214', chr: '000680276883110000017289', iccsn: '80276883110000017289', effectiveDate: '2015-09-16', expirationDate: '2017-09-16',
  },
  'HBAG2_80276883110000017289_gema5__EF.C.HPC.AUTD_SUK_CVC.E256.cvc': {
    car: 'DEGEX150214', chr: '000980276883110000017289', iccsn: '80276883110000017289', effectiveDate: '2015-09-16', expirationDate: '2017-09-16',
  },
  'lib-smartcards_HBA_80276883110000220885_gema5__EF.C.CA_HPC.CS.E256.cvc': {
    car: 'DEGXX800220', chr: 'DEGXX110220', effectiveDate: '2020-04-23', expirationDate: '2028-04-23',
  },
  'lib-smartcards_HBA_80276883110000220885_gema5__EF.C.HPC.AUTR_CVC.E256.cvc': {
    car: 'DEGXX110220', chr: '000680276883110000220885', iccsn: '80276883110000220885', effectiveDate: '2024-03-04', expirationDate: '2024-03-08',
  },
  'lib-smartcards_HBA_80276883110000220885_gema5__EF.C.HPC.AUTD_SUK_CVC.E256.cvc': {
    car: 'DEGXX110220', chr: '000980276883110000220885', iccsn: '80276883110000220885', effectiveDate: '2024-03-04', expirationDate: '2024-03-08',
  },
};

describe('CV certificates', () => {
  for (const [file, want] of Object.entries(expected)) {
    it(file, () => {
      const bytes = read(file);
      const rec = parser.parseCvc(bytes);
      if (isParseError(rec)) throw new Error(JSON.stringify(rec));
      expect(rec).toMatchObject({ format: 'cvc', selfDescriptive: true, ...want });
      // The key is the 65-byte uncompressed point right after "86 41"
      const at = Buffer.from(bytes).indexOf(Buffer.from([0x86, 0x41, 0x04])) + 2;
      expect(rec.publicKey!.pointHex).toBe(Buffer.from(bytes.subarray(at, at + 65)).toString('hex'));
      expect(rec.publicKey!.curve).toBe('brainpoolP256r1');
      expect(rec.flagList!.oid).toBe('1.2.276.0.76.4.152');
      expect(rec.flagList!.holder).toBe(rec.chr!.startsWith('DEG') ? 'sub-ca' : 'end-entity');
      expect(rec.byteLength).toBe(bytes.length);
    });
  }

  it('flag list bytes and holder type as stored (EGK CA: 80 5D 69 DA A8 BB 0C)', () => {
    const rec = parser.parseCvc(read('EGK_G2_1_80276883110000095711_GuD__EF.C.CA_eGK.CS.E256.cvc')) as CvcRecord;
    expect(rec.flagList!.hex).toBe('805D69DAA8BB0C');
    expect(rec.publicKey!.name).toBe('ecdsa-with-SHA256');
    const ee = parser.parseCvc(read('HBAG2_80276883110000017289_gema5__EF.C.HPC.AUTR_CVC.E256.cvc')) as CvcRecord;
    expect(ee.flagList!.hex).toBe('004C40DAA88200');
    expect(ee.publicKey!.oid).toBe('1.3.36.3.5.3.1');
  });

  it('RSA CV certificates (message recovery) are recognised, not guessed', () => {
    for (const f of ['HBAG2_80276883110000017289_gema5__EF.C.CA_HPC.CS.R2048.cvc', 'HBAG2_80276883110000017289_gema5__EF.C.HPC.AUTR_CVC.R2048.cvc']) {
      const rec = parser.parseCvc(read(f)) as CvcRecord;
      expect(rec).toMatchObject({ format: 'cvc', selfDescriptive: false, chr: null, publicKey: null });
      expect(rec.signatureHex.length).toBe(512);
      expect(parser.check(rec, new Date('2020-01-01')).problems.map((p) => p.code)).toEqual(['CVC_NOT_SELF_DESCRIPTIVE']);
    }
  });

  it('dates decide expiry: CXD is the last valid day', () => {
    const rec = parser.parseCvc(read('lib-smartcards_HBA_80276883110000220885_gema5__EF.C.HPC.AUTR_CVC.E256.cvc')) as CvcRecord;
    expect(parser.check(rec, new Date('2024-03-08T12:00:00Z')).problems).toEqual([]);
    expect(parser.check(rec, new Date('2024-03-09T00:00:00Z')).problems.map((p) => p.code)).toEqual(['EXPIRED']);
    expect(parser.check(rec, new Date('2024-03-03T23:00:00Z')).problems.map((p) => p.code)).toEqual(['NOT_YET_VALID']);
  });

  it('a padded card file parses with allowTrailing and fails strictly without it', () => {
    const bytes = read('EGK_G2_1_80276883110000095711_GuD__EF.C.eGK.AUT_CVC.E256.cvc');
    const padded = new Uint8Array(bytes.length + 40);
    padded.set(bytes);
    expect(parser.parseCvc(padded)).toMatchObject({ error: 'DER_TRAILING_DATA', offset: bytes.length });
    expect(parser.parseCvc(padded, { allowTrailing: true })).toMatchObject({ iccsn: '80276883110000095711' });
  });

  it('an X.509 certificate is not a CV certificate', () => {
    const x = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]);
    expect(parser.parseCvc(x)).toMatchObject({ error: 'CVC_NOT_A_CV_CERTIFICATE' });
  });
});
