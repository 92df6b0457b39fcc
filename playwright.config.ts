import { defineConfig } from '@playwright/test';

// Debian's Chromium only: browser downloads do not work here (and are never needed).
const port = Number(process.env.E2E_PORT ?? 4317);
// Each port builds into its own folder so parallel runs never overwrite each other's build.
const outDir = `dist-e2e-${port}`;
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 2,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--no-first-run'],
    },
  },
  webServer: {
    command: `node node_modules/vite/bin/vite.js build --logLevel warn --outDir ${outDir} && node node_modules/vite/bin/vite.js preview --outDir ${outDir} --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 180_000,
  },
});
