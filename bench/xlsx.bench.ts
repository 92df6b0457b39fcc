// npm run bench -- xlsx — Excel's maximum sheet (1,048,576 rows, deflated like Excel writes it, shared
// strings after the sheet) through the CLI as a user runs it (`ti-validate --summary`), against the same
// IDs as plain text (anchor) in the same run. Peak memory is the CLI process's maximum resident set
// (GNU time), the figure the target is about (≤ 400 MB). The previous reader (read-excel-file:
// whole sheet as a string and a DOM) is measured on 100,000 rows for comparison; on the full sheet it
// needed ~1 GB and returned no rows.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { outDir } from './id-lists.ts';
import { bigSheetRow, writeBigXlsx } from '../test/fixtures/id-lists/make-big-xlsx.ts';

const ROWS = 1_048_576;
const root = join(import.meta.dirname, '..');
const TARGET_MB = 400;

function ensure(path: string, make: () => void): string {
  if (!existsSync(path) || statSync(path).size === 0) make();
  return path;
}

const xlsx = ensure(join(outDir, `excel-max-${ROWS}.xlsx`), () => { writeBigXlsx(join(outDir, `excel-max-${ROWS}.xlsx`), ROWS, 6); });
// read-excel-file needs r= on every cell (the spec makes it optional), so its file has them all
const small = ensure(join(outDir, 'excel-100000-refs.xlsx'), () => { writeBigXlsx(join(outDir, 'excel-100000-refs.xlsx'), 100_000, 6, { alwaysRef: true }); });
// The generator's rows, counted here (the oracle for the CLI's totals), and the same IDs as plain text.
let dataRows = 0;
const ids: string[] = [];
for (let r = 2; r <= ROWS; r++) { const cells = bigSheetRow(r); if (cells) { dataRows++; ids.push(cells[2]!.text.trim() === '' ? '' : cells[2]!.text); } }
const txt = ensure(join(outDir, `excel-max-${ROWS}-ids.txt`), () => writeFileSync(join(outDir, `excel-max-${ROWS}-ids.txt`), ids.join('\n') + '\n'));

interface Run { seconds: number; maxRssMb: number; stdout: string }
function timed(args: string[], okStatus = [0, 1]): Run {
  const r = spawnSync('/usr/bin/time', ['-f', '%M %e', process.execPath, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [kb, secs] = last.split(' ').map(Number);
  if (!okStatus.includes(r.status ?? -1)) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return { seconds: secs!, maxRssMb: kb! / 1024, stdout: r.stdout };
}
const cli = (file: string) => timed([join(root, 'bin/ti-validate.mjs'), '--summary', file]);

// warm-up (wasm build check, tsx cache), then interleaved rounds
cli(txt);
const rounds = 3;
const res: Record<string, Run[]> = { txt: [], xlsx: [] };
for (let i = 0; i < rounds; i++) { res.txt!.push(cli(txt)); res.xlsx!.push(cli(xlsx)); }
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const summary = (runs: Run[]) => JSON.parse(runs[0]!.stdout) as { rows: number };
for (const [name, runs] of Object.entries(res)) {
  const rows = summary(runs).rows;
  if (rows !== dataRows) throw new Error(`${name}: ${rows} rows, the generator wrote ${dataRows}`);
}
const old = timed(['--input-type=module', '-e', `
  import { readSheet } from 'read-excel-file/node';
  const rows = await readSheet(${JSON.stringify(small)}, 1, { trim: false });
  console.log(rows.length);
`], [0]);

const t = (k: string) => median(res[k]!.map((r) => r.seconds));
const m = (k: string) => Math.max(...res[k]!.map((r) => r.maxRssMb));
const mb = (p: string) => (statSync(p).size / 1e6).toFixed(1);
const line = (what: string, file: string, rows: number, secs: number, rss: number, anchor: number) =>
  `| ${what} | ${mb(file)} MB | ${rows.toLocaleString('en')} | ${secs.toFixed(1)} | ${Math.round(rows / secs).toLocaleString('en')} | ${Math.round(rss)} | ${(secs / anchor).toFixed(2)} |`;
const load = (await import('node:os')).loadavg()[0]!.toFixed(1);
console.log(`Excel's maximum sheet: ${ROWS.toLocaleString('en')} rows (header + ${dataRows.toLocaleString('en')} data rows, every 997th blank), columns Name (shared string), Kundennummer (number), Telematik-ID (shared string / inline string / number), Ort; deflated (fflate level 6), shared strings after the sheet as Excel writes them. \`ti-validate --summary\` as a child process, ${rounds} interleaved rounds, median wall time, peak RSS = max over rounds (GNU time). Load average ${load} on a shared machine.

| input | file | data rows | s (median) | rows/s | peak RSS MB | × plain-text time |
|---|---:|---:|---:|---:|---:|---:|
${line('anchor: same IDs as plain text', txt, dataRows, t('txt'), m('txt'), t('txt'))}
${line('.xlsx, streamed reader', xlsx, dataRows, t('xlsx'), m('xlsx'), t('txt'))}
| read-excel-file (previous reader), 100,000 rows, parse only | ${mb(small)} MB | ${Number(old.stdout.trim()).toLocaleString('en')} | ${old.seconds.toFixed(1)} | ${Math.round(Number(old.stdout.trim()) / old.seconds).toLocaleString('en')} | ${Math.round(old.maxRssMb)} | |

Target: peak RSS of the CLI on the 1,048,576-row sheet ≤ ${TARGET_MB} MB → ${m('xlsx') <= TARGET_MB ? 'met' : 'NOT met'} (${Math.round(m('xlsx'))} MB); every row counted (${dataRows.toLocaleString('en')} = the generator's count).`);
