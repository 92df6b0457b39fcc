// Certificate worker: parses and checks files off the main thread. The page compiles der.wasm once and
// passes the WebAssembly.Module to init(); each worker instantiates it and loads the Telematik-ID validator.
import * as Comlink from 'comlink';
import {
  createCertificateParser, analyseFile, addFingerprints, plainRecord, isParseError, type CertificateEntry, type CertificateParser,
} from '../src/domain/pki/index.ts';
import { loadTelematikIdValidator } from '../src/domain/telematik-id/index.ts';

let parser: CertificateParser | null = null;

const api = {
  async init(module: WebAssembly.Module): Promise<void> {
    // without the Telematik-ID wasm the parser still reads certificates, just without ID checks
    const validator = await loadTelematikIdValidator().catch(() => null);
    parser = createCertificateParser(module, validator);
  },
  /** Parses one file; bytes are transferred in. */
  async analyse(name: string, bytes: Uint8Array, nowMs: number): Promise<CertificateEntry[]> {
    if (!parser) throw new Error('cert worker not initialised');
    const entries = analyseFile(parser, name, bytes, new Date(nowMs));
    await addFingerprints(entries, new Map([[name, bytes]]));
    // records are lazy views; postMessage needs plain data
    return entries.map((e) => (isParseError(e.result) ? e : { ...e, result: plainRecord(e.result) }));
  },
};
export type CertWorkerApi = typeof api;
Comlink.expose(api);
