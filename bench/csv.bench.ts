// npm run bench -- csv — CSV lists (the usual export from admin systems) against plain text holding
// the same IDs. In Node, one thread (= one worker): the CSV path (RFC 4180 reader, then the wasm
// core) and the plain-text path (wasm core on raw bytes) as its anchor. In Chromium: picking each file
// to the finished summary on the page's worker pool, where CSV ranges are read speculatively.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { chromium } from '@playwright/test';
import { compileTelematikIdModule, instantiateTelematikIdCore, WasmTelematikIdValidator } from '../src/domain/telematik-id/index.ts';
import { auditRange } from '../src/domain/audit/index.ts';
import { sniffFile, isListError } from '../src/domain/id-lists/index.ts';
import { outDir, generate, generateCsv } from './id-lists.ts';

const ROWS = 2_000_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

const core = instantiateTelematikIdCore(await compileTelematikIdModule());
const validator = new WasmTelematikIdValidator(core);
/** Median wall time (ms) of one worker's audit of the whole file, after a warm-up run. */
async function oneWorker(path: string, reps: number): Promise<{ ms: number; rows: number }> {
  const file = new Blob([readFileSync(path)]);
  const format = await sniffFile(file, path);
  if (isListError(format)) throw new Error(`${path}: ${format.error}`);
  let rows = 0;
  const times: number[] = [];
  for (let i = 0; i <= reps; i++) {
    const t0 = performance.now();
    const r = await auditRange(core, validator, { jobId: String(i), fileIndex: 0, file, format, start: 0, end: file.size, all: false, findingsLimit: 1_000_000 });
    if (i > 0) times.push(performance.now() - t0);
    rows = r.counts.ids;
  }
  return { ms: median(times), rows };
}

const txt = generate(ROWS), csv = generateCsv(ROWS);
const mb = (p: string) => statSync(p).size / 1e6;
const nodeTxt = await oneWorker(txt, 3), nodeCsv = await oneWorker(csv, 3);
if (nodeTxt.rows !== ROWS || nodeCsv.rows !== ROWS) throw new Error(`row counts: text ${nodeTxt.rows}, CSV ${nodeCsv.rows}`);

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
console.log('| measure | plain text (anchor) | CSV | CSV ÷ plain text, time |\n|---|---:|---:|---:|');
console.log(`| one worker (Node), median of 3 | ${(nodeTxt.ms / 1000).toFixed(2)} s · ${rate(nodeTxt.ms)} · ${mbs(txt, nodeTxt.ms)} | ${(nodeCsv.ms / 1000).toFixed(2)} s · ${rate(nodeCsv.ms)} · ${mbs(csv, nodeCsv.ms)} | ${(nodeCsv.ms / nodeTxt.ms).toFixed(1)}× |`);
console.log(`| Chromium, ${cores} cores: pick → summary, median of 3 | ${(pageTxt / 1000).toFixed(2)} s | ${(pageCsv / 1000).toFixed(2)} s | ${(pageCsv / pageTxt).toFixed(1)}× |`);
console.log(`\nOn the page, CSV files are cut into 4 MiB ranges read in parallel by ${cores} workers; each range after the first is read on the guess that it starts outside quotes, and read again with the one before it when the guess was wrong.`);
