// Runs before the app (its own <script> in index.html): Trusted Types policy for the IWA, and the
// service worker that makes the PWA work offline. The worker only precaches the app's own files.
import { installTrustedTypesPolicy } from './trusted-types.ts';

installTrustedTypesPolicy();

const isolated = location.protocol === 'isolated-app:';
// An IWA is served from its signed bundle already; the dev server has no service worker.
if (import.meta.env.PROD && !isolated && 'serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('./sw.js', { scope: './' }).catch((error: unknown) => {
    console.warn('offline mode unavailable: service worker registration failed', error);
  });
}
