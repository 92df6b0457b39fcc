// The committed SMC-B images are exactly what the generator makes from the committed certificates.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSmcbImageXml, standardSmcbImages, imageDir } from '../../../scripts/build-smcb-images.ts';
import { loadCardImage } from '../../../src/transport/simulated/card-image/index.ts';

describe('generated SMC-B images', () => {
  for (const [file, options] of Object.entries(standardSmcbImages())) {
    it(`${file} is reproducible and loads as a card`, () => {
      const committed = readFileSync(resolve(imageDir, file), 'utf8');
      const built = buildSmcbImageXml(options);
      expect(built).toBe(committed);
      const icc = loadCardImage(built);
      const mf = icc.transmit(Uint8Array.from(Buffer.from('00a4040400', 'hex')));
      expect(Buffer.from(mf).toString('hex')).toContain('8406d27600014606'); // SMC-B MF AID (Tab_SMC-B_ObjSys_002)
    });
  }
  it('rejects an ICCSN that is not 20 digits', () => {
    const o = Object.values(standardSmcbImages())[0]!;
    expect(() => buildSmcbImageXml({ ...o, iccsn: '8027600101169980202' })).toThrow(/20 digits/);
  });
});
