// Shared helpers for the card tests: load fixture images, read bodies straight from the XML text.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';

export const imageDir = resolve(__dirname, '../../../src/assets/demo-cards');
export const IMAGES = {
  SMCB21: 'SMCB_G2_1_80276001011699802021.xml',
  SMCB20: 'SMCB_G2_0_80276001011699901340.xml',
  HBA21: 'HBA_G2_1_80276883110000220885.xml',
  HBA20: 'HBA_G2_0_80276883110000017289.xml',
  EGK21: 'EGK_G2_1_80276883110000095711.xml',
} as const;

export function imageText(file: string): string {
  return readFileSync(resolve(imageDir, file), 'utf8');
}

/** Hex body of the first object with this name after `after` (a folder name), read with a regex. */
export function bodyHex(xml: string, name: string, after?: string): string {
  const from = after ? xml.indexOf(`<child id="${after}"`) : 0;
  expect(from).toBeGreaterThan(-1);
  const start = xml.indexOf(`<child id="${name}"`, from);
  expect(start, name).toBeGreaterThan(-1);
  const element = xml.slice(start, xml.indexOf('</child>', start));
  const m = /<attribute id="body"[^>]*>([0-9a-fA-F\s]*)<\/attribute>/.exec(element);
  return (m?.[1] ?? '').replace(/\s/g, '').toUpperCase();
}

export const hex = (b: Uint8Array | null): string => (b ? Buffer.from(b).toString('hex').toUpperCase() : '');
