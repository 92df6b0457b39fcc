import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const X = join(import.meta.dirname, '../fixtures/certs/gemlibpki');
const C = join(import.meta.dirname, '../fixtures/certs/cvc');

test('certificate audit: drop files, table with Telematik-ID and problems, export CSV and JSON', async ({ page }) => {
  await page.goto('./#/certs');
  const file = (dir: string, name: string) => ({ name, mimeType: 'application/octet-stream', buffer: readFileSync(join(dir, name)) });
  await page.getByTestId('cert-files').setInputFiles([
    file(X, 'GEM.SMCB-CA57__valid__PraxisBabetteBeyer.pem'), file(X, 'GEM.SMCB-CA57__valid__BabetteBeyer-missing-admission.pem'),
    file(C, 'EGK_G2_1_80276883110000095711_GuD__EF.C.eGK.AUT_CVC.E256.cvc'),
    { name: 'junk.der', mimeType: 'application/octet-stream', buffer: Buffer.from([0x30, 0x82, 0x10, 0x00, 0x02]) },
  ]);
  const table = page.getByTestId('cert-table');
  await expect(table.locator('tbody tr')).toHaveCount(4);
  await expect(table).toContainText('1-2-Psycho-BabetteBeyer01');
  await expect(table).toContainText('C.HCI.AUT');
  await expect(table.locator('[data-code="MISSING_ADMISSION"]')).toHaveCount(1);
  await expect(table).toContainText('CV-Zertifikat');
  // a file-format fault reads as a sentence; the code stays only as data for tests and exports
  await expect(table.getByRole('alert')).toHaveAttribute('data-code', 'DER_TRUNCATED');
  await expect(table.getByRole('alert')).toContainText('Daten abgeschnitten');
  await expect(table.getByRole('alert')).not.toContainText('DER_TRUNCATED');
  await expect(page.getByTestId('cert-summary')).toContainText('3 Zertifikate aus 4 Dateien');
  const csv = page.waitForEvent('download');
  await page.getByRole('button', { name: 'CSV exportieren' }).click();
  const csvText = readFileSync(await (await csv).path(), 'utf8');
  expect(csvText).toContain('1-2-Psycho-BabetteBeyer01');
  expect(csvText).toContain('MISSING_ADMISSION');
  const json = page.waitForEvent('download');
  await page.getByRole('button', { name: 'JSON exportieren' }).click();
  const parsed = JSON.parse(readFileSync(await (await json).path(), 'utf8'));
  expect(parsed).toHaveLength(4);
  expect(parsed[0].admission.registrationNumber).toBe('1-2-Psycho-BabetteBeyer01');
});

test('ASN.1 viewer: tree with OID names, node ↔ hex linking, keyboard', async ({ page }) => {
  await page.goto('./#/certs');
  await page.getByTestId('cert-files').setInputFiles(join(X, 'GEM.SMCB-CA57__valid__PraxisBabetteBeyer.pem'));
  await page.getByRole('button', { name: /In der ASN.1-Ansicht öffnen/ }).click();
  const tree = page.getByTestId('asn1-tree');
  await expect(tree).toContainText('1.2.276.0.76.4.77 C.HCI.AUT');
  await expect(tree).toContainText('brainpoolP256r1');
  await expect(page.getByTestId('cert-summary-panel')).toContainText('1-2-Psycho-BabetteBeyer01');
  // tree → hex: selecting a node highlights exactly its bytes
  const node = tree.getByRole('treeitem').filter({ hasText: 'C.HCI.AUT' });
  await node.click();
  const start = Number(await node.getAttribute('data-start')), end = Number(await node.getAttribute('data-end'));
  await expect(page.locator('.hex-byte.in-node')).toHaveCount(end - start);
  await expect(page.locator(`.hex-byte[data-offset="${start}"]`)).toHaveClass(/in-node/);
  // hex → tree: clicking a byte selects the deepest node containing it
  await page.locator('.hex-byte[data-offset="1"]').click();
  await expect(tree.getByRole('treeitem').first()).toHaveAttribute('aria-selected', 'true');
  await page.locator(`.hex-byte[data-offset="${start + 3}"]`).click();
  await expect(node).toHaveAttribute('aria-selected', 'true');
  // keyboard: ArrowDown moves the selection
  await node.focus();
  await page.keyboard.press('ArrowDown');
  await expect(node).toHaveAttribute('aria-selected', 'false');
});

