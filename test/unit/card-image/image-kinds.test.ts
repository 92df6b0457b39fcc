// What a dropped file is when it is not a card image, and the contactless test image: the user gets a
// specific answer instead of "unreadable". Expected codes come from what the files are (file(1) says
// "PEM certificate" / "Certificate, Version=3" for the certificate fixtures; the CSV is a semicolon list).
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCardImage, CardImageError } from '../../../src/transport/simulated/card-image/index.ts';
import { parseAccessRules, isAllowed } from '../../../src/transport/simulated/card-image/access-rules.ts';

const fixtures = resolve(__dirname, '../../fixtures');
const demo = resolve(__dirname, '../../../src/assets/demo-cards');
const readText = (path: string): string => new TextDecoder().decode(readFileSync(path));

function codeOf(text: string): string {
  try {
    loadCardImage(text);
    return 'loaded';
  } catch (e) {
    expect(e).toBeInstanceOf(CardImageError);
    return (e as CardImageError).code;
  }
}

describe('files that are no card image', () => {
  it.each([
    ['PEM certificate', resolve(fixtures, 'cardimages/certs/GEM.SMCB-CA58__Beyer-Zahnarzt.pem'), 'pem-file'],
    ['DER certificate', resolve(fixtures, 'cardimages/certs/GEM.SMCB-CA59__80276001011699802021-Beyer-Zahnarzt-SMCB59.crt'), 'binary-file'],
    ['CSV list (cp1252)', resolve(fixtures, 'id-lists/praxen-cp1252.csv'), 'table-file'],
  ])('%s', (_what, path, code) => {
    expect(codeOf(readText(path))).toBe(code);
  });

  it('plain text and broken XML', () => {
    expect(codeOf('Hallo, das ist eine Notiz.\n')).toBe('not-xml');
    expect(codeOf('\uFEFF  <card><objectSystem>')).toBe('xml-syntax');
    expect(codeOf('<?xml version="1.0"?><html/>')).toBe('not-a-card-image');
  });
});

describe('contactless test image (PACE/CAN, no application)', () => {
  it('is named as contactless, not as unreadable', () => {
    expect(codeOf(readText(resolve(fixtures, 'cardimages/TLK_COS_image_kontaktlos128.xml')))).toBe('contactless-only');
  });

  it('an HBA that also offers PACE (EF.CardAccess, CAN) still loads', () => {
    const hba = readText(resolve(demo, 'HBA_G2_1_80276883110000220885.xml'));
    expect(hba).toContain('SymmetricConnectionKey'); // the property the contactless test looks at
    expect(codeOf(hba)).toBe('loaded');
  });
});

describe('unknown access conditions are never satisfied', () => {
  const read: [number, number, number, number] = [0x00, 0xb0, 0x00, 0x00];
  const nobody = { passwordSatisfied: () => true };
  it.each([
    ['AUTC(d2760000400008)', false],
    ['FOO', false],
    ['OR{AUTC(d2760000400008),ALW}', true],
    ['AND{AUTC(d2760000400008),ALW}', false],
  ])('%s → allowed %s', (condition, allowed) => {
    const rules = parseAccessRules(`CB{[ACTIVATED,??,{({00||b0||??||??},${condition})}]}`);
    expect(isAllowed(rules, read, 'ACTIVATED', 1, nobody)).toBe(allowed);
  });

  it('a rule that is not well formed is still refused as unreadable', () => {
    expect(() => parseAccessRules('CB{ [ACTIVATED,1,{ ({00||b0},ALW) }]}')).toThrow(/expected/);
  });
});
