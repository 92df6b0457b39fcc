// Builds SMC-B card images in gematik's XML card-image format. No public SMC-B image exists, so the
// object system follows gemSpec_SMC-B_ObjSys_G2.1 V4.2.0 (FIDs, SFIs, sizes, PIN.SMC, access rules
// in contact mode) and the certificate files carry real gematik test certificates (ref-GemLibPki,
// Apache-2.0) from test/fixtures/cardimages/certs/. Run: `npx tsx scripts/build-smcb-images.ts`.
// A unit test rebuilds both images and compares them with the committed files (reproducible).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type PinState =
  | { transportStatus: 'transportPIN' | 'leerPIN' | 'regularPassword'; retryCounter: number; flagEnabled?: boolean };

export interface SmcbImageOptions {
  title: string;
  generation: 'G2.0' | 'G2.1';
  /** 20 decimal digits. */
  iccsn: string;
  /** Object-system product type version written to EF.Version2 C1, e.g. [4,4,0]. */
  productTypeVersion: [number, number, number];
  pin: PinState;
  /** DER bytes per certificate file name (e.g. 'EF.C.HCI.AUT.E256'); missing = unpersonalised (empty). */
  certificates: Partial<Record<SmcbCertificateFile, Uint8Array>>;
  /** CV certificate bodies per file name; missing = empty (no public SMC-B CV certificates exist). */
  cvCertificates?: Partial<Record<string, Uint8Array>>;
  comment: string;
}

export type SmcbCertificateFile =
  | 'EF.C.HCI.AUT.R2048' | 'EF.C.HCI.ENC.R2048' | 'EF.C.HCI.OSIG.R2048'
  | 'EF.C.HCI.AUT.E256' | 'EF.C.HCI.ENC.E256' | 'EF.C.HCI.OSIG.E256';

// Tab_SMC-B_ObjSys: DF.ESIGN certificate files (FID, SFI, numberOfOctet) — E256 files only on G2.1.
const esignFiles: { name: SmcbCertificateFile; fid: string; sfi: string; size: number; g21Only: boolean }[] = [
  { name: 'EF.C.HCI.AUT.R2048', fid: 'c500', sfi: '01', size: 0x076c, g21Only: false },
  { name: 'EF.C.HCI.ENC.R2048', fid: 'c200', sfi: '02', size: 0x076c, g21Only: false },
  { name: 'EF.C.HCI.OSIG.R2048', fid: 'c000', sfi: '10', size: 0x076c, g21Only: false },
  { name: 'EF.C.HCI.AUT.E256', fid: 'c506', sfi: '06', size: 0x0bb8, g21Only: true },
  { name: 'EF.C.HCI.ENC.E256', fid: 'c205', sfi: '05', size: 0x0bb8, g21Only: true },
  { name: 'EF.C.HCI.OSIG.E256', fid: 'c007', sfi: '07', size: 0x0bb8, g21Only: true },
];
const esignKeys = [
  ['PrK.HCI.AUT.R2048', 'PrivateRsaKey', '02'], ['PrK.HCI.ENC.R2048', 'PrivateRsaKey', '03'],
  ['PrK.HCI.OSIG.R2048', 'PrivateRsaKey', '04'], ['PrK.HCI.AUT.E256', 'PrivateElcKey', '06'],
  ['PrK.HCI.ENC.E256', 'PrivateElcKey', '05'], ['PrK.HCI.OSIG.E256', 'PrivateElcKey', '07'],
] as const;
// MF CV-certificate files (5.3.5–5.3.9); the RSA ones exist on G2.0 and G2.1 (backward compatibility).
const cvFiles = [
  { name: 'EF.C.CA_SMC.CS.R2048', fid: '2f04', sfi: '04', size: 0x014b },
  { name: 'EF.C.CA_SMC.CS.E256', fid: '2f07', sfi: '07', size: 0x00dc },
  { name: 'EF.C.SMC.AUTR_CVC.R2048', fid: '2f03', sfi: '03', size: 0x0155 },
  { name: 'EF.C.SMC.AUTR_CVC.E256', fid: '2f06', sfi: '06', size: 0x00de },
  { name: 'EF.C.SMC.AUTD_RPE_CVC.E256', fid: '2f09', sfi: '09', size: 0x00de },
];

