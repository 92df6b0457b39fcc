// Compiles every AssemblyScript entry file asm/*.ts to asm/build/<name>.wasm (never committed), after
// generating asm/generated/ from data (scripts/generate-asm.ts).
// Skips an entry when its wasm is newer than every source under asm/ (incremental, fast re-runs).
import { readdirSync, statSync, existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join, basename } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const asmDir = join(root, 'asm');
const outDir = join(asmDir, 'build');
mkdirSync(outDir, { recursive: true });

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== 'build') newest = Math.max(newest, newestSource(p)); }
    else if (e.name.endsWith('.ts') || e.name.endsWith('.json')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

// AssemblyScript generated from data (the Telematik-ID rules) first: its files count as sources below.
const generated = spawnSync(process.execPath, ['--import', 'tsx', join('scripts', 'generate-asm.ts')], { cwd: root, stdio: 'inherit' });
if (generated.status !== 0) { console.error('asc: generating asm/generated failed'); process.exit(1); }

const sourcesChanged = Math.max(newestSource(asmDir), statSync(fileURLToPath(import.meta.url)).mtimeMs);
const entries = readdirSync(asmDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
const asc = join(root, 'node_modules', 'assemblyscript', 'bin', 'asc.js');
let failed = false;
for (const entry of entries) {
  const name = basename(entry, '.ts');
  const out = join(outDir, `${name}.wasm`);
  if (existsSync(out) && statSync(out).mtimeMs > sourcesChanged) continue;
  console.error(`asc: ${entry} → asm/build/${name}.wasm`);
  const r = spawnSync(process.execPath, [asc, join('asm', entry), '--outFile', join('asm', 'build', `${name}.wasm`),
    '--textFile', join('asm', 'build', `${name}.wat`),
    '-O3', '--runtime', 'stub', '--enable', 'simd', '--noAssert', '--bindings', 'raw', '--exportStart', '_initialize',
    '--initialMemory', '2'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
if (failed) { console.error('asc: compilation failed'); process.exit(1); }
