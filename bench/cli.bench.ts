// npm run bench -- cli — the CLIs as a user starts them: whole processes (`node bin/ti-validate.mjs …`),
// median of 5 interleaved rounds, against two anchors measured in the same run: `node -e 0` (what any
// Node tool costs to start) and a split+regex Node script (bench/baseline/regex-summary.ts, bundled to
// plain JavaScript like the CLI). Targets (issue 10): a 3-line file ≤ 1.5× `node -e 0`; 1M IDs
// `--summary` ≥ 3× faster than split+regex. Also the cost of the launcher's stale-build check.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import { build } from 'esbuild';
import { outDir, generate } from './id-lists.ts';
// @ts-expect-error plain JavaScript module without type declarations
import { staleReason } from '../bin/launch.mjs';

const root = join(import.meta.dirname, '..');
const ROUNDS = 5;
const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]!; };

const regexScript = join(outDir, 'regex-summary.mjs');
await build({
  entryPoints: [join(root, 'bench/baseline/regex-summary.ts')], outfile: regexScript,
  bundle: true, platform: 'node', format: 'esm', logLevel: 'warning',
});
const threeLines = join(outDir, 'three-lines.txt');
writeFileSync(threeLines, '1-20014242424\n5-2-123456789-001\n9-2.245.12345678\n');
const million = generate(1_000_000);

interface Case { name: string; args: string[] }
const cases: Case[] = [
  { name: 'anchor: `node -e 0`', args: ['-e', '0'] },
  { name: '`ti-validate` 3-line file', args: ['bin/ti-validate.mjs', threeLines] },
  { name: '`ti-validate --help`', args: ['bin/ti-validate.mjs', '--help'] },
  { name: '`ti-cert --help`', args: ['bin/ti-cert.mjs', '--help'] },
  { name: '`ti-card --help`', args: ['bin/ti-card.mjs', '--help'] },
  { name: 'anchor: split+regex script, 1M IDs', args: [regexScript, million] },
  { name: '`ti-validate --summary` 1M IDs', args: ['bin/ti-validate.mjs', '--summary', million] },
];

const loadBefore = os.loadavg()[0]!.toFixed(1);
const outputs = new Map<string, string>();
function runOnce(c: Case): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, c.args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 20 });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${c.name}: exit ${r.status}: ${r.stderr}`);
  outputs.set(c.name, r.stdout);
  return ms;
}

const times = new Map(cases.map((c) => [c.name, [] as number[]]));
for (const c of cases) runOnce(c); // warm the file cache
for (let round = 0; round < ROUNDS; round++) for (const c of cases) times.get(c.name)!.push(runOnce(c));

// Both count the same 1M lines; a different total would make the comparison meaningless.
const ours = JSON.parse(outputs.get('`ti-validate --summary` 1M IDs')!);
const theirs = JSON.parse(outputs.get('anchor: split+regex script, 1M IDs')!);
if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
  throw new Error(`totals differ: ti-validate ${JSON.stringify(ours)} vs split+regex ${JSON.stringify(theirs)}`);
}

const checkRounds = 1000;
const c0 = performance.now();
for (let i = 0; i < checkRounds; i++) staleReason();
const checkMs = (performance.now() - c0) / checkRounds;

const nodeStart = median(times.get(cases[0]!.name)!);
const regex = median(times.get('anchor: split+regex script, 1M IDs')!);
const lines = ['| process | median ms (5 rounds) | × `node -e 0` | × split+regex |', '|---|---:|---:|---:|'];
for (const c of cases) {
  const m = median(times.get(c.name)!);
  const vsRegex = c.args.includes(million) ? `${(regex / m).toFixed(2)}× faster` : '';
  lines.push(`| ${c.name} | ${m.toFixed(0)} | ${(m / nodeStart).toFixed(2)} | ${vsRegex} |`);
}
const small = median(times.get('`ti-validate` 3-line file')!) / nodeStart;
const big = regex / median(times.get('`ti-validate --summary` 1M IDs')!);
console.log(`Load average before: ${loadBefore}, after: ${os.loadavg()[0]!.toFixed(1)} `
  + '(2 cores shared with other work; wall times swing).');
console.log('');
console.log(lines.join('\n'));
console.log('');
console.log(`Totals of both on 1M IDs (must agree): ${JSON.stringify(ours)}.`);
console.log(`Stale-build check in bin/launch.mjs (read build/cli/stamp.json, stat every source): ${(checkMs * 1000).toFixed(0)} µs.`);
console.log(`Targets: 3-line file ≤ 1.5× \`node -e 0\` → ${small <= 1.5 ? 'met' : 'NOT met'} (${small.toFixed(2)}×); `
  + `1M IDs --summary ≥ 3× faster than split+regex → ${big >= 3 ? 'met' : 'NOT met'} (${big.toFixed(2)}×).`);