const cms = 'OR{SMMAC(14),SMMAC(18),SMMAC(cvc_FlagList_CMS:00800000000000)}';
const readAlways = `CB{ [ACTIVATED,1,{ ({00||b0||??||??},ALW), ({00||d6||??||??},AND{${cms},SMCMDENC}) }]}`;
const readOnlyAlways = 'CB{ [ACTIVATED,1,{ ({00||b0||??||??},ALW) }]}';
const dirRules = `CB{ [ACTIVATED,1,{ ({00||b2||??||??,00||a2||??||??},ALW), ({00||e2||00||??,00||dc||??||??,00||0c||??||??},AND{${cms},SMCMDENC}) }]}`;
const pinRules = 'CB{ [ACTIVATED,1,{ ({00||24||00||??,80||20||00||??,00||2c||00||??,00||2c||01||??,00||20||00||??},ALW) }]}';
const folderRules = `CB{ [ACTIVATED,1,{ ({80||84||00||00},ALW), ({00||84||00||00},ALW) }]}`;
const keyRules = 'CB{ [ACTIVATED,1,{ ({00||2a||9e||9a,80||2a||9e||9a,00||88||00||00},PWD(01)) }]}';

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const h2 = (n: number): string => n.toString(16).padStart(2, '0');
const h4 = (n: number): string => n.toString(16).padStart(4, '0');
const ascii = (s: string, len: number): string => hex(new TextEncoder().encode(s.padEnd(len, ' ').slice(0, len)));

function attribute(id: string, value: string): string {
  return value === '' ? `<attribute id="${id}" />` : `<attribute id="${id}">${value}</attribute>`;
}

function transparentEf(name: string, fid: string, sfi: string, size: number, body: string, rules: string, indent: string): string {
  const a = [
    attribute('fileIdentifier', fid), attribute('shortFileIdentifier', sfi), attribute('lifeCycleStatus', 'ACTIVATED'),
    attribute('shareable', 'TRUE'), attribute('accessRules', rules), attribute('flagTransactionMode', 'TRUE'),
    attribute('flagChecksum', 'TRUE'), attribute('numberOfOctet', h4(size)), attribute('positionLogicalEndOfFile', h4(body.length / 2)),
    attribute('body', body),
  ];
  return `${indent}<child id="${name}" objectType="TransparentElementaryFile">\n${indent}  <attributes>\n${a.map((x) => `${indent}    ${x}`).join('\n')}\n${indent}  </attributes>\n${indent}</child>`;
}

function simpleObject(name: string, objectType: string, attrs: [string, string][], indent: string): string {
  return `${indent}<child id="${name}" objectType="${objectType}">\n${indent}  <attributes>\n${attrs.map(([k, v]) => `${indent}    ${attribute(k, v)}`).join('\n')}\n${indent}  </attributes>\n${indent}</child>`;
}

function withTck(atrWithoutTck: string): string {
  const bytes = atrWithoutTck.match(/../g)!.map((x) => parseInt(x, 16));
  return atrWithoutTck + h2(bytes.slice(1).reduce((a, b) => a ^ b, 0));
}

