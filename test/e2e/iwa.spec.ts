// The app installed as an Isolated Web App in a real Chromium, started from isolated-app://.
//
// Headless Chromium cannot do this (checked with Debian's Chromium 156): it starts no web-app system —
// `--install-isolated-web-app-from-file` leaves no trace, chrome://web-app-internals stays empty and the
// DevTools `PWA.install` command does not exist. A headed Chromium under Xvfb can: it installs the app
// through chrome://iwa-dev's dev-mode proxy (the same path a developer uses), pointed at the IWA build
// served with the IWA headers. Its "Signed Bundle" tab opens the OS file picker, which automation cannot
// drive, so the .swbn itself is checked by test/unit/iwa/signed-bundle.test.ts instead.
// Without Xvfb (`apt-get install xvfb`) this test is skipped and says why.
import { test, expect, chromium, type BrowserContext } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { dropText, SMALL_LIST } from './offline-session.ts';

const root = join(import.meta.dirname, '..', '..');
const xvfb = '/usr/bin/Xvfb';

test.describe('Isolated Web App', () => {
  test.skip(!existsSync(xvfb), 'needs Xvfb: headless Chromium has no web-app system to install an IWA into');
  test.setTimeout(120_000);

  let display: ChildProcess | undefined;
  let server: Server | undefined;
  let context: BrowserContext | undefined;

  test.afterAll(async () => {
    await context?.close().catch(() => {});
    server?.close();
    display?.kill();
  });

  test('dev-mode install, then the app starts isolated with usb-unrestricted and says so', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ti-iwa-e2e-'));
    const build = spawnSync(process.execPath, [join(root, 'scripts/build-iwa.mjs'), '--out', out], { cwd: root, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    const appDir = join(out, 'app');
    const { iwaHeaders, mimeType } = await import(pathToFileURL(join(root, 'scripts/build-iwa.mjs')).href) as {
      iwaHeaders(type: string): Record<string, string>; mimeType(file: string): string;
    };
    server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      let file = join(appDir, path);
      if (!file.startsWith(appDir) || !existsSync(file) || statSync(file).isDirectory()) file = join(appDir, 'index.html');
      res.writeHead(200, iwaHeaders(mimeType(file)));
      res.end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;

    // -displayfd: Xvfb picks a free display and tells us its number.
    display = spawn(xvfb, ['-displayfd', '1', '-screen', '0', '1280x800x24'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const displayNumber = await new Promise<string>((resolve, reject) => {
      display!.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim()));
      display!.once('exit', (code) => reject(new Error(`Xvfb exited ${code}`)));
    });

    // A persistent profile: web apps do not exist in Playwright's default off-the-record contexts.
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ti-iwa-profile-')), {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: false,
      env: { ...process.env, DISPLAY: `:${displayNumber}` },
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--no-first-run', '--enable-features=IsolatedWebApps,IsolatedWebAppDevMode'],
    });
    const dev = await context.newPage();
    await dev.goto('chrome://iwa-dev/');
    await dev.locator('#installButton').click();
    await dev.locator('#installDialog input').fill(`http://127.0.0.1:${port}`);
    await dev.locator('#installDialog').getByRole('button', { name: 'Install' }).click();
    const idText = dev.getByText(/ID:\s*[a-z2-7]{56}/);
    await expect(idText).toBeVisible({ timeout: 30_000 });
    const webBundleId = /([a-z2-7]{56})/.exec(await idText.innerText())![1]!;

    const app = await context.newPage();
    await app.goto(`isolated-app://${webBundleId}/`);
    const facts = await app.evaluate(() => ({
      protocol: location.protocol,
      crossOriginIsolated,
      webUsb: 'usb' in navigator,
      usbUnrestricted: (document as unknown as { featurePolicy?: { allowsFeature(f: string): boolean } })
        .featurePolicy?.allowsFeature('usb-unrestricted') ?? false,
      trustedTypesPolicy: !!(window as unknown as { trustedTypes?: { defaultPolicy?: unknown } }).trustedTypes?.defaultPolicy,
    }));
    expect(facts).toEqual({ protocol: 'isolated-app:', crossOriginIsolated: true, webUsb: true, usbUnrestricted: true, trustedTypesPolicy: true });
    // The app rendered under the IWA's Trusted Types + CSP, and its platform note says it runs isolated.
    await expect(app.getByRole('navigation')).toBeVisible();
    await app.goto(`isolated-app://${webBundleId}/?kiosk`);
    await expect(app.getByTestId('platform-status')).toHaveAttribute('data-isolated', 'true');
    await expect(app.getByTestId('platform-status')).toHaveAttribute('data-reach', 'usb-unrestricted');

    // Under the IWA's CSP and Trusted Types the wasm parsers and the workers run: a demo card is read
    // in the kiosk, and an ID list is audited by the worker pool.
    const errors: string[] = [];
    app.on('pageerror', (e) => errors.push(String(e)));
    await app.goto(`isolated-app://${webBundleId}/?kiosk&reader=demo`);
    await app.locator('.kiosk-demo-card[data-card="SMCB_G2_0"]').click();
    await expect(app.getByTestId('kiosk-card-type')).toHaveText('SMC-B', { timeout: 20_000 });
    await expect(app.getByTestId('kiosk-expiry')).not.toBeEmpty();
    await app.goto(`isolated-app://${webBundleId}/#/audit`);
    await dropText(app, 'ids.txt', SMALL_LIST);
    await expect(app.getByTestId('audit-results').getByTestId('count-rows')).toHaveText('4');
    await expect(app.getByTestId('audit-results').getByTestId('count-invalid')).toHaveText('1');
    expect(errors).toEqual([]);
  });
});
