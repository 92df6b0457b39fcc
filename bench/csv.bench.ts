// npm run bench -- csv — CSV lists (the usual export from admin systems) against plain text holding
// the same IDs. In Node, one thread (= one worker): the CSV path (our byte-level RFC 4180 reader, then
// the wasm core), the plain-text path (wasm core on raw bytes) as its anchor, and Papa Parse (the
// parser a user would pick) followed by the same validation as the second anchor. Figures are CPU
// time of this process (the machine is shared; wall time is printed too). In Chromium: picking each
// file to the finished summary on the page's worker pool, where CSV ranges are read speculatively.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { chromium } from '@playwright/test';
import { compileTelematikIdModule, instantiateTelematikIdCore, WasmTelematikIdValidator } from '../src/domain/telematik-id/index.ts';
import { auditRange } from '../src/domain/audit/index.ts';
import { sniffFile, isListError, decodeBlob } from '../src/domain/id-lists/index.ts';
import { BulkScanner } from '../src/domain/telematik-id/bulk.ts';
import Papa from 'papaparse';
import { outDir, generate, generateCsv } from './id-lists.ts';

const ROWS = 2_000_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

const core = instantiateTelematikIdCore(await compileTelematikIdModule());
const validator = new WasmTelematikIdValidator(core);
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
/** Median CPU and wall time (ms) of `run` over `reps` runs after a warm-up run; `run` returns the rows validated. */
async function measure(reps: number, run: () => Promise<number>): Promise<{ ms: number; wall: number; rows: number }> {
  let rows = 0;
  const cpu: number[] = [], wall: number[] = [];
  for (let i = 0; i <= reps; i++) {
    const c0 = cpuMs(), t0 = performance.now();
    rows = await run();
    if (i > 0) { cpu.push(cpuMs() - c0); wall.push(performance.now() - t0); }
  }
  return { ms: median(cpu), wall: median(wall), rows };
}

/** One worker's audit of the whole file (the app's path). */
async function oneWorker(path: string, reps: number) {
  const file = new Blob([readFileSync(path)]);
  const format = await sniffFile(file, path);
  if (isListError(format)) throw new Error(`${path}: ${format.error}`);
  return measure(reps, async () => (await auditRange(core, validator, { jobId: 'bench', fileIndex: 0, file, format, start: 0, end: file.size, all: false, findingsLimit: 1_000_000 })).counts.ids);
}

/**
 * The anchor a user would build: Papa Parse (streaming over the decoded text, 1 MiB chunks), the ID
 * column of each row into the same wasm scanner, findings decoded as text, with the row's cells.
 */
async function papaWorker(path: string, reps: number) {
  const file = new Blob([readFileSync(path)]);
  const format = await sniffFile(file, path);
  if (isListError(format)) throw new Error(`${path}: ${format.error}`);
  const encoder = new TextEncoder();
  return measure(reps, async () => {
    let batch: string[][] = [];
    const findings: { row: number; id: string; reason: string | null; cells: string[] }[] = [];
    const scanner = new BulkScanner(core, { onRecord: (rec) => { const r = batch[rec.line - base]!; findings.push({ row: 0, id: r[format.idColumn] ?? '', reason: rec.reason, cells: r }); } });
    let base = 1, header = format.hasHeader;
    const parser = (text: string) => new Promise<void>((resolve) => {
      Papa.parse<string[]>(text, {
        delimiter: format.delimiter!, chunkSize: 1 << 20,
        chunk: (results: Papa.ParseResult<string[]>) => {
          batch = results.data.filter((r: string[]) => r.length > 1 || r[0] !== '');
          if (header) { batch.shift(); header = false; }
          base = scanner.nextLine;
          scanner.push(encoder.encode(batch.map((r) => r[format.idColumn] ?? '').join('\n')), true);
        },
        complete: () => resolve(),
      });
    });
    let text = '';
    for await (const piece of decodeBlob(file, format)) text += piece;
    await parser(text);
    return scanner.counts().ids;
  });
}

