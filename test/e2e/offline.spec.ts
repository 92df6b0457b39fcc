// No network: a whole session makes no request outside the app's origin, under a strict CSP, keeps
// nothing but the app's own files, and then works again with the network switched off.
import { test, expect, type Page, type BrowserContext } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runSession } from './offline-session.ts';

const port = Number(process.env.E2E_PORT ?? 4317);
const buildDir = join(import.meta.dirname, '..', '..', `dist-e2e-${port}`);

function recordRequests(context: BrowserContext): { urls: string[]; failed: string[] } {
  const log = { urls: [] as string[], failed: [] as string[] };
  context.on('request', (r) => log.urls.push(r.url()));
  context.on('requestfailed', (r) => log.failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  return log;
}

async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

test('whole session: zero requests outside the origin, CSP holds, then the same session offline', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL!).origin;
  await context.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = list;
    document.addEventListener('securitypolicyviolation', (e) => list.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const log = recordRequests(context);

  await page.goto('./');
  // The built page carries its CSP (works on any static host, where we set no headers).
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain("'unsafe-eval'");
  expect(csp).not.toMatch(/https?:|\*/);

  // Service worker installed and controlling the page, so the next load can be offline.
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);

  await runSession(page);
  expect(await cspViolations(page)).toEqual([]);

  const network = log.urls.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:'));
  expect(network.length).toBeGreaterThan(3);
  const foreign = network.filter((u) => new URL(u).origin !== origin);
  expect(foreign).toEqual([]);

  // Nothing personal kept: no web storage, no IndexedDB, and the only cache is the precache of app files.
  const stores = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    idb: (await indexedDB.databases()).map((d) => d.name),
    caches: await Promise.all((await caches.keys()).map(async (name) => ({
      name, urls: (await (await caches.open(name)).keys()).map((r) => r.url),
    }))),
  }));
  expect(stores.local).toBe(0);
  expect(stores.session).toBe(0);
  expect(stores.idb).toEqual([]);
  expect(stores.caches.length).toBeGreaterThan(0);
  for (const cache of stores.caches) {
    expect(cache.name).toMatch(/^workbox-precache/);
    for (const url of cache.urls) {
      const u = new URL(url);
      expect(u.origin).toBe(origin);
      // Every cached entry is a file of the build: app assets only, never card or list contents.
      expect(existsSync(join(buildDir, decodeURIComponent(u.pathname))), u.pathname).toBe(true);
    }
  }
  const cachedPaths = stores.caches.flatMap((c) => c.urls.map((u) => new URL(u).pathname));
  expect(cachedPaths).toContain('/index.html');
  // Everything the app loads is precached, the wasm included.
  for (const file of readdirSync(join(buildDir, 'assets'))) expect(cachedPaths, file).toContain(`/assets/${file}`);

  // Offline: reload from the service worker's precache and run the same session again.
  log.urls.length = 0;
  log.failed.length = 0;
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('navigation')).toBeVisible();
  await runSession(page);
  expect(await cspViolations(page)).toEqual([]);
  expect(log.failed).toEqual([]);
  expect(log.urls.filter((u) => /^https?:/.test(u) && new URL(u).origin !== origin)).toEqual([]);
  await context.setOffline(false);
});
