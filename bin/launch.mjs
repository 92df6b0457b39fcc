// Starts a CLI built by scripts/build-cli.mjs in this process: reads build/cli/stamp.json and stats the
// sources it lists (no process spawned, no transpiling), then imports build/cli/<name>.mjs. A missing or
// stale build, or a missing wasm module, is one line on stderr and exit 2 (a tool failure, never 1).
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

export const CLI_NAMES = ['ti-validate', 'ti-cert', 'ti-card'];
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const buildDir = join(root, 'build', 'cli');
export const stampPath = join(buildDir, 'stamp.json');
export const wasmModules = ['asm/build/telematik-id.wasm', 'asm/build/der.wasm'];

/** Why the build cannot be used (a short sentence), or null when it is current. */
export function staleReason(stampFile = stampPath, rootDir = root) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return 'the CLIs are not built';
  }
  for (const [file, [mtimeMs, size]] of Object.entries(stamp.inputs)) {
    const s = statSync(join(rootDir, file), { throwIfNoEntry: false });
    if (!s) return `${file} is gone since the CLIs were built`;
    if (s.mtimeMs !== mtimeMs || s.size !== size) return `${file} changed since the CLIs were built`;
  }
  for (const file of wasmModules) {
    if (!statSync(join(rootDir, file), { throwIfNoEntry: false })) return `${file} is missing`;
  }
  return null;
}

export async function launch(name) {
  const reason = staleReason();
  if (reason) {
    process.stderr.write(`${name}: ${reason}; run \`npm run setup\` (or \`node scripts/build-cli.mjs\`) in ${root}\n`);
    process.exit(2);
  }
  await import(pathToFileURL(join(buildDir, `${name}.mjs`)).href);
}
