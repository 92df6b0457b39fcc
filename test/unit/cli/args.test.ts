// What the three CLIs share (src/cli/args.ts, bin/launch.mjs), run as a user would: --help, unknown
// options, the language rule, "-" for standard input, and the launcher's refusal of a missing or stale build.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { localeOf, parseCommandLine } from '../../../src/cli/args.ts';
// @ts-expect-error plain JavaScript module without type declarations
import { staleReason as staleReasonUntyped } from '../../../bin/launch.mjs';

const staleReason = staleReasonUntyped as (stampFile: string, rootDir: string) => string | null;
const root = resolve(__dirname, '../../..');
const CLIS = ['ti-validate', 'ti-cert', 'ti-card'] as const;
const run = (cli: string, args: string[], options: { input?: string | Buffer; lang?: string } = {}) => spawnSync(
  process.execPath, [join(root, 'bin', `${cli}.mjs`), ...args],
  { cwd: root, encoding: 'utf8', input: options.input, env: { ...process.env, LANG: options.lang ?? 'C.UTF-8' } },
);

describe('language rule', () => {
  it('--lang wins, else LANG when it names de or en, else German', () => {
    expect(localeOf('en', 'de_DE.UTF-8')).toBe('en');
    expect(localeOf('de', 'en_US.UTF-8')).toBe('de');
    expect(localeOf(undefined, 'en_GB.UTF-8')).toBe('en');
    expect(localeOf(undefined, 'de_AT.UTF-8')).toBe('de');
    expect(localeOf(undefined, 'C.UTF-8')).toBe('de');
    expect(localeOf(undefined, 'fr_FR.UTF-8')).toBe('de');
    expect(localeOf(undefined, undefined)).toBe('de');
  });

  it('parseCommandLine takes LANG from the environment it is given', () => {
    const cmd = parseCommandLine('ti-validate', ['a.txt'], { json: { type: 'boolean' } }, { LANG: 'en_US.UTF-8' });
    expect(cmd).toEqual({ ok: true, values: {}, positionals: ['a.txt'], lang: 'en' });
  });
});

describe.each(CLIS)('%s arguments', (cli) => {
  it('--help prints the usage with the exit codes on stdout, exit 0', () => {
    const r = run(cli, ['--help', '--lang', 'en']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^usage: ${cli} `));
    expect(r.stdout).toContain('Exit code: 0');
    expect(r.stderr).toBe('');
    expect(run(cli, ['-h']).stdout).toMatch(new RegExp(`^Aufruf: ${cli} `));
  });

  it('an unknown option is exit 2 with the option and the usage on stderr (German by default)', () => {
    const r = run(cli, ['--bogus', 'x']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`${cli}: unbekannte Option --bogus`);
    expect(r.stderr).toContain(`Aufruf: ${cli}`);
    expect(r.stdout).toBe('');
    const en = run(cli, ['-q'], { lang: 'en_US.UTF-8' });
    expect(en.status).toBe(2);
    expect(en.stderr.split('\n')[0]).toBe(`${cli}: unknown option -q`);
  });

  it('--lang with another language is exit 2', () => {
    const r = run(cli, ['--lang', 'fr', 'x']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`${cli}: --lang braucht de oder en`);
  });
});

describe('"-" reads standard input', () => {
  it('ti-validate: the same rows as from the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-args-'));
    const text = '1-20014242424\nkeine ID\n5-2-123456789-001\n';
    writeFileSync(join(dir, 'ids.txt'), text);
    const fromFile = run('ti-validate', [join(dir, 'ids.txt')]);
    const fromStdin = run('ti-validate', ['-'], { input: text });
    expect(fromFile.status).toBe(1);
    expect(fromStdin.status).toBe(1);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    expect(fromStdin.stdout.split('\n').filter(Boolean)).toHaveLength(3);
  });

  it('ti-cert: the same report as from the file, file named "-"', () => {
    const pem = join(root, 'test/fixtures/certs/gemlibpki/GEM.SMCB-CA57__valid__PraxisBabetteBeyer.pem');
    const fromFile = JSON.parse(run('ti-cert', ['--json', pem]).stdout);
    const fromStdin = run('ti-cert', ['--json', '-'], { input: readFileSync(pem) });
    expect(fromStdin.status).toBe(0);
    expect(JSON.parse(fromStdin.stdout)).toEqual({ ...fromFile, file: '-' });
  });

  it('ti-card: --image - reads the card image from standard input', () => {
    const image = join(root, 'src/assets/demo-cards/SMCB_G2_1_80276001011699802021.xml');
    const fromFile = run('ti-card', ['read', '--image', image, '--json', '--now', '2025-12-01']);
    const fromStdin = run('ti-card', ['read', '--image', '-', '--json', '--now', '2025-12-01'], { input: readFileSync(image) });
    expect(fromStdin.status).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    expect(JSON.parse(fromStdin.stdout).iccsn).toBe('80276001011699802021');
  });

  it('"-" twice is a usage error', () => {
    expect(run('ti-validate', ['-', '-'], { input: '' }).status).toBe(2);
  });
});

describe('launcher (bin/launch.mjs)', () => {
  it('a missing build is one line on stderr and exit 2, not a stack trace and not exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-launch-'));
    mkdirSync(join(dir, 'bin'));
    cpSync(join(root, 'bin/launch.mjs'), join(dir, 'bin/launch.mjs'));
    cpSync(join(root, 'bin/ti-validate.mjs'), join(dir, 'bin/ti-validate.mjs'));
    const r = spawnSync(process.execPath, [join(dir, 'bin/ti-validate.mjs'), 'x.txt'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`ti-validate: the CLIs are not built; run \`npm run setup\` (or \`node scripts/build-cli.mjs\`) in ${dir}\n`);
  });

  it('a source changed, gone, or a wasm module missing makes the build stale', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-stale-'));
    mkdirSync(join(dir, 'src'));
    mkdirSync(join(dir, 'asm/build'), { recursive: true });
    writeFileSync(join(dir, 'src/a.ts'), 'export const a = 1;\n');
    writeFileSync(join(dir, 'asm/build/telematik-id.wasm'), '');
    writeFileSync(join(dir, 'asm/build/der.wasm'), '');
    const stamp = join(dir, 'stamp.json');
    const at = new Date('2026-01-02T03:04:05Z');
    utimesSync(join(dir, 'src/a.ts'), at, at);
    writeFileSync(stamp, JSON.stringify({ inputs: { 'src/a.ts': [at.getTime(), 20] } }));
    expect(staleReason(stamp, dir)).toBeNull();
    const later = new Date('2026-01-02T03:04:06Z');
    utimesSync(join(dir, 'src/a.ts'), later, later); // touched, same size
    expect(staleReason(stamp, dir)).toBe('src/a.ts changed since the CLIs were built');
    writeFileSync(stamp, JSON.stringify({ inputs: { 'src/a.ts': [later.getTime(), 20], 'src/b.ts': [0, 1] } }));
    expect(staleReason(stamp, dir)).toBe('src/b.ts is gone since the CLIs were built');
    writeFileSync(stamp, JSON.stringify({ inputs: { 'src/a.ts': [later.getTime(), 20] } }));
    expect(staleReason(stamp, dir)).toBeNull();
    rmSync(join(dir, 'asm/build/der.wasm'));
    expect(staleReason(stamp, dir)).toBe('asm/build/der.wasm is missing');
  });
});
