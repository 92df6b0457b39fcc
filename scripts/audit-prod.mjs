// CI step of `npm test`: `npm audit --omit=dev` must report no high or critical vulnerability in what
// ships to users. If the advisory service cannot be asked (offline, or a registry mirror without the
// audit endpoint), that is said loudly and the step passes: it cannot judge what it cannot see.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const r = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', shell: process.platform === 'win32' });
let report;
try { report = JSON.parse(r.stdout); } catch { report = undefined; }
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const why = report?.message ?? report?.error?.summary ?? (r.stderr || '').trim().split('\n').pop() ?? 'no output';
  console.warn(`npm audit --omit=dev: NOT CHECKED — the advisory service could not be asked (${why}).`);
  process.exit(0);
}
const bad = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(`npm audit --omit=dev: ${JSON.stringify(counts)}`);
if (bad > 0) {
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
    if (v.severity === 'high' || v.severity === 'critical') console.error(`  ${v.severity}: ${name} (${v.range ?? ''})`);
  }
  console.error(`npm audit --omit=dev: ${bad} high/critical finding(s) in production dependencies`);
  process.exit(1);
}
