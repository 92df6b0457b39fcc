// npm run fuzz [-- CASES]: the long fuzz run (default 2 million mutations of the real certificates
// through the wasm walker and 200k through the full decoders). Exits 1 on the first violated property.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileDerModule, createCertificateParser, isParseError, splitCertificateFile, plainRecord } from '../../src/domain/pki/index.ts';
import { DerWalker, NODE_FIELDS, isDerError } from '../../src/domain/pki/der.ts';
import { mutate, rng, adversarial } from './mutate.ts';

const cases = Number(process.argv[2] ?? 2_000_000);
const root = join(import.meta.dirname, '../fixtures/certs');
const certs: Uint8Array[] = [];
for (const f of readdirSync(join(root, 'gemlibpki'))) { const r = splitCertificateFile(readFileSync(join(root, 'gemlibpki', f))); if (Array.isArray(r)) certs.push(...r.map((b) => b.bytes)); }
for (const f of readdirSync(join(root, 'cvc'))) certs.push(new Uint8Array(readFileSync(join(root, 'cvc', f))));

const module = await compileDerModule();
const walker = new DerWalker(module);
const parser = createCertificateParser(module, null);
const rand = rng(Number(process.env.FUZZ_SEED ?? Date.now() & 0xffffffff));
const mem0 = walker.memoryBytes();
const started = performance.now();
let slowest = 0;
for (const a of adversarial()) walker.walk(a);
for (let k = 0; k < cases; k++) {
  const m = mutate(certs[k % certs.length]!, rand);
  const t0 = performance.now();
  const r = walker.walk(m, { allowTrailing: (k & 1) === 1 });
  if (!isDerError(r)) {
    for (let i = 0; i < r.count; i++) {
      const s = r.nodes[i * NODE_FIELDS + 1]!, e = r.nodes[i * NODE_FIELDS + 3]!;
      if (s < 0 || e > m.length || s >= e) { console.error(`case ${k}: node ${i} out of bounds`, Buffer.from(m).toString('hex')); process.exit(1); }
    }
  }
  if (k % 10 === 0) {
    const p = parser.parse(m, { allowTrailing: true });
    if (!isParseError(p)) { parser.check(p); plainRecord(p); } // every lazy field decoded
  }
  slowest = Math.max(slowest, performance.now() - t0);
  if (slowest > 1000) { console.error(`case ${k}: hang suspicion (${slowest} ms)`, Buffer.from(m).toString('hex')); process.exit(1); }
}
const grown = walker.memoryBytes() - mem0;
console.log(`${cases} cases in ${((performance.now() - started) / 1000).toFixed(1)} s, slowest case ${slowest.toFixed(2)} ms, wasm memory growth ${grown} bytes`);
if (grown > 8 << 20) { console.error('memory grew beyond 8 MB'); process.exit(1); }
