// Issue 12: the kiosk's result fits one screen (no scrolling) at the desk sizes, for every demo card;
// the technical IWA note is folded away; an expired card is not given the amber of a mere notice.
import { test, expect, type Page } from '@playwright/test';

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 800 },
  { width: 768, height: 1024 },
  { width: 390, height: 844 },
];
const CARDS = ['SMCB_G2_1', 'SMCB_G2_0', 'HBA_G2_1', 'HBA_G2_0', 'EGK_G2_1'];

async function showCard(page: Page, card: string): Promise<void> {
  const iccsn = page.getByTestId('kiosk-iccsn');
  const before = (await iccsn.count()) > 0 ? await iccsn.textContent() : null;
  await page.locator(`.kiosk-demo-card[data-card="${card}"]`).click();
  await expect(page.getByTestId('kiosk-result')).toBeVisible({ timeout: 20_000 });
  if (before) await expect(page.getByTestId('kiosk-iccsn')).not.toHaveText(before, { timeout: 20_000 });
}

for (const size of SIZES) {
  test.describe(`${size.width}×${size.height}`, () => {
    test.use({ viewport: size });
    test('every demo card: the result fits without scrolling', async ({ page }) => {
      await page.goto('./?kiosk&reader=demo');
      for (const card of CARDS) {
        await showCard(page, card);
        const m = await page.evaluate(() => {
          const result = document.querySelector('[data-testid="kiosk-result"]')!;
          const lowest = Math.max(...[...result.querySelectorAll('*')].map((el) => el.getBoundingClientRect().bottom));
          return {
            scroll: document.documentElement.scrollHeight,
            inner: innerHeight,
            lowest,
            sideways: document.documentElement.scrollWidth - innerWidth,
          };
        });
        expect(m.scroll, `${card}: page ${m.scroll}px high in a ${m.inner}px window`).toBeLessThanOrEqual(m.inner);
        // nothing of the result is cut off below the window (overflow hidden would pass the first check)
        expect(m.lowest, `${card}: result ends at ${m.lowest}px`).toBeLessThanOrEqual(m.inner);
        expect(m.sideways, card).toBeLessThanOrEqual(0);
      }
    });
  });
}

test('the IWA note is behind a small "Technik" fold, closed for front-desk staff', async ({ page }) => {
  await page.goto('./?kiosk&reader=demo');
  const fold = page.getByTestId('kiosk-tech');
  await expect(fold).not.toHaveAttribute('open');
  await expect(fold.locator('summary')).toHaveText('Technik');
  await expect(page.getByTestId('platform-status')).toBeHidden();
  await fold.locator('summary').click();
  await expect(page.getByTestId('platform-status')).toBeVisible();
  await expect(page.getByTestId('platform-status')).toContainText('Isolated Web App');
});

test('expired HBA G2.0: red expiry and warning, no amber "Bitte beachten" of the whole card', async ({ page }) => {
  await page.goto('./?kiosk&reader=demo');
  await showCard(page, 'HBA_G2_0');
  const red = 'rgb(176, 0, 32)';
  await expect(page.getByTestId('kiosk-expiry')).toHaveCSS('color', red);
  await expect(page.getByTestId('verdict-headline')).toHaveCSS('color', red);
  await expect(page.getByTestId('verdict-reason')).toContainText('abgelaufen');
  await expect(page.getByTestId('kiosk-result')).not.toContainText('Bitte beachten');
  // the heading names the card; whether it is usable is the verdict's to say, in its colour
  const heading = page.locator('#kiosk-result-heading');
  const { background, color } = await heading.evaluate((el) => ({
    background: getComputedStyle(el).backgroundColor,
    color: getComputedStyle(el).color,
  }));
  expect(background).toBe('rgba(0, 0, 0, 0)');
  expect(color).toBe('rgb(26, 26, 26)');
});
