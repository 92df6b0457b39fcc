// `npm test [-- PLAYWRIGHT-ARGS]`: browser check first (exit 2 at once when Chromium is missing and cannot be
// installed), set-up, then type-check, lint, production dependency audit, unit tests (Vitest) and browser
// tests (Playwright, Debian Chromium).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { ensureBrowser, setUp } from './setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
ensureBrowser();
await setUp();
const bin = (p) => join(root, 'node_modules', p);
const steps = [
  ['type-check', [bin('typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json']],
  ['lint', [bin('eslint/bin/eslint.js'), '.']],
  ['production dependency audit', [join(root, 'scripts', 'audit-prod.mjs')]],
  ['unit tests', [bin('vitest/vitest.mjs'), 'run']],
  ['browser tests', [bin('@playwright/test/cli.js'), 'test', ...process.argv.slice(2)]],
];
for (const [name, args] of steps) {
  console.log(`\n== ${name} ==`);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) { console.error(`npm test: ${name} failed`); process.exit(r.status ?? 2); }
}
