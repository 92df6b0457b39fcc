// Each kind of verdict (usable, attention, not usable) first on screen at 1280×800, 768×1024 and 390×844,
// and dates in the user's language on every demo card (no ISO day in German, none as TT.MM.JJJJ in English).
// "usable": no demo card is usable as plugged today (all are gematik test cards; the SMC-B G2.1 still has its
// transport PIN, the rest have expired or RSA-only certificates). The eGK G2.1 image is activated (PIN.CH
// with retries) and its certificates run until 2020-06-20 (openssl x509 -enddate), so at a test desk
// "Stand am 01.01.2020" it is honestly usable.
import { test, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const VIEWPORTS = [{ width: 1280, height: 800 }, { width: 768, height: 1024 }, { width: 390, height: 844 }];
const CARDS = ['SMCB_G2_1', 'SMCB_G2_0', 'HBA_G2_1', 'HBA_G2_0', 'EGK_G2_1'];
const shots = 'test-results/verdict-kinds';
mkdirSync(shots, { recursive: true });

async function plug(page: Page, id: string): Promise<void> {
  await page.getByTestId('demo-card').selectOption(id);
  await page.getByTestId('demo-plug').click();
  await expect(page.getByTestId('verdict-banner')).toBeVisible({ timeout: 20_000 });
}

/** The page's visible text with every fold opened (closed <details> hide their text from innerText). */
async function allText(page: Page, selector: string): Promise<string> {
  return page.locator(selector).evaluate((el) => { el.querySelectorAll('details').forEach((d) => { d.open = true; }); return (el as HTMLElement).innerText; });
}

const KINDS = [
  { level: 'usable', headline: 'Karte nutzbar', card: 'EGK_G2_1', desk: 'test', day: '01.01.2020', reason: 'am 01.01.2020' },
  { level: 'attention', headline: 'Bitte beachten', card: 'SMCB_G2_1', desk: '', day: null, reason: 'noch nicht freigeschaltet' },
  { level: 'notUsable', headline: 'Karte nicht nutzbar', card: 'HBA_G2_0', desk: '', day: null, reason: 'abgelaufen' },
] as const;

for (const viewport of VIEWPORTS) {
  test.describe(`${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });
    for (const kind of KINDS) {
      test(`card page: "${kind.headline}" and its reason in the first viewport`, async ({ page }) => {
        await page.goto('./#/card');
        await plug(page, kind.card);
        if (kind.day || kind.desk) {
          // Desk and day stay set for the next card: pull and plug again, as a technician would.
          await page.getByTestId('card-desk').selectOption(kind.desk);
          await page.getByTestId('verdict-asof').fill(kind.day ?? '');
          await page.getByTestId('verdict-asof').press('Enter');
          await page.getByTestId('demo-remove').click();
          await expect(page.getByTestId('verdict-banner')).toHaveCount(0);
          await page.getByTestId('demo-plug').click();
        }
        const banner = page.getByTestId('verdict-banner');
        await expect(banner).toHaveAttribute('data-level', kind.level, { timeout: 20_000 });
        await expect(page.getByTestId('verdict-headline')).toHaveText(kind.headline);
        await expect(page.getByTestId('verdict-reason')).toContainText(kind.reason);
        await expect(page.getByTestId('verdict-headline')).toBeInViewport({ ratio: 1 });
        await expect(page.getByTestId('verdict-reason')).toBeInViewport({ ratio: 1 });
        if (kind.level === 'usable') await expect(banner).not.toHaveAttribute('data-level', 'attention');
        await page.screenshot({ path: `${shots}/card-${kind.level}-${viewport.width}.png` });
      });
    }
  });
}

test('German: no ISO day on the card page or the kiosk for any demo card; English: no TT.MM.JJJJ', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./#/card');
  for (const id of CARDS) {
    await plug(page, id);
    await expect(page.getByTestId('card-report')).toBeVisible();
    const de = await allText(page, '.card-page');
    expect(de.match(/\d{4}-\d{2}-\d{2}/g), `${id} de`).toBeNull();
    expect(de).toMatch(/\d{2}\.\d{2}\.\d{4}/);
  }
  await page.getByLabel('Sprache').selectOption('en');
  for (const id of CARDS) {
    await plug(page, id);
    await expect(page.getByTestId('verdict-headline')).not.toHaveText(/Karte|Bitte/);
    const en = await allText(page, '.card-page');
    expect(en.match(/\b\d{2}\.\d{2}\.\d{4}\b/g), `${id} en`).toBeNull();
    expect(en.match(/\d{4}-\d{2}-\d{2}/g), `${id} en ISO`).toBeNull();
    await expect(page.getByTestId('verdict-expiry')).toHaveText(/\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b/);
  }
  await page.goto('./?kiosk&reader=demo');
  for (const id of CARDS) {
    const iccsn = page.getByTestId('kiosk-iccsn');
    const before = (await iccsn.count()) > 0 ? await iccsn.textContent() : null;
    await page.locator(`.kiosk-demo-card[data-card="${id}"]`).click();
    await expect(page.getByTestId('kiosk-result')).toBeVisible({ timeout: 20_000 });
    if (before) await expect(iccsn).not.toHaveText(before, { timeout: 20_000 });
    const text = await page.locator('.kiosk-result-wrap').innerText();
    expect(text.match(/\d{4}-\d{2}-\d{2}/g), `kiosk ${id}`).toBeNull();
  }
});

test('HBA G2.0 and eGK: the red rows are as many as the banner and lists say', async ({ page }) => {
  await page.goto('./#/card');
  for (const id of ['HBA_G2_0', 'EGK_G2_1']) {
    await plug(page, id);
    await expect(page.getByTestId('card-report')).toBeVisible();
    const red = await page.locator('[data-testid="card-certificates"] [data-light="expired"]').count();
    const lit = await page.locator('[data-testid="card-certificates"] [data-light]').count();
    expect(red).toBeGreaterThan(0);
    // Any "N von M" on the page (banner, warnings) states the red rows of the rows with a light.
    const text = await allText(page, '.card-page');
    for (const m of text.matchAll(/(\d+) von (\d+) Zertifikaten abgelaufen/g)) expect([Number(m[1]), Number(m[2])], id).toEqual([red, lit]);
  }
});
