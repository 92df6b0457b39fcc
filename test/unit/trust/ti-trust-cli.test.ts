// The CLIs' trust output on real gematik test material. Expectations from reading the files: the HBA G2.0 and
// eGK G2.1 images carry ECC CV chains to DEGXX… test roots (their signatures agree with OpenSSL: trust.test.ts), so both are test cards;
// BabetteBeyer-invalid-signature must fail with exit 1; a broken TSL is refused with exit 2.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const run = (bin: string, args: string[]) => spawnSync(process.execPath, [resolve(ROOT, 'bin', bin), ...args], { encoding: 'utf8', cwd: ROOT });

describe('ti-card --json: trust and authenticity', () => {
  for (const image of ['HBA_G2_0_80276883110000017289.xml', 'EGK_G2_1_80276883110000095711.xml']) {
    it(`${image} is a test card`, () => {
      const r = run('ti-card.mjs', ['read', '--image', resolve(ROOT, 'src/assets/demo-cards', image), '--json']);
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout) as {
        authenticity: { status: string; environment: string };
        certificates: { file: string; trust: { status: string; chain: string[] } | null }[];
      };
      expect(out.authenticity).toMatchObject({ status: 'testCard', environment: 'test' });
      const caCvc = out.certificates.find((c) => c.file.startsWith('EF.C.CA_') && c.file.endsWith('.E256'))!;
      expect(caCvc.trust!.status).toBe('verified');
      expect(caCvc.trust!.chain.at(-1)).toMatch(/^DEGXX/);
      for (const c of out.certificates.filter((x) => x.file.endsWith('R2048') && x.file.includes('CVC'))) expect(c.trust?.status).not.toBe('verified');
    });
  }
});

describe('ti-cert --tsl', () => {
  const cert = (f: string) => resolve(ROOT, 'test/fixtures/certs/gemlibpki', f);
  const tsl = (f: string) => resolve(ROOT, 'test/fixtures/trust/tsl', f);
  it('a broken signature fails (exit 1) and a valid one is verified with its chain', () => {
    const r = run('ti-cert.mjs', ['--json', '--tsl', tsl('gemlibpki-ecc-TSL_default.xml'),
      cert('GEM.SMCB-CA57__invalid__BabetteBeyer-invalid-signature.pem'), cert('GEM.SMCB-CA57__valid__PraxisBabetteBeyer.pem')]);
    expect(r.status).toBe(1);
    const [bad, good] = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { trust: unknown });
    expect(bad!.trust).toMatchObject({ status: 'signatureInvalid', environment: null });
    expect(good!.trust).toEqual({ status: 'verified', environment: 'test', chain: ['Psychotherapeutische Praxis Babette Beyer TEST-ONLY', 'GEM.SMCB-CA57 TEST-ONLY', 'GEM.RCA8 TEST-ONLY'], reason: 'chainVerified' });
  });
  it('a TSL with a broken signature is refused with exit 2 and a clear message', () => {
    const r = run('ti-cert.mjs', ['--json', '--tsl', tsl('gemlibpki-ecc-TSL_invalid_Signature_broken.xml'), cert('GEM.SMCB-CA57__valid__PraxisBabetteBeyer.pem')]);
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout.trim().split('\n')[0]!)).toMatchObject({ error: 'TSL_SIGNATURE_INVALID' });
  });
});
