// Writes the AssemblyScript sources generated from the wasm contract and the rule data (run by
// build-asm.mjs before compiling; src/domain/asm-sources.ts) and the unrolled field arithmetic of the
// brainpool curves (ecc-field-codegen.ts). Data that exceeds a limit of the wasm
// core stops the build here, with the limit named. A file is rewritten only when its text changes,
// so the incremental wasm build stays incremental.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { AsmLimitError, generateAsmSources } from '../src/domain/asm-sources.ts';
import { generateEccFieldAsm } from './ecc-field-codegen.ts';

const dir = join(import.meta.dirname, '..', 'asm', 'generated');
let files: Record<string, string>;
try {
  files = { ...generateAsmSources(), 'ecc-field.ts': generateEccFieldAsm() };
} catch (e) {
  if (!(e instanceof AsmLimitError)) throw e;
  console.error(`generate-asm: ${e.message}`);
  process.exit(1);
}
mkdirSync(dir, { recursive: true });
for (const [name, text] of Object.entries(files)) {
  const path = join(dir, name);
  if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
    writeFileSync(path, text);
    console.error(`generated asm/generated/${name}`);
  }
}
