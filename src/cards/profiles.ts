// Card profiles as data: which folders, certificate files and PINs each card type has (gemSpec_*_ObjSys,
// ../shared/reference/cards.md, checked against gematik's card images). One table, used by the reader,
// the report and the tests.
import type { CardType, Generation, CertificateFileKind } from './types.ts';

export interface CertificateFileSpec {
  name: string;
  fid: number;
  sfi: number;
  format: CertificateFileKind;
  algorithm: 'RSA' | 'ECC';
  role: string;
  /** Generations that carry the file; absent = all. */
  generations?: readonly Generation[];
  /** Optional files that are absent are left out of the report instead of being flagged. */
  optional?: boolean;
}

export interface DataFileSpec {
  name: string;
  fid: number;
  sfi: number;
}

export interface PinSpec {
  name: string;
  /** P2 of GET PIN STATUS: pwdId (global) or 0x80|pwdId (DF-specific). */
  reference: number;
  generations?: readonly Generation[];
}

export interface FolderSpec {
  /** null = the MF. */
  aid: string | null;
  name: string;
  certificates: CertificateFileSpec[];
  dataFiles: DataFileSpec[];
  pins: PinSpec[];
}

/** Insured-person data files (names as in `dataFiles`): shown and exported only when the user opts in. */
export interface PersonalDataFiles {
  pd: string;
  vd: string;
  statusVd: string;
}

export interface CardProfile {
  type: CardType;
  mfAid: string;
  folders: FolderSpec[];
  /** The PIN the holder uses every day (its state decides whether the card can be used). */
  mainPin?: string;
  /**
   * true: the main PIN in transport state means the card was never activated (SMC-B, HBA: an error);
   * false/absent: it only means the holder has not chosen a PIN yet (eGK: a note).
   */
  activatedByMainPin?: boolean;
  /** PINs not for day-to-day use (their transport or empty state is normal). */
  specialPins?: readonly string[];
  /** Whom the end-entity certificates name when no profession OID tells. */
  holder?: 'institution' | 'person';
  /** SMC-B: an organisation's card (SMC-B ORG) when none of its profession OIDs is a provider institution. */
  orgVariant?: boolean;
  personalData?: PersonalDataFiles;
}

export const AID = {
  MF_EGK: 'D2760001448000',
  MF_HBA: 'D27600014601',
  MF_SMCB: 'D27600014606',
  MF_GSMCK: 'D2760001448001',
  MF_GSMCKT: 'D2760001448003',
  ESIGN: 'A000000167455349474E',
  QES: 'D27600006601',
  AUTO: 'D27600014603',
  HCA: 'D27600000102',
} as const;

export const AID_NAMES: Record<string, string> = {
  D2760001448000: 'MF (eGK)',
  D27600014601: 'MF (HBA)',
  D27600014606: 'MF (SMC-B)',
  D2760001448001: 'MF (gSMC-K)',
  D2760001448003: 'MF (gSMC-KT)',
  A000000167455349474E: 'DF.ESIGN',
  D27600006601: 'DF.QES',
  D27600014602: 'DF.HPA',
  D27600014603: 'DF.AUTO',
  D27600000102: 'DF.HCA',
  D27600014407: 'DF.NFD',
  D27600014408: 'DF.DPE',
  D2760001440A: 'DF.GDD',
  D2760001440B: 'DF.OSE',
  D2760001440C: 'DF.AMTS',
  E828BD080FD27600006601: 'DF.CIA.QES',
  E828BD080FA000000167455349474E: 'DF.CIA.ESIGN',
};

const G21: readonly Generation[] = ['G2.1'];
const BEFORE_G21: readonly Generation[] = ['G1', 'G1+', 'G2.0'];
const G2: readonly Generation[] = ['G2.0', 'G2.1'];

const x509 = (name: string, fid: number, sfi: number, extra: Partial<CertificateFileSpec> = {}): CertificateFileSpec => ({
  name, fid, sfi, format: 'x509',
  algorithm: name.endsWith('.E256') ? 'ECC' : 'RSA',
  role: /\.C\.[A-Z]+\.([A-Z0-9]+)\./.exec(name)?.[1] ?? '',
  ...(name.endsWith('.E256') ? { generations: G21 } : {}),
  ...extra,
});
const cvc = (name: string, fid: number, sfi: number, extra: Partial<CertificateFileSpec> = {}): CertificateFileSpec => ({
  name, fid, sfi, format: 'cvc',
  algorithm: name.endsWith('.E256') ? 'ECC' : 'RSA',
  role: name.includes('.CA_') ? 'CA' : (/\.(AUTR|AUTD|AUT)_/.exec(name)?.[1] ?? 'AUT'),
  ...extra,
});