// QA findings: raw reason codes in problem texts, a policy-less TI certificate without a problem, and the
// ASN.1 viewer's hex-only OCSP URL and keyUsage. Expectations from OpenSSL's reading of the fixture.
test('problems name the Telematik-ID part and a missing policy; the viewer shows the OCSP URL and keyUsage names', async ({ page }) => {
  const name = 'GEM.SMCB-CA57__invalid__BabetteBeyer-missing-policyId.pem';
  const pem = readFileSync(join(X, name));
  const r = spawnSync('openssl', ['x509', '-noout', '-text'], { input: pem, encoding: 'utf8' });
  expect(r.status).toBe(0);
  const ocsp = /OCSP - URI:(\S+)/.exec(r.stdout)![1]!;
  const keyUsageLine = r.stdout.split('\n')[r.stdout.split('\n').findIndex((l) => l.includes('X509v3 Key Usage')) + 1]!.trim();
  expect(keyUsageLine).toBe('Digital Signature');
  expect(r.stdout).not.toMatch(/Policy: /); // certificatePolicies is there but empty

  await page.goto('./#/certs');
  await page.getByTestId('cert-files').setInputFiles([{ name, mimeType: 'application/x-pem-file', buffer: pem }]);
  const row = page.getByTestId('cert-table').locator('tbody tr').first();
  await expect(row.locator('[data-code="MISSING_CERTIFICATE_TYPE"]')).toHaveText('Zertifikatstyp (Policy-OID) fehlt');
  const tid = row.locator('[data-code="TELEMATIK_ID_WARNING"]');
  await expect(tid).toContainText('„a“'); // 1-20a1201-001: the letter in the BSNR is what is wrong
  await expect(tid).not.toContainText('TID_');

  await row.getByRole('button').click();
  const tree = page.getByTestId('asn1-tree');
  await expect(tree.getByRole('treeitem').filter({ hasText: ocsp })).toHaveCount(1);
  await expect(tree.getByRole('treeitem').filter({ hasText: ocsp })).toContainText('[6]');
  await expect(tree.getByRole('treeitem').filter({ hasText: 'BIT STRING digitalSignature (' })).toHaveCount(1);
});

// Issue 12: the German certificate page writes days as TT.MM.JJJJ (the table, the viewer's summary and
// tree), never ISO. The expected day comes from OpenSSL's reading of the fixture.
test('German certificate page: dates as TT.MM.JJJJ, no ISO day in the table or the viewer', async ({ page }) => {
  const name = 'GEM.SMCB-CA57__valid__PraxisBabetteBeyer.pem';
  const pem = readFileSync(join(X, name));
  const r = spawnSync('openssl', ['x509', '-noout', '-enddate', '-dateopt', 'iso_8601'], { input: pem, encoding: 'utf8' });
  expect(r.status).toBe(0);
  const [y, m, d] = /notAfter=(\d{4})-(\d{2})-(\d{2})/.exec(r.stdout)!.slice(1);
  const isoDay = /\b\d{4}-\d{2}-\d{2}\b/;
  await page.goto('./#/certs');
  await page.getByTestId('cert-files').setInputFiles([{ name, mimeType: 'application/x-pem-file', buffer: pem }]);
  const table = page.getByTestId('cert-table');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table).toContainText(`${d}.${m}.${y}`);
  await expect(table).not.toContainText(isoDay);
  await page.getByRole('tab', { name: 'ASN.1-Ansicht' }).click();
  await page.getByTestId('viewer-file').setInputFiles({ name, mimeType: 'application/x-pem-file', buffer: pem });
  await expect(page.getByTestId('cert-summary-panel')).toContainText(`${d}.${m}.${y}`);
  await expect(page.getByTestId('cert-summary-panel')).not.toContainText(isoDay);
  await expect(page.getByTestId('asn1-tree')).not.toContainText(isoDay);
  // the file button carries our own German label, not the browser's "Choose File"
  await expect(page.locator('.file-button')).toHaveText('Datei öffnen …');
});
