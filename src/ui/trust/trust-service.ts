// The page's one trust store (src/domain/pki/trust/page-trust.ts), composed for the browser: bundled anchors,
// plus the TSL the user dropped — kept in localStorage (a TSL is public) until "entfernen" — or one an
// administrator deployed next to the app (kiosk `tsl=` parameter, same origin only).
import { createSignal } from 'solid-js';
import { loadCertificateParser } from '../../domain/pki/index.ts';
import { createPageTrust, loadSignatureVerifier, looksLikeTsl, type KeptTslStorage, type LoadedTsl, type PageTrust, type TrustStore, type TslImportResult } from '../../domain/pki/trust/index.ts';

const KEY = 'ti-kartenpruefer.tsl';
const storage: KeptTslStorage = {
  read: () => { try { return localStorage.getItem(KEY); } catch { return null; } },
  write: (text) => { try { localStorage.setItem(KEY, text); return true; } catch { return false; } },
  clear: () => { try { localStorage.removeItem(KEY); } catch { /* nothing kept */ } },
};

const [tsl, setTsl] = createSignal<LoadedTsl | null>(null);
/** The TSL in use (reactive); null: bundled anchors only. */
export { tsl };
/** Bumps whenever the TSL changes: verdicts shown must be recomputed. */
const [trustVersion, setTrustVersion] = createSignal(0);
export { trustVersion };
/** The last refused TSL (shown until the next load or removal). */
type Refusal = { ok: false; error: Extract<TslImportResult, { ok: false }>['error'] | 'TSL_URL_REFUSED'; detail: string };
const [tslRefusal, setTslRefusal] = createSignal<Refusal | null>(null);
export { tslRefusal };

let pagePromise: Promise<PageTrust> | null = null;

export function pageTrust(): Promise<PageTrust> {
  pagePromise ??= (async () => {
    const [parser, verifier] = await Promise.all([loadCertificateParser(), loadSignatureVerifier()]);
    const page = createPageTrust({ parser, verifier, storage });
    page.onChange(() => { setTsl(page.tsl); setTrustVersion((n) => n + 1); });
    await page.restore();
    return page;
  })();
  return pagePromise;
}

export async function loadTsl(text: string): Promise<TslImportResult> {
  const page = await pageTrust();
  const result = await page.load(text);
  setTslRefusal(result.ok ? null : result);
  return result;
}

export async function removeTsl(): Promise<void> {
  (await pageTrust()).remove();
  setTslRefusal(null);
}

/** Splits dropped files into TSLs (XML TrustServiceStatusList) and the rest. */
export async function splitTslFiles(files: File[]): Promise<{ tsls: File[]; others: File[] }> {
  const tsls: File[] = [], others: File[] = [];
  for (const f of files) {
    const head = /\.xml$/i.test(f.name) || f.type.includes('xml') ? await f.slice(0, 2048).text() : '';
    (head && looksLikeTsl(head) ? tsls : others).push(f);
  }
  return { tsls, others };
}

/** An administrator's TSL next to the app: only a relative URL of the app's own origin is fetched. */
export async function loadDeployedTsl(relative: string): Promise<TslImportResult | { ok: false; error: 'TSL_URL_REFUSED'; detail: string }> {
  const url = sameOriginUrl(relative);
  if (!url) return { ok: false, error: 'TSL_URL_REFUSED', detail: relative };
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) return { ok: false, error: 'TSL_URL_REFUSED', detail: `${relative}: HTTP ${response.status}` };
  return loadTsl(await response.text());
}

/** A relative URL that stays on this origin, or null (absolute, protocol-relative and other origins are refused). */
export function sameOriginUrl(relative: string): URL | null {
  if (/^[a-z][a-z0-9+.-]*:|^\/\/|^\\\\/i.test(relative.trim())) return null;
  try {
    const url = new URL(relative, location.href);
    return url.origin === location.origin ? url : null;
  } catch { return null; }
}

let deployed: Promise<TrustStore> | null = null;

/** The kiosk's store: the deployed TSL (if any) is loaded once; a refused one is shown like a dropped one. */
export function kioskTrustStore(tslUrl: string | null): Promise<TrustStore> {
  deployed ??= (async () => {
    const page = await pageTrust();
    if (tslUrl) {
      const result = await loadDeployedTsl(tslUrl).catch((e: unknown) => ({ ok: false as const, error: 'TSL_URL_REFUSED' as const, detail: String(e) }));
      if (!result.ok && result.error === 'TSL_URL_REFUSED') setTslRefusal(result);
    }
    return page.store;
  })();
  return deployed;
}
