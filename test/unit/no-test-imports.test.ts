// Production code never reaches into test/: what the app ships (demo card images included) lives in
// src/ (src/assets/ for data), so a build never depends on test fixtures.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const root = resolve(__dirname, '../..');

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sourceFiles(p);
    else if (/\.(ts|tsx)$/.test(name)) yield p;
  }
}

describe('production code and test fixtures', () => {
  it('no module under src/ or workers/ imports anything under test/', () => {
    const offenders: string[] = [];
    let checked = 0;
    for (const top of ['src', 'workers']) {
      for (const file of sourceFiles(join(root, top))) {
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(/from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]|new URL\(\s*['"](\.[^'"]+)['"]/g)) {
          checked++;
          const target = relative(root, resolve(dirname(file), (m[1] ?? m[2] ?? m[3])!.replace(/\?.*$/, ''))).replaceAll('\\', '/');
          if (target.startsWith('test/')) offenders.push(`${relative(root, file)} → ${target}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(offenders).toEqual([]);
  });
});
