// Narrow windows (a phone or a split help-desk screen, 390 px): no page scrolls sideways, every nav link
// stays visible, wide content (tables, hex dumps) scrolls inside its own box. And at 1280 px the whole
// certificate table fits, so the "Ansehen" column is never clipped.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const NARROW = { width: 390, height: 844 };
const CERTS = join(import.meta.dirname, '../fixtures/certs/gemlibpki');
const ID_LIST = join(import.meta.dirname, '../fixtures/id-lists/praxen-cp1252.csv');

async function expectNoSideScroll(page: Page, width: number, where: string): Promise<void> {
  const { scroll, client, culprits } = await page.evaluate((w) => ({
    scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
    // elements reaching past the window whose children do not: names what to fix when this fails
    culprits: [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > w + 0.5
      && ![...el.children].some((c) => c.getBoundingClientRect().right > w + 0.5)
      && !(el.parentElement?.closest('main *') && (() => { for (let a: HTMLElement | null = el.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true; return false; })()))
      .slice(0, 6).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}[${el.getAttribute('data-testid') ?? ''}] right=${Math.round(el.getBoundingClientRect().right)}`),
  }), width);
  expect(client, where).toBeLessThanOrEqual(width);
  expect(scroll, `${where}: page is ${scroll}px wide in a ${width}px window; past the edge: ${culprits.join(' | ')}`).toBeLessThanOrEqual(width);
}

/** Every nav link lies fully inside the window (not cut off, not pushed off to the side). */
async function expectNavVisible(page: Page, width: number): Promise<void> {
  const links = page.locator('.nav-list a');
  expect(await links.count()).toBe(4);
  for (const link of await links.all()) {
    await expect(link).toBeVisible();
    const box = (await link.boundingBox())!;
    expect(box.x, await link.textContent() ?? '').toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, await link.textContent() ?? '').toBeLessThanOrEqual(width);
  }
}

async function loadCertificates(page: Page): Promise<number> {
  const pems = readdirSync(CERTS).filter((f) => f.endsWith('.pem')).sort();
  await page.goto('./#/certs');
  await page.getByTestId('cert-files').setInputFiles(pems.map((f) => ({ name: f, mimeType: 'application/x-pem-file', buffer: readFileSync(join(CERTS, f)) })));
  await expect(page.getByTestId('cert-table').locator('tbody tr:not(.spacer)').first()).toBeVisible({ timeout: 30_000 });
  return pems.length;
}

test.describe('390 px window', () => {
  test.use({ viewport: NARROW });

  test('#/audit with results', async ({ page }) => {
    await page.goto('./#/audit');
    await page.getByTestId('file-input').setInputFiles(ID_LIST);
    await expect(page.getByTestId('finding-row').first()).toBeVisible({ timeout: 20_000 });
    await expectNoSideScroll(page, NARROW.width, '#/audit');
    await expectNavVisible(page, NARROW.width);
  });

  test('#/card with the demo reader plugged and a card shown', async ({ page }) => {
    await page.goto('./#/card');
    // the longest reader name is the one that pushed the page widest
    const models = await page.getByTestId('demo-model').locator('option').evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })));
    const longest = models.reduce((a, b) => (b.text.length > a.text.length ? b : a));
    await page.getByTestId('demo-model').selectOption(longest.value);
    await page.getByTestId('demo-card').selectOption('HBA_G2_0');
    await page.getByTestId('demo-plug').click();
    await expect(page.getByTestId('card-type')).toHaveText('HBA (Heilberufsausweis)', { timeout: 20_000 });
    await expectNoSideScroll(page, NARROW.width, '#/card');
    await expectNavVisible(page, NARROW.width);
    for (const select of await page.locator('main select').all()) {
      const box = (await select.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(NARROW.width);
    }
  });

  test('#/certs with the table; the table scrolls inside its own box', async ({ page }) => {
    await loadCertificates(page);
    await expectNoSideScroll(page, NARROW.width, '#/certs');
    await expectNavVisible(page, NARROW.width);
    const box = await page.locator('.table-scroll').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(box.scroll).toBeGreaterThan(box.client); // nine columns do not fit 390 px: they scroll here, not the page
    // the ASN.1 view of one certificate fits as well
    await page.getByTestId('cert-table').locator('tbody button').first().click();
    await expect(page.getByTestId('asn1-tree')).toBeVisible();
    await expectNoSideScroll(page, NARROW.width, '#/certs ASN.1 view');
  });

  test('#/about', async ({ page }) => {
    await page.goto('./#/about');
    await expect(page.locator('main h2, main h1').first()).toBeVisible();
    await expectNoSideScroll(page, NARROW.width, '#/about');
    await expectNavVisible(page, NARROW.width);
  });
});

test.describe('1280 px window', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('the certificate table fits: no sideways scroll and the open buttons are whole', async ({ page }) => {
    const count = await loadCertificates(page);
    expect(count).toBeGreaterThan(40);
    const box = await page.locator('.table-scroll').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(box.scroll, 'certificate table scrolls sideways').toBeLessThanOrEqual(box.client);
    const scrollerRight = await page.locator('.table-scroll').evaluate((el) => el.getBoundingClientRect().right);
    for (const button of (await page.getByTestId('cert-table').locator('tbody button').all()).slice(0, 8)) {
      const b = (await button.boundingBox())!;
      expect(b.x + b.width).toBeLessThanOrEqual(scrollerRight);
      // the label is not cut: the button is as wide as its text needs
      expect(await button.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    }
    await expectNoSideScroll(page, 1280, '#/certs');
  });

  test('ASN.1 view: tree, hex dump and summary all stay in the window', async ({ page }) => {
    await loadCertificates(page);
    await page.getByTestId('cert-table').locator('tbody button').first().click();
    await expect(page.getByTestId('asn1-tree')).toBeVisible();
    for (const id of ['asn1-tree', 'hexdump', 'cert-summary-panel']) {
      const b = (await page.getByTestId(id).boundingBox())!;
      expect(b.x, id).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width, id).toBeLessThanOrEqual(1280);
    }
    await expectNoSideScroll(page, 1280, '#/certs ASN.1 view');
  });
});
