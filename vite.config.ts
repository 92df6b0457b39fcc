import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin } from 'vite';
import { readFileSync } from 'node:fs';
import appManifest from './src/app-manifest.json' with { type: 'json' };

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * The Content-Security-Policy of the built app: nothing beyond its own origin, no eval
 * ('wasm-unsafe-eval' only compiles our own wasm), workers from the app or blob:, style attributes
 * allowed (Solid templates carry a few) but no foreign style sheets. The IWA build sends the same
 * policy as a header plus what only headers can say (frame-ancestors, Trusted Types).
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' blob: data:",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "font-src 'self'",
  "frame-src 'none'",
  "form-action 'none'",
  "manifest-src 'self'",
].join('; ');

// Meta tag, not header: the built site must work from any static host, where we control no headers.
// The dev server is exempt (Vite's HMR client needs inline scripts and a websocket).
function cspMetaTag(): Plugin {
  return {
    name: 'ti-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [{
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy },
        injectTo: 'head-prepend',
      }],
    },
  };
}

// base './' so the built site works from any static host and any sub-path.
export default defineConfig(({ mode }) => ({
  base: './',
  plugins: [
    solid(),
    cspMetaTag(),
    VitePWA({
      // The IWA is served from its signed bundle; a service worker would add nothing there.
      disable: mode === 'iwa',
      // Registered by src/ui/platform/boot.ts: an injected inline script would break the CSP.
      injectRegister: null,
      registerType: 'autoUpdate',
      manifestFilename: 'manifest.webmanifest',
      includeAssets: ['icons/*.svg', 'icons/*.png'],
      manifest: {
        id: './',
        name: appManifest.name,
        short_name: appManifest.short_name,
        description: appManifest.description.pwa,
        lang: appManifest.lang,
        start_url: './',
        scope: './',
        display: appManifest.display as 'standalone',
        background_color: appManifest.background_color,
        theme_color: appManifest.theme_color,
        icons: appManifest.icons,
      },
      workbox: {
        // App assets only: card contents and results are never cached (nothing is fetched for them).
        globPatterns: ['**/*.{js,css,html,wasm,svg,png,webmanifest}'],
        globIgnores: ['**/.well-known/**'],
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        runtimeCaching: [],
      },
    }),
  ],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    // Every asset is a file of the app's origin: no data: URLs for the CSP to allow.
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'threads',
    // The CLI tests run bin/*.mjs, which runs build/cli (rebuilt here only when its sources changed).
    globalSetup: ['test/global-setup.ts'],
  },
}));