export function buildSmcbImageXml(o: SmcbImageOptions): string {
  if (!/^\d{20}$/.test(o.iccsn)) throw new Error(`ICCSN must have 20 digits: ${o.iccsn}`);
  const g21 = o.generation === 'G2.1';
  const ptv = o.productTypeVersion.map(h2).join('');
  // EF.ATR: E0 buffer sizes (max command 0x0409, max response 0x8002, as on the gematik HBA/eGK images),
  // D4 object-system product id. Maker "TIKPR" marks these images as generated by this project.
  const efAtr = 'e01102020409020300800202020409020204095f520c806605444573696d739621f3'
    + 'd003040300'
    + `d410${ascii('TIKPR', 5)}${ascii(g21 ? 'SMCB21' : 'SMCB20', 8)}${ptv}`
    + `d610${ascii('TIKPR', 5)}${ascii('PERSO', 8)}010000`;
  const productId = `${ascii('TIKPR', 5)}${ascii(g21 ? 'SMCB_G21' : 'SMCB_G20', 8)}${ptv}`;
  const version2Inner = `c003020000c103${ptv}c210${productId}c403010000c503020000`;
  const efVersion2 = `ef${h2(version2Inner.length / 2)}${version2Inner}`;
  const efGdo = `5a0a${o.iccsn}`;
  const indent = '          ';
  const esign = esignFiles
    .filter((f) => g21 || !f.g21Only)
    .map((f) => transparentEf(f.name, f.fid, f.sfi, f.size, o.certificates[f.name] ? hex(o.certificates[f.name]!) : '', readAlways, `${indent}    `));
  const keys = esignKeys
    .filter(([name]) => g21 || name.endsWith('R2048'))
    .map(([name, type, kid]) => simpleObject(name, type, [['keyIdentifier', kid], ['lifeCycleStatus', 'ACTIVATED'], ['accessRules', keyRules]], `${indent}    `));
  const cv = cvFiles
    .filter((f) => g21 || f.name !== 'EF.C.SMC.AUTD_RPE_CVC.E256')
    .map((f) => transparentEf(f.name, f.fid, f.sfi, f.size, o.cvCertificates?.[f.name] ? hex(o.cvCertificates[f.name]!) : '', readAlways, indent));
  const dirRecords = [
    ['AID.MF', '61084f06d27600014606'],
    ['AID.ESIGN', '610c4f0aa000000167455349474e'],
  ].map(([id, v]) => `${indent}    <record id="${id}">\n${indent}      ${attribute('recordLifeCycleStatus', 'ACTIVATED')}\n${indent}      ${attribute('recordValue', v!)}\n${indent}    </record>`).join('\n');
  const atr = withTck('3bd096ff81b1fe451f07');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!--
    ${o.title}
    Generated by scripts/build-smcb-images.ts (ti-kartenpruefer) from
    gemSpec_SMC-B_ObjSys_G2.1 V4.2.0 and gematik test certificates (ref-GemLibPki, Apache-2.0).
    ${o.comment.split('\n').join('\n    ')}
-->
<card version="3" name="${o.title}">
  <objectSystem>
    <attribute id="root">
      <child id="MF" objectType="ADF">
        <attributes>
          ${attribute('lifeCycleStatus', 'ACTIVATED')}
          ${attribute('accessRules', folderRules)}
          ${attribute('shareable', 'TRUE')}
          ${attribute('applicationIdentifier', '{d27600014606}')}
          ${attribute('fileIdentifier', '3f00')}
        </attributes>
        <children>
          <child id="DF.ESIGN" objectType="Application">
            <attributes>
              ${attribute('accessRules', folderRules)}
              ${attribute('applicationIdentifier', '{a000000167455349474e}')}
              ${attribute('lifeCycleStatus', 'ACTIVATED')}
              ${attribute('shareable', 'TRUE')}
            </attributes>
            <children>
${[...esign, ...keys].join('\n')}
            </children>
          </child>
${transparentEf('EF.ATR', '2f01', '1d', efAtr.length / 2 + 23, efAtr, readAlways, indent)}
          <child id="EF.DIR" objectType="LinearVariableElementaryFile">
            <attributes>
              ${attribute('fileIdentifier', '2f00')}
              ${attribute('shortFileIdentifier', '1e')}
              ${attribute('lifeCycleStatus', 'ACTIVATED')}
              ${attribute('shareable', 'TRUE')}
              ${attribute('accessRules', dirRules)}
              ${attribute('flagTransactionMode', 'TRUE')}
              ${attribute('flagChecksum', 'TRUE')}
              ${attribute('maximumNumberOfRecords', '07')}
              ${attribute('maximumRecordLength', '13')}
              ${attribute('flagRecordLifeCycleStatus', 'FALSE')}
              ${attribute('numberOfOctet', '005a')}
            </attributes>
            <records>
${dirRecords}
            </records>
          </child>
${transparentEf('EF.GDO', '2f02', '02', 0x0c, efGdo, readOnlyAlways, indent)}
${transparentEf('EF.Version2', '2f11', '11', 0x3c, efVersion2, readAlways, indent)}
${cv.join('\n')}
${simpleObject('PIN.SMC', 'PWD', [
    ['pwdIdentifier', '01'], ['lifeCycleStatus', 'ACTIVATED'], ['accessRules', pinRules], ['minimumLength', '06'],
    ['maximumLength', '08'], ['startRetryCounter', '03'], ['retryCounter', h2(o.pin.retryCounter)],
    ['transportStatus', o.pin.transportStatus], ['flagEnabled', o.pin.flagEnabled === false ? 'FALSE' : 'TRUE'],
    ['startSSecList', '{(1,INFINITY)}'], ['pukUsage', '0a'],
  ], indent)}
${simpleObject('PrK.SMC.AUTR_CVC.R2048', 'PrivateRsaKey', [['keyIdentifier', '10'], ['lifeCycleStatus', 'ACTIVATED']], indent)}
${simpleObject('PrK.SMC.AUTR_CVC.E256', 'PrivateElcKey', [['keyIdentifier', '06'], ['lifeCycleStatus', 'ACTIVATED']], indent)}
${g21 ? simpleObject('PrK.SMC.AUTD_RPE_CVC.E256', 'PrivateElcKey', [['keyIdentifier', '09'], ['lifeCycleStatus', 'ACTIVATED']], indent) + '\n' : ''}${simpleObject('SK.CMS.AES128', 'SymmetricAutKey', [['keyIdentifier', '14'], ['lifeCycleStatus', 'ACTIVATED']], indent)}
${simpleObject('SK.CMS.AES256', 'SymmetricAutKey', [['keyIdentifier', '18'], ['lifeCycleStatus', 'ACTIVATED']], indent)}
        </children>
      </child>
    </attribute>
    ${attribute('coldAnswerToReset', atr)}
    ${attribute('warmAnswerToReset', atr)}
    ${attribute('iccsn8', o.iccsn.slice(4))}
    ${attribute('lifeCycleStatus', 'ACTIVATED')}
  </objectSystem>
  <commons>
    <common id="objectSystemId" type="STRING">SMCB_${o.generation}</common>
    <common id="LOGICAL_CHANNELS" type="INT">4</common>
  </commons>
</card>
`;
}

export function derFromPemOrDer(bytes: Uint8Array): Uint8Array {
  const text = new TextDecoder('latin1').decode(bytes);
  const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(text);
  if (!m) return bytes;
  return Uint8Array.from(Buffer.from(m[1]!.replace(/\s/g, ''), 'base64'));
}

const certDir = resolve(dirname(fileURLToPath(import.meta.url)), '../test/fixtures/cardimages/certs');
/** Where the generated images live: app assets (the Demo reader's cards), read by the tests too. */
export const imageDir = resolve(dirname(fileURLToPath(import.meta.url)), '../src/assets/demo-cards');

function cert(file: string): Uint8Array {
  return derFromPemOrDer(readFileSync(resolve(certDir, file)));
}

/** The two committed SMC-B images: file name → options. */
export function standardSmcbImages(): Record<string, SmcbImageOptions> {
  return {
    'SMCB_G2_1_80276001011699802021.xml': {
      title: 'SMC-B G2.1 Zahnarzt Praxis Babette Beyer (generated)',
      generation: 'G2.1',
      iccsn: '80276001011699802021',
      productTypeVersion: [4, 4, 0],
      pin: { transportStatus: 'transportPIN', retryCounter: 3 },
      certificates: {
        'EF.C.HCI.AUT.E256': cert('GEM.SMCB-CA59__80276001011699802021-Beyer-Zahnarzt-SMCB59.crt'),
        'EF.C.HCI.ENC.E256': cert('GEM.SMCB-CA58__Beyer-Zahnarzt.pem'),
      },
      comment: 'ICCSN 80276001011699802021 from the certificates\' subject serialNumber 16.80276001011699802021.\n'
        + 'AUT.E256 = GEM.SMCB-CA59 cert, ENC.E256 = GEM.SMCB-CA58 cert of the same card; no public OSIG or RSA\n'
        + 'certificate of this card exists, so those files are unpersonalised (empty). CV-certificate files empty:\n'
        + 'no public SMC-B CV certificates exist. PIN.SMC in transport state (card not yet activated).',
    },
    'SMCB_G2_0_80276001011699901340.xml': {
      title: 'SMC-B G2.0 Tolles kleines Krankenhaus (generated)',
      generation: 'G2.0',
      iccsn: '80276001011699901340',
      productTypeVersion: [4, 3, 0],
      pin: { transportStatus: 'regularPassword', retryCounter: 2 },
      certificates: {
        'EF.C.HCI.OSIG.R2048': cert('GEM.SMCB-CA41-RSA__80276001011699901340-C_SMCB_OSIG_R2048_X509.pem'),
      },
      comment: 'ICCSN 80276001011699901340 from the OSIG certificate\'s subject serialNumber 16.80276001011699901340.\n'
        + 'G2.0: RSA X.509 only. OSIG.R2048 = GEM.SMCB-CA41 cert; AUT/ENC of this card are not public (empty).\n'
        + 'CV-certificate files empty (none public). PIN.SMC activated, one wrong try used (2 retries left).',
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [file, options] of Object.entries(standardSmcbImages())) {
    writeFileSync(resolve(imageDir, file), buildSmcbImageXml(options));
    console.log(`wrote src/assets/demo-cards/${file}`);
  }
}
