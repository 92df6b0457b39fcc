// ti-card end to end in a child process: JSON fields, exit 2 for unreadable images.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { imageDir, IMAGES } from './helpers.ts';

const root = resolve(__dirname, '../../..');
const run = (...args: string[]) => spawnSync(process.execPath, ['bin/ti-card.mjs', ...args], { cwd: root, encoding: 'utf8' });

describe('ti-card', () => {
  it('read --json gives the issue fields', () => {
    const r = run('read', '--image', join(imageDir, IMAGES.SMCB21), '--json', '--now', '2025-12-01');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect([j.cardType, j.generation, j.iccsn, j.telematikId]).toEqual(['SMC-B', 'G2.1', '80276001011699802021', '2-2.30.1.16.290425']);
    expect(j.reader).toEqual({ id: 'HID_Global_OMNIKEY_3x21_Smart_Card_Reader', level: 'extended-apdu' });
    expect(j.apduCount).toBe(19);
    expect(j.pins).toEqual([{ name: 'PIN.SMC', status: 'transport', retriesLeft: null, action: 'activate' }]);
    expect(j.certificates.find((c: { file: string }) => c.file === 'EF.C.HCI.AUT.E256')).toMatchObject({ format: 'x509', status: 'ok' });
  }, 60_000);
  it('--at moves a G2.0 SMC-B from "attention" (2026-06-01) to "not usable" (2026-07-01)', () => {
    const at = (day: string) => {
      const r = run('read', '--image', join(imageDir, IMAGES.SMCB20), '--json', '--at', day);
      expect(r.status).toBe(0);
      return JSON.parse(r.stdout).verdict;
    };
    const june = at('2026-06-01');
    expect(june.level).toBe('attention');
    expect(june.at).toBe('2026-06-01');
    expect(june.reasons[0]).toMatchObject({ code: 'generationEnds', params: { days: '29', endsOn: '2026-07-01' }, action: 'replaceWithEcc' });
    const july = at('2026-07-01');
    expect(july.level).toBe('notUsable');
    expect(july.reasons[0]).toMatchObject({ code: 'generationEnded', action: 'replaceWithEcc' });
    // A test card at a production desk is refused, and a day that does not exist is a usage error.
    const desk = run('read', '--image', join(imageDir, IMAGES.SMCB21), '--json', '--at', '2026-06-01', '--desk', 'production');
    expect(JSON.parse(desk.stdout).verdict.reasons[0].code).toBe('testCardAtProductionDesk');
    expect(run('read', '--image', join(imageDir, IMAGES.SMCB20), '--at', '2026-02-30').status).toBe(2);
  }, 60_000);
  it('exit 2 for an unreadable image and for a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ti-card-'));
    writeFileSync(join(dir, 'bad.xml'), '<card><objectSystem>');
    const bad = run('read', '--image', join(dir, 'bad.xml'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/XML/);
    expect(run('read', '--image', join(dir, 'missing.xml')).status).toBe(2);
    expect(run('read').status).toBe(2);
  }, 60_000);
});
