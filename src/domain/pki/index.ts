// Certificate parsing for the TI: public API of the PKI domain.
//
// Contract (stable; used by card profiles, workers, UI and CLI):
//   const parser = await loadCertificateParser();         // compiles asm/build/der.wasm once (Node or browser)
//   parser.parseX509(der)  → X509Record | ParseError      // synchronous; never throws on bad bytes
//     The record is lazy (fields decoded on first read, see x509.ts); plainRecord() gives plain data
//     for postMessage / structured clone.
//   parser.parseCvc(bytes) → CvcRecord  | ParseError
//   parser.parse(bytes)    → either, chosen by the first bytes (30 = X.509, 7F21 = CVC)
//   { allowTrailing: true } accepts bytes after the certificate (card EFs are longer than their content).
//   ParseError = { error: code, offset?, detail? }; codes are DER_* (walker), X509_* / CVC_* (structure).
//   parser.check(record, now?) → { telematikId, problems } with the Telematik-ID verdict when a validator
//   was given (loadCertificateParser({ telematikIdValidator })) or found (loadTelematikIdValidator()).
//   sha256Fingerprint(der) → Promise<hex> via WebCrypto (async, so kept out of the sync parse).
// In the browser the wasm is fetched through Vite's `?url`; in Node it is read from asm/build/der.wasm
// (build it with `node scripts/build-asm.mjs`). Workers receive the compiled WebAssembly.Module and call
// createCertificateParser(module) so the page compiles once.
import { compileWasmOnce } from '../wasm-module.ts';
import { DerWalker, detach, isDerError, type DerTree, type DerError, type WalkOptions } from './der.ts';
import { decodeX509, plainX509 } from './x509.ts';
import { decodeCvc } from './cvc.ts';
import { problemsOf, telematikIdOf } from './problems.ts';
import { splitCertificateFile, kindOf } from './input.ts';
import { hex } from './asn1.ts';
import type { TelematikIdValidator } from '../telematik-id/types.ts';
import type { CertificateRecord, CvcRecord, ParseError, Problem, TelematikIdCheck, X509Record } from './types.ts';
import { loadTelematikIdValidator } from '../telematik-id/index.ts';

export type * from './types.ts';
export type { DerTree, DerError, WalkOptions } from './der.ts';
export { OID_TABLE, oidInfo, oidName, oidShort } from './oids.ts';
export { splitCertificateFile, kindOf } from './input.ts';
export { problemsOf, telematikIdOf, telematikIdFitsProfession, selfIssued, isTiEndEntity } from './problems.ts';
export { problemText } from './problem-text.ts';
export { withIssuerChecks, type ChainMember } from './chain.ts';

export interface ParseOptions {
  allowTrailing?: boolean;
}

export interface CertificateCheck {
  telematikId: TelematikIdCheck | null;
  problems: Problem[];
}

export interface CertificateParser {
  parseX509(der: Uint8Array, options?: ParseOptions): X509Record | ParseError;
  parseCvc(bytes: Uint8Array, options?: ParseOptions): CvcRecord | ParseError;
  parse(bytes: Uint8Array, options?: ParseOptions): CertificateRecord | ParseError;
  check(record: CertificateRecord, now?: Date): CertificateCheck;
  /** Raw DER walk for the ASN.1 viewer; the node table is copied out of wasm memory. */
  walk(bytes: Uint8Array, options?: WalkOptions): DerTree | DerError;
}

/** Plain-data copy of a record (lazy X.509 records have their fields on the prototype, which postMessage drops). */
export function plainRecord<R extends CertificateRecord>(rec: R): R {
  return (rec.format === 'x509' ? plainX509(rec) : rec) as R;
}

export function isParseError(x: unknown): x is ParseError {
  return typeof x === 'object' && x !== null && typeof (x as ParseError).error === 'string';
}

