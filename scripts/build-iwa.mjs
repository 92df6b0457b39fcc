// `npm run build:iwa`: the app as an Isolated Web App — a signed web bundle (.swbn).
//
//   1. vite build --mode iwa  (same app, no service worker) into <out>/app
//   2. /.well-known/manifest.webmanifest granting usb, usb-unrestricted and smart-card
//   3. web bundle (npm `wbn`, format b2) of every file under isolated-app://<web-bundle-id>/,
//      each response with the IWA security headers (CSP, COOP, COEP, CORP)
//   4. integrity block signed with Ed25519 (npm `wbn-sign`)
//
// Signing key, first found wins:
//   TI_IWA_SIGNING_KEY       the PEM text of an Ed25519 private key (CI secret)
//   TI_IWA_SIGNING_KEY_FILE  path to such a PEM file
//   .iwa-dev-key.pem         development key, generated here on first use; git-ignored, never commit it.
//                            Its web bundle id differs from production's, so it is for dev-mode installs only.
// Encrypted PEMs: the passphrase comes from WEB_BUNDLE_SIGNING_PASSPHRASE (as wbn-sign's CLI does).
//
// Options: --out DIR (default dist-iwa), --skip-vite (reuse <out>/app), --bundle-url URL (the https URL
// the .swbn will be served from, written into update-manifest.json for IsolatedWebAppInstallForceList).
import { spawnSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BundleBuilder } from 'wbn';
import { IntegrityBlockSigner, NodeCryptoSigningStrategy, WebBundleId } from 'wbn-sign';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// name, colours, icons: one source for this manifest and the PWA's (vite.config.ts)
const appManifest = JSON.parse(readFileSync(join(root, 'src', 'app-manifest.json'), 'utf8'));

/** Permissions the app asks Chrome for; an IWA can use nothing it does not list here. */
export const IWA_PERMISSIONS_POLICY = {
  'usb': ['self'],
  'usb-unrestricted': ['self'],
  'smart-card': ['self'],
  'cross-origin-isolated': ['self'],
};

/** Sent with every response of the bundle. Chrome enforces its own IWA baseline on top; ours is stricter. */
export function iwaHeaders(contentType) {
  const csp = [
    "default-src 'self'", "base-uri 'none'", "object-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self' blob:", "connect-src 'self'",
    "img-src 'self' blob: data:", "style-src 'self'", "style-src-attr 'unsafe-inline'", "font-src 'self'",
    "frame-src 'none'", "form-action 'none'", "manifest-src 'self'", "frame-ancestors 'self'",
    "require-trusted-types-for 'script'",
  ].join('; ');
  return {
    'content-type': contentType,
    'content-security-policy': csp,
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
    'cross-origin-resource-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
  };
}

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8', '.xml': 'application/xml',
};
export const mimeType = (file) => MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';

export function iwaManifest(version = pkg.version) {
  return {
    name: appManifest.name,
    short_name: appManifest.short_name,
    description: appManifest.description.iwa,
    // IWA requirements: id "/" (the origin is the app), a version Chrome compares on update.
    id: '/',
    version,
    start_url: '/',
    scope: '/',
    display: appManifest.display,
    lang: appManifest.lang,
    background_color: appManifest.background_color,
    theme_color: appManifest.theme_color,
    // raster icons only, as before the manifest fields had one source
    icons: appManifest.icons.filter((i) => i.type === 'image/png').map((i) => ({ ...i, src: `/${i.src}` })),
    permissions_policy: IWA_PERMISSIONS_POLICY,
  };
}

export function loadSigningKey(env = process.env, keyFile = join(root, '.iwa-dev-key.pem')) {
  const passphrase = env.WEB_BUNDLE_SIGNING_PASSPHRASE || undefined;
  if (env.TI_IWA_SIGNING_KEY) return { key: createPrivateKey({ key: env.TI_IWA_SIGNING_KEY, passphrase }), source: 'TI_IWA_SIGNING_KEY' };
  if (env.TI_IWA_SIGNING_KEY_FILE) {
    return { key: createPrivateKey({ key: readFileSync(env.TI_IWA_SIGNING_KEY_FILE, 'utf8'), passphrase }), source: env.TI_IWA_SIGNING_KEY_FILE };
  }
  if (!existsSync(keyFile)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    console.error(`build:iwa: generated a development signing key in ${relative(root, keyFile)} (git-ignored; never commit it)`);
  }
  return { key: createPrivateKey(readFileSync(keyFile, 'utf8')), source: relative(root, keyFile) };
}

function listFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full)); else out.push(full);
  }
  return out.sort();
}

/** Builds the unsigned bundle from a built app folder. Returns its bytes. */
export function bundleApp(appDir, origin) {
  const builder = new BundleBuilder('b2');
  const seen = new Set();
  const add = (path, body, contentType) => {
    if (seen.has(path)) throw new Error(`build:iwa: duplicate path ${path}`);
    seen.add(path);
    builder.addExchange(origin + path, 200, iwaHeaders(contentType), body);
  };
  for (const file of listFiles(appDir)) {
    const path = relative(appDir, file).split(sep).join('/');
    const body = readFileSync(file);
    add(path, body, mimeType(file));
    if (path === 'index.html') add('', body, mimeType(file));
  }
  if (!seen.has('.well-known/manifest.webmanifest')) throw new Error('build:iwa: manifest missing');
  return builder.createBundle();
}

export async function buildIwa({ outDir = join(root, 'dist-iwa'), skipVite = false, bundleUrl, env = process.env } = {}) {
  const appDir = join(outDir, 'app');
  if (!skipVite) {
    rmSync(appDir, { recursive: true, force: true });
    const r = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--mode', 'iwa',
      '--logLevel', 'warn', '--outDir', appDir, '--emptyOutDir'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`build:iwa: vite build failed (${r.status})`);
  }
  mkdirSync(join(appDir, '.well-known'), { recursive: true });
  writeFileSync(join(appDir, '.well-known', 'manifest.webmanifest'), JSON.stringify(iwaManifest(), null, 2));

  const { key, source } = loadSigningKey(env);
  const bundleId = new WebBundleId(key);
  const webBundleId = bundleId.serialize();
  const origin = bundleId.serializeWithIsolatedWebAppOrigin();
  const unsigned = bundleApp(appDir, origin);
  const { signedWebBundle } = await new IntegrityBlockSigner(unsigned, webBundleId, [new NodeCryptoSigningStrategy(key)]).sign();

  const swbn = join(outDir, `ti-kartenpruefer-${pkg.version}.swbn`);
  writeFileSync(swbn, signedWebBundle);
  // The update manifest Chrome polls for policy-installed IWAs (IsolatedWebAppInstallForceList).
  const src = bundleUrl ?? env.TI_IWA_BUNDLE_URL ?? `https://example.invalid/iwa/ti-kartenpruefer-${pkg.version}.swbn`;
  writeFileSync(join(outDir, 'update-manifest.json'), JSON.stringify({ versions: [{ version: pkg.version, src }] }, null, 2));
  return { swbn, webBundleId, origin, keySource: source, bytes: signedWebBundle.length };
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const result = await buildIwa({
    outDir: opt('--out') ? resolve(opt('--out')) : undefined,
    skipVite: args.includes('--skip-vite'),
    bundleUrl: opt('--bundle-url'),
  });
  console.log(`signed web bundle: ${relative(root, result.swbn)} (${result.bytes} bytes)`);
  console.log(`web bundle id:     ${result.webBundleId}`);
  console.log(`origin:            ${result.origin}`);
  console.log(`signed with:       ${result.keySource}`);
}
