// Loads asm/telematik-id.wasm and feeds it the compiled rules. Works in the browser (Vite turns the
// `new URL(…, import.meta.url)` into the asset URL), in workers (given the compiled module) and in Node.
import { compileWasmOnce } from '../wasm-module.ts';
import { buildLookup, buildProgram } from './program.ts';

export interface TelematikIdExports {
  memory: WebAssembly.Memory;
  /** Runs the module's global initialisers (asc --exportStart). */
  _initialize(): void;
  alloc(size: number): number;
  configure(program: number, lut: number): number;
  validateAt(ptr: number, len: number): number;
  resultVerdict(): number;
  resultReason(): number;
  resultRule(): number;
  resultPart(): number;
  resultHolder(): number;
  resultSpanStart(): number;
  resultSpanEnd(): number;
  resultPartsParsed(): number;
  resultSector(): number;
  resultPartStart(i: number): number;
  resultPartEnd(i: number): number;
  /** The generated fast path: `rule | holder << 8 | sector << 24` for a valid ID, else -1 (tests hold it to validateAt). */
  acceptFast(ptr: number, len: number): number;
  setCounters(ptr: number): void;
  /** report: 0 counts only, 1 a record per non-valid line, 2 a record per line. */
  scan(input: number, len: number, final: number, records: number, maxRecords: number, hashes: number, report: 0 | 1 | 2): number;
  scanConsumed(): number;
  partitionHashes(src: number, n: number, dst: number, starts: number, bits: number): void;
  scanLines(): number;
  scanRecords(): number;
  scanIds(): number;
}

const wasmUrl = new URL('../../../asm/build/telematik-id.wasm', import.meta.url);

/** Compiles the module once per realm (browser: fetched asset; Node: the file); later calls share it. */
export function compileTelematikIdModule(): Promise<WebAssembly.Module> {
  return compileWasmOnce(wasmUrl);
}

export interface TelematikIdCore {
  exports: TelematikIdExports;
  /** Scratch input area for single IDs (at least 4 KiB). */
  scratch: number;
  scratchSize: number;
}

const imports = { env: { abort: () => { throw new Error('telematik-id.wasm aborted'); } } };

/** Synchronous: for workers and Node. */
export function instantiateTelematikIdCore(module: WebAssembly.Module): TelematikIdCore {
  return configure(new WebAssembly.Instance(module, imports));
}

/** Asynchronous: for the page's main thread. */
export async function instantiateTelematikIdCoreAsync(module: WebAssembly.Module): Promise<TelematikIdCore> {
  return configure(await WebAssembly.instantiate(module, imports));
}

function configure(instance: WebAssembly.Instance): TelematikIdCore {
  const exports = instance.exports as unknown as TelematikIdExports;
  exports._initialize();
  const program = buildProgram();
  const lut = buildLookup();
  const programPtr = exports.alloc(program.length);
  new Uint8Array(exports.memory.buffer, programPtr, program.length).set(program);
  const lutPtr = exports.alloc(lut.byteLength);
  new Uint16Array(exports.memory.buffer, lutPtr, lut.length).set(lut);
  const rules = exports.configure(programPtr, lutPtr);
  if (rules <= 0) throw new Error('telematik-id.wasm: rule program rejected');
  const scratchSize = 4096;
  const scratch = exports.alloc(scratchSize);
  return { exports, scratch, scratchSize };
}
