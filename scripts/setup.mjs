// One-time set-up shared by `npm start`, `npm test`, `npm run build` and `npm run bench`:
// installs dependencies when node_modules is missing or older than package-lock.json,
// then builds the AssemblyScript modules when their sources changed. Uses only Node built-ins,
// because it must run before anything is installed.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`set-up failed: ${cmd} ${args.join(' ')} exited with ${r.status}`);
    process.exit(r.status ?? 1);
  }
}

export function ensureInstalled() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000);
  if (stale) {
    // `npm install`, not `npm ci`: it installs the locked versions too, while npm 11's `npm ci` here
    // rejects a lock that records rollup's platform packages only as optional dependencies.
    console.error('set-up: installing dependencies (npm install)…');
    run('npm', ['install', '--no-audit', '--no-fund']);
  }
}

export function ensureWasm() {
  run(process.execPath, [join(root, 'scripts', 'build-asm.mjs')]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureInstalled();
  ensureWasm();
}
