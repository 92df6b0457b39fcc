// ti-cert end to end through its bin launcher: JSON lines, exit codes, error objects.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { X509_DIR, CVC_DIR } from './helpers.ts';

const root = resolve(__dirname, '../../..');
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/ti-cert.mjs'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'de_DE.UTF-8' } });
  return { code: r.status, lines: r.stdout.split('\n').filter(Boolean), stdout: r.stdout, stderr: r.stderr };
}

describe('ti-cert CLI', () => {
  it('--json prints one object per certificate with the documented fields', () => {
    const r = cli('--json', join(X509_DIR, 'GEM.SMCB-CA57__valid__PraxisBabetteBeyer.pem'), join(CVC_DIR, 'EGK_G2_1_80276883110000095711_GuD__EF.C.eGK.AUT_CVC.E256.cvc'));
    expect(r.lines).toHaveLength(2);
    const [x, c] = r.lines.map((l) => JSON.parse(l));
    expect(Object.keys(x)).toEqual(expect.arrayContaining(['file', 'format', 'serialNumber', 'subject', 'issuer', 'notBefore', 'notAfter',
      'publicKey', 'policies', 'certificateType', 'admission', 'telematikId', 'problems']));
    expect(x).toMatchObject({
      format: 'x509', serialNumber: 'B9128CA6A1AA', notBefore: '2024-11-18T23:00:00Z', notAfter: '2029-11-18T22:59:59Z',
      publicKey: { algorithm: 'EC', bits: 256, curve: 'brainpoolP256r1' }, policies: ['1.2.276.0.76.4.163', '1.2.276.0.76.4.77'],
      certificateType: 'C.HCI.AUT', admission: { professionOids: ['1.2.276.0.76.4.52'], registrationNumber: '1-2-Psycho-BabetteBeyer01' },
      telematikId: { id: '1-2-Psycho-BabetteBeyer01' },
    });
    expect(['valid', 'warning', 'invalid']).toContain(x.telematikId.verdict);
    expect(c).toMatchObject({ format: 'cvc', issuer: 'DEGXX100218', notAfter: '2020-06-21', admission: null, telematikId: null });
    expect(c.problems.map((p: { code: string }) => p.code)).toContain('EXPIRED');
    expect(r.code).toBe(1); // the expired CV certificate is an error-severity problem
  });

  it('a PEM with several certificates gives several lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ti-cert-'));
    const a = spawnSync('cat', [join(X509_DIR, 'GEM.SMCB-CA57__GEM.SMCB-CA57-TEST-ONLY.pem'), join(X509_DIR, 'GEM.HBA-CA57__GEM.HBA-CA57-TEST-ONLY.pem')]).stdout;
    writeFileSync(join(dir, 'chain.pem'), a);
    const r = cli('--json', join(dir, 'chain.pem'));
    expect(r.lines.map((l) => JSON.parse(l).index)).toEqual([0, 1]);
    expect(r.code).toBe(0);
  });

  it('a folder stands for every certificate file in it', () => {
    const r = cli('--json', CVC_DIR);
    const files = readdirSync(CVC_DIR).filter((n) => n.endsWith('.cvc')).sort().map((n) => join(CVC_DIR, n));
    expect(r.lines.map((l) => JSON.parse(l).file)).toEqual(files);
    expect(r.lines.every((l) => JSON.parse(l).format === 'cvc')).toBe(true);
  });

  it('unparsable input: JSON error object with a reason code, exit 2, no crash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ti-cert-'));
    writeFileSync(join(dir, 'junk.der'), Buffer.from([0x30, 0x82, 0x10, 0x00, 0x02]));
    writeFileSync(join(dir, 'text.txt'), 'hello world');
    const r = cli('--json', join(dir, 'junk.der'), join(dir, 'text.txt'), join(dir, 'missing.pem'));
    expect(r.code).toBe(2);
    const objs = r.lines.map((l) => JSON.parse(l));
    expect(objs.map((o) => o.error)).toEqual(['DER_TRUNCATED', 'INPUT_UNKNOWN_FORMAT', 'FILE_NOT_READABLE']);
    expect(objs[0].message).toMatch(/abgeschnitten/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('no files: usage on stderr, exit 2', () => {
    const r = cli();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ti-cert');
  });

  it('human-readable output names problems in German by default, English with --lang en', () => {
    const file = join(X509_DIR, 'GEM.SMCB-CA57__valid__BabetteBeyer-missing-admission.pem');
    expect(cli(file).stdout).toContain('Admission-Erweiterung (Telematik-ID, Berufs-OID) fehlt');
    expect(cli('--lang', 'en', file).stdout).toContain('Admission extension (Telematik-ID, profession OID) missing');
  });
});
