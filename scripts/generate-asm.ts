// Writes the AssemblyScript sources generated from data (run by build-asm.mjs before compiling): the
// Telematik-ID fast path and the unrolled field arithmetic of the brainpool curves.
// A file is rewritten only when its text changes, so the incremental wasm build stays incremental.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateFastRulesAsm } from '../src/domain/telematik-id/asm-codegen.ts';
import { generateEccFieldAsm } from './ecc-field-codegen.ts';

const dir = join(import.meta.dirname, '..', 'asm', 'generated');
mkdirSync(dir, { recursive: true });
const files: Record<string, string> = { 'telematik-id-rules.ts': generateFastRulesAsm(), 'ecc-field.ts': generateEccFieldAsm() };
for (const [name, text] of Object.entries(files)) {
  const path = join(dir, name);
  if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
    writeFileSync(path, text);
    console.error(`generated asm/generated/${name}`);
  }
}
