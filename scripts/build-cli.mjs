// Builds the three CLIs once into plain JavaScript (build/cli/<name>.mjs, git-ignored) with esbuild, so
// bin/<name>.mjs starts without tsx, without a build check that spawns processes, without extra
// processes. Writes build/cli/stamp.json: every source file the bundle was made from with its mtime and
// size, which bin/launch.mjs compares (stats only) to refuse a stale build with exit 2.
// `node scripts/build-cli.mjs` builds when stale; `--force` always.
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative, resolve } from 'node:path';
import { CLI_NAMES, buildDir, stampPath, staleReason } from '../bin/launch.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// `new URL('../../../asm/build/x.wasm', import.meta.url)` in a source file points at an asset relative to
// that file; in the bundle import.meta.url is build/cli/<name>.mjs, so the path is re-based on it.
const assetUrlsFromBundle = {
  name: 'asset-urls-from-bundle',
  setup(b) {
    b.onResolve({ filter: /\?url$/ }, (args) => ({ path: args.path, external: true })); // browser-only branch
    b.onLoad({ filter: /\.tsx?$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const contents = text.replace(/new URL\((['"])(\.{1,2}\/[^'"]+)\1,\s*import\.meta\.url\)/g, (_, quote, rel) => {
        const target = relative(buildDir, resolve(dirname(args.path), rel)).replaceAll('\\', '/');
        return `new URL(${quote}${target.startsWith('.') ? target : `./${target}`}${quote}, import.meta.url)`;
      });
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

export async function buildCli({ force = false } = {}) {
  if (!force && !staleReason()) return false;
  mkdirSync(buildDir, { recursive: true });
  const result = await build({
    entryPoints: Object.fromEntries(CLI_NAMES.map((n) => [n, join(root, 'src', 'cli', `${n}.ts`)])),
    outdir: buildDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    metafile: true,
    logLevel: 'warning',
    // Browser-only entry points of read-excel-file are never reached in Node; not bundled.
    external: ['read-excel-file/web-worker', 'read-excel-file/browser'],
    // Some bundled CommonJS packages call require() for Node built-ins.
    banner: { js: "import { createRequire as __cliRequire } from 'node:module'; const require = __cliRequire(import.meta.url);" },
    plugins: [assetUrlsFromBundle],
  });
  // node_modules is covered by package-lock.json (npm ci rewrites every file in it, so their mtimes say nothing).
  const sources = Object.keys(result.metafile.inputs).filter((p) => !p.includes('node_modules/')).concat('package-lock.json');
  const inputs = Object.fromEntries(sources.map((p) => {
    const rel = relative(root, resolve(root, p)).replaceAll('\\', '/');
    const s = statSync(join(root, rel));
    return [rel, [s.mtimeMs, s.size]];
  }).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(stampPath, `${JSON.stringify({ inputs }, null, 1)}\n`);
  console.error(`build-cli: ${CLI_NAMES.map((n) => `build/cli/${n}.mjs`).join(', ')} (${Object.keys(inputs).length} sources)`);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildCli({ force: process.argv.includes('--force') });
}
