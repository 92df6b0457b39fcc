// The one trust store of a page: bundled anchors always, plus at most one TSL the user dropped (or an
// administrator deployed next to the app). A new TSL replaces the old one only once it verified; a refused
// TSL changes nothing. The accepted TSL's text may be kept (a TSL is public, not personal) in a storage the
// caller gives (localStorage in the browser), so it is there after a reload until the user removes it.
// "Jetzt löschen" (erase personal data) leaves it alone on purpose: it is not personal, and its own visible
// "entfernen" control removes it.
import type { CertificateParser } from '../index.ts';
import { createTrustStore, type LoadedTsl, type TrustStore, type TslImportResult } from './index.ts';
import type { SignatureVerifier } from './signature.ts';

export interface KeptTslStorage {
  read(): string | null;
  /** Returns false when the text could not be kept (quota): the TSL is still used, just not after a reload. */
  write(text: string): boolean;
  clear(): void;
}

export interface PageTrust {
  readonly store: TrustStore;
  /** The TSL in use (null: bundled anchors only). */
  readonly tsl: LoadedTsl | null;
  /** Verifies and, if accepted, replaces the current TSL (and keeps its text). */
  load(text: string, now?: Date): Promise<TslImportResult & { kept?: boolean }>;
  /** Removes the TSL and its kept copy. */
  remove(): void;
  /** Loads the kept TSL, if any (a kept TSL that no longer verifies is dropped). */
  restore(now?: Date): Promise<TslImportResult | null>;
  onChange(listener: () => void): () => void;
}

export function createPageTrust(options: { parser: CertificateParser; verifier: SignatureVerifier; storage?: KeptTslStorage }): PageTrust {
  const store = createTrustStore({ parser: options.parser, verifier: options.verifier });
  const listeners = new Set<() => void>();
  const changed = () => { for (const l of listeners) l(); };
  const current = () => store.tsls.at(-1) ?? null;

  async function accept(text: string, now: Date): Promise<TslImportResult> {
    const before = store.tsls.map((t) => t.id);
    const result = await store.importTsl(text, now);
    if (!result.ok) return result;
    for (const id of before) store.removeTsl(id);
    changed();
    return result;
  }

  return {
    store,
    get tsl() { return current(); },
    async load(text, now = new Date()) {
      const result = await accept(text, now);
      if (!result.ok) return result;
      return { ...result, kept: options.storage ? options.storage.write(text) : false };
    },
    remove() {
      for (const t of store.tsls) store.removeTsl(t.id);
      options.storage?.clear();
      changed();
    },
    async restore(now = new Date()) {
      const text = options.storage?.read();
      if (!text) return null;
      const result = await accept(text, now);
      if (!result.ok) options.storage?.clear();
      return result;
    },
    onChange(listener) { listeners.add(listener); return () => listeners.delete(listener); },
  };
}

/** A dropped file is a TSL when it is XML naming the ETSI TrustServiceStatusList (cheap sniff of its start). */
export function looksLikeTsl(head: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<([\w.-]+:)?TrustServiceStatusList\b/.test(head);
}
