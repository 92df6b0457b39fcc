// One-time set-up shared by `npm start`, `npm test`, `npm run build`, `npm run bench` (Node built-ins only
// until dependencies are installed):
// 1. `npm ci` when node_modules was not installed from this exact package-lock.json (a SHA-256 of the
//    lock file is recorded in node_modules after install; mtimes say nothing after a git checkout);
// 2. the AssemblyScript modules (scripts/build-asm.mjs, incremental);
// 3. the CLIs (scripts/build-cli.mjs, when their sources changed).
// `npm test`, `npm run test:e2e` and the browser benchmarks also call ensureBrowser(): Debian's chromium
// (and xvfb for the IWA test) when missing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lockStamp = join(root, 'node_modules', '.ti-package-lock.sha256');

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`set-up failed: ${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
    process.exit(2);
  }
}

export function lockHash() {
  return createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex');
}

export function ensureInstalled() {
  const want = lockHash();
  const have = existsSync(lockStamp) ? readFileSync(lockStamp, 'utf8').trim() : null;
  if (have === want) return;
  console.error(`set-up: ${have ? 'package-lock.json changed' : 'dependencies not installed from package-lock.json'}; npm ci…`);
  run('npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(lockStamp, `${want}\n`);
}

export function ensureWasm() {
  run(process.execPath, [join(root, 'scripts', 'build-asm.mjs')]);
}

export async function ensureCli() {
  const { buildCli } = await import(pathToFileURL(join(root, 'scripts', 'build-cli.mjs')).href);
  await buildCli();
}

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
export const XVFB = '/usr/bin/Xvfb';
/** pdftotext (poppler-utils): the audit print test counts the findings on the printed PDF with it. */
export const PDFTOTEXT = '/usr/bin/pdftotext';

/**
 * What to do about the browser the tests need, decided from facts only (unit-tested without touching
 * the machine): nothing; install missing Debian packages (as root, or with passwordless sudo); or stop
 * with one line saying what to run. Xvfb or pdftotext missing without a way to install them only skips
 * the one test each needs (the IWA install, the audit print count), said on the console.
 */
export function browserPlan({ chromiumPath, chromiumExists, xvfbExists, pdftotextExists = true, isRoot, sudoWorks }) {
  const packages = [...(chromiumExists ? [] : ['chromium']), ...(xvfbExists ? [] : ['xvfb']),
    ...(pdftotextExists ? [] : ['poppler-utils'])];
  if (packages.length === 0) return { action: 'none' };
  const sudo = isRoot ? '' : 'sudo ';
  const command = `${sudo}apt-get update && ${sudo}apt-get install -y ${packages.join(' ')}`;
  if (isRoot || sudoWorks) return { action: 'install', packages, command, sudo: !isRoot };
  if (!chromiumExists) {
    return { action: 'stop', message: `npm test needs Chromium at ${chromiumPath}; run: ${command}` };
  }
  return {
    action: 'skip-iwa',
    message: [
      ...(xvfbExists ? [] : ['Xvfb is missing: test/e2e/iwa.spec.ts will be skipped (it needs a headed Chromium)']),
      ...(pdftotextExists ? [] : ['pdftotext is missing: the audit print test will be skipped (it counts rows on the PDF)']),
    ].join('; ') + `; to run them: ${command}`,
  };
}

/**
 * Installs or reports what the browser tests need; exits 2 when they cannot run. `xvfb: false` for work
 * that needs only a headless Chromium (the benchmarks).
 */
export function ensureBrowser({ xvfb = true } = {}) {
  const chromiumPath = process.env.CHROMIUM_PATH ?? DEBIAN_CHROMIUM;
  const facts = {
    chromiumPath,
    chromiumExists: existsSync(chromiumPath),
    xvfbExists: !xvfb || existsSync(XVFB),
    pdftotextExists: !xvfb || existsSync(PDFTOTEXT),
    isRoot: process.getuid?.() === 0,
    sudoWorks: false,
  };
  if (!facts.isRoot && !(facts.chromiumExists && facts.xvfbExists && facts.pdftotextExists)) {
    facts.sudoWorks = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  }
  const plan = browserPlan(facts);
  if (plan.action === 'stop') { console.error(plan.message); process.exit(2); }
  if (plan.action === 'skip-iwa') { console.error(plan.message); return; }
  if (plan.action === 'install') {
    console.error(`set-up: installing Debian packages ${plan.packages.join(', ')} (${plan.command})`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const pre = plan.sudo ? ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'] : [];
    const [cmd, ...args] = [...pre, 'apt-get', 'update', '-qq'];
    run(cmd, args, env);
    const [cmd2, ...args2] = [...pre, 'apt-get', 'install', '-y', '-qq', ...plan.packages];
    run(cmd2, args2, env);
    if (!existsSync(chromiumPath)) {
      console.error(`npm test needs Chromium at ${chromiumPath}, still missing after installing chromium; set CHROMIUM_PATH to it`);
      process.exit(2);
    }
  }
}

export async function setUp() {
  ensureInstalled();
  ensureWasm();
  await ensureCli();
}

// `node scripts/setup.mjs [--browser|--headless-browser]`: set-up, after making sure of Chromium (and Xvfb).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--browser')) ensureBrowser();
  if (process.argv.includes('--headless-browser')) ensureBrowser({ xvfb: false });
  await setUp();
}
