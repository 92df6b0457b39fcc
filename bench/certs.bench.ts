// npm run bench:certs — the real test certificates replicated to a few thousand, parsed into JS records
// by our wasm walker + decoder, and in the same run by @peculiar/x509, pkijs and node:crypto X509Certificate.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { X509Certificate as NodeX509 } from 'node:crypto';
import * as pkijs from 'pkijs';
import { loadCertificateParser, splitCertificateFile, isParseError, compileDerModule } from '../src/domain/pki/index.ts';
import { DerWalker } from '../src/domain/pki/der.ts';

// @peculiar/x509 needs the Reflect metadata API (tsyringe); a minimal in-bench shim instead of another dependency.
const metadata = new WeakMap<object, Map<unknown, unknown>>();
const R = Reflect as unknown as Record<string, unknown>;
R.defineMetadata ??= (key: unknown, value: unknown, target: object) => { if (!metadata.has(target)) metadata.set(target, new Map()); metadata.get(target)!.set(key, value); };
R.getMetadata ??= (key: unknown, target: object) => { for (let o: object | null = target; o; o = Object.getPrototypeOf(o)) { const v = metadata.get(o)?.get(key); if (v !== undefined) return v; } return undefined; };
R.getOwnMetadata ??= (key: unknown, target: object) => metadata.get(target)?.get(key);
R.hasMetadata ??= (key: unknown, target: object) => (R.getMetadata as (k: unknown, t: object) => unknown)(key, target) !== undefined;
R.metadata ??= (key: unknown, value: unknown) => (target: object) => (R.defineMetadata as (k: unknown, v: unknown, t: object) => void)(key, value, target);
const peculiar = await import('@peculiar/x509');

const dir = join(import.meta.dirname, '../test/fixtures/certs/gemlibpki');
const unique: Uint8Array[] = [];
for (const f of readdirSync(dir).sort()) {
  const r = splitCertificateFile(readFileSync(join(dir, f)));
  if (Array.isArray(r)) for (const b of r) unique.push(b.bytes);
}
const N = 3000;
const set = Array.from({ length: N }, (_, i) => unique[i % unique.length]!);

function measure(name: string, fn: (der: Uint8Array) => unknown, minMs = 1500): { name: string; perSec: number } {
  for (let i = 0; i < Math.min(200, N); i++) fn(set[i]!); // warm-up
  const samples: number[] = [];
  const t0 = performance.now();
  while (performance.now() - t0 < minMs || samples.length < 3) {
    const s = performance.now();
    for (const der of set) fn(der);
    samples.push(N / ((performance.now() - s) / 1000));
  }
  samples.sort((a, b) => a - b);
  return { name, perSec: samples[Math.floor(samples.length / 2)]! };
}

const parser = await loadCertificateParser({ telematikIdValidator: null });
const walker = new DerWalker(await compileDerModule());
let sink = 0;
const results = [
  measure('ours: wasm walk only (node table, no strings)', (d) => { const t = walker.walk(d); sink += 'count' in t ? t.count : 0; }),
  measure('ours: wasm walk + full JS record (names, dates, key, all extensions, admission)', (d) => {
    const r = parser.parseX509(d);
    if (isParseError(r)) throw new Error(r.error);
    sink += r.extensions.length;
  }),
  measure('node:crypto X509Certificate (subject, issuer, validTo, infoAccess)', (d) => {
    const c = new NodeX509(d as Buffer);
    sink += c.subject.length + c.issuer.length + c.validTo.length + (c.infoAccess?.length ?? 0);
  }, 1500),
  measure('@peculiar/x509 (subject, notAfter, extensions)', (d) => {
    const c = new peculiar.X509Certificate(d as Uint8Array<ArrayBuffer>);
    sink += c.subject.length + c.notAfter.getTime() + c.extensions.length;
  }, 1500),
  measure('pkijs Certificate.fromBER (subject, notAfter, extensions)', (d) => {
    const c = pkijs.Certificate.fromBER(d as Uint8Array<ArrayBuffer>);
    sink += c.subject.typesAndValues.length + c.notAfter.value.getTime() + (c.extensions?.length ?? 0);
  }, 1500),
];
const node = results.find((r) => r.name.startsWith('node:crypto'))!.perSec;
const ours = results[1]!.perSec;
const fmt = (n: number) => (n >= 10000 ? `${(n / 1000).toFixed(0)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : n.toFixed(0));
console.log(`${N} certificates (${unique.length} real gematik test certificates from ref-GemLibPki, RSA-2048 and brainpoolP256r1/P-256, replicated), median of repeated passes.\n`);
console.log('| implementation | certs/s | × node:crypto |');
console.log('|---|---:|---:|');
for (const r of results) console.log(`| ${r.name} | ${fmt(r.perSec)} | ${(r.perSec / node).toFixed(1)}× |`);
console.log(`\nTargets: ≥150k certs/s full records → ${ours >= 150_000 ? 'met' : 'NOT met'} (${fmt(ours)}); ≥30× node:crypto → ${ours / node >= 30 ? 'met' : 'NOT met'} (${(ours / node).toFixed(1)}×).`);
if (sink === 42) console.log('');