const txt = generate(ROWS), csv = generateCsv(ROWS);
const mb = (p: string) => statSync(p).size / 1e6;
const nodeTxt = await oneWorker(txt, 3), nodeCsv = await oneWorker(csv, 3), nodePapa = await papaWorker(csv, 3);
if (nodeTxt.rows !== ROWS || nodeCsv.rows !== ROWS || nodePapa.rows !== ROWS) throw new Error(`row counts: text ${nodeTxt.rows}, CSV ${nodeCsv.rows}, Papa Parse ${nodePapa.rows}`);
if (process.env.BENCH_NODE_ONLY) {
  console.log(JSON.stringify({ nodeTxt, nodeCsv, nodePapa, csvVsText: nodeTxt.ms / nodeCsv.ms, csvVsPapa: nodePapa.ms / nodeCsv.ms }));
  process.exit(0);
}

const dist = join(outDir, 'dist');
await build({ logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
const server = await preview({ logLevel: 'warn', preview: { port: 4398, strictPort: true, host: '127.0.0.1' }, build: { outDir: dist } });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
let cores = 0;
/** Median of 3 fresh pages: pick the file → the summary shows every row. */
async function inChromium(path: string): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const page = await browser.newPage();
    await page.goto('http://127.0.0.1:4398/#/audit');
    cores = await page.evaluate(() => navigator.hardwareConcurrency);
    // let the page settle (worker pool, service worker) so the figure is the audit's
    await page.waitForTimeout(1000);
    const t0 = performance.now();
    await page.getByTestId('file-input').setInputFiles(path);
    await page.waitForFunction((n) => (document.querySelector('[data-testid="count-rows"]')?.textContent ?? '').replace(/\D/g, '') === String(n), ROWS, { timeout: 120_000, polling: 20 });
    times.push(performance.now() - t0);
    await page.close();
  }
  return median(times);
}
let pageTxt: number, pageCsv: number;
try {
  pageTxt = await inChromium(txt);
  pageCsv = await inChromium(csv);
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}

const rate = (ms: number) => `${(ROWS / ms / 1000).toFixed(2)} M rows/s`;
const mbs = (p: string, ms: number) => `${(mb(p) / (ms / 1000)).toFixed(0)} MB/s`;
console.log(`${ROWS.toLocaleString('en')} rows; the same IDs as plain text (${mb(txt).toFixed(0)} MB) and as \`Name;Ort;Telematik-ID\` CSV with CRLF, quoted names and a line break in every 1000th name (${mb(csv).toFixed(0)} MB).\n`);
console.log('| measure | plain text (anchor) | CSV, our reader | Papa Parse + same validation (anchor) | CSV rows/s ÷ plain text (target ≥ 0.5) | CSV rows/s ÷ Papa Parse (target ≥ 3) |\n|---|---:|---:|---:|---:|---:|');
console.log(`| one worker (Node), CPU time, median of 3 | ${(nodeTxt.ms / 1000).toFixed(2)} s · ${rate(nodeTxt.ms)} · ${mbs(txt, nodeTxt.ms)} | ${(nodeCsv.ms / 1000).toFixed(2)} s · ${rate(nodeCsv.ms)} · ${mbs(csv, nodeCsv.ms)} | ${(nodePapa.ms / 1000).toFixed(2)} s · ${rate(nodePapa.ms)} | ${(nodeTxt.ms / nodeCsv.ms).toFixed(2)} | ${(nodePapa.ms / nodeCsv.ms).toFixed(1)} |`);
console.log(`| one worker (Node), wall time, median of 3 | ${(nodeTxt.wall / 1000).toFixed(2)} s | ${(nodeCsv.wall / 1000).toFixed(2)} s | ${(nodePapa.wall / 1000).toFixed(2)} s | ${(nodeTxt.wall / nodeCsv.wall).toFixed(2)} | ${(nodePapa.wall / nodeCsv.wall).toFixed(1)} |`);
console.log(`| Chromium, ${cores} cores: pick → summary (wall), median of 3 | ${(pageTxt / 1000).toFixed(2)} s | ${(pageCsv / 1000).toFixed(2)} s | – | ${(pageTxt / pageCsv).toFixed(2)} | – |`);
console.log(`\nOn the page, CSV files are cut into 4 MiB ranges read in parallel by ${cores} workers; each range after the first is read on the guess that it starts outside quotes, and read again with the one before it when the guess was wrong.`);
