// Runs before the app (its own <script> in index.html): Trusted Types policy for the IWA, and the
// service worker that makes the PWA work offline. The worker only precaches the app's own files.
import { installTrustedTypesPolicy } from './trusted-types.ts';

installTrustedTypesPolicy();

const isolated = location.protocol === 'isolated-app:';
// An IWA is served from its signed bundle already; the dev server has no service worker.
// Registered once the page has loaded and is idle, so precaching the app's files does not compete
// for the CPU with the first thing the user does (a list dropped right after load, as bench ids does).
if (import.meta.env.PROD && !isolated && 'serviceWorker' in navigator && location.protocol !== 'file:') {
  const register = () => {
    navigator.serviceWorker.register('./sw.js', { scope: './' }).catch((error: unknown) => {
      console.warn('offline mode unavailable: service worker registration failed', error);
    });
  };
  const whenIdle = () => ('requestIdleCallback' in window ? requestIdleCallback(register, { timeout: 5000 }) : setTimeout(register, 1000));
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
}
