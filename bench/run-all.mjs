// `npm run bench [-- FILTER]`: runs every bench/*.bench.ts (or those whose name contains FILTER),
// each in its own Node process, prints what it prints, and stores each bench's Markdown output as
// its own section of bench/RESULTS.md (other sections are kept), with the command that made it.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join, basename } from 'node:path';
import os from 'node:os';

const dir = dirname(fileURLToPath(import.meta.url));
const root = join(dir, '..');
const filter = process.argv[2] ?? '';
const benches = readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();
const resultsPath = join(dir, 'RESULTS.md');
const sections = new Map();
if (existsSync(resultsPath)) {
  for (const part of readFileSync(resultsPath, 'utf8').split(/^<!-- bench:(\S+) -->$/m).slice(1).reduce((acc, cur, i, arr) => (i % 2 === 0 ? acc.concat([[cur, arr[i + 1]]]) : acc), [])) {
    sections.set(part[0], part[1].trim());
  }
}
let failed = false;
for (const file of benches) {
  const name = basename(file, '.bench.ts');
  console.log(`\n### bench ${name}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join('bench', file)], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  process.stdout.write(r.stdout);
  if (r.status !== 0) { failed = true; console.error(`bench ${name} failed (exit ${r.status})`); continue; }
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
  sections.set(name, `## ${name}\n\nCommand: \`npm run bench -- ${name}\` · ${new Date().toISOString().slice(0, 10)} · ${machine}\n\n${r.stdout.trim()}`);
}
const body = ['# Benchmark results', '', 'Made by `npm run bench` (all) or `npm run bench -- NAME` (one). Figures are ratios against anchors measured in the same run; the machine is shared and noisy.', '']
  .concat([...sections].sort(([a], [b]) => a.localeCompare(b)).flatMap(([name, text]) => [`<!-- bench:${name} -->`, text, '']));
writeFileSync(resultsPath, body.join('\n'));
process.exit(failed ? 1 : 0);
