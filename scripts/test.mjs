// `npm test`: set up, type-check, run every unit test (Vitest) and every browser test (Playwright, Debian Chromium).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { ensureInstalled, ensureWasm } from './setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
ensureInstalled();
ensureWasm();
const bin = (p) => join(root, 'node_modules', p);
const steps = [
  ['type-check', [bin('typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json']],
  ['production dependency audit', [join(root, 'scripts', 'audit-prod.mjs')]],
  ['unit tests', [bin('vitest/vitest.mjs'), 'run']],
  ['browser tests', [bin('@playwright/test/cli.js'), 'test', ...process.argv.slice(2)]],
];
for (const [name, args] of steps) {
  console.log(`\n== ${name} ==`);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) { console.error(`npm test: ${name} failed`); process.exit(r.status ?? 1); }
}
