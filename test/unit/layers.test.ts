// The data path is a one-way street: transports → APDU → card profiles → domain → workers → UI.
// No module may import from a layer above its own. src/i18n is shared data every layer may use.
// Beside the street: src/cli (the command-line tools) and scripts/ may use every layer below the UI, never src/ui.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const root = resolve(__dirname, '../..');
const layers = ['src/transport', 'src/apdu', 'src/cards', 'src/domain', 'workers', 'src/ui'] as const;
const shared = ['src/i18n', 'asm'];

function layerOf(file: string): number {
  const rel = relative(root, file).replaceAll('\\', '/');
  return layers.findIndex((l) => rel === l || rel.startsWith(`${l}/`));
}

const importSpecifiers = /(?:import|export)[^'"]*?from\s*['"](\.[^'"]+)['"]|new URL\(\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]|import\s+['"](\.[^'"]+)['"]/g;

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (name !== 'build') yield* sourceFiles(p); }
    else if (/\.(ts|tsx|mjs)$/.test(name)) yield p;
  }
}

describe('layering', () => {
  it('no module imports a layer above its own', () => {
    const violations: string[] = [];
    let checked = 0;
    for (const top of [...layers]) {
      const dir = join(root, top);
      try { statSync(dir); } catch { continue; }
      for (const file of sourceFiles(dir)) {
        const own = layerOf(file);
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(importSpecifiers)) {
          const spec = (m[1] ?? m[2] ?? m[3] ?? m[4])!.replace(/\?.*$/, '');
          const target = resolve(dirname(file), spec);
          checked++;
          if (shared.some((s) => relative(root, target).startsWith(s))) continue;
          const their = layerOf(target);
          if (their > own) violations.push(`${relative(root, file)} → ${relative(root, target)}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });

  it('src/cli and scripts never import the UI', () => {
    const ui = join(root, 'src/ui');
    const violations: string[] = [];
    const checkedFiles = new Set<string>();
    for (const top of ['src/cli', 'scripts']) {
      for (const file of sourceFiles(join(root, top))) {
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(importSpecifiers)) {
          const spec = (m[1] ?? m[2] ?? m[3] ?? m[4])!.replace(/\?.*$/, '');
          checkedFiles.add(relative(root, file));
          const target = resolve(dirname(file), spec);
          if (target === ui || target.startsWith(`${ui}/`)) violations.push(`${relative(root, file)} → ${relative(root, target)}`);
        }
      }
    }
    // Both folders import from src/ (the CLIs their domain; scripts/generate-asm.ts the rule data).
    expect([...checkedFiles].some((f) => f.startsWith('src/cli/'))).toBe(true);
    expect([...checkedFiles].some((f) => f.startsWith('scripts/'))).toBe(true);
    expect(violations).toEqual([]);
  });
});

describe('audit engine', () => {
  it('lives in src/domain/audit with no module-level mutable state (calls share nothing)', () => {
    const dir = join(root, 'src/domain/audit');
    const found: string[] = [];
    for (const file of sourceFiles(dir)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^(?:export\s+)?(?:let|var)\s+(\w+)/gm)) found.push(`${relative(root, file)}: ${m[1]}`);
    }
    expect([...sourceFiles(dir)].length).toBeGreaterThan(3);
    expect(found).toEqual([]);
  });

  it('workers/ holds only worker entry points and the pool', () => {
    expect(readdirSync(join(root, 'workers')).sort()).toEqual(['audit-runner.ts', 'cert-pool.ts', 'cert-worker.ts', 'id-worker.ts', 'pool.ts']);
  });
});
