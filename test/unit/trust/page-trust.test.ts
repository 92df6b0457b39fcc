// The page's trust store: a verified TSL replaces the previous one and is kept; a refused TSL (broken
// signature, gematik's own test file) changes nothing; remove clears the kept copy; a kept TSL comes back.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCertificateParser, type CertificateParser } from '../../../src/domain/pki/index.ts';
import { createPageTrust, loadSignatureVerifier, looksLikeTsl, type KeptTslStorage, type SignatureVerifier } from '../../../src/domain/pki/trust/index.ts';

const T = join(import.meta.dirname, '../../fixtures/trust/tsl');
const tsl = (name: string) => readFileSync(join(T, name), 'utf8');
const NOW = new Date('2025-08-01T00:00:00Z');
let parser: CertificateParser, verifier: SignatureVerifier;
beforeAll(async () => { parser = await loadCertificateParser(); verifier = await loadSignatureVerifier(); });

function memory(): KeptTslStorage & { text: string | null } {
  const m = {
    text: null as string | null,
    read: () => m.text,
    write: (t: string) => { m.text = t; return true; },
    clear: () => { m.text = null; },
  };
  return m;
}

describe('page trust', () => {
  it('keeps a verified TSL, refuses a broken one without change, removes on request', async () => {
    const storage = memory();
    const page = createPageTrust({ parser, verifier, storage });
    let changes = 0;
    page.onChange(() => changes++);
    const ok = await page.load(tsl('gemlibpki-ecc-TSL_default.xml'), NOW);
    expect(ok.ok).toBe(true);
    expect(ok.kept).toBe(true);
    expect(page.tsl?.sequenceNumber).toBe('420007'); // <TSLSequenceNumber> in the file
    expect(storage.text).toBe(tsl('gemlibpki-ecc-TSL_default.xml'));
    const broken = await page.load(tsl('gemlibpki-ecc-TSL_invalid_Signature_broken.xml'), NOW);
    expect(broken).toMatchObject({ ok: false, error: 'TSL_SIGNATURE_INVALID' });
    expect(page.tsl?.sequenceNumber).toBe('420007');
    expect(page.store.tsls).toHaveLength(1);
    expect(storage.text).toBe(tsl('gemlibpki-ecc-TSL_default.xml'));
    expect(changes).toBe(1);

    // A reload: the kept TSL comes back.
    const again = createPageTrust({ parser, verifier, storage });
    expect((await again.restore(NOW))?.ok).toBe(true);
    expect(again.tsl?.sequenceNumber).toBe('420007');
    again.remove();
    expect(again.tsl).toBeNull();
    expect(storage.text).toBeNull();
    expect(await createPageTrust({ parser, verifier, storage }).restore(NOW)).toBeNull();
  });

  it('a second verified TSL replaces the first', async () => {
    const page = createPageTrust({ parser, verifier, storage: memory() });
    await page.load(tsl('gemlibpki-ecc-TSL_default.xml'), NOW);
    const alt = await page.load(tsl('gemlibpki-ecc-TSL_altCA_revoked.xml'), NOW);
    expect(alt.ok).toBe(true);
    expect(page.store.tsls).toHaveLength(1);
  });

  it('recognises a TSL by its root element only', () => {
    expect(looksLikeTsl(tsl('gemlibpki-ecc-TSL_default.xml').slice(0, 2048))).toBe(true);
    expect(looksLikeTsl('<?xml version="1.0"?><CardImage/>')).toBe(false);
    expect(looksLikeTsl('-----BEGIN CERTIFICATE-----')).toBe(false);
  });
});
