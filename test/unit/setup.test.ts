// Set-up decisions of scripts/setup.mjs: what npm test does when the browser (or Xvfb) is missing.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
// @ts-expect-error plain JavaScript module without type declarations
import { browserPlan as browserPlanUntyped } from '../../scripts/setup.mjs';

interface Facts {
  chromiumPath: string; chromiumExists: boolean; xvfbExists: boolean; pdftotextExists?: boolean; isRoot: boolean; sudoWorks: boolean;
}
interface Plan { action: string; packages?: string[]; command?: string; message?: string; sudo?: boolean }
const browserPlan = browserPlanUntyped as (facts: Facts) => Plan;
const root = resolve(__dirname, '../..');
const facts = (over: Partial<Facts>): Facts => ({
  chromiumPath: '/usr/bin/chromium', chromiumExists: true, xvfbExists: true, isRoot: false, sudoWorks: false, ...over,
});

describe('browserPlan', () => {
  it('nothing to do when Chromium and Xvfb are there', () => {
    expect(browserPlan(facts({}))).toEqual({ action: 'none' });
  });

  it('installs what is missing as root, without sudo', () => {
    expect(browserPlan(facts({ chromiumExists: false, xvfbExists: false, isRoot: true }))).toEqual({
      action: 'install', packages: ['chromium', 'xvfb'], sudo: false,
      command: 'apt-get update && apt-get install -y chromium xvfb',
    });
  });

  it('installs with passwordless sudo', () => {
    expect(browserPlan(facts({ chromiumExists: false, sudoWorks: true }))).toMatchObject({
      action: 'install', packages: ['chromium'], sudo: true, command: 'sudo apt-get update && sudo apt-get install -y chromium',
    });
  });

  it('stops with the command to run when Chromium is missing and cannot be installed', () => {
    expect(browserPlan(facts({ chromiumExists: false, xvfbExists: false }))).toEqual({
      action: 'stop',
      message: 'npm test needs Chromium at /usr/bin/chromium; run: sudo apt-get update && sudo apt-get install -y chromium xvfb',
    });
  });

  it('only Xvfb missing and no way to install it: the IWA test is skipped, and it says so', () => {
    const plan = browserPlan(facts({ xvfbExists: false }));
    expect(plan.action).toBe('skip-iwa');
    expect(plan.message).toContain('test/e2e/iwa.spec.ts will be skipped');
    expect(plan.message).toContain('sudo apt-get install -y xvfb');
  });

  it('pdftotext missing: installed with the rest as root; otherwise only the print test is skipped, and it says so', () => {
    expect(browserPlan(facts({ pdftotextExists: false, isRoot: true }))).toMatchObject({ action: 'install', packages: ['poppler-utils'] });
    const plan = browserPlan(facts({ pdftotextExists: false }));
    expect(plan.action).toBe('skip-iwa');
    expect(plan.message).toContain('the audit print test will be skipped');
    expect(plan.message).not.toContain('iwa.spec.ts');
    expect(plan.message).toContain('sudo apt-get install -y poppler-utils');
  });
});

describe('npm test without a browser and without rights to install one', () => {
  // As an unprivileged user (root drops to "nobody"); CHROMIUM_PATH points the check at a path that does not exist.
  const isRoot = process.getuid?.() === 0;
  const sudoWorks = !isRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  it.skipIf(sudoWorks)('exits 2 at once with one line saying what to run', () => {
    const asNobody = isRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    const command = [...asNobody, process.execPath, 'scripts/test.mjs'];
    const r = spawnSync(command[0]!, command.slice(1), {
      cwd: root, encoding: 'utf8', env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', HOME: '/tmp' },
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe(''); // no set-up step and no test step ran
    expect(r.stderr).toMatch(
      /^npm test needs Chromium at \/nonexistent\/chromium; run: sudo apt-get update && sudo apt-get install -y chromium( xvfb)?\n$/);
  });
});