export const PROFILES: readonly CardProfile[] = [
  {
    type: 'SMC-B',
    mfAid: AID.MF_SMCB,
    mainPin: 'PIN.SMC',
    activatedByMainPin: true,
    holder: 'institution',
    orgVariant: true,
    folders: [
      {
        aid: null, name: 'MF', dataFiles: [],
        // gemSpec_SMC-B_ObjSys_G2.1 5.3.5–5.3.9: the RSA CV files stay on G2.1 (compatibility with G1 cards).
        certificates: [
          cvc('EF.C.CA_SMC.CS.R2048', 0x2f04, 0x04),
          cvc('EF.C.CA_SMC.CS.E256', 0x2f07, 0x07),
          cvc('EF.C.SMC.AUTR_CVC.R2048', 0x2f03, 0x03),
          cvc('EF.C.SMC.AUTR_CVC.E256', 0x2f06, 0x06),
          cvc('EF.C.SMC.AUTD_RPE_CVC.E256', 0x2f09, 0x09, { generations: G21 }),
        ],
        pins: [{ name: 'PIN.SMC', reference: 0x01 }],
      },
      {
        aid: AID.ESIGN, name: 'DF.ESIGN', dataFiles: [], pins: [],
        certificates: [
          x509('EF.C.HCI.AUT.R2048', 0xc500, 0x01),
          x509('EF.C.HCI.ENC.R2048', 0xc200, 0x02),
          x509('EF.C.HCI.OSIG.R2048', 0xc000, 0x10),
          x509('EF.C.HCI.AUT.E256', 0xc506, 0x06),
          x509('EF.C.HCI.ENC.E256', 0xc205, 0x05),
          x509('EF.C.HCI.OSIG.E256', 0xc007, 0x07),
        ],
      },
    ],
  },
  {
    type: 'HBA',
    mfAid: AID.MF_HBA,
    mainPin: 'PIN.CH',
    activatedByMainPin: true,
    specialPins: ['PIN.AUTO', 'PIN.SO'],
    holder: 'person',
    folders: [
      {
        aid: null, name: 'MF', dataFiles: [],
        // The HBA G2.1 object system dropped the RSA CV files (see the G2.1 image); G2.0 still has them.
        certificates: [
          cvc('EF.C.CA_HPC.CS.R2048', 0x2f04, 0x04, { generations: BEFORE_G21 }),
          cvc('EF.C.CA_HPC.CS.E256', 0x2f07, 0x07, { generations: G2 }),
          cvc('EF.C.HPC.AUTR_CVC.R2048', 0x2f03, 0x03, { generations: BEFORE_G21 }),
          cvc('EF.C.HPC.AUTR_CVC.E256', 0x2f06, 0x06, { generations: G2 }),
          cvc('EF.C.HPC.AUTD_SUK_CVC.E256', 0x2f09, 0x09, { generations: G2 }),
        ],
        pins: [{ name: 'PIN.CH', reference: 0x01 }],
      },
      {
        aid: AID.QES, name: 'DF.QES', dataFiles: [],
        certificates: [x509('EF.C.HP.QES.R2048', 0xc000, 0x10), x509('EF.C.HP.QES.E256', 0xc006, 0x06)],
        pins: [{ name: 'PIN.QES', reference: 0x81 }],
      },
      {
        aid: AID.ESIGN, name: 'DF.ESIGN', dataFiles: [], pins: [],
        certificates: [
          x509('EF.C.HP.AUT.R2048', 0xc500, 0x01),
          x509('EF.C.HP.ENC.R2048', 0xc200, 0x02),
          x509('EF.C.HP.AUT.E256', 0xc506, 0x06),
          x509('EF.C.HP.ENC.E256', 0xc205, 0x05),
          x509('EF.C.HP.SIG.R2048', 0xc000, 0x10, { generations: G21, optional: true }),
          x509('EF.C.HP.SIG.E256', 0xc007, 0x07, { optional: true }),
        ],
      },
      {
        aid: AID.AUTO, name: 'DF.AUTO', dataFiles: [],
        certificates: [
          x509('EF.C.HP.AUTO1.R2048', 0xe001, 0x01, { generations: BEFORE_G21, optional: true, role: 'AUTO' }),
          x509('EF.C.HP.AUTO2.R2048', 0xe002, 0x02, { generations: BEFORE_G21, optional: true, role: 'AUTO' }),
          x509('EF.C.HP.AUTO1.R3072', 0xe001, 0x01, { generations: G21, optional: true, role: 'AUTO' }),
          x509('EF.C.HP.AUTO2.R3072', 0xe002, 0x02, { generations: G21, optional: true, role: 'AUTO' }),
        ],
        pins: [{ name: 'PIN.AUTO', reference: 0x81 }, { name: 'PIN.SO', reference: 0x83 }],
      },
    ],
  },
  {
    type: 'eGK',
    mfAid: AID.MF_EGK,
    mainPin: 'PIN.CH',
    holder: 'person',
    personalData: { pd: 'EF.PD', vd: 'EF.VD', statusVd: 'EF.StatusVD' },
    folders: [
      {
        aid: null, name: 'MF', dataFiles: [],
        certificates: [
          cvc('EF.C.CA_eGK.CS.R2048', 0x2f04, 0x04, { generations: BEFORE_G21, optional: true }),
          cvc('EF.C.CA_eGK.CS.E256', 0x2f07, 0x07, { generations: G2 }),
          cvc('EF.C.eGK.AUT_CVC.R2048', 0x2f03, 0x03, { generations: BEFORE_G21, optional: true }),
          cvc('EF.C.eGK.AUT_CVC.E256', 0x2f06, 0x06, { generations: G2 }),
        ],
        pins: [
          { name: 'PIN.CH', reference: 0x01 },
          { name: 'MRPIN.home', reference: 0x02 },
          { name: 'MRPIN.NFD', reference: 0x03, generations: G21 },
          { name: 'MRPIN.DPE', reference: 0x04, generations: G21 },
          { name: 'MRPIN.GDD', reference: 0x05, generations: G21 },
          { name: 'MRPIN.NFD_READ', reference: 0x07, generations: G21 },
          { name: 'MRPIN.OSE', reference: 0x09, generations: G21 },
          { name: 'MRPIN.AMTS', reference: 0x0c, generations: G21 },
          { name: 'PIN.AMTS_REP', reference: 0x0d, generations: G21 },
        ],
      },
      {
        aid: AID.HCA, name: 'DF.HCA', certificates: [], pins: [],
        dataFiles: [
          { name: 'EF.StatusVD', fid: 0xd00c, sfi: 0x0c },
          { name: 'EF.PD', fid: 0xd001, sfi: 0x01 },
          { name: 'EF.VD', fid: 0xd002, sfi: 0x02 },
        ],
      },
      {
        aid: AID.ESIGN, name: 'DF.ESIGN', dataFiles: [], pins: [],
        certificates: [
          x509('EF.C.CH.AUT.R2048', 0xc500, 0x01),
          x509('EF.C.CH.AUTN.R2048', 0xc509, 0x09),
          x509('EF.C.CH.ENC.R2048', 0xc200, 0x02),
          x509('EF.C.CH.ENCV.R2048', 0xc50a, 0x0a),
          x509('EF.C.CH.AUT.E256', 0xc504, 0x04),
          x509('EF.C.CH.AUTN.E256', 0xc50b, 0x0b),
          x509('EF.C.CH.ENC.E256', 0xc205, 0x05),
          x509('EF.C.CH.ENCV.E256', 0xc50c, 0x0c),
        ],
      },
    ],
  },
  // gSMC-KT / gSMC-K: identified and their common MF files read; their certificate layout is not in
  // our references, so no certificate files are read (the report says so).
  { type: 'gSMC-KT', mfAid: AID.MF_GSMCKT, folders: [] },
  { type: 'gSMC-K', mfAid: AID.MF_GSMCK, folders: [] },
];

export function profileForMfAid(aidHex: string | null): CardProfile | null {
  if (!aidHex) return null;
  return PROFILES.find((p) => p.mfAid === aidHex.toUpperCase()) ?? null;
}

export function profileForType(type: CardType): CardProfile | null {
  return PROFILES.find((p) => p.type === type) ?? null;
}

export function appliesTo(generation: Generation | null, generations: readonly Generation[] | undefined): boolean {
  if (!generations) return true;
  // Unknown generation: read what any generation may have (absent files cost one APDU each).
  return generation === null || generations.includes(generation);
}
