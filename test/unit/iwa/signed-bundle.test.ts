// `npm run build:iwa` end to end: builds the signed web bundle with a key from the environment, then
// checks it without trusting the signing library: integrity block structure, Ed25519 signature over
// the bytes the IWA spec names, web bundle id derived from the key, and the manifest inside the bundle.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bundle } from 'wbn';
import { decodeCbor, mapGet, type CborItem } from './cbor.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

function base32(bytes: Uint8Array): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let bits = 0; let value = 0; let out = '';
  for (const b of bytes) {
    value = (value << 8) | b; bits += 8;
    while (bits >= 5) { out += alphabet[(value >>> (bits - 5)) & 31]; bits -= 5; }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

function rawEd25519(pub: KeyObject): Uint8Array {
  const jwk = pub.export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(jwk.x!, 'base64url'));
}

function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}

function lengthPrefixed(parts: Uint8Array[]): Uint8Array {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const len = Buffer.alloc(8); len.writeBigUInt64BE(BigInt(p.length));
    chunks.push(len, Buffer.from(p));
  }
  return Buffer.concat(chunks);
}

interface Parsed {
  magic: Uint8Array; version: Uint8Array; webBundleId: string;
  publicKey: Uint8Array; signature: Uint8Array; signedData: Uint8Array; webBundle: Uint8Array;
}

/** Splits a .swbn into its integrity block and web bundle and rebuilds the signed data. */
function parseSignedBundle(file: Uint8Array): Parsed {
  const block = decodeCbor(file, 0);
  const [magic, version, attributes, signatures] = block.value as CborItem[];
  if (!magic || !version || !attributes || !signatures) throw new Error('integrity block must have 4 items');
  const sigs = signatures.value as CborItem[];
  expect(sigs).toHaveLength(1);
  const [sigAttributes, signature] = sigs[0]!.value as CborItem[];
  const webBundle = file.subarray(block.end);
  // The integrity block as it was when signed: the same prefix, with an empty signature stack.
  const unsignedBlock = Buffer.concat([file.subarray(0, signatures.start), Buffer.from([0x80])]);
  const signedData = lengthPrefixed([
    new Uint8Array(createHash('sha512').update(webBundle).digest()),
    unsignedBlock,
    file.subarray(sigAttributes!.start, sigAttributes!.end),
  ]);
  return {
    magic: magic.value as Uint8Array,
    version: version.value as Uint8Array,
    webBundleId: mapGet(attributes, 'webBundleId')!.value as string,
    publicKey: mapGet(sigAttributes!, 'ed25519PublicKey')!.value as Uint8Array,
    signature: signature!.value as Uint8Array,
    signedData,
    webBundle,
  };
}

describe('npm run build:iwa → signed web bundle', () => {
  const out = mkdtempSync(join(tmpdir(), 'ti-iwa-'));
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  let swbn: Uint8Array;
  let stdout = '';

  beforeAll(() => {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-iwa.mjs'), '--out', out,
      '--bundle-url', 'https://updates.example.org/ti.swbn'], {
      cwd: root, encoding: 'utf8',
      env: { ...process.env, TI_IWA_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string },
    });
    expect(r.status, r.stderr).toBe(0);
    stdout = r.stdout;
    const name = readdirSync(out).find((f) => f.endsWith('.swbn'));
    expect(name).toBe(`ti-kartenpruefer-${pkg.version}.swbn`);
    swbn = new Uint8Array(readFileSync(join(out, name!)));
  }, 120_000);

  it('has an integrity block (magic 🖋📦, version 2b) signed with the key from TI_IWA_SIGNING_KEY', () => {
    const p = parseSignedBundle(swbn);
    expect(Buffer.from(p.magic).toString('utf8')).toBe('🖋📦');
    expect([...p.version]).toEqual([0x32, 0x62, 0, 0]);
    expect(Buffer.from(p.publicKey).equals(Buffer.from(rawEd25519(publicKey)))).toBe(true);
    expect(stdout).toContain('signed with:       TI_IWA_SIGNING_KEY');
  });

  it('signature verifies over sha512(bundle) ‖ unsigned block ‖ attributes, and fails when one byte changes', () => {
    const p = parseSignedBundle(swbn);
    const key = publicKeyFromRaw(p.publicKey);
    expect(verify(null, p.signedData, key, p.signature)).toBe(true);
    const tampered = new Uint8Array(swbn);
    tampered[tampered.length - 100]! ^= 0x01;
    const t = parseSignedBundle(tampered);
    expect(verify(null, t.signedData, key, t.signature)).toBe(false);
  });

  it('web bundle id is base32(public key ‖ 00 01 02), the Ed25519 id of the signing key', () => {
    const p = parseSignedBundle(swbn);
    const expected = base32(new Uint8Array([...rawEd25519(publicKey), 0x00, 0x01, 0x02]));
    expect(p.webBundleId).toBe(expected);
    expect(p.webBundleId).toHaveLength(56);
    expect(stdout).toContain(`isolated-app://${expected}/`);
  });

  it('bundle holds the whole app under isolated-app://<id>/ with IWA headers and a manifest granting usb, usb-unrestricted, smart-card', () => {
    const p = parseSignedBundle(swbn);
    const bundle = new Bundle(Buffer.from(p.webBundle));
    const origin = `isolated-app://${p.webBundleId}/`;
    expect(bundle.urls.length).toBeGreaterThan(3);
    for (const url of bundle.urls) expect(url.startsWith(origin), url).toBe(true);

    const manifestResponse = bundle.getResponse(`${origin}.well-known/manifest.webmanifest`);
    expect(manifestResponse.status).toBe(200);
    expect(manifestResponse.headers['content-type']).toBe('application/manifest+json');
    const manifest = JSON.parse(new TextDecoder().decode(manifestResponse.body)) as Record<string, unknown>;
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.id).toBe('/');
    const policy = manifest.permissions_policy as Record<string, string[]>;
    for (const feature of ['usb', 'usb-unrestricted', 'smart-card']) expect(policy[feature]).toEqual(['self']);
    for (const icon of manifest.icons as { src: string }[]) {
      expect(bundle.getResponse(origin + icon.src.replace(/^\//, '')).status).toBe(200);
    }

    const index = bundle.getResponse(origin);
    const html = new TextDecoder().decode(index.body);
    expect(html).toContain('<div id="app">');
    for (const [name, value] of Object.entries({
      'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp',
      'cross-origin-resource-policy': 'same-origin',
    })) expect(index.headers[name]).toBe(value);
    const csp = index.headers['content-security-policy']!;
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toMatch(/https?:/);
    // Every script and style the page loads is inside the bundle.
    const refs = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(bundle.urls, ref).toContain(origin + ref);
    // No service worker in the IWA build: the bundle is already offline.
    expect(bundle.urls.some((u) => u.endsWith('sw.js'))).toBe(false);
  });

  it('writes an update manifest for IsolatedWebAppInstallForceList', () => {
    const update = JSON.parse(readFileSync(join(out, 'update-manifest.json'), 'utf8'));
    expect(update).toEqual({ versions: [{ version: pkg.version, src: 'https://updates.example.org/ti.swbn' }] });
  });

  it('the development key file is git-ignored', () => {
    const r = spawnSync('git', ['check-ignore', '-q', '.iwa-dev-key.pem'], { cwd: root });
    expect(r.status).toBe(0);
    expect(existsSync(join(out, '.iwa-dev-key.pem'))).toBe(false);
  });
});