export function createCertificateParser(module: WebAssembly.Module, validator: TelematikIdValidator | null = null): CertificateParser {
  const walker = new DerWalker(module);
  const walkCert = (bytes: Uint8Array, options?: ParseOptions): DerTree | ParseError => {
    const tree = walker.walk(bytes, { allowTrailing: options?.allowTrailing ?? false });
    return isDerError(tree) ? { error: tree.error, offset: tree.offset } : tree;
  };
  const parser: CertificateParser = {
    parseX509(der, options) {
      const tree = walkCert(der, options);
      return isParseError(tree) ? tree : decodeX509(tree, walker, options?.allowTrailing ?? false);
    },
    parseCvc(bytes, options) {
      const tree = walkCert(bytes, options);
      return isParseError(tree) ? tree : decodeCvc(tree);
    },
    parse(bytes, options) {
      const kind = kindOf(bytes);
      if (kind === 'cvc') return parser.parseCvc(bytes, options);
      if (kind === 'x509') return parser.parseX509(bytes, options);
      return { error: bytes.length === 0 ? 'INPUT_EMPTY' : 'INPUT_UNKNOWN_FORMAT' };
    },
    check(record, now = new Date()) {
      const telematikId = telematikIdOf(record, validator);
      return { telematikId, problems: problemsOf(record, telematikId, now) };
    },
    walk(bytes, options) {
      const tree = walker.walk(bytes, options);
      return isDerError(tree) ? tree : detach(tree);
    },
  };
  return parser;
}

const wasmUrl = new URL('../../../asm/build/der.wasm', import.meta.url);

/** Compiles der.wasm once per realm (page, worker or Node process). */
export function compileDerModule(): Promise<WebAssembly.Module> {
  return compileWasmOnce(wasmUrl);
}

export interface LoadOptions {
  module?: WebAssembly.Module;
  /** Telematik-ID validator for verdicts; when omitted the domain's own validator is loaded. Pass null to skip. */
  telematikIdValidator?: TelematikIdValidator | null;
}

export async function loadCertificateParser(options: LoadOptions = {}): Promise<CertificateParser> {
  const module = options.module ?? await compileDerModule();
  const validator = options.telematikIdValidator === undefined ? await defaultValidator() : options.telematikIdValidator;
  return createCertificateParser(module, validator);
}

async function defaultValidator(): Promise<TelematikIdValidator | null> {
  try {
    return await loadTelematikIdValidator();
  } catch {
    return null; // without the validator the ID is shown as unchecked, never guessed
  }
}

export async function sha256Fingerprint(der: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', der as BufferSource);
  return hex(new Uint8Array(digest), 0, digest.byteLength, ':').toUpperCase();
}

/** One certificate of a file, parsed and checked: the row of the audit table, CLI and exports. */
export interface CertificateEntry {
  file: string;
  index: number;
  result: CertificateRecord | ParseError;
  telematikId: TelematikIdCheck | null;
  problems: Problem[];
  fingerprint: string | null;
}

/** Splits a file, parses and checks every certificate in it. Errors become entries, never exceptions. */
export function analyseFile(parser: CertificateParser, file: string, bytes: Uint8Array, now = new Date()): CertificateEntry[] {
  const blobs = splitCertificateFile(bytes);
  if (!Array.isArray(blobs)) {
    return [{ file, index: 0, result: { error: blobs.error, detail: blobs.detail }, telematikId: null, problems: [], fingerprint: null }];
  }
  return blobs.map((b) => {
    const result = parser.parse(b.bytes, { allowTrailing: true });
    if (isParseError(result)) return { file, index: b.index, result, telematikId: null, problems: [], fingerprint: null };
    const { telematikId, problems } = parser.check(result, now);
    return { file, index: b.index, result, telematikId, problems, fingerprint: null };
  });
}

/** Adds SHA-256 fingerprints (WebCrypto) of the certificates' exact bytes. */
export async function addFingerprints(entries: CertificateEntry[], files: Map<string, Uint8Array>): Promise<void> {
  const split = new Map<string, ReturnType<typeof splitCertificateFile>>(); // once per file, not per certificate
  const digests: Promise<void>[] = [];
  for (const e of entries) {
    if (isParseError(e.result)) continue;
    if (!split.has(e.file)) split.set(e.file, splitCertificateFile(files.get(e.file)!));
    const blobs = split.get(e.file)!;
    if (!Array.isArray(blobs)) continue;
    const blob = blobs[e.index];
    const length = e.result.byteLength;
    if (blob) digests.push(sha256Fingerprint(blob.bytes.subarray(0, length)).then((fp) => { e.fingerprint = fp; }));
  }
  await Promise.all(digests);
}
